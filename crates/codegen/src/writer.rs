//! Writes generated files so that each output folder holds exactly what the generator produced,
//! and reads spec folders: the file system side of generation, shared by the `antom` CLI and
//! `cargo xtask` (which therefore build without the runtime crate the generator writes).
//!
//! Unchanged files are not rewritten (their modification time stays), files the generator no
//! longer produces are deleted, and `--check` reports the same differences without writing.
//! Targets are generated and written in parallel, one target per thread at a time.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use antom_spec::{SourceFile, Spec};

use crate::{GeneratedFile, Target};

/// Where one target's files go.
#[derive(Clone, Debug)]
pub struct Destination {
    pub target: Target,
    pub dir: PathBuf,
    /// Files in `dir` that the target does not produce are unexpected (else only its files are
    /// compared). Folders of other destinations inside `dir` are left to those destinations.
    pub owns_dir: bool,
}

/// What [`sync`] found or did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files generated, over all destinations.
    pub files: usize,
    /// Differences from the disk before writing, sorted.
    pub drift: Vec<Drift>,
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

/// Generates every destination's target and compares it with the disk; unless `check`, also
/// brings the disk in line.
///
/// Targets are generated on up to one thread per core ([`antom_spec::par_map`]), and each
/// target's files are written and dropped before the thread takes the next target, so memory
/// holds at most one target per thread.
pub fn sync(spec: &Spec, destinations: &[Destination], check: bool) -> io::Result<Report> {
    let results = antom_spec::par_map(destinations, |dest| {
        let generated = dest.target.generate(spec);
        sync_one(dest, &generated, destinations, check).map(|drift| (generated.len(), drift))
    });
    let mut report = Report::default();
    for result in results {
        let (files, drift) = result?;
        report.files += files;
        report.drift.extend(drift);
    }
    report.drift.sort();
    report.drift.dedup();
    Ok(report)
}

/// Compares one destination with the disk and, unless `check`, writes and deletes.
fn sync_one(
    dest: &Destination,
    files: &[GeneratedFile],
    all: &[Destination],
    check: bool,
) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    let mut expected = BTreeSet::new();
    for file in files {
        let path = dest.dir.join(&file.path);
        let change = match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => None,
            Ok(_) => Some(Drift::Stale(path.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some(Drift::Missing(path.clone())),
            Err(e) => return Err(e),
        };
        if let Some(change) = change {
            if !check {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, &file.contents)?;
            }
            drift.push(change);
        }
        expected.insert(path);
    }
    if dest.owns_dir {
        // Other destinations nested in this folder own their files.
        let nested: Vec<&Path> = all
            .iter()
            .filter(|d| d.dir != dest.dir && d.dir.starts_with(&dest.dir))
            .map(|d| d.dir.as_path())
            .collect();
        let mut present = Vec::new();
        files_under(&dest.dir, &mut present)?;
        for path in present {
            if expected.contains(&path) || nested.iter().any(|n| path.starts_with(n)) {
                continue;
            }
            if !check {
                fs::remove_file(&path)?;
                remove_empty_parents(&path, &dest.dir);
            }
            drift.push(Drift::Unexpected(path));
        }
    }
    Ok(drift)
}

/// Removes folders emptied by a deletion, up to (not including) the owned folder.
fn remove_empty_parents(path: &Path, root: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Reads every `.yaml`/`.yml` file of a folder, sorted by name; paths are shown as `DIR/name`.
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Ok(SourceFile::new(display_path(&p), fs::read(&p)?)))
        .collect()
}

/// Paths under the current directory are shown relative to it, like a compiler does.
fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}
