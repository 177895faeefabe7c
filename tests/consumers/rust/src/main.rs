//! The callback flow of Antom's client checkout SDKs, as a Rust service handles what its
//! checkout forwards: branch on the event code, show the result code's message and suggestion,
//! validate the payload, log it redacted. Prints one `key: value` line per fact it reads.

use antom_callback::{
    CurrentEventCode, EventCode, JsonObject, Payload, validate_callback, validate_text,
};

/// What the checkout page does for an event code.
fn on_event(code: &str) -> &'static str {
    match EventCode::from(code).canonical() {
        Ok(CurrentEventCode::SdkPaymentSuccessful) => "redirect to the result page",
        Ok(CurrentEventCode::SdkPaymentFail) => "show the result code's message",
        Ok(CurrentEventCode::SdkPaymentProcessing) => "wait for the payment result notification",
        Ok(CurrentEventCode::SdkLaunchPaymentAppError) => "check the redirection",
        Ok(_) => "log it",
        Err(_) => "log a code this version does not know",
    }
}

fn main() {
    println!("spec version: {}", antom_callback::SPEC_VERSION);
    for code in [
        "SDK_PAYMENT_SUCCESSFUL",
        "SDK_PAYMENT_FAIL",
        "SDK_CALL_URL_ERROR",
        "SDK_SOMETHING_NEW",
    ] {
        println!("on {code}: {}", on_event(code));
    }

    // A failed card payment as the web SDK hands it to onEventCallback.
    let text = r#"{"code": "SDK_PAYMENT_FAIL", "message": "paid with 4111 1111 1111 1111",
      "result": {"paymentResultCode": "FRAUD_REJECT", "paymentStatus": "FAIL",
        "cardPaymentResultInfo": {"cardNo": "4111111111111111", "expiryMonth": "13"}}}"#;
    let (_, report) = validate_text(text).expect("the payload is JSON text");
    println!("valid: {}", report.is_valid());
    for issue in &report.issues {
        println!("issue: {issue}");
    }

    let payload: Payload = serde_json::from_str(text).expect("the payload is JSON text");
    let Payload::EventCallbackState(state) = &payload else {
        panic!("a payload with a code is the callback state")
    };
    let code = state.result.as_ref().and_then(|r| r.payment_result_code.as_ref());
    let info = code.and_then(|c| c.info()).expect("FRAUD_REJECT is a known result code");
    println!("message: {}", info.message);
    println!("suggestion: {}", info.suggestion);
    println!("suggestion truncated: {}", info.suggestion_truncated);
    println!("logged: {}", payload.to_redacted_json());

    // The mobile SDKs hand the event code and the result text apart.
    let mobile = validate_callback("SDK_PAYMENT_FAIL", Some(r#"{"paymentResultCode": "#));
    for issue in &mobile.issues {
        println!("mobile issue: {issue}");
    }
}
