//! Making untrusted text inert before it reaches a terminal.
//!
//! Every byte that came from a bank, an answers file, a result, a draft or
//! a file name is untrusted when printed. A terminal acts on escape
//! sequences (colours, OSC 8 links, OSC 52 clipboard writes, cursor moves),
//! on C1 controls that some terminals take as the start of one, and on a
//! lone carriage return (which overwrites the line); bidi overrides and
//! isolates make text read in another order than it runs ("Trojan source").
//! This module owns the two functions that take all of those out:
//!
//! - [`text`] for multi-line text (prompts, descriptions, reports, error
//!   messages): keeps `\n` and `\t`, turns `\r\n` and the Unicode line and
//!   paragraph separators into `\n`;
//! - [`inline`] for what must stay on one line (file names, ids, titles in
//!   a message or a YAML comment): every line break and tab becomes a space.
//!
//! What is removed: C0 controls but `\n`/`\t`, DEL, C1 controls
//! (U+0080–U+009F), whole ESC- and C1-introduced sequences (CSI, OSC, DCS,
//! SOS, PM, APC, and two- and three-character escapes), and the bidi
//! embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069.
//! The directional marks U+200E, U+200F and U+061C are kept: they reorder
//! nothing by themselves, and right-to-left text needs them.

use std::borrow::Cow;
use std::path::Path;

/// Multi-line text made inert: see the module documentation.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// One line of text made inert: like [`text`], and line breaks and tabs
/// become spaces.
pub fn inline(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// A path for a message, on one line and inert.
/// Escaped like [`id`] (not cut), so the name shown is the file's own and
/// can be copied back.
/// Bytes that are not UTF-8 are shown as `\xff`, not as U+FFFD.
pub fn path(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&escaped(chunk.valid(), usize::MAX));
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    escaped(&p.display().to_string(), usize::MAX).into_owned()
}

/// [`text`] as an owned string: what the exporters and prompters call.
pub fn terminal_safe(s: &str) -> String {
    text(s).into_owned()
}

/// True for the characters [`text`] removes or changes.
fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The bidi embeddings, overrides and isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn clean(s: &str, one_line: bool) -> Cow<'_, str> {
    let needs = |c: char| needs_work(c) || (one_line && matches!(c, '\n' | '\t'));
    let Some(first) = s.find(needs) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut chars = s[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push(if one_line { ' ' } else { '\n' }),
            '\t' => out.push(if one_line { ' ' } else { '\t' }),
            // `\r\n` is a line break; a lone CR is dropped.
            '\r' => {}
            '\u{1b}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(' '..='/') => {
                    // Intermediates, then one final character.
                    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                    chars.next_if(|c| matches!(c, '0'..='~'));
                }
                Some('0'..='~') => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Parameters and intermediates, then the final character of a CSI
/// sequence; stops early at anything a CSI cannot hold.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| matches!(c, ' '..='?')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// The body of an OSC, DCS, SOS, PM or APC string, up to its terminator
/// (BEL, ESC \ or ST, all removed) or the end of the line (kept).
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => return,
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// A name (an id, a key) for a message, on one line and inert, with every
/// character that does not show (controls, zero-width and format
/// characters, bidi controls, spaces other than the plain one) written as
/// an escape like `\u{200b}`: an id that differs from a valid one only by
/// such a character must not look the same as it in the message. A name
/// longer than [`MAX_NAME`] characters is cut, with `…`.
pub fn id(s: &str) -> Cow<'_, str> {
    escaped(s, MAX_NAME)
}

/// `s` with every character that does not show escaped, cut at `max`.
fn escaped(s: &str, max: usize) -> Cow<'_, str> {
    let hidden = |c: char| {
        c != ' '
            && (c.is_whitespace()
                || c.escape_debug().next() == Some('\\') && !matches!(c, '"' | '\'' | '\\'))
    };
    let long = s.len() > max && s.chars().nth(max).is_some();
    if !long && !s.contains(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(4 * max.min(s.len())) + 8);
    for c in s.chars().take(max) {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if long {
        out.push('…');
    }
    Cow::Owned(out)
}

/// The most characters of a name [`id`] shows.
pub const MAX_NAME: usize = 80;

/// The most characters of a bank's text or an answer that a line quoting
/// it (a reason, a together step's evidence, what changed in a history)
/// keeps: the built-in bank's longest prompt has 156. Such lines repeat
/// per step and per flag, so a 1 MB prompt quoted whole by 1,000 steps
/// made a report of 1 GB.
pub const MAX_QUOTE: usize = 200;

/// `s` as a line quoting it shows it: at most [`MAX_QUOTE`] characters,
/// cut at a space near the end when there is one, then `…`.
pub fn excerpt(s: &str) -> Cow<'_, str> {
    let Some((end, _)) = s.char_indices().nth(MAX_QUOTE) else {
        return Cow::Borrowed(s);
    };
    let head = &s[..end];
    let cut = head.rfind(' ').filter(|&i| i >= end * 3 / 4).unwrap_or(end);
    Cow::Owned(format!("{}…", head[..cut].trim_end()))
}

/// True when `s` holds nothing [`text`] would change.
pub fn is_inert(s: &str) -> bool {
    !s.contains(needs_work)
}
