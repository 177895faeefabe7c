//! The second reader of JSON text, for what `serde_json` refuses: it reads a number beyond the
//! range of a 64-bit float (`1e400`) as the largest finite float of its sign, noted for the
//! validator (`number_range`), and for every other text `serde_json` refuses it finds the first
//! error in text order, as every runtime's scanner does ([`JsonError`]).
//!
//! The grammar is RFC 8259 with three rules of this project's own, the same in every runtime:
//! a text that starts with U+FEFF is refused (`byte-order mark`), a `\u` escape of a UTF-16
//! surrogate must be a high one directly followed by a low one (`lone surrogate`, at the first
//! escape's backslash), and at most [`MAX_DEPTH`] arrays and objects may enclose each other
//! (`nested deeper than 128 levels`, at the bracket one past it). Where the text goes wrong is
//! the first offending character: the character after a backslash for `invalid escape`, the
//! non-hex character of a `\u` escape, the digit after a leading `0`, the first character where
//! a literal differs, the end of the text when it ends too soon. A trailing comma is reported
//! where a key or a value should be.
//!
//! [`crate::validate_text`] tries `serde_json` first and comes here only when it fails, so valid
//! text is read once; `serde_json` refuses all that this reader refuses (it stops one level
//! earlier, at 128 containers, which this reader then reads).

use serde_json::{Map, Number, Value};

use crate::JsonError;
use crate::text::{JsonErrorKind as Kind, RepeatedKey, repeat};

/// How many arrays and objects may enclose each other: text nested deeper is not JSON to any
/// runtime's validator (`nested deeper than 128 levels`).
pub const MAX_DEPTH: usize = 128;

// The message of `JsonErrorKind::TooDeep` names the limit.
const _: () = assert!(MAX_DEPTH == 128);

/// Something in valid JSON that the value cannot hold as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoteKind {
    /// A number beyond ±1.7976931348623157e308, read as the largest finite float of its sign.
    OutOfRange,
}

/// A [`NoteKind`] at a path (object keys and array indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    pub(crate) path: Vec<String>,
    pub(crate) kind: NoteKind,
}

/// What [`parse`] read.
pub(crate) struct Lenient {
    pub(crate) value: Value,
    /// Repeated keys, as [`crate::text::Parsed`] has them.
    pub(crate) duplicates: Vec<RepeatedKey>,
    pub(crate) notes: Vec<Note>,
}

/// Reads `text` as exactly one JSON value, or finds its first error.
pub(crate) fn parse(text: &str) -> Result<Lenient, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: Vec::new(),
        duplicates: Vec::new(),
        notes: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        return Err(reader.fail(Kind::ByteOrderMark));
    }
    reader.whitespace();
    let value = reader.value(0)?;
    reader.whitespace();
    if reader.at < reader.bytes.len() {
        return Err(reader.fail(Kind::TrailingCharacters));
    }
    Ok(Lenient {
        value,
        duplicates: reader.duplicates,
        notes: reader.notes,
    })
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    path: Vec<String>,
    duplicates: Vec<RepeatedKey>,
    notes: Vec<Note>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The error `kind` at the current byte.
    fn fail(&self, kind: Kind) -> JsonError {
        JsonError::at(self.text, self.at, kind)
    }

    /// `kind` at the current byte, or an early end when there is none.
    fn fail_or_end(&self, kind: Kind) -> JsonError {
        if self.at >= self.bytes.len() {
            self.fail(Kind::UnexpectedEnd)
        } else {
            self.fail(kind)
        }
    }

    fn note(&mut self, kind: NoteKind) {
        self.notes.push(Note {
            path: self.path.clone(),
            kind,
        });
    }

    /// One value at nesting `depth` (the number of containers around it).
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.whitespace();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => Err(self.fail(Kind::TooDeep)),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            _ => Err(self.fail_or_end(Kind::ExpectedValue)),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.fail_or_end(Kind::InvalidLiteral));
            }
            self.at += 1;
        }
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.path.push(items.len().to_string());
            let item = self.value(depth + 1);
            self.path.pop();
            items.push(item?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.fail_or_end(Kind::ExpectedCommaOrBracket)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.at += 1;
        let mut map = Map::new();
        let mut reported: Vec<(String, usize)> = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.fail_or_end(Kind::ExpectedKey));
            }
            let key = self.string()?;
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(self.fail_or_end(Kind::ExpectedColon));
            }
            self.at += 1;
            self.path.push(key);
            let value = self.value(depth + 1);
            let key = self.path.pop().unwrap_or_default();
            let value = value?;
            repeat(
                &mut map,
                key,
                value,
                &self.path,
                &mut reported,
                &mut self.duplicates,
            );
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.fail_or_end(Kind::ExpectedCommaOrBrace)),
            }
        }
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Only ASCII bytes stop the scan, so both ends are character boundaries.
            out.push_str(&self.text[start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                _ => return Err(self.fail_or_end(Kind::ControlCharacter)),
            }
        }
    }

    /// One escape, at its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let backslash = self.at;
        self.at += 1;
        let Some(b) = self.peek() else {
            return Err(self.fail(Kind::UnexpectedEnd));
        };
        if let Some(c) = simple_escape(b) {
            self.at += 1;
            out.push(c);
            return Ok(());
        }
        if b != b'u' {
            return Err(self.fail(Kind::InvalidEscape));
        }
        self.at += 1;
        let unit = self.hex4()?;
        let lone = JsonError::at(self.text, backslash, Kind::LoneSurrogate);
        let c = match unit {
            0xD800..=0xDBFF => {
                if self.peek() != Some(b'\\') {
                    return Err(if self.at >= self.bytes.len() {
                        self.fail(Kind::UnexpectedEnd)
                    } else {
                        lone
                    });
                }
                match self.bytes.get(self.at + 1) {
                    None => {
                        self.at += 1;
                        return Err(self.fail(Kind::UnexpectedEnd));
                    }
                    Some(b'u') => self.at += 2,
                    Some(_) => return Err(lone),
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(lone);
                }
                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            0xDC00..=0xDFFF => return Err(lone),
            _ => char::from_u32(unit),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    /// The four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut unit = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.fail(Kind::UnexpectedEnd));
            };
            let Some(digit) = (b as char).to_digit(16) else {
                return Err(self.fail(Kind::InvalidUnicodeEscape));
            };
            unit = unit * 16 + digit;
            self.at += 1;
        }
        Ok(unit)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; a digit right after a
    /// leading `0` is an `invalid number`.
    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.fail(Kind::InvalidNumber));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail_or_end(Kind::InvalidNumber)),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail_or_end(Kind::InvalidNumber));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail_or_end(Kind::InvalidNumber));
            }
            self.digits();
        }
        let text = &self.text[start..self.at];
        if integer {
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Number(n.into()));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Value::Number(n.into()));
            }
        }
        let mut float: f64 = text.parse().unwrap_or(f64::INFINITY);
        if float.is_infinite() {
            self.note(NoteKind::OutOfRange);
            float = if negative { f64::MIN } else { f64::MAX };
        }
        Ok(Number::from_f64(float).map_or(Value::Null, Value::Number))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }
}

/// The character of a one-character JSON escape (`\n`, `\"`, ...) from the byte after its
/// backslash; `None` for `u` and for what JSON does not allow.
pub(crate) fn simple_escape(byte: u8) -> Option<char> {
    Some(match byte {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Lenient {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn reads_what_serde_json_reads_alike() {
        for text in [
            r#"{"a": [1, -2, 3.5, 1e3, -0.25e-2, 18446744073709551615, -9223372036854775808], "b": {"c": null, "d": true, "e": false}}"#,
            r#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "plain é 😀", 123456789012345678901234567890]"#,
            " \t\r\n{ } ",
            "[[],{},[{}]]",
        ] {
            let expected: Value = serde_json::from_str(text).expect("serde_json reads it");
            assert_eq!(read(text).value, expected, "{text}");
        }
    }

    #[test]
    fn numbers_beyond_the_float_range_are_the_largest_floats() {
        let read = read(r#"{"a": 1e400, "b": [-1E+999]}"#);
        assert_eq!(read.value["a"].as_f64(), Some(f64::MAX));
        assert_eq!(read.value["b"][0].as_f64(), Some(f64::MIN));
        assert_eq!(read.notes.len(), 2);
        assert!(read.notes.iter().all(|n| n.kind == NoteKind::OutOfRange));
    }

    /// [`MAX_DEPTH`] containers are read; one more is an error at its bracket, and so is a lone
    /// surrogate, whatever the depth around it.
    #[test]
    fn nesting_past_the_limit_and_lone_surrogates_are_errors() {
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&at_limit).is_ok());
        let past = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse(&past)
            .err()
            .unwrap_or_else(|| panic!("too deep was read"));
        assert_eq!(
            (error.kind(), error.column()),
            (Kind::TooDeep, MAX_DEPTH + 1)
        );
        for (text, column) in [
            (r#"["\ud83d"]"#, 3),
            (r#"["\udc00"]"#, 3),
            (r#"["a\ud83d\u0041"]"#, 4),
            (r#"["a\ud83d\n"]"#, 4),
            (r#"{"\ud83dk": 1}"#, 3),
        ] {
            let error = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text} was read"));
            assert_eq!(
                (error.kind(), error.column()),
                (Kind::LoneSurrogate, column),
                "{text}"
            );
        }
    }

    #[test]
    fn invalid_json_is_an_error_at_its_place_deep_or_not() {
        let deep = "[".repeat(100);
        for (text, line, column, kind) in [
            ("{\"a\": 1,}", 1, 9, Kind::ExpectedKey),
            ("[1 2]", 1, 4, Kind::ExpectedCommaOrBracket),
            ("{\"a\" 1}", 1, 6, Kind::ExpectedColon),
            ("{1: 2}", 1, 2, Kind::ExpectedKey),
            ("\"é\u{1}\"", 1, 3, Kind::ControlCharacter),
            ("[\"\\x\"]", 1, 4, Kind::InvalidEscape),
            ("\"\\u00g0\"", 1, 6, Kind::InvalidUnicodeEscape),
            ("\"\\ud800", 1, 8, Kind::UnexpectedEnd),
            ("\"\\ud800\\", 1, 9, Kind::UnexpectedEnd),
            ("\"\\ud800\\u12", 1, 12, Kind::UnexpectedEnd),
            ("-", 1, 2, Kind::UnexpectedEnd),
            ("-x", 1, 2, Kind::InvalidNumber),
            ("01", 1, 2, Kind::InvalidNumber),
            ("1.e5", 1, 3, Kind::InvalidNumber),
            ("1e+", 1, 4, Kind::UnexpectedEnd),
            ("tru", 1, 4, Kind::UnexpectedEnd),
            ("nul1", 1, 4, Kind::InvalidLiteral),
            ("[1]\n x", 2, 2, Kind::TrailingCharacters),
            ("\u{feff}1", 1, 1, Kind::ByteOrderMark),
            (" \u{feff}1", 1, 2, Kind::ExpectedValue),
            ("", 1, 1, Kind::UnexpectedEnd),
            (&*format!("{deep}1,]"), 1, 103, Kind::ExpectedValue),
            (&*format!("{deep}{{\"k\" 1"), 1, 106, Kind::ExpectedColon),
            (&*deep, 1, 101, Kind::UnexpectedEnd),
        ] {
            let error = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} was read"));
            assert_eq!(
                (error.line(), error.column(), error.kind()),
                (line, column, kind),
                "{text:?}: {error}"
            );
        }
    }
}
