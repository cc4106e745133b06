//! The line editor of the session, for text answers and "Save as": typing
//! at a text question starts the answer; what is on screen is what is
//! saved, however long and however edited; Ctrl-U, Ctrl-W, Home, End and
//! the arrows; a paste arrives whole; Esc goes back; Enter on an empty
//! "Save as" says what to do instead of cancelling.

use super::*;

/// A draft with everything but the note of the mini bank.
const ALL_BUT_THE_NOTE: &str = r#"{"mommytrack_draft":1,"mode":"full","bank":{"title":"Mini bank","fingerprint":"0"},"answers":{"has_manager":false,"boss_understands":3,"boss_late_email":1,"flex_options":[],"considering_part_time":false}}"#;

/// The text in the editor's rows on `screen`: from the row that starts
/// with `› ` to the last row indented under it. None when no row starts
/// so: inside a wait that is "not yet" (a frame read while it is being
/// drawn), never a panic.
pub(super) fn edited(screen: &str) -> Option<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let start = lines.iter().rposition(|l| l.starts_with("› "))?;
    let mut text = lines[start]["› ".len()..].to_string();
    for l in &lines[start + 1..] {
        match l.strip_prefix("  ") {
            Some(rest) if !rest.starts_with(' ') && !rest.is_empty() => text.push_str(rest),
            _ => break,
        }
    }
    Some(text)
}

pub(super) fn at_the_note(state: &Path, cols: usize, rows: usize) -> Tty {
    std::fs::write(state.join("draft.json"), ALL_BUT_THE_NOTE).unwrap();
    let mut t = Tty::at(state, cols, rows, &["assess", "--resume", "--bank", MINI]);
    t.begin();
    t.on_screen("› ");
    t
}

#[test]
fn typing_at_a_text_question_starts_the_answer_and_what_is_shown_is_saved() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = at_the_note(state.path(), cols, rows);
        let screen = t.on_screen("Anything else?");
        assert!(
            shows(&screen, "Enter on an empty line: Prefer not to say"),
            "{screen}"
        );
        // A paste comes marked while the editor is open, so that its line
        // breaks are not Enter.
        assert!(t.vt.screen().bracketed_paste(), "bracketed paste is on");
        // 70 characters, 7 back, 7 more: wider than the screen.
        let typed = "a".repeat(70);
        t.keys(&[&typed]);
        for _ in 0..7 {
            t.keys(&[BACKSPACE]);
        }
        t.keys(&["ZZZZZZZ"]);
        let want = format!("{}ZZZZZZZ", "a".repeat(63));
        t.wait_until("the edited text", |t| {
            edited(&t.screen()).as_deref() == Some(want.as_str())
        });
        // Words: Ctrl-W takes the last one, Ctrl-U the rest.
        t.keys(&[CTRL_U, "ask Dana about the rota"]);
        t.wait_until("the words", |t| {
            edited(&t.screen()).as_deref() == Some("ask Dana about the rota")
        });
        t.keys(&[CTRL_W, CTRL_W]);
        t.wait_until("two words fewer", |t| {
            edited(&t.screen()).as_deref() == Some("ask Dana about ")
        });
        t.keys(&[
            HOME,
            "A",
            "\x1b[3~",
            END,
            "Monday's shifts",
            LEFT,
            LEFT,
            "X",
        ]);
        let want = "Ask Dana about Monday's shifXts";
        t.wait_until("the arrows and Home", |t| {
            edited(&t.screen()).as_deref() == Some(want)
        });
        // A paste arrives whole, its line break a space.
        t.keys(&[END, CTRL_U, "\x1b[200~first line\nsecond line\x1b[201~"]);
        t.wait_until("the paste", |t| {
            edited(&t.screen()).as_deref() == Some("first line second line")
        });
        t.keys(&[ENTER]);
        // The echo may already have scrolled off at 40x15 when the end
        // screen draws: look for it in the scrollback too.
        let echo = t.echo_of("Anything e");
        assert!(echo.contains(" · \"first line sec"), "{echo}");
        assert!(!t.vt.screen().bracketed_paste(), "and off again");
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(
            only_result(state.path())["answers"]["notes"],
            "first line second line",
            "{cols}x{rows}"
        );
        t.assert_lines_fit();
    }
}

#[test]
fn the_long_answer_is_saved_as_it_was_shown() {
    let state = tempfile::tempdir().unwrap();
    let mut t = at_the_note(state.path(), 60, 20);
    let typed = "a".repeat(70);
    t.keys(&[&typed]);
    for _ in 0..7 {
        t.keys(&[BACKSPACE]);
    }
    t.keys(&["ZZZZZZZ"]);
    let want = format!("{}ZZZZZZZ", "a".repeat(63));
    t.wait_until("the edited text", |t| {
        edited(&t.screen()).as_deref() == Some(want.as_str())
    });
    t.press(&[ENTER], "What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    assert_eq!(only_result(state.path())["answers"]["notes"], want.as_str());
}

#[test]
fn enter_on_an_empty_text_answer_skips_and_esc_goes_back() {
    let state = tempfile::tempdir().unwrap();
    let mut t = at_the_note(state.path(), 40, 15);
    t.press(&[ESC], "Are you considering part-time work?");
    t.press(&["2"], "Anything else?");
    t.press(&[ENTER], "What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    assert_eq!(
        only_result(state.path())["answers"]["notes"],
        serde_json::Value::Null
    );
}

#[test]
fn save_as_clears_with_ctrl_u_goes_back_with_esc_and_never_cancels_silently() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = at_the_note(state.path(), cols, rows);
        t.press(&[ENTER], "What next?");
        t.press(&["2"], "Which kind of copy?");
        t.press(&["3"], "Save as"); // JSON
        t.wait_until("the suggested name", |t| {
            edited(&t.screen()).is_some_and(|e| e.ends_with("/mommytrack-report.json"))
        });
        // Esc goes back to the menu, nothing saved.
        t.press(&[ESC], "What next?");
        t.press(&["2"], "Which kind of copy?");
        t.press(&["3"], "Save as");
        // Ctrl-U clears the suggested name; Enter on nothing says what to do.
        t.keys(&[CTRL_U]);
        t.wait_until("an empty name", |t| {
            edited(&t.screen()).is_some_and(|e| e.is_empty())
        });
        let said = t.press(&[ENTER], "Type a file name");
        assert!(said.contains("Esc"), "{said}");
        t.keys(&["~/copy.json", ENTER]);
        t.on_screen("Saved ");
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let copy = std::fs::read_to_string(state.path().join("copy.json")).unwrap();
        assert!(copy.contains("\"mommytrack\""), "{copy}");
        assert!(!state.path().join("mommytrack-report.json").exists());
    }
}

#[test]
fn what_was_typed_before_esc_is_there_when_the_question_comes_back() {
    for (cols, rows) in [(40, 15), (60, 20)] {
        let state = tempfile::tempdir().unwrap();
        let mut t = at_the_note(state.path(), cols, rows);
        t.keys(&["half a thought"]);
        t.wait_until("the typing", |t| {
            edited(&t.screen()).as_deref() == Some("half a thought")
        });
        // Back to the question before, the same answer again: the note
        // comes back as it was left.
        t.press(&[ESC], "Are you considering part-time work?");
        t.keys(&[ENTER]);
        t.wait_until("the note again", |t| {
            edited(&t.screen()).as_deref() == Some("half a thought")
        });
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn a_long_answer_wraps_at_words_and_says_what_is_above_and_below() {
    const SENTENCE: &str =
        "Dana covers the Monday rota when the nursery calls and I pay her back on Fridays. ";
    let text = SENTENCE.repeat(12);
    let words: Vec<&str> = text.split_whitespace().collect();
    for (cols, rows) in [(40, 15), (60, 20)] {
        let state = tempfile::tempdir().unwrap();
        let mut t = at_the_note(state.path(), cols, rows);
        t.keys(&[&text]);
        // The end in view, the start counted above it.
        t.on_screen("back on Fridays.");
        let end = t.settled();
        let rows_shown = |screen: &str| -> Vec<String> {
            let lines: Vec<&str> = screen.lines().collect();
            let from = lines
                .iter()
                .position(|l| l.starts_with("› ") || l.starts_with("  ↑ "))
                .unwrap_or_else(|| panic!("no text rows: {screen}"));
            lines[from..]
                .iter()
                .take_while(|l| !l.trim().is_empty() && !l.starts_with("  ↓ "))
                .map(|l| l.to_string())
                .collect()
        };
        let shown = rows_shown(&end);
        assert!(shown[0].starts_with("  ↑ "), "{cols}x{rows}: {end}");
        // Home: the start in view, the rest counted below.
        t.keys(&[HOME]);
        t.on_screen("› Dana covers");
        let start = t.settled();
        assert!(start.contains("  ↓ "), "{cols}x{rows}: {start}");
        for screen in [&end, &start] {
            for row in rows_shown(screen).iter().filter(|r| !r.contains('↑')) {
                for token in row.trim_start_matches("› ").split_whitespace() {
                    assert!(
                        words.contains(&token),
                        "{cols}x{rows}: {token:?} is a word cut in two:\n{screen}"
                    );
                }
            }
        }
        t.press(&[ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(
            only_result(state.path())["answers"]["notes"],
            text.trim_end(),
            "{cols}x{rows}"
        );
    }
}
