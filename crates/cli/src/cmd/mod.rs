//! One module per subcommand; each returns the process exit code.

mod diff;
mod explain;
mod generate;
mod lint;
mod validate;

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;

use crate::cli::{Cli, Command, Format, FormatArg};
use crate::spec_input;

pub(crate) fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Command::Completions { shell } = &cli.command {
        print!("{}", shell.script());
        return Ok(0);
    }
    // `diff` alone also prints Markdown (a changelog section).
    if let Command::Diff { old, new } = &cli.command {
        return diff::run(old, new, cli.format);
    }
    let format = match cli.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => {
            eprintln!("error: `--format markdown` is only for `antom diff`");
            return Ok(2);
        }
    };
    match cli.command {
        Command::Lint { spec } => lint::run(spec.spec.as_deref(), format),
        Command::Generate {
            spec,
            out,
            target,
            check,
            force,
        } => generate::run(
            spec.spec.as_deref(),
            &out,
            &target,
            antom_codegen::writer::Options { check, force },
            format,
        ),
        Command::Explain { spec, code } => explain::explain(spec.spec.as_deref(), &code, format),
        Command::List { spec, kind } => explain::list(spec.spec.as_deref(), &kind, format),
        Command::Validate { file } => validate::run(&file, format),
        Command::Diff { .. } | Command::Completions { .. } => Ok(0), // returned above
    }
}

/// Loads the spec for a command, or prints its problems; `Err(code)` is the exit code.
pub(crate) fn load_spec(spec: Option<&Path>) -> anyhow::Result<Result<antom_spec::Spec, u8>> {
    let (_, files) = spec_input::read(spec).context("cannot read the spec folder")?;
    Ok(antom_spec::load(&files).map_err(|problems| {
        eprintln!("{problems}");
        eprintln!("the spec has problems: run `antom lint` for details");
        1
    }))
}

/// Text from the user or a payload as it may be printed on a terminal: control characters are
/// escaped (`\u{1b}`), so no input can send escape sequences or forge a line.
pub(crate) fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// ANSI styling for people: only on a terminal, never with `NO_COLOR`.
pub(crate) struct Style {
    on: bool,
}

impl Style {
    pub(crate) fn stdout() -> Style {
        Style {
            on: std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    pub(crate) fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    pub(crate) fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }
    pub(crate) fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }
    pub(crate) fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }
}
