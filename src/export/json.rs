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

#[cfg(test)]
#[path = "../../tests/unit/export/json.rs"]
mod tests;
