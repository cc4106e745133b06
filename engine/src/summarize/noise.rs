//! Perturbation of what a summary publishes, so that no number of
//! summaries, and no results of someone's own making, give a person away
//! (docs/summaries.md, "Noise").
//!
//! **Each record is perturbed once, for good.** Before anything is
//! counted, each result is replaced by a perturbed copy drawn from its
//! **record key**: SipHash-2-4, keyed by the coordinator's secret (a key
//! kept 0600 in the state folder, never printed), of the result's
//! identity (its bank and answers). The same result gets the same copy in
//! every run, every grouping and every `--min-group`, and nobody without
//! the secret can compute it. Every figure is computed from the perturbed
//! copies only, so what anyone can learn of a person, however many
//! summaries they see or results they add, is at best their perturbed
//! copy:
//!
//! - the overall score moves by `OVERALL·u₀` (u uniform in [−1, 1]), each
//!   part's by the same `OVERALL·u₀` plus `PART·u_d` of its own, each item
//!   value by the part's shift plus `ITEM·u_i` of its own: the parts and
//!   items say nothing about the overall score that it does not;
//! - the verdict is kept with probability `KEEP_VERDICT`, else one of the
//!   other bands, each as likely (randomised response); a withheld verdict
//!   stays withheld;
//! - each flag is flipped with probability `FLIP_FLAG`;
//! - the `--by` answer is kept with probability `KEEP_GROUP`, else one of
//!   the other values (no answer among them), each as likely.
//!
//! **Counts carry cell-key noise** on top: a count `c` of perturbed
//! records is published as `c + e`, `e` one of −2 … 2 from the sum of the
//! cell's record keys mixed with its group's, so that differences of
//! published counts are not exact, and a group one record larger gets new
//! noise in every count. Verdict and flag counts are then turned into
//! estimates of the true counts by undoing the randomised response.

/// How far the overall score moves: ±25 points.
pub const OVERALL: f64 = 25.0;
/// How far each part moves on top of the overall's shift: ±15 points.
pub const PART: f64 = 15.0;
/// How far each item value (0 to 1) moves on top of its part's shift.
pub const ITEM: f64 = 0.3;
/// The chance a verdict is kept.
pub const KEEP_VERDICT: f64 = 2.0 / 3.0;
/// The chance a flag is flipped.
pub const FLIP_FLAG: f64 = 0.2;
/// How far a respondent's result moves on top of its person's shift,
/// its own for each result: ±10 points (docs/summaries.md, "Retakes
/// between releases").
pub const FRESH: f64 = 10.0;
/// The chance that a verdict, flag or `--by` draw of a respondent's result
/// is its own rather than its person's.
pub const FRESH_DRAW: f64 = 0.25;
/// The chance a `--by` answer is kept.
pub const KEEP_GROUP: f64 = 0.75;
/// How far a count moves: up to 2 either way.
pub const COUNT_NOISE: usize = 2;

/// SipHash-2-4 of `bytes` under `key` (a keyed pseudo-random function:
/// without the key its outputs cannot be told from random). std's
/// `SipHasher` is that function; it is deprecated only as a hasher for
/// hash maps, which want a randomly keyed one.
#[allow(deprecated)]
pub fn siphash(key: [u64; 2], bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::SipHasher::new_with_keys(key[0], key[1]);
    h.write(bytes);
    h.finish()
}

/// The key's id: 8 hex digits of its SipHash of a constant, the same for
/// the same key, and saying nothing of the key.
pub fn key_id(secret: [u64; 2]) -> String {
    format!(
        "{:08x}",
        siphash(secret, b"mommytrack summary key id") >> 32
    )
}

/// splitmix64's finaliser: every bit of the input moves every bit out.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key of a cell: the sum of its records' keys.
pub(super) fn cell(keys: impl IntoIterator<Item = u64>) -> u64 {
    keys.into_iter().fold(0, u64::wrapping_add)
}

/// The key of a cell of `cell`'s records within a group of `group`'s.
pub(super) fn within(group: u64, cell: u64) -> u64 {
    cell ^ mix(group)
}

/// A count as published: `c + e`, `e` one of −2 … 2 drawn from the cell
/// key with the secret (a count of none may come out 1 or 2, never a
/// count to trust).
pub fn count(c: usize, cell: u64, secret: [u64; 2]) -> usize {
    let spread = 2 * COUNT_NOISE as u64 + 1;
    (c + (siphash(secret, &cell.to_le_bytes()) % spread) as usize).saturating_sub(COUNT_NOISE)
}

/// The draws of one record: `unit(n)` is uniform in [−1, 1), `chance(n)`
/// in [0, 1), each the same for the same record key and `n`, and each
/// drawn with the secret (SipHash), so that learning some draws of a
/// record (one's own results' shifts) says nothing of its key or others'.
///
/// **A result that says who took it** (`respondent`) draws the persistent
/// part of its copy from its person's key (a keyed hash of the id), which
/// all of that person's results share (docs/summaries.md, "Retakes between
/// releases"): the shift (`unit`) is the person's, and each `chance` is
/// the person's except one time in four ([`FRESH_DRAW`]) its own, so
/// every draw is still uniform. Only [`FRESH`] points of the score are
/// the result's own (`fresh`). A result without one is its own person:
/// every draw is its own, as before.
#[derive(Debug, Clone, Copy)]
pub struct Draws {
    own: u64,
    person: u64,
    secret: [u64; 2],
}

impl Draws {
    pub fn new(own: u64, person: Option<u64>, secret: [u64; 2]) -> Self {
        let person = person.unwrap_or(own);
        Draws {
            own,
            person,
            secret,
        }
    }

    fn draw(&self, key: u64, n: u64) -> f64 {
        let key = [key ^ self.secret[0], self.secret[1]];
        (siphash(key, &n.to_le_bytes()) >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(self, n: u64) -> f64 {
        let fresh = self.person != self.own && self.draw(self.own, n | 1 << 63) < FRESH_DRAW;
        self.draw(if fresh { self.own } else { self.person }, n)
    }

    /// The person's: the same for all of a respondent's results.
    pub fn unit(self, n: u64) -> f64 {
        2.0 * self.draw(self.person, n) - 1.0
    }

    /// The result's own part of its score's shift: up to [`FRESH`] points
    /// for a respondent's result, none for a result of its own person.
    pub fn fresh(self) -> f64 {
        match self.person == self.own {
            true => 0.0,
            false => FRESH * (2.0 * self.draw(self.own, 0) - 1.0),
        }
    }

    /// Randomised response: `value` (an index below `k`) kept with
    /// probability `keep`, else one of the other `k − 1`, each as likely.
    pub fn respond(self, n: u64, value: usize, k: usize, keep: f64) -> usize {
        let x = self.chance(n);
        if k < 2 || x < keep {
            return value;
        }
        let other = (((x - keep) / (1.0 - keep)) * (k - 1) as f64) as usize;
        let other = other.min(k - 2);
        if other >= value { other + 1 } else { other }
    }
}

/// The estimate of a true count from the published count `c` of `n`
/// records answered by randomised response that keeps with `keep` and
/// moves to each of the other `k − 1` with the rest: `(c − q·n)/(keep − q)`,
/// within 0 … n.
pub fn unrandomise(c: usize, n: usize, k: usize, keep: f64) -> usize {
    let q = (1.0 - keep) / (k.max(2) - 1) as f64;
    let est = (c as f64 - q * n as f64) / (keep - q);
    est.round().clamp(0.0, n as f64) as usize
}

/// The margin of error of [`unrandomise`]'s estimate: two standard errors,
/// from the published share `c/n` of the perturbed answers and the
/// count's own noise (uniform over 2·[`COUNT_NOISE`] + 1 values).
pub(super) fn margin(c: usize, n: usize, k: usize, keep: f64) -> usize {
    let q = (1.0 - keep) / (k.max(2) - 1) as f64;
    let share = (c as f64 / n.max(1) as f64).min(1.0);
    let spread = COUNT_NOISE as f64;
    let var = n as f64 * share * (1.0 - share) + spread * (spread + 1.0) / 3.0;
    (2.0 * var.sqrt() / (keep - q)).ceil() as usize
}
