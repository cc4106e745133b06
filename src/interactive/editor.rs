//! The one line editor of the session, for text answers and "Save as":
//! the text is laid out in rows of the terminal's width (measured at every
//! draw) and the cursor placed in it, so what is on screen is exactly what
//! is kept. Keys: ←/→, Home/End (Ctrl-A/E), Backspace, Delete, Ctrl-U
//! (to the start), Ctrl-K (to the end), Ctrl-W (the word before), Enter,
//! Esc (back). A paste arrives whole (bracketed paste); its line breaks and
//! tabs become spaces, other control characters are dropped.

use std::io;

use super::keys::Key;
use super::layout::{self, Ask, Look};
use super::screen::Tty;
use crate::wrap::width_of;

/// The text being edited and the cursor in it (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
}

/// The most characters a typed answer keeps (in the editor and in a plain
/// session's line): far more than any answer needs, and a bound on what a
/// draft holds for each question.
pub const MAX_TYPED: usize = 10_000;

/// What the first row starts with; the next rows are indented as much.
const PROMPT: &str = "› ";

impl Line {
    pub fn new(text: &str) -> Self {
        let mut l = Line::default();
        l.insert(text);
        l
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Inserts typed or pasted text at the cursor, up to [`MAX_TYPED`]
    /// characters in all.
    pub fn insert(&mut self, text: &str) {
        let room = MAX_TYPED.saturating_sub(self.chars.len());
        let new: Vec<char> = (text.chars())
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                // Bidi controls would reorder what is shown.
                '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
                c => Some(c),
            })
            .take(room)
            .collect();
        let n = new.len();
        self.chars.splice(self.cursor..self.cursor, new);
        self.cursor += n;
    }

    /// Applies an editing key; false for keys that are not editing.
    pub fn key(&mut self, key: &Key) -> bool {
        match key {
            Key::Char(c) => self.insert(&c.to_string()),
            Key::Paste(s) => self.insert(s),
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            // A character and what joins it to the one before (an accent,
            // a variation or skin tone, a zero-width joiner): one glyph.
            Key::Backspace if self.cursor > 0 => loop {
                self.cursor -= 1;
                let c = self.chars.remove(self.cursor);
                let joined = self.cursor > 0 && self.chars[self.cursor - 1] == '\u{200d}';
                if self.cursor == 0 || !(joined || joins(c)) {
                    break;
                }
            },
            Key::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::Backspace | Key::Delete => {}
            Key::CtrlU => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            Key::CtrlK => self.chars.truncate(self.cursor),
            Key::CtrlW => {
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && self.chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }

    /// The rows of the text at `width` columns, `› ` before the first and
    /// as many spaces before the others, and where the cursor is in them
    /// (row, column). Rows break after a space, as words are written
    /// (a word longer than a row breaks where the row ends); every
    /// character is on screen, in order, but the spaces at a row's end
    /// past the last column.
    pub fn layout(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let indent = width_of(PROMPT);
        let room = width.max(indent + 2) - indent;
        let w = |c: &char| width_of(&c.to_string());
        // Where each row starts, in chars.
        let mut starts = vec![0];
        let (mut col, mut after_space) = (0, None);
        for (i, c) in self.chars.iter().enumerate() {
            if *c == ' ' {
                // A space may hang past the row's end.
                col += 1;
                after_space = Some(i + 1);
                continue;
            }
            if col + w(c) > room {
                let start = *starts.last().unwrap_or(&0);
                let at = after_space.filter(|&b| b > start).unwrap_or(i);
                starts.push(at);
                col = self.chars[at..i].iter().map(w).sum();
                after_space = None;
            }
            col += w(c);
        }
        let mut rows: Vec<String> = Vec::new();
        let mut at = (0, indent);
        for (r, &start) in starts.iter().enumerate() {
            let end = starts.get(r + 1).copied().unwrap_or(self.chars.len());
            let mut row = if r == 0 {
                PROMPT.to_string()
            } else {
                " ".repeat(indent)
            };
            let mut col = 0;
            for (i, c) in self.chars[start..end].iter().enumerate() {
                if start + i == self.cursor {
                    at = (r, indent + col.min(room));
                }
                if col + w(c) <= room {
                    row.push(*c);
                }
                col += w(c);
            }
            if self.cursor == self.chars.len() && r + 1 == starts.len() {
                at = if col >= room {
                    (r + 1, indent)
                } else {
                    (r, indent + col)
                };
            }
            rows.push(row);
        }
        if at.0 == rows.len() {
            rows.push(" ".repeat(indent));
        }
        (rows, at)
    }
}

/// Whether `c` joins the character before it into one glyph.
fn joins(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{300}'..='\u{36f}')
}

/// What Enter on an empty line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// It is an answer (a text question: "Prefer not to say").
    Allowed,
    /// It is not: this line says what to do instead.
    Refused(&'static str),
}

/// What the editor came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    Done(String),
    /// Esc, with the line as it was (kept for coming back).
    Back(String),
}

/// Edits a line under `ask` (its prompt and keys), starting from
/// `initial` with the cursor at its end, under `note` (the last message)
/// until a key is pressed.
pub fn edit(
    tty: &mut Tty,
    ask: &Ask,
    initial: &str,
    note: Option<String>,
    empty: Empty,
) -> io::Result<Edited> {
    tty.screen.bracketed_paste(true)?;
    let done = edit_line(tty, ask, initial, note, empty);
    tty.screen.bracketed_paste(false)?;
    let done = done?;
    tty.screen.clear()?;
    Ok(done)
}

fn edit_line(
    tty: &mut Tty,
    ask: &Ask,
    initial: &str,
    mut note: Option<String>,
    empty: Empty,
) -> io::Result<Edited> {
    let Tty { screen, kb, look } = tty;
    let mut line = Line::new(initial);
    let mut top = 0;
    let done = loop {
        if !kb.more_pending() || screen.resized() {
            let size = (screen.width(), screen.rows());
            let (frame, cursor) = layout(look, ask, &line, note.as_deref(), size, &mut top);
            screen.draw(&frame, Some(cursor))?;
        }
        let Some(key) = kb.next(Some(super::digits::TICK))? else {
            continue;
        };
        note = None;
        match key {
            Key::Enter => {
                let text = line.text().trim().to_string();
                match empty {
                    Empty::Refused(why) if text.is_empty() => note = Some(why.to_string()),
                    _ => break Edited::Done(text),
                }
            }
            Key::Esc => break Edited::Back(line.text()),
            Key::CtrlC => return Err(super::keys::interrupted()),
            k => {
                line.key(&k);
            }
        }
    };
    Ok(done)
}

/// The editor's frame: the prompt, the keys and help as room allows, the
/// text's rows (the ones around the cursor, with "↑ 2 more" and "↓ 3
/// more", when they are more than the screen; `top` is the first shown,
/// kept between draws), a note; and the cursor's place in the frame.
fn layout(
    look: &Look,
    ask: &Ask,
    line: &Line,
    note: Option<&str>,
    (width, rows): (usize, usize),
    top: &mut usize,
) -> (Vec<String>, (usize, usize)) {
    let (text_rows, (row, col)) = line.layout(width);
    let styled = |style, text| layout::styled_lines(style, text, width, "  ");
    let footer = note.map(|n| styled(&look.note, n)).unwrap_or_default();
    let help = (ask.help.as_deref()).map_or_else(Vec::new, |h| styled(&look.dim, h));
    let n = text_rows.len();
    // The help rows above the text, and the text row at the frame's top.
    let shown = std::cell::Cell::new((0usize, 0usize));
    let first = std::cell::Cell::new(*top);
    let body = |room: usize| -> Vec<String> {
        let room = room.max(1);
        if help.len() + n <= room {
            shown.set((help.len(), 0));
            let mut v = help.clone();
            v.extend(text_rows.iter().cloned());
            return v;
        }
        // The rows around the cursor, with what is above and below counted.
        let rows: Vec<Vec<String>> = text_rows.iter().map(|r| vec![r.clone()]).collect();
        let mut t = first.get();
        let v = layout::window(&rows, row, &mut t, room, look);
        first.set(t);
        shown.set((usize::from(t > 0 && v.len() > 1), t));
        v
    };
    let (frame, body_start) =
        layout::frame(look, ask, &ask.hint, width, rows, &body, n.min(3), &footer);
    let (above, shown_from) = shown.get();
    *top = first.get();
    (frame, (body_start + above + row - shown_from, col))
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/editor.rs"]
mod tests;
