//! The one-way structure of `src/` (issue 13): data flows input → answers →
//! scoring → result → export → output → commands and the session, and no
//! module reaches up the flow. Each top-level module has a level; a module
//! may name (`crate::x`, `super::…` aside) only modules at its level or below.
//! Only `main.rs` may end the process.

use crate::harness::repo;

/// The level of each top-level module of the library, lowest first.
const LEVELS: &[(&str, u8)] = &[
    // Small helpers every layer uses: reading and writing files safely,
    // errors and exit codes, terminal-safe text, wrapping, signals, YAML.
    ("sanitize", 0),
    ("signals", 0),
    ("wrap", 0),
    ("error", 0),
    ("input", 0),
    ("yaml", 0),
    ("files", 0),
    ("bank", 1),
    ("answers", 2),
    ("scoring", 3),
    ("estimate", 3),
    ("result", 4),
    ("saved", 4),
    ("compare", 4),
    ("export", 5),
    ("summarize", 6),
    ("output", 6),
    ("authoring", 7),
    ("interactive", 7),
    ("cli", 8),
    ("commands", 9),
];

fn level(module: &str) -> Option<u8> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_above_it_and_only_main_exits() {
    let src = repo("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .expect("a name");
        let text = std::fs::read_to_string(file).expect("readable");
        if top != "main" && text.contains("process::exit") {
            wrong.push(format!(
                "{}: ends the process; only main.rs may",
                rel.display()
            ));
        }
        if matches!(top.as_str(), "main" | "lib") {
            continue;
        }
        let Some(own) = level(&top) else {
            wrong.push(format!(
                "{}: module `{top}` has no level in this test",
                rel.display()
            ));
            continue;
        };
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name == top || name.is_empty() {
                continue;
            }
            match level(&name) {
                Some(l) if l <= own => {}
                Some(l) => wrong.push(format!(
                    "{}: `{top}` (level {own}) uses `crate::{name}` (level {l})",
                    rel.display()
                )),
                None => wrong.push(format!("{}: `crate::{name}` has no level", rel.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The table names every top-level module there is, so a new one must be
    // placed in the flow.
    for name in std::fs::read_dir(&src).expect("src/").flatten() {
        let name = name
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        assert!(
            matches!(name.as_str(), "main" | "lib") || level(&name).is_some(),
            "src/{name} has no level in this test"
        );
    }
}
