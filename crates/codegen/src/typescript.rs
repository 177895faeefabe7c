//! TypeScript target: an npm package for the web SDK.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator};

pub(crate) struct TypeScript;

impl Generator for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/typescript"
    }
    fn generate(&self, _spec: &Spec) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
