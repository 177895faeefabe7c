//! Open enumerations: known values map to their variants and back, any string round-trips.

use antom_callback::{
    CurrentEventCode, CurrentFunding, CurrentPaymentResultCode, CurrentPaymentStatus,
    CurrentPostRiskDecision, CurrentResultStatus, CurrentRiskAuthDecision, CurrentRiskDecision,
    EventCode, Funding, KnownEventCode, KnownFunding, KnownPaymentResultCode, KnownPaymentStatus,
    KnownPostRiskDecision, KnownResultStatus, KnownRiskAuthDecision, KnownRiskDecision,
    PaymentResultCode, PaymentStatus, PostRiskDecision, ResultStatus, RiskAuthDecision,
    RiskDecision,
};
use proptest::prelude::*;

/// Checks the contract of one open enum type on one string.
fn round_trips<E>(raw: &str)
where
    E: From<String>
        + for<'a> From<&'a str>
        + std::str::FromStr
        + AsRef<str>
        + serde::Serialize
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display,
    <E as std::str::FromStr>::Err: std::fmt::Debug,
{
    let value = E::from(raw);
    assert_eq!(value.as_ref(), raw);
    assert_eq!(value.to_string(), raw);
    assert_eq!(E::from(raw.to_owned()), value);
    let parsed: E = raw.parse().expect("FromStr never fails");
    assert_eq!(parsed, value);
    let json = serde_json::to_string(&value).expect("serializes");
    assert_eq!(
        json,
        serde_json::to_string(raw).expect("a string serializes")
    );
    let back: E = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, value);
}

#[test]
#[allow(deprecated)]
fn every_known_code_parses_to_its_variant_and_back() {
    assert!(!EventCode::ALL.is_empty() && !PaymentResultCode::ALL.is_empty());
    for code in EventCode::ALL {
        let parsed = EventCode::from(code.as_str());
        assert_eq!(&parsed, code);
        assert!(parsed.is_known());
        let info = parsed.info().expect("known codes have metadata");
        assert_eq!(info.code, code.as_str());
        round_trips::<EventCode>(code.as_str());
    }
    for code in PaymentResultCode::ALL {
        assert_eq!(&PaymentResultCode::from(code.as_str()), code);
        assert_eq!(code.info().map(|i| i.code), Some(code.as_str()));
        round_trips::<PaymentResultCode>(code.as_str());
    }
    for value in Funding::ALL {
        assert_eq!(&Funding::from(value.as_str()), value);
    }
    assert_eq!(RiskAuthDecision::from("3D"), RiskAuthDecision::_3D);
    assert_eq!(
        EventCode::from("SDK_CALL_URL_ERROR"),
        EventCode::SdkCallUrlError
    );
}

#[test]
fn all_lists_are_sorted_and_distinct() {
    let codes: Vec<&str> = EventCode::ALL.iter().map(EventCode::as_str).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted);
}

#[test]
fn unknown_values_keep_the_raw_string() {
    let code = EventCode::from("SDK_SOMETHING_NEW");
    assert_eq!(code, EventCode::Unknown("SDK_SOMETHING_NEW".to_owned()));
    assert!(!code.is_known());
    assert!(code.info().is_none());
    // Case matters on the wire: a lower-case code is not the known one.
    assert!(!EventCode::from("sdk_payment_fail").is_known());
}

/// The vocabulary of every open enumeration: parse (`from`, `parse`), the wire value
/// (`as_str`), known-ness (`is_known`), the closed value (`known`, back with `from`) and
/// `canonical` (the closed current value).
trait Open:
    'static
    + Clone
    + PartialEq
    + std::fmt::Debug
    + for<'a> From<&'a str>
    + From<Self::Known>
    + From<Self::Current>
{
    type Known: 'static + Copy + PartialEq + std::fmt::Debug + std::fmt::Display;
    type Current: 'static + Copy + PartialEq + std::fmt::Debug + std::fmt::Display;
    const ALL: &'static [Self];
    const KNOWN: &'static [Self::Known];
    const CURRENT: &'static [Self::Current];
    fn as_str(&self) -> &str;
    fn is_known(&self) -> bool;
    fn known(&self) -> Result<Self::Known, &str>;
    fn canonical(&self) -> Result<Self::Current, &str>;
    fn current_str(current: Self::Current) -> &'static str;
    fn known_str(known: Self::Known) -> &'static str;
    fn known_parse(raw: &str) -> Option<Self::Known>;
    /// The `replaced_by` of the value's deprecation, from its metadata.
    fn replaced_by(&self) -> Option<&'static str>;
}

macro_rules! open {
    ($open:ident, $known:ident, $current:ident) => {
        impl Open for $open {
            type Known = $known;
            type Current = $current;
            const ALL: &'static [Self] = $open::ALL;
            const KNOWN: &'static [$known] = $known::ALL;
            const CURRENT: &'static [$current] = $current::ALL;
            fn as_str(&self) -> &str {
                $open::as_str(self)
            }
            fn is_known(&self) -> bool {
                $open::is_known(self)
            }
            fn known(&self) -> Result<$known, &str> {
                $open::known(self)
            }
            fn canonical(&self) -> Result<$current, &str> {
                $open::canonical(self)
            }
            fn current_str(current: $current) -> &'static str {
                current.as_str()
            }
            fn known_str(known: $known) -> &'static str {
                known.as_str()
            }
            fn known_parse(raw: &str) -> Option<$known> {
                $known::parse(raw)
            }
            fn replaced_by(&self) -> Option<&'static str> {
                self.info()?.deprecated?.replaced_by
            }
        }
    };
}

open!(EventCode, KnownEventCode, CurrentEventCode);
open!(
    PaymentResultCode,
    KnownPaymentResultCode,
    CurrentPaymentResultCode
);
open!(Funding, KnownFunding, CurrentFunding);
open!(PaymentStatus, KnownPaymentStatus, CurrentPaymentStatus);
open!(
    PostRiskDecision,
    KnownPostRiskDecision,
    CurrentPostRiskDecision
);
open!(ResultStatus, KnownResultStatus, CurrentResultStatus);
open!(
    RiskAuthDecision,
    KnownRiskAuthDecision,
    CurrentRiskAuthDecision
);
open!(RiskDecision, KnownRiskDecision, CurrentRiskDecision);

/// The closed type holds exactly the known values, in the same order, and converts both ways;
/// an unknown value gives its raw string. `canonical` follows the metadata's `replaced_by` to
/// the end, leaves every other known value as it is, and gives an unknown value's raw string;
/// the closed current type holds exactly the values it gives (this spec's chains end at a
/// value with no replacement), in wire order. Returns how many values `canonical` maps
/// elsewhere.
fn vocabulary<E: Open>(unknown: &str) -> usize {
    assert_eq!(E::ALL.len(), E::KNOWN.len());
    let mut replaced = 0;
    for (value, &known) in E::ALL.iter().zip(E::KNOWN) {
        assert!(value.is_known());
        assert_eq!(value.known(), Ok(known));
        assert_eq!(E::known_str(known), value.as_str());
        assert_eq!(known.to_string(), value.as_str());
        assert_eq!(E::known_parse(value.as_str()), Some(known));
        assert_eq!(&E::from(known), value);
        let mut end = value.clone();
        let mut steps = 0;
        while let Some(next) = end.replaced_by() {
            end = E::from(next);
            steps += 1;
            assert!(steps <= E::ALL.len(), "{value:?}: a loop of replacements");
        }
        let current = value
            .canonical()
            .unwrap_or_else(|raw| panic!("{value:?}: canonical gives the raw {raw}"));
        assert_eq!(E::from(current), end, "{value:?}");
        assert_eq!(E::current_str(current), end.as_str());
        assert_eq!(current.to_string(), end.as_str());
        assert!(E::CURRENT.contains(&current), "{current:?}");
        replaced += usize::from(&end != value);
    }
    let givens: Vec<&str> = E::ALL
        .iter()
        .filter(|v| v.replaced_by().is_none())
        .map(E::as_str)
        .collect();
    let current: Vec<&str> = E::CURRENT.iter().map(|&c| E::current_str(c)).collect();
    assert_eq!(current, givens);
    let raw = E::from(unknown);
    assert_eq!(raw.known(), Err(unknown));
    assert_eq!(E::known_parse(unknown), None);
    assert_eq!(raw.canonical(), Err(unknown));
    replaced
}

#[test]
fn every_open_enum_has_the_same_vocabulary() {
    let replaced = vocabulary::<EventCode>("SDK_SOMETHING_NEW");
    assert!(replaced > 0, "a deprecated event code has a replacement");
    vocabulary::<PaymentResultCode>("NEW_CODE");
    vocabulary::<Funding>("NEW");
    vocabulary::<PaymentStatus>("NEW");
    vocabulary::<PostRiskDecision>("NEW");
    vocabulary::<ResultStatus>("NEW");
    vocabulary::<RiskAuthDecision>("NEW");
    vocabulary::<RiskDecision>("NEW");
}

#[test]
#[allow(deprecated)]
fn the_deprecated_url_error_is_handled_as_its_replacement() {
    let replacement = EventCode::SdkCallUrlError
        .info()
        .and_then(|i| i.deprecated)
        .and_then(|d| d.replaced_by)
        .expect("a replacement");
    assert_eq!(
        EventCode::from("SDK_CALL_URL_ERROR")
            .canonical()
            .map(CurrentEventCode::as_str),
        Ok(replacement)
    );
    assert_eq!(
        EventCode::from("SDK_CALL_URL_ERROR").known(),
        Ok(KnownEventCode::SdkCallUrlError)
    );
}

/// The metadata flags the texts that the source cuts off.
#[test]
fn truncated_texts_are_flagged() {
    let fraud = PaymentResultCode::from("FRAUD_REJECT");
    let info = fraud.info().expect("known");
    assert!(info.suggestion_truncated);
    assert!(!info.message_truncated);
    let risk = KnownPaymentResultCode::parse("RISK_REJECT")
        .expect("known")
        .info();
    assert!(!risk.suggestion_truncated && !risk.message_truncated);
}

proptest! {
    #[test]
    fn any_string_round_trips(raw in any::<String>()) {
        round_trips::<EventCode>(&raw);
        round_trips::<PaymentResultCode>(&raw);
        round_trips::<Funding>(&raw);
        round_trips::<ResultStatus>(&raw);
        round_trips::<PostRiskDecision>(&raw);
    }

    #[test]
    fn known_lookup_agrees_with_all(raw in "[A-Z_3]{0,40}") {
        let known = EventCode::ALL.iter().any(|c| c.as_str() == raw);
        prop_assert_eq!(EventCode::from(raw.as_str()).is_known(), known);
        prop_assert_eq!(KnownEventCode::parse(&raw).is_some(), known);
        prop_assert_eq!(EventCode::from(raw.as_str()).known().is_ok(), known);
    }
}
