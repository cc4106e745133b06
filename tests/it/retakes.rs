//! A parent's retakes as the fresh-eyes parent of the third round made
//! them (issue 23, fourth round), through the real binary: a history that
//! calls a step new only when the answers first call for it, says what the
//! parent did, and gives every change the same keys.

use crate::harness::*;

/// The three results of `tests/fixtures/retakes`, six months apart.
fn three_retakes() -> Test {
    let t = Test::new();
    for (n, day) in [(1, "2024-03-04"), (2, "2024-09-05"), (3, "2025-03-10")] {
        t.again()
            .args(["assess", "--format", "json", "--taken", day])
            .arg("-o")
            .arg(format!("r{n}.json"))
            .arg("--answers")
            .arg(fixture(&format!("retakes/r{n}.yaml")))
            .success();
    }
    t
}

fn history(t: &Test, format: &str) -> Outcome {
    t.again()
        .args([
            "history", "r1.json", "r2.json", "r3.json", "--format", format,
        ])
        .success()
}

/// The ids in `h.steps[list]`, with their `taken`.
fn steps(h: &serde_json::Value, list: &str) -> Vec<(String, String)> {
    h["steps"][list]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().into(),
                s["taken"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn a_step_kept_off_the_list_by_the_cap_is_not_new_when_it_comes_on() {
    let t = three_retakes();
    let h = history(&t, "json").json();
    let open = steps(&h, "open");
    // Their answers called for these in every result: only the cap of 12
    // kept them off the first lists.
    for id in [
        "buck_gender_assumptions",
        "emotional_return",
        "choose_roles_that_fit",
        "plan_next_role",
    ] {
        assert!(
            open.contains(&(id.into(), "2024-03-04".into())),
            "{id}: {open:?}"
        );
    }
    // New: she found a sponsor only in the latest.
    assert!(
        open.contains(&("use_sponsor_now".into(), "2025-03-10".into())),
        "{open:?}"
    );
    let text = history(&t, "text").stdout();
    assert_eq!(
        text.matches("new in the latest result").count(),
        1,
        "{text}"
    );
    assert!(text.contains("open since 2024-03-04"), "{text}");
}

#[test]
fn a_step_the_parent_did_is_done_and_says_which_answer_shows_it() {
    let t = three_retakes();
    let h = history(&t, "json").json();
    let done = steps(&h, "done");
    for id in ["find_sponsor", "ask_parents_ahead"] {
        assert!(done.iter().any(|(d, _)| d == id), "{id}: {h}");
        assert!(
            !steps(&h, "replaced").iter().any(|(d, _)| d == id),
            "{id}: {h}"
        );
    }
    let sponsor = &h["steps"]["done"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "find_sponsor")
        .unwrap()["changed"][0];
    assert_eq!(sponsor["question"], "parents_sponsor", "{sponsor}");
    assert_eq!(sponsor["to"], "Yes, a sponsor", "{sponsor}");
    let text = history(&t, "text").stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let done_at = words.find("Done, or no longer needed").expect("a heading");
    let sponsor_at = words.find("Find a sponsor, not just a mentor").unwrap();
    assert!(done_at < sponsor_at, "{text}");
    assert!(words[sponsor_at..].starts_with(
        "Find a sponsor, not just a mentor you now answer \u{201c}Yes, a sponsor\u{201d} to \u{201c}Do you have a sponsor"
    ), "{text}");
}

#[test]
fn every_change_between_retakes_has_the_same_keys() {
    let t = three_retakes();
    let h = history(&t, "json").json();
    let keys =
        |c: &serde_json::Value| -> Vec<String> { c.as_object().unwrap().keys().cloned().collect() };
    let changes = h["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    // r1 → r2 moves from Sidelining risk to Mixed; r2 → r3 keeps Mixed.
    assert_ne!(changes[0]["verdict_from"], changes[0]["verdict_to"], "{h}");
    assert_eq!(changes[1]["verdict_from"], changes[1]["verdict_to"], "{h}");
    assert_eq!(changes[1]["verdict_to"], "mixed", "{h}");
    assert_eq!(keys(&changes[0]), keys(&changes[1]));
}

#[test]
fn no_step_says_you_were_passed_over_when_your_answers_say_only_remarks() {
    // The second retake: remarks about her commitment, no longer passed
    // over (that flag cleared). Every region's version of the step.
    let answers = std::fs::read_to_string(fixture("retakes/r2.yaml")).unwrap();
    assert!(answers.contains("parents_your_experience: [comments]\n"));
    for place in [
        "uk",
        "us\nabout_us_place: dc",
        "us\nabout_us_place: elsewhere",
        "canada\nabout_ca_jurisdiction: ontario",
        "canada\nabout_ca_jurisdiction: federal",
        "canada\nabout_ca_jurisdiction: quebec",
        "eu\nabout_eu_country: germany",
        "australia_nz\nabout_au_sector: au_national",
    ] {
        let r = Test::new()
            .args(["assess", "--format", "json", "--answers", "-"])
            .stdin(answers.replace("about_region: uk", &format!("about_region: {place}")))
            .success()
            .json();
        let titles: Vec<&str> = r["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap())
            .collect();
        assert!(
            titles.iter().any(|t| t.contains("treated worse")),
            "{place}: {titles:?}"
        );
        assert!(
            !titles.iter().any(|t| t.contains("passed over")),
            "{place}: {titles:?}"
        );
    }
}

#[test]
fn each_part_over_three_retakes_reads_on_a_phone() {
    let t = three_retakes();
    let html = history(&t, "html").stdout();
    // The parts table (three days and the change) keeps its columns on a
    // narrow screen: each part's name on a line, its four numbers on a line
    // under the days (not a block of five "day: score" lines a part).
    let parts = html.split("id=\"parts\"").nth(1).expect("a parts section");
    let table = parts.split("</table>").next().unwrap();
    assert!(
        table.contains("<table class=\" numbers\" style=\"--cols:4\">"),
        "{table}"
    );
    assert!(
        table.contains("<th class=\"num\" scope=\"col\">2024\u{2011}09\u{2011}05</th>"),
        "{table}"
    );
}

#[test]
fn a_history_of_one_result_calls_no_step_new() {
    let t = three_retakes();
    let out = t.again().args(["history", "r1.json"]).success().stdout();
    assert!(out.contains("Find a sponsor, not just a mentor"), "{out}");
    assert!(!out.contains("new in the latest result"), "{out}");
}
