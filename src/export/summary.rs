//! The formats of `summarize`: text, Markdown and HTML drawn from the same
//! [`Document`] skeleton as the reports (so a summary page has the
//! report's page shell: the same Content Security Policy, colour scheme,
//! phone layout, dark mode and print styles), JSON as the engine's
//! [`Summary`] is, and CSV in long form for pivot tables.
//!
//! A summary holds no answer text, only bank-defined names (titles, ids,
//! option labels) and numbers; those names are still untrusted and each
//! format escapes them (the drawers do). In CSV only text cells are kept
//! from starting a spreadsheet formula; numbers stay numbers.

use std::fmt::Write as _;

use super::document::{
    Align, Block, Cell, Document, Item, ListKind, Section, Table, col, plain, strong, text,
};
use super::{RenderOptions, plural, terminal_safe, to_json};
use crate::summarize::{Group, GroupStats, Options, Stats, Summary};

/// An output format of `summarize --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Html,
    Json,
    Csv,
}

/// `mommytrack summarize`: the document to write, and warnings for
/// standard error (files skipped as not results).
pub fn run(
    paths: &[std::path::PathBuf],
    options: Options,
    format: SummaryFormat,
) -> anyhow::Result<(String, Vec<String>)> {
    let outcome = crate::summarize::summarize(paths, options)?;
    Ok((render(&outcome.summary, format), outcome.warnings))
}

/// A summary in one format.
pub fn render(s: &Summary, format: SummaryFormat) -> String {
    match format {
        SummaryFormat::Text => super::text::draw(&document(s), &RenderOptions::default(), false),
        SummaryFormat::Markdown => super::markdown::draw(&document(s)),
        SummaryFormat::Html => super::html::draw(&document(s)),
        SummaryFormat::Json => to_json(s),
        SummaryFormat::Csv => csv(s),
    }
}

/// A number with exactly `d` decimals (a scale mean reads "4.0", never
/// "4" beside "3.7"), or a dash.
fn num(x: Option<f64>, d: usize) -> String {
    match x {
        None => "–".into(),
        Some(x) => format!("{x:.d$}"),
    }
}

const NOT_SHOWN: &str = "not shown";

/// The heading of a group: "All results", or the question and the
/// group's value in words.
fn group_heading(s: &Summary, g: &Group) -> String {
    if g.scope == "all" {
        return "All results".into();
    }
    let value = g
        .label
        .clone()
        .or_else(|| g.value.clone())
        .unwrap_or_else(|| "another group".into());
    match &s.by {
        Some(by) => format!("{}: {value}", s.by_prompt.as_deref().unwrap_or(by)),
        None => value,
    }
}

fn muted(s: &str) -> Cell {
    Cell::Muted(s.into())
}

/// The row of one measure in the scores table.
fn measure_row(name: &str, m: &Stats, d: usize) -> Vec<Cell> {
    if m.suppressed {
        return vec![
            text(name),
            muted(NOT_SHOWN),
            muted("–"),
            muted("–"),
            muted("–"),
            muted("–"),
        ];
    }
    let n = m.n.unwrap_or(0);
    let stat = |x: Option<f64>| {
        if x.is_some() {
            text(num(x, d))
        } else {
            muted("–")
        }
    };
    vec![
        text(name),
        text(n.to_string()),
        stat(m.mean),
        stat(m.median),
        stat(m.q1),
        stat(m.q3),
    ]
}

fn group_blocks(g: &Group, st: &GroupStats, min: usize) -> Vec<Block> {
    let few = format!("fewer than {min}");
    let n = g.count.unwrap_or(0);
    let mut out = vec![Block::Para(vec![
        plain("Results: about "),
        strong(n.to_string()),
        plain(
            " (every count here is within 2 of the truth or, for verdicts and flags, an estimate)",
        ),
    ])];
    // Two standard errors of an estimate from randomised response over n
    // results: kept with `keep`, else one of `k − 1` others.
    let margin = |keep: f64, k: f64| {
        let q = (1.0 - keep) / (k - 1.0);
        let p = 0.5f64.min(keep.max(q));
        (2.0 * (n as f64 * p * (1.0 - p)).sqrt() / (keep - q)).round() as usize + 2
    };
    // Scores.
    let mut rows = vec![measure_row("Overall", &st.overall, 0)];
    for d in &st.dimensions {
        rows.push(measure_row(&d.title, &d.score, 0));
        if let Some(m) = &d.scale_mean {
            rows.push(measure_row(&format!("{} (scale mean)", d.title), m, 1));
        }
    }
    out.push(Block::Table(Table {
        columns: vec![
            col("Score", Align::Left),
            col("n", Align::Right),
            col("mean", Align::Right),
            col("median", Align::Right),
            col("Q1", Align::Right),
            col("Q3", Align::Right),
        ],
        rows,
        stack: true,
    }));
    // Verdicts, in the bank's order.
    out.push(Block::Subheading(format!(
        "Verdicts (estimated, each within about {} either way)",
        margin(2.0 / 3.0, st.verdicts.len().max(2) as f64)
    )));
    if st.verdicts_hidden {
        out.push(Block::Note(format!("Verdicts: {NOT_SHOWN}.")));
    } else {
        let total: usize = st.verdicts.iter().filter_map(|v| v.count).sum();
        out.push(Block::Table(Table {
            columns: vec![
                col("Verdict", Align::Left),
                col("Results", Align::Right),
                col("", Align::Left),
            ],
            rows: st
                .verdicts
                .iter()
                .map(|v| {
                    vec![
                        text(v.label.clone()),
                        v.count.map_or_else(|| muted(&few), |c| text(c.to_string())),
                        v.count.map_or_else(|| muted(""), |c| Cell::Count(c, total)),
                    ]
                })
                .collect(),
            stack: false,
        }));
    }
    // Flags.
    if !st.flags.is_empty() {
        out.push(Block::Subheading(format!(
            "Flags raised (estimated, each within about {} either way)",
            margin(0.8, 2.0)
        )));
        let n = g.count.unwrap_or(0);
        out.push(Block::Table(Table {
            columns: vec![
                col("Flag", Align::Left),
                col("Kind", Align::Left),
                col("Results", Align::Right),
                col("", Align::Left),
            ],
            rows: st
                .flags
                .iter()
                .map(|f| {
                    vec![
                        text(f.title.clone()),
                        text(f.severity.clone()),
                        match f.count {
                            Some(c) => text(c.to_string()),
                            None => muted(NOT_SHOWN),
                        },
                        match f.count {
                            Some(c) => Cell::Count(c, n),
                            None => muted(""),
                        },
                    ]
                })
                .collect(),
            stack: false,
        }));
    }
    // Cronbach's alpha, naming its items.
    let alphas: Vec<Vec<Cell>> = st
        .dimensions
        .iter()
        .filter_map(|d| {
            let a = d.alpha.as_ref()?;
            Some(vec![
                text(d.title.clone()),
                if a.hidden {
                    muted(NOT_SHOWN)
                } else {
                    a.value
                        .map_or_else(|| muted("undefined"), |v| text(num(Some(v), 2)))
                },
                a.n.map_or_else(|| muted("–"), |n| text(n.to_string())),
                text(a.items.join(", ")),
            ])
        })
        .collect();
    // No table when no alpha can be shown (the note says why).
    if st
        .dimensions
        .iter()
        .any(|d| d.alpha.as_ref().is_some_and(|a| !a.hidden))
    {
        out.push(Block::Subheading("Consistency (Cronbach's alpha)".into()));
        out.push(Block::Table(Table {
            columns: vec![
                col("Part", Align::Left),
                col("alpha", Align::Right),
                col("Results", Align::Right),
                col("Items", Align::Left),
            ],
            rows: alphas,
            stack: true,
        }));
    }
    // Distributions: only where there is one (never an empty chart).
    let mut charts = vec![("Overall".to_string(), &st.overall)];
    charts.extend(st.dimensions.iter().map(|d| (d.title.clone(), &d.score)));
    for (title, m) in charts {
        if m.distribution.iter().all(|b| b.count.is_none()) || m.n.unwrap_or(0) == 0 {
            continue;
        }
        let n = m.n.unwrap_or(0);
        out.push(Block::Subheading(format!("Distribution: {title}")));
        out.push(Block::Table(Table {
            columns: vec![
                col("Score", Align::Left),
                col("Results", Align::Right),
                col("", Align::Left),
            ],
            rows: m
                .distribution
                .iter()
                .map(|b| {
                    vec![
                        text(format!("{}–{}", b.from, b.to)),
                        b.count.map_or_else(|| muted(&few), |c| text(c.to_string())),
                        b.count.map_or_else(|| muted(""), |c| Cell::Count(c, n)),
                    ]
                })
                .collect(),
            stack: false,
        }));
    }
    out
}

/// The summary as a document of the reports' skeleton.
pub fn document(s: &Summary) -> Document {
    let mut lead = Vec::new();
    match s.all.count {
        Some(n) => lead.push(Block::Para(vec![
            strong(format!("About {n} {}", plural(n, "result", "results"))),
            plain(match (&s.by, &s.by_prompt) {
                (Some(_), Some(prompt)) => format!(", grouped by \u{201c}{prompt}\u{201d}."),
                (Some(by), None) => format!(", grouped by {by}."),
                _ => ".".into(),
            }),
        ])),
        None => lead.push(Block::Warning(format!(
            "Nothing is shown: there are fewer than {} distinct results.",
            s.min_group
        ))),
    }
    lead.push(Block::Note(format!(
        "Nothing here describes fewer than {} results: groups and figures that would are not shown, and every figure is computed from perturbed copies of the results, so that no summary, nor any number of them, gives a person away (see \u{201c}What is not shown, and why\u{201d}). No answer text is ever included.",
        s.min_group
    )));
    let mut sections = Vec::new();
    for (i, g) in std::iter::once(&s.all).chain(&s.groups).enumerate() {
        let Some(st) = &g.stats else { continue };
        let id = match i {
            0 => "all".to_string(),
            _ => format!("group-{i}"),
        };
        let blocks = group_blocks(g, st, s.min_group);
        sections.push(Section::new(id, group_heading(s, g), blocks));
    }
    if s.groups.iter().any(|g| g.suppressed) {
        let blocks = vec![Block::Note(
            "Some groups are not shown, and not named: a rare answer would say who gave it.".into(),
        )];
        sections.push(Section::new("not-shown", "Groups not shown", blocks));
    }
    let mut why: Vec<String> = s.suppression.clone();
    why.push(format!("Quartiles: {}.", s.quantiles));
    why.push(s.alpha_rule.to_string());
    let why = why.into_iter().map(|w| Item::titled(vec![plain(w)]));
    let list = Block::list(ListKind::Bullets, why.collect());
    sections.push(Section::new(
        "why",
        "What is not shown, and why",
        vec![list],
    ));
    Document {
        title: format!("Group summary: {}", s.bank),
        lead,
        sections,
        footer: Vec::new(),
    }
}

/// A CSV text field: quoted, cleaned of control characters, and kept from
/// starting a spreadsheet formula. Never used for numbers.
fn csv_text(s: &str) -> String {
    let s = terminal_safe(s);
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A CSV number: as it is, unquoted (empty when there is none).
fn csv_num(x: Option<f64>) -> String {
    x.map_or(String::new(), |x| format!("{x}"))
}

struct CsvRow<'a> {
    scope: &'a str,
    group: &'a str,
    label: &'a str,
}

impl CsvRow<'_> {
    fn push(&self, out: &mut String, section: &str, id: &str, stat: &str, value: String) {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            self.scope,
            csv_text(self.group),
            csv_text(self.label),
            section,
            csv_text(id),
            stat,
            value
        );
    }

    fn stats(&self, out: &mut String, section: &str, id: &str, m: &Stats) {
        if m.suppressed {
            self.push(out, section, id, "hidden", "1".into());
            return;
        }
        self.push(out, section, id, "n", m.n.unwrap_or(0).to_string());
        for (stat, v) in [
            ("mean", m.mean),
            ("median", m.median),
            ("q1", m.q1),
            ("q3", m.q3),
        ] {
            if v.is_some() {
                self.push(out, section, id, stat, csv_num(v));
            }
        }
        for b in &m.distribution {
            let (stat, value) = match b.count {
                Some(c) => (format!("bin_{}_{}", b.from, b.to), c),
                None => (format!("bin_{}_{}_hidden", b.from, b.to), 1),
            };
            self.push(out, section, id, &stat, value.to_string());
        }
    }
}

/// CSV in long form, one number a row:
/// `scope,group,label,section,id,statistic,value`. `scope` is `all` (the
/// whole set, `group` empty) or `group`; `value` is always a number.
/// Hidden figures have a `hidden` row with value 1 and no other. What was
/// hidden and why comes first, as `note` rows: the sentence in `id`, its
/// number in `value`.
fn csv(s: &Summary) -> String {
    let mut out = String::from("scope,group,label,section,id,statistic,value\n");
    let whole = CsvRow {
        scope: "all",
        group: "",
        label: "",
    };
    let mut notes = s.suppression.clone();
    notes.push(s.alpha_rule.to_string());
    for (i, note) in notes.iter().enumerate() {
        whole.push(&mut out, "note", note, "note", (i + 1).to_string());
    }
    let mut hidden_said = false;
    for g in std::iter::once(&s.all).chain(&s.groups) {
        let label = g.label.clone().unwrap_or_default();
        let row = CsvRow {
            scope: g.scope,
            group: g.value.as_deref().unwrap_or(""),
            label: &label,
        };
        let o = &mut out;
        // Groups not shown are not named: one row says how many.
        let Some(st) = &g.stats else {
            if g.suppressed && !hidden_said {
                row.push(o, "group", "", "hidden", s.suppressed_groups.to_string());
                hidden_said = true;
            }
            continue;
        };
        row.push(o, "group", "", "count", g.count.unwrap_or(0).to_string());
        row.stats(o, "overall", "overall", &st.overall);
        for d in &st.dimensions {
            row.stats(o, "dimension", &d.id, &d.score);
            if let Some(m) = &d.scale_mean {
                row.stats(o, "scale_mean", &d.id, m);
            }
        }
        for d in &st.dimensions {
            if let Some(a) = &d.alpha {
                if a.hidden {
                    row.push(o, "alpha", &d.id, "hidden", "1".into());
                    continue;
                }
                if a.value.is_some() {
                    row.push(o, "alpha", &d.id, "alpha", csv_num(a.value));
                }
                row.push(o, "alpha", &d.id, "items", a.items.len().to_string());
                row.push(o, "alpha", &d.id, "n", a.n.unwrap_or(0).to_string());
            }
        }
        if st.verdicts_hidden {
            row.push(o, "verdict", "", "hidden", "1".into());
        }
        for v in &st.verdicts {
            match v.count {
                Some(c) => row.push(o, "verdict", &v.ids.join("+"), "count", c.to_string()),
                None => row.push(o, "verdict", &v.ids.join("+"), "hidden", "1".into()),
            }
        }
        for f in &st.flags {
            match f.count {
                Some(c) => row.push(o, "flag", &f.id, "count", c.to_string()),
                None => row.push(o, "flag", &f.id, "hidden", "1".into()),
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "../../tests/unit/export/summary.rs"]
mod tests;
