//! The author guide's worked 7-point example stays current: the blocks of
//! `docs/question-banks.md` tagged `# psychometric-file: NAME` form a bank
//! that `validate --strict` accepts and whose files pass the JSON Schemas,
//! the `# psychometric-answers:` block is a valid answers file for it, and
//! the `<!-- check-psychometric: … -->` numbers (score, `scale_mean`, own
//! verdict per dimension; the total and verdict) are what mommytrack
//! computes.

use crate::harness::*;

const GUIDE: &str = "docs/question-banks.md";

fn guide() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GUIDE)).unwrap()
}

/// (tag, name, text) of every ```yaml block whose first line is `# TAG: NAME`.
fn blocks(doc: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```yaml") => current = Some(String::new()),
            Some(text) if line.trim_start().starts_with("```") => {
                if let Some((tag, name)) = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix("# "))
                    .and_then(|l| l.split_once(": "))
                {
                    out.push((tag.to_string(), name.trim().to_string(), text.clone()));
                }
                current = None;
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_worked_7_point_example_is_what_mommytrack_computes() {
    let doc = guide();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    std::fs::create_dir(&bank).unwrap();
    let mut answers = None;
    let mut files = 0;
    for (tag, name, text) in blocks(&doc) {
        match tag.as_str() {
            "psychometric-file" => {
                std::fs::write(bank.join(&name), &text).unwrap();
                files += 1;
            }
            "psychometric-answers" => answers = Some(write(dir.path(), &name, &text)),
            _ => {}
        }
    }
    assert_eq!(files, 4, "the example's four files");
    let v = mt()
        .args(["validate", "--strict"])
        .arg(&bank)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    let r = mt()
        .args(["assess", "--strict", "--format", "json", "--bank"])
        .arg(&bank)
        .arg("--answers")
        .arg(answers.expect("a `# psychometric-answers:` block"))
        .success()
        .json();

    let check = doc
        .lines()
        .find_map(|l| l.trim().strip_prefix("<!-- check-psychometric:"))
        .and_then(|l| l.strip_suffix("-->"))
        .expect("a `<!-- check-psychometric: … -->` line");
    let num = |v: &serde_json::Value| v.as_f64().map(|x| x.to_string()).unwrap_or("null".into());
    let mut checked = 0;
    for part in check.split(',') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (key, want) = (words[0], &words[1..]);
        let got: Vec<String> = match key {
            "overall" => vec![num(&r["overall"]["score"])],
            "verdict" => vec![
                r["overall"]["verdict"]
                    .as_str()
                    .unwrap_or("null")
                    .to_string(),
            ],
            dim => {
                let d = r["dimensions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == dim)
                    .unwrap_or_else(|| panic!("no dimension {dim}"));
                let mut got = vec![num(&d["score"]), num(&d["scale_mean"])];
                if let Some(v) = d["verdict"].as_str() {
                    got.push(v.to_string());
                }
                got
            }
        };
        let want: Vec<String> = want
            .iter()
            .map(|w| w.parse::<f64>().map_or(w.to_string(), |x| x.to_string()))
            .collect();
        assert_eq!(
            got, want,
            "{GUIDE}'s 7-point example says {key} is {want:?}, mommytrack computes {got:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn the_example_files_pass_the_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (tag, name, text) in blocks(&guide()) {
        if tag != "psychometric-file" {
            continue;
        }
        let kind = if name == "bank.yaml" { "bank" } else { "set" };
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(root.join(format!("schema/{kind}.schema.json"))).unwrap(),
        )
        .unwrap();
        let doc: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let errors = crate::json_schema::validator_for(&schema).errors(&doc);
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
