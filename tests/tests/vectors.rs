//! The Rust validator against the shared conformance vectors, and the lossless round trip.

use antom_callback::{JsonObject, Payload, validate};
use antom_tests::arbitrary_json;
use antom_tests::vectors::{self, report, verdict_of};
use serde_json::Value;

#[test]
fn rust_agrees_with_every_vector() {
    let vectors = vectors::load();
    assert!(
        vectors.len() >= 10,
        "expected conformance vectors under tests/vectors"
    );
    let mut disagreements = Vec::new();
    for v in &vectors {
        let got = verdict_of(v);
        if got != v.expect {
            disagreements.push(format!(
                "{}: expected {:?}, got {:?}",
                v.name, v.expect, got
            ));
        }
        if let Some(messages) = &v.messages {
            let got = vectors::words_of(&report(v));
            if &got != messages {
                disagreements.push(format!(
                    "{}: expected the messages {messages:#?}, got {got:#?}",
                    v.name
                ));
            }
        }
        for issue in &report(v).issues {
            if v.never_shown
                .iter()
                .any(|s| issue.message().contains(s.as_str()) || issue.path().contains(s.as_str()))
            {
                disagreements.push(format!("{}: an issue shows a secret: {issue}", v.name));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn the_vectors_show_a_repeated_key_and_a_card_number_in_a_field_that_is_not_sensitive() {
    let vectors = vectors::load();
    let text = vectors
        .iter()
        .find(|v| v.payload_text.is_some())
        .expect("a vector with payload_text");
    assert!(
        text.expect
            .iter()
            .any(|(_, rule, sev)| rule == "duplicate_key" && sev == "error"),
        "{}: a repeated sensitive key is an error",
        text.name
    );
    let (_, read) = antom_callback::validate_text(text.payload_text.as_deref().unwrap_or_default())
        .expect("JSON text");
    assert!(read.issues.iter().any(|i| i.rule() == "duplicate_key"));
    assert!(
        vectors
            .iter()
            .any(|v| !v.never_shown.is_empty() && v.payload_text.is_none()),
        "a vector whose value alone holds a secret"
    );
}

/// A vector's text reads as its value: the text validators and the value validators see the
/// same payload.
#[test]
fn payload_text_reads_as_the_payload() {
    for v in vectors::load() {
        if let Some(text) = &v.payload_text {
            let value: Value = serde_json::from_str(text).expect("payload_text is JSON");
            assert_eq!(value, v.payload, "{}", v.name);
            let (read, _) = antom_callback::validate_text(text).expect("JSON");
            assert_eq!(read, v.payload, "{}", v.name);
        }
    }
}

/// The tables `antom_spec::payload` builds from the repository's spec are the generated ones:
/// every object the payloads reach, field for field (kinds, lengths, patterns with their
/// formats, sensitivity), check for check and enumeration value for value.
#[test]
fn tables_built_from_the_spec_are_the_generated_tables() {
    use antom_callback::validate::{FieldKindOf, ObjectSchemaOf};
    /// Every pattern's source and format, depth first.
    fn formats<'s>(schema: &ObjectSchemaOf<'s>, out: &mut Vec<(&'s str, &'s str)>) {
        for field in schema.fields {
            if let Some(p) = field.pattern {
                out.push((p.source, p.format));
            }
            if let FieldKindOf::Object(inner) = field.kind {
                formats(inner, out);
            }
        }
    }
    let spec = antom_tests::repo_spec();
    let arena = antom_spec::payload::TableArena::default();
    let tables = antom_spec::payload::Tables::new(&spec, &arena);
    for generated in [
        &antom_callback::ON_EVENT_CALLBACK_STATE_SCHEMA,
        &antom_callback::PAYMENT_RESULT_SCHEMA,
    ] {
        let built = tables.object(generated.name).expect("a table");
        assert_eq!(format!("{built:#?}"), format!("{generated:#?}"));
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        formats(built, &mut ours);
        formats(generated, &mut theirs);
        assert_eq!(ours, theirs, "{}", generated.name);
        assert!(!ours.is_empty(), "{}: patterns", generated.name);
    }
}

/// An issue's pointer, rule, severity and message.
type Words = (String, String, String, String);

fn words(i: &antom_callback::Issue) -> Words {
    (
        i.path().to_owned(),
        i.rule().to_owned(),
        i.severity().as_str().to_owned(),
        i.message().to_owned(),
    )
}

/// The spec type a payload is validated as, by the shape `validate` reads.
fn payload_type(payload: &Value) -> &'static str {
    match antom_callback::payload_kind(payload) {
        antom_callback::PayloadKind::EventCallbackState => "OnEventCallbackState",
        antom_callback::PayloadKind::Result => "PaymentResult",
    }
}

/// The tables `antom_spec::payload` builds from the spec's model (for lint's sample check and
/// `antom validate --spec`) give the one validator the report of the generated tables, issue for
/// issue and word for word, on every vector and the arbitrary payloads.
#[test]
fn tables_built_from_the_spec_give_the_generated_tables_reports() {
    let spec = antom_tests::repo_spec();
    let arena = antom_spec::payload::TableArena::default();
    let tables = antom_spec::payload::Tables::new(&spec, &arena);
    let payloads: Vec<Value> = vectors::load()
        .iter()
        .map(|v| v.payload.clone())
        .chain(arbitrary_json::values())
        .collect();
    let mut differences = Vec::new();
    for payload in &payloads {
        let ty = payload_type(payload);
        let schema = tables.object(ty).expect("the payload types have tables");
        let ours: Vec<Words> = antom_callback::validate_as(schema, payload)
            .issues
            .iter()
            .map(words)
            .collect();
        let runtime: Vec<Words> = validate(payload).issues.iter().map(words).collect();
        if ours != runtime {
            differences.push(format!(
                "{payload}:\n  spec:    {ours:?}\n  runtime: {runtime:?}"
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// `antom validate --spec` reads repeated keys with the tables built from the spec's model
/// (`antom_spec::payload`): on every vector with a `payload_text` they give the `duplicate_key`
/// issues of the generated tables, word for word.
#[test]
fn tables_built_from_the_spec_read_repeated_keys_as_the_generated_tables() {
    let spec = antom_tests::repo_spec();
    let arena = antom_spec::payload::TableArena::default();
    let tables = antom_spec::payload::Tables::new(&spec, &arena);
    let mut checked = 0;
    for v in vectors::load() {
        let Some(text) = &v.payload_text else {
            continue;
        };
        let read = antom_callback::read_str(text).expect("JSON");
        let ty = payload_type(&read.value);
        let schema = tables.object(ty).expect("the payload types have tables");
        let ours: Vec<Words> = read
            .repeated_keys
            .iter()
            .map(|r| {
                words(&antom_callback::validate::duplicate_key(
                    schema,
                    &r.path,
                    &r.values(&read.value),
                ))
            })
            .collect();
        let runtime: Vec<Words> = report(&v)
            .issues
            .iter()
            .filter(|i| i.rule() == "duplicate_key")
            .map(words)
            .collect();
        assert_eq!(ours, runtime, "{}", v.name);
        checked += 1;
    }
    assert!(checked >= 5, "vectors with payload_text: {checked}");
}

#[test]
fn every_object_vector_round_trips() {
    for v in vectors::load() {
        match Payload::from_value(v.payload.clone()).map(|p| p.to_value()) {
            Ok(back) => assert_eq!(back, v.payload, "{} does not round-trip", v.name),
            Err(original) => assert!(
                !original.is_object(),
                "{}: an object failed to decode",
                v.name
            ),
        }
    }
}

/// Validating the decoded payload gives the report `validate` gives for its JSON value: the
/// same issues, messages included, in the same order.
fn decoded_report_differs(payload: &Value) -> Option<String> {
    let from_json = validate(payload);
    match Payload::from_value(payload.clone()).map(|p| p.validate()) {
        Ok(decoded) if decoded != from_json => Some(format!(
            "{payload}:\n  JSON value: {:?}\n  decoded:    {:?}",
            from_json.issues, decoded.issues
        )),
        Ok(_) => None,
        Err(_) if payload.is_object() => Some(format!("{payload}: an object failed to decode")),
        Err(_) => None,
    }
}

#[test]
fn decoded_payloads_get_the_json_values_report() {
    let vectors = vectors::load();
    let payloads: Vec<Value> = vectors
        .iter()
        .map(|v| v.payload.clone())
        .chain(arbitrary_json::values())
        .collect();
    assert_eq!(payloads.len(), vectors.len() + arbitrary_json::COUNT);
    let differences: Vec<String> = payloads.iter().filter_map(decoded_report_differs).collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The mobile entry point's arguments for a payload that has the mobile callbacks' shape: an
/// object with a string `code` and no key but `code` and `result`. The result's JSON text, or
/// `None` without one.
fn split_state(payload: &Value) -> Option<(&str, Option<String>)> {
    let map = payload.as_object()?;
    let code = map.get("code")?.as_str()?;
    if map.keys().any(|k| k != "code" && k != "result") {
        return None;
    }
    let result = map.get("result").map(Value::to_string);
    Some((code, result))
}

/// `validate_callback(code, result text)` gives the report of the state object: on every vector
/// and arbitrary payload of that shape, each issue with its message. A `null` result is no
/// result, so its state is validated without the `result` key.
#[test]
fn the_mobile_entry_point_reports_as_the_state_object() {
    let payloads: Vec<Value> = vectors::load()
        .into_iter()
        .map(|v| v.payload)
        .chain(arbitrary_json::values())
        .collect();
    let mut split = 0;
    let mut differences = Vec::new();
    for payload in &payloads {
        let Some((code, result)) = split_state(payload) else {
            continue;
        };
        split += 1;
        let mut state = payload.clone();
        if let Some(map) = state.as_object_mut()
            && map.get("result").is_some_and(Value::is_null)
        {
            map.remove("result");
        }
        let want = validate(&state);
        let got = antom_callback::validate_callback(code, result.as_deref());
        if got != want {
            differences.push(format!(
                "{payload}:\n  state:  {:?}\n  mobile: {:?}",
                want.issues, got.issues
            ));
        }
    }
    assert!(split >= 20, "only {split} payloads have the state's shape");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// No result text, an empty one, one of whitespace only and `null` all validate the state
/// without `result`.
#[test]
fn the_mobile_entry_point_reads_an_absent_result_as_none() {
    for code in [
        "SDK_PAYMENT_SUCCESSFUL",
        "SDK_PAYMENT_FAIL",
        "NOT_A_CODE",
        "",
    ] {
        let want = validate(&serde_json::json!({ "code": code }));
        for text in [None, Some(""), Some(" \n\t"), Some("null"), Some(" null ")] {
            assert_eq!(
                antom_callback::validate_callback(code, text),
                want,
                "{code:?} with {text:?}"
            );
        }
    }
}

/// The result text is read as `validate_text` reads text: repeated keys (every vector's
/// `payload_text`) and what the reader cannot keep (a number out of range) are reported under
/// `/result`, as for the state's text.
#[test]
fn the_mobile_entry_point_reads_the_result_text_as_the_text_entry_point_does() {
    let mut texts: Vec<String> = vectors::load()
        .into_iter()
        .filter_map(|v| v.payload_text)
        .collect();
    assert!(!texts.is_empty(), "a vector with payload_text");
    texts.push(r#"{"paymentResultMessage": "\ud83d\ude00", "paymentStatus": 1e999}"#.to_owned());
    texts.push(r#"{"paymentResultCode": "A", "paymentResultCode": "B"}"#.to_owned());
    let code = antom_callback::EventCode::ALL[0].as_str();
    for text in &texts {
        let state = format!("{{\"code\": {}, \"result\": {text}}}", Value::from(code));
        let (_, want) = antom_callback::validate_text(&state).expect("JSON");
        let got = antom_callback::validate_callback(code, Some(text));
        assert_eq!(got, want, "{text}");
        assert!(
            got.issues.iter().any(|i| i.path().starts_with("/result/")
                && matches!(i.rule(), "duplicate_key" | "number_range")),
            "{text}: {:?}",
            got.issues
        );
    }
}

/// A result text that is not JSON gives the state's report without `result`, then one error at
/// `/result` in the words of `JsonError` (those of `antom validate` and every runtime).
#[test]
fn a_result_text_that_is_not_json_is_one_error_at_result() {
    let code = "SDK_PAYMENT_FAIL";
    let without = validate(&serde_json::json!({ "code": code }));
    for (text, words) in [
        ("{\"paymentStatus\": ", "unexpected end of input"),
        ("{\"paymentStatus\" 1}", "expected ':'"),
        ("not json", "invalid literal"),
        ("{} {}", "trailing characters after the value"),
    ] {
        let report = antom_callback::validate_callback(code, Some(text));
        let (last, before) = report.issues.split_last().expect("an issue");
        assert_eq!(before, without.issues.as_slice(), "{text}");
        assert_eq!(
            (last.path(), last.rule(), last.severity().as_str()),
            ("/result", "invalid_json", "error"),
            "{text}"
        );
        let error = antom_callback::read_str(text).expect_err("not JSON");
        assert_eq!(last.message(), error.message(), "{text}");
        assert!(
            last.message().ends_with(words),
            "{text}: {}",
            last.message()
        );
    }
}

/// Redacted JSON, from the decoded payload or from its value, shows no vector's secret and no
/// sensitive field's value, and keeps every other value but card numbers.
#[test]
fn redacted_json_shows_no_secret() {
    let vectors = vectors::load();
    let mut redacted_somewhere = false;
    for v in &vectors {
        let from_value = antom_callback::redact(&v.payload);
        if let Ok(decoded) = Payload::from_value(v.payload.clone()) {
            assert_eq!(decoded.to_redacted_json(), from_value, "{}", v.name);
            assert_eq!(decoded.to_string(), from_value.to_string(), "{}", v.name);
        }
        let text = from_value.to_string();
        for secret in &v.never_shown {
            assert!(!text.contains(secret.as_str()), "{}: {text}", v.name);
        }
        redacted_somewhere |= text.contains("\"<redacted>\"");
    }
    assert!(redacted_somewhere, "some vector has a sensitive field");
    for payload in arbitrary_json::values() {
        if let Ok(decoded) = Payload::from_value(payload.clone()) {
            assert_eq!(
                decoded.to_redacted_json(),
                antom_callback::redact(&payload),
                "{payload}"
            );
        }
    }
}

/// The Rust report on a text vector: `validate_text`'s, or the one issue of its error.
fn text_report(text: &str) -> Vec<vectors::Words> {
    match antom_callback::validate_text(text) {
        Ok((_, report)) => vectors::words(&report),
        Err(e) => vectors::words(&e.report()),
    }
}

/// Every text vector (`tests/vectors/text/`, JSON text that is mostly not JSON) gets its issues
/// word for word from `validate_text`, and from `validate_callback` the same message at
/// `/result` when the text is the result's (empty and blank text is no result there).
#[test]
fn rust_reads_every_text_vector_word_for_word() {
    let vectors = vectors::load_texts();
    assert!(vectors.len() >= 20, "{} text vectors", vectors.len());
    let code = "SDK_PAYMENT_FAIL";
    let without = validate(&serde_json::json!({ "code": code }));
    let mut wrong = Vec::new();
    for v in &vectors {
        let got = text_report(&v.text);
        if got != v.expect {
            wrong.push(format!("{}: expected {:?}, got {got:?}", v.name, v.expect));
        }
        if v.expect.is_empty() || v.text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
            continue;
        }
        let mobile = antom_callback::validate_callback(code, Some(&v.text));
        let mut want = vectors::words(&without);
        want.extend(v.expect.iter().map(|(_, rule, severity, message)| {
            (
                "/result".to_owned(),
                rule.clone(),
                severity.clone(),
                message.clone(),
            )
        }));
        let got = vectors::words(&mobile);
        if got != want {
            wrong.push(format!(
                "{} as a result: expected {want:?}, got {got:?}",
                v.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
