//! The `mommytrack` binary: parse the command line, run it, and map any
//! error to the exit code of CONTRACT §1.
//!
//! The engine (`mommytrack_engine`: bank, answers, scoring, result,
//! compare, saved, summary statistics, estimate, input, yaml, sanitize and
//! the failure kinds) sits below everything here; its modules are brought
//! in at the root, so `crate::bank` and the like name them. Above it, data
//! flows one way: the exporters ([`export`]) render a result, a comparison
//! or a summary: a report is laid out once and each format draws it. The
//! output plan ([`output`]) decides once where a report goes and how it
//! looks there, and writes it; [`files`] writes files safely. [`commands`]
//! wires these to the command line ([`cli`]) and the terminal session
//! ([`interactive`]) asks the questions; neither formats a report. [`wrap`]
//! is the one word-wrapper, [`signals`] handles Ctrl-C; [`error`] owns the
//! exit codes, and only `main` exits. [`authoring`] serves bank authors
//! (`validate --strict`, `init-bank`).

use mommytrack_engine::{
    answers, bank, compare, estimate, input, result, sanitize, saved, scoring, summarize,
};

mod authoring;
mod cli;
mod commands;
mod export;
mod files;
mod interactive;
mod output;
mod signals;
mod wrap;

/// (Moves to `src/error.rs` in the next commit; inline here so that git
/// sees `src/error.rs` renamed to `engine/src/error.rs`.)
/// Exit codes (CONTRACT §1) and diagnostics: the number each failure kind
/// of the engine maps to, the code an error ends the program with, and the
/// one way a line reaches standard error.
///
/// The failure kinds, located problems and suggestions are the engine's
/// ([`mommytrack_engine::error`], re-exported here); everything else
/// travels as `anyhow::Error`, and `main` asks [`exit_code`] which code an
/// error maps to by looking for a [`Failure`] in its chain.
mod error {
    use std::fmt;

    pub use mommytrack_engine::error::*;

    /// The exit code of a failure kind.
    pub fn code(kind: ExitKind) -> i32 {
        match kind {
            ExitKind::Usage => 2,
            ExitKind::InvalidData => 65,
            ExitKind::NoInput => 66,
            ExitKind::CantCreate => 73,
            ExitKind::Interrupted => 130,
        }
    }

    /// Whether `err` is shown as it is: a list of problems, or a single
    /// problem that opens with its file and position.
    pub fn is_located(err: &anyhow::Error) -> bool {
        err.downcast_ref::<Problems>().is_some()
            || (err.chain().count() == 1
                && err.downcast_ref::<Failure>().is_some_and(|f| f.located))
    }

    /// Writes one diagnostic line (a warning, an error) to standard error,
    /// made inert ([`crate::sanitize::text`]). It never fails or panics: with
    /// standard error closed (`2>&1 | head -1`) the line is lost and the run
    /// goes on, so a warning can never stop a report from being written.
    pub fn diag(line: impl fmt::Display) {
        use std::io::Write as _;
        let line = line.to_string();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}", crate::sanitize::text(&line));
        let _ = err.flush();
    }

    /// The exit code for an error: the kind of the first [`Failure`] or
    /// [`Problems`] in its chain, 1 for anything else.
    pub fn exit_code(err: &anyhow::Error) -> i32 {
        for cause in err.chain() {
            if let Some(f) = cause.downcast_ref::<Failure>() {
                return code(f.kind);
            }
            if cause.downcast_ref::<Problems>().is_some() {
                return code(ExitKind::InvalidData);
            }
            if let Some(e) = cause.downcast_ref::<clap::Error>() {
                return e.exit_code();
            }
        }
        1
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn exit_codes_follow_the_contract() {
            let e = anyhow::Error::new(Failure::usage("x"));
            assert_eq!(exit_code(&e), 2);
            let e = anyhow::Error::new(Failure::invalid("x")).context("while loading");
            assert_eq!(exit_code(&e), 65);
            assert_eq!(exit_code(&anyhow::anyhow!("other")), 1);
        }
    }
}

#[cfg(test)]
mod tests;

fn main() {
    // Ctrl-C, SIGTERM or SIGHUP: the temporary file of a write in progress
    // is removed, then the program ends as interrupted.
    signals::install(|| std::process::exit(error::code(error::ExitKind::Interrupted)));
    let cli = cli::parse();
    if let Err(err) = commands::run(cli) {
        let code = error::exit_code(&err);
        // Problems in a file (`FILE:LINE:COLUMN: …`, as every command
        // words them) and a stopped session's words to the person are
        // complete messages; anything else gets a prefix.
        let interrupted = code == error::code(error::ExitKind::Interrupted);
        if interrupted || error::is_located(&err) {
            error::diag(&err);
        } else {
            error::diag(format_args!("mommytrack: {err:#}"));
        }
        std::process::exit(code);
    }
}
