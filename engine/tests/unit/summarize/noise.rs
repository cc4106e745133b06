use super::*;

#[test]
fn counts_keep_zero_and_the_minimum_and_move_at_most_two() {
    for key in 0..200u64 {
        assert_eq!(count(0, key, 5), 0);
        assert_eq!(count(5, key * 7919, 5).clamp(5, 7), count(5, key * 7919, 5));
        let c = count(30, mix(key), 5);
        assert!((28..=32).contains(&c), "{c}");
        // --min-group only raises what would fall under it: another run
        // at another minimum draws nothing new.
        let (low, high) = (count(6, key, 3), count(6, key, 5));
        assert_eq!(high, low.max(5), "{key}");
    }
    // Zero on average far from the minimum: each value equally often.
    let mut seen = [0usize; 5];
    for key in 0..5000u64 {
        seen[count(30, mix(key), 5) - 28] += 1;
    }
    assert!(seen.iter().all(|&s| (850..1150).contains(&s)), "{seen:?}");
}

#[test]
fn one_person_more_gives_unrelated_noise() {
    // The same set, the same figure; one more member, another draw.
    let keys: Vec<u64> = (0..25u64).map(|i| mix(i + 1)).collect();
    let a = cell(keys.iter().copied());
    let b = cell(keys.iter().copied().chain([mix(99)]));
    assert_eq!(unit(a, "overall"), unit(a, "overall"));
    assert_ne!(unit(a, "overall"), unit(b, "overall"));
    assert_ne!(unit(a, "overall"), unit(a, "boss"));
    let u: Vec<f64> = (0..2000u64).map(|k| unit(mix(k), "x")).collect();
    assert!(u.iter().all(|x| (-1.0..=1.0).contains(x)));
    let m = u.iter().sum::<f64>() / u.len() as f64;
    assert!(m.abs() < 0.05, "{m}");
}
