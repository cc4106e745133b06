//! Issue 9: the built-in bank fits the person in front of it. Property
//! tests over random answer sheets (no sheet gets more than 12 next steps;
//! the "About you" profile never changes a score except through which
//! questions are asked; the best answers are Positive with no red flag for
//! every profile), and checks on sources (every advice entry and scored
//! question has one; every seed it cites exists, under its real title).

use std::collections::BTreeMap;

use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Bank, BankSource, Kind, Question, Severity};
use mommytrack_engine::result;
use mommytrack_engine::scoring::{self, Mode};
use proptest::prelude::*;

/// The built-in bank, loaded once for all cases.
pub(crate) fn builtin() -> &'static Bank {
    static BANK: std::sync::OnceLock<Bank> = std::sync::OnceLock::new();
    BANK.get_or_init(|| {
        let (bank, warnings) = bank::load(&BankSource::BuiltIn).expect("the built-in bank loads");
        assert!(warnings.is_empty(), "built-in bank warnings: {warnings:#?}");
        bank
    })
}

const PROFILE: [&str; 5] = [
    "about_parent_route",
    "about_household",
    "about_work_pattern",
    "about_region",
    "about_career_intent",
];

/// Every answer a question can take (multi: none, each alone, all).
fn answers_of(q: &Question) -> Vec<Answer> {
    match &q.kind {
        Kind::Choice(o) => o.iter().map(|o| Answer::Choice(o.id.clone())).collect(),
        Kind::Multi(o) => {
            let mut v = vec![Answer::Multi(vec![])];
            v.extend(o.iter().map(|o| Answer::Multi(vec![o.id.clone()])));
            v.push(Answer::Multi(o.iter().map(|o| o.id.clone()).collect()));
            v
        }
        Kind::Scale(s) => (s.min..=s.max).map(Answer::Scale).collect(),
        Kind::YesNo(_) => vec![Answer::YesNo(true), Answer::YesNo(false)],
        Kind::Text => vec![Answer::Text("A note".into())],
    }
}

/// A sheet drawn from `picks`: for each question, `None` skips it, `Some(n)`
/// takes its n-th possible answer (modulo the count).
pub(crate) fn sheet_from(bank: &Bank, picks: &[Option<usize>]) -> AnswerSheet {
    let mut sheet = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        if let Some(Some(n)) = picks.get(i) {
            let all = answers_of(q);
            sheet.set(i, Slot::Given(all[n % all.len()].clone()));
        }
    }
    sheet
}

pub(crate) fn picks(n: usize) -> impl Strategy<Value = Vec<Option<usize>>> {
    proptest::collection::vec(proptest::option::weighted(0.85, 0usize..64), n)
}

fn profile_index(bank: &Bank) -> Vec<usize> {
    PROFILE
        .iter()
        .map(|id| {
            bank.questions
                .iter()
                .position(|q| q.id == *id)
                .unwrap_or_else(|| panic!("no question {id}"))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// No answer sheet, in full or quick mode, gets more than 12 next steps.
    #[test]
    fn no_sheet_gets_more_than_twelve_next_steps(p in picks(128)) {
        let bank: &Bank = builtin();
        let sheet = sheet_from(bank, &p);
        for mode in [Mode::Full, Mode::Quick] {
            let (r, _) = result::assess(bank, &sheet, mode);
            prop_assert!(r.next_steps.len() <= 12, "{} next steps: {:?}", r.next_steps.len(),
                r.next_steps.iter().map(|s| &s.id).collect::<Vec<_>>());
        }
    }

    /// Two sheets that differ only in their profile answers score the same
    /// on every question both of them ask: restricted to those questions,
    /// every dimension and the overall are equal.
    #[test]
    fn profile_answers_change_scores_only_through_which_questions_are_asked(
        p in picks(128), a in picks(5), b in picks(5)
    ) {
        let bank: &Bank = builtin();
        let prof = profile_index(bank);
        let with_profile = |pp: &[Option<usize>]| {
            let mut all = p.clone();
            all.resize(bank.questions.len(), None);
            for (k, &q) in prof.iter().enumerate() {
                all[q] = pp[k];
            }
            all
        };
        let (pa, pb) = (with_profile(&a), with_profile(&b));
        let ea = scoring::evaluate(bank, &sheet_from(bank, &pa), Mode::Full);
        let eb = scoring::evaluate(bank, &sheet_from(bank, &pb), Mode::Full);
        // Every question both sheets ask has the same value in both.
        for (i, q) in bank.questions.iter().enumerate() {
            if ea.asked[i] && eb.asked[i] {
                prop_assert_eq!(ea.values[i], eb.values[i], "question {}", q.id);
            }
        }
        // So each dimension, restricted to the questions both ask, scores the same.
        for (d, set) in bank.sets.iter().enumerate() {
            let restricted = |e: &scoring::Evaluation| {
                let (mut num, mut den) = (0.0, 0.0);
                for (i, q) in bank.questions.iter().enumerate() {
                    if q.set == d && ea.asked[i] && eb.asked[i]
                        && let Some(v) = e.values[i] {
                            num += q.weight * v;
                            den += q.weight;
                        }
                }
                (den > 0.0).then(|| num / den)
            };
            prop_assert_eq!(restricted(&ea), restricted(&eb), "dimension {}", set.id);
        }
        // And where the profile changes nothing about which questions are
        // asked, every score and the verdict are the same.
        if ea.asked == eb.asked {
            prop_assert_eq!(&ea.dimensions, &eb.dimensions);
            prop_assert_eq!(ea.overall, eb.overall);
            prop_assert_eq!(ea.band, eb.band);
        }
        // The region decides only which unscored region-detail questions are
        // asked (for the rights next steps), so changing only the region
        // asks the same scored questions and changes no score at all.
        let mut pc = pa.clone();
        pc[prof[3]] = b[3];
        let ec = scoring::evaluate(bank, &sheet_from(bank, &pc), Mode::Full);
        let scored_asked = |e: &scoring::Evaluation| -> Vec<bool> {
            bank.questions
                .iter()
                .zip(&e.asked)
                .map(|(q, &asked)| asked && q.is_scored())
                .collect()
        };
        prop_assert_eq!(scored_asked(&ea), scored_asked(&ec));
        prop_assert_eq!(&ea.dimensions, &ec.dimensions);
        prop_assert_eq!(ea.overall, ec.overall);
        // And the profile questions themselves are never scored.
        for &q in &prof {
            prop_assert!(ea.values[q].is_none() && eb.values[q].is_none());
        }
    }
}

/// Whether answer `a` to `q` raises a red flag.
pub(crate) fn red_flag(bank: &Bank, q: &Question, a: &Answer) -> bool {
    let raises = |id: &String| {
        q.option(id)
            .and_then(|o| o.flag)
            .is_some_and(|f| bank.flags[f].severity == Severity::Red)
    };
    match a {
        Answer::Choice(o) => raises(o),
        Answer::Multi(os) => os.iter().any(raises),
        _ => false,
    }
}

/// The best answer to every question (unscored ones: one raising no red flag).
fn best(bank: &Bank) -> AnswerSheet {
    let mut sheet = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        let mut all = answers_of(q);
        if let Kind::Multi(o) = &q.kind {
            all.push(Answer::Multi(
                o.iter()
                    .filter(|o| o.score.unwrap_or(0.0) > 0.0)
                    .map(|o| o.id.clone())
                    .collect(),
            ));
        }
        all.retain(|a| !red_flag(bank, q, a));
        all.sort_by(|x, y| {
            let v = |a: &Answer| scoring::value(q, a).unwrap_or(0.5);
            v(x).total_cmp(&v(y))
        });
        if let Some(a) = all.pop() {
            sheet.set(i, Slot::Given(a));
        }
    }
    sheet
}

/// For every combination of profile answers (each value, or skipped), the
/// best answers give a Positive verdict with no red flag, in full and quick mode.
#[test]
fn best_answers_stay_positive_with_no_red_flag_for_every_profile() {
    let bank: &Bank = builtin();
    let prof = profile_index(bank);
    let choices: Vec<Vec<Option<Answer>>> = prof
        .iter()
        .map(|&q| {
            let mut v: Vec<Option<Answer>> = answers_of(&bank.questions[q])
                .into_iter()
                .map(Some)
                .collect();
            v.push(None);
            v
        })
        .collect();
    let base = best(bank);
    let mut combos = 0;
    let mut idx = vec![0usize; prof.len()];
    loop {
        let mut sheet = base.clone();
        for (k, &q) in prof.iter().enumerate() {
            match &choices[k][idx[k]] {
                Some(a) => sheet.set(q, Slot::Given(a.clone())),
                None => sheet.set(q, Slot::Skipped),
            }
        }
        for mode in [Mode::Full, Mode::Quick] {
            // The verdict and flags a result reports are the evaluation's
            // (the levers a result adds change neither); the first profile
            // checks the result says the same.
            let e = scoring::evaluate(bank, &sheet, mode);
            let verdict = e.band.map(|b| bank.bands[b].verdict.as_str());
            let reds: Vec<&str> = e
                .flags
                .iter()
                .map(|(f, _)| &bank.flags[*f])
                .filter(|f| f.severity == Severity::Red)
                .map(|f| f.id.as_str())
                .collect();
            if combos == 0 {
                let (r, _) = result::assess(bank, &sheet, mode);
                assert_eq!(r.overall.verdict.as_deref(), verdict);
                let result_reds: Vec<&str> = r
                    .flags
                    .iter()
                    .filter(|f| f.severity == "red")
                    .map(|f| f.id.as_str())
                    .collect();
                assert_eq!(result_reds, reds);
            }
            assert!(
                verdict == Some("positive") && reds.is_empty(),
                "profile {:?} ({mode:?}): {verdict:?} (score {:?}), red flags {reds:?}",
                idx.iter()
                    .enumerate()
                    .map(|(k, &i)| format!("{}={:?}", PROFILE[k], choices[k][i]))
                    .collect::<Vec<_>>(),
                e.overall
            );
        }
        combos += 1;
        // Next combination (odometer).
        let mut k = 0;
        while k < idx.len() {
            idx[k] += 1;
            if idx[k] < choices[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
        if k == idx.len() {
            break;
        }
    }
    assert!(combos > 1000, "only {combos} profiles tried");
}

/// The seeds the built-in bank may cite, by id, with their titles.
const SEEDS: &[(&str, &str)] = &[
    (
        "000",
        "The Mommy Track – Will It Lead You to Career Paradise or Purgatory?",
    ),
    ("001", "The New Mommy Track (Isabel Kallman)"),
    (
        "002",
        "How to Build a Support System of Working Parents (Julia Beck, TIME)",
    ),
    (
        "003",
        "a writer's column on going back to work after a baby",
    ),
    (
        "004",
        "Adventures in Alternative Work Arrangements (Michele Benton, Harvard Business Review, 2020)",
    ),
];

fn all_sources(bank: &Bank) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &bank.sets {
        out.extend(
            s.source
                .iter()
                .map(|x| (format!("set {}", s.id), x.clone())),
        );
    }
    for q in &bank.questions {
        out.extend(q.source.iter().map(|x| (q.id.clone(), x.clone())));
    }
    for a in &bank.advice {
        out.extend(a.source.iter().map(|x| (a.id.clone(), x.clone())));
    }
    for f in &bank.flags {
        out.extend(
            f.source
                .iter()
                .map(|x| (format!("flag {}", f.id), x.clone())),
        );
    }
    out
}

#[test]
fn every_seed_cited_names_a_seed_that_exists_under_its_title() {
    let bank: &Bank = builtin();
    let mut cited: BTreeMap<&str, usize> = BTreeMap::new();
    for (who, src) in all_sources(bank) {
        let Some(rest) = src.strip_prefix("seed ") else {
            assert!(
                !src.to_lowercase().contains("seed"),
                "{who}: a seed must be cited as `seed NNN: title`: {src:?}"
            );
            continue;
        };
        let (id, title) = rest
            .split_once(": ")
            .unwrap_or_else(|| panic!("{who}: {src:?}"));
        let known = SEEDS
            .iter()
            .find(|(i, _)| *i == id)
            .unwrap_or_else(|| panic!("{who} cites seed {id}, which does not exist: {src:?}"));
        assert!(
            title.starts_with(known.1),
            "{who} cites seed {id} under the wrong title: {src:?}"
        );
        *cited.entry(known.0).or_default() += 1;
    }
    assert_eq!(cited.len(), SEEDS.len(), "every seed is used: {cited:?}");
}

#[test]
fn every_advice_entry_and_scored_question_has_a_source() {
    let bank: &Bank = builtin();
    for a in &bank.advice {
        assert!(!a.source.is_empty(), "advice {} has no source", a.id);
    }
    for q in &bank.questions {
        if q.score_range().is_some() {
            assert!(
                !q.source.is_empty(),
                "scored question {} has no source",
                q.id
            );
        }
    }
    // A public source other than a seed says where it is and when it was checked,
    // or names a published study or law.
    for (who, src) in all_sources(bank) {
        if !src.starts_with("seed ") {
            assert!(
                src.contains("http")
                    || src.contains("checked")
                    || src.contains("Directive")
                    || src.contains("Act"),
                "{who}: a public source needs an address or a checked date: {src:?}"
            );
        }
    }
}

/// Birth content: which words give it away (the name of a US law that
/// every legal step for a role cut must cite is not birth content).
fn mentions_birth(text: &str) -> Option<&'static str> {
    let t = text
        .to_lowercase()
        .replace("pregnancy discrimination act", "");
    ["pump", "breastfe", "lactation", "pregnan", "express milk"]
        .into_iter()
        .find(|w| t.contains(w))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A parent who did not give birth is never asked about, or advised on,
    /// pregnancy, breastfeeding or pumping.
    #[test]
    fn no_birth_content_for_parents_who_did_not_give_birth(p in picks(128), route in 0usize..3) {
        let bank: &Bank = builtin();
        let q_route = profile_index(bank)[0];
        let mut sheet = sheet_from(bank, &p);
        let id = ["partner_gave_birth", "adoption_or_foster", "other"][route];
        sheet.set(q_route, Slot::Given(Answer::Choice(id.into())));
        let (r, e) = result::assess(bank, &sheet, Mode::Full);
        for (i, q) in bank.questions.iter().enumerate() {
            if e.asked[i] && q.id != "about_parent_route" {
                let text = format!("{} {}", q.prompt, q.help.clone().unwrap_or_default());
                prop_assert!(mentions_birth(&text).is_none(), "{id}: asked {}: {text}", q.id);
            }
        }
        for s in &r.next_steps {
            let text = format!("{} {}", s.title, s.detail);
            prop_assert!(mentions_birth(&text).is_none(), "{id}: step {}: {text}", s.id);
        }
    }
}

/// Examples come from many kinds of work, and region-specific words appear
/// only in the variant of a step for that region.
#[test]
fn wording_fits_many_jobs_and_follows_the_region() {
    let bank: &Bank = builtin();
    let mut texts: Vec<(String, String)> =
        vec![("bank".into(), bank.description.clone().unwrap_or_default())];
    for b in &bank.bands {
        texts.push((b.verdict.clone(), b.summary.clone().unwrap_or_default()));
    }
    for q in &bank.questions {
        let mut t = format!("{} {}", q.prompt, q.help.clone().unwrap_or_default());
        for o in q.kind.options() {
            t.push(' ');
            t.push_str(&o.label);
        }
        texts.push((q.id.clone(), t));
    }
    for a in &bank.advice {
        texts.push((a.id.clone(), format!("{} {}", a.title, a.detail)));
    }
    for (id, text) in &texts {
        let t = text.to_lowercase();
        for office_only in [
            "berlin",
            "goes to the board",
            "skip-level",
            "one remote day",
            "siding",
            "room that locks",
        ] {
            assert!(
                !t.contains(office_only),
                "{id} says {office_only:?}: {text}"
            );
        }
        if !id.ends_with("_uk") {
            for uk in ["childminder", "nursery", " rota", "gov.uk", "acas"] {
                assert!(
                    !t.contains(uk),
                    "{id} uses the UK term {uk:?} outside a UK step: {text}"
                );
            }
        }
        if !id.ends_with("_us") {
            for us in ["dependent-care", "daycare", "fmla", "eeoc", "401(k)"] {
                assert!(
                    !t.contains(us),
                    "{id} uses the US term {us:?} outside a US step: {text}"
                );
            }
        }
    }
    // The positive summary does not assume a lighter load is wanted.
    let positive = bank
        .bands
        .iter()
        .find(|b| b.verdict == "positive")
        .expect("positive band");
    let s = positive.summary.clone().unwrap_or_default().to_lowercase();
    assert!(!s.contains("lighter"), "{s}");
    // "Mommy track" is explained once, warmly, for any parent.
    let all = format!(
        "{} {}",
        bank.description.clone().unwrap_or_default(),
        bank.sets[0].description.clone().unwrap_or_default()
    )
    .to_lowercase();
    assert!(
        all.contains("mommy track") && all.contains("any parent"),
        "{all}"
    );
}

/// The result for an answers file given as YAML text.
fn assess_yaml(bank: &Bank, yaml: &str) -> (result::AssessmentResult, scoring::Evaluation) {
    let sheet = mommytrack_engine::answers::parse(bank, yaml, std::path::Path::new("test.yaml"))
        .unwrap_or_else(|e| panic!("{yaml}: {e:?}"));
    result::assess(bank, &sheet, Mode::Full)
}

fn steps(r: &result::AssessmentResult) -> Vec<&str> {
    r.next_steps.iter().map(|s| s.id.as_str()).collect()
}

fn asked(bank: &Bank, e: &scoring::Evaluation, id: &str) -> bool {
    let q = bank
        .questions
        .iter()
        .position(|q| q.id == id)
        .expect("question");
    e.asked[q]
}

/// One answer is not enough for a verdict: it is withheld, and the label says so.
#[test]
fn one_answer_gives_no_verdict() {
    let bank: &Bank = builtin();
    let (r, _) = assess_yaml(bank, "flex_enough: enough\n");
    assert_eq!(r.overall.verdict, None, "{:?}", r.overall);
    assert_eq!(r.overall.withheld.as_deref(), Some("coverage"));
    let label = r.overall.label.clone().unwrap_or_default().to_lowercase();
    assert!(label.contains("not enough"), "{label}");
}

/// "Maybe, some day" is not scored: the alternatives set has no score and
/// the overall is the same as without the hypothetical.
#[test]
fn a_hypothetical_arrangement_is_not_scored() {
    let bank: &Bank = builtin();
    let base = "culture_leaders_signals: silent\nparents_interesting_work: same\nflex_enough: mostly\nsup_backup_people: two_three\n";
    let (with, e) = assess_yaml(
        bank,
        &format!("{base}alt_considering: maybe\nalt_kind: freelance\n"),
    );
    let (without, _) = assess_yaml(bank, base);
    let alt = bank
        .sets
        .iter()
        .position(|s| s.id == "alternatives")
        .expect("set");
    assert_eq!(with.dimensions[alt].score, None);
    assert_eq!(with.overall.score, without.overall.score);
    for q in [
        "alt_value",
        "alt_boundaries",
        "alt_care_while_working",
        "alt_income",
    ] {
        assert!(!asked(bank, &e, q), "{q} is asked for a maybe");
    }
}

/// Each "advice fired for the wrong people" case of issue 9.
#[test]
fn advice_fits_the_people_it_is_given_to() {
    let bank: &Bank = builtin();
    // No change of hours planned: no "agree at home before you change your hours".
    let (r, _) = assess_yaml(
        bank,
        "home_shape: partner\nhome_alt_work: not_discussed\nflex_pt_interest: not_now\nalt_considering: not_considering\n",
    );
    assert!(
        !steps(&r).contains(&"agree_before_changing_hours"),
        "{:?}",
        steps(&r)
    );
    let (r, _) = assess_yaml(
        bank,
        "home_shape: partner\nhome_alt_work: not_discussed\nflex_pt_interest: considering\n",
    );
    assert!(
        steps(&r).contains(&"agree_before_changing_hours"),
        "{:?}",
        steps(&r)
    );
    // Asking for nothing: no value case; already part-time: no value case either.
    for pt in ["not_now", "already"] {
        let (r, _) = assess_yaml(
            bank,
            &format!("flex_pt_interest: {pt}\nalt_considering: not_considering\n"),
        );
        assert!(
            !steps(&r).contains(&"build_value_case"),
            "{pt}: {:?}",
            steps(&r)
        );
    }
    // Reduced hours on site: not asked who looks after the children while working from home.
    let (_, e) = assess_yaml(bank, "alt_considering: already\nalt_kind: reduced_hours\n");
    assert!(!asked(bank, &e, "alt_care_while_working"));
    // An employer "about the same" as its field is not told it runs hotter.
    let (r, _) = assess_yaml(
        bank,
        "culture_field_intensity: 5\nculture_employer_vs_field: similar\nculture_calmer_alternative: yes_known\nculture_leaders_signals: hostile\nculture_policy_vs_practice: on_paper\n",
    );
    assert!(
        !steps(&r).contains(&"weigh_calmer_employer"),
        "{:?}",
        steps(&r)
    );
    // Someone holding steady or stepping back is not told to chase stretch work,
    // and nobody is told "travel is fine".
    for intent in ["steady", "step_back"] {
        let (r, _) = assess_yaml(
            bank,
            &format!(
                "about_career_intent: {intent}\nparents_your_experience: [comments, passed_over]\n"
            ),
        );
        assert!(
            !steps(&r).contains(&"claim_stretch_work"),
            "{intent}: {:?}",
            steps(&r)
        );
    }
    for a in &bank.advice {
        assert!(
            !a.detail.to_lowercase().contains("travel is fine"),
            "{}",
            a.id
        );
    }
    // A frank exit interview only if it feels safe.
    let look = bank
        .advice
        .iter()
        .find(|a| a.id == "look_elsewhere")
        .expect("look_elsewhere");
    assert!(look.detail.contains("feels safe"), "{}", look.detail);
    // A pro-rated bonus and clients shed on request are not "pushed out".
    let (r, _) = assess_yaml(bank, "parents_your_experience: [chose_less]\n");
    assert!(r.flags.iter().all(|f| f.id != "pushed_out"));
    let pay = bank.question("parents_your_experience").expect("q");
    let labels: String = pay
        .kind
        .options()
        .iter()
        .map(|o| o.label.to_lowercase())
        .collect();
    assert!(
        labels.contains("without my asking") && labels.contains("pro-rata"),
        "{labels}"
    );
    // Shift workers are not asked about stepping away without permission or remote days.
    let (_, e) = assess_yaml(bank, "about_work_pattern: shifts\n");
    assert!(!asked(bank, &e, "flex_informal") && !asked(bank, &e, "flex_remote_normal"));
    assert!(asked(bank, &e, "flex_shift_pattern"));
    // Sharing care with a grandparent: no lecture on rebalancing the home.
    let (r, _) = assess_yaml(
        bank,
        "home_shape: other_adult\nhome_split: mostly_me\nhome_mental_load: 5\n",
    );
    assert!(!steps(&r).contains(&"rebalance_home"), "{:?}", steps(&r));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// "Start a quiet search" is never explained only by a profile answer or
    /// by having a manager.
    #[test]
    fn looking_elsewhere_is_explained_by_the_workplace(p in picks(128)) {
        let bank: &Bank = builtin();
        let (r, _) = result::assess(bank, &sheet_from(bank, &p), Mode::Full);
        if let Some(s) = r.next_steps.iter().find(|s| s.id == "look_elsewhere") {
            prop_assert!(!s.because.iter().any(|b| b == "has_manager"), "{:?}", s.because);
            prop_assert!(
                s.because.iter().any(|b| !b.starts_with("about_")) || !s.because_flags.is_empty(),
                "{:?}", s.because
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Choosing to hold steady or step back never raises a red flag: every red
    /// flag a `steady` or `step_back` sheet raises comes from a question that
    /// is asked just the same when the person wants to advance.
    #[test]
    fn holding_steady_or_stepping_back_raises_no_red_flag(p in picks(128), steady in any::<bool>()) {
        let bank: &Bank = builtin();
        let q_intent = profile_index(bank)[4];
        let intent = |id: &str| {
            let mut sheet = sheet_from(bank, &p);
            sheet.set(q_intent, Slot::Given(Answer::Choice(id.into())));
            result::assess(bank, &sheet, Mode::Full)
        };
        let (r, _) = intent(if steady { "steady" } else { "step_back" });
        let (_, e_adv) = intent("advance");
        for f in r.flags.iter().filter(|f| f.severity == "red") {
            for q in &f.because {
                let i = bank.questions.iter().position(|x| &x.id == q).expect("question");
                prop_assert!(e_adv.asked[i], "red flag {} comes from {q}, asked only for this intent", f.id);
            }
        }
    }
}
