//! The list widgets of the terminal session: pick one, or tick several,
//! each one frame of the live area ([`super::screen`]) laid out by
//! [`super::layout`] again at every draw for the terminal's size then.
//! Number keys pick ([`super::digits`]). Help opens and closes in place
//! (`?`), as part of the frame. An exclusive item ("Prefer not to say")
//! clears the other ticks on screen, with a line that says so, before
//! Enter is pressed.

use std::io;

use super::digits::{Digits, Typed, hint_with_numbers, number_of};
use super::keys::{Key, interrupted};
use super::layout::{
    Ask, Item, Look, frame, help_body, item_lines, prompt_lines, styled_lines, window,
};
use super::screen::Tty;
use crate::wrap::{Breaks, lines};

/// The words of the help item.
pub const HELP: &str = "? Help";
const HIDE_HELP: &str = "? Hide help";

/// The state both widgets share.
struct List<'a> {
    items: Vec<Item>,
    /// The index of the help item, when there is help.
    help_item: Option<usize>,
    help: Option<&'a str>,
    help_open: bool,
    help_offset: usize,
    cursor: usize,
    top: usize,
    digits: Digits,
    note: Option<String>,
}

impl<'a> List<'a> {
    fn new(items: &[Item], help: Option<&'a str>, cursor: usize) -> Self {
        let mut items = items.to_vec();
        let help_item = help.map(|_| {
            items.push(Item::new(HELP));
            items.len() - 1
        });
        let cursor = cursor.min(items.len().saturating_sub(1));
        List {
            items,
            help_item,
            help,
            help_open: false,
            help_offset: 0,
            cursor,
            top: 0,
            digits: Digits::default(),
            note: None,
        }
    }

    fn toggle_help(&mut self) {
        self.help_open = !self.help_open && self.help.is_some();
        self.help_offset = 0;
        if let Some(h) = self.help_item {
            self.items[h].label = if self.help_open { HIDE_HELP } else { HELP }.into();
        }
    }

    /// ↑/↓ (wrapping), Tab, Home/End (and PgUp/PgDn when `pages`): whether
    /// `key` moved the cursor.
    fn moved(&mut self, key: &Key, pages: bool) -> bool {
        let last = self.items.len() - 1;
        self.cursor = match (key, self.cursor) {
            (Key::Down | Key::Tab, c) if c >= last => 0,
            (Key::Down | Key::Tab, c) => c + 1,
            (Key::Up | Key::BackTab, 0) => last,
            (Key::Up | Key::BackTab, c) => c - 1,
            (Key::Home, _) => 0,
            (Key::End, _) => last,
            (Key::PageUp, _) if pages => 0,
            (Key::PageDown, _) if pages => last,
            _ => return false,
        };
        true
    }

    /// A key while the help is open: it scrolls, or closes it. A number
    /// or an item's letter closes it and is taken as if it were closed
    /// (false).
    fn help_key(&mut self, key: &Key) -> io::Result<bool> {
        match key {
            Key::Up => self.help_offset = self.help_offset.saturating_sub(1),
            Key::Down | Key::Char(' ') => self.help_offset += 1,
            Key::PageUp => self.help_offset = self.help_offset.saturating_sub(5),
            Key::PageDown => self.help_offset += 5,
            Key::CtrlC => return Err(interrupted()),
            Key::Esc | Key::Char('?') | Key::Enter => self.toggle_help(),
            Key::Char(c) if c.is_ascii_digit() || self.keyed(*c).is_some() => {
                self.toggle_help();
                return Ok(false);
            }
            _ => {}
        }
        Ok(true)
    }

    /// The rows the question, every item and the note take.
    fn rows_needed(&self, look: &Look, ask: &Ask, width: usize) -> usize {
        let items: usize = (self.items.iter())
            .map(|i| item_lines(look, i, false, None, width).len())
            .sum();
        let note =
            (self.note.as_ref()).map_or(0, |n| lines(n, width, "  ", "  ", Breaks::Words).len());
        prompt_lines(look, &ask.prompt, width).len() + items + note
    }

    /// The item a letter key answers with.
    fn keyed(&self, c: char) -> Option<usize> {
        self.items.iter().position(|i| i.key == Some(c))
    }

    /// The item numbered `n`, or `None` with a note that there is none.
    fn numbered(&mut self, n: u32) -> Option<usize> {
        let i = number_of(&self.items, n);
        if i.is_none() {
            self.note = Some(format!("There is no {n} here."));
        }
        i
    }

    /// `?`: the help, or a note that there is none.
    fn question_mark(&mut self) {
        match self.help {
            Some(_) => self.toggle_help(),
            None => self.note = Some("No help for this question.".into()),
        }
    }

    /// Item `i` chosen (Enter, Space, its number): the help opens or
    /// closes; in a tick list it is ticked or unticked; else it is the
    /// answer.
    fn pick(&mut self, i: usize, ticks: &mut Option<Vec<bool>>) -> Option<Ticked> {
        if Some(i) == self.help_item {
            self.toggle_help();
            return None;
        }
        let Some(ticks) = ticks else {
            return Some(Ticked::Picked(i));
        };
        self.cursor = i;
        self.note = toggle_tick(&self.items[..ticks.len()], ticks, i);
        None
    }

    fn lines(
        &mut self,
        look: &Look,
        ask: &Ask,
        width: usize,
        rows: usize,
        ticks: Option<&[bool]>,
    ) -> Vec<String> {
        let hint = hint_with_numbers(&ask.hint, &self.items);
        let note = self.digits.note(&self.items).or_else(|| self.note.clone());
        let footer = note.map_or_else(Vec::new, |n| styled_lines(&look.note, &n, width, "  "));
        if self.help_open {
            let help = self.help.unwrap_or_default();
            let mut offset = self.help_offset;
            let body = |room: usize| {
                let mut o = offset;
                help_body(look, help, width, &mut o, room)
            };
            let (out, _) = frame(look, ask, "", width, rows, &body, 3, &footer);
            // Keep the offset within the help as laid out now.
            let all = styled_lines(&look.dim, help, width, "  ").len();
            offset = offset.min(all.saturating_sub(1));
            self.help_offset = offset;
            return out;
        }
        let blocks: Vec<Vec<String>> = (self.items.iter().enumerate())
            .map(|(i, item)| {
                let tick = ticks.and_then(|t| t.get(i).copied());
                item_lines(look, item, i == self.cursor, tick, width)
            })
            .collect();
        // Rows for three lines, and for the cursor's item whole with the
        // marks above and below it.
        let all: usize = blocks.iter().map(Vec::len).sum();
        let rows_needed = all.min(3.max(blocks[self.cursor].len() + 2));
        let cursor = self.cursor;
        let top = std::cell::Cell::new(self.top);
        let body = |room: usize| {
            let mut t = top.get();
            let v = window(&blocks, cursor, &mut t, room, look);
            top.set(t);
            v
        };
        let (out, _) = frame(look, ask, &hint, width, rows, &body, rows_needed, &footer);
        self.top = top.get();
        out
    }
}

/// The rows of the end screen's body kept in view under its verdict,
/// before the menu's keys line.
const BODY_ROWS: usize = 3;

/// The end screen laid out for a width: the lines always in view (the
/// verdict) and the rest.
pub type Summary = dyn Fn(usize) -> (String, String);

/// Pick one of `items`: ↑/↓ (wrapping), Home/End, Enter or Space picks
/// the current line, a number picks its item at once. `None` for Esc.
/// The frame is taken off the screen when it ends; the caller writes what
/// was chosen.
///
/// Under a summary (`under`: the end screen), its first lines (`head`,
/// the verdict) stay in view above the menu and the rest (`body`) fills
/// the rows left, scrolled with PgUp/PgDn, or k/j (and Space) on a
/// keyboard without them, when it does not fit, with a line that says how much is above and below; the note with
/// it (the last message) stays under the menu.
pub fn select(
    tty: &mut Tty,
    ask: &Ask,
    items: &[Item],
    default: usize,
    under: Option<(&Summary, Option<String>)>,
) -> io::Result<Option<usize>> {
    let list = List::new(items, ask.help.as_deref(), default);
    Ok(match run(tty, ask, list, None, under)? {
        Ticked::Picked(i) => Some(i),
        _ => None,
    })
}

/// What a list came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Ticked {
    /// The item picked (a list to pick one).
    Picked(usize),
    /// Enter: the ticks as they were on screen.
    Done(Vec<bool>),
    /// Esc.
    Back,
}

/// Tick any of `items`: Space (or an item's number) ticks and unticks,
/// Enter is done. Ticking an exclusive item clears the other ticks and
/// ticking another clears it, each with a one-line note on screen, so
/// what is shown when Enter is pressed is exactly what is returned.
pub fn multi(tty: &mut Tty, ask: &Ask, items: &[Item], mut ticks: Vec<bool>) -> io::Result<Ticked> {
    ticks.resize(items.len(), false);
    let list = List::new(items, ask.help.as_deref(), 0);
    run(tty, ask, list, Some(ticks), None)
}

/// Both lists: with `ticks`, a tick list ([`multi`]), else a list to pick
/// one from ([`select`]).
fn run(
    tty: &mut Tty,
    ask: &Ask,
    mut list: List<'_>,
    mut ticks: Option<Vec<bool>>,
    under: Option<(&Summary, Option<String>)>,
) -> io::Result<Ticked> {
    let Tty { screen, kb, look } = tty;
    let (summary, note) = under.unzip();
    list.note = note.flatten();
    let (mut offset, mut page, mut end) = (0, 1, 0);
    let done = loop {
        if !kb.more_pending() || screen.resized() {
            let (rows, width) = (screen.rows(), screen.width());
            let out = match summary {
                Some(summary) => {
                    let (head, body) = summary(width);
                    let mut out = split(&head);
                    out.truncate(rows.saturating_sub(5).max(1));
                    // At least BODY_ROWS of the body: on a small screen the
                    // menu's keys line gives way first.
                    let menu_rows = rows
                        .saturating_sub(out.len() + 1 + BODY_ROWS)
                        .max(list.rows_needed(look, ask, width));
                    let menu = list.lines(look, ask, width, menu_rows, None);
                    let room = rows.saturating_sub(out.len() + menu.len());
                    let body = scrolled(look, split(&body), room, &mut offset, &mut page);
                    out.extend(body.0);
                    end = body.1;
                    out.extend(menu);
                    out
                }
                None => list.lines(look, ask, width, rows, ticks.as_deref()),
            };
            screen.draw(&out, None)?;
        }
        let key = kb.next(Some(list.digits.timeout()))?;
        // Under a summary the note (the last message) stays.
        if key.is_some() && summary.is_none() {
            list.note = None;
        }
        // A digit that waited for a second one: its moment is over, or
        // another key came.
        let now = !matches!(key, None | Some(Key::Char('0'..='9')));
        if let Some(i) = list.digits.due(now).and_then(|d| list.numbered(d))
            && let Some(done) = list.pick(i, &mut ticks)
        {
            break done;
        }
        let Some(key) = key else { continue };
        if list.help_open && list.help_key(&key)? {
            continue;
        }
        // Under a summary, PgUp/PgDn scroll it.
        if list.moved(&key, summary.is_none()) {
            continue;
        }
        let picked = match key {
            // Never past the end, also between frames (keys typed ahead).
            Key::PageDown | Key::Char(' ' | 'j') if summary.is_some() => {
                offset = end.min(offset + page);
                None
            }
            Key::PageUp | Key::Char('k') if summary.is_some() => {
                offset = offset.saturating_sub(page);
                None
            }
            Key::Enter if ticks.is_some() && Some(list.cursor) != list.help_item => {
                break Ticked::Done(ticks.unwrap_or_default());
            }
            Key::Enter | Key::Char(' ') => Some(list.cursor),
            Key::Char('?') => {
                list.question_mark();
                None
            }
            // A letter's item at once (the skip choice: in a tick list,
            // it alone ticked, and done).
            Key::Char(c) if list.keyed(c).is_some() => {
                let i = list.keyed(c).unwrap_or(0);
                break match ticks {
                    Some(t) => Ticked::Done((0..t.len()).map(|j| j == i).collect()),
                    None => Ticked::Picked(i),
                };
            }
            Key::Char(c @ '0'..='9') => {
                match list.digits.push(c.to_digit(10).unwrap_or(0), &list.items) {
                    Typed::Wait => None,
                    Typed::Number(n) => list.numbered(n),
                }
            }
            Key::Esc => break Ticked::Back,
            Key::CtrlC => return Err(interrupted()),
            _ => None,
        };
        if let Some(done) = picked.and_then(|i| list.pick(i, &mut ticks)) {
            break done;
        }
    };
    screen.clear()?;
    Ok(done)
}

/// The lines of a text that ends in a line break.
pub fn split(text: &str) -> Vec<String> {
    text.trim_end_matches('\n')
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// The part of `body` that fits `room` rows from `offset` (kept in range),
/// with a line saying what is above and below, and the last offset; `page`
/// becomes the rows a PgDn moves.
fn scrolled(
    look: &Look,
    body: Vec<String>,
    room: usize,
    offset: &mut usize,
    page: &mut usize,
) -> (Vec<String>, usize) {
    if body.len() <= room {
        *offset = 0;
        return (body, 0);
    }
    if room == 0 {
        return (Vec::new(), *offset);
    }
    *page = room.saturating_sub(1).max(1);
    let shown = room - 1;
    *offset = (*offset).min(body.len() - shown);
    let below = body.len() - shown - *offset;
    let mut out = body[*offset..*offset + shown].to_vec();
    let lines = crate::export::plural(*offset + below, "line", "lines");
    let more = match (*offset, below) {
        (0, b) => format!("  ↓ {b} more {lines}: j or PgDn"),
        (a, 0) => format!("  ↑ {a} more {lines}: k or PgUp"),
        (a, b) => format!("  ↑ {a} ↓ {b} more: k/j, PgUp/PgDn"),
    };
    out.push(look.dim.apply_to(more).to_string());
    (out, body.len() - shown)
}

/// Ticks or unticks item `i`, keeping exclusive items exclusive. Returns
/// the note that says what else changed, if anything did.
pub fn toggle_tick(items: &[Item], ticks: &mut [bool], i: usize) -> Option<String> {
    ticks[i] = !ticks[i];
    if !ticks[i] {
        return None;
    }
    let cleared: Vec<usize> = (0..items.len())
        .filter(|&j| j != i && ticks[j] && (items[i].exclusive || items[j].exclusive))
        .collect();
    for &j in &cleared {
        ticks[j] = false;
    }
    match cleared.as_slice() {
        [] => None,
        _ if items[i].exclusive => {
            Some(format!("\"{}\" replaces the other ticks.", items[i].label))
        }
        [j, ..] => Some(format!("\"{}\" is unticked.", items[*j].label)),
    }
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/menu.rs"]
mod tests;
