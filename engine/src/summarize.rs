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
//! their answers and bank (a copy counts once, however it is laid out,
//! named, or whatever its notes); the summary says how many it counted
//! once. A file found in a folder that is not a mommytrack result (a
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
//! A group not shown is never named. What is
//! shown carries the consistent noise of [`noise`], so that summaries of
//! sets that differ by one person cannot be subtracted.
//!
//! **Statistics.** Quartiles and the median use linear interpolation
//! between closest ranks (numpy's default, Python's
//! `statistics.quantiles(method="inclusive")`): the `p`-quantile of `n`
//! sorted values is at position `p·(n−1)`. Cronbach's alpha is
//! `k/(k−1)·(1 − Σvar(item)/var(total))` with population variances
//! computed in two passes (the mean first, then the squared deviations),
//! on the item values `v` in [0, 1] (see "Scoring" in
//! docs/question-banks.md). Its items are every
//! scored item of the dimension (the bank's, when it is known; otherwise
//! every one any result was asked), the same for the whole set and every
//! group, and its results are those that were asked and answered every
//! one of them (a result asked fewer, because a `when` did not hold or in
//! `--quick`, takes no part). It is given for dimensions with at least
//! three scored items, and left out when the total has no variance.

mod digest;
mod noise;
pub mod protect;
mod read;
mod stats;
mod tables;

pub use read::{Input, Outcome, expand, summarize};

use crate::scoring::Evaluation;
use digest::Digest;

use indexmap::{IndexMap, IndexSet};
use serde::Serialize;

use crate::bank::{Bank, Kind};
use crate::error::{ExitKind, Failure};
use protect::rows_shown;
use tables::Ctx;

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
pub const QUANTILES: &str = "linear interpolation between closest ranks (numpy default), taken up to 2 ranks off their place";

/// The kinds of question `--by` accepts: their values are never free text.
const GROUPABLE: &[&str] = &["choice", "yesno", "scale"];

/// Options of `summarize`.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_group: usize,
    pub by: Option<String>,
    /// The bank the results were made with (`--bank`, or the built-in
    /// one): every result is worked out again from its answers with it,
    /// and the `--by` question's options, labels and order come from it.
    pub bank: Bank,
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
    pub min_group: usize,
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    pub verdicts_hidden: bool,
    pub flags: Vec<FlagCount>,
    pub dimensions: Vec<DimensionSummary>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VerdictCount {
    /// One verdict id, or several counted together (`withheld` for a
    /// withheld verdict).
    pub ids: Vec<String>,
    /// In words: the band's label, or the labels joined with "or".
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FlagCount {
    pub id: String,
    pub severity: String,
    pub title: String,
    /// Absent when hidden.
    pub count: Option<usize>,
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
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Alpha {
    /// Cronbach's alpha, with noise of up to ±1/n, two decimals; absent
    /// when hidden or undefined (no variance).
    pub value: Option<f64>,
    /// The scored items it is computed over, in bank order.
    pub items: Vec<String>,
    /// Results that were asked and answered every one of them; absent
    /// when hidden.
    pub n: Option<usize>,
    pub hidden: bool,
}

/// One dimension of one result, as kept.
#[derive(Debug, Default, Clone)]
struct DimRec {
    score: Option<f64>,
    /// (item index in [`DimInfo::items`], value `v` when answered), for
    /// every scored item the result was asked.
    items: Vec<(u32, Option<f64>)>,
}

/// What is kept of one result.
#[derive(Debug)]
struct Record {
    /// Its record key ([`noise`]): the same result, the same key.
    key: u64,
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
    /// The part's scored items, in bank order.
    items: IndexSet<String>,
    /// Their indices (bank order).
    order: Vec<usize>,
    /// Its index in the bank's sets.
    set: usize,
}

#[derive(Debug, Default)]
struct GroupValue {
    /// The first file with this value, for a message.
    file: String,
}

/// Folds results in, one at a time.
#[derive(Debug)]
pub struct Summarizer {
    options: Options,
    /// The verdict bands, highest first (id, label).
    bands: Vec<(String, String)>,
    /// The bank's flags: id → (severity, title), in bank order.
    flags: IndexMap<String, (String, String)>,
    /// The bank's scored parts, in bank order.
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
        let bank = &options.bank;
        let dims = (bank.sets.iter().enumerate())
            .filter_map(|(set, s)| {
                let items: IndexSet<String> = (bank.set_questions(s).iter())
                    .filter(|q| q.is_scored())
                    .map(|q| q.id.clone())
                    .collect();
                let order = (0..items.len()).collect();
                (!items.is_empty()).then(|| {
                    let title = s.title.clone();
                    (
                        s.id.clone(),
                        DimInfo {
                            title,
                            items,
                            order,
                            set,
                        },
                    )
                })
            })
            .collect();
        Ok(Summarizer {
            bands: (bank.bands.iter())
                .map(|b| (b.verdict.clone(), b.label.clone()))
                .collect(),
            flags: (bank.flags.iter())
                .map(|f| {
                    (
                        f.id.clone(),
                        (f.severity.as_str().to_string(), f.title.clone()),
                    )
                })
                .collect(),
            dims,
            values: IndexMap::new(),
            records: Vec::new(),
            by_seen: false,
            duplicates: 0,
            skipped: 0,
            options,
        })
    }

    /// Adds one result, as its answers give it, with its record key.
    fn add(&mut self, r: &Digest, eval: &Evaluation, key: u64, file: &str) -> Result<(), Failure> {
        let group = match self.options.by.clone() {
            Some(by) => {
                let value = self.by_value(r, &by, file)?;
                let entry = self.values.entry(value);
                let index = entry.index();
                entry.or_insert_with(|| GroupValue {
                    file: file.to_string(),
                });
                index
            }
            None => 0,
        };
        let bank = &self.options.bank;
        let flags = eval.flags.iter().map(|&(f, _)| f as u32).collect();
        let dims = (self.dims.values())
            .map(|info| {
                let d = &eval.dimensions[info.set];
                let set = &bank.sets[info.set];
                (d.asked > 0).then(|| DimRec {
                    score: d.score.map(crate::result::round1),
                    items: (info.items.iter().enumerate())
                        .filter_map(|(i, id)| {
                            let q = set.questions.start
                                + bank.set_questions(set).iter().position(|q| &q.id == id)?;
                            eval.asked[q].then_some((i as u32, eval.values[q]))
                        })
                        .collect(),
                })
            })
            .collect();
        self.records.push(Record {
            key,
            group,
            overall: eval.overall.map(crate::result::round1),
            verdict: eval.band.map(|b| bank.bands[b].verdict.clone()),
            flags,
            dims,
        });
        Ok(())
    }

    /// The `--by` value of a result, refusing a question whose answers
    /// are text.
    fn by_value(&mut self, r: &Digest, by: &str, file: &str) -> Result<Option<String>, Failure> {
        let Some(q) = self.options.bank.question(by) else {
            return Err(Failure::usage(format!(
                "--by {}: the bank has no such question; name a choice, yesno or scale question id (see `mommytrack questions`)",
                crate::sanitize::terminal_safe(by)
            )));
        };
        if !GROUPABLE.contains(&q.kind.name()) {
            return Err(Failure::usage(format!(
                "--by {by}: a {} question cannot group results (in {file}); only choice, yesno and scale questions can, so that no answer text is ever shown",
                q.kind.name()
            )));
        }
        let Some(answer) = r.answers.get(by) else {
            return Ok(None);
        };
        self.by_seen = true;
        Ok(match answer {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    }

    /// The summary, with everything that could describe fewer than
    /// `--min-group` results hidden.
    pub fn finish(self) -> Result<Summary, Failure> {
        if self.records.is_empty() {
            return Err(Failure::new(
                ExitKind::NoInput,
                "no results to summarize: name JSON results saved with `mommytrack assess --format json --output FILE`, or folders that hold them",
            ));
        }
        if let Some(by) = &self.options.by
            && !self.by_seen
        {
            return Err(Failure::usage(format!(
                "--by {}: no result has this question; name a choice, yesno or scale question id (see `mommytrack questions`)",
                crate::sanitize::terminal_safe(by)
            )));
        }
        let bank = Some(&self.options.bank);
        let bank_title = self.options.bank.title.clone();
        let bank_fingerprint = Some(self.options.bank.fingerprint.clone());
        let min = self.options.min_group;
        let order = self.group_order(bank)?;
        let mut notes = Notes::default();

        // The groups: rows of the table of counts.
        let n_all = self.records.len();
        let all_shown = n_all >= min;
        let mut per_group = vec![0usize; self.values.len().max(1)];
        let mut group_keys = vec![0u64; per_group.len()];
        for r in &self.records {
            per_group[r.group] += 1;
            group_keys[r.group] = group_keys[r.group].wrapping_add(r.key);
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
            count: all_shown.then(|| {
                let key = noise::cell(self.records.iter().map(|r| r.key));
                noise::count(n_all, noise::within(key, key), min)
            }),
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
                let (value, _) = self
                    .values
                    .get_index(i)
                    .expect("group_order gives positions in `self.values`");
                let shown = shown_groups[i];
                // A hidden group is never named: a rare option would say
                // someone chose it.
                if !shown {
                    unlabelled += 1;
                    continue;
                }
                let label = match (known, value) {
                    (Some(label), _) => Some(label.clone()),
                    (None, None) => Some(NO_ANSWER.to_string()),
                    (None, Some(_)) => None,
                };
                groups.push(Group {
                    scope: "group",
                    value: value.clone(),
                    label,
                    count: shown.then(|| {
                        let key = noise::within(group_keys[i], group_keys[i]);
                        noise::count(per_group[i], key, min)
                    }),
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
            duplicates: all_shown.then_some(self.duplicates),
            skipped: self.skipped,
            all,
            groups,
            suppressed_groups,
            suppression: notes.sentences(min, all_shown, self.duplicates, self.skipped),
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

    /// The sentences, then what every summary says: no minimum or
    /// maximum, the noise, the results counted once, the files skipped.
    fn sentences(&self, min: usize, shown: bool, duplicates: usize, skipped: usize) -> Vec<String> {
        let twice = 2 * min;
        let mut out: Vec<String> = self
            .0
            .iter()
            .map(|n| match n {
                Note::WholeSet => format!("Nothing is shown: there are fewer than {min} distinct results."),
                Note::Groups => format!("Some groups are not shown: each has fewer than {min} results, or showing it would let the whole set minus the groups shown describe fewer than {min}."),
                Note::Unlabelled => "Groups not shown are not named.".to_string(),
                Note::Cells => format!("Some figures are marked \"not shown\": a part, a verdict or a flag that fewer than {min} results would make up (or all but fewer than {min}), or a group's figure that the whole set minus the groups shown would give away."),
                Note::Merged => format!("Verdicts that fewer than {min} results have are counted together with others."),
                Note::Order => format!("Medians, quartiles and distributions are given only for {twice} results or more, and not for a group the whole set minus the others would give away."),
            })
            .collect();
        out.push(format!(
            "No minimum or maximum is ever shown; distribution bins are merged so that none holds fewer than {min} results."
        ));
        if shown {
            out.push(format!("Every figure carries a little noise, fixed by the results it counts (the cell-key method of statistical offices): counts move by up to 2 (never under {min}, and 0 stays 0), means by up to 25/n points before they are rounded to whole points, medians and quartiles are taken up to 2 ranks off their place, and alpha moves by up to 1/n. The same results always give the same figures; results that differ by one person give figures that differ by noise, so one summary cannot be subtracted from another to find that person. Figures may not add up exactly."));
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
        out
    }
}
