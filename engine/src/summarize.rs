//! Group summaries (docs/summaries.md): many saved results in, one
//! anonymous summary out, that cannot be taken apart. This module owns the
//! summary's types and folding results in ([`Summarizer`]); `read` reads
//! the files named, each result once; `tables` decides which figures of
//! which group are published, by the rules of [`protect`]; `stats` computes
//! them; the binary's `export::summary` draws the five output formats.
//!
//! **Each result once.** Files are known by their identity (device and
//! inode, so a file named twice, reached through a symbolic or a hard
//! link, or through a folder named twice is read once) and results by
//! their answers as the bank reads them, and the bank (a copy counts
//! once, however it is laid out, written, named, or whatever its notes);
//! the summary says how many it counted
//! once. A file found in a folder that is not a mommytrack result (a
//! summary left there, a bank file) is skipped with a warning; a file
//! named on the command line must be a result.
//!
//! **Streaming.** Results are read in batches in parallel, folded in file
//! order and dropped; what is kept is a compact record per result (its
//! group, scores, verdict, flags and item values), nothing of its text.
//!
//! **Worked out again, then perturbed.** Every result is scored again
//! from its answers with the bank (`digest`), and refused when its
//! written figures say otherwise (a result of another version of the
//! built-in questions is scored again with this one's, its figures
//! unchecked); then only a perturbed copy of it is kept
//! ([`noise`]: drawn once, for good, with the installation's secret), and
//! every figure is computed from the copies. No answer text is kept or
//! shown: `--by` may only name a `choice`, `yesno` or `scale` question.
//! What is hidden is decided on the published counts alone (`tables`,
//! [`protect`]); no minimum or maximum is ever published; medians,
//! quartiles and distributions (ten fixed bins) only for cells of at least
//! twice `--min-group` results; verdict and flag counts, each with its
//! margin of error, only for groups of 100. A group not shown is never
//! named. Every summary names its key (`key_id`).
//!
//! **Statistics.** Quartiles and the median use linear interpolation
//! between closest ranks (numpy's default, Python's
//! `statistics.quantiles(method="inclusive")`): the `p`-quantile of `n`
//! sorted values is at position `p·(n−1)`. Cronbach's alpha is
//! `k/(k−1)·(1 − Σvar(item)/var(total))` with population variances
//! computed in two passes (the mean first, then the squared deviations),
//! on the item values `v` in [0, 1] (see "Scoring" in
//! docs/question-banks.md), less the variance the perturbation adds. Its
//! items are every scored item of the dimension (the bank's), the same for
//! the whole set and every group, and its results are those that were
//! asked and answered every one of them. It is given for dimensions with
//! at least three scored items, from 300 results.

mod digest;
pub(crate) mod noise;
pub mod protect;
mod read;
pub(crate) mod stats;
mod tables;

pub use noise::key_id;
pub use read::{Input, MAX_FILES, MAX_TOTAL_BYTES, Outcome, expand, summarize};

use crate::bank::Answer;
use digest::Checked;

use indexmap::IndexMap;
use serde::Serialize;

use crate::bank::{Bank, Kind};
use crate::error::Failure;
use protect::rows_shown;
use tables::Ctx;

/// `--min-group` may never be set below this.
pub const MIN_GROUP_FLOOR: usize = 3;
/// The default `--min-group`.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// Bins of a distribution: 0–10, 10–20, … 90–100 (100 in the last).
pub const BINS: usize = 10;
/// The version of the summary JSON layout.
pub const SUMMARY_VERSION: u32 = 2;

/// The label of the group of results that did not answer the `--by` question.
pub const NO_ANSWER: &str = "(no answer)";

/// How quartiles are computed, as every format says it.
pub const QUANTILES: &str =
    "linear interpolation between closest ranks (numpy default), of the perturbed scores";

/// Options of `summarize`.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_group: usize,
    pub by: Option<String>,
    /// The bank the results were made with (`--bank`, or the built-in
    /// one): every result is worked out again from its answers with it,
    /// and the `--by` question's options, labels and order come from it.
    pub bank: Bank,
    /// The installation's secret key (kept in the state folder): the
    /// record keys, and so every perturbation, are drawn with it.
    pub secret: [u64; 2],
    /// How the bank was named (`--bank DIR`), when it was, for messages.
    pub bank_named: Option<String>,
}

/// The finished summary, ready for any format. Nothing in it describes
/// fewer than `min_group` results.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub schema_version: u32,
    /// What this document is: always `summary`.
    pub document: &'static str,
    pub bank: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_fingerprint: Option<String>,
    /// Which secret key drew the perturbed copies: 8 hex digits of a keyed
    /// hash of a constant (it does not give the key away). Summaries with
    /// different key ids must not both be released: see docs/summaries.md.
    pub key_id: String,
    pub min_group: usize,
    /// Every count that is not an estimate (of results, a measure's `n`, a
    /// distribution's bins) is within this many of the number of
    /// perturbed copies it counts.
    pub count_margin: usize,
    /// Verdict and flag counts are given only for groups of at least this
    /// many results: below it, they are too uncertain to read (see
    /// docs/summaries.md, "What it costs").
    pub estimates_from: usize,
    pub quantiles: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The `--by` question's prompt, when the bank is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_prompt: Option<String>,
    /// Results counted once because they were already counted: the same
    /// answers to the same bank, whatever the file. Absent when nothing is
    /// shown (with the number of files, it would give the number of
    /// results).
    pub duplicates: Option<usize>,
    /// Files found in folders that were not results, skipped.
    pub skipped: usize,
    /// Results saved with another version of the built-in questions,
    /// scored again from their answers with this version's.
    pub rescored: usize,
    /// Older results of a respondent counted with a later one, set aside:
    /// each respondent counts once (docs/summaries.md, "Each person
    /// once"). Absent when nothing is shown.
    pub retakes: Option<usize>,
    /// The whole set.
    pub all: Group,
    /// One per value of `--by` (bank order when the bank is known), then
    /// the groups not shown whose value is not an option of the bank,
    /// without a label; empty without `--by`.
    pub groups: Vec<Group>,
    /// How many `--by` groups are not shown.
    pub suppressed_groups: usize,
    /// What was hidden and why, in words, with no figure that undoes it.
    pub suppression: Vec<String>,
    /// Which items and results Cronbach's alpha is computed over.
    pub alpha_rule: &'static str,
}

/// The whole set or one `--by` group.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// `all` for the whole set, `group` for a `--by` group: in CSV a
    /// column of its own, never mistaken for an option id.
    pub scope: &'static str,
    /// The `--by` value; absent for the whole set and for a group not
    /// shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value in words (the option's label), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Absent when not shown: not even the count is given. Like every
    /// count of a summary, perturbed by up to 2, never under `min_group`
    /// (see docs/summaries.md).
    pub count: Option<usize>,
    pub suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<GroupStats>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GroupStats {
    pub overall: Stats,
    /// In bank order (highest band first); verdicts held by too few
    /// results are counted together as one entry with several `ids`.
    /// Empty when `verdicts_hidden`.
    pub verdicts: Vec<VerdictCount>,
    /// The group has fewer than `estimates_from` results.
    pub verdicts_hidden: bool,
    /// In bank order; empty when `flags_hidden`.
    pub flags: Vec<FlagCount>,
    /// The group has fewer than `estimates_from` results.
    pub flags_hidden: bool,
    pub dimensions: Vec<DimensionSummary>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VerdictCount {
    /// One verdict id, or several counted together (`withheld` for a
    /// withheld verdict).
    pub ids: Vec<String>,
    /// In words: the band's label.
    pub label: String,
    /// An estimate of how many results have it (see docs/summaries.md);
    /// absent when fewer than `min_group`, none included.
    pub count: Option<usize>,
    /// Its margin of error: two standard errors (about 19 times in 20 the
    /// true count is within it); absent with `count`.
    pub margin: Option<usize>,
    /// `count` ± `margin`, kept within 0 … the group's count: the true
    /// count's likely range; absent with `count`.
    pub range: Option<[usize; 2]>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FlagCount {
    pub id: String,
    pub severity: String,
    pub title: String,
    /// An estimate, as for verdicts; absent when hidden.
    pub count: Option<usize>,
    /// Its margin of error, as for verdicts; absent when hidden.
    pub margin: Option<usize>,
    /// The likely range, as for verdicts; absent when hidden.
    pub range: Option<[usize; 2]>,
    pub hidden: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DimensionSummary {
    pub id: String,
    pub title: String,
    /// Scores 0–100.
    pub score: Stats,
    /// The mean answer on the scale's own range, where the dimension has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_mean: Option<Stats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<Alpha>,
}

/// Descriptive statistics of one measure of one group. When `suppressed`,
/// nothing is given, not even `n`. No minimum or maximum, ever. Every
/// figure carries consistent noise (docs/summaries.md): `n` up to ±2, the
/// mean up to ±25/n points, the quartiles up to 2 ranks off; scores in
/// whole points, scale means to one decimal.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Stats {
    pub n: Option<usize>,
    pub suppressed: bool,
    pub mean: Option<f64>,
    /// Only for at least twice `--min-group` results.
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    /// Counts in bins over 0–100 (scores only), merged so that no bin
    /// holds 1 to `--min-group − 1` results; empty when not given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<Bin>,
}

/// One bin of a distribution: scores from `from` up to `to` (100 in the
/// last bin).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Bin {
    pub from: u32,
    pub to: u32,
    /// Absent when fewer than `min_group`, none included.
    pub count: Option<usize>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Alpha {
    /// Cronbach's alpha, two decimals; absent when hidden, undefined (no
    /// variance) or too uncertain (the estimate falls outside 0 … 1).
    pub value: Option<f64>,
    /// The scored items it is computed over, in bank order.
    pub items: Vec<String>,
    /// Results that were asked and answered every one of them; absent
    /// when hidden.
    pub n: Option<usize>,
    pub hidden: bool,
}

/// One part of one result, as kept: perturbed ([`noise`]).
#[derive(Debug, Default, Clone)]
struct DimRec {
    score: Option<f64>,
    /// The item values, when every scored item was asked and answered.
    items: Option<Vec<f64>>,
}

/// What is kept of one result: its perturbed copy ([`noise`]), never its
/// own figures.
#[derive(Debug)]
struct Record {
    /// Its record key: the same result, the same key.
    key: u64,
    /// Index into the group values (its `--by` answer, perturbed); 0
    /// without `--by`.
    group: usize,
    overall: Option<f64>,
    /// With a score and a verdict: the band (index), perturbed.
    verdict: Option<usize>,
    /// With a score, the verdict withheld (too few answers).
    withheld: bool,
    /// Flags raised (indices into the bank's), perturbed.
    flags: Vec<u32>,
    /// Indexed like [`Summarizer::dims`]; `None` when none of its items
    /// was asked.
    dims: Vec<Option<DimRec>>,
}

#[derive(Debug)]
struct DimInfo {
    title: String,
    /// The part's scored items (question indices), in bank order.
    items: Vec<usize>,
    /// Its index in the bank's sets.
    set: usize,
}

/// Folds results in, one at a time.
#[derive(Debug)]
pub struct Summarizer {
    options: Options,
    /// The bank's scored parts, in bank order.
    dims: IndexMap<String, DimInfo>,
    /// The `--by` question's values in bank order (`None`, no answer,
    /// last), with their labels; one unnamed value without `--by`.
    values: Vec<(Option<String>, String)>,
    /// Indexed like `dims`: the part is asked only after some answers to
    /// the `--by` question, so it is not shown in the groups.
    decided: Vec<bool>,
    records: Vec<Record>,
    /// Each respondent's (keyed hash of the id) latest result so far: the
    /// day taken, its record key and where its record is.
    people: std::collections::HashMap<u64, (String, u64, usize)>,
    duplicates: usize,
    skipped: usize,
    rescored: usize,
    retakes: usize,
}

impl Summarizer {
    pub fn new(options: Options) -> Result<Self, Failure> {
        if options.min_group < MIN_GROUP_FLOOR {
            return Err(Failure::usage(format!(
                "--min-group {} is too small: groups under {MIN_GROUP_FLOOR} people could be recognised; use {MIN_GROUP_FLOOR} or more (default {DEFAULT_MIN_GROUP})",
                options.min_group
            )));
        }
        let bank = &options.bank;
        let dims = (bank.sets.iter().enumerate())
            .filter_map(|(set, s)| {
                let items: Vec<usize> = (s.questions.clone())
                    .filter(|&q| bank.questions[q].is_scored())
                    .collect();
                let title = crate::sanitize::excerpt(&s.group_title).into_owned();
                (!items.is_empty()).then(|| (s.id.clone(), DimInfo { title, items, set }))
            })
            .collect();
        let values = match &options.by {
            None => vec![(None, String::new())],
            Some(by) => by_values(bank, by)?,
        };
        let decided = (options.by.as_deref())
            .and_then(|by| bank.question_position(by))
            .map(|by| decided_by(bank, by, &dims))
            .unwrap_or_default();
        Ok(Summarizer {
            decided,
            dims,
            values,
            records: Vec::new(),
            people: Default::default(),
            duplicates: 0,
            skipped: 0,
            rescored: 0,
            retakes: 0,
            options,
        })
    }

    /// Adds one result, as its answers give it, perturbed by its record
    /// key and, when it says who took it, its person's ([`noise::Draws`]):
    /// nothing of its own figures is kept. A result of a respondent
    /// already counted replaces theirs when it was taken later (the same
    /// day: the higher record key), and is set aside otherwise.
    fn add(&mut self, r: Checked, key: u64) {
        let secret = self.options.secret;
        let who = (r.respondent.as_ref())
            .map(|(id, _)| noise::siphash(secret, format!("respondent\n{id}").as_bytes()));
        let record = self.record(&r, noise::Draws::new(key, who, secret), key);
        let (Some(who), Some((_, taken))) = (who, r.respondent) else {
            return self.records.push(record);
        };
        match self.people.entry(who) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((taken, key, self.records.len()));
                self.records.push(record);
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                self.retakes += 1;
                let (t, k, at) = e.get_mut();
                if (&taken, key) > (&*t, *k) {
                    (*t, *k) = (taken, key);
                    self.records[*at] = record;
                }
            }
        }
    }

    /// The perturbed copy of one result.
    fn record(&self, r: &Checked, draws: noise::Draws, key: u64) -> Record {
        use noise::{FLIP_FLAG, ITEM, KEEP_GROUP, KEEP_VERDICT, OVERALL, PART};
        let (bank, sheet, eval) = (&self.options.bank, &r.sheet, &r.eval);
        let group = match &self.options.by {
            Some(by) => {
                let answer = bank
                    .question_position(by)
                    .and_then(|q| match sheet.get(q)? {
                        Answer::Choice(s) => Some(s.clone()),
                        Answer::Scale(x) => Some(x.to_string()),
                        Answer::YesNo(b) => Some(b.to_string()),
                        _ => None,
                    });
                let k = self.values.len();
                let value = (self.values.iter())
                    .position(|(v, _)| *v == answer)
                    .unwrap_or(k - 1);
                draws.respond(2, value, k, KEEP_GROUP)
            }
            None => 0,
        };
        // The persistent shift (items carry it alone), and the result's own.
        let (shift, fresh) = (OVERALL * draws.unit(0), draws.fresh());
        let published = crate::result::round1;
        let mut raised = vec![false; bank.flags.len()];
        eval.flags.iter().for_each(|&(f, _)| raised[f] = true);
        let dims = (self.dims.values().enumerate())
            .map(|(d, info)| {
                let e = &eval.dimensions[info.set];
                let shift = shift + PART * draws.unit(100 + d as u64);
                let items = (info.items.iter())
                    .map(|&q| {
                        Some(eval.values[q]? + shift / 100.0 + ITEM * draws.unit(10_000 + q as u64))
                    })
                    .collect();
                (e.asked > 0).then(|| DimRec {
                    score: e.score.map(|s| published(s) + shift + fresh),
                    items,
                })
            })
            .collect();
        Record {
            key,
            group,
            overall: eval.overall.map(|s| published(s) + shift + fresh),
            verdict: eval
                .band
                .map(|b| draws.respond(1, b, bank.bands.len(), KEEP_VERDICT)),
            withheld: eval.withheld,
            flags: (raised.iter().enumerate())
                .filter(|&(f, &r)| r != (draws.chance(1000 + f as u64) < FLIP_FLAG))
                .map(|(f, _)| f as u32)
                .collect(),
            dims,
        }
    }

    /// The summary, with everything that could describe fewer than
    /// `--min-group` results hidden, decided on the published counts.
    pub fn finish(self) -> Result<Summary, Failure> {
        if self.records.is_empty() {
            return Err(Failure::missing(
                "no results to summarize: name JSON results saved with `mommytrack assess --format json --output FILE`, or folders that hold them",
            ));
        }
        let bank = &self.options.bank;
        let min = self.options.min_group;
        let mut notes = Notes::default();
        let all: Vec<&Record> = self.records.iter().collect();
        let ctx = Ctx { s: &self, min };
        let (all_count, _) = ctx.count_group(&all);
        let all_shown = all_count >= min;
        let mut groups = Vec::new();
        let mut suppressed_groups = 0;
        if self.options.by.is_some() && all_shown {
            let members: Vec<Vec<&Record>> = (0..self.values.len())
                .map(|g| all.iter().copied().filter(|r| r.group == g).collect())
                .collect();
            let counts: Vec<usize> = members.iter().map(|m| ctx.count_group(m).0).collect();
            // Groups shown: decided on the published counts alone.
            let shown = rows_shown(all_count, &counts, min);
            for (g, (value, label)) in self.values.iter().enumerate() {
                if !shown[g] {
                    suppressed_groups += 1;
                    continue;
                }
                groups.push(Group {
                    scope: "group",
                    value: value.clone(),
                    label: Some(label.clone()),
                    count: Some(counts[g]),
                    suppressed: false,
                    stats: Some(ctx.stats(&members[g], &mut notes, &self.decided)),
                });
            }
            let hidden = || Group {
                scope: "group",
                suppressed: true,
                ..Group::default()
            };
            groups.extend((0..suppressed_groups).map(|_| hidden()));
            if suppressed_groups > 0 {
                notes.add(Note::Groups);
            }
        }
        let stats = all_shown.then(|| ctx.stats(&all, &mut notes, &[]));
        if !all_shown {
            notes = Notes::default();
            notes.add(Note::WholeSet);
        }
        Ok(Summary {
            schema_version: SUMMARY_VERSION,
            document: "summary",
            bank: bank.title.clone(),
            bank_fingerprint: Some(bank.fingerprint.clone()),
            key_id: noise::key_id(self.options.secret),
            min_group: min,
            count_margin: noise::COUNT_NOISE,
            estimates_from: tables::ESTIMATES_FROM.max(2 * min),
            quantiles: QUANTILES,
            by_prompt: (self.options.by.as_deref())
                .and_then(|by| bank.question(by))
                .map(|q| q.prompt.clone()),
            by: self.options.by.clone(),
            duplicates: all_shown.then_some(self.duplicates),
            retakes: all_shown.then_some(self.retakes),
            skipped: self.skipped,
            rescored: self.rescored,
            all: Group {
                scope: "all",
                count: all_shown.then_some(all_count),
                suppressed: !all_shown,
                stats,
                ..Group::default()
            },
            groups,
            suppressed_groups,
            suppression: notes.sentences(&self, all_shown),
            alpha_rule: ALPHA_RULE,
        })
    }
}

/// Whether each part is asked only after some answers to question `by`:
/// one of its questions (not `by` itself) has a condition that names `by`,
/// or a question whose own condition does, and so on. Its presence in a
/// group would tell its members' true answers, whatever the perturbation
/// of the `--by` answer.
fn decided_by(bank: &Bank, by: usize, dims: &IndexMap<String, DimInfo>) -> Vec<bool> {
    let mut follows = vec![false; bank.questions.len()];
    follows[by] = true;
    // Conditions name earlier questions: one pass in bank order does.
    let dependents = crate::scoring::dependents(bank);
    for q in by..follows.len() {
        if follows[q] {
            dependents[q].iter().for_each(|&j| follows[j] = true);
        }
    }
    (dims.values())
        .map(|d| {
            bank.sets[d.set]
                .questions
                .clone()
                .any(|q| q != by && follows[q])
        })
        .collect()
}

/// The values of the `--by` question in bank order, each with its label,
/// then no answer; refuses a question that is not the bank's or whose
/// answers are text.
fn by_values(bank: &Bank, by: &str) -> Result<Vec<(Option<String>, String)>, Failure> {
    let by_shown = crate::sanitize::id(by);
    let Some(q) = bank.question(by) else {
        return Err(Failure::usage(format!(
            "--by {by_shown}: the bank has no such question; name a choice, yesno or scale question id (see `mommytrack questions`)"
        )));
    };
    let mut values: Vec<(Option<String>, String)> = match &q.kind {
        Kind::Choice(opts) => (opts.iter())
            .map(|o| (Some(o.id.clone()), o.label.clone()))
            .collect(),
        Kind::YesNo(_) => vec![
            (Some("true".into()), "Yes".into()),
            (Some("false".into()), "No".into()),
        ],
        Kind::Scale(s) => (s.min..=s.max)
            .map(|x| {
                let label = s
                    .label(x)
                    .map_or_else(|| x.to_string(), |l| format!("{x} ({l})"));
                (Some(x.to_string()), label)
            })
            .collect(),
        k => {
            return Err(Failure::usage(format!(
                "--by {by_shown}: a {} question cannot group results; only choice, yesno and scale questions can, so that no answer text is ever shown",
                k.name()
            )));
        }
    };
    values.push((None, NO_ANSWER.to_string()));
    Ok(values)
}

const ALPHA_RULE: &str = "Cronbach's alpha is computed for each part with at least three scored items, over all of its scored items, from the results that were asked and answered every one of them (a result asked fewer, in --quick or because a question's condition did not hold, takes no part); the same items for the whole set and every group. Population variances, computed in two passes, on the perturbed item values, less the variance the perturbation adds (which is known).";

/// What is said about suppression: kinds of hiding, never figures.
#[derive(Debug, Default)]
struct Notes(std::collections::BTreeSet<Note>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Note {
    WholeSet,
    Groups,
    Cells,
    Order,
    Estimates,
    Alpha,
    Decided,
}

impl Notes {
    fn add(&mut self, n: Note) {
        self.0.insert(n);
    }

    /// The sentences, then what every summary says: no minimum or
    /// maximum, the perturbation, the results counted once, the files
    /// skipped.
    fn sentences(&self, s: &Summarizer, shown: bool) -> Vec<String> {
        let (min, by) = (s.options.min_group, s.options.by.as_deref().unwrap_or(""));
        let (duplicates, skipped, rescored, retakes) =
            (s.duplicates, s.skipped, s.rescored, s.retakes);
        let decided: Vec<&str> = (s.dims.values().zip(&s.decided))
            .filter(|(_, d)| **d)
            .map(|(info, _)| info.title.as_str())
            .collect();
        let twice = 2 * min;
        let mut out: Vec<String> = self
            .0
            .iter()
            .map(|n| match n {
                Note::WholeSet => format!("Nothing is shown: there are fewer than {min} distinct results."),
                Note::Groups => format!("Some groups are not shown, and not named: each has fewer than {min} results, or showing it would let the whole set minus the groups shown describe fewer than {min}."),
                Note::Cells => format!("A count marked \"fewer than {min}\" is fewer than {min} results, or none: the two are not told apart. A flag raised by fewer than {min} results, or by all but fewer than {min}, is \"not shown\"; so is a score fewer than {min} results have."),
                Note::Order => format!("Medians, quartiles and distributions are given only for {twice} results or more (the results themselves, not the n shown, which is \u{b1} {}).", noise::COUNT_NOISE),
                Note::Estimates => format!("Verdict and flag counts are given only for groups of {} results or more: below that, the perturbation that protects each person leaves them off by a quarter of the group or more (at 20 results, one count in ten is off by 6 or more).", tables::ESTIMATES_FROM.max(twice)),
                Note::Decided => format!("Shown for the whole set only, not in the groups: {}. Each is asked only after some answers to the --by question ({}), so in a group, who has a score for it would tell their answer; group by another question to compare these parts.", decided.join("; "), crate::sanitize::id(by)),
                Note::Alpha => format!("Cronbach's alpha is given only for {} results or more: below that, the perturbation that protects each person leaves it too uncertain to read.", tables::ALPHA_RESULTS.max(twice)),
            })
            .collect();
        out.push("No minimum or maximum is ever shown.".to_string());
        if shown {
            out.push(format!(
                "Every figure is computed from perturbed copies of the results, never from the results themselves: each result's overall score is moved by up to {over} points and each part's by up to {part} more, each verdict is kept two times in three (else another band), each flag flipped one time in five, and each --by answer kept three times in four.",
                over = noise::OVERALL,
                part = noise::PART,
            ));
            out.push("A result's copy is drawn once, for good, from a key that only this installation holds, so no number of summaries, and no results of anyone's own making, tell more about a result than its perturbed copy. One person's copies averaged would say more than one: so each person counts once, with their latest result, when their results say who took them (a session's do), and all of that person's results share most of their copy, so that summaries released between retakes do not average out; include anyone else once.".to_string());
            out.push(format!("Verdict and flag counts are estimates of the true counts from the perturbed ones, each with its margin of error (\u{b1}: about 19 times in 20 the true count is within it); every other count moves by up to {count}. Figures may not add up exactly.",
                count = noise::COUNT_NOISE,
            ));
        }
        let why = "the same answers to the same bank (a file named twice or reached through a link, or a copy, however it is laid out or named, whatever its notes)";
        match duplicates {
            0 => {}
            d if shown => out.push(format!(
                "{d} {} counted once: {why}.",
                if d == 1 { "result was" } else { "results were" }
            )),
            _ => out.push(format!("Some results were counted once: {why}.")),
        }
        if retakes > 0 && shown {
            out.push(format!(
                "{retakes} older {} of people counted with a later one {} set aside: each person counts once, with their latest result (every result a mommytrack session saves says who took it, without saying anything about them).",
                if retakes == 1 { "result" } else { "results" },
                if retakes == 1 { "was" } else { "were" },
            ));
        }
        let (files, were) = if skipped == 1 {
            ("file", "was")
        } else {
            ("files", "were")
        };
        if skipped > 0 {
            out.push(format!(
                "{skipped} {files} in the folders {were} not mommytrack results and {were} skipped."
            ));
        }
        if rescored > 0 && shown {
            out.push(format!(
                "{rescored} {} saved with another version of mommytrack's questions: {} scored again, from {} answers, with this version's (a question added since counts as not answered).",
                if rescored == 1 { "result was" } else { "results were" },
                if rescored == 1 { "it was" } else { "they were" },
                if rescored == 1 { "its" } else { "their" },
            ));
        }
        out
    }
}
