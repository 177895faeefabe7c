//! Card numbers are masked wherever a validator shows text: the shared table of placements
//! (`tests/masking/card_numbers.json`, read by every language's tests) in values, object keys,
//! JSON pointers, messages, redacted JSON and `Debug`.

use antom_callback::{
    JsonObject, Payload, mask_card_numbers, redact, validate_callback, validate_text,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// One row of the table: a text and exactly what every validator shows of it.
struct Row {
    name: String,
    input: String,
    masked: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/masking/card_numbers.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let table: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let field = |row: &Value, key: &str| {
        row.get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{path}: a row without `{key}`: {row}"))
            .to_owned()
    };
    table["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no `rows`"))
        .iter()
        .map(|row| Row {
            name: field(row, "name"),
            input: field(row, "input"),
            masked: field(row, "masked"),
        })
        .collect()
}

/// A JSON pointer segment (RFC 6901).
fn segment(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn digits(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

#[test]
fn the_table_holds_every_brand_and_runs_that_stay() {
    let rows = rows();
    for pan in [
        "4111111111111111",
        "5555555555554444",
        "378282246310005",
        "6011111111111117",
        "3530111333300000",
        "6304939304310009610",
    ] {
        assert!(
            rows.iter().any(|r| r.input == pan && r.masked != pan),
            "{pan} is a row that is masked"
        );
    }
    let kept = rows
        .iter()
        .filter(|r| r.input == r.masked && digits(&r.input) >= 13)
        .count();
    assert!(
        kept >= 3,
        "runs of 13 digits or more that fail Luhn stay: {kept}"
    );
}

#[test]
fn every_row_is_masked_as_the_table_says() {
    let wrong: Vec<String> = rows()
        .iter()
        .filter(|r| mask_card_numbers(&r.input) != r.masked)
        .map(|r| {
            format!(
                "{}: {:?} gives {:?}, expected {:?}",
                r.name,
                r.input,
                mask_card_numbers(&r.input),
                r.masked
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every string a report shows, pointers included.
fn shown(report: &antom_callback::Report) -> String {
    report
        .issues
        .iter()
        .map(|i| format!("{} {}\n", i.path(), i.message()))
        .collect()
}

#[test]
fn a_repeated_key_is_shown_masked_in_its_pointer_and_message() {
    for row in rows().iter().filter(|r| !r.input.is_empty()) {
        let key = Value::from(row.input.as_str());
        let text = format!("{{\"cardPaymentResultInfo\": {{{key}: 1, {key}: 2}}}}");
        let (_, report) = validate_text(&text).expect("JSON");
        let issue = report
            .issues
            .iter()
            .find(|i| i.rule() == "duplicate_key")
            .unwrap_or_else(|| panic!("{}: no duplicate_key issue", row.name));
        let pointer = format!("/cardPaymentResultInfo{}", segment(&row.masked));
        assert_eq!(issue.path(), pointer, "{}", row.name);
        assert!(
            issue.message().starts_with(&format!("`{}`", row.masked)),
            "{}: {}",
            row.name,
            issue.message()
        );
        if row.input != row.masked {
            assert!(
                !shown(&report).contains(&row.input),
                "{}: {report:?}",
                row.name
            );
        }
        let mobile = validate_callback("SDK_PAYMENT_FAIL", Some(&text));
        let issue = mobile.issues.iter().find(|i| i.rule() == "duplicate_key");
        assert_eq!(
            issue.map(|i| i.path().to_owned()),
            Some(format!("/result{pointer}")),
            "{}",
            row.name
        );
    }
}

#[test]
fn a_key_in_the_pointer_of_a_reading_issue_is_masked() {
    for row in rows().iter().filter(|r| !r.input.is_empty()) {
        let key = Value::from(row.input.as_str());
        let text = format!("{{{key}: {{\"note\": 1e999}}}}");
        let (_, report) = validate_text(&text).expect("JSON");
        let issue = report
            .issues
            .iter()
            .find(|i| i.rule() == "number_range")
            .unwrap_or_else(|| panic!("{}: no number_range issue", row.name));
        assert_eq!(
            issue.path(),
            format!("{}/note", segment(&row.masked)),
            "{}",
            row.name
        );
    }
}

#[test]
fn a_value_quoted_in_a_message_is_masked() {
    for row in rows().iter().filter(|r| !r.input.is_empty()) {
        let report = antom_callback::validate(&json!({ "paymentStatus": row.input }));
        let messages: Vec<&str> = report.issues.iter().map(|i| i.message()).collect();
        assert_eq!(
            messages,
            [format!(
                "`{}` is not a known PaymentStatus value",
                row.masked
            )],
            "{}",
            row.name
        );
    }
}

#[test]
fn redacted_json_and_debug_mask_keys_and_values() {
    for row in rows() {
        let payload = json!({
            "paymentResultMessage": row.input,
            "kept": { (row.input.clone()): [row.input] },
            (row.input.clone()): row.input,
        });
        let want = json!({
            "paymentResultMessage": row.masked,
            "kept": { (row.masked.clone()): [row.masked] },
            (row.masked.clone()): row.masked,
        });
        assert_eq!(redact(&payload), want, "{}", row.name);
        let decoded = Payload::from_value(payload).expect("an object");
        assert_eq!(decoded.to_redacted_json(), want, "{}", row.name);
        if row.input != row.masked {
            let debug = format!("{decoded:?}");
            assert!(!debug.contains(&row.input), "{}: {debug}", row.name);
            assert!(debug.contains(&row.masked), "{}: {debug}", row.name);
        }
    }
}

/// Whether some window of 13 to 19 consecutive digits of a run of digits, spaces and `-` in
/// `text` passes the Luhn check: a card number left whole.
fn shows_a_card_number(text: &str) -> bool {
    text.split(|c: char| !matches!(c, '0'..='9' | ' ' | '-'))
        .any(|run| {
            let d: Vec<u32> = run.chars().filter_map(|c| c.to_digit(10)).collect();
            (0..d.len()).any(|start| {
                (13..=19).filter(|n| start + n <= d.len()).any(|n| {
                    let sum: u32 = d[start..start + n]
                        .iter()
                        .rev()
                        .enumerate()
                        .map(|(i, &x)| match (i % 2, x * 2) {
                            (0, _) => x,
                            (_, t) if t > 9 => t - 9,
                            (_, t) => t,
                        })
                        .sum();
                    sum.is_multiple_of(10)
                })
            })
        })
}

proptest! {
    /// Whatever the text, the masked text shows no Luhn-valid window, changes only digits
    /// (to `*`), and masking it again changes nothing.
    #[test]
    fn no_card_number_survives_masking(text in "[0-9 -]{0,48}|[0-9a-z /*-]{0,48}") {
        let masked = mask_card_numbers(&text);
        prop_assert!(!shows_a_card_number(&masked), "{} -> {}", text, masked);
        prop_assert_eq!(masked.len(), text.len());
        for (a, b) in text.bytes().zip(masked.bytes()) {
            prop_assert!(a == b || (a.is_ascii_digit() && b == b'*'));
        }
        prop_assert_eq!(mask_card_numbers(&masked), masked.clone());
    }
}
