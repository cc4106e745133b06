//! How a frame of the live area is laid out, for the list widgets of
//! [`super::menu`] and the line editor of [`super::editor`]: the look
//! (colours, or none, and the marks), the progress line, the question
//! (always in view), the keys, and the items or the help in a window that
//! scrolls with the cursor, with "↑ 3 more" / "↓ 5 more" where lines are
//! out of view. On a small screen the progress line and the keys give way
//! before the question and the items do. The current line is marked with
//! `❯`, coloured or not.

use console::Style;

use crate::wrap::{Breaks, cut, lines, width_of};

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
    /// The number that picks it.
    pub number: Option<u32>,
    /// The letter that answers with it at once (`s`: the skip choice).
    pub key: Option<char>,
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
            key: None,
            exclusive: false,
            hang: 0,
        }
    }

    /// The skip choice ("Prefer not to say"), answered with `s`.
    pub fn skip(label: &str) -> Self {
        Item {
            key: Some('s'),
            ..Item::new(label)
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
#[derive(Debug, Clone, Default)]
pub struct Ask {
    /// The progress line, first to give way on a small screen.
    pub progress: Option<String>,
    pub prompt: String,
    /// The keys; they give way next.
    pub hint: String,
    /// Help, opened and closed in place with `?`.
    pub help: Option<String>,
}

/// The prompt lines: `? ` before the first, aligned below it.
pub fn prompt_lines(look: &Look, prompt: &str, width: usize) -> Vec<String> {
    lines(prompt, width, "? ", "  ", Breaks::Words)
        .into_iter()
        .map(|l| look.prompt.apply_to(l).to_string())
        .collect()
}

/// `text` wrapped to `width` under `indent`, every line in `style`.
pub fn styled_lines(style: &Style, text: &str, width: usize, indent: &str) -> Vec<String> {
    lines(text, width, indent, indent, Breaks::Words)
        .into_iter()
        .map(|l| style.apply_to(l).to_string())
        .collect()
}

/// An item's lines: the cursor mark, then the tick box (multi), then the
/// label wrapped under its text (past its number).
pub fn item_lines(
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
    let style = match (active, tick) {
        (true, _) => Some(&look.active),
        (false, Some(true)) => Some(&look.ticked),
        _ => None,
    };
    let lines = lines(&item.label, width, &first, &rest, Breaks::Words);
    match style {
        Some(s) => lines
            .into_iter()
            .map(|l| s.apply_to(l).to_string())
            .collect(),
        None => lines,
    }
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
    // Past the marks, at least one row for the cursor's block, which alone
    // may be cut, with "…"; another is shown whole or not at all.
    let room_for_one = height.saturating_sub(2).max(1);
    let clipped: Vec<Vec<String>> = (blocks.iter().enumerate())
        .map(|(i, b)| match i == cursor && b.len() > room_for_one {
            true => {
                let mut cut = b[..room_for_one].to_vec();
                cut[room_for_one - 1] =
                    format!("{}…", console::strip_ansi_codes(&cut[room_for_one - 1]));
                cut
            }
            false => b.clone(),
        })
        .collect();
    *top = (*top).min(cursor);
    loop {
        let marks = usize::from(*top > 0) + usize::from(cursor + 1 < n);
        let need = marks + clipped[*top..=cursor].iter().map(Vec::len).sum::<usize>();
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
/// at least `body_rows` rows left for the items (the progress line gives
/// way first, then the keys, then the question's last lines), the items'
/// window, and `footer` lines under it.
#[allow(clippy::too_many_arguments)]
pub fn frame(
    look: &Look,
    ask: &Ask,
    hint: &str,
    width: usize,
    rows: usize,
    body: &dyn Fn(usize) -> Vec<String>,
    body_rows: usize,
    footer: &[String],
) -> (Vec<String>, usize) {
    let progress = (ask.progress.as_deref())
        .map(|p| styled_lines(&look.dim, p, width, ""))
        .unwrap_or_default();
    let mut prompt = prompt_lines(look, &ask.prompt, width);
    let keys = if hint.is_empty() {
        Vec::new()
    } else {
        styled_lines(&look.dim, hint, width, "  ")
    };
    let want = body_rows.max(1);
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
                let text = format!("{}…", console::strip_ansi_codes(last));
                *last = look.prompt.apply_to(cut(&text, width)).to_string();
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

/// The help's lines and the window into them.
pub fn help_body(
    look: &Look,
    help: &str,
    width: usize,
    offset: &mut usize,
    room: usize,
) -> Vec<String> {
    let all = styled_lines(&look.dim, help, width, "  ");
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

#[cfg(test)]
#[path = "../../tests/unit/interactive/layout.rs"]
mod tests;
