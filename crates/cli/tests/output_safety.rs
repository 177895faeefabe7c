//! What reaches a terminal: every character that comes from a spec text, a spec file name, a
//! path, an argument or a payload is escaped (C0, C1, DEL, line separators and the bidirectional
//! controls), in the text output and on stderr, of every command; a card number given as an
//! argument is never echoed; a UTF-8 byte-order mark at the start of an input is skipped.

mod common;

use std::path::{Path, PathBuf};

use common::{antom_in, repo, scratch, text};

/// A spec text no terminal should see raw: a title change, a screen clear, a right-to-left
/// override, a C1 control (CSI), a carriage return and DEL. As a YAML double-quoted scalar.
const NASTY_YAML: &str = r#""Load\e]0;PWN\a\e[2J\u202E\x9Bing\rX\x7F\u2066""#;

/// Characters that must never be printed as they are (a line feed is how lines end).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_safe(what: &str, bytes: &[u8]) {
    let shown = text(bytes);
    if let Some(c) = shown.chars().find(|&c| is_unsafe(c)) {
        panic!("{what}: U+{:04X} printed raw in {shown:?}", u32::from(c));
    }
}

/// The `minimal` fixture spec with the nasty text in its descriptions, messages and
/// suggestions, in `dir/spec` (where every command finds it on its own).
fn nasty_spec(dir: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(repo().join("tests/cases/minimal/spec.yaml")).expect("fixture");
    let text = text
        .replace(
            "description: Loading.",
            &format!("description: {NASTY_YAML}"),
        )
        .replace(
            "description: Try again.",
            &format!("description: {NASTY_YAML}"),
        )
        .replace("[Still loading]", &format!("[{NASTY_YAML}]"))
        .replace("message: It failed.", &format!("message: {NASTY_YAML}"))
        .replace(
            "suggestion: Try again.",
            &format!("suggestion: {NASTY_YAML}"),
        )
        .replace("note: Renamed.", &format!("note: {NASTY_YAML}"));
    let spec = dir.join("spec");
    std::fs::create_dir_all(&spec).expect("spec folder");
    std::fs::write(spec.join("spec.yaml"), text).expect("spec");
    spec
}

/// Every command that prints spec text, paths or payload values, with the spec found on its
/// own: nothing unsafe on stdout or stderr.
#[test]
fn spec_text_paths_and_payload_values_are_escaped_in_every_command() {
    let dir = scratch("safety-commands");
    let spec = nasty_spec(&dir);
    let lint = antom_in(&dir, &["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", text(&lint.stderr));
    // A payload value with a right-to-left override and an escape sequence, and an event code
    // made of them (the NDJSON summary counts by code).
    std::fs::write(
        dir.join("p.json"),
        "{\"code\":\"DONE\u{202e}\u{1b}[2J\",\"message\":\"x\u{2067}\u{9b}1m\"}\n",
    )
    .expect("payload");
    std::fs::write(
        dir.join("p.ndjson"),
        "{\"code\":\"DONE\u{202e}\u{1b}[2J\"}\n{\"code\":\"\u{2066}\"}\n",
    )
    .expect("payloads");
    let out_dir = "out\u{1b}]0;PWN\u{7}\u{202e}";
    let cases: &[&[&str]] = &[
        &["explain", "LOADING"],
        &["explain", "FAILED"],
        &["explain", "OLD_DONE"],
        &["explain", "no_action"],
        &["list"],
        &["lint"],
        &["validate", "p.json"],
        &["validate", "--ndjson", "p.ndjson"],
        &["validate", "p.json", "p.ndjson"],
        &["generate", "--out", out_dir, "--target", "docs"],
        &["generate", "--out", out_dir, "--target", "docs", "--check"],
        &["diff", "spec", spec.to_str().expect("UTF-8")],
    ];
    for args in cases {
        let out = antom_in(&dir, args);
        assert!(out.status.code().is_some(), "{args:?}");
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    // The text is still there, escaped.
    let explain = antom_in(&dir, &["explain", "LOADING"]);
    assert!(
        text(&explain.stdout).contains("Load\\u{1b}]0;PWN\\u{7}\\u{1b}[2J\\u{202e}\\u{9b}ing\\rX"),
        "{}",
        text(&explain.stdout)
    );
}

/// A spec file name with control characters and a line feed, in problem lines: escaped, and no
/// line is forged.
#[test]
fn spec_file_names_are_escaped_in_problem_lines() {
    let dir = scratch("safety-file-names");
    let spec = dir.join("broken");
    std::fs::create_dir_all(&spec).expect("folder");
    let name = "bad\u{1b}]0;PWN\u{7}\u{202e}\nforged: error.yaml";
    std::fs::write(spec.join(name), "package: [\n").expect("spec");
    for args in [
        &["lint", "--spec", "broken"][..],
        &["list", "--spec", "broken"][..],
        &["explain", "DONE", "--spec", "broken"][..],
        &["generate", "--out", "o", "--spec", "broken"][..],
        &["diff", "broken", "broken"][..],
    ] {
        let out = antom_in(&dir, args);
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
        let stderr = text(&out.stderr);
        assert!(
            !stderr.lines().any(|l| l.starts_with("forged")),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("bad\\u{1b}]0;PWN"), "{args:?}: {stderr}");
    }
}

/// Argument errors echo the argument escaped, and a card number masked.
#[test]
fn argument_errors_are_escaped_and_card_numbers_masked() {
    let dir = scratch("safety-arguments");
    let cases: &[&[&str]] = &[
        &["explain", "A", "B\rC"],
        &["list", "--kind", "x\u{1b}]0;PWN\u{7}"],
        &["list", "--kind", "status,\u{202e}x"],
        &["generate", "--out", "o", "--target", "\u{1b}[2Jdocs"],
        &["validate", "--max-bytes", "1\u{9b}2J"],
        &["explain", "A", "--bogus\u{1b}[2J"],
        &["nope\u{2066}"],
        &["explain", "4111111111111111"],
        &["explain", "4111 1111 1111 1111", "--format", "json"],
        &["explain", "A", "4111111111111111"],
        &["list", "--kind", "4111111111111111"],
    ];
    for args in cases {
        let out = antom_in(&dir, args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert_safe(&format!("{args:?} {what}"), bytes);
            let shown = text(bytes);
            assert!(
                !shown.replace(' ', "").contains("4111111111111111"),
                "{args:?} {what}: a card number is echoed: {shown}"
            );
        }
    }
    let out = antom_in(&dir, &["explain", "A", "B\rC"]);
    assert!(text(&out.stderr).contains("B\\rC"), "{}", text(&out.stderr));
}

/// A UTF-8 byte-order mark at the start of an input is skipped (RFC 8259 lets a parser ignore
/// it); anywhere else it is still not JSON.
#[test]
fn a_byte_order_mark_at_the_start_of_an_input_is_skipped() {
    let dir = scratch("safety-bom");
    let bom = "\u{feff}";
    let payload = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentResultCode":"FRAUD_REJECT"}}"#;
    std::fs::write(dir.join("bom.json"), format!("{bom}{payload}")).expect("payload");
    std::fs::write(
        dir.join("bom.ndjson"),
        format!("{bom}{payload}\n{payload}\n"),
    )
    .expect("payloads");
    std::fs::write(
        dir.join("late.ndjson"),
        format!("{payload}\n{bom}{payload}\n"),
    )
    .expect("payloads");
    for (args, code) in [
        (&["validate", "bom.json"][..], 0),
        (&["validate", "--ndjson", "bom.ndjson"][..], 0),
        (&["validate", "bom.json", "bom.json"][..], 0),
        (&["validate", "--ndjson", "late.ndjson"][..], 1),
    ] {
        let out = antom_in(&dir, args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
    let stdin = std::process::Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(["validate", "-"])
        .current_dir(&dir)
        .stdin(std::fs::File::open(dir.join("bom.json")).expect("payload"))
        .output()
        .expect("antom runs");
    assert_eq!(stdin.status.code(), Some(0), "{}", text(&stdin.stderr));
}
