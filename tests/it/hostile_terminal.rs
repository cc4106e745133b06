//! Issue 11, class 2: nothing from a bank, an answers file, a result or a
//! file name reaches the terminal raw. A hostile bank (escape sequences,
//! OSC 8 links, OSC 52 clipboard writes, C1 controls, lone carriage
//! returns and bidi overrides in every kind of text) and a hostile answers
//! file are walked through every command and format; no ESC, C1, bidi
//! override or lone CR may come out on standard output or standard error.

use std::path::{Path, PathBuf};

use crate::harness::{fixture, mt, write};

/// Escape sequences of every family, as YAML double-quoted escapes.
const EVIL: &str = r"\e[31mred\e[0m \e]8;;https://evil.example\e\\link\e]8;;\a \e]52;c;ZXZpbA==\a \x9b2J \u202Eevil\u202C \u2066iso\u2069 a\rb";
/// The same in JSON escapes, for results.
const EVIL_JSON: &str =
    r"\u001b[31mred\u001b[0m \u001b]52;c;ZXZpbA==\u0007 \u009b2J \u202eevil\u202c a\rb";

/// The bytes no output may hold, with a name for the failure message.
fn dangerous(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains('\u{1b}') {
        return Some("ESC");
    }
    if text.contains(|c: char| ('\u{80}'..='\u{9f}').contains(&c)) {
        return Some("a C1 control");
    }
    if text.contains(|c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')) {
        return Some("a bidi override");
    }
    if text.replace("\r\n", "\n").contains('\r') {
        return Some("a lone CR");
    }
    if text.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        return Some("a control character");
    }
    None
}

fn assert_inert(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(found) = dangerous(bytes) {
            panic!(
                "{what}: {found} on {stream}:\n{}",
                String::from_utf8_lossy(bytes).escape_debug()
            );
        }
    }
}

/// The mini bank with hostile text in every field a person reads.
fn hostile_bank(dir: &Path) -> PathBuf {
    let bank = dir.join("bank");
    std::fs::create_dir_all(&bank).unwrap();
    for e in std::fs::read_dir(fixture("mini")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, bank.join(p.file_name().unwrap())).unwrap();
    }
    let edit = |file: &str, pairs: &[(&str, &str)]| {
        let path = bank.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{file}: {from}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(path, text).unwrap();
    };
    let e = |s: &str| format!("\"{s} {EVIL}\"");
    edit(
        "bank.yaml",
        &[
            (
                "title: Mini bank",
                &format!("title: {}\ndescription: {}", e("Mini"), e("About")),
            ),
            ("\"Not legal advice.\"", &e("Not legal advice.")),
            ("\"Positive track\"", &e("Positive")),
            ("\"Good.\"", &e("Good.")),
            ("\"Sidelining risk\"", &e("Sidelining")),
            ("\"Careful.\"", &e("Careful.")),
            ("\"Mixed track\"", &e("Mixed")),
            (
                "\"Your manager counts family time against people\"",
                &e("Counted"),
            ),
            ("\"Your team works flexibly\"", &e("Flexible")),
            (
                "\"Look for a transfer to a more supportive manager\"",
                &e("Transfer"),
            ),
            (
                "\"Ask HR which teams have parents in senior roles.\"",
                &e("Ask HR"),
            ),
            ("\"Talk it over with someone you trust\"", &e("Talk")),
            ("\"A partner, a friend or a mentor.\"", &e("Partner")),
            (
                "advice:\n",
                &format!(
                    "kit:\n  - {{ id: kit_x, title: {}, detail: {}, source: {} }}\ntogether:\n  - {{ id: together_x, title: {}, detail: {}, source: {} }}\nadvice:\n",
                    e("Kit"),
                    e("Kit detail"),
                    e("Kit source"),
                    e("Together"),
                    e("Together detail"),
                    e("Together source"),
                ),
            ),
        ],
    );
    edit(
        "10_boss.yaml",
        &[
            (
                "title: Your manager",
                &format!("title: {}\ndescription: {}", e("Manager"), e("Set intro")),
            ),
            (
                "\"Do you have a manager?\"",
                &format!("{}\n    help: {}", e("Manager?"), e("Help")),
            ),
            (
                "\"What happens when you leave early for a child's appointment?\"",
                &e("Leave early?"),
            ),
            ("\"Nothing: it is normal\"", &e("Normal")),
            ("\"It is counted against me\"", &e("Counted")),
            ("\"Strongly disagree\"", &e("Strongly disagree")),
            ("\"Strongly agree\"", &e("Strongly agree")),
            (
                "\"My manager understands family demands.\"",
                &format!(
                    "{}\n    interview: {}\n    listen_for: {{ good: {}, worrying: {} }}\n    prospective:\n      prompt: {}\n      labels: [{}, b, c, d, e]",
                    e("Understands"),
                    e("Ask them"),
                    e("Good sign"),
                    e("Worrying sign"),
                    e("Understands there"),
                    e("Disagree there"),
                ),
            ),
        ],
    );
    edit(
        "20_flex.yaml",
        &[
            (
                "title: Flexibility",
                &format!(
                    "title: {}\nprospective_title: {}",
                    e("Flex"),
                    e("Flex there")
                ),
            ),
            (
                "\"Which of these can you use without stigma?\"",
                &format!(
                    "{}\n    interview: {}\n    prospective: {{ prompt: {}, help: {}, options: {{ remote: {} }} }}",
                    e("Stigma?"),
                    e("Ask about flex"),
                    e("Stigma there?"),
                    e("Help there"),
                    e("Remote there"),
                ),
            ),
            (
                "\"Are you considering part-time work?\"",
                &format!(
                    "{}\n    shared: true\n    discuss: {}",
                    e("Part-time?"),
                    e("Discuss")
                ),
            ),
            ("\"Remote days\"", &e("Remote")),
            ("\"Anything else?\"", &e("Anything?")),
        ],
    );
    bank
}

/// Answers with a hostile note; `extra` adds lines (e.g. a hostile key).
fn answers(dir: &Path, name: &str, extra: &str) -> PathBuf {
    write(
        dir,
        name,
        &format!(
            "has_manager: true\nboss_early_leave: counted\nboss_understands: 2\nflex_options: [remote, watched]\nnotes: \"{EVIL}\"\n{extra}"
        ),
    )
}

fn run(what: &str, cmd: &mut crate::harness::Test) -> std::process::Output {
    let out = cmd.output().expect("runs");
    assert_inert(what, &out);
    out
}

#[test]
fn every_command_and_format_keeps_hostile_text_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let bank = hostile_bank(tmp.path());
    let b = bank.to_str().unwrap();
    let good = answers(tmp.path(), "a.yaml", "");

    let out = run("validate", mt().args(["validate", b]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for format in ["text", "json"] {
        let out = run(
            format,
            mt().args(["questions", "--bank", b, "--format", format]),
        );
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Leave early? red"));
    }
    for quick in [false, true] {
        let mut c = mt();
        c.args(["template", "--bank", b]);
        if quick {
            c.arg("--quick");
        }
        let out = run("template", &mut c);
        assert!(out.status.success());
        // The template still reads as an answers file of nulls.
        let doc: serde_yaml::Value = serde_yaml::from_slice(&out.stdout).unwrap();
        assert!(doc.as_mapping().unwrap().values().all(|v| v.is_null()));
    }

    let mut results = Vec::new();
    for format in ["text", "markdown", "html", "json"] {
        let what = format!("assess --format {format}");
        let out = run(
            &what,
            mt().args(["assess", "--bank", b, "--answers"])
                .arg(&good)
                .args(["--format", format]),
        );
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if format == "json" {
            results.push(write(
                tmp.path(),
                "r.json",
                &String::from_utf8_lossy(&out.stdout),
            ));
        }
    }

    // The interactive session, plain: every heading, prompt and label.
    let state = tempfile::tempdir().unwrap();
    let out = run(
        "assess --plain",
        mt().args(["assess", "--plain", "--bank", b])
            .env("MOMMYTRACK_STATE_DIR", state.path())
            .write_stdin("1\n1\n2\n1 4\n1\nnote\n"),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Set intro red"));

    // A result edited to hold hostile text, reported and compared.
    let json = std::fs::read_to_string(&results[0]).unwrap();
    let edited = json.replacen(
        "\"title\": \"Mini",
        &format!("\"title\": \"{EVIL_JSON} Mini"),
        1,
    );
    assert_ne!(json, edited);
    let evil_result = write(tmp.path(), "evil\u{1b}[31m.json", &edited);
    for format in ["text", "markdown", "html", "json"] {
        let out = run(
            &format!("report {format}"),
            mt().arg("report")
                .arg(&evil_result)
                .args(["--format", format]),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = run(
            &format!("compare {format}"),
            mt().arg("compare")
                .arg(&results[0])
                .arg(&evil_result)
                .args(["--format", format]),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The words only some commands print: the kit, the interview lines,
    // the wording about an employer you are considering, the steps and
    // talking points for two partners. Each is printed by one of these,
    // and inert in every format.
    let saved = |name: &str, extra: &str| {
        let a = std::fs::read_to_string(answers(tmp.path(), name, extra)).unwrap();
        let r = crate::harness::assess_json(&bank, &a).to_string();
        write(tmp.path(), &format!("{name}.json"), &r)
    };
    let me = saved("me.yaml", "considering_part_time: true\n");
    let partner = saved("p.yaml", "considering_part_time: false\n");
    let there = write(
        tmp.path(),
        "there.yaml",
        "boss_understands: 1\nflex_options: [remote]\n",
    );
    let mut printed = String::new();
    for format in ["text", "markdown", "html", "json"] {
        let mut runs = vec![mt(), mt(), mt()];
        runs[0]
            .args(["assess", "--bank", b, "--prospective", "--answers"])
            .arg(&there);
        runs[1].arg("compare").arg(&me).arg(&partner);
        runs[2].args(["interview", "--bank", b]);
        if format == "json" {
            runs.pop();
        }
        for mut cmd in runs {
            let out = run(format, cmd.args(["--format", format]));
            assert!(
                out.status.success(),
                "{format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            printed += &String::from_utf8_lossy(&out.stdout);
        }
    }
    let printed = printed.split_whitespace().collect::<Vec<_>>().join(" ");
    for field in [
        "Kit red",
        "Kit detail red",
        "Together red",
        "Together detail red",
        "Discuss red",
        "Ask them red",
        "Good sign red",
        "Worrying sign red",
        "Understands there red",
        "Disagree there red",
        "Flex there red",
        "Stigma there? red",
        "Remote there red",
    ] {
        assert!(printed.contains(field), "no output prints {field:?}");
    }
}

#[test]
fn error_messages_keep_hostile_keys_values_and_file_names_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let bank = hostile_bank(tmp.path());
    let b = bank.to_str().unwrap();

    // A hostile key, a hostile value, in a file with a hostile name.
    let bad = answers(
        tmp.path(),
        "a\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}.yaml",
        &format!("\"{EVIL}\": 1\nboss_late_email: \"{EVIL}\"\n"),
    );
    let out = run(
        "bad answers",
        mt().args(["assess", "--bank", b, "--answers"]).arg(&bad),
    );
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown question id"), "{err}");

    // A bank with hostile values where validation quotes them.
    let broken = hostile_bank(&tmp.path().join("broken"));
    let set = broken.join("20_flex.yaml");
    let text = std::fs::read_to_string(&set).unwrap();
    std::fs::write(
        &set,
        text.replacen(
            "kind: multi",
            &format!("kind: \"{EVIL}\"\n    \"{EVIL}\": 1"),
            1,
        ),
    )
    .unwrap();
    let out = run("validate broken", mt().arg("validate").arg(&broken));
    assert_eq!(out.status.code(), Some(65));

    // Missing files with hostile names, as every input.
    let ghost = tmp.path().join("ghost\u{1b}[2J\u{9b}H\r.json");
    let g = ghost.to_str().unwrap();
    for args in [
        vec!["report", g],
        vec!["compare", g, g],
        vec!["assess", "--answers", g],
        vec!["validate", g],
        vec!["questions", "--bank", g],
    ] {
        let out = run(&args.join(" "), mt().args(&args));
        assert!(!out.status.success(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
}
