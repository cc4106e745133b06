//! Reading user-supplied text safely (size cap, UTF-8, empty files) and
//! finding where in that text an id or key stands, so that problems found
//! after parsing can still name a line and column.

use std::io::Read;
use std::path::Path;

use crate::error::{ExitKind, Failure};

/// The largest bank or answers file we read. Real ones are a few KiB.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a whole file as UTF-8 text, refusing huge, binary and unreadable
/// ones, and anything that is not a regular file (see [`open_regular`]).
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let file =
        open_regular(path).map_err(|e| e.unwrap_or_else(|io| Failure::no_input(path, &io)))?;
    let size = file.metadata().map_or(0, |m| m.len());
    read_capped(file, size, &crate::sanitize::path(path))
        .map_err(|e| e.unwrap_or_else(|io| Failure::no_input(path, &io)))
}

/// Like [`read_text`], but a file that does not exist is `Ok(None)`: for
/// files that may not have been written yet, such as the draft.
pub fn read_text_if_exists(path: &Path) -> Result<Option<String>, Failure> {
    match open_regular(path) {
        Err(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.unwrap_or_else(|io| Failure::no_input(path, &io))),
        Ok(file) => read_capped(file, 0, &crate::sanitize::path(path))
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
pub fn read_stdin() -> Result<String, Failure> {
    read_capped(std::io::stdin().lock(), 0, "standard input").map_err(|e| {
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
    name: &str,
) -> Result<String, Result<Failure, std::io::Error>> {
    // One byte more than the file holds, so the end is found without
    // growing the buffer; never more than the cap allows.
    let mut bytes = Vec::with_capacity(size.saturating_add(1).min(MAX_INPUT_BYTES + 1) as usize);
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Err)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Ok(Failure::invalid(format!(
            "{name} is larger than {} MiB; a question bank or answers file is a few KiB, so check that this is the right file",
            MAX_INPUT_BYTES / (1024 * 1024)
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

/// Deeper flow nesting (`[` and `{`) than any honest file has. The YAML
/// parser refuses more than 128 levels anyway, but only after spending
/// time that grows with the square of the depth; this cheap scan refuses a
/// nesting bomb first.
pub const MAX_FLOW_DEPTH: usize = 1000;

/// The byte offset where flow nesting first goes deeper than
/// [`MAX_FLOW_DEPTH`], skipping quoted text and comments.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The scalar at the start of `s` (after a key's colon) as YAML reads it:
/// a plain one up to the end of the line, a `,`, `]`, `}` or ` #`; a
/// single-quoted one; a double-quoted one with its escapes read. `None`
/// for anything else (a block, a nested mapping).
fn scalar_value(s: &str) -> Option<String> {
    if let Some(body) = s.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.next_if_eq(&'\'').is_some() => out.push('\''),
                '\'' => return Some(out),
                '\n' => return None,
                c => out.push(c),
            }
        }
        return None;
    }
    if let Some(body) = s.strip_prefix('"') {
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() && bytes[i] != b'"' {
            if bytes[i] == b'\n' {
                return None;
            }
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let inner = body.get(..i)?;
        if !inner.contains('\\') {
            return Some(inner.to_string());
        }
        return serde_yaml::from_str::<String>(&format!("\"{inner}\"")).ok();
    }
    let line = s.split(['\n', '\r']).next()?;
    let v = plain_value(line);
    (!v.is_empty() && !v.starts_with(['[', '{', '|', '>', '&', '*', '!'])).then(|| v.to_string())
}

/// A value written on one line, up to a comment (` #`) or the end of a flow
/// item (`,`, `}`, `]`).
fn plain_value(line: &str) -> &str {
    let end = line
        .find(" #")
        .into_iter()
        .chain(line.find([',', '}', ']']))
        .min()
        .unwrap_or(line.len());
    line[..end].trim_end()
}

/// The plain (unquoted) scalar that follows a mapping key ending at byte
/// `key_end`, as written: `1.10` in `notes: 1.10  # a comment`. `None`
/// when the value is quoted, on another line, or not a plain scalar.
pub fn plain_scalar_after(text: &str, key_end: usize) -> Option<&str> {
    let rest = text.get(key_end..)?;
    let rest = rest
        .trim_start_matches(['"', '\''])
        .trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix(':')?.trim_start_matches([' ', '\t']);
    let line = rest.split(['\n', '\r']).next()?;
    let raw = plain_value(line);
    let quoted_or_special =
        raw.is_empty() || raw.starts_with(['"', '\'', '[', '{', '&', '*', '!', '|', '>']);
    (!quoted_or_special).then_some(raw)
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

/// The message for [`too_deep`].
pub fn too_deep_message() -> String {
    format!(
        "the data is nested too deeply (over {MAX_FLOW_DEPTH} levels of [ and {{); no bank or answers file needs that much"
    )
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

/// Finds ids and keys in YAML or JSON source text.
///
/// The YAML parser keeps no positions once a document is loaded, so problems
/// found by later checks are located by looking for the text that caused
/// them. This covers block and flow style, quoted or not.
pub struct Locator<'a> {
    text: &'a str,
    /// Built on the first call of [`Locator::pos`], so that positions cost
    /// a binary search instead of a scan from the start of the text.
    index: std::cell::OnceCell<LineIndex>,
    /// Per key: each value it is given (unquoted, unescaped) → the offsets
    /// of the key, ascending. Built on the first [`Locator::key_value`]
    /// for that key, so that finding every id of a file is linear even when
    /// the ids are written with escapes and never appear as typed.
    values: std::cell::RefCell<std::collections::HashMap<String, ValueIndex>>,
}

type ValueIndex = std::collections::HashMap<String, Vec<usize>>;

/// Line starts, and character counts at checkpoints, of a text.
struct LineIndex {
    /// Byte offset of the start of each line.
    lines: Vec<usize>,
    /// `(byte offset, characters before it)` every [`CHECKPOINT`] bytes.
    chars: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut lines = vec![0];
        lines.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars = vec![(0, 0)];
        let (mut at, mut count) = (0, 0);
        while at + CHECKPOINT < text.len() {
            let mut next = at + CHECKPOINT;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            count += text[at..next].chars().count();
            chars.push((next, count));
            at = next;
        }
        LineIndex { lines, chars }
    }

    /// Characters in `text[..offset]`; `offset` is a char boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let i = self.chars.partition_point(|&(b, _)| b <= offset) - 1;
        let (b, n) = self.chars[i];
        n + text[b..offset].chars().count()
    }
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            index: std::cell::OnceCell::new(),
            values: std::cell::RefCell::new(std::collections::HashMap::new()),
        }
    }

    /// Where `key: value` stands with this exact value, searching from byte
    /// `from`. Returns the byte offset of the key. The value may be written
    /// plain, quoted or with escapes.
    pub fn key_value(&self, key: &str, value: &str, from: usize) -> Option<usize> {
        if value.is_empty() {
            return self.key(key, from);
        }
        let from = self.boundary(from);
        let mut values = self.values.borrow_mut();
        let index = values
            .entry(key.to_string())
            .or_insert_with(|| self.value_index(key));
        let offsets = index.get(value)?;
        offsets.get(offsets.partition_point(|&o| o < from)).copied()
    }

    /// Every `key:` of the text with the value written after it.
    fn value_index(&self, key: &str) -> ValueIndex {
        let mut index = ValueIndex::new();
        let mut at = 0;
        while let Some(k) = self.key(key, at) {
            at = k + key.len();
            let rest = self.text[at..].trim_start_matches(['"', '\'']);
            let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') else {
                continue;
            };
            if let Some(v) = scalar_value(rest.trim_start_matches([' ', '\t'])) {
                index.entry(v).or_default().push(k);
            }
        }
        index
    }

    /// Where `key:` (or `"key":`) next stands as a mapping key from byte `from`.
    pub fn key(&self, key: &str, from: usize) -> Option<usize> {
        let text = self.text;
        if key.is_empty() {
            return None;
        }
        let mut start = self.boundary(from);
        while let Some(rel) = text.get(start..)?.find(key) {
            let off = start + rel;
            let before = text[..off].chars().next_back();
            let boundary_before = before.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\'' | '-' | '[')
            });
            let after = text[off + key.len()..].trim_start_matches(['"', '\'']);
            let colon_after = after.trim_start_matches([' ', '\t']).starts_with(':');
            if boundary_before && colon_after {
                return Some(off);
            }
            start = off + key.len();
        }
        None
    }

    /// `from`, moved forward to a character boundary within the text.
    fn boundary(&self, from: usize) -> usize {
        let mut at = from.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// Where `word` next stands as a whole word from byte `from`.
    pub fn word(&self, word: &str, from: usize) -> Option<usize> {
        let text = self.text;
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let mut start = self.boundary(from);
        while let Some(rel) = text.get(start..)?.find(word) {
            let off = start + rel;
            let before_ok = !text[..off].chars().next_back().is_some_and(is_word);
            let after_ok = !text[off + word.len()..].chars().next().is_some_and(is_word);
            if before_ok && after_ok && !word.is_empty() {
                return Some(off);
            }
            start = off + word.len().max(1);
        }
        None
    }

    /// Line and column of a byte offset, as [`line_col`] counts them.
    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let line = index.lines.partition_point(|&start| start <= offset);
        let start = index.lines[line - 1];
        let col = index.chars_before(text, offset) - index.chars_before(text, start) + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_in_block_and_flow_style() {
        let text = "questions:\n  - id: boss\n    options:\n      - { id: counted, score: -2 }\n";
        let loc = Locator::new(text);
        let q = loc.key_value("id", "boss", 0).unwrap();
        assert_eq!(loc.pos(q), (2, 5));
        let o = loc.key_value("id", "counted", q).unwrap();
        assert_eq!(loc.pos(o), (4, 11));
        assert_eq!(loc.key_value("id", "bos", 0), None);
    }

    #[test]
    fn finds_json_keys() {
        let text = "{\n  \"boss_early_leave\": \"x\"\n}";
        let loc = Locator::new(text);
        assert_eq!(loc.pos(loc.key("boss_early_leave", 0).unwrap()), (2, 4));
    }

    #[test]
    fn pos_agrees_with_line_col_everywhere() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["ab\n", "cé d", "\n\n", "😀x", "long line without breaks "][i % 5]);
        }
        let loc = Locator::new(&text);
        for off in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(loc.pos(off), line_col(&text, off), "at {off}");
        }
        assert_eq!(loc.pos(text.len() + 10), line_col(&text, text.len()));
    }

    #[test]
    fn too_deep_finds_nesting_bombs_but_not_brackets_in_text() {
        let bomb = "[".repeat(5000);
        assert_eq!(too_deep(&bomb), Some(MAX_FLOW_DEPTH));
        let quoted = format!(
            "a: \"{}\"\nb: '{}'\n# {}\n",
            "[".repeat(2000),
            "{".repeat(2000),
            "[".repeat(2000)
        );
        assert_eq!(too_deep(&quoted), None);
        let balanced = "[".repeat(900) + &"]".repeat(900) + &"{".repeat(900);
        assert_eq!(too_deep(&balanced), None);
    }

    /// Found by fuzzing: an empty key, and a start inside a character.
    #[test]
    fn searches_never_panic_on_odd_starts_or_empty_needles() {
        let loc = Locator::new("é? !!str #\n😀 id: x");
        for from in 0..40 {
            assert_eq!(loc.key("", from), None);
            let _ = loc.key("id", from);
            let _ = loc.key_value("id", "x", from);
            let _ = loc.word("x", from);
            let _ = loc.word("", from);
        }
        assert!(loc.key("id", 1).is_some());
    }

    #[test]
    fn plain_scalars_are_found_as_written() {
        let t = "a: 1.10  # note\nb: \"x\"\nc: {d: 0x1F, e: 2}\n";
        assert_eq!(plain_scalar_after(t, 1), Some("1.10"));
        assert_eq!(plain_scalar_after(t, 17), None);
        let d = t.find("d:").unwrap() + 1;
        assert_eq!(plain_scalar_after(t, d), Some("0x1F"));
    }

    #[test]
    fn ids_are_found_however_they_are_written() {
        let text = "- id: a\n- id: \"\\x62\"\n- { id: 'c''d', x: 1 }\n- id: a # again\n";
        let loc = Locator::new(text);
        assert_eq!(loc.key_value("id", "a", 0), Some(2));
        assert_eq!(loc.pos(loc.key_value("id", "b", 0).unwrap()), (2, 3));
        assert_eq!(loc.pos(loc.key_value("id", "c'd", 0).unwrap()), (3, 5));
        assert_eq!(loc.pos(loc.key_value("id", "a", 3).unwrap()), (4, 3));
        assert_eq!(loc.key_value("id", "zz", 0), None);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }
}
