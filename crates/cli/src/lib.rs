//! The `antom` command line: lint, generate, explain, list, validate and diff the callback spec.
//!
//! The spec reader and the generated-file writer live in `antom_codegen::writer`, shared with
//! `cargo xtask`.

pub mod cli;
mod cmd;
pub mod spec_input;

use std::process::ExitCode;

use clap::Parser;

/// Parses the arguments and runs the command; the exit code follows DESIGN.md.
pub fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cmd::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
