//! How commands fail: with `--format json`, one JSON document on stdout on every failure path
//! (`{"error": {"kind", "message", "path"}}`), each error naming its file or folder, and a closed
//! output pipe ending the command quietly with status 141, never a panic.

mod common;

use common::{antom_in, repo, scratch};

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The one JSON document on stdout, with the exit status.
fn json_failure(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = antom_in(dir, args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not one JSON document ({e}): {stdout:?}"));
    (out.status.code(), doc)
}

#[test]
fn every_failure_is_one_json_document_naming_its_path() {
    let dir = scratch("failures");
    let missing = dir.join("no-such-spec");
    let missing_arg = missing.to_str().expect("UTF-8 path");
    for args in [
        vec!["explain", "FRAUD_REJECT", "--spec", missing_arg],
        vec!["list", "--spec", missing_arg],
        vec!["generate", "--out", "out", "--spec", missing_arg],
    ] {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let (code, doc) = json_failure(&dir, &args);
        assert_eq!(code, Some(2), "{args:?}: {doc}");
        assert_eq!(doc["error"]["kind"], "io", "{args:?}: {doc}");
        assert_eq!(doc["error"]["path"], missing_arg, "{args:?}: {doc}");
        let message = doc["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(missing_arg), "{args:?}: {message}");
    }

    // A spec with problems: the problems are in the document, at their positions.
    std::fs::create_dir_all(dir.join("broken")).expect("folder");
    std::fs::write(dir.join("broken/spec.yaml"), "package: [\n").expect("spec");
    let (code, doc) = json_failure(&dir, &["list", "--spec", "broken", "--format", "json"]);
    assert_eq!(code, Some(1), "{doc}");
    assert_eq!(doc["error"]["kind"], "spec");
    assert_eq!(doc["error"]["problems"][0]["line"], 1, "{doc}");

    // A file where the output folder must be.
    std::fs::write(dir.join("taken"), "mine").expect("file");
    let spec = repo().join("spec");
    let spec_arg = spec.to_str().expect("UTF-8 path");
    let (code, doc) = json_failure(
        &dir,
        &[
            "generate", "--out", "taken", "--spec", spec_arg, "--format", "json",
        ],
    );
    assert_eq!(code, Some(2), "{doc}");
    assert_eq!(doc["error"]["kind"], "io", "{doc}");
    assert!(
        doc["error"]["path"]
            .as_str()
            .is_some_and(|p| p.contains("taken")),
        "{doc}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("taken")).expect("kept"),
        "mine"
    );

    // The same failures in text: `error: ...` on stderr naming the path, nothing on stdout.
    let out = antom_in(&dir, &["list", "--spec", missing_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains(missing_arg),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [
        &["list"][..],
        &["list", "--format", "json"][..],
        &["completions", "bash"][..],
    ] {
        // A pipe whose reader is gone before the command starts: every write fails.
        let (status, stderr) = with_stdout(args, closed_pipe());
        assert_eq!(status, Some(141), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// An argument error with `--format json` anywhere is one JSON document on stdout too,
/// `{"error": {"kind": "usage", ...}}`, exit 2; in text it stays on stderr.
#[test]
fn argument_errors_with_format_json_are_one_usage_document() {
    let dir = scratch("failures-usage");
    let cases: &[&[&str]] = &[
        &["explain", "--format", "json"],
        &["--format", "json", "explain"],
        &["list", "--format=json", "--bogus"],
        &["list", "--kind", "nope", "--format", "json"],
        &[
            "generate", "--out", "o", "--target", "nope", "--format", "json",
        ],
        &["validate", "--max-bytes", "lots", "--format", "json"],
        &["--format", "json"],
        &["--format", "json", "nope"],
        &["explain", "A", "B", "--format", "json"],
    ];
    for args in cases {
        let (code, doc) = json_failure(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {doc}");
        assert_eq!(doc["error"]["kind"], "usage", "{args:?}: {doc}");
        let message = doc["error"]["message"].as_str().unwrap_or("");
        assert!(!message.is_empty(), "{args:?}: {doc}");
    }
    // Without it: text on stderr, nothing on stdout.
    let out = antom_in(&dir, &["list", "--kind", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", common::text(&out.stdout));
    assert!(
        common::text(&out.stderr).contains("nope"),
        "{}",
        common::text(&out.stderr)
    );
    // `--format json` after `--` is a file name, not the format.
    let out = antom_in(&dir, &["validate", "--bogus", "--", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", common::text(&out.stdout));
}

/// Where stdout goes: a closed pipe, or `/dev/full`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer.into()
}

fn dev_full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
}

/// Runs antom with stdout as given; the exit status and stderr.
fn with_stdout(args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(args)
        .current_dir(repo())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("antom starts");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr reads");
    (child.wait().expect("antom ends").code(), stderr)
}

/// `--help` and `--version` fail when their output cannot be written.
#[test]
#[cfg(target_os = "linux")]
fn help_and_version_fail_on_a_closed_or_full_stdout() {
    for args in [
        &["--help"][..],
        &["--version"][..],
        &["-V"][..],
        &["help"][..],
        &["list", "--help"][..],
        &["completions", "zsh"][..],
    ] {
        let (code, stderr) = with_stdout(args, closed_pipe());
        assert_eq!(code, Some(141), "{args:?} into a closed pipe: {stderr}");
        let (code, stderr) = with_stdout(args, dev_full());
        assert_eq!(code, Some(2), "{args:?} into /dev/full: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

/// A write error names the output, never the input it was reading.
#[test]
#[cfg(target_os = "linux")]
fn a_write_error_names_the_output() {
    let dir = scratch("failures-full");
    let payload = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentResultCode":"NOPE"}}"#;
    std::fs::write(dir.join("p.ndjson"), format!("{payload}\n").repeat(3)).expect("payloads");
    std::fs::write(dir.join("p.json"), payload).expect("payload");
    let file = |name: &str| dir.join(name).to_str().expect("UTF-8").to_owned();
    let (ndjson, json) = (file("p.ndjson"), file("p.json"));
    for args in [
        vec!["list"],
        vec!["explain", "FRAUD_REJECT"],
        vec!["validate", "--ndjson", &ndjson],
        vec!["validate", &json, &ndjson],
        vec!["validate", &json],
        vec!["validate", &json, "--format", "json"],
        vec!["lint"],
    ] {
        let (code, stderr) = with_stdout(&args, dev_full());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output") && !stderr.contains("cannot read"),
            "{args:?}: {stderr}"
        );
    }
}
