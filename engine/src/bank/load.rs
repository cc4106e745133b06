//! Where a bank comes from: a folder of YAML files (`--bank DIR`) or the
//! built-in bank compiled into the binary.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::model::Bank;
use super::validate::{SourceFile, check_as_of};
use crate::date::Date;
use crate::error::{Failure, Problem, Problems};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin_bank.rs"));
}

/// Where to load a bank from.
#[derive(Debug, Clone)]
pub enum BankSource {
    BuiltIn,
    Dir(PathBuf),
}

impl BankSource {
    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(BankSource::BuiltIn, |d| BankSource::Dir(d.to_path_buf()))
    }

    /// How the bank is named in messages.
    pub fn describe(&self) -> String {
        match self {
            BankSource::BuiltIn => "the built-in bank".into(),
            BankSource::Dir(d) => format!("bank {}", crate::sanitize::path(d)),
        }
    }

    /// Reads the bank's files: `bank.yaml` and the set files in name order.
    pub fn files(&self) -> Result<Vec<SourceFile>, Failure> {
        match self {
            BankSource::BuiltIn => Ok(embedded::BUILTIN_FILES
                .iter()
                .map(|(name, text)| {
                    SourceFile::new(format!("(built-in) questions/{name}"), *name, *text)
                })
                .collect()),
            BankSource::Dir(dir) => read_dir(dir),
        }
    }
}

/// Whether set files that are symbolic links to files outside the bank
/// folder are read (`--follow-links`). Off by default: a bank unpacked
/// from a zip file or a chat could link `10_x.yaml` to a private file,
/// whose text would then be quoted in error messages.
static FOLLOW_LINKS: AtomicBool = AtomicBool::new(false);

/// Sets whether links out of the bank folder are followed (`--follow-links`).
pub fn set_follow_links(follow: bool) {
    FOLLOW_LINKS.store(follow, Ordering::Relaxed);
}

/// The most `.yaml` files a bank folder may hold: one a set, and no
/// questionnaire has a thousand parts.
pub const MAX_FILES: usize = 1_000;
use crate::input::MAX_BANK_BYTES;

fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Failure> {
    let shown = crate::sanitize::path(dir);
    let entries = std::fs::read_dir(dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotADirectory || dir.is_file() {
            Failure::missing(format!(
                "{shown} is a file; --bank takes the folder that holds bank.yaml and the question sets"
            ))
        } else {
            Failure::no_input(dir, &e)
        }
    })?;
    let home = std::fs::canonicalize(dir).map_err(|e| Failure::no_input(dir, &e))?;
    let follow = FOLLOW_LINKS.load(Ordering::Relaxed);
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut outside: Vec<String> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let p = entry.path();
        if p.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link && !follow {
            match std::fs::canonicalize(&p) {
                Ok(target) if target.starts_with(&home) => {}
                Ok(target) => {
                    let (link, to) = (crate::sanitize::path(&p), crate::sanitize::path(&target));
                    outside.push(format!("{link} links to {to}"));
                    continue;
                }
                // A dangling link is not a file: skipped like a folder.
                Err(_) => continue,
            }
        }
        if p.is_file() {
            paths.push(p);
        }
    }
    if !outside.is_empty() {
        outside.sort();
        return Err(Failure::invalid(format!(
            "bank {shown}: set files that are symbolic links out of the bank folder are not read:\n  {}\ncopy the files into the folder, or pass --follow-links if you trust where the links point",
            outside.join("\n  ")
        )));
    }
    paths.sort();
    if paths.len() > MAX_FILES {
        return Err(Failure::invalid(format!(
            "bank {shown} holds {} .yaml files; a bank may hold at most {MAX_FILES}\nis this the right folder? a bank is bank.yaml and one file per question set",
            paths.len()
        )));
    }
    let sizes: Vec<u64> = paths
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let total: u64 = sizes.iter().sum();
    // A file over the cap on its own is named when it is read.
    let each_within = sizes.iter().all(|&s| s <= MAX_BANK_BYTES);
    if total > MAX_BANK_BYTES && each_within {
        return Err(Failure::invalid(format!(
            "bank {shown} holds {:.1} MiB of YAML; a bank may hold at most {} MiB\nsplit it into smaller banks, each with the questions one person is asked",
            total as f64 / (1024.0 * 1024.0),
            MAX_BANK_BYTES / (1024 * 1024)
        )));
    }
    if paths.is_empty() {
        return Err(Failure::invalid(format!(
            "{shown} holds no .yaml files; a bank is a folder with bank.yaml and one .yaml file per question set"
        )));
    }
    paths
        .into_iter()
        .map(|p| {
            let text = crate::input::read_text(&p, MAX_BANK_BYTES)?;
            Ok(SourceFile::new(
                p.display().to_string(),
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text,
            ))
        })
        .collect()
}

/// Makes every text of a bank inert for a terminal once, as it is loaded
/// ([`crate::sanitize`]): titles and labels on one line, descriptions,
/// prompts and help with their line breaks. Ids need nothing: validation
/// allows only `[a-z][a-z0-9_]*`. Every path that prints bank text is
/// then safe, whatever format or prompter prints it, JSON included.
///
/// Each part of the bank is taken apart field by field, without `..`: a
/// field added to the model does not compile until it is named here,
/// cleaned or marked `_` (numbers, ids, conditions on ids).
fn make_inert(bank: &mut Bank) {
    use super::model::{
        Advice, Band, Choice, Flag, Interview, Kind, Prospective, Question, Scale, Set,
        TogetherEntry,
    };
    fn fix(s: &mut String, clean: fn(&str) -> std::borrow::Cow<'_, str>) {
        if let std::borrow::Cow::Owned(clean) = clean(s) {
            *s = clean;
        }
    }
    /// One line: titles, labels.
    fn line(s: &mut String) {
        fix(s, crate::sanitize::inline);
    }
    /// Text with its line breaks.
    fn para(s: &mut String) {
        fix(s, crate::sanitize::text);
    }
    fn band(b: &mut Band) {
        let Band {
            verdict: _,
            min: _,
            label,
            summary,
        } = b;
        line(label);
        summary.iter_mut().for_each(para);
    }
    let Bank {
        title,
        description,
        disclaimer,
        bands,
        flags,
        advice,
        kit,
        together,
        sets,
        questions,
        question_index: _,
        min_coverage: _,
        max_next_steps: _,
        start_here: _,
        overall: _,
        retired: _,
        retired_index: _,
        fingerprint: _,
    } = bank;
    line(title);
    description.iter_mut().chain(disclaimer).for_each(para);
    bands.iter_mut().for_each(band);
    for f in flags {
        let Flag {
            id: _,
            severity: _,
            title,
            group_title,
            detail,
            caps_verdict: _,
            source,
        } = f;
        line(title);
        line(group_title);
        detail.iter_mut().chain(source).for_each(para);
    }
    for a in advice.iter_mut().chain(kit) {
        let Advice {
            id: _,
            title,
            detail,
            priority: _,
            when: _,
            urgent_when: _,
            group: _,
            source,
            checked: _,
        } = a;
        line(title);
        para(detail);
        source.iter_mut().for_each(para);
    }
    for t in together {
        let TogetherEntry {
            id: _,
            title,
            detail,
            priority: _,
            group: _,
            when,
            source,
        } = t;
        line(title);
        para(detail);
        source.iter_mut().for_each(para);
        // Carried into results as written: as a result's strings are read.
        when.iter_mut().for_each(crate::saved::make_inert);
    }
    for set in sets {
        let Set {
            id: _,
            title,
            prospective_title,
            group_title,
            ask_first: _,
            description,
            weight: _,
            min_answered: _,
            shared: _,
            bands,
            source,
            file,
            questions: _,
        } = set;
        line(title);
        line(group_title);
        line(file);
        prospective_title.iter_mut().for_each(line);
        description.iter_mut().chain(source).for_each(para);
        bands.iter_mut().for_each(band);
    }
    for q in questions {
        let Question {
            id: _,
            set: _,
            prompt,
            help,
            kind,
            weight: _,
            core: _,
            lever: _,
            lever_when: _,
            when: _,
            source,
            checked: _,
            shared: _,
            discuss,
            discuss_priority: _,
            interview,
            prospective,
            personal: _,
        } = q;
        para(prompt);
        help.iter_mut().chain(source).chain(discuss).for_each(para);
        match kind {
            Kind::Choice(options) | Kind::Multi(options) => {
                for o in options {
                    let Choice {
                        id: _,
                        label,
                        score: _,
                        flag: _,
                        mirror: _,
                        agrees_with: _,
                    } = o;
                    line(label);
                }
            }
            Kind::Scale(Scale {
                min: _,
                max: _,
                labels,
                reverse: _,
                mirror: _,
            }) => {
                labels.iter_mut().for_each(line);
            }
            Kind::YesNo(_) | Kind::Text => {}
        }
        if let Some(Interview {
            ask,
            good,
            worrying,
        }) = interview
        {
            para(ask);
            good.iter_mut().chain(worrying).for_each(para);
        }
        if let Some(p) = prospective {
            let Prospective {
                prompt,
                help,
                options,
                labels,
                unknown: _,
            } = p;
            para(prompt);
            help.iter_mut().for_each(para);
            options.iter_mut().for_each(|(_, label)| line(label));
            labels.iter_mut().for_each(line);
        }
    }
}

/// Loads and validates a bank. Warnings are returned beside it; errors
/// fail with every problem found.
pub fn load(source: &BankSource) -> anyhow::Result<(Bank, Vec<Problem>)> {
    load_checked(source, None)
}

/// Like [`load`], and makes the author's checks of `checked:` dates as of
/// `today`: what `mommytrack validate` does.
pub fn load_as_of(source: &BankSource, today: Date) -> anyhow::Result<(Bank, Vec<Problem>)> {
    load_checked(source, Some(today))
}

fn load_checked(source: &BankSource, today: Option<Date>) -> anyhow::Result<(Bank, Vec<Problem>)> {
    let (bank, problems) = check_as_of(&source.files()?, today);
    match bank {
        Some(mut bank) => {
            make_inert(&mut bank);
            Ok((bank, problems))
        }
        None => Err(Problems {
            subject: source.describe(),
            problems,
        }
        .into()),
    }
}
