//! The conventions of a well-behaved command-line tool (issue 6): shell
//! completions that load, a man page that renders, examples in every
//! command's help, quiet exits on a closed pipe, and `--version`.
//!
//! `bash` is required (CI and every supported system has it; the CI script
//! is itself a bash script): a test that needs it fails when it is missing.
//! Optional tools (`man`, `zsh`, `fish`) are checked for real where they are
//! installed; where not, the check is skipped and says so on standard output.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{BIN, Test, have, require};

fn mt(args: &[&str]) -> std::process::Output {
    Test::new().args(args).output().expect("runs")
}

fn stdout_ok(args: &[&str]) -> String {
    let out = mt(args);
    assert!(
        out.status.success(),
        "{args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bash_completions_pass_bash_n_and_load() {
    let script = stdout_ok(&["completions", "bash"]);
    assert!(script.contains("_mommytrack()"));
    require("bash");
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(dir.path(), "mommytrack.bash", &script);
    let out = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Loaded, it registers a completion for the command.
    let out = Command::new("bash")
        .arg("-c")
        .arg("source \"$0\" && complete -p mommytrack")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("_mommytrack"));
}

#[test]
fn completions_for_every_shell() {
    let expect = [
        ("bash", "complete -F _mommytrack"),
        ("zsh", "#compdef mommytrack"),
        ("fish", "complete -c mommytrack"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[mommytrack]"),
    ];
    for (shell, marker) in expect {
        let script = stdout_ok(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        // Every command is offered.
        for cmd in ["assess", "validate", "questions", "template", "completions"] {
            assert!(script.contains(cmd), "{shell} completions lack {cmd}");
        }
    }
    if have("zsh", &["-c", "true"]) {
        let dir = tempfile::tempdir().unwrap();
        let p = write_temp(
            dir.path(),
            "_mommytrack",
            &stdout_ok(&["completions", "zsh"]),
        );
        let ok = Command::new("zsh").arg("-n").arg(&p).status().unwrap();
        assert!(ok.success(), "zsh -n failed");
    }
    if have("fish", &["-c", "true"]) {
        let dir = tempfile::tempdir().unwrap();
        let p = write_temp(dir.path(), "m.fish", &stdout_ok(&["completions", "fish"]));
        let ok = Command::new("fish").arg("-n").arg(&p).status().unwrap();
        assert!(ok.success(), "fish -n failed");
    }
    // An unknown shell is a usage error.
    assert_eq!(mt(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_renders_with_man_l() {
    let version = env!("CARGO_PKG_VERSION");
    for (args, title) in [
        (&["man"][..], "mommytrack"),
        (&["man", "assess"], "mommytrack-assess"),
    ] {
        let roff = stdout_ok(args);
        // The roff preamble once, and the title line with its date empty,
        // quoted: unquoted, roff took the next field for the date.
        assert_eq!(roff.matches(".ds Aq").count(), 2, "{roff}");
        // No DESCRIPTION that says again what NAME says.
        let name = roff
            .split(".SH NAME\n")
            .nth(1)
            .unwrap()
            .lines()
            .next()
            .unwrap();
        let about = name.split(" \\- ").nth(1).unwrap();
        assert!(
            !roff.contains(&format!(".SH DESCRIPTION\n{about}")),
            "{roff}"
        );
        assert!(
            roff.contains(&format!(".TH {title} 1 \"\" \"mommytrack {version}\" ")),
            "{roff}"
        );
        if !have("man", &["--version"]) {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let page = write_temp(dir.path(), "mommytrack.1", &roff);
        let out = Command::new("man")
            .arg("-l")
            .arg(&page)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "0")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "man -l failed: {stderr}");
        // Without a terminal, man may still embolden by overstriking: "N\bN".
        let raw = String::from_utf8_lossy(&out.stdout);
        let mut text = String::new();
        for c in raw.chars() {
            if c == '\u{8}' {
                text.pop();
            } else {
                text.push(c);
            }
        }
        for want in ["NAME", "SYNOPSIS", "mommytrack", "assess", "EXIT STATUS"] {
            assert!(
                text.contains(want),
                "the rendered page lacks {want}:\n{text}"
            );
        }
        // The footer: the version, no date, the page.
        let footer = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        let footer: Vec<&str> = footer.split_whitespace().collect();
        assert_eq!(footer, ["mommytrack", version, &format!("{title}(1)")]);
        assert!(
            !stderr.contains("warning") && !stderr.contains("error"),
            "man -l complained: {stderr}"
        );
    }
}

#[test]
fn every_command_help_shows_examples() {
    let top = stdout_ok(&["--help"]);
    assert!(top.contains("Examples:"), "mommytrack --help: no examples");
    // The commands as `--help` lists them (an entry's first word; its
    // description may go on below, indented further), but `help` itself.
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|&name| name != "help")
        .collect();
    let mut checked = 0;
    for name in commands {
        let help = stdout_ok(&[name, "--help"]);
        assert!(
            help.contains("Example:") || help.contains("Examples:"),
            "mommytrack {name} --help shows no example:\n{help}"
        );
        assert!(
            help.contains(&format!("mommytrack {name}")),
            "the examples of {name} do not use it"
        );
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} commands");
}

#[test]
fn version_is_the_package_version() {
    for flag in ["--version", "-V"] {
        let out = stdout_ok(&[flag]);
        assert_eq!(
            out.trim(),
            format!("mommytrack {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

/// A closed pipe ends a command with status 0 and nothing on standard
/// error: when the reader is gone before the first byte is written (every
/// command that prints), and when `head` goes after reading a little of an
/// output over twice what a pipe holds, so that a later write
/// fails too.
#[test]
fn a_closed_pipe_ends_quietly() {
    let answers =
        crate::harness::repo("tests/personas/australia_nurse_father_rosters.answers.yaml");
    let answers = answers.to_str().unwrap();
    let commands: [&[&str]; 8] = [
        &["questions"],
        &["questions", "--format", "json"],
        &["template"],
        &["assess", "--answers", answers],
        &["assess", "--answers", answers, "--format", "json"],
        &["man"],
        &["completions", "bash"],
        &["schema", "set"],
    ];
    // Warnings about the answers may come; nothing else may.
    let quiet = |what: &str, status: Option<i32>, stderr: &[u8]| {
        let stderr = String::from_utf8_lossy(stderr);
        let noise: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.contains(": warning: "))
            .collect();
        assert!(
            status == Some(0) && noise.is_empty(),
            "{what}: exit {status:?}\n{stderr}"
        );
    };
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Test::new()
            .args(args)
            .command()
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .output()
            .expect("runs");
        quiet(
            &format!("{args:?} into a closed pipe"),
            out.status.code(),
            &out.stderr,
        );
    }
    // A pipe holds 64 KiB on Linux (less elsewhere).
    require("bash");
    let args = ["questions", "--format", "json"];
    let whole = crate::once::run(&args).stdout.len();
    assert!(whole > 2 * 64 * 1024, "{args:?} prints only {whole} bytes");
    for reader in ["head -1", "head -c 1"] {
        let out = Test::new()
            .arg("-c")
            .arg(format!(
                "\"$0\" \"$@\" | {reader} >/dev/null; echo \"status=${{PIPESTATUS[0]}}\""
            ))
            .arg(BIN)
            .args(args)
            .command_for("bash")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let status = stdout.contains("status=0").then_some(0);
        quiet(
            &format!("{args:?} | {reader}: {stdout}"),
            status,
            &out.stderr,
        );
    }
}

/// Every page the manual names exists (`mommytrack man COMMAND`), the
/// assess page has its options, exit status, environment and files, and
/// the examples are laid out line by line.
#[test]
fn every_page_the_manual_names_exists_with_its_sections() {
    let main = stdout_ok(&["man"]);
    let named: Vec<String> = main
        .split("mommytrack\\-")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("\\fR(1)")
                .map(|(name, _)| name.replace("\\-", "-"))
        })
        .collect();
    assert!(named.len() >= 10, "{named:?}");
    for name in &named {
        let page = stdout_ok(&["man", name]);
        assert!(
            page.contains(&format!(".TH mommytrack-{name}")),
            "{name}: {page}"
        );
    }
    for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "VERSION"] {
        assert!(main.contains(section), "{section} in mommytrack(1)");
    }
    let assess = stdout_ok(&["man", "assess"]);
    for want in [
        "\\-\\-resume",
        "\\-\\-plain",
        "\\-\\-quick",
        "EXIT STATUS",
        "130",
        "MOMMYTRACK_STATE_DIR",
        "NO_COLOR",
        "draft.json",
    ] {
        assert!(assess.contains(want), "{want} in mommytrack-assess(1)");
    }
    // The examples unfilled, one per line.
    let examples = assess
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .expect("examples");
    let examples = examples.split("\n.fi").next().unwrap();
    assert!(examples.lines().count() >= 4, "{examples}");
    assert!(
        examples.lines().all(|l| l.starts_with("mommytrack assess")),
        "{examples}"
    );
    // A page that does not exist is a usage error naming the pages.
    let out = mt(&["man", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("assess, report"));
}

/// `--follow-links` is offered only by the commands that read a bank.
#[test]
fn follow_links_is_in_the_help_of_the_commands_that_read_a_bank_only() {
    for (command, has) in [
        ("assess", true),
        ("validate", true),
        ("questions", true),
        ("template", true),
        ("report", false),
        ("compare", false),
        ("summarize", true),
        ("interview", true),
        ("history", true),
        ("schema", false),
        ("man", false),
        ("completions", false),
    ] {
        let help = stdout_ok(&[command, "--help"]);
        assert_eq!(help.contains("--follow-links"), has, "{command}: {help}");
    }
}
