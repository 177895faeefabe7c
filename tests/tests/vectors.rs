//! The Rust validator against the shared conformance vectors, and the lossless round trip.

use antom_callback::{JsonObject, OnEventCallbackState, PayloadKind, PaymentResult, payload_kind};
use antom_tests::vectors::{self, verdict};

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
        let back = match payload_kind(&v.payload) {
            PayloadKind::EventCallbackState => {
                OnEventCallbackState::from_value(v.payload.clone()).map(|s| s.to_value())
            }
            PayloadKind::Result => {
                PaymentResult::from_value(v.payload.clone()).map(|r| r.to_value())
            }
        };
        match back {
            Ok(back) => assert_eq!(back, v.payload, "{} does not round-trip", v.name),
            Err(original) => assert!(
                !original.is_object(),
                "{}: an object failed to decode",
                v.name
            ),
        }
    }
}
