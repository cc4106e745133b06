//! The question flow, with no terminal in sight: which questions are asked
//! given the answers so far, in what order, where "back" goes, and where a
//! resumed session starts. The prompters only show what this decides.
//!
//! The flow walks the bank in order with a cursor; about an employer being
//! considered, the facts about you (`personal` questions) come first, as one
//! part, "About you". A question is on the path when the scorer would ask it
//! ([`scoring::evaluate`]'s `asked`) for the answers given so far; conditions
//! only name earlier questions, so answering a question can change only what
//! comes after it. An answer costs the flow what the conditions naming it
//! cost and a pass over the questions' places, not a scoring of the bank:
//! a bank of 10,000 questions is answered, a line an answer, in well under
//! a second.

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::Bank;
use crate::scoring::{Asked, Mode};

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
    asked: Asked,
    /// The question being asked; `None` once past the last one.
    cursor: Option<usize>,
    /// Questions whose answers were kept from an earlier result: going
    /// on passes them by (going back still reaches them).
    kept: Vec<bool>,
    /// The parts holding kept questions, each with its questions.
    kept_parts: Vec<(usize, Vec<usize>)>,
    /// Those of them with nothing asked but kept questions (decided again
    /// when what is asked changes).
    kept_only: Vec<usize>,
    /// The questions in the order they are asked.
    order: Vec<usize>,
    /// Per question, its place in `order`.
    place: Vec<usize>,
    /// The parts this mode shows, in the order they come.
    parts: Vec<usize>,
    /// Per question this mode may ask, if its `when` names one this mode
    /// may ask: while the cursor is at or before this place, the question
    /// still comes and may yet be asked. It is the last place of a question
    /// its `when` names, or its own place if that comes first (about an
    /// employer, the facts about you come first, and may name questions
    /// that come after them).
    waits_on: Vec<Option<usize>>,
    /// Per question, the seconds it takes ([`crate::estimate::seconds_for`]).
    seconds: Vec<usize>,
    /// The asked questions, by place.
    asked_at: Tally,
    /// The questions not asked that may yet be, by the place they wait on
    /// (`waits_on`).
    waiting: Tally,
    /// Per question, what its answer (not a skip) adds to the draft, at
    /// most ([`super::state::draft_bytes`]), and all of them together.
    held: Vec<usize>,
    held_total: usize,
    /// What the answers may hold together ([`Flow::hold_at_most`]).
    room: usize,
    /// How many times an answer changed.
    changes: usize,
}

/// An answer as the answers can hold it ([`Flow::fit`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    Whole(Slot),
    /// A written answer cut to its first characters (how many).
    Cut(Slot, usize),
    /// Not even a character more fits.
    Full,
}

/// What an answer given (not a skip) adds to a draft.
fn given_bytes(q: &crate::bank::Question, slot: &Slot) -> usize {
    match slot {
        Slot::Given(_) => super::state::draft_bytes(q, slot),
        _ => 0,
    }
}

/// How many questions, and their seconds, stand at each position, summed
/// over the positions before any in log time (a Fenwick tree): the
/// progress line after an answer without a pass over the bank.
#[derive(Debug, Clone)]
struct Tally(Vec<(usize, usize)>);

impl Tally {
    fn new(positions: usize) -> Self {
        Tally(vec![(0, 0); positions + 1])
    }

    /// Counts one question of `seconds` at `at` in (`add`) or out.
    fn add(&mut self, at: usize, seconds: usize, add: bool) {
        let mut k = at + 1;
        while let Some(node) = self.0.get_mut(k) {
            *node = match add {
                true => (node.0 + 1, node.1 + seconds),
                false => (node.0 - 1, node.1 - seconds),
            };
            k += k & k.wrapping_neg();
        }
    }

    /// The questions before `at` and their seconds.
    fn before(&self, at: usize) -> (usize, usize) {
        let (mut sum, mut k) = ((0, 0), at.min(self.0.len() - 1));
        while k > 0 {
            sum = (sum.0 + self.0[k].0, sum.1 + self.0[k].1);
            k &= k - 1;
        }
        sum
    }
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
        let mut place = vec![0; order.len()];
        for (at, &q) in order.iter().enumerate() {
            place[q] = at;
        }
        let mut flow = Flow {
            bank,
            mode,
            asked: Asked::new(bank, &sheet, mode),
            sheet,
            cursor: None,
            kept: Vec::new(),
            kept_parts: Vec::new(),
            kept_only: Vec::new(),
            order,
            place,
            parts: Vec::new(),
            waits_on: Vec::new(),
            seconds: bank
                .questions
                .iter()
                .map(crate::estimate::seconds_for)
                .collect(),
            asked_at: Tally::new(bank.questions.len()),
            waiting: Tally::new(bank.questions.len()),
            held: Vec::new(),
            held_total: 0,
            room: usize::MAX,
            changes: 0,
        };
        flow.held = (bank.questions.iter().enumerate())
            .map(|(i, q)| given_bytes(q, flow.sheet.slot(i)))
            .collect();
        flow.held_total = flow.held.iter().sum();
        let mut seen = std::collections::HashSet::new();
        let in_mode = |i: usize| mode.includes(&bank.questions[i]);
        for &i in flow.order.iter().filter(|&&i| in_mode(i)) {
            let part = flow.part_of(i);
            if seen.insert(part) {
                flow.parts.push(part);
            }
        }
        let mut named = Vec::new();
        flow.waits_on = (0..flow.order.len())
            .map(|i| {
                named.clear();
                if let Some(when) = bank.questions[i].when.as_ref().filter(|_| in_mode(i)) {
                    when.referenced_questions(&mut named);
                }
                let places = named.iter().filter(|&&r| in_mode(r));
                let last = places.map(|&r| flow.place[r]).max();
                last.map(|last| last.min(flow.place[i]))
            })
            .collect();
        for i in 0..flow.order.len() {
            flow.tally(i, flow.asked(i), true);
        }
        flow.cursor = flow.resume_position();
        flow
    }

    /// Counts question `i`, asked or not, in (`add`) or out of the tallies.
    fn tally(&mut self, i: usize, asked: bool, add: bool) {
        let seconds = self.seconds[i];
        match (asked, self.waits_on[i]) {
            (true, _) => self.asked_at.add(self.place[i], seconds, add),
            (false, Some(w)) => self.waiting.add(w, seconds, add),
            (false, None) => {}
        }
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

    /// Whether question `q` is asked, given the answers so far.
    fn asked(&self, q: usize) -> bool {
        self.asked.get()[q]
    }

    /// The questions after the one at `from` in the order asked.
    fn from(&self, from: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.order[from.min(self.order.len())..].iter().copied()
    }

    /// The first asked question with no answer (not even a skip).
    fn resume_position(&self) -> Option<usize> {
        self.from(0)
            .find(|&i| self.asked(i) && *self.sheet.slot(i) == Slot::Missing)
    }

    /// Goes to the first asked question, to go through the answers given
    /// (each offered again, preselected).
    pub fn restart(&mut self) {
        let first = self.from(0).find(|&i| self.asked(i));
        self.cursor = first;
    }

    /// Keeps the answers given so far (facts carried over from an earlier
    /// result): going on passes their questions by.
    pub fn keep_given(&mut self) {
        self.kept = (0..self.sheet.len())
            .map(|i| self.sheet.get(i).is_some())
            .collect();
        let kept = (0..self.kept.len()).filter(|&i| self.kept[i]);
        let mut parts: Vec<usize> = kept.map(|i| self.part_of(i)).collect();
        parts.sort_unstable();
        parts.dedup();
        self.kept_parts = (parts.into_iter())
            .map(|p| (p, self.from(0).filter(|&i| self.part_of(i) == p).collect()))
            .collect();
        self.kept_only = self.kept_only();
    }

    /// The parts of kept questions only, each passed by.
    fn kept_only(&self) -> Vec<usize> {
        let kept = |i: usize| self.kept.get(i).is_some_and(|&k| k) && self.asked(i);
        (self.kept_parts.iter())
            .filter(|(_, members)| {
                let mut members = members.iter().copied();
                members.clone().any(kept) && !members.any(|i| self.asked(i) && !kept(i))
            })
            .map(|(p, _)| *p)
            .collect()
    }

    /// How many times an answer changed: the same count, the same answers.
    pub fn changes(&self) -> usize {
        self.changes
    }

    /// Holds the answers given (not the skips) to at most `bytes` as a
    /// draft saves them.
    pub fn hold_at_most(&mut self, bytes: usize) {
        self.room = bytes;
    }

    /// `slot` as the current question's answer, if the answers can hold it
    /// with the others: whole, a written answer cut to what they can still
    /// hold, or nothing. A skip is always kept: the draft has room for a
    /// skip of every question besides.
    pub fn fit(&self, slot: Slot) -> Fit {
        let Some(q) = self.cursor else {
            return Fit::Whole(slot);
        };
        let question = &self.bank.questions[q];
        let given = |s: &Slot| given_bytes(question, s);
        let left = self
            .room
            .saturating_sub(self.held_total - given(self.sheet.slot(q)));
        if given(&slot) <= left {
            return Fit::Whole(slot);
        }
        let Slot::Given(Answer::Text(text)) = &slot else {
            return Fit::Full;
        };
        // The most characters that fit, in one pass.
        let mut room = left.saturating_sub(given(&Slot::Given(Answer::Text(String::new()))));
        let mut end = 0;
        for (at, c) in text.char_indices() {
            let Some(less) = room.checked_sub(super::state::json_char_len(c)) else {
                break;
            };
            (room, end) = (less, at + c.len_utf8());
        }
        match &text[..end] {
            "" => Fit::Full,
            kept => Fit::Cut(Slot::Given(Answer::Text(kept.into())), kept.chars().count()),
        }
    }

    /// Records the answer (or skip) to the current question and moves on to
    /// the next asked question, which may already hold an answer when the
    /// user went back: it is then offered again, preselected.
    pub fn answer(&mut self, slot: Slot) {
        let Some(q) = self.cursor else { return };
        // An answer kept as it was (Enter, going through them again)
        // decides nothing again.
        if *self.sheet.slot(q) != slot {
            self.changes += 1;
            let held = given_bytes(&self.bank.questions[q], &slot);
            self.held_total = self.held_total - self.held[q] + held;
            self.held[q] = held;
            self.sheet.set(q, slot);
            let turned = self.asked.changed(self.bank, &self.sheet, self.mode, q);
            for &i in &turned {
                self.tally(i, !self.asked(i), false);
                self.tally(i, self.asked(i), true);
            }
            if !turned.is_empty() && !self.kept_parts.is_empty() {
                self.kept_only = self.kept_only();
            }
        }
        self.cursor = self.next_after(q);
    }

    /// Goes back to the previous asked question (from the end: to the last
    /// one). Returns false, staying put, at the first question.
    pub fn back(&mut self) -> bool {
        let from = self.cursor.map_or(self.order.len(), |q| self.place[q]);
        match self.order[..from].iter().rev().find(|&&i| self.asked(i)) {
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
        let part = self.part_of(q);
        // A part of kept facts only, all passed by, is not shown.
        let hidden = |p: &&usize| **p != part && self.kept_only.contains(p);
        let parts = self.parts.iter().filter(|p| !hidden(p));
        let at = self.place[q];
        let (before, seconds_before) = self.asked_at.before(at);
        let (asked, seconds_asked) = self.asked_at.before(usize::MAX);
        // Those not asked that wait on a question from here on come after.
        let (waited, seconds_waited) = self.waiting.before(at);
        let (waiting, seconds_waiting) = self.waiting.before(usize::MAX);
        Some(Progress {
            part: parts.clone().position(|&p| p == part).map_or(1, |p| p + 1),
            parts: parts.count(),
            number: before + 1,
            total: asked + waiting - waited,
            seconds_left: seconds_asked - seconds_before + seconds_waiting - seconds_waited,
        })
    }

    /// The answers as they count: answers to questions that are no longer
    /// asked (a condition stopped holding after a change) are left out.
    pub fn finished_sheet(&self) -> AnswerSheet {
        let mut sheet = self.sheet.clone();
        for (i, &asked) in self.asked.get().iter().enumerate() {
            if !asked {
                sheet.set(i, Slot::Missing);
            }
        }
        sheet
    }

    fn next_after(&self, q: usize) -> Option<usize> {
        self.from(self.place[q] + 1)
            .find(|&i| self.asked(i) && !self.kept.get(i).is_some_and(|&k| k))
    }
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/flow.rs"]
mod tests;
