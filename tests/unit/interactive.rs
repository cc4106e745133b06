use super::*;
use crate::answers::{Answer, Slot};
use std::collections::VecDeque;

/// A prompter that replays replies and records what it was shown.
#[derive(Default)]
struct Script {
    replies: VecDeque<std::io::Result<Reply>>,
    shown: Vec<String>,
}

impl Prompter for Script {
    fn say(&mut self, text: &str) -> std::io::Result<()> {
        self.shown.push(text.to_string());
        Ok(())
    }
    fn heading(&mut self, title: &str, _: Option<&str>) -> std::io::Result<()> {
        self.shown.push(format!("# {title}"));
        Ok(())
    }
    fn ask(&mut self, v: &QuestionView<'_>) -> std::io::Result<Reply> {
        self.shown.push(format!(
            "{} {} {:?}",
            v.progress(),
            v.question.id,
            v.current
        ));
        self.replies.pop_front().unwrap_or_else(|| {
            Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "script ended",
            ))
        })
    }
    fn choose(&mut self, _: &str, _: &[String], d: usize) -> std::io::Result<Option<usize>> {
        Ok(Some(d))
    }
    fn input(&mut self, _: &str, i: &str) -> std::io::Result<Option<String>> {
        Ok(Some(i.to_string()))
    }
    fn keys(&self) -> &'static str {
        "keys"
    }
}

fn mini() -> Bank {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    bank::load(&BankSource::Dir(dir)).unwrap().0
}

fn given(a: Answer) -> std::io::Result<Reply> {
    Ok(Reply::Answer(Slot::Given(a)))
}

#[test]
fn a_session_goes_back_saves_after_each_answer_and_finishes() {
    let bank = mini();
    let mut flow = Flow::new(&bank, Mode::Quick, AnswerSheet::new(&bank));
    let mut script = Script {
        replies: VecDeque::from([
            given(Answer::Scale(2)),
            Ok(Reply::Back),
            given(Answer::Scale(5)),
            Ok(Reply::Answer(Slot::Skipped)),
        ]),
        ..Script::default()
    };
    let mut saves = Vec::new();
    ask_all(&mut script, &mut flow, |f, _| {
        saves.push(f.sheet().to_json(f.bank()));
        Ok(AfterAnswer::Continue)
    })
    .unwrap();
    assert_eq!(flow.current(), None, "finished");
    assert_eq!(saves.len(), 3, "one save per answer, none for back");
    assert_eq!(
        serde_json::Value::Object(saves[2].clone()),
        serde_json::json!({ "boss_understands": 5, "flex_options": null })
    );
    assert_eq!(
        script.shown,
        [
            "# Part 1 of 2: Your manager",
            "Part 1 of 2 · Your manager · less than a minute left boss_understands Missing",
            "# Part 2 of 2: Flexibility",
            "Part 2 of 2 · Flexibility · less than a minute left flex_options Missing",
            // Back: no part introduction again.
            "Part 1 of 2 · Your manager · less than a minute left boss_understands Given(Scale(2))",
            "Part 2 of 2 · Flexibility · less than a minute left flex_options Missing",
        ]
    );
}

#[test]
fn a_stop_keeps_the_answers_so_far() {
    let bank = mini();
    let mut flow = Flow::new(&bank, Mode::Full, AnswerSheet::new(&bank));
    let mut script = Script {
        replies: VecDeque::from([
            given(Answer::YesNo(true)),
            Err(std::io::Error::new(std::io::ErrorKind::Interrupted, "^C")),
        ]),
        ..Script::default()
    };
    let stop = ask_all(&mut script, &mut flow, |_, _| Ok(AfterAnswer::Continue)).unwrap_err();
    assert_eq!(stop.kind(), std::io::ErrorKind::Interrupted);
    assert_eq!(flow.done(), 1);
    assert!(
        script
            .shown
            .last()
            .unwrap()
            .starts_with("Part 1 of 2 · Your manager · about 3 min left"),
        "{:?}",
        script.shown
    );
    let mut flow = Flow::new(&bank, Mode::Full, flow.sheet().clone());
    let stop = ask_all(&mut Script::default(), &mut flow, |_, _| {
        Ok(AfterAnswer::Continue)
    })
    .unwrap_err();
    assert_eq!(stop.kind(), std::io::ErrorKind::UnexpectedEof);
}

#[test]
fn the_intro_says_how_long_and_that_answers_stay_here() {
    let bank = mini();
    let text = intro_text(&bank, Mode::Full, "KEYS");
    assert!(
        text.contains("about 3 minutes: up to 7 questions"),
        "{text}"
    );
    assert!(
        text.contains("asks 3 core questions (about a minute)"),
        "{text}"
    );
    assert!(text.contains("Nothing is sent anywhere"), "{text}");
    assert!(text.contains("mommytrack assess --resume"), "{text}");
    assert!(text.ends_with("KEYS"));
    let quick = intro_text(&bank, Mode::Quick, "KEYS");
    assert!(
        quick.contains("quick version: up to 3 core questions"),
        "{quick}"
    );
}

#[test]
fn resume_hints() {
    assert!(resume_hint(0, Path::new("d.json")).contains("nothing was saved"));
    let h = resume_hint(3, Path::new("/s/draft.json"));
    assert!(
        h.contains("Your 3 answers are saved in /s/draft.json"),
        "{h}"
    );
    assert!(h.contains("mommytrack assess --resume"), "{h}");
}
