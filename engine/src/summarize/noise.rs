//! Consistent perturbation of published figures: the cell-key method of
//! statistical offices (the ABS TableBuilder's), so that summaries of
//! sets of results cannot be set against each other.
//!
//! Each distinct result has a **record key**, a hash of its answers (so
//! the same result has the same key in every run). A published figure is
//! computed over a set of results, its cell, within a group (the whole
//! set, or a `--by` group); the **cell key** is the sum of the cell's
//! members' keys (mod 2⁶⁴) mixed with the group's ([`within`]), so the
//! same results always get the same figure (running again gains nothing),
//! while two groups that differ by one person get unrelated noise in
//! every figure, also in those whose cell did not change: subtracting
//! one from the other gives noise, not that person, nor which cells
//! they are in. What is published:
//!
//! - a **count** `c` is `max(c + e, min)`, `e` one of −2 … 2 drawn by the
//!   cell key alone (whatever `--min-group`): 0 stays 0, a count never
//!   drops under `--min-group`, and two counts of the same results in a
//!   group agree;
//! - a **mean** is `(Σ + SPREAD·u) / n`, with `u` uniform in [−1, 1] from
//!   the cell key and the measure: up to ±25/n points, one person's score
//!   hidden in ±25 points of the sum; rounded to whole points;
//! - a **quantile** is taken up to [`RANKS`] ranks off its place (never
//!   at the first or last rank), rounded to whole points;
//! - **alpha** carries up to ±1/n, rounded to two decimals.

/// The noise of a sum of scores: ±25 points.
pub const SPREAD: f64 = 25.0;
/// How far a quantile moves: ±2 ranks.
pub const RANKS: f64 = 2.0;

/// A 64-bit hash of bytes: the bank fingerprint's FNV-1a, folded and
/// [`mix`]ed.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    let h = crate::bank::fnv1a128(bytes);
    mix(h as u64 ^ (h >> 64) as u64)
}

/// splitmix64's finaliser: every bit of the input moves every bit out.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key of a cell: the sum of its records' keys.
pub(super) fn cell(keys: impl IntoIterator<Item = u64>) -> u64 {
    keys.into_iter().fold(0, u64::wrapping_add)
}

/// The key of a cell of `cell`'s records within a group of `group`'s:
/// a count of everyone in the group gets the group's count.
pub(super) fn within(group: u64, cell: u64) -> u64 {
    cell ^ mix(group)
}

/// A number uniform in [−1, 1] for a cell and what is published of it.
fn unit(cell: u64, what: &str) -> f64 {
    let x = mix(cell ^ hash(what.as_bytes()));
    (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// A count as published (see the module doc).
pub(super) fn count(c: usize, cell: u64, min: usize) -> usize {
    if c == 0 {
        return 0;
    }
    (c + (mix(cell) % 5) as usize).saturating_sub(2).max(min)
}

/// A mean of scores 0–100 as published, in whole points.
pub(super) fn mean(values: &[f64], cell: u64, what: &str) -> Option<f64> {
    let n = values.len() as f64;
    (n > 0.0).then(|| {
        let noisy = (values.iter().sum::<f64>() + SPREAD * unit(cell, what)) / n;
        noisy.clamp(0.0, 100.0).round()
    })
}

/// The `p`-quantile of sorted values (linear interpolation, numpy's
/// default) taken up to [`RANKS`] ranks off its place, in whole points.
pub(super) fn quantile(sorted: &[f64], p: f64, cell: u64, what: &str) -> Option<f64> {
    let last = sorted.len().checked_sub(1)? as f64;
    let (first, end) = if last >= 2.0 {
        (1.0, last - 1.0)
    } else {
        (0.0, last)
    };
    let pos = (p * last + RANKS * unit(cell, what)).clamp(first, end);
    super::stats::quantile(sorted, if last > 0.0 { pos / last } else { 0.0 }).map(f64::round)
}

/// Cronbach's alpha of `n` results as published: ±1/n, at most 1, two
/// decimals.
pub(super) fn alpha(a: f64, n: usize, cell: u64, what: &str) -> f64 {
    let x = (a + unit(cell, what) / n.max(1) as f64).min(1.0);
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
#[path = "../../tests/unit/summarize/noise.rs"]
mod tests;
