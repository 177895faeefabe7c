//! `cargo xtask test`: the one command CI runs. Installs the test toolchains (npm packages under
//! `tools/`, Swift in a cache folder: `swift.rs`), then runs fmt, clippy, rustdoc with warnings
//! denied, the codegen check, the whole test suite with every toolchain required, the release
//! rehearsal and the benchmarks' smoke run.

use std::process::Command;

use crate::tools::step;

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
    crate::tools::install_npm_tools()?;
    crate::tools::install_objc()?;
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
        "cargo xtask consumers --self-test (each consumer against a broken artifact; the breaking-change gate)",
        Command::new(&cargo).args(["xtask", "consumers", "--self-test"]),
    )?;
    step(
        "cargo xtask bench --smoke",
        Command::new(&cargo).args(["xtask", "bench", "--smoke"]),
    )?;
    Ok(true)
}
