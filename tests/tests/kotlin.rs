//! The Kotlin target with the Kotlin compiler: the output for the real spec, every fixture case
//! and `tests/kotlin/specs/` compiles with `-Werror` in one `kotlinc` run, together with the
//! hand-written conformance runner, behaviour checks, the literal read-back program (its part for
//! each spec but the real one written here from the spec) and a Java caller (then built by `javac
//! -Werror -Xlint:all`); the runner agrees with every conformance vector and round-trips it, the
//! behaviour checks pass, the Java caller gets what the spec says, and every generated constant of
//! every spec reads back as the spec's string.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use antom_codegen::Target;
use antom_spec::names::{KOTLIN_KEYWORDS, Lang, Role};
use antom_spec::{Deprecation, Spec};
use antom_tests::{
    arbitrary_json, fixture_cases, load_spec, random_spec, repo_root, repo_spec, subfolders,
    vectors,
};
use serde_json::{Value, json};

/// The compiled classes and how to run them.
#[derive(Debug)]
struct Build {
    java: PathBuf,
    /// Kotlin classes, the Java caller's classes and the Kotlin standard library.
    classpath: std::ffi::OsString,
}

/// The one compilation every test here shares: `Ok(None)` when the tools are missing.
static BUILD: OnceLock<Result<Option<Build>, String>> = OnceLock::new();

fn build() -> Option<&'static Build> {
    let once = || {
        std::panic::catch_unwind(compile)
            .unwrap_or_else(|_| Err("preparing the Kotlin build panicked (see above)".to_owned()))
    };
    match BUILD.get_or_init(once) {
        Ok(build) => build.as_ref(),
        Err(message) => panic!("{message}"),
    }
}

fn files_with_extension(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_with_extension(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Every spec the compilation covers: the real one, the fixture cases, `tests/kotlin/specs/` and
/// the random specs of `antom_tests::random_spec`.
fn specs() -> Vec<(String, Spec)> {
    let mut specs = vec![("real".to_owned(), repo_spec())];
    for (name, dir) in fixture_cases()
        .into_iter()
        .chain(subfolders("tests/kotlin/specs"))
    {
        specs.push((name, load_spec(&dir)));
    }
    specs.extend(random_spec::load_all());
    specs
}

fn run(command: &mut Command, what: &str) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{what}: output is not UTF-8: {e}"))
}

fn compile() -> Result<Option<Build>, String> {
    let Some(tools) = antom_tests::tools::require("Kotlin target", &["kotlinc", "java"]) else {
        return Ok(None);
    };
    let (kotlinc, java) = (tools[0].clone(), tools[1].clone());
    // `javac` comes with the JDK that `java` belongs to (`kotlinc` needs a JDK too).
    let javac = [
        Some(java.with_file_name("javac")),
        std::fs::canonicalize(&java)
            .ok()
            .map(|j| j.with_file_name("javac")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.is_file());
    let Some(javac) = javac else {
        let message = format!(
            "SKIPPED: Kotlin target: no javac next to {} (install a JDK, not only a JRE)",
            java.display()
        );
        if std::env::var_os("ANTOM_REQUIRE_TOOLS").is_some() {
            return Err(message);
        }
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        return Ok(None);
    };
    let root = repo_root();
    let stdlib = root.join("tools/node_modules/kotlin-compiler/lib/kotlin-stdlib.jar");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kotlin");
    let _ = std::fs::remove_dir_all(&scratch);
    let (src, classes, java_classes) = (
        scratch.join("src"),
        scratch.join("classes"),
        scratch.join("java-classes"),
    );
    let specs = specs();
    for (name, spec) in &specs {
        for (_, files) in
            antom_codegen::generate(spec, &[Target::Kotlin]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                let path = src.join(name).join(&f.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&path, f.contents).map_err(|e| e.to_string())?;
            }
        }
    }
    let mut cases = Vec::new();
    for (name, spec) in &specs {
        // A Kotlin package segment: `random-3` becomes `random_3`.
        let name = name.replace('-', "_");
        let name = name.as_str();
        let path = src.join("readback").join(format!("{name}.kt"));
        std::fs::create_dir_all(src.join("readback")).map_err(|e| e.to_string())?;
        std::fs::write(&path, readback_source(name, spec)).map_err(|e| e.to_string())?;
        cases.push(format!(
            "    {:?} to antom.readback.cases.{name}.dump(),\n",
            spec.package.kotlin_package
        ));
    }
    std::fs::write(
        src.join("readback/Cases.kt"),
        format!(
            "// Written by tests/tests/kotlin.rs: the dump of every compiled spec, by package.\npackage antom.readback.cases\n\nfun dumps(): Map<String, Any?> = mapOf(\n{}\n)\n",
            cases.concat().trim_end()
        ),
    )
    .map_err(|e| e.to_string())?;
    let mut sources = Vec::new();
    files_with_extension(&src, "kt", &mut sources);
    let generated = sources.len();
    files_with_extension(&root.join("tests/kotlin"), "kt", &mut sources);
    let caller = root.join("tests/kotlin/JavaCaller.java");
    sources.push(caller.clone());
    if generated < 20 {
        return Err(format!("only {generated} generated Kotlin files"));
    }
    run(
        Command::new(&kotlinc)
            .args(["-Werror", "-no-reflect", "-d"])
            .arg(&classes)
            .args(&sources),
        "kotlinc -Werror",
    )?;
    let kotlin_classpath = std::env::join_paths([&classes, &stdlib]).map_err(|e| e.to_string())?;
    run(
        Command::new(&javac)
            .args(["-Werror", "-Xlint:all", "-cp"])
            .arg(&kotlin_classpath)
            .arg("-d")
            .arg(&java_classes)
            .arg(&caller),
        "javac -Werror -Xlint:all",
    )?;
    let classpath =
        std::env::join_paths([&classes, &java_classes, &stdlib]).map_err(|e| e.to_string())?;
    Ok(Some(Build { java, classpath }))
}

/// Runs a main class of the build on the JVM and returns its standard output.
fn java(build: &Build, main: &str, args: &[&Path]) -> String {
    run(
        Command::new(&build.java)
            .arg("-cp")
            .arg(&build.classpath)
            .arg(main)
            .args(args),
        main,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn kotlin_runner_agrees_with_every_vector_and_round_trips_it() {
    let Some(build) = build() else { return };
    let dir = repo_root().join("tests/vectors");
    let output = java(build, "antom.conformance.RunnerKt", &[&dir]);
    let verdicts = vectors::parse_runner_output(&output);
    let vectors = vectors::load();
    let leaks = vectors::leaks(&output, &vectors);
    assert!(
        leaks.is_empty(),
        "Kotlin messages show secrets:\n{}",
        leaks.join("\n")
    );
    assert_eq!(
        verdicts.iter().map(|v| v.0.as_str()).collect::<Vec<_>>(),
        vectors.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        "the runner reports one verdict per vector"
    );
    let mut disagreements = Vec::new();
    for ((name, issues, roundtrip), v) in verdicts.iter().zip(&vectors) {
        if issues != &v.expect {
            disagreements.push(format!("{name}: expected {:?}, got {issues:?}", v.expect));
        }
        let expected_roundtrip = if v.payload.is_object() {
            v.payload.clone()
        } else {
            Value::Null
        };
        if roundtrip.as_ref() != Some(&expected_roundtrip) {
            disagreements.push(format!(
                "{name}: round trip gives {roundtrip:?}, expected {expected_roundtrip}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn kotlin_validator_gives_the_rust_verdict_on_arbitrary_json_and_never_throws() {
    let Some(build) = build() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kotlin-arbitrary");
    let expected = arbitrary_json::write_vectors(&dir);
    let output = java(build, "antom.conformance.RunnerKt", &[&dir]);
    let problems = arbitrary_json::disagreements(
        &vectors::parse_runner_output(&output),
        &expected,
        |p| {
            Some(if p.is_object() {
                p.clone()
            } else {
                Value::Null
            })
        },
        arbitrary_json::Numbers::Exact,
    );
    assert!(
        problems.is_empty(),
        "the Kotlin runner disagrees on arbitrary payloads (under {}):\n{}",
        dir.display(),
        problems.join("\n")
    );
}

#[test]
fn kotlin_behaviour_checks_pass() {
    let Some(build) = build() else { return };
    let output = java(build, "antom.behaviour.BehaviourKt", &[]);
    let checks: Value = serde_json::from_str(&output)
        .unwrap_or_else(|e| panic!("behaviour output is not JSON ({e}):\n{output}"));
    let checks = checks.as_array().cloned().unwrap_or_default();
    assert_eq!(
        checks.len(),
        11,
        "every check of tests/kotlin/Behaviour.kt reports once:\n{output}"
    );
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| c["ok"] != Value::Bool(true))
        .map(|c| format!("{}: {}", c["name"], c["detail"]))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The payload that `tests/kotlin/JavaCaller.java` validates.
const JAVA_PAYLOAD: &str = r#"{"code":"SDK_PAYMENT_FAIL","result":{"paymentStatus":"SUCCESS","paymentResultCode":"RISK_REJECT","cardPaymentResultInfo":{"cardNo":"4111111111111111","holdName":"Tom Jay","lastFour":"1111","newField":1}}}"#;

#[test]
fn java_calls_the_generated_api_like_the_android_sample() {
    let Some(build) = build() else { return };
    let spec = repo_spec();
    let output = java(build, "antom.conformance.JavaCaller", &[]);
    let lines: Vec<&str> = output.lines().collect();
    let code = |c: &str| {
        spec.event_code(c)
            .unwrap_or_else(|| panic!("{c} is in the spec"))
    };
    let reason = spec
        .result_code("RISK_REJECT")
        .expect("RISK_REJECT is in the spec");
    let outcome = |o: Option<antom_spec::Outcome>| {
        o.map_or_else(
            || "null".to_owned(),
            |o| {
                serde_json::to_value(o)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            },
        )
    };
    let kind = serde_json::to_value(code("SDK_END_OF_LOADING").kind).expect("kind serializes");
    let mut expected = vec![
        "event successful".to_owned(),
        "event processing".to_owned(),
        format!("event fail: {}", code("SDK_PAYMENT_FAIL").action),
        "event unknown: SDK_FROM_THE_FUTURE".to_owned(),
        format!("event other: {}", kind.as_str().unwrap_or_default()),
        format!("message {}", reason.message),
        format!("suggestion {}", reason.suggestion),
        format!(
            "action {} outcome {}",
            reason.action,
            outcome(reason.outcome)
        ),
        "unknown false null NEW_REASON".to_owned(),
        format!(
            "deprecated {}",
            code("SDK_CALL_URL_ERROR")
                .deprecated
                .as_ref()
                .and_then(|d| d.replaced_by.clone())
                .unwrap_or_default()
        ),
        format!(
            "known {} {}",
            spec.event_codes.len(),
            spec.result_codes.len()
        ),
    ];
    let payload: Value = serde_json::from_str(JAVA_PAYLOAD).expect("the payload is JSON");
    let report = antom_callback::validate(&payload);
    expected.push(format!("valid {}", report.is_valid()));
    for issue in &report.issues {
        expected.push(format!(
            "issue {} {} {}",
            issue.severity().as_str(),
            issue.path(),
            issue.rule()
        ));
    }
    let n = expected.len();
    assert!(lines.len() == n + 3, "unexpected output:\n{output}");
    // Issues come in document order, which the Rust validator need not share: compare as sets.
    let mut got: Vec<&str> = lines[..n].to_vec();
    let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "Java caller output:\n{output}");
    let card = lines[n];
    assert!(
        card.contains("cardNo=<redacted>")
            && card.contains("holdName=<redacted>")
            && card.contains("lastFour=1111")
            && !card.contains("4111111111111111")
            && !card.contains("Tom Jay"),
        "toString() must redact sensitive fields: {card}"
    );
    assert_eq!(lines[n + 1], "extra {newField=1}");
    assert_eq!(lines[n + 2], "roundtrip true");
}

/// A Kotlin package name as code: segments that are keywords get backticks.
fn kotlin_package(package: &str) -> String {
    package
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

/// The read-back of one spec's generated package: `antom.readback.cases.<name>.dump()` returns
/// every constant and metadata value in the shape [`expected_dump`] builds from the spec. Written
/// from the spec with the generator's own names, so that every fixture case is read back.
fn readback_source(name: &str, spec: &Spec) -> String {
    let p = kotlin_package(&spec.package.kotlin_package);
    let ty = |n: &str| format!("{p}.{}", Lang::Kotlin.ident(Role::Type, n));
    let enums: Vec<String> = spec
        .enums
        .iter()
        .map(|e| {
            format!(
                "        {:?} to {}.knownValues.map {{\n            mapOf(\n                \"value\" to it.value,\n                \"known\" to it.isKnown,\n                \"description\" to it.description,\n                \"outcome\" to it.outcome?.value,\n                \"deprecated\" to deprecation(it.deprecation),\n            )\n        }},\n",
                e.name,
                ty(&e.name)
            )
        })
        .collect();
    let objects: Vec<String> = spec
        .objects
        .iter()
        .map(|o| format!("        objectSchema({}.schema),\n", ty(&o.name)))
        .collect();
    format!(
        r#"// Written by tests/tests/kotlin.rs from the spec of `{name}`: every string constant and
// metadata value of the generated package, as JSON-ready maps.
package antom.readback.cases.{name}

private fun deprecation(d: {p}.Deprecation?): Any? =
    if (d == null) null else mapOf("replaced_by" to d.replacedBy, "note" to d.note)

private fun objectSchema(s: {p}.Validate.ObjectSchema): Any = mapOf(
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

fun dump(): Map<String, Any?> = mapOf(
    "spec_version" to {p}.SPEC_VERSION,
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
            "deprecated" to deprecation(it.deprecation),
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
            "deprecated" to deprecation(it.deprecation),
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
    )
}

fn deprecated(d: Option<&Deprecation>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({ "replaced_by": d.replaced_by, "note": d.note }),
    )
}

/// What the read-back program must print for a spec: every constant, straight from the spec.
fn expected_dump(spec: &Spec) -> Value {
    let event_codes: Vec<Value> = spec
        .event_codes
        .iter()
        .map(|c| {
            json!({
                "code": c.code, "known": true, "kind": c.kind, "callbacks": c.callbacks,
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
                "code": c.code, "known": true, "message": c.message, "suggestion": c.suggestion,
                "action": c.action, "outcome": c.outcome,
                "deprecated": deprecated(c.deprecated.as_ref()),
            })
        })
        .collect();
    let enums: serde_json::Map<String, Value> = spec
        .enums
        .iter()
        .map(|e| {
            let values: Vec<Value> = e
                .values
                .iter()
                .map(|v| {
                    json!({
                        "value": v.value, "known": true, "description": v.description,
                        "outcome": v.outcome, "deprecated": deprecated(v.deprecated.as_ref()),
                    })
                })
                .collect();
            (e.name.clone(), Value::Array(values))
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
                    json!({
                        "name": f.name, "required": f.required, "max_length": f.max_length,
                        "pattern": f.pattern, "format": f.format, "sensitive": f.sensitive,
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
        "result_codes": result_codes,
        "actions": named(spec.actions.iter().map(|a| (&a.name, &a.description)).collect()),
        "callbacks": named(spec.callbacks.iter().map(|c| (&c.name, &c.description)).collect()),
        "enums": enums,
        "objects": objects,
    })
}

#[test]
fn every_generated_constant_reads_back_as_the_spec_string() {
    let Some(build) = build() else { return };
    let output = java(build, "antom.readback.ReadBackKt", &[]);
    let dumps: Value = serde_json::from_str(&output)
        .unwrap_or_else(|e| panic!("read-back output is not JSON ({e}):\n{output}"));
    let specs = specs();
    assert_eq!(
        specs
            .iter()
            .filter(|(n, _)| n.starts_with("random-"))
            .count(),
        random_spec::COUNT,
        "the random specs are read back too"
    );
    let mut packages: Vec<&str> = specs
        .iter()
        .map(|(_, s)| s.package.kotlin_package.as_str())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    assert_eq!(
        packages.len(),
        specs.len(),
        "every spec has its own package"
    );
    for (name, spec) in &specs {
        let package = spec.package.kotlin_package.as_str();
        let got = &dumps[package];
        let want = expected_dump(spec);
        for key in [
            "spec_version",
            "event_codes",
            "result_codes",
            "actions",
            "callbacks",
            "enums",
            "objects",
        ] {
            assert_eq!(
                got[key], want[key],
                "{name} ({package}): `{key}` read back from Kotlin differs from the spec"
            );
        }
    }
    for name in ["real", "escaping", "obstacle"] {
        assert!(specs.iter().any(|(n, _)| n == name), "{name} is read back");
    }
}
