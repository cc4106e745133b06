//! The lists of the terminal session: a list taller than the screen
//! scrolls in a window under its question, with what is above and below
//! counted; number keys reach every item (two digits for 10 and up); help
//! opens and closes in place; "Prefer not to say" clears the ticks on
//! screen; a label too long for one line wraps under its own text, past
//! its number ("4. ", "10. ", "1 · ").

use super::*;

const CURSOR_MARK: &str = "❯ ";
const LONG_CHOICE: &str =
    "It is counted against me, and it comes up again at my yearly review as a lack of commitment";
const LONG_SCALE: &str =
    "Strongly disagree: my manager never makes room for family demands, not even once";

/// The mini bank with a long option label and a long scale label.
fn wordy_bank(dir: &Path) -> PathBuf {
    let bank = mini_bank(dir, |_, text| {
        text.replace(
            "label: \"It is counted against me\"",
            &format!("label: \"{LONG_CHOICE}\""),
        )
        .replace("[\"Strongly disagree\",", &format!("[\"{LONG_SCALE}\","))
    });
    let edited = std::fs::read_to_string(bank.join("10_boss.yaml")).unwrap();
    assert!(edited.contains(LONG_CHOICE) && edited.contains(LONG_SCALE));
    bank
}

/// The line that starts `start` (after the cursor mark) on the last screen
/// of `screen`, and the lines after it up to the next item.
fn wrapped(screen: &str, start: &str) -> Vec<String> {
    let lines = visible_lines(screen);
    let i = lines
        .iter()
        .rposition(|l| {
            l.strip_prefix(CURSOR_MARK)
                .or_else(|| l.strip_prefix("  "))
                .is_some_and(|rest| rest.starts_with(start))
        })
        .unwrap_or_else(|| panic!("no line starting {start:?}: {lines:#?}"));
    // The next item starts with its number, "Prefer not to say" or "? Help".
    let item_start = |l: &str| {
        let rest = l.strip_prefix(CURSOR_MARK).or_else(|| l.strip_prefix("  "));
        rest.is_none_or(|r| {
            r.starts_with(|c: char| c.is_ascii_digit() || c == '?') || r.starts_with("Prefer")
        })
    };
    let mut out = vec![lines[i].clone()];
    out.extend(
        lines[i + 1..]
            .iter()
            .take_while(|l| !l.trim().is_empty() && !item_start(l))
            .cloned(),
    );
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The mini bank with a tick list of 13 options and help on it, longer
/// than a small screen.
fn long_list_bank(dir: &Path) -> PathBuf {
    mini_bank(dir, |f, mut text| {
        if f == "20_flex.yaml" {
            let mut options = String::from(
                "      - { id: remote, label: \"Remote days\", score: 2, flag: flexible_team }\n      - { id: hours, label: \"Flexible hours\", score: 1 }\n      - { id: part_time, label: \"Part-time\", score: 1 }\n      - { id: watched, label: \"Flexibility is watched and judged\", score: -2 }\n",
            );
            for i in 5..=13 {
                options.push_str(&format!(
                    "      - {{ id: o{i}, label: \"Option number {i}, with a few words\", score: 1 }}\n"
                ));
            }
            let start = text.find("      - { id: remote").unwrap();
            let end = text.find("  - id: considering_part_time").unwrap();
            text.replace_range(start..end, &options);
            text = text.replace(
                "    core: true\n    options:",
                "    core: true\n    help: \"Count only what you could use this month without a word said about it.\"\n    options:",
            );
        }
        text
    })
}

const LONG_PROMPT: &str = "? Which of these can you use without stigma?";

#[test]
fn the_cursors_item_is_shown_whole_however_tall() {
    // Eight lines at 40 columns, under a question of three.
    let long = "Flexibility is there on paper, but whoever uses it is quietly taken off the projects that count, is left out of the meetings where the real decisions are made, and finds that the next promotion goes to someone else";
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = mini_bank(state.path(), |_, text| {
            text.replace(
                "label: \"Flexibility is watched and judged\"",
                &format!("label: \"{long}\""),
            )
            .replace(
                "prompt: \"Which of these can you use without stigma?\"",
                "prompt: \"Which of these can you, or people in a role like yours, use without it hurting them?\"",
            )
        });
        let args = ["assess", "--quick", "--bank", bank.to_str().unwrap()];
        let mut t = Tty::at(state.path(), cols, rows, &args);
        t.begin();
        t.press(&["3"], "[ ] 1. Remote days");
        t.keys(&[DOWN, DOWN, DOWN]);
        t.wait_until("the cursor on item 4", |t| t.screen().contains("❯ [ ] 4."));
        let screen = t.settled();
        assert!(shows(&screen, long), "{cols}x{rows}: {screen}");
        assert!(
            screen.contains("? Which of these"),
            "{cols}x{rows}: {screen}"
        );
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn a_long_list_scrolls_under_its_question_and_nothing_reaches_the_scrollback() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = long_list_bank(state.path());
        let mut t = Tty::at(
            state.path(),
            cols,
            rows,
            &["assess", "--quick", "--bank", bank.to_str().unwrap()],
        );
        t.begin();
        t.press(&["4"], "[ ] 1. Remote days");
        let screen = t.settled();
        assert!(
            screen.contains("? Which of these"),
            "{cols}x{rows}: {screen}"
        );
        // All of it, or a sign of what is below.
        assert!(
            screen.contains("? Help") || screen.contains("↓ "),
            "{cols}x{rows}: {screen}"
        );
        // To the end and back, a key at a time: the question stays in view,
        // the cursor's item too.
        for i in 0..15 {
            t.keys(&[DOWN]);
            let screen = t.settled();
            assert!(
                screen.contains("? Which of these"),
                "{cols}x{rows} after {i}: {screen}"
            );
            assert!(screen.contains("❯"), "{cols}x{rows}: {screen}");
        }
        let bottom = t.press(&[END], "❯ ? Help");
        assert!(bottom.contains("[ ] Prefer not to say"), "{bottom}");
        assert!(
            bottom.contains("Remote days") || bottom.contains("↑ "),
            "{cols}x{rows}: {bottom}"
        );
        t.keys(&[HOME]);
        t.on_screen("❯ [ ] 1. Remote days");
        // Every redraw replaced the last: one copy of the question, in view.
        assert_eq!(
            copies(&mut t, LONG_PROMPT),
            1,
            "{cols}x{rows}: {}",
            t.everything()
        );
        t.keys(&[ENTER]);
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        t.assert_lines_fit();
        assert!(
            t.scrollback().iter().all(|l| !l.contains("[ ]")),
            "{}",
            t.everything()
        );
    }
}

#[test]
fn number_keys_reach_every_item_with_two_digits_for_ten_and_up() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = long_list_bank(state.path());
        let mut t = Tty::at(
            state.path(),
            cols,
            rows,
            &["assess", "--quick", "--bank", bank.to_str().unwrap()],
        );
        t.begin();
        t.press(&["4"], "[ ] 1. Remote days");
        // The keys line says that two digits reach 10 and up.
        let screen = t.on_screen("10 and up");
        assert!(screen.contains("two digits"), "{screen}");
        // 1 then 1: item 11 (not item 1 twice); 1 then 3: item 13.
        t.keys(&["1", "1"]);
        t.on_screen("[x] 11. Option number 11");
        t.keys(&["1", "3"]);
        t.on_screen("[x] 13. Option number 13");
        // A lone 1 waits a moment (and says so), then ticks item 1.
        t.keys(&["1"]);
        t.on_screen("a second digit picks 10 to 13");
        t.keys(&[HOME]);
        t.on_screen("[x] 1. Remote days");
        t.keys(&["2"]);
        t.on_screen("[x] 2. Flexible hours");
        t.press(&[ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(
            only_result(state.path())["answers"]["flex_options"],
            serde_json::json!(["remote", "hours", "o11", "o13"]),
            "{cols}x{rows}"
        );
    }
}

#[test]
fn help_opens_and_closes_in_place_leaving_no_copies() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = long_list_bank(state.path());
        let mut t = Tty::at(
            state.path(),
            cols,
            rows,
            &["assess", "--quick", "--bank", bank.to_str().unwrap()],
        );
        t.begin();
        t.press(&["4"], "[ ] 1. Remote days");
        for _ in 0..3 {
            let open = t.press(&["?"], "closes the help");
            assert!(shows(&open, "this month"), "{cols}x{rows}: {open}");
            assert!(open.contains("? Which of these"), "{open}");
            t.keys(&["?"]);
            t.wait_until("the help to close", |t| {
                !t.screen().contains("closes the help")
            });
        }
        // Through the help item and Enter, twice: open, then closed.
        t.keys(&[END]);
        t.press(&[ENTER], "closes the help");
        t.keys(&[ENTER]);
        let closed = t.on_screen("❯ ? Help");
        assert!(!closed.contains("this month"), "{closed}");
        assert_eq!(copies(&mut t, "this month"), 0, "{}", t.everything());
        assert_eq!(copies(&mut t, LONG_PROMPT), 1, "{}", t.everything());
        t.press(&[HOME, SPACE, ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(
            only_result(state.path())["answers"]["flex_options"],
            serde_json::json!(["remote"])
        );
    }
}

#[test]
fn prefer_not_to_say_clears_the_ticks_on_screen_and_what_is_echoed_is_saved() {
    for cols in WIDTHS {
        let (state, mut t) = Tty::quick_mini(cols, 24);
        t.press(&["4"], "Which of these can you use without stigma?");
        // Tick two, then Prefer not to say (the last line).
        t.keys(&["1", "2", END, SPACE]);
        let screen = t.on_screen("\"Prefer not to say\" replaces the other ticks.");
        assert!(screen.contains("[ ] 1. Remote days"), "{screen}");
        assert!(screen.contains("[ ] 2. Flexible hours"), "{screen}");
        assert!(screen.contains("❯ [x] Prefer not to say"), "{screen}");
        t.keys(&[ENTER]);
        let echo = t.echo_of("Which of these can you use");
        assert!(echo.ends_with(" · Prefer not to say"), "{echo}");
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(result["answers"]["flex_options"], serde_json::Value::Null);
        t.assert_lines_fit();

        // The other way round: a tick after Prefer not to say unticks it.
        let (state, mut t) = Tty::quick_mini(cols, 24);
        t.press(&["4"], "Which of these can you use without stigma?");
        t.keys(&[UP, SPACE, "3"]);
        t.on_screen("\"Prefer not to say\" is unticked.");
        t.keys(&[ENTER]);
        let echo = t.echo_of("Which of these can you use");
        assert!(echo.ends_with(" · Part-time"), "{echo}");
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(
            result["answers"]["flex_options"],
            serde_json::json!(["part_time"])
        );
    }
}

#[test]
fn without_colour_the_current_line_is_marked_and_number_keys_pick() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--bank", MINI]);
        t.begin();
        let first = t.expect("❯ 1. Yes");
        assert!(!has_colour(&first), "no colour with NO_COLOR: {first:?}");
        t.press(&[DOWN], "❯ 2. No");
        t.keys(&[UP, "1"]); // Yes
        t.on_screen("What happens when you leave early");
        t.keys(&["3"]); // It is counted against me
        t.on_screen("My manager understands family demands.");
        t.keys(&["4"]);
        t.on_screen("night email.");
        t.keys(&["0"]); // a scale from 0: the key is the number shown
        t.on_screen("❯ [ ] 1. Remote days");
        t.keys(&["2", DOWN, SPACE]);
        t.on_screen("❯ [x] 3. Part-time");
        t.keys(&[ENTER]);
        t.on_screen("Are you considering part-time work?");
        t.keys(&["2"]);
        t.on_screen("Anything else?");
        t.keys(&[ENTER]); // an empty answer: Prefer not to say
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(
            result["answers"],
            serde_json::json!({
                "has_manager": true,
                "boss_early_leave": "counted",
                "boss_understands": 4,
                "boss_late_email": 0,
                "flex_options": ["hours", "part_time"],
                "considering_part_time": false,
                "notes": null
            })
        );
        t.assert_lines_fit();
    }
}

#[test]
fn a_wrapped_option_continues_under_its_label_not_under_its_number() {
    let cols = 60;
    let state = tempfile::tempdir().unwrap();
    let bank = wordy_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        cols,
        30,
        &["assess", "--bank", bank.to_str().unwrap()],
    );
    t.begin();
    t.on_screen("Do you have a manager?");
    t.keys(&["1"]);
    t.on_screen("What happens when you leave early");
    let screen = t.settled();
    let item = wrapped(&screen, "3. It is counted");
    assert!(item.len() > 1, "{cols} columns, one line: {item:#?}");
    // "  3. It is…": the text starts at column 5, and so does every
    // continuation line.
    assert!(
        item[1..].iter().all(|l| indent(l) == 5),
        "{cols} columns: {item:#?}"
    );
    t.keys(&["1"]);
    t.on_screen("My manager understands family demands.");
    let screen = t.settled();
    let item = wrapped(&screen, "1 · Strongly disagree:");
    assert!(item.len() > 1, "{cols} columns, one line: {item:#?}");
    // "  1 · Strongly…": the text starts at column 6.
    assert!(
        item[1..].iter().all(|l| indent(l) == 6),
        "{cols} columns: {item:#?}"
    );
    t.keys(&[ESC, ESC, ESC]);
    t.assert_lines_fit();
    drop(t);
}

#[test]
fn a_tick_list_says_what_enter_with_nothing_ticked_means() {
    let (_state, mut t) = Tty::quick_mini(100, 30);
    t.press(&["4"], "(none ticked: none of these)");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn a_stop_takes_the_question_away() {
    let (_state, mut t) = Tty::quick_mini(100, 30);
    t.press(&["4"], "Which of these can you use");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
    // Ctrl-C: the question's frame is not left above "Stopped."
    let all = t.everything();
    assert!(!all.contains("❯"), "{all}");
    assert!(!all.contains("Which of these can you use"), "{all}");
}

#[test]
fn s_answers_prefer_not_to_say_in_one_key_and_the_keys_line_says_so() {
    for (cols, rows) in SIZES {
        let (state, mut t) = Tty::quick_mini(cols, rows);
        // A scale, then a tick list with a tick already made: `s` each time.
        let scale = t.on_screen("? My manager understands");
        assert!(
            shows(&scale, "s = prefer not to say"),
            "{cols}x{rows}: {scale}"
        );
        t.keys(&["s"]);
        let ticks = t.press(&["2"], "[x] 2. Flexible hours");
        assert!(
            shows(&ticks, "s = prefer not to say"),
            "{cols}x{rows}: {ticks}"
        );
        t.keys(&["s"]);
        t.on_screen("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let answers = &only_result(state.path())["answers"];
        assert_eq!(answers["boss_understands"], serde_json::Value::Null);
        assert_eq!(answers["flex_options"], serde_json::Value::Null);
        for q in ["My manager understands", "Which of these can you"] {
            let echo = t.echo_of(&q[..10]);
            assert!(echo.ends_with(" · Prefer not to say"), "{echo}");
        }
    }
}

#[test]
fn question_mark_without_help_says_so_in_place_and_a_number_in_open_help_picks() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = long_list_bank(state.path());
        let mut t = Tty::at(
            state.path(),
            cols,
            rows,
            &["assess", "--quick", "--bank", bank.to_str().unwrap()],
        );
        t.begin();
        // No help here: `?` says so, under the list, and goes with the next key.
        let none = t.press(&["?"], "No help for this question.");
        assert!(none.contains("? My manager"), "{cols}x{rows}: {none}");
        // Help open at the tick list: a number closes it and ticks.
        t.press(&["4"], "[ ] 1. Remote days");
        t.press(&["?"], "closes the help");
        let ticked = t.press(&["2"], "[x] 2. Flexible hours");
        assert!(!ticked.contains("closes the help"), "{ticked}");
        assert!(!ticked.contains("No help"), "{ticked}");
        t.press(&[ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let answers = &only_result(state.path())["answers"];
        assert_eq!(answers["boss_understands"], 4, "{cols}x{rows}");
        assert_eq!(answers["flex_options"], serde_json::json!(["hours"]));
        assert_eq!(copies(&mut t, "No help for"), 0, "{}", t.everything());
    }
}

#[test]
fn a_number_typed_while_the_help_of_a_choice_is_open_answers() {
    let state = tempfile::tempdir().unwrap();
    let bank = long_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        40,
        15,
        &["assess", "--quick", "--bank", bank.to_str().unwrap()],
    );
    t.begin();
    t.press(&["?"], "closes the help");
    t.press(&["2"], "Which of these can you use");
    t.keys(&[ENTER]);
    t.on_screen("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    assert_eq!(only_result(state.path())["answers"]["boss_understands"], 2);
}
