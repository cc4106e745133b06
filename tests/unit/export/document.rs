use super::*;

fn bands(ids: &[&str]) -> Vec<BandInfo> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| BandInfo {
            verdict: (*id).into(),
            label: (*id).into(),
            min: 100.0 - 30.0 * (i as f64 + 1.0),
        })
        .collect()
}

#[test]
fn tone_comes_from_the_band_position_not_its_id() {
    let b = bands(&["thriving", "coping", "strained", "at_risk"]);
    assert_eq!(Tone::of_verdict(&b, Some("thriving")), Tone::Good);
    assert_eq!(Tone::of_verdict(&b, Some("coping")), Tone::Mixed);
    assert_eq!(Tone::of_verdict(&b, Some("at_risk")), Tone::Bad);
    assert_eq!(Tone::of_verdict(&b, Some("positive")), Tone::Neutral);
    assert_eq!(Tone::of_verdict(&[], Some("positive")), Tone::Neutral);
    assert_eq!(Tone::of_score(&b, 75.0), Tone::Good);
    assert_eq!(Tone::of_score(&b, 0.0), Tone::Bad);
}
