//! The terminal session as a person lives it, through the real binary in
//! a pseudo-terminal of a given size (set with `stty` before the program
//! starts), NO_COLOR unless a test says otherwise: the one PTY harness of
//! the suite ([`Tty`]). Everything the program writes is also fed to a
//! terminal emulator (`vt100`) of the same size, so a test can look at the
//! screen as a person sees it (what is in view, what went to the
//! scrollback) and wait for it, never for a fixed time.
//!
//! [`flows`]: answers saved, Esc back, Ctrl-C and resume, plain mode;
//! [`lists`]: the list window, number keys, help in place, ticks;
//! [`echoes`]: what stays above the questions;
//! [`editor`]: text answers and "Save as"; [`end`]: the end screen, the
//! pager, the save step and the hints.

use std::fs::File;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::{BIN, MINI_FIXTURE as MINI, Test};

mod echoes;
mod editor;
mod employer;
mod end;
mod flows;
mod lists;
mod settled;

/// The longest any one wait may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(20);
const WIDTHS: [usize; 2] = [60, 100];
/// The sizes every screen test runs at.
const SIZES: [(usize, usize); 3] = [(40, 15), (60, 20), (100, 30)];

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const ESC: &str = "\x1b";
const END: &str = "\x1b[F";
const HOME: &str = "\x1b[H";
const LEFT: &str = "\x1b[D";
const PGDN: &str = "\x1b[6~";
const PGUP: &str = "\x1b[5~";
const CTRL_U: &str = "\x15";
const CTRL_W: &str = "\x17";
const BACKSPACE: &str = "\x7f";

/// A program in a pseudo-terminal of a given size, with everything it
/// printed kept, and the screen it draws.
struct Tty {
    p: PtySession,
    /// Every byte written, as text.
    log: String,
    /// Where [`Tty::expect`] looks from.
    seen: usize,
    bytes: Vec<u8>,
    vt: vt100::Parser,
    /// Output not yet given to the emulator (the start of a sequence).
    held: Vec<u8>,
    cols: usize,
    rows: usize,
    /// The terminal's other end, to ask who is in front and to write the
    /// marker of [`Tty::settled`] through.
    master: File,
    /// Output read but not yet taken in: a part of the marker, maybe.
    raw: Vec<u8>,
    /// Markers written, and seen come back.
    marks: (usize, usize),
    /// What the program will have read, in all, once it has read every
    /// key sent (`rchar` of `/proc/PID/io`).
    keys_read: u64,
    /// The last key sent was a lone Esc: when the program was first seen
    /// to have read it.
    lone_esc: Option<Option<Instant>>,
}

/// Written to the terminal by [`Tty::settled`] behind what the program
/// wrote, and taken out of the output when it comes back.
const MARK: &[u8] = b"\x1b_mommytrack-test-settled\x1b\\";

/// How long the program waits for the rest of a sequence after an Esc
/// (`SEQUENCE_GAP` in src/interactive/keys.rs), with room to spare.
const ESC_GAP: Duration = Duration::from_millis(60);

/// The binary under test: `MOMMYTRACK_TEST_BIN` names another build (an
/// old one, to show that a test fails before its fix).
fn bin() -> String {
    std::env::var("MOMMYTRACK_TEST_BIN").unwrap_or_else(|_| BIN.to_string())
}

/// The binary in a terminal of `cols` × `rows` (set by `stty` in a shell
/// that then runs it), in the harness's private environment with `state`
/// as its state and home folder.
fn command(state: &Path, cols: usize, rows: usize, args: &[&str]) -> Command {
    Test::in_dir(state)
        .arg("-c")
        .arg(format!(
            "stty cols {cols} rows {rows} && exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(args)
        .env("MOMMYTRACK_STATE_DIR", state)
        .env("HOME", state)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("PAGER", "cat")
        .env_remove("LESS")
        .env_remove("XDG_DOCUMENTS_DIR")
        .command_for("sh")
}

impl Tty {
    fn start(cmd: Command, cols: usize, rows: usize) -> Tty {
        let ms = u64::try_from(TIMEOUT.as_millis()).unwrap_or(20_000);
        let p = spawn_command(cmd, Some(ms)).expect("the binary starts in a pty");
        let master = p.process().get_file_handle().expect("the pty");
        Tty {
            p,
            log: String::new(),
            seen: 0,
            bytes: Vec::new(),
            vt: vt100::Parser::new(rows as u16, cols as u16, 5000),
            held: Vec::new(),
            cols,
            rows,
            master,
            raw: Vec::new(),
            marks: (0, 0),
            keys_read: 0,
            lone_esc: None,
        }
    }

    fn at(state: &Path, cols: usize, rows: usize, args: &[&str]) -> Tty {
        Tty::start(command(state, cols, rows, args), cols, rows)
    }

    /// `assess --quick` on the mini bank at `cols` × `rows` past the intro,
    /// in a state folder of its own (to be kept while the session runs).
    fn quick_mini(cols: usize, rows: usize) -> (tempfile::TempDir, Tty) {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            rows,
            &["assess", "--quick", "--bank", MINI],
        );
        t.begin();
        (state, t)
    }

    /// Takes in what the program wrote since the last look. Returns
    /// whether anything came.
    fn pump(&mut self) -> bool {
        let mut got = Vec::new();
        while let Some(c) = self.p.try_read() {
            got.push(c as u8);
        }
        if got.is_empty() {
            return false;
        }
        // The markers out; a marker's start at the end waits for its rest.
        self.raw.extend(got);
        while let Some(at) = self.raw.windows(MARK.len()).position(|w| w == MARK) {
            let before: Vec<u8> = self.raw.drain(..at + MARK.len()).take(at).collect();
            self.take_in(&before);
            self.marks.1 += 1;
        }
        let keep = (1..MARK.len())
            .rev()
            .find(|&n| self.raw.ends_with(&MARK[..n]))
            .unwrap_or(0);
        let got: Vec<u8> = self.raw.drain(..self.raw.len() - keep).collect();
        self.take_in(&got);
        true
    }

    /// Gives output to the emulator and to the log.
    fn take_in(&mut self, got: &[u8]) {
        if got.is_empty() {
            return;
        }
        self.emulate(got);
        self.bytes.extend(got);
        // Decode whole characters only.
        let valid = match std::str::from_utf8(&self.bytes) {
            Ok(_) => self.bytes.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.bytes.len(),
        };
        let text = String::from_utf8_lossy(&self.bytes[..valid]).into_owned();
        self.bytes.drain(..valid);
        self.log.push_str(&text);
    }

    /// Feeds the emulator, which ignores "clear the scrollback" (`Esc [
    /// 3 J`): a terminal such as xterm or tmux empties its scrollback
    /// there, so the emulator starts again from that point (the screen is
    /// cleared just before it), keeping the modes set.
    fn emulate(&mut self, got: &[u8]) {
        const CLEAR_SCROLLBACK: &[u8] = b"\x1b[3J";
        self.held.extend_from_slice(got);
        while let Some(at) = self
            .held
            .windows(CLEAR_SCROLLBACK.len())
            .position(|w| w == CLEAR_SCROLLBACK)
        {
            self.vt.process(&self.held[..at]);
            let paste = self.vt.screen().bracketed_paste();
            let (rows, cols) = self.vt.screen().size();
            self.vt = vt100::Parser::new(rows, cols, 5000);
            if paste {
                self.vt.process(b"\x1b[?2004h");
            }
            self.held.drain(..at + CLEAR_SCROLLBACK.len());
        }
        // A sequence cut between two reads waits for the rest.
        let keep = (1..CLEAR_SCROLLBACK.len())
            .rev()
            .find(|&n| self.held.ends_with(&CLEAR_SCROLLBACK[..n]))
            .unwrap_or(0);
        let done = self.held.len() - keep;
        self.vt.process(&self.held[..done]);
        self.held.drain(..done);
    }

    /// Waits until `done` says yes, looking again whenever output comes
    /// (and every 20 ms, for what is not output: a file written).
    fn wait_until(&mut self, what: &str, mut done: impl FnMut(&mut Tty) -> bool) {
        let start = Instant::now();
        let mut looked: Option<Instant> = None;
        loop {
            let came = self.pump();
            if came || looked.is_none_or(|at| at.elapsed() > Duration::from_millis(20)) {
                if done(self) {
                    return;
                }
                looked = Some(Instant::now());
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waited {TIMEOUT:?} for {what} at {}x{}; the screen:\n{}",
                    self.cols,
                    self.rows,
                    self.screen()
                );
            }
            if !came {
                std::thread::sleep(Duration::from_micros(500));
            }
        }
    }

    /// Waits for `s` in the output after what was expected last; returns
    /// the output before it (escape sequences included).
    fn expect(&mut self, s: &str) -> String {
        let from = self.seen;
        self.wait_until(&format!("{s:?} in the output"), |t| {
            t.log[from..].contains(s)
        });
        let at = from + self.log[from..].find(s).expect("found");
        self.seen = at + s.len();
        self.log[from..at].to_string()
    }

    /// The screen as it is now: its rows, trailing spaces trimmed.
    fn screen(&self) -> String {
        self.vt.screen().contents()
    }

    /// Waits until the screen shows `s`, on one row or wrapped over
    /// several (rows joined by a space); returns the screen once drawn
    /// whole ([`Tty::settled`]: `s` may come before the end of its frame).
    fn on_screen(&mut self, s: &str) -> String {
        self.wait_until(&format!("{s:?} on screen"), |t| shows(&t.screen(), s));
        self.settled()
    }

    /// Waits until the program has done all it will do with the keys
    /// sent: it has read them all and waits for the next (blocked in
    /// `poll` on the terminal, as the kernel says), and everything it wrote
    /// is on the screen (a marker written to the terminal after it has
    /// come back). Then returns the screen. A key that changes nothing is
    /// settled as soon as it is read. Where the kernel does not say (no
    /// `/proc`), the screen not changing for a moment is taken instead.
    fn settled(&mut self) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            match self.waiting_for_a_key() {
                None => return self.quiet(),
                Some(true) => {
                    let marks = self.mark();
                    self.wait_until("the marker to come back", |t| t.marks.1 >= marks);
                    return self.screen();
                }
                Some(false) => {}
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waited {TIMEOUT:?} for the program to wait for a key at {}x{}; the screen:\n{}",
                    self.cols,
                    self.rows,
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until the output stops changing the screen for a moment.
    fn quiet(&mut self) -> String {
        let mut last = self.screen();
        let mut quiet = Instant::now();
        self.wait_until("the screen to settle", |t| {
            let now = t.screen();
            if now != last {
                last = now;
                quiet = Instant::now();
            }
            quiet.elapsed() > Duration::from_millis(150)
        });
        self.screen()
    }

    /// The process in front on the terminal (the binary, once the shell
    /// has run it).
    fn front(&self) -> Option<i32> {
        let mut pgrp: libc::pid_t = 0;
        // SAFETY: TIOCGPGRP writes one pid_t through the pointer.
        let r = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCGPGRP, &mut pgrp) };
        (r == 0 && pgrp > 0).then_some(pgrp)
    }

    /// What the kernel says of the program: `Some(true)` when it has read
    /// every key sent and is blocked waiting for more (or has ended),
    /// `Some(false)` when not yet, `None` when the kernel does not say.
    fn waiting_for_a_key(&mut self) -> Option<bool> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let pid = self.front()?;
        let proc = PathBuf::from(format!("/proc/{pid}"));
        let Ok(stat) = std::fs::read_to_string(proc.join("stat")) else {
            return Some(true); // gone
        };
        // "pid (name) S ...": the state after the name.
        let state = stat.rsplit_once(") ")?.1.chars().next()?;
        if matches!(state, 'Z' | 'X') {
            return Some(true);
        }
        if self.read_so_far()? < self.keys_read {
            return Some(false);
        }
        // After a lone Esc the program waits a moment for the rest of a
        // sequence, in `poll` too: that wait is not waiting for a key.
        if let Some(read) = &mut self.lone_esc {
            let at = *read.get_or_insert_with(Instant::now);
            if at.elapsed() < ESC_GAP {
                return Some(false);
            }
        }
        let call = std::fs::read_to_string(proc.join("syscall")).ok()?;
        let call = call.split_whitespace().next()?;
        if call == "running" {
            return Some(false);
        }
        let nr: libc::c_long = call.parse().ok()?;
        Some(POLLS.contains(&nr))
    }

    /// How many bytes the program has read, in all (`None`: not known).
    fn read_so_far(&self) -> Option<u64> {
        let pid = self.front()?;
        let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
        io.lines()
            .find_map(|l| l.strip_prefix("rchar: "))?
            .trim()
            .parse()
            .ok()
    }

    /// Writes the marker to the terminal, behind everything the program
    /// wrote; returns how many have been written. (The terminal is closed
    /// again at once: open here, it would not end with the program.)
    fn mark(&mut self) -> usize {
        std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(slave_name(&self.master))
            .and_then(|mut slave| slave.write_all(MARK))
            .expect("the marker is written");
        self.marks.0 += 1;
        self.marks.0
    }

    /// The lines that scrolled off the top of the screen, oldest first.
    fn scrollback(&mut self) -> Vec<String> {
        let screen = self.vt.screen_mut();
        screen.set_scrollback(usize::MAX);
        let total = screen.scrollback();
        let rows = usize::from(screen.size().0);
        let mut lines = vec![String::new(); total];
        let mut off = total;
        while off > 0 {
            screen.set_scrollback(off);
            let cols = screen.size().1;
            for (i, row) in screen.rows(0, cols).enumerate().take(rows) {
                let at = total - off + i;
                if at < total {
                    lines[at] = row.trim_end().to_string();
                }
            }
            off = off.saturating_sub(rows);
        }
        screen.set_scrollback(0);
        lines
    }

    /// The scrollback and the screen, as one text.
    fn everything(&mut self) -> String {
        let mut all = self.scrollback();
        all.push(self.screen());
        all.join("\n")
    }

    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            // Read once the program has read as much again as is sent
            // (more if keys sent before are still unread).
            if let Some(read) = self.read_so_far() {
                self.keys_read = self.keys_read.max(read) + k.len() as u64;
            }
            self.lone_esc = (*k == ESC).then_some(None);
            self.p.send(k).expect("send a key");
            self.p.flush().expect("flush");
        }
    }

    /// Sends keys, then waits until `s` is on screen.
    fn press(&mut self, keys: &[&str], s: &str) -> String {
        self.keys(keys);
        self.on_screen(s)
    }

    /// Past the intro, and the first part's introduction where a small
    /// screen shows it until Enter.
    fn begin(&mut self) {
        loop {
            let before = self.expect("Press Enter ");
            let _ = before;
            let last = self.expect(".").starts_with("to begin");
            self.keys(&[ENTER]);
            if last {
                break;
            }
        }
        self.past_part_intro();
    }

    /// Enter at a part's introduction where a small screen shows it until
    /// Enter, once a question or the introduction is on screen.
    fn past_part_intro(&mut self) {
        let start = Instant::now();
        let s = loop {
            let s = self.settled();
            if s.contains('❯') || s.contains("› ") || s.contains("Press Enter to go on.") {
                break s;
            }
            assert!(start.elapsed() < TIMEOUT, "no question: {s}");
        };
        if s.contains("Press Enter to go on.") {
            self.keys(&[ENTER]);
        }
    }

    /// Waits for the echo of the question that starts with `question`, on
    /// screen or in the scrollback; returns its line.
    fn echo_of(&mut self, question: &str) -> String {
        let start = format!("✔ {question}");
        let find = |t: &mut Tty| {
            let all = t.everything();
            all.lines()
                .rev()
                .find(|l| l.starts_with(&start))
                .map(str::to_string)
        };
        self.wait_until(&format!("the echo of {question:?}"), |t| find(t).is_some());
        find(self).expect("found")
    }

    fn exit_code(&mut self) -> i32 {
        let rest = self.p.exp_eof().expect("the program ends");
        let mut bytes = std::mem::take(&mut self.raw);
        bytes.extend(rest.chars().map(|c| c as u8));
        self.emulate(&bytes);
        self.log.push_str(&String::from_utf8_lossy(&bytes));
        match self.p.process().wait().expect("wait for the program") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("the program did not exit normally: {other:?}"),
        }
    }

    /// Every line the program wrote fits the terminal: nothing relies on
    /// the terminal wrapping, so what is cleared is what was drawn.
    fn assert_lines_fit(&self) {
        // Up to the end of the session (the message on the way out is the
        // shell's to wrap).
        let end = self.log.find("Stopped.").unwrap_or(self.log.len());
        for line in visible_lines(&self.log[..end]) {
            assert!(
                console::measure_text_width(&line) <= self.cols,
                "a line wider than {} columns: {line:?}",
                self.cols
            );
        }
    }

    /// The screen's rows, as lines.
    fn screen_lines(&self) -> Vec<String> {
        self.screen().split('\n').map(str::to_string).collect()
    }
}

/// The name of the terminal whose other end is `master`.
#[cfg(target_os = "linux")]
fn slave_name(master: &File) -> String {
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: the buffer is valid for its length.
    let r = unsafe { libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()) };
    assert_eq!(r, 0, "the terminal's name");
    // SAFETY: ptsname_r wrote a NUL-terminated name.
    let name = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    name.to_str().expect("a name").to_string()
}

/// (Only asked where the kernel says when a program waits: Linux.)
#[cfg(not(target_os = "linux"))]
fn slave_name(_: &File) -> String {
    unreachable!("the marker is written on Linux only")
}

/// The system calls a program waits for a key in.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
const POLLS: [libc::c_long; 4] = [
    libc::SYS_poll,
    libc::SYS_ppoll,
    libc::SYS_select,
    libc::SYS_pselect6,
];
#[cfg(all(target_os = "linux", not(target_arch = "x86_64")))]
const POLLS: [libc::c_long; 2] = [libc::SYS_ppoll, libc::SYS_pselect6];
#[cfg(not(target_os = "linux"))]
const POLLS: [libc::c_long; 0] = [];

/// The lines of a transcript without escape sequences or carriage
/// returns; a cursor movement up, down or to a row starts a new line.
fn visible_lines(log: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = log;
    while let Some(at) = rest.find("\x1b[") {
        text.push_str(&rest[..at]);
        let seq = &rest[at + 2..];
        let params = seq
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == '?'))
            .unwrap_or(seq.len());
        match seq[params..].chars().next() {
            Some('A' | 'B' | 'H') => text.push('\n'),
            Some(_) => {}
            None => break,
        }
        rest = &seq[(params + 1).min(seq.len())..];
    }
    text.push_str(rest);
    console::strip_ansi_codes(&text)
        .split('\n')
        .map(|l| {
            l.rsplit('\r')
                .find(|s| !s.is_empty())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn only_result(state: &Path) -> serde_json::Value {
    let results: Vec<PathBuf> = std::fs::read_dir(state)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("result-"))
        })
        .collect();
    assert_eq!(results.len(), 1, "{results:?}");
    serde_json::from_str(&std::fs::read_to_string(&results[0]).unwrap()).unwrap()
}

/// A copy of the mini bank in `dir`, each file's text changed by `edit`
/// (given the file's name).
fn mini_bank(dir: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let bank = dir.join("bank");
    std::fs::create_dir_all(&bank).unwrap();
    for f in ["bank.yaml", "10_boss.yaml", "20_flex.yaml"] {
        let text = std::fs::read_to_string(Path::new(MINI).join(f)).unwrap();
        std::fs::write(bank.join(f), edit(f, text)).unwrap();
    }
    bank
}

/// The mini bank with a long prompt and help on its scale question.
fn long_bank(dir: &Path) -> PathBuf {
    mini_bank(dir, |_, text| {
        text.replace(
            "prompt: \"My manager understands family demands.\"",
            "prompt: \"Realistically, thinking about the last six months and not only about the good days, my manager understands the demands of family life and adjusts deadlines accordingly.\"\n    help: \"Think of what your manager did, not of what the policy says: the last time a child was ill, the last school event, the last late meeting.\"",
        )
    })
}

/// Whether `screen` shows `s` on one row, or over several rows read one
/// after the other (indentation dropped, rows joined by a space).
fn shows(screen: &str, s: &str) -> bool {
    screen.contains(s) || flat(screen).contains(s)
}

/// The rows of `screen` as one line of words.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` sets a foreground colour (SGR 30–37, 38, 90–97).
fn has_colour(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|seq| {
        let params: String = seq
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        seq[params.len()..].starts_with('m')
            && params
                .split(';')
                .any(|p| p.len() == 2 && (p.starts_with('3') || p.starts_with('9')))
    })
}

/// How many times `needle` appears in the scrollback and on the screen.
/// A needle wrapped over rows counts too (rows read one after the other).
fn copies(t: &mut Tty, needle: &str) -> usize {
    let all = t.everything();
    all.matches(needle)
        .count()
        .max(flat(&all).matches(needle).count())
}

#[test]
fn the_intro_waits_for_enter_and_fits_every_size() {
    for (cols, rows) in [(40, 15), (60, 20), (100, 30), (80, 24)] {
        let state = tempfile::tempdir().unwrap();
        let mut t = Tty::at(state.path(), cols, rows, &["assess"]);
        // One screenful, or more each waiting for Enter, none scrolling:
        // the title is on the screen's first row.
        let mut intro = String::new();
        loop {
            // Drawn whole: the next page's clearing may have begun when
            // the screen first changes.
            t.on_screen("Press Enter ");
            let screen = t.settled();
            assert!(
                screen.starts_with("Mommy track self-assessment"),
                "{cols}x{rows}: {screen}"
            );
            intro.push_str(&screen);
            if screen.contains("Press Enter to begin.") {
                break;
            }
            t.keys(&[ENTER]);
            t.wait_until("the next page", |t| t.screen() != screen);
        }
        for part in ["It takes about", "Nothing is sent anywhere", "Keys:"] {
            assert!(intro.contains(part), "{part}: {intro}");
        }
        assert!(!t.screen().contains("Part 1 of"), "it waits");
        // The first question shows the whole estimate, as the bank computes it.
        let bank = mommytrack_engine::bank::load(&mommytrack_engine::bank::BankSource::BuiltIn)
            .expect("the built-in bank")
            .0;
        let full =
            mommytrack_engine::estimate::minutes(&bank, mommytrack_engine::scoring::Mode::Full);
        t.keys(&[ENTER]);
        t.past_part_intro();
        t.on_screen(&format!("about {full} min left"));
        t.p.send_control('c').unwrap();
        t.expect("Stopped.");
        assert_eq!(t.exit_code(), 130);
        t.assert_lines_fit();
    }
}

#[test]
fn long_prompts_help_and_labels_are_wrapped_at_words_to_the_width() {
    for cols in WIDTHS {
        let state = tempfile::tempdir().unwrap();
        let bank = long_bank(state.path());
        let bank = bank.to_str().unwrap();
        let mut t = Tty::at(
            state.path(),
            cols,
            24,
            &["assess", "--quick", "--bank", bank],
        );
        t.begin();
        t.on_screen("? Realistically,");
        t.on_screen("? Help");
        t.press(&["2"], "Which of these can you use without stigma?");
        t.press(&[ESC], "? Realistically,");
        t.press(&["3"], "Which of these can you use without stigma?");
        t.press(&[ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        t.assert_lines_fit();
        // Words are whole: every word of the prompt is on one line.
        let lines = visible_lines(&t.log);
        for word in ["Realistically,", "accordingly.", "understands"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} broken at {cols} columns: {lines:#?}"
            );
        }
        // The echo shows the answer, not a menu item.
        let all = t.everything();
        assert!(!all.contains("· ? Help"), "{all}");
        assert!(all.contains("· 3 · Neutral"), "{all}");
    }
}

#[test]
fn esc_back_takes_back_the_echo_and_does_not_repeat_the_part_introduction() {
    for (cols, rows) in SIZES {
        let (state, mut t) = Tty::quick_mini(cols, rows);
        t.on_screen("Part 1 of 2: Your manager");
        // Esc at the first question stays there, leaving nothing behind.
        t.press(&[ESC, ESC, "2"], "Which of these");
        t.on_screen("Part 2 of 2: Flexibility");
        // Back at question 1 with 2 selected: the echo of the answer
        // being changed and the heading of the part left are gone.
        let back = t.press(&[ESC], "❯ 2 · Disagree");
        assert!(!back.contains("✔ My manager"), "{cols}x{rows}: {back}");
        assert!(!back.contains("Part 2 of 2: Flexibility"), "{back}");
        t.press(&["5"], "Which of these");
        // The new answer's echo: one line, the answer saved.
        // (At 40x15 the first echo has scrolled off: the new one says
        // "changed:".)
        t.wait_until("the new echo", |t| {
            let all = t.everything();
            all.lines()
                .any(|l| l.starts_with("✔ ") && l.contains(" · 5 · Strongly"))
        });
        t.press(&[ENTER], "What next?");
        t.keys(&["3"]);
        assert_eq!(t.exit_code(), 0);
        // The part gone back into is not introduced again.
        assert_eq!(
            copies(&mut t, "Part 1 of 2: Your manager"),
            1,
            "{}",
            t.everything()
        );
        let screen = t.screen();
        assert!(screen.matches("✔ My manager").count() <= 1, "{screen}");
        assert!(!screen.contains("Disagree"), "{screen}");
        assert_eq!(copies(&mut t, "the first question"), 0, "{cols}x{rows}");
        assert_eq!(only_result(state.path())["answers"]["boss_understands"], 5);
        t.assert_lines_fit();
    }
}

/// The minutes in the last "about N min left" of `text`.
fn minutes_left(text: &str) -> Option<usize> {
    let at = text.rfind(" min left")?;
    let before = text[..at].rsplit("about ").next()?;
    before.trim().parse().ok()
}

#[test]
fn progress_says_the_part_and_the_time_left_never_a_count_of_up_to() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Tty::at(state.path(), 100, 30, &["assess"]);
    t.begin();
    let first = t.on_screen("min left");
    assert!(
        first.contains("Part 1 of 10 · About you · about "),
        "{first}"
    );
    let start = minutes_left(&first).expect("minutes");
    // The intro's estimate, question by question: it only goes down.
    let mut last = start;
    for _ in 0..8 {
        let screen = t.screen();
        t.keys(&["1"]);
        t.wait_until("the next question", |t| t.screen() != screen);
        let now = minutes_left(&t.settled()).expect("minutes");
        assert!(now <= last, "{now} after {last}");
        last = now;
    }
    assert!(last < start, "{last} after 8 answers, from {start}");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
    assert!(!t.log.contains("of up to"), "{}", t.log);
    assert!(
        t.log.contains(&format!("It takes about {start} minutes")),
        "{}",
        t.log
    );
}

#[test]
fn with_colour_the_lists_are_coloured_too() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = command(state.path(), 80, 24, &["assess", "--quick", "--bank", MINI]);
    cmd.env_remove("NO_COLOR");
    let mut t = Tty::start(cmd, 80, 24);
    t.begin();
    let first = t.expect("Strongly agree");
    assert!(has_colour(&first), "colour on a terminal: {first:?}");
    assert!(first.contains("❯"), "{first:?}");
    t.p.send_control('c').unwrap();
    t.expect("Stopped.");
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn after_a_resize_the_screen_is_laid_out_again_with_nothing_stale() {
    let state = tempfile::tempdir().unwrap();
    let bank = long_bank(state.path());
    let args = ["assess", "--quick", "--bank", bank.to_str().unwrap()];
    let mut t = resizable(state.path(), 100, 30, &args);
    t.begin();
    t.on_screen("? Realistically, thinking about the last six months and not only about the good");
    // The program notices without a key being pressed.
    resize(&mut t, state.path(), 50, 30);
    // Laid out again at 50 columns: the whole question, not its first
    // 50 columns of each row.
    let screen = t.on_screen(
        "? Realistically, thinking about the last six months and not only about the good days, my manager",
    );
    assert_eq!(screen.matches("? Realistically").count(), 1, "{screen}");
    assert!(screen.lines().all(|l| l.chars().count() <= 50), "{screen}");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

/// Resizes the terminal of `t` (started by [`resizable`]) to `cols` ×
/// `rows`, and the emulator with it, as a terminal window would.
fn resize(t: &mut Tty, state: &Path, cols: usize, rows: usize) {
    let tty = std::fs::read_to_string(state.join("tty.txt")).unwrap();
    let resized = Command::new("sh")
        .arg("-c")
        .arg(format!("stty cols {cols} rows {rows} < {}", tty.trim()))
        .status()
        .unwrap();
    assert!(resized.success());
    t.vt.screen_mut().set_size(rows as u16, cols as u16);
    t.cols = cols;
    t.rows = rows;
}

/// The binary in a terminal that [`resize`] can resize.
fn resizable(state: &Path, cols: usize, rows: usize, args: &[&str]) -> Tty {
    let cmd = Test::in_dir(state)
        .arg("-c")
        .arg(format!(
            "tty > tty.txt; stty cols {cols} rows {rows} && exec \"$0\" \"$@\""
        ))
        .arg(bin())
        .args(args)
        .env("MOMMYTRACK_STATE_DIR", state)
        .env("HOME", state)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .command_for("sh");
    Tty::start(cmd, cols, rows)
}

#[test]
fn a_resize_writes_the_session_again_for_the_new_size_each_line_once() {
    let state = tempfile::tempdir().unwrap();
    let mut t = resizable(state.path(), 60, 20, &["assess", "--bank", MINI]);
    t.begin();
    t.press(&["1"], "What happens when you leave early");
    t.press(&["3"], "My manager understands");
    t.press(&["4"], "late-night email");
    let answered = [
        "✔ Do you have a manager? · Yes",
        "· It is counted",
        "· 4 · Agree",
    ];
    for (cols, rows) in [(40, 20), (80, 20), (40, 15), (60, 20)] {
        resize(&mut t, state.path(), cols, rows);
        // Laid out again: the question whole at this width, the keys line.
        t.wait_until("the screen laid out again", |t| {
            let s = t.screen();
            shows(&s, "? My manager expects answers to late-night email.")
                && s.lines().filter(|l| l.starts_with("? ")).count() == 1
        });
        t.settled();
        let all = t.everything();
        for line in all.lines() {
            assert!(
                console::measure_text_width(line) < cols,
                "{cols}x{rows}: a line laid out for another width: {line:?}\n{all}"
            );
        }
        for echo in answered {
            assert_eq!(
                all.matches(echo).count(),
                1,
                "{cols}x{rows}: {echo:?} once\n{all}"
            );
        }
        // Nothing of a question's frame above the live area.
        let frame = all.find("? My manager expects").unwrap();
        assert!(!all[..frame].contains('❯'), "{cols}x{rows}: {all}");
        assert_eq!(copies(&mut t, "Part 1 of 2: Your manager"), 1, "{all}");
        assert_eq!(copies(&mut t, "Mini bank"), 1, "{all}");
    }
    t.keys(&["2"]);
    t.on_screen("Which of these can you use");
    t.p.send_control('c').unwrap();
    assert_eq!(t.exit_code(), 130);
}

/// A session waiting for a key writes nothing (no frame drawn again
/// unchanged, every moment it waits: output for nothing on a slow link,
/// and for a screen reader): in a list after a key that moved in it, and
/// in the line editor, for a second.
#[test]
fn a_session_waiting_for_a_key_writes_nothing() {
    let (_state, mut list) = Tty::quick_mini(60, 20);
    list.on_screen("❯ 1 · Strongly disagree");
    list.press(&[DOWN], "❯ 2 · Disagree");
    let state = tempfile::tempdir().unwrap();
    let mut editor = editor::at_the_note(state.path(), 60, 20);
    editor.keys(&["Fridays"]);
    editor.on_screen("› Fridays");
    let mut ttys = [(list, "in a list"), (editor, "in the line editor")];
    let from: Vec<usize> = ttys
        .iter_mut()
        .map(|(t, _)| {
            t.settled();
            t.log.len()
        })
        .collect();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        for (t, _) in &mut ttys {
            t.pump();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    for ((t, what), from) in ttys.iter().zip(from) {
        let pending = [t.bytes.as_slice(), &t.raw].concat();
        assert_eq!(
            format!("{}{}", &t.log[from..], String::from_utf8_lossy(&pending)),
            "",
            "{what}"
        );
    }
}
