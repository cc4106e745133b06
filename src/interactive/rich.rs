//! The terminal prompter: every question is one frame of the live area
//! ([`super::screen`]): the list widgets of [`super::menu`] for choice,
//! yes/no, scale and multi questions, the line editor of
//! [`super::editor`] for text. Every list ends with "Prefer not to say"
//! and, when the question has help, "? Help" (opened and closed in place).
//! Number keys pick; Esc goes back. Keys are read by [`super::keys`].
//!
//! After an answer the frame is taken off and one line, the echo of the
//! question and the answer in words, stays. Going back takes back the echo
//! of the answer being revisited (and the part heading when that came
//! last), painting the screen again without them.

use std::io;

use console::Style;

use super::editor::{self, Edited, Empty};
use super::keys::{Key, Keyboard};
use super::menu::{self, Ask, Item, Look, Ticked};
use super::prompt::{Prompter, QuestionView, Reply};
use super::screen::Screen;
use crate::answers::{Answer, Slot};
use crate::bank::Kind;
use crate::wrap::{Breaks, lines};

pub struct Rich {
    screen: Screen,
    kb: Keyboard,
    look: Look,
    bold: Style,
    /// What was written since the last message, newest last: going back
    /// takes back the newest echo, and the part heading above the question
    /// when that is what came last.
    undo: Vec<Block>,
    /// Going back took back a part heading: it is to be shown again when
    /// the part is reached again.
    cleared_heading: bool,
    /// The end screen, kept in view above the menus at the end.
    pinned: Option<Box<menu::Summary>>,
    /// The last message while the end screen is pinned ("Saved …"): shown
    /// under the next menu too, which may take the whole screen.
    notice: Option<String>,
}

/// Blocks written that going back may take back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Echo,
    Heading,
}

/// What a [`Rich::pick`] came to.
enum Picked {
    Back,
    Skip,
    Item(usize),
}

/// The keys line of a question.
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

/// The number a scale answer or a list position is picked with.
fn number(n: i64) -> Option<u32> {
    u32::try_from(n).ok()
}

impl Rich {
    /// Prompts on standard error; `color` decides whether they are coloured.
    /// `stop` says whether a signal asked the session to stop.
    pub fn new(color: bool, stop: fn() -> bool) -> io::Result<Self> {
        console::set_colors_enabled_stderr(color);
        Ok(Rich {
            screen: Screen::new(),
            kb: Keyboard::open(stop)?,
            look: Look::new(color),
            bold: Style::new().for_stderr().force_styling(color).bold(),
            undo: Vec::new(),
            cleared_heading: false,
            pinned: None,
            notice: None,
        })
    }

    /// Writes wrapped text that stays and that going back does not take
    /// back. Lines break at spaces only: messages name files, and a path
    /// broken at a hyphen reads as two.
    fn write(&mut self, text: &str) -> io::Result<()> {
        self.undo.clear();
        let text = crate::sanitize::text(text).into_owned();
        if self.pinned.is_some() {
            self.notice = Some(text.clone());
        }
        self.screen
            .commit(move |w| lines(&text, w, "", "", Breaks::Spaces))
    }

    /// "✔ Prompt · answer", wrapped, dim.
    fn echo_block(&mut self, text: String) -> io::Result<()> {
        let dim = self.look.dim.clone();
        self.screen.commit(move |w| {
            lines(&text, w, "✔ ", "  ", Breaks::Words)
                .into_iter()
                .map(|l| dim.apply_to(l).to_string())
                .collect()
        })
    }

    /// Esc: takes back the echo of the previous answer, which is about to
    /// be asked again, and the part heading when it came last.
    fn back(&mut self) -> io::Result<Reply> {
        let mut n = 0;
        if self.undo.last() == Some(&Block::Heading) {
            self.undo.pop();
            self.cleared_heading = true;
            n += 1;
        }
        if self.undo.last() == Some(&Block::Echo) {
            self.undo.pop();
            n += 1;
        }
        if n > 0 {
            self.screen.take_back(n);
        }
        Ok(Reply::Back)
    }

    /// A list of `items`, then "Prefer not to say" (and "? Help", added by
    /// the widget). Returns the item picked, or Back for Esc.
    fn pick(
        &mut self,
        v: &QuestionView<'_>,
        mut items: Vec<Item>,
        default: Option<usize>,
    ) -> io::Result<Picked> {
        let skip = items.len();
        items.push(Item::new(v.skip));
        let default = default.unwrap_or(skip);
        let hint = keys_hint(false, v.can_go_back);
        let (progress, prompt, help) = (v.progress(), v.prompt(), v.help());
        let ask = Ask {
            progress: Some(&progress),
            prompt: &prompt,
            hint: &hint,
            help: help.as_deref(),
        };
        loop {
            match menu::select(
                &mut self.screen,
                &mut self.kb,
                &self.look,
                &ask,
                &items,
                default,
            )? {
                None if v.can_go_back => return Ok(Picked::Back),
                None => self.write("This is the first question.")?,
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
                    let prefix = format!("{x} · ");
                    match label.strip_prefix(&prefix) {
                        Some(text) => Item::numbered(&prefix, text, number(*x)),
                        None => Item::numbered("", label, number(*x)),
                    }
                }
                _ => Item::numbered(&format!("{}. ", i + 1), label, number(i as i64 + 1)),
            })
            .collect();
        let default = match v.current {
            Slot::Skipped => None,
            _ => Some(v.current_choice().unwrap_or(0)),
        };
        Ok(match self.pick(v, items, default)? {
            Picked::Back => None,
            Picked::Skip => Some((Slot::Skipped, v.skip.to_string())),
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
            .map(|(i, l)| Item::numbered(&format!("{}. ", i + 1), l, number(i as i64 + 1)))
            .collect();
        let mut skip = Item::new(v.skip);
        skip.exclusive = true;
        items.push(skip);
        let mut ticks = v.current_ticks();
        ticks.push(*v.current == Slot::Skipped);
        let hint = keys_hint(true, v.can_go_back);
        let (progress, prompt, help) = (v.progress(), v.prompt(), v.help());
        let ask = Ask {
            progress: Some(&progress),
            prompt: &prompt,
            hint: &hint,
            help: help.as_deref(),
        };
        loop {
            match menu::multi(
                &mut self.screen,
                &mut self.kb,
                &self.look,
                &ask,
                &items,
                ticks.clone(),
            )? {
                Ticked::Back if v.can_go_back => return Ok(None),
                Ticked::Back => self.write("This is the first question.")?,
                Ticked::Done(now) if now.get(n) == Some(&true) => {
                    return Ok(Some((Slot::Skipped, v.skip.to_string())));
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

    /// Text: the line editor at once (typing starts the answer; an answer
    /// given before is there to change); Enter on an empty line is "Prefer
    /// not to say"; Esc goes back.
    fn ask_text(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, String)>> {
        let current = match v.current {
            Slot::Given(Answer::Text(t)) => t.clone(),
            _ => String::new(),
        };
        let mut hint = if current.is_empty() {
            format!(
                "Type your answer, Enter when done · Enter on an empty line: {}",
                v.skip
            )
        } else {
            format!(
                "Enter keeps it · Ctrl-U clears it · Enter on an empty line: {}",
                v.skip
            )
        };
        if v.can_go_back {
            hint.push_str(" · Esc goes back");
        }
        let (progress, prompt, help) = (v.progress(), v.prompt(), v.help());
        let ask = Ask {
            progress: Some(&progress),
            prompt: &prompt,
            hint: &hint,
            help: help.as_deref(),
        };
        loop {
            let edited = editor::edit(
                &mut self.screen,
                &mut self.kb,
                &self.look,
                &ask,
                &current,
                None,
                Empty::Allowed,
            )?;
            let text = match edited {
                Edited::Back if v.can_go_back => return Ok(None),
                Edited::Back => {
                    self.write("This is the first question.")?;
                    continue;
                }
                Edited::Done(text) => text,
            };
            return Ok(Some(if text.is_empty() {
                (Slot::Skipped, v.skip.to_string())
            } else {
                let words = format!(
                    "\"{}\"",
                    crate::answers::shorten(&crate::export::terminal_safe(&text), 60)
                );
                (Slot::Given(Answer::Text(text)), words)
            }));
        }
    }

    /// A menu under the pinned end screen: its first lines (the verdict)
    /// always in view, the rest in a window that PgUp/PgDn scroll.
    fn pinned_select(
        &mut self,
        ask: &Ask<'_>,
        items: &[Item],
        default: usize,
    ) -> io::Result<Option<usize>> {
        let Some(summary) = self.pinned.as_deref() else {
            return Ok(None);
        };
        let notice = self.notice.take();
        menu::select_under(
            &mut self.screen,
            &mut self.kb,
            &self.look,
            summary,
            ask,
            items,
            default,
            notice,
        )
    }
}

/// `text`'s paragraphs wrapped to `width` and laid out in screenfuls of at
/// most `rows` lines, a paragraph never split unless it alone is taller.
fn screenfuls(text: &str, width: usize, rows: usize) -> Vec<Vec<String>> {
    let rows = rows.max(2);
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

impl Prompter for Rich {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.write(text)
    }

    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()> {
        let title = crate::sanitize::inline(title.trim()).into_owned();
        let body = body.map(|b| crate::sanitize::text(b.trim()).into_owned());
        let bold = self.bold.clone();
        self.screen.commit(move |w| {
            let mut out = vec![String::new()];
            out.extend(
                lines(&title, w, "", "", Breaks::Words)
                    .into_iter()
                    .map(|l| bold.apply_to(l).to_string()),
            );
            if let Some(b) = &body {
                out.extend(lines(b, w, "", "", Breaks::Words));
                out.push(String::new());
            }
            out
        })?;
        self.undo.push(Block::Heading);
        Ok(())
    }

    fn cleared_heading(&mut self) -> bool {
        std::mem::take(&mut self.cleared_heading)
    }

    /// The intro on a clear screen, from its first row, with "Press Enter
    /// to begin." on its last line. On a screen too small for all of it,
    /// it comes in screenfuls, each waiting for Enter; the last stays above
    /// the first question.
    fn pause(&mut self, title: &str, body: &str) -> io::Result<()> {
        self.undo.clear();
        let title = crate::sanitize::inline(title.trim()).into_owned();
        let body = crate::sanitize::text(body.trim()).into_owned();
        let mut page_no = 0;
        loop {
            let (rows, width) = (self.screen.rows(), self.screen.width());
            let title_rows = lines(&title, width, "", "", Breaks::Words).len();
            let pages = screenfuls(&body, width, rows.saturating_sub(2 + title_rows));
            let last = pages.len().saturating_sub(1);
            let n = page_no.min(last);
            let mut frame: Vec<String> = lines(&title, width, "", "", Breaks::Words)
                .into_iter()
                .map(|l| self.bold.apply_to(l).to_string())
                .collect();
            frame.extend(pages[n].iter().cloned());
            frame.push(String::new());
            let prompt = if n == last {
                "Press Enter to begin."
            } else {
                "Press Enter for more."
            };
            frame.push(self.look.prompt.apply_to(prompt).to_string());
            self.screen.start_over()?;
            self.screen.draw(&frame, None)?;
            // Enter, or a resize (laid out again).
            loop {
                if self.screen.resized() {
                    break;
                }
                match self.kb.next(Some(std::time::Duration::from_millis(150)))? {
                    Some(Key::Enter) => {
                        page_no = n + 1;
                        break;
                    }
                    Some(Key::CtrlC) => {
                        return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
                    }
                    _ => {}
                }
            }
            if page_no > last {
                // The last page stays, without its prompt.
                self.screen.start_over()?;
                frame.truncate(frame.len() - 2);
                let keep = frame.clone();
                self.screen.commit(move |_| keep.clone())?;
                return Ok(());
            }
        }
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.undo.clear();
        let text = text.trim_end_matches('\n').to_string();
        self.screen
            .commit(move |_| text.split('\n').map(str::to_string).collect())
    }

    fn ask(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        let answered = match &v.question.kind {
            Kind::Choice(_) | Kind::YesNo(_) | Kind::Scale(_) => self.ask_one(v)?,
            Kind::Multi(_) => self.ask_multi(v)?,
            Kind::Text => self.ask_text(v)?,
        };
        match answered {
            None => self.back(),
            Some((slot, words)) => {
                self.echo_block(format!("{} · {words}", v.prompt()))?;
                self.undo.push(Block::Echo);
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
            .map(|(i, l)| Item::numbered(&format!("{}. ", i + 1), l, number(i as i64 + 1)))
            .collect();
        let ask = Ask {
            prompt,
            hint: "↑/↓ and Enter, or a number",
            ..Ask::default()
        };
        let picked = if self.pinned.is_some() {
            self.pinned_select(&ask, &list, default)?
        } else {
            menu::select(
                &mut self.screen,
                &mut self.kb,
                &self.look,
                &ask,
                &list,
                default,
            )?
        };
        if let Some(i) = picked {
            if self.pinned.is_none() {
                self.echo_block(format!("{prompt} · {}", items[i]))?;
            }
            self.undo.clear();
        }
        Ok(picked)
    }

    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        self.undo.clear();
        let ask = Ask {
            prompt,
            hint: "Enter saves · Ctrl-U clears · Esc goes back without saving",
            ..Ask::default()
        };
        let edited = editor::edit(
            &mut self.screen,
            &mut self.kb,
            &self.look,
            &ask,
            initial,
            None,
            Empty::Refused(
                "Type a file name (Ctrl-U clears the line), or press Esc to go back without saving.",
            ),
        )?;
        Ok(match edited {
            Edited::Back => None,
            Edited::Done(text) => Some(text),
        })
    }

    fn summary(&mut self, render: Box<menu::Summary>) -> io::Result<()> {
        self.pinned = Some(render);
        Ok(())
    }

    fn unpin(&mut self) -> io::Result<()> {
        if let Some(render) = self.pinned.take() {
            self.undo.clear();
            self.screen.commit(move |w| {
                let (head, body) = render(w);
                format!("{head}{body}")
                    .trim_end_matches('\n')
                    .split('\n')
                    .map(str::to_string)
                    .collect()
            })?;
        }
        Ok(())
    }

    fn external(
        &mut self,
        run: &mut dyn FnMut() -> anyhow::Result<()>,
    ) -> io::Result<anyhow::Result<()>> {
        self.screen.clear()?;
        self.kb.suspend();
        let r = run();
        self.kb.resume()?;
        // Whatever the pager left on the screen goes at the next draw.
        self.screen.invalidate();
        Ok(r)
    }

    fn keys(&self) -> &'static str {
        "Keys: ↑/↓ and Enter, or a number (two digits for 10 and up), to answer; Space to tick where several apply; Esc to go back; ? for help. Ctrl-C stops; your answers are kept."
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
        assert!(pages.iter().all(|p| p.len() <= 5), "{pages:?}");
        let all: Vec<&String> = pages.iter().flatten().collect();
        assert!(all.iter().any(|l| l.contains("twelve")), "{pages:?}");
        assert_eq!(screenfuls(text, 100, 20).len(), 1);
    }
}
