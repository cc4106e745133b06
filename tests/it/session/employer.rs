//! A session about an employer being considered (`assess --prospective`):
//! the facts about the parent (the bank's `personal` questions) are asked
//! first, or carried over from their latest saved result, so that the kit
//! questions that depend on them are asked.

use std::path::Path;

use super::{Tty, WIDTHS};
use crate::harness::Test;

/// A part-time single mother who wants to stay at her level: her own
/// assessment, saved in the state folder `state` as a session would.
fn her_saved_result(state: &Path) {
    std::fs::write(
        state.join("mine.yaml"),
        "about_parent_route: gave_birth\nabout_household: solo\nabout_work_pattern: hybrid\n\
         about_career_intent: steady\nabout_stage: back_longer\nflex_pt_interest: already\n\
         flex_pt_view: tolerated\nflex_pt_workload: same_job\nkids_ages: [school]\nhome_shape: solo\nhas_manager: false\n",
    )
    .unwrap();
    Test::in_dir(state)
        .env("MOMMYTRACK_STATE_DIR", state)
        .args(["assess", "--answers", "mine.yaml", "--taken", "2026-06-01"])
        .args([
            "--format",
            "json",
            "--output",
            "result-2026-06-01-100000.json",
        ])
        .success();
}

/// Answers every question of a plain session with `s` until its end, and
/// returns what it printed.
fn skip_to_the_end(t: &mut Tty) -> String {
    loop {
        let before = t.expect("> ");
        if before.contains("What next?") {
            return t.log.clone();
        }
        t.p.send_line("s").unwrap();
    }
}

/// The part-time single mother's facts come from her saved result: she is
/// told which, from when, and asked whether to use them; kept, she is
/// asked how part-timers fare and whether one can stay at one's level
/// there, not about the roles she "would aim for", and nothing about her
/// old job (whether she has a manager there) hides the manager questions.
#[test]
fn a_prospective_session_carries_the_facts_about_you_from_your_latest_result() {
    let state = tempfile::tempdir().unwrap();
    her_saved_result(state.path());
    let mut t = Tty::at(
        state.path(),
        100,
        30,
        &["assess", "--prospective", "--plain"],
    );
    let facts = t.expect("Use these facts from your result of 2026-06-01?");
    assert!(facts.contains("From your result of 2026-06-01"), "{facts}");
    for fact in [
        "Who do you parent with? \u{201c}On my own\u{201d}",
        "Do you work part-time or reduced hours, or are you planning to? \u{201c}I already work",
    ] {
        assert!(facts.contains(fact), "{fact}: {facts}");
    }
    assert!(!facts.contains("manager"), "{facts}");
    t.expect("> ");
    t.p.send_line("").unwrap(); // Use them
    let log = skip_to_the_end(&mut t);
    let asked = &log[log.find("Use these facts").unwrap()..];
    for kit in [
        "how are people who work part-time seen?",
        "does a part-timer's workload shrink",
        "can someone stay at their level",
        "Which of these describes the manager you would report to",
    ] {
        assert!(asked.contains(kit), "not asked {kit:?}:\n{asked}");
    }
    for not in [
        "Who do you parent with?",
        "Do you work part-time or reduced hours, or are you planning to?",
    ] {
        assert!(
            !asked.lines().any(|l| l.trim_end() == not),
            "asked {not:?}:\n{asked}"
        );
    }
    assert!(!asked.contains("the roles you would aim for"), "{asked}");

    // The result: what is weakest in her job now comes right after the
    // parts asked first (review W1), and the report files her facts under
    // a heading of their own (review S3).
    let saved = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("result-") && !name.contains("2026-06-01")
        })
        .expect("the prospective result");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(r["facts_from"], "2026-06-01", "{r}");
    let list = r["to_find_out"].as_array().unwrap();
    let first = list
        .iter()
        .take_while(|f| f["ask_first"] == true || f["opens_more"] == true)
        .count();
    assert_eq!(list[first]["question"], "flex_pt_workload", "{r}");
    assert_eq!(
        list[first]["weak_now"], "No: it is the same job for less pay",
        "{r}"
    );
    assert_eq!(
        list.iter().filter(|f| f.get("weak_now").is_some()).count(),
        1,
        "{r}"
    );
    for format in ["markdown", "html"] {
        let out = Test::in_dir(state.path())
            .args(["report", saved.to_str().unwrap(), "--format", format])
            .success()
            .stdout();
        // (HTML keeps a date on one line with non-breaking hyphens.)
        let out = out.replace('\u{2011}', "-");
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            out.contains("then those weakest in your current job, then those whose answer"),
            "{format}: {out}"
        );
        assert!(
            out.contains("Weakest in your current job, where you answered “No: it is the same job for less pay”"),
            "{format}: {out}"
        );
        let about = out
            .find("About you (carried over from your result of 2026-06-01)")
            .expect("the facts' heading");
        // Once, under that heading, not under the employer's parts.
        assert_eq!(
            out.matches("Who do you parent with?").count(),
            1,
            "{format}: {out}"
        );
        let fact = out.find("Who do you parent with?").unwrap();
        assert!(fact > about, "{format}: {out}");
        assert!(
            !out[about..fact].contains("How the work would be done"),
            "{format}: {out}"
        );
    }
}

/// With no saved result, the facts about you come first, with "Prefer
/// not to say" rather than "Don't know yet"; saying she works part-time brings the
/// questions about part-timers at that employer.
#[test]
fn a_prospective_session_asks_the_facts_about_you_when_none_is_saved() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, 24, &["assess", "--prospective"]);
        t.begin();
        let screen = t.on_screen("How did you become a parent");
        assert!(super::shows(&screen, "Part 1 of 9: About you"), "{screen}");
        assert!(!screen.contains("Don't know yet"), "{screen}");
        assert!(screen.contains("Prefer not to say"), "{screen}");
        t.keys(&["s"]);
        // All the facts about her come first, in the one part.
        t.press(&["s"], "What do you want from your career");
        t.press(&["2"], "Where are you now");
        let screen = t.press(&["s"], "Do you work part-time or reduced hours");
        assert!(super::shows(&screen, "Part 1 of 9 · About you"), "{screen}");
        t.press(&["1"], "How old are your children");
        let screen = t.press(&["s"], "Does anyone share the day-to-day parenting");
        assert!(super::shows(&screen, "Part 1 of 9 · About you"), "{screen}");
        t.keys(&["s"]);
        loop {
            let screen = t.settled();
            if super::shows(&screen, "How would the work be done in this job?") {
                let screen = t.on_screen("Part 2 of 9 · How the work would be done");
                assert!(!screen.contains("Part 1 of 9 ·"), "{screen}");
                break;
            }
            assert!(super::shows(&screen, "Part 1 of 9 · About you"), "{screen}");
            t.keys(&["s"]);
        }
        t.press(&["2"], "could the work wait");
        // The rest of the kit up to the part-time questions.
        loop {
            let screen = t.settled();
            if super::shows(&screen, "how are people who work part-time seen?") {
                break;
            }
            assert!(!screen.contains("What next?"), "{screen}");
            t.keys(&["s"]);
        }
    }
}

/// Every "Part N of M" a session showed, in order, once each time it
/// changed.
fn parts_shown(log: &str) -> Vec<(usize, usize)> {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for piece in log.split("Part ").skip(1) {
        let mut words = piece.split([' ', ':', '\u{b7}']).filter(|w| !w.is_empty());
        let (Some(n), Some("of"), Some(m)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let (Ok(n), Ok(m)) = (n.parse(), m.parse()) else {
            continue;
        };
        if parts.last() != Some(&(n, m)) {
            parts.push((n, m));
        }
    }
    parts
}

/// With facts carried over, the question names the result they come from,
/// in view on a small screen (review S2: the line above it had scrolled
/// off at 60×20), and the parts are counted steadily, one by one, whether
/// she uses the facts (8 parts: they are passed by) or goes through them
/// again (9: "About you" first, each fact in it once) — review S1 saw
/// "Part 1 of 9" for two parts and a jump from 7 to 9.
#[test]
fn carried_facts_name_their_result_in_view_and_the_parts_count_steadily() {
    for ((cols, rows), review) in [((40, 15), false), ((60, 20), true), ((80, 24), false)] {
        let state = tempfile::tempdir().unwrap();
        her_saved_result(state.path());
        let mut t = Tty::at(state.path(), cols, rows, &["assess", "--prospective"]);
        t.begin();
        let screen = t.on_screen("Use them");
        assert!(
            super::shows(&screen, "Use these facts from your result of 2026-06-01?"),
            "{cols}x{rows}: {screen}"
        );
        t.assert_lines_fit();
        let from = t.log.len();
        t.keys(&[if review { "2" } else { "1" }]);
        loop {
            let screen = t.settled();
            if screen.contains("What next?") {
                break;
            }
            t.keys(&["s"]);
        }
        let parts = parts_shown(&t.log[from..]);
        let count = if review { 9 } else { 8 };
        let steady: Vec<(usize, usize)> = (1..=count).map(|n| (n, count)).collect();
        assert_eq!(parts, steady, "{cols}x{rows}, going through them: {review}");
        if review {
            let about = &t.log[from..t.log[from..].find("Part 2 of 9").unwrap() + from];
            for fact in ["Who do you parent with?", "How old are your children?"] {
                assert!(about.contains(fact), "{fact}: {about}");
            }
        }
    }
}

/// The facts carry over from the newest result about her own job, looked
/// for through the results about other employers that every prospective
/// session leaves (each was read whole: 60 of a large bank took 3 s before
/// the first question), newest first, through at most 16 MiB of them; past
/// that she is told why the facts are asked again.
#[test]
fn facts_are_looked_for_through_16_mib_of_results_about_other_employers() {
    let state = tempfile::tempdir().unwrap();
    her_saved_result(state.path());
    let run = |state: &Path| {
        Test::in_dir(state)
            .env("MOMMYTRACK_STATE_DIR", state)
            .args(["assess", "--prospective", "--plain"])
            .stdin("\n")
            .code(130)
            .stderr()
    };
    assert!(run(state.path()).contains("carry over to this employer"));
    // Newer results about other employers, each 4 MiB (its JSON padded
    // with spaces): three fit in 16 MiB, four do not.
    let considered = Test::in_dir(state.path())
        .env("MOMMYTRACK_STATE_DIR", state.path())
        .args([
            "assess",
            "--prospective",
            "--answers",
            "mine.yaml",
            "--format",
            "json",
        ])
        .success()
        .stdout();
    let padded = format!("{considered}{}", " ".repeat(4 << 20));
    for k in 1..=4 {
        let name = format!("result-2026-07-0{k}-100000.json");
        std::fs::write(state.path().join(name), &padded).unwrap();
    }
    let err = run(state.path());
    assert!(!err.contains("carry over to this employer"), "{err}");
    assert!(err.contains("Your newest saved results, 16 MiB of them, are all about other employers, so the facts about you are asked again"), "{err}");
    std::fs::remove_file(state.path().join("result-2026-07-01-100000.json")).unwrap();
    assert!(run(state.path()).contains("carry over to this employer"));
}
