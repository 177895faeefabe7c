//! Finds and reads the spec: `--spec DIR`, else `spec/` above the current directory, else the
//! spec compiled into the binary.

use std::fs;
use std::path::{Path, PathBuf};

pub use antom_codegen::writer::read_dir;
use antom_spec::SourceFile;

include!(concat!(env!("OUT_DIR"), "/embedded_spec.rs"));

/// Where a spec was read from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecOrigin {
    Dir(PathBuf),
    Embedded,
}

/// The `spec/` folder of the nearest ancestor of the current directory that has one.
pub fn find_spec_dir() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().map(|a| a.join("spec")).find(|s| {
        fs::read_dir(s).is_ok_and(|mut rd| {
            rd.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml")))
        })
    })
}

/// The spec files compiled into this binary.
pub fn embedded() -> Vec<SourceFile> {
    EMBEDDED_SPEC
        .iter()
        .map(|(path, bytes)| SourceFile::new(*path, *bytes))
        .collect()
}

/// Reads the spec the user asked for, or the default one.
pub fn read(spec: Option<&Path>) -> std::io::Result<(SpecOrigin, Vec<SourceFile>)> {
    match spec.map(Path::to_path_buf).or_else(find_spec_dir) {
        Some(dir) => Ok((SpecOrigin::Dir(dir.clone()), read_dir(&dir)?)),
        None => Ok((SpecOrigin::Embedded, embedded())),
    }
}
