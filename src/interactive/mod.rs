//! `mommytrack assess` on a terminal: the interactive questionnaire.
//!
//! [`flow`] decides which question comes next (pure, unit-tested);
//! a [`prompt::Prompter`] asks it, on dialoguer ([`rich`]) or as numbered
//! plain lines ([`plain`]); [`state`] keeps the draft that makes the session
//! safe to interrupt. The result is built by the same engine as
//! `assess --answers`, from the same answers.

pub mod flow;
pub mod plain;
pub mod prompt;
pub mod rich;
pub mod state;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;

use crate::answers::AnswerSheet;
use crate::bank::{self, Bank, BankSource};
use crate::cli::{AssessArgs, ColorChoice};
use crate::export::{self, Format, RenderOptions};
use crate::result::{self, AssessmentResult};
use crate::scoring::Mode;
use flow::Flow;
use prompt::{Prompter, QuestionView, Reply, is_stop};
use state::Draft;

/// Seconds a question of this kind takes to read and answer, for the
/// time estimates of the intro: a pick from a list is quick, ticking
/// several takes longer, writing a note longer still.
pub fn seconds_for(q: &crate::bank::Question) -> usize {
    match q.kind {
        crate::bank::Kind::Choice(_)
        | crate::bank::Kind::YesNo(_)
        | crate::bank::Kind::Scale(_) => 13,
        crate::bank::Kind::Multi(_) => 25,
        crate::bank::Kind::Text => 45,
    }
}

/// How a session ended before its last question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// The input ended (a pipe ran dry, Ctrl-D).
    InputEnded,
}

/// How the questions went.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every asked question was answered or skipped.
    Finished,
    Stopped(Stop),
}

/// What Ctrl-C says, kept up to date as answers are saved.
static HINT: Mutex<String> = Mutex::new(String::new());
/// Held while the draft is written, so that Ctrl-C never exits mid-write.
static SAVING: Mutex<()> = Mutex::new(());

fn set_hint(hint: String) {
    *HINT.lock().unwrap_or_else(|e| e.into_inner()) = hint;
}

/// Ends the program after Ctrl-C or the end of input: cursor restored,
/// how to resume, exit 130. Safe to call from the Ctrl-C handler's thread
/// and the main thread at once: the second caller waits for the exit.
pub fn stop(why: Stop) -> ! {
    let _saving = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    // No draft is being written now; a report or result being written is
    // left unfinished, so its temporary file goes.
    crate::signals::remove_temp();
    let term = console::Term::stderr();
    if term.is_term() {
        let _ = term.show_cursor();
    }
    let hint = HINT.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let what = match why {
        Stop::Interrupted => "Stopped.",
        Stop::InputEnded => "The input ended before the last question.",
    };
    crate::error::diag(format_args!("\n{what} {hint}"));
    std::process::exit(crate::error::ExitKind::Interrupted.code())
}

/// The resume hint for a draft holding `answers` answers.
fn resume_hint(answers: usize, draft: &Path) -> String {
    match answers {
        0 => "Nothing was answered, so nothing was saved.".to_string(),
        n => format!(
            "Your {} saved in {}.\nTo carry on where you stopped: mommytrack assess --resume",
            if n == 1 {
                "answer is".to_string()
            } else {
                format!("{n} answers are")
            },
            draft.display()
        ),
    }
}

/// Runs the interactive assessment (`assess` with no `--answers`).
pub fn run(args: &AssessArgs, color: ColorChoice) -> Result<()> {
    let state_dir = state::state_dir();
    if let Some(dir) = &state_dir {
        state::check_dir(dir)?;
    }
    let draft_path = state_dir.as_ref().map(|d| d.join(state::DRAFT_FILE));
    let existing = match &draft_path {
        Some(p) if args.resume => Some(Draft::read(p)?.ok_or_else(|| state::no_draft(p))?),
        Some(p) => Draft::read(p).unwrap_or_else(|e| {
            crate::error::diag(format_args!("mommytrack: warning: {e}"));
            None
        }),
        None if args.resume => {
            return Err(crate::error::Failure::new(
                crate::error::ExitKind::NoInput,
                "there is no unfinished assessment to resume: no state folder (set HOME, XDG_STATE_HOME or MOMMYTRACK_STATE_DIR)",
            )
            .into());
        }
        None => None,
    };

    // On --resume the draft's bank is used unless --bank names another.
    let bank_dir: Option<PathBuf> = match (&args.bank.bank, &existing) {
        (Some(dir), _) => Some(dir.clone()),
        (None, Some(d)) if args.resume => d.bank.dir.clone(),
        _ => None,
    };
    let (bank, _) = bank::load(&BankSource::from_option(bank_dir.as_deref()))?;

    let plain = args.plain
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdin().is_terminal()
        || !std::io::stderr().is_terminal();
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(plain::Plain::new(
            std::io::stdin().lock(),
            std::io::stderr(),
        ))
    } else {
        Box::new(rich::Rich::new(prompt_color(color)))
    };

    set_hint("Nothing was answered, so nothing was saved.".into());
    // Ctrl-C, SIGTERM or SIGHUP (the handler main installs) now stop the
    // session with the resume hint; the draft is saved after every answer.
    crate::signals::on_signal(|| stop(Stop::Interrupted));

    let p = prompter.as_mut();
    let mut mode = if args.quick { Mode::Quick } else { Mode::Full };
    let mut sheet = AnswerSheet::new(&bank);
    let fingerprint = state::fingerprint(&bank);
    match (&existing, &draft_path) {
        (Some(d), Some(path)) if args.resume => {
            if d.bank.fingerprint != fingerprint {
                p.say(&format!(
                    "Note: the questions changed since this draft was saved; your answers are checked against {}.",
                    BankSource::from_option(bank_dir.as_deref()).describe()
                ))?;
            }
            sheet = keep_what_fits(p, d, &bank, path)?;
            mode = d.mode();
            set_hint(resume_hint(d.count(), path));
            welcome_back(p, &bank, mode, d.count())?;
        }
        (Some(d), Some(path)) => {
            intro(p, &bank, mode, state_dir.as_deref())?;
            if d.bank.fingerprint == fingerprint && d.count() > 0 {
                let items = [
                    format!(
                        "Carry on where I stopped ({} answered, {} mode)",
                        d.count(),
                        d.mode
                    ),
                    "Start over (the saved answers are deleted)".to_string(),
                ];
                match ask(p.choose("You have an unfinished assessment.", &items, 0))? {
                    Some(1) => state::remove_draft(path)?,
                    _ => {
                        sheet = d.sheet(&bank, path)?;
                        mode = d.mode();
                        set_hint(resume_hint(d.count(), path));
                    }
                }
            } else {
                p.say(&format!(
                    "Note: an unfinished assessment of other questions is saved in {}; your first answer replaces it.",
                    path.display()
                ))?;
            }
        }
        _ => intro(p, &bank, mode, state_dir.as_deref())?,
    }

    let mut flow = Flow::new(&bank, mode, sheet);
    let mut save_failed = false;
    let outcome = ask_all(p, &mut flow, |flow, p| {
        let Some(dir) = &state_dir else {
            return Ok(());
        };
        let draft = Draft::new(flow.bank(), bank_dir.as_deref(), flow.mode(), flow.sheet());
        let saved = {
            let _saving = SAVING.lock().unwrap_or_else(|e| e.into_inner());
            state::write(dir, state::DRAFT_FILE, &draft.to_json())
        };
        match saved {
            Ok(path) => set_hint(resume_hint(draft.count(), &path)),
            Err(e) if !save_failed => {
                save_failed = true;
                set_hint("Your answers could not be saved.".into());
                p.say(&format!(
                    "Warning: cannot save your answers in {}: {e}. You can carry on, but an interruption would lose them.",
                    dir.display()
                ))?;
            }
            Err(_) => {}
        }
        Ok(())
    })?;
    match outcome {
        Outcome::Stopped(why) => stop(why),
        Outcome::Finished => finish(
            p,
            &flow,
            args,
            color,
            state_dir.as_deref(),
            draft_path.as_deref(),
        ),
    }
}

/// The draft's answers that fit the bank. When some no longer do, each is
/// shown (question, saved value, why) and the user chooses between
/// keeping the others and stopping with the draft untouched.
fn keep_what_fits(
    p: &mut dyn Prompter,
    d: &Draft,
    bank: &Bank,
    path: &Path,
) -> Result<AnswerSheet> {
    let (sheet, misfits) = d.fitting(bank);
    if misfits.is_empty() {
        return Ok(sheet);
    }
    const SHOWN: usize = 20;
    let mut text = format!(
        "{} of your {} saved answers no longer fit the questions:",
        misfits.len(),
        d.count()
    );
    for m in misfits.iter().take(SHOWN) {
        text.push_str(&format!("\n  - {m}"));
    }
    if misfits.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", misfits.len() - SHOWN));
    }
    p.say(&text)?;
    let kept = d.count() - misfits.len();
    let items = [
        format!(
            "Keep the {} that still {} and carry on (the others are asked again)",
            plural(kept, "answer"),
            if kept == 1 { "fits" } else { "fit" }
        ),
        "Stop here; the saved answers stay as they are".to_string(),
    ];
    match ask(p.choose("What now?", &items, 0))? {
        Some(0) => Ok(sheet),
        _ => Err(crate::error::Failure::invalid(format!(
            "the saved draft {} does not fit the question bank any more. To keep the answers that still fit, run `mommytrack assess --resume` and choose to keep them (with --plain, type 1); to start over, delete the draft",
            crate::sanitize::path(path)
        ))
        .into()),
    }
}

/// Colour for the prompts on standard error.
fn prompt_color(color: ColorChoice) -> bool {
    match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Ctrl-C or the end of input in a prompt outside the questions stops the
/// session the same way as in a question.
fn ask<T>(r: std::io::Result<T>) -> Result<T> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => stop(Stop::Interrupted),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => stop(Stop::InputEnded),
        other => Ok(other?),
    }
}

/// Asks every question the flow asks, calling `saved` after each answer.
/// Returns how it ended; I/O errors other than a stop are errors.
pub fn ask_all<F>(p: &mut dyn Prompter, flow: &mut Flow, mut saved: F) -> std::io::Result<Outcome>
where
    F: FnMut(&Flow, &mut dyn Prompter) -> std::io::Result<()>,
{
    let bank = flow.bank();
    let mut shown_set = None;
    while let Some(q) = flow.current() {
        let question = &bank.questions[q];
        let set = &bank.sets[question.set];
        if shown_set != Some(question.set) {
            p.heading(&set.title, set.description.as_deref())?;
            shown_set = Some(question.set);
        }
        let (number, total) = flow.progress().unwrap_or((1, 1));
        let view = QuestionView {
            question,
            set_title: &set.title,
            number,
            total,
            current: flow.sheet().slot(q),
            can_go_back: number > 1,
        };
        match p.ask(&view) {
            Ok(Reply::Answer(slot)) => {
                flow.answer(slot);
                saved(flow, p)?;
            }
            Ok(Reply::Back) => {
                if !flow.back() {
                    p.say("This is the first question.")?;
                }
            }
            Err(e) if is_stop(&e) => {
                return Ok(Outcome::Stopped(
                    if e.kind() == std::io::ErrorKind::Interrupted {
                        Stop::Interrupted
                    } else {
                        Stop::InputEnded
                    },
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Outcome::Finished)
}

/// "about 3 minutes" for these questions.
fn duration<'q>(questions: impl Iterator<Item = &'q crate::bank::Question>) -> String {
    let seconds: usize = questions.map(seconds_for).sum();
    let minutes = seconds.div_ceil(60).max(1);
    if minutes == 1 {
        "about a minute".into()
    } else {
        format!("about {minutes} minutes")
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The intro: what the tool does, how long it takes, where answers stay, the keys.
pub fn intro_text(bank: &Bank, mode: Mode, state_dir: Option<&Path>, keys: &str) -> String {
    let safe = export::terminal_safe;
    let mut parts = Vec::new();
    parts.push(match &bank.description {
        Some(d) => safe(d.trim()),
        None => "A career-path self-assessment for working parents: does your workplace offer you a positive track, with flexibility and a way up, or is it quietly sidelining you?".into(),
    });
    let sets: Vec<String> = bank.sets.iter().map(|s| safe(s.title.trim())).collect();
    if !sets.is_empty() {
        parts.push(format!("It asks about: {}.", sets.join(", ")));
    }
    let full = bank.questions.len();
    let core = bank.questions.iter().filter(|q| q.core).count();
    parts.push(match mode {
        Mode::Full => format!(
            "It takes {}: up to {}, some asked only when they apply. For a first impression, `mommytrack assess --quick` asks only the {} core ones, {}.",
            duration(bank.questions.iter()),
            plural(full, "question"),
            core,
            duration(bank.questions.iter().filter(|q| q.core))
        ),
        Mode::Quick => format!(
            "This is the quick version: up to {}, {}. The full assessment asks up to {}, {}.",
            plural(core, "core question"),
            duration(bank.questions.iter().filter(|q| q.core)),
            full,
            duration(bank.questions.iter())
        ),
    });
    parts.push(match state_dir {
        Some(dir) => format!(
            "Everything stays on this computer: nothing is sent anywhere. Your answers are saved as you go, in {}, so you can stop at any time and carry on later with `mommytrack assess --resume`.",
            dir.display()
        ),
        None => "Everything stays on this computer: nothing is sent anywhere.".into(),
    });
    if let Some(d) = &bank.disclaimer {
        parts.push(safe(d.trim()));
    }
    parts.push(keys.to_string());
    parts.join("\n\n")
}

fn intro(p: &mut dyn Prompter, bank: &Bank, mode: Mode, state_dir: Option<&Path>) -> Result<()> {
    let text = intro_text(bank, mode, state_dir, p.keys());
    p.heading(&bank.title, Some(&text))?;
    Ok(())
}

fn welcome_back(p: &mut dyn Prompter, bank: &Bank, mode: Mode, answers: usize) -> Result<()> {
    let text = format!(
        "Welcome back: {} restored, carrying on with the {} assessment where you stopped.\n\n{}",
        plural(answers, "answer"),
        mode.as_str(),
        p.keys()
    );
    p.heading(&bank.title, Some(&text))?;
    Ok(())
}

/// Scores the answers, saves the result in the state folder, removes the
/// draft, shows the report and offers copies to share.
fn finish(
    p: &mut dyn Prompter,
    flow: &Flow,
    args: &AssessArgs,
    color: ColorChoice,
    state_dir: Option<&Path>,
    draft_path: Option<&Path>,
) -> Result<()> {
    let bank = flow.bank();
    let (result, _) = result::assess(bank, &flow.finished_sheet(), flow.mode());
    let saved = match state_dir {
        Some(dir) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            match state::write_result(dir, now, &export::to_json(&result)) {
                Ok(path) => {
                    if let Some(draft) = draft_path {
                        let _saving = SAVING.lock().unwrap_or_else(|e| e.into_inner());
                        state::remove_draft(draft)?;
                    }
                    set_hint(format!("Your result is saved in {}.", path.display()));
                    Some(path)
                }
                Err(e) => {
                    p.say(&format!(
                        "Warning: cannot save the result in {}: {e}; your answers stay in the draft.",
                        dir.display()
                    ))?;
                    None
                }
            }
        }
        None => None,
    };
    p.say("")?;
    crate::commands::emit(result.clone(), &args.output, color)?;
    if let Some(out) = &args.output.output {
        p.say(&format!("The report is in {}.", out.display()))?;
    }
    if let Some(path) = saved {
        p.say(&format!(
            "Your result is saved in {}; `mommytrack report {}` shows it again.",
            path.display(),
            path.display()
        ))?;
    }
    match offer_copies(p, &result, args.output.redact) {
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => stop(Stop::Interrupted),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(()),
        other => Ok(other?),
    }
}

/// "Save a copy to share?" until the user is done.
fn offer_copies(
    p: &mut dyn Prompter,
    result: &AssessmentResult,
    redact: bool,
) -> std::io::Result<()> {
    let choices = [
        ("No thanks, I am done", None),
        ("Markdown (.md), to paste or print", Some(Format::Markdown)),
        ("HTML (.html), to open in a browser", Some(Format::Html)),
        (
            "JSON (.json), for `mommytrack report` and `compare`",
            Some(Format::Json),
        ),
    ];
    let items: Vec<String> = choices.iter().map(|(l, _)| l.to_string()).collect();
    let mut r = result.clone();
    if redact {
        r.redact();
    }
    loop {
        let Some(i) = p.choose("Save a copy of the report to share?", &items, 0)? else {
            return Ok(());
        };
        let Some(format) = choices[i].1 else {
            return Ok(());
        };
        let ext = match format {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json | Format::Text => "json",
        };
        let default = format!("mommytrack-report.{ext}");
        let Some(name) = p.input("Save as", &default)? else {
            continue;
        };
        let doc = export::exporter(format).map(|e| e.report(&r, &RenderOptions::default()));
        let message = match doc {
            Ok(doc) => match crate::files::write_output(Path::new(&name), &doc) {
                Ok(()) => format!(
                    "Saved {}.",
                    std::path::absolute(&name).map_or(name.clone(), |p| p.display().to_string())
                ),
                Err(e) => format!("Not saved: {e}"),
            },
            Err(e) => format!("Not saved: {e:#}"),
        };
        p.say(&message)?;
    }
}

#[cfg(test)]
mod tests {
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
        let outcome = ask_all(&mut script, &mut flow, |f, _| {
            saves.push(f.sheet().to_json(f.bank()));
            Ok(())
        })
        .unwrap();
        assert_eq!(outcome, Outcome::Finished);
        assert_eq!(saves.len(), 3, "one save per answer, none for back");
        assert_eq!(
            serde_json::Value::Object(saves[2].clone()),
            serde_json::json!({ "boss_understands": 5, "flex_options": null })
        );
        assert_eq!(
            script.shown,
            [
                "# Your manager",
                "Question 1 of 2 · Your manager boss_understands Missing",
                "# Flexibility",
                "Question 2 of 2 · Flexibility flex_options Missing",
                "# Your manager",
                "Question 1 of 2 · Your manager boss_understands Given(Scale(2))",
                "# Flexibility",
                "Question 2 of 2 · Flexibility flex_options Missing",
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
        let outcome = ask_all(&mut script, &mut flow, |_, _| Ok(())).unwrap();
        assert_eq!(outcome, Outcome::Stopped(Stop::Interrupted));
        assert_eq!(flow.done(), 1);
        assert!(script.shown.last().unwrap().starts_with("Question 2 of 7"));
        let mut flow = Flow::new(&bank, Mode::Full, flow.sheet().clone());
        let outcome = ask_all(&mut Script::default(), &mut flow, |_, _| Ok(())).unwrap();
        assert_eq!(outcome, Outcome::Stopped(Stop::InputEnded));
    }

    #[test]
    fn the_intro_says_how_long_and_that_answers_stay_here() {
        let bank = mini();
        let text = intro_text(&bank, Mode::Full, Some(Path::new("/st")), "KEYS");
        assert!(
            text.contains("about 3 minutes: up to 7 questions"),
            "{text}"
        );
        assert!(
            text.contains("only the 3 core ones, about a minute"),
            "{text}"
        );
        assert!(text.contains("stays on this computer"), "{text}");
        assert!(text.contains("/st"), "{text}");
        assert!(text.contains("Your manager, Flexibility"), "{text}");
        assert!(text.ends_with("KEYS"));
        let quick = intro_text(&bank, Mode::Quick, None, "KEYS");
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
}
