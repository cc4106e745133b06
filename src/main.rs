//! The `mommytrack` binary: parse the command line, run it, and map any
//! error to the exit code of CONTRACT §1.

fn main() {
    let cli = mommytrack::cli::parse();
    if let Err(err) = mommytrack::commands::run(cli) {
        let code = mommytrack::error::exit_code(&err);
        // Problems lists and a stopped session's words to the person are
        // complete messages; anything else gets a prefix.
        let interrupted = code == mommytrack::error::ExitKind::Interrupted.code();
        if interrupted || err.downcast_ref::<mommytrack::error::Problems>().is_some() {
            eprintln!("{err}");
        } else {
            eprintln!("mommytrack: {err:#}");
        }
        std::process::exit(code);
    }
}
