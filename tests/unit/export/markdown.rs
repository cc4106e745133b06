use super::*;

#[test]
fn inline_escapes_for_markdown_not_html() {
    assert_eq!(
        inline("<script>alert(1)</script>"),
        "\\<script>alert(1)\\</script>"
    );
    assert_eq!(inline("a | b"), "a \\| b");
    assert_eq!(inline("\u{1b}[31mred"), "red");
    assert_eq!(inline("# not a heading"), "\\# not a heading");
    assert_eq!(inline("- not a list"), "\\- not a list");
    assert_eq!(inline("> not a quote"), "\\> not a quote");
    assert_eq!(inline("1. not a list"), "1\\. not a list");
    assert_eq!(inline("0.5 stays"), "0.5 stays");
    assert_eq!(
        inline("late-night `code` *em*"),
        "late-night \\`code\\` \\*em\\*"
    );
    // Plain text stays plain: no entities.
    assert_eq!(inline("R&D\nline two"), "R&D line two");
    assert_eq!(inline("3 < 4 & 5 > 2"), "3 < 4 & 5 > 2");
    assert_eq!(inline("&amp; stays"), "\\&amp; stays");
    assert_eq!(inline("[link](x)"), "\\[link\\](x)");
}

#[test]
fn bare_urls_become_code_not_links() {
    assert_eq!(
        inline("see https://example.com/a_b."),
        "see `https://example.com/a_b`."
    );
    assert_eq!(inline("(www.example.com)"), "(`www.example.com`)");
    assert_eq!(inline("a|b http://x/|y"), "a\\|b `http://x/\\|y`");
}

/// The text a GFM parser finds in a one-row table whose only cell is
/// `cell`, and whether it found raw HTML or a link.
fn parse_cell(cell: &str) -> (Vec<String>, bool) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let doc = format!("| h |\n| :-- |\n| {cell} |\n");
    let mut cells = Vec::new();
    let mut bad = false;
    for e in Parser::new_ext(&doc, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Start(Tag::TableCell) => cells.push(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cells.last_mut() {
                    c.push_str(&t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Link { .. }) => bad = true,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => bad = true,
            _ => {}
        }
    }
    (cells, bad)
}

proptest::proptest! {
    /// Whatever an answer says, it shows as itself in one table cell:
    /// no tag, link, emphasis or extra cell, and no entity to read.
    #[test]
    fn any_text_shows_as_itself(s in "[ a-zA-Z0-9<>&|*_`~#!\\[\\]()\\\\:/.;=+-]{0,40}") {
        let cell = inline(&s);
        let (cells, bad) = parse_cell(&cell);
        proptest::prop_assert!(!bad, "{s:?} -> {cell:?}");
        proptest::prop_assert_eq!(cells.len(), 2, "{:?} -> {:?}", s, cell);
        // The parser collapses nothing inside a line; only the ends are trimmed.
        proptest::prop_assert_eq!(cells[1].trim(), s.trim(), "{:?} -> {:?}", s, cell);
    }
}

#[test]
fn bold_keeps_the_space_after_it_outside_the_markers() {
    use crate::export::document::{plain, strong};
    let line = vec![strong("2025-07-15: "), plain("A score of 62.2")];
    assert_eq!(spans(&line, false), "**2025-07-15:** A score of 62.2");
    let line = vec![plain("Now "), strong(" Mixed track"), plain(".")];
    assert_eq!(spans(&line, false), "Now  **Mixed track**.");
}
