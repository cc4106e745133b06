//! Transition shim: the helpers of the old `tests/common` are now the
//! harness of the single test crate, `tests/it/harness.rs`. A test file still
//! at `tests/<topic>.rs` with `mod common;` keeps compiling through this
//! file; move it to `tests/it/<topic>.rs` (`mod <topic>;` in tests/it/main.rs,
//! `use crate::harness::*;`) and delete this shim once none is left.
#![allow(dead_code, unused_imports, unused_macros)]

#[path = "../it/harness.rs"]
mod harness;

pub use harness::*;
