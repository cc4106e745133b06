//! The list widgets of the terminal session: pick one, or tick several.
//!
//! Each is one frame of the live area ([`super::screen`]), laid out again
//! at every draw for the terminal's size then: the progress line, the
//! question (always in view), a line of keys, and the items in a window
//! that scrolls with the cursor, with "↑ 3 more" / "↓ 5 more" where items
//! are out of view. On a small screen the progress line and the keys give
//! way before the question and the items do.
//!
//! The current line is marked with `❯`, coloured or not. Number keys pick
//! (or tick) the item with that number; where numbers go past 9, a digit
//! that may start a longer number waits a moment for a second one (the
//! keys line says so). Help opens and closes in place (`?`), as part of
//! the frame. An exclusive item ("Prefer not to say") clears the other
//! ticks on screen, with a line that says so, before Enter is pressed.

use std::io;
use std::time::{Duration, Instant};

use console::Style;

use super::keys::{Key, Keyboard};
use super::screen::Screen;
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
/// How long a digit that may start a longer number waits for the next.
pub const DIGIT_WAIT: Duration = Duration::from_millis(800);
/// How often a waiting widget looks at the terminal's size.
const TICK: Duration = Duration::from_millis(150);

/// One line of a list.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: String,
    /// The number that picks it.
    pub number: Option<u32>,
    /// Ticking it clears every other tick (multi lists).
    pub exclusive: bool,
    /// The width of the label's number ("4. ", "1 · "): a wrapped label's
    /// next lines start under the text after it.
    pub hang: usize,
}

impl Item {
    pub fn new(label: impl Into<String>) -> Self {
        Item {
            label: label.into(),
            number: None,
            exclusive: false,
            hang: 0,
        }
    }

    /// `prefix` then `label`, picked by `number`; wrapped lines under the
    /// label.
    pub fn numbered(prefix: &str, label: &str, number: Option<u32>) -> Self {
        Item {
            hang: width_of(prefix),
            number,
            ..Item::new(format!("{prefix}{label}"))
        }
    }
}

/// What a widget asks: the lines above its items.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ask<'a> {
    /// The progress line, first to give way on a small screen.
    pub progress: Option<&'a str>,
    pub prompt: &'a str,
    /// The keys; they give way next.
    pub hint: &'a str,
    /// Help, opened and closed in place with `?`.
    pub help: Option<&'a str>,
}

/// The words of the help item.
pub const HELP: &str = "? Help";
const HIDE_HELP: &str = "? Hide help";

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// The prompt lines: `? ` before the first, aligned below it.
pub fn prompt_lines(look: &Look, prompt: &str, width: usize) -> Vec<String> {
    lines(prompt, width, "? ", "  ", Breaks::Words)
        .into_iter()
        .map(|l| look.prompt.apply_to(l).to_string())
        .collect()
}

fn dim_lines(look: &Look, text: &str, width: usize, indent: &str) -> Vec<String> {
    lines(text, width, indent, indent, Breaks::Words)
        .into_iter()
        .map(|l| look.dim.apply_to(l).to_string())
        .collect()
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

/// The lines of `blocks` (one per item) that fit `height` rows, keeping
/// block `cursor` in view; `top` (the first block shown) is kept between
/// draws so that the window moves only when the cursor leaves it. Lines
/// out of view are counted on a line above and below.
pub fn window(
    blocks: &[Vec<String>],
    cursor: usize,
    top: &mut usize,
    height: usize,
    look: &Look,
) -> Vec<String> {
    let n = blocks.len();
    let height = height.max(1);
    let total: usize = blocks.iter().map(Vec::len).sum();
    if total <= height || n == 0 {
        *top = 0;
        return blocks.concat();
    }
    let cursor = cursor.min(n - 1);
    if height < 3 {
        // No room for the marks: the cursor's item alone.
        *top = cursor;
        return blocks[cursor][..blocks[cursor].len().min(height)].to_vec();
    }
    // Past the marks, at least one row for the cursor's block.
    let room_for_one = height.saturating_sub(2).max(1);
    let clipped: Vec<&[String]> = blocks
        .iter()
        .map(|b| &b[..b.len().min(room_for_one)])
        .collect();
    *top = (*top).min(cursor);
    loop {
        let marks = usize::from(*top > 0) + usize::from(cursor + 1 < n);
        let need: usize = clipped[*top..=cursor]
            .iter()
            .map(|b| b.len())
            .sum::<usize>()
            + marks;
        if need <= height || *top == cursor {
            break;
        }
        *top += 1;
    }
    let mut out = Vec::new();
    if *top > 0 {
        out.push(look.dim.apply_to(format!("  ↑ {} more", *top)).to_string());
    }
    let mut i = *top;
    while i < n {
        let reserve = usize::from(i + 1 < n);
        if out.len() + clipped[i].len() + reserve > height && i > cursor {
            break;
        }
        out.extend(clipped[i].iter().cloned());
        i += 1;
    }
    if i < n {
        out.push(look.dim.apply_to(format!("  ↓ {} more", n - i)).to_string());
    }
    out
}

/// The frame of a list: the lines above the items, fitted to `rows` with
/// at least `min_items` rows left for the items (the progress line gives
/// way first, then the keys, then the question's last lines), the items'
/// window, and `footer` lines under it.
#[allow(clippy::too_many_arguments)]
pub fn frame(
    look: &Look,
    ask: &Ask<'_>,
    hint: &str,
    width: usize,
    rows: usize,
    body: &dyn Fn(usize) -> Vec<String>,
    body_rows: usize,
    footer: &[String],
) -> (Vec<String>, usize) {
    let progress = ask
        .progress
        .map(|p| dim_lines(look, p, width, ""))
        .unwrap_or_default();
    let mut prompt = prompt_lines(look, ask.prompt, width);
    let keys = if hint.is_empty() {
        Vec::new()
    } else {
        dim_lines(look, hint, width, "  ")
    };
    let want = body_rows.clamp(1, 3);
    let fixed = footer.len() + want;
    let mut head = Vec::new();
    if progress.len() + prompt.len() + keys.len() + fixed <= rows {
        head.extend(progress);
        head.append(&mut prompt);
        head.extend(keys);
    } else if prompt.len() + keys.len() + fixed <= rows {
        head.append(&mut prompt);
        head.extend(keys);
    } else {
        let room = rows.saturating_sub(fixed).max(1);
        if prompt.len() > room {
            prompt.truncate(room);
            if let Some(last) = prompt.last_mut() {
                let text = console::strip_ansi_codes(last).into_owned();
                let cut = crate::answers::shorten(&text, width.saturating_sub(2));
                *last = look.prompt.apply_to(format!("{cut}…")).to_string();
            }
        }
        head.append(&mut prompt);
    }
    let room = rows.saturating_sub(head.len() + footer.len()).max(1);
    let start = head.len();
    head.extend(body(room));
    head.extend(footer.iter().cloned());
    (head, start)
}

/// The keys line, with the two-digit note where numbers go past 9.
fn hint_with_numbers(hint: &str, items: &[Item]) -> String {
    if items.iter().any(|i| i.number.is_some_and(|n| n >= 10)) {
        if hint.is_empty() {
            "two digits for 10 and up".to_string()
        } else {
            format!("{hint} (two digits for 10 and up)")
        }
    } else {
        hint.to_string()
    }
}

/// Number keys: a digit that may start a longer number waits for the next.
#[derive(Debug, Default)]
struct Digits {
    pending: Option<(u32, Instant)>,
}

/// What the digits typed came to.
#[derive(Debug, PartialEq, Eq)]
enum Typed {
    /// Wait for another digit.
    Wait,
    /// This number.
    Number(u32),
}

impl Digits {
    fn push(&mut self, d: u32, items: &[Item]) -> Typed {
        if let Some((first, _)) = self.pending.take() {
            return Typed::Number(first * 10 + d);
        }
        let longer = items
            .iter()
            .filter_map(|i| i.number)
            .any(|n| n >= 10 && n / 10 == d);
        if longer {
            self.pending = Some((d, Instant::now() + DIGIT_WAIT));
            Typed::Wait
        } else {
            Typed::Number(d)
        }
    }

    /// The pending digit once its moment is over (or `now`, for Enter).
    fn due(&mut self, now: bool) -> Option<u32> {
        match self.pending {
            Some((d, at)) if now || Instant::now() >= at => {
                self.pending = None;
                Some(d)
            }
            _ => None,
        }
    }

    /// How long to wait for a key: until the pending digit is due.
    fn timeout(&self) -> Duration {
        match self.pending {
            Some((_, at)) => at.saturating_duration_since(Instant::now()).min(TICK),
            None => TICK,
        }
    }

    fn note(&self, items: &[Item]) -> Option<String> {
        let (d, _) = self.pending?;
        let max = items.iter().filter_map(|i| i.number).max().unwrap_or(d);
        let upto = (d * 10 + 9).min(max);
        Some(format!(
            "{d}… (a second digit picks {} to {upto}; or wait)",
            d * 10
        ))
    }
}

fn number_of(items: &[Item], n: u32) -> Option<usize> {
    items.iter().position(|i| i.number == Some(n))
}

/// The help's lines and the window into them.
fn help_body(
    look: &Look,
    help: &str,
    width: usize,
    offset: &mut usize,
    room: usize,
) -> Vec<String> {
    let all = dim_lines(look, help, width, "  ");
    let close = look.dim.apply_to("  ? or Esc closes the help").to_string();
    let room = room.max(2);
    if all.len() < room {
        let mut v = all;
        v.push(close);
        return v;
    }
    // Scrolled with ↑/↓; the last row says where the rest is.
    let shown = room - 1;
    *offset = (*offset).min(all.len() - shown);
    let mut v: Vec<String> = all[*offset..*offset + shown].to_vec();
    let below = all.len() - shown - *offset;
    let more = if below > 0 {
        format!("  ↓ {below} more lines · ? or Esc closes the help")
    } else {
        "  ? or Esc closes the help".to_string()
    };
    v.push(look.dim.apply_to(more).to_string());
    v
}

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

    fn step(&mut self, down: bool) {
        let len = self.items.len();
        self.cursor = match (down, self.cursor) {
            (true, c) if c + 1 >= len => 0,
            (true, c) => c + 1,
            (false, 0) => len - 1,
            (false, c) => c - 1,
        };
    }

    fn lines(
        &mut self,
        look: &Look,
        ask: &Ask<'_>,
        width: usize,
        rows: usize,
        ticks: Option<&[bool]>,
    ) -> Vec<String> {
        let hint = hint_with_numbers(ask.hint, &self.items);
        let mut footer = Vec::new();
        if let Some(n) = self.digits.note(&self.items).or_else(|| self.note.clone()) {
            footer.extend(
                lines(&n, width, "  ", "  ", Breaks::Words)
                    .into_iter()
                    .map(|l| look.note.apply_to(l).to_string()),
            );
        }
        if self.help_open {
            let help = self.help.unwrap_or_default();
            let mut offset = self.help_offset;
            let body = |room: usize| {
                let mut o = offset;
                help_body(look, help, width, &mut o, room)
            };
            let (out, _) = frame(look, ask, "", width, rows, &body, 3, &footer);
            // Keep the offset within the help as laid out now.
            let all = dim_lines(look, help, width, "  ").len();
            offset = offset.min(all.saturating_sub(1));
            self.help_offset = offset;
            return out;
        }
        let blocks: Vec<Vec<String>> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let tick = ticks.and_then(|t| t.get(i).copied());
                item_lines(look, item, i == self.cursor, tick, width)
            })
            .collect();
        let rows_needed: usize = blocks.iter().map(Vec::len).sum();
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

/// Pick one of `items`: ↑/↓ (wrapping), Home/End, Enter or Space picks
/// the current line, a number picks its item at once. `None` for Esc.
/// The frame is taken off the screen when it ends; the caller writes what
/// was chosen.
pub fn select(
    screen: &mut Screen,
    kb: &mut Keyboard,
    look: &Look,
    ask: &Ask<'_>,
    items: &[Item],
    default: usize,
) -> io::Result<Option<usize>> {
    let mut list = List::new(items, ask.help, default);
    let picked = loop {
        if !kb.more_pending() || screen.resized() {
            let (rows, width) = (screen.rows(), screen.width());
            let out = list.lines(look, ask, width, rows, None);
            screen.draw(&out, None)?;
        }
        let Some(key) = kb.next(Some(list.digits.timeout()))? else {
            if let Some(d) = list.digits.due(false) {
                match number_of(&list.items, d) {
                    Some(i) => break Some(i),
                    None => list.note = Some(format!("There is no {d} here.")),
                }
            }
            continue;
        };
        if let Some(d) = list.digits.due(!matches!(key, Key::Char('0'..='9')))
            && let Some(i) = number_of(&list.items, d)
        {
            break Some(i);
        }
        list.note = None;
        if list.help_open {
            match key {
                Key::Up => list.help_offset = list.help_offset.saturating_sub(1),
                Key::Down | Key::Char(' ') => list.help_offset += 1,
                Key::PageUp => list.help_offset = list.help_offset.saturating_sub(5),
                Key::PageDown => list.help_offset += 5,
                Key::CtrlC => return Err(interrupted()),
                Key::Esc | Key::Char('?') | Key::Enter => list.toggle_help(),
                _ => {}
            }
            continue;
        }
        match key {
            Key::Down | Key::Tab => list.step(true),
            Key::Up | Key::BackTab => list.step(false),
            Key::Home | Key::PageUp => list.cursor = 0,
            Key::End | Key::PageDown => list.cursor = list.items.len() - 1,
            Key::Enter | Key::Char(' ') => {
                if Some(list.cursor) == list.help_item {
                    list.toggle_help();
                } else {
                    break Some(list.cursor);
                }
            }
            Key::Char('?') if list.help.is_some() => list.toggle_help(),
            Key::Char(c @ '0'..='9') => {
                let d = c.to_digit(10).unwrap_or(0);
                if let Typed::Number(n) = list.digits.push(d, &list.items) {
                    match number_of(&list.items, n) {
                        Some(i) => break Some(i),
                        None => list.note = Some(format!("There is no {n} here.")),
                    }
                }
            }
            Key::Esc => break None,
            Key::CtrlC => return Err(interrupted()),
            _ => {}
        }
    };
    screen.clear()?;
    Ok(picked)
}

/// The end screen laid out for a width: the lines always in view (the
/// verdict) and the rest.
pub type Summary = dyn Fn(usize) -> (String, String);

/// [`select`] under a summary: its first lines (`head`, the verdict) always
/// in view above the menu, the rest (`body`) in the rows left, scrolled
/// with PgUp/PgDn (and Space) when it does not fit, with a line that says
/// how much is above and below. `note` (the last message) is shown under
/// the menu.
#[allow(clippy::too_many_arguments)]
pub fn select_under(
    screen: &mut Screen,
    kb: &mut Keyboard,
    look: &Look,
    summary: &Summary,
    ask: &Ask<'_>,
    items: &[Item],
    default: usize,
    note: Option<String>,
) -> io::Result<Option<usize>> {
    let mut list = List::new(items, None, default);
    list.note = note;
    let mut offset = 0usize;
    let mut page = 1usize;
    let picked = loop {
        if !kb.more_pending() || screen.resized() {
            let (rows, width) = (screen.rows(), screen.width());
            let (head, body) = summary(width);
            let mut out: Vec<String> = head
                .trim_end_matches('\n')
                .split('\n')
                .map(str::to_string)
                .collect();
            out.truncate(rows.saturating_sub(5).max(1));
            let menu = list.lines(look, ask, width, rows.saturating_sub(out.len() + 1), None);
            let body: Vec<String> = body
                .trim_end_matches('\n')
                .split('\n')
                .map(str::to_string)
                .collect();
            let room = rows.saturating_sub(out.len() + menu.len());
            if body.len() <= room {
                offset = 0;
                out.extend(body);
            } else if room >= 2 {
                page = room - 1;
                offset = offset.min(body.len() - page);
                out.extend(body[offset..offset + page].iter().cloned());
                let below = body.len() - page - offset;
                let mark = match (offset, below) {
                    (0, b) => format!("  ↓ {b} more lines: PgDn"),
                    (a, 0) => format!("  ↑ {a} lines above: PgUp"),
                    (a, b) => format!("  ↑ {a} lines above, ↓ {b} below: PgUp/PgDn"),
                };
                out.push(look.dim.apply_to(mark).to_string());
            } else if room == 1 {
                page = 1;
                out.push(
                    look.dim
                        .apply_to(format!("  ↓ {} more lines: PgDn", body.len()))
                        .to_string(),
                );
                offset = offset.min(body.len());
            }
            out.extend(menu);
            screen.draw(&out, None)?;
        }
        let Some(key) = kb.next(Some(list.digits.timeout()))? else {
            if let Some(d) = list.digits.due(false)
                && let Some(i) = number_of(&list.items, d)
            {
                break Some(i);
            }
            continue;
        };
        match key {
            Key::Down | Key::Tab => list.step(true),
            Key::Up | Key::BackTab => list.step(false),
            Key::Home => list.cursor = 0,
            Key::End => list.cursor = list.items.len() - 1,
            Key::PageDown | Key::Char(' ') => offset += page,
            Key::PageUp => offset = offset.saturating_sub(page),
            Key::Enter => break Some(list.cursor),
            Key::Char(c @ '0'..='9') => {
                let d = c.to_digit(10).unwrap_or(0);
                if let Typed::Number(n) = list.digits.push(d, &list.items)
                    && let Some(i) = number_of(&list.items, n)
                {
                    break Some(i);
                }
            }
            Key::Esc => break None,
            Key::CtrlC => return Err(interrupted()),
            _ => {}
        }
    };
    screen.clear()?;
    Ok(picked)
}

/// What a tick list came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Ticked {
    /// Enter: the ticks as they were on screen.
    Done(Vec<bool>),
    /// Esc.
    Back,
}

/// Tick any of `items`: Space (or an item's number) ticks and unticks,
/// Enter is done. Ticking an exclusive item clears the other ticks and
/// ticking another clears it, each with a one-line note on screen, so
/// what is shown when Enter is pressed is exactly what is returned.
pub fn multi(
    screen: &mut Screen,
    kb: &mut Keyboard,
    look: &Look,
    ask: &Ask<'_>,
    items: &[Item],
    ticks: Vec<bool>,
) -> io::Result<Ticked> {
    let mut list = List::new(items, ask.help, 0);
    let mut ticks = ticks;
    ticks.resize(items.len(), false);
    let n = items.len();
    let done = loop {
        if !kb.more_pending() || screen.resized() {
            let (rows, width) = (screen.rows(), screen.width());
            // The help item has no tick box.
            let mut shown = ticks.clone();
            shown.truncate(n);
            let out = list.lines(look, ask, width, rows, Some(&shown));
            screen.draw(&out, None)?;
        }
        let key = kb.next(Some(list.digits.timeout()))?;
        let now = !matches!(key, None | Some(Key::Char('0'..='9')));
        if let Some(d) = list.digits.due(now) {
            match number_of(&list.items, d) {
                Some(i) if i < n => {
                    list.cursor = i;
                    list.note = toggle_tick(items, &mut ticks, i);
                }
                _ => list.note = Some(format!("There is no {d} here.")),
            }
        }
        let Some(key) = key else { continue };
        if list.help_open {
            match key {
                Key::Up => list.help_offset = list.help_offset.saturating_sub(1),
                Key::Down | Key::Char(' ') => list.help_offset += 1,
                Key::PageUp => list.help_offset = list.help_offset.saturating_sub(5),
                Key::PageDown => list.help_offset += 5,
                Key::CtrlC => return Err(interrupted()),
                Key::Esc | Key::Char('?') | Key::Enter => list.toggle_help(),
                _ => {}
            }
            continue;
        }
        let toggle = match key {
            Key::Down | Key::Tab => {
                list.step(true);
                None
            }
            Key::Up | Key::BackTab => {
                list.step(false);
                None
            }
            Key::Home | Key::PageUp => {
                list.cursor = 0;
                None
            }
            Key::End | Key::PageDown => {
                list.cursor = list.items.len() - 1;
                None
            }
            Key::Char(' ') => Some(list.cursor),
            Key::Char('?') if list.help.is_some() => {
                list.toggle_help();
                None
            }
            Key::Char(c @ '0'..='9') => {
                let d = c.to_digit(10).unwrap_or(0);
                match list.digits.push(d, &list.items) {
                    Typed::Wait => None,
                    Typed::Number(num) => match number_of(&list.items, num) {
                        Some(i) => Some(i),
                        None => {
                            list.note = Some(format!("There is no {num} here."));
                            None
                        }
                    },
                }
            }
            Key::Enter if Some(list.cursor) == list.help_item => {
                list.toggle_help();
                None
            }
            Key::Enter => break Ticked::Done(ticks),
            Key::Esc => break Ticked::Back,
            Key::CtrlC => return Err(interrupted()),
            _ => None,
        };
        let Some(i) = toggle else { continue };
        if Some(i) == list.help_item {
            list.toggle_help();
            continue;
        }
        list.cursor = i;
        list.note = toggle_tick(items, &mut ticks, i);
    };
    screen.clear()?;
    Ok(done)
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
mod tests {
    use super::*;

    fn items() -> Vec<Item> {
        let mut v = vec![
            Item::numbered("1. ", "Travel", Some(1)),
            Item::numbered("2. ", "Visible projects", Some(2)),
            Item::new("Prefer not to say"),
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
        let item = Item::numbered("4. ", label, Some(4));
        let out = item_lines(&look, &item, false, None, 40);
        assert!(out[0].starts_with("  4. Another way"), "{out:?}");
        assert!(
            out.len() > 1 && out[1..].iter().all(|l| l.starts_with("     ")),
            "{out:?}"
        );
        assert!(!out[1].starts_with("      "), "{out:?}");
        let item = Item::numbered("10. ", label, Some(10));
        let out = item_lines(&look, &item, false, None, 40);
        assert!(
            out[1].starts_with("      ") && !out[1].starts_with("       "),
            "{out:?}"
        );
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view_and_counts_what_is_out_of_it() {
        let look = Look::new(false);
        let blocks: Vec<Vec<String>> = (1..=13).map(|i| vec![format!("item {i}")]).collect();
        let mut top = 0;
        let v = window(&blocks, 0, &mut top, 6, &look);
        assert_eq!(v.len(), 6, "{v:?}");
        assert_eq!(v[0], "item 1");
        assert_eq!(v[5], "  ↓ 8 more");
        let v = window(&blocks, 12, &mut top, 6, &look);
        assert_eq!(v.len(), 6, "{v:?}");
        assert_eq!(v[0], "  ↑ 8 more");
        assert_eq!(v[5], "item 13");
        // Up one: the window does not move.
        let v = window(&blocks, 11, &mut top, 6, &look);
        assert_eq!(v[5], "item 13");
        for cursor in 0..13 {
            for height in 1..15 {
                let mut top = 0;
                let v = window(&blocks, cursor, &mut top, height, &look);
                assert!(v.len() <= height.max(1), "{cursor} {height}: {v:?}");
                let mark = format!("item {}", cursor + 1);
                assert!(v.contains(&mark), "{cursor} {height}: {v:?}");
            }
        }
    }

    #[test]
    fn two_digits_reach_ten_and_up() {
        let items: Vec<Item> = (1..=11)
            .map(|i| Item::numbered(&format!("{i}. "), "x", Some(i)))
            .collect();
        let mut d = Digits::default();
        assert_eq!(d.push(1, &items), Typed::Wait);
        assert!(d.note(&items).unwrap().contains("picks 10 to 11"));
        assert_eq!(d.push(1, &items), Typed::Number(11));
        assert_eq!(d.push(2, &items), Typed::Number(2));
        assert_eq!(d.push(1, &items), Typed::Wait);
        assert_eq!(d.due(true), Some(1));
        assert_eq!(d.due(true), None);
    }
}
