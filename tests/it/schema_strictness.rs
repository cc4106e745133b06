//! The JSON Schemas are as strict as `validate` on a single file: every
//! structural mistake `validate` refuses (a bad id, kind or severity, a
//! missing or null required field, a number out of range, a field the kind
//! does not take, a typo inside `when`, the keys for coverage, grouping and
//! psychometric scales) is also a schema error, checked with a JSON Schema
//! validator independent of the program (`json_schema`); and every valid
//! bank file (the mini bank, the built-in bank) passes the schema.

use std::path::Path;

use crate::harness::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(kind: &str) -> crate::json_schema::Validator {
    let text = std::fs::read_to_string(root().join(format!("schema/{kind}.schema.json"))).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    crate::json_schema::validator_for(&schema)
}

/// The file as JSON, the way an editor's YAML language server sees it.
fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema_for(file: &str) -> &'static str {
    if file == "bank.yaml" { "bank" } else { "set" }
}

/// `validate` refuses the edited mini bank, and the schema refuses the
/// edited file.
fn both_refuse(what: &str, edits: &[(&str, &str, &str)]) {
    let dir = mini_with(edits);
    let out = mt().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(65),
        "{what}: validate accepted it: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let file = edits[0].0;
    let v = validator(schema_for(file));
    let doc = as_json(&dir.path().join(file));
    assert!(
        !v.is_valid(&doc),
        "{what}: the schema accepts what validate refuses:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn valid_bank_files_pass_the_schemas() {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(fixture("mini"))
        .unwrap()
        .chain(std::fs::read_dir(root().join("questions")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() > 5);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = validator(schema_for(&name));
        let doc = as_json(&path);
        let errors = v.errors(&doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

const MANAGER: &str = "    prompt: \"Do you have a manager?\"\n";

#[test]
fn ids_kinds_and_severities() {
    both_refuse(
        "bad question id",
        &[("10_boss.yaml", "id: boss_late_email", "id: Bad-Id")],
    );
    both_refuse(
        "bad set id",
        &[("10_boss.yaml", "id: boss\n", "id: Boss\n")],
    );
    both_refuse(
        "unknown kind",
        &[("10_boss.yaml", "kind: choice", "kind: scael")],
    );
    both_refuse(
        "unknown severity",
        &[("bank.yaml", "severity: red", "severity: orange")],
    );
    both_refuse(
        "bad flag id in an option",
        &[(
            "10_boss.yaml",
            "flag: boss_penalizes_parents",
            "flag: Boss-Penalizes",
        )],
    );
    both_refuse(
        "bad advice group",
        &[(
            "bank.yaml",
            "id: always\n",
            "id: always\n    group: Not An Id\n",
        )],
    );
}

#[test]
fn required_fields_missing_or_null() {
    both_refuse("question without prompt", &[("10_boss.yaml", MANAGER, "")]);
    both_refuse(
        "null prompt",
        &[("10_boss.yaml", MANAGER, "    prompt: null\n")],
    );
    both_refuse(
        "null set title",
        &[("10_boss.yaml", "title: Your manager", "title: null")],
    );
    both_refuse(
        "blank set title",
        &[("10_boss.yaml", "title: Your manager", "title: \"  \"")],
    );
    both_refuse("set without id", &[("20_flex.yaml", "id: flex\n", "")]);
    both_refuse(
        "question without kind",
        &[("20_flex.yaml", "    kind: text\n", "")],
    );
    both_refuse(
        "bank without title",
        &[("bank.yaml", "title: Mini bank\n", "")],
    );
    both_refuse(
        "flag without severity",
        &[("bank.yaml", "    severity: green\n", "")],
    );
    both_refuse(
        "advice without title",
        &[("bank.yaml", "    title: \"Keep doing what works\"\n", "")],
    );
    both_refuse(
        "option without label",
        &[("10_boss.yaml", "label: \"I have to explain\", ", "")],
    );
    both_refuse(
        "scale without min",
        &[(
            "10_boss.yaml",
            "scale: { min: 0, max: 4 }",
            "scale: { max: 4 }",
        )],
    );
    both_refuse(
        "scale question without scale",
        &[("10_boss.yaml", "    scale: { min: 0, max: 4 }\n", "")],
    );
}

#[test]
fn ranges() {
    both_refuse(
        "negative set weight",
        &[(
            "10_boss.yaml",
            "weight: 2\nquestions",
            "weight: -1\nquestions",
        )],
    );
    both_refuse(
        "zero question weight",
        &[("10_boss.yaml", "    weight: 2\n", "    weight: 0\n")],
    );
    both_refuse(
        "band min over 100",
        &[("bank.yaml", "min: 70,", "min: 150,")],
    );
    both_refuse(
        "no band at 0",
        &[("bank.yaml", "min: 0,  label", "min: 10,  label")],
    );
    both_refuse(
        "option score too large",
        &[("10_boss.yaml", "score: 2 }", "score: 1e9 }")],
    );
    both_refuse(
        "too few options for a choice",
        &[(
            "10_boss.yaml",
            "      - { id: explain, label: \"I have to explain\", score: 0 }\n      - { id: counted, label: \"It is counted against me\", score: -2, flag: boss_penalizes_parents }\n",
            "",
        )],
    );
}

#[test]
fn fields_a_kind_does_not_take() {
    both_refuse(
        "reverse on a yesno",
        &[(
            "10_boss.yaml",
            MANAGER,
            &format!("{MANAGER}    reverse: true\n"),
        )],
    );
    both_refuse(
        "scores on a text question",
        &[(
            "20_flex.yaml",
            "    prompt: \"Anything else?\"",
            "    prompt: \"Anything else?\"\n    scores: { yes: 1, no: 0 }",
        )],
    );
    both_refuse(
        "unknown field",
        &[("10_boss.yaml", "    weight: 2\n", "    wieght: 2\n")],
    );
}

#[test]
fn conditions() {
    both_refuse(
        "typo in a question's when",
        &[(
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { answer: has_manager, iz: true }",
        )],
    );
    both_refuse(
        "a flag test in a question's when",
        &[(
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { flag: boss_penalizes_parents }",
        )],
    );
    both_refuse(
        "typo in an advice when",
        &[(
            "bank.yaml",
            "when: { overall: { at_least: 70 } }",
            "when: { overal: { at_least: 70 } }",
        )],
    );
    both_refuse(
        "typo nested in all/not",
        &[("bank.yaml", "includes: part_time", "include: part_time")],
    );
    both_refuse(
        "empty any",
        &[(
            "bank.yaml",
            "when: { overall: { at_least: 70 } }",
            "when: { any: [] }",
        )],
    );
    both_refuse(
        "dimension test without a bound",
        &[(
            "bank.yaml",
            "{ dimension: boss, below: 40 }",
            "{ dimension: boss }",
        )],
    );
    both_refuse(
        "answered takes a boolean",
        &[(
            "10_boss.yaml",
            "when: { answer: has_manager, is: true }",
            "when: { answer: has_manager, answered: maybe }",
        )],
    );
}

#[test]
fn the_keys_of_contract_section_6() {
    both_refuse(
        "min_coverage over 1",
        &[(
            "bank.yaml",
            "title: Mini bank\n",
            "title: Mini bank\nmin_coverage: 1.5\n",
        )],
    );
    both_refuse(
        "unknown overall",
        &[(
            "bank.yaml",
            "title: Mini bank\n",
            "title: Mini bank\noverall: itemz\n",
        )],
    );
    both_refuse(
        "max_next_steps 0",
        &[(
            "bank.yaml",
            "title: Mini bank\n",
            "title: Mini bank\nmax_next_steps: 0\n",
        )],
    );
    both_refuse(
        "negative min_answered",
        &[(
            "10_boss.yaml",
            "weight: 2\n",
            "weight: 2\nmin_answered: -1\n",
        )],
    );
    both_refuse(
        "empty set bands",
        &[("10_boss.yaml", "weight: 2\n", "weight: 2\nbands: []\n")],
    );
    both_refuse(
        "set bands without a 0 band",
        &[(
            "10_boss.yaml",
            "weight: 2\n",
            "weight: 2\nbands: [ { verdict: high, min: 50 } ]\n",
        )],
    );
    both_refuse(
        "set weight as text",
        &[("10_boss.yaml", "weight: 2\n", "weight: heavy\n")],
    );
}
