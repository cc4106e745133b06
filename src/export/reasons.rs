//! Why a flag was raised or a next step is listed, in words a parent
//! reads: the answers quoted (for a tick list, only the ticked items that
//! count), then any flag, dimension score or overall score the result
//! names. Never an internal id.

use super::document::REASONS_SHOWN;
use super::{format_score, plural};
use crate::result::{FlagResult, Lookup, QuestionResult, StepResult};
use crate::sanitize::excerpt;

/// Why a flag was raised or a step is listed, in words: the answers (for a
/// tick list, only the ticked items that count), then any flags, scores or
/// the overall score the result names. At most [`REASONS_SHOWN`], then how
/// many more. Never an id.
pub struct Why<'a> {
    pub questions: &'a [String],
    pub options: &'a serde_json::Map<String, serde_json::Value>,
    pub flags: &'a [String],
    pub dimensions: &'a [String],
    pub overall: bool,
}

impl<'a> From<&'a FlagResult> for Why<'a> {
    fn from(f: &'a FlagResult) -> Self {
        Why {
            questions: &f.because,
            options: &f.because_options,
            flags: &[],
            dimensions: &[],
            overall: false,
        }
    }
}

impl<'a> From<&'a StepResult> for Why<'a> {
    fn from(s: &'a StepResult) -> Self {
        Why {
            questions: &s.because,
            options: &s.because_options,
            flags: &s.because_flags,
            dimensions: &s.because_dimensions,
            overall: s.because_overall,
        }
    }
}

/// “A” and “B”, or “A”, “B” and “C”.
fn quoted_list(items: &[String]) -> String {
    let q: Vec<String> = (items.iter())
        .map(|i| format!("\u{201c}{}\u{201d}", excerpt(i)))
        .collect();
    match q.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The labels of the ticked options `ids` of a tick-list answer, when the
/// answer's label can be matched item by item to its ids.
fn ticked_labels(q: &QuestionResult, ids: &serde_json::Value) -> Option<Vec<String>> {
    let answer = q.answer.as_array()?;
    let labels: Vec<&str> = q.answer_label.as_deref()?.split("; ").collect();
    if labels.len() != answer.len() {
        return None;
    }
    let wanted = ids.as_array()?;
    let picked: Vec<String> = (answer.iter().zip(&labels))
        .filter(|(id, _)| wanted.contains(id))
        .map(|(_, l)| (*l).to_string())
        .collect();
    (!picked.is_empty()).then_some(picked)
}

fn question_reason(r: &Lookup, id: &str, why: &Why) -> String {
    let Some(q) = r.question(id) else {
        return "because of an earlier answer".to_string();
    };
    let prompt = excerpt(&q.prompt);
    if q.answer.is_null() {
        return format!("because you did not answer: {prompt}");
    }
    if let Some(ticked) = why.options.get(id).and_then(|ids| ticked_labels(q, ids)) {
        return format!("because you ticked {} for: {prompt}", quoted_list(&ticked));
    }
    match q.answer_label.as_deref() {
        Some(answer) => format!(
            "because you answered \u{201c}{}\u{201d} to: {prompt}",
            excerpt(answer)
        ),
        None => format!("because of your answer to: {prompt}"),
    }
}

/// The reason lines for `why`, at most [`REASONS_SHOWN`] and then "and N
/// more reasons".
pub fn reasons(look: &Lookup, why: Why) -> Vec<String> {
    let r = look.r;
    let mut all: Vec<String> = (why.questions.iter())
        .map(|id| question_reason(look, id, &why))
        .collect();
    let quoted: std::collections::HashSet<&String> = why.questions.iter().collect();
    for id in why.flags {
        // A flag raised by an answer already quoted adds nothing.
        if let Some(f) = look
            .flag(id)
            .filter(|f| f.because.is_empty() || !f.because.iter().all(|q| quoted.contains(q)))
        {
            all.push(format!(
                "because of the flag \u{201c}{}\u{201d}",
                excerpt(&f.title)
            ));
        }
    }
    for id in why.dimensions {
        if let Some(d) = look.dimension(id) {
            all.push(match d.score {
                Some(s) => format!(
                    "because of your score for \u{201c}{}\u{201d}: {}",
                    excerpt(&d.title),
                    format_score(s)
                ),
                None => format!(
                    "because of your answers about \u{201c}{}\u{201d}",
                    excerpt(&d.title)
                ),
            });
        }
    }
    if why.overall
        && let Some(s) = r.overall.score
    {
        all.push(format!(
            "because of your overall score: {}",
            format_score(s)
        ));
    }
    all.dedup();
    shown(all)
}

/// At most [`REASONS_SHOWN`] of `all`, then "and N more reasons".
pub fn shown(mut all: Vec<String>) -> Vec<String> {
    if all.len() > REASONS_SHOWN {
        let more = all.len() - REASONS_SHOWN;
        all.truncate(REASONS_SHOWN);
        all.push(format!(
            "and {more} more {}",
            plural(more, "reason", "reasons")
        ));
    }
    all
}
