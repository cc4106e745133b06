//! The integration tests: ONE test crate (one build, one link), one module
//! per area. Every module runs the real binary through [`harness::Test`]
//! (a private temporary folder per run), or uses the engine
//! (`mommytrack_engine`) directly. Tests of the binary's private renderers
//! are its unit tests (`tests/unit/`).
//! `cargo test --test it MODULE::` runs one module.

mod harness;
mod json_schema;
mod once;

#[path = "../support/genbank.rs"]
mod genbank;

mod advice_fit;
mod advice_need;
mod authoring;
mod bank_fit;
mod builtin_bank;
mod cli;
mod cli_reports;
mod conventions;
mod couple;
mod docs_examples;
mod docs_psychometric;
mod employers;
mod engine_props;
mod engine_v2;
mod error_messages;
mod file_errors;
#[cfg(unix)]
mod hostile_files;
mod hostile_inputs;
mod hostile_terminal;
mod instrument;
#[cfg(unix)]
mod layering;
mod levers;
mod metadata;
mod next_choice;
mod next_move;
mod personas;
mod quick_fidelity;
mod reason_lines;
mod red_team;
mod reference;
mod retakes;
mod rights;
mod schema_strictness;
mod schemas;
mod scoring_props;
#[cfg(unix)]
mod session;
mod settled;
mod sheets;
mod summarize;
mod summary_attacks;
mod validate;
