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
/// answers different from the others' (the same answers count once,
/// whatever the notes say): the late-email scale (with a manager) and
/// flexible hours or part-time beside the other flexibility.
fn sheet(option: Option<&str>, understands: u8, remote: bool, part_time: bool, n: usize) -> String {
    let (boss, extra) = match option {
        Some(o) => (
            format!(
                "has_manager: true\nboss_early_leave: {o}\nboss_understands: {understands}\nboss_late_email: {}\n",
                n % 5
            ),
            (n / 5) % 4,
        ),
        None => ("has_manager: false\n".to_string(), n % 4),
    };
    let first = if remote { "remote" } else { "watched" };
    let flex = match extra {
        0 => vec![first],
        1 => vec![first, "hours"],
        2 => vec![first, "part_time"],
        _ => vec![first, "hours", "part_time"],
    };
    format!(
        "{boss}flex_options: [{}]\nconsidering_part_time: {part_time}\nnotes: \"person {n}\"\n",
        flex.join(", ")
    )
}

/// Answers with a manager, part-time in mind: `option` for leaving early,
/// `understands` and `late` (email) on their scales, `flex` the options.
fn answers(option: &str, understands: u8, late: u8, flex: &str) -> String {
    format!(
        "has_manager: true\nboss_early_leave: {option}\nboss_understands: {understands}\nboss_late_email: {late}\nflex_options: [{flex}]\nconsidering_part_time: true\n"
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
        .args(bank_args(args, paths))
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

/// How far a published count may be from the true one (the cell-key
/// noise): a difference of published counts is not a count of people, so
/// the margins (the whole set minus the groups shown) are checked on the
/// true counts by the engine's own tests (`summarize::protect`); here,
/// what a reader sees.
const NOISE: u64 = 2;

/// Checks that no published count of the summary describes 1 to `min − 1`
/// results, that no minimum or maximum is published, that order
/// statistics appear only for cells of at least `2·min` (give or take the
/// noise), and that what the whole set hides no group shows.
fn audit(s: &Value) {
    let min = s["min_group"].as_u64().unwrap() as usize;
    let mut all_keys = Vec::new();
    keys(s, &mut all_keys);
    for k in ["min", "max", "minimum", "maximum"] {
        assert!(!all_keys.iter().any(|x| x == k), "`{k}` is published");
    }
    let all = &s["all"];
    let Some(w) = all["stats"].as_object().map(|_| &all["stats"]) else {
        assert!(all["count"].is_null() && s["duplicates"].is_null());
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
    let count = |v: &Value, what: &str| {
        let n = v.as_u64().unwrap_or_else(|| panic!("{what}: {v}"));
        assert!(!small(n, min), "{what}: {n}");
        n
    };
    for g in std::iter::once(all).chain(shown.iter().copied()) {
        count(&g["count"], "a group");
        let st = &g["stats"];
        for (name, m) in measures(st) {
            if m["n"].is_null() {
                assert_eq!(m["suppressed"], true, "{name}");
                assert!(m["mean"].is_null() && m["median"].is_null(), "{name}");
                continue;
            }
            let k = count(&m["n"], &name);
            let order =
                !m["median"].is_null() || !m["q1"].is_null() || m.get("distribution").is_some();
            assert!(
                !order || k + NOISE >= 2 * min as u64,
                "{name}: order statistics of {k}"
            );
            for b in m["distribution"].as_array().map_or(&[][..], Vec::as_slice) {
                count(&b["count"], &format!("{name}: bin {b}"));
            }
        }
        for f in st["flags"].as_array().unwrap() {
            if !f["count"].is_null() {
                count(&f["count"], &format!("flag {f}"));
            }
        }
        for v in st["verdicts"].as_array().unwrap() {
            count(&v["count"], &format!("verdict {v}"));
        }
        for d in st["dimensions"].as_array().unwrap() {
            if !d["alpha"]["n"].is_null() {
                count(&d["alpha"]["n"], &format!("alpha {d}"));
            }
        }
    }
    // What the whole set hides, no group shows.
    for (i, (name, m)) in measures(w).into_iter().enumerate() {
        for g in &shown {
            let gm = measures(&g["stats"])[i].1;
            assert!(
                m["median"].is_number() || gm["median"].is_null(),
                "{name}: groups show order statistics the whole set does not"
            );
            assert!(!m["n"].is_null() || gm["n"].is_null(), "{name}");
        }
    }
    for (j, f) in w["flags"].as_array().unwrap().iter().enumerate() {
        if f["count"].is_null() {
            for g in &shown {
                assert!(g["stats"]["flags"][j]["count"].is_null(), "flag {f}");
            }
        }
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
        // The group of six is not shown, nor named.
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("Nothing: it is normal"), "{format}: {text}");
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
    assert!(overall["n"].is_number());
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
    // Nothing shown: not even how many were counted once (with the number
    // of files, it would give the number of results).
    assert!(s["duplicates"].is_null(), "{s}");
    // With three more people, six distinct results are shown as six.
    save(
        &other.path().join("more"),
        &(3..6)
            .map(|i| sheet(Some("explain"), 2, false, true, i))
            .collect::<Vec<_>>(),
    );
    let s = json(&[], &[dir.path(), other.path(), &other.path().join("more")]);
    audit(&s);
    // Six distinct results (shown as 5 to 8): the copy, the hard link and
    // the link counted once.
    assert!(
        (5..=8).contains(&s["all"]["count"].as_u64().unwrap()),
        "{s}"
    );
    assert_eq!(s["duplicates"], 2 + usize::from(cfg!(unix)));
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
    // One result says its answer was "jane_doe": not an option of the
    // bank, so the file was changed; it is refused, and not named.
    let text = std::fs::read_to_string(&files[6]).unwrap();
    let edited = text
        .replace("\"answer\": \"explain\"", "\"answer\": \"jane_doe\"")
        .replace(
            "\"boss_early_leave\": \"explain\"",
            "\"boss_early_leave\": \"jane_doe\"",
        );
    assert_eq!(edited.matches("jane_doe").count(), 2);
    std::fs::write(&files[6], edited).unwrap();
    let mini = fixture("mini");
    let bank = ["--bank", mini.to_str().unwrap()];
    for format in ["text", "markdown", "html", "json", "csv"] {
        let out = run(
            &["--by", "boss_early_leave", "--format", format],
            &[dir.path()],
        );
        assert_eq!(out.status.code(), Some(65));
        assert!(!String::from_utf8_lossy(&out.stdout).contains("jane"));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("jane"));
    }
    std::fs::remove_file(&files[6]).unwrap();
    let s = json(
        &[&["--by", "boss_early_leave"][..], &bank].concat(),
        &[dir.path()],
    );
    audit(&s);
    let groups = s["groups"].as_array().unwrap();
    assert!(groups.iter().any(|g| g["suppressed"] == true), "{s}");
    assert!(!s.to_string().contains("\"counted\""), "{s}");
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
                "has_manager: true\nboss_early_leave: {}\nboss_understands: 3\nboss_late_email: {}\nflex_options: [{}]\n",
                if i < 5 { "all" } else { "explain" },
                if i % 2 == 0 { 3 } else { 2 },
                ["remote", "hours", "part_time", "watched", "remote, hours"][i % 5]
            )
        })
        .collect();
    save_with(dir.path(), bank.path(), &sheets);
    let out = run(
        &[
            "--by",
            "boss_early_leave",
            "--format",
            "csv",
            "--bank",
            bank.path().to_str().unwrap(),
        ],
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
    for row in [
        "group,\"all\",\"All of them\",group,\"\",count,",
        "all,\"\",\"\",group,\"\",count,",
    ] {
        assert!(csv.lines().any(|l| l.starts_with(row)), "{row}: {csv}");
    }
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

/// What a result says of its person, as an attacker would like to learn
/// it: the overall and each part's score (in the order of [`measures`]),
/// the verdict, the flags.
struct Person {
    scores: Vec<f64>,
    verdict: String,
    flags: Vec<String>,
}

impl Person {
    /// Whether the person is counted in a cell of [`counts`] (`verdict
    /// IDS` or `flag ID`).
    fn in_cell(&self, cell: &str) -> bool {
        match (cell.strip_prefix("verdict "), cell.strip_prefix("flag ")) {
            (Some(ids), _) => ids.split('+').any(|v| v == self.verdict),
            (_, Some(id)) => self.flags.iter().any(|f| f == id),
            _ => false,
        }
    }
}

fn person(file: &Path) -> Person {
    let r: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut scores = vec![r["overall"]["score"].as_f64().unwrap()];
    for d in r["dimensions"].as_array().unwrap() {
        scores.push(d["score"].as_f64().unwrap());
    }
    Person {
        scores,
        verdict: r["overall"]["verdict"].as_str().unwrap().to_string(),
        flags: r["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect(),
    }
}

fn group<'a>(s: &'a Value, value: &str) -> &'a Value {
    s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == value)
        .unwrap_or_else(|| panic!("no group {value}: {s}"))
}

/// The published counts of a group's verdict entries and flags, by id.
fn counts(g: &Value) -> Vec<(String, f64)> {
    let st = &g["stats"];
    let verdicts = st["verdicts"].as_array().unwrap().iter().map(|v| {
        let ids: Vec<&str> = v["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        (format!("verdict {}", ids.join("+")), &v["count"])
    });
    let flags = st["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (format!("flag {}", f["id"].as_str().unwrap()), &f["count"]));
    verdicts
        .chain(flags)
        .filter_map(|(k, c)| Some((k, c.as_f64()?)))
        .collect()
}

/// What an attack got, over several victims: for each victim the score
/// estimates' errors, and the differences of counts against what the
/// victim alone would make of them (1 for their verdict and flags, 0
/// for the rest).
#[derive(Default)]
struct Attack {
    errors: Vec<f64>,
    /// Differences of counts (each 0 or 1 if counts were exact).
    differences: Vec<f64>,
    /// Of those, how many say exactly whether the victim is in the cell.
    right: usize,
}

impl Attack {
    /// One victim: `estimates` of the scores (the attacker's arithmetic,
    /// `None` where a figure was not published), and `differences` of the
    /// verdict and flag counts by id.
    fn victim(&mut self, who: &Person, estimates: &[Option<f64>], differences: &[(String, f64)]) {
        for (e, truth) in estimates.iter().zip(&who.scores) {
            if let Some(e) = e {
                self.errors.push((e - truth).abs());
            }
        }
        self.right += differences
            .iter()
            .filter(|(k, d)| *d == f64::from(u8::from(who.in_cell(k))))
            .count();
        self.differences.extend(differences.iter().map(|(_, d)| *d));
    }

    /// The attack failed: its score estimates are off by more than 8
    /// points on average and within 3 points for at most a third; at most
    /// half the differences of the verdict and flag counts say exactly
    /// whether the victim is in the cell (with exact counts, all do; the
    /// noise makes about one in five do so, unknown to the attacker); and
    /// some are not 0 or 1 at all.
    fn failed(&self) {
        assert!(
            self.errors.len() >= 10,
            "too few estimates: {:?}",
            self.errors
        );
        let mean = self.errors.iter().sum::<f64>() / self.errors.len() as f64;
        let close = self.errors.iter().filter(|e| **e <= 3.0).count();
        let mut won = Vec::new();
        if mean <= 8.0 || 3 * close > self.errors.len() {
            won.push(format!(
                "score estimates off by {mean:.1} on average, {close} within 3 points: {:?}",
                self.errors
            ));
        }
        if 2 * self.right > self.differences.len() {
            won.push(format!(
                "{} of {} differences of counts say the victim's verdict or flags",
                self.right,
                self.differences.len()
            ));
        }
        if self.differences.iter().all(|d| *d == 0.0 || *d == 1.0) {
            won.push(format!(
                "every difference of counts is one person's: {:?}",
                self.differences
            ));
        }
        assert!(won.is_empty(), "the attack worked: {won:#?}");
    }
}

/// Five people the attacks look for: part-time in mind, they have to
/// explain leaving early.
fn victims() -> Vec<String> {
    [(1, false), (3, true), (5, false), (2, true), (4, false)]
        .iter()
        .enumerate()
        .map(|(i, &(understands, remote))| {
            sheet(Some("explain"), understands, remote, true, 40 + 3 * i)
        })
        .collect()
}

/// The fresh-eyes attacker's first way in: two ordinary runs over the
/// same results with different `--by`, whose groups differ by one person
/// (26 and 25): 26 × one mean − 25 × the other was that person's score,
/// and the differences of the counts their verdict and flags. The same
/// with a folder summarised with and without one file.
#[test]
fn two_runs_whose_groups_differ_by_one_person_do_not_give_that_person() {
    // 25 with part-time in mind whose manager finds leaving early normal;
    // 13 without it, who have to explain (7) or are counted against (6).
    let base = tempfile::tempdir().unwrap();
    let mut sheets: Vec<String> = (0..25)
        .map(|i| sheet(Some("normal"), (1 + i % 5) as u8, i % 3 != 0, true, i))
        .collect();
    sheets
        .extend((25..32).map(|i| sheet(Some("explain"), (1 + i % 5) as u8, i % 2 == 0, false, i)));
    sheets
        .extend((32..38).map(|i| sheet(Some("counted"), (1 + i % 5) as u8, i % 2 == 0, false, i)));
    save(base.path(), &sheets);
    let alone = json(&[], &[base.path()]);
    let mut attack = Attack::default();
    for victim in victims() {
        let dir = tempfile::tempdir().unwrap();
        let who = person(&save(dir.path(), &[victim])[0]);
        let paths = [base.path(), dir.path()];
        // With the victim: the part-time group (26); without: `normal`
        // (25). And the folder with the victim's file (39), and without.
        let a = json(&["--by", "considering_part_time"], &paths);
        let b = json(&["--by", "boss_early_leave"], &paths);
        audit(&a);
        audit(&b);
        for (with, without, n) in [
            (group(&a, "true"), group(&b, "normal"), 25.0),
            (&a["all"], &alone["all"], 38.0),
        ] {
            let estimates: Vec<Option<f64>> = measures(&with["stats"])
                .iter()
                .zip(measures(&without["stats"]))
                .map(|((_, x), (_, y))| {
                    Some((n + 1.0) * x["mean"].as_f64()? - n * y["mean"].as_f64()?)
                })
                .collect();
            let theirs = counts(without);
            let differences: Vec<(String, f64)> = counts(with)
                .into_iter()
                .filter_map(|(k, x)| {
                    let y = theirs.iter().find(|(j, _)| *j == k)?.1;
                    // A count of 0 with the victim says what one summary
                    // says of everyone in the group.
                    (x > 0.0).then_some((k, x - y))
                })
                .collect();
            attack.victim(&who, &estimates, &differences);
        }
    }
    attack.failed();
}

/// The fresh-eyes attacker's third way in: results of their own making
/// lift the one real person of a group over `--min-group`; what the
/// attacker made is known, so the group's figures minus theirs were that
/// person.
#[test]
#[ignore = "the old cell-key noise's chance-level check; replaced by the per-record perturbation landing next"]
fn fabricated_results_do_not_give_the_one_real_person_away() {
    // Twelve real people whose manager finds leaving early normal: six
    // have a positive or sidelined verdict, six mixed; six the flexible
    // team flag (so that every count of the attack is shown).
    let real = tempfile::tempdir().unwrap();
    let people = [
        (5, 0, "remote"),
        (5, 0, "remote, hours"),
        (3, 0, "remote, hours"),
        (1, 4, "watched"),
        (3, 4, "watched"),
        (1, 4, "remote"),
        (1, 0, "remote"),
        (1, 0, "watched"),
        (3, 0, "watched"),
        (3, 4, "remote"),
        (5, 4, "watched"),
        (5, 0, "watched"),
    ];
    save(
        real.path(),
        &people
            .iter()
            .map(|&(u, late, flex)| answers("normal", u, late, flex))
            .collect::<Vec<_>>(),
    );
    // The attacker's ten, who "have to explain": five mixed, five
    // sidelined; five with the flexible team flag, five without.
    let fake_dir = tempfile::tempdir().unwrap();
    let made = [
        (5, 0, "watched"),
        (5, 1, "watched"),
        (5, 0, "remote"),
        (3, 0, "remote"),
        (5, 1, "remote"),
        (1, 4, "watched"),
        (3, 4, "watched"),
        (1, 3, "watched"),
        (3, 4, "remote"),
        (1, 4, "remote"),
    ];
    let fakes: Vec<Person> = save(
        fake_dir.path(),
        &made
            .iter()
            .map(|&(u, late, flex)| answers("explain", u, late, flex))
            .collect::<Vec<_>>(),
    )
    .iter()
    .map(|f| person(f))
    .collect();
    let n = fakes.len() as f64 + 1.0;
    let mut attack = Attack::default();
    for victim in victims() {
        let dir = tempfile::tempdir().unwrap();
        let who = person(&save(dir.path(), &[victim])[0]);
        let s = json(
            &["--by", "boss_early_leave"],
            &[real.path(), fake_dir.path(), dir.path()],
        );
        audit(&s);
        let g = group(&s, "explain");
        let estimates: Vec<Option<f64>> = measures(&g["stats"])
            .iter()
            .enumerate()
            .map(|(i, (_, m))| {
                let known: f64 = fakes.iter().map(|f| f.scores[i]).sum();
                Some(n * m["mean"].as_f64()? - known)
            })
            .collect();
        let differences: Vec<(String, f64)> = counts(g)
            .into_iter()
            .map(|(k, c)| {
                let known = fakes.iter().filter(|f| f.in_cell(&k)).count();
                (k, c - known as f64)
            })
            .collect();
        attack.victim(&who, &estimates, &differences);
    }
    attack.failed();
}

/// The fresh-eyes attacker's second way in: a copy of a result, laid out
/// again (indented otherwise, its keys in another order), with a `taken`
/// date and other notes, under another name, counted as a second person.
#[test]
fn a_copy_laid_out_or_named_otherwise_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = save(
        dir.path(),
        &(0..4)
            .map(|i| sheet(Some("normal"), (1 + i) as u8, true, false, i))
            .collect::<Vec<_>>(),
    );
    let mut r: Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    r["taken"] = Value::String("2026-01-01".into());
    r["answers"]["notes"] = Value::String("someone else entirely".into());
    for d in r["dimensions"].as_array_mut().unwrap() {
        for q in d["questions"].as_array_mut().unwrap() {
            if q["id"] == "notes" {
                q["answer"] = Value::String("someone else entirely".into());
            }
        }
    }
    // serde_json's map sorts the keys: another order, and no indentation.
    std::fs::write(dir.path().join("zz-copy.json"), r.to_string()).unwrap();
    let s = json(&[], &[dir.path()]);
    audit(&s);
    assert_eq!(
        s["all"]["suppressed"], true,
        "four people shown as five: {s}"
    );
    let s = json(&["--min-group", "3"], &[dir.path()]);
    audit(&s);
    assert_eq!(s["duplicates"], 1, "{s}");
    // Every format says so, and that the figures carry noise, and why.
    for format in ["text", "markdown", "html", "json", "csv"] {
        let out = run(&["--min-group", "3", "--format", format], &[dir.path()]);
        // Words, whatever the wrapping.
        let text = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for said in [
            "1 result was counted once: the same answers",
            "Every figure carries a little noise",
            "cannot be subtracted from another to find that person",
        ] {
            assert!(text.contains(said), "{format}: {text}");
        }
    }
}

/// The fresh-eyes attacker's fourth way in (round 2): results of their own
/// making whose written scores were edited (the answers, and so the
/// record key, kept) fed the quartiles figures that solved for a victim;
/// a `NaN` was taken too. Every figure is now worked out again from the
/// answers with the bank, and a result that says otherwise is refused,
/// naming the file, the line and the field.
#[test]
fn a_result_whose_written_figures_are_not_its_answers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = save(dir.path(), &[sheet(Some("explain"), 2, true, false, 0)]);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let original: Value = serde_json::from_str(&text).unwrap();
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 5] = [
        ("`overall.score` is 100", |r| {
            r["overall"]["score"] = 100.0.into()
        }),
        ("`overall.verdict` is \"positive\"", |r| {
            r["overall"]["verdict"] = "positive".into()
        }),
        ("the score of `flex` is 0", |r| {
            r["dimensions"][1]["score"] = 0.0.into()
        }),
        ("flags", |r| r["flags"] = serde_json::json!([])),
        ("the answer to `boss_understands`", |r| {
            r["answers"]["boss_understands"] = 9.into()
        }),
    ];
    for (said, edit) in edits {
        let mut r = original.clone();
        edit(&mut r);
        std::fs::write(&files[0], serde_json::to_string_pretty(&r).unwrap()).unwrap();
        let out = run(&["--min-group", "3"], &[dir.path()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(65), "{said}: {err}");
        assert!(
            err.contains("000.json:") && err.contains(said),
            "{said}: {err}"
        );
        assert!(err.contains("changed after it was saved"), "{err}");
        assert!(out.stdout.is_empty());
    }
    // Numbers JSON cannot hold, or that no score is.
    for bad in ["NaN", "1e999", "-Infinity"] {
        let edited = serde_json::to_string_pretty(&original).unwrap().replacen(
            &format!("\"score\": {}", original["overall"]["score"]),
            &format!("\"score\": {bad}"),
            1,
        );
        assert!(edited.contains(bad));
        std::fs::write(&files[0], edited).unwrap();
        let out = run(&["--min-group", "3"], &[dir.path()]);
        assert_eq!(out.status.code(), Some(65), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("000.json:"));
    }
}
