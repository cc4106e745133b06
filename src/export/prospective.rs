//! What a report adds for a prospective employer (`assess --prospective`)
//! and a settled verdict (`settled_after`): the reminder that the result is about a place being
//! considered, what is still unknown there and what to ask next (the most
//! telling first), and, for a session's result, when its verdict settled.

use std::collections::HashSet;

use super::document::{Block, Item, ListKind, Section, code, plain};
use crate::result::{AssessmentResult, FindOut};
use crate::scoring::Mode;

/// How many unknowns the report spells out; the rest are listed by question.
pub const SHOWN: usize = 8;

/// Notes under the verdict: what a prospective result is, and when a
/// session's verdict settled.
pub fn lead_notes(r: &AssessmentResult) -> Vec<Block> {
    let mut out = Vec::new();
    if r.mode() == Some(Mode::Prospective) {
        out.push(Block::Note(
            "About an employer you are considering, not your current job: a score of what you have found out so far. Answers left at \u{201c}Don't know yet\u{201d} count as unanswered: they move the score neither way.".into(),
        ));
    }
    if let Some(Some(n)) = r.settled_after {
        out.push(Block::Note(format!(
            "This verdict was settled after {n} of your answers, counting every question (those about you too, which the scored count above leaves out): from then on, no answer to the questions left could have changed it."
        )));
    }
    out
}

/// What a good and a worrying answer sound like, and the question as the
/// assessment asks it: the lines under a question of the interview kit.
pub fn listen_for(good: &Option<String>, worrying: &Option<String>, prompt: &str) -> Vec<String> {
    let good = good.iter().map(|g| format!("Good sign: {g}"));
    let worrying = worrying.iter().map(|w| format!("Worrying sign: {w}"));
    let asked = format!("In the assessment: \u{201c}{}\u{201d}", prompt.trim());
    good.chain(worrying).chain([asked]).collect()
}

/// The first [`SHOWN`] of `list` with what to ask and what to listen
/// for (and what is known about the other employer, `other`: its name
/// and answers), then the others' questions.
pub fn find_out_blocks(
    list: &[FindOut],
    other: Option<(&str, &std::collections::BTreeMap<String, String>)>,
) -> Vec<Block> {
    let mut blocks = vec![Block::list(
        ListKind::Numbered,
        list.iter()
            .take(SHOWN)
            .map(|f| {
                let mut reasons = listen_for(&f.good, &f.worrying, &f.prompt);
                if let Some(now) = &f.weak_now {
                    reasons.push(format!(
                        "Weakest in your current job, where you answered \u{201c}{now}\u{201d}"
                    ));
                }
                if let Some((name, label)) =
                    other.and_then(|(name, known)| Some((name, known.get(&f.question)?)))
                {
                    reasons.push(format!("Known at {name}: \u{201c}{label}\u{201d}"));
                }
                Item {
                    reasons,
                    ..Item::titled(vec![plain(f.interview.trim().to_string())])
                }
            })
            .collect(),
    )];
    if list.len() > SHOWN {
        blocks.push(Block::Para(vec![
            plain(format!("And {} more (", list.len() - SHOWN)),
            code("mommytrack interview"),
            plain(" says what to ask for each):"),
        ]));
        let rest = list[SHOWN..]
            .iter()
            .map(|f| Item::titled(vec![plain(format!("\u{201c}{}\u{201d}", f.prompt.trim()))]));
        blocks.push(Block::list(ListKind::Bullets, rest.collect()));
    }
    blocks
}

/// How many of `listed` unknowns are scored questions, counted as "so far
/// you know A of N scored questions" counts them: "12 scored questions are
/// still unknown, and 1 more that is not scored".
pub fn unknowns(listed: usize, asked: usize, answered: usize) -> String {
    let scored = asked.saturating_sub(answered).min(listed);
    let mut out = format!(
        "{scored} scored {} still unknown",
        super::plural(scored, "question is", "questions are")
    );
    if listed > scored {
        out.push_str(&format!(
            ", and {} more that {} not scored",
            listed - scored,
            super::plural(listed - scored, "is", "are")
        ));
    }
    out
}

/// "Still unknown: what to ask next", for a prospective result with
/// questions left at "don't know yet".
pub fn find_out_section(r: &AssessmentResult) -> Option<Section> {
    if r.to_find_out.is_empty() {
        return None;
    }
    let (asked, answered) = (r.coverage.asked, r.coverage.answered);
    // The parts the bank asks first, by their titles (each once, cut as
    // every quoted title is).
    let (mut parts, mut titles) = (HashSet::new(), HashSet::new());
    let first: Vec<String> = (r.to_find_out.iter())
        .filter(|f| f.ask_first && parts.insert(f.dimension.as_str()))
        .map(|f| {
            let title = r.dimensions.iter().find(|d| d.id == f.dimension);
            let title = title.map_or(&f.dimension, |d| &d.title);
            format!("\u{201c}{}\u{201d}", crate::sanitize::excerpt(title))
        })
        .filter(|t| titles.insert(t.clone()))
        .collect();
    let first = match first.is_empty() {
        true => String::new(),
        false => format!(
            " then those about {}, the strongest evidence of how a place would treat you,",
            first.join(" and ")
        ),
    };
    let weak = match r.to_find_out.iter().any(|f| f.weak_now.is_some()) {
        true => " then those weakest in your current job,",
        false => "",
    };
    let mut blocks = vec![Block::Para(vec![plain(format!(
        "{}. Ask these first: the ones other questions wait on,{first}{weak} then those whose answer could move the score most.",
        unknowns(r.to_find_out.len(), asked, answered)
    ))])];
    blocks.extend(find_out_blocks(&r.to_find_out, None));
    blocks.push(Block::Para(vec![
        plain("When you know more, answer again ("),
        code("mommytrack assess --prospective"),
        plain("), then put the result beside your current one: "),
        code("mommytrack compare current.json prospective.json"),
        plain("."),
    ]));
    let heading = "Still unknown: what to ask next";
    Some(Section::new("find-out", heading, blocks))
}
