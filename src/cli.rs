//! The command line: commands, flags and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::Format;
pub use crate::output::ColorChoice;

const AFTER_HELP: &str = "\
Examples:
  mommytrack assess                          answer on this terminal ({FULL})
  mommytrack assess --quick                  only the core questions ({QUICK})
  mommytrack template > answers.yaml         an answers file to fill in
  mommytrack assess --answers answers.yaml --format json --output me.json
  cat answers.yaml | mommytrack assess       answers piped in
  mommytrack compare me.json partner.json    you and your partner side by side

Everything stays on this computer. This tool gives no legal advice.";

/// The command line with its help, the time estimates in it computed from
/// the built-in bank ([`crate::estimate`]).
pub fn command() -> clap::Command {
    use clap::CommandFactory as _;
    let (full, quick) = match crate::bank::load(&crate::bank::BankSource::BuiltIn) {
        Ok((bank, _)) => (
            crate::estimate::duration(&bank, crate::scoring::Mode::Full),
            crate::estimate::duration(&bank, crate::scoring::Mode::Quick),
        ),
        Err(_) => ("all the questions".into(), "a few minutes".into()),
    };
    let examples = AFTER_HELP
        .replace("{FULL}", &full)
        .replace("{QUICK}", &quick);
    Cli::command().after_help(examples)
}

/// Parses the command line (clap's errors and help exit here, as usual).
/// The bank is read for the estimates only when help is asked for.
pub fn parse() -> Cli {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let help = std::env::args_os()
        .skip(1)
        .any(|a| a == "-h" || a == "--help" || a == "help");
    let matches = if help { command() } else { Cli::command() }.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// A career-path self-assessment for working parents: will your workplace
/// give you a positive "mommy track" (flexibility and advancement), or
/// quietly sideline you?
#[derive(Debug, Parser)]
#[command(name = "mommytrack", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colours: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print long reports straight out instead of through a pager ($PAGER, else less).
    #[arg(long, global = true)]
    pub no_pager: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the assessment: interactively on a terminal, or from an answers file.
    #[command(after_help = "\
Examples:
  mommytrack assess
  mommytrack assess --quick --plain
  mommytrack assess --answers answers.yaml
  mommytrack assess --answers - --format json < answers.json
  mommytrack assess --resume")]
    Assess(AssessArgs),

    /// Re-render a saved JSON result in any format, without the bank.
    #[command(after_help = "\
Examples:
  mommytrack report me.json
  mommytrack report me.json --format html --output me.html --redact")]
    Report {
        /// A result saved with `assess --format json`.
        #[arg(value_name = "RESULT.json")]
        result: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Put two JSON results side by side (you and your partner, you now and a year ago, or your
    /// job and an employer you are considering).
    #[command(after_help = "\
Examples:
  mommytrack compare me.json partner.json
  mommytrack compare me.json partner.json --labels Sam,Alex --format html --output us.html
  mommytrack compare before.json after.json --same-person --format markdown --output change.md
  mommytrack compare current.json acme.json --labels \"My job,Acme\"
  mommytrack compare acme.json birch.json --labels Acme,Birch     two employers you are considering

A result of `assess --prospective` (an employer you are considering) is compared only on the
questions both results answered; what is not known yet is listed first, with what to ask.

Two partners' answers about the home you share are read from one side: \"it leans towards
me\" from one of you and \"it leans towards them\" from the other are the same answer.")]
    Compare {
        #[arg(value_name = "A.json")]
        a: PathBuf,
        #[arg(value_name = "B.json")]
        b: PathBuf,
        /// What to call the two people, or jobs, in the comparison (default: the file names).
        #[arg(long, value_name = "NAME_A,NAME_B", value_parser = crate::compare::parse_labels)]
        labels: Option<(String, String)>,
        /// The two results are one person's, from two times: compare every answer as given,
        /// with no mirroring and no next steps for two.
        #[arg(long)]
        same_person: bool,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Check a question bank and report every problem (default: the built-in bank).
    #[command(after_help = "\
Examples:
  mommytrack validate
  mommytrack validate my-bank/
  mommytrack validate my-bank/ --strict --today 2027-06-01")]
    Validate {
        /// A folder with bank.yaml and one YAML file per question set.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Warnings are errors too (exit 65), for CI.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        links: FollowLinks,
        /// `json`: list the problems as JSON on standard output, for CI and editors.
        #[arg(long, value_enum, default_value_t = crate::authoring::ProblemsFormat::Text, value_name = "FMT")]
        problems: crate::authoring::ProblemsFormat,
        /// Judge the facts' `checked:` dates as of this day instead of today (UTC):
        /// a date more than 12 months before it, or after it, is a warning.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<mommytrack_engine::date::Date>,
    },

    /// Write a starter question bank (bank.yaml, one set, the JSON Schemas) into a new folder.
    #[command(
        after_help = "Example:\n  mommytrack init-bank my-bank && mommytrack validate my-bank"
    )]
    InitBank {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Write into a folder that is not empty (files of the same names are replaced).
        #[arg(long)]
        force: bool,
    },

    /// List the question sets and questions of a bank.
    #[command(after_help = "\
Examples:
  mommytrack questions
  mommytrack questions --bank my-bank/ --format json")]
    Questions {
        #[command(flatten)]
        bank: BankArgs,
        /// text or json.
        #[arg(long, default_value = "text", value_parser = formats(&["text", "json"]))]
        format: Format,
    },

    /// Print an answers file skeleton (YAML) to fill in.
    #[command(after_help = "\
Examples:
  mommytrack template > answers.yaml
  mommytrack template --quick > quick.yaml
  mommytrack template --prospective > employer.yaml")]
    Template {
        #[command(flatten)]
        bank: BankArgs,
        /// Only the core questions.
        #[arg(long)]
        quick: bool,
        /// About an employer you are considering: the interview kit's questions, `null`
        /// meaning "don't know yet".
        #[arg(long, conflicts_with = "quick")]
        prospective: bool,
    },

    /// Summarise many saved results anonymously: counts, means, quartiles, flags, verdicts.
    #[command(after_help = "\
Examples:
  mommytrack summarize results/
  mommytrack summarize results/ --by about_work_pattern --format html --output summary.html")]
    Summarize(SummarizeArgs),

    /// How your results moved between retakes: verdict, scores, flags and next steps.
    #[command(after_help = "\
Examples:
  mommytrack history                         the results saved by your sessions
  mommytrack history old.json new.json --format html --output history.html
  mommytrack history results/ --format json

Without files, reads the results saved in the state folder ($MOMMYTRACK_STATE_DIR, else
$XDG_STATE_HOME/mommytrack, else ~/.local/state/mommytrack). Oldest first, by the day each was
taken, then by file name. Results of different banks are refused; results about a prospective
employer are left out. The bank (built-in, or --bank) tells which next steps each result's
answers still call for.")]
    History {
        /// JSON results, or folders of them (default: the state folder).
        #[arg(value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        bank: BankArgs,
        /// text, markdown, html or json.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Text, value_name = "FMT")]
        format: Format,
        /// Write the history to this file (atomically, readable only by you).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Print the interview kit: what to ask, or find out, about an employer you are considering.
    #[command(after_help = "\
Examples:
  mommytrack interview
  mommytrack interview --from me.json        fitted to you: your family, how you work
  mommytrack interview --format html --output interview-kit.html
  mommytrack assess --prospective            then score what you found out")]
    Interview {
        #[command(flatten)]
        bank: BankArgs,
        /// Fit the kit to the facts about you (and how the work is done) in this saved
        /// result, yours or one about an employer: questions they rule out are left out.
        #[arg(long, value_name = "RESULT")]
        from: Option<PathBuf>,
        /// text, markdown or html.
        #[arg(long, short = 'f', default_value = "text", value_name = "FMT", value_parser = formats(&["text", "markdown", "html"]))]
        format: Format,
        /// Write the kit to this file (atomically, readable only by you).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  mommytrack completions bash > ~/.local/share/bash-completion/completions/mommytrack
  mkdir -p ~/.zfunc && mommytrack completions zsh > ~/.zfunc/_mommytrack")]
    Completions { shell: clap_complete::Shell },

    /// Print the manual page (roff): the whole manual, or one command's page.
    #[command(after_help = "\
Examples:
  mommytrack man > mommytrack.1 && man -l mommytrack.1
  mommytrack man assess > mommytrack-assess.1 && man -l mommytrack-assess.1")]
    Man {
        /// A command, for its own page (mommytrack-assess(1)); without it, mommytrack(1).
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },

    /// Print the JSON Schema of a bank settings file, a question set, an answers file, or of what the tool writes: a result, a comparison, a summary.
    #[command(after_help = "Example:\n  mommytrack schema set > set.schema.json")]
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// JSON results saved with `assess --format json`, or folders of them.
    #[arg(value_name = "RESULT.json", required = true)]
    pub results: Vec<PathBuf>,
    /// Groups with fewer results are not shown (3 at least).
    #[arg(long, default_value_t = crate::summarize::DEFAULT_MIN_GROUP, value_name = "N")]
    pub min_group: usize,
    /// Also summarise each answer to this choice, yesno or scale question apart.
    #[arg(long, value_name = "QUESTION")]
    pub by: Option<String>,
    /// The bank the results come from, for option labels and order and
    /// scale means (default: the built-in one, when the results are its).
    #[command(flatten)]
    pub bank: BankArgs,
    /// text, markdown, html, json or csv.
    #[arg(long, short = 'f', value_enum, default_value_t = crate::export::summary::SummaryFormat::Text, value_name = "FMT")]
    pub format: crate::export::summary::SummaryFormat,
    /// Write the summary to this file (atomically, readable only by you).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Summarise results that were summarised before with another key,
    /// and record this installation's for them: only when that key is
    /// lost and nothing made with it will be published again.
    #[arg(long)]
    pub new_key: bool,
}

/// A `--format` that takes only some of the formats.
fn formats(names: &'static [&str]) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(names).try_map(|s| Format::from_str(&s, false))
}

/// A `YYYY-MM-DD` day that exists.
/// `--taken`: a day that has come (a mistyped year would reorder a
/// history and move the date of the next retake).
fn parse_date(s: &str) -> Result<String, String> {
    use mommytrack_engine::date::Date;
    let day = Date::parse(s).map_err(|e| format!("`{s}` is not a day written YYYY-MM-DD: {e}"))?;
    if day > Date::today_anywhere() {
        return Err(format!(
            "{s} has not come yet (today is {}): give the day you answered the questions; check the year",
            Date::today()
        ));
    }
    Ok(day.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// bank.yaml
    Bank,
    /// A question set file.
    Set,
    /// An answers file.
    Answers,
    /// A result (`assess --format json`).
    Result,
    /// A comparison (`compare --format json`).
    Comparison,
    /// A summary (`summarize --format json`).
    Summary,
    /// A history (`history --format json`).
    History,
}

#[derive(Debug, Args)]
pub struct BankArgs {
    /// Load the question bank from this folder instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub bank: Option<PathBuf>,
    #[command(flatten)]
    pub links: FollowLinks,
}

/// `--follow-links`, on the commands that read a bank folder.
#[derive(Debug, Args)]
pub struct FollowLinks {
    /// Read question set files that are symbolic links to files outside the bank folder
    /// (by default they are refused, so a shared bank cannot make mommytrack read other files).
    #[arg(long)]
    pub follow_links: bool,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// text, markdown, html or json.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text, value_name = "FMT")]
    pub format: Format,
    /// Write the report to this file (atomically, readable only by you) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave free-text answers and notes out, for sharing.
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub bank: BankArgs,
    /// Read answers from this YAML or JSON file (`-` for standard input) instead of asking.
    #[arg(long, short = 'a', value_name = "FILE|-")]
    pub answers: Option<PathBuf>,
    /// Ask only the core questions.
    #[arg(long)]
    pub quick: bool,
    /// About an employer you are considering: ask only the questions of the interview
    /// kit (`mommytrack interview`); "Don't know yet" (or `null` in an answers file) skips.
    #[arg(long, conflicts_with = "quick")]
    pub prospective: bool,
    /// The day the assessment was taken (YYYY-MM-DD), recorded in the result for
    /// `mommytrack history`. A session records today unless given; an answers file run only
    /// when given.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub taken: Option<String>,
    /// Continue the interrupted interactive assessment. Answers are saved as you go in
    /// $MOMMYTRACK_STATE_DIR, else $XDG_STATE_HOME/mommytrack, else ~/.local/state/mommytrack.
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,
    /// Warnings (the bank's, answers to questions not asked) are errors: exit 65.
    #[arg(long)]
    pub strict: bool,
    /// Plain numbered prompts, for screen readers and simple terminals (also used when
    /// TERM=dumb); answers are read as lines, so they can be piped in.
    #[arg(long)]
    pub plain: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[cfg(test)]
#[path = "../tests/unit/cli.rs"]
mod tests;
