//! Scoring (CONTRACT §3): a pure function of a bank, an answer sheet and a
//! mode. Values keep full precision here; rounding happens only when the
//! result is written out (see `result`).

use std::collections::HashMap;

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{Bank, Bounds, Facts, Kind, Question};

/// Which questions are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Full,
    /// Only `core: true` questions.
    Quick,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Quick => "quick",
        }
    }
}

/// A dimension's score and coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    /// 0–100, `None` when no scored question was answered.
    pub score: Option<f64>,
    /// Scored questions whose `when` held (and core, in quick mode).
    pub asked: usize,
    /// Those of them answered.
    pub answered: usize,
}

/// Everything the scoring rules decide, at full precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub mode: Mode,
    /// Per question: was it asked?
    pub asked: Vec<bool>,
    /// Per question: its value in [0, 1] if asked, answered and scored.
    pub values: Vec<Option<f64>>,
    /// Per set, in bank order.
    pub dimensions: Vec<DimensionScore>,
    pub overall: Option<f64>,
    /// The verdict band after caps (index into `Bank::bands`).
    pub band: Option<usize>,
    /// The flags that lowered the verdict.
    pub capped_by: Vec<usize>,
    /// Raised flags in bank order, each with the questions that raised it.
    pub flags: Vec<(usize, Vec<usize>)>,
    /// Next steps by priority then bank order, each with its `because`.
    pub next_steps: Vec<(usize, Vec<usize>)>,
    /// Questions the sheet answers (not just skips) that were not asked:
    /// their answers are ignored.
    pub ignored: Vec<usize>,
}

impl Evaluation {
    /// The answer that counts for question `q`: only asked questions have one.
    pub fn answer<'s>(&self, sheet: &'s AnswerSheet, q: usize) -> Option<&'s Answer> {
        if self.asked.get(q).copied().unwrap_or(false) {
            sheet.get(q)
        } else {
            None
        }
    }
}

/// Applies the scoring rules.
pub fn evaluate(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Evaluation {
    let n = bank.questions.len();
    // 1. Which questions are asked: conditions name only earlier questions,
    //    so one pass in bank order settles it.
    let mut asked = vec![false; n];
    for (i, q) in bank.questions.iter().enumerate() {
        let in_mode = mode == Mode::Full || q.core;
        asked[i] = in_mode
            && q.when.as_ref().is_none_or(|c| {
                c.holds(&AskedFacts {
                    sheet,
                    asked: &asked,
                })
            });
    }
    // An explicit skip (`null`, as a template leaves every question) of a
    // question that is not asked loses nothing, so only answers count.
    let ignored = (0..n)
        .filter(|&i| !asked[i] && matches!(sheet.slot(i), Slot::Given(_)))
        .collect();

    // 2. Question values.
    let values: Vec<Option<f64>> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if asked[i] {
                sheet.get(i).and_then(|a| value(q, a))
            } else {
                None
            }
        })
        .collect();

    // 3. Dimensions and the overall score.
    let dimensions: Vec<DimensionScore> = bank
        .sets
        .iter()
        .map(|set| {
            let mut d = DimensionScore {
                score: None,
                asked: 0,
                answered: 0,
            };
            let (mut sum_wv, mut sum_w) = (0.0, 0.0);
            for i in set.questions.clone() {
                let q = &bank.questions[i];
                if !asked[i] || !q.is_scored() {
                    continue;
                }
                d.asked += 1;
                if let Some(v) = values[i] {
                    d.answered += 1;
                    sum_wv += q.weight * v;
                    sum_w += q.weight;
                }
            }
            if d.answered > 0 {
                d.score = Some(100.0 * sum_wv / sum_w).filter(|s| s.is_finite());
            }
            d
        })
        .collect();
    let overall = weighted_overall(bank, dimensions.iter().map(|d| d.score));

    // 4. Flags, in bank order, with the questions that raised them.
    let mut raised: Vec<Vec<usize>> = vec![Vec::new(); bank.flags.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        if !asked[i] {
            continue;
        }
        let selected: &[String] = match sheet.get(i) {
            Some(Answer::Choice(o)) => std::slice::from_ref(o),
            Some(Answer::Multi(os)) => os,
            _ => continue,
        };
        for o in selected {
            if let Some(f) = q.option(o).and_then(|o| o.flag) {
                if raised[f].last() != Some(&i) {
                    raised[f].push(i);
                }
            }
        }
    }

    // 5. The verdict, lowered by capping flags.
    let score_band = overall.map(|s| {
        bank.bands
            .iter()
            .position(|b| b.min <= s)
            .unwrap_or(bank.bands.len().saturating_sub(1))
    });
    let mut band = score_band;
    let mut capped_by = Vec::new();
    if let Some(b) = band.as_mut() {
        let start = *b;
        for (f, flag) in bank.flags.iter().enumerate() {
            if let (Some(cap), false) = (flag.caps_verdict, raised[f].is_empty()) {
                if cap > start {
                    capped_by.push(f);
                }
                *b = (*b).max(cap);
            }
        }
    }

    // 6. Next steps.
    let facts = FullFacts {
        bank,
        sheet,
        asked: &asked,
        values: &values,
        dimensions: &dimensions,
        overall,
        raised: &raised,
    };
    let mut next_steps: Vec<(usize, Vec<usize>)> = bank
        .advice
        .iter()
        .enumerate()
        .filter(|(_, a)| a.when.as_ref().is_none_or(|c| c.holds(&facts)))
        .map(|(i, a)| {
            let mut because = Vec::new();
            if let Some(c) = &a.when {
                c.because(&facts, &mut because);
            }
            because.sort_unstable();
            because.dedup();
            (i, because)
        })
        .collect();
    next_steps.sort_by_key(|(i, _)| bank.advice[*i].priority);

    let flags = raised
        .into_iter()
        .enumerate()
        .filter(|(_, qs)| !qs.is_empty())
        .collect();
    Evaluation {
        mode,
        asked,
        values,
        dimensions,
        overall,
        band,
        capped_by,
        flags,
        next_steps,
        ignored,
    }
}

/// The weighted mean of the dimensions that have a score.
fn weighted_overall(bank: &Bank, scores: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (set, score) in bank.sets.iter().zip(scores) {
        if let Some(s) = score {
            sum += set.weight * s;
            weights += set.weight;
        }
    }
    // Validation bounds weights and scores, so this is always finite; a
    // non-finite mean would be no score rather than a wrong verdict.
    Some(sum / weights).filter(|o| weights > 0.0 && o.is_finite())
}

/// A scored question's answer as a value in [0, 1] (CONTRACT §3.1), or
/// `None` for an informational question.
pub fn value(q: &Question, a: &Answer) -> Option<f64> {
    let (lo, hi) = q.score_range()?;
    if hi <= lo {
        return None;
    }
    let raw = match (&q.kind, a) {
        (Kind::Choice(_), Answer::Choice(o)) => q.option(o)?.score.unwrap_or(0.0),
        (Kind::Multi(_), Answer::Multi(sel)) => sel
            .iter()
            .filter_map(|o| q.option(o))
            .map(|o| o.score.unwrap_or(0.0))
            .sum(),
        (Kind::Scale(s), Answer::Scale(x)) => {
            let v = (*x as f64 - lo) / (hi - lo);
            return Some(if s.reverse { 1.0 - v } else { v }.clamp(0.0, 1.0));
        }
        (Kind::YesNo(Some((yes, no))), Answer::YesNo(b)) => {
            if *b {
                *yes
            } else {
                *no
            }
        }
        _ => return None,
    };
    Some(((raw - lo) / (hi - lo)).clamp(0.0, 1.0))
}

/// Facts while deciding which questions are asked.
struct AskedFacts<'a> {
    sheet: &'a AnswerSheet,
    asked: &'a [bool],
}

impl Facts for AskedFacts<'_> {
    fn answer(&self, q: usize) -> Option<&Answer> {
        if self.asked.get(q).copied().unwrap_or(false) {
            self.sheet.get(q)
        } else {
            None
        }
    }
}

/// Facts once everything is scored, for advice.
struct FullFacts<'a> {
    bank: &'a Bank,
    sheet: &'a AnswerSheet,
    asked: &'a [bool],
    values: &'a [Option<f64>],
    dimensions: &'a [DimensionScore],
    overall: Option<f64>,
    raised: &'a [Vec<usize>],
}

impl Facts for FullFacts<'_> {
    fn answer(&self, q: usize) -> Option<&Answer> {
        if self.asked.get(q).copied().unwrap_or(false) {
            self.sheet.get(q)
        } else {
            None
        }
    }
    fn flag_raised(&self, flag: usize) -> bool {
        self.raised.get(flag).is_some_and(|qs| !qs.is_empty())
    }
    fn flag_because(&self, flag: usize) -> Vec<usize> {
        self.raised.get(flag).cloned().unwrap_or_default()
    }
    fn dimension_score(&self, set: usize) -> Option<f64> {
        self.dimensions.get(set).and_then(|d| d.score)
    }
    fn overall_score(&self) -> Option<f64> {
        self.overall
    }
    fn questions_within(&self, set: Option<usize>, bounds: Bounds) -> Vec<usize> {
        let range = match set {
            Some(s) => self.bank.sets[s].questions.clone(),
            None => 0..self.bank.questions.len(),
        };
        range
            .filter(|&i| {
                self.values[i].is_some_and(|v| {
                    let s = 100.0 * v;
                    bounds.below.is_none_or(|b| s < b) && bounds.at_least.is_none_or(|a| s >= a)
                })
            })
            .collect()
    }
}

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
    // Per dimension: Σw·v and Σw over its answered, asked, scored questions.
    let mut sums: Vec<(f64, f64)> = vec![(0.0, 0.0); bank.sets.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        if let Some(v) = eval.values[i] {
            let s = &mut sums[q.set];
            s.0 += q.weight * v;
            s.1 += q.weight;
        }
    }
    // Σ weight·score and Σ weight over the dimensions with a score.
    let totals = bank
        .sets
        .iter()
        .zip(&eval.dimensions)
        .filter_map(|(set, d)| d.score.map(|s| (set.weight * s, set.weight)))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    let dependents = dependents(bank);
    let mut visited = vec![false; bank.questions.len()];
    let mut found: Vec<Lever> = Vec::new();
    let mut changed_sums: Vec<(usize, f64, f64)> = Vec::new();
    let mut overlay: HashMap<usize, bool> = HashMap::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let (Some(v_old), Some(current)) = (eval.values[i], eval.answer(sheet, i)) else {
            continue;
        };
        let closure = transitive(&dependents, i, &mut visited);
        let mut best: Option<(f64, Answer)> = None;
        for alt in alternatives(q, current) {
            changed_sums.clear();
            overlay.clear();
            let mut adjust = |set: usize, dwv: f64, dw: f64| match changed_sums
                .iter_mut()
                .find(|(s, _, _)| *s == set)
            {
                Some(entry) => {
                    entry.1 += dwv;
                    entry.2 += dw;
                }
                None => changed_sums.push((set, dwv, dw)),
            };
            adjust(q.set, -q.weight * v_old, -q.weight);
            if let Some(v_new) = value(q, &alt) {
                adjust(q.set, q.weight * v_new, q.weight);
            }
            for &j in &closure {
                let qj = &bank.questions[j];
                let facts = Overlay {
                    sheet,
                    base: &eval.asked,
                    overlay: &overlay,
                    changed: (i, &alt),
                };
                let in_mode = eval.mode == Mode::Full || qj.core;
                let now = in_mode && qj.when.as_ref().is_none_or(|c| c.holds(&facts));
                if now != eval.asked[j] {
                    overlay.insert(j, now);
                    if let Some(v) = sheet.get(j).and_then(|a| value(qj, a)) {
                        let sign = if now { 1.0 } else { -1.0 };
                        adjust(qj.set, sign * qj.weight * v, sign * qj.weight);
                    }
                }
            }
            // Only the touched dimensions change: take their old share of
            // the overall out and their new one in, so a bank's size (and
            // its number of sets) does not multiply the cost.
            let (mut total_ws, mut total_w) = totals;
            for &(set, dwv, dw) in &changed_sums {
                let set_w = bank.sets[set].weight;
                if let Some(old) = eval.dimensions[set].score {
                    total_ws -= set_w * old;
                    total_w -= set_w;
                }
                let (wv, w) = (sums[set].0 + dwv, sums[set].1 + dw);
                if w > EPSILON {
                    total_ws += set_w * 100.0 * wv / w;
                    total_w += set_w;
                }
            }
            let new_overall = total_ws / total_w;
            if total_w <= EPSILON || !new_overall.is_finite() {
                continue;
            }
            if new_overall > overall + EPSILON
                && best
                    .as_ref()
                    .is_none_or(|(b, _)| new_overall > *b + EPSILON)
            {
                best = Some((new_overall, alt));
            }
        }
        if let Some((to_overall, to)) = best {
            found.push(Lever {
                question: i,
                to,
                overall_from: overall,
                overall_to: to_overall,
            });
        }
    }
    // Stable: equal gains keep bank order.
    found.sort_by(|a, b| b.gain().total_cmp(&a.gain()));
    found.truncate(limit);
    found
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
        let overlaid = if self.overlay.is_empty() {
            None
        } else {
            self.overlay.get(&q)
        };
        let asked = match overlaid {
            Some(&a) => a,
            None => self.base.get(q).copied().unwrap_or(false),
        };
        if asked { self.sheet.get(q) } else { None }
    }
}

/// Per question: the questions whose `when` names it.
fn dependents(bank: &Bank) -> Vec<Vec<usize>> {
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

/// Every question that depends on `q`, directly or through others, in bank
/// order. `visited` is all false on entry and is left so.
fn transitive(dependents: &[Vec<usize>], q: usize, visited: &mut [bool]) -> Vec<usize> {
    let mut seen = Vec::new();
    let mut stack: Vec<usize> = dependents[q].clone();
    while let Some(j) = stack.pop() {
        if !visited[j] {
            visited[j] = true;
            seen.push(j);
            stack.extend(&dependents[j]);
        }
    }
    for &j in &seen {
        visited[j] = false;
    }
    seen.sort_unstable();
    seen
}

/// The other answers a question could take in one change: another option,
/// the other yes/no, another point on the scale; for a multi question, one
/// option added or removed, or the best selection.
pub fn alternatives(q: &Question, current: &Answer) -> Vec<Answer> {
    match (&q.kind, current) {
        (Kind::Choice(opts), Answer::Choice(c)) => opts
            .iter()
            .filter(|o| &o.id != c)
            .map(|o| Answer::Choice(o.id.clone()))
            .collect(),
        (Kind::Multi(opts), Answer::Multi(sel)) => {
            // One option added or removed, or the best selection outright:
            // every option that adds to the score and none that takes away.
            let mut alts: Vec<Answer> = opts
                .iter()
                .map(|o| {
                    Answer::Multi(
                        opts.iter()
                            .filter(|x| sel.contains(&x.id) != (x.id == o.id))
                            .map(|x| x.id.clone())
                            .collect(),
                    )
                })
                .collect();
            let best = Answer::Multi(
                opts.iter()
                    .filter(|o| o.score.unwrap_or(0.0) > 0.0)
                    .map(|o| o.id.clone())
                    .collect(),
            );
            if &best != current && !alts.contains(&best) {
                alts.push(best);
            }
            alts
        }
        (Kind::Scale(s), Answer::Scale(x)) => (s.min..=s.max)
            .filter(|p| p != x)
            .map(Answer::Scale)
            .collect(),
        (Kind::YesNo(_), Answer::YesNo(b)) => vec![Answer::YesNo(!b)],
        _ => Vec::new(),
    }
}
