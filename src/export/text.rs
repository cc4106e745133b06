//! `--format text`: the terminal report. A verdict in a sentence, a table of
//! dimensions with score bars, coverage, flags, next steps with the answers
//! that led to them, and the levers that would move the score most.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use console::Style;

use super::{
    Exporter, LOW_CONFIDENCE, NO_VERDICT, REDACTED_NOTE, RenderOptions, bar, because_items,
    format_difference, format_opt_score, format_score, lever_sentence, notes, terminal_safe,
};
use crate::compare::Comparison;
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

        out.push_str(&wrap(
            &st.heading.apply_to(t(&r.bank.title)).to_string(),
            width,
            "",
        ));
        let _ = writeln!(out);
        match (r.overall.score, &r.overall.label) {
            (Some(score), Some(label)) => {
                let sentence = format!(
                    "Verdict: {}, with an overall score of {} out of 100.",
                    st.verdict(r.overall.verdict.as_deref()).apply_to(t(label)),
                    st.bold.apply_to(format_score(score))
                );
                out.push_str(&wrap(&sentence, width, ""));
            }
            _ => out.push_str(&wrap(NO_VERDICT, width, "")),
        }
        if let Some(summary) = &r.overall.summary {
            out.push_str(&wrap(&t(summary), width, ""));
        }
        for id in &r.overall.capped_by {
            if let Some(flag) = r.flags.iter().find(|f| &f.id == id) {
                let note = format!(
                    "(The score alone would give a better verdict; \"{}\" keeps it here.)",
                    t(&flag.title)
                );
                out.push_str(&st.dim.apply_to(wrap(&note, width, "")).to_string());
            }
        }
        let c = r.coverage;
        let _ = writeln!(out, "{}", super::coverage_sentence(r));
        if c.is_low() {
            out.push_str(
                &st.yellow
                    .apply_to(wrap(LOW_CONFIDENCE, width, ""))
                    .to_string(),
            );
        }
        let _ = writeln!(out);

        // Dimensions.
        let mut table = table(width, o.plain);
        table.set_header(vec!["Dimension", "Score", "", "Answered"]);
        for d in &r.dimensions {
            let (score, bar) = match d.score {
                Some(s) if o.plain => (format_score(s), String::new()),
                Some(s) => (format_score(s), bar(s)),
                None => ("–".to_string(), super::no_score(d).to_string()),
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
                out.push_str(&wrap_hanging(
                    &t(&f.title),
                    width,
                    &format!("  {} ", style.apply_to(mark)),
                    "    ",
                ));
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
                out.push_str(&wrap_hanging(
                    &st.bold.apply_to(t(&s.title)).to_string(),
                    width,
                    &format!("  {}. ", n + 1),
                    "     ",
                ));
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
                out.push_str(&wrap_hanging(&t(&lever_sentence(l)), width, "  • ", "    "));
            }
        }

        // Free-text answers, unless redacted.
        let notes = notes(r);
        if !notes.is_empty() && !r.redacted {
            let _ = writeln!(out, "\n{}", st.heading.apply_to("Your notes"));
            for (prompt, answer) in notes {
                out.push_str(&st.dim.apply_to(wrap(&t(prompt), width, "  ")).to_string());
                out.push_str(&wrap(&t(answer), width, "    "));
            }
        }

        if let Some(disclaimer) = &r.bank.disclaimer {
            let _ = writeln!(out);
            out.push_str(&st.dim.apply_to(wrap(&t(disclaimer), width, "")).to_string());
        }
        if r.redacted {
            let _ = writeln!(out, "\n{}", st.dim.apply_to(REDACTED_NOTE));
        }
        out
    }

    fn comparison(&self, c: &Comparison, o: &RenderOptions) -> String {
        let st = Styles::new(o.color);
        let width = usize::from(o.width.clamp(40, 160));
        let t = |s: &str| terminal_safe(s);
        let (la, lb) = (t(&c.a.label), t(&c.b.label));
        let mut out = String::new();

        out.push_str(&wrap(
            &st.heading
                .apply_to(format!("Comparing {la} and {lb}"))
                .to_string(),
            width,
            "",
        ));
        let _ = writeln!(out);
        if !c.same_bank {
            out.push_str(
                &st.yellow
                    .apply_to(wrap(&t(&different_banks(c)), width, ""))
                    .to_string(),
            );
        }
        for side in [&c.a, &c.b] {
            let verdict = side.verdict_label.as_deref().unwrap_or("no verdict");
            let line = format!(
                "{}: {} ({} of {} scored questions answered)",
                t(&side.label),
                st.verdict(side.verdict.as_deref()).apply_to(t(verdict)),
                side.answered,
                side.asked
            );
            out.push_str(&wrap(&line, width, ""));
        }
        let _ = writeln!(out);

        let mut table = table(width, o.plain);
        table.set_header(vec![
            "".to_string(),
            la.clone(),
            lb.clone(),
            "Difference".to_string(),
        ]);
        let row = |title: &str, d: &crate::compare::ScoreDiff| {
            vec![
                Cell::new(t(title)),
                Cell::new(format_opt_score(d.a)).set_alignment(CellAlignment::Right),
                Cell::new(format_opt_score(d.b)).set_alignment(CellAlignment::Right),
                Cell::new(format_difference(d.difference)).set_alignment(CellAlignment::Right),
            ]
        };
        table.add_row(row("Overall", &c.overall));
        for d in &c.dimensions {
            table.add_row(row(&d.title, &d.score));
        }
        let _ = writeln!(out, "{table}");

        if c.is_identical() {
            let _ = writeln!(
                out,
                "\nNo differences: every score, answer and flag is the same."
            );
        }

        if !c.questions.is_empty() {
            let _ = writeln!(out, "\n{}", st.heading.apply_to("Answers that differ most"));
            for (n, q) in c.questions.iter().take(QUESTIONS_SHOWN).enumerate() {
                out.push_str(&wrap_hanging(
                    &t(&q.prompt),
                    width,
                    &format!("  {}. ", n + 1),
                    "     ",
                ));
                for (label, answer, score) in
                    [(&la, &q.a_label, q.score.a), (&lb, &q.b_label, q.score.b)]
                {
                    let scored =
                        score.map_or(String::new(), |s| format!(", score {}", format_score(s)));
                    out.push_str(&wrap(
                        &format!("{label}: {}{scored}", t(answer)),
                        width,
                        "     ",
                    ));
                }
                if let Some(d) = q.score.difference {
                    let _ = writeln!(
                        out,
                        "{}",
                        st.dim
                            .apply_to(format!("     difference {}", format_difference(Some(d))))
                    );
                }
            }
            if c.questions.len() > QUESTIONS_SHOWN {
                let _ = writeln!(
                    out,
                    "  and {} more answers differ (all of them are in --format json)",
                    c.questions.len() - QUESTIONS_SHOWN
                );
            }
        }

        for (heading, flags) in c.flags.sections(&la, &lb) {
            if flags.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{}", st.heading.apply_to(heading));
            for f in flags {
                let (mark, style) = if f.severity == "red" {
                    ("✗", &st.red)
                } else {
                    ("✓", &st.green)
                };
                out.push_str(&wrap_hanging(
                    &t(&f.title),
                    width,
                    &format!("  {} ", style.apply_to(mark)),
                    "    ",
                ));
            }
        }
        if c.redacted {
            let _ = writeln!(out, "\n{}", st.dim.apply_to(REDACTED_NOTE));
        }
        out
    }
}

/// How many next steps the end of a session shows under "Start here" when
/// the result marks none.
pub const START_HERE: usize = 3;

/// The screen that ends a terminal session, short enough to fit a 24-line
/// terminal together with the menu under it: the verdict, the dimensions
/// and the first next steps. The full report is one key away.
pub fn end_screen(r: &AssessmentResult, o: &RenderOptions) -> String {
    let st = Styles::new(o.color);
    let width = usize::from(o.width.clamp(40, 160));
    let t = |s: &str| terminal_safe(s);
    let mut out = String::new();
    let coverage = super::coverage_sentence(r);
    match (r.overall.score, &r.overall.label) {
        (Some(score), Some(label)) if r.overall.withheld.is_some() => {
            let sentence = format!(
                "No verdict yet: {}. The score so far, {} out of 100, is provisional. {coverage}",
                t(label).to_lowercase(),
                format_score(score)
            );
            out.push_str(&wrap(&sentence, width, ""));
        }
        (Some(score), Some(label)) => {
            let sentence = format!(
                "Verdict: {}, {} out of 100. {coverage}",
                st.verdict(r.overall.verdict.as_deref()).apply_to(t(label)),
                st.bold.apply_to(format_score(score))
            );
            out.push_str(&wrap(&sentence, width, ""));
        }
        _ => out.push_str(&wrap(&format!("{NO_VERDICT} {coverage}"), width, "")),
    }
    if r.coverage.is_low() {
        out.push_str(
            &st.yellow
                .apply_to(wrap(LOW_CONFIDENCE, width, ""))
                .to_string(),
        );
    }
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    // Bars only where the titles still fit on one line beside them.
    let bars = !o.plain && width >= 72;
    for d in &r.dimensions {
        let (score, bar) = match d.score {
            Some(s) if bars => (format_score(s), bar(s)),
            Some(s) => (format_score(s), String::new()),
            None => ("–".to_string(), super::no_score(d).to_string()),
        };
        table.add_row(vec![
            Cell::new(t(&d.title)),
            Cell::new(score).set_alignment(CellAlignment::Right),
            Cell::new(bar),
        ]);
    }
    let _ = writeln!(out, "{table}");
    // The steps the result marks to start with (results of version 1 mark
    // none: their first steps).
    let marked: Vec<_> = r.next_steps.iter().filter(|s| s.start_here).collect();
    let first: Vec<_> = if marked.is_empty() {
        r.next_steps.iter().take(START_HERE).collect()
    } else {
        marked
    };
    if !first.is_empty() {
        let _ = writeln!(out, "{}", st.heading.apply_to("Start here"));
        for (n, s) in first.into_iter().enumerate() {
            out.push_str(&wrap_hanging(
                &t(&s.title),
                width,
                &format!("  {}. ", n + 1),
                "     ",
            ));
        }
    }
    out
}

/// How many differing questions the text, Markdown and HTML comparisons show.
pub const QUESTIONS_SHOWN: usize = 10;

/// The warning for results from different banks.
pub fn different_banks(c: &Comparison) -> String {
    format!(
        "These results come from different question banks (\"{}\" and \"{}\"): only the dimensions and questions they share can be compared.",
        c.a.bank, c.b.bank
    )
}

/// "because: Prompt → Answer" lines under a flag or a next step.
fn because(r: &AssessmentResult, ids: &[String], width: usize, st: &Styles) -> String {
    let mut out = String::new();
    for line in because_items(r, ids).iter().take(BECAUSE_SHOWN) {
        out.push_str(
            &st.dim
                .apply_to(wrap(&terminal_safe(line), width, "     "))
                .to_string(),
        );
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

/// Word-wraps `text` to `width` columns, every line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Word-wraps `text`, the first line starting with `first`, the rest with `indent`.
fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    crate::wrap::block(text, width, first, rest)
}

/// A table in the report's style, fitted to `width` columns; in plain
/// mode (screen readers, `TERM=dumb`) without box drawing.
fn table(width: usize, plain: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(if plain {
            presets::NOTHING
        } else {
            presets::UTF8_FULL_CONDENSED
        })
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    table
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
