//! The Rust output of every fixture case and of the random specs of `antom_tests::random_spec`
//! compiles, with warnings denied, next to the hand-written runtime of `antom-callback` (the
//! real spec's output is compiled as that crate); one `cargo check` builds them all, as members
//! of one scratch workspace. Every string constant of the fixture cases reads back as the spec's
//! string: a read-back program per case (and one for `antom-callback` itself) prints every
//! constant as JSON, which is compared with JSON built from the loaded spec.

use std::path::Path;
use std::process::Command;

use antom_codegen::Target;
use antom_codegen::names::{Lang, Role, screaming};
use antom_spec::Spec;
use antom_tests::{
    first_difference, fixture_cases, load_spec, random_spec, readback, repo_root, repo_spec,
};
use serde_json::{Value, json};

const RUNTIME: &[&str] = &[
    "json.rs",
    "lenient.rs",
    "meta.rs",
    "pattern.rs",
    "quick.rs",
    "text.rs",
    "validate.rs",
];

/// A program that prints every constant of the generated crate `krate` as JSON, in the shape of
/// [`expected_readback`]. It names the generated types the way the Rust target does.
fn readback_program(krate: &str, spec: &Spec) -> String {
    let mut enums = String::new();
    for e in &spec.enums {
        enums.push_str(&format!(
            "    enums.insert({:?}.to_owned(), json!({{ \"values\": g::{}::ALL.iter().map(|v| value(v.as_str(), v.info().expect(\"known\"), v.canonical().expect(\"known\").as_str(), v.known().ok().map(|k| k.as_str()))).collect::<Vec<_>>(), \"schema\": enum_schema(&g::{}_SCHEMA) }}));\n",
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

{value_allow}fn value(wire: &str, i: &g::meta::ValueInfo, canonical: &str, known: Option<&str>) -> Value {{
    json!({{ "value": wire, "info_value": i.value, "description": i.description, "outcome": outcome(i.outcome), "deprecated": deprecated(i.deprecated), "canonical": canonical, "known": known }})
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
                "description": i.description, "description_truncated": i.description_truncated,
                "action": i.action.as_str(), "outcome": outcome(i.outcome),
                "carries": i.carries, "messages": i.messages, "deprecated": deprecated(i.deprecated),
                "canonical": c.canonical().expect("known").as_str(), "known": c.known().ok().map(|k| k.as_str()),
            }})
        }})
        .collect();
    let result_codes: Vec<Value> = g::PaymentResultCode::ALL
        .iter()
        .map(|c| {{
            let i = c.info().expect("known");
            json!({{
                "code": c.as_str(), "info_code": i.code, "message": i.message, "suggestion": i.suggestion,
                "message_truncated": i.message_truncated, "suggestion_truncated": i.suggestion_truncated,
                "action": i.action.as_str(), "outcome": outcome(i.outcome), "deprecated": deprecated(i.deprecated),
                "canonical": c.canonical().expect("known").as_str(), "known": c.known().ok().map(|k| k.as_str()),
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

/// What the Rust read-back program prints of each record (see `antom_tests::readback`).
const KEYS: readback::Keys = readback::Keys {
    event_code: "code info_code=code kind callbacks description description_truncated action \
        outcome carries messages deprecated canonical known=closed",
    result_code: "code info_code=code message suggestion message_truncated suggestion_truncated \
        action outcome deprecated canonical known=closed",
    enum_value: "value info_value=value description outcome deprecated canonical known=closed",
    field: readback::SCHEMA_FIELD,
};

/// What the read-back program must print: the shared layout, each enumeration with its schema
/// table, and the codes' schema tables.
fn expected_readback(spec: &Spec) -> Value {
    let mut expected = readback::layout(spec, &KEYS);
    let mut schemas = readback::enum_schemas(spec);
    if let Some(Value::Object(enums)) = expected.get_mut("enums") {
        for (name, values) in enums.iter_mut() {
            let schema = schemas.remove(name).unwrap_or_default();
            *values = json!({ "values": values.take(), "schema": schema });
        }
    }
    expected.insert(
        "event_code_schema".to_owned(),
        schemas.remove("EventCode").unwrap_or_default(),
    );
    expected.insert(
        "result_code_schema".to_owned(),
        schemas.remove("PaymentResultCode").unwrap_or_default(),
    );
    Value::Object(expected)
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
            "//! Fixture build.\n#![allow(dead_code)]\nmod generated;\nmod json;\nmod lenient;\npub mod meta;\nmod pattern;\nmod quick;\nmod text;\npub mod validate;\npub use generated::*;\npub use text::JsonError;\n",
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

/// Runs `cargo <args>` in `dir` with warnings denied, sharing the fixtures' target folder (so
/// `antom-callback` is built once).
fn cargo_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(&cargo)
        .args(args)
        .args(["--offline", "--quiet"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-fixtures/target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

/// A `match` on a closed `Known<Name>` type with an arm per known value (each returning the
/// value's wire string), leaving out `missing`.
fn known_match(function: &str, ty: &str, values: &[&str], missing: Option<&str>) -> String {
    let known = format!("Known{}", Lang::Rust.ident(Role::Type, ty));
    let mut out =
        format!("fn {function}(value: ac::{known}) -> &'static str {{\n    match value {{\n");
    for v in values.iter().filter(|v| Some(**v) != missing) {
        out.push_str(&format!(
            "        ac::{known}::{} => {v:?},\n",
            Lang::Rust.ident(Role::Variant, v)
        ));
    }
    out.push_str("    }\n}\n\n");
    out
}

/// A `match` on `canonical` (a closed `Current<Name>`) with an arm per current value (each
/// returning the value's wire string) and one for an unknown value.
fn current_match(function: &str, ty: &str, values: &[&str]) -> String {
    let ty = Lang::Rust.ident(Role::Type, ty);
    let mut out =
        format!("fn {function}(value: &ac::{ty}) -> &str {{\n    match value.canonical() {{\n");
    for v in values {
        out.push_str(&format!(
            "        Ok(ac::Current{ty}::{}) => {v:?},\n",
            Lang::Rust.ident(Role::Variant, v)
        ));
    }
    out.push_str("        Err(raw) => raw,\n    }\n}\n\n");
    out
}

/// The values of a table that `canonical` can give: those no deprecation replaces.
fn current<'s>(
    values: impl Iterator<Item = (&'s str, Option<&'s antom_spec::Deprecation>)>,
) -> Vec<&'s str> {
    values
        .filter(|(_, d)| d.is_none_or(|d| d.replaced_by.is_none()))
        .map(|(v, _)| v)
        .collect()
}

/// The closed types as documented, compiled with warnings denied against `antom-callback`: a
/// `match` with an arm per known value of every open enumeration compiles (and each arm is its
/// value), and so does a `match` on `canonical` with an arm per current value; one that leaves
/// out an event code does not, and rustc names the code's variant. A deprecated event code
/// handled through `canonical` compiles; naming its variant warns.
#[test]
fn closed_types_match_exhaustively_and_deprecated_codes_go_through_canonical() {
    let spec = repo_spec();
    let root = repo_root();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-known");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src/bin")).expect("scratch folder");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"known_checks\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nantom-callback = {{ path = {:?} }}\n\n[workspace]\n",
            root.join("crates/callback").display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");

    let event_codes: Vec<&str> = spec.event_codes.iter().map(|c| c.code.as_str()).collect();
    let result_codes: Vec<&str> = spec.result_codes.iter().map(|c| c.code.as_str()).collect();
    let (deprecated, replacement) = spec
        .event_codes
        .iter()
        .find_map(|c| {
            Some((
                c.code.as_str(),
                c.deprecated.as_ref()?.replaced_by.as_deref()?,
            ))
        })
        .expect("an event code deprecated with a replacement");
    let variant = |code: &str| Lang::Rust.ident(Role::Variant, code);

    // Every known value, matched; a deprecated code handled through `canonical`.
    let mut program =
        String::from("//! Matches every known value.\n\nuse antom_callback as ac;\n\n");
    program.push_str(&known_match("event", "EventCode", &event_codes, None));
    program.push_str(&known_match(
        "result",
        "PaymentResultCode",
        &result_codes,
        None,
    ));
    let mut checks = String::new();
    for (i, e) in spec.enums.iter().enumerate() {
        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
        program.push_str(&known_match(&format!("enum_{i}"), &e.name, &values, None));
        let ty = Lang::Rust.ident(Role::Type, &e.name);
        checks.push_str(&format!(
            "    for v in ac::Known{ty}::ALL {{ assert_eq!(enum_{i}(*v), v.as_str()); }}\n"
        ));
        let current_values = current(
            e.values
                .iter()
                .map(|v| (v.value.as_str(), v.deprecated.as_ref())),
        );
        program.push_str(&current_match(
            &format!("current_enum_{i}"),
            &e.name,
            &current_values,
        ));
        checks.push_str(&format!(
            "    for v in ac::Current{ty}::ALL {{ assert_eq!(current_enum_{i}(&ac::{ty}::from(*v)), v.as_str()); }}\n    assert_eq!(current_enum_{i}(&ac::{ty}::from(\"NEW\")), \"NEW\");\n"
        ));
    }
    for (function, ty, values) in [
        (
            "current_event",
            "EventCode",
            current(
                spec.event_codes
                    .iter()
                    .map(|c| (c.code.as_str(), c.deprecated.as_ref())),
            ),
        ),
        (
            "current_result",
            "PaymentResultCode",
            current(
                spec.result_codes
                    .iter()
                    .map(|c| (c.code.as_str(), c.deprecated.as_ref())),
            ),
        ),
    ] {
        program.push_str(&current_match(function, ty, &values));
        checks.push_str(&format!(
            "    for v in ac::Current{ty}::ALL {{ assert_eq!({function}(&ac::{ty}::from(*v)), v.as_str()); }}\n"
        ));
    }
    program.push_str(&format!(
        r#"/// What to do about a code, its replacements handled as the codes they replace.
fn handle(code: &ac::EventCode) -> &'static str {{
    match code.canonical() {{
        Ok(ac::CurrentEventCode::{replacement}) => "replacement",
        _ => "other",
    }}
}}

fn main() {{
    for c in ac::KnownEventCode::ALL {{ assert_eq!(event(*c), c.as_str()); }}
    for c in ac::KnownPaymentResultCode::ALL {{ assert_eq!(result(*c), c.as_str()); }}
{checks}    assert_eq!(handle(&ac::EventCode::from({deprecated:?})), "replacement");
    assert_eq!(current_event(&ac::EventCode::from({deprecated:?})), {replacement_wire:?});
    assert_eq!(handle(&ac::EventCode::from({replacement_wire:?})), "replacement");
    match ac::EventCode::from({deprecated:?}).known() {{
        Ok(known) => assert_eq!(event(known), {deprecated:?}),
        Err(raw) => panic!("{{raw}} is known"),
    }}
}}
"#,
        replacement = variant(replacement),
        replacement_wire = replacement,
    ));
    std::fs::write(dir.join("src/bin/exhaustive.rs"), program).expect("program");

    let missing = *event_codes.last().expect("an event code");
    std::fs::write(
        dir.join("src/bin/missing.rs"),
        format!(
            "//! Leaves one event code out.\n\nuse antom_callback as ac;\n\n{}fn main() {{\n    println!(\"{{}}\", event(ac::KnownEventCode::ALL[0]));\n}}\n",
            known_match("event", "EventCode", &event_codes, Some(missing))
        ),
    )
    .expect("program");
    std::fs::write(
        dir.join("src/bin/deprecated.rs"),
        format!(
            "//! Names the deprecated variant.\n\nfn main() {{\n    let code = antom_callback::EventCode::{};\n    println!(\"{{code}}\");\n}}\n",
            variant(deprecated)
        ),
    )
    .expect("program");

    // The README's exhaustive `match` on `canonical`, as it is and with one arm left out.
    let current_codes = current(
        spec.event_codes
            .iter()
            .map(|c| (c.code.as_str(), c.deprecated.as_ref())),
    );
    let left_out = *current_codes.last().expect("a current event code");
    let (readme, readme_missing) = readme_match(&variant(left_out));
    std::fs::write(dir.join("src/bin/readme.rs"), readme).expect("program");
    std::fs::write(dir.join("src/bin/readme_missing.rs"), readme_missing).expect("program");

    let run = cargo_in(&dir, &["run", "--bin", "exhaustive"]);
    assert!(
        run.status.success(),
        "the exhaustive matches do not compile or run with warnings denied:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let check = cargo_in(&dir, &["check", "--bin", "missing"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let named = format!("`KnownEventCode::{}` not covered", variant(missing));
    assert!(
        !check.status.success() && stderr.contains("E0004") && stderr.contains(&named),
        "a match without {missing} must fail naming {named}:\n{stderr}"
    );

    let run = cargo_in(&dir, &["run", "--bin", "readme"]);
    assert!(
        run.status.success(),
        "the README's match on canonical does not compile or run with warnings denied:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = cargo_in(&dir, &["check", "--bin", "readme_missing"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let named = format!("`Ok(CurrentEventCode::{})` not covered", variant(left_out));
    assert!(
        !check.status.success() && stderr.contains("E0004") && stderr.contains(&named),
        "the README's match without {left_out} must fail naming {named}:\n{stderr}"
    );

    let check = cargo_in(&dir, &["check", "--bin", "deprecated"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let named = format!(
        "use of deprecated unit variant `antom_callback::EventCode::{}`",
        variant(deprecated)
    );
    assert!(
        !check.status.success()
            && stderr.contains(&named)
            && stderr.contains("implied by `-D warnings`"),
        "naming {deprecated} must warn ({named}):\n{stderr}"
    );
}

/// The crate README's exhaustive `match` on `canonical` (the first `rust` block of "Match on
/// codes") as a program, its statements in `main` as rustdoc runs them: as it is, and with the
/// arm of the current code `variant` left out.
fn readme_match(variant: &str) -> (String, String) {
    let readme = std::fs::read_to_string(repo_root().join("crates/callback/README.md"))
        .expect("crates/callback/README.md");
    let section = readme
        .split("## Match on codes")
        .nth(1)
        .expect("the README has a section \"Match on codes\"");
    let block = section
        .split("```rust\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the section has a rust block");
    let program = |skip: Option<&str>| {
        let (attrs, body): (Vec<&str>, Vec<&str>) = block
            .lines()
            .filter(|l| skip.is_none_or(|s| !l.contains(s)))
            .partition(|l| l.starts_with("#!["));
        format!(
            "//! The README's match.\n{}\nfn main() {{\n{}\n}}\n",
            attrs.join("\n"),
            body.join("\n")
        )
    };
    let arm = format!("Ok(CurrentEventCode::{variant}) =>");
    assert_eq!(
        block.matches(&arm).count(),
        1,
        "the README's match has one arm `{arm}`:\n{block}"
    );
    (program(None), program(Some(&arm)))
}

/// The vocabulary in Rust (`tests/api/api.rs`): every Rust cell of ARCHITECTURE.md's table is
/// used in its row's section, and the program compiles with warnings denied and runs; a compiler
/// error is reported with the row it falls in.
#[test]
fn the_vocabulary_compiles_in_rust() {
    let root = repo_root();
    let program = std::fs::read_to_string(root.join("tests/api/api.rs")).expect("tests/api/api.rs");
    let unused = antom_tests::api::unused_names("Rust", &program, &antom_tests::api::table());
    assert!(unused.is_empty(), "{}", unused.join("\n"));

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-api");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("scratch folder");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"api\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nantom-callback = {{ path = {:?} }}\nserde_json = \"1\"\n\n[workspace]\n",
            root.join("crates/callback").display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
    std::fs::write(dir.join("src/main.rs"), &program).expect("main.rs");
    let output = cargo_in(&dir, &["run"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}\n{stderr}",
        antom_tests::api::rows_of_errors("Rust", "src/main.rs", &program, &stderr)
    );
}
