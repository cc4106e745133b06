use super::*;

#[test]
fn words_stay_whole_and_paragraphs_apart() {
    assert_eq!(
        lines("one two three four\n\nfive", 10, "", "", Breaks::Words),
        ["one two", "three four", "", "five"].map(String::from)
    );
}

#[test]
fn display_width_counts_wide_characters_and_ignores_colour() {
    let text = "\x1b[1mbold\x1b[0m 日本語 words that go on and on";
    for l in lines(text, 22, "  ", "    ", Breaks::Words) {
        assert!(width_of(&l) <= 22, "{l:?}");
    }
    assert_eq!(width_of("日本"), 4);
    assert_eq!(width_of("\x1b[1mbold\x1b[0m"), 4);
    assert_eq!(cut("日本語です", 6), "日本…");
    assert_eq!(cut("short", 5), "short");
    assert_eq!(cut("longer", 5), "long…");
}

#[test]
fn hanging_indents_and_no_mid_word_breaks() {
    let text = "Realistically, how would your manager react to a request for part-time work?";
    let out = block(text, 30, "  1. ", "     ");
    assert!(out.starts_with("  1. Realistically,"), "{out}");
    for l in out.lines().skip(1) {
        assert!(l.starts_with("     ") && !l.starts_with("      "), "{l:?}");
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    assert!(words.contains(&"Realistically,"), "{out}");
    assert!(out.lines().all(|l| width_of(l) <= 30), "{out}");
}

#[test]
fn hyphenated_words_stay_whole() {
    let text = "a well-known long-standing family-friendly employer: part-time work";
    for breaks in [Breaks::Words, Breaks::Spaces] {
        for width in 12..40 {
            for l in lines(text, width, "", "", breaks) {
                assert!(!l.ends_with('-'), "{width} {breaks:?}: {l:?}");
            }
        }
    }
}

#[test]
fn a_long_path_breaks_after_a_slash_not_where_the_line_ends() {
    let text = "Your result is saved in /tmp/t2/st-e40/result-2026-12-06-110450.json.";
    for width in 30..=70 {
        let out = lines(text, width, "", "", Breaks::Spaces);
        assert!(out.iter().all(|l| width_of(l) <= width), "{width}: {out:?}");
        assert_eq!(
            out.concat().replace("in/", "in /"),
            text,
            "{width}: {out:?}"
        );
        for l in &out[..out.len() - 1] {
            assert!(
                l.ends_with('/') || l.ends_with(" in") || l.ends_with(" saved"),
                "{width}: {out:?}"
            );
        }
    }
    // A path's leading `/` stays with the folder after it.
    let text = "Stopped. Your 24 answers are saved in /work/rev/term5/state/mommytrack/draft.json.";
    for width in 30..=90 {
        let out = lines(text, width, "", "", Breaks::Spaces);
        assert!(out.iter().all(|l| !l.ends_with(" /")), "{width}: {out:?}");
    }
    // A short path stays whole, and one that fits a line of its own.
    assert_eq!(
        lines("Saved ~/copy.md.", 12, "", "", Breaks::Spaces),
        ["Saved", "~/copy.md."].map(String::from)
    );
    assert_eq!(
        lines(
            "Your answers are saved in /tmp/t4/st/draft.json.",
            39,
            "",
            "",
            Breaks::Spaces
        ),
        ["Your answers are saved in", "/tmp/t4/st/draft.json."].map(String::from)
    );
}
