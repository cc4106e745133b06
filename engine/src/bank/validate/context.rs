//! The files being checked and where things stand in them: each problem
//! gets the file, line and column of what it is about.

use std::cell::Cell;

use crate::error::Problem;
use crate::input::Locator;
use crate::yaml::{error_position, strip_location};

use super::MAX_NUMBER;

/// One bank file: its name for messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in messages, e.g. `questions/boss.yaml`.
    pub name: String,
    /// The bare file name; `bank.yaml` holds the settings.
    pub file_name: String,
    /// The YAML text, which problems are located in.
    pub text: String,
    /// The same document as JSON, made at build time for the built-in bank:
    /// parsing JSON costs a fraction of parsing YAML, which is most of what
    /// starting up would otherwise cost.
    pub(super) json: Option<&'static str>,
}

impl SourceFile {
    pub fn new(
        name: impl Into<String>,
        file_name: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        SourceFile {
            name: name.into(),
            file_name: file_name.into(),
            text: text.into(),
            json: None,
        }
    }

    /// The file with its document already converted to JSON.
    pub(crate) fn with_json(mut self, json: Option<&'static str>) -> Self {
        self.json = json;
        self
    }
}

/// A number for a message: `1e308`, not 309 digits.
pub(super) fn show(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e7 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

pub(super) fn plain_number(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_NUMBER
}

/// A file being checked: its name and a locator over its text.
pub(super) struct Ctx<'a> {
    pub(super) name: &'a str,
    pub(super) loc: Locator<'a>,
    /// Searches for an id that may still fail. A failed search reads the
    /// rest of the file (ids written with YAML escapes, say, never match),
    /// so after this many the file's ids are no longer looked for and
    /// problems stand where the previous entry stood: the cost of locating
    /// stays linear in the file's size.
    misses: Cell<usize>,
}

/// Failed id searches allowed in one file (see [`Ctx`]).
const MAX_MISSES: usize = 64;

impl<'a> Ctx<'a> {
    pub(super) fn new(f: &'a SourceFile) -> Self {
        Ctx {
            name: &f.name,
            loc: Locator::new(&f.text),
            misses: Cell::new(MAX_MISSES),
        }
    }
    pub(super) fn problem(&self, message: impl Into<String>, offset: Option<usize>) -> Problem {
        Problem::new(self.name, message).at(offset.map(|o| self.loc.pos(o)))
    }
    /// Where `key:` stands from `from`, or `from` itself.
    pub(super) fn key(&self, key: &str, from: usize) -> Option<usize> {
        self.loc.key(key, from).or(Some(from))
    }
    /// Where `id: value` stands from `from`.
    pub(super) fn id_at(&self, key: &str, id: &str, from: usize) -> Option<usize> {
        self.budgeted(|| self.loc.key_value(key, id, from))
    }
    /// Where `key:` stands from `from`, if it does (a flag's id, say).
    pub(super) fn key_at(&self, key: &str, from: usize) -> Option<usize> {
        self.budgeted(|| self.loc.key(key, from))
    }
    /// A search that counts against the file's failed searches.
    fn budgeted(&self, search: impl FnOnce() -> Option<usize>) -> Option<usize> {
        let left = self.misses.get();
        if left == 0 {
            return None;
        }
        let found = search();
        if found.is_none() {
            self.misses.set(left - 1);
        }
        found
    }
}

impl Ctx<'_> {
    /// Where a bare value next stands from `from`.
    pub(super) fn text_at(&self, v: &str, from: usize) -> Option<usize> {
        self.loc.word(v, from)
    }
}

/// A YAML error as a problem, at the line and column the parser gave.
pub(super) fn yaml_problem(f: &SourceFile, e: serde_yaml::Error) -> Problem {
    Problem::new(&f.name, strip_location(&e)).at(error_position(&f.text, &e))
}

/// `[a-z][a-z0-9_]*`, and not a word YAML reads as something else
/// ([`crate::input::yaml_reads_specially`]): an answers file names ids
/// unquoted, so a question `yes` would be read as `true`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !crate::input::yaml_reads_specially(id)
}

pub(super) fn id_problem(ctx: &Ctx, what: &str, id: &str, at: Option<usize>) -> Problem {
    let fixed: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let fixed = fixed.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    if crate::input::yaml_reads_specially(id) {
        return ctx
            .problem(
                format!(
                    "`{id}` cannot be a {what} id: YAML reads it as `null`, `true` or `false`, so an answers file could not name it"
                ),
                at,
            )
            .id(id)
            .hint(format!(
                "use a longer name, e.g. `{}_{id}`",
                what.replace(' ', "_")
            ));
    }
    ctx.problem(format!("`{id}` is not a valid {what} id"), at)
        .id(id)
        .hint(if fixed.is_empty() {
            "ids start with a lowercase letter and hold only a-z, 0-9 and _".to_string()
        } else {
            format!(
                "ids start with a lowercase letter and hold only a-z, 0-9 and _, e.g. `{fixed}`"
            )
        })
}

/// Whether a weight of 0 is allowed: a set's is (the dimension is reported
/// and left out of the overall), a question's is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zero {
    Allowed,
    Refused,
}

/// A question's or a set's `weight`, default 1. `at` is looked up only for
/// a problem: searching the text for every question would make validation
/// cost grow with the square of its size.
pub(super) fn weight(
    w: Option<f64>,
    zero: Zero,
    ctx: &Ctx,
    at: impl FnOnce() -> Option<usize>,
    id: &str,
    p: &mut Vec<Problem>,
) -> f64 {
    let fits = |w: f64| match zero {
        Zero::Allowed => (0.0..=MAX_NUMBER).contains(&w),
        Zero::Refused => w > 0.0 && w <= MAX_NUMBER,
    };
    match w {
        None => 1.0,
        Some(w) if w.is_finite() && fits(w) => w,
        Some(w) => {
            let (what, hint) = match zero {
                Zero::Refused => (
                    format!(
                        "weight {} is not a positive number up to {MAX_NUMBER}",
                        show(w)
                    ),
                    "use a number above 0, e.g. 1 or 1.5; leave it out for 1",
                ),
                Zero::Allowed => (
                    format!("weight {} is not a number from 0 to {MAX_NUMBER}", show(w)),
                    "use a number such as 1 or 1.5; 0 reports the dimension but leaves it out of the overall; leave it out for 1",
                ),
            };
            p.push(ctx.problem(what, at()).id(id).hint(hint));
            1.0
        }
    }
}

pub(super) fn required(
    value: Option<String>,
    field: &str,
    what: &str,
    id: &str,
    ctx: &Ctx,
    at: Option<usize>,
    p: &mut Vec<Problem>,
) -> String {
    match value {
        Some(v) if !v.trim().is_empty() => v,
        _ => {
            p.push(
                ctx.problem(format!("{what} `{id}` has no {field}"), at)
                    .id(id)
                    .hint(format!("add `{field}: …`")),
            );
            String::new()
        }
    }
}

/// Walks the entries of a list in file order: each entry's `key: id` is
/// looked for after the one before, so that equal ids are told apart and
/// the cost stays linear in the file's size.
pub(super) struct Cursor {
    at: usize,
    /// 1: the next entry starts after the previous one's position; 0: it
    /// may start there (for lists whose start is not itself an entry).
    skip: usize,
}

impl Cursor {
    /// A cursor whose first entry stands after `start`.
    pub(super) fn after(start: usize) -> Self {
        Cursor { at: start, skip: 1 }
    }
    /// A cursor whose first entry may stand at `start`; later entries too
    /// are looked for from the previous one's position.
    pub(super) fn from(start: usize) -> Self {
        Cursor { at: start, skip: 0 }
    }
    /// Where the entry `key:` stands (a mapping's key, such as a flag's
    /// id), if it is found after the previous one.
    pub(super) fn find_key(&mut self, ctx: &Ctx, key: &str) -> Option<usize> {
        let at = ctx.key_at(key, self.at + self.skip)?;
        self.at = at;
        Some(at)
    }
    /// Where the entry with `key: id` stands; without an id, or when it is
    /// not found, where the previous one stood.
    pub(super) fn next(&mut self, ctx: &Ctx, key: &str, id: &str) -> usize {
        if !id.is_empty() {
            if let Some(at) = ctx.id_at(key, id, self.at + self.skip) {
                self.at = at;
            }
        }
        self.at
    }
}

/// How one kind of entry's id is checked.
pub(super) struct IdRule<'a> {
    /// For "`X` is not a valid {what} id".
    pub what: &'a str,
    /// The id the problem about a malformed id is filed under, when not
    /// the id itself (an option's `question.option`).
    pub tag: Option<&'a str>,
}

/// Checks an entry's id: present, well formed (`[a-z][a-z0-9_]*`) and not
/// taken, in that order, pushing the first problem found. `missing` and
/// `taken` make the problems for the first and last case (`taken` is asked
/// only for a well-formed id, and may record it). True when all is well.
pub(super) fn check_id(
    ctx: &Ctx,
    rule: IdRule,
    id: &str,
    at: Option<usize>,
    missing: impl FnOnce() -> Problem,
    taken: impl FnOnce() -> Option<Problem>,
    p: &mut Vec<Problem>,
) -> bool {
    let problem = if id.is_empty() {
        Some(missing())
    } else if !is_valid_id(id) {
        let problem = id_problem(ctx, rule.what, id, at);
        Some(match rule.tag {
            Some(tag) => problem.id(tag),
            None => problem,
        })
    } else {
        taken()
    };
    match problem {
        Some(problem) => {
            p.push(problem);
            false
        }
        None => true,
    }
}
