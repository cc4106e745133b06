//! The terminal session as a person lives it (issue 10), one test per
//! point, each run in a pseudo-terminal of 60 and of 100 columns (set with
//! `stty` before the program starts): the tick list's "Prefer not to say",
//! prompts wrapped to the width, Esc back, the intro that waits, the end
//! screen that fits, the pager, the cursor mark without colour, number
//! keys, an honest count, plain mode, echo lines and the save step.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::{BIN, MINI_FIXTURE as MINI, Test};

mod end;
mod lists;
mod settled;
const TIMEOUT_MS: u64 = 10_000;
const WIDTHS: [usize; 2] = [60, 100];

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const ESC: &str = "\x1b";
const END: &str = "\x1b[F";

/// A program in a pseudo-terminal of a given size, with everything it
/// printed kept.
struct Tty {
    p: PtySession,
    log: String,
    cols: usize,
}

/// The binary in a terminal of `cols` × `rows` (set by `stty` in a shell
/// that then runs it), in the harness's private environment with `state`
/// as its state and home folder.
fn command(state: &Path, cols: usize, rows: usize, args: &[&str]) -> Command {
    Test::in_dir(state)
        .arg("-c")
        .arg(format!(
            "stty cols {cols} rows {rows} && exec \"$0\" \"$@\""
        ))
        .arg(BIN)
        .args(args)
        .env("MOMMYTRACK_STATE_DIR", state)
        .env("HOME", state)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("PAGER", "cat")
        .env_remove("LESS")
        .env_remove("XDG_DOCUMENTS_DIR")
        .command_for("sh")
}

impl Tty {
    fn start(cmd: Command, cols: usize) -> Tty {
        Tty {
            p: spawn_command(cmd, Some(TIMEOUT_MS)).expect("the binary starts in a pty"),
            log: String::new(),
            cols,
        }
    }

    fn at(state: &Path, cols: usize, rows: usize, args: &[&str]) -> Tty {
        Tty::start(command(state, cols, rows, args), cols)
    }

    /// Waits for `s`; returns what came before it (decoded as UTF-8).
    fn expect(&mut self, s: &str) -> String {
        let needle: String = s.bytes().map(char::from).collect();
        let before = self
            .p
            .exp_string(&needle)
            .unwrap_or_else(|e| panic!("expected {s:?} at {} columns: {e}", self.cols));
        let bytes: Vec<u8> = before.chars().map(|c| c as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        self.log.push_str(&text);
        self.log.push_str(s);
        text
    }

    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.p.send(k).expect("send a key");
            self.p.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// What arrived within `ms` milliseconds, without waiting for anything.
    fn drain(&mut self, ms: u64) -> String {
        std::thread::sleep(Duration::from_millis(ms));
        let mut bytes = Vec::new();
        while let Some(c) = self.p.try_read() {
            bytes.push(c as u8);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        self.log.push_str(&text);
        text
    }

    /// Past the intro.
    fn begin(&mut self) {
        self.expect("Press Enter to begin.");
        self.keys(&[ENTER]);
    }

    fn exit_code(&mut self) -> i32 {
        self.p.exp_eof().expect("the program ends");
        match self.p.process().wait().expect("wait for the program") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("the program did not exit normally: {other:?}"),
        }
    }

    /// Every line the program wrote fits the terminal: nothing relies on
    /// the terminal wrapping, so what is cleared is what was drawn.
    fn assert_lines_fit(&self) {
        for line in visible_lines(&self.log) {
            assert!(
                console::measure_text_width(&line) <= self.cols,
                "a line wider than {} columns: {line:?}",
                self.cols
            );
        }
    }
}

/// The lines of a transcript without escape sequences or carriage returns.
fn visible_lines(log: &str) -> Vec<String> {
    console::strip_ansi_codes(log)
        .split('\n')
        .map(|l| {
            l.rsplit('\r')
                .find(|s| !s.is_empty())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn only_result(state: &Path) -> serde_json::Value {
    let results: Vec<PathBuf> = std::fs::read_dir(state)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("result-"))
        })
        .collect();
    assert_eq!(results.len(), 1, "{results:?}");
    serde_json::from_str(&std::fs::read_to_string(&results[0]).unwrap()).unwrap()
}

/// The mini bank with a long prompt and help on its scale question.
fn long_bank(dir: &Path) -> PathBuf {
    let bank = dir.join("bank");
    std::fs::create_dir_all(&bank).unwrap();
    for f in ["bank.yaml", "10_boss.yaml", "20_flex.yaml"] {
        let text = std::fs::read_to_string(Path::new(MINI).join(f)).unwrap();
        let text = text.replace(
            "prompt: \"My manager understands family demands.\"",
            "prompt: \"Realistically, thinking about the last six months and not only about the good days, my manager understands the demands of family life and adjusts deadlines accordingly.\"\n    help: \"Think of what your manager did, not of what the policy says: the last time a child was ill, the last school event, the last late meeting.\"",
        );
        std::fs::write(bank.join(f), text).unwrap();
    }
    bank
}

#[test]
fn prefer_not_to_say_clears_the_ticks_on_screen_and_what_is_echoed_is_saved() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--quick", "--bank", MINI],
        );
        t.begin();
        t.expect("question 1 of 2");
        t.keys(&["4"]);
        t.expect("Which of these can you use without stigma?");
        // Tick two, then Prefer not to say (the last line).
        t.keys(&["1", "2", END, SPACE]);
        let screen = t.expect("\"Prefer not to say\" replaces the other ticks.");
        let after = screen.rsplit("Which of these").next().unwrap().to_string();
        assert!(after.contains("[ ] 1. Remote days"), "{after}");
        assert!(after.contains("[ ] 2. Flexible hours"), "{after}");
        assert!(after.contains("❯ [x] Prefer not to say"), "{after}");
        t.keys(&[ENTER]);
        t.expect("✔ Which of these can you use without stigma? · Prefer not");
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(result["answers"]["flex_options"], serde_json::Value::Null);
        t.assert_lines_fit();

        // The other way round: a tick after Prefer not to say unticks it.
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--quick", "--bank", MINI],
        );
        t.begin();
        t.keys(&["4"]);
        t.expect("Which of these can you use without stigma?");
        t.keys(&[UP, SPACE, "3"]);
        t.expect("\"Prefer not to say\" is unticked.");
        t.keys(&[ENTER]);
        t.expect("✔ Which of these can you use without stigma? · Part-time");
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(
            result["answers"]["flex_options"],
            serde_json::json!(["part_time"])
        );
    }
}

#[test]
fn long_prompts_help_and_labels_are_wrapped_at_words_to_the_width() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let bank = long_bank(state.path());
        let bank = bank.to_str().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--quick", "--bank", bank],
        );
        t.begin();
        t.expect("? Realistically,");
        t.expect("? Help");
        t.keys(&["?"]); // help, shown in place
        t.expect("the last late meeting.");
        t.keys(&["2"]);
        t.expect("Which of these can you use without stigma?");
        t.keys(&[ESC]);
        t.expect("Realistically,");
        t.keys(&["3"]);
        t.expect("Which of these can you use without stigma?");
        t.keys(&[ENTER]);
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        t.assert_lines_fit();
        // Words are whole: every word of the prompt is on one line.
        let lines = visible_lines(&t.log);
        for word in ["Realistically,", "accordingly.", "understands"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} broken at {cols} columns: {lines:#?}"
            );
        }
        // The echo shows the answer, not a menu item.
        assert!(!t.log.contains("· ? Help"), "{}", t.log);
        assert!(t.log.contains("· 3 · Neutral"), "{}", t.log);
    }
}

#[test]
fn esc_back_leaves_no_empty_header_and_does_not_repeat_the_part_introduction() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--quick", "--bank", MINI],
        );
        t.begin();
        t.expect("Part 1 of 2: Your manager");
        t.keys(&["2"]);
        t.expect("Part 2 of 2: Flexibility");
        t.expect("Which of these");
        t.keys(&[ESC]);
        // Back at question 1 with 2 selected: the progress line and the
        // echo of the answer being changed are cleared first.
        let back = t.expect("question 1 of 2");
        assert!(back.contains("\x1b[2K"), "cleared: {back:?}");
        t.expect("❯ 2 · Disagree");
        t.keys(&["5"]);
        t.expect("Which of these");
        t.keys(&[ENTER]);
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        // The part gone back into is not introduced again; the heading of
        // the part left was cleared with the echo (progress line 1 row,
        // heading 2, echo 1) and is shown again when it is reached again.
        assert_eq!(t.log.matches("Part 1 of 2: Your manager").count(), 1);
        assert!(t.log.contains("\x1b[4A"), "{:?}", t.log);
        let result = only_result(state.path());
        assert_eq!(result["answers"]["boss_understands"], 5);
        t.assert_lines_fit();
    }
}

#[test]
fn the_intro_waits_for_enter_and_fits_the_screen() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, 24, &["assess"]);
        // One screenful, or more each waiting for Enter, none scrolling.
        let mut intro = String::new();
        loop {
            let screen = t.expect("Press Enter ");
            let breaks = screen.matches('\n').count();
            assert!(breaks < 24, "{breaks} lines at {cols} columns: {screen}");
            intro.push_str(&screen);
            if t.expect(".").starts_with("to begin") {
                break;
            }
            t.keys(&[ENTER]);
        }
        for part in ["It takes about", "Nothing is sent anywhere", "Keys:"] {
            assert!(intro.contains(part), "{part}: {intro}");
        }
        let waiting = t.drain(700);
        assert!(!waiting.contains("question 1"), "{waiting}");
        t.keys(&[ENTER]);
        t.expect("question 1 of");
        t.p.send_control('c').unwrap();
        t.expect("Stopped.");
        assert_eq!(t.exit_code(), 130);
        t.assert_lines_fit();
    }
}

#[test]
fn without_colour_the_current_line_is_marked_and_number_keys_pick() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, 24, &["assess", "--bank", MINI]);
        t.begin();
        let first = t.expect("❯ 1. Yes");
        assert!(
            !first.contains("\x1b[3"),
            "no colour with NO_COLOR: {first:?}"
        );
        t.keys(&[DOWN]);
        t.expect("❯ 2. No");
        t.keys(&[UP, "1"]); // Yes
        t.expect("What happens when you leave early");
        t.keys(&["3"]); // It is counted against me
        t.expect("My manager understands family demands.");
        t.keys(&["4"]);
        t.expect("late-night email");
        t.keys(&["0"]); // a scale from 0: the key is the number shown
        t.expect("Which of these");
        t.expect("❯ [ ] 1. Remote days");
        t.keys(&["2", DOWN, SPACE]);
        t.expect("❯ [x] 3. Part-time");
        t.keys(&[ENTER]);
        t.expect("Are you considering part-time work?");
        t.keys(&["2"]);
        t.expect("Anything else?");
        t.keys(&[DOWN, ENTER]); // Prefer not to say
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        let result = only_result(state.path());
        assert_eq!(
            result["answers"],
            serde_json::json!({
                "has_manager": true,
                "boss_early_leave": "counted",
                "boss_understands": 4,
                "boss_late_email": 0,
                "flex_options": ["hours", "part_time"],
                "considering_part_time": false,
                "notes": null
            })
        );
        // The count never grows: "up to 7" first, then exactly 7.
        let counts: Vec<usize> = t
            .log
            .split("question ")
            .skip(1)
            .filter_map(|rest| {
                let (n, rest) = rest.split_once(" of ")?;
                n.parse::<usize>().ok()?;
                let rest = rest.strip_prefix("up to ").unwrap_or(rest);
                let total: String = rest.chars().take_while(char::is_ascii_digit).collect();
                total.parse().ok()
            })
            .collect();
        assert!(!counts.is_empty());
        assert!(counts.windows(2).all(|w| w[1] <= w[0]), "{counts:?}");
        assert!(t.log.contains("question 1 of up to 7"), "{}", t.log);
        assert!(t.log.contains("Part 2 of 2"), "{}", t.log);
        t.assert_lines_fit();
    }
}

#[test]
fn with_colour_the_lists_are_coloured_too() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(state.path(), 80, 24, &["assess", "--quick", "--bank", MINI]);
    cmd.env_remove("NO_COLOR");
    let mut t = Tty::start(cmd, 80);
    t.begin();
    let first = t.expect("Strongly agree");
    assert!(first.contains("\x1b["), "colour on a terminal: {first:?}");
    assert!(first.contains("❯"), "{first:?}");
    t.p.send_control('c').unwrap();
    t.expect("Stopped.");
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn plain_mode_has_no_box_drawing_wraps_at_spaces_and_reads_answers_back() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let bank = long_bank(state.path());
        let bank = bank.to_str().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--plain", "--quick", "--bank", bank],
        );
        t.expect("Type a number from 1 to 5");
        t.p.send_line("4").unwrap();
        t.expect("Your answer: 4 (Agree).");
        t.p.send_line("1 2").unwrap();
        t.expect("Your answer: Remote days; Flexible hours.");
        t.expect("What next?");
        t.p.send_line("1").unwrap(); // the full report, printed
        t.expect("Talk it over with someone you trust");
        t.expect("Type a number from 1 to 3");
        t.p.send_line("3").unwrap();
        assert_eq!(t.exit_code(), 0);
        for c in ['─', '│', '┌', '╞', '█', '░', '\u{1b}'] {
            assert!(!t.log.contains(c), "{c:?} in plain mode: {}", t.log);
        }
        t.assert_lines_fit();
        for line in visible_lines(&t.log) {
            assert!(
                !line.trim_end().ends_with('-'),
                "broken at a hyphen: {line:?}"
            );
        }
    }
}

#[test]
fn text_answers_echo_the_answer_not_the_menu_item() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--resume", "--bank", MINI],
        );
        // A draft with everything but the note.
        std::fs::write(
            state.path().join("draft.json"),
            r#"{"mommytrack_draft":1,"mode":"full","bank":{"title":"Mini bank","fingerprint":"0"},"answers":{"has_manager":false,"boss_understands":3,"boss_late_email":1,"flex_options":[],"considering_part_time":false}}"#,
        )
        .unwrap();
        drop(t);
        t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--resume", "--bank", MINI],
        );
        t.begin();
        t.expect("Write an answer…");
        t.keys(&[ENTER]);
        t.expect("Enter when done");
        t.keys(&["A", "s", "k", " ", "D", "a", "n", "a", ENTER]);
        t.expect("✔ Anything else? · \"Ask Dana\"");
        t.expect("What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        assert!(!t.log.contains("· Write an answer"), "{}", t.log);
        assert_eq!(only_result(state.path())["answers"]["notes"], "Ask Dana");
    }
}

#[test]
fn on_a_small_screen_the_intro_comes_in_screenfuls() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 40, 24, &["assess"]);
    let mut screens = Vec::new();
    loop {
        let screen = t.expect("Press Enter ");
        // Fewer than 24 line breaks: the prompt's row is the last one,
        // nothing scrolls.
        assert!(screen.matches('\n').count() < 24, "{screen}");
        screens.push(screen);
        if t.expect(".").starts_with("to begin") {
            break;
        }
        t.keys(&[ENTER]);
    }
    assert!(screens.len() >= 2, "{screens:#?}");
    let intro = screens.concat();
    for part in ["It takes about", "Nothing is sent anywhere", "Keys:"] {
        assert!(intro.contains(part), "{part}: {intro}");
    }
    t.keys(&[ENTER]);
    t.expect("question 1 of");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
    t.assert_lines_fit();
}

#[test]
fn after_a_resize_the_next_redraw_fits_the_new_width() {
    let state = tempfile::tempdir().unwrap();
    let bank = long_bank(state.path());
    let cmd = Test::in_dir(state.path())
        .arg("-c")
        .arg("tty > tty.txt; stty cols 100 rows 30 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(["assess", "--quick", "--bank", bank.to_str().unwrap()])
        .env("MOMMYTRACK_STATE_DIR", state.path())
        .env("HOME", state.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .command_for("sh");
    let mut t = Tty::start(cmd, 100);
    t.begin();
    t.expect("? Realistically, thinking about the last six months and not only about the good");
    t.drain(300);
    let tty = std::fs::read_to_string(state.path().join("tty.txt")).unwrap();
    let resized = Command::new("sh")
        .arg("-c")
        .arg(format!("stty cols 50 rows 30 < {}", tty.trim()))
        .status()
        .unwrap();
    assert!(resized.success());
    t.log.clear();
    t.cols = 50;
    t.keys(&[DOWN]);
    t.expect("❯ 2 · Disagree");
    t.drain(300);
    t.assert_lines_fit();
    assert!(
        t.log.contains("? Realistically, thinking about the"),
        "{}",
        t.log
    );
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}
