//! The validation interpreter: walks a JSON value against the generated schema tables and
//! reports every violation at once, each with its JSON pointer.
//!
//! Semantics (the same in every target): wrong JSON types, missing required fields, strings
//! longer than `max_length` (counted in Unicode scalar values) and pattern mismatches are
//! errors; unknown enumeration values and failed cross-field checks are warnings; unknown keys
//! are accepted; `null` in an optional field counts as absent. Nothing here panics.

use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::meta::Outcome;
use crate::pattern::{self, Program};

/// How bad an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The payload breaks the spec.
    Error,
    /// The payload is allowed but suspicious (an unknown value, inconsistent fields).
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

/// One violation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    /// JSON pointer (RFC 6901) of the offending value; `""` is the whole payload.
    pub path: String,
    /// Short stable rule name: `type`, `required`, `max_length`, `pattern`, `unknown_value`, or a
    /// cross-field rule of the spec.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        write!(
            f,
            "{}: {path}: {} [{}]",
            self.severity.as_str(),
            self.message,
            self.rule
        )
    }
}

/// Every issue found in one payload, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
    /// No errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
    /// Neither errors nor warnings.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }
}

/// An object type's fields and checks, as generated from the spec.
#[derive(Debug)]
pub struct ObjectSchema {
    pub name: &'static str,
    /// Sorted by wire name.
    pub fields: &'static [FieldSchema],
    pub checks: &'static [CheckSchema],
}

impl ObjectSchema {
    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&'static FieldSchema> {
        find_sorted(self.fields, name, |f| f.name).map(|i| &self.fields[i])
    }
}

/// A field of an object type.
#[derive(Debug)]
pub struct FieldSchema {
    /// Wire name.
    pub name: &'static str,
    pub required: bool,
    pub kind: FieldKind,
    pub max_length: Option<usize>,
    pub pattern: Option<&'static Pattern>,
    /// Values are left out of messages and `Debug`.
    pub sensitive: bool,
}

/// What a field holds.
#[derive(Debug)]
pub enum FieldKind {
    String,
    Any,
    Enum(&'static EnumSchema),
    Object(&'static ObjectSchema),
}

/// The known values of an open enumeration.
#[derive(Debug)]
pub struct EnumSchema {
    pub name: &'static str,
    /// Sorted by wire value.
    pub values: &'static [(&'static str, Option<Outcome>)],
}

impl EnumSchema {
    pub fn is_known(&self, value: &str) -> bool {
        self.find(value).is_some()
    }
    pub fn outcome(&self, value: &str) -> Option<Outcome> {
        self.values[self.find(value)?].1
    }
    fn find(&self, value: &str) -> Option<usize> {
        find_sorted(self.values, value, |(v, _)| v)
    }
}

/// The index of `name` in `items`, sorted by `key`. A short table is scanned: string equality
/// compares lengths before bytes, so most entries cost no byte comparison, which beats the
/// unpredictable branches (and byte-order comparisons) of a binary search.
fn find_sorted<T>(items: &[T], name: &str, key: impl Fn(&T) -> &str) -> Option<usize> {
    if items.len() <= 64 {
        return items.iter().position(|item| key(item) == name);
    }
    items.binary_search_by(|item| key(item).cmp(name)).ok()
}

/// A pattern of the spec's portable subset, compiled on first use.
pub struct Pattern {
    pub source: &'static str,
    /// What the pattern requires, in words.
    pub format: &'static str,
    fast: OnceLock<Option<Program>>,
    regex: OnceLock<Option<regress::Regex>>,
}

/// Longer strings go to `regress`, whose backtracking does not recurse per character.
const FAST_MATCH_MAX_BYTES: usize = 1024;

impl Pattern {
    pub const fn new(source: &'static str, format: &'static str) -> Pattern {
        Pattern {
            source,
            format,
            fast: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    /// Whether the whole of `value` matches (patterns are anchored).
    pub fn is_match(&self, value: &str) -> bool {
        match self.fast() {
            Some(program) if value.len() <= FAST_MATCH_MAX_BYTES => program.is_match(value),
            _ => self.is_match_general(value),
        }
    }

    fn fast(&self) -> Option<&Program> {
        self.fast
            .get_or_init(|| pattern::compile(self.source))
            .as_ref()
    }

    /// Whether the pattern is matched by `regress` alone, without the fast path (for tests
    /// that compare the two).
    #[doc(hidden)]
    pub fn is_match_general(&self, value: &str) -> bool {
        let regex = self
            .regex
            .get_or_init(|| regress::Regex::with_flags(self.source, "u").ok());
        regex.as_ref().is_some_and(|r| r.find(value).is_some())
    }

    /// Whether the fast matcher handles this pattern (every pattern a linted spec can hold).
    #[doc(hidden)]
    pub fn has_fast_path(&self) -> bool {
        self.fast().is_some()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .finish()
    }
}

/// A cross-field consistency check; a failure is a warning.
#[derive(Debug)]
pub struct CheckSchema {
    pub rule: &'static str,
    pub kind: CheckKind,
    /// Field paths, as wire-name segments from the object.
    pub fields: &'static [&'static [&'static str]],
    pub message: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// The first field equals the end of the second where that end is all digits.
    DigitsSuffix,
    /// Known values of the fields that carry an outcome agree on it.
    SameOutcome,
}

/// Validates `value` as an instance of `schema`.
pub fn validate_as(schema: &'static ObjectSchema, value: &Value) -> Report {
    let mut v = Validator {
        path: String::with_capacity(64),
        report: Report::default(),
    };
    v.object(schema, value);
    v.report
}

struct Validator {
    path: String,
    report: Report,
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

/// Whether `serde_json::Map` iterates in key order (its default) rather than insertion order
/// (its `preserve_order` feature, which another crate of the build may turn on).
fn maps_are_sorted() -> bool {
    static SORTED: OnceLock<bool> = OnceLock::new();
    *SORTED.get_or_init(|| {
        let mut map = Map::new();
        map.insert("b".to_owned(), Value::Null);
        map.insert("a".to_owned(), Value::Null);
        map.keys().next().is_some_and(|k| k == "a")
    })
}

/// The first eight bytes of a key, zero-padded, as a number that orders like the bytes.
#[inline]
fn key_prefix(s: &str) -> u64 {
    let s = s.as_bytes();
    match s.first_chunk::<8>() {
        Some(head) => u64::from_be_bytes(*head),
        None => s
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &b)| acc | u64::from(b) << (56 - 8 * i)),
    }
}

/// `a < b` in byte order. Keys and field names are short and mostly differ in their first
/// eight bytes, which one integer comparison settles without a call to `memcmp`.
#[inline]
fn key_less(a: &str, b: &str) -> bool {
    let (x, y) = (key_prefix(a), key_prefix(b));
    if x == y { a < b } else { x < y }
}

/// Appends a JSON pointer segment. Paths are only built from spec field names, which the
/// linter restricts to ASCII letters, digits and `_`: nothing to escape.
fn push_segment(path: &mut String, segment: &str) {
    path.push('/');
    path.push_str(segment);
}

/// Quotes a value for a message, shortened so a huge payload does not make a huge report.
fn quote(value: &str) -> String {
    const MAX: usize = 64;
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("`{head}…`")
    } else {
        format!("`{head}`")
    }
}

impl Validator {
    fn issue(&mut self, rule: &'static str, severity: Severity, message: String) {
        self.report.issues.push(Issue {
            path: self.path.clone(),
            rule,
            severity,
            message,
        });
    }

    fn object(&mut self, schema: &'static ObjectSchema, value: &Value) {
        let Value::Object(map) = value else {
            let found = json_type(value);
            self.issue(
                "type",
                Severity::Error,
                format!("expected an object ({}), found {found}", schema.name),
            );
            return;
        };
        // Schema fields are sorted by bytes, and so are the keys of serde_json's default map:
        // walk both together. With serde_json's `preserve_order` feature the keys come in
        // insertion order, and lookups take over.
        let sorted = maps_are_sorted();
        let mut entries = map.iter().peekable();
        for field in schema.fields {
            let value = if sorted {
                while entries.next_if(|(k, _)| key_less(k, field.name)).is_some() {}
                entries
                    .next_if(|(k, _)| k.as_str() == field.name)
                    .map(|(_, v)| v)
            } else {
                map.get(field.name)
            };
            if !field.required && matches!(value, None | Some(Value::Null)) {
                continue;
            }
            let len = self.path.len();
            push_segment(&mut self.path, field.name);
            match value {
                None | Some(Value::Null) => {
                    self.issue(
                        "required",
                        Severity::Error,
                        format!("`{}` is required", field.name),
                    );
                }
                Some(v) => self.field(field, v),
            }
            self.path.truncate(len);
        }
        for check in schema.checks {
            self.check(schema, check, map);
        }
    }

    fn field(&mut self, field: &'static FieldSchema, value: &Value) {
        match &field.kind {
            FieldKind::Any => {}
            FieldKind::Object(schema) => self.object(schema, value),
            FieldKind::String | FieldKind::Enum(_) => {
                let Value::String(s) = value else {
                    let found = json_type(value);
                    self.issue(
                        "type",
                        Severity::Error,
                        format!("expected a string, found {found}"),
                    );
                    return;
                };
                self.string(field, s);
            }
        }
    }

    fn string(&mut self, field: &'static FieldSchema, s: &str) {
        // A string of at most `max` bytes has at most `max` characters: count only longer ones.
        if let Some(max) = field.max_length
            && s.len() > max
        {
            let len = s.chars().count();
            if len > max {
                self.issue(
                    "max_length",
                    Severity::Error,
                    format!("is {len} characters long, more than the maximum of {max}"),
                );
            }
        }
        if let Some(pattern) = field.pattern
            && !pattern.is_match(s)
        {
            let shown = if field.sensitive {
                "the value".to_owned()
            } else {
                quote(s)
            };
            self.issue(
                "pattern",
                Severity::Error,
                format!(
                    "{shown} does not have the expected format ({})",
                    pattern.format
                ),
            );
        }
        if let FieldKind::Enum(e) = &field.kind
            && !e.is_known(s)
        {
            self.issue(
                "unknown_value",
                Severity::Warning,
                format!("{} is not a known {} value", quote(s), e.name),
            );
        }
    }

    fn check(
        &mut self,
        schema: &'static ObjectSchema,
        check: &CheckSchema,
        map: &Map<String, Value>,
    ) {
        match check.kind {
            CheckKind::DigitsSuffix => {
                let [short_path, long_path] = check.fields else {
                    return;
                };
                let (Some((_, short)), Some((_, long))) = (
                    resolve(schema, map, short_path),
                    resolve(schema, map, long_path),
                ) else {
                    return;
                };
                let n = short.chars().count();
                if n == 0
                    || long
                        .chars()
                        .rev()
                        .take(n)
                        .filter(char::is_ascii_digit)
                        .count()
                        < n
                {
                    return;
                }
                if !long.chars().rev().take(n).eq(short.chars().rev()) {
                    self.warn_at(short_path, check);
                }
            }
            CheckKind::SameOutcome => {
                let mut first: Option<Outcome> = None;
                for path in check.fields {
                    let Some((field, value)) = resolve(schema, map, path) else {
                        continue;
                    };
                    let FieldKind::Enum(e) = &field.kind else {
                        continue;
                    };
                    let Some(outcome) = e.outcome(value) else {
                        continue;
                    };
                    match first {
                        None => first = Some(outcome),
                        Some(f) if f != outcome => {
                            self.warn_at(path, check);
                            return;
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }

    /// A check's warning at the pointer of one of its fields.
    fn warn_at(&mut self, relative: &[&str], check: &CheckSchema) {
        let mut path = self.path.clone();
        for segment in relative {
            push_segment(&mut path, segment);
        }
        self.report.issues.push(Issue {
            path,
            rule: check.rule,
            severity: Severity::Warning,
            message: check.message.to_owned(),
        });
    }
}

/// Follows a field path through nested objects to a string value.
fn resolve<'v>(
    schema: &'static ObjectSchema,
    map: &'v Map<String, Value>,
    path: &[&str],
) -> Option<(&'static FieldSchema, &'v str)> {
    let (last, parents) = path.split_last()?;
    let mut schema = schema;
    let mut map = map;
    for segment in parents {
        let field = schema.field(segment)?;
        let FieldKind::Object(inner) = &field.kind else {
            return None;
        };
        let Value::Object(inner_map) = map.get(*segment)? else {
            return None;
        };
        schema = inner;
        map = inner_map;
    }
    let field = schema.field(last)?;
    match map.get(*last)? {
        Value::String(s) => Some((field, s.as_str())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::key_less;
    use proptest::prelude::*;

    proptest! {
        /// The prefix comparison orders keys exactly as `str` does, NUL bytes and keys shorter
        /// than eight bytes included.
        #[test]
        fn key_less_is_str_order(a in "[a\\x00b]{0,10}", b in "[a\\x00b]{0,10}") {
            prop_assert_eq!(key_less(&a, &b), a < b);
        }

        #[test]
        fn key_less_is_str_order_on_any_text(a in any::<String>(), b in any::<String>()) {
            prop_assert_eq!(key_less(&a, &b), a < b);
        }
    }
}
