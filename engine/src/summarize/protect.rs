//! Which `--by` groups a summary shows (docs/summaries.md, "How it
//! decides what to hide"), decided on the published (noisy) counts, so
//! that the decision says nothing the counts do not:
//!
//! 1. A group is shown only when its published count is at least `min`
//!    (a group of fewer distinct results has a count of 0 here, whatever
//!    its noise: `super::tables`).
//! 2. What the hidden groups hold together (the whole set's published
//!    count minus the shown groups') must be none or at least `min`;
//!    while it is not, the smallest shown group is hidden too. Hiding
//!    every group always satisfies this (the whole set is shown only from
//!    `min`), so the loop ends.
//!
//! Within a shown group, each figure is hidden on its own published
//! count (`super::tables`).

/// Which groups may be shown, from the whole set's published count and
/// each group's.
pub fn rows_shown(whole: usize, rows: &[usize], min: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = rows.iter().map(|&c| c >= min).collect();
    loop {
        let held: usize = rows
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| c)
            .sum();
        let rest = whole.saturating_sub(held);
        if rest == 0 || rest >= min {
            break;
        }
        match (0..rows.len())
            .filter(|&i| shown[i])
            .min_by_key(|&i| (rows[i], i))
        {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    shown
}
