//! The random specs of [`crate::random_spec`] as one compiler run per language: the TypeScript
//! packages as one `tsc` project, the Kotlin read-back program for all of them, and the
//! programs that read every generated constant back.
//!
//! `tsc` and `kotlinc` spend most of their time starting and loading their standard libraries, so
//! the random specs are compiled together: each TypeScript package still gets its own folder and
//! `package.json`, but one program type-checks and emits them all.

use std::path::{Path, PathBuf};

use antom_codegen::Target;
use antom_spec::Spec;
use antom_spec::names::{KOTLIN_KEYWORDS, Lang, Role};

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
        for (_, files) in antom_codegen::generate(spec, &[Target::TypeScript]) {
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

/// The first place where two JSON values differ, as a JSON pointer and both values (`None` when
/// they are equal).
pub fn first_difference(
    path: &str,
    got: &serde_json::Value,
    want: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let keys: std::collections::BTreeSet<&String> = g.keys().chain(w.keys()).collect();
            keys.into_iter().find_map(|k| match (g.get(k), w.get(k)) {
                (Some(a), Some(b)) => first_difference(&format!("{path}/{k}"), a, b),
                (a, b) => Some(format!(
                    "{path}/{k}: got {}, want {}",
                    a.unwrap_or(&Value::Null),
                    b.unwrap_or(&Value::Null)
                )),
            })
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => g
            .iter()
            .zip(w)
            .enumerate()
            .find_map(|(i, (a, b))| first_difference(&format!("{path}/{i}"), a, b)),
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, want {want}")),
    }
}

/// The package as Kotlin code names it: keyword segments in backticks.
fn kotlin_package(spec: &Spec) -> String {
    spec.package
        .kotlin_package
        .split('.')
        .map(|s| {
            if KOTLIN_KEYWORDS.contains(&s) {
                format!("`{s}`")
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The main class of [`kotlin_readback`]'s program.
pub const KOTLIN_READBACK_MAIN: &str = "antom.readback.random.RandomReadBackKt";

/// One Kotlin file that prints, for each spec by name, every constant and metadata value its
/// generated package holds, in the shape `tests/kotlin/readback/` uses (see `expected_dump` in
/// `tests/tests/kotlin.rs`). Compiled with the generated packages; run with
/// [`KOTLIN_READBACK_MAIN`].
pub fn kotlin_readback(specs: &[(String, Spec)]) -> String {
    let mut out = String::from(
        "// Written by tests/src/batch.rs: reads back what the generated Kotlin of each random spec\n\
         // says, as JSON, for tests/tests/kotlin.rs to compare with the spec.\n\
         package antom.readback.random\n\n\
         import java.io.PrintStream\n\n",
    );
    let mut mains = Vec::new();
    for (i, (name, spec)) in specs.iter().enumerate() {
        let p = kotlin_package(spec);
        let ty = |n: &str| format!("{p}.{}", Lang::Kotlin.ident(Role::Type, n));
        let enums: Vec<String> = spec
            .enums
            .iter()
            .map(|e| {
                format!(
                    "        {} to {}.knownValues.map {{\n            mapOf(\n                \"value\" to it.value,\n                \"known\" to it.isKnown,\n                \"description\" to it.description,\n                \"outcome\" to it.outcome?.value,\n                \"deprecated\" to deprecation{i}(it.deprecation),\n            )\n        }},\n",
                    serde_json::Value::String(e.name.clone()),
                    ty(&e.name)
                )
            })
            .collect();
        let objects: Vec<String> = spec
            .objects
            .iter()
            .map(|o| format!("        objectSchema{i}({}.schema),\n", ty(&o.name)))
            .collect();
        out.push_str(&format!(
            r#"private fun deprecation{i}(d: {p}.Deprecation?): Any? =
    if (d == null) null else mapOf("replaced_by" to d.replacedBy, "note" to d.note)

private fun objectSchema{i}(s: {p}.Validate.ObjectSchema): Any = mapOf(
    "name" to s.name,
    "fields" to s.fields.map {{
        mapOf(
            "name" to it.name,
            "required" to it.required,
            "max_length" to it.maxLength,
            "pattern" to it.pattern,
            "format" to it.format,
            "sensitive" to it.sensitive,
        )
    }},
    "checks" to s.checks.map {{
        mapOf("rule" to it.rule, "kind" to it.kind.name.lowercase(), "fields" to it.fields, "message" to it.message)
    }},
)

private fun dump{i}(): Map<String, Any?> = mapOf(
    "event_codes" to {p}.EventCode.knownValues.map {{
        mapOf(
            "code" to it.code,
            "known" to it.isKnown,
            "kind" to it.kind?.value,
            "callbacks" to it.callbacks.map {{ c -> c.value }},
            "description" to it.description,
            "action" to it.action?.value,
            "outcome" to it.outcome?.value,
            "carries" to it.carries,
            "messages" to it.messages,
            "deprecated" to deprecation{i}(it.deprecation),
        )
    }},
    "result_codes" to {p}.PaymentResultCode.knownValues.map {{
        mapOf(
            "code" to it.code,
            "known" to it.isKnown,
            "message" to it.message,
            "suggestion" to it.suggestion,
            "action" to it.action?.value,
            "outcome" to it.outcome?.value,
            "deprecated" to deprecation{i}(it.deprecation),
        )
    }},
    "actions" to {p}.Action.entries.map {{ mapOf("name" to it.value, "description" to it.description) }},
    "callbacks" to {p}.CallbackName.entries.map {{ mapOf("name" to it.value, "description" to it.description) }},
    "enums" to mapOf<String, Any?>(
{enums}    ),
    "objects" to listOf<Any?>(
{objects}    ),
)

"#,
            enums = enums.concat(),
            objects = objects.concat(),
        ));
        mains.push(format!(
            "        {} to dump{i}(),\n",
            serde_json::Value::String(name.clone())
        ));
    }
    out.push_str(&format!(
        "fun main() {{\n    val dumps = mapOf<String, Any?>(\n{}    )\n    PrintStream(System.out, true, \"UTF-8\").println(com.antom.callback.Json.stringify(dumps))\n}}\n",
        mains.concat()
    ));
    out
}
