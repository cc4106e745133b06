//! The layout of `compare` for every human-readable format (docs/reports.md,
//! docs/formats.md): the two verdicts and what to know first (different banks, a
//! quick or prospective result); for two partners, the next steps for the
//! two of them, then every place where they see their shared home
//! differently (each with what to talk about, and the flags those answers
//! put in doubt), then where they agree; the scores side by side; each
//! workplace's differences as context; the flags.

use std::fmt::Write as _;

use super::document::{
    Block, Cell, Document, Item, ListKind::*, NO_DIFFERENCES, Pairs, REDACTED_NOTE, Section, Tone,
    headed_list, left, plain, right, severity, strong, text, toned,
};
use super::{format_difference, format_opt_score, format_score, plural};
use crate::compare::{
    Comparison, ContestedFlag, Evidence, PROSPECTIVE, QuestionDiff, Reading, ScoreDiff,
    SharedDifference, Side, TogetherStep, Who,
};

/// How many differing workplace questions the reports show (all of them
/// are in the JSON; every shared difference is shown).
pub const QUESTIONS_SHOWN: usize = 10;

/// The warning for results from different banks, or versions of one.
pub fn different_banks(c: &Comparison) -> String {
    if c.a.bank == c.b.bank {
        return format!(
            "These results come from different versions of the question bank \u{201c}{}\u{201d}: only the dimensions and questions they share can be compared, and a question may have changed between the versions.",
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

/// What a reader should know before the comparison: different banks, a
/// quick result, a prospective one, one person at two times.
fn notices(c: &Comparison) -> Vec<String> {
    let mut out: Vec<String> = (!c.same_bank)
        .then(|| different_banks(c))
        .into_iter()
        .collect();
    let quick = |s: &Side| s.mode == crate::scoring::Mode::Quick.as_str();
    match (quick(&c.a), quick(&c.b)) {
        (true, true) => out.push(
            "You both took the quick version, which asks only the core questions: the questions it leaves out are not compared.".to_string(),
        ),
        (true, false) | (false, true) => {
            let (q, f) = if quick(&c.a) { (&c.a, &c.b) } else { (&c.b, &c.a) };
            out.push(format!(
                "{} took the quick version, which asks only the core questions, and {} the full one: a question only one of you was asked is listed as answered by one of you, not as a difference.",
                q.label, f.label
            ));
        }
        (false, false) => {}
    }
    match c.reading {
        Reading::Prospective => {
            let is = |s: &Side| s.mode == PROSPECTIVE;
            let names: Vec<&str> = [&c.a, &c.b]
                .into_iter()
                .filter(|s| is(s))
                .map(|s| s.label.as_str())
                .collect();
            out.push(format!(
                "{} {}: this compares workplaces for you, only on the questions both results answered. What you do not know yet is not a difference: it is listed first, with what to ask.",
                names.join(" and "),
                plural(
                    names.len(),
                    "is about an employer you are considering",
                    "are about employers you are considering"
                )
            ));
        }
        Reading::SamePerson => out.push(
            "Read as one person at two times: every answer is compared as it was given."
                .to_string(),
        ),
        Reading::Partners => {}
    }
    out
}

/// A quoted answer, or how a missing one reads.
fn quoted(label: &str) -> String {
    format!("\u{201c}{label}\u{201d}")
}

/// Both answers to a shared question that differ, in words.
pub fn answers_sentence(c: &Comparison, d: &SharedDifference) -> String {
    let (a, b) = (&c.a.label, &c.b.label);
    let mut s = format!(
        "{a} answered {}, {b} {}",
        quoted(&d.a_label),
        quoted(&d.b_label)
    );
    if let Some(as_a) = &d.b_as_a_label {
        let _ = write!(s, " (in {a}\u{2019}s words, {})", quoted(as_a));
    }
    s
}

/// Some shared answer was read through a mirror.
fn mirrored(c: &Comparison) -> bool {
    (c.shared_differences.iter()).any(|d| d.b_as_a_label.is_some())
        || c.shared_agreements.iter().any(|g| g.b_as_a != g.b)
}

/// What to talk about: the bank's words for this question, or a question
/// to ask each other when the bank has none.
pub fn talk_about(d: &SharedDifference) -> String {
    match &d.discuss {
        Some(text) => format!("Talk it over: {text}"),
        None => "Talk it over: what does each of you see that leads you to your answer, and what would it take for you both to give the same one?".to_string(),
    }
}

/// One reason for a next step for two, in words.
pub fn evidence_line(c: &Comparison, e: &Evidence) -> String {
    let (a, b, t) = (&c.a.label, &c.b.label, &e.title);
    let num = |v: &serde_json::Value| v.as_f64().map_or_else(|| "no score".into(), format_score);
    let (na, nb) = (num(&e.a), num(&e.b));
    match e.kind.as_str() {
        "question" => match (e.a.as_str().map(quoted), e.b.as_str().map(quoted)) {
            (Some(x), Some(y)) if x == y => format!("because you both answered {x} to: {t}"),
            (Some(x), Some(y)) => format!("because {a} answered {x} and {b} {y} to: {t}"),
            (Some(x), None) => format!("because {a} answered {x} to: {t}"),
            (None, Some(y)) => format!("because {b} answered {y} to: {t}"),
            (None, None) => format!("because of your answers to: {t}"),
        },
        "flag" => match (e.a.as_bool() == Some(true), e.b.as_bool() == Some(true)) {
            (true, true) => format!("because both your results show {}", quoted(t)),
            (true, false) => format!("because {a}\u{2019}s result shows {}", quoted(t)),
            _ => format!("because {b}\u{2019}s result shows {}", quoted(t)),
        },
        "dimension" => format!(
            "because of your scores for {}: {a} {na}, {b} {nb}",
            quoted(t)
        ),
        _ => format!("because of your overall scores: {a} {na}, {b} {nb}"),
    }
}

fn together_item(c: &Comparison, t: &TogetherStep) -> Item {
    let one = t.one.map(|w| {
        let (one, other) = who(c, w);
        format!("here \u{201c}one of you\u{201d} is {one}, and \u{201c}the other\u{201d} {other}")
    });
    let evidence = t.evidence.iter().map(|e| evidence_line(c, e));
    let reasons = one
        .into_iter()
        .chain(super::reasons::shown(evidence.collect()));
    Item {
        reasons: reasons.collect(),
        ..Item::detailed(
            vec![strong(t.title.clone())],
            (!t.detail.is_empty()).then(|| t.detail.clone()),
        )
    }
}

/// The labels of `w` and of the other one.
fn who(c: &Comparison, w: Who) -> (&str, &str) {
    match w {
        Who::A => (&c.a.label, &c.b.label),
        Who::B => (&c.b.label, &c.a.label),
    }
}

/// A flag whose evidence the other partner's answers contradict.
fn contested_item(c: &Comparison, f: &ContestedFlag) -> Item {
    let prompts: Vec<String> = (f.questions.iter())
        .filter_map(|q| c.shared_differences.iter().find(|d| &d.question == q))
        .map(|d| quoted(&d.prompt))
        .collect();
    let on = (!prompts.is_empty()).then(|| format!(" ({})", prompts.join("; ")));
    let on = on.unwrap_or_default();
    let detail = match f.raised_by.as_slice() {
        &[w] => format!(
            "Shows in {}\u{2019}s result, from an answer {} sees differently{on}: something to talk about, not a settled fact.",
            who(c, w).0,
            who(c, w).1
        ),
        _ => format!(
            "Shows in both your results, each about its own person, from answers that disagree{on}: something to talk about, not a settled fact."
        ),
    };
    Item {
        mark: Some(severity(&f.severity)),
        ..Item::detailed(vec![plain(f.title.clone())], detail)
    }
}

fn verdict_cell(s: &Side) -> Cell {
    match (&s.verdict, &s.verdict_label) {
        (Some(v), Some(label)) => Cell::Text(vec![toned(
            match s.provisional {
                true => format!("{label} (provisional)"),
                false => label.clone(),
            },
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

fn question_table(c: &Comparison, qs: &[&QuestionDiff]) -> Block {
    let columns = vec![
        left("Question"),
        left(&c.a.label),
        left(&c.b.label),
        right("Difference"),
    ];
    let rows = qs.iter().map(|q| {
        let free = q.kind == crate::bank::Kind::Text.name();
        vec![
            text(q.prompt.clone()),
            answer(&q.a_label, q.score.a, free),
            answer(&q.b_label, q.score.b, free),
            text(format_difference(q.score.difference)),
        ]
    });
    Block::stacked(columns, rows.collect())
}

/// A dimension's title, marked when it is about the shared home, or with
/// how many questions its scores rest on (a prospective job).
fn dimension_title(d: &crate::compare::DimensionDiff) -> String {
    match d.both_answered {
        Some(n) => format!("{} ({n} {})", d.title, plural(n, "question", "questions")),
        None if d.shared => format!("{} (shared home)", d.title),
        None => d.title.clone(),
    }
}

/// The comparison, laid out once for every format.
pub fn document(c: &Comparison) -> Document {
    let title = format!("Comparing {} and {}", c.a.label, c.b.label);
    let prospective = c.reading == Reading::Prospective;
    let mut lead: Vec<Block> = notices(c).into_iter().map(Block::Warning).collect();
    let columns = vec![left(""), left(&c.a.label), left(&c.b.label)];
    // A prospective job's scores below are on what both answered; a
    // verdict is each result's own.
    let verdict = match prospective {
        true => "Verdict, on all its own answers",
        false => "Verdict",
    };
    let answered = |s: &Side| text(format!("{} of {}", s.answered, s.asked));
    let rows = vec![
        vec![text(verdict), verdict_cell(&c.a), verdict_cell(&c.b)],
        vec![text("Answered"), answered(&c.a), answered(&c.b)],
    ];
    lead.push(Block::table(columns, rows));
    if c.is_identical() {
        lead.push(Block::Para(vec![plain(NO_DIFFERENCES)]));
    }

    let mut sections = Vec::new();
    let together = c.together.iter().map(|t| together_item(c, t));
    let heading = "For the two of you";
    sections.extend(Section::list("together", heading, Checklist, together));

    let shared: Vec<&QuestionDiff> = c.questions.iter().filter(|q| q.shared).collect();
    let has_shared = c.reading == Reading::Partners
        && (!c.shared_differences.is_empty() || !c.shared_agreements.is_empty());
    if has_shared {
        let mut note = "These questions are about the home and family you share. A different answer here is not a mistake by either of you: it is two views of the same life, and worth talking over.".to_string();
        if mirrored(c) {
            let _ = write!(
                note,
                " {b}\u{2019}s answers are read from {a}\u{2019}s side, so \u{201c}it leans towards me\u{201d} from one of you and \u{201c}it leans towards them\u{201d} from the other count as the same answer.",
                a = c.a.label,
                b = c.b.label
            );
        }
        let mut blocks = vec![Block::Note(note)];
        let (both, one): (Vec<&SharedDifference>, Vec<&SharedDifference>) =
            (c.shared_differences.iter()).partition(|d| d.answered_only_by.is_none());
        if both.is_empty() {
            blocks.push(Block::Para(vec![plain(
                "Where you both answered a question about your shared home, you answered it the same way, once each answer is read from one side.",
            )]));
        } else {
            let both = both.iter().map(|d| Item {
                reasons: vec![talk_about(d)],
                ..Item::detailed(vec![strong(d.prompt.clone())], answers_sentence(c, d))
            });
            blocks.push(Block::list(Conversation, both.collect()));
        }
        let contested = c.flags.contested.iter().map(|f| contested_item(c, f));
        let heading = "Signs you read differently";
        headed_list(&mut blocks, heading, Bullets, contested);
        let one = one.iter().map(|d| {
            let w = d.answered_only_by.unwrap_or(Who::A);
            let label = if w == Who::B { &d.b_label } else { &d.a_label };
            let (who, other) = who(c, w);
            let detail = format!(
                "{who} answered {}; {other} did not answer it, or was not asked.",
                quoted(label)
            );
            Item::detailed(vec![plain(d.prompt.clone())], detail)
        });
        let heading = "Answered by only one of you";
        headed_list(&mut blocks, heading, Conversation, one);
        let heading = "Where you see your home differently";
        sections.push(Section::new("shared", heading, blocks));
        let agree = c.shared_agreements.iter().map(|g| {
            // Not the same fact, but both can hold (`agrees_with`).
            let same = match g.a == g.b_as_a {
                true => "the same",
                false => "both can be true",
            };
            let detail = match g.a_label == g.b_label {
                true => format!("You both answered {}", quoted(&g.a_label)),
                false => format!(
                    "{} answered {} and {} {}: {same}, each from their own side",
                    c.a.label,
                    quoted(&g.a_label),
                    c.b.label,
                    quoted(&g.b_label),
                ),
            };
            Item::detailed(vec![plain(g.prompt.clone())], detail)
        });
        let heading = "Where you see your home the same way";
        sections.extend(Section::list("agree", heading, Conversation, agree));
    }
    let has_shared_sets = has_shared || (c.reading != Reading::Partners && !shared.is_empty());
    for (side, other) in [(&c.a, &c.b), (&c.b, &c.a)]
        .into_iter()
        .filter(|(s, _)| !s.to_find_out.is_empty())
    {
        let mut blocks = vec![Block::Para(vec![plain(format!(
            "{}. The most telling first.",
            super::prospective::unknowns(side.to_find_out.len(), side.asked, side.answered)
        ))])];
        // What the other result knows first: the answers to compare with.
        let mut list = side.to_find_out.clone();
        list.sort_by_key(|f| !side.other_knows.contains_key(&f.question));
        let other = Some((&other.label[..], &side.other_knows));
        blocks.extend(super::prospective::find_out_blocks(&list, other));
        let heading = format!("Still to find out about {}", side.label);
        sections.push(Section::new(
            format!("find-out-{}", sections.len()),
            heading,
            blocks,
        ));
    }

    let both: usize = (c.dimensions.iter())
        .filter(|d| d.score.a.is_some())
        .filter_map(|d| d.both_answered)
        .sum();
    let overall = if prospective {
        format!("Overall ({both} {})", plural(both, "question", "questions"))
    } else {
        "Overall".to_string()
    };
    // A part neither answered anything of (a prospective job) says nothing.
    let parts = (c.dimensions.iter()).filter(|d| d.both_answered != Some(0));
    let lines: Vec<(String, &ScoreDiff, bool)> = std::iter::once((overall, &c.overall, true))
        .chain(parts.map(|d| (dimension_title(d), &d.score, false)))
        .collect();
    let mut columns = vec![left("")];
    columns.extend([c.a.label.as_str(), &c.b.label, "Difference"].map(right));
    let rows = lines.iter().map(|(t, d, bold)| score_row(t, d, *bold));
    let mut blocks = vec![
        Block::table(columns, rows.collect()),
        Block::Pairs(Pairs {
            a: c.a.label.clone(),
            b: c.b.label.clone(),
            rows: lines.into_iter().map(|(t, d, _)| (t, d.a, d.b)).collect(),
        }),
    ];
    if prospective {
        blocks.push(Block::Note(
            "Both sides are scored again over only the questions both answered (in brackets, how many a part rests on), so what is not known yet counts neither way.".into(),
        ));
    }
    blocks.push(Block::Note(direction(c)));
    // Partners who agree about their home still score it differently:
    // each score is from that person's own side of the split.
    let sides_differ = |d: &&crate::compare::DimensionDiff| {
        c.reading == Reading::Partners && d.shared && d.score.difference.is_some_and(|x| x != 0.0)
    };
    for d in c.dimensions.iter().filter(sides_differ) {
        blocks.push(Block::Note(format!(
            "\u{201c}{}\u{201d} is scored from each person\u{2019}s own side of what you share: the same arrangement can be a lower score for the one who carries more of it and a higher one for the other, so a gap here need not mean you disagree. Whether you see it the same way is shown above, answer by answer.",
            d.title
        )));
    }
    sections.push(Section::new("scores", "Scores", blocks));

    // For partners the shared answers are above; otherwise every differing
    // answer is listed here (a prospective job: all of them).
    let work: Vec<&QuestionDiff> = (c.questions.iter())
        .filter(|q| c.reading != Reading::Partners || !q.shared)
        .collect();
    if !work.is_empty() {
        let shown = match prospective {
            true => &work[..],
            false => &work[..work.len().min(QUESTIONS_SHOWN)],
        };
        let mut blocks = Vec::new();
        if prospective {
            blocks.push(Block::Note(format!(
                "Your answers for {} beside those for {}, on the questions both answered.",
                c.a.label, c.b.label
            )));
        } else if has_shared_sets {
            blocks.push(Block::Note(
                "Each of you answered these about your own work and workplace, so they differ as your jobs do: context for the conversation, not a disagreement.".into(),
            ));
        }
        blocks.push(question_table(c, shown));
        if work.len() > shown.len() {
            let more = work.len() - shown.len();
            blocks.push(Block::Note(format!(
                "And {more} more {} (all of them are in --format json).",
                plural(more, "answer differs", "answers differ")
            )));
        }
        let heading = if prospective {
            "Where the answers differ"
        } else if has_shared_sets {
            "Your workplaces, for context"
        } else {
            "Answers that differ most"
        };
        sections.push(Section::new("answers", heading, blocks));
    }

    let only = |label: &str| format!("Flags only in {label}");
    for (id, heading, flags, other) in [
        ("flags-a", only(&c.a.label), &c.flags.only_a, &c.b),
        ("flags-b", only(&c.b.label), &c.flags.only_b, &c.a),
        ("flags-both", "Flags in both".into(), &c.flags.both, &c.a),
    ] {
        let flags = (flags.iter()).filter(|f| !c.flags.contested.iter().any(|x| x.id == f.id));
        let items = flags.map(|f| Item {
            mark: Some(severity(&f.severity)),
            ..Item::detailed(
                vec![plain(f.title.clone())],
                (f.unknown_at_other).then(|| format!("not known yet about {}", other.label)),
            )
        });
        sections.extend(Section::list(id, heading, Bullets, items));
    }

    let redacted = c.redacted.then(|| REDACTED_NOTE.to_string());
    let footer = redacted.into_iter().collect();
    Document {
        title,
        lead,
        sections,
        footer,
    }
}
