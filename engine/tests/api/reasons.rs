use mommytrack_engine::bank::Answer;
use mommytrack_engine::bank::{Condition, Facts, Reasons, Test};

#[test]
fn context_answers_are_named_only_when_nothing_else_is_a_reason() {
    let mut r = Reasons {
        context: vec![0],
        ..Reasons::default()
    };
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
    let r = Reasons {
        evidence: vec![4],
        context: vec![1],
        options: vec![
            (4, "b".into()),
            (1, "x".into()),
            (4, "a".into()),
            (4, "b".into()),
        ],
        ..Reasons::default()
    };
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
