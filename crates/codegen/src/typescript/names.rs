//! TypeScript's identifier rules: values are SCREAMING_SNAKE keys of `as const` objects; fields
//! keep their wire name as the property key, quoted when it is a reserved word (`'default'`).
//! A field named like a member of `Object.prototype` (`toString`, `constructor`, ...) is
//! rejected by lint: every object inherits it, so a decoded object without the key would read a
//! function where the interface promises a string (and tsc rejects the interface).

use antom_spec::names::{Naming, Role, no_leading_digit, pascal, screaming};

use super::TypeScript;

/// Members of `Object.prototype`: every JavaScript object inherits them, so no field may take
/// their name in TypeScript (see the module documentation).
const OBJECT_PROTOTYPE: &[&str] = &[
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// TypeScript/JavaScript reserved words: legal as property names, quoted by the generator.
const RESERVED: &[&str] = &[
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

fn is_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A TypeScript property key for a wire name: bare when it is a plain identifier, single-quoted
/// when it is not or is a reserved word, computed for `__proto__` (a literal `__proto__` key
/// would set the prototype). Spec names are ASCII letters, digits, `_`, `-` and `.` (lint), so
/// the quoted form needs no escape beyond `\` and `'`.
pub fn ts_key(name: &str) -> String {
    let quoted = format!("'{}'", name.replace('\\', "\\\\").replace('\'', "\\'"));
    if name == "__proto__" {
        format!("[{quoted}]")
    } else if is_ident(name) && !RESERVED.contains(&name) {
        name.to_owned()
    } else {
        quoted
    }
}

const TS_GLOBAL: &str = "a JavaScript or TypeScript global that generated TypeScript uses";
const TS_PACKAGE: &str = "a type that the generated TypeScript package exports";

/// JavaScript globals and package types that generated TypeScript uses.
const RESERVED_TYPES: &[(&str, &str)] = &[
    ("Array", TS_GLOBAL),
    ("Boolean", TS_GLOBAL),
    ("Date", TS_GLOBAL),
    ("Error", TS_GLOBAL),
    ("Number", TS_GLOBAL),
    ("Object", TS_GLOBAL),
    ("Readonly", TS_GLOBAL),
    ("ReadonlyMap", TS_GLOBAL),
    ("ReadonlySet", TS_GLOBAL),
    ("Record", TS_GLOBAL),
    ("RegExp", TS_GLOBAL),
    ("Set", TS_GLOBAL),
    ("Symbol", TS_GLOBAL),
    ("CallbackInfo", TS_PACKAGE),
    ("EnumInfo", TS_PACKAGE),
    ("EventCallbackHandler", TS_PACKAGE),
    ("EventCallbackState", TS_PACKAGE),
    ("EventCallbackStateOf", TS_PACKAGE),
    ("FieldCodec", TS_PACKAGE),
    ("Mistyped", TS_PACKAGE),
    ("ObjectCodec", TS_PACKAGE),
    ("RawEventCallbackState", TS_PACKAGE),
    ("UnknownEventCallbackState", TS_PACKAGE),
];

impl Naming for TypeScript {
    fn language(&self) -> &str {
        "TypeScript"
    }

    fn ident(&self, role: Role, name: &str) -> String {
        match role {
            Role::Type => no_leading_digit(pascal(name)),
            Role::Variant => no_leading_digit(screaming(name)),
            // Interfaces keep the wire names, so distinct fields never collide.
            Role::Field => ts_key(name),
        }
    }

    fn unusable(&self, role: Role, name: &str) -> Option<String> {
        (role == Role::Field && OBJECT_PROTOTYPE.contains(&name)).then(|| {
            format!(
                "every JavaScript object inherits `Object.prototype.{name}`, so a decoded object without the key would read a function where the interface promises a string (and tsc rejects the interface)"
            )
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
    fn quotes_reserved_field_names_and_rejects_prototype_members() {
        assert_eq!(TypeScript.ident(Role::Field, "default"), "'default'");
        assert_eq!(TypeScript.ident(Role::Field, "card_no"), "card_no");
        assert!(TypeScript.unusable(Role::Field, "toString").is_some());
        assert!(TypeScript.unusable(Role::Field, "prototype").is_none());
    }
}
