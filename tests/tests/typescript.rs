//! The TypeScript target, checked with the pinned `tsc` and Node.js: the generated package of the
//! real spec and of every fixture case compiles under the strictest flags, the node test runner
//! passes the conformance vectors on the compiled output, a handler with a missing `case` or a
//! misspelt code does not compile, every metadata literal reads back as the spec's string, handling
//! a deprecated code through `canonicalEventCode` names no deprecated declaration (as the language
//! service reports them), the README snippets compile, the vocabulary program `tests/api/api.ts`
//! compiles and runs, and the size of each entry point is measured.
//!
//! All packages and their test consumers are compiled by one `tsc -b` (the negative fixtures by a
//! second one): each `tsc` start costs seconds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use antom_codegen::Target;
use antom_codegen::names::{Lang, Role, screaming};
use antom_spec::{FieldType, Spec};
use antom_tests::{
    arbitrary_json, batch, first_difference, fixture_cases, load_spec, random_spec, readback,
    repo_root, repo_spec, tools, vectors,
};
use serde_json::{Map, Value, json};

/// The flags every generated package must compile with, set explicitly over its own tsconfig.
const STRICT_FLAGS: &[&str] = &[
    "strict",
    "erasableSyntaxOnly",
    "noUncheckedIndexedAccess",
    "exactOptionalPropertyTypes",
    "declaration",
];

/// The name the test consumers import the package under (a symlink in their `node_modules`).
const PACKAGE_ALIAS: &str = "antom-under-test";

/// The code the negative fixture leaves out of an otherwise exhaustive `switch`.
const MISSING_CODE: &str = "SDK_PAYMENT_FAIL";

struct Build {
    root: PathBuf,
    node: PathBuf,
    tsc: PathBuf,
    /// `real` and every fixture case, with its spec.
    specs: Vec<(String, Spec)>,
    /// The random specs of `antom_tests::random_spec`, compiled as one project under `random/`.
    random: Vec<(String, Spec)>,
}

impl Build {
    fn dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The spec compiled under `name`.
    fn spec(&self, name: &str) -> &Spec {
        &self
            .specs
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no spec named {name}"))
            .1
    }
}

static BUILD: OnceLock<Option<Build>> = OnceLock::new();

/// Generates and compiles every package and consumer once per test binary; `None` (after a loud
/// message) when the toolchain is missing.
fn build() -> Option<&'static Build> {
    BUILD
        .get_or_init(|| {
            let found = tools::require("TypeScript target", &["node", "tsc"])?;
            let [node, tsc] = <[PathBuf; 2]>::try_from(found).ok()?;
            let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("typescript");
            let _ = std::fs::remove_dir_all(&root);
            let mut specs = vec![("real".to_owned(), repo_spec())];
            for (name, case) in fixture_cases() {
                specs.push((name, load_spec(&case)));
            }
            let build = Build {
                root,
                node,
                tsc,
                specs,
                random: random_spec::load_all(),
            };
            prepare_and_compile(&build);
            Some(build)
        })
        .as_ref()
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("scratch folder");
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn copy_test_source(name: &str, to: &Path) {
    let from = repo_root().join("tests/typescript").join(name);
    let text = std::fs::read_to_string(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    write(
        &to.join(Path::new(name).file_name().unwrap_or_default()),
        &text,
    );
}

#[cfg(unix)]
fn link_dir(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[cfg(windows)]
fn link_dir(target: &Path, link: &Path) {
    std::os::windows::fs::symlink_dir(target, link).expect("symlink");
}

/// A folder that imports the package under [`PACKAGE_ALIAS`] and compiles `*.ts` to `dist/`.
fn consumer(dir: &Path, pkg: &Path, no_emit: bool) {
    let flags: Vec<String> = STRICT_FLAGS
        .iter()
        .filter(|f| **f != "declaration")
        .map(|f| format!("    \"{f}\": true,\n"))
        .collect();
    write(
        &dir.join("tsconfig.json"),
        &format!(
            "{{\n  \"compilerOptions\": {{\n    \"target\": \"ES2020\",\n    \"lib\": [\"ES2020\"],\n    \"module\": \"NodeNext\",\n    \"moduleResolution\": \"NodeNext\",\n{}    \"verbatimModuleSyntax\": true,\n    \"noUnusedLocals\": true,\n    \"types\": [],\n    \"rootDir\": \".\",\n    \"outDir\": \"dist\",\n    \"noEmit\": {no_emit}\n  }},\n  \"include\": [\"*.ts\"]\n}}\n",
            flags.concat()
        ),
    );
    write(&dir.join("package.json"), "{ \"type\": \"module\" }\n");
    std::fs::create_dir_all(dir.join("node_modules")).expect("node_modules");
    link_dir(pkg, &dir.join("node_modules").join(PACKAGE_ALIAS));
    copy_test_source("node-shim.d.ts", dir);
}

/// A handler that switches over every known event code but `missing`, with a `never` check.
fn exhaustive_handler(spec: &Spec, missing: Option<&str>) -> String {
    let mut out = String::from(
        "// Written by tests/tests/typescript.rs: a `switch` over the event codes of the spec, checked\n// for exhaustiveness with `never`.\nimport { isKnownEventCallbackState, type EventCallbackState } from 'antom-under-test';\n\nexport function describe(state: EventCallbackState): string {\n  if (!isKnownEventCallbackState(state)) return `unknown: ${state.code}`;\n  switch (state.code) {\n",
    );
    for code in spec.event_codes.iter().map(|c| c.code.as_str()) {
        if Some(code) != missing {
            let lit = Value::String(code.to_owned());
            out.push_str(&format!(
                "    case {lit}:\n      return {lit} + (state.result?.paymentResultCode ?? '');\n"
            ));
        }
    }
    out.push_str(
        "    default: {\n      const unhandled: never = state;\n      return unhandled;\n    }\n  }\n}\n",
    );
    out
}

/// The ```ts blocks of the package's README, importing the package under [`PACKAGE_ALIAS`].
fn readme_snippets(pkg: &Path, spec: &Spec) -> Vec<String> {
    let readme = std::fs::read_to_string(pkg.join("README.md")).expect("README.md");
    readme
        .split("```ts\n")
        .skip(1)
        .map(|block| {
            let code = block.split("\n```").next().unwrap_or_default();
            let from = format!("from '{}", antom_codegen::settings::npm_name(&spec.package));
            assert!(
                code.contains(&from),
                "a README snippet imports the package:\n{code}"
            );
            format!(
                "{}\n",
                code.replace(&from, &format!("from '{PACKAGE_ALIAS}"))
            )
        })
        .collect()
}

/// The README's snippet that switches on `canonicalEventCode`, with the `case` of the current
/// event code `missing` removed.
fn readme_switch_without(pkg: &Path, spec: &Spec, missing: &str) -> String {
    let snippet = readme_snippets(pkg, spec)
        .into_iter()
        .find(|s| s.contains("switch (code)") && s.contains("canonicalEventCode"))
        .expect("the README switches on canonicalEventCode");
    let label = format!("    case EventCode.{missing}: ");
    assert_eq!(
        snippet.lines().filter(|l| l.starts_with(&label)).count(),
        1,
        "the README's switch has one `case EventCode.{missing}`:\n{snippet}"
    );
    let kept: Vec<&str> = snippet.lines().filter(|l| !l.starts_with(&label)).collect();
    format!(
        "// Written by tests/tests/typescript.rs: the README's switch without `case EventCode.{missing}`.\n{}\n",
        kept.join("\n")
    )
}

#[test]
fn the_readme_snippets_compile_under_strict_flags() {
    let Some(build) = build() else { return };
    for (name, spec) in &build.specs {
        let consumer = build.dir(name).join("consumer");
        let snippets = readme_snippets(&build.dir(name).join("pkg"), spec);
        if name == "real" {
            assert!(snippets.len() >= 3, "{} snippets", snippets.len());
        }
        // Compiled by `build` with the other consumer files; each emitted means each compiled.
        for i in 0..snippets.len() {
            let js = consumer.join(format!("dist/readme_{i}.js"));
            assert!(js.is_file(), "{name}: {} was not emitted", js.display());
        }
    }
}

/// The deprecated event code with a replacement that the `canonical` fixtures handle.
fn deprecated_code(spec: &Spec) -> &str {
    spec.event_codes
        .iter()
        .find(|c| {
            c.deprecated
                .as_ref()
                .is_some_and(|d| d.replaced_by.is_some())
        })
        .map(|c| c.code.as_str())
        .expect("the real spec has a deprecated event code with a replacement")
}

/// The code `code` is handled as: the end of its chain of `replaced_by`, read from the spec.
fn replacement_end<'s>(spec: &'s Spec, code: &'s str) -> &'s str {
    let mut current = code;
    let mut seen = vec![code];
    while let Some(next) = spec
        .event_code(current)
        .and_then(|c| c.deprecated.as_ref()?.replaced_by.as_deref())
    {
        if seen.contains(&next) {
            break;
        }
        seen.push(next);
        current = next;
    }
    current
}

/// A handler that switches over `canonicalEventCode(code)` with a `case` for every code that is
/// not replaced (so none for the deprecated ones), `case undefined` and a `never` check, naming
/// the constants as `EventCode.<code>`; run, it prints which `case` each known code reaches, then
/// the one an unknown code reaches.
fn canonical_handler(spec: &Spec) -> String {
    let mut out = String::from(
        "// Written by tests/tests/typescript.rs: handling every event code through canonicalEventCode,\n// which needs no `case` for a deprecated code and names no deprecated constant.\nimport { EventCode, canonicalEventCode } from 'antom-under-test';\n\nexport function handle(code: string): string {\n  const canonical = canonicalEventCode(code);\n  switch (canonical) {\n",
    );
    for c in &spec.event_codes {
        if c.deprecated
            .as_ref()
            .is_some_and(|d| d.replaced_by.is_some())
        {
            continue;
        }
        assert!(
            c.code
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_'),
            "{} is an identifier",
            c.code
        );
        out.push_str(&format!(
            "    case EventCode.{0}:\n      return '{0}';\n",
            c.code
        ));
    }
    out.push_str(
        "    case undefined:\n      return 'unknown';\n    default: {\n      const unhandled: never = canonical;\n      return unhandled;\n    }\n  }\n}\n\nconsole.log(JSON.stringify([...Object.values(EventCode), 'SDK_FROM_THE_FUTURE'].map(handle)));\n",
    );
    out
}

fn prepare_and_compile(build: &Build) {
    let flags: Vec<String> = STRICT_FLAGS
        .iter()
        .map(|f| format!("\"{f}\": true"))
        .collect();
    let mut projects: Vec<PathBuf> = Vec::new();
    let mut consumers: Vec<PathBuf> = Vec::new();
    for (name, spec) in &build.specs {
        let dir = build.dir(name);
        let pkg = dir.join("pkg");
        for (_, files) in
            antom_codegen::generate(spec, &[Target::TypeScript]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                write(&pkg.join(&f.path), &f.contents);
            }
        }
        write(
            &pkg.join("tsconfig.test.json"),
            &format!(
                "{{\n  \"extends\": \"./tsconfig.json\",\n  \"compilerOptions\": {{ {}, \"noEmit\": false }}\n}}\n",
                flags.join(", ")
            ),
        );
        projects.push(pkg.join("tsconfig.test.json"));
        if name == "real" {
            // The same sources without comments, to measure the entry points.
            write(
                &pkg.join("tsconfig.size.json"),
                "{\n  \"extends\": \"./tsconfig.test.json\",\n  \"compilerOptions\": { \"removeComments\": true, \"declaration\": false, \"declarationMap\": false, \"sourceMap\": false, \"outDir\": \"dist-min\" }\n}\n",
            );
            projects.push(pkg.join("tsconfig.size.json"));
        }
        let cons = dir.join("consumer");
        consumer(&cons, &pkg, false);
        copy_test_source("readback.ts", &cons);
        for (i, snippet) in readme_snippets(&pkg, spec).iter().enumerate() {
            write(&cons.join(format!("readme_{i}.ts")), snippet);
        }
        if name == "real" {
            for f in [
                "ams_checkout.ts",
                "vectors.test.ts",
                "behaviour.test.ts",
                "masking.test.ts",
            ] {
                copy_test_source(f, &cons);
            }
            // The vocabulary program imports the package by its own name, as an SDK user does.
            write(&cons.join("api.ts"), &api_program());
            let scoped = cons
                .join("node_modules")
                .join(antom_codegen::settings::npm_name(&spec.package));
            if let Some(scope) = scoped.parent() {
                std::fs::create_dir_all(scope).expect("node_modules scope");
            }
            link_dir(&pkg, &scoped);
            write(&cons.join("exhaustive.ts"), &exhaustive_handler(spec, None));
            write(&cons.join("canonical.ts"), &canonical_handler(spec));

            write(
                &cons.join("deprecated_use.ts"),
                &format!(
                    "// Written by tests/tests/typescript.rs: names the deprecated constant.\nimport {{ EventCode }} from 'antom-under-test';\n\nexport const launchFailed = (code: string): boolean => code === EventCode.{};\n",
                    deprecated_code(spec)
                ),
            );
            let negative = dir.join("negative");
            consumer(&negative, &pkg, true);
            copy_test_source("negative/misspelt_code.ts", &negative);
            write(
                &negative.join("missing_case.ts"),
                &exhaustive_handler(spec, Some(MISSING_CODE)),
            );
            write(
                &negative.join("readme_missing_case.ts"),
                &readme_switch_without(&pkg, spec, MISSING_CODE),
            );
        }
        consumers.push(cons.join("tsconfig.json"));
    }
    projects.extend(consumers);
    projects.push(batch::typescript_project(
        &build.dir("random"),
        &build.random,
        STRICT_FLAGS,
    ));
    let output = Command::new(&build.tsc)
        .arg("-b")
        .args(&projects)
        .current_dir(&build.root)
        .output()
        .expect("tsc runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "tsc -b failed for the generated packages or their test consumers:\n{}{printed}",
        antom_tests::api::rows_of_errors("TypeScript", "api.ts", &api_program(), &printed)
    );
}

/// `tests/api/api.ts`, the vocabulary in TypeScript.
fn api_program() -> String {
    let path = repo_root().join("tests/api/api.ts");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The cross-language API test in TypeScript: `tests/api/api.ts` uses every TypeScript name of
/// ARCHITECTURE.md's vocabulary table in its row's section, compiles under the strict flags with
/// the other consumers (a failure names the row of each error, see `prepare_and_compile`) and
/// runs.
#[test]
fn the_vocabulary_compiles_in_typescript() {
    let unused =
        antom_tests::api::unused_names("TypeScript", &api_program(), &antom_tests::api::table());
    assert!(unused.is_empty(), "{}", unused.join("\n"));
    let Some(build) = build() else { return };
    let output = Command::new(&build.node)
        .arg("dist/api.js")
        .current_dir(build.dir("real").join("consumer"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "the vocabulary program failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_packages_compile_under_strict_flags() {
    let Some(build) = build() else { return };
    for (name, spec) in &build.specs {
        let pkg = build.dir(name).join("pkg");
        for entry in ["index", "validate", "metadata"] {
            for ext in ["js", "d.ts"] {
                let out = pkg.join("dist").join(format!("{entry}.{ext}"));
                assert!(out.is_file(), "{name}: {} was not emitted", out.display());
            }
        }
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(pkg.join("package.json")).expect("package.json"),
        )
        .expect("package.json is JSON");
        assert_eq!(
            manifest["name"],
            json!(antom_codegen::settings::npm_name(&spec.package)),
            "{name}"
        );
        assert_eq!(manifest["version"], json!(spec.package.version), "{name}");
        assert_eq!(manifest["type"], json!("module"), "{name}");
        assert_eq!(manifest["types"], json!("./dist/index.d.ts"), "{name}");
        assert!(
            manifest.get("dependencies").is_none(),
            "{name}: no runtime dependencies"
        );
        // What publishing needs: the spec's license and author when it has them, a repository
        // naming the package's folder (npm's provenance checks it), public access, and provenance
        // only with a repository to check it against.
        let optional = |v: &Option<String>| v.as_ref().map_or(Value::Null, |s| json!(s));
        assert_eq!(
            manifest.get("license").cloned().unwrap_or(Value::Null),
            optional(&spec.package.license),
            "{name}"
        );
        assert_eq!(
            manifest.get("author").cloned().unwrap_or(Value::Null),
            optional(&spec.package.author),
            "{name}"
        );
        let repository = spec.package.repository.as_ref().map(|url| {
            json!({ "type": "git", "url": format!("git+{url}.git"), "directory": "generated/typescript" })
        });
        assert_eq!(
            manifest.get("repository").cloned().unwrap_or(Value::Null),
            repository.clone().unwrap_or(Value::Null),
            "{name}"
        );
        let mut publish = json!({ "access": "public" });
        if repository.is_some() {
            publish["provenance"] = json!(true);
        }
        assert_eq!(manifest["publishConfig"], publish, "{name}");
        for (key, file) in [
            (".", "index"),
            ("./validate", "validate"),
            ("./metadata", "metadata"),
        ] {
            // ES modules for `import`, the CommonJS build (made by `npm run build`, checked in
            // tests/tests/npm_consumers.rs) for `require`.
            for (branch, dist) in [("import", "dist"), ("require", "dist/cjs")] {
                let export = &manifest["exports"][key][branch];
                for (condition, ext) in [("types", "d.ts"), ("default", "js")] {
                    let path = export[condition].as_str().unwrap_or_default();
                    assert_eq!(
                        path,
                        format!("./{dist}/{file}.{ext}"),
                        "{name}: exports {key} {branch}"
                    );
                    if branch == "import" {
                        assert!(pkg.join(path).is_file(), "{name}: {path} exists");
                    }
                }
            }
        }
        let tsconfig: Value = serde_json::from_str(
            &std::fs::read_to_string(pkg.join("tsconfig.json")).expect("tsconfig.json"),
        )
        .expect("tsconfig.json is JSON");
        for flag in STRICT_FLAGS {
            assert_eq!(
                tsconfig["compilerOptions"][flag],
                json!(true),
                "{name}: the package's own tsconfig sets {flag}"
            );
        }
    }
}

/// The text of a node test run's TAP summary line (`# pass 12`).
fn tap_count(tap: &str, what: &str) -> Option<usize> {
    tap.lines()
        .find_map(|l| l.strip_prefix(&format!("# {what} ")))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn node_test_runner_passes_the_conformance_vectors() {
    let Some(build) = build() else { return };
    let consumer = build.dir("real").join("consumer");
    let out_file = build.root.join("vectors-out.json");
    let _ = std::fs::remove_file(&out_file);
    let text_out = build.root.join("text-vectors-out.json");
    let _ = std::fs::remove_file(&text_out);
    let output = Command::new(&build.node)
        .args([
            "--test",
            "--test-reporter=tap",
            "dist/vectors.test.js",
            "dist/behaviour.test.js",
            "dist/masking.test.js",
        ])
        .current_dir(&consumer)
        .env("ANTOM_VECTORS_DIR", repo_root().join("tests/vectors"))
        .env(
            "ANTOM_MASKING_TABLE",
            repo_root().join("tests/masking/card_numbers.json"),
        )
        .env("ANTOM_VECTORS_OUT", &out_file)
        .env("ANTOM_TEXT_VECTORS_OUT", &text_out)
        // The vectors with a string `code` and no key but `code` and `result`, at the least.
        .env("ANTOM_VECTORS_SPLIT_MIN", "20")
        .output()
        .expect("node runs");
    let tap = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test failed:\n{tap}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = vectors::load();
    let passed = tap_count(&tap, "pass").unwrap_or_default();
    assert_eq!(tap_count(&tap, "fail"), Some(0), "{tap}");
    assert!(
        passed > expected.len(),
        "expected a test per vector and more, {passed} passed:\n{tap}"
    );

    // The text vectors, word for word, as the Rust validator gives them.
    let texts = std::fs::read_to_string(&text_out).expect("the node test wrote its text verdicts");
    let wrong = vectors::text_disagreements("TypeScript", &texts, &vectors::load_texts());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let text = std::fs::read_to_string(&out_file).expect("the node test wrote its verdicts");
    let leaks = vectors::leaks(&text, &expected);
    assert!(
        leaks.is_empty(),
        "TypeScript messages show secrets:\n{}",
        leaks.join("\n")
    );
    let got = vectors::parse_runner_output(&text);
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        expected.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        "the node test ran every vector"
    );
    let words = vectors::message_disagreements(&text, &expected);
    assert!(
        words.is_empty(),
        "TypeScript's messages are not Rust's:\n{}",
        words.join("\n")
    );
    for ((name, issues, roundtrip), v) in got.iter().zip(&expected) {
        assert_eq!(issues, &v.expect, "{name}: verdict");
        if v.payload.is_object() {
            assert_eq!(roundtrip.as_ref(), Some(&v.payload), "{name}: round trip");
        } else {
            assert!(roundtrip.is_none(), "{name}: a non-object does not decode");
        }
    }
}

#[test]
fn validator_gives_the_rust_verdict_on_arbitrary_json_and_never_throws() {
    let Some(build) = build() else { return };
    let dir = build.root.join("arbitrary");
    let expected = arbitrary_json::write_vectors(&dir);
    let out_file = build.root.join("arbitrary-out.json");
    let _ = std::fs::remove_file(&out_file);
    let output = Command::new(&build.node)
        .args(["--test", "--test-reporter=tap", "dist/vectors.test.js"])
        .current_dir(build.dir("real").join("consumer"))
        .env("ANTOM_VECTORS_DIR", &dir)
        .env("ANTOM_VECTORS_OUT", &out_file)
        .output()
        .expect("node runs");
    let tap = String::from_utf8_lossy(&output.stdout);
    let failed: Vec<&str> = tap
        .split("\nnot ok ")
        .skip(1)
        .map(|f| f.get(..f.len().min(1500)).unwrap_or(f))
        .collect();
    assert!(
        output.status.success() && failed.is_empty(),
        "the TypeScript validator or codec fails on arbitrary payloads (under {}):\nnot ok {}{}",
        dir.display(),
        failed.join("\nnot ok "),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(tap_count(&tap, "pass"), Some(expected.len() + 1), "{tap}");
    let text = std::fs::read_to_string(&out_file).expect("the node test wrote its verdicts");
    let mut problems = arbitrary_json::disagreements(
        &vectors::parse_runner_output(&text),
        &expected,
        |p| p.is_object().then(|| p.clone()),
        arbitrary_json::Numbers::Doubles,
    );
    problems.extend(vectors::message_disagreements(&text, &expected));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn handling_a_deprecated_code_through_canonical_names_no_deprecated_constant() {
    let Some(build) = build() else { return };
    let spec = build.spec("real");
    let deprecated = deprecated_code(spec);
    let consumer = build.dir("real").join("consumer");
    // canonical.ts compiled under the strict flags (by `build`); run, each code reaches the
    // `case` of the end of its chain of replacements.
    let output = Command::new(&build.node)
        .arg("dist/canonical.js")
        .current_dir(&consumer)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{output:?}");
    let reached: Vec<String> = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut expected: Vec<&str> = spec
        .event_codes
        .iter()
        .map(|c| replacement_end(spec, &c.code))
        .collect();
    expected.push("unknown");
    assert_eq!(reached, expected);
    assert_ne!(replacement_end(spec, deprecated), deprecated);

    // What an editor strikes through: the language service's deprecation suggestions.
    let tsc = std::fs::canonicalize(&build.tsc).expect("tsc resolves");
    let typescript = tsc
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("lib/typescript.js"))
        .expect("tsc sits in typescript/bin");
    let output = Command::new(&build.node)
        .arg(repo_root().join("tests/typescript/deprecated_uses.cjs"))
        .arg(&typescript)
        .arg(&consumer)
        .args(["canonical.ts", "deprecated_use.ts"])
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let uses: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let in_file =
        |file: &str| -> Vec<&Value> { uses.iter().filter(|u| u["file"] == file).collect() };
    assert!(
        in_file("canonical.ts").is_empty(),
        "the canonical path names a deprecated declaration: {uses:?}"
    );
    let named = in_file("deprecated_use.ts");
    assert!(
        named.len() == 1
            && named[0]["code"] == json!(6385)
            && named[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains(&format!("'{deprecated}' is deprecated"))),
        "naming {deprecated} must be reported as deprecated: {uses:?}"
    );
}

/// The `error TSxxxx` lines of `tsc` output that name `file`.
fn errors_in<'a>(output: &'a str, file: &str) -> Vec<&'a str> {
    output
        .lines()
        .filter(|l| l.starts_with(&format!("{file}(")) && l.contains("error TS"))
        .collect()
}

#[test]
fn a_missing_case_or_a_misspelt_code_does_not_compile() {
    let Some(build) = build() else { return };
    let spec = build.spec("real");
    assert!(
        spec.event_code(MISSING_CODE).is_some(),
        "the negative fixture leaves out a code the spec has"
    );
    let negative = build.dir("real").join("negative");
    let output = Command::new(&build.tsc)
        .args(["-p", "tsconfig.json", "--pretty", "false"])
        .current_dir(&negative)
        .output()
        .expect("tsc runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !output.status.success(),
        "the negative fixtures compiled:\n{text}"
    );

    let missing = errors_in(&text, "missing_case.ts");
    assert!(
        missing.iter().any(|l| l.contains("error TS2322")
            && l.contains(&format!("\"{MISSING_CODE}\""))
            && l.contains("'never'")),
        "a switch without `case '{MISSING_CODE}'` must fail its `never` check (TS2322):\n{text}"
    );
    // The README's switch on `canonicalEventCode` with the `case` of a current code removed.
    let readme = errors_in(&text, "readme_missing_case.ts");
    assert!(
        readme.iter().any(|l| l.contains("error TS2322")
            && l.contains(&format!("\"{MISSING_CODE}\""))
            && l.contains("'never'")),
        "the README's switch without `case EventCode.{MISSING_CODE}` must fail its `never` check (TS2322):\n{text}"
    );
    let misspelt = errors_in(&text, "misspelt_code.ts");
    assert!(
        misspelt
            .iter()
            .any(|l| l.contains("error TS2678") && l.contains("SDK_PAYMENT_FAILED")),
        "`case 'SDK_PAYMENT_FAILED'` must not be comparable to the event codes (TS2678):\n{text}"
    );
    let all: usize = text.lines().filter(|l| l.contains("error TS")).count();
    assert_eq!(
        all,
        missing.len() + readme.len() + misspelt.len(),
        "only the three fixtures fail:\n{text}"
    );
}

fn constants<'a>(values: impl Iterator<Item = &'a str>) -> Value {
    Value::Object(
        values
            .map(|v| (Lang::TypeScript.ident(Role::Variant, v), json!(v)))
            .collect(),
    )
}

/// What the metadata entry point prints of each record, in camelCase (see
/// `antom_tests::readback`).
const EVENT_KEYS: &str = "code kind callbacks description action outcome carries messages \
    deprecated description_truncated";
const RESULT_KEYS: &str = "code message suggestion action outcome deprecated message_truncated \
    suggestion_truncated";
const VALUE_KEYS: &str = "value description outcome deprecated";

/// What the read-back program must print, built from the spec's own strings.
fn expected_readback(spec: &Spec) -> Value {
    let mut main = Map::new();
    main.insert(
        "EventCode".to_owned(),
        constants(spec.event_codes.iter().map(|c| c.code.as_str())),
    );
    main.insert(
        "PaymentResultCode".to_owned(),
        constants(spec.result_codes.iter().map(|c| c.code.as_str())),
    );
    for e in &spec.enums {
        main.insert(
            Lang::TypeScript.ident(Role::Type, &e.name),
            constants(e.values.iter().map(|v| v.value.as_str())),
        );
    }
    main.insert(
        "Action".to_owned(),
        constants(spec.actions.iter().map(|a| a.name.as_str())),
    );
    main.insert(
        "CallbackName".to_owned(),
        constants(spec.callbacks.iter().map(|c| c.name.as_str())),
    );
    main.insert("REDACTED".to_owned(), json!("<redacted>"));

    let mut metadata = Map::new();
    metadata.insert("SPEC_VERSION".to_owned(), json!(spec.package.version));
    let events: Map<String, Value> = spec
        .event_codes
        .iter()
        .map(|c| {
            let facts = readback::event_code(spec, c);
            (
                c.code.clone(),
                readback::camel(readback::pick(&facts, EVENT_KEYS)),
            )
        })
        .collect();
    metadata.insert("EVENT_CODE_INFO".to_owned(), Value::Object(events));
    let results: Map<String, Value> = spec
        .result_codes
        .iter()
        .map(|c| {
            let facts = readback::result_code(spec, c);
            (
                c.code.clone(),
                readback::camel(readback::pick(&facts, RESULT_KEYS)),
            )
        })
        .collect();
    metadata.insert(
        "PAYMENT_RESULT_CODE_INFO".to_owned(),
        Value::Object(results),
    );
    for e in &spec.enums {
        let values: Map<String, Value> = e
            .values
            .iter()
            .map(|v| {
                let facts = readback::enum_value(e, v);
                (
                    v.value.clone(),
                    readback::camel(readback::pick(&facts, VALUE_KEYS)),
                )
            })
            .collect();
        metadata.insert(
            format!("{}_INFO", screaming(&e.name)),
            json!({ "name": e.name, "description": e.description, "values": values }),
        );
    }
    metadata.insert(
        "ACTION_DESCRIPTIONS".to_owned(),
        Value::Object(
            spec.actions
                .iter()
                .map(|a| (a.name.clone(), json!(a.description)))
                .collect(),
        ),
    );
    metadata.insert(
        "CALLBACK_INFO".to_owned(),
        Value::Object(
            spec.callbacks
                .iter()
                .map(|c| {
                    (
                        c.name.clone(),
                        json!({ "name": c.name, "description": c.description, "argument": c.argument }),
                    )
                })
                .collect(),
        ),
    );
    json!({ "main": main, "metadata": metadata, "schemas": expected_schemas(spec) })
}

/// The schema tables of the validate entry point, as `readback.ts` prints them.
fn expected_schemas(spec: &Spec) -> Value {
    let enums = readback::enum_schemas(spec);
    let mut schemas = Map::new();
    for e in &spec.enums {
        schemas.insert(
            format!("{}_SCHEMA", screaming(&e.name)),
            enums[&e.name].clone(),
        );
    }
    for o in &spec.objects {
        let fields: Vec<Value> = o
            .fields
            .iter()
            .map(|f| {
                let kind = match &f.ty {
                    FieldType::String => json!({ "type": "string" }),
                    FieldType::Any => json!({ "type": "any" }),
                    FieldType::EventCode => json!({ "type": "enum", "schema": enums["EventCode"] }),
                    FieldType::PaymentResultCode => {
                        json!({ "type": "enum", "schema": enums["PaymentResultCode"] })
                    }
                    FieldType::Enum(name) => json!({ "type": "enum", "schema": enums[name] }),
                    FieldType::Object(_) => json!({ "type": "object" }),
                };
                let mut field =
                    readback::camel(readback::pick(&readback::field(f), readback::SCHEMA_FIELD));
                field["kind"] = kind;
                field
            })
            .collect();
        let checks: Vec<Value> = o.checks.iter().map(readback::check).collect();
        schemas.insert(
            format!("{}_SCHEMA", screaming(&o.name)),
            json!({ "name": o.name, "fields": fields, "checks": checks }),
        );
    }
    schemas.insert("EVENT_CODE_SCHEMA".to_owned(), enums["EventCode"].clone());
    schemas.insert(
        "PAYMENT_RESULT_CODE_SCHEMA".to_owned(),
        enums["PaymentResultCode"].clone(),
    );
    Value::Object(schemas)
}

#[test]
fn every_metadata_literal_reads_back_as_the_spec_string() {
    let Some(build) = build() else { return };
    let mut checked = Vec::new();
    for (name, spec) in &build.specs {
        let output = Command::new(&build.node)
            .arg("dist/readback.js")
            .current_dir(build.dir(name).join("consumer"))
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "{name}: readback failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let got: Value = serde_json::from_slice(&output.stdout).expect("readback prints JSON");
        let want = expected_readback(spec);
        if let Some(diff) = first_difference("", &got, &want) {
            panic!("{name}: a generated literal does not read back as the spec's string: {diff}");
        }
        checked.push(name.as_str());
    }
    assert!(
        checked.contains(&"real") && checked.contains(&"escaping") && checked.contains(&"obstacle"),
        "the real spec and the hostile strings and names of tests/cases/escaping and \
         tests/cases/obstacle are read back: {checked:?}"
    );
}

#[test]
fn random_spec_literals_read_back_as_the_spec_strings() {
    let Some(build) = build() else { return };
    let output = Command::new(&build.node)
        .arg("readback.mjs")
        .current_dir(build.dir("random"))
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "random specs: readback failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let got: Value = serde_json::from_slice(&output.stdout).expect("readback prints JSON");
    assert_eq!(build.random.len(), random_spec::COUNT);
    for (name, spec) in &build.random {
        let dump = &got[name];
        if let Some(diff) = first_difference("", dump, &expected_readback(spec)) {
            panic!(
                "{name} (tests/src/random_spec.rs, seed in the name): a generated literal does not read back as the spec's string: {diff}"
            );
        }
    }
}

/// Comment-free compiled JavaScript with each line trimmed and blank lines dropped: a simple,
/// safe "minification" (no renaming, no joining of lines).
fn minify(js: &str) -> String {
    js.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module and every module it imports by relative path, in load order.
fn closure(dir: &Path, entry: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut todo = vec![entry.to_owned()];
    while let Some(file) = todo.pop() {
        if seen.contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(&file))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(&file).display()));
        for quote in ['\'', '"'] {
            let marker = format!("from {quote}./");
            for (i, _) in text.match_indices(&marker) {
                let rest = &text[i + marker.len()..];
                if let Some(end) = rest.find(quote) {
                    todo.push(rest[..end].to_owned());
                }
            }
        }
        seen.push(file);
    }
    seen
}

#[test]
fn entry_point_sizes_are_measured_and_the_main_entry_has_no_text() {
    let Some(build) = build() else { return };
    let spec = build.spec("real");
    let dist = build.dir("real").join("pkg/dist-min");
    let entries = ["index.js", "validate.js", "metadata.js"];
    let mut bundles = Vec::new();
    for entry in entries {
        let files = closure(&dist, entry);
        let text: Vec<String> = files
            .iter()
            .map(|f| minify(&std::fs::read_to_string(dist.join(f)).expect("compiled file")))
            .collect();
        let path = build.root.join(format!("size-{entry}"));
        write(&path, &text.join("\n"));
        bundles.push((entry, files, text.join("\n"), path));
    }
    let script = "const fs = require('fs'), zlib = require('zlib'); console.log(JSON.stringify(process.argv.slice(1).map((f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length)));";
    let output = Command::new(&build.node)
        .arg("-e")
        .arg(script)
        .args(bundles.iter().map(|b| &b.3))
        .output()
        .expect("node runs");
    assert!(output.status.success(), "gzip failed");
    let gzipped: Vec<usize> =
        serde_json::from_slice(&output.stdout).expect("node prints the gzip sizes");
    println!(
        "TypeScript entry points (tsc output without comments, lines trimmed, blank lines dropped; the entry plus the modules it imports; gzip -9 via node's zlib):"
    );
    for ((entry, files, text, _), gz) in bundles.iter().zip(&gzipped) {
        println!(
            "  {entry:<12} {:>7} bytes minified, {gz:>6} bytes gzipped  ({})",
            text.len(),
            files.join(" + ")
        );
    }

    let main = &bundles[0].2;
    let metadata = &bundles[2].2;
    let some_text = [
        &spec.result_codes[0].message,
        &spec.result_codes[0].suggestion,
        &spec.event_codes[0].description,
        &spec.actions[0].description,
    ];
    for text in some_text {
        let needle: String = text.chars().take(40).collect();
        assert!(
            !main.contains(&needle),
            "the main entry point ships spec text: {needle}"
        );
        assert!(
            metadata.contains(&needle.replace('\'', "\\'")),
            "the metadata entry point holds the spec text: {needle}"
        );
    }
    assert!(
        !bundles[0].1.iter().any(|f| f == "metadata.js"),
        "the main entry point does not import the metadata"
    );
}

/// Measures, in V8, each case's median time per match on `unit` repeated to n and to 8n
/// characters then `tail`; prints one ratio t(8n)/t(n) per case, the lowest of three attempts
/// (noise on a shared machine only raises a ratio).
const PATTERN_TIMING: &str = r#"
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const n = Number(process.argv[1]);
const median = (a) => { a.sort((x, y) => x - y); return a[a.length >> 1]; };
const time = (re, v, r) => { const s = process.hrtime.bigint(); for (let i = 0; i < r; i++) re.test(v); return Number(process.hrtime.bigint() - s); };
const perMatch = (re, v) => {
  for (let i = 0; i < 20; i++) re.test(v);
  let r = 1;
  while (time(re, v, r) < 5e5 && r < 1e6) r *= 2;
  const ts = [];
  for (let i = 0; i < 5; i++) ts.push(time(re, v, r) / r);
  return median(ts);
};
const value = (unit, len, tail) => (unit.repeat(Math.ceil(len / unit.length)).slice(0, len) + tail).split('').join('');
const out = cases.map(([source, unit, tail, attempts]) => {
  const re = new RegExp(source, 'u');
  const small = value(unit, n, tail), large = value(unit, 8 * n, tail);
  let best = Infinity;
  for (let i = 0; i < attempts; i++) best = Math.min(best, perMatch(re, large) / perMatch(re, small));
  return best;
});
console.log(JSON.stringify(out));
"#;

/// For lint-accepted patterns (generated from the spec's pattern grammar), V8's matching time
/// grows linearly with the input: a value 8 times longer takes well under 64 times as long
/// (what a quadratic pattern takes, as the refused control shows). Data-driven: ratios, never
/// an absolute time.
#[test]
fn v8_matches_accepted_patterns_in_linear_time() {
    let Some(found) = tools::require("pattern timing in V8", &["node"]) else {
        return;
    };
    let mut cases: Vec<(String, String, String, u32)> = vec![(
        "^[0-9]*[0-9]*$".to_owned(),
        "0".to_owned(),
        "!".to_owned(),
        1,
    )];
    assert!(antom_spec::pattern::check(&cases[0].0).is_err());
    let mut state = 0x9e37_79b9_u32;
    let mut byte = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state >> 24) as u8
    };
    while cases.len() < 60 {
        let bytes: Vec<u8> = (0..24).map(|_| byte()).collect();
        let (pattern, alphabet) = antom_spec::pattern::from_bytes(&bytes);
        if antom_spec::pattern::check(&pattern).is_err() {
            continue;
        }
        let unit: String = (0..1 + usize::from(byte()) % 3)
            .map(|_| alphabet[usize::from(byte()) % alphabet.len()])
            .collect();
        cases.push((pattern, unit, "!".to_owned(), 3));
    }
    let mut child = Command::new(&found[0])
        .args(["-e", PATTERN_TIMING, "1024"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node starts");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("stdin"),
        &serde_json::to_vec(&cases).expect("JSON"),
    )
    .expect("node reads the cases");
    let out = child.wait_with_output().expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ratios: Vec<f64> = serde_json::from_slice(&out.stdout).expect("ratios");
    assert!(
        ratios[0] > 32.0,
        "the quadratic control grows only {:.1}x: the measure cannot tell",
        ratios[0]
    );
    let slow: Vec<String> = cases
        .iter()
        .zip(&ratios)
        .skip(1)
        .filter(|(_, r)| **r >= 32.0)
        .map(|((p, unit, ..), r)| format!("{p} on {unit:?}: {r:.1}x"))
        .collect();
    assert!(slow.is_empty(), "superlinear in V8:\n{}", slow.join("\n"));
}
