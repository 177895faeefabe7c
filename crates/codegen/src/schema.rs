//! JSON Schema target: the spec files' own schema, for editors.

use antom_spec::Spec;

use crate::{GeneratedFile, Generator, json_header};

pub(crate) struct Schema;

impl Generator for Schema {
    fn name(&self) -> &'static str {
        "schema"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/schema"
    }
    fn generate(&self, spec: &Spec) -> Vec<GeneratedFile> {
        let mut schema = antom_spec::spec_file_schema();
        if let Some(obj) = schema.as_object_mut() {
            let files: Vec<&str> = spec.files.iter().map(String::as_str).collect();
            obj.insert("$comment".to_owned(), json_header(&files).into());
        }
        vec![GeneratedFile {
            path: "spec.schema.json".to_owned(),
            contents: crate::lit::pretty_json(&schema),
        }]
    }
}
