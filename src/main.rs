//! The `mommytrack` binary: parse the command line, run it, and map any
//! error to the exit code of CONTRACT §1.

use clap::Parser;

fn main() {
    let cli = mommytrack::cli::Cli::parse();
    if let Err(err) = mommytrack::commands::run(cli) {
        let code = mommytrack::error::exit_code(&err);
        // Problems lists are complete messages; anything else gets a prefix.
        if err.downcast_ref::<mommytrack::error::Problems>().is_some() {
            mommytrack::error::diag(&err);
        } else {
            mommytrack::error::diag(format_args!("mommytrack: {err:#}"));
        }
        std::process::exit(code);
    }
}
