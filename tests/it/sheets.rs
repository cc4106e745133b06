//! Realistic answer sheets for the built-in bank, for tests that measure
//! the bank over many people (quick mode's fidelity, what groups hide).
//!
//! A person is a profile (how they became a parent, where and how they
//! work, what they want, where they are now: the unscored questions,
//! answered at random) and two hidden levels, how good their workplace is
//! and how well their life outside work holds (the second leaning on the
//! first). Each scored answer lies near the level of its part, with some
//! noise and an occasional skip: answers that hang together the way real
//! people's do, not uniform noise. A seeded generator keeps every run the
//! same.

use mommytrack_engine::answers::{AnswerSheet, Slot};
use mommytrack_engine::bank::{self, Answer, Bank, BankSource, Kind};

/// splitmix64: a small, seeded, reproducible generator (no dependency).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Roughly normal (the sum of four uniforms), mean 0, given spread.
    pub fn noise(&mut self, spread: f64) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum::<f64>() - 2.0;
        s * spread * 1.73
    }
}

pub fn builtin() -> Bank {
    bank::load(&BankSource::BuiltIn)
        .expect("the built-in bank loads")
        .0
}

/// The sets whose answers follow the person's life outside work rather
/// than their workplace.
const LIFE_SETS: &[&str] = &["support", "home", "structural", "alternatives"];

/// One realistic answer sheet for the built-in bank (see the module doc).
pub fn generate(bank: &Bank, rng: &mut Rng) -> AnswerSheet {
    let mut sheet = AnswerSheet::new(bank);
    let work = rng.unit();
    let life = (0.5 * work + 0.5 * rng.unit()).clamp(0.0, 1.0);
    for (i, q) in bank.questions.iter().enumerate() {
        let set = &bank.sets[q.set].id;
        let level = if LIFE_SETS.contains(&set.as_str()) {
            life
        } else {
            work
        };
        let target = (level + rng.noise(0.18)).clamp(0.0, 1.0);
        // About 4% of scored questions skipped, as people do.
        if q.is_scored() && rng.unit() < 0.04 {
            sheet.set(i, Slot::Skipped);
            continue;
        }
        let answer = match &q.kind {
            Kind::Choice(opts) if q.is_scored() => {
                let (lo, hi) = q.score_range().expect("scored");
                let best = opts
                    .iter()
                    .map(|o| {
                        let v = (o.score.unwrap_or(0.0) - lo) / (hi - lo);
                        ((v - target).abs() + rng.unit() * 0.05, o)
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, o)| o.id.clone());
                best.map(Answer::Choice)
            }
            Kind::Choice(opts) => Some(Answer::Choice(opts[rng.below(opts.len())].id.clone())),
            Kind::Multi(opts) => {
                let mut picked = Vec::new();
                for o in opts {
                    let p = match o.score {
                        Some(s) if s < 0.0 => (1.0 - target) * 0.35,
                        Some(s) if s > 0.0 => target * 0.5,
                        _ => 0.3,
                    };
                    if rng.unit() < p {
                        picked.push(o.id.clone());
                    }
                }
                // Children's ages: at least one age group.
                if q.id == "kids_ages" && picked.is_empty() {
                    picked.push(opts[1 + rng.below(opts.len() - 1)].id.clone());
                }
                Some(Answer::Multi(picked))
            }
            Kind::Scale(s) => {
                let t = if s.reverse { 1.0 - target } else { target };
                let x = s.min as f64 + t * (s.max - s.min) as f64;
                Some(Answer::Scale(x.round() as i64))
            }
            Kind::YesNo(Some(_)) => Some(Answer::YesNo(target >= 0.5)),
            Kind::YesNo(None) => Some(Answer::YesNo(rng.unit() < 0.5)),
            Kind::Text => None,
        };
        if let Some(a) = answer {
            sheet.set(i, Slot::Given(a));
        }
    }
    sheet
}
