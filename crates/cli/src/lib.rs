//! The `antom` command line: lint, generate, explain, list, validate and diff the callback spec.
//!
//! The spec reader and the generated-file writer live in `antom_codegen::writer`, shared with
//! `cargo xtask`.

pub mod cli;
mod cmd;
pub mod spec_input;

use std::process::ExitCode;

/// Parses the arguments and runs the command; the exit code follows DESIGN.md.
pub fn main() -> ExitCode {
    let mut command = <cli::Cli as clap::CommandFactory>::command();
    // Loading the built-in spec costs a few milliseconds: only `--version` pays for it.
    if std::env::args_os().any(|a| a == "--version" || a == "-V") {
        command = command.version(version_text());
    }
    let args = match <cli::Cli as clap::FromArgMatches>::from_arg_matches(&command.get_matches()) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };
    match cmd::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `antom --version`: the command's own version and the version of the spec built into it.
fn version_text() -> String {
    let own = env!("CARGO_PKG_VERSION");
    match antom_spec::load(&spec_input::embedded()) {
        Ok(spec) => format!(
            "{own} (built-in spec {} {})",
            spec.package.name, spec.package.version
        ),
        Err(_) => format!("{own} (built-in spec: does not load)"),
    }
}
