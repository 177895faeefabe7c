//! The JSON value and printer of the payload schemas: object keys stay in the order they are
//! set, and a value that fits on its line (under 120 columns, no line break in a string) is
//! written on one line, `{"a": 1, "b": [2, 3]}`; anything longer gets one entry a line, two
//! spaces a level.
//!
//! Hand-written on purpose, where `serde_json` would otherwise serve:
//! - The layout: `serde_json`'s pretty printer sees one token at a time, so it cannot keep a
//!   short object on one line; the committed schemas (`cargo xtask codegen --check`) fix it.
//! - The key order: `serde_json::Value` keeps insertion order only with its `preserve_order`
//!   feature, which Cargo turns on for every crate of a build that links this one. Tried on the
//!   workspace, it reorders the keys of `generated/schema/spec.schema.json` and
//!   `generated/catalog.schema.json` (schemars' values), of the generated Swift round-trip
//!   tests (which print `antom-callback`'s values) and of every JSON answer of `antom`
//!   (`explain`, `list`, `lint`, `validate`). [`tests::serde_json_sorts_keys`] fails if the
//!   feature is turned on.

/// A JSON value whose object keys keep their insertion order.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum J {
    Bool(bool),
    Num(u64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl From<&str> for J {
    fn from(s: &str) -> J {
        J::Str(s.to_owned())
    }
}
impl From<String> for J {
    fn from(s: String) -> J {
        J::Str(s)
    }
}
impl From<u64> for J {
    fn from(n: u64) -> J {
        J::Num(n)
    }
}
impl From<bool> for J {
    fn from(b: bool) -> J {
        J::Bool(b)
    }
}
impl From<Vec<J>> for J {
    fn from(items: Vec<J>) -> J {
        J::Arr(items)
    }
}
impl From<O> for J {
    fn from(o: O) -> J {
        J::Obj(o.0)
    }
}

/// Builds a JSON object, key by key.
#[derive(Clone, Debug, Default)]
pub(super) struct O(Vec<(String, J)>);

impl O {
    pub(super) fn new() -> O {
        O::default()
    }
    pub(super) fn set(mut self, key: &str, value: impl Into<J>) -> O {
        self.0.push((key.to_owned(), value.into()));
        self
    }
    pub(super) fn opt(self, key: &str, value: Option<impl Into<J>>) -> O {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }
    /// Sets `key` to a list, unless the list is empty.
    pub(super) fn list(self, key: &str, items: Vec<J>) -> O {
        if items.is_empty() {
            self
        } else {
            self.set(key, items)
        }
    }
    pub(super) fn build(self) -> J {
        J::Obj(self.0)
    }
}

pub(super) fn strs<S: AsRef<str>>(items: &[S]) -> Vec<J> {
    items.iter().map(|s| J::from(s.as_ref())).collect()
}

/// Lines up to this width keep a small object or array on one line.
const WIDTH: usize = 120;

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// One-line form: `{"a": 1, "b": [2, 3]}`.
fn compact(j: &J, out: &mut String) {
    match j {
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => out.push_str(&n.to_string()),
        J::Str(s) => out.push_str(&quote(s)),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                compact(item, out);
            }
            out.push(']');
        }
        J::Obj(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(k));
                out.push_str(": ");
                compact(v, out);
            }
            out.push('}');
        }
    }
}

/// Pretty form, two spaces per level; `column` is where the value starts on its line.
fn pretty(j: &J, indent: usize, column: usize, out: &mut String) {
    let mut one_line = String::new();
    compact(j, &mut one_line);
    let fits = column + one_line.chars().count() < WIDTH && !one_line.contains("\\n");
    match j {
        J::Arr(items) if !items.is_empty() && !fits => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                let pad = "  ".repeat(indent + 1);
                out.push_str(&pad);
                pretty(item, indent + 1, pad.len(), out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        J::Obj(entries) if !entries.is_empty() && !fits => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                let pad = "  ".repeat(indent + 1);
                let key = format!("{pad}{}: ", quote(k));
                out.push_str(&key);
                pretty(v, indent + 1, key.chars().count(), out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        _ => out.push_str(&one_line),
    }
}

pub(super) fn render(j: &J) -> String {
    let mut out = String::new();
    pretty(j, 0, 0, &mut out);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout that `serde_json`'s pretty printer cannot give: short values on one line.
    #[test]
    fn short_values_stay_on_one_line() {
        let long = "x".repeat(120);
        let j = O::new()
            .set("b", strs(&["one", "two"]))
            .set("a", O::new().set("n", 3u64).set("t", true))
            .set("long", vec![J::from(long.as_str())])
            .set("lines", "a\nb")
            .build();
        let expected = format!(
            "{{\n  \"b\": [\"one\", \"two\"],\n  \"a\": {{\"n\": 3, \"t\": true}},\n  \"long\": [\n    \"{long}\"\n  ],\n  \"lines\": \"a\\nb\"\n}}\n"
        );
        assert_eq!(render(&j), expected);
    }

    /// Every JSON answer of `antom` and the schemas made from schemars' values are written with
    /// sorted keys; `serde_json`'s `preserve_order` would change them all (see the module doc).
    #[test]
    fn serde_json_sorts_keys() {
        let value = serde_json::json!({ "b": 1, "a": 2 });
        assert_eq!(
            value.to_string(),
            r#"{"a":2,"b":1}"#,
            "serde_json's `preserve_order` feature is on: it reorders the keys of antom's JSON \
             output and of generated files"
        );
    }
}
