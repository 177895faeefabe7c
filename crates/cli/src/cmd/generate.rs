//! `antom generate`: the same engine and writer as `cargo xtask codegen`, into any folder.
//!
//! One target writes straight into `--out` (an SDK repository points it at its own folder);
//! several targets get a subfolder each. `cargo xtask codegen` is the same call with the
//! repository root as base and each target's `repo_dir` as destination, so the repository's
//! manifests are committed and `--check` covers them.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_codegen::writer::{self, Destination, Options};
use serde_json::json;

use super::{load_files, read_spec, spec_label};
use crate::cli::Format;
use crate::output::{Failure, outln};

pub(crate) fn run(
    spec: Option<&Path>,
    out: &Path,
    targets: &[Target],
    options: Options,
    format: Format,
) -> anyhow::Result<u8> {
    let (origin, files) = match read_spec(spec, format)? {
        Ok(read) => read,
        Err(exit) => return Ok(exit),
    };
    let spec = match load_files(&origin, &files, format)? {
        Ok(spec) => spec,
        Err(exit) => return Ok(exit),
    };
    let mut targets = if targets.is_empty() {
        Target::ALL.to_vec()
    } else {
        targets.to_vec()
    };
    targets.sort();
    targets.dedup();
    let single = targets.len() == 1;
    let rendered = Destination::render(&spec, &targets, |target| {
        if single {
            PathBuf::new()
        } else {
            PathBuf::from(target.name())
        }
    });
    let destinations = match rendered {
        Ok(destinations) => destinations,
        Err(e) => {
            return Failure {
                kind: "io",
                message: e.to_string(),
                path: Some(out.display().to_string()),
                details: None,
                exit: 2,
            }
            .report(format);
        }
    };
    let report = match writer::sync(out, &destinations, options) {
        Ok(report) => report,
        Err(e) => {
            let (writer::Error::Io { path, .. } | writer::Error::Partial { path, .. }) = &e;
            return Failure {
                kind: "io",
                message: e.to_string(),
                path: Some(path.display().to_string()),
                details: None,
                exit: 2,
            }
            .report(format);
        }
    };
    let check = options.check;
    let (drift, conflicts) = (&report.drift, &report.conflicts);
    // Temporary files of killed runs are removed only by a run that writes.
    let removed = !check && conflicts.is_empty();
    match format {
        Format::Json => print_json(&report, check, removed)?,
        Format::Text => print_text(&report, check, removed, &origin)?,
    }
    let failed = !conflicts.is_empty() || (check && !drift.is_empty());
    Ok(u8::from(failed))
}

/// The JSON report of a run: one document on standard output.
fn print_json(report: &writer::Report, check: bool, removed: bool) -> anyhow::Result<()> {
    let (drift, conflicts) = (&report.drift, &report.conflicts);
    let changes: Vec<_> = drift
        .iter()
        .map(|d| json!({ "kind": d.kind(), "path": d.path().display().to_string() }))
        .collect();
    let conflicts: Vec<_> = conflicts
        .iter()
        .map(|c| {
            json!({
                "kind": c.kind.name(),
                "path": c.path.display().to_string(),
                "message": c.kind.explain(),
            })
        })
        .collect();
    let leftovers: Vec<_> = report
        .leftovers
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    outln!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "check": check,
            "files": report.files,
            "written": !check && conflicts.is_empty(),
            "changes": changes,
            "conflicts": conflicts,
            "interrupted_temporary_files": {
                "removed": removed,
                "paths": leftovers,
            },
        }))?
    )?;
    Ok(())
}

/// The text report of a run: what changed on standard output, notes and problems on stderr.
fn print_text(
    report: &writer::Report,
    check: bool,
    removed: bool,
    origin: &crate::spec_input::SpecOrigin,
) -> anyhow::Result<()> {
    let (drift, conflicts) = (&report.drift, &report.conflicts);
    for path in &report.leftovers {
        if removed {
            eprintln!(
                "note: removed a temporary file of an interrupted run: {}",
                writer::show(path)
            );
        } else {
            eprintln!(
                "note: a temporary file of an interrupted run (a run that writes removes it): {}",
                writer::show(path)
            );
        }
    }
    for c in conflicts {
        eprintln!("{c}");
    }
    for d in drift {
        if check {
            eprintln!("{d}");
        } else {
            outln!("{}", d.describe_write())?;
        }
    }
    let what = if check {
        "a run would write nothing"
    } else {
        "nothing was written"
    };
    let mut other_targets = std::collections::BTreeMap::<Target, usize>::new();
    for c in conflicts {
        if let writer::ConflictKind::OtherTarget(target) = c.kind {
            *other_targets.entry(target).or_default() += 1;
        }
    }
    let in_the_way = conflicts.len() - other_targets.values().sum::<usize>();
    for (target, n) in &other_targets {
        eprintln!(
            "{n} file(s) that `--target {}` wrote in this folder would be deleted: {what}; pass --force to delete them, or choose another --out",
            target.name()
        );
    }
    if !conflicts.is_empty() {
        if in_the_way > 0 {
            eprintln!(
                "{in_the_way} path(s) in the way: {what}; move them, or pass --force to overwrite the regular files among them"
            );
        }
    } else if check && !drift.is_empty() {
        eprintln!(
            "{} file(s) out of date: run the same command without --check",
            drift.len()
        );
    } else if !check {
        outln!(
            "{} generated files, {} changed, from {}",
            report.files,
            drift.len(),
            spec_label(origin)
        )?;
    }
    Ok(())
}
