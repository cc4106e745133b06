//! The session end to end: answers saved exactly (and the same result as
//! `assess --answers`), Esc back, a skip, Ctrl-C keeping every answer
//! with exit 130 and `--resume`, a fresh start with a draft, `--plain` on
//! a terminal and from a pipe, `TERM=dumb`, and the errors without a
//! terminal.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use super::*;
use crate::harness::draft_in;

/// The binary with the session's environment, to run with pipes.
fn piped_command(state: &Path, args: &[&str]) -> Command {
    Test::in_dir(state)
        .args(args)
        .env("MOMMYTRACK_STATE_DIR", state)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("HOME", state)
        .env("PAGER", "cat")
        .env_remove("XDG_DOCUMENTS_DIR")
        .command()
}

fn only_result_path(state: &Path) -> PathBuf {
    let mut v: Vec<PathBuf> = std::fs::read_dir(state)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("result-") && n.ends_with(".json"))
        })
        .collect();
    assert_eq!(v.len(), 1, "{v:?}");
    v.pop().unwrap()
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A quick assessment at `cols` × `rows`, at its first question: a scale
/// 1–5 (items from 1), then a multi.
fn quick_assessment(cols: usize, rows: usize) -> (tempfile::TempDir, Tty) {
    let (state, mut t) = Tty::quick_mini(cols, rows);
    assert!(t.log.contains("Nothing is sent anywhere"), "{}", t.log);
    t.on_screen("Part 1 of 2 · Your manager");
    t.on_screen("My manager understands family demands.");
    (state, t)
}

#[test]
fn a_quick_assessment_with_arrow_keys_shows_the_verdict_and_saves_the_same_result_as_answers_file()
{
    for (cols, rows) in SIZES {
        let (state, mut t) = quick_assessment(cols, rows);
        // Scale: 1 is preselected; four times down is 5 (Strongly agree).
        t.keys(&[DOWN, DOWN, DOWN, DOWN]);
        t.press(&[ENTER], "Which of these can you use without stigma?");
        // Tick Remote days and Flexible hours.
        t.keys(&[SPACE, DOWN, SPACE, ENTER]);
        let end = t.on_screen("What next?");
        assert!(
            shows(&end, "Verdict: Positive track"),
            "{cols}x{rows}: {end}"
        );
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        // After Done, the whole end screen stays on the terminal.
        let all = t.everything();
        assert!(shows(&all, "Answered 2 of 2 scored questions"), "{all}");
        assert!(shows(&all, "Your result is saved in"), "{all}");

        let path = only_result_path(state.path());
        let result = only_result(state.path());
        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(result["overall"]["verdict"], "positive");
        assert_eq!(
            result["answers"],
            serde_json::json!({ "boss_understands": 5, "flex_options": ["remote", "hours"] })
        );
        assert!(
            !state.path().join("draft.json").exists(),
            "a finished assessment removes its draft"
        );
        // The same answers through `assess --answers` give byte-identical JSON.
        let answers = state.path().join("answers.json");
        std::fs::write(&answers, result["answers"].to_string()).unwrap();
        let out = piped_command(state.path(), &[])
            .args(["assess", "--quick", "--bank", MINI, "--format", "json"])
            .arg("--answers")
            .arg(&answers)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The session adds only the day it was taken, when its verdict
        // settled and who took it (`taken`, `settled_after`,
        // `respondent`): with those, the same bytes.
        let mut session: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let fields = session.as_object_mut().unwrap();
        let taken = fields.remove("taken").expect("a session's result is dated");
        assert!(
            mommytrack_engine::date::Date::parse(taken.as_str().unwrap()).is_ok(),
            "{taken}"
        );
        assert!(fields.remove("settled_after").is_some());
        // … and who took it: the respondent id kept (0600) in the state
        // folder, the same in every result of this person.
        let who = fields
            .remove("respondent")
            .expect("a session's result says who");
        let kept = state.path().join("respondent");
        assert_eq!(mode_of(&kept), 0o600);
        assert_eq!(std::fs::read_to_string(&kept).unwrap().trim(), who);
        assert!(who.as_str().unwrap().len() == 32, "{who}");
        let scripted: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(scripted, session);
    }
}

#[test]
fn esc_goes_back_with_the_answer_preselected_and_the_change_counts() {
    let (state, mut t) = quick_assessment(60, 20);
    t.press(&[DOWN, ENTER], "Part 2 of 2 · Flexibility"); // 2 · Disagree
    t.press(&[ESC], "❯ 2 · Disagree");
    // 2 is preselected: one down is 3, not 2.
    t.press(&[DOWN, ENTER], "Part 2 of 2 · Flexibility");
    t.press(&[ENTER], "What next?"); // nothing ticked: none of these
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    assert_eq!(
        only_result(state.path())["answers"],
        serde_json::json!({ "boss_understands": 3, "flex_options": [] })
    );
}

#[test]
fn a_skipped_question_lowers_the_coverage() {
    let (state, mut t) = quick_assessment(40, 15);
    // Up from the top wraps to the last item, "Prefer not to say".
    t.press(&[UP, ENTER], "Part 2 of 2 · Flexibility");
    let echo = t.echo_of("My manager");
    assert!(echo.ends_with(" · Prefer not to say"), "{echo}");
    t.keys(&[SPACE, ENTER]);
    t.on_screen("What next?");
    assert!(shows(&t.everything(), "Answered 1 of 2 scored questions"));
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let result = only_result(state.path());
    assert_eq!(
        result["coverage"],
        serde_json::json!({ "answered": 1, "asked": 2 })
    );
    assert_eq!(
        result["answers"]["boss_understands"],
        serde_json::Value::Null
    );
}

#[test]
fn the_stop_message_breaks_at_spaces_and_a_long_path_after_a_slash() {
    use std::os::unix::fs::PermissionsExt;
    let state = tempfile::tempdir().unwrap();
    let deep = state
        .path()
        .join("a-folder-with-a-long-name/and-another-long-one");
    std::fs::create_dir_all(&deep).unwrap();
    for dir in [deep.parent().unwrap(), &deep] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let mut cmd = command(state.path(), 40, 15, &["assess", "--quick", "--bank", MINI]);
    cmd.env("MOMMYTRACK_STATE_DIR", &deep);
    let mut t = Tty::start(cmd, 40, 15);
    t.begin();
    t.press(&["3"], "Which of these");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
    let stop = &t.log[t.log.find("Stopped.").unwrap()..];
    let lines: Vec<String> = visible_lines(stop)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    assert!(lines.iter().all(|l| l.chars().count() < 40), "{lines:#?}");
    let text = lines.join(" ").replace("/ ", "/");
    let path = deep.join("draft.json").display().to_string();
    assert!(text.contains(&format!("saved in {path}.")), "{lines:#?}");
}

#[test]
fn ctrl_c_keeps_every_answer_in_a_private_draft_and_resume_finishes() {
    for (cols, rows) in SIZES {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--bank", MINI]);
        t.begin();
        t.on_screen("Do you have a manager?");
        t.press(&[ENTER], "What happens when you leave early"); // Yes: the conditional question
        t.press(&[DOWN, ENTER], "My manager understands family demands."); // I have to explain
        t.p.send_control('c').unwrap();
        let before = t.expect("Stopped.");
        assert!(
            before.contains("\x1b[?25h"),
            "the cursor is shown again: {before:?}"
        );
        t.expect("mommytrack assess --resume");
        assert_eq!(t.exit_code(), 130);

        let draft_path = state.path().join("draft.json");
        assert_eq!(mode_of(&draft_path), 0o600);
        let draft = draft_in(state.path());
        assert_eq!(
            draft["answers"],
            serde_json::json!({ "has_manager": true, "boss_early_leave": "explain" })
        );
        assert_eq!(draft["mode"], "full");

        // Resume without --bank: the draft remembers its bank.
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--resume"]);
        t.on_screen("Welcome back: 2 answers restored");
        t.begin();
        t.on_screen("My manager understands family demands.");
        t.press(&[DOWN, DOWN, DOWN, ENTER], "night email."); // 4 · Agree
        t.press(&[ENTER], "Which of these"); // 0
        t.press(&[ENTER], "Are you considering part-time work?"); // none of these
        t.press(&[DOWN, ENTER], "Anything else?"); // No
        t.keys(&["hi", ENTER]);
        let end = t.on_screen("What next?");
        assert!(end.contains("Verdict:"), "{end}");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert!(!draft_path.exists(), "the finished draft is removed");
        let result = only_result(state.path());
        assert_eq!(
            result["answers"],
            serde_json::json!({
                "has_manager": true,
                "boss_early_leave": "explain",
                "boss_understands": 4,
                "boss_late_email": 0,
                "flex_options": [],
                "considering_part_time": false,
                "notes": "hi"
            })
        );
        assert_eq!(result["mode"], "full");
    }
}

#[test]
fn the_report_can_be_saved_as_json_from_the_final_menu() {
    let (state, mut t) = quick_assessment(60, 20);
    let copy = state.path().join("copy.json");
    t.press(&[ENTER], "Which of these");
    t.press(&[ENTER], "What next?");
    t.press(&["2"], "Which kind of copy?");
    t.press(&["3"], "Save as"); // JSON
    // Replace the suggested name, in the home folder (no Documents there).
    t.on_screen("mommytrack-report.json");
    t.keys(&[CTRL_U, copy.to_str().unwrap(), ENTER]);
    t.on_screen("Saved ");
    t.on_screen("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let path = only_result_path(state.path());
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(path).unwrap()
    );
    assert_eq!(mode_of(&copy), 0o600);
}

#[test]
fn ctrl_c_in_plain_mode_on_a_terminal_exits_130_with_the_draft() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(
        state.path(),
        60,
        20,
        &["assess", "--plain", "--quick", "--bank", MINI],
    );
    t.expect("Part 1 of 2");
    t.expect("> ");
    t.p.send_line("4").unwrap();
    t.expect("Part 2 of 2");
    t.expect("> ");
    t.p.send_control('c').unwrap();
    t.expect("Stopped.");
    t.expect("mommytrack assess --resume");
    assert_eq!(t.exit_code(), 130);
    let draft = draft_in(state.path());
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "boss_understands": 4 })
    );
}

#[test]
fn term_dumb_gets_the_plain_prompts() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(state.path(), 60, 20, &["assess", "--quick", "--bank", MINI]);
    cmd.env("TERM", "dumb");
    let mut t = Tty::start(cmd, 60, 20);
    t.expect("Part 1 of 2");
    t.expect("Type a number from 1 to 5;");
    t.p.send_line("2").unwrap();
    t.expect("  1. Remote days");
    t.p.send_line("0").unwrap();
    t.expect("Answered 2 of 2 scored questions");
    t.expect("What next?");
    t.p.send_line("3").unwrap();
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn plain_mode_has_no_box_drawing_wraps_at_spaces_and_reads_answers_back() {
    for cols in [40, 60, 100] {
        let state = tempfile::tempdir().unwrap();
        let bank = long_bank(state.path());
        let bank = bank.to_str().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--plain", "--quick", "--bank", bank],
        );
        t.expect("Type a number from 1 to 5");
        t.p.send_line("4").unwrap();
        t.expect("Your answer: 4 (Agree).");
        t.p.send_line("1 2").unwrap();
        t.expect("Your answer: Remote days;");
        t.expect("What next?");
        t.p.send_line("1").unwrap(); // the full report, printed
        t.expect("Talk it over with someone you trust");
        t.expect("Type a number from 1 to 3");
        t.p.send_line("3").unwrap();
        assert_eq!(t.exit_code(), 0);
        for c in ['─', '│', '┌', '╞', '█', '░', '\u{1b}'] {
            assert!(!t.log.contains(c), "{c:?} in plain mode: {}", t.log);
        }
        t.assert_lines_fit();
        let lines = visible_lines(&t.log);
        for line in &lines {
            // The report's lines too: "part-" / "time" reads as two words.
            assert!(
                !line.trim_end().ends_with('-'),
                "{cols}: broken at a hyphen: {line:?}"
            );
            // A key and its meaning stay on one line.
            let l = line.trim();
            assert!(
                !l.ends_with("; s") && !l.ends_with(", b"),
                "{cols}: {line:?}"
            );
            assert!(!l.starts_with("= "), "{cols}: {line:?}");
        }
        assert!(!t.log.contains("of up to"), "{}", t.log);
    }
}

#[test]
fn in_plain_mode_a_wrapped_option_continues_under_its_text_from_ten_on() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 40, 24, &["assess", "--plain"]);
    t.expect("> ");
    t.p.send_line("").unwrap();
    for answer in ["1", "1", "1", "1"] {
        t.expect("> ");
        t.p.send_line(answer).unwrap();
    }
    // Answer until a list reaches 10.
    let mut text = String::new();
    for _ in 0..60 {
        text = t.expect("> ");
        if text.contains("\n  10. ") {
            break;
        }
        let answer = if text.contains("Type the numbers of all") {
            "0"
        } else {
            "1"
        };
        t.p.send_line(answer).unwrap();
    }
    let lines = visible_lines(&text);
    let at = lines
        .iter()
        .position(|l| l.starts_with("  10. "))
        .expect("item 10");
    // Its continuation lines: up to the next item (indented 5 or 6).
    let rest: Vec<&String> = lines[at + 1..]
        .iter()
        .take_while(|l| l.starts_with("     ") && !l.starts_with("  11. "))
        .collect();
    assert!(!rest.is_empty(), "item 10 fits one line: {lines:#?}");
    for l in &rest {
        // "  10. " is six columns: continuation lines start there, not at five.
        assert!(
            l.starts_with("      ") && !l.starts_with("       "),
            "{l:?}"
        );
    }
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

/// Runs `assess --plain` with `input` piped in.
fn plain(state: &Path, args: &[&str], input: &str) -> std::process::Output {
    let mut child = piped_command(state, &["assess", "--plain", "--bank", MINI])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn plain_mode_reads_numbered_answers_from_a_pipe() {
    let state = tempfile::tempdir().unwrap();
    // Yes; explain; 4; 1; remote and hours; no; a note; then "done" at the menu.
    let out = plain(state.path(), &[], "1\n2\n4\n1\n1 2\n2\nAsk Dana\n3\n");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("Verdict: Positive track"), "{stdout}");
    assert!(stderr.contains("Part 1 of 2 · Your manager · "), "{stderr}");
    assert!(stderr.contains("  3. It is counted against me"), "{stderr}");
    assert!(
        !stderr.contains('\x1b') && !stdout.contains('\x1b'),
        "no cursor movement or colour in plain mode"
    );
    let result = only_result(state.path());
    assert_eq!(result["answers"]["notes"], "Ask Dana");
    assert_eq!(
        result["answers"]["flex_options"],
        serde_json::json!(["remote", "hours"])
    );
}

/// A stop at the offer to carry on (or anywhere before the first answer
/// replaces the draft) says the saved answers are kept, and how to carry
/// on: it never says "nothing was saved" over a draft still on disk.
#[test]
fn a_stop_at_the_offer_to_carry_on_says_the_draft_is_kept() {
    let state = tempfile::tempdir().unwrap();
    let first = plain(state.path(), &[], "1\n2\n");
    assert_eq!(first.status.code(), Some(130));
    let draft = std::fs::read_to_string(state.path().join("draft.json")).unwrap();
    // The input ends at the offer; then at the welcome page.
    for input in ["", "\n"] {
        let out = plain(state.path(), &[], input);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(130), "{stderr}");
        assert!(stderr.contains("Your 2 answers are saved in"), "{stderr}");
        assert!(stderr.contains("mommytrack assess --resume"), "{stderr}");
        assert!(!stderr.contains("nothing was saved"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(state.path().join("draft.json")).unwrap(),
            draft
        );
    }
}

#[test]
fn plain_input_that_ends_early_keeps_a_draft_to_resume() {
    let state = tempfile::tempdir().unwrap();
    let out = plain(state.path(), &["--quick"], "s\n");
    assert_eq!(out.status.code(), Some(130));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("The input ended before the last question"),
        "{stderr}"
    );
    assert!(stderr.contains("mommytrack assess --resume"), "{stderr}");
    let draft = draft_in(state.path());
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "boss_understands": null })
    );
    assert_eq!(draft["mode"], "quick");

    // --resume continues at the second question, in quick mode.
    let mut child = piped_command(state.path(), &["assess", "--resume", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"4\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Part 2 of 2 · Flexibility"), "{stderr}");
    assert!(!stderr.contains("Part 1 of 2 · Your manager"), "{stderr}");
    let result = only_result(state.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": null, "flex_options": ["watched"] })
    );
}

#[test]
fn format_and_output_apply_to_the_final_report() {
    let state = tempfile::tempdir().unwrap();
    let report = state.path().join("report.json");
    let out = plain(
        state.path(),
        &[
            "--quick",
            "--format",
            "json",
            "--output",
            report.to_str().unwrap(),
        ],
        "5\n1\n",
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stdout.is_empty(), "the report went to the file");
    assert!(stderr.contains("The report is in"), "{stderr}");
    let path = only_result_path(state.path());
    assert_eq!(
        std::fs::read_to_string(report).unwrap(),
        std::fs::read_to_string(path).unwrap()
    );
}

#[test]
fn a_fresh_start_offers_to_carry_on_or_start_over() {
    let state = tempfile::tempdir().unwrap();
    let out = plain(state.path(), &["--quick"], "s\n");
    assert_eq!(out.status.code(), Some(130));

    // Carry on (1): only the second question is asked.
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(state.path()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    let out = plain(state.path(), &["--quick"], "1\n1\n1\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("You have an unfinished assessment."),
        "{stderr}"
    );
    let result = only_result(state.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": null, "flex_options": ["remote"] })
    );

    // Start over (2): the draft's answers are gone.
    let out = plain(copy.path(), &["--quick"], "2\n3\n2\n1\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let result = only_result(copy.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": 3, "flex_options": ["hours"] })
    );
}

/// A draft whose answers all still fit after the bank changed elsewhere
/// (a newer release) is offered to carry on, not replaced by the first
/// answer; one with an answer that no longer fits is not offered.
#[test]
fn a_draft_that_still_fits_a_changed_bank_is_offered_to_carry_on() {
    let state = tempfile::tempdir().unwrap();
    let run = |bank: &Path, input: &str| {
        let mut child = piped_command(state.path(), &["assess", "--plain", "--quick"])
            .args(["--bank", bank.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let bank = mini_bank(state.path(), |_, text| text);
    assert_eq!(run(&bank, "4\n").0, Some(130));
    // Another option on the question still to come.
    let flex = bank.join("20_flex.yaml");
    let text = std::fs::read_to_string(&flex).unwrap();
    let more =
        "      - { id: compressed, label: \"Compressed hours\", score: 1 }\n      - { id: watched";
    std::fs::write(&flex, text.replacen("      - { id: watched", more, 1)).unwrap();
    let (code, stderr) = run(&bank, "1\n1\n3\n");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("You have an unfinished assessment."),
        "{stderr}"
    );
    let result = only_result(state.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": 4, "flex_options": ["remote"] })
    );

    // The scale shrinks under the saved 4: the draft is not offered.
    std::fs::remove_file(only_result_path(state.path())).unwrap();
    assert_eq!(run(&bank, "4\n").0, Some(130));
    let boss = bank.join("10_boss.yaml");
    let text = std::fs::read_to_string(&boss).unwrap();
    let five = r#"max: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]"#;
    assert!(text.contains(five), "{text}");
    let three = r#"max: 3, labels: ["Disagree", "Neutral", "Agree"]"#;
    std::fs::write(&boss, text.replacen(five, three, 1)).unwrap();
    let (code, stderr) = run(&bank, "2\n");
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        !stderr.contains("You have an unfinished assessment."),
        "{stderr}"
    );
    assert!(
        stderr.contains("an unfinished assessment of other questions"),
        "{stderr}"
    );
}

#[test]
fn resume_without_a_draft_is_a_clear_error() {
    let state = tempfile::tempdir().unwrap();
    let out = piped_command(state.path(), &["assess", "--resume", "--bank", MINI])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no unfinished assessment to resume"),
        "{stderr}"
    );
    assert!(stderr.contains("draft.json"), "{stderr}");
}

#[test]
fn no_terminal_and_no_answers_is_a_usage_error() {
    let state = tempfile::tempdir().unwrap();
    let out = piped_command(state.path(), &["assess", "--bank", MINI])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--answers"), "{stderr}");
    assert!(
        stderr.contains("cat answers.yaml | mommytrack assess"),
        "{stderr}"
    );
}

#[test]
fn in_plain_mode_a_wrong_answer_is_explained_in_whole_words_at_40_columns() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(
        state.path(),
        40,
        15,
        &["assess", "--plain", "--quick", "--bank", MINI],
    );
    t.expect("Type a number from 1 to 5");
    t.p.send_line("9").unwrap();
    let message = "\"9\" is not on the scale: type a number from 1 to 5, or s to skip.";
    t.wait_until("the message", |t| flat(&t.everything()).contains(message));
    // Wrapped by the program at spaces, not by the terminal mid-word.
    t.assert_lines_fit();
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}
