//! Persona fixtures: the built-in bank's regression suite. Each
//! `tests/personas/NAME.answers.yaml` goes through the real binary and must
//! give the verdict, flags and next steps in `NAME.expect.yaml`. A change of
//! wording or weights that flips a persona must be deliberate: update the
//! expectation in the same commit and say why.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::harness::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    description: String,
    verdict: String,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    no_flags: Vec<String>,
    #[serde(default)]
    next_steps: Vec<String>,
}

fn personas() -> Vec<(String, PathBuf, Expect)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/personas exists") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(stem) = name.strip_suffix(".expect.yaml") else {
            continue;
        };
        let expect: Expect = serde_yaml::from_str(&std::fs::read_to_string(&path).expect("read"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let answers = dir.join(format!("{stem}.answers.yaml"));
        assert!(answers.exists(), "{name} has no {stem}.answers.yaml");
        out.push((stem.to_string(), answers, expect));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn ids(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_persona_gets_its_expected_verdict_flags_and_next_steps() {
    let all = personas();
    assert!(
        all.len() >= 8,
        "issue 3 asks for at least 8 personas, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (name, answers, expect) in &all {
        let out = mt()
            .args(["assess", "--format", "json", "--answers"])
            .arg(answers)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            failures.push(format!("{name}: exit {:?}: {stderr}", out.status.code()));
            continue;
        }
        assert!(
            stderr.is_empty(),
            "{name}: answers questions that are not asked:\n{stderr}"
        );
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let verdict = r["overall"]["verdict"].as_str().unwrap_or("null");
        if verdict != expect.verdict {
            failures.push(format!(
                "{name} ({}): verdict {verdict} (score {}), expected {}",
                expect.description, r["overall"]["score"], expect.verdict
            ));
        }
        let flags = ids(&r["flags"]);
        for f in &expect.flags {
            if !flags.contains(f) {
                failures.push(format!("{name}: flag {f} not raised (raised: {flags:?})"));
            }
        }
        for f in &expect.no_flags {
            if flags.contains(f) {
                failures.push(format!("{name}: flag {f} raised but should not be"));
            }
        }
        let steps = ids(&r["next_steps"]);
        for s in &expect.next_steps {
            if !steps.contains(s) {
                failures.push(format!("{name}: next step {s} missing (given: {steps:?})"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "persona regressions:\n{}",
        failures.join("\n")
    );
}

#[test]
fn personas_cover_every_verdict() {
    let verdicts: BTreeSet<String> = personas().into_iter().map(|(_, _, e)| e.verdict).collect();
    for v in ["positive", "mixed", "sidelined"] {
        assert!(verdicts.contains(v), "no persona expects {v}");
    }
}
