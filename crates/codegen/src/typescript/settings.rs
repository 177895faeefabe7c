//! The TypeScript target's package settings (`package.targets.typescript`): the npm package name.

use antom_spec::settings::reserves_nothing;
use antom_spec::{Package, Setting, TargetSettings};

/// What lint checks and `spec.schema.json` shows under `targets.typescript`.
pub(crate) static SETTINGS: TargetSettings = TargetSettings {
    target: "typescript",
    schema_name: "TypeScriptTarget",
    description: "The TypeScript (npm) package.",
    title: "Settings of the TypeScript target.",
    settings: &[Setting {
        key: "package",
        what: "npm package name",
        description: "npm package name, for example `@antom/callback`. Default: `package.name`.",
        default: default_npm_name,
        valid: is_npm_name,
        style: "a valid npm package name (lowercase letters, digits, `@/-._`)",
        reserves: reserves_nothing,
    }],
};

/// The npm package name (`targets.typescript.package`).
pub fn npm_name(package: &Package) -> &str {
    package.targets.get(SETTINGS.target, "package")
}

/// The npm package name that `package.name` gives by default: the name itself.
fn default_npm_name(name: &str) -> String {
    name.to_owned()
}

fn is_npm_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "@/-._".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_name_rule_and_default() {
        assert_eq!(default_npm_name("antom-callback"), "antom-callback");
        assert!(is_npm_name("@antom/callback"));
        assert!(!is_npm_name("Antom"));
        assert!(!is_npm_name(""));
    }
}
