//! The end of a session and setting up: the end screen, the pager, the
//! save step, the one time estimate and the hints that work when pasted.

use super::*;

/// A draft holding every answer of a persona's result, as a draft to
/// resume, so that only the questions it left out are asked.
fn draft_of(state: &Path, answers: &Path) {
    let out = Command::new(BIN)
        .args(["assess", "--format", "json", "--answers"])
        .arg(answers)
        .output()
        .unwrap();
    assert!(out.status.success());
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut map = result["answers"].as_object().unwrap().clone();
    // Leave one scored choice out, so there is a question to answer.
    let last = result["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .collect::<Vec<_>>()
        .into_iter()
        .rfind(|q| q["kind"] == "choice" && map.contains_key(q["id"].as_str().unwrap()))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    map.remove(&last);
    let draft = serde_json::json!({
        "mommytrack_draft": 1,
        "mode": "full",
        "bank": { "title": result["bank"]["title"], "fingerprint": "0" },
        "answers": map,
    });
    std::fs::write(state.join("draft.json"), draft.to_string()).unwrap();
}

impl Tty {
    /// Answers whatever is still asked (the first choice, no ticks, no
    /// note) until the menu at the end; returns what the last answer
    /// brought on screen.
    fn answer_the_rest(&mut self) -> String {
        let mut seen = String::new();
        // A resumed draft shows every question again: room for the whole bank.
        for _ in 0..150 {
            let now = self.drain(400);
            seen.push_str(&now);
            if seen.contains("What next?") {
                return seen.rsplit('✔').next().unwrap_or("").to_string();
            }
            let tail = seen.rsplit("\n? ").next().unwrap_or("").to_string();
            if tail.contains("[ ]") || tail.contains("[x]") {
                self.keys(&[ENTER]);
            } else if tail.contains("Write an answer") {
                self.keys(&[DOWN, ENTER]);
            } else if tail.contains("❯") {
                self.keys(&["1"]);
            }
        }
        panic!("no end screen: {seen}");
    }
}

#[test]
fn the_end_screen_fits_and_the_full_report_goes_through_the_pager() {
    let persona = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/personas/returning_after_leave_mixed.answers.yaml"
    );
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        draft_of(state.path(), Path::new(persona));
        let paged = state.path().join("paged.txt");
        let mut cmd = command(state.path(), cols, 24, &["assess", "--resume"]);
        cmd.env(
            "PAGER",
            format!("echo LESS=$LESS > '{0}.env'; cat > '{0}'", paged.display()),
        );
        let mut t = Tty::start(cmd, cols);
        t.begin();
        let end = t.answer_the_rest();
        let screen = visible_lines(&end);
        let from = screen
            .iter()
            .position(|l| l.starts_with("Verdict:") || l.starts_with("No verdict"))
            .expect("a verdict");
        let menu = screen
            .iter()
            .position(|l| l.starts_with("? What next?"))
            .expect("the menu");
        // The verdict, the table, where to start, where the result is, and
        // the menu's four lines.
        let shown = &screen[from..menu + 4];
        assert!(
            shown.len() <= 23,
            "verdict to menu takes {} rows at {cols} columns: {shown:#?}",
            shown.len()
        );
        let text = shown.join("\n");
        for part in ["Start here", "1. ", "Your result is saved in"] {
            assert!(text.contains(part), "{part} at {cols}: {text}");
        }
        t.keys(&["1"]); // Read the full report
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let report = std::fs::read_to_string(&paged).unwrap();
        assert!(report.contains("Next steps"), "{report}");
        let env = std::fs::read_to_string(paged.with_extension("txt.env")).unwrap();
        assert_eq!(env.trim(), "LESS=FRX");
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
    let mut t = Tty::start(cmd, 100);
    t.begin();
    t.keys(&["4"]);
    t.expect("Which of these");
    t.keys(&[ENTER]);
    t.expect("What next?");
    t.keys(&["1"]);
    t.expect("Talk it over with someone you trust");
    t.expect("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn the_save_step_leaves_notes_out_expands_tilde_and_never_overwrites_unasked() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        std::fs::write(
            state.path().join("draft.json"),
            r#"{"mommytrack_draft":1,"mode":"full","bank":{"title":"Mini bank","fingerprint":"0"},"answers":{"has_manager":false,"boss_understands":3,"boss_late_email":1,"flex_options":[],"considering_part_time":false}}"#,
        )
        .unwrap();
        std::fs::create_dir(state.path().join("Documents")).unwrap();
        let existing = state.path().join("Documents/mommytrack-report.md");
        std::fs::write(&existing, "precious").unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--resume", "--bank", MINI],
        );
        t.begin();
        t.keys(&[ENTER]);
        t.expect("Enter when done");
        t.keys(&["m", "y", " ", "s", "e", "c", "r", "e", "t", ENTER]);
        t.expect("What next?");
        t.keys(&["2"]);
        t.expect("Which kind of copy?");
        t.keys(&["1"]); // Markdown
        t.expect("Leave out your private notes");
        t.expect("❯ 1. Yes");
        t.keys(&[ENTER]);
        // The documents folder is suggested; the file there exists.
        t.expect("Save as");
        t.expect(&existing.display().to_string());
        t.keys(&[ENTER]);
        t.expect("already");
        t.expect("Replace it?");
        t.expect("❯ 2. No");
        t.keys(&[ENTER]);
        t.expect("Save as");
        let backspaces = "\x7f".repeat(existing.to_str().unwrap().len());
        t.p.send(&backspaces).unwrap();
        t.keys(&["~/copy.md", ENTER]);
        t.expect("Saved ");
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
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
    let intro = t.expect("Press Enter to begin.");
    let intro = visible_lines(&intro).join(" ");
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
        let mut t = Tty::start(cmd, 100);
        assert_eq!(t.exit_code(), 0);
        assert_eq!(paged.exists(), pages, "{rows} rows");
        if pages {
            let text = std::fs::read_to_string(&paged).unwrap();
            assert!(text.contains("Next steps"), "{text}");
        }
    }
}
