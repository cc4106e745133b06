//! Ctrl-C, SIGTERM and SIGHUP (the `ctrlc` crate with its `termination`
//! feature): a report or result being written when one arrives leaves no
//! `.mommytrack-*.tmp` behind, and the interactive session gets to say how
//! to resume before the program ends.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary file being written, if any.
static TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);
/// What a signal does before the program ends: the interactive session
/// notes it, to end through its own error path (with how to resume) while
/// the handler waits.
static HOOK: Mutex<Option<fn() -> bool>> = Mutex::new(None);

/// How long the handler waits for a session that noted a signal to end on
/// its own (it may be blocked reading a key the signal does not reach).
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Installs the handler once, at start-up. `exit` ends the program (exit
/// code 130) after the temporary file is removed; with a hook set, only
/// when the hook asks for it and the program is still running after
/// [`GRACE`].
pub fn install(exit: fn()) {
    // Installing can fail only if a handler is already installed.
    let _ = ctrlc::set_handler(move || {
        let hook = *HOOK.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hook) = hook {
            if !hook() {
                return;
            }
            std::thread::sleep(GRACE);
        }
        remove_temp();
        exit();
    });
}

/// Makes a signal call `hook` first: it returns whether the program should
/// still end if it has not ended on its own after a grace period.
pub fn on_signal(hook: fn() -> bool) {
    *HOOK.lock().unwrap_or_else(|e| e.into_inner()) = Some(hook);
}

/// Notes the temporary file being written.
pub fn remember_temp(path: &Path) {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.to_path_buf());
}

/// The temporary file was renamed into place or removed.
pub fn forget_temp() {
    *TEMP.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

/// Removes the temporary file being written, if any.
pub fn remove_temp() {
    if let Some(path) = TEMP.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
#[path = "../tests/unit/signals.rs"]
mod tests;
