//! Lenient conversion between JSON values and the generated types.
//!
//! Decoding never fails for a JSON object: a known key whose value has the wrong JSON type is
//! kept, as sent, with the unknown keys, so encoding returns the same JSON value.

use serde_json::{Map, Value};

use crate::validate::{FieldKindOf, ObjectSchema, mask_card_numbers};

/// A generated object type that converts to and from a JSON value without losing anything.
pub trait JsonObject: Sized {
    /// Builds the type from a JSON object; any other value is handed back.
    fn from_value(value: Value) -> Result<Self, Value>;
    /// The JSON object, known fields and kept keys together.
    fn to_value(&self) -> Value;
    /// [`to_value`](Self::to_value) safe to log: the value of every sensitive field (the spec's
    /// `sensitive: true`), whatever its JSON type, replaced by `"<redacted>"`, and every other
    /// string and every key, kept keys included, with its card numbers masked
    /// ([`mask_card_numbers`](crate::validate::mask_card_numbers)). Generated types know their sensitive
    /// fields; the default, for a type of your own, only masks card numbers.
    fn to_redacted_json(&self) -> Value {
        redact(None, self.to_value())
    }
}

/// Shown in place of a sensitive value.
pub(crate) const REDACTED: &str = "<redacted>";

/// `value` read as `schema` with every sensitive field's value replaced by [`REDACTED`] and card
/// numbers masked in every other string and in every key; an object that is not `schema`'s keeps
/// only the masking. Two keys that mask to the same text keep the later value.
pub(crate) fn redact(schema: Option<&ObjectSchema>, value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let field = schema.and_then(|s| s.field(&key));
                    let value = match field {
                        Some(f) if f.sensitive => Value::String(REDACTED.to_owned()),
                        Some(f) => match f.kind {
                            FieldKindOf::Object(inner) => redact(Some(inner), value),
                            _ => redact(None, value),
                        },
                        None => redact(None, value),
                    };
                    (mask_key(key), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| redact(None, v)).collect()),
        Value::String(text) => Value::String(mask_key(text)),
        other => other,
    }
}

/// `text` with its card numbers masked, without a copy when it has none.
fn mask_key(text: String) -> String {
    match mask_card_numbers(&text) {
        std::borrow::Cow::Owned(masked) => masked,
        std::borrow::Cow::Borrowed(_) => text,
    }
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

/// A field's value for `Debug`: `Some(<redacted>)` when the field is sensitive, else the
/// value's own `Debug` with its card numbers masked ([`mask_card_numbers`]).
pub(crate) fn debug_value<T: std::fmt::Debug>(value: &Option<T>, sensitive: bool) -> Shown<'_, T> {
    Shown { value, sensitive }
}

/// What [`debug_value`] returns.
pub(crate) struct Shown<'a, T> {
    value: &'a Option<T>,
    sensitive: bool,
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shown<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(_) if self.sensitive => Some(Hidden).fmt(f),
            value => {
                let text = if f.alternate() {
                    format!("{value:#?}")
                } else {
                    format!("{value:?}")
                };
                f.write_str(&mask_card_numbers(&text))
            }
        }
    }
}

/// Shown by `Debug` in place of a sensitive value: [`REDACTED`].
#[derive(Clone, Copy)]
pub(crate) struct Hidden;

impl std::fmt::Debug for Hidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The kept keys for `Debug`: the values of sensitive fields hidden, card numbers masked in
/// every key and every other value.
pub(crate) fn debug_extra(extra: &Map<String, Value>, sensitive: &[&str]) -> Vec<(String, String)> {
    extra
        .iter()
        .map(|(k, v)| {
            let shown = if sensitive.contains(&k.as_str()) {
                REDACTED.to_owned()
            } else {
                mask_card_numbers(&v.to_string()).into_owned()
            };
            (mask_card_numbers(k).into_owned(), shown)
        })
        .collect()
}
