//! Checking one question: the fields every question has, then its kind's
//! own (options, a scale, yes/no scores), then the options one by one.

use std::collections::HashSet;

use super::context::{Ctx, IdRule, Zero, check_id, count, plain_number, required, show, weight};
use super::dated::Entry;
use super::{Builder, MAX_NUMBER, PendingWhen};
use crate::bank::model::{
    Choice, DEFAULT_DISCUSS_PRIORITY, Interview, Kind, Prospective, Question, Scale,
};
use crate::bank::raw::*;
use crate::bank::schema::KIND_FIELDS;
use crate::error::{Problem, suggestion};
use crate::yaml::{Node, Pos};

/// The most options a question may have: far more than anyone can read,
/// and few enough that every command stays fast on a multi question with
/// all of them ticked.
pub const MAX_OPTIONS: usize = 200;

/// The most points a scale may have.
const MAX_POINTS: u128 = 101;

/// One question being checked: where it stands, its id and kind, for the
/// problems found in it.
struct At<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// The question as parsed.
    node: &'c Node,
    /// Where its id stands (else the question itself).
    at: Option<Pos>,
    id: &'c str,
    kind: &'c str,
    /// About the home two partners share.
    shared: bool,
}

impl At<'_, '_> {
    /// Where `field:` of this question stands, else where its id does.
    fn key(&self, field: &str) -> Option<Pos> {
        self.node.key_pos(field).or(self.at)
    }

    fn problem(&self, message: impl Into<String>, at: Option<Pos>) -> Problem {
        self.ctx.problem(message, at).id(self.id)
    }

    /// The fields written that do not belong to this kind of question.
    fn misplaced(&self, p: &mut Vec<Problem>) {
        let refused = KIND_FIELDS.iter().find(|k| k.0 == self.kind);
        for field in refused.map_or(&[][..], |k| k.2) {
            if self.node.get(field).is_some_and(|v| !v.is_null()) {
                p.push(
                    self.problem(
                        format!("`{field}` does not apply to a {} question", self.kind),
                        self.key(field),
                    )
                    .hint(format!("remove `{field}`, or change `kind`")),
                );
            }
        }
    }
}

impl Builder {
    pub(super) fn question(
        &mut self,
        mut rq: RawQuestion,
        set: usize,
        node: &Node,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) {
        let index = self.bank.questions.len();
        let at = Some(node.key_pos("id").unwrap_or(node.pos));
        let id = rq.id.take().unwrap_or_default();
        let problems_before = p.len();
        let fresh = check_id(
            ctx,
            IdRule::of("question"),
            &id,
            at,
            || {
                ctx.problem("a question has no id", at)
                    .hint("add `id: …` (unique across the bank)")
            },
            || {
                self.bank.question_index.get(&id).map(|&other| {
                    // The set being read is pushed after its questions.
                    let file = self
                        .bank
                        .questions
                        .get(other)
                        .and_then(|q| self.bank.sets.get(q.set))
                        .map_or(ctx.name, |s| s.file.as_str());
                    ctx.problem(
                        format!("the question id `{id}` is already used in {file}"),
                        at,
                    )
                    .id(&id)
                    .hint("question ids are unique across the whole bank; rename one")
                })
            },
            p,
        );
        if fresh {
            self.bank.question_index.insert(id.clone(), index);
        }
        let prompt = required(rq.prompt.take(), "prompt", "question", &id, ctx, at, p);
        let weight = weight(
            rq.weight,
            Zero::Refused,
            ctx,
            node.key_pos("weight").or(at),
            &id,
            p,
        );
        let kind_name = rq.kind.take().unwrap_or_default();
        // A question may opt in to (or out of) its set's `shared`.
        let shared = rq.shared.unwrap_or(self.set_shared);
        let q = At {
            ctx,
            node,
            at,
            id: &id,
            kind: &kind_name,
            shared,
        };
        let discuss = couple_fields(&rq, &q, p);
        q.misplaced(p);
        let kind = match kind_name.as_str() {
            "choice" | "multi" => {
                let opts = self.options(rq.options.take().unwrap_or_default(), &q, p);
                Some(match q.kind {
                    "choice" => Kind::Choice(opts),
                    _ => Kind::Multi(opts),
                })
            }
            "scale" => scale_kind(&mut rq, &q, p),
            "yesno" => Some(yesno_kind(&rq, &q, p)),
            "text" => Some(Kind::Text),
            "" => {
                p.push(
                    q.problem(format!("question `{id}` has no kind"), at)
                        .hint("add `kind:` with one of choice, multi, scale, yesno, text"),
                );
                None
            }
            other => {
                p.push(
                    q.problem(
                        format!("unknown kind `{}`", crate::sanitize::id(other)),
                        q.key("kind"),
                    )
                    .hint(
                        match crate::error::closest(other, KIND_FIELDS.iter().map(|k| k.0)) {
                            Some(k) => {
                                format!("did you mean `{k}`? (choice, multi, scale, yesno, text)")
                            }
                            None => "use one of choice, multi, scale, yesno, text".into(),
                        },
                    ),
                );
                None
            }
        };
        let interview = interview(rq.interview.take(), rq.listen_for.take(), &q, p);
        let prospective = rq
            .prospective
            .take()
            .and_then(|raw| prospective(raw, kind.as_ref(), interview.is_some(), &q, p));
        let source = rq.source.map(OneOrMany::into_vec).unwrap_or_default();
        let dated = Entry {
            what: "question",
            id: &id,
            node: Some(node),
            at,
            must_date_pages: false,
        };
        let checked = self.checked(rq.checked.as_deref(), &source, dated, ctx, p);
        let question = Question {
            id: id.clone(),
            set,
            prompt,
            help: rq.help,
            kind: kind.unwrap_or(Kind::Text),
            weight,
            core: rq.core.unwrap_or(false),
            lever: rq.lever.unwrap_or(true),
            lever_when: None,
            when: None,
            source,
            shared,
            discuss: discuss.0,
            discuss_priority: discuss.1,
            interview,
            prospective,
            personal: rq.personal.unwrap_or(false),
            checked,
        };
        if let Some((lo, hi)) = question.score_range()
            && hi <= lo
            && matches!(question.kind, Kind::Choice(_) | Kind::Multi(_))
        {
            p.push(
                    ctx.problem(format!("the options of `{id}` cannot differ in score (the range is {lo} to {hi})"), q.key("options"))
                        .id(&id)
                        .hint(if kind_name == "multi" {
                            "give some options a positive or negative score, or remove all scores to make it informational"
                        } else {
                            "give the options different scores, or remove all scores to make it informational"
                        }),
                );
        }
        // A fact about you is read as you gave it, never scored or asked
        // of an employer.
        if question.personal && (question.is_scored() || question.interview.is_some()) {
            p.push(
                ctx.problem(
                    format!(
                        "`personal` marks a fact about you, but `{id}` is {}",
                        if question.interview.is_some() {
                            "in the interview kit (it has `interview`)"
                        } else {
                            "scored"
                        }
                    ),
                    q.key("personal"),
                )
                .id(&id)
                .hint("mark only unscored questions about the person, not the job, or remove `personal`"),
            );
        }
        for (key, lever) in [("when", false), ("lever_when", true)] {
            if let Some(when) = node.get(key).filter(|w| !w.is_null()) {
                // Parsed once every question is known, so that a reference to a
                // later question is reported as such rather than as unknown.
                self.pending_when.push(PendingWhen {
                    question: index,
                    lever,
                    value: when.clone(),
                    file: self.file_no,
                    at: q.key(key),
                });
            }
        }
        if p[problems_before..].iter().any(|x| !x.warning) {
            self.broken.insert(index);
        }
        self.bank.questions.push(question);
    }

    fn options(&mut self, raw: Vec<RawOption>, q: &At, p: &mut Vec<Problem>) -> Vec<Choice> {
        let (ctx, qid, kind) = (q.ctx, q.id, q.kind);
        let min_options = if kind == "choice" { 2 } else { 1 };
        if raw.len() < min_options {
            p.push(
                q.problem(
                    format!(
                        "a {kind} question needs at least {min_options} options, `{qid}` has {}",
                        raw.len()
                    ),
                    q.key("options"),
                )
                .hint("add `options:` with `- { id: …, label: …, score: … }` entries"),
            );
        }
        if raw.len() > MAX_OPTIONS {
            p.push(
                q.problem(
                    format!(
                        "`{qid}` has {} options; a question may have at most {MAX_OPTIONS}",
                        raw.len()
                    ),
                    q.key("options"),
                )
                .hint("split it into several questions, or group the options"),
            );
        }
        let scored = raw.iter().filter(|o| o.score.is_some()).count();
        let mut out: Vec<Choice> = Vec::with_capacity(raw.len());
        let mut seen: HashSet<String> = HashSet::with_capacity(raw.len());
        let list = q.node.get("options");
        let mut back_at = Vec::with_capacity(raw.len());
        for (n, ro) in raw.into_iter().enumerate() {
            let oid = ro.id.unwrap_or_default();
            let entry = list.and_then(|l| l.items().get(n));
            let at = entry.map(|e| e.key_pos("id").unwrap_or(e.pos)).or(q.at);
            let tag = format!("{qid}.{oid}");
            check_id(
                ctx,
                IdRule {
                    what: "option",
                    tag: Some(&tag),
                },
                &oid,
                at,
                || {
                    ctx.problem(format!("an option of `{qid}` has no id"), at)
                        .id(qid)
                        .hint("add `id: …` to the option")
                },
                || {
                    (!seen.insert(oid.clone())).then(|| {
                        ctx.problem(format!("`{qid}` has two options with the id `{oid}`"), at)
                            .id(&tag)
                            .hint("give each option its own id")
                    })
                },
                p,
            );
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
                            format!("unknown flag `{}`", crate::sanitize::id(&f)),
                            entry.and_then(|e| e.key_pos("flag")).or(at),
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
            let key = |k: &str| entry.and_then(|e| e.key_pos(k)).or(at);
            for (field, given, has, hint) in [
                (
                    "mirror",
                    ro.mirror.is_some(),
                    "has a `mirror`",
                    "a mirror says how the partner answers the same situation; mark the set or the question `shared: true`, or remove `mirror`",
                ),
                (
                    "agrees_with",
                    ro.agrees_with.is_some(),
                    "has `agrees_with`",
                    "`agrees_with` names the partner's answers that can be true at the same time; mark the set or the question `shared: true`, or remove it",
                ),
            ] {
                if given && !q.shared {
                    p.push(
                        ctx.problem(
                            format!("option `{oid}` {has}, but `{qid}` is not about the home two partners share"),
                            key(field),
                        )
                        .id(&tag)
                        .hint(hint),
                    );
                }
            }
            back_at.push([key("mirror"), key("agrees_with")]);
            out.push(Choice {
                id: oid,
                label,
                score: ro.score.filter(|s| plain_number(*s)),
                flag,
                mirror: ro.mirror,
                agrees_with: ro.agrees_with.unwrap_or_default(),
            });
        }
        if q.shared {
            check_back(&out, &back_at, q, p);
        }
        out
    }
}

/// A `scale` question: its points, labels and keying.
fn scale_kind(rq: &mut RawQuestion, q: &At, p: &mut Vec<Problem>) -> Option<Kind> {
    let id = q.id;
    let Some(rs) = rq.scale.take() else {
        p.push(
            q.problem(format!("scale question `{id}` has no `scale`"), q.at)
                .hint("add `scale: { min: 1, max: 5 }`"),
        );
        return None;
    };
    match (rs.min, rs.max) {
        (Some(min), Some(max)) if min < max => {
            let labels = rs.labels.unwrap_or_default();
            let points = (max as i128 - min as i128 + 1) as u128;
            if !labels.is_empty() && labels.len() as u128 != points {
                p.push(
                    q.problem(
                        format!("the scale has {points} points but {} labels", labels.len()),
                        q.key("labels"),
                    )
                    .hint("give one label per point from min to max, or none"),
                );
            }
            if points > MAX_POINTS {
                p.push(
                    q.problem(format!("the scale has {points} points"), q.key("scale"))
                        .hint("use at most 101 points (e.g. 0–100)"),
                );
            }
            Some(Kind::Scale(Scale {
                min,
                max,
                labels,
                reverse: rq.reverse.unwrap_or(false),
                mirror: rq.mirror.unwrap_or(false),
            }))
        }
        (Some(min), Some(max)) => {
            p.push(
                q.problem(
                    format!("scale min {min} is not below max {max}"),
                    q.key("scale"),
                )
                .hint("make min smaller than max, e.g. `{ min: 1, max: 5 }`"),
            );
            None
        }
        _ => {
            p.push(
                q.problem("the scale needs both min and max", q.key("scale"))
                    .hint("write `scale: { min: 1, max: 5 }`"),
            );
            None
        }
    }
}

/// A `yesno` question: its scores, if any.
fn yesno_kind(rq: &RawQuestion, q: &At, p: &mut Vec<Problem>) -> Kind {
    let scores = rq
        .scores
        .as_ref()
        .map(|s| (s.yes.unwrap_or(0.0), s.no.unwrap_or(0.0)));
    if let Some((yes, no)) = scores {
        if !plain_number(yes) || !plain_number(no) {
            p.push(
                q.problem(
                    format!("a score is not a number from -{MAX_NUMBER} to {MAX_NUMBER}"),
                    q.key("scores"),
                )
                .hint("use plain numbers"),
            );
        } else if yes == no {
            p.push(
                q.problem(format!("yes and no both score {yes}, so the answer cannot change the score"), q.key("scores"))
                    .hint("give yes and no different scores, or remove `scores` to make the question informational"),
            );
        }
    }
    Kind::YesNo(scores)
}

/// Every option an option names in `mirror` or `agrees_with` is an option
/// of the same question that names it back: the partner's view of the
/// partner's view is your own, and if two answers can both be true, they
/// can from either side. `at` is where each option's two fields stand.
fn check_back(opts: &[Choice], at: &[[Option<Pos>; 2]], q: &At, p: &mut Vec<Problem>) {
    let qid = q.id;
    for (o, [mirror_at, agree_at]) in opts.iter().zip(at) {
        let tag = format!("{qid}.{}", o.id);
        let mirrors = o.mirror.iter().map(|m| (m, true, *mirror_at));
        for (m, mirror, at) in mirrors.chain(o.agrees_with.iter().map(|m| (m, false, *agree_at))) {
            let verb = if mirror { "mirrors" } else { "agrees with" };
            let problem = |why: String| {
                q.ctx
                    .problem(format!("option `{}` {verb} `{m}`, {why}", o.id), at)
                    .id(&tag)
            };
            let Some(t) = opts.iter().find(|x| &x.id == m) else {
                p.push(
                    problem(format!("which is not an option of `{qid}`")).hint_opt(
                        suggestion(m, opts.iter().map(|x| x.id.as_str()))
                            .or(Some("name an option of the same question".into())),
                    ),
                );
                continue;
            };
            let back = if mirror {
                t.id == o.id || t.mirror.as_deref() == Some(&o.id)
            } else {
                t.agrees_with.contains(&o.id)
            };
            if back {
                continue;
            }
            let give = format!("give option `{m}` `mirror: {}`", o.id);
            let (why, hint) = match (&t.mirror, mirror) {
                (_, false) => (
                    format!("but `{m}` does not agree with it back"),
                    format!("add `{}` to the `agrees_with` of option `{m}`", o.id),
                ),
                (Some(other), true) => (
                    format!("but `{m}` mirrors `{other}`: a mirror goes both ways"),
                    give,
                ),
                (None, true) => (format!("but `{m}` does not mirror it back"), give),
            };
            p.push(problem(why).hint(hint));
        }
    }
}

/// The fields that only `compare` reads: a scale's `mirror`, and what to
/// talk about (`discuss`, `discuss_priority`). Returns the last two.
fn couple_fields(rq: &RawQuestion, q: &At, p: &mut Vec<Problem>) -> (Option<String>, i64) {
    if rq.mirror == Some(true) {
        if q.kind == "choice" || q.kind == "multi" {
            p.push(
                q.problem(
                    format!("`mirror: true` is for a scale question; `{}` is a {} question", q.id, q.kind),
                    q.key("mirror"),
                )
                .hint("give each option that changes with the point of view its own `mirror: OTHER_OPTION`"),
            );
        } else if q.kind != "scale" {
            p.push(
                q.problem(
                    format!("`mirror` does not apply to a {} question", q.kind),
                    q.key("mirror"),
                )
                .hint("remove `mirror`: this answer reads the same from both partners' sides"),
            );
        } else if !q.shared {
            p.push(
                q.problem(
                    format!(
                        "`{}` has `mirror: true`, but it is not about the home two partners share",
                        q.id
                    ),
                    q.key("mirror"),
                )
                .hint("mark the set or the question `shared: true`, or remove `mirror`"),
            );
        }
    }
    if rq.discuss.is_some() && !q.shared {
        p.push(
            q.problem(
                format!("`{}` has `discuss`, which `compare` shows only for questions about the shared home", q.id),
                q.key("discuss"),
            )
            .hint("mark the set or the question `shared: true`, or remove `discuss`")
            .warning(),
        );
    }
    let priority = count(
        "discuss_priority",
        rq.discuss_priority,
        1,
        DEFAULT_DISCUSS_PRIORITY,
        "1 = talk about this first",
        |m| q.problem(m, q.key("discuss_priority")),
        p,
    );
    let discuss = rq.discuss.clone().filter(|d| !d.trim().is_empty());
    (discuss, priority)
}

/// A question's `interview:` and `listen_for:` (`mommytrack interview`): what to
/// ask a prospective employer, and what good and worrying answers sound
/// like. Empty texts, and `listen_for` with nothing to listen to, are
/// refused.
fn interview(
    ask: Option<String>,
    listen: Option<RawListenFor>,
    q: &At,
    p: &mut Vec<Problem>,
) -> Option<Interview> {
    let text = |field: &str, value: Option<String>, p: &mut Vec<Problem>| {
        let value = value?;
        if value.trim().is_empty() {
            p.push(
                q.problem(
                    format!("`{field}` is empty"),
                    q.key(field.rsplit('.').next().unwrap_or(field)),
                )
                .hint(format!("write it out, or remove `{field}`")),
            );
            return None;
        }
        Some(value)
    };
    let ask = text("interview", ask, p);
    let (good, worrying) = match listen {
        None => (None, None),
        Some(l) => {
            let good = text("listen_for.good", l.good, p);
            let worrying = text("listen_for.worrying", l.worrying, p);
            if good.is_none() && worrying.is_none() {
                p.push(
                    q.problem("`listen_for` says nothing to listen for", q.key("listen_for"))
                        .hint("give it `good:` (what a good answer sounds like) and `worrying:` (what a worrying one sounds like)"),
                );
            }
            (good, worrying)
        }
    };
    match ask {
        Some(ask) => Some(Interview {
            ask,
            good,
            worrying,
        }),
        None => {
            if good.is_some() || worrying.is_some() {
                p.push(
                    q.problem("`listen_for` needs `interview`: what to ask, so that there is an answer to listen to", q.key("listen_for"))
                        .hint("add `interview:` with what to ask or find out about a prospective employer, or remove `listen_for`"),
                );
            }
            None
        }
    }
}

/// A question's `prospective:` wording: a prompt, and labels only for
/// options and scale points the question has. It needs `interview:`: only
/// the kit's questions are asked about an employer you are considering.
fn prospective(
    raw: RawProspective,
    kind: Option<&Kind>,
    in_kit: bool,
    q: &At,
    p: &mut Vec<Problem>,
) -> Option<Prospective> {
    let node = q.node.get("prospective");
    let key = |f: &str| node.and_then(|n| n.key_pos(f)).or(q.key("prospective"));
    if !in_kit {
        p.push(
            q.problem("`prospective` needs `interview`: only the interview kit's questions are asked about an employer you are considering", q.key("prospective"))
                .hint("add `interview:` with what to ask or find out, or remove `prospective`"),
        );
    }
    let prompt = raw.prompt.filter(|t| !t.trim().is_empty());
    if prompt.is_none() {
        p.push(
            q.problem("`prospective` has no `prompt`", key("prompt"))
                .hint("add `prompt:`: the question asked about the employer you are considering"),
        );
    }
    let options = raw.options.unwrap_or_default();
    let unknown = raw.unknown.unwrap_or_default();
    if !unknown.is_empty() && !matches!(kind, Some(Kind::Choice(_))) {
        p.push(
            q.problem(format!("`prospective.unknown` does not apply to a {} question", q.kind), key("unknown"))
                .hint("remove `unknown`: only a `choice` question's options can mean \"nobody could say\""),
        );
    }
    match kind {
        Some(Kind::Choice(known) | Kind::Multi(known)) => {
            let named = options.keys().map(|id| ("options", id));
            for (field, id) in named
                .chain(unknown.iter().map(|id| ("unknown", id)))
                .filter(|(_, id)| !known.iter().any(|o| &o.id == *id))
            {
                let pos = node.and_then(|n| n.get(field)).and_then(|n| n.key_pos(id));
                p.push(
                    q.problem(format!("`prospective.{field}` names `{}`, which is not an option of this question", crate::sanitize::id(id)), pos.or(key(field)))
                        .hint(match crate::error::closest(id, known.iter().map(|o| o.id.as_str())) {
                            Some(k) => format!("did you mean `{k}`?"),
                            None => "name an option `id` of this question".into(),
                        }),
                );
            }
        }
        _ if !options.is_empty() => p.push(
            q.problem(
                format!(
                    "`prospective.options` does not apply to a {} question",
                    q.kind
                ),
                key("options"),
            )
            .hint("remove `options`, or change `kind`"),
        ),
        _ => {}
    }
    let labels = raw.labels.unwrap_or_default();
    match kind {
        Some(Kind::Scale(s)) if !labels.is_empty() && labels.len() != s.labels.len() => p.push(
            q.problem(
                format!(
                    "`prospective.labels` has {} labels, but the scale has {}",
                    labels.len(),
                    s.labels.len()
                ),
                key("labels"),
            )
            .hint("give one label per point, as `scale.labels` does"),
        ),
        Some(Kind::Scale(_)) | None => {}
        _ if !labels.is_empty() => p.push(
            q.problem(
                format!(
                    "`prospective.labels` does not apply to a {} question",
                    q.kind
                ),
                key("labels"),
            )
            .hint("remove `labels`: they are for a scale's points"),
        ),
        _ => {}
    }
    Some(Prospective {
        prompt: prompt?,
        help: raw.help.filter(|t| !t.trim().is_empty()),
        options: options.into_iter().collect(),
        labels,
        unknown,
    })
}
