//! Which figures of which group are published: the tables of
//! docs/summaries.md (the verdicts; each flag raised or not; each part with every alpha
//! item answered, some or no score; the score bins) built from the kept
//! records, decided by [`super::protect`], and each group's published
//! statistics.

use std::collections::HashMap;

use super::noise;
use super::protect::{self, Classes, class_counts, merge_adjacent, merge_free, rows_shown};
use super::stats::{cronbach_alpha, raw_bins};
use super::{
    Alpha, BINS, DimRec, DimensionSummary, FlagCount, GroupStats, Note, Notes, Record, Stats,
    Summarizer, VerdictCount,
};
use crate::bank::Bank;

/// Everything `finish` needs to decide the tables.
pub(super) struct Ctx<'a> {
    pub(super) s: &'a Summarizer,
    pub(super) min: usize,
    pub(super) bank: Option<&'a Bank>,
    /// How many `--by` groups (0 without `--by`).
    pub(super) groups: usize,
    pub(super) shown: &'a [bool],
}

/// One measure's decision: what the whole set and each group show.
#[derive(Debug, Clone)]
struct Decision {
    /// The whole set shows the measure.
    all: bool,
    /// Per group: the group shows it.
    rows: Vec<bool>,
}

/// The order statistics' decision for a measure: who shows quartiles,
/// and the bins of the whole set and of the groups.
#[derive(Debug, Clone, Default)]
struct OrderDecision {
    all: bool,
    rows: Vec<bool>,
    all_bins: Classes,
    group_bins: Classes,
}

/// One dimension's decisions.
#[derive(Debug)]
struct DimDecision {
    score: Decision,
    alpha: Decision,
    /// The range of the scale mean, when there is one.
    scale_mean: Option<(f64, f64)>,
    order: OrderDecision,
    /// The alpha items (indices), when the dimension has three or more.
    items: Vec<usize>,
}

pub(super) struct Tables {
    overall: Decision,
    overall_order: OrderDecision,
    verdict_ids: Vec<(String, String)>,
    verdict_classes: Classes,
    verdicts: Decision,
    flags: Vec<Decision>,
    dims: Vec<DimDecision>,
}

impl Ctx<'_> {
    /// Counts per category, for the whole set and each group.
    fn table(
        &self,
        cats: usize,
        of: impl Fn(&Record) -> Option<usize>,
    ) -> (Vec<usize>, Vec<Vec<usize>>) {
        let mut whole = vec![0; cats];
        let mut rows = vec![vec![0; cats]; self.groups];
        for r in &self.s.records {
            if let Some(c) = of(r) {
                whole[c] += 1;
                if self.groups > 0 {
                    rows[r.group][c] += 1;
                }
            }
        }
        (whole, rows)
    }

    /// Rules 1–3 of [`protect`] on a table, given the whole set's classes;
    /// `allowed`: rows that may be shown at all.
    fn decide(
        &self,
        whole: &[usize],
        rows: &[Vec<usize>],
        classes: &Classes,
        allowed: &[bool],
    ) -> Decision {
        // One class holding everything says nothing.
        if classes.len() < 2 {
            return Decision {
                all: false,
                rows: vec![false; rows.len()],
            };
        }
        let w = class_counts(whole, classes);
        let r: Vec<Vec<usize>> = rows.iter().map(|r| class_counts(r, classes)).collect();
        Decision {
            all: true,
            rows: rows_shown(&w, &r, allowed, self.min),
        }
    }

    /// A two-way split (has it / has not): shown for the whole set only
    /// when both sides hold none or at least `min`.
    fn binary(&self, of: impl Fn(&Record) -> bool, allowed: &[bool]) -> Decision {
        let (whole, rows) = self.table(2, |r| Some(usize::from(!of(r))));
        let classes = if whole.iter().any(|&c| protect::sensitive(c, self.min)) {
            vec![vec![0, 1]]
        } else {
            vec![vec![0], vec![1]]
        };
        self.decide(&whole, &rows, &classes, allowed)
    }

    /// Quartiles and bins of a measure whose cells `cells` decided; the
    /// values of each record from `value`.
    fn order(&self, cells: &Decision, value: impl Fn(&Record) -> Option<f64>) -> OrderDecision {
        let min = self.min;
        let twice = 2 * min;
        let all_values: Vec<f64> = self.s.records.iter().filter_map(&value).collect();
        if !cells.all || all_values.len() < twice {
            return OrderDecision {
                rows: vec![false; self.groups],
                ..OrderDecision::default()
            };
        }
        let singles: Classes = (0..BINS).map(|j| vec![j]).collect();
        let all_bins = merge_adjacent(&[raw_bins(&all_values)], singles, min);
        let mut ns = vec![0; self.groups];
        let mut group_values = vec![Vec::new(); self.groups];
        for r in &self.s.records {
            if let Some(v) = value(r)
                && self.groups > 0
            {
                ns[r.group] += 1;
                group_values[r.group].push(v);
            }
        }
        let eligible: Vec<bool> = (0..self.groups)
            .map(|g| cells.rows[g] && ns[g] >= twice)
            .collect();
        let rows = rows_shown(
            &[all_values.len()],
            &ns.iter().map(|&n| vec![n]).collect::<Vec<_>>(),
            &eligible,
            twice,
        );
        // The groups' bins: shared by every group that shows them and by
        // what the whole set leaves of them.
        let mut constraint: Vec<Vec<usize>> = Vec::new();
        let mut remainder = raw_bins(&all_values);
        for g in (0..self.groups).filter(|&g| rows[g]) {
            let b = raw_bins(&group_values[g]);
            for (r, x) in remainder.iter_mut().zip(&b) {
                *r -= x;
            }
            constraint.push(b);
        }
        constraint.push(remainder);
        let group_bins = merge_adjacent(&constraint, all_bins.clone(), min);
        OrderDecision {
            all: true,
            rows,
            all_bins,
            group_bins,
        }
    }

    pub(super) fn tables(&self, notes: &mut Notes) -> Tables {
        let min = self.min;
        let allowed: Vec<bool> = self.shown.to_vec();
        // The overall score: has one, or not.
        let overall = self.binary(|r| r.overall.is_some(), &allowed);
        let overall_order = self.order(&overall, |r| r.overall);
        // Verdicts, among the results with an overall score: the bank's
        // bands in order, then any other verdict seen, then withheld.
        let mut verdict_ids: Vec<(String, String)> = match self.bank {
            Some(b) => b
                .bands
                .iter()
                .map(|b| (b.verdict.clone(), b.label.clone()))
                .collect(),
            None => self.s.bands.clone(),
        };
        let mut others: Vec<String> = self
            .s
            .records
            .iter()
            .filter_map(|r| r.verdict.clone())
            .filter(|v| !verdict_ids.iter().any(|(id, _)| id == v))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        verdict_ids.extend(others.drain(..).map(|v| (v.clone(), v)));
        verdict_ids.push(("withheld".into(), crate::result::WITHHELD_LABEL.into()));
        let withheld = verdict_ids.len() - 1;
        let index: HashMap<&str, usize> = verdict_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        let (whole, rows) = self.table(verdict_ids.len(), |r| {
            r.overall?;
            Some(r.verdict.as_deref().map_or(withheld, |v| index[v]))
        });
        let mut verdict_classes = merge_free(&whole, min);
        if verdict_classes.iter().any(|c| c.len() > 1) {
            notes.add(Note::Merged);
        }
        // One merged class holding every result says nothing.
        let counts = class_counts(&whole, &verdict_classes);
        let held: Vec<&Vec<usize>> = verdict_classes
            .iter()
            .zip(&counts)
            .filter(|(_, n)| **n > 0)
            .map(|(c, _)| c)
            .collect();
        if !overall.all || (held.len() == 1 && held[0].len() > 1) {
            verdict_classes = vec![(0..verdict_ids.len()).collect()];
        }
        let verdicts = if overall.all {
            self.decide(&whole, &rows, &verdict_classes, &overall.rows)
        } else {
            Decision {
                all: false,
                rows: vec![false; self.groups],
            }
        };
        // Each flag: raised, or not.
        let flags: Vec<Decision> = (0..self.s.flags.len() as u32)
            .map(|f| self.binary(|r| r.flags.contains(&f), &allowed))
            .collect();
        // Each dimension.
        let dims = (0..self.s.dims.len())
            .map(|d| self.dimension(d, &allowed))
            .collect::<Vec<_>>();
        let hidden_any =
            |d: &Decision| !d.all || d.rows.iter().zip(self.shown).any(|(r, s)| *s && !r);
        if hidden_any(&overall)
            || hidden_any(&verdicts)
            || flags.iter().any(hidden_any)
            || dims
                .iter()
                .any(|d| hidden_any(&d.score) || (!d.items.is_empty() && hidden_any(&d.alpha)))
        {
            notes.add(Note::Cells);
        }
        let order_hidden = |o: &OrderDecision, d: &Decision| {
            (d.all && !o.all) || o.rows.iter().zip(&d.rows).any(|(o, d)| *d && !o)
        };
        if order_hidden(&overall_order, &overall)
            || dims.iter().any(|d| order_hidden(&d.order, &d.score))
        {
            notes.add(Note::Order);
        }
        Tables {
            overall,
            overall_order,
            verdict_ids,
            verdict_classes,
            verdicts,
            flags,
            dims,
        }
    }

    /// A dimension's table: every alpha item answered, some, or no score
    /// (or, with fewer than three items, a score or not).
    fn dimension(&self, d: usize, allowed: &[bool]) -> DimDecision {
        let (id, info) = self.s.dims.get_index(d).expect("a dimension");
        let bank_set = self
            .bank
            .and_then(|b| Some((b, b.sets.iter().find(|s| s.id == *id)?)));
        // Every scored item of the bank's set (each must have been seen
        // for alpha to be over all of them), else every one seen.
        let items: Vec<usize> = match bank_set {
            Some((b, set)) => {
                let scored: Vec<_> = b
                    .set_questions(set)
                    .iter()
                    .filter(|q| q.is_scored())
                    .collect();
                let seen: Vec<usize> = scored
                    .iter()
                    .filter_map(|q| info.items.get_index_of(q.id.as_str()))
                    .collect();
                if seen.len() == scored.len() {
                    seen
                } else {
                    Vec::new()
                }
            }
            None => info.order.clone(),
        };
        let items = if items.len() < 3 { Vec::new() } else { items };
        let cat = |r: &Record| -> usize {
            match dim(r, d) {
                Some(rec) if rec.score.is_some() => {
                    if !items.is_empty() && complete(rec, &items) {
                        0
                    } else {
                        1
                    }
                }
                _ => 2,
            }
        };
        let (whole, rows) = self.table(3, |r| Some(cat(r)));
        let s = |c: usize| protect::sensitive(c, self.min);
        let has = whole[0] + whole[1];
        // The finest coding that leaves no class small: complete,
        // partial, none; or scored, none; or nothing.
        let (classes, alpha_ok) =
            if !items.is_empty() && !s(whole[0]) && !s(whole[1]) && !s(whole[2]) {
                (vec![vec![0], vec![1], vec![2]], true)
            } else if !s(has) && !s(whole[2]) {
                (vec![vec![0, 1], vec![2]], false)
            } else {
                (vec![vec![0, 1, 2]], false)
            };
        let score = self.decide(&whole, &rows, &classes, allowed);
        let alpha = if alpha_ok {
            score.clone()
        } else {
            Decision {
                all: false,
                rows: vec![false; self.groups],
            }
        };
        // A scale mean, from the published score, when the bank says
        // every scored item is a scale of one range.
        let scale_mean = bank_set
            .and_then(|(b, set)| crate::scoring::scale_range(b, set))
            .map(|(lo, hi)| (lo as f64, hi as f64));
        let order = self.order(&score, |r| dim(r, d).and_then(|x| x.score));
        DimDecision {
            score,
            alpha,
            scale_mean,
            order,
            items,
        }
    }
}

fn dim(r: &Record, d: usize) -> Option<&DimRec> {
    r.dims.get(d).and_then(Option::as_ref)
}

/// The result was asked and answered every one of `items`.
fn complete(rec: &DimRec, items: &[usize]) -> bool {
    items.iter().all(|&i| {
        rec.items
            .iter()
            .any(|&(j, v)| j as usize == i && v.is_some())
    })
}

impl Tables {
    /// The published statistics of the whole set (`None`) or a group.
    pub(super) fn stats(&self, ctx: &Ctx, g: Option<usize>) -> GroupStats {
        let min = ctx.min;
        let shows = |d: &Decision| match g {
            None => d.all,
            Some(g) => d.all && d.rows[g],
        };
        let order_shows = |o: &OrderDecision| match g {
            None => o.all,
            Some(g) => o.all && o.rows[g],
        };
        let bins_of = |o: &OrderDecision| match g {
            None => o.all_bins.clone(),
            Some(_) => o.group_bins.clone(),
        };
        // A count of the records `of` picks, as published.
        let records: Vec<&Record> = (ctx.s.records.iter())
            .filter(|r| g.is_none_or(|g| r.group == g))
            .collect();
        let group = noise::cell(records.iter().map(|r| r.key));
        let count = |of: &dyn Fn(&Record) -> bool| {
            let members = records.iter().filter(|r| of(r));
            let key = noise::within(group, noise::cell(members.clone().map(|r| r.key)));
            noise::count(members.count(), key, min)
        };
        let overall = if shows(&self.overall) {
            let v: Vec<(f64, u64)> = records
                .iter()
                .filter_map(|r| Some((r.overall?, r.key)))
                .collect();
            Stats::of(
                &v,
                "overall",
                order_shows(&self.overall_order),
                Some(&bins_of(&self.overall_order)),
                min,
                group,
            )
        } else {
            Stats::hidden()
        };
        let verdicts_hidden = !shows(&self.verdicts);
        let verdicts = if verdicts_hidden {
            Vec::new()
        } else {
            let withheld = self.verdict_ids.len() - 1;
            let index = |r: &Record| match &r.verdict {
                Some(v) => self
                    .verdict_ids
                    .iter()
                    .position(|(id, _)| id == v)
                    .unwrap_or(withheld),
                None => withheld,
            };
            self.verdict_classes
                .iter()
                .map(|c| (c, count(&|r| r.overall.is_some() && c.contains(&index(r)))))
                .filter(|(c, n)| *n > 0 || c.iter().all(|&j| j != withheld))
                .map(|(c, count)| VerdictCount {
                    ids: c.iter().map(|&j| self.verdict_ids[j].0.clone()).collect(),
                    label: c
                        .iter()
                        .map(|&j| self.verdict_ids[j].1.as_str())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    count,
                })
                .collect()
        };
        let mut flags: Vec<FlagCount> = ctx
            .s
            .flags
            .iter()
            .zip(&self.flags)
            .enumerate()
            .map(|(f, ((id, (severity, title)), d))| {
                let shown = shows(d);
                FlagCount {
                    id: id.clone(),
                    severity: severity.clone(),
                    title: title.clone(),
                    count: shown.then(|| count(&|r| r.flags.contains(&(f as u32)))),
                    hidden: !shown,
                }
            })
            .collect();
        // The bank's order when it is known; otherwise red before green,
        // then by title: never the order of the files.
        let rank = |f: &FlagCount| {
            ctx.bank
                .and_then(|b| b.flags.iter().position(|x| x.id == f.id))
                .unwrap_or(usize::MAX)
        };
        flags.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| (a.severity != "red").cmp(&(b.severity != "red")))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.id.cmp(&b.id))
        });
        let dimensions = ctx
            .s
            .dims
            .iter()
            .zip(&self.dims)
            .enumerate()
            .map(|(d, ((id, info), dd))| {
                let shown = shows(&dd.score);
                let scores: Vec<(f64, u64)> = records
                    .iter()
                    .filter_map(|r| Some((dim(r, d)?.score?, r.key)))
                    .collect();
                let score = if shown {
                    let bins = bins_of(&dd.order);
                    Stats::of(&scores, id, order_shows(&dd.order), Some(&bins), min, group)
                } else {
                    Stats::hidden()
                };
                let scale_mean = dd.scale_mean.map(|(lo, hi)| score.on_scale(lo, hi));
                let alpha = (!dd.items.is_empty()).then(|| {
                    let ids = dd.items.iter().map(|&i| info.items[i].clone()).collect();
                    if !shows(&dd.alpha) {
                        return Alpha {
                            value: None,
                            items: ids,
                            n: None,
                            hidden: true,
                        };
                    }
                    let (rows, keys): (Vec<Vec<f64>>, Vec<u64>) = records
                        .iter()
                        .filter_map(|r| {
                            let rec = dim(r, d).filter(|x| x.score.is_some())?;
                            let row = dd
                                .items
                                .iter()
                                .map(|&i| {
                                    rec.items
                                        .iter()
                                        .find(|&&(j, _)| j as usize == i)
                                        .and_then(|&(_, v)| v)
                                })
                                .collect::<Option<Vec<f64>>>()?;
                            Some((row, r.key))
                        })
                        .unzip();
                    let key = noise::within(group, noise::cell(keys));
                    Alpha {
                        value: cronbach_alpha(&rows).map(|a| noise::alpha(a, rows.len(), key, id)),
                        items: ids,
                        n: Some(noise::count(rows.len(), key, min)),
                        hidden: false,
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
            verdicts_hidden,
            flags,
            dimensions,
        }
    }
}
