//! The files being checked, and the problems found in them: each gets the
//! file, and the line and column the parser recorded for what it is about.

use crate::error::Problem;
use crate::yaml::Pos;

use super::{MAX_COUNT, MAX_NUMBER};

/// One bank file: its name for messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in messages, e.g. `questions/boss.yaml`.
    pub name: String,
    /// The bare file name; `bank.yaml` holds the settings.
    pub file_name: String,
    /// The YAML text.
    pub text: String,
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
        }
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

/// A file being checked: its name, for the problems found in it.
pub(super) struct Ctx<'a> {
    pub(super) name: &'a str,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(f: &'a SourceFile) -> Self {
        Ctx { name: &f.name }
    }
    pub(super) fn problem(&self, message: impl Into<String>, at: Option<Pos>) -> Problem {
        Problem::new(self.name, message).at(at.map(Pos::pair))
    }
}

/// The longest id, in characters: a name a person types in an answers
/// file (the built-in bank's longest is 31). It bounds what comparing two
/// ids costs (a condition's test, "did you mean").
pub const MAX_ID: usize = 64;

/// `[a-z][a-z0-9_]*` of at most [`MAX_ID`] characters, and not a word YAML
/// reads as something else ([`crate::input::yaml_reads_specially`]): an
/// answers file names ids unquoted, so a question `yes` would be read as
/// `true`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    id.len() <= MAX_ID
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !crate::input::yaml_reads_specially(id)
}

pub(super) fn id_problem(ctx: &Ctx, what: &str, id: &str, at: Option<Pos>) -> Problem {
    let fixed: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let fixed = fixed.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    let fixed = &fixed[..fixed.len().min(MAX_ID)];
    // Shown escaped: `notes\u{1b}[31m` must not read as the valid `notes`.
    let shown = crate::sanitize::id(id);
    let length = id.chars().count();
    let (why, hint) = if length > MAX_ID {
        (
            format!("`{shown}` is {length} characters long; {what} ids are at most {MAX_ID}"),
            format!("use a shorter name, e.g. `{fixed}`"),
        )
    } else if crate::input::yaml_reads_specially(id) {
        (
            format!(
                "`{shown}` cannot be a {what} id: YAML reads it as `null`, `true` or `false`, so an answers file could not name it"
            ),
            format!("use a longer name, e.g. `{}_{id}`", what.replace(' ', "_")),
        )
    } else {
        let rule = "ids start with a lowercase letter and hold only a-z, 0-9 and _";
        let hint = match fixed {
            "" => rule.to_string(),
            fixed => format!("{rule}, e.g. `{fixed}`"),
        };
        (format!("`{shown}` is not a valid {what} id"), hint)
    };
    ctx.problem(why, at).id(id).hint(hint)
}

/// Whether a weight of 0 is allowed: a set's is (the dimension is reported
/// and left out of the overall), a question's is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zero {
    Allowed,
    Refused,
}

/// A question's or a set's `weight`, default 1; `at` is where it stands.
pub(super) fn weight(
    w: Option<f64>,
    zero: Zero,
    ctx: &Ctx,
    at: Option<Pos>,
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
            let w = show(w);
            let (what, hint) = match zero {
                Zero::Refused => (
                    format!("weight {w} is not a positive number up to {MAX_NUMBER}"),
                    "use a number above 0, e.g. 1 or 1.5; leave it out for 1",
                ),
                Zero::Allowed => (
                    format!("weight {w} is not a number from 0 to {MAX_NUMBER}"),
                    "use a number such as 1 or 1.5; 0 reports the dimension but leaves it out of the overall; leave it out for 1",
                ),
            };
            p.push(ctx.problem(what, at).id(id).hint(hint));
            1.0
        }
    }
}

/// A whole number from `min` to [`MAX_COUNT`] under `key`, or `default`
/// when absent. Out of range: the problem `at` makes of the message, with
/// a hint that says `what` the number is, and the default.
pub(super) fn count(
    key: &str,
    value: Option<i64>,
    min: i64,
    default: i64,
    what: &str,
    at: impl FnOnce(String) -> Problem,
    p: &mut Vec<Problem>,
) -> i64 {
    match value {
        Some(n) if (min..=MAX_COUNT).contains(&n) => n,
        Some(n) => {
            let message = format!("{key} {n} is not a whole number from {min} to {MAX_COUNT}");
            p.push(at(message).hint(format!("{what}; leave it out for {default}")));
            default
        }
        None => default,
    }
}

pub(super) fn required(
    value: Option<String>,
    field: &str,
    what: &str,
    id: &str,
    ctx: &Ctx,
    at: Option<Pos>,
    p: &mut Vec<Problem>,
) -> String {
    match value {
        Some(v) if !v.trim().is_empty() => v,
        _ => {
            let why = format!("{what} `{id}` has no {field}");
            let hint = format!("add `{field}: …`");
            p.push(ctx.problem(why, at).id(id).hint(hint));
            String::new()
        }
    }
}

/// Checks the id of a {what}: present (else the problem `missing` makes)
/// and well formed (`[a-z][a-z0-9_]*`), pushing the problem found. True
/// when it is well formed: the caller then checks it is not taken.
pub(super) fn check_id(
    ctx: &Ctx,
    what: &str,
    id: &str,
    at: Option<Pos>,
    missing: impl FnOnce() -> Problem,
    p: &mut Vec<Problem>,
) -> bool {
    if id.is_empty() {
        p.push(missing());
    } else if !is_valid_id(id) {
        p.push(id_problem(ctx, what, id, at));
    }
    !id.is_empty() && is_valid_id(id)
}
