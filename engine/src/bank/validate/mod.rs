//! Validation: turns the bank's files into a checked [`Bank`], reporting
//! every problem found (not just the first), each with its file, line,
//! column and id where they are known, and how to fix it.
//!
//! Three steps, one module each: [`context`] knows the files and makes the
//! problems; [`parse`] reads the YAML into the parser's tree (which knows
//! where everything stands) and reports unknown keys and wrong types;
//! [`build`] and [`question`] check the typed form and build the model.
//! This module runs them in order.

mod build;
mod context;
mod dated;
mod parse;
mod question;
pub use question::MAX_OPTIONS;
mod rights;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::model::{
    Bank, DEFAULT_MAX_NEXT_STEPS, DEFAULT_MIN_COVERAGE, DEFAULT_START_HERE, OverallBy,
};
use super::raw::*;
use crate::date::Date;
use crate::error::Problem;
use crate::yaml::{Node, Pos};
use context::{Ctx, show};
pub use context::{SourceFile, is_valid_id};
use parse::{Parsed, parse_file};

pub const SETTINGS_FILE: &str = "bank.yaml";
/// The largest weight or score (in size) a bank may use: far beyond any
/// real bank, and small enough that sums over any bank stay exact enough
/// and can never overflow to infinity.
pub const MAX_NUMBER: f64 = 1e6;
/// The largest count a bank setting may give (`min_answered`,
/// `max_next_steps`, `start_here`).
pub const MAX_COUNT: i64 = 10_000;
/// The most flags, and the most advice entries, a bank may have: far more
/// than any real bank, few enough that a result listing every one of them
/// reports and compares quickly. Results read back are held to it too.
pub const MAX_FLAGS: usize = 1000;
/// The most questions a bank may have: over a hundred times the built-in
/// bank's, and few enough that every command on the largest bank finishes
/// in well under a second.
pub const MAX_QUESTIONS: usize = 10_000;
/// The most YAML nodes (values, keys, lists and mappings, aliases
/// expanded) a bank's files may hold in all: 25 times the built-in bank's
/// 10,081, room for 10,000 yes/no questions (13 each) and 1,000 flags and
/// entries of advice, and a bound on the work of any bank within the byte
/// cap, however its aliases are used. Reading a bank costs about 1.5 µs a
/// node: at 500,000, banks of 330 questions of 200 options took 0.6 to
/// 0.9 s to read before any command began.
pub const MAX_NODES: usize = 250_000;
/// The most answers and ticked options the reasons of all next steps
/// together may name ([`super::Bank::explanation_work`]): the built-in
/// bank's name a few hundred, a bank of 1,000 questions whose 100 entries
/// of advice each name a dimension of 100 questions 10,000; few enough
/// that a result naming them all is written, read and compared quickly.
pub const MAX_EXPLANATION: usize = 200_000;

/// The most errors one check lists: enough to fix first. Past them the
/// check stops, so that a bank broken everywhere costs no more than one
/// with this many errors (each may compare a name with every name in the
/// bank, for "did you mean").
pub const MAX_PROBLEMS: usize = 100;

pub use dated::FRESH_MONTHS;

/// Checks `files` (the settings file and the set files, sets in name
/// order) and builds the bank if no error was found. Warnings come back
/// either way.
pub fn check(files: &[SourceFile]) -> (Option<Bank>, Vec<Problem>) {
    check_as_of(files, None)
}

/// [`check`], and with `today` an author's checks too: every `checked:`
/// date at most [`FRESH_MONTHS`] old and not in the future, and every
/// cited web page dated. `validate` runs these; loading a
/// bank to assess does not, so a report never warns about a bank's age.
pub fn check_as_of(files: &[SourceFile], today: Option<Date>) -> (Option<Bank>, Vec<Problem>) {
    let (bank, mut problems, stopped) = check_files(files, today);
    in_file_order(files, &mut problems);
    if stopped {
        let settings = files.iter().find(|f| f.file_name == SETTINGS_FILE);
        let file = settings
            .or(files.first())
            .map_or(SETTINGS_FILE, |f| f.name.as_str());
        let why = format!("the check stopped after {MAX_PROBLEMS} errors");
        let hint = "fix these and run `mommytrack validate` again";
        problems.push(Problem::new(file, why).hint(hint));
    }
    (bank, problems)
}

/// Sorts problems by file (in the order given), then line and column; a
/// problem with no position comes first in its file, and problems at the
/// same place keep the order they were found in.
fn in_file_order(files: &[SourceFile], problems: &mut [Problem]) {
    let order: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    problems.sort_by_key(|p| {
        let file = p
            .file
            .to_str()
            .and_then(|f| order.get(f).copied())
            .unwrap_or(usize::MAX);
        (file, p.line.unwrap_or(0), p.column.unwrap_or(0))
    });
}

fn check_files(files: &[SourceFile], today: Option<Date>) -> (Option<Bank>, Vec<Problem>, bool) {
    let mut problems = Vec::new();
    let settings_file = files.iter().find(|f| f.file_name == SETTINGS_FILE);
    let set_files: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.file_name != SETTINGS_FILE)
        .collect();

    // What the bank's files may hold together, aliases expanded.
    let mut budget = crate::yaml::Allowance::new(MAX_NODES, crate::input::MAX_BANK_BYTES as usize);
    // The fields of each kind of file, for the unknown-key check: made
    // when a file first fails its typed read.
    let (settings_fields, set_fields) = (OnceCell::new(), OnceCell::new());
    let settings = match settings_file {
        Some(f) => parse_file::<RawSettings>(f, &mut budget, &mut problems, &settings_fields),
        None => {
            let folder = files
                .first()
                .map(|f| f.name.trim_end_matches(&f.file_name).to_string())
                .unwrap_or_default();
            let hint = "add bank.yaml with the bank's title, bands, flags and advice (see docs/question-banks.md)";
            let file = format!("{folder}{SETTINGS_FILE}");
            problems.push(Problem::new(file, "the bank has no bank.yaml").hint(hint));
            None
        }
    };
    if set_files.is_empty() {
        let file = settings_file.map_or(SETTINGS_FILE, |f| f.name.as_str());
        let hint = "add one YAML file per question set beside bank.yaml";
        problems.push(Problem::new(file, "the bank has no question sets").hint(hint));
    }

    let mut b = Builder {
        today,
        ..Builder::default()
    };
    let settings_ctx = settings_file.map(Ctx::new);
    if let (Some(raw), Some(ctx)) = (&settings, &settings_ctx) {
        b.bands(raw, ctx, &mut problems);
        b.flags(raw, ctx, &mut problems);
    }
    let mut unreadable_sets = 0;
    for (i, f) in set_files.iter().enumerate() {
        if b.enough(&problems) {
            break;
        }
        if let Some(raw) = parse_file::<RawSet>(f, &mut budget, &mut problems, &set_fields) {
            let more = raw.typed.questions.as_ref().map_or(0, Vec::len);
            if b.bank.questions.len() + more > MAX_QUESTIONS {
                let why = format!(
                    "with this file the bank has over {MAX_QUESTIONS} questions, the most a bank may have; the files after it were not read"
                );
                let hint =
                    "split the bank into smaller ones, each with the questions one person is asked";
                problems.push(Problem::new(&f.name, why).hint(hint));
                unreadable_sets += set_files.len() - i;
                break;
            }
            b.file_no = i;
            b.set(raw, &Ctx::new(f), &mut problems);
        } else {
            unreadable_sets += 1;
        }
    }
    b.question_conditions(&set_files, &mut problems);
    if let (Some(Parsed { typed: raw, node }), Some(ctx)) = (settings, &settings_ctx) {
        tuning(&raw, &node, ctx, &mut problems, &mut b.bank);
        // With a set file unreadable, its questions and dimension are
        // unknown: checking the advice would only blame bank.yaml for them.
        if unreadable_sets == 0 && !b.enough(&problems) {
            let (advice, kit) = (raw.advice.unwrap_or_default(), raw.kit.unwrap_or_default());
            b.advice(advice, kit, &node, ctx, &mut problems);
            b.retired(raw.retired.unwrap_or_default(), &node, ctx, &mut problems);
            b.rights(raw.rights, &node, ctx, &mut problems);
            b.next_steps_bounded(&node, ctx, &mut problems);
            b.together(raw.together.unwrap_or_default(), &node, ctx, &mut problems);
            b.unused_flags(ctx, &mut problems);
        }
        let title = raw.title.filter(|t| !t.trim().is_empty());
        if title.is_none() {
            let (why, hint) = ("the bank has no title", "add `title: …` to bank.yaml");
            problems.push(ctx.problem(why, Some(node.pos)).hint(hint));
        }
        if problems.iter().all(|p| p.warning) {
            let mut bank = Bank {
                title: title.unwrap_or_default(),
                description: raw.description,
                disclaimer: raw.disclaimer,
                ..b.bank
            };
            bank.fingerprint = super::fingerprint::of(&bank);
            return (Some(bank), problems, false);
        }
    }
    let stopped = b.enough(&problems);
    (None, problems, stopped)
}

/// The settings of bank.yaml that tune scoring and the next steps, into `bank`.
fn tuning(raw: &RawSettings, node: &Node, ctx: &Ctx, p: &mut Vec<Problem>, bank: &mut Bank) {
    let at = |key: &str| node.key_pos(key);
    bank.min_coverage = match raw.min_coverage {
        None => DEFAULT_MIN_COVERAGE,
        Some(f) if (0.0..=1.0).contains(&f) => f,
        Some(f) => {
            let why = format!("min_coverage {} is not a fraction from 0 to 1", show(f));
            let hint = "e.g. `min_coverage: 0.5` withholds the verdict until half the scored questions are answered; 0 never withholds it";
            p.push(ctx.problem(why, at("min_coverage")).hint(hint));
            DEFAULT_MIN_COVERAGE
        }
    };
    let mut count = |key: &str, value: Option<i64>, min: i64, default: usize, what: &str| {
        let at = |m| ctx.problem(m, at(key));
        context::count(key, value, min, default as i64, what, at, p) as usize
    };
    let (most, first) = (raw.max_next_steps, raw.start_here);
    let what = "the most next steps a result lists";
    bank.max_next_steps = count("max_next_steps", most, 1, DEFAULT_MAX_NEXT_STEPS, what);
    let what = "how many of the first next steps reports show first";
    bank.start_here = count("start_here", first, 0, DEFAULT_START_HERE, what);
    bank.overall = match raw.overall.as_deref() {
        None | Some("dimensions") => OverallBy::Dimensions,
        Some("items") => OverallBy::Items,
        Some(other) => {
            let hint = format!(
                "{}use `dimensions` (the sets' weights) or `items` (the mean over answered items)",
                crate::error::did_you_mean(other, ["dimensions", "items"])
            );
            let why = format!("unknown overall `{other}`");
            p.push(ctx.problem(why, at("overall")).hint(hint));
            OverallBy::Dimensions
        }
    };
}

#[derive(Default)]
struct Builder {
    /// The bank as it is built: every part but its title, description,
    /// disclaimer and fingerprint.
    bank: Bank,
    /// Errors among the problems found so far, counted up to `scanned`.
    errors: usize,
    scanned: usize,
    /// The check stopped at [`MAX_PROBLEMS`] errors.
    stopped: bool,
    flag_index: HashMap<String, usize>,
    /// Where each flag's id stands in bank.yaml.
    flag_pos: Vec<Option<Pos>>,
    flags_raised: HashSet<usize>,
    set_index: HashMap<String, usize>,
    /// Questions whose definition is broken: conditions naming them are
    /// not checked further, to avoid a cascade of messages.
    broken: HashSet<usize>,
    /// Questions' `when` conditions, checked after all questions are known.
    pending_when: Vec<PendingWhen>,
    /// The set file being read, as an index into the set files.
    file_no: usize,
    /// Today, for the author's checks of `checked:` dates (`validate`).
    today: Option<Date>,
    /// The set being read is marked `shared`.
    set_shared: bool,
}

impl Builder {
    /// Whether the problems found so far hold [`MAX_PROBLEMS`] errors, when
    /// the check stops.
    fn enough(&mut self, p: &[Problem]) -> bool {
        let new = p.get(self.scanned..).unwrap_or_default();
        self.errors += new.iter().filter(|x| !x.warning).count();
        self.scanned = p.len();
        self.stopped |= self.errors >= MAX_PROBLEMS;
        self.stopped
    }
}

struct PendingWhen {
    question: usize,
    /// `lever_when` (naming any question), else `when`.
    lever: bool,
    value: Node,
    file: usize,
    at: Option<Pos>,
}
