//! Where a YAML error stands. The parser places a duplicate key at the
//! start of the document (1:1); this finds the second occurrence of the
//! key in the same mapping, so the message points at the line to fix.

/// The 1-based line and column of a YAML parse error: for a duplicate
/// key, where the repeated key stands; otherwise where the parser says.
pub fn position(text: &str, e: &serde_yaml::Error) -> Option<(usize, usize)> {
    let parser = e.location().map(|l| (l.line(), l.column().max(1)));
    let msg = e.to_string();
    match duplicate_key(&msg) {
        Some(key) => duplicate_position(text, &key).or(parser),
        None => parser,
    }
}

/// The key named by a "duplicate entry with key "…"" message.
fn duplicate_key(msg: &str) -> Option<String> {
    let rest = msg.split("duplicate entry with key ").nth(1)?;
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

/// A key at the start of a block line: its line and column (0-based, of
/// the key's first character).
#[derive(Debug, Clone, Copy)]
struct KeyLine {
    line: usize,
    col: usize,
}

/// The line's indentation and content, and whether it opens a list item,
/// with the content's column after the `- ` marks.
fn split_line(line: &str) -> (usize, &str, bool) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[indent..];
    let mut col = indent;
    let mut item = false;
    while let Some(r) = rest.strip_prefix("- ") {
        let spaces = r.len() - r.trim_start_matches(' ').len();
        col += 2 + spaces;
        rest = &r[spaces..];
        item = true;
    }
    (col, rest, item)
}

fn starts_with_key(content: &str, key: &str) -> bool {
    for quoted in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
        if let Some(r) = content.strip_prefix(&quoted) {
            if r.trim_start_matches(' ').starts_with(':') {
                return true;
            }
        }
    }
    false
}

fn duplicate_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut seen: Vec<KeyLine> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let (col, content, item) = split_line(line);
        if !starts_with_key(content, key) {
            continue;
        }
        let here = KeyLine { line: n, col };
        if !item {
            for earlier in seen.iter().rev().filter(|k| k.col == col) {
                if same_mapping(&lines, earlier, &here) {
                    return Some((n + 1, col + 1));
                }
            }
        }
        seen.push(here);
    }
    flow_position(text, key)
}

/// No line between the two leaves the mapping (less indented) or starts a
/// new list item at this level.
fn same_mapping(lines: &[&str], a: &KeyLine, b: &KeyLine) -> bool {
    lines[a.line + 1..b.line].iter().all(|l| {
        let t = l.trim_start_matches(' ');
        if t.is_empty() || t.starts_with('#') {
            return true;
        }
        let (col, _, item) = split_line(l);
        let indent = l.len() - t.len();
        indent >= a.col && !(item && col == a.col)
    })
}

/// In a flow mapping (`{a: 1, a: 2}` or JSON): the second place the key
/// stands before a colon.
fn flow_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut found = 0;
    for (n, line) in text.lines().enumerate() {
        for (i, _) in line.match_indices(key) {
            let before = line[..i].chars().next_back();
            let after = &line[i + key.len()..];
            let (quote_ok, rest) = match before {
                Some(q @ ('"' | '\'')) => {
                    (after.starts_with(q), after.get(1..).unwrap_or_default())
                }
                Some(c) => (!c.is_alphanumeric() && c != '_', after),
                None => (true, after),
            };
            if quote_ok && rest.trim_start_matches(' ').starts_with(':') {
                found += 1;
                if found == 2 {
                    let start = if matches!(before, Some('"' | '\'')) {
                        i - 1
                    } else {
                        i
                    };
                    return Some((n + 1, line[..start].chars().count() + 1));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str) -> Option<(usize, usize)> {
        let e = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        position(text, &e)
    }

    #[test]
    fn a_top_level_duplicate_is_found_on_its_line() {
        assert_eq!(pos("id: a\ntitle: x\ntitle: y\n"), Some((3, 1)));
    }

    #[test]
    fn a_duplicate_inside_a_list_item_is_found() {
        let text = "id: a\nquestions:\n  - id: q1\n    kind: yesno\n  - id: q2\n    kind: text\n    kind: yesno\n";
        assert_eq!(pos(text), Some((7, 5)));
    }

    #[test]
    fn the_same_key_in_sibling_items_is_no_duplicate() {
        // Only the second `prompt` of q2 repeats within one mapping.
        let text =
            "questions:\n  - id: q1\n    prompt: a\n  - id: q2\n    prompt: b\n    prompt: c\n";
        assert_eq!(pos(text), Some((6, 5)));
    }

    #[test]
    fn json_and_flow_duplicates_are_found() {
        assert_eq!(pos("{\"a\": 1,\n \"a\": 2}"), Some((2, 2)));
        assert_eq!(pos("x: {a: 1, a: 2}\n"), Some((1, 11)));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text with a repeated key: a position inside the text, never a panic.
        #[test]
        fn a_duplicate_is_placed_inside_the_text(
            lines in proptest::collection::vec("( {0,4}(- )?)?[a-zé\"']{1,3}: ?[a-z{}0-9,:]{0,6}", 1..12),
            key in "[a-z]{1,3}",
        ) {
            let text = lines.join("\n");
            let _ = duplicate_position(&text, &key);
            if let Some((line, col)) = duplicate_position(&format!("{key}: 1\n{text}\n{key}: 2\n"), &key) {
                prop_assert!(line >= 1 && col >= 1);
            }
        }
    }
}
