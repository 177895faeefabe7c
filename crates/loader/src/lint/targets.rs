//! The per-target package settings of `package.targets`: each one as written, or its default
//! derived from `package.name`, checked against the rules of its language.
//!
//! The settings are optional and default from `package.name`: the npm name is the name itself, the
//! Kotlin package its words joined by `.`, the Swift module and the Objective-C class prefix the
//! name in PascalCase. `model::Package` keeps the resolved values, so generators never see whether
//! a value was written or defaulted, and `antom diff` reports a changed default as a changed
//! setting. A default that breaks its language's rule is reported at `package.name` with the key
//! that sets it. They live in `package.targets` (one map per target, unknown targets and keys
//! rejected), not at the top level, because exactly one file has the package.

use super::{Def, Linter};
use crate::names;
use crate::raw;
use crate::span::{Pos, Sp};

/// Every target's package names, resolved.
pub(super) struct TargetSettings {
    pub(super) npm_name: String,
    pub(super) kotlin_package: String,
    pub(super) swift_module: String,
    pub(super) objc_prefix: String,
}

/// The npm package name that `package.name` gives by default: the name itself.
fn default_npm_name(name: &str) -> String {
    name.to_owned()
}

/// The Kotlin package that `package.name` gives by default: its words joined by `.`.
fn default_kotlin_package(name: &str) -> String {
    names::words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(".")
}

/// The Swift module that `package.name` gives by default: the name in PascalCase.
fn default_swift_module(name: &str) -> String {
    names::pascal(name)
}

/// The Objective-C class prefix that `package.name` gives by default: the name in PascalCase.
fn default_objc_prefix(name: &str) -> String {
    names::pascal(name)
}

/// Dot-separated snake_case words.
fn is_kotlin_package(s: &str) -> bool {
    s.split('.').all(|word| {
        word.starts_with(|c: char| c.is_ascii_lowercase())
            && word.split('_').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    })
}

fn is_identifier_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_npm_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "@/-._".contains(c))
}

/// One setting: its value, and where a problem with it is reported.
struct Setting {
    value: String,
    pos: Pos,
    /// `None` when written; else the key to write to set it.
    default_for: Option<&'static str>,
}

fn setting(
    written: Option<&Sp<String>>,
    name: &Sp<String>,
    key: &'static str,
    default: fn(&str) -> String,
) -> Setting {
    match written {
        Some(v) => Setting {
            value: v.value.clone(),
            pos: v.pos,
            default_for: None,
        },
        None => Setting {
            value: default(name),
            pos: name.pos,
            default_for: Some(key),
        },
    }
}

impl Linter<'_> {
    /// The target settings of `p`, each checked: a bad default is reported at `package.name`,
    /// with the key that sets it.
    pub(super) fn targets(&mut self, file: &str, p: &raw::Package) -> TargetSettings {
        let t = p.targets.as_ref().map(|t| &t.value);
        let ts = t.and_then(|t| t.typescript.as_ref());
        let kt = t.and_then(|t| t.kotlin.as_ref());
        let sw = t.and_then(|t| t.swift.as_ref());
        let npm = setting(
            ts.and_then(|x| x.package.as_ref()),
            &p.name,
            "targets.typescript.package",
            default_npm_name,
        );
        let kotlin = setting(
            kt.and_then(|x| x.package.as_ref()),
            &p.name,
            "targets.kotlin.package",
            default_kotlin_package,
        );
        let module = setting(
            sw.and_then(|x| x.module.as_ref()),
            &p.name,
            "targets.swift.module",
            default_swift_module,
        );
        let prefix = setting(
            sw.and_then(|x| x.objc_prefix.as_ref()),
            &p.name,
            "targets.swift.objc_prefix",
            default_objc_prefix,
        );
        self.check_setting(
            file,
            &npm,
            "npm package name",
            is_npm_name(&npm.value),
            "a valid npm package name (lowercase letters, digits, `@/-._`)",
        );
        self.check_setting(
            file,
            &kotlin,
            "Kotlin package",
            is_kotlin_package(&kotlin.value),
            "dot-separated lowercase words",
        );
        self.check_setting(
            file,
            &module,
            "Swift module",
            is_identifier_pascal(&module.value),
            "PascalCase",
        );
        self.check_setting(
            file,
            &prefix,
            "Objective-C class prefix",
            is_identifier_pascal(&prefix.value),
            "an uppercase letter followed by letters and digits",
        );
        TargetSettings {
            npm_name: npm.value,
            kotlin_package: kotlin.value,
            swift_module: module.value,
            objc_prefix: prefix.value,
        }
    }

    fn check_setting(&mut self, file: &str, s: &Setting, what: &str, ok: bool, style: &str) {
        if ok {
            return;
        }
        let message = match s.default_for {
            None => format!("{what} `{}` must be {style}", s.value),
            Some(key) => format!(
                "{what} `{}`, the default from the package name, must be {style}: set `{key}`",
                s.value
            ),
        };
        self.report(file, s.pos, message);
    }

    /// The Objective-C classes of the Swift package, `<prefix>EventCodes`,
    /// `<prefix>PaymentResultCodes` and `<prefix>Validation`, must not have the name of a spec
    /// type (every target spells a type name in PascalCase).
    pub(super) fn objc_class_names(
        &mut self,
        prefix: &str,
        enums: &[Def<'_, raw::EnumDef>],
        objects: &[Def<'_, raw::ObjectDef>],
    ) {
        let classes = [
            format!("{prefix}EventCodes"),
            format!("{prefix}PaymentResultCodes"),
            format!("{prefix}Validation"),
        ];
        let all = enums
            .iter()
            .map(|d| (d.file, d.name, "enum"))
            .chain(objects.iter().map(|d| (d.file, d.name, "object")));
        for (file, name, what) in all {
            let ident = names::pascal(name);
            if classes.contains(&ident) {
                self.report(
                    file,
                    name.pos,
                    format!(
                        "{what} name `{}` is taken: Swift declares the Objective-C class `{ident}` (prefix `{prefix}`); rename the {what} or set `targets.swift.objc_prefix`",
                        name.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_package_name() {
        assert_eq!(default_npm_name("antom-callback"), "antom-callback");
        assert_eq!(default_kotlin_package("antom-callback"), "antom.callback");
        assert_eq!(default_swift_module("antom-callback"), "AntomCallback");
        assert_eq!(default_objc_prefix("antom-callback"), "AntomCallback");
        assert_eq!(default_kotlin_package("minimal"), "minimal");
        assert_eq!(
            default_swift_module("obstacle-results2"),
            "ObstacleResults2"
        );
    }

    #[test]
    fn setting_rules() {
        assert!(is_kotlin_package("com.antom.callback"));
        assert!(is_kotlin_package("a.b_c.d1"));
        assert!(!is_kotlin_package("a.b__c"));
        assert!(!is_kotlin_package("com..x"));
        assert!(!is_kotlin_package("3d.x"));
        assert!(!is_kotlin_package("Com.x"));
        assert!(is_identifier_pascal("AMS"));
        assert!(!is_identifier_pascal("ams"));
        assert!(!is_identifier_pascal("A-B"));
        assert!(is_npm_name("@antom/callback"));
        assert!(!is_npm_name("Antom"));
        assert!(!is_npm_name(""));
    }
}
