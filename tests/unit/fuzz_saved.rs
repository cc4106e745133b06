//! Issue 11: the fuzzing of issue 6 extended to the files mommytrack reads
//! back, saved results and drafts. Whatever they hold, reading them never
//! panics; a result that is accepted renders in every format, alone and
//! compared, and its text and Markdown output hold nothing a terminal acts
//! on; a draft that parses yields the answers that fit and a reason for
//! every other.
//!
//! `MOMMYTRACK_FUZZ_CASES` sets the cases per property, as in
//! tests/unit/robustness.rs.

use std::path::Path;

use crate::answers::{Answer, AnswerSheet, Slot};
use crate::bank::{self, Bank, BankSource};
use crate::compare::Comparison;
use crate::export::{self, Format, RenderOptions};
use crate::interactive::state::Draft;
use crate::result;
use crate::saved;
use crate::scoring::Mode;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{Value, json};

fn config(default: u32) -> Config {
    Config {
        cases: std::env::var("MOMMYTRACK_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    }
}

fn mini() -> Bank {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    bank::load(&BankSource::Dir(dir)).expect("mini bank").0
}

/// A real result with answers, flags, steps and levers.
fn sample_result(bank: &Bank) -> Value {
    let mut sheet = AnswerSheet::new(bank);
    let pos = |id| bank.question_position(id).expect("id");
    sheet.set(pos("has_manager"), Slot::Given(Answer::YesNo(true)));
    sheet.set(
        pos("boss_early_leave"),
        Slot::Given(Answer::Choice("counted".into())),
    );
    sheet.set(pos("boss_understands"), Slot::Given(Answer::Scale(2)));
    sheet.set(pos("notes"), Slot::Given(Answer::Text("a note".into())));
    let (r, _) = result::assess(bank, &sheet, Mode::Full);
    serde_json::to_value(&r).expect("serialises")
}

/// JSON values that stress a reader: extremes, escapes, wrong types.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![
            0.0, -0.0, 1e308, -1e308, 100.0, 100.000001, -1e-9, 5e-324, 50.5
        ])
        .prop_map(Value::from),
        prop::sample::select(vec![
            "\u{1b}[31mred",
            "\u{1b}]52;c;ZXZpbA==\u{7}",
            "\u{9b}2J",
            "\u{202e}evil",
            "a\rb",
            "",
            "full",
            "quick",
            "red",
            "green",
            "positive",
            "boss",
            "has_manager",
            "<script>",
            "| a | b |",
        ])
        .prop_map(|s| Value::String(s.to_string())),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,10}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every place in a JSON value, as a path of keys and indexes.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                paths(item, here, out);
                here.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                here.push(Step::Key(k.clone()));
                paths(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, s| match s {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// `v` with the values at a few places replaced, or removed from their
/// object, or with text cut or spliced in.
fn mutate(v: &Value, edits: &[(f64, u8, Value)]) -> String {
    let mut v = v.clone();
    for (at, how, with) in edits {
        let mut all = Vec::new();
        paths(&v, &mut Vec::new(), &mut all);
        let path = &all[((all.len() as f64) * at) as usize % all.len()];
        match how % 3 {
            0 | 1 => {
                if let Some(slot) = at_mut(&mut v, path) {
                    *slot = with.clone();
                }
            }
            _ => {
                if let Some((Step::Key(k), parent)) = path.split_last()
                    && let Some(Value::Object(m)) = at_mut(&mut v, parent)
                {
                    m.remove(k);
                }
            }
        }
    }
    v.to_string()
}

fn dangerous(s: &str) -> bool {
    s.contains(|c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Renders a result in every format, if it is read back; whether it was.
fn render_everything(text: &str) -> bool {
    let Ok(r) = saved::parse_result(text, "r.json") else {
        return false;
    };
    let opts = RenderOptions::default();
    let cmp = Comparison::new(&r, &r, "a", "b");
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        let doc =
            export::render_report(&r, format, &opts, false).expect("a result read back renders");
        let both = export::render_comparison(&cmp, format, &opts, false);
        if matches!(format, Format::Text | Format::Markdown) {
            assert!(!dangerous(&doc), "{format:?}: {doc:?}");
            assert!(!dangerous(&both), "{format:?}: {both:?}");
        }
    }
    true
}

#[test]
fn saved_results_survive_mutation() {
    let bank = mini();
    let base = sample_result(&bank);
    // The unmutated result is accepted and renders.
    assert!(saved::parse_result(&base.to_string(), "r.json").is_ok());
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    proptest!(config(1200), |(edits in prop::collection::vec((0.0..1.0f64, any::<u8>(), json_value()), 1..4))| {
        if render_everything(&mutate(&base, &edits)) {
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    // Many mutations are refused when read; the property checks only the
    // ones that are not, so enough must be.
    let rendered = rendered.into_inner();
    assert!(
        rendered >= 20,
        "only {rendered} mutated results were rendered"
    );
}

#[test]
fn saved_results_survive_byte_level_damage() {
    let bank = mini();
    let text = sample_result(&bank).to_string();
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    proptest!(config(300), |(at in 0.0..1.0f64, cut in 0usize..40, insert in "\\PC{0,8}")| {
        let mut t = text.clone();
        let mut p = ((t.len() as f64) * at) as usize;
        while !t.is_char_boundary(p) {
            p -= 1;
        }
        let mut end = (p + cut).min(t.len());
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        t.replace_range(p..end, &insert);
        if render_everything(&t) {
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    // Most damage leaves no JSON; the property checks only what is read
    // back, so enough must be.
    let rendered = rendered.into_inner();
    assert!(
        rendered >= 10,
        "only {rendered} damaged results were rendered"
    );
}

#[test]
fn drafts_survive_mutation() {
    let bank = mini();
    let base = json!({
        "mommytrack_draft": 1,
        "mode": "full",
        "bank": {"title": "Mini bank", "dir": null, "fingerprint": "0"},
        "answers": {"has_manager": true, "boss_understands": 3, "flex_options": ["remote"], "notes": "x"},
    });
    let read = std::sync::atomic::AtomicUsize::new(0);
    proptest!(config(400), |(edits in prop::collection::vec((0.0..1.0f64, any::<u8>(), json_value()), 1..4))| {
        let text = mutate(&base, &edits);
        if let Ok(d) = Draft::parse(&text, Path::new("draft.json")) {
            read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (sheet, misfits) = d.fitting(&bank);
            let kept = serde_json::Value::Object(sheet.to_json(&bank)).as_object().map_or(0, |m| m.len());
            prop_assert_eq!(kept + misfits.len(), d.count(), "every saved answer is kept or explained");
            for m in &misfits {
                prop_assert!(!dangerous(&m.to_string()) && !m.to_string().contains('\n'));
            }
        }
    });
    // Only drafts that parse are checked, so enough must.
    let read = read.into_inner();
    assert!(read >= 20, "only {read} mutated drafts were read");
}
