//! `cargo xtask codegen [--check] [--force]`: every target from `spec/` into its folder of this
//! repository, through the same writer and rules as `antom generate`.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_codegen::version::{self, Site};
use antom_codegen::writer::{self, Destination, Options, Source};
use anyhow::Context;

use crate::{cli_files, repo_root};

/// Returns `Ok(false)` when the spec has problems, when paths are in the way or, with `check`,
/// when files drifted.
pub(crate) fn run(options: Options) -> anyhow::Result<bool> {
    let root = repo_root();
    let files = writer::read_dir(&root.join("spec")).context("cannot read spec/")?;
    let spec = match antom_codegen::load(&files) {
        Ok(spec) => spec,
        Err(problems) => {
            eprintln!("{problems}");
            eprintln!("the spec has problems: nothing was written");
            return Ok(false);
        }
    };
    let mut destinations = Destination::render(&spec, Target::ALL, |target| {
        PathBuf::from(target.repo_dir())
    })?;
    destinations.push(Destination {
        source: Source::Files(cli_files::files()),
        dir: PathBuf::from(cli_files::DIR),
    });
    let report = writer::sync(&root, &destinations, options)?;
    let show = |p: &Path| writer::show(p.strip_prefix(&root).unwrap_or(p));
    if !report.conflicts.is_empty() {
        for c in &report.conflicts {
            eprintln!("conflict: {}: {}", show(&c.path), c.kind.explain());
        }
        eprintln!(
            "paths are in the way of generated files: nothing was written; move them, or run `cargo xtask codegen --force` to overwrite the regular files among them"
        );
        return Ok(false);
    }
    // The generated files carry the spec's version once written; the crate's manifest is kept by
    // hand, so a version raised in the spec fails here until the manifest follows.
    let mut sites = version::sites(&spec, Target::ALL, true);
    sites.push(Site::new("crates/callback/Cargo.toml", "version = "));
    let mismatches = version::check(&spec, &root, &sites);
    for m in &mismatches {
        let shown = m.path.display().to_string();
        eprintln!("{}", m.to_string().replace(&shown, &show(&m.path)));
    }
    let relative = |d: &writer::Drift| {
        d.to_string()
            .replace(&writer::show(d.path()), &show(d.path()))
    };
    if options.check {
        if report.drift.is_empty() {
            return Ok(mismatches.is_empty());
        }
        for d in &report.drift {
            eprintln!("{}", relative(d));
        }
        eprintln!("generated files are out of date: run `cargo xtask codegen`");
        return Ok(false);
    }
    for d in &report.drift {
        println!(
            "{}",
            d.describe_write()
                .replace(&writer::show(d.path()), &show(d.path()))
        );
    }
    println!(
        "{} generated files, {} changed",
        report.files,
        report.drift.len()
    );
    Ok(mismatches.is_empty())
}
