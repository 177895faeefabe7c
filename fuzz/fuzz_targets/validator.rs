//! Any bytes as a payload: if they are JSON, validation and the lenient round trip never panic,
//! and decoding then encoding an object returns the same value.
#![no_main]

use antom_callback::{JsonObject, OnEventCallbackState, PaymentResult, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let report = validate(&value);
    for issue in &report.issues {
        assert!(issue.path.is_empty() || issue.path.starts_with('/'));
    }
    if value.is_object() {
        let state = OnEventCallbackState::from_value(value.clone()).expect("objects decode");
        assert_eq!(state.to_value(), value);
        let result = PaymentResult::from_value(value.clone()).expect("objects decode");
        assert_eq!(result.to_value(), value);
    }
});
