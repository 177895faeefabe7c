//! `antom generate`: the same engine and writer as `cargo xtask codegen`, into any folder.

use std::path::Path;

use antom_codegen::Target;
use antom_codegen::writer::{self, Destination};
use serde_json::json;

use super::load_spec;
use crate::cli::Format;

pub(crate) fn run(
    spec: Option<&Path>,
    out: &Path,
    targets: &[Target],
    check: bool,
    format: Format,
) -> anyhow::Result<u8> {
    let spec = match load_spec(spec)? {
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
    let destinations: Vec<Destination> = targets
        .iter()
        .map(|&target| Destination {
            target,
            dir: if single {
                out.to_path_buf()
            } else {
                out.join(target.name())
            },
            owns_dir: target.owns_dir() || single,
        })
        .collect();
    let report = writer::sync(&spec, &destinations, check)?;
    let drift = report.drift;
    let total = report.files;
    match format {
        Format::Json => {
            let changes: Vec<_> = drift
                .iter()
                .map(|d| {
                    let (kind, path) = match d {
                        writer::Drift::Missing(p) => ("missing", p),
                        writer::Drift::Stale(p) => ("stale", p),
                        writer::Drift::Unexpected(p) => ("unexpected", p),
                    };
                    json!({ "kind": kind, "path": path.display().to_string() })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &json!({ "check": check, "files": total, "changes": changes })
                )?
            );
        }
        Format::Text => {
            for d in &drift {
                if check {
                    eprintln!("{d}");
                } else {
                    println!("{}", d.describe_write());
                }
            }
            if check && !drift.is_empty() {
                eprintln!(
                    "{} file(s) out of date: run the same command without --check",
                    drift.len()
                );
            } else if !check {
                println!("{total} generated files, {} changed", drift.len());
            }
        }
    }
    Ok(if check && !drift.is_empty() { 1 } else { 0 })
}
