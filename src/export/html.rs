//! `--format html`: one self-contained page to keep, send or print. Inline
//! CSS only: no scripts, no fonts, no images, nothing fetched (a Content
//! Security Policy says so too). Fluid on a phone, dark when the reader's
//! system is, and clean on A4 or Letter paper.
//!
//! The page is a `maud` template: every interpolated string is HTML-escaped
//! by the template engine; [`clean`] also turns control characters (ANSI
//! escapes among them) into `�` first.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{
    Exporter, LOW_CONFIDENCE, NO_VERDICT, REDACTED_NOTE, RenderOptions, answer_words,
    because_items, format_difference, format_opt_score, format_score, lever_sentence,
    terminal_safe,
    text::{QUESTIONS_SHOWN, different_banks},
};
use crate::compare::{Comparison, ScoreDiff};
use crate::result::AssessmentResult;

pub struct HtmlExporter;

const CSS: &str = r#"
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #5f6368; --line: #d9dce1;
  --card: #f6f7f9; --accent: #6b3fa0; --red: #b3261e; --green: #1e7a3c; --amber: #8a5a00; --bar: #6b3fa0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --bg: #141416; --muted: #a0a4ab; --line: #3a3d42; --card: #1f2024;
    --accent: #c7a6f0; --red: #ff8a80; --green: #7fd89b; --amber: #f2c46d; --bar: #b48be6; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p, li { overflow-wrap: break-word; }
.verdict { font-size: 1.15rem; }
.verdict strong { color: var(--accent); }
.note { color: var(--muted); font-size: .95rem; }
.warning { border-left: 4px solid var(--amber); background: var(--card); padding: .5rem .75rem; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 6rem; max-width: 30vw; height: .6rem; border-radius: .3rem;
  background: var(--line); vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--bar); }
ul, ol { padding-left: 1.4rem; }
li { margin: .35rem 0; }
.because { list-style: none; padding-left: .25rem; margin: .2rem 0 .5rem; color: var(--muted); font-size: .92rem; }
.red { color: var(--red); } .green { color: var(--green); } .amber { color: var(--amber); }
.verdict strong.red { color: var(--red); } .verdict strong.green { color: var(--green); }
.verdict strong.amber { color: var(--amber); }
.flags { list-style: none; padding-left: 0; }
.flags > li > .mark { font-weight: 700; margin-right: .35rem; }
.steps { list-style: none; padding-left: 0; }
.steps > li { display: grid; grid-template-columns: 1.5rem 1fr; column-gap: .25rem; }
.box { width: 1rem; height: 1rem; margin-top: .25rem; border: 2px solid var(--muted); border-radius: .2rem; }
.text-answer { white-space: pre-line; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .9rem; }
@media (max-width: 30rem) {
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.35rem; }
  th, td { padding: .35rem .3rem; }
  thead th, thead th.num { white-space: normal; font-size: .85rem; }
  .bar { display: none; }
  table.stack thead { display: none; }
  table.stack tr { display: block; padding: .4rem 0; border-bottom: 1px solid var(--line); }
  table.stack td { display: block; border: 0; padding: .1rem 0; text-align: left; }
  table.stack td:first-child { font-weight: 600; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
}
@page { margin: 16mm 14mm; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #bbb; --card: #fff; --accent: #000;
    --red: #000; --green: #000; --amber: #000; --bar: #555; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 17pt; } h2 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section.page { break-before: page; page-break-before: always; }
  tr, li, .warning { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; border: 1px solid #888; }
}
"#;

/// Control characters (ANSI escapes among them) as `�`; newlines kept.
fn clean(s: &str) -> String {
    terminal_safe(s)
}

/// The page around a body.
fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="color-scheme" content="light dark";
                meta name="generator" content=(format!("mommytrack {}", env!("CARGO_PKG_VERSION")));
                title { (clean(title)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main { (body) }
            }
        }
    }
    .into_string()
        + "\n"
}

/// The colour class of a verdict: the bank's usual `positive` and
/// `sidelined` are green and red; anything in between amber.
fn verdict_class(verdict: Option<&str>) -> &'static str {
    match verdict {
        Some("positive") => "green",
        Some("sidelined") => "red",
        Some(_) => "amber",
        None => "none",
    }
}

/// A file name that may break after `.`, `/`, `_` or `-` on a narrow screen.
fn breakable(s: &str) -> Markup {
    let s = clean(s);
    html! {
        @for (i, part) in s.split_inclusive(['.', '/', '_', '-']).enumerate() {
            @if i > 0 { wbr; }
            (part)
        }
    }
}

fn bar(score: Option<f64>) -> Markup {
    html! {
        @if let Some(s) = score {
            span.bar role="presentation" {
                span style=(format!("width:{}%", s.clamp(0.0, 100.0))) {}
            }
        }
    }
}

fn because(r: &AssessmentResult, ids: &[String]) -> Markup {
    let items = because_items(r, ids);
    html! {
        @if !items.is_empty() {
            ul.because {
                @for line in &items { li { "↳ " (clean(line)) } }
            }
        }
    }
}

impl Exporter for HtmlExporter {
    fn report(&self, r: &AssessmentResult, _: &RenderOptions) -> String {
        let c = r.coverage;
        let body = html! {
            header {
                h1 { (clean(&r.bank.title)) }
                @match (r.overall.score, &r.overall.label) {
                    (Some(score), Some(label)) => {
                        p.verdict {
                            "Verdict: " strong.(verdict_class(r.overall.verdict.as_deref())) { (clean(label)) }
                            ", with an overall score of " strong { (format_score(score)) } " out of 100."
                        }
                        @if let Some(summary) = &r.overall.summary { p { (clean(summary)) } }
                    }
                    _ => { p.verdict { (NO_VERDICT) } }
                }
                @for id in &r.overall.capped_by {
                    @if let Some(flag) = r.flags.iter().find(|f| &f.id == id) {
                        p.note {
                            "The score alone would give a better verdict; “" (clean(&flag.title)) "” keeps it here."
                        }
                    }
                }
                p.note { (super::coverage_sentence(r)) }
                @if c.is_low() { p.warning role="note" { (LOW_CONFIDENCE) } }
            }
            section #dimensions {
                h2 { "Dimensions" }
                div.table-wrap {
                    table {
                        thead { tr { th scope="col" { "Dimension" } th.num scope="col" { "Score" } th scope="col" {} th.num scope="col" { "Answered" } } }
                        tbody {
                            @for d in &r.dimensions {
                                tr {
                                    th scope="row" { (clean(&d.title)) }
                                    td.num { (format_opt_score(d.score)) }
                                    td { @if d.score.is_some() { (bar(d.score)) } @else { span.note { (super::no_score(d)) } } }
                                    td.num { (d.answered) " of " (d.asked) }
                                }
                            }
                        }
                    }
                }
            }
            @for (severity, heading, mark) in [("red", "Red flags", "✗"), ("green", "Green flags", "✓")] {
                @let flags: Vec<_> = r.flags.iter().filter(|f| f.severity == severity).collect();
                @if !flags.is_empty() {
                    section {
                        h2 { (heading) }
                        ul.flags {
                            @for f in flags {
                                li {
                                    span.mark.(severity) aria-hidden="true" { (mark) }
                                    strong { (clean(&f.title)) }
                                    @if let Some(detail) = &f.detail { ": " (clean(detail)) }
                                    (because(r, &f.because))
                                }
                            }
                        }
                    }
                }
            }
            @if !r.next_steps.is_empty() {
                section.page #next-steps {
                    h2 { "Next steps" }
                    ul.steps {
                        @for s in &r.next_steps {
                            li {
                                span.box aria-hidden="true" {}
                                div {
                                    strong { (clean(&s.title)) }
                                    @if !s.detail.is_empty() { ": " (clean(&s.detail)) }
                                    (because(r, &s.because))
                                }
                            }
                        }
                    }
                }
            }
            @if !r.levers.is_empty() {
                section #levers {
                    h2 { "What would move your score most" }
                    ol { @for l in &r.levers { li { (clean(&lever_sentence(l))) } } }
                }
            }
            section.page #answers {
                h2 { "Appendix: your answers" }
                @for d in r.dimensions.iter().filter(|d| !d.questions.is_empty()) {
                    h3 { (clean(&d.title)) }
                    div.table-wrap {
                        table.stack {
                            thead { tr { th scope="col" { "Question" } th scope="col" { "Your answer" } th.num scope="col" { "Score" } } }
                            tbody {
                                @for q in &d.questions {
                                    tr {
                                        td { (clean(&q.prompt)) }
                                        td.text-answer[q.kind == "text"] data-label="Your answer" { (clean(&answer_words(r, q))) }
                                        td.num data-label="Score" {
                                            @if q.scored { (format_opt_score(q.score)) } @else { span.note { "not scored" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if r.bank.disclaimer.is_some() || r.redacted {
                footer {
                    @if let Some(disclaimer) = &r.bank.disclaimer { p { (clean(disclaimer)) } }
                    @if r.redacted { p { (REDACTED_NOTE) } }
                }
            }
        };
        page(&r.bank.title, body)
    }

    fn comparison(&self, c: &Comparison, _: &RenderOptions) -> String {
        let (la, lb) = (clean(&c.a.label), clean(&c.b.label));
        let title = format!("Comparing {la} and {lb}");
        let row = |title: &str, d: &ScoreDiff, strong: bool| {
            html! {
                tr {
                    th scope="row" { @if strong { strong { (clean(title)) } } @else { (clean(title)) } }
                    td.num { (format_opt_score(d.a)) }
                    td.num { (format_opt_score(d.b)) }
                    td.num { (format_difference(d.difference)) }
                }
            }
        };
        let verdict =
            |s: &crate::compare::Side| clean(s.verdict_label.as_deref().unwrap_or("no verdict"));
        let body = html! {
            header {
                h1 { (title) }
                @if !c.same_bank { p.warning role="note" { (clean(&different_banks(c))) } }
                div.table-wrap {
                    table {
                        thead { tr { th scope="col" {} th scope="col" { (breakable(&la)) } th scope="col" { (breakable(&lb)) } } }
                        tbody {
                            tr {
                                th scope="row" { "Verdict" }
                                td.(verdict_class(c.a.verdict.as_deref())) { (verdict(&c.a)) }
                                td.(verdict_class(c.b.verdict.as_deref())) { (verdict(&c.b)) }
                            }
                            tr {
                                th scope="row" { "Answered" }
                                td { (c.a.answered) " of " (c.a.asked) }
                                td { (c.b.answered) " of " (c.b.asked) }
                            }
                        }
                    }
                }
            }
            section #scores {
                h2 { "Scores" }
                div.table-wrap {
                    table {
                        thead { tr { th scope="col" {} th.num scope="col" { (breakable(&la)) } th.num scope="col" { (breakable(&lb)) } th.num scope="col" { "Difference" } } }
                        tbody {
                            (row("Overall", &c.overall, true))
                            @for d in &c.dimensions { (row(&d.title, &d.score, false)) }
                        }
                    }
                }
                @if c.is_identical() { p { "No differences: every score, answer and flag is the same." } }
            }
            @if !c.questions.is_empty() {
                section #answers {
                    h2 { "Answers that differ most" }
                    div.table-wrap {
                        table.stack {
                            thead { tr { th scope="col" { "Question" } th scope="col" { (breakable(&la)) } th scope="col" { (breakable(&lb)) } th.num scope="col" { "Difference" } } }
                            tbody {
                                @for q in c.questions.iter().take(QUESTIONS_SHOWN) {
                                    tr {
                                        td { (clean(&q.prompt)) }
                                        td.text-answer[q.kind == "text"] data-label=(la) {
                                            (clean(&q.a_label))
                                            @if let Some(s) = q.score.a { ", score " (format_score(s)) }
                                        }
                                        td.text-answer[q.kind == "text"] data-label=(lb) {
                                            (clean(&q.b_label))
                                            @if let Some(s) = q.score.b { ", score " (format_score(s)) }
                                        }
                                        td.num data-label="Difference" { (format_difference(q.score.difference)) }
                                    }
                                }
                            }
                        }
                    }
                    @if c.questions.len() > QUESTIONS_SHOWN {
                        p.note { "And " (c.questions.len() - QUESTIONS_SHOWN) " more answers differ (all of them are in the JSON comparison)." }
                    }
                }
            }
            @for (heading, flags) in c.flags.sections(&la, &lb) {
                @if !flags.is_empty() {
                    section {
                        h2 { (heading) }
                        ul.flags {
                            @for f in flags {
                                @let (mark, class) = if f.severity == "red" { ("✗", "red") } else { ("✓", "green") };
                                li { span.mark.(class) aria-hidden="true" { (mark) } (clean(&f.title)) }
                            }
                        }
                    }
                }
            }
            @if c.redacted { footer { p { (REDACTED_NOTE) } } }
        };
        page(&title, body)
    }
}
