//! The `mommytrack` binary: parse the command line, run it, and map any
//! error to the exit code of CONTRACT §1.

fn main() {
    // Ctrl-C, SIGTERM or SIGHUP: the temporary file of a write in progress
    // is removed, then the program ends as interrupted.
    mommytrack::signals::install(|| {
        std::process::exit(mommytrack::error::ExitKind::Interrupted.code())
    });
    let cli = mommytrack::cli::parse();
    if let Err(err) = mommytrack::commands::run(cli) {
        let code = mommytrack::error::exit_code(&err);
        // Problems in a file (`FILE:LINE:COLUMN: …`, as every command
        // words them) and a stopped session's words to the person are
        // complete messages; anything else gets a prefix.
        let interrupted = code == mommytrack::error::ExitKind::Interrupted.code();
        if interrupted || mommytrack::error::is_located(&err) {
            mommytrack::error::diag(&err);
        } else {
            mommytrack::error::diag(format_args!("mommytrack: {err:#}"));
        }
        std::process::exit(code);
    }
}
