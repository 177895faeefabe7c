//! Reads the lenient payload schema with typify and writes Rust types for it into OUT_DIR.
//!
//! `tests/tests/typify.rs` includes them and deserializes the conformance vectors: a third,
//! independent reading of the schema (after ajv and our validators). typify checks the schema;
//! it does not make the runtime types (see the module doc of `crates/codegen/src/schema.rs`).

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let schema_path = manifest.join("../generated/schema/payload.lenient.schema.json");
    println!("cargo:rerun-if-changed={}", schema_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("payload_lenient.rs"), generate(&schema_path))
        .expect("OUT_DIR is writable");
}

fn generate(schema_path: &Path) -> String {
    let text = std::fs::read_to_string(schema_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", schema_path.display()));
    let schema: schemars08::schema::RootSchema = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a schema: {e}", schema_path.display()));
    let mut settings = typify::TypeSpaceSettings::default();
    settings.with_struct_builder(false);
    let mut types = typify::TypeSpace::new(&settings);
    types
        .add_root_schema(schema)
        .unwrap_or_else(|e| panic!("typify cannot read {}: {e}", schema_path.display()));
    let file: syn::File = syn::parse2(types.to_stream()).expect("typify writes Rust that parses");
    prettyplease::unparse(&file)
}
