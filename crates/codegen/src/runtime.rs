//! The runtimes: code that each language's package needs whatever the spec says.
//!
//! They are real source files under `crates/codegen/runtime/<language>/`, so that the language's
//! own editors, formatters and linters read them, and each is copied verbatim behind the
//! generated header (Kotlin files also get their package line). What the spec says goes into
//! generated files of its own that use them: TypeScript's `metadata.ts` re-exports `info.ts`,
//! Kotlin's `Meta.kt` and `Payload.kt` and Swift's `Payload.swift` are compiled beside `Info.kt`,
//! `Validate.kt` and `Validation.swift`. Nothing is inserted into a runtime file.

/// Kotlin: `Json.kt` (a JSON reader and writer), `Info.kt` (the metadata types) and
/// `Validate.kt` (the validation interpreter).
pub(crate) mod kotlin {
    pub(crate) const JSON: &str = include_str!("../runtime/kotlin/Json.kt");
    pub(crate) const INFO: &str = include_str!("../runtime/kotlin/Info.kt");
    pub(crate) const VALIDATE: &str = include_str!("../runtime/kotlin/Validate.kt");
}

/// Swift: `JSON.swift` (JSON values, lenient decoding, case tables), `Info.swift` (the metadata
/// types) and `Validation.swift` (the validation interpreter).
pub(crate) mod swift {
    pub(crate) const JSON: &str = include_str!("../runtime/swift/JSON.swift");
    pub(crate) const INFO: &str = include_str!("../runtime/swift/Info.swift");
    pub(crate) const VALIDATION: &str = include_str!("../runtime/swift/Validation.swift");
}

/// TypeScript: `codec.ts` (lenient decoding, lossless encoding), `mask.ts` (card number
/// masking), `info.ts` (the metadata types and the table lookup) and `validator.ts` (the
/// validation interpreter).
pub(crate) mod typescript {
    pub(crate) const CODEC: &str = include_str!("../runtime/typescript/codec.ts");
    pub(crate) const MASK: &str = include_str!("../runtime/typescript/mask.ts");
    pub(crate) const INFO: &str = include_str!("../runtime/typescript/info.ts");
    pub(crate) const VALIDATOR: &str = include_str!("../runtime/typescript/validator.ts");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every runtime file.
    const FILES: &[(&str, &str)] = &[
        ("kotlin/Json.kt", kotlin::JSON),
        ("kotlin/Info.kt", kotlin::INFO),
        ("kotlin/Validate.kt", kotlin::VALIDATE),
        ("swift/JSON.swift", swift::JSON),
        ("swift/Info.swift", swift::INFO),
        ("swift/Validation.swift", swift::VALIDATION),
        ("typescript/codec.ts", typescript::CODEC),
        ("typescript/info.ts", typescript::INFO),
        ("typescript/mask.ts", typescript::MASK),
        ("typescript/validator.ts", typescript::VALIDATOR),
    ];

    /// No runtime file names what a spec declares: its package's names and description, codes,
    /// callbacks, actions, objects, enums or their values (but the outcomes' names, which the
    /// runtimes define themselves). Generated files carry those. The package's `name` is left
    /// out: `antom-callback` is also the runtimes' fixed key of a global symbol.
    #[test]
    fn runtime_files_hold_no_spec_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        let files = crate::writer::read_dir(&dir).expect("the spec folder reads");
        let spec = crate::load(&files).expect("the spec is valid");
        let package = &spec.package;
        let mut names: Vec<&str> = vec![
            &crate::settings::npm_name(package),
            &package.description,
            &crate::settings::kotlin_package(package),
            &crate::settings::swift_module(package),
        ];
        names.extend(spec.event_codes.iter().map(|c| c.code.as_str()));
        names.extend(spec.result_codes.iter().map(|c| c.code.as_str()));
        names.extend(spec.callbacks.iter().map(|c| c.name.as_str()));
        names.extend(spec.actions.iter().map(|a| a.name.as_str()));
        names.extend(spec.objects.iter().map(|o| o.name.as_str()));
        for e in &spec.enums {
            names.push(&e.name);
            names.extend(e.values.iter().map(|v| v.value.as_str()));
        }
        names.retain(|n| !["SUCCESS", "FAILURE", "PROCESSING"].contains(n));
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        for (path, text) in FILES {
            for name in &names {
                let found = text.match_indices(name).any(|(i, _)| {
                    let before = text[..i].chars().next_back();
                    let after = text[i + name.len()..].chars().next();
                    !before.is_some_and(is_word) && !after.is_some_and(is_word)
                });
                assert!(!found, "{path} names `{name}`, which the spec declares");
            }
        }
    }

    #[test]
    fn runtime_files_are_plain_source() {
        for (path, text) in FILES {
            assert!(!text.contains("{{") && !text.contains("{%"), "{path}");
            assert!(
                !text.contains("antom-codegen:"),
                "{path}: no insertion point"
            );
            assert!(!text.contains(crate::MARKER), "{path}: the header is added");
            assert!(
                !text.starts_with("package "),
                "{path}: the package is added"
            );
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{path}: one newline at the end"
            );
        }
    }
}
