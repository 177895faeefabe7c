//! The per-target package settings of `package.targets`: each one as written, or its default
//! derived from `package.name`, checked against the rule its target declares.
//!
//! Which targets and keys exist is the registry's answer ([`crate::NameRules::settings`]): an
//! unknown target or key is reported at its position, in the words of the parser's other
//! unknown-key problems. `model::Package` keeps the resolved values, so generators never see
//! whether a value was written or defaulted, and `antom diff` reports a changed default as a
//! changed setting. A default that breaks its rule is reported at `package.name` with the key
//! that sets it. They live in `package.targets` (one map per target), not at the top level,
//! because exactly one file has the package.

use std::collections::BTreeMap;

use super::{Def, Linter};
use crate::names;
use crate::raw;
use crate::settings::{Setting, Settings};
use crate::span::Sp;

/// The parser's words for a key that is not one of `expected`.
fn unknown_field(key: &str, expected: &[&str]) -> String {
    format!(
        "unknown field `{key}`, expected one of {} (see spec.schema.json)",
        expected.join(", ")
    )
}

impl Linter<'_> {
    /// The target settings of `p`, each resolved and checked: unknown targets and keys are
    /// reported at their key, a bad default at `package.name` with the key that sets it.
    pub(super) fn targets(&mut self, file: &str, p: &raw::Package) -> Settings {
        let declared = self.rules.settings();
        let mut written: BTreeMap<&str, BTreeMap<&str, &Sp<String>>> = BTreeMap::new();
        let names: Vec<&str> = declared.iter().map(|t| t.target).collect();
        for (target, keys) in p.targets.iter().flat_map(|t| t.value.0.iter()) {
            let Some(decl) = declared.iter().find(|t| t.target == target.value) else {
                self.report(file, target.pos, unknown_field(&target.value, &names));
                continue;
            };
            let keys_of: Vec<&str> = decl.settings.iter().map(|s| s.key).collect();
            for (key, value) in keys.iter().flat_map(|k| k.value.0.iter()) {
                if !keys_of.contains(&key.value.as_str()) {
                    self.report(file, key.pos, unknown_field(&key.value, &keys_of));
                } else if let Some(value) = value {
                    written
                        .entry(decl.target)
                        .or_default()
                        .insert(key.value.as_str(), value);
                }
            }
        }
        let mut resolved = Settings::default();
        for decl in &declared {
            for s in decl.settings {
                let value = written.get(decl.target).and_then(|w| w.get(s.key)).copied();
                let key = format!("targets.{}.{}", decl.target, s.key);
                let value = self.setting(file, s, value, &p.name, &key);
                resolved
                    .0
                    .entry(decl.target.to_owned())
                    .or_default()
                    .insert(s.key.to_owned(), value);
            }
        }
        resolved
    }

    /// One setting's value, written or defaulted, reported when its rule rejects it.
    fn setting(
        &mut self,
        file: &str,
        s: &Setting,
        written: Option<&Sp<String>>,
        name: &Sp<String>,
        key: &str,
    ) -> String {
        let (value, pos, message) = match written {
            Some(v) => (
                v.value.clone(),
                v.pos,
                format!("{} `{}` must be {}", s.what, v.value, s.style),
            ),
            None => {
                let value = (s.default)(name);
                let message = format!(
                    "{} `{value}`, the default from the package name, must be {}: set `{key}`",
                    s.what, s.style
                );
                (value, name.pos, message)
            }
        };
        if !(s.valid)(&value) {
            self.report(file, pos, message);
        }
        value
    }

    /// The type names that settings give to the generated code (the Swift target's
    /// Objective-C classes) must not be the name of a spec type (every target spells a type
    /// name in PascalCase).
    pub(super) fn setting_type_names(
        &mut self,
        settings: &Settings,
        enums: &[Def<'_, raw::EnumDef>],
        objects: &[Def<'_, raw::ObjectDef>],
    ) {
        let mut taken: Vec<(String, String, String)> = Vec::new();
        for decl in self.rules.settings() {
            for s in decl.settings {
                let key = format!("targets.{}.{}", decl.target, s.key);
                for (ident, why) in (s.reserves)(settings.get(decl.target, s.key)) {
                    taken.push((ident, why, key.clone()));
                }
            }
        }
        if taken.is_empty() {
            return;
        }
        let all = enums
            .iter()
            .map(|d| (d.file, d.name, "enum"))
            .chain(objects.iter().map(|d| (d.file, d.name, "object")));
        for (file, name, what) in all {
            let ident = names::pascal(name);
            for (_, why, key) in taken.iter().filter(|(t, _, _)| *t == ident) {
                self.report(
                    file,
                    name.pos,
                    format!(
                        "{what} name `{}` is taken: {why}; rename the {what} or set `{key}`",
                        name.value
                    ),
                );
            }
        }
    }
}
