//! The files being checked and where things stand in them: each problem
//! gets the file, line and column of what it is about.

use crate::error::Problem;
use crate::input::Locator;
use crate::yaml::strip_location;

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
}

impl<'a> Ctx<'a> {
    pub(super) fn new(f: &'a SourceFile) -> Self {
        Ctx {
            name: &f.name,
            loc: Locator::new(&f.text),
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
        self.loc.key_value(key, id, from)
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
    Problem::new(&f.name, strip_location(&e)).at(e.location().map(|l| (l.line(), l.column())))
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

/// `at` is looked up only for a problem: searching the text for every
/// question would make validation cost grow with the square of its size.
pub(super) fn positive_weight(
    w: Option<f64>,
    ctx: &Ctx,
    at: impl FnOnce() -> Option<usize>,
    id: &str,
    p: &mut Vec<Problem>,
) -> f64 {
    match w {
        None => 1.0,
        Some(w) if w.is_finite() && w > 0.0 && w <= MAX_NUMBER => w,
        Some(w) => {
            p.push(
                ctx.problem(
                    format!(
                        "weight {} is not a positive number up to {MAX_NUMBER}",
                        show(w)
                    ),
                    at(),
                )
                .id(id)
                .hint("use a number above 0, e.g. 1 or 1.5; leave it out for 1"),
            );
            1.0
        }
    }
}

/// A set's weight: like a question's, but 0 is allowed (the dimension is
/// reported and left out of the overall).
pub(super) fn set_weight(
    w: Option<f64>,
    ctx: &Ctx,
    at: impl FnOnce() -> Option<usize>,
    id: &str,
    p: &mut Vec<Problem>,
) -> f64 {
    match w {
        None => 1.0,
        Some(w) if w.is_finite() && (0.0..=MAX_NUMBER).contains(&w) => w,
        Some(w) => {
            p.push(
                ctx.problem(
                    format!("weight {} is not a number from 0 to {MAX_NUMBER}", show(w)),
                    at(),
                )
                .id(id)
                .hint("use a number such as 1 or 1.5; 0 reports the dimension but leaves it out of the overall; leave it out for 1"),
            );
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
