//! `--plain`: numbered options, answers typed as plain lines. No cursor
//! movement, no colour, no box drawing, nothing redrawn, lines broken at
//! spaces only, and every answer read back in words: it reads well in a
//! screen reader, works on `TERM=dumb`, and from a pipe (`printf '1\n2\n'
//! | mommytrack assess --plain`).

use std::io::{self, BufRead, Read, Write};

use super::editor::MAX_TYPED;
use super::prompt::{Prompter, QuestionView, Reply};
use crate::answers::{Answer, Slot};
use crate::bank::Kind;

pub struct Plain<R, W: Write> {
    /// Read a buffer at a time: what is in it is typed ahead.
    input: io::BufReader<R>,
    /// Written a question at a time: every method that returns, and every
    /// wait for a line, flushes it (standard error is not buffered, and a
    /// question written line by line took 14 writes).
    out: io::BufWriter<W>,
    /// Columns to wrap at (a terminal's), or `None` to leave lines whole.
    width: Option<usize>,
}

/// Reads and drops the rest of a line; whether there was any.
fn skip_line(input: &mut impl BufRead) -> io::Result<bool> {
    let mut dropped = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(dropped);
        }
        let (n, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        dropped |= n > usize::from(end);
        input.consume(n);
        if end {
            return Ok(dropped);
        }
    }
}

impl<R: Read, W: Write> Plain<R, W> {
    pub fn new(input: R, out: W, width: Option<usize>) -> Self {
        let (input, out) = (io::BufReader::new(input), io::BufWriter::new(out));
        Plain { input, out, width }
    }

    /// Writes `text` as lines, broken at spaces to the width.
    fn put(&mut self, text: &str) -> io::Result<()> {
        put(&mut self.out, self.width, text, "")
    }

    /// One line of input, trimmed; end of input is `UnexpectedEof`. Only
    /// the first [`MAX_TYPED`] characters of a longer line are kept (and
    /// the user told); the rest of it is read and dropped, so a line
    /// without end costs no memory.
    fn line(&mut self) -> io::Result<String> {
        write!(self.out, "> ")?;
        self.out.flush()?;
        let limit = 4 * MAX_TYPED as u64;
        let mut bytes = Vec::new();
        if (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut bytes)?
            == 0
        {
            writeln!(self.out)?;
            self.out.flush()?;
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the input ended",
            ));
        }
        let cut = !bytes.ends_with(b"\n") && skip_line(&mut self.input)?;
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim();
        if cut || line.chars().count() > MAX_TYPED {
            let most = crate::error::thousands(MAX_TYPED);
            writeln!(
                self.out,
                "That line is longer than {most} characters, the most an answer keeps: only its first {most} are read."
            )?;
            return Ok(line.chars().take(MAX_TYPED).collect());
        }
        Ok(line.to_string())
    }

    fn show_question(&mut self, v: &QuestionView<'_>) -> io::Result<()> {
        let (o, width) = (&mut self.out, self.width);
        writeln!(o)?;
        put(o, width, &v.progress(), "")?;
        put(o, width, &v.prompt(), "")?;
        for (prefix, label, _) in v.listed() {
            put_item(o, width, &prefix, &label)?;
        }
        let mut keys = vec![format!("s = {}", v.skip.to_lowercase())];
        if v.help().is_some() {
            keys.push("? = help".into());
        }
        if v.can_go_back {
            keys.push("b = back".into());
        }
        if let Some(current) = v.label_of(v.current) {
            let kept = format!("Your answer so far: {current}. Press Enter to keep it.");
            put(o, width, &kept, "")?;
        }
        let how = match &v.question.kind {
            Kind::Choice(_) | Kind::YesNo(_) => {
                format!("Type a number from 1 to {}", v.choices().len())
            }
            Kind::Scale(s) => format!("Type a number from {} to {}", s.min, s.max),
            Kind::Multi(_) => {
                "Type the numbers of all that apply, separated by spaces (0\u{a0}=\u{a0}none\u{a0}of\u{a0}these)".into()
            }
            Kind::Text => "Type your answer on one line (an empty line skips)".into(),
        };
        // Each key with its meaning stays on one line ("s = prefer not to
        // say" is never broken after the "s").
        let keys: Vec<String> = keys.iter().map(|k| k.replace(' ', "\u{a0}")).collect();
        put(o, width, &format!("{how}; {}.", keys.join(", ")), "")
    }

    /// Reads the chosen answer back, so a screen reader confirms it.
    fn read_back(&mut self, v: &QuestionView<'_>, slot: &Slot) -> io::Result<()> {
        match v.label_of(slot) {
            Some(words) => self.put(&format!("Your answer: {words}.")),
            None => Ok(()),
        }
    }

    /// Reads until the line is an answer, a skip or "back".
    fn read_reply(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        loop {
            let line = self.line()?;
            let word = line.to_lowercase();
            match word.as_str() {
                "" => match (v.current, &v.question.kind) {
                    (Slot::Missing, Kind::Text) => return Ok(Reply::Answer(Slot::Skipped)),
                    (Slot::Missing, _) => {
                        self.put("Please type an answer, or s to skip.")?;
                        continue;
                    }
                    (kept, _) => return Ok(Reply::Answer(kept.clone())),
                },
                "?" | "help" => {
                    match v.help() {
                        Some(h) => self.put(&h)?,
                        None => self.put("This question has no further help.")?,
                    }
                    continue;
                }
                "b" | "back" if v.can_go_back => return Ok(Reply::Back),
                "b" | "back" => {
                    self.put("This is the first question.")?;
                    continue;
                }
                "s" | "skip" => return Ok(Reply::Answer(Slot::Skipped)),
                _ => {}
            }
            match parse_answer(v, &line) {
                Ok(a) => return Ok(Reply::Answer(Slot::Given(a))),
                // Wrapped at spaces, as everything else (what was typed
                // is shown, made safe).
                Err(msg) => self.put(&crate::sanitize::text(&msg))?,
            }
        }
    }
}

/// A typed line as an answer to `v`, or what to type instead.
fn parse_answer(v: &QuestionView<'_>, line: &str) -> Result<Answer, String> {
    let lower = line.to_lowercase();
    match &v.question.kind {
        Kind::Choice(opts) => {
            let n = opts.len();
            if let Some(o) = opts.iter().find(|o| o.id == lower) {
                return Ok(Answer::Choice(o.id.clone()));
            }
            match line.parse::<usize>() {
                Ok(i) if (1..=n).contains(&i) => Ok(Answer::Choice(opts[i - 1].id.clone())),
                _ => Err(format!(
                    "\"{line}\" is not one of the choices: type a number from 1 to {n}, or s to skip."
                )),
            }
        }
        Kind::YesNo(_) => match lower.as_str() {
            "1" | "y" | "yes" => Ok(Answer::YesNo(true)),
            "2" | "n" | "no" => Ok(Answer::YesNo(false)),
            _ => Err(format!(
                "\"{line}\" is not one of the choices: type 1 for yes or 2 for no, or s to skip."
            )),
        },
        Kind::Scale(s) => match line.parse::<i64>() {
            Ok(x) if (s.min..=s.max).contains(&x) => Ok(Answer::Scale(x)),
            _ => Err(format!(
                "\"{line}\" is not on the scale: type a number from {} to {}, or s to skip.",
                s.min, s.max
            )),
        },
        Kind::Multi(opts) => {
            let n = opts.len();
            let mut picked = Vec::new();
            for part in line
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
            {
                match part.parse::<usize>() {
                    Ok(0) => {}
                    Ok(i) if i <= n => picked.push(i - 1),
                    _ => {
                        return Err(format!(
                            "\"{part}\" is not one of the choices: type numbers from 1 to {n} separated by spaces, 0 for none of these, or s to skip."
                        ));
                    }
                }
            }
            Ok(v.multi_answer(&picked))
        }
        Kind::Text => Ok(Answer::Text(line.to_string())),
    }
}

impl<R: Read, W: Write> Prompter for Plain<R, W> {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.put(&crate::sanitize::text(text))?;
        self.out.flush()
    }

    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()> {
        writeln!(self.out)?;
        self.put(&format!("== {} ==", crate::sanitize::inline(title.trim())))?;
        if let Some(b) = body {
            self.put(&crate::sanitize::text(b.trim()))?;
        }
        self.out.flush()
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        write!(self.out, "{text}")?;
        self.out.flush()
    }

    fn ask(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        self.show_question(v)?;
        let reply = self.read_reply(v)?;
        if let Reply::Answer(slot) = &reply {
            self.read_back(v, slot)?;
        }
        self.out.flush()?;
        Ok(reply)
    }

    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>> {
        writeln!(self.out)?;
        self.put(prompt)?;
        for (i, item) in items.iter().enumerate() {
            put_item(&mut self.out, self.width, &format!("{}. ", i + 1), item)?;
        }
        writeln!(
            self.out,
            "Type a number from 1 to {} (Enter = {}).",
            items.len(),
            default + 1
        )?;
        loop {
            let line = self.line()?;
            if line.is_empty() {
                return Ok(Some(default));
            }
            match line.parse::<usize>() {
                Ok(i) if (1..=items.len()).contains(&i) => {
                    self.put(&format!("You chose: {}.", items[i - 1]))?;
                    self.out.flush()?;
                    return Ok(Some(i - 1));
                }
                _ => writeln!(
                    self.out,
                    "\"{line}\" is not one of the choices: type a number from 1 to {}.",
                    items.len()
                )?,
            }
        }
    }

    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        self.put(&format!("{prompt} (Enter = {initial}):"))?;
        let line = self.line()?;
        Ok(Some(if line.is_empty() {
            initial.to_string()
        } else {
            line
        }))
    }

    fn summary(&mut self, render: Box<super::menu::Summary>) -> io::Result<()> {
        let (head, body) = render(self.width.unwrap_or(79));
        self.show(&format!("\n{head}{body}"))
    }

    fn typed_ahead(&self) -> bool {
        !self.input.buffer().is_empty()
    }

    fn keys(&self) -> &'static str {
        "Type the number of your answer and press Enter. s skips a question, b goes back, ? shows help. Ctrl-C stops; your answers are kept."
    }
}

/// Writes `text`, each line starting with `indent`, broken at spaces to
/// `width` when there is one. A no-break space holds words together (it is
/// written as a space).
fn put<W: Write>(out: &mut W, width: Option<usize>, text: &str, indent: &str) -> io::Result<()> {
    lines_of(out, width, text, indent, indent)
}

/// An item of a list: "  10. " then `label`, wrapped lines starting under
/// the label's first letter.
fn put_item<W: Write>(
    out: &mut W,
    width: Option<usize>,
    number: &str,
    label: &str,
) -> io::Result<()> {
    let first = format!("  {number}");
    let rest = " ".repeat(crate::wrap::width_of(&first));
    lines_of(out, width, label, &first, &rest)
}

fn lines_of<W: Write>(
    out: &mut W,
    width: Option<usize>,
    text: &str,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    let lines: Vec<String> = match width {
        Some(w) => crate::wrap::lines(text, w, first, rest, crate::wrap::Breaks::Spaces),
        None => (text.split('\n').enumerate())
            .map(|(n, l)| format!("{}{l}", if n == 0 { first } else { rest }))
            .collect(),
    };
    for l in lines {
        writeln!(out, "{}", l.replace('\u{a0}', " "))?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/plain.rs"]
mod tests;
