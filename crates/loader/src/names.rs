//! Names as the loader sees them: the case conversions every target derives identifiers with,
//! and the traits through which lint asks the targets for their identifier rules.
//!
//! The loader knows no language. The code generator implements [`Naming`] once per language
//! (keywords, escaping, names a target reserves) and [`NameRules`] for its registry of targets;
//! [`crate::load`] takes the registry and rejects names that collide after conversion in some
//! language, that some language cannot take at all, or that a target reserves. A generator then
//! never has to rename anything itself.
//!
//! The renaming suffix `_` that targets use never collides with another spec name: the case
//! conversions split words at `_`, so no derived identifier ends with `_` unless a target's
//! rule put it there.

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
pub fn no_leading_digit(ident: String) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) || ident.is_empty() {
        format!("_{ident}")
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

/// One language's identifier rules, as lint checks spec names against them.
pub trait Naming: Sync {
    /// The language's name in messages (`Rust`, `Objective-C`).
    fn language(&self) -> &str;
    /// The identifier for `name` in `role`, escaped where it is a keyword.
    fn ident(&self, role: Role, name: &str) -> String;
    /// Why this language cannot take `name` in `role` at all, if it cannot: no escape or rename
    /// would keep the generated API sound, so lint reports it.
    fn unusable(&self, _role: Role, _name: &str) -> Option<String> {
        None
    }
    /// The type names this language's generated code declares or takes from its standard
    /// library, each with why (the words after `it is`): no spec type may take them.
    fn reserved_types(&self) -> &[(&str, &str)] {
        &[]
    }
}

use crate::settings::TargetSettings;

/// The registry of targets, as lint asks it about names: every language's rules, and the names
/// that the generated code of every target reserves.
pub trait NameRules: Sync {
    /// Each language's rules, in the order messages name them.
    fn languages(&self) -> Vec<&dyn Naming>;
    /// Why a spec name in `role` is reserved, as the rest of lint's message after the kind of
    /// name (`enum `, `event code `): `name `X` is reserved: ...` or `` `X` would take ...``.
    fn reserved(&self, role: Role, name: &str) -> Option<String>;
    /// Each target's package settings (`package.targets.<target>`), in the order messages name
    /// the targets.
    fn settings(&self) -> Vec<&TargetSettings>;
}

/// No target at all: lint without any language's naming rules (the loader's own tests, and
/// tools that read a spec without generating code from it).
#[derive(Debug)]
pub struct NoTargets;

impl NameRules for NoTargets {
    fn languages(&self) -> Vec<&dyn Naming> {
        Vec::new()
    }
    fn reserved(&self, _role: Role, _name: &str) -> Option<String> {
        None
    }
    fn settings(&self) -> Vec<&TargetSettings> {
        Vec::new()
    }
}

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
        assert_eq!(no_leading_digit("3D".to_owned()), "_3D");
        assert_eq!(no_leading_digit(String::new()), "_");
    }
}
