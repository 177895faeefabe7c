//! Lenient conversion between JSON values and the generated types.
//!
//! Decoding never fails for a JSON object: a known key whose value has the wrong JSON type is
//! kept, as sent, with the unknown keys, so encoding returns the same JSON value.

use serde_json::{Map, Value};

/// A generated object type that converts to and from a JSON value without losing anything.
pub trait JsonObject: Sized {
    /// Builds the type from a JSON object; any other value is handed back.
    fn from_value(value: Value) -> Result<Self, Value>;
    /// The JSON object, known fields and kept keys together.
    fn to_value(&self) -> Value;
}

pub(crate) fn take_string(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    if !matches!(map.get(key), Some(Value::String(_))) {
        return None;
    }
    match map.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

pub(crate) fn take_enum<E: From<String>>(map: &mut Map<String, Value>, key: &str) -> Option<E> {
    take_string(map, key).map(E::from)
}

pub(crate) fn take_object<T: JsonObject>(map: &mut Map<String, Value>, key: &str) -> Option<T> {
    if !matches!(map.get(key), Some(Value::Object(_))) {
        return None;
    }
    map.remove(key).and_then(|v| T::from_value(v).ok())
}

pub(crate) fn take_any(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    map.remove(key)
}

pub(crate) fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

/// Writes `value` for `Debug`, hiding it when the field is sensitive.
pub(crate) fn debug_value<T: std::fmt::Debug>(
    value: &Option<T>,
    sensitive: bool,
) -> &dyn std::fmt::Debug {
    match value {
        Some(_) if sensitive => &Some(Redacted),
        _ => value,
    }
}

/// Shown in place of a sensitive value.
#[derive(Clone, Copy)]
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The kept keys for `Debug`, with values of sensitive fields hidden.
pub(crate) fn debug_extra(extra: &Map<String, Value>, sensitive: &[&str]) -> Vec<(String, String)> {
    extra
        .iter()
        .map(|(k, v)| {
            let shown = if sensitive.contains(&k.as_str()) {
                "<redacted>".to_owned()
            } else {
                v.to_string()
            };
            (k.clone(), shown)
        })
        .collect()
}
