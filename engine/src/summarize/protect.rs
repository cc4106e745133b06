//! Disclosure control for group summaries (docs/summaries.md, "How it
//! decides what to hide"): which figures
//! of which group may be published, so that nothing published describes,
//! alone or combined with other figures of the same summary, fewer than
//! `--min-group` distinct results.
//!
//! Every published figure is a count of results, or a statistic over a
//! counted set of results. The counts come in **tables**: for one split
//! of results into categories (a verdict; a flag raised or not; a part
//! with every item answered, some answered, or no score; a score bin),
//! a row per group and the whole set as the sum of the rows. Three rules
//! decide what is shown:
//!
//! 1. **Classes.** The whole set's categories are merged into classes so
//!    that every class holds no result or at least `min` ([`merge_free`]
//!    for categories without order, such as verdicts; [`merge_adjacent`]
//!    for score bins; the caller picks among nested codings for parts).
//!    Every group is counted in the same classes. A class that would hold
//!    everyone says nothing, and is not shown.
//! 2. **Rows.** A group's row in a table is shown whole or not at all: it
//!    is shown only when each of its classes holds no result or at least
//!    `min` ([`rows_shown`]).
//! 3. **Margins.** The whole set minus the shown rows (what the hidden
//!    groups hold together) must, in every class, hold no result or at
//!    least `min`; while it does not, the smallest shown row with a result
//!    in that class is hidden too. Hiding every row always satisfies this
//!    (the whole set's classes obey rule 1), so the loop ends.
//!
//! The whole set's figures depend only on the whole set (never on
//! `--by`): two summaries of the same results with different `--by` show
//! the same whole-set figures, and a whole-set figure hidden in one is
//! hidden in the other. Only groups' figures are hidden to protect a
//! margin.
//!
//! Because rows are all-or-nothing and the margin is checked per class,
//! the hidden rows can only be recovered together, as the remainder, and
//! every class of the remainder holds none or at least `min` results; a
//! single hidden row is recoverable only when it alone makes up the
//! remainder, and then each of its classes holds none or at least `min`.

/// A count that would describe too few results: at least one, fewer than
/// `min`.
pub fn sensitive(count: usize, min: usize) -> bool {
    count > 0 && count < min
}

/// Classes of categories: each a list of category indices, in order of
/// their first category.
pub type Classes = Vec<Vec<usize>>;

/// The counts of `counts` (one per category) summed per class.
pub fn class_counts(counts: &[usize], classes: &Classes) -> Vec<usize> {
    classes
        .iter()
        .map(|c| c.iter().map(|&j| counts.get(j).copied().unwrap_or(0)).sum())
        .collect()
}

/// Merges categories without an order (verdicts): every category holding
/// 1 to `min − 1` results goes into one shared class; while that class
/// holds fewer than `min`, the smallest other category with results joins
/// it (ties: the later one). Categories holding none or at least `min`
/// stay alone.
pub fn merge_free(whole: &[usize], min: usize) -> Classes {
    let mut merged: Vec<usize> = (0..whole.len())
        .filter(|&j| sensitive(whole[j], min))
        .collect();
    let mut total: usize = merged.iter().map(|&j| whole[j]).sum();
    while sensitive(total, min) {
        let next = (0..whole.len())
            .filter(|j| !merged.contains(j) && whole[*j] > 0)
            .min_by_key(|&j| (whole[j], std::cmp::Reverse(j)));
        match next {
            Some(j) => {
                merged.push(j);
                total += whole[j];
            }
            None => break,
        }
    }
    merged.sort_unstable();
    let mut classes: Classes = (0..whole.len())
        .filter(|j| !merged.contains(j))
        .map(|j| vec![j])
        .collect();
    if !merged.is_empty() {
        classes.push(merged);
        classes.sort_by_key(|c| c[0]);
    }
    classes
}

/// Merges ordered categories (score bins) into runs of neighbours, so that
/// in every row of `rows` (counts per category) every run holds none or
/// at least `min` results. Starts from `start` (runs of neighbours); a run
/// that breaks the rule in some row is merged with the neighbour holding
/// fewer results over all rows (ties: the left one).
pub fn merge_adjacent(rows: &[Vec<usize>], start: Classes, min: usize) -> Classes {
    let mut classes = start;
    loop {
        let totals: Vec<usize> = {
            let mut t = vec![0; classes.len()];
            for r in rows {
                for (k, c) in class_counts(r, &classes).into_iter().enumerate() {
                    t[k] += c;
                }
            }
            t
        };
        let bad = (0..classes.len()).find(|&k| {
            rows.iter()
                .any(|r| sensitive(class_counts(r, &classes)[k], min))
        });
        let Some(k) = bad else { break };
        if classes.len() < 2 {
            break;
        }
        let with = match (k.checked_sub(1), (k + 1 < classes.len()).then_some(k + 1)) {
            (Some(l), Some(r)) => {
                if totals[r] < totals[l] {
                    r
                } else {
                    l
                }
            }
            (Some(l), None) => l,
            (None, Some(r)) => r,
            (None, None) => break,
        };
        let (a, b) = (k.min(with), k.max(with));
        let tail = classes.remove(b);
        classes[a].extend(tail);
    }
    classes
}

/// Which rows of a table may be shown (rules 2 and 3 of the module
/// doc). `whole`: the whole set's count per class; `rows`: each group's
/// count per class; `allowed`: rows that may be shown at all (a group not
/// shown, a row hidden by another table).
pub fn rows_shown(whole: &[usize], rows: &[Vec<usize>], allowed: &[bool], min: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = rows
        .iter()
        .zip(allowed)
        .map(|(r, &ok)| ok && !r.iter().any(|&c| sensitive(c, min)))
        .collect();
    loop {
        let remainder: Vec<usize> = (0..whole.len())
            .map(|j| {
                let shown_sum: usize = rows
                    .iter()
                    .zip(&shown)
                    .filter(|(_, s)| **s)
                    .map(|(r, _)| r.get(j).copied().unwrap_or(0))
                    .sum();
                whole[j].saturating_sub(shown_sum)
            })
            .collect();
        let Some(j) = (0..whole.len()).find(|&j| sensitive(remainder[j], min)) else {
            break;
        };
        let hide = (0..rows.len())
            .filter(|&i| shown[i] && rows[i].get(j).copied().unwrap_or(0) > 0)
            .min_by_key(|&i| (rows[i].iter().sum::<usize>(), i));
        match hide {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    shown
}
