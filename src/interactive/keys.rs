//! Keys from the terminal, read by this program: the terminal is put in
//! raw mode for as long as the session's widgets own it (output
//! post-processing kept, so `\n` still starts a new line), bytes are
//! decoded into [`Key`]s here (arrows, Home/End in their several
//! spellings, Delete, the Ctrl keys of a line editor, bracketed paste), and
//! every wait has a timeout: a widget waits "a moment" for a second digit,
//! notices a resize, or a signal, without a thread of its own
//! ([`read_within`], which `--plain` reads its standard input with too).
//!
//! The terminal's settings are restored when the [`Keyboard`] is dropped
//! and around anything else that uses the terminal (the pager):
//! [`Keyboard::suspend`] and [`Keyboard::resume`].

use std::collections::VecDeque;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::time::{Duration, Instant};

/// One key press, or one paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    Esc,
    CtrlC,
    /// Delete to the start of the line.
    CtrlU,
    /// Delete the word before the cursor.
    CtrlW,
    /// Delete to the end of the line.
    CtrlK,
    /// Text pasted in one piece (bracketed paste), line breaks as they came.
    Paste(String),
    /// A key with no meaning here (function keys, Alt-combinations).
    Other,
}

/// How long the bytes of one escape sequence may take to arrive: a lone
/// Esc is Esc when nothing follows within this time.
const SEQUENCE_GAP: Duration = Duration::from_millis(40);
/// How often a wait looks at the stop flag.
const SLICE: Duration = Duration::from_millis(100);

/// The terminal in raw mode, and the bytes read from it not yet decoded.
pub struct Keyboard {
    fd: RawFd,
    /// `/dev/tty` when standard input is not the terminal.
    _tty: Option<File>,
    saved: Option<libc::termios>,
    pending: VecDeque<u8>,
    /// Says whether a signal asked the session to stop.
    stop: fn() -> bool,
}

/// The error a wait ends with when the session is to stop (Ctrl-C).
pub fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

fn ended() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal closed")
}

impl Keyboard {
    /// The terminal (standard input, else `/dev/tty`) in raw mode. `stop`
    /// is asked while waiting: when it says yes, the wait ends with an
    /// `Interrupted` error.
    pub fn open(stop: fn() -> bool) -> io::Result<Keyboard> {
        // SAFETY: isatty only inspects the descriptor.
        let (fd, tty) = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            (libc::STDIN_FILENO, None)
        } else {
            let f = File::options().read(true).write(true).open("/dev/tty")?;
            (f.as_raw_fd(), Some(f))
        };
        let mut k = Keyboard {
            fd,
            _tty: tty,
            saved: None,
            pending: VecDeque::new(),
            stop,
        };
        k.resume()?;
        Ok(k)
    }

    /// Raw mode: keys one at a time, no echo, Ctrl-C as a key; output as
    /// before.
    pub fn resume(&mut self) -> io::Result<()> {
        if self.saved.is_some() {
            return Ok(());
        }
        // SAFETY: a zeroed termios is a valid value to be filled by
        // tcgetattr, which only writes through the pointer.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(self.fd, &mut t) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let original = t;
        // SAFETY: cfmakeraw only changes the struct it is given.
        unsafe { libc::cfmakeraw(&mut t) };
        t.c_oflag = original.c_oflag;
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
        // SAFETY: t is a valid termios for this descriptor.
        if unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &t) } != 0 {
            return Err(io::Error::last_os_error());
        }
        self.saved = Some(original);
        Ok(())
    }

    /// The terminal's own settings again (for the pager, and at the end).
    pub fn suspend(&mut self) {
        if let Some(t) = self.saved.take() {
            // SAFETY: t came from tcgetattr on this descriptor.
            unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &t) };
        }
    }

    /// Waits until a byte is there, at most `timeout` (`None`: for ever).
    /// Returns whether one is.
    fn wait(&mut self, timeout: Option<Duration>) -> io::Result<bool> {
        if !self.pending.is_empty() {
            return Ok(true);
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut buf = [0u8; 4096];
        loop {
            if (self.stop)() {
                return Err(interrupted());
            }
            let slice = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()).min(SLICE),
                None => SLICE,
            };
            match read_within(self.fd, &mut buf, slice) {
                Ok(Some(0)) => return Err(ended()),
                // A pseudo-terminal whose other end closed.
                Err(e) if e.raw_os_error() == Some(libc::EIO) => return Err(ended()),
                Err(e) => return Err(e),
                Ok(Some(n)) => {
                    self.pending.extend(&buf[..n]);
                    return Ok(true);
                }
                Ok(None) if deadline.is_some_and(|d| Instant::now() >= d) => return Ok(false),
                Ok(None) => {}
            }
        }
    }

    /// The next byte, waiting at most `gap` for it.
    fn byte_within(&mut self, gap: Duration) -> io::Result<Option<u8>> {
        if self.wait(Some(gap))? {
            Ok(self.pending.pop_front())
        } else {
            Ok(None)
        }
    }

    /// Whether more input is already there (the rest of a paste without
    /// bracketed paste, keys typed ahead): a widget draws once for all.
    pub fn more_pending(&mut self) -> bool {
        !self.pending.is_empty() || self.wait(Some(Duration::ZERO)).unwrap_or(false)
    }

    /// The next key, waiting at most `timeout` (`None`: until one comes).
    /// `Ok(None)` when the time ran out.
    pub fn next(&mut self, timeout: Option<Duration>) -> io::Result<Option<Key>> {
        if !self.wait(timeout)? {
            return Ok(None);
        }
        let Some(b) = self.pending.pop_front() else {
            return Ok(None);
        };
        Ok(Some(match b {
            0x1b => self.escape()?,
            b'\r' | b'\n' => Key::Enter,
            0x7f | 0x08 => Key::Backspace,
            b'\t' => Key::Tab,
            0x01 => Key::Home,
            0x02 => Key::Left,
            0x03 => Key::CtrlC,
            0x05 => Key::End,
            0x06 => Key::Right,
            0x0b => Key::CtrlK,
            0x0e => Key::Down,
            0x10 => Key::Up,
            0x15 => Key::CtrlU,
            0x17 => Key::CtrlW,
            b if b < 0x20 => Key::Other,
            b => self.utf8(b)?,
        }))
    }

    fn utf8(&mut self, first: u8) -> io::Result<Key> {
        let len = match first {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return Ok(Key::Other),
        };
        let mut bytes = vec![first];
        while bytes.len() < len {
            match self.byte_within(SEQUENCE_GAP)? {
                Some(b) if b & 0xc0 == 0x80 => bytes.push(b),
                Some(b) => {
                    self.pending.push_front(b);
                    return Ok(Key::Other);
                }
                None => return Ok(Key::Other),
            }
        }
        Ok(std::str::from_utf8(&bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .map_or(Key::Other, Key::Char))
    }

    /// After an Esc byte: a lone Esc, or a sequence.
    fn escape(&mut self) -> io::Result<Key> {
        let Some(b) = self.byte_within(SEQUENCE_GAP)? else {
            return Ok(Key::Esc);
        };
        match b {
            b'[' => self.csi(),
            b'O' => Ok(match self.byte_within(SEQUENCE_GAP)? {
                Some(b'A') => Key::Up,
                Some(b'B') => Key::Down,
                Some(b'C') => Key::Right,
                Some(b'D') => Key::Left,
                Some(b'H') => Key::Home,
                Some(b'F') => Key::End,
                _ => Key::Other,
            }),
            // Esc pressed, then another key quickly: both count.
            other => {
                self.pending.push_front(other);
                Ok(Key::Esc)
            }
        }
    }

    /// A control sequence after `Esc [`.
    fn csi(&mut self) -> io::Result<Key> {
        let mut params = String::new();
        let last = loop {
            match self.byte_within(SEQUENCE_GAP)? {
                Some(b @ 0x40..=0x7e) => break b,
                Some(b) if params.len() < 32 => params.push(char::from(b)),
                Some(_) | None => return Ok(Key::Other),
            }
        };
        let first: u32 = params
            .split(';')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        Ok(match (last, first) {
            (b'A', _) => Key::Up,
            (b'B', _) => Key::Down,
            (b'C', _) => Key::Right,
            (b'D', _) => Key::Left,
            (b'H', _) => Key::Home,
            (b'F', _) => Key::End,
            (b'Z', _) => Key::BackTab,
            (b'~', 1 | 7) => Key::Home,
            (b'~', 4 | 8) => Key::End,
            (b'~', 3) => Key::Delete,
            (b'~', 5) => Key::PageUp,
            (b'~', 6) => Key::PageDown,
            (b'~', 200) => self.paste()?,
            _ => Key::Other,
        })
    }

    /// The text of a bracketed paste, up to `Esc [ 201 ~`.
    fn paste(&mut self) -> io::Result<Key> {
        const END: &[u8] = b"\x1b[201~";
        let mut bytes = Vec::new();
        while !bytes.ends_with(END) {
            match self.byte_within(Duration::from_millis(500))? {
                Some(b) => bytes.push(b),
                None => break,
            }
            if bytes.len() > 1 << 20 {
                break;
            }
        }
        if bytes.ends_with(END) {
            bytes.truncate(bytes.len() - END.len());
        }
        Ok(Key::Paste(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// Whether reading `fd` would not wait: input (or its end) is there.
pub fn ready(fd: RawFd) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut pfd, 1, 0) > 0 }
}

/// Reads what `fd` has into `buf`, waiting at most `wait` for it: `None`
/// when nothing came in time (or a signal came first), `Some(0)` at its
/// end.
pub fn read_within(fd: RawFd, buf: &mut [u8], wait: Duration) -> io::Result<Option<usize>> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(100);
    // SAFETY: one valid pollfd.
    let got = match unsafe { libc::poll(&mut pfd, 1, ms) } {
        0 => return Ok(None),
        // SAFETY: buf is valid for its length.
        n if n > 0 => unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) },
        _ => -1,
    };
    if got < 0 {
        let e = io::Error::last_os_error();
        return match e.kind() {
            io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => Ok(None),
            _ => Err(e),
        };
    }
    Ok(Some(usize::try_from(got).unwrap_or(0)))
}

impl Drop for Keyboard {
    fn drop(&mut self) {
        self.suspend();
    }
}
