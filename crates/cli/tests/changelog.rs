//! `antom diff --format markdown` (a changelog section) and specs read through git as `REV:PATH`.

mod common;

use common::{Edit, antom_in, edited, minimal_spec, repo, scratch, stdout, write_spec};

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    edits: Vec<Edit>,
}

/// The base spec with the edits of `tests/diff/<name>.yaml` applied.
fn case_spec(name: &str) -> String {
    let text =
        std::fs::read_to_string(repo().join(format!("tests/diff/{name}.yaml"))).expect("case file");
    let case: Case = serde_saphyr::from_str(&text).expect("case parses");
    edited(name, &minimal_spec(), &case.edits)
}

#[test]
fn a_changelog_section_per_diff_case() {
    // One case of each weight, and one that changes nothing.
    for name in [
        "add_event_code",
        "remove_event_code",
        "change_message",
        "bump_version_enough",
        "no_change",
    ] {
        let dir = scratch(&format!("changelog-{name}"));
        write_spec(&dir.join("old"), &minimal_spec());
        write_spec(&dir.join("new"), &case_spec(name));
        let out = antom_in(&dir, &["diff", "old", "new", "--format", "markdown"]);
        let json = antom_in(&dir, &["diff", "old", "new", "--format", "json"]);
        assert_eq!(
            out.status.code(),
            json.status.code(),
            "{name}: markdown and JSON exit alike"
        );
        insta::assert_snapshot!(format!("changelog_{name}"), stdout(&out));
    }
}

#[test]
fn markdown_is_only_for_diff() {
    let out = antom_in(&repo(), &["list", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("only for `antom diff`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rev_path_reads_a_spec_through_git() {
    let dir = scratch("changelog-git");
    git(&dir, &["init", "-q"]);
    write_spec(&dir.join("spec"), &minimal_spec());
    // A file git has that is not a spec file, and a subfolder, are not read.
    std::fs::write(dir.join("spec/notes.txt"), "not yaml").expect("notes");
    std::fs::create_dir_all(dir.join("spec/sub")).expect("sub");
    std::fs::write(dir.join("spec/sub/x.yaml"), "not: [a spec").expect("sub file");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "v1"]);
    git(&dir, &["tag", "v1.0.0"]);
    write_spec(&dir.join("spec"), &case_spec("add_event_code"));

    let through_git = antom_in(&dir, &["diff", "v1.0.0:spec", "spec", "--format", "json"]);
    write_spec(&dir.join("old"), &minimal_spec());
    let from_folders = antom_in(&dir, &["diff", "old", "spec", "--format", "json"]);
    assert_eq!(
        through_git.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&through_git.stderr)
    );
    assert_eq!(stdout(&through_git), stdout(&from_folders));
    assert!(stdout(&through_git).contains("event_codes/NEW_CODE"));

    // Both sides through git, and the spec's problems point into the revision.
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "v2"]);
    let both = antom_in(
        &dir,
        &["diff", "v1.0.0:spec", "HEAD:spec", "--format", "json"],
    );
    assert_eq!(stdout(&both), stdout(&from_folders));

    std::fs::write(dir.join("spec/spec.yaml"), "package: [").expect("broken");
    git(&dir, &["commit", "-q", "-am", "broken"]);
    let broken = antom_in(&dir, &["diff", "v1.0.0:spec", "HEAD:spec"]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("HEAD:spec/spec.yaml:1:"), "{stderr}");

    // An unknown revision or folder is named, with exit 2.
    for arg in ["v9.9.9:spec", "v1.0.0:nowhere"] {
        let out = antom_in(&dir, &["diff", arg, "spec"]);
        assert_eq!(out.status.code(), Some(2), "{arg}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(arg), "{arg}: {stderr}");
    }
    // A folder that exists is a folder, even with a colon in its name.
    write_spec(&dir.join("odd:name"), &minimal_spec());
    let out = antom_in(&dir, &["diff", "odd:name", "old", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
