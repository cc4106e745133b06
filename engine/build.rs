//! Embeds the built-in question bank (`questions/*.yaml` at the root of the
//! workspace, beside this crate) into the engine, so the installed program
//! needs no files beside it: the list of files, each as its name and text.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let out_dir = Path::new(&out_dir);
    println!("cargo:rerun-if-changed={}", dir.display());
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
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        // `{:?}` quotes and escapes both the name and the path.
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .ok();
    }
    code.push_str("];\n");
    let out = out_dir.join("builtin_bank.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
