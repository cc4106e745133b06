//! mommytrack's engine: everything between the files a person gives and the
//! result a report is drawn from, with no command line and no terminal (the
//! `mommytrack` binary owns those, and every rendering of a report).
//!
//! Data flows one way: a bank ([`bank`]) and answers ([`answers`]) go into
//! the scorer ([`scoring`]), which yields a result ([`result`]); a saved
//! result is read back by [`saved`], [`compare`] puts two results side by
//! side and [`summarize`] pools many into an anonymous summary's
//! statistics. The bank sits below the answers file and does not import it;
//! both read YAML values with the helpers in [`yaml`] and user files with
//! [`input`]. [`estimate`] is the one time estimate, [`date`] the calendar day of a
//! fact's `checked:`, [`sanitize`] makes
//! untrusted text inert, and [`error`] holds the failure kinds (the binary
//! maps them to exit codes) and located problems. No module here reaches
//! up the flow, and none ends the process.

pub mod answers;
pub mod bank;
pub mod compare;
pub mod couple;
pub mod date;
pub mod error;
pub mod estimate;
pub mod history;
pub mod input;
pub mod result;
pub mod sanitize;
pub mod saved;
pub mod scoring;
pub mod summarize;
pub mod yaml;

/// The private items the engine's own tests reach (`tests/unit/`, compiled
/// into the `api` test target). Only the engine's dev-dependency on itself
/// turns the `internals` feature on, so the binary never sees them, and a
/// `cargo test` compiles the engine once, for its tests and for the
/// binary they run alike.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::bank::fingerprint::fnv1a128;
    pub use crate::date::days_in_month;
    pub use crate::scoring::SCORED;
    pub use crate::scoring::levers::DECIDED;
    pub use crate::scoring::settle::{ROUNDING, TESTED};
    /// A saved result's checks.
    pub mod saved {
        pub use crate::saved::{check, make_inert};
    }
    /// A summary's noise and statistics.
    pub mod summarize {
        pub use crate::summarize::noise::{Draws, FRESH, count, mix, siphash, unrandomise};
        pub use crate::summarize::stats::{cronbach_alpha, quantile, variance};
    }
}
