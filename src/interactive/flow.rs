//! The question flow, with no terminal in sight: which questions are asked
//! given the answers so far, in what order, where "back" goes, and where a
//! resumed session starts. The prompters only show what this decides.
//!
//! The flow walks the bank in order with a cursor; about an employer being
//! considered, the facts about you (`personal` questions) come first, as one
//! part, "About you". A question is on the path when the scorer would ask it
//! ([`scoring::evaluate`]'s `asked`) for the answers given so far; conditions
//! only name earlier questions, so answering a question can change only what
//! comes after it.

use crate::answers::{AnswerSheet, Slot};
use crate::bank::Bank;
use crate::scoring::{self, Mode};

/// The current question's place: "Part 2 of 9", "question 7 of 40".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub part: usize,
    pub parts: usize,
    pub number: usize,
    /// An upper bound while some questions still depend on answers to
    /// come ("up to 40").
    pub total: usize,
    /// Seconds the questions from this one on take at most (the same
    /// estimate as the intro's).
    pub seconds_left: usize,
}

#[derive(Debug, Clone)]
pub struct Flow<'b> {
    bank: &'b Bank,
    mode: Mode,
    sheet: AnswerSheet,
    asked: Vec<bool>,
    /// The question being asked; `None` once past the last one.
    cursor: Option<usize>,
    /// Questions whose answers were kept from an earlier result: going
    /// on passes them by (going back still reaches them).
    kept: Vec<bool>,
    /// The questions in the order they are asked.
    order: Vec<usize>,
}

/// The part of the facts about you in a prospective run ([`Flow::part_of`]).
pub const FACTS: usize = usize::MAX;
/// Its title.
pub const FACTS_TITLE: &str = "About you";

impl<'b> Flow<'b> {
    /// A flow over `sheet`'s answers, positioned at the first asked question
    /// that has no answer yet: the start for an empty sheet, the place
    /// where an interrupted session stopped for a draft.
    pub fn new(bank: &'b Bank, mode: Mode, sheet: AnswerSheet) -> Self {
        let facts_first = |i: &usize| mode != Mode::Prospective || !bank.questions[*i].personal;
        let mut order: Vec<usize> = (0..bank.questions.len()).collect();
        order.sort_by_key(facts_first);
        let mut flow = Flow {
            bank,
            mode,
            sheet,
            asked: Vec::new(),
            cursor: None,
            kept: Vec::new(),
            order,
        };
        flow.refresh();
        flow.cursor = flow.resume_position();
        flow
    }

    pub fn bank(&self) -> &'b Bank {
        self.bank
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn sheet(&self) -> &AnswerSheet {
        &self.sheet
    }

    /// The question being asked, or `None` when every asked question has
    /// been answered or skipped.
    pub fn current(&self) -> Option<usize> {
        self.cursor
    }

    /// The part question `q` is shown in: its set, or [`FACTS`].
    pub fn part_of(&self, q: usize) -> usize {
        let question = &self.bank.questions[q];
        match self.mode == Mode::Prospective && question.personal {
            true => FACTS,
            false => question.set,
        }
    }

    /// Where question `q` comes in the order asked.
    fn place_of(&self, q: usize) -> usize {
        self.order.iter().position(|&i| i == q).unwrap_or(q)
    }

    /// The questions after the one at `from` in the order asked.
    fn from(&self, from: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.order[from.min(self.order.len())..].iter().copied()
    }

    /// The first asked question with no answer (not even a skip).
    fn resume_position(&self) -> Option<usize> {
        self.from(0)
            .find(|&i| self.asked[i] && *self.sheet.slot(i) == Slot::Missing)
    }

    /// Goes to the first asked question, to go through the answers given
    /// (each offered again, preselected).
    pub fn restart(&mut self) {
        let first = self.from(0).find(|&i| self.asked[i]);
        self.cursor = first;
    }

    /// Keeps the answers given so far (facts carried over from an earlier
    /// result): going on passes their questions by.
    pub fn keep_given(&mut self) {
        self.kept = (0..self.sheet.len())
            .map(|i| self.sheet.get(i).is_some())
            .collect();
    }

    /// Records the answer (or skip) to the current question and moves on to
    /// the next asked question, which may already hold an answer when the
    /// user went back: it is then offered again, preselected.
    pub fn answer(&mut self, slot: Slot) {
        let Some(q) = self.cursor else { return };
        self.sheet.set(q, slot);
        self.refresh();
        self.cursor = self.next_after(q);
    }

    /// Goes back to the previous asked question (from the end: to the last
    /// one). Returns false, staying put, at the first question.
    pub fn back(&mut self) -> bool {
        let from = self.cursor.map_or(self.order.len(), |q| self.place_of(q));
        match self.order[..from].iter().rev().find(|&&i| self.asked[i]) {
            Some(&p) => {
                self.cursor = Some(p);
                true
            }
            None => false,
        }
    }

    /// Where the current question stands: its part among the parts this
    /// mode shows (the facts about you kept from an earlier result and
    /// passed by are no part to count), and its place among the questions. The count is
    /// honest and never grows as the person answers: it counts the
    /// questions asked so far and those still to come that are asked or may
    /// yet be (their condition names a question not reached yet), so it
    /// shrinks as conditions are settled and is exact once none is pending.
    pub fn progress(&self) -> Option<Progress> {
        let q = self.cursor?;
        let in_mode = |i: usize| self.mode.includes(&self.bank.questions[i]);
        let kept = |i: usize| self.kept.get(i).is_some_and(|&k| k) && self.asked[i];
        let part = self.part_of(q);
        let mut parts: Vec<usize> = Vec::new();
        for i in self.from(0).filter(|&i| in_mode(i)) {
            parts.extend(Some(self.part_of(i)).filter(|p| !parts.contains(p)));
        }
        // A part of kept facts only, all passed by, is not shown.
        let in_part = |p: usize| self.from(0).filter(move |&i| self.part_of(i) == p);
        parts.retain(|&p| {
            p == part || !in_part(p).any(kept) || in_part(p).any(|i| self.asked[i] && !kept(i))
        });
        let at = self.place_of(q);
        let before = self.order[..at].iter().filter(|&&i| self.asked[i]).count();
        let pending = |i: usize| {
            let mut named = Vec::new();
            if let Some(when) = &self.bank.questions[i].when {
                when.referenced_questions(&mut named);
            }
            named.iter().any(|&r| self.place_of(r) >= at && in_mode(r))
        };
        let (mut total, mut seconds_left) = (before, 0);
        for i in self.from(at) {
            if self.asked[i] || (in_mode(i) && pending(i)) {
                total += 1;
                seconds_left += crate::estimate::seconds_for(&self.bank.questions[i]);
            }
        }
        Some(Progress {
            part: parts.iter().position(|&p| p == part).map_or(1, |p| p + 1),
            parts: parts.len(),
            number: before + 1,
            total,
            seconds_left,
        })
    }

    /// The answers as they count: answers to questions that are no longer
    /// asked (a condition stopped holding after a change) are left out.
    pub fn finished_sheet(&self) -> AnswerSheet {
        let mut sheet = self.sheet.clone();
        for (i, &asked) in self.asked.iter().enumerate() {
            if !asked {
                sheet.set(i, Slot::Missing);
            }
        }
        sheet
    }

    fn next_after(&self, q: usize) -> Option<usize> {
        self.from(self.place_of(q) + 1)
            .find(|&i| self.asked[i] && !self.kept.get(i).is_some_and(|&k| k))
    }

    fn refresh(&mut self) {
        self.asked = scoring::evaluate(self.bank, &self.sheet, self.mode).asked;
    }
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/flow.rs"]
mod tests;
