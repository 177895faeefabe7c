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

/// `{:?}` and `{:#?}` of a decoded object show no sensitive value, whether the field held a
/// string or a value of the wrong type (then it is among the kept keys), and mask card numbers
/// in every other value and key.
#[test]
fn debug_shows_no_sensitive_value_and_no_card_number() {
    use antom_callback::CardPaymentResultInfo;
    let secrets = ["4111111111111111", "Tom Jay", "fp-secret-77"];
    for card in [
        json!({ "cardNo": "4111111111111111", "holdName": "Tom Jay", "fingerprint": "fp-secret-77", "cardBrand": "VISA" }),
        json!({ "cardNo": 4111111111111111_u64, "holdName": ["Tom Jay"], "fingerprint": { "v": "fp-secret-77" }, "cardBrand": "VISA" }),
    ] {
        let mut payload = card.clone();
        payload["note"] = json!("paid with 4111 1111 1111 1111");
        payload["6011111111111117"] = json!(1);
        payload["issuerName"] = json!("bank 378282246310005");
        let decoded = CardPaymentResultInfo::from_value(payload.clone()).expect("an object");
        for shown in [format!("{decoded:?}"), format!("{decoded:#?}")] {
            for secret in secrets.iter().chain(&[
                "4111 1111 1111 1111",
                "6011111111111117",
                "378282246310005",
            ]) {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
            assert!(shown.contains("<redacted>"), "{shown}");
            assert!(shown.contains("VISA"), "{shown}");
            assert!(shown.contains("**** **** **** 1111"), "{shown}");
            assert!(shown.contains("************1117"), "{shown}");
            assert!(shown.contains("bank ***********0005"), "{shown}");
        }
        let shown = format!("{decoded:?}");
        let hidden = shown.matches("<redacted>").count();
        assert_eq!(hidden, 3, "each sensitive field hidden once: {shown}");
        // Debug changes nothing it shows.
        assert_eq!(decoded.to_value(), payload);
    }
}

/// A type of one's own that keeps the default `to_redacted_json`: card numbers masked in its
/// strings and keys, never `null`.
#[test]
fn the_default_redacted_json_masks_and_keeps_the_object() {
    #[derive(Debug)]
    struct Own(Map<String, Value>);
    impl JsonObject for Own {
        fn from_value(value: Value) -> Result<Self, Value> {
            match value {
                Value::Object(map) => Ok(Own(map)),
                other => Err(other),
            }
        }
        fn to_value(&self) -> Value {
            Value::Object(self.0.clone())
        }
    }
    let own = Own::from_value(json!({
        "note": "card 5555555555554444",
        "5555555555554444": [ "6011111111111117", 3 ],
        "cardNo": "kept: not a field of a generated type",
    }))
    .expect("an object");
    assert_eq!(
        own.to_redacted_json(),
        json!({
            "note": "card ************4444",
            "************4444": [ "************1117", 3 ],
            "cardNo": "kept: not a field of a generated type",
        })
    );
    assert_eq!(
        Own::from_value(json!({}))
            .map(|o| o.to_redacted_json())
            .ok(),
        Some(json!({}))
    );
}
