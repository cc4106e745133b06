//! `--format markdown`: a GitHub-flavoured Markdown report to paste into an
//! issue, a note or an email: a table of dimensions, next steps as a `- [ ]`
//! checklist, the levers, and the answers in an appendix.
//!
//! Every string from the bank or the answers goes through [`inline`], which
//! makes it plain text: it cannot open a tag, a link, emphasis, a heading, a
//! list or a new table cell, and carries no control characters.

use std::fmt::Write as _;

use super::{
    Exporter, LOW_CONFIDENCE, NO_VERDICT, REDACTED_NOTE, RenderOptions, answer_words, bar,
    because_items, format_difference, format_opt_score, format_score, lever_sentence,
    text::{QUESTIONS_SHOWN, different_banks},
};
use crate::compare::{Comparison, ScoreDiff};
use crate::result::AssessmentResult;

pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn report(&self, r: &AssessmentResult, _: &RenderOptions) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", inline(&r.bank.title));

        match (r.overall.score, &r.overall.label) {
            (Some(score), Some(label)) => {
                let _ = write!(
                    out,
                    "**Verdict: {}**, with an overall score of **{}** out of 100.",
                    inline(label),
                    format_score(score)
                );
                if let Some(summary) = &r.overall.summary {
                    let _ = write!(out, " {}", inline(summary));
                }
                let _ = writeln!(out, "\n");
            }
            _ => {
                let _ = writeln!(out, "{}\n", inline(NO_VERDICT));
            }
        }
        for id in &r.overall.capped_by {
            if let Some(flag) = r.flags.iter().find(|f| &f.id == id) {
                let _ = writeln!(
                    out,
                    "> The score alone would give a better verdict; \"{}\" keeps it here.\n",
                    inline(&flag.title)
                );
            }
        }
        let c = r.coverage;
        let _ = writeln!(out, "{}\n", super::coverage_sentence(r));
        if c.is_low() {
            let _ = writeln!(out, "> **Warning:** {}\n", inline(LOW_CONFIDENCE));
        }

        // Dimensions.
        let _ = writeln!(out, "## Dimensions\n");
        let _ = writeln!(out, "| Dimension | Score | | Answered |");
        let _ = writeln!(out, "| :-- | --: | :-- | --: |");
        for d in &r.dimensions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} of {} |",
                inline(&d.title),
                format_opt_score(d.score),
                d.score.map_or_else(|| super::no_score(d).to_string(), bar),
                d.answered,
                d.asked
            );
        }
        let _ = writeln!(out);

        // Flags.
        for (severity, heading, mark) in [("red", "Red flags", "✗"), ("green", "Green flags", "✓")]
        {
            let flags: Vec<_> = r.flags.iter().filter(|f| f.severity == severity).collect();
            if flags.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {heading}\n");
            for f in flags {
                let _ = write!(out, "- {mark} **{}**", inline(&f.title));
                if let Some(detail) = &f.detail {
                    let _ = write!(out, ": {}", inline(detail));
                }
                let _ = writeln!(out);
                for line in because_items(r, &f.because) {
                    let _ = writeln!(out, "  - {}", inline(&line));
                }
            }
            let _ = writeln!(out);
        }

        // Next steps, as a checklist.
        if !r.next_steps.is_empty() {
            let _ = writeln!(out, "## Next steps\n");
            for s in &r.next_steps {
                let _ = write!(out, "- [ ] **{}**", inline(&s.title));
                if !s.detail.is_empty() {
                    let _ = write!(out, ": {}", inline(&s.detail));
                }
                let _ = writeln!(out);
                for line in because_items(r, &s.because) {
                    let _ = writeln!(out, "  - {}", inline(&line));
                }
            }
            let _ = writeln!(out);
        }

        // Levers.
        if !r.levers.is_empty() {
            let _ = writeln!(out, "## What would move your score most\n");
            for (n, l) in r.levers.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", n + 1, inline(&lever_sentence(l)));
            }
            let _ = writeln!(out);
        }

        // Appendix: every asked question and its answer.
        let _ = writeln!(out, "## Appendix: your answers\n");
        for d in &r.dimensions {
            if d.questions.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {}\n", inline(&d.title));
            let _ = writeln!(out, "| Question | Your answer | Score |");
            let _ = writeln!(out, "| :-- | :-- | --: |");
            for q in &d.questions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    inline(&q.prompt),
                    inline(&answer_words(r, q)),
                    if q.scored {
                        format_opt_score(q.score)
                    } else {
                        "not scored".to_string()
                    }
                );
            }
            let _ = writeln!(out);
        }

        if r.bank.disclaimer.is_some() || r.redacted {
            let _ = writeln!(out, "---\n");
        }
        if let Some(disclaimer) = &r.bank.disclaimer {
            let _ = writeln!(out, "*{}*\n", inline(disclaimer));
        }
        if r.redacted {
            let _ = writeln!(out, "*{}*\n", inline(REDACTED_NOTE));
        }
        trim_end(out)
    }

    fn comparison(&self, c: &Comparison, _: &RenderOptions) -> String {
        let (la, lb) = (inline(&c.a.label), inline(&c.b.label));
        let mut out = String::new();
        let _ = writeln!(out, "# Comparing {la} and {lb}\n");
        if !c.same_bank {
            let _ = writeln!(out, "> **Warning:** {}\n", inline(&different_banks(c)));
        }

        let _ = writeln!(out, "| | {la} | {lb} |");
        let _ = writeln!(out, "| :-- | :-- | :-- |");
        let verdict =
            |s: &crate::compare::Side| inline(s.verdict_label.as_deref().unwrap_or("no verdict"));
        let _ = writeln!(out, "| Verdict | {} | {} |", verdict(&c.a), verdict(&c.b));
        let _ = writeln!(
            out,
            "| Answered | {} of {} | {} of {} |\n",
            c.a.answered, c.a.asked, c.b.answered, c.b.asked
        );

        let _ = writeln!(out, "## Scores\n");
        let _ = writeln!(out, "| | {la} | {lb} | Difference |");
        let _ = writeln!(out, "| :-- | --: | --: | --: |");
        let row = |out: &mut String, title: &str, d: &ScoreDiff| {
            let _ = writeln!(
                out,
                "| {title} | {} | {} | {} |",
                format_opt_score(d.a),
                format_opt_score(d.b),
                format_difference(d.difference)
            );
        };
        row(&mut out, "**Overall**", &c.overall);
        for d in &c.dimensions {
            row(&mut out, &inline(&d.title), &d.score);
        }
        let _ = writeln!(out);

        if c.is_identical() {
            let _ = writeln!(
                out,
                "No differences: every score, answer and flag is the same.\n"
            );
        }

        if !c.questions.is_empty() {
            let _ = writeln!(out, "## Answers that differ most\n");
            let _ = writeln!(out, "| Question | {la} | {lb} | Difference |");
            let _ = writeln!(out, "| :-- | :-- | :-- | --: |");
            for q in c.questions.iter().take(QUESTIONS_SHOWN) {
                let answer = |label: &str, score: Option<f64>| match score {
                    Some(s) => format!("{}, score {}", inline(label), format_score(s)),
                    None => inline(label),
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    inline(&q.prompt),
                    answer(&q.a_label, q.score.a),
                    answer(&q.b_label, q.score.b),
                    format_difference(q.score.difference)
                );
            }
            let _ = writeln!(out);
            if c.questions.len() > QUESTIONS_SHOWN {
                let _ = writeln!(
                    out,
                    "And {} more answers differ (all of them are in the JSON comparison).\n",
                    c.questions.len() - QUESTIONS_SHOWN
                );
            }
        }

        for (heading, flags) in c.flags.sections(&la, &lb) {
            if flags.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {heading}\n");
            for f in flags {
                let mark = if f.severity == "red" { "✗" } else { "✓" };
                let _ = writeln!(out, "- {mark} {}", inline(&f.title));
            }
            let _ = writeln!(out);
        }
        if c.redacted {
            let _ = writeln!(out, "---\n\n*{}*\n", inline(REDACTED_NOTE));
        }
        trim_end(out)
    }
}

/// One final newline.
fn trim_end(mut s: String) -> String {
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// Makes a bank or answer string inert inline Markdown: it renders as the
/// same text and nothing else. Line breaks and tabs become spaces, other
/// control characters, escape sequences and bidi
/// overrides go ([`crate::sanitize::inline`]); `<`, `>` and `&` become
/// entities; Markdown punctuation (pipes included, so table cells stay
/// whole) is backslash-escaped; and a leading `-`, `+`, `=` or `1.` cannot
/// start a list or a heading.
pub fn inline(s: &str) -> String {
    let cleaned = crate::sanitize::inline(s);
    let text = cleaned.trim();
    let mut out = String::with_capacity(text.len() + 8);
    // A leading ordered-list marker: digits then `.` or `)`.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_marker_at =
        (digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')'))).then_some(digits);
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if Some(i) == list_marker_at => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markup_and_control_characters() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("\u{1b}[31mred"), "red");
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("1. not a list"), "1\\. not a list");
        assert_eq!(
            inline("late-night `code` *em*"),
            "late-night \\`code\\` \\*em\\*"
        );
        assert_eq!(inline("R&D\nline two"), "R&amp;D line two");
        assert_eq!(inline("[link](http://x)"), "\\[link\\](http://x)");
    }
}
