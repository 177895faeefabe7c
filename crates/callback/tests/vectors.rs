//! The shared conformance vectors (`tests/vectors/`), read inside the crate so that its own tests
//! pin down every verdict: `validate_str` on a vector's `payload_text` (repeated keys included),
//! else `validate` on its `payload`, gives exactly the vector's issues, and no issue shows one of
//! its `never_shown` strings.

use antom_callback::{Report, validate, validate_str};
use serde_json::Value;

mod common;

use common::vectors;

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn every_vector_gets_its_verdict_and_no_issue_shows_a_secret() {
    let vectors = vectors();
    assert!(vectors.len() > 100, "{} vectors", vectors.len());
    let mut wrong = Vec::new();
    for (name, v) in &vectors {
        let report: Report = match v["payload_text"].as_str() {
            Some(text) => validate_str(text).expect("payload_text is JSON").1,
            None => validate(&v["payload"]),
        };
        let mut got: Vec<(&str, &str, &str)> = report
            .issues
            .iter()
            .map(|i| (i.path(), i.rule(), i.severity().as_str()))
            .collect();
        got.sort_unstable();
        let mut want: Vec<(&str, &str, &str)> = v["expect"]
            .as_array()
            .expect("expect")
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or_default();
                (s("path"), s("rule"), s("severity"))
            })
            .collect();
        want.sort_unstable();
        if got != want {
            wrong.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
        for issue in &report.issues {
            if strings(&v["never_shown"])
                .iter()
                .any(|s| issue.message().contains(s) || issue.path().contains(s))
            {
                wrong.push(format!("{name}: an issue shows a secret: {issue}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
