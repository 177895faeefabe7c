//! Open enumerations: known values map to their variants and back, any string round-trips.

use antom_callback::{
    EventCode, Funding, PaymentResultCode, PostRiskDecision, ResultStatus, RiskAuthDecision,
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
    }
}
