//! Error kinds that decide the exit code (README, "Exit codes"), located problems for
//! banks and answers files, and "did you mean" suggestions.
//!
//! Everything else travels as `anyhow::Error`; the binary's `error` module
//! maps a kind to its number and asks which code an error maps to by
//! looking for a [`Failure`] in its chain.

use std::fmt;
use std::path::{Path, PathBuf};

/// The kinds of failure the exit code tells apart (the numbers are the
/// binary's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// 2: bad flags or arguments, or no answers where they are needed.
    Usage,
    /// 65: a bank or answers file that does not pass validation.
    InvalidData,
    /// 66: an input file that does not exist or cannot be read.
    NoInput,
    /// 73: the output file cannot be created.
    CantCreate,
    /// 130: interrupted by Ctrl-C.
    Interrupted,
}

/// A failure whose kind decides the exit code. The message is complete: it
/// names the file and says how to fix the problem.
#[derive(Debug)]
pub struct Failure {
    pub kind: ExitKind,
    pub message: String,
    /// The message opens with the file it is about (`FILE:LINE:COLUMN: `
    /// or `FILE: `), as a bank or answers problem does, so it is shown as
    /// it is, without the program's name in front.
    pub located: bool,
}

impl Failure {
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            located: false,
        }
    }
    /// Invalid data in `file` (65), shown as `FILE:LINE:COLUMN: message`
    /// where the position is known (1-based), else `FILE: message`: the
    /// form every command uses for a problem in a file.
    pub fn in_file(file: &str, pos: Option<(usize, usize)>, message: impl fmt::Display) -> Self {
        let message = match pos {
            Some((line, column)) => format!("{file}:{line}:{column}: {message}"),
            None => format!("{file}: {message}"),
        };
        Failure {
            kind: ExitKind::InvalidData,
            message,
            located: true,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Usage, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ExitKind::InvalidData, message)
    }
    /// Nothing to read where something was expected (66).
    pub fn missing(message: impl Into<String>) -> Self {
        Self::new(ExitKind::NoInput, message)
    }
    pub fn no_input(path: &Path, err: &std::io::Error) -> Self {
        let why = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        let fix = match nearby_file(path) {
            Some(near) if err.kind() == std::io::ErrorKind::NotFound => {
                format!("did you mean {}?", crate::sanitize::path(&near))
            }
            _ => "check the path and that you may read it".to_string(),
        };
        Self::new(
            ExitKind::NoInput,
            format!("cannot read {}: {why}; {fix}", crate::sanitize::path(path)),
        )
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Problems found in a bank or an answers file. Displayed as one problem a
/// line, then a summary line.
#[derive(Debug)]
pub struct Problems {
    /// What was checked, e.g. "bank questions/" or "answers file a.yaml".
    pub subject: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.problems.iter().filter(|p| !p.warning).count();
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        write!(
            f,
            "{} has {} problem{}",
            self.subject,
            errors,
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Problems {}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line and column.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The question, option, set, flag or advice id concerned.
    pub id: Option<String>,
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// A warning does not fail validation.
    pub warning: bool,
}

impl Problem {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            id: None,
            message: message.into(),
            hint: None,
            warning: false,
        }
    }
    pub fn at(mut self, pos: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
    pub fn id_opt(mut self, id: Option<&str>) -> Self {
        self.id = id.map(str::to_string).or(self.id);
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::sanitize::path(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        f.write_str(if self.warning { ": warning: " } else { ": " })?;
        if let Some(id) = &self.id {
            write!(f, "[{}] ", crate::sanitize::id(id))?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

/// A JSON parser error's position, 1-based (the parser says column 0 for
/// the start of a line), and its message without the " at line X column
/// Y" the position already gives.
pub fn json_error(e: &serde_json::Error) -> (Option<(usize, usize)>, String) {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_string(),
        _ => text,
    };
    let pos = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
    (pos, message)
}

/// Names longer than this get no "did you mean": no id is nearly this
/// long, and comparing two names costs the product of their lengths, so a
/// file of long unknown names could otherwise keep validation busy.
pub const MAX_SUGGESTED_LEN: usize = 64;

/// A file in the same folder as `path` whose name is close to its name
/// (`answer.yaml` → `answers.yaml`), spelled as `path` was; the folder's
/// first 1,000 entries are looked at.
pub fn nearby_file(path: &Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_str()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .take(1000)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    // Names are compared without their extensions, so that `zzz.yaml` is
    // not close to `w.yaml` for the `.yaml` they share, and `answers.yml`
    // finds `answers.yaml`.
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string();
    let stems: Vec<String> = names.iter().map(|n| stem(n)).collect();
    let best = closest(&stem(name), stems.iter().map(String::as_str))?;
    let at = stems.iter().position(|s| s == best)?;
    Some(path.with_file_name(&names[at]))
}

/// The candidate closest to `given`, if any is close enough to be a likely typo.
pub fn closest<'a, I>(given: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if given.len() > MAX_SUGGESTED_LEN {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_SUGGESTED_LEN)
    {
        let score = similarity(given, c);
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The Jaro-Winkler similarity of two names of at most
/// [`MAX_SUGGESTED_LEN`] bytes, compared byte by byte with ASCII letters
/// in lower case (ids are ASCII), from 0 (nothing alike) to 1 (the same).
/// It takes time linear in their length: each byte of `b` is a bit in a
/// mask of where it stands, so finding a match within the window is a few
/// word operations, not a walk. A 10,000-id bank's suggestions for 100
/// unknown ids of 64 bytes took 2.5 s with a walk.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    assert!(a.len() <= 64 && b.len() <= 64, "names of at most 64 bytes");
    let low = |c: u8| usize::from(c.to_ascii_lowercase());
    let below = |n: usize| if n >= 64 { u64::MAX } else { (1 << n) - 1 };
    let mut at = [0u64; 256];
    for (j, &c) in b.iter().enumerate() {
        at[low(c)] |= 1 << j;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut in_a, mut in_b) = (0u64, 0u64);
    for (i, &c) in a.iter().enumerate() {
        let free = at[low(c)] & below(i + window + 1) & !below(i.saturating_sub(window)) & !in_b;
        if free != 0 {
            in_b |= free & free.wrapping_neg();
            in_a |= 1 << i;
        }
    }
    let m = f64::from(in_a.count_ones());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if m == 0.0 {
        return 0.0;
    }
    // Matched bytes out of order, in pairs.
    let mut half_swaps = 0;
    while in_a != 0 {
        let (i, j) = (in_a.trailing_zeros(), in_b.trailing_zeros());
        half_swaps += u32::from(low(a[i as usize]) != low(b[j as usize]));
        in_a &= in_a - 1;
        in_b &= in_b - 1;
    }
    let t = f64::from(half_swaps / 2);
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0;
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a
        .iter()
        .zip(b)
        .take(4)
        .take_while(|(x, y)| low(**x) == low(**y))
        .count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// "did you mean `x`? " for the closest candidate, or nothing: the start
/// of a hint.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(given, candidates).map_or(String::new(), |c| format!("did you mean `{c}`? "))
}

/// "did you mean `x`?" for the closest candidate, or the list of valid values
/// when there are few enough to read.
pub fn suggestion<'a, I>(given: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(best) = closest(given, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    // Only as many as are listed are looked at: a problem in a large bank
    // must not cost a walk over all its names.
    let mut few: Vec<&str> = candidates.into_iter().take(13).collect();
    few.sort_unstable();
    match few.len() {
        0 => None,
        1..=12 => Some(format!("valid: {}", join_ticked(&few))),
        _ => Some("see `mommytrack questions --format json` for the valid ids".into()),
    }
}

/// `a`, `b`, `c`
pub fn join_ticked(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `n` with a comma every three digits, as the docs write it: `10,000`
/// (the YAML reader's, whose messages need it too).
pub use crate::yaml::thousands;
