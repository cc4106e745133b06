//! The part of a saved result that `summarize` reads, parsed straight
//! from the JSON text (everything else is skipped unread), and the check
//! that keeps a hand-edited figure out of a summary: every score, verdict
//! and flag is worked out again from the answers with the bank, and a
//! result whose written figures say otherwise is refused.

use std::collections::HashMap;

use super::noise;
use crate::answers::AnswerSheet;
use crate::bank::{Bank, Kind};
use crate::error::Failure;
use crate::result::{AssessmentResult, SCHEMA_VERSION, round1};
use crate::scoring::{self, Evaluation, Mode};

/// The part of a saved result (`mommytrack schema result`) a summary
/// reads. Everything else (prompts, labels, next steps, levers) is skipped
/// by the parser without being kept. A result that does not parse this
/// way is read again by [`AssessmentResult::from_json`] for its usual
/// error message.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Digest {
    schema_version: u64,
    bank: BankDigest,
    mode: String,
    overall: OverallDigest,
    dimensions: Vec<DimDigest>,
    flags: Vec<IdDigest>,
    /// Question id → answer: what everything is worked out from.
    #[serde(deserialize_with = "crate::saved::answers")]
    answers: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    respondent: Option<String>,
    #[serde(default)]
    taken: Option<String>,
}

/// A result read and worked out again from its answers.
pub(super) struct Checked {
    pub sheet: AnswerSheet,
    pub eval: Evaluation,
    /// Scored again, saved with another version of the questions.
    pub again: bool,
    /// Its respondent id (never shown, never kept) and the day it was
    /// taken (`""` when not written).
    pub respondent: Option<(String, String)>,
}

#[derive(Debug, serde::Deserialize)]
struct BankDigest {
    title: String,
    #[serde(default)]
    fingerprint: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct OverallDigest {
    score: Option<f64>,
    verdict: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct DimDigest {
    id: String,
    score: Option<f64>,
}

#[derive(Debug, serde::Deserialize)]
struct IdDigest {
    id: String,
}

impl Digest {
    /// Reads a result and works it out again from its answers with `bank`
    /// (`bank_named`: how `--bank` named it, if it did): a result of
    /// another bank, an answer the bank does not allow, or a written
    /// score, verdict or flag other than the answers give is refused
    /// (exit 65), with the line where the file says so when it can be
    /// found.
    pub(super) fn read(
        text: &str,
        file: &str,
        bank: &Bank,
        bank_named: Option<&str>,
    ) -> Result<Checked, Failure> {
        let mut d = match serde_json::from_str::<Digest>(text) {
            Ok(d) if d.schema_version <= u64::from(SCHEMA_VERSION) => d,
            // The reader of `report` names what is wrong, in its words.
            _ => {
                AssessmentResult::from_json(text, file)?;
                let why = "not a complete mommytrack JSON result; was it edited by hand?";
                return Err(Failure::in_file(file, None, why));
            }
        };
        // A version 1 result has no fingerprint: its title must match.
        let same = match &d.bank.fingerprint {
            Some(f) => *f == bank.fingerprint,
            None => d.bank.title == bank.title,
        };
        // A result of another version of the same questions (the same
        // title) is scored again, from its answers, with this version's.
        let again =
            d.bank.title == bank.title && d.bank.fingerprint.as_ref() != Some(&bank.fingerprint);
        if !same && !again {
            let title = crate::sanitize::terminal_safe(&d.bank.title);
            let why = match bank_named {
                Some(named) => format!(
                    "this result comes from another question bank (\"{title}\") than {named} (\"{}\"); name the bank it was made with, and summarize the results of one bank at a time",
                    crate::sanitize::terminal_safe(&bank.title)
                ),
                None => format!(
                    "this result was made with the question bank \"{title}\", not the built-in one (or before it last changed); name that bank with `--bank DIR`, so that its scores can be checked against its answers"
                ),
            };
            return Err(Failure::in_file(file, None, why));
        }
        let changed = |at: Option<(usize, usize)>, what: String| {
            Failure::in_file(
                file,
                at,
                format_args!(
                    "{what}, so the file was changed after it was saved; a summary counts results only as mommytrack saved them: take this file out, or ask for it as it was saved"
                ),
            )
        };
        let Some(mode) = Mode::parse(&d.mode) else {
            let why = "`mode` is not full, quick or prospective".into();
            return Err(changed(line_of(text, &["\"mode\""]), why));
        };
        // Which of a person's results counts is decided by these two: a
        // session writes an id of 32 hex digits and the day it ran.
        if let Some(t) = &d.taken {
            use crate::date::Date;
            let refused = match Date::parse(t) {
                Err(_) => Some(format!(
                    "`taken` is \"{}\", not a day written YYYY-MM-DD",
                    crate::sanitize::id(t)
                )),
                Ok(day) if day > Date::today_anywhere() => Some(format!(
                    "`taken` is {t}, a day still to come (a summary counts each person's latest result, so the date would choose which one counts)"
                )),
                Ok(_) => None,
            };
            if let Some(why) = refused {
                return Err(changed(line_of(text, &["\"taken\""]), why));
            }
        }
        if let Some(r) = &d.respondent
            && !(r.len() == 32 && r.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            let why = "`respondent` is not an id a mommytrack session writes (32 hex digits)";
            return Err(changed(line_of(text, &["\"respondent\""]), why.into()));
        }
        let respondent = (d.respondent.take()).map(|r| (r, d.taken.take().unwrap_or_default()));
        if again {
            let sheet = Self::read_again(&d, text, file, bank)?;
            let eval = scoring::verdict(bank, &sheet, mode);
            return Ok(Checked {
                sheet,
                eval,
                again,
                respondent,
            });
        }
        let sheet = crate::answers::from_result(bank, &d.answers).map_err(|(id, known)| {
            let at = line_of(text, &["\"answers\"", &format!("\"{id}\"")]);
            let id = crate::sanitize::id(&id);
            // Never the answer itself: it could be anything, a name.
            changed(
                at,
                match known {
                    true => format!("the answer to `{id}` is not one the bank allows"),
                    false => format!("the answers name `{id}`, which the bank does not ask"),
                },
            )
        })?;
        let eval = scoring::verdict(bank, &sheet, mode);
        let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - round1(b)).abs() < 1e-6,
            (a, b) => a.is_none() && b.is_none(),
        };
        let shown = |x: Option<f64>| match x {
            None => "none".to_string(),
            Some(x) if x.abs() < 1e7 => x.to_string(),
            Some(x) => format!("{x:e}"),
        };
        if !same(d.overall.score, eval.overall) {
            let (written, given) = (shown(d.overall.score), shown(eval.overall.map(round1)));
            let why = format!("`overall.score` is {written}, but its answers give {given}");
            return Err(changed(line_of(text, &["\"overall\"", "\"score\""]), why));
        }
        let verdict = eval.band.map(|b| bank.bands[b].verdict.as_str());
        if d.overall.verdict.as_deref() != verdict {
            let (written, given) = (quoted(d.overall.verdict.as_deref()), quoted(verdict));
            let why = format!("`overall.verdict` is {written}, but its answers give {given}");
            return Err(changed(line_of(text, &["\"overall\"", "\"verdict\""]), why));
        }
        for dim in &d.dimensions {
            let at = || {
                line_of(
                    text,
                    &["\"dimensions\"", &format!("\"{}\"", dim.id), "\"score\""],
                )
            };
            let id = crate::sanitize::id(&dim.id);
            let Some(s) = bank.sets.iter().position(|s| s.id == dim.id) else {
                let why = format!("the part `{id}` is not one of the bank's");
                return Err(changed(at(), why));
            };
            let score = eval.dimensions[s].score;
            if !same(dim.score, score) {
                let (written, given) = (shown(dim.score), shown(score.map(round1)));
                let why = format!("the score of `{id}` is {written}, but its answers give {given}");
                return Err(changed(at(), why));
            }
        }
        let mut written: Vec<&str> = d.flags.iter().map(|f| f.id.as_str()).collect();
        let mut raised: Vec<&str> = eval
            .flags
            .iter()
            .map(|&(f, _)| bank.flags[f].id.as_str())
            .collect();
        written.sort_unstable();
        raised.sort_unstable();
        if written != raised {
            let why = "its flags are not the ones its answers raise".into();
            return Err(changed(line_of(text, &["\"flags\""]), why));
        }
        Ok(Checked {
            sheet,
            eval,
            again,
            respondent,
        })
    }

    /// The answers of a result saved with another version of the built-in
    /// questions, read as an answers file is by this version (an answer to
    /// a retired question as its replacement, where the bank says how), or
    /// why it cannot be, and what its owner can do.
    fn read_again(d: &Self, text: &str, file: &str, bank: &Bank) -> Result<AnswerSheet, Failure> {
        let answers = crate::yaml::Node::from_json(&serde_json::Value::Object(d.answers.clone()));
        crate::answers::read(bank, &answers, "", std::path::Path::new(file)).map_err(|e| {
            let first = e.problems.iter().find(|p| !p.warning);
            let at = (first.and_then(|p| p.id.as_deref()))
                .and_then(|id| line_of(text, &["\"answers\"", &format!("\"{id}\"")]));
            let why = first.map_or("", |p| p.message.as_str());
            Failure::in_file(
                file,
                at,
                format_args!(
                    "this result was saved with another version of mommytrack's questions, and this version cannot read its answers ({why}), so it cannot be scored again and is not counted; take it out of the results to summarize the others, and ask whoever saved it to answer again with this version: `mommytrack assess --format json --output result.json` (or, with their answers file brought up to date, `mommytrack assess --answers answers.yaml --format json --output result.json`; `mommytrack template` lists the questions)"
                ),
            )
        })
    }
}

/// Who a result is, whatever its file holds besides: a keyed hash (the
/// record key of [`noise`]) of the bank and every answer the full
/// assessment asks but those written in words, as the bank reads them
/// (ticks in the bank's order, a scale as a whole number, skipped and left
/// out alike), so that a copy laid out, written or named otherwise, with
/// other notes, another `taken`, another `mode` or version, is the same
/// result.
pub(super) fn identity(
    bank: &Bank,
    sheet: &AnswerSheet,
    eval: &Evaluation,
    secret: [u64; 2],
) -> u64 {
    use std::fmt::Write as _;
    let full;
    let asked = match eval.mode {
        Mode::Full => &eval.asked,
        _ => {
            full = scoring::verdict(bank, sheet, Mode::Full);
            &full.asked
        }
    };
    let mut who = bank.fingerprint.clone();
    let asked = bank.questions.iter().enumerate().zip(asked);
    for ((i, q), _) in asked.filter(|((_, q), a)| **a && !matches!(q.kind, Kind::Text)) {
        let answer = sheet
            .get(i)
            .map_or(serde_json::Value::Null, |a| a.to_json());
        let _ = write!(who, "\n{}={answer}", q.id);
    }
    noise::siphash(secret, who.as_bytes())
}

fn quoted(v: Option<&str>) -> String {
    v.map_or("none".into(), |v| format!("\"{}\"", crate::sanitize::id(v)))
}

/// The line and column of the last of `keys`, each found after the one
/// before it.
fn line_of(text: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let mut at = 0;
    for k in keys {
        at += text[at..].find(k)?;
    }
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    Some((
        text[..at].matches('\n').count() + 1,
        text[start..at].chars().count() + 1,
    ))
}

/// Why a file found in a results folder is not a mommytrack result at
/// all (and is skipped), or `None` when it looks like one, damaged or not
/// (and is refused with its own message): not JSON (unless it names a
/// `schema_version`: a result with a number JSON cannot hold, `NaN`, is
/// damaged), not an object, a document of another kind (a summary), or no
/// `schema_version`.
pub(super) fn not_a_result(text: &str) -> Option<String> {
    use serde::de::IgnoredAny;
    // Read for its top-level keys only: nothing else is kept, so a large
    // damaged result costs no more than its text.
    if serde_json::from_str::<IgnoredAny>(text).is_err() {
        return (!text.contains("\"schema_version\"")).then(|| "not JSON".into());
    }
    let Ok(map) = serde_json::from_str::<HashMap<String, IgnoredAny>>(text) else {
        return Some("not a JSON object".into());
    };
    #[derive(serde::Deserialize)]
    struct Document {
        document: String,
    }
    if let Ok(Document { document }) = serde_json::from_str(text) {
        return Some(format!("a mommytrack {}", crate::sanitize::id(&document)));
    }
    if map.contains_key("min_group") && map.contains_key("quantiles") {
        return Some("a mommytrack summary".into());
    }
    (!map.contains_key("schema_version")).then(|| "no `schema_version`".into())
}
