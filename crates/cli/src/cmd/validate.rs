//! `antom validate [FILE...] [--ndjson] [--quiet]`: check callback payloads and print every error
//! and warning.
//!
//! One file without `--ndjson` is one payload, reported alone. Several files, or `--ndjson` (a
//! payload per line, read as a stream), give one report line per problem, `FILE:LINE: pointer:
//! message [rule]`, and a summary; with `--format json`, one JSON object per payload and a last
//! one with the summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use antom_callback::{Issue, PayloadKind, Report, Severity, payload_kind, validate_str};
use serde_json::{Value, json};

use super::{Style, shown};
use crate::cli::Format;
use crate::output::{Failure, outln};

/// How `antom validate` reads its input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) ndjson: bool,
    pub(crate) quiet: bool,
    pub(crate) max_bytes: u64,
}

fn issue_json(i: &Issue) -> Value {
    json!({ "path": i.path(), "rule": i.rule, "message": i.message() })
}

/// An input as named on the command line.
struct Input {
    path: PathBuf,
    /// How messages name it: the path, or `<stdin>`.
    name: String,
}

impl Input {
    fn new(path: &Path) -> Input {
        let name = if path == Path::new("-") {
            "<stdin>".to_owned()
        } else {
            shown(&path.display().to_string())
        };
        Input {
            path: path.to_path_buf(),
            name,
        }
    }

    fn open(&self) -> io::Result<Box<dyn Read>> {
        if self.path == Path::new("-") {
            Ok(Box::new(io::stdin().lock()))
        } else {
            Ok(Box::new(File::open(&self.path)?))
        }
    }
}

/// Why a payload could not be validated.
enum Unread {
    /// Not JSON (or not UTF-8): the message, with the line and column (in characters) where
    /// reading stopped, counted within the payload's own text.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// Longer than `--max-bytes`.
    TooLarge,
}

impl Unread {
    fn message(&self, max_bytes: u64) -> String {
        match self {
            Unread::NotJson { message, .. } => message.clone(),
            Unread::TooLarge => format!("longer than --max-bytes ({max_bytes} bytes): not read"),
        }
    }
}

/// Whether `byte` can start a JSON text (after whitespace).
fn starts_json(byte: u8) -> bool {
    matches!(
        byte,
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
    )
}

/// Reads one whole input as one payload, up to `max_bytes`. A first byte that cannot start JSON
/// ends the reading at once (so an endless stream of garbage is not read into memory).
fn read_document(mut reader: impl Read, max_bytes: u64) -> io::Result<Result<String, Unread>> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if let Some(at) = bytes.iter().position(|b| !b.is_ascii_whitespace())
            && !starts_json(bytes[at])
        {
            let first = bytes[at];
            let (line, column) = position(&bytes, at);
            return Ok(Err(Unread::NotJson {
                line,
                column,
                message: format!("not valid JSON: expected a value, found byte 0x{first:02x}"),
            }));
        }
        if bytes.len() as u64 > max_bytes {
            return Ok(Err(Unread::TooLarge));
        }
    }
    Ok(text_of(bytes))
}

/// Line and column (1-based, in characters) of the byte at `at`.
fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

fn text_of(bytes: Vec<u8>) -> Result<String, Unread> {
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(e.as_bytes(), e.utf8_error().valid_up_to());
        Unread::NotJson {
            line,
            column,
            message: "not valid JSON: the text is not UTF-8".to_owned(),
        }
    })
}

/// Validates one payload's text.
fn check(text: &str) -> Result<(Value, Report), Unread> {
    validate_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "the JSON ends early"
        } else {
            "not valid JSON"
        };
        Unread::NotJson {
            line: e.line(),
            column: e.column(),
            message: format!("{what}: {}", e.message()),
        }
    })
}

pub(crate) fn run(files: &[PathBuf], options: Options, format: Format) -> anyhow::Result<u8> {
    let inputs: Vec<Input> = files.iter().map(|f| Input::new(f)).collect();
    if inputs.len() == 1 && !options.ndjson {
        return single(&inputs[0], options, format);
    }
    let mut run = Many::new(options, format);
    for input in &inputs {
        let reader = match input.open() {
            Ok(reader) => reader,
            Err(e) => {
                run.unreadable(input, &e)?;
                continue;
            }
        };
        let result = if options.ndjson {
            run.lines(input, reader)
        } else {
            match read_document(reader, options.max_bytes) {
                Ok(doc) => run.payload(input, 1, doc.and_then(|t| check(&t))),
                Err(e) => Err(e),
            }
        };
        if let Err(e) = result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Err(e.into());
            }
            run.unreadable(input, &e)?;
        }
    }
    run.finish()
}

/// One payload, reported alone (the shape of `antom validate FILE`).
fn single(input: &Input, options: Options, format: Format) -> anyhow::Result<u8> {
    let read = input
        .open()
        .and_then(|reader| read_document(reader, options.max_bytes));
    let text = match read {
        Ok(Ok(text)) => text,
        Ok(Err(unread)) => return unreadable_payload(input, &unread, options, format),
        Err(e) => return Failure::io("read", &input.path, &e).report(format),
    };
    let (value, report) = match check(&text) {
        Ok(read) => read,
        Err(unread) => return unreadable_payload(input, &unread, options, format),
    };
    let name = &input.name;
    match format {
        Format::Json => {
            let out = json!({
                "valid": report.is_valid(),
                "payload": match payload_kind(&value) {
                    PayloadKind::EventCallbackState => "event_callback_state",
                    PayloadKind::Result => "result",
                },
                "errors": report.errors().map(issue_json).collect::<Vec<_>>(),
                "warnings": report.warnings().map(issue_json).collect::<Vec<_>>(),
            });
            outln!("{}", serde_json::to_string_pretty(&out)?)?;
        }
        Format::Text => {
            let style = Style::stdout();
            if !options.quiet {
                for i in &report.issues {
                    let label = match i.severity {
                        Severity::Error => style.red("error"),
                        Severity::Warning => style.yellow("warning"),
                    };
                    outln!(
                        "{label}: {}: {} [{}]",
                        style.bold(&shown(i.shown_path())),
                        shown(i.message()),
                        i.rule
                    )?;
                }
            }
            let shape = match payload_kind(&value) {
                PayloadKind::EventCallbackState => "onEventCallback state",
                PayloadKind::Result => "result object",
            };
            let (errors, warnings) = (report.errors().count(), report.warnings().count());
            let verdict = if errors == 0 {
                style.green("valid")
            } else {
                style.red("invalid")
            };
            outln!("{name}: {verdict} {shape}: {errors} error(s), {warnings} warning(s)")?;
        }
    }
    Ok(if report.is_valid() { 0 } else { 1 })
}

/// A single payload that is not JSON: exit 2, with where reading stopped.
fn unreadable_payload(
    input: &Input,
    unread: &Unread,
    options: Options,
    format: Format,
) -> anyhow::Result<u8> {
    let place = match unread {
        Unread::NotJson { line, column, .. } => format!("{}:{line}:{column}", input.name),
        Unread::TooLarge => input.name.clone(),
    };
    Failure {
        kind: "input",
        message: format!("{place}: {}", unread.message(options.max_bytes)),
        path: Some(input.path.display().to_string()),
        details: None,
        exit: 2,
    }
    .report(format)
}

/// Several payloads: a line per problem and a summary.
struct Many {
    options: Options,
    format: Format,
    style: Style,
    read: usize,
    valid: usize,
    with_errors: usize,
    warnings_only: usize,
    not_read: usize,
    unreadable_inputs: usize,
    rules: BTreeMap<&'static str, usize>,
    codes: BTreeMap<String, usize>,
}

impl Many {
    fn new(options: Options, format: Format) -> Many {
        Many {
            options,
            format,
            style: Style::stdout(),
            read: 0,
            valid: 0,
            with_errors: 0,
            warnings_only: 0,
            not_read: 0,
            unreadable_inputs: 0,
            rules: BTreeMap::new(),
            codes: BTreeMap::new(),
        }
    }

    /// Reads `reader` a line at a time; a line never grows past `--max-bytes` in memory.
    fn lines(&mut self, input: &Input, reader: Box<dyn Read>) -> io::Result<()> {
        let mut reader = BufReader::with_capacity(64 * 1024, reader);
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            number += 1;
            let limit = self.options.max_bytes.saturating_add(1);
            let n = (&mut reader).take(limit).read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(());
            }
            if line.last() != Some(&b'\n') && n as u64 == limit {
                // Too long: skip to the end of the line without keeping it.
                skip_line(&mut reader)?;
                self.payload(input, number, Err(Unread::TooLarge))?;
                continue;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let payload = text_of(std::mem::take(&mut line)).and_then(|text| check(&text));
            self.payload(input, number, payload)?;
        }
    }

    /// Counts and reports one payload.
    fn payload(
        &mut self,
        input: &Input,
        line: usize,
        payload: Result<(Value, Report), Unread>,
    ) -> io::Result<()> {
        self.read += 1;
        let name = &input.name;
        let (value, report) = match payload {
            Ok(read) => read,
            Err(unread) => {
                self.not_read += 1;
                self.with_errors += 1;
                let message = unread.message(self.options.max_bytes);
                let rule = match unread {
                    Unread::NotJson { .. } => "json",
                    Unread::TooLarge => "max_bytes",
                };
                *self.rules.entry(rule).or_default() += 1;
                if self.options.quiet {
                    return Ok(());
                }
                return match self.format {
                    Format::Json => outln!(
                        "{}",
                        json!({
                            "file": name, "line": line, "valid": false,
                            "errors": [{ "path": "", "rule": rule, "message": message }],
                            "warnings": [],
                        })
                    ),
                    Format::Text => outln!("{name}:{line}: {} [{rule}]", self.style.red(&message)),
                };
            }
        };
        let errors = report.errors().count();
        if errors > 0 {
            self.with_errors += 1;
        } else if report.issues.is_empty() {
            self.valid += 1;
        } else {
            self.warnings_only += 1;
        }
        for issue in &report.issues {
            *self.rules.entry(issue.rule).or_default() += 1;
        }
        let code = value
            .get("code")
            .and_then(Value::as_str)
            .map_or("(no code)".to_owned(), shown);
        *self.codes.entry(code).or_default() += 1;
        if self.options.quiet {
            return Ok(());
        }
        match self.format {
            Format::Json => outln!(
                "{}",
                json!({
                    "file": name, "line": line, "valid": errors == 0,
                    "errors": report.errors().map(issue_json).collect::<Vec<_>>(),
                    "warnings": report.warnings().map(issue_json).collect::<Vec<_>>(),
                })
            ),
            Format::Text => {
                for i in &report.issues {
                    let label = match i.severity {
                        Severity::Error => self.style.red("error"),
                        Severity::Warning => self.style.yellow("warning"),
                    };
                    outln!(
                        "{name}:{line}: {}: {label}: {} [{}]",
                        self.style.bold(&shown(i.shown_path())),
                        shown(i.message()),
                        i.rule
                    )?;
                }
                Ok(())
            }
        }
    }

    /// An input that cannot be opened or read: reported, and the run goes on (exit 2 at the end).
    fn unreadable(&mut self, input: &Input, error: &io::Error) -> io::Result<()> {
        self.unreadable_inputs += 1;
        let message = format!("cannot read {}: {error}", input.name);
        match self.format {
            Format::Json => outln!(
                "{}",
                json!({ "error": { "kind": "io", "message": message, "path": input.path.display().to_string() } })
            ),
            Format::Text => {
                eprintln!("error: {message}");
                Ok(())
            }
        }
    }

    fn finish(self) -> anyhow::Result<u8> {
        let exit = if self.unreadable_inputs > 0 {
            2
        } else if self.with_errors > 0 {
            1
        } else {
            0
        };
        match self.format {
            Format::Json => outln!(
                "{}",
                json!({ "summary": {
                    "payloads": self.read, "valid": self.valid, "with_errors": self.with_errors,
                    "warnings_only": self.warnings_only, "not_read": self.not_read,
                    "unreadable_inputs": self.unreadable_inputs,
                    "rules": self.rules, "codes": self.codes,
                } })
            )?,
            Format::Text => {
                outln!(
                    "{} payload(s): {} valid, {} with errors, {} with warnings only{}",
                    self.read,
                    self.valid,
                    self.with_errors,
                    self.warnings_only,
                    if self.not_read > 0 {
                        format!(" ({} not read)", self.not_read)
                    } else {
                        String::new()
                    }
                )?;
                if !self.rules.is_empty() {
                    let rules: Vec<String> =
                        self.rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
                    outln!("by rule: {}", rules.join(", "))?;
                }
                if !self.codes.is_empty() {
                    let codes: Vec<String> =
                        self.codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
                    outln!("by event code: {}", codes.join(", "))?;
                }
            }
        }
        Ok(exit)
    }
}

/// Reads and drops the rest of a line, a buffer at a time.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(i) = buffer.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buffer.len();
        reader.consume(n);
    }
}
