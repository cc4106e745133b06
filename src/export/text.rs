//! `--format text`: the terminal report. A verdict in a sentence, a table of
//! dimensions with score bars, coverage, flags, next steps with the answers
//! that led to them, and the levers that would move the score most.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use console::Style;

use super::{Exporter, RenderOptions, terminal_safe};
use crate::result::AssessmentResult;

pub struct TextExporter;

/// How many `because` entries a next step shows before "and N more".
const BECAUSE_SHOWN: usize = 3;

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
    fn verdict(&self, verdict: Option<&str>) -> &Style {
        match verdict {
            Some("positive") => &self.green,
            Some("sidelined") => &self.red,
            Some(_) => &self.yellow,
            None => &self.dim,
        }
    }
}

impl Exporter for TextExporter {
    fn report(&self, r: &AssessmentResult, o: &RenderOptions) -> String {
        let st = Styles::new(o.color);
        let width = usize::from(o.width.clamp(40, 160));
        let t = |s: &str| terminal_safe(s);
        let mut out = String::new();

        let _ = writeln!(out, "{}", st.heading.apply_to(t(&r.bank.title)));
        let _ = writeln!(out);
        match (r.overall.score, &r.overall.label) {
            (Some(score), Some(label)) => {
                let _ = writeln!(
                    out,
                    "Verdict: {}, with an overall score of {} out of 100.",
                    st.verdict(r.overall.verdict.as_deref()).apply_to(t(label)),
                    st.bold.apply_to(format_score(score))
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "No verdict: none of the scored questions was answered."
                );
            }
        }
        if let Some(summary) = &r.overall.summary {
            out.push_str(&wrap(&t(summary), width, ""));
        }
        for id in &r.overall.capped_by {
            if let Some(flag) = r.flags.iter().find(|f| &f.id == id) {
                let _ = writeln!(
                    out,
                    "{}",
                    st.dim.apply_to(format!(
                        "(The score alone would give a better verdict; \"{}\" keeps it here.)",
                        t(&flag.title)
                    ))
                );
            }
        }
        let c = r.coverage;
        let _ = writeln!(
            out,
            "Answered {} of {} scored questions{}.",
            c.answered,
            c.asked,
            if r.mode == "quick" {
                " (quick mode)"
            } else {
                ""
            }
        );
        if c.is_low() {
            let _ = writeln!(
                out,
                "{}",
                st.yellow.apply_to(
                    "Low confidence: fewer than half the questions were answered, so read this as a first impression."
                )
            );
        }
        let _ = writeln!(out);

        // Dimensions.
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width as u16)
            .set_header(vec!["Dimension", "Score", "", "Answered"]);
        for d in &r.dimensions {
            let (score, bar) = match d.score {
                Some(s) => (format_score(s), bar(s)),
                None => ("–".to_string(), "not answered".to_string()),
            };
            table.add_row(vec![
                Cell::new(t(&d.title)),
                Cell::new(score).set_alignment(CellAlignment::Right),
                Cell::new(bar),
                Cell::new(format!("{} of {}", d.answered, d.asked))
                    .set_alignment(CellAlignment::Right),
            ]);
        }
        let _ = writeln!(out, "{table}");

        // Flags.
        for (severity, heading, mark, style) in [
            ("red", "Red flags", "✗", &st.red),
            ("green", "Green flags", "✓", &st.green),
        ] {
            let flags: Vec<_> = r.flags.iter().filter(|f| f.severity == severity).collect();
            if flags.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{}", st.heading.apply_to(heading));
            for f in flags {
                let _ = writeln!(out, "  {} {}", style.apply_to(mark), t(&f.title));
                if let Some(detail) = &f.detail {
                    out.push_str(&wrap(&t(detail), width, "    "));
                }
                out.push_str(&because(r, &f.because, width, &st));
            }
        }

        // Next steps.
        if !r.next_steps.is_empty() {
            let _ = writeln!(out, "\n{}", st.heading.apply_to("Next steps"));
            for (n, s) in r.next_steps.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", n + 1, st.bold.apply_to(t(&s.title)));
                if !s.detail.is_empty() {
                    out.push_str(&wrap(&t(&s.detail), width, "     "));
                }
                out.push_str(&because(r, &s.because, width, &st));
            }
        }

        // Levers.
        if !r.levers.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                st.heading.apply_to("What would move your score most")
            );
            for l in &r.levers {
                let line = format!(
                    "If your answer to \"{}\" were \"{}\" instead of \"{}\", your score would rise from {} to {} (+{}).",
                    t(&l.prompt),
                    t(&l.to_label),
                    t(&l.from_label),
                    format_score(l.overall_from),
                    format_score(l.overall_to),
                    format_score(l.gain)
                );
                out.push_str(&wrap_hanging(&line, width, "  • ", "    "));
            }
        }

        if let Some(disclaimer) = &r.bank.disclaimer {
            let _ = writeln!(out);
            out.push_str(&st.dim.apply_to(wrap(&t(disclaimer), width, "")).to_string());
        }
        if r.redacted {
            let _ = writeln!(
                out,
                "\n{}",
                st.dim
                    .apply_to("Free-text answers are left out of this copy.")
            );
        }
        out
    }
}

/// "because: Prompt → Answer" lines under a flag or a next step.
fn because(r: &AssessmentResult, ids: &[String], width: usize, st: &Styles) -> String {
    let mut out = String::new();
    for id in ids.iter().take(BECAUSE_SHOWN) {
        let line = match r.question(id) {
            Some(q) => format!(
                "because you answered \"{}\" to: {}",
                terminal_safe(q.answer_label.as_deref().unwrap_or("(skipped)")),
                terminal_safe(&q.prompt)
            ),
            None => format!("because of question {id}"),
        };
        out.push_str(&st.dim.apply_to(wrap(&line, width, "     ")).to_string());
    }
    if ids.len() > BECAUSE_SHOWN {
        let _ = writeln!(
            out,
            "{}",
            st.dim.apply_to(format!(
                "     and {} more answers",
                ids.len() - BECAUSE_SHOWN
            ))
        );
    }
    out
}

/// A score with at most one decimal: `63.4`, `70`.
pub fn format_score(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

/// A ten-cell bar for a 0–100 score.
fn bar(score: f64) -> String {
    let filled = ((score / 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// Word-wraps `text` to `width` columns, every line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Word-wraps `text`, the first line starting with `first`, the rest with `indent`.
fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let room = width.saturating_sub(rest.chars().count()).max(20);
    let mut out = String::new();
    let mut indent = first;
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split_whitespace() {
            let wlen = word.chars().count();
            if len > 0 && len + 1 + wlen > room {
                let _ = writeln!(out, "{indent}{line}");
                indent = rest;
                line.clear();
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += wlen;
        }
        let _ = writeln!(out, "{indent}{line}");
        indent = rest;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole_and_indents() {
        let w = wrap("one two three four five six seven", 28, "  ");
        assert!(
            w.lines()
                .all(|l| l.starts_with("  ") && l.chars().count() <= 28),
            "{w}"
        );
        assert_eq!(w.split_whitespace().count(), 7);
    }

    #[test]
    fn bars_and_scores() {
        assert_eq!(bar(63.4), "██████░░░░");
        assert_eq!(bar(100.0), "██████████");
        assert_eq!(format_score(70.0), "70");
        assert_eq!(format_score(63.4), "63.4");
    }
}
