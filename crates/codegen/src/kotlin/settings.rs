//! The Kotlin target's package settings (`package.targets.kotlin`): the Kotlin package.

use antom_spec::names;
use antom_spec::settings::reserves_nothing;
use antom_spec::{Package, Setting, TargetSettings};

/// What lint checks and `spec.schema.json` shows under `targets.kotlin`.
pub(crate) static SETTINGS: TargetSettings = TargetSettings {
    target: "kotlin",
    schema_name: "KotlinTarget",
    description: "The Kotlin library.",
    title: "Settings of the Kotlin target.",
    settings: &[Setting {
        key: "package",
        what: "Kotlin package",
        description: "Kotlin package, dot-separated lowercase words, for example `com.antom.callback`.\nDefault: the words of `package.name` joined by `.` (`antom-callback` → `antom.callback`).",
        default: default_kotlin_package,
        valid: is_kotlin_package,
        style: "dot-separated lowercase words",
        reserves: reserves_nothing,
    }],
};

/// The Kotlin package (`targets.kotlin.package`).
pub fn kotlin_package(package: &Package) -> &str {
    package.targets.get(SETTINGS.target, "package")
}

/// The Kotlin package that `package.name` gives by default: its words joined by `.`.
fn default_kotlin_package(name: &str) -> String {
    names::words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(".")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kotlin_package_rule_and_default() {
        assert_eq!(default_kotlin_package("antom-callback"), "antom.callback");
        assert_eq!(default_kotlin_package("minimal"), "minimal");
        assert!(is_kotlin_package("com.antom.callback"));
        assert!(is_kotlin_package("a.b_c.d1"));
        assert!(!is_kotlin_package("a.b__c"));
        assert!(!is_kotlin_package("com..x"));
        assert!(!is_kotlin_package("3d.x"));
        assert!(!is_kotlin_package("Com.x"));
    }
}
