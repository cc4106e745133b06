//! The part of a saved result that `summarize` reads, parsed straight
//! from the JSON text (everything else is skipped unread), and the checks
//! that keep a hand-edited number out of a summary.

use super::noise;
use crate::error::Failure;
use crate::result::{AssessmentResult, SCHEMA_VERSION};

/// The part of a saved result (`mommytrack schema result`) a summary reads. Everything
/// else (prompts, answer labels, next steps, levers, the answers map) is
/// skipped by the parser without being kept: reading 10,000 results this
/// way costs a fraction of building each [`AssessmentResult`]. A result
/// that does not parse this way is read again by
/// [`AssessmentResult::from_json`] for its usual error message.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Digest {
    pub(super) schema_version: u64,
    pub(super) bank: BankDigest,
    pub(super) overall: OverallDigest,
    /// The verdict bands, highest first (absent before version 2).
    #[serde(default)]
    pub(super) bands: Vec<BandInfoDigest>,
    pub(super) dimensions: Vec<DimDigest>,
    pub(super) flags: Vec<FlagDigest>,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct BankDigest {
    pub(super) title: String,
    #[serde(default)]
    pub(super) fingerprint: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct BandInfoDigest {
    pub(super) verdict: String,
    pub(super) label: String,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct OverallDigest {
    pub(super) score: Option<f64>,
    pub(super) verdict: Option<String>,
    #[serde(default)]
    pub(super) withheld: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct DimDigest {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) score: Option<f64>,
    #[serde(default)]
    pub(super) questions: Vec<QDigest>,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct QDigest {
    pub(super) id: String,
    pub(super) kind: String,
    /// Kept only long enough to group by it, and only for `--by` kinds.
    pub(super) answer: serde_json::Value,
    /// The answer in words: a group's label when its results agree.
    #[serde(default)]
    pub(super) answer_label: Option<String>,
    pub(super) score: Option<f64>,
    /// The item value `v` in [0, 1] (the question's `value`), where the result carries it.
    #[serde(default)]
    pub(super) value: Option<f64>,
    pub(super) scored: bool,
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct FlagDigest {
    pub(super) id: String,
    pub(super) severity: String,
    pub(super) title: String,
}

impl Digest {
    pub(super) fn parse(text: &str, file: &str) -> Result<Self, Failure> {
        match serde_json::from_str::<Digest>(text) {
            Ok(d) if d.schema_version <= u64::from(SCHEMA_VERSION) => match d.impossible() {
                None => Ok(d),
                Some((field, x)) => Err(Failure::in_file(
                    file,
                    None,
                    format_args!(
                        "`{field}` is {}, which mommytrack never writes, so the file was changed after it was saved; leave it out, or save a fresh one with `mommytrack assess --format json --output FILE`",
                        if x.abs() >= 1e7 {
                            format!("{x:e}")
                        } else {
                            x.to_string()
                        }
                    ),
                )),
            },
            // The reader of `report` names what is wrong, in its words.
            _ => match AssessmentResult::from_json(text, file) {
                Err(e) => Err(e),
                Ok(_) => Err(Failure::in_file(
                    file,
                    None,
                    "not a complete mommytrack JSON result; was it edited by hand?",
                )),
            },
        }
    }

    /// The first number no mommytrack result holds (a score outside
    /// 0–100, a value outside 0–1, anything not finite), as (field, value):
    /// hand-edited numbers must not skew a summary unseen.
    fn impossible(&self) -> Option<(String, f64)> {
        let bad =
            |x: Option<f64>, hi: f64| x.filter(|x| !(x.is_finite() && (0.0..=hi).contains(x)));
        if let Some(x) = bad(self.overall.score, 100.0) {
            return Some(("overall.score".into(), x));
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if let Some(x) = bad(d.score, 100.0) {
                return Some((format!("dimensions[{i}].score"), x));
            }
            for (j, q) in d.questions.iter().enumerate() {
                if let Some(x) = bad(q.score, 100.0) {
                    return Some((format!("dimensions[{i}].questions[{j}].score"), x));
                }
                if let Some(x) = bad(q.value, 1.0) {
                    return Some((format!("dimensions[{i}].questions[{j}].value"), x));
                }
            }
        }
        None
    }

    /// Who the result is, whatever its file holds besides: (identity,
    /// record key). The identity hashes the bank (its fingerprint, else
    /// its title) and every answer but those written in words (so a copy,
    /// re-indented, renamed, with other notes or another `taken`, is the
    /// same result); the record key hashes the words too, so that it
    /// cannot be worked out from answers guessed from the options.
    pub(super) fn identity(&self) -> (u64, u64) {
        use std::fmt::Write as _;
        let bank = &self.bank;
        let mut who = bank
            .fingerprint
            .clone()
            .unwrap_or_else(|| bank.title.clone());
        let mut words = String::new();
        for q in self.dimensions.iter().flat_map(|d| &d.questions) {
            let to = if q.kind == "text" {
                &mut words
            } else {
                &mut who
            };
            let _ = write!(to, "\n{}={}", q.id, q.answer);
        }
        let identity = noise::hash(who.as_bytes());
        (identity, noise::hash((who + &words).as_bytes()))
    }

    pub(super) fn question(&self, id: &str) -> Option<&QDigest> {
        self.dimensions
            .iter()
            .flat_map(|d| &d.questions)
            .find(|q| q.id == id)
    }
}

/// Why a file found in a results folder is not a mommytrack result at
/// all (and is skipped), or `None` when it looks like one, damaged or not
/// (and is refused with its own message): not JSON, not an object, a
/// document of another kind (a summary), or no `schema_version`.
pub(super) fn not_a_result(text: &str) -> Option<String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Some("not JSON".into());
    };
    let Some(map) = value.as_object() else {
        return Some("not a JSON object".into());
    };
    if let Some(kind) = map.get("document").and_then(|d| d.as_str()) {
        return Some(format!(
            "a mommytrack {}",
            crate::sanitize::terminal_safe(kind)
        ));
    }
    if map.contains_key("min_group") && map.contains_key("quantiles") {
        return Some("a mommytrack summary".into());
    }
    (!map.contains_key("schema_version")).then(|| "no `schema_version`".into())
}
