//! `antom lint` as a user runs it: the real binary on the repo's spec and on every case of the
//! invalid-spec corpus (`tests/invalid/`, described in `tests/tests/invalid_specs.rs`).
//!
//! Each case is written to a scratch folder as the loader reads it (an edit file as the edited
//! `tests/invalid/base.yaml`), and each run sets the current directory to the folder that holds
//! the case, so the binary shows paths relative to it (`<case>.yaml`, `<case>/<file>.yaml`), as
//! the `# expect:` lines write them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Edit, antom_in as antom, edited, repo, text};

fn workspace_root() -> PathBuf {
    let root = repo();
    fs::canonicalize(&root).unwrap_or_else(|e| panic!("cannot resolve {}: {e}", root.display()))
}

/// One `# expect: <file>:<line>:<col>: <substring>` line.
struct Expect {
    file: String,
    location: String,
    substring: String,
    line: String,
}

impl Expect {
    /// A stderr line `…/<file>:<line>:<col>: message` whose message contains the substring.
    fn found_in(&self, stderr: &str) -> bool {
        let needle = format!("{}:{}: ", self.file, self.location);
        stderr.lines().any(|l| {
            l.find(&needle).is_some_and(|at| {
                (at == 0 || l[..at].ends_with('/'))
                    && l[at + needle.len()..].contains(&self.substring)
            })
        })
    }
}

fn expectations(bytes: &[u8]) -> Vec<Expect> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("# expect:"))
        .map(|rest| {
            let mut parts = rest.trim().splitn(4, ':');
            let mut next = || parts.next().unwrap_or_default().trim().to_owned();
            let (file, line, col, substring) = (next(), next(), next(), next());
            Expect {
                location: format!("{line}:{col}"),
                file,
                substring,
                line: rest.trim().to_owned(),
            }
        })
        .collect()
}

/// A corpus case ready for `antom lint --spec DIR`, run from `cwd`.
struct LintCase {
    name: String,
    cwd: PathBuf,
    dir: PathBuf,
    expects: Vec<Expect>,
}

/// The edits of a corpus file, as in `tests/diff/`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EditFile {
    edits: Vec<Edit>,
}

/// The bytes the loader reads for a corpus file: when its first line that is neither a comment
/// nor blank is `edits:`, the base spec with those edits applied (each `replace` found exactly
/// once); else the file as it is.
fn case_bytes(path: &Path, base: &str) -> Vec<u8> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    let edits = text
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l == "edits:" || l.starts_with("edits: "));
    if !edits {
        return bytes;
    }
    let file: EditFile = serde_saphyr::from_str(text)
        .unwrap_or_else(|e| panic!("{}: the edits do not parse: {e}", path.display()));
    edited(&path.display().to_string(), base, &file.edits).into_bytes()
}

/// Every corpus case, written into `scratch` as the loader reads it (one scratch folder per
/// test, since tests run in parallel): a folder case as `scratch/<case>/`, a single file alone
/// in a folder of its own.
fn corpus(scratch: &str) -> Vec<LintCase> {
    let corpus = workspace_root().join("tests/invalid");
    let base = fs::read_to_string(corpus.join("base.yaml"))
        .unwrap_or_else(|e| panic!("cannot read the corpus base spec: {e}"));
    let scratch = common::scratch(scratch);
    let scratch = fs::canonicalize(&scratch)
        .unwrap_or_else(|e| panic!("cannot resolve {}: {e}", scratch.display()));
    let mut paths: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", corpus.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.ends_with("base.yaml"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.is_dir() {
            let dir = scratch.join("folders").join(&file_name);
            fs::create_dir_all(&dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
            let mut expects = Vec::new();
            for entry in fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
            {
                let entry = entry
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
                    .path();
                expects.extend(expectations(&fs::read(&entry).unwrap_or_default()));
                let name = entry.file_name().unwrap_or_default();
                fs::write(dir.join(name), case_bytes(&entry, &base))
                    .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.display()));
            }
            cases.push(LintCase {
                name: file_name,
                cwd: scratch.join("folders"),
                dir,
                expects,
            });
        } else if let Some(name) = file_name.strip_suffix(".yaml") {
            let dir = scratch.join(name);
            fs::create_dir_all(&dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
            let bytes =
                fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            fs::write(dir.join(&file_name), case_bytes(&path, &base))
                .unwrap_or_else(|e| panic!("cannot copy {file_name}: {e}"));
            cases.push(LintCase {
                name: name.to_owned(),
                cwd: dir.clone(),
                dir,
                expects: expectations(&bytes),
            });
        }
    }
    cases
}

#[test]
fn real_spec_lints_clean() {
    let root = workspace_root();
    let out = antom(
        &root,
        &["lint", "--spec", &root.join("spec").to_string_lossy()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "`antom lint --spec spec` must pass on the repo's spec\nstdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("no problems"),
        "stdout: {}",
        text(&out.stdout)
    );
}

/// A sample that `antom validate` warns about is a lint warning at the sample's `json`: shown,
/// counted, in the JSON output, and no failure. The real spec's card sample shows the source's
/// `lastFour` that does not match its `cardNo`.
#[test]
fn sample_warnings_are_lint_warnings() {
    let root = workspace_root();
    let out = antom(&root, &["lint", "--spec", "spec"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = text(&out.stderr);
    insta::assert_snapshot!("lint_text_sample_warning", stderr);
    assert!(
        text(&out.stdout).contains("no problems, 1 warning"),
        "{}",
        text(&out.stdout)
    );
    let out = antom(&root, &["lint", "--spec", "spec", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"][0]["file"], "spec/samples.yaml");
    assert!(
        report["warnings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("[last_four_mismatch]")),
        "{report}"
    );
}

#[test]
fn every_corpus_case_fails_lint_with_its_expected_problems() {
    let cases = corpus("antom-lint-cases");
    assert!(
        cases.len() >= 32,
        "found only {} corpus cases in tests/invalid",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            !case.expects.is_empty(),
            "case `{}` has no `# expect:` line",
            case.name
        );
        let out = antom(&case.cwd, &["lint", "--spec", &case.dir.to_string_lossy()]);
        let stderr = text(&out.stderr);
        let mut why = Vec::new();
        if out.status.code() != Some(1) {
            why.push(format!("  exit status {:?}, expected 1", out.status.code()));
        }
        for expect in &case.expects {
            if !expect.found_in(&stderr) {
                why.push(format!("  missing: {}", expect.line));
            }
        }
        if !why.is_empty() {
            failures.push(format!(
                "case `{}` (antom lint --spec {}):\n{}\n  stderr:\n{stderr}",
                case.name,
                case.dir.display(),
                why.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "`antom lint` did not report what the corpus expects:\n\n{}",
        failures.join("\n")
    );
}

#[test]
fn lint_json_lists_every_problem() {
    let case = corpus("antom-lint-json")
        .into_iter()
        .find(|c| c.name == "enum_value_longer_than_max_length")
        .expect("the corpus has enum_value_longer_than_max_length");
    let out = antom(
        &case.cwd,
        &[
            "lint",
            "--spec",
            &case.dir.to_string_lossy(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"));
    assert_eq!(json["valid"], false);
    assert!(
        json["problems"].as_array().is_some_and(|p| p.len() > 1),
        "a multi-problem case: {stdout}"
    );
    insta::assert_snapshot!("lint_json_enum_value_longer_than_max_length", stdout);
}
