use mommytrack_engine::sanitize::{MAX_NAME, id, inline, is_inert, text};
use std::borrow::Cow;

#[test]
fn escape_sequences_go_whole() {
    assert_eq!(text("a\x1b[31mred\x1b[0m\x07\nb"), "ared\nb");
    assert_eq!(
        text("x\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x07y"),
        "xlinky"
    );
    assert_eq!(text("clip\x1b]52;c;ZXZpbA==\x07!"), "clip!");
    assert_eq!(text("\x1bP1$qm\x1b\\ok"), "ok");
    assert_eq!(text("\x1b(Bok\x1b7\x1bc"), "ok");
    assert_eq!(text("\u{9b}31mred\u{9d}0;title\u{9c}!"), "red!");
    // An unterminated OSC ends at the line's end.
    assert_eq!(text("a\x1b]0;title\nnext"), "a\nnext");
    assert_eq!(text("trailing\x1b"), "trailing");
}

#[test]
fn controls_bidi_and_carriage_returns_go() {
    assert_eq!(text("a\rb\r\nc\u{85}d\u{7f}"), "ab\ncd");
    assert_eq!(text("\u{202E}evil\u{202C} \u{2066}x\u{2069}"), "evil x");
    assert_eq!(text("keep\tthis\u{200F}"), "keep\tthis\u{200F}");
    assert_eq!(text("a\u{2028}b"), "a\nb");
    assert_eq!(inline("a\nb\tc\r\nd"), "a b c d");
    assert!(matches!(text("plain ünïcode"), Cow::Borrowed(_)));
    assert!(is_inert("fine\n") && !is_inert("\x1b[0m"));
}

#[test]
fn hidden_characters_in_names_are_shown_as_escapes() {
    assert_eq!(id("boss_understands"), "boss_understands");
    assert_eq!(id("boss\u{200B}_understands"), "boss\\u{200b}_understands");
    assert_eq!(
        id("a\x1b[31m\u{202E}b\tc\u{a0}"),
        "a\\u{1b}[31m\\u{202e}b\\u{9}c\\u{a0}"
    );
    assert_eq!(id("ünï 'q' \"x\\"), "ünï 'q' \"x\\");
    assert!(is_inert(&id("\x1b]52;c;x\x07")));
    let long = "x".repeat(40_000);
    assert_eq!(id(&long).chars().count(), MAX_NAME + 1);
}

#[test]
fn nothing_dangerous_survives_any_input() {
    // Every pair of interesting characters around some text.
    let pool = [
        '\x1b', '[', ']', '\x07', '\\', '\u{9b}', '\u{9d}', '\u{9c}', '\r', '\n', 'P', '\u{202E}',
        '\u{2066}', '\x00', '\u{85}', 'm', ';',
    ];
    for a in pool {
        for b in pool {
            for c in pool {
                let s: String = [a, 'x', b, c, 'y'].iter().collect();
                for out in [text(&s), inline(&s)] {
                    assert!(is_inert(&out), "{s:?} -> {out:?}");
                }
                assert!(!inline(&s).contains('\n'));
            }
        }
    }
}
