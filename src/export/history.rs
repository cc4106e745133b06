//! The layout of `history` for every human-readable format (docs/reports.md,
//! "A history of retakes"): where things stand and the trend, each result, how each part
//! moved, what changed at each retake (flags raised and cleared), which
//! next steps are done or still open, and when to take it again. The
//! engine's [`History`] decides all of it; this only lays it out.

use std::fmt::Write as _;

use super::document::{
    Block, Cell, Document, Item, ListKind, REASONS_SHOWN, Section, Tone, Trend, TrendPoint,
    headed_list, left, plain, right, strong, text, toned,
};
use super::{format_difference, format_opt_score, format_score, plural};
use crate::bank::Severity;
use crate::history::{Change, Entry, History};

/// The tone of a verdict id among the history's bands.
fn tone(h: &History, verdict: Option<&str>) -> Tone {
    Tone::of_verdict(&h.bands, verdict)
}

/// When a result was taken, in words: its day, or its file name.
fn when(e: &Entry) -> String {
    e.taken.clone().unwrap_or_else(|| e.file.clone())
}

/// A verdict's label, or why there is none.
fn verdict_words(e: &Entry) -> String {
    e.label
        .clone()
        .or_else(|| e.verdict.clone())
        .unwrap_or_else(|| "No verdict".into())
}

/// The parts in `h` that `e` has no score for.
fn unscored<'h>(h: &'h History, e: &Entry) -> Vec<&'h str> {
    (h.dimension_titles.iter())
        .filter(|(id, _)| e.dimensions.get(*id).copied().flatten().is_none())
        .map(|(_, title)| title.as_str())
        .collect()
}

/// How the overall moved from `a` to `b` (`names`: what to call them):
/// like for like when both score the same parts; else on the parts both
/// score, with the change of the overall scores and why it is not like
/// for like (docs/reports.md).
fn overall_words(h: &History, c: &Change, (a, b): (&Entry, &Entry), names: [&str; 2]) -> String {
    let all = format_difference(c.overall);
    let Some(both) = c.overall_on_both else {
        return all;
    };
    let parts = h.dimension_titles.len();
    let (ua, ub) = (unscored(h, a), unscored(h, b));
    let shared = (h.dimension_titles.values())
        .filter(|t| !ua.contains(&t.as_str()) && !ub.contains(&t.as_str()))
        .count();
    let why: Vec<String> = [(a, ua.len(), names[0]), (b, ub.len(), names[1])]
        .into_iter()
        .filter(|(_, missing, _)| *missing > 0)
        .map(|(e, missing, name)| {
            let early = if e.finished_early() {
                " (finished early)"
            } else {
                ""
            };
            format!("{name}{early} scores {} of {parts} parts", parts - missing)
        })
        .collect();
    format!(
        "{} on the {shared} {} both score (the overall scores differ by {all}, but {})",
        format_difference(Some(both)),
        plural(shared, "part", "parts"),
        why.join(" and ")
    )
}

/// The trend chart's data.
pub fn trend(h: &History) -> Trend {
    let points = h.results.iter().map(|e| TrendPoint {
        label: when(e),
        score: e.score,
        verdict: verdict_words(e),
        tone: tone(h, e.verdict.as_deref()),
    });
    Trend {
        points: points.collect(),
        bands: super::document::segments(&h.bands),
    }
}

pub fn document(h: &History) -> Document {
    let n = h.results.len();
    let mut lead = Vec::new();
    if let (Some(first), Some(last)) = (h.results.first(), h.results.last()) {
        let span = if n == 1 {
            format!("One result, taken {}. ", when(first))
        } else {
            format!("{n} results, from {} to {}. ", when(first), when(last))
        };
        lead.push(Block::Para(vec![
            plain(span),
            plain("Now: "),
            toned(verdict_words(last), tone(h, last.verdict.as_deref())),
            plain(format!(", {}.", format_opt_score(last.score))),
        ]));
        if let Some(c) = h.since_first.as_ref().filter(|c| c.overall.is_some()) {
            lead.push(Block::Para(vec![plain(format!(
                "Since the first, overall: {}.",
                overall_words(h, c, (first, last), ["the first", "the latest"])
            ))]));
        }
        lead.push(Block::Trend(trend(h)));
        if n == 1 {
            lead.push(Block::Note(
                "Take the assessment again to see how things move: the last section says when it tells you most.".into(),
            ));
        }
    }
    if !h.left_out.is_empty() {
        lead.push(Block::Note(format!(
            "{} about a prospective employer {} left out: a history follows your own workplace ({}).",
            h.left_out.len(),
            plural(h.left_out.len(), "result is", "results are"),
            h.left_out.join(", ")
        )));
    }

    let mut sections = vec![results_section(h)];
    if n > 1 {
        sections.push(parts_section(h));
        let changes = h.changes.iter().zip(h.results.iter().skip(1));
        let blocks = changes.flat_map(|(c, to)| change_blocks(h, c, to));
        let heading = "What changed at each retake";
        sections.push(Section::new("changes", heading, blocks.collect()));
    }
    sections.push(steps_section(h));
    let retake = h.retake.iter().map(|r| {
        Item::titled(match &r.when {
            Some(d) => vec![strong(format!("Around {d}. ")), plain(r.why.clone())],
            None => vec![plain(r.why.clone())],
        })
    });
    let heading = "When to take it again";
    sections.extend(Section::list("retake", heading, ListKind::Bullets, retake));
    Document {
        title: format!("How things moved: {}", h.bank),
        lead,
        sections,
        footer: vec![
            "Made by mommytrack from results saved on this computer; nothing is sent anywhere. A result is a snapshot of your answers that day, not a judgement of you.".into(),
        ],
    }
}

fn results_section(h: &History) -> Section {
    let columns = vec![
        left("Taken"),
        left("Verdict"),
        right("Overall"),
        left("File"),
    ];
    let rows = h.results.iter().map(|e| {
        let mut verdict = vec![toned(verdict_words(e), tone(h, e.verdict.as_deref()))];
        if e.finished_early() {
            verdict.push(plain(" (finished early)"));
        }
        vec![
            text(e.taken.clone().unwrap_or_else(|| "–".into())),
            Cell::Text(verdict),
            text(format_opt_score(e.score)),
            Cell::Muted(e.file.clone()),
        ]
    });
    let mut blocks = vec![Block::stacked(columns, rows.collect())];
    let capped: Vec<Item> = (h.results.iter().enumerate())
        .filter_map(|(i, e)| {
            let why = e.cap_reason.clone()?;
            // Held by the same signs as the result before: said once, then
            // what would lift them.
            let held = |j: usize| h.results[j].capped_by == e.capped_by;
            let since = (0..i).rev().take_while(|&j| held(j)).last();
            let why = match since {
                Some(j) => still_held(h, e, &h.results[j]),
                None => why,
            };
            Some(Item::titled(vec![
                strong(format!("{}: ", when(e))),
                plain(why),
            ]))
        })
        .collect();
    let fewer: Vec<Item> = (h.results.iter())
        .filter_map(|e| {
            let missing = unscored(h, e);
            if missing.is_empty() && e.partial.is_empty() && !e.finished_early() {
                return None;
            }
            let mut why = match e.settled_after.filter(|_| e.finished_early()) {
                Some(n) => {
                    format!("finished early, once the verdict was settled (after {n} answers): ")
                }
                None => String::new(),
            };
            let _ = write!(why, "it rests on {} of {} scored questions", e.answered, e.asked);
            if !missing.is_empty() {
                let missing = missing.join("; ");
                let _ = write!(why, ", with no score for {missing}: changes to and from it leave those parts out");
            }
            let partial: Vec<&str> = (e.partial.iter())
                .filter_map(|id| h.dimension_titles.get(id).map(String::as_str))
                .collect();
            if !partial.is_empty() {
                let its = plural(partial.len(), "its", "their");
                let _ = write!(
                    why,
                    "; {}in {}, some of {its} questions are unanswered, so {its} change to and from it rests on fewer answers",
                    if missing.is_empty() { "" } else { "and " },
                    partial.join("; "),
                );
            }
            Some(Item::titled(vec![
                strong(format!("{}: ", when(e))),
                plain(format!("{why}.")),
            ]))
        })
        .collect();
    let fewer_heading = "Results that rest on fewer answers";
    headed_list(&mut blocks, fewer_heading, ListKind::Bullets, fewer);
    let capped_heading = "Why a verdict is lower than its score";
    headed_list(&mut blocks, capped_heading, ListKind::Bullets, capped);
    Section::new("results", "Each result", blocks)
}

/// Why `e` is still held at its verdict by the signs that held it since
/// `since`: what its score alone would give, and the answers whose change
/// would lift them (whatever else moves, nothing else does).
fn still_held(h: &History, e: &Entry, since: &Entry) -> String {
    let by_score = (e.score)
        .and_then(|s| h.bands.iter().find(|b| b.min <= s).or(h.bands.last()))
        .map_or_else(String::new, |b| {
            format!(" (its score alone would give {})", b.label)
        });
    let flags = e.capped_by.iter().filter_map(|id| h.flags.get(id));
    let mut seen = std::collections::HashSet::new();
    let asked: Vec<&String> = (flags.flat_map(|f| &f.raised_by))
        .filter(|p| seen.insert(p.as_str()))
        .collect();
    let signs = plural(e.capped_by.len(), "sign", "signs");
    let mut out = format!(
        "Still held at {} by the same {signs} as on {}{by_score}",
        verdict_words(e),
        when(since)
    );
    if !asked.is_empty() {
        // The first few, as a reason names them: a flag raised by
        // thousands of answers made a line of megabytes per result.
        let shown: Vec<String> = (asked.iter().take(REASONS_SHOWN))
            .map(|p| format!("\u{201c}{p}\u{201d}"))
            .collect();
        let mut asked_words = shown.join(" or ");
        if let Some(more) = asked.len().checked_sub(REASONS_SHOWN).filter(|&n| n > 0) {
            let questions = plural(more, "question", "questions");
            let _ = write!(
                asked_words,
                " (or {} more {questions})",
                crate::error::thousands(more)
            );
        }
        let asked = asked_words;
        let _ = write!(
            out,
            ". Whatever else moves, it stays there until your answer to {asked} changes"
        );
    }
    out.push('.');
    out
}

/// Each part's score in the first result, the one before the latest and
/// the latest, and the change from first to latest.
fn parts_section(h: &History) -> Section {
    let n = h.results.len();
    let shown: Vec<&Entry> = match n {
        0..=3 => h.results.iter().collect(),
        _ => vec![&h.results[0], &h.results[n - 2], &h.results[n - 1]],
    };
    let mut columns = vec![left("Part")];
    columns.extend(shown.iter().map(|e| right(&when(e))));
    columns.push(right("Change"));
    let (first, last) = (&h.results[0], &h.results[n - 1]);
    // Parts the first result has no score for change from the first that
    // has one: marked `*`, and said under the table.
    let mut later: Vec<String> = Vec::new();
    let rows = (h.dimension_titles.iter())
        .map(|(id, title)| {
            let score = |e: &Entry| e.dimensions.get(id).copied().flatten();
            let mut row = vec![text(title.clone())];
            row.extend(shown.iter().map(|e| text(format_opt_score(score(e)))));
            let since = h.results.iter().find(|e| score(e).is_some());
            let change = since.and_then(|e| score(e).zip(score(last)));
            let mut change = format_difference(change.map(|(a, b)| crate::result::round1(b - a)));
            if let Some(e) = since.filter(|_| score(first).is_none() && score(last).is_some()) {
                change.push('*');
                later.push(format!("{title} from {}", when(e)));
            }
            row.push(text(change));
            row
        })
        .collect();
    let mut blocks = vec![Block::table(columns, rows)];
    if !later.is_empty() {
        blocks.push(Block::Note(format!(
            "* The first result has no score for this part: the change is from the first result that has one ({}).",
            later.join("; ")
        )));
    }
    Section::new("parts", "Each part, first to latest", blocks)
}

fn change_blocks(h: &History, c: &Change, to: &Entry) -> Vec<Block> {
    let from = h.results.iter().find(|e| e.file == c.from);
    let mut out = vec![Block::Subheading(format!(
        "{} to {}",
        from.map_or_else(|| c.from.clone(), when),
        when(to)
    ))];
    if to.bank_changed {
        out.push(Block::Warning(
            "The questions changed between these two results (another version of the bank): compare them with care.".into(),
        ));
    }
    let names = ["the earlier", "the later"];
    let overall = from.map_or_else(
        || format_difference(c.overall),
        |a| overall_words(h, c, (a, to), names),
    );
    let mut line = vec![plain(format!("Overall {overall}"))];
    if c.verdict_from == c.verdict_to {
        line.push(plain(", same verdict"));
        let held = to.capped_by.iter().filter_map(|id| h.flags.get(id));
        let held: Vec<String> = held
            .map(|f| format!("\u{201c}{}\u{201d}", f.title))
            .collect();
        if !held.is_empty() {
            line.push(plain(format!(", held there by {}", held.join(" and "))));
        }
    } else if let (Some(a), Some(b)) = (&c.verdict_from, &c.verdict_to) {
        let label = |v: &str| {
            let band = h.bands.iter().find(|b| b.verdict == v);
            toned(band.map_or(v, |b| &b.label), tone(h, Some(v)))
        };
        line.extend([plain(": from "), label(a), plain(" to "), label(b)]);
    } else {
        line.push(plain(format!(
            ": from {} to {}",
            from.map_or_else(|| "no verdict".into(), verdict_words),
            verdict_words(to)
        )));
    }
    line.push(plain("."));
    out.push(Block::Para(line));
    let mut moved: Vec<(&String, f64)> = (c.dimensions.iter())
        .filter_map(|(id, d)| d.filter(|d| d.abs() >= 0.05).map(|d| (id, d)))
        .collect();
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    // Parts scored on one side only.
    let one_side = (h.dimension_titles.iter()).filter_map(|(id, title)| {
        let (was, now) = (
            from.and_then(|e| e.dimensions.get(id).copied().flatten()),
            to.dimensions.get(id).copied().flatten(),
        );
        match (was, now) {
            (None, Some(now)) => Some(format!("{title}: first scored, {}", format_score(now))),
            (Some(was), None) => Some(format!(
                "{title}: no score this time (was {})",
                format_score(was)
            )),
            _ => None,
        }
    });
    let title = |id: &String| h.dimension_titles.get(id).unwrap_or(id).clone();
    let moved = moved.iter().map(|(id, d)| {
        let by = strong(format_difference(Some(*d)));
        Item::titled(vec![plain(format!("{}: ", title(id))), by])
    });
    let mut items: Vec<Item> = moved.collect();
    let flag = |id: &String, raised: bool| {
        let (title, red) = h.flags.get(id).map_or((id.as_str(), true), |f| {
            (f.title.as_str(), f.severity != "green")
        });
        let (mark, kind) = match red {
            true => (Severity::Red, "red"),
            false => (Severity::Green, "green"),
        };
        let title = match raised {
            true => format!("New {kind} flag: {title}"),
            false => format!("No longer a {kind} flag: {title}"),
        };
        Item {
            mark: raised.then_some(mark),
            ..Item::titled(vec![plain(title)])
        }
    };
    items.extend(one_side.map(|s| Item::titled(vec![plain(s)])));
    items.extend(c.flags_raised.iter().map(|f| flag(f, true)));
    items.extend(c.flags_cleared.iter().map(|f| flag(f, false)));
    if items.is_empty() {
        out.push(Block::Note(
            "No part moved, and no flag came or went.".into(),
        ));
    } else {
        out.push(Block::list(ListKind::Bullets, items));
    }
    out
}

fn steps_section(h: &History) -> Section {
    let mut blocks = Vec::new();
    let item = |title: &str, note: String| Item {
        reasons: vec![note],
        ..Item::titled(vec![plain(title.to_string())])
    };
    let at = |s: &crate::history::Step| s.taken.clone().unwrap_or_else(|| s.file.clone());
    let done = h.steps.done.iter().map(|s| {
        // The first two changed answers, in the parent's words.
        let mut why: Vec<String> = (s.changed.iter().take(2))
            .map(|c| match (&c.to, &c.prompt) {
                (Some(to), p) => {
                    format!("you now answer \u{201c}{to}\u{201d} to \u{201c}{p}\u{201d}")
                }
                (None, p) => format!("\u{201c}{p}\u{201d} no longer applies, or was skipped"),
            })
            .collect();
        if s.changed.len() > 2 {
            why.push(format!(
                "{} more of its answers changed",
                s.changed.len() - 2
            ));
        }
        why.extend(s.moved.iter().cloned());
        why.push(format!("last listed {}", at(s)));
        item(&s.title, why.join("; "))
    });
    let replaced = h.steps.replaced.iter().map(|s| {
        let (by, after) = (s.replaced_by.as_deref().unwrap_or_default(), at(s));
        item(
            &s.title,
            format!("replaced by \u{201c}{by}\u{201d} after {after}"),
        )
    });
    let latest = h.results.last().map(when);
    let open = h.steps.open.iter().map(|s| {
        let since = at(s);
        match (h.results.len(), Some(&since) == latest.as_ref()) {
            // One result: nothing is new yet.
            (1, _) => Item::titled(vec![plain(s.title.clone())]),
            (_, true) => item(&s.title, "new in the latest result".into()),
            (_, false) => item(&s.title, format!("open since {since}")),
        }
    });
    let outranked = h.steps.outranked.iter().map(|s| {
        let last = at(s);
        item(
            &s.title,
            format!("your answers still call for it; last listed {last}"),
        )
    });
    let (b, bullets) = (&mut blocks, ListKind::Bullets);
    headed_list(b, "Done, or no longer needed", bullets, done);
    headed_list(b, "Replaced by another step", bullets, replaced);
    headed_list(b, "Still open", ListKind::Checklist, open);
    let heading = "Also still open, after the steps above (a result lists only the most urgent)";
    headed_list(b, heading, bullets, outranked);
    if blocks.is_empty() {
        blocks.push(Block::Note("No next steps were listed.".into()));
    }
    Section::new("steps", "Your next steps over time", blocks)
}
