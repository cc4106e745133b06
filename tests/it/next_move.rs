//! A parent's time and next move (issue 17), through the real binary:
//! `taken` on a result, `history` of retakes in every format, the interview
//! kit, `assess --prospective` and its report, and the bank fields behind
//! them (`interview:`, `listen_for:`).

use crate::harness::*;

const RETURNING: &str = "tests/personas/returning_after_leave_mixed.answers.yaml";
const PUSHED_OUT: &str = "tests/personas/pushed_out_after_leave.answers.yaml";
const SUPPORTIVE: &str = "tests/personas/supportive_firm_flexible_boss.answers.yaml";
const LAWYER: &str = "tests/personas/lawyer_billable_hours.answers.yaml";
const UK_RETURNER: &str = "tests/personas/uk_returner_pushed_aside.answers.yaml";
const NO_CHILDCARE: &str = "tests/personas/strong_workplace_no_childcare.answers.yaml";

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
    assert!(text.contains("2026-04-12  █████████████ "), "{text}");
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
    prospective(&t, "p.json", "culture_leaders_signals: visible\n");
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
    let run = prospective_json(
        &t,
        "culture_leaders_signals: visible\nparents_promoted: often\nhas_manager: true\n\
         mgr_stance: flexible\nculture_policy_vs_practice: null\nhome_split: balanced\n",
    );
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
    prospective(
        &t,
        "prospective.json",
        "culture_leaders_signals: visible\nparents_promoted: often\nhas_manager: true\n\
         mgr_stance: flexible\nmgr_results: 5\nflex_remote_normal: everyone\n",
    );
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

/// A question's `prospective:` wording is checked like every other field:
/// it needs `interview:` and a prompt, and names only options and scale
/// points the question has.
#[test]
fn prospective_wording_is_checked_like_every_other_field() {
    let early = "    prompt: \"What happens when you leave early for a child's appointment?\"\n";
    let scale = "    prompt: \"My manager understands family demands.\"\n";
    let kit = "    interview: \"Ask.\"\n";
    let cases: [(&str, String, &str, &str); 6] = [
        (
            early,
            "    prospective: { prompt: \"There?\" }\n".into(),
            "`prospective` needs `interview`",
            "boss_early_leave",
        ),
        (
            early,
            format!("{kit}    prospective: {{ help: \"Ask a parent.\" }}\n"),
            "`prospective` has no `prompt`",
            "boss_early_leave",
        ),
        (
            early,
            format!(
                "{kit}    prospective: {{ prompt: \"There?\", options: {{ explained: \"They explain\" }} }}\n"
            ),
            "names `explained`, which is not an option of this question",
            "did you mean `explain`?",
        ),
        (
            early,
            format!("{kit}    prospective: {{ prompt: \"There?\", wording: \"x\" }}\n"),
            "unknown field `wording` in a prospective",
            "10_boss.yaml:12",
        ),
        (
            scale,
            format!("{kit}    prospective: {{ prompt: \"There?\", labels: [\"No\", \"Yes\"] }}\n"),
            "`prospective.labels` has 2 labels, but the scale has 5",
            "boss_understands",
        ),
        (
            early,
            format!("{kit}    prospective: {{ prompt: \"There?\", labels: [\"No\", \"Yes\"] }}\n"),
            "`prospective.labels` does not apply to a choice question",
            "boss_early_leave",
        ),
    ];
    for (anchor, add, message, place) in cases {
        let mut t = Test::new();
        t.mini_with(&[("10_boss.yaml", anchor, &format!("{anchor}{add}"))]);
        t.again()
            .args(["validate", MINI])
            .code(65)
            .stderr_contains(message)
            .stderr_contains(place);
    }
    let mut t = Test::new();
    t.mini_with(&[(
        "10_boss.yaml",
        early,
        &format!("{early}{kit}    prospective:\n      prompt: \"There, what happens when someone leaves early?\"\n      options: {{ explain: \"They have to explain\" }}\n"),
    )]);
    t.again().args(["validate", MINI]).success();
}

/// `personal` marks a fact about the person: an unscored question outside
/// the interview kit.
#[test]
fn personal_marks_only_unscored_facts_outside_the_kit() {
    let early = "    prompt: \"What happens when you leave early for a child's appointment?\"\n";
    let manager = "    prompt: \"Do you have a manager?\"\n";
    for (anchor, add, message) in [
        (
            early,
            "    personal: true\n",
            "but `boss_early_leave` is scored",
        ),
        (
            manager,
            "    personal: true\n    interview: \"Ask.\"\n",
            "but `has_manager` is in the interview kit",
        ),
    ] {
        let mut t = Test::new();
        t.mini_with(&[("10_boss.yaml", anchor, &format!("{anchor}{add}"))]);
        t.again()
            .args(["validate", MINI])
            .code(65)
            .stderr_contains("`personal` marks a fact about you")
            .stderr_contains(message);
    }
    let mut t = Test::new();
    t.mini_with(&[(
        "10_boss.yaml",
        manager,
        &format!("{manager}    personal: true\n"),
    )]);
    t.again().args(["validate", MINI]).success();
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
    // A fact about the job that decides which questions apply (shifts or
    // not) may be in the kit, though it counts in no score.
    let mut t = Test::new();
    t.mini().file(
        "mini/05_about.yaml",
        "id: about\ntitle: About you\nquestions:\n  - id: about_pattern\n    kind: yesno\n    prompt: \"Do you work shifts?\"\n    interview: \"Ask whether the job is on shifts.\"\n",
    );
    t.again().args(["validate", MINI]).success();
    let mut t = Test::new();
    let asked = "    prompt: \"What happens when you leave early for a child's appointment?\"\n";
    t.mini_with(&[(
        "10_boss.yaml",
        asked,
        &format!("{asked}    interview: \"Ask who you would report to.\"\n    listen_for:\n      good: \"A name.\"\n      worrying: \"Not decided.\"\n"),
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

#[test]
fn the_prospective_template_lists_the_kit_with_null_as_dont_know_yet() {
    let t = Test::new();
    let out = t
        .again()
        .args(["template", "--prospective"])
        .success()
        .stdout();
    assert!(
        out.contains("mommytrack assess --prospective --answers"),
        "{out}"
    );
    assert!(out.contains("(\"don't know yet\")"), "{out}");
    assert!(!out.contains("prefer not to say"), "{out}");
    assert!(!out.contains("home_split:"), "only kit questions: {out}");
    // As it is, it is a valid prospective answers file: everything unknown.
    std::fs::write(t.path().join("employer.yaml"), &out).unwrap();
    let r = t
        .again()
        .args([
            "assess",
            "--prospective",
            "-a",
            "employer.yaml",
            "--format",
            "json",
        ])
        .success()
        .json();
    assert!(!r["to_find_out"].as_array().unwrap().is_empty(), "{r}");
}

/// The length of a trend bar in eighths of a cell.
fn eighths(bar: &str) -> usize {
    bar.chars()
        .map(|c| match c {
            '█' => 8,
            '▉'..='▏' => 7 - (c as usize - '▉' as usize),
            _ => 0,
        })
        .sum()
}

/// The trend's rows in a history: (day, bar length in eighths, score).
fn trend_rows(out: &str) -> Vec<(String, usize, f64)> {
    out.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (day, rest) = l.split_once("  ")?;
            mommytrack_engine::date::Date::parse(day).ok()?;
            let (bar, score) = rest.trim_end().rsplit_once(' ')?;
            Some((day.to_string(), eighths(bar), score.parse().ok()?))
        })
        .collect()
}

#[test]
fn history_trend_bars_are_as_long_as_the_score_so_a_small_rise_shows() {
    let t = Test::new();
    save(&t, RETURNING, "before.json", Some("2026-01-10"));
    save(&t, LAWYER, "after.json", Some("2026-07-10"));
    for format in ["text", "markdown"] {
        let out = t
            .again()
            .args(["history", "before.json", "after.json", "--format", format])
            .success()
            .stdout();
        let rows = trend_rows(&out);
        assert_eq!(rows.len(), 2, "{out}");
        let (a, b) = (&rows[0], &rows[1]);
        assert!(
            b.2 - a.2 > 8.0 && b.2 - a.2 < 10.0,
            "a rise of about 9: {rows:?}"
        );
        for (_, len, score) in &rows {
            // 25 cells of eighths: half a point an eighth, on 0–100.
            assert!((*len as f64 - score * 2.0).abs() <= 1.0, "{rows:?}\n{out}");
        }
        assert!(b.1 >= a.1 + 16, "the rise shows: {rows:?}\n{out}");
    }
}

/// Three retakes whose first and last verdicts are held down by a flag.
fn capped_retakes() -> Test {
    let t = Test::new();
    save(&t, UK_RETURNER, "1.json", Some("2026-01-10"));
    save(&t, RETURNING, "2.json", Some("2026-04-12"));
    save(&t, NO_CHILDCARE, "3.json", Some("2026-10-03"));
    t
}

#[test]
fn history_says_why_a_verdict_is_capped_in_every_format() {
    let t = capped_retakes();
    let h = t
        .again()
        .args(["history", "1.json", "2.json", "3.json", "--format", "json"])
        .success()
        .json();
    let why: Vec<&serde_json::Value> = h["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["cap_reason"])
        .collect();
    assert!(
        why[0]
            .as_str()
            .unwrap()
            .contains("holds it at Sidelining risk"),
        "{h}"
    );
    assert!(why[1].is_null(), "{h}");
    assert!(
        why[2]
            .as_str()
            .unwrap()
            .contains("No reliable, affordable childcare"),
        "{h}"
    );
    for format in ["text", "markdown", "html"] {
        let out = t
            .again()
            .args(["history", "1.json", "2.json", "3.json", "--format", format])
            .success()
            .stdout();
        assert_eq!(
            out.matches("alone would give").count(),
            2,
            "{format}: {out}"
        );
        assert!(
            out.contains("Why a verdict is lower than its score"),
            "{out}"
        );
    }
}

#[test]
fn history_html_keeps_every_item_of_a_marked_list_in_its_text_column() {
    // At 412 px a list with marks is a grid of a narrow mark column and a
    // wide text column: an item without a mark must still have its mark
    // cell, or its text falls into the narrow column, a letter a line.
    let t = capped_retakes();
    let html = t
        .again()
        .args(["history", "1.json", "2.json", "3.json", "--format", "html"])
        .success()
        .stdout();
    let mut lists = 0;
    for list in html.split("<ul class=\"flags\">").skip(1) {
        let list = &list[..list.find("</ul>").unwrap()];
        lists += 1;
        for item in list.split("<li>").skip(1) {
            assert!(item.starts_with("<span class=\"mark"), "{item}");
        }
    }
    assert!(
        lists >= 1,
        "a retake with a flag raised has a marked list: {html}"
    );
    assert!(
        html.contains("<span class=\"mark\" aria-hidden=\"true\">•</span><div>Your"),
        "{html}"
    );
}

#[test]
fn the_kit_asks_only_about_the_workplace_and_a_prospective_run_asks_only_the_kit() {
    let t = Test::new();
    let kit = t.again().arg("interview").success().stdout();
    let words = kit.split_whitespace().collect::<Vec<_>>().join(" ");
    for about_you in [
        "“How do you work?”",
        "“Do you work part-time",
        "“Do you report to",
    ] {
        assert!(!words.contains(about_you), "{about_you}: {kit}");
    }
    assert!(
        words.contains("Meet the person you would report to."),
        "{kit}"
    );
    // The kit opens on how the work would be done in that job: a fact
    // about the job that decides which questions fit it.
    let first = kit
        .find("How the work would be done")
        .expect("the first part");
    assert!(
        first < kit.find("Your field and your employer").unwrap(),
        "{kit}"
    );
    assert!(!kit.contains("About you"), "{kit}");
    assert!(
        words.contains("“How would the work be done in this job?”"),
        "{kit}"
    );
    // The double standard is asked about from both sides.
    assert!(
        words.contains("whether fathers take their full parental leave")
            && words.contains("whether mothers who work part-time"),
        "{kit}"
    );
    // A prospective assessment asks only the kit (docs/reports.md, "The interview kit") and the
    // facts about you (`personal`), which are read from the answers given,
    // under their own conditions, and untold count as skipped; a known kit
    // answer still rules one out.
    let asked = |stdin: &str| -> Vec<String> {
        let r = prospective_json(&t, stdin).json();
        r["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["questions"].as_array().unwrap())
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect()
    };
    let kit: Vec<String> = t
        .again()
        .args(["template", "--prospective"])
        .success()
        .stdout()
        .lines()
        .filter_map(|l| l.strip_suffix(": null").map(str::to_string))
        .collect();
    // An employer is scored on what it gives, not on the family's own help.
    let template = t
        .again()
        .args(["template", "--prospective"])
        .success()
        .stdout();
    assert!(!template.contains("another adult"), "{template}");
    let has = |ids: &[String], id: &str| ids.iter().any(|a| a == id);
    let office = asked("about_work_pattern: office\nmgr_stance: middle\n");
    for id in [
        "about_work_pattern",
        "about_job_shape",
        "flex_remote_normal",
        "mgr_stance",
        "mgr_transfer",
        "trade_people_ahead",
    ] {
        assert!(has(&office, id), "{id}: {office:?}");
    }
    assert!(
        office.iter().all(|id| kit.contains(id)),
        "{office:?} beyond {kit:?}"
    );
    // Not about rotas for an office job, not about expressing milk, part-time
    // or staying at one level for someone who did not say these apply.
    for id in [
        "flex_shift_pattern",
        "str_lactation",
        "flex_pt_view",
        "trade_level_fit",
    ] {
        assert!(!has(&office, id), "{id}: {office:?}");
    }
    let shifts = asked("about_work_pattern: shifts\n");
    assert!(
        has(&shifts, "flex_shift_pattern") && !has(&shifts, "flex_remote_normal"),
        "{shifts:?}"
    );
    assert!(!has(&asked("mgr_stance: flexible\n"), "mgr_transfer"));
    // Said to apply, in the answers given: then asked.
    let told = asked(
        "kids_ages: [baby]\nstr_breastfeeding: planning\nflex_pt_interest: considering\nabout_career_intent: steady\n",
    );
    for id in ["str_lactation", "flex_pt_view", "trade_level_fit"] {
        assert!(has(&told, id), "{id}: {told:?}");
    }
    // A fact about you is used without a warning, a scored answer about
    // your own job or home is not used.
    t.again()
        .args(["assess", "--prospective", "--answers", "-"])
        .stdin("kids_ages: [baby]\nstr_breastfeeding: not_applicable\nmgr_stance: middle\n")
        .success()
        .stderr_is("");
    t.again()
        .args(["assess", "--prospective", "--answers", "-"])
        .stdin("home_split: mostly_me\nmgr_stance: middle\n")
        .success()
        .stderr_contains("not used");
}

/// The built-in kit's numbered lines (Markdown), in lower case: at least 20.
fn kit_asks() -> Vec<String> {
    let md = Test::new()
        .args(["interview", "--format", "markdown"])
        .success()
        .stdout();
    let asks: Vec<String> = (md.lines())
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            n.parse::<usize>().ok()?;
            Some(rest.to_lowercase())
        })
        .collect();
    assert!(asks.len() >= 20, "{md}");
    asks
}

#[test]
fn the_kit_names_whom_to_ask_where_asking_an_interviewer_would_disclose_a_family() {
    // Words that, asked of an interviewer, say you have or plan children.
    const FAMILY: [&str; 9] = [
        "child",
        "parent",
        "family",
        "school",
        "pregnan",
        "maternity",
        "paternity",
        "father",
        "mother",
    ];
    // Whom to ask instead, or when.
    const WHOM: [&str; 9] = [
        "someone who works there",
        "a parent who works there",
        "a parent there",
        "an employee",
        "someone in the team",
        "someone who works part-time there",
        "a part-timer there",
        "after an offer",
        "someone on the rota",
    ];
    let asks = kit_asks();
    let mut named = 0;
    for ask in &asks {
        if FAMILY.iter().any(|w| ask.contains(w)) {
            assert!(
                WHOM.iter().any(|w| ask.contains(w)),
                "asked of an interviewer, this tells them about your family; name whom to ask: {ask}"
            );
            named += 1;
        }
    }
    assert!(named >= 8, "{named} of {}", asks.len());
}

/// A parent with nobody to ask cannot use "ask what happened to…": every
/// kit line says whom to ask (the interviewer, someone in the team, HR
/// after an offer) or where to look (the advert, the careers site, the
/// handbook). And every kit question of the built-in bank reads about the
/// employer being considered in `assess --prospective`, not about "your"
/// job now.
#[test]
fn every_kit_line_says_whom_to_ask_or_where_to_look_and_reads_about_the_new_employer() {
    const WHO_OR_WHERE: [&str; 9] = [
        "ask the ",
        "ask someone",
        "ask a ",
        "ask an ",
        "ask hr",
        "ask one of them",
        "look ",
        "read ",
        "after an offer",
    ];
    let asks = kit_asks();
    for ask in &asks {
        assert!(
            WHO_OR_WHERE.iter().any(|w| ask.contains(w)),
            "say whom to ask or where to look: {ask}"
        );
    }
    let bank = crate::sheets::builtin();
    for q in bank.questions.iter().filter(|q| q.interview.is_some()) {
        let worded = q.worded(true);
        assert!(
            q.prospective.is_some() && worded.prompt != q.prompt,
            "{}: a kit question needs `prospective:` wording",
            q.id
        );
        let mut words = vec![worded.prompt.clone()];
        words.extend(worded.kind.options().iter().map(|o| o.label.clone()));
        for w in words {
            let w = format!(
                " {} ",
                w.to_lowercase().replace([',', ':', '?', '.', ';'], " ")
            );
            for bad in [
                " your workplace ",
                " your employer ",
                " your manager ",
                " i take part ",
                " here ",
            ] {
                assert!(!w.contains(bad), "{}: reads about the job now: {w}", q.id);
            }
        }
    }
}

/// The answers of a saved result to the questions of the interview kit.
fn kit_answers(t: &Test, result: &str) -> serde_json::Map<String, serde_json::Value> {
    let template = t
        .again()
        .args(["template", "--prospective"])
        .success()
        .stdout();
    let kit: Vec<&str> = template
        .lines()
        .filter_map(|l| l.strip_suffix(": null"))
        .collect();
    let r = t.read_json(result);
    r["answers"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(id, _)| kit.contains(&id.as_str()))
        .map(|(id, v)| (id.clone(), v.clone()))
        .collect()
}

#[test]
fn compare_weighs_a_current_and_a_prospective_job_only_on_what_both_answered() {
    let t = Test::new();
    save(&t, RETURNING, "current.json", None);
    let mut same = kit_answers(&t, "current.json");
    // What is not known yet about the new place.
    for id in [
        "culture_policy_vs_practice",
        "parents_promoted",
        "flex_remote_normal",
    ] {
        same.insert(id.to_string(), serde_json::Value::Null);
    }
    let prospective = |answers: &serde_json::Map<String, serde_json::Value>, name: &str| {
        prospective(&t, name, &serde_json::to_string(answers).unwrap());
    };
    prospective(&same, "same.json");
    let c = t
        .again()
        .args(["compare", "current.json", "same.json", "--format", "json"])
        .success()
        .json();
    // The same answers: no difference at all, though the current result
    // also answers questions the prospective one never asks.
    assert_eq!(c["questions"], serde_json::json!([]), "{c}");
    assert_eq!(c["overall"]["difference"], 0.0, "{c}");
    for d in c["dimensions"].as_array().unwrap() {
        assert!(d["difference"].is_null() || d["difference"] == 0.0, "{d}");
        assert!(d["both_answered"].is_u64(), "{d}");
    }
    let unknown: Vec<&str> = c["b"]["to_find_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["question"].as_str().unwrap())
        .collect();
    assert!(unknown.contains(&"parents_promoted"), "{unknown:?}");
    let run = t
        .again()
        .args(["compare", "current.json", "same.json"])
        .success();
    assert!(!run.stderr().contains("not answered"), "{}", run.stderr());
    let text = run.stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("No differences: every score, answer and flag is the same."),
        "{text}"
    );
    assert!(!words.contains("not answered"), "{text}");
    assert!(!words.contains("Each of you"), "{text}");
    assert!(words.contains("an employer you are considering"), "{text}");
    assert!(
        !words.contains("(0 questions)"),
        "a part nothing is known of says nothing: {text}"
    );
    let first = words
        .find("Still to find out about same.json")
        .expect("listed");
    assert!(
        first < words.find("Scores").unwrap(),
        "unknowns first: {text}"
    );

    // One answer differs: that question, and its part, are the difference.
    let mut better = same.clone();
    better.insert("mgr_results".into(), serde_json::json!(5));
    assert_ne!(same.get("mgr_results"), better.get("mgr_results"));
    prospective(&better, "better.json");
    for format in ["json", "markdown", "html"] {
        let out = t
            .again()
            .args(["compare", "current.json", "better.json", "--format", format])
            .success()
            .stdout();
        if format == "json" {
            let c: serde_json::Value = serde_json::from_str(&out).unwrap();
            let ids: Vec<&str> = c["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, ["mgr_results"], "{c}");
            for d in c["dimensions"].as_array().unwrap() {
                let moved = d["difference"].as_f64().is_some_and(|x| x != 0.0);
                assert_eq!(moved, d["id"] == "manager", "{d}");
            }
        } else {
            assert!(out.contains("Still to find out about better.json"), "{out}");
            assert!(!out.contains("not answered"), "{out}");
        }
    }
    // Two employers being considered: the same reading.
    let two = t
        .again()
        .args(["compare", "same.json", "better.json"])
        .success()
        .stdout();
    let two = two.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        two.contains("are about employers you are considering"),
        "{two}"
    );
    assert!(two.contains("Still to find out about same.json"), "{two}");
}

/// `interview --from RESULT` fits the kit to the parent: the questions
/// their facts (family, hours, how they work) rule out are left out, the
/// facts used are named, and the plain kit stays whole.
#[test]
fn the_kit_fits_the_parent_a_result_describes() {
    const PART_TIME: &str = "how are people who work part-time seen?";
    const STAY: &str = "can someone stay at their level";
    const AIM: &str = "the roles you would aim for";
    const SHIFTS: &str = "plan family life around the shifts in this job?";
    const HOME: &str = "to work from home on some days?";
    const MILK: &str = "a suitable private space to express milk?";
    const ONLY_PARENT: &str = "If you are the only parent at home";
    const START_PART_TIME: &str =
        "If you work part-time: ask whether the job can start at your hours";
    const ON_THE_WAY: &str = "If a child is on the way";
    const ADOPTING: &str = "If you are adopting or fostering";
    const APPOINTMENTS: &str = "ask how regular appointments and carer's leave are handled";
    const PAID_LEAVE: &str = "ask HR for the parental leave policy in writing";
    // The same notes in a fitted kit, which may be seen in the interview
    // room: what to do, not whom it is for (review K).
    const COVER: &str = "Ask how the team covers a sudden absence";
    const AT_YOUR_HOURS: &str = "Ask whether the job can start at your hours";
    const NEW_STARTER: &str = "Find out what leave you would get as a new starter";
    const REGULAR: &str = "Ask how regular appointments and carer's leave are handled";
    let words = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = Test::new();
    let whole = words(t.again().arg("interview").success().stdout());
    for q in [PART_TIME, STAY, AIM, SHIFTS, HOME, PAID_LEAVE] {
        assert!(whole.contains(q), "{q}: {whole}");
    }
    // The plain kit lists every note for some families.
    assert!(whole.contains("If it applies to you"), "{whole}");
    for note in [
        ONLY_PARENT,
        START_PART_TIME,
        ON_THE_WAY,
        ADOPTING,
        APPOINTMENTS,
    ] {
        assert!(whole.contains(note), "{note}: {whole}");
    }
    let count = |kit: &str| -> usize {
        kit.split(" questions in ")
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let result = |name: &str, answers: &str| {
        t.again()
            .args([
                "assess",
                "--answers",
                "-",
                "--format",
                "json",
                "--output",
                name,
            ])
            .stdin(answers)
            .success();
    };
    // A single mother on shifts, part-time, staying at her level, her
    // children at school, one with additional needs.
    result(
        "her.json",
        "about_parent_route: gave_birth\nabout_household: solo\nabout_work_pattern: shifts\n\
         about_career_intent: steady\nflex_pt_interest: already\n\
         kids_ages: [school, additional_needs]\n",
    );
    // A father in an office job whose partner is expecting.
    result(
        "his.json",
        "about_parent_route: partner_gave_birth\nabout_household: two_parents\n\
         about_work_pattern: office\nabout_career_intent: advance\nkids_ages: [expecting]\n",
    );
    // Her prospective result about a hospital (shifts): that job's own
    // answers fit the kit too.
    prospective(
        &t,
        "hospital.json",
        "about_parent_route: gave_birth\nabout_household: solo\nabout_work_pattern: shifts\n\
         about_career_intent: steady\nflex_pt_interest: already\nkids_ages: [school]\n",
    );
    for format in ["text", "markdown", "html"] {
        let kit = |from: &str| {
            words(
                t.again()
                    .args(["interview", "--from", from, "--format", format])
                    .success()
                    .stdout(),
            )
        };
        let her = kit("her.json");
        assert!(
            her.contains("Fitted to the answers in her.json"),
            "{format}: {her}"
        );
        // Nothing about the family: the kit may go into the interview room.
        let his = kit("his.json");
        let hospital = kit("hospital.json");
        // Nothing about the family, not even in the notes' titles.
        for fitted in [&her, &his, &hospital] {
            for fact in [
                "On my own",
                "Five to twelve",
                "I gave birth",
                "part-time or reduced hours",
                "If you",
                "If a child",
                "only parent",
                "nobody at home",
                "your leave",
                "disability",
                "additional needs",
            ] {
                assert!(!fitted.contains(fact), "{format}: {fact}: {fitted}");
            }
        }
        // From a result about her job now, how the work is done there says
        // nothing of the next job: those lines stay (review K2); from one
        // about a hospital on shifts, they fit that job.
        for q in [PART_TIME, STAY, SHIFTS, HOME] {
            assert!(her.contains(q), "{format}: {q}: {her}");
        }
        // Paid parental leave is for a child on the way, not for hers at school.
        for q in [AIM, MILK, PAID_LEAVE] {
            assert!(!her.contains(q), "{format}: {q}: {her}");
        }
        assert!(hospital.contains(SHIFTS), "{format}: {hospital}");
        assert!(!hospital.contains(HOME), "{format}: {hospital}");
        for q in [AIM, HOME, SHIFTS, PAID_LEAVE] {
            assert!(his.contains(q), "{format}: {q}: {his}");
        }
        for q in [PART_TIME, STAY, MILK] {
            assert!(!his.contains(q), "{format}: {q}: {his}");
        }
        // What else to find out, for their families only.
        for (kit, theirs, not) in [
            (
                &her,
                [COVER, AT_YOUR_HOURS, REGULAR],
                [NEW_STARTER, ADOPTING, ADOPTING],
            ),
            (
                &his,
                [NEW_STARTER, NEW_STARTER, NEW_STARTER],
                [COVER, AT_YOUR_HOURS, REGULAR],
            ),
        ] {
            assert!(kit.contains("Also for you"), "{format}: {kit}");
            for note in theirs {
                assert!(kit.contains(note), "{format}: {note}: {kit}");
            }
            for note in not {
                assert!(!kit.contains(note), "{format}: {note}: {kit}");
            }
        }
        if format == "text" {
            let whole = count(&whole);
            for kit in [&her, &his] {
                let left = whole - count(kit);
                assert!(left >= 2, "{kit}");
                assert!(
                    kit.contains(&format!("{left} questions that do not fit are left out")),
                    "{kit}"
                );
            }
        }
    }
    // A result of another bank cannot fit this kit.
    let mut other = Test::new();
    other.mini();
    other
        .again()
        .args([
            "assess",
            "--bank",
            MINI,
            "--answers",
            "-",
            "--format",
            "json",
            "--output",
            "mini.json",
        ])
        .stdin("has_manager: true\n")
        .success();
    other
        .again()
        .args(["interview", "--from", "mini.json"])
        .code(65)
        .stderr_contains("another question bank")
        .stderr_contains("mommytrack interview");
}
