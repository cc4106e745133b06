//! Writing files the private way: atomically (a temporary file in the same
//! folder, then a rename) and readable by the owner only (mode 0600), so a
//! failed or interrupted write never leaves a half-written report behind and
//! answers about family and health stay private.

use std::io::Write;
use std::path::Path;

use crate::error::{ExitKind, Failure};

/// What a file or standard output receives: written as it is made, so
/// that a large report need not be held in memory whole first.
pub type Contents<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// Writes `contents` to `path` atomically with mode 0600.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_private_with(path, &mut |w| w.write_all(contents))
}

/// Like [`write_private`], with the contents written by `contents`.
fn write_private_with(path: &Path, contents: Contents) -> std::io::Result<()> {
    let tmp = private_temp(path, contents)?;
    let done = tmp.persist(path).map(drop).map_err(|e| e.error);
    crate::signals::forget_temp();
    done
}

/// Like [`write_private`], but never replaces a file: `AlreadyExists`
/// when `path` is taken, even by a file created a moment before by
/// another mommytrack (the rename refuses to clobber, atomically).
pub fn write_private_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = private_temp(path, &mut |w| w.write_all(contents))?;
    let done = tmp.persist_noclobber(path).map(drop).map_err(|e| e.error);
    crate::signals::forget_temp();
    done
}

/// A temporary file beside `path` holding `contents`, mode 0600, known to
/// the signal handler so that SIGTERM or Ctrl-C during the write removes it.
fn private_temp(path: &Path, contents: Contents) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".mommytrack-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    crate::signals::remember_temp(tmp.path());
    let written = set_private(tmp.as_file())
        .and_then(|()| buffered(tmp.as_file(), contents))
        .and_then(|()| tmp.as_file().sync_all());
    if let Err(e) = written {
        crate::signals::forget_temp();
        return Err(e);
    }
    Ok(tmp)
}

#[cfg(unix)]
fn set_private(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Writes a report to `--output`, mapping failure to exit 73.
///
/// A symbolic link is followed, so the link stays a link and its target
/// gets the report. Something that is not a regular file (a pipe, a
/// terminal, `/dev/stdout`) is written into, never replaced.
pub fn write_output(path: &Path, contents: &str) -> Result<(), Failure> {
    write_output_with(path, &mut |w| w.write_all(contents.as_bytes()))
}

/// Like [`write_output`], with the report written by `contents`.
pub fn write_output_with(path: &Path, contents: Contents) -> Result<(), Failure> {
    let fail = |why: String| {
        Failure::new(
            ExitKind::CantCreate,
            format!(
                "cannot write the report to {}: {why}",
                crate::sanitize::path(path)
            ),
        )
    };
    // A link whose target does not exist is refused rather than replaced
    // by a file or followed to create its target: a link planted in a
    // shared folder must not decide where a private report lands.
    if let (Ok(link), Err(_)) = (std::fs::symlink_metadata(path), std::fs::metadata(path)) {
        if link.file_type().is_symlink() {
            let to =
                std::fs::read_link(path).map_or_else(|_| "?".into(), |t| crate::sanitize::path(&t));
            return Err(fail(format!(
                "it is a symbolic link to {to}, which does not exist; remove the link or name another file"
            )));
        }
    }
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let written = match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(fail(
                "it is a folder; name a file in it (with the extension of the format)".into(),
            ));
        }
        Ok(m) if !m.is_file() => std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(|f| buffered(&f, contents)),
        _ => write_private_with(&target, contents),
    };
    written.map_err(|e| {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
            _ => ".".to_string(),
        };
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

/// Refuses (exit 73) an `--output` that is one of the inputs, by name, by
/// a symbolic link or by a hard link: writing the report would replace
/// the answers or the result it was made from.
pub fn refuse_output_over_inputs(output: Option<&Path>, inputs: &[&Path]) -> Result<(), Failure> {
    let Some(output) = output else {
        return Ok(());
    };
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(());
    };
    for input in inputs {
        if input == &Path::new("-") {
            continue;
        }
        if std::fs::metadata(input).is_ok_and(|m| same_file(&m, &out)) {
            return Err(Failure::new(
                ExitKind::CantCreate,
                format!(
                    "--output {} is the input {}: writing the report there would replace it; name another file",
                    crate::sanitize::path(output),
                    crate::sanitize::path(input)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly.
pub fn print_stdout(contents: &str) -> std::io::Result<()> {
    print_stdout_with(&mut |w| w.write_all(contents.as_bytes()))
}

/// Like [`print_stdout`], with the text written by `contents`.
pub fn print_stdout_with(contents: Contents) -> std::io::Result<()> {
    match buffered(std::io::stdout().lock(), contents) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Runs `contents` on `to` through a buffer (a report is written in many
/// small pieces), then flushes it.
fn buffered(to: impl Write, contents: Contents) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, to);
    contents(&mut w)?;
    w.flush()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_atomically_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, "old").unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
