//! Generates every target from a validated spec.
//!
//! Pure and deterministic: [`generate`] takes a [`Spec`] and returns files as values. Each
//! target is one module behind [`Generator`], and [`Target::ALL`] is the one list that the CLI,
//! xtask and tests share. [`writer`], the one module that touches the file system, reads spec
//! folders and writes the files.

mod catalog;
mod docs;
mod header;
mod kotlin;
pub mod lit;
mod runtime;
mod rust;
mod schema;
mod swift;
mod typescript;
pub mod version;
pub mod writer;

use antom_spec::Spec;

use header::with_head;
pub use header::{Comment, MARKER, header, json_header};

/// A file produced by a target, with its path relative to the target's output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// `/`-separated, relative to [`Target::repo_dir`] (or to the folder given to `antom generate`).
    pub path: String,
    pub contents: String,
}

/// Every output the generator knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Rust,
    TypeScript,
    Kotlin,
    Swift,
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

    /// Looks a target up by its command-line name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// This target's files for `spec`, sorted by path.
    pub fn generate(self, spec: &Spec) -> Vec<GeneratedFile> {
        let mut files = self.generator().generate(spec);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    fn generator(self) -> &'static dyn Generator {
        match self {
            Target::Rust => &rust::Rust,
            Target::TypeScript => &typescript::TypeScript,
            Target::Kotlin => &kotlin::Kotlin,
            Target::Swift => &swift::Swift,
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
    fn generate(&self, spec: &Spec) -> Vec<GeneratedFile>;
    /// The generated files that carry `package.version`, and where ([`version::Site`]).
    fn version_sites(&self, _spec: &Spec) -> Vec<version::Site> {
        Vec::new()
    }
}

/// Generates the given targets; files come out sorted by target, then path.
pub fn generate(spec: &Spec, targets: &[Target]) -> Vec<(Target, Vec<GeneratedFile>)> {
    let mut targets = targets.to_vec();
    targets.sort();
    targets.dedup();
    targets.into_iter().map(|t| (t, t.generate(spec))).collect()
}
