//! A parent's next move, as a fresh-eyes parent used it (issue 23, third
//! round), through the real binary: a history whose replaced steps are not
//! "done", a comparison of two employers that keeps what only one is known
//! for and adds up as printed, a prospective verdict stated as provisional,
//! and the interview kit in Markdown and HTML.

use crate::harness::*;

const UK_RETURNER: &str = "tests/personas/uk_returner_pushed_aside.answers.yaml";
const RETURNING: &str = "tests/personas/returning_after_leave_mixed.answers.yaml";
const HOSTILE_MANAGER: &str = "tests/personas/decent_company_hostile_manager.answers.yaml";
const NO_CHILDCARE: &str = "tests/personas/strong_workplace_no_childcare.answers.yaml";

/// A result of `persona`, taken on `day`, saved as `name`.
fn save(t: &Test, persona: &str, name: &str, day: &str) {
    t.again()
        .args(["assess", "--format", "json", "--taken", day, "-o", name])
        .arg("--answers")
        .arg(repo(persona))
        .success();
}

/// A first result and three retakes, six months apart.
fn four_results() -> Test {
    let t = Test::new();
    save(&t, UK_RETURNER, "r1.json", "2025-01-12");
    save(&t, RETURNING, "r2.json", "2025-07-14");
    save(&t, HOSTILE_MANAGER, "r3.json", "2026-01-15");
    save(&t, NO_CHILDCARE, "r4.json", "2026-07-13");
    t
}

#[test]
fn history_tells_a_replaced_step_from_a_done_one() {
    let t = Test::new();
    save(
        &t,
        "tests/personas/canada_non_birth_mother.answers.yaml",
        "r1.json",
        "2026-01-12",
    );
    save(&t, HOSTILE_MANAGER, "r2.json", "2026-07-14");
    let h = t
        .again()
        .args(["history", "r1.json", "r2.json", "--format", "json"])
        .success()
        .json();
    let titles = |list: &str| -> Vec<String> {
        h["steps"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (done, replaced) = (titles("done"), titles("replaced"));
    // The answers still call for finding the parents' network, but the
    // latest lists another step of its group: replaced, not done.
    let network = "Join, or start, a working-parents group";
    assert!(replaced.iter().any(|s| s.starts_with(network)), "{h}");
    assert!(!done.iter().any(|s| s.starts_with(network)), "{h}");
    for s in h["steps"]["replaced"].as_array().unwrap() {
        let by = s["replaced_by"].as_str().expect("names its replacement");
        assert_ne!(by, s["title"].as_str().unwrap(), "{s}");
    }
    for s in h["steps"]["done"].as_array().unwrap() {
        assert!(s.get("replaced_by").is_none(), "{s}");
    }
    let text = t
        .again()
        .args(["history", "r1.json", "r2.json"])
        .success()
        .stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = words.find("Replaced by another step").expect("a heading");
    assert!(words[at..].contains(network), "{text}");
    assert!(
        words[at..].contains("replaced by \u{201c}Ask two parents"),
        "{text}"
    );
}

#[test]
fn history_of_only_prospective_results_says_so_and_fails() {
    let t = Test::new();
    prospective(&t, "acme.json", "culture_leaders_signals: visible\n");
    prospective(&t, "birch.json", "culture_leaders_signals: hostile\n");
    for format in ["text", "json"] {
        t.again()
            .args(["history", "acme.json", "birch.json", "--format", format])
            .code(66)
            .stdout_is("")
            .stderr_contains("acme.json, birch.json are about employers you are considering")
            .stderr_contains("mommytrack compare");
    }
}

#[test]
fn history_html_keeps_dates_whole_and_explains_a_capped_dot() {
    let t = four_results();
    let html = t
        .again()
        .args(["history", "r1.json", "r2.json", "r3.json", "r4.json"])
        .args(["--format", "html"])
        .success()
        .stdout();
    assert!(!html.contains("-<wbr>"), "a date is broken: {html}");
    // The first and the last results are capped: their dots take the
    // verdict's colour, not the band's, and the chart says why.
    assert!(html.contains("held lower than its score by a warning sign"));
    t.again()
        .args(["history", "r2.json", "r3.json", "--format", "html"])
        .success()
        .stdout_lacks("held lower than its score by a warning sign");
}

/// Two employers being considered: what is known about each.
const ACME: &str = "culture_field_intensity: 3
culture_employer_vs_field: calmer
culture_leaders_signals: silent
parents_promoted: often
has_manager: true
mgr_stance: flexible
";
const BIRCH: &str = "culture_field_intensity: 4
culture_employer_vs_field: harder
culture_leaders_signals: lip_service
culture_gender_flex: women_judged
parents_promoted: rarely
has_manager: true
mgr_stance: middle
";

#[test]
fn comparing_two_employers_keeps_what_only_one_is_known_for() {
    let t = Test::new();
    prospective(&t, "acme.json", ACME);
    prospective(&t, "birch.json", BIRCH);
    let c = t
        .again()
        .args(["compare", "acme.json", "birch.json", "--format", "json"])
        .success()
        .json();
    // Known about Birch, not yet about Acme: listed with Acme's unknowns.
    assert_eq!(
        c["a"]["other_knows"]["culture_gender_flex"], "Mothers are judged more harshly for it",
        "{c}"
    );
    let text = t
        .again()
        .args([
            "compare",
            "acme.json",
            "birch.json",
            "--labels",
            "Acme,Birch",
        ])
        .success()
        .stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let acme = words.find("Still to find out about Acme").unwrap();
    let known = words
        .find("Known at Birch: “Mothers are judged more harshly for it”")
        .expect("shown");
    assert!(acme < known && known < words.find("Still to find out about Birch").unwrap());
    // Each basis named: a verdict on all of a result's own answers, the
    // scores on what both answered.
    assert!(words.contains("Verdict, on all its own answers"), "{text}");
    // Five both answered, `parents_promoted` among them though it is alone
    // in its part (review next8 C3: it was left out, "4 questions").
    assert!(words.contains("Overall (5 questions)"), "{text}");
}

#[test]
fn a_difference_is_the_difference_of_the_scores_as_printed_both_ways_round() {
    let t = Test::new();
    prospective(&t, "acme.json", ACME);
    prospective(&t, "birch.json", BIRCH);
    let diffs = |a: &str, b: &str| {
        let c = t
            .again()
            .args(["compare", a, b, "--format", "json"])
            .success()
            .json();
        let mut all = vec![c["overall"].clone()];
        all.extend(c["dimensions"].as_array().unwrap().iter().cloned());
        all.extend(
            c["questions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["score"].clone()),
        );
        all.into_iter()
            .filter(|d| d["difference"].is_f64())
            .map(|d| {
                let (x, y) = (d["a"].as_f64().unwrap(), d["b"].as_f64().unwrap());
                let shown = |v: f64| format!("{v:.1}").parse::<f64>().unwrap();
                assert_eq!((shown(x), shown(y)), (x, y), "published scores: {d}");
                let diff = d["difference"].as_f64().unwrap();
                assert!((diff - (y - x)).abs() < 1e-9, "{d}");
                diff
            })
            .collect::<Vec<f64>>()
    };
    let (ab, ba) = (
        diffs("acme.json", "birch.json"),
        diffs("birch.json", "acme.json"),
    );
    // "silent" (66.7) beside "lip_service" (33.3): -33.4, and +33.4 back.
    assert!(ab.contains(&-33.4), "{ab:?}");
    assert!(ba.contains(&33.4), "{ba:?}");
    let mut back: Vec<f64> = ba.iter().map(|d| -d).collect();
    let mut ab = ab;
    ab.sort_by(f64::total_cmp);
    back.sort_by(f64::total_cmp);
    assert_eq!(ab, back);
}

#[test]
fn compare_html_keeps_a_file_name_whole_and_help_names_employers() {
    let t = Test::new();
    prospective(&t, "current.json", ACME);
    prospective(&t, "birch.json", BIRCH);
    t.again()
        .args(["compare", "current.json", "birch.json", "--format", "html"])
        .success()
        .stdout_lacks("current.<wbr>json");
    let help = t.again().args(["compare", "--help"]).success().stdout();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("an employer you are considering"), "{help}");
    assert!(help.contains("two employers"), "{help}");
}

#[test]
fn a_prospective_verdict_on_part_of_the_answers_is_provisional_and_about_that_employer() {
    let t = Test::new();
    prospective(&t, "acme.json", ACME);
    let text = t.again().args(["report", "acme.json"]).success().stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Provisional"), "{text}");
    assert!(words.contains("still unknown"), "{text}");
    assert!(!words.starts_with("Verdict:"), "{text}");
    assert!(!words.contains("Verdict: "), "stated firmly: {text}");
    assert!(!words.contains("the verdict waits"), "{text}");
    // The bank's summary is about your own job; this one is about theirs.
    assert!(!words.contains("write down what is working"), "{text}");
}

#[test]
fn the_kit_has_no_stray_markup_in_markdown_or_html() {
    for format in ["markdown", "html"] {
        let out = mt()
            .args(["interview", "--format", format])
            .success()
            .stdout();
        let body = out.split("</style>").last().unwrap();
        // A command is code: in Markdown between backticks, in HTML in
        // <code>; no other backtick.
        let commands: Vec<&str> = match format {
            "markdown" => body.split('`').skip(1).step_by(2).collect(),
            _ => body
                .split("<code>")
                .skip(1)
                .map(|c| c.split("</code>").next().unwrap())
                .collect(),
        };
        assert!(
            commands.contains(&"mommytrack assess --prospective"),
            "{format}: {body}"
        );
        assert!(
            commands.iter().all(|c| c.starts_with("mommytrack ")),
            "{format}: {commands:?}"
        );
        assert_eq!(
            body.matches('`').count(),
            2 * commands.len() * usize::from(format == "markdown")
        );
        assert!(!body.contains(".**:"), "{format}: bold then a colon");
        assert!(!body.contains(".</strong>:"), "{format}: bold then a colon");
    }
}

#[test]
fn a_settled_note_says_what_it_counts() {
    let t = Test::new();
    save(&t, RETURNING, "r.json", "2026-07-14");
    let mut r = t.read_json("r.json");
    r["settled_after"] = serde_json::json!(40);
    let mut t = t.again();
    t.file("s.json", r.to_string());
    let text = t.again().args(["report", "s.json"]).success().stdout();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Answered 37 of 38 scored questions"),
        "{text}"
    );
    assert!(
        words.contains("settled after 40 of your answers, counting every question"),
        "{text}"
    );
}

#[test]
fn a_prospective_assessment_words_each_question_about_that_employer() {
    let bank = crate::bank_fit::builtin();
    let kit: Vec<_> = bank
        .questions
        .iter()
        .filter(|q| q.interview.is_some())
        .collect();
    let worded: Vec<_> = kit.iter().filter(|q| q.prospective.is_some()).collect();
    assert!(
        worded.len() * 2 > kit.len(),
        "{} of {} worded",
        worded.len(),
        kit.len()
    );
    let template = mt().args(["template", "--prospective"]).success().stdout();
    let kit_text = mt().arg("interview").success().stdout();
    let flat = |s: &str| {
        s.replace("\n# ", " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (template, kit_text) = (flat(&template), flat(&kit_text));
    for q in &worded {
        let p = q.worded(true);
        let prompt = p.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(template.contains(&prompt), "{}: {prompt}", q.id);
        assert!(kit_text.contains(&prompt), "{}: {prompt}", q.id);
    }
    // The result keeps the words the question was asked in.
    let q = worded[0];
    let r = prospective_json(&mt(), &format!("{}: null\n", q.id)).json();
    let asked = asked(&r, &q.id).unwrap();
    assert_eq!(asked["prompt"], q.worded(true).prompt.as_str());
}

#[test]
fn no_answer_in_a_prospective_assessment_raises_a_flag_about_you() {
    use mommytrack_engine::bank::Kind;
    let bank = crate::bank_fit::builtin();
    for q in bank.questions.iter().filter(|q| q.interview.is_some()) {
        let (Kind::Choice(opts) | Kind::Multi(opts)) = &q.kind else {
            continue;
        };
        for o in opts {
            if let Some(f) = o.flag {
                let title = &bank.flags[f].title;
                // "You are part of…", "You have a sponsor": about the person.
                assert!(!title.starts_with("You "), "{}.{}: {title}", q.id, o.id);
            }
        }
    }
    // Through the binary: an employer's active network is the employer's.
    let r = prospective_json(&mt(), "sup_parent_group: active\n").json();
    for f in r["flags"].as_array().unwrap() {
        assert!(!f["title"].as_str().unwrap().starts_with("You "), "{f}");
    }
}
