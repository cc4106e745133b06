//! The output plan: where a report goes and how it looks there, decided once
//! from the parsed arguments and the environment, then used by the commands
//! and by the terminal session alike. It owns every reading of `NO_COLOR`,
//! `TERM`, `PAGER` and "is this a terminal", renders through the exporters
//! and writes to standard output (through a pager when the text is longer
//! than the screen), or atomically to a file.
//!
//! Sits below `commands` and `interactive`, above `export`: nothing here
//! knows about clap's argument structs or about asking questions.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::compare::Comparison;
use crate::error::cant_create;
use crate::export::{self, Format, RenderOptions};
use crate::result::AssessmentResult;

/// When to use colours (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the environment says about the terminal, read once at start-up.
#[derive(Debug, Clone, Default)]
pub struct Terminal {
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// `NO_COLOR` is set to something (no-color.org).
    pub no_color: bool,
    /// `TERM=dumb`: no cursor movement, no colour, plain prompts.
    pub dumb: bool,
}

impl Terminal {
    /// Reads the environment and the standard streams.
    pub fn detect() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Terminal {
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            dumb: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
        }
    }

    fn color(&self, choice: ColorChoice, tty: bool) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !self.no_color && !self.dumb,
        }
    }
}

/// Where a report goes and how it is rendered.
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: Format,
    /// `--output`: a file instead of standard output.
    pub path: Option<PathBuf>,
    /// `--redact`: free-text answers left out.
    pub redact: bool,
    /// Colour on standard output (never in a file).
    pub color_stdout: bool,
    /// Colour on standard error, where the session asks its questions.
    pub color_stderr: bool,
    /// Screen-reader mode (`--plain`, `TERM=dumb`): no box drawing, no
    /// block bars, lines broken at spaces only.
    pub plain: bool,
    /// Long text on a terminal goes through a pager (not `--no-pager`).
    pub pager: bool,
    pub term: Terminal,
}

/// The columns to assume when standard output is not a terminal.
pub const FILE_WIDTH: usize = 100;

impl Plan {
    pub fn new(term: Terminal, color: ColorChoice) -> Self {
        Plan {
            format: Format::Text,
            path: None,
            redact: false,
            color_stdout: term.color(color, term.stdout_tty),
            color_stderr: term.color(color, term.stderr_tty),
            plain: false,
            pager: true,
            term,
        }
    }

    /// The format, file and redaction of `--format`, `--output`, `--redact`.
    pub fn to(mut self, format: Format, path: Option<PathBuf>, redact: bool) -> Self {
        self.format = format;
        self.path = path;
        self.redact = redact;
        self
    }

    /// The same plan, writing text to standard output (the full report
    /// read at the end of a session).
    pub fn to_stdout(&self) -> Plan {
        Plan {
            format: Format::Text,
            path: None,
            ..self.clone()
        }
    }

    /// Screen-reader mode: `--plain`, or `TERM=dumb` in a session. No
    /// colour either.
    pub fn plain(mut self, plain: bool) -> Self {
        self.plain |= plain;
        if self.plain {
            self.color_stdout = false;
            self.color_stderr = false;
        }
        self
    }

    /// `--no-pager`.
    pub fn no_pager(mut self, no_pager: bool) -> Self {
        self.pager &= !no_pager;
        self
    }

    /// The terminal's columns and rows, measured now (it may have been
    /// resized since the last look), or `None` when it is not a terminal.
    pub fn stdout_size(&self) -> Option<(usize, usize)> {
        if !self.term.stdout_tty {
            return None;
        }
        console::Term::stdout()
            .size_checked()
            .map(|(rows, cols)| (usize::from(cols), usize::from(rows)))
    }

    /// How the report is rendered where it goes: colour and the terminal's
    /// width on a terminal, neither in a file.
    pub fn render_options(&self) -> RenderOptions {
        let to_stdout = self.path.is_none();
        let width = match self.stdout_size() {
            Some((cols, _)) if to_stdout => cols,
            _ => FILE_WIDTH,
        };
        RenderOptions {
            color: to_stdout && self.color_stdout,
            width: u16::try_from(width).unwrap_or(u16::MAX),
        }
    }

    /// `--output` names a folder: the error suggests a file in it, with
    /// this format's extension.
    fn folder(&self, path: &Path) -> anyhow::Error {
        let e_g = path.join(format!("report.{}", extension(self.format)));
        cant_create(format!(
            "cannot write the report to {}: it is a folder; name a file, e.g. {}",
            crate::sanitize::path(path),
            crate::sanitize::path(&e_g)
        ))
        .into()
    }

    /// Renders a result in the plan's format and writes it out.
    pub fn report(&self, mut r: AssessmentResult) -> Result<()> {
        if self.redact {
            r.redact();
        }
        let o = self.render_options();
        self.write(&export::render_report(&r, self.format, &o, self.plain)?)
    }

    /// Renders a comparison in the plan's format and writes it out.
    pub fn comparison(&self, c: &Comparison) -> Result<()> {
        let o = self.render_options();
        self.write(&export::render_comparison(c, self.format, &o, self.plain))
    }

    /// Draws a laid-out document (a history, the interview kit) in the
    /// plan's format and writes it out.
    pub fn draw(&self, doc: &export::document::Document) -> Result<()> {
        let o = self.render_options();
        self.write(&export::draw(doc, self.format, &o, self.plain))
    }

    /// Writes `doc` to the plan's file, or to standard output: through the
    /// pager when it is a terminal and `doc` is taller than the screen.
    pub fn write(&self, doc: &str) -> Result<()> {
        match &self.path {
            Some(path) if path.is_dir() => Err(self.folder(path)),
            Some(path) => Ok(crate::files::write_output(path, doc)?),
            None => match self.stdout_size() {
                Some((_, rows)) if self.pager && doc.lines().count() >= rows => self.page(doc),
                _ => print(doc),
            },
        }
    }

    /// Shows `doc` through the pager (`$PAGER`, else `less` with
    /// `LESS=FRX` unless `LESS` is set, as git does), or prints it when
    /// standard output is not a terminal, with `--no-pager`, in plain mode
    /// or on `TERM=dumb`, or when the pager cannot be started.
    pub fn page(&self, doc: &str) -> Result<()> {
        self.page_with(doc, "FRX")
    }

    /// [`page`](Self::page) from the interactive session: `less` without
    /// `X` (unless `LESS` is set) uses the terminal's alternate screen, so
    /// the last page does not stay above the session's menu.
    pub fn page_in_session(&self, doc: &str) -> Result<()> {
        self.page_with(doc, "FR")
    }

    fn page_with(&self, doc: &str, less: &str) -> Result<()> {
        // A screen reader, or a terminal that cannot move the cursor, reads
        // the text as it comes.
        if !self.pager || !self.term.stdout_tty || self.plain || self.term.dumb {
            return print(doc);
        }
        let pager = std::env::var("PAGER").unwrap_or_else(|_| "less".into());
        let pager = pager.trim();
        if pager.is_empty() || pager == "cat" {
            return print(doc);
        }
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c").arg(pager).stdin(std::process::Stdio::piped());
        // A `$LESS` of the user's own is kept.
        if std::env::var_os("LESS").is_none() {
            cmd.env("LESS", less);
        }
        let Ok(mut child) = cmd.spawn() else {
            return print(doc);
        };
        if let Some(mut stdin) = child.stdin.take() {
            // The reader may quit before reading it all: that is fine.
            let _ = stdin.write_all(doc.as_bytes());
        }
        match child.wait() {
            Ok(status) if status.success() => Ok(()),
            // A pager that could not run (sh: 127): the text is not lost.
            Ok(status) if status.code() == Some(127) => print(doc),
            _ => Ok(()),
        }
    }
}

/// Writes to standard output; a closed pipe is an error with a way out.
pub fn print(s: &str) -> Result<()> {
    crate::files::print_stdout(s).context(NO_STDOUT)
}

const NO_STDOUT: &str =
    "cannot write to standard output; to save the report to a file, use --output FILE";

/// A copy of a result saved from the session: rendered in `format`, written
/// to `path` atomically with mode 0600; never over an existing file unless
/// `overwrite`. Returns the absolute path.
pub fn save_copy(
    r: &AssessmentResult,
    format: Format,
    path: &Path,
    overwrite: bool,
) -> Result<PathBuf> {
    if !overwrite && path.exists() {
        return Err(cant_create(format!("{} already exists", path.display())).into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(cant_create(format!("there is no folder {}", dir.display())).into());
    }
    let doc = export::render_report(r, format, &RenderOptions::default(), false)?;
    crate::files::write_output(path, &doc)?;
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The file extension of a format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Json => "json",
    }
}

/// `~` and `~/…` with the home folder; anything else as typed.
pub fn expand_tilde(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    }
}

/// Where copies are saved by default: the documents folder the system
/// names (on Linux the `XDG_DOCUMENTS_DIR` of `user-dirs.dirs`), when it
/// exists; else `~/Documents` when it exists; else the home folder.
pub fn documents_dir() -> Option<PathBuf> {
    if let Some(dir) = dirs::document_dir().filter(|d| d.is_dir()) {
        return Some(dir);
    }
    let home = home_dir()?;
    let documents = home.join("Documents");
    Some(if documents.is_dir() { documents } else { home })
}

/// The home folder.
pub fn home_dir() -> Option<PathBuf> {
    dirs::home_dir().filter(|h| !h.as_os_str().is_empty())
}

#[cfg(test)]
#[path = "../tests/unit/output.rs"]
mod tests;
