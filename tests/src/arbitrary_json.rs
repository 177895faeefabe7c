//! Arbitrary JSON payloads, drawn deterministically, for checking that every target's validator
//! gives the Rust validator's verdict on anything and never throws.
//!
//! [`values`] mixes payloads built along the real spec's schema tables (so validators reach
//! every field, pattern, length limit, enumeration and cross-field check, with each field now
//! right, now wrong, now `null` or absent) with arbitrary JSON: deep nesting, the extremes of
//! `i64`, `u64` and `f64`, long strings, non-BMP and control characters, and keys that JavaScript
//! objects read specially (`__proto__`, `constructor`, `toString`) or that JSON pointers must
//! escape (`~`, `/`). [`write_vectors`] writes them in the form of the conformance vectors under
//! `tests/vectors/`, with the Rust validator's verdict as the expectation, so the TypeScript and
//! Kotlin conformance runners take them unchanged.
//!
//! Round trips compare exactly for Kotlin (numbers stay `BigDecimal`/`BigInteger`) and as doubles
//! within a few units in the last place for TypeScript (JavaScript reads every number as a double,
//! and serde_json's fast float parser may read JavaScript's shortest form one unit off). Nesting
//! stays under serde_json's recursion limit of 128.

use std::path::Path;

use antom_callback::validate::{FieldKind, ObjectSchema};
use antom_callback::{ON_EVENT_CALLBACK_STATE_SCHEMA, PAYMENT_RESULT_SCHEMA};
use proptest::test_runner::TestRunner;
use serde_json::{Map, Number, Value};

use crate::random_spec::{Draw, hostile_text, seeded_runner};
use crate::vectors::{Expected, Vector, words_of};

/// How many payloads the cross-language tests feed to every validator.
pub const COUNT: usize = 500;

/// Deepest nesting drawn: below serde_json's default recursion limit (128) with room for the
/// runners' own wrapping.
const MAX_DEPTH: usize = 100;

/// Keys that JavaScript objects, JSON pointers or the validators read specially.
const ODD_KEYS: &[&str] = &[
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "",
    "~",
    "/",
    "~0",
    "~1",
    "a/b~c",
    "😀",
    "\u{0}",
    "code ",
    "Code",
    "extra",
    "$ref",
];

struct Gen {
    runner: TestRunner,
    /// Every field name of the real spec's payload objects.
    keys: Vec<&'static str>,
}

impl Draw for Gen {
    fn runner(&mut self) -> &mut TestRunner {
        &mut self.runner
    }
}

fn field_names(schema: &'static ObjectSchema, out: &mut Vec<&'static str>) {
    for f in schema.fields {
        if !out.contains(&f.name) {
            out.push(f.name);
        }
        if let FieldKind::Object(inner) = &f.kind {
            field_names(inner, out);
        }
    }
}

impl Gen {
    /// A payload: along the spec's objects, arbitrary JSON, or deep nesting.
    fn payload(&mut self) -> Value {
        match self.below(20) {
            0..=6 => self.along(&ON_EVENT_CALLBACK_STATE_SCHEMA, 3),
            7..=11 => self.along(&PAYMENT_RESULT_SCHEMA, 3),
            12..=17 => self.any(6),
            _ => {
                let depth = self.between(20, MAX_DEPTH - 2);
                self.deep(depth)
            }
        }
    }

    /// A card number of the shared masking table (`tests/masking/card_numbers.json`), with its
    /// neighbours: alone, after other digits, before an expiry, with separators.
    fn card_number(&mut self) -> String {
        let pan = self.pick(card_numbers()).clone();
        match self.below(5) {
            0 => format!("1 {pan}"),
            1 => format!("{pan} 12 27"),
            2 => format!("card {pan}, thanks"),
            _ => pan,
        }
    }

    /// A payload with a card number placed in it: as a value of a known or unknown key, as a
    /// key, in a string field of the card object.
    fn with_card_number(&mut self) -> Value {
        let mut payload = self.along(&PAYMENT_RESULT_SCHEMA, 3);
        let pan = self.card_number();
        let Value::Object(map) = &mut payload else {
            return payload;
        };
        match self.below(4) {
            0 => {
                map.insert(self.key(), Value::String(pan));
            }
            1 => {
                map.insert(pan, Value::String("x".to_owned()));
            }
            _ => {
                let field =
                    *self.pick(&["cardBin", "issuerName", "cardNo", "holdName", "lastFour"]);
                let card = map
                    .entry("cardPaymentResultInfo")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(card) = card {
                    card.insert(field.to_owned(), Value::String(pan));
                } else {
                    *card = serde_json::json!({ field: pan });
                }
            }
        }
        payload
    }

    /// One JSON text and the payload it reads as: see [`texts`].
    fn text(&mut self) -> (String, Value) {
        match self.below(10) {
            0..=2 => self.repeated_key(),
            3..=4 => {
                let payload = self.with_card_number();
                (serde_json::to_string(&payload).unwrap_or_default(), payload)
            }
            _ => (self.malformed(), Value::Null),
        }
    }

    /// An object written with one key twice (the second value is the one that counts): the
    /// first value a card number, another value or an object holding a card number.
    fn repeated_key(&mut self) -> (String, Value) {
        let payload = if self.chance(50) {
            self.with_card_number()
        } else {
            self.along(&PAYMENT_RESULT_SCHEMA, 3)
        };
        let Value::Object(map) = &payload else {
            return (serde_json::to_string(&payload).unwrap_or_default(), payload);
        };
        let first = match self.below(3) {
            0 => Value::String(self.card_number()),
            1 => serde_json::json!({ "cardNo": self.card_number() }),
            _ => self.any(2),
        };
        let key = if map.is_empty() || self.chance(30) {
            (*self.pick(&["cardNo", "cardPaymentResultInfo", "paymentStatus"])).to_owned()
        } else {
            let keys: Vec<String> = map.keys().cloned().collect();
            self.pick(&keys).clone()
        };
        let rest = serde_json::to_string(&payload).unwrap_or_default();
        let pair = format!(
            "{}:{}",
            Value::String(key.clone()),
            serde_json::to_string(&first).unwrap_or_default()
        );
        let text = if rest == "{}" {
            format!("{{{pair}}}")
        } else {
            format!("{{{pair},{}", &rest[1..])
        };
        let mut read = payload.clone();
        if let Value::Object(m) = &mut read {
            m.entry(key).or_insert(first);
        }
        (text, read)
    }

    /// A text that is not JSON: a payload's text broken in one place, or one of the small texts
    /// every reader must refuse alike. A break that leaves JSON gets trailing characters.
    fn malformed(&mut self) -> String {
        let text = self.broken();
        if serde_json::from_str::<Value>(&text).is_ok() {
            format!("{text}\n\nx")
        } else {
            text
        }
    }

    fn broken(&mut self) -> String {
        let payload = self.payload();
        let text = serde_json::to_string(&payload).unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        let at = self.below(chars.len().max(1));
        let head: String = chars[..at].iter().collect();
        let tail: String = chars[at..].iter().collect();
        match self.below(14) {
            0 => head,
            1 => format!("{head},{tail}"),
            2 => text.replacen('}', ",}", 1),
            3 => text.replacen(']', ",]", 1),
            4 => text.replacen("\\\"", "\\x", 1).replacen('"', "\"\\q", 1),
            5 => format!(
                "{{\"paymentStatus\":\"\\ud83d{}\"}}",
                if self.chance(50) { "" } else { "x" }
            ),
            6 => "{\"holdName\":\"a\u{1}b\"}".to_owned(),
            7 => format!("\u{feff}{text}"),
            8 => format!("{text} {}", self.pick(&["x", "{}", "1", "]"])),
            9 => format!("{}{}", "[".repeat(129), "]".repeat(129)),
            10 => format!(
                "{{\"code\":{}}}",
                self.pick(&["01", "1.", "-", "1e", ".5", "+1", "NaN", "tru"])
            ),
            11 => (*self.pick(&["", " ", "\n\t\r ", "\u{a0}"])).to_owned(),
            12 => format!("{head}\u{0}{tail}"),
            _ => format!("{head}\n\n{tail}"),
        }
    }

    fn key(&mut self) -> String {
        match self.below(10) {
            0..=4 => {
                let keys = self.keys.clone();
                (*self.pick(&keys)).to_owned()
            }
            5..=7 => (*self.pick(ODD_KEYS)).to_owned(),
            _ => hostile_text(self),
        }
    }

    fn number(&mut self) -> Value {
        let n = match self.below(12) {
            0 => Number::from(i64::MIN),
            1 => Number::from(i64::MAX),
            2 => Number::from(u64::MAX),
            3 => Number::from((1u64 << 53) + 1),
            4 => Number::from(self.draw(proptest::num::i64::ANY)),
            5 => Number::from(self.draw(0u64..1000)),
            6 => Number::from_f64(f64::MAX).unwrap_or(Number::from(0)),
            7 => Number::from_f64(f64::MIN_POSITIVE).unwrap_or(Number::from(0)),
            8 => Number::from_f64(5e-324).unwrap_or(Number::from(0)),
            9 => Number::from_f64(-0.0).unwrap_or(Number::from(0)),
            10 => Number::from_f64(0.1).unwrap_or(Number::from(0)),
            _ => Number::from_f64(self.draw(proptest::num::f64::NORMAL)).unwrap_or(Number::from(0)),
        };
        Value::Number(n)
    }

    fn string(&mut self) -> String {
        match self.below(10) {
            0 => {
                // Long, with characters that are two UTF-16 units.
                let unit = hostile_text(self);
                unit.repeat(1 + 2000 / unit.len().max(1))
            }
            1 => {
                let keys = self.keys.clone();
                (*self.pick(&keys)).to_owned()
            }
            _ => hostile_text(self),
        }
    }

    /// Any JSON value, at most `depth` levels deep.
    fn any(&mut self, depth: usize) -> Value {
        let leaf = depth == 0 || self.chance(45);
        if leaf {
            return match self.below(6) {
                0 => Value::Null,
                1 => Value::Bool(self.chance(50)),
                2 => self.number(),
                _ => Value::String(self.string()),
            };
        }
        if self.chance(50) {
            let n = self.below(5);
            Value::Array((0..n).map(|_| self.any(depth - 1)).collect())
        } else {
            let n = self.below(5);
            let mut map = Map::new();
            for _ in 0..n {
                let key = self.key();
                let value = self.any(depth - 1);
                map.insert(key, value);
            }
            Value::Object(map)
        }
    }

    /// A chain of arrays and objects `depth` levels deep.
    fn deep(&mut self, depth: usize) -> Value {
        let mut value = self.any(1);
        for _ in 0..depth {
            value = if self.chance(50) {
                Value::Array(vec![value])
            } else {
                let key = self.key();
                let mut map = Map::new();
                map.insert(key, value);
                Value::Object(map)
            };
        }
        value
    }

    /// A string for a field: often one the field accepts, sometimes one just too long.
    fn field_string(
        &mut self,
        kind: &FieldKind,
        max_length: Option<usize>,
        pattern: Option<&str>,
    ) -> String {
        if let FieldKind::Enum(e) = kind
            && self.chance(70)
        {
            return self.pick(e.values).0.to_owned();
        }
        if let Some(p) = pattern
            && self.chance(60)
            && let Ok(strategy) = proptest::string::string_regex(&p[1..p.len() - 1])
        {
            return self.draw(strategy);
        }
        if let Some(max) = max_length
            && self.chance(50)
        {
            // At the limit or one past it, in characters that JavaScript counts twice.
            let n = max + self.below(2);
            let c = *self.pick(&['a', 'é', '😀', '\u{10ffff}', '\u{0}']);
            return std::iter::repeat_n(c, n).collect();
        }
        self.string()
    }

    /// An object along `schema`: each field right, wrong, `null` or absent, plus odd keys.
    fn along(&mut self, schema: &'static ObjectSchema, depth: usize) -> Value {
        let mut map = Map::new();
        for f in schema.fields {
            if self.chance(25) {
                continue;
            }
            let value = match self.below(10) {
                0 => Value::Null,
                1 => self.any(depth.min(4)),
                _ => match &f.kind {
                    FieldKind::Any => self.any(depth.min(4)),
                    FieldKind::Object(inner) if depth > 0 => self.along(inner, depth - 1),
                    FieldKind::Object(_) => Value::Object(Map::new()),
                    kind => {
                        let pattern = f.pattern.map(|p| p.source);
                        Value::String(self.field_string(kind, f.max_length, pattern))
                    }
                },
            };
            map.insert(f.name.to_owned(), value);
        }
        for _ in 0..self.below(3) {
            let key = self.key();
            let value = self.any(2);
            map.insert(key, value);
        }
        Value::Object(map)
    }
}

/// [`COUNT`] payloads, the same on every run.
pub fn values() -> Vec<Value> {
    values_n(COUNT)
}

/// How many cases [`write_vectors`] writes: [`COUNT`], or `ANTOM_AGREE_CASES` when set (what
/// `cargo xtask fuzz agree --cases N` sets).
pub fn count() -> usize {
    std::env::var("ANTOM_AGREE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(COUNT)
}

fn generator(seed: &[u8; 16]) -> Gen {
    let mut keys = Vec::new();
    field_names(&ON_EVENT_CALLBACK_STATE_SCHEMA, &mut keys);
    field_names(&PAYMENT_RESULT_SCHEMA, &mut keys);
    Gen {
        runner: seeded_runner(seed, 0),
        keys,
    }
}

/// `n` payloads, the same on every run (the first [`COUNT`] are [`values`]).
fn values_n(n: usize) -> Vec<Value> {
    let mut g = generator(b"antom-arbitrary-");
    (0..n).map(|_| g.payload()).collect()
}

/// `n` JSON texts, the same on every run: payloads written with a key repeated (a card number
/// in the value that does not count, or in the one that does), card numbers placed in values,
/// keys and fields, and texts that are not JSON (cut short, a trailing comma, a bad or lone
/// surrogate escape, a raw control character, a byte-order mark, nesting past the limit, bad
/// numbers, trailing characters, nothing but whitespace).
/// Each text comes with the payload it reads as (`null` when it is not JSON), as drawn: a
/// payload's text parsed again may read a float one unit in the last place off.
pub fn texts(n: usize) -> Vec<(String, Value)> {
    let mut g = generator(b"antom-arbitrtext");
    (0..n).map(|_| g.text()).collect()
}

pub fn write_vectors(dir: &Path) -> Vec<Vector> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let n = count();
    let n_texts = n / 4;
    let payloads = values_n(n - n_texts).into_iter().map(|p| (p, None));
    let texts = texts(n_texts)
        .into_iter()
        .map(|(t, payload)| (payload, Some(t)));
    payloads
        .chain(texts)
        .enumerate()
        .map(|(i, (payload, text))| {
            let name = format!("arbitrary-{i:06}");
            let report = match &text {
                Some(t) => antom_callback::validate_text(t).map_or_else(|e| e.report(), |r| r.1),
                None => antom_callback::validate(&payload),
            };
            let messages = words_of(&report);
            let issues: Vec<Value> = messages
                .iter()
                .map(|(path, rule, severity, message)| {
                    serde_json::json!({ "path": path, "rule": rule, "severity": severity, "message": message })
                })
                .collect();
            let mut file = serde_json::json!({
                "description": "An arbitrary payload from tests/src/arbitrary_json.rs; expect is the Rust validator's verdict, with its messages.",
                "payload": payload,
                "expect": issues,
            });
            if let Some(t) = &text {
                file["payload_text"] = Value::String(t.clone());
            }
            let written = serde_json::to_string(&file).unwrap_or_default();
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, &written).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let read: Value = serde_json::from_str(&written)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Vector {
                name,
                payload: read["payload"].clone(),
                payload_text: text,
                never_shown: Vec::new(),
                expect: crate::vectors::sorted(&report),
                messages: Some(messages),
            }
        })
        .collect()
}

/// How numbers that came back from a runner are compared with the payload's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbers {
    /// As exact decimal values: the runner keeps every number exactly (Rust, Kotlin), though it
    /// may write `4.8831394727973256e16` as `48831394727973256`.
    Exact,
    /// As doubles, equal within a few units in the last place: JavaScript reads every number
    /// as a double and prints the shortest text that reads back as it, which serde_json's fast
    /// float parser may read one unit off.
    Doubles,
}

/// A JSON number's exact decimal value as (negative, significant digits, exponent of the last
/// digit): `4.8831394727973256e16` and `48831394727973256` are the same number.
fn decimal(n: &Number) -> (bool, String, i64) {
    let text = n.to_string().to_ascii_lowercase();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m.to_owned(), e.parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    let mut digits = format!("{int}{frac}");
    let mut exponent = exponent - frac.len() as i64;
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return (false, "0".to_owned(), 0);
    }
    (negative, digits.to_owned(), exponent)
}

fn same_json(a: &Value, b: &Value, numbers: Numbers) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if numbers == Numbers::Exact => {
            decimal(x) == decimal(y)
        }
        (Value::Number(x), Value::Number(y)) if numbers == Numbers::Doubles => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y, numbers))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w, numbers)))
        }
        _ => a == b,
    }
}

/// Where a runner's verdicts and round trips differ from the vectors: one line per difference,
/// naming the vector and showing its payload. `roundtrip` gives the value expected back for a
/// payload (or `None` when the runner reports none).
pub fn disagreements(
    got: &[(String, Vec<Expected>, Option<Value>)],
    vectors: &[Vector],
    roundtrip: impl Fn(&Value) -> Option<Value>,
    numbers: Numbers,
) -> Vec<String> {
    let mut out = Vec::new();
    let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    let want: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    if names != want {
        out.push(format!(
            "the runner reported {} verdicts for {} payloads",
            names.len(),
            want.len()
        ));
        return out;
    }
    let short = |v: &Value| -> String {
        let text = v.to_string();
        if text.chars().count() > 300 {
            format!("{}…", text.chars().take(300).collect::<String>())
        } else {
            text
        }
    };
    for ((name, issues, back), v) in got.iter().zip(vectors) {
        if issues != &v.expect {
            out.push(format!(
                "{name}: verdict {issues:?}, the Rust validator's {:?}; payload {}",
                v.expect,
                short(&v.payload)
            ));
        }
        let expected = roundtrip(&v.payload);
        let same = match (back, &expected) {
            (Some(b), Some(e)) => same_json(b, e, numbers),
            (None, None) => true,
            _ => false,
        };
        if !same {
            out.push(format!(
                "{name}: round trip gives {}, expected {}; payload {}",
                back.as_ref().map_or("nothing".to_owned(), short),
                expected.as_ref().map_or("nothing".to_owned(), short),
                short(&v.payload)
            ));
        }
    }
    out
}

/// The `input` of every row of the shared masking table, read once.
fn card_numbers() -> &'static [String] {
    static ROWS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ROWS.get_or_init(read_card_numbers)
}

fn read_card_numbers() -> Vec<String> {
    let path = crate::repo_root().join("tests/masking/card_numbers.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    table["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["input"].as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_exact_decimal_value() {
        let n = |t: &str| serde_json::from_str::<Number>(t).expect("a number");
        assert_eq!(
            decimal(&n("4.8831394727973256e16")),
            decimal(&n("48831394727973256"))
        );
        assert_eq!(decimal(&n("1.5")), decimal(&n("15e-1")));
        assert_eq!(decimal(&n("0.0")), decimal(&n("-0")));
        assert_ne!(
            decimal(&n("9007199254740993")),
            decimal(&n("9007199254740992"))
        );
        assert_ne!(decimal(&n("-1")), decimal(&n("1")));
        assert_ne!(decimal(&n("10")), decimal(&n("1")));
    }
}
