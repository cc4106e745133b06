//! `mommytrack compare`: two saved results side by side (you and your
//! partner, or you now and you a year ago). Built only from the results, so
//! it needs no bank; results from different banks are matched by id.
//!
//! Sets marked `shared: true` are about the home both people share
//! (docs/reports.md, "Two partners"): their differences come first, as the places where two
//! people see one life differently; the rest are each person's workplace.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::result::{AssessmentResult, SCHEMA_VERSION, round1};

/// Two results compared. Every `difference` is `b - a`, from the rounded
/// scores the results hold, rounded again to one decimal place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Comparison {
    pub schema_version: u32,
    pub a: Side,
    pub b: Side,
    /// Both results come from the same bank: the same title, and the same
    /// fingerprint when both carry one (version 1 results do not).
    pub same_bank: bool,
    /// How the two are read: `partners` (two people sharing a home: shared
    /// answers mirrored, next steps for two), `same_person` (one person at
    /// two times) or `prospective` (a job now and a job considered).
    pub reading: Reading,
    /// Which way every `difference` runs: always `"b - a"`.
    pub difference: String,
    /// For a prospective job, both scores are recomputed over the scored
    /// questions both results answered (see [`DimensionDiff::both_answered`]).
    pub overall: ScoreDiff,
    /// A's dimensions in its bank order, then any only B has.
    pub dimensions: Vec<DimensionDiff>,
    /// Questions answered differently (shared ones after mirroring): the
    /// largest score difference first, then the other differing answers in
    /// bank order. Every one, with no cap. For a prospective job, only the
    /// questions both answered: what one side does not know yet is not a
    /// difference (it is in that side's `to_find_out`).
    pub questions: Vec<QuestionDiff>,
    /// Next steps for the two of them, from the bank's `together:` entries
    /// (the bank's `together:` entries), most urgent first.
    #[serde(default)]
    pub together: Vec<TogetherStep>,
    /// Every question about the shared home on which A's answer and B's
    /// answer seen from A's side differ, or only one answered: the most
    /// important to talk about first.
    #[serde(default)]
    pub shared_differences: Vec<SharedDifference>,
    /// The shared questions both answered the same way, seen from one side.
    #[serde(default)]
    pub shared_agreements: Vec<SharedAgreement>,
    pub flags: FlagDiff,
    /// True when free-text answers were left out for sharing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
}

/// How two results are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    Partners,
    SamePerson,
    Prospective,
}

use crate::couple::Lookup;
pub use crate::couple::{
    ContestedFlag, Evidence, SharedAgreement, SharedDifference, TogetherStep, Who,
};

/// One of the two results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Side {
    /// What the reports call it: the file name, e.g. `me.json`.
    pub label: String,
    pub bank: String,
    pub mode: String,
    pub verdict: Option<String>,
    pub verdict_label: Option<String>,
    pub answered: usize,
    pub asked: usize,
    /// A prospective result's verdict while some of its scored questions
    /// are still unknown: reports say "(provisional)" beside it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The result's bank fingerprint, when it carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The result's verdict bands, so reports can tell a good verdict from
    /// a bad one by its place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<crate::result::BandInfo>,
    /// A prospective result's questions still to find out, most telling
    /// first (its `to_find_out`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_find_out: Vec<crate::result::FindOut>,
    /// Of those, the ones the other result answered: question id → the
    /// other's answer in words (known about one employer, not yet the
    /// other).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub other_knows: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreDiff {
    pub a: Option<f64>,
    pub b: Option<f64>,
    /// `b - a`; `null` unless both have a score.
    pub difference: Option<f64>,
}

impl ScoreDiff {
    /// Both scores as published (one decimal), and their difference: what
    /// a reader sees adds up (66.7 to 33.3 is -33.4 both ways round).
    pub fn new(a: Option<f64>, b: Option<f64>) -> Self {
        let (a, b) = (a.map(round1), b.map(round1));
        ScoreDiff {
            a,
            b,
            difference: a.zip(b).map(|(a, b)| round1(b - a)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DimensionDiff {
    pub id: String,
    pub title: String,
    /// A set about the shared home.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    #[serde(flatten)]
    pub score: ScoreDiff,
    /// For a prospective job: how many scored questions both results
    /// answered, the only ones both scores are computed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub both_answered: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuestionDiff {
    pub id: String,
    pub prompt: String,
    /// The dimension's title.
    pub dimension: String,
    /// The question belongs to a shared set.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    pub kind: String,
    /// The answers as in the results; `null` when not answered there.
    pub a: serde_json::Value,
    pub b: serde_json::Value,
    /// For a shared question whose mirror changes B's answer: B's answer
    /// seen from A's side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b_as_a: Option<serde_json::Value>,
    /// The answers in words: "not answered" when there is none.
    pub a_label: String,
    pub b_label: String,
    /// The question's score (0–100) on each side, and the difference.
    pub score: ScoreDiff,
}

/// The flags raised in one result but not the other, and in both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlagDiff {
    pub only_a: Vec<FlagRef>,
    pub only_b: Vec<FlagRef>,
    pub both: Vec<FlagRef>,
    /// Flags (of any of the lists above) whose evidence is a shared
    /// question the two answered differently: a difference to talk about,
    /// not one person's fact.
    #[serde(default)]
    pub contested: Vec<ContestedFlag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlagRef {
    pub id: String,
    pub severity: String,
    pub title: String,
    /// A prospective job: the other result does not know yet the answers
    /// that raise it (they are in its `to_find_out`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unknown_at_other: bool,
}

/// The words for a question with no answer in a result.
pub const NOT_ANSWERED: &str = "not answered";

/// The mode a prospective result has (`assess --prospective`).
pub const PROSPECTIVE: &str = "prospective";

impl Comparison {
    /// Compares `a` and `b`, two partners (or a job now and a prospective
    /// one), called `label_a` and `label_b` in reports.
    pub fn new(a: &AssessmentResult, b: &AssessmentResult, label_a: &str, label_b: &str) -> Self {
        let reading = match a.mode == PROSPECTIVE || b.mode == PROSPECTIVE {
            true => Reading::Prospective,
            false => Reading::Partners,
        };
        Self::read_as(a, b, label_a, label_b, reading)
    }

    /// Compares `a` and `b` read as `reading`. One person's results from
    /// two times (`SamePerson`): no answer is mirrored and no next steps
    /// for two are looked for.
    pub fn read_as<'r>(
        a: &'r AssessmentResult,
        b: &'r AssessmentResult,
        label_a: &str,
        label_b: &str,
        reading: Reading,
    ) -> Self {
        let partners = reading == Reading::Partners;
        // Looked up by id through maps and sets: a scan per lookup made
        // comparing two large results cost the square of their size.
        let (la, lb) = (Lookup::new(a), Lookup::new(b));
        let side = |r: &AssessmentResult, other: &Lookup, label: &str| Side {
            label: label.to_string(),
            bank: r.bank.title.clone(),
            mode: r.mode.clone(),
            verdict: r.overall.verdict.clone(),
            verdict_label: r.overall.label.clone(),
            answered: r.coverage.answered,
            asked: r.coverage.asked,
            provisional: r.mode == "prospective"
                && r.overall.verdict.is_some()
                && r.coverage.answered < r.coverage.asked,
            fingerprint: r.bank.fingerprint.clone(),
            bands: r.bands.clone(),
            to_find_out: r.to_find_out.clone(),
            other_knows: r
                .to_find_out
                .iter()
                .filter_map(|f| {
                    let label = other.question(&f.question)?.answer_label.clone()?;
                    Some((f.question.clone(), label))
                })
                .collect(),
        };

        let a_dims: HashSet<&str> = a.dimensions.iter().map(|d| d.id.as_str()).collect();
        let shared_ids: HashSet<String> = shared_sets(a, b).into_iter().collect();
        // A's dimensions, then those only B has.
        let only_b = b
            .dimensions
            .iter()
            .filter(|d| !a_dims.contains(d.id.as_str()));
        let mut dimensions: Vec<DimensionDiff> = (a.dimensions.iter().map(|d| (d, true)))
            .chain(only_b.map(|d| (d, false)))
            .filter(|(d, _)| !d.is_unscored_profile())
            .map(|(d, in_a)| {
                let (sa, sb) = match in_a {
                    true => (d.score, lb.dimension(&d.id).and_then(|db| db.score)),
                    false => (None, d.score),
                };
                DimensionDiff {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    shared: shared_ids.contains(&d.id),
                    score: ScoreDiff::new(sa, sb),
                    both_answered: None,
                }
            })
            .collect();

        // The questions about the shared home, by question (a result
        // marks them) or by set (older results).
        let shared_qs: Vec<&str> = if reading == Reading::SamePerson {
            Vec::new()
        } else {
            crate::couple::shared_questions(a, b, &shared_ids)
        };
        let shared_q: HashSet<&str> = shared_qs.iter().copied().collect();

        // Every question asked in either result, A's bank order first.
        let mut ids: Vec<(&str, &str, bool)> = Vec::new();
        let mut seen = HashSet::new();
        for r in [a, b] {
            for d in &r.dimensions {
                for q in &d.questions {
                    if seen.insert(q.id.as_str()) {
                        ids.push((
                            q.id.as_str(),
                            d.title.as_str(),
                            shared_q.contains(q.id.as_str()),
                        ));
                    }
                }
            }
        }
        let mut questions: Vec<QuestionDiff> = ids
            .into_iter()
            .filter_map(|(id, dimension, shared)| {
                let (qa, qb) = (la.question(id), lb.question(id));
                let answer = |q: Option<&crate::result::QuestionResult>| {
                    q.map_or(serde_json::Value::Null, |q| q.answer.clone())
                };
                let (ans_a, ans_b) = (answer(qa), answer(qb));
                if reading == Reading::Prospective && (ans_a.is_null() || ans_b.is_null()) {
                    return None;
                }
                // Partners' shared answers are compared from A's side.
                let b_as_a = qb
                    .filter(|q| partners && shared && q.mirrored.is_some() && !q.answer.is_null())
                    .map(|q| crate::couple::as_seen_by_a(q).clone());
                let b_seen = b_as_a.as_ref().unwrap_or(&ans_b);
                // Two answers that can both be true (`agrees_with`) agree.
                let agrees =
                    partners && shared && qa.is_some_and(|q| q.agrees_with.contains(b_seen));
                if agrees || crate::couple::same_answer(&ans_a, b_seen) {
                    return None;
                }
                let label = |q: Option<&crate::result::QuestionResult>| {
                    q.and_then(|q| q.answer_label.clone())
                        .unwrap_or_else(|| NOT_ANSWERED.to_string())
                };
                // About an employer considered, in the words asked of it.
                let first = match b.mode == "prospective" && a.mode != "prospective" {
                    true => qb.or(qa)?,
                    false => qa.or(qb)?,
                };
                Some(QuestionDiff {
                    id: id.to_string(),
                    prompt: first.prompt.clone(),
                    dimension: dimension.to_string(),
                    shared,
                    kind: first.kind.clone(),
                    a: ans_a,
                    b: ans_b,
                    b_as_a,
                    a_label: label(qa),
                    b_label: label(qb),
                    score: ScoreDiff::new(qa.and_then(|q| q.score), qb.and_then(|q| q.score)),
                })
            })
            .collect();
        // Stable: equal differences keep bank order; no score difference last.
        questions.sort_by(|x, y| {
            let key = |q: &QuestionDiff| q.score.difference.map_or(-1.0, f64::abs);
            key(y).total_cmp(&key(x))
        });

        let (shared_differences, shared_agreements) = if partners {
            crate::couple::shared_answers(&la, &lb, &shared_qs)
        } else {
            (Vec::new(), Vec::new())
        };

        let flag = |f: &crate::result::FlagResult| FlagRef {
            id: f.id.clone(),
            severity: f.severity.clone(),
            title: f.title.clone(),
            unknown_at_other: false,
        };
        let ids_of = |r: &AssessmentResult| -> HashSet<String> {
            r.flags.iter().map(|f| f.id.clone()).collect()
        };
        let (in_a, in_b) = (ids_of(a), ids_of(b));
        // A prospective job: a flag in one result only is a difference when
        // both answered the questions that raise it, and known at one only
        // when the other lists them as still to find out.
        let answered =
            |r: &AssessmentResult, q: &String| r.answers.get(q).is_some_and(|v| !v.is_null());
        // What each still has to find out, as a set: a flag's every
        // question is looked up in it.
        let to_find_out = |r: &AssessmentResult| -> HashSet<String> {
            r.to_find_out.iter().map(|f| f.question.clone()).collect()
        };
        let (unknown_a, unknown_b) = (to_find_out(a), to_find_out(b));
        let one_sided = |f: &crate::result::FlagResult, other: &AssessmentResult| {
            let mut out = flag(f);
            if reading == Reading::Prospective {
                let unknown = if std::ptr::eq(other, a) {
                    &unknown_a
                } else {
                    &unknown_b
                };
                if !f
                    .because
                    .iter()
                    .all(|q| answered(other, q) || unknown.contains(q))
                {
                    return None;
                }
                out.unknown_at_other = f.because.iter().any(|q| unknown.contains(q));
            }
            Some(out)
        };
        let mut flags = FlagDiff::default();
        for f in &a.flags {
            if in_b.contains(&f.id) {
                flags.both.push(flag(f));
            } else {
                flags.only_a.extend(one_sided(f, b));
            }
        }
        for f in b.flags.iter().filter(|f| !in_a.contains(&f.id)) {
            flags.only_b.extend(one_sided(f, a));
        }
        let together = if partners {
            flags.contested = crate::couple::contested_flags(a, b, &shared_differences);
            crate::couple::together(&la, &lb, &shared_differences)
        } else {
            Vec::new()
        };

        let mut overall = ScoreDiff::new(a.overall.score, b.overall.score);
        if reading == Reading::Prospective {
            overall = on_both_answered(&la, b, &mut dimensions);
        }
        Comparison {
            schema_version: SCHEMA_VERSION,
            a: side(a, &lb, label_a),
            b: side(b, &la, label_b),
            same_bank: a.bank.title == b.bank.title
                && match (&a.bank.fingerprint, &b.bank.fingerprint) {
                    (Some(fa), Some(fb)) => fa == fb,
                    _ => true,
                },
            reading,
            difference: DIFFERENCE.to_string(),
            overall,
            dimensions,
            questions,
            together,
            shared_differences,
            shared_agreements,
            flags,
            redacted: a.redacted || b.redacted,
        }
    }

    /// No score, answer or flag differs.
    pub fn is_identical(&self) -> bool {
        let zero = |d: &ScoreDiff| d.a == d.b;
        zero(&self.overall)
            && self.dimensions.iter().all(|d| zero(&d.score))
            && self.questions.is_empty()
            && self.flags.only_a.is_empty()
            && self.flags.only_b.is_empty()
    }
}

/// Recomputes each dimension's scores, and the overall, over the scored
/// questions both results answered: a weighted mean of the questions'
/// scores, and of the dimensions' by their weights (as the scoring does), so a
/// question one side never asked or does not know yet moves neither.
fn on_both_answered(
    la: &Lookup,
    b: &AssessmentResult,
    dimensions: &mut [DimensionDiff],
) -> ScoreDiff {
    let scored = |r: &AssessmentResult| -> HashMap<String, (f64, f64)> {
        r.questions()
            .filter_map(|q| Some((q.id.clone(), (q.score?, q.weight))))
            .collect()
    };
    let (sa, sb) = (scored(la.r), scored(b));
    let mean = |pairs: &mut dyn Iterator<Item = (f64, f64)>| {
        let (sum, weight) = pairs.fold((0.0, 0.0), |(s, w), (x, wx)| (s + x * wx, w + wx));
        (weight > 0.0).then(|| sum / weight)
    };
    let (mut over_a, mut over_b) = (Vec::new(), Vec::new());
    for d in dimensions.iter_mut() {
        let Some(dim) = la.dimension(&d.id) else {
            d.score = ScoreDiff::new(None, None);
            d.both_answered = Some(0);
            continue;
        };
        let both: Vec<_> = dim
            .questions
            .iter()
            .filter_map(|q| sa.get(&q.id).zip(sb.get(&q.id)))
            .collect();
        // Every question both answered counts, even one alone in its part:
        // its own row says how many the part rests on, and "Where the
        // answers differ" lists the same question (a part's `min_answered`
        // decides each result's own score, not what the two share).
        // None both answered: no weight, so no mean.
        let x = mean(&mut both.iter().map(|(x, _)| **x));
        let y = mean(&mut both.iter().map(|(_, y)| **y));
        d.score = ScoreDiff::new(x, y);
        d.both_answered = Some(both.len());
        if let Some((x, y)) = x.zip(y).filter(|_| dim.weight > 0.0) {
            over_a.push((x, dim.weight));
            over_b.push((y, dim.weight));
        }
    }
    ScoreDiff::new(mean(&mut over_a.into_iter()), mean(&mut over_b.into_iter()))
}

/// Which way `difference` runs, as the JSON says it.
pub const DIFFERENCE: &str = "b - a";

/// The built-in bank's set about the shared home, for results saved before
/// sets carried `shared` (schema version 1). (`support` is not: most of its
/// questions are about each person's colleagues at work.)
const V1_SHARED: [&str; 1] = ["home"];

/// The ids of the sets both people share: those either result marks
/// `shared`; for two version-1 results that mark none, the built-in
/// bank's `home`.
fn shared_sets(a: &AssessmentResult, b: &AssessmentResult) -> Vec<String> {
    let marked: Vec<String> = [a, b]
        .iter()
        .flat_map(|r| &r.dimensions)
        .filter(|d| d.shared)
        .map(|d| d.id.clone())
        .collect();
    if marked.is_empty() && a.schema_version < 2 && b.schema_version < 2 {
        V1_SHARED.iter().map(|s| (*s).to_string()).collect()
    } else {
        marked
    }
}

/// Reads `--labels NAME_A,NAME_B`: two names, split at the first comma.
pub fn parse_labels(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!(
            "expected two names separated by a comma, like `--labels Sam,Alex`; got `{s}`"
        )),
    }
}

/// Labels for two result files: their file names, or the whole paths when
/// the names are the same; invisible characters escaped like `\u{200b}`.
pub fn labels(a: &Path, b: &Path) -> (String, String) {
    let name = |p: &Path| crate::sanitize::path(p.file_name().map_or(p, Path::new));
    let (na, nb) = (name(a), name(b));
    if na == nb {
        (crate::sanitize::path(a), crate::sanitize::path(b))
    } else {
        (na, nb)
    }
}
