use mommytrack_engine::summarize::protect::{
    Classes, class_counts, merge_adjacent, merge_free, rows_shown, sensitive,
};

#[test]
fn the_issue_s_two_small_groups_are_not_enough() {
    // uk 6 shown; canada 1 and australia_nz 1 hidden: together 2 < 5,
    // so uk is hidden too.
    let shown = rows_shown(&[8], &[vec![6], vec![1], vec![1]], &[true; 3], 5);
    assert_eq!(shown, [false, false, false]);
    // With a big enough shown group, the smallest shown one goes.
    let shown = rows_shown(&[18], &[vec![6], vec![10], vec![1], vec![1]], &[true; 4], 5);
    assert_eq!(shown, [false, true, false, false]);
}

#[test]
fn a_small_class_of_a_shown_group_hides_its_row() {
    // uk: 5 answered, 1 not; canada: 5 and 0; australia_nz: 0 and 4.
    let rows = [vec![5, 1], vec![5, 0], vec![0, 4]];
    let shown = rows_shown(&[10, 5], &rows, &[true; 3], 5);
    assert_eq!(shown, [false, true, false]);
    // With uk's one person in the other class, canada's row would make
    // the remainder uk's row exactly: 5 and 1. Classes stop that (the
    // whole set's 1 is merged away), and the rows follow the classes.
    let whole = [10, 1];
    let classes = merge_free(&whole, 5);
    assert_eq!(classes, vec![vec![0, 1]]);
}

#[test]
fn verdicts_merge_small_ones() {
    assert_eq!(
        merge_free(&[30, 1, 6, 0], 5),
        vec![vec![0], vec![1, 2], vec![3]]
    );
    assert_eq!(merge_free(&[30, 5, 6], 5), vec![vec![0], vec![1], vec![2]]);
    assert_eq!(merge_free(&[3, 1], 5), vec![vec![0, 1]]);
    assert_eq!(merge_free(&[2, 3, 9], 5), vec![vec![0, 1], vec![2]]);
}

#[test]
fn bins_merge_with_the_smaller_neighbour() {
    let w = vec![0, 0, 1, 5, 6, 0, 0, 0, 0, 4];
    let start: Classes = (0..10).map(|j| vec![j]).collect();
    let c = merge_adjacent(std::slice::from_ref(&w), start, 5);
    for k in class_counts(&w, &c) {
        assert!(!sensitive(k, 5), "{c:?}");
    }
}

#[test]
fn everything_hidden_is_always_a_way_out() {
    // Whatever the rows, the result obeys the margin rule.
    for a in 0..8 {
        for b in 0..8 {
            for c in 0..8 {
                let rows = vec![vec![a], vec![b], vec![c]];
                let whole = [a + b + c];
                if sensitive(whole[0], 5) {
                    continue;
                }
                let shown = rows_shown(&whole, &rows, &[true; 3], 5);
                let rem: usize = (0..3).filter(|&i| !shown[i]).map(|i| rows[i][0]).sum();
                assert!(!sensitive(rem, 5), "{a} {b} {c} {shown:?}");
                for i in 0..3 {
                    assert!(!shown[i] || !sensitive(rows[i][0], 5));
                }
            }
        }
    }
}
