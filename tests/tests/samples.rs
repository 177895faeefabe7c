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

/// Lint reads a sample's repeated keys as `antom validate` reads them: each vector with a
/// `payload_text`, written as a sample of the real spec, gets the vector's `duplicate_key`
/// issues, each a problem when the vector says error and a warning when it says warning.
#[test]
fn lint_reports_each_vectors_repeated_keys_as_validate_does() {
    let dir = antom_tests::repo_root().join("spec");
    let mut checked = 0;
    for v in antom_tests::vectors::load() {
        let Some(text) = &v.payload_text else {
            continue;
        };
        let ty = match antom_callback::payload_kind(&v.payload) {
            antom_callback::PayloadKind::EventCallbackState => "OnEventCallbackState",
            antom_callback::PayloadKind::Result => "PaymentResult",
        };
        let mut files = antom_tests::read_spec_files(&dir);
        let sample = format!(
            "samples:\n  vector:\n    description: A vector.\n    type: {ty}\n    json: |\n      {text}\n    provenance: {{ sources: [seed] }}\n"
        );
        files.push(antom_spec::SourceFile::new("spec/vector.yaml", sample));
        let (spec, warnings) = antom_codegen::load_with_warnings(&files);
        let problems = spec.err().map(|p| p.to_string()).unwrap_or_default();
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let mut got: Vec<(String, String)> = Vec::new();
        for (severity, lines) in [
            ("error", problems.lines().map(str::to_owned).collect()),
            ("warning", warnings),
        ] {
            for line in lines {
                if let Some((_, rest)) = line.split_once("sample `vector` (")
                    && line.ends_with("[duplicate_key]")
                    && let Some((_, rest)) = rest.split_once(") at ")
                    && let Some((path, _)) = rest.split_once(": ")
                {
                    got.push((path.to_owned(), severity.to_owned()));
                }
            }
        }
        got.sort();
        let want: Vec<(String, String)> = v
            .expect
            .iter()
            .filter(|(_, rule, _)| rule == "duplicate_key")
            .map(|(path, _, severity)| (path.clone(), severity.clone()))
            .collect();
        assert_eq!(got, want, "{}", v.name);
        checked += 1;
    }
    assert!(checked >= 5, "vectors with payload_text: {checked}");
}
