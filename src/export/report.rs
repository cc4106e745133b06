//! The report of one result, laid out once for every human-readable
//! format as a [`Document`]: the verdict and what to read it with, start
//! here, dimensions, flags, next steps, levers and the answers, in that
//! order, with the fixed phrases they use. Each format draws it (see
//! [`super::document`] for the blocks).

use super::document::{
    Audience, Block, Cell, Document, Item, Line, ListKind::*, REDACTED_NOTE, Section, Spectrum,
    Tone, left, plain, right, severity, strong, text, toned,
};
use super::reasons::{Why, reasons};
use super::{format_score, plural};
use crate::bank::Severity;
use crate::result::{AssessmentResult, DimensionResult, Lookup, QuestionResult, StepResult};
use crate::scoring::Mode;

/// How many next steps the "Start here" block names when the result gives
/// no ranks (the default of `start_here`, docs/question-banks.md).
pub const START_HERE: usize = 3;

pub const NO_VERDICT: &str = "No verdict: none of the scored questions was answered.";
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

/// The verdict is withheld for too few answers (`min_coverage`), or the
/// answers are too few to trust it, or (about a prospective employer) some
/// scored questions are still unknown, or a quick one is close to a band's
/// edge.
pub fn provisional(r: &AssessmentResult) -> bool {
    withheld(r) || r.coverage.is_low() || unknown_scored(r) || near_edge(r).is_some()
}

/// A prospective result with scored questions left at "don't know yet".
fn unknown_scored(r: &AssessmentResult) -> bool {
    r.mode() == Some(Mode::Prospective) && r.coverage.asked > r.coverage.answered
}

/// How far a quick score may stand from the full run's: the largest mean
/// difference `tests/it/quick_fidelity.rs` allows.
const QUICK_MARGIN: f64 = 3.0;

/// A quick verdict, not held by a flag, whose score is within
/// [`QUICK_MARGIN`] of a band's edge: that edge's band, for the full run
/// may put the score on either side of it.
fn near_edge(r: &AssessmentResult) -> Option<&mommytrack_engine::result::BandInfo> {
    let score = r.overall.score.filter(|_| {
        mode(r) == Mode::Quick && r.overall.verdict.is_some() && r.overall.capped_by.is_empty()
    })?;
    (r.bands.iter())
        .filter(|b| b.min > 0.0 && (score - b.min).abs() < QUICK_MARGIN)
        .min_by(|a, b| (score - a.min).abs().total_cmp(&(score - b.min).abs()))
}

/// The verdict is withheld (`overall.withheld`), or a score came without
/// one.
fn withheld(r: &AssessmentResult) -> bool {
    r.overall.withheld.is_some() || (r.overall.score.is_some() && r.overall.verdict.is_none())
}

/// The warning a provisional report leads with.
pub fn provisional_warning(r: &AssessmentResult) -> Option<String> {
    let (a, n) = (r.coverage.answered, r.coverage.asked);
    if withheld(r) {
        let score = match r.overall.score {
            Some(_) => ". The score below is provisional;",
            None => ";",
        };
        Some(format!(
            "Not enough answers for a verdict yet: {a} of {n} scored {} answered{score} answer more of them to get a verdict.",
            plural(n, "question", "questions")
        ))
    } else if r.coverage.is_low() && r.overall.score.is_some() {
        // (With no score there is no verdict to call provisional: the
        // verdict line says why.)
        Some(format!(
            "Low confidence: only {a} of {n} scored {} answered, so the verdict and score below are provisional, a first impression.",
            plural(n, "question was", "questions were")
        ))
    } else if unknown_scored(r) && r.overall.score.is_some() {
        let u = n - a;
        Some(format!(
            "Provisional: so far you know the answers to {a} of {n} scored {} about this employer; until the {u} still unknown {} known, the verdict below may change.",
            plural(n, "question", "questions"),
            if u == 1 { "is" } else { "are" }
        ))
    } else {
        near_edge(r).map(|b| {
            format!(
                "Provisional: a quick verdict, {} points from where {} starts ({}). The full assessment (mommytrack assess) asks the questions quick mode leaves out, and may put you on either side of that line.",
                format_score((r.overall.score.unwrap_or(b.min) - b.min).abs()),
                b.label,
                format_score(b.min),
            )
        })
    }
}

/// The bands from lowest to highest, each to the next one's `min`.
pub fn spectrum(r: &AssessmentResult) -> Spectrum {
    Spectrum {
        segments: super::document::segments(&r.bands),
        score: r.overall.score,
        provisional: provisional(r),
    }
}

fn verdict_line(r: &AssessmentResult) -> Line {
    let tone = Tone::of_verdict(&r.bands, r.overall.verdict.as_deref());
    match (r.overall.score, &r.overall.verdict, &r.overall.label) {
        (Some(score), Some(_), Some(label)) => {
            let (verdict, score_of) = if provisional(r) {
                ("Provisional verdict: ", ", with a provisional score of ")
            } else {
                ("Verdict: ", ", with an overall score of ")
            };
            let mut line = vec![
                plain(verdict),
                toned(label, tone),
                plain(score_of),
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

/// What stands in a dimension's score column when it has no score: nothing
/// asked, nothing answered, or answers too few for its `min_answered`.
pub fn no_score(d: &DimensionResult) -> &'static str {
    if d.asked == 0 {
        "not asked"
    } else if d.answered == 0 {
        "not answered"
    } else {
        "too few answers to score"
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
    (r.dimensions.iter().flat_map(|d| &d.questions))
        .filter(|q| q.kind == crate::bank::Kind::Text.name())
        .filter_map(|q| Some((q.prompt.as_str(), q.answer.as_str()?)))
        .collect()
}

/// "4.2 on 1–5": a dimension's mean answer on its scale, after reverse
/// keying (`scale_mean`, docs/formats.md).
pub fn scale_mean(d: &DimensionResult) -> Option<String> {
    let mean = d.scale_mean?;
    Some(match d.scale {
        Some(s) => format!("mean {} on {}–{}", format_score(mean), s.min, s.max),
        None => format!("mean {}", format_score(mean)),
    })
}

fn dimension_row(r: &AssessmentResult, d: &DimensionResult) -> Vec<Cell> {
    // Read against its set's own bands, or the bank's.
    let bands = Some(&d.bands).filter(|b| !b.is_empty()).unwrap_or(&r.bands);
    let mut title = vec![plain(d.title.clone())];
    if d.weight == 0.0 {
        title.push(plain(format!(" ({NOT_IN_OVERALL})")));
    }
    if let Some(label) = &d.label {
        let tone = Tone::of_verdict(bands, d.verdict.as_deref());
        title.extend([plain(": "), toned(label.clone(), tone)]);
    }
    let (score, bar) = match d.score {
        Some(s) => {
            let mean = scale_mean(d).map_or_else(String::new, |m| format!(" ({m})"));
            let bar = Cell::Bar(s, Tone::of_score(bands, s));
            (format!("{}{mean}", format_score(s)), bar)
        }
        None => ("–".into(), Cell::Muted(no_score(d).to_string())),
    };
    let answered = text(format!("{} of {}", d.answered, d.asked));
    vec![Cell::Text(title), text(score), bar, answered]
}

fn flag_sections(look: &Lookup) -> Vec<Section> {
    let r = look.r;
    let mut out = Vec::new();
    for (sev, id, heading) in [
        (Severity::Red, "red-flags", "Red flags"),
        (Severity::Green, "green-flags", "Green flags"),
    ] {
        let items = r.flags.iter().filter(|f| severity(&f.severity) == sev);
        let items = items.map(|f| Item {
            mark: Some(sev),
            title: vec![strong(f.title.clone())],
            detail: f.detail.clone(),
            reasons: reasons(look, Why::from(f)),
        });
        out.extend(Section::list(id, heading, Bullets, items));
    }
    if out.is_empty() {
        let none = Block::Para(vec![plain(NO_FLAGS)]);
        out.push(Section::new("flags", "Flags", vec![none]));
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

/// The report as `reader` (the terminal or a page) shows it: the private
/// notes on a terminal only, and on a page the appendix of every answer,
/// which the terminal leaves out.
pub fn report(r: &AssessmentResult, reader: Audience) -> Document {
    let mut lead = Vec::new();
    if let Some(w) = provisional_warning(r) {
        lead.push(Block::Warning(w));
    }
    lead.push(Block::Para(verdict_line(r)));
    match (&r.overall.summary, &r.overall.label) {
        // The bank's summary speaks of your own job.
        (_, Some(label)) if mode(r) == Mode::Prospective && !withheld(r) => {
            lead.push(Block::Para(vec![plain(match r.to_find_out.is_empty() {
                true => format!("What you have found out about this employer reads as {label}. Put this result beside your current one before you decide."),
                false => format!("What you have found out about this employer so far reads as {label}. Before you decide, find out what is still unknown (below), then put this result beside your current one."),
            })]))
        }
        (Some(summary), _) if !withheld(r) => lead.push(Block::Para(vec![plain(summary.clone())])),
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
    let first = start_here(r).into_iter();
    let first = first.map(|s| Item::titled(vec![strong(s.title.clone())]));
    sections.extend(Section::list("start-here", "Start here", Numbered, first));

    let columns = vec![
        left("Dimension"),
        right("Score"),
        left(""),
        right("Answered"),
    ];
    let rows = r.dimensions.iter().filter(|d| !d.is_unscored_profile());
    let table = Block::table(columns, rows.map(|d| dimension_row(r, d)).collect());
    sections.push(Section::new("dimensions", "Dimensions", vec![table]));

    let look = Lookup::new(r);
    sections.extend(flag_sections(&look));

    let steps = r.next_steps.iter().map(|s| Item {
        mark: None,
        title: vec![strong(s.title.clone())],
        detail: (!s.detail.is_empty()).then(|| s.detail.clone()),
        reasons: reasons(&look, Why::from(s)),
    });
    sections.extend(Section::list("next-steps", "Next steps", Checklist, steps));
    let levers = r.levers.iter();
    let levers = levers.map(|l| Item::titled(vec![plain(lever_sentence(l))]));
    let heading = "What would move your score most";
    sections.extend(Section::list("levers", heading, Numbered, levers));

    if !r.redacted && reader == Audience::Terminal {
        let notes = notes(r).into_iter();
        let notes =
            notes.map(|(prompt, answer)| Item::detailed(vec![plain(prompt)], answer.to_string()));
        sections.extend(Section::list("notes", "Your notes", Bullets, notes));
    }

    if reader == Audience::Page {
        let mut appendix = Vec::new();
        // About an employer, an unscored question left unanswered (a fact
        // about you nobody gave, or one listed under what to ask next)
        // says nothing.
        let prospective = r.mode() == Some(Mode::Prospective);
        let shown = |q: &&QuestionResult| !prospective || q.scored || q.answer_label.is_some();
        // About an employer, the facts about the person come first, under
        // a heading of their own (review S3), not under the employer's
        // parts.
        let facts = r.dimensions.iter().flat_map(|d| &d.questions);
        let facts = (
            match &r.facts_from {
                Some(day) => format!("About you (carried over from your result of {day})"),
                None => "About you".to_string(),
            },
            facts.filter(|q| q.personal).collect::<Vec<_>>(),
        );
        let parts = r.dimensions.iter().map(|d| {
            let theirs = d.questions.iter().filter(|q| !q.personal);
            (d.title.clone(), theirs.collect::<Vec<_>>())
        });
        for (title, questions) in std::iter::once(facts).chain(parts) {
            let questions: Vec<_> = questions.into_iter().filter(shown).collect();
            if questions.is_empty() {
                continue;
            }
            appendix.push(Block::Subheading(title));
            let rows = questions.into_iter().map(|q| {
                let answer = answer_words(r, q);
                vec![
                    text(q.prompt.clone()),
                    match q.kind == crate::bank::Kind::Text.name() {
                        true => Cell::Answer(answer),
                        false => text(answer),
                    },
                    match q.scored {
                        true => text(super::format_opt_score(q.score)),
                        false => Cell::Muted("not scored".into()),
                    },
                ]
            });
            let columns = vec![left("Question"), left("Your answer"), right("Score")];
            appendix.push(Block::stacked(columns, rows.collect()));
        }
        let heading = "Appendix: your answers";
        sections.push(Section::new("answers", heading, appendix));
    }

    let redacted = r.redacted.then(|| REDACTED_NOTE.to_string());
    Document {
        title: r.bank.title.clone(),
        lead,
        sections,
        footer: r.bank.disclaimer.iter().cloned().chain(redacted).collect(),
    }
}

#[cfg(test)]
#[path = "../../tests/unit/export/report.rs"]
mod tests;
