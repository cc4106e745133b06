use mommytrack_engine::internals::summarize::*;

#[test]
fn siphash_matches_the_reference_vector() {
    // The SipHash paper's test vector: key 00 01 … 0f, message 00 01 … 0e.
    let key = [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908];
    let msg: Vec<u8> = (0..15).collect();
    assert_eq!(siphash(key, &msg), 0xa129_ca61_49be_45e5);
    assert_ne!(siphash([1, 0], &msg), siphash(key, &msg));
}

#[test]
fn counts_move_by_at_most_two_and_evenly() {
    let mut seen = [0usize; 5];
    for key in 0..5000u64 {
        let c = count(30, mix(key), [1, 2]);
        assert!((28..=32).contains(&c), "{c}");
        seen[c - 28] += 1;
        // None may come out as 1 or 2: never a count to trust.
        assert!(count(0, key, [1, 2]) <= 2);
    }
    assert!(seen.iter().all(|&s| (850..1150).contains(&s)), "{seen:?}");
}

#[test]
fn draws_are_the_record_s_own_and_uniform() {
    let d = Draws::new(mix(7), None, [1, 2]);
    assert_eq!(d.unit(3), d.unit(3));
    assert_ne!(d.unit(3), d.unit(4));
    let u: Vec<f64> = (0..4000u64)
        .map(|k| Draws::new(mix(k), None, [1, 2]).unit(0))
        .collect();
    assert!(u.iter().all(|x| (-1.0..1.0).contains(x)));
    let m = u.iter().sum::<f64>() / u.len() as f64;
    assert!(m.abs() < 0.05, "{m}");
}

#[test]
fn randomised_response_keeps_and_moves_as_said() {
    // Three values, kept two times in three, else each other as often.
    let mut seen = [0usize; 3];
    for k in 0..9000u64 {
        seen[Draws::new(mix(k), None, [1, 2]).respond(1, 1, 3, 2.0 / 3.0)] += 1;
    }
    assert!((5700..6300).contains(&seen[1]), "{seen:?}");
    assert!(
        (1300..1700).contains(&seen[0]) && (1300..1700).contains(&seen[2]),
        "{seen:?}"
    );
    // The estimate undoes it: 6000 kept of 9000 true, 1500 moved in.
    assert_eq!(unrandomise(1500 + 1500, 9000, 3, 2.0 / 3.0), 3000);
    assert_eq!(unrandomise(0, 10, 2, 0.8), 0);
    assert_eq!(unrandomise(10, 10, 2, 0.8), 10);
}

#[test]
fn a_respondents_results_share_their_persons_draws_three_times_in_four() {
    let person = Draws::new(mix(1), None, [1, 2]);
    let (mut shared, mut low) = (0, 0);
    for k in 0..4000u64 {
        let d = Draws::new(mix(k + 10), Some(mix(1)), [1, 2]);
        assert_eq!(d.unit(0), person.unit(0), "the shift is the person's");
        assert!(d.fresh().abs() <= FRESH && d.fresh() != 0.0);
        shared += usize::from(d.chance(5) == person.chance(5));
        low += usize::from(d.chance(k) < 0.2);
    }
    assert!((2800..3200).contains(&shared), "{shared}");
    // Still uniform: a flag is flipped one time in five.
    assert!((700..900).contains(&low), "{low}");
    // Without a respondent, nothing of its own on top.
    assert_eq!(person.fresh(), 0.0);
}
