//! The bank files as written (docs/question-banks.md): permissive serde structs that
//! accept anything well-typed, so that validation can report every problem
//! at once instead of stopping at the first.
//!
//! These types are also what the JSON Schemas of `mommytrack schema` are
//! generated from, so their doc comments are the schema's descriptions.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// `bank.yaml`: the bank's settings.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mommytrack bank settings (bank.yaml)")]
pub struct RawSettings {
    /// The bank's title, shown at the top of every report.
    pub title: Option<String>,
    /// What the bank is for, shown before the first question.
    pub description: Option<String>,
    /// Shown in every report, e.g. that the tool gives no legal advice.
    pub disclaimer: Option<String>,
    /// The verdict bands, highest `min` first; the last has `min: 0`.
    pub bands: Option<Vec<RawBand>>,
    /// Named signals that options raise, by flag id.
    pub flags: Option<IndexMap<String, RawFlag>>,
    /// The library of next steps.
    pub advice: Option<Vec<RawAdvice>>,
    /// What else to find out about an employer, for some people only:
    /// entries like `advice`, shown by `mommytrack interview` (all of
    /// them, or, with `--from`, those whose `when` holds for the person).
    pub kit: Option<Vec<RawAdvice>>,
    /// Below this fraction (0–1) of the asked scored questions answered, the
    /// verdict is withheld and the score is provisional. Default 0.5.
    pub min_coverage: Option<f64>,
    /// No result lists more next steps than this. Default 12.
    pub max_next_steps: Option<i64>,
    /// How many of the first next steps reports show first. Default 3.
    pub start_here: Option<i64>,
    /// `dimensions` (default): the overall is the mean of the dimensions
    /// weighted by the sets' `weight`; `items`: the mean over the answered
    /// items, as published scales are scored.
    pub overall: Option<String>,
    /// What the law gives, one entry per region and topic, turned into
    /// next steps (see "Rights" in docs/question-banks.md).
    pub rights: Option<RawRights>,
    /// Next steps for two partners, shown by `compare` ("For the two of
    /// you"): entries like `advice` whose `when` may also use `both`,
    /// `either`, `one` (with an optional `other`) and `differ`.
    pub together: Option<Vec<RawTogether>>,
    /// Question ids that earlier versions of the bank had, or answers they
    /// took that it no longer does: answers files written then stay
    /// readable, with a warning that names what replaced them.
    pub retired: Option<Vec<RawRetired>>,
}

/// A retired question id, or a question whose answers changed form.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRetired {
    /// The id as old answers files have it: a question no longer in the
    /// bank, or one still in it whose answers changed (its kind, its options).
    pub id: Option<String>,
    /// The question that took the retired one's place (omit when `id` is
    /// still a question of the bank: its old answers are read into itself).
    pub replaced_by: Option<String>,
    /// Old answers and what each now means; an old answer not listed is
    /// dropped, with a warning.
    pub values: Option<Vec<RawRetiredValue>>,
}

/// One old answer and the answer it is read as. Both are read from the
/// file's tree; the typed form only notes that they are there.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRetiredValue {
    /// The old answer: an option id, `true`/`false` or a number.
    #[schemars(with = "Option<serde_json::Value>")]
    pub from: Option<Written>,
    /// The answer it is read as, valid for the replacing question.
    #[schemars(with = "Option<serde_json::Value>")]
    pub to: Option<Written>,
}

/// A band of the overall score.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    /// The verdict id, e.g. `positive`.
    pub verdict: Option<String>,
    /// The lowest overall score (0–100) in this band.
    pub min: Option<f64>,
    /// The verdict in words.
    pub label: Option<String>,
    /// What the verdict means for the reader.
    pub summary: Option<String>,
}

/// A flag definition.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFlag {
    /// `red` (a warning sign) or `green` (a good sign).
    pub severity: Option<String>,
    pub title: Option<String>,
    /// The title said of others, for a group summary (`summarize`), when
    /// `title` speaks to the reader ("You have a senior sponsor" → "Has a
    /// senior sponsor"); default: `title`.
    pub group_title: Option<String>,
    /// A longer explanation.
    pub detail: Option<String>,
    /// The verdict can be no better than this band while the flag is raised.
    pub caps_verdict: Option<String>,
    /// Where a stated fact comes from.
    pub source: Option<OneOrMany>,
}

/// A next step.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAdvice {
    pub id: Option<String>,
    pub title: Option<String>,
    pub detail: Option<String>,
    /// 1 = most urgent. Default 3.
    pub priority: Option<i64>,
    /// Give this advice only when the condition holds; always when absent.
    #[schemars(with = "Option<serde_json::Value>")]
    pub when: Option<Written>,
    /// For the person for whom this condition holds, the step is most
    /// urgent (priority 1): it is ranked, and chosen within its group, by
    /// that person's need rather than by its usual priority.
    #[schemars(with = "Option<serde_json::Value>")]
    pub urgent_when: Option<Written>,
    /// Of the entries of one group whose `when` holds, only the first (by
    /// priority, then bank order) becomes a next step.
    pub group: Option<String>,
    /// Where a stated fact comes from.
    pub source: Option<OneOrMany>,
    /// The day the source was last read, `YYYY-MM-DD`.
    pub checked: Option<String>,
}

/// A next step for two partners, shown by `compare`.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTogether {
    pub id: Option<String>,
    pub title: Option<String>,
    pub detail: Option<String>,
    /// 1 = most urgent. Default 3.
    pub priority: Option<i64>,
    /// Give this step only when the condition holds for the couple:
    /// `{ both: C }`, `{ either: C }`, `{ one: C }` (exactly one of the two),
    /// `{ one: C, other: D }` (one of the two C and the other D),
    /// `{ differ: QUESTION }` (a shared question answered differently after
    /// mirroring), combined with `all`, `any` and `not`; C and D are ordinary
    /// conditions, read on one person's answers. Always when absent.
    #[schemars(with = "Option<serde_json::Value>")]
    pub when: Option<Written>,
    /// Of the entries of one group whose `when` holds, only the first (by
    /// priority, then bank order) is shown.
    pub group: Option<String>,
    /// Where a stated fact comes from.
    pub source: Option<OneOrMany>,
}

/// One question set: one scored dimension of the report.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mommytrack question set")]
pub struct RawSet {
    /// `[a-z][a-z0-9_]*`, unique in the bank.
    pub id: Option<String>,
    pub title: Option<String>,
    /// The title in a prospective run and the interview kit, where a set
    /// about you asks about the job instead. Default: `title`.
    pub prospective_title: Option<String>,
    /// The title said of others, for a group summary (`summarize`), when
    /// `title` speaks to the reader ("Your manager" → "The manager");
    /// default: `title`.
    pub group_title: Option<String>,
    /// In a prospective run's "what to ask next", this part's unknowns
    /// come first, after those other questions wait on: the strongest
    /// evidence about an employer (how it treats the parents it already
    /// has). Default false.
    pub ask_first: Option<bool>,
    pub description: Option<String>,
    /// The dimension's weight in the overall score. Default 1; 0 reports
    /// the dimension but leaves it out of the overall.
    pub weight: Option<f64>,
    /// Fewer answered scored questions than this: the dimension has no
    /// score. Default 1.
    pub min_answered: Option<i64>,
    /// The set is about the home and family two partners share.
    pub shared: Option<bool>,
    /// The dimension's own bands, highest `min` first; the last has `min: 0`.
    pub bands: Option<Vec<RawBand>>,
    pub source: Option<OneOrMany>,
    pub questions: Option<Vec<RawQuestion>>,
}

/// A question.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// `[a-z][a-z0-9_]*`, unique across the whole bank.
    pub id: Option<String>,
    pub prompt: Option<String>,
    /// A longer explanation, one key away in the questionnaire.
    pub help: Option<String>,
    /// `choice`, `multi`, `scale`, `yesno` or `text`.
    pub kind: Option<String>,
    /// Weight within its dimension. Default 1.
    pub weight: Option<f64>,
    /// Asked in `--quick` mode. Default false.
    pub core: Option<bool>,
    /// `false`: never suggested under "What would move your score most",
    /// for a fact the person cannot change (the field they work in,
    /// something that already happened). Still scored. Default true.
    pub lever: Option<bool>,
    /// Suggested as a lever only when this condition on answers holds (any
    /// question may be named): not an even split of the home work to
    /// someone who calls theirs fair.
    #[schemars(with = "Option<serde_json::Value>")]
    pub lever_when: Option<Written>,
    /// Ask only if this condition holds; it may name earlier questions only.
    #[schemars(with = "Option<serde_json::Value>")]
    pub when: Option<Written>,
    /// For `choice` and `multi`.
    pub options: Option<Vec<RawOption>>,
    /// For `scale`.
    pub scale: Option<RawScale>,
    /// For `scale`: a high number is the bad end.
    pub reverse: Option<bool>,
    /// For `yesno`: without it the question is informational.
    pub scores: Option<RawScores>,
    pub source: Option<OneOrMany>,
    /// The day the source was last read, `YYYY-MM-DD`.
    pub checked: Option<String>,
    /// A fact about the home two partners share, in a set that is not
    /// marked `shared` (a set marked so makes all its questions shared):
    /// `compare` reads it as a view of one household. Default false.
    pub shared: Option<bool>,
    /// For a shared `scale` question: `true` when the partner's answer is
    /// the same fact seen from the other side (their `min` is your `max`).
    pub mirror: Option<bool>,
    /// For a shared question: what the two should talk about when their
    /// answers differ, written for this question.
    pub discuss: Option<String>,
    /// 1 = talk about this difference first. Default 3.
    pub discuss_priority: Option<i64>,
    /// What to ask, or find out, about an employer you are considering to
    /// answer this question: phrased so that it is safe to ask in an
    /// interview or of someone who works there. A question with it is in
    /// the interview kit (`mommytrack interview`) and is asked by
    /// `assess --prospective`.
    pub interview: Option<String>,
    /// What good and worrying answers to the `interview` question sound
    /// like. Needs `interview`.
    pub listen_for: Option<RawListenFor>,
    /// How the question reads in `assess --prospective`, about an employer
    /// you are considering rather than your job now. Needs `interview`.
    /// The options keep their ids (so scores, flags and `compare` are
    /// unchanged); only the words change.
    pub prospective: Option<RawProspective>,
    /// A fact about you rather than about your job (how you became a
    /// parent, who you parent with, where you live, the hours you want):
    /// it carries over to any employer, so `assess --prospective` asks it
    /// too (a session takes it from your latest saved result when it can),
    /// for the kit questions that depend on it. Only for unscored
    /// questions without `interview`. Default false.
    pub personal: Option<bool>,
}

/// A question's wording about an employer you are considering.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProspective {
    /// The question, asked about the employer you are considering.
    pub prompt: Option<String>,
    /// Its help text there. Without it, no help is shown.
    pub help: Option<String>,
    /// For `choice` and `multi`: option id → label there. An option not
    /// named keeps its label.
    pub options: Option<IndexMap<String, String>>,
    /// For `scale`: the point labels there, as many as `scale.labels`.
    pub labels: Option<Vec<String>>,
    /// For `choice`: the options that mean the asker could not find out
    /// ("Nobody could say"). There they count as still unknown, like
    /// "Don't know yet": not scored, and listed in what to ask next.
    pub unknown: Option<Vec<String>>,
}

/// What good and worrying answers sound like.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawListenFor {
    /// What a good answer sounds like.
    pub good: Option<String>,
    /// What a worrying answer sounds like.
    pub worrying: Option<String>,
}

/// An option of a `choice` or `multi` question.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Option<String>,
    pub label: Option<String>,
    /// Without a score on any option, the question is informational.
    pub score: Option<f64>,
    /// A flag this option raises when selected.
    pub flag: Option<String>,
    /// In a shared question: the option the partner picks for the same
    /// situation (`leans_me` and `leans_them`). Must name an option of the
    /// same question that names this one back.
    pub mirror: Option<String>,
    /// In a shared question: the partner's answers that can be true at the
    /// same time as this one (`paid_days` and `unpaid`: each partner covers
    /// their own days), so they are not a difference. Each must name this
    /// one back.
    pub agrees_with: Option<Vec<String>>,
}

/// The points of a `scale` question.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// One label per point, from `min` to `max`.
    pub labels: Option<Vec<String>>,
}

/// The scores of a `yesno` question.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScores {
    /// Default 0.
    pub yes: Option<f64>,
    /// Default 0.
    pub no: Option<f64>,
}

/// The `rights:` section: what the law gives, one entry per region and
/// topic (see "Rights" in docs/question-banks.md).
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRights {
    /// The choice question whose options are the regions, e.g. `about_region`.
    pub question: Option<String>,
    /// The option that stands for "somewhere else": its entries are the
    /// general form, given only when no entry of a specific region of the
    /// same topic holds.
    pub general: Option<String>,
    /// The topics, by id: when each concerns a person, and its priority.
    pub topics: Option<IndexMap<String, RawTopic>>,
    pub entries: Option<Vec<RawRightsEntry>>,
}

/// A rights topic; its entries form the group `rights_` and the topic id.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// The priority of every entry of the topic (1 = most urgent). Default 2.
    pub priority: Option<i64>,
    /// When the topic concerns a person at all; each entry adds its region.
    #[schemars(with = "Option<serde_json::Value>")]
    pub when: Option<Written>,
}

/// What the law gives in one region on one topic: a next step.
#[derive(Debug, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRightsEntry {
    /// Unique among the advice and rights entries.
    pub id: Option<String>,
    /// A topic of the section.
    pub topic: Option<String>,
    /// One or more options of the region question, or the general one.
    pub region: Option<OneOrMany>,
    /// Further conditions (a region detail, say), on top of the region and
    /// the topic's `when`.
    #[schemars(with = "Option<serde_json::Value>")]
    pub when: Option<Written>,
    pub title: Option<String>,
    pub detail: Option<String>,
    /// The public page (a government, tribunal, regulator or statute page)
    /// each stated fact was read from.
    pub source: Option<OneOrMany>,
    /// The day the source was last read, `YYYY-MM-DD`; required when the
    /// source cites a web page.
    pub checked: Option<String>,
}

/// A condition (`when`), as written. The validation reads it from the
/// file's tree, where each of its keys has a place; the typed form only
/// notes that it is there.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Written;

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Written)
    }
}

/// A source: one text, or a list.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}
