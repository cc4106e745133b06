//! The bound: working out the levers of a `when: includes` chain of multi
//! questions decides each condition again only when a question it names
//! changed, so the work grows with questions × options, not with their
//! product times the chain's length.

use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{Bank, SourceFile, check};
use mommytrack_engine::internals::DECIDED;
use mommytrack_engine::scoring::{Mode, evaluate, levers};
use serde_json::json;

/// `n` multi questions of `k` options, each asked when the one before
/// includes one of its options; every option ticked.
fn chain(n: usize, k: usize) -> (Bank, AnswerSheet) {
    let questions: Vec<_> = (0..n)
        .map(|q| {
            let options: Vec<_> = (0..k)
                .map(|o| json!({ "id": format!("p{o}"), "label": "x", "score": (o % 7) as f64 - 3.0 }))
                .collect();
            let mut question = json!({ "id": format!("m{q}"), "prompt": "?", "kind": "multi", "options": options });
            if q > 0 {
                question["when"] = json!({ "answer": format!("m{}", q - 1), "includes": format!("p{}", q % k) });
            }
            question
        })
        .collect();
    let settings = json!({ "title": "t", "bands": [
        { "verdict": "positive", "min": 70, "label": "P" },
        { "verdict": "mixed", "min": 40, "label": "M" },
        { "verdict": "sidelined", "min": 0, "label": "S" } ] });
    let set = json!({ "id": "s", "title": "s", "questions": questions });
    let (bank, problems) = check(&[
        SourceFile::new("bank.yaml", "bank.yaml", settings.to_string()),
        SourceFile::new("s.yaml", "s.yaml", set.to_string()),
    ]);
    let bank = bank.unwrap_or_else(|| panic!("the chain is a valid bank: {problems:?}"));
    let mut sheet = AnswerSheet::new(&bank);
    for q in 0..n {
        let all = (0..k).map(|o| format!("p{o}")).collect();
        sheet.set(q, Slot::Given(Answer::Multi(all)));
    }
    (bank, sheet)
}

#[test]
fn a_chain_of_multi_questions_decides_each_condition_a_bounded_number_of_times() {
    let (n, k) = (60, 50);
    let (bank, sheet) = chain(n, k);
    let eval = evaluate(&bank, &sheet, Mode::Full);
    DECIDED.with(|d| d.set(0));
    let found = levers(&bank, &sheet, &eval, 1000);
    let decided = DECIDED.with(|d| d.get());
    assert!(!found.is_empty(), "the chain has levers");
    // Each of a question's k + 1 changes decides its one dependent; the few
    // that turn it decide the chain behind it. Deciding every later
    // question for every change (as before) is about n·n/2·k = 90,000.
    assert!(
        decided <= n * (k + 1) + 2 * n * n,
        "{decided} conditions decided for {n} questions of {k} options"
    );
}
