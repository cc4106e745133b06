//! The shared skeleton of every human-readable format (after hyperfine's
//! `src/export/markup.rs`): a report or a comparison is laid out here once,
//! in its order (verdict, start here, dimensions, flags, steps, levers,
//! answers), as a [`Document`] of headings, paragraphs, tables and lists.
//! Each format only draws those blocks and escapes text its own way.
//!
//! Every fixed phrase a report uses lives here, once. Tone (good, mixed,
//! bad) comes from a band's position in the bank's bands, never from a
//! verdict's id: custom banks name their bands as they like.

pub use super::reasons::{Why, reasons};
use super::{format_score, plural};
use crate::bank::Severity;
use crate::result::{AssessmentResult, BandInfo, DimensionResult, QuestionResult, StepResult};
use crate::scoring::Mode;

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
        bands
            .iter()
            .position(|b| score >= b.min)
            .map_or(Tone::Neutral, |i| Tone::of_position(i, bands.len()))
    }
}

/// A run of text, strong or toned. Its text is raw: formats escape it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub tone: Option<Tone>,
}

pub type Line = Vec<Span>;

pub fn plain(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        strong: false,
        tone: None,
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

fn col(title: &str, align: Align) -> Column {
    Column {
        title: title.to_string(),
        align,
    }
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

fn text(s: impl Into<String>) -> Cell {
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
    t.points
        .iter()
        .map(|p| {
            format!(
                "{}: {} ({})",
                p.label,
                p.score.map_or_else(|| "no score".to_string(), format_score),
                p.verdict
            )
        })
        .collect::<Vec<_>>()
        .join(", then ")
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

/// Which formats draw a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    All,
    /// The terminal only.
    Terminal,
    /// Markdown and HTML, which are kept and shared.
    Page,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// An anchor for HTML.
    pub id: std::borrow::Cow<'static, str>,
    pub heading: Option<String>,
    pub audience: Audience,
    pub blocks: Vec<Block>,
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
/// How many next steps the "Start here" block names when the result gives
/// no ranks (CONTRACT §6.3's default).
pub const START_HERE: usize = 3;

pub const NO_VERDICT: &str = "No verdict: none of the scored questions was answered.";
pub const REDACTED_NOTE: &str = "Free-text answers are left out of this copy.";
pub const NO_DIFFERENCES: &str = "No differences: every score, answer and flag is the same.";
pub const NO_FLAGS: &str = "No flags: none of your answers raised a red or a green flag.";
pub const NOT_IN_OVERALL: &str = "not in the overall";

/// "Answered 30 of 34 scored questions (quick mode)."
pub fn coverage_sentence(r: &AssessmentResult) -> String {
    format!(
        "Answered {} of {} scored {}{}.",
        r.coverage.answered,
        r.coverage.asked,
        plural(r.coverage.asked, "question", "questions"),
        match mode(r) {
            Mode::Quick => " (quick mode)",
            Mode::Prospective => " about the employer you are considering",
            Mode::Full => "",
        }
    )
}

/// The result's mode as the enum.
pub fn mode(r: &AssessmentResult) -> Mode {
    r.mode().unwrap_or(Mode::Full)
}

/// A flag's severity as the enum.
pub fn severity(s: &str) -> Severity {
    if s == Severity::Green.as_str() {
        Severity::Green
    } else {
        Severity::Red
    }
}

/// The verdict is withheld for too few answers (CONTRACT §6.2), or the
/// answers are too few to trust it.
pub fn provisional(r: &AssessmentResult) -> bool {
    withheld(r) || r.coverage.is_low()
}

/// The verdict is withheld (`overall.withheld`), or a score came without
/// one.
fn withheld(r: &AssessmentResult) -> bool {
    r.overall.withheld.is_some() || (r.overall.score.is_some() && r.overall.verdict.is_none())
}

/// The warning a provisional report leads with.
pub fn provisional_warning(r: &AssessmentResult) -> Option<String> {
    let (a, n) = (r.coverage.answered, r.coverage.asked);
    if withheld(r) && r.overall.score.is_none() {
        Some(format!(
            "Not enough answers for a verdict yet: {a} of {n} scored {} answered; answer more of them to get a verdict.",
            plural(n, "question", "questions")
        ))
    } else if withheld(r) {
        Some(format!(
            "Not enough answers for a verdict yet: {a} of {n} scored {} answered. The score below is provisional; answer more of them to get a verdict.",
            plural(n, "question", "questions")
        ))
    } else if r.coverage.is_low() && r.overall.score.is_some() {
        // (With no score there is no verdict to call provisional: the
        // verdict line says why.)
        Some(format!(
            "Low confidence: only {a} of {n} scored {} answered, so the verdict and score below are provisional, a first impression.",
            plural(n, "question was", "questions were")
        ))
    } else {
        None
    }
}

/// The bands from lowest to highest, each to the next one's `min`.
pub fn spectrum(r: &AssessmentResult) -> Spectrum {
    let n = r.bands.len();
    let mut segments: Vec<Segment> = r
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| Segment {
            label: b.label.clone(),
            from: b.min.clamp(0.0, 100.0),
            to: if i == 0 {
                100.0
            } else {
                r.bands[i - 1].min.clamp(0.0, 100.0)
            },
            tone: Tone::of_position(i, n),
        })
        .filter(|s| s.to > s.from)
        .collect();
    segments.reverse();
    Spectrum {
        segments,
        score: r.overall.score,
        provisional: provisional(r),
    }
}

/// "Sidelining risk below 45, Mixed track from 45 to 70, Positive track
/// from 70": the spectrum in words.
pub fn spectrum_words(s: &Spectrum) -> String {
    let n = s.segments.len();
    let parts: Vec<String> = s
        .segments
        .iter()
        .enumerate()
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

fn verdict_line(r: &AssessmentResult) -> Line {
    let tone = Tone::of_verdict(&r.bands, r.overall.verdict.as_deref());
    match (r.overall.score, &r.overall.verdict, &r.overall.label) {
        (Some(score), Some(_), Some(label)) if provisional(r) => {
            let mut line = vec![
                plain("Provisional verdict: "),
                toned(label, tone),
                plain(", with a provisional score of "),
                strong(format_score(score)),
                plain(" out of 100."),
            ];
            if let Some(why) = crate::result::cap_reason(r) {
                line.push(plain(format!(" {why}")));
            }
            line
        }
        (Some(score), Some(_), Some(label)) => {
            let mut line = vec![
                plain("Verdict: "),
                toned(label, tone),
                plain(", with an overall score of "),
                strong(format_score(score)),
                plain(" out of 100."),
            ];
            // A verdict lower than its score says why, in the same line, so
            // every report and the end of a session show it.
            if let Some(why) = crate::result::cap_reason(r) {
                line.push(plain(format!(" {why}")));
            }
            line
        }
        (Some(score), None, _) => vec![
            plain("Provisional score: "),
            strong(format_score(score)),
            plain(" out of 100, not yet a verdict."),
        ],
        _ => vec![plain(NO_VERDICT)],
    }
}

/// What stands in a dimension's score column when it has no score.
pub fn no_score(d: &DimensionResult) -> &'static str {
    if d.asked == 0 {
        "not asked"
    } else {
        "not answered"
    }
}

/// The next steps to do first: those the result marks `start_here`, or,
/// in a result that marks none, the first three.
pub fn start_here(r: &AssessmentResult) -> Vec<&StepResult> {
    let marked: Vec<&StepResult> = r.next_steps.iter().filter(|s| s.start_here).collect();
    if marked.is_empty() {
        r.next_steps.iter().take(START_HERE).collect()
    } else {
        marked
    }
}

/// A question's answer in words for the appendix.
pub fn answer_words(r: &AssessmentResult, q: &QuestionResult) -> String {
    match &q.answer_label {
        Some(l) if !q.answer.is_null() => l.clone(),
        _ if r.answers.contains_key(&q.id) && r.mode() == Some(Mode::Prospective) => {
            "don't know yet".to_string()
        }
        _ if r.answers.contains_key(&q.id) => "skipped (prefer not to say)".to_string(),
        _ => "not answered".to_string(),
    }
}

/// The free-text answers of a result: (prompt, answer).
pub fn notes(r: &AssessmentResult) -> Vec<(&str, &str)> {
    r.dimensions
        .iter()
        .flat_map(|d| &d.questions)
        .filter(|q| q.kind == crate::bank::Kind::Text.name())
        .filter_map(|q| Some((q.prompt.as_str(), q.answer.as_str()?)))
        .collect()
}

/// The bands a dimension's score is read against: its set's own, or the
/// bank's.
fn dimension_bands<'a>(r: &'a AssessmentResult, d: &'a DimensionResult) -> &'a [BandInfo] {
    if d.bands.is_empty() {
        &r.bands
    } else {
        &d.bands
    }
}

/// "4.2 on 1–5": a dimension's mean answer on its scale (CONTRACT §6.4).
pub fn scale_mean(d: &DimensionResult) -> Option<String> {
    let mean = d.scale_mean?;
    Some(match d.scale {
        Some(s) => format!("mean {} on {}–{}", format_score(mean), s.min, s.max),
        None => format!("mean {}", format_score(mean)),
    })
}

fn dimension_row(r: &AssessmentResult, d: &DimensionResult) -> Vec<Cell> {
    let bands = dimension_bands(r, d);
    let mut title = vec![plain(d.title.clone())];
    if d.weight == 0.0 {
        title.push(plain(format!(" ({NOT_IN_OVERALL})")));
    }
    if let Some(label) = &d.label {
        title.push(plain(": "));
        title.push(toned(
            label.clone(),
            Tone::of_verdict(bands, d.verdict.as_deref()),
        ));
    }
    let answered = text(format!("{} of {}", d.answered, d.asked));
    match d.score {
        Some(s) => {
            let mut score = format_score(s);
            if let Some(mean) = scale_mean(d) {
                score = format!("{score} ({mean})");
            }
            vec![
                Cell::Text(title),
                text(score),
                Cell::Bar(s, Tone::of_score(bands, s)),
                answered,
            ]
        }
        None => vec![
            Cell::Text(title),
            text("–"),
            Cell::Muted(no_score(d).to_string()),
            answered,
        ],
    }
}

fn flag_sections(r: &AssessmentResult) -> Vec<Section> {
    let mut out = Vec::new();
    for (sev, id, heading) in [
        (Severity::Red, "red-flags", "Red flags"),
        (Severity::Green, "green-flags", "Green flags"),
    ] {
        let items: Vec<Item> = r
            .flags
            .iter()
            .filter(|f| severity(&f.severity) == sev)
            .map(|f| Item {
                mark: Some(sev),
                title: vec![strong(f.title.clone())],
                detail: f.detail.clone(),
                reasons: reasons(r, Why::from(f)),
            })
            .collect();
        if !items.is_empty() {
            out.push(Section {
                id: id.into(),
                heading: Some(heading.into()),
                audience: Audience::All,
                blocks: vec![Block::List(List {
                    kind: ListKind::Bullets,
                    items,
                })],
            });
        }
    }
    if out.is_empty() {
        out.push(Section {
            id: "flags".into(),
            heading: Some("Flags".into()),
            audience: Audience::All,
            blocks: vec![Block::Para(vec![plain(NO_FLAGS)])],
        });
    }
    out
}

/// "If your answer to … were …, your score would rise from A to B (+g)."
pub fn lever_sentence(l: &crate::result::LeverResult) -> String {
    format!(
        "If your answer to \u{201c}{}\u{201d} were \u{201c}{}\u{201d} instead of \u{201c}{}\u{201d}, your score would rise from {} to {} (+{}).",
        l.prompt,
        l.to_label,
        l.from_label,
        format_score(l.overall_from),
        format_score(l.overall_to),
        format_score(l.gain)
    )
}

/// The report, laid out once for every format.
/// The report as `reader` (the terminal or a page) shows it: sections for
/// the other are not made (a page's appendix lists every answer, which the
/// terminal leaves out).
pub fn report(r: &AssessmentResult, reader: Audience) -> Document {
    let wanted = |a: Audience| a == Audience::All || a == reader;
    let mut lead = Vec::new();
    if let Some(w) = provisional_warning(r) {
        lead.push(Block::Warning(w));
    }
    lead.push(Block::Para(verdict_line(r)));
    match &r.overall.summary {
        Some(summary) if !withheld(r) => lead.push(Block::Para(vec![plain(summary.clone())])),
        _ => {}
    }
    let spectrum = spectrum(r);
    if !spectrum.segments.is_empty() && r.overall.score.is_some() {
        lead.push(Block::Spectrum(spectrum));
    }
    lead.push(Block::Note(coverage_sentence(r)));
    lead.extend(super::prospective::lead_notes(r));

    let mut sections = Vec::new();
    sections.extend(super::prospective::find_out_section(r));
    let first: Vec<Item> = start_here(r)
        .into_iter()
        .map(|s| Item {
            mark: None,
            title: vec![strong(s.title.clone())],
            detail: None,
            reasons: Vec::new(),
        })
        .collect();
    if !first.is_empty() {
        sections.push(Section {
            id: "start-here".into(),
            heading: Some("Start here".into()),
            audience: Audience::All,
            blocks: vec![Block::List(List {
                kind: ListKind::Numbered,
                items: first,
            })],
        });
    }

    sections.push(Section {
        id: "dimensions".into(),
        heading: Some("Dimensions".into()),
        audience: Audience::All,
        blocks: vec![Block::Table(Table {
            columns: vec![
                col("Dimension", Align::Left),
                col("Score", Align::Right),
                col("", Align::Left),
                col("Answered", Align::Right),
            ],
            rows: r
                .dimensions
                .iter()
                .filter(|d| !d.is_unscored_profile())
                .map(|d| dimension_row(r, d))
                .collect(),
            stack: false,
        })],
    });

    sections.extend(flag_sections(r));

    if !r.next_steps.is_empty() {
        sections.push(Section {
            id: "next-steps".into(),
            heading: Some("Next steps".into()),
            audience: Audience::All,
            blocks: vec![Block::List(List {
                kind: ListKind::Checklist,
                items: r
                    .next_steps
                    .iter()
                    .map(|s| Item {
                        mark: None,
                        title: vec![strong(s.title.clone())],
                        detail: (!s.detail.is_empty()).then(|| s.detail.clone()),
                        reasons: reasons(r, Why::from(s)),
                    })
                    .collect(),
            })],
        });
    }

    if !r.levers.is_empty() {
        sections.push(Section {
            id: "levers".into(),
            heading: Some("What would move your score most".into()),
            audience: Audience::All,
            blocks: vec![Block::List(List {
                kind: ListKind::Numbered,
                items: r
                    .levers
                    .iter()
                    .map(|l| Item {
                        mark: None,
                        title: vec![plain(lever_sentence(l))],
                        detail: None,
                        reasons: Vec::new(),
                    })
                    .collect(),
            })],
        });
    }

    let notes = notes(r);
    if !notes.is_empty() && !r.redacted && wanted(Audience::Terminal) {
        sections.push(Section {
            id: "notes".into(),
            heading: Some("Your notes".into()),
            audience: Audience::Terminal,
            blocks: vec![Block::List(List {
                kind: ListKind::Bullets,
                items: notes
                    .into_iter()
                    .map(|(prompt, answer)| Item {
                        mark: None,
                        title: vec![plain(prompt)],
                        detail: Some(answer.to_string()),
                        reasons: Vec::new(),
                    })
                    .collect(),
            })],
        });
    }

    if wanted(Audience::Page) {
        let mut appendix = Vec::new();
        for d in r.dimensions.iter().filter(|d| !d.questions.is_empty()) {
            appendix.push(Block::Subheading(d.title.clone()));
            appendix.push(Block::Table(Table {
                columns: vec![
                    col("Question", Align::Left),
                    col("Your answer", Align::Left),
                    col("Score", Align::Right),
                ],
                rows: d
                    .questions
                    .iter()
                    .map(|q| {
                        let answer = answer_words(r, q);
                        vec![
                            text(q.prompt.clone()),
                            if q.kind == crate::bank::Kind::Text.name() {
                                Cell::Answer(answer)
                            } else {
                                text(answer)
                            },
                            if q.scored {
                                text(super::format_opt_score(q.score))
                            } else {
                                Cell::Muted("not scored".into())
                            },
                        ]
                    })
                    .collect(),
                stack: true,
            }));
        }
        sections.push(Section {
            id: "answers".into(),
            heading: Some("Appendix: your answers".into()),
            audience: Audience::Page,
            blocks: appendix,
        });
    }

    let mut footer = Vec::new();
    if let Some(d) = &r.bank.disclaimer {
        footer.push(d.clone());
    }
    if r.redacted {
        footer.push(REDACTED_NOTE.to_string());
    }
    Document {
        title: r.bank.title.clone(),
        lead,
        sections,
        footer,
    }
}

#[cfg(test)]
#[path = "../../tests/unit/export/document.rs"]
mod tests;
