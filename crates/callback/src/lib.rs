//! Types and validators for the data Antom's client checkout SDKs hand to their callbacks.
//!
#![doc = include_str!("../README.md")]

#[rustfmt::skip]
mod generated;
mod json;
mod lenient;
pub mod meta;
mod pattern;
mod quick;
mod text;
pub mod validate;

pub use generated::*;
pub use json::JsonObject;
pub use lenient::MAX_DEPTH;
pub use meta::{Deprecation, EventCodeInfo, EventKind, Outcome, ResultCodeInfo, ValueInfo};
pub use quick::QuickReader;
pub use text::{JsonError, JsonErrorKind, RepeatedKey};
pub use validate::{Issue, Report, Severity, mask_card_numbers, validate_as};

use serde_json::Value;

/// Whether the whole of `value` matches `pattern` by the crate's own matcher, `None` when
/// [`validate::Pattern`] would not use it (a pattern outside its subset). For the fuzz target,
/// which compares it with `regress`.
#[doc(hidden)]
pub fn fast_pattern_match(pattern: &str, value: &str) -> Option<bool> {
    pattern::compile(pattern).map(|program| program.is_match(value))
}

/// What a payload was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadKind {
    /// The object passed to `onEventCallback`: `{code, message?, result?}`.
    EventCallbackState,
    /// A bare `result` object, as in the sample payloads.
    Result,
}

impl PayloadKind {
    /// `event_callback_state` or `result`, as `antom validate --format json` names it.
    pub const fn as_str(self) -> &'static str {
        match self {
            PayloadKind::EventCallbackState => "event_callback_state",
            PayloadKind::Result => "result",
        }
    }
}

impl std::fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The key that makes a payload a callback state ([`payload_kind`]).
pub(crate) const DISCRIMINANT: &str = "code";

/// Which shape a payload has: an object with a `code` key is a callback state, anything else a
/// bare result object.
pub fn payload_kind(value: &Value) -> PayloadKind {
    match value {
        Value::Object(map) if map.contains_key(DISCRIMINANT) => PayloadKind::EventCallbackState,
        _ => PayloadKind::Result,
    }
}

/// A decoded callback payload: the `onEventCallback` state or a bare result object, told apart
/// as [`payload_kind`] does. Decoding is as lenient as the types it holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    EventCallbackState(OnEventCallbackState),
    Result(PaymentResult),
}

impl Payload {
    pub fn kind(&self) -> PayloadKind {
        match self {
            Payload::EventCallbackState(_) => PayloadKind::EventCallbackState,
            Payload::Result(_) => PayloadKind::Result,
        }
    }

    /// Every violation of the spec, with its JSON pointer: the report [`validate()`] gives for the
    /// JSON value this payload was decoded from.
    pub fn validate(&self) -> Report {
        match self {
            Payload::EventCallbackState(state) => state.validate(),
            Payload::Result(result) => result.validate(),
        }
    }
}

impl JsonObject for Payload {
    fn from_value(value: Value) -> Result<Self, Value> {
        match payload_kind(&value) {
            PayloadKind::EventCallbackState => {
                OnEventCallbackState::from_value(value).map(Payload::EventCallbackState)
            }
            PayloadKind::Result => PaymentResult::from_value(value).map(Payload::Result),
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Payload::EventCallbackState(state) => state.to_value(),
            Payload::Result(result) => result.to_value(),
        }
    }

    fn to_redacted_json(&self) -> Value {
        match self {
            Payload::EventCallbackState(state) => state.to_redacted_json(),
            Payload::Result(result) => result.to_redacted_json(),
        }
    }
}

/// The payload's redacted JSON text ([`JsonObject::to_redacted_json`]): safe to log.
impl std::fmt::Display for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.to_redacted_json(), f)
    }
}

impl serde::Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Payload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value)
            .map_err(|_| serde::de::Error::custom("expected a JSON object (a callback payload)"))
    }
}

/// Validates a callback payload: the `onEventCallback` state or a bare result object.
pub fn validate(value: &Value) -> Report {
    match payload_kind(value) {
        PayloadKind::EventCallbackState => {
            validate::validate_built_in(&ON_EVENT_CALLBACK_STATE_SCHEMA, value)
        }
        PayloadKind::Result => validate::validate_built_in(&PAYMENT_RESULT_SCHEMA, value),
    }
}

/// A callback payload safe to log, read as [`validate()`] reads it: the value of every sensitive
/// field replaced by `"<redacted>"`, and card numbers masked in every other string
/// ([`mask_card_numbers`]). The decoded types give the same with
/// [`JsonObject::to_redacted_json`].
pub fn redact(value: &Value) -> Value {
    let schema = match payload_kind(value) {
        PayloadKind::EventCallbackState => &ON_EVENT_CALLBACK_STATE_SCHEMA,
        PayloadKind::Result => &PAYMENT_RESULT_SCHEMA,
    };
    json::redact(Some(schema), value.clone())
}

/// Reads a callback payload from JSON text and validates it: the report [`validate()`] gives for
/// the value, followed by one `duplicate_key` issue for each key that an object repeats, which a
/// parsed [`Value`] cannot show: it keeps only the last value. The issue is an error when the
/// key is a sensitive field or an object that holds one at any depth, or when the key or a key
/// inside any of its values is the wire name of a sensitive field, or any of its values holds a
/// string (or a key) with a card number; else a warning. Card numbers are masked in its pointer.
///
/// Text that is not exactly one JSON value is a [`JsonError`]: the first error in text order,
/// whose message (`invalid JSON at line L, column C: WHAT`, the column in Unicode scalar values)
/// every runtime gives word for word; [`JsonError::issue`] is the `invalid_json` issue at the root
/// that the other runtimes' text entry points report for it, and [`JsonError::report`] a report
/// of that one issue:
///
/// ```
/// let report = antom_callback::validate_text("{\"code\": \"SDK_PAYMENT_FAIL\",}")
///     .map_or_else(|e| e.report(), |(_, report)| report);
/// let issue = &report.issues[0];
/// assert_eq!((issue.path(), issue.rule()), ("", "invalid_json"));
/// assert_eq!(issue.message(), "invalid JSON at line 1, column 29: expected a string key");
/// ```
///
/// Beyond RFC 8259, a text that starts with a byte-order mark, a `\u` escape of half a UTF-16
/// surrogate pair, and nesting deeper than [`MAX_DEPTH`] arrays and objects are not JSON here, as
/// in every runtime. A number beyond the float range is read as the largest finite float of its
/// sign, with a `number_range` warning at its pointer. Returns the value (as
/// `serde_json::from_str` reads it when it can) with the report.
pub fn validate_text(text: &str) -> Result<(Value, Report), JsonError> {
    let read = read_str(text)?;
    let mut report = validate(&read.value);
    let schema = match payload_kind(&read.value) {
        PayloadKind::EventCallbackState => &ON_EVENT_CALLBACK_STATE_SCHEMA,
        PayloadKind::Result => &PAYMENT_RESULT_SCHEMA,
    };
    for repeated in &read.repeated_keys {
        let values = repeated.values(&read.value);
        report
            .issues
            .push(validate::duplicate_key(schema, &repeated.path, &values));
    }
    report.issues.extend(read.reading_issues);
    Ok((read.value, report))
}

/// Validates a callback as the mobile SDKs deliver it: an event code and the text of the result
/// JSON, which may be absent (`None`), empty, only JSON whitespace (space, tab, line feed,
/// carriage return) or `null`.
///
/// The report is the one [`validate_text`] gives for the state object `{"code": event_code,
/// "result": <result>}`, without the `result` key when there is no result: issues in the result
/// are under `/result`, repeated keys in its text included. A result text that is not JSON gives
/// one `invalid_json` error at `/result` with [`JsonError`]'s message, after the issues of the
/// state without its result.
pub fn validate_callback(event_code: &str, result_json: Option<&str>) -> Report {
    let mut state = serde_json::Map::new();
    state.insert("code".to_owned(), Value::String(event_code.to_owned()));
    let text = result_json.unwrap_or_default();
    if text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return validate(&Value::Object(state));
    }
    let read = match read_str(text) {
        Ok(read) => read,
        Err(e) => {
            let mut report = validate(&Value::Object(state));
            report.issues.push(validate::invalid_json("/result", &e));
            return report;
        }
    };
    if !read.value.is_null() {
        state.insert("result".to_owned(), read.value);
    }
    let state = Value::Object(state);
    let mut report = validate(&state);
    let result = state.get("result").unwrap_or(&Value::Null);
    for repeated in &read.repeated_keys {
        let values = repeated.values(result);
        let mut path = repeated.path.clone();
        path.insert(0, "result".to_owned());
        report.issues.push(validate::duplicate_key(
            &ON_EVENT_CALLBACK_STATE_SCHEMA,
            &path,
            &values,
        ));
    }
    report.issues.extend(
        read.reading_issues
            .into_iter()
            .map(|issue| issue.under("/result")),
    );
    report
}

/// JSON text as [`validate_text`] reads it, before validation.
#[derive(Clone, Debug)]
pub struct ReadText {
    /// The value (as `serde_json::from_str` reads it when it can).
    pub value: Value,
    /// Each key that an object repeats, once per key, in text order, with the values the
    /// parsed value dropped.
    pub repeated_keys: Vec<RepeatedKey>,
    /// What the value could not keep as written (`number_range`), at its pointer.
    pub reading_issues: Vec<Issue>,
}

/// Reads JSON text as [`validate_text`] does, for a validator of its own (`antom validate
/// --spec` checks the value against a spec loaded at run time): `serde_json` first, and only
/// when it refuses the text the second reader, which reads what `serde_json` cannot hold or
/// finds the first error.
pub fn read_str(text: &str) -> Result<ReadText, JsonError> {
    Ok(match text::parse(text) {
        Ok(parsed) => ReadText {
            value: parsed.value,
            repeated_keys: parsed.duplicates,
            reading_issues: Vec::new(),
        },
        Err(_) => {
            let read = lenient::parse(text)?;
            ReadText {
                value: read.value,
                repeated_keys: read.duplicates,
                reading_issues: read.notes.iter().map(validate::read_note).collect(),
            }
        }
    })
}

/// What [`QuickReader::validate`] found in a text it is sure of.
#[derive(Debug)]
pub struct Quick<'t> {
    /// The report [`validate_text`] gives for the same text.
    pub report: Report,
    /// What the payload was read as ([`payload_kind`]).
    pub kind: PayloadKind,
    /// The string value of the root's `code` key, if it has one.
    pub code: Option<std::borrow::Cow<'t, str>>,
}

/// The payload shape of this crate's spec, for the quick reader.
const QUICK_SHAPE: quick::Shape = quick::Shape {
    discriminant: DISCRIMINANT,
    state: &ON_EVENT_CALLBACK_STATE_SCHEMA,
    bare: &PAYMENT_RESULT_SCHEMA,
};

impl QuickReader {
    /// The report [`validate_text`] gives for `text`, with the payload's kind and event code,
    /// when the text is one this reader is sure of (see [`QuickReader`]); `None` otherwise,
    /// and the caller reads it with [`validate_text`].
    pub fn validate<'t>(&mut self, text: &'t str) -> Option<Quick<'t>> {
        self.quick(text, true)
    }

    /// As [`validate`](Self::validate), but each issue of the report has only its rule and
    /// severity: its pointer and message are empty, never written out. For counting issues.
    pub fn count<'t>(&mut self, text: &'t str) -> Option<Quick<'t>> {
        self.quick(text, false)
    }

    fn quick<'t>(&mut self, text: &'t str, texts: bool) -> Option<Quick<'t>> {
        let read = self.read_payload(text, &QUICK_SHAPE, texts)?;
        Some(Quick {
            report: read.report,
            kind: if read.is_state {
                PayloadKind::EventCallbackState
            } else {
                PayloadKind::Result
            },
            code: read.code,
        })
    }
}
