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
