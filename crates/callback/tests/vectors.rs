//! The shared conformance vectors (`tests/vectors/`), read inside the crate so that its own tests
//! pin down every verdict: `validate_text` on a vector's `payload_text` (repeated keys included),
//! else `validate` on its `payload`, gives exactly the vector's issues (with their messages, where
//! the vector gives them), and no issue shows one of its `never_shown` strings.

use antom_callback::{Report, validate, validate_text};
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
            Some(text) => validate_text(text).expect("payload_text is JSON").1,
            None => validate(&v["payload"]),
        };
        // A vector's expected issues carry their messages (every one or none): then the
        // messages are compared too.
        let expect = v["expect"].as_array().expect("expect");
        let with_messages = expect.iter().any(|e| e.get("message").is_some());
        let mut got: Vec<(&str, &str, &str, Option<&str>)> = report
            .issues
            .iter()
            .map(|i| {
                let message = with_messages.then(|| i.message());
                (i.path(), i.rule(), i.severity().as_str(), message)
            })
            .collect();
        got.sort_unstable();
        let mut want: Vec<(&str, &str, &str, Option<&str>)> = expect
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or_default();
                let message = e.get("message").and_then(Value::as_str);
                assert_eq!(
                    message.is_some(),
                    with_messages,
                    "{name}: a message on every expected issue or on none"
                );
                (s("path"), s("rule"), s("severity"), message)
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
