//! The JSON Schemas checked in under `schema/` are what `mommytrack schema`
//! prints, and the built-in bank's YAML files point editors at them.
//!
//! To regenerate the files after changing the bank or answers types:
//!
//! ```text
//! MOMMYTRACK_UPDATE_SCHEMAS=1 cargo test --test it schemas::
//! ```

use std::path::{Path, PathBuf};

use crate::harness::mt;

const KINDS: &[&str] = &[
    "bank",
    "set",
    "answers",
    "result",
    "comparison",
    "summary",
    "history",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_file(kind: &str) -> PathBuf {
    root().join("schema").join(format!("{kind}.schema.json"))
}

fn printed(kind: &str) -> String {
    let out = mt().args(["schema", kind]).output().expect("runs");
    assert!(out.status.success(), "mommytrack schema {kind} failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn checked_in_schemas_match_the_generated_ones() {
    let update = std::env::var_os("MOMMYTRACK_UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for kind in KINDS {
        let want = printed(kind);
        let path = schema_file(kind);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            stale.push(format!(
                "schema/{kind}.schema.json is out of date; regenerate it with\n    \
                 cargo run -q -- schema {kind} > schema/{kind}.schema.json\n  \
                 or all of them with\n    MOMMYTRACK_UPDATE_SCHEMAS=1 cargo test --test it schemas::"
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn schemas_are_json_schemas_for_the_right_files() {
    for kind in KINDS {
        let text = std::fs::read_to_string(schema_file(kind)).expect("checked in");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert!(
            v["$schema"]
                .as_str()
                .is_some_and(|s| s.contains("json-schema.org")),
            "{kind}: no $schema"
        );
        assert!(v["title"].as_str().is_some(), "{kind}: no title");
    }
    let set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file("set")).unwrap()).unwrap();
    assert!(set.to_string().contains("\"questions\""));
    let bank: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file("bank")).unwrap()).unwrap();
    assert!(bank.to_string().contains("\"bands\""));
}

/// The line editors read (YAML language server), first in each built-in file.
pub fn schema_line(file_name: &str) -> String {
    let kind = if file_name == "bank.yaml" {
        "bank"
    } else {
        "set"
    };
    format!("# yaml-language-server: $schema=../schema/{kind}.schema.json")
}

#[test]
fn built_in_yaml_files_reference_their_schema() {
    let dir = root().join("questions");
    // questions/ is the built-in bank's source (build.rs embeds it): a
    // missing or empty folder is a broken checkout, not nothing to check.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 2,
        "questions/ must hold bank.yaml and at least one set, found {files:?}"
    );
    let mut missing = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(f).unwrap();
        let want = schema_line(name);
        if text.lines().next() != Some(want.as_str()) {
            missing.push(format!(
                "questions/{name}: the first line must be\n    {want}"
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// What the tool writes validates against the schema it prints for it: a
/// result of every persona kind, a comparison and a history of two, and a summary.
#[test]
fn real_outputs_validate_against_their_schemas() {
    let check = |kind: &str, doc: &serde_json::Value| {
        let text = std::fs::read_to_string(schema_file(kind)).expect("checked in");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let errors = crate::json_schema::validator_for(&schema).errors(doc);
        assert!(errors.is_empty(), "{kind}: {errors:#?}");
    };
    let mut t = mt();
    t.mini();
    let mut results = Vec::new();
    for (i, answers) in ["mini_a1.yaml", "supportive.yaml", "penalized.yaml"]
        .iter()
        .enumerate()
    {
        let fixture = crate::harness::fixture(&format!("answers/{answers}"));
        let out = t
            .again()
            .args(["assess", "--format", "json", "--bank", "mini", "--answers"])
            .arg(&fixture)
            .run();
        if out.output.status.code() != Some(0) {
            // The other fixtures are the built-in bank's answers.
            let out = t
                .again()
                .args(["assess", "--format", "json", "--answers"])
                .arg(&fixture)
                .success();
            results.push((format!("b{i}.json"), out.json()));
            continue;
        }
        results.push((format!("m{i}.json"), out.json()));
    }
    for (name, r) in &results {
        check("result", r);
        t.file(&format!("results/{name}"), r.to_string());
    }
    let (a, b) = (&results[1].0, &results[2].0);
    let out = t
        .again()
        .args(["compare", "--format", "json"])
        .arg(format!("results/{a}"))
        .arg(format!("results/{b}"))
        .success();
    check("comparison", &out.json());
    let out = t
        .again()
        .args(["history", "--format", "json"])
        .arg(format!("results/{a}"))
        .arg(format!("results/{b}"))
        .success();
    check("history", &out.json());
    // Five results of the mini bank, each with other answers (the same
    // answers are one result), make a summary that shows figures.
    t.file("group/README", "");
    for i in 1..=5 {
        let answers =
            format!("has_manager: true\nboss_early_leave: normal\nboss_understands: {i}\n");
        t.file(&format!("a{i}.yaml"), answers);
        t.again()
            .args(["assess", "--format", "json", "--bank", "mini", "--answers"])
            .arg(format!("a{i}.yaml"))
            .arg("--output")
            .arg(format!("group/{i}.json"))
            .success();
    }
    let out = t
        .again()
        .args([
            "summarize",
            "--format",
            "json",
            "--min-group",
            "3",
            "--bank",
            "mini",
            "group",
        ])
        .success();
    check("summary", &out.json());
}
