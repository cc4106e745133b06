//! The overall scores the free open questions can still reach: whether
//! some choice of which to answer (each at a given value, or skipped)
//! brings the overall past a target, found exactly by per-dimension ratio
//! optima and a dynamic programme over how many are answered.

use crate::answers::Answer;
use crate::bank::{Bank, OverallBy};
use crate::scoring::Sums;

use super::{Budget, EPS};

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
/// indices (into `values`) answered, or `None`; also `None` when the work
/// does not fit what is left of `budget` (the caller then checks it).
///
/// The overall is past the target exactly when the sum over scored
/// dimensions of each one's distance past it (weighted as the overall
/// weighs them) is: each dimension's best distance for each count of
/// answers is a ratio optimum (Dinkelbach's method, exact), and a dynamic
/// programme over the counts combines the dimensions. It keeps, per
/// dimension and total count, only how many that dimension answered; the
/// answers themselves are worked out again for the counts picked.
pub(super) fn reach(
    bank: &Bank,
    parts: &[Sums],
    items: &[(usize, f64)],
    values: &[Option<(f64, Answer)>],
    (target, goal): (f64, Goal),
    need: usize,
    budget: &Budget,
) -> Option<Vec<usize>> {
    let t = target / 100.0;
    // Sign: maximise s·(distance) where s = 1 for AtLeast, -1 for Below.
    let sign = if goal == Goal::AtLeast { 1.0 } else { -1.0 };
    // The free questions of each dimension.
    let mut mine: Vec<Vec<usize>> = vec![Vec::new(); bank.sets.len()];
    for (k, item) in items.iter().enumerate() {
        if values[k].is_some() {
            mine[item.0].push(k);
        }
    }
    // With `k` of its free questions answered: dimension `s`'s best signed
    // distance and the questions (of `mine[s]`) that give it.
    let best_of = |s: usize, k: usize| -> Option<(f64, Vec<usize>)> {
        let (set, p, mine) = (&bank.sets[s], parts[s], &mine[s]);
        if !set.in_overall() || p.n + k < set.min_answered.max(1) {
            return Some((0.0, mine[..k].to_vec()));
        }
        let wv: Vec<(f64, f64)> = mine
            .iter()
            .map(|&i| (items[i].1, values[i].as_ref().map_or(0.0, |v| v.0)))
            .collect();
        let (d, chosen) = match bank.overall {
            OverallBy::Dimensions => match best_ratio(p, &wv, k, sign, budget)? {
                Some((ratio, chosen)) => (sign * set.weight * (ratio - t), chosen),
                None => return Some((0.0, mine[..k].to_vec())),
            },
            OverallBy::Items => {
                let mut order: Vec<usize> = (0..wv.len()).collect();
                let gain = |i: usize| sign * wv[i].0 * (wv[i].1 - t);
                budget.spend(sort_cost(order.len()))?;
                order.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)));
                order.truncate(k);
                let w: f64 = p.w + order.iter().map(|&i| wv[i].0).sum::<f64>();
                if w <= 1e-9 {
                    return Some((0.0, mine[..k].to_vec()));
                }
                let d = sign * (p.wv - t * p.w) + order.iter().map(|&i| gain(i)).sum::<f64>();
                (d, order)
            }
        };
        Some((d, chosen.into_iter().map(|i| mine[i]).collect()))
    };
    // best[count]: the best total signed distance with `count` answered;
    // took: per dimension with free questions, how many of them it
    // answered for each count.
    let mut best: Vec<Option<f64>> = vec![Some(0.0)];
    let mut took: Vec<(usize, Vec<u32>)> = Vec::new();
    for (s, free) in mine.iter().enumerate() {
        let mut distances = Vec::with_capacity(free.len() + 1);
        for k in 0..=free.len() {
            distances.push(best_of(s, k)?.0);
        }
        if free.is_empty() {
            budget.spend(best.len())?;
            best.iter_mut().flatten().for_each(|d| *d += distances[0]);
            continue;
        }
        let size = best.len() + free.len();
        budget.spend(best.len() * distances.len() + size)?;
        let mut next: Vec<Option<f64>> = vec![None; size];
        let mut from = vec![0; size];
        for (c, cur) in best.iter().enumerate() {
            let Some(d0) = cur else { continue };
            for (k, d) in distances.iter().enumerate() {
                let total = d0 + d;
                let slot = &mut next[c + k];
                if slot.is_none_or(|x| total > x) {
                    *slot = Some(total);
                    from[c + k] = k as u32;
                }
            }
        }
        best = next;
        took.push((s, from));
    }
    let (mut count, _) = best
        .into_iter()
        .enumerate()
        .filter(|(c, _)| *c >= need)
        .filter_map(|(c, b)| b.map(|d| (c, d)))
        .filter(|(_, d)| match goal {
            Goal::AtLeast => *d >= -EPS,
            Goal::Below => *d > -EPS,
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    // The questions answered, dimension by dimension from the last.
    let mut picked = Vec::new();
    for (s, from) in took.iter().rev() {
        let k = from[count] as usize;
        picked.push(best_of(*s, k)?.1);
        count -= k;
    }
    Some(picked.into_iter().rev().flatten().collect())
}

/// The work of sorting `n` items, in the budget's units.
fn sort_cost(n: usize) -> usize {
    n * (usize::BITS - n.leading_zeros()) as usize + 1
}

/// With exactly `k` of the items (weight, value) added to `p`, the highest
/// (sign 1) or lowest (sign -1) score `Σw·v / Σw` as a fraction, and the
/// items that give it; `None` with no weight at all.
/// The outer `None`: the work did not fit `budget`.
fn best_ratio(
    p: Sums,
    items: &[(f64, f64)],
    k: usize,
    sign: f64,
    budget: &Budget,
) -> Option<Option<(f64, Vec<usize>)>> {
    let ratio = |chosen: &[usize]| -> Option<f64> {
        let w = p.w + chosen.iter().map(|&i| items[i].0).sum::<f64>();
        let wv = p.wv + chosen.iter().map(|&i| items[i].0 * items[i].1).sum::<f64>();
        (w > 1e-9).then(|| wv / w)
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Start from the k best values.
    budget.spend(sort_cost(order.len()))?;
    order.sort_by(|&a, &b| (sign * items[b].1).total_cmp(&(sign * items[a].1)));
    let mut chosen: Vec<usize> = order[..k].to_vec();
    let Some(mut lambda) = ratio(&chosen) else {
        return Some(None);
    };
    for _ in 0..100 {
        let gain = |i: usize| sign * items[i].0 * (items[i].1 - lambda);
        budget.spend(sort_cost(order.len()))?;
        order.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)));
        let next: Vec<usize> = order[..k].to_vec();
        let Some(r) = ratio(&next) else { break };
        if sign * r <= sign * lambda + 1e-15 {
            break;
        }
        lambda = r;
        chosen = next;
    }
    Some(Some((lambda, chosen)))
}
