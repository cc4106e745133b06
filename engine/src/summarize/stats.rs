//! The statistics of one published cell: the mean, the quantiles (linear
//! interpolation, numpy's default), the population variance in two passes,
//! Cronbach's alpha, and the bins of a distribution; published through
//! [`super::noise`].

use super::noise;
use super::protect::Classes;
use super::{BINS, Bin, Stats};

/// The quantile at `p` of sorted values, by linear interpolation.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = p * last as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Four decimals.
fn round4(x: f64) -> f64 {
    let r = (x * 1e4).round() / 1e4;
    if r == 0.0 { 0.0 } else { r }
}

/// The mean, by summing (the values are few and bounded: 0–100).
pub(super) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Population variance in two passes: the mean, then the mean squared
/// deviation from it (never the cancellation-prone Σx²/n − mean²).
pub(super) fn variance(values: &[f64]) -> Option<f64> {
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
pub(super) fn bin_of(score: f64) -> usize {
    ((score / (100.0 / BINS as f64)).floor().max(0.0) as usize).min(BINS - 1)
}

pub(super) fn raw_bins(values: &[f64]) -> Vec<usize> {
    let mut bins = vec![0; BINS];
    for &v in values {
        bins[bin_of(v)] += 1;
    }
    bins
}

/// Bins of a distribution as published: none when the merging left one
/// bin (it would say nothing); each count through [`noise::count`].
fn bins(cells: &[(f64, u64)], classes: &Classes, min: usize, group: u64) -> Vec<Bin> {
    if classes.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<Bin> = Vec::new();
    for c in classes {
        let members = cells.iter().filter(|(v, _)| c.contains(&bin_of(*v)));
        let key = noise::within(group, noise::cell(members.clone().map(|m| m.1)));
        let count = noise::count(members.count(), key, min);
        let bin = Bin {
            from: (c[0] * 100 / BINS) as u32,
            to: ((c[c.len() - 1] + 1) * 100 / BINS) as u32,
            count,
        };
        // Empty neighbours read as one empty range ("0–30: 0").
        match out.last_mut() {
            Some(last) if last.count == 0 && count == 0 => last.to = bin.to,
            _ => out.push(bin),
        }
    }
    out
}

impl Stats {
    pub(super) fn hidden() -> Self {
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

    /// The statistics of a published cell of scores 0–100, given as
    /// (score, record key): `n` and the mean always, the median and
    /// quartiles when `order` allows, the distribution in the bins
    /// `classes` when given; `what` names the measure, `group` is the
    /// key of the group (their noise).
    pub(super) fn of(
        cells: &[(f64, u64)],
        what: &str,
        order: bool,
        classes: Option<&Classes>,
        min: usize,
        group: u64,
    ) -> Self {
        let key = noise::within(group, noise::cell(cells.iter().map(|c| c.1)));
        let mut sorted: Vec<f64> = cells.iter().map(|c| c.0).collect();
        let m = noise::mean(&sorted, key, what);
        sorted.sort_by(f64::total_cmp);
        let q = |p: f64| {
            order
                .then(|| noise::quantile(&sorted, p, key, &format!("{what} {p}")))
                .flatten()
        };
        Stats {
            n: Some(noise::count(cells.len(), key, min)),
            suppressed: false,
            mean: m,
            median: q(0.5),
            q1: q(0.25),
            q3: q(0.75),
            distribution: match classes {
                Some(c) if order => bins(cells, c, min, group),
                _ => Vec::new(),
            },
        }
    }

    /// The same statistics on a scale from `lo` to `hi` (a scale mean):
    /// the published score's figures carried over, one decimal.
    pub(super) fn on_scale(&self, lo: f64, hi: f64) -> Self {
        let f = |x: Option<f64>| x.map(|s| ((lo + s / 100.0 * (hi - lo)) * 10.0).round() / 10.0);
        Stats {
            n: self.n,
            suppressed: self.suppressed,
            mean: f(self.mean),
            median: f(self.median),
            q1: f(self.q1),
            q3: f(self.q3),
            distribution: Vec::new(),
        }
    }
}

#[cfg(test)]
#[path = "../../tests/unit/summarize/stats.rs"]
mod tests;
