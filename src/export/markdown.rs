//! `--format markdown`: a GitHub-flavoured Markdown report to paste into an
//! issue, a note or an email. Draws the shared [`Document`]: tables stay
//! tables, next steps become a `- [ ]` checklist, the answers an appendix.
//!
//! Every string from the bank or the answers goes through [`inline`], which
//! escapes for Markdown, not HTML: it cannot open a tag, a link, emphasis, a
//! heading, a list or a new table cell, yet reads the same pasted as plain
//! text (no `&amp;`), and a bare URL stays text, not a live link.

use std::fmt::Write as _;

use super::document::{self, Block, Cell, Document, Line, ListKind};
use super::{bar, share};
use crate::bank::Severity;

pub(super) fn draw(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&doc.title));
    for block in &doc.lead {
        draw_block(&mut out, block);
    }
    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", inline(&section.heading));
        for block in &section.blocks {
            draw_block(&mut out, block);
        }
    }
    if !doc.footer.is_empty() {
        let _ = writeln!(out, "---\n");
        for line in &doc.footer {
            let _ = writeln!(out, "*{}*\n", inline(line));
        }
    }
    trim_end(out)
}

/// A line of spans; `at_start`: it begins a line of the document, where a
/// `#` or a `-` could start a block.
fn spans(line: &Line, at_start: bool) -> String {
    line.iter()
        .enumerate()
        .map(|(i, s)| {
            if s.code && !s.text.contains('`') {
                return format!("`{}`", crate::sanitize::inline(&s.text));
            }
            let t = escape(&s.text, at_start && i == 0);
            if (s.strong || s.tone.is_some()) && !t.trim().is_empty() {
                // The spaces around stay outside the markers: "**a:** b", not
                // "**a:**b", which CommonMark does not take as bold.
                let core = t.trim();
                let (lead, rest) = t.split_at(t.len() - t.trim_start().len());
                let trail = &rest[core.len()..];
                format!("{lead}**{core}**{trail}")
            } else {
                t
            }
        })
        .collect()
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(line) => spans(line, false),
        Cell::Bar(score, _) => bar(*score),
        Cell::Count(part, whole) => bar(share(*part, *whole)),
        Cell::Muted(s) | Cell::Answer(s) => escape(s.trim(), false),
    }
}

fn draw_block(out: &mut String, block: &Block) {
    match block {
        Block::Para(line) => out.push_str(&format!("{}\n\n", spans(line, true))),
        Block::Note(s) => out.push_str(&format!("{}\n\n", inline(s))),
        Block::Warning(s) => out.push_str(&format!("> **{}**\n\n", inline(s))),
        Block::Subheading(s) => out.push_str(&format!("### {}\n\n", inline(s))),
        Block::Spectrum(s) => {
            out.push_str(&format!("{}\n\n", inline(&document::spectrum_words(s))))
        }
        Block::Pairs(_) => {}
        Block::Trend(t) => {
            let _ = writeln!(out, "Trend, each bar out of 100:\n\n```text");
            let rows = document::trend_rows(t);
            let w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
            for (label, bar, score) in rows {
                let label = crate::sanitize::inline(&label).replace('`', "'");
                let _ = writeln!(out, "{label:<w$}  {bar}  {score:>5}");
            }
            let _ = writeln!(out, "```\n\n{}\n", inline(&document::trend_words(t)));
        }
        Block::Table(t) => {
            let titles = t.columns.iter().map(|c| inline(&c.title)).collect();
            let align = (t.columns.iter()).map(|c| match c.align {
                document::Align::Left => ":--".to_string(),
                document::Align::Right => "--:".to_string(),
            });
            let rows = t.rows.iter().map(|r| r.iter().map(cell).collect());
            for row in [titles, align.collect::<Vec<_>>()].into_iter().chain(rows) {
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            let _ = writeln!(out);
        }
        Block::List(list) => {
            for (n, item) in list.items.iter().enumerate() {
                let marker = match (item.mark, list.kind) {
                    (Some(Severity::Red), _) => "- ✗ ".to_string(),
                    (Some(Severity::Green), _) => "- ✓ ".to_string(),
                    (None, ListKind::Bullets | ListKind::Conversation) => "- ".to_string(),
                    (None, ListKind::Numbered) => format!("{}. ", n + 1),
                    (None, ListKind::Checklist) => "- [ ] ".to_string(),
                };
                let _ = write!(out, "{marker}{}", spans(&item.title, false));
                match &item.detail {
                    Some(detail) if list.kind == ListKind::Conversation => {
                        let _ = write!(out, "  \n  {}", inline(detail));
                    }
                    Some(detail) => {
                        let joiner = document::joiner(&item.title);
                        let _ = write!(out, "{joiner}{}", inline(detail));
                    }
                    None => {}
                }
                let _ = writeln!(out);
                let pad = match list.kind {
                    ListKind::Numbered => "   ",
                    _ => "  ",
                };
                for reason in &item.reasons {
                    let _ = writeln!(out, "{pad}- {}", inline(reason));
                }
            }
            let _ = writeln!(out);
        }
    }
}

/// One final newline.
fn trim_end(mut s: String) -> String {
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// Where a bare URL starts: `http://`, `https://` or `www.`.
fn url_at(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

/// `&` followed by what reads as an entity (`&amp;`, `&#38;`).
fn entity_at(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[1 + body.len()..].starts_with(';')
}

/// Makes a bank or answer string inert inline Markdown that renders as the
/// same text and reads the same pasted as plain text. Line breaks and tabs
/// become spaces; control characters, escape sequences and bidi
/// overrides go ([`crate::sanitize::inline`]); Markdown punctuation (pipes
/// included, so table cells stay whole) is backslash-escaped; `<` and `&`
/// only where they could open a tag, an autolink or an entity; a leading
/// `-`, `+`, `=`, `>`, `#` or `1.` cannot start a block; a bare URL becomes
/// a code span, so no renderer turns it into a live link.
pub fn inline(s: &str) -> String {
    escape(s.trim(), true)
}

/// [`inline`] without the trim; block markers are escaped only `at_start`
/// of a line.
fn escape(s: &str, at_start: bool) -> String {
    let cleaned = crate::sanitize::inline(s);
    let text = cleaned.as_ref();
    let mut out = String::with_capacity(text.len() + 8);
    // A leading ordered-list marker: digits then `.` or `)`, then a space.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_marker_at = (at_start
        && digits > 0
        && matches!(text[digits..].chars().next(), Some('.' | ')'))
        && text[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace))
    .then_some(digits);
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        let at_word_start =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '*' | '_' | '~'));
        if at_word_start && url_at(rest) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..end];
            let url = token.trim_end_matches(['.', ',', ':', ';', ')', '!', '?', '\'', '"']);
            let fence = if url.contains('`') { "``" } else { "`" };
            let pad = if url.contains('`') { " " } else { "" };
            let _ = write!(out, "{fence}{pad}{}{pad}{fence}", url.replace('|', "\\|"));
            // Skip the URL's characters; the trailing punctuation is read again.
            while chars.peek().is_some_and(|&(j, _)| j < i + url.len()) {
                chars.next();
            }
            prev = url.chars().last();
            continue;
        }
        match c {
            '<' if rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("\\<");
            }
            '&' if entity_at(rest) => out.push_str("\\&"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '!' if rest[1..].starts_with('[') => out.push_str("\\!"),
            '-' | '+' | '=' | '>' | '#' if i == 0 && at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if Some(i) == list_marker_at => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
#[path = "../../tests/unit/export/markdown.rs"]
mod tests;
