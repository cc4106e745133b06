use super::*;
use crate::interactive::prompt::{QuestionView, Reply};
use std::collections::VecDeque;

/// Answers each menu from a script and records where its cursor started.
struct Menus {
    picks: VecDeque<Option<usize>>,
    started: Vec<(String, usize)>,
}

impl Prompter for Menus {
    fn say(&mut self, _: &str) -> std::io::Result<()> {
        Ok(())
    }
    fn heading(&mut self, _: &str, _: Option<&str>) -> std::io::Result<()> {
        Ok(())
    }
    fn ask(&mut self, _: &QuestionView<'_>) -> std::io::Result<Reply> {
        Err(std::io::Error::other("no questions here"))
    }
    fn choose(&mut self, prompt: &str, _: &[String], d: usize) -> std::io::Result<Option<usize>> {
        self.started.push((prompt.to_string(), d));
        Ok(self.picks.pop_front().unwrap_or(Some(2)))
    }
    fn input(&mut self, _: &str, _: &str) -> std::io::Result<Option<String>> {
        Ok(None)
    }
    fn keys(&self) -> &'static str {
        "keys"
    }
}

#[test]
fn going_back_from_a_copy_leaves_the_cursor_on_save_not_done() {
    let text = include_str!("../../fixtures/results/v1_supportive.json");
    let result = crate::saved::parse_result(text, "r.json").expect("a result");
    let plan = Plan::new(output::Terminal::default(), output::ColorChoice::Auto);
    // Save a copy, Esc at the kind of copy; Save a copy, a kind, Esc at
    // the name; then Done.
    let mut p = Menus {
        picks: VecDeque::from([Some(1), None, Some(1), Some(0), Some(2)]),
        started: Vec::new(),
    };
    what_next(&mut p, &result, &plan).expect("the menu");
    let menus: Vec<usize> = p
        .started
        .iter()
        .filter(|(prompt, _)| prompt == "What next?")
        .map(|(_, d)| *d)
        .collect();
    assert_eq!(menus, [0, 1, 1], "{:?}", p.started);
}
