//! Scoring (CONTRACT §3, with §6.2–6.4): a pure function of a bank, an
//! answer sheet and a mode, deciding what is asked, every score, the
//! verdict (or why it is withheld), the flags, the next steps and their
//! reasons, and the levers. Values keep full precision here; rounding
//! happens only when the result is written out (see `result`).

use std::collections::HashMap;

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{Bank, Bounds, Facts, Kind, OverallBy, Question, Reasons, Set};

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

    /// The mode a result names, if it is one.
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "full" => Some(Mode::Full),
            "quick" => Some(Mode::Quick),
            _ => None,
        }
    }

    /// Whether this mode asks `q` (before its `when` is considered).
    pub fn includes(self, q: &Question) -> bool {
        self == Mode::Full || q.core
    }
}

/// A dimension's score and coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    /// 0–100; `None` when fewer scored questions were answered than the
    /// set's `min_answered` (at least one).
    pub score: Option<f64>,
    /// Scored questions whose `when` held (and core, in quick mode).
    pub asked: usize,
    /// Those of them answered.
    pub answered: usize,
    /// For a set whose scored questions are all scales of one range: the
    /// mean answer after reverse keying, on that range (weighted by the
    /// questions' weights, so with equal weights the plain mean).
    pub scale_mean: Option<f64>,
    /// The set's own band for the score (index into `Set::bands`).
    pub band: Option<usize>,
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
    /// Scored questions asked, and those of them answered, over all sets.
    pub coverage: (usize, usize),
    /// The verdict was withheld: too few answers for the bank's
    /// `min_coverage` (the score stands, as provisional).
    pub withheld: bool,
    /// The verdict band after caps (index into `Bank::bands`); `None` with
    /// no score or a withheld verdict.
    pub band: Option<usize>,
    /// The flags that lowered the verdict.
    pub capped_by: Vec<usize>,
    /// Raised flags in bank order, each with what raised it.
    pub flags: Vec<(usize, Reasons)>,
    /// Next steps in rank order (by priority, then bank order; one per
    /// group; at most the bank's `max_next_steps`), each with its reasons.
    pub next_steps: Vec<(usize, Reasons)>,
    /// Questions the sheet answers (not just skips) that were not asked:
    /// their answers are ignored.
    pub ignored: Vec<usize>,
}

impl Evaluation {
    /// The answer that counts for question `q`: only asked questions have one.
    pub fn answer<'s>(&self, sheet: &'s AnswerSheet, q: usize) -> Option<&'s Answer> {
        counted(sheet, &self.asked, q)
    }
}

/// An answer counts only if its question was asked.
fn counted<'s>(sheet: &'s AnswerSheet, asked: &[bool], q: usize) -> Option<&'s Answer> {
    if asked.get(q).copied().unwrap_or(false) {
        sheet.get(q)
    } else {
        None
    }
}

/// Applies the scoring rules.
pub fn evaluate(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Evaluation {
    let n = bank.questions.len();
    // 1. Which questions are asked: conditions name only earlier questions,
    //    so one pass in bank order settles it.
    let mut asked = vec![false; n];
    for (i, q) in bank.questions.iter().enumerate() {
        asked[i] = mode.includes(q)
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
        .map(|(i, q)| counted(sheet, &asked, i).and_then(|a| value(q, a)))
        .collect();

    // 3. Dimensions and the overall score.
    let mut sums: Vec<Sums> = Vec::with_capacity(bank.sets.len());
    let dimensions: Vec<DimensionScore> = bank
        .sets
        .iter()
        .enumerate()
        .map(|(s, set)| {
            let mut d = DimensionScore {
                score: None,
                asked: 0,
                answered: 0,
                scale_mean: None,
                band: None,
            };
            let mut sum = Sums::default();
            for i in set.questions.clone() {
                let q = &bank.questions[i];
                if !asked[i] || !q.is_scored() {
                    continue;
                }
                d.asked += 1;
                if let Some(v) = values[i] {
                    sum.add(q.weight * v, q.weight, 1);
                }
            }
            d.answered = sum.n;
            d.score = dimension_score(bank, s, &sum);
            d.scale_mean = d
                .score
                .zip(scale_range(bank, set))
                .map(|(score, (lo, hi))| lo as f64 + score / 100.0 * (hi - lo) as f64);
            d.band = d.score.and_then(|score| band_for(&set.bands, score));
            sums.push(sum);
            d
        })
        .collect();
    let overall = overall_of(bank, &sums);
    let coverage = (
        dimensions.iter().map(|d| d.asked).sum::<usize>(),
        dimensions.iter().map(|d| d.answered).sum::<usize>(),
    );
    let withheld = overall.is_some() && (coverage.1 as f64) < bank.min_coverage * coverage.0 as f64;

    // 4. Flags, in bank order, with the questions (and ticked options of
    //    multi questions) that raised them.
    let mut raised: Vec<Reasons> = vec![Reasons::default(); bank.flags.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        let (selected, multi): (&[String], bool) = match counted(sheet, &asked, i) {
            Some(Answer::Choice(o)) => (std::slice::from_ref(o), false),
            Some(Answer::Multi(os)) => (os, true),
            _ => continue,
        };
        for o in selected {
            if let Some(f) = q.option(o).and_then(|o| o.flag) {
                let r = &mut raised[f];
                if r.evidence.last() != Some(&i) {
                    r.evidence.push(i);
                }
                if multi {
                    r.options.push((i, o.clone()));
                }
            }
        }
    }

    // 5. The verdict, lowered by capping flags, unless too few answers.
    let mut band = overall
        .filter(|_| !withheld)
        .and_then(|s| band_for(&bank.bands, s));
    let mut capped_by = Vec::new();
    if let Some(b) = band.as_mut() {
        let start = *b;
        for (f, flag) in bank.flags.iter().enumerate() {
            if let (Some(cap), false) = (flag.caps_verdict, raised[f].evidence.is_empty()) {
                if cap > start {
                    capped_by.push(f);
                }
                *b = (*b).max(cap);
            }
        }
    }

    // 6. Next steps: those whose `when` holds, by priority then bank order,
    //    the first of each group, at most `max_next_steps`.
    let facts = FullFacts {
        bank,
        sheet,
        asked: &asked,
        values: &values,
        dimensions: &dimensions,
        overall,
        raised: &raised,
    };
    let mut holding: Vec<usize> = bank
        .advice
        .iter()
        .enumerate()
        .filter(|(_, a)| a.when.as_ref().is_none_or(|c| c.holds(&facts)))
        .map(|(i, _)| i)
        .collect();
    holding.sort_by_key(|&i| bank.advice[i].priority);
    let mut groups_taken: Vec<&str> = Vec::new();
    let mut next_steps: Vec<(usize, Reasons)> = Vec::new();
    for i in holding {
        if next_steps.len() >= bank.max_next_steps {
            break;
        }
        let a = &bank.advice[i];
        if let Some(g) = a.group.as_deref() {
            if groups_taken.contains(&g) {
                continue;
            }
            groups_taken.push(g);
        }
        let mut reasons = Reasons::default();
        if let Some(c) = &a.when {
            c.because(&facts, &mut reasons);
        }
        next_steps.push((i, reasons));
    }

    let flags = raised
        .into_iter()
        .enumerate()
        .filter(|(_, r)| !r.evidence.is_empty())
        .collect();
    Evaluation {
        mode,
        asked,
        values,
        dimensions,
        overall,
        coverage,
        withheld,
        band,
        capped_by,
        flags,
        next_steps,
        ignored,
    }
}

/// The first band (highest `min` first) whose `min` is at most `score`, or
/// the last band.
fn band_for(bands: &[crate::bank::Band], score: f64) -> Option<usize> {
    if bands.is_empty() {
        return None;
    }
    Some(
        bands
            .iter()
            .position(|b| b.min <= score)
            .unwrap_or(bands.len() - 1),
    )
}

/// `(min, max)` when every scored question of `set` is a scale of that one
/// range (CONTRACT §6.4 `scale_mean`).
pub fn scale_range(bank: &Bank, set: &Set) -> Option<(i64, i64)> {
    let mut range = None;
    for q in bank.set_questions(set) {
        match &q.kind {
            Kind::Scale(sc) => match range {
                None => range = Some((sc.min, sc.max)),
                Some(r) if r == (sc.min, sc.max) => {}
                Some(_) => return None,
            },
            _ if q.is_scored() => return None,
            _ => {}
        }
    }
    range
}

/// Σw·v, Σw and the count over a dimension's answered, asked, scored
/// questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sums {
    wv: f64,
    w: f64,
    n: usize,
}

impl Sums {
    fn add(&mut self, wv: f64, w: f64, n: usize) {
        self.wv += wv;
        self.w += w;
        self.n += n;
    }
    /// With the given changes added (negative to take out).
    fn with(self, wv: f64, w: f64, n: isize) -> Sums {
        Sums {
            wv: self.wv + wv,
            w: self.w + w,
            n: self.n.saturating_add_signed(n),
        }
    }
}

/// A dimension's score from its sums: none below the set's `min_answered`
/// (and never from no answer at all).
fn dimension_score(bank: &Bank, s: usize, sums: &Sums) -> Option<f64> {
    let min = bank.sets[s].min_answered.max(1);
    if sums.n < min || sums.w <= 1e-9 {
        return None;
    }
    Some(100.0 * sums.wv / sums.w).filter(|x| x.is_finite())
}

/// A dimension's share of the overall score: `(Σ weight·score, Σ weight)`,
/// or nothing for a set of weight 0 or a dimension with no score. With
/// `overall: items` the weight is the dimension's answered items' weights.
fn share(bank: &Bank, s: usize, sums: &Sums) -> Option<(f64, f64)> {
    let set = &bank.sets[s];
    if !set.in_overall() {
        return None;
    }
    let score = dimension_score(bank, s, sums)?;
    Some(match bank.overall {
        OverallBy::Dimensions => (set.weight * score, set.weight),
        OverallBy::Items => (score * sums.w, sums.w),
    })
}

/// The overall score from every dimension's sums.
fn overall_of(bank: &Bank, sums: &[Sums]) -> Option<f64> {
    let (sum, weights) = (0..bank.sets.len())
        .filter_map(|s| share(bank, s, &sums[s]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    mean(sum, weights)
}

/// `sum / weights`, or no score. Validation bounds weights and scores, so
/// this is finite whenever there is a weight; a non-finite mean would be no
/// score rather than a wrong verdict.
fn mean(sum: f64, weights: f64) -> Option<f64> {
    Some(sum / weights).filter(|o| weights > 1e-9 && o.is_finite())
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
        counted(self.sheet, self.asked, q)
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
    raised: &'a [Reasons],
}

impl Facts for FullFacts<'_> {
    fn answer(&self, q: usize) -> Option<&Answer> {
        counted(self.sheet, self.asked, q)
    }
    fn asked(&self, q: usize) -> bool {
        self.asked.get(q).copied().unwrap_or(false)
    }
    fn is_scored(&self, q: usize) -> bool {
        self.bank.questions.get(q).is_some_and(Question::is_scored)
    }
    fn is_profile(&self, q: usize) -> bool {
        self.bank
            .sets
            .iter()
            .find(|s| s.questions.contains(&q))
            .is_some_and(|s| !self.bank.set_questions(s).iter().any(Question::is_scored))
    }
    fn flag_raised(&self, flag: usize) -> bool {
        self.raised
            .get(flag)
            .is_some_and(|r| !r.evidence.is_empty())
    }
    fn flag_reasons(&self, flag: usize, out: &mut Reasons) {
        if let Some(r) = self.raised.get(flag) {
            out.evidence.extend(&r.evidence);
            out.options.extend(r.options.iter().cloned());
        }
    }
    fn dimension_score(&self, set: usize) -> Option<f64> {
        self.dimensions.get(set).and_then(|d| d.score)
    }
    fn overall_score(&self) -> Option<f64> {
        self.overall
    }
    fn dimension_reasons(&self, set: usize, bounds: Bounds, out: &mut Reasons) {
        let Some(set) = self.bank.sets.get(set) else {
            return;
        };
        for i in set.questions.clone() {
            let Some(v) = self.values[i] else { continue };
            let s = 100.0 * v;
            if !(bounds.below.is_none_or(|b| s < b) && bounds.at_least.is_none_or(|a| s >= a)) {
                continue;
            }
            out.evidence.push(i);
            // A multi question's ticked options that pull its score the way
            // the bounds look: down for `below`, up for `at_least`.
            if let Some(Answer::Multi(sel)) = self.answer(i) {
                let q = &self.bank.questions[i];
                let low = bounds.below.is_some();
                for o in sel {
                    let score = q.option(o).and_then(|o| o.score).unwrap_or(0.0);
                    if (low && score < 0.0) || (!low && score > 0.0) {
                        out.options.push((i, o.clone()));
                    }
                }
            }
        }
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
    // Per dimension: Σw·v, Σw and the count over its answered, asked,
    // scored questions.
    let mut sums: Vec<Sums> = vec![Sums::default(); bank.sets.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        if let Some(v) = eval.values[i] {
            sums[q.set].add(q.weight * v, q.weight, 1);
        }
    }
    // Σ weight·score and Σ weight over the dimensions in the overall.
    let totals = (0..bank.sets.len())
        .filter_map(|s| share(bank, s, &sums[s]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    let dependents = dependents(bank);
    let mut visited = vec![false; bank.questions.len()];
    // Which questions reach more than MAX_REACH others. Dependents come
    // later in the bank, so in reverse order a question whose dependent
    // reaches too far is known to at once: no walk is repeated for every
    // link of a long chain.
    let mut too_far = vec![false; bank.questions.len()];
    for q in (0..bank.questions.len()).rev() {
        too_far[q] = dependents[q].iter().any(|&j| too_far[j])
            || transitive(&dependents, q, &mut visited).is_none();
    }
    // (question, overall after, change): answers are made for the best
    // `limit` only, at the end.
    let mut found: Vec<(usize, f64, Change)> = Vec::new();
    // (set, Δ Σw·v, Δ Σw, Δ count) per touched set.
    let mut changed_sums: Vec<(usize, f64, f64, isize)> = Vec::new();
    let mut overlay: HashMap<usize, bool> = HashMap::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let (Some(v_old), Some(current)) = (eval.values[i], eval.answer(sheet, i)) else {
            continue;
        };
        if too_far[i] || !q.lever {
            continue;
        }
        let Some(closure) = transitive(&dependents, i, &mut visited) else {
            continue;
        };
        let mut best: Option<(f64, Change)> = None;
        for Candidate {
            value: v_alt,
            change,
        } in candidates(q, current)
        {
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
            let alt = if closure.is_empty() {
                None
            } else {
                Some(change.answer(q, current))
            };
            for &j in &closure {
                let Some(alt) = &alt else { break };
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
                    if let Some(v) = sheet.get(j).and_then(|a| value(qj, a)) {
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
            Some(Lever {
                question: i,
                to: change.answer(&bank.questions[i], current),
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
/// `None` when more than [`MAX_REACH`] questions depend on `q`.
fn transitive(dependents: &[Vec<usize>], q: usize, visited: &mut [bool]) -> Option<Vec<usize>> {
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
    if seen.len() > MAX_REACH {
        return None;
    }
    seen.sort_unstable();
    Some(seen)
}

/// The most questions whose asking a lever's change may decide. A real
/// bank's conditions reach a handful; a bank whose conditions chain
/// thousands of questions deep would make every lever re-decide them all
/// (the square of the bank's size), so such an answer is not offered as a
/// lever.
pub const MAX_REACH: usize = 1000;

/// An answer a lever may suggest: its value, and the change that makes it,
/// made into an [`Answer`] only when needed. A multi question with `n`
/// options has `n + 1` alternatives of up to `n` ids each: made up front
/// for every answered question of a large bank, they would cost the
/// square of its options.
struct Candidate {
    value: Option<f64>,
    change: Change,
}

/// One change of a question's answer, as [`alternatives`] lists them.
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
    fn answer(self, q: &Question, current: &Answer) -> Answer {
        let opts = q.kind.options();
        match (self, current) {
            (Change::Choose(k), _) => Answer::Choice(opts[k].id.clone()),
            (Change::Toggle(k), Answer::Multi(sel)) => {
                let picked = picked(opts, sel);
                Answer::Multi(
                    opts.iter()
                        .enumerate()
                        .filter(|&(x, _)| picked[x] != (x == k))
                        .map(|(_, o)| o.id.clone())
                        .collect(),
                )
            }
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

/// Per option of a multi question: whether `sel` holds it.
fn picked(opts: &[crate::bank::Choice], sel: &[String]) -> Vec<bool> {
    let sel: std::collections::HashSet<&str> = sel.iter().map(String::as_str).collect();
    opts.iter().map(|o| sel.contains(o.id.as_str())).collect()
}

/// The changes of [`alternatives`] of a scored question, in the same
/// order, each with the value the question would then have, in time
/// linear in its options. (Levers never look at an unscored question.)
fn candidates(q: &Question, current: &Answer) -> Vec<Candidate> {
    let score = |o: &crate::bank::Choice| o.score.unwrap_or(0.0);
    match (&q.kind, current) {
        (Kind::Choice(opts), Answer::Choice(c)) => {
            // As `value`, with the range worked out once.
            let range = q.score_range().filter(|(lo, hi)| hi > lo);
            opts.iter()
                .enumerate()
                .filter(|(_, o)| &o.id != c)
                .map(|(k, o)| Candidate {
                    value: range.map(|(lo, hi)| ((score(o) - lo) / (hi - lo)).clamp(0.0, 1.0)),
                    change: Change::Choose(k),
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
            let mut out: Vec<Candidate> = opts
                .iter()
                .enumerate()
                .map(|(k, o)| Candidate {
                    value: value(if picked[k] {
                        raw - score(o)
                    } else {
                        raw + score(o)
                    }),
                    change: Change::Toggle(k),
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
                out.push(Candidate {
                    value: value(best),
                    change: Change::BestSelection,
                });
            }
            out
        }
        (Kind::Scale(s), Answer::Scale(x)) => (s.min..=s.max)
            .filter(|p| p != x)
            .map(|p| Candidate {
                value: value(q, &Answer::Scale(p)),
                change: Change::Point(p),
            })
            .collect(),
        (Kind::YesNo(_), Answer::YesNo(b)) => vec![Candidate {
            value: value(q, &Answer::YesNo(!b)),
            change: Change::Flip,
        }],
        _ => Vec::new(),
    }
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
        (Kind::Multi(opts), Answer::Multi(_)) => {
            // One option added or removed, or the best selection outright:
            // every option that adds to the score and none that takes away.
            let mut alts: Vec<Answer> = (0..opts.len())
                .map(|k| Change::Toggle(k).answer(q, current))
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
