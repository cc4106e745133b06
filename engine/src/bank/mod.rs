//! The question bank (docs/question-banks.md): its model, loading it from a folder or
//! from the binary, validating it, the condition language, the answer
//! values conditions compare with, and the bank's fingerprint. It sits
//! below the answers file in the data flow and does not import it.

mod answer;
mod condition;
pub(crate) mod fingerprint;
mod load;
mod model;
pub mod raw;
mod reasons;
pub mod schema;
pub mod together;
mod validate;

pub use answer::Answer;
pub use condition::{Bounds, CondProblem, Condition, Facts, Test, describe};
pub use load::{BankSource, MAX_FILES, load, load_as_of, set_follow_links};
pub use model::{
    Advice, Band, Bank, Choice, DEFAULT_DISCUSS_PRIORITY, DEFAULT_MAX_NEXT_STEPS,
    DEFAULT_MIN_COVERAGE, DEFAULT_START_HERE, Flag, Interview, Kind, OverallBy, Prospective,
    Question, Retired, Scale, Set, Severity, TogetherEntry, retired_key,
};
pub use reasons::{Reasons, Spans};
pub use validate::{
    FRESH_MONTHS, MAX_EXPLANATION, MAX_FLAGS, MAX_NODES, MAX_OPTIONS, MAX_PROBLEMS, MAX_QUESTIONS,
    SETTINGS_FILE, SourceFile, check, check_as_of, is_valid_id,
};
