//! Payload validation against the spec's own types, for the spec's samples: the rules and the
//! words of `antom validate` (the `antom-callback` validator), read from the model instead of
//! from generated tables.
//!
//! Lint runs it on every sample, so a spec that lints clean cannot publish a sample that
//! `antom validate` would reject (an unmasked card number, a value of the wrong type) in the
//! docs, the catalog or the Swift tests. `antom-callback` cannot do it here: its tables are
//! generated from a spec, and the generator must build without it. The two agree issue for
//! issue, messages included, on every conformance vector (`tests/tests/vectors.rs`).

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::model::{CheckKind, CheckPath, FieldType, Object, Outcome, Spec};

/// How bad an issue is: errors break the spec, warnings are suspicious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One violation, as `antom validate` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// JSON pointer of the offending value; `""` is the whole payload.
    pub path: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
}

/// Validates `value` as an instance of the spec's object type `object` (every violation, in
/// document order). An unknown type gives no issue: lint reports it where it is named.
pub fn validate_as(spec: &Spec, object: &str, value: &Value) -> Vec<Issue> {
    let mut v = Walker {
        spec,
        path: Vec::new(),
        issues: Vec::new(),
    };
    if let Some(schema) = spec.object(object) {
        match value {
            Value::Object(map) => v.object(schema, map),
            other => v.not_an_object(schema, json_type(other)),
        }
    }
    v.issues
}

/// The issue for a key that an object repeats, at `path` (keys and array indices, the repeated
/// key last) in a value of type `object`: an error when the key is a sensitive field, a
/// warning otherwise; the words of `antom validate`.
pub fn duplicate_key(spec: &Spec, object: &str, path: &[String]) -> Issue {
    let mut current = spec.object(object);
    let mut sensitive = false;
    for (i, segment) in path.iter().enumerate() {
        let field = current.and_then(|o| o.fields.iter().find(|f| &f.name == segment));
        if i + 1 == path.len() {
            sensitive = field.is_some_and(|f| f.sensitive);
        }
        current = match field.map(|f| &f.ty) {
            Some(FieldType::Object(inner)) => spec.object(inner),
            _ => None,
        };
    }
    let pointer: String = path
        .iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect();
    let key = path.last().map_or("", String::as_str);
    Issue {
        path: pointer,
        rule: "duplicate_key".to_owned(),
        severity: if sensitive {
            Severity::Error
        } else {
            Severity::Warning
        },
        message: format!(
            "{} appears more than once in this object: readers disagree on which value counts",
            quote(key)
        ),
    }
}

struct Walker<'s> {
    spec: &'s Spec,
    path: Vec<&'s str>,
    issues: Vec<Issue>,
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value quoted for a message: card numbers masked, then shortened to 64 characters.
fn quote(value: &str) -> String {
    const MAX: usize = 64;
    let masked = mask_card_numbers(value);
    match masked.char_indices().nth(MAX) {
        Some((end, _)) => format!("`{}…`", &masked[..end]),
        None => format!("`{masked}`"),
    }
}

/// `text` with every run that looks like a full card number masked: a run of ASCII digits,
/// spaces and `-` that starts and ends with a digit and holds 13 to 19 digits passing the Luhn
/// check keeps its last four digits and its separators; every other digit becomes `*`
/// (`4111 1111 1111 1111` → `**** **** **** 1111`). Every validator masks the same way.
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The run: digits with spaces and dashes between them, ending on a digit.
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b' ' || bytes[j] == b'-')
        {
            if bytes[j].is_ascii_digit() {
                end = j + 1;
            }
            j += 1;
        }
        let run = &bytes[start..end];
        let digits: Vec<u8> = run
            .iter()
            .filter(|b| b.is_ascii_digit())
            .map(|b| b - b'0')
            .collect();
        if (13..=19).contains(&digits.len()) && luhn(&digits) {
            let out = out.get_or_insert_with(|| bytes.to_vec());
            let mut hide = digits.len() - 4;
            for b in &mut out[start..end] {
                if hide > 0 && b.is_ascii_digit() {
                    *b = b'*';
                    hide -= 1;
                }
            }
        }
        i = end;
    }
    match out {
        // Only ASCII digits were replaced by ASCII `*`: still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_default()),
        None => Cow::Borrowed(text),
    }
}

/// The Luhn checksum of `digits` (values 0 to 9, most significant first) is valid.
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

impl<'s> Walker<'s> {
    fn issue(&mut self, more: &[&str], rule: &str, severity: Severity, message: String) {
        let mut path = String::new();
        for segment in self.path.iter().chain(more) {
            path.push('/');
            path.push_str(segment);
        }
        self.issues.push(Issue {
            path,
            rule: rule.to_owned(),
            severity,
            message,
        });
    }

    fn not_an_object(&mut self, schema: &Object, found: &str) {
        let message = format!("expected an object ({}), found {found}", schema.name);
        self.issue(&[], "type", Severity::Error, message);
    }

    fn object(&mut self, schema: &'s Object, map: &Map<String, Value>) {
        for field in &schema.fields {
            match map.get(&field.name) {
                None | Some(Value::Null) => {
                    if field.required {
                        let message = format!("`{}` is required", field.name);
                        self.issue(&[&field.name], "required", Severity::Error, message);
                    }
                }
                Some(value) => {
                    self.path.push(&field.name);
                    self.present(field, value);
                    self.path.pop();
                }
            }
        }
        for check in &schema.checks {
            let value = |path: &CheckPath| resolve(self.spec, schema, map, path);
            match check.kind {
                CheckKind::DigitsSuffix => {
                    if let [short, long] = check.paths.as_slice()
                        && let (Some((_, short)), Some((_, long))) = (value(short), value(long))
                    {
                        let n = short.chars().count();
                        let digits = long
                            .chars()
                            .rev()
                            .take(n)
                            .filter(char::is_ascii_digit)
                            .count();
                        if n > 0
                            && digits == n
                            && !long.chars().rev().take(n).eq(short.chars().rev())
                        {
                            self.warn_at(&check.fields[0], &check.rule, &check.message);
                        }
                    }
                }
                CheckKind::SameOutcome => {
                    let outcomes: Vec<Option<Outcome>> = check
                        .paths
                        .iter()
                        .map(|p| {
                            let (ty, s) = value(p)?;
                            self.outcome(ty, s)
                        })
                        .collect();
                    let mut first = None;
                    for (index, outcome) in outcomes.into_iter().enumerate() {
                        match (first, outcome) {
                            (_, None) => {}
                            (None, Some(o)) => first = Some(o),
                            (Some(f), Some(o)) if f != o => {
                                self.warn_at(&check.fields[index], &check.rule, &check.message);
                                break;
                            }
                            (Some(_), Some(_)) => {}
                        }
                    }
                }
            }
        }
    }

    fn warn_at(&mut self, at: &[String], rule: &str, message: &str) {
        let more: Vec<&str> = at.iter().map(String::as_str).collect();
        self.issue(&more, rule, Severity::Warning, message.to_owned());
    }

    fn outcome(&self, ty: &FieldType, value: &str) -> Option<Outcome> {
        match ty {
            FieldType::EventCode => self.spec.event_code(value)?.outcome,
            FieldType::PaymentResultCode => self.spec.result_code(value)?.outcome,
            FieldType::Enum(e) => {
                let e = self.spec.enum_def(e)?;
                e.values.iter().find(|v| v.value == value)?.outcome
            }
            _ => None,
        }
    }

    fn present(&mut self, field: &'s crate::model::Field, value: &Value) {
        match (&field.ty, value) {
            (FieldType::Any, _) => {}
            (FieldType::Object(name), value) => match (self.spec.object(name), value) {
                (Some(schema), Value::Object(map)) => self.object(schema, map),
                (Some(schema), other) => self.not_an_object(schema, json_type(other)),
                (None, _) => {}
            },
            (_, Value::String(s)) => self.string(field, s),
            (_, other) => {
                let message = format!("expected a string, found {}", json_type(other));
                self.issue(&[], "type", Severity::Error, message);
            }
        }
    }

    fn string(&mut self, field: &crate::model::Field, s: &str) {
        // `max_length` first: a longer value gets the length error alone and is never matched
        // against the pattern.
        let mut too_long = false;
        if let Some(max) = field.max_length {
            let len = s.chars().count() as u64;
            too_long = len > max;
            if too_long {
                let message = format!("is {len} characters long, more than the maximum of {max}");
                self.issue(&[], "max_length", Severity::Error, message);
            }
        }
        if let Some(pattern) = &field.pattern
            && !too_long
            && !matches(pattern, s)
        {
            let format = field.format.as_deref().unwrap_or("in the expected format");
            let shown = if field.sensitive {
                "the value".to_owned()
            } else {
                quote(s)
            };
            let message = format!("{shown} does not have the expected format ({format})");
            self.issue(&[], "pattern", Severity::Error, message);
        }
        let known = match &field.ty {
            FieldType::EventCode => Some(("EventCode", self.spec.event_code(s).is_some())),
            FieldType::PaymentResultCode => {
                Some(("PaymentResultCode", self.spec.result_code(s).is_some()))
            }
            FieldType::Enum(e) => Some((
                e.as_str(),
                self.spec
                    .enum_def(e)
                    .is_some_and(|d| d.values.iter().any(|v| v.value == s)),
            )),
            _ => None,
        };
        if let Some((name, false)) = known {
            let message = format!("{} is not a known {name} value", quote(s));
            self.issue(&[], "unknown_value", Severity::Warning, message);
        }
    }
}

/// Whether the whole of `value` matches `pattern` (patterns are anchored, in the portable
/// subset that lint checked), read as ECMAScript reads it with the `u` flag.
fn matches(pattern: &str, value: &str) -> bool {
    regress::Regex::with_flags(pattern, "u").is_ok_and(|r| r.find(value).is_some())
}

/// Follows a check's path (resolved by lint to field indices) through nested JSON objects to a
/// string value and its field's type.
fn resolve<'v, 's>(
    spec: &'s Spec,
    schema: &'s Object,
    map: &'v Map<String, Value>,
    path: &CheckPath,
) -> Option<(&'s FieldType, &'v str)> {
    let (last, parents) = path.steps.split_last()?;
    let (mut schema, mut map) = (schema, map);
    for step in parents {
        let field = schema.fields.get(step.index)?;
        let (FieldType::Object(inner), Some(Value::Object(inner_map))) =
            (&field.ty, map.get(&field.name))
        else {
            return None;
        };
        schema = spec.object(inner)?;
        map = inner_map;
    }
    let field = schema.fields.get(last.index)?;
    match map.get(&field.name)? {
        Value::String(s) => Some((&field.ty, s.as_str())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::mask_card_numbers;

    #[test]
    fn card_numbers_are_masked_wherever_they_are() {
        let cases = [
            ("4111111111111111", "************1111"),
            ("4111 1111 1111 1111", "**** **** **** 1111"),
            ("4111-1111-1111-1111", "****-****-****-1111"),
            ("card 4111111111111111!", "card ************1111!"),
            // Not Luhn-valid, too short, too long: shown as they are.
            ("4111111111111112", "4111111111111112"),
            ("411111111111", "411111111111"),
            ("41111111111111111111", "41111111111111111111"),
            ("409280", "409280"),
            ("************1111", "************1111"),
        ];
        for (input, shown) in cases {
            assert_eq!(mask_card_numbers(input), shown, "{input}");
        }
    }
}
