//! Package settings that targets declare for `package.targets.<target>`: each setting's key,
//! description, default (a form of `package.name`) and rule, and the resolved values.
//!
//! The loader knows no target's settings: the code generator's registry hands them in through
//! [`crate::NameRules::settings`]. Lint resolves each written value or its default and checks
//! it, and `spec.schema.json`'s definitions of `package.targets` are built from the same
//! declarations ([`schema`]), so editors see exactly what lint accepts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

/// One package setting of a target, `targets.<target>.<key>`.
#[derive(Debug)]
pub struct Setting {
    /// Its key under the target's map.
    pub key: &'static str,
    /// What it is, as messages name it (`Kotlin package`).
    pub what: &'static str,
    /// Its description in `spec.schema.json`.
    pub description: &'static str,
    /// Its value when not written, from `package.name`.
    pub default: fn(&str) -> String,
    /// Whether a value is allowed.
    pub valid: fn(&str) -> bool,
    /// What an allowed value is, after `must be` (`dot-separated lowercase words`).
    pub style: &'static str,
    /// The type names that a value gives to the generated code, each with why it takes it
    /// (the words after `is taken: `): no spec enum or object may have them.
    pub reserves: fn(&str) -> Vec<(String, String)>,
}

/// The settings a target declares, and how `spec.schema.json` presents them.
#[derive(Debug)]
pub struct TargetSettings {
    /// The target's name, its key under `package.targets`.
    pub target: &'static str,
    /// The name of its definition in `spec.schema.json` (`KotlinTarget`).
    pub schema_name: &'static str,
    /// The description of its key under `package.targets` (`The Kotlin library.`).
    pub description: &'static str,
    /// The description of its definition (`Settings of the Kotlin target.`).
    pub title: &'static str,
    /// Its settings, in the order they are checked.
    pub settings: &'static [Setting],
}

/// No type name is taken by the setting.
pub fn reserves_nothing(_value: &str) -> Vec<(String, String)> {
    Vec::new()
}

/// The targets' package settings, resolved (as written, or the default): target, then key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Settings(pub BTreeMap<String, BTreeMap<String, String>>);

impl Settings {
    /// The value of `targets.<target>.<key>`; empty when no registered target declares it.
    pub fn get(&self, target: &str, key: &str) -> &str {
        self.0
            .get(target)
            .and_then(|t| t.get(key))
            .map_or("", String::as_str)
    }

    /// Every setting as `(target, key, value)`, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.0.iter().flat_map(|(t, m)| {
            m.iter()
                .map(move |(k, v)| (t.as_str(), k.as_str(), v.as_str()))
        })
    }
}

/// The schema definitions of `package.targets`: `Targets` and one per target, keyed by name.
pub fn schema(targets: &[&TargetSettings]) -> Vec<(String, Value)> {
    let mut properties = serde_json::Map::new();
    let mut defs = Vec::new();
    for t in targets {
        properties.insert(
            t.target.to_owned(),
            json!({
                "anyOf": [{"$ref": format!("#/$defs/{}", t.schema_name)}, {"type": "null"}],
                "description": t.description,
            }),
        );
        let settings: serde_json::Map<String, Value> = t
            .settings
            .iter()
            .map(|s| {
                let v = json!({"description": s.description, "type": ["string", "null"]});
                (s.key.to_owned(), v)
            })
            .collect();
        defs.push((
            t.schema_name.to_owned(),
            json!({
                "additionalProperties": false,
                "description": t.title,
                "properties": settings,
                "type": "object",
            }),
        ));
    }
    defs.push((
        "Targets".to_owned(),
        json!({
            "additionalProperties": false,
            "description": "Per-target package settings. Each one is optional and defaults to a form of `package.name`.",
            "properties": properties,
            "type": "object",
        }),
    ));
    defs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_is_empty_for_an_undeclared_setting() {
        let mut s = Settings::default();
        s.0.entry("kotlin".to_owned())
            .or_default()
            .insert("package".to_owned(), "a.b".to_owned());
        assert_eq!(s.get("kotlin", "package"), "a.b");
        assert_eq!(s.get("kotlin", "other"), "");
        assert_eq!(s.get("swift", "module"), "");
        assert_eq!(s.iter().collect::<Vec<_>>(), [("kotlin", "package", "a.b")]);
    }
}
