//! `antom diff` against the corpus of spec edits in `tests/diff/`: each case edits the fixture
//! spec `tests/cases/minimal/spec.yaml` and states the verdict it must get.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Edit, edited, minimal_spec, repo, scratch, write_spec};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    edits: Vec<Edit>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    breaking: bool,
    bump: String,
    #[serde(default)]
    version_sufficient: Option<bool>,
    /// The lowest version the check names as enough.
    #[serde(default)]
    version_enough: Option<String>,
    /// The exit code, when it is not the one `breaking` implies (a lowered version exits 1).
    #[serde(default)]
    exit: Option<i32>,
    changes: Vec<(String, String)>,
}

/// Exit code and stdout; stderr goes into the output when stdout is empty, for messages.
fn run_diff(old: &Path, new: &Path, json: bool) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_antom"));
    cmd.arg("diff").arg(old).arg(new).env("NO_COLOR", "1");
    if json {
        cmd.args(["--format", "json"]);
    }
    let out = cmd.output().expect("antom runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let shown = if stdout.is_empty() {
        String::from_utf8_lossy(&out.stderr).into_owned()
    } else {
        stdout
    };
    (out.status.code().unwrap_or(-1), shown)
}

#[test]
fn every_diff_case_gets_its_verdict() {
    let base = minimal_spec();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/diff"))
        .expect("tests/diff exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 15,
        "the diff corpus has {} cases",
        paths.len()
    );
    let scratch = scratch("cases");
    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let case: Case = serde_saphyr::from_str(&std::fs::read_to_string(path).expect("case file"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let new = edited(&name, &base, &case.edits);
        let (old_dir, new_dir) = (
            scratch.join(&name).join("old"),
            scratch.join(&name).join("new"),
        );
        write_spec(&old_dir, &base);
        write_spec(&new_dir, &new);
        let (code, stdout) = run_diff(&old_dir, &new_dir, true);
        let report: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {stdout}"));
        let mut changes: Vec<(String, String)> = report["changes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        (
                            c["kind"].as_str().unwrap_or("").to_owned(),
                            c["path"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        changes.sort();
        let mut expected = case.expect.changes.clone();
        expected.sort();
        let want_code = case.expect.exit.unwrap_or(i32::from(case.expect.breaking));
        let mut wrong = Vec::new();
        if code != want_code {
            wrong.push(format!("exit {code}, expected {want_code}"));
        }
        if report["breaking"] != Value::Bool(case.expect.breaking)
            || report["bump"] != Value::String(case.expect.bump.clone())
        {
            wrong.push(format!(
                "breaking={} bump={}, expected {} {}",
                report["breaking"], report["bump"], case.expect.breaking, case.expect.bump
            ));
        }
        if changes != expected {
            wrong.push(format!("changes {changes:?}, expected {expected:?}"));
        }
        if let Some(sufficient) = case.expect.version_sufficient
            && report["version"]["sufficient"] != Value::Bool(sufficient)
        {
            wrong.push(format!(
                "version sufficient {}, expected {sufficient}",
                report["version"]["sufficient"]
            ));
        }
        if let Some(enough) = &case.expect.version_enough
            && report["version"]["enough"] != Value::String(enough.clone())
        {
            wrong.push(format!(
                "version enough {}, expected {enough}",
                report["version"]["enough"]
            ));
        }
        for c in report["changes"].as_array().into_iter().flatten() {
            let path = c["path"].as_str().unwrap_or("");
            let removal_of_api = c["kind"] == "removed"
                && !path.starts_with("samples/")
                && !path.contains("/checks/");
            if removal_of_api && c["breaking"] != Value::Bool(true) {
                wrong.push(format!("a removal must be breaking: {c}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{name}: {}", wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "diff verdicts differ:\n{}",
        failures.join("\n")
    );
}

#[test]
fn removing_an_undeprecated_code_is_called_out() {
    let base = minimal_spec();
    let new = base.replacen("  LOADING:\n", "  LOADED:\n", 1);
    let scratch = scratch("text");
    write_spec(&scratch.join("old"), &base);
    write_spec(&scratch.join("new"), &new);
    let (code, stdout) = run_diff(&scratch.join("old"), &scratch.join("new"), false);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("without being deprecated first"),
        "{stdout}"
    );
    insta::assert_snapshot!("diff_text_rename_event_code", stdout);
}

/// The text report of a diff that lowers the version and drops `sensitive`: both are named,
/// with the version that would be enough.
#[test]
fn lowered_version_and_dropped_sensitivity_are_called_out() {
    let base = minimal_spec();
    let new = base
        .replacen("version: 0.1.0", "version: 0.0.9", 1)
        .replacen(
            "format: a masked number, sensitive: true,",
            "format: a masked number,",
            1,
        );
    assert_ne!(new, base);
    let scratch = scratch("lowered");
    write_spec(&scratch.join("old"), &base);
    write_spec(&scratch.join("new"), &new);
    let (code, stdout) = run_diff(&scratch.join("old"), &scratch.join("new"), false);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("is lowered"), "{stdout}");
    assert!(stdout.contains("to 0.2.0 or later"), "{stdout}");
    insta::assert_snapshot!("diff_text_lowered_version_dropped_sensitive", stdout);
}
