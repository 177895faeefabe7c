//! The quick reader (`QuickReader`, which builds no JSON value) against the full one
//! (`validate_text`): whenever it answers, it gives the same report (issues, order, messages,
//! pointers, masking), the same payload kind and the same event code (and, counting, the
//! same rules and severities without any text); it answers on every
//! line the benchmark's logs are made of; and on text it is not sure of it leaves the answer
//! to the full reader. Checked on every conformance vector, every spec sample, the lines of
//! the benchmark's three logs, fixed hard cases, and randomly mutated lines.

use antom_callback::validate::EnumSchema;
use antom_callback::{
    EVENT_CODE_SCHEMA, FUNDING_SCHEMA, PAYMENT_RESULT_CODE_SCHEMA, PAYMENT_STATUS_SCHEMA,
    PayloadKind, QuickReader, Report, payload_kind, validate_text,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// What the full reader says of `text`: its report, kind and event code; `None` when the text
/// is not JSON.
fn full(text: &str) -> Option<(Report, PayloadKind, Option<String>)> {
    let (value, report) = validate_text(text).ok()?;
    let code = value.get("code").and_then(Value::as_str).map(str::to_owned);
    Some((report, payload_kind(&value), code))
}

/// Whether the quick reader answered on `text`; an error when its answer differs from the
/// full reader's.
fn agree(reader: &mut QuickReader, text: &str) -> Result<bool, String> {
    let Some(quick) = reader.validate(text) else {
        if reader.count(text).is_some() {
            return Err(format!("counted but not validated: {text:?}"));
        }
        return Ok(false);
    };
    let Some((report, kind, code)) = full(text) else {
        return Err(format!("answered on text that is not JSON: {text:?}"));
    };
    let quick_code = quick.code.as_deref().map(str::to_owned);
    if (&quick.report, quick.kind, &quick_code) != (&report, kind, &code) {
        return Err(format!(
            "{text:?}\n quick: {:?} {:?} {quick_code:?}\n full:  {report:?} {kind:?} {code:?}",
            quick.report, quick.kind
        ));
    }
    // Counting: the same answer, the same rules and severities, no text.
    let Some(counted) = reader.count(text) else {
        return Err(format!("validated but not counted: {text:?}"));
    };
    let rules = |r: &Report| -> Vec<_> {
        r.issues
            .iter()
            .map(|i| (i.rule_name(), i.severity()))
            .collect()
    };
    let counted_code = counted.code.as_deref().map(str::to_owned);
    if (rules(&counted.report), counted.kind, &counted_code) != (rules(&report), kind, &code)
        || counted
            .report
            .issues
            .iter()
            .any(|i| !i.path().is_empty() || !i.message().is_empty())
    {
        return Err(format!(
            "{text:?}\n counted: {:?}\n full:    {report:?}",
            counted.report
        ));
    }
    Ok(true)
}

mod common;

/// Every conformance vector, without its name.
fn vectors() -> Vec<Value> {
    common::vectors().into_iter().map(|(_, v)| v).collect()
}

/// The spec's samples, as written (read from the generated catalog, which holds the validated
/// spec).
fn samples() -> &'static [String] {
    static SAMPLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(load_samples)
}

fn load_samples() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../generated/catalog.json");
    let catalog: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("generated/catalog.json"))
            .expect("the catalog is JSON");
    let samples: Vec<String> = catalog["samples"]
        .as_array()
        .expect("the catalog's samples")
        .iter()
        .map(|s| s["json"].as_str().expect("a sample's text").to_owned())
        .collect();
    assert!(!samples.is_empty(), "the spec has samples");
    samples
}

/// The lines of the benchmark's logs (`cargo xtask bench --ndjson`): the benchmark mix (every
/// sample, every vector's payload, each sample with a code given every event code), which
/// holds every line of the vectors log too, and the card-payment results.
fn bench_lines() -> Vec<String> {
    let mut lines = Vec::new();
    let mut mix = Vec::new();
    for sample in samples() {
        let value: Value = serde_json::from_str(sample).expect("a sample is JSON");
        lines.push(serde_json::to_string(&value).expect("JSON"));
        if value.get("code").is_some_and(Value::is_string) {
            for (code, _) in EVENT_CODE_SCHEMA.values {
                let mut changed = value.clone();
                changed["code"] = Value::String((*code).to_owned());
                mix.push(serde_json::to_string(&changed).expect("JSON"));
            }
        }
    }
    for vector in vectors() {
        if let Some(payload) = vector.get("payload") {
            lines.push(serde_json::to_string(payload).expect("JSON"));
        }
    }
    lines.extend(mix);
    lines.extend(card_lines());
    lines
}

/// The benchmark's card-payment results: the card sample with other brands, funding,
/// countries, expiry dates, bins and last four digits, bare or in the state.
fn card_lines() -> Vec<String> {
    let base = card_sample();
    let mut lines = Vec::new();
    let mut n: usize = 28;
    let mut next = |below: usize| {
        n = n
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (n >> 33) % below
    };
    for i in 0..300 {
        let last = format!("{:04}", next(10_000));
        let shown = if next(20) == 0 {
            format!("{:04}", next(10_000))
        } else {
            last.clone()
        };
        let mut v = base.clone();
        let card = &mut v["cardPaymentResultInfo"];
        card["cardBrand"] = ["VISA", "MASTERCARD", "AMEX", "JCB"][next(4)].into();
        card["funding"] = ["DEBIT", "CREDIT", "PREPAID"][next(3)].into();
        card["issuingCountry"] = ["BR", "US", "GB", "SG"][next(4)].into();
        card["expiryMonth"] = format!("{:02}", 1 + next(12)).into();
        card["expiryYear"] = format!("{:02}", 26 + next(8)).into();
        card["cardNo"] = format!("************{shown}").into();
        card["lastFour"] = last.into();
        card["cardBin"] = format!("{:06}", 400_000 + next(99_999)).into();
        let codes = [
            "SDK_PAYMENT_SUCCESSFUL",
            "SDK_PAYMENT_FAIL",
            "SDK_PAYMENT_PROCESSING",
        ];
        let line = if i % 2 == 0 {
            json!({ "code": codes[next(3)], "result": v })
        } else {
            v
        };
        lines.push(serde_json::to_string(&line).expect("JSON"));
    }
    lines
}

fn card_sample() -> Value {
    samples()
        .iter()
        .find(|s| s.contains("cardPaymentResultInfo"))
        .and_then(|s| serde_json::from_str(s).ok())
        .expect("the spec has a card-payment sample")
}

/// Every line the benchmark's logs are made of gets the full reader's report, and the quick
/// reader answers on all of them but those that repeat a key (some vectors do, on purpose)
/// or are not objects.
#[test]
fn the_benchmark_lines_get_the_full_report() {
    let mut reader = QuickReader::new();
    let mut unanswered = Vec::new();
    let lines = bench_lines();
    assert!(lines.len() > 400, "{} lines", lines.len());
    for line in &lines {
        match agree(&mut reader, line) {
            Ok(true) => {}
            Ok(false) => unanswered.push(line.as_str()),
            Err(e) => panic!("{e}"),
        }
    }
    // serde_json keeps one value of a repeated key: only non-objects are left here.
    for line in &unanswered {
        assert!(!line.starts_with('{'), "not answered: {line}");
    }
    assert!(unanswered.len() <= 10, "{unanswered:?}");
}

/// Every vector, its payload written compactly and pretty, and its text as written when it
/// has one (repeated keys): the same report whenever the quick reader answers.
#[test]
fn every_vector_gets_the_full_report() {
    let mut reader = QuickReader::new();
    let mut answered = 0;
    let mut texts = 0;
    for vector in vectors() {
        let mut all = Vec::new();
        if let Some(payload) = vector.get("payload") {
            all.push(serde_json::to_string(payload).expect("JSON"));
            all.push(serde_json::to_string_pretty(payload).expect("JSON"));
        }
        if let Some(text) = vector["payload_text"].as_str() {
            all.push(text.to_owned());
        }
        for text in all {
            texts += 1;
            answered += usize::from(agree(&mut reader, &text).unwrap_or_else(|e| panic!("{e}")));
        }
    }
    assert!(answered * 10 > texts * 8, "{answered} of {texts}");
}

/// Each sample as written in the spec (its spacing and order of keys).
#[test]
fn every_sample_gets_the_full_report() {
    let mut reader = QuickReader::new();
    for sample in samples() {
        assert_eq!(agree(&mut reader, sample), Ok(true), "{sample}");
    }
}

/// Texts at the edges of what the quick reader is sure of: it answers with the full report,
/// or leaves them to the full reader.
#[test]
fn hard_cases_get_the_full_report() {
    let deep = |n: usize| format!("{{\"x\":{}1{}}}", "[".repeat(n), "]".repeat(n));
    let deep_objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let mut cases: Vec<(String, Option<bool>)> = vec![
        // (text, whether the quick reader answers when that is pinned down)
        (r#"{"code":"SDK_PAYMENT_SUCCESSFUL"}"#.into(), Some(true)),
        (r#"{"code":"SDK\u005fPAYMENT_SUCCESSFUL"}"#.into(), Some(true)),
        (r#"{"c\u006fde":"SDK_PAYMENT_SUCCESSFUL"}"#.into(), Some(false)),
        (r#"{"message":"x","code":"SDK_PAYMENT_FAIL","result":{"paymentStatus":"SUCCESS"}}"#.into(), Some(true)),
        (r#"{"code":"SDK_PAYMENT_FAIL","code":"SDK_PAYMENT_FAIL"}"#.into(), Some(false)),
        (r#"{"x":{"a":1,"a":2}}"#.into(), Some(false)),
        (r#"{"x":[{"a":1},{"a":2}]}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"cardNo":"4111111111111111"},"cardPaymentResultInfo":{"cardNo":"************1111"}}"#.into(), Some(false)),
        (r#"{"cardPaymentResultInfo":{"cardNo":"4111111111111111","lastFour":"1111"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"cardNo":"4111 1111 1111 1111","holdName":"4111111111111111"}}"#.into(), Some(true)),
        (r#"{"paymentResultMessage":"card 378282246310005 refused","paymentStatus":"4111111111111111"}"#.into(), Some(true)),
        (r#"{"4111111111111111":1,"cardPaymentResultInfo":{"funding":"5555555555554444"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"cardNo":"\u002a\u002a\u002a\u002a1111","lastFour":"1111"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"holdName":"Zoë 😀 \ud83d\ude00 \u00e9"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"holdName":"\ud83d"}}"#.into(), Some(false)),
        (r#"{"cardPaymentResultInfo":{"holdName":"\ude00\ud83d"}}"#.into(), Some(false)),
        (r#"{"cardPaymentResultInfo":{"issuingCountry":"ÉÉ","expiryMonth":"é"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"avsResultRaw":"ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"avsResultRaw":"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"cardBin":"\u202e123456"}}"#.into(), Some(true)),
        (r#"{"result":{"resultStatus":7,"resultCode":null},"redirectUrls":"x","paymentStatus":[1]}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"avsResultRaw":"1","avsResultRaw":"2"}}"#.into(), Some(false)),
        (r#"{"cardPaymentResultInfoX":{"avsResultRaw":7},"cardPaymentResultInf":1}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo":{"avsResultRaw":7,"cardBin":"12"}}"#.into(), Some(true)),
        (r#"{"cardPaymentResultInfo" : {"cardBin" :"12"},"paymentResultCode":"X","code":"SDK_PAYMENT_FAIL"}"#.into(), Some(true)),
        (r#"{"code":null}"#.into(), Some(true)),
        (r#"{"code":12,"result":"x"}"#.into(), Some(true)),
        (r#"{"paymentStatus":"SUCCESS","code":"SDK_PAYMENT_FAIL"}"#.into(), Some(true)),
        (r#"{"paymentStatus":"SUCCESS","x":{"code":1},"code":"SDK_PAYMENT_FAIL"}"#.into(), Some(true)),
        ("  {\"paymentStatus\" : \"SUCCESS\" }\r\n\t ".into(), Some(true)),
        ("{}".into(), Some(true)),
        ("[]".into(), Some(false)),
        ("null".into(), Some(false)),
        ("{\"x\":\"a\u{1}b\"}".into(), Some(false)),
        (r#"{"x":1e400}"#.into(), Some(false)),
        (r#"{"x":-1.5E+10,"y":0,"z":-0.0e-5,"w":123456789012345678901234567890}"#.into(), Some(true)),
        (r#"{"x":01}"#.into(), Some(false)),
        (r#"{"x":1.}"#.into(), Some(false)),
        (r#"{"x":.5}"#.into(), Some(false)),
        (r#"{"x":tru}"#.into(), Some(false)),
        (r#"{"x":1,}"#.into(), Some(false)),
        (r#"{"x":1} x"#.into(), Some(false)),
        (r#"{"x":"\x"}"#.into(), Some(false)),
        (r#"{"x":"\u12"}"#.into(), Some(false)),
        (r#"{"x":"\/\b\f\n\r\t\"\\\u0000"}"#.into(), Some(true)),
        (r#"{"x""#.into(), Some(false)),
        (deep(63), Some(true)),
        (deep(64), Some(false)),
        (deep(130), Some(false)),
        (deep_objects(63), None),
        (deep_objects(64), None),
        (deep_objects(129), Some(false)),
    ];
    let many: String = (0..70).map(|i| format!("\"k{i}\":{i},")).collect();
    cases.push((format!("{{{many}\"end\":1}}"), Some(false)));
    let some: String = (0..60).map(|i| format!("\"k{i}\":{i},")).collect();
    cases.push((format!("{{{some}\"k0\":1}}"), Some(false)));
    cases.push((format!("{{{some}\"end\":1}}"), Some(true)));
    let mut reader = QuickReader::new();
    for (text, answers) in &cases {
        let answered = agree(&mut reader, text).unwrap_or_else(|e| panic!("{e}"));
        if let Some(answers) = answers {
            assert_eq!(answered, *answers, "{text}");
        }
    }
}

/// Pieces that a mutation puts into a line: JSON syntax, escapes, non-ASCII text, card
/// numbers, and members that repeat or add keys.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "\\u0041",
    "\\ud83d",
    "\\ud83d\\ude00",
    "\\u002a",
    "\\n",
    "é",
    "😀",
    "\u{202e}",
    "\u{1}",
    ",",
    ":",
    "{",
    "}",
    "[",
    "]",
    "null",
    "1e400",
    "-0",
    "01",
    "1.",
    " ",
    "\t",
    "true",
    "4111111111111111",
    "4111 1111 1111 1111",
    "378282246310005",
    "************1111",
    "\"cardNo\":\"4111111111111111\",",
    "\"cardNo\":\"************1111\",",
    "\"x\":1,",
    "\"x\":[[[[[[[[[[1]]]]]]]]]],",
    "\"code\":\"SDK_PAYMENT_SUCCESSFUL\",",
    "\"code\":null,",
    "\"lastFour\":\"1111\",",
    "\"paymentStatus\":\"FAIL\",",
    "\"result\":{},",
    "\"cardPaymentResultInfo\":{\"cardNo\":\"4111111111111111\"},",
    "\"funding\":\"CREDIT\",",
    "\"paymentResultCode\":\"SUCCESS\",",
    "\"4111111111111111\":2,",
    "\"c\\u006fde\":1,",
];

#[derive(Clone, Debug)]
enum Mutation {
    /// Puts a piece at a character boundary (picked by index).
    Insert(prop::sample::Index, usize),
    /// Puts a piece right after an opening brace (picked by index): a new member of an object.
    Member(prop::sample::Index, usize),
    /// Removes up to this many characters.
    Remove(prop::sample::Index, usize),
    /// Replaces a string's content with a value of an enumeration or a piece.
    Retext(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 0..PIECES.len()).prop_map(|(i, p)| Mutation::Insert(i, p)),
        (any::<prop::sample::Index>(), 0..PIECES.len()).prop_map(|(i, p)| Mutation::Member(i, p)),
        (any::<prop::sample::Index>(), 1..6usize).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<prop::sample::Index>(), 0..200usize).prop_map(|(i, n)| Mutation::Retext(i, n)),
    ]
}

fn enum_values() -> Vec<&'static str> {
    let schemas: [&EnumSchema; 4] = [
        &EVENT_CODE_SCHEMA,
        &PAYMENT_RESULT_CODE_SCHEMA,
        &PAYMENT_STATUS_SCHEMA,
        &FUNDING_SCHEMA,
    ];
    schemas
        .iter()
        .flat_map(|s| s.values.iter().map(|(v, _)| *v))
        .collect()
}

fn apply(text: &str, m: &Mutation) -> String {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at =
        |i: &prop::sample::Index, among: &[usize]| among.get(i.index(among.len().max(1))).copied();
    let mut out = text.to_owned();
    match m {
        Mutation::Insert(i, p) => {
            if let Some(at) = at(i, &boundaries) {
                out.insert_str(at, PIECES[*p]);
            }
        }
        Mutation::Member(i, p) => {
            let braces: Vec<usize> = text.match_indices('{').map(|(i, _)| i + 1).collect();
            if let Some(at) = at(i, &braces) {
                out.insert_str(at, PIECES[*p]);
            }
        }
        Mutation::Remove(i, n) => {
            if let Some(k) = at(i, &boundaries[..boundaries.len() - 1]) {
                let start = boundaries[k.min(boundaries.len() - 1)];
                let from = boundaries.iter().position(|&b| b == start).unwrap_or(0);
                let end = boundaries[(from + n).min(boundaries.len() - 1)];
                out.replace_range(start..end, "");
            }
        }
        Mutation::Retext(i, n) => {
            let quotes: Vec<usize> = text.match_indices("\":\"").map(|(i, _)| i + 3).collect();
            if let Some(start) = at(i, &quotes)
                && let Some(len) = text[start..].find('"')
            {
                let values = enum_values();
                let new = match values.get(*n) {
                    Some(v) => *v,
                    None => PIECES[n % PIECES.len()],
                };
                out.replace_range(start..start + len, new);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A benchmark line with a few random changes: the quick reader answers with the full
    /// report, or not at all.
    #[test]
    fn mutated_lines_get_the_full_report(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let lines = LINES.get_or_init(bench_lines);
        let seed = lines[pick.index(lines.len())].clone();
        let mut text = seed;
        for m in &mutations {
            text = apply(&text, m);
        }
        let mut reader = QuickReader::new();
        let result = agree(&mut reader, &text);
        prop_assert!(result.is_ok(), "{}", result.err().unwrap_or_default());
    }

    /// Card-payment results with any brand, country, dates, bin, number and last four, bare or
    /// in a state with any code: the full report, and always an answer.
    #[test]
    fn card_results_get_the_full_report(
        brand in "[A-Z]{0,8}|.{0,10}",
        funding in prop::sample::select(FUNDING_SCHEMA.values.iter().map(|(v, _)| *v).chain(["DEBITS", ""]).collect::<Vec<_>>()),
        country in "[A-Z]{2}|[a-z]{1,3}|.{0,3}",
        month in "[0-9]{1,3}",
        year in "[0-9]{1,3}",
        bin in "[0-9]{5,9}",
        number in "[0-9]{0,7}[*]{0,13}[0-9]{0,5}|[0-9 -]{12,24}",
        last in "[0-9]{3,5}",
        code in prop::sample::select(EVENT_CODE_SCHEMA.values.iter().map(|(v, _)| *v).chain(["SDK_NOT_A_CODE", "4111111111111111"]).collect::<Vec<_>>()),
        status in prop::sample::select(PAYMENT_STATUS_SCHEMA.values.iter().map(|(v, _)| *v).chain(["DONE"]).collect::<Vec<_>>()),
        in_state in any::<bool>(),
    ) {
        let mut v = card_sample();
        let card = &mut v["cardPaymentResultInfo"];
        card["cardBrand"] = brand.into();
        card["funding"] = funding.into();
        card["issuingCountry"] = country.into();
        card["expiryMonth"] = month.into();
        card["expiryYear"] = year.into();
        card["cardNo"] = number.into();
        card["lastFour"] = last.into();
        card["cardBin"] = bin.into();
        v["paymentStatus"] = status.into();
        let line = if in_state { json!({ "code": code, "result": v }) } else { v };
        let text = serde_json::to_string(&line).expect("JSON");
        let mut reader = QuickReader::new();
        prop_assert_eq!(agree(&mut reader, &text), Ok(true));
    }
}
