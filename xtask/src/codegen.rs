//! `cargo xtask codegen [--check]`: every target from `spec/` into its folder of this repository.

use antom_codegen::Target;
use antom_codegen::version::{self, Site};
use antom_codegen::writer::{self, Destination};
use anyhow::Context;

use crate::repo_root;

/// Returns `Ok(false)` when the spec has problems or, with `check`, when files drifted.
pub(crate) fn run(check: bool) -> anyhow::Result<bool> {
    let root = repo_root();
    let files = writer::read_dir(&root.join("spec")).context("cannot read spec/")?;
    let spec = match antom_spec::load(&files) {
        Ok(spec) => spec,
        Err(problems) => {
            eprintln!("{problems}");
            eprintln!("the spec has problems: nothing was written");
            return Ok(false);
        }
    };
    let destinations: Vec<Destination> = Target::ALL
        .iter()
        .map(|&target| Destination {
            target,
            dir: root.join(target.repo_dir()),
            owns_dir: target.owns_dir(),
        })
        .collect();
    let report = writer::sync(&spec, &destinations, check)?;
    let show = |p: &std::path::Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    // The generated files carry the spec's version once written; the crate's manifest is kept by
    // hand, so a version raised in the spec fails here until the manifest follows.
    let mut sites = version::sites(&spec, Target::ALL, true);
    sites.push(Site::new("crates/callback/Cargo.toml", "version = "));
    let mismatches = version::check(&spec, &root, &sites);
    for m in &mismatches {
        eprintln!(
            "{}",
            m.to_string()
                .replace(&m.path.display().to_string(), &show(&m.path))
        );
    }
    if check {
        let drift = report.drift;
        if drift.is_empty() {
            return Ok(mismatches.is_empty());
        }
        for d in &drift {
            eprintln!(
                "{}",
                d.to_string()
                    .replace(&d.path().display().to_string(), &show(d.path()))
            );
        }
        eprintln!("generated files are out of date: run `cargo xtask codegen`");
        return Ok(false);
    }
    let changes = report.drift;
    for c in &changes {
        println!(
            "{}",
            c.describe_write()
                .replace(&c.path().display().to_string(), &show(c.path()))
        );
    }
    println!(
        "{} generated files, {} changed",
        report.files,
        changes.len()
    );
    Ok(mismatches.is_empty())
}
