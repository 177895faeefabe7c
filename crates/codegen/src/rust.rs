//! Rust target: `crates/callback/src/generated/`, the types and schema tables of `antom-callback`.
//!
//! Decisions:
//! - Open enumerations (`EventCode`, `PaymentResultCode`, every spec enum) share one vocabulary:
//!   `From<&str>`/`From<String>`/`FromStr` parse and never fail, `as_str` is the wire value,
//!   `is_known`, `known() -> Result<Known<Name>, &str>`, `canonical()` (the end of a deprecated
//!   value's replacements, `TableValue::canonical`), `info`. The open type is `#[non_exhaustive]`
//!   (a code added in a minor version breaks no `match`). `Known<Name>` is a plain enum, not
//!   `#[non_exhaustive]`, so a `match` that leaves a value out fails to compile naming it
//!   (`tests/tests/compile_rust.rs`), with `ALL`, `as_str`, `parse -> Option`, `info` and `From`
//!   into the open type; its doc says it grows in minor versions. Its variants are not
//!   `#[deprecated]` (an exhaustive `match` must name them and many builds deny warnings): their
//!   doc carries the deprecation, while the open type's variants keep the attribute, so naming
//!   `EventCode::SdkCallUrlError` warns and `code.canonical()` handles it silently.
//! - Generated Rust names nothing a spec name could shadow: impls use `Self` (a type named `D`
//!   would shadow `D: Deserializer`), `from_str` spells `std::convert::Infallible` (`Self::Err`
//!   is ambiguous with a variant `Err`), and each pattern is a `static` in its own block
//!   (`Ab`.`cD` and `AbC`.`d` would share a global name).
//! - A decoded payload validates without its JSON: each object's generated `Fields::walk`
//!   (`field_walk`) hands the validator only what can break (a field with a `max_length` or
//!   pattern, an unknown enumeration value, a nested object, a kept key of the wrong type), then
//!   runs its cross-field checks on typed fields; `antom_callback::validate` explains the two ways.

pub(crate) mod names;

use crate::ir::{self, FieldValue, Ir, Table};
use crate::syntax::{CheckView, FieldEntry, Syntax, Validator};
use crate::{Render, RenderError};
use antom_spec::Naming;
use antom_spec::names::{pascal, screaming};
use antom_spec::{CheckPath, Deprecation};
use askama::Template;

use crate::lit::{comment_lines, rust_str};
use crate::version::Site;
use crate::{Comment, GeneratedFile, Generator, header, with_head};

pub(crate) struct Rust;

impl Generator for Rust {
    fn name(&self) -> &'static str {
        "rust"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&Rust)
    }
    fn repo_dir(&self) -> &'static str {
        "crates/callback/src/generated"
    }
    fn version_sites(&self, _package: &antom_spec::Package) -> Vec<Site> {
        vec![Site::new("mod.rs", "pub const SPEC_VERSION: &str = ")]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        Ok(vec![
            mod_rs(ir),
            event_code_rs(ir)?,
            result_code_rs(ir)?,
            names_rs(ir)?,
            enums_rs(ir)?,
            objects_rs(ir)?,
        ])
    }
}

impl Syntax for Rust {
    const NAMING: &'static dyn Naming = &Rust;
    const COMMENT: Comment = Comment::line("// ");
    const NONE: &'static str = "None";

    fn str_lit(s: &str) -> String {
        rust_str(s)
    }
    fn some(value: String) -> String {
        format!("Some({value})")
    }
    fn list(items: Vec<String>) -> String {
        format!("&[{}]", items.join(", "))
    }
    fn member(enumeration: &str, case: &str) -> String {
        format!("{enumeration}::{}", pascal(case))
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("Deprecation {{ replaced_by: {replaced_by}, note: {note} }}")
    }
}

impl Validator for Rust {
    /// A struct literal, a comma after every field.
    fn record(ty: &str, fields: &[(&str, String)], indent: usize) -> String {
        let mut out = format!("{ty} {{\n");
        for (name, value) in fields {
            out.push_str(&format!("{:pad$}{name}: {value},\n", "", pad = indent + 4));
        }
        out.push_str(&format!("{:indent$}}}", ""));
        out
    }
    /// Each pattern is a static in its own block, so no two can share a name (object `Ab` with
    /// field `cD` and object `AbC` with field `d` would, as `AB_C_D_PATTERN`).
    fn pattern_record(source: String, format: String) -> String {
        format!(
            "{{\n                static PATTERN: Pattern = Pattern::new({source}, {format});\n                &PATTERN\n            }}"
        )
    }
}

/// The `#[deprecated(note = ...)]` text.
fn deprecated_note(d: Option<&Deprecation>) -> Option<String> {
    d.map(|d| rust_str(&d.message()))
}

fn file(path: &str, sources: &[&str], doc: &str, uses: &str, body: String) -> GeneratedFile {
    let mut contents = header(Rust::COMMENT, sources);
    for line in comment_lines(doc) {
        contents.push_str(format!("//! {line}").trim_end());
        contents.push('\n');
    }
    contents.push('\n');
    if !uses.is_empty() {
        for line in uses.lines() {
            if line.starts_with("use ") {
                contents.push_str("#[allow(unused_imports)]\n");
            }
            contents.push_str(line);
            contents.push('\n');
        }
        contents.push('\n');
    }
    GeneratedFile {
        path: path.to_owned(),
        contents: with_head(&contents, body),
    }
}

fn mod_rs(ir: &Ir<'_>) -> GeneratedFile {
    let mut body = String::from(
        "mod enums;\nmod event_code;\nmod names;\nmod objects;\nmod payment_result_code;\n\n",
    );
    // A glob that re-exports nothing is an unused import: a spec may have no enum or no object.
    for (module, empty) in [
        ("enums", ir.enums().next().is_none()),
        ("event_code", false),
        ("names", false),
        ("objects", ir.objects.is_empty()),
        ("payment_result_code", false),
    ] {
        if !empty {
            body.push_str(&format!("pub use {module}::*;\n"));
        }
    }
    // Lint admits only a semantic version here: ASCII digits, letters, `.`, `-` and `+`.
    body.push_str(&format!(
        "\n/// The version of the spec these types come from (`package.version`), which is also the\n/// version of this crate.\npub const SPEC_VERSION: &str = {:?};\n",
        ir.package.version
    ));
    file(
        "mod.rs",
        &ir.files(),
        "Types generated from the spec.",
        "",
        body,
    )
}

#[derive(Template)]
#[template(path = "rust/open_enum.rs.jinja", escape = "none")]
struct OpenEnum {
    doc: Vec<String>,
    name: String,
    /// The closed type of the known values: `Known<Name>`.
    known: String,
    /// The closed type of the current values (what `canonical` returns): `Current<Name>`.
    current: String,
    name_lit: String,
    variants: Vec<VariantView>,
    /// The variants of `Current<Name>` ([`Table::current`]).
    current_variants: Vec<VariantView>,
    info_type: &'static str,
    info_table: String,
    schema_const: String,
}

struct VariantView {
    ident: String,
    wire: String,
    doc: Vec<String>,
    /// The closed type's doc: the value's, then its deprecation (the closed type's variants are
    /// not `#[deprecated]`: an exhaustive `match` must name them).
    known_doc: Vec<String>,
    deprecated: Option<String>,
    outcome: String,
    /// The variant of its canonical value ([`ir::TableValue::canonical`]).
    canonical: String,
}

impl VariantView {
    fn new(v: &ir::TableValue<'_>) -> VariantView {
        let doc = v.text.map(comment_lines).unwrap_or_default();
        let mut known_doc = doc.clone();
        if let Some(d) = v.deprecated {
            if !known_doc.is_empty() {
                known_doc.push(String::new());
            }
            known_doc.extend(comment_lines(&format!("Deprecated: {}", d.message())));
        }
        VariantView {
            ident: Rust::variant(v.wire),
            wire: rust_str(v.wire),
            doc,
            known_doc,
            deprecated: deprecated_note(v.deprecated),
            outcome: Rust::outcome(v.outcome),
            canonical: Rust::variant(v.canonical),
        }
    }
}

/// The closed type of an open enumeration's known values.
fn known_type(name: &str) -> String {
    format!("Known{}", Rust::ty(name))
}

/// The closed type of an open enumeration's current values.
fn current_type(name: &str) -> String {
    format!("Current{}", Rust::ty(name))
}

fn open_enum(
    table: &Table<'_>,
    doc: &str,
    info_type: &'static str,
    infos: Vec<String>,
) -> Result<String, RenderError> {
    let name = table.name;
    let view = OpenEnum {
        doc: comment_lines(doc),
        name: Rust::ty(name),
        known: known_type(name),
        name_lit: rust_str(name),
        current: current_type(name),
        variants: table.values.iter().map(VariantView::new).collect(),
        current_variants: table.current().map(VariantView::new).collect(),
        info_type,
        info_table: format!("{}_INFO", screaming(name)),
        schema_const: format!("{}_SCHEMA", screaming(name)),
    };
    let mut out = view.rendered()?;
    out.push_str(&format!(
        "\n\n/// What the spec says about each known value of [`{}`], in wire-value order.\npub static {}: [{info_type}; {}] = [\n",
        view.name,
        view.info_table,
        infos.len()
    ));
    for info in infos {
        out.push_str(&format!("    {info},\n"));
    }
    out.push_str("];\n");
    Ok(out)
}

fn event_code_rs(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let infos = ir
        .event_infos()
        .map(|(c, info)| {
            let callbacks = info.callbacks.iter();
            let callbacks = callbacks.map(|cb| format!("CallbackName::{}", Rust::variant(cb)));
            let fields = [
                ("code", rust_str(c.wire)),
                ("kind", Rust::kind(info.kind)),
                ("callbacks", Rust::list(callbacks.collect())),
                ("description", rust_str(c.text.unwrap_or_default())),
                (
                    "description_truncated",
                    info.description_truncated.to_string(),
                ),
                ("action", format!("Action::{}", Rust::variant(info.action))),
                ("outcome", Rust::outcome(c.outcome)),
                ("carries", Rust::str_list(info.carries)),
                ("messages", Rust::str_list(info.messages)),
                ("deprecated", Rust::deprecation(c.deprecated)),
            ];
            Rust::record("EventCodeInfo", &fields, 4)
        })
        .collect();
    let body = open_enum(ir.event_codes(), &ir.event_code_doc, "EventCodeInfo", infos)?;
    let sources = ir.event_codes().files();
    Ok(file(
        "event_code.rs",
        &sources,
        "Event codes: status, error and payment result codes.",
        "use super::{Action, CallbackName};\nuse crate::meta::{Deprecation, EventCodeInfo, EventKind, Outcome};\nuse crate::validate::EnumSchema;",
        body,
    ))
}

fn result_code_rs(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let infos = ir
        .result_infos()
        .map(|(c, info)| {
            let fields = [
                ("code", rust_str(c.wire)),
                ("message", rust_str(c.text.unwrap_or_default())),
                ("message_truncated", info.message_truncated.to_string()),
                ("suggestion", rust_str(info.suggestion)),
                (
                    "suggestion_truncated",
                    info.suggestion_truncated.to_string(),
                ),
                ("action", format!("Action::{}", Rust::variant(info.action))),
                ("outcome", Rust::outcome(c.outcome)),
                ("deprecated", Rust::deprecation(c.deprecated)),
            ];
            Rust::record("ResultCodeInfo", &fields, 4)
        })
        .collect();
    let body = open_enum(
        ir.result_codes(),
        "A `paymentResultCode`: why a payment failed or is in an abnormal state, with its message and handling suggestion.",
        "ResultCodeInfo",
        infos,
    )?;
    let sources = ir.result_codes().files();
    Ok(file(
        "payment_result_code.rs",
        &sources,
        "Payment result codes (`paymentResultCode`) with their messages and suggestions.",
        "use super::Action;\nuse crate::meta::{Deprecation, Outcome, ResultCodeInfo};\nuse crate::validate::EnumSchema;",
        body,
    ))
}

#[derive(Template)]
#[template(path = "rust/closed_enum.rs.jinja", escape = "none")]
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

fn names_rs(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let actions = ClosedEnum {
        doc: comment_lines(
            "What an integrator should do about a code: the spec's closed set of handling actions.",
        ),
        name: "Action".to_owned(),
        variants: ir
            .actions
            .iter()
            .map(|a| ClosedVariant {
                ident: Rust::variant(&a.name),
                wire: rust_str(&a.name),
                doc: comment_lines(&a.description),
                description: rust_str(&a.description),
            })
            .collect(),
    };
    let callbacks = ClosedEnum {
        doc: comment_lines("The SDK callbacks that deliver event codes."),
        name: "CallbackName".to_owned(),
        variants: ir
            .callbacks
            .iter()
            .map(|c| ClosedVariant {
                ident: Rust::variant(&c.name),
                wire: rust_str(&c.name),
                doc: comment_lines(&c.description),
                description: rust_str(&c.description),
            })
            .collect(),
    };
    let body = format!("{}\n\n{}", actions.rendered()?, callbacks.rendered()?);
    let mut sources: Vec<&str> = ir.callbacks.iter().map(|c| c.file.as_str()).collect();
    sources.push(&ir.package.file);
    Ok(file(
        "names.rs",
        &sources,
        "Handling actions and callback names.",
        "",
        body,
    ))
}

fn enums_rs(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let mut body = String::new();
    for t in Table::enums(&ir.tables) {
        let infos = t
            .values
            .iter()
            .map(|v| {
                format!(
                    "ValueInfo {{\n        value: {},\n        description: {},\n        outcome: {},\n        deprecated: {},\n    }}",
                    rust_str(v.wire),
                    Rust::opt_str(v.text),
                    Rust::outcome(v.outcome),
                    Rust::deprecation(v.deprecated),
                )
            })
            .collect();
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&open_enum(
            t,
            t.description.unwrap_or_default(),
            "ValueInfo",
            infos,
        )?);
    }
    let sources: Vec<&str> = Table::enums(&ir.tables).filter_map(|t| t.file).collect();
    Ok(file(
        "enums.rs",
        &sources,
        "Open enumerations of the spec's string fields.",
        "use crate::meta::{Deprecation, Outcome, ValueInfo};\nuse crate::validate::EnumSchema;",
        body,
    ))
}

#[derive(Template)]
#[template(path = "rust/object.rs.jinja", escape = "none")]
struct ObjectView {
    doc: Vec<String>,
    name: String,
    name_lit: String,
    schema_const: String,
    fields: Vec<FieldView>,
    checks: Vec<RustCheckView>,
}

struct FieldView {
    ident: String,
    ident_lit: String,
    doc: Vec<String>,
    deprecated: Option<String>,
    rust_type: String,
    take: &'static str,
    to_value: String,
    /// The field's statement in the validator's walk (`Fields::walk`).
    walk: String,
    /// The schema table entry.
    entry: FieldEntry,
}

struct RustCheckView {
    /// The check's statement in the validator's walk (`Fields::walk`).
    walk: String,
    /// The schema table entry.
    check: CheckView,
    /// Each path's field indices.
    indices: Vec<Vec<usize>>,
}

/// A check field's value in the decoded object: `Option<&T>` of the last field's type, read with
/// `last` (`as_ref`, or `as_deref` for a `&str`).
fn typed_path(path: &CheckPath, last: &str) -> String {
    let steps = &path.steps;
    if steps.is_empty() {
        return "None".to_owned();
    }
    let mut expr = String::new();
    for (i, step) in steps.iter().enumerate() {
        let ident = Rust::field(&step.name);
        let read = if i + 1 == steps.len() { last } else { "as_ref" };
        expr = if i == 0 {
            format!("self.{ident}.{read}()")
        } else {
            format!("{expr}.and_then(|o| o.{ident}.{read}())")
        };
    }
    expr
}

/// A check's statement in the validator's walk: its fields' values (`steps`, a path each), read
/// from the decoded object.
fn check_walk(index: usize, kind: antom_spec::CheckKind, paths: &[CheckPath]) -> String {
    let paths = paths.iter();
    match kind {
        antom_spec::CheckKind::DigitsSuffix => {
            let values: Vec<String> = paths.map(|p| typed_path(p, "as_deref")).collect();
            format!("walk.digits_suffix({index}, {});", values.join(", "))
        }
        antom_spec::CheckKind::SameOutcome => {
            let values: Vec<String> = paths
                .map(|p| typed_path(p, "as_ref"))
                .map(|v| {
                    format!("{v}.and_then(|v| v.info().and_then(|i| i.outcome).map(|o| (v.as_str(), o)))")
                })
                .collect();
            format!("walk.same_outcome({index}, &[{}]);", values.join(", "))
        }
    }
}

/// The name of an object's or enumeration's schema table.
fn schema_const(name: &str) -> String {
    format!("{}_SCHEMA", screaming(name))
}

/// A field's Rust type, its decoding helper, its encoding expression and its schema table kind.
fn field_parts(ident: &str, value: FieldValue<'_>) -> (String, &'static str, String, String) {
    match value {
        FieldValue::Text => (
            "String".to_owned(),
            "take_string",
            format!("self.{ident}.as_ref().map(|v| serde_json::Value::String(v.clone()))"),
            "FieldKind::String".to_owned(),
        ),
        FieldValue::Any => (
            "serde_json::Value".to_owned(),
            "take_any",
            format!("self.{ident}.clone()"),
            "FieldKind::Any".to_owned(),
        ),
        FieldValue::Object(name) => (
            Rust::ty(name),
            "take_object",
            format!("self.{ident}.as_ref().map(JsonObject::to_value)"),
            format!("FieldKind::Object(&{})", schema_const(name)),
        ),
        FieldValue::Table(_, name) => (
            Rust::ty(name),
            "take_enum",
            format!(
                "self.{ident}.as_ref().map(|v| serde_json::Value::String(v.as_str().to_owned()))"
            ),
            format!("FieldKind::Enum(&{})", schema_const(name)),
        ),
    }
}

/// What the validator's walk needs of a field: nothing for a value that has no constraint to
/// break, the kept keys when it has no value.
fn field_walk(ident: &str, f: &ir::Field<'_>) -> String {
    let index = f.index;
    let absent = if f.required {
        format!("walk.missing({index})")
    } else {
        format!("walk.absent({index})")
    };
    let constrained = f.max_length.is_some() || f.pattern.is_some();
    match f.value {
        FieldValue::Text if !constrained => format!("if self.{ident}.is_none() {{ {absent}; }}"),
        FieldValue::Text => format!(
            "match &self.{ident} {{ Some(v) => walk.string({index}, v), None => {absent} }}"
        ),
        FieldValue::Any if f.required => format!(
            "if self.{ident}.as_ref().is_none_or(serde_json::Value::is_null) {{ {absent}; }}"
        ),
        FieldValue::Any => format!("if self.{ident}.is_none() {{ {absent}; }}"),
        FieldValue::Object(_) => format!(
            "match &self.{ident} {{ Some(v) => walk.object({index}, v), None => {absent} }}"
        ),
        FieldValue::Table(..) if !constrained => format!(
            "match &self.{ident} {{ Some(v) if v.is_known() => {{}} Some(v) => walk.enumeration({index}, v.as_str(), false), None => {absent} }}"
        ),
        FieldValue::Table(..) => format!(
            "match &self.{ident} {{ Some(v) => walk.enumeration({index}, v.as_str(), v.is_known()), None => {absent} }}"
        ),
    }
}

fn field_view(f: &ir::Field<'_>) -> FieldView {
    let ident = Rust::field(f.name);
    let (rust_type, take, to_value, kind) = field_parts(&ident, f.value);
    FieldView {
        walk: field_walk(&ident, f),
        ident_lit: rust_str(ident.trim_start_matches("r#")),
        doc: comment_lines(f.description),
        deprecated: deprecated_note(f.deprecated),
        rust_type,
        take,
        to_value,
        entry: Rust::field_entry(f, kind),
        ident,
    }
}

fn object_view(o: &ir::Object<'_>) -> ObjectView {
    let checks = o
        .checks
        .iter()
        .enumerate()
        .map(|(index, c)| RustCheckView {
            walk: check_walk(index, c.kind, &c.paths),
            check: Rust::check_view(c),
            indices: c
                .paths
                .iter()
                .map(|p| p.steps.iter().map(|s| s.index).collect())
                .collect(),
        })
        .collect();
    ObjectView {
        doc: comment_lines(o.description),
        name: Rust::ty(o.name),
        name_lit: rust_str(o.name),
        schema_const: schema_const(o.name),
        fields: o.fields.iter().map(field_view).collect(),
        checks,
    }
}

fn objects_rs(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let mut body = String::new();
    for (i, o) in ir.objects.iter().enumerate() {
        if i > 0 {
            body.push_str("\n\n");
        }
        body.push_str(&object_view(o).rendered()?);
    }
    let sources: Vec<&str> = ir.objects.iter().map(|o| o.file).collect();
    Ok(file(
        "objects.rs",
        &sources,
        "Objects carried by the callbacks, with their validation schemas.",
        "use super::*;\nuse crate::json::{JsonObject, debug_extra, debug_value, put, redact, take_any, take_enum, take_object, take_string};\nuse crate::validate::{CheckKind, CheckSchema, FieldKind, FieldSchema, Fields, ObjectSchema, Pattern, Report, Walk, validate_fields};",
        body,
    ))
}
