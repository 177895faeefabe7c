//! Reading a payload from JSON text while noting every key that an object repeats.
//!
//! `serde_json::Value` keeps the last of two equal keys, so the text
//! `{"cardNo":"4111111111111111","cardNo":"************1111"}` would read as a valid masked number
//! while still carrying the full one. This reader builds the same value and also returns where
//! each repeated key is, for the validator to report.
//!
//! Every validator that reads text does the same (TypeScript `duplicateKeys`, Kotlin
//! `Json.parseNotingDuplicates`, Swift `decodeJSON(text:)`), and lint reads samples as text for
//! the same rule: a repeated key is reported once per object as `duplicate_key` at its pointer, an
//! error when the key is a sensitive field or one of its values holds, at any depth, a sensitive
//! field's name or a card number, a warning otherwise; these issues follow the value's issues.
//! `validate(&Value)` and the JSON Schemas cannot see repeated keys.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Why a text is not exactly one JSON value: the `WHAT` of [`JsonError`]'s message, one of a
/// fixed set that every runtime (Rust, TypeScript, Kotlin, Swift) words alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// `unexpected end of input`: the text ends where more is needed (empty text included).
    UnexpectedEnd,
    /// `expected a value`: a character that cannot start a value.
    ExpectedValue,
    /// `invalid literal`: the first character where a `true`, `false` or `null` goes wrong.
    InvalidLiteral,
    /// `expected a string key`: an object member that does not start with `"` (a trailing comma).
    ExpectedKey,
    /// `expected ':'` after an object key.
    ExpectedColon,
    /// `expected ',' or '}'` after an object member.
    ExpectedCommaOrBrace,
    /// `expected ',' or ']'` after an array item.
    ExpectedCommaOrBracket,
    /// `invalid escape`: the character after a backslash in a string is not an escape.
    InvalidEscape,
    /// `invalid \u escape`: a character of a `\u` escape that is not a hex digit.
    InvalidUnicodeEscape,
    /// `lone surrogate`: a `\uD800`-`\uDFFF` escape without its pair (at its backslash).
    LoneSurrogate,
    /// `control character in a string`: U+0000-U+001F written raw in a string.
    ControlCharacter,
    /// `invalid number`: the first character where a number goes wrong (`01`, `1.`, `-x`).
    InvalidNumber,
    /// `trailing characters after the value`.
    TrailingCharacters,
    /// `nested deeper than 128 levels`: the array or object one past [`crate::MAX_DEPTH`].
    TooDeep,
    /// `byte-order mark`: the text starts with U+FEFF.
    ByteOrderMark,
}

impl JsonErrorKind {
    /// The words of the kind, as the message ends with them.
    pub const fn as_str(self) -> &'static str {
        match self {
            JsonErrorKind::UnexpectedEnd => "unexpected end of input",
            JsonErrorKind::ExpectedValue => "expected a value",
            JsonErrorKind::InvalidLiteral => "invalid literal",
            JsonErrorKind::ExpectedKey => "expected a string key",
            JsonErrorKind::ExpectedColon => "expected ':'",
            JsonErrorKind::ExpectedCommaOrBrace => "expected ',' or '}'",
            JsonErrorKind::ExpectedCommaOrBracket => "expected ',' or ']'",
            JsonErrorKind::InvalidEscape => "invalid escape",
            JsonErrorKind::InvalidUnicodeEscape => "invalid \\u escape",
            JsonErrorKind::LoneSurrogate => "lone surrogate",
            JsonErrorKind::ControlCharacter => "control character in a string",
            JsonErrorKind::InvalidNumber => "invalid number",
            JsonErrorKind::TrailingCharacters => "trailing characters after the value",
            JsonErrorKind::TooDeep => "nested deeper than 128 levels",
            JsonErrorKind::ByteOrderMark => "byte-order mark",
        }
    }
}

impl fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where and why a text stops being exactly one JSON value: the first error in text order, as
/// every runtime finds it. Its message (`Display`, [`message`](Self::message)) is
/// `invalid JSON at line L, column C: WHAT`: line and column from 1, the column counted in
/// Unicode scalar values from the start of the line, lines ending at `\n` only (a `\r` is a
/// character); the place is the first offending character, or the end of the text when it ends
/// too soon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    kind: JsonErrorKind,
    line: usize,
    column: usize,
}

impl JsonError {
    /// The error at byte `offset` of `text`.
    pub(crate) fn at(text: &str, offset: usize, kind: JsonErrorKind) -> JsonError {
        let before = &text[..floor_char_boundary(text, offset)];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        JsonError {
            kind,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// What it is.
    pub fn kind(&self) -> JsonErrorKind {
        self.kind
    }

    /// The whole message, `invalid JSON at line L, column C: WHAT` (its `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column on [`line`](Self::line), from 1, in Unicode scalar values.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the text ends before the value does.
    pub fn is_eof(&self) -> bool {
        self.kind == JsonErrorKind::UnexpectedEnd
    }

    /// The issue every runtime's text entry point reports for this text: at the root (`""`),
    /// rule `invalid_json`, an error, with [`message`](Self::message). What
    /// `validate_text(text).map_or_else(|e| e.report(), |(_, report)| report)` gives.
    pub fn issue(&self) -> crate::validate::Issue {
        crate::validate::invalid_json("", self)
    }

    /// A report of the one [`issue`](Self::issue).
    pub fn report(&self) -> crate::validate::Report {
        crate::validate::Report {
            issues: vec![self.issue()],
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSON at line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
}

impl std::error::Error for JsonError {}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A JSON value and every key that appears more than once in its object, each reported once,
/// in text order.
pub(crate) struct Parsed {
    pub(crate) value: Value,
    pub(crate) duplicates: Vec<RepeatedKey>,
}

/// A key that an object repeats: where it is and the values that the parsed object dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatedKey {
    /// Object keys and array indices from the root, the repeated key last.
    pub path: Vec<String>,
    /// Every value of the key but the last (which the parsed value keeps), in text order: one
    /// of them may hold what the kept value hides, such as a full card number.
    pub earlier: Vec<Value>,
}

impl RepeatedKey {
    /// Every value of the key, in text order: [`earlier`](Self::earlier), then the one that
    /// `root` (the value read with it) keeps at [`path`](Self::path), if any (none when an
    /// earlier value of a key above it was dropped with it).
    pub fn values<'a>(&'a self, root: &'a Value) -> Vec<&'a Value> {
        let mut kept = Some(root);
        for segment in &self.path {
            kept = match kept {
                Some(Value::Object(map)) => map.get(segment),
                Some(Value::Array(items)) => {
                    segment.parse::<usize>().ok().and_then(|i| items.get(i))
                }
                _ => None,
            };
        }
        self.earlier.iter().chain(kept).collect()
    }
}

/// Notes `key` of an object whose `map` already has it: `value` replaces the kept one, which
/// goes to the key's [`RepeatedKey`] (made at the first repeat, under `path`) in `duplicates`;
/// `reported` pairs each repeated key of this object with its index there.
pub(crate) fn repeat(
    map: &mut Map<String, Value>,
    key: String,
    value: Value,
    path: &[String],
    reported: &mut Vec<(String, usize)>,
    duplicates: &mut Vec<RepeatedKey>,
) {
    // One search of the map per key: a repeated key is rare.
    let (key, earlier) = match map.entry(key) {
        serde_json::map::Entry::Vacant(slot) => {
            slot.insert(value);
            return;
        }
        serde_json::map::Entry::Occupied(mut slot) => {
            let earlier = slot.insert(value);
            (slot.key().clone(), earlier)
        }
    };
    match reported.iter().find(|(k, _)| *k == key) {
        Some(&(_, index)) => {
            if let Some(repeated) = duplicates.get_mut(index) {
                repeated.earlier.push(earlier);
            }
        }
        None => {
            let mut at = path.to_vec();
            at.push(key.clone());
            reported.push((key, duplicates.len()));
            duplicates.push(RepeatedKey {
                path: at,
                earlier: vec![earlier],
            });
        }
    }
}

/// Parses `text` as `serde_json::from_str` does (the same value, the same errors).
/// [`crate::lenient`] reads what this refuses.
pub(crate) fn parse(text: &str) -> Result<Parsed, serde_json::Error> {
    let mut path = Vec::new();
    let mut duplicates = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Seed {
        path: &mut path,
        duplicates: &mut duplicates,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Parsed { value, duplicates })
}

struct Seed<'a> {
    path: &'a mut Vec<String>,
    duplicates: &'a mut Vec<RepeatedKey>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.push(items.len().to_string());
            let item = seq.next_element_seed(Seed {
                path: &mut *self.path,
                duplicates: &mut *self.duplicates,
            });
            self.path.pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        let mut reported: Vec<(String, usize)> = Vec::new();
        while let Some(key) = access.next_key::<String>()? {
            self.path.push(key);
            let value = access.next_value_seed(Seed {
                path: &mut *self.path,
                duplicates: &mut *self.duplicates,
            });
            let key = self.path.pop().unwrap_or_default();
            let value = value?;
            repeat(
                &mut map,
                key,
                value,
                self.path,
                &mut reported,
                self.duplicates,
            );
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{JsonError, JsonErrorKind, floor_char_boundary, parse};

    /// The reader gives the value `serde_json` gives, for every kind of JSON value.
    #[test]
    fn every_json_value_reads_as_serde_json_reads_it() {
        for text in [
            "true",
            "false",
            "null",
            "-7",
            "18446744073709551615",
            "1.5",
            "-2.5e-3",
            "\"plain\"",
            "\"esc\\u00e9\\n\"",
            "[]",
            "{}",
            "[1, [true, {}], null]",
            "{\"a\": {\"b\": [false, \"x\"]}, \"c\": 0.25}",
        ] {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let want: Value = serde_json::from_str(text).unwrap_or_default();
            assert_eq!(parsed.value, want, "{text}");
            assert!(parsed.duplicates.is_empty(), "{text}");
        }
    }

    /// Each repeated key once, in text order, with every value it has: the earlier ones and
    /// the one the value keeps, found through objects and arrays.
    #[test]
    fn a_repeated_key_keeps_every_value() {
        let text = r#"{"a": 0, "b": [{"k": 1, "k": true, "j": 0, "k": "x"}], "c": {"d": {"e": null, "e": 2}}, "a": [7]}"#;
        let parsed = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(Vec<&str>, Vec<&Value>)> = parsed
            .duplicates
            .iter()
            .map(|r| {
                let path = r.path.iter().map(String::as_str).collect();
                (path, r.values(&parsed.value))
            })
            .collect();
        let want = [
            (
                vec!["b", "0", "k"],
                [json!(1), json!(true), json!("x")].to_vec(),
            ),
            (vec!["c", "d", "e"], [json!(null), json!(2)].to_vec()),
            (vec!["a"], [json!(0), json!([7])].to_vec()),
        ];
        let want: Vec<(Vec<&str>, Vec<&Value>)> = want
            .iter()
            .map(|(path, values)| (path.clone(), values.iter().collect()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            parsed.value,
            json!({"a": [7], "b": [{"k": "x", "j": 0}], "c": {"d": {"e": 2}}})
        );
    }

    /// An offset inside a character of several bytes goes back to where that character starts,
    /// and the error's column counts characters, not bytes.
    #[test]
    fn an_error_inside_a_character_points_at_its_start() {
        let text = "{\"k\": \"é€😀\"}";
        let e_acute = text.find('é').unwrap_or_default();
        let euro = text.find('€').unwrap_or_default();
        let face = text.find('😀').unwrap_or_default();
        for (offset, start) in [
            (e_acute + 1, e_acute),
            (euro + 1, euro),
            (euro + 2, euro),
            (face + 3, face),
            (face + 4, face + 4),
            (text.len() + 7, text.len()),
        ] {
            assert_eq!(floor_char_boundary(text, offset), start, "{offset}");
        }
        let error = JsonError::at(text, euro + 2, JsonErrorKind::InvalidEscape);
        assert_eq!(
            (error.line(), error.column(), error.is_eof()),
            (1, 9, false)
        );
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 1, column 9: invalid escape"
        );
        let error = JsonError::at("[\n\"😀\"\n€", 11, JsonErrorKind::UnexpectedEnd);
        assert_eq!(
            error.to_string(),
            "invalid JSON at line 3, column 1: unexpected end of input"
        );
        assert!(error.is_eof());
        assert_eq!(error.issue().path(), "");
        assert_eq!(error.issue().rule(), "invalid_json");
        assert_eq!(error.issue().message(), error.message());
    }
}
