//! The list widgets of the terminal session: pick one, or tick several.
//!
//! dialoguer's lists count the rows they drew by `\n` only, so a prompt
//! wider than the terminal left stale copies behind; they show the current
//! line only by colour, have no number keys and no item that excludes the
//! others. These do all four: every line is wrapped here to the terminal's
//! width (measured again at every redraw) so the rows drawn are the rows
//! cleared; the current line is marked with `❯`, coloured or not; a digit
//! picks (or ticks) the item whose number it is; and an exclusive item
//! ("Prefer not to say") clears the other ticks on screen, with a line that
//! says so, before Enter is pressed.

use std::io;

use console::{Key, Style, Term};

use crate::wrap::{Breaks, lines, width_of};

/// How the widgets look: colours (or none) and the marks.
#[derive(Debug, Clone)]
pub struct Look {
    pub prompt: Style,
    pub dim: Style,
    pub active: Style,
    pub ticked: Style,
    pub note: Style,
}

impl Look {
    pub fn new(color: bool) -> Self {
        let st = |s: Style| s.for_stderr().force_styling(color);
        Look {
            prompt: st(Style::new().bold()),
            dim: st(Style::new().dim()),
            active: st(Style::new().cyan().bold()),
            ticked: st(Style::new().green()),
            note: st(Style::new().yellow()),
        }
    }
}

/// The mark of the current line, visible without colour.
pub const CURSOR: &str = "❯ ";
const NOT_CURSOR: &str = "  ";

/// One line of a list.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: String,
    /// The key that picks it: its number, `?` for help.
    pub key: Option<char>,
    /// Ticking it clears every other tick (multi lists).
    pub exclusive: bool,
    /// The width of the label's number ("4. ", "1 · "): a wrapped label's
    /// next lines start under the text after it.
    pub hang: usize,
}

impl Item {
    pub fn new(label: impl Into<String>, key: Option<char>) -> Self {
        Item {
            label: label.into(),
            key,
            exclusive: false,
            hang: 0,
        }
    }

    /// `number` then `label`, wrapped lines under the label.
    pub fn numbered(number: &str, label: &str, key: Option<char>) -> Self {
        Item {
            hang: width_of(number),
            ..Item::new(format!("{number}{label}"), key)
        }
    }
}

/// The terminal's columns now, less one so that no line ends exactly at
/// the edge (some terminals wrap there).
pub fn columns(term: &Term) -> usize {
    usize::from(term.size().1).saturating_sub(1).clamp(20, 100)
}

/// Draws lines and clears exactly them on the next draw.
struct Canvas<'t> {
    term: &'t Term,
    rows: usize,
}

impl<'t> Canvas<'t> {
    fn new(term: &'t Term) -> Self {
        Canvas { term, rows: 0 }
    }

    fn draw(&mut self, lines: &[String]) -> io::Result<()> {
        self.clear()?;
        for l in lines {
            self.term.write_line(l)?;
        }
        self.rows = lines.len();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        if self.rows > 0 {
            self.term.clear_last_lines(self.rows)?;
            self.rows = 0;
        }
        Ok(())
    }
}

/// Shows the cursor again however the widget ends.
struct CursorGuard<'t>(&'t Term);

impl Drop for CursorGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// The prompt lines: `? ` before the first, aligned below it.
fn prompt_lines(look: &Look, prompt: &str, hint: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = lines(prompt, width, "? ", "  ", Breaks::Words)
        .into_iter()
        .map(|l| look.prompt.apply_to(l).to_string())
        .collect();
    if !hint.is_empty() {
        out.extend(
            lines(hint, width, "  ", "  ", Breaks::Words)
                .into_iter()
                .map(|l| look.dim.apply_to(l).to_string()),
        );
    }
    out
}

/// An item's lines: the cursor mark, then the tick box (multi), then the
/// label wrapped under its text (past its number).
fn item_lines(
    look: &Look,
    item: &Item,
    active: bool,
    tick: Option<bool>,
    width: usize,
) -> Vec<String> {
    let mark = if active { CURSOR } else { NOT_CURSOR };
    let box_ = match tick {
        Some(true) => "[x] ",
        Some(false) => "[ ] ",
        None => "",
    };
    let first = format!("{mark}{box_}");
    let rest = " ".repeat(width_of(&first) + item.hang);
    lines(&item.label, width, &first, &rest, Breaks::Words)
        .into_iter()
        .map(|l| {
            if active {
                look.active.apply_to(l).to_string()
            } else if tick == Some(true) {
                look.ticked.apply_to(l).to_string()
            } else {
                l
            }
        })
        .collect()
}

fn key_of(items: &[Item], c: char) -> Option<usize> {
    items.iter().position(|i| i.key == Some(c))
}

fn step(cursor: usize, len: usize, down: bool) -> usize {
    match (down, cursor) {
        (true, c) if c + 1 >= len => 0,
        (true, c) => c + 1,
        (false, 0) => len - 1,
        (false, c) => c - 1,
    }
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// Pick one of `items`: ↑/↓ (wrapping), Home/End, Enter or Space picks
/// the current line, an item's key picks it at once. `None` for Esc. The
/// widget is cleared when it ends; the caller writes what was chosen.
pub fn select(
    term: &Term,
    look: &Look,
    prompt: &str,
    hint: &str,
    items: &[Item],
    default: usize,
) -> io::Result<Option<usize>> {
    let _guard = CursorGuard(term);
    term.hide_cursor()?;
    let mut canvas = Canvas::new(term);
    let mut cursor = default.min(items.len().saturating_sub(1));
    loop {
        let width = columns(term);
        let mut out = prompt_lines(look, prompt, hint, width);
        for (i, item) in items.iter().enumerate() {
            out.extend(item_lines(look, item, i == cursor, None, width));
        }
        canvas.draw(&out)?;
        let key = term.read_key_raw()?;
        match key {
            Key::ArrowDown | Key::Tab => cursor = step(cursor, items.len(), true),
            Key::ArrowUp | Key::BackTab => cursor = step(cursor, items.len(), false),
            Key::Home | Key::PageUp => cursor = 0,
            Key::End | Key::PageDown => cursor = items.len() - 1,
            Key::Enter | Key::Char(' ') => {
                canvas.clear()?;
                return Ok(Some(cursor));
            }
            Key::Char(c) => {
                if let Some(i) = key_of(items, c) {
                    canvas.clear()?;
                    return Ok(Some(i));
                }
            }
            Key::Escape => {
                canvas.clear()?;
                return Ok(None);
            }
            Key::CtrlC => {
                canvas.clear()?;
                return Err(interrupted());
            }
            _ => {}
        }
    }
}

/// What a tick list came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Ticked {
    /// Enter: the ticks as they were on screen.
    Done(Vec<bool>),
    /// The item with this key was pressed (help): the ticks so far.
    Key(usize, Vec<bool>),
    /// Esc.
    Back,
}

/// Tick any of `items`: Space (or an item's number) ticks and unticks,
/// Enter is done. Ticking an exclusive item clears the other ticks and
/// ticking another clears it, each with a one-line note on screen, so
/// what is shown when Enter is pressed is exactly what is returned.
/// Items in `actions` (help) are not ticked: their key or Space on them
/// returns [`Ticked::Key`].
pub fn multi(
    term: &Term,
    look: &Look,
    prompt: &str,
    hint: &str,
    items: &[Item],
    ticks: Vec<bool>,
    actions: &[usize],
) -> io::Result<Ticked> {
    let _guard = CursorGuard(term);
    term.hide_cursor()?;
    let mut canvas = Canvas::new(term);
    let mut ticks = ticks;
    ticks.resize(items.len(), false);
    let mut cursor = 0;
    let mut note: Option<String> = None;
    loop {
        let width = columns(term);
        let mut out = prompt_lines(look, prompt, hint, width);
        for (i, item) in items.iter().enumerate() {
            let tick = (!actions.contains(&i)).then_some(ticks[i]);
            out.extend(item_lines(look, item, i == cursor, tick, width));
        }
        if let Some(n) = &note {
            out.extend(
                lines(n, width, "  ", "  ", Breaks::Words)
                    .into_iter()
                    .map(|l| look.note.apply_to(l).to_string()),
            );
        }
        canvas.draw(&out)?;
        let toggle = match term.read_key_raw()? {
            Key::ArrowDown | Key::Tab => {
                cursor = step(cursor, items.len(), true);
                None
            }
            Key::ArrowUp | Key::BackTab => {
                cursor = step(cursor, items.len(), false);
                None
            }
            Key::Home | Key::PageUp => {
                cursor = 0;
                None
            }
            Key::End | Key::PageDown => {
                cursor = items.len() - 1;
                None
            }
            Key::Char(' ') => Some(cursor),
            Key::Char(c) => key_of(items, c),
            Key::Enter => {
                canvas.clear()?;
                return Ok(Ticked::Done(ticks));
            }
            Key::Escape => {
                canvas.clear()?;
                return Ok(Ticked::Back);
            }
            Key::CtrlC => {
                canvas.clear()?;
                return Err(interrupted());
            }
            _ => None,
        };
        let Some(i) = toggle else { continue };
        if actions.contains(&i) {
            canvas.clear()?;
            return Ok(Ticked::Key(i, ticks));
        }
        cursor = i;
        note = toggle_tick(items, &mut ticks, i);
    }
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

/// Waits for Enter (or Ctrl-C, an interruption; or the end of input).
pub fn wait_for_enter(term: &Term) -> io::Result<()> {
    loop {
        match term.read_key_raw()? {
            Key::Enter => return Ok(()),
            Key::CtrlC => return Err(interrupted()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<Item> {
        let mut v = vec![
            Item::new("Travel", Some('1')),
            Item::new("Visible projects", Some('2')),
            Item::new("Prefer not to say", None),
        ];
        v[2].exclusive = true;
        v
    }

    #[test]
    fn ticking_the_exclusive_item_clears_the_others_and_says_so() {
        let items = items();
        let mut ticks = vec![true, true, false];
        let note = toggle_tick(&items, &mut ticks, 2);
        assert_eq!(ticks, [false, false, true]);
        assert_eq!(
            note.as_deref(),
            Some("\"Prefer not to say\" replaces the other ticks.")
        );
        let note = toggle_tick(&items, &mut ticks, 0);
        assert_eq!(ticks, [true, false, false]);
        assert_eq!(note.as_deref(), Some("\"Prefer not to say\" is unticked."));
        assert_eq!(toggle_tick(&items, &mut ticks, 1), None);
        assert_eq!(ticks, [true, true, false]);
        assert_eq!(toggle_tick(&items, &mut ticks, 1), None);
        assert_eq!(ticks, [true, false, false]);
    }

    #[test]
    fn lines_fit_the_width_and_mark_the_cursor_without_colour() {
        let look = Look::new(false);
        let item = Item::new(
            "Realistically, how would your manager react to a request for part-time work",
            Some('1'),
        );
        let out = item_lines(&look, &item, true, Some(false), 30);
        assert!(out[0].starts_with("❯ [ ] Realistically,"), "{out:?}");
        assert!(out.iter().all(|l| width_of(l) <= 30), "{out:?}");
        assert!(out[1].starts_with("      "), "{out:?}");
        let out = item_lines(&look, &item, false, None, 30);
        assert!(out[0].starts_with("  Realistically,"), "{out:?}");
    }

    #[test]
    fn a_numbered_label_wraps_under_its_text() {
        let look = Look::new(false);
        let label = "Another way, such as a step-parent or a grandparent raising a child";
        let item = Item::numbered("4. ", label, Some('4'));
        let out = item_lines(&look, &item, false, None, 40);
        assert!(out[0].starts_with("  4. Another way"), "{out:?}");
        assert!(
            out.len() > 1 && out[1..].iter().all(|l| l.starts_with("     ")),
            "{out:?}"
        );
        assert!(!out[1].starts_with("      "), "{out:?}");
        let out = item_lines(&look, &item, true, Some(true), 40);
        assert!(
            out[1..].iter().all(|l| l.starts_with("         ")),
            "{out:?}"
        );
        let item = Item::numbered("1 · ", label, Some('1'));
        let out = item_lines(&look, &item, false, None, 40);
        assert!(
            out[1].starts_with("      ") && !out[1].starts_with("       "),
            "{out:?}"
        );
    }

    #[test]
    fn the_cursor_wraps_around() {
        assert_eq!(step(2, 3, true), 0);
        assert_eq!(step(0, 3, false), 2);
        assert_eq!(step(1, 3, true), 2);
    }
}
