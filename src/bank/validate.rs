//! Validation: turns the bank's files into a checked [`Bank`], reporting
//! every problem found (not just the first), each with its file, line,
//! column and id where they are known, and how to fix it.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::condition::{CondProblem, Scope};
use super::model::{Advice, Band, Bank, Choice, Flag, Kind, Question, Scale, Set, Severity};
use super::raw::*;
use crate::answers::strip_location;
use crate::error::{Problem, suggestion};
use crate::input::Locator;

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
    json: Option<&'static str>,
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

pub const SETTINGS_FILE: &str = "bank.yaml";
const KINDS: &[&str] = &["choice", "multi", "scale", "yesno", "text"];
const DEFAULT_PRIORITY: i64 = 3;
/// The largest weight or score (in size) a bank may use: far beyond any
/// real bank, and small enough that sums over any bank stay exact enough
/// and can never overflow to infinity.
pub const MAX_NUMBER: f64 = 1e6;

/// A number for a message: `1e308`, not 309 digits.
fn show(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e7 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn plain_number(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_NUMBER
}

/// Checks `files` (the settings file and the set files, sets in name
/// order) and builds the bank if no error was found. Warnings come back
/// either way.
pub fn check(files: &[SourceFile]) -> (Option<Bank>, Vec<Problem>) {
    crate::error::with_suggestion_budget(SUGGESTION_COMPARISONS, || check_files(files))
}

/// String comparisons for "did you mean" suggestions in one bank check:
/// hundreds of suggestions in a large bank, and a bounded cost in a huge
/// broken one.
const SUGGESTION_COMPARISONS: usize = 300_000;

fn check_files(files: &[SourceFile]) -> (Option<Bank>, Vec<Problem>) {
    let mut problems = Vec::new();
    let settings_file = files.iter().find(|f| f.file_name == SETTINGS_FILE);
    let set_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.file_name != SETTINGS_FILE)
        .collect();

    let settings = match settings_file {
        Some(f) => parse_file::<RawSettings>(f, &mut problems, walk_settings),
        None => {
            let folder = files
                .first()
                .map(|f| f.name.trim_end_matches(&f.file_name).to_string())
                .unwrap_or_default();
            problems.push(
                Problem::new(format!("{folder}{SETTINGS_FILE}"), "the bank has no bank.yaml")
                    .hint("add bank.yaml with the bank's title, bands, flags and advice (see docs/question-banks.md)"),
            );
            None
        }
    };
    if set_files.is_empty() {
        problems.push(
            Problem::new(
                settings_file.map_or(SETTINGS_FILE.to_string(), |f| f.name.clone()),
                "the bank has no question sets",
            )
            .hint("add one YAML file per question set beside bank.yaml"),
        );
    }

    let mut b = Builder::default();
    let settings_ctx = settings_file.map(Ctx::new);
    if let (Some(raw), Some(ctx)) = (&settings, &settings_ctx) {
        b.bands(raw, ctx, &mut problems);
        b.flags(raw, ctx, &mut problems);
    }
    let mut unreadable_sets = 0;
    for (i, f) in set_files.iter().enumerate() {
        if let Some(raw) = parse_file::<RawSet>(f, &mut problems, walk_set) {
            b.file_no = i;
            b.set(raw, &Ctx::new(f), &mut problems);
        } else {
            unreadable_sets += 1;
        }
    }
    b.question_conditions(&set_files, &mut problems);
    if let (Some(raw), Some(ctx)) = (settings, &settings_ctx) {
        // With a set file unreadable, its questions and dimension are
        // unknown: checking the advice would only blame bank.yaml for them.
        if unreadable_sets == 0 {
            b.advice(raw.advice.unwrap_or_default(), ctx, &mut problems);
            b.unused_flags(ctx, &mut problems);
        }
        let title = raw.title.filter(|t| !t.trim().is_empty());
        if title.is_none() {
            problems.push(
                ctx.problem("the bank has no title", Some(0))
                    .hint("add `title: …` to bank.yaml"),
            );
        }
        if problems.iter().all(|p| p.warning) {
            let bank = Bank {
                title: title.unwrap_or_default(),
                description: raw.description,
                disclaimer: raw.disclaimer,
                bands: b.bands,
                flags: b.flags,
                advice: b.advice,
                sets: b.sets,
                questions: b.questions,
                question_index: b.question_index,
            };
            return (Some(bank), problems);
        }
    }
    (None, problems)
}

/// A file being checked: its name and a locator over its text.
struct Ctx<'a> {
    name: &'a str,
    loc: Locator<'a>,
}

impl<'a> Ctx<'a> {
    fn new(f: &'a SourceFile) -> Self {
        Ctx {
            name: &f.name,
            loc: Locator::new(&f.text),
        }
    }
    fn problem(&self, message: impl Into<String>, offset: Option<usize>) -> Problem {
        Problem::new(self.name, message).at(offset.map(|o| self.loc.pos(o)))
    }
    /// Where `key:` stands from `from`, or `from` itself.
    fn key(&self, key: &str, from: usize) -> Option<usize> {
        self.loc.key(key, from).or(Some(from))
    }
    /// Where `id: value` stands from `from`.
    fn id_at(&self, key: &str, id: &str, from: usize) -> Option<usize> {
        self.loc.key_value(key, id, from)
    }
}

/// A YAML error as a problem, at the line and column the parser gave.
fn yaml_problem(f: &SourceFile, e: serde_yaml::Error) -> Problem {
    Problem::new(&f.name, strip_location(&e)).at(e.location().map(|l| (l.line(), l.column())))
}

/// Parses a bank file's YAML text, refusing nesting bombs first.
fn parse_yaml(f: &SourceFile, ctx: &Ctx, problems: &mut Vec<Problem>) -> Option<Value> {
    if let Some(at) = crate::input::too_deep(&f.text) {
        problems.push(
            ctx.problem(crate::input::too_deep_message(), Some(at))
                .hint("is this a bank file? a question set nests a few levels deep"),
        );
        return None;
    }
    match serde_yaml::from_str(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems
                .push(yaml_problem(f, e).hint("fix the YAML syntax (indentation, quotes, colons)"));
            None
        }
    }
}

/// Parses a file in three steps: YAML syntax, unknown keys, then types.
fn parse_file<T: DeserializeOwned>(
    f: &SourceFile,
    problems: &mut Vec<Problem>,
    walk: fn(&Value, &Ctx, &mut Vec<Problem>),
) -> Option<T> {
    let ctx = Ctx::new(f);
    // The built-in bank's JSON form: read straight into the typed form.
    // Its unknown keys and types are checked by `mommytrack validate` and
    // the tests, which read the YAML; anything amiss falls through to the
    // YAML path, which reports it with its location.
    if let Some(v) = f.json.and_then(|json| serde_json::from_str::<T>(json).ok()) {
        return Some(v);
    }
    let value = parse_yaml(f, &ctx, problems)?;
    match &value {
        Value::Mapping(_) => {}
        Value::Null => {
            problems.push(
                Problem::new(&f.name, "the file is empty")
                    .hint("fill it in, or remove it from the bank folder"),
            );
            return None;
        }
        other => {
            problems.push(
                ctx.problem(
                    format!(
                        "a bank file holds a mapping of fields, found {}",
                        // A file that is not YAML at all may be anything
                        // (a key, a password file): quote only its start.
                        match other {
                            Value::String(t) =>
                                format!("text starting \"{}\"", crate::sanitize::excerpt(t, 8)),
                            other => super::describe(other),
                        }
                    ),
                    Some(0),
                )
                .hint("start the file with `title:` (bank.yaml) or `id:` (a question set)"),
            );
            return None;
        }
    }
    let before = problems.len();
    walk(&value, &ctx, problems);
    // The YAML parser is most of what loading costs: read the typed form
    // from the parsed value, and parse the text again only for a type
    // error, whose line and column the value no longer knows.
    if let Ok(v) = T::deserialize(&value) {
        return Some(v);
    }
    match serde_yaml::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            // An unknown key already reported may also upset the typed parse.
            if problems.len() == before {
                let (message, id) = type_error(&strip_location(&e), &value);
                let mut problem = Problem::new(&f.name, message)
                    .at(e.location().map(|l| (l.line(), l.column())))
                    .hint(
                        "see the field in docs/question-banks.md, or `mommytrack schema set|bank`",
                    );
                if let Some(id) = id {
                    problem = problem.id(id);
                }
                problems.push(problem);
            }
            None
        }
    }
}

/// A typed-parse error in words: the field's path, what was found and what
/// the field takes (not Rust type names), and the id of the question,
/// advice entry or flag it belongs to, read from the parsed `value`.
fn type_error(message: &str, value: &Value) -> (String, Option<String>) {
    let (path, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (path, rest),
        _ => ("", message),
    };
    let mut text = rest.to_string();
    for (rust, words) in [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a borrowed string", "expected text"),
        ("expected a string", "expected text"),
        ("expected struct ", "expected a mapping of fields: "),
        ("expected a map", "expected a mapping of fields"),
        (
            "data did not match any variant of untagged enum OneOrMany",
            "expected a text or a list of texts",
        ),
    ] {
        text = text.replace(rust, words);
    }
    // `questions[3].weight` → the id of questions[3].
    let mut id = None;
    if let Some((list, rest)) = path.split_once('[') {
        if let Some((n, _)) = rest.split_once(']') {
            id = n
                .parse::<usize>()
                .ok()
                .and_then(|n| value.get(list)?.get(n)?.get("id")?.as_str())
                .map(str::to_string);
        }
    } else if let Some(flag) = path.strip_prefix("flags.") {
        id = flag.split('.').next().map(str::to_string);
    }
    let message = if path.is_empty() {
        text
    } else {
        format!("`{path}`: {text}")
    };
    (message, id)
}

/// Reports keys of `map` that are not in `known`, with the closest valid one.
fn unknown_keys(
    map: &Value,
    known: &[&str],
    what: &str,
    from: usize,
    ctx: &Ctx,
    p: &mut Vec<Problem>,
) {
    let id = map.get("id").and_then(Value::as_str);
    let Value::Mapping(m) = map else { return };
    for k in m.keys() {
        let Some(k) = k.as_str() else {
            p.push(ctx.problem(
                format!(
                    "a {what} has a key that is not a name: {}",
                    super::describe(k)
                ),
                Some(from),
            ));
            continue;
        };
        if !known.contains(&k) {
            let at = ctx.loc.key(k, from).or_else(|| ctx.loc.key(k, 0));
            let mut problem = ctx
                .problem(format!("unknown field `{k}` in a {what}"), at)
                .hint(format!(
                    "{}valid fields: {}",
                    crate::error::closest(k, known.iter().copied())
                        .map_or(String::new(), |c| format!("did you mean `{c}`? ")),
                    known.join(", ")
                ));
            if let Some(id) = id {
                problem = problem.id(id);
            }
            p.push(problem);
        }
    }
}

fn seq<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    match v.get(key) {
        Some(Value::Sequence(s)) => s,
        _ => &[],
    }
}

fn walk_settings(v: &Value, ctx: &Ctx, p: &mut Vec<Problem>) {
    unknown_keys(v, SETTINGS_KEYS, "bank.yaml", 0, ctx, p);
    for band in seq(v, "bands") {
        unknown_keys(band, BAND_KEYS, "band", 0, ctx, p);
    }
    if let Some(Value::Mapping(flags)) = v.get("flags") {
        for (id, flag) in flags {
            let from = id.as_str().and_then(|id| ctx.loc.key(id, 0)).unwrap_or(0);
            unknown_keys(flag, FLAG_KEYS, "flag", from, ctx, p);
        }
    }
    let mut from = 0;
    for advice in seq(v, "advice") {
        if let Some(id) = advice.get("id").and_then(Value::as_str) {
            from = ctx.id_at("id", id, from + 1).unwrap_or(from);
        }
        unknown_keys(advice, ADVICE_KEYS, "advice entry", from, ctx, p);
    }
}

fn walk_set(v: &Value, ctx: &Ctx, p: &mut Vec<Problem>) {
    unknown_keys(v, SET_KEYS, "question set", 0, ctx, p);
    let mut from = 0;
    for q in seq(v, "questions") {
        if let Some(id) = q.get("id").and_then(Value::as_str) {
            from = ctx.id_at("id", id, from + 1).unwrap_or(from);
        }
        unknown_keys(q, QUESTION_KEYS, "question", from, ctx, p);
        for o in seq(q, "options") {
            unknown_keys(o, OPTION_KEYS, "option", from, ctx, p);
        }
        if let Some(s) = q.get("scale") {
            unknown_keys(s, SCALE_KEYS, "scale", from, ctx, p);
        }
        if let Some(s) = q.get("scores") {
            unknown_keys(s, SCORES_KEYS, "scores", from, ctx, p);
        }
    }
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

fn id_problem(ctx: &Ctx, what: &str, id: &str, at: Option<usize>) -> Problem {
    let fixed: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let fixed = fixed.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    if crate::input::yaml_reads_specially(id) {
        return ctx
            .problem(format!("`{id}` cannot be a {what} id: YAML reads it as `null`, `true` or `false`, so an answers file could not name it"), at)
            .id(id)
            .hint(format!("use a longer name, e.g. `{}_{id}`", what.replace(' ', "_")));
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
fn positive_weight(
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

fn required(
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

#[derive(Default)]
struct Builder {
    bands: Vec<Band>,
    flags: Vec<Flag>,
    flag_index: HashMap<String, usize>,
    flags_raised: HashSet<usize>,
    sets: Vec<Set>,
    set_index: HashMap<String, usize>,
    questions: Vec<Question>,
    question_index: HashMap<String, usize>,
    /// Where each question id was defined, for duplicate messages.
    question_file: HashMap<String, String>,
    /// Questions whose definition is broken: conditions naming them are
    /// not checked further, to avoid a cascade of messages.
    broken: HashSet<usize>,
    advice: Vec<Advice>,
    /// Questions' `when` conditions, checked after all questions are known.
    pending_when: Vec<PendingWhen>,
    /// The set file being read, as an index into the set files.
    file_no: usize,
}

struct PendingWhen {
    question: usize,
    value: Value,
    file: usize,
    at: usize,
}

impl Builder {
    fn bands(&mut self, raw: &RawSettings, ctx: &Ctx, p: &mut Vec<Problem>) {
        let Some(bands) = raw.bands.as_ref().filter(|b| !b.is_empty()) else {
            p.push(
                ctx.problem("bank.yaml has no bands", ctx.loc.key("bands", 0).or(Some(0)))
                    .hint("add `bands:` with at least one band with `min: 0`, e.g. `- { verdict: sidelined, min: 0, label: \"Sidelining risk\" }`"),
            );
            return;
        };
        let mut from = ctx.loc.key("bands", 0).unwrap_or(0);
        let mut previous: Option<f64> = None;
        for rb in bands {
            let verdict = rb.verdict.clone().unwrap_or_default();
            let at = if verdict.is_empty() {
                Some(from)
            } else {
                ctx.id_at("verdict", &verdict, from).or(Some(from))
            };
            from = at.unwrap_or(from);
            if verdict.is_empty() {
                p.push(
                    ctx.problem("a band has no verdict", at)
                        .hint("add `verdict: …`, e.g. `verdict: mixed`"),
                );
            } else if !is_valid_id(&verdict) {
                p.push(id_problem(ctx, "verdict", &verdict, at));
            } else if self.bands.iter().any(|b| b.verdict == verdict) {
                p.push(
                    ctx.problem(format!("two bands have the verdict `{verdict}`"), at)
                        .id(&verdict)
                        .hint("give each band its own verdict"),
                );
            }
            let min = match rb.min {
                Some(m) if m.is_finite() && (0.0..=100.0).contains(&m) => m,
                Some(m) => {
                    p.push(
                        ctx.problem(format!("band min {m} is outside 0–100"), at)
                            .id(&verdict)
                            .hint("scores run from 0 to 100"),
                    );
                    0.0
                }
                None => {
                    p.push(
                        ctx.problem(format!("band `{verdict}` has no min"), at)
                            .id(&verdict)
                            .hint("add `min: N` (0–100): the lowest overall score in this band"),
                    );
                    0.0
                }
            };
            if let Some(prev) = previous {
                if min >= prev {
                    p.push(
                        ctx.problem(format!("band `{verdict}` (min {min}) is not below the band before it (min {prev})"), at)
                            .id(&verdict)
                            .hint("list bands highest `min` first, each with its own `min`"),
                    );
                }
            }
            previous = Some(min);
            self.bands.push(Band {
                label: rb
                    .label
                    .clone()
                    .filter(|l| !l.trim().is_empty())
                    .unwrap_or_else(|| verdict.clone()),
                verdict,
                min,
                summary: rb.summary.clone(),
            });
        }
        if !self.bands.iter().any(|b| b.min == 0.0) {
            p.push(
                ctx.problem(
                    "no band has `min: 0`, so a low score would have no verdict",
                    ctx.loc.key("bands", 0),
                )
                .hint("give the last band `min: 0`"),
            );
        }
    }

    fn flags(&mut self, raw: &RawSettings, ctx: &Ctx, p: &mut Vec<Problem>) {
        let Some(flags) = &raw.flags else { return };
        for (id, rf) in flags {
            let at = ctx.loc.key(id, 0);
            if !is_valid_id(id) {
                p.push(id_problem(ctx, "flag", id, at));
            }
            let severity = match rf.severity.as_deref() {
                Some("red") => Severity::Red,
                Some("green") => Severity::Green,
                Some(other) => {
                    p.push(
                        ctx.problem(
                            format!("unknown severity `{other}`"),
                            at.and_then(|a| ctx.key("severity", a)),
                        )
                        .id(id)
                        .hint_opt(
                            suggestion(other, ["red", "green"])
                                .map(|s| format!("{s} (red or green)")),
                        ),
                    );
                    Severity::Red
                }
                None => {
                    p.push(
                        ctx.problem(format!("flag `{id}` has no severity"), at)
                            .id(id)
                            .hint("add `severity: red` or `severity: green`"),
                    );
                    Severity::Red
                }
            };
            let title = required(rf.title.clone(), "title", "flag", id, ctx, at, p);
            let caps_verdict = rf.caps_verdict.as_ref().and_then(|v| {
                let found = self.bands.iter().position(|b| &b.verdict == v);
                if found.is_none() {
                    p.push(
                        ctx.problem(
                            format!("`caps_verdict: {v}` names no band"),
                            at.and_then(|a| ctx.key("caps_verdict", a)),
                        )
                        .id(id)
                        .hint_opt(suggestion(v, self.bands.iter().map(|b| b.verdict.as_str()))),
                    );
                }
                found
            });
            self.flag_index.insert(id.clone(), self.flags.len());
            self.flags.push(Flag {
                id: id.clone(),
                severity,
                title,
                detail: rf.detail.clone(),
                caps_verdict,
                source: rf
                    .source
                    .clone()
                    .map(OneOrMany::into_vec)
                    .unwrap_or_default(),
            });
        }
    }

    fn set(&mut self, raw: RawSet, ctx: &Ctx, p: &mut Vec<Problem>) {
        let set_no = self.sets.len();
        let id = raw.id.clone().unwrap_or_default();
        let set_at = if id.is_empty() {
            Some(0)
        } else {
            ctx.id_at("id", &id, 0).or(Some(0))
        };
        if id.is_empty() {
            p.push(
                ctx.problem("the question set has no id", Some(0))
                    .hint("add `id: …` at the top, e.g. the file name without .yaml"),
            );
        } else if !is_valid_id(&id) {
            p.push(id_problem(ctx, "set", &id, set_at));
        } else if let Some(&other) = self.set_index.get(&id) {
            p.push(
                ctx.problem(
                    format!("the set id `{id}` is used by {} too", self.sets[other].file),
                    set_at,
                )
                .id(&id)
                .hint("give each set its own id"),
            );
        } else {
            self.set_index.insert(id.clone(), set_no);
        }
        let title = required(raw.title, "title", "set", &id, ctx, set_at, p);
        let weight = positive_weight(
            raw.weight,
            ctx,
            || set_at.and_then(|a| ctx.key("weight", a)),
            &id,
            p,
        );
        let start = self.questions.len();
        let questions = raw.questions.unwrap_or_default();
        if questions.is_empty() {
            p.push(
                ctx.problem(format!("set `{id}` has no questions"), set_at)
                    .id(&id)
                    .hint("add `questions:` with at least one question"),
            );
        }
        let mut cursor = set_at.unwrap_or(0);
        for rq in questions {
            if let Some(qid) = &rq.id {
                cursor = ctx.id_at("id", qid, cursor + 1).unwrap_or(cursor);
            }
            self.question(rq, set_no, cursor, ctx, p);
        }
        self.sets.push(Set {
            id,
            title,
            description: raw.description,
            weight,
            source: raw.source.map(OneOrMany::into_vec).unwrap_or_default(),
            file: ctx.name.to_string(),
            questions: start..self.questions.len(),
        });
    }

    fn question(
        &mut self,
        rq: RawQuestion,
        set: usize,
        at_off: usize,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let index = self.questions.len();
        let at = Some(at_off);
        let id = rq.id.clone().unwrap_or_default();
        let problems_before = p.len();
        if id.is_empty() {
            p.push(
                ctx.problem("a question has no id", at)
                    .hint("add `id: …` (unique across the bank)"),
            );
        } else if !is_valid_id(&id) {
            p.push(id_problem(ctx, "question", &id, at));
        } else if let Some(file) = self.question_file.get(&id) {
            p.push(
                ctx.problem(
                    format!("the question id `{id}` is already used in {file}"),
                    at,
                )
                .id(&id)
                .hint("question ids are unique across the whole bank; rename one"),
            );
        } else {
            self.question_file.insert(id.clone(), ctx.name.to_string());
            self.question_index.insert(id.clone(), index);
        }
        let prompt = required(rq.prompt, "prompt", "question", &id, ctx, at, p);
        let weight = positive_weight(rq.weight, ctx, || ctx.key("weight", at_off), &id, p);
        let kind_at = || ctx.key("kind", at_off);
        let kind_name = rq.kind.clone().unwrap_or_default();
        let misplaced = |field: &str, present: bool, p: &mut Vec<Problem>| {
            if present {
                p.push(
                    ctx.problem(
                        format!("`{field}` does not apply to a {kind_name} question"),
                        ctx.key(field, at_off),
                    )
                    .id(&id)
                    .hint(format!("remove `{field}`, or change `kind`")),
                );
            }
        };
        let kind = match kind_name.as_str() {
            "choice" | "multi" => {
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                let opts = self.options(
                    rq.options.unwrap_or_default(),
                    &kind_name,
                    &id,
                    at_off,
                    ctx,
                    p,
                );
                if kind_name == "choice" {
                    Some(Kind::Choice(opts))
                } else {
                    Some(Kind::Multi(opts))
                }
            }
            "scale" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                let scale_at = || ctx.key("scale", at_off);
                match rq.scale {
                    None => {
                        p.push(
                            ctx.problem(format!("scale question `{id}` has no `scale`"), at)
                                .id(&id)
                                .hint("add `scale: { min: 1, max: 5 }`"),
                        );
                        None
                    }
                    Some(rs) => match (rs.min, rs.max) {
                        (Some(min), Some(max)) if min < max => {
                            let labels = rs.labels.unwrap_or_default();
                            let points = (max as i128 - min as i128 + 1) as u128;
                            if !labels.is_empty() && labels.len() as u128 != points {
                                p.push(
                                    ctx.problem(
                                        format!(
                                            "the scale has {points} points but {} labels",
                                            labels.len()
                                        ),
                                        ctx.key("labels", at_off),
                                    )
                                    .id(&id)
                                    .hint("give one label per point from min to max, or none"),
                                );
                            }
                            if points > 101 {
                                p.push(
                                    ctx.problem(
                                        format!("the scale has {points} points"),
                                        scale_at(),
                                    )
                                    .id(&id)
                                    .hint("use at most 101 points (e.g. 0–100)"),
                                );
                            }
                            Some(Kind::Scale(Scale {
                                min,
                                max,
                                labels,
                                reverse: rq.reverse.unwrap_or(false),
                            }))
                        }
                        (Some(min), Some(max)) => {
                            p.push(
                                ctx.problem(
                                    format!("scale min {min} is not below max {max}"),
                                    scale_at(),
                                )
                                .id(&id)
                                .hint("make min smaller than max, e.g. `{ min: 1, max: 5 }`"),
                            );
                            None
                        }
                        _ => {
                            p.push(
                                ctx.problem("the scale needs both min and max", scale_at())
                                    .id(&id)
                                    .hint("write `scale: { min: 1, max: 5 }`"),
                            );
                            None
                        }
                    },
                }
            }
            "yesno" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                let scores = rq
                    .scores
                    .map(|s| (s.yes.unwrap_or(0.0), s.no.unwrap_or(0.0)));
                if let Some((yes, no)) = scores {
                    let at = || ctx.key("scores", at_off);
                    if !plain_number(yes) || !plain_number(no) {
                        p.push(
                            ctx.problem(
                                format!(
                                    "a score is not a number from -{MAX_NUMBER} to {MAX_NUMBER}"
                                ),
                                at(),
                            )
                            .id(&id)
                            .hint("use plain numbers"),
                        );
                    } else if yes == no {
                        p.push(
                            ctx.problem(format!("yes and no both score {yes}, so the answer cannot change the score"), at())
                                .id(&id)
                                .hint("give yes and no different scores, or remove `scores` to make the question informational"),
                        );
                    }
                }
                Some(Kind::YesNo(scores))
            }
            "text" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                Some(Kind::Text)
            }
            "" => {
                p.push(
                    ctx.problem(format!("question `{id}` has no kind"), at)
                        .id(&id)
                        .hint("add `kind:` with one of choice, multi, scale, yesno, text"),
                );
                None
            }
            other => {
                p.push(
                    ctx.problem(format!("unknown kind `{other}`"), kind_at())
                        .id(&id)
                        .hint(match crate::error::closest(other, KINDS.iter().copied()) {
                            Some(k) => {
                                format!("did you mean `{k}`? (choice, multi, scale, yesno, text)")
                            }
                            None => "use one of choice, multi, scale, yesno, text".into(),
                        }),
                );
                None
            }
        };
        let question = Question {
            id: id.clone(),
            set,
            prompt,
            help: rq.help,
            kind: kind.unwrap_or(Kind::Text),
            weight,
            core: rq.core.unwrap_or(false),
            when: None,
            source: rq.source.map(OneOrMany::into_vec).unwrap_or_default(),
        };
        if let Some((lo, hi)) = question.score_range() {
            if hi <= lo && matches!(question.kind, Kind::Choice(_) | Kind::Multi(_)) {
                p.push(
                    ctx.problem(format!("the options of `{id}` cannot differ in score (the range is {lo} to {hi})"), ctx.key("options", at_off))
                        .id(&id)
                        .hint(if kind_name == "multi" {
                            "give some options a positive or negative score, or remove all scores to make it informational"
                        } else {
                            "give the options different scores, or remove all scores to make it informational"
                        }),
                );
            }
        }
        if let Some(when) = rq.when {
            // Parsed once every question is known, so that a reference to a
            // later question is reported as such rather than as unknown.
            self.pending_when.push(PendingWhen {
                question: index,
                value: when,
                file: self.file_no,
                at: ctx.key("when", at_off).unwrap_or(at_off),
            });
        }
        if p[problems_before..].iter().any(|x| !x.warning) {
            self.broken.insert(index);
        }
        self.questions.push(question);
    }

    fn question_conditions(&mut self, files: &[&SourceFile], p: &mut Vec<Problem>) {
        // One locator per file, so that its line index is built once.
        let ctxs: Vec<Ctx> = files.iter().map(|f| Ctx::new(f)).collect();
        for pw in std::mem::take(&mut self.pending_when) {
            let ctx = &ctxs[pw.file];
            let scope = Scope {
                questions: &self.questions,
                question_index: &self.question_index,
                before: Some(pw.question),
                flags: None,
                sets: None,
                broken: &self.broken,
            };
            let mut cps = Vec::new();
            let when = scope.parse(&pw.value, &mut cps);
            let id = self.questions[pw.question].id.clone();
            push_condition_problems(cps, ctx, pw.at, &id, p);
            self.questions[pw.question].when = when;
        }
    }

    fn options(
        &mut self,
        raw: Vec<RawOption>,
        kind: &str,
        qid: &str,
        q_at: usize,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) -> Vec<Choice> {
        let min_options = if kind == "choice" { 2 } else { 1 };
        if raw.len() < min_options {
            p.push(
                ctx.problem(
                    format!(
                        "a {kind} question needs at least {min_options} options, `{qid}` has {}",
                        raw.len()
                    ),
                    ctx.key("options", q_at),
                )
                .id(qid)
                .hint("add `options:` with `- { id: …, label: …, score: … }` entries"),
            );
        }
        let scored = raw.iter().filter(|o| o.score.is_some()).count();
        let mut out: Vec<Choice> = Vec::with_capacity(raw.len());
        let mut seen: HashSet<String> = HashSet::with_capacity(raw.len());
        let mut cursor = q_at;
        for ro in raw {
            let oid = ro.id.unwrap_or_default();
            let at = if oid.is_empty() {
                Some(cursor)
            } else {
                ctx.id_at("id", &oid, cursor + 1).or(Some(cursor))
            };
            cursor = at.unwrap_or(cursor);
            let tag = format!("{qid}.{oid}");
            if oid.is_empty() {
                p.push(
                    ctx.problem(format!("an option of `{qid}` has no id"), at)
                        .id(qid)
                        .hint("add `id: …` to the option"),
                );
            } else if !is_valid_id(&oid) {
                p.push(id_problem(ctx, "option", &oid, at).id(&tag));
            } else if !seen.insert(oid.clone()) {
                p.push(
                    ctx.problem(format!("`{qid}` has two options with the id `{oid}`"), at)
                        .id(&tag)
                        .hint("give each option its own id"),
                );
            }
            let label = required(ro.label, "label", "option", &tag, ctx, at, p);
            if let Some(s) = ro.score {
                if !plain_number(s) {
                    p.push(
                        ctx.problem(
                            format!(
                                "score {} is not a number from -{MAX_NUMBER} to {MAX_NUMBER}",
                                show(s)
                            ),
                            at,
                        )
                        .id(&tag)
                        .hint("use a plain number"),
                    );
                }
            } else if scored > 0 {
                p.push(
                    ctx.problem(format!("option `{oid}` has no score while other options of `{qid}` do; it counts as 0"), at)
                        .id(&tag)
                        .hint("write `score: 0` to say so")
                        .warning(),
                );
            }
            let flag = ro.flag.and_then(|f| match self.flag_index.get(&f) {
                Some(&i) => {
                    self.flags_raised.insert(i);
                    Some(i)
                }
                None => {
                    p.push(
                        ctx.problem(
                            format!("unknown flag `{f}`"),
                            ctx.loc.key_value("flag", &f, cursor).or(at),
                        )
                        .id(&tag)
                        .hint_opt(
                            suggestion(&f, self.flag_index.keys().map(String::as_str))
                                .or(Some("declare it under `flags:` in bank.yaml".into())),
                        ),
                    );
                    None
                }
            });
            out.push(Choice {
                id: oid,
                label,
                score: ro.score.filter(|s| plain_number(*s)),
                flag,
            });
        }
        out
    }

    fn advice(&mut self, raw: Vec<RawAdvice>, ctx: &Ctx, p: &mut Vec<Problem>) {
        let mut cursor = ctx.loc.key("advice", 0).unwrap_or(0);
        let mut seen = HashSet::new();
        for ra in raw {
            let id = ra.id.unwrap_or_default();
            let at = if id.is_empty() {
                Some(cursor)
            } else {
                ctx.id_at("id", &id, cursor + 1).or(Some(cursor))
            };
            cursor = at.unwrap_or(cursor);
            if id.is_empty() {
                p.push(
                    ctx.problem("an advice entry has no id", at)
                        .hint("add `id: …`"),
                );
            } else if !is_valid_id(&id) {
                p.push(id_problem(ctx, "advice", &id, at));
            } else if !seen.insert(id.clone()) {
                p.push(
                    ctx.problem(format!("two advice entries have the id `{id}`"), at)
                        .id(&id)
                        .hint("give each entry its own id"),
                );
            }
            let title = required(ra.title, "title", "advice entry", &id, ctx, at, p);
            let when = ra.when.as_ref().and_then(|w| {
                let scope = Scope {
                    questions: &self.questions,
                    question_index: &self.question_index,
                    before: None,
                    flags: Some(&self.flag_index),
                    sets: Some(&self.set_index),
                    broken: &self.broken,
                };
                let mut cps = Vec::new();
                let c = scope.parse(w, &mut cps);
                let when_at = ctx.key("when", cursor).unwrap_or(cursor);
                push_condition_problems(cps, ctx, when_at, &id, p);
                c
            });
            self.advice.push(Advice {
                id,
                title,
                detail: ra.detail.unwrap_or_default(),
                priority: ra.priority.unwrap_or(DEFAULT_PRIORITY),
                when,
                source: ra.source.map(OneOrMany::into_vec).unwrap_or_default(),
            });
        }
    }

    fn unused_flags(&self, ctx: &Ctx, p: &mut Vec<Problem>) {
        for (i, f) in self.flags.iter().enumerate() {
            if !self.flags_raised.contains(&i) {
                p.push(
                    ctx.problem(
                        format!("no option raises the flag `{}`", f.id),
                        ctx.loc.key(&f.id, 0),
                    )
                    .id(&f.id)
                    .hint("add `flag: …` to an option, or remove the flag")
                    .warning(),
                );
            }
        }
    }
}

fn push_condition_problems(
    cps: Vec<CondProblem>,
    ctx: &Ctx,
    when_at: usize,
    id: &str,
    p: &mut Vec<Problem>,
) {
    for cp in cps {
        let at = match &cp.near {
            Some((k, v)) if !k.is_empty() && !v.is_empty() => ctx.loc.key_value(k, v, when_at),
            Some((k, _)) if !k.is_empty() => ctx.loc.key(k, when_at),
            Some((_, v)) if !v.is_empty() => ctx.text_at(v, when_at),
            _ => None,
        }
        .or(Some(when_at));
        p.push(
            ctx.problem(format!("in `when`: {}", cp.message), at)
                .id(id)
                .hint_opt(cp.hint),
        );
    }
}

impl Ctx<'_> {
    /// Where a bare value next stands from `from`.
    fn text_at(&self, v: &str, from: usize) -> Option<usize> {
        self.loc.word(v, from)
    }
}
