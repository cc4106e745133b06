//! Checking one question: the fields every question has, then its kind's
//! own (options, a scale, yes/no scores), then the options one by one.

use std::collections::HashSet;

use super::context::{
    Ctx, Zero, check_id, count, id_problem, is_valid_id, plain_number, required, show, weight,
};
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
                let why = format!("`{field}` does not apply to a {} question", self.kind);
                let hint = format!("remove `{field}`, or change `kind`");
                p.push(self.problem(why, self.key(field)).hint(hint));
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
        let missing = || {
            ctx.problem("a question has no id", at)
                .hint("add `id: …` (unique across the bank)")
        };
        if check_id(ctx, "question", &id, at, missing, p) {
            match self.bank.question_index.get(&id) {
                Some(&other) => {
                    // The set being read is pushed after its questions.
                    let set =
                        (self.bank.questions.get(other)).and_then(|q| self.bank.sets.get(q.set));
                    let file = set.map_or(ctx.name, |s| s.file.as_str());
                    let why = format!("the question id `{id}` is already used in {file}");
                    let hint = "question ids are unique across the whole bank; rename one";
                    p.push(ctx.problem(why, at).id(&id).hint(hint));
                }
                None => {
                    self.bank.question_index.insert(id.clone(), index);
                }
            }
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
                let hint = "add `kind:` with one of choice, multi, scale, yesno, text";
                let why = format!("question `{id}` has no kind");
                p.push(q.problem(why, at).hint(hint));
                None
            }
            other => {
                let why = format!("unknown kind `{}`", crate::sanitize::id(other));
                let hint = match crate::error::closest(other, KIND_FIELDS.iter().map(|k| k.0)) {
                    Some(k) => format!("did you mean `{k}`? (choice, multi, scale, yesno, text)"),
                    None => "use one of choice, multi, scale, yesno, text".into(),
                };
                p.push(q.problem(why, q.key("kind")).hint(hint));
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
            let why =
                format!("the options of `{id}` cannot differ in score (the range is {lo} to {hi})");
            let hint = if kind_name == "multi" {
                "give some options a positive or negative score, or remove all scores to make it informational"
            } else {
                "give the options different scores, or remove all scores to make it informational"
            };
            p.push(q.problem(why, q.key("options")).hint(hint));
        }
        // A fact about you is read as you gave it, never scored or asked
        // of an employer.
        if question.personal && (question.is_scored() || question.interview.is_some()) {
            let is = if question.interview.is_some() {
                "in the interview kit (it has `interview`)"
            } else {
                "scored"
            };
            let why = format!("`personal` marks a fact about you, but `{id}` is {is}");
            let hint =
                "mark only unscored questions about the person, not the job, or remove `personal`";
            p.push(q.problem(why, q.key("personal")).hint(hint));
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
        let (n, at) = (raw.len(), q.key("options"));
        if n < min_options {
            let why =
                format!("a {kind} question needs at least {min_options} options, `{qid}` has {n}");
            let hint = "add `options:` with `- { id: …, label: …, score: … }` entries";
            p.push(q.problem(why, at).hint(hint));
        }
        if n > MAX_OPTIONS {
            let why = format!("`{qid}` has {n} options; a question may have at most {MAX_OPTIONS}");
            let hint = "split it into several questions, or group the options";
            p.push(q.problem(why, at).hint(hint));
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
            // Unlike other ids, a malformed one is filed under `question.option`.
            let problem = if oid.is_empty() {
                Some(
                    ctx.problem(format!("an option of `{qid}` has no id"), at)
                        .id(qid)
                        .hint("add `id: …` to the option"),
                )
            } else if !is_valid_id(&oid) {
                Some(id_problem(ctx, "option", &oid, at).id(&tag))
            } else {
                (!seen.insert(oid.clone())).then(|| {
                    ctx.problem(format!("`{qid}` has two options with the id `{oid}`"), at)
                        .id(&tag)
                        .hint("give each option its own id")
                })
            };
            p.extend(problem);
            let label = required(ro.label, "label", "option", &tag, ctx, at, p);
            let key = |k: &str| entry.and_then(|e| e.key_pos(k)).or(at);
            let problem = |why: String| ctx.problem(why, at).id(&tag);
            if let Some(s) = ro.score {
                if !plain_number(s) {
                    let s = show(s);
                    let why =
                        format!("score {s} is not a number from -{MAX_NUMBER} to {MAX_NUMBER}");
                    p.push(problem(why).hint("use a plain number"));
                }
            } else if scored > 0 {
                let why = format!(
                    "option `{oid}` has no score while other options of `{qid}` do; it counts as 0"
                );
                p.push(problem(why).hint("write `score: 0` to say so").warning());
            }
            let flag = ro.flag.and_then(|f| match self.flag_index.get(&f) {
                Some(&i) => {
                    self.flags_raised.insert(i);
                    Some(i)
                }
                None => {
                    let why = format!("unknown flag `{}`", crate::sanitize::id(&f));
                    let hint = suggestion(&f, self.flag_index.keys().map(String::as_str))
                        .unwrap_or_else(|| "declare it under `flags:` in bank.yaml".into());
                    p.push(ctx.problem(why, key("flag")).id(&tag).hint(hint));
                    None
                }
            });
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
                    let why = format!(
                        "option `{oid}` {has}, but `{qid}` is not about the home two partners share"
                    );
                    p.push(ctx.problem(why, key(field)).id(&tag).hint(hint));
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
        let why = format!("scale question `{id}` has no `scale`");
        p.push(q.problem(why, q.at).hint("add `scale: { min: 1, max: 5 }`"));
        return None;
    };
    match (rs.min, rs.max) {
        (Some(min), Some(max)) if min < max => {
            let labels = rs.labels.unwrap_or_default();
            let points = (max as i128 - min as i128 + 1) as u128;
            if !labels.is_empty() && labels.len() as u128 != points {
                let why = format!("the scale has {points} points but {} labels", labels.len());
                let hint = "give one label per point from min to max, or none";
                p.push(q.problem(why, q.key("labels")).hint(hint));
            }
            if points > MAX_POINTS {
                let why = format!("the scale has {points} points");
                let hint = "use at most 101 points (e.g. 0–100)";
                p.push(q.problem(why, q.key("scale")).hint(hint));
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
            let why = format!("scale min {min} is not below max {max}");
            let hint = "make min smaller than max, e.g. `{ min: 1, max: 5 }`";
            p.push(q.problem(why, q.key("scale")).hint(hint));
            None
        }
        _ => {
            let why = "the scale needs both min and max";
            let hint = "write `scale: { min: 1, max: 5 }`";
            p.push(q.problem(why, q.key("scale")).hint(hint));
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
            let why = format!("a score is not a number from -{MAX_NUMBER} to {MAX_NUMBER}");
            p.push(q.problem(why, q.key("scores")).hint("use plain numbers"));
        } else if yes == no {
            let why = format!("yes and no both score {yes}, so the answer cannot change the score");
            let hint = "give yes and no different scores, or remove `scores` to make the question informational";
            p.push(q.problem(why, q.key("scores")).hint(hint));
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
                let hint = suggestion(m, opts.iter().map(|x| x.id.as_str()))
                    .unwrap_or_else(|| "name an option of the same question".into());
                p.push(problem(format!("which is not an option of `{qid}`")).hint(hint));
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
    let (id, kind) = (q.id, q.kind);
    if rq.mirror == Some(true) {
        let refused = if kind == "choice" || kind == "multi" {
            Some((
                format!("`mirror: true` is for a scale question; `{id}` is a {kind} question"),
                "give each option that changes with the point of view its own `mirror: OTHER_OPTION`",
            ))
        } else if kind != "scale" {
            Some((
                format!("`mirror` does not apply to a {kind} question"),
                "remove `mirror`: this answer reads the same from both partners' sides",
            ))
        } else if !q.shared {
            Some((
                format!(
                    "`{id}` has `mirror: true`, but it is not about the home two partners share"
                ),
                "mark the set or the question `shared: true`, or remove `mirror`",
            ))
        } else {
            None
        };
        if let Some((why, hint)) = refused {
            p.push(q.problem(why, q.key("mirror")).hint(hint));
        }
    }
    if rq.discuss.is_some() && !q.shared {
        let why = format!(
            "`{id}` has `discuss`, which `compare` shows only for questions about the shared home"
        );
        let hint = "mark the set or the question `shared: true`, or remove `discuss`";
        p.push(q.problem(why, q.key("discuss")).hint(hint).warning());
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
            let at = q.key(field.rsplit('.').next().unwrap_or(field));
            let hint = format!("write it out, or remove `{field}`");
            p.push(q.problem(format!("`{field}` is empty"), at).hint(hint));
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
                let hint = "give it `good:` (what a good answer sounds like) and `worrying:` (what a worrying one sounds like)";
                let why = "`listen_for` says nothing to listen for";
                p.push(q.problem(why, q.key("listen_for")).hint(hint));
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
                let why = "`listen_for` needs `interview`: what to ask, so that there is an answer to listen to";
                let hint = "add `interview:` with what to ask or find out about a prospective employer, or remove `listen_for`";
                p.push(q.problem(why, q.key("listen_for")).hint(hint));
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
    let (node, what) = (q.node.get("prospective"), q.kind);
    let key = |f: &str| node.and_then(|n| n.key_pos(f)).or(q.key("prospective"));
    if !in_kit {
        let why = "`prospective` needs `interview`: only the interview kit's questions are asked about an employer you are considering";
        let hint = "add `interview:` with what to ask or find out, or remove `prospective`";
        p.push(q.problem(why, q.key("prospective")).hint(hint));
    }
    let prompt = raw.prompt.filter(|t| !t.trim().is_empty());
    if prompt.is_none() {
        let hint = "add `prompt:`: the question asked about the employer you are considering";
        let why = "`prospective` has no `prompt`";
        p.push(q.problem(why, key("prompt")).hint(hint));
    }
    let options = raw.options.unwrap_or_default();
    let unknown = raw.unknown.unwrap_or_default();
    if !unknown.is_empty() && !matches!(kind, Some(Kind::Choice(_))) {
        let why = format!("`prospective.unknown` does not apply to a {what} question");
        let hint =
            "remove `unknown`: only a `choice` question's options can mean \"nobody could say\"";
        p.push(q.problem(why, key("unknown")).hint(hint));
    }
    match kind {
        Some(Kind::Choice(known) | Kind::Multi(known)) => {
            let named = options.keys().map(|id| ("options", id));
            for (field, id) in named
                .chain(unknown.iter().map(|id| ("unknown", id)))
                .filter(|(_, id)| !known.iter().any(|o| &o.id == *id))
            {
                let pos = node.and_then(|n| n.get(field)).and_then(|n| n.key_pos(id));
                let why = format!(
                    "`prospective.{field}` names `{}`, which is not an option of this question",
                    crate::sanitize::id(id)
                );
                let hint = match crate::error::closest(id, known.iter().map(|o| o.id.as_str())) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "name an option `id` of this question".into(),
                };
                p.push(q.problem(why, pos.or(key(field))).hint(hint));
            }
        }
        _ if !options.is_empty() => {
            let why = format!("`prospective.options` does not apply to a {what} question");
            let hint = "remove `options`, or change `kind`";
            p.push(q.problem(why, key("options")).hint(hint));
        }
        _ => {}
    }
    let labels = raw.labels.unwrap_or_default();
    match kind {
        Some(Kind::Scale(s)) if !labels.is_empty() && labels.len() != s.labels.len() => {
            let (n, points) = (labels.len(), s.labels.len());
            let why = format!("`prospective.labels` has {n} labels, but the scale has {points}");
            let hint = "give one label per point, as `scale.labels` does";
            p.push(q.problem(why, key("labels")).hint(hint));
        }
        Some(Kind::Scale(_)) | None => {}
        _ if !labels.is_empty() => {
            let why = format!("`prospective.labels` does not apply to a {what} question");
            let hint = "remove `labels`: they are for a scale's points";
            p.push(q.problem(why, key("labels")).hint(hint));
        }
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
