//! Kotlin target: Android code that Java can call.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator};

pub(crate) struct Kotlin;

impl Generator for Kotlin {
    fn name(&self) -> &'static str {
        "kotlin"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/kotlin"
    }
    fn generate(&self, _spec: &Spec) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
