use super::*;

#[test]
fn csv_text_is_quoted_and_never_starts_a_formula() {
    assert_eq!(csv_text("boss"), "\"boss\"");
    assert_eq!(csv_text("a \"b\", c"), "\"a \"\"b\"\", c\"");
    for evil in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"] {
        assert!(csv_text(evil).starts_with("\"'"), "{evil}");
    }
    assert!(!csv_text("a\u{1b}[31m").contains('\u{1b}'));
}

#[test]
fn csv_numbers_stay_numbers() {
    assert_eq!(csv_num(Some(-1.0)), "-1");
    assert_eq!(csv_num(Some(0.8512)), "0.8512");
    assert_eq!(csv_num(None), "");
}

#[test]
fn numbers_keep_their_decimals() {
    assert_eq!(num(Some(57.0), 1), text("57.0"));
    assert_eq!(num(Some(3.625), 2), text("3.62"));
    assert_eq!(num(None, 1), muted("–"));
}
