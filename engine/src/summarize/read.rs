//! Reading the results named: folders expanded, each file once (by its
//! identity), each result once (by its answers, [`Digest::identity`]), files in folders that are not results
//! skipped with a warning, parsed in parallel batches and folded in file
//! order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::digest::{self, Checked, Digest};
use super::{Options, Summarizer, Summary};
use crate::error::{ExitKind, Failure, thousands};

/// One file to read: where it was named, and whether it was found in a
/// folder (then a file that is not a result is skipped, not refused).
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub in_folder: bool,
    /// Its size when it was listed.
    pub bytes: u64,
}

/// A file's identity: the same file, however it is reached, has one.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata, _: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata, path: &Path) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .hash(&mut h);
    (0, h.finish())
}

/// The most result files one `summarize` reads, and their size in all,
/// both checked before the first is read: within them a summary takes
/// under a second (10,000 results of the built-in bank are about 550 MiB).
/// `history`, which scores each result again, reads at most
/// [`crate::history::MAX_BYTES`].
pub const MAX_FILES: usize = 10_000;
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// The result files named: files as they are, folders for their `*.json`
/// files (in name order, not descending further). Each file once, by
/// identity; returns the files and how many were dropped as the same file.
/// More than [`MAX_FILES`] files or `max_bytes` in all is refused (exit 2)
/// before any is read.
pub fn expand(paths: &[PathBuf], max_bytes: u64) -> Result<(Vec<Input>, usize), Failure> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut same = 0;
    let mut bytes = 0u64;
    let mut push = |path: PathBuf, named: &Path, out: &mut Vec<Input>| -> Result<(), Failure> {
        let in_folder = path != named;
        let meta = std::fs::metadata(&path).map_err(|e| Failure::no_input(&path, &e))?;
        if seen.insert(identity(&meta, &path)) {
            bytes += meta.len();
            out.push(Input {
                path,
                in_folder,
                bytes: meta.len(),
            });
        } else {
            same += 1;
        }
        if out.len() > MAX_FILES || bytes > max_bytes {
            return Err(Failure::usage(format!(
                "more results than one run reads: {} files, {} MiB counting {}; a run reads \
                     at most {} files and {} MiB in all (a result of the built-in bank is about 55 KiB); \
                     name fewer, or a folder at a time",
                thousands(out.len()),
                thousands(bytes.div_ceil(1 << 20) as usize),
                crate::sanitize::path(named),
                thousands(MAX_FILES),
                max_bytes >> 20
            )));
        }
        Ok(())
    };
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| Failure::no_input(p, &e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|e| e == "json") && f.is_file())
                .collect();
            found.sort();
            for f in found {
                push(f, p, &mut out)?;
            }
        } else {
            push(p.clone(), p, &mut out)?;
        }
    }
    Ok((out, same))
}

/// A summary of the results named, and the warnings to print (files
/// skipped as not results).
pub struct Outcome {
    pub summary: Summary,
    pub warnings: Vec<String>,
}

/// What reading one file gave.
enum Read {
    /// Its identity (and record key), and the result as its answers give it.
    Result(u64, Box<Checked>),
    NotAResult(String),
}

/// Reads every result found by [`expand`] (the files, and how many were
/// the same file), each once, one at a time, and summarises them.
pub fn summarize((files, same): (Vec<Input>, usize), options: Options) -> anyhow::Result<Outcome> {
    let mut s = Summarizer::new(options)?;
    s.duplicates += same;
    let mut warnings = Vec::new();
    // Each result's identity.
    let mut seen: HashSet<u64> = HashSet::new();
    // Two readers a core: reading a file waits on the disk as often as it
    // parses, and a busy machine shares its cores by thread.
    let workers = std::thread::available_parallelism().map_or(2, |n| (2 * n.get()).min(8));
    // Batches are read and parsed on every core, then folded in file
    // order, so the output does not depend on the threads and at most one
    // batch of digests is held at a time.
    for batch in files.chunks(BATCH) {
        // Fewer readers when the files are large, so that the results
        // being parsed at once stay within [`IN_FLIGHT`] bytes.
        let largest = batch.iter().map(|i| i.bytes).max().unwrap_or(1).max(1);
        let workers = workers.min(usize::try_from(IN_FLIGHT / largest).unwrap_or(1).max(1));
        let per = batch.len().div_ceil(workers);
        let o = &s.options;
        // The first file refused: the files after it are not read (the
        // run stops there), the files before it all are.
        let first_bad = &AtomicUsize::new(usize::MAX);
        let digests: Vec<Result<Read, Failure>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(per)
                .enumerate()
                .map(|(n, part)| {
                    scope.spawn(move || {
                        let mut out = Vec::with_capacity(part.len());
                        for (k, i) in part.iter().enumerate() {
                            let at = n * per + k;
                            if at > first_bad.load(Ordering::Relaxed) {
                                break;
                            }
                            let r = read(i, o);
                            if r.is_err() {
                                first_bad.fetch_min(at, Ordering::Relaxed);
                            }
                            out.push(r);
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![Err(Failure::invalid(
                            "a result could not be read (internal error)",
                        ))]
                    })
                })
                .collect()
        });
        // A reader that stopped after a refused file left fewer digests,
        // but only after that file: the fold ends there.
        for (input, digest) in batch.iter().zip(digests) {
            let name = crate::sanitize::path(&input.path);
            match digest? {
                Read::NotAResult(what) => {
                    warnings.push(format!("{name}: skipped: {what}, not a mommytrack result"));
                    s.skipped += 1;
                }
                // The same result again is counted once.
                Read::Result(identity, ..) if !seen.insert(identity) => s.duplicates += 1,
                Read::Result(identity, r) => {
                    s.rescored += usize::from(r.again);
                    s.add(*r, identity);
                }
            }
        }
    }
    Ok(Outcome {
        summary: s.finish()?,
        warnings,
    })
}

/// Results read and parsed at a time (in parallel), before they are folded in.
const BATCH: usize = 256;
/// The bytes of results parsed at once, at most (or one file, when larger):
/// a result of tiny items costs a few times its size while it is checked.
const IN_FLIGHT: u64 = 24 * 1024 * 1024;

fn read(input: &Input, o: &Options) -> Result<Read, Failure> {
    let name = crate::sanitize::path(&input.path);
    let text = match crate::input::read_text(&input.path, crate::input::MAX_RESULT_BYTES) {
        Ok(t) => t,
        Err(e) if input.in_folder && e.kind == ExitKind::InvalidData => {
            return Ok(Read::NotAResult("not a text file this size".into()));
        }
        Err(e) => return Err(e),
    };
    match Digest::read(&text, &name, &o.bank, o.bank_named.as_deref()) {
        Ok(r) => Ok(Read::Result(
            digest::identity(&o.bank, &r.sheet, &r.eval, o.secret),
            Box::new(r),
        )),
        Err(e) if input.in_folder => match digest::not_a_result(&text) {
            Some(what) => Ok(Read::NotAResult(what)),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}
