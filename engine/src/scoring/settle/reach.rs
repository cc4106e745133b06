//! The overall scores the free open questions can still reach: whether
//! some choice of which to answer (each at a given value, or skipped)
//! brings the overall past a target, found exactly by per-dimension ratio
//! optima and a dynamic programme over how many are answered.

use crate::answers::Answer;
use crate::bank::{Bank, OverallBy};
use crate::scoring::Sums;

use super::EPS;

/// Which way a score bound looks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Goal {
    /// Some answers bring the overall below the target.
    Below,
    /// Some answers bring it to the target or above.
    AtLeast,
}

/// Whether some choice of which free questions to answer (each at its
/// given value, or skipped) brings the overall score past `target` as
/// `goal` says, with at least `need` of them answered. Returns the
/// indices (into `values`) answered, or `None`.
///
/// The overall is past the target exactly when the sum over scored
/// dimensions of each one's distance past it (weighted as the overall
/// weighs them) is: each dimension's best distance for each count of
/// answers is a ratio optimum (Dinkelbach's method, exact), and a dynamic
/// programme over the counts combines the dimensions.
pub(super) fn reach(
    bank: &Bank,
    parts: &[Sums],
    items: &[(usize, f64)],
    values: &[Option<(f64, Answer)>],
    target: f64,
    goal: Goal,
    need: usize,
) -> Option<Vec<usize>> {
    let t = target / 100.0;
    // Sign: maximise s·(distance) where s = 1 for AtLeast, -1 for Below.
    let sign = if goal == Goal::AtLeast { 1.0 } else { -1.0 };
    // best[count] = (total signed distance, chosen items)
    let mut best: Vec<Option<(f64, Vec<usize>)>> = vec![Some((0.0, Vec::new()))];
    for (s, set) in bank.sets.iter().enumerate() {
        let mine: Vec<usize> = (0..items.len())
            .filter(|&k| items[k].0 == s && values[k].is_some())
            .collect();
        let p = parts[s];
        let min = set.min_answered.max(1);
        // For each count, this dimension's best signed distance and items
        // (any of them, when it has no score or no weight either way).
        let options: Vec<(f64, Vec<usize>)> = (0..=mine.len())
            .map(|k| {
                if !set.in_overall() || p.n + k < min {
                    return (0.0, mine[..k].to_vec());
                }
                let wv: Vec<(f64, f64)> = mine
                    .iter()
                    .map(|&i| (items[i].1, values[i].as_ref().map_or(0.0, |v| v.0)))
                    .collect();
                let (d, chosen) = match bank.overall {
                    OverallBy::Dimensions => {
                        let Some((ratio, chosen)) = best_ratio(p, &wv, k, sign) else {
                            return (0.0, mine[..k].to_vec());
                        };
                        (sign * set.weight * (ratio - t), chosen)
                    }
                    OverallBy::Items => {
                        let mut order: Vec<usize> = (0..wv.len()).collect();
                        let gain = |i: usize| sign * wv[i].0 * (wv[i].1 - t);
                        order.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)));
                        order.truncate(k);
                        let w: f64 = p.w + order.iter().map(|&i| wv[i].0).sum::<f64>();
                        if w <= 1e-9 {
                            return (0.0, mine[..k].to_vec());
                        }
                        let d =
                            sign * (p.wv - t * p.w) + order.iter().map(|&i| gain(i)).sum::<f64>();
                        (d, order)
                    }
                };
                (d, chosen.into_iter().map(|i| mine[i]).collect())
            })
            .collect();
        let mut next: Vec<Option<(f64, Vec<usize>)>> = vec![None; best.len() + mine.len()];
        for (c, cur) in best.iter().enumerate() {
            let Some((d0, picked)) = cur else { continue };
            for (k, (d, chosen)) in options.iter().enumerate() {
                let total = d0 + d;
                let slot = &mut next[c + k];
                if slot.as_ref().is_none_or(|(x, _)| total > *x) {
                    let mut all = picked.clone();
                    all.extend(chosen);
                    *slot = Some((total, all));
                }
            }
        }
        best = next;
    }
    best.into_iter()
        .enumerate()
        .filter(|(c, _)| *c >= need)
        .filter_map(|(_, b)| b)
        .filter(|(d, _)| match goal {
            Goal::AtLeast => *d >= -EPS,
            Goal::Below => *d > -EPS,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, picked)| picked)
}

/// With exactly `k` of the items (weight, value) added to `p`, the highest
/// (sign 1) or lowest (sign -1) score `Σw·v / Σw` as a fraction, and the
/// items that give it; `None` with no weight at all.
fn best_ratio(p: Sums, items: &[(f64, f64)], k: usize, sign: f64) -> Option<(f64, Vec<usize>)> {
    let ratio = |chosen: &[usize]| -> Option<f64> {
        let w = p.w + chosen.iter().map(|&i| items[i].0).sum::<f64>();
        let wv = p.wv + chosen.iter().map(|&i| items[i].0 * items[i].1).sum::<f64>();
        (w > 1e-9).then(|| wv / w)
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Start from the k best values.
    order.sort_by(|&a, &b| (sign * items[b].1).total_cmp(&(sign * items[a].1)));
    let mut chosen: Vec<usize> = order[..k].to_vec();
    let mut lambda = ratio(&chosen)?;
    for _ in 0..100 {
        let gain = |i: usize| sign * items[i].0 * (items[i].1 - lambda);
        order.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)));
        let next: Vec<usize> = order[..k].to_vec();
        let Some(r) = ratio(&next) else { break };
        if sign * r <= sign * lambda + 1e-15 {
            break;
        }
        lambda = r;
        chosen = next;
    }
    Some((lambda, chosen))
}
