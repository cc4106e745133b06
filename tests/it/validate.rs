//! `mommytrack validate`: every kind of bank problem is found, located
//! (file, line, column, id) and comes with a fix; all at once.

use crate::harness::*;
use predicates::prelude::*;

/// Validates a mini bank with edits; returns stderr after checking exit 65.
fn problems(edits: &[(&str, &str, &str)]) -> (String, tempfile::TempDir) {
    let dir = mini_with(edits);
    let out = mt().arg("validate").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(65), "stderr: {err}");
    (err, dir)
}

fn expect(edits: &[(&str, &str, &str)], file: &str, line_col: &str, id: &str, needles: &[&str]) {
    let (err, dir) = problems(edits);
    let prefix = format!("{}:{line_col}: [{id}] ", dir.path().join(file).display());
    let line = err
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no problem at {prefix}\n{err}"));
    for n in needles {
        assert!(line.contains(n), "{line:?} lacks {n:?}");
    }
}

#[test]
fn the_mini_bank_is_valid() {
    mt().arg("validate")
        .arg(fixture("mini"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "is valid: 2 sets, 7 questions (3 core), 2 flags, 4 advice entries",
        ));
}

#[test]
fn bad_ids() {
    expect(
        &[("10_boss.yaml", "id: boss_late_email", "id: Boss-Late")],
        "10_boss.yaml",
        "23:5",
        "Boss-Late",
        &["not a valid question id", "e.g. `boss_late`"],
    );
}

/// Every list of next steps (advice, kit, together) is read by one loop, so
/// an advice entry's priority is held to the range a together entry's is.
#[test]
fn advice_priority_is_a_whole_number_from_one() {
    expect(
        &[("bank.yaml", "priority: 5", "priority: 0")],
        "bank.yaml",
        "35:5",
        "always",
        &[
            "priority 0 is not a whole number from 1 to 10000",
            "1 = most urgent",
        ],
    );
}

#[test]
fn duplicate_question_ids_across_files() {
    expect(
        &[("20_flex.yaml", "id: notes", "id: boss_understands")],
        "20_flex.yaml",
        "17:5",
        "boss_understands",
        &["already used in", "10_boss.yaml"],
    );
}

/// A repeat within one file names that file, which is still being read
/// when the repeat is found.
#[test]
fn duplicate_question_ids_in_one_file() {
    let (err, dir) = problems(&[("10_boss.yaml", "id: boss_understands", "id: has_manager")]);
    let boss = dir.path().join("10_boss.yaml");
    let prefix = format!("{}:18:5: [has_manager] ", boss.display());
    let line = err
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no problem at {prefix}\n{err}"));
    assert!(
        line.contains(&format!("already used in {};", boss.display())),
        "{line}"
    );
}

#[test]
fn duplicate_option_ids() {
    expect(
        &[("10_boss.yaml", "{ id: explain,", "{ id: normal,")],
        "10_boss.yaml",
        "16:11",
        "boss_early_leave.normal",
        &["two options with the id `normal`"],
    );
}

#[test]
fn duplicate_set_ids() {
    expect(
        &[("20_flex.yaml", "id: flex", "id: boss")],
        "20_flex.yaml",
        "1:1",
        "boss",
        &["set id `boss` is used by", "10_boss.yaml"],
    );
}

#[test]
fn duplicate_advice_ids() {
    expect(
        &[("bank.yaml", "id: keep_going", "id: seek_transfer")],
        "bank.yaml",
        "22:5",
        "seek_transfer",
        &["two advice entries"],
    );
}

#[test]
fn unknown_kinds_suggest_the_closest() {
    expect(
        &[("10_boss.yaml", "kind: choice", "kind: choise")],
        "10_boss.yaml",
        "9:5",
        "boss_early_leave",
        &["unknown kind `choise`", "did you mean `choice`?"],
    );
}

#[test]
fn scored_options_that_cannot_differ() {
    expect(
        &[
            ("10_boss.yaml", "score: -2, flag", "score: 2, flag"),
            ("10_boss.yaml", "score: 0 }", "score: 2 }"),
        ],
        "10_boss.yaml",
        "14:5",
        "boss_early_leave",
        &["cannot differ in score"],
    );
}

#[test]
fn scale_min_not_below_max() {
    expect(
        &[(
            "10_boss.yaml",
            "scale: { min: 0, max: 4 }",
            "scale: { min: 4, max: 4 }",
        )],
        "10_boss.yaml",
        "27:5",
        "boss_late_email",
        &["scale min 4 is not below max 4"],
    );
}

#[test]
fn forward_references_in_when() {
    expect(
        &[(
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { answer: boss_understands, is: 3 }",
        )],
        "10_boss.yaml",
        "13:13",
        "boss_early_leave",
        &[
            "`boss_understands` is asked after this question",
            "may only name questions that come before it",
        ],
    );
}

#[test]
fn unknown_question_in_when_suggests_the_closest() {
    expect(
        &[(
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { answer: has_manger, is: true }",
        )],
        "10_boss.yaml",
        "13:13",
        "boss_early_leave",
        &[
            "unknown question `has_manger`",
            "did you mean `has_manager`?",
        ],
    );
}

#[test]
fn conditions_that_do_not_fit_the_question() {
    // An option id that does not exist.
    expect(
        &[("bank.yaml", "includes: part_time", "includes: parttime")],
        "bank.yaml",
        "31:96",
        "ask_part_time",
        &[
            "`flex_options` has no option `parttime`",
            "did you mean `part_time`?",
        ],
    );
    // `includes` on a non-multi question.
    expect(
        &[(
            "bank.yaml",
            "{ answer: considering_part_time, is: true }",
            "{ answer: considering_part_time, includes: yes }",
        )],
        "bank.yaml",
        "31:53",
        "ask_part_time",
        &["`includes` tests a multi question", "yesno"],
    );
    // A number outside a scale.
    expect(
        &[(
            "bank.yaml",
            "when: { overall: { at_least: 70 } }",
            "when: { answer: boss_understands, is: 9 }",
        )],
        "bank.yaml",
        "26:43",
        "keep_going",
        &[
            "9 is outside the scale of `boss_understands`",
            "from 1 to 5",
        ],
    );
}

#[test]
fn unknown_flags_in_options_and_advice() {
    expect(
        &[(
            "10_boss.yaml",
            "flag: boss_penalizes_parents",
            "flag: boss_penalises_parents",
        )],
        "10_boss.yaml",
        "17:70",
        "boss_early_leave.counted",
        &[
            "unknown flag `boss_penalises_parents`",
            "did you mean `boss_penalizes_parents`?",
        ],
    );
    expect(
        &[(
            "bank.yaml",
            "{ flag: boss_penalizes_parents }",
            "{ flag: no_such_flag }",
        )],
        "bank.yaml",
        "21:22",
        "seek_transfer",
        &["unknown flag `no_such_flag`"],
    );
}

#[test]
fn caps_verdict_naming_no_band() {
    expect(
        &[("bank.yaml", "caps_verdict: mixed", "caps_verdict: mixd")],
        "bank.yaml",
        "12:5",
        "boss_penalizes_parents",
        &[
            "`caps_verdict: mixd` names no band",
            "did you mean `mixed`?",
        ],
    );
}

#[test]
fn bands_without_a_zero_band() {
    let (err, _) = problems(&[("bank.yaml", "min: 0,", "min: 10,")]);
    assert!(err.contains("no band has `min: 0`"), "{err}");
    assert!(err.contains("give the last band `min: 0`"), "{err}");
}

#[test]
fn bands_out_of_order() {
    let (err, _) = problems(&[("bank.yaml", "min: 45,", "min: 80,")]);
    assert!(
        err.contains("band `mixed` (min 80) is not below the band before it (min 70)"),
        "{err}"
    );
}

#[test]
fn unknown_fields_suggest_the_closest_valid_name() {
    expect(
        &[("10_boss.yaml", "    weight: 2\n", "    wieght: 2\n")],
        "10_boss.yaml",
        "11:5",
        "boss_early_leave",
        &["did you mean `weight`?"],
    );
    let (err, _) = problems(&[("10_boss.yaml", "    weight: 2\n", "    wieght: 2\n")]);
    assert!(
        err.contains(
            "unknown field `wieght` in a question; did you mean `weight`? valid fields: id, prompt"
        ),
        "{err}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let (err, _) = problems(&[
        ("10_boss.yaml", "kind: choice", "kind: choise"),
        (
            "10_boss.yaml",
            "scale: { min: 0, max: 4 }",
            "scale: { min: 4, max: 4 }",
        ),
        (
            "20_flex.yaml",
            "prompt: \"Anything else?\"",
            "promt: \"Anything else?\"",
        ),
        ("bank.yaml", "caps_verdict: mixed", "caps_verdict: mixd"),
        ("bank.yaml", "includes: part_time", "includes: parttime"),
    ]);
    for needle in [
        "unknown kind `choise`",
        "scale min 4",
        "unknown field `promt`",
        "names no band",
        "no option `parttime`",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
    assert!(err.trim_end().ends_with("has 6 problems"), "{err}");
}

#[test]
fn yaml_syntax_errors_are_located() {
    let (err, dir) = problems(&[("20_flex.yaml", "title: Flexibility", "title: [Flexibility")]);
    assert!(
        err.contains(&format!("{}:3:", dir.path().join("20_flex.yaml").display())),
        "{err}"
    );
}

#[test]
fn a_bank_without_bank_yaml() {
    let dir = mini_with(&[]);
    std::fs::remove_file(dir.path().join("bank.yaml")).unwrap();
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains("the bank has no bank.yaml"));
}

#[test]
fn unused_flags_and_unscored_options_are_warnings_not_errors() {
    let dir = mini_with(&[(
        "bank.yaml",
        "flags:\n",
        "flags:\n  never_raised:\n    severity: green\n    title: \"x\"\n",
    )]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: [never_raised] no option raises the flag",
        ))
        .stdout(predicate::str::contains("1 warning"));
}

#[test]
fn weights_and_scores_too_large_to_add_up_are_refused() {
    let (err, _) = problems(&[
        ("10_boss.yaml", "weight: 2", "weight: 1e308"),
        ("20_flex.yaml", "score: 2, flag", "score: 1e308, flag"),
    ]);
    assert!(
        err.contains("weight 1e308 is not a number from 0 to 1000000"),
        "{err}"
    );
    assert!(
        err.contains("score 1e308 is not a number from -1000000 to 1000000"),
        "{err}"
    );
}

/// Ids are names a person types: at most 64 characters (a question's, an
/// option's, a flag's). A condition's test compares ids, so a bank of
/// 5,200-character option ids made each test cost a megabyte of
/// comparison (rev-levers R1). Refused where it stands, with a shorter
/// name to use.
#[test]
fn ids_longer_than_64_characters_are_refused() {
    let long = |base: &str| format!("{base}_{}", "x".repeat(64 - base.len()));
    let question = long("boss_late_email");
    expect(
        &[(
            "10_boss.yaml",
            "id: boss_late_email",
            &format!("id: {question}"),
        )],
        "10_boss.yaml",
        "23:5",
        &question,
        &[
            "is 65 characters long; question ids are at most 64",
            &format!("e.g. `{}`", &question[..64]),
        ],
    );
    let option = long("explain");
    let (err, _dir) = problems(&[(
        "10_boss.yaml",
        "{ id: explain,",
        &format!("{{ id: {option},"),
    )]);
    assert!(
        err.lines().any(|l| l.contains("10_boss.yaml:16:")
            && l.contains("is 65 characters long; option ids are at most 64")),
        "{err}"
    );
    // 64 characters are fine.
    let dir = mini_with(&[(
        "10_boss.yaml",
        "id: boss_late_email",
        &format!("id: {}", &question[..64]),
    )]);
    mt().arg("validate").arg(dir.path()).assert().success();
}
