//! Hostile inputs through the real binary (issue 6): a 100 MB file, a
//! billion-laughs alias bomb, 10,000-deep nesting, binary junk and empty
//! files, each as a bank file and as an answers file. Each must end with
//! exit 65 or 66 and a message naming the file and the cap that stopped
//! it, inside a 1 GiB address-space limit (`ulimit -v`), so memory stays
//! bounded. The work is bounded by construction, not by a clock: each
//! message is one only a counted cap gives (the file's size, checked
//! before it is read; the parser's count of nodes with aliases expanded;
//! its nesting depth), so passing means the cap stopped the work.
//! docs/security.md ("Caps on work") has the measured times.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::{Test, copy_mini, mini_dir as mini};

/// A child still running after this long is killed, so a hang fails the
/// test (with no exit code) instead of hanging the suite; it is not a
/// measure of speed, which a test on a shared machine cannot make.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// A copy of the mini bank with one more set file, `15_hostile.yaml`.
fn bank_with(dir: &Path, contents: &Path) -> PathBuf {
    let bank = dir.join("bank");
    copy_mini(&bank, &[]);
    std::fs::copy(contents, bank.join("15_hostile.yaml")).unwrap();
    bank
}

struct Outcome {
    code: Option<i32>,
    stderr: String,
}

/// Runs the binary under a memory limit (and the hang guard).
fn run(args: &[&str]) -> Outcome {
    let start = Instant::now();
    // The folder lives as long as the child runs in it.
    let test = Test::new();
    let mut child = test
        .limited(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // Kill a child that hangs, so the test fails instead of hanging.
    let deadline = start + HANG_GUARD;
    loop {
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    Outcome {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Feeds `file` as a set file of a bank and as an answers file.
fn refuse_both_ways(what: &str, file: &Path, expect_in_message: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let bank = bank_with(tmp.path(), file);
    let bank = bank.to_str().unwrap();
    let answers = file.to_str().unwrap();
    let mini = mini();
    let mini = mini.to_str().unwrap();
    let cases: [(&str, Vec<&str>, &str); 3] = [
        (
            "validate a bank holding it",
            vec!["validate", bank],
            "15_hostile.yaml",
        ),
        (
            "assess with a bank holding it",
            vec!["assess", "--bank", bank, "--answers", answers],
            "15_hostile.yaml",
        ),
        (
            "assess with it as the answers file",
            vec![
                "assess",
                "--bank",
                mini,
                "--answers",
                answers,
                "--format",
                "json",
            ],
            file.file_name().unwrap().to_str().unwrap(),
        ),
    ];
    for (how, args, names) in cases {
        let o = run(&args);
        let context = format!("{what}, {how}: exit {:?}\n{}", o.code, o.stderr);
        assert!(matches!(o.code, Some(65 | 66)), "{context}");
        assert!(
            o.stderr.contains(names),
            "the message names no file: {context}"
        );
        assert!(
            o.stderr.contains(expect_in_message),
            "expected {expect_in_message:?}: {context}"
        );
        assert!(!o.stderr.contains("panicked"), "{context}");
        assert!(o.stderr.lines().count() < 20, "too many lines: {context}");
    }
}

#[test]
fn a_100_mb_file_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.yaml");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let line = b"boss_early_leave: explain   # padding padding padding padding padding\n";
        let mut written = 0;
        while written < 100 * 1024 * 1024 {
            f.write_all(line).unwrap();
            written += line.len();
        }
    }
    assert!(std::fs::metadata(&path).unwrap().len() >= 100 * 1024 * 1024);
    refuse_both_ways("a 100 MB file", &path, "MiB, more than mommytrack reads");
}

#[test]
fn a_billion_laughs_alias_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text += &format!("a{i}: &a{i} [{refs}]\n");
    }
    let path = tmp.path().join("laughs.yaml");
    std::fs::write(&path, &text).unwrap();
    // Refused by the parser's count of what the aliases expand to (not by
    // how many aliases the text holds: 90 is few).
    refuse_both_ways(
        "a billion laughs",
        &path,
        "YAML values (keys, values, lists and mappings, an alias `*name` counting as all it stands for) that an answers file, or all the files of a bank together, may hold",
    );
}

#[test]
fn nesting_10000_deep_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let deep = 10_000;
    // The parser refuses deep `[` and `{` itself, in its words; the
    // budget refuses any other nesting.
    let shapes = [
        (
            "deep_flow.yaml",
            "[".repeat(deep) + &"]".repeat(deep),
            "recursion limit exceeded",
        ),
        (
            "deep_block.yaml",
            "- ".repeat(deep) + "x\n",
            "nested too deeply",
        ),
        (
            "deep_map.yaml",
            "a: {".repeat(deep) + &"}".repeat(deep),
            "nested too deeply",
        ),
        (
            "deep_json.json",
            "{\"a\":".repeat(deep) + "1" + &"}".repeat(deep),
            "recursion limit exceeded",
        ),
    ];
    for (name, text, expect) in shapes {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        refuse_both_ways(name, &path, expect);
    }
}

#[test]
fn binary_junk_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    // Deterministic pseudo-random bytes: not UTF-8.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let junk: Vec<u8> = (0..256 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let path = tmp.path().join("junk.bin");
    std::fs::write(&path, &junk).unwrap();
    refuse_both_ways("binary junk", &path, "not valid UTF-8");

    // Control characters that are valid UTF-8 are still not YAML.
    let path = tmp.path().join("controls.yaml");
    let text: String = (0..4096u32)
        .map(|i| char::from_u32(i % 32).unwrap())
        .collect();
    std::fs::write(&path, text).unwrap();
    refuse_both_ways("control characters", &path, "unexpected character");
}

#[test]
fn empty_files_get_clear_messages() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.yaml", ""),
        ("blank.yaml", "\n  \n# only a comment\n"),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        refuse_both_ways(name, &path, "empty");
    }
}

/// A question holding 20,000 unknown keys (written with escapes, as
/// `"\x6b0": 1`) lists the first 100 and says the check stopped: the work
/// is that of 100 problems, however many the file holds (an 8 MiB file of
/// them once listed 232,436 problems, 2 s and 193 MiB).
#[test]
fn a_question_of_unknown_keys_lists_a_hundred_and_stops() {
    let mut text =
        String::from("id: e\ntitle: E\nquestions:\n  - id: q\n    kind: yesno\n    prompt: P\n");
    for i in 0..20_000 {
        let key: String = format!("k{i}")
            .bytes()
            .map(|b| format!("\\x{b:02x}"))
            .collect();
        text += &format!("    \"{key}\": 1\n");
    }
    let out = crate::harness::mt()
        .mini()
        .file("mini/15_e.yaml", text)
        .args(["validate", "mini"])
        .code(65);
    let err = out.stderr();
    assert_eq!(err.matches("unknown field `k").count(), 100, "{err}");
    assert!(err.contains("the check stopped after 100 errors"), "{err}");
}
