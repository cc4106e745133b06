//! Conditions on two partners (docs/question-banks.md, "Two people, one
//! home"): the `when` of a bank's
//! `together:` entries. They combine, with `all`, `any` and `not`:
//!
//! - `{ both: C }`, `{ either: C }`, `{ one: C }` (exactly one of the two),
//!   where C is an ordinary condition read on one person's answers;
//! - `{ one: C, other: D }`: one of the two C, and the other D (an
//!   extension: "one of you at risk and the other flexible" needs it);
//! - `{ differ: QUESTION }`: a shared question both answered, differently
//!   once the second answer is read through its mirror.
//!
//! This module parses and checks them into their portable form (the
//! grammar of the bank, with ids, as JSON), which is all the program keeps
//! of them: a result carries its bank's entries in that form, so that
//! `compare` can evaluate them on two saved results without the bank.

use serde_json::{Value as Json, json};

use super::condition::{CondProblem, Condition, Grammar, Scope, Test, list, problem};
use super::model::{Flag, Question, Set};
use crate::error::suggestion;
use crate::yaml::{Node, Value, describe};

/// What the portable form writes for the indices a checked condition holds.
pub struct Ids<'a> {
    pub questions: &'a [Question],
    pub flags: &'a [Flag],
    pub sets: &'a [Set],
}

/// The grammar of a `together` entry's `when` at the level of the pair.
const PAIR_FORMS: Grammar = Grammar {
    forms: &[
        ("both", &["both"]),
        ("either", &["either"]),
        ("one", &["one", "other"]),
        ("differ", &["differ"]),
        ("all", &["all"]),
        ("any", &["any"]),
        ("not", &["not"]),
    ],
    what: "a condition on two people",
    example: "`{ both: { answer: some_question, is: some_option } }`",
};

/// The ordinary forms, which need saying whose answer they read.
const PERSON_FORMS: &[&str] = &["answer", "flag", "dimension", "overall"];

/// Parses and checks a condition on two people, pushing every problem, and
/// gives its portable form.
pub fn parse_pair(
    scope: &Scope,
    map: &Node,
    problems: &mut Vec<CondProblem>,
    ids: &Ids,
) -> Option<Json> {
    let key = |k: &str| map.key_pos(k);
    let form = PAIR_FORMS.form(map, problems, |keys, _| {
        let person = keys.iter().find(|k| PERSON_FORMS.contains(k))?;
        let why = format!(
            "in a `together` entry, say whose answers `{person}` reads: wrap it in `both:`, `either:` or `one:`"
        );
        let hint = format!(
            "write e.g. `{{ either: {{ {person}: … }} }}`; `{{ one: C, other: D }}` asks that one of you meet C and the other D"
        );
        Some(problem(why, Some(hint), key(person)))
    })?;
    let get = |k: &str| map.get(k);
    let person = |k: &str, problems: &mut Vec<CondProblem>| -> Option<Json> {
        Some(portable(&scope.parse(get(k)?, problems)?, ids))
    };
    match form {
        "both" | "either" => Some(json!({ form: person(form, problems)? })),
        "one" => {
            let first = person("one", problems);
            match get("other") {
                Some(_) => {
                    let other = person("other", problems);
                    Some(json!({ "one": first?, "other": other? }))
                }
                None => Some(json!({ "one": first? })),
            }
        }
        "differ" => {
            let Some(Node {
                value: Value::Str(id),
                ..
            }) = get("differ")
            else {
                let found = get("differ").map_or("nothing".into(), describe);
                let why = format!("`differ` takes a question id, found {found}");
                let hint = Some("write e.g. `{ differ: home_split }`".into());
                problems.push(problem(why, hint, key("differ")));
                return None;
            };
            let Some(&q) = scope.question_index.get(id.as_str()) else {
                let why = format!("unknown question `{}`", crate::sanitize::id(id));
                let shared = scope.questions.iter().filter(|q| q.shared);
                let hint = suggestion(id, shared.map(|q| q.id.as_str()));
                problems.push(problem(why, hint, key("differ")));
                return None;
            };
            if scope.broken.contains(&q) {
                return None;
            }
            if !scope.questions[q].shared {
                let why = format!(
                    "`differ` compares the two answers to a shared question, and `{id}` is not shared: each of you answers it about your own life"
                );
                let hint = format!(
                    "mark `{id}` (or its set) `shared: true` if it is about the home you share, or test it with `one:`, `both:` or `either:`"
                );
                problems.push(problem(why, Some(hint), key("differ")));
                return None;
            }
            Some(json!({ "differ": scope.questions[q].id }))
        }
        "all" | "any" => {
            let parsed = list(map, form, problems, |c, p| parse_pair(scope, c, p, ids))?;
            Some(json!({ form: parsed }))
        }
        "not" => Some(json!({ "not": parse_pair(scope, get("not")?, problems, ids)? })),
        _ => None,
    }
}

/// An ordinary condition in its portable form: the bank's grammar, with
/// ids, as JSON (values as answers are written in a result).
pub fn portable(c: &Condition, ids: &Ids) -> Json {
    match c {
        Condition::Answer { question, test } => {
            let id = &ids.questions[*question].id;
            match test {
                Test::Is(v) => json!({ "answer": id, "is": v.to_json() }),
                Test::In(vs) => {
                    json!({ "answer": id, "in": vs.iter().map(|v| v.to_json()).collect::<Vec<_>>() })
                }
                Test::Includes(o) => json!({ "answer": id, "includes": o }),
                Test::Answered(b) => json!({ "answer": id, "answered": b }),
            }
        }
        Condition::Flag(f) => json!({ "flag": ids.flags[*f].id }),
        Condition::Dimension { set, bounds } => {
            let mut m = serde_json::Map::new();
            m.insert("dimension".into(), ids.sets[*set].id.clone().into());
            bounds_into(&mut m, bounds);
            Json::Object(m)
        }
        Condition::Overall(bounds) => {
            let mut m = serde_json::Map::new();
            bounds_into(&mut m, bounds);
            json!({ "overall": m })
        }
        Condition::All(cs) => {
            json!({ "all": cs.iter().map(|c| portable(c, ids)).collect::<Vec<_>>() })
        }
        Condition::Any(cs) => {
            json!({ "any": cs.iter().map(|c| portable(c, ids)).collect::<Vec<_>>() })
        }
        Condition::Not(c) => json!({ "not": portable(c, ids) }),
    }
}

fn bounds_into(m: &mut serde_json::Map<String, Json>, b: &super::Bounds) {
    if let Some(x) = b.below {
        m.insert("below".into(), x.into());
    }
    if let Some(x) = b.at_least {
        m.insert("at_least".into(), x.into());
    }
}
