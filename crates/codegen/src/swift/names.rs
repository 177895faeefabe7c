//! Swift's identifier rules: values and fields are camelCase, keywords get backticks
//! (`` `default` ``). Names that backticks do not free, or that the generated types already
//! declare, get a trailing `_` instead: enum cases named `self`, `init`, `rawValue`,
//! `description`, `hashValue`, `allCases`, `allKnown`, `isKnown`, `known`, `canonical`, `info`,
//! `message`, `suggestion`, `none`, `some`, ... ([`RESERVED_CASES`]), and properties named
//! `self`, `init`, `description`, `debugDescription`, `hashValue`, `dynamicType`, `validate`
//! ([`RESERVED_PROPERTIES`]).

use antom_spec::names::{Naming, Role, camel, no_leading_digit, pascal};

use super::Swift;
use crate::names::backtick_if;

/// Swift keywords and names that need backticks as declarations or members.
const KEYWORDS: &[&str] = &[
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

/// Swift enum case names that backticks do not make usable (`self`, `init`: `.self` and `.init`
/// mean something else after a dot), that every generated enum already declares as a member
/// (`rawValue`, `description`, `isKnown`, `known`, `canonical`, `info`, `allKnown`, `allCases` of
/// the closed enums, `message` and `suggestion` of `PaymentResultCode`, `unknown`), or that read
/// as `Optional`'s cases where an optional is expected (`none`, `some`): they get a trailing `_`.
const RESERVED_CASES: &[&str] = &[
    "allCases",
    "allKnown",
    "canonical",
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "info",
    "init",
    "isKnown",
    "known",
    "message",
    "none",
    "rawValue",
    "self",
    "some",
    "suggestion",
    "unknown",
];

/// Swift property names that backticks do not make usable, or that every generated struct
/// already declares (`description`, `debugDescription`, `hashValue`, the method `validate()`):
/// they get a trailing `_`.
/// The same rule names the static members of `EnumSchema` and `ObjectSchema` after types.
const RESERVED_PROPERTIES: &[&str] = &[
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "init",
    "self",
    "validate",
];

/// A Swift case or property name: renamed with a trailing `_` when `reserved` has it, else
/// backticked when it is a keyword.
fn escape(ident: String, reserved: &[&str]) -> String {
    if reserved.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        backtick_if(ident, KEYWORDS)
    }
}

const SWIFT_STD: &str = "a Swift or Foundation type that generated Swift uses";
const SWIFT_PACKAGE: &str = "a type of the generated Swift package";

/// Swift and Foundation types that generated Swift uses, and types of the generated package.
const RESERVED_TYPES: &[(&str, &str)] = &[
    ("Bool", SWIFT_STD),
    ("CaseIterable", SWIFT_STD),
    ("Codable", SWIFT_STD),
    ("CodingKey", SWIFT_STD),
    ("Comparable", SWIFT_STD),
    ("CustomDebugStringConvertible", SWIFT_STD),
    ("CustomStringConvertible", SWIFT_STD),
    ("Data", SWIFT_STD),
    ("Decodable", SWIFT_STD),
    ("Decoder", SWIFT_STD),
    ("Dictionary", SWIFT_STD),
    ("Double", SWIFT_STD),
    ("Encodable", SWIFT_STD),
    ("Encoder", SWIFT_STD),
    ("Equatable", SWIFT_STD),
    ("FileManager", SWIFT_STD),
    ("Foundation", SWIFT_STD),
    ("Hashable", SWIFT_STD),
    ("Hasher", SWIFT_STD),
    ("Int64", SWIFT_STD),
    ("NSObject", SWIFT_STD),
    ("NSString", SWIFT_STD),
    ("ObjCBool", SWIFT_STD),
    ("ObjectiveC", SWIFT_STD),
    ("ProcessInfo", SWIFT_STD),
    ("Protocol", SWIFT_STD),
    ("RawRepresentable", SWIFT_STD),
    ("Sendable", SWIFT_STD),
    ("Type", SWIFT_STD),
    ("Cases", SWIFT_PACKAGE),
    ("OpenEnum", SWIFT_PACKAGE),
];

impl Naming for Swift {
    fn language(&self) -> &str {
        "Swift"
    }

    fn ident(&self, role: Role, name: &str) -> String {
        match role {
            Role::Type => backtick_if(no_leading_digit(pascal(name)), KEYWORDS),
            Role::Variant => escape(no_leading_digit(camel(name)), RESERVED_CASES),
            Role::Field => escape(no_leading_digit(camel(name)), RESERVED_PROPERTIES),
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
    fn escapes_keywords_and_renames_reserved_members() {
        let ident = |role, name| Swift.ident(role, name);
        assert_eq!(ident(Role::Variant, "DEFAULT"), "`default`");
        assert_eq!(ident(Role::Field, "Type"), "type");
        assert_eq!(ident(Role::Field, "self"), "self_");
        assert_eq!(ident(Role::Field, "message"), "message");
        assert_eq!(ident(Role::Variant, "MESSAGE"), "message_");
        assert_eq!(ident(Role::Variant, "RAW_VALUE"), "rawValue_");
        assert_eq!(ident(Role::Variant, "IN"), "`in`");
        assert_eq!(ident(Role::Variant, "init__"), "init_");
    }
}
