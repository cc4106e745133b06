//! Rendering results for people and programs: one file per format behind
//! the small [`Exporter`] trait (after sharkdp/hyperfine's `src/export/`).
//! Exporters only read a result; they never score, load or write files.

mod json;
mod text;

use crate::result::AssessmentResult;

pub use json::{JsonExporter, to_json};
pub use text::TextExporter;

/// An output format of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

/// How to render: only `text` uses these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colours.
    pub color: bool,
    /// Columns to fit into.
    pub width: u16,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
        }
    }
}

/// Turns a result into a document in one format.
pub trait Exporter {
    fn report(&self, result: &AssessmentResult, options: &RenderOptions) -> String;
}

/// The exporter for a format.
pub fn exporter(format: Format) -> anyhow::Result<Box<dyn Exporter>> {
    match format {
        Format::Text => Ok(Box::new(TextExporter)),
        Format::Json => Ok(Box::new(JsonExporter)),
        Format::Markdown | Format::Html => Err(crate::error::Failure::usage(format!(
            "--format {} is not available yet; use text or json",
            format_name(format)
        ))
        .into()),
    }
}

pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Json => "json",
    }
}

/// Makes text from a bank or an answer inert on a terminal: control
/// characters (ANSI escape sequences among them) become visible `�`, except
/// newlines and tabs.
pub fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_defuses_escape_sequences() {
        assert_eq!(
            terminal_safe("a\x1b[31mred\x07\nb"),
            "a\u{FFFD}[31mred\u{FFFD}\nb"
        );
    }
}
