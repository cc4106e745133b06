//! An answer's value (CONTRACT §4): what an answers file gives for one
//! question, what conditions compare with, and how it reads in words.

use super::model::{Kind, Question};

/// One question's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// An option id.
    Choice(String),
    /// Option ids, in the order of the question's options.
    Multi(Vec<String>),
    Scale(i64),
    YesNo(bool),
    Text(String),
}

impl Answer {
    /// The answer as it is written in an answers file and the JSON result.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Answer::Choice(s) | Answer::Text(s) => serde_json::Value::String(s.clone()),
            Answer::Multi(v) => v
                .iter()
                .map(|s| serde_json::Value::String(s.clone()))
                .collect(),
            Answer::Scale(x) => serde_json::Value::from(*x),
            Answer::YesNo(b) => serde_json::Value::Bool(*b),
        }
    }

    /// The answer in words, using the bank's labels.
    pub fn label(&self, q: &Question) -> String {
        let opt_label = |id: &str| {
            q.option(id)
                .map_or_else(|| id.to_string(), |o| o.label.clone())
        };
        match (self, &q.kind) {
            (Answer::Choice(id), _) => opt_label(id),
            (Answer::Multi(ids), _) if ids.is_empty() => "None of these".into(),
            (Answer::Multi(ids), _) => ids
                .iter()
                .map(|i| opt_label(i))
                .collect::<Vec<_>>()
                .join("; "),
            (Answer::Scale(x), Kind::Scale(s)) => match s.label(*x) {
                Some(l) => format!("{x} ({l})"),
                None => format!("{x} on a scale of {}–{}", s.min, s.max),
            },
            (Answer::Scale(x), _) => x.to_string(),
            (Answer::YesNo(b), _) => if *b { "Yes" } else { "No" }.into(),
            (Answer::Text(t), _) => t.clone(),
        }
    }
}
