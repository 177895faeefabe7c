//! Identifier derivation shared by the linter and every target.
//!
//! Names are derived mechanically from spec names; a keyword of a target is escaped there, and
//! a name that the generated code already uses for something else is renamed by one rule. The
//! linter runs the same functions to reject names that collide after conversion, or that a
//! target cannot take at all, so a generator never has to rename anything itself.
//!
//! Per language, for types ([`Role::Type`], PascalCase), known values ([`Role::Variant`]) and
//! fields ([`Role::Field`]):
//!
//! - Rust: values and types are PascalCase, fields snake_case. Keywords (strict, reserved and the
//!   2018/2024 ones: `type`, `match`, `async`, `dyn`, `gen`, ...) become raw identifiers
//!   (`r#type`). `self`, `Self`, `super` and `crate` cannot be raw identifiers: they get a
//!   trailing `_` (`self_`, `Self_`), as does a field named `extra` (the member that keeps
//!   unknown keys). Weak keywords (`union`, `raw`, `safe`) are plain identifiers.
//! - TypeScript: values are SCREAMING_SNAKE keys of `as const` objects; fields keep their wire
//!   name as the property key, quoted when it is a reserved word (`'default'`). A field named
//!   like a member of `Object.prototype` (`toString`, `constructor`, ...) is rejected by lint:
//!   every object inherits it, so a decoded object without the key would read a function where
//!   the interface promises a string (and tsc rejects the interface).
//! - Kotlin: values are SCREAMING_SNAKE constants, fields camelCase; hard keywords get
//!   backticks (`` `in` ``); soft and modifier keywords (`value`, `data`, `companion`,
//!   `vararg`, ...) are plain identifiers. A field named `class` is rejected by lint: its JVM
//!   getter `getClass()` would clash with `java.lang.Object.getClass()`.
//! - Swift: values and fields are camelCase, keywords get backticks (`` `default` ``). Names
//!   that backticks do not free, or that the generated types already declare, get a trailing
//!   `_` instead: enum cases named `self`, `init`, `rawValue`, `description`, `hashValue`,
//!   `allCases`, `allKnown`, `isKnown`, `known`, `canonical`, `info`, `message`, `suggestion`,
//!   `none`, `some`, ... ([`SWIFT_RESERVED_CASES`]), and properties named `self`, `init`,
//!   `description`, `debugDescription`, `hashValue`, `dynamicType`, `validate`
//!   ([`SWIFT_RESERVED_PROPERTIES`]).
//! - Every target: a name starting with a digit gets a leading `_` (`_3D`); type names that a
//!   target generates or whose standard type the generated code uses are reserved
//!   ([`reserved_type_name`]).
//!
//! The renaming suffix `_` never collides with another spec name: the name rules split words at
//! `_`, so no derived identifier ends with `_` unless one of these rules put it there.

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

/// Rust keywords that `r#` makes usable: strict (2015 to 2024 editions) and reserved ones.
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

/// Swift enum case names that backticks do not make usable (`self`, `init`: `.self` and `.init`
/// mean something else after a dot), that every generated enum already declares as a member
/// (`rawValue`, `description`, `isKnown`, `known`, `canonical`, `info`, `allKnown`, `allCases` of
/// the closed enums, `message` and `suggestion` of `PaymentResultCode`, `unknown`), or that read
/// as `Optional`'s cases where an optional is expected (`none`, `some`): they get a trailing `_`.
pub const SWIFT_RESERVED_CASES: &[&str] = &[
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
pub const SWIFT_RESERVED_PROPERTIES: &[&str] = &[
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "init",
    "self",
    "validate",
];

/// Members of `Object.prototype`: every JavaScript object inherits them, so no field may take
/// their name in TypeScript (see the module documentation).
pub const TS_OBJECT_PROTOTYPE: &[&str] = &[
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

/// A Swift case or property name: renamed with a trailing `_` when `reserved` has it, else
/// backticked when it is a keyword.
fn swift_escape(ident: String, reserved: &[&str]) -> String {
    if reserved.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        backtick_if(ident, SWIFT_KEYWORDS)
    }
}

fn is_ts_ident(s: &str) -> bool {
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
    } else if is_ts_ident(name) && !TS_RESERVED.contains(&name) {
        name.to_owned()
    } else {
        quoted
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
    ObjC,
}

impl Lang {
    pub const ALL: [Lang; 5] = [
        Lang::Rust,
        Lang::TypeScript,
        Lang::Kotlin,
        Lang::Swift,
        Lang::ObjC,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::TypeScript => "TypeScript",
            Lang::Kotlin => "Kotlin",
            Lang::Swift => "Swift",
            Lang::ObjC => "Objective-C",
        }
    }

    /// Why this language cannot take `name` in `role` at all, if it cannot: the linter reports
    /// it, since no escape or rename would keep the generated API sound.
    pub fn unusable(self, role: Role, name: &str) -> Option<String> {
        match (self, role) {
            (Lang::Kotlin, Role::Field) if self.ident(role, name) == "`class`" => Some(
                "its JVM getter `getClass()` would clash with `java.lang.Object.getClass()`"
                    .to_owned(),
            ),
            (Lang::ObjC, Role::Type) if OBJC_CLASSES.contains(&self.ident(role, name).as_str()) => {
                Some(format!(
                    "the Objective-C output names a class of its own `<prefix>{}`",
                    self.ident(role, name)
                ))
            }
            (Lang::TypeScript, Role::Field) if TS_OBJECT_PROTOTYPE.contains(&name) => {
                Some(format!(
                    "every JavaScript object inherits `Object.prototype.{name}`, so a decoded object without the key would read a function where the interface promises a string (and tsc rejects the interface)"
                ))
            }
            _ => None,
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
                swift_escape(no_leading_digit(camel(name)), SWIFT_RESERVED_CASES)
            }
            // Interfaces keep the wire names, so distinct fields never collide.
            (Lang::TypeScript, Role::Field) => ts_key(name),
            (Lang::Kotlin, Role::Field) => {
                backtick_if(no_leading_digit(camel(name)), KOTLIN_KEYWORDS)
            }
            (Lang::Swift, Role::Field) => {
                swift_escape(no_leading_digit(camel(name)), SWIFT_RESERVED_PROPERTIES)
            }
            // Classes carry the target's prefix, so a type name needs no escape.
            (Lang::ObjC, Role::Type) => no_leading_digit(pascal(name)),
            (Lang::ObjC, Role::Variant) => objc_name(&Lang::Swift.ident(Role::Variant, name)),
            (Lang::ObjC, Role::Field) => {
                objc_property(&Lang::Swift.ident(Role::Field, name), "field_")
            }
        }
    }
}

/// Names an `@objc` class property may not take: Swift keywords, C and Objective-C keywords
/// and lowercase macros, the zero-argument selectors of `NSObject` (class and instance methods,
/// both reachable on a class object), and the members the generated classes add.
pub const OBJC_RESERVED: &[&str] = &[
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
pub const OBJC_FAMILIES: &[&str] = &["alloc", "copy", "init", "mutableCopy", "new"];

/// The name of a code's Objective-C class property (in the Objective-C target and in the Swift
/// package's `@objc` classes): the Swift variant identifier, or `code_` and that identifier when
/// Objective-C or `NSObject` would read it differently, or when the Swift name rules renamed it
/// (`self_` is `code_self`, as `` `class` `` is `code_class`). The name rules never produce `_`
/// inside a name, so escaped names cannot collide with other codes.
pub fn objc_name(variant_ident: &str) -> String {
    objc_property(variant_ident, "code_")
}

/// An Objective-C class property name from a Swift identifier, `escape` put in front where
/// Objective-C or `NSObject` would read the name differently (see [`objc_name`]).
pub fn objc_property(swift_ident: &str, escape: &str) -> String {
    if let Some(renamed) = swift_ident.strip_suffix('_') {
        return format!("{escape}{renamed}");
    }
    let name = swift_ident.trim_matches('`').to_owned();
    let family = OBJC_FAMILIES.iter().any(|f| {
        name.strip_prefix(f)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_lowercase()))
    });
    if swift_ident.starts_with('`')
        || OBJC_RESERVED.contains(&name.as_str())
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
pub const OBJC_CLASSES: &[&str] = &["EventCodes", "PaymentResultCodes"];

const GENERATED: &str = "a type that every target generates";
const RUST_RUNTIME: &str =
    "a type of the Rust runtime that generated Rust imports (`antom-callback`)";
const RUST_STD: &str = "a Rust prelude or standard type that generated Rust uses";
const TS_GLOBAL: &str = "a JavaScript or TypeScript global that generated TypeScript uses";
const TS_PACKAGE: &str = "a type that the generated TypeScript package exports";
const KOTLIN_STD: &str = "a Kotlin or Java standard type that generated Kotlin uses";
const KOTLIN_PACKAGE: &str = "a type of the generated Kotlin package";
const KOTLIN_COMPANION: &str = "the name of every Kotlin class's companion object (inside a generated class it would mean that class's companion)";
/// `Known` is nested in Swift's open enums too; one entry per name, the first of these reasons.
const KOTLIN_NESTED: &str = "a class nested in every generated Kotlin open enumeration (inside one it would mean the nested class)";
const SWIFT_STD: &str = "a Swift or Foundation type that generated Swift uses";
const SWIFT_PACKAGE: &str = "a type of the generated Swift package";

/// Type names every target generates besides the spec's own, and names of the targets' standard
/// libraries that generated code relies on (a spec type named `Result` would shadow Rust's and
/// Swift's `Result`), each with what takes it: spec types may not take them.
pub const RESERVED_TYPE_NAMES: &[(&str, &str)] = &[
    ("Action", GENERATED),
    ("Callback", GENERATED),
    ("CallbackName", GENERATED),
    ("Deprecation", GENERATED),
    ("EventCode", GENERATED),
    ("EventKind", GENERATED),
    ("Issue", GENERATED),
    ("Outcome", GENERATED),
    ("PaymentResultCode", GENERATED),
    ("Severity", GENERATED),
    ("Unknown", GENERATED),
    ("Validate", GENERATED),
    ("ValidationReport", GENERATED),
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
    ("Companion", KOTLIN_COMPANION),
    ("Codes", KOTLIN_NESTED),
    ("Known", KOTLIN_NESTED),
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

/// What takes `name` when it is a reserved type name (see [`RESERVED_TYPE_NAMES`]).
pub fn reserved_type_name(name: &str) -> Option<&'static str> {
    RESERVED_TYPE_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| *why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_type_names_are_listed_once() {
        for (i, (name, _)) in RESERVED_TYPE_NAMES.iter().enumerate() {
            assert!(
                !RESERVED_TYPE_NAMES[..i].iter().any(|(n, _)| n == name),
                "`{name}` is listed twice: only the first reason is ever shown"
            );
        }
    }

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
        assert_eq!(Lang::Rust.ident(Role::Field, "crate"), "crate_");
        assert_eq!(Lang::Rust.ident(Role::Field, "super"), "super_");
        assert_eq!(Lang::Rust.ident(Role::Field, "gen"), "r#gen");
        assert_eq!(Lang::Rust.ident(Role::Field, "union"), "union");
        assert_eq!(Lang::Kotlin.ident(Role::Field, "object"), "`object`");
        assert_eq!(Lang::Swift.ident(Role::Variant, "DEFAULT"), "`default`");
        assert_eq!(Lang::Swift.ident(Role::Field, "Type"), "type");
        assert_eq!(Lang::Swift.ident(Role::Field, "self"), "self_");
        assert_eq!(Lang::Swift.ident(Role::Field, "message"), "message");
        assert_eq!(Lang::Swift.ident(Role::Variant, "MESSAGE"), "message_");
        assert_eq!(Lang::Swift.ident(Role::Variant, "RAW_VALUE"), "rawValue_");
        assert_eq!(Lang::Swift.ident(Role::Variant, "IN"), "`in`");
        assert_eq!(Lang::TypeScript.ident(Role::Field, "default"), "'default'");
        assert_eq!(Lang::TypeScript.ident(Role::Field, "card_no"), "card_no");
        assert_eq!(Lang::Kotlin.ident(Role::Field, "value"), "value");
    }

    #[test]
    fn renamed_names_cannot_collide_with_spec_names() {
        // The suffix `_` is never produced by the case conversions themselves, so only the
        // renaming rules end an identifier with it (TypeScript keeps field names as they are and
        // renames nothing); `self_` is the same name as `self` to every target.
        assert_eq!(Lang::Rust.ident(Role::Field, "self_"), "self_");
        assert_eq!(Lang::Swift.ident(Role::Variant, "init__"), "init_");
        for name in ["card_", "card__no_", "x-", "y."] {
            for lang in Lang::ALL {
                for role in [Role::Type, Role::Variant, Role::Field] {
                    let ident = lang.ident(role, name);
                    if (lang, role) != (Lang::TypeScript, Role::Field) {
                        assert!(!ident.trim_matches('`').ends_with('_'), "{name} -> {ident}");
                    }
                }
            }
        }
    }

    #[test]
    fn unusable_names_say_why() {
        assert!(Lang::Kotlin.unusable(Role::Field, "class").is_some());
        assert!(Lang::Kotlin.unusable(Role::Variant, "class").is_none());
        assert!(Lang::TypeScript.unusable(Role::Field, "toString").is_some());
        assert!(
            Lang::TypeScript
                .unusable(Role::Field, "prototype")
                .is_none()
        );
        assert!(Lang::Rust.unusable(Role::Field, "self").is_none());
        assert_eq!(reserved_type_name("Pattern"), Some(RUST_RUNTIME));
        assert_eq!(reserved_type_name("Card"), None);
    }

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
