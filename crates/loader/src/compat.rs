//! Compatibility of two specs, for `antom diff`: every change, whether it breaks SDK users, and
//! the semantic-version bump it needs.
//!
//! Breaking: removing or renaming a code, an enumeration, a value, an object or a field;
//! changing a field's type; narrowing `max_length`; adding or changing a pattern; making a
//! field required; changing an event code's kind; removing a callback from a code; renaming
//! a package. Compatible (minor): additions, loosened constraints, deprecations, new actions.
//! Compatible (patch): text changes (descriptions, messages, suggestions, deprecation notes,
//! sample JSON) and an event code's lifecycle phase, which only the docs and the catalog show.
//! Not compared: provenance and sources, which file holds what, the text of a check's warning,
//! a sample's description and type.
//!
//! More rules: removing `sensitive` is breaking (it turns off redaction in every SDK), adding it
//! minor; a changed pattern cannot be proven looser, so it counts as tightening; a changed
//! package-name default counts like a changed setting. Below 1.0.0 a minor bump counts as major
//! and a patch bump as minor, as Cargo and npm read `0.x`. A new version lower than the old one
//! (semantic-version precedence: a pre-release is lower than its release) fails the check whatever
//! else changed; the check names the lowest version that is enough (`VersionCheck::enough`).
//!
//! Every field of the model is compared here or named as not compared: each `compare_<type>`
//! destructures its type completely (no `..`), a field it leaves out bound to `_` with the reason,
//! so a new attribute does not compile until `antom diff` decides about it.

use std::collections::BTreeMap;

use semver::Version;
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

/// Compares two validated specs.
///
/// One function per section compares one model type, and each destructures its type completely
/// (a field it does not compare is bound to `_` with the reason), so a new attribute of the model
/// does not compile until it is compared or its omission is stated.
pub fn compare(old: &Spec, new: &Spec) -> Report {
    let Spec {
        package,
        // The loader's own bookkeeping: which files were read.
        files: _,
        // Where facts come from: documentation of the spec, not part of any generated API.
        sources: _,
        actions,
        callbacks,
        event_codes,
        result_codes,
        enums,
        objects,
        samples,
        payload,
    } = old;
    let mut d = Diff {
        changes: Vec::new(),
    };
    compare_package(&mut d, package, &new.package);
    compare_payload(&mut d, payload.as_ref(), new.payload.as_ref());
    d.pairs("actions", "action", actions, &new.actions, compare_action);
    d.pairs(
        "callbacks",
        "callback",
        callbacks,
        &new.callbacks,
        compare_callback,
    );
    d.pairs(
        "event_codes",
        "event code",
        event_codes,
        &new.event_codes,
        compare_event_code,
    );
    d.pairs(
        "result_codes",
        "result code",
        result_codes,
        &new.result_codes,
        compare_result_code,
    );
    d.pairs("enums", "enumeration", enums, &new.enums, compare_enum);
    d.pairs("objects", "object", objects, &new.objects, compare_object);
    d.pairs("samples", "sample", samples, &new.samples, compare_sample);
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
    let (old_version, new_version) = (&old.package.version, &new.package.version);
    let bumped = version_bump(old_version, new_version);
    let lowered = version_lowered(old_version, new_version);
    Report {
        breaking: needed == Bump::Major,
        bump: needed,
        version: VersionCheck {
            old: old_version.clone(),
            new: new_version.clone(),
            bumped,
            needed,
            sufficient: bumped >= needed && !lowered,
            lowered,
            enough: raised(old_version, needed),
        },
        changes: d.changes,
    }
}

/// `package:`: a renamed package or target package is breaking; the description is text.
fn compare_package(d: &mut Diff, o: &Package, n: &Package) {
    let Package {
        name,
        // Compared by `compare` itself: the version check is not a change.
        version: _,
        description,
        // Packaging metadata: no generated API reads them.
        license: _,
        repository: _,
        author: _,
        targets,
        // Which file holds the package is not part of any generated API.
        file: _,
    } = o;
    if name != &n.name {
        d.push(
            ChangeKind::Changed,
            "package/package name".to_owned(),
            Bump::Major,
            format!("package name changed from `{name}` to `{}`", n.name),
        );
    }
    // A setting that one side lacks (a target registered since) compares as empty.
    let keys: std::collections::BTreeSet<(&str, &str)> = targets
        .iter()
        .chain(n.targets.iter())
        .map(|(t, k, _)| (t, k))
        .collect();
    for (target, key) in keys {
        let (a, b) = (targets.get(target, key), n.targets.get(target, key));
        if a != b {
            let what = format!("targets.{target}.{key}");
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
        description,
        &n.description,
    );
}

/// `payload:`, how `validate` reads a payload: declaring one adds the payload validators (minor);
/// removing or changing it changes what they accept (major).
fn compare_payload(d: &mut Diff, o: Option<&PayloadShape>, n: Option<&PayloadShape>) {
    match (o, n) {
        (None, None) => {}
        (None, Some(_)) => d.push(
            ChangeKind::Added,
            "payload".to_owned(),
            Bump::Minor,
            "payload shape declared: the payload validators read it".to_owned(),
        ),
        (Some(_), None) => d.push(
            ChangeKind::Removed,
            "payload".to_owned(),
            Bump::Major,
            "payload shape removed: the payload validators go".to_owned(),
        ),
        (Some(o), Some(n)) => {
            let PayloadShape {
                callback,
                state,
                discriminant,
                bare,
                // Which file declares it is not part of any generated API.
                file: _,
            } = o;
            let shown =
                |v: Option<&String>| v.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"));
            for (what, a, b) in [
                ("callback", Some(callback), Some(&n.callback)),
                ("state", Some(state), Some(&n.state)),
                ("discriminant", Some(discriminant), Some(&n.discriminant)),
                ("bare", bare.as_ref(), n.bare.as_ref()),
            ] {
                if a != b {
                    d.push(
                        ChangeKind::Changed,
                        format!("payload/{what}"),
                        Bump::Major,
                        format!(
                            "payload {what} changed from {} to {}: payloads are read differently",
                            shown(a),
                            shown(b)
                        ),
                    );
                }
            }
        }
    }
}

fn compare_action(d: &mut Diff, path: String, o: &Action, n: &Action) {
    let Action {
        // The key the two are paired by.
        name: _,
        description,
    } = o;
    d.text(
        format!("{path}/description"),
        "action description",
        description,
        &n.description,
    );
}

fn compare_callback(d: &mut Diff, path: String, o: &Callback, n: &Callback) {
    let Callback {
        name,
        description,
        argument,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
        file: _,
    } = o;
    if *argument != n.argument {
        d.push(
            ChangeKind::Changed,
            format!("{path}/argument"),
            Bump::Major,
            format!("argument of `{name}` changed"),
        );
    }
    d.text(
        format!("{path}/description"),
        "callback description",
        description,
        &n.description,
    );
}

fn compare_event_code(d: &mut Diff, path: String, o: &EventCode, n: &EventCode) {
    let EventCode {
        code,
        kind,
        phase,
        callbacks,
        description,
        action,
        outcome,
        carries,
        messages,
        deprecated,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
        file: _,
    } = o;
    if *kind != n.kind {
        d.push(
            ChangeKind::Changed,
            format!("{path}/kind"),
            Bump::Major,
            format!("kind of `{code}` changed"),
        );
    }
    if *phase != n.phase {
        // Only the docs and the catalog show the phase: no generated type changes.
        d.push(
            ChangeKind::Changed,
            format!("{path}/phase"),
            Bump::Patch,
            format!(
                "phase of `{code}` changed from `{}` to `{}`",
                phase.as_str(),
                n.phase.as_str()
            ),
        );
    }
    for cb in callbacks.iter().filter(|c| !n.callbacks.contains(c)) {
        d.push(
            ChangeKind::Removed,
            format!("{path}/callbacks/{cb}"),
            Bump::Major,
            format!("`{code}` no longer delivered to `{cb}`"),
        );
    }
    for cb in n.callbacks.iter().filter(|c| !callbacks.contains(c)) {
        d.push(
            ChangeKind::Added,
            format!("{path}/callbacks/{cb}"),
            Bump::Minor,
            format!("`{code}` also delivered to `{cb}`"),
        );
    }
    if *action != n.action {
        d.push(
            ChangeKind::Changed,
            format!("{path}/action"),
            Bump::Minor,
            format!(
                "action of `{code}` changed from `{action}` to `{}`",
                n.action
            ),
        );
    }
    if *outcome != n.outcome || *carries != n.carries || *messages != n.messages {
        d.push(
            ChangeKind::Changed,
            path.clone(),
            Bump::Minor,
            format!("outcome, carried objects or known messages of `{code}` changed"),
        );
    }
    d.text(
        format!("{path}/description"),
        &format!("description of `{code}`"),
        description,
        &n.description,
    );
    d.deprecation(&path, code, deprecated, &n.deprecated);
}

fn compare_result_code(d: &mut Diff, path: String, o: &ResultCode, n: &ResultCode) {
    let ResultCode {
        code,
        message,
        suggestion,
        action,
        outcome,
        deprecated,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
        file: _,
    } = o;
    d.text(
        format!("{path}/message"),
        &format!("message of `{code}`"),
        message,
        &n.message,
    );
    d.text(
        format!("{path}/suggestion"),
        &format!("suggestion of `{code}`"),
        suggestion,
        &n.suggestion,
    );
    if *action != n.action || *outcome != n.outcome {
        d.push(
            ChangeKind::Changed,
            format!("{path}/action"),
            Bump::Minor,
            format!("action or outcome of `{code}` changed"),
        );
    }
    d.deprecation(&path, code, deprecated, &n.deprecated);
}

fn compare_enum(d: &mut Diff, path: String, o: &Enum, n: &Enum) {
    let Enum {
        name,
        description,
        values,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
        file: _,
    } = o;
    d.text(
        format!("{path}/description"),
        &format!("description of `{name}`"),
        description,
        &n.description,
    );
    d.pairs(
        &format!("{path}/values"),
        "value",
        values,
        &n.values,
        compare_enum_value,
    );
}

fn compare_enum_value(d: &mut Diff, path: String, o: &EnumValue, n: &EnumValue) {
    let EnumValue {
        value,
        description,
        outcome,
        deprecated,
    } = o;
    if *outcome != n.outcome {
        d.push(
            ChangeKind::Changed,
            format!("{path}/outcome"),
            Bump::Minor,
            format!("outcome of `{value}` changed"),
        );
    }
    d.text(
        format!("{path}/description"),
        &format!("description of `{value}`"),
        description.as_deref().unwrap_or(""),
        n.description.as_deref().unwrap_or(""),
    );
    d.deprecation(&path, value, deprecated, &n.deprecated);
}

fn compare_object(d: &mut Diff, path: String, o: &Object, n: &Object) {
    let Object {
        name,
        description,
        fields,
        checks,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
        file: _,
    } = o;
    d.text(
        format!("{path}/description"),
        &format!("description of `{name}`"),
        description,
        &n.description,
    );
    let new_required: Vec<&str> = n
        .fields
        .iter()
        .filter(|f| f.required && !fields.iter().any(|o| o.name == f.name))
        .map(|f| f.name.as_str())
        .collect();
    d.pairs(
        &format!("{path}/fields"),
        "field",
        fields,
        &n.fields,
        compare_field,
    );
    for name in new_required {
        d.push(
            ChangeKind::Added,
            format!("{path}/fields/{name}/required"),
            Bump::Major,
            format!("new field `{name}` is required"),
        );
    }
    compare_checks(d, &path, checks, &n.checks);
}

/// Cross-field checks, paired by rule: they only ever give warnings, so every change is minor.
fn compare_checks(d: &mut Diff, path: &str, old: &[Check], new: &[Check]) {
    let rules = |checks: &[Check]| {
        checks
            .iter()
            .map(|c| {
                let Check {
                    rule,
                    kind,
                    fields,
                    // Text of a warning, shown only when the check fails.
                    message: _,
                    // Resolved from `fields`, which is compared.
                    paths: _,
                } = c;
                (rule.clone(), format!("{kind:?}{fields:?}"))
            })
            .collect::<BTreeMap<_, _>>()
    };
    let (orules, nrules) = (rules(old), rules(new));
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
}

fn compare_field(d: &mut Diff, path: String, o: &Field, n: &Field) {
    let Field {
        name,
        ty,
        required,
        max_length,
        pattern,
        format,
        sensitive,
        description,
        deprecated,
        // Documentation of the spec, not part of any generated API.
        provenance: _,
    } = o;
    if *ty != n.ty {
        d.push(
            ChangeKind::Changed,
            format!("{path}/type"),
            Bump::Major,
            format!(
                "type of `{name}` changed from `{}` to `{}`",
                type_name(ty),
                type_name(&n.ty)
            ),
        );
    }
    match (*required, n.required) {
        (false, true) => d.push(
            ChangeKind::Changed,
            format!("{path}/required"),
            Bump::Major,
            format!("`{name}` became required"),
        ),
        (true, false) => d.push(
            ChangeKind::Changed,
            format!("{path}/required"),
            Bump::Minor,
            format!("`{name}` became optional"),
        ),
        _ => {}
    }
    match (*max_length, n.max_length) {
        (Some(a), Some(b)) if b < a => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Major,
            format!("max_length of `{name}` narrowed from {a} to {b}"),
        ),
        (None, Some(b)) => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Major,
            format!("max_length {b} added to `{name}`"),
        ),
        (Some(a), Some(b)) if b > a => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Minor,
            format!("max_length of `{name}` widened from {a} to {b}"),
        ),
        (Some(a), None) => d.push(
            ChangeKind::Changed,
            format!("{path}/max_length"),
            Bump::Minor,
            format!("max_length {a} removed from `{name}`"),
        ),
        _ => {}
    }
    match (pattern, &n.pattern) {
        (None, Some(p)) => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Major,
            format!("pattern `{p}` added to `{name}`"),
        ),
        (Some(a), Some(b)) if a != b => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Major,
            format!(
                "pattern of `{name}` changed from `{a}` to `{b}`: values valid before may now fail"
            ),
        ),
        (Some(a), None) => d.push(
            ChangeKind::Changed,
            format!("{path}/pattern"),
            Bump::Minor,
            format!("pattern `{a}` removed from `{name}`"),
        ),
        _ => {}
    }
    match (*sensitive, n.sensitive) {
        (true, false) => d.push(
            ChangeKind::Changed,
            format!("{path}/sensitive"),
            Bump::Major,
            format!(
                "`{name}` is no longer sensitive: every SDK would show its value in logs and debug output"
            ),
        ),
        (false, true) => d.push(
            ChangeKind::Changed,
            format!("{path}/sensitive"),
            Bump::Minor,
            format!("`{name}` is now sensitive: SDKs redact its value"),
        ),
        _ => {}
    }
    d.text(
        format!("{path}/description"),
        &format!("description of `{name}`"),
        description,
        &n.description,
    );
    d.text(
        format!("{path}/format"),
        &format!("format of `{name}`"),
        format.as_deref().unwrap_or(""),
        n.format.as_deref().unwrap_or(""),
    );
    d.deprecation(&path, name, deprecated, &n.deprecated);
}

/// Samples are documentation: only their JSON text is compared, as text.
fn compare_sample(d: &mut Diff, path: String, o: &Sample, n: &Sample) {
    let Sample {
        name,
        // What the sample says and which type it is read as document the JSON, which is compared.
        description: _,
        ty: _,
        json,
        provenance: _,
    } = o;
    d.text(path, &format!("sample `{name}`"), json, &n.json);
}

/// A spec's version. Lint accepts only versions that parse; anything else reads as 0.0.0, so
/// comparing specs that were not linted cannot fail.
fn parse_version(v: &str) -> Version {
    Version::parse(v).unwrap_or(Version::new(0, 0, 0))
}

/// The release a version belongs to: its numbers, without pre-release or build.
fn release(v: &str) -> (u64, u64, u64) {
    let v = parse_version(v);
    (v.major, v.minor, v.patch)
}

/// Whether `new` is a lower version than `old`, by semantic-version precedence: a
/// pre-release is lower than its release, and pre-release identifiers compare numerically
/// when both are numbers.
fn version_lowered(old: &str, new: &str) -> bool {
    parse_version(new).cmp_precedence(&parse_version(old)) == std::cmp::Ordering::Less
}

/// The lowest version that raises `old` by `bump`, read as [`version_bump`] reads bumps (below
/// 1.0.0 a minor bump counts as major).
fn raised(old: &str, bump: Bump) -> String {
    let (a, b, c) = release(old);
    let next = |n: u64| n.checked_add(1);
    let version = match (bump, a) {
        (Bump::None, _) => None,
        (Bump::Major, 0) => next(b).map(|b| (0, b, 0)),
        (Bump::Major, _) => next(a).map(|a| (a, 0, 0)),
        (Bump::Minor, 0) | (Bump::Patch, _) => next(c).map(|c| (a, b, c)),
        (Bump::Minor, _) => next(b).map(|b| (a, b, 0)),
    };
    // With no bump needed, or a number at its highest, nothing is higher: `old` itself.
    version.map_or_else(
        || old.to_owned(),
        |(a, b, c)| Version::new(a, b, c).to_string(),
    )
}

/// The bump from `old` to `new`, by their releases. Below 1.0.0 a minor bump counts as major
/// and a patch bump as minor, as Cargo and npm read `0.x` versions.
fn version_bump(old: &str, new: &str) -> Bump {
    let (a, b) = (release(old), release(new));
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
        // The precedence example of semver.org, lowest first.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ];
        for pair in chain.windows(2) {
            assert!(version_lowered(pair[1], pair[0]), "{pair:?}");
            assert!(!version_lowered(pair[0], pair[1]), "{pair:?}");
        }
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
        // A number at its highest cannot be raised: the answer is the old version.
        let top = "18446744073709551615.18446744073709551615.18446744073709551615";
        for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
            assert_eq!(raised(top, bump), top, "{bump:?}");
        }
        assert_eq!(
            raised("0.18446744073709551615.7", Bump::Major),
            "0.18446744073709551615.7"
        );
        assert_eq!(
            raised("1.18446744073709551615.7", Bump::Patch),
            "1.18446744073709551615.8"
        );
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
