//! Where a bank comes from: a folder of YAML files (`--bank DIR`) or the
//! built-in bank compiled into the binary.

use std::path::{Path, PathBuf};

use super::model::Bank;
use super::validate::{SourceFile, check};
use crate::error::{ExitKind, Failure, Problem, Problems};

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
            BankSource::Dir(d) => format!("bank {}", d.display()),
        }
    }

    /// Reads the bank's files: `bank.yaml` and the set files in name order.
    /// The built-in bank comes with its build-time JSON form unless
    /// `thorough`, which reads its YAML as any bank's.
    pub fn files(&self, thorough: bool) -> Result<Vec<SourceFile>, Failure> {
        match self {
            BankSource::BuiltIn => Ok(embedded::BUILTIN_FILES
                .iter()
                .map(|(name, text, json)| {
                    SourceFile::new(format!("(built-in) questions/{name}"), *name, *text)
                        .with_json(if thorough { None } else { *json })
                })
                .collect()),
            BankSource::Dir(dir) => read_dir(dir),
        }
    }
}

fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotADirectory || dir.is_file() {
            Failure::new(
                ExitKind::NoInput,
                format!(
                    "{} is a file; --bank takes the folder that holds bank.yaml and the question sets",
                    dir.display()
                ),
            )
        } else {
            Failure::no_input(dir, &e)
        }
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::invalid(format!(
            "{} holds no .yaml files; a bank is a folder with bank.yaml and one .yaml file per question set",
            dir.display()
        )));
    }
    paths
        .into_iter()
        .map(|p| {
            let text = crate::input::read_text(&p)?;
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

/// Loads and validates a bank. Warnings are returned beside it; errors
/// fail with every problem found.
pub fn load(source: &BankSource) -> anyhow::Result<(Bank, Vec<Problem>)> {
    load_files(source, source.files(false)?)
}

/// Like [`load`], but reads the built-in bank's YAML too, so that every
/// check (unknown keys, types) runs on it: what `mommytrack validate` does.
pub fn load_thorough(source: &BankSource) -> anyhow::Result<(Bank, Vec<Problem>)> {
    load_files(source, source.files(true)?)
}

fn load_files(source: &BankSource, files: Vec<SourceFile>) -> anyhow::Result<(Bank, Vec<Problem>)> {
    let (bank, problems) = check(&files);
    match bank {
        Some(bank) => Ok((bank, problems)),
        None => Err(Problems {
            subject: source.describe(),
            problems,
        }
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in file has its pre-parsed form; without it start-up
    /// silently falls back to the slow YAML parse.
    #[test]
    fn every_built_in_file_is_embedded_with_its_json_form() {
        assert!(!embedded::BUILTIN_FILES.is_empty(), "questions/ is empty");
        for (name, _, json) in embedded::BUILTIN_FILES {
            assert!(json.is_some(), "{name} has no JSON form");
        }
    }
}
