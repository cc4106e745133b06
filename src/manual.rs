//! The manual pages (`mommytrack man [COMMAND]`), in roff: mommytrack(1)
//! with the commands, examples, exit status, environment and files, and a
//! page per command (mommytrack-assess(1) …) with its options and examples.
//! Made from the command line's own definition ([`crate::cli::command`])
//! with `clap_mangen` for the title, synopsis, description, options and
//! command list; the examples are laid out line by line (never reflowed).

use anyhow::Result;

use crate::error::Failure;

/// The roff preamble that `clap_mangen` writes before each section it
/// renders: written once, first.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The page of `command` (e.g. "assess"), or the main page.
pub fn page(command: Option<&str>) -> Result<String> {
    let mut cli = crate::cli::command();
    cli.build();
    let (cmd, title) = match command {
        None => (cli.clone(), "mommytrack".to_string()),
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = with_pages(&cli).map(|c| c.get_name()).collect();
                return Err(Failure::usage(format!(
                    "there is no command `{}`; `mommytrack man` has a page for each of: {}",
                    crate::sanitize::inline(name),
                    names.join(", ")
                ))
                .into());
            };
            let bin = format!("mommytrack {name}");
            (sub.clone().bin_name(bin), format!("mommytrack-{name}"))
        }
    };
    let after = cmd.get_after_help().map(|h| h.to_string());
    let cmd_long_about = cmd.get_long_about().is_some();
    let man = clap_mangen::Man::new(cmd).title(&title);
    let mut out = Vec::new();
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    // The description, when it says more than the name's line.
    if cmd_long_about {
        man.render_description_section(&mut out)?;
    }
    man.render_options_section(&mut out)?;
    // The title line of our own: `clap_mangen` leaves its empty date
    // unquoted, so that roff takes the next field for the date.
    let mut text = format!(
        "{PREAMBLE}.TH {title} 1 \"\" \"mommytrack {}\" \"mommytrack manual\"\n",
        env!("CARGO_PKG_VERSION")
    );
    text.push_str(&String::from_utf8_lossy(&out).replace(PREAMBLE, ""));
    if command.is_none() {
        text.push_str(&commands(&cli));
    }
    text.push_str(&examples(after));
    text.push_str(EXIT_STATUS);
    if matches!(command, None | Some("assess")) {
        text.push_str(ENVIRONMENT);
        text.push_str(FILES);
    }
    match command {
        None => {
            text.push_str(&see_also(&cli));
            let mut version = Vec::new();
            man.render_version_section(&mut version)?;
            text.push_str(&String::from_utf8_lossy(&version).replace(PREAMBLE, ""));
        }
        Some(_) => {
            text.push_str(".SH \"SEE ALSO\"\nmommytrack(1), printed by \\fBmommytrack man\\fR.\n")
        }
    }
    Ok(text)
}

/// The commands that have a page of their own: all but `help`.
fn with_pages(cli: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cli.get_subcommands().filter(|c| c.get_name() != "help")
}

/// Text made safe for roff: backslashes, and a line that would start with
/// a control character.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
}

/// The EXAMPLES section from a command's after-help: its example lines as
/// they are (no filling), then any paragraph after them as NOTES.
fn examples(after_help: Option<String>) -> String {
    let Some(help) = after_help else {
        return String::new();
    };
    let mut lines = help.lines();
    let before: Vec<&str> = (lines.by_ref())
        .take_while(|l| !l.starts_with("Example"))
        .collect();
    let shown: Vec<&str> = (lines.by_ref())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim_start)
        .collect();
    let rest: Vec<&str> = lines.collect();
    let mut out = String::new();
    if !shown.is_empty() {
        out.push_str(".SH EXAMPLES\n.nf\n");
        for l in &shown {
            out.push_str(&roff(l));
            out.push('\n');
        }
        out.push_str(".fi\n");
    }
    let notes: Vec<&str> = before
        .into_iter()
        .chain(rest)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if !notes.is_empty() {
        out.push_str(".SH NOTES\n");
        out.push_str(&roff(&notes.join(" ")));
        out.push('\n');
    }
    out
}

/// The commands, each with the page `mommytrack man NAME` prints.
fn commands(cli: &clap::Command) -> String {
    let mut out = String::from(".SH COMMANDS\n");
    for c in with_pages(cli) {
        out.push_str(&format!(
            ".TP\n\\fBmommytrack\\-{}\\fR(1)\n{}\n",
            roff(c.get_name()),
            roff(&c.get_about().map(|a| a.to_string()).unwrap_or_default())
        ));
    }
    out
}

fn see_also(cli: &clap::Command) -> String {
    let pages = with_pages(cli).map(|c| format!("\\fBmommytrack man {}\\fR", c.get_name()));
    let pages: Vec<String> = pages.collect();
    format!(
        ".SH \"SEE ALSO\"\nEach command has a page of its own, printed by {}.\nTo install them: \\fBmommytrack man assess > mommytrack\\-assess.1\\fR (and so on), in a folder of your \\fBMANPATH\\fR.\n",
        pages.join(", ")
    )
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Anything not listed here.
.TP
\fB2\fR
A usage error: a flag or argument that is not valid, or \fBassess\fR with no answers file and no terminal to ask on.
.TP
\fB65\fR
Invalid data: a question bank or an answers file that does not pass validation (with \fB\-\-strict\fR, warnings too).
.TP
\fB66\fR
An input file that does not exist or cannot be read (also \fBassess \-\-resume\fR with no unfinished assessment).
.TP
\fB73\fR
An output file or the state folder cannot be created or is not safe to use.
.TP
\fB130\fR
The assessment was stopped (Ctrl\-C, the input ended); the answers so far are kept, and \fBmommytrack assess \-\-resume\fR carries on.
.PP
On any failure nothing is written to \fB\-\-output\fR: an existing file there stays as it was.
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBMOMMYTRACK_STATE_DIR\fR
The state folder, where the draft of an unfinished assessment and the results of sessions are saved. Default: \fB$XDG_STATE_HOME/mommytrack\fR, else \fB~/.local/state/mommytrack\fR.
.TP
\fBXDG_STATE_HOME\fR, \fBHOME\fR
Where the default state folder is.
.TP
\fBXDG_DOCUMENTS_DIR\fR
Where \(lqSave a copy\(rq suggests to save (else the documents folder of \fB~/.config/user\-dirs.dirs\fR, else \fB~/Documents\fR, else your home folder).
.TP
\fBPAGER\fR, \fBLESS\fR
The pager for long reports on a terminal (default \fBless\fR, with \fBLESS=FRX\fR when \fBLESS\fR is not set, and \fBLESS=FR\fR from the interactive session so that no page is left on the screen). \fB\-\-no\-pager\fR prints instead.
.TP
\fBNO_COLOR\fR
Any value turns colour off (as \fB\-\-color never\fR).
.TP
\fBTERM\fR
\fBdumb\fR: no colour, no cursor movement; the interactive assessment asks with plain numbered lines (as \fB\-\-plain\fR).
"#;

const FILES: &str = r#".SH FILES
.TP
\fI$MOMMYTRACK_STATE_DIR\fB/draft.json\fR
The answers of an unfinished assessment, saved after every answer (mode 0600; the folder 0700). Removed when the assessment is finished.
.TP
\fI$MOMMYTRACK_STATE_DIR\fB/result\-YYYY\-MM\-DD\-HHMMSS.json\fR
The result of each finished session, in the format of \fBassess \-\-format json\fR: \fBmommytrack report\fR and \fBcompare\fR read it.
.TP
\fBanswers.yaml\fR
An answers file to fill in, from \fBmommytrack template > answers.yaml\fR; \fBmommytrack assess \-\-answers answers.yaml\fR reads it.
"#;
