//! A history of retakes (`mommytrack history`): saved results of one bank, oldest
//! first, and how the verdict, the overall score, each dimension, the flags
//! and the next steps moved between each one and the next; with when to
//! take it again. A pure function of the results and their file names;
//! reading the files, and drawing the history, happen elsewhere.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::answers::AnswerSheet;
use crate::bank::{Bank, Condition, Severity};
use crate::date::Date;
use crate::error::Failure;
use crate::result::{AssessmentResult, BandInfo, Lookup, round1};
use crate::sanitize::excerpt;
use crate::scoring::{Evaluation, holds_each};

/// The history layout version, for scripts.
pub const HISTORY_VERSION: u32 = 1;

/// The most results one history reads (each is read, kept as its entry
/// and steps, and let go; the latest is kept whole).
pub const MAX_RESULTS: usize = 1_000;

/// The most bytes of results one history reads: each is scored again, so
/// within it a history takes under a second however large its bank
/// (about 300 results of the built-in bank).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct History {
    pub history_version: u32,
    /// The bank's title (every result shares it).
    pub bank: String,
    /// Oldest first: by `taken`, then by file name.
    pub results: Vec<Entry>,
    /// One per pair of neighbours in `results`.
    pub changes: Vec<Change>,
    /// From the first result to the latest, when there are two or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_first: Option<Change>,
    /// The latest result's bands, highest first (for a chart).
    pub bands: Vec<BandInfo>,
    /// Set id → title, in the latest result's order.
    pub dimension_titles: IndexMap<String, String>,
    /// Flag id → its title and severity, for every flag any result raised.
    pub flags: IndexMap<String, FlagInfo>,
    /// Next steps earlier results listed that the latest no longer does,
    /// and those the latest lists.
    pub steps: Steps,
    /// When taking it again would tell you most.
    pub retake: Vec<Retake>,
    /// Results of the prospective-employer mode left out: a history
    /// follows your own workplace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlagInfo {
    pub title: String,
    /// `red` or `green`.
    pub severity: String,
    /// The prompts of the questions whose answers raised it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raised_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entry {
    /// The file name (not its folder).
    pub file: String,
    /// `YYYY-MM-DD`: the result's `taken`, else the date in a state-folder
    /// name (`result-2026-03-01-…`), else `null`.
    pub taken: Option<String>,
    pub verdict: Option<String>,
    pub label: Option<String>,
    pub score: Option<f64>,
    /// Set id → score (`null`: no score).
    pub dimensions: IndexMap<String, Option<f64>>,
    /// Scored questions answered, and asked: what the scores rest on.
    #[serde(default)]
    pub answered: usize,
    /// The parts with a score that rest on fewer answers than they asked
    /// (set ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<String>,
    #[serde(default)]
    pub asked: usize,
    /// How many questions had been answered when the verdict settled, if
    /// it did; with fewer scored questions answered than asked, the parent
    /// finished there (finished early).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_after: Option<usize>,
    /// Why the verdict is lower than the score alone gives
    /// ([`crate::result::cap_reason`]); absent when no flag lowered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_reason: Option<String>,
    /// The flags that lowered the verdict (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capped_by: Vec<String>,
    /// Raised flags' ids.
    pub flags: Vec<String>,
    /// Next steps' ids, in rank order.
    pub next_steps: Vec<String>,
    /// The questions changed between the result before this one and this
    /// one (another version of the bank): compare with care.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bank_changed: bool,
}

impl Entry {
    /// The parent finished when the verdict settled, with scored
    /// questions left unanswered.
    pub fn finished_early(&self) -> bool {
        self.settled_after.is_some() && self.answered < self.asked
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    /// `file` of the earlier result.
    pub from: String,
    /// `file` of the later result.
    pub to: String,
    /// Later overall minus earlier (of the published scores), or `null`.
    pub overall: Option<f64>,
    /// When one of the two scores a part the other does not (finished
    /// early, or a part skipped): the change of the overall computed on the
    /// parts both score, each weighted as in the overall. `null` when both
    /// score the same parts (`overall` is then like for like).
    #[schemars(required, extend("type" = ["number", "null"]))]
    pub overall_on_both: Option<f64>,
    /// Set id → later minus earlier, or `null` when either has no score.
    pub dimensions: IndexMap<String, Option<f64>>,
    pub flags_raised: Vec<String>,
    pub flags_cleared: Vec<String>,
    /// The earlier and the later verdict (`null`: none), equal when it held.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub verdict_from: Option<String>,
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub verdict_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Steps {
    /// Listed by an earlier result, and the latest answers no longer call
    /// for it: done, or no longer needed (`changed` says what moved).
    pub done: Vec<Step>,
    /// Listed by an earlier result; the latest answers still call for it,
    /// but the latest lists another step of its group (`replaced_by`).
    #[serde(default)]
    pub replaced: Vec<Step>,
    /// Listed by an earlier result; the latest answers still call for it,
    /// but steps that rank higher fill the latest result's list.
    #[serde(default)]
    pub outranked: Vec<Step>,
    /// Listed by the latest result.
    pub open: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    pub id: String,
    pub title: String,
    /// `open`: the first of the unbroken run of results up to the latest
    /// whose answers call for it (listed or not); else the last result
    /// that listed it.
    pub file: String,
    pub taken: Option<String>,
    /// In `replaced`: the title of the step the latest result lists instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// In `done`: the answers whose change turned its condition off (when
    /// the bank is the results' own), else the answers it was listed for
    /// that are different in the latest result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<Answered>,
    /// In `done`, besides `changed`: the signs (flags) and scores whose
    /// change turned its condition off, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<String>,
}

/// A question's answer then and in the latest result, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Answered {
    pub question: String,
    pub prompt: String,
    /// `null`: not answered.
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Retake {
    /// `YYYY-MM-DD` when it can be said.
    pub when: Option<String>,
    pub why: String,
}

/// A date from a state-folder result's name: `result-2026-03-01-093000.json`.
fn date_in_name(file: &str) -> Option<String> {
    let rest = file.strip_prefix("result-")?;
    let d = Date::parse(rest.get(..10)?).ok()?;
    Some(d.to_string())
}

/// What a history keeps of a result once read: its entry, its next steps
/// and what they need. Only the latest result is kept whole, so what a
/// history holds does not grow with the size of the results it reads.
struct Kept {
    entry: Entry,
    fingerprint: Option<String>,
    steps: Vec<Listed>,
    /// The next steps its answers call for, listed or not.
    applies: HashSet<String>,
    /// Per question its steps name: the answer, and the prompt and answer
    /// in words.
    named: HashMap<String, (Option<serde_json::Value>, Option<Words>)>,
    dimensions: Vec<(String, String)>,
    /// Set id → its weight in the overall score (0: not in it).
    weights: HashMap<String, f64>,
    flags: Vec<(String, FlagInfo)>,
}

/// A next step as a result lists it.
struct Listed {
    id: String,
    title: String,
    group: Option<String>,
    because: Vec<String>,
    /// Whether its condition and each part of it held
    /// ([`Condition::holds_each`]), when the bank is the result's own.
    held: Option<Vec<bool>>,
}

/// A question's prompt and its answer in words.
type Words = (String, Option<String>);

/// A question's prompt and answer in words, as `r` shows them, each as a
/// line quoting it does ([`crate::sanitize::excerpt`]).
fn words(r: &Lookup, id: &str) -> Option<Words> {
    let excerpt = |s: &str| crate::sanitize::excerpt(s).into_owned();
    (r.question(id)).map(|q| (excerpt(&q.prompt), q.answer_label.as_deref().map(excerpt)))
}

impl Kept {
    fn new(file: String, r: &AssessmentResult, bank: &Bank, when: &Conditions) -> Kept {
        let look = Lookup::new(r);
        let judged = judge(r, bank);
        let held = |id: &str| {
            let (sheet, e) = judged.as_ref()?;
            Some(holds_each(bank, sheet, e, condition(when, id)?))
        };
        // The questions its steps were listed for, and those their
        // conditions name.
        let mut asked = Vec::new();
        for c in r.next_steps.iter().filter_map(|s| condition(when, &s.id)) {
            c.referenced_questions(&mut asked);
        }
        // Each once: a condition may name a question many times.
        let ids: HashSet<&str> = (r.next_steps.iter())
            .flat_map(|s| s.because.iter().map(String::as_str))
            .chain(asked.iter().map(|&q| bank.questions[q].id.as_str()))
            .collect();
        let named = (ids.into_iter())
            .map(|id| {
                (
                    id.to_string(),
                    (r.answers.get(id).cloned(), words(&look, id)),
                )
            })
            .collect();
        let mut applies: HashSet<String> = r.next_steps.iter().map(|s| s.id.clone()).collect();
        if let Some((_, e)) = &judged {
            applies.extend(e.applies.iter().map(|&i| bank.advice[i].id.clone()));
        }
        Kept {
            entry: Entry {
                taken: r.taken.clone().or_else(|| date_in_name(&file)),
                file,
                verdict: r.overall.verdict.clone(),
                label: r.overall.label.clone(),
                score: r.overall.score,
                cap_reason: crate::result::cap_reason(r),
                capped_by: r.overall.capped_by.clone(),
                dimensions: (r.dimensions.iter())
                    .filter(|d| !d.is_unscored_profile())
                    .map(|d| (d.id.clone(), d.score))
                    .collect(),
                answered: r.coverage.answered,
                partial: (r.dimensions.iter())
                    .filter(|d| d.score.is_some() && d.answered < d.asked)
                    .map(|d| d.id.clone())
                    .collect(),
                asked: r.coverage.asked,
                settled_after: r.settled_after.flatten(),
                flags: r.flags.iter().map(|f| f.id.clone()).collect(),
                next_steps: r.next_steps.iter().map(|s| s.id.clone()).collect(),
                bank_changed: false,
            },
            fingerprint: r.bank.fingerprint.clone(),
            steps: (r.next_steps.iter())
                .map(|s| Listed {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    group: s.group.clone(),
                    because: s.because.clone(),
                    held: held(&s.id),
                })
                .collect(),
            applies,
            named,
            dimensions: (r.dimensions.iter())
                .filter(|d| !d.is_unscored_profile())
                .map(|d| (d.id.clone(), excerpt(&d.title).into_owned()))
                .collect(),
            weights: (r.dimensions.iter())
                .map(|d| (d.id.clone(), d.weight))
                .collect(),
            flags: (r.flags.iter())
                .map(|f| {
                    let info = FlagInfo {
                        title: excerpt(&f.title).into_owned(),
                        severity: f.severity.clone(),
                        raised_by: (f.because.iter())
                            .filter_map(|q| Some(words(&look, q)?.0))
                            .collect(),
                    };
                    (f.id.clone(), info)
                })
                .collect(),
        }
    }

    /// Oldest first: by `taken`, then by file name.
    fn order(&self) -> (&Option<String>, &str) {
        (&self.entry.taken, &self.entry.file)
    }
}

/// The history of `results` (file name, result), read one at a time.
/// Results of another bank (by title) than the first are refused;
/// prospective ones are left out. `bank`, when it is theirs, tells which
/// next steps their answers call for.
pub fn history(
    results: impl IntoIterator<Item = Result<(String, AssessmentResult), Failure>>,
    bank: &Bank,
) -> Result<History, Failure> {
    let when = conditions(bank);
    let mut left_out: Vec<String> = Vec::new();
    let mut kept: Vec<Kept> = Vec::new();
    // The first result's file and bank title, and the latest one whole.
    let mut first: Option<(String, String)> = None;
    let mut latest: Option<(usize, AssessmentResult)> = None;
    for item in results {
        let (file, r) = item?;
        if r.mode == "prospective" {
            left_out.push(file);
            continue;
        }
        let (first_file, title) = first.get_or_insert_with(|| (file.clone(), r.bank.title.clone()));
        if r.bank.title != *title {
            return Err(Failure::invalid(format!(
                "{file} is a result of \u{201c}{}\u{201d} but {first_file} is of \u{201c}{title}\u{201d}: a history follows one bank; pass the results of one bank",
                r.bank.title
            )));
        }
        let k = Kept::new(file, &r, bank, &when);
        // Of equal places, the one read last sorts last.
        if latest
            .as_ref()
            .is_none_or(|(at, _)| kept[*at].order() <= k.order())
        {
            latest = Some((kept.len(), r));
        }
        kept.push(k);
    }
    if kept.is_empty() && !left_out.is_empty() {
        return Err(Failure::new(
            crate::error::ExitKind::NoInput,
            format!(
                "no results about your own workplace to show: {} {} considering (assess --prospective), and a history follows your own workplace over time. To weigh an employer against your job, use `mommytrack compare current.json prospective.json`",
                left_out.join(", "),
                if left_out.len() == 1 {
                    "is about an employer you are"
                } else {
                    "are about employers you are"
                }
            ),
        ));
    }
    kept.sort_by(|a, b| a.order().cmp(&b.order()));
    let latest = latest.map(|(_, r)| r);
    for i in 1..kept.len() {
        kept[i].entry.bank_changed = kept[i - 1].fingerprint != kept[i].fingerprint;
    }
    let changes = kept.windows(2).map(|w| change(&w[0], &w[1])).collect();
    let since_first = match kept.as_slice() {
        [first, .., last] => Some(change(first, last)),
        _ => None,
    };

    let mut dimension_titles = IndexMap::new();
    let mut flags = IndexMap::new();
    for k in kept.iter().rev() {
        for (id, title) in &k.dimensions {
            dimension_titles
                .entry(id.clone())
                .or_insert_with(|| title.clone());
        }
        for (id, info) in &k.flags {
            flags.entry(id.clone()).or_insert_with(|| info.clone());
        }
    }
    Ok(History {
        history_version: HISTORY_VERSION,
        bank: first.map(|(_, title)| title).unwrap_or_default(),
        steps: (latest.as_ref())
            .map(|r| steps(&kept, r, bank, &when))
            .unwrap_or_default(),
        retake: (latest.as_ref())
            .map(|r| {
                let taken = kept.last().and_then(|k| k.entry.taken.as_deref());
                retake(r, taken, !left_out.is_empty())
            })
            .unwrap_or_default(),
        // Their labels are quoted in each change between two results.
        bands: (latest.map(|r| r.bands).unwrap_or_default().into_iter())
            .map(|b| BandInfo {
                label: excerpt(&b.label).into_owned(),
                ..b
            })
            .collect(),
        results: kept.into_iter().map(|k| k.entry).collect(),
        changes,
        since_first,
        dimension_titles,
        flags,
        left_out,
    })
}

/// The step from one result to a later one.
fn change(from: &Kept, to: &Kept) -> Change {
    let (a, b) = (&from.entry, &to.entry);
    let diff = |x: Option<f64>, y: Option<f64>| x.zip(y).map(|(x, y)| round1(y - x));
    let mut dimensions: IndexMap<String, Option<f64>> = IndexMap::new();
    for (id, to) in &b.dimensions {
        dimensions.insert(
            id.clone(),
            diff(a.dimensions.get(id).copied().flatten(), *to),
        );
    }
    for id in a.dimensions.keys() {
        dimensions.entry(id.clone()).or_insert(None);
    }
    // The parts in the overall each scores; if they differ, the overall
    // again on those both score.
    fn scored<'e>(e: &'e Entry, weights: &HashMap<String, f64>) -> Vec<(&'e String, f64)> {
        let weight = |id: &String| weights.get(id).copied().unwrap_or(0.0);
        (e.dimensions.iter())
            .filter_map(|(id, s)| s.filter(|_| weight(id) > 0.0).map(|s| (id, s)))
            .collect()
    }
    let (in_a, in_b) = (scored(a, &to.weights), scored(b, &to.weights));
    fn ids<'e>(parts: &[(&'e String, f64)]) -> HashSet<&'e str> {
        parts.iter().map(|(id, _)| id.as_str()).collect()
    }
    let (ids_a, ids_b) = (ids(&in_a), ids(&in_b));
    let same = in_a.len() == in_b.len() && ids_a == ids_b;
    let on_both = |own: &[(&String, f64)], other: &HashSet<&str>| {
        let both = own.iter().filter(|(id, _)| other.contains(id.as_str()));
        let (sum, weight) = both.fold((0.0, 0.0), |(s, w), (id, x)| {
            let wx = to.weights[*id];
            (s + x * wx, w + wx)
        });
        (weight > 0.0).then(|| sum / weight)
    };
    Change {
        from: a.file.clone(),
        to: b.file.clone(),
        overall: diff(a.score, b.score),
        overall_on_both: match same {
            true => None,
            false => diff(on_both(&in_a, &ids_b), on_both(&in_b, &ids_a)),
        },
        dimensions,
        flags_raised: only_in(&b.flags, &a.flags),
        flags_cleared: only_in(&a.flags, &b.flags),
        verdict_from: a.verdict.clone(),
        verdict_to: b.verdict.clone(),
    }
}

/// The flags of `these` that `others` does not have, in order.
fn only_in(these: &[String], others: &[String]) -> Vec<String> {
    let others: HashSet<&String> = others.iter().collect();
    these
        .iter()
        .filter(|f| !others.contains(f))
        .cloned()
        .collect()
}

/// A result's answers judged again by `bank`, when it is theirs: which
/// next steps they call for, listed or not (the cap of `max_next_steps`,
/// or another step of the group, keeps some off the list), and why.
fn judge(r: &AssessmentResult, bank: &Bank) -> Option<(AnswerSheet, Evaluation)> {
    let sheet = crate::answers::from_result(bank, &r.answers).ok();
    let mode = crate::scoring::Mode::parse(&r.mode);
    let (sheet, mode) = sheet.zip(mode).filter(|_| r.bank.title == bank.title)?;
    let e = crate::scoring::evaluate(bank, &sheet, mode);
    Some((sheet, e))
}

/// The next steps' conditions in a bank, by id (the first of an id).
type Conditions<'b> = HashMap<&'b str, Option<&'b Condition>>;

fn conditions(bank: &Bank) -> Conditions<'_> {
    (bank.advice.iter().rev())
        .map(|a| (a.id.as_str(), a.when.as_ref()))
        .collect()
}

/// A next step's condition, by id.
fn condition<'b>(when: &Conditions<'b>, id: &str) -> Option<&'b Condition> {
    when.get(id).copied().flatten()
}

/// Why a step `then` listed is not called for by `now`: the answers,
/// signs and scores whose change turned its condition off (`turned`).
fn turned_off(
    then: &Kept,
    look: &Lookup,
    bank: &Bank,
    turned: &[&Condition],
) -> (Vec<Answered>, Vec<String>) {
    let now = look.r;
    let mut ids = Vec::new();
    let mut moved = Vec::new();
    let score = |s: Option<f64>| s.map_or_else(|| "no score".into(), |s| format!("{s:.1}"));
    for leaf in turned {
        match leaf {
            Condition::Answer { question, .. } => ids.push(bank.questions[*question].id.clone()),
            Condition::Flag(f) => {
                let flag = &bank.flags[*f];
                let raised = look.flag(&flag.id).is_some();
                let how = if raised { "now" } else { "no longer" };
                let kind = if flag.severity == Severity::Green {
                    "green"
                } else {
                    "red"
                };
                moved.push(format!(
                    "{how} a {kind} flag: \u{201c}{}\u{201d}",
                    excerpt(&flag.title)
                ));
            }
            Condition::Dimension { set, .. } => {
                let set = &bank.sets[*set];
                let was = then.entry.dimensions.get(&set.id).copied().flatten();
                let is = look.dimension(&set.id).and_then(|d| d.score);
                moved.push(format!(
                    "{} is now {} (was {})",
                    excerpt(&set.title),
                    score(is),
                    score(was)
                ));
            }
            Condition::Overall(_) => moved.push(format!(
                "your overall score is now {} (was {})",
                score(now.overall.score),
                score(then.entry.score)
            )),
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) => {}
        }
    }
    // A leaf named twice (under `all` and `any`) is said once.
    let once = |v: &mut Vec<String>| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|x| seen.insert(x.clone()));
    };
    once(&mut ids);
    once(&mut moved);
    (changed(then, look, &ids), moved)
}

/// The answers among `ids` (questions `then`'s steps name) that differ
/// between `then` and `now`, in words.
fn changed(then: &Kept, now: &Lookup, ids: &[String]) -> Vec<Answered> {
    ids.iter()
        .filter_map(|id| {
            let (answer, was) = then.named.get(id)?;
            if answer.as_ref() == now.r.answers.get(id) {
                return None;
            }
            let (prompt, to) = words(now, id).or_else(|| was.clone().map(|(p, _)| (p, None)))?;
            Some(Answered {
                question: id.clone(),
                prompt,
                from: was.clone().and_then(|(_, l)| l),
                to,
            })
        })
        .collect()
}

/// Next steps no longer listed (done, replaced or outranked), and those
/// still listed (since when their answers call for them). `kept` is in
/// order, and `latest` its last, whole.
fn steps(kept: &[Kept], latest: &AssessmentResult, bank: &Bank, when: &Conditions) -> Steps {
    let judged = judge(latest, bank);
    let Some(last) = kept.len().checked_sub(1) else {
        return Steps::default();
    };
    // A step as the result `i` lists it.
    let step = |id: &str, title: &str, i: usize| Step {
        id: id.to_string(),
        title: title.to_string(),
        file: kept[i].entry.file.clone(),
        taken: kept[i].entry.taken.clone(),
        replaced_by: None,
        changed: Vec::new(),
        moved: Vec::new(),
    };
    let look = Lookup::new(latest);
    // The step of each group the latest result lists (the first).
    let mut mates: HashMap<&str, &str> = HashMap::new();
    for t in &latest.next_steps {
        if let Some(g) = &t.group {
            mates.entry(g).or_insert(&t.title);
        }
    }
    let listed: HashSet<&str> = kept[last]
        .entry
        .next_steps
        .iter()
        .map(String::as_str)
        .collect();
    let mut out = Steps::default();
    let mut seen: HashSet<&str> = HashSet::new();
    // Listed before, not now; named by the last result listing it.
    for i in (0..last).rev() {
        for s in &kept[i].steps {
            // Two entries of one title (a general and a country's version
            // of one step) read as one.
            if listed.contains(s.id.as_str())
                || seen.contains(s.id.as_str())
                || seen.contains(s.title.as_str())
            {
                continue;
            }
            seen.insert(&s.id);
            seen.insert(&s.title);
            if !kept[last].applies.contains(&s.id) {
                // What turned its condition off; else (another bank) the
                // answers it was listed for that changed.
                let now = (judged.as_ref().zip(condition(when, &s.id)))
                    .map(|((sheet, e), c)| (c, holds_each(bank, sheet, e, c)));
                let turned = (s.held.as_ref().zip(now.as_ref()))
                    .map(|(then, (c, now))| c.turned(then, now))
                    .filter(|t| !t.is_empty());
                let (changed, moved) = match turned {
                    Some(t) => turned_off(&kept[i], &look, bank, &t),
                    None => (changed(&kept[i], &look, &s.because), Vec::new()),
                };
                out.done.push(Step {
                    changed,
                    moved,
                    ..step(&s.id, &s.title, i)
                });
                continue;
            }
            let by = (s.group.as_deref()).and_then(|g| Some(excerpt(mates.get(g)?).into_owned()));
            match by {
                Some(_) => out.replaced.push(Step {
                    replaced_by: by,
                    ..step(&s.id, &s.title, i)
                }),
                None => out.outranked.push(step(&s.id, &s.title, i)),
            }
        }
    }
    out.done.reverse();
    out.replaced.reverse();
    out.outranked.reverse();
    for s in &latest.next_steps {
        let mut since = last;
        while since > 0 && kept[since - 1].applies.contains(&s.id) {
            since -= 1;
        }
        out.open.push(step(&s.id, &s.title, since));
    }
    out
}

/// When to take it again, from the latest result: the moments that tell
/// most, then a regular check. `weighing` a move (results about an
/// employer being considered were among those read, or the latest result
/// suggests looking elsewhere): the first months at a new employer come
/// first.
fn retake(latest: &AssessmentResult, taken: Option<&str>, weighing: bool) -> Vec<Retake> {
    let date = taken.and_then(|t| Date::parse(t).ok());
    let later = |months: u32| date.map(|d| d.plus_months(months).to_string());
    let stage = latest.answers.get("about_stage").and_then(|v| v.as_str());
    let mut out = Vec::new();
    let looking =
        (latest.next_steps.iter()).any(|s| s.group.as_deref() == Some("compare_or_leave"));
    let moved = Retake {
        when: None,
        why: "If you move: about three months after you start at the new employer. By then you know how it treats a parent, not just how it interviews. Weigh it against your last result here with `mommytrack compare here.json there.json`.".into(),
    };
    // First for a parent weighing a move; else after the regular moments.
    let (first, last) = match weighing || looking {
        true => (Some(moved), None),
        false => (None, Some(moved)),
    };
    out.extend(first);
    match stage {
        Some("expecting" | "on_leave") => out.push(Retake {
            when: None,
            why: "About three months after you are back at work: how a workplace treats a parent shows in the first months back, once the welcome is over.".into(),
        }),
        Some("back_recently") => out.push(Retake {
            when: later(3),
            why: "Three months on from this result: the first months back are when a parent's track is set, and a second look shows which way it goes.".into(),
        }),
        Some("returning_after_break") => out.push(Retake {
            when: None,
            why: "About three months into your new job: by then you will know how it treats a parent, not just how it interviews.".into(),
        }),
        _ => {}
    }
    out.push(Retake {
        when: None,
        why: "When you get a new manager, or your manager's manager changes: a manager decides much of what a parent's track looks like.".into(),
    });
    out.push(Retake {
        when: None,
        why: "After the next review or promotion round: to see whether your name came up.".into(),
    });
    out.extend(last);
    out.push(Retake {
        when: later(6),
        why: "Otherwise every six months or so, to see which way things are moving.".into(),
    });
    out
}
