//! Generates every target from a validated spec.
//!
//! Pure and deterministic: [`generate`] takes a [`Spec`] and returns files as values. Each
//! target is one module behind [`Generator`], and [`Target::ALL`] is the one list that the CLI,
//! xtask and tests share. [`writer`], the one module that touches the file system, reads spec
//! folders and writes the files.

mod catalog;
mod docs;
mod header;
pub mod ir;
mod kotlin;
/// The Kotlin library's Maven publication: compiler, versions and POM metadata.
pub use kotlin::publication as maven;
pub mod lit;
mod objc;
mod runtime;
mod rust;
mod schema;
mod swift;
mod syntax;
mod typescript;
pub mod version;
pub mod writer;

use antom_spec::Spec;
use antom_spec::names::Lang;

use header::with_head;
pub use header::{Comment, MARKER, header, json_header};
use ir::Ir;
pub use swift::swift_package_identity;

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

/// Every output the generator knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Rust,
    TypeScript,
    Kotlin,
    Swift,
    ObjC,
    Schema,
    Docs,
    Catalog,
}

impl Target {
    /// All targets, in output order.
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

    /// The name used on the command line (`--target rust,schema`).
    pub fn name(self) -> &'static str {
        self.generator().name()
    }

    /// Where this repository keeps the target's output.
    pub fn repo_dir(self) -> &'static str {
        self.generator().repo_dir()
    }

    /// The files of this target that carry the spec's version, relative to its output folder.
    pub fn version_sites(self, spec: &Spec) -> Vec<version::Site> {
        self.generator().version_sites(spec)
    }

    /// The programming language of a code target, whose identifier rules lint checks
    /// (`antom_spec::names`); `None` for the schema, the docs and the catalog.
    pub fn lang(self) -> Option<Lang> {
        self.generator().lang()
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
    fn generate_ir(self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let mut files = self.generator().generate(ir)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    fn generator(self) -> &'static dyn Generator {
        match self {
            Target::Rust => &rust::Rust,
            Target::TypeScript => &typescript::TypeScript,
            Target::Kotlin => &kotlin::Kotlin,
            Target::Swift => &swift::Swift,
            Target::ObjC => &objc::ObjC,
            Target::Schema => &schema::Schema,
            Target::Docs => &docs::Docs,
            Target::Catalog => &catalog::Catalog,
        }
    }
}

/// One output language or format.
pub trait Generator {
    /// Command-line name.
    fn name(&self) -> &'static str;
    /// Output folder in this repository, relative to its root.
    fn repo_dir(&self) -> &'static str;
    /// The files, paths relative to the output folder.
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError>;
    /// The language of a code target: its `Syntax::LANG`.
    fn lang(&self) -> Option<Lang> {
        None
    }
    /// The generated files that carry `package.version`, and where ([`version::Site`]).
    fn version_sites(&self, _spec: &Spec) -> Vec<version::Site> {
        Vec::new()
    }
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

    /// Each language whose names lint checks is the language of exactly one code target, so a
    /// target's identifiers and lint's checks of them cannot disagree.
    #[test]
    fn every_lang_is_one_targets_language() {
        for lang in Lang::ALL {
            let targets: Vec<Target> = Target::ALL
                .iter()
                .copied()
                .filter(|t| t.lang() == Some(lang))
                .collect();
            assert_eq!(targets.len(), 1, "{lang:?}: {targets:?}");
        }
        let code = Target::ALL.iter().filter(|t| t.lang().is_some()).count();
        assert_eq!(code, Lang::ALL.len());
    }
}
