//! The vocabulary in Rust: one `// api:` section per row of ARCHITECTURE.md's table, each using
//! the row's Rust names. Compiled with warnings denied and run by `tests/tests/compile_rust.rs`.

use antom_callback::{
    CurrentEventCode, EventCode, JsonObject, KnownEventCode, PaymentResult, PaymentResultCode,
    SPEC_VERSION, validate, validate_callback, validate_text,
};

fn main() {
    let code = EventCode::from("SDK_PAYMENT_FAIL");
    let result = PaymentResultCode::from("INVALID_CARD");

    // api: known?
    assert!(code.is_known() && !EventCode::from("NOT_A_CODE").is_known());

    // api: closed type
    let known: Result<KnownEventCode, &str> = code.known();
    assert!(known.is_ok());

    // api: current type
    let current: Option<CurrentEventCode> = EventCode::from("SDK_CALL_URL_ERROR").canonical().ok();
    assert!(current.is_some());

    // api: canonical
    assert_eq!(
        EventCode::from("SDK_CALL_URL_ERROR").canonical().map(|c| c.as_str()),
        Ok("SDK_LAUNCH_PAYMENT_APP_ERROR")
    );

    // api: info
    let event = code.info().expect("a known code has its record");
    let info = result.info().expect("a known code has its record");

    // api: message
    assert!(!info.message.is_empty());

    // api: suggestion
    assert!(!info.suggestion.is_empty());

    // api: action
    println!("{} {}", info.action, event.action);

    // api: kind
    println!("{}", event.kind);

    // api: truncated flags
    println!(
        "{} {} {}",
        info.message_truncated, info.suggestion_truncated, event.description_truncated
    );

    // api: validate a value
    let value = serde_json::json!({ "code": "SDK_PAYMENT_FAIL" });
    let report = validate(&value);

    // api: validate text
    let text = validate_text("{\"code\":").expect_err("not JSON");
    assert_eq!(text.report().issues[0].rule(), "invalid_json");

    // api: validate the mobile callback
    let mobile = validate_callback("SDK_PAYMENT_FAIL", Some("{\"paymentStatus\":\"FAIL\"}"));

    // api: valid?
    assert!(report.is_valid() && !text.report().is_valid());

    // api: errors
    assert_eq!(text.report().errors().count(), 1);

    // api: warnings
    println!("{}", mobile.warnings().count());

    // api: redacted JSON
    let card = serde_json::json!({ "cardPaymentResultInfo": { "cardNo": "4111111111111111" } });
    let payment = PaymentResult::from_value(card).expect("an object");
    assert!(!payment.to_redacted_json().to_string().contains("4111111111111111"));

    // api: spec version
    assert!(!SPEC_VERSION.is_empty());
}
