//! The end of a session and setting up: the end screen, the pager, the
//! save step, the one time estimate and the hints that work when pasted.

use super::*;

/// How many lines of the end screen are above and below its window,
/// from its "↑ 3 ↓ 12 more" line; (0, 0) when all of it is in view.
fn window(screen: &str) -> (usize, usize) {
    let line = screen
        .lines()
        .find(|l| l.contains(" more") && l.contains(['↑', '↓']))
        .unwrap_or("");
    let count = |arrow| {
        line.split_once(arrow)
            .and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (count('↑'), count('↓'))
}

/// Presses PgDn or j, PgUp or k, and, when there is more that way, waits for the
/// window to move that way (more lines behind it: a frame drawn only in
/// part still shows the old count, or none); returns the screen. Past the
/// end the key changes nothing, and the next key that moves the window
/// shows it was read.
fn page(t: &mut Tty, key: &str) -> String {
    let (above, below) = window(&t.screen());
    t.keys(&[key]);
    if matches!(key, PGDN | "j") && below > 0 {
        t.wait_until("the window to move down", |t| window(&t.screen()).0 > above);
    } else if matches!(key, PGUP | "k") && above > 0 {
        t.wait_until("the window to move up", |t| window(&t.screen()).1 > below);
    }
    t.screen()
}

/// A draft holding every answer of a persona's result, as a draft to
/// resume, so that only the questions it left out are asked.
/// A draft of a persona's answers, every other question of the bank
/// skipped, so that resuming goes straight to the end with the persona's
/// verdict.
fn draft(state: &Path, answers: &Path) {
    let out = Command::new(BIN)
        .args(["assess", "--format", "json", "--answers"])
        .arg(answers)
        .output()
        .unwrap();
    assert!(out.status.success());
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut map = result["answers"].as_object().unwrap().clone();
    {
        let out = Command::new(BIN)
            .args(["questions", "--format", "json"])
            .output()
            .unwrap();
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for set in list["sets"].as_array().unwrap() {
            for q in set["questions"].as_array().unwrap() {
                let id = q["id"].as_str().unwrap().to_string();
                map.entry(id).or_insert(serde_json::Value::Null);
            }
        }
    }
    let draft = serde_json::json!({
        "mommytrack_draft": 1,
        "mode": "full",
        "bank": { "title": result["bank"]["title"], "fingerprint": "0" },
        "answers": map,
    });
    std::fs::write(state.join("draft.json"), draft.to_string()).unwrap();
}

/// A whole session of the built-in bank at 40×15, every question
/// answered as the screen shows it (the second item of a list; items 1 and
/// 3 of a tick list; a note), and every answer saved exactly so.
#[test]
fn every_answer_of_a_whole_session_at_40_by_15_is_saved_as_given() {
    let state = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["questions", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut t = Tty::at(state.path(), 40, 15, &["assess"]);
    t.begin();
    let mut asked = 0;
    for _ in 0..120 {
        let screen = t.settled();
        if screen.contains("What next?") {
            break;
        }
        if screen.contains("Press Enter to go on.") {
            // A part's introduction on a small screen.
            t.keys(&[ENTER]);
            t.wait_until("the first question", |t| t.screen() != screen);
            continue;
        }
        if screen.contains("Go on with the questions") {
            // The settled verdict's offer (issue 23): go on, no answer.
            t.keys(&["2"]);
            t.wait_until("the next question", |t| t.screen() != screen);
            continue;
        }
        if screen.contains("› ") {
            t.keys(&[&format!("note {asked}"), ENTER]);
        } else if screen.contains("[ ]") || screen.contains("[x]") {
            // 3 first: a lone 1 may wait for a second digit (10 and up).
            t.keys(&["3", "1", ENTER]);
        } else if screen.contains('❯') {
            t.keys(&["2"]);
        } else {
            continue;
        }
        asked += 1;
        t.wait_until("the next question", |t| t.screen() != screen);
    }
    t.on_screen("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let result = only_result(state.path());
    let answers = result["answers"].as_object().unwrap();
    assert_eq!(answers.len(), asked, "{answers:#?}");
    let mut checked = 0;
    for set in list["sets"].as_array().unwrap() {
        for q in set["questions"].as_array().unwrap() {
            let Some(given) = answers.get(q["id"].as_str().unwrap()) else {
                continue;
            };
            let option = |i: usize| q["options"][i]["id"].clone();
            let want = match q["kind"].as_str().unwrap() {
                "choice" => option(1),
                "multi" => {
                    let n = q["options"].as_array().unwrap().len();
                    let picked: Vec<_> =
                        [0, 2].into_iter().filter(|&i| i < n).map(option).collect();
                    serde_json::json!(picked)
                }
                "scale" => serde_json::json!(2),
                "yesno" => serde_json::json!(false),
                "text" => given.clone(),
                _ => given.clone(),
            };
            assert_eq!(given, &want, "{}", q["id"]);
            if q["kind"] == "text" {
                assert!(given.as_str().unwrap().starts_with("note "), "{given}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, asked);
    assert!(asked >= 40, "{asked} questions");
    t.assert_lines_fit();
}

const CAPPED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/personas/strong_workplace_no_childcare.answers.yaml"
);

#[test]
fn paging_through_the_end_screen_keeps_the_verdict_on_its_first_row_and_copies_nothing() {
    for (cols, rows) in [(40, 15), (60, 20)] {
        let state = tempfile::tempdir().unwrap();
        let persona = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/personas/gig_single_father.answers.yaml"
        );
        draft(state.path(), Path::new(persona));
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--resume"]);
        t.begin();
        let start = t.on_screen("What next?");
        assert!(window(&start).1 > 0, "nothing to page: {start}");
        // Down to the end and back up, and past each end.
        for key in [PGDN, PGUP] {
            for _ in 0..25 {
                let screen = page(&mut t, key);
                assert!(screen.starts_with("Verdict: "), "{cols}x{rows}: {screen}");
            }
            let end = if key == PGDN {
                window(&t.screen()).1
            } else {
                window(&t.screen()).0
            };
            assert_eq!(end, 0, "{cols}x{rows}: not at the end: {}", t.screen());
        }
        assert_eq!(copies(&mut t, "Verdict: "), 1, "{}", t.everything());
        t.assert_lines_fit();
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn the_end_screen_keeps_the_verdict_and_its_cap_in_view_and_the_pager_leaves_nothing() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        draft(state.path(), Path::new(CAPPED));
        let paged = state.path().join("paged.txt");
        let mut cmd = command(state.path(), cols, rows, &["assess", "--resume"]);
        cmd.env(
            "PAGER",
            format!(
                "printf 'A PAGE LEFT BEHIND\\n'; echo LESS=$LESS > '{0}.env'; cat > '{0}'",
                paged.display()
            ),
        );
        let mut t = Tty::start(cmd, cols, rows);
        t.begin();
        let end = t.on_screen("What next?");
        let lines = t.screen_lines();
        let verdict = lines.iter().position(|l| l.starts_with("Verdict:"));
        assert!(verdict.is_some(), "{cols}x{rows}: {end}");
        assert!(
            shows(&end, "No reliable, affordable childcare"),
            "the cap at {cols}x{rows}: {end}"
        );
        assert!(
            shows(&end, "alone would give Positive track"),
            "the cap's reason at {cols}x{rows}: {end}"
        );
        assert!(end.contains("❯ 1. Read the full report"), "{end}");
        // Under the verdict, three lines of the rest at least, then the
        // line that says how much more there is.
        let menu = lines.iter().position(|l| l.starts_with("? What next?"));
        let more = lines
            .iter()
            .position(|l| l.contains(" more lines: j or PgDn"));
        let between = more.unwrap_or(menu.unwrap()) - verdict.unwrap();
        let head = lines[verdict.unwrap()..]
            .iter()
            .position(|l| l.starts_with("Answered "))
            .unwrap();
        assert!(between >= head + 3, "{cols}x{rows}: {end}");
        // The rest is a key away (j, on every keyboard), the verdict
        // staying in view; k goes back up.
        let mut seen = end.clone();
        for n in 0.. {
            if more.is_none() || t.screen().contains(": k or PgUp") {
                break;
            }
            assert!(n < 30, "{cols}x{rows}: never at the end: {seen}");
            let now = page(&mut t, "j");
            assert!(now.contains("Verdict:"), "{cols}x{rows}: {now}");
            seen.push_str(&now);
        }
        if more.is_some() {
            t.keys(&["k"; 30]);
            t.wait_until("the top again", |t| t.screen() == end);
        }
        assert!(seen.contains("Start here"), "{cols}x{rows}: {seen}");
        assert!(
            shows(&seen, "Your result is saved in"),
            "{cols}x{rows}: {seen}"
        );
        // The pager: what it wrote does not stay on the screen.
        t.keys(&["1"]);
        t.wait_until("the pager to run", |_| paged.exists());
        t.on_screen("What next?");
        let after = t.settled();
        assert!(
            !after.contains("A PAGE LEFT BEHIND"),
            "{cols}x{rows}: {after}"
        );
        assert!(after.contains("Verdict:"), "{after}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let report = std::fs::read_to_string(&paged).unwrap();
        assert!(report.contains("Next steps"), "{report}");
        let env = std::fs::read_to_string(paged.with_extension("txt.env")).unwrap();
        assert_eq!(env.trim(), "LESS=FR", "less on the alternate screen");
        // After Done, the end screen stays on the terminal.
        let all = t.everything();
        assert!(
            all.contains("Verdict:") && shows(&all, "alone would give Positive track"),
            "{all}"
        );
        // Where the result is: a path too long for a line breaks after a
        // "/", never inside a name.
        let saved: Vec<&str> = all
            .lines()
            .skip_while(|l| !l.starts_with("Your result is saved in"))
            .take_while(|l| !l.trim().is_empty())
            .collect();
        assert!(saved.concat().ends_with(".json."), "{saved:?}");
        for l in &saved[..saved.len() - 1] {
            assert!(
                l.ends_with('/') || l.ends_with(" in"),
                "{cols}x{rows}: {saved:?}"
            );
        }
        t.assert_lines_fit();
    }
}

#[test]
fn no_pager_prints_the_full_report_instead() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(
        state.path(),
        100,
        24,
        &["assess", "--quick", "--no-pager", "--bank", MINI],
    );
    cmd.env("PAGER", "false");
    let mut t = Tty::start(cmd, 100, 24);
    t.begin();
    t.press(&["4"], "Which of these");
    t.press(&[ENTER], "What next?");
    t.keys(&["1"]);
    t.expect("Talk it over with someone you trust");
    t.expect("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn the_save_step_keeps_the_verdict_in_view_leaves_notes_out_expands_tilde_and_never_overwrites_unasked()
 {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        std::fs::create_dir(state.path().join("Documents")).unwrap();
        let existing = state.path().join("Documents/mommytrack-report.md");
        std::fs::write(&existing, "precious").unwrap();
        let mut t = super::editor::at_the_note(state.path(), cols, rows);
        t.on_screen("Anything else?");
        t.keys(&["my secret", ENTER]);
        t.on_screen("What next?");
        t.press(&["2"], "Which kind of copy?");
        t.keys(&["1"]); // Markdown
        t.on_screen("Leave out your private notes");
        let save_as = t.press(&[ENTER], "Save as");
        // The verdict stays in view while the name is typed.
        assert!(save_as.contains("Verdict: "), "{cols}x{rows}: {save_as}");
        // The documents folder is suggested; the file there exists.
        t.wait_until("the suggested name", |t| {
            super::editor::edited(&t.screen())
                .is_some_and(|e| e.ends_with("Documents/mommytrack-report.md"))
        });
        t.keys(&[ENTER]);
        t.on_screen("Replace it?");
        t.on_screen("❯ 2. No");
        t.press(&[ENTER], "Save as");
        t.keys(&[CTRL_U, "~/copy.md", ENTER]);
        t.on_screen("Saved ");
        t.on_screen("What next?");
        // A bare name goes in the folder suggested.
        t.press(&["2"], "Which kind of copy?");
        t.press(&["1", ENTER], "Save as");
        t.keys(&[CTRL_U, "shared.md", ENTER]);
        t.on_screen("shared.md.");
        // Esc here does not end the session; Done does.
        let menu = t.on_screen("What next?");
        t.keys(&[ESC]);
        t.wait_until("the note", |t| t.screen() != menu);
        let menu = t.on_screen("choose Done to finish");
        assert!(menu.contains("What next?"), "{cols}x{rows}: {menu}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert!(state.path().join("Documents/shared.md").exists());
        assert!(!state.path().join("shared.md").exists());
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
        let copy = std::fs::read_to_string(state.path().join("copy.md")).unwrap();
        assert!(!copy.contains("my secret"), "{copy}");
        assert!(
            copy.contains("Verdict") || copy.contains("verdict"),
            "{copy}"
        );
    }
}

#[test]
fn the_time_estimate_is_the_same_in_help_the_intro_and_the_readme() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let minutes = |text: &str, after: &str| -> String {
        let at = text
            .find(after)
            .unwrap_or_else(|| panic!("{after} in {text}"));
        let rest = &text[at..];
        let start = rest.find("(about ").unwrap();
        rest[start..start + rest[start..].find(')').unwrap() + 1].to_string()
    };
    let full = minutes(&help, "answer on this terminal");
    let quick = minutes(&help, "only the core questions");
    assert!(full.contains("minutes"), "{full}");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("answer on this terminal {full}")),
        "{full}"
    );
    assert!(
        readme.contains(&format!("only the core questions {quick}")),
        "{quick}"
    );

    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 100, 30, &["assess"]);
    let intro = t.on_screen("Press Enter to begin.");
    let intro = intro.lines().collect::<Vec<_>>().join(" ");
    let full_words = full.trim_matches(|c| c == '(' || c == ')');
    assert!(intro.contains(&format!("It takes {full_words}")), "{intro}");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn the_hints_work_when_pasted() {
    // The examples of every --help that need no terminal and no earlier
    // file, the template's own "then run" line, and the piped form, run by
    // a shell with the binary on PATH, as a person would paste them.
    let t = Test::new();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut pasted = vec!["mommytrack template > answers.yaml".to_string()];
    for sub in [
        "",
        "template",
        "completions",
        "schema",
        "validate",
        "questions",
        "report",
    ] {
        let mut help = Command::new(BIN);
        if !sub.is_empty() {
            help.arg(sub);
        }
        let out = help.arg("--help").output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // Only the examples: the lines after "Examples:" up to a blank one.
        let examples = text
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty());
        for line in examples.map(str::trim) {
            let line = line.split("   ").next().unwrap_or("").trim();
            // A session needs a terminal: those are the PTY tests.
            let session = line.starts_with("mommytrack assess") && !line.contains("--answers");
            let runs_alone = (line.starts_with("mommytrack ") || line.starts_with("mkdir "))
                && !line.contains(".json")
                && !line.contains("my-bank")
                && !line.contains("man -l")
                && !session;
            if runs_alone && !pasted.contains(&line.to_string()) {
                pasted.push(line.to_string());
            }
        }
    }
    let template = t.again().arg("template").success().stdout();
    let then_run = template
        .lines()
        .find_map(|l| {
            l.trim_start_matches('#')
                .trim()
                .strip_prefix("mommytrack assess")
        })
        .map(|rest| format!("mommytrack assess{rest}"))
        .expect("the template says what to run");
    pasted.push(then_run);
    pasted.push("cat answers.yaml | mommytrack assess".into());
    assert!(pasted.len() >= 8, "{pasted:#?}");
    for line in &pasted {
        let out = t
            .again()
            .arg("-c")
            .arg(line)
            .env("PATH", &path)
            .command_for("sh")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{line}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_report_longer_than_the_screen_goes_through_the_pager_and_a_short_one_does_not() {
    let state = tempfile::tempdir().unwrap();
    let saved = state.path().join("me.json");
    let out = Command::new(BIN)
        .args(["assess", "--format", "json", "--bank", MINI, "--answers"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/answers/supportive.yaml"
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(&saved, &out.stdout).unwrap();
    let paged = state.path().join("paged.txt");
    for (rows, pages) in [(10, true), (200, false)] {
        let _ = std::fs::remove_file(&paged);
        let mut cmd = command(
            state.path(),
            100,
            rows,
            &["report", saved.to_str().unwrap()],
        );
        cmd.env("PAGER", format!("cat > '{}'", paged.display()));
        let mut t = Tty::start(cmd, 100, rows);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(paged.exists(), pages, "{rows} rows");
        if pages {
            let text = std::fs::read_to_string(&paged).unwrap();
            assert!(text.contains("Next steps"), "{text}");
        }
    }
}

#[test]
fn a_failed_save_is_said_until_the_next_try_and_saved_is_said_once() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = super::editor::at_the_note(state.path(), cols, rows);
        t.press(&[ENTER], "What next?");
        t.press(&["2"], "Which kind of copy?");
        t.press(&["1"], "Save as");
        t.keys(&[CTRL_U, "~/nodir/copy.md", ENTER]);
        // Said where the next name is typed.
        let failed = t.on_screen("Not saved:");
        assert!(failed.contains("› "), "{cols}x{rows}: {failed}");
        t.keys(&[CTRL_U, "~/copy.md", ENTER]);
        t.on_screen("What next?");
        let saved = t.on_screen("Saved ");
        assert_eq!(copies(&mut t, "Not saved"), 0, "{cols}x{rows}: {saved}");
        assert_eq!(
            copies(&mut t, "Saved "),
            1,
            "{cols}x{rows}: {}",
            t.everything()
        );
        // After the report (here `cat` as the pager): the cursor where it
        // was, and the message still said.
        let from = t.log.len();
        t.keys(&[UP, UP, ENTER]);
        t.wait_until("the report, then the menu", |t| {
            let after = &t.log[from..];
            after
                .find("What would move")
                .is_some_and(|i| after[i..].contains("What next?"))
        });
        let menu = t.settled();
        assert!(
            menu.contains("❯ 1. Read the full report"),
            "{cols}x{rows}: {menu}"
        );
        assert!(menu.contains("Saved "), "{cols}x{rows}: {menu}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        // After the end screen, what was saved, once; the failure is gone.
        let all = t.everything();
        assert_eq!(copies(&mut t, "Saved "), 1, "{cols}x{rows}: {all}");
        assert_eq!(copies(&mut t, "Not saved"), 0, "{cols}x{rows}: {all}");
        assert!(
            all.rfind("Saved ") > all.rfind("Verdict:"),
            "{cols}x{rows}: {all}"
        );
        assert!(state.path().join("copy.md").exists());
    }
}

#[test]
fn the_menus_under_a_long_verdict_keep_every_item_in_view_or_say_where() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        draft(state.path(), Path::new(CAPPED));
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--resume"]);
        t.begin();
        t.on_screen("What next?");
        t.keys(&["2"]);
        t.on_screen("Which kind of copy?");
        let kinds = t.settled();
        // Each item whole, or a sign of it: none cut without one.
        let marked = kinds.contains("  ↓ 1 more");
        for item in ["1. Markdown", "2. HTML", "3. JSON"] {
            assert!(
                shows(&kinds, item) || marked,
                "{cols}x{rows}: {item}: {kinds}"
            );
        }
        assert_eq!(
            kinds.contains("3. JSON"),
            shows(&kinds, "`compare`"),
            "{kinds}"
        );
        t.keys(&["1"]);
        loop {
            let screen = t.settled();
            if screen.contains("Leave out your private notes") {
                t.keys(&["1"]);
            } else if screen.contains("› ") {
                break;
            }
        }
        t.keys(&[CTRL_U, "~/copy.md", ENTER]);
        t.on_screen("Saved ");
        let menu = t.settled();
        for item in [
            "1. Read the full report",
            "2. Save a copy to share",
            "3. Done",
        ] {
            assert!(menu.contains(item), "{cols}x{rows}: {item}: {menu}");
        }
        assert!(menu.contains("Verdict:"), "{menu}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
    }
}
