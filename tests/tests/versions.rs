//! One version everywhere: every artifact that carries the spec's data carries `package.version`,
//! and a file that says otherwise is named by the check `cargo xtask codegen --check` runs.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_codegen::version::{self, Site};
use antom_tests::{repo_root, repo_spec};

/// The sites `cargo xtask codegen` checks: every target's, and the Rust crate's manifest.
fn repo_sites() -> Vec<Site> {
    let spec = repo_spec();
    let mut sites = version::sites(&spec, Target::ALL, true);
    sites.push(Site::new("crates/callback/Cargo.toml", "version = "));
    sites
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn every_artifact_with_the_spec_data_carries_its_version() {
    let spec = repo_spec();
    // Every code target ships the spec's data, and so does the catalog: each writes the version.
    let shipping_data = Target::ALL
        .iter()
        .filter(|t| t.naming().is_some() || t.name() == "catalog");
    for target in shipping_data {
        assert!(
            !target.version_sites(&spec).is_empty(),
            "the {} target writes no version",
            target.name()
        );
    }
    let mismatches = version::check(&spec, &repo_root(), &repo_sites());
    let shown: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
    // The check reads what it should: the version is literally in each file, on its line.
    for site in repo_sites() {
        let text = std::fs::read_to_string(repo_root().join(&site.path)).expect("site exists");
        let line = text
            .lines()
            .find(|l| l.starts_with(site.marker))
            .unwrap_or_else(|| panic!("{}: no line starts with {:?}", site.path, site.marker));
        assert!(
            line.contains(&format!("\"{}\"", spec.package.version))
                || line.contains(&format!("'{}'", spec.package.version)),
            "{}: {line}",
            site.path
        );
    }
}

#[test]
fn a_planted_version_is_named_with_its_file() {
    let spec = repo_spec();
    let sites = repo_sites();
    for planted in &sites {
        let dir = scratch("versions");
        for site in &sites {
            let mut text =
                std::fs::read_to_string(repo_root().join(&site.path)).expect("site exists");
            if site == planted {
                let line = text
                    .lines()
                    .find(|l| l.starts_with(site.marker))
                    .expect("version line")
                    .to_owned();
                text = text.replacen(
                    &line,
                    &line.replacen(&spec.package.version, "0.0.1-planted", 1),
                    1,
                );
            }
            let path = dir.join(&site.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
            std::fs::write(&path, text).expect("write");
        }
        let mismatches = version::check(&spec, &dir, &sites);
        assert_eq!(
            mismatches.len(),
            1,
            "planted in {}: {mismatches:?}",
            planted.path
        );
        let message = mismatches[0].to_string();
        assert!(
            message.contains(&planted.path)
                && message.contains("0.0.1-planted")
                && message.contains(&spec.package.version),
            "{message}"
        );
    }
    // A missing file is a mismatch too, not a silent pass.
    let empty = scratch("versions-empty");
    assert_eq!(version::check(&spec, &empty, &sites).len(), sites.len());
}
