//! Tests of the binary's renderers that need its private modules: reports
//! in every format (snapshots in `tests/snapshots/`, names as before), the
//! report story, fuzzed saved results and drafts, the robustness properties
//! that end in a rendered report, and the browser check. The tests that run
//! the real binary are in `tests/it/`.

#[path = "../../tests/support/genbank.rs"]
mod genbank;
mod support;

mod browser;
mod fuzz_saved;
mod report_story;
mod reports;
mod robustness;
