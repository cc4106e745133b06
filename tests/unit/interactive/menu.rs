use super::*;
use crate::wrap::width_of;

fn items() -> Vec<Item> {
    let mut v = vec![
        Item::numbered("1. ", "Travel", Some(1)),
        Item::numbered("2. ", "Visible projects", Some(2)),
        Item::new("Prefer not to say"),
    ];
    v[2].exclusive = true;
    v
}

#[test]
fn ticking_the_exclusive_item_clears_the_others_and_says_so() {
    let items = items();
    let mut ticks = vec![true, true, false];
    let note = toggle_tick(&items, &mut ticks, 2);
    assert_eq!(ticks, [false, false, true]);
    assert_eq!(
        note.as_deref(),
        Some("\"Prefer not to say\" replaces the other ticks.")
    );
    let note = toggle_tick(&items, &mut ticks, 0);
    assert_eq!(ticks, [true, false, false]);
    assert_eq!(note.as_deref(), Some("\"Prefer not to say\" is unticked."));
    assert_eq!(toggle_tick(&items, &mut ticks, 1), None);
    assert_eq!(ticks, [true, true, false]);
    assert_eq!(toggle_tick(&items, &mut ticks, 1), None);
    assert_eq!(ticks, [true, false, false]);
}

#[test]
fn the_end_screens_scroll_mark_fits_forty_columns_whatever_the_counts() {
    let look = Look::new(false);
    let body: Vec<String> = (0..250).map(|i| format!("line {i}")).collect();
    for offset in [0, 10, 99, 120, 240] {
        let (mut at, mut page) = (offset, 1);
        let (out, end) = scrolled(&look, body.clone(), 3, &mut at, &mut page);
        let mark = out.last().unwrap();
        assert!(width_of(mark) <= 39, "{mark:?}");
        assert_eq!(out.len(), 3, "{out:?}");
        // The last offset: two lines shown of 250, so 248 (PgDn stops there).
        assert_eq!(end, 248);
    }
}
