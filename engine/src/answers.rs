//! Answers (CONTRACT §4): the answer sheet a bank's questions are scored
//! from, and reading an answers file (YAML or JSON) with checks against the
//! bank. The answer values themselves are the bank's ([`Answer`]), since
//! conditions compare with them.

use std::path::Path;

use serde_yaml::Value;

pub use crate::bank::Answer;
use crate::bank::{Bank, Kind, Question};
use crate::error::{Problem, Problems, suggestion};
use crate::input::Locator;
pub use crate::yaml::{as_integer, as_yes_no, shorten, strip_location};

/// What is known of one question's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Slot {
    /// Not in the answers file.
    #[default]
    Missing,
    /// Explicitly skipped ("prefer not to say").
    Skipped,
    Given(Answer),
}

/// One slot per bank question, in bank order.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSheet {
    slots: Vec<Slot>,
    /// What reading the file noticed but did not fail on: answers to
    /// retired questions, read as their replacements or left out.
    warnings: Vec<Problem>,
}

impl AnswerSheet {
    pub fn new(bank: &Bank) -> Self {
        AnswerSheet {
            slots: vec![Slot::Missing; bank.questions.len()],
            warnings: Vec::new(),
        }
    }
    /// Warnings from reading the answers file (retired questions), for
    /// standard error.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
    pub fn slot(&self, q: usize) -> &Slot {
        self.slots.get(q).unwrap_or(&Slot::Missing)
    }
    pub fn get(&self, q: usize) -> Option<&Answer> {
        match self.slot(q) {
            Slot::Given(a) => Some(a),
            _ => None,
        }
    }
    pub fn set(&mut self, q: usize, slot: Slot) {
        if let Some(s) = self.slots.get_mut(q) {
            *s = slot;
        }
    }
    pub fn len(&self) -> usize {
        self.slots.len()
    }
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(|s| *s == Slot::Missing)
    }

    /// The sheet as an answers-file mapping in bank order: given answers,
    /// and `null` for explicit skips.
    pub fn to_json(&self, bank: &Bank) -> serde_json::Map<String, serde_json::Value> {
        bank.questions
            .iter()
            .zip(&self.slots)
            .filter_map(|(q, slot)| match slot {
                Slot::Missing => None,
                Slot::Skipped => Some((q.id.clone(), serde_json::Value::Null)),
                Slot::Given(a) => Some((q.id.clone(), a.to_json())),
            })
            .collect()
    }
}

/// Problems listed for one answers file; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// Parses an answers file's text against `bank`. `file` names it in messages.
/// Every problem is reported, not just the first.
pub fn parse(bank: &Bank, text: &str, file: &Path) -> Result<AnswerSheet, Problems> {
    let fail = |problems: Vec<Problem>| Problems {
        subject: format!("answers file {}", file.display()),
        problems,
    };
    if let Some(at) = crate::input::too_deep(text) {
        return Err(fail(vec![
            Problem::new(file, crate::input::too_deep_message())
                .at(Some(Locator::new(text).pos(at)))
                .hint("is this the right file? `mommytrack template` prints an answers file to fill in"),
        ]));
    }
    // Most files are a well-formed mapping: read it entry by entry, without
    // building it first. Anything else (not a mapping, a repeated key, not
    // YAML) is read again whole, to be described as before.
    let mut reader = Reader::new(bank, text, file);
    let read = match crate::yaml::read_mapping(text, &mut reader) {
        Ok(()) => reader,
        Err(_) => read_whole(Reader::new(bank, text, file)).map_err(|p| fail(vec![*p]))?,
    };
    let Reader {
        sheet,
        mut problems,
        unreported,
        ..
    } = read;
    if unreported > 0 {
        problems.push(
            Problem::new(file, format!("… and {unreported} more problems not shown"))
                .hint("fix the ones above first, or start again from `mommytrack template`"),
        );
    }
    if problems.is_empty() {
        Ok(sheet)
    } else {
        Err(fail(problems))
    }
}

/// The answers file read into a YAML tree first: the one way to describe
/// a file that is not a mapping of answers, or not YAML at all.
fn read_whole(mut reader: Reader) -> Result<Reader, Box<Problem>> {
    let (text, file) = (reader.text, reader.file);
    let doc: Value = serde_yaml::from_str(text).map_err(|e| {
        let pos = crate::yaml::error_position(text, &e);
        let message = strip_location(&e);
        // The parser keeps whole numbers up to 64 bits; name a larger one as
        // such instead of the parser's wording, and say which question.
        let problem = match message.split_once(": invalid type: integer `") {
            Some((id, rest)) if rest.contains(" as u128") || rest.contains(" as i128") => {
                let number = rest.split('`').next().unwrap_or_default();
                Problem::new(file, format!("{number} is far too large a number"))
                    .id(id)
                    .hint("a scale answer is a small whole number; `mommytrack template` lists each question's range")
            }
            _ => Problem::new(file, format!("not valid YAML or JSON: {message}"))
                .hint("an answers file maps question ids to answers, one `id: answer` a line; `mommytrack template` prints one to fill in"),
        };
        Box::new(problem.at(pos))
    })?;
    match doc {
        // Taken apart as it is read: each value moves into the sheet.
        Value::Mapping(map) => {
            for (key, value) in map {
                crate::yaml::Entries::entry(&mut reader, key, value);
            }
            Ok(reader)
        }
        Value::Null => Err(Box::new(
            Problem::new(file, "the answers file is empty").hint(
                "write `question_id: answer` lines; `mommytrack template > answers.yaml` gives a skeleton",
            ),
        )),
        other => Err(Box::new(Problem::new(
            file,
            format!(
                "an answers file must be a mapping of question ids to answers, found {}",
                crate::bank::describe(&other)
            ),
        )
        .at(Some((1, 1)))
        .hint("`mommytrack template > answers.yaml` gives a skeleton to fill in"))),
    }
}

/// Checks an answers file's entries against the bank one by one, into a
/// sheet and a list of problems.
struct Reader<'a> {
    bank: &'a Bank,
    text: &'a str,
    file: &'a Path,
    locator: Locator<'a>,
    sheet: AnswerSheet,
    problems: Vec<Problem>,
    unreported: usize,
    /// Keys come in file order, so each is looked for after the one before.
    cursor: usize,
    /// The question after the last one answered: files list them in bank
    /// order, so this is where the next id is looked for first.
    next: usize,
    /// Questions already answered, and other keys already met: a repeated
    /// key makes the file be read again whole, to be reported as such.
    answered: Vec<bool>,
    other_keys: std::collections::HashSet<Value>,
    /// The question of the key just checked by `first_time`.
    pending: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(bank: &'a Bank, text: &'a str, file: &'a Path) -> Self {
        Reader {
            bank,
            text,
            file,
            locator: Locator::new(text),
            sheet: AnswerSheet::new(bank),
            problems: Vec::new(),
            unreported: 0,
            cursor: 0,
            next: 0,
            answered: vec![false; bank.questions.len()],
            other_keys: Default::default(),
            pending: None,
        }
    }

    /// The question of an id, found without a lookup when it comes next.
    fn position(&mut self, id: &str) -> Option<usize> {
        let bank = self.bank;
        let q = match bank.questions.get(self.next) {
            Some(q) if q.id == id => Some(self.next),
            _ => bank.question_position(id),
        }?;
        self.next = q + 1;
        Some(q)
    }
}

impl crate::yaml::Entries for Reader<'_> {
    fn first_time(&mut self, key: &Value) -> bool {
        self.pending = key.as_str().and_then(|id| self.position(id));
        match self.pending {
            Some(q) => !std::mem::replace(&mut self.answered[q], true),
            None => self.other_keys.insert(key.clone()),
        }
    }

    fn entry(&mut self, key: Value, value: Value) {
        let (bank, file, text) = (self.bank, self.file, self.text);
        let q = match self.pending.take() {
            Some(q) => Some(q),
            None => key.as_str().and_then(|id| self.position(id)),
        };
        if self.problems.len() >= MAX_PROBLEMS {
            // Enough to fix first; counting the rest stays cheap.
            let ok = q.is_some_and(|q| convert(&bank.questions[q], &value).is_ok());
            self.unreported += usize::from(!ok);
            return;
        }
        let Some(id) = key.as_str() else {
            self.problems.push(
                Problem::new(
                    file,
                    format!(
                        "question ids are names, found {}",
                        crate::bank::describe(&key)
                    ),
                )
                .hint("see `mommytrack questions` for the ids"),
            );
            return;
        };
        let locator = &self.locator;
        let at = locator.key(id, self.cursor).or_else(|| locator.key(id, 0));
        if let Some(at) = at {
            self.cursor = at + id.len();
        }
        // Worked out only for a problem: most answers have none.
        let pos = || at.map(|o| self.locator.pos(o));
        let Some(q) = q else {
            if let Some(retired) = bank.retired(id) {
                let at = pos();
                let warning = self.retired_answer(retired, id, &value).at(at).id(id);
                self.sheet.warnings.push(warning.warning());
                return;
            }
            let problem = Problem::new(file, format!("unknown question id `{id}`"))
                .at(pos())
                .id(id)
                .hint_opt(suggestion(id, bank.questions.iter().map(|q| q.id.as_str())));
            self.problems.push(problem);
            return;
        };
        // A text answer that YAML reads as a number or a truth value
        // (`1.10`, `yes`) keeps the text as written, not `1.1` or `true`.
        let value = match (&bank.questions[q].kind, &value, at) {
            (Kind::Text, Value::Number(_) | Value::Bool(_), Some(at)) => {
                crate::input::plain_scalar_after(text, at + id.len())
                    .filter(|raw| serde_yaml::from_str::<Value>(raw).is_ok_and(|v| v == value))
                    .map_or(value, |raw| Value::String(raw.to_string()))
            }
            _ => value,
        };
        match convert(&bank.questions[q], &value) {
            Ok(slot) => self.sheet.set(q, slot),
            // An answer in the form an earlier version of the bank took.
            Err(_) if bank.retired(id).and_then(|r| r.translate(&value)).is_some() => {
                let answer = bank
                    .retired(id)
                    .and_then(|r| r.translate(&value))
                    .cloned()
                    .expect("checked above");
                let warning = Problem::new(
                    file,
                    format!(
                        "`{id}: {}` is an answer of an earlier version of this bank; it is read as `{}`",
                        shown(&value),
                        answer_text(&answer)
                    ),
                )
                .at(pos())
                .id(id)
                .hint("write the new answer to silence this warning; `mommytrack template` lists the valid ones")
                .warning();
                self.sheet.warnings.push(warning);
                self.sheet.set(q, Slot::Given(answer));
            }
            Err((message, hint)) => {
                let problem = Problem::new(file, message).at(pos()).id(id).hint(hint);
                self.problems.push(problem);
            }
        }
    }
}

impl Reader<'_> {
    /// The warning for an answer to a question the bank no longer asks,
    /// after reading it into its replacement where the bank says how.
    fn retired_answer(&mut self, r: &crate::bank::Retired, id: &str, value: &Value) -> Problem {
        let (bank, file) = (self.bank, self.file);
        let Some(t) = r.target else {
            return Problem::new(
                file,
                format!("`{id}` is no longer asked by this bank; its answer is left out"),
            )
            .hint("remove it from the file to silence this warning");
        };
        let target = &bank.questions[t];
        let replaced = format!(
            "`{id}` was replaced by `{}` (\u{201c}{}\u{201d})",
            target.id, target.prompt
        );
        let translated = r.translate(value).cloned();
        match (translated, value.is_null()) {
            (_, true) => Problem::new(file, format!("{replaced}; the skipped answer is left out"))
                .hint(format!("answer `{}` instead", target.id)),
            (Some(answer), false) if *self.sheet.slot(t) == Slot::Missing => {
                let text = answer_text(&answer);
                self.sheet.set(t, Slot::Given(answer));
                Problem::new(
                    file,
                    format!(
                        "{replaced}; `{}` is read as `{}: {text}`",
                        shown(value),
                        target.id
                    ),
                )
                .hint(format!(
                    "write `{}: {text}` instead to silence this warning",
                    target.id
                ))
            }
            (Some(_), false) => Problem::new(
                file,
                format!("{replaced}, which this file answers too; the old answer is left out"),
            )
            .hint(format!("remove `{id}` from the file")),
            (None, false) => Problem::new(
                file,
                format!(
                    "{replaced}; `{}` does not carry over, so it is left out",
                    shown(value)
                ),
            )
            .hint(format!(
                "answer `{}` instead; `mommytrack template` lists its valid answers",
                target.id
            )),
        }
    }
}

/// A value as the person wrote it, for a message.
fn shown(value: &Value) -> String {
    crate::bank::retired_key(value).unwrap_or_else(|| crate::bank::describe(value))
}

/// An answer as an answers file writes it.
fn answer_text(a: &Answer) -> String {
    match a.to_json() {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Checks one value against its question. `Err((what is wrong, what is valid))`.
pub fn convert(q: &Question, value: &Value) -> Result<Slot, (String, String)> {
    if value.is_null() {
        return Ok(Slot::Skipped);
    }
    let given = crate::bank::describe(value);
    let option_ids = || {
        q.kind
            .options()
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
    };
    let valid_options = |bad: Option<&str>| {
        let ids = option_ids();
        let near = bad.and_then(|b| crate::error::closest(b, ids.iter().copied()));
        let list = crate::error::join_ticked(&ids);
        match near {
            Some(n) => format!("did you mean `{n}`? valid: {list}, or null to skip"),
            None => format!("valid: {list}, or null to skip"),
        }
    };
    let answer = match &q.kind {
        Kind::Choice(opts) => match value {
            Value::String(s) if opts.iter().any(|o| &o.id == s) => Answer::Choice(s.clone()),
            Value::String(s) => {
                return Err((format!("`{s}` is not an option"), valid_options(Some(s))));
            }
            _ => {
                return Err((
                    format!("a choice answer is one option id, but {given} was given"),
                    valid_options(None),
                ));
            }
        },
        Kind::Multi(opts) => {
            let Value::Sequence(items) = value else {
                return Err((
                    format!("a multi answer is a list of option ids, but {given} was given"),
                    format!(
                        "write e.g. `[{}]` ([] for none); {}",
                        option_ids().first().copied().unwrap_or("a"),
                        valid_options(None)
                    ),
                ));
            };
            let mut picked = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) if opts.iter().any(|o| &o.id == s) => {
                        if picked.contains(s) {
                            return Err((
                                format!("`{s}` is listed twice"),
                                "list each option once".into(),
                            ));
                        }
                        picked.push(s.clone());
                    }
                    Value::String(s) => {
                        return Err((format!("`{s}` is not an option"), valid_options(Some(s))));
                    }
                    other => {
                        return Err((
                            format!(
                                "a multi answer lists option ids, but it holds {}",
                                crate::bank::describe(other)
                            ),
                            valid_options(None),
                        ));
                    }
                }
            }
            // Keep bank order so that the same selection always looks the same.
            picked.sort_by_key(|s| opts.iter().position(|o| &o.id == s));
            Answer::Multi(picked)
        }
        Kind::Scale(s) => {
            let range = format!(
                "a whole number from {} to {}, or null to skip",
                s.min, s.max
            );
            match as_integer(value) {
                Some(x) if (s.min..=s.max).contains(&x) => Answer::Scale(x),
                Some(x) => return Err((format!("{x} is out of range"), range)),
                None => {
                    return Err((
                        format!("a scale answer is a whole number, but {given} was given"),
                        range,
                    ));
                }
            }
        }
        Kind::YesNo(_) => match as_yes_no(value) {
            Some(b) => Answer::YesNo(b),
            None => {
                return Err((
                    format!("a yes/no answer is true or false, but {given} was given"),
                    "valid: true, false, or null to skip".into(),
                ));
            }
        },
        Kind::Text => match value {
            // Kept inert once here, so no report, prompt or JSON copy
            // carries an escape sequence from a note.
            Value::String(s) => Answer::Text(crate::sanitize::text(s).into_owned()),
            Value::Number(n) => Answer::Text(n.to_string()),
            Value::Bool(b) => Answer::Text(b.to_string()),
            _ => {
                return Err((
                    format!("a text answer is a piece of text, but {given} was given"),
                    "quote the text, e.g. \"…\", or null to skip".into(),
                ));
            }
        },
    };
    Ok(Slot::Given(answer))
}
