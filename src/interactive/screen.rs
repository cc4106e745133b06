//! The terminal screen of a session: what stays (echo lines, part
//! headings, messages: the transcript) and the live area below it (the
//! widget being answered: a frame).
//!
//! A frame is drawn whole, every time, from the top of the live area, and
//! is never taller than the screen (the widgets fit their lines to
//! [`Screen::size`], measured at every draw), so moving the cursor up by
//! the rows drawn always reaches the top of the last frame: nothing stale
//! is left and nothing of the live area reaches the scrollback. What stays
//! is written once, above the live area. When something must be taken
//! back from what stays (going back) and all of it is on the screen, the
//! screen is painted again from its top: the end of the transcript, then
//! the frame. When the terminal's size changed since the last draw (the
//! terminal has then re-wrapped or pushed away rows of its own accord), or
//! when what is taken back has partly scrolled away, the screen and its
//! scrollback are cleared and the whole transcript is written again, laid
//! out for the size now, then the frame: the scrollback holds each line
//! once, as it reads at this size.

use std::io::{self, Write};

use console::Term;

/// A block of the transcript, laid out for a width when it is drawn.
type Layout = Box<dyn Fn(usize) -> Vec<String>>;

/// Where the cursor is shown in a frame (row, column), if it is.
type Cursor = Option<(usize, usize)>;

pub struct Screen {
    term: Term,
    transcript: Vec<Layout>,
    /// The size the last frame was drawn at.
    drawn_at: Option<(usize, usize)>,
    /// The row of the last frame the cursor was left on (0: its top).
    cursor_row: usize,
    /// The rows the last frame took.
    frame_rows: usize,
    /// A frame is on screen.
    live: bool,
    /// The lines and the cursor of the frame on screen: drawing the same
    /// again at the same size writes nothing (a widget draws after every
    /// key and every moment it waits).
    shown: Option<(Vec<String>, Cursor)>,
    /// Something else wrote on the screen, or something was taken back:
    /// the next draw paints the whole screen.
    stale: bool,
    /// What was taken back had partly scrolled away: the next draw writes
    /// the whole transcript again.
    rewrite: bool,
    /// How many rows of the transcript are on the screen (the others went
    /// to the scrollback): painting again shows no more than these, so
    /// that no line is in the scrollback twice.
    visible: usize,
    /// The last block written stays in view with the frames under it
    /// (a part's introduction above its first question).
    keep: bool,
}

/// What the widgets draw on and read keys from, and how they look.
pub struct Tty {
    pub screen: Screen,
    pub kb: super::keys::Keyboard,
    pub look: super::layout::Look,
}

/// The fewest rows a question's frame is given beside a block kept in view.
const FRAME_ROWS: usize = 8;

/// The terminal's columns to lay text out in: one less than the screen's,
/// so that no line ends in the last column (some terminals wrap there),
/// and at most 100 for lines that read well.
pub fn columns(cols: usize) -> usize {
    cols.saturating_sub(1).clamp(20, 100)
}

impl Screen {
    pub fn new() -> Self {
        Screen {
            term: Term::stderr(),
            transcript: Vec::new(),
            drawn_at: None,
            cursor_row: 0,
            frame_rows: 0,
            live: false,
            shown: None,
            stale: false,
            rewrite: false,
            visible: 0,
            keep: false,
        }
    }

    /// (rows, columns) now.
    pub fn size(&self) -> (usize, usize) {
        let (rows, cols) = self.term.size();
        (usize::from(rows).max(5), usize::from(cols).max(20))
    }

    /// The width to lay text out in now.
    pub fn width(&self) -> usize {
        columns(self.size().1)
    }

    /// Rows a frame may take now: those under the block kept in view, if
    /// any.
    pub fn rows(&self) -> usize {
        self.size().0 - self.kept()
    }

    /// The rows of the block kept in view, when a frame still fits under it.
    fn kept(&self) -> usize {
        let rows = match self.transcript.last() {
            Some(block) if self.keep => block(self.width()).len(),
            _ => 0,
        };
        if rows + FRAME_ROWS <= self.size().0 {
            rows
        } else {
            0
        }
    }

    /// Keeps the last block written in view above the frames that follow,
    /// until the next block is written. False when the screen is too small
    /// for the block and a frame.
    pub fn keep_last(&mut self) -> bool {
        self.keep = true;
        self.keep = self.kept() > 0;
        self.keep
    }

    /// Whether the size changed since the last frame was drawn (or the
    /// screen is to be painted again for another reason).
    pub fn resized(&self) -> bool {
        self.stale || self.rewrite || self.drawn_at.is_some_and(|s| s != self.size())
    }

    /// The next draw paints the whole screen (after the pager, which may
    /// have left its last page).
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Bracketed paste on or off: a paste then comes marked, so that its
    /// line breaks are not taken for Enter.
    pub fn bracketed_paste(&self, on: bool) -> io::Result<()> {
        self.put(if on { "\x1b[?2004h" } else { "\x1b[?2004l" })
    }

    fn put(&self, s: &str) -> io::Result<()> {
        let mut err = io::stderr().lock();
        err.write_all(s.as_bytes())?;
        err.flush()
    }

    /// Escape sequences that take the last frame off the screen, row by
    /// row, leaving the cursor at its top. (Not "erase below": tmux keeps
    /// a copy of the screen in its history when that is done from the top
    /// left corner.)
    fn erase(&self) -> String {
        if !self.live {
            return String::new();
        }
        let mut s = String::new();
        if self.cursor_row > 0 {
            s.push_str(&format!("\x1b[{}A", self.cursor_row));
        }
        s.push('\r');
        for i in 0..self.frame_rows {
            s.push_str("\x1b[2K");
            if i + 1 < self.frame_rows {
                s.push_str("\x1b[B");
            }
        }
        if self.frame_rows > 1 {
            s.push_str(&format!("\x1b[{}A", self.frame_rows - 1));
        }
        s
    }

    /// Draws `lines` as the live area, replacing the last frame; the
    /// cursor is shown at `cursor` (row, column in the frame) or hidden.
    /// Lines past the screen's height are not drawn. The frame on screen,
    /// drawn again unchanged, writes nothing.
    pub fn draw(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> io::Result<()> {
        if self.resized() {
            return self.repaint(lines, cursor);
        }
        if self.live
            && (self.shown.as_ref()).is_some_and(|(l, c)| l.as_slice() == lines && *c == cursor)
        {
            return Ok(());
        }
        let mut s = self.erase();
        s.push_str(&self.frame(lines, cursor));
        self.put(&s)
    }

    /// The frame's text from the top of the live area, and the cursor
    /// placed; notes where the cursor was left.
    fn frame(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> String {
        let size = self.size();
        let width = self.width();
        let shown: Vec<String> = lines.iter().take(size.0).map(|l| fit(l, width)).collect();
        let mut s = String::from("\x1b[?25l");
        s.push_str(&shown.join("\n"));
        let last = shown.len().saturating_sub(1);
        self.cursor_row = last;
        self.frame_rows = shown.len();
        if let Some((row, col)) = cursor.filter(|(r, _)| *r <= last) {
            if last > row {
                s.push_str(&format!("\x1b[{}A", last - row));
            }
            s.push('\r');
            if col > 0 {
                s.push_str(&format!("\x1b[{col}C"));
            }
            s.push_str("\x1b[?25h");
            self.cursor_row = row;
        }
        self.live = !shown.is_empty();
        self.shown = Some((lines.to_vec(), cursor));
        self.drawn_at = Some(size);
        // A taller frame pushes the transcript up.
        self.visible = self.visible.min(size.0 - shown.len());
        s
    }

    /// No frame is on the screen: the next is drawn where the cursor is.
    fn no_frame(&mut self) {
        (self.live, self.cursor_row, self.frame_rows) = (false, 0, 0);
    }

    /// Takes the live area off the screen; the cursor is shown again.
    pub fn clear(&mut self) -> io::Result<()> {
        let mut s = self.erase();
        s.push_str("\x1b[?25h");
        self.no_frame();
        self.put(&s)
    }

    /// Writes a block that stays, above the live area (which is taken off
    /// first: the next frame is drawn below the block).
    pub fn commit(&mut self, layout: impl Fn(usize) -> Vec<String> + 'static) -> io::Result<()> {
        if self.resized() {
            self.repaint(&[], None)?;
        }
        let mut s = self.erase();
        self.no_frame();
        self.keep = false;
        let block = layout(self.width());
        // The row under the block is where the next frame starts.
        self.visible = (self.visible + block.len()).min(self.rows().saturating_sub(1));
        for l in block {
            s.push_str(&l);
            s.push('\n');
        }
        s.push_str("\x1b[?25h");
        self.transcript.push(Box::new(layout));
        self.put(&s)
    }

    /// Takes back the last block written (going back): the next draw
    /// paints the screen again without it, or, when it has partly
    /// scrolled away, writes the whole transcript again without it.
    pub fn take_back_last(&mut self) {
        if let Some(block) = self.transcript.pop() {
            let rows = block(self.width()).len();
            self.rewrite |= rows > self.visible;
            self.visible = self.visible.saturating_sub(rows);
            self.keep = false;
            self.stale = true;
        }
    }

    /// Forgets the transcript and clears the screen (the intro's pages).
    pub fn start_over(&mut self) -> io::Result<()> {
        self.transcript.clear();
        self.visible = 0;
        self.keep = false;
        self.repaint(&[], None)
    }

    /// Paints the screen from its top, row by row: the end of the
    /// transcript that was on screen, then the frame, then blank rows. (Row by row, not "clear screen": tmux and others keep a copy
    /// of a cleared screen in the scrollback.) After a resize, or when
    /// what was taken back had scrolled away, [`Screen::rewrite`] instead.
    pub fn repaint(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> io::Result<()> {
        let (rows, _) = self.size();
        if self.rewrite || self.drawn_at.is_some_and(|s| s != self.size()) {
            return self.rewrite(lines, cursor);
        }
        // No more of the transcript than was on screen (the rest is in the
        // scrollback), and no less: a frame taller than the rows under it
        // pushes its top into the scrollback, as a terminal scrolls.
        let width = self.width();
        let room = self.visible.min(rows - 1);
        let all = self.laid_out(width);
        let tail = &all[all.len().saturating_sub(room)..];
        self.visible = tail.len();
        let mut s = String::from("\x1b[?25l");
        for r in 0..rows {
            s.push_str(&format!("\x1b[{};1H\x1b[2K", r + 1));
            if let Some(l) = tail.get(r) {
                s.push_str(l);
            }
        }
        s.push_str(&format!("\x1b[{};1H", tail.len() + 1));
        self.paint_frame(s, lines, cursor)
    }

    /// Clears the screen and the scrollback (which the terminal may have
    /// re-wrapped at a resize) and writes the whole transcript again, laid
    /// out for the size now, then the frame. Before the first block, only
    /// the screen is cleared: the scrollback is not the session's yet.
    fn rewrite(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> io::Result<()> {
        let (rows, width) = (self.size().0, self.width());
        let all = self.laid_out(width);
        let mut s = String::from("\x1b[?25l\x1b[H\x1b[2J");
        if !all.is_empty() {
            s.push_str("\x1b[3J");
        }
        for l in &all {
            s.push_str(l);
            s.push('\n');
        }
        self.visible = all
            .len()
            .min(rows.saturating_sub(lines.len().clamp(1, rows)));
        self.paint_frame(s, lines, cursor)
    }

    /// Every line of the transcript laid out for `width`, each cut to it.
    fn laid_out(&self, width: usize) -> Vec<String> {
        let lines = self.transcript.iter().flat_map(|block| block(width));
        lines.map(|l| fit(&l, width)).collect()
    }

    /// After `s` (which leaves the cursor at the start of the row under the
    /// transcript), the frame, or the cursor shown where the next line goes.
    fn paint_frame(
        &mut self,
        mut s: String,
        lines: &[String],
        cursor: Option<(usize, usize)>,
    ) -> io::Result<()> {
        (self.stale, self.rewrite) = (false, false);
        self.no_frame();
        if lines.is_empty() {
            s.push_str("\x1b[?25h");
            self.drawn_at = Some(self.size());
        } else {
            s.push_str(&self.frame(lines, cursor));
        }
        self.put(&s)
    }
}

/// `line` as it fits `width` columns, one row: cut (its colour dropped)
/// when wider, so that a frame takes exactly as many rows as it has lines.
fn fit(line: &str, width: usize) -> String {
    if crate::wrap::width_of(line) <= width {
        return line.to_string();
    }
    crate::wrap::cut(&console::strip_ansi_codes(line), width)
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.put("\x1b[?25h");
    }
}
