//! `--format json`: the result as CONTRACT §5 describes it, pretty-printed,
//! byte-identical for identical inputs.

use super::{Exporter, RenderOptions};
use crate::result::AssessmentResult;

pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn report(&self, result: &AssessmentResult, _: &RenderOptions) -> String {
        to_json(result)
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
