//! `mommytrack summarize` (docs/summaries.md) through the real binary, against
//! numbers computed here independently of the program: means, medians and
//! quartiles (numpy's linear interpolation, written out again), flag and
//! verdict counts, Cronbach's alpha (from sample variances, where the
//! program uses population ones: alpha is the same); suppression of small
//! and complementary groups; refusal of mixed banks and of free-text
//! grouping; and no answer text in any format.

use std::path::Path;

use crate::harness::*;
use serde_json::Value;

const FORMATS: &[&str] = &["text", "markdown", "html", "json", "csv"];

/// Saves one JSON result per answers text in `dir` (001.json, …).
fn results(dir: &Path, bank: &str, sheets: &[String]) {
    for (i, text) in sheets.iter().enumerate() {
        let answers = write(dir, &format!("a{i:03}.yaml"), text);
        let out = dir.join(format!("{i:03}.json"));
        let status = mt()
            .args(["assess", "--format", "json", "--bank"])
            .arg(fixture(bank))
            .arg("--answers")
            .arg(&answers)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        std::fs::remove_file(answers).unwrap();
    }
}

fn summarize(args: &[&str], paths: &[&Path]) -> std::process::Output {
    mt().arg("summarize")
        .args(paths)
        .args(args)
        .args(bank_args(args, paths))
        .output()
        .unwrap()
}

fn summary_json(args: &[&str], paths: &[&Path]) -> Value {
    let out = summarize(&[args, &["--format", "json"]].concat(), paths);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The answers of person `p` to the 7-point instrument: a personal level
/// plus an item offset, so that items agree (a high alpha) but not fully.
/// Every person's answers differ from the others' (identical results
/// count once).
fn instrument_answers(p: usize) -> Vec<(String, i64)> {
    let ids = [
        "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "t1", "t2", "t3", "t4", "t5", "t6", "c1",
        "c2", "c3", "c4", "c5", "c6",
    ];
    let reverse = ["s3", "s6", "t2", "t5", "c4"];
    ids.iter()
        .enumerate()
        .map(|(j, id)| {
            let keyed = (1 + (p * 5 + j * 3 + p * j + p / 4) % 4 + p % 4).min(7) as i64;
            let x = if reverse.contains(id) {
                8 - keyed
            } else {
                keyed
            };
            (id.to_string(), x)
        })
        .collect()
}

fn sheet(answers: &[(String, i64)]) -> String {
    answers.iter().map(|(q, x)| format!("{q}: {x}\n")).collect()
}

/// numpy's default quantile, written independently of the program.
fn np_quantile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let h = (v.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    v[lo] + (h - h.floor()) * (v[hi] - v[lo])
}

fn sample_var(x: &[f64]) -> f64 {
    let m = x.iter().sum::<f64>() / x.len() as f64;
    x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64
}

/// Cronbach's alpha of rows (people) × columns (items).
fn alpha(rows: &[Vec<f64>]) -> f64 {
    let k = rows[0].len() as f64;
    let items: f64 = (0..rows[0].len())
        .map(|j| sample_var(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    k / (k - 1.0) * (1.0 - items / sample_var(&totals))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A published figure is within `by` of the exact one (the documented
/// noise and rounding of docs/summaries.md).
fn close(a: &Value, b: f64, by: f64, what: &str) {
    let a = a
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {a} is not a number"));
    assert!((a - b).abs() <= by + 1e-9, "{what}: {a} against {b} ± {by}");
}

/// A published count: the exact one moved by at most 2, never under
/// `min` (0 stays 0).
fn count_near(a: &Value, exact: usize, min: usize, what: &str) {
    let a = a.as_u64().unwrap_or_else(|| panic!("{what}: {a}")) as usize;
    if exact == 0 {
        assert_eq!(a, 0, "{what}");
    } else {
        assert!(
            a >= min && a.abs_diff(exact) <= 2,
            "{what}: {a} for {exact}"
        );
    }
}

/// A published quantile: numpy's at a position up to 2 ranks off (never
/// the first or last), in whole points.
fn quantile_near(a: &Value, values: &[f64], p: f64, what: &str) {
    let last = (values.len() - 1) as f64;
    let (lo, hi) = ((p * last - 2.0).max(1.0), (p * last + 2.0).min(last - 1.0));
    let (lo, hi) = (
        np_quantile(values, lo / last),
        np_quantile(values, hi / last),
    );
    let a = a.as_f64().unwrap_or_else(|| panic!("{what}: {a}"));
    assert!(
        a >= lo.round() && a <= hi.round(),
        "{what}: {a} not in {lo}..{hi}"
    );
    assert_eq!(a, a.round(), "{what}: whole points");
}

#[test]
fn statistics_match_an_independent_computation() {
    let dir = tempfile::tempdir().unwrap();
    // Twelve people: quartiles and distributions need twice --min-group.
    let people: Vec<Vec<(String, i64)>> = (0..12).map(instrument_answers).collect();
    results(
        dir.path(),
        "wfc7",
        &people.iter().map(|a| sheet(a)).collect::<Vec<_>>(),
    );
    let s = summary_json(&[], &[dir.path()]);
    let all = &s["all"];
    count_near(&all["count"], 12, 5, "count");
    // Keyed answers → v = (keyed − 1)/6; subscale score = 100·mean(v),
    // rounded to one decimal as in each result.
    let subscales: [(&str, &[&str]); 3] = [
        ("support", &["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]),
        ("time", &["t1", "t2", "t3", "t4", "t5", "t6"]),
        ("career", &["c1", "c2", "c3", "c4", "c5", "c6"]),
    ];
    let reverse = ["s3", "s6", "t2", "t5", "c4"];
    let v = |q: &str, x: i64| {
        let keyed = if reverse.contains(&q) { 8 - x } else { x };
        (keyed - 1) as f64 / 6.0
    };
    let mut charts = 0;
    for (d, (id, items)) in subscales.iter().enumerate() {
        let rows: Vec<Vec<f64>> = people
            .iter()
            .map(|a| {
                a.iter()
                    .filter(|(q, _)| items.contains(&q.as_str()))
                    .map(|(q, x)| v(q, *x))
                    .collect()
            })
            .collect();
        let scores: Vec<f64> = rows
            .iter()
            .map(|r| round1(100.0 * r.iter().sum::<f64>() / r.len() as f64))
            .collect();
        let got = &all["stats"]["dimensions"][d];
        assert_eq!(got["id"], *id);
        let st = &got["score"];
        count_near(&st["n"], 12, 5, "n");
        // The mean: ±25/n, then whole points.
        close(
            &st["mean"],
            scores.iter().sum::<f64>() / 12.0,
            25.0 / 12.0 + 0.5,
            "mean",
        );
        quantile_near(&st["median"], &scores, 0.5, "median");
        quantile_near(&st["q1"], &scores, 0.25, "q1");
        quantile_near(&st["q3"], &scores, 0.75, "q3");
        // Each published bin counts the scores in [from, to) (100 in the
        // last), and none or at least 5 of them.
        let bins = st["distribution"].as_array().map_or(&[][..], Vec::as_slice);
        charts += usize::from(!bins.is_empty());
        for bin in bins {
            let (from, to) = (bin["from"].as_f64().unwrap(), bin["to"].as_f64().unwrap());
            let count = scores
                .iter()
                .filter(|&&x| x >= from && (x < to || (to == 100.0 && x <= 100.0)))
                .count();
            count_near(&bin["count"], count, 5, &format!("{id} bin {from}–{to}"));
            assert!(
                count == 0 || count >= 5,
                "{id} bin {from}–{to} holds {count}"
            );
        }
        let a = &got["alpha"];
        assert_eq!(a["items"].as_array().unwrap().len(), items.len());
        for (got, want) in a["items"].as_array().unwrap().iter().zip(items.iter()) {
            assert_eq!(got, want);
        }
        count_near(&a["n"], 12, 5, "alpha n");
        // ±1/n, then two decimals.
        close(
            &a["value"],
            alpha(&rows),
            1.0 / 12.0 + 0.005,
            &format!("{id} alpha"),
        );
    }
    assert!(charts > 0, "no distribution was checked");
    // The numbers above are not all alike: the check could fail.
    assert_ne!(
        all["stats"]["dimensions"][0]["score"]["q1"],
        all["stats"]["dimensions"][0]["score"]["q3"]
    );
}

#[test]
fn alpha_is_one_when_every_item_agrees() {
    let dir = tempfile::tempdir().unwrap();
    // Every time item answered alike (keyed) within a person: alpha = 1.
    let mut sheets: Vec<String> = (0..6)
        .map(|p| {
            let level = 1 + p as i64;
            ["t1", "t2", "t3", "t4", "t5", "t6"]
                .iter()
                .map(|q| {
                    let x = if *q == "t2" || *q == "t5" {
                        8 - level
                    } else {
                        level
                    };
                    format!("{q}: {x}\n")
                })
                .collect()
        })
        .collect();
    // Two more that skip an item each (and disagree with the rest): they
    // are not complete cases, so alpha stays over the six.
    sheets.push("t1: 7\nt2: 7\nt3: 1\nt4: 7\nt5: null\nt6: 1\n".into());
    sheets.push("t1: null\nt2: 1\nt3: 7\nt4: 1\nt5: 7\nt6: 7\n".into());
    // A third that skips one (three are needed: two skipping would be a
    // figure about two people, and alpha would not be shown).
    sheets.push("t1: 4\nt2: 4\nt3: 4\nt4: null\nt5: 4\nt6: 4\n".into());
    results(dir.path(), "wfc7", &sheets);
    // The bank gives the scale's range, for the scale means.
    let wfc7 = fixture("wfc7");
    let s = summary_json(
        &["--min-group", "3", "--bank", wfc7.to_str().unwrap()],
        &[dir.path()],
    );
    let time = &s["all"]["stats"]["dimensions"][1];
    assert_eq!(time["id"], "time");
    // 1, less the noise of up to 1/6.
    close(&time["alpha"]["value"], 1.0, 1.0 / 6.0 + 0.005, "alpha");
    count_near(&time["alpha"]["n"], 6, 3, "alpha n");
    count_near(&time["score"]["n"], 9, 3, "n");
    // Scale means: levels 1…6, then keyed (7 1 1 7 1) / 5 = 3.4,
    // (7 7 1 1 7) / 5 = 4.6 and 4: mean 33 / 9 = 3.6667 (the score's
    // noise of 25/9 points is 0.17 on a range of 6, then whole points
    // and one decimal); sorted 1 2 3 3.4 4 4 4.6 5 6, median 4 (up to two
    // ranks off: 3 to 4.6).
    close(
        &time["scale_mean"]["mean"],
        3.6667,
        25.0 / 9.0 * 0.06 + 0.03 + 0.05,
        "scale mean",
    );
    let median = time["scale_mean"]["median"].as_f64().unwrap();
    assert!((2.9..=4.7).contains(&median), "{median}");
    // Nobody answered support or career: no score, no alpha from no one.
    let support = &s["all"]["stats"]["dimensions"][0];
    assert_eq!(support["score"]["n"], 0);
    assert!(support["alpha"]["value"].is_null());
}

/// Mini-bank answers: the `boss_early_leave` option, a planted note.
fn mini_sheet(option: &str, n: usize) -> String {
    let flex = match option {
        "normal" => "[remote]",
        _ => "[watched]",
    };
    format!(
        "has_manager: true\nboss_early_leave: {option}\nboss_understands: {}\nflex_options: {flex}\nconsidering_part_time: {}\nnotes: \"ZEBRA-SECRET-{n} my manager is Dana Q. Private\"\n",
        1 + n % 5,
        n.is_multiple_of(2)
    )
}

/// 6 × normal, 5 × explain, 1 × counted.
fn mini_results(dir: &Path) {
    let mut sheets = Vec::new();
    for (option, count) in [("normal", 6), ("explain", 5), ("counted", 1)] {
        for _ in 0..count {
            sheets.push(mini_sheet(option, sheets.len()));
        }
    }
    results(dir, "mini", &sheets);
}

#[test]
fn flags_and_verdicts_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    // Count verdicts and flags straight from the result files.
    let mut verdicts = std::collections::BTreeMap::<String, u64>::new();
    let mut flags = std::collections::BTreeMap::<String, u64>::new();
    for e in std::fs::read_dir(dir.path()).unwrap() {
        let r: Value =
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        *verdicts
            .entry(r["overall"]["verdict"].as_str().unwrap().to_string())
            .or_default() += 1;
        for f in r["flags"].as_array().unwrap() {
            *flags
                .entry(f["id"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(flags["flexible_team"], 6);
    assert_eq!(flags["boss_penalizes_parents"], 1);
    let s = summary_json(&[], &[dir.path()]);
    let st = &s["all"]["stats"];
    // Each entry counts its verdicts (several, when each alone would be
    // held by fewer than 5), in the bank's order, with its labels.
    let entries = st["verdicts"].as_array().unwrap();
    let mut listed = Vec::new();
    for e in entries {
        let ids: Vec<&str> = e["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        let want: u64 = ids
            .iter()
            .map(|v| verdicts.get(*v).copied().unwrap_or(0))
            .sum();
        count_near(&e["count"], want as usize, 5, &format!("{ids:?}"));
        if ids.len() == 1 {
            assert!(want == 0 || want >= 5, "{ids:?} alone holds {want}");
        }
        listed.extend(ids);
    }
    let bank_order: Vec<&str> = ["positive", "mixed", "sidelined"]
        .into_iter()
        .filter(|v| listed.contains(v))
        .collect();
    assert_eq!(
        listed
            .iter()
            .filter(|v| **v != "withheld")
            .copied()
            .collect::<Vec<_>>(),
        bank_order
    );
    let label = |v: &str| match v {
        "positive" => "Positive track",
        "mixed" => "Mixed track",
        _ => "Sidelining risk",
    };
    for e in entries {
        let ids: Vec<&str> = e["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        assert_eq!(
            e["label"],
            ids.iter()
                .map(|v| label(v))
                .collect::<Vec<_>>()
                .join(" or ")
        );
    }
    // A flag raised by 6 of 12 is counted; one raised by 1 is not.
    for f in st["flags"].as_array().unwrap() {
        let n = flags[f["id"].as_str().unwrap()];
        if n >= 5 && 12 - n >= 5 {
            count_near(&f["count"], n as usize, 5, &format!("{f}"));
        } else {
            assert!(f["count"].is_null() && f["hidden"] == true, "{f}");
        }
    }
    assert_eq!(st["flags"].as_array().unwrap().len(), flags.len());
}

#[test]
fn small_groups_and_their_complement_are_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let mini = fixture("mini");
    let s = summary_json(
        &["--by", "boss_early_leave", "--bank", mini.to_str().unwrap()],
        &[dir.path()],
    );
    count_near(&s["all"]["count"], 12, 5, "all");
    let groups = s["groups"].as_array().unwrap();
    // The shown group with its option's label; the hidden ones after it,
    // not named.
    assert_eq!(groups[0]["value"], "normal");
    assert_eq!(groups[0]["label"], "Nothing: it is normal");
    count_near(&groups[0]["count"], 6, 5, "normal");
    assert!(groups[0]["stats"].is_object());
    // counted (1) is under 5; explain (5) would give it away as all − normal − explain.
    for g in &groups[1..] {
        assert_eq!(g["suppressed"], true, "{g}");
        assert!(g["count"].is_null() && g.get("stats").is_none(), "{g}");
        assert!(g["value"].is_null() && g["label"].is_null(), "{g}");
    }
    assert_eq!(groups.len(), 3);
    assert_eq!(s["suppressed_groups"], 2);

    // With --min-group 7 every value is under it: no complement is needed.
    let s = summary_json(
        &["--by", "boss_early_leave", "--min-group", "7"],
        &[dir.path()],
    );
    assert_eq!(s["suppressed_groups"], 3);
    count_near(&s["all"]["count"], 12, 7, "all");

    // The whole set under --min-group: nothing but the suppression.
    let s = summary_json(&["--min-group", "13"], &[dir.path()]);
    assert_eq!(s["all"]["suppressed"], true);
    assert!(s["all"]["count"].is_null());
    assert_eq!(s["suppressed_groups"], 0);
    let text = summarize(&["--min-group", "13"], &[dir.path()]);
    assert!(!String::from_utf8_lossy(&text.stdout).contains("12"));
}

#[test]
fn min_group_is_never_below_three() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let out = summarize(&["--min-group", "2"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use 3 or more"));
    assert!(
        summarize(&["--min-group", "3"], &[dir.path()])
            .status
            .success()
    );
}

#[test]
fn results_of_different_banks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let other = tempfile::tempdir().unwrap();
    results(other.path(), "wfc7", &[sheet(&instrument_answers(1))]);
    let out = summarize(&[], &[dir.path(), &other.path().join("000.json")]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another question bank"), "{err}");
    assert!(out.stdout.is_empty());
    // A version 1 result of the same bank (no fingerprint) is matched by
    // its title, and checked against its answers like any other: this one
    // was scored by rules the bank has changed since, so it is refused.
    let v1 = fixture("results/v1_penalized.json");
    let out = summarize(&[], &[dir.path(), &v1]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("v1_penalized.json:14:5: `overall.verdict`"),
        "{err}"
    );
}

#[test]
fn only_choice_yesno_and_scale_questions_can_group() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    for by in ["notes", "flex_options", "no_such_question"] {
        let out = summarize(&["--by", by], &[dir.path()]);
        assert_eq!(out.status.code(), Some(2), "--by {by}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("ZEBRA"));
    }
    for by in ["considering_part_time", "boss_understands"] {
        assert!(
            summarize(&["--by", by, "--min-group", "3"], &[dir.path()])
                .status
                .success()
        );
    }
}

#[test]
fn no_answer_text_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    // A file that is not a result is not read from a folder.
    write(dir.path(), "readme.txt", "ZEBRA-SECRET in a text file");
    for format in FORMATS {
        for by in [
            None,
            Some("boss_early_leave"),
            Some("considering_part_time"),
        ] {
            let mut args = vec!["--format", format, "--min-group", "3"];
            if let Some(by) = by {
                args.extend(["--by", by]);
            }
            let out = summarize(&args, &[dir.path()]);
            assert!(
                out.status.success(),
                "{format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            // The label of the group of one ("It is counted against me") is
            // never shown; a shown group's label (an option, shared by 6)
            // may be.
            for secret in ["ZEBRA", "Dana", "Private", "It is counted against me"] {
                assert!(!text.contains(secret), "{format} {by:?} shows {secret:?}");
            }
            assert!(text.len() > 200, "{format}: {text}");
        }
    }
}

#[test]
fn every_format_shows_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let html = String::from_utf8(summarize(&["--format", "html"], &[dir.path()]).stdout).unwrap();
    // The reports' page shell: its policy, colour scheme, dark and print styles.
    for shell in [
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"",
        "<meta name=\"color-scheme\" content=\"light dark\">",
        "<meta name=\"generator\"",
        "prefers-color-scheme: dark",
        "@media print",
        "break-after: avoid",
    ] {
        assert!(html.contains(shell), "{shell}");
    }
    assert!(html.contains("<section id=\"all\">"), "{html}");
    // Every format shows the same (perturbed) figures as the JSON: the
    // count of everyone, and the flag raised by 6 of 12.
    let s = summary_json(&[], &[dir.path()]);
    let n = s["all"]["count"].as_u64().unwrap();
    let flag = s["all"]["stats"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "flexible_team")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    count_near(&s["all"]["count"], 12, 5, "all");
    count_near(&Value::from(flag), 6, 5, "flag");
    assert!(
        html.contains(&format!("aria-label=\"{flag} of {n}\"")),
        "{html}"
    );
    let csv = String::from_utf8(summarize(&["--format", "csv"], &[dir.path()]).stdout).unwrap();
    assert!(csv.starts_with("scope,group,label,section,id,statistic,value\n"));
    for row in [
        format!("\nall,\"\",\"\",group,\"\",count,{n}\n"),
        format!("\nall,\"\",\"\",flag,\"flexible_team\",count,{flag}\n"),
    ] {
        assert!(csv.contains(&row), "{row}: {csv}");
    }
    let text = String::from_utf8(summarize(&[], &[dir.path()]).stdout).unwrap();
    assert!(text.contains(&format!("Results: {n}")), "{text}");
    let md = String::from_utf8(summarize(&["--format", "markdown"], &[dir.path()]).stdout).unwrap();
    assert!(md.contains(&format!("| Overall | {n} |")), "{md}");
    // --output writes the file and nothing to standard output (outside the
    // folder of results: a file there would be among the inputs).
    let elsewhere = tempfile::tempdir().unwrap();
    let out_file = elsewhere.path().join("summary.md");
    let out = mt()
        .arg("summarize")
        .arg(dir.path())
        .args(bank_args(&[], &[dir.path()]))
        .args(["--format", "markdown", "--output"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(out.status.success() && out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(out_file).unwrap(), md);
}

#[test]
fn a_hand_edited_impossible_number_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let path = dir.path().join("003.json");
    let mut r: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    r["dimensions"][0]["score"] = serde_json::json!(1e308);
    std::fs::write(&path, r.to_string()).unwrap();
    let out = summarize(&[], &[dir.path()]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("003.json:1:") && err.contains("score of `boss` is 1e308"),
        "{err}"
    );
    // Not a result at all: the result reader's own words.
    std::fs::write(&path, "{\"schema_version\": 1}").unwrap();
    let out = summarize(&[], &[dir.path()]);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("003.json"));
}

#[test]
fn no_results_and_missing_files_are_named() {
    let empty = tempfile::tempdir().unwrap();
    let out = summarize(&[], &[empty.path()]);
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no results to summarize"));
    let out = summarize(&[], &[&empty.path().join("gone.json")]);
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone.json"));
}

#[test]
fn a_hand_typed_answer_is_never_a_group_label() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let path = dir.path().join("000.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut r: Value = serde_json::from_str(&text).unwrap();
    r["answers"]["boss_early_leave"] = Value::String("Jane Doe, team B".into());
    std::fs::write(&path, r.to_string()).unwrap();
    let out = summarize(&["--by", "boss_early_leave"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(65));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Jane"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Jane"));
}

#[test]
fn the_built_in_personas_pool_without_the_profile_in_whole_points() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo("tests/personas")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".answers.yaml") else {
            continue;
        };
        let out = mt()
            .args(["assess", "--format", "json", "--answers"])
            .arg(&path)
            .arg("--output")
            .arg(dir.path().join(format!("{stem}.json")))
            .output()
            .unwrap();
        assert!(out.status.success(), "{stem}");
    }
    let out = summarize(&[], &[dir.path()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // "About you" is asked but never scored: nothing to pool.
    assert!(!text.contains("About you"), "{text}");
    // Every score in the table is in whole points (its noise is larger
    // than a decimal), a scale mean has one decimal ("4.0", not "4").
    let table: Vec<Vec<&str>> = text
        .lines()
        .map(|l| {
            l.trim_matches(['│', ' '])
                .split('┆')
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == 6 && cells[1].parse::<usize>().is_ok())
        .collect();
    assert!(table.iter().any(|c| c[0] == "Overall"), "{text}");
    assert!(table.len() > 3, "{text}");
    for cells in table {
        for word in &cells[2..] {
            let decimals = word.split_once('.').map_or(0, |(_, d)| d.len());
            let want = usize::from(cells[0].ends_with("(scale mean)"));
            assert_eq!(decimals, want, "{word} in {cells:?}");
            assert!(word.parse::<f64>().is_ok(), "{word} in {cells:?}");
        }
    }
}
