//! The shared skeleton of every human-readable format (after hyperfine's
//! `src/export/markup.rs`): a report ([`super::report`]), a comparison, a
//! history, a summary or the interview kit is laid out once as a
//! [`Document`] of headings, paragraphs, tables and lists. Each format only
//! draws those blocks and escapes text its own way.
//!
//! The phrases a report and a comparison share live here, once. Tone (good, mixed,
//! bad) comes from a band's position in the bank's bands, never from a
//! verdict's id: custom banks name their bands as they like.

use super::format_score;
use crate::bank::Severity;
use crate::result::BandInfo;

/// How a verdict or a score reads: from the bank's first band (good) to
/// its last (bad), anything between mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Mixed,
    Bad,
    Neutral,
}

impl Tone {
    /// The tone of the band at `index` of `count`, highest first.
    pub fn of_position(index: usize, count: usize) -> Tone {
        match (index, count) {
            (_, 0 | 1) => Tone::Neutral,
            (0, _) => Tone::Good,
            (i, n) if i + 1 == n => Tone::Bad,
            _ => Tone::Mixed,
        }
    }

    /// The tone of the band with this verdict id.
    pub fn of_verdict(bands: &[BandInfo], verdict: Option<&str>) -> Tone {
        verdict
            .and_then(|v| bands.iter().position(|b| b.verdict == v))
            .map_or(Tone::Neutral, |i| Tone::of_position(i, bands.len()))
    }

    /// The tone of the band a score falls in.
    pub fn of_score(bands: &[BandInfo], score: f64) -> Tone {
        let band = bands.iter().position(|b| score >= b.min);
        band.map_or(Tone::Neutral, |i| Tone::of_position(i, bands.len()))
    }
}

/// A run of text, strong, toned or a command to type (`code`). Its text is
/// raw: formats escape it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub tone: Option<Tone>,
    pub code: bool,
}

pub type Line = Vec<Span>;

/// What joins a list item's title and its detail on one line: `": "`, or
/// a space after a title that ends a sentence ("…there. Ask…", never
/// "…there.: Ask…").
pub fn joiner(title: &Line) -> &'static str {
    let last = (title.iter().rev()).find_map(|s| s.text.trim_end().chars().last());
    if matches!(last, Some('.' | '!' | '?' | ':')) {
        " "
    } else {
        ": "
    }
}

pub fn plain(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        strong: false,
        tone: None,
        code: false,
    }
}

/// A command, as the reader types it.
pub fn code(text: impl Into<String>) -> Span {
    Span {
        code: true,
        ..plain(text)
    }
}

pub fn strong(text: impl Into<String>) -> Span {
    Span {
        strong: true,
        ..plain(text)
    }
}

pub fn toned(text: impl Into<String>, tone: Tone) -> Span {
    Span {
        tone: Some(tone),
        ..strong(text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub align: Align,
}

/// A column of words, aligned left.
pub fn left(title: &str) -> Column {
    let (title, align) = (title.to_string(), Align::Left);
    Column { title, align }
}

/// A column of numbers, aligned right.
pub fn right(title: &str) -> Column {
    let (title, align) = (title.to_string(), Align::Right);
    Column { title, align }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Line),
    /// A 0–100 bar in the tone of its band.
    Bar(f64, Tone),
    /// Words standing in for a value ("not asked").
    Muted(String),
    /// A free-text answer: line breaks kept where the format can.
    Answer(String),
    /// A count out of a whole (`part` of `whole` results), drawn as a bar
    /// where the format can.
    Count(usize, usize),
}

pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(vec![plain(s)])
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// On a narrow screen, show each row as a small card.
    pub stack: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Bullets,
    Numbered,
    /// Things to do: a `- [ ]` task list, boxes on paper.
    Checklist,
    /// Bullets whose `reasons` are read in full voice, not as small print:
    /// in a comparison, what the two could talk about.
    Conversation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub mark: Option<Severity>,
    pub title: Line,
    pub detail: Option<String>,
    /// "because you answered …" lines, at most [`REASONS_SHOWN`], then
    /// "and N more answers".
    pub reasons: Vec<String>,
}

impl Item {
    /// An item that is only its title: no mark, detail or reasons.
    pub fn titled(title: Line) -> Item {
        Item {
            mark: None,
            title,
            detail: None,
            reasons: Vec::new(),
        }
    }

    /// An item with a title and a detail under it: no mark or reasons.
    pub fn detailed(title: Line, detail: impl Into<Option<String>>) -> Item {
        Item {
            detail: detail.into(),
            ..Item::titled(title)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<Item>,
}

/// Where the verdict falls between the bank's bands, lowest band first.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrum {
    pub segments: Vec<Segment>,
    pub score: Option<f64>,
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub label: String,
    pub from: f64,
    pub to: f64,
    pub tone: Tone,
}

/// The bank's bands (highest first) as segments, lowest first, each up
/// to the next one's `min`; a band with no room left out.
pub fn segments(bands: &[BandInfo]) -> Vec<Segment> {
    let mut upper = 100.0;
    let mut out: Vec<Segment> = (bands.iter().enumerate())
        .map(|(i, b)| {
            let from = b.min.clamp(0.0, 100.0);
            let tone = Tone::of_position(i, bands.len());
            let label = b.label.clone();
            Segment {
                label,
                from,
                to: std::mem::replace(&mut upper, from),
                tone,
            }
        })
        .filter(|s| s.to > s.from)
        .collect();
    out.reverse();
    out
}

/// Two scores per row, drawn as a chart where the format can.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    pub a: String,
    pub b: String,
    pub rows: Vec<(String, Option<f64>, Option<f64>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Line),
    /// Quieter: context, how to read what comes.
    Note(String),
    /// Read this first.
    Warning(String),
    Subheading(String),
    Spectrum(Spectrum),
    Table(Table),
    List(List),
    Pairs(Pairs),
    /// Scores over time, drawn as a chart where the format can.
    Trend(Trend),
}

impl Block {
    pub fn list(kind: ListKind, items: Vec<Item>) -> Block {
        Block::List(List { kind, items })
    }

    /// A table that stays a table on a narrow screen.
    pub fn table(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
        Block::Table(Table {
            columns,
            rows,
            stack: false,
        })
    }

    /// A table shown on a narrow screen as a small card a row.
    pub fn stacked(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
        Block::Table(Table {
            columns,
            rows,
            stack: true,
        })
    }
}

/// Pushes `heading` and a list of `items` under it, when there are any.
pub fn headed_list(
    out: &mut Vec<Block>,
    heading: &str,
    kind: ListKind,
    items: impl IntoIterator<Item = Item>,
) {
    let items: Vec<Item> = items.into_iter().collect();
    if !items.is_empty() {
        out.push(Block::Subheading(heading.into()));
        out.push(Block::list(kind, items));
    }
}

/// The overall score of results taken one after another, oldest first,
/// against the bank's bands.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub points: Vec<TrendPoint>,
    /// The bands, lowest first, as a spectrum has them.
    pub bands: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// The day taken, or the file name.
    pub label: String,
    pub score: Option<f64>,
    /// The verdict in words, or why there is none.
    pub verdict: String,
    pub tone: Tone,
}

/// The trend in words: "52.3 (Mixed), then 58.0 (Mixed), then 71.2
/// (Positive)".
pub fn trend_words(t: &Trend) -> String {
    let words = t.points.iter().map(|p| {
        let score = p.score.map_or_else(|| "no score".to_string(), format_score);
        format!("{}: {score} ({})", p.label, p.verdict)
    });
    words.collect::<Vec<_>>().join(", then ")
}

/// How many cells wide a trend bar is at 100: each eighth of a cell is
/// half a point, so a rise of a point or more always shows.
pub const TREND_CELLS: usize = 25;

/// The trend's rows, one a result: its label, a bar as long as its score
/// on a fixed 0–100 scale ([`TREND_CELLS`] wide, padded; blank for no
/// score) and the score.
pub fn trend_rows(t: &Trend) -> Vec<(String, String, String)> {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    t.points
        .iter()
        .map(|p| {
            let eighths = p.score.map_or(0, |s| {
                (s.clamp(0.0, 100.0) / 100.0 * (TREND_CELLS * 8) as f64).round() as usize
            });
            let mut bar = "█".repeat(eighths / 8);
            if eighths % 8 > 0 {
                bar.push(EIGHTHS[eighths % 8 - 1]);
            }
            let pad = TREND_CELLS - bar.chars().count();
            bar.push_str(&" ".repeat(pad));
            let score = p.score.map_or_else(|| "no score".into(), format_score);
            (p.label.clone(), bar, score)
        })
        .collect()
}

/// Who reads a report: a report is laid out for one, with only the
/// sections it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The terminal.
    Terminal,
    /// Markdown and HTML, which are kept and shared.
    Page,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// An anchor for HTML.
    pub id: std::borrow::Cow<'static, str>,
    pub heading: String,
    pub blocks: Vec<Block>,
}

impl Section {
    /// A section under `heading`.
    pub fn new(
        id: impl Into<std::borrow::Cow<'static, str>>,
        heading: impl Into<String>,
        blocks: Vec<Block>,
    ) -> Section {
        Section {
            id: id.into(),
            heading: heading.into(),
            blocks,
        }
    }

    /// A section that is one list; none when there is nothing to list.
    pub fn list(
        id: impl Into<std::borrow::Cow<'static, str>>,
        heading: impl Into<String>,
        kind: ListKind,
        items: impl IntoIterator<Item = Item>,
    ) -> Option<Section> {
        let items: Vec<Item> = items.into_iter().collect();
        let list = (!items.is_empty()).then(|| vec![Block::list(kind, items)]);
        Some(Section::new(id, heading, list?))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Under the title: the verdict and what to read it with.
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
    /// Small print at the end.
    pub footer: Vec<String>,
}

/// How many reasons a flag or a step shows.
pub const REASONS_SHOWN: usize = 3;
pub const REDACTED_NOTE: &str = "Free-text answers are left out of this copy.";
pub const NO_DIFFERENCES: &str = "No differences: every score, answer and flag is the same.";

/// A flag's severity as the enum.
pub fn severity(s: &str) -> Severity {
    if s == Severity::Green.as_str() {
        Severity::Green
    } else {
        Severity::Red
    }
}

/// "Sidelining risk below 45, Mixed track from 45 to 70, Positive track
/// from 70": the spectrum in words.
pub fn spectrum_words(s: &Spectrum) -> String {
    let n = s.segments.len();
    let parts: Vec<String> = (s.segments.iter().enumerate())
        .map(|(i, seg)| {
            let (from, to) = (bound(seg.from), bound(seg.to));
            match (i, n) {
                (0, _) => format!("{} below {to}", seg.label),
                (i, n) if i + 1 == n => format!("{} from {from}", seg.label),
                _ => format!("{} from {from} to {to}", seg.label),
            }
        })
        .collect();
    format!("What the score means: {}.", parts.join(", "))
}

/// A band boundary as the bank wrote it: `45`, `62.5`.
pub fn bound(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format_score(x)
    }
}

#[cfg(test)]
#[path = "../../tests/unit/export/document.rs"]
mod tests;
