//! Group summaries (CONTRACT §6.5 and §7.5): many saved results in, one
//! anonymous summary out, that cannot be taken apart. This module owns
//! reading the results (each one once), the statistics, and what of them
//! may be published; [`protect`] owns the suppression rules themselves,
//! and the binary's `export::summary` the five output formats.
//!
//! **Each result once.** Files are known by their identity (device and
//! inode, so a file named twice, reached through a symbolic or a hard
//! link, or through a folder named twice is read once) and by their
//! content (a byte-identical copy counts once); the summary says how many
//! it dropped. A file found in a folder that is not a mommytrack result (a
//! summary left there, a bank file) is skipped with a warning; a file
//! named on the command line must be a result.
//!
//! **Streaming.** Results are read in batches in parallel, folded in file
//! order and dropped; what is kept is a compact record per result (its
//! group, scores, verdict, flags and item values), nothing of its text.
//!
//! **Disclosure control.** No answer text is kept or shown: `--by` may
//! only name a `choice`, `yesno` or `scale` question. Every published
//! figure is a cell: a count of results, or a statistic over counted
//! results, of one measure of one group. The cells come in tables (the
//! groups; the verdicts; each flag raised or not; each part with every
//! item answered, some, or no score), and [`protect`] hides what would
//! describe fewer than `--min-group` results alone or as a difference
//! (the whole set minus the shown groups). No minimum or maximum is ever
//! published; medians, quartiles and distributions only for cells of at
//! least twice `--min-group` results, only where the whole set minus the
//! groups that show them leaves none or at least that many, and with
//! score bins merged so that none holds 1 to `--min-group − 1` results.
//! A group not shown is named only when its value is an option of the
//! bank (known from `--bank` or the built-in bank) or a yes/no.
//!
//! **Statistics.** Quartiles and the median use linear interpolation
//! between closest ranks (numpy's default, Python's
//! `statistics.quantiles(method="inclusive")`): the `p`-quantile of `n`
//! sorted values is at position `p·(n−1)`. Cronbach's alpha is
//! `k/(k−1)·(1 − Σvar(item)/var(total))` with population variances
//! computed in two passes (the mean first, then the squared deviations),
//! on the item values `v` in [0, 1] of CONTRACT §3. Its items are every
//! scored item of the dimension (the bank's, when it is known; otherwise
//! every one any result was asked), the same for the whole set and every
//! group, and its results are those that were asked and answered every
//! one of them (a result asked fewer, because a `when` did not hold or in
//! `--quick`, takes no part). It is given for dimensions with at least
//! three scored items, and left out when the total has no variance.

mod digest;
pub mod protect;

use digest::{Digest, DimDigest, QDigest};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use indexmap::{IndexMap, IndexSet};
use serde::Serialize;

use crate::bank::{Bank, Kind};
use crate::error::{ExitKind, Failure};
use protect::{Classes, class_counts, merge_adjacent, merge_free, rows_shown};

/// `--min-group` may never be set below this.
pub const MIN_GROUP_FLOOR: usize = 3;
/// The default `--min-group`.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// Bins of the distribution before merging: 0–10, 10–20, … 90–100 (100 in
/// the last).
pub const BINS: usize = 10;
/// The version of the summary JSON layout.
pub const SUMMARY_VERSION: u32 = 2;

/// The label of the group of results that did not answer the `--by` question.
pub const NO_ANSWER: &str = "(no answer)";

/// How quartiles are computed, as every format says it.
pub const QUANTILES: &str = "linear interpolation between closest ranks (numpy default)";

/// The kinds of question `--by` accepts: their values are never free text.
const GROUPABLE: &[&str] = &["choice", "yesno", "scale"];

/// Options of `summarize`.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_group: usize,
    pub by: Option<String>,
    /// The bank the results come from, when known (`--bank`, or the
    /// built-in one): the `--by` question's options, labels and order,
    /// and the items of each dimension come from it.
    pub bank: Option<Bank>,
    /// How the bank was named (`--bank DIR`), when it was: results of
    /// another bank are then refused rather than summarised without it.
    pub bank_named: Option<String>,
}

/// The finished summary, ready for any format. Nothing in it describes
/// fewer than `min_group` results.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    /// What this document is: always `summary`.
    pub document: &'static str,
    pub bank: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_fingerprint: Option<String>,
    pub min_group: usize,
    pub quantiles: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The `--by` question's prompt, when the bank is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_prompt: Option<String>,
    /// Results dropped because they were already counted: the same file
    /// named twice or reached through a link, or a byte-identical copy.
    pub duplicates: usize,
    /// Files found in folders that were not results, skipped.
    pub skipped: usize,
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
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `all` for the whole set, `group` for a `--by` group: in CSV a
    /// column of its own, never mistaken for an option id.
    pub scope: &'static str,
    /// The `--by` value; absent for the whole set and for a group not
    /// shown whose value is not an option of the bank.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value in words (the option's label), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Absent when not shown: not even the count is given.
    pub count: Option<usize>,
    pub suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<GroupStats>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    pub overall: Stats,
    /// In bank order (highest band first); verdicts held by too few
    /// results are counted together as one entry with several `ids`.
    /// Empty when `verdicts_hidden`.
    pub verdicts: Vec<VerdictCount>,
    pub verdicts_hidden: bool,
    pub flags: Vec<FlagCount>,
    pub dimensions: Vec<DimensionSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerdictCount {
    /// One verdict id, or several counted together (`withheld` for a
    /// withheld verdict).
    pub ids: Vec<String>,
    /// In words: the band's label, or the labels joined with "or".
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagCount {
    pub id: String,
    pub severity: String,
    pub title: String,
    /// Absent when hidden.
    pub count: Option<usize>,
    pub hidden: bool,
}

#[derive(Debug, Clone, Serialize)]
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
/// nothing is given, not even `n`. No minimum or maximum, ever.
#[derive(Debug, Clone, Serialize)]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<Bin>,
}

/// One bin of a distribution: scores from `from` up to `to` (100 in the
/// last bin).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bin {
    pub from: u32,
    pub to: u32,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alpha {
    /// Cronbach's alpha; absent when hidden or undefined (no variance).
    pub value: Option<f64>,
    /// The scored items it is computed over, in bank order.
    pub items: Vec<String>,
    /// Results that were asked and answered every one of them; absent
    /// when hidden.
    pub n: Option<usize>,
    pub hidden: bool,
}

/// The quantile at `p` of sorted values, by linear interpolation.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = p * last as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Four decimals, applied only at output.
fn round4(x: f64) -> f64 {
    let r = (x * 1e4).round() / 1e4;
    if r == 0.0 { 0.0 } else { r }
}

/// The mean, by summing (the values are few and bounded: 0–100).
fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Population variance in two passes: the mean, then the mean squared
/// deviation from it (never the cancellation-prone Σx²/n − mean²).
fn variance(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    Some(values.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / values.len() as f64)
}

/// Cronbach's alpha of rows (results) × items, from population variances.
/// `None` with fewer than two rows or two items, or no variance in the total.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if rows.len() < 2 || k < 2 {
        return None;
    }
    let items: f64 = (0..k)
        .map(|j| variance(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()).unwrap_or(0.0))
        .sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total = variance(&totals)?;
    let kf = k as f64;
    (total > 1e-12).then(|| round4(kf / (kf - 1.0) * (1.0 - items / total)))
}

/// The raw bin of a score 0–100.
fn bin_of(score: f64) -> usize {
    ((score / (100.0 / BINS as f64)).floor().max(0.0) as usize).min(BINS - 1)
}

fn raw_bins(values: &[f64]) -> Vec<usize> {
    let mut bins = vec![0; BINS];
    for &v in values {
        bins[bin_of(v)] += 1;
    }
    bins
}

/// Bins of a distribution as published: `None` when the merging left one
/// bin (it would say nothing).
fn bins(values: &[f64], classes: &Classes) -> Vec<Bin> {
    if classes.len() < 2 {
        return Vec::new();
    }
    let counts = class_counts(&raw_bins(values), classes);
    classes
        .iter()
        .zip(counts)
        .map(|(c, count)| Bin {
            from: (c[0] * 100 / BINS) as u32,
            to: ((c[c.len() - 1] + 1) * 100 / BINS) as u32,
            count,
        })
        .collect()
}

impl Stats {
    fn hidden() -> Self {
        Stats {
            n: None,
            suppressed: true,
            mean: None,
            median: None,
            q1: None,
            q3: None,
            distribution: Vec::new(),
        }
    }

    /// The statistics of `values` (a published cell): the mean always,
    /// the median and quartiles when `order` allows, the distribution in
    /// the bins `classes` when given.
    fn of(values: &[f64], order: bool, classes: Option<&Classes>) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let q = |p| {
            if order {
                quantile(&sorted, p).map(round4)
            } else {
                None
            }
        };
        Stats {
            n: Some(values.len()),
            suppressed: false,
            mean: mean(values).map(round4),
            median: q(0.5),
            q1: q(0.25),
            q3: q(0.75),
            distribution: match classes {
                Some(c) if order => bins(values, c),
                _ => Vec::new(),
            },
        }
    }
}

/// One dimension of one result, as kept.
#[derive(Debug, Default, Clone)]
struct DimRec {
    score: Option<f64>,
    scale_mean: Option<f64>,
    /// (item index in [`DimInfo::items`], value `v` when answered), for
    /// every scored item the result was asked.
    items: Vec<(u32, Option<f64>)>,
}

/// What is kept of one result.
#[derive(Debug)]
struct Record {
    /// Index into the group values; 0 without `--by`.
    group: usize,
    overall: Option<f64>,
    /// With a score: the verdict id, or `None` when withheld.
    verdict: Option<String>,
    flags: Vec<u32>,
    /// Indexed like [`Summarizer::dims`]; shorter when dimensions were
    /// first seen later.
    dims: Vec<Option<DimRec>>,
}

#[derive(Debug, Default)]
struct DimInfo {
    title: String,
    /// Scored item ids seen, in first-seen order.
    items: IndexSet<String>,
}

#[derive(Debug, Default)]
struct GroupValue {
    /// The answer labels seen with this value: the label is shown only
    /// when every result agrees.
    label: Option<Option<String>>,
    /// The first file with this value, for a message.
    file: String,
}

/// Folds results in, one at a time.
#[derive(Debug)]
pub struct Summarizer {
    options: Options,
    /// The bank of the first result (key, title, fingerprint, file).
    bank: Option<(String, String, Option<String>, String)>,
    fingerprint: Option<String>,
    /// The verdict bands, highest first (id, label), from the first
    /// result that carries them.
    bands: Vec<(String, String)>,
    flags: IndexMap<String, (String, String)>,
    dims: IndexMap<String, DimInfo>,
    /// `--by` values (`None`: no answer), in first-seen order.
    values: IndexMap<Option<String>, GroupValue>,
    records: Vec<Record>,
    by_seen: bool,
    duplicates: usize,
    skipped: usize,
}

impl Summarizer {
    pub fn new(options: Options) -> Result<Self, Failure> {
        if options.min_group < MIN_GROUP_FLOOR {
            return Err(Failure::usage(format!(
                "--min-group {} is too small: groups under {MIN_GROUP_FLOOR} people could be recognised; use {MIN_GROUP_FLOOR} or more (default {DEFAULT_MIN_GROUP})",
                options.min_group
            )));
        }
        Ok(Summarizer {
            options,
            bank: None,
            fingerprint: None,
            bands: Vec::new(),
            flags: IndexMap::new(),
            dims: IndexMap::new(),
            values: IndexMap::new(),
            records: Vec::new(),
            by_seen: false,
            duplicates: 0,
            skipped: 0,
        })
    }

    /// Adds one result: the text of a JSON result read from `file`.
    pub fn add_json(&mut self, text: &str, file: &str) -> Result<(), Failure> {
        self.add(&Digest::parse(text, file)?, file)
    }

    fn add(&mut self, r: &Digest, file: &str) -> Result<(), Failure> {
        let key = bank_key(r);
        let fp = r.bank.fingerprint.clone();
        if self.bank.is_none() {
            self.bank = Some((
                key.clone(),
                r.bank.title.clone(),
                fp.clone(),
                file.to_string(),
            ));
        }
        if self.fingerprint.is_none() {
            self.fingerprint = fp.clone();
        }
        let same = match (&fp, &self.fingerprint) {
            (Some(a), Some(b)) if self.bank.as_ref().is_some_and(|b| b.2.is_some()) => a == b,
            _ => self.bank.as_ref().is_some_and(|(k, ..)| *k == key),
        };
        if let Some((_, title, _, first)) = &self.bank {
            if !same {
                return Err(Failure::in_file(
                    file,
                    None,
                    format_args!(
                        "this result comes from a different question bank (\"{}\") than {first} (\"{}\"); summarize results of one bank at a time",
                        crate::sanitize::terminal_safe(&r.bank.title),
                        crate::sanitize::terminal_safe(title),
                    ),
                ));
            }
        }
        if self.bands.is_empty() {
            self.bands = r
                .bands
                .iter()
                .map(|b| (b.verdict.clone(), b.label.clone()))
                .collect();
        }
        let group = match self.options.by.clone() {
            Some(by) => {
                let (value, label) = self.by_value(r, &by, file)?;
                let entry = self.values.entry(value);
                let index = entry.index();
                let v = entry.or_insert_with(|| GroupValue {
                    label: None,
                    file: file.to_string(),
                });
                v.label = match v.label.take() {
                    None => Some(label),
                    Some(seen) if seen == label => Some(seen),
                    Some(_) => Some(None),
                };
                index
            }
            None => 0,
        };
        let flags = r
            .flags
            .iter()
            .map(|f| {
                let e = self.flags.entry(f.id.clone());
                let i = e.index() as u32;
                e.or_insert_with(|| (f.severity.clone(), f.title.clone()));
                i
            })
            .collect();
        let mut dims = Vec::new();
        // A profile set that is asked but never scored ("About you") has
        // nothing to pool.
        let profile =
            |d: &&DimDigest| !d.questions.is_empty() && d.questions.iter().all(|q| !q.scored);
        for d in r.dimensions.iter().filter(|d| !profile(d)) {
            let entry = self.dims.entry(d.id.clone());
            let index = entry.index();
            let info = entry.or_default();
            if info.title.is_empty() {
                info.title = d.title.clone();
            }
            let items = d
                .questions
                .iter()
                .filter(|q| q.scored)
                .map(|q| {
                    let i = match info.items.get_index_of(q.id.as_str()) {
                        Some(i) => i,
                        None => info.items.insert_full(q.id.clone()).0,
                    };
                    (i as u32, item_value(q))
                })
                .collect();
            if dims.len() <= index {
                dims.resize(index + 1, None);
            }
            dims[index] = Some(DimRec {
                score: d.score,
                scale_mean: d.scale_mean,
                items,
            });
        }
        let verdict = match &r.overall.verdict {
            Some(v) if r.overall.withheld.is_none() => Some(v.clone()),
            _ => None,
        };
        self.records.push(Record {
            group,
            overall: r.overall.score,
            verdict,
            flags,
            dims,
        });
        Ok(())
    }

    /// The `--by` value of a result and its label, refusing a question
    /// whose answers are text.
    fn by_value(
        &mut self,
        r: &Digest,
        by: &str,
        file: &str,
    ) -> Result<(Option<String>, Option<String>), Failure> {
        let Some(q) = r.question(by) else {
            return Ok((None, None));
        };
        self.by_seen = true;
        if !GROUPABLE.contains(&q.kind.as_str()) {
            return Err(Failure::usage(format!(
                "--by {by}: a {} question cannot group results (in {file}); only choice, yesno and scale questions can, so that no answer text is ever shown",
                crate::sanitize::terminal_safe(&q.kind)
            )));
        }
        let value = match &q.answer {
            // An option id; anything else was typed in by hand and could be
            // anything, a name among them: it is never shown.
            serde_json::Value::String(s) if !crate::bank::is_valid_id(s) => {
                return Err(changed(file, by));
            }
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            serde_json::Value::Number(n) if n.is_i64() => Some(n.to_string()),
            serde_json::Value::Null => None,
            _ => return Err(changed(file, by)),
        };
        Ok((value, q.answer_label.clone()))
    }

    /// Counts a file dropped as a duplicate.
    pub fn duplicate(&mut self) {
        self.duplicates += 1;
    }

    /// Counts a file skipped as not a result.
    pub fn skipped(&mut self) {
        self.skipped += 1;
    }

    /// The summary, with everything that could describe fewer than
    /// `--min-group` results hidden.
    pub fn finish(self) -> Result<Summary, Failure> {
        let Some((_, bank_title, bank_fingerprint, _)) = self.bank.clone() else {
            return Err(Failure::new(
                ExitKind::NoInput,
                "no results to summarize: name JSON results saved with `mommytrack assess --format json --output FILE`, or folders that hold them",
            ));
        };
        if let Some(by) = &self.options.by {
            if !self.by_seen {
                return Err(Failure::usage(format!(
                    "--by {}: no result has this question; name a choice, yesno or scale question id (see `mommytrack questions`)",
                    crate::sanitize::terminal_safe(by)
                )));
            }
        }
        if let (Some(named), Some(b)) = (&self.options.bank_named, &self.options.bank) {
            if bank_fingerprint.as_deref() != Some(b.fingerprint.as_str()) {
                return Err(Failure::new(
                    ExitKind::InvalidData,
                    format!(
                        "the results come from another question bank (\"{}\") than {named} (\"{}\"); name the bank they were made with, or leave out --bank",
                        crate::sanitize::terminal_safe(&bank_title),
                        crate::sanitize::terminal_safe(&b.title)
                    ),
                ));
            }
        }
        // The bank, when it is the results' own.
        let bank = self
            .options
            .bank
            .as_ref()
            .filter(|b| bank_fingerprint.as_deref() == Some(b.fingerprint.as_str()));
        let min = self.options.min_group;
        let order = self.group_order(bank)?;
        let mut notes = Notes::default();

        // The groups: rows of the table of counts.
        let n_all = self.records.len();
        let all_shown = n_all >= min;
        let mut per_group = vec![0usize; self.values.len().max(1)];
        for r in &self.records {
            per_group[r.group] += 1;
        }
        let shown_groups = if self.options.by.is_some() && all_shown {
            rows_shown(
                &[n_all],
                &per_group.iter().map(|&n| vec![n]).collect::<Vec<_>>(),
                &vec![true; per_group.len()],
                min,
            )
        } else {
            vec![false; per_group.len()]
        };
        let ctx = Ctx {
            s: &self,
            min,
            bank,
            groups: if self.options.by.is_some() {
                per_group.len()
            } else {
                0
            },
            shown: &shown_groups,
        };
        let tables = ctx.tables(&mut notes);
        let stats_of = |g: Option<usize>| tables.stats(&ctx, g);

        let all = Group {
            scope: "all",
            value: None,
            label: None,
            count: all_shown.then_some(n_all),
            suppressed: !all_shown,
            stats: all_shown.then(|| stats_of(None)),
        };
        if !all_shown {
            notes = Notes::default();
            notes.add(Note::WholeSet);
        }
        let mut groups = Vec::new();
        let mut unlabelled = 0;
        if self.options.by.is_some() && all_shown {
            for &(i, ref known) in &order {
                let (value, info) = self.values.get_index(i).expect("a group value");
                let shown = shown_groups[i];
                if !shown && known.is_none() {
                    unlabelled += 1;
                    continue;
                }
                let label = match (known, value) {
                    (Some(label), _) => Some(label.clone()),
                    (None, None) => Some(NO_ANSWER.to_string()),
                    (None, Some(_)) => info.label.clone().flatten(),
                };
                groups.push(Group {
                    scope: "group",
                    value: value.clone(),
                    label,
                    count: shown.then_some(per_group[i]),
                    suppressed: !shown,
                    stats: shown.then(|| stats_of(Some(i))),
                });
            }
            for _ in 0..unlabelled {
                groups.push(Group {
                    scope: "group",
                    value: None,
                    label: None,
                    count: None,
                    suppressed: true,
                    stats: None,
                });
            }
        }
        let suppressed_groups = if self.options.by.is_some() && all_shown {
            shown_groups.iter().filter(|s| !**s).count()
        } else {
            0
        };
        if suppressed_groups > 0 {
            notes.add(Note::Groups);
        }
        if unlabelled > 0 {
            notes.add(Note::Unlabelled);
        }
        Ok(Summary {
            schema_version: SUMMARY_VERSION,
            document: "summary",
            bank: bank_title,
            bank_fingerprint,
            min_group: min,
            quantiles: QUANTILES,
            by_prompt: self
                .options
                .by
                .as_deref()
                .and_then(|by| bank?.question(by))
                .map(|q| q.prompt.clone()),
            by: self.options.by.clone(),
            duplicates: self.duplicates,
            skipped: self.skipped,
            all,
            groups,
            suppressed_groups,
            suppression: notes.sentences(min),
            alpha_rule: ALPHA_RULE,
        })
    }

    /// The group values in the order they are listed, each with its label
    /// when it is an option of the bank (`None` otherwise): the bank's
    /// order when the bank is known, else by value; no answer last.
    fn group_order(&self, bank: Option<&Bank>) -> Result<Vec<(usize, Option<String>)>, Failure> {
        let q = self.options.by.as_deref().and_then(|by| bank?.question(by));
        // (position in the bank's order, label) of a value.
        let known = |v: &str| -> Option<(usize, String)> {
            match &q?.kind {
                Kind::Choice(opts) => opts
                    .iter()
                    .position(|o| o.id == v)
                    .map(|i| (i, opts[i].label.clone())),
                Kind::YesNo(_) => match v {
                    "true" => Some((0, "Yes".into())),
                    "false" => Some((1, "No".into())),
                    _ => None,
                },
                Kind::Scale(s) => {
                    let x: i64 = v.parse().ok()?;
                    (s.min..=s.max).contains(&x).then(|| {
                        (
                            (x - s.min) as usize,
                            s.label(x)
                                .map_or_else(|| v.to_string(), |l| format!("{v} ({l})")),
                        )
                    })
                }
                _ => None,
            }
        };
        let mut out = Vec::new();
        for (i, (value, info)) in self.values.iter().enumerate() {
            let (rank, label) = match value {
                None => ((2, 0, String::new()), Some(NO_ANSWER.to_string())),
                Some(v) => match known(v) {
                    Some((pos, label)) => ((0, pos, String::new()), Some(label)),
                    None if q.is_some() => {
                        return Err(changed(
                            &info.file,
                            self.options.by.as_deref().unwrap_or(""),
                        ));
                    }
                    None => {
                        // Without the bank: numbers in numeric order,
                        // otherwise by id; yes and no are every yes/no
                        // question's options.
                        let yesno = match v.as_str() {
                            "true" => Some("Yes"),
                            "false" => Some("No"),
                            _ => None,
                        };
                        let key = match v.parse::<i64>() {
                            Ok(x) => format!("{:020}", x as i128 + (1i128 << 62)),
                            Err(_) => v.clone(),
                        };
                        ((1, 0, key), yesno.map(str::to_string))
                    }
                },
            };
            out.push((rank, i, label));
        }
        out.sort();
        Ok(out.into_iter().map(|(_, i, l)| (i, l)).collect())
    }
}

/// A `--by` answer that mommytrack never writes.
fn changed(file: &str, by: &str) -> Failure {
    Failure::in_file(
        file,
        None,
        format_args!(
            "the answer to `{by}` is not one of the question's options, so the file was changed after it was saved; save a fresh one with `mommytrack assess --format json --output FILE`"
        ),
    )
}

const ALPHA_RULE: &str = "Cronbach's alpha is computed for each part with at least three scored items, over all of its scored items, from the results that were asked and answered every one of them (a result asked fewer, in --quick or because a question's condition did not hold, takes no part); the same items for the whole set and every group. Population variances, computed in two passes, on the item values 0 to 1.";

/// The item value `v` of §3 in [0, 1] of an answered scored question.
fn item_value(q: &QDigest) -> Option<f64> {
    q.value.or(q.score.map(|s| s / 100.0))
}

/// What is said about suppression: kinds of hiding, never figures.
#[derive(Debug, Default)]
struct Notes(std::collections::BTreeSet<Note>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Note {
    WholeSet,
    Groups,
    Unlabelled,
    Cells,
    Merged,
    Order,
}

impl Notes {
    fn add(&mut self, n: Note) {
        self.0.insert(n);
    }

    fn sentences(&self, min: usize) -> Vec<String> {
        let twice = 2 * min;
        let mut out: Vec<String> = self
            .0
            .iter()
            .map(|n| match n {
                Note::WholeSet => format!("Nothing is shown: there are fewer than {min} distinct results."),
                Note::Groups => format!("Some groups are not shown: each has fewer than {min} results, or showing it would let the whole set minus the groups shown describe fewer than {min}."),
                Note::Unlabelled => "Groups not shown are named only when their value is an option of the question bank.".to_string(),
                Note::Cells => format!("Some figures are marked \"not shown\": a part, a verdict or a flag that fewer than {min} results would make up (or all but fewer than {min}), or a group's figure that the whole set minus the groups shown would give away."),
                Note::Merged => format!("Verdicts that fewer than {min} results have are counted together with others."),
                Note::Order => format!("Medians, quartiles and distributions are given only for {twice} results or more, and not for a group the whole set minus the others would give away."),
            })
            .collect();
        out.push(format!(
            "No minimum or maximum is ever shown; distribution bins are merged so that none holds fewer than {min} results."
        ));
        out
    }
}

/// Everything `finish` needs to decide the tables.
struct Ctx<'a> {
    s: &'a Summarizer,
    min: usize,
    bank: Option<&'a Bank>,
    /// How many `--by` groups (0 without `--by`).
    groups: usize,
    shown: &'a [bool],
}

/// One measure's decision: what the whole set and each group show.
#[derive(Debug, Clone)]
struct Decision {
    /// The whole set shows the measure.
    all: bool,
    /// Per group: the group shows it.
    rows: Vec<bool>,
}

/// The order statistics' decision for a measure: who shows quartiles,
/// and the bins of the whole set and of the groups.
#[derive(Debug, Clone, Default)]
struct OrderDecision {
    all: bool,
    rows: Vec<bool>,
    all_bins: Classes,
    group_bins: Classes,
}

/// One dimension's decisions.
#[derive(Debug)]
struct DimDecision {
    score: Decision,
    alpha: Decision,
    scale_mean: bool,
    order: OrderDecision,
    /// The alpha items (indices), when the dimension has three or more.
    items: Vec<usize>,
}

struct Tables {
    overall: Decision,
    overall_order: OrderDecision,
    verdict_ids: Vec<(String, String)>,
    verdict_classes: Classes,
    verdicts: Decision,
    flags: Vec<Decision>,
    dims: Vec<DimDecision>,
}

impl Ctx<'_> {
    fn records(&self, g: Option<usize>) -> impl Iterator<Item = &Record> {
        self.s
            .records
            .iter()
            .filter(move |r| g.is_none_or(|g| r.group == g))
    }

    /// Counts per category, for the whole set and each group.
    fn table(
        &self,
        cats: usize,
        of: impl Fn(&Record) -> Option<usize>,
    ) -> (Vec<usize>, Vec<Vec<usize>>) {
        let mut whole = vec![0; cats];
        let mut rows = vec![vec![0; cats]; self.groups];
        for r in &self.s.records {
            if let Some(c) = of(r) {
                whole[c] += 1;
                if self.groups > 0 {
                    rows[r.group][c] += 1;
                }
            }
        }
        (whole, rows)
    }

    /// Rules 1–3 of [`protect`] on a table, given the whole set's classes;
    /// `allowed`: rows that may be shown at all.
    fn decide(
        &self,
        whole: &[usize],
        rows: &[Vec<usize>],
        classes: &Classes,
        allowed: &[bool],
    ) -> Decision {
        // One class holding everything says nothing.
        if classes.len() < 2 {
            return Decision {
                all: false,
                rows: vec![false; rows.len()],
            };
        }
        let w = class_counts(whole, classes);
        let r: Vec<Vec<usize>> = rows.iter().map(|r| class_counts(r, classes)).collect();
        Decision {
            all: true,
            rows: rows_shown(&w, &r, allowed, self.min),
        }
    }

    /// A two-way split (has it / has not): shown for the whole set only
    /// when both sides hold none or at least `min`.
    fn binary(&self, of: impl Fn(&Record) -> bool, allowed: &[bool]) -> Decision {
        let (whole, rows) = self.table(2, |r| Some(usize::from(!of(r))));
        let classes = if whole.iter().any(|&c| protect::sensitive(c, self.min)) {
            vec![vec![0, 1]]
        } else {
            vec![vec![0], vec![1]]
        };
        self.decide(&whole, &rows, &classes, allowed)
    }

    /// Quartiles and bins of a measure whose cells `cells` decided; the
    /// values of each record from `value`.
    fn order(&self, cells: &Decision, value: impl Fn(&Record) -> Option<f64>) -> OrderDecision {
        let min = self.min;
        let twice = 2 * min;
        let all_values: Vec<f64> = self.s.records.iter().filter_map(&value).collect();
        if !cells.all || all_values.len() < twice {
            return OrderDecision {
                rows: vec![false; self.groups],
                ..OrderDecision::default()
            };
        }
        let singles: Classes = (0..BINS).map(|j| vec![j]).collect();
        let all_bins = merge_adjacent(&[raw_bins(&all_values)], singles, min);
        let mut ns = vec![0; self.groups];
        let mut group_values = vec![Vec::new(); self.groups];
        for r in &self.s.records {
            if let Some(v) = value(r) {
                if self.groups > 0 {
                    ns[r.group] += 1;
                    group_values[r.group].push(v);
                }
            }
        }
        let eligible: Vec<bool> = (0..self.groups)
            .map(|g| cells.rows[g] && ns[g] >= twice)
            .collect();
        let rows = rows_shown(
            &[all_values.len()],
            &ns.iter().map(|&n| vec![n]).collect::<Vec<_>>(),
            &eligible,
            twice,
        );
        // The groups' bins: shared by every group that shows them and by
        // what the whole set leaves of them.
        let mut constraint: Vec<Vec<usize>> = Vec::new();
        let mut remainder = raw_bins(&all_values);
        for g in (0..self.groups).filter(|&g| rows[g]) {
            let b = raw_bins(&group_values[g]);
            for (r, x) in remainder.iter_mut().zip(&b) {
                *r -= x;
            }
            constraint.push(b);
        }
        constraint.push(remainder);
        let group_bins = merge_adjacent(&constraint, all_bins.clone(), min);
        OrderDecision {
            all: true,
            rows,
            all_bins,
            group_bins,
        }
    }

    fn tables(&self, notes: &mut Notes) -> Tables {
        let min = self.min;
        let allowed: Vec<bool> = self.shown.to_vec();
        // The overall score: has one, or not.
        let overall = self.binary(|r| r.overall.is_some(), &allowed);
        let overall_order = self.order(&overall, |r| r.overall);
        // Verdicts, among the results with an overall score: the bank's
        // bands in order, then any other verdict seen, then withheld.
        let mut verdict_ids: Vec<(String, String)> = match self.bank {
            Some(b) => b
                .bands
                .iter()
                .map(|b| (b.verdict.clone(), b.label.clone()))
                .collect(),
            None => self.s.bands.clone(),
        };
        let mut others: Vec<String> = self
            .s
            .records
            .iter()
            .filter_map(|r| r.verdict.clone())
            .filter(|v| !verdict_ids.iter().any(|(id, _)| id == v))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        verdict_ids.extend(others.drain(..).map(|v| (v.clone(), v)));
        verdict_ids.push(("withheld".into(), crate::result::WITHHELD_LABEL.into()));
        let withheld = verdict_ids.len() - 1;
        let index: HashMap<&str, usize> = verdict_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        let (whole, rows) = self.table(verdict_ids.len(), |r| {
            r.overall?;
            Some(r.verdict.as_deref().map_or(withheld, |v| index[v]))
        });
        let mut verdict_classes = merge_free(&whole, min);
        if verdict_classes.iter().any(|c| c.len() > 1) {
            notes.add(Note::Merged);
        }
        // One merged class holding every result says nothing.
        let counts = class_counts(&whole, &verdict_classes);
        let held: Vec<&Vec<usize>> = verdict_classes
            .iter()
            .zip(&counts)
            .filter(|(_, n)| **n > 0)
            .map(|(c, _)| c)
            .collect();
        if !overall.all || (held.len() == 1 && held[0].len() > 1) {
            verdict_classes = vec![(0..verdict_ids.len()).collect()];
        }
        let verdicts = if overall.all {
            self.decide(&whole, &rows, &verdict_classes, &overall.rows)
        } else {
            Decision {
                all: false,
                rows: vec![false; self.groups],
            }
        };
        // Each flag: raised, or not.
        let flags: Vec<Decision> = (0..self.s.flags.len() as u32)
            .map(|f| self.binary(|r| r.flags.contains(&f), &allowed))
            .collect();
        // Each dimension.
        let dims = (0..self.s.dims.len())
            .map(|d| self.dimension(d, &allowed))
            .collect::<Vec<_>>();
        let hidden_any =
            |d: &Decision| !d.all || d.rows.iter().zip(self.shown).any(|(r, s)| *s && !r);
        if hidden_any(&overall)
            || hidden_any(&verdicts)
            || flags.iter().any(hidden_any)
            || dims
                .iter()
                .any(|d| hidden_any(&d.score) || (!d.items.is_empty() && hidden_any(&d.alpha)))
        {
            notes.add(Note::Cells);
        }
        let order_hidden = |o: &OrderDecision, d: &Decision| {
            (d.all && !o.all) || o.rows.iter().zip(&d.rows).any(|(o, d)| *d && !o)
        };
        if order_hidden(&overall_order, &overall)
            || dims.iter().any(|d| order_hidden(&d.order, &d.score))
        {
            notes.add(Note::Order);
        }
        Tables {
            overall,
            overall_order,
            verdict_ids,
            verdict_classes,
            verdicts,
            flags,
            dims,
        }
    }

    /// A dimension's table: every alpha item answered, some, or no score
    /// (or, with fewer than three items, a score or not).
    fn dimension(&self, d: usize, allowed: &[bool]) -> DimDecision {
        let info = &self.s.dims[d];
        let items: Vec<usize> = match self.bank.and_then(|b| {
            b.sets
                .iter()
                .find(|s| Some(&s.id) == self.s.dims.get_index(d).map(|(id, _)| id))
        }) {
            Some(set) => self
                .bank
                .map(|b| {
                    b.set_questions(set)
                        .iter()
                        .filter(|q| q.is_scored())
                        .filter_map(|q| info.items.get_index_of(q.id.as_str()))
                        .collect()
                })
                .unwrap_or_default(),
            None => (0..info.items.len()).collect(),
        };
        let bank_items = self
            .bank
            .and_then(|b| {
                b.sets
                    .iter()
                    .find(|s| Some(&s.id) == self.s.dims.get_index(d).map(|(id, _)| id))
            })
            .map(|set| {
                self.bank.map_or(0, |b| {
                    b.set_questions(set)
                        .iter()
                        .filter(|q| q.is_scored())
                        .count()
                })
            });
        // Every item of the bank must have been seen for alpha to be over
        // all of them.
        let items = if bank_items.is_some_and(|k| k != items.len()) || items.len() < 3 {
            Vec::new()
        } else {
            items
        };
        let cat = |r: &Record| -> usize {
            match r.dims.get(d).and_then(Option::as_ref) {
                Some(rec) if rec.score.is_some() => {
                    if !items.is_empty() && complete(rec, &items) {
                        0
                    } else {
                        1
                    }
                }
                _ => 2,
            }
        };
        let (whole, rows) = self.table(3, |r| Some(cat(r)));
        let s = |c: usize| protect::sensitive(c, self.min);
        let has = whole[0] + whole[1];
        // The finest coding that leaves no class small: complete,
        // partial, none; or scored, none; or nothing.
        let (classes, alpha_ok) =
            if !items.is_empty() && !s(whole[0]) && !s(whole[1]) && !s(whole[2]) {
                (vec![vec![0], vec![1], vec![2]], true)
            } else if !s(has) && !s(whole[2]) {
                (vec![vec![0, 1], vec![2]], false)
            } else {
                (vec![vec![0, 1, 2]], false)
            };
        let score = self.decide(&whole, &rows, &classes, allowed);
        let alpha = if alpha_ok {
            score.clone()
        } else {
            Decision {
                all: false,
                rows: vec![false; self.groups],
            }
        };
        // The scale mean shares the score's cells when every result with
        // a score has one.
        let scale_mean = score.all
            && self
                .s
                .records
                .iter()
                .any(|r| dim(r, d).is_some_and(|x| x.scale_mean.is_some()))
            && self
                .s
                .records
                .iter()
                .all(|r| dim(r, d).is_none_or(|x| x.score.is_none() || x.scale_mean.is_some()));
        let order = self.order(&score, |r| dim(r, d).and_then(|x| x.score));
        DimDecision {
            score,
            alpha,
            scale_mean,
            order,
            items,
        }
    }
}

fn dim(r: &Record, d: usize) -> Option<&DimRec> {
    r.dims.get(d).and_then(Option::as_ref)
}

/// The result was asked and answered every one of `items`.
fn complete(rec: &DimRec, items: &[usize]) -> bool {
    items.iter().all(|&i| {
        rec.items
            .iter()
            .any(|&(j, v)| j as usize == i && v.is_some())
    })
}

impl Tables {
    /// The published statistics of the whole set (`None`) or a group.
    fn stats(&self, ctx: &Ctx, g: Option<usize>) -> GroupStats {
        let shows = |d: &Decision| match g {
            None => d.all,
            Some(g) => d.all && d.rows[g],
        };
        let order_shows = |o: &OrderDecision| match g {
            None => o.all,
            Some(g) => o.all && o.rows[g],
        };
        let bins_of = |o: &OrderDecision| match g {
            None => o.all_bins.clone(),
            Some(_) => o.group_bins.clone(),
        };
        let records: Vec<&Record> = ctx.records(g).collect();
        let overall = if shows(&self.overall) {
            let v: Vec<f64> = records.iter().filter_map(|r| r.overall).collect();
            Stats::of(
                &v,
                order_shows(&self.overall_order),
                Some(&bins_of(&self.overall_order)),
            )
        } else {
            Stats::hidden()
        };
        let verdicts_hidden = !shows(&self.verdicts);
        let verdicts = if verdicts_hidden {
            Vec::new()
        } else {
            let withheld = self.verdict_ids.len() - 1;
            let mut counts = vec![0; self.verdict_ids.len()];
            for r in records.iter().filter(|r| r.overall.is_some()) {
                let i = match &r.verdict {
                    Some(v) => self
                        .verdict_ids
                        .iter()
                        .position(|(id, _)| id == v)
                        .unwrap_or(withheld),
                    None => withheld,
                };
                counts[i] += 1;
            }
            self.verdict_classes
                .iter()
                .zip(class_counts(&counts, &self.verdict_classes))
                .filter(|(c, n)| *n > 0 || c.iter().all(|&j| j != withheld))
                .map(|(c, count)| VerdictCount {
                    ids: c.iter().map(|&j| self.verdict_ids[j].0.clone()).collect(),
                    label: c
                        .iter()
                        .map(|&j| self.verdict_ids[j].1.as_str())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    count,
                })
                .collect()
        };
        let flags = ctx
            .s
            .flags
            .iter()
            .zip(&self.flags)
            .enumerate()
            .map(|(f, ((id, (severity, title)), d))| {
                let shown = shows(d);
                FlagCount {
                    id: id.clone(),
                    severity: severity.clone(),
                    title: title.clone(),
                    count: shown.then(|| {
                        records
                            .iter()
                            .filter(|r| r.flags.contains(&(f as u32)))
                            .count()
                    }),
                    hidden: !shown,
                }
            })
            .collect();
        let dimensions = ctx
            .s
            .dims
            .iter()
            .zip(&self.dims)
            .enumerate()
            .map(|(d, ((id, info), dd))| {
                let shown = shows(&dd.score);
                let scores: Vec<f64> = records.iter().filter_map(|r| dim(r, d)?.score).collect();
                let score = if shown {
                    Stats::of(&scores, order_shows(&dd.order), Some(&bins_of(&dd.order)))
                } else {
                    Stats::hidden()
                };
                let scale_mean = dd.scale_mean.then(|| {
                    if shown {
                        let v: Vec<f64> = records
                            .iter()
                            .filter_map(|r| dim(r, d).filter(|x| x.score.is_some())?.scale_mean)
                            .collect();
                        Stats::of(&v, order_shows(&dd.order), None)
                    } else {
                        Stats::hidden()
                    }
                });
                let alpha = (!dd.items.is_empty()).then(|| {
                    let ids = dd.items.iter().map(|&i| info.items[i].clone()).collect();
                    if shows(&dd.alpha) {
                        let rows: Vec<Vec<f64>> = records
                            .iter()
                            .filter_map(|r| {
                                let rec = dim(r, d).filter(|x| x.score.is_some())?;
                                dd.items
                                    .iter()
                                    .map(|&i| {
                                        rec.items
                                            .iter()
                                            .find(|&&(j, _)| j as usize == i)
                                            .and_then(|&(_, v)| v)
                                    })
                                    .collect::<Option<Vec<f64>>>()
                            })
                            .collect();
                        Alpha {
                            value: cronbach_alpha(&rows),
                            items: ids,
                            n: Some(rows.len()),
                            hidden: false,
                        }
                    } else {
                        Alpha {
                            value: None,
                            items: ids,
                            n: None,
                            hidden: true,
                        }
                    }
                });
                DimensionSummary {
                    id: id.clone(),
                    title: info.title.clone(),
                    score,
                    scale_mean,
                    alpha,
                }
            })
            .collect();
        GroupStats {
            overall,
            verdicts,
            verdicts_hidden,
            flags,
            dimensions,
        }
    }
}

/// What two results of one bank share when one of them has no
/// fingerprint (version 1): the title and the dimension ids.
fn bank_key(r: &Digest) -> String {
    let dims: Vec<&str> = r.dimensions.iter().map(|d| d.id.as_str()).collect();
    format!("{}\u{0}{}", r.bank.title, dims.join(","))
}

/// One file to read: where it was named, and whether it was found in a
/// folder (then a file that is not a result is skipped, not refused).
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub in_folder: bool,
}

/// A file's identity: the same file, however it is reached, has one.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata, _: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata, path: &Path) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .hash(&mut h);
    (0, h.finish())
}

/// The result files named: files as they are, folders for their `*.json`
/// files (in name order, not descending further). Each file once, by
/// identity; returns the files and how many were dropped as the same file.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<Input>, usize), Failure> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut same = 0;
    let mut push = |path: PathBuf, in_folder: bool, out: &mut Vec<Input>| -> Result<(), Failure> {
        let meta = std::fs::metadata(&path).map_err(|e| Failure::no_input(&path, &e))?;
        if seen.insert(identity(&meta, &path)) {
            out.push(Input { path, in_folder });
        } else {
            same += 1;
        }
        Ok(())
    };
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| Failure::no_input(p, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|e| e == "json") && f.is_file())
                .collect();
            found.sort();
            for f in found {
                push(f, true, &mut out)?;
            }
        } else {
            push(p.clone(), false, &mut out)?;
        }
    }
    Ok((out, same))
}

/// A 64-bit hash of a file's bytes (FNV-1a): byte-identical results have
/// the same; a match is confirmed byte for byte before a file is dropped.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A summary of the results named, and the warnings to print (files
/// skipped as not results).
pub struct Outcome {
    pub summary: Summary,
    pub warnings: Vec<String>,
}

/// What reading one file gave.
enum Read {
    Result(Digest, u64),
    NotAResult(String),
}

/// Reads every result named (folders expanded), each once, one at a time,
/// and summarises them.
pub fn summarize(paths: &[PathBuf], options: Options) -> anyhow::Result<Outcome> {
    let mut s = Summarizer::new(options)?;
    let (files, same) = expand(paths)?;
    s.duplicates += same;
    let mut warnings = Vec::new();
    let mut by_content: HashMap<u64, Vec<PathBuf>> = HashMap::new();
    // Two readers a core: reading a file waits on the disk as often as it
    // parses, and a busy machine shares its cores by thread.
    let workers = std::thread::available_parallelism().map_or(2, |n| (2 * n.get()).min(8));
    // Batches are read and parsed on every core, then folded in file
    // order, so the output does not depend on the threads and at most one
    // batch of digests is held at a time.
    for batch in files.chunks(BATCH) {
        let per = batch.len().div_ceil(workers);
        let digests: Vec<Result<Read, Failure>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(per)
                .map(|part| scope.spawn(move || part.iter().map(read).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![Err(Failure::new(
                            ExitKind::InvalidData,
                            "a result could not be read (internal error)",
                        ))]
                    })
                })
                .collect()
        });
        for (input, digest) in batch.iter().zip(digests) {
            let name = crate::sanitize::terminal_safe(&input.path.display().to_string());
            match digest? {
                Read::NotAResult(what) => {
                    warnings.push(format!("{name}: skipped: {what}, not a mommytrack result"));
                    s.skipped += 1;
                }
                Read::Result(d, hash) => {
                    let twins = by_content.entry(hash).or_default();
                    let mut duplicate = false;
                    if !twins.is_empty() {
                        let mine = std::fs::read(&input.path)
                            .map_err(|e| Failure::no_input(&input.path, &e))?;
                        for t in twins.iter() {
                            if std::fs::read(t).is_ok_and(|theirs| theirs == mine) {
                                duplicate = true;
                                break;
                            }
                        }
                    }
                    if duplicate {
                        s.duplicates += 1;
                        continue;
                    }
                    twins.push(input.path.clone());
                    s.add(&d, &name)?;
                }
            }
        }
    }
    Ok(Outcome {
        summary: s.finish()?,
        warnings,
    })
}

/// Results read and parsed at a time (in parallel), before they are folded in.
const BATCH: usize = 256;

fn read(input: &Input) -> Result<Read, Failure> {
    let name = crate::sanitize::terminal_safe(&input.path.display().to_string());
    let text = match crate::input::read_text(&input.path) {
        Ok(t) => t,
        Err(e) if input.in_folder && e.kind == ExitKind::InvalidData => {
            return Ok(Read::NotAResult("not a text file this size".into()));
        }
        Err(e) => return Err(e),
    };
    match Digest::parse(&text, &name) {
        Ok(d) => Ok(Read::Result(d, content_hash(text.as_bytes()))),
        Err(e) if input.in_folder => match digest::not_a_result(&text) {
            Some(what) => Ok(Read::NotAResult(what)),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.75), Some(3.25));
        assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn alpha_of_a_textbook_case() {
        // Three items, four people; by hand with population variances:
        // items var 1.25 each (Σ 3.75); totals 3, 6, 9, 12 var 11.25;
        // alpha = 3/2 · (1 − 3.75/11.25) = 1.
        let rows: Vec<Vec<f64>> = [1.0, 2.0, 3.0, 4.0]
            .iter()
            .map(|&x| vec![x, x, x])
            .collect();
        assert_eq!(cronbach_alpha(&rows), Some(1.0));
        // Uncorrelated items: alpha 0 or below.
        let rows = vec![
            vec![1.0, 0.0, 1.0],
            vec![0.0, 1.0, 1.0],
            vec![1.0, 1.0, 0.0],
            vec![0.0, 0.0, 0.0],
        ];
        assert!(cronbach_alpha(&rows).is_some_and(|x| x <= 0.0));
        // No variance in the total: undefined.
        assert_eq!(
            cronbach_alpha(&[vec![1.0, 0.0, 0.5], vec![0.0, 1.0, 0.5]]),
            None
        );
    }

    #[test]
    fn the_variance_is_stable_far_from_zero() {
        // Σx²/n − mean² loses every digit here; two passes keep them.
        let v: Vec<f64> = (0..1000).map(|i| 1e9 + f64::from(i % 2)).collect();
        assert!((variance(&v).unwrap() - 0.25).abs() < 1e-9);
    }
}
