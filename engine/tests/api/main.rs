//! The engine's tests through its public API, one module a module of the
//! engine (tests of private items stay beside them, in `tests/unit/`).

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
mod yaml;
