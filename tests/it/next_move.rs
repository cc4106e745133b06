//! A parent's time and next move (issue 17), through the real binary:
//! `taken` on a result, `history` of retakes in every format, the interview
//! kit, `assess --prospective` and its report, and the bank fields behind
//! them (`interview:`, `listen_for:`).

use crate::harness::*;

const RETURNING: &str = "tests/personas/returning_after_leave_mixed.answers.yaml";
const PUSHED_OUT: &str = "tests/personas/pushed_out_after_leave.answers.yaml";
const SUPPORTIVE: &str = "tests/personas/supportive_firm_flexible_boss.answers.yaml";

/// Saves a persona's JSON result as `name`, taken on `day` (if any).
fn save(t: &Test, persona: &str, name: &str, day: Option<&str>) {
    let mut run = t.again();
    run.args(["assess", "--format", "json", "--output", name, "--answers"])
        .arg(repo(persona));
    if let Some(d) = day {
        run.args(["--taken", d]);
    }
    run.success();
}

/// Three retakes, named so that file order is not date order.
fn three_retakes() -> Test {
    let t = Test::new();
    save(&t, PUSHED_OUT, "c.json", Some("2026-01-10"));
    save(&t, RETURNING, "a.json", Some("2026-04-12"));
    save(&t, SUPPORTIVE, "b.json", Some("2026-10-03"));
    t
}

#[test]
fn a_scripted_result_is_dated_only_when_asked_and_is_otherwise_byte_identical() {
    let t = Test::new();
    let plain = t
        .again()
        .args(["assess", "--format", "json", "--answers"])
        .arg(repo(RETURNING))
        .success()
        .stdout();
    let again = t
        .again()
        .args(["assess", "--format", "json", "--answers"])
        .arg(repo(RETURNING))
        .success()
        .stdout();
    assert_eq!(plain, again);
    assert!(!plain.contains("\"taken\""), "{plain}");
    assert!(!plain.contains("settled_after"));
    let dated = t
        .again()
        .args([
            "assess",
            "--format",
            "json",
            "--taken",
            "2026-03-01",
            "--answers",
        ])
        .arg(repo(RETURNING))
        .success()
        .json();
    assert_eq!(dated["taken"], "2026-03-01");
    // Only the date differs.
    let mut undated = dated.clone();
    undated.as_object_mut().unwrap().remove("taken");
    assert_eq!(
        undated,
        serde_json::from_str::<serde_json::Value>(&plain).unwrap()
    );

    for bad in ["2026-02-30", "2026-3-1", "yesterday"] {
        t.again()
            .args(["assess", "--format", "json", "--taken", bad, "--answers"])
            .arg(repo(RETURNING))
            .code(2)
            .stderr_contains("YYYY-MM-DD");
    }
}

#[test]
fn history_json_orders_by_day_and_gives_each_change_as_later_minus_earlier() {
    let t = three_retakes();
    let h = t
        .again()
        .args(["history", "a.json", "b.json", "c.json", "--format", "json"])
        .success()
        .json();
    let files: Vec<&str> = h["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["c.json", "a.json", "b.json"],
        "oldest first by `taken`"
    );
    let results = h["results"].as_array().unwrap();
    for r in results {
        for key in ["file", "taken", "verdict", "score", "dimensions"] {
            assert!(r.get(key).is_some(), "{key} in {r}");
        }
        assert!(r["dimensions"].is_object());
    }
    assert_eq!(results[0]["verdict"], "sidelined");
    assert_eq!(results[2]["verdict"], "positive");
    let changes = h["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    for (i, c) in changes.iter().enumerate() {
        let (from, to) = (&results[i], &results[i + 1]);
        assert_eq!(c["from"], from["file"]);
        assert_eq!(c["to"], to["file"]);
        let d = to["score"].as_f64().unwrap() - from["score"].as_f64().unwrap();
        assert!((c["overall"].as_f64().unwrap() - d).abs() < 0.051, "{c}");
        for (id, delta) in c["dimensions"].as_object().unwrap() {
            if let (Some(a), Some(b)) = (
                from["dimensions"][id].as_f64(),
                to["dimensions"][id].as_f64(),
            ) {
                assert!(
                    (delta.as_f64().unwrap() - (b - a)).abs() < 0.051,
                    "{id}: {c}"
                );
            }
        }
        // Raised: in `to`'s flags, not in `from`'s; cleared: the reverse.
        let flags = |r: &serde_json::Value| -> Vec<String> {
            r["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect()
        };
        for f in c["flags_raised"].as_array().unwrap() {
            let f = f.as_str().unwrap().to_string();
            assert!(flags(to).contains(&f) && !flags(from).contains(&f), "{f}");
        }
        for f in c["flags_cleared"].as_array().unwrap() {
            let f = f.as_str().unwrap().to_string();
            assert!(!flags(to).contains(&f) && flags(from).contains(&f), "{f}");
        }
    }
    assert!(!changes[0]["flags_cleared"].as_array().unwrap().is_empty());
    // Steps the first result listed that the latest does not: done.
    assert!(!h["steps"]["done"].as_array().unwrap().is_empty());
    assert!(!h["steps"]["open"].as_array().unwrap().is_empty());
    // A retake suggestion six months after the latest.
    assert!(
        h["retake"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["when"] == "2027-04-03"),
        "{}",
        h["retake"]
    );
}

#[test]
fn history_reads_as_text_markdown_and_html() {
    let t = three_retakes();
    let text = t
        .again()
        .args(["history", "a.json", "b.json", "c.json"])
        .success()
        .stdout();
    assert!(
        text.contains("3 results, from 2026-01-10 to 2026-10-03"),
        "{text}"
    );
    assert!(text.contains("Trend"), "{text}");
    assert!(text.contains("21.2 → 52.1 → 89.5"), "{text}");
    assert!(
        text.contains("from Sidelining risk to Mixed track"),
        "{text}"
    );
    assert!(text.contains("Done, or no longer needed"), "{text}");
    assert!(text.contains("Still open"), "{text}");
    assert!(text.contains("When you get a new manager"), "{text}");
    let md = t
        .again()
        .args([
            "history", "a.json", "b.json", "c.json", "--format", "markdown",
        ])
        .success()
        .stdout();
    assert!(md.starts_with("# How things moved"), "{md}");
    assert!(md.contains("| 2026-04-12 | **Mixed track** |"), "{md}");
    t.again()
        .args([
            "history", "a.json", "b.json", "c.json", "--format", "html", "-o", "h.html",
        ])
        .success();
    let html = t.read("h.html");
    assert!(html.contains("<figure class=\"trend\">"), "{html}");
    assert!(html.contains("<svg viewBox=\"0 0 100 100\""));
    assert!(html.contains("prefers-color-scheme: dark"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script"));
}

#[test]
fn history_reads_the_state_folder_and_says_when_it_is_empty() {
    let t = Test::new();
    t.again()
        .arg("history")
        .code(66)
        .stderr_contains("no saved results in")
        .stderr_contains("mommytrack history old.json new.json");
    // Results saved by sessions, by name; one taken before `taken` existed
    // is dated from its name; the draft is not a result.
    save(&t, PUSHED_OUT, "state/result-2026-01-05-101500.json", None);
    save(
        &t,
        RETURNING,
        "state/result-2026-06-01-090000.json",
        Some("2026-06-01"),
    );
    std::fs::write(t.state().join("draft.json"), "{}").unwrap();
    let h = t
        .again()
        .args(["history", "--format", "json"])
        .success()
        .json();
    assert_eq!(h["results"][0]["taken"], "2026-01-05");
    assert_eq!(h["results"][1]["taken"], "2026-06-01");
    assert_eq!(h["changes"].as_array().unwrap().len(), 1);
}

#[test]
fn history_refuses_results_of_another_bank_and_leaves_prospective_ones_out() {
    let mut t = Test::new();
    t.mini();
    save(&t, RETURNING, "mine.json", Some("2026-01-01"));
    t.again()
        .args([
            "assess",
            "--bank",
            MINI,
            "--format",
            "json",
            "-o",
            "other.json",
            "--answers",
        ])
        .arg(fixture("answers/mini_a1.yaml"))
        .success();
    t.again()
        .args(["history", "mine.json", "other.json"])
        .code(65)
        .stderr_contains("a history follows one bank");
    t.again()
        .args([
            "assess",
            "--prospective",
            "--format",
            "json",
            "-o",
            "p.json",
            "--answers",
            "-",
        ])
        .stdin("culture_leaders_signals: visible\n")
        .success();
    let h = t
        .again()
        .args(["history", "mine.json", "p.json", "--format", "json"])
        .success()
        .json();
    assert_eq!(h["results"].as_array().unwrap().len(), 1);
    assert_eq!(h["left_out"][0], "p.json");
}

#[test]
fn the_interview_kit_lists_at_least_twenty_questions_by_part_in_every_format() {
    let t = Test::new();
    let text = t.again().arg("interview").success().stdout();
    // Lines are wrapped to the width: read the words.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "Your field and your employer",
        "How working parents fare here",
        "Your manager",
        "Flexibility in practice",
        "What you cannot ask, and how to find out",
        "Talk to parents who work there.",
        "Look at who is promoted.",
        "vote with your feet",
    ] {
        assert!(words.contains(part), "{part}: {text}");
    }
    let asks = text.matches("Good sign:").count();
    assert!(asks >= 20, "{asks} questions with what to listen for");
    assert_eq!(asks, text.matches("Worrying sign:").count());
    let md = t
        .again()
        .args(["interview", "--format", "markdown"])
        .success()
        .stdout();
    assert!(md.contains("## Your manager"), "{md}");
    assert!(md.contains("   - Good sign:"), "{md}");
    t.again()
        .args(["interview", "--format", "html", "--output", "kit.html"])
        .success();
    let html = t.read("kit.html");
    assert!(
        html.contains("<h2>What you cannot ask, and how to find out</h2>"),
        "{html}"
    );
    // JSON is not a kit format.
    t.again().args(["interview", "--format", "json"]).code(2);
}

#[test]
fn a_bank_without_interview_lines_has_an_empty_kit_that_says_how_to_make_one() {
    let mut t = Test::new();
    t.mini();
    t.again()
        .args(["interview", "--bank", MINI])
        .success()
        .stdout_contains("no interview questions");
}

#[test]
fn a_prospective_assessment_asks_only_interview_questions_and_says_what_to_ask_next() {
    let t = Test::new();
    let run = t
        .again()
        .args([
            "assess",
            "--prospective",
            "--format",
            "json",
            "--answers",
            "-",
        ])
        .stdin(
            "culture_leaders_signals: visible\nparents_promoted: often\nhas_manager: true\n\
             mgr_stance: flexible\nculture_policy_vs_practice: null\n\
             home_split: balanced\n",
        )
        .success();
    // An answer to a question outside the kit is not used, with a warning.
    assert!(
        run.stderr().contains("(--prospective) does not ask"),
        "{}",
        run.stderr()
    );
    let r = run.json();
    assert_eq!(r["mode"], "prospective");
    assert!(r.get("taken").is_none());
    assert!(r["next_steps"].as_array().unwrap().is_empty());
    assert!(r["levers"].as_array().unwrap().is_empty());
    let unknown = r["to_find_out"].as_array().unwrap();
    assert!(unknown.len() >= 10, "{unknown:?}");
    assert!(
        unknown
            .iter()
            .any(|f| f["question"] == "culture_policy_vs_practice"),
        "\"don't know yet\" (null) is still to find out"
    );
    assert!(unknown.iter().all(|f| f["interview"].is_string()));
    // The questions others wait on come first, then by what they could move.
    let opens: Vec<bool> = unknown
        .iter()
        .map(|f| f["opens_more"].as_bool().unwrap_or(false))
        .collect();
    assert!(opens.windows(2).all(|w| w[0] >= w[1]), "{opens:?}");
    // Only kit questions were asked.
    for d in r["dimensions"].as_array().unwrap() {
        for q in d["questions"].as_array().unwrap() {
            assert!(q["id"] != "home_split", "{q}");
        }
    }
    std::fs::write(t.path().join("p.json"), run.stdout()).unwrap();
    let report = t.again().args(["report", "p.json"]).success().stdout();
    assert!(
        report.contains("Still unknown: what to ask next"),
        "{report}"
    );
    assert!(report.contains("not your current job"), "{report}");
    assert!(report.contains("Good sign:"), "{report}");
    assert!(!report.contains("Start here"), "{report}");
}

#[test]
fn compare_puts_a_current_and_a_prospective_result_side_by_side() {
    let t = Test::new();
    save(&t, RETURNING, "current.json", None);
    t.again()
        .args([
            "assess",
            "--prospective",
            "--format",
            "json",
            "-o",
            "prospective.json",
            "--answers",
            "-",
        ])
        .stdin(
            "culture_leaders_signals: visible\nparents_promoted: often\nhas_manager: true\n\
             mgr_stance: flexible\nmgr_results: 5\nflex_remote_normal: everyone\n",
        )
        .success();
    let c = t
        .again()
        .args([
            "compare",
            "current.json",
            "prospective.json",
            "--format",
            "json",
        ])
        .success()
        .json();
    assert_eq!(c["b"]["mode"], "prospective", "{c}");
    let text = t
        .again()
        .args(["compare", "current.json", "prospective.json"])
        .success()
        .stdout();
    assert!(text.contains("Your manager"), "{text}");
}

#[test]
fn interview_fields_are_checked_like_every_other_field() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "    interview: \"   \"\n",
            "`interview` is empty",
            "has_manager",
        ),
        (
            "    listen_for: { good: \"Yes\" }\n",
            "`listen_for` needs `interview`",
            "has_manager",
        ),
        (
            "    interview: \"Ask.\"\n    listen_for: { good: \"Yes\", bad: \"No\" }\n",
            "unknown field `bad` in a listen_for",
            "10_boss.yaml:9",
        ),
        (
            "    interview: \"Ask.\"\n    listen_for: {}\n",
            "says nothing to listen for",
            "has_manager",
        ),
    ];
    for (add, message, place) in cases {
        let mut t = Test::new();
        t.mini_with(&[(
            "10_boss.yaml",
            "    prompt: \"Do you have a manager?\"\n",
            &format!("    prompt: \"Do you have a manager?\"\n{add}"),
        )]);
        t.again()
            .args(["validate", MINI])
            .code(65)
            .stderr_contains(message)
            .stderr_contains(place);
    }
    let mut t = Test::new();
    t.mini_with(&[(
        "10_boss.yaml",
        "    prompt: \"Do you have a manager?\"\n",
        "    prompt: \"Do you have a manager?\"\n    interview: \"Ask who you would report to.\"\n    listen_for:\n      good: \"A name.\"\n      worrying: \"Not decided.\"\n",
    )]);
    t.again().args(["validate", MINI]).success();
    let kit = t
        .again()
        .args(["interview", "--bank", MINI])
        .success()
        .stdout();
    assert!(kit.contains("Ask who you would report to."), "{kit}");
    assert!(kit.contains("Worrying sign: Not decided."), "{kit}");
}

#[test]
fn the_set_schema_documents_the_interview_fields() {
    let s = mt().args(["schema", "set"]).success().stdout();
    assert!(s.contains("\"interview\""), "{s}");
    assert!(s.contains("\"listen_for\""));
    assert!(s.contains("\"worrying\""));
}
