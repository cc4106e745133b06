//! The one-way structure (issues 13 and 21). The crate boundary is the
//! compiler's: the engine (`engine/`, `mommytrack_engine`) cannot name the
//! binary, and its manifest must not take on a command-line or terminal
//! crate. Within the binary, data flows export → output → commands and the
//! session, and no module reaches up the flow: each top-level module has a
//! level, and may name (`crate::x`, `super::…` aside) only modules at its
//! level or below; the engine's modules, brought in at the root, are below
//! them all. Only the binary's `main.rs` may end the process.

use crate::harness::repo;

/// The level of each top-level module of the binary, lowest first.
const LEVELS: &[(&str, u8)] = &[
    // The engine's modules, `use`d at the crate root.
    ("answers", 0),
    ("bank", 0),
    ("compare", 0),
    ("estimate", 0),
    ("input", 0),
    ("result", 0),
    ("sanitize", 0),
    ("saved", 0),
    ("scoring", 0),
    ("history", 0),
    ("summarize", 0),
    ("yaml", 0),
    // Small helpers every layer uses: errors and exit codes, writing files
    // safely, wrapping, signals.
    ("error", 1),
    ("signals", 1),
    ("wrap", 1),
    ("files", 1),
    ("export", 2),
    ("output", 3),
    ("authoring", 4),
    ("interactive", 4),
    ("cli", 5),
    ("commands", 6),
    ("manual", 6),
];

/// Crates the engine must not depend on: the command line and the terminal.
const NOT_IN_ENGINE: &[&str] = &[
    "clap",
    "clap_complete",
    "clap_mangen",
    "comfy-table",
    "console",
    "ctrlc",
    "dialoguer",
    "maud",
    "textwrap",
    "mommytrack",
];

fn level(module: &str) -> Option<u8> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the folder is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_main_ends_the_process() {
    let mut files = Vec::new();
    rust_files(&repo("src"), &mut files);
    rust_files(&repo("engine/src"), &mut files);
    let main = repo("src/main.rs");
    let wrong: Vec<String> = files
        .iter()
        .filter(|f| **f != main)
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("readable");
            [
                "process::exit",
                "process::abort",
                "libc::_exit",
                "libc::exit",
            ]
            .iter()
            .any(|call| text.contains(call))
        })
        .map(|f| format!("{}: ends the process; only src/main.rs may", f.display()))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_engine_takes_no_command_line_or_terminal_crate() {
    let manifest = std::fs::read_to_string(repo("engine/Cargo.toml")).expect("engine/Cargo.toml");
    let mut section = "";
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section != "[dependencies]" {
            continue;
        }
        let name = line
            .split(['=', '.', ' '])
            .next()
            .unwrap_or_default()
            .trim();
        assert!(
            !NOT_IN_ENGINE.contains(&name),
            "engine/Cargo.toml depends on `{name}`"
        );
    }
}

#[test]
fn no_module_of_the_binary_imports_one_above_it() {
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
        if top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable");
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
            name == "main" || level(&name).is_some(),
            "src/{name} has no level in this test"
        );
    }
}
