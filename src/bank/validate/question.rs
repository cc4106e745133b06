//! Checking one question and its options, by kind.

use std::collections::HashSet;

use super::context::{Ctx, id_problem, is_valid_id, plain_number, positive_weight, required, show};
use super::{Builder, MAX_NUMBER, PendingWhen};
use crate::bank::model::{Choice, Kind, Question, Scale};
use crate::bank::raw::*;
use crate::error::{Problem, suggestion};

const KINDS: &[&str] = &["choice", "multi", "scale", "yesno", "text"];

impl Builder {
    pub(super) fn question(
        &mut self,
        rq: RawQuestion,
        set: usize,
        at_off: usize,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let index = self.questions.len();
        let at = Some(at_off);
        let id = rq.id.clone().unwrap_or_default();
        let problems_before = p.len();
        if id.is_empty() {
            p.push(
                ctx.problem("a question has no id", at)
                    .hint("add `id: …` (unique across the bank)"),
            );
        } else if !is_valid_id(&id) {
            p.push(id_problem(ctx, "question", &id, at));
        } else if let Some(file) = self.question_file.get(&id) {
            p.push(
                ctx.problem(
                    format!("the question id `{id}` is already used in {file}"),
                    at,
                )
                .id(&id)
                .hint("question ids are unique across the whole bank; rename one"),
            );
        } else {
            self.question_file.insert(id.clone(), ctx.name.to_string());
            self.question_index.insert(id.clone(), index);
        }
        let prompt = required(rq.prompt, "prompt", "question", &id, ctx, at, p);
        let weight = positive_weight(rq.weight, ctx, || ctx.key("weight", at_off), &id, p);
        let kind_at = || ctx.key("kind", at_off);
        let kind_name = rq.kind.clone().unwrap_or_default();
        let misplaced = |field: &str, present: bool, p: &mut Vec<Problem>| {
            if present {
                p.push(
                    ctx.problem(
                        format!("`{field}` does not apply to a {kind_name} question"),
                        ctx.key(field, at_off),
                    )
                    .id(&id)
                    .hint(format!("remove `{field}`, or change `kind`")),
                );
            }
        };
        let kind = match kind_name.as_str() {
            "choice" | "multi" => {
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                let opts = self.options(
                    rq.options.unwrap_or_default(),
                    &kind_name,
                    &id,
                    at_off,
                    ctx,
                    p,
                );
                if kind_name == "choice" {
                    Some(Kind::Choice(opts))
                } else {
                    Some(Kind::Multi(opts))
                }
            }
            "scale" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                let scale_at = || ctx.key("scale", at_off);
                match rq.scale {
                    None => {
                        p.push(
                            ctx.problem(format!("scale question `{id}` has no `scale`"), at)
                                .id(&id)
                                .hint("add `scale: { min: 1, max: 5 }`"),
                        );
                        None
                    }
                    Some(rs) => match (rs.min, rs.max) {
                        (Some(min), Some(max)) if min < max => {
                            let labels = rs.labels.unwrap_or_default();
                            let points = (max as i128 - min as i128 + 1) as u128;
                            if !labels.is_empty() && labels.len() as u128 != points {
                                p.push(
                                    ctx.problem(
                                        format!(
                                            "the scale has {points} points but {} labels",
                                            labels.len()
                                        ),
                                        ctx.key("labels", at_off),
                                    )
                                    .id(&id)
                                    .hint("give one label per point from min to max, or none"),
                                );
                            }
                            if points > 101 {
                                p.push(
                                    ctx.problem(
                                        format!("the scale has {points} points"),
                                        scale_at(),
                                    )
                                    .id(&id)
                                    .hint("use at most 101 points (e.g. 0–100)"),
                                );
                            }
                            Some(Kind::Scale(Scale {
                                min,
                                max,
                                labels,
                                reverse: rq.reverse.unwrap_or(false),
                            }))
                        }
                        (Some(min), Some(max)) => {
                            p.push(
                                ctx.problem(
                                    format!("scale min {min} is not below max {max}"),
                                    scale_at(),
                                )
                                .id(&id)
                                .hint("make min smaller than max, e.g. `{ min: 1, max: 5 }`"),
                            );
                            None
                        }
                        _ => {
                            p.push(
                                ctx.problem("the scale needs both min and max", scale_at())
                                    .id(&id)
                                    .hint("write `scale: { min: 1, max: 5 }`"),
                            );
                            None
                        }
                    },
                }
            }
            "yesno" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                let scores = rq
                    .scores
                    .map(|s| (s.yes.unwrap_or(0.0), s.no.unwrap_or(0.0)));
                if let Some((yes, no)) = scores {
                    let at = || ctx.key("scores", at_off);
                    if !plain_number(yes) || !plain_number(no) {
                        p.push(
                            ctx.problem(
                                format!(
                                    "a score is not a number from -{MAX_NUMBER} to {MAX_NUMBER}"
                                ),
                                at(),
                            )
                            .id(&id)
                            .hint("use plain numbers"),
                        );
                    } else if yes == no {
                        p.push(
                            ctx.problem(format!("yes and no both score {yes}, so the answer cannot change the score"), at())
                                .id(&id)
                                .hint("give yes and no different scores, or remove `scores` to make the question informational"),
                        );
                    }
                }
                Some(Kind::YesNo(scores))
            }
            "text" => {
                misplaced("options", rq.options.is_some(), p);
                misplaced("scale", rq.scale.is_some(), p);
                misplaced("reverse", rq.reverse.is_some(), p);
                misplaced("scores", rq.scores.is_some(), p);
                Some(Kind::Text)
            }
            "" => {
                p.push(
                    ctx.problem(format!("question `{id}` has no kind"), at)
                        .id(&id)
                        .hint("add `kind:` with one of choice, multi, scale, yesno, text"),
                );
                None
            }
            other => {
                p.push(
                    ctx.problem(format!("unknown kind `{other}`"), kind_at())
                        .id(&id)
                        .hint(match crate::error::closest(other, KINDS.iter().copied()) {
                            Some(k) => {
                                format!("did you mean `{k}`? (choice, multi, scale, yesno, text)")
                            }
                            None => "use one of choice, multi, scale, yesno, text".into(),
                        }),
                );
                None
            }
        };
        let question = Question {
            id: id.clone(),
            set,
            prompt,
            help: rq.help,
            kind: kind.unwrap_or(Kind::Text),
            weight,
            core: rq.core.unwrap_or(false),
            when: None,
            source: rq.source.map(OneOrMany::into_vec).unwrap_or_default(),
        };
        if let Some((lo, hi)) = question.score_range() {
            if hi <= lo && matches!(question.kind, Kind::Choice(_) | Kind::Multi(_)) {
                p.push(
                    ctx.problem(format!("the options of `{id}` cannot differ in score (the range is {lo} to {hi})"), ctx.key("options", at_off))
                        .id(&id)
                        .hint(if kind_name == "multi" {
                            "give some options a positive or negative score, or remove all scores to make it informational"
                        } else {
                            "give the options different scores, or remove all scores to make it informational"
                        }),
                );
            }
        }
        if let Some(when) = rq.when {
            // Parsed once every question is known, so that a reference to a
            // later question is reported as such rather than as unknown.
            self.pending_when.push(PendingWhen {
                question: index,
                value: when,
                file: self.file_no,
                at: ctx.key("when", at_off).unwrap_or(at_off),
            });
        }
        if p[problems_before..].iter().any(|x| !x.warning) {
            self.broken.insert(index);
        }
        self.questions.push(question);
    }

    fn options(
        &mut self,
        raw: Vec<RawOption>,
        kind: &str,
        qid: &str,
        q_at: usize,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) -> Vec<Choice> {
        let min_options = if kind == "choice" { 2 } else { 1 };
        if raw.len() < min_options {
            p.push(
                ctx.problem(
                    format!(
                        "a {kind} question needs at least {min_options} options, `{qid}` has {}",
                        raw.len()
                    ),
                    ctx.key("options", q_at),
                )
                .id(qid)
                .hint("add `options:` with `- { id: …, label: …, score: … }` entries"),
            );
        }
        let scored = raw.iter().filter(|o| o.score.is_some()).count();
        let mut out: Vec<Choice> = Vec::with_capacity(raw.len());
        let mut seen: HashSet<String> = HashSet::with_capacity(raw.len());
        let mut cursor = q_at;
        for ro in raw {
            let oid = ro.id.unwrap_or_default();
            let at = if oid.is_empty() {
                Some(cursor)
            } else {
                ctx.id_at("id", &oid, cursor + 1).or(Some(cursor))
            };
            cursor = at.unwrap_or(cursor);
            let tag = format!("{qid}.{oid}");
            if oid.is_empty() {
                p.push(
                    ctx.problem(format!("an option of `{qid}` has no id"), at)
                        .id(qid)
                        .hint("add `id: …` to the option"),
                );
            } else if !is_valid_id(&oid) {
                p.push(id_problem(ctx, "option", &oid, at).id(&tag));
            } else if !seen.insert(oid.clone()) {
                p.push(
                    ctx.problem(format!("`{qid}` has two options with the id `{oid}`"), at)
                        .id(&tag)
                        .hint("give each option its own id"),
                );
            }
            let label = required(ro.label, "label", "option", &tag, ctx, at, p);
            if let Some(s) = ro.score {
                if !plain_number(s) {
                    p.push(
                        ctx.problem(
                            format!(
                                "score {} is not a number from -{MAX_NUMBER} to {MAX_NUMBER}",
                                show(s)
                            ),
                            at,
                        )
                        .id(&tag)
                        .hint("use a plain number"),
                    );
                }
            } else if scored > 0 {
                p.push(
                    ctx.problem(format!("option `{oid}` has no score while other options of `{qid}` do; it counts as 0"), at)
                        .id(&tag)
                        .hint("write `score: 0` to say so")
                        .warning(),
                );
            }
            let flag = ro.flag.and_then(|f| match self.flag_index.get(&f) {
                Some(&i) => {
                    self.flags_raised.insert(i);
                    Some(i)
                }
                None => {
                    p.push(
                        ctx.problem(
                            format!("unknown flag `{f}`"),
                            ctx.loc.key_value("flag", &f, cursor).or(at),
                        )
                        .id(&tag)
                        .hint_opt(
                            suggestion(&f, self.flag_index.keys().map(String::as_str))
                                .or(Some("declare it under `flags:` in bank.yaml".into())),
                        ),
                    );
                    None
                }
            });
            out.push(Choice {
                id: oid,
                label,
                score: ro.score.filter(|s| plain_number(*s)),
                flag,
            });
        }
        out
    }
}
