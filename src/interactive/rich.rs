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
//! last), from the scrollback too ([`Screen::take_back_last`]). An echo
//! written before a message (which going back does not take back) stays,
//! and a changed answer's echo then says "changed", so that the scrollback
//! tells the truth. A part's introduction stays in view above its first question, or,
//! on a screen too small for both, waits for a key (Enter).

use std::collections::{HashMap, HashSet};
use std::io;

use super::editor::{self, Edited, Empty};
use super::keys::{Key, Keyboard};
use super::layout::{Ask, Item, Look, styled_lines};
use super::menu::{self, Ticked};
use super::prompt::{Prompter, QuestionView, Reply};
use super::screen::{Screen, Tty};
use crate::answers::{Answer, Slot};
use crate::bank::Kind;
use crate::wrap::{Breaks, cut, lines, width_of};

pub struct Rich {
    tty: Tty,
    /// What was written since the last message, newest last: going back
    /// takes back the newest echo, and the part heading above the question
    /// when that is what came last.
    undo: Vec<Block>,
    /// The questions whose echo stands.
    echoed: HashSet<String>,
    /// What was typed at a text question before Esc, by question id: it is
    /// there again when the question comes back.
    drafts: HashMap<String, String>,
    /// Going back took back a part heading: it is to be shown again when
    /// the part is reached again.
    cleared_heading: bool,
    /// Esc at a part's introduction or at the settled verdict's offer: the
    /// next question goes back at once.
    back_next: bool,
    /// The end screen, kept in view above the menus at the end.
    pinned: Option<Box<menu::Summary>>,
    /// The last message while the end screen is pinned (the end screen may
    /// take the whole screen), and whether it stays: one that stays
    /// ("Saved …") is shown under the menus until another replaces it, one
    /// for now ("Not saved …") once, under the next menu or in the next
    /// editor.
    notice: Option<(String, bool)>,
    /// The messages to stay after the end screen when it is unpinned.
    kept: Vec<String>,
}

/// Blocks written that going back may take back.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    /// The echo of the answer to this question (its id).
    Echo(String),
    Heading,
    /// The echo of a menu between two questions (the settled verdict's
    /// offer).
    Offer,
}

/// The keys line of a question: how to answer, `s` for the skip choice
/// (`skip`), Esc.
fn keys_hint(multi: bool, skip: &str, back: bool) -> String {
    let pick = match multi {
        true => "Space or a number ticks, Enter when done (none ticked: none of these)",
        false => "↑/↓ and Enter, or a number",
    };
    let back = if back { " · Esc goes back" } else { "" };
    format!("{pick} · s = {}{back}", skip.to_lowercase())
}

/// What a question's widget shows above its items, with `hint` as its
/// keys.
fn head(v: &QuestionView<'_>, hint: String) -> Ask {
    Ask {
        progress: Some(v.progress()),
        prompt: v.prompt(),
        hint,
        help: v.help(),
    }
}

/// The items of a list, from `(prefix, label, number)`.
fn list(listed: &[(String, String, Option<u32>)]) -> Vec<Item> {
    (listed.iter())
        .map(|(prefix, label, n)| Item::numbered(prefix, label, *n))
        .collect()
}

impl Rich {
    /// Prompts on standard error; `color` decides whether they are coloured.
    /// `stop` says whether a signal asked the session to stop.
    pub fn new(color: bool, stop: fn() -> bool) -> io::Result<Self> {
        console::set_colors_enabled_stderr(color);
        Ok(Rich {
            tty: Tty {
                screen: Screen::new(),
                kb: Keyboard::open(stop)?,
                look: Look::new(color),
            },
            undo: Vec::new(),
            echoed: HashSet::new(),
            drafts: HashMap::new(),
            cleared_heading: false,
            back_next: false,
            pinned: None,
            notice: None,
            kept: Vec::new(),
        })
    }

    /// Writes wrapped text that stays and that going back does not take
    /// back; under the end screen, the notice, kept for after it when
    /// `keep`. Lines break at spaces only: messages name files, and a
    /// path broken at a hyphen reads as two.
    fn write(&mut self, text: &str, keep: bool) -> io::Result<()> {
        self.undo.clear();
        let text = crate::sanitize::text(text).into_owned();
        if self.pinned.is_some() {
            if keep {
                self.kept.push(text.clone());
            }
            self.notice = Some((text, keep));
            return Ok(());
        }
        let screen = &mut self.tty.screen;
        screen.commit(move |w| lines(&text, w, "", "", Breaks::Spaces))
    }

    /// Esc: takes back the echo of the previous answer, which is about to
    /// be asked again, and what came after it (the part heading, the echo
    /// of the settled verdict's offer).
    fn back(&mut self) -> io::Result<Reply> {
        while let Some(block @ (Block::Heading | Block::Offer)) = self.undo.last() {
            self.cleared_heading |= *block == Block::Heading;
            self.tty.screen.take_back_last();
            self.undo.pop();
        }
        if let Some(Block::Echo(id)) = self.undo.pop() {
            self.tty.screen.take_back_last();
            self.echoed.remove(&id);
        }
        Ok(Reply::Back)
    }

    /// Waits for Enter (true), Esc (false: go back) or a resize (`None`:
    /// to lay out again).
    fn enter(&mut self) -> io::Result<Option<bool>> {
        while !self.tty.screen.resized() {
            match self.tty.kb.next(Some(super::digits::TICK))? {
                Some(Key::CtrlC) => return Err(super::keys::interrupted()),
                Some(Key::Enter) => return Ok(Some(true)),
                Some(Key::Esc) => return Ok(Some(false)),
                _ => {}
            }
        }
        Ok(None)
    }

    /// Choice, yes/no and scale: one list, numbered, then "Prefer not to
    /// say" (and "? Help", added by the widget). `None` for Esc.
    fn ask_one(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, Vec<String>)>> {
        let choices = v.choices();
        let mut items = list(&v.listed());
        let skip = items.len();
        items.push(Item::skip(v.skip));
        let default = match v.current {
            Slot::Skipped => skip,
            _ => v.current_choice().unwrap_or(0),
        };
        let head = head(v, keys_hint(false, v.skip, v.can_go_back));
        let picked = menu::select(&mut self.tty, &head, &items, default, None)?;
        Ok(match picked {
            None => None,
            Some(i) if i == skip => Some((Slot::Skipped, vec![v.skip.to_string()])),
            Some(i) => Some((
                Slot::Given(choices[i].1.clone()),
                vec![choices[i].0.clone()],
            )),
        })
    }

    /// Multi: a tick list; "Prefer not to say" excludes the other ticks on
    /// screen; nothing ticked means "none of these".
    fn ask_multi(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, Vec<String>)>> {
        let labels = v.option_labels();
        let n = labels.len();
        let mut items = list(&v.listed());
        items.push(Item {
            exclusive: true,
            ..Item::skip(v.skip)
        });
        let mut ticks = v.current_ticks();
        ticks.push(*v.current == Slot::Skipped);
        let head = head(v, keys_hint(true, v.skip, v.can_go_back));
        Ok(match menu::multi(&mut self.tty, &head, &items, ticks)? {
            Ticked::Back | Ticked::Picked(_) => None,
            Ticked::Done(now) if now.get(n) == Some(&true) => {
                Some((Slot::Skipped, vec![v.skip.to_string()]))
            }
            Ticked::Done(now) => {
                let picked: Vec<usize> = (0..n).filter(|&i| now[i]).collect();
                let mut words: Vec<String> = picked.iter().map(|&i| labels[i].clone()).collect();
                if words.is_empty() {
                    words.push("None of these".into());
                }
                Some((Slot::Given(v.multi_answer(&picked)), words))
            }
        })
    }

    /// Text: the line editor at once (typing starts the answer; an answer
    /// given before is there to change); Enter on an empty line is "Prefer
    /// not to say"; Esc goes back.
    fn ask_text(&mut self, v: &QuestionView<'_>) -> io::Result<Option<(Slot, Vec<String>)>> {
        // What was typed before Esc, else the answer given before.
        let current = match (self.drafts.remove(&v.question.id), v.current) {
            (Some(typed), _) => typed,
            (None, Slot::Given(Answer::Text(t))) => t.clone(),
            _ => String::new(),
        };
        let keys = match current.is_empty() {
            true => "Type your answer, Enter when done",
            false => "Enter keeps it · Ctrl-U clears it",
        };
        let mut hint = format!("{keys} · Enter on an empty line: {}", v.skip);
        if v.can_go_back {
            hint.push_str(" · Esc goes back");
        }
        let edited = editor::edit(
            &mut self.tty,
            &head(v, hint),
            &current,
            None,
            Empty::Allowed,
        )?;
        Ok(match edited {
            Edited::Back(typed) => {
                self.drafts.insert(v.question.id.clone(), typed);
                None
            }
            Edited::Done(text) if text.is_empty() => {
                Some((Slot::Skipped, vec![v.skip.to_string()]))
            }
            Edited::Done(text) => {
                let words = format!("\"{}\"", crate::export::terminal_safe(&text));
                Some((Slot::Given(Answer::Text(text)), vec![words]))
            }
        })
    }
}

/// "✔ Question · answer" on one line of `width` columns. The answer comes
/// first: the question keeps a third of the room (less when it is
/// shorter), the answer the rest; a tick list's answer (`answer`, one
/// label a tick) names the ticks that fit and counts the others ("+2
/// more"). What does not fit is cut with "…".
fn echo_line(prompt: &str, answer: &[String], width: usize) -> String {
    let room = width.saturating_sub(width_of("✔  · "));
    let answer = fit_list(answer, room - width_of(prompt).min(room / 3));
    format!(
        "✔ {} · {answer}",
        cut(prompt, room.saturating_sub(width_of(&answer)))
    )
}

/// `items` joined with "; " in `room` columns: as many whole as fit, then
/// "+N more" for the rest; the first cut with "…" when even it does not.
fn fit_list(items: &[String], room: usize) -> String {
    let more = |k: usize| match items.len() - k {
        0 => String::new(),
        n => format!(" +{n} more"),
    };
    (1..=items.len())
        .rev()
        .map(|k| format!("{}{}", items[..k].join("; "), more(k)))
        .find(|s| width_of(s) <= room)
        .unwrap_or_else(|| {
            let more = more(1);
            let first = items.first().map_or("", String::as_str);
            format!("{}{more}", cut(first, room.saturating_sub(width_of(&more))))
        })
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
        self.write(text, true)
    }

    fn say_for_now(&mut self, text: &str) -> io::Result<()> {
        self.write(text, false)
    }

    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()> {
        // Going back at once (Esc at the offer before it): not shown now.
        if self.back_next {
            self.cleared_heading = true;
            return Ok(());
        }
        let title = crate::sanitize::inline(title.trim()).into_owned();
        let body = body.map(|b| crate::sanitize::text(b.trim()).into_owned());
        let bold = self.tty.look.prompt.clone();
        self.tty.screen.commit(move |w| {
            let mut out = vec![String::new()];
            out.extend(styled_lines(&bold, &title, w, ""));
            if let Some(b) = &body {
                out.extend(lines(b, w, "", "", Breaks::Words));
                out.push(String::new());
            }
            out
        })?;
        self.undo.push(Block::Heading);
        if !self.tty.screen.keep_last() {
            let wait = self.tty.look.prompt.apply_to("Press Enter to go on.");
            let wait = vec![wait.to_string()];
            loop {
                self.tty.screen.draw(&wait, None)?;
                // Stopped (Ctrl-C): the line goes from the screen. Esc:
                // back to the question before, at the next ask.
                if let Some(go_on) = self
                    .enter()
                    .inspect_err(|_| drop(self.tty.screen.clear()))?
                {
                    break self.back_next = !go_on;
                }
            }
            self.tty.screen.clear()?;
        }
        Ok(())
    }

    fn cleared_heading(&mut self) -> bool {
        std::mem::take(&mut self.cleared_heading)
    }

    /// The intro on a clear screen, from its first row, with "Press Enter
    /// to begin." on its last line. On a screen too small for all of it,
    /// it comes in screenfuls, each waiting for Enter. Then all of it stays
    /// (its end above the first question), written once.
    fn pause(&mut self, title: &str, body: &str) -> io::Result<()> {
        self.undo.clear();
        let title = crate::sanitize::inline(title.trim()).into_owned();
        let body = crate::sanitize::text(body.trim()).into_owned();
        let mut page_no = 0;
        loop {
            let (rows, width) = (self.tty.screen.rows(), self.tty.screen.width());
            let mut frame = styled_lines(&self.tty.look.prompt, &title, width, "");
            let pages = screenfuls(&body, width, rows.saturating_sub(2 + frame.len()));
            let last = pages.len().saturating_sub(1);
            let n = page_no.min(last);
            frame.extend(pages[n].iter().cloned());
            frame.push(String::new());
            let prompt = if n == last {
                "Press Enter to begin."
            } else {
                "Press Enter for more."
            };
            frame.push(self.tty.look.prompt.apply_to(prompt).to_string());
            self.tty.screen.start_over()?;
            self.tty.screen.draw(&frame, None)?;
            // Enter, or a resize (laid out again).
            if self.enter()?.is_some() {
                page_no = n + 1;
            }
            if page_no > last {
                // The intro stays, whole, laid out for the width of every
                // draw; its last lines above the first question.
                self.tty.screen.start_over()?;
                let bold = self.tty.look.prompt.clone();
                self.tty.screen.commit(move |w| {
                    let mut out = styled_lines(&bold, &title, w, "");
                    out.extend(screenfuls(&body, w, usize::MAX).concat());
                    out
                })?;
                return Ok(());
            }
        }
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.undo.clear();
        let lines = menu::split(text);
        self.tty.screen.commit(move |_| lines.clone())
    }

    fn ask(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        if std::mem::take(&mut self.back_next) && v.can_go_back {
            return self.back();
        }
        // Esc at the first question (whose keys line offers no Esc) stays.
        let answered = loop {
            let answered = match &v.question.kind {
                Kind::Choice(_) | Kind::YesNo(_) | Kind::Scale(_) => self.ask_one(v),
                Kind::Multi(_) => self.ask_multi(v),
                Kind::Text => self.ask_text(v),
            };
            // Stopped (Ctrl-C): the question goes from the screen.
            let answered = answered.inspect_err(|_| drop(self.tty.screen.clear()))?;
            if answered.is_some() || v.can_go_back {
                break answered;
            }
        };
        match answered {
            None => self.back(),
            Some((slot, words)) => {
                let id = v.question.id.clone();
                // An earlier echo of this question still stands: a changed
                // answer says so.
                let prompt = match self.echoed.contains(&id) && slot != *v.current {
                    true => format!("changed: {}", v.prompt()),
                    false => v.prompt(),
                };
                let dim = self.tty.look.dim.clone();
                (self.tty.screen).commit(move |w| {
                    vec![dim.apply_to(echo_line(&prompt, &words, w)).to_string()]
                })?;
                self.echoed.insert(id.clone());
                self.undo.push(Block::Echo(id));
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
        let list = list(&super::prompt::numbered(items.to_vec()));
        // Between two questions, Esc goes back to the question before.
        let back = self.pinned.is_none() && !self.echoed.is_empty();
        let ask = Ask {
            prompt: prompt.into(),
            hint: match back {
                true => "↑/↓ and Enter, or a number · Esc goes back",
                false => "↑/↓ and Enter, or a number",
            }
            .into(),
            ..Ask::default()
        };
        // Under the pinned end screen, with the last message.
        let notice = match &self.notice {
            Some((text, true)) => Some(text.clone()),
            _ => self.notice.take().map(|(text, _)| text),
        };
        let under = self.pinned.as_deref().map(|p| (p, notice));
        let picked = menu::select(&mut self.tty, &ask, &list, default, under)?;
        match picked {
            // Between two questions: its first sentence and the choice,
            // whole (it is no answer: it may take two lines), taken back
            // with the answer before.
            Some(i) if self.pinned.is_none() => {
                let said = prompt.split(". ").next().unwrap_or(prompt);
                let said = format!("{} · {}", said.trim_end_matches('.'), items[i]);
                let dim = self.tty.look.dim.clone();
                self.tty.screen.commit(move |w| {
                    let wrapped = lines(&said, w, "✔ ", "  ", Breaks::Words);
                    wrapped
                        .iter()
                        .map(|l| dim.apply_to(l).to_string())
                        .collect()
                })?;
                self.undo.push(Block::Offer);
            }
            Some(_) => self.undo.clear(),
            None => self.back_next = back,
        }
        Ok(picked)
    }

    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        self.undo.clear();
        // Under the end screen, its verdict stays in view above.
        let verdict = (self.pinned.as_ref()).map(|render| {
            console::strip_ansi_codes(&render(1000).0)
                .trim()
                .to_string()
        });
        let ask = Ask {
            progress: verdict,
            prompt: prompt.into(),
            hint: "Enter saves · Ctrl-U clears · Esc goes back without saving".into(),
            ..Ask::default()
        };
        // The last message for now, until a key is pressed.
        let note = match self.notice {
            Some((_, false)) => self.notice.take().map(|(text, _)| text),
            _ => None,
        };
        let refused =
            "Type a file name (Ctrl-U clears the line), or press Esc to go back without saving.";
        let edited = editor::edit(&mut self.tty, &ask, initial, note, Empty::Refused(refused))?;
        Ok(match edited {
            Edited::Back(_) => None,
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
            self.tty.screen.commit(move |w| {
                let (head, body) = render(w);
                menu::split(&format!("{head}{body}"))
            })?;
            for text in std::mem::take(&mut self.kept) {
                self.write(&text, true)?;
            }
        }
        Ok(())
    }

    fn external(
        &mut self,
        run: &mut dyn FnMut() -> anyhow::Result<()>,
    ) -> io::Result<anyhow::Result<()>> {
        self.tty.screen.clear()?;
        self.tty.kb.suspend();
        let r = run();
        self.tty.kb.resume()?;
        // Whatever the pager left on the screen goes at the next draw.
        self.tty.screen.invalidate();
        Ok(r)
    }

    fn keys(&self) -> &'static str {
        "Keys: ↑/↓ and Enter, or a number (two digits for 10 and up), to answer; Space to tick where several apply; s to skip; Esc to go back; ? for help. Ctrl-C stops; your answers are kept."
    }
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/rich.rs"]
mod tests;
