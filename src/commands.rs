//! The commands (README "Use"), wired from parsed arguments to the engine:
//! input → answers → scoring → result → export → output.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::answers::{self, AnswerSheet};
use crate::bank::{self, Bank, BankSource};
use crate::cli::{AssessArgs, Cli, Command, OutputArgs, SchemaKind};
use crate::compare::{Comparison, Reading};
use crate::error::{Failure, Problem, cant_create, diag};
use crate::export;
use crate::input;
use crate::interactive::state;
use crate::output::{Plan, Terminal, print};
use crate::result::{self, AssessmentResult};
use crate::saved::read_result;
use crate::scoring::Mode;

pub fn run(cli: Cli) -> Result<()> {
    let plan = Plan::new(Terminal::detect(), cli.color).no_pager(cli.no_pager);
    let follow = match &cli.command {
        Command::Assess(a) => a.bank.links.follow_links,
        Command::Questions { bank, .. }
        | Command::Template { bank, .. }
        | Command::Interview { bank, .. }
        | Command::History { bank, .. } => bank.links.follow_links,
        Command::Validate { links, .. } => links.follow_links,
        Command::Summarize(a) => a.bank.links.follow_links,
        _ => false,
    };
    bank::set_follow_links(follow);
    match cli.command {
        Command::Assess(args) => assess(args, plan),
        Command::Report { result, output } => {
            crate::files::protect_inputs(output.output.as_deref(), &[&result])?;
            let r = read_result(&result)?;
            plan_for(plan, output).report(r)
        }
        Command::Compare {
            a,
            b,
            labels,
            same_person,
            output,
        } => {
            crate::files::protect_inputs(output.output.as_deref(), &[&a, &b])?;
            let (ra, rb) = (read_result(&a)?, read_result(&b)?);
            let labels = labels.unwrap_or_else(|| crate::compare::labels(&a, &b));
            compare(ra, rb, labels, same_person, &plan_for(plan, output))
        }
        Command::Validate {
            dir,
            strict,
            problems,
            today,
            ..
        } => print(&crate::authoring::validate(
            dir.as_deref(),
            strict,
            problems,
            today.unwrap_or_else(mommytrack_engine::date::Date::today),
        )?),
        Command::InitBank { dir, force } => print(&crate::authoring::init_bank(&dir, force)?),
        Command::Questions { bank, format } => {
            let bank = load_bank(bank.bank.as_deref())?;
            let out = match format {
                export::Format::Json => export::to_json(&export::listing::questions_json(&bank)),
                _ => export::listing::questions_text(&bank),
            };
            print(&out)
        }
        Command::Template {
            bank: dir,
            quick,
            prospective,
        } => {
            let bank = load_bank(dir.bank.as_deref())?;
            let mode = mode(quick, prospective);
            print(&export::listing::template(&bank, mode, dir.bank.as_deref()))
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut crate::cli::command(), "mommytrack", &mut out);
            print(&String::from_utf8_lossy(&out))
        }
        Command::Man { command } => print(&crate::manual::page(command.as_deref())?),
        Command::Schema { kind } => print(&schema(kind)),
        Command::History {
            paths,
            bank,
            format,
            output,
        } => history(&paths, bank.bank.as_deref(), plan.to(format, output, false)),
        Command::Interview {
            bank,
            from,
            format,
            output,
        } => {
            let inputs: Vec<&Path> = bank.bank.iter().chain(&from).map(|p| p.as_path()).collect();
            crate::files::protect_inputs(output.as_deref(), &inputs)?;
            let bank = load_bank(bank.bank.as_deref())?;
            let fitted = from.map(|path| fitted_kit(&bank, &path)).transpose()?;
            plan.to(format, output, false)
                .draw(&export::kit::document(&bank, fitted.as_ref()))
        }
        Command::Summarize(args) => summarize(args, plan),
    }
}

/// `interview --from RESULT`: the kit fitted to the facts in a saved
/// result of this bank.
fn fitted_kit(bank: &Bank, path: &Path) -> Result<export::kit::Fitted> {
    let r = read_result(path)?;
    let name = crate::sanitize::path(path);
    let sheet = answers::from_result(bank, &r.answers)
        .ok()
        .filter(|_| r.bank.title == bank.title)
        .ok_or_else(|| {
            Failure::invalid(format!(
                "{name} was answered with another question bank (“{}”), so it cannot fit this kit: give that bank with --bank, or run `mommytrack interview` for the whole kit",
                crate::sanitize::text(&r.bank.title)
            ))
        })?;
    // From a result about the job now, how the work is done there is no
    // guide to the next job: its lines stay (review K2).
    let about_an_employer = r.mode() == Some(crate::scoring::Mode::Prospective);
    let fits = crate::scoring::kit_fits(bank, &sheet, about_an_employer);
    Ok(export::kit::Fitted {
        from: name,
        notes: crate::scoring::kit_notes(bank, &sheet),
        fits,
    })
}

/// The bank of `--bank`, or the built-in one; its warnings are for `validate`.
fn load_bank(dir: Option<&Path>) -> Result<Bank> {
    Ok(bank::load(&BankSource::from_option(dir))?.0)
}

/// The mode of `--quick` and `--prospective` (which exclude each other).
fn mode(quick: bool, prospective: bool) -> Mode {
    match (quick, prospective) {
        (true, _) => Mode::Quick,
        (_, true) => Mode::Prospective,
        _ => Mode::Full,
    }
}

/// The plan with the `--format`, `--output` and `--redact` of a command.
fn plan_for(plan: Plan, out: OutputArgs) -> Plan {
    plan.to(out.format, out.output, out.redact)
}

/// `mommytrack history`: the results named (folders for their `*.json`),
/// or those saved in the state folder, as one history. Each file once
/// (`expand` counts a file named twice once).
fn history(paths: &[PathBuf], bank: Option<&Path>, plan: Plan) -> Result<()> {
    let named: Vec<PathBuf> = if paths.is_empty() {
        let Some(dir) = state::state_dir() else {
            return Err(Failure::missing("there is no state folder to read saved results from (set HOME, XDG_STATE_HOME or MOMMYTRACK_STATE_DIR), so name the results: `mommytrack history old.json new.json`").into());
        };
        let found = state::saved_results(&dir);
        if found.is_empty() {
            return Err(Failure::missing(format!(
                "no saved results in {} yet: one is saved there each time you finish `mommytrack assess` on a terminal. To use results saved elsewhere, name them: `mommytrack history old.json new.json`",
                crate::sanitize::path(&dir)
            ))
            .into());
        }
        found
    } else {
        paths.to_vec()
    };
    // Folders for their results, each file once, within the caps on how
    // many and how much, before any is read.
    let found = crate::summarize::expand(&named, crate::history::MAX_BYTES)?.0;
    let not_draft = |p: &PathBuf| p.file_name().is_none_or(|n| n != state::DRAFT_FILE);
    let files: Vec<PathBuf> = (found.into_iter().map(|i| i.path))
        .filter(not_draft)
        .collect();
    // Each result is read and scored again: their number is capped before any is read.
    if files.len() > crate::history::MAX_RESULTS {
        return Err(Failure::usage(format!(
            "{} results to read, more than the {} a history follows; name the latest ones (or a folder of them), or use `mommytrack summarize` for many results",
            files.len(),
            crate::history::MAX_RESULTS
        ))
        .into());
    }
    // No output replaces a result read, or lands in a folder read.
    let mut inputs: Vec<&Path> = paths.iter().chain(&files).map(|p| p.as_path()).collect();
    inputs.extend(bank);
    crate::files::protect_inputs(plan.path.as_deref(), &inputs)?;
    let bank = load_bank(bank)?;
    crate::scoring::rescoring_allowed(&bank, files.len(), 1)?;
    // Read one at a time.
    let results = files.iter().map(|f| {
        let name = crate::sanitize::path(f.file_name().map_or(f.as_path(), Path::new));
        read_result(f).map(|r| (name, r))
    });
    let h = crate::history::history(results, &bank)?;
    match plan.format {
        export::Format::Json => plan.write(&export::to_json(&h)),
        _ => plan.draw(&export::history::document(&h)),
    }
}

fn assess(args: AssessArgs, plan: Plan) -> Result<()> {
    let mode = mode(args.quick, args.prospective);
    // No answers given: ask them, on a terminal (or plain lines with --plain).
    let interactive = args.answers.is_none() && (args.resume || args.plain || plan.term.stdin_tty);
    // A session on a dumb terminal is a plain one, report included.
    let plain = args.plain || (interactive && plan.term.dumb);
    let plan = plan_for(plan.plain(plain), args.output);
    // The bank's folder and the answers file are inputs: no report replaces
    // one or lands among the bank's files.
    let inputs = args.bank.bank.iter().chain(&args.answers);
    let inputs: Vec<&Path> = inputs.map(|p| p.as_path()).collect();
    crate::files::protect_inputs(plan.path.as_deref(), &inputs)?;
    if interactive {
        let session = crate::interactive::Session {
            bank_dir: args.bank.bank,
            mode,
            resume: args.resume,
            taken: args.taken,
        };
        return crate::interactive::run(&session, &plan);
    }
    let source = BankSource::from_option(args.bank.bank.as_deref());
    let (bank, bank_warnings) = bank::load(&source)?;
    if args.strict {
        crate::authoring::strict_failure(source.describe(), bank_warnings)?;
    }
    // Standard input is `<stdin>` in warnings as in errors.
    let (sheet, answers_name) = match &args.answers {
        Some(path) if path != Path::new("-") => {
            let text = input::read_text(path, input::MAX_ANSWERS_BYTES)?;
            let name = path.display().to_string();
            (answers::parse(&bank, &text, path)?, name)
        }
        named => {
            let sheet = read_answers_stdin(&bank, named.is_some())?;
            (sheet, "<stdin>".to_string())
        }
    };
    let (mut result, eval) = result::assess(&bank, &sheet, mode);
    // A scripted run is dated only when asked: the same answers give the
    // same bytes.
    result.taken = args.taken;
    if args.strict {
        let mut ignored = crate::authoring::ignored_problems(&bank, &eval.ignored, &answers_name);
        ignored.extend(sheet.warnings().iter().cloned());
        crate::authoring::strict_failure(format!("answers file {answers_name}"), ignored)?;
    }
    // Answers to retired questions: read as their replacements, or left out.
    for warning in sheet.warnings() {
        diag(warning.clone());
    }
    warn_ignored(&bank, &sheet, &eval.ignored, &answers_name, mode);
    plan.report(result)
}

/// Answers piped into standard input. None at all is a usage error when
/// they were not asked for (no terminal, no `--answers`); with an explicit
/// `--answers -` it is an empty answers file, like any other (exit 65).
fn read_answers_stdin(bank: &Bank, explicit: bool) -> Result<AnswerSheet> {
    let text = input::read_stdin(input::MAX_ANSWERS_BYTES)?;
    if text.trim().is_empty() && !explicit {
        return Err(Failure::usage(
            "no answers: standard input is not a terminal and was empty.\n\
             Pass an answers file with `mommytrack assess --answers answers.yaml`,\n\
             or pipe one in: `cat answers.yaml | mommytrack assess`.\n\
             `mommytrack template > answers.yaml` writes a skeleton to fill in;\n\
             run `mommytrack assess` on a terminal to be asked the questions.",
        )
        .into());
    }
    Ok(answers::parse(bank, &text, Path::new("<stdin>"))?)
}

/// Answers to questions that were not asked (their `when` did not hold)
/// count nowhere and are not an error: each gets a warning on standard
/// error that says which earlier answer made the question not apply.
fn warn_ignored(bank: &Bank, sheet: &AnswerSheet, ignored: &[usize], file: &str, mode: Mode) {
    let (not_core, conditional): (Vec<usize>, Vec<usize>) =
        (ignored.iter()).partition(|&&i| !mode.includes(&bank.questions[i]));
    let warn = |message: String| diag(Problem::new(file, message).warning());
    // A full answers file used with --quick (or --prospective) is normal:
    // one line says so.
    if !not_core.is_empty() {
        let which = match mode {
            Mode::Prospective => {
                "the prospective assessment (--prospective) does not ask (it asks only the interview kit's questions and the facts about you)"
            }
            _ => "the quick assessment (--quick) does not ask",
        };
        let n = not_core.len();
        warn(format!(
            "{n} answers are for questions {which}; they are not used"
        ));
    }
    for &i in conditional.iter().take(MAX_IGNORED_SHOWN) {
        diag(
            Problem::new(file, does_not_apply(bank, sheet, i, mode))
                .at(sheet.place(i))
                .id(&bank.questions[i].id)
                .warning(),
        );
    }
    // A huge answers file could otherwise bury the report in warnings.
    let more = conditional.len().saturating_sub(MAX_IGNORED_SHOWN);
    if more > 0 {
        warn(format!(
            "… and {more} more answers to questions that do not apply because of earlier answers; they are not used"
        ));
    }
}

/// Answers to questions that do not apply, listed one by one; the rest
/// are counted.
const MAX_IGNORED_SHOWN: usize = 20;

/// Why question `q` was not asked, in the words of the earlier answers its
/// condition depends on.
fn does_not_apply(bank: &Bank, sheet: &AnswerSheet, q: usize, mode: Mode) -> String {
    let safe = export::terminal_safe;
    let mut earlier = Vec::new();
    if let Some(when) = &bank.questions[q].when {
        when.referenced_questions(&mut earlier);
    }
    earlier.sort_unstable();
    earlier.dedup();
    // At most three, the rest counted: a condition may name hundreds.
    const SHOWN: usize = 3;
    let reasons: Vec<String> = (earlier.iter().take(SHOWN))
        .map(|&e| {
            // In the words of the questions asked (about an employer, too).
            let worded = bank.questions[e].worded(mode == Mode::Prospective);
            let question = &*worded;
            let prompt = safe(&answers::shorten(question.prompt.trim(), 70));
            match sheet.get(e) {
                _ if mode == Mode::Quick && !question.core => {
                    format!("\"{prompt}\", which the quick assessment does not ask")
                }
                Some(a) => format!(
                    "your answer \"{}\" to \"{prompt}\"",
                    safe(&a.label(question))
                ),
                None => format!("\"{prompt}\", which you did not answer"),
            }
        })
        .collect();
    let because = match earlier.len() {
        0 => "your other answers".to_string(),
        n if n > SHOWN => format!(
            "{}, and {} more of your answers",
            reasons.join(", "),
            n - SHOWN
        ),
        _ => reasons.join(" and "),
    };
    format!(
        "answered, but this question does not apply because of {because}, so this answer is not used; if that earlier answer is right, there is nothing to change"
    )
}

/// Compares two saved results and writes the comparison out. Results from
/// different banks are still compared, by id, with a warning.
fn compare(
    mut a: AssessmentResult,
    mut b: AssessmentResult,
    (la, lb): (String, String),
    same_person: bool,
    plan: &Plan,
) -> Result<()> {
    if plan.redact {
        a.redact();
        b.redact();
    }
    if !same_person {
        // Results saved before results carried mirrors: read them with the
        // built-in bank's, when that is their bank.
        let old = |r: &AssessmentResult| {
            let mut questions = r.dimensions.iter().flat_map(|d| &d.questions);
            r.together_entries.is_empty() && !questions.any(|q| q.shared)
        };
        if (old(&a) || old(&b))
            && let Ok((bank, _)) = bank::load(&BankSource::BuiltIn)
        {
            for (r, label) in [(&mut a, &la), (&mut b, &lb)] {
                if mommytrack_engine::couple::fill_from_bank(r, &bank) {
                    diag(format_args!(
                        "note: {} was saved by an earlier mommytrack; its answers about your home are read with this version's mirrors and next steps for two",
                        export::terminal_safe(label)
                    ));
                }
            }
        }
    }
    let comparison = match same_person {
        true => Comparison::read_as(&a, &b, &la, &lb, Reading::SamePerson),
        false => Comparison::new(&a, &b, &la, &lb),
    };
    let (la, lb) = (export::terminal_safe(&la), export::terminal_safe(&lb));
    if !comparison.same_bank {
        diag(format_args!(
            "warning: {la} and {lb} come from different question banks (\"{}\" and \"{}\"); only the dimensions and questions they share are compared",
            export::terminal_safe(&a.bank.title),
            export::terminal_safe(&b.bank.title)
        ));
    }
    // A prospective job is compared only on what both answered: nothing
    // shows as not answered there.
    if a.mode != b.mode && comparison.reading != Reading::Prospective {
        diag(format_args!(
            "warning: {la} is a {} assessment and {lb} a {} one; questions asked in only one of them show as not answered in the other",
            export::terminal_safe(&a.mode),
            export::terminal_safe(&b.mode)
        ));
    }
    plan.comparison(&comparison)
}

fn schema(kind: SchemaKind) -> String {
    use bank::schema::SchemaKind as K;
    export::to_json(&bank::schema::schema(match kind {
        SchemaKind::Bank => K::Bank,
        SchemaKind::Set => K::Set,
        SchemaKind::Answers => K::Answers,
        SchemaKind::Result => K::Result,
        SchemaKind::Comparison => K::Comparison,
        SchemaKind::Summary => K::Summary,
        SchemaKind::History => K::History,
    }))
}

/// The installation's secret for summaries (docs/summaries.md, "Noise"):
/// `summary-key` in the state folder, made on first use (mode 0600, from
/// the system's randomness), never printed. Every result's perturbation
/// is drawn with it, so it must stay the same from one summary to the
/// next, and unknown to anyone else.
fn summary_key() -> Result<([u64; 2], Option<PathBuf>)> {
    let dir = state::state_dir().ok_or_else(|| {
        cant_create("there is no state folder to keep the summaries' secret key in (set HOME, XDG_STATE_HOME or MOMMYTRACK_STATE_DIR)")
    })?;
    state::check_dir(&dir)?;
    let path = dir.join("summary-key");
    let shown = crate::sanitize::path(&path);
    let mut created = false;
    if !path.exists() {
        let key = format!("{}\n", state::fresh_secret());
        let made = state::ensure_dir(&dir)
            .and_then(|()| crate::files::write_private_new(&path, key.as_bytes()));
        match made {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                let why = format!("the summaries' secret key could not be made at {shown}: {e}");
                return Err(cant_create(why).into());
            }
            made => created = made.is_ok(),
        }
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let half =
        |r: std::ops::Range<usize>| text.get(r).and_then(|h| u64::from_str_radix(h, 16).ok());
    match (half(0..16), half(16..32)) {
        (Some(a), Some(b)) if text.trim().len() == 32 => Ok(([a, b], created.then_some(path))),
        _ => Err(Failure::invalid(format!("the summaries' secret key {shown} is damaged; restore it from a backup (a new key would give every result new noise, which someone holding summaries made with both keys could average away)")).into()),
    }
}

/// The file in a results folder that records which summary key its
/// results are summarised with (the key's id, never the key).
const BOUND: &str = ".mommytrack-summary-key-id";

/// The folders a summary's results are in (each folder named, and the
/// real folder of every result file: a link is followed to its file, so a
/// folder of links to results bound elsewhere does not escape), each
/// once, and the key id each records, if any. Refuses (65) a folder bound
/// to another key than `ours` (`fresh`: made by this run, so not yet kept),
/// unless `new_key`.
fn bound_folders(
    results: &[PathBuf],
    inputs: &[crate::summarize::Input],
    (ours, fresh): (&str, bool),
    new_key: bool,
) -> Result<Vec<(PathBuf, Option<String>)>> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<(PathBuf, Option<String>)> = Vec::new();
    for p in results.iter().chain(inputs.iter().map(|i| &i.path)) {
        let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let dir = match real.is_dir() {
            true => real,
            false => crate::files::folder_of(&real).to_path_buf(),
        };
        if !seen.insert(dir.clone()) {
            continue;
        }
        // The id on its first line ("key 3f9a0c12"); a file that is not a
        // small text file is another key's record too, damaged.
        let marker = dir.join(BOUND);
        let theirs = marker.is_file().then(|| {
            use std::io::Read as _;
            let mut text = String::new();
            let _ = std::fs::File::open(&marker).and_then(|f| f.take(64).read_to_string(&mut text));
            let id = text.lines().next().unwrap_or("").trim_start_matches("key ");
            crate::sanitize::terminal_safe(id.trim()).to_string()
        });
        if let Some(theirs) = theirs.as_deref().filter(|t| *t != ours && !new_key) {
            let ours = match fresh {
                true => "this installation has no summary key yet".to_string(),
                false => format!("this installation's key is {ours}"),
            };
            return Err(Failure::invalid(format!(
                "the results in {} were summarised before with summary key {theirs}, and {ours}: two summaries of the same people with two keys can be pooled to undo the noise that protects each of them. Make this summary where key {theirs} is kept, or copy that key here (docs/summaries.md, \u{201c}Keep the key\u{201d}); if it is lost and nothing made with it will be published again, run again with --new-key",
                crate::sanitize::path(&dir)
            ))
            .into());
        }
        out.push((dir, theirs));
    }
    Ok(out)
}

/// Records in each folder of a summary's results the key it was made
/// with, where none is recorded yet (or another, with `--new-key`); says
/// what it did on standard error.
fn bind_folders(folders: &[(PathBuf, Option<String>)], ours: &str) {
    for (dir, theirs) in folders {
        if theirs.as_deref() == Some(ours) {
            continue;
        }
        let shown = crate::sanitize::path(&dir.join(BOUND));
        let text = format!(
            "key {ours}\n# The results in this folder are summarised with mommytrack's summary key of this id (not the key itself). A summary made with another key is refused: two summaries of the same people with two keys could be pooled to undo the noise that protects each of them (docs/summaries.md, \"Keep the key\").\n"
        );
        let written = crate::files::write_private(&dir.join(BOUND), text.as_bytes());
        match (written, theirs) {
            (Err(e), _) => diag(format_args!(
                "warning: could not record the summary key in {shown} ({e}): a summary of these results made with another key will not be refused"
            )),
            (Ok(()), None) => diag(format_args!(
                "note: {shown} records that these results are summarised with key {ours}; another key will be refused"
            )),
            (Ok(()), Some(theirs)) => diag(format_args!(
                "warning: these results are now summarised with key {ours} instead of {theirs} ({shown}): never publish a summary made with key {theirs} beside one made with {ours}"
            )),
        }
    }
}

/// `mommytrack summarize`: refuses an `--output` that is one of the
/// results (exit 73, before anything is read), then summarises with the
/// bank the results were made with (`--bank`, or the built-in one), which
/// every result is checked against, warns of files skipped as not
/// results, and writes the summary.
fn summarize(args: crate::cli::SummarizeArgs, plan: Plan) -> Result<()> {
    // The result files, found once: for the output check and the key's record.
    let found = crate::summarize::expand(&args.results, crate::summarize::MAX_TOTAL_BYTES)?;
    let mut inputs: Vec<&Path> = args.results.iter().map(PathBuf::as_path).collect();
    inputs.extend(found.0.iter().map(|i| i.path.as_path()));
    crate::files::protect_inputs(args.output.as_deref(), &inputs)?;
    let source = BankSource::from_option(args.bank.bank.as_deref());
    let (bank, _) = bank::load(&source)?;
    // Each result is scored once, and once more in full if it was not.
    crate::scoring::rescoring_allowed(&bank, found.0.len(), 2)?;
    let (secret, made) = summary_key()?;
    let key_id = crate::summarize::key_id(secret);
    let options = crate::summarize::Options {
        secret,
        min_group: args.min_group,
        by: args.by,
        bank,
        bank_named: args.bank.bank.as_ref().map(|_| source.describe()),
    };
    let fresh = (&key_id[..], made.is_some());
    let done = bound_folders(&args.results, &found.0, fresh, args.new_key)
        .and_then(|folders| Ok((folders, crate::summarize::summarize(found, options)?)));
    // A key is made only by a run that gives a summary, and said so.
    if let Some(path) = made {
        if done.is_err() {
            let _ = std::fs::remove_file(&path);
        } else {
            diag(format_args!(
                "note: made a new summary key at {} (key id {}); keep it, and make every summary of a group with this one key (docs/summaries.md, \u{201c}Keep the key\u{201d})",
                crate::sanitize::path(&path),
                key_id
            ));
        }
    }
    let (folders, done) = done?;
    for w in done.warnings {
        diag(format_args!("warning: {w}"));
    }
    bind_folders(&folders, &key_id);
    // Text fits the terminal it is shown on, in no colour; a file or a
    // pipe gets 100 columns.
    let plan = plan.to(export::Format::Text, args.output.clone(), false);
    let o = export::RenderOptions {
        color: false,
        ..plan.render_options()
    };
    let doc = export::summary::render(&done.summary, args.format, &o);
    match &args.output {
        Some(path) => Ok(crate::files::write_output(path, &doc)?),
        None => print(&doc),
    }
}
