//! The file system side of generation, shared by `antom generate` and `cargo xtask codegen` (which
//! therefore does not build the CLI): reads spec folders, and
//! writes generated files into output folders without touching any other file.
//!
//! - Each output folder keeps a manifest, [`MANIFEST`]: a header line, the target whose files
//!   the folder holds (`# target: NAME`), then the paths of the files the generator wrote there,
//!   sorted, one a line. A file is the generator's when the manifest lists it and it still
//!   carries [`MARKER`] in its first lines, or when it already holds exactly the bytes the
//!   generator would write (that is how an existing folder is adopted). An empty file carries no
//!   header, so it is never the generator's to delete. Any other file at a path to write is a
//!   [`Conflict`]; [`Options::force`] overwrites such a regular file, never a link, a folder or a
//!   special file.
//! - The lock, a manifest and a temporary file are never written or deleted through a manifest
//!   entry, whatever the manifest lists.
//! - Stale files are found through the manifest only, never by walking a folder, and deleted only
//!   while they carry the header; one that lost it is left in place and dropped from the manifest.
//!   When the manifest names another target than the one now generated into its folder, the
//!   files that would go are conflicts ([`ConflictKind::OtherTarget`]) until forced.
//! - Symbolic links below the base folder are never followed: a link at a path to write, or in
//!   place of a folder on the way to one, is a conflict; other links are never looked at.
//! - All or nothing: every destination's files are compared with the disk; changed files are
//!   written to temporary files beside their places (`.NAME.PID-N.antom-tmp`) and synced to
//!   disk, and only when every one is written and no conflict was found are the folders synced,
//!   the files renamed into place, stale files deleted, manifests replaced and the folders synced
//!   again. Otherwise the temporary files and the folders made for them are removed again, and so
//!   is the base folder when this run made it.
//! - Temporary files left by a run that was killed are found in the folders a run writes to or
//!   whose files its manifest lists (no other folder is walked), and removed by the next run that
//!   writes ([`Report::leftovers`]): on Linux those whose process (the PID in the name) no longer
//!   runs, checked in `/proc`; where that cannot be told, those older than a day.
//! - Runs into one base folder are serialized by a lock file, [`LOCK`], removed when the run ends
//!   (on Unix; elsewhere it stays, empty).
//!
//! Unchanged files are not rewritten (their modification time stays), and `check` reports the
//! same differences and conflicts without writing anything. The writer receives rendered files,
//! never a spec: [`Destination::render`] renders every target from one intermediate layer, on up
//! to one thread per core, and folders are compared and staged on up to one thread per core.
//!
//! Manifest lines that are not plain relative paths (`..`, absolute, backslashes, control
//! characters) are ignored, so a manifest cannot name a file outside its folder. The lock file is
//! opened read-only when present (a lock needs no write access), checked to still be the file at
//! its path after locking, and `check` takes no lock.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use antom_spec::{SourceFile, Spec};

use crate::ir::Ir;
use crate::{GeneratedFile, MARKER, RenderError, Target};

/// The manifest each output folder keeps: the files the generator wrote there.
pub const MANIFEST: &str = ".antom-generated";

/// The lock file in the base folder that serializes runs.
pub const LOCK: &str = ".antom-generated.lock";

/// How many bytes of an existing file are read to look for the header, when its size already
/// shows that it differs from the output.
const HEAD_BYTES: u64 = 4096;

/// Where one target's files go.
#[derive(Clone, Debug)]
pub struct Destination {
    pub source: Source,
    /// Relative to the base folder given to [`sync`]; empty for the base folder itself.
    pub dir: PathBuf,
}

/// What a destination holds: files already rendered; the writer never generates.
#[derive(Clone, Debug)]
pub enum Source {
    /// A target's files ([`Destination::render`]): its manifest names the target.
    Target(Target, Vec<GeneratedFile>),
    /// Files made elsewhere (the `antom` command's completions and man pages), under the same
    /// rules.
    Files(Vec<GeneratedFile>),
}

impl Destination {
    /// One destination per target, into the folder `dir` gives it, every target rendered from
    /// one intermediate layer of `spec` (on up to one thread per target). A template that fails
    /// to render stops it before anything is written.
    pub fn render(
        spec: &Spec,
        targets: &[Target],
        dir: impl Fn(Target) -> PathBuf,
    ) -> Result<Vec<Destination>, RenderError> {
        let ir = Ir::new(spec);
        antom_spec::par_map(targets, |&target| target.generate_ir(&ir))
            .into_iter()
            .zip(targets)
            .map(|(files, &target)| {
                Ok(Destination {
                    source: Source::Target(target, files?),
                    dir: dir(target),
                })
            })
            .collect()
    }
}

/// How [`sync`] runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write nothing; report differences and conflicts.
    pub check: bool,
    /// Overwrite regular files the generator did not write (see [`ConflictKind::forced`]).
    pub force: bool,
}

/// What [`sync`] found or did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files generated, over all destinations (manifests not counted).
    pub files: usize,
    /// With `check`: the differences from the disk. Otherwise what was changed (empty when there
    /// are conflicts, since then nothing is written). Sorted.
    pub drift: Vec<Drift>,
    /// Paths in the way. When there are any, nothing was written. Sorted.
    pub conflicts: Vec<Conflict>,
    /// Temporary files left by a run that was killed (its process no longer runs): removed by
    /// this run, or with `check` (or conflicts) only found. Sorted.
    pub leftovers: Vec<PathBuf>,
}

/// A difference between the generated files and the disk.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// Generated but not on disk.
    Missing(PathBuf),
    /// On disk with other contents.
    Stale(PathBuf),
    /// Listed in the manifest, no longer generated, still carrying the header: deleted.
    Unexpected(PathBuf),
    /// Listed in the manifest and no longer generated, but no longer an unedited generated file
    /// (its header is gone, or it is a link or folder now): left in place, dropped from the
    /// manifest.
    Released(PathBuf),
}

impl Drift {
    pub fn path(&self) -> &Path {
        match self {
            Drift::Missing(p) | Drift::Stale(p) | Drift::Unexpected(p) | Drift::Released(p) => p,
        }
    }

    /// A short name for scripts: `missing`, `stale`, `unexpected` or `released`.
    pub fn kind(&self) -> &'static str {
        match self {
            Drift::Missing(_) => "missing",
            Drift::Stale(_) => "stale",
            Drift::Unexpected(_) => "unexpected",
            Drift::Released(_) => "released",
        }
    }

    /// What writing did about it: `created`, `updated`, `deleted` or `kept`.
    pub fn describe_write(&self) -> String {
        let p = show(self.path());
        match self {
            Drift::Missing(_) => format!("created: {p}"),
            Drift::Stale(_) => format!("updated: {p}"),
            Drift::Unexpected(_) => format!("deleted: {p}"),
            Drift::Released(_) => format!(
                "kept: {p} (no longer generated, but no longer as antom wrote it: not deleted)"
            ),
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = show(self.path());
        match self {
            Drift::Released(_) => write!(
                f,
                "released: {p} (no longer generated, but no longer as antom wrote it: it will be kept)"
            ),
            _ => write!(f, "{}: {p}", self.kind()),
        }
    }
}

/// A path that holds something the generator may not replace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conflict {
    pub path: PathBuf,
    pub kind: ConflictKind,
}

/// Why a path is in the way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictKind {
    /// A regular file the generator did not write: not in the manifest, no header.
    NotOurs,
    /// A regular file with the header that the manifest does not list (a copy, or the output of
    /// an older version that kept no manifest).
    Unlisted,
    /// A file the manifest lists whose header was removed: it is its editor's now.
    HeaderRemoved,
    /// A symbolic link, at the path or in place of a folder on the way to it.
    Link,
    /// A folder or special file where a file is to be written.
    NotAFile,
    /// A file where a folder must be.
    NotAFolder,
    /// A file the generator wrote here for another target, which this run's targets would
    /// delete (the folder's manifest names that target).
    OtherTarget(Target),
}

impl ConflictKind {
    /// Whether [`Options::force`] overwrites it: only regular files at the paths to write.
    pub fn forced(self) -> bool {
        matches!(
            self,
            ConflictKind::NotOurs
                | ConflictKind::Unlisted
                | ConflictKind::HeaderRemoved
                | ConflictKind::OtherTarget(_)
        )
    }

    /// A short name for scripts.
    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::NotOurs => "not_generated",
            ConflictKind::Unlisted => "not_in_manifest",
            ConflictKind::HeaderRemoved => "header_removed",
            ConflictKind::Link => "symlink",
            ConflictKind::NotAFile => "not_a_file",
            ConflictKind::NotAFolder => "not_a_folder",
            ConflictKind::OtherTarget(_) => "other_target",
        }
    }

    /// Why it is in the way and what `--force` does about it.
    pub fn explain(self) -> String {
        let text = match self {
            ConflictKind::NotOurs => "a file antom did not write (--force overwrites it)",
            ConflictKind::Unlisted => {
                "carries antom's @generated header but is not listed in the folder's \
                 .antom-generated (a copy, or an older antom's output: --force overwrites it)"
            }
            ConflictKind::HeaderRemoved => {
                "antom wrote it, but its @generated header was removed, so it is kept as someone's \
                 own file (--force overwrites it)"
            }
            ConflictKind::Link => {
                "a symbolic link: links are never followed or replaced, even with --force"
            }
            ConflictKind::NotAFile => {
                "a folder or special file where a file is to be written (never replaced, even \
                 with --force)"
            }
            ConflictKind::NotAFolder => {
                "a file where a folder must be (never replaced, even with --force)"
            }
            ConflictKind::OtherTarget(target) => {
                return format!(
                    "written here by `--target {}`, which this run does not generate: it would be \
                     deleted (--force deletes it)",
                    target.name()
                );
            }
        };
        text.to_owned()
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "conflict: {}: {}", show(&self.path), self.kind.explain())
    }
}

/// An I/O failure, with the path it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Before anything was written (or with `check`).
    #[error("cannot {action} {}: {error}; nothing was written", show(path))]
    Io {
        action: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    /// While temporary files were being renamed into place, stale files deleted or manifests
    /// replaced: some changes were made, the rest were not.
    #[error(
        "cannot {action} {}: {error}\n{}",
        show(path),
        partial(changed, unchanged)
    )]
    Partial {
        action: &'static str,
        path: PathBuf,
        error: io::Error,
        /// Written or deleted before the failure.
        changed: Vec<PathBuf>,
        /// Not written or not deleted (the failed path first).
        unchanged: Vec<PathBuf>,
    },
}

fn partial(changed: &[PathBuf], unchanged: &[PathBuf]) -> String {
    let list = |paths: &[PathBuf]| -> String {
        paths.iter().map(|p| format!("\n  {}", show(p))).collect()
    };
    format!(
        "changed before the failure ({}):{}\nnot changed ({}):{}",
        changed.len(),
        list(changed),
        unchanged.len(),
        list(unchanged)
    )
}

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |error| Error::Io {
        action,
        path: path.to_path_buf(),
        error,
    }
}

/// A path for people: characters a terminal would act on (which a folder name can hold) are
/// shown escaped, as [`escape`] does.
pub fn show(path: &Path) -> String {
    escape(&path.display().to_string())
}

/// Whether a character must not reach a terminal as it is: the C0 and C1 controls and DEL
/// (escape sequences, carriage returns), the line and paragraph separators, and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// reorder what is shown after them.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text from a spec, a file name, an argument or a payload as it may be printed on a terminal:
/// every [`is_unsafe_char`] is written as an escape (`\n`, `\r`, `\t`, else `\u{1b}`), so no
/// input can send escape sequences, reorder a line or forge one.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// [`escape`] for text of several lines (a description): line feeds stay.
pub fn escape_lines(text: &str) -> String {
    escape_with(text, true)
}

fn escape_with(text: &str, keep_lines: bool) -> String {
    if !text.chars().any(is_unsafe_char) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A `/`-separated relative path of plain names (no `.`, `..`, root, drive, backslash or control
/// character), or `None`.
fn relative_path(text: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for part in text.split('/') {
        let plain = !part.is_empty()
            && part != "."
            && part != ".."
            && !part.contains('\\')
            && !part.chars().any(char::is_control)
            && matches!(
                Path::new(part).components().collect::<Vec<_>>().as_slice(),
                [Component::Normal(_)]
            );
        if !plain {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// The end of a temporary file's name: `.NAME.PID-N.antom-tmp`.
const TEMP_SUFFIX: &str = ".antom-tmp";

/// How old a temporary file must be before a run removes it where it cannot tell whether the
/// process that wrote it still runs (no `/proc`).
const TEMP_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// The process that wrote a temporary file, from its name `.NAME.PID-N.antom-tmp`; `None` for
/// any other name.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (file, tag) = rest.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if file.is_empty() || !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` runs, where the system tells (`/proc/PID` on Linux); `None` where it
/// cannot be told.
fn process_state(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        return Some(proc.join(pid.to_string()).exists());
    }
    None
}

/// Whether process `pid` may still run: only a process known to be gone does not.
#[cfg_attr(not(test), allow(dead_code))]
fn process_runs(pid: u32) -> bool {
    process_state(pid) != Some(false)
}

/// Whether the temporary file at `path`, named `name`, was left by a run that ended without
/// cleaning up: its process no longer runs (Linux), or, where that cannot be told, it is older
/// than [`TEMP_MAX_AGE`]. Only regular files count.
fn abandoned_temp(path: &Path, name: &str) -> bool {
    let Some(pid) = temp_owner(name) else {
        return false;
    };
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match process_state(pid) {
        Some(runs) => !runs,
        None => meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > TEMP_MAX_AGE),
    }
}

/// Whether a generated or listed path names a file the writer keeps for itself: the lock, a
/// manifest (at any depth) or a temporary file. Such a path is never written or deleted.
fn is_reserved(rel: &Path) -> bool {
    rel.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == LOCK || n == MANIFEST || n.ends_with(TEMP_SUFFIX))
}

/// The manifest's first line.
fn manifest_head() -> String {
    format!(
        "# {MARKER}: the files it wrote in this folder, one path a line; it deletes no other file. Do not edit.\n"
    )
}

/// The manifest line that names the target whose files a folder holds.
const TARGET_LINE: &str = "# target: ";

/// The manifest for these generated paths (sorted by the caller), of `target` when the files are
/// a target's.
fn manifest_text(paths: &[&str], target: Option<Target>) -> String {
    let mut text = manifest_head();
    if let Some(target) = target {
        text.push_str(TARGET_LINE);
        text.push_str(target.name());
        text.push('\n');
    }
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// Whether a manifest's bytes are the generator's: the first line carries the marker.
fn is_manifest(bytes: &[u8]) -> bool {
    bytes.starts_with(format!("# {MARKER}").as_bytes())
}

/// The paths a manifest lists; lines that are not plain relative paths are ignored, so a
/// manifest can never name a file outside its folder.
fn manifest_entries(bytes: &[u8]) -> BTreeSet<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| relative_path(l).is_some())
        .map(str::to_owned)
        .collect()
}

/// The target a manifest names, when it names a known one.
fn manifest_target(bytes: &[u8]) -> Option<Target> {
    String::from_utf8_lossy(bytes)
        .lines()
        .take(3)
        .find_map(|l| l.strip_prefix(TARGET_LINE))
        .and_then(|name| Target::from_name(name.trim()))
}

/// Whether a file's first lines carry the marker.
fn has_header(head: &[u8]) -> bool {
    String::from_utf8_lossy(head)
        .lines()
        .take(3)
        .any(|l| l.contains(MARKER))
}

/// What is at a path, looked at without following a link.
enum Existing {
    Absent,
    Link,
    NotAFile,
    File {
        /// Holds exactly the expected bytes.
        same: bool,
        /// Carries the header in its first lines.
        header: bool,
        permissions: Permissions,
    },
}

fn inspect(path: &Path, expected: &[u8]) -> Result<Existing, Error> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(e) => return Err(io_error("read", path)(e)),
    };
    if meta.file_type().is_symlink() {
        return Ok(Existing::Link);
    }
    if !meta.is_file() {
        return Ok(Existing::NotAFile);
    }
    let file = File::open(path).map_err(io_error("read", path))?;
    let same_size = meta.len() == expected.len() as u64;
    let limit = if same_size {
        meta.len() + 1
    } else {
        HEAD_BYTES
    };
    let mut bytes = Vec::with_capacity(limit.min(meta.len() + 1) as usize);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(io_error("read", path))?;
    let same = same_size && bytes == expected;
    Ok(Existing::File {
        same,
        // An empty file never carries the header: it is never the generator's to delete.
        header: has_header(&bytes[..bytes.len().min(HEAD_BYTES as usize)]),
        permissions: meta.permissions(),
    })
}

/// What is at each folder on the way to a path, below the base folder, looked up once.
struct Folders<'a> {
    base: &'a Path,
    known: HashMap<PathBuf, FolderState>,
}

#[derive(Clone, Copy)]
enum FolderState {
    Folder,
    Absent,
    Link,
    Other,
}

impl<'a> Folders<'a> {
    fn new(base: &'a Path) -> Self {
        Folders {
            base,
            known: HashMap::new(),
        }
    }

    /// The conflict in the way of folder `rel` (relative to the base), if any: a link or a file
    /// in place of it or of a folder above it. A missing folder is no conflict (it is made).
    fn check(&mut self, rel: &Path) -> Result<Option<Conflict>, Error> {
        let mut prefix = PathBuf::new();
        for part in rel.components() {
            prefix.push(part);
            let state = match self.known.get(&prefix) {
                Some(state) => *state,
                None => {
                    let full = self.base.join(&prefix);
                    let state = match fs::symlink_metadata(&full) {
                        Ok(m) if m.file_type().is_symlink() => FolderState::Link,
                        Ok(m) if m.is_dir() => FolderState::Folder,
                        Ok(_) => FolderState::Other,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => FolderState::Absent,
                        Err(e) => return Err(io_error("read", &full)(e)),
                    };
                    self.known.insert(prefix.clone(), state);
                    state
                }
            };
            let kind = match state {
                FolderState::Folder => continue,
                FolderState::Absent => return Ok(None),
                FolderState::Link => ConflictKind::Link,
                FolderState::Other => ConflictKind::NotAFolder,
            };
            return Ok(Some(Conflict {
                path: self.base.join(&prefix),
                kind,
            }));
        }
        Ok(None)
    }
}

/// A file written beside its place, to be renamed there.
#[derive(Debug)]
struct Staged {
    temp: PathBuf,
    path: PathBuf,
}

/// One destination, compared and (unless checking, or something is in the way) staged.
#[derive(Debug, Default)]
struct Plan {
    dir: PathBuf,
    files: usize,
    drift: Vec<Drift>,
    conflicts: Vec<Conflict>,
    staged: Vec<Staged>,
    delete: Vec<PathBuf>,
    manifest: Option<Staged>,
    /// Temporary files of killed runs in the folders this destination uses.
    leftovers: Vec<PathBuf>,
}

impl Plan {
    /// Removes the temporary files.
    fn discard(&mut self) {
        for s in self.staged.drain(..).chain(self.manifest.take()) {
            let _ = fs::remove_file(&s.temp);
        }
    }
}

/// State shared by the threads of one [`sync`].
struct Run<'a> {
    base: &'a Path,
    options: Options,
    /// Set when a destination has a conflict or an error: the others stop staging.
    abort: AtomicBool,
    /// Folders made for temporary files, removed again if the run is abandoned.
    made: Mutex<Vec<PathBuf>>,
    /// Every destination's folder, relative to the base.
    dirs: Vec<PathBuf>,
}

static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Run<'_> {
    /// Makes the folder `dir` (under the base) and those above it that are missing, never through
    /// a link.
    fn make_folders(&self, dir: &Path) -> Result<(), Error> {
        let rel = dir.strip_prefix(self.base).unwrap_or(dir);
        let mut path = self.base.to_path_buf();
        for part in rel.components() {
            path.push(part);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => {
                    return Err(Error::Io {
                        action: "make folder",
                        path,
                        error: io::Error::other("a file or link is in the way"),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error("read", &path)(e)),
            }
            match fs::create_dir(&path) {
                Ok(()) => self
                    .made
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(path.clone()),
                // Made by another thread meanwhile; looked at again.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
                    if !is_dir {
                        return Err(io_error("make folder", &path)(e));
                    }
                }
                Err(e) => return Err(io_error("make folder", &path)(e)),
            }
        }
        Ok(())
    }

    /// Writes `contents` to a new temporary file beside `path`.
    fn stage(
        &self,
        path: &Path,
        contents: &[u8],
        permissions: Option<Permissions>,
    ) -> Result<Staged, Error> {
        let parent = path.parent().unwrap_or(self.base);
        self.make_folders(parent)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (temp, mut file) = loop {
            let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
            let temp = parent.join(format!(".{name}.{}-{n}.antom-tmp", std::process::id()));
            // `create_new` never follows a link and never opens an existing file.
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io_error("write", path)(e)),
            }
        };
        let written = file
            .write_all(contents)
            .and_then(|()| match permissions {
                Some(p) => file.set_permissions(p),
                None => Ok(()),
            })
            .and_then(|()| file.flush())
            // On disk before it is renamed into place, so that a power loss never leaves an
            // empty or partial file under the real name.
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            drop(file);
            let _ = fs::remove_file(&temp);
            return Err(io_error("write", path)(e));
        }
        Ok(Staged {
            temp,
            path: path.to_path_buf(),
        })
    }

    /// Removes the folders made for temporary files, deepest first, where they are empty.
    fn remove_made_folders(&self) {
        let mut made = std::mem::take(&mut *self.made.lock().unwrap_or_else(|e| e.into_inner()));
        made.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
        for dir in made {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// The lock of a base folder, held while a run compares and writes. On Unix the lock file is
/// removed again before the lock is released, so a run leaves nothing behind; a run waiting for
/// the lock meanwhile finds its file gone and takes a new one.
#[derive(Debug)]
struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock of `base`: the file is opened read-only when it exists (a lock needs no
    /// write access, and anything but a regular file is refused), made with `create_new` (which
    /// never follows a link) when it does not.
    fn take(base: &Path) -> Result<Lock, Error> {
        let path = base.join(LOCK);
        loop {
            let file = match fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => File::open(&path),
                Ok(_) => {
                    return Err(Error::Io {
                        action: "lock",
                        path,
                        error: io::Error::other("not a regular file (a link or folder): remove it"),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    OpenOptions::new().write(true).create_new(true).open(&path)
                }
                Err(e) => Err(e),
            };
            match file {
                Ok(file) => {
                    file.lock().map_err(io_error("lock", &path))?;
                    let lock = Lock {
                        file,
                        path: path.clone(),
                    };
                    if lock.is_current() {
                        return Ok(lock);
                    }
                    // Removed by the run that held it (dropping releases it): take the next one.
                    drop(lock);
                }
                // Made, or removed, by another run between the two calls.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::AlreadyExists | io::ErrorKind::NotFound
                    ) => {}
                Err(e) => return Err(io_error("lock", &path)(e)),
            }
        }
    }

    /// Whether the lock's path still names the locked file.
    #[cfg(unix)]
    fn is_current(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
            _ => false,
        }
    }

    #[cfg(not(unix))]
    fn is_current(&self) -> bool {
        true
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, and only when empty (a lock file is never written to, so a
        // file with contents is someone else's); closing the file then releases the lock.
        #[cfg(unix)]
        if self.is_current() && self.file.metadata().is_ok_and(|m| m.len() == 0) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Compares every destination's files with the disk under `base`; unless
/// `options.check`, also brings the disk in line, all or nothing (see the module documentation).
pub fn sync(base: &Path, destinations: &[Destination], options: Options) -> Result<Report, Error> {
    let mut seen = BTreeSet::new();
    for dest in destinations {
        let plain = dest.dir.as_os_str().is_empty()
            || dest
                .dir
                .to_str()
                .and_then(|d| relative_path(&d.replace('\\', "/")))
                .is_some();
        if !plain || !seen.insert(&dest.dir) {
            return Err(Error::Io {
                action: "use output folder",
                path: base.join(&dest.dir),
                error: io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a plain relative folder, or named twice",
                ),
            });
        }
    }
    if options.check {
        return sync_locked(base, destinations, options);
    }
    // The folders on the way to `base` that this run makes, deepest first: removed again when the
    // run fails or writes nothing.
    let made: Vec<PathBuf> = base
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && fs::symlink_metadata(a).is_err())
        .map(Path::to_path_buf)
        .collect();
    let remove_made = || {
        for dir in &made {
            if fs::remove_dir(dir).is_err() {
                break;
            }
        }
    };
    if let Err(e) = fs::create_dir_all(base) {
        remove_made();
        return Err(io_error("make folder", base)(e));
    }
    // The folders made on the way are entries of their parents: on disk before anything is
    // renamed into them (best effort, as after the renames).
    for dir in &made {
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = sync_folder(parent);
        }
    }
    let lock = match Lock::take(base) {
        Ok(lock) => lock,
        Err(e) => {
            remove_made();
            return Err(e);
        }
    };
    let result = sync_locked(base, destinations, options);
    // The lock file goes first: the folder it was in may be removed next.
    drop(lock);
    if result.as_ref().map_or(true, |r| !r.conflicts.is_empty()) {
        remove_made();
    }
    result
}

/// [`sync`] once the base folder is locked (or, with `check`, not locked).
fn sync_locked(
    base: &Path,
    destinations: &[Destination],
    options: Options,
) -> Result<Report, Error> {
    let run = Run {
        base,
        options,
        abort: AtomicBool::new(false),
        made: Mutex::new(Vec::new()),
        dirs: destinations.iter().map(|d| d.dir.clone()).collect(),
    };
    let results = antom_spec::par_map(destinations, |dest| {
        let plan = plan(dest, &run);
        if plan.as_ref().map_or(true, |p| !p.conflicts.is_empty()) {
            run.abort.store(true, Ordering::SeqCst);
        }
        plan
    });
    let mut report = Report::default();
    let mut plans = Vec::new();
    let mut error = None;
    for result in results {
        match result {
            Ok(mut plan) => {
                report.files += plan.files;
                report.drift.append(&mut plan.drift);
                report.conflicts.append(&mut plan.conflicts);
                report.leftovers.append(&mut plan.leftovers);
                plans.push(plan);
            }
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    report.drift.sort();
    report.drift.dedup();
    report.conflicts.sort();
    report.conflicts.dedup();
    report.leftovers.sort();
    report.leftovers.dedup();
    if options.check {
        return error.map_or(Ok(report), Err);
    }
    if error.is_some() || !report.conflicts.is_empty() {
        for plan in &mut plans {
            plan.discard();
        }
        run.remove_made_folders();
        report.drift.clear();
        return error.map_or(Ok(report), Err);
    }
    // The temporary files of killed runs go; one that cannot be removed stays, unreported.
    report
        .leftovers
        .retain(|path| fs::remove_file(path).is_ok());
    // Folders made for temporary files that were not renamed into place go again.
    let made = std::mem::take(&mut *run.made.lock().unwrap_or_else(|e| e.into_inner()));
    commit(plans, &made).inspect_err(|_| {
        *run.made.lock().unwrap_or_else(|e| e.into_inner()) = made.clone();
        run.remove_made_folders();
    })?;
    Ok(report)
}

/// Compares one destination's files with the disk and, unless checking or the
/// run is abandoned, writes the changed ones to temporary files. On an error its own temporary
/// files are removed.
fn plan(dest: &Destination, run: &Run<'_>) -> Result<Plan, Error> {
    let dir = run.base.join(&dest.dir);
    let files = match &dest.source {
        Source::Target(_, files) | Source::Files(files) => files,
    };
    let mut folders = Folders::new(run.base);
    let mut plan = Plan {
        dir: dir.clone(),
        files: files.len(),
        ..Plan::default()
    };
    let manifest_path = dir.join(MANIFEST);
    let old = read_manifest(
        &mut folders,
        dest,
        &manifest_path,
        run.options.force,
        &mut plan,
    )?;
    let writes = plan_writes(
        files,
        &old.listed,
        &mut folders,
        dest,
        run.options.force,
        &mut plan,
    )?;
    plan_deletions(files, &old, &mut folders, dest, run, &mut plan)?;
    find_leftovers(files, &old.listed, &mut folders, dest, &mut plan)?;

    // The new manifest.
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let target = match &dest.source {
        Source::Target(target, _) => Some(*target),
        Source::Files(_) => None,
    };
    let manifest = manifest_text(&paths, target);
    let manifest_change = match &old.bytes {
        _ if old.blocked => None,
        None => Some(Drift::Missing(manifest_path.clone())),
        Some(bytes) if bytes == manifest.as_bytes() => None,
        Some(_) => Some(Drift::Stale(manifest_path.clone())),
    };

    for (_, drift, _) in &writes {
        plan.drift.push(drift.clone());
    }
    plan.drift.extend(manifest_change.clone());
    if run.options.check || !plan.conflicts.is_empty() || run.abort.load(Ordering::SeqCst) {
        return Ok(plan);
    }

    let staged = (|| -> Result<(), Error> {
        for (index, drift, permissions) in writes {
            let file = &files[index];
            plan.staged
                .push(run.stage(drift.path(), file.contents.as_bytes(), permissions)?);
        }
        if manifest_change.is_some() {
            plan.manifest = Some(run.stage(&manifest_path, manifest.as_bytes(), None)?);
        }
        Ok(())
    })();
    if let Err(e) = staged {
        plan.discard();
        return Err(e);
    }
    Ok(plan)
}

/// What a folder's manifest says the generator wrote.
struct OldManifest {
    /// The paths it lists.
    listed: BTreeSet<String>,
    /// Its bytes, when there is one.
    bytes: Option<Vec<u8>>,
    /// It cannot be replaced: a link, a folder, someone else's file, or a folder in the way.
    blocked: bool,
    /// The target it names.
    target: Option<Target>,
}

/// Reads the destination's manifest; what stands in its way is a conflict of `plan`.
fn read_manifest(
    folders: &mut Folders<'_>,
    dest: &Destination,
    manifest_path: &Path,
    force: bool,
    plan: &mut Plan,
) -> Result<OldManifest, Error> {
    let mut old = OldManifest {
        listed: BTreeSet::new(),
        bytes: None,
        blocked: false,
        target: None,
    };
    if let Some(conflict) = folders.check(&dest.dir)? {
        plan.conflicts.push(conflict);
        old.blocked = true;
        return Ok(old);
    }
    match fs::symlink_metadata(manifest_path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error("read", manifest_path)(e)),
        Ok(m) if m.file_type().is_symlink() || !m.is_file() => {
            let kind = if m.file_type().is_symlink() {
                ConflictKind::Link
            } else {
                ConflictKind::NotAFile
            };
            plan.conflicts.push(Conflict {
                path: manifest_path.to_path_buf(),
                kind,
            });
            old.blocked = true;
        }
        Ok(_) => {
            let bytes = fs::read(manifest_path).map_err(io_error("read", manifest_path))?;
            if is_manifest(&bytes) {
                old.listed = manifest_entries(&bytes);
                old.target = manifest_target(&bytes);
            } else if !force {
                plan.conflicts.push(Conflict {
                    path: manifest_path.to_path_buf(),
                    kind: ConflictKind::NotOurs,
                });
                old.blocked = true;
            }
            old.bytes = Some(bytes);
        }
    }
    Ok(old)
}

/// A file to write: its index in the generated files, why, and the permissions to keep.
type PlannedWrite = (usize, Drift, Option<fs::Permissions>);

/// The generated files that differ from the disk and may be written; the others that differ are
/// conflicts of `plan`.
fn plan_writes(
    files: &[GeneratedFile],
    listed: &BTreeSet<String>,
    folders: &mut Folders<'_>,
    dest: &Destination,
    force: bool,
    plan: &mut Plan,
) -> Result<Vec<PlannedWrite>, Error> {
    let dir = &plan.dir;
    let mut writes = Vec::new();
    let mut conflicts = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let Some(rel) = relative_path(&file.path) else {
            return Err(Error::Io {
                action: "write",
                path: dir.join(&file.path),
                error: io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a generated path must be a plain relative path",
                ),
            });
        };
        if is_reserved(&rel) {
            return Err(Error::Io {
                action: "write",
                path: dir.join(&rel),
                error: io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a reserved name (the lock, a manifest or a temporary file) is never generated",
                ),
            });
        }
        let path = dir.join(&rel);
        let folder = dest.dir.join(rel.parent().unwrap_or(Path::new("")));
        if let Some(conflict) = folders.check(&folder)? {
            conflicts.push(conflict);
            continue;
        }
        let kind = match inspect(&path, file.contents.as_bytes())? {
            Existing::Absent => {
                writes.push((index, Drift::Missing(path), None));
                continue;
            }
            Existing::File { same: true, .. } => continue,
            Existing::File {
                header,
                permissions,
                ..
            } => {
                let ours = listed.contains(&file.path) && header;
                if ours || force {
                    writes.push((index, Drift::Stale(path), Some(permissions)));
                    continue;
                }
                match (listed.contains(&file.path), header) {
                    (true, _) => ConflictKind::HeaderRemoved,
                    (false, true) => ConflictKind::Unlisted,
                    (false, false) => ConflictKind::NotOurs,
                }
            }
            Existing::Link => ConflictKind::Link,
            Existing::NotAFile => ConflictKind::NotAFile,
        };
        conflicts.push(Conflict { path, kind });
    }
    plan.conflicts.extend(conflicts);
    Ok(writes)
}

/// Files the manifest lists that are no longer generated: deleted while they carry the header,
/// released otherwise. The lock, manifests, temporary files and files in the folder of a
/// destination nested in this one are never this destination's to delete. When the manifest
/// names another target than this destination's, its files are conflicts unless forced.
fn plan_deletions(
    files: &[GeneratedFile],
    old: &OldManifest,
    folders: &mut Folders<'_>,
    dest: &Destination,
    run: &Run<'_>,
    plan: &mut Plan,
) -> Result<(), Error> {
    let generated: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let other_target = match (&dest.source, old.target) {
        (Source::Target(now, _), Some(before)) if *now != before => Some(before),
        _ => None,
    };
    for entry in old
        .listed
        .iter()
        .filter(|e| !generated.contains(e.as_str()))
    {
        let Some(rel) = relative_path(entry) else {
            continue;
        };
        let nested = run.dirs.iter().any(|d| {
            *d != dest.dir && d.starts_with(&dest.dir) && dest.dir.join(&rel).starts_with(d)
        });
        if nested || is_reserved(&rel) {
            continue;
        }
        let path = plan.dir.join(&rel);
        let folder = dest.dir.join(rel.parent().unwrap_or(Path::new("")));
        if folders.check(&folder)?.is_some() {
            plan.drift.push(Drift::Released(path));
            continue;
        }
        match inspect(&path, b"")? {
            Existing::Absent => {}
            Existing::File { header: true, .. } => match other_target {
                Some(target) if !run.options.force => plan.conflicts.push(Conflict {
                    path,
                    kind: ConflictKind::OtherTarget(target),
                }),
                _ => {
                    plan.drift.push(Drift::Unexpected(path.clone()));
                    plan.delete.push(path);
                }
            },
            _ => plan.drift.push(Drift::Released(path)),
        }
    }
    Ok(())
}

/// The temporary files of killed runs ([`abandoned_temp`]) in the folders the destination writes
/// to or its manifest lists files in (never through a link; no other folder is walked).
fn find_leftovers(
    files: &[GeneratedFile],
    listed: &BTreeSet<String>,
    folders: &mut Folders<'_>,
    dest: &Destination,
    plan: &mut Plan,
) -> Result<(), Error> {
    let mut dirs = BTreeSet::from([dest.dir.clone()]);
    for path in files
        .iter()
        .map(|f| f.path.as_str())
        .chain(listed.iter().map(String::as_str))
    {
        if let Some(parent) = relative_path(path).as_deref().and_then(Path::parent) {
            dirs.insert(dest.dir.join(parent));
        }
    }
    for rel in dirs {
        if folders.check(&rel)?.is_some() {
            continue;
        }
        let dir = folders.base.join(&rel);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error("read", &dir)(e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            let path = entry.path();
            if abandoned_temp(&path, name) {
                plan.leftovers.push(path);
            }
        }
    }
    Ok(())
}

/// Renames every temporary file into place, deletes stale files and replaces manifests,
/// destination by destination (a manifest last, so that it never lists a file that is not yet
/// there). On a failure the remaining temporary files are removed and the error lists what was
/// and was not changed.
fn commit(mut plans: Vec<Plan>, made: &[PathBuf]) -> Result<(), Error> {
    // The folders whose entries change: synced before the renames (the temporary files and the
    // folders made for them are on disk) and after them (the new names and deletions are).
    let mut dirs: BTreeSet<PathBuf> = made
        .iter()
        .filter_map(|d| d.parent().map(Path::to_path_buf))
        .collect();
    for plan in &plans {
        for path in plan
            .staged
            .iter()
            .chain(&plan.manifest)
            .map(|s| &s.path)
            .chain(&plan.delete)
        {
            dirs.extend(path.parent().map(Path::to_path_buf));
        }
    }
    for dir in &dirs {
        if let Err(error) = sync_folder(dir) {
            for plan in &mut plans {
                plan.discard();
            }
            return Err(Error::Io {
                action: "sync folder",
                path: dir.clone(),
                error,
            });
        }
    }
    let result = rename_all(plans);
    // Best effort: the changes are made; a folder that cannot be synced now is not an error.
    for dir in &dirs {
        let _ = sync_folder(dir);
    }
    result
}

/// Writes a folder's entries to disk (on Unix; elsewhere renames are not synced this way). A
/// file system that cannot sync a folder is no error.
fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let result = File::open(dir).and_then(|d| d.sync_all());
        match result {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput
                        | io::ErrorKind::Unsupported
                        | io::ErrorKind::NotFound
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The renames, deletions and manifest replacements of [`commit`].
fn rename_all(mut plans: Vec<Plan>) -> Result<(), Error> {
    let mut changed: Vec<PathBuf> = Vec::new();
    for i in 0..plans.len() {
        let plan = &mut plans[i];
        let mut step = || -> Result<(), (&'static str, PathBuf, io::Error)> {
            while !plan.staged.is_empty() {
                let s = &plan.staged[0];
                fs::rename(&s.temp, &s.path).map_err(|e| ("replace", s.path.clone(), e))?;
                let s = plan.staged.remove(0);
                changed.push(s.path);
            }
            while let Some(path) = plan.delete.first() {
                // Looked at again just before: a file that became something else stays.
                let still_file = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
                if still_file {
                    fs::remove_file(path).map_err(|e| ("delete", path.clone(), e))?;
                    remove_empty_parents(path, &plan.dir);
                }
                changed.push(plan.delete.remove(0));
            }
            if let Some(s) = &plan.manifest {
                fs::rename(&s.temp, &s.path).map_err(|e| ("replace", s.path.clone(), e))?;
                changed.push(s.path.clone());
                plan.manifest = None;
            }
            Ok(())
        };
        if let Err((action, path, error)) = step() {
            let mut unchanged = vec![path.clone()];
            for plan in &mut plans[i..] {
                for s in plan.staged.iter().chain(&plan.manifest) {
                    if s.path != path {
                        unchanged.push(s.path.clone());
                    }
                }
                unchanged.extend(plan.delete.iter().filter(|p| **p != path).cloned());
                plan.discard();
            }
            return Err(Error::Partial {
                action,
                path,
                error,
                changed,
                unchanged,
            });
        }
    }
    Ok(())
}

/// Removes folders emptied by a deletion, up to (not including) the destination folder.
fn remove_empty_parents(path: &Path, root: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The spec files of a folder: its `.yaml` and `.yml` files, sorted by name. Every reader of a
/// spec folder (the loader's [`read_dir`], the CLI's search for a spec) lists it this way.
pub fn spec_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads every spec file of a folder ([`spec_paths`]); paths are shown as `DIR/name`.
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<SourceFile>> {
    spec_paths(dir)?
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_accepted() {
        assert_eq!(
            relative_path("a/b.rs"),
            Some(PathBuf::from("a").join("b.rs"))
        );
        for bad in [
            "", "/a", "a//b", "../a", "a/..", "./a", "a\\b", "a\nb", "a/",
        ] {
            assert_eq!(relative_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_manifest_lists_only_plain_paths_and_needs_its_head() {
        let text = format!(
            "{}a.rs\n../../etc/passwd\n/abs\nsub/b.rs\n\n",
            manifest_head()
        );
        assert!(is_manifest(text.as_bytes()));
        assert!(!is_manifest(b"a.rs\n"));
        let entries: Vec<String> = manifest_entries(text.as_bytes()).into_iter().collect();
        assert_eq!(entries, ["a.rs", "sub/b.rs"]);
    }

    #[test]
    fn the_header_counts_only_in_the_first_lines() {
        assert!(has_header(format!("// {MARKER} from x\nbody").as_bytes()));
        assert!(has_header(
            format!("{{\n  \"$comment\": \"{MARKER}\"").as_bytes()
        ));
        assert!(!has_header(format!("a\nb\nc\n// {MARKER}").as_bytes()));
        assert!(!has_header(b"// @generated by protoc\n"));
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("antom-writer-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    fn run(base: &Path) -> Run<'_> {
        Run {
            base,
            options: Options::default(),
            abort: AtomicBool::new(false),
            made: Mutex::new(Vec::new()),
            dirs: Vec::new(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A rename that fails after others succeeded (here: a folder appeared where a file goes,
    /// after staging) names its path, what was changed and what was not, and leaves no
    /// temporary file.
    #[test]
    fn a_failed_rename_names_its_path_and_what_was_and_was_not_changed() {
        let base = scratch("commit");
        let run = run(&base);
        let (a, b, c) = (base.join("a.txt"), base.join("b.txt"), base.join("c.txt"));
        let staged = vec![
            run.stage(&a, b"a", None).expect("staged"),
            run.stage(&b, b"b", None).expect("staged"),
            run.stage(&c, b"c", None).expect("staged"),
        ];
        fs::create_dir_all(b.join("inside")).expect("folder");
        let plan = Plan {
            dir: base.clone(),
            staged,
            ..Plan::default()
        };
        let err = commit(vec![plan], &[]).expect_err("b.txt cannot be replaced");
        let text = err.to_string();
        match err {
            Error::Partial {
                path,
                changed,
                unchanged,
                ..
            } => {
                assert_eq!(path, b);
                assert_eq!(changed, std::slice::from_ref(&a));
                assert_eq!(unchanged, [b.clone(), c.clone()]);
            }
            other => panic!("{other}"),
        }
        assert!(
            text.starts_with(&format!("cannot replace {}: ", b.display()))
                && text.contains(&format!(
                    "changed before the failure (1):\n  {}",
                    a.display()
                ))
                && text.contains("not changed (2):"),
            "{text}"
        );
        assert_eq!(
            names(&base),
            ["a.txt", "b.txt"],
            "no temporary file is left"
        );
        assert_eq!(fs::read(&a).expect("a"), b"a");
        let _ = fs::remove_dir_all(&base);
    }

    /// Staging that fails (a file where a folder must be) names the path; the temporary files
    /// and the folders made for them are removed again.
    #[test]
    fn an_abandoned_run_removes_its_temporary_files_and_folders() {
        let base = scratch("abandon");
        let run = run(&base);
        let staged = run
            .stage(&base.join("new/deeper/a.txt"), b"a", None)
            .expect("staged");
        assert!(staged.temp.starts_with(base.join("new/deeper")));
        fs::write(base.join("file"), "x").expect("file");
        let err = run
            .stage(&base.join("file/b.txt"), b"b", None)
            .expect_err("a file is in the way");
        assert!(
            err.to_string().starts_with(&format!(
                "cannot make folder {}: ",
                base.join("file").display()
            )),
            "{err}"
        );
        let mut plan = Plan {
            staged: vec![staged],
            ..Plan::default()
        };
        plan.discard();
        run.remove_made_folders();
        assert_eq!(names(&base), ["file"]);
        let _ = fs::remove_dir_all(&base);
    }

    fn files(paths: &[(&str, &str)]) -> Vec<Destination> {
        vec![Destination {
            source: Source::Files(
                paths
                    .iter()
                    .map(|(path, contents)| GeneratedFile {
                        path: (*path).to_owned(),
                        contents: (*contents).to_owned(),
                    })
                    .collect(),
            ),
            dir: PathBuf::new(),
        }]
    }

    /// A 0-byte file is never the generator's, and neither the lock, a manifest nor a temporary
    /// file is ever deleted through the manifest, even with the header.
    #[test]
    fn empty_files_and_reserved_names_are_never_deleted() {
        let base = scratch("reserved");
        let dest = files(&[("a.txt", "// @generated by antom-codegen\na\n")]);
        sync(&base, &dest, Options::default()).expect("first run");
        let header = format!("// {MARKER}\n");
        let kept = [
            ("empty", ""),
            ("user/.gitkeep", ""),
            (LOCK, header.as_str()),
            ("sub/.antom-generated", header.as_str()),
            ("sub/.x.1-1.antom-tmp", header.as_str()),
        ];
        let mut manifest = fs::read_to_string(base.join(MANIFEST)).expect("manifest");
        for (path, contents) in kept {
            fs::create_dir_all(base.join(path).parent().expect("parent")).expect("folder");
            fs::write(base.join(path), contents).expect("file");
            manifest.push_str(path);
            manifest.push('\n');
        }
        manifest.push_str(&format!("{MANIFEST}\n"));
        fs::write(base.join(MANIFEST), manifest).expect("manifest");
        let report = sync(&base, &dest, Options::default()).expect("second run");
        for (path, contents) in kept {
            assert_eq!(
                fs::read_to_string(base.join(path)).expect("kept"),
                contents,
                "{path}: {report:?}"
            );
        }
        assert!(
            !report
                .drift
                .iter()
                .any(|d| matches!(d, Drift::Unexpected(_))),
            "{report:?}"
        );
        let _ = fs::remove_dir_all(&base);
    }

    /// The lock, a manifest or a temporary file's name is never a path to write.
    #[test]
    fn reserved_names_are_never_written() {
        let base = scratch("reserved-write");
        for path in [LOCK, MANIFEST, "sub/.antom-generated", ".a.1-2.antom-tmp"] {
            let err = sync(&base, &files(&[(path, "x")]), Options::default()).expect_err("refused");
            assert!(err.to_string().contains("reserved"), "{path}: {err}");
        }
        assert_eq!(names(&base), Vec::<String>::new());
        let _ = fs::remove_dir_all(&base);
    }

    /// A run that fails removes the output folder it made (and the missing folders above it),
    /// never one that was there.
    #[test]
    fn a_failed_run_removes_the_folders_it_made() {
        let base = scratch("made");
        let bad = files(&[("a.txt", "a"), ("../escape.txt", "b")]);
        sync(&base.join("new/out"), &bad, Options::default()).expect_err("a bad path");
        assert_eq!(names(&base), Vec::<String>::new());
        sync(&base, &bad, Options::default()).expect_err("a bad path");
        assert!(base.is_dir());
        assert_eq!(names(&base), Vec::<String>::new());
        let _ = fs::remove_dir_all(&base);
    }

    /// A temporary file's name gives the process that wrote it; a name that only looks alike
    /// gives none.
    #[test]
    fn temporary_file_names_give_their_process() {
        for (name, pid) in [
            (".a.rs.123-0.antom-tmp", Some(123)),
            (".a.b.c.77-12.antom-tmp", Some(77)),
            (".a.rs.123.antom-tmp", None),
            ("a.rs.123-0.antom-tmp", None),
            (".a.rs.x-0.antom-tmp", None),
            (".a.rs.123-0.antom-tmp.bak", None),
            (".123-0.antom-tmp", None),
        ] {
            assert_eq!(temp_owner(name), pid, "{name}");
        }
        assert!(process_runs(std::process::id()));
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("true runs");
        let dead = child.id();
        child.wait().expect("true ends");
        if cfg!(target_os = "linux") {
            assert!(!process_runs(dead));
        }
    }

    /// Text for a terminal: C0, C1, DEL, line separators and bidirectional controls are escaped.
    #[test]
    fn terminal_text_is_escaped() {
        for (raw, shown) in [
            ("plain ünïcode", "plain ünïcode"),
            ("a\u{1b}[2Jb", "a\\u{1b}[2Jb"),
            ("a\nb\rc\td", "a\\nb\\rc\\td"),
            ("\u{7f}\u{80}\u{9b}\u{9f}", "\\u{7f}\\u{80}\\u{9b}\\u{9f}"),
            (
                "\u{202a}\u{202e}\u{2066}\u{2069}",
                "\\u{202a}\\u{202e}\\u{2066}\\u{2069}",
            ),
            ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"),
            ("\u{2065}\u{206a}\u{2029}x", "\u{2065}\u{206a}\\u{2029}x"),
        ] {
            assert_eq!(escape(raw), shown, "{raw:?}");
        }
        assert_eq!(escape_lines("a\nb\u{202e}\r"), "a\nb\\u{202e}\\r");
    }

    #[test]
    fn control_characters_in_paths_are_shown_escaped() {
        assert_eq!(show(Path::new("out/a\u{1b}[2Jb")), "out/a\\u{1b}[2Jb");
        assert_eq!(show(Path::new("out/plain")), "out/plain");
    }
}
