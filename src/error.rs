//! Exit codes (listed in the README) and diagnostics: the number each failure kind
//! of the engine maps to, the code an error ends the program with, and the
//! one way a line reaches standard error.
//!
//! The failure kinds, located problems and suggestions are the engine's
//! ([`mommytrack_engine::error`], re-exported here); everything else
//! travels as `anyhow::Error`, and `main` asks [`exit_code`] which code an
//! error maps to by looking for a [`Failure`] in its chain.

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

/// An output, or the state folder, that cannot be written or used (73).
pub fn cant_create(message: impl Into<String>) -> Failure {
    Failure::new(ExitKind::CantCreate, message)
}

/// Whether `err` is shown as it is: a list of problems, or a single
/// problem that opens with its file and position.
pub fn is_located(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Problems>().is_some()
        || (err.chain().count() == 1 && err.downcast_ref::<Failure>().is_some_and(|f| f.located))
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
#[path = "../tests/unit/error.rs"]
mod tests;
