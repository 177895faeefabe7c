//! `cargo package` of the four published crates into the staging folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use super::{cargo, run};
use crate::repo_root;

/// The names of the crates a release publishes.
const CRATES: [&str; 4] = ["antom-spec", "antom-codegen", "antom-callback", "antom-cli"];

/// Removes the copies of this workspace's crates that an earlier `cargo package` unpacked into
/// cargo's registry cache. Cargo takes a registry crate of a given version as never changing, so
/// without this the verification of `antom-cli` would build against an older `antom-codegen` of
/// the same version. Only local overlay registries (folder names starting with `-`) and only
/// these crates' folders are touched.
fn forget_packaged_copies() -> anyhow::Result<()> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let Some(src) = home.map(|h| h.join("registry/src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&src) else {
        return Ok(());
    };
    for registry in registries.filter_map(Result::ok) {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for entry in std::fs::read_dir(registry.path())?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = CRATES.iter().any(|c| {
                name.strip_prefix(c)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours && entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(entry.path())
                    .with_context(|| format!("remove {}", entry.path().display()))?;
            }
        }
    }
    Ok(())
}

pub(super) fn package_crates(dry_run: bool, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    forget_packaged_copies()?;
    let mut cmd = Command::new(cargo());
    // The test and automation crates are `publish = false`, and cargo still packages them.
    // A target folder of its own, emptied first: the verification builds from the packages,
    // never from artifacts of an earlier package of the same version.
    let target = repo_root().join("target/release-package");
    let _ = std::fs::remove_dir_all(&target);
    cmd.args([
        "package",
        "--workspace",
        "--exclude",
        "xtask",
        "--exclude",
        "antom-tests",
        "--target-dir",
    ]);
    cmd.arg(&target);
    if dry_run {
        cmd.arg("--allow-dirty");
    }
    run("cargo package --workspace", &mut cmd)?;
    let packaged = target.join("package");
    let out = out.join("crates");
    std::fs::create_dir_all(&out).with_context(|| format!("create {}", out.display()))?;
    let mut crates = Vec::new();
    for entry in std::fs::read_dir(&packaged).context("target/package")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "crate") {
            let to = out.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &to).with_context(|| format!("copy {}", path.display()))?;
            crates.push(to);
        }
    }
    crates.sort();
    Ok(crates)
}
