//! `cargo xtask codegen [--check]`: every target from `spec/` into its folder of this repository.

use antom_cli::writer::{self, Output};
use antom_codegen::Target;
use anyhow::Context;

use crate::repo_root;

/// Returns `Ok(false)` when the spec has problems or, with `check`, when files drifted.
pub(crate) fn run(check: bool) -> anyhow::Result<bool> {
    let root = repo_root();
    let files = antom_cli::spec_input::read_dir(&root.join("spec")).context("cannot read spec/")?;
    let spec = match antom_spec::load(&files) {
        Ok(spec) => spec,
        Err(problems) => {
            eprintln!("{problems}");
            eprintln!("the spec has problems: nothing was written");
            return Ok(false);
        }
    };
    let outputs: Vec<Output> = antom_codegen::generate(&spec, Target::ALL)
        .into_iter()
        .map(|(target, files)| Output {
            dir: root.join(target.repo_dir()),
            files,
            owns_dir: target.owns_dir(),
        })
        .collect();
    let show = |p: &std::path::Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    if check {
        let drift = writer::diff(&outputs)?;
        if drift.is_empty() {
            return Ok(true);
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
    let changes = writer::write(&outputs)?;
    for c in &changes {
        println!(
            "{}",
            c.describe_write()
                .replace(&c.path().display().to_string(), &show(c.path()))
        );
    }
    let total: usize = outputs.iter().map(|o| o.files.len()).sum();
    println!("{total} generated files, {} changed", changes.len());
    Ok(true)
}
