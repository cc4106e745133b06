//! The layout of `compare` for every human-readable format (CONTRACT §6.6):
//! the two verdicts, where the two see their shared home differently (with
//! questions to ask each other), the scores side by side, then each
//! workplace's differences as context, then the flags.

use super::document::{
    Align, Audience, Block, Cell, Column, Document, Item, List, ListKind, NO_DIFFERENCES, Pairs,
    REDACTED_NOTE, Section, Table, Tone, plain, severity, strong, toned,
};
use super::{format_difference, format_opt_score, format_score, plural};
use crate::compare::{Comparison, QuestionDiff, ScoreDiff, Side};

/// How many differing workplace questions the reports show.
pub const QUESTIONS_SHOWN: usize = 10;
/// How many shared gaps get a question to ask each other.
pub const PROMPTS: usize = 3;

/// The warning for results from different banks.
pub fn different_banks(c: &Comparison) -> String {
    if c.a.bank == c.b.bank {
        return format!(
            "These results come from different versions of the question bank \u{201c}{}\u{201d}: only the dimensions and questions they share can be compared.",
            c.a.bank
        );
    }
    format!(
        "These results come from different question banks (\u{201c}{}\u{201d} and \u{201c}{}\u{201d}): only the dimensions and questions they share can be compared.",
        c.a.bank, c.b.bank
    )
}

/// Which way a difference runs, in words.
pub fn direction(c: &Comparison) -> String {
    format!(
        "Each difference is {b}\u{2019}s score minus {a}\u{2019}s: above zero, {b}\u{2019}s answer is the more positive one; below zero, {a}\u{2019}s is.",
        a = c.a.label,
        b = c.b.label
    )
}

/// A question to ask each other about one shared gap: no verdict on either.
pub fn conversation_prompt(c: &Comparison, q: &QuestionDiff) -> String {
    format!(
        "On \u{201c}{}\u{201d}, {} answered \u{201c}{}\u{201d} and {} answered \u{201c}{}\u{201d}. Ask each other: what do you each see that leads you there, and what would it take for both of you to answer the same?",
        q.prompt, c.a.label, q.a_label, c.b.label, q.b_label
    )
}

fn col(title: &str, align: Align) -> Column {
    Column {
        title: title.to_string(),
        align,
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(vec![plain(s)])
}

fn verdict_cell(s: &Side) -> Cell {
    match (&s.verdict, &s.verdict_label) {
        (Some(v), Some(label)) => Cell::Text(vec![toned(
            label.clone(),
            Tone::of_verdict(&s.bands, Some(v)),
        )]),
        (None, Some(label)) => Cell::Muted(label.clone()),
        _ => Cell::Muted("no verdict".into()),
    }
}

fn score_row(title: &str, d: &ScoreDiff, bold: bool) -> Vec<Cell> {
    vec![
        Cell::Text(vec![if bold { strong(title) } else { plain(title) }]),
        text(format_opt_score(d.a)),
        text(format_opt_score(d.b)),
        text(format_difference(d.difference)),
    ]
}

fn answer(label: &str, score: Option<f64>, free_text: bool) -> Cell {
    let s = match score {
        Some(s) => format!("{label}, score {}", format_score(s)),
        None => label.to_string(),
    };
    if free_text { Cell::Answer(s) } else { text(s) }
}

fn question_table(c: &Comparison, qs: &[&QuestionDiff]) -> Table {
    Table {
        columns: vec![
            col("Question", Align::Left),
            col(&c.a.label, Align::Left),
            col(&c.b.label, Align::Left),
            col("Difference", Align::Right),
        ],
        rows: qs
            .iter()
            .map(|q| {
                let free = q.kind == crate::bank::Kind::Text.name();
                vec![
                    text(q.prompt.clone()),
                    answer(&q.a_label, q.score.a, free),
                    answer(&q.b_label, q.score.b, free),
                    text(format_difference(q.score.difference)),
                ]
            })
            .collect(),
        stack: true,
    }
}

/// A dimension's title, marked when it is about the shared home.
fn dimension_title(d: &crate::compare::DimensionDiff) -> String {
    if d.shared {
        format!("{} (shared home)", d.title)
    } else {
        d.title.clone()
    }
}

/// The comparison, laid out once for every format.
pub fn document(c: &Comparison) -> Document {
    let title = format!("Comparing {} and {}", c.a.label, c.b.label);
    let mut lead = Vec::new();
    if !c.same_bank {
        lead.push(Block::Warning(different_banks(c)));
    }
    lead.push(Block::Table(Table {
        columns: vec![
            col("", Align::Left),
            col(&c.a.label, Align::Left),
            col(&c.b.label, Align::Left),
        ],
        rows: vec![
            vec![text("Verdict"), verdict_cell(&c.a), verdict_cell(&c.b)],
            vec![
                text("Answered"),
                text(format!("{} of {}", c.a.answered, c.a.asked)),
                text(format!("{} of {}", c.b.answered, c.b.asked)),
            ],
        ],
        stack: false,
    }));
    if c.is_identical() {
        lead.push(Block::Para(vec![plain(NO_DIFFERENCES)]));
    }

    let mut sections = Vec::new();
    let shared: Vec<&QuestionDiff> = c.questions.iter().filter(|q| q.shared).collect();
    let has_shared_sets = c.dimensions.iter().any(|d| d.shared);
    if has_shared_sets {
        let mut blocks = vec![Block::Note(
            "These questions are about the home and family you share. A different answer here is not a mistake by either of you: it is two views of the same life, and worth talking over.".into(),
        )];
        if shared.is_empty() {
            blocks.push(Block::Para(vec![plain(
                "You answered every question about your shared home the same way.",
            )]));
        } else {
            blocks.push(Block::Table(question_table(c, &shared)));
            blocks.push(Block::Note(direction(c)));
            let prompts: Vec<Item> = shared
                .iter()
                .filter(|q| q.score.difference.is_some_and(|d| d != 0.0))
                .take(PROMPTS)
                .map(|q| Item {
                    mark: None,
                    title: vec![plain(conversation_prompt(c, q))],
                    detail: None,
                    reasons: Vec::new(),
                })
                .collect();
            if !prompts.is_empty() {
                blocks.push(Block::Subheading("Questions to ask each other".into()));
                blocks.push(Block::List(List {
                    kind: ListKind::Bullets,
                    items: prompts,
                }));
            }
        }
        sections.push(Section {
            id: "shared".into(),
            heading: Some("Where you see your home differently".into()),
            audience: Audience::All,
            blocks,
        });
    }

    let mut rows = vec![score_row("Overall", &c.overall, true)];
    rows.extend(c.dimensions.iter().map(|d| {
        let title = if d.shared {
            format!("{} (shared home)", d.title)
        } else {
            d.title.clone()
        };
        score_row(&title, &d.score, false)
    }));
    sections.push(Section {
        id: "scores".into(),
        heading: Some("Scores".into()),
        audience: Audience::All,
        blocks: vec![
            Block::Table(Table {
                columns: vec![
                    col("", Align::Left),
                    col(&c.a.label, Align::Right),
                    col(&c.b.label, Align::Right),
                    col("Difference", Align::Right),
                ],
                rows,
                stack: false,
            }),
            Block::Pairs(Pairs {
                a: c.a.label.clone(),
                b: c.b.label.clone(),
                rows: std::iter::once(("Overall".to_string(), c.overall.a, c.overall.b))
                    .chain(
                        c.dimensions
                            .iter()
                            .map(|d| (dimension_title(d), d.score.a, d.score.b)),
                    )
                    .collect(),
            }),
        ],
    });
    if shared.is_empty() {
        if let Some(scores) = sections.last_mut() {
            scores.blocks.push(Block::Note(direction(c)));
        }
    }

    let work: Vec<&QuestionDiff> = c.questions.iter().filter(|q| !q.shared).collect();
    if !work.is_empty() {
        let shown: Vec<&QuestionDiff> = work.iter().take(QUESTIONS_SHOWN).copied().collect();
        let mut blocks = Vec::new();
        if has_shared_sets {
            blocks.push(Block::Note(
                "Each of you answered these about your own work and workplace, so they differ as your jobs do: context for the conversation, not a disagreement.".into(),
            ));
        }
        blocks.push(Block::Table(question_table(c, &shown)));
        if work.len() > QUESTIONS_SHOWN {
            let more = work.len() - QUESTIONS_SHOWN;
            blocks.push(Block::Note(format!(
                "And {more} more {} (all of them are in --format json).",
                plural(more, "answer differs", "answers differ")
            )));
        }
        sections.push(Section {
            id: "answers".into(),
            heading: Some(
                if has_shared_sets {
                    "Your workplaces, for context"
                } else {
                    "Answers that differ most"
                }
                .into(),
            ),
            audience: Audience::All,
            blocks,
        });
    }

    for (id, heading, flags) in [
        (
            "flags-a",
            format!("Flags only in {}", c.a.label),
            &c.flags.only_a,
        ),
        (
            "flags-b",
            format!("Flags only in {}", c.b.label),
            &c.flags.only_b,
        ),
        ("flags-both", "Flags in both".to_string(), &c.flags.both),
    ] {
        if flags.is_empty() {
            continue;
        }
        sections.push(Section {
            id: id.into(),
            heading: Some(heading),
            audience: Audience::All,
            blocks: vec![Block::List(List {
                kind: ListKind::Bullets,
                items: flags
                    .iter()
                    .map(|f| Item {
                        mark: Some(severity(&f.severity)),
                        title: vec![plain(f.title.clone())],
                        detail: None,
                        reasons: Vec::new(),
                    })
                    .collect(),
            })],
        });
    }

    Document {
        title,
        lead,
        sections,
        footer: if c.redacted {
            vec![REDACTED_NOTE.to_string()]
        } else {
            Vec::new()
        },
    }
}
