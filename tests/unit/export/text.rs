use super::*;

#[test]
fn wrap_keeps_words_whole_and_indents() {
    let w = wrap("one two three four five six seven", 28, "  ");
    assert!(
        w.lines()
            .all(|l| l.starts_with("  ") && l.chars().count() <= 28),
        "{w}"
    );
    assert_eq!(w.split_whitespace().count(), 7);
}

#[test]
fn bars_and_scores() {
    assert_eq!(bar(63.4), "██████░░░░");
    assert_eq!(bar(100.0), "██████████");
    assert_eq!(super::super::format_score(70.0), "70.0");
    assert_eq!(super::super::format_score(63.4), "63.4");
    assert_eq!(super::super::format_score(-0.0), "0.0");
}
