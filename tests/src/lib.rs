//! Helpers shared by the cross-crate tests: where the repository is, and how to read a spec.

use std::path::{Path, PathBuf};

use antom_spec::{SourceFile, Spec};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Reads every `.yaml` file of a folder, named `<folder name>/<file>` in messages.
pub fn read_spec_files(dir: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = format!(
                "{}/{}",
                dir.file_name().unwrap_or_default().to_string_lossy(),
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            SourceFile::new(
                name,
                std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())),
            )
        })
        .collect()
}

/// Loads a spec folder that must be valid.
pub fn load_spec(dir: &Path) -> Spec {
    antom_spec::load(&read_spec_files(dir))
        .unwrap_or_else(|p| panic!("{} has problems:\n{p}", dir.display()))
}

/// The repository's own spec.
pub fn repo_spec() -> Spec {
    load_spec(&repo_root().join("spec"))
}
