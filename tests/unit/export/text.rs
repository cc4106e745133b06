use super::*;

#[test]
fn wrap_keeps_words_whole_and_indents() {
    let w = wrap("one two three four five six seven", 28, "  ");
    assert!(
        w.lines()
            .all(|l| l.starts_with("  ") && l.chars().count() <= 28),
        "{w}"
    );
    assert_eq!(w.split_whitespace().count(), 7);
}

#[test]
fn bars_and_scores() {
    assert_eq!(bar(63.4), "██████░░░░");
    assert_eq!(bar(100.0), "██████████");
    assert_eq!(super::super::format_score(70.0), "70.0");
    assert_eq!(super::super::format_score(63.4), "63.4");
    assert_eq!(super::super::format_score(-0.0), "0.0");
}

/// Every table of every persona's report, drawn at 40 to 110 columns:
/// each word of a cell (and each bar) whole on its line, whether the
/// table is drawn as a table or, too narrow for one, as a list.
#[test]
fn tables_keep_their_words_whole_at_every_width() {
    use crate::bank::{BankSource, load};
    let bank = load(&BankSource::BuiltIn).expect("the built-in bank").0;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/personas");
    let trim = |w: &str| w.trim_end_matches([',', ':', ';']).to_string();
    let mut tables = 0;
    let mut lists = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".answers.yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(sheet) = crate::answers::parse(&bank, &text, &path) else {
            continue;
        };
        let r = crate::result::assess(&bank, &sheet, crate::scoring::Mode::Full).0;
        let doc = super::super::report::report(&r, Audience::Terminal);
        let blocks = doc
            .lead
            .iter()
            .chain(doc.sections.iter().flat_map(|s| &s.blocks));
        for block in blocks {
            let Block::Table(t) = block else { continue };
            let mut words: Vec<String> =
                t.columns.iter().map(|c| terminal_safe(&c.title)).collect();
            words.extend(t.rows.iter().flatten().map(cell_text));
            let words: std::collections::HashSet<String> = words
                .iter()
                .flat_map(|s| s.split_whitespace().map(trim).collect::<Vec<_>>())
                .collect();
            for width in 40..=110 {
                let out = draw_block(block, width, &Styles::new(false), false);
                if out.contains('│') {
                    tables += 1;
                } else {
                    lists += 1;
                }
                let box_drawing = |c: char| "│┆╞═╪╡┌─┬┐└┴┘├┼┤".contains(c);
                for token in out.split(|c: char| c.is_whitespace() || box_drawing(c)) {
                    let token = trim(token);
                    assert!(
                        token.is_empty() || words.contains(&token),
                        "{}, {width} columns: {token:?} is a word broken:\n{out}",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(tables > 0 && lists > 0, "{tables} tables, {lists} lists");
}
