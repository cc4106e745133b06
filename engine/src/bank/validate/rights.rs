//! The `rights:` section of bank.yaml: what the law gives, region by topic,
//! turned into next steps.
//!
//! Each entry names its topic and its region (an option of the region
//! question); the engine adds the region test to its condition, so an entry
//! can never reach someone who said they live elsewhere. The entries of the
//! general region (the "where you live" form) are given only when no entry
//! of a specific region of the same topic holds, so everyone gets either
//! their own country's rights or the general form, never someone else's.
//! A topic is one group (`rights_<topic>`): at most one step per topic.
//! The entries come before the advice entries in bank order, so that at
//! equal priority what the law gives is listed first.

use std::collections::{HashMap, HashSet};

use super::Builder;
use super::build::{entry_at, ordinary};
use super::context::{Ctx, check_id, count, id_problem, is_valid_id, required};
use super::dated::Entry;
use crate::bank::answer::Answer;
use crate::bank::condition::{Condition, Test};
use crate::bank::model::{Advice, Kind};
use crate::bank::raw::*;
use crate::error::{Problem, suggestion};
use crate::yaml::Node;

/// A topic's priority when it does not give one.
const DEFAULT_TOPIC_PRIORITY: i64 = 2;

/// A checked entry, before its condition is put together.
struct Checked {
    advice: Advice,
    topic: String,
    /// Option ids of the region question; empty for the general region.
    regions: Vec<String>,
    own: Option<Condition>,
}

impl Builder {
    pub(super) fn rights(
        &mut self,
        raw: Option<RawRights>,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let Some(raw) = raw else { return };
        let section = node.get("rights");
        let start = node.key_pos("rights");
        let field = |k: &str| section.and_then(|r| r.key_pos(k)).or(start);

        // The question whose answer is the region.
        let qid = raw.question.unwrap_or_default();
        let question = match self.bank.question_index.get(&qid) {
            _ if qid.is_empty() => {
                let why = "the rights section does not name its region question";
                let hint = "add `question: …`, the id of the choice question that asks where the person works, e.g. `question: about_region`";
                p.push(ctx.problem(why, start).hint(hint));
                None
            }
            Some(&q) if matches!(self.bank.questions[q].kind, Kind::Choice(_)) => Some(q),
            Some(_) => {
                let why =
                    format!("the rights section's `question: {qid}` is not a choice question");
                let hint =
                    "name a choice question whose options are the regions, e.g. `about_region`";
                p.push(ctx.problem(why, field("question")).id(&qid).hint(hint));
                None
            }
            None => {
                let why = format!("the rights section names an unknown question `{qid}`");
                let hint = suggestion(&qid, self.bank.questions.iter().map(|q| q.id.as_str()));
                p.push(ctx.problem(why, field("question")).hint_opt(hint));
                None
            }
        };
        let regions: Vec<String> = question
            .map(|q| {
                self.bank.questions[q]
                    .kind
                    .options()
                    .iter()
                    .map(|o| o.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let general = raw.general.filter(|g| {
            let known = question.is_none() || regions.contains(g);
            if !known {
                let why = format!("the general region `{g}` is not an option of `{qid}`");
                let hint = suggestion(g, regions.iter().map(String::as_str));
                p.push(ctx.problem(why, field("general")).hint_opt(hint));
            }
            known
        });

        // Topics: when each concerns a person, and its priority.
        let mut topics: HashMap<String, (i64, Option<Condition>)> = HashMap::new();
        let topic_nodes = section.and_then(|r| r.get("topics"));
        for (tid, rt) in raw.topics.unwrap_or_default() {
            let (at, value) = match topic_nodes.and_then(|t| t.entry(&tid)) {
                Some((k, v)) => (Some(k.pos), Some(v)),
                None => (field("topics"), None),
            };
            if !is_valid_id(&tid) {
                p.push(id_problem(ctx, "topic", &tid, at));
            }
            let priority = count(
                "priority",
                rt.priority,
                1,
                DEFAULT_TOPIC_PRIORITY,
                "1 = most urgent",
                |m| {
                    ctx.problem(m, value.and_then(|v| v.key_pos("priority")).or(at))
                        .id(&tid)
                },
                p,
            );
            debug_assert_eq!(
                rt.when.is_some(),
                value.and_then(|v| v.get("when")).is_some()
            );
            let when = self.condition(value, at, "when", &tid, ctx, p, ordinary);
            topics.insert(tid, (priority, when));
        }

        // Entries, checked one by one.
        let taken: HashSet<String> = self.bank.advice.iter().map(|a| a.id.clone()).collect();
        let mut seen: HashSet<String> = HashSet::new();
        let mut checked: Vec<Checked> = Vec::new();
        let entries = section.and_then(|r| r.get("entries"));
        for (n, re) in raw.entries.unwrap_or_default().into_iter().enumerate() {
            let id = re.id.unwrap_or_default();
            let (entry, at) = entry_at(entries, n, "id");
            let key = |k: &str| entry.and_then(|e| e.key_pos(k)).or(at);
            let missing = || {
                ctx.problem("a rights entry has no id", at)
                    .hint("add `id: …`")
            };
            if check_id(ctx, "rights entry", &id, at, missing, p)
                && (taken.contains(&id) || !seen.insert(id.clone()))
            {
                let why = format!("the id `{id}` is used by another advice or rights entry");
                let hint = "give each entry its own id: they are next steps in the same list";
                p.push(ctx.problem(why, at).id(&id).hint(hint));
            }
            let title = required(re.title, "title", "rights entry", &id, ctx, at, p);
            let detail = required(re.detail, "detail", "rights entry", &id, ctx, at, p);
            let problem = |why: String, at| ctx.problem(why, at).id(&id);
            let topic = re.topic.unwrap_or_default();
            if topic.is_empty() {
                let topics = list(topics.keys());
                let hint = format!("add `topic: …`, one of the section's topics{topics}");
                p.push(problem(format!("rights entry `{id}` has no topic"), at).hint(hint));
            } else if !topics.contains_key(&topic) {
                let why = format!("rights entry `{id}` names an unknown topic `{topic}`");
                let hint = suggestion(&topic, topics.keys().map(String::as_str))
                    .unwrap_or_else(|| "declare it under `topics:`".into());
                p.push(problem(why, key("topic")).hint(hint));
            }
            let named = re.region.map(OneOrMany::into_vec).unwrap_or_default();
            if named.is_empty() {
                let options = list(regions.iter());
                let hint = format!("add `region: …`, an option of `{qid}`{options}");
                p.push(problem(format!("rights entry `{id}` has no region"), at).hint(hint));
            }
            for r in &named {
                if question.is_some() && !regions.contains(r) {
                    let why = format!(
                        "rights entry `{id}` names region `{r}`, which is not an option of `{qid}`"
                    );
                    let hint = suggestion(r, regions.iter().map(String::as_str));
                    p.push(problem(why, key("region")).hint_opt(hint));
                }
            }
            let is_general = general.as_ref().is_some_and(|g| named.contains(g));
            if is_general && named.len() > 1 {
                let why =
                    format!("rights entry `{id}` names the general region together with others");
                let hint = "an entry for the general region is the \"where you live\" form for everyone else; give it that region alone";
                p.push(problem(why, key("region")).hint(hint));
            }
            let own = self.condition(entry, at, "when", &id, ctx, p, ordinary);
            let source = re.source.map(OneOrMany::into_vec).unwrap_or_default();
            if source.iter().all(|s| s.trim().is_empty()) {
                let hint = "add `source:` with the public page the entry was read from (a government, tribunal, regulator or statute page) and `checked:` with the day";
                p.push(problem(format!("rights entry `{id}` has no source"), at).hint(hint));
            }
            let checked_on = self.checked(
                re.checked.as_deref(),
                &source,
                Entry {
                    what: "rights entry",
                    id: &id,
                    node: entry,
                    at,
                    must_date_pages: true,
                },
                ctx,
                p,
            );
            let priority = topics.get(&topic).map_or(DEFAULT_TOPIC_PRIORITY, |t| t.0);
            checked.push(Checked {
                advice: Advice {
                    id,
                    title,
                    detail,
                    priority,
                    when: None,
                    urgent_when: None,
                    group: Some(format!("rights_{topic}")),
                    source,
                    checked: checked_on,
                },
                topic,
                regions: if is_general { Vec::new() } else { named },
                own,
            });
        }
        let Some(question) = question else { return };

        // Each entry's condition: its region (or, for the general form,
        // that no specific entry of the topic holds), its topic's and its own.
        let region_test = |regions: &[String]| Condition::Answer {
            question,
            test: match regions {
                [one] => Test::Is(Answer::Choice(one.clone())),
                many => Test::In(many.iter().map(|r| Answer::Choice(r.clone())).collect()),
            },
        };
        let rest = |c: &Checked| -> Vec<Condition> {
            topics
                .get(&c.topic)
                .and_then(|t| t.1.clone())
                .into_iter()
                .chain(c.own.clone())
                .collect()
        };
        // Where a specific entry of a topic holds, its topic's condition
        // aside (the general form has that condition too): a condition
        // that can only turn the topic off is then never named under a
        // double `not`.
        let specific: Vec<(String, Condition)> = checked
            .iter()
            .filter(|c| !c.regions.is_empty())
            .map(|c| {
                let mut parts = vec![region_test(&c.regions)];
                parts.extend(c.own.clone());
                (c.topic.clone(), all(parts))
            })
            .collect();
        // Every entry holds a copy of its topic's condition, and a general
        // entry one of every specific entry's condition of its topic: what
        // the copies would hold is bounded before any is made (70 specific
        // entries of 1,000 tests and 2,000 general ones took 6.5 GB to load;
        // a topic condition of 95,000 tests and 1,000 entries 4.4 GB).
        let mut per_topic: HashMap<&str, usize> = HashMap::new();
        for (topic, cond) in &specific {
            *per_topic.entry(topic).or_default() += cond.work(&self.bank);
        }
        let topic_work: HashMap<&str, usize> = (topics.iter())
            .map(|(t, (_, when))| (t.as_str(), when.as_ref().map_or(0, |w| w.work(&self.bank))))
            .collect();
        let copies: usize = (checked.iter())
            .map(|c| {
                let general = c.regions.is_empty();
                let others = per_topic.get(c.topic.as_str()).filter(|_| general);
                others.copied().unwrap_or(0)
                    + topic_work.get(c.topic.as_str()).copied().unwrap_or(0)
            })
            .sum();
        if copies > super::MAX_NODES {
            let why = format!(
                "each entry repeats its topic's condition, and an entry for the general region the conditions of every other entry of its topic: {} tests in all, more than the {} a bank may hold",
                crate::error::thousands(copies),
                crate::error::thousands(super::MAX_NODES)
            );
            let hint = "give a topic a shorter condition, one entry for the general region, or shorter conditions to its entries for a region";
            p.push(ctx.problem(why, start).hint(hint));
            return;
        }
        // The rights come first in bank order: at equal priority, what the
        // law gives is listed before the rest of the advice.
        let mut built = Vec::with_capacity(checked.len());
        for c in &checked {
            let mut parts = if c.regions.is_empty() {
                let others: Vec<Condition> = specific
                    .iter()
                    .filter(|(t, _)| *t == c.topic)
                    .map(|(_, cond)| cond.clone())
                    .collect();
                if others.is_empty() {
                    Vec::new()
                } else {
                    vec![Condition::Not(Box::new(Condition::Any(others)))]
                }
            } else {
                vec![region_test(&c.regions)]
            };
            parts.extend(rest(c));
            let mut advice = c.advice.clone();
            advice.when = (!parts.is_empty()).then(|| all(parts));
            built.push(advice);
        }
        self.bank.advice.splice(0..0, built);
    }
}

/// The conjunction of `parts` (one part stands alone).
fn all(mut parts: Vec<Condition>) -> Condition {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Condition::All(parts)
    }
}

/// ": a, b, c" for a hint, or nothing.
fn list<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<&str> = names.map(String::as_str).take(13).collect();
    v.sort_unstable();
    if v.is_empty() {
        String::new()
    } else {
        format!(": {}", v.join(", "))
    }
}
