//! The formats of `summarize`: text, Markdown, HTML (with an inline SVG
//! distribution chart per dimension), JSON and CSV, one
//! [`SummaryExporter`] each, in the style of [`crate::export::Exporter`].
//!
//! A summary holds no answer text, only bank-defined names (titles, ids)
//! and numbers; those names are still untrusted and escaped for each
//! format (and, in CSV, kept from starting a spreadsheet formula).

use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::export::{markdown_inline, terminal_safe, to_json};
use crate::summarize::{BINS, DimensionSummary, Group, GroupStats, Options, Stats, Summary};

/// An output format of `summarize --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Html,
    Json,
    Csv,
}

/// Turns a summary into a document in one format.
pub trait SummaryExporter {
    fn summary(&self, s: &Summary) -> String;
}

/// `mommytrack summarize`: the document to write.
pub fn run(
    paths: &[std::path::PathBuf],
    options: Options,
    format: SummaryFormat,
) -> anyhow::Result<String> {
    let summary = crate::summarize::summarize(paths, options)?;
    Ok(exporter(format).summary(&summary))
}

pub fn exporter(format: SummaryFormat) -> Box<dyn SummaryExporter> {
    match format {
        SummaryFormat::Text => Box::new(Text),
        SummaryFormat::Markdown => Box::new(Markdown),
        SummaryFormat::Html => Box::new(Html),
        SummaryFormat::Json => Box::new(Json),
        SummaryFormat::Csv => Box::new(Csv),
    }
}

/// A number with exactly `d` decimals (scores always read "68.0", never
/// "68" beside "91.7"), or a dash.
fn num(x: Option<f64>, d: usize) -> String {
    match x {
        None => "–".into(),
        Some(x) => format!("{x:.d$}"),
    }
}

fn group_name(g: &Group, by: Option<&str>) -> String {
    match (&g.value, by) {
        (Some(v), Some(by)) => format!("{by} = {v}"),
        _ => "All results".to_string(),
    }
}

fn suppressed_line(s: &Summary) -> String {
    format!(
        "{} group{} suppressed (fewer than {} results, or revealing one that is).",
        s.suppressed_groups,
        if s.suppressed_groups == 1 { "" } else { "s" },
        s.min_group
    )
}

/// The rows of a group's score table: (name, stats, decimals). A measure
/// with fewer values than `min` says so beside its count.
fn measures(st: &GroupStats, min: usize) -> Vec<(String, &Stats, usize)> {
    let mut rows = vec![("Overall".to_string(), &st.overall, 1)];
    for d in &st.dimensions {
        rows.push((d.title.clone(), &d.score, 1));
        if let Some(m) = &d.scale_mean {
            rows.push((format!("{} (scale mean)", d.title), m, 2));
        }
    }
    for (name, m, _) in &mut rows {
        if m.suppressed {
            name.push_str(&format!(" (under {min}: not shown)"));
        }
    }
    rows
}

fn alpha_text(d: &DimensionSummary) -> Option<String> {
    let a = d.alpha.as_ref()?;
    Some(format!(
        "{}: alpha {} ({} items, {} complete results)",
        d.title,
        num(a.value, 2),
        a.items,
        a.n
    ))
}

struct Text;

impl SummaryExporter for Text {
    fn summary(&self, s: &Summary) -> String {
        let mut out = format!(
            "Group summary: {}\nQuartiles: {}. Groups under {} are not shown.\n",
            terminal_safe(&s.bank),
            s.quantiles,
            s.min_group
        );
        for g in std::iter::once(&s.all).chain(&s.groups) {
            let _ = writeln!(
                out,
                "\n== {} ==",
                terminal_safe(&group_name(g, s.by.as_deref()))
            );
            let Some(st) = &g.stats else {
                let _ = writeln!(out, "Suppressed.");
                continue;
            };
            let _ = writeln!(out, "Results: {}", g.count.unwrap_or(0));
            let rows = measures(st, s.min_group);
            let w = rows
                .iter()
                .map(|(name, _, _)| console::measure_text_width(&terminal_safe(name)))
                .max()
                .unwrap_or(0)
                .max(7);
            let _ = writeln!(
                out,
                "{:<w$} {:>5} {:>7} {:>7} {:>7} {:>7}",
                "Measure", "n", "mean", "median", "Q1", "Q3"
            );
            for (name, m, d) in rows {
                let name = terminal_safe(&name);
                let pad = w.saturating_sub(console::measure_text_width(&name));
                let _ = writeln!(
                    out,
                    "{name}{:pad$} {:>5} {:>7} {:>7} {:>7} {:>7}",
                    "",
                    m.n,
                    num(m.mean, d),
                    num(m.median, d),
                    num(m.q1, d),
                    num(m.q3, d)
                );
            }
            let _ = writeln!(out, "Verdicts:");
            for (v, n) in &st.verdicts {
                let _ = writeln!(out, "  {n:>5}  {}", terminal_safe(v));
            }
            if !st.flags.is_empty() {
                let _ = writeln!(out, "Flags raised:");
                for f in &st.flags {
                    let _ = writeln!(
                        out,
                        "  {:>5}  [{}] {}",
                        f.count,
                        terminal_safe(&f.severity),
                        terminal_safe(&f.title)
                    );
                }
            }
            for line in st.dimensions.iter().filter_map(alpha_text) {
                let _ = writeln!(out, "{}", terminal_safe(&line));
            }
            let _ = writeln!(out, "Distribution of the overall score (0–100, by tens):");
            let _ = writeln!(out, "  {}", dist_line(&st.overall));
        }
        if s.suppressed_groups > 0 {
            let _ = writeln!(out, "\n{}", suppressed_line(s));
        }
        out
    }
}

fn dist_line(m: &Stats) -> String {
    m.distribution
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Markdown;

impl SummaryExporter for Markdown {
    fn summary(&self, s: &Summary) -> String {
        let mut out = format!(
            "# Group summary: {}\n\nQuartiles: {}. Groups under {} are not shown.\n",
            markdown_inline(&s.bank),
            s.quantiles,
            s.min_group
        );
        for g in std::iter::once(&s.all).chain(&s.groups) {
            let _ = writeln!(
                out,
                "\n## {}\n",
                markdown_inline(&group_name(g, s.by.as_deref()))
            );
            let Some(st) = &g.stats else {
                let _ = writeln!(out, "Suppressed.");
                continue;
            };
            let _ = writeln!(out, "Results: {}\n", g.count.unwrap_or(0));
            let _ = writeln!(
                out,
                "| Measure | n | mean | median | Q1 | Q3 | distribution (0–100 by tens) |"
            );
            let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
            for (name, m, d) in measures(st, s.min_group) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    markdown_inline(&name),
                    m.n,
                    num(m.mean, d),
                    num(m.median, d),
                    num(m.q1, d),
                    num(m.q3, d),
                    dist_line(m)
                );
            }
            let _ = writeln!(out, "\n| Verdict | results |\n| --- | ---: |");
            for (v, n) in &st.verdicts {
                let _ = writeln!(out, "| {} | {n} |", markdown_inline(v));
            }
            if !st.flags.is_empty() {
                let _ = writeln!(out, "\n| Flag | severity | raised |\n| --- | --- | ---: |");
                for f in &st.flags {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        markdown_inline(&f.title),
                        markdown_inline(&f.severity),
                        f.count
                    );
                }
            }
            let alphas: Vec<String> = st.dimensions.iter().filter_map(alpha_text).collect();
            if !alphas.is_empty() {
                out.push('\n');
                for a in alphas {
                    let _ = writeln!(out, "- {}", markdown_inline(&a));
                }
            }
        }
        if s.suppressed_groups > 0 {
            let _ = writeln!(out, "\n{}", suppressed_line(s));
        }
        out
    }
}

struct Html;

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}\
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .6rem;border-bottom:1px solid #ccc;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}svg{display:block;margin:.3rem 0 1rem}\
.chart rect{fill:#4a7bb7}.chart text{font-size:10px;fill:currentColor}";

/// A bar chart of a distribution: one bar per bin, its count above it.
fn chart(title: &str, m: &Stats) -> Markup {
    let (w, h, bw) = (BINS * 32 + 20, 110.0_f64, 28.0_f64);
    let top = m.distribution.iter().copied().max().unwrap_or(0).max(1) as f64;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width=(w) height="130" role="img"
            aria-label=(format!("Distribution of {title}: {}", dist_line(m))) {
            @for (i, &c) in m.distribution.iter().enumerate() {
                @let bh = 90.0 * c as f64 / top;
                @let x = 10.0 + i as f64 * 32.0;
                rect x=(x) y=(h - bh) width=(bw) height=(bh) {}
                text x=(x + 4.0) y=(h - bh - 3.0) { (c) }
                text x=(x) y="124" { (i * 10) "–" }
            }
        }
    }
}

impl SummaryExporter for Html {
    fn summary(&self, s: &Summary) -> String {
        let by = s.by.as_deref();
        let body = html! {
            h1 { "Group summary: " (terminal_safe(&s.bank)) }
            p { "Quartiles: " (s.quantiles) ". Groups under " (s.min_group) " are not shown." }
            @for g in std::iter::once(&s.all).chain(&s.groups) {
                section {
                    h2 { (terminal_safe(&group_name(g, by))) }
                    @if let Some(st) = &g.stats {
                        p { "Results: " (g.count.unwrap_or(0)) }
                        table {
                            tr { th { "Measure" } th { "n" } th { "mean" } th { "median" } th { "Q1" } th { "Q3" } }
                            @for (name, m, d) in measures(st, s.min_group) {
                                tr {
                                    td { (terminal_safe(&name)) } td.n { (m.n) } td.n { (num(m.mean, d)) }
                                    td.n { (num(m.median, d)) } td.n { (num(m.q1, d)) } td.n { (num(m.q3, d)) }
                                }
                            }
                        }
                        h3 { "Verdicts" }
                        table { @for (v, n) in &st.verdicts { tr { td { (terminal_safe(v)) } td.n { (n) } } } }
                        @if !st.flags.is_empty() {
                            h3 { "Flags raised" }
                            table { @for f in &st.flags { tr { td { (terminal_safe(&f.title)) } td { (terminal_safe(&f.severity)) } td.n { (f.count) } } } }
                        }
                        @for a in st.dimensions.iter().filter_map(alpha_text) { p { (terminal_safe(&a)) } }
                        h3 { "Distributions (score 0–100, by tens)" }
                        h4 { "Overall" }
                        (chart("the overall score", &st.overall))
                        @for d in st.dimensions.iter().filter(|d| !d.score.distribution.is_empty()) {
                            h4 { (terminal_safe(&d.title)) }
                            (chart(&terminal_safe(&d.title), &d.score))
                        }
                    } @else {
                        p { "Suppressed." }
                    }
                }
            }
            @if s.suppressed_groups > 0 { p { (suppressed_line(s)) } }
        };
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'";
                    title { "Group summary" }
                    style { (PreEscaped(CSS)) }
                }
                body { main { (body) } }
            }
        }
        .into_string()
            + "\n"
    }
}

struct Json;

impl SummaryExporter for Json {
    fn summary(&self, s: &Summary) -> String {
        to_json(s)
    }
}

/// CSV in long form, one number a row:
/// `group,section,id,statistic,value`.
struct Csv;

/// A CSV field: quoted, and kept from starting a spreadsheet formula.
fn csv_field(s: &str) -> String {
    let s = terminal_safe(s);
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn csv_row(out: &mut String, g: &str, section: &str, id: &str, stat: &str, v: String) {
    let _ = writeln!(
        out,
        "{},{},{},{},{}",
        csv_field(g),
        section,
        csv_field(id),
        stat,
        v
    );
}

fn csv_stats(out: &mut String, g: &str, section: &str, id: &str, m: &Stats) {
    csv_row(out, g, section, id, "n", m.n.to_string());
    for (stat, v) in [
        ("mean", m.mean),
        ("median", m.median),
        ("q1", m.q1),
        ("q3", m.q3),
        ("min", m.min),
        ("max", m.max),
    ] {
        csv_row(
            out,
            g,
            section,
            id,
            stat,
            v.map_or(String::new(), |v| num(Some(v), 4)),
        );
    }
    for (i, c) in m.distribution.iter().enumerate() {
        csv_row(
            out,
            g,
            section,
            id,
            &format!("bin_{}", i * 10),
            c.to_string(),
        );
    }
}

impl SummaryExporter for Csv {
    fn summary(&self, s: &Summary) -> String {
        let mut out = String::from("group,section,id,statistic,value\n");
        let o = &mut out;
        for g in std::iter::once(&s.all).chain(&s.groups) {
            let name = g.value.as_deref().unwrap_or("all");
            let Some(st) = &g.stats else {
                csv_row(o, name, "group", "", "suppressed", "1".into());
                continue;
            };
            csv_row(
                o,
                name,
                "group",
                "",
                "count",
                g.count.unwrap_or(0).to_string(),
            );
            csv_stats(o, name, "overall", "overall", &st.overall);
            for d in &st.dimensions {
                csv_stats(o, name, "dimension", &d.id, &d.score);
                if let Some(m) = &d.scale_mean {
                    csv_stats(o, name, "scale_mean", &d.id, m);
                }
            }
            for d in &st.dimensions {
                if let Some(a) = &d.alpha {
                    let v = a.value.map_or(String::new(), |v| num(Some(v), 4));
                    csv_row(o, name, "alpha", &d.id, "alpha", v);
                    csv_row(o, name, "alpha", &d.id, "items", a.items.to_string());
                    csv_row(o, name, "alpha", &d.id, "n", a.n.to_string());
                }
            }
            for (v, n) in &st.verdicts {
                csv_row(o, name, "verdict", v, "count", n.to_string());
            }
            for f in &st.flags {
                csv_row(o, name, "flag", &f.id, "count", f.count.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_start_a_formula() {
        assert_eq!(csv_field("boss"), "\"boss\"");
        assert_eq!(csv_field("a \"b\", c"), "\"a \"\"b\"\", c\"");
        for evil in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"] {
            assert!(csv_field(evil).starts_with("\"'"), "{evil}");
        }
        assert!(!csv_field("a\u{1b}[31m").contains('\u{1b}'));
    }

    #[test]
    fn numbers_keep_their_decimals() {
        assert_eq!(num(Some(57.0), 1), "57.0");
        assert_eq!(num(Some(3.625), 2), "3.62");
        assert_eq!(num(Some(0.8512), 4), "0.8512");
        assert_eq!(num(None, 1), "–");
    }
}
