//! Types and validators for the data Antom's client checkout SDKs hand to their callbacks.
//!
//! - Open enumerations for event codes ([`EventCode`]), payment result codes
//!   ([`PaymentResultCode`]) and every enumerated field: unknown values are kept, never rejected.
//! - Metadata as constants: each code's kind, callbacks, description, message, suggestion and
//!   handling [`Action`] (`EventCode::info`, `PaymentResultCode::info`).
//! - Lenient types for the callback payloads ([`OnEventCallbackState`], [`PaymentResult`],
//!   [`CardPaymentResultInfo`], ...) that keep unknown keys, and [`validate`], which reports
//!   every violation at once with its JSON pointer.
//!
//! ```
//! use antom_callback::{EventCode, PaymentResultCode, validate};
//!
//! let code: EventCode = "SDK_PAYMENT_FAIL".parse().unwrap();
//! assert_eq!(code, EventCode::SdkPaymentFail);
//! let reason = PaymentResultCode::from("RISK_REJECT");
//! assert_eq!(reason.info().map(|i| i.message), Some("The transaction cannot be further processed because of risk control. If the user has already paid for the transaction, the transaction will be refunded."));
//!
//! let payload = serde_json::json!({ "code": "SDK_PAYMENT_FAIL", "result": { "paymentResultCode": "RISK_REJECT" } });
//! assert!(validate(&payload).is_valid());
//! ```

#[rustfmt::skip]
mod generated;
mod json;
pub mod meta;
mod pattern;
pub mod validate;

pub use generated::*;
pub use json::JsonObject;
pub use meta::{Deprecation, EventCodeInfo, EventKind, Outcome, ResultCodeInfo, ValueInfo};
pub use validate::{Issue, Report, Severity, validate_as};

use serde_json::Value;

/// What a payload was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadKind {
    /// The object passed to `onEventCallback`: `{code, message?, result?}`.
    EventCallbackState,
    /// A bare `result` object, as in the sample payloads.
    Result,
}

/// Which shape a payload has: an object with a `code` key is a callback state, anything else a
/// bare result object.
pub fn payload_kind(value: &Value) -> PayloadKind {
    match value {
        Value::Object(map) if map.contains_key("code") => PayloadKind::EventCallbackState,
        _ => PayloadKind::Result,
    }
}

/// Validates a callback payload: the `onEventCallback` state or a bare result object.
pub fn validate(value: &Value) -> Report {
    match payload_kind(value) {
        PayloadKind::EventCallbackState => validate_as(&ON_EVENT_CALLBACK_STATE_SCHEMA, value),
        PayloadKind::Result => validate_as(&PAYMENT_RESULT_SCHEMA, value),
    }
}
