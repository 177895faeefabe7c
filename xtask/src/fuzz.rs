//! `cargo xtask fuzz TARGET [--seconds N]`: runs a cargo-fuzz target (`loader`, `validator` or
//! `pattern`) on this stable toolchain, with a corpus seeded from the spec, the invalid-spec
//! corpus and the conformance vectors.

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
            .collect(),
    };
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

pub(crate) fn run(target: &str, seconds: u64) -> anyhow::Result<bool> {
    if !matches!(target, "loader" | "validator" | "pattern") {
        bail!("unknown fuzz target `{target}`: use `loader`, `validator` or `pattern`");
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
        .args(if target == "pattern" {
            &["-timeout=1"][..]
        } else {
            &[]
        })
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(&fuzz)
        .status()?;
    Ok(status.success())
}
