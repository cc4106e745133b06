//! Levers (a result's `levers`): for each answered, scored question, the
//! one change of answer that would raise the overall score most, worked
//! out incrementally from an [`Evaluation`]: only the changed question's
//! dimension and the questions whose asking depends on it are re-examined.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::{Evaluation, mean, share, value};
use crate::answers::{Answer, AnswerSheet};
use crate::bank::{Bank, Facts, Kind, Question};

/// The best single change of one answered question's answer, and what it
/// would do to the overall score.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub question: usize,
    pub to: Answer,
    pub overall_from: f64,
    pub overall_to: f64,
}

impl Lever {
    pub fn gain(&self) -> f64 {
        self.overall_to - self.overall_from
    }
}

/// For each answered, scored question, the single change of answer that
/// raises the overall score most; the best `limit` of them, largest gain
/// first (ties in bank order).
///
/// Changing one answer moves its own dimension and may change which of the
/// questions that depend on it (through `when`, transitively) are asked; only
/// those are re-examined, so the cost stays near-linear in the bank's size.
pub fn levers(bank: &Bank, sheet: &AnswerSheet, eval: &Evaluation, limit: usize) -> Vec<Lever> {
    const EPSILON: f64 = 1e-9;
    let Some(overall) = eval.overall else {
        return Vec::new();
    };
    let sums = &eval.sums;
    // Σ weight·score and Σ weight over the dimensions in the overall.
    let totals = (0..bank.sets.len())
        .filter_map(|s| share(bank, s, &sums[s]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    let dependents = dependents(bank);
    let size: Vec<usize> = (bank.questions.iter())
        .map(|q| q.when.as_ref().map_or(0, |c| c.work(bank)))
        .collect();
    let mut visited = vec![false; bank.questions.len()];
    // Per question: the size of the conditions one change of its answer
    // may decide again, or `None` when it reaches more than MAX_REACH
    // questions. Dependents come later in the bank, so in reverse order a
    // question whose dependent reaches too far is known to at once: no walk
    // is repeated for every link of a long chain.
    let mut reach: Vec<Option<usize>> = vec![None; bank.questions.len()];
    for q in (0..bank.questions.len()).rev() {
        if dependents[q].iter().all(|&j| reach[j].is_some()) {
            reach[q] = transitive(&dependents, &size, q, &mut visited);
        }
    }
    // What is left of MAX_DECIDED.
    let mut budget = MAX_DECIDED;
    // (question, overall after, change): answers are made for the best
    // `limit` only, at the end.
    let mut found: Vec<(usize, f64, Change)> = Vec::new();
    // (set, Δ Σw·v, Δ Σw, Δ count) per touched set.
    let mut changed_sums: Vec<(usize, f64, f64, isize)> = Vec::new();
    let mut overlay: HashMap<usize, bool> = HashMap::new();
    let mut pending: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let (Some(v_old), Some(current)) = (eval.values[i], eval.answer(sheet, i)) else {
            continue;
        };
        let offered = |c: &crate::bank::Condition| {
            let known = |r| super::settle::Known::Is(eval.answer(sheet, r));
            super::settle::tri(c, &known) == super::settle::Tri::Yes
        };
        let Some(reach) = reach[i] else { continue };
        if !q.lever || q.lever_when.as_ref().is_some_and(|c| !offered(c)) {
            continue;
        }
        // Every change may decide again every condition it reaches: a
        // question whose changes would spend more than is left is not
        // offered (in bank order, so the same levers every run).
        let candidates = candidates(q, current);
        let Some(left) = budget.checked_sub(candidates.len() * reach) else {
            continue;
        };
        budget = left;
        let base = selected(q, current);
        // A multi answer with one option in or out is made by changing
        // this copy in place and back (conditions only ask what it
        // includes), not by copying its 200 ids for each of 201 changes.
        let mut toggled = current.clone();
        let mut best: Option<(f64, Change)> = None;
        for (v_alt, change) in candidates {
            changed_sums.clear();
            overlay.clear();
            let mut adjust = |set: usize, dwv: f64, dw: f64, dn: isize| match changed_sums
                .iter_mut()
                .find(|(s, _, _, _)| *s == set)
            {
                Some(entry) => {
                    entry.1 += dwv;
                    entry.2 += dw;
                    entry.3 += dn;
                }
                None => changed_sums.push((set, dwv, dw, dn)),
            };
            adjust(q.set, -q.weight * v_old, -q.weight, -1);
            if let Some(v_new) = v_alt {
                adjust(q.set, q.weight * v_new, q.weight, 1);
            }
            // The answer itself only when later questions' conditions
            // may look at it: a multi question's alternatives are many.
            let made;
            let (alt, undo) = match (change, &mut toggled) {
                _ if dependents[i].is_empty() => (None, None),
                (Change::Toggle(k), Answer::Multi(sel)) => {
                    let id = &q.kind.options()[k].id;
                    let undo = match sel.iter().position(|s| s == id) {
                        Some(at) => (at, Some(sel.remove(at))),
                        None => {
                            sel.push(id.clone());
                            (sel.len() - 1, None)
                        }
                    };
                    (Some(&toggled), Some(undo))
                }
                _ => {
                    made = change.answer(q, current, &base);
                    (Some(&made), None)
                }
            };
            // Only a question whose condition names a question that changed
            // (this one, or one whose asking the change turned) is decided
            // again, once, in bank order (a condition names earlier
            // questions only): a change that turns nothing costs its direct
            // dependents alone, whatever the chain behind them.
            pending.clear();
            pending.extend(dependents[i].iter().map(|&j| Reverse(j)));
            let mut last = None;
            while let (Some(Reverse(j)), Some(alt)) = (pending.pop(), alt) {
                if last.replace(j) == Some(j) {
                    continue;
                }
                #[cfg(feature = "internals")]
                DECIDED.with(|n| n.set(n.get() + 1));
                let qj = &bank.questions[j];
                let facts = Overlay {
                    sheet,
                    base: &eval.asked,
                    overlay: &overlay,
                    changed: (i, alt),
                };
                let now =
                    eval.mode.includes(qj) && qj.when.as_ref().is_none_or(|c| c.holds(&facts));
                if now != eval.asked[j] {
                    overlay.insert(j, now);
                    pending.extend(dependents[j].iter().map(|&k| Reverse(k)));
                    // A question turned off had its value worked out already.
                    let v = if now {
                        sheet.get(j).and_then(|a| value(qj, a))
                    } else {
                        eval.values[j]
                    };
                    if let Some(v) = v {
                        let sign = if now { 1.0 } else { -1.0 };
                        adjust(
                            qj.set,
                            sign * qj.weight * v,
                            sign * qj.weight,
                            if now { 1 } else { -1 },
                        );
                    }
                }
            }
            if let (Some((at, taken)), Answer::Multi(sel)) = (undo, &mut toggled) {
                match taken {
                    Some(id) => sel.insert(at, id),
                    None => drop(sel.pop()),
                }
            }
            // Only the touched dimensions change: take their old share of
            // the overall out and their new one in, so a bank's size (and
            // its number of sets) does not multiply the cost.
            let (mut total_ws, mut total_w) = totals;
            for &(set, dwv, dw, dn) in &changed_sums {
                if let Some((ws, w)) = share(bank, set, &sums[set]) {
                    total_ws -= ws;
                    total_w -= w;
                }
                if let Some((ws, w)) = share(bank, set, &sums[set].with(dwv, dw, dn)) {
                    total_ws += ws;
                    total_w += w;
                }
            }
            let Some(new_overall) = mean(total_ws, total_w) else {
                continue;
            };
            if new_overall > overall + EPSILON
                && best
                    .as_ref()
                    .is_none_or(|(b, _)| new_overall > *b + EPSILON)
            {
                best = Some((new_overall, change));
            }
        }
        if let Some((to_overall, change)) = best {
            found.push((i, to_overall, change));
        }
    }
    // Stable: equal gains keep bank order.
    found.sort_by(|a, b| (b.1 - overall).total_cmp(&(a.1 - overall)));
    found.truncate(limit);
    found
        .into_iter()
        .filter_map(|(i, overall_to, change)| {
            let current = eval.answer(sheet, i)?;
            let q = &bank.questions[i];
            Some(Lever {
                question: i,
                to: change.answer(q, current, &selected(q, current)),
                overall_from: overall,
                overall_to,
            })
        })
        .collect()
}

/// Facts with one answer changed and some questions' asked status overlaid.
struct Overlay<'a> {
    sheet: &'a AnswerSheet,
    base: &'a [bool],
    overlay: &'a HashMap<usize, bool>,
    changed: (usize, &'a Answer),
}

impl Facts for Overlay<'_> {
    fn answer(&self, q: usize) -> Option<&Answer> {
        if q == self.changed.0 {
            return Some(self.changed.1);
        }
        let asked = (self.overlay.get(&q).copied()).unwrap_or(self.base.get(q) == Some(&true));
        asked.then(|| self.sheet.get(q)).flatten()
    }
}

/// Per question: the questions whose `when` names it (later ones: a
/// `when` names earlier questions only), each once, in bank order.
pub(crate) fn dependents(bank: &Bank) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); bank.questions.len()];
    let mut names = Vec::new();
    for (j, q) in bank.questions.iter().enumerate() {
        if let Some(c) = &q.when {
            names.clear();
            c.referenced_questions(&mut names);
            names.sort_unstable();
            names.dedup();
            for &i in &names {
                out[i].push(j);
            }
        }
    }
    out
}

/// The total `size` of every question that depends on `q`, directly or
/// through others, each once; `None` when more than [`MAX_REACH`]
/// questions do. `visited` is all false on entry and is left so.
fn transitive(
    dependents: &[Vec<usize>],
    size: &[usize],
    q: usize,
    visited: &mut [bool],
) -> Option<usize> {
    let mut seen = Vec::new();
    let mut stack: Vec<usize> = dependents[q].clone();
    while let Some(j) = stack.pop() {
        if !visited[j] {
            visited[j] = true;
            seen.push(j);
            if seen.len() > MAX_REACH {
                break;
            }
            stack.extend(&dependents[j]);
        }
    }
    for &j in &seen {
        visited[j] = false;
    }
    (seen.len() <= MAX_REACH).then(|| seen.iter().map(|&j| size[j]).sum())
}

/// The most questions whose asking a lever's change may decide. A real
/// bank's conditions reach a handful; a bank whose conditions chain
/// thousands of questions deep would make every lever re-decide them all
/// (the square of the bank's size), so such an answer is not offered as a
/// lever.
pub const MAX_REACH: usize = 1000;

/// The most work (condition tests and listed values, [`crate::bank::Condition::work`]) the lever
/// search may spend deciding conditions again in one result. A real bank
/// spends a few thousand; a bank whose questions each wait on a condition
/// naming hundreds of answered questions would spend the square of its
/// size, so the answers whose changes would go past it are not offered as
/// levers.
pub const MAX_DECIDED: usize = 1_000_000;

#[cfg(feature = "internals")]
thread_local! {
    /// How many conditions [`levers`] decided again on this thread (the
    /// engine's own tests count them).
    pub static DECIDED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One change of a question's answer: another option, the other yes/no,
/// another point on the scale; for a multi question, one option added or
/// removed, or the best selection (every option that adds to the score).
/// It is made into an [`Answer`] only when needed: a multi question with
/// `n` options has `n + 1` alternatives of up to `n` ids each, and made up
/// front for every answered question of a large bank they would cost the
/// square of its options.
#[derive(Clone, Copy)]
enum Change {
    /// Another option of a choice question (its index).
    Choose(usize),
    /// One option of a multi question added or removed (its index).
    Toggle(usize),
    /// Every option of a multi question that adds to the score.
    BestSelection,
    Point(i64),
    Flip,
}

impl Change {
    /// The answer this change makes of `current`, given [`selected`] of it
    /// (worked out once for all of a question's changes).
    fn answer(self, q: &Question, current: &Answer, picked: &[bool]) -> Answer {
        let opts = q.kind.options();
        match (self, current) {
            (Change::Choose(k), _) => Answer::Choice(opts[k].id.clone()),
            (Change::Toggle(k), Answer::Multi(_)) => Answer::Multi(
                opts.iter()
                    .enumerate()
                    .filter(|&(x, _)| picked[x] != (x == k))
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            ),
            (Change::BestSelection, _) => Answer::Multi(
                opts.iter()
                    .filter(|o| o.score.unwrap_or(0.0) > 0.0)
                    .map(|o| o.id.clone())
                    .collect(),
            ),
            (Change::Point(p), _) => Answer::Scale(p),
            (Change::Flip, Answer::YesNo(b)) => Answer::YesNo(!b),
            // Changes are only made for the answer they came from.
            (_, other) => other.clone(),
        }
    }
}

/// Per option of a multi question: whether its answer `current` holds it.
fn selected(q: &Question, current: &Answer) -> Vec<bool> {
    match current {
        Answer::Multi(sel) => picked(q.kind.options(), sel),
        _ => Vec::new(),
    }
}

/// Per option of a multi question: whether `sel` holds it.
fn picked(opts: &[crate::bank::Choice], sel: &[String]) -> Vec<bool> {
    let sel: std::collections::HashSet<&str> = sel.iter().map(String::as_str).collect();
    opts.iter().map(|o| sel.contains(o.id.as_str())).collect()
}

/// The changes of a scored question's answer (the best selection only
/// when it is neither the current one nor one toggle away), each with the
/// value the question would then have, in time linear in its options.
/// (Levers never look at an unscored question.)
fn candidates(q: &Question, current: &Answer) -> Vec<(Option<f64>, Change)> {
    let score = |o: &crate::bank::Choice| o.score.unwrap_or(0.0);
    match (&q.kind, current) {
        (Kind::Choice(opts), Answer::Choice(c)) => {
            // As `value`, with the range worked out once.
            let range = q.score_range().filter(|(lo, hi)| hi > lo);
            opts.iter()
                .enumerate()
                .filter(|(_, o)| &o.id != c)
                .map(|(k, o)| {
                    let v = range.map(|(lo, hi)| ((score(o) - lo) / (hi - lo)).clamp(0.0, 1.0));
                    (v, Change::Choose(k))
                })
                .collect()
        }
        (Kind::Multi(opts), Answer::Multi(sel)) => {
            let Some((lo, hi)) = q.score_range().filter(|(lo, hi)| hi > lo) else {
                // An unscored question has no value to change.
                return Vec::new();
            };
            let picked = picked(opts, sel);
            let raw: f64 = opts
                .iter()
                .zip(&picked)
                .filter(|(_, p)| **p)
                .map(|(o, _)| score(o))
                .sum();
            let value = |raw: f64| Some(((raw - lo) / (hi - lo)).clamp(0.0, 1.0));
            let mut out: Vec<(Option<f64>, Change)> = (opts.iter().enumerate())
                .map(|(k, o)| {
                    let toggled = if picked[k] { -score(o) } else { score(o) };
                    (value(raw + toggled), Change::Toggle(k))
                })
                .collect();
            // The best selection, unless it is the current one or one
            // option away from it (then it is listed already).
            let differs = opts
                .iter()
                .zip(&picked)
                .filter(|(o, p)| (score(o) > 0.0) != **p)
                .count();
            if differs > 1 {
                let best: f64 = opts.iter().map(score).filter(|s| *s > 0.0).sum();
                out.push((value(best), Change::BestSelection));
            }
            out
        }
        (Kind::Scale(s), Answer::Scale(x)) => (s.min..=s.max)
            .filter(|p| p != x)
            .map(|p| (value(q, &Answer::Scale(p)), Change::Point(p)))
            .collect(),
        (Kind::YesNo(_), Answer::YesNo(b)) => vec![(value(q, &Answer::YesNo(!b)), Change::Flip)],
        _ => Vec::new(),
    }
}
