//! The commands through the real binary: outputs, exit codes,
//! and "nothing written on failure".

use crate::harness::*;
use predicates::prelude::*;

const MINI_A1: &str = "answers/mini_a1.yaml";

use crate::harness::mini_dir as mini;

#[test]
fn assess_with_an_answers_file_prints_the_text_report() {
    mt().args(["assess", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(fixture(MINI_A1))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Verdict: Mixed track, with an overall score of 55.6",
        ))
        .stdout(predicate::str::contains("Your manager"))
        .stdout(predicate::str::contains("62.5"))
        .stdout(predicate::str::contains("Ask about part-time in writing"));
}

#[test]
fn assess_reads_answers_from_dash_and_from_a_pipe_alike() {
    let text = std::fs::read_to_string(fixture(MINI_A1)).unwrap();
    let base = || {
        let mut c = mt();
        c.args(["assess", "--format", "json", "--bank"]).arg(mini());
        c
    };
    let from_file = stdout_of(base().arg("--answers").arg(fixture(MINI_A1)));
    let from_dash = stdout_of(base().args(["--answers", "-"]).write_stdin(text.clone()));
    let from_pipe = stdout_of(base().write_stdin(text));
    assert_eq!(from_file, from_dash);
    assert_eq!(from_file, from_pipe);
}

#[test]
fn no_terminal_and_no_answers_is_a_usage_error_that_says_how() {
    mt().args(["assess", "--bank"])
        .arg(mini())
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"))
        .stderr(predicate::str::contains(
            "cat answers.yaml | mommytrack assess",
        ));
}

#[test]
fn bad_flags_exit_2() {
    mt().args(["assess", "--no-such-flag"]).assert().code(2);
    mt().args(["assess", "--format", "pdf"]).assert().code(2);
    mt().args(["frobnicate"]).assert().code(2);
}

#[test]
fn a_missing_answers_file_exits_66_naming_it() {
    mt().args(["assess", "--bank"])
        .arg(mini())
        .args(["--answers", "/no/such/answers.yaml"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("/no/such/answers.yaml"));
}

#[test]
fn a_missing_bank_folder_exits_66() {
    mt().args(["validate", "/no/such/bank"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("/no/such/bank"));
}

#[test]
fn output_is_written_private_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("me.json");
    mt().args(["assess", "--format", "json", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(fixture(MINI_A1))
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"schema_version\": 2"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn an_output_that_cannot_be_created_exits_73() {
    mt().args(["assess", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(fixture(MINI_A1))
        .args(["--output", "/no/such/dir/report.txt"])
        .assert()
        .code(73)
        .stderr(predicate::str::contains("/no/such/dir/report.txt"));
}

#[test]
fn on_failure_an_existing_output_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "report.txt", "precious");
    let bad = write(dir.path(), "bad.yaml", "boss_understands: 9\n");
    mt().args(["assess", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(&bad)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(65);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

#[test]
fn invalid_answers_exit_65_naming_file_line_question_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "answers.yaml",
        "boss_erly_leave: normal\nboss_understands: 9\nflex_options: remote\nconsidering_part_time: maybe\nboss_late_email: 2\nhas_manager: true\n",
    );
    let assert = mt()
        .args(["assess", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(&bad)
        .assert()
        .code(65);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let name = bad.display().to_string();
    // All problems at once, each located and with a fix.
    assert!(
        err.contains(&format!(
            "{name}:1:1: [boss_erly_leave] unknown question id"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `boss_early_leave`?"), "{err}");
    assert!(
        err.contains(&format!(
            "{name}:2:1: [boss_understands] 9 is out of range; a whole number from 1 to 5"
        )),
        "{err}"
    );
    assert!(
        err.contains("[flex_options] a multi answer is a list of option ids"),
        "{err}"
    );
    assert!(
        err.contains(
            "[considering_part_time] a yes/no answer is true or false, but \"maybe\" was given"
        ),
        "{err}"
    );
    assert!(err.contains("4 problems"), "{err}");
}

#[test]
fn an_unknown_option_suggests_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "a.yaml",
        "has_manager: true\nboss_early_leave: countd\n",
    );
    mt().args(["assess", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(&bad)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "`countd` is not an option; did you mean `counted`?",
        ));
}

#[test]
fn answers_to_questions_not_asked_are_warned_about_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.yaml",
        "has_manager: false\nboss_early_leave: counted\nboss_understands: 3\n",
    );
    let assert = mt()
        .args(["assess", "--format", "json", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(&a)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: [boss_early_leave] answered, but this question does not apply because of your answer \"No\" to \"Do you have a manager?\"",
        ))
        .stderr(predicate::str::contains("`when`").not());
    let json: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(
        json["flags"],
        serde_json::json!([]),
        "a flag from an unasked question is not raised"
    );
    assert!(json["answers"].get("boss_early_leave").is_none());
}

/// The warning's place is where the parser read the key, whatever way the
/// file writes it: a JSON line, a `? key` entry, or beside a note that
/// quotes the key at the start of a line (a text search found no line, or
/// the note's).
#[test]
fn an_unused_answer_is_placed_where_the_parser_read_its_key() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, place) in [
        (
            "a.json",
            "{\"has_manager\": false, \"boss_early_leave\": \"counted\"}\n",
            "a.json:1:24:",
        ),
        (
            "b.yaml",
            "has_manager: false\n? boss_early_leave\n: counted\nnotes: |\n  \"boss_early_leave\": ask again\n",
            "b.yaml:2:3:",
        ),
    ] {
        let a = write(dir.path(), name, text);
        mt().args(["assess", "--format", "json", "--bank"])
            .arg(mini())
            .arg("--answers")
            .arg(&a)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "{place} warning: [boss_early_leave] answered, but this question does not apply"
            )));
    }
}

#[test]
fn quick_mode_asks_only_core_questions() {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        mt().args(["assess", "--quick", "--format", "json", "--bank"])
            .arg(mini())
            .arg("--answers")
            .arg(fixture(MINI_A1)),
    ))
    .unwrap();
    assert_eq!(json["mode"], "quick");
    // Core: boss_early_leave (needs has_manager, which is not core, so not asked),
    // boss_understands, flex_options.
    assert_eq!(
        json["coverage"],
        serde_json::json!({ "answered": 2, "asked": 2 })
    );
}

#[test]
fn json_output_is_byte_identical_across_runs_and_key_orders() {
    let text = std::fs::read_to_string(fixture(MINI_A1)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    let reversed = lines.join("\n");
    let run = |input: String| {
        stdout_of(
            mt().args(["assess", "--format", "json", "--answers", "-", "--bank"])
                .arg(mini())
                .write_stdin(input),
        )
    };
    let a = run(text.clone());
    assert_eq!(a, run(text));
    assert_eq!(a, run(reversed));
}

#[test]
fn json_answers_files_work_too() {
    let json = r#"{"has_manager": true, "boss_early_leave": "normal", "flex_options": ["remote"], "notes": null}"#;
    let v = assess_json(&mini(), json);
    assert_eq!(v["answers"]["notes"], serde_json::Value::Null);
    assert_eq!(v["answers"]["flex_options"], serde_json::json!(["remote"]));
}

#[test]
fn report_rerenders_a_saved_result_without_the_bank() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.json");
    mt().args(["assess", "--format", "json", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(fixture(MINI_A1))
        .arg("--output")
        .arg(&saved)
        .assert()
        .success();
    let original_text = stdout_of(
        mt().args(["assess", "--bank"])
            .arg(mini())
            .arg("--answers")
            .arg(fixture(MINI_A1)),
    );
    let rerendered = stdout_of(mt().arg("report").arg(&saved));
    assert_eq!(original_text, rerendered);
    let json_again = stdout_of(mt().arg("report").arg(&saved).args(["--format", "json"]));
    assert_eq!(json_again, std::fs::read_to_string(&saved).unwrap());
}

#[test]
fn report_of_something_else_exits_65_or_66() {
    let dir = tempfile::tempdir().unwrap();
    let junk = write(dir.path(), "junk.json", "{ not json");
    mt().arg("report")
        .arg(&junk)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("junk.json:1:"));
    let other = write(dir.path(), "other.json", "{\"a\": 1}");
    mt().arg("report")
        .arg(&other)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("schema_version"));
    mt().args(["report", "/no/such.json"]).assert().code(66);
}

#[test]
fn questions_lists_sets_and_counts() {
    mt().args(["questions", "--bank"])
        .arg(mini())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2 sets, 7 questions (3 core, 5 scored)",
        ))
        .stdout(predicate::str::contains("boss_early_leave"));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        mt().args(["questions", "--format", "json", "--bank"])
            .arg(mini()),
    ))
    .unwrap();
    assert_eq!(json["counts"]["questions"], 7);
    assert_eq!(json["counts"]["core"], 3);
    assert_eq!(json["counts"]["red_flags"], 1);
    assert_eq!(
        json["sets"][0]["questions"][1]["options"][2]["flag"],
        "boss_penalizes_parents"
    );
}

#[test]
fn the_template_is_accepted_as_is_and_once_filled_in() {
    let template = stdout_of(mt().args(["template", "--bank"]).arg(mini()));
    assert!(template.contains("# What happens when you leave early for a child's appointment?"));
    assert!(template.contains("#   counted        It is counted against me"));
    assert!(
        template.contains("# A whole number from 1 = Strongly disagree to 5 = Strongly agree.")
    );
    let v = assess_json(&mini(), &template);
    assert_eq!(v["overall"]["score"], serde_json::Value::Null);
    assert_eq!(v["overall"]["verdict"], serde_json::Value::Null);

    let filled = template
        .replace("has_manager: null", "has_manager: true")
        .replace("boss_early_leave: null", "boss_early_leave: normal")
        .replace("boss_understands: null", "boss_understands: 5")
        .replace("boss_late_email: null", "boss_late_email: 0")
        .replace(
            "flex_options: null",
            "flex_options: [remote, hours, part_time]",
        )
        .replace(
            "considering_part_time: null",
            "considering_part_time: false",
        )
        .replace("notes: null", "notes: \"all good\"");
    let v = assess_json(&mini(), &filled);
    assert_eq!(v["overall"]["score"], 100.0);
    assert_eq!(v["overall"]["verdict"], "positive");
    assert_eq!(
        v["coverage"],
        serde_json::json!({ "answered": 5, "asked": 5 })
    );
}

#[test]
fn the_template_lines_up_each_questions_labels_after_its_longest_id() {
    let template = Test::new().args(["template"]).success().stdout();
    assert!(
        template.contains("#   partner_gave_birth  My partner, or a surrogate, gave birth"),
        "{template}"
    );
    // Every option list: each label starts in the same column, at least two
    // spaces after the longest id.
    let mut lists = 0;
    let mut lines = template.lines().peekable();
    while let Some(line) = lines.next() {
        if !(line == "# One of:" || line.starts_with("# A list of any of these")) {
            continue;
        }
        lists += 1;
        let mut columns = Vec::new();
        while let Some(option) = lines.next_if(|l| l.starts_with("#   ")) {
            let rest = &option["#   ".len()..];
            let id_end = rest
                .find(' ')
                .unwrap_or_else(|| panic!("no label: {option:?}"));
            let gap = rest[id_end..].len() - rest[id_end..].trim_start().len();
            assert!(gap >= 2, "id runs into its label: {option:?}");
            columns.push(id_end + gap);
        }
        assert!(columns.len() >= 2, "after {line:?}");
        assert!(
            columns.iter().all(|&c| c == columns[0]),
            "labels out of line after {line:?}: {columns:?}\n{template}"
        );
    }
    assert!(lists > 20, "option lists found: {lists}");
    // Still an answers file, accepted as it is.
    Test::new()
        .args(["assess", "--format", "json", "--answers", "-"])
        .stdin(template)
        .success();
}

#[test]
fn quick_template_holds_only_core_questions() {
    let t = stdout_of(mt().args(["template", "--quick", "--bank"]).arg(mini()));
    assert!(t.contains("boss_understands: null"));
    assert!(!t.contains("has_manager: null"));
}

#[test]
fn completions_are_printed() {
    mt().args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_mommytrack()"));
}

#[test]
fn help_and_version() {
    mt().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    mt().arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("mommytrack "));
}

#[test]
fn empty_non_utf8_and_malformed_answers_files_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.yaml", b"".to_vec(), "the answers file is empty"),
        (
            "comments.yaml",
            b"# nothing\n".to_vec(),
            "the answers file is empty",
        ),
        (
            "binary.yaml",
            vec![0xff, 0xfe, 0x00, 0x41],
            "not valid UTF-8",
        ),
        (
            "broken.yaml",
            b"a: [1, 2\nb: c\n".to_vec(),
            "not valid YAML or JSON",
        ),
        ("list.yaml", b"- a\n- b\n".to_vec(), "must be a mapping"),
        (
            "huge.yaml",
            b"boss_understands: 1e999999\n".to_vec(),
            "boss_understands",
        ),
        (
            "big.yaml",
            b"boss_understands: 99999999999999999999999999\n".to_vec(),
            "boss_understands",
        ),
    ];
    for (name, bytes, expected) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        mt().args(["assess", "--bank"])
            .arg(mini())
            .arg("--answers")
            .arg(&p)
            .assert()
            .code(65)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains(expected));
    }
}

/// Exit 1 is for anything else, such as standard output failing for a
/// reason other than a closed pipe.
#[cfg(target_os = "linux")]
#[test]
fn any_other_failure_exits_1_with_a_message() {
    require("sh");
    let out = Test::new()
        .args(["-c", "\"$0\" questions > /dev/full", BIN])
        .command_for("sh")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No space left on device"));
}

/// `--output` never writes through a symbolic link to a file (a planted
/// link must not decide which file a report replaces), and writes into
/// special files, replacing none.
#[cfg(unix)]
#[test]
fn output_refuses_links_to_files_and_never_replaces_special_files() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(dir.path(), "real.txt", "old");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let run = |out: &std::path::Path| {
        mt().args(["assess", "--format", "json", "--bank"])
            .arg(mini())
            .arg("--answers")
            .arg(fixture(MINI_A1))
            .arg("--output")
            .arg(out)
            .assert()
    };
    run(&link)
        .code(73)
        .stderr(predicates::str::contains("does not write through links"));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "old");
    run(std::path::Path::new("/dev/null")).success();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A link to a special file is written into.
    let to_null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &to_null).unwrap();
    run(&to_null).success();
}

#[test]
fn an_empty_explicit_dash_is_an_empty_answers_file() {
    mt().args(["assess", "--answers", "-", "--bank"])
        .arg(mini())
        .write_stdin("")
        .assert()
        .code(65)
        .stderr(predicate::str::contains("the answers file is empty"));
}

#[test]
fn a_full_answers_file_in_quick_mode_gets_one_line_for_the_non_core_answers() {
    let assert = mt()
        .args(["assess", "--quick", "--bank"])
        .arg(mini())
        .arg("--answers")
        .arg(fixture(MINI_A1))
        .assert()
        .success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    // One line for the four non-core answers; boss_early_leave is core but
    // hangs on has_manager, which --quick does not ask, so it gets its own.
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains(
            "warning: 4 answers are for questions the quick assessment (--quick) does not ask"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: [boss_early_leave] answered, but this question does not apply because of \"Do you have a manager?\", which the quick assessment does not ask"
        ),
        "{err}"
    );
}

#[test]
fn a_levers_gain_is_the_difference_of_the_scores_it_shows() {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        mt().args(["assess", "--format", "json"])
            .arg("--answers")
            .arg(fixture(
                "../personas/returning_after_leave_mixed.answers.yaml",
            )),
    ))
    .unwrap();
    let levers = json["levers"].as_array().unwrap();
    assert!(!levers.is_empty());
    for l in levers {
        let (from, to, gain) = (
            l["overall_from"].as_f64().unwrap(),
            l["overall_to"].as_f64().unwrap(),
            l["gain"].as_f64().unwrap(),
        );
        assert!((to - from - gain).abs() < 1e-9, "{l}");
    }
}

#[test]
fn a_template_left_partly_null_gives_no_warnings() {
    let template = stdout_of(mt().args(["template", "--bank"]).arg(mini()));
    let filled = template.replace("has_manager: null", "has_manager: false");
    mt().args(["assess", "--answers", "-", "--bank"])
        .arg(mini())
        .write_stdin(filled)
        .assert()
        .success()
        .stderr("");
}

#[test]
fn many_answers_to_questions_that_do_not_apply_are_counted_after_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    write(
        &bank,
        "bank.yaml",
        "title: Gated\nbands:\n  - { verdict: positive, min: 50, label: \"Good\" }\n  - { verdict: sidelined, min: 0, label: \"Poor\" }\n",
    );
    let mut set = String::from(
        "id: gated\ntitle: Gated\nquestions:\n  - id: gate\n    kind: yesno\n    prompt: \"Gate?\"\n    scores: { yes: 1, no: 0 }\n",
    );
    let mut answers = String::from("gate: false\n");
    for i in 0..25 {
        set.push_str(&format!(
            "  - id: q{i}\n    kind: yesno\n    prompt: \"Q{i}?\"\n    scores: {{ yes: 1, no: 0 }}\n    when: {{ answer: gate, is: true }}\n"
        ));
        answers.push_str(&format!("q{i}: true\n"));
    }
    write(&bank, "10_gated.yaml", &set);
    let a = write(dir.path(), "a.yaml", &answers);
    let assert = mt()
        .args(["assess", "--format", "json", "--bank"])
        .arg(&bank)
        .arg("--answers")
        .arg(&a)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let one_by_one = err
        .lines()
        .filter(|l| l.contains("does not apply because of your answer"))
        .count();
    assert_eq!(one_by_one, 20, "{err}");
    assert!(err.contains("[q19]") && !err.contains("[q20]"), "{err}");
    assert!(
        err.contains("… and 5 more answers to questions that do not apply because of earlier answers; they are not used"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 21, "{err}");
}
