//! Loads the Antom callback spec from YAML text, lints it, and models it.
//!
//! Pure: callers hand in file names and bytes ([`SourceFile`]) and get back either a
//! validated [`Spec`] or every [`Problem`] at once. Reading folders is the caller's job.

pub mod compat;
mod lint;
pub mod model;
mod named_map;
pub mod names;
mod parallel;
pub mod pattern;
pub mod payload;
mod problem;
pub mod raw;
pub mod settings;
mod span;

pub use model::*;
pub use names::{NameRules, Naming, Role};
pub use parallel::par_map;
pub use problem::{Problem, Problems};
pub use settings::{Setting, Settings, TargetSettings};
pub use span::{Pos, Sp};

/// One spec file: its path as it should appear in messages, and its bytes.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> SourceFile {
        SourceFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Parses and lints a set of spec files into one validated spec, its names checked against the
/// targets' naming `rules` (the code generator's registry). Warnings (a sample that
/// `antom validate` would warn about) do not stop it; [`load_with_warnings`] returns them.
pub fn load(files: &[SourceFile], rules: &dyn NameRules) -> Result<Spec, Problems> {
    lint::load(files, rules).0
}

/// [`load`], and the warnings, sorted (also when there are problems).
pub fn load_with_warnings(
    files: &[SourceFile],
    rules: &dyn NameRules,
) -> (Result<Spec, Problems>, Vec<Problem>) {
    lint::load(files, rules)
}

/// The JSON Schema of a spec file, for editors (`yaml-language-server`), with the package
/// settings that the targets of `rules` declare.
pub fn spec_file_schema(rules: &dyn NameRules) -> serde_json::Value {
    let schema = schemars::schema_for!(raw::SpecFile);
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    if let Some(defs) = value.get_mut("$defs").and_then(|d| d.as_object_mut()) {
        defs.extend(settings::schema(&rules.settings()));
    }
    value
}
