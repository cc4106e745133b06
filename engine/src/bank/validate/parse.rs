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

/// The typed form of a file with nothing to report, read in one pass
/// straight from its text; `None` if anything is amiss (bad syntax, an
/// unknown key, a wrong type, nesting too deep), which the careful path of
/// [`parse_file`] then finds and reports with its location.
///
/// Most files are fine, and building the intermediate YAML tree for the
/// careful path costs more than the parse itself (a 100,000-question bank
/// loads in half the time without it). Unknown keys are the one thing the
/// typed parse would pass over silently; `serde_ignored` sees each one.
/// Duplicate keys still fail: a struct's field twice is a serde error, and
/// the only free-form mapping in a set file (`when`) is read as a YAML
/// value, which refuses them.
fn parse_clean<T: DeserializeOwned>(f: &SourceFile) -> Option<T> {
    if crate::input::too_deep(&f.text).is_some() {
        return None;
    }
    let mut ignored = false;
    let de = serde_yaml::Deserializer::from_str(&f.text);
    let MapOnly(v) = serde_ignored::deserialize(de, |_| ignored = true).ok()?;
    (!ignored).then_some(v)
}

/// A file's typed form read only from a mapping with at least one key:
/// serde would also fill a struct from an empty file or, field by field,
/// from a list, which the careful path refuses with a message.
struct MapOnly<T>(T);

/// A mapping's entries, counted as they are read.
struct Counted<A> {
    map: A,
    keys: std::rc::Rc<std::cell::Cell<usize>>,
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for Counted<A> {
    type Error = A::Error;
    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = self.map.next_key_seed(seed)?;
        if key.is_some() {
            self.keys.set(self.keys.get() + 1);
        }
        Ok(key)
    }
    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let keys = std::rc::Rc::default();
                let map = Counted {
                    map,
                    keys: std::rc::Rc::clone(&keys),
                };
                let v = T::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                if keys.get() == 0 {
                    return Err(serde::de::Error::custom("an empty mapping"));
                }
                Ok(MapOnly(v))
            }
        }
        de.deserialize_map(Visit(std::marker::PhantomData))
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
    if let Some(v) = parse_clean(f) {
        return Some(v);
    }
    parse_careful(f, &ctx, problems, walk)
}

/// The careful path: the YAML tree first, its unknown keys reported with
/// the closest valid one, then the typed form, with a type error's place.
fn parse_careful<T: DeserializeOwned>(
    f: &SourceFile,
    ctx: &Ctx,
    problems: &mut Vec<Problem>,
    walk: fn(&Value, &Ctx, &mut Vec<Problem>),
) -> Option<T> {
    let value = parse_yaml(f, ctx, problems)?;
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
    walk(&value, ctx, problems);
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
                    .hint(schema_hint(&f.name));
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
    let mut cursor = Cursor::after(ctx.loc.key("together", 0).unwrap_or(0));
    for entry in seq(v, "together") {
        let id = entry.get("id").and_then(Value::as_str).unwrap_or_default();
        let from = cursor.next(ctx, "id", id);
        unknown_keys(entry, TOGETHER_KEYS, "together entry", from, ctx, p);
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
        if let Some(s) = q.get("listen_for") {
            unknown_keys(s, LISTEN_FOR_KEYS, "listen_for", from, ctx, p);
        }
    }
}

/// Where to read what a field may hold: a command that works when pasted.
fn schema_hint(file: &str) -> String {
    let kind = if std::path::Path::new(file).file_name() == Some(std::ffi::OsStr::new("bank.yaml"))
    {
        "bank"
    } else {
        "set"
    };
    format!("`mommytrack schema {kind}` lists every field this file may have and what it takes")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set file and a settings file with every field there is.
    const SET: &str = r#"id: boss
title: "Your manager"
description: |
  How your manager treats parents.
weight: 1.5
min_answered: 1
shared: false
bands:
  - { verdict: positive, min: 60, label: "Good", summary: "Fine." }
  - { verdict: sidelined, min: 0, label: "Poor" }
source: ["A", "B"]
questions:
  - id: asks
    prompt: "Does your manager ask?"
    help: "Think of the last month."
    kind: choice
    weight: 2
    core: true
    lever: false
    options:
      - { id: often, label: "Often", score: 2 }
      - { id: never, label: "Never", score: -2, flag: red_one }
  - id: ticks
    prompt: "Which apply?"
    kind: multi
    when: { answer: asks, is: often }
    options:
      - { id: a, label: "A" }
  - id: rate
    prompt: "How fair?"
    kind: scale
    reverse: true
    scale: { min: 1, max: 3, labels: ["Low", "Mid", "High"] }
  - id: yn
    prompt: "Is it written down?"
    kind: yesno
    scores: { yes: 1, no: -1 }
    source: "C"
  - id: notes
    prompt: "Anything else?"
    kind: text
"#;
    const SETTINGS: &str = r#"title: "A bank"
description: "For tests."
disclaimer: "No legal advice."
min_coverage: 0.5
max_next_steps: 12
start_here: 3
overall: dimensions
bands:
  - { verdict: positive, min: 70, label: "Positive", summary: "Good." }
  - { verdict: sidelined, min: 0, label: "Sidelined" }
flags:
  red_one: { severity: red, title: "A red flag", caps_verdict: sidelined, source: "S" }
  green_one:
    severity: green
    title: "A green flag"
    detail: "Good."
advice:
  - id: talk
    title: "Talk to them"
    detail: "Soon."
    priority: 1
    group: talks
    when: { any: [{ flag: red_one }, { answer: yn, is: false }] }
    source: ["T"]
"#;

    /// Whenever the one-pass read accepts a file, the careful path finds
    /// nothing to report in it and reads the same typed form: the fast
    /// path never lets through what the careful one would report. Each
    /// line of a file with every field is deleted, repeated, and given
    /// values of every awkward kind in turn.
    #[test]
    fn the_one_pass_read_accepts_only_what_the_careful_path_accepts() {
        const VALUES: &[&str] = &[
            "",
            "~",
            "123",
            "1.10",
            "yes",
            "[a, b]",
            "{ a: 1 }",
            "\"x\"",
            "!!str 5",
            "&a x",
            "*a",
            "{ <<: { a: 1 } }",
            "- x",
            "\"\\u0007\"",
            "1e400",
            "-.inf",
        ];
        let mut checked = 0;
        let mut accepted = 0;
        for (name, text) in [("bank.yaml", SETTINGS), ("10_boss.yaml", SET)] {
            let lines: Vec<&str> = text.lines().collect();
            let mut variants: Vec<String> = vec![
                text.to_string(),
                String::new(),
                "~\n".into(),
                "- a\n- b\n".into(),
                "{}\n".into(),
                format!("{text}extra: 1\n"),
            ];
            for i in 0..lines.len() {
                let mut v = lines.clone();
                v.remove(i);
                variants.push(v.join("\n"));
                let mut v = lines.clone();
                v.insert(i, lines[i]);
                variants.push(v.join("\n"));
                if let Some((key, _)) = lines[i].split_once(": ") {
                    for value in VALUES {
                        let mut v = lines.clone();
                        let line = format!("{key}: {value}");
                        v[i] = &line;
                        variants.push(v.join("\n"));
                    }
                }
            }
            for text in variants {
                let f = SourceFile::new(name, name, text);
                checked += 1;
                accepted += usize::from(if name == "bank.yaml" {
                    agree::<RawSettings>(&f, walk_settings)
                } else {
                    agree::<RawSet>(&f, walk_set)
                });
            }
        }
        // Both kinds of outcome were exercised.
        assert!(
            accepted > 50 && accepted < checked,
            "{accepted} of {checked}"
        );
    }

    /// Whether the one-pass read accepted `f`; panics if it did and the
    /// careful path disagrees.
    fn agree<T: DeserializeOwned + serde::Serialize>(
        f: &SourceFile,
        walk: fn(&Value, &Ctx, &mut Vec<Problem>),
    ) -> bool {
        let Some(fast) = parse_clean::<T>(f) else {
            return false;
        };
        let mut problems = Vec::new();
        let careful = parse_careful::<T>(f, &Ctx::new(f), &mut problems, walk);
        assert!(
            problems.is_empty(),
            "accepted in one pass, but the careful path reports {problems:?} in:\n{}",
            f.text
        );
        let json = |v: &T| serde_json::to_value(v).unwrap();
        assert_eq!(
            careful.as_ref().map(json),
            Some(json(&fast)),
            "the two reads differ for:\n{}",
            f.text
        );
        true
    }
}
