//! Issue 11, classes 1 and 4–10: closed standard error, unbounded and
//! blocking inputs, template round-trips, drafts that no longer fit,
//! impossible saved results, concurrent sessions, links out of a bank,
//! `--output` over an input, signals, numeric text answers and a shared
//! state folder. Every test drives the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{copy_mini, fixture, mt, write};

/// A copy of the mini bank in a temporary folder, with edits.
fn mini_with(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_mini(dir.path(), edits);
    dir
}

use crate::harness::BIN;

fn mini() -> String {
    fixture("mini").display().to_string()
}

/// Answers for the mini bank; `boss_early_leave` is answered but not asked
/// (no manager), so assessing them prints a warning.
fn answers_with_a_warning(dir: &Path) -> PathBuf {
    write(
        dir,
        "a.yaml",
        "has_manager: false\nboss_early_leave: counted\nboss_understands: 4\nflex_options: [remote]\n",
    )
}

/// A standard error whose reader is gone: every write to it fails with EPIPE.
fn closed_pipe() -> Stdio {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: pipe fills two descriptors; we own both and close the reader.
    unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        libc::close(fds[0]);
        Stdio::from(std::os::fd::OwnedFd::from_raw_fd(fds[1]))
    }
}

// Class 1 ------------------------------------------------------------------

#[test]
fn a_closed_stderr_neither_panics_nor_stops_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let a = answers_with_a_warning(tmp.path());
    let out_file = tmp.path().join("report.txt");
    let status = StdCommand::new(BIN)
        .args(["assess", "--bank", &mini(), "--answers"])
        .arg(&a)
        .arg("--output")
        .arg(&out_file)
        .stderr(closed_pipe())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(
        out_file.exists(),
        "the report is written despite the warning"
    );

    // An error with nowhere to go still exits with its own code.
    let status = StdCommand::new(BIN)
        .args(["report", "no-such-result.json"])
        .stderr(closed_pipe())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(66));
}

// Class 4 ------------------------------------------------------------------

/// Runs with a deadline; a blocked read would fail the test, not hang it.
fn run_quickly(cmd: &mut StdCommand) -> (Option<i32>, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err);
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("{cmd:?} blocked for 5 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo has no other preconditions.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn devices_and_fifos_are_refused_without_blocking_for_every_input() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("fifo.json");
    mkfifo(&fifo);
    for input in [fifo.as_path(), Path::new("/dev/zero")] {
        for args in [
            vec!["report"],
            vec!["assess", "--answers"],
            vec!["compare", "/dev/null"],
        ] {
            let (code, err) = run_quickly(StdCommand::new(BIN).args(&args).arg(input));
            assert_eq!(code, Some(66), "{args:?} {input:?}: {err}");
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
    // A set file that is a FIFO is not a set file.
    let bank = mini_with(&[]);
    mkfifo(&bank.path().join("30_fifo.yaml"));
    let (code, err) = run_quickly(StdCommand::new(BIN).arg("validate").arg(bank.path()));
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_draft_that_is_a_fifo_or_a_link_to_dev_zero_is_refused() {
    for make in [(|p: &Path| mkfifo(p)) as fn(&Path), |p: &Path| {
        std::os::unix::fs::symlink("/dev/zero", p).unwrap()
    }] {
        let state = tempfile::tempdir().unwrap();
        make(&state.path().join("draft.json"));
        let (code, err) = run_quickly(
            StdCommand::new(BIN)
                .args(["assess", "--resume", "--plain", "--bank", &mini()])
                .env("MOMMYTRACK_STATE_DIR", state.path()),
        );
        assert_eq!(code, Some(66), "{err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
}

// Class 5 ------------------------------------------------------------------

#[test]
fn the_template_round_trips_whatever_the_titles_and_prompts_hold() {
    let bank = mini_with(&[
        (
            "20_flex.yaml",
            "title: Flexibility",
            "title: \"Flex\\nnotes: smuggled\"",
        ),
        (
            "20_flex.yaml",
            "\"Anything else?\"",
            "\"Anything else?\\rnotes: \\\"a hidden answer\\\"\\u2028has_manager: true\\x85considering_part_time: true\"",
        ),
    ]);
    let out = mt()
        .args(["template", "--bank"])
        .arg(bank.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_yaml::Mapping = serde_yaml::from_slice(&out.stdout).unwrap();
    assert_eq!(doc.len(), 7, "one key per question, nothing smuggled");
    assert!(doc.values().all(serde_yaml::Value::is_null));
    let tmp = tempfile::tempdir().unwrap();
    let t = write(tmp.path(), "t.yaml", &String::from_utf8_lossy(&out.stdout));
    mt().args(["assess", "--format", "json", "--bank"])
        .arg(bank.path())
        .arg("--answers")
        .arg(&t)
        .assert()
        .success();
}

#[test]
fn ids_yaml_reads_as_null_or_booleans_are_refused_with_a_fix() {
    for (from, to, id) in [
        ("id: notes", "id: \"null\"", "null"),
        ("id: has_manager", "id: \"false\"", "false"),
        ("{ id: remote,", "{ id: \"true\",", "true"),
    ] {
        let file = if from.contains("remote") || from.contains("notes") {
            "20_flex.yaml"
        } else {
            "10_boss.yaml"
        };
        let bank = mini_with(&[(file, from, to)]);
        let out = mt().arg("validate").arg(bank.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{id}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("`{id}` cannot be a")), "{err}");
        assert!(err.contains("use a longer name"), "{err}");
        assert!(!err.contains("was given; valid: `true`"), "{err}");
    }
}

#[test]
fn ids_other_yaml_tools_read_as_booleans_are_quoted_in_the_template() {
    let bank = mini_with(&[
        ("10_boss.yaml", "id: has_manager", "id: \"yes\""),
        ("10_boss.yaml", "answer: has_manager,", "answer: \"yes\","),
        ("20_flex.yaml", "id: notes", "id: \"on\""),
    ]);
    let out = mt()
        .args(["template", "--bank"])
        .arg(bank.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\n\"yes\": null\n") && text.contains("\n\"on\": null\n"),
        "{text}"
    );
    // Filled in, it answers the questions `yes` and `on`.
    let tmp = tempfile::tempdir().unwrap();
    let filled = text
        .replace("\"yes\": null", "\"yes\": true")
        .replace("\"on\": null", "\"on\": \"fine\"");
    let a = write(tmp.path(), "a.yaml", &filled);
    let out = mt()
        .args(["assess", "--format", "json", "--bank"])
        .arg(bank.path())
        .arg("--answers")
        .arg(&a)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["answers"]["yes"], true, "{v}");
    assert_eq!(v["answers"]["on"], "fine", "{v}");
}

// Class 6 ------------------------------------------------------------------

fn draft(state: &Path, answers: &str) {
    let bank_dir = fixture("mini").canonicalize().unwrap();
    let text = format!(
        r#"{{"mommytrack_draft": 1, "mode": "full", "bank": {{"title": "Mini bank", "dir": {:?}, "fingerprint": "0000000000000000"}}, "answers": {answers}}}"#,
        bank_dir.display().to_string()
    );
    std::fs::write(state.join("draft.json"), text).unwrap();
}

#[test]
fn resuming_a_draft_that_no_longer_fits_shows_each_problem_and_can_keep_the_rest() {
    let state = tempfile::tempdir().unwrap();
    let answers = r#"{"has_manager": true, "boss_understands": 9, "gone_question": "x", "flex_options": ["remote", "teleport"]}"#;

    // Stop: nothing is deleted, and the message says how to keep the rest.
    draft(state.path(), answers);
    let out = mt()
        .args(["assess", "--resume", "--plain"])
        .env("MOMMYTRACK_STATE_DIR", state.path())
        .write_stdin("2\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3 of your 4 saved answers no longer fit"),
        "{err}"
    );
    assert!(
        err.contains("boss_understands: 9 (9 is out of range"),
        "{err}"
    );
    assert!(
        err.contains("gone_question: \"x\" (the question is no longer asked)"),
        "{err}"
    );
    assert!(
        err.contains("flex_options: [\"remote\",\"teleport\"] (`teleport` is not an option"),
        "{err}"
    );
    assert!(err.contains("choose to keep them"), "{err}");
    assert!(state.path().join("draft.json").exists());

    // Keep: the answer that fits is kept and the session carries on.
    let out = mt()
        .args(["assess", "--resume", "--plain", "--format", "json"])
        .env("MOMMYTRACK_STATE_DIR", state.path())
        .write_stdin("1\n1\ns\ns\ns\ns\ns\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("Keep the 1 answer that still fits"), "{err}");
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["answers"]["has_manager"], true, "{result}");
}

// Class 7 ------------------------------------------------------------------

#[test]
fn impossible_saved_results_are_refused_naming_the_field() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "a.yaml",
        "has_manager: true\nboss_understands: 4\n",
    );
    let out = mt()
        .args(["assess", "--bank", &mini(), "--format", "json", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    let good = String::from_utf8(out.stdout).unwrap();
    let good_path = write(tmp.path(), "good.json", &good);
    let v: serde_json::Value = serde_json::from_str(&good).unwrap();
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit); 7] = [
        ("overall.score", |v| v["overall"]["score"] = 1e308.into()),
        ("coverage.answered", |v| {
            v["coverage"]["answered"] = (-1).into()
        }),
        ("coverage.asked", |v| {
            v["coverage"]["asked"] = (1u64 << 63).into()
        }),
        ("dimensions[0].questions[0].score", |v| {
            v["dimensions"][0]["questions"][0]["score"] = 5000.into()
        }),
        ("dimensions[1].weight", |v| {
            v["dimensions"][1]["weight"] = (-2).into()
        }),
        ("schema_version", |v| v["schema_version"] = 0.into()),
        ("dimensions[0].answered", |v| {
            v["dimensions"][0]["answered"] = 99.into();
        }),
    ];
    for (field, edit) in cases {
        let mut bad = v.clone();
        edit(&mut bad);
        let p = write(tmp.path(), "bad.json", &bad.to_string());
        for args in [vec!["report"], vec!["compare", good_path.to_str().unwrap()]] {
            let out = mt().args(&args).arg(&p).output().unwrap();
            assert_eq!(out.status.code(), Some(65), "{field} {args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(&format!("`{field}`")), "{field}: {err}");
        }
    }
    mt().arg("report").arg(&good_path).assert().success();
}

// Class 8 ------------------------------------------------------------------

#[test]
fn six_sessions_finishing_together_leave_six_results() {
    let state = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut c = StdCommand::new(BIN)
                .args(["assess", "--quick", "--plain", "--bank", &mini()])
                .env("MOMMYTRACK_STATE_DIR", state.path())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            use std::io::Write;
            // Another session's draft may be found first: "2" starts over
            // (without it, "2" answers the first question); then skips.
            c.stdin.take().unwrap().write_all(b"2\ns\ns\n").unwrap();
            c
        })
        .collect();
    for mut c in children {
        assert_eq!(c.wait().unwrap().code(), Some(0));
    }
    let results = std::fs::read_dir(state.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("result-"))
        .count();
    assert_eq!(results, 6);
}

// Class 9 ------------------------------------------------------------------

#[test]
fn set_files_linking_out_of_the_bank_are_not_followed_unless_asked() {
    let bank = mini_with(&[]);
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = write(
        secret_dir.path(),
        "credentials",
        "https://alice:ghp_TOPSECRETTOKEN@github.com\n",
    );
    std::os::unix::fs::symlink(&secret, bank.path().join("30_creds.yaml")).unwrap();
    // A link inside the bank is fine.
    std::os::unix::fs::symlink(
        bank.path().join("20_flex.yaml"),
        bank.path().join("20_flex_link.yaml.bak"),
    )
    .unwrap();
    let out = mt().arg("validate").arg(bank.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("30_creds.yaml links to"), "{err}");
    assert!(err.contains("--follow-links"), "{err}");
    assert!(
        !err.contains("TOPSECRET") && !err.contains("alice"),
        "{err}"
    );

    let out = mt()
        .args(["validate", "--follow-links"])
        .arg(bank.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("text starting \"https://…\""), "{err}");
    assert!(
        !err.contains("TOPSECRET") && !err.contains("alice"),
        "{err}"
    );
}

/// `interview` and `history` read a bank too: a set file linked from
/// outside the bank is refused unless `--follow-links` is given.
#[test]
fn interview_and_history_follow_links_only_when_asked() {
    let bank = crate::harness::mini_with(&[]);
    let outside = tempfile::tempdir().unwrap();
    let moved = outside.path().join("20_flex.yaml");
    std::fs::rename(bank.path().join("20_flex.yaml"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, bank.path().join("20_flex.yaml")).unwrap();
    let t = crate::harness::Test::new();
    t.again()
        .args([
            "assess",
            "--follow-links",
            "--format",
            "json",
            "-o",
            "r.json",
            "--bank",
        ])
        .arg(bank.path())
        .arg("--answers")
        .arg(fixture("answers/mini_a1.yaml"))
        .success();
    for command in [&["interview"][..], &["history", "r.json"]] {
        let run = |follow: bool| {
            let mut c = t.again();
            c.args(command).arg("--bank").arg(bank.path());
            if follow {
                c.arg("--follow-links");
            }
            c.run()
        };
        run(false).code(65).stderr_contains("--follow-links");
        run(true).code(0);
    }
}

// Class 10 -----------------------------------------------------------------

#[test]
fn output_over_an_input_or_a_dangling_link_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let a = answers_with_a_warning(tmp.path());
    let before = std::fs::read_to_string(&a).unwrap();
    let hard = tmp.path().join("hard.yaml");
    std::fs::hard_link(&a, &hard).unwrap();
    let soft = tmp.path().join("soft.yaml");
    std::os::unix::fs::symlink(&a, &soft).unwrap();
    for out in [&a, &hard, &soft] {
        let o = mt()
            .args(["assess", "--bank", &mini(), "--answers"])
            .arg(&a)
            .arg("--output")
            .arg(out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(73), "{out:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("would replace it"));
    }
    assert_eq!(std::fs::read_to_string(&a).unwrap(), before);

    let r = write(tmp.path(), "r.json", "");
    let o = mt()
        .args(["assess", "--bank", &mini(), "--format", "json", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    std::fs::write(&r, o.stdout).unwrap();
    mt().arg("report")
        .arg(&r)
        .arg("-o")
        .arg(&r)
        .assert()
        .code(73);
    mt().arg("compare")
        .arg(&r)
        .arg(&r)
        .arg("-o")
        .arg(&r)
        .assert()
        .code(73);

    let dangling = tmp.path().join("dangling.txt");
    std::os::unix::fs::symlink(tmp.path().join("nowhere/x.txt"), &dangling).unwrap();
    let o = mt()
        .arg("report")
        .arg(&r)
        .arg("-o")
        .arg(&dangling)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(73));
    assert!(String::from_utf8_lossy(&o.stderr).contains("which does not exist"));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn text_answers_keep_their_text_even_when_yaml_reads_a_number() {
    let tmp = tempfile::tempdir().unwrap();
    for (written, kept) in [
        ("1.10", "1.10"),
        ("007", "007"),
        ("yes", "yes"),
        ("1e3  # c", "1e3"),
    ] {
        let a = write(tmp.path(), "a.yaml", &format!("notes: {written}\n"));
        let out = mt()
            .args(["assess", "--bank", &mini(), "--format", "json", "--answers"])
            .arg(&a)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["answers"]["notes"], kept, "{written}");
    }
}

#[test]
fn a_state_folder_others_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let state = tempfile::tempdir().unwrap();
    for mode in [0o777, 0o770] {
        std::fs::set_permissions(state.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        let out = mt()
            .args(["assess", "--plain", "--bank", &mini()])
            .env("MOMMYTRACK_STATE_DIR", state.path())
            .write_stdin("s\n")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(73));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("can be written by other users") && err.contains("chmod 700"),
            "{err}"
        );
    }
    std::fs::set_permissions(state.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(
        std::fs::read_dir(state.path()).unwrap().count(),
        0,
        "nothing was written"
    );
}

#[test]
fn sigterm_ends_a_session_like_ctrl_c_and_leaves_no_temporary_file() {
    let state = tempfile::tempdir().unwrap();
    let mut child = StdCommand::new(BIN)
        .args(["assess", "--plain", "--bank", &mini()])
        .env("MOMMYTRACK_STATE_DIR", state.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(b"1\n").unwrap();
        stdin.flush().unwrap();
    }
    // Wait for the first answer's draft, then terminate.
    let start = Instant::now();
    while !state.path().join("draft.json").exists() {
        assert!(start.elapsed() < Duration::from_secs(5), "no draft saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill with a live child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mommytrack assess --resume"));
    let leftovers: Vec<_> = std::fs::read_dir(state.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// Class 3 ------------------------------------------------------------------
// (Timings are in benches/hostile.py; these check the caps and that the
// work-bounded paths still give answers.)

#[test]
fn flags_and_advice_beyond_the_cap_are_refused_in_banks_and_results() {
    let mut flags = String::from("flags:\n");
    for i in 0..1001 {
        flags.push_str(&format!("  f{i}: {{ severity: red, title: \"F{i}\" }}\n"));
    }
    let bank = mini_with(&[("bank.yaml", "flags:\n", &flags)]);
    let out = mt().arg("validate").arg(bank.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the bank has 1003 flags; a bank may have at most 1000"),
        "{err}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "a.yaml",
        "has_manager: true\nboss_early_leave: counted\n",
    );
    let out = mt()
        .args(["assess", "--bank", &mini(), "--format", "json", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["overall"]["capped_by"] = (0..1001).map(|_| "boss_penalizes_parents").collect();
    let r = write(tmp.path(), "r.json", &v.to_string());
    let out = mt().arg("report").arg(&r).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "`capped_by` holds more than 1000 items, but a result of any bank holds at most 1000"
        ),
        "{err}"
    );
}

#[test]
fn a_long_when_chain_is_scored_and_its_far_reaching_answers_are_not_levers() {
    // The first answer, "no", keeps the rest of the chain from being asked;
    // "yes" would bring them all in. Within reach that is the best lever;
    // beyond 1,000 questions it is not offered (and scoring stays linear).
    let levers_of = |length: usize| -> Vec<String> {
        let tmp = tempfile::tempdir().unwrap();
        let bank = tmp.path().join("chain");
        copy_mini(&bank, &[]);
        let mut set = String::from("id: chain\ntitle: Chain\nquestions:\n");
        let mut answers = String::new();
        for i in 0..length {
            let when = if i > 0 {
                format!("    when: {{ answer: c{}, is: true }}\n", i - 1)
            } else {
                String::new()
            };
            set.push_str(&format!(
                "  - id: c{i}\n    kind: yesno\n    prompt: \"Q{i}\"\n    scores: {{ yes: 1, no: 0 }}\n{when}"
            ));
            answers.push_str(&format!("c{i}: {}\n", i != 0));
        }
        write(&bank, "30_chain.yaml", &set);
        let a = write(tmp.path(), "a.yaml", &answers);
        let out = mt()
            .args(["assess", "--format", "json", "--bank"])
            .arg(&bank)
            .arg("--answers")
            .arg(&a)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["levers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["question"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(levers_of(500), ["c0"]);
    assert!(levers_of(1500).is_empty());
}

#[test]
fn a_bank_over_the_size_or_file_count_caps_is_refused_before_it_is_read() {
    // Three files of 4 MiB (each within the cap on its own): 12 MiB in
    // all. Sparse, so the test writes nothing; the cap is checked before
    // reading.
    let big = tempfile::tempdir().unwrap();
    copy_mini(big.path(), &[]);
    for i in 0..3 {
        let f = std::fs::File::create(big.path().join(format!("9{i}_big.yaml"))).unwrap();
        f.set_len(4 * 1024 * 1024).unwrap();
    }
    let out = mt().arg("validate").arg(big.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(
        err.contains("MiB of YAML; a bank may hold at most 8 MiB"),
        "{err}"
    );

    let many = tempfile::tempdir().unwrap();
    copy_mini(many.path(), &[]);
    for i in 0..1_001 {
        std::fs::File::create(many.path().join(format!("x{i:05}.yaml"))).unwrap();
    }
    let out = mt()
        .arg("questions")
        .arg("--bank")
        .arg(many.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(
        err.contains(".yaml files; a bank may hold at most 1000"),
        "{err}"
    );
}

#[test]
fn a_bank_of_over_10000_questions_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    copy_mini(tmp.path(), &[]);
    // 10,001 questions in three files.
    for part in 0..3 {
        let mut set = format!("id: p{part}\ntitle: Part {part}\nquestions:\n");
        for i in (part * 3_334)..((part + 1) * 3_334).min(10_001) {
            set.push_str(&format!("  - {{ id: p{i}, kind: text, prompt: P }}\n"));
        }
        write(tmp.path(), &format!("9{part}_part.yaml"), &set);
    }
    let out = mt().arg("validate").arg(tmp.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(
        err.contains("92_part.yaml: with this file the bank has over 10000 questions, the most a bank may have"),
        "{err}"
    );
}

/// A saved result holds no more than a result of any bank can: a multi
/// answer ticks at most 200 options (a question's most), each once; a list
/// holds at most 10,000 items (a bank's most questions). More is refused
/// while the file is parsed, at the line and column where the list passes
/// the cap, so a file of tiny items never costs memory past it; `summarize`
/// of a folder of copies stops at the first (red team bound9, F4).
#[test]
fn a_result_holding_more_than_any_bank_gives_is_refused_where_it_passes_the_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let persona = fixture("../personas/australia_nurse_father_rosters.answers.yaml");
    let out = mt()
        .args(["assess", "--format", "json", "--answers"])
        .arg(&persona)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let base: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases: [(&str, serde_json::Value, &str, &str); 3] = [
        (
            "ticks.json",
            (0..201).map(|i| format!("o{i}")).collect(),
            "\"o200\"",
            "the answer to `kids_ages` ticks more than 200 options, but a question has at most 200",
        ),
        (
            "twice.json",
            serde_json::json!(["baby", "school", "baby"]),
            "\"baby\"\n",
            "the answer to `kids_ages` ticks `baby` twice",
        ),
        (
            "many.json",
            serde_json::json!(null),
            "",
            "`answers` holds more than 10000 keys",
        ),
    ];
    for (name, answer, at, says) in cases {
        let mut v = base.clone();
        let mut at = at.to_string();
        if name == "many.json" {
            let answers = v["answers"].as_object_mut().unwrap();
            for i in 0.. {
                if answers.len() > 10_000 {
                    break;
                }
                answers.insert(format!("x{i}"), serde_json::json!(true));
                at = format!("\"x{i}\"");
            }
        } else {
            v["answers"]["kids_ages"] = answer;
        }
        let text = serde_json::to_string_pretty(&v).unwrap();
        let from = text.find("\"answers\": {").unwrap();
        let at = from + text[from..].find(&at).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let r = write(tmp.path(), name, &text);
        let out = mt().arg("report").arg(&r).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        // The parser stops at the item past the cap, or at the token after it.
        assert!(
            (line..=line + 1).any(|l| err.contains(&format!("{name}:{l}:"))),
            "{name}: line {line}: {err}"
        );
        assert!(err.contains(says), "{name}: {err}");
    }
    // A folder of copies: refused at the first, where it passes the cap.
    let dir = tmp.path().join("copies");
    std::fs::create_dir(&dir).unwrap();
    let ticks = std::fs::read(tmp.path().join("ticks.json")).unwrap();
    for i in 0..20 {
        std::fs::write(dir.join(format!("r{i:02}.json")), &ticks).unwrap();
    }
    let out = mt().arg("summarize").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("r00.json:"), "{err}");
    assert!(err.contains("ticks more than 200 options"), "{err}");
}
