//! The README's "CLI at a glance" block is run as written: each `antom` line, in a scratch git
//! repository holding the files it names (`spec/`, `my/spec`, `old/spec`, `callback.json`,
//! `app.log`, a `v1.0.0` tag), must exit 0 and print something.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `antom` lines of the README's first `sh` block after "## The `antom` CLI", comments
/// dropped.
fn readme_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let section = readme
        .split("## The `antom` CLI")
        .nth(1)
        .expect("README.md has a CLI section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the CLI section has an sh block");
    block
        .lines()
        .map(|line| {
            line.split(" #")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .filter(|line| line.starts_with("antom "))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn every_readme_cli_line_runs() {
    let lines = readme_lines();
    assert!(lines.len() >= 10, "the README's antom lines: {lines:?}");
    let dir = std::env::temp_dir().join(format!("antom-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let spec = repo_root().join("spec");
    for to in ["spec", "my/spec", "old/spec"] {
        copy_dir(&spec, &dir.join(to));
    }
    let sample = std::fs::read_to_string(repo_root().join("tests/vectors/seed_card_sample.json"))
        .expect("the card sample");
    let value: serde_json::Value = serde_json::from_str(&sample).expect("JSON");
    let payload = value.get("payload").cloned().unwrap_or(value);
    let line = serde_json::to_string(&payload).expect("JSON");
    std::fs::write(dir.join("callback.json"), &line).expect("write");
    std::fs::write(dir.join("app.log"), format!("{line}\n{line}\n")).expect("write");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "spec"]);
    git(&dir, &["tag", "v1.0.0"]);
    for line in &lines {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_antom"))
            .current_dir(&dir)
            .args(&args)
            .output()
            .expect("antom runs");
        assert!(
            out.status.success(),
            "`{line}` exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "`{line}` printed nothing");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
