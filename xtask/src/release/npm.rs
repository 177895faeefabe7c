//! The npm package: `dist/` built with the pinned `tsc`, packed with `npm pack`, and the tarball
//! checked by `publint` and `attw` (`@arethetypeswrong/cli`) as the registry's users will get it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use serde_json::Value;

use super::run;
use crate::repo_root;

/// Replaces the tarball staged in `artifacts/npm/` by one packed from the package at `source`.
pub(crate) fn restage_npm(source: &Path, artifacts: &Path) -> anyhow::Result<PathBuf> {
    let _ = std::fs::remove_dir_all(artifacts.join("npm"));
    package_npm(source, artifacts)
}

/// Builds `dist/` of a copy of the TypeScript package at `source` with the pinned `tsc`, packs
/// it into `out/npm/`, and checks that every file its `exports` names is in the tarball.
pub(super) fn package_npm(source: &Path, out: &Path) -> anyhow::Result<PathBuf> {
    let root = repo_root();
    let staged = out.join("npm");
    std::fs::create_dir_all(&staged).with_context(|| format!("create {}", staged.display()))?;
    let work = out.with_file_name("release-work").join("npm");
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(source, &work)?;
    // The package's own build script (ESM, then CommonJS into dist/cjs), with the pinned tsc.
    let bin = root.join("tools/node_modules/.bin");
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))?;
    run(
        "npm run build (TypeScript package dist/)",
        Command::new("npm")
            .args(["run", "build", "--silent", "--prefix"])
            .arg(&work)
            .env("PATH", path),
    )?;
    let listing = run(
        "npm pack",
        Command::new("npm")
            .args(["pack", "--json", "--ignore-scripts", "--pack-destination"])
            .arg(&staged)
            .arg(&work),
    )?;
    let listing: Value = serde_json::from_str(&listing).context("npm pack --json")?;
    let packed = &listing[0];
    let files: Vec<&str> = packed["files"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(work.join("package.json")).context("package.json")?,
    )?;
    let mut targets = Vec::new();
    collect_strings(&manifest["exports"], &mut targets);
    for key in ["main", "module", "types", "typesVersions"] {
        collect_strings(&manifest[key], &mut targets);
    }
    let missing: Vec<&String> = targets
        .iter()
        .filter(|t| !files.contains(&t.trim_start_matches("./")))
        .collect();
    if targets.is_empty() || !missing.is_empty() {
        bail!("the npm tarball lacks what package.json exports: {missing:?}");
    }
    let name = packed["filename"].as_str().context("npm pack filename")?;
    let tarball = staged.join(name);
    lint_tarball(&tarball)?;
    Ok(tarball)
}

/// `publint` and `attw` on the tarball; anything either reports fails the release with their
/// output.
///
/// publint counts at every level, suggestions included (`--strict` makes warnings fail its exit
/// status; a suggestion only shows in the output, so anything but its "All good!" fails): each
/// of its rules is about metadata or files this package controls (`license`, `type`, the form
/// of `repository.url` that provenance checks, `files`, `exports`), so a message is fixed in the
/// generator rather than tolerated. attw runs the `strict` profile, every resolution the README
/// promises (`node10`, `node16` from CommonJS and from ESM, `bundler`), and fails on any
/// problem; `--no-definitely-typed` because the package ships its own types and the check
/// stays on this machine.
fn lint_tarball(tarball: &Path) -> anyhow::Result<()> {
    let bin = repo_root().join("tools/node_modules/.bin");
    let publint = run(
        "publint (the npm tarball)",
        Command::new(bin.join("publint"))
            .args(["run", "--strict", "--level", "suggestion"])
            .arg(tarball)
            .env("NO_COLOR", "1"),
    )?;
    eprintln!("{}", publint.trim_end());
    if !publint.contains("All good!") {
        bail!(
            "publint flagged the npm tarball {}:\n{publint}",
            tarball.display()
        );
    }
    let attw = run(
        "attw (the npm tarball's types)",
        Command::new(bin.join("attw"))
            .args([
                "--profile",
                "strict",
                "--no-definitely-typed",
                "--no-color",
                "--no-emoji",
                "--format",
                "table-flipped",
            ])
            .arg(tarball),
    )?;
    eprintln!("{}", attw.trim_end());
    Ok(())
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("create {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("read {}", from.display()))? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copy_dir(&src, &dst)?;
        } else if entry.file_type()?.is_file() {
            std::fs::copy(&src, &dst).with_context(|| format!("copy {}", src.display()))?;
        }
    }
    Ok(())
}
