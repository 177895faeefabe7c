//! Finds and reads the spec: `--spec DIR`, else `spec/` above the current directory, else the
//! spec compiled into the binary.

use std::fs;
use std::path::{Path, PathBuf};

use antom_codegen::writer;
pub use antom_codegen::writer::read_dir;
use antom_spec::SourceFile;
use anyhow::Context;

include!(concat!(env!("OUT_DIR"), "/embedded_spec.rs"));

/// Where a spec was read from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecOrigin {
    Dir(PathBuf),
    Embedded,
}

/// The `spec/` folder of the nearest ancestor of the current directory that holds an antom spec
/// ([`is_antom_spec`]); a `spec/` folder of something else is skipped with a note on stderr.
pub fn find_spec_dir() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    for dir in cwd.ancestors().map(|a| a.join("spec")) {
        if !dir.is_dir() {
            continue;
        }
        if is_antom_spec(&dir) {
            return Some(dir);
        }
        eprintln!(
            "note: skipping {}: not an antom spec (no .yaml or .yml file in it declares `package:`)",
            writer::show(&dir)
        );
    }
    None
}

/// Whether a folder holds an antom spec: one of its `.yaml`/`.yml` files declares `package:` at
/// the top level, as the file with the package block does.
pub fn is_antom_spec(dir: &Path) -> bool {
    let Ok(paths) = writer::spec_paths(dir) else {
        return false;
    };
    paths.iter().any(|path| {
        fs::read(path).is_ok_and(|bytes| {
            bytes
                .split(|&b| b == b'\n')
                .any(|line| line.starts_with(b"package:"))
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

/// Whether `files` are the built-in spec's files (the same names and bytes), whatever folder
/// they were read from: then the validator compiled into the binary checks exactly that spec.
pub fn is_built_in(files: &[SourceFile]) -> bool {
    let name = |path: &str| {
        path.rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let mut ours: Vec<(String, &[u8])> = files
        .iter()
        .map(|f| (name(&f.path), f.bytes.as_slice()))
        .collect();
    let mut built_in: Vec<(String, &[u8])> = EMBEDDED_SPEC
        .iter()
        .map(|(path, bytes)| (name(path), *bytes))
        .collect();
    ours.sort();
    built_in.sort();
    ours == built_in
}

/// Reads the spec the user asked for, or the default one; an error names the folder.
pub fn read(
    spec: Option<&Path>,
) -> Result<(SpecOrigin, Vec<SourceFile>), (PathBuf, std::io::Error)> {
    match spec.map(Path::to_path_buf).or_else(find_spec_dir) {
        Some(dir) => match read_dir(&dir) {
            Ok(files) => Ok((SpecOrigin::Dir(dir), files)),
            Err(e) => Err((dir, e)),
        },
        None => Ok((SpecOrigin::Embedded, embedded())),
    }
}

/// The spec an argument of `antom diff` names: a folder, or `REV:PATH`, the folder as git has
/// it at a revision of the repository of the current directory (`v1.0.0:spec`). A folder that
/// exists wins over the git reading of the same text.
pub fn read_arg(arg: &str) -> anyhow::Result<Vec<SourceFile>> {
    let path = Path::new(arg);
    if !path.exists()
        && let Some((rev, dir)) = arg.split_once(':')
        && !rev.is_empty()
        && !rev.starts_with('-')
    {
        return read_git(rev, dir);
    }
    read_dir(path).with_context(|| format!("cannot read the spec folder {arg}"))
}

/// Reads the `.yaml`/`.yml` files of `dir` at `rev` through `git`; paths are shown as `REV:DIR/name`.
fn read_git(rev: &str, dir: &str) -> anyhow::Result<Vec<SourceFile>> {
    let dir = dir.trim_end_matches('/');
    let prefix = if dir.is_empty() || dir == "." {
        format!("{rev}:")
    } else {
        format!("{rev}:{dir}/")
    };
    let listing = git(&["ls-tree", "-z", &format!("{rev}:{dir}")])
        .with_context(|| format!("cannot read the spec folder {rev}:{dir} through git"))?;
    let mut names: Vec<String> = listing
        .split(|&b| b == 0)
        .filter_map(|entry| {
            // `<mode> <type> <object>\t<name>`
            let entry = std::str::from_utf8(entry).ok()?;
            let (meta, name) = entry.split_once('\t')?;
            let is_spec = Path::new(name)
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml");
            (meta.split(' ').nth(1) == Some("blob") && is_spec).then(|| name.to_owned())
        })
        .collect();
    names.sort();
    if names.is_empty() {
        anyhow::bail!("{rev}:{dir} holds no .yaml or .yml file");
    }
    names
        .into_iter()
        .map(|name| {
            let object = format!("{prefix}{name}");
            let bytes = git(&["cat-file", "blob", &object])
                .with_context(|| format!("cannot read {object} through git"))?;
            Ok(SourceFile::new(object, bytes))
        })
        .collect()
}

fn git(args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let output = std::process::Command::new("git")
        .args(args)
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        anyhow::bail!("git {}: {}", args.join(" "), stderr.trim());
    }
    Ok(output.stdout)
}
