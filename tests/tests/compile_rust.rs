//! The Rust output of every fixture case and of the random specs of `antom_tests::random_spec`
//! compiles, with warnings denied, next to the hand-written runtime of `antom-callback` (the
//! real spec's output is compiled as that crate); one `cargo check` builds them all, as members
//! of one scratch workspace. Every string constant of the fixture cases reads back as the spec's
//! string: a read-back program per case (and one for `antom-callback` itself) prints every
//! constant as JSON, which is compared with JSON built from the loaded spec.

use std::path::Path;
use std::process::Command;

use antom_codegen::Target;
use antom_spec::names::{Lang, Role, screaming};
use antom_spec::{Deprecation, Spec};
use antom_tests::{first_difference, fixture_cases, load_spec, random_spec, repo_root, repo_spec};
use serde_json::{Value, json};

const RUNTIME: &[&str] = &[
    "json.rs",
    "lenient.rs",
    "meta.rs",
    "pattern.rs",
    "text.rs",
    "validate.rs",
];

/// A program that prints every constant of the generated crate `krate` as JSON, in the shape of
/// [`expected_readback`]. It names the generated types the way the Rust target does.
fn readback_program(krate: &str, spec: &Spec) -> String {
    let mut enums = String::new();
    for e in &spec.enums {
        enums.push_str(&format!(
            "    enums.insert({:?}.to_owned(), json!({{ \"values\": g::{}::ALL.iter().map(|v| value(v.as_str(), v.info().expect(\"known\"))).collect::<Vec<_>>(), \"schema\": enum_schema(&g::{}_SCHEMA) }}));\n",
            e.name,
            Lang::Rust.ident(Role::Type, &e.name),
            screaming(&e.name)
        ));
    }
    let objects: Vec<String> = spec
        .objects
        .iter()
        .map(|o| format!("object_schema(&g::{}_SCHEMA)", screaming(&o.name)))
        .collect();
    // A spec without enumerations (`obstacle_results`) reads no enumeration values.
    let (enums_decl, value_allow) = if spec.enums.is_empty() {
        ("let enums", "#[allow(dead_code)]\n")
    } else {
        ("let mut enums", "")
    };
    format!(
        r#"//! Prints every constant of the generated code as JSON (written by `tests/tests/compile_rust.rs`).

use serde_json::{{Value, json}};

use {krate} as g;

fn outcome(o: Option<g::meta::Outcome>) -> Value {{
    o.map_or(Value::Null, |o| json!(o.as_str()))
}}

fn deprecated(d: Option<g::meta::Deprecation>) -> Value {{
    d.map_or(Value::Null, |d| json!({{ "replaced_by": d.replaced_by, "note": d.note }}))
}}

{value_allow}fn value(wire: &str, i: &g::meta::ValueInfo) -> Value {{
    json!({{ "value": wire, "info_value": i.value, "description": i.description, "outcome": outcome(i.outcome), "deprecated": deprecated(i.deprecated) }})
}}

fn enum_schema(s: &g::validate::EnumSchema) -> Value {{
    let values: Vec<Value> = s.values.iter().map(|(v, o)| json!([v, outcome(*o)])).collect();
    json!({{ "name": s.name, "values": values }})
}}

fn object_schema(s: &g::validate::ObjectSchema) -> Value {{
    let fields: Vec<Value> = s
        .fields
        .iter()
        .map(|f| {{
            let pattern = f.pattern.map(|p| json!({{ "source": p.source, "format": p.format }}));
            json!({{ "name": f.name, "required": f.required, "max_length": f.max_length, "pattern": pattern, "sensitive": f.sensitive }})
        }})
        .collect();
    let checks: Vec<Value> = s
        .checks
        .iter()
        .map(|c| {{
            let kind = match c.kind {{
                g::validate::CheckKind::DigitsSuffix => "digits_suffix",
                g::validate::CheckKind::SameOutcome => "same_outcome",
            }};
            json!({{ "rule": c.rule, "kind": kind, "fields": c.fields, "message": c.message }})
        }})
        .collect();
    json!({{ "name": s.name, "fields": fields, "checks": checks }})
}}

fn main() {{
    let event_codes: Vec<Value> = g::EventCode::ALL
        .iter()
        .map(|c| {{
            let i = c.info().expect("known");
            let callbacks: Vec<&str> = i.callbacks.iter().map(|c| c.as_str()).collect();
            json!({{
                "code": c.as_str(), "info_code": i.code, "kind": i.kind.as_str(), "callbacks": callbacks,
                "description": i.description, "action": i.action.as_str(), "outcome": outcome(i.outcome),
                "carries": i.carries, "messages": i.messages, "deprecated": deprecated(i.deprecated),
            }})
        }})
        .collect();
    let result_codes: Vec<Value> = g::PaymentResultCode::ALL
        .iter()
        .map(|c| {{
            let i = c.info().expect("known");
            json!({{
                "code": c.as_str(), "info_code": i.code, "message": i.message, "suggestion": i.suggestion,
                "action": i.action.as_str(), "outcome": outcome(i.outcome), "deprecated": deprecated(i.deprecated),
            }})
        }})
        .collect();
    let actions: Vec<Value> = g::Action::ALL
        .iter()
        .map(|a| json!({{ "name": a.as_str(), "description": a.description() }}))
        .collect();
    let callbacks: Vec<Value> = g::CallbackName::ALL
        .iter()
        .map(|c| json!({{ "name": c.as_str(), "description": c.description() }}))
        .collect();
    {enums_decl} = serde_json::Map::new();
{enums}    let objects: Vec<Value> = vec![{objects}];
    let all = json!({{
        "spec_version": g::SPEC_VERSION,
        "event_codes": event_codes,
        "event_code_schema": enum_schema(&g::EVENT_CODE_SCHEMA),
        "result_codes": result_codes,
        "result_code_schema": enum_schema(&g::PAYMENT_RESULT_CODE_SCHEMA),
        "actions": actions,
        "callbacks": callbacks,
        "enums": enums,
        "objects": objects,
    }});
    println!("{{all}}");
}}
"#,
        objects = objects.join(", ")
    )
}

fn deprecated(d: Option<&Deprecation>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({ "replaced_by": d.replaced_by, "note": d.note }),
    )
}

/// What the read-back program must print, built from the loaded spec's own strings.
fn expected_readback(spec: &Spec) -> Value {
    let event_codes: Vec<Value> = spec
        .event_codes
        .iter()
        .map(|c| {
            json!({
                "code": c.code, "info_code": c.code, "kind": c.kind, "callbacks": c.callbacks,
                "description": c.description, "action": c.action, "outcome": c.outcome,
                "carries": c.carries, "messages": c.messages,
                "deprecated": deprecated(c.deprecated.as_ref()),
            })
        })
        .collect();
    let result_codes: Vec<Value> = spec
        .result_codes
        .iter()
        .map(|c| {
            json!({
                "code": c.code, "info_code": c.code, "message": c.message, "suggestion": c.suggestion,
                "action": c.action, "outcome": c.outcome,
                "deprecated": deprecated(c.deprecated.as_ref()),
            })
        })
        .collect();
    let enum_schema = |name: &str, values: Vec<(&str, Option<antom_spec::Outcome>)>| {
        let values: Vec<Value> = values.iter().map(|(v, o)| json!([v, o])).collect();
        json!({ "name": name, "values": values })
    };
    let enums: serde_json::Map<String, Value> = spec
        .enums
        .iter()
        .map(|e| {
            let values: Vec<Value> = e
                .values
                .iter()
                .map(|v| {
                    json!({
                        "value": v.value, "info_value": v.value, "description": v.description,
                        "outcome": v.outcome, "deprecated": deprecated(v.deprecated.as_ref()),
                    })
                })
                .collect();
            let schema = enum_schema(
                &e.name,
                e.values
                    .iter()
                    .map(|v| (v.value.as_str(), v.outcome))
                    .collect(),
            );
            (
                e.name.clone(),
                json!({ "values": values, "schema": schema }),
            )
        })
        .collect();
    let objects: Vec<Value> = spec
        .objects
        .iter()
        .map(|o| {
            let fields: Vec<Value> = o
                .fields
                .iter()
                .map(|f| {
                    let pattern = f.pattern.as_ref().map(|p| {
                        json!({ "source": p, "format": f.format.as_deref().unwrap_or("in the expected format") })
                    });
                    json!({
                        "name": f.name, "required": f.required, "max_length": f.max_length,
                        "pattern": pattern, "sensitive": f.sensitive,
                    })
                })
                .collect();
            let checks: Vec<Value> = o
                .checks
                .iter()
                .map(|c| {
                    json!({ "rule": c.rule, "kind": c.kind, "fields": c.fields, "message": c.message })
                })
                .collect();
            json!({ "name": o.name, "fields": fields, "checks": checks })
        })
        .collect();
    let named = |items: Vec<(&String, &String)>| -> Vec<Value> {
        items
            .into_iter()
            .map(|(name, description)| json!({ "name": name, "description": description }))
            .collect()
    };
    json!({
        "spec_version": spec.package.version,
        "event_codes": event_codes,
        "event_code_schema": enum_schema(
            "EventCode",
            spec.event_codes.iter().map(|c| (c.code.as_str(), c.outcome)).collect(),
        ),
        "result_codes": result_codes,
        "result_code_schema": enum_schema(
            "PaymentResultCode",
            spec.result_codes.iter().map(|c| (c.code.as_str(), c.outcome)).collect(),
        ),
        "actions": named(spec.actions.iter().map(|a| (&a.name, &a.description)).collect()),
        "callbacks": named(spec.callbacks.iter().map(|c| (&c.name, &c.description)).collect()),
        "enums": enums,
        "objects": objects,
    })
}

#[test]
fn fixture_rust_output_compiles_and_its_constants_read_back() {
    let root = repo_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-fixtures");
    let _ = std::fs::remove_dir_all(scratch.join("cases"));
    std::fs::create_dir_all(scratch.join("cases")).expect("scratch folder");
    // Fixture cases are compiled and read back; random specs are compiled.
    let mut inputs: Vec<(String, Spec, bool)> = fixture_cases()
        .into_iter()
        .map(|(name, case)| {
            (
                format!("case_{}", name.replace('-', "_")),
                load_spec(&case),
                true,
            )
        })
        .collect();
    inputs.extend(
        random_spec::load_all()
            .into_iter()
            .map(|(name, spec)| (name.replace('-', "_"), spec, false)),
    );
    let mut members = Vec::new();
    let mut specs = Vec::new();
    for (name, spec, read_back) in inputs {
        let dir = scratch.join("cases").join(&name);
        let src = dir.join("src");
        std::fs::create_dir_all(src.join("generated")).expect("scratch folder");
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nserde = \"1\"\nserde_json = \"1\"\nregress = \"0.12\"\n"
            ),
        )
        .expect("manifest");
        for file in RUNTIME {
            std::fs::copy(root.join("crates/callback/src").join(file), src.join(file))
                .expect("runtime file");
        }
        std::fs::write(
            src.join("lib.rs"),
            "//! Fixture build.\n#![allow(dead_code)]\nmod generated;\nmod json;\nmod lenient;\npub mod meta;\nmod pattern;\nmod text;\npub mod validate;\npub use generated::*;\npub use text::JsonError;\n",
        )
        .expect("lib.rs");
        for (_, files) in
            antom_codegen::generate(&spec, &[Target::Rust]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                std::fs::write(src.join("generated").join(&f.path), f.contents)
                    .expect("generated file");
            }
        }
        members.push(format!("\"cases/{name}\""));
        if read_back {
            std::fs::create_dir_all(src.join("bin")).expect("bin folder");
            std::fs::write(src.join("bin/readback.rs"), readback_program(&name, &spec))
                .expect("read-back program");
            specs.push((name, spec));
        }
    }
    // The real spec's output is `antom-callback` itself: read it back through the crate.
    let real = scratch.join("cases/case_real");
    std::fs::create_dir_all(real.join("src/bin")).expect("scratch folder");
    std::fs::write(
        real.join("Cargo.toml"),
        format!(
            "[package]\nname = \"case_real\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nantom-callback = {{ path = {:?} }}\nserde_json = \"1\"\n",
            root.join("crates/callback").display().to_string()
        ),
    )
    .expect("manifest");
    let spec = repo_spec();
    std::fs::write(
        real.join("src/bin/readback.rs"),
        readback_program("antom_callback", &spec),
    )
    .expect("read-back program");
    members.push("\"cases/case_real\"".to_owned());
    specs.push(("case_real".to_owned(), spec));
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .expect("workspace manifest");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("lock file");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["check", "--workspace", "--offline", "--quiet"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated Rust for the fixture cases or the random specs does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut checked = Vec::new();
    for (name, spec) in &specs {
        let output = Command::new(&cargo)
            .args([
                "run",
                "--offline",
                "--quiet",
                "-p",
                name,
                "--bin",
                "readback",
            ])
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "{name}: the read-back program failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let got: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{name}: the read-back output is not JSON: {e}"));
        if let Some(diff) = first_difference("", &got, &expected_readback(spec)) {
            panic!(
                "{name}: a generated Rust constant does not read back as the spec's string: {diff}"
            );
        }
        checked.push(name.as_str());
    }
    for case in ["case_real", "case_escaping", "case_obstacle"] {
        assert!(checked.contains(&case), "{case} is read back: {checked:?}");
    }
}
