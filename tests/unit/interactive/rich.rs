use super::screenfuls;

#[test]
fn the_intro_comes_in_screenfuls_of_whole_paragraphs() {
    let text = "one two three four five six\n\nseven eight\n\nnine ten eleven twelve";
    // At 12 columns: 3 lines, 1, 2 (with gaps between paragraphs).
    let pages = screenfuls(text, 12, 5);
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert_eq!(pages[0].len(), 5, "{pages:?}");
    assert!(pages.iter().all(|p| p.len() <= 5), "{pages:?}");
    let all: Vec<&String> = pages.iter().flatten().collect();
    assert!(all.iter().any(|l| l.contains("twelve")), "{pages:?}");
    assert_eq!(screenfuls(text, 100, 20).len(), 1);
}
