//! The validated question bank: what scoring, the questionnaire and the
//! exports read. Every reference is resolved to an index, every range checked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::condition::Condition;
use crate::date::Date;

#[derive(Debug, Clone, Default)]
pub struct Bank {
    pub title: String,
    pub description: Option<String>,
    pub disclaimer: Option<String>,
    /// Highest `min` first; the last has `min: 0`.
    pub bands: Vec<Band>,
    /// In the order of `bank.yaml`.
    pub flags: Vec<Flag>,
    /// In the order of `bank.yaml`.
    pub advice: Vec<Advice>,
    /// The interview kit's notes for some people (`kit:`), in the order of
    /// `bank.yaml`.
    pub kit: Vec<Advice>,
    /// Next steps for two partners (`together:`), in the order of
    /// `bank.yaml`: evaluated by `compare`, never on one result.
    pub together: Vec<TogetherEntry>,
    /// One per set file, in file-name order: the dimensions.
    pub sets: Vec<Set>,
    /// Every question in bank order; `Set::questions` indexes into this.
    pub questions: Vec<Question>,
    pub(crate) question_index: HashMap<String, usize>,
    /// Below this fraction of the asked scored questions answered, the
    /// verdict is withheld. 0 never withholds.
    pub min_coverage: f64,
    /// No result lists more next steps than this.
    pub max_next_steps: usize,
    /// How many of the first next steps every report shows first.
    pub start_here: usize,
    /// How the overall score combines the dimensions.
    pub overall: OverallBy,
    /// Ids older answers files may use, and what they are read as now.
    pub retired: Vec<Retired>,
    pub(crate) retired_index: HashMap<String, usize>,
    /// A hash of what the bank asks and how it scores (not its wording):
    /// results with different fingerprints cannot be summarised together.
    pub fingerprint: String,
}

/// How the overall score is made from the dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverallBy {
    /// The mean of the dimensions' scores weighted by the sets' `weight`.
    #[default]
    Dimensions,
    /// The mean over every answered scored item (weighted by the
    /// questions' `weight`) of the sets with a weight above 0: the item mean.
    Items,
}

impl OverallBy {
    pub fn as_str(self) -> &'static str {
        match self {
            OverallBy::Dimensions => "dimensions",
            OverallBy::Items => "items",
        }
    }
}

/// Defaults of the bank settings (docs/question-banks.md, `bank.yaml`).
pub const DEFAULT_MIN_COVERAGE: f64 = 0.5;
pub const DEFAULT_MAX_NEXT_STEPS: usize = 12;
pub const DEFAULT_START_HERE: usize = 3;

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }
    pub fn question_position(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }
    pub fn set_questions(&self, set: &Set) -> &[Question] {
        &self.questions[set.questions.clone()]
    }
    /// What the bank says about an id of an older version of it.
    pub fn retired(&self, id: &str) -> Option<&Retired> {
        self.retired_index.get(id).map(|&i| &self.retired[i])
    }

    /// The most work scoring one result with this bank can take, in
    /// condition tests (see [`Condition::work`]), questions and options:
    /// a run that scores many results again is bounded by it
    /// (`crate::scoring::rescoring_allowed`).
    pub fn scoring_work(&self) -> usize {
        let conditions = self.questions.iter().flat_map(|q| [&q.when, &q.lever_when]);
        let steps = (self.advice.iter().chain(&self.kit)).flat_map(|a| [&a.when, &a.urgent_when]);
        let tests: usize = conditions
            .chain(steps)
            .flatten()
            .map(|c| c.work(self))
            .sum();
        let options: usize = self.questions.iter().map(|q| q.kind.options().len()).sum();
        tests + options + self.questions.len() + self.explanation_work()
    }

    /// The most answers and ticked options the reasons of all next steps
    /// together can name ([`super::Reasons::finish`]): for each entry of
    /// the advice, each dimension its conditions name counts its questions
    /// and the options of its tick lists, each flag the options that raise
    /// it. Bounded by [`crate::bank::MAX_EXPLANATION`] when the bank is read.
    pub fn explanation_work(&self) -> usize {
        let mut raisers = vec![0usize; self.flags.len()];
        for o in self.questions.iter().flat_map(|q| q.kind.options()) {
            if let Some(f) = o.flag {
                raisers[f] += 1;
            }
        }
        let per_set: Vec<usize> = (self.sets.iter())
            .map(|s| {
                (self.set_questions(s).iter())
                    .map(|q| 1 + matches!(q.kind, Kind::Multi(_)) as usize * q.kind.options().len())
                    .sum()
            })
            .collect();
        let mut named = (Vec::new(), Vec::new());
        (self.advice.iter())
            .map(|a| {
                named.0.clear();
                named.1.clear();
                for c in [&a.when, &a.urgent_when].into_iter().flatten() {
                    c.scores_named(&mut named.0, &mut named.1);
                }
                for xs in [&mut named.0, &mut named.1] {
                    xs.sort_unstable();
                    xs.dedup();
                }
                let sets: usize = named.0.iter().map(|&s| per_set[s]).sum();
                sets + named.1.iter().map(|&f| raisers[f]).sum::<usize>()
            })
            .sum()
    }
}

/// An id, or a form of answer, that an earlier version of the bank used
/// (bank.yaml `retired:`): answers files written then stay readable.
#[derive(Debug, Clone)]
pub struct Retired {
    pub id: String,
    /// The question the old answers go to now: the replacement, or the
    /// question of the same id when it is still in the bank.
    pub target: Option<usize>,
    /// `id` is still a question of the bank; only its answers changed.
    pub live: bool,
    /// Old answers, written as [`retired_key`] writes them, and what each
    /// is read as now.
    pub values: Vec<(String, super::Answer)>,
}

impl Retired {
    /// What an old answer is read as now, if the bank says.
    pub fn translate(&self, old: &crate::yaml::Node) -> Option<&super::Answer> {
        let key = retired_key(old)?;
        self.values.iter().find(|(k, _)| *k == key).map(|(_, a)| a)
    }
}

/// One old answer in a form that compares across YAML's spellings:
/// `true`, `false`, a number as written by Rust, or the text itself.
pub fn retired_key(v: &crate::yaml::Node) -> Option<String> {
    use crate::yaml::Value;
    match &v.value {
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(n) => Some(n.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct Band {
    pub verdict: String,
    pub min: f64,
    pub label: String,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Red,
    Green,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Red => "red",
            Severity::Green => "green",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    /// The title said of others (a group summary's); `title` by default.
    pub group_title: String,
    pub detail: Option<String>,
    /// Index into `Bank::bands`.
    pub caps_verdict: Option<usize>,
    pub source: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Advice {
    pub id: String,
    pub title: String,
    pub detail: String,
    /// 1 = most urgent.
    pub priority: i64,
    /// `None`: always given.
    pub when: Option<Condition>,
    /// When this holds for the person, the step is priority 1 for them.
    pub urgent_when: Option<Condition>,
    /// Of the entries of one group whose `when` holds, only the first (by
    /// priority, then bank order) becomes a next step.
    pub group: Option<String>,
    pub source: Vec<String>,
    /// The day the source was last read.
    pub checked: Option<Date>,
}

/// A bank's `together:` entry as a result carries it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct TogetherEntry {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub priority: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The condition on the two people, in the bank's grammar with ids;
    /// absent: always given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Set {
    pub id: String,
    pub title: String,
    /// The title about an employer you are considering, if it differs.
    pub prospective_title: Option<String>,
    /// The title said of others, in a group summary.
    pub group_title: String,
    /// Its unknowns come first in a prospective run's "what to ask next".
    pub ask_first: bool,
    pub description: Option<String>,
    /// 0: reported but left out of the overall.
    pub weight: f64,
    /// Fewer answered scored questions than this: no score.
    pub min_answered: usize,
    /// About the home and family two partners share (for `compare`).
    pub shared: bool,
    /// The set's own bands (highest `min` first), or none: its dimension
    /// then has a verdict and label of its own.
    pub bands: Vec<Band>,
    pub source: Vec<String>,
    /// The file it was loaded from, for messages.
    pub file: String,
    pub questions: Range<usize>,
}

impl Set {
    /// The title, about an employer you are considering when `prospective`.
    pub fn titled(&self, prospective: bool) -> &str {
        match &self.prospective_title {
            Some(t) if prospective => t,
            _ => &self.title,
        }
    }

    /// Counts in the overall score.
    pub fn in_overall(&self) -> bool {
        self.weight > 0.0
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    /// Index into `Bank::sets`.
    pub set: usize,
    pub prompt: String,
    pub help: Option<String>,
    pub kind: Kind,
    pub weight: f64,
    pub core: bool,
    /// May be suggested as a lever (`lever: false` in the bank: never).
    pub lever: bool,
    /// A lever only when this holds (`lever_when`).
    pub lever_when: Option<Condition>,
    pub when: Option<Condition>,
    pub source: Vec<String>,
    /// The day the source was last read.
    pub checked: Option<Date>,
    /// About the home two partners share: its set is marked `shared`, or
    /// the question itself is.
    pub shared: bool,
    /// What two partners should talk about when their answers differ.
    pub discuss: Option<String>,
    /// 1 = talk about this difference first.
    pub discuss_priority: i64,
    /// What to ask or find out about a prospective employer to answer it
    /// (`mommytrack interview`); `None`: not in the interview kit, which
    /// is about the workplace (no question of an "about you" set has one).
    pub interview: Option<Interview>,
    /// How it reads about an employer you are considering
    /// (`assess --prospective`); `None`: as written. Shown through
    /// [`Question::worded`].
    pub prospective: Option<Prospective>,
    /// A fact about the person, not their job: asked about an employer
    /// being considered too (`assess --prospective`).
    pub personal: bool,
}

/// A question's line in the interview kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    /// What to ask, or find out.
    pub ask: String,
    /// What a good answer sounds like.
    pub good: Option<String>,
    /// What a worrying answer sounds like.
    pub worrying: Option<String>,
}

/// A question's wording about an employer you are considering: the same
/// options (ids, scores, flags), other words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospective {
    pub prompt: String,
    /// `None`: no help in prospective mode (the help of the job now is
    /// often about "your" workplace).
    pub help: Option<String>,
    /// Option id → label; an option not named keeps its label.
    pub options: Vec<(String, String)>,
    /// A scale's point labels; empty: as written.
    pub labels: Vec<String>,
    /// Options that mean nobody could say: still unknown there.
    pub unknown: Vec<String>,
}

/// `discuss_priority` when the bank gives none.
pub const DEFAULT_DISCUSS_PRIORITY: i64 = 3;

#[derive(Debug, Clone)]
pub enum Kind {
    Choice(Vec<Choice>),
    Multi(Vec<Choice>),
    Scale(Scale),
    /// `(yes, no)` scores; `None` when informational.
    YesNo(Option<(f64, f64)>),
    Text,
}

impl Kind {
    /// The kind as a bank and a result name it.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Choice(_) => "choice",
            Kind::Multi(_) => "multi",
            Kind::Scale(_) => "scale",
            Kind::YesNo(_) => "yesno",
            Kind::Text => "text",
        }
    }
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Choice(o) | Kind::Multi(o) => o,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// `None` counts as 0 when other options of the question are scored.
    pub score: Option<f64>,
    /// Index into `Bank::flags`.
    pub flag: Option<usize>,
    /// The option the partner picks for the same situation (shared
    /// questions only; checked to name an option that names this one back).
    pub mirror: Option<String>,
    /// The partner's answers that can be true together with this one
    /// (shared questions only; each names this one back).
    pub agrees_with: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    /// One per point from `min` to `max`, or empty.
    pub labels: Vec<String>,
    pub reverse: bool,
    /// In a shared question: the partner's `min` is the same fact as your
    /// `max`.
    pub mirror: bool,
}

impl Scale {
    /// The label of point `x`, if the bank gave labels.
    pub fn label(&self, x: i64) -> Option<&str> {
        let i = usize::try_from(x.checked_sub(self.min)?).ok()?;
        self.labels.get(i).map(String::as_str)
    }
}

impl Question {
    /// The question as it is shown: about an employer you are considering
    /// when `prospective` is true and the bank words it so, else as
    /// written. Only the words change; ids, scores and flags stay.
    pub fn worded(&self, prospective: bool) -> Cow<'_, Question> {
        let Some(p) = self.prospective.as_ref().filter(|_| prospective) else {
            return Cow::Borrowed(self);
        };
        let mut q = self.clone();
        q.prompt.clone_from(&p.prompt);
        q.help.clone_from(&p.help);
        match &mut q.kind {
            Kind::Choice(options) | Kind::Multi(options) => {
                for o in options {
                    if let Some((_, label)) = p.options.iter().find(|(id, _)| *id == o.id) {
                        o.label.clone_from(label);
                    }
                }
            }
            Kind::Scale(s) if !p.labels.is_empty() => s.labels.clone_from(&p.labels),
            _ => {}
        }
        Cow::Owned(q)
    }

    /// The `(worst, best)` raw range a scored question normalises over, or
    /// `None` for an informational one.
    pub fn score_range(&self) -> Option<(f64, f64)> {
        match &self.kind {
            Kind::Choice(opts) | Kind::Multi(opts) => {
                if !opts.iter().any(|o| o.score.is_some()) {
                    return None;
                }
                let scores = opts.iter().map(|o| o.score.unwrap_or(0.0));
                Some(if let Kind::Choice(_) = self.kind {
                    let min = scores.clone().fold(f64::INFINITY, f64::min);
                    (min, scores.fold(f64::NEG_INFINITY, f64::max))
                } else {
                    // A multi question: every negative option ticked, or every positive one.
                    let low = scores.clone().filter(|s| *s < 0.0).sum::<f64>();
                    (low, scores.filter(|s| *s > 0.0).sum::<f64>())
                })
            }
            Kind::Scale(s) => Some((s.min as f64, s.max as f64)),
            Kind::YesNo(Some((yes, no))) => Some((yes.min(*no), yes.max(*no))),
            Kind::YesNo(None) | Kind::Text => None,
        }
    }

    pub fn is_scored(&self) -> bool {
        self.score_range().is_some()
    }

    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.kind.options().iter().find(|o| o.id == id)
    }

    /// Each of `ticked` with its option (`None`: not an option): in one
    /// pass over the options when the ticks are in bank order, as a multi
    /// answer is held, else through a map; so 200 ticks of 200 options cost
    /// some 400 steps, not 200 × 200.
    pub fn ticked<'a>(&'a self, ticked: &'a [String]) -> Vec<(&'a String, Option<&'a Choice>)> {
        let opts = self.kind.options();
        let mut out = Vec::with_capacity(ticked.len());
        let mut from = 0;
        for (n, id) in ticked.iter().enumerate() {
            let Some(at) = opts[from..].iter().position(|o| o.id == *id) else {
                let by_id: std::collections::HashMap<&str, &Choice> =
                    opts.iter().rev().map(|o| (o.id.as_str(), o)).collect();
                out.extend(
                    ticked[n..]
                        .iter()
                        .map(|id| (id, by_id.get(id.as_str()).copied())),
                );
                return out;
            };
            from += at + 1;
            out.push((id, Some(&opts[from - 1])));
        }
        out
    }
}
