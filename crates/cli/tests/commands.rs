//! The `antom` binary end to end: explain, list, validate and generate, success and failure.

mod common;

use std::process::{Command, Output, Stdio};

use common::{antom, json, repo, scratch, stderr, stdout};
use serde_json::{Value, json};

fn antom_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("antom runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("antom ends")
}

/// The `CODE | message | suggestion |` rows of the source page's result code table.
fn seed_result_rows() -> Vec<(String, String, String)> {
    let seed = std::fs::read_to_string(repo().join("spec/sources/seed-callback-data.txt"))
        .expect("seed page");
    let start = seed
        .find("paymentResultcode | paymentResultMessage | Suggestion |")
        .expect("table header");
    let end = seed[start..]
        .find("\nCard payment\n")
        .map_or(seed.len(), |e| start + e);
    let table = &seed[start..end];
    let mut rows = Vec::new();
    let mut lines = table.lines().skip(1).peekable();
    while let Some(line) = lines.next() {
        let mut cells: Vec<String> = line
            .split(" | ")
            .map(|c| c.trim_end_matches(" |").trim().to_owned())
            .collect();
        // Two suggestions are cut after "if:", leaving the row's closing `|` on the next line.
        if cells.len() == 3 && line.trim_end().ends_with(':') {
            lines.next_if(|l| l.trim() == "|");
            cells[2] = cells[2].trim_end().to_owned();
        }
        if cells.len() == 3 {
            rows.push((cells[0].clone(), cells[1].clone(), cells[2].clone()));
        }
    }
    rows
}

#[test]
fn explain_gives_the_seed_message_and_suggestion_for_every_result_code() {
    let rows = seed_result_rows();
    assert_eq!(rows.len(), 27, "the seed's table has 27 rows");
    for (code, message, suggestion) in rows {
        let out = antom(&["explain", &code, "--format", "json"]);
        assert!(out.status.success(), "{code}: {}", stderr(&out));
        let v = json(&out);
        assert_eq!(v["code"], code.as_str());
        assert_eq!(v["kind"], "result_code");
        assert_eq!(v["message"], message.as_str(), "{code}");
        assert_eq!(v["suggestion"], suggestion.as_str(), "{code}");
        // The seed cuts two suggestions off after "Contact technical support if:".
        let cut = suggestion.ends_with("if:");
        assert_eq!(
            v["truncated"],
            if cut {
                json!(["suggestion"])
            } else {
                json!([])
            },
            "{code}"
        );
        assert!(
            v["action"].is_string() && v.get("deprecated").is_some(),
            "{code}: {v}"
        );
    }
}

#[test]
fn explain_event_codes_with_kind_callbacks_and_deprecation() {
    let v = json(&antom(&[
        "explain",
        "sdk_call_url_error",
        "--format",
        "json",
    ]));
    assert_eq!(v["code"], "SDK_CALL_URL_ERROR");
    assert_eq!(v["kind"], "status");
    assert_eq!(v["callbacks"], serde_json::json!(["onEventCallback"]));
    assert_eq!(
        v["deprecated"]["replaced_by"],
        "SDK_LAUNCH_PAYMENT_APP_ERROR"
    );
    let v = json(&antom(&[
        "explain",
        "SDK_INTERNAL_ERROR",
        "--format",
        "json",
    ]));
    assert_eq!(v["kind"], "error");
    assert_eq!(v["deprecated"], Value::Null);
    assert!(
        v["callbacks"]
            .as_array()
            .is_some_and(|c| c.contains(&Value::from("onError")))
    );
    let text = antom(&["explain", "SDK_CALL_URL_ERROR"]);
    assert!(text.status.success());
    insta::assert_snapshot!("explain_text_deprecated_event", stdout(&text));
    insta::assert_snapshot!(
        "explain_text_result_code",
        stdout(&antom(&["explain", "FRAUD_REJECT"]))
    );
}

#[test]
fn explain_unknown_code_lists_the_nearest() {
    let out = antom(&["explain", "SDK_PAYMENT_FAILD"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("SDK_PAYMENT_FAIL"),
        "{}",
        stderr(&out)
    );
    let v = json(&antom(&["explain", "RISK_REJECTED", "--format", "json"]));
    assert_eq!(v["known"], false);
    assert_eq!(v["nearest"][0], "RISK_REJECT");
}

#[test]
fn list_filters_by_kind() {
    let all = json(&antom(&["list", "--format", "json"]));
    let items = all.as_array().expect("an array");
    let spec =
        antom_codegen::load(&antom_cli::spec_input::read_dir(&repo().join("spec")).expect("spec"))
            .expect("valid");
    assert_eq!(
        items.len(),
        spec.event_codes.len() + spec.result_codes.len()
    );
    let errors = json(&antom(&[
        "list",
        "--kind",
        "error,result_code",
        "--format",
        "json",
    ]));
    for item in errors.as_array().expect("an array") {
        assert!(
            item["kind"] == "error" || item["kind"] == "result_code",
            "{item}"
        );
    }
    let out = antom(&["list", "--kind", "payment_result"]);
    assert!(out.status.success());
    insta::assert_snapshot!("list_text_payment_result", stdout(&out));
    let bad = antom(&["list", "--kind", "nope"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn validate_reports_every_issue_with_its_pointer() {
    let sample = repo().join("tests/vectors/seed_card_sample.json");
    let vector: Value =
        serde_json::from_str(&std::fs::read_to_string(sample).expect("vector")).expect("JSON");
    let dir = scratch("validate");
    let good = dir.join("good.json");
    std::fs::write(&good, vector["payload"].to_string()).expect("write");
    let out = antom(&[
        "validate",
        good.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["warnings"][0]["rule"], "last_four_mismatch");

    let bad = br#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentStatus":"SUCCESS","paymentResultCode":"RISK_REJECT","cardPaymentResultInfo":{"cardNo":"4111111111111111","expiryMonth":"13","lastFour":7}}}"#;
    let out = antom_stdin(&["validate", "-", "--format", "json"], bad);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "/result/cardPaymentResultInfo/cardNo",
            "/result/cardPaymentResultInfo/expiryMonth",
            "/result/cardPaymentResultInfo/lastFour"
        ]
    );
    assert!(
        !stdout(&out).contains("4111111111111111"),
        "sensitive values stay out of the report"
    );
    let text = antom_stdin(&["validate"], bad);
    assert_eq!(text.status.code(), Some(1));
    insta::assert_snapshot!("validate_text_bad_payload", stdout(&text));
}

/// A repeated key is reported from the text (a parsed value keeps only the last one): an error
/// for the sensitive `cardNo`, a warning for another key; and a full card number in a field that
/// is not sensitive is shown masked.
#[test]
fn validate_reports_repeated_keys_and_never_shows_a_card_number() {
    let payload = br#"{"cardPaymentResultInfo":{"cardNo":"4111111111111111","cardNo":"************1111","cardBin":"4111 1111 1111 1111","funding":"DEBIT","funding":"CREDIT"}}"#;
    let out = antom_stdin(&["validate", "-"], payload);
    assert_eq!(out.status.code(), Some(1));
    let shown = stdout(&out);
    assert!(
        !shown.contains("4111111111111111") && !shown.contains("4111 1111 1111"),
        "{shown}"
    );
    insta::assert_snapshot!("validate_text_repeated_keys", shown);
}

/// Control characters of a payload (here in a repeated key and an unknown value) are shown as
/// escapes in the text report, never sent to the terminal.
#[test]
fn validate_text_shows_no_control_characters() {
    let payload = b"{\"cardPaymentResultInfo\":{\"funding\":\"X\\u001b[31mRED\"},\"k\\u001b\\n\":1,\"k\\u001b\\n\":2}";
    let out = antom_stdin(&["validate", "-"], payload);
    assert_eq!(out.status.code(), Some(0));
    let shown = stdout(&out);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("X\\u{1b}[31mRED"), "{shown}");
    assert!(
        shown.contains("/k\\u{1b}\\n: `k\\u{1b}\\n` appears more than once"),
        "{shown}"
    );
}

#[test]
fn validate_unreadable_input_exits_2_with_a_position() {
    let out = antom_stdin(
        &["validate"],
        b"{\n  \"code\": \"SDK_PAYMENT_FAIL\",\n  oops\n}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("<stdin>:3:3: invalid JSON at line 3, column 3: expected a string key"),
        "{}",
        stderr(&out)
    );
    let missing = antom(&["validate", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read no/such/file.json"));
}

#[test]
fn validate_handles_a_50_mb_field() {
    let dir = scratch("large");
    let big = dir.join("big.json");
    let padding = "x".repeat(50 * 1024 * 1024);
    std::fs::write(
        &big,
        format!(r#"{{"cardPaymentResultInfo":{{"issuerName":"{padding}"}}}}"#),
    )
    .expect("write");
    let out = antom(&[
        "validate",
        big.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["errors"][0]["rule"], "max_length");
    assert!(
        stdout(&out).len() < 10_000,
        "the report does not echo the padding"
    );
}

#[test]
fn generate_writes_checks_and_rejects_bad_input() {
    let out_dir = scratch("generate");
    let out = out_dir.to_str().expect("utf-8 path");
    let first = antom(&["generate", "--out", out, "--target", "rust"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let mod_rs = out_dir.join("mod.rs");
    assert!(
        std::fs::read_to_string(&mod_rs)
            .expect("written")
            .contains("@generated")
    );
    let mtime = std::fs::metadata(&mod_rs)
        .and_then(|m| m.modified())
        .expect("mtime");
    let again = antom(&[
        "generate", "--out", out, "--target", "rust", "--format", "json",
    ]);
    assert_eq!(json(&again)["changes"], serde_json::json!([]));
    assert_eq!(
        std::fs::metadata(&mod_rs)
            .and_then(|m| m.modified())
            .expect("mtime"),
        mtime
    );
    assert!(
        antom(&["generate", "--out", out, "--target", "rust", "--check"])
            .status
            .success()
    );

    // An edit below the header: the file is still antom's, and out of date.
    let enums = out_dir.join("enums.rs");
    let text = std::fs::read_to_string(&enums).expect("enums.rs");
    let header = text.lines().next().expect("header");
    std::fs::write(&enums, format!("{header}\n// edited\n")).expect("edit");
    let check = antom(&["generate", "--out", out, "--target", "rust", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("stale:") && stderr(&check).contains("enums.rs"),
        "{}",
        stderr(&check)
    );

    let unknown = antom(&["generate", "--out", out, "--target", "rust,cobol"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("valid targets: rust"),
        "{}",
        stderr(&unknown)
    );

    let broken = scratch("broken-spec");
    std::fs::write(broken.join("spec.yaml"), "package: [\n").expect("write");
    let target = scratch("not-written");
    let out = antom(&[
        "generate",
        "--spec",
        broken.to_str().expect("path"),
        "--out",
        target.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("spec.yaml:"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_dir(&target).expect("folder").count(),
        0,
        "nothing is written for a broken spec"
    );
}

#[test]
fn help_has_examples_for_every_command() {
    for cmd in ["lint", "generate", "explain", "list", "validate", "diff"] {
        let out = antom(&[cmd, "--help"]);
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Examples:"),
            "`antom {cmd} --help` has no examples"
        );
    }
}
