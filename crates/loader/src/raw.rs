//! The spec as written: one `SpecFile` per YAML file, every value with its position.
//!
//! These types define what a spec file may contain (unknown keys are rejected) and are the
//! source of `spec.schema.json`. Nothing here is checked beyond its YAML shape: that is the
//! linter's job, which turns a set of files into a [`crate::Spec`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::named_map::NamedMap;
use crate::span::Sp;

/// One file of the callback spec. Every section is optional; the loader merges all files of
/// the spec folder, and a name may be defined in one file only.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Antom callback spec file")]
pub struct SpecFile {
    /// Package metadata; exactly one file of the spec has it.
    #[serde(default)]
    pub package: Option<Sp<Package>>,
    /// Where facts come from, by id. Provenance entries refer to these ids.
    #[serde(default)]
    pub sources: NamedMap<Sp<Source>>,
    /// The closed set of handling actions that codes point to, by snake_case name.
    #[serde(default)]
    pub actions: NamedMap<Sp<ActionDef>>,
    /// The SDK callbacks (`onEventCallback`, `onError`, ...), by name.
    #[serde(default)]
    pub callbacks: NamedMap<Sp<CallbackDef>>,
    /// Event codes, by code. They form the `EventCode` enumeration.
    #[serde(default)]
    pub event_codes: NamedMap<Sp<EventCodeDef>>,
    /// `paymentResultCode` values, by code. They form the `PaymentResultCode` enumeration.
    #[serde(default)]
    pub result_codes: NamedMap<Sp<ResultCodeDef>>,
    /// Other enumerations of string values, by PascalCase type name.
    #[serde(default)]
    pub enums: NamedMap<Sp<EnumDef>>,
    /// Objects carried by the callbacks, by PascalCase type name.
    #[serde(default)]
    pub objects: NamedMap<Sp<ObjectDef>>,
    /// Sample payloads, by snake_case name.
    #[serde(default)]
    pub samples: NamedMap<Sp<SampleDef>>,
    /// How a callback payload is read; at most one file of the spec has it.
    #[serde(default)]
    pub payload: Option<Sp<PayloadDef>>,
}

/// How the validators and decoders read a callback payload: an object with the discriminant key
/// is the argument of the callback (the callback state); anything else is the bare object.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayloadDef {
    /// The callback whose argument object is the callback state.
    pub callback: Sp<String>,
    /// The state's field, of type `EventCode`, whose key marks a payload as the callback state.
    pub discriminant: Sp<String>,
    /// The object a payload without the discriminant is read as: the type of one of the state's
    /// fields. Without it, every payload is read as the callback state.
    #[serde(default)]
    pub bare: Option<Sp<String>>,
}

/// What the generated packages are called and which version they carry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Package name: lowercase words joined by `-`. It is the Rust crate's name, and every
    /// target's package name defaults to a form of it (see `targets`).
    pub name: Sp<String>,
    /// Semantic version of the spec; generated packages carry it.
    pub version: Sp<String>,
    /// One-line description of the package.
    pub description: Sp<String>,
    /// The license of every published package, as an SPDX expression (`MIT OR Apache-2.0`):
    /// npm's `license`, the Maven POM's `licenses`.
    #[serde(default)]
    pub license: Option<Sp<String>>,
    /// The `https://` address of the source repository: npm's `repository` (with the package's
    /// folder as `directory`), the Maven POM's `url` and `scm`, the Swift package's URL.
    #[serde(default)]
    pub repository: Option<Sp<String>>,
    /// Who publishes the packages (a person or a team): npm's `author`, the Maven POM's
    /// `developers`.
    #[serde(default)]
    pub author: Option<Sp<String>>,
    /// What each target's package is called, where it differs from the defaults derived from
    /// `name`. Leave it out to take every default.
    #[serde(default)]
    pub targets: Option<Sp<Targets>>,
}

/// Per-target package settings: `<target>: {<key>: <value>}`. Which targets and keys exist, their
/// defaults and rules are declared by the targets (`crate::settings`), so lint checks them and
/// `spec.schema.json` describes them from those declarations; YAML only gives the shape here.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Targets(pub NamedMap<Option<Sp<WrittenSettings>>>);

/// One target's settings as written: key, then value (`~` takes the default).
pub type WrittenSettings = NamedMap<Option<Sp<String>>>;

/// A placeholder: [`crate::spec_file_schema`] replaces it with the targets' declarations.
impl JsonSchema for Targets {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Targets".into()
    }
    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "object"})
    }
}

/// A document, package or program that facts were taken from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What the source is.
    pub title: Sp<String>,
    /// Where it can be found.
    #[serde(default)]
    pub location: Option<Sp<String>>,
    /// The version or date of the source that was read.
    #[serde(default)]
    pub version: Option<Sp<String>>,
}

/// Where a fact comes from.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceDef {
    /// Ids of entries under `sources`.
    pub sources: Vec<Sp<String>>,
    /// What was completed, inferred or cut, in words.
    #[serde(default)]
    pub note: Option<Sp<String>>,
    /// True when the fact could not be confirmed on an authoritative page.
    #[serde(default)]
    pub unverified: bool,
    /// The texts of this entry that the source cuts off, which no source completes: `message`
    /// or `suggestion` of a result code, `description` of an event code. Every target flags
    /// them in its metadata, so that a UI can tell a cut text from a whole one.
    #[serde(default)]
    pub truncated: Vec<Sp<String>>,
}

/// A handling action.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    /// What the integrator should do.
    pub description: Sp<String>,
}

/// An SDK callback.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallbackDef {
    /// When the SDK calls it.
    pub description: Sp<String>,
    /// The object type of its argument.
    pub argument: Sp<String>,
    pub provenance: ProvenanceDef,
}

/// The three groups of event codes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Runtime lifecycle events.
    Status,
    /// Errors, mostly during initialization.
    Error,
    /// The end of the payment process.
    PaymentResult,
}

impl EventKind {
    /// The name as written in the spec (`status`, `error`, `payment_result`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Status => "status",
            EventKind::Error => "error",
            EventKind::PaymentResult => "payment_result",
        }
    }
}

/// The phase of the component's lifecycle in which an event code is sent. The phases follow
/// each other in this order; the challenge is skipped when the payment needs no 3D Secure.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The SDK is instantiated and the component is created: resources load, parameters are
    /// checked, the loading animation shows.
    Loading,
    /// The component shows its form (or the payment method's own page) and the buyer fills it
    /// in; a failed form verification returns here.
    Form,
    /// The buyer submits: the payment is sent, and the SDK launches or redirects to the payment
    /// app or page.
    Submission,
    /// The issuing bank's 3D Secure challenge, before the payment can be verified.
    Challenge,
    /// The payment process has ended; the payment result codes report where it stands.
    Result,
}

impl Phase {
    /// Every phase, in lifecycle order.
    pub const ALL: [Phase; 5] = [
        Phase::Loading,
        Phase::Form,
        Phase::Submission,
        Phase::Challenge,
        Phase::Result,
    ];

    /// The name as written in the spec (`loading`, `form`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::Form => "form",
            Phase::Submission => "submission",
            Phase::Challenge => "challenge",
            Phase::Result => "result",
        }
    }
}

/// Where a payment stands, as far as a value tells.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    Failure,
    Processing,
}

impl Outcome {
    /// The name as written in the spec (`success`, `failure`, `processing`).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Processing => "processing",
        }
    }
}

/// A deprecation notice.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeprecationDef {
    /// The name that replaces this one, if any.
    #[serde(default)]
    pub replaced_by: Option<Sp<String>>,
    /// Why, and what to do instead.
    pub note: Sp<String>,
}

/// An event code delivered to a callback.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventCodeDef {
    pub kind: Sp<EventKind>,
    /// The lifecycle phase in which the SDK sends it.
    pub phase: Sp<Phase>,
    /// Names of the callbacks that deliver it.
    pub callbacks: Vec<Sp<String>>,
    /// What it means, in the source's words.
    pub description: Sp<String>,
    /// Name of the handling action, from `actions`.
    pub action: Sp<String>,
    /// The payment outcome this code reports, for payment result codes.
    #[serde(default)]
    pub outcome: Option<Sp<Outcome>>,
    /// Object types that may arrive with it in the callback's `result`.
    #[serde(default)]
    pub carries: Vec<Sp<String>>,
    /// `message` texts the SDK is known to send with it.
    #[serde(default)]
    pub messages: Vec<Sp<String>>,
    #[serde(default)]
    pub deprecated: Option<Sp<DeprecationDef>>,
    pub provenance: ProvenanceDef,
}

/// A `paymentResultCode` value.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultCodeDef {
    /// The `paymentResultMessage`, exactly as the source gives it.
    pub message: Sp<String>,
    /// The handling suggestion, exactly as the source gives it.
    pub suggestion: Sp<String>,
    /// Name of the handling action, from `actions`.
    pub action: Sp<String>,
    /// The payment outcome this code reports.
    #[serde(default)]
    pub outcome: Option<Sp<Outcome>>,
    #[serde(default)]
    pub deprecated: Option<Sp<DeprecationDef>>,
    pub provenance: ProvenanceDef,
}

/// An open enumeration of string values: unknown values are accepted with a warning.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub description: Sp<String>,
    /// Known values, by wire value.
    pub values: NamedMap<Sp<EnumValueDef>>,
    #[serde(default)]
    pub provenance: Option<ProvenanceDef>,
}

/// A known value of an enumeration.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValueDef {
    /// What the value means, where known.
    #[serde(default)]
    pub description: Option<Sp<String>>,
    #[serde(default)]
    pub outcome: Option<Sp<Outcome>>,
    #[serde(default)]
    pub deprecated: Option<Sp<DeprecationDef>>,
}

/// An object type: a JSON object with known fields; unknown keys are kept.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectDef {
    pub description: Sp<String>,
    /// Fields, by wire name (camelCase).
    pub fields: NamedMap<Sp<FieldDef>>,
    /// Cross-field consistency checks; a failed check is a warning.
    #[serde(default)]
    pub checks: Vec<Sp<CheckDef>>,
    #[serde(default)]
    pub provenance: Option<ProvenanceDef>,
}

/// A field of an object.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// `string`, `any`, `EventCode`, `PaymentResultCode`, or the name of an enum or object.
    #[serde(rename = "type")]
    pub ty: Sp<String>,
    #[serde(default)]
    pub required: bool,
    /// Longest allowed value, in Unicode scalar values (string and enum fields only).
    #[serde(default)]
    pub max_length: Option<Sp<u64>>,
    /// Anchored pattern in the portable, linear-time regex subset (string fields only), read
    /// the same by ECMAScript (`u` flag), Java, ICU and `regress`. Grammar: `^` sequence `$`;
    /// a sequence is items, an item is an atom with an optional greedy quantifier (`*` `+` `?`
    /// `{n}` `{n,}` `{n,m}`, n <= m, at most 4 digits); an atom is a printable ASCII literal, an
    /// escaped metacharacter (`\` followed by one of `\^$.|?*+()[]{}-/`), a class `[...]` or
    /// `[^...]` of such characters and ranges (no `[` or `&&` inside), or a group `(...)` or
    /// `(?:...)` whose alternatives are separated by `|` (no `|` outside a group). Refused: `.`,
    /// other escapes (`\d`, `\w`, ...), back-references, look-around, named groups, lazy and
    /// possessive quantifiers. Linear-time rules: (1) a quantified group holds no quantifier;
    /// (2) a quantified group cannot match the empty string; (3) every choice is decided by the
    /// next character: the alternatives of a group start with disjoint characters, and an item
    /// whose count can vary (`?` `*` `+` `{n,}` `{n,m}` with n < m) cannot start with a
    /// character that what follows it (through parts that can match empty, and the next
    /// repetition of its group) can start with. So `^(a+)+$`, `^(a|ab)*$`, `^[0-9]*[0-9]*$`
    /// are refused and `^[0-9]{0,6}[*]+[0-9]{0,4}$` is accepted; every engine then matches in
    /// time linear in the value. A value longer than `max_length` is never matched.
    #[serde(default)]
    pub pattern: Option<Sp<String>>,
    /// What the pattern requires, in words; used in validation messages.
    #[serde(default)]
    pub format: Option<Sp<String>>,
    /// Personal data: redacted by `Debug`, `toString` and `description`.
    #[serde(default)]
    pub sensitive: bool,
    pub description: Sp<String>,
    #[serde(default)]
    pub deprecated: Option<Sp<DeprecationDef>>,
    #[serde(default)]
    pub provenance: Option<ProvenanceDef>,
}

/// Kinds of cross-field check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The first field equals the end of the second when that end is all digits.
    DigitsSuffix,
    /// All known values of the fields that carry an outcome agree on it.
    SameOutcome,
}

impl CheckKind {
    /// The name as written in the spec (`digits_suffix`, `same_outcome`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::DigitsSuffix => "digits_suffix",
            CheckKind::SameOutcome => "same_outcome",
        }
    }
}

/// A cross-field consistency check.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// Rule name reported by validators (snake_case).
    pub rule: Sp<String>,
    pub kind: Sp<CheckKind>,
    /// Field paths relative to the object, `/`-separated (`result/paymentStatus`).
    pub fields: Vec<Sp<String>>,
    /// The warning text.
    pub message: Sp<String>,
}

/// A sample payload, as JSON text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SampleDef {
    pub description: Sp<String>,
    /// The object type of the payload.
    #[serde(rename = "type")]
    pub ty: Sp<String>,
    /// JSON text.
    pub json: Sp<String>,
    pub provenance: ProvenanceDef,
}
