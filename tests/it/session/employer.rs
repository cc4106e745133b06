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
         flex_pt_view: tolerated\nkids_ages: [school]\nhas_manager: false\n",
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
    let facts = t.expect("Use these facts about you?");
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
        let screen = t.press(&["s"], "How would the work be done in this job?");
        assert!(
            super::shows(&screen, "Part 1 of 9 · How the work would be done"),
            "{screen}"
        );
        t.press(&["2"], "could the work wait");
        t.press(&["s"], "What do you want from your career");
        t.press(&["2"], "Where are you now");
        t.keys(&["s"]);
        // The rest of the kit up to the part-time question.
        loop {
            let screen = t.settled();
            if super::shows(&screen, "Do you work part-time or reduced hours") {
                break;
            }
            assert!(!screen.contains("What next?"), "{screen}");
            t.keys(&["s"]);
        }
        t.press(&["1"], "how are people who work part-time seen?");
    }
}
