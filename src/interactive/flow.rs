//! The question flow, with no terminal in sight: which questions are asked
//! given the answers so far, in what order, where "back" goes, and where a
//! resumed session starts. The prompters only show what this decides.
//!
//! The flow walks the bank in order with a cursor. A question is on the
//! path when the scorer would ask it ([`scoring::evaluate`]'s `asked`) for
//! the answers given so far; conditions only name earlier questions, so
//! answering a question can change only what comes after it.

use crate::answers::{AnswerSheet, Slot};
use crate::bank::Bank;
use crate::scoring::{self, Mode};

/// The current question's place: "Part 2 of 9", "question 7 of 40".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub part: usize,
    pub parts: usize,
    pub number: usize,
    pub total: usize,
    /// False while some questions still depend on answers to come: the
    /// total is then an upper bound ("up to 40").
    pub exact: bool,
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
}

impl<'b> Flow<'b> {
    /// A flow over `sheet`'s answers, positioned at the first asked question
    /// that has no answer yet: the start for an empty sheet, the place
    /// where an interrupted session stopped for a draft.
    pub fn new(bank: &'b Bank, mode: Mode, sheet: AnswerSheet) -> Self {
        let mut flow = Flow {
            bank,
            mode,
            sheet,
            asked: Vec::new(),
            cursor: None,
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

    /// Whether question `q` is asked, given the answers so far.
    #[cfg(test)]
    fn is_asked(&self, q: usize) -> bool {
        self.asked.get(q).copied().unwrap_or(false)
    }

    /// The asked questions, in order.
    #[cfg(test)]
    fn path(&self) -> Vec<usize> {
        (0..self.asked.len()).filter(|&i| self.asked[i]).collect()
    }

    /// The first asked question with no answer (not even a skip).
    fn resume_position(&self) -> Option<usize> {
        (0..self.asked.len()).find(|&i| self.asked[i] && *self.sheet.slot(i) == Slot::Missing)
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
        let from = self.cursor.unwrap_or(self.asked.len());
        match (0..from).rev().find(|&i| self.asked[i]) {
            Some(p) => {
                self.cursor = Some(p);
                true
            }
            None => false,
        }
    }

    /// Where the current question stands: its part (set) among the parts
    /// this mode asks, and its place among the questions. The count is
    /// honest and never grows as the person answers: it counts the
    /// questions asked so far and those still to come that are asked or may
    /// yet be (their condition names a question not reached yet), so it
    /// shrinks as conditions are settled and is exact once none is pending.
    pub fn progress(&self) -> Option<Progress> {
        let q = self.cursor?;
        let in_mode = |i: usize| self.mode.includes(&self.bank.questions[i]);
        let parts: Vec<usize> = (0..self.bank.sets.len())
            .filter(|&s| self.bank.sets[s].questions.clone().any(in_mode))
            .collect();
        let set = self.bank.questions[q].set;
        let before = self.asked[..q].iter().filter(|&&a| a).count();
        let pending = |i: usize| {
            let mut named = Vec::new();
            if let Some(when) = &self.bank.questions[i].when {
                when.referenced_questions(&mut named);
            }
            named.iter().any(|&r| r >= q && in_mode(r))
        };
        let (mut total, mut exact, mut seconds_left) = (before, true, 0);
        for i in q..self.asked.len() {
            if self.asked[i] {
                total += 1;
            } else if in_mode(i) && pending(i) {
                total += 1;
                exact = false;
            } else {
                continue;
            }
            seconds_left += crate::estimate::seconds_for(&self.bank.questions[i]);
        }
        Some(Progress {
            part: parts.iter().position(|&s| s == set).map_or(1, |p| p + 1),
            parts: parts.len(),
            number: before + 1,
            total,
            exact,
            seconds_left,
        })
    }

    /// How many asked questions have an answer or a skip.
    #[cfg(test)]
    pub fn done(&self) -> usize {
        (0..self.asked.len())
            .filter(|&i| self.asked[i] && *self.sheet.slot(i) != Slot::Missing)
            .count()
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
        (q + 1..self.asked.len()).find(|&i| self.asked[i])
    }

    fn refresh(&mut self) {
        self.asked = scoring::evaluate(self.bank, &self.sheet, self.mode).asked;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::bank::{self, BankSource};
    use std::path::Path;

    fn mini() -> Bank {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        bank::load(&BankSource::Dir(dir))
            .expect("mini bank loads")
            .0
    }

    fn ids(bank: &Bank, qs: &[usize]) -> Vec<String> {
        qs.iter().map(|&q| bank.questions[q].id.clone()).collect()
    }

    fn current_id(flow: &Flow) -> Option<String> {
        flow.current().map(|q| flow.bank().questions[q].id.clone())
    }

    fn place(flow: &Flow) -> Option<(usize, usize)> {
        flow.progress().map(|p| (p.number, p.total))
    }

    fn yes() -> Slot {
        Slot::Given(Answer::YesNo(true))
    }
    fn no() -> Slot {
        Slot::Given(Answer::YesNo(false))
    }

    #[test]
    fn full_mode_starts_at_the_first_question_without_the_conditional_one() {
        let bank = mini();
        let flow = Flow::new(&bank, Mode::Full, AnswerSheet::new(&bank));
        assert_eq!(current_id(&flow).as_deref(), Some("has_manager"));
        // boss_early_leave waits for has_manager = true.
        assert_eq!(
            ids(&bank, &flow.path()),
            [
                "has_manager",
                "boss_understands",
                "boss_late_email",
                "flex_options",
                "considering_part_time",
                "notes"
            ]
        );
        assert_eq!(place(&flow), Some((1, 7)));
        // The conditional question may come: "up to 7", in part 1 of 2.
        let p = flow.progress().unwrap();
        assert!(!p.exact && p.part == 1 && p.parts == 2, "{p:?}");
    }

    #[test]
    fn a_condition_appears_and_disappears_as_the_answer_changes() {
        let bank = mini();
        let mut flow = Flow::new(&bank, Mode::Full, AnswerSheet::new(&bank));
        flow.answer(yes());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_early_leave"));
        assert_eq!(place(&flow), Some((2, 7)));
        flow.answer(Slot::Given(Answer::Choice("explain".into())));
        assert_eq!(current_id(&flow).as_deref(), Some("boss_understands"));
        assert_eq!(place(&flow), Some((3, 7)));

        // Back twice, to has_manager; change it to "no".
        assert!(flow.back());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_early_leave"));
        assert!(flow.back());
        assert_eq!(current_id(&flow).as_deref(), Some("has_manager"));
        flow.answer(no());
        // The conditional question is gone from the path and the count.
        assert_eq!(current_id(&flow).as_deref(), Some("boss_understands"));
        assert_eq!(place(&flow), Some((2, 6)));
        assert!(!flow.is_asked(bank.question_position("boss_early_leave").unwrap()));
        // Its earlier answer is kept for if it comes back, but does not count.
        let q = bank.question_position("boss_early_leave").unwrap();
        assert!(flow.sheet().get(q).is_some());
        assert_eq!(*flow.finished_sheet().slot(q), Slot::Missing);

        // Back to has_manager and "yes" again: it reappears, preselected.
        assert!(flow.back());
        flow.answer(yes());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_early_leave"));
        assert_eq!(flow.sheet().get(q), Some(&Answer::Choice("explain".into())));
    }

    #[test]
    fn skipping_the_condition_hides_the_conditional_question() {
        let bank = mini();
        let mut flow = Flow::new(&bank, Mode::Full, AnswerSheet::new(&bank));
        flow.answer(Slot::Skipped);
        assert_eq!(current_id(&flow).as_deref(), Some("boss_understands"));
        assert_eq!(flow.done(), 1);
        assert_eq!(*flow.sheet().slot(0), Slot::Skipped);
    }

    #[test]
    fn back_stays_put_at_the_first_question_and_goes_to_the_last_from_the_end() {
        let bank = mini();
        let mut flow = Flow::new(&bank, Mode::Quick, AnswerSheet::new(&bank));
        // Quick: only core questions; boss_early_leave's condition names a
        // question quick mode does not ask, so it is not asked either.
        assert_eq!(
            ids(&bank, &flow.path()),
            ["boss_understands", "flex_options"]
        );
        assert!(!flow.back());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_understands"));
        flow.answer(Slot::Given(Answer::Scale(4)));
        flow.answer(Slot::Given(Answer::Multi(vec!["remote".into()])));
        assert!(flow.current().is_none());
        assert_eq!(place(&flow), None);
        assert!(flow.back());
        assert_eq!(current_id(&flow).as_deref(), Some("flex_options"));
        assert_eq!(place(&flow), Some((2, 2)));
        // Answering again finishes again.
        flow.answer(Slot::Skipped);
        assert!(flow.current().is_none());
        assert_eq!(flow.done(), 2);
    }

    #[test]
    fn resume_starts_at_the_first_unanswered_asked_question() {
        let bank = mini();
        let mut sheet = AnswerSheet::new(&bank);
        sheet.set(0, yes());
        sheet.set(1, Slot::Skipped);
        sheet.set(2, Slot::Given(Answer::Scale(3)));
        let flow = Flow::new(&bank, Mode::Full, sheet.clone());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_late_email"));
        assert_eq!(place(&flow), Some((4, 7)));
        assert_eq!(flow.done(), 3);
        // Back from a resumed position goes to the answers before it.
        let mut flow = flow;
        assert!(flow.back());
        assert_eq!(current_id(&flow).as_deref(), Some("boss_understands"));

        // With has_manager = no, the skipped conditional question no longer
        // counts and the position is the same.
        sheet.set(0, no());
        let flow = Flow::new(&bank, Mode::Full, sheet);
        assert_eq!(current_id(&flow).as_deref(), Some("boss_late_email"));
        assert_eq!(place(&flow), Some((3, 6)));
    }

    #[test]
    fn a_complete_sheet_resumes_finished() {
        let bank = mini();
        let mut sheet = AnswerSheet::new(&bank);
        for q in [2, 4] {
            sheet.set(q, Slot::Skipped);
        }
        let flow = Flow::new(&bank, Mode::Quick, sheet);
        assert!(flow.current().is_none());
        assert_eq!(flow.resume_position(), None);
    }
}
