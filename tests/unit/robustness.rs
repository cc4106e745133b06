//! Robustness (issue 6): property-based fuzzing of the bank loader, the
//! answers parser and the scorer. Whatever the input, none may panic: a
//! bad bank or answers file ends in located problems, a good one in a
//! result that renders and reads back.
//!
//! `cargo test` runs a bounded number of cases per property. For a long
//! run set `MOMMYTRACK_FUZZ_CASES` (cases per property) and watch the
//! `fuzz:` lines, which count the inputs each property generated:
//!
//! ```text
//! MOMMYTRACK_FUZZ_CASES=200000 cargo test --release --bin mommytrack robustness:: -- --nocapture
//! ```

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::answers::{self, Answer, AnswerSheet, Slot};
use crate::bank::{self, Bank, Kind, SourceFile};
use crate::export::{self, Format, RenderOptions};
use crate::result::{self, AssessmentResult};
use crate::scoring::{self, Mode};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_yaml::Value;

use super::genbank;
use super::support::{mini_bank, mini_files};

/// Cases per property: `MOMMYTRACK_FUZZ_CASES`, or `default`.
fn config(default: u32) -> Config {
    let cases = std::env::var("MOMMYTRACK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Cases for a property that scores whole generated banks per case: a
/// tenth of `MOMMYTRACK_FUZZ_CASES`, or `default`.
fn heavy_config(default: u32) -> Config {
    let mut c = config(default);
    if std::env::var_os("MOMMYTRACK_FUZZ_CASES").is_some() {
        c.cases = (c.cases / 10).max(1);
    }
    c
}

/// Counts generated inputs per property and reports them when dropped.
struct Counter {
    name: &'static str,
    n: AtomicU64,
}

impl Counter {
    const fn new(name: &'static str) -> Self {
        Counter {
            name,
            n: AtomicU64::new(0),
        }
    }
    fn tick(&self) {
        self.n.fetch_add(1, Ordering::Relaxed);
    }
    /// Prints the count (`cargo test -- --nocapture` shows it).
    fn report(&self) {
        let n = self.n.load(Ordering::Relaxed);
        println!("fuzz: {} ran {n} inputs", self.name);
    }
}

// ---------------------------------------------------------------- inputs

/// Pieces of YAML and JSON syntax, field names of the bank format and
/// values, from which token soup and mutations are made.
const TOKENS: &[&str] = &[
    "\n",
    "\n  ",
    "\n    ",
    "\n      - ",
    "  ",
    "\t",
    "- ",
    ": ",
    ":",
    ",",
    "{",
    "}",
    "[",
    "]",
    "{ ",
    " }",
    "\"",
    "'",
    "#",
    "# c\n",
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "<<: *a",
    "!!str ",
    "!!binary ",
    "!tag ",
    "? ",
    "| \n  x\n",
    "> \n  y\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "~",
    "null",
    "true",
    "false",
    "yes",
    "no",
    "0",
    "-1",
    "1e309",
    "-.inf",
    ".nan",
    "0x1F",
    "1.5",
    "9223372036854775808",
    "-9223372036854775809",
    "3.0",
    "é",
    "\u{0}",
    "\u{feff}",
    "😀",
    "\r\n",
    "id",
    "id: ",
    "title: T",
    "prompt: P",
    "kind: ",
    "choice",
    "multi",
    "scale",
    "yesno",
    "text",
    "choise",
    "options: ",
    "- { id: o, label: L, score: 1 }",
    "score: ",
    "flag: ",
    "weight: ",
    "core: true",
    "reverse: true",
    "scale: { min: 1, max: 5 }",
    "scale: { min: 5, max: 1 }",
    "scale: { min: -9223372036854775808, max: 9223372036854775807 }",
    "labels: [a, b]",
    "scores: { yes: 1, no: 0 }",
    "when: ",
    "answer: ",
    "is: ",
    "in: [",
    "includes: ",
    "answered: true",
    "flag",
    "dimension: ",
    "below: 40",
    "at_least: 70",
    "overall: ",
    "all: [",
    "any: [",
    "not: ",
    "bands: ",
    "verdict: v",
    "min: 0",
    "min: 101",
    "label: L",
    "summary: S",
    "flags: ",
    "severity: red",
    "severity: blue",
    "caps_verdict: mixed",
    "advice: ",
    "priority: 1",
    "detail: D",
    "source: x",
    "questions: ",
    "description: D",
    "disclaimer: D",
    "boss",
    "boss_early_leave",
    "has_manager",
    "flex_options",
    "remote",
    "part_time",
    "counted",
    "boss_penalizes_parents",
    "flexible_team",
    "mixed",
    "positive",
    "sidelined",
    "q0",
    "notes",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(TOKENS).prop_map(str::to_string),
        1 => "[a-z_]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Text made of YAML-ish tokens.
fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..60).prop_map(|v| v.concat())
}

/// One edit of a text, at positions relative to its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
    Replace(f64, usize, String),
    DuplicateLine(f64),
    DeleteLine(f64),
    SwapLines(f64, f64),
    Truncate(f64),
    ReplaceAll(String, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        3 => (at.clone(), token()).prop_map(|(a, t)| Edit::Insert(a, t)),
        2 => (at.clone(), 1usize..12).prop_map(|(a, n)| Edit::Delete(a, n)),
        3 => (at.clone(), 1usize..8, token()).prop_map(|(a, n, t)| Edit::Replace(a, n, t)),
        1 => at.clone().prop_map(Edit::DuplicateLine),
        1 => at.clone().prop_map(Edit::DeleteLine),
        1 => (at.clone(), at.clone()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        1 => at.prop_map(Edit::Truncate),
        2 => (prop::sample::select(TOKENS), token())
            .prop_map(|(a, b)| Edit::ReplaceAll(a.to_string(), b)),
    ]
}

/// The nearest char boundary at or below a fraction of the text.
fn pos(text: &str, at: f64) -> usize {
    let mut p = ((text.len() as f64) * at) as usize;
    p = p.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match e {
            Edit::Insert(a, s) => {
                let p = pos(&t, *a);
                t.insert_str(p, s);
            }
            Edit::Delete(a, n) => {
                let p = pos(&t, *a);
                let end = (p + n..=t.len())
                    .find(|&e| t.is_char_boundary(e))
                    .unwrap_or(t.len());
                t.replace_range(p..end, "");
            }
            Edit::Replace(a, n, s) => {
                let p = pos(&t, *a);
                let end = (p + n..=t.len())
                    .find(|&e| t.is_char_boundary(e))
                    .unwrap_or(t.len());
                t.replace_range(p..end, s);
            }
            Edit::DuplicateLine(a) | Edit::DeleteLine(a) => {
                let mut lines: Vec<&str> = t.split_inclusive('\n').collect();
                if lines.is_empty() {
                    continue;
                }
                let i = ((lines.len() as f64) * a) as usize % lines.len();
                if matches!(e, Edit::DuplicateLine(_)) {
                    lines.insert(i, lines[i]);
                } else {
                    lines.remove(i);
                }
                t = lines.concat();
            }
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<&str> = t.split_inclusive('\n').collect();
                if lines.is_empty() {
                    continue;
                }
                let i = ((lines.len() as f64) * a) as usize % lines.len();
                let j = ((lines.len() as f64) * b) as usize % lines.len();
                lines.swap(i, j);
                t = lines.concat();
            }
            Edit::Truncate(a) => {
                let p = pos(&t, *a);
                t.truncate(p);
            }
            Edit::ReplaceAll(from, to) => t = t.replace(from.as_str(), to),
        }
    }
    t
}

/// Random YAML values, nested a few levels, with bank-format keys.
fn yaml_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        prop_oneof![-3i64..=5, Just(0), Just(1), Just(100)].prop_map(|i| Value::Number(i.into())),
        any::<f64>().prop_map(|f| Value::Number(f.into())),
        token().prop_map(Value::String),
        prop::sample::select(TOKENS)
            .prop_map(|s| Value::String(s.trim_end_matches([':', ' ']).into())),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Sequence),
            prop::collection::vec((key(), inner), 0..7).prop_map(|kv| {
                Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k), v)).collect())
            }),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    // The bank's field names come from the schemas the validator reads
    // them from, so a new field is fuzzed without touching this test.
    use crate::bank::schema::{SchemaKind, schema};
    const OTHERS: &[&str] = &[
        "answer",
        "is",
        "in",
        "includes",
        "answered",
        "dimension",
        "below",
        "at_least",
        "overall",
        "all",
        "any",
        "not",
        "boss",
        "has_manager",
        "boss_early_leave",
        "flex_options",
        "notes",
    ];
    // Made once: proptest builds a recursive strategy again for every
    // value it draws, and with it this one.
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys: Vec<String> = OTHERS.iter().map(|k| k.to_string()).collect();
        for kind in [SchemaKind::Bank, SchemaKind::Set] {
            let s = schema(kind);
            let types = std::iter::once(&s)
                .chain(s["$defs"].as_object().into_iter().flat_map(|d| d.values()));
            for t in types {
                keys.extend(
                    t["properties"]
                        .as_object()
                        .into_iter()
                        .flat_map(|p| p.keys().cloned()),
                );
            }
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    });
    prop_oneof![
        9 => prop::sample::select(keys.clone()),
        1 => "[a-zA-Z_]{1,10}",
    ]
}

fn to_yaml(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap_or_default()
}

/// A bank question's answer from one random number.
fn pick_answer(q: &bank::Question, r: u32) -> Slot {
    let r = r as usize;
    match r % 7 {
        0 => return Slot::Missing,
        1 => return Slot::Skipped,
        _ => {}
    }
    let r = r / 7;
    Slot::Given(match &q.kind {
        Kind::Choice(o) => Answer::Choice(o[r % o.len()].id.clone()),
        Kind::Multi(o) => Answer::Multi(
            o.iter()
                .enumerate()
                .filter(|(i, _)| r >> i & 1 == 1)
                .map(|(_, o)| o.id.clone())
                .collect(),
        ),
        Kind::Scale(s) => {
            let span = (s.max - s.min) as usize + 1;
            Answer::Scale(s.min + (r % span) as i64)
        }
        Kind::YesNo(_) => Answer::YesNo(r.is_multiple_of(2)),
        Kind::Text => Answer::Text(format!("note {r} <b>&</b>\u{1b}[31m")),
    })
}

fn random_sheet(bank: &Bank, picks: &[u32]) -> AnswerSheet {
    let mut s = AnswerSheet::new(bank);
    for (i, q) in bank.questions.iter().enumerate() {
        s.set(i, pick_answer(q, picks.get(i).copied().unwrap_or(0)));
    }
    s
}

/// Everything downstream of a valid bank and sheet, checked for sanity.
fn score_everything(bank: &Bank, sheet: &AnswerSheet) {
    for mode in [Mode::Full, Mode::Quick] {
        let (r, eval) = result::assess(bank, sheet, mode);
        for d in &eval.dimensions {
            if let Some(s) = d.score {
                assert!((0.0..=100.0 + 1e-9).contains(&s), "dimension score {s}");
            }
            assert!(d.answered <= d.asked);
        }
        if let Some(o) = eval.overall {
            assert!((0.0..=100.0 + 1e-9).contains(&o), "overall {o}");
            assert!(eval.band.is_some() || eval.withheld);
        }
        for l in scoring::levers(bank, sheet, &eval, usize::MAX) {
            assert!(l.gain() > 0.0 && l.overall_to <= 100.0 + 1e-9, "{l:?}");
        }
        let opts = RenderOptions::default();
        let json = export::render_report(&r, Format::Json, &opts, false).expect("reads back");
        let back = AssessmentResult::from_json(&json, "r.json").expect("reads back");
        assert_eq!(
            export::render_report(&back, Format::Json, &opts, false).expect("reads back"),
            json
        );
        export::render_report(&r, Format::Text, &opts, false).expect("renders");
        // The answers written out parse back to the same sheet, but for
        // text made inert as it is read (issue 11); and that is stable.
        let written = serde_json::Value::Object(sheet.to_json(bank)).to_string();
        let again = answers::parse(bank, &written, Path::new("w.json")).expect("round trip");
        let mut inert = sheet.clone();
        for i in 0..bank.questions.len() {
            if let Some(Answer::Text(t)) = sheet.get(i) {
                let clean = crate::sanitize::text(t).into_owned();
                inert.set(i, Slot::Given(Answer::Text(clean)));
            }
        }
        assert_eq!(again, inert);
        let rewritten = serde_json::Value::Object(again.to_json(bank)).to_string();
        let third = answers::parse(bank, &rewritten, Path::new("w.json")).expect("round trip");
        assert_eq!(third, again);
    }
}

/// Loads files; a valid bank is then scored with a sheet from `picks`.
fn load_and_score(files: &[SourceFile], picks: &[u32]) {
    let (bank, problems) = bank::check(files);
    for p in &problems {
        // Every problem names its file and renders.
        assert!(!p.file.as_os_str().is_empty());
        let _ = p.to_string();
    }
    if let Some(bank) = bank {
        assert!(problems.iter().all(|p| p.warning));
        score_everything(&bank, &random_sheet(&bank, picks));
    } else {
        assert!(problems.iter().any(|p| !p.warning), "no bank and no error");
    }
}

// ------------------------------------------------------------ properties

static LOADER_SOUP: Counter = Counter::new("bank loader, token soup");
static LOADER_MUTATED: Counter = Counter::new("bank loader, mutated mini bank");
static LOADER_VALUES: Counter = Counter::new("bank loader, random YAML values");
static ANSWERS_SOUP: Counter = Counter::new("answers parser, token soup");
static ANSWERS_VALUES: Counter = Counter::new("answers parser, random values");
static ANSWERS_MUTATED: Counter = Counter::new("answers parser, mutated answers");
static SCORER: Counter = Counter::new("scorer, random sheets on the mini bank");
static SCORER_GEN: Counter = Counter::new("scorer, random sheets on generated banks");

#[test]
fn bank_loader_survives_token_soup() {
    let mini = mini_files();
    proptest!(config(300), |(which in 0usize..3, text in token_soup(), bytes in prop::collection::vec(any::<u8>(), 0..64))| {
        LOADER_SOUP.tick();
        let mut files = mini.clone();
        files[which].text = text.clone();
        load_and_score(&files, &[]);
        // Lossy bytes too, as a file of its own.
        files[which].text = String::from_utf8_lossy(&bytes).into_owned();
        load_and_score(&files, &[]);
    });
    LOADER_SOUP.report();
}

#[test]
fn bank_loader_survives_mutations_of_the_mini_bank() {
    let mini = mini_files();
    proptest!(config(600), |(
        which in 0usize..3,
        edits in prop::collection::vec(edit(), 1..6),
        picks in prop::collection::vec(any::<u32>(), 8),
    )| {
        LOADER_MUTATED.tick();
        let mut files = mini.clone();
        files[which].text = apply(&files[which].text, &edits);
        load_and_score(&files, &picks);
    });
    LOADER_MUTATED.report();
}

#[test]
fn bank_loader_survives_random_yaml_values() {
    let mini = mini_files();
    proptest!(config(300), |(
        which in 0usize..3,
        v in yaml_value(),
        inner in yaml_value(),
        slot in 0usize..4,
        picks in prop::collection::vec(any::<u32>(), 8),
    )| {
        LOADER_VALUES.tick();
        let mut files = mini.clone();
        // Replace a whole file, or one field of it, with random structure.
        let text = match (slot, serde_yaml::from_str::<Value>(&files[which].text)) {
            (0, _) => to_yaml(&v),
            (_, Ok(Value::Mapping(mut m))) => {
                let keys: Vec<Value> = m.keys().cloned().collect();
                let k = keys[slot % keys.len()].clone();
                // Into a question, deeper down, where the questions are.
                if let (Some(Value::Sequence(qs)), Value::Mapping(_)) = (m.get_mut("questions"), &inner) {
                    if let Some(Value::Mapping(q)) = qs.get_mut(slot % 2)
                        && let Value::Mapping(extra) = &inner {
                            for (ek, ev) in extra {
                                q.insert(ek.clone(), ev.clone());
                            }
                        }
                } else {
                    m.insert(k, v.clone());
                }
                to_yaml(&Value::Mapping(m))
            }
            _ => to_yaml(&v),
        };
        files[which].text = text;
        load_and_score(&files, &picks);
    });
    LOADER_VALUES.report();
}

#[test]
fn answers_parser_survives_token_soup() {
    let bank = mini_bank();
    proptest!(config(1000), |(text in token_soup())| {
        ANSWERS_SOUP.tick();
        if let Ok(sheet) = answers::parse(&bank, &text, Path::new("a.yaml")) {
            score_everything(&bank, &sheet);
        }
    });
    ANSWERS_SOUP.report();
}

#[test]
fn answers_parser_survives_random_values() {
    let bank = mini_bank();
    let ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
    let id = prop_oneof![
        6 => prop::sample::select(ids),
        1 => key(),
    ];
    proptest!(config(600), |(
        kv in prop::collection::vec((id, yaml_value()), 0..10),
        whole in yaml_value(),
        as_json in any::<bool>(),
        use_whole in prop::bool::weighted(0.1),
    )| {
        ANSWERS_VALUES.tick();
        let doc = if use_whole {
            whole
        } else {
            Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k), v)).collect())
        };
        let text = if as_json {
            serde_json::to_string(&doc).unwrap_or_default()
        } else {
            to_yaml(&doc)
        };
        match answers::parse(&bank, &text, Path::new("a.yaml")) {
            Ok(sheet) => score_everything(&bank, &sheet),
            Err(problems) => {
                prop_assert!(!problems.problems.is_empty());
                for p in &problems.problems {
                    prop_assert_eq!(p.file.as_path(), Path::new("a.yaml"));
                }
            }
        }
    });
    ANSWERS_VALUES.report();
}

#[test]
fn answers_parser_survives_mutated_answers() {
    let bank = mini_bank();
    let good = "has_manager: true\nboss_early_leave: explain\nboss_understands: 4\nboss_late_email: 1\n\
                flex_options: [remote, hours]\nconsidering_part_time: true\nnotes: \"Ask Dana\"\n";
    assert!(answers::parse(&bank, good, Path::new("a.yaml")).is_ok());
    proptest!(config(1000), |(edits in prop::collection::vec(edit(), 1..6))| {
        ANSWERS_MUTATED.tick();
        let text = apply(good, &edits);
        if let Ok(sheet) = answers::parse(&bank, &text, Path::new("a.yaml")) {
            score_everything(&bank, &sheet);
        }
    });
    ANSWERS_MUTATED.report();
}

#[test]
fn scorer_survives_random_sheets_on_the_mini_bank() {
    let bank = mini_bank();
    proptest!(config(600), |(picks in prop::collection::vec(any::<u32>(), 8))| {
        SCORER.tick();
        score_everything(&bank, &random_sheet(&bank, &picks));
    });
    SCORER.report();
}

#[test]
fn scorer_survives_random_sheets_on_generated_banks() {
    let banks: Vec<Bank> = [20, 60, 140]
        .iter()
        .map(|&n| {
            let (b, p) = bank::check(&genbank::bank_files(n));
            b.unwrap_or_else(|| panic!("generated bank invalid: {p:#?}"))
        })
        .collect();
    proptest!(heavy_config(60), |(which in 0usize..3, picks in prop::collection::vec(any::<u32>(), 140))| {
        SCORER_GEN.tick();
        score_everything(&banks[which], &random_sheet(&banks[which], &picks));
    });
    SCORER_GEN.report();
}

/// The generated banks of the benchmarks are valid, and so are their answers.
#[test]
fn generated_banks_and_answers_are_valid() {
    for n in [1, 19, 20, 21, 40, 100, 400] {
        let files = genbank::bank_files(n);
        let (bank, problems) = bank::check(&files);
        let bank = bank.unwrap_or_else(|| panic!("{n}: {problems:#?}"));
        assert_eq!(bank.questions.len(), n);
        assert!(problems.iter().all(|p| p.warning), "{n}: {problems:#?}");
        if n >= 40 {
            assert!(problems.is_empty(), "{n}: {problems:#?}");
        }
        let sheet = answers::parse(&bank, &genbank::answers_text(n, 3), Path::new("a.yaml"))
            .unwrap_or_else(|p| panic!("{n}: {p}"));
        let (r, _) = result::assess(&bank, &sheet, Mode::Full);
        if n >= 20 {
            assert!(r.overall.score.is_some());
        }
    }
}

static LEVERS: Counter = Counter::new("levers against full re-scoring");

/// The levers' what-if scores, computed incrementally, match scoring the
/// changed sheet in full, on banks where answers change what is asked.
#[test]
fn levers_match_full_rescoring() {
    let banks: Vec<Bank> = [40, 100]
        .iter()
        .map(|&n| bank::check(&genbank::bank_files(n)).0.expect("valid"))
        .collect();
    proptest!(heavy_config(40), |(which in 0usize..2, picks in prop::collection::vec(any::<u32>(), 100), quick in any::<bool>())| {
        LEVERS.tick();
        let bank = &banks[which];
        let sheet = random_sheet(bank, &picks);
        let mode = if quick { Mode::Quick } else { Mode::Full };
        let eval = scoring::evaluate(bank, &sheet, mode);
        let mut got: Vec<(usize, f64, Answer)> = scoring::levers(bank, &sheet, &eval, usize::MAX)
            .into_iter()
            .map(|l| (l.question, l.overall_to, l.to))
            .collect();
        got.sort_by_key(|x| x.0);
        let mut want = Vec::new();
        if let Some(overall) = eval.overall {
            for (i, q) in bank.questions.iter().enumerate() {
                let (Some(_), Some(current)) = (eval.values[i], eval.answer(&sheet, i)) else {
                    continue;
                };
                // The first alternative with the highest overall.
                let mut best: Option<(f64, Answer)> = None;
                for alt in alternatives(q, current) {
                    let mut changed = sheet.clone();
                    changed.set(i, Slot::Given(alt.clone()));
                    if let Some(o) = scoring::evaluate(bank, &changed, mode).overall
                        && o > overall + 1e-9 && best.as_ref().is_none_or(|b| o > b.0 + 1e-9) {
                            best = Some((o, alt));
                        }
                }
                if let Some((b, alt)) = best {
                    want.push((i, b, alt));
                }
            }
        }
        prop_assert_eq!(got.len(), want.len(), "{:?} vs {:?}", got, want);
        for (g, w) in got.iter().zip(&want) {
            prop_assert_eq!(g.0, w.0);
            prop_assert!((g.1 - w.1).abs() < 1e-6, "{:?} vs {:?}", g, w);
            prop_assert_eq!(&g.2, &w.2, "question {}: the suggested answers differ", g.0);
        }
    });
    LEVERS.report();
}

/// The other answers a question could take in one change, worked out
/// here apart from the levers: another option, the other yes/no, another
/// point on the scale; for a multi question, one option added or removed
/// (in option order), or the best selection outright (every option that
/// adds to the score and none that takes away).
fn alternatives(q: &bank::Question, current: &Answer) -> Vec<Answer> {
    match (&q.kind, current) {
        (Kind::Choice(opts), Answer::Choice(c)) => opts
            .iter()
            .filter(|o| &o.id != c)
            .map(|o| Answer::Choice(o.id.clone()))
            .collect(),
        (Kind::Multi(opts), Answer::Multi(sel)) => {
            let ids = |keep: &dyn Fn(usize, &bank::Choice) -> bool| {
                let kept = opts.iter().enumerate().filter(|(k, o)| keep(*k, o));
                Answer::Multi(kept.map(|(_, o)| o.id.clone()).collect())
            };
            let mut alts: Vec<Answer> = (0..opts.len())
                .map(|k| ids(&|x, o| sel.contains(&o.id) != (x == k)))
                .collect();
            let best = ids(&|_, o| o.score.unwrap_or(0.0) > 0.0);
            if &best != current && !alts.contains(&best) {
                alts.push(best);
            }
            alts
        }
        (Kind::Scale(s), Answer::Scale(x)) => (s.min..=s.max)
            .filter(|p| p != x)
            .map(Answer::Scale)
            .collect(),
        (Kind::YesNo(_), Answer::YesNo(b)) => vec![Answer::YesNo(!b)],
        _ => Vec::new(),
    }
}

/// Inputs that fuzzing once broke, kept as regression tests: a complex key
/// with an empty name (a text search ran past the end), a set file starting
/// with a multi-byte character (a search started inside it), and a tiny
/// weight whose JSON did not read back exactly.
#[test]
fn fuzz_findings_stay_fixed() {
    let bank = mini_bank();
    for text in ["? !!str #", "? !!binary #\nid: *a", "? !!str\n: 1\n"] {
        let _ = answers::parse(&bank, text, Path::new("a.yaml"));
    }
    for lead in ["é", "😀", "\u{feff}"] {
        for which in 0..3 {
            let mut files = mini_files();
            files[which].text.insert_str(0, lead);
            load_and_score(&files, &[0; 8]);
        }
    }
    let mut files = mini_files();
    assert!(files[0].text.contains("\nweight: 2\n"));
    files[0].text =
        files[0]
            .text
            .replacen("\nweight: 2\n", "\nweight: 2.1179264483045486e-51\n", 1);
    load_and_score(&files, &[0, 0, 9, 0, 20, 0, 0, 8]);
}
