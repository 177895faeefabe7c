//! The Swift package as a release tag makes it: a git repository whose root `Package.swift`
//! builds the product from `generated/swift`, tagged `v<version>`.

use std::path::{Path, PathBuf};

/// Stages `out/swift/`: the repository SwiftPM resolves by URL.
pub(super) fn package_swift(_spec: &antom_spec::Spec, _out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    anyhow::bail!("the Swift staging is not written yet")
}
