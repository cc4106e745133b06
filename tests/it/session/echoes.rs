//! What stays above the questions: one line per answer, still true after
//! going back, and each part's introduction, in view long enough to read
//! and written once.

use super::*;

/// Acts on the screen as it settles: Enter past a part's introduction,
/// "Go on" at the settled verdict's offer, else an answer (the first item,
/// item 3 ticked, a note). Returns the screen it acted on.
fn step(t: &mut Tty) -> String {
    let screen = t.settled();
    if screen.contains("Press Enter to go on.") {
        t.keys(&[ENTER]);
    } else if screen.contains("Go on with the questions") {
        t.keys(&["2"]);
    } else if screen.contains("› ") {
        t.keys(&["a note", ENTER]);
    } else if screen.contains("[ ]") || screen.contains("[x]") {
        t.keys(&["3", ENTER]);
    } else {
        t.keys(&["1"]);
    }
    t.wait_until("the next screen", |t| t.screen() != screen);
    screen
}

/// The echo lines of everything written, in order.
fn echoes(t: &mut Tty) -> Vec<String> {
    let all = t.everything();
    all.lines()
        .filter(|l| l.starts_with("✔ "))
        .map(str::to_string)
        .collect()
}

#[test]
fn each_answer_leaves_one_line_the_question_cut_to_fit_then_the_answer() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--quick"]);
        t.begin();
        // The first question is longer than 100 columns with its answer.
        let mut answered = 0;
        while answered < 6 {
            let acted_on = step(&mut t);
            if !acted_on.contains("Press Enter to go on.") && !acted_on.contains("Go on with") {
                answered += 1;
            }
        }
        t.settled();
        let all = t.everything();
        let lines: Vec<&str> = all.lines().collect();
        let mut seen = 0;
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with("✔ ") {
                continue;
            }
            seen += 1;
            assert!(line.contains(" · "), "{cols}x{rows}: {line:?}\n{all}");
            let next = lines.get(i + 1).copied().unwrap_or("");
            assert!(
                !next.starts_with("  "),
                "{cols}x{rows}: an echo on two lines: {line:?} / {next:?}\n{all}"
            );
        }
        assert_eq!(seen, answered, "{cols}x{rows}: {all}");
        assert!(
            all.contains("✔ How did"),
            "{cols}x{rows}: the first echo starts with its question: {all}"
        );
        t.assert_lines_fit();
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn going_back_to_an_answer_in_the_scrollback_takes_its_echo_back_from_there_too() {
    for (cols, rows) in [(40, 15), (60, 20)] {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--quick"]);
        t.begin();
        // On until the first answer's echo has gone to the scrollback.
        for n in 0.. {
            if t.scrollback().iter().any(|l| l.contains("✔ How did")) {
                break;
            }
            assert!(n < 40, "{cols}x{rows}: the echo never scrolled off");
            step(&mut t);
        }
        // Back to the first question, and another answer.
        while !t.settled().contains("? How did you become") {
            let screen = t.screen();
            t.keys(&[ESC]);
            t.wait_until("the question before", |t| t.screen() != screen);
        }
        let all = t.everything();
        assert!(!all.contains("✔ "), "{cols}x{rows}: echoes left: {all}");
        assert_eq!(copies(&mut t, "Part 2 of"), 0, "{cols}x{rows}: {all}");
        t.press(&["2"], "? Who do you parent with");
        let echoes = echoes(&mut t);
        assert_eq!(echoes.len(), 1, "{cols}x{rows}: {echoes:#?}");
        assert!(echoes[0].contains("My partner"), "{echoes:?}");
        assert!(!echoes[0].contains("changed"), "{echoes:?}");
        // The introduction is there once, as before.
        assert_eq!(copies(&mut t, "Mommy track self-assessment"), 1);
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn going_back_past_a_part_heading_that_scrolled_away_leaves_none_of_it() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 40, 15, &["assess", "--quick"]);
    t.begin();
    // At 40x15 a part's introduction waits for Enter, then its first
    // question pushes it up, partly into the scrollback.
    for n in 0.. {
        assert!(n < 40, "no second part");
        if step(&mut t).contains("Press Enter to go on.") {
            break;
        }
    }
    let question = t.on_screen("❯");
    let heading = t
        .everything()
        .lines()
        .find(|l| l.starts_with("Part 2 of "))
        .unwrap()
        .to_string();
    assert!(
        !question.contains(&heading),
        "the heading has scrolled away: {question}"
    );
    t.keys(&[ESC]);
    t.wait_until("the question before", |t| t.screen() != question);
    let back = t.settled();
    assert!(back.contains("Part 1 of"), "{back}");
    assert_eq!(copies(&mut t, &heading), 0, "{}", t.everything());
    // On again: the heading once, whole; a key other than Enter or Esc
    // leaves it waiting; Esc there goes back too.
    step(&mut t);
    let waiting = t.on_screen("Press Enter to go on.");
    assert_eq!(copies(&mut t, &heading), 1, "{}", t.everything());
    t.keys(&["2"]);
    assert_eq!(t.settled(), waiting);
    t.keys(&[ESC]);
    t.wait_until("the question before", |t| t.screen() != waiting);
    assert!(t.settled().contains("Part 1 of"), "{}", t.screen());
    assert_eq!(copies(&mut t, &heading), 0, "{}", t.everything());
    step(&mut t);
    t.on_screen("Press Enter to go on.");
    assert_eq!(copies(&mut t, &heading), 1, "{}", t.everything());
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn a_part_introduction_is_in_view_whole_and_written_once_even_after_going_back() {
    let out = Command::new(BIN)
        .args(["questions", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--quick"]);
        t.begin();
        // Until the second part opens.
        let opened = |l: &str| l.starts_with("Part 2 of ") && l.contains(": ");
        for n in 0.. {
            t.settled();
            if t.everything().lines().any(opened) {
                break;
            }
            assert!(n < 40, "{cols}x{rows}: no second part");
            step(&mut t);
        }
        let screen = t.settled();
        let heading = t
            .everything()
            .lines()
            .find(|l| opened(l))
            .unwrap()
            .to_string();
        let title = heading.split_once(": ").unwrap().1;
        let set = list["sets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["title"].as_str().unwrap().starts_with(title))
            .unwrap();
        let intro = set["description"].as_str().unwrap();
        let intro = intro.split_whitespace().collect::<Vec<_>>().join(" ");
        // The whole introduction on screen with its first question, or
        // waiting for Enter.
        assert!(
            shows(&screen, &intro),
            "{cols}x{rows}: the introduction is not all in view:\n{screen}"
        );
        assert!(
            screen.contains("? ") || screen.contains("Press Enter to go on."),
            "{cols}x{rows}: {screen}"
        );
        if screen.contains("Press Enter to go on.") {
            t.keys(&[ENTER]);
        }
        // Back into the first part, then on again.
        let question = t.on_screen("❯");
        t.keys(&[ESC]);
        t.wait_until("the question before", |t| t.screen() != question);
        step(&mut t);
        if t.settled().contains("Press Enter to go on.") {
            t.keys(&[ENTER]);
        }
        t.on_screen("❯");
        assert_eq!(copies(&mut t, &heading), 1, "{}", t.everything());
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn a_tick_lists_echo_names_the_ticks_that_fit_and_counts_the_rest() {
    for (cols, rows) in SIZES {
        let (state, mut t) = Tty::quick_mini(cols, rows);
        t.press(&["4"], "[ ] 1. Remote days");
        t.keys(&["1", "2", "4", ENTER]);
        let echo = t.echo_of("Which");
        t.on_screen("What next?");
        // The answer first: the first tick whole, then the others or
        // how many more.
        let (_, answer) = echo.split_once(" · ").expect("question · answer");
        assert!(answer.starts_with("Remote days"), "{cols}x{rows}: {echo}");
        let all = answer.contains("Flexible hours")
            && answer.contains("Flexibility is watched and judged");
        let counted = answer.ends_with(" +2 more") || answer.ends_with(" +1 more");
        assert!(all || counted, "{cols}x{rows}: {echo}");
        assert!(!answer.contains('…') || counted, "{cols}x{rows}: {echo}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(
            only_result(state.path())["answers"]["flex_options"],
            serde_json::json!(["remote", "hours", "watched"])
        );
    }
}

#[test]
fn at_forty_columns_an_echo_gives_the_answer_the_room_before_the_question() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 40, 15, &["assess", "--quick"]);
    t.begin();
    // The first question's second answer: "My partner, or a…" was cut at
    // 17 columns beside "How did you beco…".
    let screen = t.on_screen("2. ");
    let label = flat(&screen)
        .split("2. ")
        .nth(1)
        .and_then(|r| r.split(" 3. ").next())
        .unwrap()
        .to_string();
    t.keys(&["2"]);
    let echo = t.echo_of("How");
    let (question, answer) = echo.split_once(" · ").unwrap();
    assert!(
        console::measure_text_width(answer) >= 22.min(label.chars().count()),
        "the answer keeps two thirds of the line: {echo:?} for {label:?}"
    );
    assert!(question.chars().count() >= 10, "{echo:?}");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn after_resume_every_esc_shows_the_question_it_lands_on_across_parts() {
    let intro = "What this part is about, told at length: it is long enough that a small screen cannot keep it above a question, so it waits for Enter there, and it is read once, where the questions go on into the part.";
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = mini_bank(state.path(), |_, text| {
            text.replacen(
                "questions:",
                &format!("description: \"{intro}\"\nquestions:"),
                1,
            )
        });
        let bank = bank.to_str().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--bank", bank]);
        t.begin();
        for (answer, next) in [
            ("1", "What happens"),
            ("1", "? My manager"),
            ("3", "? My manager expects"),
        ] {
            t.keys(&[answer]);
            t.on_screen(next);
        }
        t.press(&["2"], "Part 2 of 2: Flexibility");
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
        // Resumed at the first question of part 2 (its introduction shown),
        // then back across into part 1, whose introduction was not shown:
        // each Esc shows the question before, its answer at the cursor.
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--resume"]);
        t.begin();
        t.on_screen("? Which of these can you use");
        for (question, cursor) in [
            ("? My manager expects answers", "❯ 2"),
            ("? My manager understands", "❯ 3 · Neutral"),
            ("? What happens when you leave", "❯ 1. Nothing"),
            ("? Do you have a manager?", "❯ 1. Yes"),
        ] {
            let screen = t.screen();
            t.keys(&[ESC]);
            t.wait_until("the question before", |t| t.screen() != screen);
            let now = t.settled();
            assert!(
                shows(&now, question) && now.contains(cursor) && !now.contains("Press Enter"),
                "{cols}x{rows}: {question}:\n{now}"
            );
        }
        // On again: part 1 is not introduced in the middle, part 2 is,
        // once.
        for key in ["1", "1", "3", "2"] {
            let screen = t.screen();
            t.keys(&[key]);
            t.wait_until("the next question", |t| t.screen() != screen);
        }
        t.past_part_intro();
        t.on_screen("? Which of these can you use");
        assert_eq!(
            copies(&mut t, "Part 1 of 2: Your manager"),
            0,
            "{cols}x{rows}"
        );
        assert_eq!(
            copies(&mut t, "Part 2 of 2: Flexibility"),
            1,
            "{cols}x{rows}"
        );
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}
