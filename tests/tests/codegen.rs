//! The generator: generated files are fresh, output is deterministic, the writer keeps folders
//! exact, and every fixture case under `tests/cases/` matches its reviewed snapshots.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_codegen::writer::{self, Destination, Drift, MANIFEST, Options};
use antom_spec::SourceFile;
use antom_tests::{fixture_cases, load_spec, read_spec_files, repo_root, repo_spec};
use serde_json::Value;

fn repo_destinations(spec: &antom_spec::Spec) -> Vec<Destination> {
    destinations(spec, Target::ALL, |target| PathBuf::from(target.repo_dir()))
}

/// `targets` rendered from `spec`, each into the folder `dir` gives it.
fn destinations(
    spec: &antom_spec::Spec,
    targets: &[Target],
    dir: impl Fn(Target) -> PathBuf,
) -> Vec<Destination> {
    Destination::render(spec, targets, dir).unwrap_or_else(|e| panic!("{e}"))
}

/// Compares without writing; there must be no conflict.
fn diff(base: &Path, destinations: &[Destination]) -> Vec<Drift> {
    let report = writer::sync(
        base,
        destinations,
        Options {
            check: true,
            force: false,
        },
    )
    .expect("generated folders are readable");
    let conflicts: Vec<String> = report.conflicts.iter().map(ToString::to_string).collect();
    assert!(
        conflicts.is_empty(),
        "paths are in the way of generated files:\n{}\nmove them, or run `cargo xtask codegen --force`",
        conflicts.join("\n")
    );
    report.drift
}

/// Brings the disk in line; returns what changed.
fn write(base: &Path, destinations: &[Destination]) -> Vec<Drift> {
    let report = writer::sync(base, destinations, Options::default()).expect("writes");
    assert_eq!(report.conflicts, vec![], "no conflicts");
    report.drift
}

#[test]
fn generated_files_are_fresh() {
    let drift = diff(&repo_root(), &repo_destinations(&repo_spec()));
    let list: Vec<String> = drift.iter().map(ToString::to_string).collect();
    assert!(
        drift.is_empty(),
        "generated files differ from the spec:\n{}\nrun `cargo xtask codegen` and commit the result",
        list.join("\n")
    );
}

/// Emits a JSON value (which is YAML) with every mapping's keys in reverse order.
fn reversed_yaml(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), reversed_yaml(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(reversed_yaml)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn flatten(
    generated: Vec<(Target, Vec<antom_codegen::GeneratedFile>)>,
) -> Vec<(Target, String, String)> {
    generated
        .into_iter()
        .flat_map(|(t, files)| files.into_iter().map(move |f| (t, f.path, f.contents)))
        .collect()
}

#[test]
fn output_is_identical_whatever_the_key_order() {
    let files = read_spec_files(&repo_root().join("spec"));
    let spec = antom_codegen::load(&files).expect("the repository spec is valid");
    let first =
        flatten(antom_codegen::generate(&spec, Target::ALL).unwrap_or_else(|e| panic!("{e}")));
    let again =
        flatten(antom_codegen::generate(&spec, Target::ALL).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(first, again, "generating twice gives different bytes");

    let shuffled: Vec<SourceFile> = files
        .iter()
        .map(|f| {
            let text = std::str::from_utf8(&f.bytes).expect("spec files are UTF-8");
            let value: Value = serde_saphyr::from_str(text).expect("spec files are YAML");
            SourceFile::new(f.path.clone(), reversed_yaml(&value))
        })
        .collect();
    assert_ne!(
        std::str::from_utf8(&shuffled[0].bytes).ok(),
        std::str::from_utf8(&files[0].bytes).ok(),
        "the shuffled copy must differ from the original"
    );
    let spec = antom_codegen::load(&shuffled)
        .unwrap_or_else(|p| panic!("the shuffled spec has problems:\n{p}"));
    let from_shuffled =
        flatten(antom_codegen::generate(&spec, Target::ALL).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(first.len(), from_shuffled.len());
    for (a, b) in first.iter().zip(&from_shuffled) {
        assert!(a == b, "{} differs when the spec's keys are reordered", a.1);
    }
}

#[test]
fn every_target_is_listed_once_with_its_own_folder() {
    let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
    let mut dedup = names.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(names.len(), dedup.len());
    for t in Target::ALL {
        assert_eq!(Target::from_name(t.name()), Some(*t));
    }
}

#[test]
fn every_generated_file_has_the_header() {
    for (target, path, contents) in flatten(
        antom_codegen::generate(&repo_spec(), Target::ALL).unwrap_or_else(|e| panic!("{e}")),
    ) {
        let head: String = contents.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains("@generated"),
            "{target:?} {path} has no @generated header"
        );
        assert!(
            head.contains("spec/"),
            "{target:?} {path} does not name its spec file"
        );
        assert!(
            !contents.contains('\r'),
            "{target:?} {path} has a CR line ending"
        );
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The writer rewrites and deletes only what its manifest lists and what still carries the
/// header; everything else in the folder is left alone and unreported.
#[test]
fn writer_touches_only_its_own_files() {
    let dir = scratch("writer");
    let spec = repo_spec();
    let out = destinations(&spec, &[Target::Rust], |_| PathBuf::new());
    let first = write(&dir, &out);
    assert!(first.iter().all(|d| matches!(d, Drift::Missing(_))));
    assert!(
        first.contains(&Drift::Missing(dir.join(MANIFEST))),
        "{first:?}"
    );
    assert!(
        first.contains(&Drift::Missing(dir.join("mod.rs"))),
        "{first:?}"
    );
    assert!(diff(&dir, &out).is_empty());

    let untouched = dir.join("mod.rs");
    let mtime = std::fs::metadata(&untouched)
        .and_then(|m| m.modified())
        .expect("mtime");
    // A hand edit below the header: still the generator's file.
    let edited = dir.join("enums.rs");
    let header = std::fs::read_to_string(&edited)
        .expect("enums.rs")
        .lines()
        .next()
        .expect("a header line")
        .to_owned();
    std::fs::write(&edited, format!("{header}\n// hand edit\n")).expect("edit");
    std::fs::remove_file(dir.join("objects.rs")).expect("delete");
    // A file of someone else's in the folder, and one in a subfolder.
    std::fs::create_dir_all(dir.join("nested")).expect("mkdir");
    let stray = dir.join("nested/stray.rs");
    std::fs::write(&stray, "// mine\n").expect("stray");
    let beside = dir.join("notes.md");
    std::fs::write(&beside, "mine\n").expect("notes");
    // Files the manifest lists that are no longer generated: one as written, one edited.
    let stale = dir.join("old.rs");
    std::fs::write(&stale, format!("{header}\n")).expect("old");
    let released = dir.join("kept.rs");
    std::fs::write(&released, "// the header is gone\n").expect("kept");
    let manifest = dir.join(MANIFEST);
    let mut listed = std::fs::read_to_string(&manifest).expect("manifest");
    listed.push_str("old.rs\nkept.rs\n../escape.rs\n");
    std::fs::write(&manifest, &listed).expect("manifest");

    let drift = diff(&dir, &out);
    assert_eq!(
        drift,
        vec![
            Drift::Missing(dir.join("objects.rs")),
            Drift::Stale(manifest.clone()),
            Drift::Stale(edited.clone()),
            Drift::Unexpected(stale.clone()),
            Drift::Released(released.clone()),
        ]
    );
    assert_eq!(write(&dir, &out), drift, "writing reports what it changed");
    assert!(diff(&dir, &out).is_empty());
    assert!(!stale.exists(), "a stale generated file is deleted");
    assert_eq!(
        std::fs::read_to_string(&released).ok().as_deref(),
        Some("// the header is gone\n")
    );
    assert_eq!(
        std::fs::read_to_string(&stray).ok().as_deref(),
        Some("// mine\n")
    );
    assert_eq!(
        std::fs::read_to_string(&beside).ok().as_deref(),
        Some("mine\n")
    );
    let listed = std::fs::read_to_string(&manifest).expect("manifest");
    assert!(
        !listed.contains("kept.rs") && !listed.contains("old.rs") && !listed.contains("escape"),
        "{listed}"
    );
    let after = std::fs::metadata(&untouched)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(mtime, after, "an unchanged file is not rewritten");
}

/// A destination inside another's folder: each keeps its own manifest, and neither reports or
/// touches the other's files.
#[test]
fn writer_leaves_nested_destinations_alone() {
    let dir = scratch("writer-nested");
    let spec = repo_spec();
    let out = destinations(&spec, &[Target::Rust, Target::Docs], |target| {
        if target == Target::Docs {
            PathBuf::from("docs")
        } else {
            PathBuf::new()
        }
    });
    let first = write(&dir, &out);
    assert!(first.iter().all(|d| matches!(d, Drift::Missing(_))));
    assert!(
        first.contains(&Drift::Missing(dir.join("docs").join(MANIFEST))),
        "the nested destination has its own manifest: {first:?}"
    );
    assert_eq!(diff(&dir, &out), vec![], "nothing is unexpected");
    assert_eq!(diff(&dir, &out[..1]), vec![], "nor without the nested one");
    // The outer manifest naming the nested destination's file (or itself) deletes neither.
    let manifest = dir.join(MANIFEST);
    let mut listed = std::fs::read_to_string(&manifest).expect("manifest");
    listed.push_str(&format!("docs/reference.md\n{MANIFEST}\n"));
    std::fs::write(&manifest, listed).expect("manifest");
    assert_eq!(write(&dir, &out), vec![Drift::Stale(manifest.clone())]);
    assert!(dir.join("docs/reference.md").exists() && manifest.exists());
    assert_eq!(diff(&dir, &out), vec![]);
}

/// Each `tests/cases/<case>/` holds a spec; every target's output is snapshotted beside it.
#[test]
fn fixture_cases_match_their_snapshots() {
    for (_, case) in fixture_cases() {
        let spec = load_spec(&case);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(case.join("snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            for (target, files) in
                antom_codegen::generate(&spec, Target::ALL).unwrap_or_else(|e| panic!("{e}"))
            {
                let text: String = files
                    .iter()
                    .map(|f| format!("=== {} ===\n{}\n", f.path, f.contents))
                    .collect();
                insta::assert_snapshot!(target.name(), text);
            }
        });
    }
}
