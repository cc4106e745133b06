use mommytrack_engine::date::*;
use mommytrack_engine::internals::days_in_month;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

#[test]
fn reads_only_real_days_written_in_full() {
    assert_eq!(Date::parse("2026-12-06").unwrap().to_string(), "2026-12-06");
    assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    for bad in [
        "2026-12-6",
        "2026/12/06",
        " 2026-12-06",
        "2026-12-06T00:00",
        "26-12-06",
        "",
        "２０２６-12-06",
        "2026-1a-06",
        "0000-01-01",
    ] {
        assert_eq!(Date::parse(bad), Err(DateError::Shape), "{bad}");
    }
    assert_eq!(Date::parse("2026-13-01"), Err(DateError::Month(13)));
    assert_eq!(Date::parse("2026-00-10"), Err(DateError::Month(0)));
    assert!(matches!(
        Date::parse("2025-02-29"),
        Err(DateError::Day { .. })
    ));
    assert!(matches!(
        Date::parse("2026-04-31"),
        Err(DateError::Day { .. })
    ));
    assert_eq!(
        Date::parse("2025-02-29").unwrap_err().to_string(),
        "2025-02 has no day 29; it has 28"
    );
}

#[test]
fn knows_known_instants() {
    assert_eq!(Date::from_unix_seconds(0).to_string(), "1970-01-01");
    assert_eq!(Date::from_unix_seconds(-1).to_string(), "1969-12-31");
    // 2026-12-06T12:00:00Z
    assert_eq!(
        Date::from_unix_seconds(1_796_558_400).to_string(),
        "2026-12-06"
    );
    assert_eq!(
        Date::from_unix_seconds(951_782_400).to_string(),
        "2000-02-29"
    );
}

#[test]
fn twelve_months_later() {
    let d = |s| Date::parse(s).unwrap();
    assert_eq!(d("2025-12-06").plus_months(12), d("2026-12-06"));
    assert_eq!(d("2024-02-29").plus_months(12), d("2025-02-28"));
    assert_eq!(d("2026-01-31").plus_months(1), d("2026-02-28"));
    assert_eq!(d("2026-11-30").plus_months(2), d("2027-01-30"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/date.txt"
        )))),
        ..ProptestConfig::default()
    })]
    /// Consecutive instants a day apart give consecutive days, and the
    /// text of a day reads back as the same day.
    #[test]
    fn days_follow_each_other(days in -700_000i64..2_900_000) {
        let a = Date::from_unix_seconds(days * 86_400);
        let b = Date::from_unix_seconds((days + 1) * 86_400);
        prop_assert!(a < b);
        prop_assert_eq!(Date::parse(&a.to_string()), Ok(a));
        // Year, month and day, as the day is written.
        let ymd = |d: Date| {
            let s = d.to_string();
            let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap();
            (n(0..4), n(5..7), n(8..10))
        };
        let ((ay, am, ad), (by, bm, bd)) = (ymd(a), ymd(b));
        let next_is = if ad == days_in_month(ay, am) {
            bd == 1 && bm == am % 12 + 1
        } else {
            by == ay && bm == am && bd == ad + 1
        };
        prop_assert!(next_is, "{} then {}", a, b);
    }
}
