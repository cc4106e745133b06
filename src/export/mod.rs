//! Rendering results for people and programs: one file per format behind
//! the small [`Exporter`] trait (after sharkdp/hyperfine's `src/export/`).
//! Exporters only read a result; they never score, load or write files.

mod html;
mod json;
mod markdown;
mod text;

use crate::compare::Comparison;
use crate::result::{AssessmentResult, LeverResult};

pub use html::HtmlExporter;
pub use json::{JsonExporter, to_json};
pub use markdown::MarkdownExporter;
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

/// Turns a result, or a comparison of two, into a document in one format.
pub trait Exporter {
    fn report(&self, result: &AssessmentResult, options: &RenderOptions) -> String;
    fn comparison(&self, comparison: &Comparison, options: &RenderOptions) -> String;
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

pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Json => "json",
    }
}

/// What stands in a dimension's score column when it has no score.
pub fn no_score(d: &crate::result::DimensionResult) -> &'static str {
    if d.asked == 0 {
        "not asked"
    } else {
        "not answered"
    }
}

/// Makes text from a bank or an answer inert on a terminal; see
/// [`crate::sanitize`].
pub use crate::sanitize::terminal_safe;

/// A score with at most one decimal: `63.4`, `70`.
pub fn format_score(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

/// A score or a dash for none.
pub fn format_opt_score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_string(), format_score)
}

/// A difference with its sign: `+8.5`, `-3`, `0`; a dash for none.
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

/// The verdict in a sentence, or why there is none.
pub fn verdict_sentence(r: &AssessmentResult) -> Option<(String, String)> {
    match (r.overall.score, &r.overall.label) {
        (Some(score), Some(label)) => Some((label.clone(), format_score(score))),
        _ => None,
    }
}

/// The sentence when no scored question was answered.
/// "Answered 30 of 34 scored questions (quick mode)." Plain text: every
/// part is a number or fixed words, so no format needs to escape it.
pub fn coverage_sentence(r: &AssessmentResult) -> String {
    format!(
        "Answered {} of {} scored questions{}.",
        r.coverage.answered,
        r.coverage.asked,
        if r.mode == "quick" {
            " (quick mode)"
        } else {
            ""
        }
    )
}

pub const NO_VERDICT: &str = "No verdict: none of the scored questions was answered.";

/// The sentence under a low-confidence result.
pub const LOW_CONFIDENCE: &str = "Low confidence: fewer than half the questions were answered, so read this as a first impression.";

/// The note on a redacted copy.
pub const REDACTED_NOTE: &str = "Free-text answers are left out of this copy.";

/// "If your answer to … were …, your score would rise from A to B (+g)."
pub fn lever_sentence(l: &LeverResult) -> String {
    format!(
        "If your answer to \"{}\" were \"{}\" instead of \"{}\", your score would rise from {} to {} (+{}).",
        l.prompt,
        l.to_label,
        l.from_label,
        format_score(l.overall_from),
        format_score(l.overall_to),
        format_score(l.gain)
    )
}

/// A flag's or next step's reasons: (answer in words, prompt) per question,
/// or the bare id of a question the result does not hold.
pub fn because_items(r: &AssessmentResult, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| match r.question(id) {
            Some(q) => match q.answer_label.as_deref() {
                Some(answer) if !q.answer.is_null() => {
                    format!("because you answered \"{answer}\" to: {}", q.prompt)
                }
                _ => format!("because you did not answer: {}", q.prompt),
            },
            None => format!("because of question {id}"),
        })
        .collect()
}

/// A question's answer in words for the appendix: its label, "skipped" for
/// an explicit skip, "not answered" when the answers file left it out.
pub fn answer_words(r: &AssessmentResult, q: &crate::result::QuestionResult) -> String {
    match &q.answer_label {
        Some(l) if !q.answer.is_null() => l.clone(),
        _ if r.answers.contains_key(&q.id) => "skipped (prefer not to say)".to_string(),
        _ => "not answered".to_string(),
    }
}

/// The free-text answers of a result: (prompt, answer).
pub fn notes(r: &AssessmentResult) -> Vec<(&str, &str)> {
    r.dimensions
        .iter()
        .flat_map(|d| &d.questions)
        .filter(|q| q.kind == "text")
        .filter_map(|q| Some((q.prompt.as_str(), q.answer.as_str()?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_defuses_escape_sequences() {
        assert_eq!(terminal_safe("a\x1b[31mred\x07\nb"), "ared\nb");
    }
}
