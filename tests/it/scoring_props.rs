//! Property tests of the scorer's invariants (issue 2) on generated banks:
//! every score in [0, 100]; best answers give 100 and worst give 0; raising
//! one answer never lowers its dimension; key order of the answers file
//! never changes the output; skipping changes no other question's share.

use mommytrack_engine::answers::{self, Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Bank, Kind, SourceFile};
use mommytrack_engine::result;
use mommytrack_engine::scoring::{self, Mode};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Q {
    Choice(Vec<i8>),
    Multi(Vec<i8>),
    Scale {
        min: i8,
        span: u8,
        reverse: bool,
    },
    YesNo(i8, i8),
    /// An unscored yes/no that later questions may depend on.
    Gate,
    Text,
}

fn question() -> impl Strategy<Value = Q> {
    prop_oneof![
        prop::collection::vec(-3i8..=3, 2..5)
            .prop_filter("scores differ", |v| v.iter().min() != v.iter().max())
            .prop_map(Q::Choice),
        prop::collection::vec(-2i8..=3, 1..5)
            .prop_filter("some option scores", |v| v.iter().any(|x| *x != 0))
            .prop_map(Q::Multi),
        (-2i8..=2, 1u8..=6, any::<bool>()).prop_map(|(min, span, reverse)| Q::Scale {
            min,
            span,
            reverse
        }),
        (-2i8..=2, -2i8..=2)
            .prop_filter("differ", |(a, b)| a != b)
            .prop_map(|(a, b)| Q::YesNo(a, b)),
        Just(Q::Gate),
        Just(Q::Text),
    ]
}

/// Sets of (question, weight, depends on the latest gate).
type Spec = Vec<(f64, Vec<(Q, f64, bool)>)>;

fn spec() -> impl Strategy<Value = Spec> {
    let weight = prop_oneof![Just(0.5), Just(1.0), Just(1.5), Just(2.0), Just(3.0)];
    let q = (question(), weight.clone(), any::<bool>());
    prop::collection::vec((weight, prop::collection::vec(q, 1..6)), 1..4)
}

fn yaml(spec: &Spec) -> Vec<SourceFile> {
    yaml_gated(spec, false)
}

/// With `scored_gates`, conditions may also name scored yes/no and choice
/// questions, so that changing a scored answer changes what is asked.
fn yaml_gated(spec: &Spec, scored_gates: bool) -> Vec<SourceFile> {
    let mut files = vec![SourceFile::new(
        "bank.yaml",
        "bank.yaml",
        "title: Generated\nbands:\n  - { verdict: good, min: 60, label: Good }\n  - { verdict: bad, min: 0, label: Bad }\n",
    )];
    let mut n = 0;
    let mut last_gate: Option<(String, &str)> = None;
    for (s, (set_weight, qs)) in spec.iter().enumerate() {
        let mut t = format!("id: s{s}\ntitle: Set {s}\nweight: {set_weight}\nquestions:\n");
        for (q, w, conditional) in qs {
            let id = format!("q{n}");
            n += 1;
            t += &format!("  - id: {id}\n    prompt: \"{id}\"\n    weight: {w}\n");
            if let (true, Some((g, value))) = (conditional, &last_gate) {
                t += &format!("    when: {{ answer: {g}, is: {value} }}\n");
            }
            match q {
                Q::Choice(sc) | Q::Multi(sc) => {
                    let kind = if matches!(q, Q::Choice(_)) {
                        "choice"
                    } else {
                        "multi"
                    };
                    t += &format!("    kind: {kind}\n    options:\n");
                    for (i, x) in sc.iter().enumerate() {
                        t += &format!("      - {{ id: o{i}, label: \"O{i}\", score: {x} }}\n");
                    }
                    if scored_gates && kind == "choice" {
                        last_gate = Some((id.clone(), "o0"));
                    }
                }
                Q::Scale { min, span, reverse } => {
                    t += &format!(
                        "    kind: scale\n    reverse: {reverse}\n    scale: {{ min: {min}, max: {} }}\n",
                        i16::from(*min) + i16::from(*span)
                    );
                }
                Q::YesNo(y, no) => {
                    t += &format!("    kind: yesno\n    scores: {{ yes: {y}, no: {no} }}\n")
                }
                Q::Gate => {
                    t += "    kind: yesno\n";
                    last_gate = Some((id.clone(), "true"));
                }
                Q::Text => t += "    kind: text\n",
            }
        }
        files.push(SourceFile::new(format!("{s}.yaml"), format!("{s}.yaml"), t));
    }
    files
}

fn load(spec: &Spec) -> Bank {
    let (bank, problems) = bank::check(&yaml(spec));
    bank.unwrap_or_else(|| panic!("generated bank is invalid: {problems:#?}"))
}

/// Every answer a question can take.
fn all_answers(q: &mommytrack_engine::bank::Question) -> Vec<Answer> {
    match &q.kind {
        Kind::Choice(o) => o.iter().map(|o| Answer::Choice(o.id.clone())).collect(),
        Kind::Multi(o) => (0..1u32 << o.len())
            .map(|mask| {
                Answer::Multi(
                    o.iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect(),
                )
            })
            .collect(),
        Kind::Scale(s) => (s.min..=s.max).map(Answer::Scale).collect(),
        Kind::YesNo(_) => vec![Answer::YesNo(true), Answer::YesNo(false)],
        Kind::Text => vec![Answer::Text("x".into())],
    }
}

/// A sheet from one random number per question: missing, skipped or an answer.
fn sheet(bank: &Bank, picks: &[u16]) -> AnswerSheet {
    let mut s = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let r = picks.get(i).copied().unwrap_or(0) as usize;
        let slot = match r % 6 {
            0 => Slot::Missing,
            1 => Slot::Skipped,
            _ => {
                let all = all_answers(q);
                Slot::Given(all[r / 6 % all.len()].clone())
            }
        };
        s.set(i, slot);
    }
    s
}

/// Best (or worst) answers everywhere; gates say yes so that every question is asked.
fn extreme(bank: &Bank, best: bool) -> AnswerSheet {
    let mut s = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let pick = all_answers(q).into_iter().max_by(|a, b| {
            let (va, vb) = (
                scoring::value(q, a).unwrap_or(0.0),
                scoring::value(q, b).unwrap_or(0.0),
            );
            let ord = va.total_cmp(&vb);
            if best { ord } else { ord.reverse() }
        });
        let pick = if matches!(q.kind, Kind::YesNo(None)) {
            Some(Answer::YesNo(true))
        } else {
            pick
        };
        if let Some(a) = pick {
            s.set(i, Slot::Given(a));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("MOMMYTRACK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn every_score_is_within_0_and_100(spec in spec(), picks in prop::collection::vec(any::<u16>(), 40)) {
        let bank = load(&spec);
        let e = scoring::evaluate(&bank, &sheet(&bank, &picks), Mode::Full);
        for d in &e.dimensions {
            if let Some(s) = d.score { prop_assert!((0.0..=100.0).contains(&s), "{s}"); }
            prop_assert!(d.answered <= d.asked);
        }
        if let Some(o) = e.overall { prop_assert!((0.0..=100.0).contains(&o), "{o}"); }
        prop_assert_eq!(e.overall.is_some(), e.dimensions.iter().any(|d| d.score.is_some()));
    }

    #[test]
    fn best_answers_give_100_and_worst_give_0(spec in spec()) {
        let bank = load(&spec);
        for (best, want) in [(true, 100.0), (false, 0.0)] {
            let e = scoring::evaluate(&bank, &extreme(&bank, best), Mode::Full);
            for d in &e.dimensions {
                if let Some(s) = d.score { prop_assert!((s - want).abs() < 1e-9, "{s} != {want}"); }
                prop_assert_eq!(d.answered, d.asked);
            }
            if let Some(o) = e.overall { prop_assert!((o - want).abs() < 1e-9); }
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_its_dimension(spec in spec(), picks in prop::collection::vec(any::<u16>(), 40)) {
        let bank = load(&spec);
        let base = sheet(&bank, &picks);
        let e = scoring::evaluate(&bank, &base, Mode::Full);
        for (i, q) in bank.questions.iter().enumerate() {
            let (Some(v), Some(_)) = (e.values[i], e.answer(&base, i)) else { continue };
            let before = e.dimensions[q.set].score.unwrap_or(0.0);
            for alt in all_answers(q) {
                if scoring::value(q, &alt).unwrap_or(0.0) < v { continue; }
                let mut raised = base.clone();
                raised.set(i, Slot::Given(alt));
                let after = scoring::evaluate(&bank, &raised, Mode::Full).dimensions[q.set].score.unwrap_or(0.0);
                prop_assert!(after >= before - 1e-9, "{} fell from {before} to {after}", q.id);
            }
        }
    }

    #[test]
    fn key_order_of_the_answers_file_never_changes_the_output(spec in spec(), picks in prop::collection::vec(any::<u16>(), 40), seed in any::<u64>()) {
        let bank = load(&spec);
        let map = sheet(&bank, &picks).to_json(&bank);
        let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
        // JSON values are valid YAML flow values; `{}` is an empty answers file.
        let text = |entries: &[(String, serde_json::Value)]| {
            if entries.is_empty() {
                return "{}".to_string();
            }
            entries.iter().map(|(k, v)| format!("{k}: {v}\n")).collect::<String>()
        };
        let render = |t: &str| {
            let s = answers::parse(&bank, t, std::path::Path::new("a.yaml")).expect("valid answers");
            serde_json::to_string_pretty(&result::assess(&bank, &s, Mode::Full).0).expect("JSON")
        };
        let first = render(&text(&entries));
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..entries.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            entries.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(first, render(&text(&entries)));
    }

    #[test]
    fn skipping_changes_no_other_questions_share(spec in spec(), picks in prop::collection::vec(any::<u16>(), 40)) {
        let bank = load(&spec);
        let base = sheet(&bank, &picks);
        let e = scoring::evaluate(&bank, &base, Mode::Full);
        for (i, q) in bank.questions.iter().enumerate() {
            if e.values[i].is_none() || matches!(q.kind, Kind::YesNo(None)) { continue; }
            let mut skipped = base.clone();
            skipped.set(i, Slot::Skipped);
            let s = scoring::evaluate(&bank, &skipped, Mode::Full);
            // Other dimensions are untouched.
            for (d, (a, b)) in e.dimensions.iter().zip(&s.dimensions).enumerate() {
                if d != q.set { prop_assert_eq!(a, b); }
            }
            // Its own dimension is the weighted mean of the others that remain.
            let set = &bank.sets[q.set];
            let (mut wv, mut w) = (0.0, 0.0);
            for j in set.questions.clone() {
                if j == i { continue; }
                if let Some(v) = e.values[j] { wv += bank.questions[j].weight * v; w += bank.questions[j].weight; }
            }
            let expected = (w > 0.0).then(|| 100.0 * wv / w);
            match (expected, s.dimensions[q.set].score) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
                (x, y) => prop_assert_eq!(x, y),
            }
            prop_assert_eq!(s.dimensions[q.set].asked, e.dimensions[q.set].asked);
            prop_assert_eq!(s.dimensions[q.set].answered + 1, e.dimensions[q.set].answered);
        }
    }

    #[test]
    fn levers_are_the_best_single_changes_by_full_rescoring(spec in spec(), picks in prop::collection::vec(any::<u16>(), 40)) {
        let (bank, problems) = bank::check(&yaml_gated(&spec, true));
        let bank = bank.unwrap_or_else(|| panic!("generated bank is invalid: {problems:#?}"));
        let base = sheet(&bank, &picks);
        let e = scoring::evaluate(&bank, &base, Mode::Full);
        let levers = scoring::levers(&bank, &base, &e, usize::MAX);
        // Brute force: every single change of every answered, scored question.
        let mut expected = Vec::new();
        for (i, q) in bank.questions.iter().enumerate() {
            let (Some(_), Some(current), Some(overall)) = (e.values[i], e.answer(&base, i), e.overall) else { continue };
            let mut best: Option<f64> = None;
            for alt in all_answers(q) {
                if &alt == current { continue; }
                let mut changed = base.clone();
                changed.set(i, Slot::Given(alt));
                if let Some(o) = scoring::evaluate(&bank, &changed, Mode::Full).overall
                    && o > overall + 1e-9 && best.is_none_or(|b| o > b + 1e-9) { best = Some(o); }
            }
            if let Some(b) = best { expected.push((i, b)); }
        }
        prop_assert_eq!(levers.len(), expected.len());
        for l in &levers {
            let (_, want) = expected.iter().find(|(i, _)| *i == l.question).expect("a lever for a question brute force also finds");
            prop_assert!((l.overall_to - want).abs() < 1e-6, "{}: {} vs {}", bank.questions[l.question].id, l.overall_to, want);
            let mut applied = base.clone();
            applied.set(l.question, Slot::Given(l.to.clone()));
            let o = scoring::evaluate(&bank, &applied, Mode::Full).overall.expect("a score");
            prop_assert!((o - l.overall_to).abs() < 1e-6);
        }
    }
}
