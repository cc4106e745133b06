//! `--format json`: the result as CONTRACT §5 describes it, pretty-printed,
//! byte-identical for identical inputs.
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and
//! `\u0026` (as Go's encoding/json does), so a result pasted into a web page
//! cannot open a tag; parsed back, the text is exactly the same.

use super::{Exporter, RenderOptions};
use crate::compare::Comparison;
use crate::result::AssessmentResult;

pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn report(&self, result: &AssessmentResult, _: &RenderOptions) -> String {
        html_safe(to_json(result))
    }
    fn comparison(&self, comparison: &Comparison, _: &RenderOptions) -> String {
        html_safe(to_json(comparison))
    }
}

/// Pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Escapes the characters HTML gives meaning to. They can only occur inside
/// JSON strings, where a `\uXXXX` escape means the same character.
fn html_safe(json: String) -> String {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_safe_json_parses_back_to_the_same_text() {
        let text = "<script>alert(1)</script> & a | b \u{1b}[31m";
        let json = html_safe(to_json(&serde_json::json!({ "notes": text })));
        assert!(!json.contains('<') && !json.contains('&'), "{json}");
        assert!(!json.contains('\u{1b}'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["notes"], text);
    }
}
