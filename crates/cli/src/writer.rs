//! Writes generated files so that each output folder holds exactly what the generator produced.
//!
//! Unchanged files are not rewritten (their modification time stays), files the generator no
//! longer produces are deleted, and `--check` reports the same differences without writing.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use antom_codegen::GeneratedFile;

/// One output folder that the generator owns, and what belongs in it.
#[derive(Debug)]
pub struct Output {
    pub dir: PathBuf,
    pub files: Vec<GeneratedFile>,
    /// Files in `dir` that are not in `files` are unexpected (else only `files` are compared).
    pub owns_dir: bool,
}

/// A difference between the generated files and the disk.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// Generated but not on disk.
    Missing(PathBuf),
    /// On disk with other contents.
    Stale(PathBuf),
    /// On disk in an owned folder, but no longer generated.
    Unexpected(PathBuf),
}

impl Drift {
    pub fn path(&self) -> &Path {
        match self {
            Drift::Missing(p) | Drift::Stale(p) | Drift::Unexpected(p) => p,
        }
    }
}

impl Drift {
    /// What writing did about it: `created`, `updated` or `deleted`.
    pub fn describe_write(&self) -> String {
        match self {
            Drift::Missing(p) => format!("created: {}", p.display()),
            Drift::Stale(p) => format!("updated: {}", p.display()),
            Drift::Unexpected(p) => format!("deleted: {}", p.display()),
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Stale(p) => write!(f, "stale: {}", p.display()),
            Drift::Unexpected(p) => write!(f, "unexpected: {}", p.display()),
        }
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Compares the outputs with the disk.
pub fn diff(outputs: &[Output]) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    let mut expected = BTreeSet::new();
    for output in outputs {
        for file in &output.files {
            let path = output.dir.join(&file.path);
            match fs::read(&path) {
                Ok(bytes) if bytes == file.contents.as_bytes() => {}
                Ok(_) => drift.push(Drift::Stale(path.clone())),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    drift.push(Drift::Missing(path.clone()))
                }
                Err(e) => return Err(e),
            }
            expected.insert(path);
        }
    }
    for output in outputs.iter().filter(|o| o.owns_dir) {
        let mut present = Vec::new();
        files_under(&output.dir, &mut present)?;
        for path in present {
            if !expected.contains(&path) {
                drift.push(Drift::Unexpected(path));
            }
        }
    }
    drift.sort();
    drift.dedup();
    Ok(drift)
}

/// Brings the disk in line with the outputs; returns what changed.
pub fn write(outputs: &[Output]) -> io::Result<Vec<Drift>> {
    let drift = diff(outputs)?;
    for change in &drift {
        match change {
            Drift::Missing(path) | Drift::Stale(path) => {
                let contents = outputs
                    .iter()
                    .flat_map(|o| o.files.iter().map(move |f| (o.dir.join(&f.path), f)))
                    .find(|(p, _)| p == path)
                    .map(|(_, f)| f.contents.as_str())
                    .unwrap_or_default();
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, contents)?;
            }
            Drift::Unexpected(path) => {
                fs::remove_file(path)?;
                remove_empty_parents(path, outputs);
            }
        }
    }
    Ok(drift)
}

/// Removes folders emptied by a deletion, up to (not including) the owned folder.
fn remove_empty_parents(path: &Path, outputs: &[Output]) {
    let Some(root) = outputs
        .iter()
        .find(|o| path.starts_with(&o.dir))
        .map(|o| o.dir.as_path())
    else {
        return;
    };
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
