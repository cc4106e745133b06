//! Conditions (docs/question-banks.md, "Conditions"): parsing them from YAML, checking
//! them against the bank and evaluating them (which answers made one hold
//! is in `reasons`).

use std::collections::{HashMap, HashSet};

use super::answer::Answer;
use super::model::{Kind, Question};
use super::reasons::{Reasons, Spans};
use crate::error::{join_ticked, suggestion};
pub use crate::yaml::describe;
use crate::yaml::{Node, Pos, Value, as_integer, as_yes_no};

/// A checked condition; every reference is an index into the bank.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Answer { question: usize, test: Test },
    Flag(usize),
    Dimension { set: usize, bounds: Bounds },
    Overall(Bounds),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Is(Answer),
    In(Vec<Answer>),
    Includes(String),
    Answered(bool),
}

/// `below` and `at_least`; at least one is set, and both must hold.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    pub below: Option<f64>,
    pub at_least: Option<f64>,
}

impl Bounds {
    fn holds(&self, score: f64) -> bool {
        self.below.is_none_or(|b| score < b) && self.at_least.is_none_or(|a| score >= a)
    }
}

/// What a condition is evaluated against.
pub trait Facts {
    /// The answer of question `q`, if it was asked and answered.
    fn answer(&self, q: usize) -> Option<&Answer>;
    fn flag_raised(&self, _flag: usize) -> bool {
        false
    }
    /// Whether question `q` was asked: an unasked question is never a
    /// reason, not even for "not answered".
    fn asked(&self, q: usize) -> bool {
        self.answer(q).is_some()
    }
    /// Whether question `q` is scored (its answer is evidence, not context).
    fn is_scored(&self, _q: usize) -> bool {
        false
    }
    /// Whether question `q` belongs to a profile set: a set with no scored
    /// question at all, such as "About you" (where you work, how you became
    /// a parent). Such answers only decide what applies.
    fn is_profile(&self, _q: usize) -> bool {
        false
    }
    /// Adds the questions (and, for multi questions, the options) that
    /// raised a flag.
    fn flag_reasons(&self, _flag: usize, _out: &mut Reasons) {}
    fn dimension_score(&self, _set: usize) -> Option<f64> {
        None
    }
    fn overall_score(&self) -> Option<f64> {
        None
    }
    /// Adds the answered questions of `set` whose own score lies within
    /// `spans` (the bounds that put the dimension's score there) and, for
    /// multi questions among them, the ticked options that pull that way.
    fn dimension_reasons(&self, _set: usize, _spans: &Spans, _out: &mut Reasons) {}
}

impl Condition {
    pub fn holds(&self, facts: &impl Facts) -> bool {
        match self {
            Condition::Answer { question, test } => {
                let answer = facts.answer(*question);
                match test {
                    Test::Answered(want) => answer.is_some() == *want,
                    Test::Is(v) => answer == Some(v),
                    Test::In(vs) => answer.is_some_and(|a| vs.contains(a)),
                    Test::Includes(opt) => {
                        matches!(answer, Some(Answer::Multi(sel)) if sel.iter().any(|s| s == opt))
                    }
                }
            }
            Condition::Flag(f) => facts.flag_raised(*f),
            Condition::Dimension { set, bounds } => {
                facts.dimension_score(*set).is_some_and(|s| bounds.holds(s))
            }
            Condition::Overall(bounds) => facts.overall_score().is_some_and(|s| bounds.holds(s)),
            Condition::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(facts)),
            Condition::Not(c) => !c.holds(facts),
        }
    }

    /// The most work deciding this condition can take: one for each test
    /// and form, and what a test may look through (the values an `in`
    /// lists; the options of the question an `includes` looks in). The unit
    /// the lever and settled-verdict searches budget, and rescoring.
    pub fn work(&self, bank: &super::Bank) -> usize {
        match self {
            Condition::Answer { question, test } => {
                1 + match test {
                    Test::In(vs) => vs.len(),
                    Test::Includes(_) => bank.questions[*question].kind.options().len(),
                    Test::Is(_) | Test::Answered(_) => 0,
                }
            }
            Condition::All(cs) | Condition::Any(cs) => {
                1 + cs.iter().map(|c| c.work(bank)).sum::<usize>()
            }
            Condition::Not(c) => 1 + c.work(bank),
            Condition::Flag(_) | Condition::Dimension { .. } | Condition::Overall(_) => 1,
        }
    }

    /// The dimensions (`sets`) and flags whose scores this condition names.
    pub fn scores_named(&self, sets: &mut Vec<usize>, flags: &mut Vec<usize>) {
        match self {
            Condition::Dimension { set, .. } => sets.push(*set),
            Condition::Flag(f) => flags.push(*f),
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.scores_named(sets, flags))
            }
            Condition::Not(c) => c.scores_named(sets, flags),
            Condition::Answer { .. } | Condition::Overall(_) => {}
        }
    }

    /// Every question this condition names.
    pub fn referenced_questions(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Answer { question, .. } => out.push(*question),
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.referenced_questions(out))
            }
            Condition::Not(c) => c.referenced_questions(out),
            Condition::Flag(_) | Condition::Dimension { .. } | Condition::Overall(_) => {}
        }
    }
}

/// A problem found while parsing a condition, and where it stands (the
/// key or value it is about), when known.
#[derive(Debug, Clone, PartialEq)]
pub struct CondProblem {
    pub message: String,
    pub hint: Option<String>,
    pub at: Option<Pos>,
}

/// The names a condition may refer to.
pub struct Scope<'a> {
    pub questions: &'a [Question],
    pub question_index: &'a HashMap<String, usize>,
    /// Questions at or after this index may not be named (a question's own
    /// `when`); `None` for advice.
    pub before: Option<usize>,
    /// `None` where flags may not be named (a question's `when`).
    pub flags: Option<&'a HashMap<String, usize>>,
    pub sets: Option<&'a HashMap<String, usize>>,
    /// Questions whose own definition failed: a condition naming one is
    /// not checked further (its problem is already reported).
    pub broken: &'a HashSet<usize>,
}

/// The grammar of ordinary conditions: each form, and the keys it may have.
const FORMS: Grammar = Grammar {
    forms: &[
        ("answer", &["answer", "is", "in", "includes", "answered"]),
        ("flag", &["flag"]),
        ("dimension", &["dimension", "below", "at_least"]),
        ("overall", &["overall"]),
        ("all", &["all"]),
        ("any", &["any"]),
        ("not", &["not"]),
    ],
    what: "a condition",
    example: "`{ answer: some_question, is: some_option }`",
};

/// Keys that only a condition on two people has (see `together`).
const PAIR_KEYS: &[&str] = &["both", "either", "one", "other", "differ"];

/// A grammar of conditions: the forms a condition may take, each with the
/// keys it may have. Ordinary conditions and conditions on two people
/// (`together`) are read by the same steps over their own tables.
pub(super) struct Grammar {
    pub(super) forms: &'static [(&'static str, &'static [&'static str])],
    /// What the grammar reads, for "… needs one of".
    pub(super) what: &'static str,
    /// An example, for a condition that is not a mapping.
    pub(super) example: &'static str,
}

impl Grammar {
    /// The form `map` takes: a mapping of names with exactly one form and
    /// only that form's keys. `misplaced`, given the keys and the forms
    /// found, names a key that belongs to the other grammar. Otherwise the
    /// problem is pushed and there is no form.
    pub(super) fn form<'n>(
        &self,
        map: &'n Node,
        problems: &mut Vec<CondProblem>,
        misplaced: impl FnOnce(&[&'n str], &[&'n str]) -> Option<CondProblem>,
    ) -> Option<&'n str> {
        let Value::Map(entries) = &map.value else {
            let why = format!("a condition must be a mapping, found {}", describe(map));
            let hint = format!("write e.g. {}", self.example);
            problems.push(problem(why, Some(hint), Some(map.pos)));
            return None;
        };
        if let Some((k, _)) = entries.iter().find(|(k, _)| k.as_str().is_none()) {
            let why = format!("a condition key must be a name, found {}", describe(k));
            problems.push(problem(why, None, Some(k.pos)));
            return None;
        }
        let keys: Vec<&str> = entries.iter().filter_map(|(k, _)| k.as_str()).collect();
        // Where a key of this condition stands.
        let key = |k: &str| map.key_pos(k);
        let names = || self.forms.iter().map(|(f, _)| *f);
        let found: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| names().any(|f| f == *k))
            .collect();
        if let Some(p) = misplaced(&keys, &found) {
            problems.push(p);
            return None;
        }
        let form = match found.as_slice() {
            [one] => *one,
            [] => {
                let first = keys.first().copied().unwrap_or("");
                let why = format!(
                    "{} needs one of {}",
                    self.what,
                    join_ticked(&names().collect::<Vec<_>>())
                );
                let at = key(first).or(Some(map.pos));
                problems.push(problem(why, suggestion(first, names()), at));
                return None;
            }
            many => {
                let many_ticked: Vec<String> = many.iter().map(|f| format!("`{f}`")).collect();
                let why = format!(
                    "a condition has one form, found {}; combine them with `all:` or `any:`",
                    many_ticked.join(" and ")
                );
                problems.push(problem(why, None, key(many[1])));
                return None;
            }
        };
        let allowed = self
            .forms
            .iter()
            .find(|(f, _)| *f == form)
            .map_or(&[][..], |(_, allowed)| allowed);
        for k in &keys {
            if !allowed.contains(k) {
                let shown = crate::sanitize::id(k);
                let why = format!("unknown key `{shown}` in a `{form}` condition");
                problems.push(problem(why, suggestion(k, allowed.iter().copied()), key(k)));
            }
        }
        Some(form)
    }
}

/// The conditions of an `all:` or `any:` list, each read by `parse`; none
/// unless every one reads.
pub(super) fn list<C>(
    map: &Node,
    form: &str,
    problems: &mut Vec<CondProblem>,
    mut parse: impl FnMut(&Node, &mut Vec<CondProblem>) -> Option<C>,
) -> Option<Vec<C>> {
    let Some(Node {
        value: Value::Seq(items),
        ..
    }) = map.get(form)
    else {
        let hint = format!("write `{form}: [ {{ … }}, {{ … }} ]`");
        let why = format!("`{form}` takes a list of conditions");
        problems.push(problem(why, Some(hint), map.key_pos(form)));
        return None;
    };
    if items.is_empty() {
        let why = format!("`{form}` has an empty list");
        let hint = "give it at least one condition, or remove it";
        problems.push(problem(why, Some(hint.into()), map.key_pos(form)));
        return None;
    }
    let before = problems.len();
    let parsed: Vec<C> = items.iter().filter_map(|c| parse(c, problems)).collect();
    (problems.len() == before).then_some(parsed)
}

impl Scope<'_> {
    /// Parses and checks a condition, pushing every problem found.
    pub fn parse(&self, map: &Node, problems: &mut Vec<CondProblem>) -> Option<Condition> {
        let form = FORMS.form(map, problems, |keys, found| {
            let pair = keys.iter().find(|k| PAIR_KEYS.contains(k))?;
            found.is_empty().then(|| {
                let inside = if self.before.is_some() || self.flags.is_none() {
                    ""
                } else {
                    " (or inside one, at the level of the pair)"
                };
                let why = format!(
                    "`{pair}` reads two people's answers, so it only works in the `when` of a `together:` entry in bank.yaml{inside}"
                );
                let hint = "here, test one person's answers: `{ answer: …, is: … }`, `{ flag: … }`";
                problem(why, Some(hint.into()), map.key_pos(pair))
            })
        })?;
        let key = |k: &str| map.key_pos(k);
        let get = |k: &str| map.get(k);
        match form {
            "answer" => self.parse_answer(map, problems),
            "flag" => {
                let Some(flags) = self.flags else {
                    let why = "a question's `when` cannot test a flag (flags are known only after all answers)";
                    let hint = "test the answer that raises the flag instead";
                    problems.push(problem(why.into(), Some(hint.into()), key("flag")));
                    return None;
                };
                let name = self.name(map, "flag", problems)?;
                let flag = flags.get(name).copied();
                if flag.is_none() {
                    let why = format!("unknown flag `{}`", crate::sanitize::id(name));
                    let hint = suggestion(name, flags.keys().map(String::as_str));
                    problems.push(problem(why, hint, key("flag")));
                }
                flag.map(Condition::Flag)
            }
            "dimension" => {
                let Some(sets) = self.sets else {
                    let why = "a question's `when` cannot test a dimension score";
                    let hint = "test an earlier answer instead";
                    problems.push(problem(why.into(), Some(hint.into()), key("dimension")));
                    return None;
                };
                let name = self.name(map, "dimension", problems)?;
                let set = sets.get(name).copied();
                if set.is_none() {
                    let why = format!("unknown dimension `{}`", crate::sanitize::id(name));
                    let hint = suggestion(name, sets.keys().map(String::as_str));
                    problems.push(problem(why, hint, key("dimension")));
                }
                let bounds = parse_bounds(map, "dimension", problems)?;
                Some(Condition::Dimension { set: set?, bounds })
            }
            "overall" => {
                if self.sets.is_none() {
                    let why = "a question's `when` cannot test the overall score";
                    let hint = "test an earlier answer instead";
                    problems.push(problem(why.into(), Some(hint.into()), key("overall")));
                    return None;
                }
                let inner = match get("overall") {
                    Some(
                        inner @ Node {
                            value: Value::Map(entries),
                            ..
                        },
                    ) => {
                        for (k, _) in entries {
                            let name = k.as_str().unwrap_or("?");
                            if name != "below" && name != "at_least" {
                                let shown = crate::sanitize::id(name);
                                let why = format!("unknown key `{shown}` in `overall`");
                                let hint = suggestion(name, ["below", "at_least"]);
                                problems.push(problem(why, hint, Some(k.pos)));
                            }
                        }
                        inner
                    }
                    _ => {
                        let hint = "write `overall: { below: 45 }` or `overall: { at_least: 70 }`";
                        let why = "`overall` takes a mapping".into();
                        problems.push(problem(why, Some(hint.into()), key("overall")));
                        return None;
                    }
                };
                let bounds = parse_bounds(inner, "overall", problems)?;
                Some(Condition::Overall(bounds))
            }
            "all" | "any" => {
                let parsed = list(map, form, problems, |c, p| self.parse(c, p))?;
                Some(if form == "all" {
                    Condition::All(parsed)
                } else {
                    Condition::Any(parsed)
                })
            }
            "not" => {
                let inner = get("not")?;
                Some(Condition::Not(Box::new(self.parse(inner, problems)?)))
            }
            _ => None,
        }
    }

    /// The id that `key` of `map` names.
    fn name<'v>(
        &self,
        map: &'v Node,
        key: &str,
        problems: &mut Vec<CondProblem>,
    ) -> Option<&'v str> {
        match map.get(key) {
            Some(Node {
                value: Value::Str(s),
                ..
            }) => Some(s),
            other => {
                let found = other.map_or("nothing".into(), describe);
                let why = format!("`{key}` takes an id, found {found}");
                problems.push(problem(why, None, map.key_pos(key)));
                None
            }
        }
    }

    fn parse_answer(&self, map: &Node, problems: &mut Vec<CondProblem>) -> Option<Condition> {
        let id = self.name(map, "answer", problems)?;
        let answer_at = map.key_pos("answer");
        let Some(&q) = self.question_index.get(id) else {
            let candidates = self
                .question_index
                .iter()
                .filter(|(_, i)| self.before.is_none_or(|b| **i < b))
                .map(|(k, _)| k.as_str());
            let why = format!("unknown question `{}`", crate::sanitize::id(id));
            problems.push(problem(why, suggestion(id, candidates), answer_at));
            return None;
        };
        if let Some(before) = self.before
            && q >= before
        {
            let message = if q == before {
                format!("`{id}` is this very question; a question cannot depend on its own answer")
            } else {
                format!("`{id}` is asked after this question, so its answer is not known yet")
            };
            let hint = "a `when` may only name questions that come before it (in file order, files in name order); move one of the two";
            problems.push(problem(message, Some(hint.into()), answer_at));
            return None;
        }
        if self.broken.contains(&q) {
            return None;
        }
        let question = &self.questions[q];
        let tests: Vec<&str> = ["is", "in", "includes", "answered"]
            .into_iter()
            .filter(|k| map.entry(k).is_some())
            .collect();
        let test_key = match tests.as_slice() {
            [one] => *one,
            [] => {
                let why = format!("the condition on `{id}` says nothing about its answer");
                let hint = "add one of `is:`, `in:`, `includes:` or `answered:`";
                problems.push(problem(why, Some(hint.into()), answer_at));
                return None;
            }
            _ => {
                let tests = tests.join(", ");
                let why = format!("the condition on `{id}` has more than one test ({tests})");
                let hint = "keep one; combine several with `all:` or `any:`";
                problems.push(problem(why, Some(hint.into()), answer_at));
                return None;
            }
        };
        let v = map.get(test_key)?;
        let near = map.key_pos(test_key);
        let test = match test_key {
            "answered" => match v.value {
                Value::Bool(b) => Test::Answered(b),
                _ => {
                    let why = format!("`answered` takes true or false, found {}", describe(v));
                    problems.push(problem(why, None, near));
                    return None;
                }
            },
            "includes" => {
                let Kind::Multi(opts) = &question.kind else {
                    let kind = question.kind.name();
                    let why = format!(
                        "`includes` tests a multi question, but `{id}` is a {kind} question"
                    );
                    let hint = format!("use `is:` or `in:` with `{id}`");
                    problems.push(problem(why, Some(hint), near));
                    return None;
                };
                let Value::Str(opt) = &v.value else {
                    let why = format!("`includes` takes an option id, found {}", describe(v));
                    problems.push(problem(why, None, near));
                    return None;
                };
                if !opts.iter().any(|o| &o.id == opt) {
                    let why = format!("`{id}` has no option `{}`", crate::sanitize::id(opt));
                    let hint = suggestion(opt, opts.iter().map(|o| o.id.as_str()));
                    problems.push(problem(why, hint, near));
                    return None;
                }
                Test::Includes(opt.clone())
            }
            "is" => Test::Is(value_for(question, v, problems)?),
            _ => {
                let Value::Seq(items) = &v.value else {
                    let why = format!("`in` takes a list, found {}", describe(v));
                    problems.push(problem(why, Some("write `in: [a, b]`".into()), near));
                    return None;
                };
                let before = problems.len();
                let vals: Vec<Answer> = items
                    .iter()
                    .filter_map(|i| value_for(question, i, problems))
                    .collect();
                if problems.len() > before {
                    return None;
                }
                Test::In(vals)
            }
        };
        Some(Condition::Answer { question: q, test })
    }
}

/// Converts a condition's value (or a retired answer's `to`) to the answer
/// it stands for, checking it fits the question: an option of a choice, a
/// truth value, a point of a scale.
pub(super) fn value_for(q: &Question, v: &Node, problems: &mut Vec<CondProblem>) -> Option<Answer> {
    let (id, given) = (&q.id, describe(v));
    let result: Result<(), (String, Option<String>)> = match &q.kind {
        Kind::Choice(opts) => match &v.value {
            Value::Str(s) if opts.iter().any(|o| &o.id == s) => {
                return Some(Answer::Choice(s.clone()));
            }
            Value::Str(s) => Err((
                format!("`{id}` has no option `{}`", crate::sanitize::id(s)),
                suggestion(s, opts.iter().map(|o| o.id.as_str())),
            )),
            _ => Err((
                format!("`{id}` is a choice question: compare it with an option id, not {given}"),
                suggestion("", opts.iter().map(|o| o.id.as_str())),
            )),
        },
        Kind::YesNo(_) => match as_yes_no(v) {
            Some(b) => return Some(Answer::YesNo(b)),
            None => Err((
                format!("`{id}` is a yes/no question: compare it with true or false, not {given}"),
                None,
            )),
        },
        Kind::Scale(s) => {
            let range = Some(format!("use a whole number from {} to {}", s.min, s.max));
            match as_integer(v) {
                Some(x) if (s.min..=s.max).contains(&x) => return Some(Answer::Scale(x)),
                Some(x) => Err((format!("{x} is outside the scale of `{id}`"), range)),
                None => Err((
                    format!(
                        "`{id}` is a scale question: compare it with a whole number, not {given}"
                    ),
                    range,
                )),
            }
        }
        Kind::Multi(_) => Err((
            format!("`{id}` is a multi question: `is` and `in` do not apply"),
            Some("use `includes: OPTION`".into()),
        )),
        Kind::Text => Err((
            format!("`{id}` is a text question: `is` and `in` do not apply"),
            Some("use `answered: true`".into()),
        )),
    };
    let (message, hint) = result.err()?;
    problems.push(problem(message, hint, Some(v.pos)));
    None
}

/// The `below` and `at_least` of `map`.
fn parse_bounds(map: &Node, form: &str, problems: &mut Vec<CondProblem>) -> Option<Bounds> {
    let mut ok = true;
    let mut num = |key: &str| -> Option<f64> {
        let v = map.get(key)?;
        match v.as_f64().filter(|n| n.is_finite()) {
            Some(n) => Some(n),
            None => {
                let why = format!("`{key}` takes a number, found {}", describe(v));
                let hint = Some("use a score from 0 to 100".into());
                problems.push(problem(why, hint, map.key_pos(key)));
                ok = false;
                None
            }
        }
    };
    let bounds = Bounds {
        below: num("below"),
        at_least: num("at_least"),
    };
    if !ok {
        return None;
    }
    if bounds.below.is_none() && bounds.at_least.is_none() {
        let why = format!("a `{form}` condition needs `below:` or `at_least:`");
        let hint = format!("write e.g. `{{ {form}: …, below: 40 }}`");
        problems.push(problem(why, Some(hint), map.key_pos(form)));
        return None;
    }
    Some(bounds)
}

pub(super) fn problem(message: String, hint: Option<String>, at: Option<Pos>) -> CondProblem {
    CondProblem { message, hint, at }
}
