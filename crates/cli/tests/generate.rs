//! `antom generate` as a built binary in scratch folders: it writes and deletes only its own
//! files, never follows a link, refuses paths in the way, writes nothing on a conflict, and two
//! runs into one folder both succeed. Unix only: the tests make symbolic links.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{antom, json, repo, scratch, stderr, stdout};

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A copy of the `minimal` fixture spec, with `edit` applied to its text.
fn spec_copy(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let spec = dir.join("spec");
    fs::create_dir_all(&spec).expect("spec folder");
    let text =
        fs::read_to_string(repo().join("tests/cases/minimal/spec.yaml")).expect("fixture spec");
    fs::write(spec.join("spec.yaml"), edit(text)).expect("spec copy");
    spec
}

/// What is under `dir`, without following links: relative path to `file:<contents>`,
/// `link:<target>` or `dir`.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .into_owned();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.file_type().is_symlink() {
                let target = fs::read_link(&path).expect("link");
                out.insert(rel, format!("link:{}", target.display()));
            } else if meta.is_dir() {
                out.insert(rel, "dir".to_owned());
                walk(root, &path, out);
            } else {
                let text = fs::read(&path).expect("file");
                out.insert(rel, format!("file:{}", String::from_utf8_lossy(&text)));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn put(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    fs::write(path, text).expect("write");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const KOTLIN_DIR: &str = "src/main/kotlin/com/example/minimal";

/// A user's files beside the output, in its folders and under them survive a first run, a
/// second run and a run after the spec stopped producing some files; the generated files that
/// are no longer produced are deleted.
#[test]
fn a_users_files_survive_every_run_and_stale_generated_files_go() {
    let dir = scratch("survive");
    let spec = spec_copy(&dir, |t| t);
    let out = dir.join("out");
    let mine = [
        ("NOTES.md", "my notes\n"),
        ("src/app.ts", "export const app = 1;\n"),
        (
            "src/main/kotlin/com/example/minimal/Mine.kt",
            "package mine\n",
        ),
        ("src/main/kotlin/deep/er/Other.kt", "// mine\n"),
        (".antom-notes", "not a manifest\n"),
    ];
    for (path, text) in mine {
        put(&out.join(path), text);
    }
    let check_mine = |when: &str| {
        for (path, text) in mine {
            assert_eq!(read(&out.join(path)), text, "{path} after {when}");
        }
    };
    let run = |extra: &[&str]| {
        let mut args = vec!["generate", "--spec", s(&spec), "--out", s(&out)];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--target", "kotlin", "--format", "json"]);
        antom(&args)
    };

    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    check_mine("the first run");
    let enums = out.join(KOTLIN_DIR).join("Enums.kt");
    assert!(read(&enums).contains("@generated"));
    let manifest = read(&out.join(".antom-generated"));
    assert!(
        manifest
            .lines()
            .any(|l| l == format!("{KOTLIN_DIR}/Enums.kt"))
            && !manifest.contains("Mine.kt"),
        "{manifest}"
    );
    assert!(
        !out.join(".antom-generated.lock").exists(),
        "the lock file is removed"
    );

    let second = run(&[]);
    assert_eq!(json(&second)["changes"], serde_json::json!([]));
    check_mine("the second run");

    // The spec moves the Kotlin sources to another package: the old files are no longer
    // generated. One of them was edited (its header removed): it is kept.
    let spec = spec_copy(&dir, |t| {
        t.replace("package: com.example.minimal", "package: com.example.moved")
    });
    let edited = out.join(KOTLIN_DIR).join("Meta.kt");
    put(&edited, "// taken over by hand\n");
    let third = antom(&[
        "generate",
        "--spec",
        s(&spec),
        "--out",
        s(&out),
        "--target",
        "kotlin",
    ]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let text = stdout(&third);
    assert!(
        text.contains(&format!(
            "deleted: {}",
            out.join(KOTLIN_DIR).join("Enums.kt").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("kept: ") && text.contains("Meta.kt"),
        "{text}"
    );
    check_mine("a run that dropped files");
    assert!(!enums.exists(), "a stale generated file is deleted");
    assert_eq!(read(&edited), "// taken over by hand\n");
    assert!(
        out.join("src/main/kotlin/com/example/moved/Enums.kt")
            .exists()
    );
    let check = antom(&[
        "generate",
        "--spec",
        s(&spec),
        "--out",
        s(&out),
        "--target",
        "kotlin",
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// A file of the user's at a generated path stops the whole run (no file of any target is
/// written) until `--force`; `--check` reports it the same way.
#[test]
fn a_users_file_at_a_generated_path_is_a_conflict_until_force() {
    let dir = scratch("conflict");
    let out = dir.join("out");
    let theirs = out.join("typescript/src/index.ts");
    put(&theirs, "export const mine = 1;\n");
    let before = tree(&out);

    let args = [
        "generate",
        "--out",
        s(&out),
        "--target",
        "rust,typescript,docs",
    ];
    let refused = antom(&args);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let err = stderr(&refused);
    assert!(
        err.contains(&format!(
            "conflict: {}: a file antom did not write",
            theirs.display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(tree(&out), before, "nothing is written at all");

    let check = antom(&[&args[..], &["--check"]].concat());
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("conflict: "), "{}", stderr(&check));
    let as_json = antom(&[&args[..], &["--check", "--format", "json"]].concat());
    let v = json(&as_json);
    assert_eq!(v["conflicts"][0]["kind"], "not_generated");
    assert_eq!(v["conflicts"][0]["path"], theirs.display().to_string());
    assert_eq!(tree(&out), before, "--check writes nothing");

    let forced = antom(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(read(&theirs).contains("@generated"));
    assert!(out.join("rust/mod.rs").exists() && out.join("docs/reference.md").exists());
    let again = antom(&[&args[..], &["--check"]].concat());
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

/// An existing folder of generated files without a manifest (an older antom's output) is
/// adopted where the files are exactly what would be written; a file with the header but other
/// contents is a conflict until `--force`.
#[test]
fn an_existing_generated_folder_is_adopted() {
    let dir = scratch("adopt");
    let out = dir.join("out");
    let args = ["generate", "--out", s(&out), "--target", "rust"];
    assert_eq!(antom(&args).status.code(), Some(0));
    fs::remove_file(out.join(".antom-generated")).expect("manifest");

    let adopted = antom(&args);
    assert_eq!(adopted.status.code(), Some(0), "{}", stderr(&adopted));
    assert!(
        stdout(&adopted).contains("created: ") && stdout(&adopted).contains(".antom-generated"),
        "only the manifest is written: {}",
        stdout(&adopted)
    );
    assert!(
        stdout(&adopted).contains(", 1 changed"),
        "{}",
        stdout(&adopted)
    );

    fs::remove_file(out.join(".antom-generated")).expect("manifest");
    let enums = out.join("enums.rs");
    let header = read(&enums).lines().next().expect("header").to_owned();
    put(&enums, &format!("{header}\n// older\n"));
    let refused = antom(&args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("is not listed in the folder's .antom-generated"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(read(&enums), format!("{header}\n// older\n"));
    let forced = antom(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(read(&enums), format!("{header}\n// older\n"));
}

/// Links to files and folders outside `--out` and a link loop are neither followed nor changed:
/// a link at a generated path or in place of a generated folder is a conflict even with
/// `--force`, and a manifest entry through a link is never deleted.
#[test]
fn links_are_never_followed_or_changed() {
    let dir = scratch("links");
    let outside = dir.join("outside");
    let notes = outside.join("notes.txt");
    put(&notes, "precious notes\n");
    let precious = outside.join("folder/precious.txt");
    put(&precious, "precious\n");
    let outside_before = tree(&outside);

    let out = dir.join("out");
    fs::create_dir_all(out.join("loop")).expect("out");
    symlink(outside.join("folder"), out.join("linked")).expect("link to a folder");
    symlink("..", out.join("loop/up")).expect("link loop");
    symlink(&notes, out.join("notes-link.txt")).expect("link to a file");

    // Docs alone: one file, `reference.md`, beside the links.
    let docs = ["generate", "--out", s(&out), "--target", "docs"];
    let first = antom(&docs);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(read(&out.join("reference.md")).contains("@generated"));
    // A manifest that lists files through the links: they are kept, not deleted.
    let manifest = out.join(".antom-generated");
    let mut listed = read(&manifest);
    listed.push_str("linked/precious.txt\nloop/up/reference.md\nnotes-link.txt\n");
    fs::write(&manifest, listed).expect("manifest");
    let second = antom(&docs);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(
        stdout(&second).matches("kept: ").count(),
        3,
        "{}",
        stdout(&second)
    );
    assert!(
        out.join("reference.md").exists(),
        "the loop deleted nothing"
    );
    let check = antom(&[&docs[..], &["--check"]].concat());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // A link at a generated path: a conflict, with or without --force.
    fs::remove_file(out.join("reference.md")).expect("remove");
    symlink(&notes, out.join("reference.md")).expect("link at a generated path");
    for force in [false, true] {
        let mut args = docs.to_vec();
        if force {
            args.push("--force");
        }
        let refused = antom(&args);
        assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
        assert!(
            stderr(&refused).contains("a symbolic link: links are never followed or replaced"),
            "{}",
            stderr(&refused)
        );
    }
    // A link in place of a generated folder: a conflict too, and nothing is written there.
    symlink(outside.join("folder"), out.join("typescript")).expect("link as a target folder");
    fs::remove_file(out.join("reference.md")).expect("remove");
    let refused = antom(&[
        "generate",
        "--out",
        s(&out),
        "--target",
        "typescript,docs",
        "--force",
    ]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains(&format!(
            "conflict: {}: a symbolic link",
            out.join("typescript").display()
        )),
        "{}",
        stderr(&refused)
    );
    assert!(
        !out.join("docs").exists(),
        "nothing of the other target is written"
    );

    assert_eq!(
        tree(&outside),
        outside_before,
        "nothing outside --out changed"
    );
    assert_eq!(
        fs::read_link(out.join("linked")).expect("link"),
        outside.join("folder")
    );
    assert_eq!(
        fs::read_link(out.join("loop/up")).expect("link"),
        Path::new("..")
    );
    assert_eq!(
        fs::read_link(out.join("notes-link.txt")).expect("link"),
        notes
    );
}

/// A file where a target's folder must be stops the run before anything is written, and the
/// message names it; `--force` does not replace it. An I/O error names its path (exit 2).
#[test]
fn a_path_in_the_way_leaves_no_partial_output() {
    let dir = scratch("in-the-way");
    let out = dir.join("out");
    let blocker = out.join("swift");
    put(&blocker, "a file, not a folder\n");
    let before = tree(&out);
    for force in [false, true] {
        let mut args = vec!["generate", "--out", s(&out)];
        if force {
            args.push("--force");
        }
        let refused = antom(&args);
        assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
        assert!(
            stderr(&refused).contains(&format!(
                "conflict: {}: a file where a folder must be",
                blocker.display()
            )),
            "{}",
            stderr(&refused)
        );
        assert_eq!(tree(&out), before, "no target is written, not even in part");
    }

    let file = dir.join("plain-file");
    put(&file, "x\n");
    let under_a_file = file.join("out");
    let failed = antom(&["generate", "--out", s(&under_a_file), "--target", "docs"]);
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains(&format!("cannot make folder {}", under_a_file.display())),
        "{}",
        stderr(&failed)
    );
    assert_eq!(read(&file), "x\n");
}

/// Two runs started together into one folder both succeed and leave it fresh, also when both
/// find stale files to delete.
#[test]
fn concurrent_runs_into_one_folder_both_succeed() {
    let dir = scratch("concurrent");
    let old = spec_copy(&dir.join("old"), |t| t);
    let new = spec_copy(&dir.join("new"), |t| {
        t.replace("package: com.example.minimal", "package: com.example.moved")
    });
    for round in 0..6 {
        let out = dir.join(format!("out-{round}"));
        let args = |spec: &Path| -> Vec<String> {
            [
                "generate",
                "--spec",
                s(spec),
                "--out",
                s(&out),
                "--target",
                "kotlin,docs",
            ]
            .map(str::to_owned)
            .to_vec()
        };
        if round % 2 == 1 {
            let first = Command::new(env!("CARGO_BIN_EXE_antom"))
                .args(args(&old))
                .output()
                .expect("antom runs");
            assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
        }
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_antom"))
                .args(args(&new))
                .output()
        };
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(spawn);
            let b = scope.spawn(spawn);
            (
                a.join().expect("thread").expect("antom runs"),
                b.join().expect("thread").expect("antom runs"),
            )
        });
        for o in [&a, &b] {
            assert_eq!(o.status.code(), Some(0), "round {round}: {}", stderr(o));
        }
        let check = Command::new(env!("CARGO_BIN_EXE_antom"))
            .args(args(&new))
            .arg("--check")
            .output()
            .expect("antom runs");
        assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
        let files = tree(&out);
        assert!(!files.contains_key("kotlin/src/main/kotlin/com/example/minimal/Enums.kt"));
        let leftovers: Vec<&String> = files
            .keys()
            .filter(|p| p.contains("antom-tmp") || p.ends_with(".lock"))
            .collect();
        assert_eq!(
            leftovers,
            Vec::<&String>::new(),
            "no temporary or lock file is left"
        );
    }
}

/// A run waits while another holds the folder's lock, then does its work.
#[test]
fn a_run_waits_for_the_lock() {
    let dir = scratch("lock");
    let out = dir.join("out");
    fs::create_dir_all(&out).expect("out");
    let held = fs::File::create(out.join(".antom-generated.lock")).expect("lock file");
    held.lock().expect("lock");
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom"))
        .args(["generate", "--out", s(&out), "--target", "docs"])
        .current_dir(repo())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("antom runs");
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        child.try_wait().expect("status").is_none(),
        "the run went ahead while the lock was held"
    );
    assert!(!out.join("reference.md").exists());
    held.unlock().expect("unlock");
    let status = child.wait().expect("antom ends");
    assert!(status.success());
    assert!(out.join("reference.md").exists());
}

/// An empty file is never the generator's: listed in the manifest (as an older antom may have
/// done), it is not deleted and its folder stays; the lock and the manifest are never deleted
/// even when the manifest names them.
#[test]
fn empty_files_the_lock_and_the_manifest_are_never_deleted() {
    let dir = scratch("empty-files");
    let out = dir.join("out");
    let args = ["generate", "--out", s(&out), "--target", "docs"];
    assert_eq!(antom(&args).status.code(), Some(0));
    let manifest = out.join(".antom-generated");
    let header = read(&out.join("reference.md"))
        .lines()
        .next()
        .expect("header")
        .to_owned();
    put(&out.join("py.typed"), "");
    put(&out.join("user/.gitkeep"), "");
    // A lock file that carries the header (a copy of a generated file put there).
    put(&out.join(".antom-generated.lock"), &format!("{header}\n"));
    put(&out.join("sub/.antom-generated"), &format!("{header}\n"));
    let listed = format!(
        "{}py.typed\nuser/.gitkeep\n.antom-generated.lock\n.antom-generated\nsub/.antom-generated\n",
        read(&manifest)
    );
    put(&manifest, &listed);
    let run = antom(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    for kept in [
        "py.typed",
        "user/.gitkeep",
        ".antom-generated.lock",
        "sub/.antom-generated",
    ] {
        assert!(
            out.join(kept).is_file(),
            "{kept} was deleted: {}",
            stdout(&run)
        );
        assert!(
            !stdout(&run).contains(&format!("deleted: {}", out.join(kept).display())),
            "{}",
            stdout(&run)
        );
    }
    assert!(read(&manifest).lines().all(|l| l != "py.typed"));
}

fn temporary_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|p| p.ends_with(".antom-tmp"))
        .collect()
}

/// A run killed while it writes (here by the file size limit) leaves temporary files; the next
/// run removes those of the dead process, says so, and leaves a live process's alone.
#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next() {
    let dir = scratch("killed");
    let out = dir.join("out");
    let antom_bin = env!("CARGO_BIN_EXE_antom");
    let killed = Command::new("/bin/sh")
        .args([
            "-c",
            "ulimit -f 24; exec \"$0\" generate --out \"$1\" --target typescript",
        ])
        .args([antom_bin, s(&out)])
        .current_dir(repo())
        .output()
        .expect("sh runs");
    assert_eq!(
        killed.status.code(),
        None,
        "killed by SIGXFSZ: {}",
        stderr(&killed)
    );
    let left = temporary_files(&out);
    assert!(!left.is_empty(), "the killed run left temporary files");
    // One of a process that still runs (this test) is not touched.
    let live = out.join(format!(".index.ts.{}-0.antom-tmp", std::process::id()));
    put(&live, "busy\n");

    let next = antom(&["generate", "--out", s(&out), "--target", "typescript"]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    let said = stderr(&next);
    for path in &left {
        assert!(
            said.contains(&format!(
                "removed a temporary file of an interrupted run: {}",
                out.join(path).display()
            )),
            "{path}: {said}"
        );
    }
    assert_eq!(
        temporary_files(&out),
        [live
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned()]
    );
    let check = antom(&[
        "generate",
        "--out",
        s(&out),
        "--target",
        "typescript",
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// A run that fails while it writes (a write refused as on a full disk) removes the `--out`
/// folder it made, and only that: an existing folder stays.
#[test]
fn a_failed_run_removes_the_folder_it_made() {
    let dir = scratch("full");
    let new = dir.join("new/out");
    let limited = |out: &Path| {
        Command::new("/bin/sh")
            .args([
                "-c",
                "trap '' XFSZ; ulimit -f 24; exec \"$0\" generate --out \"$1\" --target typescript",
            ])
            .args([env!("CARGO_BIN_EXE_antom"), s(out)])
            .current_dir(repo())
            .output()
            .expect("sh runs")
    };
    let failed = limited(&new);
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("nothing was written"),
        "{}",
        stderr(&failed)
    );
    assert!(!dir.join("new").exists(), "{:?}", tree(&dir));

    let existing = dir.join("existing");
    put(&existing.join("mine.txt"), "mine\n");
    let failed = limited(&existing);
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert_eq!(
        tree(&existing),
        BTreeMap::from([("mine.txt".to_owned(), "file:mine\n".to_owned())])
    );
}

/// Generating other targets into a folder that holds one target's output would delete that
/// target's files: each is named, and nothing is done without `--force`; `--check` says the same.
#[test]
fn changing_the_targets_of_a_folder_needs_force() {
    let dir = scratch("retarget");
    let out = dir.join("out");
    let ts = ["generate", "--out", s(&out), "--target", "typescript"];
    assert_eq!(antom(&ts).status.code(), Some(0));
    let before = tree(&out);
    let docs = ["generate", "--out", s(&out), "--target", "docs"];
    for extra in [&[][..], &["--check"][..]] {
        let refused = antom(&[&docs[..], extra].concat());
        assert_eq!(
            refused.status.code(),
            Some(1),
            "{extra:?}: {}",
            stderr(&refused)
        );
        let err = stderr(&refused);
        let index = out.join("src/index.ts");
        assert!(
            err.contains(&format!("conflict: {}: ", index.display()))
                && err.contains("--target typescript"),
            "{extra:?}: {err}"
        );
        assert_eq!(tree(&out), before, "{extra:?}: nothing is written");
    }
    let v = json(&antom(
        &[&docs[..], &["--check", "--format", "json"]].concat(),
    ));
    assert!(
        v["conflicts"]
            .as_array()
            .is_some_and(|c| !c.is_empty() && c.iter().all(|c| c["kind"] == "other_target")),
        "{v}"
    );
    let forced = antom(&[&docs[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(!out.join("src/index.ts").exists());
    assert!(out.join("reference.md").exists());
    // The same targets again: no question asked.
    assert_eq!(antom(&docs).status.code(), Some(0));
}
