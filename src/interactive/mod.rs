//! `mommytrack assess` on a terminal: the interactive questionnaire.
//!
//! [`flow`] decides which question comes next (pure, unit-tested);
//! a [`prompt::Prompter`] asks it, in frames of the live area of
//! [`screen`] on the list widgets of [`menu`] and the line editor of
//! [`editor`] (laid out by [`layout`], number keys by [`digits`]), keys
//! read by [`keys`] ([`rich`]), or as numbered plain
//! lines ([`plain`]); [`state`] keeps the
//! draft that makes the session safe to interrupt. The result is built by
//! the same engine as `assess --answers`, and shown, paged and saved
//! through the output plan ([`crate::output`]): nothing here formats a
//! report.

pub mod digits;
pub mod editor;
mod end;
pub mod flow;
pub mod keys;
pub mod layout;
pub mod menu;
pub mod plain;
pub mod prompt;
pub mod rich;
pub mod screen;
pub mod state;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::answers::{self, AnswerSheet};
use crate::bank::{self, Bank, BankSource};
use crate::error::{ExitKind, Failure};
use crate::export::{self, count};
use crate::output::Plan;
use crate::scoring::Mode;
use flow::Flow;
use prompt::{Prompter, QuestionView, Reply};
use state::Draft;

/// What the session needs besides the output plan.
#[derive(Debug, Clone)]
pub struct Session {
    /// `--bank`: a bank folder instead of the built-in bank (on `--resume`,
    /// instead of the draft's).
    pub bank_dir: Option<PathBuf>,
    pub mode: Mode,
    /// `--resume`: carry on with the saved draft.
    pub resume: bool,
    /// `--taken`: the day to record in the result instead of today.
    pub taken: Option<String>,
}

/// What the session does after an answer is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterAnswer {
    /// The next question.
    Continue,
    /// Finish now with the answers so far (the person chose to).
    FinishNow,
}

/// What Ctrl-C says, kept up to date as answers are saved.
static HINT: Mutex<String> = Mutex::new(String::new());
/// Set by the Ctrl-C handler; read where input is waited for.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Standard error is a terminal (from the output plan): the cursor is
/// shown again on the way out.
static STDERR_TTY: AtomicBool = AtomicBool::new(false);

fn set_hint(hint: String) {
    *HINT.lock().unwrap_or_else(|e| e.into_inner()) = hint;
}

/// Set while the full report is in the pager: a Ctrl-C there is the
/// pager's, not a reason to end the session.
pub(crate) static PAGING: AtomicBool = AtomicBool::new(false);

/// What a signal does during a session: it notes the stop for the prompt
/// that waits. Returns whether the program should still end (after a grace
/// period, if the session is blocked where the signal cannot reach it):
/// not while the pager has the terminal.
fn on_signal() -> bool {
    INTERRUPTED.store(true, Ordering::SeqCst);
    !PAGING.load(Ordering::SeqCst)
}

/// The error that ends a stopped session (Ctrl-C, or the input ended:
/// `interrupted` false): the cursor restored, how to resume, and exit 130
/// (through `main`, like every other exit code).
fn stopped(interrupted: bool) -> anyhow::Error {
    // A report or result being written is left unfinished: its temporary
    // file goes.
    crate::signals::remove_temp();
    if STDERR_TTY.load(Ordering::SeqCst) {
        let _ = console::Term::stderr().show_cursor();
    }
    eprintln!();
    let hint = HINT.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let what = match interrupted {
        true => "Stopped.",
        false => "The input ended before the last question.",
    };
    let mut text = format!("{what} {hint}");
    // Wrapped here, at spaces (a long path after a "/"): a terminal would
    // cut it anywhere.
    if STDERR_TTY.load(Ordering::SeqCst) {
        let width = screen::columns(usize::from(console::Term::stderr().size().1));
        text = crate::wrap::lines(&text, width, "", "", crate::wrap::Breaks::Spaces).join("\n");
    }
    Failure::new(ExitKind::Interrupted, text).into()
}

/// Keeps the draft: after each answer, or, while the next answers are
/// already waiting on standard input (piped, or pasted ahead), once they
/// have been read and before the session waits or ends: a bank of 10,000
/// questions piped a line an answer wrote and flushed its draft 10,000
/// times. Nothing typed is lost: what is not saved yet is still waiting
/// to be read where it came from.
struct Keeper<'a, F: Fn() -> bool> {
    /// The state folder; `None`: no draft is kept.
    dir: Option<&'a Path>,
    bank_dir: Option<&'a Path>,
    /// Whether more input is waiting on standard input, not read yet (the
    /// prompter says what it has read ahead).
    typed_ahead: F,
    /// Saving failed once (and the user was told).
    failed: bool,
    /// Answers were given since the draft was saved.
    unsaved: bool,
}

impl<F: Fn() -> bool> Keeper<'_, F> {
    fn answered(&mut self, flow: &Flow, p: &mut dyn Prompter) -> std::io::Result<()> {
        self.unsaved = true;
        match p.typed_ahead() || (self.typed_ahead)() {
            true => Ok(()),
            false => self.save(flow, p),
        }
    }

    /// Saves the draft if answers were given since it was saved.
    fn save(&mut self, flow: &Flow, p: &mut dyn Prompter) -> std::io::Result<()> {
        let Some(dir) = self.dir.filter(|_| self.unsaved) else {
            return Ok(());
        };
        self.unsaved = false;
        let draft = Draft::new(flow.bank(), self.bank_dir, flow.mode(), flow.sheet());
        // A draft is read back with the cap of an answers file: one past it
        // is not saved (and the user told), rather than saved unreadable.
        let json = draft.to_json();
        let saved = match json.len() as u64 {
            n if n > state::MAX_DRAFT_BYTES => Err(std::io::Error::other(format!(
                "your answers are more text than a draft holds ({} MiB)",
                state::MAX_DRAFT_BYTES >> 20
            ))),
            _ => state::write(dir, state::DRAFT_FILE, &json),
        };
        match saved {
            Ok(path) => set_hint(resume_hint(draft.count(), &path)),
            Err(e) if !self.failed => {
                self.failed = true;
                // A draft saved before still holds what the hint says.
                if !dir.join(state::DRAFT_FILE).exists() {
                    set_hint("Your answers could not be saved.".into());
                }
                p.say(&format!(
                    "Warning: cannot save your answers in {}: {e}. You can carry on, but an interruption would lose them.",
                    dir.display()
                ))?;
            }
            Err(_) => {}
        }
        Ok(())
    }
}

/// The resume hint for a draft holding `answers` answers.
fn resume_hint(answers: usize, draft: &Path) -> String {
    let saved = match answers {
        0 => return "Nothing was answered, so nothing was saved.".to_string(),
        1 => "answer is".to_string(),
        n => format!("{n} answers are"),
    };
    let resume = "To carry on where you stopped: mommytrack assess --resume";
    format!("Your {saved} saved in {}.\n{resume}", draft.display())
}

/// Standard input for `--plain`, waited for in slices, so that Ctrl-C
/// (which sets [`INTERRUPTED`]) ends a wait for a line at once.
struct InterruptibleStdin;

impl std::io::Read for InterruptibleStdin {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Err(std::io::Error::other(STOP_MARK));
            }
            let slice = std::time::Duration::from_millis(50);
            if let Some(n) = keys::read_within(libc::STDIN_FILENO, buf, slice)? {
                return Ok(n);
            }
        }
    }
}

/// The message of the error a read returns after Ctrl-C.
const STOP_MARK: &str = "interrupted by Ctrl-C";

/// Turns an I/O error after Ctrl-C into `Interrupted`, whatever its kind.
fn after_ctrl_c(e: std::io::Error) -> std::io::Error {
    if INTERRUPTED.load(Ordering::SeqCst) {
        std::io::Error::new(std::io::ErrorKind::Interrupted, STOP_MARK)
    } else {
        e
    }
}

/// Runs the interactive assessment (`assess` with no `--answers`).
pub fn run(session: &Session, plan: &Plan) -> Result<()> {
    let state_dir = state::state_dir();
    if let Some(dir) = &state_dir {
        state::check_dir(dir)?;
    }
    let draft_path = state_dir.as_ref().map(|d| d.join(state::DRAFT_FILE));
    let existing = match &draft_path {
        Some(p) if session.resume => Some(Draft::read(p)?.ok_or_else(|| state::no_draft(p))?),
        Some(p) => Draft::read(p).unwrap_or_else(|e| {
            crate::error::diag(format_args!("mommytrack: warning: {e}"));
            None
        }),
        None if session.resume => {
            return Err(crate::error::Failure::missing("there is no unfinished assessment to resume: no state folder (set HOME, XDG_STATE_HOME or MOMMYTRACK_STATE_DIR)").into());
        }
        None => None,
    };

    // On --resume the draft's bank is used unless --bank names another.
    let bank_dir: Option<PathBuf> = match (&session.bank_dir, &existing) {
        (Some(dir), _) => Some(dir.clone()),
        (None, Some(d)) if session.resume => d.bank.dir.clone(),
        _ => None,
    };
    let (bank, _) = bank::load(&BankSource::from_option(bank_dir.as_deref()))?;

    STDERR_TTY.store(plan.term.stderr_tty, Ordering::SeqCst);
    let plain = plan.plain || !plan.term.stdin_tty || !plan.term.stderr_tty;
    let mut prompter: Box<dyn Prompter> = if plain {
        let columns = || usize::from(console::Term::stderr().size().1).saturating_sub(1);
        Box::new(plain::Plain::new(
            InterruptibleStdin,
            std::io::stderr(),
            plan.term.stderr_tty.then(columns),
        ))
    } else {
        let stop = || INTERRUPTED.load(Ordering::SeqCst);
        Box::new(rich::Rich::new(plan.color_stderr, stop)?)
    };

    set_hint("Nothing was answered, so nothing was saved.".into());
    // Ctrl-C, SIGTERM or SIGHUP only set a flag here: the prompt that
    // waits sees it and the session ends through the normal error path,
    // with the resume hint and exit 130 from `main`.
    crate::signals::on_signal(on_signal);

    let p = prompter.as_mut();
    let mut mode = session.mode;
    let mut sheet = AnswerSheet::new(&bank);
    match (&existing, &draft_path) {
        (Some(d), Some(path)) if session.resume => {
            sheet = keep_what_fits(p, d, &bank, path)?;
            mode = d.mode;
            set_hint(resume_hint(d.count(), path));
            welcome_back(p, &bank, mode, d.count())?;
        }
        (Some(d), Some(path)) => {
            // The draft stays until it is deleted or a first answer
            // replaces it: a stop before then says so.
            set_hint(resume_hint(d.count(), path));
            intro(p, &bank, mode)?;
            // The same bank, and every answer still fits it (a newer
            // release's bank may have changed other questions).
            let (fitting, misfits) = d.fitting(&bank);
            let same = d.bank.dir == state::BankIdentity::of(&bank, bank_dir.as_deref()).dir;
            if same && misfits.is_empty() && d.count() > 0 {
                let items = [
                    format!(
                        "Carry on where I stopped ({} answered, {} assessment)",
                        d.count(),
                        d.mode.as_str()
                    ),
                    "Start over (the saved answers are deleted)".to_string(),
                ];
                match ask(p.choose("You have an unfinished assessment.", &items, 0))? {
                    Some(1) => {
                        state::remove_draft(path)?;
                        set_hint(resume_hint(0, path));
                    }
                    _ => {
                        sheet = fitting;
                        mode = d.mode;
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
        _ => intro(p, &bank, mode)?,
    }

    // issue 23: about another employer, the facts about you carry over.
    let carried = match &state_dir {
        Some(dir) if mode == Mode::Prospective && sheet.is_empty() => {
            carry_facts(p, &bank, dir, &mut sheet)?
        }
        _ => None,
    };
    let mut flow = Flow::new(&bank, mode, sheet);
    // The answers are held to what their draft can save and read back,
    // with room for a skip of every question and what it says besides.
    let mut skips = AnswerSheet::new(&bank);
    (0..bank.questions.len()).for_each(|i| skips.set(i, answers::Slot::Skipped));
    let reserve = Draft::new(&bank, bank_dir.as_deref(), mode, &skips)
        .to_json()
        .len();
    let room = (state::MAX_DRAFT_BYTES as usize).saturating_sub(reserve);
    flow.hold_at_most(room.min(state::ANSWERS_HELD));
    let mut facts_from = None;
    match &carried {
        Some((true, _, _)) => flow.restart(),
        Some((false, when, _)) => {
            flow.keep_given();
            facts_from = Some(when.clone());
        }
        None => {}
    }
    let mut keeper = Keeper {
        dir: state_dir.as_deref(),
        bank_dir: bank_dir.as_deref(),
        typed_ahead: move || plain && keys::ready(libc::STDIN_FILENO),
        failed: false,
        unsaved: false,
    };
    // issue 23 (next): the settled verdict, offered once per session.
    let mut settled = Settled::new(&bank);
    let asked = ask_all(p, &mut flow, |flow, p| {
        keeper.answered(flow, p)?;
        settled.offer(flow, p)
    });
    // What waited while more input was there is saved however the
    // session ends, before the resume hint is written.
    let kept = keeper.save(&flow, p);
    ask(asked)?;
    ask(kept)?;
    let today = || mommytrack_engine::date::Date::today().to_string();
    let stamp = end::Stamp {
        taken: session.taken.clone().unwrap_or_else(today),
        settled_after: settled.after,
        facts_from,
        current: carried.map(|(_, _, current)| current),
    };
    let (state_dir, draft_path) = (state_dir.as_deref(), draft_path.as_deref());
    end::finish(p, &flow, plan, state_dir, draft_path, &stamp)
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
            count(kept, "answer", "answers"),
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

/// A prospective session starts from the facts about you (`personal`
/// questions) in your latest saved result, if there is one: it says which
/// and from when, and lets you keep them or go through them again, each
/// with its answer chosen. Returns, if any were carried, whether to go
/// through them, from which day, and the result they come from.
fn carry_facts(
    p: &mut dyn Prompter,
    bank: &Bank,
    dir: &Path,
    sheet: &mut AnswerSheet,
) -> Result<Option<(bool, String, crate::result::AssessmentResult)>> {
    let (when, facts, current) = match state::latest_facts(dir, bank) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(None),
        Err(()) => {
            p.say(&format!(
                "Your newest saved results, {} MiB of them, are all about other employers, so the facts about you are asked again (the results are in {}).",
                state::FACTS_LOOKED_AT >> 20,
                dir.display()
            ))?;
            return Ok(None);
        }
    };
    let (safe, day) = (export::terminal_safe, export::terminal_safe(&when));
    let mut text = format!(
        "From your result of {day}, these facts about you carry over to this employer; they decide which questions fit you:"
    );
    for (i, q) in bank.questions.iter().enumerate() {
        if let Some(a) = facts.get(i) {
            let (prompt, answer) = (safe(q.prompt.trim()), safe(&a.label(q)));
            text.push_str(&format!("\n  - {prompt} \u{201c}{answer}\u{201d}"));
        }
    }
    p.say(&text)?;
    let again = "Go through them again: each comes with your answer chosen, to keep or change";
    let items = ["Use them", again].map(String::from);
    // The question names the result: on a small screen the list above
    // scrolls away (review S2).
    let question = format!("Use these facts from your result of {day}?");
    let review = ask(p.choose(&question, &items, 0))? == Some(1);
    *sheet = facts;
    Ok(Some((review, when, current)))
}

/// Ctrl-C or the end of input, in a question or anywhere else, stops the
/// session with the resume hint.
fn ask<T>(r: std::io::Result<T>) -> Result<T> {
    match r.map_err(after_ctrl_c) {
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Err(stopped(true)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(stopped(false)),
        other => Ok(other?),
    }
}

/// The fewest questions left for which finishing early is offered.
const OFFER_WHEN_LEFT: usize = 3;

/// The settled verdict in a session (`settled_after` in docs/formats.md): once no answers to the
/// questions left can change the verdict, say so once and offer to finish.
#[derive(Debug)]
struct Settled {
    /// Answers given when the verdict first settled.
    after: Option<usize>,
    /// What is left of the work the session's searches may do.
    work: usize,
    /// The last scored question (past it, nothing is left to settle).
    last_scored: Option<usize>,
    /// The answers ([`Flow::changes`]) and the question of the last search.
    searched: Option<(usize, usize)>,
}

/// The work all of a session's settled-verdict searches may do together
/// (one search after each answer, in the units of
/// [`crate::scoring::MAX_WORK`], which also bounds each one): the built-in
/// bank's whole session spends 200,000 to 320,000; a bank of 10,000
/// questions, piped a line an answer, took 54 s without it, and one of
/// 330 questions of 200 options 2 s with 40,000,000 (when an option
/// counted as one). Past it the
/// verdict is not worked out early, and the result says it did not settle
/// (`settled_after: null`).
const SETTLE_WORK: usize = 6_000_000;

impl Settled {
    fn new(bank: &Bank) -> Self {
        Settled {
            after: None,
            work: SETTLE_WORK,
            last_scored: bank.questions.iter().rposition(|q| q.is_scored()),
            searched: None,
        }
    }

    /// After an answer: if the verdict has just settled, says so and asks
    /// whether to finish now or go on.
    fn offer(&mut self, flow: &Flow, p: &mut dyn Prompter) -> std::io::Result<AfterAnswer> {
        if self.after.is_some() {
            return Ok(AfterAnswer::Continue);
        }
        let (Some(next), Some(place)) = (flow.current(), flow.progress()) else {
            return Ok(AfterAnswer::Continue);
        };
        let bank = flow.bank();
        // With nothing scored left (free text, say) there is nothing to
        // settle early.
        if self.last_scored.is_none_or(|last| last < next) {
            return Ok(AfterAnswer::Continue);
        }
        // The same answers from the same question (an answer kept, after
        // going back) settle as they did.
        if self.searched.replace((flow.changes(), next)) == Some((flow.changes(), next)) {
            return Ok(AfterAnswer::Continue);
        }
        let mommytrack_engine::scoring::Settlement::Settled(b) =
            crate::scoring::settle_within(bank, flow.sheet(), flow.mode(), next, &mut self.work)
        else {
            return Ok(AfterAnswer::Continue);
        };
        let answered = (0..next).filter(|&q| flow.sheet().get(q).is_some()).count();
        self.after = Some(answered);
        let left = place.total + 1 - place.number;
        // With the end in sight, finishing early saves nothing worth a
        // question of its own: the result still records when it settled.
        if left < OFFER_WHEN_LEFT {
            return Ok(AfterAnswer::Continue);
        }
        let label = export::terminal_safe(&bank.bands[b].label);
        let message = format!(
            "Your verdict is settled: {label}. Whatever you answer to the {} left, it stays {label}. You can finish now, or go on: the rest make your next steps fit you better.",
            count(left, "question", "questions")
        );
        let items = ["Finish now and see my result", "Go on with the questions"].map(String::from);
        Ok(match p.choose(&message, &items, 0)? {
            Some(0) => AfterAnswer::FinishNow,
            _ => AfterAnswer::Continue,
        })
    }
}

/// Asks every question the flow asks, calling `saved` after each answer.
/// A part's title and introduction are shown where the questions go on
/// into it, once (going back into it does not repeat them, and going back
/// shows no heading: the question it lands on comes at once). Ends early
/// with the error of the stop (`Interrupted` for Ctrl-C,
/// `UnexpectedEof` when the input ended; see [`ask`]) or of the terminal.
pub fn ask_all<F>(p: &mut dyn Prompter, flow: &mut Flow, mut saved: F) -> std::io::Result<()>
where
    F: FnMut(&Flow, &mut dyn Prompter) -> std::io::Result<AfterAnswer>,
{
    let (bank, prospective) = (flow.bank(), flow.mode() == Mode::Prospective);
    let mut shown_sets = HashSet::new();
    // The part of the question asked before, and whether it was left by
    // going back.
    let (mut last_part, mut went_back) = (None, false);
    while let Some(q) = flow.current() {
        // Ctrl-C while nothing was being read (between two prompts).
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(keys::interrupted());
        }
        let worded = bank.questions[q].worded(prospective);
        let question = &*worded;
        let set = &bank.sets[question.set];
        let part = flow.part_of(q);
        let set_title = match part {
            flow::FACTS => flow::FACTS_TITLE,
            _ => set.titled(prospective),
        };
        let Some(place) = flow.progress() else { break };
        // A stop while a part's heading waits for Enter is a stop too.
        let goes_on = last_part.replace(part) != Some(part) && !went_back;
        let heading = match goes_on && shown_sets.insert(part) {
            true => {
                let title = export::terminal_safe(set_title.trim());
                let title = format!("Part {} of {}: {title}", place.part, place.parts);
                // A part's introduction speaks of your own job.
                let about = set.description.as_deref().filter(|_| !prospective);
                p.heading(&title, about.map(export::terminal_safe).as_deref())
            }
            false => Ok(()),
        };
        let view = QuestionView {
            question,
            set_title,
            place,
            current: flow.sheet().slot(q),
            can_go_back: place.number > 1,
            skip: match prospective && !question.personal {
                true => prompt::DONT_KNOW,
                false => prompt::SKIP,
            },
        };
        let reply = heading.and_then(|()| p.ask(&view))?;
        went_back = reply == Reply::Back;
        match reply {
            Reply::Answer(slot) => {
                let most = "Your answers together have reached the most one assessment keeps (1 MiB as saved, where <, > and & take six characters each)";
                let slot = match flow.fit(slot) {
                    flow::Fit::Whole(slot) => slot,
                    flow::Fit::Cut(slot, n) => {
                        let n = crate::error::thousands(n);
                        p.say(&format!(
                            "{most}: only the first {n} characters of this answer are kept."
                        ))?;
                        slot
                    }
                    flow::Fit::Full => {
                        p.say(&format!("{most}, so this answer cannot be kept as well: skip it, or go back and shorten a written answer."))?;
                        continue;
                    }
                };
                flow.answer(slot);
                if saved(flow, p)? == AfterAnswer::FinishNow {
                    return Ok(());
                }
            }
            Reply::Back => {
                if p.cleared_heading() {
                    shown_sets.remove(&part);
                }
                if !flow.back() {
                    p.say("This is the first question.")?;
                }
            }
        }
    }
    Ok(())
}

/// The intro: what the tool does, how long it takes, that answers stay
/// here, the keys. Short enough to read on a 24-line terminal.
pub fn intro_text(bank: &Bank, mode: Mode, keys: &str) -> String {
    let safe = export::terminal_safe;
    let mut parts = Vec::new();
    parts.push(match &bank.description {
        Some(d) => safe(d.trim()),
        None => "A career-path self-assessment for working parents: does your workplace offer you a positive track, with flexibility and a way up, or is it quietly sidelining you?".into(),
    });
    let asks = |mode| crate::estimate::questions(bank, mode).count();
    let takes = |mode| crate::estimate::duration(bank, mode);
    let (full, core) = (
        asks(Mode::Full),
        count(asks(Mode::Quick), "core question", "core questions"),
    );
    parts.push(match mode {
        Mode::Full => format!(
            "It takes {}: up to {}, some only when they apply. For a first impression, `mommytrack assess --quick` asks {core} ({}).",
            takes(Mode::Full),
            count(full, "question", "questions"),
            takes(Mode::Quick)
        ),
        Mode::Quick => format!(
            "This is the quick version: up to {core}, {}. The full assessment asks up to {full}, {}.",
            takes(Mode::Quick),
            takes(Mode::Full)
        ),
        // issue 23 (next): a prospective employer.
        Mode::Prospective => format!(
            "These questions are about an employer you are considering, not your current one: up to {}, {}, with a few facts about you first (taken from your latest result, if one is saved), which decide which of them fit you. Answer what you have found out; \"Don't know yet\" skips a question, and the report says what is still unknown and what to ask next (`mommytrack interview` prints the whole kit).",
            count(asks(Mode::Prospective), "question", "questions"),
            takes(Mode::Prospective)
        ),
    });
    parts.push(
        "Nothing is sent anywhere. Answers are saved on this computer as you go: stop at any time and carry on with `mommytrack assess --resume`.".into(),
    );
    // The disclaimer's first sentence; the report carries all of it.
    if let Some(d) = &bank.disclaimer {
        let d = d.trim();
        let first = d.find(". ").map_or(d, |end| &d[..=end]);
        parts.push(safe(first));
    }
    parts.push(keys.to_string());
    parts.join("\n\n")
}

fn intro(p: &mut dyn Prompter, bank: &Bank, mode: Mode) -> Result<()> {
    let text = intro_text(bank, mode, p.keys());
    ask(p.pause(&export::terminal_safe(&bank.title), &text))
}

fn welcome_back(p: &mut dyn Prompter, bank: &Bank, mode: Mode, answers: usize) -> Result<()> {
    let text = format!(
        "Welcome back: {} restored, carrying on with the {} assessment where you stopped.\n\n{}",
        count(answers, "answer", "answers"),
        mode.as_str(),
        p.keys()
    );
    ask(p.pause(&export::terminal_safe(&bank.title), &text))
}

#[cfg(test)]
#[path = "../../tests/unit/interactive.rs"]
mod tests;
