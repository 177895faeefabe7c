//! `antom validate [FILE|-]`: check a callback payload and print every error and warning.

use std::io::Read;
use std::path::Path;

use antom_callback::{Issue, PayloadKind, Severity, payload_kind, validate_str};
use serde_json::{Value, json};

use super::Style;
use crate::cli::Format;

fn issue_json(i: &Issue) -> Value {
    json!({ "path": i.path(), "rule": i.rule, "message": i.message() })
}

pub(crate) fn run(file: &Path, format: Format) -> anyhow::Result<u8> {
    let (name, bytes) = if file == Path::new("-") {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("cannot read standard input: {e}");
            return Ok(2);
        }
        ("<stdin>".to_owned(), bytes)
    } else {
        match std::fs::read(file) {
            Ok(bytes) => (file.display().to_string(), bytes),
            Err(e) => {
                eprintln!("cannot read {}: {e}", file.display());
                return Ok(2);
            }
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            eprintln!(
                "{name}:{line}: not valid JSON: the text is not UTF-8 (byte {})",
                e.valid_up_to()
            );
            return Ok(2);
        }
    };
    let (value, report) = match validate_str(text) {
        Ok(read) => read,
        Err(e) => {
            let what = if e.is_eof() {
                "the JSON ends early"
            } else {
                "not valid JSON"
            };
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(head, _)| head);
            eprintln!("{name}:{}:{}: {what}: {msg}", e.line(), e.column().max(1));
            return Ok(2);
        }
    };
    let shape = match payload_kind(&value) {
        PayloadKind::EventCallbackState => "onEventCallback state",
        PayloadKind::Result => "result object",
    };
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
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            let style = Style::stdout();
            for i in &report.issues {
                let label = match i.severity {
                    Severity::Error => style.red("error"),
                    Severity::Warning => style.yellow("warning"),
                };
                println!(
                    "{label}: {}: {} [{}]",
                    style.bold(&printable(i.shown_path())),
                    printable(i.message()),
                    i.rule
                );
            }
            let (errors, warnings) = (report.errors().count(), report.warnings().count());
            let verdict = if errors == 0 {
                style.green("valid")
            } else {
                style.red("invalid")
            };
            println!("{name}: {verdict} {shape}: {errors} error(s), {warnings} warning(s)");
        }
    }
    Ok(if report.is_valid() { 0 } else { 1 })
}

/// `text` with control characters and line separators (which a payload's keys and values may
/// hold, and messages quote) written as escapes, so a terminal shows them and acts on none.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.contains(special) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if special(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
