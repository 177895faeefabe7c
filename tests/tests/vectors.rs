//! The Rust validator against the shared conformance vectors, and the lossless round trip.

use antom_callback::{JsonObject, Payload, validate};
use antom_tests::arbitrary_json;
use antom_tests::vectors::{self, report, verdict_of};
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
        let got = verdict_of(v);
        if got != v.expect {
            disagreements.push(format!(
                "{}: expected {:?}, got {:?}",
                v.name, v.expect, got
            ));
        }
        for issue in &report(v).issues {
            if v.never_shown
                .iter()
                .any(|s| issue.message().contains(s.as_str()))
            {
                disagreements.push(format!("{}: a message shows a secret: {issue}", v.name));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn the_vectors_show_a_repeated_key_and_a_card_number_in_a_field_that_is_not_sensitive() {
    let vectors = vectors::load();
    let text = vectors
        .iter()
        .find(|v| v.payload_text.is_some())
        .expect("a vector with payload_text");
    assert!(
        text.expect
            .iter()
            .any(|(_, rule, sev)| rule == "duplicate_key" && sev == "error"),
        "{}: a repeated sensitive key is an error",
        text.name
    );
    let (_, read) = antom_callback::validate_str(text.payload_text.as_deref().unwrap_or_default())
        .expect("JSON text");
    assert!(read.issues.iter().any(|i| i.rule() == "duplicate_key"));
    assert!(
        vectors
            .iter()
            .any(|v| !v.never_shown.is_empty() && v.payload_text.is_none()),
        "a vector whose value alone holds a secret"
    );
}

/// A vector's text reads as its value: the text validators and the value validators see the
/// same payload.
#[test]
fn payload_text_reads_as_the_payload() {
    for v in vectors::load() {
        if let Some(text) = &v.payload_text {
            let value: Value = serde_json::from_str(text).expect("payload_text is JSON");
            assert_eq!(value, v.payload, "{}", v.name);
            let (read, _) = antom_callback::validate_str(text).expect("JSON");
            assert_eq!(read, v.payload, "{}", v.name);
        }
    }
}

/// The lint's sample validator (`antom_spec::payload`, which reads the spec's model) gives the
/// report of `antom validate` (the generated tables), issue for issue and word for word, on every
/// vector and the arbitrary payloads.
#[test]
fn the_spec_sample_validator_agrees_with_the_runtime_validator() {
    let spec = antom_tests::repo_spec();
    let payloads: Vec<Value> = vectors::load()
        .iter()
        .map(|v| v.payload.clone())
        .chain(arbitrary_json::values())
        .collect();
    let mut differences = Vec::new();
    for payload in &payloads {
        let ty = match antom_callback::payload_kind(payload) {
            antom_callback::PayloadKind::EventCallbackState => "OnEventCallbackState",
            antom_callback::PayloadKind::Result => "PaymentResult",
        };
        let ours: Vec<(String, String, String, String)> =
            antom_spec::payload::validate_as(&spec, ty, payload)
                .into_iter()
                .map(|i| (i.path, i.rule, i.severity.as_str().to_owned(), i.message))
                .collect();
        let runtime: Vec<(String, String, String, String)> = validate(payload)
            .issues
            .iter()
            .map(|i| {
                (
                    i.path().to_owned(),
                    i.rule().to_owned(),
                    i.severity().as_str().to_owned(),
                    i.message().to_owned(),
                )
            })
            .collect();
        if ours != runtime {
            differences.push(format!(
                "{payload}:\n  spec:    {ours:?}\n  runtime: {runtime:?}"
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
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
