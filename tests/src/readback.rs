//! The expected read-back of a spec, for the read-back test of every target (`compile_rust`,
//! `kotlin`, `swift`, `typescript`, `objc`): every constant a generated package carries, taken
//! straight from the loaded spec.
//!
//! Each fact is written here once, under one snake_case name, in a record per code, enumeration
//! value, field and check. A target's test lists the names its read-back program prints
//! ([`pick`]; `printed=fact` where the program calls a fact otherwise) and, where the program
//! prints its API's camelCase names, renames them ([`camel`]). [`layout`] is the layout that the
//! Rust, Kotlin and Swift programs share.

use antom_codegen::ir::canonical;
use antom_spec::{
    Check, Deprecation, Enum, EnumValue, EventCode, Field, Outcome, ResultCode, Spec,
};
use serde_json::{Map, Value, json};

/// The facts about one item, by name.
pub type Record = Map<String, Value>;

/// The words a pattern's failure shows when the field has no `format:`.
const DEFAULT_FORMAT: &str = "in the expected format";

fn record(value: Value) -> Record {
    match value {
        Value::Object(map) => map,
        other => panic!("not a record: {other}"),
    }
}

/// A deprecation as `{replaced_by, note}`, or null.
pub fn deprecation(d: Option<&Deprecation>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({ "replaced_by": d.replaced_by, "note": d.note }),
    )
}

/// What every value of a table has: its wire string (under `key`), that it is known, its closed
/// value (the wire string), its canonical value (the end of its chain of replacements, each
/// value's deprecation found by `lookup`), outcome and deprecation, and the replacement.
fn value_facts<'s>(
    key: &str,
    wire: &'s str,
    outcome: Option<Outcome>,
    deprecated: Option<&'s Deprecation>,
    lookup: impl Fn(&str) -> Option<&'s Deprecation>,
) -> Record {
    let end = canonical(wire, |w| lookup(w)?.replaced_by.as_deref());
    let mut r = record(json!({
        "known": true,
        "closed": wire,
        "canonical": end,
        "outcome": outcome,
        "deprecated": deprecation(deprecated),
        "replacement": deprecated.and_then(|d| d.replaced_by.as_deref()),
    }));
    r.insert(key.to_owned(), json!(wire));
    r
}

/// Every fact about an event code (`code`, ...).
pub fn event_code(spec: &Spec, c: &EventCode) -> Record {
    let lookup = |w: &str| spec.event_code(w)?.deprecated.as_ref();
    let mut r = value_facts("code", &c.code, c.outcome, c.deprecated.as_ref(), lookup);
    r.extend(record(json!({
        "kind": c.kind,
        "callbacks": c.callbacks,
        "description": c.description,
        "description_truncated": c.provenance.is_truncated("description"),
        "action": c.action,
        "carries": c.carries,
        "messages": c.messages,
    })));
    r
}

/// Every fact about a result code (`code`, ...).
pub fn result_code(spec: &Spec, c: &ResultCode) -> Record {
    let lookup = |w: &str| spec.result_code(w)?.deprecated.as_ref();
    let mut r = value_facts("code", &c.code, c.outcome, c.deprecated.as_ref(), lookup);
    r.extend(record(json!({
        "message": c.message,
        "message_truncated": c.provenance.is_truncated("message"),
        "suggestion": c.suggestion,
        "suggestion_truncated": c.provenance.is_truncated("suggestion"),
        "action": c.action,
    })));
    r
}

/// Every fact about a value of the enumeration `e` (`value`, ...).
pub fn enum_value(e: &Enum, v: &EnumValue) -> Record {
    let lookup = |w: &str| e.values.iter().find(|x| x.value == w)?.deprecated.as_ref();
    let mut r = value_facts("value", &v.value, v.outcome, v.deprecated.as_ref(), lookup);
    r.insert("description".to_owned(), json!(v.description));
    r
}

/// Every fact about an object's field: `pattern` and `format` as written, `pattern_words` (the
/// words a failed pattern shows, null without a pattern) and `pattern_rule` (`{source, format}`
/// with those words, or null).
pub fn field(f: &Field) -> Record {
    let words = f
        .pattern
        .as_ref()
        .map(|_| f.format.as_deref().unwrap_or(DEFAULT_FORMAT));
    let rule = f
        .pattern
        .as_ref()
        .map(|p| json!({ "source": p, "format": words }));
    record(json!({
        "name": f.name,
        "required": f.required,
        "max_length": f.max_length,
        "pattern": f.pattern,
        "format": f.format,
        "pattern_words": words,
        "pattern_rule": rule,
        "sensitive": f.sensitive,
    }))
}

/// A check of an object, as every target's schema tables carry it.
pub fn check(c: &Check) -> Value {
    json!({ "rule": c.rule, "kind": c.kind, "fields": c.fields, "message": c.message })
}

/// The facts of `r` named by `keys`, separated by white space, each `name` or `printed=fact`.
pub fn pick(r: &Record, keys: &str) -> Value {
    Value::Object(
        keys.split_whitespace()
            .map(|key| {
                let (printed, fact) = key.split_once('=').unwrap_or((key, key));
                let value = r
                    .get(fact)
                    .unwrap_or_else(|| panic!("no fact `{fact}` in {r:?}"));
                (printed.to_owned(), value.clone())
            })
            .collect(),
    )
}

/// The fields of a validator's schema table, as the Rust and TypeScript runtimes carry them.
pub const SCHEMA_FIELD: &str = "name required max_length pattern=pattern_rule sensitive";

/// `value` with every object key in camelCase (`replaced_by` → `replacedBy`), at every depth.
pub fn camel(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut parts = k.split('_');
                    let mut name = parts.next().unwrap_or_default().to_owned();
                    for part in parts {
                        let mut chars = part.chars();
                        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                        name.push_str(chars.as_str());
                    }
                    (name, camel(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel).collect()),
        other => other,
    }
}

/// An enumeration's schema table: `{name, values: [[value, outcome], ...]}`.
pub fn enum_schema<'a>(
    name: &str,
    values: impl IntoIterator<Item = (&'a str, Option<Outcome>)>,
) -> Value {
    let values: Vec<Value> = values.into_iter().map(|(v, o)| json!([v, o])).collect();
    json!({ "name": name, "values": values })
}

/// The schema tables of the event codes, the result codes and each enumeration, by name.
pub fn enum_schemas(spec: &Spec) -> Map<String, Value> {
    let mut schemas = Map::new();
    schemas.insert(
        "EventCode".to_owned(),
        enum_schema(
            "EventCode",
            spec.event_codes
                .iter()
                .map(|c| (c.code.as_str(), c.outcome)),
        ),
    );
    schemas.insert(
        "PaymentResultCode".to_owned(),
        enum_schema(
            "PaymentResultCode",
            spec.result_codes
                .iter()
                .map(|c| (c.code.as_str(), c.outcome)),
        ),
    );
    for e in &spec.enums {
        schemas.insert(
            e.name.clone(),
            enum_schema(
                &e.name,
                e.values.iter().map(|v| (v.value.as_str(), v.outcome)),
            ),
        );
    }
    schemas
}

/// Which facts a read-back program prints for each kind of record (see [`pick`]).
#[derive(Clone, Copy, Debug)]
pub struct Keys {
    pub event_code: &'static str,
    pub result_code: &'static str,
    pub enum_value: &'static str,
    pub field: &'static str,
}

/// The layout the Rust, Kotlin and Swift read-back programs share: `spec_version`, the
/// `event_codes` and `result_codes` in spec order, the `actions` and `callbacks` as
/// `{name, description}`, `enums` by name (each a list of its values), and the `objects` with
/// their `fields` and `checks`.
pub fn layout(spec: &Spec, keys: &Keys) -> Record {
    let named = |items: Vec<(&String, &String)>| -> Vec<Value> {
        items
            .into_iter()
            .map(|(name, description)| json!({ "name": name, "description": description }))
            .collect()
    };
    let enums: Map<String, Value> = spec
        .enums
        .iter()
        .map(|e| {
            let values = e
                .values
                .iter()
                .map(|v| pick(&enum_value(e, v), keys.enum_value));
            (e.name.clone(), Value::Array(values.collect()))
        })
        .collect();
    let objects: Vec<Value> = spec
        .objects
        .iter()
        .map(|o| {
            let fields: Vec<Value> = o
                .fields
                .iter()
                .map(|f| pick(&field(f), keys.field))
                .collect();
            let checks: Vec<Value> = o.checks.iter().map(check).collect();
            json!({ "name": o.name, "fields": fields, "checks": checks })
        })
        .collect();
    record(json!({
        "spec_version": spec.package.version,
        "event_codes": spec
            .event_codes
            .iter()
            .map(|c| pick(&event_code(spec, c), keys.event_code))
            .collect::<Vec<_>>(),
        "result_codes": spec
            .result_codes
            .iter()
            .map(|c| pick(&result_code(spec, c), keys.result_code))
            .collect::<Vec<_>>(),
        "actions": named(spec.actions.iter().map(|a| (&a.name, &a.description)).collect()),
        "callbacks": named(spec.callbacks.iter().map(|c| (&c.name, &c.description)).collect()),
        "enums": enums,
        "objects": objects,
    }))
}
