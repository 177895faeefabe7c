//! Compatibility of two specs, for `antom diff`: every change, whether it breaks SDK users, and
//! the semantic-version bump it needs.
//!
//! Breaking: removing or renaming a code, an enumeration, a value, an object or a field;
//! changing a field's type; narrowing `max_length`; adding or changing a pattern; making a
//! field required; changing an event code's kind; removing a callback from a code; renaming
//! a package. Compatible (minor): additions, loosened constraints, deprecations, new actions.
//! Compatible (patch): text changes (descriptions, messages, suggestions, notes, provenance)
//! and an event code's lifecycle phase, which only the docs and the catalog show.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::*;

/// The semantic-version bump a change needs, ordered from none to major.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Deprecated,
    Undeprecated,
}

/// One difference between the specs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// Where, as `section/name[/...]`: `event_codes/SDK_PAYMENT_FAIL`,
    /// `objects/CardPaymentResultInfo/fields/cardNo/max_length`.
    pub path: String,
    pub breaking: bool,
    #[serde(skip)]
    pub bump: Bump,
    pub message: String,
}

/// Whether the new spec's `version` was raised enough.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    pub old: String,
    pub new: String,
    /// The bump between the two versions.
    pub bumped: Bump,
    /// The bump the changes need.
    pub needed: Bump,
    /// The new version is at least the old one raised by `needed`, and not lower than the old.
    pub sufficient: bool,
    /// The new version is lower than the old one: an error whatever else changed.
    pub lowered: bool,
    /// The lowest version that would be enough: the old one raised by `needed`.
    pub enough: String,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub breaking: bool,
    pub bump: Bump,
    pub changes: Vec<Change>,
    pub version: VersionCheck,
}

struct Diff {
    changes: Vec<Change>,
}

impl Diff {
    fn push(&mut self, kind: ChangeKind, path: String, bump: Bump, message: String) {
        self.changes.push(Change {
            kind,
            path,
            breaking: bump == Bump::Major,
            bump,
            message,
        });
    }

    fn text(&mut self, path: String, what: &str, old: &str, new: &str) {
        if old != new {
            self.push(
                ChangeKind::Changed,
                path,
                Bump::Patch,
                format!("{what} changed"),
            );
        }
    }

    fn deprecation(
        &mut self,
        path: &str,
        name: &str,
        old: &Option<Deprecation>,
        new: &Option<Deprecation>,
    ) {
        match (old, new) {
            (None, Some(d)) => {
                let by = d
                    .replaced_by
                    .as_deref()
                    .map(|r| format!(", replaced by `{r}`"))
                    .unwrap_or_default();
                self.push(
                    ChangeKind::Deprecated,
                    path.to_owned(),
                    Bump::Minor,
                    format!("`{name}` deprecated{by}"),
                );
            }
            (Some(_), None) => {
                self.push(
                    ChangeKind::Undeprecated,
                    path.to_owned(),
                    Bump::Minor,
                    format!("`{name}` is no longer deprecated"),
                );
            }
            (Some(a), Some(b)) if a != b => {
                self.push(
                    ChangeKind::Changed,
                    format!("{path}/deprecated"),
                    Bump::Patch,
                    format!("deprecation of `{name}` changed"),
                );
            }
            _ => {}
        }
    }

    /// Pairs items of two sorted lists by name and calls back for removed, added and kept ones.
    fn pairs<'a, T: Named>(
        &mut self,
        section: &str,
        what: &str,
        old: &'a [T],
        new: &'a [T],
        mut both: impl FnMut(&mut Diff, String, &'a T, &'a T),
    ) {
        let old_by: BTreeMap<&str, &T> = old.iter().map(|t| (t.name(), t)).collect();
        let new_by: BTreeMap<&str, &T> = new.iter().map(|t| (t.name(), t)).collect();
        for (n, o) in &old_by {
            let path = format!("{section}/{n}");
            match new_by.get(n) {
                Some(nw) => both(self, path, o, nw),
                None => {
                    let note = if o.deprecated() {
                        String::new()
                    } else {
                        " without being deprecated first".to_owned()
                    };
                    self.push(
                        ChangeKind::Removed,
                        path,
                        Bump::Major,
                        format!("{what} `{n}` removed{note}"),
                    );
                }
            }
        }
        for n in new_by.keys().filter(|n| !old_by.contains_key(*n)) {
            self.push(
                ChangeKind::Added,
                format!("{section}/{n}"),
                Bump::Minor,
                format!("{what} `{n}` added"),
            );
        }
    }
}

/// A named item of the spec, paired by name between the two versions.
trait Named {
    fn name(&self) -> &str;
    fn deprecated(&self) -> bool {
        false
    }
}

macro_rules! named {
    ($($t:ty => $name:ident, $dep:expr;)*) => {$(
        impl Named for $t {
            fn name(&self) -> &str {
                &self.$name
            }
            fn deprecated(&self) -> bool {
                let f: fn(&$t) -> bool = $dep;
                f(self)
            }
        }
    )*};
}

named! {
    Action => name, |_| false;
    Callback => name, |_| false;
    EventCode => code, |c| c.deprecated.is_some();
    ResultCode => code, |c| c.deprecated.is_some();
    Enum => name, |_| false;
    EnumValue => value, |v| v.deprecated.is_some();
    Object => name, |_| false;
    Field => name, |f| f.deprecated.is_some();
    // Samples are documentation: a removal is reported as if announced.
    Sample => name, |_| true;
}

fn type_name(t: &FieldType) -> String {
    match t {
        FieldType::String => "string".to_owned(),
        FieldType::Any => "any".to_owned(),
        FieldType::EventCode => "EventCode".to_owned(),
        FieldType::PaymentResultCode => "PaymentResultCode".to_owned(),
        FieldType::Enum(n) | FieldType::Object(n) => n.clone(),
    }
}

fn field(d: &mut Diff, path: String, o: &Field, n: &Field) {
    if o.ty != n.ty {
        d.push(
            ChangeKind::Changed,
            format!("{path}/type"),
            Bump::Major,
            format!(
                "type of `{}` changed from `{}` to `{}`",
                o.name,
                type_name(&o.ty),
                type_name(&n.ty)
            ),
        );
    }
    match (o.required, n.required) {
        (false, true) => d.push(
            ChangeKind::Changed,
            format!("{path}/required"),
            Bump::Major,
            format!("`{}` became required", o.name),
        ),
        (true, false) => d.push(
            ChangeKind::Changed,
            format!("{path}/required"),
            Bump::Minor,
            format!("`{}` became optional", o.name),
        ),
        _ => {}
    }
    match (o.max_length, n.max_length) {
        (Some(a), Some(b)) if b < a => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Major,
            format!("max_length of `{}` narrowed from {a} to {b}", o.name),
        ),
        (None, Some(b)) => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Major,
            format!("max_length {b} added to `{}`", o.name),
        ),
        (Some(a), Some(b)) if b > a => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Minor,
            format!("max_length of `{}` widened from {a} to {b}", o.name),
        ),
        (Some(a), None) => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Minor,
            format!("max_length {a} removed from `{}`", o.name),
        ),
        _ => {}
    }
    match (&o.pattern, &n.pattern) {
        (None, Some(p)) => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Major,
            format!("pattern `{p}` added to `{}`", o.name),
        ),
        (Some(a), Some(b)) if a != b => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Major,
            format!(
                "pattern of `{}` changed from `{a}` to `{b}`: values valid before may now fail",
                o.name
            ),
        ),
        (Some(a), None) => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Minor,
            format!("pattern `{a}` removed from `{}`", o.name),
        ),
        _ => {}
    }
    match (o.sensitive, n.sensitive) {
        (true, false) => d.push(
            ChangeKind::Changed,
            format!("{path}/sensitive"),
            Bump::Major,
            format!(
                "`{}` is no longer sensitive: every SDK would show its value in logs and debug output",
                o.name
            ),
        ),
        (false, true) => d.push(
            ChangeKind::Changed,
            format!("{path}/sensitive"),
            Bump::Minor,
            format!("`{}` is now sensitive: SDKs redact its value", o.name),
        ),
        _ => {}
    }
    d.text(
        format!("{path}/description"),
        &format!("description of `{}`", o.name),
        &o.description,
        &n.description,
    );
    d.text(
        format!("{path}/format"),
        &format!("format of `{}`", o.name),
        o.format.as_deref().unwrap_or(""),
        n.format.as_deref().unwrap_or(""),
    );
    d.deprecation(&path, &o.name, &o.deprecated, &n.deprecated);
}

/// Compares two validated specs.
pub fn compare(old: &Spec, new: &Spec) -> Report {
    let mut d = Diff {
        changes: Vec::new(),
    };
    let (op, np) = (&old.package, &new.package);
    for (what, a, b) in [
        ("package name", &op.name, &np.name),
        ("npm_name", &op.npm_name, &np.npm_name),
        ("kotlin_package", &op.kotlin_package, &np.kotlin_package),
        ("swift_module", &op.swift_module, &np.swift_module),
        ("objc_prefix", &op.objc_prefix, &np.objc_prefix),
    ] {
        if a != b {
            d.push(
                ChangeKind::Changed,
                format!("package/{what}"),
                Bump::Major,
                format!("{what} changed from `{a}` to `{b}`"),
            );
        }
    }
    d.text(
        "package/description".to_owned(),
        "package description",
        &op.description,
        &np.description,
    );

    d.pairs(
        "actions",
        "action",
        &old.actions,
        &new.actions,
        |d, path, o, n| {
            d.text(
                format!("{path}/description"),
                "action description",
                &o.description,
                &n.description,
            );
        },
    );
    d.pairs(
        "callbacks",
        "callback",
        &old.callbacks,
        &new.callbacks,
        |d, path, o, n| {
            if o.argument != n.argument {
                d.push(
                    ChangeKind::Changed,
                    format!("{path}/argument"),
                    Bump::Major,
                    format!("argument of `{}` changed", o.name),
                );
            }
            d.text(
                format!("{path}/description"),
                "callback description",
                &o.description,
                &n.description,
            );
        },
    );
    d.pairs(
        "event_codes",
        "event code",
        &old.event_codes,
        &new.event_codes,
        |d, path, o, n| {
            if o.kind != n.kind {
                d.push(
                    ChangeKind::Changed,
                    format!("{path}/kind"),
                    Bump::Major,
                    format!("kind of `{}` changed", o.code),
                );
            }
            if o.phase != n.phase {
                // Only the docs and the catalog show the phase: no generated type changes.
                d.push(
                    ChangeKind::Changed,
                    format!("{path}/phase"),
                    Bump::Patch,
                    format!(
                        "phase of `{}` changed from `{}` to `{}`",
                        o.code,
                        o.phase.as_str(),
                        n.phase.as_str()
                    ),
                );
            }
            for cb in o.callbacks.iter().filter(|c| !n.callbacks.contains(c)) {
                d.push(
                    ChangeKind::Removed,
                    format!("{path}/callbacks/{cb}"),
                    Bump::Major,
                    format!("`{}` no longer delivered to `{cb}`", o.code),
                );
            }
            for cb in n.callbacks.iter().filter(|c| !o.callbacks.contains(c)) {
                d.push(
                    ChangeKind::Added,
                    format!("{path}/callbacks/{cb}"),
                    Bump::Minor,
                    format!("`{}` also delivered to `{cb}`", o.code),
                );
            }
            if o.action != n.action {
                d.push(
                    ChangeKind::Changed,
                    format!("{path}/action"),
                    Bump::Minor,
                    format!(
                        "action of `{}` changed from `{}` to `{}`",
                        o.code, o.action, n.action
                    ),
                );
            }
            if o.outcome != n.outcome || o.carries != n.carries || o.messages != n.messages {
                d.push(
                    ChangeKind::Changed,
                    path.clone(),
                    Bump::Minor,
                    format!(
                        "outcome, carried objects or known messages of `{}` changed",
                        o.code
                    ),
                );
            }
            d.text(
                format!("{path}/description"),
                &format!("description of `{}`", o.code),
                &o.description,
                &n.description,
            );
            d.deprecation(&path, &o.code, &o.deprecated, &n.deprecated);
        },
    );
    d.pairs(
        "result_codes",
        "result code",
        &old.result_codes,
        &new.result_codes,
        |d, path, o, n| {
            d.text(
                format!("{path}/message"),
                &format!("message of `{}`", o.code),
                &o.message,
                &n.message,
            );
            d.text(
                format!("{path}/suggestion"),
                &format!("suggestion of `{}`", o.code),
                &o.suggestion,
                &n.suggestion,
            );
            if o.action != n.action || o.outcome != n.outcome {
                d.push(
                    ChangeKind::Changed,
                    format!("{path}/action"),
                    Bump::Minor,
                    format!("action or outcome of `{}` changed", o.code),
                );
            }
            d.deprecation(&path, &o.code, &o.deprecated, &n.deprecated);
        },
    );
    d.pairs(
        "enums",
        "enumeration",
        &old.enums,
        &new.enums,
        |d, path, o, n| {
            d.text(
                format!("{path}/description"),
                &format!("description of `{}`", o.name),
                &o.description,
                &n.description,
            );
            d.pairs(
                &format!("{path}/values"),
                "value",
                &o.values,
                &n.values,
                |d, path, o, n| {
                    if o.outcome != n.outcome {
                        d.push(
                            ChangeKind::Changed,
                            format!("{path}/outcome"),
                            Bump::Minor,
                            format!("outcome of `{}` changed", o.value),
                        );
                    }
                    d.text(
                        format!("{path}/description"),
                        &format!("description of `{}`", o.value),
                        o.description.as_deref().unwrap_or(""),
                        n.description.as_deref().unwrap_or(""),
                    );
                    d.deprecation(&path, &o.value, &o.deprecated, &n.deprecated);
                },
            );
        },
    );
    d.pairs(
        "objects",
        "object",
        &old.objects,
        &new.objects,
        |d, path, o, n| {
            d.text(
                format!("{path}/description"),
                &format!("description of `{}`", o.name),
                &o.description,
                &n.description,
            );
            let old_fields = &o.fields;
            let new_fields = &n.fields;
            let new_required: Vec<&str> = new_fields
                .iter()
                .filter(|f| f.required && !old_fields.iter().any(|o| o.name == f.name))
                .map(|f| f.name.as_str())
                .collect();
            d.pairs(
                &format!("{path}/fields"),
                "field",
                old_fields,
                new_fields,
                field,
            );
            for name in new_required {
                d.push(
                    ChangeKind::Added,
                    format!("{path}/fields/{name}/required"),
                    Bump::Major,
                    format!("new field `{name}` is required"),
                );
            }
            let rules = |o: &Object| {
                o.checks
                    .iter()
                    .map(|c| (c.rule.clone(), format!("{:?}{:?}", c.kind, c.fields)))
                    .collect::<BTreeMap<_, _>>()
            };
            let (orules, nrules) = (rules(o), rules(n));
            for (rule, def) in &nrules {
                if orules.get(rule) != Some(def) {
                    d.push(
                        ChangeKind::Changed,
                        format!("{path}/checks/{rule}"),
                        Bump::Minor,
                        format!("check `{rule}` added or changed (warnings only)"),
                    );
                }
            }
            for rule in orules.keys().filter(|r| !nrules.contains_key(*r)) {
                d.push(
                    ChangeKind::Removed,
                    format!("{path}/checks/{rule}"),
                    Bump::Minor,
                    format!("check `{rule}` removed (warnings only)"),
                );
            }
        },
    );
    d.pairs(
        "samples",
        "sample",
        &old.samples,
        &new.samples,
        |d, path, o, n| {
            d.text(path, &format!("sample `{}`", o.name), &o.json, &n.json);
        },
    );
    // Samples are documentation: removing one is not breaking.
    for c in d
        .changes
        .iter_mut()
        .filter(|c| c.path.starts_with("samples/") && c.kind == ChangeKind::Removed)
    {
        c.bump = Bump::Patch;
        c.breaking = false;
    }

    d.changes
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.message.cmp(&b.message)));
    let needed = d.changes.iter().map(|c| c.bump).max().unwrap_or(Bump::None);
    let bumped = version_bump(&op.version, &np.version);
    let lowered = version_lowered(&op.version, &np.version);
    Report {
        breaking: needed == Bump::Major,
        bump: needed,
        version: VersionCheck {
            old: op.version.clone(),
            new: np.version.clone(),
            bumped,
            needed,
            sufficient: bumped >= needed && !lowered,
            lowered,
            enough: raised(&op.version, needed),
        },
        changes: d.changes,
    }
}

fn parse_version(v: &str) -> (u64, u64, u64) {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

/// Whether `new` is a lower version than `old`, by semantic-version precedence: a
/// pre-release is lower than its release, and pre-release identifiers compare numerically
/// when both are numbers.
fn version_lowered(old: &str, new: &str) -> bool {
    precedence(new, old) == std::cmp::Ordering::Less
}

fn precedence(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let pre = |v: &str| {
        let v = v.split('+').next().unwrap_or("");
        v.split_once('-').map(|(_, p)| p.to_owned())
    };
    let order = parse_version(a).cmp(&parse_version(b));
    if order != Ordering::Equal {
        return order;
    }
    match (pre(a), pre(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            let (mut xs, mut ys) = (x.split('.'), y.split('.'));
            loop {
                match (xs.next(), ys.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(p), Some(q)) => {
                        let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                            (Ok(m), Ok(n)) => m.cmp(&n),
                            (Ok(_), Err(_)) => Ordering::Less,
                            (Err(_), Ok(_)) => Ordering::Greater,
                            (Err(_), Err(_)) => p.cmp(q),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                }
            }
        }
    }
}

/// The lowest version that raises `old` by `bump`, read as [`version_bump`] reads bumps (below
/// 1.0.0 a minor bump counts as major).
fn raised(old: &str, bump: Bump) -> String {
    let (a, b, c) = parse_version(old);
    let (a, b, c) = match (bump, a) {
        (Bump::None, _) => return old.to_owned(),
        (Bump::Major, 0) => (0, b + 1, 0),
        (Bump::Major, _) => (a + 1, 0, 0),
        (Bump::Minor, 0) => (0, b, c + 1),
        (Bump::Minor, _) => (a, b + 1, 0),
        (Bump::Patch, _) => (a, b, c + 1),
    };
    format!("{a}.{b}.{c}")
}

/// The bump from `old` to `new`. Below 1.0.0 a minor bump counts as major and a patch bump as
/// minor, as Cargo and npm read `0.x` versions.
fn version_bump(old: &str, new: &str) -> Bump {
    let (a, b) = (parse_version(old), parse_version(new));
    if b <= a {
        return Bump::None;
    }
    let raw = if b.0 > a.0 {
        Bump::Major
    } else if b.1 > a.1 {
        Bump::Minor
    } else {
        Bump::Patch
    };
    if a.0 == 0 {
        match raw {
            Bump::Minor => Bump::Major,
            Bump::Patch => Bump::Minor,
            other => other,
        }
    } else {
        raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_bumps() {
        assert_eq!(version_bump("1.0.0", "2.0.0"), Bump::Major);
        assert_eq!(version_bump("1.0.0", "1.1.0"), Bump::Minor);
        assert_eq!(version_bump("1.0.0", "1.0.1"), Bump::Patch);
        assert_eq!(version_bump("1.0.0", "1.0.0"), Bump::None);
        assert_eq!(version_bump("1.2.0", "1.1.9"), Bump::None);
        assert_eq!(version_bump("0.3.0", "0.4.0"), Bump::Major);
        assert_eq!(version_bump("0.3.0", "0.3.1"), Bump::Minor);
    }

    #[test]
    fn lowered_versions() {
        assert!(version_lowered("1.0.0", "0.9.0"));
        assert!(version_lowered("1.0.0", "1.0.0-rc.1"));
        assert!(version_lowered("1.0.0-rc.10", "1.0.0-rc.9"));
        assert!(!version_lowered("1.0.0", "1.0.0"));
        assert!(!version_lowered("1.0.0-rc.1", "1.0.0"));
        assert!(!version_lowered("0.9.0", "1.0.0"));
    }

    #[test]
    fn enough_versions() {
        assert_eq!(raised("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(raised("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(raised("1.2.3", Bump::Patch), "1.2.4");
        assert_eq!(raised("1.2.3", Bump::None), "1.2.3");
        assert_eq!(raised("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(raised("0.1.0", Bump::Minor), "0.1.1");
        assert_eq!(raised("0.1.0", Bump::Patch), "0.1.1");
        assert_eq!(raised("0.0.1-alpha.1", Bump::Patch), "0.0.2");
        // Each is the lowest version `version_bump` accepts for the bump.
        for (old, bump) in [
            ("1.2.3", Bump::Major),
            ("1.2.3", Bump::Minor),
            ("0.1.0", Bump::Major),
            ("0.1.0", Bump::Minor),
            ("0.1.0", Bump::Patch),
        ] {
            assert!(
                version_bump(old, &raised(old, bump)) >= bump,
                "{old} {bump:?}"
            );
        }
    }
}
