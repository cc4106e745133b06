//! Runs of the binary that several tests read, made once per run of the
//! suite: the same arguments, in a fresh private folder, with no standard
//! input, give the same output, so the second test to ask reads the first
//! one's. Only runs that must succeed are kept (a failure panics in the
//! test that asked, with both streams).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::harness::Test;

/// What a successful run printed.
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
}

/// `mommytrack ARGS`, which must exit 0, run once for all the tests that
/// ask for the same `args`.
pub fn run(args: &[&str]) -> Arc<Printed> {
    type Runs = Mutex<HashMap<Vec<String>, Arc<OnceLock<Arc<Printed>>>>>;
    static RUNS: OnceLock<Runs> = OnceLock::new();
    let key: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    // One slot per argument list; the map is locked only to find it, so
    // different runs go on in parallel and the same one is made once.
    let slot = RUNS
        .get_or_init(Runs::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_default()
        .clone();
    slot.get_or_init(|| {
        let out = Test::new().args(args).success();
        Arc::new(Printed {
            stdout: out.stdout(),
            stderr: out.stderr(),
        })
    })
    .clone()
}

/// A persona's report of `mommytrack assess --format FORMAT --answers
/// tests/personas/NAME.answers.yaml` with `extra` arguments (`--quick`).
pub fn persona(name: &str, format: &str, extra: &[&str]) -> Arc<Printed> {
    let path = crate::harness::repo(&format!("tests/personas/{name}.answers.yaml"));
    let path = path.to_str().expect("the repository's path is UTF-8");
    let mut args = vec!["assess", "--format", format, "--answers", path];
    args.extend(extra);
    run(&args)
}
