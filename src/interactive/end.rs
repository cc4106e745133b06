//! The end of a session: the result scored and saved, a screen that fits
//! (verdict, dimensions, where to start, where the result is), then the
//! full report through the pager and copies to share, on request.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::flow::Flow;
use super::prompt::Prompter;
use std::sync::atomic::Ordering;

use super::{INTERRUPTED, PAGING, ask, set_hint, state};
use crate::export::{self, Format};
use crate::output::{self, Plan};
use crate::result::{self, AssessmentResult};

/// What a session adds to its result (`settled_after`, docs/formats.md).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stamp {
    /// The day taken, `YYYY-MM-DD`.
    pub taken: String,
    /// Answers given when the verdict settled, if it did.
    pub settled_after: Option<usize>,
    /// About an employer: the day of the result whose facts about the
    /// person were used as they were.
    pub facts_from: Option<String>,
    /// About an employer: the person's result about their own job, to ask
    /// first what is weakest there.
    pub current: Option<AssessmentResult>,
}

/// Scores the answers, saves the result in the state folder, removes the
/// draft, then ends with a screen that fits: the verdict, the dimensions,
/// where to start, where the result is, and what to do next.
pub(super) fn finish(
    p: &mut dyn Prompter,
    flow: &Flow,
    plan: &Plan,
    state_dir: Option<&Path>,
    draft_path: Option<&Path>,
    stamp: &Stamp,
) -> Result<()> {
    let bank = flow.bank();
    let (mut result, _) = result::assess(bank, &flow.finished_sheet(), flow.mode());
    // issue 23: a session's result says when it was taken and when its
    // verdict settled.
    result.taken = Some(stamp.taken.clone());
    result.respondent = state_dir.and_then(state::respondent);
    result.settled_after = Some(stamp.settled_after);
    result.facts_from.clone_from(&stamp.facts_from);
    if let Some(current) = &stamp.current {
        result.weigh_against(current);
    }
    let saved = match state_dir {
        Some(dir) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let json = export::result_json(&result).map_err(std::io::Error::other);
            match json.and_then(|json| state::write_result(dir, now, &json)) {
                Ok(path) => {
                    if let Some(draft) = draft_path {
                        state::remove_draft(draft)?;
                    }
                    set_hint(format!("Your result is saved in {}.", path.display()));
                    Some(path)
                }
                Err(e) => {
                    let kept = match draft_path.is_some_and(Path::exists) {
                        true => "your answers stay in the draft",
                        false => {
                            "nor could your answers be kept in a draft: keep the report (the menu below saves a copy)"
                        }
                    };
                    p.say(&format!(
                        "Warning: cannot save the result in {}: {e}; {kept}.",
                        dir.display()
                    ))?;
                    None
                }
            }
        }
        None => None,
    };

    // The report the command line asked for: to its file, or to a standard
    // output that is not this terminal (a pipe, a file), or in a format
    // other than text.
    let on_screen = plan.path.is_none() && plan.term.stdout_tty && plan.format == Format::Text;
    if !on_screen {
        plan.report(result.clone())?;
    }
    if let Some(out) = &plan.path {
        ask(p.say(&format!("The report is in {}.", out.display())))?;
    }
    let mut r = result.clone();
    if plan.redact {
        r.redact();
    }
    let saved_line = saved
        .as_ref()
        .map(|path| format!("Your result is saved in {}.", path.display()));
    let options = plan.render_options();
    let color = plan.color_stderr;
    let plain = plan.plain;
    // Laid out again for the width of every draw.
    let render = move |width: usize| {
        let mut o = options;
        o.color = color;
        o.width = u16::try_from(width).unwrap_or(80);
        let screen = export::end_screen(&r, &o, plain);
        let mut body = screen.body;
        if let Some(line) = &saved_line {
            // Broken at spaces only: a path broken at a hyphen reads as two.
            for l in crate::wrap::lines(line, width, "", "", crate::wrap::Breaks::Spaces) {
                body.push_str(&l);
                body.push('\n');
            }
        }
        (screen.head, body)
    };
    ask(p.summary(Box::new(render)))?;
    let next = what_next(p, &result, plan);
    ask(p.unpin())?;
    match next {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(()),
        other => ask(other),
    }
}

/// The menu at the end: read the full report (through the pager), save a
/// copy to share, or finish.
fn what_next(p: &mut dyn Prompter, result: &AssessmentResult, plan: &Plan) -> std::io::Result<()> {
    let items = ["Read the full report", "Save a copy to share", "Done"].map(String::from);
    let mut default = 0;
    loop {
        match p.choose("What next?", &items, default)? {
            Some(0) => {
                let mut r = result.clone();
                if plan.redact {
                    r.redact();
                }
                // On this terminal: through the pager when standard output
                // is the terminal, else on standard error with the prompts
                // (standard output is a file or a pipe).
                let screen = plan.to_stdout();
                let mut options = screen.render_options();
                if !plan.term.stdout_tty {
                    options.color = plan.color_stderr;
                    let columns = usize::from(console::Term::stderr().size().1);
                    options.width = u16::try_from(super::screen::columns(columns)).unwrap_or(80);
                }
                let doc = crate::export::render_report(&r, Format::Text, &options, plan.plain)
                    .map_err(std::io::Error::other)?;
                let shown = if plan.term.stdout_tty {
                    p.external(&mut || {
                        // A Ctrl-C in the pager is the pager's.
                        PAGING.store(true, Ordering::SeqCst);
                        let paged = screen.page_in_session(&doc);
                        PAGING.store(false, Ordering::SeqCst);
                        INTERRUPTED.store(false, Ordering::SeqCst);
                        paged
                    })?
                } else {
                    p.show(&doc).map_err(anyhow::Error::from)
                };
                if let Err(e) = shown {
                    p.say(&format!("Cannot show the report: {e:#}"))?;
                }
                default = 0;
            }
            Some(1) => {
                // Saved: "Done" is likely next. Gone back with Esc: stay on
                // "Save a copy", so that a habitual Enter does not end it.
                default = if save_copy(p, result, plan)? { 2 } else { 1 };
            }
            // Esc, which goes back elsewhere, does not end it here.
            None => p.say_for_now("This is the end of the assessment: choose Done to finish.")?,
            _ => return Ok(()),
        }
    }
}

/// "Save a copy": the format, whether to leave private notes out, and
/// where (a documents folder by default; `~` expanded; an existing file
/// replaced only when the person says so). True when a copy was saved.
fn save_copy(
    p: &mut dyn Prompter,
    result: &AssessmentResult,
    plan: &Plan,
) -> std::io::Result<bool> {
    let labels = [
        "Markdown (.md), to paste or print",
        "HTML (.html), to open in a browser",
        "JSON (.json), for `mommytrack report` and `compare`",
    ];
    let Some(i) = p.choose("Which kind of copy?", &labels.map(String::from), 0)? else {
        return Ok(false);
    };
    let format = [Format::Markdown, Format::Html, Format::Json][i];
    let mut r = result.clone();
    let has_notes = !export::report::notes(&r).is_empty();
    if plan.redact || (has_notes && p.confirm("Leave out your private notes (free-text answers)? Yes is best for a copy you share.", true)?) {
        r.redact();
    }
    let home = output::home_dir();
    let folder = output::documents_dir().unwrap_or_else(|| PathBuf::from("."));
    let name = format!("mommytrack-report.{}", output::extension(format));
    let mut suggested = folder.join(&name).display().to_string();
    loop {
        let Some(typed) = p.input("Save as", &suggested)? else {
            return Ok(false);
        };
        let mut path = output::expand_tilde(&typed, home.as_deref());
        // A bare name goes in the folder suggested.
        if path.parent() == Some(Path::new("")) {
            path = folder.join(path);
        }
        let overwrite = path.exists();
        if overwrite && path.is_dir() {
            p.say_for_now(&format!("{} is a folder: add a file name.", path.display()))?;
            suggested = path.join(&name).display().to_string();
            continue;
        }
        if overwrite
            && !p.confirm(
                &format!("{} already exists. Replace it?", path.display()),
                false,
            )?
        {
            suggested = typed;
            continue;
        }
        match output::save_copy(&r, format, &path, overwrite) {
            Ok(saved) => {
                p.say(&format!("Saved {}.", saved.display()))?;
                return Ok(true);
            }
            Err(e) => {
                p.say_for_now(&format!("Not saved: {e:#}. Try another name or folder."))?;
                suggested = typed;
            }
        }
    }
}

#[cfg(test)]
#[path = "../../tests/unit/interactive/end.rs"]
mod tests;
