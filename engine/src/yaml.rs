//! Small helpers for reading YAML values, shared by the bank and the
//! answers file (this module sits below both in the data flow, so the bank
//! need not import the answers): reading yes/no and whole numbers as people
//! write them, and describing values and parser errors in messages.

use serde_yaml::Value;

/// `true`/`false`, and the YAML 1.1 spellings people still write.
pub fn as_yes_no(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "on" => Some(true),
            "no" | "n" | "false" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A whole number, also when written as `4.0`.
pub fn as_integer(v: &Value) -> Option<i64> {
    let Value::Number(n) = v else { return None };
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A YAML error's message without the " at line X column Y" the problem
/// already carries.
pub fn strip_location(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    let s = match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    // The parser's limits, in words a bank author can act on.
    if s.starts_with("recursion limit exceeded") {
        format!(
            "{s}: the data is nested too deeply (over 128 levels); no bank or answers file needs that much"
        )
    } else if s.starts_with("repetition limit exceeded") {
        format!(
            "{s}: its aliases (`*name`) expand to too much data, as in an alias bomb; write the values out instead"
        )
    } else {
        s
    }
}

/// What [`read_mapping`] hands each entry of a mapping to.
pub trait Entries {
    /// False when `key` was met before in this mapping: a repeated key.
    fn first_time(&mut self, key: &Value) -> bool;
    fn entry(&mut self, key: Value, value: Value);
}

/// Reads a document that is a mapping entry by entry, without building the
/// whole mapping first. Any document that is not a mapping, an empty one
/// and a mapping with a repeated key is an error: the caller reads those
/// whole to describe them.
///
/// A long block mapping is read in pieces of about [`PIECE`] bytes, cut
/// before a line that starts with a plain key: the parser keeps every
/// event of a document until its end, and those of a 2 MB file of 100,000
/// answers take some 30 MB of fresh memory. Each piece is a mapping of its
/// own with the same entries. A cut that lands where it does not hold
/// (inside a quoted text, a `[…]` list or an indented value continued on
/// that line) leaves a piece that does not parse, which is an error, as is
/// an alias to an anchor in another piece; and a file with a directive or
/// document marker (`%`, `---`, `...` at the start of a line) is not cut.
pub fn read_mapping(text: &str, into: &mut impl Entries) -> Result<(), serde_yaml::Error> {
    read_pieces(text, PIECE, into)
}

/// The size a long mapping is read in (see [`read_mapping`]).
pub const PIECE: usize = 64 * 1024;

fn read_pieces(text: &str, piece: usize, into: &mut impl Entries) -> Result<(), serde_yaml::Error> {
    let markers = text
        .split('\n')
        .any(|line| line.starts_with(['%']) || line.starts_with("---") || line.starts_with("..."));
    // Cut only a block mapping at the left margin: one that starts with a
    // plain key there (not indented, not `{…}`, not a quoted key).
    let first = text
        .split('\n')
        .find(|line| !line.trim_start().is_empty() && !line.trim_start().starts_with('#'));
    let at_margin = first.is_some_and(|line| starts_plain_key(line.as_bytes()));
    if markers || !at_margin {
        return read_piece(text, into);
    }
    // At least one piece, so that an empty document is one too.
    let mut start = 0;
    loop {
        let end = next_cut(text, start + piece).unwrap_or(text.len());
        read_piece(&text[start..end], into)?;
        if end == text.len() {
            return Ok(());
        }
        start = end;
    }
}

/// The first start of a line at or after byte `from` that begins with a
/// letter, digit or `_`: a plain key of a block mapping at the left margin.
fn next_cut(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from.checked_sub(1)?;
    loop {
        let newline = at + memchr_newline(bytes.get(at..)?)?;
        let next = newline + 1;
        if starts_plain_key(&bytes[next..]) {
            return Some(next);
        }
        at = next;
    }
}

fn starts_plain_key(line: &[u8]) -> bool {
    line.first()
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

fn read_piece(text: &str, into: &mut impl Entries) -> Result<(), serde_yaml::Error> {
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
    struct Seed<'a, E>(&'a mut E);
    impl<'de, E: Entries> DeserializeSeed<'de> for Seed<'_, E> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de, E: Entries> Visitor<'de> for Seed<'_, E> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut entries = 0;
            while let Some(key) = map.next_key::<Value>()? {
                if !self.0.first_time(&key) {
                    return Err(de::Error::custom("repeated key"));
                }
                let value = map.next_value::<Value>()?;
                self.0.entry(key, value);
                entries += 1;
            }
            // The parser reads an empty document or `null` as an empty
            // mapping; a piece holds at least the key it was cut before.
            if entries == 0 {
                return Err(de::Error::custom("no entries"));
            }
            Ok(())
        }
    }
    Seed(into).deserialize(serde_yaml::Deserializer::from_str(text))
}

/// A short description of a YAML value for messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("\"{}\"", shorten(s, 40)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

/// Where a parser error is best shown, as `(line, column)`: where the
/// parser placed it, except for a duplicated key, which the parser places at
/// the start of the mapping that holds it: there, the key's second
/// appearance at the same indentation as its first (or on the same line, in
/// a flow mapping).
pub fn error_position(text: &str, e: &serde_yaml::Error) -> Option<(usize, usize)> {
    let location = e.location()?;
    let at = (location.line(), location.column());
    let message = e.to_string();
    let Some(key) = message
        .split_once("duplicate entry with key \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(key, _)| key)
    else {
        return Some(at);
    };
    let loc = crate::input::Locator::new(text);
    let first = loc.key(key, location.index())?;
    let (line, column) = loc.pos(first);
    let mut from = first + key.len();
    // A bounded walk: a key of the same name nested deeper is passed over;
    // in a flow mapping (`{ a: 1, a: 2 }`) the repeat is on the same line.
    for _ in 0..10_000 {
        let Some(next) = loc.key(key, from) else {
            break;
        };
        let pos = loc.pos(next);
        if pos.1 == column || pos.0 == line {
            return Some(pos);
        }
        from = next + key.len();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries in the order they are read, or `None` on an error.
    #[derive(Default)]
    struct Collect {
        seen: Vec<Value>,
        entries: Vec<(Value, Value)>,
    }

    impl Entries for Collect {
        fn first_time(&mut self, key: &Value) -> bool {
            let new = !self.seen.contains(key);
            self.seen.push(key.clone());
            new
        }
        fn entry(&mut self, key: Value, value: Value) {
            self.entries.push((key, value));
        }
    }

    fn in_pieces(text: &str, piece: usize) -> Option<Vec<(Value, Value)>> {
        let mut c = Collect::default();
        read_pieces(text, piece, &mut c).ok().map(|()| c.entries)
    }

    fn whole(text: &str) -> Option<Vec<(Value, Value)>> {
        match serde_yaml::from_str::<Value>(text).ok()? {
            Value::Mapping(m) if !m.is_empty() => Some(m.into_iter().collect()),
            _ => None,
        }
    }

    /// Lines that are awkward to cut before or after: quoted texts and
    /// lists over several lines, block texts, anchors, tags, comments,
    /// document markers, keys that repeat, lines that are not entries.
    const LINES: &[&str] = &[
        "a: 1",
        "b: two words",
        "c: \"quoted",
        "d: still in the quote\"",
        "e: 'single",
        "f: quote'",
        "g: [x,",
        "h]",
        "i: |",
        "  block text",
        "j: >-",
        "k: &anchor value",
        "l: *anchor",
        "m: !!str 5",
        "# a comment",
        "",
        "---",
        "...",
        "%YAML 1.1",
        "null",
        "n",
        "a: again",
        "o:",
        "- item",
        "  p: nested",
        "q: {r: 1,",
        "s: 2}",
        "t: \"x\\",
        "u\"",
        "\"v\": 3",
        "? w",
        ": 4",
        "x:y",
        "\ty: tab",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Whatever a file holds and wherever it is cut, reading it in
        /// pieces either fails (and the file is read whole instead) or reads
        /// exactly the entries the whole file holds, in its order.
        #[test]
        fn pieces_read_what_the_whole_file_holds(
            lines in proptest::collection::vec(
                proptest::option::weighted(0.3, 0..LINES.len()),
                1..14,
            ),
            piece in 1usize..40,
        ) {
            // Mostly plain entries, so that many files are valid YAML.
            let text: String = lines
                .iter()
                .enumerate()
                .map(|(n, line)| match line {
                    Some(i) => format!("{}\n", LINES[*i]),
                    None => format!("k{n}: {n}\n"),
                })
                .collect();
            if let Some(entries) = in_pieces(&text, piece) {
                proptest::prop_assert_eq!(Some(entries), whole(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn a_long_plain_mapping_is_read_in_pieces() {
        let text: String = (0..2000).map(|i| format!("q{i}: {i}\n")).collect();
        // Cut into pieces of about 100 bytes: each is read, none fails.
        let entries = in_pieces(&text, 100).unwrap();
        assert_eq!(entries.len(), 2000);
        assert_eq!(Some(entries), whole(&text));
        assert!(next_cut(&text, 100).is_some_and(|c| c < text.len()));
    }

    #[test]
    fn empty_null_and_repeated_keys_are_left_to_the_whole_read() {
        for text in [
            "",
            "\n",
            "# only a comment\n",
            "~\n",
            "null\n",
            "a: 1\na: 2\n",
            "[a]\n",
        ] {
            assert_eq!(in_pieces(text, PIECE), None, "{text:?}");
        }
    }
}
