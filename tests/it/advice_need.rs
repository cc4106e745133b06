//! The engine rules of issue 18 that decide what a person is told, each
//! through the real binary on a small bank written for the test:
//! - next steps ranked by need: `urgent_when` makes a step most urgent for
//!   the people it names, in the ranking and inside its group (class 3);
//! - the band and every score condition decided on the published score
//!   (rounded to one decimal: never "Mixed, 70.0" beside "Positive from
//!   70"; class 9);
//! - a capped verdict says why, in every format (class 10);
//! - answers to retired questions stay readable, with a warning that names
//!   what replaced them (class 11).
//!
//! And, on the built-in bank over the personas and generated sheets: no
//! group ever hides a must-say step.

use crate::harness::*;
use crate::sheets::{Rng, builtin, generate};
use mommytrack_engine::answers;
use mommytrack_engine::scoring::{self, Mode};

/// The mini bank with two entries of one group: `routine` comes first in
/// bank order, `needed` is urgent for a parent whose manager counts family
/// time against them.
fn need_bank(t: &mut Test) -> &mut Test {
    t.mini_with(&[(
        "bank.yaml",
        "  - id: always\n",
        "  - id: routine\n    title: \"Routine\"\n    detail: \"d\"\n    group: g\n    priority: 2\n  - id: needed\n    title: \"Needed\"\n    detail: \"d\"\n    group: g\n    priority: 2\n    urgent_when: { flag: boss_penalizes_parents }\n  - id: always\n",
    )])
}

fn steps(r: &serde_json::Value) -> Vec<(String, i64)> {
    r["next_steps"]
        .as_array()
        .expect("next steps")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or_default().to_string(),
                s["priority"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn an_urgent_step_wins_its_group_and_ranks_first_for_the_person_who_needs_it() {
    let mut t = Test::new();
    need_bank(&mut t);
    // Family time counted against them: `needed` is urgent, wins the group
    // over `routine` (earlier in bank order) and ranks with priority 1.
    let r = assess_json(
        &t.path().join(MINI),
        "has_manager: true\nboss_early_leave: counted\n",
    );
    let s = steps(&r);
    assert!(s.contains(&("needed".into(), 1)), "{s:?}");
    assert!(!s.iter().any(|(id, _)| id == "routine"), "{s:?}");
    let needed = s.iter().position(|(id, _)| id == "needed").expect("needed");
    let transfer = s
        .iter()
        .position(|(id, _)| id == "seek_transfer")
        .expect("seek_transfer");
    assert!(transfer < needed, "equal priority keeps bank order: {s:?}");
    // Anyone else: the group gives its first entry at its usual priority.
    let r = assess_json(
        &t.path().join(MINI),
        "has_manager: true\nboss_early_leave: normal\n",
    );
    let s = steps(&r);
    assert!(s.contains(&("routine".into(), 2)), "{s:?}");
    assert!(!s.iter().any(|(id, _)| id == "needed"), "{s:?}");
}

#[test]
fn urgent_when_is_checked_like_when() {
    let mut t = Test::new();
    t.mini_with(&[(
        "bank.yaml",
        "  - id: always\n",
        "  - id: odd\n    title: \"Odd\"\n    detail: \"d\"\n    urgent_when: { flag: boss_penalises_parents }\n  - id: always\n",
    )]);
    t.args(["validate", MINI])
        .code(65)
        .stderr_contains("in `urgent_when`: unknown flag `boss_penalises_parents`; did you mean `boss_penalizes_parents`?");
}

/// A bank whose one question scores exactly 69.96.
fn rounding_bank(t: &mut Test) -> &mut Test {
    t.file(
        "r/bank.yaml",
        "title: Rounding\nbands:\n  - { verdict: positive, min: 70, label: \"Positive track\" }\n  - { verdict: mixed, min: 0, label: \"Mixed track\" }\nadvice:\n  - { id: from_70, title: \"From 70\", detail: d, when: { overall: { at_least: 70 } } }\n  - { id: part_from_70, title: \"Part from 70\", detail: d, when: { dimension: x, at_least: 70 } }\n  - { id: under_70, title: \"Under 70\", detail: d, when: { overall: { below: 70 } } }\n",
    )
    .file(
        "r/10_x.yaml",
        "id: x\ntitle: X\nbands:\n  - { verdict: high, min: 70, label: \"High\" }\n  - { verdict: low, min: 0, label: \"Low\" }\nquestions:\n  - id: q\n    kind: choice\n    prompt: \"Q?\"\n    options:\n      - { id: none, label: \"None\", score: 0 }\n      - { id: almost, label: \"Almost\", score: 6996 }\n      - { id: all, label: \"All\", score: 10000 }\n",
    )
}

#[test]
fn the_band_and_every_score_condition_follow_the_published_score() {
    let mut t = Test::new();
    rounding_bank(&mut t);
    let r = t
        .args([
            "assess",
            "--bank",
            "r",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .stdin("q: almost\n")
        .success()
        .json();
    assert_eq!(r["overall"]["score"], 70.0);
    assert_eq!(r["overall"]["verdict"], "positive", "{r}");
    assert_eq!(r["dimensions"][0]["verdict"], "high", "{r}");
    let ids: Vec<String> = steps(&r).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["from_70", "part_from_70"], "{r}");
}

/// Answers to the mini bank (its manager set weighted down) that score in
/// the Positive band, held at Mixed by a flag.
#[test]
fn a_capped_verdict_says_why_in_every_format() {
    let answers = "has_manager: true\nboss_early_leave: counted\nboss_understands: 5\nboss_late_email: 0\nflex_options: [remote, hours, part_time]\nconsidering_part_time: false\n";
    for format in ["text", "markdown", "html", "json"] {
        let mut t = Test::new();
        let out = t
            .mini_with(&[("10_boss.yaml", "weight: 2\n", "weight: 0.5\n")])
            .args([
                "assess",
                "--bank",
                MINI,
                "--format",
                format,
                "--answers",
                "-",
            ])
            .stdin(answers)
            .success()
            .stdout();
        // Reports wrap lines: compare with single spaces.
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains("alone would give Positive track"),
            "{format}: no reason for the capped verdict:\n{out}"
        );
        assert!(
            out.contains("Your manager counts family time against people"),
            "{format}: the reason does not name the flag:\n{out}"
        );
    }
}

#[test]
fn a_retired_question_is_read_as_its_replacement_with_a_warning() {
    // Written for the bank before issue 18 (trade_break) and before issue 9
    // (trade_roles_demand, flex_pt_interest as a yes/no).
    let old = "about_work_pattern: office\ntrade_roles_demand: 4\nflex_pt_interest: true\ntrade_break: true\n";
    let o = mt()
        .args(["assess", "--format", "json", "--answers", "-"])
        .stdin(old)
        .success();
    let r = o.json();
    assert_eq!(r["answers"]["about_stage"], "returning_after_break", "{r}");
    assert_eq!(r["answers"]["flex_pt_interest"], "considering", "{r}");
    assert!(r["answers"].get("trade_roles_demand").is_none());
    let ids: Vec<String> = steps(&r).into_iter().map(|(id, _)| id).collect();
    assert!(ids.contains(&"return_from_break".to_string()), "{ids:?}");
    let err = o.stderr();
    for needle in [
        "`trade_roles_demand` was replaced by `trade_people_ahead`",
        "`trade_break` was replaced by `about_stage`",
        "read as `about_stage: returning_after_break`",
        "`flex_pt_interest: true` is an answer of an earlier version of this bank; it is read as `considering`",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    // A new answer wins over an old one; --strict refuses old answers.
    let r = mt()
        .args(["assess", "--format", "json", "--answers", "-"])
        .stdin("about_stage: back_longer\ntrade_break: true\n")
        .success()
        .json();
    assert_eq!(r["answers"]["about_stage"], "back_longer");
    mt().args(["assess", "--strict", "--format", "json", "--answers", "-"])
        .stdin(old)
        .code(65);
}

#[test]
fn a_retired_entry_that_names_no_question_is_refused() {
    let mut t = Test::new();
    t.mini_with(&[(
        "bank.yaml",
        "advice:\n",
        "retired:\n  - { id: old_q, replaced_by: boss_earlyleave, values: [ { from: true, to: normal } ] }\n  - { id: boss_early_leave, values: [ { from: 1, to: nope } ] }\nadvice:\n",
    )]);
    t.args(["validate", MINI])
        .code(65)
        .stderr_contains("did you mean `boss_early_leave`?")
        .stderr_contains("is not an answer to `boss_early_leave`");
}

/// Every persona's answers, then 400 sheets generated from `seed`, each
/// with a name for a failure message.
fn sheets(bank: &mommytrack_engine::bank::Bank, seed: u64) -> Vec<(String, answers::AnswerSheet)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("personas") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".answers.yaml") {
            let text = std::fs::read_to_string(&path).expect("read");
            let sheet = answers::parse(bank, &text, &path).expect("parses");
            out.push((path.display().to_string(), sheet));
        }
    }
    let mut rng = Rng(seed);
    out.extend((0..400).map(|n| (format!("sheet {n}"), generate(bank, &mut rng))));
    out
}

/// A must-say step (most urgent for this person) is never hidden by
/// another entry of its group, nor cut by the limit on next steps unless
/// every step given is a must-say one: over every persona and 400 generated
/// sheets, every priority-1 step that holds is given.
#[test]
fn no_group_hides_a_must_say_step() {
    let bank = builtin();
    let mut open = bank.clone();
    for a in &mut open.advice {
        a.group = None;
    }
    open.max_next_steps = usize::MAX;
    let mut failures = Vec::new();
    for (n, sheet) in &sheets(&bank, 3) {
        let all = scoring::evaluate(&open, sheet, Mode::Full).next_steps;
        let given = scoring::evaluate(&bank, sheet, Mode::Full).next_steps;
        // Rights groups too: a pregnant parent who is also expressing milk
        // is told both (pregnancy and breastfeeding are two topics). Only a
        // list already full of must-say steps may leave one out.
        let full = given.len() == bank.max_next_steps && given.iter().all(|g| g.priority == 1);
        for step in all.iter().filter(|s| s.priority == 1 && !full) {
            if !given.iter().any(|g| g.advice == step.advice) {
                let a = &bank.advice[step.advice];
                failures.push(format!("{n}: {} (group {:?}) is hidden", a.id, a.group));
            }
        }
    }
    failures.sort();
    failures.dedup_by(|a, b| a.split(": ").nth(1) == b.split(": ").nth(1));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where a person is being treated badly (the free-advice or treated-worse
/// rights topic concerns them), the steps that protect them (the dated
/// record, the rights step with its deadline) rank before a move away from
/// the manager: over every persona and 400
/// generated sheets, no `manager_move` step comes before one of them.
#[test]
fn protection_ranks_before_a_transfer() {
    let bank = builtin();
    let group = |i: usize| bank.advice[i].group.as_deref().unwrap_or_default();
    let mut failures = Vec::new();
    for (name, sheet) in &sheets(&bank, 5) {
        let given = scoring::evaluate(&bank, sheet, Mode::Full).next_steps;
        // Treated badly: the free-advice or treated-worse topic concerns them.
        let protect = ["record", "rights_free_advice", "rights_treated_worse"];
        if !given
            .iter()
            .any(|s| protect[1..].contains(&group(s.advice)))
        {
            continue;
        }
        let Some(moved) = given.iter().position(|s| group(s.advice) == "manager_move") else {
            continue;
        };
        for s in &given[moved..] {
            if protect.contains(&group(s.advice)) {
                failures.push(format!(
                    "{name}: {} ranks before {}",
                    bank.advice[given[moved].advice].id, bank.advice[s.advice].id
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
