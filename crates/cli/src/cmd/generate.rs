//! `antom generate`: the same engine and writer as `cargo xtask codegen`, into any folder.

use std::path::Path;

use antom_codegen::Target;
use serde_json::json;

use super::load_spec;
use crate::cli::Format;
use crate::writer::{self, Output};

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
    let targets = if targets.is_empty() {
        Target::ALL
    } else {
        targets
    };
    let single = targets.len() == 1;
    let outputs: Vec<Output> = antom_codegen::generate(&spec, targets)
        .into_iter()
        .map(|(t, files)| Output {
            dir: if single {
                out.to_path_buf()
            } else {
                out.join(t.name())
            },
            files,
            owns_dir: t.owns_dir() || single,
        })
        .collect();
    let drift = if check {
        writer::diff(&outputs)?
    } else {
        writer::write(&outputs)?
    };
    let total: usize = outputs.iter().map(|o| o.files.len()).sum();
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
