//! Group summaries (CONTRACT §6.5): many saved results in, one anonymous
//! summary out. This module owns the aggregation; the binary's
//! `export::summary` owns the five output formats.
//!
//! **Streaming.** Results are read one at a time, folded into a
//! [`Summarizer`] and dropped. What is kept grows only with the numbers
//! the statistics need: per group and dimension, the vector of scores (for
//! the median and quartiles, which need every value) and of scale means;
//! per dimension and item set, running sums for Cronbach's alpha (Σx, Σx²
//! per item, Σt and Σt² of the total: a few numbers, whatever the count);
//! and counters for verdicts and flags. Nothing of a result's text is kept.
//!
//! **Anonymity.** No answer is ever kept or shown: `--by` may only name a
//! `choice`, `yesno` or `scale` question, whose values are bank-defined
//! option ids, `true`/`false` or numbers. A group smaller than
//! `--min-group` (never below [`MIN_GROUP_FLOOR`]) is suppressed and only
//! counted; when exactly one `--by` group is suppressed, the smallest other
//! group is suppressed too, since the whole set minus the shown groups
//! would reveal it.
//!
//! **Statistics.** Quartiles and the median use linear interpolation
//! between closest ranks (numpy's default, Python's
//! `statistics.quantiles(method="inclusive")`): the `p`-quantile of `n`
//! sorted values is at position `p·(n−1)`. Cronbach's alpha is
//! `k/(k−1)·(1 − Σvar(item)/var(total))` with population variances, on
//! the item values `v` in [0, 1] of CONTRACT §3, over the results that
//! answered every scored item of the dimension; it is given for dimensions
//! with at least three scored items and left out when the total has no
//! variance or fewer than two results qualify.

mod digest;

use digest::{Digest, DimDigest, QDigest};

use std::collections::BTreeMap;
use std::path::PathBuf;

use indexmap::{IndexMap, IndexSet};
use serde::Serialize;

use crate::error::{ExitKind, Failure};

/// `--min-group` may never be set below this.
pub const MIN_GROUP_FLOOR: usize = 3;
/// The default `--min-group`.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// Bins of the distribution: 0–10, 10–20, … 90–100 (100 in the last).
pub const BINS: usize = 10;

/// The label of the group of results that did not answer the `--by` question.
pub const NO_ANSWER: &str = "(no answer)";

/// The kinds of question `--by` accepts: their values are never free text.
const GROUPABLE: &[&str] = &["choice", "yesno", "scale"];

/// Options of `summarize`.
#[derive(Debug, Clone)]
pub struct Options {
    pub min_group: usize,
    pub by: Option<String>,
}

/// The finished summary, ready for any format.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub bank: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_fingerprint: Option<String>,
    pub min_group: usize,
    pub quantiles: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The whole set.
    pub all: Group,
    /// One per value of `--by`, in value order; empty without `--by`.
    pub groups: Vec<Group>,
    /// How many groups (the whole set among them) were suppressed.
    pub suppressed_groups: usize,
}

/// One reported or suppressed group.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The `--by` value; `None` for the whole set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `None` when suppressed: not even the count is shown.
    pub count: Option<usize>,
    pub suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<GroupStats>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    pub overall: Stats,
    /// Verdict id (or `withheld`, `none`) → how many results.
    pub verdicts: IndexMap<String, usize>,
    pub flags: Vec<FlagCount>,
    pub dimensions: Vec<DimensionSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagCount {
    pub id: String,
    pub severity: String,
    pub title: String,
    pub count: usize,
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

/// Descriptive statistics of one measure. With fewer values than
/// `--min-group` (a dimension few people were asked) only `n` is given and
/// `suppressed` is true.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub n: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Counts in [`BINS`] equal bins over 0–100 (scores only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alpha {
    /// Cronbach's alpha; `None` when undefined (no variance, n < 2).
    pub value: Option<f64>,
    /// Scored items.
    pub items: usize,
    /// Results that answered every one of them.
    pub n: usize,
}

/// The quantile at `p` of sorted values, by linear interpolation.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = p * last as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

impl Stats {
    fn of(mut values: Vec<f64>, with_distribution: bool, min: usize) -> Self {
        let n = values.len();
        let suppressed = n > 0 && n < min;
        if suppressed {
            values.clear();
        }
        values.sort_by(f64::total_cmp);
        let mut distribution = Vec::new();
        if with_distribution && !suppressed {
            distribution = vec![0; BINS];
            for &v in &values {
                let bin = ((v / (100.0 / BINS as f64)).floor().max(0.0) as usize).min(BINS - 1);
                distribution[bin] += 1;
            }
        }
        let n_kept = values.len();
        Stats {
            n,
            suppressed,
            mean: (n_kept > 0).then(|| round4(values.iter().sum::<f64>() / n_kept as f64)),
            median: quantile(&values, 0.5).map(round4),
            q1: quantile(&values, 0.25).map(round4),
            q3: quantile(&values, 0.75).map(round4),
            min: values.first().copied(),
            max: values.last().copied(),
            distribution,
        }
    }
}

/// Four decimals, applied only at output.
fn round4(x: f64) -> f64 {
    let r = (x * 1e4).round() / 1e4;
    if r == 0.0 { 0.0 } else { r }
}

/// Running sums for Cronbach's alpha over one fixed list of items.
#[derive(Debug, Clone, Default)]
struct AlphaAcc {
    n: usize,
    sum: Vec<f64>,
    sum_sq: Vec<f64>,
    total: f64,
    total_sq: f64,
}

impl AlphaAcc {
    fn add(&mut self, values: &[f64]) {
        if self.sum.is_empty() {
            self.sum = vec![0.0; values.len()];
            self.sum_sq = vec![0.0; values.len()];
        }
        self.n += 1;
        let mut t = 0.0;
        for (i, v) in values.iter().enumerate() {
            self.sum[i] += v;
            self.sum_sq[i] += v * v;
            t += v;
        }
        self.total += t;
        self.total_sq += t * t;
    }

    fn alpha(&self) -> Option<f64> {
        let k = self.sum.len() as f64;
        let n = self.n as f64;
        if self.n < 2 || k < 2.0 {
            return None;
        }
        let var = |s: f64, sq: f64| (sq / n - (s / n).powi(2)).max(0.0);
        let items: f64 = self
            .sum
            .iter()
            .zip(&self.sum_sq)
            .map(|(&s, &sq)| var(s, sq))
            .sum();
        let total = var(self.total, self.total_sq);
        (total > 1e-12).then(|| round4(k / (k - 1.0) * (1.0 - items / total)))
    }
}

/// One dimension's numbers in one group.
#[derive(Debug, Default)]
struct DimAcc {
    title: String,
    scores: Vec<f64>,
    scale_means: Vec<f64>,
    /// Scored item ids seen (in first-seen order), for alpha.
    items: IndexSet<String>,
    /// Running sums of the results that answered every scored item they
    /// were asked, per list of those items (indices into `items`): at the
    /// end, the list of every scored item of the dimension counts. Only
    /// `when` conditions make the lists differ, so there are as many as
    /// the bank's conditions allow, however many results there are.
    alpha: BTreeMap<Vec<usize>, AlphaAcc>,
}

#[derive(Debug, Default)]
struct GroupAcc {
    count: usize,
    overall: Vec<f64>,
    verdicts: IndexMap<String, usize>,
    flags: IndexMap<String, FlagCount>,
    dims: IndexMap<String, DimAcc>,
}

impl GroupAcc {
    fn add(&mut self, r: &Digest) {
        self.count += 1;
        if let Some(s) = r.overall.score {
            self.overall.push(s);
        }
        let verdict = match &r.overall.verdict {
            Some(v) => v.clone(),
            None if r.overall.withheld.is_some() || r.overall.score.is_some() => {
                "withheld".to_string()
            }
            None => "none".to_string(),
        };
        *self.verdicts.entry(verdict).or_insert(0) += 1;
        for f in &r.flags {
            self.flags
                .entry(f.id.clone())
                .or_insert_with(|| FlagCount {
                    id: f.id.clone(),
                    severity: f.severity.clone(),
                    title: f.title.clone(),
                    count: 0,
                })
                .count += 1;
        }
        // A profile set that is asked but never scored ("About you") has
        // nothing to pool.
        let profile =
            |d: &&DimDigest| !d.questions.is_empty() && d.questions.iter().all(|q| !q.scored);
        for d in r.dimensions.iter().filter(|d| !profile(d)) {
            let acc = self.dims.entry(d.id.clone()).or_default();
            if acc.title.is_empty() {
                acc.title = d.title.clone();
            }
            acc.add(d);
        }
    }

    fn finish(self, min: usize) -> GroupStats {
        GroupStats {
            overall: Stats::of(self.overall, true, min),
            verdicts: self.verdicts,
            flags: {
                let mut flags: Vec<FlagCount> = self.flags.into_values().collect();
                flags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
                flags
            },
            dimensions: self
                .dims
                .into_iter()
                .map(|(id, d)| d.finish(id, min))
                .collect(),
        }
    }
}

/// The item value `v` of §3 in [0, 1] of an answered scored question.
fn item_value(q: &QDigest) -> Option<f64> {
    q.value.or(q.score.map(|s| s / 100.0))
}

/// The mean answer after reverse keying, on the scale's own range, when
/// every scored question of the dimension is a scale of one range.
fn scale_mean(d: &DimDigest) -> Option<f64> {
    d.scale_mean
}

impl DimAcc {
    fn add(&mut self, d: &DimDigest) {
        if let Some(s) = d.score {
            self.scores.push(s);
        }
        if let Some(m) = scale_mean(d) {
            self.scale_means.push(m);
        }
        let mut ids = Vec::new();
        let mut values = Vec::new();
        let mut complete = true;
        for q in d.questions.iter().filter(|q| q.scored) {
            let i = match self.items.get_index_of(q.id.as_str()) {
                Some(i) => i,
                None => self.items.insert_full(q.id.clone()).0,
            };
            match item_value(q) {
                Some(v) => {
                    ids.push(i);
                    values.push(v);
                }
                None => complete = false,
            }
        }
        if complete && values.len() >= 3 {
            self.alpha.entry(ids).or_default().add(&values);
        }
    }

    fn finish(self, id: String, min: usize) -> DimensionSummary {
        let alpha = (self.items.len() >= 3).then(|| {
            let acc = self
                .alpha
                .iter()
                .find(|(ids, _)| ids.len() == self.items.len())
                .map(|(_, acc)| acc);
            let n = acc.map_or(0, |a| a.n);
            Alpha {
                value: acc.filter(|_| n >= min).and_then(AlphaAcc::alpha),
                items: self.items.len(),
                n,
            }
        });
        DimensionSummary {
            id,
            title: self.title,
            score: Stats::of(self.scores, true, min),
            scale_mean: (!self.scale_means.is_empty())
                .then(|| Stats::of(self.scale_means, false, min)),
            alpha,
        }
    }
}

/// Folds results in, one at a time.
#[derive(Debug)]
pub struct Summarizer {
    options: Options,
    /// The bank of the first result, and the file it came from.
    bank: Option<(String, String, Option<String>, String)>,
    /// The first bank fingerprint seen.
    fingerprint: Option<String>,
    all: GroupAcc,
    groups: BTreeMap<String, GroupAcc>,
    /// The `--by` question was found in some result.
    by_seen: bool,
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
            all: GroupAcc::default(),
            groups: BTreeMap::new(),
            by_seen: false,
        })
    }

    /// Adds one result: the text of a JSON result read from `file`.
    pub fn add_json(&mut self, text: &str, file: &str) -> Result<(), Failure> {
        self.add(&Digest::parse(text, file)?, file)
    }

    fn add(&mut self, r: &Digest, file: &str) -> Result<(), Failure> {
        let key = bank_key(r);
        let fp = fingerprint(r);
        if self.bank.is_none() {
            self.bank = Some((
                key.clone(),
                r.bank.title.clone(),
                fp.clone(),
                file.to_string(),
            ));
        }
        // The first fingerprint seen is the bank's; a version 1 result has
        // none, and is matched by title and dimension ids instead.
        if self.fingerprint.is_none() {
            self.fingerprint = fp.clone();
        }
        let same = match (&fp, &self.fingerprint) {
            (Some(a), Some(b)) if self.bank.as_ref().is_some_and(|b| b.2.is_some()) => a == b,
            _ => self.bank.as_ref().is_some_and(|(k, ..)| *k == key),
        };
        match &self.bank {
            Some((_, title, _, first)) if !same => {
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
            _ => {}
        }
        if let Some(by) = self.options.by.clone() {
            let value = self.by_value(r, &by, file)?;
            self.groups.entry(value).or_default().add(r);
        }
        self.all.add(r);
        Ok(())
    }

    /// The `--by` value of a result, refusing a question whose answers are text.
    fn by_value(&mut self, r: &Digest, by: &str, file: &str) -> Result<String, Failure> {
        let Some(q) = r.question(by) else {
            return Ok(NO_ANSWER.to_string());
        };
        self.by_seen = true;
        if !GROUPABLE.contains(&q.kind.as_str()) {
            return Err(Failure::usage(format!(
                "--by {by}: a {} question cannot group results (in {file}); only choice, yesno and scale questions can, so that no answer text is ever shown",
                crate::sanitize::terminal_safe(&q.kind)
            )));
        }
        Ok(match &q.answer {
            // An option id; anything else was typed in by hand and could be
            // anything, a name among them: it is never shown.
            serde_json::Value::String(s) if !crate::bank::is_valid_id(s) => {
                return Err(Failure::in_file(
                    file,
                    None,
                    format_args!(
                        "the answer to `{by}` is not an option id, so the file was changed after it was saved; save a fresh one with `mommytrack assess --format json --output FILE`"
                    ),
                ));
            }
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => NO_ANSWER.to_string(),
        })
    }

    /// The summary, with small groups suppressed.
    pub fn finish(self) -> Result<Summary, Failure> {
        let Some((_, bank, bank_fingerprint, _)) = self.bank else {
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
        let min = self.options.min_group;
        let all_shown = self.all.count >= min;
        let mut shown: Vec<bool> = self.groups.values().map(|g| g.count >= min).collect();
        // The complementary cell: with one group hidden, the whole set
        // minus the others would give it away; hide the smallest other too.
        if all_shown && shown.iter().filter(|s| !**s).count() == 1 {
            let smallest = self
                .groups
                .values()
                .zip(&shown)
                .enumerate()
                .filter(|(_, (_, s))| **s)
                .min_by_key(|(_, (g, _))| g.count)
                .map(|(i, _)| i);
            if let Some(i) = smallest {
                shown[i] = false;
            }
        }
        let group = |value: Option<String>, acc: GroupAcc, show: bool| Group {
            value,
            count: show.then_some(acc.count),
            suppressed: !show,
            stats: show.then(|| acc.finish(min)),
        };
        let suppressed_groups = usize::from(!all_shown) + shown.iter().filter(|s| !**s).count();
        let groups = if all_shown {
            self.groups
                .into_iter()
                .zip(shown)
                .map(|((value, acc), show)| group(Some(value), acc, show))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Summary {
            bank,
            bank_fingerprint,
            min_group: min,
            quantiles: "linear interpolation between closest ranks (numpy default)",
            by: self.options.by,
            all: group(None, self.all, all_shown),
            groups,
            suppressed_groups,
        })
    }
}

/// The bank's fingerprint, where the result carries one.
fn fingerprint(r: &Digest) -> Option<String> {
    r.bank.fingerprint.clone()
}

/// What two results of one bank share when one of them has no
/// fingerprint (version 1): the title and the dimension ids.
fn bank_key(r: &Digest) -> String {
    let dims: Vec<&str> = r.dimensions.iter().map(|d| d.id.as_str()).collect();
    format!("{}\u{0}{}", r.bank.title, dims.join(","))
}

/// The result files named: files as they are, folders for their `*.json`
/// files (in name order, not descending further).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| Failure::no_input(p, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|e| e == "json") && f.is_file())
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads every result named (folders expanded), one at a time, and
/// summarises them.
pub fn summarize(paths: &[PathBuf], options: Options) -> anyhow::Result<Summary> {
    let mut s = Summarizer::new(options)?;
    let files = expand(paths)?;
    // Two readers a core: reading a file waits on the disk as often as it
    // parses, and a busy machine shares its cores by thread.
    let workers = std::thread::available_parallelism().map_or(2, |n| (2 * n.get()).min(8));
    // Batches are read and parsed on every core, then folded in file
    // order, so the output does not depend on the threads and at most one
    // batch of digests is held at a time.
    for batch in files.chunks(BATCH) {
        let per = batch.len().div_ceil(workers);
        let digests: Vec<Result<Digest, Failure>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(per)
                .map(|part| scope.spawn(move || part.iter().map(|p| read(p)).collect::<Vec<_>>()))
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
        for (path, digest) in batch.iter().zip(digests) {
            s.add(
                &digest?,
                &crate::sanitize::terminal_safe(&path.display().to_string()),
            )?;
        }
    }
    Ok(s.finish()?)
}

/// Results read and parsed at a time (in parallel), before they are folded in.
const BATCH: usize = 256;

fn read(path: &std::path::Path) -> Result<Digest, Failure> {
    let text = crate::input::read_text(path, crate::input::MAX_RESULT_BYTES)?;
    Digest::parse(
        &text,
        &crate::sanitize::terminal_safe(&path.display().to_string()),
    )
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
        // items var 1.25, 1.25, 1.25 (Σ 3.75); totals 3, 6, 9, 12 var 11.25;
        // alpha = 3/2 · (1 − 3.75/11.25) = 1.
        let mut a = AlphaAcc::default();
        for x in [1.0, 2.0, 3.0, 4.0] {
            a.add(&[x, x, x]);
        }
        assert_eq!(a.alpha(), Some(1.0));
        // Uncorrelated items: alpha 0 or below.
        let mut b = AlphaAcc::default();
        for row in [
            [1.0, 0.0, 1.0],
            [0.0, 1.0, 1.0],
            [1.0, 1.0, 0.0],
            [0.0, 0.0, 0.0],
        ] {
            b.add(&row);
        }
        assert!(b.alpha().is_some_and(|x| x <= 0.0));
        // No variance in the total: undefined.
        let mut c = AlphaAcc::default();
        c.add(&[1.0, 0.0, 0.5]);
        c.add(&[0.0, 1.0, 0.5]);
        assert_eq!(c.alpha(), None);
    }
}
