//! The `antom` command line: lint, generate, explain, list, validate and diff the callback spec.
//!
//! The spec reader and the generated-file writer live in `antom_codegen::writer`, shared with
//! `cargo xtask`.

pub mod cli;
mod cmd;
mod output;
pub mod spec_input;

use std::ffi::OsString;
use std::process::ExitCode;

/// Parses the arguments and runs the command; the exit code follows DESIGN.md.
pub fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    let mut command = <cli::Cli as clap::CommandFactory>::command();
    // Loading the built-in spec costs a few milliseconds: only `--version` pays for it.
    if raw.iter().any(|a| a == "--version" || a == "-V") {
        command = command.version(version_text());
    }
    let parsed = command
        .clone()
        .try_get_matches_from(&raw)
        .and_then(|m| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => return argument_error(command, &raw, &e),
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
    // What is still buffered is written now, so that a full disk is an error, not a silent loss.
    let result = result.and_then(|code| Ok(output::flush_stdout().map(|()| code)?));
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

/// What clap could not parse, or `--help`/`--version`. Help and the version go to stdout, and a
/// failed write is an error (exit 141 on a closed pipe, 2 otherwise). An argument error is one
/// JSON document on stdout when the raw arguments ask for `--format json`, else text on stderr;
/// either way exit 2, and every argument it echoes is escaped and its card numbers masked.
fn argument_error(command: clap::Command, raw: &[OsString], error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let printed = error
            .print()
            .map_err(output::stdout_error)
            .and_then(|()| output::flush_stdout());
        return match printed {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                ExitCode::from(output::BROKEN_PIPE)
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    let text = safe_error_text(command, raw, error);
    if !wants_json(raw) {
        eprint!("{text}");
        return ExitCode::from(2);
    }
    let message = if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        "a command is needed: run `antom --help` for the list".to_owned()
    } else {
        usage_message(&text)
    };
    match output::Failure::usage(message).report(cli::Format::Json) {
        Ok(code) => ExitCode::from(code),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::from(output::BROKEN_PIPE),
        Err(e) => {
            eprintln!("error: {}", cmd::shown(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// clap's error text with every argument escaped and masked: the arguments are parsed again in
/// that form, so the error quotes them so; when that gives another error (the escaping changed
/// the arguments' meaning), the first error's text is escaped as a whole.
fn safe_error_text(command: clap::Command, raw: &[OsString], error: &clap::Error) -> String {
    let safe: Vec<String> = raw
        .iter()
        .map(|a| cmd::shown_masked(&a.to_string_lossy()))
        .collect();
    let text = match command.try_get_matches_from(&safe) {
        Err(again) if again.kind() == error.kind() => again.render().to_string(),
        _ => {
            let text = error.render().to_string();
            let masked = antom_callback::mask_card_numbers(&text);
            let masked: &str = &masked;
            masked.to_owned()
        }
    };
    cmd::shown_lines(&text)
}

/// Whether the raw arguments ask for `--format json` (before a `--`).
fn wants_json(raw: &[OsString]) -> bool {
    let mut args = raw.iter().skip(1).take_while(|a| *a != "--");
    while let Some(arg) = args.next() {
        if arg == "--format=json" || (arg == "--format" && args.next().is_some_and(|v| v == "json"))
        {
            return true;
        }
    }
    false
}

/// The first paragraph of clap's error text on one line, without its `error: `.
fn usage_message(text: &str) -> String {
    let paragraph: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let line = paragraph.join(" ");
    line.strip_prefix("error: ").unwrap_or(&line).to_owned()
}

/// `antom --version`: the command's own version and the version of the spec built into it.
fn version_text() -> String {
    let own = env!("CARGO_PKG_VERSION");
    match antom_codegen::load(&spec_input::embedded()) {
        Ok(spec) => format!(
            "{own} (built-in spec {} {})",
            spec.package.name, spec.package.version
        ),
        Err(_) => format!("{own} (built-in spec: does not load)"),
    }
}

/// `antom validate --ndjson [--quiet] [--format json] [--max-bytes N]` on `input` against the
/// built-in spec, its report (standard output and standard error together) returned instead of
/// written, with the exit code. For the fuzz target; not a stable interface.
#[doc(hidden)]
pub fn validate_ndjson_in_memory(
    input: &[u8],
    json: bool,
    quiet: bool,
    max_bytes: u64,
) -> (u8, Vec<u8>) {
    let options = cmd::validate::Options {
        ndjson: true,
        quiet,
        max_bytes,
    };
    let format = if json {
        cli::Format::Json
    } else {
        cli::Format::Text
    };
    cmd::validate::ndjson_in_memory(input, options, format)
}
