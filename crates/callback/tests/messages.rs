//! The full text of each kind of message: every issue names the values it compares (a sensitive
//! field's value never, card numbers masked, long values shortened), one case per kind.

use antom_callback::validate::{
    CheckKind, CheckSchema, EnumSchema, FieldKind, FieldSchema, ObjectSchema,
};
use antom_callback::{ON_EVENT_CALLBACK_STATE_SCHEMA, Outcome, validate, validate_as};
use serde_json::{Value, json};

/// A payload and every issue `validate` reports on it, as `Issue`'s `Display` writes them.
fn cases() -> Vec<(&'static str, Value, Vec<&'static str>)> {
    vec![
        (
            "same_outcome: the event code and the status",
            json!({ "code": "SDK_PAYMENT_SUCCESSFUL", "result": { "paymentStatus": "FAIL" } }),
            vec![
                "warning: /result/paymentStatus: result.paymentStatus does not agree with the outcome of the event code: code `SDK_PAYMENT_SUCCESSFUL` is success, result.paymentStatus `FAIL` is failure [event_status_mismatch]",
            ],
        ),
        (
            "same_outcome: a value without an outcome gives no evidence",
            json!({ "code": "SDK_PAYMENT_FAIL", "result": { "paymentStatus": "CANCELLED", "paymentResultCode": "SUCCESS" } }),
            vec![
                "warning: /result/paymentResultCode: result.paymentResultCode does not agree with the outcome of the event code: code `SDK_PAYMENT_FAIL` is failure, result.paymentResultCode `SUCCESS` is success [event_result_code_mismatch]",
            ],
        ),
        (
            "same_outcome: in a bare result",
            json!({ "paymentStatus": "SUCCESS", "paymentResultCode": "RISK_REJECT" }),
            vec![
                "warning: /paymentResultCode: paymentStatus and paymentResultCode report different outcomes: paymentStatus `SUCCESS` is success, paymentResultCode `RISK_REJECT` is failure [status_result_code_mismatch]",
            ],
        ),
        (
            "digits_suffix: a sensitive field's value is redacted",
            json!({ "cardPaymentResultInfo": { "lastFour": "1234", "cardNo": "411111******1111" } }),
            vec![
                "warning: /cardPaymentResultInfo/lastFour: lastFour does not match the last digits of cardNo: lastFour `1234`, cardNo <redacted> [last_four_mismatch]",
            ],
        ),
        (
            "max_length: the value, shortened",
            json!({ "cardPaymentResultInfo": { "issuingCountry": "FRANCE" } }),
            vec![
                "error: /cardPaymentResultInfo/issuingCountry: `FRANCE` is 6 characters long, more than the maximum of 2 [max_length]",
            ],
        ),
        (
            "max_length: a sensitive field's value is not shown",
            json!({ "cardPaymentResultInfo": { "holdName": "A".repeat(33) } }),
            vec![
                "error: /cardPaymentResultInfo/holdName: the value is 33 characters long, more than the maximum of 32 [max_length]",
            ],
        ),
        (
            "type: a string where an object belongs is quoted (text encoded twice)",
            json!({ "code": "SDK_PAYMENT_SUCCESSFUL", "result": "{\"paymentStatus\":\"SUCCESS\"}" }),
            vec![
                "error: /result: expected an object (PaymentResult), found a string `{\"paymentStatus\":\"SUCCESS\"}` [type]",
            ],
        ),
        (
            "type: other values by their JSON type only",
            json!({ "code": 7 }),
            vec!["error: /code: expected a string, found a number [type]"],
        ),
        (
            "type: a whole payload that is a string",
            json!("4111 1111 1111 1111"),
            vec![
                "error: (root): expected an object (PaymentResult), found a string `**** **** **** 1111` [type]",
            ],
        ),
        (
            "pattern: the value and the format",
            json!({ "cardPaymentResultInfo": { "expiryMonth": "13" } }),
            vec![
                "error: /cardPaymentResultInfo/expiryMonth: `13` does not have the expected format (two-digit month, 01 to 12) [pattern]",
            ],
        ),
        (
            "unknown_value: the value and the enumeration",
            json!({ "cardPaymentResultInfo": { "funding": "VIRTUAL" } }),
            vec![
                "warning: /cardPaymentResultInfo/funding: `VIRTUAL` is not a known Funding value [unknown_value]",
            ],
        ),
    ]
}

#[test]
fn every_message_kind_names_its_evidence() {
    let mut wrong = Vec::new();
    for (name, payload, want) in cases() {
        let got: Vec<String> = validate(&payload)
            .issues
            .iter()
            .map(ToString::to_string)
            .collect();
        if got != want {
            wrong.push(format!("{name}:\n  got  {got:#?}\n  want {want:#?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The state's required `code`, missing: the field's name is the evidence.
#[test]
fn a_required_field_is_named() {
    let report = validate_as(&ON_EVENT_CALLBACK_STATE_SCHEMA, &json!({}));
    let got: Vec<String> = report.issues.iter().map(ToString::to_string).collect();
    assert_eq!(got, ["error: /code: `code` is required [required]"]);
}

static VERDICT: EnumSchema = EnumSchema {
    name: "Verdict",
    values: &[
        ("NO", Some(Outcome::Failure)),
        ("YES", Some(Outcome::Success)),
    ],
};

const fn verdict(name: &'static str, sensitive: bool) -> FieldSchema {
    FieldSchema {
        name,
        required: false,
        kind: FieldKind::Enum(&VERDICT),
        max_length: None,
        pattern: None,
        sensitive,
    }
}

/// Three fields, the middle one sensitive: the evidence is the first field with a known outcome
/// and the one that disagrees with it, a sensitive one's value redacted.
static THREE: ObjectSchema = ObjectSchema {
    name: "Three",
    fields: &[verdict("a", false), verdict("b", true), verdict("c", false)],
    checks: &[CheckSchema {
        rule: "three_disagree",
        kind: CheckKind::SameOutcome,
        fields: &[&["a"], &["b"], &["c"]],
        indices: &[&[0], &[1], &[2]],
        message: "a, b and c disagree",
    }],
};

#[test]
fn same_outcome_names_the_first_known_outcome_and_the_one_that_disagrees() {
    for (payload, want) in [
        (
            json!({ "a": "MAYBE", "b": "YES", "c": "NO" }),
            vec![
                "warning: /a: `MAYBE` is not a known Verdict value [unknown_value]",
                "warning: /c: a, b and c disagree: b <redacted> is success, c `NO` is failure [three_disagree]",
            ],
        ),
        (
            json!({ "a": "YES", "b": "NO", "c": "NO" }),
            vec![
                "warning: /b: a, b and c disagree: a `YES` is success, b <redacted> is failure [three_disagree]",
            ],
        ),
        (
            json!({ "a": "YES", "b": "ONLY A SECRET", "c": "YES" }),
            vec!["warning: /b: the value is not a known Verdict value [unknown_value]"],
        ),
    ] {
        let got: Vec<String> = validate_as(&THREE, &payload)
            .issues
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, want, "{payload}");
    }
}
