//! The random specs of [`crate::random_spec`] as one TypeScript compiler run: the packages as
//! one `tsc` project, and the node program that reads every generated constant back. (Kotlin
//! compiles them in its one `kotlinc` run and reads them back like every other spec.)
//!
//! `tsc` and `kotlinc` spend most of their time starting and loading their standard libraries, so
//! the random specs are compiled together: each TypeScript package still gets its own folder and
//! `package.json`, but one program type-checks and emits them all.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_spec::Spec;

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Writes every spec's TypeScript package under `root/<name>/pkg/` and one `tsconfig.json` in
/// `root` that compiles them all with the packages' own compiler options plus `extra_flags`
/// (set to `true`), emitting to `root/dist/<name>/pkg/src/`. Returns the `tsconfig.json`.
pub fn typescript_project(root: &Path, specs: &[(String, Spec)], extra_flags: &[&str]) -> PathBuf {
    let mut options = None;
    for (name, spec) in specs {
        for (_, files) in
            antom_codegen::generate(spec, &[Target::TypeScript]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                if f.path == "tsconfig.json" && options.is_none() {
                    let config: serde_json::Value = serde_json::from_str(&f.contents)
                        .unwrap_or_else(|e| panic!("{name}: tsconfig.json is not JSON: {e}"));
                    options = config.get("compilerOptions").cloned();
                }
                write(&root.join(name).join("pkg").join(&f.path), &f.contents);
            }
        }
    }
    let mut options = match options {
        Some(serde_json::Value::Object(o)) => o,
        _ => panic!("no generated tsconfig.json with compilerOptions"),
    };
    for flag in extra_flags {
        options.insert((*flag).to_owned(), serde_json::Value::Bool(true));
    }
    options.insert("rootDir".to_owned(), ".".into());
    options.insert("outDir".to_owned(), "dist".into());
    options.insert("noEmit".to_owned(), false.into());
    let config = serde_json::json!({
        "compilerOptions": options,
        "include": ["*/pkg/src/*.ts"],
    });
    let path = root.join("tsconfig.json");
    write(
        &path,
        &serde_json::to_string_pretty(&config).unwrap_or_default(),
    );
    // The emitted modules are ES modules, like the packages they come from.
    write(
        &root.join("dist/package.json"),
        "{ \"type\": \"module\" }\n",
    );
    let names: Vec<serde_json::Value> = specs.iter().map(|(n, _)| n.as_str().into()).collect();
    write(
        &root.join("readback.mjs"),
        &format!(
            "// Written by tests/src/batch.rs: prints every string constant of each random spec's main,\n\
             // metadata and validate entry points as JSON, like tests/typescript/readback.ts.\n\
             function plain(_key, value) {{\n  \
               if (value instanceof Map) return [...value.entries()];\n  \
               if (value instanceof RegExp) return undefined;\n  \
               return value;\n\
             }}\n\
             const out = {{}};\n\
             for (const name of {}) {{\n  \
               const main = await import(`./dist/${{name}}/pkg/src/index.js`);\n  \
               const metadata = await import(`./dist/${{name}}/pkg/src/metadata.js`);\n  \
               const validate = await import(`./dist/${{name}}/pkg/src/validate.js`);\n  \
               const schemas = Object.fromEntries(Object.entries(validate).filter(([n]) => n.endsWith('_SCHEMA')));\n  \
               out[name] = {{ main, metadata, schemas }};\n\
             }}\n\
             console.log(JSON.stringify(out, plain));\n",
            serde_json::Value::Array(names)
        ),
    );
    path
}
