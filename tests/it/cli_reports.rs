//! `report`, `compare` and `--redact` through the real binary.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::harness::{Test, fixture, mt, repo};

const FORMATS: [&str; 4] = ["text", "markdown", "html", "json"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary in a fresh temporary folder holding the mini bank at
/// `tests/fixtures/mini`, so the relative paths below resolve there and
/// nothing is written into the repository.
fn bin() -> Test {
    let mut t = Test::new();
    t.mini_at("tests/fixtures/mini");
    t
}

fn answers(name: &str) -> PathBuf {
    root().join(format!("tests/fixtures/answers/{name}.yaml"))
}

/// `assess` on the mini bank, standard output as bytes.
fn assess(persona: &str, extra: &[&str]) -> Vec<u8> {
    let out = bin()
        .args(["assess", "--bank", "tests/fixtures/mini", "--answers"])
        .arg(answers(persona))
        .args(extra)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Saves a persona's JSON result in `dir` as `NAME.json`.
fn save(dir: &Path, persona: &str, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.json"));
    bin()
        .args([
            "assess",
            "--bank",
            "tests/fixtures/mini",
            "--format",
            "json",
            "--answers",
        ])
        .arg(answers(persona))
        .arg("--output")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    path
}

fn run(args: &[&str], files: &[&Path]) -> (Vec<u8>, String) {
    let out = bin().args(args).args(files).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn report_of_a_saved_result_matches_the_original_run_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    for persona in ["supportive", "penalized", "hostile"] {
        let saved = save(dir.path(), persona, persona);
        for format in FORMATS {
            let original = assess(persona, &["--format", format]);
            let (again, _) = run(&["report", "--format", format], &[&saved]);
            assert!(!original.is_empty());
            assert_eq!(
                String::from_utf8_lossy(&again),
                String::from_utf8_lossy(&original),
                "{persona} as {format}"
            );
            assert_eq!(again, original, "{persona} as {format}: byte for byte");
        }
    }
}

#[test]
fn compare_of_a_result_with_itself_shows_zero_differences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let me = save(dir.path(), "penalized", "me");
    let (json, stderr) = run(&["compare", "--format", "json"], &[&me, &me]);
    assert_eq!(stderr, "", "same bank, same mode: no warning");
    let c: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(c["overall"]["difference"], 0.0);
    let dims = c["dimensions"].as_array().expect("dimensions");
    assert_eq!(dims.len(), 2);
    for d in dims {
        assert_eq!(d["difference"], 0.0, "{d}");
    }
    assert_eq!(c["questions"], serde_json::json!([]));
    assert_eq!(c["flags"]["only_a"], serde_json::json!([]));
    assert_eq!(c["flags"]["only_b"], serde_json::json!([]));
    assert_eq!(c["flags"]["both"][0]["id"], "boss_penalizes_parents");
    for format in ["text", "markdown", "html"] {
        let (doc, _) = run(&["compare", "--format", format], &[&me, &me]);
        assert!(
            String::from_utf8_lossy(&doc).contains("No differences"),
            "{format}"
        );
    }
}

#[test]
fn compare_puts_two_results_side_by_side_with_file_name_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let me = save(dir.path(), "supportive", "me");
    let partner = save(dir.path(), "penalized", "partner");
    let (text, _) = run(&["compare"], &[&me, &partner]);
    let text = String::from_utf8_lossy(&text);
    assert!(
        text.starts_with("Comparing me.json and partner.json\n"),
        "{text}"
    );
    assert!(text.contains("-88.9"), "{text}");
    assert!(text.contains("Flags only in partner.json"), "{text}");
    let (json, _) = run(&["compare", "-f", "json"], &[&me, &partner]);
    let c: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(c["a"]["label"], "me.json");
    assert_eq!(c["b"]["label"], "partner.json");
    assert_eq!(c["overall"]["a"], 88.9);
    assert_eq!(c["overall"]["b"], 0.0);
    assert_eq!(c["questions"][0]["id"], "boss_early_leave");
    assert_eq!(c["flags"]["only_b"][0]["id"], "boss_penalizes_parents");
}

#[test]
fn compare_of_results_from_different_banks_works_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let me = save(dir.path(), "supportive", "me");
    let mut other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&me).expect("saved")).expect("JSON");
    other["bank"]["title"] = "Another bank".into();
    let other_path = dir.path().join("other.json");
    std::fs::write(&other_path, other.to_string()).expect("write");
    bin()
        .arg("compare")
        .arg(&me)
        .arg(&other_path)
        .assert()
        .success()
        .stderr(predicate::str::contains("different question banks"))
        .stderr(predicate::str::contains("Another bank"))
        .stdout(predicate::str::contains("different question banks"));
}

#[test]
fn compare_writes_its_output_file_privately_and_prints_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let me = save(dir.path(), "supportive", "me");
    let partner = save(dir.path(), "penalized", "partner");
    let out = dir.path().join("both.md");
    std::fs::write(&out, "old").expect("write");
    bin()
        .args(["compare", "--format", "markdown", "--output"])
        .arg(&out)
        .arg(&me)
        .arg(&partner)
        .assert()
        .success()
        .stdout("");
    let doc = std::fs::read_to_string(&out).expect("written");
    assert!(
        doc.starts_with("# Comparing me.json and partner.json"),
        "{doc}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // A failing compare leaves the file as it was.
    bin()
        .args(["compare", "--output"])
        .arg(&out)
        .arg(&me)
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(66);
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), doc);
}

#[test]
fn redact_leaves_free_text_out_of_every_format_and_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = "My private worry";
    let me = save(dir.path(), "penalized", "me");
    let partner = save(dir.path(), "supportive", "partner");
    for format in FORMATS {
        let plain = String::from_utf8_lossy(&assess("penalized", &["-f", format])).into_owned();
        assert!(plain.contains(secret), "{format}: shown without --redact");
        let redacted =
            String::from_utf8_lossy(&assess("penalized", &["-f", format, "--redact"])).into_owned();
        assert!(!redacted.contains(secret), "assess {format}: {redacted}");
        let (doc, _) = run(&["report", "--redact", "-f", format], &[&me]);
        assert!(
            !String::from_utf8_lossy(&doc).contains(secret),
            "report {format}"
        );
        let (doc, _) = run(&["compare", "-f", format], &[&me, &partner]);
        assert!(
            String::from_utf8_lossy(&doc).contains(secret),
            "compare {format}"
        );
        let (doc, _) = run(&["compare", "--redact", "-f", format], &[&me, &partner]);
        let doc = String::from_utf8_lossy(&doc);
        assert!(!doc.contains(secret), "compare {format}: {doc}");
        assert!(!doc.contains("Ask Dana"), "compare {format}: {doc}");
    }
}

#[test]
fn hostile_text_answer_is_inert_through_the_binary() {
    for format in FORMATS {
        let doc = assess("hostile", &["-f", format, "--color", "always"]);
        let text = String::from_utf8_lossy(&doc);
        assert!(
            !text.contains("\u{1b}[31mred"),
            "{format}: the answer's escape sequence survived"
        );
        if format != "text" {
            assert!(!doc.contains(&0x1b), "{format}: no ESC byte at all");
            // Markdown escapes the tag for Markdown (`\<script>`).
            assert!(!text.replace("\\<", "").contains("<script"), "{format}");
        }
    }
}

/// Every JSON output writes `<`, `>` and `&` as `\u003c`, `\u003e` and
/// `\u0026`, so a bank's or a result's text pasted into a page opens no
/// tag, whichever command wrote it; parsed back, the text is the same.
#[test]
fn every_json_output_writes_markup_characters_escaped() {
    let title = "Mini <script>&</script> bank";
    let flag = "Your <b>team</b> works & flexibly";
    let mut t = Test::new();
    t.mini_with(&[
        (
            "bank.yaml",
            "title: Mini bank",
            &format!("title: \"{title}\""),
        ),
        (
            "bank.yaml",
            "\"Your team works flexibly\"",
            &format!("\"{flag}\""),
        ),
    ]);
    for (name, day) in [("a.json", "2024-01-08"), ("b.json", "2024-07-08")] {
        t.again()
            .args([
                "assess", "--bank", "mini", "--format", "json", "--taken", day,
            ])
            .arg("--answers")
            .arg(answers("supportive"))
            .args(["-o", name])
            .success();
    }
    let state = crate::harness::summary_state();
    let runs: [&[&str]; 5] = [
        &["report", "a.json"],
        &["compare", "a.json", "b.json"],
        &["history", "a.json", "b.json"],
        &["summarize", "--bank", "mini", "a.json", "b.json"],
        &["questions", "--bank", "mini"],
    ];
    for args in runs {
        let json = t
            .again()
            .args(args)
            .args(["--format", "json"])
            .env("MOMMYTRACK_STATE_DIR", state)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&json.stdout);
        assert!(!text.contains(['<', '>', '&']), "{args:?}: {text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let back = back.to_string();
        assert!(
            back.contains(title) || back.contains(flag),
            "{args:?}: {back}"
        );
    }
    let saved = t.read("a.json");
    assert!(
        saved.contains("Mini \\u003cscript\\u003e\\u0026"),
        "{saved}"
    );
}

#[test]
fn colour_follows_the_color_flag() {
    let always = assess("supportive", &["--color", "always"]);
    assert!(
        always.contains(&0x1b),
        "--color always colours standard output"
    );
    let never = assess("supportive", &["--color", "never"]);
    assert!(!never.contains(&0x1b));
    // Not a terminal: auto means no colour.
    assert!(!assess("supportive", &[]).contains(&0x1b));
}

#[test]
fn report_refuses_a_result_from_a_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let me = save(dir.path(), "supportive", "me");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&me).expect("saved")).expect("JSON");
    v["schema_version"] = 3.into();
    std::fs::write(&me, v.to_string()).expect("write");
    for cmd in ["report", "compare"] {
        let mut c = bin();
        c.arg(cmd).arg(&me);
        if cmd == "compare" {
            c.arg(&me);
        }
        c.assert()
            .code(65)
            .stdout("")
            .stderr(predicate::str::contains("newer mommytrack"))
            .stderr(predicate::str::contains("me.json"));
    }
}

#[test]
fn compare_of_a_quick_and_a_full_result_warns_about_the_modes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let full = save(dir.path(), "supportive", "full");
    let quick = dir.path().join("quick.json");
    bin()
        .args([
            "assess",
            "--quick",
            "--bank",
            "tests/fixtures/mini",
            "-f",
            "json",
            "-a",
        ])
        .arg(answers("supportive"))
        .arg("-o")
        .arg(&quick)
        .assert()
        .success();
    bin()
        .args(["compare", "-f", "json"])
        .arg(&full)
        .arg(&quick)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "full.json is a full assessment and quick.json a quick one",
        ))
        .stdout(predicate::str::contains("\"same_bank\": true"));
}

// From the report story (issue 10): `compare --labels`, partners on the
// built-in bank, and an unscored profile set, through the binary.

#[test]
fn compare_takes_labels_and_refuses_a_single_name() {
    let t = mt();
    for name in ["supportive", "penalized"] {
        t.again()
            .args(["assess", "--bank"])
            .arg(fixture("mini"))
            .arg("--answers")
            .arg(fixture(&format!("answers/{name}.yaml")))
            .args(["--format", "json", "--output", &format!("{name}.json")])
            .success();
    }
    let out = t
        .again()
        .args([
            "compare",
            "supportive.json",
            "penalized.json",
            "--labels",
            "Sam,Alex",
        ])
        .success()
        .stdout();
    assert!(out.starts_with("Comparing Sam and Alex"), "{out}");
    assert!(out.contains("Flags only in Alex"), "{out}");
    t.again()
        .args([
            "compare",
            "supportive.json",
            "penalized.json",
            "--labels",
            "Sam",
        ])
        .code(2)
        .stderr_contains("two names separated by a comma");
}

#[test]
fn partners_on_the_built_in_bank_see_their_home_first() {
    let t = mt();
    for (name, file) in [
        ("sam", "returning_after_leave_mixed"),
        ("alex", "unequal_home_load"),
    ] {
        t.again()
            .arg("assess")
            .arg("--answers")
            .arg(repo(&format!("tests/personas/{file}.answers.yaml")))
            .args(["--format", "json", "--output", &format!("{name}.json")])
            .success();
    }
    let json = t
        .again()
        .args(["compare", "sam.json", "alex.json", "--format", "json"])
        .success()
        .json();
    let shared = json["shared_differences"].as_array().expect("a list");
    assert!(!shared.is_empty(), "{json}");
    let home: Vec<&str> = json["dimensions"]
        .as_array()
        .expect("dimensions")
        .iter()
        .filter(|d| d["shared"] == true)
        .map(|d| d["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(home, ["home"]);
    let text = t
        .again()
        .args(["compare", "sam.json", "alex.json", "--labels", "Sam,Alex"])
        .success()
        .stdout();
    let shared_at = text
        .find("Where you see your home differently")
        .expect("shared");
    assert!(shared_at < text.find("Your workplaces, for context").expect("work"));
}

#[test]
fn an_unscored_profile_set_has_no_row_in_the_score_tables() {
    // The built-in "About you" set is asked but never scored: a row saying
    // "not asked, 0 of 0" under the person's own answers would be wrong.
    let persona = repo("tests/personas/two_dads_adopting.answers.yaml");
    let out = mt()
        .args(["assess", "--answers"])
        .arg(&persona)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let table: Vec<&str> = text.lines().filter(|l| l.contains('┆')).collect();
    assert!(table.iter().any(|l| l.contains("Your manager")), "{text}");
    assert!(!table.iter().any(|l| l.contains("About you")), "{text}");
    let html = mt()
        .args(["assess", "--format", "html", "--answers"])
        .arg(&persona)
        .output()
        .expect("runs");
    let html = String::from_utf8_lossy(&html.stdout);
    let dims = html.split("<h2>Dimensions</h2>").nth(1).unwrap_or_default();
    let dims = dims.split("</table>").next().unwrap_or_default();
    assert!(
        dims.contains("Your manager") && !dims.contains("About you"),
        "{dims}"
    );
}

/// A part with answers too few for its `min_answered` (Marcus, the gig
/// driver, answers one culture question) says so in every format; it is not
/// "not answered". The JSON carries what the sentence is made from.
#[test]
fn a_part_with_too_few_answers_says_so_in_every_format() {
    let sheet = root().join("tests/personas/gig_single_father.answers.yaml");
    for format in FORMATS {
        let out = mt()
            .args(["assess", "--format", format, "--answers"])
            .arg(&sheet)
            .success()
            .stdout();
        if format == "json" {
            let r: serde_json::Value = serde_json::from_str(&out).expect("json");
            let d = r["dimensions"].as_array().expect("dimensions");
            let culture = d.iter().find(|d| d["id"] == "culture").expect("culture");
            assert!(culture["score"].is_null(), "{culture}");
            assert_eq!(
                (&culture["answered"], &culture["min_answered"]),
                (&1.into(), &2.into())
            );
            continue;
        }
        let row = out
            .lines()
            .find(|l| l.contains("Your field and your employer"))
            .unwrap_or_else(|| panic!("{format}: no culture row:\n{out}"));
        let row = if format == "html" {
            let at = out.find("Your field and your employer").unwrap_or(0);
            &out[at..out.len().min(at + 400)]
        } else {
            row
        };
        assert!(row.contains("too few answers to score"), "{format}: {row}");
        assert!(!row.contains("not answered"), "{format}: {row}");
    }
}
