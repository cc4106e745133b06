use super::*;

#[test]
fn terminal_safe_defuses_escape_sequences() {
    assert_eq!(terminal_safe("a\x1b[31mred\x07\nb"), "ared\nb");
}
