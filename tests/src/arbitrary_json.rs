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
use crate::vectors::{Expected, Vector, verdict, words_of};

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
    let mut keys = Vec::new();
    field_names(&ON_EVENT_CALLBACK_STATE_SCHEMA, &mut keys);
    field_names(&PAYMENT_RESULT_SCHEMA, &mut keys);
    let mut g = Gen {
        runner: seeded_runner(b"antom-arbitrary-", 0),
        keys,
    };
    (0..COUNT)
        .map(|_| match g.below(20) {
            0..=6 => g.along(&ON_EVENT_CALLBACK_STATE_SCHEMA, 3),
            7..=11 => g.along(&PAYMENT_RESULT_SCHEMA, 3),
            12..=17 => g.any(6),
            _ => {
                let depth = g.between(20, MAX_DEPTH - 2);
                g.deep(depth)
            }
        })
        .collect()
}

/// Writes [`values`] into `dir` as `arbitrary-NNN.json` conformance vectors whose expectation is
/// the Rust validator's verdict; returns them in file name order, each payload as serde_json
/// reads it back from its file (its float parser may differ from the value written by one unit
/// in the last place, and a runner that keeps numbers exactly must match the file).
pub fn write_vectors(dir: &Path) -> Vec<Vector> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    values()
        .into_iter()
        .enumerate()
        .map(|(i, payload)| {
            let name = format!("arbitrary-{i:03}");
            let expect = verdict(&payload);
            let messages = words_of(&antom_callback::validate(&payload));
            let issues: Vec<Value> = messages
                .iter()
                .map(|(path, rule, severity, message)| {
                    serde_json::json!({ "path": path, "rule": rule, "severity": severity, "message": message })
                })
                .collect();
            let file = serde_json::json!({
                "description": "An arbitrary payload from tests/src/arbitrary_json.rs; expect is the Rust validator's verdict, with its messages.",
                "payload": payload,
                "expect": issues,
            });
            let text = serde_json::to_string(&file).unwrap_or_default();
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let read: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Vector {
                name,
                payload: read["payload"].clone(),
                payload_text: None,
                never_shown: Vec::new(),
                expect,
                messages: Some(messages),
            }
        })
        .collect()
}

/// How numbers that came back from a runner are compared with the payload's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbers {
    /// As JSON values: the runner keeps every number exactly (Rust, Kotlin).
    Exact,
    /// As doubles, equal within a few units in the last place: JavaScript reads every number
    /// as a double and prints the shortest text that reads back as it, which serde_json's fast
    /// float parser may read one unit off.
    Doubles,
}

fn same_json(a: &Value, b: &Value, numbers: Numbers) -> bool {
    match (a, b) {
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
