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
