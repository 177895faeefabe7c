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
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub description: String,
    pub npm_name: String,
    pub kotlin_package: String,
    pub swift_module: String,
    /// Prefix of the Objective-C class names that the Swift target declares.
    pub objc_prefix: String,
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
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }
}
