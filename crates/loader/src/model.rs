//! The validated spec: every reference resolved, every list sorted, no positions.
//!
//! A `Spec` exists only after lint found no problem, so generators read it without
//! re-checking (names are unique, references resolve, patterns are portable).

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::raw::{CheckKind, EventKind, Outcome, Phase};

/// The whole spec, as one value.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Spec {
    pub package: Package,
    /// Spec file paths as given to the loader, sorted.
    pub files: Vec<String>,
    pub sources: Vec<Source>,
    pub actions: Vec<Action>,
    pub callbacks: Vec<Callback>,
    pub event_codes: Vec<EventCode>,
    pub result_codes: Vec<ResultCode>,
    pub enums: Vec<Enum>,
    pub objects: Vec<Object>,
    pub samples: Vec<Sample>,
    /// How a callback payload is read, when the spec declares it (`payload:`). Not part of the
    /// serialized catalog.
    #[serde(skip)]
    #[schemars(skip)]
    pub payload: Option<PayloadShape>,
}

/// The declared payload shape, resolved by lint: a JSON object with the `discriminant` key is the
/// argument of `callback` (the `state` object); anything else is a bare `bare` object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadShape {
    /// The callback whose argument is the state.
    pub callback: String,
    /// The state's object type (the callback's argument).
    pub state: String,
    /// The state's field (of type `EventCode`) whose presence marks a payload as the state.
    pub discriminant: String,
    /// The object type of a payload without the discriminant, when the spec has one.
    pub bare: Option<String>,
    /// The file that declares it.
    pub file: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub description: String,
    /// SPDX license expression of the published packages.
    pub license: Option<String>,
    /// `https://` address of the source repository.
    pub repository: Option<String>,
    /// Who publishes the packages.
    pub author: Option<String>,
    /// Every target's package settings, `targets.<target>.<key>`: as written, or the default
    /// derived from `name`. (Each target's module in the code generator reads its own.)
    pub targets: crate::settings::Settings,
    /// The file that defines the package.
    pub file: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub location: Option<String>,
    pub version: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Provenance {
    pub sources: Vec<String>,
    pub note: Option<String>,
    pub unverified: bool,
    /// The entry's texts that the source cuts off (`message`, `suggestion`, `description`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Vec<String>,
}

impl Provenance {
    /// Whether the source cuts off the entry's text of this name.
    pub fn is_truncated(&self, text: &str) -> bool {
        self.truncated.iter().any(|t| t == text)
    }
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Action {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Callback {
    pub name: String,
    pub description: String,
    /// Name of the argument's object type.
    pub argument: String,
    pub provenance: Provenance,
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Deprecation {
    pub replaced_by: Option<String>,
    pub note: String,
}

impl Deprecation {
    /// The one deprecation message every output shows: the note, then "Use `X` instead." when
    /// there is a replacement the note does not already name. `quote` spells the replacement's
    /// name (in backticks for code and docs, as is for a terminal).
    pub fn message_with(&self, quote: impl Fn(&str) -> String) -> String {
        match &self.replaced_by {
            Some(r) if !self.note.contains(r.as_str()) => {
                format!("{} Use {} instead.", self.note, quote(r))
            }
            _ => self.note.clone(),
        }
    }

    /// [`Deprecation::message_with`], the replacement in backticks.
    pub fn message(&self) -> String {
        self.message_with(|r| format!("`{r}`"))
    }
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct EventCode {
    pub code: String,
    pub kind: EventKind,
    /// The lifecycle phase in which it is sent.
    pub phase: Phase,
    pub callbacks: Vec<String>,
    pub description: String,
    pub action: String,
    pub outcome: Option<Outcome>,
    pub carries: Vec<String>,
    pub messages: Vec<String>,
    pub deprecated: Option<Deprecation>,
    pub provenance: Provenance,
    pub file: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ResultCode {
    pub code: String,
    pub message: String,
    pub suggestion: String,
    pub action: String,
    pub outcome: Option<Outcome>,
    pub deprecated: Option<Deprecation>,
    pub provenance: Provenance,
    pub file: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Enum {
    pub name: String,
    pub description: String,
    pub values: Vec<EnumValue>,
    pub provenance: Option<Provenance>,
    pub file: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct EnumValue {
    pub value: String,
    pub description: Option<String>,
    pub outcome: Option<Outcome>,
    pub deprecated: Option<Deprecation>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Object {
    pub name: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub checks: Vec<Check>,
    pub provenance: Option<Provenance>,
    pub file: String,
}

/// What a field holds. Enumerations are open: unknown values are kept and warned about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum FieldType {
    String,
    Any,
    EventCode,
    PaymentResultCode,
    Enum(String),
    Object(String),
}

impl FieldType {
    /// True when the JSON value must be a string.
    pub fn is_string_like(&self) -> bool {
        matches!(
            self,
            FieldType::String
                | FieldType::EventCode
                | FieldType::PaymentResultCode
                | FieldType::Enum(_)
        )
    }
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Field {
    /// Wire name (JSON key).
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub required: bool,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<String>,
    pub sensitive: bool,
    pub description: String,
    pub deprecated: Option<Deprecation>,
    pub provenance: Option<Provenance>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Check {
    pub rule: String,
    pub kind: CheckKind,
    /// Each path as its segments (wire names), resolved against the object.
    pub fields: Vec<Vec<String>>,
    pub message: String,
    /// Each path of `fields` resolved: the steps with their indices, and the type it ends on.
    /// Not part of the serialized catalog (`fields` is).
    #[serde(skip)]
    #[schemars(skip)]
    pub paths: Vec<CheckPath>,
}

/// A check's field path, resolved once by lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckPath {
    /// Each step: the index of the field in its object's (sorted) `fields`, and its wire name.
    pub steps: Vec<PathStep>,
    /// The type of the field the path ends on.
    pub ty: FieldType,
}

/// One step of a [`CheckPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    /// The field's index in its object's `fields`.
    pub index: usize,
    /// The field's wire name.
    pub name: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Sample {
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub ty: String,
    /// The JSON text as written in the spec.
    pub json: String,
    pub provenance: Provenance,
}

impl Spec {
    pub fn event_code(&self, code: &str) -> Option<&EventCode> {
        self.event_codes.iter().find(|c| c.code == code)
    }
    pub fn result_code(&self, code: &str) -> Option<&ResultCode> {
        self.result_codes.iter().find(|c| c.code == code)
    }
    pub fn enum_def(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.name == name)
    }
    pub fn callback(&self, name: &str) -> Option<&Callback> {
        self.callbacks.iter().find(|c| c.name == name)
    }
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }
}
