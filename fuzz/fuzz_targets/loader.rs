//! Any bytes as a spec file: the loader returns a spec or problems, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = [antom_spec::SourceFile::new("fuzz.yaml", data)];
    if let Err(problems) = antom_codegen::load(&files) {
        assert!(!problems.0.is_empty());
        for p in &problems.0 {
            assert!(p.line >= 1 && p.column >= 1, "{p}");
        }
    }
});
