//! Unit tests of the binary, kept out of `src/` (`main.rs` includes this
//! module as `crate::tests`): reports in every format (snapshots in
//! `tests/snapshots/`), the report story, fuzzed saved results and drafts,
//! the robustness properties that end in a rendered report, and the browser
//! check. The files beside it that mirror a path under `src/`
//! (`output.rs`, `export/markdown.rs`, …) are the `tests` child of that
//! module, included there with `#[path]` so they can reach its private
//! items. The tests that run the real binary are in `tests/it/`.

#[path = "../support/genbank.rs"]
mod genbank;
mod support;

mod browser;
mod fuzz_saved;
mod report_story;
mod reports;
mod robustness;
