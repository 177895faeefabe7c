//! `antom explain CODE` and `antom list`: what codes mean and what to do about them.

use std::path::Path;

use antom_spec::{Deprecation, EventCode, EventKind, Provenance, ResultCode, Spec};
use serde_json::{Value, json};
use strsim::levenshtein;

use super::{Style, load_spec, shown, shown_lines, shown_masked};
use crate::cli::{Format, Kind};
use crate::output::{Failure, outln};

fn deprecation(d: &Option<Deprecation>) -> Value {
    match d {
        None => Value::Null,
        Some(d) => json!({ "replaced_by": d.replaced_by, "note": d.note }),
    }
}

fn kind_name(k: EventKind) -> &'static str {
    match k {
        EventKind::Status => "status",
        EventKind::Error => "error",
        EventKind::PaymentResult => "payment_result",
    }
}

fn action_description<'a>(spec: &'a Spec, action: &str) -> &'a str {
    spec.action(action).map_or("", |a| a.description.as_str())
}

/// The `explain` object of an event code.
fn event_json(spec: &Spec, c: &EventCode) -> Value {
    json!({
        "code": c.code,
        "kind": kind_name(c.kind),
        "description": c.description,
        "callbacks": c.callbacks,
        "action": c.action,
        "action_description": action_description(spec, &c.action),
        "outcome": c.outcome,
        "carries": c.carries,
        "messages": c.messages,
        "deprecated": deprecation(&c.deprecated),
        "sources": c.provenance.sources,
        "truncated": c.provenance.truncated,
    })
}

/// The `explain` object of a result code.
fn result_json(spec: &Spec, c: &ResultCode) -> Value {
    json!({
        "code": c.code,
        "kind": "result_code",
        "message": c.message,
        "suggestion": c.suggestion,
        "action": c.action,
        "action_description": action_description(spec, &c.action),
        "outcome": c.outcome,
        "deprecated": deprecation(&c.deprecated),
        "sources": c.provenance.sources,
        "truncated": c.provenance.truncated,
    })
}

/// " (cut off in the source)" after a text that `provenance.truncated` names, else nothing.
fn cut_mark(provenance: &Provenance, text: &str) -> &'static str {
    if provenance.is_truncated(text) {
        " (cut off in the source)"
    } else {
        ""
    }
}

fn all_codes(spec: &Spec) -> impl Iterator<Item = &str> {
    spec.event_codes
        .iter()
        .map(|c| c.code.as_str())
        .chain(spec.result_codes.iter().map(|c| c.code.as_str()))
}

/// The known codes closest to `code`, nearest first.
fn nearest<'a>(spec: &'a Spec, code: &str) -> Vec<&'a str> {
    let wanted = code.to_ascii_uppercase();
    let mut scored: Vec<(usize, &str)> = all_codes(spec)
        .map(|c| {
            let d = levenshtein(&wanted, c);
            // A code that contains the input (or the reverse) is a good suggestion too.
            let d = if c.contains(&wanted) || wanted.contains(c) {
                d.min(c.len().abs_diff(wanted.len()).min(3))
            } else {
                d
            };
            (d, c)
        })
        .collect();
    scored.sort();
    let best = scored.first().map_or(0, |s| s.0);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= best.max(3) + 2)
        .take(5)
        .map(|(_, c)| c)
        .collect()
}

/// Each item [`shown`], joined.
fn shown_list(items: &[String], separator: &str) -> String {
    items
        .iter()
        .map(|i| shown(i))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The "Deprecated:" line of a code, its texts [`shown`].
fn print_deprecation(d: &Deprecation, style: &Style) -> std::io::Result<()> {
    let by = d
        .replaced_by
        .as_deref()
        .filter(|r| !d.note.contains(r))
        .map(|r| format!(" Use {} instead.", shown(r)))
        .unwrap_or_default();
    outln!(
        "{} {}{by}",
        style.yellow("Deprecated:"),
        shown_lines(&d.note)
    )
}

/// The "Action:" line: the action and what it means.
fn print_action(spec: &Spec, action: &str, style: &Style) -> std::io::Result<()> {
    outln!(
        "{} {}: {}",
        style.bold("Action:"),
        shown(action),
        shown_lines(action_description(spec, action))
    )
}

// Every text printed comes from the spec: it is escaped ([`shown`], or [`shown_lines`] for the
// texts that may hold several lines), so no spec can send a terminal escape sequences.
fn print_event(spec: &Spec, c: &EventCode, style: &Style) -> std::io::Result<()> {
    outln!(
        "{}  ({} code, via {})",
        style.bold(&shown(&c.code)),
        kind_name(c.kind).replace('_', " "),
        shown_list(&c.callbacks, ", ")
    )?;
    if let Some(d) = &c.deprecated {
        print_deprecation(d, style)?;
    }
    outln!(
        "\n{}{}\n",
        shown_lines(&c.description),
        cut_mark(&c.provenance, "description")
    )?;
    print_action(spec, &c.action, style)?;
    if !c.messages.is_empty() {
        outln!(
            "{} {}",
            style.bold("Known messages:"),
            shown_list(&c.messages, "; ")
        )?;
    }
    if !c.carries.is_empty() {
        outln!(
            "{} {}",
            style.bold("May carry:"),
            shown_list(&c.carries, ", ")
        )?;
    }
    Ok(())
}

fn print_result(spec: &Spec, c: &ResultCode, style: &Style) -> std::io::Result<()> {
    outln!("{}  (paymentResultCode)", style.bold(&shown(&c.code)))?;
    if let Some(d) = &c.deprecated {
        print_deprecation(d, style)?;
    }
    outln!(
        "\n{} {}{}",
        style.bold("Message:"),
        shown_lines(&c.message),
        cut_mark(&c.provenance, "message")
    )?;
    outln!(
        "{} {}{}",
        style.bold("Suggestion:"),
        shown_lines(&c.suggestion),
        cut_mark(&c.provenance, "suggestion")
    )?;
    print_action(spec, &c.action, style)
}

pub(crate) fn explain(spec: Option<&Path>, code: &str, format: Format) -> anyhow::Result<u8> {
    let wanted = code.trim();
    if wanted.is_empty() {
        return Failure::usage(
            "give an event code or a paymentResultCode, such as `SDK_PAYMENT_FAIL`",
        )
        .report(format);
    }
    let spec = match load_spec(spec, format)? {
        Ok(spec) => spec,
        Err(exit) => return Ok(exit),
    };
    let event = spec
        .event_codes
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(wanted));
    let result = spec
        .result_codes
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(wanted));
    let style = Style::stdout();
    match (event, result, format) {
        (Some(c), _, Format::Json) => {
            outln!("{}", serde_json::to_string_pretty(&event_json(&spec, c))?)?
        }
        (None, Some(c), Format::Json) => {
            outln!("{}", serde_json::to_string_pretty(&result_json(&spec, c))?)?
        }
        (Some(c), _, Format::Text) => print_event(&spec, c, &style)?,
        (None, Some(c), Format::Text) => print_result(&spec, c, &style)?,
        (None, None, _) => {
            let near = nearest(&spec, wanted);
            // The code is echoed, so a card number typed by mistake is masked.
            let masked = antom_callback::mask_card_numbers(wanted);
            let masked: &str = &masked;
            match format {
                Format::Json => outln!(
                    "{}",
                    serde_json::to_string_pretty(
                        &json!({ "code": masked, "known": false, "nearest": near })
                    )?
                )?,
                Format::Text => {
                    eprintln!("unknown code `{}`", shown_masked(wanted));
                    if !near.is_empty() {
                        let near: Vec<String> = near.iter().map(|c| shown(c)).collect();
                        eprintln!("nearest known codes: {}", near.join(", "));
                    }
                }
            }
            return Ok(1);
        }
    }
    Ok(0)
}

fn wanted(kinds: &[Kind], kind: Kind) -> bool {
    kinds.is_empty() || kinds.contains(&kind)
}

fn event_kind(k: EventKind) -> Kind {
    match k {
        EventKind::Status => Kind::Status,
        EventKind::Error => Kind::Error,
        EventKind::PaymentResult => Kind::PaymentResult,
    }
}

/// Cuts text to one line of at most `max` characters for the table.
fn short(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(max).collect();
    if line.chars().count() > max || text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

pub(crate) fn list(spec: Option<&Path>, kinds: &[Kind], format: Format) -> anyhow::Result<u8> {
    let spec = match load_spec(spec, format)? {
        Ok(spec) => spec,
        Err(exit) => return Ok(exit),
    };
    let events: Vec<&EventCode> = spec
        .event_codes
        .iter()
        .filter(|c| wanted(kinds, event_kind(c.kind)))
        .collect();
    let results: Vec<&ResultCode> = if wanted(kinds, Kind::ResultCode) {
        spec.result_codes.iter().collect()
    } else {
        Vec::new()
    };
    match format {
        Format::Json => {
            let items: Vec<Value> = events
                .iter()
                .map(|c| event_json(&spec, c))
                .chain(results.iter().map(|c| result_json(&spec, c)))
                .collect();
            outln!("{}", serde_json::to_string_pretty(&items)?)?;
        }
        Format::Text => {
            let style = Style::stdout();
            let width = events
                .iter()
                .map(|c| shown(&c.code).chars().count())
                .chain(results.iter().map(|c| shown(&c.code).chars().count()))
                .max()
                .unwrap_or(4);
            outln!(
                "{}",
                style.bold(&format!(
                    "{:<width$}  {:<14}  {:<22}  {}",
                    "CODE", "KIND", "ACTION", "MEANING"
                ))
            )?;
            for c in &events {
                let code = if c.deprecated.is_some() {
                    format!("{} (deprecated)", shown(&c.code))
                } else {
                    shown(&c.code)
                };
                outln!(
                    "{:<width$}  {:<14}  {:<22}  {}",
                    code,
                    kind_name(c.kind),
                    shown(&c.action),
                    shown(&short(&c.description, 60))
                )?;
            }
            for c in &results {
                outln!(
                    "{:<width$}  {:<14}  {:<22}  {}",
                    shown(&c.code),
                    "result_code",
                    shown(&c.action),
                    shown(&short(&c.message, 60))
                )?;
            }
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::levenshtein;

    /// Suggestions rank codes by edit distance over characters, not bytes.
    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("SAME", "SAME"), 0);
        assert_eq!(levenshtein("É", "E"), 1);
    }
}
