//! The Rust validator against the shared conformance vectors, and the lossless round trip.

use antom_callback::{JsonObject, Payload, validate};
use antom_tests::arbitrary_json;
use antom_tests::vectors::{self, verdict};
use serde_json::Value;

#[test]
fn rust_agrees_with_every_vector() {
    let vectors = vectors::load();
    assert!(
        vectors.len() >= 10,
        "expected conformance vectors under tests/vectors"
    );
    let mut disagreements = Vec::new();
    for v in &vectors {
        let got = verdict(&v.payload);
        if got != v.expect {
            disagreements.push(format!(
                "{}: expected {:?}, got {:?}",
                v.name, v.expect, got
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn every_object_vector_round_trips() {
    for v in vectors::load() {
        match Payload::from_value(v.payload.clone()).map(|p| p.to_value()) {
            Ok(back) => assert_eq!(back, v.payload, "{} does not round-trip", v.name),
            Err(original) => assert!(
                !original.is_object(),
                "{}: an object failed to decode",
                v.name
            ),
        }
    }
}

/// Validating the decoded payload gives the report `validate` gives for its JSON value: the
/// same issues, messages included, in the same order.
fn decoded_report_differs(payload: &Value) -> Option<String> {
    let from_json = validate(payload);
    match Payload::from_value(payload.clone()).map(|p| p.validate()) {
        Ok(decoded) if decoded != from_json => Some(format!(
            "{payload}:\n  JSON value: {:?}\n  decoded:    {:?}",
            from_json.issues, decoded.issues
        )),
        Ok(_) => None,
        Err(_) if payload.is_object() => Some(format!("{payload}: an object failed to decode")),
        Err(_) => None,
    }
}

#[test]
fn decoded_payloads_get_the_json_values_report() {
    let vectors = vectors::load();
    let payloads: Vec<Value> = vectors
        .iter()
        .map(|v| v.payload.clone())
        .chain(arbitrary_json::values())
        .collect();
    assert_eq!(payloads.len(), vectors.len() + arbitrary_json::COUNT);
    let differences: Vec<String> = payloads.iter().filter_map(decoded_report_differs).collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
