//! `--format text`: the terminal report. Draws the shared [`Document`]
//! (the verdict in a sentence, "Start here", a table of dimensions with
//! score bars, flags, next steps with the answers that led to them, the
//! levers) word-wrapped to the terminal's width, coloured when asked. A
//! table too wide for the terminal without breaking words in its cells is
//! drawn as a list, as for a screen reader.

use std::fmt::Write as _;

use comfy_table::{Cell as TableCell, CellAlignment, ContentArrangement, Table, presets};
use console::Style;

use super::document::{self, Align, Audience, Block, Cell, Document, Item, Line, ListKind, Tone};
use super::{RenderOptions, bar, terminal_safe};
use crate::bank::Severity;
use crate::result::AssessmentResult;
use crate::wrap::block as wrap_hanging;

struct Styles {
    heading: Style,
    red: Style,
    green: Style,
    yellow: Style,
    dim: Style,
    bold: Style,
}

impl Styles {
    fn new(color: bool) -> Self {
        let s = |st: Style| st.force_styling(color);
        Styles {
            heading: s(Style::new().bold().underlined()),
            red: s(Style::new().red().bold()),
            green: s(Style::new().green().bold()),
            yellow: s(Style::new().yellow().bold()),
            dim: s(Style::new().dim()),
            bold: s(Style::new().bold()),
        }
    }
    fn tone(&self, tone: Tone) -> &Style {
        match tone {
            Tone::Good => &self.green,
            Tone::Bad => &self.red,
            Tone::Mixed => &self.yellow,
            Tone::Neutral => &self.bold,
        }
    }
}

/// The screen that ends a terminal session, in two parts: `head`, the
/// verdict line and, when a flag caps the verdict, the reason (kept in view
/// whatever the screen's size), and `body`: the warning of a provisional
/// result, the coverage, one compact line per dimension (with its bar
/// where the width allows and not for a screen reader), and the "Start
/// here" steps. The full report is one key away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndScreen {
    pub head: String,
    pub body: String,
}

pub fn end_screen(r: &AssessmentResult, o: &RenderOptions, plain: bool) -> EndScreen {
    let st = Styles::new(o.color);
    let width = usize::from(o.width.clamp(20, 160));
    let doc = super::report::report(r, Audience::Terminal);
    let mut head = String::new();
    let mut out = String::new();
    for block in &doc.lead {
        match block {
            Block::Warning(_) => out.push_str(&draw_block(block, width, &st, plain)),
            // The verdict: the first paragraph.
            Block::Para(_) if head.is_empty() => head = draw_block(block, width, &st, plain),
            _ => {}
        }
    }
    // A capped verdict's reason is part of the verdict line itself
    // (`document::verdict_line`, from `result::cap_reason`), so it is in
    // `head` already.
    let coverage = super::report::coverage_sentence(r);
    out.push_str(&styled(&coverage, width, &st.dim));
    let bars = !plain && width >= 72;
    let mut table = table(width, presets::NOTHING);
    // A dimension that asked nothing scored (an unscored profile, say) is
    // left to the full report.
    for d in r.dimensions.iter().filter(|d| d.asked > 0) {
        let score = super::format_opt_score(d.score);
        let mut row = vec![
            TableCell::new(terminal_safe(&d.title)),
            TableCell::new(score).set_alignment(CellAlignment::Right),
        ];
        match d.score {
            Some(s) if bars => row.push(TableCell::new(super::bar(s))),
            None => row.push(TableCell::new(super::report::no_score(d))),
            Some(_) => {}
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
    // "Start here" as the report lists it, in plain words.
    let first = super::report::start_here(r).into_iter();
    let first: Vec<Item> = first
        .map(|s| Item::titled(vec![document::plain(s.title.clone())]))
        .collect();
    if !first.is_empty() {
        let _ = writeln!(out, "{}", st.heading.apply_to("Start here"));
        let first = Block::list(ListKind::Numbered, first);
        out.push_str(&draw_block(&first, width, &st, plain));
    }
    EndScreen { head, body: out }
}

/// Draws a document for a terminal `o.width` columns wide; `plain`: for a
/// screen reader.
pub(super) fn draw(doc: &Document, o: &RenderOptions, plain: bool) -> String {
    let st = Styles::new(o.color);
    let width = usize::from(o.width.clamp(40, 160));
    let title = st.heading.apply_to(terminal_safe(&doc.title)).to_string();
    let mut out = wrap(&title, width, "") + "\n";
    for block in &doc.lead {
        out.push_str(&draw_block(block, width, &st, plain));
    }
    for section in &doc.sections {
        let h = terminal_safe(&section.heading);
        let _ = writeln!(out, "\n{}", st.heading.apply_to(h));
        for block in &section.blocks {
            out.push_str(&draw_block(block, width, &st, plain));
        }
    }
    for line in &doc.footer {
        let _ = writeln!(out);
        out.push_str(&styled(line, width, &st.dim));
    }
    out
}

fn spans(line: &Line, st: &Styles) -> String {
    line.iter()
        .map(|s| {
            let t = terminal_safe(&s.text);
            match (s.tone, s.strong) {
                (Some(tone), _) => st.tone(tone).apply_to(t).to_string(),
                (None, true) => st.bold.apply_to(t).to_string(),
                (None, false) => t,
            }
        })
        .collect()
}

/// `text` made inert, wrapped to `width` columns and styled.
fn styled(text: &str, width: usize, style: &Style) -> String {
    style
        .apply_to(wrap(&terminal_safe(text), width, ""))
        .to_string()
}

/// The spectrum drawn in two lines: the bands in their colours, lowest
/// first, and a marker under the score.
///
/// ```text
/// ━━━━━━━━━━━━━━━━━━━━━━┃━━━━━━━━━━━━┃━━━━━━━━━━━━━━
///            ▲ 25.4
/// ```
fn spectrum_line(s: &document::Spectrum, width: usize, st: &Styles) -> String {
    let n = width.saturating_sub(4).clamp(20, 60);
    let at = |i: usize| 100.0 * (i as f64 + 0.5) / n as f64;
    let mut bar = String::new();
    for i in 0..n {
        let x = at(i);
        let boundary = (s.segments.iter().skip(1))
            .any(|seg| (seg.from * n as f64 / 100.0).round() as usize == i);
        let tone = s.segments.iter().find(|seg| x >= seg.from && x < seg.to);
        let tone = tone.map_or(Tone::Neutral, |seg| seg.tone);
        let c = if boundary { "┃" } else { "━" };
        bar.push_str(&st.tone(tone).apply_to(c).to_string());
    }
    let mut out = format!("{bar}\n");
    if let Some(score) = s.score {
        let i = ((score.clamp(0.0, 100.0) / 100.0) * (n - 1) as f64).round() as usize;
        let label = format!(
            "{}{}",
            super::format_score(score),
            if s.provisional { " (provisional)" } else { "" }
        );
        let line = if i + 2 + label.chars().count() <= n {
            format!("{}▲ {label}", " ".repeat(i))
        } else {
            let pad = (i + 1).saturating_sub(label.chars().count() + 2);
            format!("{}{label} ▲", " ".repeat(pad))
        };
        out.push_str(&st.bold.apply_to(line).to_string());
        out.push('\n');
    }
    out
}

/// A table as lines, for a screen reader (no `bars`) or a terminal too
/// narrow for it: each row's first cell, then the others as "Column:
/// value", separated by commas for a screen reader; on a terminal, each
/// on a line of its own, a bar after the value before it.
fn list_table(t: &document::Table, width: usize, bars: bool) -> String {
    let mut out = String::new();
    for row in &t.rows {
        let mut parts: Vec<String> = Vec::new();
        for (i, (cell, col)) in row.iter().zip(&t.columns).enumerate() {
            if !bars && matches!(cell, Cell::Bar(..) | Cell::Count(..)) {
                continue;
            }
            let text = cell_text(cell);
            match parts.last_mut() {
                Some(last) if bars && col.title.is_empty() => *last = format!("{last} {text}"),
                _ if i == 0 || col.title.is_empty() => parts.push(text),
                _ => parts.push(format!("{}: {text}", terminal_safe(&col.title))),
            }
        }
        if bars {
            for (i, part) in parts.iter().enumerate() {
                let indent = if i == 0 { "  " } else { "    " };
                out.push_str(&wrap_hanging(part, width, indent, "    "));
            }
        } else {
            out.push_str(&wrap_hanging(&parts.join(", "), width, "  ", "    "));
        }
    }
    out
}

/// A cell's text; a score as its bar.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(line) => line.iter().map(|s| terminal_safe(&s.text)).collect(),
        Cell::Bar(score, _) => bar(*score),
        Cell::Count(part, whole) => bar(super::share(*part, *whole)),
        Cell::Muted(s) | Cell::Answer(s) => terminal_safe(s),
    }
}

/// Whether a table fits `width` columns with no word broken in a cell:
/// each column as wide as its longest word (a bar whole), with its
/// borders and padding.
fn fits(t: &document::Table, width: usize) -> bool {
    let longest = |s: &str| s.split_whitespace().map(crate::wrap::width_of).max();
    let need: usize = (t.columns.iter().enumerate())
        .map(|(i, c)| {
            let cells = t.rows.iter().filter_map(|r| r.get(i)).map(cell_text);
            cells
                .chain([terminal_safe(&c.title)])
                .filter_map(|s| longest(&s))
                .max()
                .unwrap_or(0)
                + 3
        })
        .sum();
    need < width
}

fn draw_block(block: &Block, width: usize, st: &Styles, plain: bool) -> String {
    match block {
        Block::Para(line) => wrap(&spans(line, st), width, ""),
        Block::Note(s) => styled(s, width, &st.dim),
        Block::Warning(s) => styled(s, width, &st.yellow),
        Block::Subheading(s) => format!("\n{}\n", st.bold.apply_to(terminal_safe(s))),
        Block::Spectrum(s) => {
            let words = styled(&document::spectrum_words(s), width, &st.dim);
            match plain {
                true => words,
                false => format!("{}{words}", spectrum_line(s, width, st)),
            }
        }
        Block::Pairs(_) => String::new(),
        Block::Trend(t) if plain => wrap(
            &format!("Trend: {}", terminal_safe(&document::trend_words(t))),
            width,
            "",
        ),
        Block::Trend(t) => {
            let rows = document::trend_rows(t);
            let w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
            let mut out = String::from("Trend, each bar out of 100:");
            for ((label, bar, score), p) in rows.iter().zip(&t.points) {
                let label = terminal_safe(label);
                let bar = st.tone(p.tone).apply_to(bar);
                let _ = write!(out, "\n  {label:<w$}  {bar}  {score:>5}");
            }
            out + "\n"
        }
        Block::Table(t) if plain || !fits(t, width) => list_table(t, width, !plain),
        Block::Table(t) => {
            let mut table = table(width, presets::UTF8_FULL_CONDENSED);
            table.set_header(t.columns.iter().map(|c| terminal_safe(&c.title)));
            for row in &t.rows {
                table.add_row(row.iter().zip(&t.columns).map(|(cell, c)| {
                    let cell = TableCell::new(cell_text(cell));
                    match c.align {
                        Align::Right => cell.set_alignment(CellAlignment::Right),
                        Align::Left => cell,
                    }
                }));
            }
            format!("{table}\n")
        }
        Block::List(list) => {
            let mut out = String::new();
            for (n, item) in list.items.iter().enumerate() {
                let marker = match (item.mark, list.kind) {
                    (Some(Severity::Red), _) if plain => "  Red flag: ".to_string(),
                    (Some(Severity::Green), _) if plain => "  Green flag: ".to_string(),
                    (Some(Severity::Red), _) => format!("  {} ", st.red.apply_to("✗")),
                    (Some(Severity::Green), _) => format!("  {} ", st.green.apply_to("✓")),
                    (None, ListKind::Bullets | ListKind::Conversation) if plain => {
                        "  - ".to_string()
                    }
                    (None, ListKind::Bullets | ListKind::Conversation) => "  • ".to_string(),
                    (None, ListKind::Numbered | ListKind::Checklist) => format!("  {}. ", n + 1),
                };
                let indent = " ".repeat(crate::wrap::width_of(&marker).min(5));
                out.push_str(&wrap_hanging(
                    &spans(&item.title, st),
                    width,
                    &marker,
                    &indent,
                ));
                if let Some(detail) = &item.detail {
                    out.push_str(&wrap(&terminal_safe(detail), width, &indent));
                }
                for reason in &item.reasons {
                    let lines = wrap(&terminal_safe(reason), width, &indent);
                    if list.kind == ListKind::Conversation {
                        out.push_str(&lines);
                    } else {
                        out.push_str(&st.dim.apply_to(lines).to_string());
                    }
                }
            }
            out
        }
    }
}

/// Word-wraps `text` to `width` columns, every line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// A table in `style`, fitted to `width` columns.
fn table(width: usize, style: comfy_table::TableStyle) -> Table {
    let mut table = Table::new();
    table
        .load_style(style)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    table
}

#[cfg(test)]
#[path = "../../tests/unit/export/text.rs"]
mod tests;
