//! The interactive questionnaire end to end, through the real binary: in a
//! pseudo-terminal with arrow keys, Enter, Space, Esc and Ctrl-C (rexpect),
//! and in `--plain` mode from a plain pipe. Every wait is bounded by a
//! timeout so a broken prompt fails the test instead of hanging CI.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::{MINI_FIXTURE as MINI, Test};

/// Milliseconds any one expectation may wait.
const TIMEOUT_MS: u64 = 10_000;

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const ESC: &str = "\x1b";

/// The binary running in `state` (the test's own temporary folder), which is
/// also its state folder.
fn command(state: &Path, args: &[&str]) -> Command {
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

fn spawn(state: &Path, args: &[&str]) -> PtySession {
    spawn_command(command(state, args), Some(TIMEOUT_MS)).expect("the binary starts in a pty")
}

/// Sends keys one at a time, with a pause so that a lone Esc is read as Esc.
fn keys(p: &mut PtySession, keys: &[&str]) {
    for k in keys {
        p.send(k).expect("send a key");
        p.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }
}

/// Waits for `s` and returns what came before it. rexpect reads the
/// terminal a byte at a time and makes each byte a `char`, so UTF-8 text is
/// matched byte for byte and decoded again.
fn expect(p: &mut PtySession, s: &str) -> String {
    let needle: String = s.bytes().map(char::from).collect();
    let before = p
        .exp_string(&needle)
        .unwrap_or_else(|e| panic!("expected {s:?} on the terminal: {e}"));
    let bytes: Vec<u8> = before.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn exit_code(p: &mut PtySession) -> i32 {
    p.exp_eof().expect("the program ends");
    match p.process().wait().expect("wait for the program") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("the program did not exit normally: {other:?}"),
    }
}

/// The result files saved in the state folder.
fn results(state: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(state)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("result-") && n.ends_with(".json"))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn only_result(state: &Path) -> (PathBuf, serde_json::Value) {
    let all = results(state);
    assert_eq!(
        all.len(),
        1,
        "one result saved in the state folder: {all:?}"
    );
    let text = std::fs::read_to_string(&all[0]).unwrap();
    (all[0].clone(), serde_json::from_str(&text).unwrap())
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Answers a quick assessment: Q1 a scale 1–5 (items from 1), Q2 a multi.
fn quick_assessment(state: &Path) -> PtySession {
    let mut p = spawn(state, &["assess", "--quick", "--bank", MINI]);
    expect(&mut p, "Nothing is sent anywhere");
    expect(&mut p, "Press Enter to begin.");
    keys(&mut p, &[ENTER]);
    expect(&mut p, "question 1 of 2 · Your manager");
    expect(&mut p, "My manager understands family demands.");
    p
}

#[test]
fn a_quick_assessment_with_arrow_keys_shows_the_verdict_and_saves_the_same_result_as_answers_file()
{
    let state = tempfile::tempdir().unwrap();
    let mut p = quick_assessment(state.path());
    // Scale: 1 is preselected; four times down is 5 (Strongly agree).
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, ENTER]);
    expect(&mut p, "Flexibility");
    expect(&mut p, "question 2 of 2 · Flexibility");
    expect(&mut p, "Which of these can you use without stigma?");
    // Tick Remote days and Flexible hours.
    keys(&mut p, &[SPACE, DOWN, SPACE, ENTER]);
    expect(&mut p, "Verdict: Positive track");
    expect(&mut p, "Answered 2 of 2 scored questions");
    expect(&mut p, "Your result is saved in");
    expect(&mut p, "What next?");
    keys(&mut p, &["3"]);
    assert_eq!(exit_code(&mut p), 0);

    let (path, result) = only_result(state.path());
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
    let out = command(state.path(), &[])
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
    // The session adds only the day it was taken and when its verdict
    // settled (CONTRACT §7.7).
    let mut session: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let fields = session.as_object_mut().unwrap();
    let taken = fields.remove("taken").expect("a session's result is dated");
    assert!(
        mommytrack_engine::date::Date::parse(taken.as_str().unwrap()).is_some(),
        "{taken}"
    );
    assert!(fields.remove("settled_after").is_some());
    let scripted: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scripted, session);
}

#[test]
fn esc_goes_back_with_the_answer_preselected_and_the_change_counts() {
    let state = tempfile::tempdir().unwrap();
    let mut p = quick_assessment(state.path());
    keys(&mut p, &[DOWN, ENTER]); // 2 · Disagree
    expect(&mut p, "question 2 of 2 · Flexibility");
    keys(&mut p, &[ESC]);
    expect(&mut p, "question 1 of 2 · Your manager");
    // 2 is preselected: one down is 3, not 2.
    keys(&mut p, &[DOWN, ENTER]);
    expect(&mut p, "question 2 of 2 · Flexibility");
    keys(&mut p, &[ENTER]); // nothing ticked: none of these
    expect(&mut p, "What next?");
    keys(&mut p, &["3"]);
    assert_eq!(exit_code(&mut p), 0);
    let (_, result) = only_result(state.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": 3, "flex_options": [] })
    );
}

#[test]
fn a_skipped_question_lowers_the_coverage() {
    let state = tempfile::tempdir().unwrap();
    let mut p = quick_assessment(state.path());
    // Up from the top wraps to the last item, "Prefer not to say".
    keys(&mut p, &[UP, ENTER]);
    expect(&mut p, "Prefer not to say");
    expect(&mut p, "question 2 of 2 · Flexibility");
    keys(&mut p, &[SPACE, ENTER]);
    expect(&mut p, "Answered 1 of 2 scored questions");
    expect(&mut p, "What next?");
    keys(&mut p, &["3"]);
    assert_eq!(exit_code(&mut p), 0);
    let (_, result) = only_result(state.path());
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
fn ctrl_c_keeps_every_answer_in_a_private_draft_and_resume_finishes() {
    let state = tempfile::tempdir().unwrap();
    let mut p = spawn(state.path(), &["assess", "--bank", MINI]);
    expect(&mut p, "Press Enter to begin.");
    keys(&mut p, &[ENTER]);
    expect(&mut p, "question 1 of up to 7 · Your manager");
    expect(&mut p, "Do you have a manager?");
    keys(&mut p, &[ENTER]); // Yes
    // The conditional question appears and the count follows.
    expect(&mut p, "question 2 of 7 · Your manager");
    keys(&mut p, &[DOWN, ENTER]); // I have to explain
    expect(&mut p, "question 3 of 7 · Your manager");
    expect(&mut p, "My manager understands family demands.");
    p.send_control('c').unwrap();
    let before = expect(&mut p, "Stopped.");
    assert!(
        before.contains("\x1b[?25h"),
        "the cursor is shown again: {before:?}"
    );
    expect(&mut p, "mommytrack assess --resume");
    assert_eq!(exit_code(&mut p), 130);

    let draft_path = state.path().join("draft.json");
    assert_eq!(mode_of(&draft_path), 0o600);
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&draft_path).unwrap()).unwrap();
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "has_manager": true, "boss_early_leave": "explain" })
    );
    assert_eq!(draft["mode"], "full");
    assert!(results(state.path()).is_empty());

    // Resume without --bank: the draft remembers its bank.
    let mut p = spawn(state.path(), &["assess", "--resume"]);
    expect(&mut p, "Welcome back: 2 answers restored");
    expect(&mut p, "Press Enter to begin.");
    keys(&mut p, &[ENTER]);
    expect(&mut p, "question 3 of 7 · Your manager");
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]); // 4 · Agree
    expect(&mut p, "question 4 of 7");
    keys(&mut p, &[ENTER]); // 0
    expect(&mut p, "question 5 of 7 · Flexibility");
    keys(&mut p, &[ENTER]); // none of these
    expect(&mut p, "question 6 of 7");
    keys(&mut p, &[DOWN, ENTER]); // No
    expect(&mut p, "question 7 of 7");
    expect(&mut p, "Anything else?");
    keys(&mut p, &[ENTER]); // Write an answer…
    expect(&mut p, "(Enter when done; empty skips)");
    keys(&mut p, &["h", "i", ENTER]);
    expect(&mut p, "Verdict:");
    expect(&mut p, "What next?");
    keys(&mut p, &["3"]);
    assert_eq!(exit_code(&mut p), 0);
    assert!(!draft_path.exists(), "the finished draft is removed");
    let (_, result) = only_result(state.path());
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

#[test]
fn the_report_can_be_saved_as_json_from_the_final_menu() {
    let state = tempfile::tempdir().unwrap();
    let copy = state.path().join("copy.json");
    let mut p = quick_assessment(state.path());
    keys(&mut p, &[ENTER]);
    expect(&mut p, "question 2 of 2");
    keys(&mut p, &[ENTER]);
    expect(&mut p, "What next?");
    keys(&mut p, &["2"]); // Save a copy
    expect(&mut p, "Which kind of copy?");
    keys(&mut p, &["3"]); // JSON
    expect(&mut p, "Save as");
    // Replace the suggested name, in the home folder (no Documents there).
    let suggested = state.path().join("mommytrack-report.json");
    let backspaces = "\x7f".repeat(suggested.to_str().unwrap().len());
    p.send(&backspaces).unwrap();
    p.send(copy.to_str().unwrap()).unwrap();
    keys(&mut p, &[ENTER]);
    expect(&mut p, "Saved ");
    expect(&mut p, "What next?");
    keys(&mut p, &["3"]);
    assert_eq!(exit_code(&mut p), 0);
    let (path, _) = only_result(state.path());
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(path).unwrap()
    );
    assert_eq!(mode_of(&copy), 0o600);
}

/// Runs `assess --plain` with `input` piped in.
fn plain(state: &Path, args: &[&str], input: &str) -> std::process::Output {
    let mut child = command(state, &["assess", "--plain", "--bank", MINI])
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
    assert!(
        stderr.contains("question 2 of 7 · Your manager"),
        "{stderr}"
    );
    assert!(stderr.contains("  3. It is counted against me"), "{stderr}");
    assert!(
        !stderr.contains('\x1b') && !stdout.contains('\x1b'),
        "no cursor movement or colour in plain mode"
    );
    let (_, result) = only_result(state.path());
    assert_eq!(result["answers"]["notes"], "Ask Dana");
    assert_eq!(
        result["answers"]["flex_options"],
        serde_json::json!(["remote", "hours"])
    );
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
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state.path().join("draft.json")).unwrap())
            .unwrap();
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "boss_understands": null })
    );
    assert_eq!(draft["mode"], "quick");

    // --resume continues at the second question, in quick mode.
    let mut child = command(state.path(), &["assess", "--resume", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"4\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("question 2 of 2 · Flexibility"), "{stderr}");
    assert!(!stderr.contains("question 1 of 2"), "{stderr}");
    let (_, result) = only_result(state.path());
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
    let (path, _) = only_result(state.path());
    assert_eq!(
        std::fs::read_to_string(report).unwrap(),
        std::fs::read_to_string(path).unwrap()
    );
}

#[test]
fn ctrl_c_in_plain_mode_on_a_terminal_exits_130_with_the_draft() {
    let state = tempfile::tempdir().unwrap();
    let mut p = spawn(
        state.path(),
        &["assess", "--plain", "--quick", "--bank", MINI],
    );
    expect(&mut p, "question 1 of 2");
    p.send_line("4").unwrap();
    expect(&mut p, "question 2 of 2");
    expect(&mut p, "> ");
    p.send_control('c').unwrap();
    expect(&mut p, "Stopped.");
    expect(&mut p, "mommytrack assess --resume");
    assert_eq!(exit_code(&mut p), 130);
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(state.path().join("draft.json")).unwrap())
            .unwrap();
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "boss_understands": 4 })
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
    let (_, result) = only_result(state.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": null, "flex_options": ["remote"] })
    );

    // Start over (2): the draft's answers are gone.
    let out = plain(copy.path(), &["--quick"], "2\n3\n2\n1\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let (_, result) = only_result(copy.path());
    assert_eq!(
        result["answers"],
        serde_json::json!({ "boss_understands": 3, "flex_options": ["hours"] })
    );
}

#[test]
fn term_dumb_gets_the_plain_prompts() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(state.path(), &["assess", "--quick", "--bank", MINI]);
    cmd.env("TERM", "dumb");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
    expect(&mut p, "question 1 of 2");
    expect(&mut p, "Type a number from 1 to 5; s = prefer not to say.");
    p.send_line("2").unwrap();
    expect(&mut p, "  1. Remote days");
    p.send_line("0").unwrap();
    expect(&mut p, "Answered 2 of 2 scored questions");
    expect(&mut p, "What next?");
    p.send_line("3").unwrap();
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn resume_without_a_draft_is_a_clear_error() {
    let state = tempfile::tempdir().unwrap();
    let out = command(state.path(), &["assess", "--resume", "--bank", MINI])
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
    let out = command(state.path(), &["assess", "--bank", MINI])
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
