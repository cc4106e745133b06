//! Reading a saved JSON result back (`report`, `compare`, `summarize`),
//! version 1 results too: the same caps as
//! any input, every string made inert for a terminal, and values no
//! mommytrack ever writes refused with exit 65, naming the field. A result
//! is often edited by hand or passed around, so nothing in it is trusted:
//! an overall of 1e308 or an `answered` of 2^63 must not reach the
//! arithmetic of a report or a comparison.

use std::path::Path;

use serde_json::Value;

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
    let mut value = json(text, file)?;
    check(&value).map_err(|(field, why)| {
        Failure::in_file(file, None, format_args!(
            "`{field}` {why}; mommytrack never writes that, so the file was changed after it was saved: save a fresh one with `mommytrack assess --format json --output FILE`"
        ))
    })?;
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
        match value.get("schema_version").and_then(Value::as_u64) {
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(Failure::in_file(
                    file,
                    None,
                    format_args!(
                        "this result has schema_version {v}, made by a newer mommytrack; this version reads up to {SCHEMA_VERSION}: upgrade mommytrack to read it"
                    ),
                ));
            }
            Some(_) => {}
            None => {
                return Err(Failure::in_file(
                    file,
                    None,
                    "no `schema_version`, so this is not a mommytrack JSON result; save one with `mommytrack assess --format json --output FILE`",
                ));
            }
        }
        let mut result: AssessmentResult = serde_json::from_value(value).map_err(|e| {
            Failure::in_file(
                file,
                None,
                format_args!("not a complete mommytrack JSON result ({e}); was it edited by hand?"),
            )
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

/// The JSON of a saved result, or where and why it is not JSON.
fn json(text: &str, file: &str) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|e| {
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
        score(o, "score", "overall.score")?;
        list_len(o, "capped_by", "overall.capped_by", MAX_FLAGS)?;
    }
    if let Some(c) = v.get("coverage") {
        counts(c, "coverage")?;
    }
    for (i, d) in items(v, "dimensions") {
        let at = format!("dimensions[{i}]");
        score(d, "score", &format!("{at}.score"))?;
        counts(d, &at)?;
        weight(d, &format!("{at}.weight"))?;
        for (j, q) in items(d, "questions") {
            let at = format!("{at}.questions[{j}]");
            score(q, "score", &format!("{at}.score"))?;
            weight(q, &format!("{at}.weight"))?;
        }
    }
    for (i, l) in items(v, "levers") {
        let at = format!("levers[{i}]");
        score(l, "overall_from", &format!("{at}.overall_from"))?;
        score(l, "overall_to", &format!("{at}.overall_to"))?;
        score(l, "gain", &format!("{at}.gain"))?;
    }
    for key in ["flags", "next_steps", "levers", "together_entries"] {
        list_len(v, key, key, MAX_FLAGS)?;
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
        score(f, "could_move", &format!("to_find_out[{i}].could_move"))?;
    }
    list_len(v, "to_find_out", "to_find_out", MAX_COUNT as usize)?;
    for (i, f) in items(v, "flags") {
        list_len(
            f,
            "because",
            &format!("flags[{i}].because"),
            MAX_COUNT as usize,
        )?;
    }
    Ok(())
}

fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// A score: `null`, or a number from 0 to 100.
fn score(v: &Value, key: &str, at: &str) -> Result<(), Refusal> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (0.0..=100.0).contains(&x)) => Ok(()),
        Some(Value::Number(n)) => {
            Err((at.into(), format!("is {n}, but a score runs from 0 to 100")))
        }
        Some(_) => Err((at.into(), "is not a number".into())),
    }
}

/// A weight: a number from 0 to [`MAX_WEIGHT`].
fn weight(v: &Value, at: &str) -> Result<(), Refusal> {
    match v.get("weight") {
        None => Ok(()),
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (0.0..=MAX_WEIGHT).contains(&x)) => {
            Ok(())
        }
        Some(other) => Err((
            at.into(),
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

/// A list no longer than `max` items.
fn list_len(v: &Value, key: &str, at: &str, max: usize) -> Result<(), Refusal> {
    match v.get(key).and_then(Value::as_array) {
        Some(list) if list.len() > max => Err((
            at.into(),
            format!("holds {} items, but a bank gives at most {max}", list.len()),
        )),
        _ => Ok(()),
    }
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
