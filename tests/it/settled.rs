//! The settled verdict on the built-in bank (`settled_after`): every persona
//! answered in bank order, as a session asks, with the engine's `settle`
//! asked after each answer. Once it says "settled", the persona's own
//! remaining answers (one of the ways the rest could go) must end on that
//! verdict, and it must stay settled to the end. `cargo test --test it
//! settled:: -- --nocapture` prints how early each persona's verdict settles.

use std::path::Path;

use mommytrack_engine::answers::{self, AnswerSheet};
use mommytrack_engine::bank::{self, BankSource};
use mommytrack_engine::scoring::{Mode, Settlement, evaluate, settle};

#[test]
fn every_persona_settles_on_its_final_verdict_or_not_at_all() {
    let (bank, _) = bank::load(&BankSource::BuiltIn).expect("built-in bank");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/personas")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".answers.yaml").map(String::from)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let mut settled_somewhere = 0;
    eprintln!(
        "{:<38} {:>10} {:>8} {:>7}  verdict",
        "persona", "settled at", "answered", "in all"
    );
    for name in &names {
        let path = dir.join(format!("{name}.answers.yaml"));
        let text = std::fs::read_to_string(&path).expect("read");
        let full = answers::parse(&bank, &text, &path).expect("persona answers parse");
        let end = evaluate(&bank, &full, Mode::Full);
        // The session: questions in bank order, each asked one answered
        // (or skipped) in turn.
        let mut sheet = AnswerSheet::new(&bank);
        let (mut given, mut asked) = (0usize, 0usize);
        let mut first: Option<(usize, usize)> = None;
        for q in 0..bank.questions.len() {
            if !evaluate(&bank, &sheet, Mode::Full).asked[q] {
                continue;
            }
            asked += 1;
            sheet.set(q, full.slot(q).clone());
            if full.get(q).is_some() {
                given += 1;
            }
            match settle(&bank, &sheet, Mode::Full, q + 1) {
                Settlement::Settled(b) => {
                    assert_eq!(
                        end.band,
                        Some(b),
                        "{name}: settled on {} after {given} answers, but ends {:?}",
                        bank.bands[b].verdict,
                        end.band.map(|b| &bank.bands[b].verdict)
                    );
                    first.get_or_insert((given, asked));
                }
                other => assert!(
                    first.is_none(),
                    "{name}: settled after {:?} answers, then not ({other:?}) after {given}",
                    first
                ),
            }
        }
        let verdict = end.band.map_or("none", |b| bank.bands[b].verdict.as_str());
        match first {
            Some((g, a)) => {
                settled_somewhere += 1;
                eprintln!(
                    "{name:<38} {:>10} {:>8} {:>7}  {verdict}",
                    format!("{a} of {asked}"),
                    g,
                    given
                );
            }
            None => eprintln!(
                "{name:<38} {:>10} {:>8} {:>7}  {verdict}",
                "never", "-", given
            ),
        }
    }
    // The bank's verdicts are not all on a knife's edge: some persona's
    // verdict settles before its last answer.
    assert!(settled_somewhere > 0);
}
