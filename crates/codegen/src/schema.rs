//! JSON Schema target: the spec files' own schema, for editors, and the payload schemas.
//!
//! Two flavours of the callback payload schema (draft 2020-12), one file each:
//! - `payload.lenient.schema.json`: valid exactly when the validators report no error
//!   (enumerations are open: known values are `examples`; checks are left out).
//! - `payload.strict.schema.json`: valid exactly when they report neither error nor warning
//!   (known values are an `enum`, and the cross-field checks are spelled out with `if`/`then`).
//!
//! Each has a `$defs` entry for every object and enumeration of the spec, and a root that
//! picks the payload's shape declared in the spec (`payload:`) as the validators do: an object
//! with the discriminant's key is the callback state, anything else the bare object. The files
//! are written with keys in a
//! reading order (`$comment` first, so the `@generated` header is on line 2), not sorted.
//!
//! Decisions:
//! - One verdict per flavour: lenient is valid exactly when the validators report no error, strict
//!   when they report no error and no warning. Optional fields are `["string", "null"]` or `anyOf
//!   [.., null]` (null counts as absent); required ones must be present and not null. Known values
//!   are `examples` (lenient) or `enum` (strict), each with its meaning in the definition's
//!   `description`: JSON Schema has no per-value annotation, so a deprecated value says so there,
//!   while deprecated fields carry `deprecated: true`. The spec's free-text `format` goes into
//!   descriptions (a `format` keyword would be an unknown format to validators).
//! - The root picks the shape as `validate` does. Strict: `if` (an object with the discriminant)
//!   `then` the state `else` the bare object. Lenient: the equivalent `oneOf`, the bare object
//!   with `properties.<discriminant>: {not: {}}`, because typify, which reads the lenient schema,
//!   implements no `if`/`then`/`else` and ignores a `false` property schema.
//! - Cross-field checks in the strict schema may assume every field has its type, length and
//!   pattern (a payload with an error fails both flavours anyway). `same_outcome`: `anyOf` over
//!   the outcomes `o` of "no field holds a known value whose outcome is not `o`". `digits_suffix`
//!   [a, b] is spelled out per length n of a up to a's `maxLength`, position and digit; exact for
//!   any a with a `maxLength` (every use has one: `lastFour`, 4). Without `maxLength` the strict
//!   schema puts only a `$comment` and a `description` saying the check is not judged (no spec
//!   does; `tests/tests/schema.rs` would fail on the first payload that trips it).
//! - typify checks the schema; it does not make the runtime types. Ours parse leniently, one
//!   validator reports every violation with its pointer, and the names are ours; typify's strict
//!   serde types are a third, independent reading of the lenient schema: what our validator
//!   accepts must deserialize, what it rejects must fail (except `{"code": null}`, which typify
//!   reads as an absent `code`).
//! - Built as an ordered JSON value (`J`, `O`) so keys are printed in reading order.

use crate::RenderError;
use crate::ir::{Field, FieldValue, Ir, Object, Table};
use antom_spec::{CheckKind, EventKind, FieldType, Outcome};

use crate::{GeneratedFile, Generator, json_header};

mod ordered;
use ordered::{J, O, render, strs};

pub(crate) struct Schema;

impl Generator for Schema {
    fn name(&self) -> &'static str {
        "schema"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/schema"
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        Ok(vec![
            spec_file_schema(&ir.files()),
            payload(ir, Flavour::Lenient),
            payload(ir, Flavour::Strict),
        ])
    }
}

/// The draft every schema here follows.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

fn spec_file_schema(files: &[&str]) -> GeneratedFile {
    let mut schema = antom_spec::spec_file_schema(&crate::TARGETS);
    // schemars names Rust's integer widths (`uint64`), which no JSON Schema validator knows.
    crate::catalog::drop_numeric_formats(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$comment".to_owned(), json_header(files).into());
    }
    GeneratedFile {
        path: "spec.schema.json".to_owned(),
        contents: crate::lit::pretty_json(&schema),
    }
}

/// Which verdict a payload schema reproduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavour {
    /// Valid when the validators report no error.
    Lenient,
    /// Valid when the validators report no error and no warning.
    Strict,
}

impl Flavour {
    fn name(self) -> &'static str {
        match self {
            Flavour::Lenient => "lenient",
            Flavour::Strict => "strict",
        }
    }
}

/// The file name of a payload schema.
fn file_name(flavour: Flavour) -> String {
    format!("payload.{}.schema.json", flavour.name())
}

// ---------------------------------------------------------------------------------------------
// The payload schemas.

fn def_ref(name: &str) -> String {
    format!("#/$defs/{name}")
}

fn payload(ir: &Ir<'_>, flavour: Flavour) -> GeneratedFile {
    let (package, shape) = (ir.package, ir.payload.as_ref());
    let files = ir.files();
    let (state, result) = (shape.map(|p| p.state), shape.and_then(|p| p.bare));
    // The discriminant's key and the callback's name.
    let (key, callback) = shape.map_or(("", ""), |p| {
        (p.discriminant.name.as_str(), p.callback.name.as_str())
    });

    let mut defs: Vec<(String, J)> = Vec::new();
    defs.push(("EventCode".to_owned(), event_code_def(ir, flavour)));
    defs.push(("PaymentResultCode".to_owned(), result_code_def(ir, flavour)));
    for e in ir.enums() {
        let values: Vec<(String, String)> = e
            .values
            .iter()
            .map(|v| {
                let mut text = v.text.unwrap_or_default().to_owned();
                if let Some(d) = v.deprecated {
                    text = join_sentences(&text, &deprecation_text(d));
                }
                (v.wire.to_owned(), text)
            })
            .collect();
        let description = e.description.unwrap_or_default();
        defs.push((e.name.to_owned(), enum_def(description, &values, flavour)));
    }
    for o in &ir.objects {
        defs.push((o.name.to_owned(), object_def(ir, o, flavour)));
    }
    defs.sort_by(|a, b| a.0.cmp(&b.0));

    // typify names the root type after the title: `CallbackPayload`.
    let title = "Callback payload";
    let verdict = match flavour {
        Flavour::Lenient => {
            "Valid exactly when the validators report no error: unknown values of the open \
             enumerations are allowed, optional fields may be null, unknown keys are allowed."
        }
        Flavour::Strict => {
            "Valid exactly when the validators report neither error nor warning: values must be \
             known ones and the cross-field checks must hold."
        }
    };
    let shapes = match (state, result) {
        (Some(s), Some(r)) => format!(
            "An object with a `{key}` key is the `{callback}` state (`{}`); anything else is \
             a bare result (`{}`).",
            s.name, r.name
        ),
        (Some(s), None) => format!("The `{callback}` state (`{}`).", s.name),
        _ => "The spec declares no payload shape: only the definitions apply.".to_owned(),
    };
    let description = format!(
        "{}\n\n{shapes} {verdict} Each object and enumeration of the spec is under `$defs`.",
        package.description.trim_end()
    );
    let mut root = O::new()
        .set("$comment", json_header(&files))
        .set("$schema", DRAFT)
        .set(
            "$id",
            format!("urn:{}:{}", package.name, file_name(flavour)),
        )
        .set("title", title)
        .set("description", description);
    match (state, result) {
        (Some(state), Some(result)) => {
            let state_branch = if state.fields.iter().any(|f| f.name == key && f.required) {
                O::new()
                    .set("title", "Callback state")
                    .set("$ref", def_ref(&state.name))
            } else {
                O::new()
                    .set("title", "Callback state")
                    .set("type", "object")
                    .set("properties", O::new().set(key, true))
                    .set("required", strs(&[key]))
                    .set("$ref", def_ref(&state.name))
            };
            match flavour {
                // typify (which reads this flavour) cannot read `if`/`then`/`else`; this `oneOf`
                // is the same choice: the bare branch rejects the discriminant's key.
                Flavour::Lenient => {
                    root = root.set(
                        "oneOf",
                        vec![
                            state_branch.build(),
                            O::new()
                                .set("title", "Bare result")
                                .set("type", "object")
                                .set(
                                    "properties",
                                    O::new().set(key, O::new().set("not", O::new())),
                                )
                                .set("$ref", def_ref(&result.name))
                                .build(),
                        ],
                    );
                }
                Flavour::Strict => {
                    root = root
                        .set(
                            "if",
                            O::new()
                                .set("type", "object")
                                .set("properties", O::new().set(key, true))
                                .set("required", strs(&[key])),
                        )
                        .set("then", state_branch)
                        .set("else", O::new().set("$ref", def_ref(&result.name)));
                }
            }
        }
        (Some(state), None) => root = root.set("$ref", def_ref(&state.name)),
        _ => {}
    }
    let root = root.set("$defs", J::Obj(defs)).build();
    GeneratedFile {
        path: file_name(flavour),
        contents: render(&root),
    }
}

fn deprecation_text(d: &antom_spec::Deprecation) -> String {
    format!("Deprecated: {}", d.message())
}

/// Joins two texts with a space, or returns the non-empty one.
fn join_sentences(a: &str, b: &str) -> String {
    match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a} {b}"),
    }
}

/// Folds a multi-line text onto one line, for an item of a list.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A string enumeration: `examples` in the lenient flavour, `enum` in the strict one. Each known
/// value is listed in the description with its meaning.
fn enum_def(description: &str, values: &[(String, String)], flavour: Flavour) -> J {
    let mut text = description.trim_end().to_owned();
    if !values.is_empty() {
        text.push_str("\n\nKnown values:");
        for (value, meaning) in values {
            let meaning = one_line(meaning);
            if meaning.is_empty() {
                text.push_str(&format!("\n- `{value}`"));
            } else {
                text.push_str(&format!("\n- `{value}`: {meaning}"));
            }
        }
    }
    let open = match flavour {
        Flavour::Lenient => "\n\nThe enumeration is open: a value not listed here is allowed.",
        Flavour::Strict => "\n\nOnly the listed values are allowed.",
    };
    text.push_str(open);
    let known: Vec<J> = values.iter().map(|(v, _)| J::from(v.as_str())).collect();
    let def = O::new().set("type", "string").set("description", text);
    match flavour {
        Flavour::Lenient => def.list("examples", known).build(),
        // An empty `enum` is not allowed; with no known value, every value is unknown.
        Flavour::Strict if known.is_empty() => def.set("not", O::new()).build(),
        Flavour::Strict => def.set("enum", known).build(),
    }
}

fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Status => "status",
        EventKind::Error => "error",
        EventKind::PaymentResult => "payment result",
    }
}

fn event_code_def(ir: &Ir<'_>, flavour: Flavour) -> J {
    let values: Vec<(String, String)> = ir
        .event_infos()
        .map(|(c, info)| {
            let description = c.text.unwrap_or_default();
            let mut text = format!("({}) {description}", kind_name(info.kind));
            if let Some(d) = c.deprecated {
                text = join_sentences(&text, &deprecation_text(d));
            }
            (c.wire.to_owned(), text)
        })
        .collect();
    enum_def(&ir.event_code_doc, &values, flavour)
}

fn result_code_def(ir: &Ir<'_>, flavour: Flavour) -> J {
    let values: Vec<(String, String)> = ir
        .result_codes()
        .values
        .iter()
        .map(|c| {
            let mut text = c.text.unwrap_or_default().to_owned();
            if let Some(d) = c.deprecated {
                text = join_sentences(&text, &deprecation_text(d));
            }
            (c.wire.to_owned(), text)
        })
        .collect();
    enum_def(
        "A `paymentResultCode`: why a payment failed or is in an abnormal state. The \
         reference docs give each code's message and handling suggestion.",
        &values,
        flavour,
    )
}

fn field_description(f: &Field<'_>) -> String {
    let mut text = f.description.trim_end().to_owned();
    if let Some(format) = f.format {
        text.push_str(&format!("\n\nFormat: {format}."));
    }
    if f.sensitive {
        text.push_str("\n\nSensitive: keep it out of logs.");
    }
    if let Some(d) = f.deprecated {
        text.push_str("\n\n");
        text.push_str(&deprecation_text(d));
    }
    text
}

/// The schema of a field's value. Optional fields also accept `null`, which the validators read
/// as absent; required fields must be present and not null.
fn field_schema(f: &Field<'_>) -> J {
    let null = || O::new().set("type", "null").build();
    let mut schema = match f.value {
        FieldValue::Any if f.required => O::new().set("not", O::new().set("type", "null")),
        FieldValue::Any => O::new(),
        FieldValue::Text => {
            let ty: J = if f.required {
                "string".into()
            } else {
                strs(&["string", "null"]).into()
            };
            O::new()
                .set("type", ty)
                .opt("maxLength", f.max_length)
                .opt("pattern", f.pattern.map(|p| p.source))
        }
        FieldValue::Table(_, name) | FieldValue::Object(name) => {
            let value = match f.max_length {
                Some(max) if f.value.is_string_like() => O::new()
                    .set("type", "string")
                    .set("maxLength", max)
                    .set("$ref", def_ref(name)),
                _ => O::new().set("$ref", def_ref(name)),
            };
            if f.required {
                value
            } else {
                O::new().set("anyOf", vec![value.build(), null()])
            }
        }
    };
    schema = schema.set("description", field_description(f));
    if f.deprecated.is_some() {
        schema = schema.set("deprecated", true);
    }
    schema.build()
}

fn object_def(ir: &Ir<'_>, o: &Object<'_>, flavour: Flavour) -> J {
    let mut properties = O::new();
    for f in &o.fields {
        properties = properties.set(f.name, field_schema(f));
    }
    let required: Vec<J> = o
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| J::from(f.name))
        .collect();
    let checks: Vec<J> = match flavour {
        Flavour::Lenient => Vec::new(),
        Flavour::Strict => o
            .checks
            .iter()
            .filter_map(|c| check_schema(ir, o, c))
            .collect(),
    };
    O::new()
        .set("type", "object")
        .set("description", o.description.trim_end())
        .set("properties", properties)
        .list("required", required)
        .list("allOf", checks)
        .build()
}

// ---------------------------------------------------------------------------------------------
// Cross-field checks (strict flavour only). Failed checks are warnings, so the strict schema
// needs them only on payloads without errors: every field then has its JSON type, length and
// pattern, which the encodings below rely on.

/// Conditions on values, each at its path of wire names.
type Conditions<'p> = Vec<(&'p [String], J)>;

/// The known values of an enumeration with their outcomes.
type Outcomes = Vec<(String, Option<Outcome>)>;

/// "The value at `path` exists (through objects) and satisfies `leaf`."
fn at_path(path: &[String], leaf: J) -> J {
    at_paths(vec![(path, leaf)], true)
}

/// All of the conditions, each on the value at its path, as one schema: paths that share a
/// first segment share one `properties` entry. Without `require`, a missing value satisfies its
/// condition (for places where the values are known to be there).
fn at_paths(conditions: Conditions<'_>, require: bool) -> J {
    let mut leaves: Vec<J> = Vec::new();
    let mut children: Vec<(&String, Conditions<'_>)> = Vec::new();
    for (path, leaf) in conditions {
        match path.split_first() {
            None => leaves.push(leaf),
            Some((first, rest)) => match children.iter_mut().find(|(name, _)| *name == first) {
                Some((_, sub)) => sub.push((rest, leaf)),
                None => children.push((first, vec![(rest, leaf)])),
            },
        }
    }
    if !children.is_empty() {
        let required: Vec<J> = children.iter().map(|(n, _)| J::from(n.as_str())).collect();
        let mut properties = O::new();
        for (name, sub) in children {
            properties = properties.set(name, at_paths(sub, require));
        }
        let object = O::new().set("type", "object").set("properties", properties);
        leaves.push(if require {
            object.set("required", required).build()
        } else {
            object.build()
        });
    }
    if leaves.len() == 1 {
        leaves
            .into_iter()
            .next()
            .unwrap_or_else(|| O::new().build())
    } else {
        O::new().set("allOf", leaves).build()
    }
}

fn check_schema(ir: &Ir<'_>, o: &Object<'_>, check: &antom_spec::Check) -> Option<J> {
    let comment = format!(
        "{} ({}): {}",
        check.rule,
        check.kind.as_str(),
        check.message
    );
    let schema = O::new().set("$comment", comment);
    match check.kind {
        CheckKind::SameOutcome => same_outcome(&ir.tables, check, schema),
        CheckKind::DigitsSuffix => digits_suffix(ir, o, check, schema),
    }
}

/// The known values of an enumeration-typed field, each with its outcome.
fn outcomes(tables: &[Table<'_>], ty: &FieldType) -> Outcomes {
    Table::of(tables, ty).map_or_else(Vec::new, |t| {
        t.values
            .iter()
            .map(|v| (v.wire.to_owned(), v.outcome))
            .collect()
    })
}

/// `same_outcome`: the fields whose known value has an outcome agree on it. That holds when some
/// outcome `o` exists such that no field holds a value whose outcome is another one.
fn same_outcome(tables: &[Table<'_>], check: &antom_spec::Check, schema: O) -> Option<J> {
    let paths: Vec<(&Vec<String>, Outcomes)> = check
        .fields
        .iter()
        .zip(&check.paths)
        .map(|(p, resolved)| (p, outcomes(tables, &resolved.ty)))
        .collect();
    let mut all: Vec<Outcome> = paths
        .iter()
        .flat_map(|(_, values)| values.iter().filter_map(|(_, o)| *o))
        .collect();
    all.sort();
    all.dedup();
    if all.len() < 2 {
        return None;
    }
    let alternatives: Vec<J> = all
        .iter()
        .map(|outcome| {
            let conditions: Vec<J> = paths
                .iter()
                .filter_map(|(path, values)| {
                    let other: Vec<J> = values
                        .iter()
                        .filter(|(_, o)| o.is_some_and(|o| o != *outcome))
                        .map(|(v, _)| J::from(v.as_str()))
                        .collect();
                    (!other.is_empty()).then(|| {
                        O::new()
                            .set(
                                "not",
                                at_path(
                                    path,
                                    O::new().set("type", "string").set("enum", other).build(),
                                ),
                            )
                            .build()
                    })
                })
                .collect();
            O::new()
                .set(
                    "$comment",
                    format!("no value has an outcome other than {}", outcome.as_str()),
                )
                .set("allOf", conditions)
                .build()
        })
        .collect();
    Some(schema.set("anyOf", alternatives).build())
}

/// `digits_suffix` [a, b]: when a has n > 0 code points and the last n code points of b are
/// ASCII digits, they spell a. JSON Schema cannot compare two values, so the check is written
/// per length n of a (up to a's `maxLength`) and per position and digit: "a's i-th character
/// is d" implies "b's matching character is d". Without a `maxLength` on a there is no bound,
/// and the check is left out (see the module doc).
fn digits_suffix(ir: &Ir<'_>, o: &Object<'_>, check: &antom_spec::Check, schema: O) -> Option<J> {
    let [a, b] = check.fields.as_slice() else {
        return None;
    };
    let Some(max) = ir.path_fields(o, check.paths.first()?).last()?.max_length else {
        // Without a bound on a's length there is no finite spelling: the check is not judged.
        return Some(
            schema
                .set(
                    "description",
                    "Not expressed: the first field has no maxLength. This schema does not judge \
                     this check; the validators do.",
                )
                .build(),
        );
    };
    let string = |key: &str, value: J| O::new().set("type", "string").set(key, value);
    let digits = |count: u64| match count {
        0 => String::new(),
        1 => "[0-9]".to_owned(),
        n => format!("[0-9]{{{n}}}"),
    };
    let lengths: Vec<J> = (1..=max)
        .map(|n| {
            let condition = at_paths(
                vec![
                    (
                        a.as_slice(),
                        string("minLength", n.into()).set("maxLength", n).build(),
                    ),
                    (
                        b.as_slice(),
                        string("pattern", format!("{}$", digits(n)).into()).build(),
                    ),
                ],
                true,
            );
            let positions: Vec<J> = (0..n)
                .map(|i| {
                    let alternatives: Vec<J> = (0..10)
                        .map(|d| {
                            at_paths(
                                vec![
                                    (
                                        a.as_slice(),
                                        string("pattern", format!("^{}{d}", digits(i)).into())
                                            .build(),
                                    ),
                                    (
                                        b.as_slice(),
                                        string(
                                            "pattern",
                                            format!("{d}{}$", digits(n - 1 - i)).into(),
                                        )
                                        .build(),
                                    ),
                                ],
                                false,
                            )
                        })
                        .collect();
                    O::new()
                        .set("$comment", format!("character {} of {n}", i + 1))
                        .set("anyOf", alternatives)
                        .build()
                })
                .collect();
            O::new()
                .set("if", condition)
                .set("then", O::new().set("allOf", positions))
                .build()
        })
        .collect();
    Some(schema.set("allOf", lengths).build())
}
