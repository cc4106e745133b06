//! The engine's second round of features through the real binary: enough
//! answers for a verdict (`min_coverage`, `min_answered`), next steps that
//! fit on a page (`group`, `max_next_steps`, `start_here`), psychometric
//! banks (`weight: 0`, `scale_mean`, `overall: items`), shared sets, the bank fingerprint and
//! item values (docs/summaries.md), reasons that name what triggered them, and reading
//! version 1 results.

use crate::harness::{fixture, mini_with, mt, write};
use predicates::prelude::*;
use serde_json::{Value, json};

/// Runs `assess --format json` on a bank folder with answers given as YAML.
fn assess(bank: &std::path::Path, answers: &str) -> Value {
    crate::harness::assess_json(bank, answers)
}

/// A bank folder from `(file name, text)` pairs.
fn bank(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

// ---- enough answers for a verdict (docs/question-banks.md) ----

#[test]
fn too_few_answers_withhold_the_verdict_but_keep_a_provisional_score() {
    // Mini bank: 5 scored questions asked with a manager; 2 answered = 40%.
    let r = assess(
        &fixture("mini"),
        "has_manager: true\nboss_early_leave: normal\nconsidering_part_time: false\n",
    );
    assert_eq!(r["schema_version"], 2);
    assert_eq!(r["coverage"], json!({ "answered": 2, "asked": 5 }));
    assert_eq!(r["overall"]["score"], 100.0);
    assert_eq!(r["overall"]["verdict"], Value::Null);
    assert_eq!(r["overall"]["label"], "Not enough answers yet");
    assert_eq!(r["overall"]["withheld"], "coverage");
    // Three of five (60%) is enough under the default of one half.
    let r = assess(
        &fixture("mini"),
        "has_manager: true\nboss_early_leave: normal\nboss_understands: 5\nconsidering_part_time: false\n",
    );
    assert_eq!(r["overall"]["verdict"], "positive");
    assert!(r["overall"].get("withheld").is_none(), "{}", r["overall"]);
}

#[test]
fn min_coverage_is_a_bank_setting_and_zero_never_withholds() {
    let answers = "has_manager: true\nboss_early_leave: normal\n";
    let strict = mini_with(&[(
        "bank.yaml",
        "title: Mini bank\n",
        "title: Mini bank\nmin_coverage: 0.8\n",
    )]);
    let r = assess(
        strict.path(),
        "has_manager: true\nboss_early_leave: normal\nboss_understands: 5\nboss_late_email: 0\nconsidering_part_time: false\n",
    );
    // 4 of 5 = 0.8: not below it.
    assert_eq!(r["overall"]["verdict"], "positive");
    let r = assess(
        strict.path(),
        "has_manager: true\nboss_early_leave: normal\nboss_understands: 5\n",
    );
    assert_eq!(r["overall"]["withheld"], "coverage");
    assert!(
        r["overall"]["summary"].as_str().unwrap().contains("80%"),
        "{}",
        r["overall"]
    );
    let lax = mini_with(&[(
        "bank.yaml",
        "title: Mini bank\n",
        "title: Mini bank\nmin_coverage: 0\n",
    )]);
    let r = assess(lax.path(), answers);
    assert_eq!(r["overall"]["verdict"], "positive");
}

#[test]
fn bad_settings_are_refused_with_their_line_and_a_fix() {
    let dir = mini_with(&[(
        "bank.yaml",
        "title: Mini bank\n",
        "title: Mini bank\nmin_coverage: 1.5\nmax_next_steps: 0\noverall: itmes\n",
    )]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "bank.yaml:3:1: min_coverage 1.5 is not a fraction from 0 to 1",
        ))
        .stderr(predicate::str::contains(
            "bank.yaml:4:1: max_next_steps 0 is not a whole number from 1 to 10000",
        ))
        .stderr(predicate::str::contains("unknown overall `itmes`"))
        .stderr(predicate::str::contains("did you mean `items`?"));
    let dir = mini_with(&[(
        "20_flex.yaml",
        "title: Flexibility\n",
        "title: Flexibility\nmin_answered: -1\n",
    )]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "min_answered -1 is not a whole number from 0 to 10000",
        ));
}

#[test]
fn a_dimension_below_min_answered_has_no_score_and_no_part_in_the_overall() {
    let dir = mini_with(&[(
        "10_boss.yaml",
        "weight: 2\n",
        "weight: 2\nmin_answered: 2\n",
    )]);
    let r = assess(
        dir.path(),
        "has_manager: true\nboss_early_leave: counted\nflex_options: [remote, hours]\nconsidering_part_time: false\n",
    );
    let boss = &r["dimensions"][0];
    assert_eq!(boss["answered"], 1);
    assert_eq!(boss["min_answered"], 2);
    assert_eq!(boss["score"], Value::Null);
    // flex alone: (2+1 - (-2)) / (4 - (-2)) = 5/6 → 83.3; and 100 → 91.7.
    assert_eq!(r["dimensions"][1]["score"], 91.7);
    assert_eq!(r["overall"]["score"], 91.7);
}

// ---- next steps that fit on a page (docs/question-banks.md) ----

const STEPS_BANK: &str = r#"title: Steps
max_next_steps: 3
start_here: 2
bands:
  - { verdict: ok, min: 0, label: OK }
advice:
  - { id: a_low, title: A low, priority: 2, group: talk }
  - { id: b_top, title: B top, priority: 1, group: talk }
  - { id: c_solo, title: C, priority: 3 }
  - { id: d_never, title: D, priority: 1, group: leave, when: { answer: q1, is: no } }
  - { id: e_leave, title: E, priority: 4, group: leave }
  - { id: f_cut, title: F, priority: 5 }
"#;

const ONE_SET: &str = r#"id: s
title: S
questions:
  - id: q1
    kind: choice
    prompt: "Q1?"
    options:
      - { id: "yes", label: "Yes", score: 1 }
      - { id: "no", label: "No", score: 0 }
"#;

#[test]
fn groups_keep_their_first_step_and_the_list_is_capped_ranked_and_starts_here() {
    let dir = bank(&[("bank.yaml", STEPS_BANK), ("s.yaml", ONE_SET)]);
    let r = assess(dir.path(), "q1: \"yes\"\n");
    let steps = &r["next_steps"];
    // By priority: b_top (1), a_low (2, same group: dropped), c_solo (3),
    // e_leave (4; d_never does not hold), f_cut (5: beyond the cap of 3).
    assert_eq!(ids(steps), ["b_top", "c_solo", "e_leave"]);
    let ranks: Vec<_> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rank"].clone())
        .collect();
    assert_eq!(ranks, [json!(1), json!(2), json!(3)]);
    let start: Vec<_> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start_here"].clone())
        .collect();
    assert_eq!(start, [json!(true), json!(true), json!(false)]);
    assert_eq!(steps[0]["group"], "talk");
    // With q1 = no, d_never (priority 1) wins the `leave` group.
    let r = assess(dir.path(), "q1: \"no\"\n");
    assert_eq!(ids(&r["next_steps"]), ["b_top", "d_never", "c_solo"]);
}

#[test]
fn the_default_cap_is_twelve_steps() {
    let mut settings =
        String::from("title: Many\nbands:\n  - { verdict: ok, min: 0, label: OK }\nadvice:\n");
    for i in 0..20 {
        settings += &format!("  - {{ id: step_{i}, title: Step {i} }}\n");
    }
    let dir = bank(&[("bank.yaml", &settings), ("s.yaml", ONE_SET)]);
    let r = assess(dir.path(), "q1: \"yes\"\n");
    let steps = r["next_steps"].as_array().unwrap();
    assert_eq!(steps.len(), 12);
    assert_eq!(steps.iter().filter(|s| s["start_here"] == true).count(), 3);
    assert_eq!(steps[11]["rank"], 12);
}

#[test]
fn a_group_id_is_checked() {
    let dir = bank(&[
        (
            "bank.yaml",
            &STEPS_BANK.replace(
                "group: talk }\n  - { id: b_top",
                "group: Talk-Now }\n  - { id: b_top",
            ),
        ),
        ("s.yaml", ONE_SET),
    ]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "`Talk-Now` is not a valid group id",
        ))
        .stderr(predicate::str::contains("[a_low]"));
}

// ---- psychometric banks (docs/question-banks.md) ----

/// A 6-item 7-point agreement scale in two subscales, items 2 and 5
/// reverse-keyed, scored as published (the item mean), with a third set of
/// weight 0 reported on its own.
const SCALE_BANK: &str = r#"title: Work-family culture (short)
overall: items
bands:
  - { verdict: supportive, min: 60, label: Supportive culture }
  - { verdict: unsupportive, min: 0, label: Unsupportive culture }
"#;

fn scale_set(id: &str, weight: &str, items: &[(&str, bool)], extra: &str) -> String {
    let mut t = format!("id: {id}\ntitle: {id}\nweight: {weight}\n{extra}questions:\n");
    for (q, reverse) in items {
        t += &format!(
            "  - id: {q}\n    kind: scale\n    prompt: \"{q}\"\n    scale: {{ min: 1, max: 7 }}\n    reverse: {reverse}\n"
        );
    }
    t
}

fn scale_bank() -> tempfile::TempDir {
    let bands = "bands:\n  - { verdict: high, min: 50, label: High }\n  - { verdict: low, min: 0, label: Low }\n";
    bank(&[
        ("bank.yaml", SCALE_BANK),
        (
            "a.yaml",
            &scale_set(
                "support",
                "1",
                &[("i1", false), ("i2", true), ("i3", false)],
                bands,
            ),
        ),
        (
            "b.yaml",
            &scale_set(
                "time",
                "5",
                &[("i4", false), ("i5", true), ("i6", false)],
                "",
            ),
        ),
        (
            "c.yaml",
            &scale_set(
                "extra",
                "0",
                &[("i7", false), ("i8", false)],
                "shared: true\n",
            ),
        ),
    ])
}

#[test]
fn a_reverse_keyed_seven_point_scale_reports_subscale_means_and_the_item_mean() {
    let r = assess(
        scale_bank().path(),
        "i1: 6\ni2: 2\ni3: 5\ni4: 3\ni5: 7\ni6: null\ni7: 7\ni8: 7\n",
    );
    let d = &r["dimensions"];
    // support: 6, 8-2 = 6, 5 → mean 17/3 = 5.67; score (17/3 - 1)/6 = 77.8.
    assert_eq!(d[0]["scale_mean"], 5.67);
    assert_eq!(d[0]["scale"], json!({ "min": 1, "max": 7 }));
    assert_eq!(d[0]["score"], 77.8);
    assert_eq!(d[0]["verdict"], "high");
    assert_eq!(d[0]["label"], "High");
    // time: 3, 8-7 = 1 (i6 skipped) → mean 2.0; score 1/6 → 16.7; no bands.
    assert_eq!(d[1]["scale_mean"], 2.0);
    assert_eq!(d[1]["score"], 16.7);
    assert!(d[1].get("verdict").is_none());
    // extra: weight 0, reported (100), left out; shared.
    assert_eq!(d[2]["score"], 100.0);
    assert_eq!(d[2]["weight"], 0.0);
    assert_eq!(d[2]["shared"], true);
    assert_eq!(d[0]["shared"], false);
    // Item mean over the five answered items of the sets in the overall
    // (the set weights 1 and 5 play no part): values 5/6, 5/6, 4/6, 2/6, 0
    // → 16/30 = 53.3. By set weights it would be (77.8 + 5·16.7)/6 = 26.9.
    assert_eq!(r["overall"]["score"], 53.3);
    assert_eq!(r["overall"]["verdict"], "unsupportive");
    // Coverage counts every set: 7 of 8 answered.
    assert_eq!(r["coverage"], json!({ "answered": 7, "asked": 8 }));
    // Item values for statistics, on [0, 1] after reverse keying.
    let q = &d[0]["questions"];
    assert_eq!(q[1]["value"], 0.833333);
    assert_eq!(q[2]["value"], 0.666667);
    assert_eq!(d[1]["questions"][2]["value"], Value::Null);
}

#[test]
fn by_dimensions_a_weight_zero_set_is_still_left_out() {
    let dir = scale_bank();
    let text = std::fs::read_to_string(dir.path().join("bank.yaml")).unwrap();
    write(
        dir.path(),
        "bank.yaml",
        &text.replace("overall: items\n", ""),
    );
    let r = assess(dir.path(), "i1: 7\ni4: 1\ni7: 7\n");
    // support 100 (weight 1), time 0 (weight 5), extra 100 (weight 0).
    assert_eq!(r["overall"]["score"], 16.7);
}

#[test]
fn a_mixed_set_has_no_scale_mean() {
    let r = assess(&fixture("mini"), "has_manager: true\nboss_understands: 4\n");
    assert!(r["dimensions"][0].get("scale_mean").is_none());
    assert!(r["dimensions"][0].get("scale").is_none());
}

// ---- the bank fingerprint (docs/formats.md) ----

fn fingerprint(dir: &std::path::Path) -> String {
    assess(dir, "has_manager: true\n")["bank"]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_fingerprint_is_stable_ignores_wording_and_changes_with_scoring() {
    let mini = fingerprint(&fixture("mini"));
    // Pinned: the same on every platform and every run.
    assert_eq!(mini, "fnv1a128:1ecf209d42ea4bf080a4e1938b9d875b");
    let reworded = mini_with(&[
        (
            "10_boss.yaml",
            "Do you have a manager?",
            "Do you report to a manager?",
        ),
        ("bank.yaml", "title: Mini bank", "title: Mini bank (v2)"),
    ]);
    assert_eq!(fingerprint(reworded.path()), mini);
    for edit in [
        ("10_boss.yaml", "score: 2 }", "score: 3 }"),
        ("10_boss.yaml", "reverse: true", "reverse: false"),
        ("20_flex.yaml", "id: flex\n", "id: flex\nweight: 2\n"),
        ("bank.yaml", "min: 70", "min: 75"),
    ] {
        let changed = mini_with(&[edit]);
        assert_ne!(fingerprint(changed.path()), mini, "{edit:?}");
    }
    // The built-in bank has one too, the same from its YAML and its JSON form.
    let out = mt()
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        r["bank"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("fnv1a128:")
    );
}

// ---- reasons ----

#[test]
fn a_flag_from_a_multi_question_names_the_ticked_option_that_raised_it() {
    let r = assess(&fixture("mini"), "flex_options: [remote, hours, watched]\n");
    assert_eq!(r["flags"][0]["id"], "flexible_team");
    assert_eq!(r["flags"][0]["because"], json!(["flex_options"]));
    assert_eq!(
        r["flags"][0]["because_options"],
        json!({ "flex_options": ["remote"] })
    );
}

#[test]
fn a_step_for_a_low_dimension_names_the_ticked_options_that_pull_it_down() {
    let dir = mini_with(&[(
        "bank.yaml",
        "  - id: always\n",
        "  - id: flex_low\n    title: \"Flex is low\"\n    when: { dimension: flex, below: 50 }\n  - id: always\n",
    )]);
    let r = assess(
        dir.path(),
        "flex_options: [hours, watched]\nconsidering_part_time: true\n",
    );
    let step = r["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "flex_low")
        .unwrap();
    // flex_options: (1 - 2 + 2) / 6 = 16.7 and considering_part_time 0.
    assert_eq!(
        step["because"],
        json!(["flex_options", "considering_part_time"])
    );
    assert_eq!(
        step["because_options"],
        json!({ "flex_options": ["watched"] })
    );
    assert_eq!(step["because_dimensions"], json!(["flex"]));
}

#[test]
fn a_gate_answer_is_never_the_only_reason_beside_a_score() {
    // As issue 9's look_elsewhere: a manager gate and a low overall score.
    let dir = mini_with(&[(
        "bank.yaml",
        "  - id: always\n",
        "  - id: look_elsewhere\n    title: \"Look elsewhere\"\n    when: { all: [ { answer: has_manager, is: true }, { overall: { below: 45 } } ] }\n  - id: only_gate\n    title: \"Gate only\"\n    when: { answer: has_manager, is: true }\n  - id: always\n",
    )]);
    let r = assess(
        dir.path(),
        "has_manager: true\nboss_early_leave: explain\nboss_understands: 1\nboss_late_email: 4\n",
    );
    let step = |id: &str| {
        r["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    let look = step("look_elsewhere");
    assert_eq!(look["because"], json!([]));
    assert_eq!(look["because_overall"], true);
    // With nothing else to name, the gate is the reason.
    assert_eq!(step("only_gate")["because"], json!(["has_manager"]));
    // Beside a scored answer, the gate is left out.
    let dir = mini_with(&[(
        "bank.yaml",
        "  - id: always\n",
        "  - id: both\n    title: \"Both\"\n    when: { all: [ { answer: has_manager, is: true }, { answer: boss_early_leave, is: explain } ] }\n  - id: always\n",
    )]);
    let r = assess(dir.path(), "has_manager: true\nboss_early_leave: explain\n");
    let both = r["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "both")
        .unwrap();
    assert_eq!(both["because"], json!(["boss_early_leave"]));
}

const ABOUT_SET: &str = r#"id: about
title: About you
weight: 0
questions:
  - id: about_household
    kind: choice
    core: true
    prompt: "Who is at home?"
    options:
      - { id: two_parents, label: "Two parents" }
      - { id: solo, label: "Just me" }
"#;

#[test]
fn conditions_can_name_the_unscored_profile_set_in_questions_and_advice() {
    let mut settings = STEPS_BANK.replace("max_next_steps: 3\n", "");
    settings += "  - { id: solo_help, title: Solo, priority: 1, when: { answer: about_household, is: solo } }\n  - { id: solo_low, title: Solo and low, priority: 1, when: { all: [ { answer: about_household, is: solo }, { answer: q1, is: no } ] } }\n";
    let set = ONE_SET.replace(
        "    prompt: \"Q1?\"\n",
        "    prompt: \"Q1?\"\n    when: { answer: about_household, in: [solo, two_parents] }\n",
    );
    let dir = bank(&[
        ("bank.yaml", &settings),
        ("0_about.yaml", ABOUT_SET),
        ("s.yaml", &set),
    ]);
    mt().arg("validate").arg(dir.path()).assert().success();
    let r = assess(dir.path(), "about_household: solo\nq1: \"no\"\n");
    let steps = r["next_steps"].as_array().unwrap();
    let find = |id: &str| steps.iter().find(|s| s["id"] == id).unwrap();
    assert_eq!(find("solo_help")["because"], json!(["about_household"]));
    // Beside a scored answer, the profile answer is not named.
    assert_eq!(find("solo_low")["because"], json!(["q1"]));
    // The profile set takes no part in scores or coverage.
    assert_eq!(r["coverage"], json!({ "answered": 1, "asked": 1 }));
    assert_eq!(r["dimensions"][0]["score"], Value::Null);
    // Without the profile answer, q1 is not asked.
    let r = assess(dir.path(), "q1: \"no\"\n");
    assert_eq!(r["coverage"], json!({ "answered": 0, "asked": 0 }));
}

// ---- version 1 results ----

#[test]
fn report_and_compare_still_read_version_1_results() {
    let v1 = fixture("results/v1_penalized.json");
    let v1b = fixture("results/v1_supportive.json");
    for format in ["text", "markdown", "html", "json"] {
        mt().args(["report", "--format", format])
            .arg(&v1)
            .assert()
            .success()
            .stdout(predicate::str::contains("Look for a transfer"));
    }
    let out = mt()
        .args(["report", "--format", "json"])
        .arg(&v1)
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Read as version 1 meant it: ranked in order, the first three first.
    assert_eq!(r["overall"]["verdict"], "sidelined");
    assert_eq!(r["next_steps"][0]["rank"], 1);
    assert_eq!(r["next_steps"][2]["rank"], 3);
    assert_eq!(r["next_steps"][2]["start_here"], true);
    assert!(r["bank"].get("fingerprint").is_none());
    mt().args(["compare", "--format", "json"])
        .arg(&v1b)
        .arg(&v1)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"verdict\": \"sidelined\""));
}

// ---- caps ----

#[test]
fn a_question_with_more_than_200_options_is_refused() {
    let options = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "      - {{ id: o{i}, label: \"O{i}\", score: {} }}\n",
                    i % 3
                )
            })
            .collect()
    };
    let set = |n: usize| {
        format!(
            "id: s\ntitle: S\nquestions:\n  - id: many\n    kind: multi\n    prompt: \"Which?\"\n    options:\n{}",
            options(n)
        )
    };
    let settings = "title: T\nbands:\n  - { verdict: ok, min: 0, label: OK }\n";
    let ok = bank(&[("bank.yaml", settings), ("s.yaml", &set(200))]);
    mt().arg("validate").arg(ok.path()).assert().success();
    let big = bank(&[("bank.yaml", settings), ("s.yaml", &set(201))]);
    mt().arg("validate")
        .arg(big.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "s.yaml:7:5: [many] `many` has 201 options; a question may have at most 200",
        ));
}

#[test]
fn sources_reach_the_result_and_the_question_list() {
    let dir = mini_with(&[
        (
            "bank.yaml",
            "    caps_verdict: mixed\n",
            "    caps_verdict: mixed\n    source: \"A study (2020)\"\n",
        ),
        (
            "10_boss.yaml",
            "    prompt: \"Do you have a manager?\"\n",
            "    prompt: \"Do you have a manager?\"\n    source: [\"seed 001\"]\n",
        ),
    ]);
    let r = assess(dir.path(), "has_manager: true\nboss_early_leave: counted\n");
    assert_eq!(r["flags"][0]["source"], json!(["A study (2020)"]));
    let out = mt()
        .args(["questions", "--format", "json", "--bank"])
        .arg(dir.path())
        .output()
        .unwrap();
    let q: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(q["sets"][0]["questions"][0]["source"], json!(["seed 001"]));
    assert_eq!(q["flags"][0]["source"], json!(["A study (2020)"]));
    assert_eq!(q["sets"][0]["shared"], false);
    assert_eq!(q["sets"][0]["min_answered"], 1);
}

#[test]
fn a_duplicate_key_is_shown_where_it_is_repeated() {
    let dir = mini_with(&[
        (
            "10_boss.yaml",
            "title: Your manager\n",
            "title: Your manager\ntitle: Again\n",
        ),
        (
            "20_flex.yaml",
            "{ id: hours, label: \"Flexible hours\"",
            "{ id: hours, label: \"Flexible hours\", label: \"Twice\"",
        ),
    ]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "10_boss.yaml:3:1: duplicate mapping key `title`",
        ))
        .stderr(predicate::str::contains(
            "20_flex.yaml:10:47: duplicate mapping key `label`",
        ));
    let answers = tempfile::tempdir().unwrap();
    let a = write(
        answers.path(),
        "a.yaml",
        "has_manager: true\nnotes: x\nhas_manager: false\n",
    );
    mt().args(["assess", "--bank"])
        .arg(fixture("mini"))
        .arg("--answers")
        .arg(&a)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "a.yaml:3:1: not valid YAML or JSON: duplicate mapping key `has_manager`",
        ));
}

#[test]
fn a_long_answers_file_reads_as_a_short_one() {
    // Over 64 KiB, an answers file is read in pieces; nothing a parent
    // sees may change: answers in any order, a text answer kept as written,
    // a repeated key and a stray line reported where they stand.
    let filler: String = (0..1500)
        .map(|i| format!("# line {i}: a comment long enough to make the file long\n"))
        .collect();
    assert!(filler.len() > 70 * 1024);
    let r = assess(
        &fixture("mini"),
        &format!("boss_early_leave: counted\n{filler}notes: 1.10\n{filler}has_manager: true\n"),
    );
    assert_eq!(r["answers"]["notes"], "1.10");
    assert_eq!(r["answers"]["has_manager"], true);
    assert_eq!(r["answers"]["boss_early_leave"], "counted");
    let dir = tempfile::tempdir().unwrap();
    let repeated = write(
        dir.path(),
        "a.yaml",
        &format!("has_manager: true\n{filler}has_manager: false\n"),
    );
    let stray = write(
        dir.path(),
        "b.yaml",
        &format!("has_manager: true\n{filler}null\n"),
    );
    mt().args(["assess", "--bank"])
        .arg(fixture("mini"))
        .arg("--answers")
        .arg(&repeated)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "a.yaml:1502:1: not valid YAML or JSON: duplicate mapping key `has_manager`",
        ));
    mt().args(["assess", "--bank"])
        .arg(fixture("mini"))
        .arg("--answers")
        .arg(&stray)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "b.yaml:1502:1: not valid YAML or JSON",
        ));
}

#[test]
fn validate_lists_problems_in_file_and_line_order() {
    // The `when` on line 13 is checked after every question is read, yet is
    // listed before the kind on line 24; bank.yaml (after the sets in name
    // order) comes last.
    let dir = mini_with(&[
        (
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { answer: nowhere, is: true }",
        ),
        (
            "10_boss.yaml",
            "    kind: scale\n    prompt: \"My manager expects",
            "    kind: scael\n    prompt: \"My manager expects",
        ),
        (
            "bank.yaml",
            "title: Mini bank\n",
            "title: Mini bank\nmin_coverage: 2\n",
        ),
    ]);
    let out = mt().arg("validate").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let at = |s: &str| err.find(s).unwrap_or_else(|| panic!("{s} not in {err}"));
    assert!(at("10_boss.yaml:13:") < at("10_boss.yaml:24:"), "{err}");
    assert!(at("10_boss.yaml:24:") < at("bank.yaml:3:"), "{err}");
}

#[test]
fn flags_are_located_in_file_order() {
    // `title` is also a key above `flags:`; the flag of that name is the
    // one under `flags:`.
    let dir = mini_with(&[(
        "bank.yaml",
        "flags:\n",
        "flags:\n  title:\n    severity: green\n    title: \"x\"\n  never_raised:\n    severity: green\n    title: \"y\"\n",
    )]);
    mt().arg("validate")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "bank.yaml:9:3: warning: [title] no option raises the flag `title`",
        ))
        .stderr(predicate::str::contains(
            "bank.yaml:12:3: warning: [never_raised] no option raises",
        ));
}
