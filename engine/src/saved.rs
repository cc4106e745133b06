//! Reading a saved JSON result back (`report`, `compare`, `summarize`),
//! version 1 results too: the same caps as
//! any input, every string made inert for a terminal, and values no
//! mommytrack ever writes refused with exit 65, naming the field. A result
//! is often edited by hand or passed around, so nothing in it is trusted:
//! an overall of 1e308 or an `answered` of 2^63 must not reach the
//! arithmetic of a report or a comparison.

use std::path::Path;

use std::cell::Cell;
use std::collections::HashSet;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::Failure;
use crate::result::{AssessmentResult, SCHEMA_VERSION};

/// More questions than any bank within the input cap can hold.
pub const MAX_COUNT: u64 = 1_000_000;
/// The most flags (and advice entries) a bank may have, so the most a
/// result lists: flags, the flags that capped the verdict, next steps,
/// levers. A report looks each one up, so the cap keeps it quick.
pub use crate::bank::MAX_FLAGS;
/// The largest weight a bank may give (see the bank validation).
pub const MAX_WEIGHT: f64 = 1e6;

/// Reads, checks and cleans a saved result.
pub fn read_result(path: &Path) -> Result<AssessmentResult, Failure> {
    let text = crate::input::read_text(path, crate::input::MAX_RESULT_BYTES)?;
    parse_result(&text, &crate::sanitize::path(path))
}

/// [`read_result`] on text already read; `file` names it in messages.
pub fn parse_result(text: &str, file: &str) -> Result<AssessmentResult, Failure> {
    let refused = |(field, why): Refusal| {
        Failure::in_file(
            file,
            None,
            format_args!(
                "`{field}` {why}; mommytrack never writes that, so the file was changed after it was saved: save a fresh one with `mommytrack assess --format json --output FILE`"
            ),
        )
    };
    let mut value = json(text, file)?;
    check(&value).map_err(refused)?;
    make_inert(&mut value);
    AssessmentResult::from_value(value, file)
}

impl AssessmentResult {
    /// Reads a saved result, refusing one from a newer schema.
    pub fn from_json(text: &str, file: &str) -> Result<Self, Failure> {
        Self::from_value(json(text, file)?, file)
    }

    /// [`AssessmentResult::from_json`] on JSON already parsed.
    pub fn from_value(value: Value, file: &str) -> Result<Self, Failure> {
        let refuse = |why: String| Failure::in_file(file, None, why);
        match value.get("schema_version").and_then(Value::as_u64) {
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(refuse(format!(
                    "this result has schema_version {v}, made by a newer mommytrack; this version reads up to {SCHEMA_VERSION}: upgrade mommytrack to read it"
                )));
            }
            Some(_) => {}
            None => {
                return Err(refuse(
                    "no `schema_version`, so this is not a mommytrack JSON result; save one with `mommytrack assess --format json --output FILE`".into(),
                ));
            }
        }
        let mut result: AssessmentResult = serde_json::from_value(value).map_err(|e| {
            refuse(format!(
                "not a complete mommytrack JSON result ({e}); was it edited by hand?"
            ))
        })?;
        result.upgrade();
        Ok(result)
    }

    /// Fills in what a version 1 result lacks, as version 1 meant it: next
    /// steps ranked in their listed order, the first three to start with.
    fn upgrade(&mut self) {
        if self.next_steps.iter().all(|s| s.rank == 0) {
            for (n, s) in self.next_steps.iter_mut().enumerate() {
                s.rank = n + 1;
                s.start_here = n < crate::bank::DEFAULT_START_HERE;
            }
        }
    }
}

/// The JSON of a saved result, or where and why it is not JSON (or holds
/// more than a result of any bank can: see [`Bounded`]).
fn json(text: &str, file: &str) -> Result<Value, Failure> {
    bounded_json(text).map_err(|e| {
        let (pos, e) = crate::error::json_error(&e);
        Failure::in_file(
            file,
            pos,
            format_args!("not a mommytrack JSON result: {e}; save one with `mommytrack assess --format json --output FILE`"),
        )
    })
}

type Refusal = (String, String);

/// The first impossible value, as (field path, what is wrong with it).
pub fn check(v: &Value) -> Result<(), Refusal> {
    match v.get("schema_version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => {}
        // Missing: the result's reader explains what this file is not.
        None => {}
        Some(other) => {
            return Err((
                "schema_version".into(),
                format!("is {other}, but versions start at 1"),
            ));
        }
    }
    if let Some(o) = v.get("overall") {
        object(o, || "overall".into())?;
        score(o, "score", || "overall".into())?;
    }
    if let Some(c) = v.get("coverage") {
        object(c, || "coverage".into())?;
        counts(c, "coverage")?;
    }
    for (i, d) in items(v, "dimensions") {
        let at = || format!("dimensions[{i}]");
        object(d, at)?;
        score(d, "score", at)?;
        counts(d, &at())?;
        weight(d, at)?;
        for (j, q) in items(d, "questions") {
            let at = || format!("dimensions[{i}].questions[{j}]");
            object(q, at)?;
            score(q, "score", at)?;
            weight(q, at)?;
        }
    }
    for (i, l) in items(v, "levers") {
        object(l, || format!("levers[{i}]"))?;
        for key in ["overall_from", "overall_to", "gain"] {
            score(l, key, || format!("levers[{i}]"))?;
        }
    }
    match v.get("taken") {
        None | Some(Value::Null) => {}
        Some(Value::String(d)) if crate::date::Date::parse(d).is_ok() => {}
        Some(other) => {
            return Err((
                "taken".into(),
                format!("is {other}, but it is a day written YYYY-MM-DD"),
            ));
        }
    }
    match v.get("settled_after") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= MAX_COUNT) => {}
        Some(other) => {
            return Err((
                "settled_after".into(),
                format!(
                    "is {other}, but it counts questions: a whole number from 0 to {MAX_COUNT}, or null"
                ),
            ));
        }
    }
    for (i, f) in items(v, "to_find_out") {
        score(f, "could_move", || format!("to_find_out[{i}]"))?;
    }
    Ok(())
}

/// A part the checks look into is an object of named fields: serde reads
/// a list in its place too (`"coverage": [0, 1000001]`), past the checks
/// (found by the fuzz test once every result written is read back first).
fn object(v: &Value, at: impl Fn() -> String) -> Result<(), Refusal> {
    let what = match v {
        Value::Object(_) => return Ok(()),
        Value::Array(_) => "a list",
        Value::String(_) => "text",
        Value::Number(_) => "a number",
        Value::Bool(_) => "true or false",
        Value::Null => "null",
    };
    Err((
        at(),
        format!("is {what}, but it is an object of named fields"),
    ))
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// The score `key` of `v` (at `at`, a path made only to name it when it
/// is refused): `null`, or a number from 0 to 100.
fn score(v: &Value, key: &str, at: impl Fn() -> String) -> Result<(), Refusal> {
    let at = || format!("{}.{key}", at());
    match v.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (0.0..=100.0).contains(&x)) => Ok(()),
        Some(Value::Number(n)) => Err((at(), format!("is {n}, but a score runs from 0 to 100"))),
        Some(_) => Err((at(), "is not a number".into())),
    }
}

/// The weight of `v` (at `at`): a number from 0 to [`MAX_WEIGHT`].
fn weight(v: &Value, at: impl Fn() -> String) -> Result<(), Refusal> {
    match v.get("weight") {
        None => Ok(()),
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (0.0..=MAX_WEIGHT).contains(&x)) => {
            Ok(())
        }
        Some(other) => Err((
            format!("{}.weight", at()),
            format!("is {other}, but a weight runs from 0 to {MAX_WEIGHT}"),
        )),
    }
}

/// `answered` and `asked`: whole numbers up to [`MAX_COUNT`], and no more
/// answered than asked.
fn counts(v: &Value, at: &str) -> Result<(), Refusal> {
    let mut got = [0u64; 2];
    for (slot, key) in got.iter_mut().zip(["answered", "asked"]) {
        match v.get(key) {
            None => {}
            Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n <= MAX_COUNT) => {
                *slot = n.as_u64().unwrap_or_default();
            }
            Some(other) => {
                return Err((
                    format!("{at}.{key}"),
                    format!(
                        "is {other}, but it counts questions: a whole number from 0 to {MAX_COUNT}"
                    ),
                ));
            }
        }
    }
    if got[0] > got[1] {
        return Err((
            format!("{at}.answered"),
            format!("is {}, more than the {} questions asked", got[0], got[1]),
        ));
    }
    Ok(())
}

/// Every string, keys included, through [`crate::sanitize::text`].
pub fn make_inert(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = crate::sanitize::text(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_inert),
        Value::Object(map) => {
            if map.keys().any(|k| !crate::sanitize::is_inert(k)) {
                let old = std::mem::take(map);
                for (k, mut item) in old {
                    make_inert(&mut item);
                    map.insert(crate::sanitize::text(&k).into_owned(), item);
                }
            } else {
                map.values_mut().for_each(make_inert);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The most values (strings, numbers, lists, keys, …) one saved result
/// holds: the result of 10,000 answers to a 10,000-question bank holds
/// about 226,000, its reasons more. With the caps on lists below, it
/// bounds the memory a result of 16 MiB of tiny items costs while it is
/// parsed.
pub const MAX_VALUES: usize = 500_000;
/// The most items in any list of a result, and keys in any object: a
/// bank asks at most this many questions.
const MAX_ITEMS: usize = crate::bank::MAX_QUESTIONS;
/// The most options a multi answer ticks: a question has at most this many.
const MAX_TICKED: usize = crate::bank::MAX_OPTIONS;

/// Where a value sits in a result, for the cap on its lists.
#[derive(Clone, Copy)]
enum At<'k> {
    /// An answer (`answer`, or a value of `answers` or `because_options`):
    /// a list of at most [`MAX_TICKED`] different option ids.
    Answer(&'k str),
    /// `answers` or `because_options`: question id → answer.
    Answers(&'k str),
    /// A list of at most this many items under this key.
    List(&'k str, usize),
}

/// Reads a result's JSON into a [`Value`] while counting: a list or an
/// object longer than a result of any bank holds, a multi answer with
/// more than [`MAX_TICKED`] ids or one id twice, or more than
/// [`MAX_VALUES`] values in all, stops the parse where it is (so the
/// message gives the line and column) before it costs more memory.
#[derive(Clone, Copy)]
pub struct Bounded<'b, 'k> {
    budget: &'b Cell<usize>,
    at: At<'k>,
}

/// A result's JSON read by [`Bounded`]: every JSON file that may be a
/// result is read this way, never into an unbounded [`Value`].
pub fn bounded_json(text: &str) -> Result<Value, serde_json::Error> {
    let budget = Cell::new(MAX_VALUES);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Bounded {
        budget: &budget,
        at: At::List("the result", MAX_ITEMS),
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// `deserialize_with` for a result's `answers` read on its own (as
/// `summarize` does): the caps of [`Bounded`] on it.
pub fn answers<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Map<String, Value>, D::Error> {
    let budget = Cell::new(MAX_VALUES);
    match (Bounded {
        budget: &budget,
        at: At::Answers("answers"),
    })
    .deserialize(de)?
    {
        Value::Object(map) => Ok(map),
        other => Err(D::Error::invalid_type(
            serde::de::Unexpected::Other(&other.to_string()),
            &"an object of answers",
        )),
    }
}

impl<'b, 'k> Bounded<'b, 'k> {
    /// Counts one value, failing past [`MAX_VALUES`].
    fn take<E: serde::de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(format_args!(
                "more than {MAX_VALUES} values, more than a result of any bank holds"
            ))),
        }
    }

    /// The position of a value under `key` in this one.
    fn child<'c>(&self, key: &'c str) -> Bounded<'b, 'c>
    where
        'k: 'c,
    {
        let at = match (self.at, key) {
            (At::Answers(_), id) => At::Answer(id),
            (_, "answer") => At::Answer("answer"),
            (_, "answers" | "because_options") => At::Answers(key),
            (_, "flags" | "capped_by" | "next_steps" | "levers" | "together_entries") => {
                At::List(key, MAX_FLAGS)
            }
            (_, _) => At::List(key, MAX_ITEMS),
        };
        Bounded {
            budget: self.budget,
            at,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_, '_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Value, E> {
        self.take().map(|()| Value::Bool(b))
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Value, E> {
        self.take().map(|()| n.into())
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Value, E> {
        self.take().map(|()| n.into())
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        self.take()?;
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Value, E> {
        self.take().map(|()| Value::String(s.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Value, E> {
        self.take().map(|()| Value::String(s))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        self.take().map(|()| Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.take()?;
        let (key, max) = match self.at {
            At::Answer(id) => (id, MAX_TICKED),
            At::Answers(key) => (key, MAX_ITEMS),
            At::List(key, max) => (key, max),
        };
        let item = Bounded {
            budget: self.budget,
            at: At::List(key, MAX_ITEMS),
        };
        let mut ticked = HashSet::new();
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(item)? {
            if items.len() == max {
                return Err(A::Error::custom(match self.at {
                    At::Answer(_) => format!(
                        "{} ticks more than {max} options, but a question has at most {max}",
                        answer(key)
                    ),
                    _ => format!(
                        "`{key}` holds more than {max} items, but a result of any bank holds at most {max}"
                    ),
                }));
            }
            if let (At::Answer(_), Value::String(id)) = (self.at, &v)
                && !ticked.insert(id.clone())
            {
                return Err(A::Error::custom(format_args!(
                    "{} ticks `{}` twice",
                    answer(key),
                    crate::sanitize::id(id)
                )));
            }
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.take()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.take()?;
            if out.len() == MAX_ITEMS {
                let (At::Answer(at) | At::Answers(at) | At::List(at, _)) = self.at;
                return Err(A::Error::custom(format_args!(
                    "`{at}` holds more than {MAX_ITEMS} keys, but a result of any bank holds at most {MAX_ITEMS}"
                )));
            }
            let v = map.next_value_seed(self.child(&key))?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// An answer named in a message: by its question's id when known.
fn answer(id: &str) -> String {
    match id {
        "answer" => "an answer".into(),
        id => format!("the answer to `{}`", crate::sanitize::id(id)),
    }
}
