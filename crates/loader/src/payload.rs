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
/// key last) in a value of type `object`, with every value it has in the text (`values`): an
/// error when the key is a sensitive field or an object field that holds one at any depth, or
/// when the key, or a key at any depth inside a value, is the wire name of a sensitive field of
/// `object` or of a type it reaches, or a string or key inside a value holds a card number; a
/// warning otherwise. The words of `antom validate`, card numbers masked in the pointer as in
/// the message.
pub fn duplicate_key(spec: &Spec, object: &str, path: &[String], values: &[&Value]) -> Issue {
    let mut current = spec.object(object);
    let mut secret = false;
    for (i, segment) in path.iter().enumerate() {
        let field = current.and_then(|o| o.fields.iter().find(|f| &f.name == segment));
        if i + 1 == path.len() {
            secret = field.is_some_and(|f| holds_sensitive(spec, f, 0));
        }
        current = match field.map(|f| &f.ty) {
            Some(FieldType::Object(inner)) => spec.object(inner),
            _ => None,
        };
    }
    let key = path.last().map_or("", String::as_str);
    if !secret {
        let names = sensitive_names(spec, object);
        secret = names.contains(&key) || values.iter().any(|v| holds_secret(v, &names));
    }
    let pointer: String = path
        .iter()
        .map(|s| {
            let s = mask_card_numbers(s);
            format!("/{}", s.replace('~', "~0").replace('/', "~1"))
        })
        .collect();
    Issue {
        path: pointer,
        rule: "duplicate_key".to_owned(),
        severity: if secret {
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

/// Whether `field` is sensitive or an object whose fields hold a sensitive one at any depth
/// (`depth` stops a cycle that lint would have refused).
fn holds_sensitive(spec: &Spec, field: &crate::model::Field, depth: usize) -> bool {
    field.sensitive
        || match &field.ty {
            FieldType::Object(name) if depth < 64 => spec
                .object(name)
                .is_some_and(|o| o.fields.iter().any(|f| holds_sensitive(spec, f, depth + 1))),
            _ => false,
        }
}

/// The wire names of the sensitive fields of the type `object` and of every type it reaches.
fn sensitive_names<'s>(spec: &'s Spec, object: &str) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut todo: Vec<&str> = vec![object];
    while let Some(name) = todo.pop() {
        let Some(object) = spec.object(name) else {
            continue;
        };
        if seen.contains(&object.name.as_str()) {
            continue;
        }
        seen.push(&object.name);
        for field in &object.fields {
            if field.sensitive {
                names.push(field.name.as_str());
            }
            if let FieldType::Object(inner) = &field.ty {
                todo.push(inner);
            }
        }
    }
    names
}

/// Whether `value` holds, at any depth, a key in `names` or a string or key with a card number.
/// An explicit stack: no recursion, whatever the depth.
fn holds_secret(value: &Value, names: &[&str]) -> bool {
    let card = |s: &str| matches!(mask_card_numbers(s), Cow::Owned(_));
    let mut todo = vec![value];
    while let Some(value) = todo.pop() {
        match value {
            Value::String(s) if card(s) => return true,
            Value::Array(items) => todo.extend(items),
            Value::Object(map) => {
                for (key, item) in map {
                    if names.contains(&key.as_str()) || card(key) {
                        return true;
                    }
                    todo.push(item);
                }
            }
            _ => {}
        }
    }
    false
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

/// `text` with every card number masked: in each run of ASCII digits, spaces and `-`, every
/// window of 13 to 19 consecutive digits (separators skipped) that passes the Luhn check has its
/// digits hidden but its last four; a digit is hidden when any window hides it
/// (`4111 1111 1111 1111 1` → `**** **** **** 1111 1`). The rule and the words of
/// `antom_callback::mask_card_numbers`; both read `tests/masking/card_numbers.json`.
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    const MIN: usize = 13;
    const MAX: usize = 19;
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut digits: Vec<usize> = Vec::new();
    let in_run = |b: u8| b.is_ascii_digit() || b == b' ' || b == b'-';
    let mut i = 0;
    while i < bytes.len() {
        if !in_run(bytes[i]) {
            i += 1;
            continue;
        }
        digits.clear();
        while i < bytes.len() && in_run(bytes[i]) {
            if bytes[i].is_ascii_digit() {
                digits.push(i);
            }
            i += 1;
        }
        for end in MIN..=digits.len() {
            let mut sum = 0;
            for (k, start) in (end.saturating_sub(MAX)..end).rev().enumerate() {
                let d = u32::from(bytes[digits[start]] - b'0');
                sum += match (k % 2, d * 2) {
                    (0, _) => d,
                    (_, twice) if twice > 9 => twice - 9,
                    (_, twice) => twice,
                };
                if k + 1 >= MIN && sum.is_multiple_of(10) {
                    let out = out.get_or_insert_with(|| bytes.to_vec());
                    for &at in &digits[start..end - 4] {
                        out[at] = b'*';
                    }
                }
            }
        }
    }
    match out {
        // Only ASCII digits were replaced by ASCII `*`: still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_default()),
        None => Cow::Borrowed(text),
    }
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

    /// The shared table of card-number placements, which every language's validator masks
    /// alike.
    #[test]
    fn card_numbers_are_masked_as_the_shared_table_says() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/masking/card_numbers.json"
        );
        let text = std::fs::read_to_string(path).expect("the table");
        let table: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let rows = table["rows"].as_array().expect("rows");
        assert!(rows.len() >= 20);
        for row in rows {
            let (input, masked) = (row["input"].as_str(), row["masked"].as_str());
            let (Some(input), Some(masked)) = (input, masked) else {
                panic!("a row without input or masked: {row}");
            };
            assert_eq!(mask_card_numbers(input), masked, "{}", row["name"]);
        }
    }
}
