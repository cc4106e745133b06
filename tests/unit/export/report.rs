use super::*;

/// A result with no score says so once: no "provisional" verdict or
/// score before "No verdict".
#[test]
fn no_score_is_never_called_provisional() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let (bank, _) = crate::bank::load(&crate::bank::BankSource::Dir(dir)).unwrap();
    let mut sheet = crate::answers::AnswerSheet::new(&bank);
    sheet.set(
        bank.question_position("boss_understands").unwrap(),
        crate::answers::Slot::Given(crate::answers::Answer::Scale(4)),
    );
    let (mut r, _) = crate::result::assess(&bank, &sheet, crate::scoring::Mode::Full);
    assert!(r.coverage.is_low(), "{:?}", r.coverage);
    assert!(provisional_warning(&r).unwrap().contains("provisional"));
    r.overall.score = None;
    r.overall.verdict = None;
    let w = provisional_warning(&r);
    assert!(
        w.as_ref().is_none_or(|w| !w.contains("provisional")),
        "{w:?}"
    );
    r.overall.withheld = Some(Default::default());
    let w = provisional_warning(&r).unwrap_or_default();
    assert!(!w.contains("provisional"), "{w}");
}
