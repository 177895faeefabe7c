//! Checking the merged spec: every naming, reference, type, path and sample rule, while the
//! validated model is built.
//!
//! Decisions:
//! - Names: each is checked against every registered language's rules (`NameRules`, from the
//!   code generator's target registry): a collision after conversion is reported once per pair,
//!   with both places and the languages where the two meet (``both become `FooBar` in Rust,
//!   ...``); names that differ only by case or separators are fine where no target merges them.
//!   A name a language cannot take or a target reserves is reported with the reason it gives.
//! - Event codes and result codes share one namespace: `antom explain CODE`, the catalog's readers
//!   and people look a code up by its name alone (`tests/cases/obstacle_results` gives result
//!   codes the names `obstacle` gives its event codes).
//! - Samples are payloads: each is validated against its `type` with the rules and words of
//!   `antom validate` (`antom_callback`'s validator on `crate::payload`'s tables, read as text
//!   for repeated keys): an error is a problem at the sample's `json`, a warning a lint warning
//!   (`load_with_warnings`; `load` drops them).
//!   Samples are checked once the rest of the spec has no problem (their types must be sound).
//! - `provenance.truncated` names the texts of a code (`description`; `message`, `suggestion`)
//!   that the source cuts off and no other source completes; lint accepts only those names, once
//!   each, and only on codes. Every code target's metadata carries one flag per text, and `antom
//!   diff` does not compare provenance.
//! - Every event code has a `phase` (`Phase::ALL`), required so no code is left out of the docs'
//!   lifecycle.

use std::collections::{BTreeMap, BTreeSet};

use super::{Def, Linter, Names};
use crate::model::*;
use crate::names::{self, Role};
use crate::raw::{self, SpecFile};
use crate::settings::Settings;
use crate::span::{Pos, Sp};
use crate::{Problem, pattern};

fn is_screaming(s: &str) -> bool {
    let mut parts = s.split('_');
    parts
        .next()
        .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_uppercase()))
        && s.split('_').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

fn is_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split('_').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_field_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_enum_value(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// A semantic version (<https://semver.org>), read by the `semver` crate, without build metadata
/// (`+...`): lint has never accepted it in a spec's version.
fn is_semver(s: &str) -> bool {
    semver::Version::parse(s).is_ok_and(|v| v.build.is_empty())
}

impl Linter<'_> {
    pub(super) fn report(&mut self, file: &str, pos: Pos, message: impl Into<String>) {
        self.problems.push(Problem::new(file, pos, message));
    }

    fn text(&mut self, file: &str, what: &str, text: &Sp<String>) -> String {
        if text.value.trim().is_empty() {
            self.report(
                file,
                text.pos,
                format!("{what} is empty: write the text from the source"),
            );
        }
        text.value.clone()
    }

    fn name_style(&mut self, file: &str, name: &Sp<String>, what: &str, ok: bool, style: &str) {
        if !ok {
            self.report(
                file,
                name.pos,
                format!("{what} `{}` must be {style}", name.value),
            );
        }
    }

    pub(super) fn lint(&mut self, files: &[(&str, SpecFile)]) -> Spec {
        let package = self.package(files);
        let sources = self.merge(files, "source", |f| &f.sources);
        let actions = self.merge(files, "action", |f| &f.actions);
        let callbacks = self.merge(files, "callback", |f| &f.callbacks);
        let event_codes = self.merge(files, "event code", |f| &f.event_codes);
        let result_codes = self.merge(files, "result code", |f| &f.result_codes);
        let enums = self.merge(files, "enum", |f| &f.enums);
        let objects = self.merge(files, "object", |f| &f.objects);
        let samples = self.merge(files, "sample", |f| &f.samples);

        let names = Names {
            event_codes: event_codes
                .iter()
                .map(|d| (d.name.value.as_str(), d))
                .collect(),
            result_codes: result_codes.iter().map(|d| d.name.value.as_str()).collect(),
            result_code_defs: result_codes
                .iter()
                .map(|d| (d.name.value.as_str(), d))
                .collect(),
            enums: enums.iter().map(|d| (d.name.value.as_str(), d)).collect(),
            objects: objects.iter().map(|d| (d.name.value.as_str(), d)).collect(),
            actions: actions.iter().map(|d| d.name.value.as_str()).collect(),
            callbacks: callbacks.iter().map(|d| d.name.value.as_str()).collect(),
            sources: sources.iter().map(|d| d.name.value.as_str()).collect(),
        };

        self.type_names(&enums, &objects);
        self.setting_type_names(&package.targets, &enums, &objects);
        self.code_namespace(&event_codes, &result_codes);
        let payload = self.payload(files, &callbacks, &names);
        let spec = Spec {
            package,
            files: {
                let mut f: Vec<String> = files.iter().map(|(f, _)| (*f).to_owned()).collect();
                f.sort();
                f
            },
            sources: sources.iter().map(|d| self.source(d)).collect(),
            actions: actions.iter().map(|d| self.action(d)).collect(),
            callbacks: callbacks.iter().map(|d| self.callback(d, &names)).collect(),
            event_codes: event_codes
                .iter()
                .map(|d| self.event_code(d, &names))
                .collect(),
            result_codes: result_codes
                .iter()
                .map(|d| self.result_code(d, &names))
                .collect(),
            enums: enums.iter().map(|d| self.enumeration(d, &names)).collect(),
            objects: objects.iter().map(|d| self.object(d, &names)).collect(),
            samples: samples.iter().map(|d| self.sample(d, &names)).collect(),
            payload,
        };
        self.variant_collisions("event code", event_codes.iter().map(|d| (d.file, d.name)));
        self.variant_collisions("result code", result_codes.iter().map(|d| (d.file, d.name)));
        self.variant_collisions("action", actions.iter().map(|d| (d.file, d.name)));
        self.variant_collisions("callback", callbacks.iter().map(|d| (d.file, d.name)));
        self.object_cycles(&objects, &names);
        spec
    }

    /// Each definition of the one-per-spec section `section` after the first (`defs`, in file
    /// order) is a problem that names the first.
    fn defined_twice<T>(&mut self, section: &str, defs: &[(&str, &Sp<T>)]) {
        let Some(&(file, first)) = defs.first() else {
            return;
        };
        for (other, p) in &defs[1..] {
            self.report(
                other,
                p.pos,
                format!(
                    "`{section}:` is defined twice: already defined at {file}:{}:{}",
                    first.pos.line, first.pos.column
                ),
            );
        }
    }

    /// The declared payload shape (`payload:`), in at most one file: a callback whose argument
    /// is an object, an `EventCode` field of it as the discriminant, and as the bare payload the
    /// object type of one of its fields.
    fn payload(
        &mut self,
        files: &[(&str, SpecFile)],
        callbacks: &[Def<'_, raw::CallbackDef>],
        names: &Names<'_>,
    ) -> Option<PayloadShape> {
        let defs: Vec<(&str, &Sp<raw::PayloadDef>)> = files
            .iter()
            .filter_map(|(f, s)| s.payload.as_ref().map(|p| (*f, p)))
            .collect();
        let &(file, first) = defs.first()?;
        self.defined_twice("payload", &defs);
        let p = &first.value;
        let Some(callback) = callbacks.iter().find(|c| c.name.value == p.callback.value) else {
            self.report(
                file,
                p.callback.pos,
                format!(
                    "payload callback `{}` is not defined under `callbacks:`",
                    p.callback.value
                ),
            );
            return None;
        };
        let state_name = &callback.def.argument.value;
        // A callback argument that is not an object is reported with the callback.
        let state = names.objects.get(state_name.as_str())?;
        let field = |name: &str| {
            state
                .def
                .fields
                .iter()
                .find(|(k, _)| k.value == name)
                .map(|(_, f)| f)
        };
        match field(&p.discriminant.value) {
            None => self.report(
                file,
                p.discriminant.pos,
                format!(
                    "payload discriminant `{}`: `{state_name}`, the argument of `{}`, has no such field",
                    p.discriminant.value, p.callback.value
                ),
            ),
            Some(f) if f.ty.value != "EventCode" => self.report(
                file,
                p.discriminant.pos,
                format!(
                    "payload discriminant `{}` of `{state_name}` has type `{}`: the discriminant must be an `EventCode` field",
                    p.discriminant.value, f.ty.value
                ),
            ),
            Some(_) => {}
        }
        if let Some(bare) = &p.bare {
            if !names.objects.contains_key(bare.value.as_str()) {
                self.report(
                    file,
                    bare.pos,
                    format!("payload bare `{}` is not an object", bare.value),
                );
            } else if !state
                .def
                .fields
                .iter()
                .any(|(_, f)| f.ty.value == bare.value)
            {
                self.report(
                    file,
                    bare.pos,
                    format!(
                        "payload bare `{}` is the type of no field of `{state_name}`: the bare payload is what the state carries",
                        bare.value
                    ),
                );
            }
        }
        Some(PayloadShape {
            callback: p.callback.value.clone(),
            state: state_name.clone(),
            discriminant: p.discriminant.value.clone(),
            bare: p.bare.as_ref().map(|b| b.value.clone()),
            file: file.to_owned(),
        })
    }

    /// Event codes and result codes share one namespace: `antom explain CODE` and the docs
    /// look a code up by its name alone.
    fn code_namespace(
        &mut self,
        event_codes: &[Def<'_, raw::EventCodeDef>],
        result_codes: &[Def<'_, raw::ResultCodeDef>],
    ) {
        for result in result_codes {
            let Some(event) = event_codes
                .iter()
                .find(|e| e.name.value == result.name.value)
            else {
                continue;
            };
            self.report(
                result.file,
                result.name.pos,
                format!(
                    "result code `{}` has the name of the event code at {}:{}:{}: a code name means one thing, so that `antom explain {}` is never ambiguous; rename one of them",
                    result.name.value,
                    event.file,
                    event.name.pos.line,
                    event.name.pos.column,
                    result.name.value
                ),
            );
        }
    }

    fn package(&mut self, files: &[(&str, SpecFile)]) -> Package {
        let defs: Vec<(&str, &Sp<raw::Package>)> = files
            .iter()
            .filter_map(|(f, s)| s.package.as_ref().map(|p| (*f, p)))
            .collect();
        let Some(&(file, first)) = defs.first() else {
            let file = files.first().map_or("spec", |(f, _)| f);
            self.report(
                file,
                Pos::START,
                "no file defines `package:` (name, version, ...): add it to one file",
            );
            return Package {
                name: String::new(),
                version: String::new(),
                description: String::new(),
                license: None,
                repository: None,
                author: None,
                targets: Settings::default(),
                file: file.to_owned(),
            };
        };
        self.defined_twice("package", &defs);
        let p = &first.value;
        let targets = self.targets(file, p);
        if !is_semver(&p.version) {
            self.report(
                file,
                p.version.pos,
                format!(
                    "version `{}` is not a semantic version such as `1.2.3`",
                    p.version.value
                ),
            );
        }
        let name_ok = p
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !p.name.is_empty();
        if !name_ok {
            self.report(
                file,
                p.name.pos,
                format!(
                    "package name `{}` must be lowercase words joined by `-`",
                    p.name.value
                ),
            );
        }
        if let Some(license) = &p.license
            && !is_spdx_expression(license)
        {
            self.report(
                file,
                license.pos,
                format!(
                    "license `{}` is not an SPDX license expression such as `MIT OR Apache-2.0`",
                    license.value
                ),
            );
        }
        if let Some(repository) = &p.repository
            && !is_https_url(repository)
        {
            self.report(
                file,
                repository.pos,
                format!(
                    "repository `{}` is not an `https://` address without spaces, query or fragment",
                    repository.value
                ),
            );
        }
        Package {
            name: p.name.value.clone(),
            version: p.version.value.clone(),
            description: self.text(file, "the package description", &p.description),
            license: p.license.as_ref().map(|l| l.value.clone()),
            repository: p
                .repository
                .as_ref()
                .map(|r| r.value.trim_end_matches('/').to_owned()),
            author: p
                .author
                .as_ref()
                .map(|a| self.text(file, "the package author", a)),
            targets,
            file: file.to_owned(),
        }
    }

    fn source(&mut self, d: &Def<'_, raw::Source>) -> Source {
        self.name_style(d.file, d.name, "source id", is_snake(d.name), "snake_case");
        Source {
            id: d.name.value.clone(),
            title: self.text(d.file, "the source title", &d.def.title),
            location: d.def.location.as_ref().map(|s| s.value.clone()),
            version: d.def.version.as_ref().map(|s| s.value.clone()),
        }
    }

    fn action(&mut self, d: &Def<'_, raw::ActionDef>) -> Action {
        self.name_style(d.file, d.name, "action", is_snake(d.name), "snake_case");
        Action {
            name: d.name.value.clone(),
            description: self.text(d.file, "the action description", &d.def.description),
        }
    }

    fn provenance(
        &mut self,
        file: &str,
        p: &raw::ProvenanceDef,
        at: Pos,
        names: &Names<'_>,
        texts: &[&str],
    ) -> Provenance {
        if p.sources.is_empty() {
            self.report(
                file,
                at,
                "provenance names no source: list at least one id from `sources`",
            );
        }
        for s in &p.sources {
            if !names.sources.contains(s.value.as_str()) {
                self.report(
                    file,
                    s.pos,
                    format!("unknown source `{}`: define it under `sources`", s.value),
                );
            }
        }
        let mut truncated: Vec<String> = Vec::new();
        for t in &p.truncated {
            if texts.is_empty() {
                self.report(
                    file,
                    t.pos,
                    "`truncated` applies to the texts of event and result codes only",
                );
            } else if !texts.contains(&t.value.as_str()) {
                self.report(
                    file,
                    t.pos,
                    format!(
                        "`truncated` names `{}`, which is not a text of this entry: use {}",
                        t.value,
                        texts
                            .iter()
                            .map(|t| format!("`{t}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                );
            } else if truncated.contains(&t.value) {
                self.report(
                    file,
                    t.pos,
                    format!("`truncated` names `{}` twice", t.value),
                );
            } else {
                truncated.push(t.value.clone());
            }
        }
        Provenance {
            sources: p.sources.iter().map(|s| s.value.clone()).collect(),
            note: p
                .note
                .as_ref()
                .map(|n| self.text(file, "the provenance note", n)),
            unverified: p.unverified,
            truncated,
        }
    }

    fn callback(&mut self, d: &Def<'_, raw::CallbackDef>, names: &Names<'_>) -> Callback {
        self.name_style(d.file, d.name, "callback", is_camel(d.name), "camelCase");
        if !names.objects.contains_key(d.def.argument.value.as_str()) {
            self.report(
                d.file,
                d.def.argument.pos,
                format!(
                    "unknown object `{}`: define it under `objects`",
                    d.def.argument.value
                ),
            );
        }
        Callback {
            name: d.name.value.clone(),
            description: self.text(d.file, "the callback description", &d.def.description),
            argument: d.def.argument.value.clone(),
            provenance: self.provenance(d.file, &d.def.provenance, d.def.pos, names, &[]),
            file: d.file.to_owned(),
        }
    }

    fn action_ref(&mut self, file: &str, action: &Sp<String>, names: &Names<'_>) -> String {
        if !names.actions.contains(action.value.as_str()) {
            let known: Vec<&str> = names.actions.iter().copied().collect();
            self.report(
                file,
                action.pos,
                format!(
                    "unknown action `{}`: use one of {}",
                    action.value,
                    known.join(", ")
                ),
            );
        }
        action.value.clone()
    }

    fn deprecation(
        &mut self,
        file: &str,
        own: &str,
        dep: &Option<Sp<raw::DeprecationDef>>,
        exists: impl Fn(&str) -> bool,
        what: &str,
    ) -> Option<Deprecation> {
        let dep = dep.as_ref()?;
        if let Some(r) = &dep.replaced_by {
            if r.value == own {
                self.report(file, r.pos, format!("`{own}` cannot be replaced by itself"));
            } else if !exists(&r.value) {
                self.report(
                    file,
                    r.pos,
                    format!("`replaced_by` names unknown {what} `{}`", r.value),
                );
            }
        }
        Some(Deprecation {
            replaced_by: dep.replaced_by.as_ref().map(|r| r.value.clone()),
            note: self.text(file, "the deprecation note", &dep.note),
        })
    }

    fn event_code(&mut self, d: &Def<'_, raw::EventCodeDef>, names: &Names<'_>) -> EventCode {
        let (file, c) = (d.file, &d.def.value);
        self.name_style(
            file,
            d.name,
            "event code",
            is_screaming(d.name),
            "SCREAMING_SNAKE_CASE, such as `SDK_PAYMENT_FAIL`",
        );
        if c.callbacks.is_empty() {
            self.report(
                file,
                d.def.pos,
                format!(
                    "event code `{}` lists no callback: name `onEventCallback` or `onError`",
                    d.name.value
                ),
            );
        }
        for cb in &c.callbacks {
            if !names.callbacks.contains(cb.value.as_str()) {
                self.report(
                    file,
                    cb.pos,
                    format!(
                        "unknown callback `{}`: define it under `callbacks`",
                        cb.value
                    ),
                );
            }
        }
        for object in &c.carries {
            if !names.objects.contains_key(object.value.as_str()) {
                self.report(
                    file,
                    object.pos,
                    format!(
                        "unknown object `{}` in `carries`: define it under `objects`",
                        object.value
                    ),
                );
            }
        }
        let mut messages = Vec::new();
        for m in &c.messages {
            messages.push(self.text(file, "a known message", m));
        }
        let mut callbacks: Vec<String> = c.callbacks.iter().map(|s| s.value.clone()).collect();
        callbacks.sort();
        callbacks.dedup();
        let mut carries: Vec<String> = c.carries.iter().map(|s| s.value.clone()).collect();
        carries.sort();
        carries.dedup();
        messages.sort();
        messages.dedup();
        EventCode {
            code: d.name.value.clone(),
            kind: c.kind.value,
            phase: c.phase.value,
            callbacks,
            description: self.text(file, "the description", &c.description),
            action: self.action_ref(file, &c.action, names),
            outcome: c.outcome.as_ref().map(|o| o.value),
            carries,
            messages,
            deprecated: self.deprecation(
                file,
                d.name,
                &c.deprecated,
                |r| names.event_codes.contains_key(r),
                "event code",
            ),
            provenance: self.provenance(file, &c.provenance, d.def.pos, names, &["description"]),
            file: file.to_owned(),
        }
    }

    fn result_code(&mut self, d: &Def<'_, raw::ResultCodeDef>, names: &Names<'_>) -> ResultCode {
        let (file, c) = (d.file, &d.def.value);
        self.name_style(
            file,
            d.name,
            "result code",
            is_screaming(d.name),
            "SCREAMING_SNAKE_CASE, such as `RISK_REJECT`",
        );
        ResultCode {
            code: d.name.value.clone(),
            message: self.text(file, "the message", &c.message),
            suggestion: self.text(file, "the suggestion", &c.suggestion),
            action: self.action_ref(file, &c.action, names),
            outcome: c.outcome.as_ref().map(|o| o.value),
            deprecated: self.deprecation(
                file,
                d.name,
                &c.deprecated,
                |r| names.result_codes.contains(r),
                "result code",
            ),
            provenance: self.provenance(
                file,
                &c.provenance,
                d.def.pos,
                names,
                &["message", "suggestion"],
            ),
            file: file.to_owned(),
        }
    }

    fn type_names(&mut self, enums: &[Def<'_, raw::EnumDef>], objects: &[Def<'_, raw::ObjectDef>]) {
        let mut all: Vec<(&str, &Sp<String>, &str)> = Vec::new();
        all.extend(enums.iter().map(|d| (d.file, d.name, "enum")));
        all.extend(objects.iter().map(|d| (d.file, d.name, "object")));
        all.sort_by_key(|(file, name, _)| (*file, name.pos));
        let mut seen: BTreeMap<String, (&str, &Sp<String>)> = BTreeMap::new();
        for (file, name, what) in all {
            self.name_style(
                file,
                name,
                &format!("{what} name"),
                is_pascal(name),
                "PascalCase, such as `CardPaymentResultInfo`",
            );
            let languages = self.rules.languages();
            if let Some(reserved) = self.rules.reserved(Role::Type, name) {
                self.report(file, name.pos, format!("{what} {reserved}"));
            } else if let Some((lang, why)) = languages
                .iter()
                .find_map(|lang| lang.unusable(Role::Type, name).map(|why| (lang, why)))
            {
                self.report(
                    file,
                    name.pos,
                    format!(
                        "{what} `{}` cannot be generated in {}: {why}; rename it",
                        name.value,
                        lang.language()
                    ),
                );
            }
            if let Some((first_file, first)) = seen.get(&names::pascal(name)) {
                if first.value != name.value {
                    self.report(
                        file,
                        name.pos,
                        format!(
                            "{what} name `{}` collides with `{}` at {first_file}:{}:{}: both become `{}` in every target; rename one of them",
                            name.value,
                            first.value,
                            first.pos.line,
                            first.pos.column,
                            names::pascal(name)
                        ),
                    );
                }
            } else {
                seen.insert(names::pascal(name), (file, name));
            }
        }
    }

    /// Reports names of one namespace that become the same identifier in some target: once per
    /// pair, naming every language where they collide and where the other name is; and names
    /// that some target cannot take at all.
    fn collisions<'a>(
        &mut self,
        what: &str,
        role: Role,
        items: impl Iterator<Item = (&'a str, &'a Sp<String>)>,
    ) {
        let mut items: Vec<(&str, &Sp<String>)> = items.collect();
        items.sort_by_key(|(file, name)| (*file, name.pos));
        let languages = self.rules.languages();
        for (file, name) in &items {
            for lang in &languages {
                if let Some(why) = lang.unusable(role, name) {
                    self.report(
                        file,
                        name.pos,
                        format!(
                            "{what} `{}` cannot be generated in {}: {why}; rename it",
                            name.value,
                            lang.language()
                        ),
                    );
                }
            }
        }
        // (file, later name, first name) -> where the first is, and the languages and identifiers
        type Found<'k> = BTreeMap<(&'k str, Pos, &'k str, &'k str), (String, Vec<String>)>;
        let mut found: Found<'_> = BTreeMap::new();
        for lang in &languages {
            let mut seen: BTreeMap<String, (&str, &Sp<String>)> = BTreeMap::new();
            for (file, name) in &items {
                let ident = lang.ident(role, name);
                match seen.get(&ident) {
                    Some((first_file, first)) => found
                        .entry((file, name.pos, name.value.as_str(), first.value.as_str()))
                        .or_insert_with(|| {
                            (
                                format!("{first_file}:{}:{}", first.pos.line, first.pos.column),
                                Vec::new(),
                            )
                        })
                        .1
                        .push(format!("`{ident}` in {}", lang.language())),
                    None => {
                        seen.insert(ident, (file, name));
                    }
                }
            }
        }
        for ((file, pos, name, first), (at, langs)) in found {
            self.report(
                file,
                pos,
                format!(
                    "{what} `{name}` collides with `{first}` at {at}: both become {}; rename one of them",
                    langs.join(", ")
                ),
            );
        }
    }

    fn variant_collisions<'a>(
        &mut self,
        what: &str,
        items: impl Iterator<Item = (&'a str, &'a Sp<String>)>,
    ) {
        let items: Vec<(&str, &Sp<String>)> = items.collect();
        for (file, name) in &items {
            if let Some(reserved) = self.rules.reserved(Role::Variant, name) {
                self.report(file, name.pos, format!("{what} {reserved}"));
            }
        }
        self.collisions(what, Role::Variant, items.into_iter());
    }

    fn enumeration(&mut self, d: &Def<'_, raw::EnumDef>, names: &Names<'_>) -> Enum {
        let (file, e) = (d.file, &d.def.value);
        if e.values.is_empty() {
            self.report(
                file,
                d.def.pos,
                format!(
                    "enum `{}` has no values: add at least one under `values:`",
                    d.name.value
                ),
            );
        }
        let value_names: BTreeSet<&str> = e.values.iter().map(|(k, _)| k.value.as_str()).collect();
        let mut values = Vec::new();
        for (value, def) in e.values.iter() {
            self.name_style(
                file,
                value,
                "enum value",
                is_enum_value(value),
                "letters, digits, `_`, `-` or `.`, starting with a letter or digit",
            );
            values.push(EnumValue {
                value: value.value.clone(),
                description: def
                    .description
                    .as_ref()
                    .map(|t| self.text(file, "the value description", t)),
                outcome: def.outcome.as_ref().map(|o| o.value),
                deprecated: self.deprecation(
                    file,
                    value,
                    &def.deprecated,
                    |r| value_names.contains(r),
                    "value",
                ),
            });
        }
        self.variant_collisions(
            &format!("value of `{}`", d.name.value),
            e.values.iter().map(|(k, _)| (file, k)),
        );
        values.sort_by(|a, b| a.value.cmp(&b.value));
        Enum {
            name: d.name.value.clone(),
            description: self.text(file, "the description", &e.description),
            values,
            provenance: e
                .provenance
                .as_ref()
                .map(|p| self.provenance(file, p, d.def.pos, names, &[])),
            file: file.to_owned(),
        }
    }

    fn field_type(&mut self, file: &str, ty: &Sp<String>, names: &Names<'_>) -> FieldType {
        let resolved = type_of(&ty.value, names);
        if matches!(&resolved, FieldType::Object(name) if !names.objects.contains_key(name.as_str()))
        {
            self.report(
                file,
                ty.pos,
                format!("unknown type `{}`: use `string`, `any`, `EventCode`, `PaymentResultCode`, or an enum or object defined in the spec", ty.value),
            );
            return FieldType::Any;
        }
        resolved
    }

    /// Wire values a field may hold, when it is an enumeration.
    fn known_values<'a>(&self, ty: &FieldType, names: &'a Names<'a>) -> Vec<&'a str> {
        match ty {
            FieldType::EventCode => names.event_codes.keys().copied().collect(),
            FieldType::PaymentResultCode => names.result_codes.iter().copied().collect(),
            FieldType::Enum(e) => names.enums.get(e.as_str()).map_or_else(Vec::new, |d| {
                d.def.values.iter().map(|(k, _)| k.value.as_str()).collect()
            }),
            _ => Vec::new(),
        }
    }

    fn field(
        &mut self,
        file: &str,
        name: &Sp<String>,
        f: &Sp<raw::FieldDef>,
        field_names: &BTreeSet<&str>,
        names: &Names<'_>,
    ) -> Field {
        self.name_style(
            file,
            name,
            "field",
            is_field_name(name),
            "a JSON key of letters, digits and `_`, starting with a letter",
        );
        let ty = self.field_type(file, &f.ty, names);
        if let Some(max) = &f.max_length {
            if max.value == 0 {
                self.report(
                    file,
                    max.pos,
                    "max_length must be at least 1: remove it if the length is unbounded",
                );
            } else if !ty.is_string_like() {
                self.report(
                    file,
                    max.pos,
                    format!(
                        "max_length applies to string and enum fields, not to `{}`",
                        f.ty.value
                    ),
                );
            } else {
                for value in self.known_values(&ty, names) {
                    let len = value.chars().count() as u64;
                    if len > max.value {
                        self.report(
                            file,
                            max.pos,
                            format!("known value `{value}` is {len} characters long, more than max_length {}", max.value),
                        );
                    }
                }
            }
        }
        if let Some(p) = &f.pattern {
            if ty != FieldType::String {
                self.report(
                    file,
                    p.pos,
                    format!(
                        "pattern applies to `string` fields, not to `{}`",
                        f.ty.value
                    ),
                );
            } else if let Err(e) = pattern::check(p) {
                let why = match e.reason {
                    pattern::Reason::NotPortable => "is not portable",
                    _ => "can backtrack catastrophically",
                };
                self.report(
                    file,
                    p.pos,
                    format!(
                        "pattern `{}` {why} at character {}: {}",
                        p.value,
                        e.offset + 1,
                        e.message
                    ),
                );
            }
        }
        if let Some(format) = &f.format
            && f.pattern.is_none()
        {
            self.report(
                file,
                format.pos,
                "format describes a pattern: add `pattern` or remove `format`",
            );
        }
        if f.sensitive && !ty.is_string_like() {
            self.report(
                file,
                f.pos,
                format!("only string fields can be sensitive, not `{}`", f.ty.value),
            );
        }
        Field {
            name: name.value.clone(),
            ty,
            required: f.required,
            max_length: f.max_length.as_ref().map(|m| m.value),
            pattern: f.pattern.as_ref().map(|p| p.value.clone()),
            format: f.format.as_ref().map(|t| self.text(file, "the format", t)),
            sensitive: f.sensitive,
            description: self.text(file, "the description", &f.description),
            deprecated: self.deprecation(
                file,
                name,
                &f.deprecated,
                |r| field_names.contains(r),
                "field",
            ),
            provenance: f
                .provenance
                .as_ref()
                .map(|p| self.provenance(file, p, f.pos, names, &[])),
        }
    }

    fn object(&mut self, d: &Def<'_, raw::ObjectDef>, names: &Names<'_>) -> Object {
        let (file, o) = (d.file, &d.def.value);
        if o.fields.is_empty() {
            self.report(
                file,
                d.def.pos,
                format!(
                    "object `{}` has no fields: add at least one under `fields:`",
                    d.name.value
                ),
            );
        }
        let field_names: BTreeSet<&str> = o.fields.iter().map(|(k, _)| k.value.as_str()).collect();
        let mut fields: Vec<Field> = o
            .fields
            .iter()
            .map(|(k, f)| self.field(file, k, f, &field_names, names))
            .collect();
        self.collisions(
            &format!("field of `{}`", d.name.value),
            Role::Field,
            o.fields.iter().map(|(k, _)| (file, k)),
        );
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        let checks = o
            .checks
            .iter()
            .map(|c| self.check(file, d.name, c, names))
            .collect();
        Object {
            name: d.name.value.clone(),
            description: self.text(file, "the description", &o.description),
            fields,
            checks,
            provenance: o
                .provenance
                .as_ref()
                .map(|p| self.provenance(file, p, d.def.pos, names, &[])),
            file: file.to_owned(),
        }
    }

    /// Resolves a `/`-separated path against an object: each step's index and name, and the type
    /// the path ends on.
    fn resolve_path(
        &mut self,
        file: &str,
        object: &str,
        path: &Sp<String>,
        names: &Names<'_>,
    ) -> Option<CheckPath> {
        let mut current = object.to_owned();
        let mut steps: Vec<PathStep> = Vec::new();
        let mut ty = None;
        for segment in path.value.split('/') {
            let Some(obj) = names.objects.get(current.as_str()) else {
                let through: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
                self.report(
                    file,
                    path.pos,
                    format!(
                        "path `{}` goes through `{}`, which is not an object",
                        path.value,
                        through.join("/")
                    ),
                );
                return None;
            };
            let Some((_, field)) = obj.def.fields.iter().find(|(k, _)| k.value == segment) else {
                self.report(
                    file,
                    path.pos,
                    format!(
                        "path `{}`: `{current}` has no field `{segment}`",
                        path.value
                    ),
                );
                return None;
            };
            // The model sorts an object's fields by name, and names are unique.
            let index = obj
                .def
                .fields
                .iter()
                .filter(|(k, _)| k.value.as_str() < segment)
                .count();
            steps.push(PathStep {
                index,
                name: segment.to_owned(),
            });
            current = field.ty.value.clone();
            ty = Some(type_of(&field.ty.value, names));
        }
        ty.map(|ty| CheckPath { steps, ty })
    }

    fn has_outcomes(&self, ty: &FieldType, names: &Names<'_>) -> bool {
        match ty {
            FieldType::EventCode => names.event_codes.values().any(|d| d.def.outcome.is_some()),
            FieldType::PaymentResultCode => names
                .result_code_defs
                .values()
                .any(|d| d.def.outcome.is_some()),
            FieldType::Enum(e) => names
                .enums
                .get(e.as_str())
                .is_some_and(|d| d.def.values.iter().any(|(_, v)| v.outcome.is_some())),
            _ => false,
        }
    }

    fn check(
        &mut self,
        file: &str,
        object: &Sp<String>,
        c: &Sp<raw::CheckDef>,
        names: &Names<'_>,
    ) -> Check {
        self.name_style(file, &c.rule, "rule", is_snake(&c.rule), "snake_case");
        let mut paths = Vec::new();
        for path in &c.fields {
            let Some(resolved) = self.resolve_path(file, object, path, names) else {
                continue;
            };
            let ty = &resolved.ty;
            match c.kind.value {
                raw::CheckKind::DigitsSuffix if *ty != FieldType::String => {
                    self.report(
                        file,
                        path.pos,
                        format!(
                            "digits_suffix compares string fields; `{}` is not one",
                            path.value
                        ),
                    );
                }
                raw::CheckKind::SameOutcome if !self.has_outcomes(ty, names) => {
                    self.report(file, path.pos, format!("same_outcome needs enumerations whose values have an `outcome`; `{}` has none", path.value));
                }
                _ => {}
            }
            paths.push(resolved);
        }
        let wanted = match c.kind.value {
            raw::CheckKind::DigitsSuffix => c.fields.len() == 2,
            raw::CheckKind::SameOutcome => c.fields.len() >= 2,
        };
        if !wanted {
            self.report(
                file,
                c.pos,
                "digits_suffix takes exactly two fields and same_outcome at least two",
            );
        }
        Check {
            rule: c.rule.value.clone(),
            kind: c.kind.value,
            fields: paths
                .iter()
                .map(|p| p.steps.iter().map(|s| s.name.clone()).collect())
                .collect(),
            message: self.text(file, "the check message", &c.message),
            paths,
        }
    }

    fn sample(&mut self, d: &Def<'_, raw::SampleDef>, names: &Names<'_>) -> Sample {
        let (file, s) = (d.file, &d.def.value);
        self.name_style(file, d.name, "sample", is_snake(d.name), "snake_case");
        if !names.objects.contains_key(s.ty.value.as_str()) {
            self.report(
                file,
                s.ty.pos,
                format!(
                    "unknown object `{}`: a sample's type must be an object",
                    s.ty.value
                ),
            );
        }
        self.samples
            .push((d.name.value.clone(), file.to_owned(), s.json.pos));
        match serde_json::from_str::<serde_json::Value>(&s.json) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => self.report(file, s.json.pos, "the sample must be a JSON object"),
            Err(e) => self.report(
                file,
                s.json.pos,
                format!("the sample is not valid JSON: {e}"),
            ),
        }
        Sample {
            name: d.name.value.clone(),
            description: self.text(file, "the description", &s.description),
            ty: s.ty.value.clone(),
            json: s.json.value.clone(),
            provenance: self.provenance(file, &s.provenance, d.def.pos, names, &[]),
        }
    }

    /// Validates every sample against its type as `antom validate` does: its errors are
    /// problems, its warnings are warnings, each at the sample's `json`. A key that an object of
    /// the sample repeats is reported at its second appearance: an error when it is a sensitive
    /// field or an object that holds one at any depth, or when one of its values holds a
    /// sensitive field's name or a card number at any depth (the docs would publish the value
    /// the parsed sample hides), a warning otherwise.
    pub(super) fn sample_payloads(&mut self, spec: &Spec, files: &[crate::SourceFile]) {
        let arena = crate::payload::TableArena::default();
        let tables = crate::payload::Tables::new(spec, &arena);
        for sample in &spec.samples {
            let Some((_, file, pos)) = self.samples.iter().find(|(n, _, _)| *n == sample.name)
            else {
                continue;
            };
            let (file, pos) = (file.clone(), *pos);
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&sample.json) else {
                continue;
            };
            let Some(schema) = tables.object(&sample.ty) else {
                continue;
            };
            let mut issues: Vec<(antom_callback::Issue, Pos)> =
                antom_callback::validate_as(schema, &value)
                    .issues
                    .into_iter()
                    .map(|issue| (issue, pos))
                    .collect();
            let source = files
                .iter()
                .find(|f| f.path == file)
                .and_then(|f| std::str::from_utf8(&f.bytes).ok())
                .unwrap_or_default();
            for repeated in super::json_keys::repeated_keys(&sample.json) {
                let at = super::json_keys::source_pos(source, pos, &sample.json, repeated.offset)
                    .unwrap_or(pos);
                let values = repeated.values(&sample.json);
                let values: Vec<&serde_json::Value> = values.iter().collect();
                let issue =
                    antom_callback::validate::duplicate_key(schema, &repeated.path, &values);
                issues.push((issue, at));
            }
            for (issue, at_pos) in issues {
                let message = format!(
                    "sample `{}` ({}) at {}: {} [{}]",
                    sample.name,
                    sample.ty,
                    issue.shown_path(),
                    issue.message(),
                    issue.rule()
                );
                let problem = Problem::new(&file, at_pos, message);
                match issue.severity() {
                    antom_callback::Severity::Error => self.problems.push(problem),
                    antom_callback::Severity::Warning => self.warnings.push(problem),
                }
            }
        }
    }

    /// Objects may not contain themselves: no target could give them a finite layout.
    fn object_cycles(&mut self, objects: &[Def<'_, raw::ObjectDef>], names: &Names<'_>) {
        for start in objects {
            let mut stack: Vec<&str> = vec![start.name.value.as_str()];
            let mut seen = BTreeSet::new();
            while let Some(current) = stack.pop() {
                let Some(def) = names.objects.get(current) else {
                    continue;
                };
                for (_, field) in def.def.fields.iter() {
                    let target = field.ty.value.as_str();
                    if target == start.name.value {
                        self.report(start.file, start.name.pos, format!("object `{}` contains itself through `{current}`: objects may not nest recursively", start.name.value));
                        return;
                    }
                    if names.objects.contains_key(target) && seen.insert(target) {
                        stack.push(target);
                    }
                }
            }
        }
    }
}

/// The type a field's `type:` names. A name that is neither built in nor an enum is taken as an
/// object; [`Linter::field_type`] reports the ones that are not.
fn type_of(name: &str, names: &Names<'_>) -> FieldType {
    match name {
        "string" => FieldType::String,
        "any" => FieldType::Any,
        "EventCode" => FieldType::EventCode,
        "PaymentResultCode" => FieldType::PaymentResultCode,
        n if names.enums.contains_key(n) => FieldType::Enum(n.to_owned()),
        n => FieldType::Object(n.to_owned()),
    }
}

/// An SPDX license expression: license ids (letters, digits, `.`, `-`, `+`) joined by `AND`,
/// `OR` and `WITH`, with parentheses.
fn is_spdx_expression(s: &str) -> bool {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0i32;
    let mut expect_id = true;
    for word in spaced.split_whitespace() {
        match word {
            "(" if expect_id => depth += 1,
            ")" if !expect_id && depth > 0 => depth -= 1,
            "AND" | "OR" | "WITH" if !expect_id => expect_id = true,
            id if expect_id
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')) =>
            {
                expect_id = false;
            }
            _ => return false,
        }
    }
    depth == 0 && !expect_id
}

/// An `https://` address with a host, no whitespace, query or fragment.
fn is_https_url(s: &str) -> bool {
    s.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split('/').next().unwrap_or_default();
        !host.is_empty()
            && !rest.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::is_semver;

    #[test]
    fn semantic_versions() {
        for (text, valid) in [
            ("1.2.3", true),
            ("0.0.0", true),
            ("1.0.0-rc.1", true),
            ("1.0.0-alpha-1.x.0", true),
            ("1.0", false),
            ("1.2.3.4", false),
            ("01.2.3", false),
            ("1.2.3-", false),
            ("1.2.3-a..b", false),
            ("1.2.3-a_b", false),
            (" 1.2.3", false),
            // Build metadata is not accepted in a spec's version.
            ("1.2.3+build", false),
            ("1.2.3-rc.1+build", false),
            // A numeric pre-release identifier has no leading zero.
            ("1.0.0-01", false),
            // Each number fits in 64 bits.
            ("18446744073709551616.0.0", false),
        ] {
            assert_eq!(is_semver(text), valid, "{text}");
        }
    }
}
