//! Reading a bank file: YAML syntax, unknown keys (each with the closest
//! valid one) and types, in words a bank author can act on.

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::context::{Ctx, Cursor, SourceFile, yaml_problem};
use crate::bank::raw::*;
use crate::error::Problem;
use crate::yaml::strip_location;

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
pub(super) fn parse_file<T: DeserializeOwned>(
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
                            other => crate::yaml::describe(other),
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
                    crate::yaml::describe(k)
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

pub(super) fn walk_settings(v: &Value, ctx: &Ctx, p: &mut Vec<Problem>) {
    unknown_keys(v, SETTINGS_KEYS, "bank.yaml", 0, ctx, p);
    for band in seq(v, "bands") {
        unknown_keys(band, BAND_KEYS, "band", 0, ctx, p);
    }
    if let Some(Value::Mapping(flags)) = v.get("flags") {
        let mut cursor = Cursor::after(ctx.loc.key("flags", 0).unwrap_or(0));
        for (id, flag) in flags {
            let from = id
                .as_str()
                .and_then(|id| cursor.find_key(ctx, id))
                .unwrap_or(0);
            unknown_keys(flag, FLAG_KEYS, "flag", from, ctx, p);
        }
    }
    let mut cursor = Cursor::after(0);
    for advice in seq(v, "advice") {
        let id = advice.get("id").and_then(Value::as_str).unwrap_or_default();
        let from = cursor.next(ctx, "id", id);
        unknown_keys(advice, ADVICE_KEYS, "advice entry", from, ctx, p);
    }
}

pub(super) fn walk_set(v: &Value, ctx: &Ctx, p: &mut Vec<Problem>) {
    unknown_keys(v, SET_KEYS, "question set", 0, ctx, p);
    for band in seq(v, "bands") {
        unknown_keys(band, BAND_KEYS, "band", 0, ctx, p);
    }
    let mut cursor = Cursor::after(0);
    for q in seq(v, "questions") {
        let id = q.get("id").and_then(Value::as_str).unwrap_or_default();
        let from = cursor.next(ctx, "id", id);
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
