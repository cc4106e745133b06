//! Reading user-supplied files safely: a size cap for each kind of input,
//! UTF-8, regular files only. What the text holds is the parsers' business
//! ([`crate::yaml`], `serde_json`); nothing here looks inside it.

use std::io::Read;
use std::path::Path;

use crate::error::Failure;

/// The largest answers file (or draft) read: a real one is about 2 KiB,
/// one answering every question of the largest bank some 500 KiB.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;
/// The most YAML a bank may hold, in one file or all of them together: the
/// built-in bank is some 150 KiB.
pub const MAX_BANK_BYTES: u64 = 8 * 1024 * 1024;
/// The largest saved result read: one of the largest bank, every question
/// answered, with long prompts (10,000 prompts of 700 characters: 9.7 MB).
/// A result is written only if it reads back (the binary's `result_json`).
pub const MAX_RESULT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a whole file as UTF-8 text, refusing files over `max` bytes,
/// binary and unreadable ones, and anything that is not a regular file
/// (see [`read_text_if_exists`]).
pub fn read_text(path: &Path, max: u64) -> Result<String, Failure> {
    read_text_if_exists(path, max)?
        .ok_or_else(|| Failure::no_input(path, &std::io::ErrorKind::NotFound.into()))
}

/// Like [`read_text`], but a file that does not exist is `Ok(None)`: for
/// files that may not have been written yet, such as the draft.
///
/// Only a regular file is read (a symbolic link to one is fine). A folder,
/// a device such as `/dev/zero`, a FIFO or a socket is refused without
/// blocking: the type is checked before the file is opened, the file is
/// opened non-blocking, and the type is checked again on what was opened,
/// so a swap in between changes nothing.
pub fn read_text_if_exists(path: &Path, max: u64) -> Result<Option<String>, Failure> {
    let io = |e: std::io::Error| Failure::no_input(path, &e);
    let refuse = |meta: &std::fs::Metadata| -> Result<(), Failure> {
        let shown = crate::sanitize::path(path);
        if meta.is_dir() {
            return Err(Failure::missing(format!("{shown} is a folder, not a file")));
        }
        if !meta.is_file() {
            return Err(Failure::missing(format!(
                "{shown} is not a regular file (it is a device, a pipe or a socket), so it is not read; name a saved file, or `-` to read standard input"
            )));
        }
        Ok(())
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        meta => refuse(&meta.map_err(io)?)?,
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    refuse(&meta)?;
    read_capped(file, meta.len(), max, &crate::sanitize::path(path), io).map(Some)
}

/// Reads standard input as UTF-8 text with the same limits as a file.
pub fn read_stdin(max: u64) -> Result<String, Failure> {
    read_capped(std::io::stdin().lock(), 0, max, "standard input", |io| {
        Failure::missing(format!("cannot read standard input: {io}"))
    })
}

/// Reads at most `max` bytes of UTF-8 text; `io` makes the failure for an
/// I/O error. `size` is the expected length (0 if unknown): reading into a
/// buffer of the right size saves regrowing it, and the probing reads, per
/// file of a bank with thousands of them.
fn read_capped(
    reader: impl Read,
    size: u64,
    max: u64,
    name: &str,
    io: impl FnOnce(std::io::Error) -> Failure,
) -> Result<String, Failure> {
    // One byte more than the file holds, so the end is found without
    // growing the buffer; never more than the cap allows.
    let mut bytes = Vec::with_capacity(size.saturating_add(1).min(max + 1) as usize);
    reader.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(Failure::invalid(format!(
            "{name} is larger than {} MiB, more than mommytrack reads from one file of this kind; a question bank or answers file is a few KiB and a saved result about 55 KiB, so check that this is the right file",
            max / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let (line, col) = line_col(&text, text.len());
        Failure::invalid(format!(
            "{name}:{line}:{col}: not valid UTF-8 text (byte {at}); save the file as UTF-8 text"
        ))
    })
}

/// True for the lowercase words that mommytrack's YAML (1.2) reads as null
/// or a truth value rather than as text: the words an id must not be.
pub fn yaml_reads_specially(word: &str) -> bool {
    matches!(word, "null" | "true" | "false")
}

/// True for the lowercase words YAML 1.1, which many other tools still
/// speak, also reads as truth values: ids that `template` quotes, so that
/// an answers file passed through such a tool keeps them as text.
pub fn yaml11_reads_specially(word: &str) -> bool {
    yaml_reads_specially(word) || matches!(word, "yes" | "no" | "on" | "off" | "y" | "n")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}
