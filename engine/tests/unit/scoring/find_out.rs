//! What to find out about an employer (`assess --prospective`): how far
//! each unknown answer could move the score is worked out from its part's
//! sums, not by scoring the whole answer sheet again for each question.

use mommytrack_engine::answers::{Answer, AnswerSheet, Slot};
use mommytrack_engine::bank::{SourceFile, check};
use mommytrack_engine::internals::SCORED;
use mommytrack_engine::result::assess;
use mommytrack_engine::scoring::Mode;
use serde_json::json;

/// `n` yes/no questions with an interview line in `parts` parts, one
/// answered: scoring every unknown's worst and best answers, and its
/// part's, by scoring the sheet again took 4 sheets a question (10,000
/// questions: 45 s, release).
#[test]
fn what_to_find_out_scores_the_sheet_a_bounded_number_of_times() {
    let (n, parts) = (400, 4);
    let mut files = vec![SourceFile::new(
        "bank.yaml",
        "bank.yaml",
        json!({ "title": "t", "min_coverage": 0, "bands": [
            { "verdict": "positive", "min": 70, "label": "P" },
            { "verdict": "mixed", "min": 45, "label": "M" },
            { "verdict": "sidelined", "min": 0, "label": "S" } ] })
        .to_string(),
    )];
    for p in 0..parts {
        let questions: Vec<_> = (p * n / parts..(p + 1) * n / parts)
            .map(|i| {
                json!({ "id": format!("y{i}"), "kind": "yesno", "prompt": "?", "weight": 1 + i % 3,
                    "scores": { "yes": 1, "no": 0 }, "interview": format!("Ask {i}") })
            })
            .collect();
        let set = json!({ "id": format!("p{p}"), "title": "p", "questions": questions });
        let name = format!("p{p}.yaml");
        files.push(SourceFile::new(name.clone(), name, set.to_string()));
    }
    let (bank, problems) = check(&files);
    let bank = bank.unwrap_or_else(|| panic!("the bank is valid: {problems:?}"));
    let mut sheet = AnswerSheet::new(&bank);
    sheet.set(0, Slot::Given(Answer::YesNo(false)));
    SCORED.with(|s| s.set(0));
    let (result, _) = assess(&bank, &sheet, Mode::Prospective);
    let scored = SCORED.with(|s| s.get());
    assert_eq!(result.to_find_out.len(), n - 1);
    // Each unknown could move the score: by its own weight at least.
    assert!(result.to_find_out.iter().all(|f| f.could_move > 0.0));
    assert!(
        scored <= 4,
        "{scored} answer sheets scored for {n} questions"
    );
}
