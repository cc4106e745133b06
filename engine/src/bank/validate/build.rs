//! Building the model from the typed files: bands, flags, sets, advice and
//! the questions' conditions (the questions themselves are in
//! [`super::question`]).

use std::collections::HashSet;

use super::context::{
    Ctx, SourceFile, Zero, check_id, count, id_problem, is_valid_id, required, weight,
};
use super::dated::Entry;
use super::parse::Parsed;
use super::{Builder, MAX_EXPLANATION, MAX_FLAGS, MAX_QUESTIONS};
use crate::bank::condition::{CondProblem, Condition, Scope, value_for};
use crate::bank::model::{Advice, Band, Flag, Set, Severity, TogetherEntry};
use crate::bank::raw::*;
use crate::bank::together::{Ids, parse_pair};
use crate::error::{Problem, suggestion, thousands};
use crate::yaml::{Node, Pos, Value};

/// The `n`th entry of the list `key` of `node`, where an entry's problems
/// are shown: its `field` (an id, a verdict), or the entry itself.
pub(super) fn entry_at<'n>(
    list: Option<&'n Node>,
    n: usize,
    field: &str,
) -> (Option<&'n Node>, Option<Pos>) {
    let entry = list.and_then(|l| l.items().get(n));
    let at = entry.map(|e| e.key_pos(field).unwrap_or(e.pos));
    (entry, at)
}

const DEFAULT_PRIORITY: i64 = 3;

/// A list of next steps in bank.yaml (`advice:`, `kit:`, `together:`):
/// its key, which problems also call it by ("two {key} entries …"), and
/// their other words.
pub(super) struct Listed {
    key: &'static str,
    /// "an advice entry": "{a_one} has no id".
    a_one: &'static str,
    merge: &'static str,
}

const ADVICE: Listed = Listed {
    key: "advice",
    a_one: "an advice entry",
    merge: "merge advice that says the same thing",
};

const KIT: Listed = Listed {
    key: "kit",
    a_one: "a kit entry",
    merge: "merge entries that say the same thing",
};

const TOGETHER: Listed = Listed {
    key: "together",
    a_one: "a together entry",
    merge: "merge entries that say the same thing",
};

/// A together entry as the entries of a list read it: the fields it
/// shares with advice.
impl From<RawTogether> for RawAdvice {
    fn from(t: RawTogether) -> Self {
        RawAdvice {
            id: t.id,
            title: t.title,
            detail: t.detail,
            priority: t.priority,
            when: t.when,
            group: t.group,
            source: t.source,
            ..RawAdvice::default()
        }
    }
}

/// An entry of a list of next steps being read, for what `make` reads of
/// it: what it is called, its `checked:` as written, where it stands, and
/// where its problems go.
pub(super) struct Read<'r, 'n> {
    one: String,
    checked: Option<String>,
    entry: Option<&'n Node>,
    at: Option<Pos>,
    ctx: &'r Ctx<'r>,
    p: &'r mut Vec<Problem>,
}

/// Checks a list of bands (bank.yaml's, or a set's own), highest `min`
/// first; `list` is the list as parsed, `from` where its key stands.
pub(super) fn bands_of(
    bands: &[RawBand],
    list: Option<&Node>,
    from: Option<Pos>,
    ctx: &Ctx,
    p: &mut Vec<Problem>,
) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::with_capacity(bands.len());
    let mut previous: Option<f64> = None;
    for (n, rb) in bands.iter().enumerate() {
        let verdict = rb.verdict.clone().unwrap_or_default();
        let (_, at) = entry_at(list, n, "verdict");
        let problem = |why: String| ctx.problem(why, at).id(&verdict);
        let hint = "add `verdict: …`, e.g. `verdict: mixed`";
        let missing = || ctx.problem("a band has no verdict", at).hint(hint);
        if check_id(ctx, "verdict", &verdict, at, missing, p)
            && out.iter().any(|b| b.verdict == verdict)
        {
            let why = format!("two bands have the verdict `{verdict}`");
            p.push(problem(why).hint("give each band its own verdict"));
        }
        let min = match rb.min {
            Some(m) if m.is_finite() && (0.0..=100.0).contains(&m) => m,
            Some(m) => {
                let why = format!("band min {m} is outside 0–100");
                p.push(problem(why).hint("scores run from 0 to 100"));
                0.0
            }
            None => {
                let hint = "add `min: N` (0–100): the lowest overall score in this band";
                p.push(problem(format!("band `{verdict}` has no min")).hint(hint));
                0.0
            }
        };
        if let Some(prev) = previous
            && min >= prev
        {
            let why = format!(
                "band `{verdict}` (min {min}) is not below the band before it (min {prev})"
            );
            let hint = "list bands highest `min` first, each with its own `min`";
            p.push(problem(why).hint(hint));
        }
        previous = Some(min);
        out.push(Band {
            label: rb
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| verdict.clone()),
            verdict,
            min,
            summary: rb.summary.clone(),
        });
    }
    if !out.iter().any(|b| b.min == 0.0) {
        let why = "no band has `min: 0`, so a low score would have no verdict";
        p.push(ctx.problem(why, from).hint("give the last band `min: 0`"));
    }
    out
}

impl Builder {
    pub(super) fn bands(&mut self, file: &Parsed<RawSettings>, ctx: &Ctx, p: &mut Vec<Problem>) {
        let Parsed { typed: raw, node } = file;
        let from = node.key_pos("bands");
        let Some(bands) = raw.bands.as_ref().filter(|b| !b.is_empty()) else {
            let hint = "add `bands:` with at least one band with `min: 0`, e.g. `- { verdict: sidelined, min: 0, label: \"Sidelining risk\" }`";
            let at = from.or(Some(node.pos));
            p.push(ctx.problem("bank.yaml has no bands", at).hint(hint));
            return;
        };
        self.bank.bands = bands_of(bands, node.get("bands"), from, ctx, p);
    }

    pub(super) fn flags(&mut self, file: &Parsed<RawSettings>, ctx: &Ctx, p: &mut Vec<Problem>) {
        let Parsed { typed: raw, node } = file;
        let Some(flags) = &raw.flags else { return };
        let entries = match node.get("flags") {
            Some(Node {
                value: Value::Map(entries),
                ..
            }) => &entries[..],
            _ => &[],
        };
        if flags.len() > MAX_FLAGS {
            let n = flags.len();
            let why = format!("the bank has {n} flags; a bank may have at most {MAX_FLAGS}");
            let hint = "merge flags that say the same thing";
            p.push(ctx.problem(why, node.key_pos("flags")).hint(hint));
        }
        // The typed flags and the parsed entries come in the same order.
        for (n, (id, rf)) in flags.iter().enumerate() {
            let entry = entries.get(n);
            let at = entry.map(|(k, _)| k.pos);
            let field = |name: &str| entry.and_then(|(_, v)| v.key_pos(name)).or(at);
            if !is_valid_id(id) {
                p.push(id_problem(ctx, "flag", id, at));
            }
            let severity = match rf.severity.as_deref() {
                Some("red") => Severity::Red,
                Some("green") => Severity::Green,
                Some(other) => {
                    let why = format!("unknown severity `{}`", crate::sanitize::id(other));
                    let hint =
                        suggestion(other, ["red", "green"]).map(|s| format!("{s} (red or green)"));
                    p.push(ctx.problem(why, field("severity")).id(id).hint_opt(hint));
                    Severity::Red
                }
                None => {
                    let why = format!("flag `{id}` has no severity");
                    let hint = "add `severity: red` or `severity: green`";
                    p.push(ctx.problem(why, at).id(id).hint(hint));
                    Severity::Red
                }
            };
            let title = required(rf.title.clone(), "title", "flag", id, ctx, at, p);
            let caps_verdict = rf.caps_verdict.as_ref().and_then(|v| {
                let found = self.bank.bands.iter().position(|b| &b.verdict == v);
                if found.is_none() {
                    let why = format!("`caps_verdict: {}` names no band", crate::sanitize::id(v));
                    let hint = suggestion(v, self.bank.bands.iter().map(|b| b.verdict.as_str()));
                    let at = field("caps_verdict");
                    p.push(ctx.problem(why, at).id(id).hint_opt(hint));
                }
                found
            });
            self.flag_index.insert(id.clone(), self.bank.flags.len());
            self.flag_pos.push(at);
            self.bank.flags.push(Flag {
                id: id.clone(),
                severity,
                group_title: rf.group_title.clone().unwrap_or_else(|| title.clone()),
                title,
                detail: rf.detail.clone(),
                caps_verdict,
                source: rf
                    .source
                    .clone()
                    .map(OneOrMany::into_vec)
                    .unwrap_or_default(),
            });
        }
    }

    pub(super) fn set(&mut self, parsed: Parsed<RawSet>, ctx: &Ctx, p: &mut Vec<Problem>) {
        let Parsed { typed: raw, node } = parsed;
        let set_no = self.bank.sets.len();
        let id = raw.id.clone().unwrap_or_default();
        let set_at = Some(node.key_pos("id").unwrap_or(node.pos));
        let hint = "add `id: …` at the top, e.g. the file name without .yaml";
        let missing = || {
            ctx.problem("the question set has no id", Some(node.pos))
                .hint(hint)
        };
        if check_id(ctx, "set", &id, set_at, missing, p) {
            match self.set_index.get(&id) {
                Some(&other) => {
                    let file = &self.bank.sets[other].file;
                    let why = format!("the set id `{id}` is used by {file} too");
                    let hint = "give each set its own id";
                    p.push(ctx.problem(why, set_at).id(&id).hint(hint));
                }
                None => {
                    self.set_index.insert(id.clone(), set_no);
                }
            }
        }
        let title = required(raw.title, "title", "set", &id, ctx, set_at, p);
        let key_at = |key: &str| node.key_pos(key).or(set_at);
        let weight = weight(raw.weight, Zero::Allowed, ctx, key_at("weight"), &id, p);
        let min_answered = count(
            "min_answered",
            raw.min_answered,
            0,
            1,
            "the fewest answered scored questions that give the dimension a score",
            |m| ctx.problem(m, key_at("min_answered")).id(&id),
            p,
        ) as usize;
        let bands = match &raw.bands {
            Some(bands) if !bands.is_empty() => {
                bands_of(bands, node.get("bands"), key_at("bands"), ctx, p)
            }
            Some(_) => {
                let why = format!("set `{id}` has an empty list of bands");
                let hint = "give the dimension bands with the last at `min: 0`, or remove `bands:`";
                p.push(ctx.problem(why, key_at("bands")).id(&id).hint(hint));
                Vec::new()
            }
            None => Vec::new(),
        };
        let start = self.bank.questions.len();
        let questions = raw.questions.unwrap_or_default();
        if questions.is_empty() {
            let why = format!("set `{id}` has no questions");
            let hint = "add `questions:` with at least one question";
            p.push(ctx.problem(why, set_at).id(&id).hint(hint));
        }
        let list = node.get("questions");
        self.set_shared = raw.shared.unwrap_or(false);
        for (n, rq) in questions.into_iter().enumerate() {
            if self.enough(p) {
                break;
            }
            let (entry, _) = entry_at(list, n, "id");
            self.question(rq, set_no, entry.unwrap_or(&node), ctx, p);
        }
        self.bank.sets.push(Set {
            id,
            group_title: raw.group_title.unwrap_or_else(|| title.clone()),
            title,
            prospective_title: raw.prospective_title,
            ask_first: raw.ask_first.unwrap_or(false),
            description: raw.description,
            weight,
            min_answered,
            shared: raw.shared.unwrap_or(false),
            bands,
            source: raw.source.map(OneOrMany::into_vec).unwrap_or_default(),
            file: ctx.name.to_string(),
            questions: start..self.bank.questions.len(),
        });
    }

    pub(super) fn question_conditions(&mut self, files: &[&SourceFile], p: &mut Vec<Problem>) {
        for pw in std::mem::take(&mut self.pending_when) {
            if self.enough(p) {
                break;
            }
            let ctx = &Ctx::new(files[pw.file]);
            let scope = Scope {
                questions: &self.bank.questions,
                question_index: &self.bank.question_index,
                before: (!pw.lever).then_some(pw.question),
                flags: None,
                sets: None,
                broken: &self.broken,
            };
            let mut cps = Vec::new();
            let when = scope.parse(&pw.value, &mut cps);
            let id = self.bank.questions[pw.question].id.clone();
            let key = if pw.lever { "lever_when" } else { "when" };
            push_condition_problems(cps, ctx, (key, pw.at), &id, p);
            let q = &mut self.bank.questions[pw.question];
            *if pw.lever {
                &mut q.lever_when
            } else {
                &mut q.when
            } = when;
        }
    }

    /// The next steps of bank.yaml (`advice`), and the kit's (`kit`).
    pub(super) fn advice(
        &mut self,
        advice: Vec<RawAdvice>,
        kit: Vec<RawAdvice>,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        self.bank.advice = self.entries(&ADVICE, advice, node, ctx, p, Self::advice_entry);
        self.bank.kit = self.entries(&KIT, kit, node, ctx, p, Self::advice_entry);
    }

    /// What the advice and the rights give together, once both are built:
    /// at most [`MAX_FLAGS`] entries, and reasons that name at most
    /// [`MAX_EXPLANATION`] answers in all.
    pub(super) fn next_steps_bounded(&mut self, node: &Node, ctx: &Ctx, p: &mut Vec<Problem>) {
        let n = self.bank.advice.len();
        if n > MAX_FLAGS {
            let why = format!(
                "the bank has {} entries of advice and rights together; a bank may have at most {}",
                thousands(n),
                thousands(MAX_FLAGS)
            );
            let hint = "merge entries that say the same, or split the bank";
            let at = node.key_pos("rights").or(node.key_pos("advice"));
            p.push(ctx.problem(why, at).hint(hint));
        }
        let work = self.bank.explanation_work();
        if work > MAX_EXPLANATION {
            let (work, max) = (thousands(work), thousands(MAX_EXPLANATION));
            p.push(
                ctx.problem(
                    format!("the conditions of the advice and rights can name {work} answers and ticked options as the reasons for their next steps, more than the {max} a bank may: a test of a dimension's score names each question of the dimension, and a flag each option that raises it, in every entry that tests it"),
                    node.key_pos("advice").or(node.key_pos("rights")),
                )
                .hint("test a large dimension or a much-raised flag in fewer entries of the advice or topics of the rights, or test the answers that matter themselves"),
            );
        }
    }

    /// The `together:` entries (see "For the two of you" in
    /// docs/question-banks.md): checked like advice, with conditions on the
    /// pair.
    pub(super) fn together(
        &mut self,
        raw: Vec<RawTogether>,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let together = raw.into_iter().map(RawAdvice::from).collect();
        self.bank.together = self.entries(&TOGETHER, together, node, ctx, p, |b, a, r| {
            let ids = Ids {
                questions: &b.bank.questions,
                flags: &b.bank.flags,
                sets: &b.bank.sets,
            };
            let when = b.condition(r.entry, r.at, "when", &a.id, r.ctx, r.p, |s, w, c| {
                parse_pair(s, w, c, &ids)
            });
            TogetherEntry {
                id: a.id,
                title: a.title,
                detail: a.detail,
                priority: a.priority,
                when,
                group: a.group,
                source: a.source,
            }
        });
    }

    /// The entries under `kind.key` of bank.yaml, each checked for what
    /// every next step has (at most [`MAX_FLAGS`] of them; an id, present,
    /// well formed and not taken in the list; a title; a group that is an
    /// id; a priority from 1) and read into an advice entry without its
    /// conditions, which `make` reads, with the rest, into what the bank holds.
    pub(super) fn entries<T>(
        &mut self,
        kind: &Listed,
        raw: Vec<RawAdvice>,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
        mut make: impl FnMut(&mut Self, Advice, Read) -> T,
    ) -> Vec<T> {
        let many = format!("{} entries", kind.key);
        if raw.len() > MAX_FLAGS {
            let n = raw.len();
            let why = format!("the bank has {n} {many}; a bank may have at most {MAX_FLAGS}");
            p.push(ctx.problem(why, node.key_pos(kind.key)).hint(kind.merge));
        }
        let list = node.get(kind.key);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (n, ra) in raw.into_iter().enumerate() {
            if self.enough(p) {
                break;
            }
            let id = ra.id.unwrap_or_default();
            let (entry, at) = entry_at(list, n, "id");
            let key = |k: &str| entry.and_then(|e| e.key_pos(k)).or(at);
            let missing = || {
                ctx.problem(format!("{} has no id", kind.a_one), at)
                    .hint("add `id: …`")
            };
            if check_id(ctx, kind.key, &id, at, missing, p) && !seen.insert(id.clone()) {
                let why = format!("two {many} have the id `{id}`");
                let hint = "give each entry its own id";
                p.push(ctx.problem(why, at).id(&id).hint(hint));
            }
            let one = format!("{} entry", kind.key);
            let title = required(ra.title, "title", &one, &id, ctx, at, p);
            if let Some(g) = ra.group.as_deref().filter(|g| !is_valid_id(g)) {
                p.push(id_problem(ctx, "group", g, key("group")).id(&id));
            }
            let priority = count(
                "priority",
                ra.priority,
                1,
                DEFAULT_PRIORITY,
                "1 = most urgent",
                |m| ctx.problem(m, key("priority")).id(&id),
                p,
            );
            let advice = Advice {
                id,
                title,
                detail: ra.detail.unwrap_or_default(),
                priority,
                when: None,
                urgent_when: None,
                group: ra.group,
                source: ra.source.map(OneOrMany::into_vec).unwrap_or_default(),
                checked: None,
            };
            let read = Read {
                one,
                checked: ra.checked,
                entry,
                at,
                ctx,
                p,
            };
            out.push(make(self, advice, read));
        }
        out
    }

    /// An advice or kit entry's conditions and `checked:` date.
    fn advice_entry(&mut self, mut a: Advice, r: Read) -> Advice {
        a.when = self.condition(r.entry, r.at, "when", &a.id, r.ctx, r.p, ordinary);
        a.urgent_when = self.condition(r.entry, r.at, "urgent_when", &a.id, r.ctx, r.p, ordinary);
        let e = Entry {
            what: &r.one,
            id: &a.id,
            node: r.entry,
            at: r.at,
            must_date_pages: false,
        };
        a.checked = self.checked(r.checked.as_deref(), &a.source, e, r.ctx, r.p);
        a
    }

    /// The scope of the conditions of bank.yaml's entries: every question,
    /// flag and dimension may be named.
    pub(super) fn advice_scope(&self) -> Scope<'_> {
        Scope {
            questions: &self.bank.questions,
            question_index: &self.bank.question_index,
            before: None,
            flags: Some(&self.flag_index),
            sets: Some(&self.set_index),
            broken: &self.broken,
        }
    }

    /// The condition under `key` of `entry` (whose place is `at`), read by
    /// `parse` in the advice scope; its problems are filed under `id`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn condition<C>(
        &self,
        entry: Option<&Node>,
        at: Option<Pos>,
        key: &str,
        id: &str,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
        parse: impl FnOnce(&Scope, &Node, &mut Vec<CondProblem>) -> Option<C>,
    ) -> Option<C> {
        let w = entry.and_then(|e| e.get(key))?;
        let mut cps = Vec::new();
        let c = parse(&self.advice_scope(), w, &mut cps);
        let when_at = entry.and_then(|e| e.key_pos(key)).or(at);
        push_condition_problems(cps, ctx, (key, when_at), id, p);
        c
    }

    /// `retired:` of bank.yaml: each id an older answers file may hold,
    /// and what its answers are read as now.
    pub(super) fn retired(
        &mut self,
        raw: Vec<RawRetired>,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let list = node.get("retired");
        if raw.len() > MAX_QUESTIONS {
            let why = format!(
                "the bank retires {} ids; a bank may retire at most {MAX_QUESTIONS}, as many as it may ask",
                raw.len()
            );
            let hint =
                "remove the entries of ids no answers file written for an older version still uses";
            p.push(ctx.problem(why, node.key_pos("retired")).hint(hint));
        }
        let mut seen = HashSet::new();
        for (n, rr) in raw.into_iter().enumerate() {
            let id = rr.id.unwrap_or_default();
            let (entry, at) = entry_at(list, n, "id");
            let problem = |why: String, at| ctx.problem(why, at).id(&id);
            let hint = "add `id: …`: the question id older answers files use";
            let missing = || ctx.problem("a retired entry has no id", at).hint(hint);
            if check_id(ctx, "retired question", &id, at, missing, p) && !seen.insert(id.clone()) {
                let why = format!("`{id}` is retired twice");
                p.push(problem(why, at).hint("merge the two entries"));
            }
            let live = self.bank.question_index.get(&id).copied();
            let target = match (live, rr.replaced_by.as_deref()) {
                (Some(q), None) => Some(q),
                (Some(_), Some(_)) => {
                    let why =
                        format!("`{id}` is still a question of the bank, so nothing replaces it");
                    let hint = "drop `replaced_by`, and list under `values` how its old answers are read now";
                    p.push(problem(why, at).hint(hint));
                    None
                }
                (None, Some(r)) => match self.bank.question_index.get(r) {
                    Some(&q) => Some(q),
                    None => {
                        let why = format!(
                            "`{id}` is replaced by `{r}`, which is not a question of the bank"
                        );
                        let hint = suggestion(r, self.bank.questions.iter().map(|q| q.id.as_str()));
                        p.push(problem(why, at).hint_opt(hint));
                        None
                    }
                },
                (None, None) => None,
            };
            let written = entry
                .and_then(|e| e.get("values"))
                .map_or(&[][..], Node::items);
            let mut values = Vec::new();
            for v in written {
                let v_at = Some(v.pos).or(at);
                let from = v.get("from").and_then(crate::bank::retired_key);
                let Some(from) = from else {
                    let why = format!(
                        "a value of retired `{id}` has no `from`, or one that is not a single answer"
                    );
                    let hint = "write e.g. `{ from: true, to: considering }`";
                    p.push(problem(why, v_at).hint(hint));
                    continue;
                };
                let Some(q) = target else {
                    let why = format!(
                        "retired `{id}` lists values but has no question to read them into"
                    );
                    p.push(problem(why, at).hint("add `replaced_by: QUESTION`"));
                    break;
                };
                let q = &self.bank.questions[q];
                match v.get("to").and_then(|to| answer_for(q, to)) {
                    Some(a) => values.push((from, a)),
                    None => {
                        let to = &q.id;
                        let why = format!(
                            "retired `{id}`: the value for `{from}` is not an answer to `{to}`"
                        );
                        let hint = "`to` is an option id of a choice question, true or false, or a number in a scale's range";
                        p.push(problem(why, v_at).hint(hint));
                    }
                }
            }
            if live.is_some() && values.is_empty() {
                let why =
                    format!("`{id}` is still a question of the bank and its entry says nothing");
                let hint =
                    "list under `values` how its old answers are read now, or remove the entry";
                p.push(problem(why, at).hint(hint));
            }
            let at = self.bank.retired.len();
            self.bank.retired_index.entry(id.clone()).or_insert(at);
            self.bank.retired.push(crate::bank::model::Retired {
                id,
                target,
                live: live.is_some(),
                values,
            });
        }
    }

    pub(super) fn unused_flags(&self, ctx: &Ctx, p: &mut Vec<Problem>) {
        for (i, f) in self.bank.flags.iter().enumerate() {
            if !self.flags_raised.contains(&i) {
                let why = format!("no option raises the flag `{}`", f.id);
                let at = self.flag_pos.get(i).copied().flatten();
                let hint = "add `flag: …` to an option, or remove the flag";
                p.push(ctx.problem(why, at).id(&f.id).hint(hint).warning());
            }
        }
    }
}

/// Reads an ordinary condition (for [`Builder::condition`]).
pub(super) fn ordinary(s: &Scope, w: &Node, c: &mut Vec<CondProblem>) -> Option<Condition> {
    s.parse(w, c)
}

pub(super) fn push_condition_problems(
    cps: Vec<CondProblem>,
    ctx: &Ctx,
    (key, when_at): (&str, Option<Pos>),
    id: &str,
    p: &mut Vec<Problem>,
) {
    for cp in cps {
        let why = format!("in `{key}`: {}", cp.message);
        p.push(ctx.problem(why, cp.at.or(when_at)).id(id).hint_opt(cp.hint));
    }
}

/// A bank-given answer for question `q` (a retired value's `to`), if it
/// is one `q` takes: as a condition compares it, or one option of a multi
/// question, or a text.
fn answer_for(q: &crate::bank::model::Question, to: &Node) -> Option<crate::bank::Answer> {
    use crate::bank::{Answer, Kind};
    match (&q.kind, &to.value) {
        (Kind::Multi(_), Value::Str(s)) if q.option(s).is_some() => {
            Some(Answer::Multi(vec![s.clone()]))
        }
        (Kind::Text, Value::Str(s)) => Some(Answer::Text(s.clone())),
        _ => value_for(q, to, &mut Vec::new()),
    }
}
