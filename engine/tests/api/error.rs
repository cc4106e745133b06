use mommytrack_engine::error::{Problem, closest};

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
