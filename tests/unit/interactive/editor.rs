use super::{Key, Line, MAX_TYPED, PROMPT};
use crate::wrap::width_of;

/// Texts with short words, long words, runs of spaces and wide characters.
fn texts() -> Vec<String> {
    vec![
        "Dana covers the Monday rota when the nursery calls, and I pay her back on Fridays".into(),
        format!("see {} then", "x".repeat(70)),
        "two  spaces   three    four     five".into(),
        "育児休業 の 後 に 戻る 予定 です が まだ わかりません".into(),
        "ends with spaces     ".into(),
    ]
}

#[test]
fn rows_break_between_words_and_show_every_character_in_order() {
    for text in texts() {
        for width in 8..=60 {
            let line = Line::new(&text);
            let (rows, _) = line.layout(width);
            let room = width.max(width_of(PROMPT) + 2) - width_of(PROMPT);
            let bodies: Vec<String> = rows
                .iter()
                .map(|r| r.chars().skip(PROMPT.chars().count()).collect())
                .collect();
            for b in &bodies {
                assert!(width_of(b) <= room, "{width}: {b:?} in {rows:?}");
            }
            // Every character but spaces, in order.
            let shown: String = bodies.concat().chars().filter(|c| *c != ' ').collect();
            let kept: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(shown, kept, "{width}: {rows:?}");
            // Words are whole on their row, but those wider than a row.
            let words: Vec<&str> = text.split(' ').collect();
            for token in bodies.iter().flat_map(|b| b.split(' ')) {
                assert!(
                    token.is_empty()
                        || words.contains(&token)
                        || words
                            .iter()
                            .any(|w| width_of(w) > room && w.contains(token)),
                    "{width}: {token:?} is not a word of {text:?}: {rows:?}"
                );
            }
        }
    }
}

#[test]
fn the_cursor_is_on_its_character_in_every_place() {
    for text in texts() {
        for width in [10, 23, 40] {
            let mut line = Line::new(&text);
            let (rows, _) = line.layout(width);
            for at in (0..=text.chars().count()).rev() {
                line.cursor = at;
                let (now, (row, col)) = line.layout(width);
                assert!(row < now.len() && col <= width, "{width} {at}: {now:?}");
                let c = text.chars().nth(at);
                if let Some(c) = c.filter(|c| *c != ' ') {
                    let under: String = now[row].chars().skip(col).take(1).collect();
                    assert!(
                        width_of(&now[row][..]) >= col && under == c.to_string()
                            || width_of(&c.to_string()) > 1,
                        "{width} {at}: {c:?} not under the cursor ({row}, {col}) in {now:?}"
                    );
                }
            }
            assert!(rows.len() <= text.chars().count() + 1);
        }
    }
}

#[test]
fn backspace_takes_a_whole_glyph() {
    use super::super::keys::Key;
    for (text, left) in [
        ("mum 👩\u{200d}👧", "mum "),
        ("café\u{301}", "caf"),
        ("ok 👍🏽", "ok "),
        ("a b", "a "),
    ] {
        let mut line = Line::new(text);
        line.key(&Key::Backspace);
        assert_eq!(line.text(), left, "{text:?}");
    }
}

#[test]
fn a_line_keeps_at_most_the_characters_an_answer_keeps() {
    let mut l = Line::new(&"a".repeat(MAX_TYPED - 2));
    l.key(&Key::Home);
    // A paste in the middle keeps what fits, in order, before the rest.
    l.insert("xyz\tw");
    let text = l.text();
    assert_eq!(text.chars().count(), MAX_TYPED);
    assert!(text.starts_with("xya"), "{}", &text[..10]);
    l.insert("more");
    assert_eq!(l.text(), text);
}
