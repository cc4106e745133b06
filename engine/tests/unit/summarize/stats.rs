use mommytrack_engine::internals::summarize::*;

#[test]
fn quantiles_interpolate_like_numpy() {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]
    let v = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&v, 0.25), Some(1.75));
    assert_eq!(quantile(&v, 0.5), Some(2.5));
    assert_eq!(quantile(&v, 0.75), Some(3.25));
    assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn alpha_of_a_textbook_case() {
    // Three items, four people; by hand with population variances:
    // items var 1.25 each (Σ 3.75); totals 3, 6, 9, 12 var 11.25;
    // alpha = 3/2 · (1 − 3.75/11.25) = 1.
    let rows: Vec<Vec<f64>> = [1.0, 2.0, 3.0, 4.0]
        .iter()
        .map(|&x| vec![x, x, x])
        .collect();
    fn refs(rows: &[Vec<f64>]) -> Vec<&Vec<f64>> {
        rows.iter().collect()
    }
    assert_eq!(cronbach_alpha(&refs(&rows), 0.0, 0.0), Some(1.0));
    // Uncorrelated items: alpha 0 or below.
    let rows = vec![
        vec![1.0, 0.0, 1.0],
        vec![0.0, 1.0, 1.0],
        vec![1.0, 1.0, 0.0],
        vec![0.0, 0.0, 0.0],
    ];
    assert!(cronbach_alpha(&refs(&rows), 0.0, 0.0).is_some_and(|x| x <= 0.0));
    // No variance in the total: undefined.
    let flat = [vec![1.0, 0.0, 0.5], vec![0.0, 1.0, 0.5]];
    assert_eq!(cronbach_alpha(&refs(&flat), 0.0, 0.0), None);
}

#[test]
fn alpha_takes_out_the_variance_noise_added() {
    // The textbook case with a shift shared by a row's items (+a, −a in
    // turn: variance a²) and each item's own (±b in a pattern that adds
    // b² to each item's variance and k·b² to the total's): the noise's
    // variance taken out, alpha is the textbook's again.
    let (a, b) = (0.5, 0.25);
    let rows: Vec<Vec<f64>> = (0..8)
        .map(|i| {
            let x = f64::from(1 + i / 2);
            let shared = if i % 2 == 0 { a } else { -a };
            let own = [b, -b, b, -b];
            let own = [
                own[(i as usize) % 4],
                -own[(i as usize) % 4],
                own[(i as usize + 1) % 4],
            ];
            (0..3).map(|j| x + shared + own[j]).collect()
        })
        .collect();
    let refs: Vec<&Vec<f64>> = rows.iter().collect();
    let raw = cronbach_alpha(&refs, 0.0, 0.0).unwrap();
    let taken_out = cronbach_alpha(&refs, a * a, b * b).unwrap();
    assert!(
        raw > 0.9 && (taken_out - 1.0).abs() < 0.2,
        "{raw} {taken_out}"
    );
}

#[test]
fn the_variance_is_stable_far_from_zero() {
    // Σx²/n − mean² loses every digit here; two passes keep them.
    let v: Vec<f64> = (0..1000).map(|i| 1e9 + f64::from(i % 2)).collect();
    assert!((variance(&v).unwrap() - 0.25).abs() < 1e-9);
}
