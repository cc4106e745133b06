//! The one time estimate: how long a bank's questions take, computed from
//! the bank, for the session's intro, `--help` and the README (a test keeps
//! the README's figures equal to this).

use crate::bank::{Bank, Kind, Question};
use crate::scoring::Mode;

/// Seconds a question of this kind takes to read and answer: a pick from a
/// list is quick, ticking several takes longer, writing a note longer still.
pub fn seconds_for(q: &Question) -> usize {
    match q.kind {
        Kind::Choice(_) | Kind::YesNo(_) | Kind::Scale(_) => 13,
        Kind::Multi(_) => 25,
        Kind::Text => 45,
    }
}

/// The questions a mode may ask (before conditions).
pub fn questions(bank: &Bank, mode: Mode) -> impl Iterator<Item = &Question> {
    bank.questions.iter().filter(move |q| mode.includes(q))
}

/// Whole minutes, at least one, for the questions a mode may ask.
pub fn minutes(bank: &Bank, mode: Mode) -> usize {
    let seconds: usize = questions(bank, mode).map(seconds_for).sum();
    seconds.div_ceil(60).max(1)
}

/// "about 12 minutes", "about a minute".
pub fn duration(bank: &Bank, mode: Mode) -> String {
    match minutes(bank, mode) {
        1 => "about a minute".into(),
        n => format!("about {n} minutes"),
    }
}
