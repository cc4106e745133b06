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

/// Person `p` of many, all different: a personal level (1 to 7) plus a
/// pseudo-random offset per item (−1, 0 or 1).
fn many(p: usize) -> Vec<(String, i64)> {
    instrument_answers(0)
        .into_iter()
        .enumerate()
        .map(|(j, (id, _))| {
            let h = (p * 7919 + j * 104_729 + p * j * 31) % 1009;
            let x = (1 + (p * 5 + p / 7) % 7) as i64 + (h % 3) as i64 - 1;
            (id, x.clamp(1, 7))
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

#[test]
fn statistics_are_those_of_perturbed_copies_and_stay_useful() {
    let dir = tempfile::tempdir().unwrap();
    // A hundred people (docs/summaries.md gives the errors to expect at
    // 20 and 100).
    let people: Vec<Vec<(String, i64)>> = (0..100).map(many).collect();
    save_results(
        dir.path(),
        &fixture("wfc7"),
        people.iter().map(|a| sheet(a)),
    );
    let s = summary_json(&[], &[dir.path()]);
    let all = &s["all"];
    count_near(&all["count"], 100, 5, "count");
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
        count_near(&st["n"], 100, 5, "n");
        // Each score moved by up to 40 points (25 + 15), independently:
        // the mean of 100 is off by 1.7 points typically, 5 at most here.
        close(&st["mean"], scores.iter().sum::<f64>() / 100.0, 5.0, "mean");
        // The median of moved scores: near the true one (the quartiles
        // spread wider, as the docs say).
        close(&st["median"], np_quantile(&scores, 0.5), 8.0, "median");
        for q in ["q1", "median", "q3"] {
            let x = st[q].as_f64().unwrap();
            assert!(x == x.round() && (0.0..=100.0).contains(&x), "{q}: {x}");
        }
        // Ten fixed bins, each count none or at least 5.
        let bins = st["distribution"].as_array().unwrap();
        assert_eq!(bins.len(), 10);
        let a = &got["alpha"];
        for (got, want) in a["items"].as_array().unwrap().iter().zip(items.iter()) {
            assert_eq!(got, want);
        }
        // Alpha needs 300 results: the perturbation leaves it too
        // uncertain at 100 (engine/tests/unit/summarize/stats.rs checks
        // that the perturbation's variance is taken out).
        assert!(a["value"].is_null() && a["hidden"] == true, "{a}");
    }
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
    save_results(dir, &fixture("mini"), &sheets);
}

/// `n` distinct results of the mini bank (`n` under 150): fifty that
/// leave early as `normal`, fifty `explain`, the rest `counted`; verdict and
/// flag counts are given from 100.
fn cohort(dir: &Path, n: usize) {
    cohort_of(dir, &fixture("mini"), n);
}

/// [`cohort`], assessed on `bank` (a copy of the mini bank).
fn cohort_of(dir: &Path, bank: &Path, n: usize) {
    let sheets: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "has_manager: true\nboss_early_leave: {}\nboss_understands: {}\nboss_late_email: {}\nflex_options: [{}]\nconsidering_part_time: {}\n",
                ["normal", "explain", "counted"][(i / 50) % 3],
                1 + i % 5,
                (i / 5) % 5,
                if i % 3 == 0 { "watched" } else { "remote" },
                (i / 25) % 2 == 0
            )
        })
        .collect();
    save_results(dir, bank, &sheets);
}

/// explain's E22 (and recheck3's Z1, band labels): each group repeated every flag's title whole (1,000
/// flags of 7,000-byte titles × 101 groups: 369 MB out, 1.1 GB held). A
/// summary quotes a flag's and a part's title as every repeated line does,
/// at most 200 characters.
#[test]
fn long_flag_and_part_titles_are_cut_in_the_whole_set_and_every_group() {
    let dir = tempfile::tempdir().unwrap();
    let (bank, results) = (dir.path().join("bank"), dir.path().join("r"));
    std::fs::create_dir(&bank).unwrap();
    let long = "long words ".repeat(300);
    for f in ["bank.yaml", "10_boss.yaml", "20_flex.yaml"] {
        let text = std::fs::read_to_string(fixture("mini").join(f)).unwrap();
        let text = (text.replace("Your manager counts family time against people", &long))
            .replace("title: Your manager", &format!("title: {long}"))
            .replace("label: \"Mixed track\"", &format!("label: \"{long}\""));
        std::fs::write(bank.join(f), text).unwrap();
    }
    cohort_of(&results, &bank, 110);
    let bank_arg = bank.to_str().unwrap();
    let args = ["--min-group", "3", "--by", "considering_part_time"];
    let s = summary_json(&[&args[..], &["--bank", bank_arg]].concat(), &[&results]);
    let groups = s["groups"].as_array().unwrap();
    let shown: Vec<&Value> = ([&s["all"]].into_iter().chain(groups))
        .filter(|g| g["suppressed"] == false)
        .collect();
    // Flags are counted from 100 results: in the whole set here.
    assert!(
        shown.len() >= 3 && s["all"]["stats"]["flags_hidden"] == false,
        "{s}"
    );
    for g in shown {
        let st = &g["stats"];
        let titles = (st["flags"].as_array().unwrap().iter())
            .chain(st["dimensions"].as_array().unwrap())
            .map(|x| x["title"].as_str().unwrap());
        let long: Vec<&str> = titles.filter(|t| t.starts_with("long words")).collect();
        let flags_shown = st["flags_hidden"] == false;
        assert_eq!(long.len(), if flags_shown { 2 } else { 1 }, "{g}");
        for t in long {
            assert!(t.chars().count() <= 201 && t.ends_with("words…"), "{t}");
        }
        // A band's label too (recheck3 Z1: 662 MB of text).
        for v in st["verdicts"].as_array().unwrap() {
            let label = v["label"].as_str().unwrap();
            assert!(label.chars().count() <= 201, "{label}");
        }
    }
}

#[test]
fn flags_and_verdicts_are_listed_in_bank_order_with_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 110);
    let s = summary_json(&["--min-group", "3"], &[dir.path()]);
    let st = &s["all"]["stats"];
    let verdicts: Vec<(&str, &str)> = st["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["ids"][0].as_str().unwrap(), v["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("positive", "Positive track"),
            ("mixed", "Mixed track"),
            ("sidelined", "Sidelining risk"),
            // Always listed, so that its presence says nothing.
            ("withheld", "Not enough answers yet")
        ]
    );
    for v in st["verdicts"].as_array().unwrap() {
        assert!(
            v["count"].is_null() || v["count"].as_u64().unwrap() >= 3,
            "{v}"
        );
    }
    let flags: Vec<&str> = st["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(flags, ["boss_penalizes_parents", "flexible_team"]);
}

#[test]
fn small_groups_and_their_complement_are_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    mini_results(dir.path());
    for min in ["3", "5", "7"] {
        let s = summary_json(
            &["--by", "boss_early_leave", "--min-group", min],
            &[dir.path()],
        );
        let min: u64 = min.parse().unwrap();
        let all = s["all"]["count"].as_u64().unwrap();
        let groups = s["groups"].as_array().unwrap();
        // Every value of the question is a group, shown or not (and none
        // named when not shown): three options and no answer.
        assert_eq!(groups.len(), 4);
        let mut held = 0;
        for g in groups {
            if g["suppressed"] == true {
                assert!(g["count"].is_null() && g.get("stats").is_none(), "{g}");
                assert!(g.get("value").is_none() && g.get("label").is_none(), "{g}");
            } else {
                let c = g["count"].as_u64().unwrap();
                assert!(c >= min, "{g}");
                held += c;
            }
        }
        // What the groups not shown hold together, by the published
        // counts: none, or at least the minimum.
        let rest = all.saturating_sub(held);
        assert!(rest == 0 || rest >= min, "{rest} left at {min}: {s}");
    }
    // The whole set under --min-group: nothing but the suppression.
    let s = summary_json(&["--min-group", "20"], &[dir.path()]);
    assert_eq!(s["all"]["suppressed"], true);
    assert!(s["all"]["count"].is_null());
    assert_eq!(s["suppressed_groups"], 0);
    let text = summarize(&["--min-group", "20"], &[dir.path()]);
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
    save_results(
        other.path(),
        &fixture("wfc7"),
        &[sheet(&instrument_answers(1))],
    );
    let out = summarize(&[], &[dir.path(), &other.path().join("000.json")]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another question bank"), "{err}");
    assert!(out.stdout.is_empty());
    // A version 1 result of the same bank (no fingerprint) is matched by
    // its title: scored by rules the bank has changed since, it is scored
    // again from its answers with this version's, and the summary says so.
    // (A copy: a summary records its key in the folder of its results.)
    let v1 = other.path().join("v1.json");
    std::fs::copy(fixture("results/v1_penalized.json"), &v1).unwrap();
    let s = summary_json(&[], &[dir.path(), &v1]);
    assert_eq!(s["rescored"], 1, "{s}");
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
            // Labels are the bank's options; answers in words never show.
            for secret in ["ZEBRA", "Dana", "Private"] {
                assert!(!text.contains(secret), "{format} {by:?} shows {secret:?}");
            }
            assert!(text.len() > 200, "{format}: {text}");
        }
    }
}

#[test]
fn every_format_shows_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 110);
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
    // count of everyone, and a verdict's.
    let s = summary_json(&[], &[dir.path()]);
    let n = s["all"]["count"].as_u64().unwrap();
    let verdicts = s["all"]["stats"]["verdicts"].as_array().unwrap();
    let total: u64 = verdicts.iter().filter_map(|v| v["count"].as_u64()).sum();
    let shown = verdicts.iter().find(|v| v["count"].is_number()).unwrap();
    let (verdict, count) = (
        shown["ids"][0].as_str().unwrap(),
        shown["count"].as_u64().unwrap(),
    );
    count_near(&s["all"]["count"], 110, 5, "all");
    assert!(
        html.contains(&format!("aria-label=\"{count} of {total}\"")),
        "{html}"
    );
    let csv = String::from_utf8(summarize(&["--format", "csv"], &[dir.path()]).stdout).unwrap();
    assert!(csv.starts_with("scope,group,label,section,id,statistic,value\n"));
    for row in [
        format!("\nall,\"\",\"\",group,\"\",count,{n}\n"),
        format!("\nall,\"\",\"\",verdict,\"{verdict}\",count,{count}\n"),
    ] {
        assert!(csv.contains(&row), "{row}: {csv}");
    }
    let text = String::from_utf8(summarize(&[], &[dir.path()]).stdout).unwrap();
    assert!(text.contains(&format!("Results: about {n}")), "{text}");
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
        .env("MOMMYTRACK_STATE_DIR", summary_state())
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
        // The reports other tests made (`once`), saved as results.
        let result = crate::once::persona(stem, "json", &[]);
        std::fs::write(dir.path().join(format!("{stem}.json")), &result.stdout).unwrap();
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
            // A median or quartile of fewer than twice --min-group is "–".
            if *word == "–" {
                continue;
            }
            assert_eq!(decimals, want, "{word} in {cells:?}");
            assert!(word.parse::<f64>().is_ok(), "{word} in {cells:?}");
        }
    }
}

/// The fresh-eyes reviewer's finding: at 20 results, verdict and flag
/// counts were off by up to 11 (a flag raised by one person published as
/// 12), printed as plain numbers. Under 100 results they are not shown,
/// and every format says why.
#[test]
fn small_groups_show_no_verdict_or_flag_counts_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 20);
    let s = summary_json(&["--min-group", "3"], &[dir.path()]);
    let st = &s["all"]["stats"];
    assert_eq!(s["estimates_from"], 100);
    assert!(
        st["verdicts_hidden"] == true && st["flags_hidden"] == true,
        "{st}"
    );
    assert!(st["verdicts"].as_array().unwrap().is_empty(), "{st}");
    assert!(st["flags"].as_array().unwrap().is_empty(), "{st}");
    assert!(st["overall"]["mean"].is_number(), "{st}");
    for format in FORMATS {
        let out = summarize(&["--min-group", "3", "--format", format], &[dir.path()]);
        let text = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // The pages say it once, where the counts would be.
        let said = match *format {
            "json" | "csv" => {
                "Verdict and flag counts are given only for groups of 100 results or more"
            }
            _ => "Verdicts and flags: not shown for fewer than 100 results",
        };
        assert!(text.contains(said), "{format}: {text}");
        assert!(!text.contains("Sidelining risk"), "{format}: {text}");
    }
}

/// The reviewer's second finding: a verdict or flag count had no margin of
/// error, only a page-wide caveat. Each has its own, beside it, in every
/// format: JSON `margin`, a CSV `margin` row, "± M" on the pages.
#[test]
fn verdict_and_flag_counts_have_their_margin_beside_them_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 110);
    let s = summary_json(&[], &[dir.path()]);
    assert_eq!(s["count_margin"], 2);
    let st = &s["all"]["stats"];
    let n = s["all"]["count"].as_u64().unwrap();
    let mut counts = Vec::new();
    for (section, key) in [("verdict", "verdicts"), ("flag", "flags")] {
        for v in st[key].as_array().unwrap() {
            let Some(count) = v["count"].as_u64() else {
                assert!(v["margin"].is_null(), "{v}");
                continue;
            };
            let margin = v["margin"].as_u64().unwrap_or_else(|| panic!("{v}"));
            // Two standard errors: at 110 results, from 2 (a plain count)
            // to about a fifth of the group.
            assert!((2..=n / 4).contains(&margin), "{v}");
            let id = v["ids"][0]
                .as_str()
                .or(v["id"].as_str())
                .unwrap()
                .to_string();
            counts.push((section, id, count, margin));
        }
    }
    assert!(counts.iter().any(|c| c.0 == "verdict") && counts.iter().any(|c| c.0 == "flag"));
    let csv = String::from_utf8(summarize(&["--format", "csv"], &[dir.path()]).stdout).unwrap();
    assert!(
        csv.contains("\nall,\"\",\"\",group,\"\",margin,2\n"),
        "{csv}"
    );
    for (section, id, count, margin) in &counts {
        let row = format!("all,\"\",\"\",{section},\"{id}\",");
        assert!(
            csv.contains(&format!("\n{row}count,{count}\n{row}margin,{margin}\n")),
            "{section} {id}: {csv}"
        );
    }
    let (_, _, count, margin) = &counts[0];
    for format in ["text", "markdown", "html"] {
        let out =
            String::from_utf8(summarize(&["--format", format], &[dir.path()]).stdout).unwrap();
        assert!(out.contains(&format!("\u{b1} {margin}")), "{format}: {out}");
        assert!(out.contains(&count.to_string()), "{format}");
        assert!(out.contains(&format!("{n}")), "{format}");
    }
}

/// Results saved before the built-in questions last changed were all
/// refused (their scores cannot be checked against a bank that is no
/// longer there). Their answers are what the parent gave: they are scored
/// again with this version's questions, and the summary says so; one whose
/// answers this version cannot read is refused with what happened, and a
/// command its owner can run, as printed.
#[test]
fn results_of_another_version_of_the_questions_are_scored_again_or_explained() {
    let dir = tempfile::tempdir().unwrap();
    let personas: Vec<_> = std::fs::read_dir(repo("tests/personas"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".answers.yaml"))
        .take(6)
        .collect();
    for (i, p) in personas.iter().enumerate() {
        let out = dir.path().join(format!("{i}.json"));
        let run = mt()
            .args(["assess", "--format", "json", "--answers"])
            .arg(p)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(run.status.success());
    }
    let now = summary_json(&["--min-group", "3"], &[dir.path()]);
    // Three of them as an earlier version saved them: another fingerprint,
    // other figures.
    let edit = |i: usize, f: &dyn Fn(&mut Value)| {
        let path = dir.path().join(format!("{i}.json"));
        let mut r: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        r["bank"]["fingerprint"] = "fnv1a128:00000000000000000000000000000000".into();
        r["overall"]["score"] = 1.0.into();
        f(&mut r);
        std::fs::write(&path, serde_json::to_string_pretty(&r).unwrap()).unwrap();
    };
    for i in 0..3 {
        edit(i, &|_| {});
    }
    let s = summary_json(&["--min-group", "3"], &[dir.path()]);
    assert_eq!(s["rescored"], 3, "{s}");
    // Scored from their answers with this version: the same figures.
    assert_eq!(s["all"], now["all"]);
    let text = String::from_utf8(summarize(&["--min-group", "3"], &[dir.path()]).stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("3 results were saved with another version of mommytrack's questions: they were scored again, from their answers, with this version's"),
        "{text}"
    );
    // An answer this version does not allow: refused, saying what to do.
    edit(3, &|r| r["answers"]["about_region"] = "atlantis".into());
    let out = summarize(&["--min-group", "3"], &[dir.path()]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3.json:")
            && err.contains("saved with another version of mommytrack's questions"),
        "{err}"
    );
    assert!(
        err.contains("take it out of the results to summarize the others"),
        "{err}"
    );
    // The command it prints works as printed, in a folder with the
    // parent's answers file.
    let printed = err
        .split('`')
        .find(|c| c.starts_with("mommytrack assess --answers"))
        .unwrap_or_else(|| panic!("{err}"));
    let mut t = mt();
    std::fs::copy(&personas[3], t.path().join("answers.yaml")).unwrap();
    let words: Vec<&str> = printed.split_whitespace().skip(1).collect();
    let run = t.args(&words).output().unwrap();
    assert!(
        run.status.success(),
        "{printed}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(t.path().join("result.json").is_file());
}

/// The fresh-eyes review of round 4: a count smaller than its margin read
/// "6 ± 18" (below zero?), group headings read "Where do you work?: …",
/// flag titles spoke to one reader ("Your manager …") in a table of many,
/// and a flag's kind was "red" or "green". In every format: "0 to 24",
/// "Those who answered “…”", the bank's third-person title, "Warning sign".
#[test]
fn a_summary_says_its_groups_flags_and_margins_in_a_parents_words() {
    let dir = tempfile::tempdir().unwrap();
    cohort(dir.path(), 110);
    // The mini bank, its first flag and its manager part said of others (wording: the same
    // fingerprint).
    let bank = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(fixture("mini")).unwrap() {
        let f = f.unwrap().path();
        let text = std::fs::read_to_string(&f)
            .unwrap()
            .replace(
                "    title: \"Your manager counts family time against people\"\n",
                "    title: \"Your manager counts family time against people\"\n    group_title: \"Their manager counts family time against people\"\n",
            )
            .replace("title: Your manager\n", "title: Your manager\ngroup_title: The manager\n");
        std::fs::write(bank.path().join(f.file_name().unwrap()), text).unwrap();
    }
    let bank = bank.path().to_str().unwrap();
    let args = [
        "--by",
        "boss_early_leave",
        "--min-group",
        "3",
        "--bank",
        bank,
    ];
    let s = summary_json(&args, &[dir.path()]);
    let st = &s["all"]["stats"];
    let mut wide = Vec::new();
    for v in (st["verdicts"].as_array().unwrap().iter()).chain(st["flags"].as_array().unwrap()) {
        let Some(c) = v["count"].as_u64() else {
            assert!(v["range"].is_null(), "{v}");
            continue;
        };
        let m = v["margin"].as_u64().unwrap();
        let [low, high] = [&v["range"][0], &v["range"][1]].map(|x| x.as_u64().unwrap());
        assert_eq!(low, c.saturating_sub(m), "{v}");
        assert!(high <= c + m && high >= c, "{v}");
        if m >= c {
            wide.push(high);
        }
    }
    let flag = &st["flags"][0];
    assert_eq!(flag["id"], "boss_penalizes_parents");
    assert_eq!(
        flag["title"],
        "Their manager counts family time against people"
    );
    for format in ["text", "markdown", "html", "csv"] {
        let out = summarize(&[&args[..], &["--format", format]].concat(), &[dir.path()]);
        let words = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if format == "csv" {
            assert!(
                words.contains(",flag,\"boss_penalizes_parents\",low,"),
                "{words}"
            );
            continue;
        }
        for said in [
            "grouped by their answer to \u{201c}What happens when you leave early for a child's appointment?\u{201d}",
            "Those who answered \u{201c}Nothing: it is normal\u{201d}",
            "Their manager counts family time against people",
            "Warning sign",
            "The manager",
        ] {
            assert!(words.contains(said), "{format}: {said}: {words}");
        }
        for never in ["?:", "Your manager", " red ", "| red |"] {
            assert!(!words.contains(never), "{format}: {never}: {words}");
        }
        for high in &wide {
            assert!(
                words.contains(&format!("0 to {high}")),
                "{format}: {high}: {words}"
            );
        }
        // A range is not a count: no bar beside it (a sliver read as
        // "almost none").
        let page = String::from_utf8_lossy(&out.stdout);
        for row in page.split("<tr").filter(|r| r.contains(">0 to ")) {
            assert!(!row.contains("class=\"bar\""), "{row}");
        }
    }
}

/// On a phone the scores stay a table of numbers (not a card of "n: /
/// mean: / median: / Q1: / Q3:" lines a part; five numbers take a line
/// under the part's name), and a group too small for
/// medians and quartiles shows no columns of dashes: it says why instead.
#[test]
fn summary_pages_keep_scores_in_a_table_without_columns_of_dashes() {
    let (small, big) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // 7 results (±2) are under twice the minimum of 5; 14 (±2) are not.
    cohort(small.path(), 7);
    cohort(big.path(), 14);
    let page =
        |dir: &Path| String::from_utf8(summarize(&["--format", "html"], &[dir]).stdout).unwrap();
    let (small, big) = (page(small.path()), page(big.path()));
    for html in [&small, &big] {
        assert!(!html.contains("<table class=\"stack"), "{html}");
    }
    assert!(big.contains("<table class=\" numbers\""), "{big}");
    assert!(
        big.contains(">Q1</th>") && big.contains(">median</th>"),
        "{big}"
    );
    assert!(
        !small.contains(">Q1</th>") && !small.contains(">median</th>"),
        "{small}"
    );
    assert!(!small.contains(">–</span>"), "{small}");
    assert!(
        small.contains("Medians and quartiles are given only for 10 results or more (the results themselves, not the n shown, which is \u{b1} 2)."),
        "{small}"
    );
    // Each reason once: not again under "What is not shown, and why".
    for (once, never) in [
        (
            "Medians and quartiles are given only",
            "Medians, quartiles and distributions are given only",
        ),
        (
            "Verdicts and flags: not shown",
            "Verdict and flag counts are given only",
        ),
    ] {
        assert_eq!(small.matches(once).count(), 1, "{once}: {small}");
        assert!(!small.contains(never), "{never}: {small}");
    }
}
