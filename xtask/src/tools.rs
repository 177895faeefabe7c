//! The tools that `cargo xtask test` and `cargo xtask release` need, installed with ordinary
//! package clients when they are missing: the npm packages pinned in `tools/` (TypeScript,
//! kotlinc, ajv, publint, verdaccio, ...) and Debian's clang and GNUstep for Objective-C. Swift
//! has a module of its own (`swift.rs`).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::repo_root;

/// Runs one step from the repository root; fails naming it.
pub(crate) fn step(name: &str, cmd: &mut Command) -> anyhow::Result<()> {
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
pub(crate) fn install_npm_tools() -> anyhow::Result<()> {
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

/// Debian's packages for the Objective-C target's tests: `clang` and GNUstep's Foundation
/// (`libgnustep-base-dev`, which brings `gnustep-config` and GCC's Objective-C runtime).
/// Installed with `apt-get` when missing and this runs as root on Debian or Ubuntu; otherwise the
/// tests say loudly that they are skipped (and fail under `ANTOM_REQUIRE_TOOLS`).
pub(crate) fn install_objc() -> anyhow::Result<()> {
    use crate::swift::{is_root, on_path};
    if on_path("clang") && on_path("gnustep-config") {
        return Ok(());
    }
    if !is_root() || !on_path("apt-get") {
        eprintln!(
            "==> clang or gnustep-config missing and apt-get unavailable: the Objective-C tests will say they are skipped"
        );
        return Ok(());
    }
    let install = || {
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "clang",
                "libgnustep-base-dev",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    eprintln!("==> apt-get install clang libgnustep-base-dev (Objective-C tests)");
    if !install() {
        step(
            "apt-get update",
            Command::new("apt-get").args(["update", "-q"]),
        )?;
        if !install() {
            bail!("apt-get install clang libgnustep-base-dev failed");
        }
    }
    Ok(())
}

/// What the Maven bundle and its consumer need besides the JDK: Maven (`mvn`, which fetches
/// Dokka's plugin, `kotlin-stdlib` and the build plugins from Maven Central) and `gpg`. Installed
/// with `apt-get` (`maven`, `gnupg`) when missing and this runs as root on Debian or Ubuntu.
pub(crate) fn install_maven() -> anyhow::Result<()> {
    use crate::swift::{is_root, on_path};
    if on_path("mvn") && on_path("gpg") && on_path("jar") {
        return Ok(());
    }
    if !is_root() || !on_path("apt-get") {
        bail!(
            "`mvn`, `gpg` and `jar` (a JDK) are required for the Maven bundle: install Maven, GnuPG and a JDK"
        );
    }
    step(
        "apt-get update",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    step(
        "apt-get install maven gnupg default-jdk-headless (the Maven bundle)",
        Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "maven",
                "gnupg",
                "default-jdk-headless",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
