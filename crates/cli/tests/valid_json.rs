//! A number beyond the float range is read and reported at its pointer with a rule of its own; a
//! lone surrogate escape and nesting past the depth limit are not JSON, as in every runtime; what
//! is not JSON is refused with its line and column in characters, in the words of every runtime's
//! validator (`invalid JSON at line L, column C: WHAT`).

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
fn a_lone_surrogate_escape_is_not_json_at_its_backslash_in_both_modes() {
    let dir = scratch("valid-json-surrogate");
    // JavaScript's `JSON.stringify("Tom 😀".slice(0, 5))`, and an unknown status cut the same way.
    let payload = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentResultMessage":"Tom \ud83d","paymentStatus":"FAIL\udc00"}}"#;
    let column = payload.find("\\ud83d").expect("the escape") + 1;
    let words = format!("invalid JSON at line 1, column {column}: lone surrogate");
    std::fs::write(dir.join("cut.json"), payload).expect("write");
    let out = antom_in(&dir, &["validate", "cut.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("cut.json:1:{column}: {words}")),
        "{stderr}"
    );

    std::fs::write(dir.join("cut.ndjson"), format!("{payload}\n")).expect("write");
    let out = antom_in(&dir, &["validate", "--ndjson", "cut.ndjson"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("cut.ndjson:1: {words}")),
        "{stdout}"
    );
    assert!(!stdout.contains("lone_surrogate"), "{stdout}");
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
fn nesting_past_the_limit_is_not_json_at_the_bracket_one_past_it() {
    let dir = scratch("valid-json-depth");
    let limit = antom_callback::MAX_DEPTH;
    // The root object and `limit - 1` arrays: at the limit, valid.
    let arrays = limit - 1;
    let at_limit = format!(
        r#"{{"code":"SDK_PAYMENT_FAIL","extra":{}{}}}"#,
        "[".repeat(arrays),
        "]".repeat(arrays)
    );
    let (code, report) = validate_json(&dir, "at_limit.json", &at_limit);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["errors"], Value::Array(Vec::new()), "{report}");

    let depth = limit * 4;
    let deep = format!(
        r#"{{"code":"SDK_PAYMENT_FAIL","extra":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.join("deep.json"), &deep).expect("write");
    let out = antom_in(&dir, &["validate", "deep.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    // The first array is the second container: the one past the limit is array `limit`.
    let column = deep.find('[').expect("a bracket") + limit;
    assert!(
        stderr.contains(&format!(
            "deep.json:1:{column}: invalid JSON at line 1, column {column}: nested deeper than {limit} levels"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("max_depth"), "{stderr}");

    // A syntax error deep down, within the limit, is not JSON: exit 2, at its column.
    let broken = format!(r#"{{"code":"x","extra":{}1,]}}"#, "[".repeat(limit - 2));
    std::fs::write(dir.join("broken.json"), &broken).expect("write");
    let out = antom_in(&dir, &["validate", "broken.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    let column = broken.find(",]").expect("comma") + 2;
    assert!(
        stderr.contains(&format!(
            "broken.json:1:{column}: invalid JSON at line 1, column {column}: expected a value"
        )),
        "{stderr}"
    );
}

#[test]
fn columns_count_characters_on_every_path() {
    let dir = scratch("valid-json-columns");
    // A number beyond the float range sends the reading to the second reader; the error after
    // it still counts characters, not bytes (`é` and `😀` are two and four bytes).
    for (name, contents) in [
        ("plain.json", "{\"é😀\": 1,}"),
        ("out_of_range.json", "{\"é😀\": 1e999,}"),
    ] {
        std::fs::write(dir.join(name), contents).expect("write");
        let out = antom_in(&dir, &["validate", name]);
        assert_eq!(out.status.code(), Some(2));
        let column = contents.chars().position(|c| c == '}').expect("brace") + 1;
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "{name}:1:{column}: invalid JSON at line 1, column {column}: expected a string key"
            )),
            "{stderr}"
        );
    }
}
