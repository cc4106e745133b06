//! The state folder: where the draft of an unfinished assessment is saved
//! after every answer, and where finished results are kept.
//!
//! `$MOMMYTRACK_STATE_DIR` if set, else `mommytrack` in the system's state
//! folder (`$XDG_STATE_HOME`, else `~/.local/state`, on Linux; the local
//! data folder elsewhere). Files are written atomically with mode 0600
//! ([`crate::files::write_private`]); the folder is created with mode 0700.

use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::answers::{self, AnswerSheet};
use crate::bank::Bank;
use crate::error::{Failure, cant_create};
use crate::scoring::Mode;

/// The draft's file name in the state folder.
pub const DRAFT_FILE: &str = "draft.json";
/// The draft layout version.
pub const DRAFT_VERSION: u32 = 1;

/// The state folder from the environment, or `None` when there is no home.
pub fn state_dir() -> Option<PathBuf> {
    let set = std::env::var_os("MOMMYTRACK_STATE_DIR").filter(|v| !v.is_empty());
    if let Some(dir) = set {
        return Some(PathBuf::from(dir));
    }
    let system = dirs::state_dir().or_else(dirs::data_local_dir);
    system.map(|d| d.join("mommytrack"))
}

/// Refuses (exit 73) a state folder that others may write in or that
/// belongs to someone else, as ssh refuses such a `~/.ssh`: another user
/// could swap the draft for answers of theirs, or read the results. A
/// folder that does not exist yet is fine: it is created with mode 0700.
pub fn check_dir(dir: &Path) -> Result<(), Failure> {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    let shown = crate::sanitize::path(dir);
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(cant_create(format!(
            "the state folder {shown} belongs to another user, so your answers are not kept there; set MOMMYTRACK_STATE_DIR to a folder of yours"
        )));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(cant_create(format!(
            "the state folder {shown} can be written by other users (mode {:o}), so your answers are not kept there; make it private with `chmod 700 {shown}`",
            meta.mode() & 0o7777
        )));
    }
    Ok(())
}

/// Creates the state folder (mode 0700) if needed.
pub fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// The file in the state folder that holds the respondent id.
const RESPONDENT_FILE: &str = "respondent";

/// 128 bits from the system's randomness, as 32 hex digits.
pub fn fresh_secret() -> String {
    use std::hash::BuildHasher as _;
    let fresh = std::collections::hash_map::RandomState::new();
    format!("{:016x}{:016x}", fresh.hash_one(1u8), fresh.hash_one(2u8))
}

/// The respondent id a session writes into its results (docs/formats.md,
/// `respondent`): kept in the state folder (mode 0600), made on first
/// use; `None` when it cannot be kept (a summary then counts the result as
/// a person of its own).
pub fn respondent(dir: &Path) -> Option<String> {
    let path = dir.join(RESPONDENT_FILE);
    if !path.exists() {
        let id = format!("{}\n", fresh_secret());
        let _ =
            ensure_dir(dir).and_then(|()| crate::files::write_private_new(&path, id.as_bytes()));
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let id = text.trim();
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_string())
}

/// An unfinished assessment: the answers so far in the answers-file format,
/// the mode, and which bank they belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub mommytrack_draft: u32,
    /// `full` or `quick`.
    pub mode: Mode,
    pub bank: BankIdentity,
    /// Question id → answer, `null` for "prefer not to say"; bank order.
    pub answers: serde_json::Map<String, serde_json::Value>,
}

/// Which bank a draft was answered against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankIdentity {
    pub title: String,
    /// The `--bank` folder (absolute), or `None` for the built-in bank.
    #[serde(default)]
    pub dir: Option<PathBuf>,
}

impl BankIdentity {
    pub fn of(bank: &Bank, dir: Option<&Path>) -> Self {
        BankIdentity {
            title: bank.title.clone(),
            dir: dir.map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())),
        }
    }
}

impl Draft {
    pub fn new(bank: &Bank, dir: Option<&Path>, mode: Mode, sheet: &AnswerSheet) -> Self {
        Draft {
            mommytrack_draft: DRAFT_VERSION,
            mode,
            bank: BankIdentity::of(bank, dir),
            answers: sheet.to_json(bank),
        }
    }

    pub fn to_json(&self) -> String {
        crate::export::to_json(self)
    }

    /// Reads a draft; a missing one is `Ok(None)`.
    pub fn read(path: &Path) -> Result<Option<Draft>, Failure> {
        // The same caps as any input: a draft replaced by a link to
        // /dev/zero or by a FIFO is refused, not read for ever.
        let Some(text) = crate::input::read_text_if_exists(path, MAX_DRAFT_BYTES)? else {
            return Ok(None);
        };
        Self::parse(&text, path).map(Some)
    }

    /// A draft from its JSON text; `path` names it in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Draft, Failure> {
        serde_json::from_str(text).map_err(|e| {
            Failure::invalid(format!(
                "{}:{}:{}: the saved draft is damaged ({e}); delete it to start over",
                crate::sanitize::path(path),
                e.line(),
                e.column()
            ))
        })
    }

    /// The draft's answers that still fit `bank`, and why each of the
    /// others does not: for a draft saved before the questions changed.
    pub fn fitting(&self, bank: &Bank) -> (AnswerSheet, Vec<Misfit>) {
        let mut sheet = AnswerSheet::new(bank);
        let mut misfits = Vec::new();
        for (id, value) in &self.answers {
            let shown = crate::answers::shorten(&value.to_string(), 40);
            let misfit = |why: String| Misfit {
                id: crate::sanitize::inline(id).into_owned(),
                value: crate::sanitize::inline(&shown).into_owned(),
                why: crate::sanitize::inline(&why).into_owned(),
            };
            let Some(q) = bank.question_position(id) else {
                misfits.push(misfit("the question is no longer asked".into()));
                continue;
            };
            let converted = answers::convert(
                &bank.questions[q],
                &mommytrack_engine::yaml::Node::from_json(value),
            );
            match converted {
                Ok(slot) => sheet.set(q, slot),
                Err((why, valid)) if valid.is_empty() => misfits.push(misfit(why)),
                Err((why, valid)) => misfits.push(misfit(format!("{why}; {valid}"))),
            }
        }
        (sheet, misfits)
    }

    /// How many answers (skips included) the draft holds.
    pub fn count(&self) -> usize {
        self.answers.len()
    }
}

/// The most a draft may hold: 1 MiB of answers ([`ANSWERS_HELD`]), a
/// skip of every question of the largest bank, and what the draft says
/// besides.
pub const MAX_DRAFT_BYTES: u64 = 2 * crate::input::MAX_ANSWERS_BYTES;

/// The most the answers given (not the skips) of a session may hold, as
/// its draft saves them: what an answers file may hold.
pub const ANSWERS_HELD: usize = crate::input::MAX_ANSWERS_BYTES as usize;

/// What character `c` takes in a JSON string as [`crate::export::to_json`]
/// writes it (`<`, `>`, `&` and other characters as six).
pub fn json_char_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
        '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => 6,
        c if c < ' ' => 6,
        c => c.len_utf8(),
    }
}

/// What `s` takes as a JSON string, quotes included.
pub fn json_len(s: &str) -> usize {
    2 + s.chars().map(json_char_len).sum::<usize>()
}

/// The most answer `slot` to `q` adds to a draft: its line of the pretty
/// JSON (`    "id": value,`), and a list's lines each.
pub fn draft_bytes(q: &crate::bank::Question, slot: &answers::Slot) -> usize {
    use crate::answers::Answer;
    let value = match slot {
        answers::Slot::Missing => return 0,
        answers::Slot::Skipped => 4,
        answers::Slot::Given(Answer::Choice(s) | Answer::Text(s)) => json_len(s),
        answers::Slot::Given(Answer::YesNo(_)) => 5,
        answers::Slot::Given(Answer::Scale(x)) => x.to_string().len(),
        // "[", each `      "id",` on a line of its own, then `    ]`.
        answers::Slot::Given(Answer::Multi(ids)) => {
            8 + ids.iter().map(|id| json_len(id) + 8).sum::<usize>()
        }
    };
    json_len(&q.id) + value + 8
}

/// A saved answer that no longer fits its question.
#[derive(Debug, Clone, PartialEq)]
pub struct Misfit {
    /// The question id, the answer as saved, and why it does not fit;
    /// all inert and on one line.
    pub id: String,
    pub value: String,
    pub why: String,
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.id, self.value, self.why)
    }
}

/// The results saved in the state folder `dir`, oldest first (their
/// names, `result-<UTC time>.json`, sort by time).
pub fn saved_results(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let result = |p: &PathBuf| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name.starts_with("result-") && name.ends_with(".json") && p.is_file()
    };
    let found = entries.filter_map(|e| Some(e.ok()?.path()));
    let mut found: Vec<PathBuf> = found.filter(result).collect();
    found.sort();
    found
}

/// The facts about you (the bank's `personal` questions) answered in your
/// latest result about your own job saved in `dir` that `bank` can read,
/// and the day it was taken (else its file name). Skips are not carried:
/// those facts are asked. `Err(())` when the results looked through
/// before it (newest first, at most [`FACTS_LOOKED_AT`] bytes) are all
/// about other employers.
pub fn latest_facts(dir: &Path, bank: &Bank) -> Result<Option<CarriedFacts>, ()> {
    // Each result's mode and bank are looked at without reading the rest
    // of it: every prospective session leaves a result to pass by, and
    // each was read whole (60 of a large bank: 3 s before the first
    // question; a result of another bank costs as much).
    #[derive(serde::Deserialize)]
    struct Mode0 {
        mode: Option<String>,
        bank: Option<Title>,
    }
    #[derive(serde::Deserialize)]
    struct Title {
        title: Option<String>,
    }
    let mut left = FACTS_LOOKED_AT;
    for path in saved_results(dir).iter().rev() {
        let Ok(text) = crate::input::read_text(path, crate::input::MAX_RESULT_BYTES) else {
            continue;
        };
        left = left.checked_sub(text.len() as u64).ok_or(())?;
        // Of your own job (full or quick), with this bank (by its title).
        let Ok(Mode0 { mode, bank: of }) = serde_json::from_str::<Mode0>(&text) else {
            continue;
        };
        let title = of.and_then(|b| b.title);
        if !matches!(mode.as_deref(), Some("full" | "quick")) || title.as_ref() != Some(&bank.title)
        {
            continue;
        }
        let Ok(r) = crate::saved::parse_result(&text, &crate::sanitize::path(path)) else {
            continue;
        };
        let Ok(all) = answers::from_result(bank, &r.answers) else {
            continue;
        };
        let mut facts = AnswerSheet::new(bank);
        for (i, q) in bank.questions.iter().enumerate() {
            if let (true, Some(a)) = (q.personal, all.get(i)) {
                facts.set(i, answers::Slot::Given(a.clone()));
            }
        }
        if facts.is_empty() {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let when = r.taken.clone().or(name).unwrap_or_default();
        return Ok(Some((when, facts, r)));
    }
    Ok(None)
}

/// The facts carried from a result, the day it was taken, and the result.
pub type CarriedFacts = (String, AnswerSheet, crate::result::AssessmentResult);

/// The most of the saved results [`latest_facts`] reads, newest first, as
/// much as `history` reads: some 280 results of the built-in bank, 5 of
/// the largest (looking through 50 MB of them took 0.5 s).
pub const FACTS_LOOKED_AT: u64 = mommytrack_engine::history::MAX_BYTES;

/// Saves `contents` in the state folder under `name`.
pub fn write(dir: &Path, name: &str, contents: &str) -> std::io::Result<PathBuf> {
    ensure_dir(dir)?;
    let path = dir.join(name);
    crate::files::write_private(&path, contents.as_bytes())?;
    Ok(path)
}

/// Saves a finished result in the state folder under a new name, from the
/// UTC time: `result-2026-11-22-213500.json`, with `-2`, `-3`… when taken.
/// The file is created without replacing any: when another session took
/// the name in the meantime, the next one is tried, so six sessions
/// finishing in the same second leave six results.
pub fn write_result(dir: &Path, unix_seconds: u64, contents: &str) -> std::io::Result<PathBuf> {
    ensure_dir(dir)?;
    let stamp = utc_stamp(unix_seconds);
    let mut last = std::io::Error::other("no free result name");
    for n in 1..=1000 {
        let path = dir.join(match n {
            1 => format!("result-{stamp}.json"),
            n => format!("result-{stamp}-{n}.json"),
        });
        match crate::files::write_private_new(&path, contents.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// `YYYY-MM-DD-HHMMSS` in UTC.
pub fn utc_stamp(unix_seconds: u64) -> String {
    let day = mommytrack_engine::date::Date::from_unix_seconds(unix_seconds as i64);
    let secs = unix_seconds % 86_400;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{day}-{h:02}{m:02}{s:02}")
}

/// Removes the draft; one that is already gone is fine.
pub fn remove_draft(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The error for `--resume` without a draft (exit 66).
pub fn no_draft(path: &Path) -> Failure {
    Failure::missing(format!(
        "there is no unfinished assessment to resume: {} does not exist; run `mommytrack assess` to start one",
        path.display()
    ))
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/state.rs"]
mod tests;
