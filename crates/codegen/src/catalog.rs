//! Catalog target: the whole validated spec as one JSON document.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator};

pub(crate) struct Catalog;

impl Generator for Catalog {
    fn name(&self) -> &'static str {
        "catalog"
    }
    fn repo_dir(&self) -> &'static str {
        "generated"
    }
    fn owns_dir(&self) -> bool {
        false
    }
    fn generate(&self, _spec: &Spec) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
