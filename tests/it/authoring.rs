//! Tools for bank authors, through the real binary: `init-bank`,
//! `validate --strict` and `--problems json`, `assess --strict`, problems
//! in file/line order, duplicate keys at their real line, and the
//! `template --bank` hint that works when pasted.

use std::path::Path;

use crate::harness::*;
use serde_json::Value;

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Test::in_dir(dir).args(args).output().unwrap()
}

#[test]
fn init_bank_writes_a_starter_that_validates_and_whose_schema_lines_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["init-bank", "my bank"], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tmp.path().join("my bank");
    let v = run(&["validate", "--strict", "my bank"], tmp.path());
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    // Counts of one read in the singular, here and in `questions`.
    let q = run(&["questions", "--bank", "my bank"], tmp.path());
    assert!(
        String::from_utf8_lossy(&q.stdout).contains(
            "1 set, 4 questions (2 core, 3 scored), 1 red and 0 green flags, 2 advice entries"
        ),
        "{}",
        String::from_utf8_lossy(&q.stdout)
    );
    assert!(
        String::from_utf8_lossy(&v.stdout)
            .contains("is valid: 1 set, 4 questions (2 core), 1 flag, 2 advice entries"),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );
    // Each YAML file's `$schema` path, taken relative to the file, names a
    // schema that is there and is the one `mommytrack schema` prints.
    for (file, kind) in [("bank.yaml", "bank"), ("10_workplace.yaml", "set")] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let first = text.lines().next().unwrap();
        let rel = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{file}: {first}"));
        let schema = std::fs::read_to_string(dir.join(rel)).unwrap();
        assert_eq!(schema, stdout_of(mt().args(["schema", kind])), "{file}");
        // And the starter passes it, as an editor would check it.
        let schema: Value = serde_json::from_str(&schema).unwrap();
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        let errors = crate::json_schema::validator_for(&schema).errors(&doc);
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    // The starter can be assessed with the commands it suggests, pasted
    // into a shell as printed (the folder's name has a space).
    let hint = String::from_utf8_lossy(&out.stdout);
    let commands: Vec<&str> = hint
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("mommytrack "))
        .collect();
    assert_eq!(commands.len(), 3, "{hint}");
    for command in commands {
        let pasted = command.replacen(
            "mommytrack",
            &format!("'{}'", env!("CARGO_BIN_EXE_mommytrack")),
            1,
        );
        let ran = std::process::Command::new("sh")
            .arg("-c")
            .arg(&pasted)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert!(
            ran.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&ran.stderr)
        );
    }
    let empty = run(&["init-bank", "my bank"], tmp.path());
    assert_eq!(
        empty.status.code(),
        Some(73),
        "a non-empty folder is refused"
    );
    assert!(String::from_utf8_lossy(&empty.stderr).contains("--force"));
    assert!(
        run(&["init-bank", "--force", "my bank"], tmp.path())
            .status
            .success()
    );
}

#[test]
fn the_template_hint_works_when_pasted() {
    let tmp = tempfile::tempdir().unwrap();
    let bank = tmp.path().join("it's a bank");
    copy_dir(&fixture("mini"), &bank);
    let out = run(&["template", "--bank", "it's a bank"], tmp.path());
    assert!(out.status.success());
    let template = String::from_utf8(out.stdout).unwrap();
    let line = template
        .lines()
        .find(|l| l.contains("mommytrack assess"))
        .unwrap()
        .trim_start_matches(['#', ' ']);
    assert!(line.contains("--bank"), "{line}");
    write(tmp.path(), "answers.yaml", &template);
    let pasted = line.replace("THIS_FILE", "answers.yaml");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(pasted.replacen(
            "mommytrack",
            &format!("'{}'", env!("CARGO_BIN_EXE_mommytrack")),
            1,
        ))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{pasted}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn strict_turns_warnings_into_errors() {
    // An unused flag is a warning.
    let dir = mini_with(&[(
        "bank.yaml",
        "flags:\n",
        "flags:\n  unused_one:\n    severity: red\n    title: \"Never raised\"\n",
    )]);
    let plain = mt().arg("validate").arg(dir.path()).output().unwrap();
    assert!(plain.status.success());
    assert!(String::from_utf8_lossy(&plain.stderr).contains("warning"));
    let strict = mt()
        .args(["validate", "--strict"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("unused_one"));
    // assess --strict: the bank's warnings, then answers not asked.
    let answers = write(dir.path(), "a.yaml.txt", "has_manager: true\n");
    let a = mt()
        .args(["assess", "--strict", "--bank"])
        .arg(dir.path())
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(
        a.status.code(),
        Some(65),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let clean = fixture("mini");
    let tmp = tempfile::tempdir().unwrap();
    let not_asked = write(
        tmp.path(),
        "a.yaml",
        "has_manager: false\nboss_early_leave: normal\n",
    );
    let loose = mt()
        .args(["assess", "--bank"])
        .arg(&clean)
        .arg("--answers")
        .arg(&not_asked)
        .output()
        .unwrap();
    assert!(loose.status.success());
    let strict = mt()
        .args(["assess", "--strict", "--bank"])
        .arg(&clean)
        .arg("--answers")
        .arg(&not_asked)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(65));
    let err = String::from_utf8_lossy(&strict.stderr);
    assert!(
        err.contains("[boss_early_leave]") && err.contains("--strict"),
        "{err}"
    );
    assert!(strict.stdout.is_empty());
}

#[test]
fn problems_json_lists_every_problem_in_file_and_line_order() {
    let dir = mini_with(&[
        ("20_flex.yaml", "kind: text", "kind: txt"),
        ("10_boss.yaml", "kind: choice", "kind: choise"),
        ("bank.yaml", "severity: green", "severity: gren"),
        ("10_boss.yaml", "id: boss_late_email", "id: Bad-Id"),
    ]);
    let out = mt()
        .args(["validate", "--problems", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for p in &list {
        for key in ["file", "line", "column", "id", "message", "severity"] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
    }
    let message = |needle: &str| {
        list.iter()
            .position(|p| p["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {list:#?}"))
    };
    let (gren, choise, bad_id, txt) = (
        message("gren"),
        message("choise"),
        message("Bad-Id"),
        message("txt"),
    );
    assert!(choise < bad_id && bad_id < txt && txt < gren, "{list:#?}");
    let order: Vec<(String, u64)> = list
        .iter()
        .map(|p| {
            let f = p["file"].as_str().unwrap();
            (
                Path::new(f)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // Files in name order (the sets, then bank.yaml), each in line order.
    let rank = |(f, l): &(String, u64)| (f.clone(), *l);
    assert!(
        order.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{order:?}"
    );
    // The text form lists them in the same order.
    let text = mt().arg("validate").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&text.stderr);
    let pos = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {err}"))
    };
    assert!(
        pos("choise") < pos("Bad-Id") && pos("Bad-Id") < pos("txt") && pos("txt") < pos("gren"),
        "{err}"
    );
    // A folder that is not there: one problem, and its exit code.
    let gone = mt()
        .args(["validate", "--problems", "json", "no-such-bank"])
        .output()
        .unwrap();
    assert_eq!(gone.status.code(), Some(66));
    let list: Vec<Value> = serde_json::from_slice(&gone.stdout).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["file"], "no-such-bank");
    // A valid bank: an empty list, exit 0.
    let ok = mt()
        .args(["validate", "--problems", "json"])
        .arg(fixture("mini"))
        .output()
        .unwrap();
    assert!(ok.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&ok.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn duplicate_keys_are_reported_where_they_stand() {
    // Line 3 of a set file, and line 7 of a question inside it.
    let dir = mini_with(&[(
        "10_boss.yaml",
        "weight: 2\nquestions:",
        "title: Again\nquestions:",
    )]);
    let out = mt().arg("validate").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("10_boss.yaml:3:1: duplicate mapping key `title`"),
        "{err}"
    );
    let dir = mini_with(&[(
        "10_boss.yaml",
        "    prompt: \"Do you have a manager?\"\n",
        "    prompt: \"Do you have a manager?\"\n    kind: text\n",
    )]);
    let err = String::from_utf8_lossy(
        &mt()
            .arg("validate")
            .arg(dir.path())
            .output()
            .unwrap()
            .stderr,
    )
    .to_string();
    assert!(
        err.contains("10_boss.yaml:8:5: ") && err.contains("duplicate mapping key `kind`"),
        "{err}"
    );
    // In an answers file.
    let tmp = tempfile::tempdir().unwrap();
    let answers = write(
        tmp.path(),
        "a.yaml",
        "has_manager: true\nboss_early_leave: normal\nboss_understands: 4\nboss_early_leave: explain\n",
    );
    let out = mt()
        .args(["assess", "--bank"])
        .arg(fixture("mini"))
        .arg("--answers")
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a.yaml:4:1:") && err.contains("boss_early_leave"),
        "{err}"
    );
}
