//! Levers (what-if): applying a suggested change and scoring again raises
//! the overall score by exactly the stated gain.

use std::path::Path;

use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{Bank, Kind};
use mommytrack_engine::result::{self, round1};
use mommytrack_engine::scoring::{self, Mode};
use proptest::prelude::*;

use crate::harness::mini_bank as mini;

/// One slot per question from two random bytes: missing, skipped, or a
/// valid answer of the question's kind.
fn sheet(bank: &Bank, seeds: &[(u8, u8)]) -> AnswerSheet {
    let mut sheet = AnswerSheet::new(bank);
    for (i, (q, &(a, b))) in bank.questions.iter().zip(seeds).enumerate() {
        let pick = |n: usize| usize::from(a) % (n + 2);
        let slot = match &q.kind {
            Kind::Choice(opts) => match pick(opts.len()) {
                0 => Slot::Missing,
                1 => Slot::Skipped,
                k => Slot::Given(Answer::Choice(opts[k - 2].id.clone())),
            },
            Kind::Multi(opts) => match pick(1) {
                0 => Slot::Missing,
                1 => Slot::Skipped,
                _ => Slot::Given(Answer::Multi(
                    opts.iter()
                        .enumerate()
                        .filter(|(j, _)| b >> j & 1 == 1)
                        .map(|(_, o)| o.id.clone())
                        .collect(),
                )),
            },
            Kind::Scale(s) => match pick((s.max - s.min + 1) as usize) {
                0 => Slot::Missing,
                1 => Slot::Skipped,
                k => Slot::Given(Answer::Scale(s.min + k as i64 - 2)),
            },
            Kind::YesNo(_) => match pick(2) {
                0 => Slot::Missing,
                1 => Slot::Skipped,
                k => Slot::Given(Answer::YesNo(k == 2)),
            },
            Kind::Text => match pick(1) {
                0 => Slot::Missing,
                1 => Slot::Skipped,
                _ => Slot::Given(Answer::Text("a note".into())),
            },
        };
        sheet.set(i, slot);
    }
    sheet
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn applying_a_lever_raises_the_overall_by_the_stated_gain(
        seeds in prop::collection::vec((any::<u8>(), any::<u8>()), 7)
    ) {
        let bank = mini();
        prop_assert_eq!(bank.questions.len(), seeds.len());
        let sheet = sheet(&bank, &seeds);
        let eval = scoring::evaluate(&bank, &sheet, Mode::Full);
        let levers = scoring::levers(&bank, &sheet, &eval, usize::MAX);
        let (r, _) = result::assess(&bank, &sheet, Mode::Full);
        prop_assert_eq!(r.levers.len(), levers.len().min(result::LEVERS));
        if eval.overall.is_none() {
            prop_assert!(levers.is_empty());
        }
        for (k, lever) in levers.iter().enumerate() {
            let before = eval.overall.expect("levers need a score");
            prop_assert!((lever.overall_from - before).abs() < 1e-6);
            prop_assert!(lever.gain() > 0.0, "a lever raises the score");
            prop_assert!(sheet.get(lever.question).is_some(), "only answered questions");

            let mut changed = sheet.clone();
            changed.set(lever.question, Slot::Given(lever.to.clone()));
            let after = scoring::evaluate(&bank, &changed, Mode::Full)
                .overall
                .expect("the changed sheet still has a score");
            prop_assert!(
                (after - lever.overall_to).abs() < 1e-6,
                "lever on {} says {} but re-scoring gives {}",
                bank.questions[lever.question].id, lever.overall_to, after
            );
            prop_assert!(((after - before) - lever.gain()).abs() < 1e-6);

            // The rounded JSON agrees with a fresh assessment of the changed sheet.
            if let Some(shown) = r.levers.get(k) {
                prop_assert_eq!(&shown.question, &bank.questions[lever.question].id);
                prop_assert_eq!(&shown.to, &lever.to.to_json());
                let (r2, _) = result::assess(&bank, &changed, Mode::Full);
                let rescored = r2.overall.score.expect("scored");
                prop_assert_eq!(r.overall.score, Some(shown.overall_from));
                prop_assert!((rescored - shown.overall_to).abs() <= 0.1 + 1e-9);
                prop_assert!((rescored - shown.overall_from - shown.gain).abs() <= 0.1 + 1e-9);
                // The shown gain is the difference of the shown scores, so the
                // three add up, and within rounding of the exact gain.
                prop_assert!((shown.gain - round1(shown.overall_to - shown.overall_from)).abs() < 1e-9);
                prop_assert!((shown.gain - lever.gain()).abs() <= 0.1 + 1e-9);
            }
        }
        // Listed largest gain first.
        prop_assert!(levers.windows(2).all(|w| w[0].gain() >= w[1].gain()));
    }
}

#[test]
fn a_known_sheet_has_the_hand_computed_top_lever() {
    let bank = mini();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/penalized.yaml"),
    )
    .expect("fixture");
    let sheet = mommytrack_engine::answers::parse(&bank, &text, Path::new("penalized.yaml"))
        .expect("valid answers");
    let (r, _) = result::assess(&bank, &sheet, Mode::Full);
    // boss: counted (0) → normal (100) makes boss 100, flex stays 0:
    // overall (2·100 + 1·0) / 3 = 66.7.
    let top = &r.levers[0];
    assert_eq!(top.question, "boss_early_leave");
    assert_eq!(top.to, serde_json::json!("normal"));
    assert_eq!(
        (top.overall_from, top.overall_to, top.gain),
        (0.0, 66.7, 66.7)
    );
}

#[test]
fn a_question_marked_lever_false_is_scored_but_never_suggested() {
    // The same sheet as above, with the top lever's question marked as a
    // fact the person cannot change: its score stands, and the levers move
    // on to the next question.
    let mut t = crate::harness::Test::new();
    t.mini_with(&[(
        "10_boss.yaml",
        "  - id: boss_early_leave\n",
        "  - id: boss_early_leave\n    lever: false\n",
    )]);
    let answers = std::fs::read_to_string(crate::harness::fixture("answers/penalized.yaml"))
        .expect("fixture");
    let json = t
        .args([
            "assess",
            "--bank",
            crate::harness::MINI,
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .stdin(answers)
        .success()
        .json();
    let boss = json["dimensions"][0]["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["id"] == "boss_early_leave")
        .expect("asked")
        .clone();
    assert_eq!(boss["score"], serde_json::json!(0.0), "still scored");
    let levers = json["levers"].as_array().expect("levers");
    assert!(!levers.is_empty(), "other levers remain: {json}");
    assert!(
        levers.iter().all(|l| l["question"] != "boss_early_leave"),
        "{levers:?}"
    );
}

/// `lever_when`: the built-in bank suggests a different split of the home
/// work only to someone who does not call theirs fair. A single mother
/// whose own mother shares the care, by a split they both chose, is not
/// told that an even split would raise her score; the same answers with
/// the split called unfair are.
#[test]
fn a_split_both_call_fair_is_not_a_lever() {
    let persona = crate::harness::fixture("../personas/grandparent_shares_care.answers.yaml");
    let answers = std::fs::read_to_string(persona).expect("persona");
    assert!(answers.contains("home_fair: 4\n"), "{answers}");
    let levers = |answers: &str| -> Vec<String> {
        let json = crate::harness::Test::new()
            .args(["assess", "--format", "json", "--answers", "-"])
            .stdin(answers.to_string())
            .success()
            .json();
        (json["levers"].as_array().expect("levers").iter())
            .map(|l| l["question"].as_str().unwrap().to_string())
            .collect()
    };
    let fair = levers(&answers);
    assert!(
        !fair.is_empty() && !fair.iter().any(|q| q == "home_split"),
        "{fair:?}"
    );
    let unfair = levers(&answers.replace("home_fair: 4\n", "home_fair: 2\n"));
    assert!(unfair.iter().any(|q| q == "home_split"), "{unfair:?}");
}

/// The red team's shape (bound9, F1): a hundred yes/no questions, each
/// asked when any of sixty answered 0–100 scales has one value. Each change
/// of a scale's answer decides those hundred conditions again, sixty-one
/// tests each: offering every scale as a lever would cost 60 × 100 × 100 ×
/// 61 tests, the square of the bank. The search offers a question only
/// while its changes fit what is left of [`scoring::MAX_DECIDED`], in bank
/// order; and each "does not apply" warning names three answers, not sixty.
#[test]
fn levers_stop_where_deciding_conditions_again_would_cost_too_much() {
    let (scales, yesno) = (60, 100);
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "bank.yaml",
        "title: A\nbands:\n  - { verdict: good, min: 50, label: Good }\n  - { verdict: poor, min: 0, label: Poor }\n".into(),
    );
    let mut s = String::from("id: s\ntitle: S\nquestions:\n");
    for j in 0..scales {
        s +=
            &format!("  - {{ id: s{j}, kind: scale, prompt: P, scale: {{ min: 0, max: 100 }} }}\n");
    }
    write("10_s.yaml", s);
    let mut t = String::from("id: t\ntitle: T\nquestions:\n");
    for i in 0..yesno {
        let any: Vec<String> = (0..scales)
            .map(|j| format!("{{answer: s{j}, is: {}}}", (i + j) % 100 + 1))
            .collect();
        t += &format!(
            "  - {{ id: t{i}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}, when: {{ any: [{}] }} }}\n",
            any.join(", ")
        );
    }
    write("20_t.yaml", t);
    let answers: String = (0..scales)
        .map(|j| format!("s{j}: 0\n"))
        .collect::<String>()
        + &(0..yesno)
            .map(|i| format!("t{i}: true\n"))
            .collect::<String>();
    let out = crate::harness::Test::new()
        .args(["assess", "--format", "json", "--answers", "-", "--bank"])
        .arg(dir.path())
        .stdin(answers)
        .success();
    let json = out.json();
    // Every scale's changes cost the same: 100 changes × 100 conditions
    // of 61 tests. Only the first ones fit; the others are not offered.
    let cost = 100 * yesno * (scales + 1);
    let fit = scoring::MAX_DECIDED / cost;
    assert!((1..result::LEVERS).contains(&fit), "{fit}");
    let levers: Vec<&str> = (json["levers"].as_array().expect("levers").iter())
        .map(|l| l["question"].as_str().unwrap())
        .collect();
    let offered: Vec<String> = (0..fit).map(|j| format!("s{j}")).collect();
    assert!(
        !levers.is_empty() && levers.iter().all(|q| offered.iter().any(|o| o == q)),
        "{levers:?}"
    );
    // The warnings name three of the sixty answers, and count the rest.
    let err = out.stderr();
    let warning = (err.lines().find(|l| l.contains("[t0]"))).expect("t0 answered, not asked");
    assert_eq!(warning.matches("your answer \"").count(), 3, "{warning}");
    assert!(warning.contains("and 57 more of your answers"), "{warning}");
}
