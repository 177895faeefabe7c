//! Decoding and the errors of reading text: `OnErrorState` keeps its `stack` through a round
//! trip and adds none, and the words and places of `JsonError`, beside characters of several
//! bytes too.

use antom_callback::{JsonObject, OnErrorState, read_str, validate_str};
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
    for (text, message, line, column, eof) in [
        ("{\"a\": ", "EOF while parsing a value", 1, 7, true),
        ("{\"a\" 1}", "expected `:`", 1, 6, false),
        ("[1, 2,]", "trailing comma", 1, 7, false),
        ("{\"é€\": é}", "expected value", 1, 8, false),
        ("{\"😀\":\n  \"\\x\"}", "invalid escape", 2, 5, false),
        (
            "\"€€\u{1}\"",
            "control character (\\u0000-\\u001F) found while parsing a string",
            1,
            4,
            false,
        ),
        ("{} {}", "trailing characters", 1, 4, false),
        ("", "EOF while parsing a value", 1, 1, true),
    ] {
        let error = read_str(text).expect_err(text);
        assert_eq!(
            (
                error.message(),
                error.line(),
                error.column(),
                error.is_eof()
            ),
            (message, line, column, eof),
            "{text:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("{message} at line {line} column {column}"),
            "{text:?}"
        );
        let what = if eof {
            "the JSON ends early"
        } else {
            "not valid JSON"
        };
        assert_eq!(error.what(), what, "{text:?}");
        assert_eq!(validate_str(text).err(), Some(error), "{text:?}");
    }
}

/// The lenient reader (for what `serde_json` refuses) reports its own errors beside characters
/// of several bytes as well, and never hangs.
#[test]
fn lenient_reading_errors_beside_characters_of_several_bytes() {
    for text in [
        "{\"a\": \"\\ud800\", \"é\": é}",
        "{\"a\": \"\\ud800\", \"b\": \"\\u12é4\"}",
        "{\"a\": \"\\ud800\", \"b\": \"\\é\"}",
        "{\"a\": \"\\ud800\", \"😀\" 1}",
        "[\"\\ud800\", 1e999 €]",
    ] {
        let error = read_str(text).expect_err(text);
        assert!(
            error.column() <= text.chars().count() + 1,
            "{text:?}: {error}"
        );
        assert!(!error.message().is_empty());
    }
    let value: Value = read_str("{\"€\": \"\\ud800\"}").expect("JSON").value;
    assert_eq!(value, json!({ "€": "\u{fffd}" }));
}
