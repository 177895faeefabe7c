//! Swift target: a Swift package that Objective-C can also use.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator};

pub(crate) struct Swift;

impl Generator for Swift {
    fn name(&self) -> &'static str {
        "swift"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/swift"
    }
    fn generate(&self, _spec: &Spec) -> Vec<GeneratedFile> {
        Vec::new()
    }
}
