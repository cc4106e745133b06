//! A group's published figures (docs/summaries.md): counted over the
//! perturbed copies of its results ([`super::noise`]), each count with its
//! cell-key noise, and every figure hidden, or given as "fewer than
//! `--min-group`", on the published counts alone.

use super::noise::{self, FLIP_FLAG, ITEM, KEEP_VERDICT, OVERALL, PART};
use super::stats::{bins, cronbach_alpha, quantile};
use super::{
    Alpha, DimensionSummary, FlagCount, GroupStats, Note, Notes, Record, Stats, Summarizer,
    VerdictCount,
};

/// Alpha is given from this many results: the perturbation every item
/// carries (the overall's shift among it, so that no average of items says
/// more than the overall score) leaves alpha a margin of error of about
/// ±0.2 at 300 results, ±0.35 at 100.
pub const ALPHA_RESULTS: usize = 300;

/// Verdict and flag counts are given from this many results (and twice
/// `--min-group`): simulated (docs/summaries.md, "What it costs"), one
/// count in ten is off by 30 % of the group at 20 results, 14 % at 100.
pub const ESTIMATES_FROM: usize = 100;

pub(super) struct Ctx<'a> {
    pub(super) s: &'a Summarizer,
    pub(super) min: usize,
}

/// An estimate's likely range, `count` ± `margin` within 0 … `size`.
fn range(count: Option<usize>, margin: Option<usize>, size: usize) -> Option<[usize; 2]> {
    let (c, m) = (count?, margin?);
    Some([c.saturating_sub(m), (c + m).min(size.max(c))])
}

/// The key of a group (the sum of its records' keys).
fn group_key(members: &[&Record]) -> u64 {
    noise::cell(members.iter().map(|r| r.key))
}

impl Ctx<'_> {
    fn secret(&self) -> [u64; 2] {
        self.s.options.secret
    }

    /// A group's count as published, and its key; 0 (never shown) when
    /// it holds fewer than the minimum, whatever its noise.
    pub(super) fn count_group(&self, members: &[&Record]) -> (usize, u64) {
        let key = group_key(members);
        let c = noise::count(members.len(), noise::within(key, key), self.secret());
        (if members.len() < self.min { 0 } else { c }, key)
    }

    /// The published count of the members `of` picks, within a group.
    fn count(&self, group: u64, members: &[&Record], of: impl Fn(&Record) -> bool) -> usize {
        let cell = members.iter().filter(|r| of(r));
        self.published(
            group,
            cell.clone().count(),
            noise::cell(cell.map(|r| r.key)),
        )
    }

    /// The published count of a cell of `held` members, whose keys sum to
    /// `cell`, within a group.
    fn published(&self, group: u64, held: usize, cell: u64) -> usize {
        noise::count(held, noise::within(group, cell), self.secret())
    }

    /// The published statistics of a group's members; the parts marked in
    /// `decided` (asked only after some answers to `--by`) not shown.
    pub(super) fn stats(
        &self,
        members: &[&Record],
        notes: &mut Notes,
        decided: &[bool],
    ) -> GroupStats {
        let (min, bank) = (self.min, &self.s.options.bank);
        let group = group_key(members);
        let shown = |c: usize, notes: &mut Notes| {
            if c < min {
                notes.add(Note::Cells);
            }
            (c >= min).then_some(c)
        };
        let overall = self.measure(group, members, notes, |r| r.overall);
        let (n, size) = (members.len(), self.count_group(members).0);
        let estimates = size >= ESTIMATES_FROM.max(2 * min);
        if !estimates {
            notes.add(Note::Estimates);
        }
        // Verdicts: estimates of the true counts, band by band, each with
        // its margin of error.
        let scored = members.iter().filter(|r| r.verdict.is_some()).count();
        let k = bank.bands.len();
        let mut verdicts: Vec<VerdictCount> = (bank.bands.iter().enumerate())
            .filter(|_| estimates)
            .map(|(b, band)| {
                let c = self.count(group, members, |r| r.verdict == Some(b));
                let count = shown(noise::unrandomise(c, scored, k, KEEP_VERDICT), notes);
                let margin = count.map(|_| noise::margin(c, scored, k, KEEP_VERDICT));
                VerdictCount {
                    ids: vec![band.verdict.clone()],
                    label: crate::sanitize::excerpt(&band.label).into_owned(),
                    range: range(count, margin, size),
                    count,
                    margin,
                }
            })
            .collect();
        if estimates {
            // Always listed, so that its presence says nothing; a plain
            // count (a withheld verdict is not perturbed).
            let withheld = self.count(group, members, |r| r.withheld && r.overall.is_some());
            let count = shown(withheld, notes);
            let margin = count.map(|_| noise::COUNT_NOISE);
            verdicts.push(VerdictCount {
                ids: vec!["withheld".into()],
                label: crate::result::WITHHELD_LABEL.into(),
                range: range(count, margin, size),
                count,
                margin,
            });
        }
        // Flags: estimates of the true counts; none under the minimum,
        // none within the minimum of the group's published count. Each
        // flag's cell (how many, the sum of their keys) in one pass.
        let mut cells = vec![(0, 0u64); bank.flags.len()];
        for r in members {
            for &f in &r.flags {
                let (held, keys) = &mut cells[f as usize];
                (*held, *keys) = (*held + 1, keys.wrapping_add(r.key));
            }
        }
        let flags = (bank.flags.iter().zip(cells))
            .filter(|_| estimates)
            .map(|(flag, (held, keys))| {
                let c = self.published(group, held, keys);
                let est = noise::unrandomise(c, n, 2, 1.0 - FLIP_FLAG);
                let count = shown(est, notes).filter(|&e| size.saturating_sub(e) >= min);
                let margin = count.map(|_| noise::margin(c, n, 2, 1.0 - FLIP_FLAG));
                FlagCount {
                    id: flag.id.clone(),
                    severity: flag.severity.as_str().to_string(),
                    title: crate::sanitize::excerpt(&flag.group_title).into_owned(),
                    range: range(count, margin, size),
                    count,
                    margin,
                    hidden: count.is_none(),
                }
            })
            .collect();
        let dimensions = (self.s.dims.iter().enumerate())
            .map(|(d, (id, info))| {
                fn dim(r: &Record, d: usize) -> Option<&super::DimRec> {
                    r.dims[d].as_ref()
                }
                let hidden = decided.get(d).copied().unwrap_or(false);
                if hidden {
                    notes.add(Note::Decided);
                }
                let score = match hidden {
                    true => Stats::hidden(),
                    false => self.measure(group, members, notes, |r| dim(r, d)?.score),
                };
                let scale_mean = crate::scoring::scale_range(bank, &bank.sets[info.set])
                    .map(|(lo, hi)| score.on_scale(lo as f64, hi as f64));
                let alpha = (info.items.len() >= 3).then(|| {
                    let rows: Vec<&Vec<f64>> = members
                        .iter()
                        .filter_map(|r| dim(r, d)?.items.as_ref())
                        .collect();
                    let c = self.count(group, members, |r| {
                        dim(r, d).is_some_and(|x| x.items.is_some())
                    });
                    let shown = c >= ALPHA_RESULTS.max(2 * min) && !hidden;
                    if !shown && !hidden {
                        notes.add(Note::Alpha);
                    }
                    // The variance the perturbation adds: shared by a
                    // part's items, and each item's own.
                    let shared = (OVERALL * OVERALL + PART * PART) / 3.0 / 1e4;
                    Alpha {
                        value: shown
                            .then(|| cronbach_alpha(&rows, shared, ITEM * ITEM / 3.0))
                            .flatten()
                            // Outside 0 … 1 the noise taken out was most
                            // of what was there: too uncertain to give.
                            .filter(|a| (0.0..=1.0).contains(a))
                            .map(|a| (a * 100.0).round() / 100.0),
                        items: info
                            .items
                            .iter()
                            .map(|&q| bank.questions[q].id.clone())
                            .collect(),
                        n: shown.then_some(c),
                        hidden: !shown,
                    }
                });
                DimensionSummary {
                    id: id.clone(),
                    title: info.title.clone(),
                    score,
                    scale_mean,
                    alpha,
                }
            })
            .collect();
        GroupStats {
            overall,
            verdicts,
            verdicts_hidden: !estimates,
            flags,
            flags_hidden: !estimates,
            dimensions,
        }
    }

    /// One measure's statistics (scores 0–100), over the members that
    /// have it: hidden under `--min-group`; order statistics and the
    /// distribution from twice that.
    fn measure(
        &self,
        group: u64,
        members: &[&Record],
        notes: &mut Notes,
        value: impl Fn(&Record) -> Option<f64>,
    ) -> Stats {
        let min = self.min;
        // Never more than the group's own count: the two would contradict.
        let n =
            (self.count(group, members, |r| value(r).is_some())).min(self.count_group(members).0);
        let cells: Vec<(f64, u64)> = members
            .iter()
            .filter_map(|r| Some((value(r)?, r.key)))
            .collect();
        // Shown from the minimum, published and distinct results alike.
        let least = n.min(cells.len());
        if least < min {
            notes.add(Note::Cells);
            return Stats::hidden();
        }
        let mut sorted: Vec<f64> = cells.iter().map(|c| c.0.clamp(0.0, 100.0)).collect();
        sorted.sort_by(f64::total_cmp);
        let order = least >= 2 * min;
        if !order {
            notes.add(Note::Order);
        }
        let q = |p: f64| {
            order
                .then(|| quantile(&sorted, p))
                .flatten()
                .map(f64::round)
        };
        let mean = cells.iter().map(|c| c.0).sum::<f64>() / cells.len().max(1) as f64;
        Stats {
            n: Some(n),
            suppressed: false,
            mean: Some(mean.clamp(0.0, 100.0).round()),
            median: q(0.5),
            q1: q(0.25),
            q3: q(0.75),
            distribution: if order {
                bins(&cells, min, group, self.secret())
            } else {
                Vec::new()
            },
        }
    }
}
