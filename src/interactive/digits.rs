//! Number keys in the list widgets: a number picks (or ticks) the item
//! with that number; where numbers go past 9, a digit that may start a
//! longer number waits a moment for a second one, and the keys line and a
//! note say so.

use std::time::{Duration, Instant};

use super::layout::Item;

/// How long a digit that may start a longer number waits for the next.
pub const DIGIT_WAIT: Duration = Duration::from_millis(800);
/// How often a waiting widget looks at the terminal's size.
pub const TICK: Duration = Duration::from_millis(150);

/// The keys line, with the two-digit note where numbers go past 9.
pub fn hint_with_numbers(hint: &str, items: &[Item]) -> String {
    match items.iter().any(|i| i.number.is_some_and(|n| n >= 10)) {
        true => format!("{hint} (two digits for 10 and up)"),
        false => hint.to_string(),
    }
}

/// Number keys: a digit that may start a longer number waits for the next.
#[derive(Debug, Default)]
pub struct Digits {
    pending: Option<(u32, Instant)>,
}

/// What the digits typed came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Typed {
    /// Wait for another digit.
    Wait,
    /// This number.
    Number(u32),
}

impl Digits {
    pub fn push(&mut self, d: u32, items: &[Item]) -> Typed {
        if let Some((first, _)) = self.pending.take() {
            return Typed::Number(first * 10 + d);
        }
        let mut numbers = items.iter().filter_map(|i| i.number);
        let longer = numbers.any(|n| n >= 10 && n / 10 == d);
        if longer {
            self.pending = Some((d, Instant::now() + DIGIT_WAIT));
            Typed::Wait
        } else {
            Typed::Number(d)
        }
    }

    /// The pending digit once its moment is over (or `now`, for Enter).
    pub fn due(&mut self, now: bool) -> Option<u32> {
        match self.pending {
            Some((d, at)) if now || Instant::now() >= at => {
                self.pending = None;
                Some(d)
            }
            _ => None,
        }
    }

    /// How long to wait for a key: until the pending digit is due.
    pub fn timeout(&self) -> Duration {
        match self.pending {
            Some((_, at)) => at.saturating_duration_since(Instant::now()).min(TICK),
            None => TICK,
        }
    }

    pub fn note(&self, items: &[Item]) -> Option<String> {
        let (d, _) = self.pending?;
        let max = items.iter().filter_map(|i| i.number).max().unwrap_or(d);
        let upto = (d * 10 + 9).min(max);
        Some(format!(
            "{d}… (a second digit picks {} to {upto}; or wait)",
            d * 10
        ))
    }
}

pub fn number_of(items: &[Item], n: u32) -> Option<usize> {
    items.iter().position(|i| i.number == Some(n))
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/digits.rs"]
mod tests;
