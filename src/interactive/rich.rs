//! The terminal prompter: the list widgets of [`super::menu`] for choice,
//! yes/no, scale and multi questions, dialoguer's `Input` for a line of
//! text. Every list ends with "Prefer not to say" and, when the question
//! has help, "? Help" (the `?` key reaches it). Number keys pick; Esc goes
//! back. Everything written is wrapped to the terminal's width, measured
//! again before each prompt.
//!
//! After an answer the widget is cleared and one line echoes the question
//! and the answer in words, never a menu item. Going back clears the
//! progress line and the echo of the answer being revisited, so no empty
//! header or stale copy is left behind.

use std::io;

use console::{Style, Term};
use dialoguer::Input;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use super::menu::{self, Item, Look, Ticked, columns};
use super::prompt::{HELP, Prompter, QuestionView, Reply, SKIP, WRITE};
use crate::answers::{Answer, Slot};
use crate::bank::Kind;
use crate::wrap::{Breaks, fill, lines};

pub struct Rich {
    term: Term,
    look: Look,
    theme: Box<dyn Theme>,
    bold: Style,
    /// What was written since the last message, newest last: going back
    /// clears the newest echo, and the part heading above the question when
    /// that is what came last.
    echoes: Vec<Block>,
    /// Going back cleared a part heading: it is to be shown again when the
    /// part is reached again.
    cleared_heading: bool,
}

impl Rich {
    /// Prompts on standard error; `color` decides whether they are coloured.
    pub fn new(color: bool) -> Self {
        console::set_colors_enabled_stderr(color);
        Rich {
            term: Term::stderr(),
            look: Look::new(color),
            theme: if color {
                Box::new(ColorfulTheme::default())
            } else {
                Box::new(SimpleTheme)
            },
            bold: Style::new().for_stderr().force_styling(color).bold(),
            echoes: Vec::new(),
            cleared_heading: false,
        }
    }

    fn width(&self) -> usize {
        columns(&self.term)
    }

    /// Writes wrapped text that going back does not clear. Lines break at
    /// spaces only: messages name files, and a path broken at a hyphen
    /// reads as two.
    fn write(&mut self, text: &str) -> io::Result<()> {
        self.echoes.clear();
        let text = crate::sanitize::text(text);
        let text = lines(&text, self.width(), "", "", Breaks::Spaces).join("\n");
        self.term.write_line(&text)
    }

    /// "✔ Prompt · answer", wrapped; remembered so that Esc can clear it.
    fn echo(&mut self, v: &QuestionView<'_>, answer: &str) -> io::Result<()> {
        let text = format!("{} · {answer}", v.prompt());
        let out = lines(&text, self.width(), "✔ ", "  ", Breaks::Words);
        for l in &out {
            self.term
                .write_line(&self.look.dim.apply_to(l).to_string())?;
        }
        self.echoes.push(Block::Echo(out.len()));
        Ok(())
    }

    fn show_help(&mut self, v: &QuestionView<'_>) -> io::Result<()> {
        if let Some(h) = v.help() {
            let text = lines(&h, self.width(), "  ", "  ", Breaks::Words).join("\n");
            self.echoes.clear();
            self.term
                .write_line(&self.look.dim.apply_to(text).to_string())?;
        }
        Ok(())
    }

    /// The progress line above a question, cleared with it.
    fn progress_lines(&self, v: &QuestionView<'_>) -> Vec<String> {
        lines(&v.progress(), self.width(), "", "", Breaks::Words)
            .into_iter()
            .map(|l| self.look.dim.apply_to(l).to_string())
            .collect()
    }

    /// Esc: clears the progress line and the echo of the previous answer,
    /// which is about to be asked again.
    fn back(&mut self, progress_rows: usize) -> io::Result<Reply> {
        let mut rows = progress_rows;
        if let Some(Block::Heading(h)) = self.echoes.last() {
            rows += h;
            self.echoes.pop();
            self.cleared_heading = true;
        }
        if let Some(Block::Echo(e)) = self.echoes.pop() {
            rows += e;
        }
        self.term.clear_last_lines(rows)?;
        Ok(Reply::Back)
    }

    fn first_question(&mut self) -> io::Result<()> {
        self.write("This is the first question.")
    }

    /// A list of `items`, then "Prefer not to say" and, where the question
    /// has help, "? Help". Returns the item picked, or `None` for Esc.
    fn pick(
        &mut self,
        v: &QuestionView<'_>,
        mut items: Vec<Item>,
        default: Option<usize>,
    ) -> io::Result<Picked> {
        let skip = items.len();
        items.push(Item::new(SKIP, None));
        let help = v.help().map(|_| {
            items.push(Item::new(HELP, Some('?')));
            skip + 1
        });
        let mut default = default.unwrap_or(skip);
        let hint = keys_hint(false, v.can_go_back);
        loop {
            let picked = menu::select(&self.term, &self.look, &v.prompt(), &hint, &items, default)?;
            match picked {
                None if v.can_go_back => return Ok(Picked::Back),
                None => self.first_question()?,
                Some(i) if Some(i) == help => {
                    self.show_help(v)?;
                    default = i;
                }
                Some(i) if i == skip => return Ok(Picked::Skip),
                Some(i) => return Ok(Picked::Item(i)),
            }
        }
    }

    /// Choice, yes/no and scale: one list, numbered.
    fn ask_one(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, String)>> {
        let choices = v.choices();
        let scale = matches!(v.question.kind, Kind::Scale(_));
        let items = choices
            .iter()
            .enumerate()
            .map(|(i, (label, answer))| match answer {
                Answer::Scale(x) if scale => {
                    let number = format!("{x} · ");
                    match label.strip_prefix(&number) {
                        Some(text) => Item::numbered(&number, text, digit(*x)),
                        None => Item::new(label.clone(), digit(*x)),
                    }
                }
                _ => Item::numbered(&format!("{}. ", i + 1), label, digit(i as i64 + 1)),
            })
            .collect();
        let default = match v.current {
            Slot::Skipped => None,
            _ => Some(v.current_choice().unwrap_or(0)),
        };
        Ok(match self.pick(v, items, default)? {
            Picked::Back => None,
            Picked::Skip => Some((Slot::Skipped, SKIP.to_string())),
            Picked::Item(i) => Some((Slot::Given(choices[i].1.clone()), choices[i].0.clone())),
        })
    }

    /// Multi: a tick list; "Prefer not to say" excludes the other ticks on
    /// screen; nothing ticked means "none of these".
    fn ask_multi(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, String)>> {
        let labels = v.option_labels();
        let n = labels.len();
        let mut items: Vec<Item> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| Item::numbered(&format!("{}. ", i + 1), l, digit(i as i64 + 1)))
            .collect();
        let mut skip = Item::new(SKIP, None);
        skip.exclusive = true;
        items.push(skip);
        let help = v.help().map(|_| {
            items.push(Item::new(HELP, Some('?')));
            n + 1
        });
        let mut ticks = v.current_ticks();
        ticks.push(*v.current == Slot::Skipped);
        let actions: Vec<usize> = help.into_iter().collect();
        let hint = keys_hint(true, v.can_go_back);
        loop {
            match menu::multi(
                &self.term,
                &self.look,
                &v.prompt(),
                &hint,
                &items,
                ticks.clone(),
                &actions,
            )? {
                Ticked::Back if v.can_go_back => return Ok(None),
                Ticked::Back => self.first_question()?,
                Ticked::Key(_, now) => {
                    ticks = now;
                    self.show_help(v)?;
                }
                Ticked::Done(now) if now.get(n) == Some(&true) => {
                    return Ok(Some((Slot::Skipped, SKIP.to_string())));
                }
                Ticked::Done(now) => {
                    let picked: Vec<usize> = (0..n).filter(|&i| now[i]).collect();
                    let answer = v.multi_answer(&picked);
                    let words = crate::export::terminal_safe(&answer.label(v.question));
                    return Ok(Some((Slot::Given(answer), words)));
                }
            }
        }
    }

    /// Text: a list (write, skip, help; Esc goes back), then a line to
    /// write on.
    fn ask_text(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, String)>> {
        let current = match v.current {
            Slot::Given(Answer::Text(t)) => Some(t.clone()),
            _ => None,
        };
        let mut items = Vec::new();
        if let Some(t) = &current {
            items.push(Item::new(
                format!(
                    "Keep \"{}\"",
                    crate::answers::shorten(&crate::export::terminal_safe(t), 40)
                ),
                None,
            ));
        }
        let write = items.len();
        items.push(Item::new(
            if current.is_some() {
                "Change it…"
            } else {
                WRITE
            },
            None,
        ));
        let default = (*v.current != Slot::Skipped).then_some(0);
        let slot = match self.pick(v, items, default)? {
            Picked::Back => return Ok(None),
            Picked::Skip => Slot::Skipped,
            Picked::Item(i) if i == write => {
                let prompt = fill(
                    &format!("{} (Enter when done; empty skips)", v.prompt()),
                    self.width().saturating_sub(4),
                );
                let text: String = Input::with_theme(self.theme.as_ref())
                    .with_prompt(prompt)
                    .with_initial_text(current.clone().unwrap_or_default())
                    .allow_empty(true)
                    .report(false)
                    .interact_text_on(&self.term)
                    .map_err(io::Error::from)?;
                let text = text.trim().to_string();
                if text.is_empty() {
                    Slot::Skipped
                } else {
                    Slot::Given(Answer::Text(text))
                }
            }
            Picked::Item(_) => Slot::Given(Answer::Text(current.clone().unwrap_or_default())),
        };
        let words = match &slot {
            Slot::Given(Answer::Text(t)) => format!(
                "\"{}\"",
                crate::answers::shorten(&crate::export::terminal_safe(t), 60)
            ),
            _ => SKIP.to_string(),
        };
        Ok(Some((slot, words)))
    }
}

/// `text`'s paragraphs wrapped to `width` and laid out in screenfuls of at
/// most `rows` lines, a paragraph never split unless it alone is taller.
fn screenfuls(text: &str, width: usize, rows: usize) -> Vec<Vec<String>> {
    let rows = rows.max(4);
    let mut pages: Vec<Vec<String>> = vec![Vec::new()];
    for paragraph in text.split("\n\n") {
        let mut wrapped = lines(paragraph.trim(), width, "", "", Breaks::Words);
        let page = pages.last_mut().expect("one page at least");
        let gap = usize::from(!page.is_empty());
        if !page.is_empty() && page.len() + gap + wrapped.len() > rows {
            pages.push(Vec::new());
        } else if gap == 1 {
            page.push(String::new());
        }
        while !wrapped.is_empty() {
            let page = pages.last_mut().expect("one page at least");
            let room = rows.saturating_sub(page.len()).max(1);
            let rest = wrapped.split_off(room.min(wrapped.len()));
            page.extend(wrapped);
            wrapped = rest;
            if !wrapped.is_empty() {
                pages.push(Vec::new());
            }
        }
    }
    pages
}

/// The key a number has on the keyboard, for 0 to 9.
fn digit(n: i64) -> Option<char> {
    u32::try_from(n)
        .ok()
        .filter(|&d| d <= 9)
        .and_then(|d| char::from_digit(d, 10))
}

/// The line of keys under a prompt.
fn keys_hint(multi: bool, back: bool) -> String {
    let mut parts = vec![if multi {
        "Space or a number ticks, Enter when done"
    } else {
        "↑/↓ and Enter, or a number"
    }];
    if back {
        parts.push("Esc goes back");
    }
    parts.join(" · ")
}

/// Rows written that going back may clear.
#[derive(Debug, Clone, Copy)]
enum Block {
    Echo(usize),
    Heading(usize),
}

/// What a [`Rich::pick`] came to.
enum Picked {
    Back,
    Skip,
    Item(usize),
}

impl Prompter for Rich {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.write(text)
    }

    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()> {
        let title = crate::sanitize::inline(title.trim());
        let mut out = vec![String::new()];
        out.extend(
            lines(&title, self.width(), "", "", Breaks::Words)
                .into_iter()
                .map(|l| self.bold.apply_to(l).to_string()),
        );
        if let Some(b) = body {
            let b = crate::sanitize::text(b.trim());
            out.extend(lines(&b, self.width(), "", "", Breaks::Words));
            out.push(String::new());
        }
        for l in &out {
            self.term.write_line(l)?;
        }
        self.echoes.push(Block::Heading(out.len()));
        Ok(())
    }

    fn cleared_heading(&mut self) -> bool {
        std::mem::take(&mut self.cleared_heading)
    }

    /// The intro on a clear screen, from its first row, then "Press Enter
    /// to begin." on the last line written (no newline after it, so that a
    /// screenful does not scroll its first line away). On a screen too
    /// small for all of it, it comes in screenfuls, each waiting for Enter.
    fn pause(&mut self, title: &str, body: &str) -> io::Result<()> {
        self.echoes.clear();
        let width = self.width();
        let rows = usize::from(self.term.size().0).max(8);
        let title = crate::sanitize::inline(title.trim());
        let title = self.bold.apply_to(fill(&title, width)).to_string();
        let body = crate::sanitize::text(body.trim());
        let pages = screenfuls(&body, width, rows.saturating_sub(3));
        let last = pages.len().saturating_sub(1);
        for (n, page) in pages.iter().enumerate() {
            self.term.clear_screen()?;
            self.term.write_line(&title)?;
            for l in page {
                self.term.write_line(l)?;
            }
            self.term.write_line("")?;
            let prompt = if n == last {
                "Press Enter to begin."
            } else {
                "Press Enter for more."
            };
            self.term
                .write_str(&self.look.prompt.apply_to(prompt).to_string())?;
            self.term.flush()?;
            menu::wait_for_enter(&self.term)?;
            self.term.clear_line()?;
        }
        Ok(())
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.echoes.clear();
        self.term.write_str(text)?;
        self.term.flush()
    }

    fn ask(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        let progress = self.progress_lines(v);
        for l in &progress {
            self.term.write_line(l)?;
        }
        let answered = match &v.question.kind {
            Kind::Choice(_) | Kind::YesNo(_) | Kind::Scale(_) => self.ask_one(v)?,
            Kind::Multi(_) => self.ask_multi(v)?,
            Kind::Text => self.ask_text(v)?,
        };
        match answered {
            None => self.back(progress.len()),
            Some((slot, words)) => {
                self.term.clear_last_lines(progress.len())?;
                self.echo(v, &words)?;
                Ok(Reply::Answer(slot))
            }
        }
    }

    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>> {
        let list: Vec<Item> = items
            .iter()
            .enumerate()
            .map(|(i, l)| Item::numbered(&format!("{}. ", i + 1), l, digit(i as i64 + 1)))
            .collect();
        let picked = menu::select(&self.term, &self.look, prompt, "", &list, default)?;
        if let Some(i) = picked {
            let text = format!("{prompt} · {}", items[i]);
            let out = lines(&text, self.width(), "✔ ", "  ", Breaks::Words);
            for l in out {
                self.term
                    .write_line(&self.look.dim.apply_to(l).to_string())?;
            }
            self.echoes.clear();
        }
        Ok(picked)
    }

    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        self.echoes.clear();
        let prompt = fill(prompt, self.width().saturating_sub(4));
        let text: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(io::Error::from)?;
        let text = text.trim().to_string();
        Ok((!text.is_empty()).then_some(text))
    }

    fn keys(&self) -> &'static str {
        "Keys: ↑/↓ and Enter, or a number, to answer; Space to tick where several apply; Esc to go back; ? for help. Ctrl-C stops; your answers are kept."
    }
}

#[cfg(test)]
mod tests {
    use super::screenfuls;

    #[test]
    fn the_intro_comes_in_screenfuls_of_whole_paragraphs() {
        let text = "one two three four five six\n\nseven eight\n\nnine ten eleven twelve";
        // At 12 columns: 3 lines, 1, 2 (with gaps between paragraphs).
        let pages = screenfuls(text, 12, 5);
        assert_eq!(pages.len(), 2, "{pages:?}");
        assert_eq!(pages[0].len(), 5, "{pages:?}");
        assert!(pages[0][3].is_empty() || pages[0].contains(&String::new()));
        assert!(pages.iter().all(|p| p.len() <= 5), "{pages:?}");
        let all: Vec<&String> = pages.iter().flatten().collect();
        assert!(all.iter().any(|l| l.contains("twelve")), "{pages:?}");
        assert_eq!(screenfuls(text, 100, 20).len(), 1);
    }
}
