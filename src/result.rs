//! The assessment result (CONTRACT §5): the JSON contract types, built from
//! an evaluation and read back by `report` and `compare`. Everything a report
//! shows is in here, so a saved result renders without its bank.

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{Bank, Kind};
use crate::error::Failure;
use crate::scoring::{self, Evaluation, Mode};

/// The version of this JSON layout. Readers refuse newer ones.
pub const SCHEMA_VERSION: u32 = 1;
/// How many what-if levers a result lists.
pub const LEVERS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentResult {
    pub schema_version: u32,
    pub tool: ToolInfo,
    pub bank: BankInfo,
    /// `full` or `quick`.
    pub mode: String,
    pub overall: Overall,
    /// The bank's verdict bands, highest `min` first, so a report can draw
    /// the spectrum without the bank. Empty in results saved before v2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandInfo>,
    pub coverage: Coverage,
    pub dimensions: Vec<DimensionResult>,
    pub flags: Vec<FlagResult>,
    pub next_steps: Vec<StepResult>,
    #[serde(default)]
    pub levers: Vec<LeverResult>,
    /// Question id → answer, in bank order; `null` for an explicit skip.
    pub answers: serde_json::Map<String, serde_json::Value>,
    /// True when free-text answers were left out for sharing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankInfo {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    pub score: Option<f64>,
    pub verdict: Option<String>,
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Flags that lowered the verdict below what the score alone gives.
    #[serde(default)]
    pub capped_by: Vec<String>,
}

/// One verdict band: the verdict from `min` up to the next band's `min`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandInfo {
    pub verdict: String,
    pub label: String,
    pub min: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub answered: usize,
    pub asked: usize,
}

impl Coverage {
    /// Fewer than half the asked questions answered.
    pub fn is_low(&self) -> bool {
        self.asked > 0 && self.answered * 2 < self.asked
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionResult {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub answered: usize,
    pub asked: usize,
    pub weight: f64,
    /// A set about the home both partners share (CONTRACT §6.6).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// The questions asked in this dimension, scored or not.
    #[serde(default)]
    pub questions: Vec<QuestionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub prompt: String,
    pub kind: String,
    /// The answer as in the answers file; `null` when skipped.
    pub answer: serde_json::Value,
    /// The answer in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_label: Option<String>,
    /// 0–100 for an answered scored question.
    pub score: Option<f64>,
    pub weight: f64,
    pub scored: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagResult {
    pub id: String,
    pub severity: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps_verdict: Option<String>,
    pub because: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub priority: i64,
    pub because: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

/// "If this answer were X, the overall score would rise from A to B."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeverResult {
    pub question: String,
    pub prompt: String,
    pub from: serde_json::Value,
    pub from_label: String,
    pub to: serde_json::Value,
    pub to_label: String,
    pub overall_from: f64,
    pub overall_to: f64,
    pub gain: f64,
}

/// One decimal place, applied only when the result is built for output.
pub fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Scores the sheet and builds the result: the one way from answers to a
/// result, used by every command.
pub fn assess(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> (AssessmentResult, Evaluation) {
    let eval = scoring::evaluate(bank, sheet, mode);
    let levers = scoring::levers(bank, sheet, &eval, LEVERS);
    (build(bank, sheet, &eval, &levers), eval)
}

fn build(
    bank: &Bank,
    sheet: &AnswerSheet,
    eval: &Evaluation,
    levers: &[scoring::Lever],
) -> AssessmentResult {
    let ids = |qs: &[usize]| -> Vec<String> {
        qs.iter().map(|&i| bank.questions[i].id.clone()).collect()
    };
    let band = eval.band.map(|b| &bank.bands[b]);
    let dimensions: Vec<DimensionResult> = bank
        .sets
        .iter()
        .zip(&eval.dimensions)
        .map(|(set, d)| DimensionResult {
            id: set.id.clone(),
            title: set.title.clone(),
            score: d.score.map(round1),
            answered: d.answered,
            asked: d.asked,
            weight: set.weight,
            shared: false,
            questions: set
                .questions
                .clone()
                .filter(|&i| eval.asked[i])
                .map(|i| {
                    let q = &bank.questions[i];
                    let answer = sheet.get(i);
                    QuestionResult {
                        id: q.id.clone(),
                        prompt: q.prompt.clone(),
                        kind: q.kind.name().to_string(),
                        answer: answer.map_or(serde_json::Value::Null, Answer::to_json),
                        answer_label: answer.map(|a| a.label(q)),
                        score: eval.values[i].map(|v| round1(100.0 * v)),
                        weight: q.weight,
                        scored: q.is_scored(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut answers = serde_json::Map::new();
    for (i, q) in bank.questions.iter().enumerate() {
        if !eval.asked[i] {
            continue;
        }
        match sheet.slot(i) {
            Slot::Missing => {}
            Slot::Skipped => {
                answers.insert(q.id.clone(), serde_json::Value::Null);
            }
            Slot::Given(a) => {
                answers.insert(q.id.clone(), a.to_json());
            }
        }
    }
    AssessmentResult {
        schema_version: SCHEMA_VERSION,
        tool: ToolInfo {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        bank: BankInfo {
            title: bank.title.clone(),
            disclaimer: bank.disclaimer.clone(),
        },
        mode: eval.mode.as_str().into(),
        overall: Overall {
            score: eval.overall.map(round1),
            verdict: band.map(|b| b.verdict.clone()),
            label: band.map(|b| b.label.clone()),
            summary: band.and_then(|b| b.summary.clone()),
            capped_by: eval
                .capped_by
                .iter()
                .map(|&f| bank.flags[f].id.clone())
                .collect(),
        },
        bands: bank
            .bands
            .iter()
            .map(|b| BandInfo {
                verdict: b.verdict.clone(),
                label: b.label.clone(),
                min: b.min,
            })
            .collect(),
        coverage: Coverage {
            answered: eval.dimensions.iter().map(|d| d.answered).sum(),
            asked: eval.dimensions.iter().map(|d| d.asked).sum(),
        },
        dimensions,
        flags: eval
            .flags
            .iter()
            .map(|(f, qs)| {
                let flag = &bank.flags[*f];
                FlagResult {
                    id: flag.id.clone(),
                    severity: flag.severity.as_str().into(),
                    title: flag.title.clone(),
                    detail: flag.detail.clone(),
                    caps_verdict: flag.caps_verdict.map(|b| bank.bands[b].verdict.clone()),
                    because: ids(qs),
                }
            })
            .collect(),
        next_steps: eval
            .next_steps
            .iter()
            .map(|(a, qs)| {
                let adv = &bank.advice[*a];
                StepResult {
                    id: adv.id.clone(),
                    title: adv.title.clone(),
                    detail: adv.detail.clone(),
                    priority: adv.priority,
                    because: ids(qs),
                    source: adv.source.clone(),
                }
            })
            .collect(),
        levers: levers
            .iter()
            .filter_map(|l| {
                let q = &bank.questions[l.question];
                let from = sheet.get(l.question)?;
                Some(LeverResult {
                    question: q.id.clone(),
                    prompt: q.prompt.clone(),
                    from: from.to_json(),
                    from_label: from.label(q),
                    to: l.to.to_json(),
                    to_label: l.to.label(q),
                    overall_from: round1(l.overall_from),
                    overall_to: round1(l.overall_to),
                    // The gain of the rounded scores, so the three add up.
                    gain: round1(round1(l.overall_to) - round1(l.overall_from)),
                })
            })
            .collect(),
        answers,
        redacted: false,
    }
}

impl AssessmentResult {
    /// Reads a saved result, refusing one from a newer schema.
    pub fn from_json(text: &str, file: &str) -> Result<Self, Failure> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Failure::invalid(format!(
                "{file}:{}:{}: not a mommytrack JSON result: {e}; save one with `mommytrack assess --format json --output FILE`",
                e.line(),
                e.column()
            ))
        })?;
        match value
            .get("schema_version")
            .and_then(serde_json::Value::as_u64)
        {
            Some(v) if v > u64::from(SCHEMA_VERSION) => {
                return Err(Failure::invalid(format!(
                    "{file}: this result has schema_version {v}, made by a newer mommytrack; this version reads up to {SCHEMA_VERSION}: upgrade mommytrack to read it"
                )));
            }
            Some(_) => {}
            None => {
                return Err(Failure::invalid(format!(
                    "{file}: no `schema_version`, so this is not a mommytrack JSON result; save one with `mommytrack assess --format json --output FILE`"
                )));
            }
        }
        serde_json::from_value(value).map_err(|e| {
            Failure::invalid(format!(
                "{file}: not a complete mommytrack JSON result ({e}); was it edited by hand?"
            ))
        })
    }

    /// Leaves out free-text answers, for sharing.
    pub fn redact(&mut self) {
        let mut text_ids = Vec::new();
        for d in &mut self.dimensions {
            for q in &mut d.questions {
                if q.kind == Kind::Text.name() && !q.answer.is_null() {
                    q.answer = serde_json::Value::String("(redacted)".into());
                    q.answer_label = Some("(redacted)".into());
                    text_ids.push(q.id.clone());
                }
            }
        }
        for id in text_ids {
            if let Some(v) = self.answers.get_mut(&id) {
                *v = serde_json::Value::String("(redacted)".into());
            }
        }
        self.redacted = true;
    }

    /// A question's prompt and answer label, looked up by id.
    pub fn question(&self, id: &str) -> Option<&QuestionResult> {
        self.dimensions
            .iter()
            .flat_map(|d| &d.questions)
            .find(|q| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_to_one_decimal() {
        assert_eq!(round1(63.449), 63.4);
        assert_eq!(round1(63.45000001), 63.5);
        assert_eq!(round1(100.0), 100.0);
        assert_eq!(round1(1e-12), 0.0);
    }

    #[test]
    fn newer_schema_is_refused_with_a_clear_message() {
        let err = AssessmentResult::from_json(r#"{"schema_version": 99}"#, "r.json").unwrap_err();
        assert!(err.message.contains("newer mommytrack"), "{}", err.message);
        assert_eq!(err.kind.code(), 65);
    }
}
