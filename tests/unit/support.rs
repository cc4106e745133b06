//! What the unit tests in [`super`] share with `tests/it/harness.rs`: the
//! mini bank (as source files or loaded), fixture paths and named
//! snapshots in `tests/snapshots/`.

use std::path::{Path, PathBuf};

use crate::bank::{self, Bank, BankSource, SourceFile};
use crate::export::Format;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn mini_files() -> Vec<SourceFile> {
    BankSource::Dir(fixture("mini")).files().expect("mini bank")
}

pub fn mini_bank() -> Bank {
    bank::load(&BankSource::Dir(fixture("mini")))
        .expect("the mini bank loads")
        .0
}

/// The name of a format as `--format` spells it (snapshots are named with it).
pub fn format_name(format: Format) -> String {
    clap::ValueEnum::to_possible_value(&format)
        .expect("every format is a value of --format")
        .get_name()
        .to_string()
}

/// `insta::assert_snapshot!` into `tests/snapshots/`, named
/// `MODULE__NAME` as `tests/it/harness.rs` names them.
macro_rules! assert_snapshot {
    ($name:expr, $($rest:tt)*) => {
        insta::with_settings!(
            {
                snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"),
                prepend_module_to_snapshot => false,
            },
            {
                let module = module_path!().rsplit("::").next().unwrap_or_default();
                insta::assert_snapshot!(format!("{module}__{}", $name), $($rest)*)
            }
        )
    };
}
pub(crate) use assert_snapshot;
