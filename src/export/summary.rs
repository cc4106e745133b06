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
    Block, Cell, Document, Item, ListKind, Section, left, plain, right, strong, text,
};
use super::{RenderOptions, plural, terminal_safe, to_json};
use crate::summarize::{Group, GroupStats, Stats, Summary};

/// An output format of `summarize --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
    Html,
    Json,
    Csv,
}

/// A summary in one format; text as `o` says.
pub fn render(s: &Summary, format: SummaryFormat, o: &RenderOptions) -> String {
    match format {
        SummaryFormat::Text => super::text::draw(&document(s), o, false),
        SummaryFormat::Markdown => super::markdown::draw(&document(s)),
        SummaryFormat::Html => super::html::draw(&document(s)),
        SummaryFormat::Json => to_json(s),
        SummaryFormat::Csv => csv(s),
    }
}

/// A number with exactly `d` decimals (a scale mean reads "4.0", never
/// "4" beside "3.7"), or a dash.
fn num(x: Option<f64>, d: usize) -> Cell {
    x.map_or_else(|| muted("–"), |x| text(format!("{x:.d$}")))
}

const NOT_SHOWN: &str = "not shown";

/// The heading of a group: "All results", or who is in it, in words (the
/// lead names the question).
fn group_heading(g: &Group) -> String {
    match (g.scope, &g.value, &g.label) {
        ("all", ..) => "All results".into(),
        (_, None, _) => "Those who did not answer".into(),
        (_, Some(v), label) => format!(
            "Those who answered \u{201c}{}\u{201d}",
            label.as_deref().unwrap_or(v)
        ),
    }
}

fn muted(s: &str) -> Cell {
    Cell::Muted(s.into())
}

/// The row of one measure in the scores table.
fn measure_row(name: &str, m: &Stats, d: usize) -> Vec<Cell> {
    if m.suppressed {
        let mut row = vec![text(name), muted(NOT_SHOWN)];
        row.resize(6, muted("–"));
        return row;
    }
    let n = text(m.n.unwrap_or(0).to_string());
    let stats = [m.mean, m.median, m.q1, m.q3].map(|x| num(x, d));
    [text(name), n].into_iter().chain(stats).collect()
}

/// A group's blocks; `said`: whether the page has said already that
/// medians, and verdicts and flags, are not given for groups this small
/// (each reason once).
fn group_blocks(s: &Summary, g: &Group, st: &GroupStats, said: &mut [bool; 2]) -> Vec<Block> {
    let min = s.min_group;
    let few = format!("fewer than {min}");
    let n = g.count.unwrap_or(0);
    let mut out = vec![Block::Para(vec![
        plain("Results: about "),
        strong(n.to_string()),
        plain(format!(" (\u{b1} {})", s.count_margin)),
    ])];
    // Scores.
    let mut rows = vec![measure_row("Overall", &st.overall, 0)];
    for d in &st.dimensions {
        rows.push(measure_row(&d.title, &d.score, 0));
        if let Some(m) = &d.scale_mean {
            rows.push(measure_row(&format!("{} (scale mean)", d.title), m, 1));
        }
    }
    let mut columns = vec![left("Score")];
    columns.extend(["n", "mean", "median", "Q1", "Q3"].map(right));
    // A small group has no median or quartiles: no columns of dashes.
    let dash = |c: &Cell| matches!(c, Cell::Muted(m) if m == "–");
    let no_order = rows.iter().all(|r| r[3..].iter().all(dash));
    if no_order {
        columns.truncate(3);
        rows.iter_mut().for_each(|r| r.truncate(3));
    }
    // Numbers in narrow columns: a table on a phone too.
    out.push(Block::table(columns, rows));
    if no_order && !std::mem::replace(&mut said[0], true) {
        out.push(Block::Note(format!(
            "Medians and quartiles are given only for {} results or more (the results themselves, not the n shown, which is \u{b1} {}).",
            2 * min,
            s.count_margin
        )));
    }
    // Verdicts and flags: estimates, each with its margin of error.
    if st.verdicts_hidden && st.flags_hidden && !std::mem::replace(&mut said[1], true) {
        out.push(Block::Note(format!(
            "Verdicts and flags: not shown for fewer than {} results (their counts would be off by a quarter of the group or more).",
            s.estimates_from
        )));
    }
    // "6 ± 18" would say the count may be below 0: "0 to 24" then.
    type Range = Option<[usize; 2]>;
    let estimate = |title: &str, count, margin: Option<usize>, range: Range, of, hidden: &str| {
        let cells = match (count, margin, range) {
            (Some(c), Some(m), Some([0, high])) if m >= c => {
                // A range, not a count: no bar (a sliver would read as "almost none").
                vec![text(format!("0 to {high}")), muted(""), muted("")]
            }
            (Some(c), m, _) => vec![
                text(c.to_string()),
                text(m.map_or_else(String::new, |m| format!("\u{b1} {m}"))),
                Cell::Count(c, of),
            ],
            (None, ..) => vec![muted(hidden), muted(""), muted("")],
        };
        [text(title)].into_iter().chain(cells).collect::<Vec<_>>()
    };
    let counted = |first: &str, rows| {
        let columns = vec![left(first), right("Results"), right("\u{b1}"), left("")];
        Block::table(columns, rows)
    };
    if !st.verdicts_hidden {
        out.push(Block::Subheading(
            "Verdicts (estimated; \u{b1}: 19 times in 20 the true count is within it)".into(),
        ));
        let total: usize = st.verdicts.iter().filter_map(|v| v.count).sum();
        let rows = (st.verdicts.iter())
            .map(|v| estimate(&v.label, v.count, v.margin, v.range, total, &few));
        out.push(counted("Verdict", rows.collect()));
    }
    // Flags: those shown, a table of each kind (its column says which:
    // the titles keep the room on a phone), then one line for the rest.
    if !st.flags_hidden {
        out.push(Block::Subheading(
            "Flags raised (estimated; \u{b1} as for verdicts)".into(),
        ));
        let shown = st.flags.iter().filter(|f| !f.hidden);
        for (red, kind) in [(true, "Warning signs"), (false, "Good signs")] {
            let rows: Vec<Vec<Cell>> = (shown.clone())
                .filter(|f| (f.severity == "red") == red)
                .map(|f| estimate(&f.title, f.count, f.margin, f.range, n, NOT_SHOWN))
                .collect();
            if !rows.is_empty() {
                out.push(counted(kind, rows));
            }
        }
        let hidden = st.flags.len() - shown.count();
        if hidden > 0 {
            out.push(Block::Note(format!(
                "{hidden} {} not shown: each raised by fewer than {min} results, or by all but fewer than {min}.",
                plural(hidden, "flag", "flags")
            )));
        }
    }
    // Cronbach's alpha where it is shown, naming its items for the whole
    // set (each group's are the same).
    let whole = g.scope == "all";
    let alphas: Vec<Vec<Cell>> = (st.dimensions.iter())
        .filter_map(|d| Some((d, d.alpha.as_ref().filter(|a| !a.hidden)?)))
        .map(|(d, a)| {
            let mut row = vec![
                text(d.title.clone()),
                a.value
                    .map_or_else(|| muted("too uncertain"), |v| num(Some(v), 2)),
                text(a.n.unwrap_or(0).to_string()),
            ];
            row.extend(whole.then(|| text(a.items.join(", "))));
            row
        })
        .collect();
    if !alphas.is_empty() {
        out.push(Block::Subheading("Consistency (Cronbach's alpha)".into()));
        let mut columns = vec![left("Part"), right("alpha"), right("Results")];
        columns.extend(whole.then(|| left("Items")));
        out.push(Block::stacked(columns, alphas));
    }
    // The overall score's distribution (each part's is in the JSON and
    // CSV), only where there is one: never an empty chart.
    let m = &st.overall;
    if m.distribution.iter().any(|b| b.count.is_some()) {
        out.push(Block::Subheading(
            "Distribution of the overall score".into(),
        ));
        let columns = vec![left("Score"), right("Results"), left("")];
        let rows = bin_rows(&m.distribution, m.n.unwrap_or(0), &few);
        out.push(Block::table(columns, rows));
    }
    out
}

/// A distribution's rows: each bin shown, and each run of bins not shown
/// as one row.
fn bin_rows(bins: &[crate::summarize::Bin], n: usize, few: &str) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let mut i = 0;
    while let Some(b) = bins.get(i) {
        let run = bins[i..].iter().take_while(|x| x.count.is_none()).count();
        let (to, count) = match run {
            0 => (b.to, b.count),
            r => (bins[i + r - 1].to, None),
        };
        let each = if run > 1 { " each" } else { "" };
        rows.push(vec![
            text(format!("{}–{to}", b.from)),
            count.map_or_else(|| muted(&format!("{few}{each}")), |c| text(c.to_string())),
            count.map_or_else(|| muted(""), |c| Cell::Count(c, n)),
        ]);
        i += run.max(1);
    }
    rows
}

/// The summary as a document of the reports' skeleton.
pub fn document(s: &Summary) -> Document {
    let mut lead = Vec::new();
    match s.all.count {
        Some(n) => lead.push(Block::Para(vec![
            strong(format!("About {n} {}", plural(n, "result", "results"))),
            plain(match (&s.by, &s.by_prompt) {
                (Some(_), Some(prompt)) => {
                    format!(", grouped by their answer to \u{201c}{prompt}\u{201d}.")
                }
                (Some(by), None) => format!(", grouped by their answer to {by}."),
                _ => ".".into(),
            }),
        ])),
        None => lead.push(Block::Warning(format!(
            "Nothing is shown: there are fewer than {} distinct results.",
            s.min_group
        ))),
    }
    lead.push(Block::Note(format!(
        "Nothing here describes fewer than {} results: groups and figures that would describe fewer are not shown, and every figure is computed from perturbed copies of the results, so that no summary, nor any number of them, gives a person away (see \u{201c}What is not shown, and why\u{201d}). No answer text is ever included.",
        s.min_group
    )));
    lead.push(Block::Note(key_sentence(s)));
    let mut sections = Vec::new();
    let mut said = [false; 2];
    for (i, g) in std::iter::once(&s.all).chain(&s.groups).enumerate() {
        let Some(st) = &g.stats else { continue };
        let id = match i {
            0 => "all".to_string(),
            _ => format!("group-{i}"),
        };
        let blocks = group_blocks(s, g, st, &mut said);
        sections.push(Section::new(id, group_heading(g), blocks));
    }
    if s.groups.iter().any(|g| g.suppressed) {
        let blocks = vec![Block::Note(
            "Some groups are not shown, and not named: a rare answer would say who gave it.".into(),
        )];
        sections.push(Section::new("not-shown", "Groups not shown", blocks));
    }
    // What the groups said already is not said again.
    let again = [
        "Medians, quartiles and distributions",
        "Verdict and flag counts",
    ];
    let mut why: Vec<String> = (s.suppression.iter())
        .filter(|w| !(again.iter().zip(said)).any(|(a, said)| said && w.starts_with(a)))
        .cloned()
        .collect();
    why.push(format!("Quartiles: {}.", s.quantiles));
    why.push("This page shows the overall score's distribution; each part's is in the JSON and CSV (--format json, --format csv).".into());
    // How alpha is computed, where the page shows one.
    let alpha = |g: &Group| {
        let dims = g.stats.iter().flat_map(|st| &st.dimensions);
        dims.filter_map(|d| d.alpha.as_ref()).any(|a| !a.hidden)
    };
    if std::iter::once(&s.all).chain(&s.groups).any(alpha) {
        why.push(s.alpha_rule.to_string());
    }
    let why = why.into_iter().map(|w| Item::titled(vec![plain(w)]));
    let heading = "What is not shown, and why";
    sections.extend(Section::list("why", heading, ListKind::Bullets, why));
    Document {
        title: format!("Group summary: {}", s.bank),
        lead,
        sections,
        footer: Vec::new(),
    }
}

/// What the key id is, and why summaries of two keys must not both go out.
fn key_sentence(s: &Summary) -> String {
    format!(
        "Summary key {}. Summaries made with a different key must not be pooled, or compared by releasing both: each key draws every person's perturbed copy again, and two copies of a person say more than one. Make every summary of a group with the same key (see docs/summaries.md, \u{201c}Keep the key\u{201d}).",
        s.key_id
    )
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

/// The first three cells of a group's rows: its scope, its value and
/// that value's label.
struct CsvRow<'a>(&'a str, &'a str, &'a str);

impl CsvRow<'_> {
    fn push(&self, out: &mut String, section: &str, id: &str, stat: &str, value: String) {
        let (group, label, id) = (csv_text(self.1), csv_text(self.2), csv_text(id));
        let _ = writeln!(
            out,
            "{},{group},{label},{section},{id},{stat},{value}",
            self.0
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
/// Each count of results, verdicts and flags has a `margin` row beside it.
/// Hidden figures have a `hidden` row with value 1 and no other. What was
/// hidden and why comes first, as `note` rows: the sentence in `id`, its
/// number in `value`.
fn csv(s: &Summary) -> String {
    let mut out = String::from("scope,group,label,section,id,statistic,value\n");
    let whole = CsvRow("all", "", "");
    let notes = (s.suppression.iter().cloned()).chain([s.alpha_rule.to_string(), key_sentence(s)]);
    for (i, note) in notes.enumerate() {
        whole.push(&mut out, "note", &note, "note", (i + 1).to_string());
    }
    let mut hidden_said = false;
    for g in std::iter::once(&s.all).chain(&s.groups) {
        // On each of the group's rows: cut, as every repeated line is.
        let label = crate::sanitize::excerpt(g.label.as_deref().unwrap_or_default()).into_owned();
        let row = CsvRow(g.scope, g.value.as_deref().unwrap_or(""), &label);
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
        row.push(o, "group", "", "margin", s.count_margin.to_string());
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
        if st.flags_hidden {
            row.push(o, "flag", "", "hidden", "1".into());
        }
        let counts = (st.verdicts.iter())
            .map(|v| ("verdict", v.ids.join("+"), v.count, v.margin, v.range))
            .chain((st.flags.iter()).map(|f| ("flag", f.id.clone(), f.count, f.margin, f.range)));
        for (section, id, count, margin, range) in counts {
            match count {
                Some(c) => {
                    row.push(o, section, &id, "count", c.to_string());
                    let m = margin.unwrap_or(s.count_margin);
                    row.push(o, section, &id, "margin", m.to_string());
                    let [low, high] = range.unwrap_or([c, c]);
                    row.push(o, section, &id, "low", low.to_string());
                    row.push(o, section, &id, "high", high.to_string());
                }
                None => row.push(o, section, &id, "hidden", "1".into()),
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "../../tests/unit/export/summary.rs"]
mod tests;
