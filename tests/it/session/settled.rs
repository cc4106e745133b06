//! The settled verdict in a session: once no answer to the
//! questions left can change the verdict, the session says so once and
//! offers to finish; the result records when (`settled_after`) and the day
//! it was taken.

use std::path::{Path, PathBuf};

use super::{DOWN, ENTER, Tty, WIDTHS, mini_bank, only_result, shows};
use crate::harness::draft_in;

/// The mini bank where "it is counted against me" caps the verdict at the
/// lowest band and any number of answers gives a verdict: from that answer
/// on, nothing can change it.
fn capping_bank(dir: &Path) -> PathBuf {
    mini_bank(dir, |f, text| match f {
        "bank.yaml" => {
            let capped = text.replace("    caps_verdict: mixed", "    caps_verdict: sidelined");
            assert_ne!(capped, text);
            capped + "min_coverage: 0\n"
        }
        _ => text,
    })
}

/// Past the intro, the capping bank's first two answers (Yes; it is
/// counted against me): the verdict settles. Returns the screen with its
/// offer.
fn to_the_offer(t: &mut Tty) -> String {
    t.begin();
    t.on_screen("Do you have a manager?");
    t.keys(&["1"]);
    t.on_screen("What happens when you leave early");
    t.keys(&["3"]);
    t.on_screen("Go on with the questions")
}

/// Today as the program sees it, give or take a midnight during the test.
fn today_or_yesterday(taken: &str) -> bool {
    use mommytrack_engine::date::Date;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // The program's day (local or UTC), within a day either side.
    [-86_400, 0, 86_400]
        .iter()
        .any(|d| taken == Date::from_unix_seconds(now + d).to_string())
}

#[test]
fn a_settled_verdict_is_offered_once_and_finishing_keeps_what_was_answered() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let bank = capping_bank(state.path());
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--bank", bank.to_str().unwrap()],
        );
        t.begin();
        t.expect("Do you have a manager?");
        t.keys(&["1"]); // Yes
        t.expect("What happens when you leave early");
        t.keys(&["3"]); // It is counted against me
        t.expect("Your verdict is settled");
        let offer = t.expect("Go on with the questions");
        assert!(offer.contains("Sidelining risk"), "{offer}");
        assert!(offer.contains("5 questions left"), "{offer}");
        t.keys(&[ENTER]); // Finish now
        t.expect("Sidelining risk");
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        t.assert_lines_fit();

        let r = only_result(state.path());
        assert_eq!(r["overall"]["verdict"], "sidelined");
        assert_eq!(r["settled_after"], 2, "{r}");
        assert!(today_or_yesterday(r["taken"].as_str().unwrap()), "{r}");
        let answered: Vec<&String> = r["answers"].as_object().unwrap().keys().collect();
        assert_eq!(answered, ["has_manager", "boss_early_leave"]);
    }
}

#[test]
fn going_on_after_the_offer_asks_the_rest_and_never_offers_again() {
    let state = tempfile::tempdir().unwrap();
    let bank = capping_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        80,
        24,
        &[
            "assess",
            "--bank",
            bank.to_str().unwrap(),
            "--taken",
            "2026-05-04",
        ],
    );
    t.begin();
    t.expect("Do you have a manager?");
    t.keys(&["1"]);
    t.expect("What happens when you leave early");
    t.keys(&["3"]);
    t.expect("Go on with the questions");
    t.keys(&[DOWN, ENTER]);
    t.expect("My manager understands family demands.");
    t.keys(&["5"]);
    t.expect("late-night email");
    t.keys(&["1"]);
    t.expect("Which of these can you use without stigma?");
    t.keys(&["1", ENTER]);
    t.expect("Are you considering part-time work?");
    t.keys(&["2"]);
    t.expect("Anything else?");
    t.keys(&[ENTER]);
    let rest = t.expect("What next?");
    assert!(!rest.contains("Your verdict is settled"), "{rest}");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let r = only_result(state.path());
    assert_eq!(r["settled_after"], 2);
    assert_eq!(r["taken"], "2026-05-04");
    assert_eq!(r["overall"]["verdict"], "sidelined");
}

#[test]
fn a_verdict_that_never_settles_records_null() {
    let (state, mut t) = Tty::quick_mini(80, 24);
    t.expect("My manager understands family demands.");
    t.keys(&["3"]);
    t.expect("Which of these can you use without stigma?");
    t.keys(&["1", ENTER]);
    t.expect("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let r = only_result(state.path());
    assert!(r["settled_after"].is_null(), "{r}");
    assert!(r.as_object().unwrap().contains_key("settled_after"));
}

/// About an employer being considered, the skip choice is "Don't know
/// yet", on the rich screen and in plain mode; chosen, it is a skip.
#[test]
fn a_prospective_session_offers_dont_know_yet_as_its_skip() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 80, 24, &["assess", "--prospective"]);
    t.begin();
    // Only the kit is asked (docs/reports.md, "The interview kit"), after the facts about you
    // (skipped here: see `session::employer`), first how the work would
    // be done in that job, and no part's introduction, which speaks of
    // your own job.
    t.on_screen("How did you become a parent");
    t.press(&["s"], "Who do you parent with?");
    // The seven facts a skip leaves to ask.
    for _ in 0..5 {
        t.keys(&["s"]);
        assert!(!t.settled().contains("How would the work be done"));
    }
    let screen = t.press(&["s"], "How would the work be done in this job?");
    let asked = &screen[screen.find("How would the work be done").unwrap_or(0)..];
    assert!(asked.contains("Don't know yet"), "{screen}");
    assert!(!asked.contains("Prefer not to say"), "{screen}");
    assert!(
        screen.contains("Part 2 of 9 · How the work would be done"),
        "{screen}"
    );
    assert!(
        screen.contains("How would the work be done in this job?"),
        "{screen}"
    );
    assert!(!screen.contains("How do you work?"), "{screen}");
    assert!(!screen.contains("A few quick questions"), "{screen}");
    t.keys(&[super::END, super::UP, ENTER]); // the item above "? Help"
    t.expect("· Don't know yet"); // the skip, echoed
    t.p.send_control('c').unwrap();
    t.expect("mommytrack assess --resume");
    assert_eq!(t.exit_code(), 130);
    let draft = draft_in(state.path());
    let answers = draft["answers"].as_object().unwrap();
    assert_eq!(answers.len(), 8, "{draft}");
    assert!(answers.values().all(serde_json::Value::is_null), "{draft}");

    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(
        state.path(),
        80,
        24,
        &["assess", "--prospective", "--plain"],
    );
    // The seven facts about you first, skipped.
    for _ in 0..7 {
        let fact = t.expect("> ");
        assert!(!fact.contains("don't know yet"), "{fact}");
        t.p.send_line("s").unwrap();
    }
    let asked = t.expect("s = don't know yet");
    t.expect("> ");
    t.p.send_line("s").unwrap();
    let after = t.expect("> ");
    assert!(after.contains("Your answer: Don't know yet."), "{after}");
    // The question after the last fact's answer.
    let asked = asked.rsplit("Your answer").next().unwrap_or_default();
    let asked = &asked[asked.find('\n').unwrap_or(0)..];
    for skip in ["Prefer not to say", "prefer\u{a0}not"] {
        assert!(
            !asked.contains(skip) && !after.contains(skip),
            "{asked}{after}"
        );
    }
}

#[test]
fn going_back_past_the_offer_takes_its_line_back_and_esc_at_it_goes_back() {
    for (cols, rows) in super::SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = capping_bank(state.path());
        let args = ["assess", "--bank", bank.to_str().unwrap()];
        let mut t = Tty::at(state.path(), cols, rows, &args);
        let offer = to_the_offer(&mut t);
        assert!(shows(&offer, "Esc goes back"), "{cols}x{rows}: {offer}");
        t.keys(&["2"]);
        let next = t.on_screen("My manager understands family demands.");
        // Its line says what it said first, and the choice, whole.
        let said = "✔ Your verdict is settled: Sidelining risk · Go on with the questions";
        assert!(
            shows(&t.everything(), said),
            "{cols}x{rows}: {}",
            t.everything()
        );
        // Back past the offer: the question before, and no line of what
        // came after it, on screen or in the scrollback.
        t.keys(&[super::ESC]);
        t.wait_until("the question before", |t| t.screen() != next);
        t.on_screen("❯ 3. It is counted against me");
        let back = t.settled();
        let all = t.everything();
        assert!(!all.contains("✔ Your verdi"), "{cols}x{rows}: {all}");
        assert!(!all.contains("· It is counted"), "{cols}x{rows}: {all}");
        assert!(!back.contains("Go on with"), "{back}");
        // The same answer: the offer is not made again.
        t.keys(&["3"]);
        t.on_screen("My manager understands family demands.");
        assert!(!t.everything().contains("Your verdict is settled"));
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
    // Esc at the offer: back to the question just answered.
    let state = tempfile::tempdir().unwrap();
    let bank = capping_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        60,
        20,
        &["assess", "--bank", bank.to_str().unwrap()],
    );
    let offer = to_the_offer(&mut t);
    t.keys(&[super::ESC]);
    t.wait_until("the question answered", |t| t.screen() != offer);
    t.on_screen("❯ 3. It is counted against me");
    t.settled();
    let all = t.everything();
    assert!(!all.contains("· It is counted"), "{all}");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

/// The lines above the live area: the scrollback, then the screen down to
/// the frame (its progress line or its question).
fn above_the_frame(t: &mut Tty) -> Vec<String> {
    t.settled();
    let all = t.everything();
    let frame = |l: &&str| l.starts_with("? ") || (l.starts_with("Part ") && l.contains(" · "));
    all.lines()
        .take_while(|l| !frame(l))
        .map(str::to_string)
        .collect()
}

#[test]
fn going_back_keeps_every_line_that_still_stands_however_tall_the_question_is() {
    // A label so long that the question's list scrolls on a small screen,
    // and is taller when it comes back with the answer at its cursor.
    let counted = "It is counted against me: it comes up at my yearly review as a lack of commitment, my manager makes remarks in front of the team, the next promotion goes to someone who stays late, and the good projects go to colleagues without children";
    for (cols, rows) in super::SIZES {
        let state = tempfile::tempdir().unwrap();
        let bank = capping_bank(state.path());
        let boss = bank.join("10_boss.yaml");
        let text = std::fs::read_to_string(&boss).unwrap();
        let text = text.replace("\"It is counted against me\"", &format!("\"{counted}\""));
        std::fs::write(&boss, text).unwrap();
        let args = ["assess", "--bank", bank.to_str().unwrap()];
        let mut t = Tty::at(state.path(), cols, rows, &args);
        to_the_offer(&mut t);
        let before = above_the_frame(&mut t);
        let (echo, standing) = before.split_last().unwrap();
        assert!(
            echo.starts_with("✔ What happe"),
            "{cols}x{rows}: {before:#?}"
        );
        assert!(standing.contains(&"✔ Do you have a manager? · Yes".to_string()));
        // Esc at the offer, and Esc from the next question: back at the
        // answer, whose line alone goes; every line above it stays, once.
        for next in ["Go on with", "? My manager"] {
            t.on_screen(next);
            t.keys(&[super::ESC]);
            t.wait_until("the answer again", |t| !t.screen().contains(next));
            t.on_screen("❯ 3.");
            assert_eq!(above_the_frame(&mut t), standing, "{cols}x{rows}");
            t.keys(&["3"]);
        }
        t.p.send_control('c').unwrap();
        assert_eq!(t.exit_code(), 130);
    }
}

/// A verdict that settles only when nothing scored is left (here only the
/// free-text question) did not settle early: no offer, and `null`.
#[test]
fn settling_with_only_free_text_left_is_not_settling_early() {
    let state = tempfile::tempdir().unwrap();
    let bank = mini_bank(state.path(), |_, text| text);
    let mut t = Tty::at(
        state.path(),
        80,
        24,
        &["assess", "--bank", bank.to_str().unwrap()],
    );
    t.begin();
    for (question, keys) in [
        ("Do you have a manager?", &["1"][..]),
        ("What happens when you leave early", &["2"]),
        ("My manager understands family demands.", &["3"]),
        ("late-night email", &["3"]),
        ("Which of these can you use without stigma?", &["1", ENTER]),
        ("Are you considering part-time work?", &["2"]),
        ("Anything else?", &[ENTER]),
    ] {
        let screen = t.expect(question);
        assert!(!screen.contains("Your verdict is settled"), "{screen}");
        t.keys(keys);
    }
    t.expect("What next?");
    t.keys(&["3"]);
    assert_eq!(t.exit_code(), 0);
    let r = only_result(state.path());
    assert!(r["settled_after"].is_null(), "{r}");
}

/// Ctrl-C at the offer, between two questions, stops the session as in a
/// question: exit 130, the resume hint, the answers in the draft.
#[test]
fn ctrl_c_at_the_offer_stops_with_the_draft() {
    let state = tempfile::tempdir().unwrap();
    let bank = capping_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        80,
        24,
        &["assess", "--bank", bank.to_str().unwrap()],
    );
    to_the_offer(&mut t);
    t.p.send_control('c').unwrap();
    t.expect("Stopped.");
    t.expect("mommytrack assess --resume");
    assert_eq!(t.exit_code(), 130);
    let draft = draft_in(state.path());
    assert_eq!(
        draft["answers"],
        serde_json::json!({ "has_manager": true, "boss_early_leave": "counted" })
    );
}

/// Input that ends at the offer (a pipe run dry) stops the session as in a
/// question: exit 130 and the resume hint, not a bare I/O error.
#[test]
fn input_that_ends_at_the_offer_stops_with_the_draft() {
    let mut t = super::Test::new();
    let bank = capping_bank(t.path());
    let out = t
        .args(["assess", "--plain", "--bank", bank.to_str().unwrap()])
        .stdin("1\n3\n")
        .code(130);
    out.stderr_contains("Your verdict is settled")
        .stderr_contains("The input ended before the last question.")
        .stderr_contains("mommytrack assess --resume");
    let draft = t.state().join("draft.json");
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(draft).unwrap()).unwrap();
    assert_eq!(draft["answers"]["boss_early_leave"], "counted");
}
