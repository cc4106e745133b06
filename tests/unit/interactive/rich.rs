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

#[test]
fn an_echo_fits_its_width_and_the_answer_comes_first() {
    use super::{echo_line, fit_list};
    use crate::wrap::width_of;
    let q = "Where do you work, and under which country's rules?";
    let ticks: Vec<String> = ["Remote days", "Flexible hours", "Part-time"]
        .map(String::from)
        .to_vec();
    let one = vec!["A country of the European Union, or of the EEA".to_string()];
    for width in 20..=100 {
        for answer in [&one, &ticks] {
            let line = echo_line(q, answer, width);
            assert!(width_of(&line) <= width, "{width}: {line}");
            let (_, said) = line.split_once(" · ").unwrap();
            assert!(said.starts_with(&answer[0][..1]), "{width}: {line}");
        }
        // A cut answer has all the room but the question's third.
        let line = echo_line(q, &one, width);
        let (_, said) = line.split_once(" · ").unwrap();
        let room = width - 5;
        if said.contains('…') {
            assert_eq!(width_of(said), room - room / 3, "{width}: {line}");
        }
    }
    assert_eq!(
        echo_line("Which?", &ticks, 80),
        "✔ Which? · Remote days; Flexible hours; Part-time"
    );
    assert_eq!(
        echo_line(q, &ticks, 40),
        "✔ Where do you wo… · Remote days +2 more"
    );
    assert_eq!(fit_list(&ticks, 23), "Remote days +2 more");
    assert_eq!(fit_list(&ticks, 10), "R… +2 more");
}
