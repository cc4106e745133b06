//! mommytrack: a career-path self-assessment for working parents.
//!
//! Data flows one way: a bank ([`bank`]) and answers ([`answers`]) go into
//! the scorer ([`scoring`]), which yields a result ([`result`]) that the
//! exporters ([`export`]) render: a report is laid out once and each format
//! draws it; [`compare`] puts two results side by side. The bank sits below
//! the answers file and does not import it; both read YAML values with the
//! helpers in [`yaml`]. The output plan ([`output`]) decides once where a
//! report goes and how it looks there, and writes it. [`commands`] wires
//! these to the command line ([`cli`]) and the terminal session
//! ([`interactive`]) asks the questions; neither formats a report. [`wrap`]
//! is the one word-wrapper, [`estimate`] the one time estimate; [`error`]
//! owns the exit codes, and only `main` exits. [`summarize`] pools many
//! saved results into an anonymous summary; [`authoring`] serves bank
//! authors (`validate --strict`, `init-bank`).

pub mod answers;
pub mod authoring;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod error;
pub mod estimate;
pub mod export;
pub mod files;
pub mod input;
pub mod interactive;
pub mod output;
pub mod result;
pub mod sanitize;
pub mod saved;
pub mod scoring;
pub mod signals;
pub mod summarize;
pub mod wrap;
pub mod yaml;
