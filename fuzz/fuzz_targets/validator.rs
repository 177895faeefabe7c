//! Any bytes as a payload: if they are JSON, validation and the lenient round trip never panic,
//! decoding then encoding an object returns the same value, and the decoded payload's report is
//! the JSON value's. As text, the bytes are also
//! matched against every pattern of the spec by the fast matcher and by `regress`, which agree.
#![no_main]

use antom_callback::validate::{FieldKind, ObjectSchema, Pattern};
use antom_callback::{
    JsonObject, ON_EVENT_CALLBACK_STATE_SCHEMA, OnEventCallbackState, PAYMENT_RESULT_SCHEMA,
    Payload, PaymentResult, validate,
};
use libfuzzer_sys::fuzz_target;

fn patterns(schema: &'static ObjectSchema, out: &mut Vec<&'static Pattern>) {
    for field in schema.fields {
        if let Some(p) = field.pattern {
            out.push(p);
        }
        if let FieldKind::Object(inner) = &field.kind {
            patterns(inner, out);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut all = Vec::new();
        patterns(&ON_EVENT_CALLBACK_STATE_SCHEMA, &mut all);
        patterns(&PAYMENT_RESULT_SCHEMA, &mut all);
        for p in all {
            assert_eq!(p.is_match(text), p.is_match_general(text), "{}", p.source);
        }
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let report = validate(&value);
    for issue in &report.issues {
        assert!(issue.path().is_empty() || issue.path().starts_with('/'));
    }
    if value.is_object() {
        let payload = Payload::from_value(value.clone()).expect("objects decode");
        assert_eq!(payload.validate(), report);
        let state = OnEventCallbackState::from_value(value.clone()).expect("objects decode");
        assert_eq!(state.to_value(), value);
        let result = PaymentResult::from_value(value.clone()).expect("objects decode");
        assert_eq!(result.to_value(), value);
    }
});
