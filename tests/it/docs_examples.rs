//! The author guide's examples stay current: the YAML blocks of
//! `docs/question-banks.md` tagged `# file: NAME` form a bank that the real
//! engine and binary must accept, the block tagged `# answers: NAME` must be
//! a valid answers file for it, and the worked example's numbers (the
//! `<!-- check: … -->` line) must be what mommytrack computes.

use std::collections::BTreeMap;
use std::path::Path;

use mommytrack_engine::bank::{self, SourceFile};

use crate::harness::mt;

const GUIDE: &str = "docs/question-banks.md";

struct Block {
    /// 1-based line of the block's first line of text in the guide.
    line: usize,
    text: String,
}

fn guide() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(GUIDE))
        .expect("the author guide exists")
}

/// The guide's ```yaml blocks (indented ones too).
fn yaml_blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String, usize)> = None;
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed.starts_with("```yaml") => {
                current = Some((i + 2, String::new(), line.len() - trimmed.len()));
            }
            Some((start, text, indent)) => {
                if trimmed.starts_with("```") {
                    out.push(Block {
                        line: *start,
                        text: std::mem::take(text),
                    });
                    current = None;
                } else {
                    let cut = line.len().min(*indent);
                    text.push_str(&line[cut..]);
                    text.push('\n');
                }
            }
            None => {}
        }
    }
    assert!(current.is_none(), "an unclosed ```yaml block in {GUIDE}");
    out
}

/// `(tag, name)` from a block's first line, e.g. `# file: bank.yaml`.
fn tag(block: &Block) -> Option<(&str, &str)> {
    let first = block.text.lines().next()?.strip_prefix("# ")?;
    let (tag, name) = first.split_once(": ")?;
    Some((tag, name.trim()))
}

fn example_bank(doc: &str) -> (Vec<SourceFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut answers = Vec::new();
    for b in yaml_blocks(doc) {
        match tag(&b) {
            Some(("file", name)) => files.push(SourceFile::new(
                format!("{GUIDE} (block at line {}, {name})", b.line),
                name.to_string(),
                b.text.clone(),
            )),
            Some(("answers", name)) => answers.push((name.to_string(), b.text.clone())),
            _ => {}
        }
    }
    files.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    (files, answers)
}

#[test]
fn the_guide_example_bank_passes_validation() {
    let (files, _) = example_bank(&guide());
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert!(names.contains(&"bank.yaml"), "no `# file: bank.yaml` block");
    assert!(
        names.len() >= 3,
        "the example bank has too few files: {names:?}"
    );
    let (bank, problems) = bank::check(&files);
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        bank.is_some() && problems.is_empty(),
        "the example bank in {GUIDE} is not valid; fix the guide:\n{}",
        listed.join("\n")
    );
    // Every kind of question is shown.
    let bank = bank.unwrap();
    for kind in ["choice", "multi", "scale", "yesno", "text"] {
        assert!(
            bank.questions.iter().any(|q| q.kind.name() == kind),
            "the example shows no {kind} question"
        );
    }
}

/// The same files through the binary, and the worked example's numbers.
#[test]
fn the_worked_example_is_what_mommytrack_computes() {
    let doc = guide();
    let (files, answers) = example_bank(&doc);
    let dir = tempfile::tempdir().unwrap();
    let bank_dir = dir.path().join("bank");
    std::fs::create_dir(&bank_dir).unwrap();
    for f in &files {
        std::fs::write(bank_dir.join(&f.file_name), &f.text).unwrap();
    }
    let out = mt().arg("validate").arg(&bank_dir).output().unwrap();
    assert!(
        out.status.success(),
        "mommytrack validate refuses the guide's bank:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (name, text) = answers.first().expect("a `# answers:` block");
    let answers_path = dir.path().join(name);
    std::fs::write(&answers_path, text).unwrap();
    let r = mt()
        .arg("assess")
        .arg("--bank")
        .arg(&bank_dir)
        .arg("--answers")
        .arg(&answers_path)
        .args(["--format", "json"])
        .success()
        .json();

    let check = doc
        .lines()
        .find_map(|l| l.trim().strip_prefix("<!-- check:"))
        .and_then(|l| l.strip_suffix("-->"))
        .expect("a `<!-- check: … -->` line in the guide");
    let mut want: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for part in check.split(',') {
        let mut words = part.split_whitespace();
        if let Some(key) = words.next() {
            want.insert(key, words.collect());
        }
    }
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    for (key, values) in &want {
        let got: Vec<String> = match *key {
            "overall" => vec![r["overall"]["score"].to_string()],
            "verdict" => vec![r["overall"]["verdict"].as_str().unwrap().to_string()],
            "flags" => ids(&r["flags"]),
            "next_steps" => ids(&r["next_steps"]),
            dim => {
                let d = r["dimensions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == *dim)
                    .unwrap_or_else(|| panic!("no dimension {dim}"));
                vec![d["score"].to_string()]
            }
        };
        assert_eq!(
            got, *values,
            "{GUIDE}'s worked example says {key} is {values:?}, mommytrack computes {got:?}; update the guide"
        );
    }
    assert!(want.len() >= 5, "the check line checks too little");
}

/// The answers example is also what the guide's numbers are about: each
/// answer it gives appears in the worked example.
#[test]
fn the_worked_example_discusses_every_answer() {
    let doc = guide();
    let (_, answers) = example_bank(&doc);
    let (_, text) = answers.first().expect("a `# answers:` block");
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some((id, _)) = line.split_once(':') {
            assert!(
                doc.matches(&format!("`{id}`")).count() >= 1,
                "the worked example never mentions `{id}`"
            );
        }
    }
}
