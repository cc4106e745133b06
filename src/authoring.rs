//! Tools for bank authors: `validate` (with `--strict` and a
//! machine-readable `--problems json` for CI) and `init-bank`, which writes
//! a starter bank whose `$schema` lines work where it is.

use std::path::Path;

use anyhow::Result;

use crate::bank::{self, BankSource};
use crate::error::{Failure, Problem, Problems, cant_create};
use crate::export::count;
use mommytrack_engine::date::Date;

/// How `validate` lists problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProblemsFormat {
    /// One line a problem on standard error (the default).
    Text,
    /// A JSON list on standard output: file, line, column, id, message, hint, severity.
    Json,
}

/// The problems as `--problems json` lists them: file, line, column, id,
/// message, hint and severity (`error` or `warning`).
pub fn problems_json(problems: &[Problem]) -> String {
    let list: Vec<serde_json::Value> = (problems.iter())
        .map(|p| {
            serde_json::json!({
                "file": p.file.display().to_string(),
                "line": p.line,
                "column": p.column,
                "id": p.id,
                "message": p.message,
                "hint": p.hint,
                "severity": if p.warning { "warning" } else { "error" },
            })
        })
        .collect();
    crate::export::to_json(&list)
}

/// What `validate` found: the summary line for standard output, or the
/// problems that make it fail. With `strict`, warnings fail it too.
/// With `ProblemsFormat::Json` the returned text is the JSON list.
/// `checked:` dates are judged as of `today`: more than 12 months old, or
/// in the future, is a warning.
pub fn validate(
    dir: Option<&Path>,
    strict: bool,
    format: ProblemsFormat,
    today: Date,
) -> Result<String> {
    let source = BankSource::from_option(dir);
    let (bank, mut problems) = match bank::load_as_of(&source, today) {
        Ok((bank, warnings)) => (Some(bank), warnings),
        Err(e) => match e.downcast::<Problems>() {
            Ok(p) => (None, p.problems),
            Err(e) => {
                // A folder that cannot be read is still one problem in the
                // list a tool expects.
                if format == ProblemsFormat::Json {
                    let where_ = dir.map_or_else(|| source.describe(), |d| d.display().to_string());
                    let p = Problem::new(where_, format!("{e:#}"));
                    crate::files::print_stdout(&problems_json(&[p]))?;
                }
                return Err(e);
            }
        },
    };
    // The bank's check lists them in file, line and column order.
    let errors = problems.iter().filter(|p| !p.warning).count();
    let fails = errors > 0 || (strict && !problems.is_empty());
    if format == ProblemsFormat::Json {
        crate::files::print_stdout(&problems_json(&problems))?;
        if fails {
            let strict = if strict {
                " (--strict: warnings count)"
            } else {
                ""
            };
            let n = count(problems.len(), "problem", "problems");
            return Err(Failure::invalid(format!("{} has {n}{strict}", source.describe())).into());
        }
        return Ok(String::new());
    }
    if fails {
        // With --strict, the warnings are errors too.
        problems.iter_mut().for_each(|p| p.warning &= !strict);
        return Err(Problems {
            subject: source.describe(),
            problems,
        }
        .into());
    }
    for w in &problems {
        crate::error::diag(w);
    }
    let Some(bank) = bank else {
        return Err(Failure::invalid("the bank did not load").into());
    };
    let core = bank.questions.iter().filter(|q| q.core).count();
    Ok(format!(
        "{} is valid: {}, {} ({core} core), {}, {}{}\n",
        source.describe(),
        count(bank.sets.len(), "set", "sets"),
        count(bank.questions.len(), "question", "questions"),
        count(bank.flags.len(), "flag", "flags"),
        count(bank.advice.len(), "advice entry", "advice entries"),
        match problems.len() {
            0 => String::new(),
            n => format!(", {}", count(n, "warning", "warnings")),
        }
    ))
}

/// `assess --strict`: warnings (the bank's, and answers to questions that
/// were not asked) are errors.
pub fn strict_failure(subject: String, mut warnings: Vec<Problem>) -> Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    for w in &mut warnings {
        w.warning = false;
        w.hint = Some(match w.hint.take() {
            Some(h) => format!("{h} (an error because of --strict)"),
            None => "an error because of --strict".into(),
        });
    }
    Err(Problems {
        subject,
        problems: warnings,
    }
    .into())
}

/// Answers to questions that were not asked, as warnings.
pub fn ignored_problems(bank: &bank::Bank, ignored: &[usize], file: &str) -> Vec<Problem> {
    ignored
        .iter()
        .map(|&i| {
            Problem::new(
                file,
                "answered but not asked (not core in --quick, or its `when` does not hold); the answer is ignored",
            )
            .id(&bank.questions[i].id)
            .warning()
        })
        .collect()
}

const STARTER_BANK: &str = include_str!("authoring/starter_bank.yaml");
const STARTER_SET: &str = include_str!("authoring/starter_set.yaml");

/// `init-bank DIR`: a starter bank (bank.yaml and one set) with the JSON
/// Schemas beside it in `DIR/schema/`, so that the files' `$schema` lines
/// work wherever the folder is. Refuses a folder that is not empty unless
/// `force`; then only the starter files are (re)written.
pub fn init_bank(dir: &Path, force: bool) -> Result<String> {
    let shown = crate::sanitize::path(dir);
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() && !force {
            return Err(cant_create(format!(
                "{shown} is not empty; name a new folder, or add --force to write the starter files into it (files of the same names are replaced)"
            ))
            .into());
        }
    } else if dir.exists() {
        return Err(cant_create(format!("{shown} is not a folder; name a new folder")).into());
    }
    use crate::bank::schema::{SchemaKind, schema};
    let json = |kind| crate::export::to_json(&schema(kind));
    let files = [
        ("bank.yaml", STARTER_BANK.to_string()),
        ("10_workplace.yaml", STARTER_SET.to_string()),
        ("schema/bank.schema.json", json(SchemaKind::Bank)),
        ("schema/set.schema.json", json(SchemaKind::Set)),
        ("schema/answers.schema.json", json(SchemaKind::Answers)),
    ];
    // Every target is checked before the first write, so a refusal leaves
    // the folder as it was: a link (the folder itself, `schema`, or a file)
    // would take the files somewhere else, and a folder cannot be replaced.
    let targets = [dir.to_path_buf(), dir.join("schema")]
        .into_iter()
        .chain(files.iter().map(|(name, _)| dir.join(name)));
    for (k, path) in targets.enumerate() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let why = if meta.file_type().is_symlink() {
            "is a symbolic link, and mommytrack does not write through links; remove the link or name a new folder"
        } else if k > 1 && meta.is_dir() {
            "is a folder where a starter file belongs; move it away or name a new folder"
        } else if k == 1 && !meta.is_dir() {
            "is a file where the schema folder belongs; move it away or name a new folder"
        } else {
            continue;
        };
        let path = crate::sanitize::path(&path);
        return Err(cant_create(format!("cannot write the starter bank: {path} {why}")).into());
    }
    let create = |path: &Path| {
        std::fs::create_dir_all(path).map_err(|e| {
            cant_create(format!(
                "cannot create the folder {}: {e}",
                crate::sanitize::path(path)
            ))
        })
    };
    create(&dir.join("schema"))?;
    for (name, text) in &files {
        crate::files::write_output(&dir.join(name), text)?;
    }
    // Pasted as printed: quoted for the shell, no control characters.
    let d = crate::export::listing::shell_quote(&dir.display().to_string());
    Ok(format!(
        "Wrote a starter bank to {d}: bank.yaml, 10_workplace.yaml and the JSON Schemas in {d}/schema/.\n\
         Next:\n  mommytrack validate {d}\n  mommytrack template --bank {d} > answers.yaml\n  \
         mommytrack assess --bank {d} --answers answers.yaml\n\
         See docs/question-banks.md for every field.\n"
    ))
}
