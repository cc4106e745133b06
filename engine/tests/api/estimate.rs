use mommytrack_engine::bank::{self, BankSource};
use mommytrack_engine::estimate::{duration, minutes};
use mommytrack_engine::scoring::Mode;

#[test]
fn the_mini_bank_takes_minutes_by_kind() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
    let (bank, _) = bank::load(&BankSource::Dir(dir)).unwrap();
    // 5 picks (65 s), a multi (25 s) and a note (45 s): 135 s.
    assert_eq!(minutes(&bank, Mode::Full), 3);
    assert_eq!(duration(&bank, Mode::Quick), "about a minute");
}
