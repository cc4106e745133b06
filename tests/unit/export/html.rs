use super::*;
use crate::export::document::{Section, left, right, text};

/// A table of a name and `numbers` numbers a row.
fn numbers_table(rows: usize, numbers: usize) -> Block {
    let mut columns = vec![left("Part")];
    columns.extend((0..numbers).map(|i| right(&format!("c{i}"))));
    Block::Table(Table {
        columns,
        rows: (0..rows)
            .map(|r| {
                let mut row = vec![text(format!("row {r}"))];
                row.extend((0..numbers).map(|i| text(format!("{}", r * i))));
                row
            })
            .collect(),
        stack: false,
    })
}

fn page_of(blocks: Vec<Block>) -> String {
    draw(&Document {
        title: "t".into(),
        lead: Vec::new(),
        sections: vec![Section::new("s", "S", blocks)],
        footer: Vec::new(),
    })
}

/// The print rules of the page (`@media print { … }`, nested braces and all).
fn print_css() -> &'static str {
    let start = CSS.find("@media print").expect("print styles");
    &CSS[start..]
}

/// A subheading stays with a short table on paper (the pair moves whole),
/// but a long table is not kept whole with it: moved whole, it left most
/// of a page blank and then split anyway (a 140-result summary's flags).
#[test]
fn a_long_table_starts_under_its_heading_and_breaks_between_rows_on_paper() {
    let page = page_of(vec![
        Block::Subheading("Short".into()),
        numbers_table(KEEP_WHOLE, 2),
        Block::Subheading("Long".into()),
        numbers_table(KEEP_WHOLE + 1, 2),
    ]);
    assert!(
        page.contains("<div class=\"group\"><h3>Short</h3>"),
        "{page}"
    );
    assert!(
        !page.contains("<div class=\"group\"><h3>Long</h3>"),
        "{page}"
    );
    assert!(
        page.contains("<h3>Long</h3><div class=\"table-wrap\">"),
        "{page}"
    );
    let print = print_css();
    assert!(print.contains("h3 { break-after: avoid;"), "{print}");
    assert!(print.contains(".group { break-inside: avoid;"), "{print}");
    for kept in print
        .split('}')
        .filter(|r| r.contains("break-inside: avoid"))
    {
        let selectors = kept.split('{').next().unwrap_or("");
        for whole in ["table", ".table-wrap", "section", "ul", "ol"] {
            assert!(
                !selectors.split(',').any(|s| s.trim() == whole),
                "{whole} is kept whole on paper: {kept}"
            );
        }
    }
}

/// A list item with reasons under it may break between them on paper
/// (the interview kit's items are a third of a page each: kept whole, each
/// left a gap), but its title stays with its first reason.
#[test]
fn a_long_list_item_may_break_on_paper_but_keeps_its_title_with_a_reason() {
    let print = print_css();
    assert!(
        print.contains("li:has(> div > .because) { break-inside: auto;"),
        "{print}"
    );
    assert!(print.contains(".because { break-before: avoid;"), "{print}");
}

/// On a phone, a table of a name and three or more numbers is still a
/// table: the name on a line of its own, the numbers on a line under the
/// column titles (a card of "n: / mean: / median: …" lines made a
/// summary twenty screens long). A table of words still stacks.
#[test]
fn number_tables_keep_their_columns_on_a_phone() {
    let page = page_of(vec![numbers_table(3, 4), numbers_table(3, 2)]);
    assert_eq!(
        page.matches("<table class=\" numbers\" style=\"--cols:4\">")
            .count(),
        1,
        "{page}"
    );
    assert_eq!(page.matches("<table>").count(), 1, "{page}");
    let phone = &CSS[CSS.find("@media (max-width: 30rem)").unwrap()..CSS.find("@page").unwrap()];
    assert!(
        phone.contains(
            "table.numbers tr { display: grid; grid-template-columns: repeat(var(--cols), 1fr);"
        ),
        "{phone}"
    );
    assert!(
        phone.contains("table.numbers tbody th { grid-column: 1 / -1;"),
        "{phone}"
    );
}

/// Printed, a note or a muted cell is not larger than the text around it:
/// sizes in `rem` follow the printed body size, and a muted word in a
/// table takes the table's.
#[test]
fn printed_notes_are_not_larger_than_the_text() {
    let print = print_css();
    assert!(print.contains("  html { font-size: 10.5pt; }"), "{print}");
    assert!(!print.contains("body { font-size"), "{print}");
    assert!(
        print.contains("td .note { font-size: inherit; }"),
        "{print}"
    );
}

/// A page of five sections or more lists them at its top as links (a
/// summary by region, the interview kit, a report: many phone screens);
/// a shorter one does not, and paper never shows them.
#[test]
fn a_long_page_lists_its_sections_at_the_top() {
    let page = |n: usize| {
        draw(&Document {
            title: "t".into(),
            lead: Vec::new(),
            sections: (0..n)
                .map(|i| Section::new(format!("s{i}"), format!("Part <{i}>"), Vec::new()))
                .collect(),
            footer: Vec::new(),
        })
    };
    let long = page(CONTENTS_FROM);
    assert!(
        long.contains("<nav class=\"contents\" aria-label=\"On this page\">"),
        "{long}"
    );
    for i in 0..CONTENTS_FROM {
        assert!(
            long.contains(&format!("<a href=\"#s{i}\">Part &lt;{i}&gt;</a>")),
            "{long}"
        );
    }
    assert!(!page(CONTENTS_FROM - 1).contains("<nav"));
    assert!(print_css().contains(".contents { display: none; }"));
}
