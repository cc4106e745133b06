use super::*;

#[test]
fn json_parses_back_to_the_same_text() {
    let text = "<script>alert(1)</script> & a | b \u{1b}[31m";
    let json = to_json(&serde_json::json!({ "notes": text }));
    assert!(!json.contains('<') && !json.contains('&'), "{json}");
    assert!(!json.contains('\u{1b}'), "{json}");
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["notes"], text);
}
