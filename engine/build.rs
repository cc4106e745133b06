//! Embeds the built-in question bank (`questions/*.yaml` at the root of the
//! workspace, beside this crate) into the engine, so the installed program
//! needs no files beside it: the list of files, each as its name and text.
//!
//! Nothing absolute is written into the generated code or the rerun list:
//! the files are named relative to this crate (`CARGO_MANIFEST_DIR` at the
//! engine's compile time, `../questions` for Cargo). A target folder shared
//! by two checkouts (or a moved checkout) once embedded the other checkout's
//! bank, because the generated `include_str!` held its absolute paths.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled for another checkout must
    // not read that checkout's files.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&manifest_dir).join("../questions");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let out_dir = Path::new(&out_dir);
    println!("cargo:rerun-if-changed=../questions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("pub static BUILTIN_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        println!("cargo:rerun-if-changed=../questions/{name}");
        // `{:?}` quotes and escapes both the name and the path.
        writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
            format!("/../questions/{name}")
        )
        .ok();
    }
    code.push_str("];\n");
    let out = out_dir.join("builtin_bank.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
