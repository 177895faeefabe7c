//! The spec's sample payloads (the source page's own samples) validate with no errors, and
//! decode then encode to the same JSON value.

use antom_callback::{JsonObject, PaymentResult, validate};
use antom_tests::repo_spec;
use serde_json::Value;

#[test]
fn seed_samples_validate_without_errors_and_round_trip() {
    let spec = repo_spec();
    assert!(
        spec.samples.len() >= 2,
        "the source page has two sample payloads"
    );
    for sample in &spec.samples {
        let value: Value =
            serde_json::from_str(&sample.json).expect("samples are JSON (lint checks it)");
        let report = validate(&value);
        assert!(
            report.is_valid(),
            "sample {} has errors: {:?}",
            sample.name,
            report.issues
        );
        let decoded = PaymentResult::from_value(value.clone()).expect("samples are objects");
        assert_eq!(
            decoded.to_value(),
            value,
            "sample {} does not round-trip",
            sample.name
        );
    }
}

#[test]
fn the_card_sample_warns_that_last_four_does_not_match_the_card_number() {
    // The source's card sample shows cardNo `************8888` with lastFour `0000`.
    let spec = repo_spec();
    let card = spec
        .samples
        .iter()
        .find(|s| s.json.contains("cardPaymentResultInfo"))
        .expect("card sample");
    let report = validate(&serde_json::from_str(&card.json).expect("JSON"));
    let warnings: Vec<(&str, &str)> = report.warnings().map(|i| (i.path(), i.rule())).collect();
    assert_eq!(
        warnings,
        [("/cardPaymentResultInfo/lastFour", "last_four_mismatch")]
    );
}

#[test]
fn sensitive_fields_are_redacted_by_debug() {
    let spec = repo_spec();
    let card = spec
        .samples
        .iter()
        .find(|s| s.json.contains("cardPaymentResultInfo"))
        .expect("card sample");
    let decoded: PaymentResult = serde_json::from_str(&card.json).expect("decodes");
    let debug = format!("{decoded:?}");
    for secret in ["Tom Jay", "************8888"] {
        assert!(!debug.contains(secret), "Debug shows {secret}: {debug}");
    }
    assert!(
        debug.contains("<redacted>") && debug.contains("BANCO ITAUCARD"),
        "{debug}"
    );
}
