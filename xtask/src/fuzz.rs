//! `cargo xtask fuzz TARGET [--seconds N]`: runs a cargo-fuzz target (`loader`, `validator`,
//! `pattern` or `ndjson`) on this stable toolchain, with a corpus seeded from the spec, the
//! invalid-spec corpus and the conformance vectors.
//!
//! `cargo xtask fuzz agree [--cases N]`: the differential run. The seeded generator of
//! `tests/src/arbitrary_json.rs` writes N cases (payloads, and a quarter texts) as vectors with
//! the Rust validator's report; the TypeScript, Kotlin and Swift validators each read them all in
//! one run and must give the same reports, message for message (the same tests as `cargo xtask
//! test`, which runs 500 cases).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::repo_root;

/// Copies the seed inputs of a target into its corpus folder.
fn seed(target: &str, corpus: &Path) -> anyhow::Result<()> {
    let root = repo_root();
    std::fs::create_dir_all(corpus)?;
    let sources: Vec<std::path::PathBuf> = match target {
        "loader" => [
            "spec",
            "tests/invalid",
            "tests/cases/minimal",
            "tests/cases/escaping",
        ]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
        })
        .filter(|p| p.is_file())
        .collect(),
        _ => std::fs::read_dir(root.join("tests/vectors"))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
    };
    if target == "ndjson" {
        return seed_ndjson(&sources, corpus);
    }
    for (i, path) in sources.iter().enumerate() {
        let bytes = std::fs::read(path)?;
        let bytes = if target == "validator" {
            let v: serde_json::Value =
                serde_json::from_slice(&bytes).context("vectors are JSON")?;
            serde_json::to_vec(&v["payload"])?
        } else {
            bytes
        };
        std::fs::write(corpus.join(format!("seed-{i:04}")), bytes)?;
    }
    Ok(())
}

/// Streams for the `ndjson` target (its first byte picks the options): the vectors' payloads
/// a few lines at a time, with blank, non-JSON and NUL lines, card numbers and escapes among them.
fn seed_ndjson(vectors: &[std::path::PathBuf], corpus: &Path) -> anyhow::Result<()> {
    let mut payloads = Vec::new();
    for path in vectors {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path)?).context("vectors are JSON")?;
        payloads.push(serde_json::to_vec(&v["payload"])?);
    }
    payloads.sort();
    let extra: [&[u8]; 6] = [
        b"",
        b"  \t\r",
        b"not json {",
        b"\0\0\0\0",
        br#"{"code":"4111 1111 1111 1111 12 27","result":{"x":"\u001b]0;x\u0007\u202e"}}"#,
        br#"{"code":"SDK_PAYMENT_SUCCESSFUL","code":"5555555555554444"}"#,
    ];
    for (i, chunk) in payloads.chunks(4).enumerate() {
        let mut stream = vec![(i % 8) as u8];
        for line in chunk
            .iter()
            .map(Vec::as_slice)
            .chain([extra[i % extra.len()]])
        {
            stream.extend_from_slice(line);
            stream.push(b'\n');
        }
        std::fs::write(corpus.join(format!("seed-{i:04}")), stream)?;
    }
    Ok(())
}

pub(crate) fn run(target: &str, seconds: u64, cases: usize) -> anyhow::Result<bool> {
    if target == "agree" {
        return agree(cases);
    }
    if !matches!(target, "loader" | "validator" | "pattern" | "ndjson") {
        bail!(
            "unknown fuzz target `{target}`: use `loader`, `validator`, `pattern`, `ndjson` or `agree`"
        );
    }
    let has_cargo_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_cargo_fuzz {
        let status = Command::new("cargo")
            .args(["install", "cargo-fuzz", "--locked"])
            .status()?;
        if !status.success() {
            bail!("cannot install cargo-fuzz");
        }
    }
    let fuzz = repo_root().join("fuzz");
    let corpus = fuzz.join("corpus").join(target);
    seed(target, &corpus)?;
    // cargo-fuzz needs `-Z` flags; RUSTC_BOOTSTRAP lets the stable compiler accept them.
    let status = Command::new("cargo")
        .args(["fuzz", "run", target])
        .arg(&corpus)
        .args([
            "--",
            &format!("-max_total_time={seconds}"),
            "-print_final_stats=1",
        ])
        // A lint-accepted pattern matches a few KB in microseconds: a second is a hang.
        .args((target == "pattern").then_some("-timeout=1"))
        // The stream reader keeps memory bounded: a run past this is a finding. Its worker
        // threads end with each input, and LeakSanitizer counts the per-thread context of the
        // standard library's channels that they leave behind as leaked: leak checks are off.
        .args(if target == "ndjson" {
            &["-rss_limit_mb=512", "-detect_leaks=0"][..]
        } else {
            &[]
        })
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(&fuzz)
        .status()?;
    Ok(status.success())
}

/// The differential run of `cases` cases through every runtime: the arbitrary-payload tests of
/// TypeScript, Kotlin and Swift, with every toolchain required.
fn agree(cases: usize) -> anyhow::Result<bool> {
    let started = std::time::Instant::now();
    let status = Command::new("cargo")
        .args([
            "test",
            "--no-fail-fast",
            "-p",
            "antom-tests",
            "--test",
            "typescript",
            "--test",
            "kotlin",
            "--test",
            "swift",
            "--",
            "arbitrary",
        ])
        .current_dir(repo_root())
        .env("ANTOM_AGREE_CASES", cases.to_string())
        .env("ANTOM_REQUIRE_TOOLS", "1")
        .status()
        .context("cargo test runs")?;
    println!(
        "agree: {cases} cases through TypeScript, Kotlin and Swift against Rust: {} in {:.0} s",
        if status.success() {
            "every report the same"
        } else {
            "FAILED"
        },
        started.elapsed().as_secs_f64()
    );
    Ok(status.success())
}
