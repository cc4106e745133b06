//! The couple view (issue 19, docs/question-banks.md "Two people, one home"): shared answers read through
//! their mirror, every shared difference listed, agreements, next steps for
//! two (`together:`), and the bank rules that make mirrors and pair
//! conditions safe. Through the engine for the laws and the situations,
//! through the binary for what a couple runs.

use std::path::Path;
use std::sync::OnceLock;

use mommytrack_engine::answers::{self, Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Bank, BankSource, Kind};
use mommytrack_engine::compare::{Comparison, Reading, Who};
use mommytrack_engine::result::{self, AssessmentResult};
use mommytrack_engine::scoring::Mode;
use proptest::prelude::*;

use crate::harness::{fixture, mini_with, mt, write};

fn builtin() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| bank::load(&BankSource::BuiltIn).expect("built-in").0)
}

fn assess(sheet: &AnswerSheet) -> AssessmentResult {
    result::assess(builtin(), sheet, Mode::Full).0
}

/// An answers file of the fixtures, with some answers replaced (`key:
/// value` lines, YAML values).
fn person(base: &str, changes: &[(&str, &str)]) -> AssessmentResult {
    let text = std::fs::read_to_string(fixture(&format!("couple/{base}.yaml"))).expect("fixture");
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !changes.iter().any(|(k, _)| l.starts_with(&format!("{k}:"))))
        .map(str::to_string)
        .collect();
    lines.extend(changes.iter().map(|(k, v)| format!("{k}: {v}")));
    let sheet = answers::parse(builtin(), &lines.join("\n"), Path::new("answers.yaml"))
        .unwrap_or_else(|e| panic!("valid answers: {:?}", e.problems));
    assess(&sheet)
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|x| id(x).to_string()).collect()
}

fn differences(c: &Comparison) -> Vec<String> {
    ids(&c.shared_differences, |d| &d.question)
}

fn agreements(c: &Comparison) -> Vec<String> {
    ids(&c.shared_agreements, |d| &d.question)
}

fn steps(c: &Comparison) -> Vec<String> {
    ids(&c.together, |t| &t.id)
}

// ---------------------------------------------------------------- Dana and Mark

#[test]
fn dana_and_mark_agreeing_it_leans_to_dana_is_not_a_difference() {
    let dana = person("dana", &[]);
    let mark = person("mark_agrees", &[]);
    // Both directions: who is A must not matter.
    for (c, a_split, b_as_a) in [
        (
            Comparison::new(&dana, &mark, "Dana", "Mark"),
            "leans_me",
            "leans_me",
        ),
        (
            Comparison::new(&mark, &dana, "Mark", "Dana"),
            "leans_them",
            "leans_them",
        ),
    ] {
        // Dana takes unpaid time for sick days and Mark uses his paid days:
        // both can be true, so that is no difference either.
        for q in [
            "home_split",
            "home_mental_load",
            "home_care_run",
            "str_sick_days",
        ] {
            assert!(
                !differences(&c).contains(&q.to_string()),
                "{q}: {:?}",
                differences(&c)
            );
            assert!(agreements(&c).contains(&q.to_string()), "{q}");
            assert!(
                c.questions.iter().all(|d| d.id != q),
                "{q} is no difference at all"
            );
        }
        let split = c
            .shared_agreements
            .iter()
            .find(|g| g.question == "home_split")
            .unwrap();
        assert_eq!(split.a, a_split);
        assert_eq!(split.b_as_a, b_as_a);
        assert!(
            steps(&c).contains(&"together_agreed_unequal".to_string()),
            "{:?}",
            steps(&c)
        );
        assert!(!steps(&c).contains(&"together_each_carries_more".to_string()));
    }
}

/// Near miss: backup care that steps in and unpaid days cannot both be how
/// sick days go, so they stay a difference to talk over.
#[test]
fn sick_day_answers_that_cannot_both_be_true_are_a_difference() {
    let dana = person("dana", &[]);
    let mark = person("mark_agrees", &[("str_sick_days", "backup")]);
    for c in [
        Comparison::new(&dana, &mark, "Dana", "Mark"),
        Comparison::new(&mark, &dana, "Mark", "Dana"),
    ] {
        assert!(differences(&c).contains(&"str_sick_days".to_string()));
    }
}

#[test]
fn dana_and_mark_each_claiming_the_load_is_a_difference() {
    let dana = person("dana", &[]);
    let mark = person("mark_disagrees", &[]);
    for (c, b_as_a) in [
        (Comparison::new(&dana, &mark, "Dana", "Mark"), 2),
        (Comparison::new(&mark, &dana, "Mark", "Dana"), 2),
    ] {
        for q in ["home_split", "home_mental_load", "home_care_run"] {
            assert!(
                differences(&c).contains(&q.to_string()),
                "{q}: {:?}",
                differences(&c)
            );
        }
        let load = c
            .shared_differences
            .iter()
            .find(|d| d.question == "home_mental_load")
            .unwrap();
        assert_eq!(load.a, 4);
        assert_eq!(load.b, 4);
        assert_eq!(load.b_as_a, b_as_a);
        let split = c
            .shared_differences
            .iter()
            .find(|d| d.question == "home_split")
            .unwrap();
        assert_eq!(split.b_as_a, "leans_them");
        assert_eq!(split.b_as_a_label.as_deref(), Some("It leans towards them"));
        assert!(
            steps(&c).contains(&"together_each_carries_more".to_string()),
            "{:?}",
            steps(&c)
        );
        assert!(!steps(&c).contains(&"together_agreed_unequal".to_string()));
    }
}

#[test]
fn household_facts_are_shared_and_every_shared_difference_is_listed() {
    // Mark counts on backup care for sick days, Dana takes unpaid time.
    let c = Comparison::new(
        &person("dana", &[]),
        &person("mark_disagrees", &[("str_sick_days", "backup")]),
        "Dana",
        "Mark",
    );
    let d = differences(&c);
    for q in [
        "str_cost_vs_pay",
        "str_sick_days",
        "str_health_cover",
        "home_alt_work",
        "home_fair",
    ] {
        assert!(d.contains(&q.to_string()), "{q} in {d:?}");
    }
    // The most important first: the bank's discuss_priority 1 before 2,
    // each with the bank's own words.
    let prio: Vec<i64> = c
        .shared_differences
        .iter()
        .map(|d| d.discuss_priority)
        .collect();
    assert!(prio.windows(2).all(|w| w[0] <= w[1]), "{prio:?}");
    assert_eq!(c.shared_differences[0].question, "home_split");
    assert!(c.shared_differences.iter().all(|d| d.discuss.is_some()));
    // Workplace answers are not shared differences.
    assert!(!d.contains(&"about_work_pattern".to_string()));
}

#[test]
fn a_flag_the_partner_contradicts_is_contested_not_a_fact() {
    let dana = person("dana", &[]);
    let mark = person("mark_disagrees", &[("home_split", "balanced")]);
    let c = Comparison::new(&dana, &mark, "Dana", "Mark");
    let contested: Vec<&str> = c.flags.contested.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(contested, ["fair_home_split"]);
    assert_eq!(c.flags.contested[0].raised_by, [Who::B]);
    assert_eq!(c.flags.contested[0].questions, ["home_split"]);
    // When they agree on it, it is Mark's fact like any other.
    let agreed = person("mark_disagrees", &[("home_split", "balanced")]);
    let dana_balanced = person("dana", &[("home_split", "balanced")]);
    let c = Comparison::new(&dana_balanced, &agreed, "Dana", "Mark");
    assert!(c.flags.contested.is_empty(), "{:?}", c.flags.contested);
}

// ------------------------------------------------------------------- together

/// A calm couple (the same answers twice) with some answers changed.
fn couple(a: &[(&str, &str)], b: &[(&str, &str)]) -> Comparison {
    Comparison::new(&person("calm", a), &person("calm", b), "Robin", "Sam")
}

#[test]
fn a_calm_couple_gets_no_step_for_two() {
    let c = couple(&[], &[]);
    assert_eq!(steps(&c), Vec::<String>::new());
    assert!(c.shared_differences.is_empty());
    assert!(!c.shared_agreements.is_empty());
}

/// Each situation of issue 19: the entry is given for this couple, and not
/// for the calm couple or for the near miss beside it.
#[test]
fn every_together_situation_has_a_couple() {
    type Answers<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&str, Answers, Answers, Answers, Answers)] = &[
        (
            "together_sidelined_and_flexible",
            &[("parents_your_experience", "[role_shrunk]")],
            &[],
            // Both at risk, nobody flexible: not this step.
            &[
                ("parents_your_experience", "[role_shrunk]"),
                ("flex_enough", "not_enough"),
            ],
            &[("flex_enough", "not_enough")],
        ),
        (
            "together_shifts_and_flexible",
            &[("about_work_pattern", "shifts")],
            &[("about_work_pattern", "remote")],
            &[("about_work_pattern", "shifts")],
            &[("about_work_pattern", "shifts")],
        ),
        (
            "together_both_stretched",
            &[("flex_enough", "not_enough")],
            &[("sup_backup_people", "none")],
            &[("flex_enough", "not_enough")],
            &[],
        ),
        (
            "together_return_from_leave",
            &[("kids_ages", "[baby]")],
            &[("kids_ages", "[baby]")],
            &[],
            &[],
        ),
        (
            // The stage decides where it was given: back for years with a baby is not a return.
            "together_return_from_leave",
            &[("about_stage", "on_leave")],
            &[],
            &[("kids_ages", "[baby]"), ("about_stage", "back_longer")],
            &[("kids_ages", "[baby]"), ("about_stage", "back_longer")],
        ),
        (
            "together_stepping_back",
            &[("about_career_intent", "step_back")],
            &[],
            &[("about_career_intent", "steady")],
            &[],
        ),
        (
            "together_each_carries_more",
            &[("home_split", "leans_me")],
            &[("home_split", "mostly_me")],
            &[("home_split", "leans_me")],
            &[("home_split", "leans_them")],
        ),
        (
            "together_agreed_unequal",
            &[("home_split", "leans_me")],
            &[("home_split", "leans_them")],
            &[("home_split", "leans_me")],
            &[("home_split", "mostly_them")],
        ),
        (
            "together_childcare_cost",
            &[("str_cost_vs_pay", "large")],
            &[],
            &[("str_cost_vs_pay", "large")],
            &[("str_cost_vs_pay", "large")],
        ),
        (
            "together_one_income",
            &[("home_income", "mine")],
            &[("home_income", "theirs")],
            &[("home_income", "both")],
            &[("home_income", "other")],
        ),
        (
            // Each saying the household lives on their own pay is a difference, not one income.
            "together_one_income",
            &[("home_income", "theirs")],
            &[("home_income", "mine")],
            &[("home_income", "mine")],
            &[("home_income", "mine")],
        ),
        (
            "together_sick_days",
            &[("str_sick_days", "unpaid")],
            &[],
            &[("str_sick_days", "paid_days")],
            &[("str_sick_days", "paid_days")],
        ),
        (
            "together_not_talked",
            &[("home_alt_work", "not_discussed")],
            &[],
            &[],
            &[],
        ),
    ];
    let bank_ids: Vec<&str> = builtin().together.iter().map(|t| t.id.as_str()).collect();
    assert!(bank_ids.len() >= 8, "{bank_ids:?}");
    for id in &bank_ids {
        assert!(cases.iter().any(|c| c.0 == *id), "no couple for {id}");
    }
    for (id, a, b, near_a, near_b) in cases {
        let c = couple(a, b);
        assert!(steps(&c).contains(&id.to_string()), "{id}: {:?}", steps(&c));
        let step = c.together.iter().find(|t| t.id == *id).unwrap();
        assert!(!step.evidence.is_empty(), "{id} has a reason line");
        // Either way round.
        let swapped = Comparison::new(&person("calm", b), &person("calm", a), "Sam", "Robin");
        assert!(steps(&swapped).contains(&id.to_string()), "{id} swapped");
        let near = couple(near_a, near_b);
        assert!(
            !steps(&near).contains(&id.to_string()),
            "{id} near miss: {:?}",
            steps(&near)
        );
    }
}

#[test]
fn together_steps_come_most_urgent_first_and_one_per_group() {
    let c = couple(
        &[
            ("kids_ages", "[baby]"),
            ("home_alt_work", "not_discussed"),
            ("home_split", "leans_me"),
        ],
        &[("kids_ages", "[baby]"), ("home_split", "leans_me")],
    );
    let prio: Vec<i64> = c.together.iter().map(|t| t.priority).collect();
    assert!(prio.windows(2).all(|w| w[0] <= w[1]), "{prio:?}");
    assert_eq!(c.together[0].id, "together_return_from_leave");
    let home: Vec<String> = steps(&c)
        .into_iter()
        .filter(|s| s.contains("carries_more") || s.contains("agreed_unequal"))
        .collect();
    assert_eq!(home, ["together_each_carries_more"]);
}

#[test]
fn one_person_at_two_times_is_not_mirrored() {
    let before = person("dana", &[]);
    let after = person("dana", &[]);
    let c = Comparison::read_as(&before, &after, "before", "after", Reading::SamePerson);
    assert!(c.questions.is_empty());
    assert!(c.together.is_empty() && c.shared_agreements.is_empty());
    // Read as partners, the same "it leans towards me" twice is a difference.
    let c = Comparison::new(&before, &after, "Dana", "Dana's twin");
    assert!(differences(&c).contains(&"home_split".to_string()));
}

// ------------------------------------------------------------------ the laws

/// A sheet of the built-in bank from seeds: 0 leaves a question out.
fn sheet(seeds: &[u8]) -> AnswerSheet {
    let bank = builtin();
    let mut s = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let p = seeds.get(i).copied().unwrap_or(0);
        if p == 0 {
            continue;
        }
        let p = usize::from(p);
        let a = match &q.kind {
            Kind::Choice(o) => Answer::Choice(o[p % o.len()].id.clone()),
            Kind::Multi(o) => Answer::Multi(
                o.iter()
                    .enumerate()
                    .filter(|(n, _)| (p >> (n % 8)) & 1 == 1)
                    .map(|(_, x)| x.id.clone())
                    .collect(),
            ),
            Kind::Scale(sc) => Answer::Scale(sc.min + (p as i64) % (sc.max - sc.min + 1)),
            Kind::YesNo(_) => Answer::YesNo(p % 2 == 0),
            Kind::Text => Answer::Text(format!("note {p}")),
        };
        s.set(i, Slot::Given(a));
    }
    s
}

/// Every answer as the partner would give it.
fn mirrored(s: &AnswerSheet) -> AnswerSheet {
    let bank = builtin();
    let mut m = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        if let Some(a) = s.get(i) {
            m.set(i, Slot::Given(a.mirrored(q)));
        }
    }
    m
}

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn a_sheet_beside_its_own_mirror_has_no_shared_difference(
        seeds in prop::collection::vec(1u8..=255, 100)
    ) {
        let s = sheet(&seeds);
        let (a, b) = (assess(&s), assess(&mirrored(&s)));
        let c = Comparison::new(&a, &b, "A", "B");
        prop_assert!(c.shared_differences.is_empty(), "{:?}", differences(&c));
        prop_assert!(c.flags.contested.is_empty());
        prop_assert!(c.questions.iter().all(|q| !q.shared));
        prop_assert!(!c.shared_agreements.is_empty());
        // Mirroring twice gives the sheet back.
        let twice = mirrored(&mirrored(&s));
        for i in 0..builtin().questions.len() {
            prop_assert_eq!(twice.get(i), s.get(i));
        }
    }

    #[test]
    fn every_real_shared_difference_is_listed_and_nothing_else(
        seeds in prop::collection::vec(1u8..=255, 100),
        changes in prop::collection::vec((0usize..100, 0u8..=255), 0..30),
    ) {
        let bank = builtin();
        let s1 = sheet(&seeds);
        let mut seeds2 = seeds.clone();
        for (i, v) in changes {
            seeds2[i] = v;
        }
        let s2 = sheet(&seeds2);
        let (a, ea) = result::assess(bank, &s1, Mode::Full);
        let (b, eb) = result::assess(bank, &s2, Mode::Full);
        let c = Comparison::new(&a, &b, "A", "B");
        let d = differences(&c);
        let g = agreements(&c);
        for (i, q) in bank.questions.iter().enumerate().filter(|(_, q)| q.shared) {
            let x = s1.get(i).filter(|_| ea.asked[i]);
            let y = s2.get(i).filter(|_| eb.asked[i]);
            let listed = d.contains(&q.id);
            match (x, y) {
                (Some(x), Some(y)) => {
                    let y = y.mirrored(q);
                    let same = match (x, &y) {
                        (Answer::Multi(p), Answer::Multi(r)) => {
                            let mut p = p.clone();
                            let mut r = r.clone();
                            p.sort();
                            r.sort();
                            p == r
                        }
                        // Two answers that can both be true agree.
                        (Answer::Choice(p), Answer::Choice(r)) => {
                            p == r || q.option(p).is_some_and(|o| o.agrees_with.contains(r))
                        }
                        _ => x == &y,
                    };
                    prop_assert_eq!(listed, !same, "{}", q.id);
                    prop_assert_eq!(g.contains(&q.id), same, "{}", q.id);
                }
                (None, None) => prop_assert!(!listed && !g.contains(&q.id), "{}", q.id),
                _ => {
                    prop_assert!(listed, "{} answered by one", q.id);
                    let entry = c.shared_differences.iter().find(|e| e.question == q.id).unwrap();
                    prop_assert!(entry.answered_only_by.is_some());
                }
            }
        }
        // Nothing that is not a shared question is listed.
        for id in d.iter().chain(&g) {
            prop_assert!(bank.question(id).is_some_and(|q| q.shared), "{}", id);
        }
    }
}

// ------------------------------------------------------------ through the binary

#[test]
fn compare_json_has_the_contract_fields_for_dana_and_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for who in ["dana", "mark_disagrees"] {
        let out = dir.path().join(format!("{who}.json"));
        mt().args(["assess", "--format", "json", "--answers"])
            .arg(fixture(&format!("couple/{who}.yaml")))
            .arg("--output")
            .arg(&out)
            .success();
        files.push(out);
    }
    let run = mt()
        .arg("compare")
        .args(&files)
        .args(["--labels", "Dana,Mark", "--format", "json"])
        .success();
    let v = run.json();
    assert_eq!(v["difference"], "b - a");
    let split = v["shared_differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["question"] == "home_split")
        .expect("home_split differs");
    assert_eq!(split["a"], "leans_me");
    assert_eq!(split["b"], "leans_me");
    assert_eq!(split["b_as_a"], "leans_them");
    for g in v["shared_agreements"].as_array().unwrap() {
        for key in ["question", "a", "b", "b_as_a"] {
            assert!(g.get(key).is_some(), "{key} in {g}");
        }
    }
    let together = v["together"].as_array().unwrap();
    assert!(!together.is_empty());
    for t in together {
        for key in ["id", "title", "detail", "because"] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
    }
    // Every format leads with the steps for two.
    for format in ["text", "markdown", "html"] {
        let out = mt()
            .arg("compare")
            .args(&files)
            .args(["--labels", "Dana,Mark", "--format", format])
            .success()
            .stdout();
        let first = out.find("For the two of you").expect(format);
        let shared = out
            .find("Where you see your home differently")
            .expect(format);
        assert!(first < shared, "{format}");
        assert!(out.contains("in Dana\u{2019}s words"), "{format}");
    }
    // One person at two times: nothing mirrored, no steps for two.
    let v = mt()
        .arg("compare")
        .args([&files[0], &files[0]])
        .args(["--same-person", "--format", "json"])
        .success()
        .json();
    assert_eq!(v["reading"], "same_person");
    assert_eq!(v["together"], serde_json::json!([]));
}

#[test]
fn compare_says_when_one_took_the_quick_version() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for (out, quick) in [(&a, false), (&b, true)] {
        let mut t = mt();
        t.args(["assess", "--format", "json", "--answers"])
            .arg(fixture("couple/dana.yaml"))
            .arg("--output")
            .arg(out);
        if quick {
            t.arg("--quick");
        }
        t.success();
    }
    mt().arg("compare")
        .args([&a, &b])
        .args(["--labels", "Dana,Mark"])
        .success()
        .stdout_contains("Mark took the quick version");
}

/// Priya and Alex see the split of their home the same way, yet their home
/// scores differ (each is scored from their own side): every human format
/// says why, and says how many workplace differences it leaves to the JSON.
#[test]
fn partners_who_agree_are_told_why_their_home_scores_differ() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for (out, sheet) in [
        (&a, "couple/toronto_manager.yaml"),
        (&b, "couple/remote_partner.yaml"),
    ] {
        mt().args(["assess", "--format", "json", "--answers"])
            .arg(fixture(sheet))
            .arg("--output")
            .arg(out)
            .success();
    }
    for format in ["text", "markdown", "html"] {
        let out = mt()
            .arg("compare")
            .args([&a, &b])
            .args(["--labels", "Priya,Alex", "--format", format])
            .success()
            .stdout();
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains("is scored from each person\u{2019}s own side"),
            "{format}: the home score gap is not explained:\n{out}"
        );
        let more = out.contains("more answers differ (all of them are in --format json)");
        assert!(more, "{format}: the capped workplace list does not say so");
    }
}

// -------------------------------------------------------------- bank rules

fn bank_problems(edits: &[(&str, &str, &str)]) -> String {
    let dir = mini_with(edits);
    let run = mt().arg("validate").arg(dir.path()).run();
    format!("{}{}", run.stdout(), run.stderr())
}

#[test]
fn a_mirror_must_name_an_option_that_names_it_back_in_a_shared_question() {
    let shared_flex = (
        "20_flex.yaml",
        "title: Flexibility",
        "title: Flexibility\nshared: true",
    );
    let out = bank_problems(&[
        shared_flex,
        (
            "20_flex.yaml",
            "label: \"Remote days\", score: 2",
            "label: \"Remote days\", score: 2, mirror: hours",
        ),
    ]);
    assert!(
        out.contains("mirrors `hours`, but `hours` does not mirror it back"),
        "{out}"
    );
    assert!(
        out.contains("give option `hours` `mirror: remote`"),
        "{out}"
    );
    let out = bank_problems(&[
        shared_flex,
        (
            "20_flex.yaml",
            "label: \"Remote days\", score: 2",
            "label: \"Remote days\", score: 2, mirror: hour",
        ),
    ]);
    assert!(
        out.contains("not an option of `flex_options`") && out.contains("hours"),
        "{out}"
    );
    let out = bank_problems(&[(
        "20_flex.yaml",
        "label: \"Remote days\", score: 2",
        "label: \"Remote days\", score: 2, mirror: hours",
    )]);
    assert!(
        out.contains("is not about the home two partners share"),
        "{out}"
    );
    // Symmetric mirrors in a shared set are valid.
    let dir = mini_with(&[
        shared_flex,
        (
            "20_flex.yaml",
            "label: \"Remote days\", score: 2",
            "label: \"Remote days\", score: 2, mirror: hours",
        ),
        (
            "20_flex.yaml",
            "label: \"Flexible hours\", score: 1",
            "label: \"Flexible hours\", score: 1, mirror: remote",
        ),
    ]);
    mt().arg("validate").arg(dir.path()).success();
}

/// `agrees_with` is checked like a mirror: an option of the same shared
/// question, named back.
#[test]
fn agrees_with_must_name_an_option_that_agrees_back_in_a_shared_question() {
    let shared_flex = (
        "20_flex.yaml",
        "title: Flexibility",
        "title: Flexibility\nshared: true",
    );
    let remote = |with: &str| {
        (
            "20_flex.yaml",
            "label: \"Remote days\", score: 2",
            format!("label: \"Remote days\", score: 2, agrees_with: [{with}]"),
        )
    };
    let (f, from, to) = remote("hours");
    let out = bank_problems(&[shared_flex, (f, from, &to)]);
    assert!(
        out.contains("agrees with `hours`, but `hours` does not agree with it back"),
        "{out}"
    );
    assert!(
        out.contains("add `remote` to the `agrees_with` of option `hours`"),
        "{out}"
    );
    let (f, from, to) = remote("hour");
    let out = bank_problems(&[shared_flex, (f, from, &to)]);
    assert!(
        out.contains("not an option of `flex_options`") && out.contains("hours"),
        "{out}"
    );
    let (f, from, to) = remote("hours");
    let out = bank_problems(&[(f, from, &to)]);
    assert!(
        out.contains("has `agrees_with`, but `flex_options` is not about the home"),
        "{out}"
    );
}

#[test]
fn together_conditions_say_whose_answers_they_read() {
    let together = |when: &str| {
        (
            "bank.yaml",
            "advice:",
            Box::leak(
                format!("together:\n  - id: t1\n    title: \"T\"\n    when: {when}\nadvice:")
                    .into_boxed_str(),
            ) as &str,
        )
    };
    let out = bank_problems(&[together("{ answer: considering_part_time, is: true }")]);
    assert!(out.contains("say whose answers `answer` reads"), "{out}");
    let out = bank_problems(&[together("{ differ: considering_part_time }")]);
    assert!(out.contains("is not shared"), "{out}");
    let out = bank_problems(&[together(
        "{ both: { answer: considering_part_tim, is: true } }",
    )]);
    assert!(
        out.contains("unknown question `considering_part_tim`"),
        "{out}"
    );
    // An advice entry cannot read two people.
    let out = bank_problems(&[(
        "bank.yaml",
        "advice:",
        "advice:\n  - id: a2\n    title: \"A\"\n    when: { either: { flag: flexible_team } }",
    )]);
    assert!(
        out.contains("only works in the `when` of a `together:` entry"),
        "{out}"
    );
    // A valid one passes.
    let dir = mini_with(&[together(
        "{ one: { answer: considering_part_time, is: true }, other: { flag: flexible_team } }",
    )]);
    mt().arg("validate").arg(dir.path()).success();
}

#[test]
fn a_custom_banks_together_entries_work_without_the_bank() {
    let dir = mini_with(&[
        (
            "20_flex.yaml",
            "title: Flexibility",
            "title: Flexibility\nshared: true",
        ),
        (
            "bank.yaml",
            "advice:",
            "together:\n  - id: talk_part_time\n    title: \"Talk about part-time\"\n    detail: \"One of you is thinking about it.\"\n    when: { one: { answer: considering_part_time, is: true } }\nadvice:",
        ),
    ]);
    let tmp = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for (name, part_time) in [("a", "true"), ("b", "false")] {
        let answers = write(
            tmp.path(),
            &format!("{name}.yaml"),
            &format!("considering_part_time: {part_time}\n"),
        );
        let out = tmp.path().join(format!("{name}.json"));
        mt().args(["assess", "--format", "json", "--bank"])
            .arg(dir.path())
            .arg("--answers")
            .arg(&answers)
            .arg("--output")
            .arg(&out)
            .success();
        results.push(out);
    }
    let v = mt()
        .arg("compare")
        .args(&results)
        .args(["--format", "json"])
        .success()
        .json();
    assert_eq!(v["together"][0]["id"], "talk_part_time");
    assert_eq!(
        v["together"][0]["because"],
        serde_json::json!(["considering_part_time"])
    );
}

#[test]
fn the_guides_bank_for_two_is_valid() {
    let text = std::fs::read_to_string(crate::harness::repo("docs/question-banks.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for block in text.split("```yaml\n").skip(1) {
        let body = block.split("```").next().unwrap();
        if let Some(name) = body
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# couple-file: "))
        {
            write(dir.path(), name.trim(), body);
            n += 1;
        }
    }
    assert_eq!(n, 2, "the guide shows bank.yaml and one set");
    mt().arg("validate").arg(dir.path()).success();
    let (bank, _) = bank::load(&BankSource::Dir(dir.path().to_path_buf())).unwrap();
    assert_eq!(bank.together.len(), 2);
    let split = bank.question("split").unwrap();
    assert_eq!(
        split.option("leans_me").unwrap().mirror.as_deref(),
        Some("leans_them")
    );
    assert!(!bank.question("pattern").unwrap().shared);
}

/// Issue 19's couple: a Toronto store manager at sidelining risk, back from
/// leave next month, beside a partner in a fully flexible remote job.
#[test]
fn the_store_manager_and_the_remote_partner_hear_whose_job_bends() {
    let c = Comparison::new(
        &person("toronto_manager", &[]),
        &person("remote_partner", &[]),
        "Priya",
        "Alex",
    );
    let s = steps(&c);
    assert_eq!(s[0], "together_sidelined_and_flexible", "{s:?}");
    for id in ["together_shifts_and_flexible", "together_return_from_leave"] {
        assert!(s.contains(&id.to_string()), "{id} in {s:?}");
    }
    // The flexible job is protected too, not only used.
    assert!(c.together[0].detail.contains("protect the flexible job"));
    // "One of you" is Priya, the one at risk; the other is Alex.
    assert_eq!(c.together[0].one, Some(Who::A));
    let swapped = Comparison::new(
        &person("remote_partner", &[]),
        &person("toronto_manager", &[]),
        "Alex",
        "Priya",
    );
    assert_eq!(swapped.together[0].one, Some(Who::B));
}

/// Results saved by an earlier mommytrack carry no mirrors: `compare`
/// reads them with the built-in bank's, and says so.
#[test]
fn results_saved_before_mirrors_are_read_with_the_builtin_banks() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for who in ["dana", "mark_agrees"] {
        let mut v = serde_json::to_value(person(who, &[])).unwrap();
        // As an earlier version wrote it.
        v.as_object_mut().unwrap().remove("together_entries");
        for d in v["dimensions"].as_array_mut().unwrap() {
            for q in d["questions"].as_array_mut().unwrap() {
                let q = q.as_object_mut().unwrap();
                for key in [
                    "shared",
                    "mirrored",
                    "mirrored_label",
                    "discuss",
                    "discuss_priority",
                ] {
                    q.remove(key);
                }
            }
        }
        files.push(write(dir.path(), &format!("{who}.json"), &v.to_string()));
    }
    let run = mt()
        .arg("compare")
        .args(&files)
        .args(["--labels", "Dana,Mark", "--format", "json"])
        .success();
    run.stderr_contains("saved by an earlier mommytrack");
    let v = run.json();
    let agreed: Vec<&str> = v["shared_agreements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["question"].as_str())
        .collect();
    assert!(
        agreed.contains(&"home_split") && agreed.contains(&"home_mental_load"),
        "{agreed:?}"
    );
    assert!(!v["together"].as_array().unwrap().is_empty());
}

/// A job now beside one being considered (`mode: "prospective"`) is no couple: no steps for two, no home compared.
#[test]
fn a_prospective_result_is_compared_as_a_job_not_a_partner() {
    let now = person("dana", &[]);
    let mut next = person("mark_disagrees", &[]);
    next.mode = "prospective".into();
    let c = Comparison::new(&now, &next, "now", "next");
    assert_eq!(c.reading, mommytrack_engine::compare::Reading::Prospective);
    assert!(c.together.is_empty() && c.shared_differences.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "now.json",
        &serde_json::to_string(&now).unwrap(),
    );
    let b = write(
        dir.path(),
        "next.json",
        &serde_json::to_string(&next).unwrap(),
    );
    mt().arg("compare")
        .args([&a, &b])
        .success()
        .stdout_contains("next.json is about an employer you are considering")
        .stdout_lacks("For the two of you")
        .stdout_lacks("Where you see your home differently");
}

/// A hand-edited result cannot make `compare` evaluate more steps for two
/// than a bank may hold.
#[test]
fn a_result_with_more_together_entries_than_a_bank_may_hold_is_refused() {
    let mut v = serde_json::to_value(person("dana", &[])).unwrap();
    let entry = v["together_entries"][0].clone();
    v["together_entries"] = serde_json::Value::Array(vec![entry; bank::MAX_FLAGS + 1]);
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.json", &v.to_string());
    mt().arg("compare")
        .args([&a, &a])
        .code(65)
        .stderr_contains("together_entries");
}
