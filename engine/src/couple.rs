//! Two partners, one home (docs/reports.md, "Two partners"): what `compare` adds when the two
//! results are two people who share a home. Everything is read from the
//! two saved results, never from a bank:
//!
//! - each shared question's answers, the second read from the first
//!   person's side through its mirror, split into differences and
//!   agreements;
//! - the flags whose evidence the other partner's answers contradict;
//! - the bank's `together:` entries (which each result carries in their
//!   portable form) evaluated on the pair.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::result::Lookup;
use crate::result::{AssessmentResult, QuestionResult, TogetherEntry};
use crate::sanitize::excerpt;

/// Which of the two answered a shared question, when only one did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Who {
    A,
    B,
}

/// A shared question both see differently, or only one answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SharedDifference {
    /// The question's id.
    pub question: String,
    /// The answers as in the results; `null` when not answered there.
    pub a: Value,
    pub b: Value,
    /// B's answer seen from A's side (through the question's mirror): what
    /// A would have answered to say the same thing.
    pub b_as_a: Value,
    pub prompt: String,
    pub a_label: String,
    pub b_label: String,
    /// B's answer in A's words, when the mirror changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b_as_a_label: Option<String>,
    /// `b - a` of the question's scores; `null` unless both have one. Each
    /// score is from its own person's side.
    pub difference: Option<f64>,
    /// Set when only one of the two answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_only_by: Option<Who>,
    /// What to talk about, as the bank words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discuss: Option<String>,
    /// 1 = talk about this first.
    pub discuss_priority: i64,
}

/// A shared question both answered the same way, once read from one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SharedAgreement {
    pub question: String,
    pub a: Value,
    pub b: Value,
    pub b_as_a: Value,
    pub prompt: String,
    /// The answer in A's words.
    pub a_label: String,
    pub b_label: String,
}

/// A flag in one result (or both) whose evidence the other's answers
/// contradict: a difference to talk about, not one person's fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContestedFlag {
    pub id: String,
    pub severity: String,
    pub title: String,
    /// Whose result raised it: `a`, `b`, or both.
    pub raised_by: Vec<Who>,
    /// The shared questions behind it that the two answered differently.
    pub questions: Vec<String>,
}

/// The most questions, flags and dimensions a together step names (and
/// shows), each: real steps name a few; 1,000 entries naming a flag raised
/// by 9,999 questions made 722 MB of JSON.
pub const MAX_NAMED: usize = 20;

/// A next step for the two of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TogetherStep {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub priority: i64,
    /// The questions whose answers led here (either person's).
    pub because: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because_flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because_dimensions: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub because_overall: bool,
    /// For a step whose condition says "one of you … (and the other …)":
    /// which of the two "one of you" is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one: Option<Who>,
    /// The reasons side by side, for reports to put in words.
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

/// One reason for a together step, as each of the two stands on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// `question`, `flag`, `dimension` or `overall`.
    pub kind: String,
    /// The id (absent for `overall`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The question's prompt, the flag's or dimension's title.
    pub title: String,
    /// Each side: an answer in words (`null`: not answered), whether the
    /// flag is raised, or a score (`null`: none).
    pub a: Value,
    pub b: Value,
}

fn answered(q: Option<&QuestionResult>) -> Option<&Value> {
    q.map(|q| &q.answer).filter(|v| !v.is_null())
}

/// The answer in words, when there is one.
fn words(q: Option<&QuestionResult>) -> Option<String> {
    q.filter(|q| !q.answer.is_null())?.answer_label.clone()
}

/// The same answer? Multi answers are compared as sets.
pub fn same_answer(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Array(a), Value::Array(b)) => {
            let sa: HashSet<String> = a.iter().map(Value::to_string).collect();
            let sb: HashSet<String> = b.iter().map(Value::to_string).collect();
            sa == sb
        }
        _ => x == y,
    }
}

/// B's answer to a question, seen from A's side: its mirror when B's
/// result gives one, else the answer itself.
pub fn as_seen_by_a(qb: &QuestionResult) -> &Value {
    qb.mirrored.as_ref().unwrap_or(&qb.answer)
}

/// The differences and agreements on the shared questions, `shared` being
/// their ids in order (A's bank order, then any only B was asked).
pub fn shared_answers(
    a: &Lookup,
    b: &Lookup,
    shared: &[&str],
) -> (Vec<SharedDifference>, Vec<SharedAgreement>) {
    let mut diffs = Vec::new();
    let mut agreements = Vec::new();
    let label = |q: Option<&QuestionResult>| {
        words(q).unwrap_or_else(|| crate::compare::NOT_ANSWERED.to_string())
    };
    for (order, id) in shared.iter().enumerate() {
        let (qa, qb) = (a.question(id), b.question(id));
        let Some(first) = qa.or(qb) else { continue };
        let value = |q: Option<&QuestionResult>| q.map_or(Value::Null, |q| q.answer.clone());
        let b_as_a = qb.map_or(Value::Null, |q| {
            if q.answer.is_null() {
                Value::Null
            } else {
                as_seen_by_a(q).clone()
            }
        });
        // Both answered, and B's answer seen from A's side is A's, or one
        // that A's `agrees_with`.
        let agree = answered(qa)
            .zip(qb.filter(|q| !q.answer.is_null()))
            .map(|(x, q)| {
                let b = as_seen_by_a(q);
                qa.is_some_and(|q| q.agrees_with.contains(b)) || same_answer(x, b)
            });
        match agree {
            Some(true) => agreements.push(SharedAgreement {
                question: id.to_string(),
                a: value(qa),
                b: value(qb),
                b_as_a,
                prompt: first.prompt.clone(),
                a_label: label(qa),
                b_label: label(qb),
            }),
            _ => {
                let only = match (answered(qa), answered(qb)) {
                    (Some(_), Some(_)) => None,
                    (Some(_), None) => Some(Who::A),
                    (None, Some(_)) => Some(Who::B),
                    // Neither answered: nothing to compare.
                    (None, None) => continue,
                };
                let score = |q: Option<&QuestionResult>| q.and_then(|q| q.score);
                let (sa, sb) = (score(qa), score(qb));
                let b_as_a_label = qb
                    .filter(|q| q.mirrored.is_some() && !q.answer.is_null())
                    .and_then(|q| q.mirrored_label.clone());
                diffs.push((
                    order,
                    SharedDifference {
                        question: id.to_string(),
                        a: value(qa),
                        b: value(qb),
                        b_as_a,
                        prompt: first.prompt.clone(),
                        a_label: label(qa),
                        b_label: label(qb),
                        b_as_a_label,
                        difference: sa.zip(sb).map(|(x, y)| crate::result::round1(y - x)),
                        answered_only_by: only,
                        discuss: [qa, qb]
                            .into_iter()
                            .flatten()
                            .find_map(|q| q.discuss.clone()),
                        discuss_priority: ([qa, qb].into_iter().flatten())
                            .find_map(|q| q.discuss_priority)
                            .unwrap_or(crate::bank::DEFAULT_DISCUSS_PRIORITY),
                    },
                ));
            }
        }
    }
    // Real disagreements first, the one that matters most first (the
    // bank's discuss_priority, then bank order: a score gap says nothing
    // here, as each score is from its own person's side); then the
    // questions only one of the two answered.
    diffs.sort_by_key(|(order, d)| (d.answered_only_by.is_some(), d.discuss_priority, *order));
    (diffs.into_iter().map(|(_, d)| d).collect(), agreements)
}

/// The flags whose reasons include a shared question the two answered
/// differently (both answering).
pub fn contested_flags(
    a: &AssessmentResult,
    b: &AssessmentResult,
    diffs: &[SharedDifference],
) -> Vec<ContestedFlag> {
    let disputed: HashSet<&str> = diffs
        .iter()
        .filter(|d| d.answered_only_by.is_none())
        .map(|d| d.question.as_str())
        .collect();
    let mut out: Vec<ContestedFlag> = Vec::new();
    // Each flag's place in `out`, and the questions it already names.
    let mut at: HashMap<&str, (usize, HashSet<&str>)> = HashMap::new();
    for (who, r) in [(Who::A, a), (Who::B, b)] {
        for f in &r.flags {
            let mut qs = f
                .because
                .iter()
                .filter(|q| disputed.contains(q.as_str()))
                .peekable();
            if qs.peek().is_none() {
                continue;
            }
            let (n, named) = at.entry(f.id.as_str()).or_insert_with(|| {
                out.push(ContestedFlag {
                    id: f.id.clone(),
                    severity: f.severity.clone(),
                    title: f.title.clone(),
                    raised_by: Vec::new(),
                    questions: Vec::new(),
                });
                (out.len() - 1, HashSet::new())
            });
            let c = &mut out[*n];
            if c.raised_by.last() != Some(&who) {
                c.raised_by.push(who);
            }
            for q in qs {
                if named.insert(q.as_str()) {
                    c.questions.push(q.clone());
                }
            }
        }
    }
    out
}

/// The together entries to evaluate: A's, or B's when A's result carries
/// none.
pub fn entries<'r>(a: &'r AssessmentResult, b: &'r AssessmentResult) -> &'r [TogetherEntry] {
    if a.together_entries.is_empty() {
        &b.together_entries
    } else {
        &a.together_entries
    }
}

/// The together entries whose condition holds for the two, by priority
/// then bank order, one per group.
pub fn together(a: &Lookup, b: &Lookup, diffs: &[SharedDifference]) -> Vec<TogetherStep> {
    let differ: HashSet<&str> = diffs
        .iter()
        .filter(|d| d.answered_only_by.is_none())
        .map(|d| d.question.as_str())
        .collect();
    let pair = PairFacts { a, b, differ };
    let mut held: Vec<(usize, &TogetherEntry)> = entries(a.r, b.r)
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.as_ref().is_none_or(|w| pair.holds(w)))
        .collect();
    held.sort_by_key(|(n, e)| (e.priority, *n));
    let mut groups = HashSet::new();
    held.into_iter()
        .filter(|(_, e)| e.group.as_ref().is_none_or(|g| groups.insert(g.clone())))
        .map(|(_, e)| pair.step(e))
        .collect()
}

struct PairFacts<'l, 'r> {
    a: &'l Lookup<'r>,
    b: &'l Lookup<'r>,
    differ: HashSet<&'r str>,
}

/// The one form of a condition mapping: its key and value.
fn form(c: &Value) -> Option<(&str, &Value)> {
    let m = c.as_object()?;
    [
        "answer",
        "flag",
        "dimension",
        "overall",
        "all",
        "any",
        "not",
        "both",
        "either",
        "one",
        "differ",
    ]
    .into_iter()
    .find_map(|k| m.get(k).map(|v| (k, v)))
}

/// Not a list or a mapping: what `is` and `in` compare.
fn single(v: &Value) -> bool {
    !v.is_array() && !v.is_object()
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn bounds(m: &Value, score: Option<f64>) -> bool {
    let Some(s) = score else { return false };
    let below = m.get("below").and_then(Value::as_f64);
    let at_least = m.get("at_least").and_then(Value::as_f64);
    (below.is_some() || at_least.is_some())
        && below.is_none_or(|b| s < b)
        && at_least.is_none_or(|a| s >= a)
}

impl Lookup<'_> {
    /// Whether an ordinary condition (portable form) holds on this result.
    /// A form it does not know never holds, nor one no bank can write:
    /// `is` and `in` compare one answer with single values (a bank refuses
    /// them on a multi question), `includes` one text with a list answer.
    /// So each test costs what it names, never a whole list answer again.
    pub fn holds(&self, c: &Value) -> bool {
        let Some((key, v)) = form(c) else {
            return false;
        };
        match key {
            "answer" => {
                let Some(id) = v.as_str() else { return false };
                let answer = self.r.answers.get(id).filter(|x| !x.is_null());
                if let Some(want) = c.get("answered").and_then(Value::as_bool) {
                    answer.is_some() == want
                } else if let Some(want) = c.get("is") {
                    answer.is_some_and(|x| single(x) && x == want)
                } else if let Some(want) = c.get("in") {
                    answer.is_some_and(|x| single(x) && list(want).contains(x))
                } else if let Some(opt) = c.get("includes") {
                    opt.as_str().is_some_and(|o| self.ticks(id, o))
                } else {
                    false
                }
            }
            "flag" => v.as_str().is_some_and(|f| self.flag(f).is_some()),
            "dimension" => v
                .as_str()
                .is_some_and(|d| bounds(c, self.dimension(d).and_then(|x| x.score))),
            "overall" => bounds(v, self.r.overall.score),
            "all" => !list(v).is_empty() && list(v).iter().all(|c| self.holds(c)),
            "any" => list(v).iter().any(|c| self.holds(c)),
            "not" => !self.holds(v),
            _ => false,
        }
    }
}

impl PairFacts<'_, '_> {
    fn holds(&self, c: &Value) -> bool {
        let Some((key, v)) = form(c) else {
            return false;
        };
        let (a, b) = (self.a.holds(v), self.b.holds(v));
        match key {
            "both" => a && b,
            "either" => a || b,
            "one" => match c.get("other") {
                Some(d) => (a && self.b.holds(d)) || (b && self.a.holds(d)),
                None => a != b,
            },
            "differ" => v.as_str().is_some_and(|q| self.differ.contains(q)),
            "all" => !list(v).is_empty() && list(v).iter().all(|c| self.holds(c)),
            "any" => list(v).iter().any(|c| self.holds(c)),
            "not" => !self.holds(v),
            _ => false,
        }
    }

    /// Who "one of you" is in the first `one` form that holds (through
    /// `all` and `any`), when that is not both of them.
    fn one(&self, c: &Value) -> Option<Who> {
        let (key, v) = form(c)?;
        match key {
            "one" if self.holds(c) => {
                let (a, b) = (self.a.holds(v), self.b.holds(v));
                match c.get("other") {
                    Some(d) if a && self.b.holds(d) && !(b && self.a.holds(d)) => Some(Who::A),
                    Some(d) if b && self.a.holds(d) && !(a && self.b.holds(d)) => Some(Who::B),
                    Some(_) => None,
                    None if a => Some(Who::A),
                    None => Some(Who::B),
                }
            }
            "all" | "any" => list(v)
                .iter()
                .filter(|c| self.holds(c))
                .find_map(|c| self.one(c)),
            _ => None,
        }
    }

    /// The step, with what led there: the questions, flags, dimensions and
    /// overall score its condition names that either of the two has, at most
    /// [`MAX_NAMED`] of each, in the order named.
    fn step(&self, e: &TogetherEntry) -> TogetherStep {
        let mut names = Names::default();
        if let Some(w) = &e.when {
            names.collect_pair(w, self);
        }
        let (a, b) = (self.a, self.b);
        let mut evidence = Vec::new();
        let mut because = Vec::new();
        let mut named = HashSet::new();
        for q in &names.questions {
            if evidence.len() >= MAX_NAMED {
                break;
            }
            let (qa, qb) = (a.question(q), b.question(q));
            if answered(qa).is_none() && answered(qb).is_none() {
                continue;
            }
            let Some(first) = qa.or(qb) else { continue };
            if named.insert(q.as_str()) {
                because.push(q.clone());
            }
            evidence.push(Evidence {
                kind: "question".into(),
                id: Some(q.clone()),
                title: excerpt(&first.prompt).into_owned(),
                a: words(qa).map_or(Value::Null, |w| excerpt(&w).into()),
                b: words(qb).map_or(Value::Null, |w| excerpt(&w).into()),
            });
        }
        let mut because_flags = Vec::new();
        for f in &names.flags {
            if because_flags.len() >= MAX_NAMED {
                break;
            }
            let (fa, fb) = (a.flag(f), b.flag(f));
            let Some(flag) = fa.or(fb) else { continue };
            because_flags.push(f.clone());
            let raised_by = fa.iter().chain(fb.iter()).flat_map(|x| &x.because);
            for q in raised_by {
                if because.len() >= MAX_NAMED {
                    break;
                }
                if named.insert(q.as_str()) {
                    because.push(q.clone());
                }
            }
            evidence.push(Evidence {
                kind: "flag".into(),
                id: Some(f.clone()),
                title: excerpt(&flag.title).into_owned(),
                a: fa.is_some().into(),
                b: fb.is_some().into(),
            });
        }
        let mut because_dimensions = Vec::new();
        for d in &names.dimensions {
            if because_dimensions.len() >= MAX_NAMED {
                break;
            }
            let (da, db) = (a.dimension(d), b.dimension(d));
            let Some(dim) = da.or(db) else { continue };
            because_dimensions.push(d.clone());
            let score = |x: Option<&crate::result::DimensionResult>| {
                x.and_then(|x| x.score).map_or(Value::Null, Value::from)
            };
            evidence.push(Evidence {
                kind: "dimension".into(),
                id: Some(d.clone()),
                title: excerpt(&dim.title).into_owned(),
                a: score(da),
                b: score(db),
            });
        }
        if names.overall {
            let score = |r: &AssessmentResult| r.overall.score.map_or(Value::Null, Value::from);
            evidence.push(Evidence {
                kind: "overall".into(),
                id: None,
                title: String::new(),
                a: score(a.r),
                b: score(b.r),
            });
        }
        TogetherStep {
            id: e.id.clone(),
            title: e.title.clone(),
            detail: e.detail.clone(),
            priority: e.priority,
            one: e.when.as_ref().and_then(|w| self.one(w)),
            because,
            because_flags,
            because_dimensions,
            because_overall: names.overall,
            evidence,
            source: e.source.clone(),
        }
    }
}

/// The names a condition mentions, each once, in order.
#[derive(Default)]
struct Names {
    questions: Vec<String>,
    flags: Vec<String>,
    dimensions: Vec<String>,
    overall: bool,
    /// Each name pushed, by kind (0 questions, 1 flags, 2 dimensions).
    seen: HashSet<(u8, String)>,
}

impl Names {
    /// The names in the parts of a pair condition that hold (all of an
    /// `all`, the holding branches of an `any`, everything under `not`).
    fn collect_pair(&mut self, c: &Value, pair: &PairFacts<'_, '_>) {
        let Some((key, v)) = form(c) else { return };
        match key {
            "all" => list(v).iter().for_each(|c| self.collect_pair(c, pair)),
            "any" => list(v)
                .iter()
                .filter(|c| pair.holds(c))
                .for_each(|c| self.collect_pair(c, pair)),
            "not" => self.collect(v, &[]),
            "differ" => self.collect(c, &[]),
            _ => {
                self.collect(v, &[pair.a, pair.b]);
                if let Some(d) = c.get("other").filter(|_| key == "one") {
                    self.collect(d, &[pair.a, pair.b]);
                }
            }
        }
    }

    /// The names in a condition on one person; in an `any`, only the
    /// branches that hold for one of `people` (all, when none are given).
    fn collect(&mut self, c: &Value, people: &[&Lookup]) {
        let mut push = |kind: u8, x: &Value| {
            if let Some(s) = x.as_str()
                && self.seen.insert((kind, s.to_string()))
            {
                let v = match kind {
                    0 => &mut self.questions,
                    1 => &mut self.flags,
                    _ => &mut self.dimensions,
                };
                v.push(s.to_string());
            }
        };
        let Some((key, v)) = form(c) else { return };
        match key {
            "answer" | "differ" => push(0, v),
            "flag" => push(1, v),
            "dimension" => push(2, v),
            "overall" => self.overall = true,
            "all" => list(v).iter().for_each(|c| self.collect(c, people)),
            "any" => list(v)
                .iter()
                .filter(|c| people.is_empty() || people.iter().any(|r| r.holds(c)))
                .for_each(|c| self.collect(c, people)),
            "not" => self.collect(v, &[]),
            _ => {}
        }
    }
}

/// The shared question ids of two results, in A's order then B's: those
/// a result marks shared, or whose set is in `shared_sets`.
pub fn shared_questions<'r>(
    a: &'r AssessmentResult,
    b: &'r AssessmentResult,
    shared_sets: &HashSet<String>,
) -> Vec<&'r str> {
    let mut marked: HashMap<&str, bool> = HashMap::new();
    let mut order = Vec::new();
    for r in [a, b] {
        // A result that marks questions says exactly which are shared (a
        // question may opt out of its set's `shared`); an older one only
        // marks sets.
        let by_question = r.questions().any(|q| q.shared);
        for d in &r.dimensions {
            for q in &d.questions {
                let shared = if by_question {
                    q.shared
                } else {
                    shared_sets.contains(&d.id)
                };
                let e = marked.entry(q.id.as_str()).or_insert_with(|| {
                    order.push(q.id.as_str());
                    false
                });
                *e |= shared;
            }
        }
    }
    order.into_iter().filter(|q| marked[q]).collect()
}

/// For a result saved before results carried what `compare` needs about
/// the shared home (which questions are shared, their mirrors, what to talk
/// about, the next steps for two): fills it in from `bank`, which must be
/// the bank the result names (same title). An answer that no longer fits
/// the bank's question is left unmirrored. Returns whether anything was
/// filled in; a result that carries any of it is left alone.
pub fn fill_from_bank(r: &mut AssessmentResult, bank: &crate::bank::Bank) -> bool {
    let carries = r.questions().any(|q| q.shared) || !r.together_entries.is_empty();
    if carries || r.bank.title != bank.title {
        return false;
    }
    let mut filled = false;
    for q in r.dimensions.iter_mut().flat_map(|d| d.questions.iter_mut()) {
        let Some(bq) = bank.question(&q.id).filter(|b| b.shared) else {
            continue;
        };
        q.shared = true;
        q.discuss = bq.discuss.clone();
        q.discuss_priority = Some(bq.discuss_priority);
        filled = true;
        let value = crate::yaml::Node::from_json(&q.answer);
        if let Ok(crate::answers::Slot::Given(a)) = crate::answers::convert(bq, &value) {
            q.agrees_with = a.agrees_with(bq);
            if let Some(m) = a.mirror(bq) {
                q.mirrored = Some(m.to_json());
                q.mirrored_label = Some(m.label(bq));
            }
        }
    }
    r.together_entries = bank.together.clone();
    filled || !r.together_entries.is_empty()
}
