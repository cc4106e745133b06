//! `mommytrack summarize` (CONTRACT §6.5) through the real binary, against
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
fn instrument_answers(p: usize) -> Vec<(String, i64)> {
    let ids = [
        "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "t1", "t2", "t3", "t4", "t5", "t6", "c1",
        "c2", "c3", "c4", "c5", "c6",
    ];
    let reverse = ["s3", "s6", "t2", "t5", "c4"];
    ids.iter()
        .enumerate()
        .map(|(j, id)| {
            let keyed = (1 + (p * 5 + j * 3 + p * j) % 4 + p % 4).min(7) as i64;
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

fn close(a: &Value, b: f64, what: &str) {
    let a = a
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {a} is not a number"));
    assert!((a - b).abs() < 1e-3, "{what}: {a} against {b}");
}

#[test]
fn statistics_match_an_independent_computation() {
    let dir = tempfile::tempdir().unwrap();
    let people: Vec<Vec<(String, i64)>> = (0..9).map(instrument_answers).collect();
    results(
        dir.path(),
        "wfc7",
        &people.iter().map(|a| sheet(a)).collect::<Vec<_>>(),
    );
    let s = summary_json(&[], &[dir.path()]);
    let all = &s["all"];
    assert_eq!(all["count"], 9);
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
        assert_eq!(st["n"], 9);
        close(&st["mean"], scores.iter().sum::<f64>() / 9.0, "mean");
        close(&st["median"], np_quantile(&scores, 0.5), "median");
        close(&st["q1"], np_quantile(&scores, 0.25), "q1");
        close(&st["q3"], np_quantile(&scores, 0.75), "q3");
        let bins: Vec<u64> = (0..10)
            .map(|b| {
                scores
                    .iter()
                    .filter(|&&x| ((x / 10.0).floor() as usize).min(9) == b)
                    .count() as u64
            })
            .collect();
        let got_bins: Vec<u64> = st["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_u64().unwrap())
            .collect();
        assert_eq!(got_bins, bins, "{id} distribution");
        let a = &got["alpha"];
        assert_eq!(a["items"], items.len());
        assert_eq!(a["n"], 9);
        close(&a["value"], alpha(&rows), &format!("{id} alpha"));
    }
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
    results(dir.path(), "wfc7", &sheets);
    let s = summary_json(&[], &[dir.path()]);
    let time = &s["all"]["stats"]["dimensions"][1];
    assert_eq!(time["id"], "time");
    assert_eq!(time["alpha"]["value"], 1.0);
    assert_eq!(time["alpha"]["n"], 6);
    assert_eq!(time["score"]["n"], 8);
    // Scale means: levels 1…6, then keyed (7 1 1 7 1) / 5 = 3.4 and
    // (7 7 1 1 7) / 5 = 4.6: mean 29 / 8 = 3.625, median (3.4 + 4) / 2 = 3.7.
    assert_eq!(time["scale_mean"]["mean"], 3.625);
    assert_eq!(time["scale_mean"]["median"], 3.7);
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
        n % 2 == 0
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
    for (v, n) in &verdicts {
        assert_eq!(st["verdicts"][v], *n, "verdict {v}");
    }
    for f in st["flags"].as_array().unwrap() {
        assert_eq!(f["count"], flags[f["id"].as_str().unwrap()]);
    }
    assert_eq!(st["flags"].as_array().unwrap().len(), flags.len());
}

#[test]
fn small_groups_and_their_complement_are_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    let s = summary_json(&["--by", "boss_early_leave"], &[dir.path()]);
    assert_eq!(s["all"]["count"], 12);
    let groups = s["groups"].as_array().unwrap();
    let group = |v: &str| groups.iter().find(|g| g["value"] == v).unwrap();
    assert_eq!(group("normal")["count"], 6);
    assert!(group("normal")["stats"].is_object());
    // counted (1) is under 5; explain (5) would give it away as all − normal − explain.
    for v in ["counted", "explain"] {
        assert_eq!(group(v)["suppressed"], true, "{v}");
        assert!(
            group(v)["count"].is_null() && group(v).get("stats").is_none(),
            "{v}"
        );
    }
    assert_eq!(s["suppressed_groups"], 2);

    // With --min-group 7 every value is under it: no complement is needed.
    let s = summary_json(
        &["--by", "boss_early_leave", "--min-group", "7"],
        &[dir.path()],
    );
    assert_eq!(s["suppressed_groups"], 3);
    assert_eq!(s["all"]["count"], 12);

    // The whole set under --min-group: nothing but the suppression.
    let s = summary_json(&["--min-group", "13"], &[dir.path()]);
    assert_eq!(s["all"]["suppressed"], true);
    assert!(s["all"]["count"].is_null());
    assert_eq!(s["suppressed_groups"], 1);
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
    assert!(err.contains("different question bank"), "{err}");
    assert!(out.stdout.is_empty());
    // A version 1 result of the same bank (no fingerprint) is matched by
    // its title and dimensions.
    let v1 = fixture("results/v1_penalized.json");
    let s = summary_json(&[], &[dir.path(), &v1]);
    assert_eq!(s["all"]["count"], 13);
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
            for secret in [
                "ZEBRA",
                "Dana",
                "Private",
                "It is counted against me",
                "Nothing: it is normal",
            ] {
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
    // One chart for the overall score and one per dimension.
    assert_eq!(html.matches("<svg").count(), 3, "{html}");
    let csv = String::from_utf8(summarize(&["--format", "csv"], &[dir.path()]).stdout).unwrap();
    assert!(csv.starts_with("group,section,id,statistic,value\n"));
    assert!(csv.contains("\"all\",group,\"\",count,12\n"), "{csv}");
    assert!(
        csv.contains("\"all\",flag,\"flexible_team\",count,6\n"),
        "{csv}"
    );
    let text = String::from_utf8(summarize(&[], &[dir.path()]).stdout).unwrap();
    assert!(text.contains("Results: 12"), "{text}");
    let md = String::from_utf8(summarize(&["--format", "markdown"], &[dir.path()]).stdout).unwrap();
    assert!(md.contains("| Overall | 12 |"), "{md}");
    // --output writes the file and nothing to standard output (outside the
    // folder of results: a file there would be among the inputs).
    let elsewhere = tempfile::tempdir().unwrap();
    let out_file = elsewhere.path().join("summary.md");
    let out = mt()
        .arg("summarize")
        .arg(dir.path())
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
        err.contains("003.json") && err.contains("`dimensions[0].score` is 1e308"),
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
    for d in r["dimensions"].as_array_mut().unwrap() {
        for q in d["questions"].as_array_mut().unwrap() {
            if q["id"] == "boss_early_leave" {
                q["answer"] = Value::String("Jane Doe, team B".into());
            }
        }
    }
    std::fs::write(&path, r.to_string()).unwrap();
    let out = summarize(&["--by", "boss_early_leave"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(65));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Jane"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Jane"));
}

#[test]
fn the_built_in_personas_pool_without_the_profile_and_with_one_decimal() {
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
    // Every score in the table has exactly one decimal ("68.0", not "68").
    let table: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Your manager ") || l.starts_with("Overall "))
        .collect();
    assert_eq!(table.len(), 2, "{text}");
    for line in table {
        let words: Vec<&str> = line.split_whitespace().collect();
        for word in &words[words.len() - 4..] {
            let decimals = word.split_once('.').map_or(0, |(_, d)| d.len());
            assert_eq!(decimals, 1, "{word} in {line}");
        }
    }
}
