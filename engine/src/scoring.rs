//! Scoring (docs/question-banks.md, "Scoring"): a pure function of a bank, an
//! answer sheet and a mode, deciding what is asked, every score, the
//! verdict (or why it is withheld), the flags, the next steps and their
//! reasons; [`levers`] works out the what-ifs from the evaluation. Values
//! keep full precision here; rounding happens only when the result is
//! written out (see `result`), except that every band and every condition
//! on a score is decided on the score as published ([`published`]): a
//! report never shows "Mixed, 70.0" beside "Positive from 70".
//!
//! Next steps are ranked by need (docs/question-banks.md, "Ranked by
//! need"): an entry's priority for this person is 1 when its
//! `urgent_when` holds for them, else the bank's `priority`; steps are
//! ranked by that priority, then in bank order, and a group gives the one
//! of its entries that ranks first for this person.

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{Bank, Condition, Facts, Kind, OverallBy, Question, Reasons, Set, Spans};

/// Which questions are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Full,
    /// Only `core: true` questions.
    Quick,
    /// Only the questions with an `interview:` line, about an employer
    /// being considered (`assess --prospective`), where a skip means "don't
    /// know yet", and the facts about you (`personal`: how you became a
    /// parent, your children's ages, whether you will be expressing milk)
    /// that decide which of them apply. Facts of your job now (whether
    /// you have a manager) are not asked, and count as skipped.
    Prospective,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Quick => "quick",
            Mode::Prospective => "prospective",
        }
    }

    /// The mode a result names, if it is one.
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "full" => Some(Mode::Full),
            "quick" => Some(Mode::Quick),
            "prospective" => Some(Mode::Prospective),
            _ => None,
        }
    }

    /// Whether this mode asks `q` (before its `when` is considered).
    pub fn includes(self, q: &Question) -> bool {
        match self {
            Mode::Full => true,
            Mode::Quick => q.core,
            Mode::Prospective => q.interview.is_some() || q.personal,
        }
    }
}

/// The facts that fit the interview kit to a person: the bank's
/// `personal` questions, and the unscored kit questions that decide which
/// others apply (how the work is done).
pub fn kit_facts(bank: &Bank) -> Vec<bool> {
    let dependents = dependents(bank);
    let in_kit = |j: &usize| bank.questions[*j].interview.is_some();
    (0..bank.questions.len())
        .map(|i| {
            let q = &bank.questions[i];
            q.personal
                || (q.interview.is_some() && !q.is_scored() && dependents[i].iter().any(in_kit))
        })
        .collect()
}

/// The interview kit's questions that fit someone with the facts in
/// `sheet` ([`kit_facts`], as answered there; a fact not given counts as
/// skipped, as in `assess --prospective`): a kit question is left out only
/// when those facts rule it out, whatever is found out about the employer.
/// Unless `of_that_job` (a result about the employer the kit is for), only
/// the facts about the person count: how the work is done in one job says
/// nothing of the next.
pub fn kit_fits(bank: &Bank, sheet: &AnswerSheet, of_that_job: bool) -> Vec<bool> {
    let facts: Vec<bool> = kit_facts(bank)
        .into_iter()
        .zip(&bank.questions)
        .map(|(fact, q)| fact && (of_that_job || q.personal))
        .collect();
    let mut fits = vec![false; bank.questions.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        let holds = q.when.as_ref().is_none_or(|c| {
            let known = |r: usize| match (fits[r], facts[r]) {
                (false, _) => settle::Known::Is(None),
                (true, true) => settle::Known::Is(sheet.get(r)),
                (true, false) => settle::Known::Unknown,
            };
            settle::tri(c, &known) != settle::Tri::No
        });
        fits[i] = Mode::Prospective.includes(q) && holds;
    }
    fits
}

/// The bank's `kit:` entries (by index) whose `when` holds for the answers
/// in `sheet`, as given.
pub fn kit_notes(bank: &Bank, sheet: &AnswerSheet) -> Vec<usize> {
    let known = |r| settle::Known::Is(sheet.get(r));
    (0..bank.kit.len())
        .filter(|&i| {
            let when = bank.kit[i].when.as_ref();
            when.is_none_or(|c| settle::tri(c, &known) == settle::Tri::Yes)
        })
        .collect()
}

/// A dimension's score and coverage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DimensionScore {
    /// 0–100; `None` when fewer scored questions were answered than the
    /// set's `min_answered` (at least one).
    pub score: Option<f64>,
    /// Scored questions whose `when` held (and core, in quick mode).
    pub asked: usize,
    /// Those of them answered.
    pub answered: usize,
    /// For a set whose scored questions are all scales of one range: the
    /// mean answer after reverse keying, on that range (weighted by the
    /// questions' weights, so with equal weights the plain mean).
    pub scale_mean: Option<f64>,
    /// The set's own band for the score (index into `Set::bands`).
    pub band: Option<usize>,
}

/// Everything the scoring rules decide, at full precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub mode: Mode,
    /// Per question: was it asked?
    pub asked: Vec<bool>,
    /// Per question: its value in [0, 1] if asked, answered and scored.
    pub values: Vec<Option<f64>>,
    /// Per set, in bank order.
    pub dimensions: Vec<DimensionScore>,
    pub overall: Option<f64>,
    /// Scored questions asked, and those of them answered, over all sets.
    pub coverage: (usize, usize),
    /// The verdict was withheld: too few answers for the bank's
    /// `min_coverage` (the score stands, as provisional).
    pub withheld: bool,
    /// The verdict band after caps (index into `Bank::bands`); `None` with
    /// no score or a withheld verdict.
    pub band: Option<usize>,
    /// The flags that lowered the verdict.
    pub capped_by: Vec<usize>,
    /// Raised flags in bank order, each with what raised it.
    pub flags: Vec<(usize, Reasons)>,
    /// Next steps in rank order (by this person's priority, then bank
    /// order; one per group; at most the bank's `max_next_steps`).
    pub next_steps: Vec<NextStep>,
    /// Every advice entry whose `when` holds (index into `Bank::advice`),
    /// listed or not: the cap and the groups keep some off `next_steps`.
    pub applies: Vec<usize>,
    /// Questions the sheet answers (not just skips) that were not asked:
    /// their answers are ignored.
    pub ignored: Vec<usize>,
    /// Per set: the sums its score is computed from (levers change them).
    sums: Vec<Sums>,
}

/// One next step as chosen for this person.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStep {
    /// Index into `Bank::advice`.
    pub advice: usize,
    /// Its priority for this person: 1 when its `urgent_when` holds.
    pub priority: i64,
    /// The answers that made it hold (and made it urgent).
    pub reasons: Reasons,
}

impl Evaluation {
    /// The answer that counts for question `q`: only asked questions have one.
    pub fn answer<'s>(&self, sheet: &'s AnswerSheet, q: usize) -> Option<&'s Answer> {
        counted(sheet, &self.asked, q)
    }
}

/// Whether `c` and each of its parts hold, as a next step's condition is
/// judged: on `e`, the evaluation of `sheet` ([`Condition::holds_each`]).
pub fn holds_each(bank: &Bank, sheet: &AnswerSheet, e: &Evaluation, c: &Condition) -> Vec<bool> {
    let facts = FullFacts {
        bank,
        sheet,
        asked: &e.asked,
        values: &e.values,
        dimensions: &e.dimensions,
        overall: e.overall,
        raised: &e.flags,
        profile: Default::default(),
    };
    c.holds_each(&facts)
}

/// Whether question `i` is asked, given which of the questions before it
/// are (`asked`) and the answers.
fn is_asked(bank: &Bank, sheet: &AnswerSheet, mode: Mode, asked: &[bool], i: usize) -> bool {
    let q = &bank.questions[i];
    mode.includes(q)
        && q.when.as_ref().is_none_or(|c| {
            settle::tri(c, &|r| settle::Known::Is(counted(sheet, asked, r))) != settle::Tri::No
        })
}

/// Which questions are asked: conditions name only earlier questions, so
/// one pass in bank order settles it.
fn asked_of(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Vec<bool> {
    let mut asked = vec![false; bank.questions.len()];
    for i in 0..asked.len() {
        asked[i] = is_asked(bank, sheet, mode, &asked, i);
    }
    asked
}

/// Which questions are asked ([`Evaluation::asked`]), kept up to date one
/// answer at a time, as a session answers: a changed answer decides again
/// only the questions whose `when` names it, and those whose `when` names
/// a question that came or went, each once, so an answer costs what its
/// dependents' conditions cost, not a pass over the bank.
#[derive(Debug, Clone)]
pub struct Asked {
    asked: Vec<bool>,
    /// Per question, the later questions whose `when` names it.
    dependents: Vec<Vec<usize>>,
}

impl Asked {
    pub fn new(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Self {
        Asked {
            asked: asked_of(bank, sheet, mode),
            dependents: dependents(bank),
        }
    }

    /// Per question: is it asked?
    pub fn get(&self) -> &[bool] {
        &self.asked
    }

    /// Decides again what question `q`'s answer in `sheet` (just changed)
    /// decides, and returns the questions that came or went. A `when`
    /// names earlier questions only, so one pass in bank order, from `q`
    /// to the last question marked, decides each after all it names.
    pub fn changed(
        &mut self,
        bank: &Bank,
        sheet: &AnswerSheet,
        mode: Mode,
        q: usize,
    ) -> Vec<usize> {
        let (dependents, asked) = (&self.dependents, &mut self.asked);
        let mut marked = vec![false; asked.len()];
        // Marks the questions that name `i`; the last of them.
        let mark = |i: usize, marked: &mut [bool]| {
            let named = dependents[i].iter().copied();
            named.inspect(|&j| marked[j] = true).max().unwrap_or(i)
        };
        let mut last = mark(q, &mut marked);
        let mut turned = Vec::new();
        let mut i = q + 1;
        while i <= last {
            if marked[i] && is_asked(bank, sheet, mode, asked, i) != asked[i] {
                asked[i] = !asked[i];
                turned.push(i);
                last = last.max(mark(i, &mut marked));
            }
            i += 1;
        }
        turned
    }
}

/// An answer counts only if its question was asked.
fn counted<'s>(sheet: &'s AnswerSheet, asked: &[bool], q: usize) -> Option<&'s Answer> {
    (asked.get(q) == Some(&true))
        .then(|| sheet.get(q))
        .flatten()
}

/// The most work (see [`Bank::scoring_work`]) one run may spend scoring
/// results again (`history`, `summarize`): a result of the built-in bank
/// takes about 3,100, so a summary of 10,000 of them (each scored up to
/// twice) fits; a bank whose conditions are a thousand times larger fits
/// a handful.
pub const MAX_RESCORING_WORK: usize = 100_000_000;

/// Whether a run may score `results` results `times` each again with
/// `bank`, checked before any is read: their number times the bank's
/// [`Bank::scoring_work`] is bounded.
pub fn rescoring_allowed(
    bank: &Bank,
    results: usize,
    times: usize,
) -> Result<(), crate::error::Failure> {
    let each = bank.scoring_work().max(1).saturating_mul(times.max(1));
    let most = MAX_RESCORING_WORK / each;
    if results <= most {
        return Ok(());
    }
    let many = crate::error::thousands(results);
    let results = if results == 1 {
        "1 result".to_string()
    } else {
        format!("{many} results")
    };
    Err(crate::error::Failure::usage(match most {
        0 => format!(
            "{results} to score again with this bank, and its conditions are too large to score even one result again in a run; shorten the bank's conditions (an `includes` test counts as every option of its question)"
        ),
        _ => format!(
            "{results} to score again with this bank, more than one run scores: its conditions are so large that a run scores at most {} of its results; name fewer results at a time",
            crate::error::thousands(most)
        ),
    }))
}

/// Applies the scoring rules.
pub fn evaluate(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Evaluation {
    evaluate_with(bank, sheet, mode, true)
}

/// The scores, flags and verdict of [`evaluate`], without next steps
/// (`next_steps` and `applies` empty): what the searches that score many
/// answer sheets need (the settled verdict, what to find out), without
/// deciding every advice entry's condition for each sheet.
pub(crate) fn verdict(bank: &Bank, sheet: &AnswerSheet, mode: Mode) -> Evaluation {
    evaluate_with(bank, sheet, mode, false)
}

fn evaluate_with(bank: &Bank, sheet: &AnswerSheet, mode: Mode, advice: bool) -> Evaluation {
    #[cfg(feature = "internals")]
    SCORED.with(|n| n.set(n.get() + 1));
    let n = bank.questions.len();
    // 1. Which questions are asked.
    let asked = asked_of(bank, sheet, mode);
    // An explicit skip (`null`, as a template leaves every question) of a
    // question that is not asked loses nothing, so only answers count.
    let ignored = (0..n)
        .filter(|&i| !asked[i] && matches!(sheet.slot(i), Slot::Given(_)))
        .collect();

    // 2. Question values.
    let values: Vec<Option<f64>> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| counted(sheet, &asked, i).and_then(|a| value(q, a)))
        .collect();

    // 3. Dimensions and the overall score.
    let mut sums: Vec<Sums> = Vec::with_capacity(bank.sets.len());
    let dimensions: Vec<DimensionScore> = bank
        .sets
        .iter()
        .enumerate()
        .map(|(s, set)| {
            let mut d = DimensionScore::default();
            let mut sum = Sums::default();
            for i in set.questions.clone() {
                let q = &bank.questions[i];
                if !asked[i] || !q.is_scored() {
                    continue;
                }
                d.asked += 1;
                if let Some(v) = values[i] {
                    sum.add(q.weight * v, q.weight, 1);
                }
            }
            d.answered = sum.n;
            d.score = dimension_score(bank, s, &sum);
            d.scale_mean = d
                .score
                .zip(scale_range(bank, set))
                .map(|(score, (lo, hi))| lo as f64 + score / 100.0 * (hi - lo) as f64);
            d.band = d
                .score
                .and_then(|score| band_for(&set.bands, published(score)));
            sums.push(sum);
            d
        })
        .collect();
    let overall = overall_of(bank, &sums);
    let coverage = (
        dimensions.iter().map(|d| d.asked).sum::<usize>(),
        dimensions.iter().map(|d| d.answered).sum::<usize>(),
    );
    let withheld = overall.is_some() && (coverage.1 as f64) < bank.min_coverage * coverage.0 as f64;

    // 4. Flags, in bank order, with the questions (and ticked options of
    //    multi questions) that raised them.
    let mut raised: Vec<Reasons> = vec![Reasons::default(); bank.flags.len()];
    for (i, q) in bank.questions.iter().enumerate() {
        let (selected, multi): (&[String], bool) = match counted(sheet, &asked, i) {
            Some(Answer::Choice(o)) => (std::slice::from_ref(o), false),
            Some(Answer::Multi(os)) => (os, true),
            _ => continue,
        };
        for (o, choice) in q.ticked(selected) {
            if let Some(f) = choice.and_then(|c| c.flag) {
                let r = &mut raised[f];
                if r.evidence.last() != Some(&i) {
                    r.evidence.push(i);
                }
                if multi {
                    r.options.push((i, o.clone()));
                }
            }
        }
    }

    // 5. The verdict, lowered by capping flags, unless too few answers.
    let mut band = overall
        .filter(|_| !withheld)
        .and_then(|s| overall_band(bank, s));
    let mut capped_by = Vec::new();
    if let Some(b) = band.as_mut() {
        let start = *b;
        for (f, flag) in bank.flags.iter().enumerate() {
            if let (Some(cap), false) = (flag.caps_verdict, raised[f].evidence.is_empty()) {
                if cap > start {
                    capped_by.push(f);
                }
                *b = (*b).max(cap);
            }
        }
    }

    // 6. Next steps: those whose `when` holds, by priority then bank order,
    //    the first of each group, at most `max_next_steps`.
    let flags: Vec<(usize, Reasons)> = (raised.into_iter().enumerate())
        .filter(|(_, r)| !r.evidence.is_empty())
        .collect();
    let facts = FullFacts {
        bank,
        sheet,
        asked: &asked,
        values: &values,
        dimensions: &dimensions,
        overall,
        raised: &flags,
        profile: Default::default(),
    };
    let mut holding: Vec<(i64, usize)> = bank
        .advice
        .iter()
        .enumerate()
        .filter(|_| advice)
        .filter(|(_, a)| a.when.as_ref().is_none_or(|c| c.holds(&facts)))
        .map(|(i, a)| (need(a, &facts), i))
        .collect();
    let applies = holding.iter().map(|&(_, i)| i).collect();
    // Stable: equal priorities keep bank order.
    holding.sort_by_key(|&(priority, _)| priority);
    let mut groups_taken: Vec<&str> = Vec::new();
    let mut next_steps: Vec<NextStep> = Vec::new();
    for (priority, i) in holding {
        if next_steps.len() >= bank.max_next_steps {
            break;
        }
        let a = &bank.advice[i];
        if let Some(g) = a.group.as_deref() {
            if groups_taken.contains(&g) {
                continue;
            }
            groups_taken.push(g);
        }
        let mut reasons = Reasons::default();
        if let Some(c) = &a.when {
            c.because(&facts, &mut reasons);
        }
        if let Some(c) = a.urgent_when.as_ref().filter(|c| c.holds(&facts)) {
            c.because(&facts, &mut reasons);
        }
        reasons.finish(&facts);
        next_steps.push(NextStep {
            advice: i,
            priority,
            reasons,
        });
    }

    Evaluation {
        mode,
        asked,
        values,
        dimensions,
        overall,
        coverage,
        withheld,
        band,
        capped_by,
        flags,
        next_steps,
        applies,
        ignored,
        sums,
    }
}

#[cfg(feature = "internals")]
thread_local! {
    /// How many answer sheets were scored on this thread (the engine's own
    /// tests count them).
    pub static SCORED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The overall score of the answers `eval` scored, with the values of some
/// questions of one part (`set`) changed: `changed` gives a question's new
/// value (`Some(None)`: no value). Only that part is added up again, in
/// the order scoring adds it, so the score is the one scoring the changed
/// answers would give as long as the change turns no other question's
/// asking (no asked question's `when` names the changed ones).
pub(crate) fn overall_with(
    bank: &Bank,
    eval: &Evaluation,
    set: usize,
    changed: impl Fn(usize) -> Option<Option<f64>>,
) -> Option<f64> {
    let mut sums = eval.sums.clone();
    let mut sum = Sums::default();
    for i in bank.sets[set].questions.clone() {
        let q = &bank.questions[i];
        if !eval.asked[i] || !q.is_scored() {
            continue;
        }
        if let Some(v) = changed(i).unwrap_or(eval.values[i]) {
            sum.add(q.weight * v, q.weight, 1);
        }
    }
    sums[set] = sum;
    overall_of(bank, &sums)
}

/// Every part's share of the overall score of the answers `eval` scored,
/// added up: (Σ weight·score, Σ weight).
pub(crate) fn shares(bank: &Bank, eval: &Evaluation) -> (f64, f64) {
    (0..bank.sets.len())
        .filter_map(|s| share(bank, s, &eval.sums[s]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// The overall score of the answers `eval` scored (their [`shares`]) with
/// question `i`, asked and unanswered there, answered at value `v`: only
/// its part's share changes, as long as no asked question's `when` names
/// it. (Added in another order than scoring adds: it may differ from
/// scoring the changed answers in the last bits.)
pub(crate) fn overall_plus(
    bank: &Bank,
    eval: &Evaluation,
    (ws, w): (f64, f64),
    i: usize,
    v: Option<f64>,
) -> Option<f64> {
    let q = &bank.questions[i];
    let Some(v) = v.filter(|_| q.is_scored()) else {
        return mean(ws, w);
    };
    let old = &eval.sums[q.set];
    let (mut ws, mut w) = (ws, w);
    if let Some((a, b)) = share(bank, q.set, old) {
        ws -= a;
        w -= b;
    }
    if let Some((a, b)) = share(bank, q.set, &old.with(q.weight * v, q.weight, 1)) {
        ws += a;
        w += b;
    }
    mean(ws, w)
}

/// A score as it is published: rounded half away from zero to one decimal.
/// Bands and conditions are decided on this.
pub fn published(score: f64) -> f64 {
    crate::result::round1(score)
}

/// An advice entry's priority for this person: 1 when its `urgent_when`
/// holds, else the bank's.
fn need(a: &crate::bank::Advice, facts: &impl Facts) -> i64 {
    match &a.urgent_when {
        Some(c) if c.holds(facts) => a.priority.min(1),
        _ => a.priority,
    }
}

/// The verdict band an overall score earns, before caps: the one place
/// that decides it (the settled-verdict search asks it too).
pub(crate) fn overall_band(bank: &Bank, overall: f64) -> Option<usize> {
    band_for(&bank.bands, published(overall))
}

/// The first band (highest `min` first) whose `min` is at most `score`, or
/// the last band.
fn band_for(bands: &[crate::bank::Band], score: f64) -> Option<usize> {
    (bands.iter().position(|b| b.min <= score)).or(bands.len().checked_sub(1))
}

/// `(min, max)` when every scored question of `set` is a scale of that one
/// range (a dimension's `scale_mean`).
pub fn scale_range(bank: &Bank, set: &Set) -> Option<(i64, i64)> {
    let mut range = None;
    for q in bank.set_questions(set) {
        match &q.kind {
            Kind::Scale(sc) => match range {
                None => range = Some((sc.min, sc.max)),
                Some(r) if r == (sc.min, sc.max) => {}
                Some(_) => return None,
            },
            _ if q.is_scored() => return None,
            _ => {}
        }
    }
    range
}

/// Σw·v, Σw and the count over a dimension's answered, asked, scored
/// questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sums {
    wv: f64,
    w: f64,
    n: usize,
}

impl Sums {
    fn add(&mut self, wv: f64, w: f64, n: usize) {
        self.wv += wv;
        self.w += w;
        self.n += n;
    }
    /// With the given changes added (negative to take out).
    fn with(self, wv: f64, w: f64, n: isize) -> Sums {
        Sums {
            wv: self.wv + wv,
            w: self.w + w,
            n: self.n.saturating_add_signed(n),
        }
    }
}

/// A dimension's score from its sums: none below the set's `min_answered`
/// (and never from no answer at all).
fn dimension_score(bank: &Bank, s: usize, sums: &Sums) -> Option<f64> {
    let min = bank.sets[s].min_answered.max(1);
    if sums.n < min || sums.w <= 1e-9 {
        return None;
    }
    Some(100.0 * sums.wv / sums.w).filter(|x| x.is_finite())
}

/// A dimension's share of the overall score: `(Σ weight·score, Σ weight)`,
/// or nothing for a set of weight 0 or a dimension with no score. With
/// `overall: items` the weight is the dimension's answered items' weights.
fn share(bank: &Bank, s: usize, sums: &Sums) -> Option<(f64, f64)> {
    let set = &bank.sets[s];
    if !set.in_overall() {
        return None;
    }
    let score = dimension_score(bank, s, sums)?;
    Some(match bank.overall {
        OverallBy::Dimensions => (set.weight * score, set.weight),
        OverallBy::Items => (score * sums.w, sums.w),
    })
}

/// The overall score from every dimension's sums.
fn overall_of(bank: &Bank, sums: &[Sums]) -> Option<f64> {
    let (sum, weights) = (0..bank.sets.len())
        .filter_map(|s| share(bank, s, &sums[s]))
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    mean(sum, weights)
}

/// `sum / weights`, or no score. Validation bounds weights and scores, so
/// this is finite whenever there is a weight; a non-finite mean would be no
/// score rather than a wrong verdict.
fn mean(sum: f64, weights: f64) -> Option<f64> {
    Some(sum / weights).filter(|o| weights > 1e-9 && o.is_finite())
}

/// A scored question's answer as a value in [0, 1], or
/// `None` for an informational question.
pub fn value(q: &Question, a: &Answer) -> Option<f64> {
    let (lo, hi) = q.score_range()?;
    if hi <= lo {
        return None;
    }
    let raw = match (&q.kind, a) {
        (Kind::Choice(_), Answer::Choice(o)) => q.option(o)?.score.unwrap_or(0.0),
        (Kind::Multi(opts), Answer::Multi(sel)) => {
            // Options looked up by id through a map: 200 options ticked
            // cost 200 steps, not 200 × 200.
            let mut score = std::collections::HashMap::with_capacity(opts.len());
            for o in opts {
                score.entry(o.id.as_str()).or_insert(o.score.unwrap_or(0.0));
            }
            sel.iter().filter_map(|o| score.get(o.as_str())).sum()
        }
        (Kind::Scale(s), Answer::Scale(x)) => {
            let v = (*x as f64 - lo) / (hi - lo);
            return Some(if s.reverse { 1.0 - v } else { v }.clamp(0.0, 1.0));
        }
        (Kind::YesNo(Some((yes, no))), Answer::YesNo(b)) => {
            if *b {
                *yes
            } else {
                *no
            }
        }
        _ => return None,
    };
    Some(((raw - lo) / (hi - lo)).clamp(0.0, 1.0))
}

/// Facts once everything is scored, for advice.
struct FullFacts<'a> {
    bank: &'a Bank,
    sheet: &'a AnswerSheet,
    asked: &'a [bool],
    values: &'a [Option<f64>],
    dimensions: &'a [DimensionScore],
    overall: Option<f64>,
    /// The flags raised, in bank order, with their reasons.
    raised: &'a [(usize, Reasons)],
    /// Per set: it has no scored question (a profile set such as "About
    /// you"), worked out once, when a reason first asks.
    profile: std::cell::OnceCell<Vec<bool>>,
}

impl Facts for FullFacts<'_> {
    fn answer(&self, q: usize) -> Option<&Answer> {
        counted(self.sheet, self.asked, q)
    }
    fn asked(&self, q: usize) -> bool {
        self.asked.get(q).copied().unwrap_or(false)
    }
    fn is_scored(&self, q: usize) -> bool {
        self.bank.questions.get(q).is_some_and(Question::is_scored)
    }
    fn is_profile(&self, q: usize) -> bool {
        let profile = self.profile.get_or_init(|| {
            (self.bank.sets.iter())
                .map(|s| !self.bank.set_questions(s).iter().any(Question::is_scored))
                .collect()
        });
        (self.bank.questions.get(q)).is_some_and(|question| profile[question.set])
    }
    fn flag_raised(&self, flag: usize) -> bool {
        self.raised.binary_search_by_key(&flag, |(f, _)| *f).is_ok()
    }
    fn flag_reasons(&self, flag: usize, out: &mut Reasons) {
        if let Ok(i) = self.raised.binary_search_by_key(&flag, |(f, _)| *f) {
            let r = &self.raised[i].1;
            out.evidence.extend(&r.evidence);
            out.options.extend(r.options.iter().cloned());
        }
    }
    fn dimension_score(&self, set: usize) -> Option<f64> {
        self.dimensions
            .get(set)
            .and_then(|d| d.score)
            .map(published)
    }
    fn overall_score(&self) -> Option<f64> {
        self.overall.map(published)
    }
    fn dimension_reasons(&self, set: usize, spans: &Spans, out: &mut Reasons) {
        let Some(set) = self.bank.sets.get(set) else {
            return;
        };
        for i in set.questions.clone() {
            let Some(v) = self.values[i] else { continue };
            let (low, high) = spans.place(100.0 * v);
            if !(low || high) {
                continue;
            }
            out.evidence.push(i);
            // A multi question's ticked options that pull its score the way
            // the bounds look: down for `below`, up for `at_least`.
            if let Some(Answer::Multi(sel)) = self.answer(i) {
                let q = &self.bank.questions[i];
                for (o, choice) in q.ticked(sel) {
                    let score = choice.and_then(|o| o.score).unwrap_or(0.0);
                    if (low && score < 0.0) || (high && score > 0.0) {
                        out.options.push((i, o.clone()));
                    }
                }
            }
        }
    }
}

pub(crate) mod levers;
pub(crate) mod settle;
pub(crate) use levers::dependents;
pub use levers::{Lever, MAX_DECIDED, MAX_REACH, levers};
pub use settle::{MAX_NODES, MAX_WORK, Settlement, extreme_answers, settle, settle_within};
