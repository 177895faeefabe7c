//! `antom validate` on many payloads: several files, `--ndjson` streams with line numbers and a
//! summary, `--quiet`, `--max-bytes`, inputs that cannot be read, and bounded memory on endless
//! input.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{antom_in, scratch, text};
use serde_json::Value;

const VALID: &str = r#"{"code":"SDK_PAYMENT_SUCCESSFUL","result":{"paymentStatus":"SUCCESS"}}"#;
const BAD_TYPE: &str = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentStatus":7}}"#;
const UNKNOWN_CODE: &str = r#"{"code":"SDK_SOMETHING_NEW"}"#;

fn write(dir: &Path, name: &str, contents: &str) {
    std::fs::write(dir.join(name), contents).expect("write");
}

#[test]
fn ndjson_reports_each_problem_with_its_line_and_a_summary() {
    let dir = scratch("validate-ndjson");
    let log = [VALID, "", BAD_TYPE, "not json {", UNKNOWN_CODE, VALID].join("\n") + "\n";
    write(&dir, "log.ndjson", &log);

    let out = antom_in(&dir, &["validate", "--ndjson", "log.ndjson"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "log.ndjson:3: /result/paymentStatus: error: expected a string, found a number [type]"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("log.ndjson:4: invalid JSON at line 1, column 2: invalid literal"),
        "{stdout}"
    );
    assert!(stdout.contains("log.ndjson:5: /code: warning:"), "{stdout}");
    assert!(
        stdout.contains("5 payload(s): 2 valid, 2 with errors, 1 with warnings only (1 not read)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("by rule: json 1, type 1, unknown_value 1"),
        "{stdout}"
    );
    assert!(stdout.contains("SDK_PAYMENT_SUCCESSFUL 2"), "{stdout}");

    let quiet = antom_in(&dir, &["validate", "--ndjson", "--quiet", "log.ndjson"]);
    assert_eq!(quiet.status.code(), Some(1));
    let quiet_out = text(&quiet.stdout);
    assert!(quiet_out.starts_with("5 payload(s):"), "{quiet_out}");
    assert!(!quiet_out.contains("log.ndjson:"), "{quiet_out}");

    // JSON: one object per payload, in input order, then the summary.
    let json = antom_in(
        &dir,
        &["validate", "--ndjson", "log.ndjson", "--format", "json"],
    );
    let docs: Vec<Value> = text(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let lines: Vec<i64> = docs.iter().filter_map(|d| d["line"].as_i64()).collect();
    assert_eq!(lines, [1, 3, 4, 5, 6]);
    assert_eq!(docs[1]["valid"], false);
    assert_eq!(docs[1]["errors"][0]["path"], "/result/paymentStatus");
    let summary = &docs.last().expect("summary")["summary"];
    assert_eq!(summary["payloads"], 5);
    assert_eq!(summary["with_errors"], 2);
    assert_eq!(summary["rules"]["type"], 1);
}

#[test]
fn several_files_and_one_that_cannot_be_read() {
    let dir = scratch("validate-files");
    write(&dir, "a.json", VALID);
    write(&dir, "b.json", BAD_TYPE);
    let out = antom_in(&dir, &["validate", "a.json", "b.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("b.json:1: /result/paymentStatus"));
    assert!(text(&out.stdout).contains("2 payload(s): 1 valid, 1 with errors"));

    let out = antom_in(&dir, &["validate", "a.json", "missing.json", "b.json"]);
    assert_eq!(out.status.code(), Some(2), "an unreadable input wins");
    assert!(text(&out.stderr).contains("cannot read missing.json"));
    assert!(text(&out.stdout).contains("b.json:1:"), "the run goes on");
}

#[test]
fn a_line_over_max_bytes_is_skipped_and_the_next_is_read() {
    let dir = scratch("validate-max-bytes");
    let long = format!(r#"{{"code":"{}"}}"#, "X".repeat(10_000));
    write(&dir, "log", &format!("{long}\n{VALID}\n"));
    let out = antom_in(
        &dir,
        &["validate", "--ndjson", "--max-bytes", "1000", "log"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("log:1: longer than --max-bytes"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 payload(s): 1 valid, 1 with errors"),
        "{stdout}"
    );
}

#[test]
fn garbage_is_rejected_at_its_first_byte() {
    let dir = scratch("validate-zero");
    // /dev/zero never ends: the first byte already is not JSON.
    let out = antom_in(&dir, &["validate", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("/dev/zero:1:1: invalid JSON at line 1, column 1: expected a value"),
        "{}",
        text(&out.stderr)
    );
}

/// Peak resident memory of a running process so far, from /proc.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn an_endless_stream_is_read_in_bounded_memory() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args([
            "validate",
            "--ndjson",
            "--quiet",
            "--max-bytes",
            "65536",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("antom starts");
    let pid = child.id();
    let mut stdin = child.stdin.take().expect("stdin");
    // A line of 64 MiB (more than the 50 MiB allowed if it were kept), then valid payloads.
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..64 {
        stdin.write_all(&zeros).expect("write");
    }
    stdin.write_all(b"\n").expect("write");
    let line = format!("{VALID}\n").repeat(10_000);
    for _ in 0..32 {
        stdin.write_all(line.as_bytes()).expect("write");
    }
    std::thread::sleep(Duration::from_millis(100));
    let peak = peak_rss_kib(pid).unwrap_or(0);
    drop(stdin);
    let status = child.wait().expect("antom ends");
    assert_eq!(status.code(), Some(1), "the long line is an error");
    assert!(peak > 0 && peak < 50 * 1024, "resident memory {peak} KiB");
}
