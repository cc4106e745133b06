//! Writing files the private way: atomically (a temporary file in the same
//! folder, then a rename) and readable by the owner only (mode 0600), so a
//! failed or interrupted write never leaves a half-written report behind and
//! answers about family and health stay private. And the one guard every
//! command's output goes through: an output never replaces an input (by
//! name, hard link or symbolic link), never lands in an input folder (a
//! bank, a folder of results), and is never written through a link.

use std::io::Write;
// The program is for Unix (the session reads keys through termios), so
// privacy and "same file" are mode bits, devices and inodes.
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Failure, cant_create};

/// Writes `contents` to `path` atomically with mode 0600.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = private_temp(path, contents)?;
    let done = tmp.persist(path).map(drop).map_err(|e| e.error);
    crate::signals::forget_temp();
    done
}

/// Like [`write_private`], but never replaces a file: `AlreadyExists`
/// when `path` is taken, even by a file created a moment before by
/// another mommytrack (the rename refuses to clobber, atomically).
pub fn write_private_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = private_temp(path, contents)?;
    let done = tmp.persist_noclobber(path).map(drop).map_err(|e| e.error);
    crate::signals::forget_temp();
    done
}

/// A temporary file beside `path` holding `contents`, mode 0600, known to
/// the signal handler so that SIGTERM or Ctrl-C during the write removes it.
fn private_temp(path: &Path, contents: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let tmp = tempfile::Builder::new()
        .prefix(".mommytrack-")
        .suffix(".tmp")
        .tempfile_in(folder_of(path))?;
    crate::signals::remember_temp(tmp.path());
    let written = set_private(tmp.as_file())
        .and_then(|()| write_flushed(tmp.as_file(), contents))
        .and_then(|()| tmp.as_file().sync_all());
    if let Err(e) = written {
        crate::signals::forget_temp();
        return Err(e);
    }
    Ok(tmp)
}

fn set_private(file: &std::fs::File) -> std::io::Result<()> {
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

/// The folder `path` is in: `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    (path.parent().filter(|d| !d.as_os_str().is_empty())).unwrap_or(Path::new("."))
}

/// The files and folders this run reads (see [`protect_inputs`]).
static INPUTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Notes the files and folders a command reads, so that no output of this
/// run replaces one or a file inside one, and refuses `output` (exit 73)
/// at once, before any work, if it would. Each command calls it with its
/// inputs: answers files, results, bank folders, folders of results.
pub fn protect_inputs(output: Option<&Path>, inputs: &[&Path]) -> Result<(), Failure> {
    INPUTS.lock().unwrap_or_else(|e| e.into_inner()).extend(
        inputs
            .iter()
            .filter(|p| **p != Path::new("-"))
            .map(|p| p.to_path_buf()),
    );
    output.map_or(Ok(()), refuse_inputs)
}

/// Refuses an output that is a noted input, or a file in a noted folder.
fn refuse_inputs(output: &Path) -> Result<(), Failure> {
    let out = std::fs::metadata(output).ok();
    // Where the output would land: its folder, resolved, and its name.
    let landing = std::fs::canonicalize(folder_of(output))
        .ok()
        .zip(output.file_name())
        .map(|(dir, name)| dir.join(name));
    for input in INPUTS.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        let Ok(meta) = std::fs::metadata(input) else {
            continue;
        };
        let replaces = out.as_ref().is_some_and(|out| same_file(&meta, out));
        // Nor is any file added to an input folder (a new `.yaml` in a bank
        // would be read as a question set, a new result counted), nor one of
        // its files replaced through a hard link elsewhere.
        let inside = meta.is_dir()
            && (std::fs::canonicalize(input)
                .ok()
                .zip(landing.as_ref())
                .is_some_and(|(dir, landing)| landing.starts_with(dir))
                || out.as_ref().is_some_and(|out| {
                    linked(out)
                        && std::fs::read_dir(input).is_ok_and(|mut d| {
                            d.any(|e| {
                                e.and_then(|e| e.metadata())
                                    .is_ok_and(|m| same_file(&m, out))
                            })
                        })
                }));
        if replaces || inside {
            return Err(cant_create(format!(
                "--output {} {} the input {}: writing there would {}; name another file",
                crate::sanitize::path(output),
                if replaces { "is" } else { "is inside" },
                crate::sanitize::path(input),
                if replaces { "replace it" } else { "change it" },
            )));
        }
    }
    Ok(())
}

/// Writes a report to `--output`, mapping failure to exit 73.
///
/// Refused: an input of this run, a file in an input folder (see
/// [`protect_inputs`]) and a symbolic link, whatever it points to (a link
/// planted in a shared folder must not decide where a private report
/// lands, nor make it replace another file). Something that is not a
/// regular file (a pipe, a terminal, `/dev/stdout`, a link to one) is
/// written into, never replaced.
pub fn write_output(path: &Path, contents: &str) -> Result<(), Failure> {
    let contents = contents.as_bytes();
    let shown = crate::sanitize::path(path);
    let fail = |why: String| cant_create(format!("cannot write the report to {shown}: {why}"));
    refuse_inputs(path)?;
    // A link to a special file (`/dev/stdout`) is written into like it.
    let special = |m: &std::fs::Metadata| !m.is_file() && !m.is_dir();
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && !std::fs::metadata(path).is_ok_and(|m| special(&m))
    {
        let to =
            std::fs::read_link(path).map_or_else(|_| "?".into(), |t| crate::sanitize::path(&t));
        let gone = if std::fs::metadata(path).is_err() {
            ", which does not exist"
        } else {
            ""
        };
        return Err(fail(format!(
            "it is a symbolic link to {to}{gone}, and mommytrack does not write through links; name the file itself, or another file"
        )));
    }
    let written = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(fail(
                "it is a folder; name a file in it (with the extension of the format)".into(),
            ));
        }
        Ok(m) if !m.is_file() => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| write_flushed(&f, contents)),
        _ => write_private(path, contents),
    };
    written.map_err(|e| {
        let dir = folder_of(path).display();
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("the folder {dir} does not exist; create it first or name another file")
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("you may not write in {dir}; name a file in a folder of yours")
            }
            kind => format!("{kind}; check the path and the free space"),
        })
    })
}

fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether a file has other names (hard links).
fn linked(m: &std::fs::Metadata) -> bool {
    m.is_file() && m.nlink() > 1
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly.
pub fn print_stdout(contents: &str) -> std::io::Result<()> {
    match write_flushed(std::io::stdout().lock(), contents.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `contents` to `to`, then flushes it.
fn write_flushed(mut to: impl Write, contents: &[u8]) -> std::io::Result<()> {
    to.write_all(contents)?;
    to.flush()
}

#[cfg(test)]
#[path = "../tests/unit/files.rs"]
mod tests;
