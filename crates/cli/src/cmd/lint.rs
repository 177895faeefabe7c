//! `antom lint`: load a spec and report every problem.

use std::path::Path;

use serde_json::json;

use super::{print_problems, shown};
use crate::cli::Format;
use crate::output::{Failure, outln};
use crate::spec_input;

pub(crate) fn run(spec: Option<&Path>, format: Format) -> anyhow::Result<u8> {
    let (origin, files) = match spec_input::read(spec) {
        Ok(read) => read,
        Err((dir, e)) => return Failure::io("read the spec folder", &dir, &e).report(format),
    };
    let (result, warnings) = antom_codegen::load_with_warnings(&files);
    match format {
        Format::Json => {
            let problems = result
                .as_ref()
                .err()
                .map(|p| p.0.clone())
                .unwrap_or_default();
            let out = json!({
                "valid": problems.is_empty(),
                "problems": problems,
                "warnings": warnings,
            });
            outln!("{}", serde_json::to_string_pretty(&out)?)?;
        }
        Format::Text => {
            for warning in &warnings {
                eprintln!(
                    "{}:{}:{}: warning: {}",
                    shown(&warning.file),
                    warning.line,
                    warning.column,
                    shown(&warning.message)
                );
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            match &result {
                Ok(spec) => outln!(
                    "{}: {} files, {} event codes, {} result codes, {} enums, {} objects: no problems{}",
                    match &origin {
                        spec_input::SpecOrigin::Dir(d) => shown(&d.display().to_string()),
                        spec_input::SpecOrigin::Embedded => "built-in spec".to_owned(),
                    },
                    spec.files.len(),
                    spec.event_codes.len(),
                    spec.result_codes.len(),
                    spec.enums.len(),
                    spec.objects.len(),
                    match warnings.len() {
                        0 => String::new(),
                        n => format!(", {n} warning{}", plural(n)),
                    }
                )?,
                Err(problems) => {
                    print_problems(problems);
                    eprintln!(
                        "{} problem{} found",
                        problems.0.len(),
                        plural(problems.0.len())
                    );
                }
            }
        }
    }
    Ok(if result.is_ok() { 0 } else { 1 })
}
