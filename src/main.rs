//! The `mommytrack` binary: parse the command line, run it, and map any
//! error to its exit code (0, 2 usage, 65 invalid data, 66 unreadable
//! input, 73 output not written, 130 interrupted, 1 anything else).
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
    answers, bank, compare, estimate, history, input, result, sanitize, saved, scoring, summarize,
};

mod authoring;
mod cli;
mod commands;
mod error;
mod export;
mod files;
mod interactive;
mod manual;
mod output;
mod signals;
mod wrap;

#[cfg(test)]
#[path = "../tests/unit/mod.rs"]
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
