use super::*;
use crate::answers::{Answer, Slot};
use crate::bank::{self, BankSource};

#[test]
fn utc_stamps() {
    assert_eq!(utc_stamp(0), "1970-01-01-000000");
    // 2026-11-22 21:35:06 UTC
    assert_eq!(utc_stamp(1_795_383_306), "2026-11-22-213506");
    assert_eq!(utc_stamp(951_782_400), "2000-02-29-000000");
}

#[test]
fn a_draft_round_trips_and_names_its_bank() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let (bank, _) = bank::load(&BankSource::Dir(dir.clone())).unwrap();
    let mut sheet = AnswerSheet::new(&bank);
    sheet.set(0, Slot::Given(Answer::YesNo(true)));
    sheet.set(1, Slot::Skipped);
    let draft = Draft::new(&bank, Some(&dir), Mode::Quick, &sheet);
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), DRAFT_FILE, &draft.to_json()).unwrap();
    let back = Draft::read(&path).unwrap().unwrap();
    assert_eq!(back, draft);
    assert_eq!(back.mode, Mode::Quick);
    assert_eq!(back.count(), 2);
    let (fitting, misfits) = back.fitting(&bank);
    assert_eq!((fitting, misfits), (sheet, Vec::new()));
    assert!(back.bank.dir.unwrap().is_absolute());
    assert_eq!(
        Draft::read(&tmp.path().join("nope.json")).unwrap(),
        None::<Draft>
    );
}
