use mommytrack_engine::bank::raw::*;
use serde::Serialize;

/// The key lists drive the unknown-field check; they must name exactly
/// the fields serde reads.
#[test]
fn key_lists_match_the_structs() {
    fn keys<T: Serialize>(v: &T) -> Vec<String> {
        match serde_json::to_value(v).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            _ => unreachable!(),
        }
    }
    let sorted = |k: &[&str]| {
        let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    let mut cases: Vec<(Vec<String>, &[&str])> = vec![
        (keys(&RawSettings::default()), SETTINGS_KEYS),
        (keys(&RawBand::default()), BAND_KEYS),
        (keys(&RawFlag::default()), FLAG_KEYS),
        (keys(&RawAdvice::default()), ADVICE_KEYS),
        (keys(&RawRights::default()), RIGHTS_KEYS),
        (keys(&RawTopic::default()), TOPIC_KEYS),
        (keys(&RawRightsEntry::default()), RIGHTS_ENTRY_KEYS),
        (keys(&RawTogether::default()), TOGETHER_KEYS),
        (keys(&RawSet::default()), SET_KEYS),
        (keys(&RawQuestion::default()), QUESTION_KEYS),
        (keys(&RawOption::default()), OPTION_KEYS),
        (keys(&RawScale::default()), SCALE_KEYS),
        (keys(&RawScores::default()), SCORES_KEYS),
        (keys(&RawRetired::default()), RETIRED_KEYS),
        (keys(&RawRetiredValue::default()), RETIRED_VALUE_KEYS),
        (keys(&RawListenFor::default()), LISTEN_FOR_KEYS),
    ];
    for (actual, expected) in cases.iter_mut() {
        actual.sort();
        assert_eq!(*actual, sorted(expected));
    }
}
