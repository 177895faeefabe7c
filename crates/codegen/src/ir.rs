//! The intermediate layer: facts every target needs, derived once per generation from the
//! validated [`Spec`], so that no generator re-derives (or guesses) them.
//!
//! It holds references into the spec and adds what the spec says only implicitly: the payload
//! shape resolved to its objects and field, the enumeration tables with their per-value metadata,
//! and the texts every target shows the same way (one deprecation message, one format phrase).
//! Each language's syntax is in the `syntax` module; its naming rules in its target's `names`
//! module.
//!
//! The spec itself is a private field: a generator reads the layer's fields and accessors only
//! (the compiler sees to it, and a test below keeps the generators' sources off it). The one
//! exception is `Ir::catalog_spec`, for the catalog, whose output is the whole spec.

use crate::objc::ObjC;
use antom_spec::names::{Naming, Role};
use antom_spec::{
    self as model, Callback, Check, CheckPath, Deprecation, EventKind, FieldType, Outcome,
    PayloadShape, Phase, Spec,
};

/// The spec, and what is derived from it once.
#[derive(Debug)]
pub struct Ir<'s> {
    /// The spec itself: private, so no generator reads it (everything they need is a field or
    /// an accessor below); the catalog alone takes it whole, through `Ir::catalog_spec`.
    spec: &'s Spec,
    /// What the packages are called, their version and the file that says so.
    pub package: &'s model::Package,
    /// The handling actions and the SDK callbacks, in the spec's order.
    pub actions: &'s [model::Action],
    pub callbacks: &'s [Callback],
    /// The sample payloads, in the spec's order.
    pub samples: &'s [model::Sample],
    /// How a callback payload is read, when the spec declares it.
    pub payload: Option<Payload<'s>>,
    /// `EventCode`, `PaymentResultCode` and every enum of the spec, in that order.
    pub tables: Vec<Table<'s>>,
    /// The Objective-C API of the event codes and the payment result codes.
    pub objc_event_codes: ObjcCodes<'s>,
    pub objc_result_codes: ObjcCodes<'s>,
    /// Every object of the spec with its fields resolved, in the spec's order.
    pub objects: Vec<Object<'s>>,
    /// The one-line description of the `EventCode` type every target shows.
    pub event_code_doc: String,
    /// "that may arrive with it in `<field>`": where an event code's `carries` objects arrive,
    /// named by the payload's carrier field when the spec has one.
    pub carries_place: String,
}

impl<'s> Ir<'s> {
    pub fn new(spec: &'s Spec) -> Ir<'s> {
        let tables = Table::all(spec);
        let payload = spec
            .payload
            .as_ref()
            .and_then(|shape| Payload::resolve(spec, shape));
        let carries_place = match payload.as_ref().and_then(Payload::carrier) {
            Some(field) => format!("that may arrive with it in `{}`", field.name),
            None => "that may arrive with it".to_owned(),
        };
        Ir {
            spec,
            package: &spec.package,
            actions: &spec.actions,
            callbacks: &spec.callbacks,
            samples: &spec.samples,
            payload,
            event_code_doc: event_code_doc(spec),
            carries_place,
            objc_event_codes: ObjcCodes::new(spec, "EventCodes", &tables[0]),
            objc_result_codes: ObjcCodes::new(spec, "PaymentResultCodes", &tables[1]),
            tables,
            objects: spec.objects.iter().map(Object::new).collect(),
        }
    }

    /// Every spec file, as a header names the sources of a file made from the whole spec.
    pub fn files(&self) -> Vec<&'s str> {
        self.spec.files.iter().map(String::as_str).collect()
    }

    /// The whole spec, for the catalog target only: its output is the spec serialized as the
    /// loader made it. Every other target reads the layer's fields.
    pub(crate) fn catalog_spec(&self) -> &'s Spec {
        self.spec
    }

    /// The callbacks that deliver the event codes of `kind` (of every kind with `None`): the
    /// declared payload's callback first, then the others in the spec's order.
    pub fn event_callbacks(&self, kind: Option<EventKind>) -> Vec<&'s str> {
        event_callbacks(self.spec, kind)
    }

    /// Whether the spec declares an object or an enum of this name.
    pub fn declares_type(&self, name: &str) -> bool {
        self.objects.iter().any(|o| o.name == name) || self.enums().any(|t| t.name == name)
    }

    /// The fields a check path (resolved by lint) goes through, from `object` to the one it
    /// ends on, found by their indices.
    pub fn path_fields<'i>(
        &'i self,
        object: &'i Object<'s>,
        path: &CheckPath,
    ) -> Vec<&'i Field<'s>> {
        let mut fields = Vec::with_capacity(path.steps.len());
        let mut current = Some(object);
        for step in &path.steps {
            let Some(field) = current.and_then(|o| o.fields.get(step.index)) else {
                break;
            };
            current = match field.value {
                FieldValue::Object(name) => self.objects.iter().find(|o| o.name == name),
                _ => None,
            };
            fields.push(field);
        }
        fields
    }

    /// The event codes' table (`Table::all` builds it first).
    pub fn event_codes(&self) -> &Table<'s> {
        &self.tables[0]
    }

    /// The tables of the spec's enums, in the spec's order.
    pub fn enums(&self) -> impl Iterator<Item = &Table<'s>> {
        Table::enums(&self.tables)
    }

    /// Each event code's value and the rest of its metadata record, in the spec's order.
    pub fn event_infos(&self) -> impl Iterator<Item = (&TableValue<'s>, &EventInfo<'s>)> {
        self.event_codes()
            .values
            .iter()
            .filter_map(|v| match &v.info {
                Info::Event(info) => Some((v, info)),
                _ => None,
            })
    }

    /// Each payment result code's value and the rest of its metadata record, in the spec's
    /// order.
    pub fn result_infos(&self) -> impl Iterator<Item = (&TableValue<'s>, &ResultInfo<'s>)> {
        self.result_codes()
            .values
            .iter()
            .filter_map(|v| match &v.info {
                Info::Result(info) => Some((v, info)),
                _ => None,
            })
    }

    /// The payment result codes' table (`Table::all` builds it second).
    pub fn result_codes(&self) -> &Table<'s> {
        &self.tables[1]
    }
}

/// One class of code constants in the Objective-C API: the Objective-C target declares it, and
/// the Swift package declares the same class with `@objc`, both from this, so the two cannot
/// differ.
#[derive(Debug)]
pub struct ObjcCodes<'s> {
    /// The class name: the target settings' prefix and `EventCodes` or `PaymentResultCodes`.
    pub class: String,
    pub constants: Vec<ObjcConstant<'s>>,
}

/// One code as an `NSString` class property.
#[derive(Debug)]
pub struct ObjcConstant<'s> {
    /// The property name: the code's Swift case name, escaped where Objective-C or `NSObject`
    /// reads it differently (`objc::names::objc_name`).
    pub name: String,
    pub wire: &'s str,
    /// What it documents: an event code's description, a result code's message.
    pub doc: &'s str,
    pub deprecated: Option<&'s Deprecation>,
    /// The property name of the code that replaces a deprecated one.
    pub replacement: Option<String>,
    /// What `canonical:` returns for it: the end of its chain of replacements ([`canonical`]).
    pub canonical: &'s str,
    /// Its texts that the source cuts off (`provenance.truncated`): `descriptionTruncatedForCode:`,
    /// `messageTruncatedForCode:` and `suggestionTruncatedForCode:` say `YES` for them.
    pub truncated: &'s [String],
}

impl<'s> ObjcCodes<'s> {
    /// The class of a code table (`Table::all` builds the two first: event codes, result codes).
    fn new(spec: &Spec, class: &str, table: &Table<'s>) -> ObjcCodes<'s> {
        let name = |wire: &str| ObjC.ident(Role::Variant, wire);
        ObjcCodes {
            class: format!("{}{class}", crate::settings::objc_prefix(&spec.package)),
            constants: table
                .values
                .iter()
                .map(|v| ObjcConstant {
                    name: name(v.wire),
                    wire: v.wire,
                    doc: v.text.unwrap_or_default(),
                    deprecated: v.deprecated,
                    replacement: v
                        .deprecated
                        .and_then(|d| d.replaced_by.as_deref())
                        .map(name),
                    canonical: v.canonical,
                    truncated: v.truncated,
                })
                .collect(),
        }
    }
}

/// The declared payload shape, resolved to the spec's definitions: an object with the
/// discriminant's key is the callback state, anything else the bare object.
#[derive(Debug)]
pub struct Payload<'s> {
    pub callback: &'s Callback,
    pub state: &'s model::Object,
    /// The state's `EventCode` field whose key marks a payload as the state.
    pub discriminant: &'s model::Field,
    pub bare: Option<&'s model::Object>,
}

impl<'s> Payload<'s> {
    fn resolve(spec: &'s Spec, shape: &PayloadShape) -> Option<Payload<'s>> {
        let state = spec.object(&shape.state)?;
        Some(Payload {
            callback: spec.callback(&shape.callback)?,
            state,
            discriminant: state.fields.iter().find(|f| f.name == shape.discriminant)?,
            bare: match &shape.bare {
                Some(name) => Some(spec.object(name)?),
                None => None,
            },
        })
    }

    /// The shape when it has a bare object, with that object.
    pub fn with_bare(&self) -> Option<(&'s model::Object, &'s model::Object)> {
        self.bare.map(|bare| (self.state, bare))
    }

    /// The state's field that carries the bare object.
    pub fn carrier(&self) -> Option<&'s model::Field> {
        let bare = self.bare?;
        self.state
            .fields
            .iter()
            .find(|f| f.ty == FieldType::Object(bare.name.clone()))
    }

    /// The JSON pointer of the carrier field in the state (`/result`): where the mobile entry
    /// points report a result text that is not JSON.
    pub fn carrier_pointer(&self) -> Option<String> {
        let name = &self.carrier()?.name;
        Some(format!("/{}", name.replace('~', "~0").replace('/', "~1")))
    }

    /// The spec files the shape comes from: the callback's, the state's and the bare object's.
    pub fn files(&self) -> Vec<&'s str> {
        let mut files = vec![self.callback.file.as_str(), self.state.file.as_str()];
        files.extend(self.bare.map(|b| b.file.as_str()));
        files
    }
}

/// Which enumeration a [`Table`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    EventCode,
    PaymentResultCode,
    Enum,
}

/// One enumeration of wire values with each value's metadata.
#[derive(Debug)]
pub struct Table<'s> {
    pub kind: TableKind,
    /// The type name (`EventCode`, `PaymentResultCode`, or the enum's name).
    pub name: &'s str,
    /// The enum's description and file (the code tables have neither: their values come from
    /// many files).
    pub description: Option<&'s str>,
    pub file: Option<&'s str>,
    pub values: Vec<TableValue<'s>>,
}

/// One value of a [`Table`].
#[derive(Debug)]
pub struct TableValue<'s> {
    pub wire: &'s str,
    /// The value's own text: an event code's description, a result code's message, an enum
    /// value's description.
    pub text: Option<&'s str>,
    pub outcome: Option<Outcome>,
    pub deprecated: Option<&'s Deprecation>,
    /// The value a caller handles in its place: the end of its chain of replacements, or the
    /// value itself when it is not deprecated (or has no replacement). See [`canonical`].
    pub canonical: &'s str,
    /// Whether some value's `canonical` is this one: an entry of the target's `Current` closed
    /// type ([`Table::current`]).
    pub current: bool,
    /// The value's texts that the source cuts off (`provenance.truncated`; codes only).
    pub truncated: &'s [String],
    /// The spec file that defines the value.
    pub file: &'s str,
    /// What a code says besides its text: the rest of its metadata record.
    pub info: Info<'s>,
}

/// What a value says besides its text, outcome and deprecation: the rest of the metadata record
/// every target's runtime holds for it.
#[derive(Clone, Copy, Debug)]
pub enum Info<'s> {
    Event(EventInfo<'s>),
    Result(ResultInfo<'s>),
    /// An enum value: its text, outcome and deprecation say everything.
    Value,
}

/// The rest of an event code's metadata record.
#[derive(Clone, Copy, Debug)]
pub struct EventInfo<'s> {
    pub kind: EventKind,
    /// The component's phase it is sent in.
    pub phase: Phase,
    /// The callbacks that deliver it.
    pub callbacks: &'s [String],
    pub action: &'s str,
    /// The object types it carries, and the messages it carries.
    pub carries: &'s [String],
    pub messages: &'s [String],
    /// The source cuts off its description.
    pub description_truncated: bool,
}

/// The rest of a payment result code's metadata record.
#[derive(Clone, Copy, Debug)]
pub struct ResultInfo<'s> {
    pub suggestion: &'s str,
    pub action: &'s str,
    /// The source cuts off its message, its suggestion.
    pub message_truncated: bool,
    pub suggestion_truncated: bool,
}

impl<'s> Table<'s> {
    fn all(spec: &'s Spec) -> Vec<Table<'s>> {
        let mut tables = Table::declared(spec);
        for table in &mut tables {
            table.resolve_deprecations();
        }
        tables
    }

    /// Sets each value's `canonical` (the end of its replacements) and `current` (whether some
    /// value's `canonical` is it).
    fn resolve_deprecations(&mut self) {
        let replaced: Vec<(&'s str, &'s str)> = self
            .values
            .iter()
            .filter_map(|v| Some((v.wire, v.deprecated?.replaced_by.as_deref()?)))
            .collect();
        let replaced_by = |wire: &str| replaced.iter().find(|(w, _)| *w == wire).map(|(_, r)| *r);
        for v in &mut self.values {
            v.canonical = canonical(v.wire, replaced_by);
        }
        let canonicals: std::collections::HashSet<&str> =
            self.values.iter().map(|v| v.canonical).collect();
        for v in &mut self.values {
            v.current = canonicals.contains(v.wire);
        }
    }

    /// The tables as the spec declares them; each value its own canonical value.
    fn declared(spec: &'s Spec) -> Vec<Table<'s>> {
        let mut tables = vec![
            Table {
                kind: TableKind::EventCode,
                name: "EventCode",
                description: None,
                file: None,
                values: spec
                    .event_codes
                    .iter()
                    .map(|c| TableValue {
                        wire: &c.code,
                        text: Some(&c.description),
                        outcome: c.outcome,
                        deprecated: c.deprecated.as_ref(),
                        canonical: &c.code,
                        current: true,
                        truncated: &c.provenance.truncated,
                        file: &c.file,
                        info: Info::Event(EventInfo {
                            kind: c.kind,
                            phase: c.phase,
                            callbacks: &c.callbacks,
                            action: &c.action,
                            carries: &c.carries,
                            messages: &c.messages,
                            description_truncated: c.provenance.is_truncated("description"),
                        }),
                    })
                    .collect(),
            },
            Table {
                kind: TableKind::PaymentResultCode,
                name: "PaymentResultCode",
                description: None,
                file: None,
                values: spec
                    .result_codes
                    .iter()
                    .map(|c| TableValue {
                        wire: &c.code,
                        text: Some(&c.message),
                        outcome: c.outcome,
                        deprecated: c.deprecated.as_ref(),
                        canonical: &c.code,
                        current: true,
                        truncated: &c.provenance.truncated,
                        file: &c.file,
                        info: Info::Result(ResultInfo {
                            suggestion: &c.suggestion,
                            action: &c.action,
                            message_truncated: c.provenance.is_truncated("message"),
                            suggestion_truncated: c.provenance.is_truncated("suggestion"),
                        }),
                    })
                    .collect(),
            },
        ];
        tables.extend(spec.enums.iter().map(|e| {
            Table {
                kind: TableKind::Enum,
                name: &e.name,
                description: Some(&e.description),
                file: Some(&e.file),
                values: e
                    .values
                    .iter()
                    .map(|v| TableValue {
                        wire: &v.value,
                        text: v.description.as_deref(),
                        outcome: v.outcome,
                        deprecated: v.deprecated.as_ref(),
                        canonical: &v.value,
                        current: true,
                        truncated: &[],
                        file: &e.file,
                        info: Info::Value,
                    })
                    .collect(),
            }
        }));
        tables
    }

    /// The table of a field's type, when it is an enumeration.
    pub fn of<'t>(tables: &'t [Table<'s>], ty: &FieldType) -> Option<&'t Table<'s>> {
        match ty {
            FieldType::EventCode => tables.iter().find(|t| t.kind == TableKind::EventCode),
            FieldType::PaymentResultCode => tables
                .iter()
                .find(|t| t.kind == TableKind::PaymentResultCode),
            FieldType::Enum(name) => tables
                .iter()
                .find(|t| t.kind == TableKind::Enum && t.name == name),
            _ => None,
        }
    }

    /// The tables of the spec's enums, in the spec's order.
    pub fn enums<'t>(tables: &'t [Table<'s>]) -> impl Iterator<Item = &'t Table<'s>> {
        tables.iter().filter(|t| t.kind == TableKind::Enum)
    }

    /// The spec files the table comes from: the enum's, or each code's.
    pub fn files(&self) -> Vec<&'s str> {
        match self.file {
            Some(file) => vec![file],
            None => self.values.iter().map(|v| v.file).collect(),
        }
    }

    /// The value of this wire value, when the table has it.
    pub fn value(&self, wire: &str) -> Option<&TableValue<'s>> {
        self.values.iter().find(|v| v.wire == wire)
    }

    /// Whether some value has an outcome.
    pub fn has_outcomes(&self) -> bool {
        self.values.iter().any(|v| v.outcome.is_some())
    }

    /// The values that a `canonical` operation maps elsewhere: `(deprecated, replacement)`.
    pub fn replaced(&self) -> impl Iterator<Item = (&'s str, &'s str)> + '_ {
        self.values
            .iter()
            .filter(|v| v.canonical != v.wire)
            .map(|v| (v.wire, v.canonical))
    }

    /// The current values, in wire-value order: those a `canonical` operation can return (some
    /// value's [`TableValue::canonical`]). Every value that is not deprecated, and a deprecated
    /// one that stands for itself (no replacement, or a chain that loops back to it). Each
    /// target's `Current<Name>` closed type holds these.
    pub fn current(&self) -> impl Iterator<Item = &TableValue<'s>> + '_ {
        self.values.iter().filter(|v| v.current)
    }
}

/// The value that `wire` stands for once deprecations are followed: its `replaced_by`, that
/// value's `replaced_by`, and so on, to the first value that is not deprecated. A chain that
/// comes back to a value already passed stops before it, so a loop maps to a value in it.
pub fn canonical<'s>(wire: &'s str, replaced_by: impl Fn(&str) -> Option<&'s str>) -> &'s str {
    let mut seen = vec![wire];
    let mut current = wire;
    while let Some(next) = replaced_by(current) {
        if seen.contains(&next) {
            break;
        }
        seen.push(next);
        current = next;
    }
    current
}

/// An object of the spec as every target shows it: its fields resolved, with their notes.
#[derive(Debug)]
pub struct Object<'s> {
    /// The spec's type name.
    pub name: &'s str,
    pub description: &'s str,
    pub file: &'s str,
    pub fields: Vec<Field<'s>>,
    pub checks: &'s [Check],
}

impl<'s> Object<'s> {
    fn new(object: &'s model::Object) -> Object<'s> {
        Object {
            name: &object.name,
            description: &object.description,
            file: &object.file,
            fields: object
                .fields
                .iter()
                .enumerate()
                .map(|(index, field)| Field::new(index, field))
                .collect(),
            checks: &object.checks,
        }
    }

    /// Whether some field is deprecated.
    pub fn any_deprecated(&self) -> bool {
        self.fields.iter().any(|f| f.deprecated.is_some())
    }

    /// The wire names of the sensitive fields, in field order.
    pub fn sensitive_names(&self) -> Vec<&'s str> {
        self.fields
            .iter()
            .filter(|f| f.sensitive)
            .map(|f| f.name)
            .collect()
    }
}

/// A field as every target shows it: what its value is, the rules on it, and the notes its
/// documentation gives, in the order every target gives them.
#[derive(Debug)]
pub struct Field<'s> {
    /// The field's index in its object's (sorted) fields: the index of the schema tables.
    pub index: usize,
    /// The wire name (JSON key).
    pub name: &'s str,
    pub description: &'s str,
    pub value: FieldValue<'s>,
    pub required: bool,
    pub max_length: Option<u64>,
    pub pattern: Option<Pattern<'s>>,
    /// The spec's `format`: what the value looks like, with or without a pattern.
    pub format: Option<&'s str>,
    pub sensitive: bool,
    pub deprecated: Option<&'s Deprecation>,
    /// The rules worth a note in the field's documentation; each code target words them.
    pub notes: Vec<Note<'s>>,
}

impl<'s> Field<'s> {
    fn new(index: usize, field: &'s model::Field) -> Field<'s> {
        let pattern = field.pattern.as_deref().map(|source| Pattern {
            source,
            format: field.format.as_deref(),
            text: format_text(field),
        });
        let mut notes = Vec::new();
        if field.required {
            notes.push(Note::Required);
        }
        if let Some(max) = field.max_length {
            notes.push(Note::MaxLength(max));
        }
        if let Some(pattern) = pattern {
            notes.push(Note::Pattern(pattern));
        }
        if field.sensitive {
            notes.push(Note::Sensitive);
        }
        Field {
            index,
            name: &field.name,
            description: &field.description,
            value: FieldValue::of(&field.ty),
            required: field.required,
            max_length: field.max_length,
            pattern,
            format: field.format.as_deref(),
            sensitive: field.sensitive,
            deprecated: field.deprecated.as_ref(),
            notes,
        }
    }
}

/// What a field's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue<'s> {
    /// Any string.
    Text,
    /// Any JSON value.
    Any,
    /// An object of the spec, by type name.
    Object(&'s str),
    /// A value of an enumeration [`Table`]: its kind and type name.
    Table(TableKind, &'s str),
}

impl<'s> FieldValue<'s> {
    /// Whether the value is a JSON string: text or a value of an enumeration.
    pub fn is_string_like(self) -> bool {
        matches!(self, FieldValue::Text | FieldValue::Table(..))
    }

    fn of(ty: &'s FieldType) -> FieldValue<'s> {
        match ty {
            FieldType::String => FieldValue::Text,
            FieldType::Any => FieldValue::Any,
            FieldType::Object(name) => FieldValue::Object(name),
            FieldType::EventCode => FieldValue::Table(TableKind::EventCode, "EventCode"),
            FieldType::PaymentResultCode => {
                FieldValue::Table(TableKind::PaymentResultCode, "PaymentResultCode")
            }
            FieldType::Enum(name) => FieldValue::Table(TableKind::Enum, name),
        }
    }
}

/// A field's pattern with the text a mismatch message shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern<'s> {
    /// The regular expression, in the portable subset.
    pub source: &'s str,
    /// The spec's `format`, when it has one.
    pub format: Option<&'s str>,
    /// What a value must look like: `format`, else [`format_text`]'s shared phrase.
    pub text: &'s str,
}

/// One rule of a field that its documentation notes, in the order of [`Field::notes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note<'s> {
    Required,
    /// At most this many characters (Unicode scalar values).
    MaxLength(u64),
    Pattern(Pattern<'s>),
    Sensitive,
}

/// What a field's value must look like, for a message about a value that does not match its
/// pattern: the spec's `format`, else a phrase every target shares.
pub fn format_text(field: &model::Field) -> &str {
    field.format.as_deref().unwrap_or("in the expected format")
}

/// The callbacks that deliver the event codes of `kind` (of every kind with `None`): the declared
/// payload's callback first, then the others in the spec's order.
fn event_callbacks(spec: &Spec, kind: Option<EventKind>) -> Vec<&str> {
    let mut names: Vec<&str> = spec
        .callbacks
        .iter()
        .map(|c| c.name.as_str())
        .filter(|name| {
            spec.event_codes
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind == k))
                .any(|e| e.callbacks.iter().any(|c| c == name))
        })
        .collect();
    if let Some(payload) = &spec.payload {
        names.sort_by_key(|name| *name != payload.callback);
    }
    names
}

/// Names in code spans, as a sentence lists them: "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub fn or_list(names: &[&str]) -> String {
    let spans: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match spans.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The one-line description of the `EventCode` type every target shows ([`Ir::event_code_doc`]).
fn event_code_doc(spec: &Spec) -> String {
    match event_callbacks(spec, None).as_slice() {
        [] => "An event code.".to_owned(),
        names => format!("An event code delivered to {}.", or_list(names)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every generator reads the layer only: none reaches the spec, and the catalog alone takes
    /// it whole, through `Ir::catalog_spec`.
    #[test]
    fn generators_never_read_the_spec() {
        let sources = [
            ("rust.rs", include_str!("rust.rs")),
            ("typescript.rs", include_str!("typescript.rs")),
            ("kotlin.rs", include_str!("kotlin.rs")),
            (
                "kotlin/publication.rs",
                include_str!("kotlin/publication.rs"),
            ),
            ("swift.rs", include_str!("swift.rs")),
            ("objc.rs", include_str!("objc.rs")),
            ("docs.rs", include_str!("docs.rs")),
            ("docs/markdown.rs", include_str!("docs/markdown.rs")),
            ("schema.rs", include_str!("schema.rs")),
            ("catalog.rs", include_str!("catalog.rs")),
        ];
        for (name, source) in sources {
            let reads: Vec<&str> = source
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .filter(|l| l.contains(".spec"))
                .collect();
            assert_eq!(reads, Vec::<&str>::new(), "{name} reads `Ir::spec`");
            let whole = source.matches("catalog_spec()").count();
            let expected = usize::from(name == "catalog.rs");
            assert_eq!(whole, expected, "{name} takes the whole spec");
        }
    }

    /// A spec with a field of every kind of value and every noted rule.
    pub(crate) const SPEC: &str = r#"
package:
  name: fields
  version: 0.1.0
  description: Fields.
sources:
  doc: { title: Doc, version: "1" }
actions:
  no_action: { description: Nothing to do. }
callbacks:
  onEventCallback: { description: Receives events., argument: State, provenance: { sources: [doc] } }
event_codes:
  DONE: { kind: status, phase: result, callbacks: [onEventCallback], description: Done., action: no_action, provenance: { sources: [doc] } }
result_codes:
  FAILED: { message: It failed., suggestion: Retry., action: no_action, provenance: { sources: [doc] } }
enums:
  Decision:
    description: A decision.
    values:
      YES: { description: Yes. }
objects:
  State:
    description: The callback argument.
    fields:
      code: { type: EventCode, required: true, description: The code. }
      details: { type: Details, description: The details. }
      extra: { type: any, description: Anything. }
  Details:
    description: Details.
    fields:
      reason: { type: PaymentResultCode, description: Why. }
      decision: { type: Decision, description: The decision. }
      number: { type: string, max_length: 8, pattern: "^[0-9*]+$", format: a masked number, sensitive: true, description: The number. }
      last: { type: string, pattern: "^[0-9]{2}$", description: The last digits. }
"#;

    pub(crate) fn spec() -> Spec {
        crate::load(&[antom_spec::SourceFile::new("spec/fields.yaml", SPEC)])
            .expect("the test spec is valid")
    }

    fn field<'i, 's>(ir: &'i Ir<'s>, object: &str, name: &str) -> &'i Field<'s> {
        let object = ir.objects.iter().find(|o| o.name == object);
        let field = object.and_then(|o| o.fields.iter().find(|f| f.name == name));
        field.expect("the test spec has the field")
    }

    #[test]
    fn fields_resolve_their_values() {
        let spec = spec();
        let ir = Ir::new(&spec);
        assert_eq!(
            field(&ir, "State", "code").value,
            FieldValue::Table(TableKind::EventCode, "EventCode")
        );
        assert_eq!(
            field(&ir, "Details", "reason").value,
            FieldValue::Table(TableKind::PaymentResultCode, "PaymentResultCode")
        );
        assert_eq!(
            field(&ir, "Details", "decision").value,
            FieldValue::Table(TableKind::Enum, "Decision")
        );
        assert_eq!(
            field(&ir, "State", "details").value,
            FieldValue::Object("Details")
        );
        assert_eq!(field(&ir, "State", "extra").value, FieldValue::Any);
        assert_eq!(field(&ir, "Details", "last").value, FieldValue::Text);
    }

    #[test]
    fn fields_note_their_rules_in_order() {
        let spec = spec();
        let ir = Ir::new(&spec);
        assert_eq!(field(&ir, "State", "code").notes, [Note::Required]);
        let masked = Pattern {
            source: "^[0-9*]+$",
            format: Some("a masked number"),
            text: "a masked number",
        };
        assert_eq!(
            field(&ir, "Details", "number").notes,
            [Note::MaxLength(8), Note::Pattern(masked), Note::Sensitive]
        );
        // Without a format, a mismatch message still says what the value must look like.
        let last = field(&ir, "Details", "last");
        assert_eq!(
            last.pattern,
            Some(Pattern {
                source: "^[0-9]{2}$",
                format: None,
                text: "in the expected format",
            })
        );
        assert!(field(&ir, "Details", "reason").notes.is_empty());
    }

    #[test]
    fn objects_know_their_sensitive_fields_and_indices() {
        let spec = spec();
        let ir = Ir::new(&spec);
        let details = &ir.objects[0];
        assert_eq!(details.name, "Details");
        assert_eq!(details.sensitive_names(), ["number"]);
        assert!(!details.any_deprecated());
        // Fields keep the model's sorted order, which the schema tables' indices follow.
        for (i, f) in details.fields.iter().enumerate() {
            assert_eq!(f.index, i);
            assert_eq!(f.name, spec.objects[0].fields[i].name);
        }
    }

    /// A check path walks the layer's objects by field index, through object fields, and stops
    /// where the path leaves them.
    #[test]
    fn path_fields_follow_the_layers_objects() {
        let spec = spec();
        let ir = Ir::new(&spec);
        let object = |name: &str| ir.objects.iter().find(|o| o.name == name);
        let (Some(state), Some(details)) = (object("State"), object("Details")) else {
            panic!("the test spec has State and Details");
        };
        let step = |o: &Object<'_>, name: &str| antom_spec::PathStep {
            index: o
                .fields
                .iter()
                .position(|f| f.name == name)
                .unwrap_or(usize::MAX),
            name: name.to_owned(),
        };
        let path = |steps| CheckPath {
            steps,
            ty: FieldType::String,
        };
        let through = path(vec![step(state, "details"), step(details, "number")]);
        let names: Vec<&str> = ir
            .path_fields(state, &through)
            .iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["details", "number"]);
        assert_eq!(
            ir.path_fields(state, &through)
                .last()
                .and_then(|f| f.max_length),
            Some(8)
        );
        // A step past a field that is not an object ends the walk.
        let past = path(vec![step(state, "extra"), step(details, "number")]);
        let names: Vec<&str> = ir
            .path_fields(state, &past)
            .iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["extra"]);
    }

    #[test]
    fn declared_types_are_objects_and_enums() {
        let spec = spec();
        let ir = Ir::new(&spec);
        assert!(ir.declares_type("Details"));
        assert!(ir.declares_type("Decision"));
        assert!(!ir.declares_type("EventCode"));
        assert!(!ir.declares_type("Missing"));
        assert_eq!(ir.event_codes().value("DONE").map(|v| v.wire), Some("DONE"));
        assert!(ir.result_codes().value("DONE").is_none());
        assert_eq!(ir.event_callbacks(None), ["onEventCallback"]);
    }

    #[test]
    fn enum_tables_carry_their_description_and_file() {
        let spec = spec();
        let ir = Ir::new(&spec);
        let enums: Vec<&Table<'_>> = Table::enums(&ir.tables).collect();
        assert_eq!(enums.len(), 1);
        assert_eq!(enums[0].name, "Decision");
        assert_eq!(enums[0].description, Some("A decision."));
        assert_eq!(enums[0].file, Some("spec/fields.yaml"));
        assert_eq!(enums[0].values[0].file, "spec/fields.yaml");
        assert_eq!(enums[0].files(), ["spec/fields.yaml"]);
        // A code table comes from each code's file.
        assert_eq!(ir.tables[0].kind, TableKind::EventCode);
        assert_eq!(ir.tables[0].file, None);
        assert_eq!(ir.tables[0].files(), ["spec/fields.yaml"]);
    }

    #[test]
    fn canonical_follows_replacements_to_their_end() {
        let chain = [("OLD", "MID"), ("MID", "NEW"), ("A", "B"), ("B", "A")];
        let replaced_by = |w: &str| chain.iter().find(|(o, _)| *o == w).map(|(_, n)| *n);
        assert_eq!(canonical("OLD", replaced_by), "NEW");
        assert_eq!(canonical("MID", replaced_by), "NEW");
        assert_eq!(canonical("NEW", replaced_by), "NEW");
        // A loop stops at the last value before it repeats.
        assert_eq!(canonical("A", replaced_by), "B");
        assert_eq!(canonical("B", replaced_by), "A");
    }

    #[test]
    fn tables_map_deprecated_codes_to_their_replacements() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        let files = crate::writer::read_dir(&dir).expect("the spec folder reads");
        let spec = crate::load(&files).expect("the spec is valid");
        let ir = Ir::new(&spec);
        let events = &ir.tables[0];
        let replaced: Vec<_> = events.replaced().collect();
        assert_eq!(
            replaced,
            [("SDK_CALL_URL_ERROR", "SDK_LAUNCH_PAYMENT_APP_ERROR")]
        );
        let url = events
            .values
            .iter()
            .find(|v| v.wire == "SDK_CALL_URL_ERROR");
        assert_eq!(
            url.map(|v| v.canonical),
            Some("SDK_LAUNCH_PAYMENT_APP_ERROR")
        );
        let current: Vec<&str> = events.current().map(|v| v.wire).collect();
        assert_eq!(current.len(), events.values.len() - 1);
        assert!(!current.contains(&"SDK_CALL_URL_ERROR"));
    }

    #[test]
    fn current_values_are_what_canonical_returns() {
        let deprecation = |to: Option<&str>| Deprecation {
            replaced_by: to.map(str::to_owned),
            note: "Old.".to_owned(),
        };
        // OLD -> MID -> NEW; GONE has no replacement; A <-> B loop.
        let deps = [
            ("A", Some(deprecation(Some("B")))),
            ("B", Some(deprecation(Some("A")))),
            ("GONE", Some(deprecation(None))),
            ("MID", Some(deprecation(Some("NEW")))),
            ("NEW", None),
            ("OLD", Some(deprecation(Some("MID")))),
        ];
        let mut table = Table {
            kind: TableKind::Enum,
            name: "T",
            description: None,
            file: None,
            values: deps
                .iter()
                .map(|(wire, d)| TableValue {
                    wire,
                    text: None,
                    outcome: None,
                    deprecated: d.as_ref(),
                    canonical: wire,
                    current: true,
                    truncated: &[],
                    file: "t.yaml",
                    info: Info::Value,
                })
                .collect(),
        };
        table.resolve_deprecations();
        let current: Vec<&str> = table.current().map(|v| v.wire).collect();
        assert_eq!(current, ["A", "B", "GONE", "NEW"]);
    }
}
