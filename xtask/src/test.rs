//! `cargo xtask test`: the one command CI runs.

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
        "cargo xtask codegen --check",
        Command::new(&cargo).args(["xtask", "codegen", "--check"]),
    )?;
    step(
        "cargo test",
        Command::new(&cargo).args(["test", "--workspace"]),
    )?;
    Ok(true)
}
