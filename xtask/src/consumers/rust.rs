//! The Rust consumer (`tests/consumers/rust/`): a service that depends on `antom-callback = "1"`
//! as from crates.io, built against the `.crate` files the release staged.
//!
//! The staged crates reach cargo as a registry would hand them: a directory source that replaces
//! crates.io ([`staged_registry`]), holding the staged `.crate` files unpacked with their
//! checksums and, beside them, the crates.io dependencies at the versions of the workspace's
//! `Cargo.lock` (`cargo vendor`). The consumer's `Cargo.toml` is left as written; only
//! `.cargo/config.toml` of its copy points crates.io at the directory, and it builds `--offline`
//! in a fresh target folder, so nothing of the workspace's sources or builds is used.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::{Consumer, Ctx, run_in};

pub(crate) struct Rust;

/// The staged `.crate` files.
fn staged_crates(artifacts: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = artifacts.join("crates");
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("{}: run `cargo xtask release --dry-run`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "crate"))
        .collect();
    crates.sort();
    if crates.is_empty() {
        bail!("{} holds no .crate file", dir.display());
    }
    Ok(crates)
}

/// Makes `work/registry`, a directory source with the staged crates and their dependencies, and
/// returns the `--config` arguments that make it replace crates.io.
pub(super) fn staged_registry(ctx: &Ctx, work: &Path) -> anyhow::Result<Vec<String>> {
    let registry = work.join("registry");
    let cargo = crate::release::cargo();
    // The dependencies, at the versions the release was built and verified with.
    run_in(
        "cargo vendor (the staged crates' dependencies)",
        &ctx.root,
        Command::new(&cargo)
            .args(["vendor", "--locked", "--quiet", "--versioned-dirs"])
            .arg(&registry),
    )?;
    for krate in staged_crates(&ctx.artifacts)? {
        run_in(
            &format!("tar -xzf {}", krate.display()),
            &registry,
            Command::new("tar").arg("-xzf").arg(&krate),
        )?;
        let stem = krate
            .file_stem()
            .and_then(|s| s.to_str())
            .context("a .crate file name")?;
        let sum = run_in(
            "sha256sum",
            &registry,
            Command::new("sha256sum").arg(&krate),
        )?;
        let sum = sum.split_whitespace().next().context("sha256sum output")?;
        // A directory source checks each crate against the checksum of the file it came from.
        std::fs::write(
            registry.join(stem).join(".cargo-checksum.json"),
            format!(r#"{{"files":{{}},"package":"{sum}"}}"#),
        )
        .with_context(|| format!("write the checksum of {stem}"))?;
    }
    Ok(vec![
        "source.crates-io.replace-with=\"staged\"".to_owned(),
        format!(
            "source.staged.directory={:?}",
            registry.display().to_string()
        ),
    ])
}

/// `cargo run` of the consumer copy in `project`, offline from the staged registry.
fn cargo_run(project: &Path, target: &Path, config: &[String]) -> anyhow::Result<String> {
    let mut cmd = Command::new(crate::release::cargo());
    for c in config {
        cmd.arg("--config").arg(c);
    }
    cmd.args(["run", "--offline", "--quiet", "--target-dir"])
        .arg(target)
        // The workspace's own settings (RUSTFLAGS of a CI, say) are not the consumer's.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR");
    run_in("cargo run (the Rust consumer)", project, &mut cmd)
}

/// Checks the consumer's output against the spec.
pub(super) fn check_output(ctx: &Ctx, out: &str) -> anyhow::Result<()> {
    let spec = crate::consumers::load_spec(&ctx.root)?;
    let fraud = spec
        .result_codes
        .iter()
        .find(|c| c.code == "FRAUD_REJECT")
        .context("the spec has FRAUD_REJECT")?;
    let expected = [
        format!("spec version: {}", ctx.version),
        "on SDK_PAYMENT_SUCCESSFUL: redirect to the result page".to_owned(),
        "on SDK_CALL_URL_ERROR: check the redirection".to_owned(),
        "on SDK_SOMETHING_NEW: log a code this version does not know".to_owned(),
        "valid: false".to_owned(),
        "issue: error: /result/cardPaymentResultInfo/expiryMonth:".to_owned(),
        format!("message: {}", fraud.message),
        format!("suggestion: {}", fraud.suggestion),
        "suggestion truncated: true".to_owned(),
        "\"cardNo\":\"<redacted>\"".to_owned(),
        "paid with **** **** **** 1111".to_owned(),
        "mobile issue: error: /result:".to_owned(),
    ];
    crate::consumers::expect_lines(out, &expected)
}

impl Consumer for Rust {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        let work = ctx.work(self.name())?;
        let config = staged_registry(ctx, &work)?;
        let project = work.join("project");
        crate::release::copy_dir(&ctx.project(self.name()), &project)?;
        let out = cargo_run(&project, &work.join("target"), &config)?;
        check_output(ctx, &out)
    }

    fn break_artifact(&self, ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str> {
        repack_crate(ctx, broken, "antom-callback-", |unpacked| {
            std::fs::remove_dir_all(unpacked.join("src/generated"))
                .context("the staged antom-callback crate has no src/generated/")
        })?;
        Ok("the antom-callback .crate without src/generated/")
    }
}

/// Repacks the staged `.crate` in `artifacts` whose name starts with `prefix` after `edit` has
/// changed its unpacked files (given the crate's top folder).
pub(super) fn repack_crate(
    ctx: &Ctx,
    artifacts: &Path,
    prefix: &str,
    edit: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let krate = staged_crates(artifacts)?
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .with_context(|| format!("no {prefix}*.crate staged"))?;
    let unpacked = ctx.scratch.join("repacked-crate");
    let _ = std::fs::remove_dir_all(&unpacked);
    std::fs::create_dir_all(&unpacked)?;
    run_in(
        "tar -xzf",
        &unpacked,
        Command::new("tar").arg("-xzf").arg(&krate),
    )?;
    let stem = krate
        .file_stem()
        .and_then(|s| s.to_str())
        .context("a .crate file name")?
        .to_owned();
    edit(&unpacked.join(&stem))?;
    run_in(
        "tar -czf",
        &unpacked,
        Command::new("tar").arg("-czf").arg(&krate).arg(&stem),
    )?;
    Ok(())
}
