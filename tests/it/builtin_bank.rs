//! The built-in bank (issue 3): valid, big enough, balanced, every advice
//! entry reachable and distinct, best answers positive and worst sidelined.

use std::collections::BTreeSet;

use crate::bank_fit::red_flag;
use crate::harness::*;
use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Bank, BankSource, Kind, Question};
use mommytrack_engine::result::{self, AssessmentResult};
use mommytrack_engine::scoring::{self, Mode};

fn builtin() -> Bank {
    let (bank, warnings) = bank::load(&BankSource::BuiltIn).expect("the built-in bank loads");
    assert!(warnings.is_empty(), "built-in bank warnings: {warnings:#?}");
    bank
}

#[test]
fn validate_passes_on_the_built_in_bank() {
    mt().arg("validate")
        .assert()
        .success()
        .stdout(predicates::str::contains("the built-in bank is valid"));
}

#[test]
fn the_counts_of_issue_3_hold() {
    let out = stdout_of(mt().args(["questions", "--format", "json"]));
    let j: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let c = &j["counts"];
    let n = |k: &str| c[k].as_u64().unwrap_or(0);
    assert!(n("sets") >= 8, "sets: {c}");
    assert!(n("questions") >= 45, "questions: {c}");
    assert!(n("core") >= 12, "core: {c}");
    assert!(n("red_flags") + n("green_flags") >= 12, "flags: {c}");
    assert!(n("red_flags") > 0 && n("green_flags") > 0, "flags: {c}");
    assert!(n("capping_flags") > 0, "capping flags: {c}");
    assert!(n("advice") >= 25, "advice: {c}");
    assert!(n("conditional") > 0, "conditional follow-ups: {c}");
    for kind in ["choice", "multi", "scale", "yesno", "text"] {
        assert!(
            c["by_kind"][kind].as_u64().unwrap_or(0) > 0,
            "no {kind} question: {c}"
        );
    }
    let bank = builtin();
    assert!(
        bank.questions
            .iter()
            .any(|q| matches!(&q.kind, Kind::Scale(s) if s.reverse)),
        "no reverse-coded scale"
    );
}

/// Quick mode is a short form: every "About you" question, then the core
/// questions, which are what every must-say step depends on plus what
/// keeps quick's verdict faithful to the full run (issue 18; the figures
/// are in `quick_fidelity`). It stays well under the full run: at most two
/// thirds of its time, counting every core question as if asked.
#[test]
fn quick_mode_is_a_short_form() {
    use mommytrack_engine::{estimate, scoring::Mode};
    let bank = builtin();
    let about = bank
        .sets
        .iter()
        .position(|s| s.id == "about")
        .expect("an about set");
    assert_eq!(bank.sets[0].id, "about", "the About you set comes first");
    let about_questions: Vec<_> = bank.questions.iter().filter(|q| q.set == about).collect();
    assert!(
        about_questions.iter().all(|q| q.core),
        "every profile question is asked in --quick"
    );
    let (quick, full) = (
        estimate::minutes(&bank, Mode::Quick),
        estimate::minutes(&bank, Mode::Full),
    );
    assert!(quick * 3 <= full * 2, "quick {quick} min, full {full} min");
}

fn answer_value(q: &Question, a: &Answer) -> f64 {
    scoring::value(q, a).unwrap_or(0.5)
}

/// Every answer a question can take (multi: none, each alone, all positive, all).
fn answers_of(q: &Question) -> Vec<Answer> {
    match &q.kind {
        Kind::Choice(o) => o.iter().map(|o| Answer::Choice(o.id.clone())).collect(),
        Kind::Multi(o) => {
            let mut v = vec![Answer::Multi(vec![])];
            v.extend(o.iter().map(|o| Answer::Multi(vec![o.id.clone()])));
            v.push(Answer::Multi(
                o.iter()
                    .filter(|o| o.score.unwrap_or(0.0) > 0.0)
                    .map(|o| o.id.clone())
                    .collect(),
            ));
            v.push(Answer::Multi(
                o.iter()
                    .filter(|o| o.score.unwrap_or(0.0) < 0.0)
                    .map(|o| o.id.clone())
                    .collect(),
            ));
            v.push(Answer::Multi(o.iter().map(|o| o.id.clone()).collect()));
            v
        }
        Kind::Scale(s) => (s.min..=s.max).map(Answer::Scale).collect(),
        Kind::YesNo(_) => vec![Answer::YesNo(true), Answer::YesNo(false)],
        Kind::Text => vec![Answer::Text("A note".into())],
    }
}

/// The best (or worst) answer to every question; unscored questions take the
/// answer that raises no red flag (or the one that does).
fn extreme(bank: &Bank, best: bool) -> AnswerSheet {
    let mut sheet = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let mut all = answers_of(q);
        all.sort_by(|a, b| {
            let key = |x: &Answer| (answer_value(q, x), !red_flag(bank, q, x) as u8 as f64);
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        });
        let pick = if best {
            all.pop()
        } else {
            all.into_iter().next()
        };
        if let Some(a) = pick {
            sheet.set(i, Slot::Given(a));
        }
    }
    sheet
}

#[test]
fn best_answers_give_positive_with_no_red_flag_and_worst_give_sidelined() {
    let bank = builtin();
    let (best, _) = result::assess(&bank, &extreme(&bank, true), Mode::Full);
    assert_eq!(
        best.overall.verdict.as_deref(),
        Some("positive"),
        "{:?}",
        best.overall
    );
    let reds: Vec<&str> = best
        .flags
        .iter()
        .filter(|f| f.severity == "red")
        .map(|f| f.id.as_str())
        .collect();
    assert!(reds.is_empty(), "best answers raise red flags {reds:?}");
    let (worst, _) = result::assess(&bank, &extreme(&bank, false), Mode::Full);
    assert_eq!(
        worst.overall.verdict.as_deref(),
        Some("sidelined"),
        "{:?}",
        worst.overall
    );
    let (b, _) = result::assess(&bank, &extreme(&bank, true), Mode::Quick);
    assert_eq!(
        b.overall.verdict.as_deref(),
        Some("positive"),
        "quick best: {:?}",
        b.overall
    );
    let (w, _) = result::assess(&bank, &extreme(&bank, false), Mode::Quick);
    assert_eq!(
        w.overall.verdict.as_deref(),
        Some("sidelined"),
        "quick worst: {:?}",
        w.overall
    );
}

/// A deterministic pseudo-random answer sheet.
fn random_sheet(bank: &Bank, seed: u64) -> AnswerSheet {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut sheet = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let all = answers_of(q);
        let r = next();
        if r % 7 == 0 {
            continue;
        }
        sheet.set(i, Slot::Given(all[(r / 7) as usize % all.len()].clone()));
    }
    sheet
}

#[test]
fn every_advice_entry_fires_for_some_persona_or_generated_answers() {
    let bank = builtin();
    let mut fired: BTreeSet<String> = BTreeSet::new();
    let mut record = |r: &AssessmentResult| fired.extend(r.next_steps.iter().map(|s| s.id.clone()));
    for best in [true, false] {
        for mode in [Mode::Full, Mode::Quick] {
            record(&result::assess(&bank, &extreme(&bank, best), mode).0);
        }
    }
    let personas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    for entry in std::fs::read_dir(personas).expect("personas") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".answers.yaml") {
            let text = std::fs::read_to_string(&path).expect("read");
            let sheet = mommytrack_engine::answers::parse(&bank, &text, &path)
                .expect("persona answers are valid");
            record(&result::assess(&bank, &sheet, Mode::Full).0);
        }
    }
    // A result's next steps are its evaluation's, in full mode: the
    // generated sheets need only the evaluation.
    for seed in 0..3000 {
        let e = scoring::evaluate(&bank, &random_sheet(&bank, seed), Mode::Full);
        fired.extend(
            e.next_steps
                .iter()
                .map(|s| bank.advice[s.advice].id.clone()),
        );
    }
    let never: Vec<&str> = bank
        .advice
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(
        never.is_empty(),
        "advice entries no answers trigger: {never:?}"
    );
}

/// A text with its length in characters and how often each character and
/// each run of three characters occurs, counted once per text for
/// [`nearly_the_same`]'s quick bound.
struct Counted {
    text: String,
    len: usize,
    chars: Vec<(char, usize)>,
    trigrams: Vec<([char; 3], usize)>,
}

impl Counted {
    fn of(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        Counted {
            text: text.to_string(),
            len: chars.len(),
            chars: tally(chars.clone()),
            trigrams: tally(chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()),
        }
    }
}

/// How often each item occurs, sorted by item.
fn tally<T: Ord>(mut items: Vec<T>) -> Vec<(T, usize)> {
    items.sort_unstable();
    let mut out: Vec<(T, usize)> = Vec::new();
    for x in items {
        match out.last_mut() {
            Some((last, n)) if *last == x => *n += 1,
            _ => out.push((x, 1)),
        }
    }
    out
}

/// The items one tally holds more often than the other, counted with
/// repeats, over both (the size of the multiset difference).
fn unshared<T: Ord>(a: &[(T, usize)], b: &[(T, usize)]) -> usize {
    use std::cmp::Ordering::*;
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Less => (n, i) = (n + a[i].1, i + 1),
            Greater => (n, j) = (n + b[j].1, j + 1),
            Equal => (n, i, j) = (n + a[i].1.abs_diff(b[j].1), i + 1, j + 1),
        }
    }
    n + a[i..].iter().map(|c| c.1).sum::<usize>() + b[j..].iter().map(|c| c.1).sum::<usize>()
}

/// Whether two texts are at least 80% alike by normalized Levenshtein
/// similarity. One edit changes the length by at most one, and removes and
/// adds at most one character and three runs of three characters, so the
/// distance is at least the difference of the lengths, half the characters
/// the two do not share and a sixth of the runs they do not share: most
/// pairs are told apart without the quadratic distance.
fn nearly_the_same(a: &Counted, b: &Counted) -> bool {
    let longest = a.len.max(b.len) as f64;
    let at_least = (a.len.abs_diff(b.len) as f64)
        .max(unshared(&a.chars, &b.chars) as f64 / 2.0)
        .max(unshared(&a.trigrams, &b.trigrams) as f64 / 6.0);
    (longest == 0.0 || 1.0 - at_least / longest >= 0.8)
        && strsim::normalized_levenshtein(&a.text, &b.text) >= 0.8
}

/// [`nearly_the_same`] for two texts.
fn alike(a: &str, b: &str) -> bool {
    nearly_the_same(&Counted::of(a), &Counted::of(b))
}

#[test]
fn the_quick_bound_never_hides_a_near_copy() {
    let a = "ask your manager for a trial period of three months";
    assert!(alike(
        a,
        "ask your manager for a trial period of two months"
    ));
    assert!(alike("", ""));
    assert!(!alike(a, "write down what a normal week costs you"));
    assert!(!alike(a, &a[..30]));
    // Edited copies of real details, from one edit to many: the quick
    // bound agrees with the exact similarity on every side of 0.8.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    let (mut near, mut far) = (0, 0);
    for a in builtin().advice.iter().take(20) {
        let original: Vec<char> = a.detail.chars().collect();
        // Edits per 100 characters.
        for per_100 in [1, 5, 10, 15, 18, 20, 22, 25, 30, 40] {
            let mut copy = original.clone();
            for _ in 0..original.len() * per_100 / 100 {
                let at = next(copy.len());
                match next(3) {
                    0 => copy.insert(at, 'x'),
                    1 if !copy.is_empty() => _ = copy.remove(at),
                    _ if !copy.is_empty() => copy[at] = 'q',
                    _ => {}
                }
            }
            let copy: String = copy.into_iter().collect();
            let exact = strsim::normalized_levenshtein(&a.detail, &copy) >= 0.8;
            assert_eq!(alike(&a.detail, &copy), exact, "{}: {copy}", a.id);
            (near, far) = if exact {
                (near + 1, far)
            } else {
                (near, far + 1)
            };
        }
    }
    assert!(near > 20 && far > 20, "near copies {near}, far ones {far}");
}

#[test]
fn no_two_advice_entries_say_the_same_thing() {
    let bank = builtin();
    let norm = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Region variants of one step (`leave_rights_us`, `leave_rights_uk`,
    // `leave_rights`) share a title: only one of them is ever given.
    let base = |id: &str| {
        ["_us", "_uk", "_eu", "_au", "_ca"]
            .iter()
            .find_map(|s| id.strip_suffix(s))
            .unwrap_or(id)
            .to_string()
    };
    let entries: Vec<_> = bank
        .advice
        .iter()
        .map(|a| {
            (
                a,
                base(&a.id),
                norm(&a.title),
                Counted::of(&norm(&a.detail)),
            )
        })
        .collect();
    for (i, (a, a_base, a_title, a_detail)) in entries.iter().enumerate() {
        assert!(!a.detail.trim().is_empty(), "{} has no detail", a.id);
        for (b, b_base, b_title, b_detail) in &entries[i + 1..] {
            // Entries of one group never appear together: variants of one step.
            if a_base == b_base
                || (a.group.is_some()
                    && a.group == b.group
                    && !a.title.is_empty()
                    && strsim::normalized_levenshtein(a_title, b_title) > 0.6)
            {
                assert_ne!(a_detail.text, b_detail.text, "{} and {}", a.id, b.id);
                continue;
            }
            assert_ne!(a_title, b_title, "{} and {} share a title", a.id, b.id);
            assert!(
                !nearly_the_same(a_detail, b_detail),
                "{} and {} say nearly the same ({:.2})",
                a.id,
                b.id,
                strsim::normalized_levenshtein(&a_detail.text, &b_detail.text)
            );
        }
    }
}

#[test]
fn every_flag_can_be_raised_and_advice_about_law_disclaims_legal_advice() {
    let bank = builtin();
    for (f, flag) in bank.flags.iter().enumerate() {
        let raised = bank
            .questions
            .iter()
            .any(|q| q.kind.options().iter().any(|o| o.flag == Some(f)));
        assert!(raised, "no option raises {}", flag.id);
    }
    let disclaimer = bank.disclaimer.as_deref().unwrap_or("").to_lowercase();
    assert!(
        disclaimer.contains("legal advice"),
        "the bank must say it gives no legal advice"
    );
}

#[test]
fn wording_speaks_to_any_parent() {
    let bank = builtin();
    let mut texts: Vec<(String, String)> = Vec::new();
    for q in &bank.questions {
        texts.push((q.id.clone(), q.prompt.clone()));
        texts.extend(q.help.iter().map(|h| (q.id.clone(), h.clone())));
        texts.extend(
            q.kind
                .options()
                .iter()
                .map(|o| (q.id.clone(), o.label.clone())),
        );
    }
    for a in &bank.advice {
        texts.push((a.id.clone(), format!("{} {}", a.title, a.detail)));
    }
    for (id, text) in texts {
        let t = text.to_lowercase();
        for word in ["husband", " wife", "your man ", "as a mother", "as a mom"] {
            assert!(
                !t.contains(word),
                "{id} assumes the reader's family: {text:?}"
            );
        }
    }
}

#[test]
fn sets_and_sourced_facts_cite_their_sources() {
    let bank = builtin();
    for s in &bank.sets {
        assert!(!s.source.is_empty(), "set {} has no source", s.id);
    }
    for a in &bank.advice {
        let d = a.detail.to_lowercase();
        let states_law = [
            "fmla",
            "title vii",
            "eeoc",
            "pregnant workers fairness",
            "pump act",
        ]
        .iter()
        .any(|k| d.contains(k));
        if states_law {
            assert!(
                !a.source.is_empty(),
                "{} states a legal fact without a source",
                a.id
            );
        }
    }
}

/// Issue 3's topics, each with the questions that ask about it, so that a
/// reader of the bank can point to them and a rename cannot drop a topic.
#[test]
fn every_topic_of_issue_3_is_asked_about() {
    let topics: &[(&str, &[&str])] = &[
        ("how intense the field is", &["culture_field_intensity"]),
        ("how intense the company is", &["culture_employer_vs_field"]),
        (
            "a comparable, less intense employer",
            &["culture_calmer_alternative"],
        ),
        (
            "what senior leaders signal about family",
            &["culture_leaders_signals", "culture_leaders_parents"],
        ),
        (
            "parents get interesting work",
            &["parents_interesting_work"],
        ),
        ("parents get promoted", &["parents_promoted"]),
        (
            "leaving early counts against parents",
            &["parents_leave_early"],
        ),
        (
            "what happens to users of flexible arrangements",
            &["parents_flex_users"],
        ),
        ("sponsors", &["parents_sponsor"]),
        ("the manager: hard / flexible / in between", &["mgr_stance"]),
        (
            "what to tell the manager about appointments",
            &["mgr_appointments"],
        ),
        ("transfer options", &["mgr_transfer"]),
        (
            "the people 5-15 years ahead (for those aiming up)",
            &["trade_people_ahead"],
        ),
        (
            "room to hold steady or step back (issue 9)",
            &["trade_level_fit"],
        ),
        (
            "the profile: route, household, work pattern, region, intent (issue 9)",
            &[
                "about_parent_route",
                "about_household",
                "about_work_pattern",
                "about_region",
                "about_career_intent",
            ],
        ),
        (
            "shift work: a say in the rota, swaps, notice (issue 9)",
            &["flex_shift_pattern", "flex_available"],
        ),
        (
            "having the flexibility you need (issue 9)",
            &["flex_enough"],
        ),
        (
            "gender assumptions; fathers taking leave (seed 004)",
            &["culture_gender_flex"],
        ),
        (
            "guilt and the emotional return (seed 003)",
            &["sup_return_feelings"],
        ),
        ("back from a career break (seed 003)", &["about_stage"]),
        (
            "travel and pumping on return (seed 002)",
            &["sup_travel_soon", "str_breastfeeding", "str_lactation"],
        ),
        (
            "which skills and experience matter most",
            &["trade_key_skills"],
        ),
        (
            "how much to give up, and for how long",
            &["trade_give_up", "trade_horizon"],
        ),
        (
            "remote days without stigma",
            &["flex_remote_normal", "flex_available"],
        ),
        (
            "part-time taken seriously",
            &["flex_pt_view", "flex_pt_workload"],
        ),
        ("informal flexibility", &["flex_informal"]),
        (
            "flexible hours, job share, lateral moves",
            &["flex_available"],
        ),
        (
            "access depending on the manager",
            &["flex_manager_dependent"],
        ),
        ("returning-parent groups", &["sup_parent_group"]),
        ("the colleague who knows everything", &["sup_go_to_person"]),
        ("family and friends", &["sup_backup_people"]),
        (
            "how duties are split at home",
            &["home_split", "home_mental_load"],
        ),
        ("whether the split feels fair to both", &["home_fair"]),
        ("what alternative work means at home", &["home_alt_work"]),
        (
            "affordable, reliable childcare",
            &["str_childcare", "str_cost_vs_pay"],
        ),
        ("backup care for sick days", &["str_sick_days"]),
        ("paid leave", &["str_paid_leave"]),
        ("after-school care", &["str_after_school"]),
        ("health cover", &["str_health_cover"]),
        (
            "working from home / freelancing as a path",
            &["alt_considering", "alt_kind"],
        ),
        (
            "value proposition and boundaries",
            &["alt_value", "alt_boundaries"],
        ),
    ];
    let bank = builtin();
    for (topic, ids) in topics {
        for id in *ids {
            assert!(
                bank.question(id).is_some(),
                "topic {topic:?}: no question {id}"
            );
        }
    }
    let flex = bank.question("flex_available").expect("flex_available");
    for option in [
        "hours",
        "job_share",
        "lateral",
        "own_rota",
        "shift_swaps",
        "schedule_ahead",
    ] {
        assert!(
            flex.kind.options().iter().any(|o| o.id.contains(option)),
            "flex_available lacks an option about {option}"
        );
    }
}

/// The built-in bank is read from its build-time JSON form; it must be the
/// same bank as `questions/` read as YAML.
#[test]
fn the_embedded_bank_equals_the_questions_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let embedded = stdout_of(mt().args(["questions", "--format", "json"]));
    let from_yaml = stdout_of(
        mt().args(["questions", "--format", "json", "--bank"])
            .arg(&dir),
    );
    assert_eq!(embedded, from_yaml);
    let persona = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/personas/returning_after_leave_mixed.answers.yaml");
    let run = |bank: Option<&std::path::Path>| {
        let mut c = mt();
        c.args(["assess", "--format", "json", "--answers"])
            .arg(&persona);
        if let Some(b) = bank {
            c.arg("--bank").arg(b);
        }
        stdout_of(&mut c)
    };
    assert_eq!(run(None), run(Some(&dir)));
}
