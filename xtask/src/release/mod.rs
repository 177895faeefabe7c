//! `cargo xtask release [--dry-run]`: everything a release does short of uploading.
//!
//! 1. The version: `antom diff` against the previous release tag (`v*`) must find the spec's
//!    `package.version` raised as far as the changes demand.
//! 2. The changelog: the section for this version, from `antom diff --format markdown`; it is
//!    put at the top of `CHANGELOG.md` (with `--dry-run`, only printed, and the file must
//!    already start with a section for this version).
//! 3. The packagers stage every artifact into `target/release-artifacts/`, one folder per
//!    ecosystem: `crates/` (`cargo package`), `npm/` (the tarball), `maven/` (the bundle Maven
//!    Central takes), `swift/` (the repository a release tag makes, for SwiftPM), and `VERSION`.
//! 4. The downstream gates (`crate::consumers`): the consumer projects of `tests/consumers/` built
//!    from the staged artifacts only, then those of the previous release tag, which must still
//!    build unless the version is a major bump.
//!
//! The command installs the tools it needs, as `cargo xtask test` does. Nothing is published:
//! it ends with the list of files a release would upload.
//!
//! Versions: the data crate `antom-callback` carries the spec's `package.version`; the tool crates
//! `antom-spec`, `antom-codegen` and `antom-cli` share the workspace version and move on their own.
//! A spec version bump edits `crates/callback/Cargo.toml` and the workspace's requirement on it;
//! `cargo xtask codegen --check` fails until both agree. The crates' `repository` URL is set once
//! in `[workspace.package]`.
//!
//! Nothing is uploaded: publishing needs credentials CI does not have. Without `--dry-run` the
//! command writes the changelog section and builds the artifacts; `--dry-run` changes no file of
//! the repository. `cargo package` runs with `--exclude xtask --exclude antom-tests`, because cargo
//! packages `publish = false` members too and those read files outside their folder. There is no
//! podspec (see `consumers/objc.rs`).

use std::process::Command;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::repo_root;

mod crates;
mod maven;
mod npm;
pub(crate) mod swift;

pub(crate) use maven::{bundle_dir, compile_jar, write_checksums};
pub(crate) use npm::{copy_dir, restage_npm};

const CHANGELOG: &str = "CHANGELOG.md";

pub(crate) fn run(what: &str, cmd: &mut Command) -> anyhow::Result<String> {
    eprintln!("==> {what}");
    let out = cmd
        .current_dir(repo_root())
        .output()
        .with_context(|| format!("cannot start {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The newest `v*` tag reachable from `HEAD`, if any.
fn previous_tag() -> Option<String> {
    let out = Command::new("git")
        .args(["describe", "--tags", "--abbrev=0", "--match", "v*"])
        .current_dir(repo_root())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// `antom diff` through the CLI, as an SDK repository runs it.
fn antom_diff(old: &str, format: &str) -> anyhow::Result<(i32, String)> {
    let out = Command::new(cargo())
        .args(["run", "-q", "-p", "antom-cli", "--", "diff", old, "spec"])
        .args(["--format", format])
        .current_dir(repo_root())
        .output()
        .context("cannot run antom diff")?;
    let code = out.status.code().unwrap_or(-1);
    if code == 2 || code < 0 {
        bail!(
            "antom diff {old} spec: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok((code, String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// The changelog section for the current spec, after checking the version against `tag`.
/// The changelog section for the current spec and the bump the version makes over `tag`
/// (`major`, `minor`, `patch` or `none`), after checking the version against it.
fn changelog_section(
    spec: &antom_spec::Spec,
    tag: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let Some(tag) = tag else {
        eprintln!("no release tag (v*) yet: this is the first release");
        return Ok((first_release(spec), "none".to_owned()));
    };
    let old = format!("{tag}:spec");
    let (_, json) = antom_diff(&old, "json")?;
    let report: Value = serde_json::from_str(&json).context("antom diff --format json")?;
    if report["version"]["lowered"] == Value::Bool(true) {
        bail!(
            "the spec's version {} is lower than {} of {tag}: raise `version` in {} to {} or later",
            report["version"]["new"].as_str().unwrap_or("?"),
            report["version"]["old"].as_str().unwrap_or("?"),
            spec.package.file,
            report["version"]["enough"].as_str().unwrap_or("?"),
        );
    }
    if report["version"]["sufficient"] != Value::Bool(true) && report["bump"] != "none" {
        bail!(
            "the changes since {tag} need a {} version bump, but the spec's version {} is a {} bump from {}: raise `version` in {} to {} or later",
            report["bump"].as_str().unwrap_or("?"),
            report["version"]["new"].as_str().unwrap_or("?"),
            report["version"]["bumped"].as_str().unwrap_or("?"),
            report["version"]["old"].as_str().unwrap_or("?"),
            spec.package.file,
            report["version"]["enough"].as_str().unwrap_or("?"),
        );
    }
    let (_, markdown) = antom_diff(&old, "markdown")?;
    let bumped = report["version"]["bumped"]
        .as_str()
        .context("antom diff --format json has no version.bumped")?
        .to_owned();
    Ok((markdown, bumped))
}

/// The section of a first release: what the spec holds.
fn first_release(spec: &antom_spec::Spec) -> String {
    format!(
        "## {} {}\n\nFirst release: {} event codes, {} payment result codes, {} enumerations and {} objects.\n",
        spec.package.name,
        spec.package.version,
        spec.event_codes.len(),
        spec.result_codes.len(),
        spec.enums.len(),
        spec.objects.len()
    )
}

/// `CHANGELOG.md` with `section` on top, unless a section for this version is there already.
fn with_section(changelog: &str, section: &str, heading: &str) -> Option<String> {
    if changelog.lines().any(|l| l == heading) {
        return None;
    }
    let (title, rest) = match changelog.find("\n## ") {
        Some(i) => changelog.split_at(i + 1),
        None => (changelog, ""),
    };
    let title = title.trim_end();
    Some(if rest.is_empty() {
        format!("{title}\n\n{section}")
    } else {
        format!("{title}\n\n{section}\n{rest}")
    })
}

/// Runs the release (see the module doc). `only` limits the packagers and consumers to some
/// ecosystems (`rust`, `npm`, `maven`, `swift`, `objc`; all when empty): for working on one;
/// a real release takes them all.
pub(crate) fn run_release(dry_run: bool, only: &[String]) -> anyhow::Result<bool> {
    let consumers = crate::consumers::select(only)?;
    if !only.is_empty() && !dry_run {
        bail!("--only is for rehearsals: use it with --dry-run");
    }
    let wants = |name: &str| consumers.iter().any(|c| c.name() == name);
    let root = repo_root();
    let files = antom_codegen::writer::read_dir(&root.join("spec")).context("cannot read spec/")?;
    let spec = match antom_codegen::load(&files) {
        Ok(spec) => spec,
        Err(problems) => {
            eprintln!("{problems}");
            return Ok(false);
        }
    };
    crate::tools::install_npm_tools()?;
    crate::tools::install_objc()?;
    if wants("maven") {
        crate::tools::install_maven()?;
    }
    let swift = crate::swift::ensure()?;
    eprintln!("==> Swift: {swift}");
    let tag = previous_tag();
    let (section, bumped) = changelog_section(&spec, tag.as_deref())?;
    let heading = format!("## {} {}", spec.package.name, spec.package.version);
    let changelog_path = root.join(CHANGELOG);
    let changelog = std::fs::read_to_string(&changelog_path).context("cannot read CHANGELOG.md")?;
    eprintln!("==> changelog section\n{section}");
    match with_section(&changelog, &section, &heading) {
        None => {}
        Some(_) if dry_run => {
            eprintln!(
                "{CHANGELOG} has no section `{heading}`: run `cargo xtask release` to add it"
            );
            return Ok(false);
        }
        Some(updated) => {
            std::fs::write(&changelog_path, updated).context("cannot write CHANGELOG.md")?;
            eprintln!("{CHANGELOG}: added `{heading}`");
        }
    }

    let out = root.join("target/release-artifacts");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).with_context(|| format!("create {}", out.display()))?;
    let mut artifacts = Vec::new();
    // The Objective-C consumer vendors with the `antom` of the staged crates.
    if wants("rust") || wants("objc") {
        artifacts.extend(crates::package_crates(dry_run, &out)?);
    }
    if wants("npm") {
        artifacts.push(npm::package_npm(&root.join("generated/typescript"), &out)?);
    }
    if wants("maven") {
        artifacts.extend(maven::package_kotlin(&spec, &out, dry_run)?);
    }
    if wants("swift") {
        artifacts.extend(swift::package_swift(&spec, &out)?);
    }
    std::fs::write(out.join("VERSION"), format!("{}\n", spec.package.version))
        .context("write target/release-artifacts/VERSION")?;

    let ctx = crate::consumers::current(&spec.package.version);
    let failures = crate::consumers::run_all(&ctx, &consumers);
    if !failures.is_empty() {
        for f in &failures {
            eprintln!(
                "consumer {} failed against the staged artifacts:\n{}",
                f.consumer, f.error
            );
        }
        bail!(
            "refused: {} consumer project(s) of tests/consumers/ do not build from the staged artifacts",
            failures.len()
        );
    }
    if let Some(tag) = &tag {
        crate::consumers::gate::check(&root, tag, &ctx, &bumped, &consumers)?;
    }

    println!(
        "A release of {} {} would upload:",
        spec.package.name, spec.package.version
    );
    for a in &artifacts {
        let shown = a.strip_prefix(&root).unwrap_or(a).display();
        if a.is_dir() {
            println!("  {shown} (a git repository: what the tag pushes)");
        } else {
            let size = std::fs::metadata(a).map(|m| m.len()).unwrap_or(0);
            println!("  {shown} ({size} bytes)");
        }
    }
    println!(
        "and tag the commit v{} (the Swift package is released by that tag).",
        spec.package.version
    );
    if dry_run {
        println!("--dry-run: nothing was uploaded or tagged.");
    } else {
        println!(
            "Nothing was uploaded: publish with `cargo publish --workspace`, `npm publish` of the tarball and your Maven repository's upload."
        );
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::with_section;

    #[test]
    fn a_section_goes_on_top_once() {
        let log = "# Changelog\n\nIntro.\n\n## x 1.0.0\n\nOld.\n";
        let updated = with_section(log, "## x 1.1.0\n\nNew.\n", "## x 1.1.0").expect("added");
        assert_eq!(
            updated,
            "# Changelog\n\nIntro.\n\n## x 1.1.0\n\nNew.\n\n## x 1.0.0\n\nOld.\n"
        );
        assert_eq!(with_section(&updated, "## x 1.1.0\n", "## x 1.1.0"), None);
        assert_eq!(
            with_section("# Changelog\n", "## x 1.0.0\n", "## x 1.0.0").as_deref(),
            Some("# Changelog\n\n## x 1.0.0\n")
        );
    }
}
