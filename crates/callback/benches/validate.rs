//! The validator's cost: parse plus validate against parse alone into the same types, on the
//! source page's samples and on every conformance vector, and open-enum lookup from a string.

use std::hint::black_box;
use std::path::Path;

use antom_callback::{EventCode, JsonObject, PaymentResult, PaymentResultCode, validate};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

fn vectors() -> Vec<String> {
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
            v.get("payload")
                .filter(|p| p.is_object())
                .map(Value::to_string)
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
    let seed: Vec<String> = vectors
        .iter()
        .filter(|v| v.contains("\"resultStatus\":\"S\""))
        .cloned()
        .collect();
    assert!(
        !seed.is_empty() && vectors.len() > 100,
        "vectors are present"
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
