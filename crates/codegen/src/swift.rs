//! Swift target: `generated/swift/`, a Swift package that Objective-C can also use.
//!
//! The package holds the open enumerations (`EventCode`, `PaymentResultCode` and the spec's
//! enums), their metadata as constants, `Codable` structs for the callback objects that keep
//! unknown keys, a validator with the same rules and pointers as the Rust one, `@objc` classes
//! of `NSString` constants, and an XCTest target. `tests/tests/swift.rs` builds the output with
//! `-warnings-as-errors` and runs its XCTests.
//!
//! Spec-derived files: `Package.swift`, `EventCode.swift`, `PaymentResultCode.swift`,
//! `Enums.swift`, `Metadata.swift` (`Action`, `CallbackName`, every text), `Objects.swift`,
//! `ObjC.swift` (from `Ir::objc_event_codes`/`objc_result_codes`, as the Objective-C target's),
//! `Payload.swift` (the payload shape's `validate` functions, when it has a bare object), the
//! XCTest file and `README.md`; copied as they are from `runtime/swift/`: `JSON.swift`
//! (`JSONValue`, `JSONKey`, the `JSONObject` and `OpenEnum` protocols, `_CaseTable`),
//! `Info.swift` and `Validation.swift` (the interpreter).
//!
//! Decisions:
//! - Open enums are `enum`s with one case per known value and `unknown(String)`, conforming to
//!   `OpenEnum`: `init(rawValue:)` never fails, `rawValue`, `isKnown`, `known: Known?`,
//!   `canonical: Current?` (the nested closed enum of the values no deprecation replaces, `nil`
//!   when unknown), `init(_: Known)`, `allKnown`. Equality and hashing go by raw value, so
//!   `.unknown("SDK_PAYMENT_FAIL")` equals `.sdkPaymentFail`. `Known` is a nested `String` enum,
//!   deprecated cases marked as on the open enum (a `switch` pattern naming one does not warn, a
//!   comparison does). `canonical` maps deprecated values by raw value, so it names no deprecated
//!   case. Swift warns on every use of a deprecated case, so the two switches that name every case
//!   live in a private `Cases` type whose functions are deprecated and are reached only through
//!   the non-deprecated `_CaseTable` protocol; everything else goes by raw string.
//! - Runtime names cannot collide with spec names: helpers use spellings the name rules never
//!   produce (two capitals in a row, or `_` before a letter: `JSONValue`, `extraJSON`,
//!   `toJSONObject`, `_info`); `Known` and `OpenEnum` are reserved type names; the Objective-C
//!   classes are checked by lint against every type name, since their prefix is a setting. A
//!   deprecated field is stored in a private `_name` behind its deprecated accessor.
//! - A decoded object keeps mistyped values in `extraJSON`, so `validate()` is the interpreter on
//!   `toJSONObject()`. `redactedJSON()` is compact JSON, keys sorted, every present value of a
//!   sensitive field (whatever its type, `null` included) `"<redacted>"`, card numbers masked in
//!   every other string.
//! - `validate(_:)` picks the shape as the Rust `validate` does; `validate(_:as:)` takes any
//!   `ObjectSchema`. `validate(eventCode:resultJSON:)`, the mobile entry point: `nil`, empty or
//!   JSON-white-space text is no result; text that is not JSON is one `invalid_json` error at
//!   the carrier's pointer. `validate(text:)` does not throw: text that is not JSON is a report of
//!   one `invalid_json` error at the root. Both read text with `readJSON(text:)`: `JSONDecoder`
//!   reads it, the walk for repeated keys notes what no runtime reads as JSON (nesting past 128,
//!   surrogate escapes, trailing commas), and only then, or when `JSONDecoder` throws, `jsonSyntaxError(_:)` scans
//!   it for the first error, worded as in every runtime (`invalid JSON at line L, column C:
//!   WHAT`, columns in Unicode scalars; a `JSONSyntaxError`). `decodeJSON(text:)` notes repeated
//!   keys and keeps the last value (Foundation's `JSONDecoder` keeps the first).
//! - Patterns run on `NSRegularExpression` as `(?:pattern)\z` with a whole-string check, so `$`
//!   reads as in ECMAScript.
//! - Truncated flags: `messageTruncated`, `suggestionTruncated` (`ResultCodeInfo`),
//!   `descriptionTruncated` (`EventCodeInfo`).
//! - Objective-C code that links the package gets validation from `@objc` `<prefix>Validation`
//!   (`issuesForEventCode:resultJSON:`, `isValidEventCode:resultJSON:`, `redactedResultJSON:`);
//!   the `@objc` file is inside `#if canImport(ObjectiveC)`.
//! - The conformance XCTest reads `tests/vectors/` at run time, found from its `#filePath` or
//!   `ANTOM_VECTORS_DIR`, and skips itself when they are absent: the generator stays pure and the
//!   vectors have one copy.

pub(crate) mod names;
pub(crate) mod settings;

use crate::ir::{self, FieldValue, Ir, Payload, Table, TableKind};
use crate::objc::ObjC;
use crate::syntax::{CheckView, FieldEntry, Syntax, Validator};
use crate::{Render, RenderError};
use antom_spec::names::{Naming, Role, camel};
use antom_spec::{Deprecation, Package, Spec};
use askama::Template;

use crate::lit::comment_lines;
use crate::runtime;
use crate::version::Site;
use crate::{Comment, GeneratedFile, Generator, header, with_head};

pub(crate) struct Swift;

impl Generator for Swift {
    fn settings(&self) -> Option<&'static antom_spec::TargetSettings> {
        Some(&settings::SETTINGS)
    }
    fn name(&self) -> &'static str {
        "swift"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&Swift)
    }
    fn repo_dir(&self) -> &'static str {
        "generated/swift"
    }
    fn version_sites(&self, package: &Package) -> Vec<Site> {
        vec![Site::new(
            format!("Sources/{}/Metadata.swift", settings::swift_module(package)),
            "public let specVersion: String = ",
        )]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let module = settings::swift_module(ir.package);
        let src = |name: &str| format!("Sources/{module}/{name}");
        let mut files = vec![
            package_swift(ir.package)?,
            runtime_file(ir.package, src("JSON.swift"), runtime::swift::JSON),
            runtime_file(ir.package, src("Info.swift"), runtime::swift::INFO),
            runtime_file(
                ir.package,
                src("Validation.swift"),
                runtime::swift::VALIDATION,
            ),
            event_code_swift(ir, src("EventCode.swift"))?,
            result_code_swift(ir, src("PaymentResultCode.swift"))?,
            enums_swift(ir, src("Enums.swift"))?,
            metadata_swift(ir, src("Metadata.swift"))?,
            objects_swift(ir, src("Objects.swift"))?,
            objc_swift(ir, src("ObjC.swift"))?,
            tests_swift(ir)?,
            readme(ir)?,
        ];
        files.extend(payload_swift(ir, src("Payload.swift"))?);
        Ok(files)
    }
}

impl Syntax for Swift {
    const NAMING: &'static dyn Naming = &Swift;
    const COMMENT: Comment = Comment::line("// ");
    const NONE: &'static str = "nil";

    fn str_lit(s: &str) -> String {
        swift_str(s)
    }
    fn list(items: Vec<String>) -> String {
        format!("[{}]", items.join(", "))
    }
    fn member(_enumeration: &str, case: &str) -> String {
        format!(".{}", camel(case))
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("Deprecation(replacedBy: {replaced_by}, note: {note})")
    }
}

impl Validator for Swift {
    /// An initializer call with labels, commas between the arguments.
    fn record(ty: &str, fields: &[(&str, String)], indent: usize) -> String {
        let fields: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{:pad$}{name}: {value}", "", pad = indent + 4))
            .collect();
        format!("{ty}(\n{}\n{:indent$})", fields.join(",\n"), "")
    }
    fn pattern_record(source: String, format: String) -> String {
        format!("Pattern(source: {source}, format: {format})")
    }
}

/// A Swift string literal: `"..."` on one line, never interpolating.
///
/// `\` and `"` are escaped (so `\(` in the spec becomes `\\(`, which Swift reads as a backslash
/// and a parenthesis), `\n`, `\r`, `\t` and `\0` use their short escapes, and every other control,
/// line-separator, bidirectional or invisible formatting character becomes `\u{...}`. Other
/// characters, non-BMP ones included, are written as they are (the file is UTF-8). A `/` that
/// opens `/*` right after the opening quote or an escape is written `\u{2F}`: Swift reads it as a
/// string either way, but tools that lex Swift on their own (tree-sitter-swift, editors'
/// highlighters) would read a block comment there.
pub(crate) fn swift_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    let mut after_escape = true;
    while let Some(c) = chars.next() {
        let len = out.len();
        match c {
            '/' if after_escape && chars.peek() == Some(&'*') => out.push_str("\\u{2F}"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_unicode_escape(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
        after_escape = out.len() - len != c.len_utf8();
    }
    out.push('"');
    out
}

/// Characters that must not appear raw in a one-line literal, or that would hide what it says.
fn needs_unicode_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width spaces and marks
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{FEFF}' // byte order mark
        )
}

/// A name of the spec's types as a static member (`ObjectSchema.cardPaymentResultInfo`).
fn member(type_name: &str) -> String {
    Swift::field(type_name)
}

/// An identifier without its keyword backticks, as `renamed:` and labels in text want it.
fn bare(ident: &str) -> String {
    ident.trim_matches('`').to_owned()
}

/// `@available(*, deprecated, ...)` for a deprecated value; `renamed` is the replacement's
/// identifier in the same scope.
fn available(d: Option<&Deprecation>, renamed: impl Fn(&str) -> String) -> Option<String> {
    d.map(|d| match &d.replaced_by {
        Some(r) => format!(
            "@available(*, deprecated, renamed: {}, message: {})",
            swift_str(&renamed(r)),
            swift_str(&d.note)
        ),
        None => format!("@available(*, deprecated, message: {})", swift_str(&d.note)),
    })
}

fn render(t: &impl Template) -> Result<String, RenderError> {
    let mut out = t.rendered()?;
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// The header of a runtime file: the generated header, then a blank line.
fn runtime_head(files: &[&str]) -> String {
    format!("{}\n", header(Swift::COMMENT, files))
}

/// A runtime file that takes nothing from the spec but its header.
fn runtime_file(package: &Package, path: String, text: &str) -> GeneratedFile {
    GeneratedFile {
        path,
        contents: with_head(&runtime_head(&[package.file.as_str()]), text.to_owned()),
    }
}

#[derive(Template)]
#[template(path = "swift/Package.swift.jinja", escape = "none")]
struct PackageView {
    header: String,
    module: String,
    module_lit: String,
    tests_lit: String,
    sources_lit: String,
    tests_path_lit: String,
}

fn package_swift(package: &Package) -> Result<GeneratedFile, RenderError> {
    let module = settings::swift_module(package);
    let view = PackageView {
        header: header(Swift::COMMENT, &[package.file.as_str()]),
        module: module.to_owned(),
        module_lit: swift_str(module),
        tests_lit: swift_str(&format!("{module}Tests")),
        sources_lit: swift_str(&format!("Sources/{module}")),
        tests_path_lit: swift_str(&format!("Tests/{module}Tests")),
    };
    Ok(GeneratedFile {
        path: "Package.swift".to_owned(),
        contents: render(&view)?,
    })
}

/// The declared payload shape, spelled in Swift: the state and the bare object (type and schema
/// member) and the discriminant's key. As a template, the payload validation functions of
/// `Payload.swift` ([`payload_swift`]).
#[derive(Template)]
#[template(path = "swift/payload.swift.jinja", escape = "none")]
struct PayloadView {
    state: String,
    state_schema: String,
    bare: String,
    bare_schema: String,
    /// The discriminant's key as a string literal, and as is (for doc comments).
    key: String,
    key_name: String,
    callback: String,
    /// The carrier field's key as a string literal, as is, and as a JSON pointer (for doc
    /// comments).
    carrier: String,
    carrier_name: String,
    carrier_pointer_doc: String,
    carrier_pointer: String,
}

fn payload_view(shape: Option<&Payload<'_>>) -> Option<PayloadView> {
    let shape = shape?;
    let (state, bare) = shape.with_bare()?;
    let carrier = shape.carrier()?;
    let pointer = shape.carrier_pointer()?;
    Some(PayloadView {
        carrier: swift_str(&carrier.name),
        carrier_name: carrier.name.clone(),
        carrier_pointer_doc: pointer.clone(),
        carrier_pointer: swift_str(&pointer),
        key_name: shape.discriminant.name.clone(),
        callback: shape.callback.name.clone(),
        state: Swift::ty(&state.name),
        state_schema: member(&state.name),
        bare: Swift::ty(&bare.name),
        bare_schema: member(&bare.name),
        key: swift_str(&shape.discriminant.name),
    })
}

/// `Payload.swift`: `validate(_:)`, `validate(text:)` and `validate(eventCode:resultJSON:)` for
/// the declared payload shape, beside the runtime's `Validation.swift`; none when the shape has
/// no bare object.
fn payload_swift(ir: &Ir<'_>, path: String) -> Result<Option<GeneratedFile>, RenderError> {
    let shape = ir.payload.as_ref();
    let (Some(view), Some((state, bare))) =
        (payload_view(shape), shape.and_then(Payload::with_bare))
    else {
        return Ok(None);
    };
    let files = [
        state.file.as_str(),
        bare.file.as_str(),
        ir.package.file.as_str(),
    ];
    Ok(Some(swift_file(
        path,
        &files,
        "The callback payload as the spec declares it, validated by the runtime's `Validation.swift`.",
        view.rendered()?,
    )))
}

#[derive(Template)]
#[template(path = "swift/open_enum.swift.jinja", escape = "none")]
struct OpenEnum {
    doc: Vec<String>,
    name: String,
    name_lit: String,
    schema_member: String,
    variants: Vec<VariantView>,
    /// The cases of `Current` ([`Table::current`]).
    current_variants: Vec<VariantView>,
    any_deprecated: bool,
    /// The `[String: Outcome]` literal.
    outcomes: String,
    /// The literals of each deprecated value that `canonical` maps elsewhere, and its replacement.
    replaced: Vec<(String, String)>,
}

struct VariantView {
    ident: String,
    wire: String,
    doc: Vec<String>,
    available: Option<String>,
    outcome: String,
}

fn open_enum(
    name: &str,
    doc: &str,
    schema_member: &str,
    table: &Table<'_>,
) -> Result<String, RenderError> {
    let variants = variant_views(table);
    let replaced = table
        .replaced()
        .map(|(old, new)| (swift_str(old), swift_str(new)))
        .collect();
    let outcomes: Vec<String> = variants
        .iter()
        .filter(|v| v.outcome != "nil")
        .map(|v| format!("{}: {}", v.wire, v.outcome))
        .collect();
    let view = OpenEnum {
        outcomes: if outcomes.is_empty() {
            "[:]".to_owned()
        } else {
            format!("[{}]", outcomes.join(", "))
        },
        doc: comment_lines(doc),
        name: Swift::ty(name),
        name_lit: swift_str(name),
        schema_member: schema_member.to_owned(),
        any_deprecated: variants.iter().any(|v| v.available.is_some()),
        current_variants: variant_views(table)
            .into_iter()
            .zip(&table.values)
            .filter(|(_, v)| v.current)
            .map(|(view, _)| view)
            .collect(),
        variants,
        replaced,
    };
    render(&view)
}

fn swift_file(path: String, sources: &[&str], doc: &str, body: String) -> GeneratedFile {
    let mut contents = header(Swift::COMMENT, sources);
    for line in comment_lines(doc) {
        contents.push_str(format!("// {line}").trim_end());
        contents.push('\n');
    }
    contents.push('\n');
    contents.push_str("import Foundation\n\n");
    GeneratedFile {
        path,
        contents: with_head(&contents, body),
    }
}

fn renamed_variant(r: &str) -> String {
    bare(&Swift::variant(r))
}

/// The cases of an enumeration table.
fn variant_views(table: &Table<'_>) -> Vec<VariantView> {
    table
        .values
        .iter()
        .map(|v| VariantView {
            ident: Swift::variant(v.wire),
            wire: swift_str(v.wire),
            doc: v.text.map(comment_lines).unwrap_or_default(),
            available: available(v.deprecated, renamed_variant),
            outcome: Swift::outcome(v.outcome),
        })
        .collect()
}

fn event_code_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let table = ir.event_codes();
    let body = open_enum("EventCode", &ir.event_code_doc, "eventCode", table)?;
    let sources = table.files();
    Ok(swift_file(
        path,
        &sources,
        "Event codes: status, error and payment result codes.",
        body,
    ))
}

fn result_code_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let table = ir.result_codes();
    let body = open_enum(
        "PaymentResultCode",
        "A `paymentResultCode`: why a payment failed or is in an abnormal state, with its message and handling suggestion.",
        "paymentResultCode",
        table,
    )?;
    let sources = table.files();
    Ok(swift_file(
        path,
        &sources,
        "Payment result codes (`paymentResultCode`) with their messages and suggestions.",
        body,
    ))
}

fn enums_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let mut body = String::new();
    for t in Table::enums(&ir.tables) {
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&open_enum(
            t.name,
            t.description.unwrap_or_default(),
            &member(t.name),
            t,
        )?);
    }
    let sources: Vec<&str> = Table::enums(&ir.tables).filter_map(|t| t.file).collect();
    let sources = if sources.is_empty() {
        vec![ir.package.file.as_str()]
    } else {
        sources
    };
    Ok(swift_file(
        path,
        &sources,
        "Open enumerations of the spec's string fields.",
        body,
    ))
}

#[derive(Template)]
#[template(path = "swift/Metadata.swift.jinja", escape = "none")]
struct MetadataView {
    /// `package.version`, as a literal.
    version: String,
    /// `Action` and `CallbackName`.
    closed: Vec<ClosedEnum>,
    event_codes: Vec<String>,
    result_codes: Vec<String>,
    enums: Vec<EnumInfoView>,
}

struct ClosedEnum {
    doc: Vec<String>,
    name: String,
    variants: Vec<ClosedVariant>,
}

struct ClosedVariant {
    ident: String,
    wire: String,
    doc: Vec<String>,
    description: String,
}

struct EnumInfoView {
    name: String,
    infos: Vec<String>,
}

fn metadata_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let tables = &ir.tables;
    let closed = |doc: &str, name: &str, items: Vec<(&str, &str)>| ClosedEnum {
        doc: comment_lines(doc),
        name: name.to_owned(),
        variants: items
            .into_iter()
            .map(|(name, description)| ClosedVariant {
                ident: Swift::variant(name),
                wire: swift_str(name),
                doc: comment_lines(description),
                description: swift_str(description),
            })
            .collect(),
    };
    let view = MetadataView {
        version: swift_str(&ir.package.version),
        closed: vec![
            closed(
                "What an integrator should do about a code: the spec's closed set of handling actions.",
                "Action",
                ir.actions
                    .iter()
                    .map(|a| (a.name.as_str(), a.description.as_str()))
                    .collect(),
            ),
            closed(
                "The SDK callbacks that deliver event codes.",
                "CallbackName",
                ir.callbacks
                    .iter()
                    .map(|c| (c.name.as_str(), c.description.as_str()))
                    .collect(),
            ),
        ],
        event_codes: ir
            .event_infos()
            .map(|(c, info)| {
                let callbacks = info.callbacks.iter();
                let callbacks = callbacks.map(|cb| format!(".{}", Swift::variant(cb)));
                let fields = [
                    ("code", swift_str(c.wire)),
                    ("kind", Swift::kind(info.kind)),
                    ("callbacks", Swift::list(callbacks.collect())),
                    ("description", swift_str(c.text.unwrap_or_default())),
                    (
                        "descriptionTruncated",
                        info.description_truncated.to_string(),
                    ),
                    ("action", format!(".{}", Swift::variant(info.action))),
                    ("outcome", Swift::outcome(c.outcome)),
                    ("carries", Swift::str_list(info.carries)),
                    ("messages", Swift::str_list(info.messages)),
                    ("deprecated", Swift::deprecation(c.deprecated)),
                ];
                Swift::record("EventCodeInfo", &fields, 8)
            })
            .collect(),
        result_codes: ir
            .result_infos()
            .map(|(c, info)| {
                let fields = [
                    ("code", swift_str(c.wire)),
                    ("message", swift_str(c.text.unwrap_or_default())),
                    ("messageTruncated", info.message_truncated.to_string()),
                    ("suggestion", swift_str(info.suggestion)),
                    ("suggestionTruncated", info.suggestion_truncated.to_string()),
                    ("action", format!(".{}", Swift::variant(info.action))),
                    ("outcome", Swift::outcome(c.outcome)),
                    ("deprecated", Swift::deprecation(c.deprecated)),
                ];
                Swift::record("ResultCodeInfo", &fields, 8)
            })
            .collect(),
        enums: Table::enums(tables)
            .map(|t| EnumInfoView {
                name: Swift::ty(t.name),
                infos: t
                    .values
                    .iter()
                    .map(|v| {
                        let fields = [
                            ("value", swift_str(v.wire)),
                            ("description", Swift::opt_str(v.text)),
                            ("outcome", Swift::outcome(v.outcome)),
                            ("deprecated", Swift::deprecation(v.deprecated)),
                        ];
                        Swift::record("ValueInfo", &fields, 8)
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut contents = header(Swift::COMMENT, &ir.files());
    contents.push_str(&render(&view)?);
    Ok(GeneratedFile { path, contents })
}

#[derive(Template)]
#[template(path = "swift/object.swift.jinja", escape = "none")]
struct ObjectView {
    doc: Vec<String>,
    name: String,
    name_lit: String,
    /// `"Name("`, as `description` starts.
    name_open: String,
    schema_member: String,
    /// `schema_member` without keyword backticks, for the doc comment.
    schema_bare: String,
    fields: Vec<FieldView>,
    checks: Vec<CheckView>,
    sensitive_wires: String,
}

struct FieldView {
    /// The public property.
    ident: String,
    /// The stored property: the public one, or a private one behind a deprecated accessor.
    store: String,
    /// `"name: "`, as `description` shows the field.
    label_lit: String,
    /// `"name: <redacted>"`.
    redacted_lit: String,
    /// The memberwise initializer's internal parameter name.
    param: String,
    doc: Vec<String>,
    available: Option<String>,
    swift_type: String,
    take: &'static str,
    to_json: String,
    /// The schema table entry.
    entry: FieldEntry,
}

/// A field's Swift type, its decoding helper, its encoding expression (from the stored property
/// `store`) and its schema table kind.
fn field_parts(store: &str, value: FieldValue<'_>) -> (String, &'static str, String, String) {
    match value {
        FieldValue::Text => (
            "String".to_owned(),
            "takeString",
            format!("self.{store}.map {{ JSONValue.string($0) }}"),
            ".string".to_owned(),
        ),
        FieldValue::Any => (
            "JSONValue".to_owned(),
            "takeAny",
            format!("self.{store}"),
            ".anyValue".to_owned(),
        ),
        FieldValue::Object(name) => (
            Swift::ty(name),
            "takeObject",
            format!("self.{store}.map {{ JSONValue.object($0.toJSONObject()) }}"),
            format!(".object(.{})", member(name)),
        ),
        FieldValue::Table(kind, name) => (
            Swift::ty(name),
            "takeEnum",
            format!("self.{store}.map {{ JSONValue.string($0.rawValue) }}"),
            format!(".enumeration(.{})", table_member(kind, name)),
        ),
    }
}

/// The `SchemaMember` of an enumeration table.
fn table_member(kind: TableKind, name: &str) -> String {
    match kind {
        TableKind::EventCode => "eventCode".to_owned(),
        TableKind::PaymentResultCode => "paymentResultCode".to_owned(),
        TableKind::Enum => member(name),
    }
}

fn field_view(f: &ir::Field<'_>) -> FieldView {
    let ident = Swift::field(f.name);
    let store = if f.deprecated.is_some() {
        // A leading `_` before a letter is never produced by the name rules.
        format!("_{}", bare(&ident))
    } else {
        ident.clone()
    };
    let (swift_type, take, to_json, kind) = field_parts(&store, f.value);
    FieldView {
        label_lit: swift_str(&format!("{}: ", bare(&ident))),
        redacted_lit: swift_str(&format!("{}: <redacted>", bare(&ident))),
        available: available(f.deprecated, |r| bare(&Swift::field(r))),
        ident,
        store,
        param: format!("v{}", f.index),
        doc: comment_lines(f.description),
        swift_type,
        take,
        to_json,
        entry: Swift::field_entry(f, kind),
    }
}

fn object_view(o: &ir::Object<'_>) -> ObjectView {
    let sensitive: Vec<String> = o.sensitive_names().into_iter().map(str::to_owned).collect();
    ObjectView {
        doc: comment_lines(o.description),
        name: Swift::ty(o.name),
        name_lit: swift_str(o.name),
        name_open: swift_str(&format!("{}(", o.name)),
        schema_member: member(o.name),
        schema_bare: bare(&member(o.name)),
        fields: o.fields.iter().map(field_view).collect(),
        checks: o.checks.iter().map(Swift::check_view).collect(),
        sensitive_wires: Swift::str_list(&sensitive),
    }
}

fn objects_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let mut body = String::new();
    for (i, o) in ir.objects.iter().enumerate() {
        if i > 0 {
            body.push('\n');
        }
        body.push_str(&render(&object_view(o))?);
    }
    let sources: Vec<&str> = ir.objects.iter().map(|o| o.file).collect();
    let sources = if sources.is_empty() {
        vec![ir.package.file.as_str()]
    } else {
        sources
    };
    Ok(swift_file(
        path,
        &sources,
        "Objects carried by the callbacks, with their validation schemas.",
        body,
    ))
}

#[derive(Template)]
#[template(path = "swift/ObjC.swift.jinja", escape = "none")]
struct ObjcView {
    header: String,
    /// The two class names, with the target settings' prefix.
    event_class: String,
    result_class: String,
    event_codes: Vec<ObjcConstant>,
    result_codes: Vec<ObjcConstant>,
    /// The validation class's name (the prefix and `Validation`) and the payload shape it
    /// validates, when the spec declares one.
    validation_class: String,
    payload: Option<PayloadView>,
}

struct ObjcConstant {
    name: String,
    wire: String,
    doc: Vec<String>,
    available: Option<String>,
}

fn objc_swift(ir: &Ir<'_>, path: String) -> Result<GeneratedFile, RenderError> {
    let constants = |codes: &crate::ir::ObjcCodes<'_>| {
        codes
            .constants
            .iter()
            .map(|c| ObjcConstant {
                name: c.name.clone(),
                wire: swift_str(c.wire),
                doc: comment_lines(c.doc),
                available: available(c.deprecated, |r| ObjC.ident(Role::Variant, r)),
            })
            .collect()
    };
    let view = ObjcView {
        header: header(Swift::COMMENT, &ir.files()),
        event_class: ir.objc_event_codes.class.clone(),
        result_class: ir.objc_result_codes.class.clone(),
        event_codes: constants(&ir.objc_event_codes),
        result_codes: constants(&ir.objc_result_codes),
        validation_class: format!("{}Validation", settings::objc_prefix(ir.package)),
        payload: payload_view(ir.payload.as_ref()),
    };
    Ok(GeneratedFile {
        path,
        contents: render(&view)?,
    })
}

/// The identity SwiftPM gives the package of the spec's `package.repository` (the name that
/// `.product(name:package:)` takes): the URL's last path segment without `.git`, lowercased.
/// `None` when the spec names no repository.
pub fn swift_package_identity(spec: &Spec) -> Option<String> {
    package_identity(&spec.package)
}

fn package_identity(package: &Package) -> Option<String> {
    let url = package.repository.as_deref()?;
    let last = url.trim_end_matches('/').rsplit('/').next()?;
    let name = last.strip_suffix(".git").unwrap_or(last);
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// `README.md`: install, then decode and validate, switch on codes, show a message.
#[derive(Template)]
#[template(path = "swift/README.md.jinja", escape = "none")]
struct ReadmeView {
    header: String,
    module: String,
    package: String,
    version: String,
    /// `package.repository` and the identity SwiftPM gives it, when the spec names one.
    repository: Option<(String, String)>,
    payload: Option<PayloadView>,
    /// The `Current` cases the switch names: every current event code ([`Table::current`]), as
    /// an identifier, with the literal of its action.
    switch_cases: Vec<(String, String)>,
}

fn readme(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let view = ReadmeView {
        header: header(Comment::MARKDOWN, &ir.files()),
        module: settings::swift_module(package).to_owned(),
        package: package.name.clone(),
        version: package.version.clone(),
        repository: package.repository.clone().zip(package_identity(package)),
        payload: payload_view(ir.payload.as_ref()),
        switch_cases: ir
            .event_codes()
            .current()
            .map(|c| {
                let action = match c.info {
                    ir::Info::Event(info) => info.action,
                    _ => "",
                };
                (Swift::variant(c.wire), swift_str(action))
            })
            .collect(),
    };
    Ok(GeneratedFile {
        path: "README.md".to_owned(),
        contents: render(&view)?,
    })
}

#[derive(Template)]
#[template(path = "swift/Tests.swift.jinja", escape = "none")]
struct TestsView {
    header: String,
    module: String,
    /// `targets.swift.objc_prefix`, in front of each Objective-C class name.
    prefix: String,
    event_code_count: usize,
    result_code_count: usize,
    enums: Vec<TestEnum>,
    samples: Vec<TestJson>,
    objects: Vec<TestJson>,
    redactions: Vec<TestRedaction>,
    first_event: Option<TestCode>,
    first_result: Option<TestCode>,
    deprecated: Vec<TestDeprecated>,
    payload: Option<PayloadView>,
    /// Every object type: its Swift type, schema member and name as a literal.
    object_types: Vec<TestObjectType>,
    /// Each value that `canonical` maps elsewhere.
    replaced: Vec<TestReplaced>,
}

struct TestObjectType {
    ty: String,
    schema: String,
    name_lit: String,
}

struct TestReplaced {
    ty: String,
    old: String,
    new: String,
}

struct TestEnum {
    name: String,
    count: usize,
}

/// A JSON text to decode as `ty` and encode back unchanged.
struct TestJson {
    name: String,
    ty: String,
    json: String,
}

struct TestRedaction {
    ty: String,
    /// Each sensitive string field set to a recognizable secret.
    json: String,
    /// The same secrets with the wrong JSON type, so they land in `extraJSON`.
    wrong_types_json: String,
    secrets: Vec<String>,
}

struct TestCode {
    wire: String,
    objc: String,
    message: String,
}

struct TestDeprecated {
    ty: &'static str,
    wire: String,
}

fn test_code(code: &str, message: &str) -> TestCode {
    TestCode {
        wire: swift_str(code),
        objc: ObjC.ident(Role::Variant, code),
        message: swift_str(message),
    }
}

fn json_lit(object: serde_json::Map<String, serde_json::Value>) -> String {
    swift_str(&serde_json::Value::Object(object).to_string())
}

/// For each object with sensitive string fields: the object with each set to a recognizable
/// secret, and with each of the wrong JSON type.
fn test_redactions(objects: &[ir::Object<'_>]) -> Vec<TestRedaction> {
    objects
        .iter()
        .filter_map(|o| {
            let (right, wrong, secrets) = secrets_of(objects, o, 0);
            (!secrets.is_empty()).then(|| TestRedaction {
                ty: Swift::ty(o.name),
                json: json_lit(right),
                wrong_types_json: json_lit(wrong),
                secrets: secrets.iter().map(|s| swift_str(s)).collect(),
            })
        })
        .collect()
}

/// The sensitive string fields of `o` and of the objects it holds (to a few levels): each set to
/// a recognizable secret, and each with the wrong JSON type; and the secrets.
fn secrets_of(
    objects: &[ir::Object<'_>],
    o: &ir::Object<'_>,
    depth: usize,
) -> (
    serde_json::Map<String, serde_json::Value>,
    serde_json::Map<String, serde_json::Value>,
    Vec<String>,
) {
    use serde_json::{Map, Value, json};
    let mut right = Map::new();
    let mut wrong = Map::new();
    let mut secrets = Vec::new();
    for f in &o.fields {
        if f.sensitive && f.value.is_string_like() {
            let secret = format!("SECRET-{}", f.name);
            right.insert(f.name.to_owned(), json!(secret));
            wrong.insert(f.name.to_owned(), json!([secret]));
            secrets.push(secret);
        } else if let FieldValue::Object(name) = f.value {
            let Some(inner) = objects.iter().find(|i| i.name == name) else {
                continue;
            };
            if depth >= 3 {
                continue;
            }
            let (r, w, s) = secrets_of(objects, inner, depth + 1);
            if !s.is_empty() {
                right.insert(f.name.to_owned(), Value::Object(r));
                wrong.insert(f.name.to_owned(), Value::Object(w));
                secrets.extend(s);
            }
        }
    }
    (right, wrong, secrets)
}

/// Every known field of each object with the wrong JSON type, and an unknown key: all kept as
/// they are.
fn test_objects(objects: &[ir::Object<'_>]) -> Vec<TestJson> {
    use serde_json::{Map, json};
    objects
        .iter()
        .map(|o| {
            let mut object = Map::new();
            for f in &o.fields {
                let wrong = match f.value {
                    FieldValue::Object(_) => json!("not an object"),
                    FieldValue::Any => json!({"any": [1, 2.5, null]}),
                    _ => json!(7),
                };
                object.insert(f.name.to_owned(), wrong);
            }
            object.insert(
                "antomUnknownKey".to_owned(),
                json!([1, -2.5, true, null, "\\(x) \u{1F600}", {"nested": {}}]),
            );
            TestJson {
                name: swift_str(&format!("{} with unknown keys and wrong types", o.name)),
                ty: Swift::ty(o.name),
                json: json_lit(object),
            }
        })
        .collect()
}

fn tests_swift(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let module = settings::swift_module(ir.package).to_owned();
    let (events, results) = (&ir.event_codes().values, &ir.result_codes().values);
    let view = TestsView {
        header: header(Swift::COMMENT, &ir.files()),
        prefix: settings::objc_prefix(ir.package).to_owned(),
        event_code_count: events.len(),
        result_code_count: results.len(),
        enums: Table::enums(&ir.tables)
            .map(|t| TestEnum {
                name: Swift::ty(t.name),
                count: t.values.len(),
            })
            .collect(),
        samples: ir
            .samples
            .iter()
            .map(|s| TestJson {
                name: swift_str(&s.name),
                ty: Swift::ty(&s.ty),
                json: swift_str(&s.json),
            })
            .collect(),
        objects: test_objects(&ir.objects),
        redactions: test_redactions(&ir.objects),
        first_event: events
            .iter()
            .find(|c| c.deprecated.is_none())
            .map(|c| test_code(c.wire, c.text.unwrap_or_default())),
        first_result: results
            .iter()
            .find(|c| c.deprecated.is_none())
            .map(|c| test_code(c.wire, c.text.unwrap_or_default())),
        deprecated: events
            .iter()
            .filter(|c| c.deprecated.is_some())
            .map(|c| TestDeprecated {
                ty: "EventCode",
                wire: swift_str(c.wire),
            })
            .chain(
                results
                    .iter()
                    .filter(|c| c.deprecated.is_some())
                    .map(|c| TestDeprecated {
                        ty: "PaymentResultCode",
                        wire: swift_str(c.wire),
                    }),
            )
            .collect(),
        payload: payload_view(ir.payload.as_ref()),
        object_types: ir
            .objects
            .iter()
            .map(|o| TestObjectType {
                ty: Swift::ty(o.name),
                schema: member(o.name),
                name_lit: swift_str(o.name),
            })
            .collect(),
        replaced: ir
            .tables
            .iter()
            .flat_map(|t| {
                t.replaced().map(|(old, new)| TestReplaced {
                    ty: Swift::ty(t.name),
                    old: swift_str(old),
                    new: swift_str(new),
                })
            })
            .collect(),
        module: module.clone(),
    };
    Ok(GeneratedFile {
        path: format!("Tests/{module}Tests/{module}Tests.swift"),
        contents: render(&view)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swift_str_escapes_what_swift_reads_specially() {
        assert_eq!(swift_str(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(swift_str("\\(x)"), r#""\\(x)""#);
        assert_eq!(swift_str("\n\r\t\0\u{7}"), r#""\n\r\t\0\u{7}""#);
        assert_eq!(swift_str("\u{2028}\u{202E}😀"), "\"\\u{2028}\\u{202E}😀\"");
        assert_eq!(swift_str("/* a /* \n/*/"), r#""\u{2F}* a /* \n\u{2F}*/""#);
    }
}
