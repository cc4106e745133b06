//! A settled verdict (`settled_after` in a result): whether any answers to the questions
//! not reached yet could still give another verdict: a better or a worse
//! band, a cap, or no verdict at all (too few answers: the bank's `min_coverage`).
//!
//! The questions before a position are decided; every question from it on
//! is open (answered any way, or skipped). The search is exact and sound:
//! - Questions whose `when` names an open question (their "controllers")
//!   are settled by trying each answer of the controllers, in bank order,
//!   depth first; a condition that the fixed answers do not yet decide is
//!   "maybe" (three-valued logic), and a maybe question counts as both
//!   asked and not asked in the bounds below, which only widens them.
//! - With the controllers fixed, every other open question is free: the
//!   best and worst reachable overall scores then come from per-dimension
//!   ratio bounds combined by a small dynamic programme over how many are
//!   answered (coverage included), which is exact.
//! - Any claim that the verdict can still move is checked by scoring the
//!   answer sheet that shows it ([`evaluate`]), so "open" is never a guess;
//!   a search too large (more than [`MAX_NODES`] nodes, or more work
//!   than [`MAX_WORK`]), or a bound that falls within rounding of a band's
//!   edge without a sheet to show it, answers [`Settlement::Undecided`],
//!   which callers treat as open: the verdict is never called settled when
//!   it is not.

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{Bank, Condition, Facts, Kind, Question};

use std::cell::Cell;

use super::{Mode, Sums, overall_band, value, verdict};
use reach::{Goal, reach};

mod reach;

/// Whether the verdict can still change.
#[derive(Debug, Clone, PartialEq)]
pub enum Settlement {
    /// Whatever the open questions' answers (skips included), the verdict
    /// is this band (an index into `Bank::bands`).
    Settled(usize),
    /// These answers to the open questions give another verdict than
    /// finishing now would.
    Open(Box<AnswerSheet>),
    /// Finishing now would give no verdict (no score, or too few answers).
    NoVerdict,
    /// Not worked out (the search would be too large, or a bound lies
    /// within rounding of a band's edge): to be treated as open.
    Undecided,
}

/// The most search nodes (fixed answers of controlling questions) tried
/// before giving up as [`Settlement::Undecided`].
pub const MAX_NODES: usize = 20_000;
/// The most work one search may do before giving up as
/// [`Settlement::Undecided`], in [`Condition::work`] units (each `answer:`
/// test, `all`/`any`/`not`, and each value an `in:` lists) and questions
/// and options looked at: deciding every open question's condition at each node,
/// scoring each answer sheet tried, and the steps of the score bounds
/// (sorting the free questions, combining the dimensions). The built-in
/// bank spends at most a few hundred thousand; a bank of 600 questions
/// waiting on three others, their conditions padded to 500 tests each,
/// took 50 s for one answer without it (the 20,000 nodes alone do not
/// bound the work of a node).
pub const MAX_WORK: usize = 20_000_000;
/// A multi question that decides others is tried with every selection only
/// up to this many options.
const MAX_MULTI_OPTIONS: usize = 8;
/// Slack on float comparisons, always on the side of "may still change".
const EPS: f64 = 1e-9;
/// Half the last published decimal: a score this far below a band's `min`
/// earns the band when bands are decided on the rounded score.
pub const ROUNDING: f64 = 0.05;

/// The lowest overall score that earns band `b` (or a better one) before
/// caps, as scoring decides bands: the band's `min`, or half a decimal
/// below it when scoring bands the published (rounded) score.
fn edge(bank: &Bank, b: usize) -> f64 {
    let min = bank.bands[b].min;
    let below = min - ROUNDING;
    if overall_band(bank, below).is_some_and(|x| x <= b) {
        below
    } else {
        min
    }
}

/// Whether the verdict is settled for `sheet`, with questions from index
/// `from` on still open (whatever `sheet` holds for them is ignored).
pub fn settle(bank: &Bank, sheet: &AnswerSheet, mode: Mode, from: usize) -> Settlement {
    settle_within(bank, sheet, mode, from, &mut MAX_WORK.clone())
}

/// [`settle`] within what is left of a larger budget (`work`, in the
/// same units as [`MAX_WORK`], which still bounds this one search), less
/// what this search spends: a session that searches after every answer
/// bounds all its searches together.
pub fn settle_within(
    bank: &Bank,
    sheet: &AnswerSheet,
    mode: Mode,
    from: usize,
    work: &mut usize,
) -> Settlement {
    if *work == 0 {
        return Settlement::Undecided;
    }
    let allowed = (*work).min(MAX_WORK);
    let budget = Budget::new(allowed);
    // Scoring the sheet as it stands, before any search.
    let start = size(bank) + bank.sets.len() + bank.flags.len();
    let settled = match budget.spend(start) {
        Some(()) => search(bank, sheet, mode, from, &budget),
        None => {
            // Not even a start fits: none will (a session asks again
            // after every answer).
            *work = 0;
            return Settlement::Undecided;
        }
    };
    *work -= allowed - budget.left.get();
    settled
}

/// The work of going through every question and its options once (a
/// question's score, its range and its extreme answers look through its
/// options, each option some four times what a condition test costs): a
/// multi question of 200 options counted as one made the budget of a
/// session of 330 of them 5 s of work.
fn size(bank: &Bank) -> usize {
    (bank.questions.iter())
        .map(|q| 1 + 4 * q.kind.options().len())
        .sum()
}

fn search(
    bank: &Bank,
    sheet: &AnswerSheet,
    mode: Mode,
    from: usize,
    budget: &Budget,
) -> Settlement {
    // A prospective verdict waits on what is not known yet, including the
    // facts outside the kit its questions' conditions name: never settled.
    if mode == Mode::Prospective {
        return Settlement::Undecided;
    }
    let n = bank.questions.len();
    let from = from.min(n);
    let mut base = sheet.clone();
    for q in from..n {
        base.set(q, Slot::Missing);
    }
    let now = verdict(bank, &base, mode);
    let Some(b0) = now.band else {
        return Settlement::NoVerdict;
    };
    let open: Vec<usize> = (from..n)
        .filter(|&q| mode.includes(&bank.questions[q]))
        .collect();
    let dependents = super::dependents(bank);
    let asked = |q: &usize| mode.includes(&bank.questions[*q]);
    let controller: Vec<bool> = (0..n)
        .map(|r| r >= from && dependents[r].iter().any(asked))
        .collect();
    // Open questions whose condition names an open question: only theirs
    // is decided again at each node (the others are decided once).
    let mut named = Vec::new();
    let waits: Vec<bool> = (0..n)
        .map(|q| {
            named.clear();
            if let Some(c) = &bank.questions[q].when {
                c.referenced_questions(&mut named);
            }
            q >= from && named.iter().any(|&r| r >= from)
        })
        .collect();
    // The work of a node (deciding those conditions, adding up the decided
    // answers) and of scoring one answer sheet.
    let conditions = |qs: &mut dyn Iterator<Item = usize>| -> usize {
        qs.map(|q| 1 + bank.questions[q].when.as_ref().map_or(0, |c| c.work(bank)))
            .sum()
    };
    let size = size(bank);
    let node_work = size + conditions(&mut open.iter().copied().filter(|&q| waits[q]));
    let sheet_work = size + bank.sets.len() + bank.flags.len() + conditions(&mut (0..n));
    let mut search = Search {
        bank,
        mode,
        from,
        b0,
        open,
        controller,
        prefix_asked: now.asked,
        nodes: 0,
        undecided: false,
        budget,
        node_work,
        sheet_work,
        steady: vec![None; n],
    };
    let mut fixed = base;
    let mut is_fixed = vec![false; n];
    // Every open question's condition, once.
    let once = size + conditions(&mut search.open.iter().copied());
    if search.budget.spend(once).is_none() {
        return Settlement::Undecided;
    }
    let status = search.statuses(&fixed, &is_fixed);
    for &q in &search.open {
        if !waits[q] {
            search.steady[q] = Some(status[q]);
        }
    }
    match search.node(&mut fixed, &mut is_fixed) {
        Some(witness) => Settlement::Open(Box::new(witness)),
        None if search.undecided => Settlement::Undecided,
        None => Settlement::Settled(b0),
    }
}

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tri {
    Yes,
    No,
    Maybe,
}

impl From<bool> for Tri {
    fn from(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }
}

struct Search<'b> {
    bank: &'b Bank,
    mode: Mode,
    from: usize,
    /// The verdict if the session finished now.
    b0: usize,
    /// The open questions this mode may ask, in bank order.
    open: Vec<usize>,
    /// Open questions named by another open question's `when`.
    controller: Vec<bool>,
    /// Which decided questions (before `from`) are asked.
    prefix_asked: Vec<bool>,
    nodes: usize,
    undecided: bool,
    budget: &'b Budget,
    /// The work of one node, and of scoring one answer sheet.
    node_work: usize,
    sheet_work: usize,
    /// Per open question whose condition names no open question: whether
    /// it is asked (the same at every node).
    steady: Vec<Option<Tri>>,
}

/// What is left of the work a search may do; once a step does not fit,
/// the search is [`Settlement::Undecided`].
pub(super) struct Budget {
    left: Cell<usize>,
    spent: Cell<bool>,
}

impl Budget {
    fn new(work: usize) -> Budget {
        Budget {
            left: Cell::new(work),
            spent: Cell::new(false),
        }
    }

    /// Takes `work` from what is left; `None` when it does not fit.
    pub(super) fn spend(&self, work: usize) -> Option<()> {
        match self.left.get().checked_sub(work) {
            Some(left) if !self.spent.get() => self.left.set(left),
            _ => self.spent.set(true),
        }
        (!self.spent.get()).then_some(())
    }

    fn spent(&self) -> bool {
        self.spent.get()
    }
}

/// One free open question, as the bounds see it.
struct Item {
    q: usize,
    /// Asked for sure (else maybe).
    certain: bool,
}

impl Search<'_> {
    /// Searches the subtree where the controllers in `is_fixed` hold the
    /// answers in `fixed`. Returns a sheet that gives another verdict, or
    /// `None` when none does here (or, with `undecided` set, when that
    /// could not be worked out).
    fn node(&mut self, fixed: &mut AnswerSheet, is_fixed: &mut [bool]) -> Option<AnswerSheet> {
        self.nodes += 1;
        if self.nodes > MAX_NODES || self.budget.spend(self.node_work).is_none() {
            self.undecided = true;
            return None;
        }
        let status = self.statuses(fixed, is_fixed);
        let items: Vec<Item> = self
            .open
            .iter()
            .filter(|&&q| !is_fixed[q] && status[q] != Tri::No)
            .map(|&q| Item {
                q,
                certain: status[q] == Tri::Yes,
            })
            .collect();
        let leaf = items.iter().all(|i| i.certain);
        if items.is_empty() {
            // Nothing left to answer: the fixed answers are the only way.
            if self.budget.spend(self.sheet_work).is_none() {
                self.undecided = true;
                return None;
            }
            let e = verdict(self.bank, fixed, self.mode);
            return (e.band != Some(self.b0)).then(|| fixed.clone());
        }
        let bound = self.bounds(fixed, is_fixed, &status, &items, leaf);
        // A bound cut short by the budget says nothing.
        if self.budget.spent() {
            self.undecided = true;
            return None;
        }
        match bound {
            Bound::Same => None,
            Bound::Differs(w) => Some(*w),
            Bound::Unsure if leaf => {
                // Exact bounds said it could change, but the sheet that
                // should show it did not: a float at a band's edge.
                self.undecided = true;
                None
            }
            Bound::Unsure => self.branch(fixed, is_fixed, &status, &items),
        }
    }

    /// Tries every answer of the first controller a maybe question waits on.
    fn branch(
        &mut self,
        fixed: &mut AnswerSheet,
        is_fixed: &mut [bool],
        status: &[Tri],
        items: &[Item],
    ) -> Option<AnswerSheet> {
        let mut named = Vec::new();
        for it in items.iter().filter(|i| !i.certain) {
            if let Some(c) = &self.bank.questions[it.q].when {
                c.referenced_questions(&mut named);
            }
        }
        let Some(c) = named
            .into_iter()
            .filter(|&r| r >= self.from && self.controller[r] && !is_fixed[r])
            .min()
        else {
            // A maybe question waits on nothing open: cannot happen, as
            // conditions name only earlier questions; be safe.
            self.undecided = true;
            return None;
        };
        let states: Vec<Slot> = match status[c] {
            Tri::No => vec![Slot::Missing],
            Tri::Yes => {
                let Some(answers) = self.answers_of(c) else {
                    self.undecided = true;
                    return None;
                };
                std::iter::once(Slot::Skipped)
                    .chain(answers.into_iter().map(Slot::Given))
                    .collect()
            }
            Tri::Maybe => {
                // Its own condition waits on an earlier open controller,
                // which would have been chosen first.
                self.undecided = true;
                return None;
            }
        };
        is_fixed[c] = true;
        let mut found = None;
        for s in states {
            fixed.set(c, s);
            if let Some(w) = self.node(fixed, is_fixed) {
                found = Some(w);
                break;
            }
            if self.undecided {
                break;
            }
        }
        is_fixed[c] = false;
        fixed.set(c, Slot::Missing);
        found
    }

    /// Every answer a controlling question can take that its dependants
    /// could tell apart (all of them, for choice, yes/no, scale and small
    /// multi questions; one, for text).
    fn answers_of(&self, c: usize) -> Option<Vec<Answer>> {
        let q = &self.bank.questions[c];
        Some(match &q.kind {
            Kind::Choice(opts) => opts.iter().map(|o| Answer::Choice(o.id.clone())).collect(),
            Kind::YesNo(_) => vec![Answer::YesNo(true), Answer::YesNo(false)],
            Kind::Scale(s) => (s.min..=s.max).map(Answer::Scale).collect(),
            Kind::Multi(opts) => {
                if opts.len() > MAX_MULTI_OPTIONS {
                    return None;
                }
                (0u32..1 << opts.len())
                    .map(|mask| {
                        Answer::Multi(
                            opts.iter()
                                .enumerate()
                                .filter(|(i, _)| mask & (1 << i) != 0)
                                .map(|(_, o)| o.id.clone())
                                .collect(),
                        )
                    })
                    .collect()
            }
            // A condition asks only whether a text question is answered
            // (`is` and `in` do not apply to it): any text will do.
            Kind::Text => vec![Answer::Text("\u{1}".into())],
        })
    }

    /// Per question: whether it is asked (`Maybe`: its condition waits on
    /// an open answer); open questions only, the decided ones are as the
    /// prefix has them.
    fn statuses(&self, fixed: &AnswerSheet, is_fixed: &[bool]) -> Vec<Tri> {
        let mut status: Vec<Tri> = (0..self.bank.questions.len())
            .map(|q| Tri::from(q < self.from && self.prefix_asked[q]))
            .collect();
        for &q in &self.open {
            if let Some(t) = self.steady[q] {
                status[q] = t;
                continue;
            }
            // What a condition sees of question r.
            let known = |r: usize| match status[r] {
                Tri::No => Known::Is(None),
                Tri::Yes if r < self.from || is_fixed[r] => Known::Is(fixed.get(r)),
                _ => Known::Unknown,
            };
            let asked = (self.bank.questions[q].when.as_ref()).map_or(Tri::Yes, |c| tri(c, &known));
            status[q] = asked;
        }
        status
    }

    /// The decided part: per dimension Σw·v, Σw and count; coverage; the
    /// worst cap raised (band index).
    fn base(
        &self,
        fixed: &AnswerSheet,
        is_fixed: &[bool],
        status: &[Tri],
    ) -> (Vec<Sums>, usize, usize, Option<usize>) {
        let bank = self.bank;
        let mut parts = vec![Sums::default(); bank.sets.len()];
        let (mut asked, mut answered) = (0, 0);
        let mut cap: Option<usize> = None;
        for (q, question) in bank.questions.iter().enumerate() {
            let decided = q < self.from || is_fixed[q];
            if !decided || status[q] != Tri::Yes {
                continue;
            }
            let answer = fixed.get(q);
            if question.is_scored() {
                asked += 1;
                if let Some(v) = answer.and_then(|a| value(question, a)) {
                    answered += 1;
                    parts[question.set].add(question.weight * v, question.weight, 1);
                }
            }
            for f in answer.map(|a| raised(question, a)).unwrap_or_default() {
                if let Some(c) = bank.flags[f].caps_verdict {
                    cap = Some(cap.map_or(c, |x: usize| x.max(c)));
                }
            }
        }
        (parts, asked, answered, cap)
    }

    /// What the bounds say about this subtree; a claim that the verdict
    /// changes comes with a sheet scored to show it.
    fn bounds(
        &self,
        fixed: &AnswerSheet,
        is_fixed: &[bool],
        status: &[Tri],
        items: &[Item],
        leaf: bool,
    ) -> Bound {
        let bank = self.bank;
        let b0 = self.b0;
        let (parts, asked, answered, cap) = self.base(fixed, is_fixed, status);
        let mut unsure = false;
        let try_sheet = |answers: &[(usize, Answer)]| -> Option<Bound> {
            // Out of work: the caller sees the budget spent.
            if self.budget.spend(self.sheet_work + answers.len()).is_none() {
                return Some(Bound::Unsure);
            }
            let mut sheet = fixed.clone();
            for (q, a) in answers {
                sheet.set(*q, Slot::Given(a.clone()));
            }
            let e = verdict(bank, &sheet, self.mode);
            (e.band != Some(b0)).then(|| Bound::Differs(Box::new(sheet)))
        };

        // A cap below the verdict already raised by the fixed answers.
        if cap.is_some_and(|c| c > b0) {
            if let Some(b) = try_sheet(&[]) {
                return b;
            }
            unsure = true;
        }
        // An open question with an option that caps below the verdict.
        for it in items {
            let question = &bank.questions[it.q];
            if let Some(a) = capping_answer(bank, question, |c| c > b0) {
                if it.certain
                    && let Some(b) = try_sheet(&[(it.q, a)])
                {
                    return b;
                }
                unsure = true;
            }
        }
        // Too few answers: every open question skipped.
        let scored: Vec<&Item> = items
            .iter()
            .filter(|i| bank.questions[i.q].is_scored())
            .collect();
        let certain = scored.iter().filter(|i| i.certain).count();
        let withheld_at =
            |answered: usize, asked: usize| (answered as f64) < bank.min_coverage * asked as f64;
        let withheld = |asked: usize| withheld_at(answered, asked);
        if withheld(asked + certain) {
            if let Some(b) = try_sheet(&[]) {
                return b;
            }
            unsure = true;
        } else if withheld(asked + scored.len()) {
            unsure = true;
        }

        // The answers `reach` picked, to the questions they are for.
        let picked =
            |pick: Vec<usize>, answers: &[Option<(f64, Answer)>]| -> Vec<(usize, Answer)> {
                (pick.into_iter())
                    .filter_map(|k| answers[k].clone().map(|(_, a)| (scored[k].q, a)))
                    .collect()
            };
        let weights: Vec<(usize, f64)> = scored
            .iter()
            .map(|i| {
                let q = &bank.questions[i.q];
                (q.set, q.weight)
            })
            .collect();

        // The lowest reachable score.
        if b0 + 1 < bank.bands.len() {
            let floor = edge(bank, b0);
            let worst: Vec<Option<(f64, Answer)>> = scored
                .iter()
                .map(|i| {
                    extreme_answer(bank, &bank.questions[i.q], false, |_| false).map(|a| (0.0, a))
                })
                .collect();
            if let Some(pick) = reach(
                bank,
                &parts,
                &weights,
                &worst,
                (floor + EPS, Goal::Below),
                0,
                self.budget,
            ) {
                if let Some(b) = try_sheet(&picked(pick, &worst)) {
                    return b;
                }
                unsure = true;
            }
        }

        // The highest reachable score, with no cap at or below the verdict.
        let blocked = cap.is_some_and(|c| c >= b0);
        if b0 > 0 && !blocked {
            let target = edge(bank, b0 - 1) - EPS;
            let best: Vec<Option<(f64, Answer)>> = scored
                .iter()
                .map(|i| {
                    let q = &bank.questions[i.q];
                    let a = extreme_answer(bank, q, true, |c| c >= b0)?;
                    Some((value(q, &a)?, a))
                })
                .collect();
            // At a leaf every open question is asked for sure: enough of
            // them must be answered for a verdict. Above it, coverage is
            // left out (a looser bound).
            let need = if leaf {
                let total = asked + scored.len();
                (0..=scored.len())
                    .find(|&k| !withheld_at(answered + k, total))
                    .unwrap_or(usize::MAX)
            } else {
                0
            };
            if need != usize::MAX
                && let Some(pick) = reach(
                    bank,
                    &parts,
                    &weights,
                    &best,
                    (target, Goal::AtLeast),
                    need,
                    self.budget,
                )
            {
                if let Some(b) = try_sheet(&picked(pick, &best)) {
                    return b;
                }
                unsure = true;
            }
        }
        if unsure { Bound::Unsure } else { Bound::Same }
    }
}

enum Bound {
    /// No answers here give another verdict.
    Same,
    /// These do.
    Differs(Box<AnswerSheet>),
    /// The bounds allow another verdict, but no sheet here shows one.
    Unsure,
}

/// A scored question's worst and best answers (values 0 and 1), or none
/// for an informational question.
pub fn extreme_answers(bank: &Bank, q: &Question) -> (Option<Answer>, Option<Answer>) {
    let answer = |best| extreme_answer(bank, q, best, |_| false);
    let best = answer(true).filter(|a| value(q, a).is_some());
    (answer(false).filter(|_| q.is_scored()), best)
}

/// The flags an answer raises.
fn raised(q: &Question, a: &Answer) -> Vec<usize> {
    match a {
        Answer::Choice(o) => q.option(o).and_then(|o| o.flag).into_iter().collect(),
        Answer::Multi(os) => (q.ticked(os).into_iter())
            .filter_map(|(_, o)| o?.flag)
            .collect(),
        _ => Vec::new(),
    }
}

/// An answer of `q` that raises a flag whose cap `bad` picks out.
fn capping_answer(bank: &Bank, q: &Question, bad: impl Fn(usize) -> bool) -> Option<Answer> {
    let opts = match &q.kind {
        Kind::Choice(o) | Kind::Multi(o) => o,
        _ => return None,
    };
    let o = opts.iter().find(|o| {
        o.flag
            .and_then(|f| bank.flags[f].caps_verdict)
            .is_some_and(&bad)
    })?;
    Some(match q.kind {
        Kind::Multi(_) => Answer::Multi(vec![o.id.clone()]),
        _ => Answer::Choice(o.id.clone()),
    })
}

/// The answer with the highest value (`best`), or the lowest, among those
/// that raise no flag whose cap `blocked` picks out.
fn extreme_answer(
    bank: &Bank,
    q: &Question,
    best: bool,
    blocked: impl Fn(usize) -> bool,
) -> Option<Answer> {
    let score = |o: &crate::bank::Choice| o.score.unwrap_or(0.0);
    let allowed = |o: &crate::bank::Choice| {
        !o.flag
            .and_then(|f| bank.flags[f].caps_verdict)
            .is_some_and(&blocked)
    };
    let a = match &q.kind {
        Kind::Choice(opts) => {
            let open = opts.iter().filter(|o| allowed(o));
            let by_score =
                |a: &&crate::bank::Choice, b: &&crate::bank::Choice| score(a).total_cmp(&score(b));
            let o = if best {
                open.max_by(by_score)
            } else {
                open.min_by(by_score)
            };
            Answer::Choice(o?.id.clone())
        }
        Kind::Multi(opts) => Answer::Multi(
            opts.iter()
                .filter(|o| allowed(o) && if best { score(o) > 0.0 } else { score(o) < 0.0 })
                .map(|o| o.id.clone())
                .collect(),
        ),
        Kind::Scale(s) => Answer::Scale(if s.reverse != best { s.max } else { s.min }),
        Kind::YesNo(Some((yes, no))) => Answer::YesNo((yes >= no) == best),
        Kind::YesNo(None) | Kind::Text => return None,
    };
    Some(a)
}

/// What a condition sees of one question.
pub(super) enum Known<'a> {
    Is(Option<&'a Answer>),
    Unknown,
}

/// A condition in three-valued logic: `Maybe` when it depends on an
/// answer not known yet and the known ones do not decide it.
pub(super) fn tri<'a>(c: &Condition, known: &impl Fn(usize) -> Known<'a>) -> Tri {
    #[cfg(feature = "internals")]
    TESTED.with(|n| n.set(n.get() + 1));
    match c {
        Condition::Answer { question, .. } => match known(*question) {
            Known::Unknown => Tri::Maybe,
            Known::Is(a) => c.holds(&One(a)).into(),
        },
        // One part that decides an `all` (no) or an `any` (yes) decides it.
        Condition::All(cs) | Condition::Any(cs) => {
            let decides = Tri::from(matches!(c, Condition::Any(_)));
            let mut out = if decides == Tri::Yes {
                Tri::No
            } else {
                Tri::Yes
            };
            for c in cs {
                match tri(c, known) {
                    t if t == decides => return t,
                    Tri::Maybe => out = Tri::Maybe,
                    _ => {}
                }
            }
            out
        }
        Condition::Not(c) => match tri(c, known) {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
        },
        // Not allowed in a question's `when`; never decided here.
        Condition::Flag(_) | Condition::Dimension { .. } | Condition::Overall(_) => Tri::Maybe,
    }
}

#[cfg(feature = "internals")]
thread_local! {
    /// How many conditions and parts of conditions were decided in
    /// three-valued logic on this thread (the engine's own tests count
    /// the settled-verdict search's work with it).
    pub static TESTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Facts of a single answer, for one `answer:` test.
struct One<'a>(Option<&'a Answer>);

impl Facts for One<'_> {
    fn answer(&self, _q: usize) -> Option<&Answer> {
        self.0
    }
}
