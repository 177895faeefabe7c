//! Catalog target: the whole validated spec as one JSON document, with its JSON Schema.
//!
//! `catalog.json` is the `Spec` as serde writes it (fields in model order), preceded by a
//! `$comment` holding the `@generated` header and a `$schema` that points at
//! `catalog.schema.json`, which schemars derives from the model types.
//!
//! The catalog is the `Spec` itself, so it holds every fact the generators see. File paths are
//! reduced to `spec/<file>`, as in the headers, so it does not depend on where the spec was read.
//! schemars' numeric formats (`uint64`, ...) are removed from its schema, since strict validators
//! reject unknown formats; `minimum: 0` stays. Its folder is `generated/` itself, whose manifest
//! lists only these two files (the other targets' folders below it have their own).
//! Serializing the whole spec is this target's job, so it alone takes the `Spec` from the
//! intermediate layer (`Ir::catalog_spec`); every other target reads the layer's fields.

use crate::RenderError;
use crate::ir::Ir;
use antom_spec::Spec;

use crate::version::Site;
use crate::{GeneratedFile, Generator, json_header};

pub(crate) struct Catalog;

/// The catalog's schema file, beside it.
const SCHEMA_FILE: &str = "catalog.schema.json";

impl Generator for Catalog {
    fn name(&self) -> &'static str {
        "catalog"
    }
    fn repo_dir(&self) -> &'static str {
        "generated"
    }
    fn version_sites(&self, _package: &antom_spec::Package) -> Vec<Site> {
        vec![Site::new("catalog.json", "    \"version\": ")]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let spec = ir.catalog_spec();
        let header = json_header(&ir.files());
        Ok(vec![catalog(spec, &header), catalog_schema(spec, &header)])
    }
}

/// A spec file as the header names it: `spec/<file name>`, whatever folder it was read from.
fn file_name(path: &str) -> String {
    format!("spec/{}", path.rsplit('/').next().unwrap_or(path))
}

/// The spec with every file path reduced to its file name, so the catalog does not depend on
/// where the spec folder was.
fn without_paths(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    spec.files.iter_mut().for_each(|f| *f = file_name(f));
    spec.package.file = file_name(&spec.package.file);
    spec.callbacks
        .iter_mut()
        .for_each(|c| c.file = file_name(&c.file));
    spec.event_codes
        .iter_mut()
        .for_each(|c| c.file = file_name(&c.file));
    spec.result_codes
        .iter_mut()
        .for_each(|c| c.file = file_name(&c.file));
    spec.enums
        .iter_mut()
        .for_each(|e| e.file = file_name(&e.file));
    spec.objects
        .iter_mut()
        .for_each(|o| o.file = file_name(&o.file));
    spec
}

fn catalog(spec: &Spec, header: &str) -> GeneratedFile {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    // Serializing the struct (not a `Value`) keeps the model's field order.
    let body = serde_json::to_string_pretty(&without_paths(spec)).unwrap_or_default();
    let rest = body.strip_prefix('{').unwrap_or(&body);
    let contents = format!(
        "{{\n  \"$comment\": {},\n  \"$schema\": {},{rest}\n",
        quote(header),
        quote(SCHEMA_FILE)
    );
    GeneratedFile {
        path: "catalog.json".to_owned(),
        contents,
    }
}

fn catalog_schema(spec: &Spec, header: &str) -> GeneratedFile {
    let schema = schemars::schema_for!(Spec);
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    drop_numeric_formats(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$comment".to_owned(), header.into());
        obj.insert(
            "$id".to_owned(),
            format!("urn:{}:{SCHEMA_FILE}", spec.package.name).into(),
        );
        // The catalog names its schema; allow that key beside the spec's own.
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "$comment".to_owned(),
                serde_json::json!({ "type": "string", "description": "The @generated header." }),
            );
            props.insert(
                "$schema".to_owned(),
                serde_json::json!({ "type": "string", "description": "The catalog's JSON Schema." }),
            );
        }
    }
    GeneratedFile {
        path: SCHEMA_FILE.to_owned(),
        contents: crate::lit::pretty_json(&value),
    }
}

/// Removes schemars' numeric `format`s (`uint64`, ...): they are not JSON Schema formats, and a
/// strict validator rejects a schema with an unknown format. The bounds they imply stay as
/// `minimum`.
pub(crate) fn drop_numeric_formats(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let numeric = map
                .get("format")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|f| {
                    let digits = f.trim_start_matches('u').trim_start_matches("int");
                    (f.starts_with("int") || f.starts_with("uint"))
                        && digits.chars().all(|c| c.is_ascii_digit())
                });
            if numeric {
                map.remove("format");
            }
            map.values_mut().for_each(drop_numeric_formats);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_numeric_formats),
        _ => {}
    }
}
