use super::*;

#[test]
fn lines_fit_the_width_and_mark_the_cursor_without_colour() {
    let look = Look::new(false);
    let item =
        Item::new("Realistically, how would your manager react to a request for part-time work");
    let out = item_lines(&look, &item, true, Some(false), 30);
    assert!(out[0].starts_with("❯ [ ] Realistically,"), "{out:?}");
    assert!(out.iter().all(|l| width_of(l) <= 30), "{out:?}");
    assert!(out[1].starts_with("      "), "{out:?}");
    let out = item_lines(&look, &item, false, None, 30);
    assert!(out[0].starts_with("  Realistically,"), "{out:?}");
}

#[test]
fn a_numbered_label_wraps_under_its_text() {
    let look = Look::new(false);
    let label = "Another way, such as a step-parent or a grandparent raising a child";
    let item = Item::numbered("4. ", label, Some(4));
    let out = item_lines(&look, &item, false, None, 40);
    assert!(out[0].starts_with("  4. Another way"), "{out:?}");
    assert!(
        out.len() > 1 && out[1..].iter().all(|l| l.starts_with("     ")),
        "{out:?}"
    );
    assert!(!out[1].starts_with("      "), "{out:?}");
    let item = Item::numbered("10. ", label, Some(10));
    let out = item_lines(&look, &item, false, None, 40);
    assert!(
        out[1].starts_with("      ") && !out[1].starts_with("       "),
        "{out:?}"
    );
}

#[test]
fn the_window_keeps_the_cursor_in_view_and_counts_what_is_out_of_it() {
    let look = Look::new(false);
    let blocks: Vec<Vec<String>> = (1..=13).map(|i| vec![format!("item {i}")]).collect();
    let mut top = 0;
    let v = window(&blocks, 0, &mut top, 6, &look);
    assert_eq!(v.len(), 6, "{v:?}");
    assert_eq!(v[0], "item 1");
    assert_eq!(v[5], "  ↓ 8 more");
    let v = window(&blocks, 12, &mut top, 6, &look);
    assert_eq!(v.len(), 6, "{v:?}");
    assert_eq!(v[0], "  ↑ 8 more");
    assert_eq!(v[5], "item 13");
    // Up one: the window does not move.
    let v = window(&blocks, 11, &mut top, 6, &look);
    assert_eq!(v[5], "item 13");
    for cursor in 0..13 {
        for height in 1..15 {
            let mut top = 0;
            let v = window(&blocks, cursor, &mut top, height, &look);
            assert!(v.len() <= height.max(1), "{cursor} {height}: {v:?}");
            let mark = format!("item {}", cursor + 1);
            assert!(v.contains(&mark), "{cursor} {height}: {v:?}");
        }
    }
}

#[test]
fn a_cursor_item_taller_than_the_window_is_cut_with_a_mark() {
    let look = Look::new(false);
    let tall: Vec<String> = (0..6).map(|i| format!("line {i}")).collect();
    let blocks = vec![vec!["a".to_string()], tall, vec!["c".to_string()]];
    let mut top = 0;
    let out = window(&blocks, 1, &mut top, 5, &look);
    assert_eq!(out.len(), 5, "{out:?}");
    assert_eq!(out[3], "line 2…", "{out:?}");
}
