//! The lists of the terminal session: a label too long for one line wraps
//! under its own text, past its number ("4. ", "1 · "), in the pick-one
//! list as in the tick list.

use super::*;

const CURSOR_MARK: &str = "❯ ";
const LONG_CHOICE: &str =
    "It is counted against me, and it comes up again at my yearly review as a lack of commitment";
const LONG_SCALE: &str =
    "Strongly disagree: my manager never makes room for family demands, not even once";

/// The mini bank with a long option label and a long scale label.
fn wordy_bank(dir: &Path) -> PathBuf {
    let bank = dir.join("bank");
    std::fs::create_dir_all(&bank).unwrap();
    for f in ["bank.yaml", "10_boss.yaml", "20_flex.yaml"] {
        let text = std::fs::read_to_string(Path::new(MINI).join(f)).unwrap();
        let text = text
            .replace(
                "label: \"It is counted against me\"",
                &format!("label: \"{LONG_CHOICE}\""),
            )
            .replace("[\"Strongly disagree\",", &format!("[\"{LONG_SCALE}\","));
        std::fs::write(bank.join(f), text).unwrap();
    }
    let edited = std::fs::read_to_string(bank.join("10_boss.yaml")).unwrap();
    assert!(edited.contains(LONG_CHOICE) && edited.contains(LONG_SCALE));
    bank
}

/// The line that starts `start` (after the cursor mark) on the last screen
/// of `screen`, and the lines after it up to the next item.
fn wrapped(screen: &str, start: &str) -> Vec<String> {
    let lines = visible_lines(screen);
    let i = lines
        .iter()
        .rposition(|l| {
            l.strip_prefix(CURSOR_MARK)
                .or_else(|| l.strip_prefix("  "))
                .is_some_and(|rest| rest.starts_with(start))
        })
        .unwrap_or_else(|| panic!("no line starting {start:?}: {lines:#?}"));
    // The next item starts with its number, "Prefer not to say" or "? Help".
    let item_start = |l: &str| {
        let rest = l.strip_prefix(CURSOR_MARK).or_else(|| l.strip_prefix("  "));
        rest.is_none_or(|r| {
            r.starts_with(|c: char| c.is_ascii_digit() || c == '?') || r.starts_with("Prefer")
        })
    };
    let mut out = vec![lines[i].clone()];
    out.extend(
        lines[i + 1..]
            .iter()
            .take_while(|l| !l.trim().is_empty() && !item_start(l))
            .cloned(),
    );
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[test]
fn a_wrapped_option_continues_under_its_label_not_under_its_number() {
    let cols = 60;
    let state = tempfile::tempdir().unwrap();
    let bank = wordy_bank(state.path());
    let mut t = Tty::at(
        state.path(),
        cols,
        30,
        &["assess", "--bank", bank.to_str().unwrap()],
    );
    t.begin();
    t.expect("Do you have a manager?");
    t.keys(&["1"]);
    t.expect("What happens when you leave early");
    let screen = t.expect("Prefer not to say");
    let item = wrapped(&screen, "3. It is counted");
    assert!(item.len() > 1, "{cols} columns, one line: {item:#?}");
    // "  3. It is…": the text starts at column 5, and so does every
    // continuation line.
    assert!(
        item[1..].iter().all(|l| indent(l) == 5),
        "{cols} columns: {item:#?}"
    );
    t.keys(&["1"]);
    t.expect("My manager understands family demands.");
    let screen = t.expect("Prefer not to say");
    let item = wrapped(&screen, "1 · Strongly disagree:");
    assert!(item.len() > 1, "{cols} columns, one line: {item:#?}");
    // "  1 · Strongly…": the text starts at column 6.
    assert!(
        item[1..].iter().all(|l| indent(l) == 6),
        "{cols} columns: {item:#?}"
    );
    t.keys(&[ESC, ESC, ESC]);
    t.assert_lines_fit();
    drop(t);
}
