//! The Kotlin target with the Kotlin compiler: the output for the real spec, every fixture case
//! and `tests/kotlin/specs/` compiles with `-Werror` in one `kotlinc` run (language and API
//! version 2.0, as the release compiles the jar: `antom_codegen::maven::KOTLINC_FLAGS`), with the
//! hand-written conformance runner, behaviour checks, the literal read-back program (its part for
//! each spec but the real one written here from the spec) and a Java caller (then built by `javac
//! -Werror -Xlint:all`); the runner agrees with every conformance vector and round-trips it, the
//! behaviour checks pass, the Java caller gets what the spec says, and every generated constant of
//! every spec reads back as the spec's string. The README's snippets are in that run too. Decoded
//! values validate as the JSON they came from, and `validateCallback` as the state object (every
//! vector and the arbitrary payloads); a Java `switch` over the `Codes` constants handles a
//! deprecated code through `canonical` without a warning; and two small `kotlinc` runs and a
//! `javac` run show that a `when` missing a `Known` entry, and the README's `when` on `canonical`
//! missing a `Current` entry, fail naming it, and that naming a deprecated constant warns.
//!
//! Why one run: `kotlinc` takes tens of seconds on these machines, so every spec is generated into
//! one scratch folder and compiled once, shared through a `OnceLock`; `javac` only builds the Java
//! callers against the classes (kotlinc reads `.java` sources but does not compile them). Only the
//! programs that must fail to compile get small runs of their own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use antom_codegen::Target;
use antom_codegen::ir::canonical;
use antom_codegen::names::{KOTLIN_KEYWORDS, Lang, Role};
use antom_spec::Spec;
use antom_tests::{
    arbitrary_json, fixture_cases, load_spec, random_spec, readback, repo_root, repo_spec,
    subfolders, vectors,
};
use serde_json::{Value, json};

/// The compiled classes and how to run them.
#[derive(Debug)]
struct Build {
    java: PathBuf,
    /// Kotlin classes, the Java caller's classes and the Kotlin standard library.
    classpath: std::ffi::OsString,
    /// The compilers and what a program that uses the compiled package compiles against: the
    /// Kotlin classes and the Kotlin standard library.
    kotlinc: PathBuf,
    javac: PathBuf,
    kotlin_classpath: std::ffi::OsString,
    scratch: PathBuf,
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
            antom_codegen::settings::kotlin_package(&spec.package)
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
    // The README's Kotlin snippets (the blocks that start with an import) compile too.
    let readme = std::fs::read_to_string(src.join("real/README.md")).map_err(|e| e.to_string())?;
    let snippets = readme_snippets(&readme);
    if snippets.len() < 3 {
        return Err(format!(
            "the README has {} Kotlin snippets to compile",
            snippets.len()
        ));
    }
    std::fs::create_dir_all(src.join("readme")).map_err(|e| e.to_string())?;
    for (i, snippet) in snippets.iter().enumerate() {
        std::fs::write(
            src.join("readme").join(format!("Snippet{i}.kt")),
            format!("package antom.readme.snippet{i}\n\n{snippet}"),
        )
        .map_err(|e| e.to_string())?;
    }
    let mut sources = Vec::new();
    files_with_extension(&src, "kt", &mut sources);
    let generated = sources.len();
    files_with_extension(&root.join("tests/kotlin"), "kt", &mut sources);
    sources.push(root.join("tests/api/Api.kt"));
    let mut java_sources = Vec::new();
    files_with_extension(&root.join("tests/kotlin"), "java", &mut java_sources);
    java_sources.push(root.join("tests/api/ApiJava.java"));
    // The README's Java statements, each the body of a method that has `eventCode`.
    let java_readme = scratch.join("java-src/antom/readme");
    std::fs::create_dir_all(&java_readme).map_err(|e| e.to_string())?;
    let java_snippets = fenced(&readme, "java");
    if java_snippets.is_empty() {
        return Err("the README has no Java snippet".to_owned());
    }
    for (i, snippet) in java_snippets.iter().enumerate() {
        let path = java_readme.join(format!("ReadmeJava{i}.java"));
        let body: String = snippet.lines().map(|l| format!("        {l}\n")).collect();
        std::fs::write(
            &path,
            format!(
                "package antom.readme;\n\nimport {}.*;\n\nfinal class ReadmeJava{i} {{\n    private ReadmeJava{i}() {{}}\n\n    static void handle(String eventCode) {{\n{body}    }}\n}}\n",
                spec_package_for_java(&specs)
            ),
        )
        .map_err(|e| e.to_string())?;
        java_sources.push(path);
    }
    sources.extend(java_sources.iter().cloned());
    if generated < 20 {
        return Err(format!("only {generated} generated Kotlin files"));
    }
    // With the flags the release compiles the jar with (language and API version 2.0, `-Werror`).
    run(
        Command::new(&kotlinc)
            .args(antom_codegen::maven::KOTLINC_FLAGS)
            .args(["-no-reflect", "-d"])
            .arg(&classes)
            .args(&sources),
        "kotlinc -Werror -language-version 2.0 -api-version 2.0",
    )
    .map_err(|e| format!("{}{e}", api_rows(&root, &e)))?;
    let kotlin_classpath = std::env::join_paths([&classes, &stdlib]).map_err(|e| e.to_string())?;
    run(
        Command::new(&javac)
            .args(["-Werror", "-Xlint:all", "-cp"])
            .arg(&kotlin_classpath)
            .arg("-d")
            .arg(&java_classes)
            .args(&java_sources),
        "javac -Werror -Xlint:all",
    )
    .map_err(|e| format!("{}{e}", api_rows(&root, &e)))?;
    let classpath =
        std::env::join_paths([&classes, &java_classes, &stdlib]).map_err(|e| e.to_string())?;
    Ok(Some(Build {
        java,
        classpath,
        kotlinc,
        javac,
        kotlin_classpath,
        scratch,
    }))
}

/// The fenced `kotlin` blocks of a README that start with an `import`: whole source files.
fn readme_snippets(readme: &str) -> Vec<String> {
    fenced(readme, "kotlin")
        .into_iter()
        .filter(|b| b.starts_with("import "))
        .collect()
}

/// The Java package of the real spec (the first one compiled).
fn spec_package_for_java(specs: &[(String, Spec)]) -> String {
    specs
        .iter()
        .find(|(name, _)| name == "real")
        .map(|(_, spec)| antom_codegen::settings::kotlin_package(&spec.package).to_owned())
        .unwrap_or_default()
}

/// The fenced blocks of a README in `language`.
fn fenced(readme: &str, language: &str) -> Vec<String> {
    let mut snippets = Vec::new();
    let mut current: Option<String> = None;
    let opening = format!("```{language}");
    for line in readme.lines() {
        match current.as_mut() {
            None if line.trim_end() == opening => current = Some(String::new()),
            None => {}
            Some(block) if line.trim_end() == "```" => {
                snippets.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    snippets
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

/// `validateText` gives every text vector (`tests/vectors/text/`) its issues word for word: text
/// that is not JSON is one `invalid_json` error at the root with the message of every runtime.
#[test]
fn kotlin_reads_every_text_vector_word_for_word() {
    let Some(build) = build() else { return };
    let dir = repo_root().join("tests/vectors/text");
    let output = java(build, "antom.conformance.RunnerKt", &[&dir]);
    let vectors = vectors::load_texts();
    let wrong = vectors::text_disagreements("Kotlin", &output, &vectors);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
    disagreements.extend(vectors::message_disagreements(&output, &vectors));
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn kotlin_validator_gives_the_rust_verdict_on_arbitrary_json_and_never_throws() {
    let Some(build) = build() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kotlin-arbitrary");
    let expected = arbitrary_json::write_vectors(&dir);
    let output = java(build, "antom.conformance.RunnerKt", &[&dir]);
    let mut problems = arbitrary_json::disagreements(
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
    problems.extend(vectors::message_disagreements(&output, &expected));
    assert!(
        problems.is_empty(),
        "the Kotlin runner disagrees on arbitrary payloads (under {}):\n{}",
        dir.display(),
        problems.join("\n")
    );
}

/// The shared table of card-number placements: every row masked as the table says, in values,
/// keys, pointers, messages, redacted JSON and `toString()`.
#[test]
fn kotlin_masks_card_numbers_as_the_shared_table_says() {
    let Some(build) = build() else { return };
    let table = repo_root().join("tests/masking/card_numbers.json");
    let output = java(build, "antom.masking.MaskingKt", &[&table]);
    let rows: Value = serde_json::from_str(&output)
        .unwrap_or_else(|e| panic!("masking output is not JSON ({e}):\n{output}"));
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 20, "every row reports once:\n{output}");
    let failed: Vec<String> = rows
        .iter()
        .filter(|c| c["ok"] != Value::Bool(true))
        .map(|c| format!("{}: {}", c["name"], c["detail"]))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
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
        15,
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
    expected.push(format!(
        "errors {} warnings {}",
        report.errors().count(),
        report.warnings().count()
    ));
    expected.push("text false invalid_json".to_owned());
    let fail = code("SDK_PAYMENT_FAIL");
    expected.push(format!(
        "info SDK_PAYMENT_FAIL {} [{}] [{}] [{}] {} null",
        serde_json::to_value(fail.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        fail.callbacks.join(", "),
        fail.carries.join(", "),
        fail.messages.join(", "),
        outcome(fail.outcome)
    ));
    expected.push(format!("spec {}", spec.package.version));
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
    let p = kotlin_package(antom_codegen::settings::kotlin_package(&spec.package));
    let ty = |n: &str| format!("{p}.{}", Lang::Kotlin.ident(Role::Type, n));
    let enums: Vec<String> = spec
        .enums
        .iter()
        .map(|e| {
            format!(
                "        {:?} to {}.knownValues.map {{\n            val i = it.info ?: return@map null\n            mapOf(\n                \"value\" to same(it.value, i.value),\n                \"known\" to it.isKnown,\n                \"description\" to i.description,\n                \"outcome\" to i.outcome?.value,\n                \"deprecated\" to deprecation(i.deprecated),\n                \"closed\" to it.known?.value,\n                \"canonical\" to it.canonical?.value,\n            )\n        }},\n",
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
    // Every `Codes` constant and `Known` entry, named as the generator names them, and an
    // exhaustive `when` (no `else`) over each `Known`, which must compile with `-Werror`.
    let whens = std::cell::RefCell::new(Vec::<String>::new());
    let constants = |name: &str, wires: Vec<&str>| {
        let list = |scope: &str| {
            wires
                .iter()
                .map(|w| {
                    format!(
                        "{}.{scope}.{}",
                        ty(name),
                        Lang::Kotlin.ident(Role::Variant, w)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut whens = whens.borrow_mut();
        let when = if wires.is_empty() {
            "emptyList<String>()".to_owned()
        } else {
            let f = format!("exhaustive{}", whens.len());
            whens.push(known_when(&f, &ty(name), &wires, None));
            format!("{}.Known.entries.map {{ {f}(it) }}", ty(name))
        };
        format!(
            "        {name:?} to mapOf(\"codes\" to listOf<String>({}), \"known\" to listOf<Any>({}).map {{ it.toString() }}, \"when\" to {when}),\n",
            list("Codes"),
            list("Known")
        )
    };
    let mut codes = vec![
        constants(
            "EventCode",
            spec.event_codes.iter().map(|c| c.code.as_str()).collect(),
        ),
        constants(
            "PaymentResultCode",
            spec.result_codes.iter().map(|c| c.code.as_str()).collect(),
        ),
    ];
    codes.extend(
        spec.enums
            .iter()
            .map(|e| constants(&e.name, e.values.iter().map(|v| v.value.as_str()).collect())),
    );
    format!(
        r#"// Written by tests/tests/kotlin.rs from the spec of `{name}`: every string constant and
// metadata value of the generated package, as JSON-ready maps.
package antom.readback.cases.{name}

private fun deprecation(d: {p}.Deprecation?): Any? =
    if (d == null) null else mapOf("replaced_by" to d.replacedBy, "note" to d.note)

// The wire value, when the record's copy of it is the same; otherwise both, which no spec reads.
private fun same(value: String, recorded: String): String =
    if (value == recorded) value else "value " + value + ", info " + recorded

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

@Suppress("DEPRECATION")
fun dump(): Map<String, Any?> = mapOf(
    "spec_version" to {p}.SPEC_VERSION,
    "event_codes" to {p}.EventCode.knownValues.map {{
        val i = it.info ?: return@map null
        mapOf(
            "code" to same(it.value, i.code),
            "known" to it.isKnown,
            "kind" to i.kind.value,
            "callbacks" to i.callbacks.map {{ c -> c.value }},
            "description" to i.description,
            "description_truncated" to i.descriptionTruncated,
            "closed" to it.known?.value,
            "canonical" to it.canonical?.value,
            "action" to i.action.value,
            "outcome" to i.outcome?.value,
            "carries" to i.carries,
            "messages" to i.messages,
            "deprecated" to deprecation(i.deprecated),
        )
    }},
    "result_codes" to {p}.PaymentResultCode.knownValues.map {{
        val i = it.info ?: return@map null
        mapOf(
            "code" to same(it.value, i.code),
            "known" to it.isKnown,
            "message" to i.message,
            "message_truncated" to i.messageTruncated,
            "suggestion" to i.suggestion,
            "suggestion_truncated" to i.suggestionTruncated,
            "closed" to it.known?.value,
            "canonical" to it.canonical?.value,
            "action" to i.action.value,
            "outcome" to i.outcome?.value,
            "deprecated" to deprecation(i.deprecated),
        )
    }},
    "actions" to {p}.Action.entries.map {{ mapOf("name" to it.value, "description" to it.description) }},
    "callbacks" to {p}.CallbackName.entries.map {{ mapOf("name" to it.value, "description" to it.description) }},
    "enums" to mapOf<String, Any?>(
{enums}    ),
    "objects" to listOf<Any?>(
{objects}    ),
    "constants" to mapOf<String, Any?>(
{codes}    ),
)
{whens}"#,
        enums = enums.concat(),
        objects = objects.concat(),
        codes = codes.concat(),
        whens = whens.borrow().concat(),
    )
}

/// A Kotlin function `f` that returns the wire value of a `Known` of the open enumeration `ty`
/// (fully qualified) with a `when` that has one branch for each of `wires` but `missing`, and no
/// `else`: it compiles only when those branches are every known value.
fn known_when(f: &str, ty: &str, wires: &[&str], missing: Option<&str>) -> String {
    let arms: String = wires
        .iter()
        .filter(|w| Some(**w) != missing)
        .map(|w| {
            format!(
                "    {ty}.Known.{} -> {}\n",
                Lang::Kotlin.ident(Role::Variant, w),
                kotlin_string(w)
            )
        })
        .collect();
    format!("\nfun {f}(known: {ty}.Known): String = when (known) {{\n{arms}}}\n")
}

/// A Kotlin string literal for `s`: `"`, `\\` and `$` escaped, everything outside printable
/// ASCII as `\\uXXXX` UTF-16 units.
fn kotlin_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' | '\\' | '$' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// What the Kotlin read-back prints of each record (see `antom_tests::readback`).
const KEYS: readback::Keys = readback::Keys {
    event_code: "code known kind callbacks description description_truncated closed canonical \
        action outcome carries messages deprecated",
    result_code: "code known message message_truncated suggestion suggestion_truncated closed \
        canonical action outcome deprecated",
    enum_value: "value known description outcome deprecated closed canonical",
    field: "name required max_length pattern format sensitive",
};

/// What the read-back program must print for a spec: the shared layout, and the `Codes` and
/// `Known` constants of every open enumeration.
fn expected_dump(spec: &Spec) -> Value {
    let wires = |wires: Vec<&String>| json!({ "codes": wires, "known": wires, "when": wires });
    let mut constants = serde_json::Map::new();
    constants.insert(
        "EventCode".to_owned(),
        wires(spec.event_codes.iter().map(|c| &c.code).collect()),
    );
    constants.insert(
        "PaymentResultCode".to_owned(),
        wires(spec.result_codes.iter().map(|c| &c.code).collect()),
    );
    for e in &spec.enums {
        constants.insert(
            e.name.clone(),
            wires(e.values.iter().map(|v| &v.value).collect()),
        );
    }
    let mut expected = readback::layout(spec, &KEYS);
    expected.insert("constants".to_owned(), Value::Object(constants));
    Value::Object(expected)
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
        .map(|(_, s)| antom_codegen::settings::kotlin_package(&s.package))
        .collect();
    packages.sort_unstable();
    packages.dedup();
    assert_eq!(
        packages.len(),
        specs.len(),
        "every spec has its own package"
    );
    for (name, spec) in &specs {
        let package = antom_codegen::settings::kotlin_package(&spec.package);
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
            "constants",
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

/// A report as `tests/kotlin/Decoded.kt` prints it: `[path, rule, severity, message]` each.
fn report_of(v: &Value) -> Option<Vec<Vec<String>>> {
    v.as_array().map(|issues| {
        issues
            .iter()
            .map(|i| {
                i.as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| s.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .collect()
    })
}

#[test]
fn decoded_values_validate_as_their_json_and_the_mobile_entry_point_as_the_state() {
    let Some(build) = build() else { return };
    let vectors_dir = repo_root().join("tests/vectors");
    let arbitrary_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kotlin-decoded-arbitrary");
    let arbitrary = arbitrary_json::write_vectors(&arbitrary_dir);
    let vectors = vectors::load();
    let output = java(
        build,
        "antom.conformance.DecodedKt",
        &[&vectors_dir, &arbitrary_dir],
    );
    let rows: Value = serde_json::from_str(&output)
        .unwrap_or_else(|e| panic!("Decoded output is not JSON ({e}):\n{output}"));
    let rows = rows.as_array().cloned().unwrap_or_default();
    let payloads: Vec<(&str, &Value)> = vectors
        .iter()
        .chain(&arbitrary)
        .map(|v| (v.name.as_str(), &v.payload))
        .collect();
    assert_eq!(
        rows.iter()
            .map(|r| r["name"].as_str().unwrap_or_default())
            .collect::<Vec<_>>(),
        payloads.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "one row per vector and arbitrary payload, in order"
    );
    let mut problems = Vec::new();
    let (mut decoded, mut states, mut wrapped) = (0, 0, 0);
    for (row, (name, payload)) in rows.iter().zip(&payloads) {
        let raw = report_of(&row["raw"]);
        match report_of(&row["decoded"]) {
            Some(got) => {
                decoded += 1;
                if Some(&got) != raw.as_ref() {
                    problems.push(format!(
                        "{name}: validate() on the decoded value gives {got:?}, the JSON {raw:?}"
                    ));
                }
            }
            None if payload.is_object() => {
                problems.push(format!("{name}: the object payload did not decode"));
            }
            None => {}
        }
        for split in row["splits"].as_array().into_iter().flatten() {
            let what = split["what"].as_str().unwrap_or_default();
            match what {
                "state" => states += 1,
                _ => wrapped += 1,
            }
            let (got, want) = (report_of(&split["got"]), report_of(&split["want"]));
            if got != want {
                problems.push(format!(
                    "{name}: Validate.callback ({what}) gives {got:?}, expected {want:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let objects = payloads.iter().filter(|(_, p)| p.is_object()).count();
    assert_eq!(decoded, objects, "every object payload decodes");
    // The state vectors that split: a string code and no key but `code` and `result`.
    let splittable = vectors
        .iter()
        .filter(|v| {
            v.payload.as_object().is_some_and(|o| {
                o.get("code").is_some_and(Value::is_string)
                    && o.keys().all(|k| k == "code" || k == "result")
            })
        })
        .count();
    assert!(
        splittable >= 20 && states >= splittable,
        "{states} state splits for {splittable} splittable vectors"
    );
    let bare = payloads
        .iter()
        .filter(|(_, p)| !p.as_object().is_some_and(|o| o.contains_key("code")))
        .count();
    let not_json = vectors
        .iter()
        .chain(&arbitrary)
        .filter(|v| v.payload.is_null() && v.payload_text.is_some())
        .count();
    assert_eq!(
        wrapped,
        bare - not_json,
        "every payload that is not the state is wrapped, but a text that is not JSON"
    );
    assert!(wrapped > 400, "only {wrapped} wrapped results");
}

/// The first deprecated event code that has a replacement, and its canonical code.
fn deprecated_event_code(spec: &Spec) -> (&str, &str) {
    let code = spec
        .event_codes
        .iter()
        .find(|c| {
            c.deprecated
                .as_ref()
                .is_some_and(|d| d.replaced_by.is_some())
        })
        .expect("the spec deprecates an event code in favour of another");
    let replacement = canonical(&code.code, |w| {
        spec.event_code(w)
            .and_then(|c| c.deprecated.as_ref()?.replaced_by.as_deref())
    });
    (&code.code, replacement)
}

#[test]
fn java_switches_on_code_constants_and_reaches_deprecated_codes_through_canonical() {
    let Some(build) = build() else { return };
    let spec = repo_spec();
    let output = java(build, "antom.conformance.JavaCallbacks", &[]);
    let lines: Vec<&str> = output.lines().collect();
    let (old, new) = deprecated_event_code(&spec);
    // JavaCallbacks names these codes; they are the spec's.
    assert_eq!(
        (old, new),
        ("SDK_CALL_URL_ERROR", "SDK_LAUNCH_PAYMENT_APP_ERROR")
    );
    for code in ["SDK_PAYMENT_SUCCESSFUL", "SDK_PAYMENT_FAIL"] {
        assert!(spec.event_code(code).is_some(), "{code} is in the spec");
    }
    let state_report = |code: &str, result: Option<Value>| {
        let mut state = serde_json::Map::new();
        state.insert("code".to_owned(), json!(code));
        if let Some(r) = result {
            state.insert("result".to_owned(), r);
        }
        let report = antom_callback::validate(&Value::Object(state));
        format!("valid={} issues={}", report.is_valid(), report.issues.len())
    };
    let truncated = |code: &str| {
        let c = spec.result_code(code).expect("in the spec");
        format!(
            "truncated {code} {} {}",
            c.provenance.is_truncated("suggestion"),
            c.provenance.is_truncated("message")
        )
    };
    let fail = spec.event_code("SDK_PAYMENT_FAIL").expect("in the spec");
    let expected = vec![
        format!(
            "callback paid {}",
            state_report("SDK_PAYMENT_SUCCESSFUL", None)
        ),
        format!(
            "callback failed {}",
            state_report(
                "SDK_PAYMENT_FAIL",
                Some(json!({"paymentResultCode": "RISK_REJECT"}))
            )
        ),
        format!("callback launch error {}", state_report(old, None)),
        format!(
            "callback other {}",
            state_report("SDK_FROM_THE_FUTURE", None)
        ),
        "reason risk other".to_owned(),
        "of(null) null null".to_owned(),
        "unknown false null SDK_FROM_THE_FUTURE true".to_owned(),
        "known SDK_PAYMENT_FAIL".to_owned(),
        "not json error /result invalid_json".to_owned(),
        truncated("FRAUD_REJECT"),
        truncated("RISK_REJECT"),
        format!(
            "truncated SDK_PAYMENT_FAIL {}",
            fail.provenance.is_truncated("description")
        ),
    ];
    assert_eq!(
        lines[..lines.len().min(expected.len())],
        expected.iter().map(String::as_str).collect::<Vec<_>>()[..],
        "JavaCallbacks output:\n{output}"
    );
    // The flags the spec sets, read through the compiled classes.
    assert!(
        lines.contains(&"truncated FRAUD_REJECT true false"),
        "{output}"
    );
    assert!(
        lines.contains(&"truncated RISK_REJECT false false"),
        "{output}"
    );
    let redacted = lines
        .iter()
        .find_map(|l| l.strip_prefix("redacted "))
        .unwrap_or_else(|| panic!("no redacted line:\n{output}"));
    let redacted: Value = serde_json::from_str(redacted).expect("redacted JSON is JSON");
    let card = &redacted["result"]["cardPaymentResultInfo"];
    assert_eq!(card["cardNo"], "<redacted>", "{redacted}");
    assert_eq!(card["holdName"], "<redacted>", "{redacted}");
    assert_eq!(card["lastFour"], "1111", "{redacted}");
    assert_eq!(card["note"], "card **** **** **** 1111", "{redacted}");
    assert_eq!(redacted["code"], "SDK_PAYMENT_FAIL", "{redacted}");
}

/// The README's Kotlin snippet that branches on `canonical`, with the branch of the current
/// code `ident` removed.
fn readme_when_without(build: &Build, ident: &str) -> String {
    let readme = std::fs::read_to_string(build.scratch.join("src/real/README.md"))
        .expect("the real spec's README");
    let snippet = readme_snippets(&readme)
        .into_iter()
        .find(|s| s.contains(".canonical)"))
        .expect("the README branches on canonical");
    let branch = format!("EventCode.Current.{ident} ->");
    assert_eq!(
        snippet
            .lines()
            .filter(|l| l.trim_start().starts_with(&branch))
            .count(),
        1,
        "the README's `when` has one branch `{branch}`:\n{snippet}"
    );
    snippet
        .lines()
        .filter(|l| !l.trim_start().starts_with(&branch))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn compilers_name_a_missing_known_code_and_warn_on_a_deprecated_constant() {
    let Some(build) = build() else { return };
    let spec = repo_spec();
    let p = kotlin_package(antom_codegen::settings::kotlin_package(&spec.package));
    let event_code = format!("{p}.EventCode");
    let wires: Vec<&str> = spec.event_codes.iter().map(|c| c.code.as_str()).collect();
    // The last code that is not deprecated: the `when` leaves it out.
    let missing = spec
        .event_codes
        .iter()
        .rev()
        .find(|c| c.deprecated.is_none())
        .map(|c| c.code.as_str())
        .expect("a code that is not deprecated");
    let (old, new) = deprecated_event_code(&spec);
    let dir = build.scratch.join("diagnostics");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let missing_kt = dir.join("Missing.kt");
    std::fs::write(
        &missing_kt,
        format!(
            "package antom.diagnostics.missing\n{}",
            known_when("describe", &event_code, &wires, Some(missing))
        ),
    )
    .expect("write Missing.kt");
    let old_ident = Lang::Kotlin.ident(Role::Variant, old);
    let new_ident = Lang::Kotlin.ident(Role::Variant, new);
    let deprecated_kt = dir.join("Deprecated.kt");
    std::fs::write(
        &deprecated_kt,
        format!(
            "package antom.diagnostics.deprecated\n\nfun isOld(code: String): Boolean = {event_code}.of(code) == {event_code}.{old_ident}\n"
        ),
    )
    .expect("write Deprecated.kt");
    let canonical_kt = dir.join("Canonical.kt");
    std::fs::write(
        &canonical_kt,
        format!(
            "package antom.diagnostics.canonical\n\nfun handle(code: String): String = when ({event_code}.of(code).canonical) {{\n    {event_code}.Current.{new_ident} -> \"replacement\"\n    null -> \"unknown\"\n    else -> \"other\"\n}}\n\nfun handleRaw(code: String): String = when ({event_code}.of(code).canonical?.value) {{\n    {event_code}.Codes.{new_ident} -> \"replacement\"\n    else -> \"other\"\n}}\n"
        ),
    )
    .expect("write Canonical.kt");
    let kotlinc = |files: &[&Path], werror: bool| {
        let mut command = Command::new(&build.kotlinc);
        if werror {
            command.arg("-Werror");
        }
        let out = command
            .args(["-no-reflect", "-cp"])
            .arg(&build.kotlin_classpath)
            .arg("-d")
            .arg(dir.join("classes"))
            .args(files)
            .output()
            .expect("kotlinc starts");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let diagnostics = |text: &str, file: &str, kind: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains(file) && l.contains(&format!(": {kind}:")))
            .map(str::to_owned)
            .collect()
    };
    // The README's `when` on `canonical` without the branch of `missing` (a current code).
    let readme_missing_kt = dir.join("ReadmeMissing.kt");
    std::fs::write(
        &readme_missing_kt,
        format!(
            "package antom.diagnostics.readme\n\n{}",
            readme_when_without(build, &Lang::Kotlin.ident(Role::Variant, missing))
        ),
    )
    .expect("write ReadmeMissing.kt");
    // kotlinc reports no warnings once a file has an error: the missing branches on their own.
    let (ok, text) = kotlinc(&[&missing_kt, &readme_missing_kt], false);
    assert!(!ok, "the `when` missing {missing} compiled:\n{text}");
    assert!(
        diagnostics(&text, "Missing.kt", "error")
            .iter()
            .any(|l| l.contains(missing)),
        "kotlinc does not name {missing}:\n{text}"
    );
    assert!(
        diagnostics(&text, "ReadmeMissing.kt", "error")
            .iter()
            .any(|l| l.contains(missing) && l.contains("exhaustive")),
        "kotlinc does not name {missing} in the README's `when` without it:\n{text}"
    );
    // With warnings denied: naming the deprecated constant fails, handling it through
    // `canonical` has no diagnostic.
    let (ok, text) = kotlinc(&[&deprecated_kt, &canonical_kt], true);
    assert!(!ok, "naming {old} compiled with -Werror:\n{text}");
    assert!(
        diagnostics(&text, "Deprecated.kt", "warning")
            .iter()
            .any(|l| l.contains(old) && l.contains("deprecated")),
        "kotlinc does not warn on {old}:\n{text}"
    );
    assert!(
        diagnostics(&text, "Canonical.kt", "warning").is_empty()
            && diagnostics(&text, "Canonical.kt", "error").is_empty(),
        "handling {old} through canonical is not clean:\n{text}"
    );
    // Java: naming the deprecated constant warns, under -Xlint:all.
    let java_dir = dir.join("antom/diagnostics");
    std::fs::create_dir_all(&java_dir).expect("scratch folder");
    let java_file = java_dir.join("OldCode.java");
    std::fs::write(
        &java_file,
        format!(
            "package antom.diagnostics;\n\nfinal class OldCode {{\n    private OldCode() {{}}\n\n    static boolean isOld(String code) {{\n        return {event_code}.of(code) == {event_code}.{old_ident};\n    }}\n\n    static boolean isOldRaw(String code) {{\n        switch (code) {{\n            case {event_code}.Codes.{old_ident}:\n                return true;\n            default:\n                return false;\n        }}\n    }}\n}}\n"
        ),
    )
    .expect("write OldCode.java");
    let out = Command::new(&build.javac)
        .args(["-Xlint:all", "-cp"])
        .arg(&build.kotlin_classpath)
        .arg("-d")
        .arg(dir.join("java-classes"))
        .arg(&java_file)
        .output()
        .expect("javac starts");
    let text = String::from_utf8_lossy(&out.stderr);
    let java_warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("warning: [deprecation]") && l.contains(old))
        .collect();
    assert_eq!(
        java_warnings.len(),
        2,
        "javac warns once for {old} and once for Codes.{old}:\n{text}"
    );
}

/// The rows of the vocabulary programs (`tests/api/Api.kt`, `ApiJava.java`) that a compiler's
/// `output` names, one line each.
fn api_rows(root: &Path, output: &str) -> String {
    [("Kotlin", "Api.kt"), ("Java", "ApiJava.java")]
        .iter()
        .map(|(language, file)| {
            let program =
                std::fs::read_to_string(root.join("tests/api").join(file)).unwrap_or_default();
            antom_tests::api::rows_of_errors(language, file, &program, output)
        })
        .collect()
}

/// The vocabulary in Kotlin and Java (`tests/api/Api.kt`, `ApiJava.java`): every cell of their
/// columns of ARCHITECTURE.md's table is used in its row's section; both compile in the one
/// kotlinc and javac run (a compiler error names its row) and run.
#[test]
fn the_vocabulary_compiles_in_kotlin_and_java() {
    let rows = antom_tests::api::table();
    let root = repo_root();
    for (language, file) in [("Kotlin", "Api.kt"), ("Java", "ApiJava.java")] {
        let program = std::fs::read_to_string(root.join("tests/api").join(file)).expect(file);
        let unused = antom_tests::api::unused_names(language, &program, &rows);
        assert!(unused.is_empty(), "{}", unused.join("\n"));
    }
    let Some(build) = build() else { return };
    java(build, "antom.api.ApiKt", &[]);
    java(build, "antom.api.ApiJava", &[]);
}
