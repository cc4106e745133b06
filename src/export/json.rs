//! `--format json`: the result as docs/formats.md describes it, pretty-printed,
//! byte-identical for identical inputs.
//!
//! `<`, `>` and `&` inside strings are written as `\u003c`, `\u003e` and
//! `\u0026` (as Go's encoding/json does), so a result pasted into a web page
//! cannot open a tag; parsed back, the text is exactly the same.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// Pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    json_string(value, PrettyFormatter::new())
}

/// Pretty JSON with a final newline, with the characters HTML gives
/// meaning to escaped as they are written.
pub(super) fn html_safe<T: serde::Serialize>(value: &T) -> String {
    json_string(value, HtmlSafe(PrettyFormatter::new()))
}

fn json_string<T: serde::Serialize, F: Formatter>(value: &T, formatter: F) -> String {
    let mut out = Vec::with_capacity(4096);
    // Writing into memory cannot fail, nor can serialising plain data with
    // string keys.
    if let Err(e) = write_json(value, formatter, &mut out) {
        return format!("{{\"error\": \"{e}\"}}\n");
    }
    // serde_json writes only valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes `value` as JSON to `out`, with a final newline.
fn write_json<T: serde::Serialize, F: Formatter, W: Write + ?Sized>(
    value: &T,
    formatter: F,
    out: &mut W,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, formatter);
    // An I/O error (a closed pipe) comes back as itself.
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// A formatter that writes `<`, `>`, `&`, U+2028 and U+2029 inside strings
/// as `\uXXXX` escapes. They can only occur inside JSON strings, where the
/// escape means the same character; every other call is the inner one's.
struct HtmlSafe<F>(F);

impl<F: Formatter> Formatter for HtmlSafe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['<', '>', '&', '\u{2028}', '\u{2029}']) {
            w.write_all(&rest.as_bytes()[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
#[path = "../../tests/unit/export/json.rs"]
mod tests;
