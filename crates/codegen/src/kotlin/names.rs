//! Kotlin's identifier rules: values are SCREAMING_SNAKE constants, fields camelCase; hard
//! keywords get backticks (`` `in` ``); soft and modifier keywords (`value`, `data`,
//! `companion`, `vararg`, ...) are plain identifiers. A field named `class` is rejected by lint:
//! its JVM getter `getClass()` would clash with `java.lang.Object.getClass()`.

use antom_spec::names::{Naming, Role, camel, no_leading_digit, pascal, screaming};

use super::Kotlin;
use crate::names::backtick_if;

/// Kotlin hard keywords: escaped with backticks.
pub const KEYWORDS: &[&str] = &[
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

const KOTLIN_STD: &str = "a Kotlin or Java standard type that generated Kotlin uses";
const KOTLIN_PACKAGE: &str = "a type of the generated Kotlin package";
const KOTLIN_FACADE: &str =
    "the Java class of the generated Kotlin package's top-level functions and constants";
const KOTLIN_COMPANION: &str = "the name of every Kotlin class's companion object (inside a generated class it would mean that class's companion)";
/// `Known` and `Current` are nested in Swift's open enums too; one entry per name, the first of these reasons.
const KOTLIN_NESTED: &str = "a class nested in every generated Kotlin open enumeration (inside one it would mean the nested class)";

/// Standard types and package types that generated Kotlin uses or declares.
const RESERVED_TYPES: &[(&str, &str)] = &[
    ("Any", KOTLIN_STD),
    ("Int", KOTLIN_STD),
    ("JvmField", KOTLIN_STD),
    ("JvmStatic", KOTLIN_STD),
    ("List", KOTLIN_STD),
    ("Long", KOTLIN_STD),
    ("Nothing", KOTLIN_STD),
    ("Pair", KOTLIN_STD),
    ("Unit", KOTLIN_STD),
    ("Json", KOTLIN_PACKAGE),
    (super::FACADE, KOTLIN_FACADE),
    ("Companion", KOTLIN_COMPANION),
    ("Codes", KOTLIN_NESTED),
    ("Known", KOTLIN_NESTED),
    ("Current", KOTLIN_NESTED),
];

impl Naming for Kotlin {
    fn language(&self) -> &str {
        "Kotlin"
    }

    fn ident(&self, role: Role, name: &str) -> String {
        let ident = match role {
            Role::Type => pascal(name),
            Role::Variant => screaming(name),
            Role::Field => camel(name),
        };
        backtick_if(no_leading_digit(ident), KEYWORDS)
    }

    fn unusable(&self, role: Role, name: &str) -> Option<String> {
        (role == Role::Field && self.ident(role, name) == "`class`").then(|| {
            "its JVM getter `getClass()` would clash with `java.lang.Object.getClass()`".to_owned()
        })
    }

    fn reserved_types(&self) -> &[(&str, &str)] {
        RESERVED_TYPES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_hard_keywords_only() {
        assert_eq!(Kotlin.ident(Role::Field, "object"), "`object`");
        assert_eq!(Kotlin.ident(Role::Field, "value"), "value");
        assert!(Kotlin.unusable(Role::Field, "class").is_some());
        assert!(Kotlin.unusable(Role::Variant, "class").is_none());
    }
}
