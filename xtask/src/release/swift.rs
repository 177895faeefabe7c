//! The Swift package as a release tag makes it: a git repository whose root `Package.swift`
//! builds the product from `generated/swift`, tagged `v<version>`.
//!
//! SwiftPM takes a Swift package from a git repository and a version from its tags (`vX.Y.Z` or
//! `X.Y.Z`), so the Swift artifact of a release is the tag itself. The dry run stages what that
//! tag holds for SwiftPM as a bare repository, `swift/antom-callback.git`: the root
//! `Package.swift`, the license texts and `generated/swift/` (SwiftPM builds only the
//! product's target and never a dependency's tests), committed and tagged `v<version>` as the
//! release tags the real commit. The folder is named after the last segment of the spec's
//! `package.repository`, so the package's identity (SwiftPM's name for it in `.product(name:,
//! package:)`) is the one the real URL gives.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::run;
use crate::repo_root;

/// The package identity SwiftPM gives the spec's repository URL (the name of the staged
/// folder): `antom_codegen::swift_package_identity`, which the README shows too.
pub(crate) fn identity(spec: &antom_spec::Spec) -> anyhow::Result<String> {
    antom_codegen::swift_package_identity(spec).with_context(|| {
        format!(
            "{} has no `repository`: the Swift package is released by a tag of it",
            spec.package.file
        )
    })
}

/// The tag a release makes for `version`.
pub(crate) fn tag(version: &str) -> String {
    format!("v{version}")
}

/// `git -C dir` with no user or system configuration, a fixed author and dates: the staged repository
/// is the same for the same files.
pub(crate) fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "antom-callback release")
        .env("GIT_AUTHOR_EMAIL", "release@antom-callback.invalid")
        .env("GIT_COMMITTER_NAME", "antom-callback release")
        .env("GIT_COMMITTER_EMAIL", "release@antom-callback.invalid")
        .env("GIT_AUTHOR_DATE", "2000-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2000-01-01T00:00:00Z");
    cmd
}

/// Stages `out/swift/<identity>.git`: the repository SwiftPM resolves by URL, on the tag
/// `v<version>`. Fails when `generated/swift/` is not what the spec generates.
pub(super) fn package_swift(spec: &antom_spec::Spec, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let root = repo_root();
    let work = out.with_file_name("release-work").join("swift");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).with_context(|| format!("create {}", work.display()))?;
    // The tag holds the files of the commit: the committed generator output, checked fresh.
    let generated = antom_codegen::Target::Swift
        .generate(spec)
        .context("generate the Swift package")?;
    let tree = root.join("generated/swift");
    for f in &generated {
        let committed = std::fs::read_to_string(tree.join(&f.path)).unwrap_or_default();
        if committed != f.contents {
            bail!(
                "generated/swift/{} is not what the spec generates: run `cargo xtask codegen`",
                f.path
            );
        }
    }
    // The manifest, and the license texts every checkout of the tag carries.
    for file in ["Package.swift", "LICENSE-APACHE", "LICENSE-MIT"] {
        let from = root.join(file);
        std::fs::copy(&from, work.join(file))
            .with_context(|| format!("copy {}", from.display()))?;
    }
    for f in &generated {
        let path = work.join("generated/swift").join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
        }
        std::fs::write(&path, &f.contents).with_context(|| format!("write {}", path.display()))?;
    }
    let tag = tag(&spec.package.version);
    let message = format!("{} {}", spec.package.name, spec.package.version);
    run(
        "git init (the Swift release commit)",
        git(&work).args(["init", "-q", "-b", "main"]),
    )?;
    run("git add", git(&work).args(["add", "-A"]))?;
    run(
        "git commit",
        git(&work).args(["commit", "-q", "--no-gpg-sign", "-m", &message]),
    )?;
    run(
        &format!("git tag {tag}"),
        git(&work).args(["tag", "-a", "--no-sign", &tag, "-m", &message]),
    )?;
    let staged = out.join("swift").join(format!("{}.git", identity(spec)?));
    std::fs::create_dir_all(&staged).with_context(|| format!("create {}", staged.display()))?;
    run(
        "git init --bare (the staged Swift repository)",
        git(&staged).args(["init", "-q", "--bare", "-b", "main"]),
    )?;
    run(
        &format!("git push main and {tag} into {}", staged.display()),
        git(&work)
            .args(["push", "-q"])
            .arg(&staged)
            .args(["main", &format!("refs/tags/{tag}")]),
    )?;
    let _ = std::fs::remove_dir_all(&work);
    Ok(vec![staged])
}
