//! Identifier derivation shared by the linter and every target.
//!
//! Names are derived mechanically from spec names; a keyword of a target is escaped there.
//! The linter runs the same functions to reject names that collide after conversion, so a
//! generator never has to rename anything.

/// Splits a name into words at `_`, `-`, spaces, and case changes (`cardNo`, `HTTPServer`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let lower_to_upper =
                (prev.is_ascii_lowercase() || prev.is_ascii_digit()) && c.is_ascii_uppercase();
            let acronym_end = prev.is_ascii_uppercase()
                && c.is_ascii_uppercase()
                && next.is_some_and(|n| n.is_ascii_lowercase());
            if lower_to_upper || acronym_end {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalize(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `card_no` → `CardNo`.
pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

/// `CARD_NO` → `cardNo`.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in words(name).iter().enumerate() {
        if i == 0 {
            out.push_str(&w.to_ascii_lowercase());
        } else {
            out.push_str(&capitalize(w));
        }
    }
    out
}

/// `cardNo` → `card_no`.
pub fn snake(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `cardNo` → `CARD_NO`.
pub fn screaming(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Identifiers may not start with a digit in any target: such names get a leading `_`.
fn no_leading_digit(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) || ident.is_empty() {
        format!("_{ident}")
    } else {
        ident
    }
}

/// Rust keywords that `r#` makes usable.
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];
/// Rust keywords that cannot be raw identifiers: they get a trailing `_`.
const RUST_NON_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The member of generated Rust structs that keeps unknown keys.
pub const RUST_EXTRA_MEMBER: &str = "extra";

/// Kotlin hard keywords: escaped with backticks.
pub const KOTLIN_KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// Swift keywords and names that need backticks as declarations or members.
pub const SWIFT_KEYWORDS: &[&str] = &[
    "Any",
    "Protocol",
    "Self",
    "Type",
    "as",
    "associatedtype",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "defer",
    "deinit",
    "do",
    "else",
    "enum",
    "extension",
    "fallthrough",
    "false",
    "fileprivate",
    "for",
    "func",
    "guard",
    "if",
    "import",
    "in",
    "init",
    "inout",
    "internal",
    "is",
    "let",
    "nil",
    "open",
    "operator",
    "precedencegroup",
    "private",
    "protocol",
    "public",
    "repeat",
    "rethrows",
    "return",
    "self",
    "some",
    "static",
    "struct",
    "subscript",
    "super",
    "switch",
    "throw",
    "throws",
    "true",
    "try",
    "typealias",
    "var",
    "where",
    "while",
];

/// TypeScript/JavaScript reserved words: legal as property names, quoted by the generator.
pub const TS_RESERVED: &[&str] = &[
    "abstract",
    "any",
    "as",
    "async",
    "await",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "__proto__",
    "prototype",
];

/// Escapes a Rust identifier: `r#type`, `self_`.
pub fn rust_escape(ident: String) -> String {
    if RUST_NON_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RUST_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

fn backtick_if(ident: String, keywords: &[&str]) -> String {
    if keywords.contains(&ident.as_str()) {
        format!("`{ident}`")
    } else {
        ident
    }
}

/// The identifier a target gives to a name of a given role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A type (enum or object).
    Type,
    /// A known value of an enumeration.
    Variant,
    /// A field of an object.
    Field,
}

/// The languages whose identifier rules the linter checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Rust,
    TypeScript,
    Kotlin,
    Swift,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Rust, Lang::TypeScript, Lang::Kotlin, Lang::Swift];

    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::TypeScript => "TypeScript",
            Lang::Kotlin => "Kotlin",
            Lang::Swift => "Swift",
        }
    }

    /// The identifier for `name` in this language, escaped where it is a keyword.
    pub fn ident(self, role: Role, name: &str) -> String {
        match (self, role) {
            (Lang::Rust, Role::Type | Role::Variant) => rust_escape(no_leading_digit(pascal(name))),
            (Lang::Rust, Role::Field) => match rust_escape(no_leading_digit(snake(name))) {
                // Generated structs keep unknown keys in a member of this name.
                ident if ident == RUST_EXTRA_MEMBER => format!("{ident}_"),
                ident => ident,
            },
            (Lang::TypeScript | Lang::Kotlin | Lang::Swift, Role::Type) => {
                let ident = no_leading_digit(pascal(name));
                match self {
                    Lang::Kotlin => backtick_if(ident, KOTLIN_KEYWORDS),
                    Lang::Swift => backtick_if(ident, SWIFT_KEYWORDS),
                    _ => ident,
                }
            }
            (Lang::TypeScript, Role::Variant) => no_leading_digit(screaming(name)),
            (Lang::Kotlin, Role::Variant) => {
                backtick_if(no_leading_digit(screaming(name)), KOTLIN_KEYWORDS)
            }
            (Lang::Swift, Role::Variant) => {
                backtick_if(no_leading_digit(camel(name)), SWIFT_KEYWORDS)
            }
            (Lang::TypeScript, Role::Field) => no_leading_digit(camel(name)),
            (Lang::Kotlin, Role::Field) => {
                backtick_if(no_leading_digit(camel(name)), KOTLIN_KEYWORDS)
            }
            (Lang::Swift, Role::Field) => {
                backtick_if(no_leading_digit(camel(name)), SWIFT_KEYWORDS)
            }
        }
    }
}

/// Type names every target generates besides the spec's own, and names of the targets' standard
/// libraries that generated code relies on (a spec type named `Result` would shadow Rust's and
/// Swift's `Result`): spec types may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // Generated by the targets.
    "Action",
    "Callback",
    "CallbackName",
    "Deprecation",
    "EventCode",
    "EventKind",
    "Issue",
    "Outcome",
    "PaymentResultCode",
    "Severity",
    "Unknown",
    "Validate",
    "ValidationReport",
    // Rust prelude and std types used by generated code.
    "AsRef",
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Eq",
    "From",
    "Hash",
    "Into",
    "Map",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "String",
    "Value",
    "Vec",
    // TypeScript and JavaScript globals.
    "Array",
    "Boolean",
    "Date",
    "Error",
    "Number",
    "Object",
    "Readonly",
    "Record",
    "Set",
    "Symbol",
    // Kotlin and Java.
    "Any",
    "Int",
    "JvmField",
    "JvmStatic",
    "List",
    "Long",
    "Nothing",
    "Pair",
    "Unit",
    // Swift and Foundation.
    "Codable",
    "CodingKey",
    "Decodable",
    "Decoder",
    "Encodable",
    "Encoder",
    "Equatable",
    "Hashable",
    "NSObject",
    "NSString",
    "Protocol",
    "RawRepresentable",
    "Sendable",
    "Type",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("cardNo"), ["card", "No"]);
        assert_eq!(words("SDK_PAYMENT_FAIL"), ["SDK", "PAYMENT", "FAIL"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("NON_3D"), ["NON", "3", "D"]);
        assert_eq!(
            words("popRiskDecisionResultInfo"),
            ["pop", "Risk", "Decision", "Result", "Info"]
        );
    }

    #[test]
    fn converts_case() {
        assert_eq!(pascal("SDK_PAYMENT_FAIL"), "SdkPaymentFail");
        assert_eq!(camel("SDK_PAYMENT_FAIL"), "sdkPaymentFail");
        assert_eq!(snake("cardNo"), "card_no");
        assert_eq!(screaming("cardNo"), "CARD_NO");
    }

    #[test]
    fn escapes_keywords() {
        assert_eq!(Lang::Rust.ident(Role::Field, "type"), "r#type");
        assert_eq!(Lang::Rust.ident(Role::Field, "self"), "self_");
        assert_eq!(Lang::Rust.ident(Role::Variant, "SELF"), "Self_");
        assert_eq!(Lang::Rust.ident(Role::Variant, "3D"), "_3D");
        assert_eq!(Lang::Rust.ident(Role::Field, "extra"), "extra_");
        assert_eq!(Lang::Kotlin.ident(Role::Field, "object"), "`object`");
        assert_eq!(Lang::Swift.ident(Role::Variant, "DEFAULT"), "`default`");
        assert_eq!(Lang::Swift.ident(Role::Field, "Type"), "type");
    }
}
