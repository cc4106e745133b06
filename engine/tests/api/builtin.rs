//! The built-in bank compiled into the engine is the `questions/` folder of
//! this checkout, byte for byte: a target folder shared by two checkouts once
//! embedded the other checkout's (older) bank.

use mommytrack_engine::bank::BankSource;

#[test]
fn the_built_in_bank_is_this_checkouts_questions_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the questions folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("a YAML file"))
        })
        .collect();
    on_disk.sort();
    let built_in: Vec<(String, String)> = BankSource::BuiltIn
        .files()
        .expect("the built-in bank's files")
        .into_iter()
        .map(|f| (f.file_name, f.text))
        .collect();
    assert!(
        on_disk.len() > 5,
        "the questions folder has the bank's files"
    );
    assert_eq!(
        built_in.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        on_disk.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for ((name, embedded), (_, disk)) in built_in.iter().zip(&on_disk) {
        assert!(
            embedded == disk,
            "questions/{name}: the built-in copy differs from the file"
        );
    }
}

/// A summary reads up to 10,000 results and scores each again: the
/// built-in bank's results must all fit the work a run may spend, with
/// room for a bank a few times larger.
#[test]
fn ten_thousand_results_of_the_built_in_bank_may_be_scored_again() {
    let (bank, _) = mommytrack_engine::bank::load(&BankSource::BuiltIn).expect("loads");
    let work = bank.scoring_work();
    // Half as much again as it needs now, for the bank to grow.
    let needs = work * 10_000 * 2;
    assert!(
        needs + needs / 2 <= mommytrack_engine::scoring::MAX_RESCORING_WORK,
        "{work}"
    );
    assert!(mommytrack_engine::scoring::rescoring_allowed(&bank, 10_000, 2).is_ok());
    // The check can fail: a thousand times the work does not fit.
    assert!(mommytrack_engine::scoring::rescoring_allowed(&bank, 10_000, 2_000).is_err());
}

proptest::proptest! {
    /// A tick list's ticks find their options in one pass when in bank
    /// order and through a map otherwise: the same options as looking each
    /// id up, in any order, with ids that are no option.
    #[test]
    fn ticks_find_the_options_each_id_names(
        picks in proptest::collection::vec(0usize..40, 0..30),
        sorted in proptest::bool::ANY,
    ) {
        use mommytrack_engine::bank::Kind;
        static BANK: std::sync::LazyLock<mommytrack_engine::bank::Bank> = std::sync::LazyLock::new(|| {
            mommytrack_engine::bank::load(&BankSource::BuiltIn).expect("loads").0
        });
        let q = (BANK.questions.iter())
            .filter(|q| matches!(q.kind, Kind::Multi(_)))
            .max_by_key(|q| q.kind.options().len())
            .expect("a tick list");
        let opts = q.kind.options();
        let mut picks = picks;
        if sorted {
            picks.sort_unstable();
        }
        let ticks: Vec<String> = (picks.into_iter())
            .map(|i| opts.get(i).map_or_else(|| format!("nope{i}"), |o| o.id.clone()))
            .collect();
        let found: Vec<Option<&str>> = (q.ticked(&ticks).into_iter())
            .map(|(_, o)| o.map(|o| o.id.as_str()))
            .collect();
        let each: Vec<Option<&str>> = ticks.iter().map(|t| q.option(t).map(|o| o.id.as_str())).collect();
        proptest::prop_assert_eq!(found, each);
    }
}
