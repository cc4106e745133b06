//! Answers (docs/answers-files.md): the answer sheet a bank's questions
//! are scored from, and reading an answers file (YAML or JSON) with checks
//! against the bank. The answer values themselves are the bank's
//! ([`Answer`]), since conditions compare with them.

use std::path::Path;

pub use crate::bank::Answer;
use crate::bank::{Bank, Kind, Question};
use crate::error::{Problem, Problems, suggestion};
use crate::yaml::{Node, Value};
pub use crate::yaml::{as_integer, as_yes_no, shorten};

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
#[derive(Debug, Clone)]
pub struct AnswerSheet {
    slots: Vec<Slot>,
    /// What reading the file noticed but did not fail on: answers to
    /// retired questions, read as their replacements or left out.
    warnings: Vec<Problem>,
    /// Where each answer's key stands in the file it was read from (line,
    /// column), as the parser read it.
    places: Vec<Option<(usize, usize)>>,
}

/// The same answers and warnings, wherever in a file they were read.
impl PartialEq for AnswerSheet {
    fn eq(&self, other: &Self) -> bool {
        self.slots == other.slots && self.warnings == other.warnings
    }
}

impl AnswerSheet {
    pub fn new(bank: &Bank) -> Self {
        AnswerSheet {
            slots: vec![Slot::Missing; bank.questions.len()],
            warnings: Vec::new(),
            places: vec![None; bank.questions.len()],
        }
    }
    /// Where the answer to question `q` stands in its answers file (line,
    /// column): none for answers not read from a file.
    pub fn place(&self, q: usize) -> Option<(usize, usize)> {
        self.places.get(q).copied().flatten()
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

/// The most YAML nodes an answers file may hold (aliases expanded): an
/// id and an answer for every question of the largest bank, with room for
/// lists.
pub const MAX_NODES: usize = 100_000;

/// A saved result's `answers` as a sheet of `bank` (`null` is a skip). The
/// error names the first id the bank does not ask (`false`), or whose
/// answer it does not allow (`true`).
pub fn from_result(
    bank: &Bank,
    answers: &serde_json::Map<String, serde_json::Value>,
) -> Result<AnswerSheet, (String, bool)> {
    let mut sheet = AnswerSheet::new(bank);
    for (id, value) in answers {
        let i = bank.question_position(id).ok_or((id.clone(), false))?;
        match convert(&bank.questions[i], &Node::from_json(value)) {
            Ok(slot) => sheet.set(i, slot),
            Err(_) if value.is_null() => sheet.set(i, Slot::Skipped),
            Err(_) => return Err((id.clone(), true)),
        }
    }
    Ok(sheet)
}

/// Parses an answers file's text against `bank`. `file` names it in messages.
/// Every problem is reported, not just the first.
pub fn parse(bank: &Bank, text: &str, file: &Path) -> Result<AnswerSheet, Problems> {
    let mut allowance =
        crate::yaml::Allowance::new(MAX_NODES, crate::input::MAX_ANSWERS_BYTES as usize);
    let doc = crate::yaml::parse(text, &mut allowance).map_err(|e| {
        let problem = if e.limit {
            Problem::new(file, e.message)
                .hint("is this the right file? `mommytrack template` prints an answers file to fill in")
        } else {
            Problem::new(file, format!("not valid YAML or JSON: {}", e.message))
                .hint("an answers file maps question ids to answers, one `id: answer` a line; `mommytrack template` prints one to fill in")
        };
        failed(file, vec![problem.at(e.pos.map(crate::yaml::Pos::pair))])
    })?;
    read(bank, &doc, text, file)
}

/// The problems of answers file `file`.
fn failed(file: &Path, problems: Vec<Problem>) -> Problems {
    Problems {
        subject: format!("answers file {}", crate::sanitize::path(file)),
        problems,
    }
}

/// Reads answers already parsed (`text` is what they were parsed from,
/// for the spans of answers written as numbers): an answers file's, or a
/// saved result's (`Node::from_json`, with no text).
pub fn read(bank: &Bank, doc: &Node, text: &str, file: &Path) -> Result<AnswerSheet, Problems> {
    let fail = |problems| failed(file, problems);
    let entries = match &doc.value {
        Value::Map(entries) => entries,
        Value::Null => {
            let hint = "write `question_id: answer` lines; `mommytrack template > answers.yaml` gives a skeleton";
            return Err(fail(vec![
                Problem::new(file, "the answers file is empty").hint(hint),
            ]));
        }
        _ => {
            let why = format!(
                "an answers file must be a mapping of question ids to answers, found {}",
                crate::yaml::describe(doc)
            );
            let hint = "`mommytrack template > answers.yaml` gives a skeleton to fill in";
            let at = Some(doc.pos.pair());
            return Err(fail(vec![Problem::new(file, why).at(at).hint(hint)]));
        }
    };
    let mut sheet = AnswerSheet::new(bank);
    let mut problems = Vec::new();
    let mut unreported = 0;
    for (key, value) in entries {
        let at = Some(key.pos.pair());
        let problem = |why: String| Problem::new(file, why).at(at);
        let q = key.as_str().and_then(|id| bank.question_position(id));
        let checked = match (key.as_str(), q) {
            (_, Some(q)) => {
                sheet.places[q] = at;
                let question = &bank.questions[q];
                match convert(question, &as_written(question, value, text)) {
                    Ok(slot) => {
                        sheet.set(q, slot);
                        Ok(())
                    }
                    Err((message, hint)) => match old_answer(bank, &question.id, value) {
                        // An answer in the form an earlier version of the bank took.
                        Some(answer) => {
                            let answer = answer.clone();
                            let why = format!(
                                "`{}: {}` is an answer of an earlier version of this bank; it is read as `{}`",
                                question.id,
                                shown(value),
                                answer_text(&answer)
                            );
                            let hint = "write the new answer to silence this warning; `mommytrack template` lists the valid ones";
                            let warning = problem(why).id(&question.id).hint(hint).warning();
                            sheet.warnings.push(warning);
                            sheet.set(q, Slot::Given(answer));
                            Ok(())
                        }
                        None => Err(problem(message).id(&question.id).hint(hint)),
                    },
                }
            }
            (Some(id), None) => match bank.retired(id) {
                Some(retired) => {
                    let warning = retired_answer(bank, &mut sheet, retired, id, value, file);
                    sheet.warnings.push(warning.at(at).id(id).warning());
                    Ok(())
                }
                None => {
                    // Only a problem that is listed gets a "did you mean": a
                    // file of many unknown ids must not cost a walk over all
                    // the bank's ids for each.
                    let hint = (problems.len() < MAX_PROBLEMS)
                        .then(|| suggestion(id, bank.questions.iter().map(|q| q.id.as_str())))
                        .flatten();
                    let why = format!("unknown question id `{}`", crate::sanitize::id(id));
                    Err(problem(why).id(id).hint_opt(hint))
                }
            },
            (None, None) => {
                let found = crate::yaml::describe(key);
                let why = format!("question ids are names, found {found}");
                Err(problem(why).hint("see `mommytrack questions` for the ids"))
            }
        };
        if let Err(problem) = checked {
            if problems.len() < MAX_PROBLEMS {
                problems.push(problem);
            } else {
                unreported += 1;
            }
        }
    }
    if unreported > 0 {
        let hint = "fix the ones above first, or start again from `mommytrack template`";
        let why = format!("… and {unreported} more problems not shown");
        problems.push(Problem::new(file, why).hint(hint));
    }
    if problems.is_empty() {
        Ok(sheet)
    } else {
        Err(fail(problems))
    }
}

/// What an old answer to a question still in the bank is read as, if the
/// bank's `retired:` says.
fn old_answer<'b>(bank: &'b Bank, id: &str, value: &Node) -> Option<&'b Answer> {
    bank.retired(id).filter(|r| r.live)?.translate(value)
}

/// The warning for an answer to a question the bank no longer asks, after
/// reading it into its replacement where the bank says how (and only when
/// the file does not answer the replacement itself: a later answer to it
/// wins anyway).
fn retired_answer(
    bank: &Bank,
    sheet: &mut AnswerSheet,
    r: &crate::bank::Retired,
    id: &str,
    value: &Node,
    file: &Path,
) -> Problem {
    let Some(t) = r.target else {
        let why = format!("`{id}` is no longer asked by this bank; its answer is left out");
        return Problem::new(file, why).hint("remove it from the file to silence this warning");
    };
    let (to, prompt) = (&bank.questions[t].id, &bank.questions[t].prompt);
    let replaced = format!("`{id}` was replaced by `{to}` (\u{201c}{prompt}\u{201d})");
    let (why, hint) = match (r.translate(value).cloned(), value.is_null()) {
        (_, true) => (
            format!("{replaced}; the skipped answer is left out"),
            format!("answer `{to}` instead"),
        ),
        (Some(answer), false) if *sheet.slot(t) == Slot::Missing => {
            let text = answer_text(&answer);
            sheet.set(t, Slot::Given(answer));
            (
                format!("{replaced}; `{}` is read as `{to}: {text}`", shown(value)),
                format!("write `{to}: {text}` instead to silence this warning"),
            )
        }
        (Some(_), false) => (
            format!("{replaced}, which this file answers too; the old answer is left out"),
            format!("remove `{id}` from the file"),
        ),
        (None, false) => (
            format!(
                "{replaced}; `{}` does not carry over, so it is left out",
                shown(value)
            ),
            format!("answer `{to}` instead; `mommytrack template` lists its valid answers"),
        ),
    };
    Problem::new(file, why).hint(hint)
}

/// A value as the person wrote it, for a message.
fn shown(value: &Node) -> String {
    crate::bank::retired_key(value)
        .map(|s| crate::sanitize::id(&s).into_owned())
        .unwrap_or_else(|| crate::yaml::describe(value))
}

/// An answer as an answers file writes it.
fn answer_text(a: &Answer) -> String {
    match a.to_json() {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

/// A text answer that YAML reads as a number or a truth value (`1.10`,
/// `true`) keeps the text as written, not `1.1`: the parser's span of the
/// value says what was written.
fn as_written<'v>(q: &Question, value: &'v Node, text: &str) -> std::borrow::Cow<'v, Node> {
    match (&q.kind, &value.value) {
        (Kind::Text, Value::Int(_) | Value::Float(_) | Value::Bool(_)) => {
            match text.get(value.span.clone()).filter(|s| !s.is_empty()) {
                Some(written) => std::borrow::Cow::Owned(Node {
                    value: Value::Str(written.to_string()),
                    ..value.clone()
                }),
                None => std::borrow::Cow::Borrowed(value),
            }
        }
        _ => std::borrow::Cow::Borrowed(value),
    }
}

/// Checks one value against its question. `Err((what is wrong, what is valid))`.
pub fn convert(q: &Question, value: &Node) -> Result<Slot, (String, String)> {
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
    // An option id of the question, or what is wrong with it.
    let option = |s: &String| match q.option(s) {
        Some(_) => Ok(s.clone()),
        None => Err((
            format!("`{}` is not an option", crate::sanitize::id(s)),
            valid_options(Some(s)),
        )),
    };
    let answer = match &q.kind {
        Kind::Choice(_) => match &value.value {
            Value::Str(s) => Answer::Choice(option(s)?),
            _ => {
                let why = format!("a choice answer is one option id, but {given} was given");
                return Err((why, valid_options(None)));
            }
        },
        Kind::Multi(opts) => {
            let Value::Seq(items) = &value.value else {
                let why = format!("a multi answer is a list of option ids, but {given} was given");
                let first = option_ids().first().copied().unwrap_or("a");
                let hint = format!(
                    "write e.g. `[{first}]` ([] for none); {}",
                    valid_options(None)
                );
                return Err((why, hint));
            };
            // Each tick with its option's place in the bank, found once.
            let mut picked: Vec<(usize, String)> = Vec::with_capacity(items.len());
            let mut seen = vec![false; opts.len()];
            for item in items {
                match &item.value {
                    Value::Str(s) => {
                        let Some(at) = opts.iter().position(|o| &o.id == s) else {
                            return Err(option(s).err().unwrap_or_default());
                        };
                        if std::mem::replace(&mut seen[at], true) {
                            let why = format!("`{s}` is listed twice");
                            return Err((why, "list each option once".into()));
                        }
                        picked.push((at, s.clone()));
                    }
                    _ => {
                        let held = crate::bank::describe(item);
                        let why = format!("a multi answer lists option ids, but it holds {held}");
                        return Err((why, valid_options(None)));
                    }
                }
            }
            // Keep bank order so that the same selection always looks the same.
            picked.sort_by_key(|(at, _)| *at);
            Answer::Multi(picked.into_iter().map(|(_, s)| s).collect())
        }
        Kind::Scale(s) => {
            let (min, max) = (s.min, s.max);
            let range = format!("a whole number from {min} to {max}, or null to skip");
            match as_integer(value) {
                Some(x) if (s.min..=s.max).contains(&x) => Answer::Scale(x),
                Some(x) => return Err((format!("{x} is out of range"), range)),
                None => {
                    let why = format!("a scale answer is a whole number, but {given} was given");
                    return Err((why, range));
                }
            }
        }
        Kind::YesNo(_) => match as_yes_no(value) {
            Some(b) => Answer::YesNo(b),
            None => {
                let why = format!("a yes/no answer is true or false, but {given} was given");
                return Err((why, "valid: true, false, or null to skip".into()));
            }
        },
        Kind::Text => match &value.value {
            // Kept inert once here, so no report, prompt or JSON copy
            // carries an escape sequence from a note.
            Value::Str(s) => Answer::Text(crate::sanitize::text(s).into_owned()),
            Value::Int(n) => Answer::Text(n.to_string()),
            Value::Float(n) => Answer::Text(n.to_string()),
            Value::Bool(b) => Answer::Text(b.to_string()),
            _ => {
                let why = format!("a text answer is a piece of text, but {given} was given");
                return Err((why, "quote the text, e.g. \"…\", or null to skip".into()));
            }
        },
    };
    Ok(Slot::Given(answer))
}
