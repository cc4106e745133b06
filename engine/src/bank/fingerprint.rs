//! The bank's fingerprint: a hash of what the bank asks and how it scores,
//! so that results of different banks are never pooled by `summarize`.
//!
//! It covers the ids, kinds, options and their scores and flags, scales,
//! weights, `core`, conditions, bands, flags and the scoring settings. It
//! leaves out wording (titles, prompts, labels, help, advice text,
//! sources), so fixing a typo keeps a cohort's results comparable, and it
//! leaves out the next-step settings, which do not change any score. The
//! hash is FNV-1a (128 bits) over a canonical text of those fields: the same
//! on every platform and in every run.

use std::fmt::Write as _;

use super::model::{Band, Bank, Kind};

/// `fnv1a128:` and 32 hex digits.
pub fn of(bank: &Bank) -> String {
    format!("fnv1a128:{:032x}", fnv1a128(canonical(bank).as_bytes()))
}

/// The canonical text the fingerprint hashes. Numbers use Rust's shortest
/// round-trip form, which is the same everywhere; conditions are written
/// with question and set indices, which the ids before them pin down.
fn canonical(bank: &Bank) -> String {
    let mut s = String::with_capacity(64 * bank.questions.len() + 256);
    let bands = |s: &mut String, bands: &[Band]| {
        for b in bands {
            let _ = write!(s, "band {} {:?};", b.verdict, b.min);
        }
    };
    let _ = write!(
        s,
        "mommytrack-bank 1;overall {};min_coverage {:?};",
        bank.overall.as_str(),
        bank.min_coverage
    );
    bands(&mut s, &bank.bands);
    for f in &bank.flags {
        let _ = write!(
            s,
            "flag {} {} {:?};",
            f.id,
            f.severity.as_str(),
            f.caps_verdict
        );
    }
    for set in &bank.sets {
        let _ = write!(
            s,
            "set {} {:?} {} {};",
            set.id, set.weight, set.min_answered, set.shared
        );
        bands(&mut s, &set.bands);
        for q in bank.set_questions(set) {
            let _ = write!(
                s,
                "q {} {} {:?} {} {:?};",
                q.id,
                q.kind.name(),
                q.weight,
                q.core,
                q.when
            );
            match &q.kind {
                Kind::Choice(opts) | Kind::Multi(opts) => {
                    for o in opts {
                        let _ = write!(s, "o {} {:?} {:?};", o.id, o.score, o.flag);
                    }
                }
                Kind::Scale(sc) => {
                    let _ = write!(s, "scale {} {} {};", sc.min, sc.max, sc.reverse);
                }
                Kind::YesNo(scores) => {
                    let _ = write!(s, "scores {scores:?};");
                }
                Kind::Text => {}
            }
        }
    }
    s
}

/// FNV-1a, 128-bit (offset basis and prime from the FNV specification).
pub fn fnv1a128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}
