//! `antom diff OLD NEW`: which changes break SDK users, and the semver bump they need.

use std::path::Path;

use antom_spec::compat::{self, Bump};
use anyhow::Context;

use super::Style;
use crate::cli::Format;
use crate::spec_input;

fn load(dir: &Path) -> anyhow::Result<Result<antom_spec::Spec, antom_spec::Problems>> {
    let files =
        spec_input::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    Ok(antom_spec::load(&files))
}

pub(crate) fn run(old: &Path, new: &Path, format: Format) -> anyhow::Result<u8> {
    let (old_spec, new_spec) = match (load(old)?, load(new)?) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for problems in [a.err(), b.err()].into_iter().flatten() {
                eprintln!("{problems}");
            }
            eprintln!("both specs must lint clean before they can be compared");
            return Ok(2);
        }
    };
    let report = compat::compare(&old_spec, &new_spec);
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        Format::Text => {
            let style = Style::stdout();
            for c in &report.changes {
                let label = if c.breaking {
                    style.red("breaking  ")
                } else {
                    style.green("compatible")
                };
                println!("{label} {}: {}", c.path, c.message);
            }
            if report.changes.is_empty() {
                println!("no changes");
            }
            let v = &report.version;
            let verdict = if v.lowered {
                style.red(&format!(
                    "is lowered, and a version never goes down: raise `version` in the spec to {} or later",
                    v.enough
                ))
            } else if v.sufficient || report.bump == Bump::None {
                format!("is a {} bump", v.bumped.as_str())
            } else {
                format!(
                    "is a {} bump{}",
                    v.bumped.as_str(),
                    style.yellow(&format!(
                        ": not enough, raise `version` in the spec to {} or later",
                        v.enough
                    ))
                )
            };
            println!(
                "\n{} needs a {} version bump; version {} → {} {verdict}",
                if report.breaking {
                    style.red("breaking:")
                } else {
                    style.green("compatible:")
                },
                report.bump.as_str(),
                v.old,
                v.new,
            );
        }
    }
    Ok(if report.breaking || report.version.lowered {
        1
    } else {
        0
    })
}
