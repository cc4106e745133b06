//! The assessment result (`mommytrack schema result`): the JSON types and
//! how one is built from an evaluation (reading one back, version 1
//! results too, is [`crate::saved`]). Everything a report shows is in
//! here, so a saved result renders without its bank.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, AnswerSheet, Slot};
pub use crate::bank::TogetherEntry;
use crate::bank::{Bank, Kind, Reasons};
use crate::scoring::{self, Evaluation, Mode};

/// The version of this JSON layout. Readers refuse newer ones and read
/// older ones (version 1 lacks the fields version 2 added: coverage, the
/// steps' ranks, scale means, what is shared; they default).
pub const SCHEMA_VERSION: u32 = 2;
/// `overall.withheld` when too few questions were answered for a verdict.
pub const WITHHELD_COVERAGE: &str = "coverage";
/// `overall.label` when the verdict is withheld.
pub const WITHHELD_LABEL: &str = "Not enough answers yet";
/// How many what-if levers a result lists.
pub const LEVERS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AssessmentResult {
    pub schema_version: u32,
    pub tool: ToolInfo,
    pub bank: BankInfo,
    /// `full`, `quick` or `prospective` (`assess --prospective`).
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
    /// The bank's next steps for two partners (its `together:` entries),
    /// with their conditions written out, so that `compare` can evaluate
    /// them on two saved results without the bank. Absent when the bank
    /// has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub together_entries: Vec<TogetherEntry>,
    /// True when free-text answers were left out for sharing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    /// The day the assessment was taken (`YYYY-MM-DD`): set by an
    /// interactive session, or by `assess --taken DATE`; `mommytrack
    /// history` orders results by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<String>,
    /// Who took it, as an opaque random id (32 hex digits) that a session
    /// keeps in the state folder and writes into every result it saves:
    /// `summarize` counts each respondent once, with their latest result.
    /// It says nothing of the person; absent from scripted runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// In an interactive session: how many questions had been answered
    /// when no answers to the rest could change the verdict any more, or
    /// `null` if that never happened. Absent from scripted runs.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub settled_after: Option<Option<usize>>,
    /// A prospective-employer assessment: what is still unknown, the most
    /// telling first, with what to ask to find out. Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_find_out: Vec<FindOut>,
    /// A prospective session's facts about the person, used as they were in
    /// their result of this day (`YYYY-MM-DD`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts_from: Option<String>,
}

/// A field that may be `null` and may be absent, told apart: present
/// (even as `null`) reads as `Some`.
fn present<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// Something still unknown about a prospective employer, and how to find
/// it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FindOut {
    /// The question's id.
    pub question: String,
    /// Its dimension's id.
    pub dimension: String,
    pub prompt: String,
    /// What to ask or find out.
    pub interview: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worrying: Option<String>,
    /// Others questions wait on its answer (they are asked only then).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opens_more: bool,
    /// Its part is asked first (the bank's `ask_first`: the strongest
    /// evidence of how the employer would treat you).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ask_first: bool,
    /// How far the overall score could move between its worst and best
    /// answer, the other answers as they are; or, when more, its share of
    /// what its part's unknown questions move together (one answer alone
    /// may not score a part).
    pub could_move: f64,
    /// The answer in the person's own job, when it is among its weakest
    /// there (scored under 50): the move would have to mend it, so it is
    /// asked right after the parts asked first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weak_now: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BankInfo {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    /// A hash of what the bank asks and how it scores (not its wording):
    /// results with different fingerprints come from different banks.
    /// Absent in version 1 results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Overall {
    pub score: Option<f64>,
    pub verdict: Option<String>,
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Flags that lowered the verdict below what the score alone gives.
    #[serde(default)]
    pub capped_by: Vec<String>,
    /// Why the verdict is lower than the score alone gives, in words: the
    /// band the score gives and the flags that hold the verdict where it
    /// is. Present exactly when `capped_by` is not empty (see
    /// [`cap_reason`], which every report uses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_reason: Option<String>,
    /// Why there is a score but no verdict: `coverage` when fewer of the
    /// asked scored questions were answered than the bank's `min_coverage`
    /// (the score is then provisional). Absent when a verdict is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

/// One verdict band: the verdict from `min` up to the next band's `min`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BandInfo {
    pub verdict: String,
    pub label: String,
    pub min: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DimensionResult {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub answered: usize,
    pub asked: usize,
    /// 0: reported, but not part of the overall score.
    pub weight: f64,
    /// The set is about the home and family two partners share.
    #[serde(default)]
    pub shared: bool,
    /// Answered scored questions needed for a score, when more than 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub min_answered: usize,
    /// For a set whose scored questions are all scales of one range: the
    /// mean answer after reverse keying, on that range (two decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_mean: Option<f64>,
    /// That range, whenever the set has one (even with no score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleRange>,
    /// The set's own band for its score, when the set has bands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The set's own bands, highest `min` first, when it has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandInfo>,
    /// The questions asked in this dimension, scored or not.
    #[serde(default)]
    pub questions: Vec<QuestionResult>,
}

impl DimensionResult {
    /// A set that asked no scored question (the built-in "About you"
    /// profile, or a set a prospective assessment does not ask): it has no
    /// score to report, so the score tables leave it out; its answers
    /// still appear with the others.
    pub fn is_unscored_profile(&self) -> bool {
        self.asked == 0 && self.questions.iter().all(|q| !q.scored)
    }
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// The points of a scale: `min` to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScaleRange {
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// The same as a value `v` in [0, 1], to six decimals:
    /// what item statistics such as Cronbach's alpha are computed on.
    #[serde(default)]
    pub value: Option<f64>,
    pub weight: f64,
    pub scored: bool,
    /// About the home two partners share: `compare`
    /// reads the two answers as two views of one household.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// For a shared question whose answer changes with the point of view:
    /// the same answer as the partner would give it (through the options'
    /// `mirror`, or a scale's), and in words. Absent when it reads the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirrored: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirrored_label: Option<String>,
    /// For a shared question: the partner's answers (in this person's
    /// words) that can be true together with this one, so not a difference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agrees_with: Vec<serde_json::Value>,
    /// For a shared question: what two partners should talk about when
    /// their answers differ, as the bank words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discuss: Option<String>,
    /// 1 = talk about this difference first (shared questions only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discuss_priority: Option<i64>,
    /// In a prospective result: a fact about the person (the bank's
    /// `personal`), not about the employer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlagResult {
    pub id: String,
    pub severity: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps_verdict: Option<String>,
    /// The questions whose answers raised it.
    pub because: Vec<String>,
    /// For multi questions in `because`: the ticked options that raised it.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub because_options: serde_json::Map<String, serde_json::Value>,
    /// Where the flag's claim comes from, as the bank cites it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StepResult {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub priority: i64,
    /// 1 = do first: the order the steps are listed in.
    #[serde(default)]
    pub rank: usize,
    /// One of the first steps (the bank's `start_here`, default 3) that
    /// every report shows first.
    #[serde(default)]
    pub start_here: bool,
    /// The advice group it was chosen from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The questions whose answers led here: answers to scored questions
    /// (and those that raised a flag); answers to unscored questions (a
    /// profile answer, a gate) only when no flag, score or scored answer is
    /// a reason.
    pub because: Vec<String>,
    /// For multi questions in `because`: the ticked options that matter.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub because_options: serde_json::Map<String, serde_json::Value>,
    /// Flags whose being raised is a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because_flags: Vec<String>,
    /// Dimensions whose score is a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because_dimensions: Vec<String>,
    /// The overall score is a reason (it names no single answer).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub because_overall: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

/// "If this answer were X, the overall score would rise from A to B."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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

/// Bands as a result carries them.
fn bands(bands: &[crate::bank::Band]) -> Vec<BandInfo> {
    bands
        .iter()
        .map(|b| BandInfo {
            verdict: b.verdict.clone(),
            label: b.label.clone(),
            min: b.min,
        })
        .collect()
}

/// One decimal place, applied only when the result is built for output.
pub fn round1(x: f64) -> f64 {
    round_to(x, 10.0)
}

/// `x` rounded half away from zero to the decimals of `scale` (10 = one).
fn round_to(x: f64, scale: f64) -> f64 {
    let r = (x * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}

/// Scores the sheet and builds the result: the one way from answers to a
/// result, used by every command.
pub fn assess(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> (AssessmentResult, Evaluation) {
    // About an employer, "nobody could say" is not yet known (the
    // question's `prospective.unknown`): it is asked again, not scored.
    let mut sheet = Cow::Borrowed(sheet);
    for (i, q) in bank.questions.iter().enumerate() {
        let unknown = q.prospective.as_ref().map_or(&[][..], |p| &p.unknown[..]);
        if let (Mode::Prospective, Some(Answer::Choice(id))) = (mode, sheet.get(i))
            && unknown.contains(id)
        {
            sheet.to_mut().set(i, Slot::Skipped);
        }
    }
    let sheet = &*sheet;
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
    let flag_ids =
        |fs: &[usize]| -> Vec<String> { fs.iter().map(|&f| bank.flags[f].id.clone()).collect() };
    let options = |r: &Reasons| -> serde_json::Map<String, serde_json::Value> {
        r.options_by_question()
            .into_iter()
            .map(|(q, os)| (bank.questions[q].id.clone(), os.into()))
            .collect()
    };
    let band = eval.band.map(|b| &bank.bands[b]);
    let dimensions: Vec<DimensionResult> = bank
        .sets
        .iter()
        .zip(&eval.dimensions)
        .map(|(set, d)| {
            let set_band = d.band.and_then(|b| set.bands.get(b));
            DimensionResult {
                id: set.id.clone(),
                title: set.titled(eval.mode == Mode::Prospective).to_string(),
                score: d.score.map(round1),
                answered: d.answered,
                asked: d.asked,
                weight: set.weight,
                shared: set.shared,
                min_answered: set.min_answered.max(1),
                scale_mean: d.scale_mean.map(|m| round_to(m, 100.0)),
                scale: scoring::scale_range(bank, set).map(|(min, max)| ScaleRange { min, max }),
                verdict: set_band.map(|b| b.verdict.clone()),
                label: set_band.map(|b| b.label.clone()),
                bands: bands(&set.bands),
                questions: set
                    .questions
                    .clone()
                    .filter(|&i| eval.asked[i])
                    .map(|i| {
                        // In the words the question was asked in.
                        let q = &*bank.questions[i].worded(eval.mode == Mode::Prospective);
                        let answer = sheet.get(i);
                        let mirrored = answer.filter(|_| q.shared).and_then(|a| a.mirror(q));
                        QuestionResult {
                            id: q.id.clone(),
                            prompt: q.prompt.clone(),
                            kind: q.kind.name().to_string(),
                            answer: answer.map_or(serde_json::Value::Null, Answer::to_json),
                            answer_label: answer.map(|a| a.label(q)),
                            score: eval.values[i].map(|v| round1(100.0 * v)),
                            value: eval.values[i].map(|v| round_to(v, 1e6)),
                            weight: q.weight,
                            scored: q.is_scored(),
                            shared: q.shared,
                            personal: q.personal && eval.mode == Mode::Prospective,
                            mirrored: mirrored.as_ref().map(Answer::to_json),
                            mirrored_label: mirrored.as_ref().map(|m| m.label(q)),
                            agrees_with: answer
                                .filter(|_| q.shared)
                                .map(|a| a.agrees_with(q))
                                .unwrap_or_default(),
                            discuss: q.discuss.clone().filter(|_| q.shared),
                            discuss_priority: q.shared.then_some(q.discuss_priority),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    // Only the answers that count: those to questions asked, and the facts
    // about you a prospective run reads (what it did not ignore).
    let mut answers = sheet.to_json(bank);
    answers.retain(|id, v| {
        bank.question_position(id)
            .is_some_and(|i| eval.asked[i] || !v.is_null() && !eval.ignored.contains(&i))
    });
    let (asked, answered) = eval.coverage;
    // A withheld verdict has no band (and so no cap): its score is provisional.
    let overall = Overall {
        score: eval.overall.map(round1),
        verdict: band.map(|b| b.verdict.clone()),
        label: match band {
            _ if eval.withheld => Some(WITHHELD_LABEL.into()),
            b => b.map(|b| b.label.clone()),
        },
        summary: match band {
            _ if eval.withheld => Some(format!(
                "Only {answered} of the {asked} scored questions were answered; this bank gives a verdict from {} of them. The score is provisional.",
                share_in_words(bank.min_coverage)
            )),
            b => b.and_then(|b| b.summary.clone()),
        },
        capped_by: flag_ids(&eval.capped_by),
        cap_reason: None,
        withheld: eval.withheld.then(|| WITHHELD_COVERAGE.into()),
    };
    let mut result = AssessmentResult {
        schema_version: SCHEMA_VERSION,
        // The program's name and version: the workspace versions the
        // engine with the binary.
        tool: ToolInfo {
            name: "mommytrack".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        bank: BankInfo {
            title: bank.title.clone(),
            disclaimer: bank.disclaimer.clone(),
            fingerprint: Some(bank.fingerprint.clone()),
        },
        mode: eval.mode.as_str().into(),
        overall,
        bands: bands(&bank.bands),
        coverage: Coverage { answered, asked },
        dimensions,
        flags: eval
            .flags
            .iter()
            .map(|(f, r)| {
                let flag = &bank.flags[*f];
                FlagResult {
                    id: flag.id.clone(),
                    severity: flag.severity.as_str().into(),
                    title: flag.title.clone(),
                    detail: flag.detail.clone(),
                    caps_verdict: flag.caps_verdict.map(|b| bank.bands[b].verdict.clone()),
                    because: ids(&r.questions()),
                    because_options: options(r),
                    source: flag.source.clone(),
                }
            })
            .collect(),
        // A prospective employer gets what to find out instead: the next
        // steps and levers speak of your own workplace.
        next_steps: eval
            .next_steps
            .iter()
            .filter(|_| eval.mode != Mode::Prospective)
            .enumerate()
            .map(|(n, step)| {
                let (a, r) = (&step.advice, &step.reasons);
                let adv = &bank.advice[*a];
                StepResult {
                    id: adv.id.clone(),
                    title: adv.title.clone(),
                    detail: adv.detail.clone(),
                    priority: step.priority,
                    rank: n + 1,
                    start_here: n < bank.start_here,
                    group: adv.group.clone(),
                    because: ids(&r.questions()),
                    because_options: options(r),
                    because_flags: flag_ids(&r.flags()),
                    because_dimensions: r
                        .dimensions()
                        .iter()
                        .map(|&s| bank.sets[s].id.clone())
                        .collect(),
                    because_overall: r.overall,
                    source: adv.source.clone(),
                }
            })
            .collect(),
        levers: levers
            .iter()
            .filter(|_| eval.mode != Mode::Prospective)
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
        to_find_out: if eval.mode == Mode::Prospective {
            to_find_out(bank, sheet, eval)
        } else {
            Vec::new()
        },
        answers,
        together_entries: bank.together.clone(),
        redacted: false,
        taken: None,
        respondent: None,
        settled_after: None,
        facts_from: None,
    };
    result.overall.cap_reason = cap_reason(&result);
    result
}

/// Why a result's verdict is lower than its score alone gives, in words,
/// or `None` when no flag lowered it: the band the published score falls
/// in and the flags that hold the verdict where it is. Reports call this
/// (not the stored field) so that results saved before it existed say why
/// too.
pub fn cap_reason(r: &AssessmentResult) -> Option<String> {
    if r.overall.capped_by.is_empty() {
        return None;
    }
    let score = r.overall.score?;
    let verdict = r.overall.label.as_deref()?;
    let by_score = r
        .bands
        .iter()
        .find(|b| b.min <= score)
        .or(r.bands.last())
        .map(|b| b.label.as_str())?;
    let titles: Vec<String> = r
        .overall
        .capped_by
        .iter()
        .map(|id| {
            let title = r
                .flags
                .iter()
                .find(|f| &f.id == id)
                .map_or(id.as_str(), |f| f.title.as_str());
            format!("\u{201c}{title}\u{201d}")
        })
        .collect();
    let held = match titles.as_slice() {
        [one] => format!("this sign holds it at {verdict}: {one}"),
        many => format!("these signs hold it at {verdict}: {}", many.join("; ")),
    };
    Some(format!(
        "A score of {score:.1} alone would give {by_score}, but {held}."
    ))
}

/// The questions of a prospective assessment left at "don't know yet":
/// first those others wait on, then those of the parts the bank asks
/// first (`ask_first`: how working parents fare there), then by how far
/// their answer could move the overall score, then in bank order.
fn to_find_out(bank: &Bank, sheet: &AnswerSheet, eval: &Evaluation) -> Vec<FindOut> {
    // A later question of this mode waits on it (its `when` names it).
    let dependents = scoring::dependents(bank);
    let waited_on =
        |i: usize| (dependents[i].iter()).any(|&j| eval.mode.includes(&bank.questions[j]));
    let unknown: Vec<usize> = (0..bank.questions.len())
        .filter(|&i| {
            bank.questions[i].interview.is_some() && eval.asked[i] && sheet.get(i).is_none()
        })
        .collect();
    // How far the overall score moves between the worst and the best
    // answers to `qs` (unknowns of one part) together, the other answers
    // as they are. Unless another question waits on one of them, only
    // their part is added up again; else the sheet is scored again, while
    // that fits [`scoring::MAX_WORK`] (past it, the part alone).
    let rescore = bank.questions.len()
        + (bank.questions.iter())
            .map(|q| q.when.as_ref().map_or(0, |c| c.work(bank)))
            .sum::<usize>();
    let mut budget = scoring::MAX_WORK;
    let shares = scoring::shares(bank, eval);
    let mut swing = |qs: &[usize]| {
        let extremes: Vec<_> = (qs.iter())
            .map(|&i| scoring::extreme_answers(bank, &bank.questions[i]))
            .collect();
        let waits = qs.iter().any(|&i| waited_on(i));
        let again = waits
            && budget.checked_sub(2 * rescore).is_some_and(|b| {
                budget = b;
                true
            });
        let with = |best: bool| {
            let pick = |k: usize| {
                let (worst, top) = &extremes[k];
                if best { top.clone() } else { worst.clone() }
            };
            if again {
                let mut s = sheet.clone();
                for (k, &i) in qs.iter().enumerate() {
                    if let Some(a) = pick(k) {
                        s.set(i, Slot::Given(a));
                    }
                }
                return scoring::verdict(bank, &s, eval.mode).overall;
            }
            if let [i] = qs {
                let v = pick(0).and_then(|a| scoring::value(&bank.questions[*i], &a));
                return scoring::overall_plus(bank, eval, shares, *i, v);
            }
            // `qs` are in bank order.
            let value = |i: usize| {
                let k = qs.binary_search(&i).ok()?;
                let a = pick(k)?;
                Some(scoring::value(&bank.questions[i], &a))
            };
            scoring::overall_with(bank, eval, bank.questions[qs[0]].set, value)
        };
        with(false)
            .zip(with(true))
            .map_or(0.0, |(lo, hi)| (hi - lo).abs())
    };
    // The unknowns of each part, and what they move together.
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); bank.sets.len()];
    for &i in &unknown {
        parts[bank.questions[i].set].push(i);
    }
    let together: Vec<f64> = (parts.iter())
        .map(|p| if p.is_empty() { 0.0 } else { swing(p) })
        .collect();
    let mut out: Vec<FindOut> = Vec::new();
    for &i in &unknown {
        let q = &bank.questions[i];
        let Some(iv) = &q.interview else { continue };
        // A question alone may not score its part (`min_answered`): it
        // gets its share of what the part's unknowns move together.
        let part = parts[q.set].len() as f64;
        let could_move = round1(swing(&[i]).max(together[q.set] / part));
        out.push(FindOut {
            question: q.id.clone(),
            dimension: bank.sets[q.set].id.clone(),
            prompt: q.worded(true).prompt.clone(),
            interview: iv.ask.clone(),
            good: iv.good.clone(),
            worrying: iv.worrying.clone(),
            opens_more: waited_on(i),
            ask_first: bank.sets[q.set].ask_first,
            could_move,
            weak_now: None,
        });
    }
    rank(&mut out);
    out
}

/// What to ask next in order: those others wait on, those of the parts
/// asked first, those weakest in the person's own job, then by how far the
/// score could move; in bank order (the order given) otherwise.
fn rank(list: &mut [FindOut]) {
    list.sort_by(|a, b| {
        b.opens_more
            .cmp(&a.opens_more)
            .then(b.ask_first.cmp(&a.ask_first))
            .then(b.weak_now.is_some().cmp(&a.weak_now.is_some()))
            .then(b.could_move.total_cmp(&a.could_move))
    });
}

/// A fraction in words: "half", or "60%".
fn share_in_words(f: f64) -> String {
    if f == 0.5 {
        "half".into()
    } else {
        format!("{}%", round_to(f * 100.0, 10.0))
    }
}

impl AssessmentResult {
    /// A prospective result weighed against `current`, the person's result
    /// about their own job (same bank): its unknowns that scored under 50
    /// there are marked with that answer and asked sooner (`weak_now`).
    pub fn weigh_against(&mut self, current: &AssessmentResult) {
        // The first of each id that scored under 50.
        let mut weak: HashMap<&str, &QuestionResult> = HashMap::new();
        for q in current
            .questions()
            .filter(|q| q.score.is_some_and(|s| s < 50.0))
        {
            weak.entry(q.id.as_str()).or_insert(q);
        }
        for f in &mut self.to_find_out {
            let weak = weak.get(f.question.as_str());
            f.weak_now = weak.and_then(|q| q.answer_label.clone());
        }
        rank(&mut self.to_find_out);
    }

    /// Leaves out free-text answers, for sharing.
    pub fn redact(&mut self) {
        for q in self.dimensions.iter_mut().flat_map(|d| &mut d.questions) {
            if q.kind == Kind::Text.name() && !q.answer.is_null() {
                q.answer = "(redacted)".into();
                q.answer_label = Some("(redacted)".into());
                if let Some(v) = self.answers.get_mut(&q.id) {
                    *v = "(redacted)".into();
                }
            }
        }
        self.redacted = true;
    }

    /// The mode as a type (`None` for a name no mommytrack writes).
    pub fn mode(&self) -> Option<Mode> {
        Mode::parse(&self.mode)
    }

    /// Every question asked, dimension by dimension.
    pub fn questions(&self) -> impl Iterator<Item = &QuestionResult> + Clone {
        self.dimensions.iter().flat_map(|d| &d.questions)
    }
}

/// One result with its questions, parts and flags by id, built once per
/// report, history entry or comparison: every id a reason, a condition or
/// a shared question names is looked up, never searched for (a saved
/// result may hold thousands of each). The first of a repeated id wins,
/// as a search would find it.
pub struct Lookup<'r> {
    pub r: &'r AssessmentResult,
    questions: HashMap<&'r str, &'r QuestionResult>,
    dimensions: HashMap<&'r str, &'r DimensionResult>,
    flags: HashMap<&'r str, &'r FlagResult>,
    /// Each list answer (a multi question's) as the set of its texts.
    ticked: HashMap<&'r str, HashSet<&'r str>>,
}

impl<'r> Lookup<'r> {
    pub fn new(r: &'r AssessmentResult) -> Self {
        fn first<'r, T>(items: impl Iterator<Item = (&'r str, &'r T)>) -> HashMap<&'r str, &'r T> {
            let mut m = HashMap::new();
            for (id, x) in items {
                m.entry(id).or_insert(x);
            }
            m
        }
        Lookup {
            r,
            questions: first(
                r.dimensions
                    .iter()
                    .flat_map(|d| &d.questions)
                    .map(|q| (q.id.as_str(), q)),
            ),
            dimensions: first(r.dimensions.iter().map(|d| (d.id.as_str(), d))),
            flags: first(r.flags.iter().map(|f| (f.id.as_str(), f))),
            ticked: (r.answers.iter())
                .filter_map(|(id, v)| {
                    let items = v.as_array()?.iter().filter_map(serde_json::Value::as_str);
                    Some((id.as_str(), items.collect()))
                })
                .collect(),
        }
    }

    /// Whether the list answer to `id` holds the text `opt`.
    pub fn ticks(&self, id: &str, opt: &str) -> bool {
        self.ticked.get(id).is_some_and(|t| t.contains(opt))
    }

    pub fn question(&self, id: &str) -> Option<&'r QuestionResult> {
        self.questions.get(id).copied()
    }

    pub fn dimension(&self, id: &str) -> Option<&'r DimensionResult> {
        self.dimensions.get(id).copied()
    }

    pub fn flag(&self, id: &str) -> Option<&'r FlagResult> {
        self.flags.get(id).copied()
    }
}
