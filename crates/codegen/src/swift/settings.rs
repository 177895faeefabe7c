//! The Swift target's package settings (`package.targets.swift`): the Swift module, and the
//! prefix of the Objective-C classes it declares (which the Objective-C target uses too).

use antom_spec::names;
use antom_spec::settings::reserves_nothing;
use antom_spec::{Package, Setting, TargetSettings};

/// What lint checks and `spec.schema.json` shows under `targets.swift`.
pub(crate) static SETTINGS: TargetSettings = TargetSettings {
    target: "swift",
    schema_name: "SwiftTarget",
    description: "The Swift package and the Objective-C names it declares.",
    title: "Settings of the Swift target.",
    settings: &[
        Setting {
            key: "module",
            what: "Swift module",
            description: "Swift module name, PascalCase, for example `AntomCallback`. Default: `package.name` in\nPascalCase (`antom-callback` → `AntomCallback`).",
            default: names::pascal,
            valid: is_identifier_pascal,
            style: "PascalCase",
            reserves: reserves_nothing,
        },
        Setting {
            key: "objc_prefix",
            what: "Objective-C class prefix",
            description: "Prefix of the Objective-C class names (`<prefix>EventCodes`, `<prefix>PaymentResultCodes`),\nan uppercase letter then letters and digits, for example `AMS`. Default: `package.name` in\nPascalCase, as the module (`antom-callback` → `AntomCallback`).",
            default: names::pascal,
            valid: is_identifier_pascal,
            style: "an uppercase letter followed by letters and digits",
            reserves: objc_classes,
        },
    ],
};

/// The Swift module (`targets.swift.module`).
pub fn swift_module(package: &Package) -> &str {
    package.targets.get(SETTINGS.target, "module")
}

/// The prefix of the Objective-C class names (`targets.swift.objc_prefix`).
pub fn objc_prefix(package: &Package) -> &str {
    package.targets.get(SETTINGS.target, "objc_prefix")
}

fn is_identifier_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The Objective-C classes of the Swift package, `<prefix>EventCodes`,
/// `<prefix>PaymentResultCodes` and `<prefix>Validation`: no spec type may have their names.
fn objc_classes(prefix: &str) -> Vec<(String, String)> {
    ["EventCodes", "PaymentResultCodes", "Validation"]
        .iter()
        .map(|class| {
            let ident = format!("{prefix}{class}");
            let why = format!("Swift declares the Objective-C class `{ident}` (prefix `{prefix}`)");
            (ident, why)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swift_rules_and_defaults() {
        let [module, prefix] = SETTINGS.settings else {
            panic!("two settings")
        };
        assert_eq!((module.default)("antom-callback"), "AntomCallback");
        assert_eq!((prefix.default)("antom-callback"), "AntomCallback");
        assert_eq!((module.default)("obstacle-results2"), "ObstacleResults2");
        assert!(is_identifier_pascal("AMS"));
        assert!(!is_identifier_pascal("ams"));
        assert!(!is_identifier_pascal("A-B"));
        assert_eq!(objc_classes("AMS")[2].0, "AMSValidation");
    }
}
