//! The reader for valid JSON that `serde_json` refuses: a string holding a lone UTF-16
//! surrogate escape (`"Tom \ud83d"`, what JavaScript writes when a slice cuts an emoji in half),
//! a number beyond the range of a 64-bit float (`1e400`), and nesting deeper than
//! [`MAX_DEPTH`]. It reads RFC 8259 JSON into the value `serde_json` would build, except that
//! a lone surrogate becomes U+FFFD, an out-of-range number becomes the largest finite float of
//! its sign, and a container past the depth limit becomes `null` (its text is still checked);
//! each of these is returned as a [`Note`] at its path for the validator to report.
//!
//! [`crate::validate_str`] tries `serde_json` first and comes here only when it fails, so a
//! document `serde_json` reads is read exactly as before.

use serde_json::{Map, Number, Value};

use crate::JsonError;
use crate::text::{RepeatedKey, repeat};

/// How many arrays and objects may enclose each other; a container deeper than this is not read
/// into the value.
pub const MAX_DEPTH: usize = 128;

/// Something in valid JSON that the value cannot hold as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoteKind {
    /// A `\uD800`–`\uDFFF` escape without its pair in a string value, read as U+FFFD.
    LoneSurrogate,
    /// The same in a key of the object at the note's path.
    LoneSurrogateInKey,
    /// A number beyond ±1.7976931348623157e308, read as the largest finite float of its sign.
    OutOfRange,
    /// An array or object nested deeper than [`MAX_DEPTH`], read as `null`.
    TooDeep,
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

/// Reads `text` as one JSON document.
pub(crate) fn parse(text: &str) -> Result<Lenient, JsonError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: Vec::new(),
        duplicates: Vec::new(),
        notes: Vec::new(),
    };
    reader.whitespace();
    let value = reader.value(0)?;
    reader.whitespace();
    if reader.at < reader.bytes.len() {
        return Err(reader.fail("trailing characters"));
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

    /// An error at the current byte; at the end of the text, an early end.
    fn fail(&self, message: &str) -> JsonError {
        JsonError::at(self.text, self.at, message, self.at >= self.bytes.len())
    }

    fn eof_or(&self, message: &str, eof: &str) -> JsonError {
        if self.at >= self.bytes.len() {
            self.fail(eof)
        } else {
            self.fail(message)
        }
    }

    fn note(&mut self, kind: NoteKind) {
        self.notes.push(Note {
            path: self.path.clone(),
            kind,
        });
    }

    fn expect(&mut self, byte: u8, message: &str, eof: &str) -> Result<(), JsonError> {
        self.whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.eof_or(message, eof))
        }
    }

    /// One value at nesting `depth` (the number of containers around it).
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.whitespace();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                self.note(NoteKind::TooDeep);
                self.skip()?;
                Ok(Value::Null)
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.fail("expected value")),
            None => Err(self.fail("EOF while parsing a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.eof_or("expected ident", "EOF while parsing a value"));
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
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        return Err(self.fail("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.eof_or("expected `,` or `]`", "EOF while parsing a list")),
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
            let key = self.key()?;
            self.expect(b':', "expected `:`", "EOF while parsing an object")?;
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
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        return Err(self.fail("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                _ => {
                    return Err(self.eof_or("expected `,` or `}`", "EOF while parsing an object"));
                }
            }
        }
    }

    /// An object key, whose lone surrogates are noted at the object's path.
    fn key(&mut self) -> Result<String, JsonError> {
        self.whitespace();
        match self.peek() {
            Some(b'"') => {
                let (key, lone) = self.string_text()?;
                if lone {
                    self.note(NoteKind::LoneSurrogateInKey);
                }
                Ok(key)
            }
            Some(_) => Err(self.fail("key must be a string")),
            None => Err(self.fail("EOF while parsing an object")),
        }
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        let (text, lone) = self.string_text()?;
        if lone {
            self.note(NoteKind::LoneSurrogate);
        }
        Ok(text)
    }

    /// A string's text, and whether it held a lone surrogate.
    fn string_text(&mut self) -> Result<(String, bool), JsonError> {
        self.at += 1;
        let mut out = String::new();
        let mut lone = false;
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
                    return Ok((out, lone));
                }
                Some(b'\\') => {
                    self.at += 1;
                    lone |= self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"));
                }
                None => return Err(self.fail("EOF while parsing a string")),
            }
        }
    }

    /// One escape after its backslash; true when it was a lone surrogate.
    fn escape(&mut self, out: &mut String) -> Result<bool, JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.fail("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'u' => {
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF if self.bytes[self.at..].starts_with(b"\\u") => {
                        let save = self.at;
                        self.at += 2;
                        let low = self.hex4()?;
                        if (0xDC00..=0xDFFF).contains(&low) {
                            char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        } else {
                            // Not a pair: the next escape is read on its own.
                            self.at = save;
                            None
                        }
                    }
                    _ => char::from_u32(unit),
                };
                return Ok(match c {
                    Some(c) => {
                        out.push(c);
                        false
                    }
                    None => {
                        out.push(char::REPLACEMENT_CHARACTER);
                        true
                    }
                });
            }
            b if let Some(c) = simple_escape(b) => c,
            _ => {
                self.at -= 1;
                return Err(self.fail("invalid escape"));
            }
        };
        out.push(c);
        Ok(false)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => return Err(self.fail("EOF while parsing a string")),
            };
            let Some(digit) = digit else {
                return Err(self.fail("invalid escape"));
            };
            unit = unit * 16 + digit;
            self.at += 1;
        }
        Ok(unit)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.eof_or("invalid number", "EOF while parsing a value")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.eof_or("invalid number", "EOF while parsing a value"));
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
                return Err(self.eof_or("invalid number", "EOF while parsing a value"));
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

    /// Checks the value at the current byte and reads none of it into memory: nested
    /// containers are tracked on a stack, not by recursion.
    fn skip(&mut self) -> Result<(), JsonError> {
        let mut closers: Vec<u8> = Vec::new();
        loop {
            // A value.
            self.whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                    } else {
                        closers.push(b'}');
                        self.skip_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                    } else {
                        closers.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string_text()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    let notes = self.notes.len();
                    self.number()?;
                    self.notes.truncate(notes);
                }
                Some(b't') => _ = self.literal("true", Value::Null)?,
                Some(b'f') => _ = self.literal("false", Value::Null)?,
                Some(b'n') => _ = self.literal("null", Value::Null)?,
                Some(_) => return Err(self.fail("expected value")),
                None => return Err(self.fail("EOF while parsing a value")),
            }
            // After a value: close containers until a comma asks for the next one.
            loop {
                let Some(&closer) = closers.last() else {
                    return Ok(());
                };
                self.whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        self.whitespace();
                        if matches!(self.peek(), Some(b'}' | b']')) {
                            return Err(self.fail("trailing comma"));
                        }
                        if closer == b'}' {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b) if b == closer => {
                        self.at += 1;
                        closers.pop();
                    }
                    _ if closer == b'}' => {
                        return Err(
                            self.eof_or("expected `,` or `}`", "EOF while parsing an object")
                        );
                    }
                    _ => return Err(self.eof_or("expected `,` or `]`", "EOF while parsing a list")),
                }
            }
        }
    }

    /// A key and its colon, inside a skipped object.
    fn skip_key(&mut self) -> Result<(), JsonError> {
        self.whitespace();
        match self.peek() {
            Some(b'"') => _ = self.string_text()?,
            Some(_) => return Err(self.fail("key must be a string")),
            None => return Err(self.fail("EOF while parsing an object")),
        }
        self.expect(b':', "expected `:`", "EOF while parsing an object")
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
    fn lone_surrogates_are_replacement_characters_at_their_path() {
        let read = read(r#"{"name": ["x", "Tom \ud83d"], "\udc00k": "\ud83d\u0041"}"#);
        assert_eq!(read.value["name"][1], "Tom \u{FFFD}");
        assert_eq!(read.value["\u{FFFD}k"], "\u{FFFD}A");
        let paths: Vec<_> = read
            .notes
            .iter()
            .map(|n| (n.path.join("/"), n.kind))
            .collect();
        assert_eq!(
            paths,
            [
                ("name/1".to_owned(), NoteKind::LoneSurrogate),
                (String::new(), NoteKind::LoneSurrogateInKey),
                ("\u{FFFD}k".to_owned(), NoteKind::LoneSurrogate),
            ]
        );
    }

    #[test]
    fn numbers_beyond_the_float_range_are_the_largest_floats() {
        let read = read(r#"{"a": 1e400, "b": [-1E+999]}"#);
        assert_eq!(read.value["a"].as_f64(), Some(f64::MAX));
        assert_eq!(read.value["b"][0].as_f64(), Some(f64::MIN));
        assert_eq!(read.notes.len(), 2);
        assert!(read.notes.iter().all(|n| n.kind == NoteKind::OutOfRange));
    }

    #[test]
    fn nesting_past_the_limit_is_null_and_noted_once() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let read = read(&format!(r#"{{"a": {deep}}}"#));
        let mut value = &read.value["a"];
        for _ in 2..MAX_DEPTH {
            value = &value[0];
        }
        assert_eq!(value, &Value::Array(vec![Value::Null]));
        assert_eq!(read.notes.len(), 1);
        assert_eq!(read.notes[0].kind, NoteKind::TooDeep);
        assert_eq!(read.notes[0].path.len(), MAX_DEPTH);
    }

    #[test]
    fn invalid_json_is_an_error_at_its_place_deep_or_not() {
        let deep = "[".repeat(200);
        for (text, line, column, eof) in [
            ("{\"a\": 1,}", 1, 9, false),
            ("[1 2]", 1, 4, false),
            ("{\"a\" 1}", 1, 6, false),
            ("{1: 2}", 1, 2, false),
            ("\"é\u{1}\"", 1, 3, false),
            ("[\"\\x\"]", 1, 4, false),
            ("-", 1, 2, true),
            ("01", 1, 2, false),
            ("tru", 1, 4, true),
            ("[1]\n x", 2, 2, false),
            (&*format!("{deep}1,]"), 1, 203, false),
            (&*format!("{deep}{{\"k\" 1"), 1, 206, false),
            (&*deep, 1, 201, true),
        ] {
            let error = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} was read"));
            assert_eq!(
                (error.line(), error.column(), error.is_eof()),
                (line, column, eof),
                "{text:?}: {error}"
            );
        }
    }
}
