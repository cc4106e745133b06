//! Deciding between employers as the fresh-eyes parent of the third round
//! did (issue 23, fourth round), through the real binary: every count of
//! what is still unknown has the base of "A of N scored questions", and a
//! report about an employer has no rows for parts it never asks.

use crate::harness::*;

/// A prospective result of `tests/fixtures/prospective/employer_c.yaml`
/// (some scored questions known, some not, and unscored ones unknown)
/// saved as `c.json`, and a current result of a persona as `current.json`.
fn employer_c() -> Test {
    let t = Test::new();
    let answers = std::fs::read_to_string(fixture("prospective/employer_c.yaml")).unwrap();
    prospective(&t, "c.json", &answers);
    t.again()
        .args([
            "assess",
            "--format",
            "json",
            "-o",
            "current.json",
            "--answers",
        ])
        .arg(repo(
            "tests/personas/returning_after_leave_mixed.answers.yaml",
        ))
        .success();
    t
}

/// What `mommytrack ARGS` prints, its words joined by single spaces.
fn words(t: &Test, args: &[&str]) -> String {
    let out = t.again().args(args).success().stdout();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_count_of_what_is_still_unknown_has_one_base() {
    let t = employer_c();
    let r = t
        .again()
        .args(["report", "c.json", "--format", "json"])
        .success()
        .json();
    let count = |v: &serde_json::Value| v.as_u64().unwrap() as usize;
    let (a, n) = (
        count(&r["coverage"]["answered"]),
        count(&r["coverage"]["asked"]),
    );
    // Unknown: the scored questions not answered, and unscored ones such
    // as whether you could move teams (`mgr_transfer`).
    let listed = r["to_find_out"].as_array().unwrap();
    assert!(
        listed.iter().any(|f| f["question"] == "mgr_transfer"),
        "{r}"
    );
    let more = listed.len() - (n - a);
    assert!(n > a && more >= 1, "{r}");
    let known = format!(
        "you know the answers to {a} of {n} scored questions about this employer; until the {} still unknown are known",
        n - a
    );
    let unknown = format!(
        "{} scored questions are still unknown, and {more} more that {} not scored.",
        n - a,
        if more == 1 { "is" } else { "are" }
    );
    for format in ["text", "markdown", "html"] {
        let out = words(&t, &["report", "c.json", "--format", format]);
        assert!(out.contains(&known), "{format}: {out}");
        assert!(out.contains(&unknown), "{format}: {out}");
    }
    let out = words(&t, &["compare", "current.json", "c.json"]);
    assert!(
        out.contains(&format!("Still to find out about c.json {unknown}")),
        "{out}"
    );
}

#[test]
fn a_report_about_an_employer_has_no_rows_for_parts_it_never_asks() {
    let t = employer_c();
    for format in ["text", "markdown", "html"] {
        let out = words(&t, &["report", "c.json", "--format", format]);
        for empty in [
            "0 of 0",
            "About you",
            "Home and the split of care",
            "not asked",
        ] {
            assert!(!out.contains(empty), "{format}: {empty}: {out}");
        }
        assert!(out.contains("Your manager"), "{format}: {out}");
    }
}

#[test]
fn an_employer_with_nothing_left_to_find_out_is_not_sent_to_a_list_below() {
    let t = Test::new();
    let persona = repo("tests/personas/canada_non_birth_mother.answers.yaml");
    let persona = persona.to_str().unwrap();
    let run = |format| {
        words(
            &t,
            &[
                "assess",
                "--prospective",
                "--format",
                format,
                "--answers",
                persona,
            ],
        )
    };
    let r: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert!(
        r.get("to_find_out").is_none(),
        "every kit question answered: {r}"
    );
    for format in ["text", "markdown", "html"] {
        let out = run(format);
        assert!(
            out.contains("Put this result beside your current one before you decide."),
            "{format}: {out}"
        );
        assert!(
            !out.contains("(below)") && !out.contains("Provisional"),
            "{format}: {out}"
        );
    }
}

#[test]
fn how_parents_fare_there_comes_first_in_what_to_ask() {
    // Nothing known yet about how parents fare at employer B: one answer
    // alone does not score that part, but the four together move a lot.
    let t = Test::new();
    let b = fixture("prospective/employer_b.yaml");
    let b = b.to_str().unwrap();
    let r = prospective_json(&t, &std::fs::read_to_string(b).unwrap()).json();
    let parents: Vec<&serde_json::Value> = r["to_find_out"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["dimension"] == "other_parents")
        .collect();
    assert_eq!(parents.len(), 4, "{r}");
    for f in &parents {
        assert!(f["could_move"].as_f64().unwrap() >= 1.0, "{f}");
        assert_eq!(f["ask_first"], true, "{f}");
    }
    // They come first (nothing else waits on another answer here), though
    // other unknowns alone could move the score more: the bank asks that
    // part first, as the strongest evidence.
    let list = r["to_find_out"].as_array().unwrap();
    assert!(list.iter().all(|f| f.get("opens_more").is_none()), "{r}");
    assert!(
        list[..4].iter().all(|f| f["dimension"] == "other_parents"),
        "{r}"
    );
    let most = |l: &[serde_json::Value]| {
        l.iter()
            .map(|f| f["could_move"].as_f64().unwrap())
            .fold(0.0, f64::max)
    };
    assert!(most(&list[4..]) > most(&list[..4]), "{r}");
    // Every unknown is named where the report says what to ask, the first
    // eight with what to ask, and the report says why they come first.
    for format in ["text", "markdown", "html"] {
        let out = words(
            &t,
            &[
                "assess",
                "--prospective",
                "--format",
                format,
                "--answers",
                b,
            ],
        );
        let start = out
            .find("Still unknown: what to ask next")
            .expect("the section");
        let section = &out[start..start + out[start..].find("When you know more").unwrap()];
        assert!(
            section.contains("then those about “How working parents fare here”, the strongest evidence of how a place would treat you"),
            "{format}: {section}"
        );
        // The eight spelled out, in that order: the four first.
        let mut at = 0;
        for f in &list[..8] {
            let start: String = f["interview"].as_str().unwrap().chars().take(30).collect();
            let asked = section.find(&start);
            assert!(asked.is_some_and(|a| a > at), "{format}: {f}: {section}");
            at = asked.unwrap_or(0);
        }
    }
}

#[test]
fn compare_asks_about_the_employer_considered_in_the_words_asked_of_it() {
    let t = employer_c();
    for (a, b) in [("current.json", "c.json"), ("c.json", "current.json")] {
        let c = t
            .again()
            .args(["compare", a, b, "--format", "json"])
            .success()
            .json();
        let prompts: Vec<&str> = c["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["prompt"].as_str().unwrap())
            .collect();
        assert!(prompts.contains(&"What do the people in charge at this employer signal about family, in what they do as much as in what they say?"), "{prompts:?}");
        // Its verdict is provisional while scored questions are unknown,
        // in every format (review C1).
        for format in ["text", "markdown", "html"] {
            let out = words(&t, &["compare", a, b, "--format", format]);
            let row = out
                .find("Verdict, on all its own answers")
                .expect("the row");
            let row = &out[row..row + out[row..].find("Answered").expect("next row")];
            assert_eq!(row.matches("(provisional)").count(), 1, "{format}: {row}");
        }
        let side = if a == "c.json" { "a" } else { "b" };
        assert_eq!(c[side]["provisional"], true, "{c}");
        assert!(
            c[if side == "a" { "b" } else { "a" }]
                .get("provisional")
                .is_none()
        );
        assert!(
            !prompts.iter().any(|p| p.contains("your workplace")),
            "{prompts:?}"
        );
    }
}

/// "Nobody could say" whether a part-timer's workload shrinks is not an
/// answer yet about an employer (the option's `prospective.unknown`): it
/// is not scored, it stays on what to ask next, and `compare` lists it as
/// still to find out, with her own job's answer beside it, instead of
/// "+50 better" than the job that gives her the same work for less pay
/// (review W2).
#[test]
fn nobody_could_say_is_still_unknown_about_an_employer() {
    let t = Test::new();
    let facts = "about_household: solo\nabout_work_pattern: shifts\nflex_pt_interest: already\n";
    t.again()
        .args([
            "assess",
            "--format",
            "json",
            "-o",
            "mine.json",
            "--answers",
            "-",
        ])
        .stdin(format!(
            "{facts}flex_pt_view: tolerated\nflex_pt_workload: same_job\n"
        ))
        .success();
    prospective(
        &t,
        "b.json",
        &format!("{facts}flex_pt_view: normal\nflex_pt_workload: vague\n"),
    );
    let b = t.read_json("b.json");
    let q = asked(&b, "flex_pt_workload").unwrap();
    assert!(q["score"].is_null(), "{q}");
    let unknown = b["to_find_out"].as_array().unwrap();
    assert!(
        unknown.iter().any(|f| f["question"] == "flex_pt_workload"),
        "{b}"
    );
    let c = t
        .again()
        .args(["compare", "mine.json", "b.json", "--format", "json"])
        .success()
        .json();
    let differ = c["questions"].as_array().unwrap();
    assert!(!differ.iter().any(|q| q["id"] == "flex_pt_workload"), "{c}");
    assert!(differ.iter().any(|q| q["id"] == "flex_pt_view"), "{c}");
    assert_eq!(
        c["b"]["other_knows"]["flex_pt_workload"], "No: it is the same job for less pay",
        "{c}"
    );
    let text = words(&t, &["compare", "mine.json", "b.json"]);
    assert!(!text.contains("Nobody could say, score"), "{text}");
    // A bank may say so only of its choice questions' own options.
    let bank = t.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    for f in std::fs::read_dir(repo("questions")).unwrap() {
        let f = f.unwrap().path();
        let text = std::fs::read_to_string(&f).unwrap();
        let text = text.replace("unknown: [vague]", "unknown: [nope]");
        std::fs::write(bank.join(f.file_name().unwrap()), text).unwrap();
    }
    t.again()
        .arg("validate")
        .arg(&bank)
        .code(65)
        .stderr_contains("`prospective.unknown` names `nope`, which is not an option");
}

/// Before accepting a job the manager is usually the unknown, which is when
/// moving away from a bad one matters most: what someone found out about
/// moving between teams is recorded with the manager unknown (review M1).
#[test]
fn moving_between_teams_counts_while_the_manager_is_unknown() {
    let t = Test::new();
    let out = prospective_json(&t, "about_work_pattern: office\nmgr_transfer: yes_easy\n");
    assert!(!out.stderr().contains("mgr_transfer"), "{}", out.stderr());
    let r = out.json();
    let asked = asked(&r, "mgr_transfer");
    assert_eq!(asked.map(|q| &q["answer"]), Some(&"yes_easy".into()), "{r}");
    // A flexible manager makes it moot; the warning quotes the question as
    // it was asked about the employer.
    let moot = prospective_json(&t, "mgr_stance: flexible\nmgr_transfer: yes_easy\n");
    assert!(
        moot.stderr()
            .contains("\"Which of these describes the manager you would report to"),
        "{}",
        moot.stderr()
    );
    // Not for someone who said they have no manager.
    let none = t
        .again()
        .args(["assess", "--format", "json", "--answers", "-"])
        .stdin("has_manager: false\nmgr_transfer: yes_easy\n")
        .success();
    assert!(
        none.stderr().contains("[mgr_transfer]"),
        "{}",
        none.stderr()
    );
}

/// `compare` weighs two employers on every question both answered, even a
/// question alone in a part that needs two to score it on its own (review
/// next8 C3: "How working parents fare here (1 question) │ – │ – │ –" and
/// an overall on 9 questions, while "Where the answers differ" listed that
/// same question).
#[test]
fn compare_counts_a_question_both_answered_even_alone_in_its_part() {
    let t = Test::new();
    for (name, answers) in [
        (
            "a.json",
            "mgr_stance: flexible\nparents_leave_early: normal\n",
        ),
        (
            "b.json",
            "mgr_stance: hard\nparents_leave_early: grumbles\n",
        ),
    ] {
        prospective(&t, name, answers);
    }
    let c = t
        .again()
        .args(["compare", "a.json", "b.json", "--format", "json"])
        .success()
        .json();
    let parents = c["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "other_parents")
        .unwrap();
    assert_eq!(parents["both_answered"], 1, "{parents}");
    assert_eq!(parents["a"], 100.0, "{parents}");
    assert_eq!(parents["b"], 50.0, "{parents}");
    // The overall rests on both parts (each weighs 1.5): the manager's −100
    // and the parents' −50.
    assert_eq!(c["overall"]["difference"], -75.0, "{c}");
    let text = words(&t, &["compare", "a.json", "b.json"]);
    assert!(text.contains("Overall (2 questions)"), "{text}");
    assert!(
        !text.contains("How working parents fare here (1 question) ┆ – ┆ – ┆ –"),
        "{text}"
    );
}
