//! The seam between the question flow and the terminal: a [`Prompter`] shows
//! text and asks one question at a time. The terminal prompter
//! ([`super::rich`]) and the plain numbered one ([`super::plain`]) implement
//! it; tests script it.
//!
//! Errors carry the reason a session stops: `Interrupted` for Ctrl-C and
//! `UnexpectedEof` for input that ended (a pipe that ran dry, Ctrl-D).

use std::io;

use super::flow::Progress;
use crate::answers::{Answer, Slot};
use crate::bank::{Kind, Question};

/// What the user did with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// An answer, or `Slot::Skipped` for "Prefer not to say".
    Answer(Slot),
    /// Go back to the previous question.
    Back,
}

/// One question as the prompters show it.
#[derive(Debug, Clone, Copy)]
pub struct QuestionView<'a> {
    pub question: &'a Question,
    /// The title of the question's set, for the progress line.
    pub set_title: &'a str,
    /// The part (set) and the place among the questions.
    pub place: Progress,
    /// The answer given before (when the user came back): preselected.
    pub current: &'a Slot,
    /// False at the first question.
    pub can_go_back: bool,
    /// The words of the skip choice: [`SKIP`], or [`DONT_KNOW`] about a
    /// prospective employer.
    pub skip: &'static str,
}

impl QuestionView<'_> {
    /// "Part 3 of 9 · Your manager · about 12 min left": the time left is
    /// the estimate for the questions still to come, those that may yet be
    /// asked included, so it only shrinks. (A count such as "question 2 of
    /// up to 63" said little while most questions depend on answers.)
    pub fn progress(&self) -> String {
        let p = self.place;
        format!(
            "Part {} of {} · {} · {}",
            p.part,
            p.parts,
            crate::export::terminal_safe(self.set_title.trim()),
            time_left(p.seconds_left),
        )
    }

    /// The choices of a choice, yes/no or scale question as `(label, answer)`
    /// pairs, in the order they are listed. Empty for multi and text.
    pub fn choices(&self) -> Vec<(String, Answer)> {
        let safe = crate::export::terminal_safe;
        match &self.question.kind {
            Kind::Choice(opts) => opts
                .iter()
                .map(|o| (safe(&o.label), Answer::Choice(o.id.clone())))
                .collect(),
            Kind::YesNo(_) => vec![
                ("Yes".to_string(), Answer::YesNo(true)),
                ("No".to_string(), Answer::YesNo(false)),
            ],
            // "4 · " and the point's label, or "4".
            Kind::Scale(s) => (s.min..=s.max)
                .zip(self.listed())
                .map(|(x, (prefix, label, _))| (prefix + &label, Answer::Scale(x)))
                .collect(),
            Kind::Multi(_) | Kind::Text => Vec::new(),
        }
    }

    /// The list a choice, yes/no, scale or multi question shows, as
    /// `(prefix, label, number)`: "2. " and the second label, picked with
    /// 2; on a scale "4 · " and the point's label (or no prefix and "4"),
    /// picked with 4 (a negative point with no number).
    pub fn listed(&self) -> Vec<(String, String, Option<u32>)> {
        let labels = match &self.question.kind {
            Kind::Scale(s) => {
                let safe = crate::export::terminal_safe;
                return (s.min..=s.max)
                    .map(|x| match s.label(x) {
                        Some(l) => (format!("{x} · "), safe(l), u32::try_from(x).ok()),
                        None => (String::new(), x.to_string(), u32::try_from(x).ok()),
                    })
                    .collect();
            }
            Kind::Multi(_) => self.option_labels(),
            _ => self.choices().into_iter().map(|(label, _)| label).collect(),
        };
        numbered(labels)
    }

    /// The index in [`choices`](Self::choices) of the current answer.
    pub fn current_choice(&self) -> Option<usize> {
        let Slot::Given(a) = self.current else {
            return None;
        };
        self.choices().iter().position(|(_, c)| c == a)
    }

    /// The labels of a multi question's options.
    pub fn option_labels(&self) -> Vec<String> {
        let safe = |o: &crate::bank::Choice| crate::export::terminal_safe(&o.label);
        self.question.kind.options().iter().map(safe).collect()
    }

    /// Which of a multi question's options the current answer ticks.
    pub fn current_ticks(&self) -> Vec<bool> {
        let opts = self.question.kind.options();
        match self.current {
            Slot::Given(Answer::Multi(ids)) => opts.iter().map(|o| ids.contains(&o.id)).collect(),
            _ => vec![false; opts.len()],
        }
    }

    /// A multi answer from ticked option indexes, in bank order.
    pub fn multi_answer(&self, ticked: &[usize]) -> Answer {
        let opts = self.question.kind.options();
        let mut ticked = ticked.to_vec();
        ticked.sort_unstable();
        ticked.dedup();
        Answer::Multi(
            ticked
                .into_iter()
                .filter_map(|i| opts.get(i).map(|o| o.id.clone()))
                .collect(),
        )
    }

    /// An answer (or the skip) to this question in words; none for none.
    pub fn label_of(&self, slot: &Slot) -> Option<String> {
        match slot {
            Slot::Missing => None,
            Slot::Skipped => Some(self.skip.to_string()),
            Slot::Given(a) => Some(crate::export::terminal_safe(&a.label(self.question))),
        }
    }

    pub fn help(&self) -> Option<String> {
        (self.question.help.as_deref()).map(|h| crate::export::terminal_safe(h.trim()))
    }

    pub fn prompt(&self) -> String {
        crate::export::terminal_safe(self.question.prompt.trim())
    }
}

/// `labels` listed as "1. ", "2. "…, picked by their numbers.
pub fn numbered(labels: Vec<String>) -> Vec<(String, String, Option<u32>)> {
    (1..)
        .zip(labels)
        .map(|(n, label)| (format!("{n}. "), label, Some(n)))
        .collect()
}

/// "about 12 min left", "less than a minute left".
pub fn time_left(seconds: usize) -> String {
    match seconds.div_ceil(60) {
        0 | 1 if seconds < 60 => "less than a minute left".to_string(),
        n => format!("about {n} min left"),
    }
}

/// The words of the skip choice about yourself.
pub const SKIP: &str = "Prefer not to say";

/// The words of the skip choice about an employer you are considering
/// (`assess --prospective`).
pub const DONT_KNOW: &str = "Don't know yet";

/// Shows text and asks questions.
pub trait Prompter {
    /// Paragraphs of text.
    fn say(&mut self, text: &str) -> io::Result<()>;
    /// A message that the next one makes stale ("Not saved: …" before
    /// another try): under the end screen it is shown until then, and does
    /// not stay.
    fn say_for_now(&mut self, text: &str) -> io::Result<()> {
        self.say(text)
    }
    /// A titled section: the intro, a question set.
    fn heading(&mut self, title: &str, body: Option<&str>) -> io::Result<()>;
    /// Asks one question until it gets an answer, a skip or "back"; help
    /// is shown in between as often as asked for.
    fn ask(&mut self, view: &QuestionView<'_>) -> io::Result<Reply>;
    /// A menu; `None` when the user backs out of it (Esc).
    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>>;
    /// A line of text, prefilled with `initial`; `None` when backed out of.
    fn input(&mut self, prompt: &str, initial: &str) -> io::Result<Option<String>>;
    /// A yes/no question outside the questionnaire (`default` on Enter).
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool> {
        // "Yes" is item 0, "No" item 1.
        let (items, default) = (["Yes", "No"].map(String::from), usize::from(!default));
        Ok(self.choose(prompt, &items, default)?.unwrap_or(default) == 0)
    }
    /// Text the person reads before going on: on a terminal, it waits for
    /// Enter; elsewhere it only shows it.
    fn pause(&mut self, title: &str, body: &str) -> io::Result<()> {
        self.heading(title, Some(body))
    }
    /// Text laid out already (the end screen), shown as it is.
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.say(text)
    }
    /// The end screen (laid out for a width: the lines always in view, and
    /// the rest), kept in view above the menus that follow until
    /// [`unpin`](Self::unpin). Without a live screen it is shown once, now.
    fn summary(&mut self, render: Box<super::menu::Summary>) -> io::Result<()> {
        let (head, body) = render(80);
        self.show(&format!("\n{head}{body}"))
    }
    /// The end screen stays as it is, above what comes next.
    fn unpin(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Runs something else that uses the terminal (the pager), with the
    /// terminal as it was before the session; afterwards, nothing it left
    /// on screen stays. The outer result is the terminal's.
    fn external(
        &mut self,
        run: &mut dyn FnMut() -> anyhow::Result<()>,
    ) -> io::Result<anyhow::Result<()>> {
        Ok(run())
    }
    /// Whether going back just cleared a part's heading from the screen
    /// (so that it is shown again when the part is reached again).
    fn cleared_heading(&mut self) -> bool {
        false
    }
    /// Whether input is already read and waiting to be answered with (lines
    /// piped or pasted ahead).
    fn typed_ahead(&self) -> bool {
        false
    }
    /// The keys, for the intro.
    fn keys(&self) -> &'static str;
}
