//! From YAML bytes to a validated [`Spec`]: parse every file, merge, then check every rule.
//!
//! Parse errors stop before the semantic checks (a file that did not parse would make every
//! reference into it look dangling); otherwise every problem of every file is collected.
//! [`read`] parses the files and merges their sections; [`check`] checks every rule and builds
//! the model.

mod check;
mod json_keys;
mod read;
mod targets;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;
use crate::names::NameRules;
use crate::raw;
use crate::span::{Pos, Sp};
use crate::{Problem, Problems, SourceFile};

/// The spec or its problems, and the warnings (problems that do not stop generation).
pub(crate) fn load(
    files: &[SourceFile],
    rules: &dyn NameRules,
) -> (Result<Spec, Problems>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    if files.is_empty() {
        problems.push(Problem::new(
            "spec",
            Pos::START,
            "the spec folder holds no `.yaml` file",
        ));
    }
    for (file, result) in files.iter().zip(crate::par_map(files, read::parse_file)) {
        match result {
            Ok(spec_file) => parsed.push((file.path.as_str(), spec_file)),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return (Err(finish(problems)), Vec::new());
    }
    let mut linter = Linter {
        rules,
        problems: Vec::new(),
        warnings: Vec::new(),
        samples: Vec::new(),
    };
    let spec = linter.lint(&parsed);
    // Samples are checked against the types once the types themselves are sound.
    if linter.problems.is_empty() {
        linter.sample_payloads(&spec, files);
    }
    let warnings = finish(linter.warnings).0;
    if linter.problems.is_empty() {
        (Ok(spec), warnings)
    } else {
        (Err(finish(linter.problems)), warnings)
    }
}

fn finish(mut problems: Vec<Problem>) -> Problems {
    problems.sort();
    problems.dedup();
    Problems(problems)
}

struct Linter<'n> {
    /// The targets' naming rules, which spec names are checked against.
    rules: &'n dyn NameRules,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// Each sample's name, file and the position of its `json`.
    samples: Vec<(String, String, Pos)>,
}

/// A definition merged from some file.
struct Def<'a, T> {
    file: &'a str,
    name: &'a Sp<String>,
    def: &'a Sp<T>,
}

/// What the linter knows about every name before checking references.
struct Names<'a> {
    event_codes: BTreeMap<&'a str, &'a Def<'a, raw::EventCodeDef>>,
    result_codes: BTreeSet<&'a str>,
    enums: BTreeMap<&'a str, &'a Def<'a, raw::EnumDef>>,
    objects: BTreeMap<&'a str, &'a Def<'a, raw::ObjectDef>>,
    actions: BTreeSet<&'a str>,
    callbacks: BTreeSet<&'a str>,
    sources: BTreeSet<&'a str>,
    result_code_defs: BTreeMap<&'a str, &'a Def<'a, raw::ResultCodeDef>>,
}
