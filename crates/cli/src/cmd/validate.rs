//! `antom validate [FILE...] [--ndjson] [--quiet]`: check callback payloads and print every error
//! and warning.
//!
//! One file without `--ndjson` is one payload, reported alone. Several files, or `--ndjson` (a
//! payload per line, read as a stream), give one report line per problem, `FILE:LINE: pointer:
//! message [rule]`, and a summary; with `--format json`, one JSON object per payload and a last
//! one with the summary.
//!
//! The rules are the compiled validator of `antom-callback` when the spec's files are the built-in
//! ones (`spec_input::is_built_in`), so `--spec` costs nothing for the built-in spec; otherwise
//! the same validator on tables built from the loaded model (`antom_spec::payload`), on the value
//! `antom_callback::read_str` reads (repeated keys and the lenient reader's notes included), as
//! `validate_text` reads it. A single
//! document is read whole (up to `--max-bytes`), but a first byte that cannot start JSON ends it
//! at once; leading whitespace is read once in both modes. The summary counts the spec's codes and
//! the first 1,000 other codes by name, the rest together.

mod stream;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};

use antom_callback::validate::{ObjectSchemaOf, duplicate_key};
use antom_callback::{
    Issue, PayloadKind, QuickReader, Severity, payload_kind, read_str, validate_as, validate_text,
};
use antom_spec::Spec;
use antom_spec::payload::{TableArena, Tables};
use serde_json::{Value, json};

use super::{Style, load_files, read_spec, shown, shown_masked, spec_label};
use crate::cli::Format;
use crate::output::{Failure, outln};
use crate::spec_input::{self, SpecOrigin};

/// How `antom validate` reads its input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) ndjson: bool,
    pub(crate) quiet: bool,
    pub(crate) max_bytes: u64,
}

/// One problem of a payload: an issue of the validator, whichever tables it ran on.
type Problem = Issue;

/// A problem as `--format json` shows it.
fn problem_json(problem: &Problem) -> Value {
    json!({ "path": problem.path(), "rule": problem.rule(), "message": problem.message() })
}

/// A payload and every problem it has.
struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity() == Severity::Error)
    }

    fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity() == Severity::Warning)
    }

    fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// The built-in spec's declared discriminant (`payload.discriminant`), as the compiled
/// validator's `payload_kind` reads it; a test holds the two together.
const BUILT_IN_DISCRIMINANT: &str = "code";

/// The spec payloads are checked against, as read.
enum Picked {
    /// The spec compiled into the binary.
    BuiltIn,
    /// A spec read at run time that declares its payload shape.
    Loaded(Box<Spec>),
}

impl Picked {
    /// The spec a command would use, and how to name it; `Err(code)` when it cannot be read or
    /// has problems.
    fn pick(spec: Option<&Path>, format: Format) -> anyhow::Result<Result<(Picked, String), u8>> {
        let (origin, files) = match read_spec(spec, format)? {
            Ok(read) => read,
            Err(code) => return Ok(Err(code)),
        };
        let name = spec_label(&origin);
        if spec_input::is_built_in(&files) {
            return Ok(Ok((Picked::BuiltIn, name)));
        }
        let spec = match load_files(&origin, &files, format)? {
            Ok(spec) => spec,
            Err(code) => return Ok(Err(code)),
        };
        if spec.payload.is_none() {
            return Failure {
                kind: "spec",
                message: format!(
                    "{name} declares no `payload:` shape: cannot tell which type a payload is"
                ),
                path: match origin {
                    SpecOrigin::Dir(dir) => Some(dir.display().to_string()),
                    SpecOrigin::Embedded => None,
                },
                details: None,
                exit: 2,
            }
            .report(format)
            .map(Err);
        }
        Ok(Ok((Picked::Loaded(Box::new(spec)), name)))
    }
}

/// What payloads are checked against.
enum Rules<'t> {
    /// The spec compiled into the binary, with its generated validator.
    BuiltIn,
    /// A spec read at run time: the same validator on tables built from the loaded model.
    Loaded {
        spec: &'t Spec,
        /// The declared payload shape: a JSON object with the `discriminant` key is a `state`,
        /// anything else a `bare` object (a `state` when the spec declares none).
        discriminant: &'t str,
        state: Option<&'t ObjectSchemaOf<'t>>,
        bare: Option<&'t ObjectSchemaOf<'t>>,
    },
}

impl<'t> Rules<'t> {
    /// The rules of a picked spec, a loaded one's tables built in `arena`, kept in `tables`.
    fn new(
        picked: &'t Picked,
        tables: &'t mut Option<Tables<'t>>,
        arena: &'t TableArena<'t>,
    ) -> Self {
        let Picked::Loaded(spec) = picked else {
            return Rules::BuiltIn;
        };
        let tables = tables.insert(Tables::new(spec, arena));
        let shape = spec.payload.as_ref();
        Rules::Loaded {
            spec,
            discriminant: shape.map_or(BUILT_IN_DISCRIMINANT, |s| s.discriminant.as_str()),
            state: shape.and_then(|s| tables.object(&s.state)),
            bare: shape
                .and_then(|s| s.bare.as_deref())
                .and_then(|bare| tables.object(bare)),
        }
    }

    /// The key whose value the summary counts payloads by (the event code).
    fn discriminant(&self) -> &str {
        match self {
            Rules::BuiltIn => BUILT_IN_DISCRIMINANT,
            Rules::Loaded { discriminant, .. } => discriminant,
        }
    }

    /// Whether `code` is an event code of the spec: the summary counts every one of them.
    fn is_known_code(&self, code: &str) -> bool {
        match self {
            Rules::BuiltIn => antom_callback::EVENT_CODE_SCHEMA.is_known(code),
            Rules::Loaded { spec, .. } => spec.event_codes.iter().any(|c| c.code == code),
        }
    }

    /// Validates one payload's text.
    fn check(&self, text: &str) -> Result<(Value, Report), Unread> {
        match self {
            Rules::BuiltIn => {
                let (value, report) = validate_text(text).map_err(not_json)?;
                let problems = report.issues;
                Ok((value, Report { problems }))
            }
            Rules::Loaded {
                discriminant,
                state,
                bare,
                ..
            } => {
                let read = read_str(text).map_err(not_json)?;
                let is_state = read
                    .value
                    .as_object()
                    .is_some_and(|map| map.contains_key(*discriminant));
                let schema = match bare {
                    Some(bare) if !is_state => Some(*bare),
                    _ => *state,
                };
                let mut problems: Vec<Problem> = Vec::new();
                if let Some(schema) = schema {
                    problems = validate_as(schema, &read.value).issues;
                    problems.extend(read.repeated_keys.iter().map(|repeated| {
                        let values = repeated.values(&read.value);
                        duplicate_key(schema, &repeated.path, &values)
                    }));
                }
                problems.extend(read.reading_issues);
                Ok((read.value, Report { problems }))
            }
        }
    }
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

    /// Opens the input; a UTF-8 byte-order mark at its start is skipped ([`SkipBom`]).
    fn open(&self) -> io::Result<Box<dyn Read>> {
        if self.path == Path::new("-") {
            Ok(Box::new(SkipBom::new(io::stdin().lock())))
        } else {
            Ok(Box::new(SkipBom::new(File::open(&self.path)?)))
        }
    }
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// A reader that drops a UTF-8 byte-order mark at the start of its input. RFC 8259 lets a
/// parser ignore it; editors on Windows write it. Only the first bytes of an input are looked
/// at: a mark anywhere else (a later NDJSON line) is still not JSON. The validators of every
/// language take text and are unchanged; only the command's reading of files and stdin skips it.
struct SkipBom<R> {
    inner: R,
    /// The first bytes read, while they may still be the mark, and how many were handed on.
    head: Vec<u8>,
    handed: usize,
    checked: bool,
}

impl<R: Read> SkipBom<R> {
    fn new(inner: R) -> Self {
        SkipBom {
            inner,
            head: Vec::new(),
            handed: 0,
            checked: false,
        }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.checked {
            // Reads until three bytes are in, or the input ends, or they cannot be the mark.
            let mut chunk = [0u8; 3];
            while self.head.len() < BOM.len() && BOM.starts_with(&self.head) {
                let n = match self.inner.read(&mut chunk[..BOM.len() - self.head.len()]) {
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if n == 0 {
                    break;
                }
                self.head.extend_from_slice(&chunk[..n]);
            }
            if self.head == BOM {
                self.head.clear();
            }
            self.checked = true;
        }
        if self.handed < self.head.len() {
            let n = (self.head.len() - self.handed).min(buf.len());
            buf[..n].copy_from_slice(&self.head[self.handed..self.handed + n]);
            self.handed += n;
            return Ok(n);
        }
        self.inner.read(buf)
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
/// ends the reading at once (so an endless stream of garbage is not read into memory). Each
/// byte is looked at once for that: leading whitespace is not scanned again as more comes.
fn read_document(mut reader: impl Read, max_bytes: u64) -> io::Result<Result<String, Unread>> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    // The bytes before this one are whitespace; past the first other byte, `None`.
    let mut blank = Some(0);
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        let Some(from) = blank else {
            if bytes.len() as u64 > max_bytes {
                return Ok(Err(Unread::TooLarge));
            }
            continue;
        };
        let found = bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|i| from + i);
        blank = if found.is_some() {
            None
        } else {
            Some(bytes.len())
        };
        if let Some(at) = found
            && !starts_json(bytes[at])
        {
            // What `validate_text` would say, without reading the rest.
            let (line, column) = position(&bytes, at);
            return Ok(Err(Unread::NotJson {
                line,
                column,
                message: format!("invalid JSON at line {line}, column {column}: expected a value"),
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
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// Text whose bytes stop being UTF-8 at `valid_up_to`.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Unread {
    let (line, column) = position(bytes, valid_up_to);
    Unread::NotJson {
        line,
        column,
        message: format!("invalid JSON at line {line}, column {column}: not UTF-8"),
    }
}

/// Text that is not JSON, in the words of every runtime's validator
/// (`invalid JSON at line L, column C: WHAT`).
fn not_json(e: antom_callback::JsonError) -> Unread {
    Unread::NotJson {
        line: e.line(),
        column: e.column(),
        message: e.message(),
    }
}

pub(crate) fn run(
    spec: Option<&Path>,
    files: &[PathBuf],
    options: Options,
    format: Format,
) -> anyhow::Result<u8> {
    let (picked, spec_name) = match Picked::pick(spec, format)? {
        Ok(picked) => picked,
        Err(code) => return Ok(code),
    };
    let arena = TableArena::default();
    let mut tables = None;
    let rules = Rules::new(&picked, &mut tables, &arena);
    let inputs: Vec<Input> = files.iter().map(|f| Input::new(f)).collect();
    if inputs.len() == 1 && !options.ndjson {
        return single(&rules, &spec_name, &inputs[0], options, format);
    }
    let mut run = Many::new(&rules, spec_name, options, format);
    for input in &inputs {
        let reader = match input.open() {
            Ok(reader) => reader,
            Err(e) => {
                run.unreadable(input, &e)?;
                continue;
            }
        };
        let result = if options.ndjson {
            stream::read(&mut run, input, reader)
        } else {
            match read_document(reader, options.max_bytes) {
                Ok(doc) => {
                    let mut part = Part::default();
                    let ctx = run.ctx();
                    match doc {
                        Ok(text) => {
                            part.text(&ctx, &input.name, 1, &text, &mut QuickReader::new());
                        }
                        Err(unread) => part.payload(&ctx, &input.name, 1, Err(unread)),
                    }
                    run.merge(part)
                }
                Err(e) => Err(e),
            }
        };
        if let Err(e) = result {
            // A write to stdout failed: that is no input's fault.
            if e.kind() == io::ErrorKind::BrokenPipe || crate::output::is_stdout_error(&e) {
                return Err(e.into());
            }
            run.unreadable(input, &e)?;
        }
    }
    run.finish()
}

/// `antom validate --ndjson` of `input` against the built-in spec, with the report (standard
/// output and standard error) returned instead of written, and the exit code: what the fuzz
/// target runs.
pub(crate) fn ndjson_in_memory(input: &[u8], options: Options, format: Format) -> (u8, Vec<u8>) {
    let rules = Rules::BuiltIn;
    let mut run = Many::new(&rules, "the built-in spec".to_owned(), options, format);
    run.memory = Some(Vec::new());
    let stdin = Input::new(Path::new("-"));
    let reader: Box<dyn Read> = Box::new(SkipBom::new(io::Cursor::new(input.to_vec())));
    if let Err(e) = stream::read(&mut run, &stdin, reader) {
        let _ = run.unreadable(&stdin, &e);
    }
    let exit = run.finish().unwrap_or(2);
    (exit, run.memory.take().unwrap_or_default())
}

/// One payload, reported alone (the shape of `antom validate FILE`).
fn single(
    rules: &Rules<'_>,
    spec_name: &str,
    input: &Input,
    options: Options,
    format: Format,
) -> anyhow::Result<u8> {
    let read = input
        .open()
        .and_then(|reader| read_document(reader, options.max_bytes));
    let text = match read {
        Ok(Ok(text)) => text,
        Ok(Err(unread)) => return unreadable_payload(input, &unread, options, format),
        Err(e) => return Failure::io("read", &input.path, &e).report(format),
    };
    let (value, report) = match rules.check(&text) {
        Ok(read) => read,
        Err(unread) => return unreadable_payload(input, &unread, options, format),
    };
    let name = &input.name;
    match format {
        Format::Json => {
            let out = json!({
                "valid": report.is_valid(),
                "payload": payload_kind(&value).as_str(),
                "errors": report.errors().map(problem_json).collect::<Vec<_>>(),
                "warnings": report.warnings().map(problem_json).collect::<Vec<_>>(),
                "spec": spec_name,
            });
            outln!("{}", serde_json::to_string_pretty(&out)?)?;
        }
        Format::Text => {
            let style = Style::stdout();
            if !options.quiet {
                for i in &report.problems {
                    let label = match i.severity() {
                        Severity::Error => style.red("error"),
                        Severity::Warning => style.yellow("warning"),
                    };
                    outln!(
                        "{label}: {}: {} [{}]",
                        style.bold(&shown(i.shown_path())),
                        shown(i.message()),
                        i.rule()
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
            outln!(
                "{name}: {verdict} {shape}: {errors} error(s), {warnings} warning(s), against {spec_name}"
            )?;
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

/// What checking payloads needs, shared by the threads of a stream.
struct Ctx<'r> {
    rules: &'r Rules<'r>,
    options: Options,
    format: Format,
    style: Style,
}

/// Event codes longer than this are counted under [`OTHER_CODES`], not by name.
const MAX_CODE_BYTES: usize = 256;

/// How many event codes that are not the spec's the summary counts by name: the first ones
/// seen; every later one is counted under [`OTHER_CODES`]. The spec's codes are always counted
/// by name, so the summary's memory is bounded whatever the input.
const TOP_OTHER_CODES: usize = 1000;

/// The summary's entry for event codes past [`TOP_OTHER_CODES`] or [`MAX_CODE_BYTES`].
const OTHER_CODES: &str = "(other codes)";

/// The summary's entry for payloads without an event code.
const NO_CODE: &str = "(no code)";

/// The counts and the report lines of some payloads (a batch of lines), to be added to the
/// run's summary in input order.
#[derive(Default)]
struct Part {
    read: usize,
    valid: usize,
    with_errors: usize,
    warnings_only: usize,
    not_read: usize,
    /// Issues by rule, in the order first seen: a few rules, looked for by address first.
    by_rule: Vec<(Cow<'static, str>, usize)>,
    /// Payloads by event code as written (at most [`MAX_CODE_BYTES`] long), masked and escaped
    /// only when added to the summary: each code's rank (the order first seen), its count.
    codes: HashMap<String, (usize, usize)>,
    /// Payloads whose code is too long to keep.
    long_codes: usize,
    no_code: usize,
    /// The report lines, as they are to be written.
    out: String,
}

impl Part {
    /// Counts a payload that was read, with `errors` errors among its `issues`, by its event
    /// code; its rules are counted apart.
    fn tally(&mut self, code: Option<&str>, errors: usize, issues: usize) {
        self.read += 1;
        if errors > 0 {
            self.with_errors += 1;
        } else if issues == 0 {
            self.valid += 1;
        } else {
            self.warnings_only += 1;
        }
        match code {
            None => self.no_code += 1,
            Some(code) if code.len() > MAX_CODE_BYTES => self.long_codes += 1,
            Some(code) => match self.codes.get_mut(code) {
                Some((_, n)) => *n += 1,
                None => {
                    let rank = self.codes.len();
                    self.codes.insert(code.to_owned(), (rank, 1));
                }
            },
        }
    }

    fn count_rule(&mut self, rule: Cow<'static, str>) {
        let same = |r: &Cow<'static, str>| {
            (r.as_ptr() == rule.as_ptr() && r.len() == rule.len()) || *r == rule
        };
        match self.by_rule.iter_mut().find(|(r, _)| same(r)) {
            Some((_, n)) => *n += 1,
            None => self.by_rule.push((rule.clone(), 1)),
        }
    }

    /// Checks, counts and reports one payload's text. Against the built-in spec, the quick
    /// reader gives the report of the text it is sure of without building its JSON value
    /// (with `--quiet`, only each issue's rule and severity, which is all that is counted);
    /// the rest is read in full.
    fn text(
        &mut self,
        ctx: &Ctx<'_>,
        name: &str,
        line: usize,
        text: &str,
        quick: &mut QuickReader,
    ) {
        let read = match ctx.rules {
            Rules::BuiltIn if ctx.options.quiet => quick.count(text),
            Rules::BuiltIn => quick.validate(text),
            Rules::Loaded { .. } => None,
        };
        if let Some(read) = read {
            if ctx.options.quiet {
                // Counted only: nothing of the issues is kept.
                let issues = &read.report.issues;
                let errors = issues
                    .iter()
                    .filter(|i| i.severity() == Severity::Error)
                    .count();
                self.tally(read.code.as_deref(), errors, issues.len());
                for issue in issues {
                    self.count_rule(issue.rule_name());
                }
                return;
            }
            let problems = read.report.issues.into_iter().collect();
            let code = read.code.as_deref();
            return self.payload(ctx, name, line, Ok((code, Report { problems })));
        }
        match ctx.rules.check(text) {
            Ok((value, report)) => {
                let code = value.get(ctx.rules.discriminant()).and_then(Value::as_str);
                self.payload(ctx, name, line, Ok((code, report)));
            }
            Err(unread) => self.payload(ctx, name, line, Err(unread)),
        }
    }

    /// Counts and reports one payload: its event code (the discriminant's string value) and
    /// its report, or why it was not read.
    fn payload(
        &mut self,
        ctx: &Ctx<'_>,
        name: &str,
        line: usize,
        payload: Result<(Option<&str>, Report), Unread>,
    ) {
        let (code, report) = match payload {
            Ok(read) => read,
            Err(unread) => {
                self.read += 1;
                self.not_read += 1;
                self.with_errors += 1;
                let message = unread.message(ctx.options.max_bytes);
                let rule = match unread {
                    Unread::NotJson { .. } => "json",
                    Unread::TooLarge => "max_bytes",
                };
                self.count_rule(Cow::Borrowed(rule));
                if ctx.options.quiet {
                    return;
                }
                let _ = match ctx.format {
                    Format::Json => writeln!(
                        self.out,
                        "{}",
                        json!({
                            "file": name, "line": line, "valid": false,
                            "errors": [{ "path": "", "rule": rule, "message": message }],
                            "warnings": [],
                        })
                    ),
                    Format::Text => writeln!(
                        self.out,
                        "{name}:{line}: {} [{rule}]",
                        ctx.style.red(&message)
                    ),
                };
                return;
            }
        };
        let errors = report.errors().count();
        self.tally(code, errors, report.problems.len());
        if !ctx.options.quiet {
            self.write(ctx, name, line, errors, &report);
        }
        for problem in &report.problems {
            self.count_rule(problem.rule_name());
        }
    }

    /// Writes the report lines of a payload that was read.
    fn write(&mut self, ctx: &Ctx<'_>, name: &str, line: usize, errors: usize, report: &Report) {
        let _ = match ctx.format {
            Format::Json => writeln!(
                self.out,
                "{}",
                json!({
                    "file": name, "line": line, "valid": errors == 0,
                    "errors": report.errors().map(problem_json).collect::<Vec<_>>(),
                    "warnings": report.warnings().map(problem_json).collect::<Vec<_>>(),
                })
            ),
            Format::Text => {
                for i in &report.problems {
                    let label = match i.severity() {
                        Severity::Error => ctx.style.red("error"),
                        Severity::Warning => ctx.style.yellow("warning"),
                    };
                    let _ = writeln!(
                        self.out,
                        "{name}:{line}: {}: {label}: {} [{}]",
                        ctx.style.bold(&shown(i.shown_path())),
                        shown(i.message()),
                        i.rule()
                    );
                }
                Ok(())
            }
        };
    }
}

/// Payloads by event code, bounded: every code of the spec, the first [`TOP_OTHER_CODES`]
/// others, and one count for the rest. Codes are kept as shown: card numbers masked, then
/// escaped.
#[derive(Default)]
struct Codes {
    counts: BTreeMap<String, usize>,
    /// How many of `counts` are not the spec's codes.
    others: usize,
    rest: usize,
}

impl Codes {
    fn add(&mut self, rules: &Rules<'_>, code: &str, n: usize) {
        let shown = shown_masked(code);
        if let Some(count) = self.counts.get_mut(&shown) {
            *count += n;
            return;
        }
        let known = rules.is_known_code(code);
        if !known && self.others >= TOP_OTHER_CODES {
            self.rest += n;
            return;
        }
        if !known {
            self.others += 1;
        }
        self.counts.insert(shown, n);
    }

    /// The counts, with the rest under [`OTHER_CODES`].
    fn all(&self) -> BTreeMap<&str, usize> {
        let mut all: BTreeMap<&str, usize> =
            self.counts.iter().map(|(c, n)| (c.as_str(), *n)).collect();
        if self.rest > 0 {
            *all.entry(OTHER_CODES).or_default() += self.rest;
        }
        all
    }
}

/// Several payloads: a line per problem and a summary.
struct Many<'r> {
    rules: &'r Rules<'r>,
    /// Which spec, for the summary.
    spec_name: String,
    options: Options,
    format: Format,
    read: usize,
    valid: usize,
    with_errors: usize,
    warnings_only: usize,
    not_read: usize,
    unreadable_inputs: usize,
    by_rule: BTreeMap<Cow<'static, str>, usize>,
    codes: Codes,
    /// Where the report goes instead of standard output (and standard error), if anywhere.
    memory: Option<Vec<u8>>,
}

impl<'r> Many<'r> {
    fn new(rules: &'r Rules<'r>, spec_name: String, options: Options, format: Format) -> Many<'r> {
        Many {
            rules,
            spec_name,
            options,
            format,
            read: 0,
            valid: 0,
            with_errors: 0,
            warnings_only: 0,
            not_read: 0,
            unreadable_inputs: 0,
            by_rule: BTreeMap::new(),
            codes: Codes::default(),
            memory: None,
        }
    }

    /// Writes report text to standard output, or to memory.
    fn emit(&mut self, text: &str) -> io::Result<()> {
        match &mut self.memory {
            Some(memory) => {
                memory.extend_from_slice(text.as_bytes());
                Ok(())
            }
            None => io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(crate::output::stdout_error),
        }
    }

    fn ctx(&self) -> Ctx<'r> {
        Ctx {
            rules: self.rules,
            options: self.options,
            format: self.format,
            style: Style::stdout(),
        }
    }

    /// Writes a part's report lines and adds its counts.
    fn merge(&mut self, part: Part) -> io::Result<()> {
        if !part.out.is_empty() {
            self.emit(&part.out)?;
        }
        self.read += part.read;
        self.valid += part.valid;
        self.with_errors += part.with_errors;
        self.warnings_only += part.warnings_only;
        self.not_read += part.not_read;
        for (rule, n) in part.by_rule {
            *self.by_rule.entry(rule).or_default() += n;
        }
        // In the order first seen: the summary names the first codes of the input.
        let mut codes: Vec<(&String, &(usize, usize))> = part.codes.iter().collect();
        codes.sort_unstable_by_key(|(_, (rank, _))| *rank);
        for (code, (_, n)) in codes {
            self.codes.add(self.rules, code, *n);
        }
        if part.no_code > 0 {
            *self.codes.counts.entry(NO_CODE.to_owned()).or_default() += part.no_code;
        }
        self.codes.rest += part.long_codes;
        Ok(())
    }

    /// An input that cannot be opened or read: reported, and the run goes on (exit 2 at the end).
    fn unreadable(&mut self, input: &Input, error: &io::Error) -> io::Result<()> {
        self.unreadable_inputs += 1;
        let message = format!("cannot read {}: {error}", input.name);
        match self.format {
            Format::Json => self.emit(&format!(
                "{}\n",
                json!({ "error": { "kind": "io", "message": message, "path": input.path.display().to_string() } })
            )),
            Format::Text if self.memory.is_some() => self.emit(&format!("error: {message}\n")),
            Format::Text => {
                eprintln!("error: {message}");
                Ok(())
            }
        }
    }

    fn finish(&mut self) -> anyhow::Result<u8> {
        let exit = if self.unreadable_inputs > 0 {
            2
        } else if self.with_errors > 0 {
            1
        } else {
            0
        };
        let mut text = String::new();
        match self.format {
            Format::Json => writeln!(
                text,
                "{}",
                json!({ "summary": {
                    "payloads": self.read, "valid": self.valid, "with_errors": self.with_errors,
                    "warnings_only": self.warnings_only, "not_read": self.not_read,
                    "unreadable_inputs": self.unreadable_inputs,
                    "rules": self.by_rule, "codes": self.codes.all(), "spec": self.spec_name,
                } })
            )?,
            Format::Text => {
                writeln!(
                    text,
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
                writeln!(text, "checked against {}", self.spec_name)?;
                if !self.by_rule.is_empty() {
                    let rules: Vec<String> = self
                        .by_rule
                        .iter()
                        .map(|(r, n)| format!("{r} {n}"))
                        .collect();
                    writeln!(text, "by rule: {}", rules.join(", "))?;
                }
                let codes = self.codes.all();
                if !codes.is_empty() {
                    let codes: Vec<String> =
                        codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
                    writeln!(text, "by event code: {}", codes.join(", "))?;
                }
            }
        }
        self.emit(&text)?;
        Ok(exit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_discriminant_is_the_built_in_specs() {
        let spec = antom_codegen::load(&spec_input::embedded()).expect("the built-in spec loads");
        let shape = spec
            .payload
            .expect("the built-in spec declares its payload");
        assert_eq!(shape.discriminant, BUILT_IN_DISCRIMINANT);
    }
}
