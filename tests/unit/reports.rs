//! Reports in every format, through the library: snapshots for two personas
//! and their comparison, the Markdown read back by a real GFM parser, and
//! hostile text kept inert everywhere.

use std::path::Path;

use super::support::{assert_snapshot, mini_bank as mini};
use crate::answers;
use crate::compare::Comparison;
use crate::export::{self, Format, RenderOptions};
use crate::result::{self, AssessmentResult};
use crate::scoring::Mode;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Json];
const HOSTILE: &str = "<script>alert(1)</script> a | b \u{1b}[31mred\u{1b}[0m & more";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn persona(name: &str) -> AssessmentResult {
    let bank = mini();
    let file = root().join(format!("tests/fixtures/answers/{name}.yaml"));
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

#[test]
fn snapshots_of_every_format_for_two_personas() {
    for name in ["supportive", "penalized"] {
        let r = persona(name);
        for format in FORMATS {
            assert_snapshot!(
                format!("{name}_{}", super::support::format_name(format)),
                render(&r, format)
            );
        }
    }
}

#[test]
fn snapshots_of_the_comparison_in_every_format() {
    let c = Comparison::new(
        &persona("supportive"),
        &persona("penalized"),
        "supportive.json",
        "penalized.json",
    );
    for format in FORMATS {
        assert_snapshot!(
            format!("compare_{}", super::support::format_name(format)),
            render_comparison(&c, format)
        );
    }
    // The JSON reads back as the same comparison.
    let back: Comparison =
        serde_json::from_str(&render_comparison(&c, Format::Json)).expect("valid JSON");
    assert_eq!(back, c);
}

/// What a GFM parser finds in a document.
#[derive(Debug, Default)]
struct Parsed {
    /// Per table: per row (header first): its cells' text.
    tables: Vec<Vec<Vec<String>>>,
    /// Per task list item: checked, and the item's text.
    tasks: Vec<(bool, String)>,
    /// Raw HTML anywhere.
    html: Vec<String>,
    /// Headings' text.
    headings: Vec<String>,
}

fn parse_markdown(md: &str) -> Parsed {
    let mut p = Parsed::default();
    let (mut in_cell, mut in_task, mut in_heading) = (false, false, false);
    let mut item_depth = 0usize;
    let mut task_depth = 0usize;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Table(_)) => p.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = p.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                if let Some(row) = p.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Start(Tag::Item) => item_depth += 1,
            Event::End(TagEnd::Item) => {
                if in_task && item_depth == task_depth {
                    in_task = false;
                }
                item_depth -= 1;
            }
            Event::TaskListMarker(checked) => {
                p.tasks.push((checked, String::new()));
                in_task = true;
                task_depth = item_depth;
            }
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                p.headings.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Html(h) | Event::InlineHtml(h) => p.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if in_cell
                    && let Some(cell) = p
                        .tables
                        .last_mut()
                        .and_then(|t| t.last_mut())
                        .and_then(|r| r.last_mut())
                {
                    cell.push_str(&t);
                }
                if in_task && let Some((_, text)) = p.tasks.last_mut() {
                    text.push_str(&t);
                }
                if in_heading && let Some(h) = p.headings.last_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    p
}

#[test]
fn markdown_parses_into_the_expected_tables_and_task_list() {
    let r = persona("supportive");
    let p = parse_markdown(&render(&r, Format::Markdown));

    // The dimensions table, then one appendix table per dimension.
    assert_eq!(p.tables.len(), 1 + r.dimensions.len(), "{:#?}", p.tables);
    let dims = &p.tables[0];
    assert_eq!(dims.len(), 1 + r.dimensions.len(), "header + one row each");
    assert_eq!(dims[0], ["Dimension", "Score", "", "Answered"]);
    assert_eq!(dims[1][0], "Your manager");
    assert_eq!(dims[1][1], "87.5");
    assert_eq!(dims[2][3], "2 of 2");
    for (table, d) in p.tables[1..].iter().zip(&r.dimensions) {
        assert_eq!(table.len(), 1 + d.questions.len());
        assert!(table.iter().all(|row| row.len() == 3), "{table:?}");
    }
    let notes = &p.tables[2][3];
    assert_eq!(
        notes[1],
        "Ask Dana about the parents' network; review in March."
    );

    // Next steps as an unchecked task list, each with its title.
    assert_eq!(p.tasks.len(), r.next_steps.len());
    for ((checked, text), step) in p.tasks.iter().zip(&r.next_steps) {
        assert!(!checked);
        assert!(text.starts_with(&step.title), "{text:?}");
    }
    assert!(p.html.is_empty(), "no raw HTML: {:?}", p.html);
    assert!(p.headings.iter().any(|h| h == "Next steps"));
    assert!(p.headings.iter().any(|h| h == "Appendix: your answers"));
}

#[test]
fn markdown_comparison_parses_into_tables() {
    let (a, b) = (persona("supportive"), persona("penalized"));
    let c = Comparison::new(&a, &b, "a.json", "b.json");
    let p = parse_markdown(&render_comparison(&c, Format::Markdown));
    // Sides, scores, answers that differ.
    assert_eq!(p.tables.len(), 3, "{:#?}", p.tables);
    assert_eq!(
        p.tables[1].len(),
        2 + c.dimensions.len(),
        "header, overall, dimensions"
    );
    assert_eq!(p.tables[1][1], ["Overall", "88.9", "0.0", "-88.9"]);
    assert_eq!(p.tables[2].len(), 1 + c.questions.len());
    assert!(
        p.tables
            .iter()
            .flatten()
            .all(|row| row.len() == p.tables[0][0].len() || row.len() == 4)
    );
    assert!(p.html.is_empty());
}

/// Puts the hostile string into every text a report shows: titles, prompts,
/// labels, details, summaries and the free-text answer.
fn poisoned() -> AssessmentResult {
    let mut v = serde_json::to_value(persona("hostile")).expect("serialisable");
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    let text_field = matches!(
                        k.as_str(),
                        "title"
                            | "prompt"
                            | "label"
                            | "answer_label"
                            | "summary"
                            | "detail"
                            | "disclaimer"
                            | "from_label"
                            | "to_label"
                    );
                    if text_field && x.is_string() {
                        *x = serde_json::Value::String(format!("# {HOSTILE}"));
                    } else {
                        walk(x);
                    }
                }
            }
            serde_json::Value::Array(xs) => xs.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    serde_json::from_value(v).expect("still a result")
}

fn assert_inert(format: Format, doc: &str) {
    assert!(!doc.contains('\u{1b}'), "{format:?}: an ESC byte survived");
    match format {
        Format::Text => {
            // A terminal shows markup as the characters typed; only escape
            // sequences could act, and they are gone.
            assert!(doc.contains(" red"), "{doc}");
        }
        Format::Markdown => {
            // Escaped for Markdown (`\<script>`), not turned into entities.
            assert!(!doc.replace("\\<", "").contains("<script"), "{doc}");
            assert!(!doc.contains("&lt;") && !doc.contains("&amp;"), "{doc}");
            let p = parse_markdown(doc);
            assert!(p.html.is_empty(), "raw HTML: {:?}", p.html);
            for table in &p.tables {
                let width = table[0].len();
                assert!(table.iter().all(|row| row.len() == width), "{table:?}");
            }
            let shown = "<script>alert(1)</script> a | b red & more";
            assert!(
                p.tables
                    .iter()
                    .flatten()
                    .flatten()
                    .any(|cell| cell.contains(shown)),
                "the text shows as written, pipes and all: {:#?}",
                p.tables
            );
        }
        Format::Html => {
            assert!(!doc.contains("<script"), "{doc}");
            assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            // No links, but to the page's own sections.
            let links = doc.matches("<a ").count();
            assert_eq!(links, doc.matches("<a href=\"#").count(), "{doc}");
        }
        Format::Json => {
            assert!(!doc.contains("<script"), "{doc}");
            assert!(!doc.contains('<') && !doc.contains('>'));
        }
    }
}

#[test]
fn hostile_text_answer_is_inert_in_every_format() {
    let r = persona("hostile");
    for format in FORMATS {
        assert_inert(format, &render(&r, format));
    }
    // JSON keeps the answer as it was read, so `report` can render it
    // again; reading it made it inert (issue 11: escape sequences go).
    let back = AssessmentResult::from_json(&render(&r, Format::Json), "r.json").expect("parses");
    assert_eq!(
        back.answers["notes"],
        "<script>alert(1)</script> a | b red & more"
    );
    assert_eq!(back, r);
}

#[test]
fn hostile_text_everywhere_is_inert_in_every_format_and_comparison() {
    let r = poisoned();
    let c = Comparison::new(&r, &persona("supportive"), HOSTILE, "b.json");
    for format in FORMATS {
        let doc = render(&r, format);
        assert_inert(format, &doc);
        if format == Format::Markdown {
            let p = parse_markdown(&doc);
            assert!(
                p.headings.iter().any(|h| h.starts_with("# <script>")),
                "the title is one heading, its # kept as text: {:?}",
                p.headings
            );
        }
        let doc = render_comparison(&c, format);
        assert!(!doc.contains('\u{1b}'), "{format:?}");
        if format != Format::Text {
            assert!(
                !doc.replace("\\<", "").contains("<script"),
                "{format:?}: {doc}"
            );
        }
        if format == Format::Markdown {
            let p = parse_markdown(&doc);
            assert!(p.html.is_empty());
            for table in &p.tables {
                assert!(
                    table.iter().all(|row| row.len() == table[0].len()),
                    "{table:?}"
                );
            }
        }
    }
}

#[test]
fn comparing_a_result_with_itself_shows_no_difference() {
    let r = persona("penalized");
    let c = Comparison::new(&r, &r, "me.json", "me-again.json");
    assert!(c.is_identical());
    assert_eq!(c.overall.difference, Some(0.0));
    assert!(
        c.dimensions
            .iter()
            .all(|d| d.score.difference.is_none_or(|x| x == 0.0))
    );
    assert!(c.questions.is_empty());
    assert!(c.flags.only_a.is_empty() && c.flags.only_b.is_empty());
    assert_eq!(c.flags.both.len(), r.flags.len());
    for format in [Format::Text, Format::Markdown, Format::Html] {
        assert!(
            render_comparison(&c, format).contains("No differences"),
            "{format:?}"
        );
    }
}

#[test]
fn comparison_ranks_questions_by_score_difference_then_any_difference() {
    let (a, b) = (persona("supportive"), persona("penalized"));
    let c = Comparison::new(&a, &b, "a.json", "b.json");
    let ids: Vec<&str> = c.questions.iter().map(|q| q.id.as_str()).collect();
    // boss_early_leave and considering_part_time both move by 100 (bank
    // order breaks the tie); the rest have no score on one side.
    assert_eq!(
        ids,
        [
            "boss_early_leave",
            "considering_part_time",
            "boss_understands",
            "boss_late_email",
            "flex_options",
            "notes"
        ]
    );
    assert_eq!(c.questions[0].score.difference, Some(-100.0));
    assert_eq!(c.questions[2].b_label, "not answered");
    assert_eq!(
        c.flags
            .only_a
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        ["flexible_team"]
    );
    assert_eq!(
        c.flags
            .only_b
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        ["boss_penalizes_parents"]
    );
    assert!(c.same_bank);
}

#[test]
fn redacted_reports_leave_free_text_out_of_every_format() {
    let secret = "My private worry";
    let mut r = persona("penalized");
    let other = persona("supportive");
    for format in FORMATS {
        assert!(
            render(&r, format).contains(secret),
            "{format:?}: the note is there before redaction"
        );
    }
    r.redact();
    let mut other_redacted = other.clone();
    other_redacted.redact();
    let c = Comparison::new(&r, &other_redacted, "a.json", "b.json");
    for format in FORMATS {
        let doc = render(&r, format);
        assert!(!doc.contains(secret), "{format:?}: {doc}");
        assert!(
            !render_comparison(&c, format).contains(secret),
            "{format:?}"
        );
        assert!(
            !render_comparison(&c, format).contains("Dana"),
            "{format:?}"
        );
    }
    assert!(c.redacted);
}

#[test]
fn text_report_fits_the_width_and_colours_only_when_asked() {
    let r = persona("supportive");
    let text = |color, width| {
        export::render_report(&r, Format::Text, &RenderOptions { color, width }, false)
            .expect("renders")
    };
    for width in [60u16, 80, 120] {
        let doc = text(false, width);
        for line in doc.lines() {
            assert!(
                console::measure_text_width(line) <= usize::from(width),
                "wider than {width}: {line:?}"
            );
        }
        assert!(!doc.contains('\u{1b}'));
    }
    let coloured = text(true, 100);
    assert!(coloured.contains("\u{1b}["), "colour codes when asked");
    assert_eq!(
        console::strip_ansi_codes(&coloured),
        render(&r, Format::Text)
    );
}

#[test]
fn text_report_warns_of_low_confidence_and_gives_reasons_and_levers() {
    // 2 of 5 answered: the mini bank (min_coverage 0.5) withholds the
    // verdict, and the report leads with that.
    let doc = render(&persona("penalized"), Format::Text);
    assert!(
        doc.find("Not enough answers for a verdict yet") < doc.find("Provisional score: 0.0"),
        "{doc}"
    );
    // A bank that gives a verdict on so few answers still gets it called
    // provisional, after a low-confidence warning.
    let mut low = persona("penalized");
    low.overall.withheld = None;
    low.overall.verdict = Some("sidelined".into());
    low.overall.label = Some("Sidelining risk".into());
    let low = render(&low, Format::Text);
    assert!(
        low.find("Low confidence") < low.find("Provisional verdict: Sidelining risk"),
        "{low}"
    );
    assert!(
        doc.contains("because you answered “It is counted against me” to: What happens"),
        "{doc}"
    );
    assert!(doc.contains("What would move your score most"));
    assert!(doc.contains("rise from 0.0 to 66.7"), "{doc}");
    let doc = render(&persona("supportive"), Format::Text);
    assert!(!doc.contains("Low confidence"), "{doc}");
}

/// A capped verdict says why on the screen that ends a session too (issue
/// 18, class 10), and for a result saved before results carried
/// `cap_reason`: the reason is worked out from the flags that capped it.
#[test]
fn the_end_screen_says_why_a_verdict_is_capped() {
    let mut r = persona("penalized");
    r.overall.score = Some(83.3);
    r.overall.verdict = Some("mixed".into());
    r.overall.label = Some("Mixed track".into());
    r.overall.withheld = None;
    r.overall.capped_by = vec!["boss_penalizes_parents".into()];
    r.overall.cap_reason = None;
    for plain in [false, true] {
        let screen = export::end_screen(&r, &RenderOptions::default(), plain);
        let screen = format!("{} {}", screen.head, screen.body);
        let screen = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            screen.matches("alone would give").count(),
            1,
            "the reason once: {screen}"
        );
        assert!(
            screen.contains(
                "A score of 83.3 alone would give Positive track, but this sign holds it at Mixed track: \u{201c}Your manager counts family time against people\u{201d}."
            ),
            "{screen}"
        );
    }
}

/// A part scored null because it has fewer answers than its
/// `min_answered` says so on the end screen too, not "not answered".
#[test]
fn the_end_screen_says_a_part_has_too_few_answers() {
    let mut r = persona("penalized");
    let d = r
        .dimensions
        .iter_mut()
        .find(|d| d.asked > 0)
        .expect("a dimension");
    (d.score, d.answered, d.asked, d.min_answered) = (None, 1, 1, 2);
    for plain in [false, true] {
        let screen = export::end_screen(&r, &RenderOptions::default(), plain);
        assert!(
            screen.body.contains("too few answers to score"),
            "{}",
            screen.body
        );
        assert!(!screen.body.contains("not answered"), "{}", screen.body);
    }
}
