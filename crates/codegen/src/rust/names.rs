//! Rust's identifier rules: types and values PascalCase, fields snake_case. Keywords (strict,
//! reserved and the 2018/2024 ones: `type`, `match`, `async`, `dyn`, `gen`, ...) become raw
//! identifiers (`r#type`). `self`, `Self`, `super` and `crate` cannot be raw identifiers: they
//! get a trailing `_` (`self_`, `Self_`), as does a field named `extra` (the member that keeps
//! unknown keys). Weak keywords (`union`, `raw`, `safe`) are plain identifiers.

use antom_spec::names::{Naming, Role, no_leading_digit, pascal, snake};

use super::Rust;

/// Rust keywords that `r#` makes usable: strict (2015 to 2024 editions) and reserved ones.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];
/// Rust keywords that cannot be raw identifiers: they get a trailing `_`.
const NON_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The member of generated Rust structs that keeps unknown keys.
pub(crate) const EXTRA_MEMBER: &str = "extra";

/// Escapes a Rust identifier: `r#type`, `self_`.
fn escape(ident: String) -> String {
    if NON_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

const RUST_RUNTIME: &str =
    "a type of the Rust runtime that generated Rust imports (`antom-callback`)";
const RUST_STD: &str = "a Rust prelude or standard type that generated Rust uses";

/// Types of the runtime and of Rust's prelude and standard library that generated Rust uses: a
/// spec type of the same name would shadow them.
const RESERVED_TYPES: &[(&str, &str)] = &[
    ("CheckKind", RUST_RUNTIME),
    ("CheckSchema", RUST_RUNTIME),
    ("EnumSchema", RUST_RUNTIME),
    ("EventCodeInfo", RUST_RUNTIME),
    ("FieldKind", RUST_RUNTIME),
    ("FieldSchema", RUST_RUNTIME),
    ("Fields", RUST_RUNTIME),
    ("JsonObject", RUST_RUNTIME),
    ("ObjectSchema", RUST_RUNTIME),
    ("Payload", RUST_RUNTIME),
    ("PayloadKind", RUST_RUNTIME),
    ("Pattern", RUST_RUNTIME),
    ("Report", RUST_RUNTIME),
    ("ResultCodeInfo", RUST_RUNTIME),
    ("ValueInfo", RUST_RUNTIME),
    ("Walk", RUST_RUNTIME),
    ("AsRef", RUST_STD),
    ("Box", RUST_STD),
    ("Clone", RUST_STD),
    ("Debug", RUST_STD),
    ("Default", RUST_STD),
    ("Eq", RUST_STD),
    ("From", RUST_STD),
    ("Hash", RUST_STD),
    ("Into", RUST_STD),
    ("Map", RUST_STD),
    ("Option", RUST_STD),
    ("Ord", RUST_STD),
    ("PartialEq", RUST_STD),
    ("PartialOrd", RUST_STD),
    ("Result", RUST_STD),
    ("Self", RUST_STD),
    ("String", RUST_STD),
    ("Value", RUST_STD),
    ("Vec", RUST_STD),
];

impl Naming for Rust {
    fn language(&self) -> &str {
        "Rust"
    }

    fn ident(&self, role: Role, name: &str) -> String {
        match role {
            Role::Type | Role::Variant => escape(no_leading_digit(pascal(name))),
            Role::Field => match escape(no_leading_digit(snake(name))) {
                // Generated structs keep unknown keys in a member of this name.
                ident if ident == EXTRA_MEMBER => format!("{ident}_"),
                ident => ident,
            },
        }
    }

    fn reserved_types(&self) -> &[(&str, &str)] {
        RESERVED_TYPES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keywords() {
        let ident = |role, name| Rust.ident(role, name);
        assert_eq!(ident(Role::Field, "type"), "r#type");
        assert_eq!(ident(Role::Field, "self"), "self_");
        assert_eq!(ident(Role::Variant, "SELF"), "Self_");
        assert_eq!(ident(Role::Variant, "3D"), "_3D");
        assert_eq!(ident(Role::Field, "extra"), "extra_");
        assert_eq!(ident(Role::Field, "crate"), "crate_");
        assert_eq!(ident(Role::Field, "super"), "super_");
        assert_eq!(ident(Role::Field, "gen"), "r#gen");
        assert_eq!(ident(Role::Field, "union"), "union");
        assert_eq!(ident(Role::Field, "self_"), "self_");
        assert!(Rust.unusable(Role::Field, "self").is_none());
        let reason = |name| crate::names::reason(Rust.reserved_types(), name);
        assert_eq!(reason("Pattern"), Some(RUST_RUNTIME));
        assert_eq!(reason("Card"), None);
    }
}
