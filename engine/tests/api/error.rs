use mommytrack_engine::error::{Problem, closest, similarity};
use proptest::prelude::*;

#[test]
fn closest_finds_typos_and_ignores_strangers() {
    let ids = ["boss_early_leave", "boss_understands", "notes"];
    assert_eq!(
        closest("boss_erly_leave", ids.iter().copied()),
        Some("boss_early_leave")
    );
    assert_eq!(closest("zzz", ids.iter().copied()), None);
}

#[test]
fn long_names_get_no_suggestion_whatever_they_resemble() {
    let long = "boss_early_leave".repeat(10);
    assert_eq!(closest(&long, [long.as_str(), "boss_early_leave"]), None);
    let ids = ["boss_early_leave", "notes"];
    assert_eq!(closest("boss_early_leav", ids), Some("boss_early_leave"));
}

proptest! {
    /// The linear-time similarity is Jaro-Winkler as strsim computes it,
    /// letters in either case; names drawn from few letters, so that
    /// matches, repeats and swaps are common.
    #[test]
    fn similarity_is_jaro_winkler(a in "[abcAB_1]{0,64}", b in "[abcAB_1]{0,64}") {
        let want = strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase());
        prop_assert!((similarity(&a, &b) - want).abs() < 1e-12, "{} vs {}", similarity(&a, &b), want);
    }
}

#[test]
fn similarity_of_near_and_far_ids() {
    let pairs = [
        ("boss_erly_leave", "boss_early_leave"),
        ("MARTHA", "marhta"),
        ("", ""),
        ("a", ""),
        ("abc", "xyz"),
    ];
    for (a, b) in pairs {
        assert!(
            (similarity(a, b) - strsim::jaro_winkler(&a.to_lowercase(), b)).abs() < 1e-12,
            "{a} {b}"
        );
    }
    assert_eq!(similarity(&"x".repeat(64), &"x".repeat(64)), 1.0);
}

#[test]
fn problem_display_names_file_position_id_and_fix() {
    let p = Problem::new("q/boss.yaml", "unknown kind `choise`")
        .at(Some((12, 5)))
        .id("boss_x")
        .hint("did you mean `choice`?");
    assert_eq!(
        p.to_string(),
        "q/boss.yaml:12:5: [boss_x] unknown kind `choise`; did you mean `choice`?"
    );
}
