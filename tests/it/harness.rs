//! The test harness shared by every module of the integration test crate.
//!
//! [`Test`] is the one way to run the real binary: each `Test` gets a fresh
//! temporary folder as its current directory, a private state folder
//! (`MOMMYTRACK_STATE_DIR`) and `HOME`/`XDG_*` pointed inside it, so no test
//! touches the real home or the repository. It can copy (and edit) the mini
//! bank into that folder, write files there, feed standard input, and check
//! the exit code, standard output and standard error fluently:
//!
//! ```ignore
//! Test::new().mini().args(["validate", MINI]).code(0).stdout_contains("valid");
//! ```
//!
//! Below it: helpers for tests that use the library directly (the mini bank
//! as source files or as a loaded bank) and for fixture paths.
#![allow(dead_code)]

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock};

use mommytrack_engine::bank::{self, Bank, BankSource, SourceFile};

/// The path of the binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_mommytrack");

/// The mini bank in the fixtures, as an absolute path (read only).
pub const MINI_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

/// Where [`Test::mini`] puts the mini bank, relative to the test's folder.
pub const MINI: &str = "mini";

/// A run of the binary in a private temporary folder (see the module docs).
pub struct Test {
    dir: Dir,
    args: Vec<OsString>,
    env: Vec<(OsString, Option<OsString>)>,
    stdin: Option<Vec<u8>>,
}

/// The folder a test runs in: its own temporary one, or one the caller owns.
#[derive(Clone)]
enum Dir {
    Temp(Rc<tempfile::TempDir>),
    Given(PathBuf),
}

impl Dir {
    fn path(&self) -> &Path {
        match self {
            Dir::Temp(t) => t.path(),
            Dir::Given(p) => p,
        }
    }
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    /// A fresh temporary folder with `home/` and `state/` in it; `TERM=dumb`
    /// and no `NO_COLOR`, so output is as a script sees it.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for sub in ["home", "state"] {
            std::fs::create_dir(dir.path().join(sub)).expect("create a folder");
        }
        Self::at(Dir::Temp(Rc::new(dir)))
    }

    /// Runs in `dir`, a temporary folder the caller owns (and keeps alive),
    /// with the same private environment as [`Test::new`] pointing inside it
    /// (the folders themselves are not created: the caller decides what is
    /// in `dir`).
    pub fn in_dir(dir: &Path) -> Self {
        Self::at(Dir::Given(dir.to_path_buf()))
    }

    fn at(dir: Dir) -> Self {
        let mut t = Test {
            dir,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
        };
        let root = t.path().to_path_buf();
        t.env("MOMMYTRACK_STATE_DIR", root.join("state"))
            .env("HOME", root.join("home"))
            .env("XDG_STATE_HOME", root.join("home/.local/state"))
            .env("XDG_CONFIG_HOME", root.join("home/.config"))
            .env("XDG_DATA_HOME", root.join("home/.local/share"))
            .env("XDG_CACHE_HOME", root.join("home/.cache"))
            .env("TERM", "dumb")
            .env_remove("NO_COLOR");
        t
    }

    /// Another run in the same folder, with the same environment and no
    /// arguments or input: for a test that runs the binary several times.
    pub fn again(&self) -> Test {
        Test {
            dir: self.dir.clone(),
            args: Vec::new(),
            env: self.env.clone(),
            stdin: None,
        }
    }

    /// The test's temporary folder (the binary's current directory).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The private state folder (`MOMMYTRACK_STATE_DIR`).
    pub fn state(&self) -> PathBuf {
        self.path().join("state")
    }

    /// Copies the mini bank into `./mini` ([`MINI`]).
    pub fn mini(&mut self) -> &mut Self {
        self.mini_with(&[])
    }

    /// Copies the mini bank into `./mini` with `(file, from, to)` text
    /// replacements applied; each must match, so a test cannot silently test
    /// nothing.
    pub fn mini_with(&mut self, edits: &[(&str, &str, &str)]) -> &mut Self {
        copy_mini(&self.path().join(MINI), edits);
        self
    }

    /// Copies the mini bank into `rel`, a folder relative to the test's.
    pub fn mini_at(&mut self, rel: &str) -> &mut Self {
        copy_mini(&self.path().join(rel), &[]);
        self
    }

    /// Writes `text` to `name` in the test's folder (creating folders).
    pub fn file(&mut self, name: &str, text: impl AsRef<[u8]>) -> &mut Self {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a folder");
        }
        std::fs::write(p, text).expect("write a file");
        self
    }

    /// The text of `name` in the test's folder.
    pub fn read(&self, name: &str) -> String {
        let p = self.path().join(name);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// `name` in the test's folder, read as JSON.
    pub fn read_json(&self, name: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Self {
        let key = key.as_ref().to_owned();
        self.env.retain(|(k, _)| *k != key);
        self.env.push((key, Some(value.as_ref().to_owned())));
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Self {
        let key = key.as_ref().to_owned();
        self.env.retain(|(k, _)| *k != key);
        self.env.push((key, None));
        self
    }

    /// Feeds `input` on standard input (otherwise standard input is empty).
    pub fn stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin = Some(input.into());
        self
    }

    /// The same as [`Test::stdin`], named as in `assert_cmd`.
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Self {
        self.stdin(input)
    }

    /// The command as a `std::process::Command` (for a pseudo-terminal, or
    /// to pipe by hand); standard input is not set.
    pub fn command(&self) -> std::process::Command {
        self.command_for(BIN)
    }

    /// A command running `program` (a shell, say) in the test's folder and
    /// environment, with the test's arguments.
    pub fn command_for(&self, program: impl AsRef<OsStr>) -> std::process::Command {
        let mut c = std::process::Command::new(program);
        c.current_dir(self.path()).args(&self.args);
        for (k, v) in &self.env {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c
    }

    /// Runs the binary to the end and returns what it did (standard input
    /// is empty unless [`Test::stdin`] gave some).
    pub fn output(&mut self) -> std::io::Result<Output> {
        let mut std = self.command();
        if self.stdin.is_none() {
            std.stdin(Stdio::null());
        }
        let mut c = assert_cmd::Command::from_std(std);
        if let Some(input) = &self.stdin {
            c.write_stdin(input.clone());
        }
        c.output()
    }

    /// The binary with `args` in this test's folder, under `ulimit -v`
    /// ([`MEMORY_LIMIT_KIB`]) and `ulimit -t` ([`CPU_LIMIT_S`]), with
    /// nothing on standard input: for runs that could eat memory or time.
    pub fn limited(&self, args: &[&str]) -> std::process::Command {
        require("sh");
        let mut cmd = self.again();
        cmd.arg("-c")
            .arg(format!(
                "ulimit -v {MEMORY_LIMIT_KIB} 2>/dev/null; ulimit -t {CPU_LIMIT_S} 2>/dev/null; exec \"$0\" \"$@\""
            ))
            .arg(BIN)
            .args(args);
        let mut cmd = cmd.command_for("sh");
        cmd.stdin(Stdio::null());
        cmd
    }

    /// Runs the binary for `assert_cmd`'s assertions.
    pub fn assert(&mut self) -> assert_cmd::assert::Assert {
        use assert_cmd::assert::OutputAssertExt;
        self.output().expect("the binary runs").assert()
    }

    /// Runs the binary to the end.
    pub fn run(&mut self) -> Outcome {
        Outcome {
            output: self.output().expect("the binary runs"),
            args: self.args.clone(),
            dir: self.dir.clone(),
        }
    }

    /// Runs the binary and checks its exit code.
    pub fn code(&mut self, code: i32) -> Outcome {
        let o = self.run();
        o.code(code);
        o
    }

    /// Runs the binary and checks that it succeeded.
    pub fn success(&mut self) -> Outcome {
        self.code(0)
    }
}

/// What a run did; every check names the arguments and shows both streams
/// when it fails. The test's folder lives as long as this does.
pub struct Outcome {
    pub output: Output,
    args: Vec<OsString>,
    dir: Dir,
}

impl Outcome {
    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\nargs: {:?}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args,
            self.output.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Standard output read as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.output.stdout)
            .unwrap_or_else(|e| self.fail(&format!("standard output is not JSON: {e}")))
    }

    /// The test's temporary folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn code(&self, code: i32) -> &Self {
        if self.output.status.code() != Some(code) {
            self.fail(&format!("expected exit code {code}"));
        }
        self
    }

    pub fn stdout_is(&self, want: &str) -> &Self {
        if self.stdout() != want {
            self.fail(&format!("expected standard output {want:?}"));
        }
        self
    }

    pub fn stderr_is(&self, want: &str) -> &Self {
        if self.stderr() != want {
            self.fail(&format!("expected standard error {want:?}"));
        }
        self
    }

    pub fn stdout_contains(&self, needle: &str) -> &Self {
        if !self.stdout().contains(needle) {
            self.fail(&format!("standard output lacks {needle:?}"));
        }
        self
    }

    pub fn stderr_contains(&self, needle: &str) -> &Self {
        if !self.stderr().contains(needle) {
            self.fail(&format!("standard error lacks {needle:?}"));
        }
        self
    }

    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        if self.stdout().contains(needle) {
            self.fail(&format!("standard output contains {needle:?}"));
        }
        self
    }

    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        if self.stderr().contains(needle) {
            self.fail(&format!("standard error contains {needle:?}"));
        }
        self
    }
}

/// A test run of the binary (see [`Test`]), for the call sites written
/// before the harness: `mt().args([...]).assert().success()`.
pub fn mt() -> Test {
    Test::new()
}

/// KiB of address space a run under [`Test::limited`] may use: 1 GiB.
pub const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;
/// Seconds of CPU a run under [`Test::limited`] may use before the
/// kernel ends it (SIGXCPU): work bounded by construction takes a second
/// or two of them on the debug build, unbounded work within the caps far
/// more. A bound, not a measure: no test reads a clock.
pub const CPU_LIMIT_S: u64 = 10;

/// Saves `name`: a prospective result (JSON) of `answers` given on stdin.
pub fn prospective(t: &Test, name: &str, answers: &str) {
    t.again()
        .args(["assess", "--prospective", "--format", "json", "-o", name])
        .args(["--answers", "-"])
        .stdin(answers)
        .success();
}

/// `assess --prospective --format json` of `answers` given on stdin, in
/// `t`'s folder: the run, for its result ([`Outcome::json`]) and warnings.
pub fn prospective_json(t: &Test, answers: &str) -> Outcome {
    t.again()
        .args(["assess", "--prospective", "--format", "json"])
        .args(["--answers", "-"])
        .stdin(answers)
        .success()
}

/// The question `id` as the result `r` (JSON) records it, if it was asked.
pub fn asked<'r>(r: &'r serde_json::Value, id: &str) -> Option<&'r serde_json::Value> {
    (r["dimensions"].as_array()?.iter())
        .flat_map(|d| d["questions"].as_array().into_iter().flatten())
        .find(|q| q["id"] == id)
}

/// The draft an interrupted session left in the state folder `state`.
pub fn draft_in(state: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(state.join("draft.json")).expect("a draft");
    serde_json::from_str(&text).expect("a JSON draft")
}

/// A path under `tests/fixtures` (read only: never write there).
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A path in the repository (read only: never write there).
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The mini bank's folder in the fixtures (read only).
pub fn mini_dir() -> PathBuf {
    PathBuf::from(MINI_FIXTURE)
}

/// The mini bank's files, for tests of the library.
pub fn mini_files() -> Vec<SourceFile> {
    BankSource::Dir(mini_dir()).files().expect("mini bank")
}

/// The mini bank, loaded.
pub fn mini_bank() -> Bank {
    bank::load(&BankSource::Dir(mini_dir()))
        .expect("the mini bank loads")
        .0
}

/// Copies the mini bank into `dest` (created) with `(file, from, to)` text
/// replacements applied; each must match.
pub fn copy_mini(dest: &Path, edits: &[(&str, &str, &str)]) {
    std::fs::create_dir_all(dest).expect("create the bank folder");
    for entry in std::fs::read_dir(mini_dir()).expect("mini bank") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        std::fs::copy(&path, dest.join(name)).expect("copy");
    }
    for (file, from, to) in edits {
        let path = dest.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
}

/// A copy of the mini bank in a temporary folder, with `(file, from, to)`
/// text replacements applied (each must match, so a test cannot silently
/// test nothing).
pub fn mini_with(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_mini(dir.path(), edits);
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

pub fn stdout_of(c: &mut Test) -> String {
    let out = c.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Whether an optional outside tool (`man`, `zsh`, `fish`) runs here; prints
/// why the check is skipped when it does not.
pub fn have(tool: &str, probe: &[&str]) -> bool {
    let ok = std::process::Command::new(tool)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        println!("notice: `{tool}` is not installed here, so this check is skipped");
    }
    ok
}

/// A tool the suite cannot do without (`bash`, `sh`): fails the test when
/// it is missing instead of passing without checking anything.
pub fn require(tool: &str) {
    let ok = std::process::Command::new(tool)
        .args(["-c", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "`{tool}` is needed by this test and does not run here");
}

/// The harness itself: runs are private and its checks can fail.
mod checks {
    use super::*;

    #[test]
    fn a_run_writes_only_into_its_own_folder() {
        let mut t = Test::new();
        t.mini()
            .args(["assess", "--bank", MINI, "--answers", "-", "--output", "3"])
            .stdin("boss_understands: 4\n")
            .success()
            .stdout_is("");
        assert!(
            t.path().join("3").is_file(),
            "the report is in the test's folder"
        );
        assert!(
            !repo("3").exists(),
            "nothing is written into the repository"
        );
        // The same folder again: a second run sees the first one's file.
        t.again()
            .args(["report", "3"])
            .code(65)
            .stderr_contains("3");
    }

    /// The examples of /work/coord/HARNESS.md, kept working.
    #[test]
    fn the_guide_examples_hold() {
        Test::new()
            .mini()
            .args(["assess", "--bank", MINI, "--answers", "-"])
            .stdin("has_manager: true\nboss_early_leave: normal\nboss_understands: 4\nboss_late_email: 1\n")
            .code(0)
            .stdout_contains("Verdict");
        Test::new()
            .mini_with(&[("10_boss.yaml", "kind: choice", "kind: choise")])
            .args(["validate", MINI])
            .code(65)
            .stderr_contains("did you mean");
    }

    #[test]
    fn the_environment_points_into_the_test_folder() {
        let t = Test::new();
        let c = t.command();
        assert_eq!(c.get_current_dir(), Some(t.path()));
        let envs: Vec<_> = c.get_envs().collect();
        for key in ["MOMMYTRACK_STATE_DIR", "HOME", "XDG_STATE_HOME"] {
            let value = envs
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| *v)
                .unwrap_or_else(|| panic!("{key} is not set"));
            assert!(Path::new(value).starts_with(t.path()), "{key}={value:?}");
        }
        assert!(envs.contains(&(OsStr::new("NO_COLOR"), None)));
    }

    #[test]
    #[should_panic(expected = "expected exit code 0")]
    fn a_wrong_exit_code_fails() {
        Test::new().args(["no-such-command"]).success();
    }

    #[test]
    #[should_panic(expected = "standard error lacks")]
    fn a_missing_needle_fails() {
        Test::new()
            .args(["--version"])
            .success()
            .stderr_contains("mommytrack");
    }

    #[test]
    #[should_panic(expected = "does not contain")]
    fn an_edit_that_matches_nothing_fails() {
        Test::new().mini_with(&[("bank.yaml", "no such text", "x")]);
    }
}

/// Runs `assess --format json` on a bank folder with `answers` (YAML) and
/// returns the result; fails the test, with standard error, if it fails.
pub fn assess_json(bank: &Path, answers: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write(dir.path(), "answers.yaml", answers);
    mt().args(["assess", "--format", "json", "--bank"])
        .arg(bank)
        .arg("--answers")
        .arg(&a)
        .success()
        .json()
}

/// `--bank DIR` for `summarize` of `paths` (results, or folders of them),
/// which checks every result against the bank it was made with: the
/// fixture bank whose title the first result names, or nothing for the
/// built-in bank (or when `args` already name one).
pub fn bank_args(args: &[&str], paths: &[&Path]) -> Vec<OsString> {
    if args.contains(&"--bank") {
        return Vec::new();
    }
    let first = paths.iter().find_map(|p| {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .ok()?
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            files
                .into_iter()
                .find(|f| f.extension().is_some_and(|e| e == "json"))
        } else {
            Some(p.to_path_buf())
        }
    });
    let title = first
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| Some(v.get("bank")?.get("title")?.as_str()?.to_string()));
    let Some(title) = title else {
        return Vec::new();
    };
    for dir in std::fs::read_dir(fixture(""))
        .into_iter()
        .flatten()
        .flatten()
    {
        let yaml = std::fs::read_to_string(dir.path().join("bank.yaml")).unwrap_or_default();
        if yaml.lines().any(|l| l.trim() == format!("title: {title}")) {
            return vec!["--bank".into(), dir.path().into()];
        }
    }
    Vec::new()
}

/// Saves one JSON result per answers text in `dir` (`000.json`, …),
/// assessed on `bank`, and returns their paths. A result depends on the
/// bank and the answers only, so each is made once a run for every test
/// that saves the same answers with the same bank, and written again from
/// there (a test may change its own copies).
pub fn save_results<S: AsRef<str>>(
    dir: &Path,
    bank: &Path,
    sheets: impl IntoIterator<Item = S>,
) -> Vec<PathBuf> {
    type Made = Mutex<HashMap<(PathBuf, String), Arc<OnceLock<Vec<u8>>>>>;
    static MADE: OnceLock<Made> = OnceLock::new();
    std::fs::create_dir_all(dir).expect("create the folder");
    (sheets.into_iter().enumerate())
        .map(|(i, text)| {
            let text = text.as_ref();
            // One slot per bank and answers; the map is locked only to find it.
            let slot = MADE
                .get_or_init(Made::default)
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry((bank.to_path_buf(), text.to_string()))
                .or_default()
                .clone();
            let result = slot.get_or_init(|| {
                let run = mt()
                    .args(["assess", "--format", "json", "--bank"])
                    .arg(bank)
                    .args(["--answers", "-"])
                    .write_stdin(text)
                    .output()
                    .expect("runs");
                let err = String::from_utf8_lossy(&run.stderr);
                assert!(run.status.success(), "{err}");
                run.stdout
            });
            let out = dir.join(format!("{i:03}.json"));
            std::fs::write(&out, result).expect("write a result");
            out
        })
        .collect()
}

/// `summarize` of `paths` with `args`, the tests' key ([`summary_state`])
/// and the bank the results were made with ([`bank_args`]).
pub fn summarize(args: &[&str], paths: &[&Path]) -> Output {
    mt().arg("summarize")
        .args(paths)
        .args(args)
        .args(bank_args(args, paths))
        .env("MOMMYTRACK_STATE_DIR", summary_state())
        .output()
        .expect("runs")
}

/// [`summarize`] with `--format json`, which must succeed: the summary.
pub fn summary_json(args: &[&str], paths: &[&Path]) -> serde_json::Value {
    let out = summarize(&[args, &["--format", "json"]].concat(), paths);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    serde_json::from_slice(&out.stdout).expect("a JSON summary")
}

/// A state folder holding a fixed secret key for `summarize` (its
/// perturbations are drawn with it): summaries made in tests are the same
/// from one run of the tests to the next. The tests assert what holds
/// whatever the draws: `SUMMARY_TEST_KEY` (32 hex digits) runs them with
/// another key to show it.
pub fn summary_state() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let key = std::env::var("SUMMARY_TEST_KEY")
            .unwrap_or_else(|_| "0123456789abcdef0fedcba987654321".into());
        std::fs::write(dir.path().join("summary-key"), format!("{key}\n")).expect("write the key");
        dir
    })
    .path()
}
