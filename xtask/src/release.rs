//! `cargo xtask release [--dry-run]`: everything a release does short of uploading.
//!
//! 1. The version: `antom diff` against the previous release tag (`v*`) must find the spec's
//!    `package.version` raised as far as the changes demand.
//! 2. The changelog: the section for this version, from `antom diff --format markdown`; it is
//!    put at the top of `CHANGELOG.md` (with `--dry-run`, only printed, and the file must
//!    already start with a section for this version).
//! 3. The packagers, into `target/release-artifacts/`: `cargo package --workspace`, `npm pack`
//!    of the TypeScript package with `dist/` built and every `exports` target in the tarball,
//!    and the Kotlin sources compiled into a jar with a Maven POM beside it.
//!
//! Nothing is published: the command ends with the list of files a release would upload.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::repo_root;

const CHANGELOG: &str = "CHANGELOG.md";

fn run(what: &str, cmd: &mut Command) -> anyhow::Result<String> {
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

fn cargo() -> String {
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
fn changelog_section(spec: &antom_spec::Spec, tag: Option<&str>) -> anyhow::Result<String> {
    let Some(tag) = tag else {
        eprintln!("no release tag (v*) yet: this is the first release");
        return Ok(first_release(spec));
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
    Ok(markdown)
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

fn package_crates(dry_run: bool, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
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

/// Builds `dist/` of a copy of the TypeScript package with the pinned `tsc`, packs it, and checks
/// that every file its `exports` names is in the tarball.
fn package_npm(out: &Path) -> anyhow::Result<PathBuf> {
    let root = repo_root();
    let work = out.join("npm");
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&root.join("generated/typescript"), &work)?;
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
            .arg(out)
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
    Ok(out.join(name))
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
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

/// The Kotlin sources compiled into a jar by the pinned `kotlinc`, with a POM beside it.
fn package_kotlin(spec: &antom_spec::Spec, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let root = repo_root();
    let kotlinc = root.join("tools/node_modules/kotlin-compiler/bin/kotlinc");
    let gradle = std::fs::read_to_string(root.join("generated/kotlin/build.gradle.kts"))
        .context("generated/kotlin/build.gradle.kts")?;
    let field = |name: &str| {
        antom_codegen::version::version_at(&gradle, &format!("{name} = ")).map(str::to_owned)
    };
    let group = field("group").context("build.gradle.kts has no group")?;
    let kotlin_version = gradle
        .lines()
        .find_map(|l| l.trim().strip_prefix("kotlin(\"jvm\") version \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .context("build.gradle.kts names no Kotlin version")?
        .to_owned();
    let artifact = &spec.package.name;
    let version = &spec.package.version;
    let jar = out.join(format!("{artifact}-{version}.jar"));
    run(
        "kotlinc (Kotlin jar)",
        Command::new(&kotlinc)
            .arg(root.join("generated/kotlin/src/main/kotlin"))
            .args(["-Werror", "-d"])
            .arg(&jar),
    )?;
    let pom = out.join(format!("{artifact}-{version}.pom"));
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <description>{description}</description>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{kotlin_version}</version>
    </dependency>
  </dependencies>
</project>
"#,
        group = xml(&group),
        artifact = xml(artifact),
        version = xml(version),
        description = xml(&spec.package.description),
    );
    std::fs::write(&pom, text).with_context(|| format!("write {}", pom.display()))?;
    Ok(vec![jar, pom])
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn run_release(dry_run: bool) -> anyhow::Result<bool> {
    let root = repo_root();
    let files = antom_codegen::writer::read_dir(&root.join("spec")).context("cannot read spec/")?;
    let spec = match antom_spec::load(&files) {
        Ok(spec) => spec,
        Err(problems) => {
            eprintln!("{problems}");
            return Ok(false);
        }
    };
    let tag = previous_tag();
    let section = changelog_section(&spec, tag.as_deref())?;
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
    let mut artifacts = package_crates(dry_run, &out)?;
    artifacts.push(package_npm(&out)?);
    artifacts.extend(package_kotlin(&spec, &out)?);

    println!(
        "A release of {} {} would upload:",
        spec.package.name, spec.package.version
    );
    for a in &artifacts {
        let size = std::fs::metadata(a).map(|m| m.len()).unwrap_or(0);
        println!(
            "  {} ({size} bytes)",
            a.strip_prefix(&root).unwrap_or(a).display()
        );
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
