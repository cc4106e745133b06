//! Facts carry a date (`checked:`, at most 12 months old and not in the
//! future) and the rights section: what the
//! law gives, region by topic (issue 18, class 2).
//!
//! The first half checks `checked:` through `validate` on copies of the mini
//! bank; the second runs the real binary on answer sheets of people in each
//! region (`tests/fixtures/rights/`) and checks that each gets the rights of
//! their own region, and never another country's law.

use std::collections::BTreeSet;

use mommytrack_engine::bank::{self, BankSource};
use mommytrack_engine::date::Date;

use super::harness::{MINI, Test, fixture, mt};

/// Today in these tests: the day the built-in bank's facts were last read.
const TODAY: &str = "2026-12-06";

/// The mini bank with one advice entry given `lines` (YAML, at the entry's
/// indentation) after its detail.
fn mini_advice_with<'a>(t: &'a mut Test, lines: &str) -> &'a mut Test {
    t.mini_with(&[(
        "bank.yaml",
        "    detail: \"Ask HR which teams have parents in senior roles.\"\n",
        &format!("    detail: \"Ask HR which teams have parents in senior roles.\"\n{lines}"),
    )])
}

#[test]
fn a_malformed_checked_date_is_an_error_at_its_place_with_a_fix() {
    for (bad, why) in [
        ("2026-13-01", "there is no month 13"),
        ("2025-02-29", "2025-02 has no day 29"),
        ("\"6 Dec 2026\"", "a date is written YYYY-MM-DD"),
    ] {
        let mut t = Test::new();
        mini_advice_with(&mut t, &format!("    checked: {bad}\n"));
        // Loading the bank for a report refuses it too, not only `validate`.
        t.args(["validate", MINI])
            .code(65)
            .stderr_contains("bank.yaml:20:5: [seek_transfer]")
            .stderr_contains(why)
            .stderr_contains("write the day the source was read as YYYY-MM-DD");
        t.again()
            .args(["questions", "--bank", MINI])
            .code(65)
            .stderr_contains("is not a date");
    }
}

#[test]
fn a_stale_or_future_date_warns_and_strict_fails() {
    for (date, says) in [
        (
            "2025-12-05",
            "more than 12 months ago (today is 2026-12-06)",
        ),
        ("2026-12-07", "is in the future (today is 2026-12-06)"),
    ] {
        let mut t = Test::new();
        mini_advice_with(&mut t, &format!("    checked: {date}\n"));
        t.args(["validate", MINI, "--today", TODAY])
            .code(0)
            .stdout_contains("1 warning")
            .stderr_contains(says);
        t.again()
            .args(["validate", MINI, "--today", TODAY, "--strict"])
            .code(65)
            .stderr_contains(says);
        // An assessment never warns about a bank's age.
        t.again()
            .args(["questions", "--bank", MINI])
            .code(0)
            .stderr_lacks("months ago");
    }
    // Twelve months to the day is still fresh.
    let mut t = Test::new();
    mini_advice_with(&mut t, "    checked: 2025-12-06\n");
    t.args(["validate", MINI, "--today", TODAY, "--strict"])
        .code(0);
}

#[test]
fn a_cited_page_without_a_date_warns_in_validate() {
    let mut t = Test::new();
    mini_advice_with(
        &mut t,
        "    source: \"Ministry of Labour, Parental leave: https://example.org/leave\"\n",
    );
    t.args(["validate", MINI, "--today", TODAY])
        .code(0)
        .stderr_contains("cites a web page in `source:` but does not say when it was read")
        .stderr_contains("add `checked: YYYY-MM-DD`");
    t.again()
        .args(["validate", MINI, "--today", TODAY, "--strict"])
        .code(65);
    // A source that cites no page (a book, a seed article) needs no date.
    let mut t = Test::new();
    mini_advice_with(&mut t, "    source: \"seed 000: an article\"\n");
    t.args(["validate", MINI, "--today", TODAY, "--strict"])
        .code(0);
}

#[test]
fn validate_takes_only_a_real_day_as_today() {
    mt().args(["validate", "--today", "2026-02-30"])
        .code(2)
        .stderr_contains("has no day 30");
}

/// Every built-in question and advice entry that cites a web page says
/// when it was read, and every one is fresh as of the day they were read.
#[test]
fn the_built_in_bank_dates_every_page_it_cites() {
    let (b, _) = bank::load(&BankSource::BuiltIn).expect("the built-in bank loads");
    let cites = |s: &[String]| s.iter().any(|s| s.contains("http"));
    let mut undated: Vec<&str> = b
        .questions
        .iter()
        .filter(|q| cites(&q.source) && q.checked.is_none())
        .map(|q| q.id.as_str())
        .collect();
    undated.extend(
        b.advice
            .iter()
            .filter(|a| cites(&a.source) && a.checked.is_none())
            .map(|a| a.id.as_str()),
    );
    assert!(
        undated.is_empty(),
        "cite a page with no `checked:`: {undated:?}"
    );
    // Every rights step names a source, and dates it when it is a page.
    for a in b
        .advice
        .iter()
        .filter(|a| a.group.as_deref().is_some_and(|g| g.starts_with("rights_")))
    {
        assert!(!a.source.is_empty(), "{} has no source", a.id);
        assert!(
            a.checked.is_some() || !cites(&a.source),
            "{} is not dated",
            a.id
        );
        assert!(
            a.checked <= Some(Date::parse(TODAY).unwrap()),
            "{} was checked after {TODAY}",
            a.id
        );
    }
    mt().args(["validate", "--strict", "--today", TODAY])
        .code(0);
}

/// The next steps of an answer sheet in `tests/fixtures/rights/`, and all
/// their text, lowercased.
fn steps(sheet: &str) -> (Vec<String>, String) {
    let answers = fixture(&format!("rights/{sheet}.answers.yaml"));
    let out = mt()
        .args(["assess", "--format", "json", "--answers"])
        .arg(&answers)
        .run();
    out.code(0);
    let r = out.json();
    let steps = r["next_steps"].as_array().expect("next steps");
    let ids = steps
        .iter()
        .map(|s| s["id"].as_str().unwrap_or_default().to_string())
        .collect();
    let text = steps
        .iter()
        .map(|s| format!("{} {}", s["title"], s["detail"]))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    (ids, text)
}

/// Words that name one country's (or state's) law or agencies: they must
/// never reach someone in another region.
const MARKERS: &[(&str, &[&str])] = &[
    (
        "us",
        &[
            "family and medical leave act",
            "eeoc",
            "title vii",
            "pump for nursing",
        ],
    ),
    (
        "uk",
        &[
            "acas",
            "equality act",
            "employment tribunal",
            "great britain",
        ],
    ),
    (
        "canada",
        &[
            "ontario",
            "canada labour code",
            "canadian human rights",
            "employment insurance",
        ],
    ),
    ("germany", &["tzbfg", "betriebsrat", "(agg)", "elternzeit"]),
    (
        "australia",
        &[
            "fair work act",
            "fair work commission",
            "fair work ombudsman",
            "sex discrimination act",
            "queensland",
        ],
    ),
    ("nz", &["new zealand"]),
];

fn assert_only_law_of(sheet: &str, text: &str, allowed: &[&str]) {
    for (region, words) in MARKERS {
        if allowed.contains(region) {
            continue;
        }
        for w in *words {
            assert!(
                !text.contains(w),
                "{sheet}: names {region} law ({w:?}) for someone elsewhere:\n{text}"
            );
        }
    }
}

fn has(ids: &[String], id: &str, sheet: &str) {
    assert!(
        ids.iter().any(|i| i == id),
        "{sheet}: no step {id} in {ids:?}"
    );
}

#[test]
fn a_toronto_store_manager_passed_over_while_pregnant_gets_ontario_return_and_human_rights() {
    let sheet = "toronto_store_manager";
    let (ids, text) = steps(sheet);
    has(&ids, "rights_return_ca_ontario", sheet);
    has(&ids, "rights_treated_worse_ca_ontario", sheet);
    assert!(text.contains("old job back"), "{text}");
    assert!(
        text.contains("family status") && text.contains("pregnancy"),
        "{text}"
    );
    assert!(text.contains("within one year"), "{text}");
    assert_only_law_of(sheet, &text, &["canada"]);
}

/// The stage decides the leave-and-return topic where it is given: the same
/// store manager, back at work for years, is not told about the right to
/// return from leave, but still about being treated worse as a parent.
#[test]
fn return_rights_follow_the_stage_not_the_age_of_the_youngest() {
    let sheet = "toronto_back_for_years";
    let (ids, _) = steps(sheet);
    assert!(
        !ids.iter()
            .any(|i| i.starts_with("rights_return") || i.starts_with("leave_rights")),
        "{sheet}: return rights for someone back for years: {ids:?}"
    );
    has(&ids, "rights_treated_worse_ca_ontario", sheet);
}

#[test]
fn a_german_engineer_stepping_back_learns_the_way_back_to_full_time() {
    let sheet = "german_engineer_step_back";
    let (ids, text) = steps(sheet);
    has(&ids, "rights_flex_de", sheet);
    assert!(!ids.iter().any(|i| i == "flex_in_writing_eu"), "{ids:?}");
    for must in [
        "§ 8",
        "§ 9a",
        "brückenteilzeit",
        "elternteilzeit",
        "pension",
    ] {
        assert!(text.contains(must), "{must}: {text}");
    }
    assert_only_law_of(sheet, &text, &["germany"]);
}

#[test]
fn a_uk_mother_ten_months_after_birth_facing_redundancy_gets_the_18_month_protection() {
    let sheet = "uk_mother_redundancy";
    let (ids, text) = steps(sheet);
    has(&ids, "rights_dismissal_uk", sheet);
    assert!(
        text.contains("18 months") && text.contains("6 april 2024"),
        "{text}"
    );
    assert!(text.contains("early conciliation"), "{text}");
    assert_only_law_of(sheet, &text, &["uk"]);
}

#[test]
fn an_australian_state_public_sector_nurse_father_gets_the_state_law_pointer() {
    let sheet = "au_state_nurse_father";
    let (ids, text) = steps(sheet);
    has(&ids, "rights_flex_au_state", sheet);
    has(&ids, "rights_dismissal_au_state", sheet);
    assert!(!ids.iter().any(|i| i == "flex_in_writing_au"), "{ids:?}");
    assert!(
        text.contains("queensland industrial relations commission"),
        "{text}"
    );
    // A father: nothing on pregnancy or pumping.
    for w in ["pregnan", "breastfe", "pump", "express milk"] {
        assert!(!text.contains(w), "{w}: {text}");
    }
    assert_only_law_of(sheet, &text, &["australia"]);
}

#[test]
fn a_chicago_father_passed_over_gets_the_local_parental_status_protection() {
    let sheet = "chicago_father_passed_over";
    let (ids, text) = steps(sheet);
    has(&ids, "rights_treated_worse_chicago_us", sheet);
    assert!(
        text.contains("parental status") && text.contains("cook county"),
        "{text}"
    );
    for w in ["pregnan", "breastfe", "pump"] {
        assert!(!text.contains(w), "{w}: {text}");
    }
    assert_only_law_of(sheet, &text, &["us"]);
}

#[test]
fn someone_elsewhere_gets_only_the_general_forms() {
    let sheet = "elsewhere_everything";
    let (ids, text) = steps(sheet);
    for id in [
        "get_legal_advice",
        "rights_dismissal",
        "pregnancy_accommodation",
        "sick_day_plan",
    ] {
        has(&ids, id, sheet);
    }
    assert_only_law_of(sheet, &text, &[]);
}

/// Whatever the region and its detail, every rights step given is one of
/// that region's or a general one, and at most one per topic.
#[test]
fn every_region_gets_its_own_rights_and_at_most_one_step_per_topic() {
    let base = std::fs::read_to_string(fixture("rights/elsewhere_everything.answers.yaml"))
        .expect("the sheet");
    let base: String = base
        .lines()
        .filter(|l| !l.starts_with("about_region") && !l.starts_with("about_parent_route"))
        .collect::<Vec<_>>()
        .join("\n");
    let places: &[(&str, &str, &[&str])] = &[
        ("us", "about_us_place: chicago", &["us"]),
        ("us", "about_us_place: elsewhere", &["us"]),
        ("uk", "", &["uk"]),
        ("canada", "about_ca_jurisdiction: ontario", &["canada"]),
        ("canada", "about_ca_jurisdiction: federal", &["canada"]),
        ("canada", "", &["canada"]),
        ("eu", "about_eu_country: germany", &["germany"]),
        ("eu", "about_eu_country: other_eu", &[]),
        (
            "australia_nz",
            "about_au_sector: au_national",
            &["australia"],
        ),
        (
            "australia_nz",
            "about_au_sector: state_public",
            &["australia"],
        ),
        ("australia_nz", "about_au_sector: nz", &["nz"]),
        ("other", "", &[]),
    ];
    let (b, _) = bank::load(&BankSource::BuiltIn).expect("the built-in bank loads");
    let group_of = |id: &str| {
        b.advice
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.group.clone())
            .unwrap_or_default()
    };
    for route in ["gave_birth", "partner_gave_birth"] {
        for (region, detail, allowed) in places {
            let sheet =
                format!("{base}\nabout_region: {region}\nabout_parent_route: {route}\n{detail}\n");
            let out = Test::new()
                .file("a.yaml", &sheet)
                .args(["assess", "--format", "json", "--answers", "a.yaml"])
                .run();
            out.code(0);
            let r = out.json();
            let mut topics = BTreeSet::new();
            let mut text = String::new();
            for s in r["next_steps"].as_array().expect("steps") {
                text.push_str(&format!("{} {}\n", s["title"], s["detail"]).to_lowercase());
                let group = group_of(s["id"].as_str().unwrap_or_default());
                if group.starts_with("rights_") {
                    assert!(topics.insert(group.clone()), "two steps of {group}");
                }
            }
            assert!(
                topics.len() >= 4,
                "{region} {detail}: only {topics:?} for a sheet every topic concerns"
            );
            let label = format!("{region} {detail} ({route})");
            assert_only_law_of(&label, &text, allowed);
            if route != "gave_birth" {
                for w in ["pregnan", "breastfe", "pump"] {
                    assert!(!text.contains(w), "{label}: {w}: {text}");
                }
            }
        }
    }
}
