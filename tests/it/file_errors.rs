//! Every command words a problem in a file the same way (issue 12):
//! `FILE:LINE:COLUMN: message` where the position is known, with 1-based
//! columns, the position given once, and no program name in front, as
//! `validate` and `assess` word a problem in a bank or answers file.

use crate::harness::*;

/// Line 3, column 2 holds `x`, where a key must be.
const BAD_KEY: &str = "{\n \"schema_version\": 1,\n x\n}\n";
/// Ends after a newline: the parser places this at column 0.
const CUT_SHORT: &str = "{\n \"schema_version\": 1,\n";
const HINT: &str = "save one with `mommytrack assess --format json --output FILE`";

fn commands(file: &str) -> [Vec<String>; 3] {
    [
        vec!["report".into(), file.into()],
        vec!["compare".into(), file.into(), file.into()],
        vec!["summarize".into(), file.into()],
    ]
}

#[test]
fn a_malformed_result_is_located_once_in_every_command() {
    for args in commands("f.json") {
        let mut t = Test::new();
        t.file("f.json", BAD_KEY);
        t.args(&args).code(65).stderr_is(&format!(
            "f.json:3:2: not a mommytrack JSON result: key must be a string; {HINT}\n"
        ));
    }
}

#[test]
fn columns_start_at_one_even_where_the_parser_says_zero() {
    for args in commands("h.json") {
        let mut t = Test::new();
        t.file("h.json", CUT_SHORT);
        let o = t.args(&args).code(65);
        o.stderr_contains("h.json:3:1: not a mommytrack JSON result: EOF while parsing")
            .stderr_lacks(":0:")
            .stderr_lacks(" at line ")
            .stderr_lacks("mommytrack: ");
    }
}

#[test]
fn a_result_without_a_position_names_its_file_the_same_way() {
    for args in commands("g.json") {
        let mut t = Test::new();
        t.file("g.json", "{\"schema_version\": 1}");
        t.args(&args)
            .code(65)
            .stderr_contains("g.json: not a complete mommytrack JSON result")
            .stderr_lacks("mommytrack: g.json");
    }
}

/// The shape `FILE:LINE:COLUMN: ` opens the first line, whichever command
/// read the file.
fn located(stderr: &str, file: &str) -> bool {
    let Some(rest) = stderr.strip_prefix(&format!("{file}:")) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().unwrap_or("");
    let column = parts.next().unwrap_or("");
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s != "0";
    is_number(line) && is_number(column) && parts.next().is_some_and(|m| m.starts_with(' '))
}

#[test]
fn results_answers_and_banks_share_one_form() {
    let mut t = Test::new();
    t.file("f.json", BAD_KEY);
    let report = t.args(["report", "f.json"]).code(65).stderr();
    let mut t = Test::new();
    t.mini().file("bad.yaml", "boss_understands: [4\n");
    let assess = t
        .args(["assess", "--bank", MINI, "--answers", "bad.yaml"])
        .code(65)
        .stderr();
    let mut t = Test::new();
    t.mini_with(&[(
        "10_boss.yaml",
        "title: Your manager",
        "title: [Your manager",
    )]);
    let validate = t.args(["validate", MINI]).code(65).stderr();
    assert!(located(&report, "f.json"), "{report}");
    assert!(located(&assess, "bad.yaml"), "{assess}");
    assert!(
        located(&validate, &format!("{MINI}/10_boss.yaml")),
        "{validate}"
    );
}
