//! The statistics of one published cell: the mean, the quantiles (linear
//! interpolation, numpy's default), the population variance in two passes,
//! Cronbach's alpha, and the bins of a distribution; published through
//! [`super::noise`].

use super::noise;
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
pub fn variance(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    Some(values.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / values.len() as f64)
}

/// Cronbach's alpha of rows (results) × items, from population variances,
/// less the variance that noise added to each value: `shared` common to
/// a row's items, `own` each item's own (known, so taken out). `None`
/// with fewer than two rows or two items, or no variance left in the
/// total.
pub fn cronbach_alpha(rows: &[&Vec<f64>], shared: f64, own: f64) -> Option<f64> {
    let k = rows.first()?.len();
    if rows.len() < 2 || k < 2 {
        return None;
    }
    let kf = k as f64;
    let items: f64 = (0..k)
        .map(|j| variance(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()).unwrap_or(0.0))
        .sum::<f64>()
        - kf * (shared + own);
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total = variance(&totals)? - kf * kf * shared - kf * own;
    (total > 1e-12).then(|| round4((kf / (kf - 1.0) * (1.0 - items / total)).min(1.0)))
}

/// The fixed bins of a distribution (0–10, … 90–100) of scores given as
/// (score, record key), each count published through [`noise::count`]
/// and given only when it and the results it holds are at least `min` (a
/// bin of none and a bin of few read alike).
pub(super) fn bins(cells: &[(f64, u64)], min: usize, group: u64, secret: [u64; 2]) -> Vec<Bin> {
    let of = |v: f64| ((v.clamp(0.0, 100.0) / (100.0 / BINS as f64)) as usize).min(BINS - 1);
    (0..BINS)
        .map(|b| {
            let members = cells.iter().filter(|(v, _)| of(*v) == b);
            let key = noise::within(group, noise::cell(members.clone().map(|m| m.1)));
            let held = members.count();
            let count = noise::count(held, key, secret);
            Bin {
                from: (b * 100 / BINS) as u32,
                to: ((b + 1) * 100 / BINS) as u32,
                count: (count.min(held) >= min).then_some(count),
            }
        })
        .collect()
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
