//! What the tests of the `antom` binary share: the repository, scratch folders, running the
//! built binary, reading its output, and applying the `edits:` of a spec-edit case (the format
//! of `tests/diff/` and `tests/invalid/`).

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use serde_json::Value;

pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An empty folder of its own for a test, under cargo's scratch folder, in a folder named after
/// the test file, so test files running side by side never share one.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(env!("CARGO_CRATE_NAME"))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The built `antom`, run in `dir` without colour.
pub(crate) fn antom_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run antom {}: {e}", args.join(" ")))
}

/// The built `antom`, run in the repository without colour.
pub(crate) fn antom(args: &[&str]) -> Output {
    antom_in(&repo(), args)
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

pub(crate) fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// Standard output read as one JSON document.
pub(crate) fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// One edit of a spec-edit case: `replace`, which must occur exactly once, becomes `with`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Edit {
    pub(crate) replace: String,
    pub(crate) with: String,
}

/// The fixture spec that the cases of `tests/diff/` edit.
pub(crate) fn minimal_spec() -> String {
    std::fs::read_to_string(repo().join("tests/cases/minimal/spec.yaml")).expect("base spec")
}

/// `base` with `edits` applied in order; `case` names the case in a failure.
pub(crate) fn edited(case: &str, base: &str, edits: &[Edit]) -> String {
    edits.iter().fold(base.to_owned(), |spec, edit| {
        assert_eq!(
            spec.matches(&edit.replace).count(),
            1,
            "{case}: {:?} must occur exactly once",
            edit.replace
        );
        spec.replacen(&edit.replace, &edit.with, 1)
    })
}

/// Writes `text` as `spec.yaml` in `dir`, which is made if missing.
pub(crate) fn write_spec(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir).expect("spec folder");
    std::fs::write(dir.join("spec.yaml"), text).expect("spec file");
}
