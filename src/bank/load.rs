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
    pub fn files(&self) -> Result<Vec<SourceFile>, Failure> {
        match self {
            BankSource::BuiltIn => Ok(embedded::BUILTIN_FILES
                .iter()
                .map(|(name, text)| SourceFile {
                    name: format!("(built-in) questions/{name}"),
                    file_name: (*name).to_string(),
                    text: (*text).to_string(),
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
            Ok(SourceFile {
                name: p.display().to_string(),
                file_name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text,
            })
        })
        .collect()
}

/// Loads and validates a bank. Warnings are returned beside it; errors
/// fail with every problem found.
pub fn load(source: &BankSource) -> anyhow::Result<(Bank, Vec<Problem>)> {
    let files = source.files()?;
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
