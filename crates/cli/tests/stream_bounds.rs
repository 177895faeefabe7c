//! `antom validate` ends, in bounded memory and in time linear in its input, on any stream: a
//! stream of NUL bytes (`/dev/zero`) stops with a clear error, leading whitespace and blank
//! lines are not rescanned, an over-long line is skipped, the summary by event code stays
//! bounded however many distinct codes a log holds, and the codes it prints are escaped with
//! their card numbers masked.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::{antom_in, scratch, text};
use serde_json::Value;

/// Longer than any of these runs takes on a loaded machine in a debug build; a run past it has
/// hung, and the test says so instead of hanging too.
const HANG: Duration = Duration::from_secs(120);

/// Peak resident memory of a running process so far, from /proc.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// What a finished child left: its status, its output, and its peak memory (sampled while it
/// ran, the last sample just before it ended).
struct Ended {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    peak_kib: u64,
}

/// Waits for `child`, sampling its peak memory; kills it and fails the test past [`HANG`].
fn wait_bounded(mut child: Child, what: &str) -> Ended {
    let pid = child.id();
    let start = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {HANG:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |pipe: Option<&mut dyn std::io::Read>| {
        let mut s = Vec::new();
        if let Some(pipe) = pipe {
            let _ = pipe.read_to_end(&mut s);
        }
        text(&s)
    };
    let stdout = read(child.stdout.as_mut().map(|p| p as &mut dyn std::io::Read));
    let stderr = read(child.stderr.as_mut().map(|p| p as &mut dyn std::io::Read));
    Ended {
        status,
        stdout,
        stderr,
        peak_kib: peak,
    }
}

/// `antom ARGS`, its output to files (so a full pipe never stalls it), stdin from `stdin`.
fn spawn(dir: &Path, args: &[&str], stdin: Stdio) -> Child {
    let out = std::fs::File::create(dir.join("stdout")).expect("stdout file");
    let err = std::fs::File::create(dir.join("stderr")).expect("stderr file");
    Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("antom starts")
}

/// [`wait_bounded`], with the output read back from the files [`spawn`] wrote.
fn finish(dir: &Path, child: Child, what: &str) -> Ended {
    let mut ended = wait_bounded(child, what);
    ended.stdout = text(&std::fs::read(dir.join("stdout")).unwrap_or_default());
    ended.stderr = text(&std::fs::read(dir.join("stderr")).unwrap_or_default());
    ended
}

/// Feeds `chunks` to the child's stdin from a thread; a closed pipe (the child stopped
/// reading) ends the feeding quietly.
fn feed(child: &mut Child, chunks: impl Iterator<Item = Vec<u8>> + Send + 'static) {
    let mut stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        for chunk in chunks {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
        }
    });
}

#[test]
fn dev_zero_as_a_stream_stops_at_once_with_a_clear_error() {
    let dir = scratch("stream-dev-zero");
    for args in [
        &["validate", "--ndjson", "/dev/zero"][..],
        &["validate", "--ndjson", "--max-bytes", "1000", "/dev/zero"],
        &["validate", "--ndjson", "--quiet", "/dev/zero"],
        &["validate", "--ndjson", "--format", "json", "/dev/zero"],
    ] {
        let ended = finish(&dir, spawn(&dir, args, Stdio::null()), &args.join(" "));
        assert_eq!(ended.status.code(), Some(2), "{args:?}: {}", ended.stderr);
        let all = format!("{}{}", ended.stdout, ended.stderr);
        assert!(
            all.contains("/dev/zero") && all.contains("NUL bytes"),
            "{args:?}: {all}"
        );
        assert!(
            ended.peak_kib < 50 * 1024,
            "{args:?}: {} KiB",
            ended.peak_kib
        );
    }
}

#[test]
fn a_bounded_stream_of_nul_bytes_on_stdin_ends_in_bounded_memory() {
    let dir = scratch("stream-zeros-stdin");
    for max in [None, Some("65536")] {
        let mut args = vec!["validate", "--ndjson"];
        if let Some(max) = max {
            args.extend(["--max-bytes", max]);
        }
        args.push("-");
        let mut child = spawn(&dir, &args, Stdio::piped());
        // 64 MiB of NUL bytes, as `head -c 64M /dev/zero` gives.
        feed(&mut child, (0..64).map(|_| vec![0u8; 1 << 20]));
        let ended = finish(&dir, child, &args.join(" "));
        assert_eq!(ended.status.code(), Some(2), "{args:?}: {}", ended.stderr);
        assert!(ended.stderr.contains("NUL bytes"), "{}", ended.stderr);
        assert!(
            ended.peak_kib < 50 * 1024,
            "{args:?}: {} KiB",
            ended.peak_kib
        );
    }
}

#[test]
fn a_short_run_of_nul_bytes_is_one_bad_line_and_the_stream_goes_on() {
    let dir = scratch("stream-zeros-line");
    let mut log = b"{\"code\":\"SDK_PAYMENT_SUCCESSFUL\"}\n".to_vec();
    log.extend(vec![0u8; 4096]);
    log.extend(b"\n{\"code\":\"SDK_PAYMENT_SUCCESSFUL\"}\n\0{}\n{\"a\":\"\0\"}\n");
    std::fs::write(dir.join("log"), &log).expect("write");
    let out = antom_in(&dir, &["validate", "--ndjson", "log"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("log:2: invalid JSON: expected a value, found byte 0x00"),
        "{stdout}"
    );
    assert!(stdout.contains("log:4: invalid JSON"), "{stdout}");
    assert!(stdout.contains("log:5: invalid JSON"), "{stdout}");
    assert!(
        stdout.contains("5 payload(s): 2 valid, 3 with errors"),
        "{stdout}"
    );
}

/// The median wall time of three runs of `antom ARGS` with `input` on stdin.
fn median_time(dir: &Path, args: &[&str], input: &Path) -> Duration {
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let stdin = std::fs::File::open(input).expect("input");
            let start = Instant::now();
            let ended = finish(dir, spawn(dir, args, stdin.into()), &args.join(" "));
            assert!(
                matches!(ended.status.code(), Some(0..=2)),
                "{args:?}: {}",
                ended.stderr
            );
            start.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

/// A named input of `n` bytes and the arguments that read it.
type Case = (&'static str, &'static [&'static str], fn(usize) -> Vec<u8>);

/// Leading whitespace, blank lines and over-long lines cost time linear in their length: eight
/// times the input takes well under the 64 times a quadratic rescan would (the bound leaves
/// room for a noisy machine; the absolute figure, 16 MB of whitespace under 0.2 s, is in
/// `cargo xtask bench`).
#[test]
fn whitespace_and_long_lines_take_linear_time() {
    let dir = scratch("stream-linear");
    const N: usize = 1 << 20;
    let cases: [Case; 6] = [
        ("spaces then {} as one document", &["validate", "-"], |n| {
            let mut v = vec![b' '; n];
            v.extend(b"{}");
            v
        }),
        ("newlines as one document", &["validate", "-"], |n| {
            vec![b'\n'; n]
        }),
        (
            "spaces then {} as a stream",
            &["validate", "--ndjson", "-"],
            |n| {
                let mut v = vec![b' '; n];
                v.extend(b"{}\n");
                v
            },
        ),
        (
            "blank lines as a stream",
            &["validate", "--ndjson", "-"],
            |n| vec![b'\n'; n],
        ),
        (
            "lines of one space as a stream",
            &["validate", "--ndjson", "-"],
            |n| b" \n".repeat(n / 2),
        ),
        (
            "an over-long line as a stream",
            &["validate", "--ndjson", "--max-bytes", "1000", "-"],
            |n| {
                let mut v = vec![b'['; 1];
                v.extend(vec![b'1'; n]);
                v.extend(b"\n{}\n");
                v
            },
        ),
    ];
    for (what, args, make) in cases {
        let small = dir.join("small");
        let large = dir.join("large");
        std::fs::write(&small, make(N)).expect("write");
        std::fs::write(&large, make(8 * N)).expect("write");
        // Warm the binary and the page cache.
        median_time(&dir, args, &small);
        let t1 = median_time(&dir, args, &small);
        let t8 = median_time(&dir, args, &large);
        let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        assert!(
            ratio < 24.0,
            "{what}: {t1:?} for 1 MiB, {t8:?} for 8 MiB: {ratio:.1}x (quadratic is 64x)"
        );
    }
}

/// `count` lines, each a payload with an event code of its own, about `width` letters long (no
/// digits, which masking could make alike).
fn distinct_codes(count: usize, width: usize) -> impl Iterator<Item = Vec<u8>> + Send + 'static {
    let pad = "X".repeat(width);
    (0..count).step_by(1000).map(move |first| {
        let mut chunk = Vec::new();
        for i in first..(first + 1000).min(count) {
            let mut code = pad.clone();
            let mut n = i;
            loop {
                code.push(char::from(b'A' + (n % 26) as u8));
                n /= 26;
                if n == 0 {
                    break;
                }
            }
            chunk.extend(format!("{{\"code\":\"{code}\"}}\n").as_bytes());
        }
        chunk
    })
}

/// The summary by event code keeps at most [`TOP`] codes besides the spec's and counts the
/// rest under one entry, so its memory is bounded whoever writes the log.
#[test]
fn the_summary_by_event_code_stays_bounded() {
    const TOP: usize = 1000;
    let dir = scratch("stream-codes");
    let count = 300_000;
    let args = ["validate", "--ndjson", "--quiet", "--format", "json", "-"];
    let mut child = spawn(&dir, &args, Stdio::piped());
    feed(&mut child, distinct_codes(count, 200));
    let ended = finish(&dir, child, "distinct codes");
    assert_eq!(ended.status.code(), Some(0), "{}", ended.stderr);
    assert!(
        ended.peak_kib < 50 * 1024,
        "{count} distinct codes: {} KiB",
        ended.peak_kib
    );
    let summary: Value = serde_json::from_str(ended.stdout.trim()).expect("one JSON summary");
    let codes = summary["summary"]["codes"].as_object().expect("codes");
    assert_eq!(codes.len(), TOP + 1, "the first {TOP} codes and the rest");
    assert_eq!(codes["(other codes)"], count - TOP);
    let total: u64 = codes.values().filter_map(Value::as_u64).sum();
    assert_eq!(total, count as u64);
}

/// The codes that the summary names are the first ones seen in the input, also among the
/// lines of one batch: the same summary on every run.
#[test]
fn the_summary_names_the_first_codes_seen() {
    const TOP: usize = 1000;
    let dir = scratch("stream-first-codes");
    let lines: Vec<u8> = distinct_codes(TOP + 500, 3).flatten().collect();
    std::fs::write(dir.join("log"), &lines).expect("write");
    let first: Vec<String> = String::from_utf8_lossy(&lines)
        .lines()
        .take(TOP)
        .map(|line| {
            line.trim_start_matches("{\"code\":\"")
                .trim_end_matches("\"}")
                .to_owned()
        })
        .collect();
    let out = antom_in(
        &dir,
        &["validate", "--ndjson", "--quiet", "--format", "json", "log"],
    );
    let summary: Value = serde_json::from_str(text(&out.stdout).trim()).expect("one JSON summary");
    let codes = summary["summary"]["codes"].as_object().expect("codes");
    let mut named: Vec<&str> = codes
        .keys()
        .map(String::as_str)
        .filter(|c| *c != "(other codes)")
        .collect();
    named.sort_unstable();
    let mut want: Vec<&str> = first.iter().map(String::as_str).collect();
    want.sort_unstable();
    assert_eq!(named, want);
    assert_eq!(codes["(other codes)"], 500);
}

/// Codes in the summary are escaped and their card numbers masked, in text and in JSON.
#[test]
fn summary_codes_are_escaped_and_masked() {
    let dir = scratch("stream-code-masking");
    let log = [
        r#"{"code":"4111111111111111"}"#,
        r#"{"code":"5555 5555 5555 4444 12 27"}"#,
        r#"{"code":"A\u001b]0;PWN\u0007B\u202e"}"#,
        r#"{"code":"SDK_PAYMENT_SUCCESSFUL"}"#,
    ]
    .join("\n");
    std::fs::write(dir.join("log"), log).expect("write");
    for format in ["text", "json"] {
        for quiet in [true, false] {
            let mut args = vec!["validate", "--ndjson", "--format", format, "log"];
            if quiet {
                args.push("--quiet");
            }
            let out = antom_in(&dir, &args);
            let stdout = text(&out.stdout);
            for secret in [
                "4111111111111111",
                "5555 5555 5555 4444",
                "5555555555554444",
            ] {
                assert!(!stdout.contains(secret), "{args:?}: {stdout}");
            }
            // JSON text escapes control characters itself; its summary's codes are checked
            // below.
            if format == "text" {
                assert!(
                    !stdout
                        .chars()
                        .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
                    "{args:?}: {stdout:?}"
                );
            }
            assert!(stdout.contains("************1111"), "{args:?}: {stdout}");
            if format == "json" {
                let last = stdout.lines().last().unwrap_or_default();
                let doc: Value = serde_json::from_str(last).expect("a JSON summary");
                let codes = doc["summary"]["codes"].as_object().expect("codes");
                assert_eq!(codes.len(), 4, "{doc}");
                for code in codes.keys() {
                    assert!(
                        !code.chars().any(|c| c.is_control() || c == '\u{202e}'),
                        "{code:?}"
                    );
                    assert!(!code.contains("4111111111111111"), "{code}");
                }
            }
        }
    }
}
