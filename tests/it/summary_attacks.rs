//! An attacker's test suite for `mommytrack summarize` (docs/summaries.md,
//! issue 20): each test is one way a red team took people out of a
//! summary, and [`audit`] checks every figure of a summary against the
//! rules a reader could use to take it apart (every count, every
//! difference between the whole set and the groups shown, every order
//! statistic), on hand-made cases and on random cohorts.

use std::path::{Path, PathBuf};

use crate::harness::*;
use proptest::prelude::*;
use serde_json::Value;

/// Answers to the mini bank for one person. `option` is the answer to
/// `boss_early_leave` (`None`: no manager); `n` makes each person's
/// result different from the others' (identical results count once).
fn sheet(option: Option<&str>, understands: u8, remote: bool, part_time: bool, n: usize) -> String {
    let boss = match option {
        Some(o) => {
            format!("has_manager: true\nboss_early_leave: {o}\nboss_understands: {understands}\n")
        }
        None => "has_manager: false\n".to_string(),
    };
    format!(
        "{boss}flex_options: {}\nconsidering_part_time: {part_time}\nnotes: \"person {n}\"\n",
        if remote { "[remote]" } else { "[watched]" }
    )
}

/// Saves one result per sheet in `dir` (`000.json`, …) and returns the paths.
fn save(dir: &Path, sheets: &[String]) -> Vec<PathBuf> {
    save_with(dir, &fixture("mini"), sheets)
}

fn save_with(dir: &Path, bank: &Path, sheets: &[String]) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let answers = tempfile::tempdir().unwrap();
    sheets
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let a = write(answers.path(), &format!("{i}.yaml"), text);
            let out = dir.join(format!("{i:03}.json"));
            let run = mt()
                .args(["assess", "--format", "json", "--bank"])
                .arg(bank)
                .arg("--answers")
                .arg(&a)
                .arg("--output")
                .arg(&out)
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            out
        })
        .collect()
}

fn run(args: &[&str], paths: &[&Path]) -> std::process::Output {
    mt().arg("summarize")
        .args(paths)
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str], paths: &[&Path]) -> Value {
    let out = run(&[args, &["--format", "json"]].concat(), paths);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn small(n: u64, min: usize) -> bool {
    n > 0 && n < min as u64
}

/// Every key of a JSON document, anywhere in it.
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// The measures of a group's stats: (name, stats object).
fn measures(st: &Value) -> Vec<(String, &Value)> {
    let mut out = vec![("overall".to_string(), &st["overall"])];
    for d in st["dimensions"].as_array().unwrap() {
        out.push((format!("dim {}", d["id"]), &d["score"]));
    }
    out
}

/// Checks that no figure of the summary, alone or as the whole set minus
/// the groups shown, describes 1 to `min − 1` results, that no minimum or
/// maximum is published, and that order statistics appear only for cells
/// of at least `2·min` (and leave no remainder under that).
fn audit(s: &Value) {
    let min = s["min_group"].as_u64().unwrap() as usize;
    let mut all_keys = Vec::new();
    keys(s, &mut all_keys);
    for k in ["min", "max", "minimum", "maximum"] {
        assert!(!all_keys.iter().any(|x| x == k), "`{k}` is published");
    }
    let all = &s["all"];
    let Some(w) = all["stats"].as_object().map(|_| &all["stats"]) else {
        assert!(all["count"].is_null());
        assert!(s["groups"].as_array().unwrap().is_empty());
        return;
    };
    let shown: Vec<&Value> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["stats"].is_object())
        .collect();
    for g in s["groups"].as_array().unwrap() {
        if g["suppressed"] == true {
            assert!(g["count"].is_null() && g.get("stats").is_none(), "{g}");
        }
    }
    let groups: Vec<(&Value, u64)> = std::iter::once((all, all["count"].as_u64().unwrap()))
        .chain(shown.iter().map(|g| (*g, g["count"].as_u64().unwrap())))
        .collect();
    // Rule: every count published, and what it leaves of its group.
    for (g, n) in &groups {
        assert!(!small(*n, min), "a group of {n}");
        let st = &g["stats"];
        for (name, m) in measures(st) {
            let Some(k) = m["n"].as_u64() else {
                assert_eq!(m["suppressed"], true, "{name}");
                assert!(m["mean"].is_null() && m["median"].is_null(), "{name}");
                continue;
            };
            assert!(!small(k, min), "{name}: n = {k}");
            assert!(!small(n - k, min), "{name}: {} of {n} have none", n - k);
            let order =
                !m["median"].is_null() || !m["q1"].is_null() || m.get("distribution").is_some();
            assert!(
                !order || k >= 2 * min as u64,
                "{name}: order statistics of {k}"
            );
            for b in m["distribution"].as_array().map_or(&[][..], Vec::as_slice) {
                assert!(!small(b["count"].as_u64().unwrap(), min), "{name}: bin {b}");
            }
        }
        for f in st["flags"].as_array().unwrap() {
            if let Some(c) = f["count"].as_u64() {
                assert!(!small(c, min) && !small(n - c, min), "flag {f} of {n}");
            }
        }
        for v in st["verdicts"].as_array().unwrap() {
            assert!(!small(v["count"].as_u64().unwrap(), min), "verdict {v}");
        }
        for d in st["dimensions"].as_array().unwrap() {
            if let (Some(a), Some(k)) = (d["alpha"]["n"].as_u64(), d["score"]["n"].as_u64()) {
                assert!(!small(a, min) && !small(k - a, min), "alpha {d}");
            }
        }
    }
    // The margin: the whole set minus the groups shown.
    if s["by"].is_null() {
        return;
    }
    let rem = |w: u64, parts: &[u64]| w - parts.iter().sum::<u64>();
    let counts: Vec<u64> = shown.iter().map(|g| g["count"].as_u64().unwrap()).collect();
    let n_all = all["count"].as_u64().unwrap();
    assert!(
        !small(rem(n_all, &counts), min),
        "groups leave {}",
        rem(n_all, &counts)
    );
    for (i, (name, m)) in measures(w).into_iter().enumerate() {
        let Some(k) = m["n"].as_u64() else { continue };
        let parts: Vec<u64> = shown
            .iter()
            .filter_map(|g| measures(&g["stats"])[i].1["n"].as_u64())
            .collect();
        assert!(
            !small(rem(k, &parts), min),
            "{name}: the groups leave {}",
            rem(k, &parts)
        );
        // What the groups leave without a value (group size minus n).
        let none_w = n_all - k;
        let none_parts: Vec<u64> = shown
            .iter()
            .filter_map(|g| {
                let k = measures(&g["stats"])[i].1["n"].as_u64()?;
                Some(g["count"].as_u64().unwrap() - k)
            })
            .collect();
        assert!(
            !small(rem(none_w, &none_parts), min),
            "{name}: none, remainder"
        );
        let order: Vec<u64> = shown
            .iter()
            .filter_map(|g| {
                let m = measures(&g["stats"])[i].1;
                m["median"].is_number().then(|| m["n"].as_u64().unwrap())
            })
            .collect();
        if m["median"].is_number() {
            let r = rem(k, &order);
            assert!(
                r == 0 || r >= 2 * min as u64,
                "{name}: order statistics leave {r}"
            );
        } else {
            assert!(
                order.is_empty(),
                "{name}: groups show order statistics the whole set does not"
            );
        }
    }
    for (j, f) in w["flags"].as_array().unwrap().iter().enumerate() {
        let Some(c) = f["count"].as_u64() else {
            for g in &shown {
                assert!(g["stats"]["flags"][j]["count"].is_null(), "flag {f}");
            }
            continue;
        };
        let raised: Vec<u64> = shown
            .iter()
            .filter_map(|g| g["stats"]["flags"][j]["count"].as_u64())
            .collect();
        let not: Vec<u64> = shown
            .iter()
            .filter_map(|g| {
                let c = g["stats"]["flags"][j]["count"].as_u64()?;
                Some(g["count"].as_u64().unwrap() - c)
            })
            .collect();
        assert!(!small(rem(c, &raised), min), "flag {f}: remainder raised");
        assert!(
            !small(rem(n_all - c, &not), min),
            "flag {f}: remainder not raised"
        );
    }
    for v in w["verdicts"].as_array().unwrap() {
        let parts: Vec<u64> = shown
            .iter()
            .filter_map(|g| {
                g["stats"]["verdicts"]
                    .as_array()?
                    .iter()
                    .find(|x| x["ids"] == v["ids"])?["count"]
                    .as_u64()
            })
            .collect();
        assert!(
            !small(rem(v["count"].as_u64().unwrap(), &parts), min),
            "verdict {v}"
        );
    }
    for g in &shown {
        if !g["stats"]["verdicts_hidden"].as_bool().unwrap() {
            // A group's verdicts are counted in the whole set's entries.
            for v in g["stats"]["verdicts"].as_array().unwrap() {
                assert!(
                    w["verdicts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|x| x["ids"] == v["ids"]),
                    "{v}"
                );
            }
        }
    }
}

/// The first attack: one result alone in `explain` (the victim),
/// the attacker's own alone in `counted`, six in `normal`. The whole set
/// minus `normal` minus the attacker's own gave the victim's score.
#[test]
fn two_small_groups_do_not_defeat_the_complement() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets: Vec<String> = (0..6)
        .map(|i| sheet(Some("normal"), 4, true, false, i))
        .collect();
    sheets.push(sheet(Some("explain"), 2, false, true, 6)); // the victim
    sheets.push(sheet(Some("counted"), 1, false, false, 7)); // the attacker
    save(dir.path(), &sheets);
    let s = json(&["--by", "boss_early_leave"], &[dir.path()]);
    audit(&s);
    // The arithmetic of the attack cannot be done: the whole set's mean
    // and the normal group's are never both published.
    let normal = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "normal");
    let both = s["all"]["stats"]["overall"]["mean"].is_number()
        && normal.is_some_and(|g| g["stats"]["overall"]["mean"].is_number());
    assert!(!both, "{s}");
    for format in ["text", "markdown", "html", "csv"] {
        let out = run(
            &["--by", "boss_early_leave", "--format", format],
            &[dir.path()],
        );
        assert!(out.status.success());
        // The group of six is not shown: no "Results: 6" anywhere.
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains("Results: 6") && !text.contains(",count,6\n"),
            "{format}: {text}"
        );
    }
}

/// The second attack: "Your manager" hidden for one group (one of
/// its results has a manager) but shown for the whole set and the other
/// group: the difference is that one person's manager score.
#[test]
fn a_part_hidden_in_one_group_is_not_the_whole_minus_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = Vec::new();
    // considering part time: five, of whom one has a manager.
    sheets.push(sheet(Some("explain"), 2, false, true, 0));
    for i in 1..5 {
        sheets.push(sheet(None, 3, true, true, i));
    }
    // not considering it: five, all with a manager.
    for i in 5..10 {
        sheets.push(sheet(Some("normal"), 5, true, false, i));
    }
    save(dir.path(), &sheets);
    let s = json(&["--by", "considering_part_time"], &[dir.path()]);
    audit(&s);
    let manager = |st: &Value| st["dimensions"][0]["score"]["mean"].is_number();
    let no = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "false");
    assert!(
        !(manager(&s["all"]["stats"]) && no.is_some_and(|g| manager(&g["stats"]))),
        "{s}"
    );
    // The part is shown for neither: four of the group have no score for
    // it, which would describe them.
    let yes = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "true")
        .unwrap();
    assert_eq!(yes["stats"]["dimensions"][0]["score"]["suppressed"], true);
}

/// The third attack: in a group of exactly five, the minimum,
/// quartiles, median and maximum are the five people's scores.
#[test]
fn order_statistics_are_not_people() {
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<String> = (0..9)
        .map(|i| {
            sheet(
                Some(["normal", "explain"][i % 2]),
                (1 + i % 5) as u8,
                i % 3 == 0,
                i % 2 == 0,
                i,
            )
        })
        .collect();
    save(dir.path(), &sheets);
    let s = json(&[], &[dir.path()]);
    audit(&s);
    let overall = &s["all"]["stats"]["overall"];
    assert_eq!(overall["n"], 9);
    assert!(overall["mean"].is_number());
    for stat in ["median", "q1", "q3"] {
        assert!(overall[stat].is_null(), "{stat} of 9");
    }
    assert!(overall.get("distribution").is_none());
    for format in ["text", "markdown", "html", "csv"] {
        let text = String::from_utf8(run(&["--format", format], &[dir.path()]).stdout).unwrap();
        for word in [
            ",min,",
            ",max,",
            "┆ min ",
            "┆ max ",
            "| min |",
            "| max |",
            ">min<",
            ">max<",
            "Distribution",
        ] {
            assert!(!text.contains(word), "{format} shows {word}");
        }
    }
    // Ten results: quartiles, still no minimum or maximum.
    save(
        &dir.path().join("more"),
        &[sheet(Some("normal"), 3, true, true, 99)],
    );
    let s = json(&[], &[dir.path(), &dir.path().join("more")]);
    audit(&s);
    assert!(s["all"]["stats"]["overall"]["median"].is_number());
}

/// The fourth attack: the same folder named twice, a copy, a hard
/// link and a symbolic link lifted three people over a minimum of five.
#[test]
fn duplicates_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = save(
        dir.path(),
        &(0..3)
            .map(|i| sheet(Some("normal"), 4, true, false, i))
            .collect::<Vec<_>>(),
    );
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(&files[0], other.path().join("copy.json")).unwrap();
    std::fs::hard_link(&files[1], other.path().join("hard.json")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&files[2], other.path().join("soft.json")).unwrap();
    let s = json(&[], &[dir.path(), dir.path(), other.path(), &files[0]]);
    audit(&s);
    assert_eq!(s["all"]["suppressed"], true, "{s}");
    // The folder's 3 again, the file again, the copy, the hard link, the link.
    let expected = 3 + 1 + 2 + usize::from(cfg!(unix));
    assert_eq!(s["duplicates"], expected);
    // With three more people, six distinct results are shown as six.
    save(
        &other.path().join("more"),
        &(3..6)
            .map(|i| sheet(Some("explain"), 2, false, true, i))
            .collect::<Vec<_>>(),
    );
    let s = json(&[], &[dir.path(), other.path(), &other.path().join("more")]);
    assert_eq!(s["all"]["count"], 6);
    let text =
        String::from_utf8(run(&[], &[dir.path(), other.path(), &other.path().join("more")]).stdout)
            .unwrap();
    assert!(text.contains("counted once"), "{text}");
}

/// The fifth attack: a hand-edited `--by` value (a person's name
/// made into an id) shown as a group's label.
#[test]
fn hidden_groups_are_not_named_unless_the_label_is_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets: Vec<String> = (0..6)
        .map(|i| sheet(Some("normal"), 4, true, false, i))
        .collect();
    sheets.push(sheet(Some("explain"), 2, true, false, 6));
    sheets.push(sheet(Some("counted"), 2, true, false, 7));
    let files = save(dir.path(), &sheets);
    // One result says its answer was "jane_doe".
    let text = std::fs::read_to_string(&files[6]).unwrap();
    std::fs::write(
        &files[6],
        text.replace("\"answer\": \"explain\"", "\"answer\": \"jane_doe\""),
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&files[6])
            .unwrap()
            .contains("jane_doe")
    );
    for format in ["text", "markdown", "html", "json", "csv"] {
        let out = run(
            &[
                "--by",
                "boss_early_leave",
                "--format",
                format,
                "--min-group",
                "3",
            ],
            &[dir.path()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("jane"), "{format}: {text}");
        // Without the bank, the group of "counted" is not named either.
        for name in ["It is counted against me", "\"counted\""] {
            assert!(!text.contains(name), "{format}: {text}");
        }
    }
    // With the bank, a hidden option is named, and a value that is not an
    // option is refused as a changed file.
    let mini = fixture("mini");
    let bank = ["--bank", mini.to_str().unwrap()];
    let out = run(
        &[&["--by", "boss_early_leave"][..], &bank].concat(),
        &[dir.path()],
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("jane"));
    std::fs::remove_file(&files[6]).unwrap();
    let s = json(
        &[&["--by", "boss_early_leave"][..], &bank].concat(),
        &[dir.path()],
    );
    audit(&s);
    let counted = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "counted")
        .unwrap();
    assert_eq!(counted["suppressed"], true);
    assert_eq!(counted["label"], "It is counted against me");
}

/// The sixth attack: `--output` onto an input replaced a result.
#[test]
fn output_onto_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = save(
        dir.path(),
        &(0..5)
            .map(|i| sheet(Some("normal"), 4, true, false, i))
            .collect::<Vec<_>>(),
    );
    let before = std::fs::read(&files[0]).unwrap();
    let other = tempfile::tempdir().unwrap();
    let hard = other.path().join("hard.json");
    std::fs::hard_link(&files[0], &hard).unwrap();
    let mut targets = vec![files[0].clone(), hard];
    #[cfg(unix)]
    {
        let soft = other.path().join("soft.json");
        std::os::unix::fs::symlink(&files[0], &soft).unwrap();
        targets.push(soft);
    }
    for target in &targets {
        // Named as a file, and inside a folder named.
        for input in [files[0].as_path(), dir.path()] {
            let out = mt()
                .arg("summarize")
                .arg(input)
                .args(["--format", "json", "--output"])
                .arg(target)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(73),
                "{} onto {}",
                input.display(),
                target.display()
            );
            assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
            assert_eq!(std::fs::read(&files[0]).unwrap(), before);
        }
    }
    // And the next run still works.
    assert!(run(&[], &[dir.path()]).status.success());
}

/// The seventh: a summary JSON left in the results folder made
/// the next run fail; so would a bank file or any other JSON.
#[test]
fn files_that_are_not_results_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    save(
        dir.path(),
        &(0..5)
            .map(|i| sheet(Some("normal"), i as u8 % 5 + 1, true, false, i))
            .collect::<Vec<_>>(),
    );
    let first = json(&[], &[dir.path()]);
    // A summary saved beside the results (by hand: `--output` into a
    // folder being read is refused).
    write(dir.path(), "summary.json", &first.to_string());
    write(
        dir.path(),
        "bank.schema.json",
        "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}",
    );
    write(dir.path(), "notes.json", "not json at all");
    let out = run(&["--format", "json"], &[dir.path()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["summary.json", "bank.schema.json", "notes.json"] {
        assert!(err.contains(name) && err.contains("skipped"), "{err}");
    }
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["skipped"], 3);
    assert_eq!(s["all"], first["all"]);
    // Named on the command line, it is still refused: the user meant it.
    let out = run(&[], &[&dir.path().join("summary.json")]);
    assert_eq!(out.status.code(), Some(65));
}

/// Differencing across runs: the whole set's figures never depend on
/// `--by`, so what one run hides in the whole set, every run hides.
#[test]
fn the_whole_set_is_the_same_whatever_the_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<String> = (0..14)
        .map(|i| {
            let option = match i % 7 {
                0 => None,
                1 | 2 => Some("explain"),
                3 => Some("counted"),
                _ => Some("normal"),
            };
            sheet(option, (1 + i % 5) as u8, i % 4 != 0, i % 3 == 0, i)
        })
        .collect();
    save(dir.path(), &sheets);
    let plain = json(&[], &[dir.path()]);
    audit(&plain);
    // Nor on the order of the files: the same results named the other
    // way round give the same summary, flags and groups in the same order.
    let reversed = tempfile::tempdir().unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for (i, p) in names.iter().rev().enumerate() {
        std::fs::copy(p, reversed.path().join(format!("{i:03}.json"))).unwrap();
    }
    for args in [
        &[][..],
        &["--by", "boss_early_leave", "--min-group", "3"][..],
    ] {
        assert_eq!(
            json(args, &[dir.path()]),
            json(args, &[reversed.path()]),
            "{args:?}"
        );
    }
    for by in [
        "boss_early_leave",
        "considering_part_time",
        "boss_understands",
        "has_manager",
    ] {
        for min in ["3", "5"] {
            let s = json(&["--by", by, "--min-group", min], &[dir.path()]);
            audit(&s);
            let base = json(&["--min-group", min], &[dir.path()]);
            assert_eq!(s["all"], base["all"], "--by {by} --min-group {min}");
        }
    }
}

/// Flag counts: a flag raised by all but one says who did not raise it,
/// once the others are known.
#[test]
fn a_flag_raised_by_all_but_one_is_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<String> = (0..8)
        .map(|i| sheet(Some("normal"), 4, i != 0, false, i))
        .collect();
    save(dir.path(), &sheets);
    let s = json(&[], &[dir.path()]);
    audit(&s);
    let flag = s["all"]["stats"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "flexible_team")
        .unwrap();
    assert!(flag["count"].is_null() && flag["hidden"] == true, "{flag}");
    let text = String::from_utf8(run(&[], &[dir.path()]).stdout).unwrap();
    assert!(text.contains("not shown"), "{text}");
}

/// CSV: the scope is a column (an option id `all` is not the whole set),
/// and numbers are numbers (a negative scale mean is not `'-1`).
#[test]
fn csv_a_pivot_table_cannot_misread() {
    let bank = mini_with(&[
        (
            "10_boss.yaml",
            "      - { id: normal,  label: \"Nothing: it is normal\", score: 2 }",
            "      - { id: all,  label: \"All of them\", score: 2 }",
        ),
        (
            "10_boss.yaml",
            "scale: { min: 0, max: 4 }",
            "scale: { min: -3, max: 3 }",
        ),
    ]);
    // Only the reversed scale in its own set, so the set has a scale mean.
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<String> = (0..10)
        .map(|i| {
            format!(
                "has_manager: true\nboss_early_leave: {}\nboss_understands: 3\nboss_late_email: {}\nnotes: \"p{i}\"\n",
                if i < 5 { "all" } else { "explain" },
                if i % 2 == 0 { 3 } else { 2 }
            )
        })
        .collect();
    save_with(dir.path(), bank.path(), &sheets);
    let out = run(
        &["--by", "boss_early_leave", "--format", "csv"],
        &[dir.path()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("scope,group,label,section,id,statistic,value")
    );
    let mut keys = std::collections::HashSet::new();
    for line in lines {
        let cells = csv_fields(line);
        assert_eq!(cells.len(), 7, "{line}");
        let value = cells.last().unwrap();
        assert!(value.parse::<f64>().is_ok(), "not a number: {line}");
        assert!(!value.starts_with('\''), "{line}");
        assert!(["all", "group"].contains(&cells[0].as_str()), "{line}");
        let key = cells[..cells.len() - 1].join(",");
        assert!(keys.insert(key.clone()), "two rows for {key}");
    }
    assert!(
        csv.contains("\ngroup,\"all\",\"All of them\",group,\"\",count,5\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nall,\"\",\"\",group,\"\",count,10\n"),
        "{csv}"
    );
}

/// The fields of one CSV line, quotes removed (`""` is a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// Pages: no chart for a part nobody has a score for.
#[test]
fn no_empty_charts() {
    let dir = tempfile::tempdir().unwrap();
    let sheets: Vec<String> = (0..10)
        .map(|i| sheet(None, 3, i % 2 == 0, i % 3 == 0, i))
        .collect();
    save(dir.path(), &sheets);
    let html = String::from_utf8(run(&["--format", "html"], &[dir.path()]).stdout).unwrap();
    assert!(!html.contains("Distribution: Your manager"), "{html}");
    assert!(!html.contains("<svg"), "{html}");
}

/// Random cohorts, random groupings: the audit holds for every summary.
fn cohort() -> impl Strategy<Value = Vec<(u8, u8, bool, bool)>> {
    proptest::collection::vec((0u8..4, 1u8..6, any::<bool>(), any::<bool>()), 6..22)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]
    #[test]
    fn no_summary_describes_fewer_than_min_group(people in cohort(), min in 3usize..7, by in 0usize..4) {
        let dir = tempfile::tempdir().unwrap();
        let sheets: Vec<String> = people
            .iter()
            .enumerate()
            .map(|(i, &(o, u, remote, part))| {
                let option = [None, Some("normal"), Some("explain"), Some("counted")][o as usize];
                sheet(option, u, remote, part, i)
            })
            .collect();
        save(dir.path(), &sheets);
        let by = ["boss_early_leave", "considering_part_time", "boss_understands", "has_manager"][by];
        let s = json(&["--by", by, "--min-group", &min.to_string()], &[dir.path()]);
        audit(&s);
    }
}
