//! Reading user-supplied files safely: a size cap for each kind of input,
//! UTF-8, regular files only. What the text holds is the parsers' business
//! ([`crate::yaml`], `serde_json`); nothing here looks inside it.

use std::io::Read;
use std::path::Path;

use crate::error::{ExitKind, Failure};

/// The largest answers file (or draft) read: a real one is about 2 KiB,
/// one answering every question of the largest bank some 500 KiB.
pub const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;
/// The most YAML a bank may hold, in one file or all of them together: the
/// built-in bank is some 150 KiB.
pub const MAX_BANK_BYTES: u64 = 8 * 1024 * 1024;
/// The largest saved result read: one of the largest bank, every question
/// answered, with long prompts.
pub const MAX_RESULT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a whole file as UTF-8 text, refusing files over `max` bytes,
/// binary and unreadable ones, and anything that is not a regular file
/// (see [`open_regular`]).
pub fn read_text(path: &Path, max: u64) -> Result<String, Failure> {
    let file =
        open_regular(path).map_err(|e| e.unwrap_or_else(|io| Failure::no_input(path, &io)))?;
    let size = file.metadata().map_or(0, |m| m.len());
    read_capped(file, size, max, &crate::sanitize::path(path))
        .map_err(|e| e.unwrap_or_else(|io| Failure::no_input(path, &io)))
}

/// Like [`read_text`], but a file that does not exist is `Ok(None)`: for
/// files that may not have been written yet, such as the draft.
pub fn read_text_if_exists(path: &Path, max: u64) -> Result<Option<String>, Failure> {
    match open_regular(path) {
        Err(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.unwrap_or_else(|io| Failure::no_input(path, &io))),
        Ok(file) => read_capped(file, 0, max, &crate::sanitize::path(path))
            .map(Some)
            .map_err(|e| e.unwrap_or_else(|io| Failure::no_input(path, &io))),
    }
}

/// Opens a file for reading only if it is a regular file (a symbolic link
/// to one is fine). A folder, a device such as `/dev/zero`, a FIFO or a
/// socket is refused without blocking: the type is checked before the
/// file is opened, the file is opened non-blocking, and the type is checked
/// again on what was opened, so a swap in between changes nothing.
/// `Err(Ok(failure))` for a refusal, `Err(Err(io))` for an I/O error.
pub fn open_regular(path: &Path) -> Result<std::fs::File, Result<Failure, std::io::Error>> {
    let refuse = |meta: &std::fs::Metadata| -> Result<(), Result<Failure, std::io::Error>> {
        if meta.is_dir() {
            return Err(Ok(Failure::new(
                ExitKind::NoInput,
                format!("{} is a folder, not a file", crate::sanitize::path(path)),
            )));
        }
        if !meta.is_file() {
            return Err(Ok(Failure::new(
                ExitKind::NoInput,
                format!(
                    "{} is not a regular file (it is a device, a pipe or a socket), so it is not read; name a saved file, or `-` to read standard input",
                    crate::sanitize::path(path)
                ),
            )));
        }
        Ok(())
    };
    refuse(&std::fs::metadata(path).map_err(Err)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(Err)?;
    refuse(&file.metadata().map_err(Err)?)?;
    Ok(file)
}

/// Reads standard input as UTF-8 text with the same limits as a file.
pub fn read_stdin(max: u64) -> Result<String, Failure> {
    read_capped(std::io::stdin().lock(), 0, max, "standard input").map_err(|e| {
        e.unwrap_or_else(|io| {
            Failure::new(
                ExitKind::NoInput,
                format!("cannot read standard input: {io}"),
            )
        })
    })
}

/// `Err(Ok(failure))` for content problems, `Err(Err(io))` for I/O errors.
/// `size` is the expected length (0 if unknown): reading into a buffer of
/// the right size saves regrowing it, and the probing reads, per file of a
/// bank with thousands of them.
fn read_capped(
    reader: impl Read,
    size: u64,
    max: u64,
    name: &str,
) -> Result<String, Result<Failure, std::io::Error>> {
    // One byte more than the file holds, so the end is found without
    // growing the buffer; never more than the cap allows.
    let mut bytes = Vec::with_capacity(size.saturating_add(1).min(max + 1) as usize);
    reader.take(max + 1).read_to_end(&mut bytes).map_err(Err)?;
    if bytes.len() as u64 > max {
        return Err(Ok(Failure::invalid(format!(
            "{name} is larger than {} MiB, more than mommytrack reads from one file of this kind; a question bank or answers file is a few KiB, so check that this is the right file",
            max / (1024 * 1024)
        ))));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let (line, col) = line_col(&text, text.len());
        Ok(Failure::invalid(format!(
            "{name}:{line}:{col}: not valid UTF-8 text (byte {at}); save the file as UTF-8 text"
        )))
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
