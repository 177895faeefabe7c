//! The generator: generated files are fresh, output is deterministic, the writer keeps folders
//! exact, and every fixture case under `tests/cases/` matches its reviewed snapshots.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_codegen::writer::{self, Destination, Drift};
use antom_spec::SourceFile;
use antom_tests::{fixture_cases, load_spec, read_spec_files, repo_root, repo_spec};
use serde_json::Value;

fn repo_destinations() -> Vec<Destination> {
    let root = repo_root();
    Target::ALL
        .iter()
        .map(|&target| Destination {
            target,
            dir: root.join(target.repo_dir()),
            owns_dir: target.owns_dir(),
        })
        .collect()
}

/// Compares without writing.
fn diff(spec: &antom_spec::Spec, destinations: &[Destination]) -> Vec<Drift> {
    writer::sync(spec, destinations, true)
        .expect("generated folders are readable")
        .drift
}

/// Brings the disk in line; returns what changed.
fn write(spec: &antom_spec::Spec, destinations: &[Destination]) -> Vec<Drift> {
    writer::sync(spec, destinations, false)
        .expect("writes")
        .drift
}

#[test]
fn generated_files_are_fresh() {
    let drift = diff(&repo_spec(), &repo_destinations());
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
    let spec = antom_spec::load(&files).expect("the repository spec is valid");
    let first = flatten(antom_codegen::generate(&spec, Target::ALL));
    let again = flatten(antom_codegen::generate(&spec, Target::ALL));
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
    let spec = antom_spec::load(&shuffled)
        .unwrap_or_else(|p| panic!("the shuffled spec has problems:\n{p}"));
    let from_shuffled = flatten(antom_codegen::generate(&spec, Target::ALL));
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
    for (target, path, contents) in flatten(antom_codegen::generate(&repo_spec(), Target::ALL)) {
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

#[test]
fn writer_keeps_folders_exact() {
    let dir = scratch("writer");
    let spec = repo_spec();
    let out = [Destination {
        target: Target::Rust,
        dir: dir.clone(),
        owns_dir: true,
    }];
    let first = write(&spec, &out);
    assert!(!first.is_empty() && first.iter().all(|d| matches!(d, Drift::Missing(_))));
    assert!(diff(&spec, &out).is_empty());

    let untouched = dir.join("mod.rs");
    let mtime = std::fs::metadata(&untouched)
        .and_then(|m| m.modified())
        .expect("mtime");
    let edited = dir.join("enums.rs");
    std::fs::write(&edited, "// hand edit\n").expect("edit");
    std::fs::remove_file(dir.join("objects.rs")).expect("delete");
    std::fs::create_dir_all(dir.join("nested")).expect("mkdir");
    let stray = dir.join("nested/stray.rs");
    std::fs::write(&stray, "").expect("stray");

    let drift = diff(&spec, &out);
    assert_eq!(
        drift,
        vec![
            Drift::Missing(dir.join("objects.rs")),
            Drift::Stale(edited.clone()),
            Drift::Unexpected(stray.clone())
        ]
    );
    assert_eq!(write(&spec, &out), drift, "writing reports what it changed");
    assert!(diff(&spec, &out).is_empty());
    assert!(
        !stray.exists() && !dir.join("nested").exists(),
        "stray file and its emptied folder are deleted"
    );
    let after = std::fs::metadata(&untouched)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(mtime, after, "an unchanged file is not rewritten");
}

/// A destination inside another's owned folder keeps its files: the outer one does not call
/// them unexpected, whichever thread writes first.
#[test]
fn writer_leaves_nested_destinations_alone() {
    let dir = scratch("writer-nested");
    let spec = repo_spec();
    let out = [
        Destination {
            target: Target::Rust,
            dir: dir.clone(),
            owns_dir: true,
        },
        Destination {
            target: Target::Docs,
            dir: dir.join("docs"),
            owns_dir: true,
        },
    ];
    let first = write(&spec, &out);
    assert!(first.iter().all(|d| matches!(d, Drift::Missing(_))));
    assert!(
        first.iter().any(|d| d.path().starts_with(dir.join("docs"))),
        "the nested destination is written: {first:?}"
    );
    assert_eq!(diff(&spec, &out), vec![], "nothing is unexpected");
    // Without the nested destination, its files are strays of the outer folder.
    let drift = diff(&spec, &out[..1]);
    assert!(
        !drift.is_empty()
            && drift
                .iter()
                .all(|d| matches!(d, Drift::Unexpected(p) if p.starts_with(dir.join("docs")))),
        "{drift:?}"
    );
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
            for (target, files) in antom_codegen::generate(&spec, Target::ALL) {
                let text: String = files
                    .iter()
                    .map(|f| format!("=== {} ===\n{}\n", f.path, f.contents))
                    .collect();
                insta::assert_snapshot!(target.name(), text);
            }
        });
    }
}

#[test]
fn rust_output_for_the_real_spec() {
    let generated = antom_codegen::generate(&repo_spec(), &[Target::Rust]);
    let text: String = generated[0]
        .1
        .iter()
        .map(|f| format!("=== {} ===\n{}\n", f.path, f.contents))
        .collect();
    insta::assert_snapshot!("real_spec_rust", text);
}
