use mommytrack_engine::result::{AssessmentResult, Lookup, round1};
use mommytrack_engine::scoring::Mode;

#[test]
fn rounds_half_away_from_zero_to_one_decimal() {
    assert_eq!(round1(63.449), 63.4);
    assert_eq!(round1(63.45000001), 63.5);
    assert_eq!(round1(100.0), 100.0);
    assert_eq!(round1(1e-12), 0.0);
}

#[test]
fn modes_in_a_result_read_back_as_types() {
    for m in [Mode::Full, Mode::Quick, Mode::Prospective] {
        assert_eq!(Mode::parse(m.as_str()), Some(m));
        assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
    }
    assert_eq!(Mode::parse("qiuck"), None);
}

#[test]
fn questions_are_looked_up_by_id_the_first_of_twins_first() {
    let text = include_str!("../../../tests/fixtures/results/v1_supportive.json");
    let mut r = AssessmentResult::from_json(text, "r.json").unwrap();
    let first = r.dimensions[0].questions[0].clone();
    let look = Lookup::new(&r);
    assert_eq!(look.question(&first.id), Some(&first));
    assert!(look.question("no_such_question").is_none());
    assert!(look.question("").is_none());
    // The same id twice (a hand-edited result): the first is found.
    let mut twin = first.clone();
    twin.prompt = "the second".into();
    r.dimensions.last_mut().unwrap().questions.push(twin);
    assert_ne!(
        Lookup::new(&r).question(&first.id).unwrap().prompt,
        "the second"
    );
}

#[test]
fn newer_schema_is_refused_with_a_clear_message() {
    let err = AssessmentResult::from_json(r#"{"schema_version": 99}"#, "r.json").unwrap_err();
    assert!(err.message.contains("newer mommytrack"), "{}", err.message);
    assert_eq!(err.kind, mommytrack_engine::error::ExitKind::InvalidData);
}
