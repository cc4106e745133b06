use super::*;
use crate::bank::{self, Bank, BankSource};
use crate::interactive::flow::Progress;
use std::path::Path;

fn mini() -> Bank {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    bank::load(&BankSource::Dir(dir)).unwrap().0
}

fn ask(bank: &Bank, id: &str, current: &Slot, input: &str) -> (io::Result<Reply>, String) {
    let q = bank.question(id).unwrap();
    let view = QuestionView {
        skip: crate::interactive::prompt::SKIP,
        question: q,
        set_title: &bank.sets[q.set].title,
        place: Progress {
            part: 1,
            parts: 2,
            number: 2,
            total: 5,
            seconds_left: 90,
        },
        current,
        can_go_back: true,
    };
    let mut out = Vec::new();
    let r = Plain::new(input.as_bytes(), &mut out, None).ask(&view);
    (r, String::from_utf8(out).unwrap())
}

#[test]
fn numbered_choices_and_progress() {
    let bank = mini();
    let (r, out) = ask(&bank, "boss_early_leave", &Slot::Missing, "9\n3\n");
    assert_eq!(
        r.unwrap(),
        Reply::Answer(Slot::Given(Answer::Choice("counted".into())))
    );
    assert!(
        out.contains("Part 1 of 2 · Your manager · about 2 min left"),
        "{out}"
    );
    assert!(out.contains("  3. It is counted against me"), "{out}");
    assert!(out.contains("\"9\" is not one of the choices"), "{out}");
    assert!(!out.contains('\x1b'), "no escape sequences: {out:?}");
}

#[test]
fn skip_back_keep_and_end_of_input() {
    let bank = mini();
    let (r, _) = ask(&bank, "boss_understands", &Slot::Missing, "s\n");
    assert_eq!(r.unwrap(), Reply::Answer(Slot::Skipped));
    let (r, _) = ask(&bank, "boss_understands", &Slot::Missing, "b\n");
    assert_eq!(r.unwrap(), Reply::Back);
    let kept = Slot::Given(Answer::Scale(2));
    let (r, out) = ask(&bank, "boss_understands", &kept, "\n");
    assert_eq!(r.unwrap(), Reply::Answer(kept));
    assert!(out.contains("Your answer so far: 2 (Disagree)"), "{out}");
    let (r, _) = ask(&bank, "boss_understands", &Slot::Missing, "");
    assert_eq!(r.unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
}

#[test]
fn help_is_one_line_away() {
    let bank = mini();
    let mut q = bank.question("boss_understands").unwrap().clone();
    q.help = Some("Think of the last three months.".into());
    let view = QuestionView {
        skip: crate::interactive::prompt::SKIP,
        question: &q,
        set_title: "Your manager",
        place: Progress {
            part: 1,
            parts: 1,
            number: 1,
            total: 2,
            seconds_left: 90,
        },
        current: &Slot::Missing,
        can_go_back: false,
    };
    let mut out = Vec::new();
    let r = Plain::new(&b"?\nb\n3\n"[..], &mut out, None).ask(&view);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(r.unwrap(), Reply::Answer(Slot::Given(Answer::Scale(3))));
    assert!(out.contains("? = help"), "{out}");
    assert!(out.contains("Think of the last three months."), "{out}");
    assert!(
        !out.contains("b = back"),
        "no back from the first question: {out}"
    );
    assert!(out.contains("This is the first question."), "{out}");
}

#[test]
fn multi_scale_yesno_and_text() {
    let bank = mini();
    let (r, _) = ask(&bank, "flex_options", &Slot::Missing, "3, 1\n");
    assert_eq!(
        r.unwrap(),
        Reply::Answer(Slot::Given(Answer::Multi(vec![
            "remote".into(),
            "part_time".into()
        ])))
    );
    let (r, _) = ask(&bank, "flex_options", &Slot::Missing, "0\n");
    assert_eq!(
        r.unwrap(),
        Reply::Answer(Slot::Given(Answer::Multi(vec![])))
    );
    let (r, _) = ask(&bank, "boss_late_email", &Slot::Missing, "5\n0\n");
    assert_eq!(r.unwrap(), Reply::Answer(Slot::Given(Answer::Scale(0))));
    let (r, _) = ask(&bank, "has_manager", &Slot::Missing, "2\n");
    assert_eq!(r.unwrap(), Reply::Answer(Slot::Given(Answer::YesNo(false))));
    let (r, _) = ask(&bank, "notes", &Slot::Missing, "Ask Dana\n");
    assert_eq!(
        r.unwrap(),
        Reply::Answer(Slot::Given(Answer::Text("Ask Dana".into())))
    );
    let (r, _) = ask(&bank, "notes", &Slot::Missing, "\n");
    assert_eq!(r.unwrap(), Reply::Answer(Slot::Skipped));
}
