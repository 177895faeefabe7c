//! Objective-C's identifier rules: class names carry the target's prefix, so a type name needs
//! no escape; code and field properties are the Swift identifiers, with `code_` or `field_` in
//! front where Objective-C or `NSObject` would read them differently ([`objc_property`]).

use antom_spec::names::{Naming, Role, no_leading_digit, pascal};

use super::ObjC;
use crate::swift::Swift;

/// Names an `@objc` class property may not take: Swift keywords, C and Objective-C keywords
/// and lowercase macros, the zero-argument selectors of `NSObject` (class and instance methods,
/// both reachable on a class object), and the members the generated classes add.
const RESERVED: &[&str] = &[
    // C, Objective-C and common lowercase macros.
    "auto",
    "bool",
    "break",
    "bycopy",
    "byref",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "errno",
    "extern",
    "false",
    "float",
    "for",
    "goto",
    "id",
    "if",
    "in",
    "inline",
    "inout",
    "int",
    "long",
    "nil",
    "oneway",
    "out",
    "register",
    "restrict",
    "return",
    "self",
    "short",
    "signed",
    "sizeof",
    "static",
    "stderr",
    "stdin",
    "stdout",
    "struct",
    "super",
    "switch",
    "true",
    "typedef",
    "typeof",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    // NSObject and its Foundation categories.
    "accessInstanceVariablesDirectly",
    "alloc",
    "attributeKeys",
    "autoContentAccessingProxy",
    "autorelease",
    "classCode",
    "classDescription",
    "classForArchiver",
    "classForCoder",
    "classForKeyedArchiver",
    "classForPortCoder",
    "className",
    "class",
    "copy",
    "dealloc",
    "debugDescription",
    "description",
    "exposedBindings",
    "finalize",
    "hash",
    "hashValue",
    "initialize",
    "init",
    "isProxy",
    "load",
    "mutableCopy",
    "new",
    "objectSpecifier",
    "observationInfo",
    "release",
    "retain",
    "retainCount",
    "scriptingProperties",
    "superclass",
    "toManyRelationshipKeys",
    "toOneRelationshipKeys",
    "version",
    "zone",
    // Members of the generated classes.
    "action",
    "allCodes",
    "isKnown",
    "kind",
    "message",
    "messages",
    "replacement",
    "suggestion",
];

/// Objective-C method families: a getter named like `newCard` or `copyText` would be taken to
/// return an owned object.
const FAMILIES: &[&str] = &["alloc", "copy", "init", "mutableCopy", "new"];

/// The name of a code's Objective-C class property (in the Objective-C target and in the Swift
/// package's `@objc` classes): the Swift variant identifier, or `code_` and that identifier when
/// Objective-C or `NSObject` would read it differently, or when the Swift name rules renamed it
/// (`self_` is `code_self`, as `` `class` `` is `code_class`). The name rules never produce `_`
/// inside a name, so escaped names cannot collide with other codes.
pub(crate) fn objc_name(variant_ident: &str) -> String {
    objc_property(variant_ident, "code_")
}

/// An Objective-C class property name from a Swift identifier, `escape` put in front where
/// Objective-C or `NSObject` would read the name differently (see [`objc_name`]).
pub(crate) fn objc_property(swift_ident: &str, escape: &str) -> String {
    if let Some(renamed) = swift_ident.strip_suffix('_') {
        return format!("{escape}{renamed}");
    }
    let name = swift_ident.trim_matches('`').to_owned();
    let family = FAMILIES.iter().any(|f| {
        name.strip_prefix(f)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_lowercase()))
    });
    if swift_ident.starts_with('`')
        || RESERVED.contains(&name.as_str())
        || family
        || name.starts_with("accessibility")
        || name.starts_with("isAccessibility")
        || name.starts_with('_')
    {
        format!("{escape}{name}")
    } else {
        name
    }
}

/// The classes the Objective-C output declares besides one per enumeration and object, without
/// the prefix: a spec type of the same name would take them.
const CLASSES: &[&str] = &["Actions", "EventCodes", "EventKinds", "PaymentResultCodes"];

impl Naming for ObjC {
    fn language(&self) -> &str {
        "Objective-C"
    }

    fn ident(&self, role: Role, name: &str) -> String {
        match role {
            // Classes carry the target's prefix, so a type name needs no escape.
            Role::Type => no_leading_digit(pascal(name)),
            Role::Variant => objc_name(&Swift.ident(Role::Variant, name)),
            Role::Field => objc_property(&Swift.ident(Role::Field, name), "field_"),
        }
    }

    fn unusable(&self, role: Role, name: &str) -> Option<String> {
        let ident = self.ident(role, name);
        (role == Role::Type && CLASSES.contains(&ident.as_str()))
            .then(|| format!("the Objective-C output names a class of its own `<prefix>{ident}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objc_names_avoid_nsobject_and_keywords() {
        assert_eq!(objc_name("sdkPaymentFail"), "sdkPaymentFail");
        assert_eq!(objc_name("`self`"), "code_self");
        assert_eq!(objc_name("class"), "code_class");
        assert_eq!(objc_name("description"), "code_description");
        assert_eq!(objc_name("newCard"), "code_newCard");
        assert_eq!(objc_name("newsletter"), "newsletter");
        assert_eq!(objc_name("copy3d"), "code_copy3d");
        assert_eq!(objc_name("allCodes"), "code_allCodes");
        assert_eq!(objc_name("_3d"), "code__3d");
        assert_eq!(objc_name("self_"), "code_self");
        assert_eq!(objc_name("description_"), "code_description");
    }
}
