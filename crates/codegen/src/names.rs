//! Naming shared by every target, and the registry's answers to lint.
//!
//! Each language's identifier rules live in its target's module (`rust/names.rs`,
//! `kotlin/names.rs`, ...) as an implementation of [`Naming`]; every target's generator returns
//! its rules from [`crate::Generator::naming`]. Here: the type names every target generates
//! besides the spec's own, the value name every open enumeration takes for its unknown case, and
//! [`Targets`]'s answers to lint ([`NameRules`]) over a list of targets.

pub use antom_spec::names::{
    Naming, Role, camel, no_leading_digit, pascal, screaming, snake, words,
};

use antom_spec::NameRules;

use crate::Targets;

pub use crate::kotlin::names::KEYWORDS as KOTLIN_KEYWORDS;
pub use crate::typescript::names::ts_key;

const GENERATED: &str = "a type that every target generates";

/// Type names every target generates besides the spec's own: spec types may not take them.
const GENERATED_TYPES: &[(&str, &str)] = &[
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
];

/// The reason `name` has in a list of reserved names and their reasons.
pub(crate) fn reason<'r>(list: &[(&str, &'r str)], name: &str) -> Option<&'r str> {
    list.iter().find(|(n, _)| *n == name).map(|(_, why)| *why)
}

/// `ident` in backticks when `keywords` has it (Kotlin, Swift).
pub(crate) fn backtick_if(ident: String, keywords: &[&str]) -> String {
    if keywords.contains(&ident.as_str()) {
        format!("`{ident}`")
    } else {
        ident
    }
}

impl NameRules for Targets<'_> {
    fn languages(&self) -> Vec<&dyn Naming> {
        self.0.iter().filter_map(|t| t.naming()).collect()
    }

    fn settings(&self) -> Vec<&antom_spec::TargetSettings> {
        self.0.iter().filter_map(|t| t.settings()).collect()
    }

    fn reserved(&self, role: Role, name: &str) -> Option<String> {
        match role {
            Role::Type => {
                let why = reason(GENERATED_TYPES, name).or_else(|| {
                    self.0
                        .iter()
                        .filter_map(|t| t.naming())
                        .find_map(|lang| reason(lang.reserved_types(), name))
                });
                if let Some(why) = why {
                    Some(format!(
                        "name `{name}` is reserved: it is {why}; choose another"
                    ))
                } else if name.starts_with("Known") {
                    Some(format!(
                        "name `{name}` is reserved: TypeScript and Rust name the known values of an enumeration `Known<Name>`; choose a name that does not start with `Known`"
                    ))
                } else if name.starts_with("Current") {
                    Some(format!(
                        "name `{name}` is reserved: TypeScript and Rust name the current values of an enumeration `Current<Name>`; choose a name that does not start with `Current`"
                    ))
                } else {
                    None
                }
            }
            // Every open enumeration has a case for values it does not know, `Unknown`.
            Role::Variant if pascal(name) == "Unknown" => Some(format!(
                "`{name}` would take the name of the generated unknown-value case: rename it"
            )),
            Role::Variant | Role::Field => None,
        }
    }
}

/// Each code target's identifier rules by its language's name, for tests and tools that spell
/// out identifiers (`Lang::Kotlin.ident(Role::Type, "Card")`). Lint never uses it: it asks the
/// registry ([`Targets`]).
#[derive(Debug)]
pub struct Lang;

#[allow(non_upper_case_globals)]
impl Lang {
    pub const Rust: &'static dyn Naming = &crate::rust::Rust;
    pub const TypeScript: &'static dyn Naming = &crate::typescript::TypeScript;
    pub const Kotlin: &'static dyn Naming = &crate::kotlin::Kotlin;
    pub const Swift: &'static dyn Naming = &crate::swift::Swift;
    pub const ObjC: &'static dyn Naming = &crate::objc::ObjC;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Target;

    /// Only the first reason for a name is ever shown, so no name is reserved twice: neither in
    /// the shared list nor by two languages.
    #[test]
    fn reserved_type_names_are_listed_once() {
        let targets = Targets(Target::ALL);
        let mut all: Vec<&str> = GENERATED_TYPES.iter().map(|(n, _)| *n).collect();
        for lang in targets.languages() {
            all.extend(lang.reserved_types().iter().map(|(n, _)| *n));
        }
        for (i, name) in all.iter().enumerate() {
            assert!(
                !all[..i].contains(name),
                "`{name}` is listed twice: only the first reason is ever shown"
            );
        }
        assert_eq!(all.len(), 117);
    }

    #[test]
    fn renamed_names_cannot_collide_with_spec_names() {
        // The suffix `_` is never produced by the case conversions themselves, so only the
        // renaming rules end an identifier with it (TypeScript keeps field names as they are and
        // renames nothing); `self_` is the same name as `self` to every target.
        let targets = Targets(Target::ALL);
        for name in ["card_", "card__no_", "x-", "y."] {
            for lang in targets.languages() {
                for role in [Role::Type, Role::Variant, Role::Field] {
                    let ident = lang.ident(role, name);
                    if (lang.language(), role) != ("TypeScript", Role::Field) {
                        assert!(!ident.trim_matches('`').ends_with('_'), "{name} -> {ident}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_registry_words_reserved_names() {
        let targets = Targets(Target::ALL);
        assert_eq!(
            targets.reserved(Role::Type, "Pattern").as_deref(),
            Some(
                "name `Pattern` is reserved: it is a type of the Rust runtime that generated Rust imports (`antom-callback`); choose another"
            )
        );
        assert!(targets.reserved(Role::Type, "KnownCard").is_some());
        assert!(targets.reserved(Role::Type, "CurrentCard").is_some());
        assert!(targets.reserved(Role::Type, "Current").is_some());
        assert!(targets.reserved(Role::Type, "Card").is_none());
        assert!(targets.reserved(Role::Variant, "UNKNOWN").is_some());
        assert!(targets.reserved(Role::Field, "unknown").is_none());
    }
}
