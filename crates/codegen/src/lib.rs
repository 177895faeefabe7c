//! Generates every target from a validated spec.
//!
//! Pure and deterministic: [`generate`] takes a [`Spec`] and returns files as values. Each
//! target is one module behind [`Generator`] (its files, its language's naming rules, its
//! literal syntax, its version sites), and [`Target::ALL`] is the one list that lint, the CLI,
//! xtask and tests share: [`load`] checks a spec's names against it. [`writer`], the one module that touches the file system, reads spec
//! folders and writes the files.

mod catalog;
mod docs;
mod header;
pub mod ir;
mod kotlin;
/// The Kotlin library's Maven publication: compiler, versions and POM metadata.
pub use kotlin::publication as maven;
pub mod lit;
pub mod names;
/// Each target's typed accessors of its package settings (`package.targets.<name>`), declared
/// in the target's module.
pub mod settings {
    pub use crate::kotlin::settings::kotlin_package;
    pub use crate::swift::settings::{objc_prefix, swift_module};
    pub use crate::typescript::settings::npm_name;
}
mod objc;
mod runtime;
mod rust;
mod schema;
mod swift;
mod syntax;
mod typescript;
pub mod version;
pub mod writer;

use antom_spec::{Problem, Problems, SourceFile, Spec};

use header::with_head;
pub use header::{Comment, MARKER, header, json_header};
use ir::Ir;
pub use swift::swift_package_identity;
pub use syntax::Syntax;

/// A file produced by a target, with its path relative to the target's output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// `/`-separated, relative to [`Target::repo_dir`] (or to the folder given to `antom generate`).
    pub path: String,
    pub contents: String,
}

/// A template that failed to render. Generation stops there: no file is ever written empty or cut
/// short.
#[derive(Debug, thiserror::Error)]
#[error("the template of {view} failed to render: {error}")]
pub struct RenderError {
    /// The view type whose template failed.
    pub view: &'static str,
    #[source]
    pub error: askama::Error,
}

/// Rendering that says which template failed, for every view of every target.
pub(crate) trait Render {
    fn rendered(&self) -> Result<String, RenderError>;
}

impl<T: askama::Template> Render for T {
    fn rendered(&self) -> Result<String, RenderError> {
        self.render().map_err(|error| RenderError {
            view: std::any::type_name::<T>(),
            error,
        })
    }
}

/// One output, a handle on its generator: compared, ordered and hashed by its place in
/// [`Target::ALL`] (then by name, for a target a caller registers itself).
#[derive(Clone, Copy)]
pub struct Target(&'static dyn Generator);

#[allow(non_upper_case_globals)]
impl Target {
    pub const Rust: Target = Target(&rust::Rust);
    pub const TypeScript: Target = Target(&typescript::TypeScript);
    pub const Kotlin: Target = Target(&kotlin::Kotlin);
    pub const Swift: Target = Target(&swift::Swift);
    pub const ObjC: Target = Target(&objc::ObjC);
    pub const Schema: Target = Target(&schema::Schema);
    pub const Docs: Target = Target(&docs::Docs);
    pub const Catalog: Target = Target(&catalog::Catalog);

    /// Every target, in output order: the one list a new target is added to. Lint checks spec
    /// names against the naming rules of each ([`Targets`]); the CLI, xtask and tests generate
    /// from it.
    pub const ALL: &'static [Target] = &[
        Target::Rust,
        Target::TypeScript,
        Target::Kotlin,
        Target::Swift,
        Target::ObjC,
        Target::Schema,
        Target::Docs,
        Target::Catalog,
    ];

    /// A target of a generator that is not in [`Target::ALL`] (a test's own).
    pub const fn new(generator: &'static dyn Generator) -> Target {
        Target(generator)
    }

    /// The name used on the command line (`--target rust,schema`).
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Where this repository keeps the target's output.
    pub fn repo_dir(self) -> &'static str {
        self.0.repo_dir()
    }

    /// The files of this target that carry the spec's version, relative to its output folder.
    pub fn version_sites(self, spec: &Spec) -> Vec<version::Site> {
        self.0.version_sites(&spec.package)
    }

    /// The identifier rules of a code target's language, which lint checks spec names against;
    /// `None` for the schema, the docs and the catalog.
    pub fn naming(self) -> Option<&'static dyn antom_spec::Naming> {
        self.0.naming()
    }

    /// The package settings this target declares under `package.targets.<name>`.
    pub fn settings(self) -> Option<&'static antom_spec::TargetSettings> {
        self.0.settings()
    }

    /// Looks a target up by its command-line name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// This target's files for `spec`, sorted by path.
    pub fn generate(self, spec: &Spec) -> Result<Vec<GeneratedFile>, RenderError> {
        self.generate_ir(&Ir::new(spec))
    }

    /// This target's files from the intermediate layer, sorted by path.
    pub fn generate_ir(self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let mut files = self.0.generate(ir)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Where the target sorts: its place in [`Target::ALL`], then its name.
    fn key(self) -> (usize, &'static str) {
        let place = Target::ALL.iter().position(|t| t.name() == self.name());
        (place.unwrap_or(Target::ALL.len()), self.name())
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Target {}

impl PartialOrd for Target {
    fn partial_cmp(&self, other: &Target) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Target {
    fn cmp(&self, other: &Target) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for Target {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A list of targets as lint sees it: their languages' naming rules, and the names their
/// generated code reserves ([`antom_spec::NameRules`], in [`names`]).
#[derive(Clone, Copy, Debug)]
pub struct Targets<'t>(pub &'t [Target]);

/// Every target of [`Target::ALL`], as lint sees them.
pub const TARGETS: Targets<'static> = Targets(Target::ALL);

/// One output language or format: everything about it is in its module, behind this trait.
pub trait Generator: Sync {
    /// Command-line name.
    fn name(&self) -> &'static str;
    /// Output folder in this repository, relative to its root.
    fn repo_dir(&self) -> &'static str;
    /// The files, paths relative to the output folder.
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError>;
    /// The identifier rules of a code target's language, which lint checks spec names against.
    fn naming(&self) -> Option<&'static dyn antom_spec::Naming> {
        None
    }
    /// The package settings this target declares under `package.targets.<name>`, which lint
    /// resolves and checks and `spec.schema.json` describes.
    fn settings(&self) -> Option<&'static antom_spec::TargetSettings> {
        None
    }
    /// The generated files that carry `package.version`, and where ([`version::Site`]).
    fn version_sites(&self, _package: &antom_spec::Package) -> Vec<version::Site> {
        Vec::new()
    }
}

/// Loads a spec, its names checked against every target's rules ([`TARGETS`]).
pub fn load(files: &[SourceFile]) -> Result<Spec, Problems> {
    antom_spec::load(files, &TARGETS)
}

/// [`load`], and the warnings.
pub fn load_with_warnings(files: &[SourceFile]) -> (Result<Spec, Problems>, Vec<Problem>) {
    antom_spec::load_with_warnings(files, &TARGETS)
}

/// Generates the given targets; files come out sorted by target, then path.
pub fn generate(
    spec: &Spec,
    targets: &[Target],
) -> Result<Vec<(Target, Vec<GeneratedFile>)>, RenderError> {
    let mut targets = targets.to_vec();
    targets.sort();
    targets.dedup();
    let ir = Ir::new(spec);
    targets
        .into_iter()
        .map(|t| Ok((t, t.generate_ir(&ir)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value whose `Display` fails, as a broken filter or view would.
    struct Broken;

    impl std::fmt::Display for Broken {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[derive(askama::Template)]
    #[template(source = "before {{ value }} after", ext = "txt")]
    struct BrokenView {
        value: Broken,
    }

    /// A template that fails to render is an error naming its view, never an empty text.
    #[test]
    fn a_failed_render_is_an_error() {
        let error = BrokenView { value: Broken }
            .rendered()
            .expect_err("the view cannot render");
        assert!(error.view.ends_with("BrokenView"), "{}", error.view);
        assert!(error.to_string().contains("failed to render"), "{error}");
    }

    /// Targets have distinct names, sort in the order of the list, and each code target has its
    /// own language: lint names every language once.
    #[test]
    fn targets_are_distinct_and_in_order() {
        for (i, t) in Target::ALL.iter().enumerate() {
            assert_eq!(Target::from_name(t.name()), Some(*t));
            assert!(
                Target::ALL[..i]
                    .iter()
                    .all(|u| u < t && u.name() != t.name())
            );
        }
        let languages: Vec<&str> = Target::ALL
            .iter()
            .filter_map(|t| t.naming())
            .map(|n| n.language())
            .collect();
        assert_eq!(
            languages,
            ["Rust", "TypeScript", "Kotlin", "Swift", "Objective-C"]
        );
    }
}
