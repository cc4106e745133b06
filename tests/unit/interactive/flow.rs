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

/// Test helpers: what the flow decided, looked at from outside.
impl Flow<'_> {
    /// Whether question `q` is asked, given the answers so far.
    fn is_asked(&self, q: usize) -> bool {
        self.asked.get().get(q).copied().unwrap_or(false)
    }

    /// The asked questions, in order.
    fn path(&self) -> Vec<usize> {
        (0..self.order.len()).filter(|&i| self.asked(i)).collect()
    }

    /// How many asked questions have an answer or a skip.
    pub fn done(&self) -> usize {
        (0..self.order.len())
            .filter(|&i| self.asked(i) && *self.sheet.slot(i) != Slot::Missing)
            .count()
    }
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
    assert!(p.part == 1 && p.parts == 2, "{p:?}");
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

/// The built-in bank and a sheet of the facts about a part-time single
/// mother on shifts (YAML answers).
fn her_facts() -> (Bank, AnswerSheet) {
    let bank = bank::load(&BankSource::BuiltIn).expect("built-in bank").0;
    let yaml = "about_parent_route: gave_birth\nabout_household: solo\n\
                about_career_intent: steady\nabout_stage: back_longer\n\
                flex_pt_interest: already\nkids_ages: [preschool, school]\nhome_shape: solo\n";
    let sheet = crate::answers::parse(&bank, yaml, Path::new("facts.yaml")).expect("answers");
    (bank, sheet)
}

/// The part and count of each question a prospective flow asks, skipping
/// every question from the one it stands at.
fn parts_seen(mut flow: Flow) -> Vec<(usize, usize, String)> {
    let mut seen = Vec::new();
    while let (Some(q), Some(p)) = (flow.current(), flow.progress()) {
        seen.push((p.part, p.parts, flow.bank().questions[q].id.clone()));
        flow.answer(Slot::Skipped);
    }
    seen
}

/// About an employer, the facts about you come first, as one part; the
/// part numbers then rise one by one, with the same count throughout
/// (review S1: "Part 1 of 9" twice for two parts, and a jump from 7 to 9).
#[test]
fn a_prospective_flow_numbers_its_parts_steadily_with_the_facts_first() {
    let (bank, facts) = her_facts();
    for keep in [false, true] {
        let mut flow = Flow::new(&bank, Mode::Prospective, facts.clone());
        match keep {
            true => flow.keep_given(),
            false => flow.restart(),
        }
        let seen = parts_seen(flow);
        let count = seen[0].1;
        assert_eq!(count, if keep { 8 } else { 9 }, "{seen:?}");
        assert_eq!(seen[0].0, 1, "{seen:?}");
        for w in seen.windows(2) {
            assert_eq!(w[1].1, count, "{seen:?}");
            assert!(w[1].0 == w[0].0 || w[1].0 == w[0].0 + 1, "{seen:?}");
        }
        assert_eq!(seen.last().unwrap().0, count, "{seen:?}");
        let facts_part: Vec<&str> = seen
            .iter()
            .filter(|s| s.0 == 1)
            .map(|s| s.2.as_str())
            .collect();
        match keep {
            // Kept, the facts are passed by: the first part is the work.
            true => assert!(facts_part.iter().all(|q| {
                !bank.questions[bank.questions.iter().position(|x| x.id == *q).unwrap()].personal
            })),
            false => assert_eq!(
                facts_part[..7],
                [
                    "about_parent_route",
                    "about_household",
                    "about_career_intent",
                    "about_stage",
                    "flex_pt_interest",
                    "kids_ages",
                    "home_shape"
                ],
                "{seen:?}"
            ),
        }
    }
}

/// [`Flow::progress`] worked out from its definition, question by
/// question (as it was before it was kept up to date answer by answer).
fn progress_by_definition(flow: &Flow) -> Option<Progress> {
    let q = flow.current()?;
    let asked = crate::scoring::evaluate(flow.bank, &flow.sheet, flow.mode).asked;
    let in_mode = |i: usize| flow.mode.includes(&flow.bank.questions[i]);
    let place = |q: usize| flow.order.iter().position(|&i| i == q).unwrap();
    let kept = |i: usize| flow.kept.get(i).is_some_and(|&k| k) && asked[i];
    let part = flow.part_of(q);
    let mut parts: Vec<usize> = Vec::new();
    for &i in flow.order.iter().filter(|&&i| in_mode(i)) {
        parts.extend(Some(flow.part_of(i)).filter(|p| !parts.contains(p)));
    }
    let in_part = |p: usize| {
        flow.order
            .iter()
            .copied()
            .filter(move |&i| flow.part_of(i) == p)
    };
    parts.retain(|&p| {
        p == part || !in_part(p).any(kept) || in_part(p).any(|i| asked[i] && !kept(i))
    });
    let at = place(q);
    let before = flow.order[..at].iter().filter(|&&i| asked[i]).count();
    let pending = |i: usize| {
        let mut named = Vec::new();
        if let Some(when) = &flow.bank.questions[i].when {
            when.referenced_questions(&mut named);
        }
        named.iter().any(|&r| place(r) >= at && in_mode(r))
    };
    let (mut total, mut seconds_left) = (before, 0);
    for &i in &flow.order[at..] {
        if asked[i] || (in_mode(i) && pending(i)) {
            total += 1;
            seconds_left += crate::estimate::seconds_for(&flow.bank.questions[i]);
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

/// The `pick`th answer of `q`, or a skip.
fn some_answer(q: &crate::bank::Question, pick: usize) -> Slot {
    use crate::bank::Kind;
    let id = |o: &[crate::bank::Choice]| o[pick % o.len()].id.clone();
    Slot::Given(match &q.kind {
        _ if pick == 0 => return Slot::Skipped,
        Kind::Choice(o) => Answer::Choice(id(o)),
        Kind::Multi(o) => Answer::Multi(vec![id(o)]),
        Kind::YesNo(_) => Answer::YesNo(pick.is_multiple_of(2)),
        Kind::Scale(s) => Answer::Scale(s.min + (pick as i64) % (s.max - s.min + 1)),
        Kind::Text => Answer::Text("words".into()),
    })
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 64,
        failure_persistence: None,
        ..Default::default()
    })]

    /// Walks through the built-in bank, answering (each option, a skip),
    /// going back and changing answers, in every mode, with and without
    /// facts kept from an earlier result: what is asked, where the flow
    /// stands and the progress line are what their definitions say.
    #[test]
    fn the_flow_kept_up_to_date_agrees_with_its_definition(
        mode in 0..4usize,
        steps in proptest::collection::vec((0..10usize, 0..8usize), 1..120),
    ) {
        let (bank, facts) = her_facts();
        let (mode, kept) = match mode {
            0 => (Mode::Full, false),
            1 => (Mode::Quick, false),
            2 => (Mode::Prospective, false),
            _ => (Mode::Prospective, true),
        };
        let mut flow = Flow::new(&bank, mode, if kept { facts } else { AnswerSheet::new(&bank) });
        if kept {
            flow.keep_given();
        }
        for (what, pick) in steps {
            let Some(q) = flow.current() else { break };
            match what {
                0 | 1 => {
                    flow.back();
                }
                _ => {
                    flow.answer(some_answer(&bank.questions[q], pick));
                }
            }
            let whole = crate::scoring::evaluate(&bank, &flow.sheet, mode).asked;
            proptest::prop_assert_eq!(flow.asked.get(), &whole[..]);
            proptest::prop_assert_eq!(flow.progress(), progress_by_definition(&flow));
        }
    }
}
