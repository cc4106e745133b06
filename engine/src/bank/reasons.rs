//! Why a flag was raised or a next step given: which answers, flags and
//! scores made a condition hold, and which of them a report names.

use super::condition::{Bounds, Condition, Facts, Test};

/// Why a flag was raised or a next step given.
///
/// Evidence comes first: flags, dimension scores, the overall score and
/// answers to scored questions. Answers to other unscored questions (a gate
/// such as "do you have a manager?", or the children's ages) are context:
/// named only when there is no evidence at all. Answers to a profile set
/// (where you work, how you became a parent) come last: named only when
/// there is nothing else, so a step is never explained by "you work in the
/// United States" beside its real reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reasons {
    /// Scored questions, and questions that raised a flag.
    pub evidence: Vec<usize>,
    /// Unscored questions named by a condition, outside profile sets.
    pub context: Vec<usize>,
    /// Questions of profile sets named by a condition.
    pub profile: Vec<usize>,
    /// `(question, option)`: ticked options of multi questions that matter.
    pub options: Vec<(usize, String)>,
    pub flags: Vec<usize>,
    pub dimensions: Vec<usize>,
    /// The overall score is a reason.
    pub overall: bool,
    /// The flags, the dimensions' bounds and the ticked options a
    /// condition names, in the order met: explained once each by
    /// [`Reasons::finish`].
    named: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq)]
enum Named {
    Flag(usize),
    Dimension(usize, Bounds),
    /// A ticked option an `includes` test named.
    Option(usize, String),
}

/// The scores a condition's bounds on one dimension's score take in,
/// merged: those of bounds that look down (`below`) and those of bounds
/// that only look up (`at_least`), each as sorted, disjoint half-open
/// ranges, so a question's own score is placed with a binary search,
/// however many bounds name the dimension.
#[derive(Debug, Default)]
pub struct Spans {
    low: Vec<(f64, f64)>,
    high: Vec<(f64, f64)>,
}

impl Spans {
    pub fn of(bounds: &[Bounds]) -> Spans {
        let merged = |low: bool| {
            let mut rs: Vec<(f64, f64)> = (bounds.iter())
                .filter(|b| b.below.is_some() == low)
                .map(|b| {
                    let lo = b.at_least.unwrap_or(f64::NEG_INFINITY);
                    (lo, b.below.unwrap_or(f64::INFINITY))
                })
                .collect();
            rs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut out: Vec<(f64, f64)> = Vec::with_capacity(rs.len());
            for (lo, hi) in rs {
                match out.last_mut() {
                    Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                    _ => out.push((lo, hi)),
                }
            }
            out
        };
        Spans {
            low: merged(true),
            high: merged(false),
        }
    }

    /// Whether `score` lies within a bound that looks down, and within one
    /// that looks up.
    pub fn place(&self, score: f64) -> (bool, bool) {
        let within = |rs: &[(f64, f64)]| {
            let i = rs.partition_point(|r| r.0 <= score);
            i > 0 && score < rs[i - 1].1
        };
        (within(&self.low), within(&self.high))
    }
}

impl Reasons {
    /// Once [`Condition::because`] has gathered a condition's parts: adds
    /// the evidence of each flag and each dimension named, once each (a
    /// condition may name one flag or dimension many times), and drops
    /// repeats. The work is bounded by [`super::Bank::explanation_work`].
    pub fn finish(&mut self, facts: &impl Facts) {
        for xs in [&mut self.flags, &mut self.dimensions] {
            xs.sort_unstable();
            xs.dedup();
        }
        let named = std::mem::take(&mut self.named);
        let mut bounds = std::collections::HashMap::<usize, Vec<Bounds>>::new();
        for n in &named {
            if let Named::Dimension(set, b) = n {
                bounds.entry(*set).or_default().push(*b);
            }
        }
        // In the order first met, so options keep the order they are met in.
        let mut flags_done = std::collections::HashSet::new();
        for n in named {
            match n {
                Named::Flag(f) if flags_done.insert(f) => facts.flag_reasons(f, self),
                Named::Dimension(set, _) => {
                    if let Some(bs) = bounds.remove(&set) {
                        facts.dimension_reasons(set, &Spans::of(&bs), self)
                    }
                }
                Named::Option(q, o) => self.options.push((q, o)),
                Named::Flag(_) => {}
            }
        }
        for xs in [&mut self.evidence, &mut self.context, &mut self.profile] {
            xs.sort_unstable();
            xs.dedup();
        }
        let mut seen = std::collections::HashSet::new();
        let options = std::mem::take(&mut self.options);
        self.options = (options.into_iter())
            .filter(|(q, o)| seen.insert((*q, o.clone())))
            .collect();
    }

    fn answer(&mut self, q: usize, facts: &impl Facts) {
        if facts.is_scored(q) {
            self.evidence.push(q)
        } else if facts.is_profile(q) {
            self.profile.push(q)
        } else {
            self.context.push(q)
        }
    }

    /// The questions to name, in bank order: the evidence; else, when no
    /// flag, dimension or overall score is a reason either, the context;
    /// else one profile answer: the last in bank order, the most particular
    /// (the profile runs from how one became a parent to where one is now),
    /// so a step is explained by "you are on parental leave now", not also
    /// by "your partner gave birth" beside it.
    pub fn questions(&self) -> Vec<usize> {
        let has_evidence = !self.evidence.is_empty()
            || !self.flags.is_empty()
            || !self.dimensions.is_empty()
            || self.overall;
        let mut qs = if has_evidence {
            self.evidence.clone()
        } else if !self.context.is_empty() {
            self.context.clone()
        } else {
            self.profile.iter().max().copied().into_iter().collect()
        };
        qs.sort_unstable();
        qs.dedup();
        qs
    }

    /// The options that matter, per named question, each list in the order
    /// met and without repeats; only for questions [`Reasons::questions`] names.
    pub fn options_by_question(&self) -> Vec<(usize, Vec<String>)> {
        let named = self.questions();
        let mut out = std::collections::BTreeMap::<usize, Vec<String>>::new();
        for (q, o) in &self.options {
            let os = match named.binary_search(q) {
                Ok(_) => out.entry(*q).or_default(),
                Err(_) => continue,
            };
            if !os.contains(o) {
                os.push(o.clone())
            }
        }
        out.into_iter().collect()
    }

    /// The flags that are reasons, in bank order.
    pub fn flags(&self) -> Vec<usize> {
        sorted(&self.flags)
    }
    /// The dimensions that are reasons, in bank order.
    pub fn dimensions(&self) -> Vec<usize> {
        sorted(&self.dimensions)
    }
}

fn sorted(xs: &[usize]) -> Vec<usize> {
    let mut out = xs.to_vec();
    out.sort_unstable();
    out.dedup();
    out
}

impl Condition {
    /// Why this (holding) condition holds: the flags, dimensions and
    /// answers that made it hold, gathered into `out` in the order met;
    /// then [`Reasons::finish`] adds what the flags and dimensions stand
    /// for. A question that was not asked is never a reason.
    pub fn because(&self, facts: &impl Facts, out: &mut Reasons) {
        match self {
            Condition::Answer { question, test } => {
                // Only `answered: false` holds without an answer; then the
                // reason is "you did not answer", which needs the question
                // to have been asked.
                if !facts.asked(*question) {
                    return;
                }
                out.answer(*question, facts);
                if let Test::Includes(opt) = test {
                    out.named.push(Named::Option(*question, opt.clone()));
                }
            }
            Condition::Flag(f) => {
                out.flags.push(*f);
                out.named.push(Named::Flag(*f));
            }
            Condition::Dimension { set, bounds } => {
                out.dimensions.push(*set);
                out.named.push(Named::Dimension(*set, *bounds));
            }
            // The reason is the overall score itself: every answer shares in
            // it, so naming some would single them out without cause.
            Condition::Overall(_) => out.overall = true,
            Condition::All(cs) => cs.iter().for_each(|c| c.because(facts, out)),
            Condition::Any(cs) => cs
                .iter()
                .filter(|c| c.holds(facts))
                .for_each(|c| c.because(facts, out)),
            Condition::Not(c) => c.because_not(facts, out),
        }
    }

    /// Whether this condition and each of its parts hold, depth first
    /// (the condition itself first): what [`Condition::turned`] compares.
    pub fn holds_each(&self, facts: &impl Facts) -> Vec<bool> {
        let mut out = vec![self.holds(facts)];
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| out.extend(c.holds_each(facts)))
            }
            Condition::Not(c) => out.extend(c.holds_each(facts)),
            _ => {}
        }
        out
    }

    /// The answers, flags and scores whose change turned this condition
    /// from what it was (`then`) to what it is (`now`), each given by
    /// [`Condition::holds_each`] for one set of facts: of `all` and `any`,
    /// the parts that moved the way the whole did (under `not`, the other
    /// way), down to the leaves. Empty when the condition did not move.
    pub fn turned(&self, then: &[bool], now: &[bool]) -> Vec<&Condition> {
        let mut out = Vec::new();
        self.turned_at(&mut 0, true, then, now, &mut out);
        out
    }

    fn turned_at<'c>(
        &'c self,
        at: &mut usize,
        wanted: bool,
        then: &[bool],
        now: &[bool],
        out: &mut Vec<&'c Condition>,
    ) {
        let me = *at;
        *at += 1;
        let wanted = wanted && then.get(me) != now.get(me);
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                for c in cs {
                    let same_way = then.get(*at) == then.get(me);
                    c.turned_at(at, wanted && same_way, then, now, out);
                }
            }
            Condition::Not(c) => c.turned_at(at, wanted, then, now, out),
            _ if wanted => out.push(self),
            _ => {}
        }
    }

    /// Why this condition does not hold (so `not` of it holds): the
    /// answers that made it fail. A question that made it fail only by
    /// having no answer (not asked, or skipped) is not a reason: "because
    /// you did not say X" explains nothing. Flags not raised and scores out
    /// of bounds are not named either.
    fn because_not(&self, facts: &impl Facts, out: &mut Reasons) {
        match self {
            Condition::Answer { question, .. } => {
                if facts.answer(*question).is_some() {
                    out.answer(*question, facts);
                }
            }
            Condition::Flag(_) | Condition::Dimension { .. } | Condition::Overall(_) => {}
            // `all` fails through the parts that fail; `any` through all.
            Condition::All(cs) | Condition::Any(cs) => cs
                .iter()
                .filter(|c| !c.holds(facts))
                .for_each(|c| c.because_not(facts, out)),
            Condition::Not(c) => c.because(facts, out),
        }
    }
}
