//! Redacted JSON: every sensitive field's value hidden, card numbers masked everywhere else,
//! everything else kept.

use antom_callback::validate::{FieldKind, ObjectSchema};
use antom_callback::{JsonObject, ON_EVENT_CALLBACK_STATE_SCHEMA, Payload, redact};
use serde_json::{Map, Value, json};

const CARD: &str = "4111 1111 1111 1111";
const MASKED: &str = "**** **** **** 1111";

/// A value of `schema` with every field set: a sensitive one to `secret` (a string, or a number
/// when `mistyped`), another string to a text holding a card number, an object to such a value,
/// plus a kept key and a list of kept values holding card numbers. `redacted` builds what its
/// redacted JSON must be instead.
fn filled(schema: &'static ObjectSchema, redacted: bool, mistyped: bool) -> Value {
    let card_text = if redacted {
        format!("paid with {MASKED}")
    } else {
        format!("paid with {CARD}")
    };
    let mut map = Map::new();
    for field in schema.fields {
        let value = match &field.kind {
            _ if field.sensitive && redacted => json!("<redacted>"),
            _ if field.sensitive && mistyped => json!(4111111111111111_u64),
            _ if field.sensitive => json!(CARD.replace(' ', "")),
            FieldKind::Object(inner) => filled(inner, redacted, mistyped),
            FieldKind::Enum(e) => json!(e.values[0].0),
            FieldKind::String | FieldKind::Any => json!(card_text),
        };
        map.insert(field.name.to_owned(), value);
    }
    map.insert("keptKey".to_owned(), json!(card_text));
    map.insert("keptList".to_owned(), json!([card_text, 7, null]));
    Value::Object(map)
}

#[test]
fn sensitive_fields_are_hidden_and_card_numbers_masked() {
    let mut sensitive = 0;
    fn count(schema: &'static ObjectSchema, n: &mut usize) {
        for f in schema.fields {
            *n += usize::from(f.sensitive);
            if let FieldKind::Object(inner) = f.kind {
                count(inner, n);
            }
        }
    }
    count(&ON_EVENT_CALLBACK_STATE_SCHEMA, &mut sensitive);
    assert!(sensitive > 0, "the spec has sensitive fields");
    for mistyped in [false, true] {
        let payload = filled(&ON_EVENT_CALLBACK_STATE_SCHEMA, false, mistyped);
        let want = filled(&ON_EVENT_CALLBACK_STATE_SCHEMA, true, mistyped);
        assert_eq!(redact(&payload), want);
        let decoded = Payload::from_value(payload.clone()).expect("an object");
        assert_eq!(decoded.to_redacted_json(), want);
        let Payload::EventCallbackState(state) = &decoded else {
            panic!("a state: {decoded:?}");
        };
        assert_eq!(state.to_redacted_json(), want);
        let shown = decoded.to_string();
        assert!(
            !shown.contains("4111111111111111") && !shown.contains(CARD),
            "{shown}"
        );
        // Redaction changes the copy only.
        assert_eq!(decoded.to_value(), payload);
    }
}

#[test]
fn text_without_a_card_number_is_kept() {
    let payload = json!({ "code": "X", "message": "order 12345", "result": { "n": [1, "2"] } });
    assert_eq!(redact(&payload), payload);
}
