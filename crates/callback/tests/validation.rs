//! Validator properties: valid payloads validate, each single mutation is reported at its
//! pointer with the right rule and severity, and no input panics.

use antom_callback::validate::{FieldKind, FieldSchema, ObjectSchema, Pattern};
use antom_callback::{
    JsonObject, ON_EVENT_CALLBACK_STATE_SCHEMA, PAYMENT_RESULT_SCHEMA, Payload, Severity, validate,
    validate_as,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

static ROOTS: [&ObjectSchema; 2] = [&ON_EVENT_CALLBACK_STATE_SCHEMA, &PAYMENT_RESULT_SCHEMA];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// A value that the field accepts without error.
fn valid_field(
    kind: &'static FieldKind,
    max_length: Option<usize>,
    pattern: Option<&'static str>,
) -> BoxedStrategy<Value> {
    match kind {
        FieldKind::Any => arb_json().boxed(),
        FieldKind::Object(schema) => valid_object(schema),
        FieldKind::Enum(e) => {
            let values: Vec<&'static str> = e
                .values
                .iter()
                .map(|(v, _)| *v)
                .filter(|v| max_length.is_none_or(|m| v.chars().count() <= m))
                .collect();
            prop::sample::select(values)
                .prop_map(|v| Value::String(v.to_owned()))
                .boxed()
        }
        FieldKind::String => match pattern {
            Some(p) => {
                let inner = &p[1..p.len() - 1];
                proptest::string::string_regex(inner)
                    .expect("spec patterns are in proptest's regex subset")
                    .prop_filter("fits max_length", move |s| {
                        max_length.is_none_or(|m| s.chars().count() <= m)
                    })
                    .prop_map(Value::String)
                    .boxed()
            }
            None => chars(max_length.unwrap_or(40))
                .prop_map(Value::String)
                .boxed(),
        },
    }
}

fn valid_object(schema: &'static ObjectSchema) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = schema
        .fields
        .iter()
        .map(|f| {
            let value = valid_field(&f.kind, f.max_length, f.pattern.map(|p| p.source));
            let name = f.name.to_owned();
            if f.required {
                value.prop_map(move |v| Some((name.clone(), v))).boxed()
            } else {
                prop::option::of(value.prop_map(move |v| (name.clone(), v))).boxed()
            }
        })
        .collect();
    fields
        .prop_map(|entries| Value::Object(entries.into_iter().flatten().collect()))
        .boxed()
}

/// Every field path below a schema, with the field's schema.
fn paths(
    schema: &'static ObjectSchema,
    prefix: &[&'static str],
    out: &mut Vec<(Vec<&'static str>, &'static FieldSchema)>,
) {
    for f in schema.fields {
        let mut path = prefix.to_vec();
        path.push(f.name);
        if let FieldKind::Object(inner) = &f.kind {
            paths(inner, &path, out);
        }
        out.push((path, f));
    }
}

type FieldPath = (Vec<&'static str>, &'static FieldSchema);

fn all_paths(root: &'static ObjectSchema) -> Vec<FieldPath> {
    let mut out = Vec::new();
    paths(root, &[], &mut out);
    out
}

fn pointer(path: &[&str]) -> String {
    path.iter().map(|s| format!("/{s}")).collect()
}

/// Sets `value` at `path`, creating parent objects (or replacing non-objects) on the way.
fn set(root: &mut Value, path: &[&str], value: Value) {
    let (last, parents) = path.split_last().expect("paths are not empty");
    let mut current = root;
    for segment in parents {
        let map = current.as_object_mut().expect("parents are objects");
        let entry = map.entry(segment.to_string()).or_insert_with(|| json!({}));
        if !entry.is_object() {
            *entry = json!({});
        }
        current = entry;
    }
    current
        .as_object_mut()
        .expect("parents are objects")
        .insert(last.to_string(), value);
}

#[derive(Clone, Copy, Debug)]
enum Mutation {
    TooLong,
    BreakPattern,
    WrongType,
    UnknownValue,
}

/// The issue a mutation must cause, if the field allows that mutation.
fn mutate(field: &FieldSchema, m: Mutation) -> Option<(Value, &'static str, Severity)> {
    let string_like = matches!(field.kind, FieldKind::String | FieldKind::Enum(_));
    match m {
        Mutation::TooLong => field.max_length.map(|max| {
            (
                Value::String("9".repeat(max + 1)),
                "max_length",
                Severity::Error,
            )
        }),
        Mutation::BreakPattern => field
            .pattern
            .map(|_| (Value::String("!".to_owned()), "pattern", Severity::Error)),
        Mutation::WrongType => match field.kind {
            FieldKind::Any => None,
            _ => Some((json!(7), "type", Severity::Error)),
        },
        Mutation::UnknownValue => match &field.kind {
            FieldKind::Enum(e) if string_like => {
                let value = "Zz";
                (!e.is_known(value) && field.max_length.is_none_or(|m| m >= 2)).then(|| {
                    (
                        Value::String(value.to_owned()),
                        "unknown_value",
                        Severity::Warning,
                    )
                })
            }
            _ => None,
        },
    }
}

fn check_rules(root: &'static ObjectSchema) -> Vec<&'static str> {
    let mut rules = Vec::new();
    let mut stack = vec![root];
    while let Some(schema) = stack.pop() {
        rules.extend(schema.checks.iter().map(|c| c.rule));
        for f in schema.fields {
            if let FieldKind::Object(inner) = &f.kind {
                stack.push(inner);
            }
        }
    }
    rules
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_valid_payloads_have_no_errors(
        (root, payload) in prop::sample::select(&ROOTS[..]).prop_flat_map(|root| (Just(root), valid_object(root)))
    ) {
        let report = validate_as(root, &payload);
        prop_assert!(report.is_valid(), "{payload}: {:?}", report.issues);
        let rules = check_rules(root);
        for w in report.warnings() {
            prop_assert!(rules.contains(&w.rule()), "only cross-field warnings on known values: {w}");
        }
    }

    #[test]
    fn valid_payloads_validate(payload in valid_object(&PAYMENT_RESULT_SCHEMA)) {
        let report = validate(&payload);
        prop_assert!(report.is_valid(), "{payload}: {:?}", report.issues);
    }

    #[test]
    fn each_mutation_is_reported_at_its_pointer(
        root in prop::sample::select(&ROOTS[..]),
        pick in any::<prop::sample::Index>(),
        m in prop::sample::select(vec![Mutation::TooLong, Mutation::BreakPattern, Mutation::WrongType, Mutation::UnknownValue]),
        base in valid_object(&PAYMENT_RESULT_SCHEMA),
    ) {
        let candidates: Vec<(FieldPath, (Value, &'static str, Severity))> = all_paths(root)
            .into_iter()
            .filter_map(|(path, field)| mutate(field, m).map(|r| ((path, field), r)))
            .collect();
        prop_assume!(!candidates.is_empty());
        let ((path, _), (value, rule, severity)) = pick.get(&candidates).clone();
        let mut payload = if std::ptr::eq(root, &PAYMENT_RESULT_SCHEMA) { base } else { json!({ "code": "SDK_PAYMENT_FAIL", "result": base }) };
        set(&mut payload, &path, value);
        let report = validate_as(root, &payload);
        let at = pointer(&path);
        prop_assert!(
            report.issues.iter().any(|i| i.path() == at && i.rule() == rule && i.severity() == severity),
            "expected {rule} ({severity:?}) at {at}, got {:?}", report.issues
        );
    }

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        let _ = validate(&value);
        for root in ROOTS {
            let _ = validate_as(root, &value);
        }
    }

    #[test]
    fn arbitrary_json_in_any_field_never_panics(pick in any::<prop::sample::Index>(), value in arb_json()) {
        let fields = all_paths(&ON_EVENT_CALLBACK_STATE_SCHEMA);
        let (path, _) = pick.get(&fields);
        let mut payload = json!({ "code": "SDK_PAYMENT_SUCCESSFUL" });
        set(&mut payload, path, value);
        let _ = validate(&payload);
    }

    /// The decoded payload's report is the JSON value's, issue for issue, whatever one field
    /// of a valid payload holds (wrong types and `null` included, which decoding keeps aside).
    #[test]
    fn decoded_payload_gets_the_same_report(
        root in prop::sample::select(&ROOTS[..]),
        pick in any::<prop::sample::Index>(),
        value in prop_oneof![arb_json(), Just(Value::Null), chars(40).prop_map(Value::String)],
        base in valid_object(&PAYMENT_RESULT_SCHEMA),
    ) {
        let fields = all_paths(root);
        let (path, _) = pick.get(&fields);
        let mut payload = if std::ptr::eq(root, &PAYMENT_RESULT_SCHEMA) { base } else { json!({ "code": "SDK_PAYMENT_FAIL", "result": base }) };
        set(&mut payload, path, value);
        let decoded = Payload::from_value(payload.clone()).expect("an object decodes");
        prop_assert_eq!(decoded.validate(), validate(&payload), "{}", payload);
    }
}

#[test]
fn every_violation_is_reported_at_once() {
    let payload = json!({
        "code": 5,
        "result": {
            "paymentStatus": "NOPE",
            "cardPaymentResultInfo": { "lastFour": "12345", "expiryMonth": "13", "cardNo": "4111111111111111", "funding": [] }
        }
    });
    let report = validate(&payload);
    let seen: Vec<(&str, &str, Severity)> = report
        .issues
        .iter()
        .map(|i| (i.path(), i.rule(), i.severity()))
        .collect();
    for expected in [
        ("/code", "type", Severity::Error),
        ("/result/paymentStatus", "unknown_value", Severity::Warning),
        (
            "/result/cardPaymentResultInfo/lastFour",
            "max_length",
            Severity::Error,
        ),
        (
            "/result/cardPaymentResultInfo/expiryMonth",
            "pattern",
            Severity::Error,
        ),
        (
            "/result/cardPaymentResultInfo/cardNo",
            "pattern",
            Severity::Error,
        ),
        (
            "/result/cardPaymentResultInfo/funding",
            "type",
            Severity::Error,
        ),
    ] {
        assert!(seen.contains(&expected), "missing {expected:?} in {seen:?}");
    }
    // Past max_length: the length error alone, never matched against the pattern.
    assert!(!seen.contains(&(
        "/result/cardPaymentResultInfo/lastFour",
        "pattern",
        Severity::Error
    )));
    // A sensitive value never appears in a message.
    assert!(
        report
            .issues
            .iter()
            .all(|i| !i.message().contains("4111111111111111"))
    );
}

#[test]
fn required_fields_and_null() {
    let report = validate(&json!({ "code": null, "message": null }));
    assert_eq!(report.issues.len(), 1, "{:?}", report.issues);
    assert_eq!(
        (report.issues[0].path(), report.issues[0].rule()),
        ("/code", "required")
    );
}

#[test]
fn cross_field_inconsistencies_are_warnings() {
    let payload = json!({
        "code": "SDK_PAYMENT_FAIL",
        "result": {
            "paymentStatus": "SUCCESS",
            "paymentResultCode": "RISK_REJECT",
            "cardPaymentResultInfo": { "cardNo": "************8888", "lastFour": "0000" }
        }
    });
    let report = validate(&payload);
    assert!(report.is_valid(), "{:?}", report.issues);
    let warnings: Vec<(&str, &str)> = report.warnings().map(|i| (i.path(), i.rule())).collect();
    assert!(
        warnings.contains(&("/result/paymentStatus", "event_status_mismatch")),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&("/result/paymentResultCode", "status_result_code_mismatch")),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&(
            "/result/cardPaymentResultInfo/lastFour",
            "last_four_mismatch"
        )),
        "{warnings:?}"
    );
    let consistent = json!({ "cardNo": "************0000", "lastFour": "0000" });
    assert!(validate(&json!({ "cardPaymentResultInfo": consistent })).is_clean());
}

#[test]
fn lengths_count_unicode_scalar_values() {
    // 32 emoji are 32 scalar values (64 UTF-16 units): exactly holdName's max_length.
    let report = validate(&json!({ "cardPaymentResultInfo": { "holdName": "😀".repeat(32) } }));
    assert!(report.is_valid(), "{:?}", report.issues);
    let report = validate(&json!({ "cardPaymentResultInfo": { "holdName": "😀".repeat(33) } }));
    assert_eq!(
        report.errors().map(|i| i.rule()).collect::<Vec<_>>(),
        ["max_length"]
    );
}

/// Patterns of the portable subset beyond the real spec's: groups, alternation, negated
/// classes, escapes, every quantifier, and nesting.
static EXTRA_PATTERNS: [Pattern; 15] = [
    Pattern::new("^[a-c]*c$", ""),
    Pattern::new("^[0-9]{0,6}[0-9*]+[0-9]{0,4}$", ""),
    Pattern::new("^a*a{2}(ab|a)*b$", ""),
    Pattern::new("^(0[1-9]|1[0-2])$", ""),
    Pattern::new("^[^0-9]*[0-9]{2,}$", ""),
    Pattern::new("^(?:ab|a)(?:bc|c)?$", ""),
    Pattern::new("^[A-Z]{2}(-[A-Z0-9]{1,3})*$", ""),
    Pattern::new("^\\*+\\.?[a-c\\-]+$", ""),
    Pattern::new("^((a|b)*c)+$", ""),
    Pattern::new("^(a?)*b$", ""),
    Pattern::new("^(a*)*$", ""),
    Pattern::new("^x{0}y{1,1}z{0,}$", ""),
    Pattern::new("^[*a-]{0,3}[^*]?$", ""),
    Pattern::new("^$", ""),
    Pattern::new("^(|a)b$", ""),
];

fn patterns() -> Vec<&'static Pattern> {
    fn collect(schema: &'static ObjectSchema, out: &mut Vec<&'static Pattern>) {
        for field in schema.fields {
            if let Some(p) = field.pattern {
                out.push(p);
            }
            if let FieldKind::Object(inner) = &field.kind {
                collect(inner, out);
            }
        }
    }
    let mut out: Vec<&'static Pattern> = EXTRA_PATTERNS.iter().collect();
    for root in ROOTS {
        collect(root, &mut out);
    }
    out
}

#[test]
fn every_pattern_takes_the_fast_path() {
    let patterns = patterns();
    assert!(
        patterns.len() > EXTRA_PATTERNS.len(),
        "the spec has patterns"
    );
    for p in patterns {
        assert!(p.has_fast_path(), "{} is matched by regress only", p.source);
    }
    // Outside the subset: left to the general engine.
    for source in ["^a|b$", "^.$", "^a*?$", "^\\d$", "^a{2,1}$", "a$"] {
        let p = Box::leak(Box::new(Pattern::new(source, "")));
        assert!(!p.has_fast_path(), "{source} should not take the fast path");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fast matcher and `regress` agree on every pattern, on strings from the patterns'
    /// own alphabet and beyond it (non-ASCII included).
    #[test]
    fn fast_pattern_matcher_agrees_with_regress(
        pick in any::<prop::sample::Index>(),
        letters in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
    ) {
        let patterns = patterns();
        let p = patterns[pick.index(patterns.len())];
        // Strings over the pattern's own characters (so that many match), one character
        // outside every class, and one beyond ASCII.
        let mut alphabet: Vec<char> = p.source.chars().filter(|c| c.is_ascii_alphanumeric() || "*.-".contains(*c)).collect();
        alphabet.extend(['9', 'Z', ' ', 'é', '😀']);
        let value: String = letters.iter().map(|i| alphabet[i.index(alphabet.len())]).collect();
        prop_assert_eq!(p.is_match(&value), p.is_match_general(&value), "{} on {:?}", p.source, value);
    }
}

/// Every public enumeration prints as the spec and the JSON output name it.
#[test]
fn public_enums_display_as_their_spec_names() {
    use antom_callback::validate::CheckKind;
    use antom_callback::{EventKind, Outcome, PayloadKind, Severity};
    let shown = [
        (Severity::Error.to_string(), "error"),
        (Severity::Warning.to_string(), "warning"),
        (Outcome::Success.to_string(), "success"),
        (Outcome::Failure.to_string(), "failure"),
        (Outcome::Processing.to_string(), "processing"),
        (EventKind::Status.to_string(), "status"),
        (EventKind::Error.to_string(), "error"),
        (EventKind::PaymentResult.to_string(), "payment_result"),
        (
            PayloadKind::EventCallbackState.to_string(),
            "event_callback_state",
        ),
        (PayloadKind::Result.to_string(), "result"),
        (CheckKind::DigitsSuffix.to_string(), "digits_suffix"),
        (CheckKind::SameOutcome.to_string(), "same_outcome"),
        (FieldKind::String.to_string(), "string"),
        (FieldKind::Any.to_string(), "any"),
    ];
    for (got, want) in shown {
        assert_eq!(got, want);
    }
    // The kinds' names are the spec's: every event code's kind is one of them.
    let kinds: std::collections::BTreeSet<String> = antom_callback::EventCode::ALL
        .iter()
        .map(|c| c.info().map(|i| i.kind.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["error", "payment_result", "status"]
    );
}
