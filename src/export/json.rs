//! Every JSON the program writes (results, comparisons, histories,
//! summaries, question lists, problems, schemas, drafts): pretty-printed,
//! byte-identical for identical inputs.
//!
//! `<`, `>`, `&`, U+2028 and U+2029 inside strings are written as
//! `\u003c`, `\u003e`, `\u0026`, `\u2028` and `\u2029` (as Go's
//! encoding/json does), so text pasted into a web page cannot open a tag;
//! parsed back, it is exactly the same.

use std::fmt::Write as _;

/// Pretty JSON with a final newline. JSON has those characters only
/// inside strings (where a backslash is always escaped itself), and there
/// the escape means the same character.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = match serde_json::to_string_pretty(value) {
        Ok(json) => json,
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    };
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

/// A new result in JSON, once it is known to read back: what mommytrack
/// writes as a result (a report in JSON, the session's saved result) it
/// must read again (`report`, `compare`, `history`, `summarize`). A result
/// past the reader's caps — a bank whose text is too long, since every
/// `<` is written as six characters — is refused here, not saved to be
/// refused later as "not the right file".
pub fn result_json(r: &crate::result::AssessmentResult) -> Result<String, crate::error::Failure> {
    use crate::error::Failure;
    use crate::input::MAX_RESULT_BYTES;
    let json = to_json(r);
    let mib = |n: u64| format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0));
    let fix = "the bank's text (prompts, labels, advice) is too long for its results to be saved and read again: shorten it, or ask for the report in text, markdown or html";
    if json.len() as u64 > MAX_RESULT_BYTES {
        return Err(Failure::invalid(format!(
            "the result is {} of JSON, more than the {} mommytrack reads back from a saved result, so it is not written; {fix}",
            mib(json.len() as u64),
            mib(MAX_RESULT_BYTES)
        )));
    }
    match crate::saved::parse_result(&json, "the result") {
        Ok(_) => Ok(json),
        Err(e) => Err(Failure::invalid(format!(
            "the result would not read back ({e}), so it is not written; {fix}"
        ))),
    }
}

#[cfg(test)]
#[path = "../../tests/unit/export/json.rs"]
mod tests;
