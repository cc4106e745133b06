use mommytrack_engine::summarize::protect::rows_shown;

#[test]
fn the_issue_s_two_small_groups_are_not_enough() {
    // uk 6 shown; canada 1 and australia_nz 1 hidden: together 2 < 5,
    // so uk is hidden too.
    assert_eq!(rows_shown(8, &[6, 1, 1], 5), [false, false, false]);
    // With a big enough shown group, the smallest shown one goes.
    assert_eq!(
        rows_shown(18, &[6, 10, 1, 1], 5),
        [false, true, false, false]
    );
}

#[test]
fn everything_hidden_is_always_a_way_out() {
    // Whatever the counts, what the hidden groups hold together is none
    // or at least the minimum, and no shown group is under it.
    for a in 0..8 {
        for b in 0..8 {
            for c in 0..8 {
                let rows = [a, b, c];
                let whole = a + b + c;
                if whole < 5 {
                    continue;
                }
                let shown = rows_shown(whole, &rows, 5);
                let rest: usize = (0..3).filter(|&i| !shown[i]).map(|i| rows[i]).sum();
                assert!(rest == 0 || rest >= 5, "{a} {b} {c} {shown:?}");
                assert!((0..3).all(|i| !shown[i] || rows[i] >= 5));
            }
        }
    }
}
