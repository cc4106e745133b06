use mommytrack_engine::internals::saved::*;
use serde_json::Value;

fn refusal(json: Value) -> Option<String> {
    check(&json).err().map(|(field, _)| field)
}

#[test]
fn impossible_values_are_named() {
    let r = |v| refusal(v);
    use serde_json::json;
    assert_eq!(
        r(json!({"schema_version": 0})).as_deref(),
        Some("schema_version")
    );
    assert_eq!(
        r(json!({"schema_version": 1, "overall": {"score": 1e308}})).as_deref(),
        Some("overall.score")
    );
    assert_eq!(
        r(json!({"coverage": {"answered": -1, "asked": 3}})).as_deref(),
        Some("coverage.answered")
    );
    assert_eq!(
        r(json!({"coverage": {"answered": 9, "asked": 3}})).as_deref(),
        Some("coverage.answered")
    );
    assert_eq!(
        r(json!({"coverage": {"answered": 1, "asked": 9223372036854775808u64}})).as_deref(),
        Some("coverage.asked")
    );
    assert_eq!(
        r(json!({"dimensions": [{"score": 5, "weight": 1}, {"questions": [{"score": 5000}]}]}))
            .as_deref(),
        Some("dimensions[1].questions[0].score")
    );
    assert_eq!(
        r(json!({"dimensions": [{"weight": -1}]})).as_deref(),
        Some("dimensions[0].weight")
    );
    assert_eq!(
        r(json!({"schema_version": 2, "overall": {"score": null}})),
        None
    );
}

#[test]
fn strings_and_keys_are_made_inert() {
    let mut v = serde_json::json!({"a\u{1b}[31m": ["x\u{202E}y", {"k": "\u{9b}2Jz"}]});
    make_inert(&mut v);
    assert_eq!(v, serde_json::json!({"a": ["xy", {"k": "z"}]}));
}
