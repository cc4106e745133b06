//! Rendering results for people and programs: one file per format behind
//! the small [`Exporter`] trait (after sharkdp/hyperfine's `src/export/`).
//! Exporters only read a result; they never score, load or write files.
//! [`document`] lays out a report or a comparison once; `text`, `markdown`
//! and `html` draw it, `json` serialises the result as it is. [`summary`]
//! renders a group summary (the engine's `summarize`) in its five formats.

mod comparison;
pub mod document;
pub mod history;
mod html;
mod json;
pub mod kit;
pub mod listing;
mod markdown;
mod prospective;
mod reasons;
pub mod report;
pub mod summary;
mod text;

use crate::compare::Comparison;
use crate::result::AssessmentResult;

pub use html::HtmlExporter;
pub use json::{JsonExporter, to_json};
pub use markdown::MarkdownExporter;
pub use text::{PlainTextExporter, TextExporter, end_screen};

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

/// Turns a result, or a comparison of two, into a document in one format.
pub trait Exporter {
    fn report(&self, result: &AssessmentResult, options: &RenderOptions) -> String;
    fn comparison(&self, comparison: &Comparison, options: &RenderOptions) -> String;
    /// Writes the report to `out`: by default the rendered document. A
    /// format that can be written as it is made (JSON) overrides it, so
    /// that a very large result is never held twice in memory.
    fn write_report(
        &self,
        result: &AssessmentResult,
        options: &RenderOptions,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(self.report(result, options).as_bytes())
    }
}

/// Draws a laid-out document (a history, the interview kit) in a
/// human-readable format; JSON has no document, so it is drawn as text.
/// `plain`: text for a screen reader.
pub fn draw(doc: &document::Document, format: Format, o: &RenderOptions, plain: bool) -> String {
    match format {
        Format::Text | Format::Json => text::draw(doc, o, plain),
        Format::Markdown => markdown::draw(doc),
        Format::Html => html::draw(doc),
    }
}

/// The exporter for a format.
pub fn exporter(format: Format) -> anyhow::Result<Box<dyn Exporter>> {
    match format {
        Format::Text => Ok(Box::new(TextExporter)),
        Format::Json => Ok(Box::new(JsonExporter)),
        Format::Markdown => Ok(Box::new(MarkdownExporter)),
        Format::Html => Ok(Box::new(HtmlExporter)),
    }
}

/// The exporter for a format, for a screen reader (`--plain`, `TERM=dumb`):
/// the text report without box drawing or block bars; other formats as
/// [`exporter`] gives them.
pub fn plain_exporter(format: Format) -> anyhow::Result<Box<dyn Exporter>> {
    match format {
        Format::Text => Ok(Box::new(PlainTextExporter)),
        other => exporter(other),
    }
}

/// Makes text from a bank or an answer inert on a terminal; see
/// [`crate::sanitize`].
pub use crate::sanitize::terminal_safe;

/// A score with one decimal, always: `63.4`, `70.0`.
pub fn format_score(s: f64) -> String {
    let s = if s == 0.0 { 0.0 } else { s };
    format!("{s:.1}")
}

/// A score or a dash for none.
pub fn format_opt_score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_string(), format_score)
}

/// A difference with its sign: `+8.5`, `-3.0`, `0.0`; a dash for none.
pub fn format_difference(d: Option<f64>) -> String {
    match d {
        None => "–".to_string(),
        Some(d) if d > 0.0 => format!("+{}", format_score(d)),
        Some(d) => format_score(d),
    }
}

/// A ten-cell bar for a 0–100 score.
pub fn bar(score: f64) -> String {
    let filled = ((score / 10.0).round().max(0.0) as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// `part` of `whole` as a percentage (0 of nothing is 0).
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// `one` for 1, `many` otherwise.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
#[path = "../../tests/unit/export.rs"]
mod tests;
