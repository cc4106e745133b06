//! The terminal prompter, on dialoguer: a Select for choice, yes/no and the
//! labelled points of a scale, a MultiSelect for multi, an Input for text.
//! Every list ends with "Prefer not to say" and, when the question has help,
//! "? Help" (↑ from the top reaches it). Esc goes back.

use std::io;

use console::{Style, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select};

use super::prompt::{HELP, Prompter, QuestionView, Reply, SKIP};
use crate::answers::{Answer, Slot};
use crate::bank::Kind;

pub struct Rich {
    term: Term,
    theme: ColorfulTheme,
    dim: Style,
    bold: Style,
}

impl Rich {
    /// Prompts on standard error; `color` decides whether they are coloured.
    pub fn new(color: bool) -> Self {
        console::set_colors_enabled_stderr(color);
        let st = |s: Style| s.for_stderr().force_styling(color);
        Rich {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            dim: st(Style::new().dim()),
            bold: st(Style::new().bold()),
        }
    }

    fn show_help(&self, v: &QuestionView<'_>) -> io::Result<()> {
        if let Some(h) = v.help() {
            let h = wrap(&h, self.width());
            self.term.write_line(&self.dim.apply_to(h).to_string())?;
        }
        Ok(())
    }

    fn first_question(&self) -> io::Result<()> {
        self.term
            .write_line(&self.dim.apply_to("This is the first question.").to_string())
    }

    /// A Select of `items`, then "Prefer not to say" and, where the
    /// question has help, "? Help", which is shown in place. Esc goes back.
    /// `default` is the item to preselect; `None` preselects the skip.
    fn select(
        &self,
        v: &QuestionView<'_>,
        mut items: Vec<String>,
        default: Option<usize>,
    ) -> io::Result<Picked> {
        let skip = items.len();
        items.push(SKIP.to_string());
        let help = v.help().map(|_| {
            items.push(HELP.to_string());
            skip + 1
        });
        let mut default = default.unwrap_or(skip);
        loop {
            let picked = Select::with_theme(&self.theme)
                .with_prompt(v.prompt())
                .items(&items)
                .default(default)
                .interact_on_opt(&self.term)
                .map_err(io::Error::from)?;
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

    /// Choice, yes/no and scale: one Select.
    fn ask_one(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        let choices = v.choices();
        let items = choices.iter().map(|(l, _)| l.clone()).collect();
        let default = match v.current {
            Slot::Skipped => None,
            _ => Some(v.current_choice().unwrap_or(0)),
        };
        Ok(match self.select(v, items, default)? {
            Picked::Back => Reply::Back,
            Picked::Skip => Reply::Answer(Slot::Skipped),
            Picked::Item(i) => Reply::Answer(Slot::Given(choices[i].1.clone())),
        })
    }

    /// Multi: one MultiSelect; nothing ticked means "none of these".
    fn ask_multi(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        let mut items = v.option_labels();
        let n = items.len();
        items.push(SKIP.to_string());
        let help = v.help().map(|_| {
            items.push(HELP.to_string());
            n + 1
        });
        let mut ticks = v.current_ticks();
        ticks.push(*v.current == Slot::Skipped);
        if help.is_some() {
            ticks.push(false);
        }
        let prompt = format!(
            "{} {}",
            v.prompt(),
            self.dim.apply_to("(Space ticks, Enter when done)")
        );
        loop {
            let picked = MultiSelect::with_theme(&self.theme)
                .with_prompt(prompt.clone())
                .items(&items)
                .defaults(&ticks)
                .interact_on_opt(&self.term)
                .map_err(io::Error::from)?;
            let Some(picked) = picked else {
                if v.can_go_back {
                    return Ok(Reply::Back);
                }
                self.first_question()?;
                continue;
            };
            if let Some(h) = help.filter(|h| picked.contains(h)) {
                self.show_help(v)?;
                ticks = (0..items.len())
                    .map(|i| i != h && picked.contains(&i))
                    .collect();
                continue;
            }
            if picked.contains(&n) {
                return Ok(Reply::Answer(Slot::Skipped));
            }
            return Ok(Reply::Answer(Slot::Given(v.multi_answer(&picked))));
        }
    }

    /// Text: a Select (write, skip, help; Esc goes back), then an Input.
    fn ask_text(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        let current = match v.current {
            Slot::Given(Answer::Text(t)) => Some(t.clone()),
            _ => None,
        };
        let mut items = Vec::new();
        if let Some(t) = &current {
            items.push(format!(
                "Keep \"{}\"",
                crate::answers::shorten(&crate::export::terminal_safe(t), 40)
            ));
        }
        let write = items.len();
        items.push(if current.is_some() {
            "Change it…".to_string()
        } else {
            "Write an answer…".to_string()
        });
        let default = (*v.current != Slot::Skipped).then_some(0);
        Ok(match self.select(v, items, default)? {
            Picked::Back => Reply::Back,
            Picked::Skip => Reply::Answer(Slot::Skipped),
            Picked::Item(i) if i == write => {
                let text: String = Input::with_theme(&self.theme)
                    .with_prompt("Your answer (Enter when done; empty skips)")
                    .with_initial_text(current.clone().unwrap_or_default())
                    .allow_empty(true)
                    .interact_text_on(&self.term)
                    .map_err(io::Error::from)?;
                let text = text.trim().to_string();
                Reply::Answer(if text.is_empty() {
                    Slot::Skipped
                } else {
                    Slot::Given(Answer::Text(text))
                })
            }
            Picked::Item(_) => {
                let kept = current.clone().unwrap_or_default();
                Reply::Answer(Slot::Given(Answer::Text(kept)))
            }
        })
    }
}

/// What a [`Rich::select`] came to.
enum Picked {
    Back,
    Skip,
    Item(usize),
}

impl Rich {
    /// Columns to wrap text at: the terminal's, at most 100.
    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }
}

/// Word-wraps each line of `text` to `width` columns.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out.join("\n")
}

impl Prompter for Rich {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.term
            .write_line(&wrap(&crate::sanitize::text(text), self.width()))
    }

    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()> {
        self.term.write_line("")?;
        let title = crate::sanitize::inline(title.trim());
        self.term
            .write_line(&self.bold.apply_to(title).to_string())?;
        if let Some(b) = body {
            self.term
                .write_line(&wrap(&crate::sanitize::text(b.trim()), self.width()))?;
        }
        Ok(())
    }

    fn ask(&mut self, v: &QuestionView<'_>) -> io::Result<Reply> {
        self.term.write_line("")?;
        self.term
            .write_line(&self.dim.apply_to(v.progress()).to_string())?;
        match &v.question.kind {
            Kind::Choice(_) | Kind::YesNo(_) | Kind::Scale(_) => self.ask_one(v),
            Kind::Multi(_) => self.ask_multi(v),
            Kind::Text => self.ask_text(v),
        }
    }

    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>> {
        Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(io::Error::from)
    }

    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>> {
        let text: String = Input::with_theme(&self.theme)
            .with_prompt(prompt)
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(io::Error::from)?;
        let text = text.trim().to_string();
        Ok((!text.is_empty()).then_some(text))
    }

    fn keys(&self) -> &'static str {
        "Keys: ↑/↓ move, Enter chooses, Space ticks in lists where several apply (none ticked means none of them), Esc goes back to the previous question. Each list ends with \"Prefer not to say\" and, where there is more to know, \"? Help\" (↑ from the top). Ctrl-C stops; your answers are kept."
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_keeps_words_whole_and_paragraphs_apart() {
        assert_eq!(
            super::wrap("one two three four\n\nfive", 9),
            "one two\nthree\nfour\n\nfive"
        );
    }
}
