//! The validation interpreter: walks a JSON value against the generated schema tables and
//! reports every violation at once, each with its JSON pointer.
//!
//! Semantics (the same in every target): wrong JSON types, missing required fields, strings
//! longer than `max_length` (counted in Unicode scalar values) and pattern mismatches are
//! errors; unknown enumeration values and failed cross-field checks are warnings; unknown keys
//! are accepted; `null` in an optional field counts as absent. Nothing here panics.
//!
//! Validation is table-driven: the generator emits static schema tables (`ObjectSchema`,
//! `FieldSchema`, `EnumSchema`, `CheckSchema`) and one hand-written interpreter per language walks
//! a JSON value against them, so semantics live in one place per language and generated code stays
//! declarative. Cross-field checks are data too (`digits_suffix`, `same_outcome`); their failures
//! are warnings at the pointer of the field that disagrees.
//!
//! The one Rust implementation of these rules: the table types take the lifetime of their strings
//! (`ObjectSchemaOf<'s>` and the rest; `ObjectSchema` and the other names are the `'static`
//! aliases the generated statics use), so `antom_spec::payload` builds the same tables for a spec
//! loaded at run time, and lint's sample check and `antom validate --spec` run this validator
//! (`validate_as`, `duplicate_key`). Lifetimes change no machine code; a check's rule is borrowed
//! from the generated tables and copied from loaded ones (`Validator::rule_of`).
//!
//! Two ways into one validator: `validate(&Value)` walks a JSON value (keys and sorted fields
//! merged, no lookups); a decoded payload validates without the JSON through `Walk`, which each
//! generated type's `Fields::walk` drives with only what can break. Both share the per-field rules
//! and texts in `Validator`; pointers are a stack of borrowed field names written out only for an
//! issue, whose pointer and message share one allocation (`Issue::path()`, `Issue::message()`).
//! That keeps parse plus validate near parse alone (BENCHMARKS.md). The reports are equal issue for
//! issue: checked on every vector and the arbitrary payloads (`tests/tests/vectors.rs`), by a
//! proptest and by the `validator` fuzz target.
//!
//! Every message names the values it compares, in the same words in every language: a value is
//! quoted in backticks, card numbers masked and cut after 64 characters with `…` (`quote`); a
//! sensitive field's value never, as `the value` where it is the subject and `<redacted>` in a
//! check's evidence. A check's warning is the spec's message, `: `, then its evidence: each field
//! as its path with `.` between wire names and its value, `same_outcome` the first field with a
//! known outcome and the one that disagrees, each followed by `is` and its outcome, and
//! `digits_suffix` both fields. A `max_length` error leads with the value, and a `type` error
//! where an object belongs quotes a string it found (text encoded twice shows itself); numbers,
//! arrays and objects are named by their JSON type only, since each runtime writes numbers its
//! own way.
//!
//! No message shows a card number: every message, key and pointer that quotes input, and every
//! redacted JSON and `Debug` output, goes through `mask_card_numbers`. In each run of ASCII digits,
//! spaces and `-`, every window of 13 to 19 digits that passes the Luhn check keeps its last four
//! digits and the rest become `*` (a digit any overlapping window hides is hidden; separators
//! stay). Windows, not whole values, so a number inside other text is masked too. The same rule is
//! in every language, checked against `tests/masking/card_numbers.json`. Redaction (`redact`,
//! `JsonObject::to_redacted_json`, `Payload`'s `Display`) replaces a sensitive key's value,
//! whatever its type, by `"<redacted>"` and masks every other string, kept keys included.
//! `validate_callback(code, Option<&str>)`, the mobile entry point: no `result` for `None`, empty,
//! whitespace or `null`; text that is not JSON is one `invalid_json` error at `/result` with the
//! message every runtime gives ([`crate::JsonError`]).

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::lenient::{Note, NoteKind};
use crate::meta::Outcome;
use crate::pattern::{self, Program};
use crate::quick::TextObject;

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

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One violation.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Issue {
    /// The pointer, then the message: one allocation per issue.
    text: String,
    /// Where the message starts in `text`.
    split: usize,
    /// Borrowed for the built-in tables' rules; a loaded spec's check rules are owned.
    rule: Cow<'static, str>,
    severity: Severity,
}

impl Issue {
    /// Short stable rule name: `type`, `required`, `max_length`, `pattern`, `unknown_value`,
    /// `duplicate_key`, a reading rule (`number_range`; `invalid_json` for text that is not
    /// exactly one JSON value, [`JsonError::issue`](crate::JsonError::issue)), or a cross-field
    /// rule of the spec.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// [`rule`](Self::rule), without a copy when it is the validator's own or a rule of the
    /// generated tables (only a check rule of tables built at run time is owned).
    pub fn rule_name(&self) -> Cow<'static, str> {
        self.rule.clone()
    }

    /// Whether the issue breaks the spec or is only suspicious.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// JSON pointer (RFC 6901) of the offending value; `""` is the whole payload.
    pub fn path(&self) -> &str {
        &self.text[..self.split]
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.text[self.split..]
    }

    /// The same issue at `prefix` followed by its pointer: for a value read on its own and
    /// validated as part of a larger one.
    pub(crate) fn under(mut self, prefix: &str) -> Issue {
        self.text.insert_str(0, prefix);
        self.split += prefix.len();
        self
    }

    /// The pointer as shown to people: `(root)` for the whole payload.
    pub fn shown_path(&self) -> &str {
        match self.path() {
            "" => "(root)",
            path => path,
        }
    }
}

impl fmt::Debug for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Issue")
            .field("path", &self.path())
            .field("rule", &self.rule)
            .field("severity", &self.severity)
            .field("message", &self.message())
            .finish()
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {} [{}]",
            self.severity.as_str(),
            self.shown_path(),
            self.message(),
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

/// The generated tables' types: strings and tables that live as long as the program.
pub type ObjectSchema = ObjectSchemaOf<'static>;
/// A generated table's field.
pub type FieldSchema = FieldSchemaOf<'static>;
/// What a generated table's field holds.
pub type FieldKind = FieldKindOf<'static>;
/// A generated table of an enumeration's known values.
pub type EnumSchema = EnumSchemaOf<'static>;
/// A generated table's cross-field check.
pub type CheckSchema = CheckSchemaOf<'static>;
/// A generated table's pattern.
pub type Pattern = PatternOf<'static>;

/// An object type's fields and checks, as generated from the spec (the statics,
/// [`ObjectSchema`]) or built for a spec loaded at run time, whose strings live for `'s`.
#[derive(Debug)]
pub struct ObjectSchemaOf<'s> {
    pub name: &'s str,
    /// Sorted by wire name.
    pub fields: &'s [FieldSchemaOf<'s>],
    pub checks: &'s [CheckSchemaOf<'s>],
}

impl<'s> ObjectSchemaOf<'s> {
    /// The field with this wire name.
    pub fn field(&self, name: &str) -> Option<&'s FieldSchemaOf<'s>> {
        find_sorted(self.fields, name, |f| f.name).map(|i| &self.fields[i])
    }
}

/// A field of an object type.
#[derive(Debug)]
pub struct FieldSchemaOf<'s> {
    /// Wire name.
    pub name: &'s str,
    pub required: bool,
    pub kind: FieldKindOf<'s>,
    pub max_length: Option<usize>,
    pub pattern: Option<&'s PatternOf<'s>>,
    /// Values are left out of messages and `Debug`.
    pub sensitive: bool,
}

/// What a field holds.
#[derive(Debug)]
pub enum FieldKindOf<'s> {
    String,
    Any,
    Enum(&'s EnumSchemaOf<'s>),
    Object(&'s ObjectSchemaOf<'s>),
}

/// The known values of an open enumeration.
#[derive(Debug)]
pub struct EnumSchemaOf<'s> {
    pub name: &'s str,
    /// Sorted by wire value.
    pub values: &'s [(&'s str, Option<Outcome>)],
}

impl EnumSchemaOf<'_> {
    pub fn is_known(&self, value: &str) -> bool {
        self.find(value).is_some()
    }
    pub fn outcome(&self, value: &str) -> Option<Outcome> {
        self.values[self.find(value)?].1
    }
    /// The index of `value` in [`values`](Self::values).
    pub(crate) fn find(&self, value: &str) -> Option<usize> {
        find_sorted(self.values, value, |(v, _)| v)
    }
}

/// The index of `name` in `items`, sorted by `key`. A short table is scanned: string equality
/// compares lengths before bytes, so most entries cost no byte comparison, which beats the
/// unpredictable branches (and byte-order comparisons) of a binary search.
fn find_sorted<T>(items: &[T], name: &str, key: impl Fn(&T) -> &str) -> Option<usize> {
    if items.len() <= 64 {
        let name = name.as_bytes();
        return items
            .iter()
            .position(|item| same_bytes(key(item).as_bytes(), name));
    }
    items.binary_search_by(|item| key(item).cmp(name)).ok()
}

/// `a == b`, for the short strings of names and values, without a call to `memcmp`: the
/// lengths first, then eight bytes at a time, the last word overlapping the one before.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |s: &[u8], i: usize| {
        s.get(i..)
            .and_then(|s| s.first_chunk::<8>())
            .map(|w| u64::from_ne_bytes(*w))
    };
    let mut i = 0;
    while i + 8 < n {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

/// A pattern of the spec's portable subset, compiled on first use.
pub struct PatternOf<'s> {
    pub source: &'s str,
    /// What the pattern requires, in words.
    pub format: &'s str,
    fast: OnceLock<Option<Program>>,
    regex: OnceLock<Option<regress::Regex>>,
}

impl<'s> PatternOf<'s> {
    pub const fn new(source: &'s str, format: &'s str) -> PatternOf<'s> {
        PatternOf {
            source,
            format,
            fast: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    /// Whether the whole of `value` matches (patterns are anchored).
    pub fn is_match(&self, value: &str) -> bool {
        match self.fast() {
            Some(program) => program.is_match(value),
            None => self.is_match_general(value),
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

    /// Whether the crate's own matcher (not `regress`) handles this pattern (every pattern a linted spec can hold).
    #[doc(hidden)]
    pub fn has_fast_path(&self) -> bool {
        self.fast().is_some()
    }
}

impl fmt::Debug for PatternOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .finish()
    }
}

/// A cross-field consistency check; a failure is a warning.
#[derive(Debug)]
pub struct CheckSchemaOf<'s> {
    pub rule: &'s str,
    pub kind: CheckKind,
    /// Field paths, as wire-name segments from the object.
    pub fields: &'s [&'s [&'s str]],
    /// The same paths as indices into each object's `fields`.
    pub indices: &'s [&'s [usize]],
    pub message: &'s str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// The first field equals the end of the second where that end is all digits.
    DigitsSuffix,
    /// Known values of the fields that carry an outcome agree on it.
    SameOutcome,
}

impl fmt::Display for FieldKindOf<'_> {
    /// `string`, `any`, `enum Funding`, `object CardPaymentResultInfo`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldKindOf::String => f.write_str("string"),
            FieldKindOf::Any => f.write_str("any"),
            FieldKindOf::Enum(e) => write!(f, "enum {}", e.name),
            FieldKindOf::Object(o) => write!(f, "object {}", o.name),
        }
    }
}

impl fmt::Display for CheckKind {
    /// The spec's name of the check kind: `digits_suffix` or `same_outcome`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckKind::DigitsSuffix => "digits_suffix",
            CheckKind::SameOutcome => "same_outcome",
        })
    }
}

/// A generated object type, field by field in its schema's order.
pub(crate) trait Fields {
    /// Hands every field to `walk` that it needs to see, in schema order, then every check's
    /// fields.
    fn walk(&self, walk: &mut Walk<'_>);
    /// The kept keys: unknown ones, and known ones whose value had the wrong JSON type.
    fn extra(&self) -> &Map<String, Value>;
}

/// Validates a decoded object against its schema: the same report as [`validate_as`] gives for
/// the JSON value it was decoded from, without looking keys up.
pub(crate) fn validate_fields(
    schema: &'static ObjectSchemaOf<'static>,
    object: &dyn Fields,
) -> Report {
    let mut v = Validator::built_in();
    v.typed(schema, object);
    v.report
}

/// Receives a decoded object's fields from its generated [`Fields::walk`], each by its index
/// in the object's schema; a field without a value is looked for in the kept keys.
pub(crate) struct Walk<'a> {
    validator: &'a mut Validator<'static>,
    schema: &'static ObjectSchemaOf<'static>,
    extra: &'a Map<String, Value>,
}

impl Walk<'_> {
    /// An optional field without a value: a value of the wrong type may be among the kept keys.
    #[inline]
    pub(crate) fn absent(&mut self, index: usize) {
        if !self.extra.is_empty() {
            self.kept(index);
        }
    }

    /// A required field without a value.
    pub(crate) fn missing(&mut self, index: usize) {
        self.kept(index);
    }

    fn kept(&mut self, index: usize) {
        let field = &self.schema.fields[index];
        self.validator
            .field(field, Seen::json(self.extra.get(field.name)));
    }

    /// A string field with a `max_length` or a pattern.
    pub(crate) fn string(&mut self, index: usize, value: &str) {
        self.present(index, Seen::Str(value, None));
    }

    /// An enumeration value, and whether it is a known one.
    pub(crate) fn enumeration(&mut self, index: usize, value: &str, known: bool) {
        self.present(index, Seen::Str(value, Some(known)));
    }

    /// An object field's decoded value; a field that is not an object type (never, in
    /// generated code) reports an object as any other value of the wrong type.
    pub(crate) fn object(&mut self, index: usize, value: &dyn Fields) {
        let field = &self.schema.fields[index];
        match field.kind {
            FieldKindOf::Object(schema) => {
                self.validator.path.push(field.name);
                self.validator.typed(schema, value);
                self.validator.path.pop();
            }
            _ => self.present(index, Seen::Other("an object")),
        }
    }

    fn present(&mut self, index: usize, value: Seen<'_>) {
        self.validator.present(&self.schema.fields[index], value);
    }

    /// Check `index` (`digits_suffix`) on its two fields' string values.
    pub(crate) fn digits_suffix(&mut self, index: usize, short: Option<&str>, long: Option<&str>) {
        if let (Some(short), Some(long)) = (short, long) {
            let check = &self.schema.checks[index];
            let sensitive = |i: usize| sensitive_at(self.schema, check, i);
            let (short, long) = ((short, sensitive(0)), (long, sensitive(1)));
            self.validator.digits_suffix(check, short, long);
        }
    }

    /// Check `index` (`same_outcome`) on its fields' known values that have an outcome, each
    /// with its outcome.
    pub(crate) fn same_outcome(&mut self, index: usize, values: &[Option<(&str, Outcome)>]) {
        let check = &self.schema.checks[index];
        let schema = self.schema;
        let values = values.iter().enumerate().map(|(i, v)| {
            v.map(|(value, outcome)| (value, sensitive_at(schema, check, i), outcome))
        });
        self.validator.same_outcome(check, values);
    }
}

/// Whether the field at `check`'s path `index` is sensitive (its value is never shown).
fn sensitive_at(schema: &ObjectSchemaOf<'_>, check: &CheckSchemaOf<'_>, index: usize) -> bool {
    let Some((last, parents)) = check.indices.get(index).and_then(|p| p.split_last()) else {
        return false;
    };
    let mut schema = schema;
    for &i in parents {
        match schema.fields.get(i).map(|f| &f.kind) {
            Some(FieldKindOf::Object(inner)) => schema = inner,
            _ => return false,
        }
    }
    schema.fields.get(*last).is_some_and(|f| f.sensitive)
}

/// An object in any form the validator reads.
#[derive(Clone, Copy)]
pub(crate) enum Obj<'a> {
    Json(&'a Map<String, Value>),
    /// Read straight from JSON text by [`crate::quick`], its fields in schema order.
    Text(TextObject<'a>),
}

/// A field's value as the walk sees it, whichever form it came from.
pub(crate) enum Seen<'a> {
    /// Absent or `null`.
    Absent,
    /// A string, and whether it is a known value when a decoded enumeration already knows.
    Str(&'a str, Option<bool>),
    Object(Obj<'a>),
    /// Any other JSON value, by its type's name in messages ([`json_type`]).
    Other(&'static str),
}

impl<'a> Seen<'a> {
    fn json(value: Option<&'a Value>) -> Self {
        match value {
            None | Some(Value::Null) => Seen::Absent,
            Some(Value::String(s)) => Seen::Str(s, None),
            Some(Value::Object(map)) => Seen::Object(Obj::Json(map)),
            Some(other) => Seen::Other(json_type(other)),
        }
    }

    fn json_type(&self) -> &'static str {
        match self {
            Seen::Absent => "null",
            Seen::Str(..) => "a string",
            Seen::Object(_) => "an object",
            Seen::Other(found) => found,
        }
    }
}

/// Validates an object read from text by [`crate::quick`] as an instance of `schema`: the
/// report [`validate_as`] gives for the JSON value of the same text.
/// With `texts` false, each issue has its rule and severity but an empty pointer and message
/// (nothing is written out: for counting).
pub(crate) fn validate_text(
    schema: &'static ObjectSchemaOf<'static>,
    object: TextObject<'_>,
    texts: bool,
) -> Report {
    let mut v = Validator::built_in();
    v.texts = texts;
    v.object(schema, Obj::Text(object));
    v.report
}

/// Validates `value` as an instance of `schema`: the generated tables, or tables built for a
/// spec loaded at run time.
pub fn validate_as(schema: &ObjectSchemaOf<'_>, value: &Value) -> Report {
    validate_with(Validator::new(), schema, value)
}

/// [`validate_as`] on the generated tables, whose rules the issues borrow.
pub(crate) fn validate_built_in(schema: &'static ObjectSchemaOf<'static>, value: &Value) -> Report {
    validate_with(Validator::built_in(), schema, value)
}

fn validate_with<'s>(
    mut v: Validator<'s>,
    schema: &'s ObjectSchemaOf<'s>,
    value: &Value,
) -> Report {
    match value {
        Value::Object(map) => v.object(schema, Obj::Json(map)),
        Value::String(s) => v.not_an_object(schema, "a string", Some(s)),
        other => v.not_an_object(schema, json_type(other), None),
    }
    v.report
}

struct Validator<'s> {
    path: Segments<'s>,
    report: Report,
    /// Whether issues get their pointer and message (else only their rule and severity).
    texts: bool,
    /// A check's rule as an issue keeps it: borrowed from the generated tables, copied from
    /// tables built at run time.
    rule_of: fn(&'s str) -> Cow<'static, str>,
}

/// The JSON pointer of the value being checked, as the field names leading to it; written out
/// only for an issue. The first few live inline, so a walk allocates nothing for its path.
struct Segments<'s> {
    inline: [&'s str; INLINE],
    len: usize,
    /// Segments past the inline ones.
    deeper: Vec<&'s str>,
}

/// How many segments of a pointer live inline.
const INLINE: usize = 8;

impl<'s> Segments<'s> {
    fn new() -> Self {
        Segments {
            inline: [""; INLINE],
            len: 0,
            deeper: Vec::new(),
        }
    }

    fn push(&mut self, segment: &'s str) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = segment,
            None => self.deeper.push(segment),
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        self.len -= 1;
        if self.len >= INLINE {
            self.deeper.pop();
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let inline = &self.inline[..self.len.min(INLINE)];
        inline.iter().chain(&self.deeper).copied()
    }

    /// The pointer, followed by `more` segments, then `message`, in one string. Field names
    /// are restricted by the linter to ASCII letters, digits and `_`: nothing to escape.
    fn text(&self, more: &[&str], message: &[&str]) -> (String, usize) {
        let segments = || self.iter().chain(more.iter().copied());
        let pointer_len: usize = segments().map(|s| s.len() + 1).sum();
        let message_len: usize = message.iter().map(|p| p.len()).sum();
        let mut text = String::with_capacity(pointer_len + message_len);
        for segment in segments() {
            text.push('/');
            text.push_str(segment);
        }
        for piece in message {
            text.push_str(piece);
        }
        (text, pointer_len)
    }
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

/// `n` in decimal, written into `buf`.
fn decimal(n: usize, buf: &mut [u8; 20]) -> &str {
    let mut start = buf.len();
    let mut n = n;
    loop {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[start..]).unwrap_or_default()
}

/// A value quoted for a message: card numbers masked ([`mask_card_numbers`]), then shortened
/// so a huge payload does not make a huge report.
fn quote(value: &str) -> (Cow<'_, str>, &'static str) {
    const MAX: usize = 64;
    let masked = mask_card_numbers(value);
    match masked.char_indices().nth(MAX) {
        Some((end, _)) => (
            match masked {
                Cow::Borrowed(s) => Cow::Borrowed(&s[..end]),
                Cow::Owned(s) => Cow::Owned(s[..end].to_owned()),
            },
            "…`",
        ),
        None => (masked, "`"),
    }
}

/// `text` with every card number masked, so that no message, key or pointer shows one: in
/// each run of ASCII digits, spaces and `-`, every window of 13 to 19 consecutive digits
/// (separators skipped) that passes the Luhn check has its digits hidden but its last four;
/// a hidden digit becomes `*`, separators and every other character stay
/// (`4111 1111 1111 1111` → `**** **** **** 1111`). Overlapping windows: a digit is hidden
/// when any window hides it, so no Luhn-valid window is left whole, even inside a longer run
/// (`1 4111111111111111` → `1 ************1111`), and a number run together with other digits
/// may lose its last four too. Every target's validator masks the same way
/// (`tests/masking/card_numbers.json`).
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    // The positions of the current run's digits, reused from run to run.
    let mut digits: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_run_byte(bytes[i]) {
            i += 1;
            continue;
        }
        digits.clear();
        while i < bytes.len() && is_run_byte(bytes[i]) {
            if bytes[i].is_ascii_digit() {
                digits.push(i);
            }
            i += 1;
        }
        if digits.len() >= MIN_CARD_DIGITS {
            hide_card_windows(bytes, &digits, &mut out);
        }
    }
    match out {
        // Only ASCII digits were replaced, by ASCII `*`: still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_default()),
        None => Cow::Borrowed(text),
    }
}

const MIN_CARD_DIGITS: usize = 13;
const MAX_CARD_DIGITS: usize = 19;

/// A byte of a run that may hold a card number: an ASCII digit, a space or `-`.
fn is_run_byte(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b' ' | b'-')
}

/// Hides, in `out` (a copy of `bytes` made on the first change), every digit but the last four
/// of each Luhn-valid window of 13 to 19 of the run's `digits` (their positions in `bytes`).
fn hide_card_windows(bytes: &[u8], digits: &[usize], out: &mut Option<Vec<u8>>) {
    for end in MIN_CARD_DIGITS..=digits.len() {
        // The Luhn sum of the window ending at `end`, grown one digit to the left at a time:
        // the last digit is not doubled, the one before it is, and so on.
        let mut sum = 0;
        for (k, start) in (end.saturating_sub(MAX_CARD_DIGITS)..end).rev().enumerate() {
            let d = u32::from(bytes[digits[start]] - b'0');
            sum += if k % 2 == 1 { luhn_double(d) } else { d };
            if k + 1 >= MIN_CARD_DIGITS && sum.is_multiple_of(10) {
                let out = out.get_or_insert_with(|| bytes.to_vec());
                for &at in &digits[start..end - 4] {
                    out[at] = b'*';
                }
            }
        }
    }
}

/// A digit doubled for the Luhn sum: `2d`, less 9 when that has two digits.
fn luhn_double(d: u32) -> u32 {
    let twice = d * 2;
    if twice > 9 { twice - 9 } else { twice }
}

/// The issue for a key that appears more than once in an object, at `path` (keys and array
/// indices, the repeated key last) under `schema`, with every value it has in the text
/// (`values`): an error when one of the values may carry a secret that a reader keeping another
/// value never sees, a warning otherwise. A secret, by the schema: the key is a sensitive field
/// or an object field that holds one at any depth; by the values: the key, or a key at any depth
/// inside a value, is the wire name of a sensitive field of `schema` or of an object it reaches,
/// or a string or key inside a value holds a card number ([`mask_card_numbers`] would hide it).
pub fn duplicate_key<'s>(
    schema: &'s ObjectSchemaOf<'s>,
    path: &[String],
    values: &[&Value],
) -> Issue {
    let mut current = Some(schema);
    let mut secret = false;
    for (i, segment) in path.iter().enumerate() {
        let field = current.and_then(|s| s.field(segment));
        if i + 1 == path.len() {
            secret = field.is_some_and(holds_sensitive);
        }
        current = match field.map(|f| &f.kind) {
            Some(FieldKindOf::Object(inner)) => Some(inner),
            _ => None,
        };
    }
    let key = path.last().map_or("", String::as_str);
    if !secret {
        let names = sensitive_names(schema);
        secret = names.contains(&key) || values.iter().any(|v| holds_secret(v, &names));
    }
    let mut text = pointer(path);
    let split = text.len();
    let (head, end) = quote(key);
    text.push('`');
    text.push_str(&head);
    text.push_str(end);
    text.push_str(" appears more than once in this object: readers disagree on which value counts");
    Issue {
        text,
        split,
        rule: Cow::Borrowed("duplicate_key"),
        severity: if secret {
            Severity::Error
        } else {
            Severity::Warning
        },
    }
}

/// Whether `field` is sensitive or an object whose fields hold a sensitive one at any depth.
/// Lint refuses an object that contains itself, so the walk ends.
fn holds_sensitive(field: &FieldSchemaOf<'_>) -> bool {
    field.sensitive
        || match field.kind {
            FieldKindOf::Object(inner) => inner.fields.iter().any(holds_sensitive),
            _ => false,
        }
}

/// The wire names of the sensitive fields of `schema` and of every object type it reaches.
fn sensitive_names<'s>(schema: &'s ObjectSchemaOf<'s>) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut seen: Vec<&ObjectSchemaOf<'_>> = Vec::new();
    let mut todo = vec![schema];
    while let Some(object) = todo.pop() {
        if seen.iter().any(|s| std::ptr::eq(*s, object)) {
            continue;
        }
        seen.push(object);
        for field in object.fields {
            if field.sensitive {
                names.push(field.name);
            }
            if let FieldKindOf::Object(inner) = field.kind {
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

/// The error for text at `path` that is not JSON: rule `invalid_json` with the error's message
/// (`invalid JSON at line L, column C: WHAT`), the words of every runtime.
pub(crate) fn invalid_json(path: &str, error: &crate::JsonError) -> Issue {
    let text = format!("{path}{error}");
    Issue {
        text,
        split: path.len(),
        rule: Cow::Borrowed("invalid_json"),
        severity: Severity::Error,
    }
}

/// The issue for what the reader could not keep as written (see [`crate::lenient`]).
pub(crate) fn read_note(note: &Note) -> Issue {
    let (rule, severity, message) = match note.kind {
        NoteKind::OutOfRange => (
            "number_range",
            Severity::Warning,
            "the number is beyond the range of a 64-bit float: read as the largest finite float of its sign",
        ),
    };
    let mut text = pointer(&note.path);
    let split = text.len();
    text.push_str(message);
    Issue {
        text,
        split,
        rule: Cow::Borrowed(rule),
        severity,
    }
}

/// The JSON pointer (RFC 6901) of a path of keys and indices, each key's card numbers masked
/// ([`mask_card_numbers`]) before it is escaped.
fn pointer(path: &[String]) -> String {
    let mut text = String::new();
    for segment in path {
        text.push('/');
        text.push_str(
            &mask_card_numbers(segment)
                .replace('~', "~0")
                .replace('/', "~1"),
        );
    }
    text
}

impl Validator<'static> {
    /// A validator on the generated tables.
    fn built_in() -> Self {
        Validator {
            rule_of: Cow::Borrowed,
            ..Validator::new()
        }
    }

    /// Walks a decoded object of the generated types (only they have one).
    fn typed(&mut self, schema: &'static ObjectSchemaOf<'static>, object: &dyn Fields) {
        object.walk(&mut Walk {
            validator: self,
            schema,
            extra: object.extra(),
        });
    }
}

impl<'s> Validator<'s> {
    fn new() -> Self {
        Validator {
            path: Segments::new(),
            report: Report::default(),
            texts: true,
            rule_of: |rule| Cow::Owned(rule.to_owned()),
        }
    }

    /// An issue at the current pointer, its message given in pieces.
    fn issue(&mut self, rule: &'static str, severity: Severity, message: &[&str]) {
        self.issue_at(&[], Cow::Borrowed(rule), severity, message);
    }

    /// An issue at the current pointer followed by `more` segments.
    fn issue_at(
        &mut self,
        more: &[&str],
        rule: Cow<'static, str>,
        severity: Severity,
        message: &[&str],
    ) {
        let (text, split) = if self.texts {
            self.path.text(more, message)
        } else {
            (String::new(), 0)
        };
        self.report.issues.push(Issue {
            text,
            split,
            rule,
            severity,
        });
    }

    /// A value that is not an object where `schema` belongs: its JSON type, and a string's
    /// value quoted (text encoded twice shows itself) unless the field is sensitive.
    fn not_an_object(&mut self, schema: &ObjectSchemaOf<'_>, found: &str, string: Option<&str>) {
        let head = ["expected an object (", schema.name, "), found ", found];
        match string {
            Some(s) if self.texts => {
                let (quoted, end) = quote(s);
                let [a, b, c, d] = head;
                self.issue("type", Severity::Error, &[a, b, c, d, " `", &quoted, end]);
            }
            _ => self.issue("type", Severity::Error, &head),
        }
    }

    fn object(&mut self, schema: &'s ObjectSchemaOf<'s>, object: Obj<'_>) {
        let map = match object {
            Obj::Json(map) => map,
            // Fields in schema order, then the checks: as for a JSON object.
            Obj::Text(text) => {
                for (field, slot) in schema.fields.iter().zip(text.slots(schema.fields.len())) {
                    // An absent optional field: nothing to check.
                    if field.required || !slot.is_absent() {
                        self.field(field, text.seen(*slot));
                    }
                }
                for check in schema.checks {
                    self.check(check, |at| text.resolve(schema, at));
                }
                return;
            }
        };
        if maps_are_sorted() {
            // Schema fields are sorted by bytes, and so are the keys of serde_json's default
            // map: walk both together.
            let mut entries = map.iter().peekable();
            for field in schema.fields {
                while entries.next_if(|(k, _)| key_less(k, field.name)).is_some() {}
                let value = entries
                    .next_if(|(k, _)| k.as_str() == field.name)
                    .map(|(_, v)| v);
                self.field(field, Seen::json(value));
            }
        } else {
            // With serde_json's `preserve_order` feature the keys come in insertion order.
            for field in schema.fields {
                self.field(field, Seen::json(map.get(field.name)));
            }
        }
        for check in schema.checks {
            self.check(check, |at| resolve(schema, map, at));
        }
    }

    fn field(&mut self, field: &'s FieldSchemaOf<'s>, value: Seen<'_>) {
        match value {
            Seen::Absent if field.required => {
                self.path.push(field.name);
                self.issue(
                    "required",
                    Severity::Error,
                    &["`", field.name, "` is required"],
                );
                self.path.pop();
            }
            Seen::Absent => {}
            value => self.present(field, value),
        }
    }

    /// A field with a value (not `null`).
    fn present(&mut self, field: &'s FieldSchemaOf<'s>, value: Seen<'_>) {
        self.path.push(field.name);
        match (&field.kind, value) {
            (FieldKindOf::Any, _) => {}
            (FieldKindOf::Object(schema), Seen::Object(object)) => self.object(schema, object),
            (FieldKindOf::Object(schema), Seen::Str(s, _)) if !field.sensitive => {
                self.not_an_object(schema, "a string", Some(s))
            }
            (FieldKindOf::Object(schema), other) => {
                self.not_an_object(schema, other.json_type(), None)
            }
            (FieldKindOf::String | FieldKindOf::Enum(_), Seen::Str(s, known)) => {
                self.string(field, s, known)
            }
            (_, other) => {
                let found = other.json_type();
                self.issue(
                    "type",
                    Severity::Error,
                    &["expected a string, found ", found],
                );
            }
        }
        self.path.pop();
    }

    fn string(&mut self, field: &FieldSchemaOf<'_>, s: &str, known: Option<bool>) {
        // `max_length` first: a longer value gets the length error alone and is never matched
        // against the pattern. A string of at most `max` bytes has at most `max` characters:
        // count only longer ones.
        let mut too_long = false;
        if let Some(max) = field.max_length
            && s.len() > max
        {
            let len = s.chars().count();
            too_long = len > max;
            if too_long {
                let (mut a, mut b) = ([0; 20], [0; 20]);
                let (head, end) = self.shown(field, s);
                self.issue(
                    "max_length",
                    Severity::Error,
                    &[
                        &head,
                        end,
                        " is ",
                        decimal(len, &mut a),
                        " characters long, more than the maximum of ",
                        decimal(max, &mut b),
                    ],
                );
            }
        }
        if let Some(pattern) = field.pattern
            && !too_long
            && !pattern.is_match(s)
        {
            let (head, end) = self.shown(field, s);
            let message = [
                &head,
                end,
                " does not have the expected format (",
                pattern.format,
                ")",
            ];
            self.issue("pattern", Severity::Error, &message);
        }
        if let FieldKindOf::Enum(e) = &field.kind
            && !known.unwrap_or_else(|| e.is_known(s))
        {
            let (head, end) = self.shown(field, s);
            self.issue(
                "unknown_value",
                Severity::Warning,
                &[&head, end, " is not a known ", e.name, " value"],
            );
        }
    }

    /// A field's value as the subject of a message, in two pieces: `the value` for a sensitive
    /// field, else the value quoted ([`quote`]) with its opening backtick (nothing when
    /// messages are not written).
    fn shown<'v>(&self, field: &FieldSchemaOf<'_>, value: &'v str) -> (Cow<'v, str>, &'static str) {
        if field.sensitive {
            (Cow::Borrowed("the value"), "")
        } else if !self.texts {
            (Cow::Borrowed(""), "")
        } else {
            let (head, end) = quote(value);
            (Cow::Owned(format!("`{head}")), end)
        }
    }

    /// A cross-field check on an object, whose string value at a path of field indices
    /// `value` gives with its field.
    fn check<'v>(
        &mut self,
        check: &'s CheckSchemaOf<'s>,
        value: impl Fn(&[usize]) -> Found<'v, 's>,
    ) {
        match check.kind {
            CheckKind::DigitsSuffix => {
                if let [short_at, long_at] = check.indices
                    && let (Some((short_field, short, _)), Some((long_field, long, _))) =
                        (value(short_at), value(long_at))
                {
                    let short = (short, short_field.sensitive);
                    self.digits_suffix(check, short, (long, long_field.sensitive));
                }
            }
            CheckKind::SameOutcome => {
                let outcomes = check.indices.iter().map(|at| {
                    let (field, s, known) = value(at)?;
                    let FieldKindOf::Enum(e) = &field.kind else {
                        return None;
                    };
                    let outcome = match known {
                        Some(index) => e.values.get(index?)?.1,
                        None => e.outcome(s),
                    };
                    Some((s, field.sensitive, outcome?))
                });
                self.same_outcome(check, outcomes);
            }
        }
    }

    /// Warns when the first field is not the digits at the end of the second; each value comes
    /// with whether its field is sensitive.
    fn digits_suffix(
        &mut self,
        check: &'s CheckSchemaOf<'s>,
        (short, short_sensitive): (&str, bool),
        (long, long_sensitive): (&str, bool),
    ) {
        let n = short.chars().count();
        let digits = long
            .chars()
            .rev()
            .take(n)
            .filter(char::is_ascii_digit)
            .count();
        if n > 0 && digits == n && !long.chars().rev().take(n).eq(short.chars().rev()) {
            let mut evidence = String::new();
            if self.texts {
                evidence_of(&mut evidence, check, 0, short, short_sensitive);
                evidence.push_str(", ");
                evidence_of(&mut evidence, check, 1, long, long_sensitive);
            }
            self.warn_at(check, 0, &evidence);
        }
    }

    /// Warns at the first field whose known outcome differs from the first known outcome. Each
    /// field gives its value, whether it is sensitive and its outcome, if it has a known value
    /// with an outcome.
    fn same_outcome<'v>(
        &mut self,
        check: &'s CheckSchemaOf<'s>,
        values: impl IntoIterator<Item = Option<(&'v str, bool, Outcome)>>,
    ) {
        let mut first = None;
        for (index, value) in values.into_iter().enumerate() {
            match (first, value) {
                (_, None) => {}
                (None, Some(v)) => first = Some((index, v)),
                (Some((at, f)), Some(v)) if f.2 != v.2 => {
                    let mut evidence = String::new();
                    if self.texts {
                        for (i, (value, sensitive, outcome)) in [(at, f), (index, v)] {
                            if i != at {
                                evidence.push_str(", ");
                            }
                            evidence_of(&mut evidence, check, i, value, sensitive);
                            evidence.push_str(" is ");
                            evidence.push_str(outcome.as_str());
                        }
                    }
                    return self.warn_at(check, index, &evidence);
                }
                (Some(_), Some(_)) => {}
            }
        }
    }

    /// A check's warning at the pointer of its field `index`: the spec's message, then `: ` and
    /// the `evidence`.
    fn warn_at(&mut self, check: &'s CheckSchemaOf<'s>, index: usize, evidence: &str) {
        let more = check.fields.get(index).copied().unwrap_or_default();
        let rule = (self.rule_of)(check.rule);
        self.issue_at(
            more,
            rule,
            Severity::Warning,
            &[check.message, ": ", evidence],
        );
    }
}

/// Writes a check's field `index` as evidence: its path as the spec writes it, with `.` between
/// the wire names, a space, then `<redacted>` for a sensitive field, else the value quoted
/// ([`quote`]).
fn evidence_of(
    out: &mut String,
    check: &CheckSchemaOf<'_>,
    index: usize,
    value: &str,
    sensitive: bool,
) {
    let path = check.fields.get(index).copied().unwrap_or_default();
    for (i, name) in path.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(name);
    }
    out.push(' ');
    if sensitive {
        out.push_str("<redacted>");
    } else {
        let (head, end) = quote(value);
        out.push('`');
        out.push_str(&head);
        out.push_str(end);
    }
}

/// What a check reads at a path of field indices: the field and its string value, with the
/// index of the value among its enumeration's known ones when the reader already looked it
/// up (`Some(None)`: not a known value); `None` when there is no string there.
pub(crate) type Found<'v, 's> = Option<(&'s FieldSchemaOf<'s>, &'v str, Option<Option<usize>>)>;

/// Follows a path of field indices through nested JSON objects to a string value.
fn resolve<'v, 's>(
    schema: &'s ObjectSchemaOf<'s>,
    map: &'v Map<String, Value>,
    path: &[usize],
) -> Found<'v, 's> {
    let (last, parents) = path.split_last()?;
    let (mut schema, mut map) = (schema, map);
    for &index in parents {
        let field = schema.fields.get(index)?;
        let (FieldKindOf::Object(inner), Some(Value::Object(inner_map))) =
            (&field.kind, map.get(field.name))
        else {
            return None;
        };
        schema = inner;
        map = inner_map;
    }
    let field = schema.fields.get(*last)?;
    match map.get(field.name)? {
        Value::String(s) => Some((field, s.as_str(), None)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Segments, key_less};

    #[test]
    fn segments_past_the_inline_ones_spill_and_come_back() {
        const NAMES: [&str; 11] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
        let mut path = Segments::new();
        for name in NAMES {
            path.push(name);
        }
        let (text, split) = path.text(&["x"], &["msg"]);
        assert_eq!(
            (&text[..split], &text[split..]),
            ("/a/b/c/d/e/f/g/h/i/j/k/x", "msg")
        );
        for _ in 0..4 {
            path.pop();
        }
        path.push("z");
        assert_eq!(path.text(&[], &[]).0, "/a/b/c/d/e/f/g/z");
    }
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
