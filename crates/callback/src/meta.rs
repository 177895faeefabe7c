//! Metadata types that the generated tables are made of.

use crate::generated::{Action, CallbackName};

/// The group an event code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// Returned during the component's runtime lifecycle.
    Status,
    /// Returned when something fails, mostly during initialization.
    Error,
    /// Returned at the end of the payment process.
    PaymentResult,
}

impl EventKind {
    /// The spec's name for the kind: `status`, `error` or `payment_result`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::Status => "status",
            EventKind::Error => "error",
            EventKind::PaymentResult => "payment_result",
        }
    }
}

/// Where a payment stands, as far as one value tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Success,
    Failure,
    Processing,
}

impl Outcome {
    /// `success`, `failure` or `processing`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Processing => "processing",
        }
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deprecation notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Deprecation {
    /// The value to use instead, if any.
    pub replaced_by: Option<&'static str>,
    /// Why, and what to do instead.
    pub note: &'static str,
}

/// Everything the spec says about one event code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventCodeInfo {
    pub code: &'static str,
    pub kind: EventKind,
    /// The callbacks that deliver it.
    pub callbacks: &'static [CallbackName],
    pub description: &'static str,
    /// The source cuts this text off; show it as incomplete.
    pub description_truncated: bool,
    pub action: Action,
    pub outcome: Option<Outcome>,
    /// Object types that may arrive with it in `result`.
    pub carries: &'static [&'static str],
    /// `message` texts the SDK is known to send with it.
    pub messages: &'static [&'static str],
    pub deprecated: Option<Deprecation>,
}

/// Everything the spec says about one `paymentResultCode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultCodeInfo {
    pub code: &'static str,
    /// The `paymentResultMessage` that goes with it.
    pub message: &'static str,
    /// The source cuts this text off; show it as incomplete.
    pub message_truncated: bool,
    /// What to do.
    pub suggestion: &'static str,
    /// The source cuts this text off; show it as incomplete.
    pub suggestion_truncated: bool,
    pub action: Action,
    pub outcome: Option<Outcome>,
    pub deprecated: Option<Deprecation>,
}

/// Everything the spec says about one known value of an enumeration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueInfo {
    pub value: &'static str,
    pub description: Option<&'static str>,
    pub outcome: Option<Outcome>,
    pub deprecated: Option<Deprecation>,
}
