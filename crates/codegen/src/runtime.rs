//! The runtimes: code that each language's package needs whatever the spec says.
//!
//! They are real source files under `crates/codegen/runtime/<language>/`, so that the language's
//! own editors, formatters and linters read them, and each is copied verbatim behind the
//! generated header (Kotlin files also get their package line). Where a runtime file takes code
//! derived from the spec, it has a marker line, `// antom-codegen:insert NAME`, and [`splice`]
//! puts the rendered code there.

/// Kotlin: `Json.kt` (a JSON reader and writer), `Meta.kt` (the metadata types) and
/// `Validate.kt` (the validation interpreter).
pub(crate) mod kotlin {
    pub(crate) const JSON: &str = include_str!("../runtime/kotlin/Json.kt");
    pub(crate) const META: &str = include_str!("../runtime/kotlin/Meta.kt");
    pub(crate) const VALIDATE: &str = include_str!("../runtime/kotlin/Validate.kt");
}

/// Swift: `JSON.swift` (JSON values, lenient decoding, case tables), `Info.swift` (the metadata
/// types) and `Validation.swift` (the validation interpreter).
pub(crate) mod swift {
    pub(crate) const JSON: &str = include_str!("../runtime/swift/JSON.swift");
    pub(crate) const INFO: &str = include_str!("../runtime/swift/Info.swift");
    pub(crate) const VALIDATION: &str = include_str!("../runtime/swift/Validation.swift");
}

/// TypeScript: `codec.ts` (lenient decoding, lossless encoding), `metadata.ts` (the metadata
/// types and lookups) and `validator.ts` (the validation interpreter).
pub(crate) mod typescript {
    pub(crate) const CODEC: &str = include_str!("../runtime/typescript/codec.ts");
    pub(crate) const MASK: &str = include_str!("../runtime/typescript/mask.ts");
    pub(crate) const METADATA: &str = include_str!("../runtime/typescript/metadata.ts");
    pub(crate) const VALIDATOR: &str = include_str!("../runtime/typescript/validator.ts");
}

/// The marker line of the insertion point `name`, without its indentation.
fn marker(name: &str) -> String {
    format!("// antom-codegen:insert {name}")
}

/// `text` with the marker line of `name` replaced by the lines of `insert` (without leading or
/// trailing blank lines); with an empty `insert`, the marker line goes, and the blank line below
/// it too. Text without the marker comes back unchanged (the tests below check that every marker
/// is there).
pub(crate) fn splice(text: &str, name: &str, insert: &str) -> String {
    let marker = marker(name);
    let insert = insert.trim_start_matches('\n').trim_end();
    let mut out = String::with_capacity(text.len() + insert.len());
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.trim() != marker {
            out.push_str(line);
        } else if insert.is_empty() {
            if lines.peek().is_some_and(|next| next.trim().is_empty()) {
                lines.next();
            }
        } else {
            out.push_str(insert);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every runtime file, with the insertion points it must have.
    const FILES: &[(&str, &str, &[&str])] = &[
        ("kotlin/Json.kt", kotlin::JSON, &[]),
        ("kotlin/Meta.kt", kotlin::META, &["version", "closed_enums"]),
        ("kotlin/Validate.kt", kotlin::VALIDATE, &["payload"]),
        ("swift/JSON.swift", swift::JSON, &[]),
        ("swift/Info.swift", swift::INFO, &[]),
        ("swift/Validation.swift", swift::VALIDATION, &["payload"]),
        ("typescript/codec.ts", typescript::CODEC, &[]),
        ("typescript/mask.ts", typescript::MASK, &[]),
        (
            "typescript/metadata.ts",
            typescript::METADATA,
            &["imports", "carries_doc", "tables"],
        ),
        ("typescript/validator.ts", typescript::VALIDATOR, &[]),
    ];

    #[test]
    fn every_insertion_point_is_marked_once_and_nothing_else_is() {
        for (path, text, names) in FILES {
            let markers: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("// antom-codegen:"))
                .collect();
            let expected: Vec<String> = names.iter().map(|n| marker(n)).collect();
            assert_eq!(markers, expected, "{path}");
        }
    }

    #[test]
    fn runtime_files_are_plain_source() {
        for (path, text, _) in FILES {
            assert!(!text.contains("{{") && !text.contains("{%"), "{path}");
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

    #[test]
    fn splice_replaces_the_marker_line() {
        let text = "a {\n}\n\n    // antom-codegen:insert x\n\nb\n";
        assert_eq!(splice(text, "x", ""), "a {\n}\n\nb\n");
        assert_eq!(
            splice(text, "x", "\n    fun x() {}\n\n"),
            "a {\n}\n\n    fun x() {}\n\nb\n"
        );
        assert_eq!(splice(text, "y", "z"), text);
        let inline = "{\n  // antom-codegen:insert doc\n  x: 1;\n}\n";
        assert_eq!(
            splice(inline, "doc", "  /** X. */"),
            "{\n  /** X. */\n  x: 1;\n}\n"
        );
        assert_eq!(splice(inline, "doc", ""), "{\n  x: 1;\n}\n");
    }
}
