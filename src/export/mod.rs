//! Rendering results for people and programs: one file per format, and
//! [`render_report`] and [`render_comparison`], which pick the format.
//! Rendering only reads a result; it never scores, loads or writes files.
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

pub use json::{result_json, to_json};
pub use text::end_screen;

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

/// A result's report in `format`: the result itself in JSON (once it is
/// known to read back: [`result_json`]), else its laid-out document drawn
/// (`plain`: text for a screen reader, without box drawing or block bars).
pub fn render_report(
    r: &AssessmentResult,
    format: Format,
    o: &RenderOptions,
    plain: bool,
) -> Result<String, crate::error::Failure> {
    let audience = match format {
        Format::Json => return result_json(r),
        Format::Text => document::Audience::Terminal,
        Format::Markdown | Format::Html => document::Audience::Page,
    };
    Ok(draw(&report::report(r, audience), format, o, plain))
}

/// A comparison in `format`, as [`render_report`] renders a result.
pub fn render_comparison(c: &Comparison, format: Format, o: &RenderOptions, plain: bool) -> String {
    match format {
        Format::Json => to_json(c),
        _ => draw(&comparison::document(c), format, o, plain),
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

/// `n` and `one` or `many` after it: "1 set", "3 sets".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// `one` for 1, `many` otherwise.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
#[path = "../../tests/unit/export.rs"]
mod tests;
