//! One module per subcommand; each returns the process exit code.

mod diff;
mod explain;
mod generate;
mod lint;
pub(crate) mod validate;

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{Cli, Command, Format, FormatArg};
use crate::output::{Failure, out};
use crate::spec_input;

pub(crate) fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Command::Completions { shell } = &cli.command {
        out!("{}", shell.script())?;
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
            return Failure::usage("`--format markdown` is only for `antom diff`")
                .report(Format::Text);
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
        Command::Validate {
            spec,
            files,
            ndjson,
            quiet,
            max_bytes,
        } => validate::run(
            spec.spec.as_deref(),
            &files,
            validate::Options {
                ndjson,
                quiet,
                max_bytes,
            },
            format,
        ),
        Command::Diff { .. } | Command::Completions { .. } => Ok(0), // returned above
    }
}

/// Loads the spec for a command (`--spec`, else the nearest antom `spec/`, else the built-in
/// one), or reports why it cannot: `Err(code)` is the exit status.
pub(crate) fn load_spec(
    spec: Option<&Path>,
    format: Format,
) -> anyhow::Result<Result<antom_spec::Spec, u8>> {
    let (origin, files) = match read_spec(spec, format)? {
        Ok(read) => read,
        Err(code) => return Ok(Err(code)),
    };
    load_files(&origin, &files, format)
}

/// How output names the spec a command used: `the built-in spec`, or `the spec in DIR/` with DIR
/// from the current directory when it is near (a found `spec/` is `spec/` or `../spec/`).
pub(crate) fn spec_label(origin: &spec_input::SpecOrigin) -> String {
    match origin {
        spec_input::SpecOrigin::Embedded => "the built-in spec".to_owned(),
        spec_input::SpecOrigin::Dir(dir) => {
            let shown_dir = shown(&relative(dir).display().to_string());
            format!("the spec in {}/", shown_dir.trim_end_matches('/'))
        }
    }
}

/// `dir` from the current directory when it is below it or beside one of its ancestors, else as
/// it is.
fn relative(dir: &Path) -> std::path::PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return dir.to_path_buf();
    };
    if !dir.is_absolute() {
        return dir.to_path_buf();
    }
    for (up, ancestor) in cwd.ancestors().take(8).enumerate() {
        if let Ok(rest) = dir.strip_prefix(ancestor) {
            let mut path: std::path::PathBuf = std::iter::repeat_n("..", up).collect();
            path.push(rest);
            return path;
        }
    }
    dir.to_path_buf()
}

/// Reads the spec's files for a command, or reports why it cannot: `Err(code)` is the exit
/// status.
pub(crate) fn read_spec(
    spec: Option<&Path>,
    format: Format,
) -> anyhow::Result<Result<(spec_input::SpecOrigin, Vec<antom_spec::SourceFile>), u8>> {
    match spec_input::read(spec) {
        Ok(read) => Ok(Ok(read)),
        Err((dir, e)) => Failure::io("read the spec folder", &dir, &e)
            .report(format)
            .map(Err),
    }
}

/// Loads read spec files, or reports their problems: `Err(code)` is the exit status.
pub(crate) fn load_files(
    origin: &spec_input::SpecOrigin,
    files: &[antom_spec::SourceFile],
    format: Format,
) -> anyhow::Result<Result<antom_spec::Spec, u8>> {
    match antom_codegen::load(files) {
        Ok(spec) => Ok(Ok(spec)),
        Err(problems) => {
            if format == Format::Text {
                print_problems(&problems);
            }
            let place = match origin {
                spec_input::SpecOrigin::Dir(dir) => Some(dir.display().to_string()),
                spec_input::SpecOrigin::Embedded => None,
            };
            Failure {
                kind: "spec",
                message: format!(
                    "the spec{} has {} problem(s): run `antom lint` for details",
                    place
                        .as_ref()
                        .map(|p| format!(" in {}", shown(p)))
                        .unwrap_or_default(),
                    problems.0.len()
                ),
                path: place,
                details: Some(serde_json::json!({ "problems": problems.0 })),
                exit: 1,
            }
            .report(format)
            .map(Err)
        }
    }
}

/// Text from a spec, a file name, an argument or a payload as it may be printed on a terminal:
/// control characters (C0, C1, DEL), line separators and bidirectional controls are written as
/// escapes (`\n`, `\u{1b}`, `\u{202e}`), so no input can send escape sequences, reorder a line
/// or forge one.
pub(crate) fn shown(text: &str) -> String {
    antom_codegen::writer::escape(text)
}

/// [`shown`] for a text of several lines (a description): its line feeds stay.
pub(crate) fn shown_lines(text: &str) -> String {
    antom_codegen::writer::escape_lines(text)
}

/// [`shown`] for text the user typed that may hold a card number (a code to explain, an
/// argument in an error): every card number in it is masked first.
pub(crate) fn shown_masked(text: &str) -> String {
    let masked = antom_callback::mask_card_numbers(text);
    let masked: &str = &masked;
    shown(masked)
}

/// Prints a spec's problems, one `file:line:col: message` line each, to stderr; the file name
/// and the message are [`shown`] escaped.
pub(crate) fn print_problems(problems: &antom_spec::Problems) {
    for p in &problems.0 {
        eprintln!(
            "{}:{}:{}: {}",
            shown(&p.file),
            p.line,
            p.column,
            shown(&p.message)
        );
    }
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
