//! The interview kit (`mommytrack interview`): for each part
//! of a bank, the questions that carry `interview:`, each with what to ask
//! or find out about an employer you are considering and what good and
//! worrying answers sound like; then how to find out what you cannot ask,
//! and what to do with what you hear. Laid out once as a [`Document`]
//! for text, Markdown and HTML.

use super::document::{Block, Document, Item, ListKind::*, Section, code, plain, strong};
use crate::bank::Bank;

/// How to find out what an interview cannot settle.
const FIND_OUT: &[(&str, &str)] = &[
    (
        "Talk to parents who work there.",
        "Ask the recruiter or the hiring manager to put you in touch with someone in the team, or find a parent there through people you know or a professional network. Ask what helped their career there and what hurt it: how a place treats the parents it already has is the best guide to how it will treat you.",
    ),
    (
        "Meet the person you would report to.",
        "Ask who your manager would be, and ask to meet them, and if you can someone in their team, before you accept: a manager who is not decided yet, or never free to meet, is a risk.",
    ),
    (
        "Look at who is promoted.",
        "Read promotion announcements, the leadership page and people's professional profiles: are any of the people promoted in the last two years parents of young children, part-timers, or people who came back from leave?",
    ),
    (
        "Look at who leaves, and ask why.",
        "Someone who left in the last year or two will often say more than someone who stays. Reviews written by employees help too: read several and look for what they agree on.",
    ),
    (
        "Get the policies in writing.",
        "Before you sign, ask for the parental leave and flexible working policies, and for any arrangement you agreed (hours, days at home, start date) in your contract or offer letter.",
    ),
    (
        "Watch how the process treats you.",
        "Interview times that respect your working day, a straight answer to a question about flexibility, a manager who makes time to meet you: how they recruit is a sample of how they work.",
    ),
];

/// The kit fitted to a person (`interview --from RESULT`).
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The result's file name, as shown.
    pub from: String,
    /// Per question of the bank: whether it fits them.
    pub fits: Vec<bool>,
    /// The bank's `kit:` entries for them.
    pub notes: Vec<usize>,
}

pub fn document(bank: &Bank, fitted: Option<&Fitted>) -> Document {
    let mut sections = Vec::new();
    let (mut count, mut all) = (0, 0);
    for set in &bank.sets {
        let items: Vec<Item> = (set.questions.clone())
            .filter(|&i| bank.questions[i].interview.is_some())
            .inspect(|_| all += 1)
            .filter(|&i| fitted.is_none_or(|f| f.fits[i]))
            .filter_map(|i| {
                let q = &bank.questions[i];
                let iv = q.interview.as_ref()?;
                let prompt = &q.worded(true).prompt;
                Some(Item {
                    reasons: super::prospective::listen_for(&iv.good, &iv.worrying, prompt),
                    ..Item::titled(vec![plain(iv.ask.trim().to_string())])
                })
            })
            .collect();
        count += items.len();
        let id = format!("part-{}", sections.len() + 1);
        sections.extend(Section::list(id, set.titled(true), Numbered, items));
    }
    let parts = sections.len();
    let mut lead = Vec::new();
    if count == 0 {
        lead.push(Block::Note(
            "This bank has no interview questions: give questions an interview: line (see docs/question-banks.md) to make a kit.".into(),
        ));
    } else {
        lead.push(Block::Para(vec![plain(format!(
            "{count} {} in {parts} {}: what to ask in an interview, or of someone who works there, and what good and worrying answers sound like. Every question here is about the workplace, never about you. Where asking it would tell an interviewer about your family, it names whom to ask instead (someone who works there, a parent there, HR after an offer): you never have to say whether you have children or plan to.",
            super::plural(count, "question", "questions"),
            super::plural(parts, "part", "parts"),
        ))]));
        // Nothing about the family is printed: the kit may go into the
        // interview room.
        if let Some(f) = fitted {
            let out = all - count;
            lead.push(Block::Para(vec![
                plain(format!(
                    "Fitted to the answers in {}: {out} {} that do not fit {} left out; for the whole kit, run ",
                    f.from,
                    super::plural(out, "question", "questions"),
                    super::plural(out, "is", "are"),
                )),
                code("mommytrack interview"),
                plain("."),
            ]));
        }
        lead.push(Block::Para(vec![
            plain("Then score what you found out: run "),
            code("mommytrack assess --prospective"),
            plain(" (\u{201c}Don't know yet\u{201d} skips a question), and put the result beside your current one: "),
            code("mommytrack compare current.json prospective.json"),
            plain("."),
        ]));
    }
    // What else to find out, for some people: theirs when fitted.
    let notes: Vec<usize> = match fitted {
        Some(f) => f.notes.clone(),
        None => (0..bank.kit.len()).collect(),
    };
    let notes = notes.iter().map(|&i| {
        let n = &bank.kit[i];
        // A fitted kit may be seen in the interview room: its notes say
        // what to do, not whom they are for ("If you are …: ").
        let title = match fitted.map(|_| n.title.split_once(": ")) {
            Some(Some((_, what))) => {
                let mut what = what.trim().chars();
                what.next()
                    .map_or(String::new(), |c| c.to_uppercase().chain(what).collect())
            }
            _ => n.title.trim().to_string(),
        };
        Item::detailed(vec![strong(title)], n.detail.trim().to_string())
    });
    let heading = match fitted {
        Some(_) => "Also for you",
        None => "If it applies to you",
    };
    sections.extend(Section::list("for-you", heading, Bullets, notes));
    let find_out = FIND_OUT
        .iter()
        .map(|(title, detail)| Item::detailed(vec![strong(*title)], (*detail).to_string()));
    let heading = "What you cannot ask, and how to find out";
    sections.extend(Section::list("cannot-ask", heading, Bullets, find_out));
    sections.push(Section::new(
        "decide",
        "If what you hear worries you",
        vec![Block::Para(vec![plain(
            "Believe it. A well-known name or a policy on paper does not make up for a manager who counts family time against people, or for part-timers who never move up. If this employer will not give you the track you want, a calmer employer doing similar work is often the better career move: vote with your feet.",
        )])],
    ));
    Document {
        title: "Interview kit: what to ask about an employer you are considering".into(),
        lead,
        sections,
        footer: vec![format!(
            "From the question bank \u{201c}{}\u{201d}. Nothing here is legal advice.",
            bank.title
        )],
    }
}
