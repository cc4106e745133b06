//! The engine's tests through its public API, one module a module of the
//! engine; the tests of private items are in `tests/unit/`, compiled in
//! here too.

mod builtin;
mod error;
mod estimate;
mod input;
mod protect;
mod raw;
mod reasons;
mod result;
mod sanitize;
mod schema;
#[path = "../unit/mod.rs"]
mod unit;
mod yaml;
