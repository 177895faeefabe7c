//! What every command prints: standard output through [`outln!`] and [`out!`], which return the
//! write's error instead of panicking (a closed pipe ends the command through `?`, and `main`
//! exits quietly with the conventional status 141; any other write error says that standard
//! output cannot be written, never that an input cannot be read), and a [`Failure`], the one shape of a failed
//! command: `error: ...` on stderr, or with `--format json` one document on stdout,
//! `{"error": {"kind", "message", "path"}}`.
//!
//! Every write to standard output goes through these macros, never `println!`, which panics on a
//! closed pipe; `main` turns a broken pipe into status 141 and nothing else. A failure's `kind` is
//! `io`, `spec`, `input`, `usage` or `internal`, so `--format json` gives one document on every
//! path; a text failure is `error: ...` on stderr, except an unreadable payload, which starts with
//! `FILE:LINE:COL` as compilers write it. Text output escapes the control characters of anything
//! it echoes (`cmd::shown`).

use std::io;
use std::path::Path;

use serde_json::{Value, json};

use crate::cli::Format;

/// `println!` that returns the write's `io::Result` instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*).map_err($crate::output::stdout_error)
    }};
}

/// `print!` that returns the write's `io::Result` instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*).map_err($crate::output::stdout_error)
    }};
}

pub(crate) use {out, outln};

/// A failed write to standard output. It keeps the error's kind (so a closed pipe is still
/// [`io::ErrorKind::BrokenPipe`]) and names the output in its message.
#[derive(Debug)]
pub(crate) struct StdoutError(io::Error);

impl std::fmt::Display for StdoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write to standard output: {}", self.0)
    }
}

// No `source`: the message already holds the cause, and a chain would print it twice.
impl std::error::Error for StdoutError {}

/// A write error on standard output, as a [`StdoutError`].
pub(crate) fn stdout_error(error: io::Error) -> io::Error {
    if is_stdout_error(&error) {
        return error;
    }
    io::Error::new(error.kind(), StdoutError(error))
}

/// Whether an error is a failed write to standard output.
pub(crate) fn is_stdout_error(error: &io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<StdoutError>())
}

/// Flushes standard output: what is still buffered is written, or the error is returned.
pub(crate) fn flush_stdout() -> io::Result<()> {
    use std::io::Write as _;
    io::stdout().flush().map_err(stdout_error)
}

/// The exit status of a command whose output pipe was closed, as after SIGPIPE.
pub(crate) const BROKEN_PIPE: u8 = 141;

/// Whether an error comes from writing to a closed pipe.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A command that could not do its work.
#[derive(Debug)]
pub(crate) struct Failure {
    /// `io` (a file or folder cannot be read or written), `spec` (the spec has problems),
    /// `input` (a payload cannot be read), `usage` or `internal`.
    pub(crate) kind: &'static str,
    pub(crate) message: String,
    /// The file or folder concerned.
    pub(crate) path: Option<String>,
    /// More for the JSON document (the spec's problems, ...), merged into `error`.
    pub(crate) details: Option<Value>,
    pub(crate) exit: u8,
}

impl Failure {
    pub(crate) fn io(action: &str, path: &Path, error: &io::Error) -> Failure {
        let shown = crate::cmd::shown(&path.display().to_string());
        Failure {
            kind: "io",
            message: format!("cannot {action} {shown}: {error}"),
            path: Some(path.display().to_string()),
            details: None,
            exit: 2,
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure {
            kind: "usage",
            message: message.into(),
            path: None,
            details: None,
            exit: 2,
        }
    }

    /// Prints the failure as `format` asks and returns its exit status.
    pub(crate) fn report(self, format: Format) -> anyhow::Result<u8> {
        match format {
            Format::Json => {
                let mut error = json!({
                    "kind": self.kind,
                    "message": self.message,
                    "path": self.path,
                });
                if let (Some(Value::Object(more)), Some(map)) =
                    (self.details, error.as_object_mut())
                {
                    map.extend(more);
                }
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&json!({ "error": error }))?
                )?;
            }
            // An input's message starts with its `FILE:LINE:COL`, as a compiler's does.
            Format::Text if self.kind == "input" => eprintln!("{}", self.message),
            Format::Text => eprintln!("error: {}", self.message),
        }
        Ok(self.exit)
    }
}
