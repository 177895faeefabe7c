//! The validator's cost: parse plus validate against parse alone into the same types, on the
//! source page's samples and on every conformance vector, and open-enum lookup from a string.

use std::hint::black_box;
use std::path::Path;

use antom_callback::{EventCode, JsonObject, Payload, PaymentResultCode, validate};
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
fn parse(text: &str) -> Option<Payload> {
    serde_json::from_str(text).ok()
}

/// Parse and validate: the same parse, then the payload's full report.
fn parse_and_validate(text: &str) -> Option<Payload> {
    let parsed = parse(text);
    if let Some(payload) = &parsed {
        black_box(payload.validate());
    }
    parsed
}

/// The same through the JSON value: validate it, then decode it.
fn parse_and_validate_value(text: &str) -> Option<Payload> {
    let value: Value = serde_json::from_str(text).ok()?;
    black_box(validate(&value));
    Payload::from_value(value).ok()
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
        group.bench_function("parse + validate the JSON value", |b| {
            b.iter(|| {
                for text in inputs.iter() {
                    black_box(parse_and_validate_value(black_box(text)));
                }
            })
        });
        let decoded: Vec<Payload> = inputs.iter().filter_map(|t| parse(t)).collect();
        group.bench_function("validate alone", |b| {
            b.iter(|| {
                for p in decoded.iter() {
                    black_box(black_box(p).validate());
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
