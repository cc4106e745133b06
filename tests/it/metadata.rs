//! The workspace's metadata stays true (issue 21): its `rust-version` is
//! at least every locked dependency's, and no dependency pulls in what
//! the program does not use (crossterm, which comfy-table brings by
//! default for terminal detection the program does itself), and `cargo
//! test` builds no bench.

use serde_json::Value;

/// `cargo metadata` for the workspace, from the lock file alone.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON")
}

/// The ids of the packages the build resolves, not every one the lock
/// file lists.
fn resolved(meta: &Value) -> Vec<&str> {
    (meta["resolve"]["nodes"].as_array().expect("resolve").iter())
        .filter_map(|n| n["id"].as_str())
        .collect()
}

/// The package named `name`.
fn package<'m>(meta: &'m Value, name: &str) -> &'m Value {
    (meta["packages"].as_array().expect("packages").iter())
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

/// `1.89` or `1.88.0` as numbers to compare.
fn version(v: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn the_declared_rust_version_is_at_least_every_dependencys() {
    let meta = metadata();
    let packages = meta["packages"].as_array().expect("packages");
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ours = packages
        .iter()
        .filter(|p| members.contains(&p["id"].as_str().unwrap_or_default()));
    let resolved = resolved(&meta);
    for member in ours {
        let declared = member["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{} declares no rust-version", member["name"]));
        for p in packages
            .iter()
            .filter(|p| resolved.contains(&p["id"].as_str().unwrap_or_default()))
        {
            if let Some(needed) = p["rust_version"].as_str() {
                assert!(
                    version(declared) >= version(needed),
                    "{} declares rust-version {declared}, but {} {} needs {needed}",
                    member["name"],
                    p["name"],
                    p["version"]
                );
            }
        }
    }
}

#[test]
fn no_dependency_brings_a_terminal_library_the_program_does_not_use() {
    let meta = metadata();
    let resolved = resolved(&meta);
    let names: Vec<&str> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| resolved.contains(&p["id"].as_str().unwrap_or_default()))
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(!names.contains(&"crossterm"), "crossterm is resolved");
}

#[test]
fn clap_reads_no_options_from_the_environment() {
    let meta = metadata();
    let clap = package(&meta, "clap")["id"].as_str().expect("an id");
    let node = meta["resolve"]["nodes"]
        .as_array()
        .expect("resolve")
        .iter()
        .find(|n| n["id"] == clap)
        .expect("clap is resolved");
    let features = node["features"].as_array().expect("features");
    assert!(
        !features.iter().any(|f| f == "env"),
        "clap's features: {features:?}"
    );
}

/// `cargo test` builds no criterion: the bench package is a member of the
/// workspace, but not a default one.
#[test]
fn the_benches_are_a_member_but_not_a_default_one() {
    let meta = metadata();
    let id = package(&meta, "mommytrack-bench")["id"].clone();
    let defaults = meta["workspace_default_members"]
        .as_array()
        .expect("defaults");
    assert!(
        meta["workspace_members"]
            .as_array()
            .expect("members")
            .contains(&id)
    );
    assert!(!defaults.contains(&id), "default members: {defaults:?}");
}

/// Clippy's `incompatible_msrv` (a standard-library item newer than the
/// `rust-version`) is an error for every member: only one toolchain is
/// installed where this is built, so clippy is what checks the code
/// against 1.89.
#[test]
fn clippy_refuses_what_is_newer_than_the_rust_version() {
    let read = |p: &str| std::fs::read_to_string(crate::harness::repo(p)).expect("a manifest");
    let root = read("Cargo.toml");
    assert!(
        root.contains("[workspace.lints.clippy]\nincompatible_msrv = \"deny\""),
        "{root}"
    );
    for manifest in ["Cargo.toml", "engine/Cargo.toml", "benches/Cargo.toml"] {
        assert!(
            read(manifest).contains("\n[lints]\nworkspace = true\n"),
            "{manifest}"
        );
    }
}

/// Every fact a comment points to is in the repository: no comment cites
/// a section of the external contract (`CONTRACT §7.7`), which is not in
/// it; the formats are documented in `docs/`, and comments point there.
#[test]
fn comments_cite_no_section_of_a_document_outside_the_repository() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("a source folder") {
            let p = e.expect("an entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("a source file");
                for (i, line) in text.lines().enumerate() {
                    let comment = line.trim_start().starts_with("//");
                    if comment && (line.contains("CONTRACT") || line.contains("§")) {
                        out.push(format!("{}:{}: {}", p.display(), i + 1, line.trim()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    for dir in ["src", "engine/src", "engine/tests", "tests", "benches"] {
        walk(&crate::harness::repo(dir), &mut found);
    }
    // This file names what it looks for.
    found.retain(|l| !l.contains("metadata.rs"));
    assert!(found.is_empty(), "{}", found.join("\n"));
}
