//! `cargo xtask test`: the one command CI runs. Installs the test toolchains (npm packages under
//! `tools/`, Swift in a cache folder: `swift.rs`), then runs fmt, clippy, rustdoc with warnings
//! denied, the codegen check, the whole test suite with every toolchain required, the release
//! rehearsal and the benchmarks' smoke run.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::repo_root;

fn step(name: &str, cmd: &mut Command) -> anyhow::Result<()> {
    eprintln!("==> {name}");
    let status = cmd
        .current_dir(repo_root())
        .status()
        .with_context(|| format!("cannot start {name}"))?;
    if !status.success() {
        bail!("{name} failed ({status})");
    }
    Ok(())
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `npm ci` into `tools/node_modules` (TypeScript, kotlinc, ajv, pinned by the committed lock
/// file) unless it is already installed from the current lock file.
fn install_tools() -> anyhow::Result<()> {
    let tools = repo_root().join("tools");
    let installed = modified(&tools.join("node_modules/.package-lock.json"));
    let wanted = modified(&tools.join("package-lock.json"));
    if installed.is_none() || installed < wanted {
        step(
            "npm ci (tools/: typescript, kotlin-compiler, ajv, ajv-formats)",
            Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix", "tools"]),
        )?;
    }
    for (tool, version_arg) in [("node", "--version"), ("java", "-version")] {
        let ok = Command::new(tool)
            .arg(version_arg)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            bail!("`{tool}` is required by the test suite and is not on PATH");
        }
    }
    Ok(())
}

pub(crate) fn run() -> anyhow::Result<bool> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    step(
        "cargo fmt --check",
        Command::new(&cargo).args(["fmt", "--all", "--check"]),
    )?;
    step(
        "cargo clippy",
        Command::new(&cargo).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "cargo doc (warnings denied)",
        Command::new(&cargo)
            .args(["doc", "--workspace", "--no-deps", "--quiet"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    step(
        "cargo xtask codegen --check",
        Command::new(&cargo).args(["xtask", "codegen", "--check"]),
    )?;
    install_tools()?;
    let started = std::time::Instant::now();
    let swift = crate::swift::ensure()?;
    eprintln!("==> Swift: {swift} ({:.1?})", started.elapsed());
    step(
        "cargo test (every toolchain required)",
        Command::new(&cargo)
            .args(["test", "--workspace"])
            .env("ANTOM_REQUIRE_TOOLS", "1"),
    )?;
    step(
        "cargo xtask release --dry-run",
        Command::new(&cargo).args(["xtask", "release", "--dry-run"]),
    )?;
    step(
        "cargo xtask bench --smoke",
        Command::new(&cargo).args(["xtask", "bench", "--smoke"]),
    )?;
    Ok(true)
}
