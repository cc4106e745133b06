//! Property tests of the scoring rules (docs/question-banks.md) on generated banks and
//! sheets, each checked against an independent computation from the
//! result: `min_answered`, `min_coverage`, `overall: items|dimensions`,
//! weight-0 sets, `scale_mean`, set bands, advice groups, `max_next_steps`,
//! ranks and `start_here`, and levers that agree with rescoring.

use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Bank, SourceFile};
use mommytrack_engine::result;
use mommytrack_engine::scoring::{self, Mode};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Debug, Clone)]
enum Q {
    /// 1–7, reverse-keyed or not.
    Scale(bool),
    Choice(Vec<i8>),
}

#[derive(Debug, Clone)]
struct SetSpec {
    weight: u8,
    min_answered: u8,
    bands: bool,
    questions: Vec<(Q, u8)>,
}

#[derive(Debug, Clone)]
enum When {
    Always,
    DimBelow(usize),
    DimAtLeast(usize),
    Answered(usize),
    OverallBelow,
}

#[derive(Debug, Clone)]
struct Spec {
    items: bool,
    min_coverage: u8,
    max_next_steps: u8,
    start_here: u8,
    sets: Vec<SetSpec>,
    advice: Vec<(u8, Option<u8>, When)>,
}

fn set_spec() -> impl Strategy<Value = SetSpec> {
    let q = prop_oneof![
        any::<bool>().prop_map(Q::Scale),
        prop::collection::vec(-2i8..=2, 2..4)
            .prop_filter("differ", |v| v.iter().min() != v.iter().max())
            .prop_map(Q::Choice),
    ];
    (
        0u8..=2,
        0u8..=3,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((q, 1u8..=2), 1..5),
    )
        .prop_map(|(weight, min_answered, bands, all_scale, mut questions)| {
            if all_scale {
                for (q, _) in &mut questions {
                    if let Q::Choice(_) = q {
                        *q = Q::Scale(false);
                    }
                }
            }
            SetSpec {
                weight,
                min_answered,
                bands,
                questions,
            }
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    let when = prop_oneof![
        Just(When::Always),
        (0usize..4).prop_map(When::DimBelow),
        (0usize..4).prop_map(When::DimAtLeast),
        (0usize..20).prop_map(When::Answered),
        Just(When::OverallBelow),
    ];
    (
        any::<bool>(),
        0u8..3,
        1u8..=6,
        0u8..=4,
        prop::collection::vec(set_spec(), 1..4),
        prop::collection::vec((1u8..=4, prop::option::of(0u8..2), when), 0..9),
    )
        .prop_map(
            |(items, min_coverage, max_next_steps, start_here, sets, advice)| Spec {
                items,
                min_coverage,
                max_next_steps,
                start_here,
                sets,
                advice,
            },
        )
}

const COVERAGES: [f64; 3] = [0.0, 0.5, 0.8];

fn n_questions(spec: &Spec) -> usize {
    spec.sets.iter().map(|s| s.questions.len()).sum()
}

fn files(spec: &Spec) -> Vec<SourceFile> {
    let n = n_questions(spec);
    let mut settings = format!(
        "title: Generated\noverall: {}\nmin_coverage: {}\nmax_next_steps: {}\nstart_here: {}\nbands:\n  - {{ verdict: good, min: 60, label: Good }}\n  - {{ verdict: bad, min: 0, label: Bad }}\nadvice:\n",
        if spec.items { "items" } else { "dimensions" },
        COVERAGES[spec.min_coverage as usize],
        spec.max_next_steps,
        spec.start_here
    );
    for (i, (priority, group, when)) in spec.advice.iter().enumerate() {
        settings += &format!("  - id: a{i}\n    title: A{i}\n    priority: {priority}\n");
        if let Some(g) = group {
            settings += &format!("    group: g{g}\n");
        }
        let sets = spec.sets.len();
        match when {
            When::Always => {}
            When::DimBelow(s) => {
                settings += &format!("    when: {{ dimension: s{}, below: 50 }}\n", s % sets)
            }
            When::DimAtLeast(s) => {
                settings += &format!("    when: {{ dimension: s{}, at_least: 50 }}\n", s % sets)
            }
            When::Answered(q) => {
                settings += &format!("    when: {{ answer: q{}, answered: true }}\n", q % n)
            }
            When::OverallBelow => settings += "    when: { overall: { below: 50 } }\n",
        }
    }
    let mut out = vec![SourceFile::new("bank.yaml", "bank.yaml", settings)];
    let mut n = 0;
    for (s, set) in spec.sets.iter().enumerate() {
        let mut t = format!(
            "id: s{s}\ntitle: S{s}\nweight: {}\nmin_answered: {}\n",
            set.weight, set.min_answered
        );
        if set.bands {
            t += "bands:\n  - { verdict: high, min: 50, label: High }\n  - { verdict: low, min: 0, label: Low }\n";
        }
        t += "questions:\n";
        for (q, w) in &set.questions {
            t += &format!("  - id: q{n}\n    prompt: \"q{n}\"\n    weight: {w}\n");
            n += 1;
            match q {
                Q::Scale(reverse) => {
                    t += &format!(
                        "    kind: scale\n    scale: {{ min: 1, max: 7 }}\n    reverse: {reverse}\n"
                    )
                }
                Q::Choice(scores) => {
                    t += "    kind: choice\n    options:\n";
                    for (k, sc) in scores.iter().enumerate() {
                        t += &format!("      - {{ id: o{k}, label: O{k}, score: {sc} }}\n");
                    }
                }
            }
        }
        out.push(SourceFile::new(
            format!("s{s}.yaml"),
            format!("s{s}.yaml"),
            t,
        ));
    }
    out
}

/// `picks[i]`: 0 skips question i; otherwise picks an answer.
fn sheet(bank: &Bank, picks: &[u8]) -> AnswerSheet {
    let mut s = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let p = picks.get(i).copied().unwrap_or(0);
        if p == 0 {
            continue;
        }
        let a = match &q.kind {
            bank::Kind::Scale(_) => Answer::Scale(1 + i64::from(p % 7)),
            bank::Kind::Choice(opts) => Answer::Choice(opts[p as usize % opts.len()].id.clone()),
            _ => continue,
        };
        s.set(i, Slot::Given(a));
    }
    s
}

fn f(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// `got` is `want` rounded to a step of `2 * half`: the engine and this
/// test sum in different orders, so a value on a rounding boundary may go
/// either way.
fn near(got: f64, want: f64, half: f64) -> bool {
    (got - want).abs() <= half + 1e-9
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(200),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn section_6_rules_hold_on_generated_banks(spec in spec(), picks in prop::collection::vec(0u8..8, 20)) {
        let (bank, problems) = bank::check(&files(&spec));
        let bank = bank.unwrap_or_else(|| panic!("generated bank is valid: {problems:?}"));
        let sheet = sheet(&bank, &picks);
        let (res, eval) = result::assess(&bank, &sheet, Mode::Full);
        let r = serde_json::to_value(&res).unwrap();

        // Dimensions: scores, min_answered, scale means and bands.
        let (mut items_wv, mut items_w) = (0.0, 0.0);
        let (mut dims_ws, mut dims_w) = (0.0, 0.0);
        let mut n = 0;
        for (s, set) in spec.sets.iter().enumerate() {
            let d = &r["dimensions"][s];
            let (mut wv, mut w, mut answered, mut mean_sum) = (0.0, 0.0, 0usize, 0.0);
            for (q, qw) in &set.questions {
                let qw = f64::from(*qw);
                if let Some(a) = sheet.get(n) {
                    let v = match (q, a) {
                        (Q::Scale(rev), Answer::Scale(x)) => {
                            let x = if *rev { 8 - x } else { *x } as f64;
                            mean_sum += qw * x;
                            (x - 1.0) / 6.0
                        }
                        (Q::Choice(scores), Answer::Choice(o)) => {
                            let k: usize = o[1..].parse().unwrap();
                            let lo = f64::from(*scores.iter().min().unwrap());
                            let hi = f64::from(*scores.iter().max().unwrap());
                            (f64::from(scores[k]) - lo) / (hi - lo)
                        }
                        _ => unreachable!(),
                    };
                    wv += qw * v;
                    w += qw;
                    answered += 1;
                }
                n += 1;
            }
            prop_assert_eq!(d["answered"].as_u64(), Some(answered as u64));
            let has_score = answered >= usize::from(set.min_answered).max(1);
            let all_scale = set.questions.iter().all(|(q, _)| matches!(q, Q::Scale(_)));
            if has_score {
                let score = 100.0 * wv / w;
                prop_assert!(near(f(&d["score"]).unwrap(), score, 0.05), "{} vs {}", d["score"], score);
                if all_scale {
                    prop_assert!(near(f(&d["scale_mean"]).unwrap(), mean_sum / w, 0.005));
                }
                // On the boundary itself the two sums may differ in the last bit.
                if set.bands && (score - 50.0).abs() > 1e-9 {
                    prop_assert_eq!(&d["verdict"], if score >= 50.0 { "high" } else { "low" });
                }
                if set.weight > 0 {
                    items_wv += 100.0 * wv;
                    items_w += w;
                    dims_ws += f64::from(set.weight) * score;
                    dims_w += f64::from(set.weight);
                }
            } else {
                prop_assert!(d["score"].is_null());
                prop_assert!(d.get("scale_mean").is_none() && d.get("verdict").is_none());
            }
            prop_assert_eq!(d.get("scale").is_some(), all_scale);
        }

        // The overall, by items or by dimensions, and the withheld verdict.
        let overall = if spec.items {
            (items_w > 0.0).then(|| items_wv / items_w)
        } else {
            (dims_w > 0.0).then(|| dims_ws / dims_w)
        };
        match overall {
            Some(o) => prop_assert!(near(f(&r["overall"]["score"]).unwrap(), o, 0.05)),
            None => prop_assert!(r["overall"]["score"].is_null()),
        }
        let asked = r["coverage"]["asked"].as_u64().unwrap() as f64;
        let answered = r["coverage"]["answered"].as_u64().unwrap() as f64;
        let withheld = overall.is_some() && answered < COVERAGES[spec.min_coverage as usize] * asked;
        prop_assert_eq!(r["overall"]["withheld"] == "coverage", withheld);
        prop_assert_eq!(r["overall"]["verdict"].is_null(), overall.is_none() || withheld);

        // Next steps: the holding entries by priority then bank order, one
        // per group, capped, ranked, the first `start_here` marked.
        let holds = |w: &When| -> bool {
            let sets = spec.sets.len();
            let dim = |s: usize| f(&r["dimensions"][s % sets]["score"]);
            match w {
                When::Always => true,
                // Compared on the published (one-decimal) score, as the engine does.
                When::DimBelow(s) => eval.dimensions[s % sets].score.is_some_and(|x| scoring::published(x) < 50.0) && dim(*s).is_some(),
                When::DimAtLeast(s) => eval.dimensions[s % sets].score.is_some_and(|x| scoring::published(x) >= 50.0),
                When::Answered(q) => sheet.get(q % n_questions(&spec)).is_some(),
                When::OverallBelow => eval.overall.is_some_and(|x| scoring::published(x) < 50.0),
            }
        };
        let mut holding: Vec<usize> = (0..spec.advice.len()).filter(|&i| holds(&spec.advice[i].2)).collect();
        holding.sort_by_key(|&i| spec.advice[i].0);
        let mut want = Vec::new();
        let mut groups = Vec::new();
        for i in holding {
            if want.len() == usize::from(spec.max_next_steps) {
                break;
            }
            if let Some(g) = spec.advice[i].1 {
                if groups.contains(&g) {
                    continue;
                }
                groups.push(g);
            }
            want.push(format!("a{i}"));
        }
        let steps = r["next_steps"].as_array().unwrap();
        let got: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
        prop_assert_eq!(got, want.iter().map(String::as_str).collect::<Vec<_>>());
        for (k, s) in steps.iter().enumerate() {
            prop_assert_eq!(s["rank"].as_u64(), Some(k as u64 + 1));
            prop_assert_eq!(s["start_here"].as_bool(), Some(k < usize::from(spec.start_here)));
        }

        // Levers agree with rescoring under these rules.
        if let Some(overall) = eval.overall {
            for l in scoring::levers(&bank, &sheet, &eval, usize::MAX) {
                let mut changed = sheet.clone();
                changed.set(l.question, Slot::Given(l.to.clone()));
                let again = scoring::evaluate(&bank, &changed, Mode::Full).overall;
                prop_assert!(again.is_some_and(|o| (o - l.overall_to).abs() < 1e-6 && o > overall), "{:?} vs {:?}", l, again);
            }
        }
    }
}
