//! The validator's cost: parse plus validate against parse alone into the same types, on the
//! source page's samples and on every conformance vector, and open-enum lookup from a string.

use std::hint::black_box;
use std::path::Path;

use antom_callback::{EventCode, JsonObject, PaymentResult, PaymentResultCode, validate};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

/// Every conformance vector's payload, by file name.
fn vectors() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
            let name = p.file_stem()?.to_string_lossy().into_owned();
            v.get("payload")
                .filter(|p| p.is_object())
                .map(|payload| (name, payload.to_string()))
        })
        .collect()
}

/// Parse alone: JSON text into the typed payload.
fn parse(text: &str) -> PaymentResult {
    serde_json::from_str(text).unwrap_or_default()
}

/// Parse and validate: the same typed payload, plus the full report.
fn parse_and_validate(text: &str) -> (PaymentResult, usize) {
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let report = validate(&value);
    (
        PaymentResult::from_value(value).unwrap_or_default(),
        report.issues.len(),
    )
}

fn bench(c: &mut Criterion) {
    let vectors = vectors();
    // The source page's two samples (the card and the risk result), as conformance vectors.
    let seed: Vec<String> = vectors
        .iter()
        .filter(|(name, _)| name.starts_with("seed_"))
        .map(|(_, payload)| payload.clone())
        .collect();
    let vectors: Vec<String> = vectors.into_iter().map(|(_, payload)| payload).collect();
    assert!(
        seed.len() == 2 && vectors.len() > 100,
        "the seed samples and the vectors are present"
    );
    for (name, inputs) in [("seed samples", &seed), ("all vectors", &vectors)] {
        let mut group = c.benchmark_group(name);
        group.bench_function("parse", |b| {
            b.iter(|| {
                for text in inputs.iter() {
                    black_box(parse(black_box(text)));
                }
            })
        });
        group.bench_function("parse + validate", |b| {
            b.iter(|| {
                for text in inputs.iter() {
                    black_box(parse_and_validate(black_box(text)));
                }
            })
        });
        group.finish();
    }
    let codes = [
        "SDK_PAYMENT_SUCCESSFUL",
        "SDK_END_OF_LOADING",
        "SDK_SOMETHING_NEW",
        "RISK_REJECT",
    ];
    c.bench_function("open enum lookup", |b| {
        b.iter(|| {
            for code in codes {
                black_box(EventCode::from(black_box(code)));
                black_box(PaymentResultCode::from(black_box(code)));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
