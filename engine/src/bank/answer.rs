//! An answer's value (`mommytrack schema answers`): what an answers file gives for one
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

    /// The same answer as the partner would give it for the same situation
    /// (a shared question): each option through its `mirror`, a scale with
    /// `mirror: true` turned end to end. An answer to a question without a
    /// mirror reads the same from both sides. Mirrors are symmetric, so
    /// mirroring twice gives the answer back.
    pub fn mirrored(&self, q: &Question) -> Answer {
        let through = |id: &str| -> String {
            q.option(id)
                .and_then(|o| o.mirror.clone())
                .unwrap_or_else(|| id.to_string())
        };
        match (self, &q.kind) {
            (Answer::Choice(id), _) => Answer::Choice(through(id)),
            (Answer::Multi(ids), Kind::Multi(opts)) => {
                let picked: std::collections::HashSet<String> =
                    ids.iter().map(|i| through(i)).collect();
                // In the order of the question's options, as every multi
                // answer is held.
                Answer::Multi(
                    opts.iter()
                        .filter(|o| picked.contains(&o.id))
                        .map(|o| o.id.clone())
                        .collect(),
                )
            }
            (Answer::Scale(x), Kind::Scale(s)) if s.mirror => Answer::Scale(s.min + s.max - x),
            _ => self.clone(),
        }
    }

    /// The partner's answers, in this person's words (after the mirror),
    /// that can be true together with this one: its option's `agrees_with`.
    pub fn agrees_with(&self, q: &Question) -> Vec<serde_json::Value> {
        let Answer::Choice(id) = self else {
            return Vec::new();
        };
        q.option(id).map_or_else(Vec::new, |o| {
            o.agrees_with
                .iter()
                .cloned()
                .map(serde_json::Value::String)
                .collect()
        })
    }

    /// The answer as the partner would give it, when that is another one.
    pub fn mirror(&self, q: &Question) -> Option<Answer> {
        Some(self.mirrored(q)).filter(|m| m != self)
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
            (Answer::Multi(ids), _) => (q.ticked(ids).into_iter())
                .map(|(id, o)| o.map_or_else(|| id.clone(), |o| o.label.clone()))
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
