//! A reference example worked out by hand from the scoring rules
//! (docs/question-banks.md "Scoring"), run through the
//! real binary. The comments show the arithmetic; the assertions hold the
//! results of that arithmetic, not of the program.

use crate::harness::*;
use serde_json::{Value, json};

const BANK: &str = r#"
title: Reference bank
bands:
  - { verdict: positive,  min: 70, label: "Positive track" }
  - { verdict: mixed,     min: 45, label: "Mixed track" }
  - { verdict: sidelined, min: 0,  label: "Sidelining risk" }
flags:
  penalty: { severity: red, title: "Penalised", caps_verdict: mixed }
  support: { severity: green, title: "Supported" }
advice:
  - { id: a1, title: "Work is low", detail: "", priority: 2, when: { dimension: work, below: 50 } }
  - { id: a2, title: "Penalty",     detail: "", priority: 1, when: { flag: penalty } }
  - { id: a3, title: "Doing well",  detail: "", priority: 2, when: { overall: { at_least: 60 } } }
  - { id: a4, title: "Two kids",    detail: "", priority: 3, when: { answer: q7, is: two } }
  - { id: a5, title: "Always",      detail: "", priority: 9 }
"#;

const WORK: &str = r#"
id: work
title: Work
weight: 1.5
questions:
  - id: q1
    kind: choice
    prompt: "Q1"
    weight: 2
    options:
      - { id: great, label: "Great", score: 3, flag: support }
      - { id: ok,    label: "OK",    score: 1 }
      - { id: bad,   label: "Bad",   score: -1, flag: penalty }
  - id: q2
    kind: scale
    prompt: "Q2"
    reverse: true
    scale: { min: 1, max: 5 }
  - id: q3
    kind: multi
    prompt: "Q3"
    options:
      - { id: a, label: "A", score: 2 }
      - { id: b, label: "B", score: 1 }
      - { id: c, label: "C", score: -1 }
      - { id: d, label: "D", score: 0 }
"#;

const HOME: &str = r#"
id: home
title: Home
questions:
  - { id: q4, kind: yesno, prompt: "Q4", scores: { yes: 2, no: 0 } }
  - { id: q5, kind: scale, prompt: "Q5", weight: 3, scale: { min: 0, max: 10 } }
  - { id: q6, kind: text, prompt: "Q6" }
  - id: q7
    kind: choice
    prompt: "Q7 (informational: no scores)"
    options: [ { id: one, label: "One" }, { id: two, label: "Two" } ]
  - { id: q8, kind: yesno, prompt: "Q8", weight: 2, scores: { yes: 1, no: 0 }, when: { answer: q4, is: true } }
"#;

fn run(answers: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bank.yaml", BANK);
    write(dir.path(), "10_work.yaml", WORK);
    write(dir.path(), "20_home.yaml", HOME);
    let out = stdout_of(
        mt().args(["assess", "--format", "json", "--answers", "-", "--bank"])
            .arg(dir.path())
            .write_stdin(answers.to_string()),
    );
    serde_json::from_str(&out).unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect()
}

#[test]
fn a_mixed_case_by_hand() {
    let r = run("q1: ok\nq2: 2\nq3: [a, c]\nq4: false\nq5: 7\nq6: \"note\"\nq7: two\n");
    // work (weight 1.5):
    //   q1 ok:   (1 - (-1)) / (3 - (-1)) = 0.5,  weight 2 → 1.0
    //   q2 2:    reversed 1 - (2 - 1)/(5 - 1) = 0.75, weight 1 → 0.75
    //   q3 a+c:  sum 1, low -1 (c), high 3 (a+b): (1+1)/(3+1) = 0.5 → 0.5
    //   score = 100 · (1.0 + 0.75 + 0.5) / (2 + 1 + 1) = 56.25 → 56.3
    // home (weight 1):
    //   q4 no:   (0 - 0)/(2 - 0) = 0, weight 1
    //   q5 7:    7/10 = 0.7, weight 3 → 2.1
    //   q8 is not asked (q4 is false); q6, q7 are unscored.
    //   score = 100 · (0 + 2.1) / (1 + 3) = 52.5
    // overall = (1.5 · 56.25 + 1 · 52.5) / 2.5 = 54.75 → 54.8 → mixed
    assert_eq!(r["dimensions"][0]["score"], json!(56.3));
    assert_eq!(r["dimensions"][1]["score"], json!(52.5));
    assert_eq!(
        r["overall"],
        json!({ "score": 54.8, "verdict": "mixed", "label": "Mixed track", "capped_by": [] })
    );
    assert_eq!(r["coverage"], json!({ "answered": 5, "asked": 5 }));
    assert_eq!(r["dimensions"][1]["asked"], json!(2));
    assert_eq!(r["flags"], json!([]));
    // a1: work 56.25 is not below 50; a2: no flag; a3: 54.75 < 60;
    // a4: q7 is `two`; a5: always. By priority: a4 (3), a5 (9).
    assert_eq!(ids(&r["next_steps"]), ["a4", "a5"]);
    assert_eq!(r["next_steps"][0]["because"], json!(["q7"]));
    assert_eq!(r["next_steps"][1]["because"], json!([]));
}

#[test]
fn a_capped_case_by_hand() {
    let r = run("q1: bad\nq2: 1\nq3: [a, b]\nq4: true\nq5: 10\nq8: true\n");
    // work: q1 bad → 0 (weight 2); q2 1 reversed → 1; q3 a+b = 3 → (3+1)/4 = 1
    //   score = 100 · (0 + 1 + 1) / 4 = 50
    // home: q4 yes → 1; q5 10 → 1 (weight 3); q8 asked (q4 true), yes → 1 (weight 2)
    //   score = 100 · (1 + 3 + 2) / 6 = 100
    // overall = (1.5 · 50 + 100) / 2.5 = 70 → positive by score,
    //   but `penalty` (raised by q1 = bad) caps it at mixed.
    assert_eq!(r["dimensions"][0]["score"], json!(50.0));
    assert_eq!(r["dimensions"][1]["score"], json!(100.0));
    assert_eq!(r["overall"]["score"], json!(70.0));
    assert_eq!(r["overall"]["verdict"], json!("mixed"));
    assert_eq!(r["overall"]["capped_by"], json!(["penalty"]));
    assert_eq!(r["coverage"], json!({ "answered": 6, "asked": 6 }));
    assert_eq!(
        r["flags"],
        json!([{ "id": "penalty", "severity": "red", "title": "Penalised", "caps_verdict": "mixed", "because": ["q1"] }])
    );
    // a1: work is 50, not below 50; a2: the flag; a3: 70 ≥ 60 (the overall
    // score is its reason, so it names no single answer); a5 always.
    assert_eq!(ids(&r["next_steps"]), ["a2", "a3", "a5"]);
    assert_eq!(r["next_steps"][0]["because"], json!(["q1"]));
    assert_eq!(r["next_steps"][1]["because"], json!([]));
}

#[test]
fn nothing_answered_gives_no_score_not_zero() {
    let r = run("q1: null\n");
    assert_eq!(r["overall"]["score"], Value::Null);
    assert_eq!(r["overall"]["verdict"], Value::Null);
    assert_eq!(r["dimensions"][0]["score"], Value::Null);
    assert_eq!(r["coverage"], json!({ "answered": 0, "asked": 5 }));
    assert_eq!(ids(&r["next_steps"]), ["a5"]);
    assert_eq!(r["answers"], json!({ "q1": null }));
}

#[test]
fn one_dimension_without_answers_takes_no_part_in_the_overall() {
    // Only home is answered: overall = home = 100 · (1·1 + 3·0.5)/(1 + 3) = 62.5.
    let r = run("q4: true\nq5: 5\n");
    assert_eq!(r["dimensions"][0]["score"], Value::Null);
    assert_eq!(r["dimensions"][1]["score"], json!(62.5));
    assert_eq!(r["overall"]["score"], json!(62.5));
    assert_eq!(r["coverage"], json!({ "answered": 2, "asked": 6 }));
}
