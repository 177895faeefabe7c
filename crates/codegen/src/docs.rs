//! Docs target: the Markdown reference.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator};

pub(crate) struct Docs;

impl Generator for Docs {
    fn name(&self) -> &'static str {
        "docs"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/docs"
    }
    fn generate(&self, _spec: &Spec) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
