use mommytrack_engine::compare::*;
use std::path::Path;

#[test]
fn question_differences_serialise_without_clashing_keys() {
    let q = QuestionDiff {
        id: "q".into(),
        prompt: "Q?".into(),
        dimension: "D".into(),
        shared: false,
        kind: "choice".into(),
        a: "x".into(),
        b: "y".into(),
        b_as_a: None,
        a_label: "X".into(),
        b_label: "Y".into(),
        score: ScoreDiff::new(Some(0.0), Some(100.0)),
    };
    let v = serde_json::to_value(&q).unwrap();
    assert_eq!(v["a"], "x");
    assert_eq!(v["score"]["a"], 0.0);
    assert_eq!(v["score"]["difference"], 100.0);
    let back: QuestionDiff = serde_json::from_value(v).unwrap();
    assert_eq!(back, q);
}

#[test]
fn labels_are_file_names_unless_they_clash() {
    assert_eq!(
        labels(Path::new("x/me.json"), Path::new("partner.json")),
        ("me.json".to_string(), "partner.json".to_string())
    );
    assert_eq!(
        labels(Path::new("2025/me.json"), Path::new("2026/me.json")),
        ("2025/me.json".to_string(), "2026/me.json".to_string())
    );
}

#[test]
fn differences_are_b_minus_a_and_null_without_both() {
    let d = ScoreDiff::new(Some(40.0), Some(52.5));
    assert_eq!(d.difference, Some(12.5));
    assert_eq!(ScoreDiff::new(None, Some(1.0)).difference, None);
    assert_eq!(
        ScoreDiff::new(Some(70.3), Some(60.1)).difference,
        Some(-10.2)
    );
}
