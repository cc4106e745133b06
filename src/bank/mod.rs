//! The question bank (CONTRACT §2): its model, loading it from a folder or
//! from the binary, validating it, and the condition language.

mod condition;
mod load;
mod model;
pub mod raw;
mod validate;

pub use condition::{Bounds, CondProblem, Condition, Facts, Test, describe};
pub use load::{BankSource, load, load_thorough, make_inert, set_follow_links};
pub use model::{Advice, Band, Bank, Choice, Flag, Kind, Question, Scale, Set, Severity};
pub use validate::{SETTINGS_FILE, SourceFile, check, is_valid_id};
