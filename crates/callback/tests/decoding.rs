//! Decoding and the errors of reading text: `OnErrorState` keeps its `stack` through a round
//! trip and adds none, and the words and places of `JsonError`, beside characters of several
//! bytes too.

use antom_callback::{JsonObject, OnErrorState, read_str, validate_text};
use serde_json::{Value, json};

#[test]
fn on_error_state_round_trips_with_and_without_its_stack() {
    for payload in [
        json!({ "code": "SDK_INTERNAL_ERROR", "message": "boom", "stack": ["at a", { "line": 3 }] }),
        json!({ "code": "SDK_INTERNAL_ERROR", "stack": "at a\nat b" }),
        json!({ "code": "SDK_INTERNAL_ERROR", "stack": null }),
        json!({ "code": "SDK_INTERNAL_ERROR", "message": "no stack" }),
        json!({ "code": 7, "message": ["wrong"], "stack": 0, "kept": true }),
        json!({}),
    ] {
        let state = OnErrorState::from_value(payload.clone()).expect("an object");
        assert_eq!(state.to_value(), payload, "{payload}");
        let stack = payload.get("stack").cloned();
        assert_eq!(state.stack, stack, "{payload}");
        let back: OnErrorState = serde_json::from_value(payload.clone()).expect("an object");
        assert_eq!(serde_json::to_value(&back).ok(), Some(payload.clone()));
    }
    let bare = OnErrorState::from_value(json!({ "message": "m" })).expect("an object");
    assert!(
        !bare
            .to_value()
            .as_object()
            .is_some_and(|m| m.contains_key("stack")),
        "no `stack` added"
    );
}

/// Each text that is not JSON, with the exact words of its error, its place (line and column in
/// characters) and whether the text ended early.
#[test]
fn json_errors_say_what_and_where() {
    for (text, what, line, column, eof) in [
        ("{\"a\": ", "unexpected end of input", 1, 7, true),
        ("{\"a\" 1}", "expected ':'", 1, 6, false),
        ("[1, 2,]", "expected a value", 1, 7, false),
        ("{\"é€\": é}", "expected a value", 1, 8, false),
        ("{\"😀\":\n  \"\\x\"}", "invalid escape", 2, 5, false),
        ("\"€€\u{1}\"", "control character in a string", 1, 4, false),
        ("{} {}", "trailing characters after the value", 1, 4, false),
        ("", "unexpected end of input", 1, 1, true),
    ] {
        let error = read_str(text).expect_err(text);
        assert_eq!(
            (
                error.kind().as_str(),
                error.line(),
                error.column(),
                error.is_eof()
            ),
            (what, line, column, eof),
            "{text:?}"
        );
        let message = format!("invalid JSON at line {line}, column {column}: {what}");
        assert_eq!(error.to_string(), message, "{text:?}");
        assert_eq!(error.message(), message, "{text:?}");
        let issue = error.issue();
        assert_eq!(
            (
                issue.path(),
                issue.rule(),
                issue.severity().as_str(),
                issue.message()
            ),
            ("", "invalid_json", "error", message.as_str()),
            "{text:?}"
        );
        assert_eq!(validate_text(text).err(), Some(error), "{text:?}");
    }
}

/// The lenient reader (for what `serde_json` refuses) reports its own errors beside characters
/// of several bytes as well, and never hangs.
#[test]
fn lenient_reading_errors_beside_characters_of_several_bytes() {
    for text in [
        "{\"a\": 1e999, \"é\": é}",
        "{\"a\": 1e999, \"b\": \"\\u12é4\"}",
        "{\"a\": 1e999, \"b\": \"\\é\"}",
        "{\"a\": 1e999, \"😀\" 1}",
        "[1e999, 1e999 €]",
        "{\"€\": \"\\ud800\"}",
    ] {
        let error = read_str(text).expect_err(text);
        assert!(
            error.column() <= text.chars().count() + 1,
            "{text:?}: {error}"
        );
        assert!(!error.message().is_empty());
    }
    let value: Value = read_str("{\"€\": 1e999}").expect("JSON").value;
    assert_eq!(value, json!({ "€": f64::MAX }));
    // A lone surrogate is not JSON: the error is at its backslash, in characters.
    let error = read_str("{\"€\": \"\\ud800\"}").expect_err("a lone surrogate");
    assert_eq!(
        error.to_string(),
        "invalid JSON at line 1, column 8: lone surrogate"
    );
}
