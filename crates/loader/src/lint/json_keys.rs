//! The keys that an object of a sample's JSON text repeats, with where the repeat is written:
//! `serde_json::Value` keeps only the last value, so a sample with the full card number first and
//! the masked one last would lint clean and publish the full number in the docs.

use crate::span::Pos;

/// A key that an object repeats: its path (object keys and array indices, the key last), the
/// byte offset of its second appearance (its opening quote) in the text, and where each of its
/// values is written, in text order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RepeatedKey {
    pub(crate) path: Vec<String>,
    pub(crate) offset: usize,
    pub(crate) values: Vec<std::ops::Range<usize>>,
}

impl RepeatedKey {
    /// Each of its values, read from `text` (the text it was found in); one that cannot be read
    /// is left out.
    pub(crate) fn values(&self, text: &str) -> Vec<serde_json::Value> {
        self.values
            .iter()
            .filter_map(|range| text.get(range.clone()))
            .filter_map(|value| serde_json::from_str(value).ok())
            .collect()
    }
}

/// Every key that an object of `text` repeats, once per key and object, in text order. `text`
/// must be JSON that `serde_json` accepted (so its nesting is bounded); on anything else the
/// scan stops and returns what it found.
pub(crate) fn repeated_keys(text: &str) -> Vec<RepeatedKey> {
    let mut scan = Scan {
        text: text.as_bytes(),
        at: 0,
        path: Vec::new(),
        found: Vec::new(),
    };
    let _ = scan.value();
    scan.found
}

struct Scan<'a> {
    text: &'a [u8],
    at: usize,
    path: Vec<String>,
    found: Vec<RepeatedKey>,
}

/// The scan met text that is not JSON.
struct NotJson;

impl Scan<'_> {
    fn space(&mut self) {
        while self
            .text
            .get(self.at)
            .is_some_and(|b| b" \t\r\n".contains(b))
        {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn value(&mut self) -> Result<(), NotJson> {
        self.space();
        match self.peek().ok_or(NotJson)? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(drop),
            _ => {
                while self.peek().is_some_and(|b| !b",]} \t\r\n".contains(&b)) {
                    self.at += 1;
                }
                Ok(())
            }
        }
    }

    fn object(&mut self) -> Result<(), NotJson> {
        self.at += 1;
        // Each key so far with where its first value is written, and each repeated one with
        // its index in `found`.
        let mut seen: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        let mut reported: Vec<(String, usize)> = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.space();
            let offset = self.at;
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(NotJson);
            }
            self.at += 1;
            let first = seen.iter().find(|(k, _)| *k == key).map(|(_, r)| r.clone());
            let index = match (first, reported.iter().find(|(k, _)| *k == key)) {
                (_, Some(&(_, index))) => Some(index),
                (Some(first), None) => {
                    let mut path = self.path.clone();
                    path.push(key.clone());
                    reported.push((key.clone(), self.found.len()));
                    self.found.push(RepeatedKey {
                        path,
                        offset,
                        values: vec![first],
                    });
                    Some(self.found.len() - 1)
                }
                (None, None) => None,
            };
            self.path.push(key.clone());
            self.space();
            let start = self.at;
            let value = self.value();
            self.path.pop();
            value?;
            let written = start..self.at;
            match index.and_then(|i| self.found.get_mut(i)) {
                Some(repeated) => repeated.values.push(written),
                None => seen.push((key, written)),
            }
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(NotJson),
            }
        }
    }

    fn array(&mut self) -> Result<(), NotJson> {
        self.at += 1;
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            self.path.push(index.to_string());
            let value = self.value();
            self.path.pop();
            value?;
            index += 1;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(NotJson),
            }
        }
    }

    /// A string token, decoded.
    fn string(&mut self) -> Result<String, NotJson> {
        let start = self.at;
        if self.peek() != Some(b'"') {
            return Err(NotJson);
        }
        self.at += 1;
        loop {
            match self.peek().ok_or(NotJson)? {
                b'"' => break,
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        let token = self.text.get(start..self.at).ok_or(NotJson)?;
        let token = std::str::from_utf8(token).map_err(|_| NotJson)?;
        serde_json::from_str(token).map_err(|_| NotJson)
    }
}

/// Where byte `offset` of a sample's JSON text `json` is written in the YAML `source`, whose
/// scalar starts at `scalar`: exact for a literal block scalar (`|`, `|-`, `|+`) and for a
/// quoted scalar on one line; `None` for any other form, or when the text found there is not the
/// one expected (then the caller points at the scalar itself).
pub(crate) fn source_pos(source: &str, scalar: Pos, json: &str, offset: usize) -> Option<Pos> {
    let lines: Vec<&str> = source.split('\n').collect();
    let first = *lines.get(usize::try_from(scalar.line).ok()?.checked_sub(1)?)?;
    let column = usize::try_from(scalar.column).ok()?.checked_sub(1)?;
    let start = first.char_indices().nth(column).map(|(i, _)| i)?;
    let head = &first[start..];
    let before = json.get(..offset)?;
    let token = json.get(offset..)?.split('\n').next()?;
    // A literal block (`|`, `|-`, `|+`): every line of the text is a line of the file, after
    // the indentation. The scalar's position is its indicator or, as the YAML reader gives it,
    // its first line of content.
    let block = |text: &str| matches!(text.trim_end(), "|" | "|-" | "|+");
    let scalar_index = usize::try_from(scalar.line).ok()? - 1;
    let content_index = if head.starts_with('|') {
        block(head).then_some(scalar_index + 1)?
    } else if scalar_index > 0
        && lines[scalar_index - 1]
            .rsplit_once(": ")
            .is_some_and(|(_, indicator)| block(indicator))
    {
        scalar_index
    } else {
        usize::MAX
    };
    if content_index != usize::MAX {
        let line_in_json = before.matches('\n').count();
        let column_in_json = before.rsplit('\n').next()?.chars().count();
        let indent = lines
            .get(content_index..)?
            .iter()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())?;
        let index = content_index + line_in_json;
        let written = lines.get(index)?.get(indent..)?;
        let at = written.char_indices().nth(column_in_json).map(|(i, _)| i)?;
        if !written[at..].starts_with(token) {
            return None;
        }
        return Some(Pos {
            line: u32::try_from(index + 1).ok()?,
            column: u32::try_from(indent + column_in_json + 1).ok()?,
        });
    }
    if json.contains('\n') {
        return None;
    }
    // A quoted scalar on one line: `''` in single quotes, `\"` and `\\` in double quotes.
    let escaped = |text: &str, quote: char| -> String {
        text.chars()
            .flat_map(|c| match (quote, c) {
                ('\'', '\'') => vec!['\'', '\''],
                ('"', '"') => vec!['\\', '"'],
                ('"', '\\') => vec!['\\', '\\'],
                _ => vec![c],
            })
            .collect()
    };
    let quote = head.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
    let written_before = escaped(before, quote);
    let written_token = escaped(token, quote);
    if !head[1..]
        .get(written_before.len()..)?
        .starts_with(&written_token)
    {
        return None;
    }
    Some(Pos {
        line: scalar.line,
        column: scalar.column + 1 + u32::try_from(written_before.chars().count()).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::{repeated_keys, source_pos};
    use crate::span::Pos;

    /// Where the second `"k"` of `json` is written in `source`, the scalar at `scalar`.
    fn second_k(source: &str, scalar: Pos, json: &str) -> Option<Pos> {
        let offset = json.match_indices("\"k\"").nth(1)?.0;
        source_pos(source, scalar, json, offset)
    }

    #[test]
    fn a_repeated_key_is_placed_in_every_scalar_form_that_keeps_columns() {
        let json = "{\"k\": 1, \"k\": 2}";
        // Single and double quotes, with the escapes each needs before the key.
        let single = "s:\n  json: '{\"k\": \"it''s\", \"k\": 2}'\n";
        let json_single = "{\"k\": \"it's\", \"k\": 2}";
        assert_eq!(
            second_k(single, Pos { line: 2, column: 9 }, json_single),
            Some(Pos {
                line: 2,
                column: 25
            })
        );
        let double = "s:\n  json: \"{\\\"k\\\": 1, \\\"k\\\": 2}\"\n";
        assert_eq!(
            second_k(double, Pos { line: 2, column: 9 }, json),
            Some(Pos {
                line: 2,
                column: 21
            })
        );
        // A literal block, the position at its indicator or at its first line of content.
        let block = "s:\n  json: |-\n    {\n      \"k\": 1,\n    \"k\": 2}\n";
        let json_block = "{\n  \"k\": 1,\n\"k\": 2}";
        for scalar in [Pos { line: 2, column: 9 }, Pos { line: 3, column: 5 }] {
            assert_eq!(
                second_k(block, scalar, json_block),
                Some(Pos { line: 5, column: 5 }),
                "{scalar:?}"
            );
        }
        // A folded block, or text that is not where the scalar says: no place.
        let folded = "s:\n  json: >\n    {\"k\": 1, \"k\": 2}\n";
        assert_eq!(second_k(folded, Pos { line: 2, column: 9 }, json), None);
        assert_eq!(
            second_k(single, Pos { line: 1, column: 1 }, json_single),
            None
        );
        assert_eq!(second_k("", Pos { line: 9, column: 9 }, json), None);
    }

    /// A repeated key that is not sensitive is a warning, not a problem, at its place.
    #[test]
    fn a_repeated_key_that_holds_no_secret_is_a_warning() {
        let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/invalid/base.yaml");
        let mut text = std::fs::read_to_string(base).expect("the base spec");
        text.push_str(
            "\nsamples:\n  state:\n    description: A state.\n    type: OnEventCallbackState\n    json: |\n      {\"code\": \"SDK_PAYMENT_FAIL\",\n       \"code\": \"SDK_PAYMENT_FAIL\"}\n    provenance: { sources: [seed] }\n",
        );
        let line = text.lines().count() as u32 - 1;
        let (spec, warnings) = crate::load_with_warnings(
            &[crate::SourceFile::new("spec.yaml", text)],
            &crate::names::NoTargets,
        );
        assert!(spec.is_ok(), "{spec:?}");
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [format!(
                "spec.yaml:{line}:8: sample `state` (OnEventCallbackState) at /code: `code` appears more than once in this object: readers disagree on which value counts [duplicate_key]"
            )]
        );
    }

    #[test]
    fn repeated_keys_are_found_once_with_their_second_place() {
        let text =
            r#"{"a": [{"k": 1, "k": 2, "k": 3}], "b": {"c\u0041": 1, "cA": {"x": "}"}}, "a": 0}"#;
        let at = |needle: &str, nth: usize| {
            text.match_indices(needle)
                .nth(nth)
                .map(|(i, _)| i)
                .unwrap_or(usize::MAX)
        };
        let found = repeated_keys(text);
        let shown: Vec<(Vec<String>, usize, Vec<String>)> = found
            .iter()
            .map(|r| {
                let values = r.values(text).iter().map(ToString::to_string).collect();
                (r.path.clone(), r.offset, values)
            })
            .collect();
        let strings =
            |items: &[&str]| -> Vec<String> { items.iter().map(|s| (*s).to_owned()).collect() };
        assert_eq!(
            shown,
            [
                (
                    strings(&["a", "0", "k"]),
                    at("\"k\"", 1),
                    strings(&["1", "2", "3"])
                ),
                (
                    strings(&["b", "cA"]),
                    at("\"cA\"", 0),
                    strings(&["1", r#"{"x":"}"}"#])
                ),
                (
                    strings(&["a"]),
                    at("\"a\"", 1),
                    strings(&[r#"[{"k":3}]"#, "0"])
                ),
            ]
        );
    }

    #[test]
    fn text_that_is_not_json_stops_the_scan() {
        for text in ["", "{", "{\"a\" 1}", "{\"a\": 1, \"a\"", "[1, 2", "\"open"] {
            let _ = repeated_keys(text);
        }
        assert!(repeated_keys("{\"a\": 1, \"a\": 2").len() == 1);
    }
}
