//! `--format html`: one self-contained page to keep, send or print. Draws
//! the shared [`Document`] with inline CSS and inline SVG only: no scripts,
//! no fonts, no images, nothing fetched (a Content Security Policy says so
//! too). The verdict is a picture (a spectrum from the bank's lowest band
//! to its highest, with a marker at the score); dimension bars take their
//! band's colour; fluid on a phone, dark when the reader's system is, and
//! clean on A4 or Letter paper.
//!
//! The page is a `maud` template: every interpolated string is HTML-escaped
//! by the template engine; [`clean`] also turns control characters (ANSI
//! escapes among them) into `�` first.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::document::{
    self, Align, Block, Cell, Document, Line, List, ListKind, Pairs, Spectrum, Table, Tone,
};
use super::{format_score, terminal_safe};
use crate::bank::Severity;

/// The page's style, in its own file (`page.css`) so it reads as CSS.
const CSS: &str = include_str!("page.css");

/// The trend chart's style: only pages that draw one carry it.
const TREND_CSS: &str = include_str!("trend.css");

/// Control characters (ANSI escapes among them) as `�`; newlines kept.
fn clean(s: &str) -> String {
    // A day (2026-01-12) is never broken at its hyphens: they become
    // non-breaking hyphens, which look the same.
    let mut c: Vec<char> = terminal_safe(s).chars().collect();
    let digits = |c: &[char], r: std::ops::Range<usize>| {
        r.end <= c.len() && c[r].iter().all(char::is_ascii_digit)
    };
    for i in 4..c.len() {
        if c[i] == '-'
            && c.get(i + 3) == Some(&'-')
            && digits(&c, i - 4..i)
            && digits(&c, i + 1..i + 3)
            && digits(&c, i + 4..i + 6)
        {
            c[i] = '\u{2011}';
            c[i + 3] = '\u{2011}';
        }
    }
    c.into_iter().collect()
}

/// The page around a body.
fn page(title: &str, body: Markup) -> String {
    let body = body.into_string();
    let css = if body.contains("<figure class=\"trend\">") {
        format!("{CSS}{TREND_CSS}")
    } else {
        CSS.to_string()
    };
    let body = PreEscaped(body);
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
                style { (PreEscaped(css)) }
            }
            body {
                main { (body) }
            }
        }
    }
    .into_string()
    // Classes toggled off leave `class=""`; text cannot contain it, as maud
    // escapes every `"` in text and attribute values.
    .replace(" class=\"\"", "")
        + "\n"
}

/// The CSS class of a tone.
fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "good",
        Tone::Mixed => "mixed",
        Tone::Bad => "bad",
        Tone::Neutral => "neutral",
    }
}

/// The text colour class of a tone, for words.
fn word_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "green",
        Tone::Mixed => "amber",
        Tone::Bad => "red",
        Tone::Neutral => "none",
    }
}

/// A label that may break after `.`, `/`, `_` or `-` on a narrow screen.
fn breakable(s: &str) -> Markup {
    let s = clean(s);
    // A date or a short file name stays whole ("2025-01-15", "current.json").
    let parts = if s.chars().count() > 16 {
        &['.', '/', '_', '-'][..]
    } else {
        &[]
    };
    html! {
        @for (i, part) in s.split_inclusive(parts).enumerate() {
            @if i > 0 { wbr; }
            (part)
        }
    }
}

fn bar(score: f64, class: &str) -> Markup {
    html! {
        span.bar.(class) role="img" aria-label=(format!("{} out of 100", format_score(score))) {
            span style=(format!("width:{:.1}%", score.clamp(0.0, 100.0))) {}
        }
    }
}

/// A count out of a whole as a bar, read out as "5 of 12".
fn count_bar(part: usize, whole: usize) -> Markup {
    html! {
        span.bar role="img" aria-label=(format!("{part} of {whole}")) {
            span style=(format!("width:{:.1}%", super::share(part, whole))) {}
        }
    }
}

fn spans(line: &Line) -> Markup {
    html! {
        @for s in line {
            @match (s.tone, s.strong) {
                (Some(t), _) => strong.(word_class(t)) { (clean(&s.text)) },
                (None, true) => strong { (clean(&s.text)) },
                (None, false) if s.code => code { (clean(&s.text)) },
                (None, false) => (clean(&s.text)),
            }
        }
    }
}

/// Where the score's label sits over the marker: centred, or leaning in
/// near either end so it is never cut off.
fn pin_style(x: f64) -> String {
    let shift = if x < 15.0 {
        "-.45rem"
    } else if x > 85.0 {
        "calc(-100% + .45rem)"
    } else {
        "-50%"
    };
    format!("left:{x:.1}%;transform:translateX({shift})")
}

/// The verdict as a picture: the bands left (lowest) to right (highest) in
/// their tones, a marker at the score, the band names and boundaries below.
fn spectrum(s: &Spectrum) -> Markup {
    let words = document::spectrum_words(s);
    let at = s.score.map(|x| x.clamp(0.0, 100.0));
    html! {
        figure.spectrum {
            div.track {
                @if let (Some(x), Some(score)) = (at, s.score) {
                    span.pin style=(pin_style(x)) {
                        "▼ " (format_score(score)) @if s.provisional { " (provisional)" }
                    }
                }
                svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=(clean(&words)) {
                    @for seg in &s.segments {
                        rect.(tone_class(seg.tone)) x=(format!("{:.1}", seg.from)) y="0"
                            width=(format!("{:.1}", seg.to - seg.from)) height="10" {}
                    }
                    @for seg in s.segments.iter().skip(1) {
                        rect.sep x=(format!("{:.2}", seg.from - 0.15)) y="0" width="0.3" height="10" {}
                    }
                    @if let Some(x) = at {
                        rect.marker x=(format!("{:.2}", (x - 0.6).clamp(0.0, 98.8))) y="0" width="1.2" height="10"
                            fill-opacity=(if s.provisional { "0.5" } else { "1" }) {}
                    }
                }
            }
            div.bands aria-hidden="true" {
                @for seg in &s.segments {
                    span style=(format!("width:{:.1}%", seg.to - seg.from)) {
                        (clean(&seg.label)) br;
                        (document::bound(seg.from)) "–" (document::bound(seg.to))
                    }
                }
            }
            figcaption { (clean(&words)) }
        }
    }
}

fn pairs(p: &Pairs) -> Markup {
    html! {
        div.pairs role="img" aria-label="The scores side by side, as bars" {
            div.legend aria-hidden="true" {
                i.a {} (clean(&p.a)) i.b {} (clean(&p.b))
            }
            @for (title, a, b) in &p.rows {
                div.row {
                    span { (clean(title)) }
                    @match a { Some(x) => (bar(*x, "a")), None => span.note { "no score" } }
                    @match b { Some(x) => (bar(*x, "b")), None => span.note { "no score" } }
                }
            }
        }
    }
}

/// The overall score over time as an SVG line over the bands: it scales
/// to the page's width (a phone's too), takes the page's colours (dark
/// mode, print) and carries its words for a screen reader.
fn trend(t: &document::Trend) -> Markup {
    // The drawing's own units: 100 tall (the score), 100 wide; it is
    // stretched to the figure, so dots are round line caps and strokes
    // keep their width (non-scaling), and the labels are HTML below it.
    let n = t.points.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            50.0
        } else {
            6.0 + 88.0 * i as f64 / (n - 1) as f64
        }
    };
    let y = |score: f64| 100.0 - score.clamp(0.0, 100.0);
    let line: Vec<String> = (t.points.iter().enumerate())
        .filter_map(|(i, p)| p.score.map(|s| format!("{:.2},{:.2}", x(i), y(s))))
        .collect();
    let words = document::trend_words(t);
    // A capped verdict's dot sits in a band of another tone.
    let capped = t.points.iter().any(|p| {
        p.score.is_some_and(|s| {
            (t.bands.iter()).any(|b| s >= b.from && (s < b.to || b.to >= 100.0) && b.tone != p.tone)
        })
    });
    html! {
        figure.trend {
            svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label=(clean(&words)) {
                @for b in &t.bands {
                    rect class=(format!("band {}", tone_class(b.tone))) x="0" y=(format!("{:.2}", y(b.to))) width="100" height=(format!("{:.2}", (b.to - b.from).max(0.0))) {}
                }
                @if line.len() > 1 {
                    polyline.line points=(line.join(" ")) {}
                }
                @for (i, p) in t.points.iter().enumerate() {
                    @if let Some(s) = p.score {
                        line class=(format!("dot {}", tone_class(p.tone))) x1=(format!("{:.2}", x(i))) y1=(format!("{:.2}", y(s))) x2=(format!("{:.2}", x(i))) y2=(format!("{:.2}", y(s))) {}
                    }
                }
            }
            ol.trend-labels aria-hidden="true" {
                @for (i, p) in t.points.iter().enumerate() {
                    li style=(format!("left: {:.2}%", x(i))) {
                        strong { (super::format_opt_score(p.score)) }
                        span { (clean(&p.label)) }
                    }
                }
            }
            div.trend-bands aria-hidden="true" {
                @for b in t.bands.iter().rev() {
                    span { i class=(tone_class(b.tone)) {} (clean(&b.label)) " " (format_score(b.from).trim_end_matches(".0")) "+" }
                }
            }
            @if capped {
                p.note { "A dot has its verdict\u{2019}s colour: one unlike its band\u{2019}s is a verdict held lower than its score by a warning sign (see \u{201c}Why a verdict is lower than its score\u{201d})." }
            }
            figcaption { (clean(&words)) }
        }
    }
}

fn cell_content(c: &Cell) -> Markup {
    html! {
        @match c {
            Cell::Text(line) => (spans(line)),
            Cell::Bar(score, tone) => (bar(*score, tone_class(*tone))),
            Cell::Muted(s) => span.note { (clean(s)) },
            Cell::Answer(s) => (clean(s)),
            Cell::Count(part, whole) => (count_bar(*part, *whole)),
        }
    }
}

fn table(t: &Table) -> Markup {
    let bars = (t.rows.iter()).any(|r| r.iter().any(|c| matches!(c, Cell::Bar(..))));
    // Rows of a name and three or more numbers: on a phone the name takes
    // a line of its own and the numbers a line under the column titles.
    let numbers =
        !t.stack && t.columns.len() > 3 && t.columns[1..].iter().all(|c| c.align == Align::Right);
    let cols = numbers.then(|| format!("--cols:{}", t.columns.len() - 1));
    html! {
        div.table-wrap {
            table.stack[t.stack].dims[bars].numbers[numbers] style=[cols] {
                thead { tr {
                    @for c in &t.columns {
                        th.num[c.align == Align::Right] scope="col" { (breakable(&c.title)) }
                    }
                } }
                tbody {
                    @for row in &t.rows {
                        tr {
                            @for (i, (c, col)) in row.iter().zip(&t.columns).enumerate() {
                                @if i == 0 && !t.stack {
                                    th scope="row" { (cell_content(c)) }
                                } @else {
                                    td.num[col.align == Align::Right].barcell[matches!(c, Cell::Bar(..))].text-answer[matches!(c, Cell::Answer(_))]
                                        data-label=[(i > 0).then(|| clean(&col.title))] {
                                        (cell_content(c))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn list(l: &List) -> Markup {
    // A list with marks is a grid of two columns: an item without one
    // keeps its (empty) mark cell, so its text stays in the wide column.
    let marked = l.items.iter().any(|i| i.mark.is_some());
    let items = html! {
        @for item in &l.items {
            li {
                @match item.mark {
                    Some(Severity::Red) => span.mark.red aria-hidden="true" { "✗" },
                    Some(Severity::Green) => span.mark.green aria-hidden="true" { "✓" },
                    None if marked => span.mark aria-hidden="true" { "•" },
                    None => {},
                }
                @if l.kind == ListKind::Checklist { span.box aria-hidden="true" {} }
                div {
                    (spans(&item.title))
                    @if let Some(d) = &item.detail {
                        @if l.kind == ListKind::Conversation { p.closing { (clean(d)) } } @else { (document::joiner(&item.title)) (clean(d)) }
                    }
                    @if l.kind == ListKind::Conversation {
                        @for r in &item.reasons { p.closing { (clean(r)) } }
                    } @else if !item.reasons.is_empty() {
                        ul.because { @for r in &item.reasons { li { "↳ " (clean(r)) } } }
                    }
                }
            }
        }
    };
    html! {
        @match l.kind {
            ListKind::Numbered => ol { (items) },
            ListKind::Checklist => ul.steps { (items) },
            ListKind::Bullets => ul.flags[marked] { (items) },
            ListKind::Conversation => ul.talk { (items) },
        }
    }
}

fn block(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Para(line) if line.iter().any(|s| s.tone.is_some()) => p.verdict { (spans(line)) },
            Block::Para(line) => p { (spans(line)) },
            Block::Note(s) => p.note { (clean(s)) },
            Block::Warning(s) => p.warning role="note" { (clean(s)) },
            Block::Subheading(s) => h3 { (clean(s)) },
            Block::Spectrum(s) => (spectrum(s)),
            Block::Table(t) => (table(t)),
            Block::List(l) => (list(l)),
            Block::Pairs(p) => (pairs(p)),
            Block::Trend(t) => (trend(t)),
        }
    }
}

/// Rows or items past which a block is not kept on one sheet of paper: a
/// longer one would leave most of a page blank when moved whole, and split
/// anyway when longer than a page.
const KEEP_WHOLE: usize = 12;

/// Whether a block is short enough to move whole to the next sheet.
fn short(b: &Block) -> bool {
    match b {
        Block::Table(t) => t.rows.len() <= KEEP_WHOLE,
        Block::List(l) => l.items.len() <= KEEP_WHOLE / 2,
        _ => true,
    }
}

/// Blocks in order; a subheading and a short block after it stay together
/// on paper. A long block starts under its subheading (`h3` avoids a
/// break after it) and breaks between rows.
fn blocks(bs: &[Block]) -> Markup {
    let mut out = String::new();
    let mut i = 0;
    while i < bs.len() {
        if matches!(bs[i], Block::Subheading(_)) && bs.get(i + 1).is_some_and(short) {
            out.push_str(
                &html! { div.group { (block(&bs[i])) (block(&bs[i + 1])) } }.into_string(),
            );
            i += 2;
        } else {
            out.push_str(&block(&bs[i]).into_string());
            i += 1;
        }
    }
    PreEscaped(out)
}

/// Headed sections from which a page lists them at its top, as links: on a
/// phone a long page is many screens, and a reader jumps to the part or
/// group they want.
const CONTENTS_FROM: usize = 5;

pub(super) fn draw(doc: &Document) -> String {
    let body = html! {
        header {
            h1 { (clean(&doc.title)) }
            @for b in &doc.lead { (block(b)) }
            @if doc.sections.len() >= CONTENTS_FROM {
                nav.contents aria-label="On this page" {
                    span.note { "On this page:" }
                    @for s in &doc.sections { a href=(format!("#{}", s.id)) { (clean(&s.heading)) } }
                }
            }
        }
        @for s in &doc.sections {
            section id=(s.id) class=[(s.id == "start-here" || s.id == "together").then_some("start")] {
                h2 { (clean(&s.heading)) }
                (blocks(&s.blocks))
            }
        }
        @if !doc.footer.is_empty() {
            footer { @for line in &doc.footer { p { (clean(line)) } } }
        }
    };
    page(&doc.title, body)
}

#[cfg(test)]
#[path = "../../tests/unit/export/html.rs"]
mod tests;
