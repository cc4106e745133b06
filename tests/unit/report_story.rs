//! The report to share and the couple (issue 10), through the library and
//! the binary: what every format leads with, says and never says, and
//! `compare` with shared sets and `--labels`.

use super::support::{assert_snapshot, fixture, mini_bank};
use crate::answers;
use crate::compare::{Comparison, Who};
use crate::export::{self, Format, RenderOptions};
use crate::result::{self, AssessmentResult};
use crate::scoring::Mode;
use pulldown_cmark::{Event, Options, Parser, Tag};

const PEOPLE: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

fn persona(name: &str) -> AssessmentResult {
    let bank = mini_bank();
    let file = fixture(&format!("answers/{name}.yaml"));
    let text = std::fs::read_to_string(&file).expect("fixture exists");
    let sheet = answers::parse(&bank, &text, &file).expect("valid answers");
    result::assess(&bank, &sheet, Mode::Full).0
}

fn render(r: &AssessmentResult, format: Format) -> String {
    export::render_report(r, format, &RenderOptions::default(), false).expect("renders")
}

fn render_comparison(c: &Comparison, format: Format) -> String {
    export::render_comparison(c, format, &RenderOptions::default(), false)
}

/// Edits a result as JSON, as a newer (or older) tool might have written it.
fn edited(r: &AssessmentResult, edit: impl FnOnce(&mut serde_json::Value)) -> AssessmentResult {
    let mut v = serde_json::to_value(r).expect("serialisable");
    edit(&mut v);
    serde_json::from_value(v).expect("still a result")
}

#[test]
fn start_here_comes_right_after_the_verdict_in_every_format() {
    let r = persona("penalized");
    for format in PEOPLE {
        let doc = render(&r, format);
        let start = doc.find("Start here").expect("a Start here block");
        assert!(
            doc.find("Provisional score").expect("verdict") < start,
            "{format:?}"
        );
        assert!(
            start < doc.find("Dimensions").expect("dimensions"),
            "{format:?}"
        );
        let first = &r.next_steps[0].title;
        assert!(doc[start..].find(first.as_str()).is_some(), "{format:?}");
    }
}

#[test]
fn a_withheld_verdict_leads_with_coverage_and_calls_the_score_provisional() {
    let r = edited(&persona("penalized"), |v| {
        v["overall"]["verdict"] = serde_json::Value::Null;
        v["overall"]["label"] = "Not enough answers yet".into();
        v["overall"]["withheld"] = "coverage".into();
        v["overall"]["summary"] = serde_json::Value::Null;
    });
    for format in PEOPLE {
        let doc = render(&r, format);
        let warning = doc
            .find("Not enough answers for a verdict yet")
            .unwrap_or_else(|| panic!("{format:?}: {doc}"));
        let score = doc.find("Provisional score").expect("provisional score");
        assert!(warning < score, "{format:?}");
        assert!(
            !doc.contains("Verdict:"),
            "{format:?}: no confident headline"
        );
    }
}

#[test]
fn no_flags_is_said_and_plurals_agree_and_ids_never_show() {
    let r = edited(&persona("penalized"), |v| {
        v["flags"] = serde_json::json!([]);
        // Four reasons, one of them a question the result does not hold.
        v["next_steps"][0]["because"] = serde_json::json!([
            "boss_early_leave",
            "considering_part_time",
            "mgr_transfer",
            "has_manager"
        ]);
        v["next_steps"][0]["because_flags"] = serde_json::json!([]);
        v["next_steps"][0]["because_dimensions"] = serde_json::json!([]);
    });
    for format in PEOPLE {
        let doc = render(&r, format);
        assert!(doc.contains("No flags"), "{format:?}");
        assert!(doc.contains("and 1 more reason"), "{format:?}");
        assert!(!doc.contains("1 more reasons"), "{format:?}");
        assert!(doc.contains("because of an earlier answer"), "{format:?}");
        assert!(!doc.contains("mgr_transfer"), "{format:?}: an internal id");
    }
}

#[test]
fn tone_comes_from_the_band_position_for_a_custom_bank() {
    let r = edited(&persona("supportive"), |v| {
        v["overall"]["verdict"] = "thriving".into();
        v["bands"][0]["verdict"] = "thriving".into();
        v["bands"][2]["verdict"] = "at_risk".into();
    });
    let html = render(&r, Format::Html);
    assert!(
        html.contains(r#"<strong class="green">Positive track</strong>"#),
        "{html}"
    );
    // The spectrum: three bands lowest first, a marker, every bar good.
    assert!(html.contains("<svg"), "{html}");
    assert!(
        html.contains(r#"<rect class="bad" x="0.0" y="0" width="45.0""#),
        "{html}"
    );
    assert!(html.contains(r#"class="marker""#));
    assert!(html.contains(r#"class="bar good""#));
}

#[test]
fn a_result_without_bands_still_renders_without_tone() {
    let r = edited(&persona("supportive"), |v| {
        v.as_object_mut().expect("object").remove("bands");
        v["schema_version"] = 1.into();
    });
    assert!(r.bands.is_empty());
    let html = render(&r, Format::Html);
    assert!(!html.contains("<svg"), "no spectrum without bands");
    assert!(html.contains(r#"class="bar neutral""#), "{html}");
    assert!(render(&r, Format::Text).contains("Verdict: Positive track"));
}

#[test]
fn a_weight_zero_dimension_is_marked_not_in_the_overall() {
    let r = edited(&persona("supportive"), |v| {
        v["dimensions"][1]["weight"] = 0.0.into();
    });
    for format in PEOPLE {
        assert!(
            render(&r, format).contains("Flexibility (not in the overall)"),
            "{format:?}"
        );
    }
}

#[test]
fn markdown_reads_as_plain_text_and_bare_urls_are_not_links() {
    let r = edited(&persona("supportive"), |v| {
        v["dimensions"][1]["questions"][2]["answer"] =
            "R&D <b>team</b>: see https://example.com/x".into();
        v["dimensions"][1]["questions"][2]["answer_label"] =
            "R&D <b>team</b>: see https://example.com/x".into();
    });
    let md = render(&r, Format::Markdown);
    assert!(
        md.contains("R&D \\<b>team\\</b>: see `https://example.com/x`"),
        "{md}"
    );
    assert!(!md.contains("&amp;") && !md.contains("&lt;"), "{md}");
    let mut in_link = false;
    for e in Parser::new_ext(&md, Options::all()) {
        match e {
            Event::Start(Tag::Link { .. }) => in_link = true,
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h}"),
            _ => {}
        }
    }
    assert!(!in_link, "no link in the Markdown");
}

#[test]
fn scores_show_one_decimal_everywhere() {
    let r = persona("penalized");
    for format in PEOPLE {
        let doc = render(&r, format);
        assert!(doc.contains("0.0"), "{format:?}");
        assert!(!doc.contains("score of 0 "), "{format:?}");
    }
}

/// Two partners; Flexibility marked as a set about the shared home.
fn couple() -> Comparison {
    let share = |v: &mut serde_json::Value| v["dimensions"][1]["shared"] = true.into();
    Comparison::new(
        &edited(&persona("supportive"), share),
        &edited(&persona("penalized"), share),
        "Sam",
        "Alex",
    )
}

#[test]
fn shared_differences_come_first_with_questions_to_ask_each_other() {
    let c = couple();
    let ids: Vec<&str> = c
        .shared_differences
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    // Both answered first, in bank order; then the one only Sam answered.
    assert_eq!(ids, ["considering_part_time", "notes", "flex_options"]);
    assert_eq!(c.shared_differences[2].answered_only_by, Some(Who::A));
    assert_eq!(c.difference, "b - a");
    assert_eq!(c.shared_differences[0].difference, Some(-100.0));
    for format in PEOPLE {
        let doc = render_comparison(&c, format);
        let shared = doc
            .find("Where you see your home differently")
            .expect("shared first");
        let work = doc.find("Your workplaces, for context").expect("then work");
        assert!(
            shared < doc.find("Scores").expect("scores") && shared < work,
            "{format:?}"
        );
        let words = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("Talk it over"), "{format:?}");
        assert!(words.contains("Answered by only one of you"), "{format:?}");
        assert!(
            words.contains("Alex\u{2019}s score minus Sam\u{2019}s"),
            "{format:?}"
        );
        assert_snapshot!(
            format!("couple_{}", super::support::format_name(format)),
            doc
        );
    }
    let json = render_comparison(&c, Format::Json);
    assert_snapshot!("couple_json", json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v["shared_differences"][0]["question"],
        "considering_part_time"
    );
    assert_eq!(v["shared_differences"][0]["a"], false);
    assert_eq!(v["shared_differences"][0]["b"], true);
}

#[test]
fn version_one_results_treat_home_as_shared() {
    let v1 = |r: &AssessmentResult| {
        edited(r, |v| {
            v["schema_version"] = 1.into();
            v["dimensions"][1]["id"] = "home".into();
        })
    };
    let c = Comparison::new(
        &v1(&persona("supportive")),
        &v1(&persona("penalized")),
        "a",
        "b",
    );
    assert_eq!(c.shared_differences.len(), 3);
}

#[test]
fn html_comparison_has_a_chart() {
    let html = render_comparison(&couple(), Format::Html);
    assert!(html.contains(r#"class="pairs""#), "{html}");
    assert_eq!(
        html.matches(r#"class="bar a""#).count(),
        3,
        "overall and two sets"
    );
}

#[test]
fn a_scale_mean_and_a_set_verdict_show_in_every_format() {
    let r = edited(&persona("supportive"), |v| {
        let d = &mut v["dimensions"][0];
        d["scale_mean"] = 4.25.into();
        d["scale"] = serde_json::json!({ "min": 1, "max": 5 });
        d["verdict"] = "steady".into();
        d["label"] = "A steady manager".into();
        d["bands"] = serde_json::json!([
            { "verdict": "steady", "label": "A steady manager", "min": 60 },
            { "verdict": "shaky", "label": "A shaky manager", "min": 0 }
        ]);
    });
    for format in PEOPLE {
        let doc = render(&r, format);
        assert!(
            doc.contains("87.5 (mean 4.2 on 1–5)") || doc.contains("87.5 (mean 4.3 on 1–5)"),
            "{format:?}: {doc}"
        );
        assert!(doc.contains("A steady manager"), "{format:?}");
    }
    // The set's own first band is its good tone.
    let html = render(&r, Format::Html);
    assert!(
        html.contains(r#"<strong class="green">A steady manager</strong>"#),
        "{html}"
    );
}

#[test]
fn results_of_two_versions_of_one_bank_are_told_apart() {
    let a = edited(&persona("supportive"), |v| {
        v["bank"]["fingerprint"] = "aaa".into()
    });
    let b = edited(&persona("penalized"), |v| {
        v["bank"]["fingerprint"] = "bbb".into()
    });
    let c = Comparison::new(&a, &b, "a", "b");
    assert!(!c.same_bank);
    let text = render_comparison(&c, Format::Text);
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("different versions of the question bank “Mini bank”"),
        "{text}"
    );
    let same = Comparison::new(
        &a,
        &edited(&persona("penalized"), |v| {
            v["bank"]["fingerprint"] = "aaa".into()
        }),
        "a",
        "b",
    );
    assert!(same.same_bank);
}

#[test]
fn the_plain_text_report_has_no_box_drawing_or_block_bars() {
    for name in ["supportive", "penalized"] {
        let r = persona(name);
        let doc = export::render_report(&r, Format::Text, &RenderOptions::default(), true)
            .expect("renders");
        assert!(
            !doc.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)),
            "{doc}"
        );
        assert!(doc.contains("Your manager, Score: "), "{doc}");
        assert_snapshot!(format!("plain_{name}"), doc);
    }
    let c = couple();
    let doc = export::render_comparison(&c, Format::Text, &RenderOptions::default(), true);
    assert!(
        !doc.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)),
        "{doc}"
    );
}

#[test]
fn html_prints_without_forced_page_breaks_and_keeps_headings_with_their_tables() {
    let html = render(&persona("supportive"), Format::Html);
    let print = &html[html.find("@media print").expect("a print layout")..];
    assert!(
        !print.contains("break-before: page"),
        "no half-empty first page"
    );
    assert!(print.contains(".group { break-inside: avoid"), "{print}");
    assert!(html.contains(r#"<div class="group"><h3>Your manager</h3>"#));
    // Dark mode follows the reader's system.
    assert!(html.contains("@media (prefers-color-scheme: dark)"));
}

/// Dana and Mark (issue 19) on the built-in bank, both ways a couple can
/// answer: the text comparison, whole.
#[test]
fn dana_and_mark_in_text() {
    let bank = crate::bank::load(&crate::bank::BankSource::BuiltIn)
        .expect("built-in")
        .0;
    let result = |name: &str| {
        let file = fixture(&format!("couple/{name}.yaml"));
        let text = std::fs::read_to_string(&file).expect("fixture exists");
        let sheet = answers::parse(&bank, &text, &file).expect("valid answers");
        result::assess(&bank, &sheet, Mode::Full).0
    };
    let dana = result("dana");
    for mark in ["mark_agrees", "mark_disagrees"] {
        let c = Comparison::new(&dana, &result(mark), "Dana", "Mark");
        let doc = render_comparison(&c, Format::Text);
        let words = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let split =
            "How is the day-to-day work of parenting and running the home split between you?";
        let differ = &words[words
            .find("Where you see your home differently")
            .expect("shared")
            ..words
                .find("Where you see your home the same way")
                .expect("agreements")];
        assert_eq!(differ.contains(split), mark == "mark_disagrees", "{mark}");
        assert!(
            words.find("For the two of you") < words.find("Where you see your home differently"),
            "{mark}"
        );
        assert_snapshot!(format!("dana_{mark}_text"), doc);
    }
}
