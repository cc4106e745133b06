//! The "because" lines of every persona's report: a reason is always an
//! answer the parent gave (never a question that was not asked, nor a `not:`
//! that holds only because a question has no answer), and a profile answer
//! ("Where do you work?") is never quoted beside a real reason.

use crate::harness::*;
use serde_json::Value;

/// The personas' names (`tests/personas/NAME.answers.yaml`).
fn persona_answers() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(repo("tests/personas"))
        .expect("tests/personas exists")
        .filter_map(|e| {
            let name = e.expect("entry").file_name().into_string().ok()?;
            name.strip_suffix(".answers.yaml").map(String::from)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "personas found: {out:?}");
    out
}

/// A persona's report (made once for every test that reads it).
fn assess(name: &str, format: &str) -> String {
    crate::once::persona(name, format, &[]).stdout.clone()
}

/// Every flag and next step of a result, as (id, the object).
fn items(r: &Value) -> Vec<(String, &Value)> {
    ["flags", "next_steps"]
        .iter()
        .flat_map(|k| r[*k].as_array().into_iter().flatten())
        .map(|i| (i["id"].as_str().unwrap_or_default().to_string(), i))
        .collect()
}

/// The questions the result holds (those asked), by id.
fn asked(r: &Value) -> Vec<(String, Value)> {
    r["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["questions"].as_array().into_iter().flatten())
        .map(|q| (q["id"].as_str().unwrap_or_default().to_string(), q.clone()))
        .collect()
}

#[test]
fn every_reason_is_a_question_that_was_asked() {
    for name in persona_answers() {
        let text = assess(&name, "text");
        assert!(
            !text.contains("because of an earlier answer"),
            "{name}: a reason the report cannot state:\n{text}"
        );
        let r: Value = serde_json::from_str(&assess(&name, "json")).expect("json");
        let asked = asked(&r);
        for (id, item) in items(&r) {
            for q in item["because"].as_array().into_iter().flatten() {
                let q = q.as_str().unwrap_or_default();
                assert!(
                    asked.iter().any(|(a, _)| a == q),
                    "{name}: `{id}` is explained by `{q}`, which was not asked"
                );
            }
        }
    }
}

#[test]
fn a_flexibility_step_is_not_explained_by_a_request_never_made() {
    // flex_gap_plan holds partly through `not: {answer: flex_request_result,
    // ...}`; this persona was never asked about a request.
    let r: Value = serde_json::from_str(&assess("lawyer_billable_hours", "json")).expect("json");
    let step = items(&r)
        .into_iter()
        .find(|(id, _)| id == "flex_gap_plan")
        .map(|(_, s)| s.clone())
        .expect("lawyer_billable_hours gets flex_gap_plan");
    assert_eq!(
        step["because"],
        serde_json::json!(["flex_enough"]),
        "{step}"
    );
}

#[test]
fn a_profile_answer_is_never_quoted_beside_another_reason() {
    // The check must be able to see what it looks for: lists of several
    // reasons, and lines that quote a prompt.
    let (mut several, mut quoting_any) = (0, 0);
    for name in persona_answers() {
        let r: Value = serde_json::from_str(&assess(&name, "json")).expect("json");
        let prompts: Vec<(String, String)> = asked(&r)
            .into_iter()
            .map(|(id, q)| (id, q["prompt"].as_str().unwrap_or_default().to_string()))
            .collect();
        let profile: Vec<&(String, String)> = prompts
            .iter()
            .filter(|(id, _)| id.starts_with("about_"))
            .collect();
        assert!(profile.len() >= 3, "{name}: the profile questions");
        // In the result: about_* ids only when nothing else is a reason.
        for (id, item) in items(&r) {
            let because: Vec<&str> = item["because"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let others = because.iter().any(|q| !q.starts_with("about_"))
                || ["because_flags", "because_dimensions"]
                    .iter()
                    .any(|k| item[*k].as_array().is_some_and(|a| !a.is_empty()))
                || item["because_overall"] == Value::Bool(true);
            if others {
                assert!(
                    because.iter().all(|q| !q.starts_with("about_")),
                    "{name}: `{id}` names a profile answer beside others: {because:?}"
                );
            }
        }
        // In the report: one reason per line; a line quoting a profile
        // question only in a list of one.
        let md = assess(&name, "markdown");
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for line in md.lines() {
            if let Some(reason) = line.strip_prefix("  - because ") {
                match groups.last_mut() {
                    Some(g) if !g.is_empty() => g.push(reason),
                    _ => groups.push(vec![reason]),
                }
            } else if line.starts_with("- ") {
                groups.push(Vec::new());
            }
        }
        for g in &groups {
            several += usize::from(g.len() > 1);
            quoting_any += g
                .iter()
                .filter(|l| prompts.iter().any(|(_, p)| l.ends_with(p.as_str())))
                .count();
            for (_, prompt) in &profile {
                let quoting = g.iter().any(|l| l.ends_with(prompt.as_str()));
                assert!(
                    !quoting || g.len() == 1,
                    "{name}: “{prompt}” quoted beside another reason: {g:#?}"
                );
            }
        }
    }
    assert!(several > 5, "lists of several reasons: {several}");
    assert!(
        quoting_any > 20,
        "reason lines quoting a prompt: {quoting_any}"
    );
}
