//! Persona fixtures as a coach's specification (issue 18). Each
//! `tests/personas/NAME.answers.yaml` opens with the person, in words, and
//! `NAME.expect.yaml` says what a good coach would require of the result:
//! the verdicts that are acceptable, a score window, the steps that must
//! and must not be given, the flags that must and must not be raised, the
//! steps that belong under "Start here", the parts of the report that must
//! have no score, the questions that must not be put to this person and
//! the words that are wrong for them in the report (`never_says`); every
//! item with a one-line reason. The quick run (`--quick`) must give every
//! step the full run must: the short form asks what the advice for
//! that person depends on. New advice entries do not break a
//! persona unless they crowd out a step it must get, or are one it must not.
//!
//! The eight personas of issue 18 (teacher, resident doctor, gig-working
//! single father, UK returner, a Canadian couple, Australian nurse father,
//! German engineer, US father) had their expectations written before their
//! first run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::harness::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verdict {
    #[serde(rename = "in")]
    any_of: Vec<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Score {
    min: f64,
    max: f64,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    step: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Flag {
    id: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dimension {
    dimension: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    question: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    description: String,
    verdict: Verdict,
    score: Score,
    #[serde(default)]
    must: Vec<Step>,
    #[serde(default)]
    must_not: Vec<Step>,
    #[serde(default)]
    flags: Vec<Flag>,
    #[serde(default)]
    no_flags: Vec<Flag>,
    /// Each of these is among the steps every report shows first.
    #[serde(default)]
    start_here: Vec<Step>,
    /// Parts of the report that must have no score for this person.
    #[serde(default)]
    unscored: Vec<Dimension>,
    /// Questions this person must not be asked (an answer to one is ignored).
    #[serde(default)]
    not_asked: Vec<Question>,
    /// Words that are wrong for this person in their report (full and quick).
    #[serde(default)]
    never_says: Vec<Words>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    words: String,
    why: String,
}

impl Expect {
    /// Every reason, with what it is the reason for: none may be empty.
    fn reasons(&self) -> Vec<(String, &str)> {
        let mut out = vec![
            ("verdict".to_string(), self.verdict.why.as_str()),
            ("score".to_string(), self.score.why.as_str()),
        ];
        for (what, steps) in [
            ("must", &self.must),
            ("must_not", &self.must_not),
            ("start_here", &self.start_here),
        ] {
            out.extend(
                steps
                    .iter()
                    .map(|s| (format!("{what} {}", s.step), s.why.as_str())),
            );
        }
        for (what, flags) in [("flags", &self.flags), ("no_flags", &self.no_flags)] {
            out.extend(
                flags
                    .iter()
                    .map(|f| (format!("{what} {}", f.id), f.why.as_str())),
            );
        }
        out.extend(
            self.unscored
                .iter()
                .map(|d| (format!("unscored {}", d.dimension), d.why.as_str())),
        );
        out.extend(
            self.not_asked
                .iter()
                .map(|q| (format!("not_asked {}", q.question), q.why.as_str())),
        );
        out.extend(
            self.never_says
                .iter()
                .map(|w| (format!("never_says {}", w.words), w.why.as_str())),
        );
        out
    }
}

fn personas() -> Vec<(String, PathBuf, Expect)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/personas exists") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(stem) = name.strip_suffix(".expect.yaml") else {
            continue;
        };
        let expect: Expect = serde_yaml::from_str(&std::fs::read_to_string(&path).expect("read"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let answers = dir.join(format!("{stem}.answers.yaml"));
        assert!(answers.exists(), "{name} has no {stem}.answers.yaml");
        out.push((stem.to_string(), answers, expect));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A persona's result and warnings, as they are (made once for every test
/// that reads them).
fn result(name: &str, quick: bool) -> (serde_json::Value, String) {
    let extra: &[&str] = if quick { &["--quick"] } else { &[] };
    let p = crate::once::persona(name, "json", extra);
    let r = serde_json::from_str(&p.stdout).unwrap_or_else(|e| panic!("{name}: JSON: {e}"));
    (r, p.stderr.clone())
}

/// A persona's result with `extra` appended to its answers.
fn run(answers: &Path, extra: &str) -> (serde_json::Value, String) {
    let mut text = std::fs::read_to_string(answers).expect("read");
    text.push_str(extra);
    let out = mt()
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{}: exit {:?}: {stderr}",
        answers.display(),
        out.status.code()
    );
    (serde_json::from_slice(&out.stdout).expect("JSON"), stderr)
}

/// Everything that is wrong with one persona's result, as readable lines.
fn check(name: &str, r: &serde_json::Value, expect: &Expect) -> Vec<String> {
    let mut failures = Vec::new();
    let verdict = r["overall"]["verdict"].as_str().unwrap_or("null");
    let score = r["overall"]["score"].as_f64().unwrap_or(f64::NAN);
    if !expect.verdict.any_of.iter().any(|v| v == verdict) {
        failures.push(format!(
            "{name} ({}): verdict {verdict} (score {score}), expected one of {:?}: {}",
            expect.description, expect.verdict.any_of, expect.verdict.why
        ));
    }
    if !(expect.score.min..=expect.score.max).contains(&score) {
        failures.push(format!(
            "{name}: score {score} outside {}..={}: {}",
            expect.score.min, expect.score.max, expect.score.why
        ));
    }
    let flags: BTreeSet<String> = ids(&r["flags"]).into_iter().collect();
    for f in &expect.flags {
        if !flags.contains(&f.id) {
            failures.push(format!("{name}: flag {} not raised: {}", f.id, f.why));
        }
    }
    for f in &expect.no_flags {
        if flags.contains(&f.id) {
            failures.push(format!(
                "{name}: flag {} raised but must not be: {}",
                f.id, f.why
            ));
        }
    }
    let steps = ids(&r["next_steps"]);
    if steps.len() > 12 {
        failures.push(format!("{name}: {} next steps, more than 12", steps.len()));
    }
    for s in &expect.must {
        if !steps.contains(&s.step) {
            failures.push(format!(
                "{name}: must get {}: {} (given: {steps:?})",
                s.step, s.why
            ));
        }
    }
    for s in &expect.must_not {
        if steps.contains(&s.step) {
            failures.push(format!("{name}: must not get {}: {}", s.step, s.why));
        }
        if expect.must.iter().any(|m| m.step == s.step) {
            failures.push(format!("{name}: {} is both a must and a must-not", s.step));
        }
    }
    let first: Vec<String> = r["next_steps"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|s| s["start_here"].as_bool() == Some(true))
                .filter_map(|s| s["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for s in &expect.start_here {
        if !first.contains(&s.step) {
            failures.push(format!(
                "{name}: {} must be under Start here: {} (Start here: {first:?})",
                s.step, s.why
            ));
        }
    }
    for d in &expect.unscored {
        let dim = r["dimensions"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == d.dimension.as_str()));
        match dim {
            Some(x) if x["score"].is_null() => {}
            Some(x) => failures.push(format!(
                "{name}: {} scored {} but must not be: {}",
                d.dimension, x["score"], d.why
            )),
            None => failures.push(format!("{name}: no dimension {}", d.dimension)),
        }
    }
    for (what, why) in expect.reasons() {
        if why.trim().is_empty() {
            failures.push(format!("{name}: {what} has no reason"));
        }
    }
    failures
}

#[test]
fn every_persona_meets_its_coachs_expectations() {
    let all = personas();
    assert!(
        all.len() >= 29,
        "expected at least 29 personas, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, answers, expect) in &all {
        let (r, stderr) = result(name, false);
        if !stderr.is_empty() {
            failures.push(format!(
                "{name}: answers questions that are not asked:\n{stderr}"
            ));
        }
        failures.extend(check(name, &r, expect));
        // Quick asks what the advice for this person depends on: every step
        // a coach requires comes in the short form too (issues 18 and 19).
        let quick = result(name, true).0;
        let steps = ids(&quick["next_steps"]);
        for s in expect.must.iter().filter(|s| !steps.contains(&s.step)) {
            failures.push(format!(
                "{name}: the quick run must give {} too: {} (given: {steps:?})",
                s.step, s.why
            ));
        }
        for extra in [&[][..], &["--quick"]] {
            let text = crate::once::persona(name, "text", extra).stdout.clone();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for w in expect.never_says.iter().filter(|w| text.contains(&w.words)) {
                failures.push(format!("{name} {extra:?}: says \"{}\": {}", w.words, w.why));
            }
        }
        // Quick gives the full run's verdict, or says its own is provisional.
        if quick["overall"]["verdict"] != r["overall"]["verdict"]
            && !crate::once::persona(name, "text", &["--quick"])
                .stdout
                .contains("Provisional: a quick verdict")
        {
            failures.push(format!(
                "{name}: quick gives {} where the full run gives {}, and does not say it is provisional",
                quick["overall"]["verdict"], r["overall"]["verdict"]
            ));
        }
        // A question that must not be asked: answering it anyway is ignored,
        // with a warning that names it.
        for q in &expect.not_asked {
            let (_, stderr) = run(answers, &format!("\n{}: null\n", q.question));
            let (_, given) = run(
                answers,
                &format!("\n{}: {}\n", q.question, any_answer(&q.question)),
            );
            if !given.contains(&q.question) || !stderr.is_empty() {
                failures.push(format!(
                    "{name}: {} is asked, but must not be: {}",
                    q.question, q.why
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "persona regressions:\n{}",
        failures.join("\n")
    );
}

/// A valid answer to a question, for the not-asked check.
fn any_answer(question: &str) -> String {
    let out = crate::once::run(&["questions", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let q = v["sets"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["questions"].as_array().into_iter().flatten())
        .find(|q| q["id"] == question)
        .unwrap_or_else(|| panic!("no question {question}"));
    match q["kind"].as_str() {
        Some("choice") => q["options"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        Some("multi") => "[]".into(),
        Some("scale") => q["scale"]["min"].to_string(),
        Some("yesno") => "true".into(),
        _ => "\"x\"".into(),
    }
}

/// The check itself can fail: a missing must, a present must-not, a verdict
/// outside the range, a forbidden flag and an empty reason are each reported.
#[test]
fn the_persona_check_fails_when_a_coach_would() {
    let r = serde_json::json!({
        "overall": { "score": 50.0, "verdict": "mixed" },
        "flags": [ { "id": "pushed_out" } ],
        "next_steps": [ { "id": "a", "start_here": true }, { "id": "b", "start_here": false } ],
        "dimensions": [ { "id": "culture", "score": 40.0 } ],
    });
    let step = |s: &str| Step {
        step: s.into(),
        why: "because".into(),
    };
    let expect = || Expect {
        description: "test".into(),
        verdict: Verdict {
            any_of: vec!["mixed".into()],
            why: "w".into(),
        },
        score: Score {
            min: 40.0,
            max: 60.0,
            why: "w".into(),
        },
        must: vec![step("a")],
        must_not: vec![step("c")],
        flags: vec![],
        no_flags: vec![],
        start_here: vec![step("a")],
        unscored: vec![],
        not_asked: vec![],
        never_says: vec![],
    };
    assert!(
        check("p", &r, &expect()).is_empty(),
        "{:?}",
        check("p", &r, &expect())
    );
    let mut e = expect();
    e.must.push(step("z"));
    e.must_not.push(step("b"));
    e.start_here.push(step("b"));
    e.verdict.any_of = vec!["positive".into()];
    e.no_flags = vec![Flag {
        id: "pushed_out".into(),
        why: "w".into(),
    }];
    e.unscored = vec![Dimension {
        dimension: "culture".into(),
        why: "w".into(),
    }];
    e.score.why = " ".into();
    let wrong = check("p", &r, &e);
    for needle in [
        "must get z",
        "must not get b",
        "b must be under Start here",
        "verdict mixed",
        "flag pushed_out raised",
        "culture scored",
        "score has no reason",
    ] {
        assert!(
            wrong.iter().any(|f| f.contains(needle)),
            "{needle}: {wrong:?}"
        );
    }
}

#[test]
fn personas_cover_every_verdict_and_every_profile_value() {
    let all = personas();
    let verdicts: BTreeSet<String> = all
        .iter()
        .filter(|(_, _, e)| e.verdict.any_of.len() == 1)
        .map(|(_, _, e)| e.verdict.any_of[0].clone())
        .collect();
    for v in ["positive", "mixed", "sidelined"] {
        assert!(verdicts.contains(v), "no persona expects only {v}");
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (_, answers, _) in &all {
        let text = std::fs::read_to_string(answers).expect("read");
        for line in text.lines().filter(|l| l.starts_with("about_")) {
            seen.insert(line.replace(' ', ""));
        }
    }
    for (q, values) in [
        (
            "about_parent_route",
            &["gave_birth", "partner_gave_birth", "adoption_or_foster"][..],
        ),
        ("about_household", &["two_parents", "solo"][..]),
        (
            "about_work_pattern",
            &["office", "hybrid", "remote", "shifts", "self_employed"][..],
        ),
        (
            "about_region",
            &["us", "uk", "canada", "eu", "australia_nz"][..],
        ),
        (
            "about_career_intent",
            &["advance", "steady", "step_back", "unsure"][..],
        ),
        (
            "about_stage",
            &[
                "expecting",
                "on_leave",
                "back_recently",
                "back_longer",
                "returning_after_break",
            ][..],
        ),
        ("about_self_kind", &["platform", "freelance"][..]),
        ("about_job_shape", &["fixed", "partly", "movable"][..]),
    ] {
        for v in values {
            assert!(
                seen.contains(&format!("{q}:{v}")),
                "no persona answers {q}: {v}"
            );
        }
    }
}

/// Every persona says who the person is before anything else: the first
/// line of the answers file is `# Persona: …`, and the expectations carry
/// the same person in `description`.
#[test]
fn every_persona_is_written_from_the_person_first() {
    for (name, answers, expect) in personas() {
        let text = std::fs::read_to_string(&answers).expect("read");
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("# Persona: ") && first.len() > 40,
            "{name}: {first}"
        );
        assert!(
            !expect.description.trim().is_empty(),
            "{name}: no description"
        );
    }
}

/// About an employer being considered (`--prospective`), with the same
/// facts about themselves and the same answers about the job, each persona
/// is asked exactly the kit questions their own assessment asks them: no
/// rota question for an office job, nothing about expressing milk for a
/// father, an adoptive parent or anyone who did not say it applies.
#[test]
fn a_prospective_run_asks_each_persona_the_kit_questions_their_own_run_does() {
    let asked = |name: &str, extra: &[&str]| -> BTreeSet<String> {
        let p = crate::once::persona(name, "json", extra);
        let r: serde_json::Value = serde_json::from_str(&p.stdout).expect("JSON");
        r["dimensions"]
            .as_array()
            .expect("dimensions")
            .iter()
            .flat_map(|d| d["questions"].as_array().expect("questions"))
            .filter_map(|q| q["id"].as_str().map(String::from))
            .collect()
    };
    let template = mt()
        .args(["template", "--prospective"])
        .output()
        .expect("runs");
    let kit: BTreeSet<String> = String::from_utf8_lossy(&template.stdout)
        .lines()
        .filter_map(|l| l.strip_suffix(": null").map(String::from))
        .collect();
    assert!(
        kit.contains("flex_shift_pattern") && kit.contains("str_lactation"),
        "{kit:?}"
    );
    let mut failures = Vec::new();
    for (name, _, _) in personas() {
        let own: BTreeSet<String> = asked(&name, &[]).intersection(&kit).cloned().collect();
        let there = asked(&name, &["--prospective"]);
        if there != own {
            failures.push(format!(
                "{name}: asked too {:?}, not asked {:?}",
                there.difference(&own).collect::<Vec<_>>(),
                own.difference(&there).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
