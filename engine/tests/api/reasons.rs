use mommytrack_engine::bank::Answer;
use mommytrack_engine::bank::{Condition, Facts, Reasons, Test};

#[test]
fn context_answers_are_named_only_when_nothing_else_is_a_reason() {
    let mut r = Reasons::default();
    r.context = vec![0];
    assert_eq!(r.questions(), [0]);
    r.overall = true;
    assert_eq!(r.questions(), Vec::<usize>::new());
    r.overall = false;
    r.flags.push(2);
    assert_eq!(r.questions(), Vec::<usize>::new());
    r.evidence = vec![5, 3, 5];
    assert_eq!(r.questions(), [3, 5]);
}

#[test]
fn options_are_kept_only_for_named_questions_without_repeats() {
    let mut r = Reasons::default();
    r.evidence = vec![4];
    r.context = vec![1];
    r.options = vec![
        (4, "b".into()),
        (1, "x".into()),
        (4, "a".into()),
        (4, "b".into()),
    ];
    assert_eq!(
        r.options_by_question(),
        [(4, vec!["b".to_string(), "a".to_string()])]
    );
}

/// Question 0 answered "a", scored; 1 asked but skipped; 2 not asked;
/// 3 a profile answer "p".
struct Sheet;
impl Facts for Sheet {
    fn answer(&self, q: usize) -> Option<&Answer> {
        static A: std::sync::LazyLock<Answer> =
            std::sync::LazyLock::new(|| Answer::Choice("a".into()));
        static P: std::sync::LazyLock<Answer> =
            std::sync::LazyLock::new(|| Answer::Choice("p".into()));
        match q {
            0 => Some(&A),
            3 => Some(&P),
            _ => None,
        }
    }
    fn asked(&self, q: usize) -> bool {
        q != 2
    }
    fn is_scored(&self, q: usize) -> bool {
        q == 0
    }
    fn is_profile(&self, q: usize) -> bool {
        q == 3
    }
}

fn is(question: usize, v: &str) -> Condition {
    Condition::Answer {
        question,
        test: Test::Is(Answer::Choice(v.into())),
    }
}

fn why(c: &Condition) -> Vec<usize> {
    assert!(c.holds(&Sheet), "{c:?}");
    let mut r = Reasons::default();
    c.because(&Sheet, &mut r);
    r.questions()
}

#[test]
fn a_question_without_an_answer_does_not_explain_a_not() {
    let not = |c| Condition::Not(Box::new(c));
    // Not asked, or skipped: `not` holds by absence alone.
    assert_eq!(why(&not(is(2, "x"))), Vec::<usize>::new());
    assert_eq!(why(&not(is(1, "x"))), Vec::<usize>::new());
    // Answered otherwise: that answer is the reason.
    assert_eq!(why(&not(is(0, "x"))), [0]);
    // Beside a real reason, the absent ones add nothing.
    let c = Condition::All(vec![is(3, "p"), not(is(2, "x")), not(is(0, "x"))]);
    assert_eq!(why(&c), [0]);
    // `not all`: only the failing part; `not not`: the inner reasons.
    assert_eq!(why(&not(Condition::All(vec![is(3, "p"), is(0, "x")]))), [0]);
    assert_eq!(why(&not(not(is(0, "a")))), [0]);
}

#[test]
fn an_unasked_question_is_never_a_reason_for_not_being_answered() {
    let unanswered = |question| Condition::Answer {
        question,
        test: Test::Answered(false),
    };
    assert_eq!(why(&unanswered(2)), Vec::<usize>::new());
    assert_eq!(why(&unanswered(1)), [1]);
}

#[test]
fn profile_answers_are_named_only_when_nothing_else_is() {
    assert_eq!(why(&is(3, "p")), [3]);
    let gate_too = Condition::All(vec![is(3, "p"), unanswered_gate()]);
    assert_eq!(why(&gate_too), [1]);
    assert_eq!(why(&Condition::All(vec![is(3, "p"), is(0, "a")])), [0]);
}

fn unanswered_gate() -> Condition {
    Condition::Answer {
        question: 1,
        test: Test::Answered(false),
    }
}

/// Flags raised and an overall score, for [`Condition::turned`].
struct Signs(Vec<bool>, f64);
impl Facts for Signs {
    fn answer(&self, _: usize) -> Option<&Answer> {
        None
    }
    fn flag_raised(&self, f: usize) -> bool {
        self.0[f]
    }
    fn overall_score(&self) -> Option<f64> {
        Some(self.1)
    }
}

/// A condition over flags 0..8 and the overall score (each named at most
/// once), of every shape: `all`, `any`, `not`.
fn shapes() -> impl proptest::strategy::Strategy<Value = Condition> {
    use mommytrack_engine::bank::Bounds;
    use proptest::prelude::*;
    let leaf = prop_oneof![
        (0..8usize).prop_map(Condition::Flag),
        (0.0..100.0f64).prop_map(|b| Condition::Overall(Bounds {
            below: Some(b),
            at_least: None
        })),
    ];
    leaf.prop_recursive(4, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Condition::All),
            prop::collection::vec(inner.clone(), 1..4).prop_map(Condition::Any),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
    .prop_filter("each leaf once", |c| {
        let mut leaves = Vec::new();
        walk(c, &mut |l| {
            leaves.push(match l {
                Condition::Flag(f) => f.to_string(),
                _ => "overall".into(),
            })
        });
        let n = leaves.len();
        leaves.sort();
        leaves.dedup();
        n == leaves.len()
    })
}

fn walk(c: &Condition, f: &mut dyn FnMut(&Condition)) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, f)),
        Condition::Not(c) => walk(c, f),
        leaf => f(leaf),
    }
}

proptest::proptest! {
    /// What turned a condition is what moved: every part named moved
    /// between the two sets of facts, and putting those parts back as they
    /// were turns the whole back; nothing is named when it did not move.
    #[test]
    fn the_parts_that_turned_a_condition_moved_and_turn_it_back(
        c in shapes(),
        then in (proptest::collection::vec(proptest::bool::ANY, 8), 0.0..100.0f64),
        now in (proptest::collection::vec(proptest::bool::ANY, 8), 0.0..100.0f64),
    ) {
        let (then, now) = (Signs(then.0, then.1), Signs(now.0, now.1));
        let (was, is) = (c.holds_each(&then), c.holds_each(&now));
        let turned = c.turned(&was, &is);
        proptest::prop_assert_eq!(turned.is_empty(), was[0] == is[0]);
        let mut back = Signs(now.0.clone(), now.1);
        for leaf in &turned {
            proptest::prop_assert_ne!(leaf.holds(&then), leaf.holds(&now));
            match leaf {
                Condition::Flag(f) => back.0[*f] = then.0[*f],
                _ => back.1 = then.1,
            }
        }
        proptest::prop_assert_eq!(c.holds(&back), was[0]);
    }
}

proptest::proptest! {
    /// The merged bounds of one dimension place a score as the bounds one by
    /// one would: within one that looks down (`below`), within one that
    /// only looks up (`at_least`).
    #[test]
    fn spans_place_a_score_as_each_bound_would(
        bounds in proptest::collection::vec(
            (proptest::option::of(0u8..=100), proptest::option::of(0u8..=100)),
            1..12,
        ),
        scores in proptest::collection::vec(0u16..=1000, 1..40),
    ) {
        use mommytrack_engine::bank::{Bounds, Spans};
        let bounds: Vec<Bounds> = (bounds.into_iter())
            .filter(|(b, a)| b.is_some() || a.is_some())
            .map(|(b, a)| Bounds { below: b.map(f64::from), at_least: a.map(f64::from) })
            .collect();
        let spans = Spans::of(&bounds);
        for s in scores {
            let s = f64::from(s) / 10.0;
            let holds = |b: &Bounds| {
                b.below.is_none_or(|x| s < x) && b.at_least.is_none_or(|x| s >= x)
            };
            let low = bounds.iter().any(|b| b.below.is_some() && holds(b));
            let high = bounds.iter().any(|b| b.below.is_none() && holds(b));
            proptest::prop_assert_eq!(spans.place(s), (low, high), "{} in {:?}", s, bounds);
        }
    }
}
