//! `--format json`: the result as docs/formats.md describes it, pretty-printed,
//! byte-identical for identical inputs.
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and
//! `\u0026` (as Go's encoding/json does), so a result pasted into a web page
//! cannot open a tag; parsed back, the text is exactly the same.

use std::fmt::Write as _;

/// Pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain data with string keys cannot fail.
    match serde_json::to_string_pretty(value) {
        Ok(json) => json + "\n",
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// [`to_json`] with `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`
/// escapes. JSON has them only inside strings (where a backslash is always
/// escaped itself), and there the escape means the same character.
pub(super) fn html_safe<T: serde::Serialize>(value: &T) -> String {
    let json = to_json(value);
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "../../tests/unit/export/json.rs"]
mod tests;
