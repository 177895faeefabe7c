//! Valid JSON is never called invalid: a lone surrogate escape, a number beyond the float range
//! and nesting past the depth limit are read and reported at their pointers with rules of their
//! own; what is not JSON still is, with its line and column in characters.

mod common;

use std::path::Path;

use common::{antom_in, scratch, text};
use serde_json::Value;

fn validate_json(dir: &Path, name: &str, contents: &str) -> (Option<i32>, Value) {
    std::fs::write(dir.join(name), contents).expect("write");
    let out = antom_in(dir, &["validate", name, "--format", "json"]);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)));
    (out.status.code(), report)
}

fn rules(report: &Value, severity: &str) -> Vec<(String, String)> {
    report[severity]
        .as_array()
        .expect("a list of issues")
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap_or_default().to_owned(),
                i["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_lone_surrogate_is_a_warning_at_its_pointer_and_echoed_as_a_replacement_character() {
    let dir = scratch("valid-json-surrogate");
    // JavaScript's `JSON.stringify("Tom 😀".slice(0, 5))`, and an unknown status cut the same way.
    let payload = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentResultMessage":"Tom \ud83d","paymentStatus":"FAIL\udc00"}}"#;
    let (code, report) = validate_json(&dir, "cut.json", payload);
    // Warnings only: valid.
    assert_eq!(code, Some(0), "{report}");
    let warnings = rules(&report, "warnings");
    for path in ["/result/paymentResultMessage", "/result/paymentStatus"] {
        assert!(
            warnings.contains(&(path.to_owned(), "lone_surrogate".to_owned())),
            "{path}: {report}"
        );
    }
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("`FAIL\u{FFFD}` is not a known"),
        "{warnings}"
    );

    std::fs::write(dir.join("cut.ndjson"), format!("{payload}\n")).expect("write");
    let out = antom_in(&dir, &["validate", "--ndjson", "cut.ndjson"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("cut.ndjson:1: /result/paymentResultMessage: warning: holds a lone UTF-16 surrogate escape"),
        "{stdout}"
    );
    assert!(!stdout.contains("not valid JSON"), "{stdout}");
}

#[test]
fn a_number_beyond_the_float_range_is_a_number() {
    let dir = scratch("valid-json-range");
    let (code, report) = validate_json(
        &dir,
        "huge.json",
        r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentStatus":1e400,"paymentResultCode":-1E+999}}"#,
    );
    assert_eq!(code, Some(1), "{report}");
    let errors = rules(&report, "errors");
    let warnings = rules(&report, "warnings");
    for path in ["/result/paymentStatus", "/result/paymentResultCode"] {
        assert!(
            errors.contains(&(path.to_owned(), "type".to_owned())),
            "{report}"
        );
        assert!(
            warnings.contains(&(path.to_owned(), "number_range".to_owned())),
            "{report}"
        );
    }
    assert!(
        report["errors"].to_string().contains("found a number"),
        "{report}"
    );
}

#[test]
fn nesting_past_the_limit_has_its_own_rule_and_invalid_json_deep_down_is_still_invalid() {
    let dir = scratch("valid-json-depth");
    let depth = antom_callback::MAX_DEPTH * 4;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (code, report) = validate_json(
        &dir,
        "deep.json",
        &format!(r#"{{"code":"SDK_PAYMENT_FAIL","extra":{deep}}}"#),
    );
    assert_eq!(code, Some(1), "{report}");
    let errors = rules(&report, "errors");
    let (path, rule) = errors
        .iter()
        .find(|(_, rule)| rule == "max_depth")
        .unwrap_or_else(|| panic!("no max_depth error: {report}"));
    assert_eq!(rule, "max_depth");
    assert!(path.starts_with("/extra/0/0/"), "{path}");
    assert_eq!(
        path.matches('/').count(),
        antom_callback::MAX_DEPTH,
        "the pointer of the first container past the limit: {path}"
    );
    let message = report["errors"].to_string();
    assert!(
        message.contains(&format!("nested deeper than {}", antom_callback::MAX_DEPTH)),
        "{message}"
    );

    // The same depth with a syntax error at the bottom is not JSON: exit 2, at its column.
    let broken = format!(r#"{{"code":"x","extra":{}1,]}}"#, "[".repeat(depth));
    std::fs::write(dir.join("broken.json"), &broken).expect("write");
    let out = antom_in(&dir, &["validate", "broken.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    let column = broken.find(",]").expect("comma") + 2;
    assert!(
        stderr.contains(&format!(
            "broken.json:1:{column}: not valid JSON: trailing comma"
        )),
        "{stderr}"
    );
}

#[test]
fn columns_count_characters_on_every_path() {
    let dir = scratch("valid-json-columns");
    // A lone surrogate sends the reading to the second reader; the error after it still counts
    // characters, not bytes (`é` and `😀` are two and four bytes).
    for (name, contents) in [
        ("plain.json", "{\"é😀\": 1,}"),
        ("surrogate.json", "{\"é😀\\ud83d\": 1,}"),
    ] {
        std::fs::write(dir.join(name), contents).expect("write");
        let out = antom_in(&dir, &["validate", name]);
        assert_eq!(out.status.code(), Some(2));
        let column = contents.chars().position(|c| c == '}').expect("brace") + 1;
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("{name}:1:{column}: not valid JSON")),
            "{stderr}"
        );
    }
}
