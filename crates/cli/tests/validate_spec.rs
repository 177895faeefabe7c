//! `antom validate --spec DIR`: payloads are checked against the spec named (tables built at run
//! time from the loaded model), which gives the verdict of the generated validator on every
//! conformance vector, and knows what that spec adds; the output says which spec was used.

mod common;

use std::path::Path;

use common::{antom_in, repo, text};
use serde_json::Value;

/// An empty folder outside the repository, so that no `spec/` is found above it: without
/// `--spec`, the built-in spec and its generated validator are used.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("antom-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A copy of the repository's spec in `dir/named-spec`, with `edit` applied to `event-codes.yaml`.
fn spec_copy(dir: &Path, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let spec = dir.join("named-spec");
    std::fs::create_dir_all(&spec).expect("spec folder");
    for entry in std::fs::read_dir(repo().join("spec")).expect("spec") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_name().expect("name");
            let mut contents = std::fs::read_to_string(&path).expect("read");
            if name == "event-codes.yaml" {
                contents = edit(contents);
            }
            std::fs::write(spec.join(name), contents).expect("write");
        }
    }
    spec
}

/// One vector payload a line, in file order: its `payload_text` when it has one (repeated keys),
/// else its `payload` (the text vectors of `tests/vectors/text/` are not payloads).
fn vectors_log(dir: &Path) -> usize {
    let mut paths: Vec<_> = std::fs::read_dir(repo().join("tests/vectors"))
        .expect("vectors")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut log = String::new();
    for path in &paths {
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("JSON");
        match vector.get("payload_text").and_then(Value::as_str) {
            Some(text) => log.push_str(text),
            None => {
                let payload = vector.get("payload").expect("a payload");
                log.push_str(&serde_json::to_string(payload).expect("JSON"));
            }
        }
        log.push('\n');
    }
    std::fs::write(dir.join("vectors.ndjson"), log).expect("write");
    paths.len()
}

fn json_lines(out: &std::process::Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_spec_loaded_at_run_time_gives_the_generated_validators_verdict_on_every_vector() {
    let dir = scratch("validate-spec-vectors");
    // A changed byte (a comment) makes the copy a spec of its own, checked by the run-time tables.
    let spec = spec_copy(&dir, |s| s + "\n# a copy\n");
    let count = vectors_log(&dir);
    assert!(count > 100, "{count} vectors");

    let built_in = antom_in(
        &dir,
        &["validate", "--ndjson", "vectors.ndjson", "--format", "json"],
    );
    let loaded = antom_in(
        &dir,
        &[
            "validate",
            "--ndjson",
            "vectors.ndjson",
            "--format",
            "json",
            "--spec",
            spec.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(built_in.status.code(), loaded.status.code());
    let (mut ours, mut theirs) = (json_lines(&built_in), json_lines(&loaded));
    assert_eq!(ours.len(), count + 1, "a line per payload and the summary");
    let (ours_summary, theirs_summary) = (ours.pop(), theirs.pop());
    // Every payload: the same errors and warnings, message for message.
    assert_eq!(ours, theirs);
    let summary = |s: Option<Value>| {
        let mut s = s.expect("summary");
        let spec = s["summary"]["spec"].take();
        (s, spec)
    };
    let (ours_summary, ours_spec) = summary(ours_summary);
    let (theirs_summary, theirs_spec) = summary(theirs_summary);
    assert_eq!(ours_summary, theirs_summary);
    assert!(
        ours_summary["summary"]["with_errors"].as_u64() > Some(10),
        "{ours_summary}"
    );
    assert_eq!(ours_spec, "the built-in spec");
    // Shown from the current directory.
    assert_eq!(theirs_spec, "the spec in named-spec/");
}

#[test]
fn a_code_the_named_spec_adds_is_known_to_validate_as_to_explain() {
    let dir = scratch("validate-spec-new-code");
    let spec = spec_copy(&dir, |s| {
        s.replacen(
            "event_codes:\n",
            "event_codes:\n  SDK_BRAND_NEW_STATUS:\n    kind: status\n    phase: loading\n    callbacks: [onEventCallback]\n    description: A status code that only this spec knows.\n    action: update_ui\n    provenance:\n      sources: [seed]\n\n",
            1,
        )
    });
    let spec = spec.to_str().expect("UTF-8");
    std::fs::write(dir.join("new.json"), r#"{"code":"SDK_BRAND_NEW_STATUS"}"#).expect("write");

    let explain = antom_in(&dir, &["explain", "SDK_BRAND_NEW_STATUS", "--spec", spec]);
    assert_eq!(explain.status.code(), Some(0), "{}", text(&explain.stderr));

    let named = antom_in(&dir, &["validate", "new.json", "--spec", spec]);
    assert_eq!(named.status.code(), Some(0), "{}", text(&named.stderr));
    let shown = text(&named.stdout);
    assert!(!shown.contains("unknown_value"), "{shown}");
    assert!(
        shown
            .contains("valid onEventCallback state: 0 error(s), 0 warning(s), against the spec in"),
        "{shown}"
    );

    // The built-in spec does not know it: a warning, and the output says which spec it was.
    let built_in = antom_in(&dir, &["validate", "new.json"]);
    let shown = text(&built_in.stdout);
    assert!(shown.contains("[unknown_value]"), "{shown}");
    assert!(shown.contains("against the built-in spec"), "{shown}");
}

#[test]
fn a_broken_named_spec_stops_validate_with_its_problems() {
    let dir = scratch("validate-spec-broken");
    let spec = spec_copy(&dir, |s| {
        s.replacen("kind: status", "kind: no_such_kind", 1)
    });
    std::fs::write(dir.join("p.json"), r#"{"code":"SDK_START_OF_LOADING"}"#).expect("write");
    let out = antom_in(
        &dir,
        &[
            "validate",
            "p.json",
            "--spec",
            spec.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("event-codes.yaml:"), "{stderr}");
    assert!(stderr.contains("run `antom lint` for details"), "{stderr}");

    let json = antom_in(
        &dir,
        &[
            "validate",
            "p.json",
            "--format",
            "json",
            "--spec",
            spec.to_str().expect("UTF-8"),
        ],
    );
    let doc: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(doc["error"]["kind"], "spec", "{doc}");
}

#[test]
fn validate_and_generate_say_which_spec_they_used() {
    let dir = scratch("validate-spec-named");
    std::fs::write(dir.join("p.json"), r#"{"code":"SDK_START_OF_LOADING"}"#).expect("write");
    let built_in = antom_in(&dir, &["generate", "--target", "schema", "--out", "a"]);
    assert!(
        text(&built_in.stdout).contains(", from the built-in spec\n"),
        "{}",
        text(&built_in.stdout)
    );

    // A `spec/` found above the current directory is named from it.
    spec_copy(&dir, |s| s);
    std::fs::rename(dir.join("named-spec"), dir.join("spec")).expect("rename");
    let below = dir.join("app");
    std::fs::create_dir_all(&below).expect("folder");
    std::fs::copy(dir.join("p.json"), below.join("p.json")).expect("copy");
    let found = antom_in(&below, &["generate", "--target", "schema", "--out", "b"]);
    assert!(
        text(&found.stdout).contains(", from the spec in ../spec/\n"),
        "{}",
        text(&found.stdout)
    );
    let validated = antom_in(&below, &["validate", "p.json"]);
    assert!(
        text(&validated.stdout).ends_with(", against the spec in ../spec/\n"),
        "{}",
        text(&validated.stdout)
    );
}
