//! The `antom` command line: lint, generate, explain, list, validate and diff the callback spec.
//!
//! The spec reader and the generated-file writer live in `antom_codegen::writer`, shared with
//! `cargo xtask`.

pub mod cli;
mod cmd;
mod output;
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
    let format = match args.format {
        cli::FormatArg::Json => cli::Format::Json,
        cli::FormatArg::Text | cli::FormatArg::Markdown => cli::Format::Text,
    };
    let result = cmd::run(args).or_else(|e| {
        if output::is_broken_pipe(&e) {
            return Err(e);
        }
        let io = e.chain().any(|c| c.is::<std::io::Error>());
        output::Failure {
            kind: if io { "io" } else { "internal" },
            message: cmd::shown(&format!("{e:#}")),
            path: None,
            details: None,
            exit: 2,
        }
        .report(format)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away: stop, as a pipeline expects, without a message.
        Err(e) if output::is_broken_pipe(&e) => ExitCode::from(output::BROKEN_PIPE),
        Err(e) => {
            eprintln!("error: {}", cmd::shown(&format!("{e:#}")));
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
