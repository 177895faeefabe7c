//! The Swift target with the Swift compiler: the packages of the real spec, of every fixture case
//! and of the random specs are built together as one SwiftPM package (each spec's module and its
//! XCTest target as they are generated, plus a read-back program) with `-warnings-as-errors`, in
//! one `swift build`; every XCTest target runs, the real spec's with the conformance vectors
//! (found from its `#filePath`, as in the repository) and again with the arbitrary payloads; every
//! constant and metadata value read back by the compiled program equals the spec's; each generated
//! `Package.swift` declares the targets that the aggregate package builds from its files; the
//! vocabulary program `tests/api/api.swift`, an executable target of the same build, runs.
//!
//! The toolchain is `swift` on `PATH` or the Debian root that `cargo xtask test` makes
//! (`antom_tests::swift`); without either the checks say loudly that they are skipped.
//!
//! Why one package: a package per spec would pay SwiftPM's start-up and the test runner's link for
//! each of the specs. Module names are the specs' `swift_module`s, all distinct; the real spec's
//! package sits at `generated/swift/` with the vectors at `tests/vectors/`, as in the repository,
//! so the `#filePath` lookup is what runs; `swift test --skip-build` then runs the XCTests.
//! Unchanged files are not rewritten, so a second run rebuilds nothing. The random specs' own
//! envelope fields `code` and `result` are never deprecated: generated Swift uses those names for
//! other members.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use antom_codegen::Target;
use antom_codegen::names::{Lang, Role};
use antom_spec::Spec;
use antom_tests::swift::Toolchain;
use antom_tests::{
    arbitrary_json, fixture_cases, load_spec, random_spec, readback, repo_root, repo_spec,
};
use serde_json::{Value, json};

/// The aggregate package, built.
#[derive(Debug)]
struct Build {
    toolchain: Toolchain,
    /// Everything the toolchain sees: the package under `pkg/`, arbitrary payloads, probes.
    scratch: PathBuf,
    /// The spec of each folder under `pkg/`, by Swift module.
    specs: Vec<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    name: String,
    spec: Spec,
    /// The generated package's folder, relative to `pkg/`.
    dir: String,
}

/// What every Swift compilation here passes to `swiftc`.
const SWIFTC_FLAGS: &[&str] = &["-warnings-as-errors"];

/// Where the vocabulary program goes in the aggregate package, and the part of that path the
/// compiler's errors name it by.
const API_MAIN: &str = "Sources/AntomAPI/main.swift";
const API_FILE: &str = "AntomAPI/main.swift";

/// `tests/api/api.swift`, the vocabulary in Swift.
fn api_program() -> Result<String, String> {
    let path = repo_root().join("tests/api/api.swift");
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

static BUILD: OnceLock<Result<Option<Build>, String>> = OnceLock::new();

fn build() -> Option<&'static Build> {
    let once = || {
        std::panic::catch_unwind(compile)
            .unwrap_or_else(|_| Err("preparing the Swift build panicked (see above)".to_owned()))
    };
    match BUILD.get_or_init(once) {
        Ok(build) => build.as_ref(),
        Err(message) => panic!("{message}"),
    }
}

/// The real spec, every fixture case and the random specs, each with the folder its package
/// goes to: the real one at `generated/swift` as in the repository (so its XCTest finds
/// `tests/vectors` from its own path), the others at `cases/<name>/generated/swift`.
fn specs() -> Vec<Compiled> {
    let mut specs = vec![Compiled {
        name: "real".to_owned(),
        spec: repo_spec(),
        dir: "generated/swift".to_owned(),
    }];
    let others = fixture_cases()
        .into_iter()
        .map(|(name, dir)| (name, load_spec(&dir)))
        .chain(random_spec::load_all());
    for (name, spec) in others {
        let dir = format!("cases/{name}/generated/swift");
        specs.push(Compiled { name, spec, dir });
    }
    specs
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    // Unchanged files keep their time stamps, so SwiftPM rebuilds only what changed.
    if std::fs::read(path).is_ok_and(|old| old == contents.as_ref()) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// The output of a command, and whether it succeeded.
struct Output {
    ok: bool,
    /// The command, its status, standard output and standard error.
    text: String,
    stdout: String,
}

fn run(
    toolchain: &Toolchain,
    scratch: &Path,
    argv: &[OsString],
    env: &[(&str, OsString)],
) -> Output {
    let what = argv
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    match toolchain.command(scratch, argv, env).output() {
        Ok(out) => Output {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            text: format!(
                "$ {what}\n({})\n{}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        },
        Err(e) => Output {
            ok: false,
            stdout: String::new(),
            text: format!("$ {what}\ncannot start: {e}"),
        },
    }
}

fn args(items: &[&str]) -> Vec<OsString> {
    items.iter().map(OsString::from).collect()
}

fn compile() -> Result<Option<Build>, String> {
    let Some(toolchain) = antom_tests::swift::find() else {
        return Ok(None);
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("swift");
    let pkg = scratch.join("pkg");
    let specs = specs();
    let modules: BTreeSet<&str> = specs
        .iter()
        .map(|c| antom_codegen::settings::swift_module(&c.spec.package))
        .collect();
    if modules.len() != specs.len() {
        return Err("two specs share a Swift module name".to_owned());
    }
    let mut wanted: BTreeSet<PathBuf> = BTreeSet::new();
    let mut targets = String::new();
    let mut readers = Vec::new();
    for c in &specs {
        for (_, files) in
            antom_codegen::generate(&c.spec, &[Target::Swift]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                let path = pkg.join(&c.dir).join(&f.path);
                write(&path, f.contents)?;
                wanted.insert(path);
            }
        }
        let module = antom_codegen::settings::swift_module(&c.spec.package);
        let reader = format!("ReadBack{module}");
        let path = pkg.join("Sources").join(&reader).join("ReadBack.swift");
        write(&path, readback_source(&c.name, &c.spec))?;
        wanted.insert(path);
        targets.push_str(&format!(
            "        .target(name: {module:?}, path: \"{dir}/Sources/{module}\"),\n        \
             .testTarget(name: \"{module}Tests\", dependencies: [{module:?}], path: \"{dir}/Tests/{module}Tests\"),\n        \
             .target(name: {reader:?}, dependencies: [{module:?}], path: \"Sources/{reader}\"),\n",
            dir = c.dir
        ));
        readers.push((module.to_owned(), reader));
    }
    let main = format!(
        "// Written by tests/tests/swift.rs: prints the read-back of every spec as one JSON object.\n\
         import Foundation\n{}\n\
         let dumps: [String: Any] = [\n{}]\n\
         do {{\n    \
             let data = try JSONSerialization.data(withJSONObject: dumps, options: [.sortedKeys])\n    \
             FileHandle.standardOutput.write(data)\n\
         }} catch {{\n    \
             FileHandle.standardError.write(Data(\"cannot write the read-back: \\(error)\\n\".utf8))\n    \
             exit(1)\n\
         }}\n",
        readers
            .iter()
            .map(|(_, r)| format!("import {r}\n"))
            .collect::<String>(),
        readers
            .iter()
            .map(|(m, r)| format!("    {m:?}: {r}.dump(),\n"))
            .collect::<String>(),
    );
    let path = pkg.join("Sources/ReadBack/main.swift");
    write(&path, main)?;
    wanted.insert(path);
    // The vocabulary program (`tests/api/api.swift`), an executable of the real spec's module.
    let api = api_program()?;
    let path = pkg.join(API_MAIN);
    write(&path, &api)?;
    wanted.insert(path);
    let real_module = antom_codegen::settings::swift_module(&specs[0].spec.package);
    targets.push_str(&format!(
        "        .executableTarget(name: \"AntomAPI\", dependencies: [{real_module:?}], path: \"Sources/AntomAPI\"),\n"
    ));
    let dependencies: Vec<String> = readers.iter().map(|(_, r)| format!("{r:?}")).collect();
    let manifest = format!(
        "// swift-tools-version:5.9\n\
         // Written by tests/tests/swift.rs: every generated Swift package of the tests in one package.\n\
         import PackageDescription\n\n\
         let package = Package(\n    \
             name: \"AntomSwiftChecks\",\n    \
             targets: [\n{targets}        \
             .executableTarget(name: \"ReadBack\", dependencies: [{}], path: \"Sources/ReadBack\"),\n    \
             ]\n\
         )\n",
        dependencies.join(", ")
    );
    let path = pkg.join("Package.swift");
    write(&path, manifest)?;
    wanted.insert(path);
    // The shared vectors where the real package's XCTest looks for them from its own path.
    // The text vectors in `text/` beside them.
    for sub in ["", "text"] {
        let dir = repo_root().join("tests/vectors").join(sub);
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let from = entry.map_err(|e| e.to_string())?.path();
            if !from.is_file() {
                continue;
            }
            let to = pkg
                .join("tests/vectors")
                .join(sub)
                .join(from.file_name().unwrap_or_default());
            write(&to, std::fs::read(&from).map_err(|e| e.to_string())?)?;
            wanted.insert(to);
        }
    }
    // The masking table, beside the vectors, as in the repository.
    let table = repo_root().join("tests/masking/card_numbers.json");
    let to = pkg.join("tests/masking/card_numbers.json");
    write(&to, std::fs::read(&table).map_err(|e| e.to_string())?)?;
    wanted.insert(to);
    remove_stale(&pkg, &wanted)?;
    let sees = |p: &Path| toolchain.sees(&scratch, p).into_os_string();
    let mut argv = args(&["swift", "build", "--build-tests"]);
    for flag in SWIFTC_FLAGS {
        argv.extend(args(&["-Xswiftc", flag]));
    }
    argv.extend([OsString::from("--package-path"), sees(&pkg)]);
    let out = run(&toolchain, &scratch, &argv, &[]);
    if !out.ok {
        return Err(format!(
            "the Swift build failed:\n{}{}",
            antom_tests::api::rows_of_errors("Swift", API_FILE, &api, &out.text),
            out.text
        ));
    }
    Ok(Some(Build {
        toolchain,
        scratch,
        specs,
    }))
}

/// Removes the files under `pkg/` (outside `.build`) that this run did not write: a spec that is
/// gone must not stay in the build.
fn remove_stale(pkg: &Path, wanted: &BTreeSet<PathBuf>) -> Result<(), String> {
    fn visit(dir: &Path, wanted: &BTreeSet<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                if entry.file_name() != ".build" {
                    visit(&path, wanted)?;
                }
            } else if !wanted.contains(&path) {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        Ok(())
    }
    visit(pkg, wanted)
}

impl Build {
    fn pkg(&self) -> PathBuf {
        self.scratch.join("pkg")
    }

    fn sees(&self, path: &Path) -> OsString {
        self.toolchain.sees(&self.scratch, path).into_os_string()
    }

    /// `swift test` of the built package, with `extra` arguments and environment.
    fn swift_test(&self, extra: &[&str], env: &[(&str, OsString)]) -> Output {
        let mut argv = args(&["swift", "test", "--skip-build", "--package-path"]);
        argv.push(self.sees(&self.pkg()));
        argv.extend(args(extra));
        run(&self.toolchain, &self.scratch, &argv, env)
    }
}

/// The XCTest failure lines of `output` (at most 20, and how many there are), else all of it.
fn failures(output: &str) -> String {
    let lines: Vec<&str> = output.lines().filter(|l| l.contains(": error: ")).collect();
    if lines.is_empty() {
        return output.to_owned();
    }
    let shown: Vec<&str> = lines.iter().take(20).copied().collect();
    format!(
        "{} failures, the first {}:\n{}",
        lines.len(),
        shown.len(),
        shown.join("\n")
    )
}

/// Each XCTest case's outcome (`passed`, `failed`, `skipped`), by `Suite.testName`.
fn xctest_outcomes(output: &str) -> Vec<(String, String)> {
    output
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("Test Case '")?;
            let (name, outcome) = rest.split_once("' ")?;
            let outcome = outcome.split_whitespace().next()?;
            matches!(outcome, "passed" | "failed" | "skipped")
                .then(|| (name.to_owned(), outcome.to_owned()))
        })
        .collect()
}

#[test]
fn every_xctest_target_passes() {
    let Some(build) = build() else { return };
    let out = build.swift_test(&[], &[]);
    assert!(out.ok, "swift test failed: {}", failures(&out.text));
    let outcomes = xctest_outcomes(&out.text);
    let failed: Vec<&(String, String)> = outcomes.iter().filter(|(_, o)| o == "failed").collect();
    assert!(failed.is_empty(), "{failed:?}\n{}", out.text);
    for c in &build.specs {
        // Every test function of the generated file runs, but the Objective-C one (not
        // compiled without the Objective-C runtime).
        let module = antom_codegen::settings::swift_module(&c.spec.package);
        let tests = std::fs::read_to_string(
            build
                .pkg()
                .join(&c.dir)
                .join(format!("Tests/{module}Tests/{module}Tests.swift")),
        )
        .unwrap_or_default();
        let declared = tests
            .lines()
            .filter(|l| l.starts_with("    func test") && !l.contains("testObjectiveC"))
            .count();
        let suite = format!("{module}Tests.");
        let ran = outcomes
            .iter()
            .filter(|(n, _)| n.starts_with(&suite))
            .count();
        assert!(
            declared >= 4 && ran == declared,
            "{}: {ran} of {declared} XCTest cases ran:\n{}",
            c.name,
            out.text
        );
    }
    // The real package's conformance test found the vectors from its own path and ran them;
    // the fixture packages, which have no vectors of their own, skip it.
    let conformance = |suite: &str| {
        outcomes
            .iter()
            .find(|(n, _)| n == &format!("{suite}Tests.testConformanceVectors"))
            .map(|(_, o)| o.as_str())
    };
    assert_eq!(conformance("AntomCallback"), Some("passed"), "{}", out.text);
    let masking = outcomes
        .iter()
        .find(|(n, _)| n == "AntomCallbackTests.testMaskingTable")
        .map(|(_, o)| o.as_str());
    assert_eq!(masking, Some("passed"), "{}", out.text);
    let texts = outcomes
        .iter()
        .find(|(n, _)| n == "AntomCallbackTests.testTextVectors")
        .map(|(_, o)| o.as_str());
    assert_eq!(texts, Some("passed"), "{}", out.text);
    eprintln!(
        "Swift: {} conformance vectors get the expected verdict and round-trip",
        antom_tests::vectors::load().len()
    );
    let skipped: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| o == "skipped")
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(
        skipped
            .iter()
            .all(|n| (n.ends_with("Tests.testConformanceVectors")
                || n.ends_with("Tests.testMaskingTable")
                || n.ends_with("Tests.testTextVectors"))
                && !n.starts_with("AntomCallback")),
        "only the fixture packages' conformance, masking and text-vector tests skip: {skipped:?}"
    );
    let skipped = skipped.len();
    eprintln!(
        "Swift: {} packages, {} XCTest cases passed, {skipped} skipped",
        build.specs.len(),
        outcomes.len() - skipped
    );
}

#[test]
fn swift_validator_gives_the_rust_verdict_on_arbitrary_json_and_round_trips_it() {
    let Some(build) = build() else { return };
    let dir = build.scratch.join("arbitrary");
    let _ = std::fs::remove_dir_all(&dir);
    let expected = arbitrary_json::write_vectors(&dir);
    assert_eq!(expected.len(), arbitrary_json::count());
    let out = build.swift_test(
        &[
            "--filter",
            "AntomCallbackTests.AntomCallbackTests/testConformanceVectors",
        ],
        &[("ANTOM_VECTORS_DIR", build.sees(&dir))],
    );
    let outcomes = xctest_outcomes(&out.text);
    assert_eq!(
        outcomes,
        [(
            "AntomCallbackTests.testConformanceVectors".to_owned(),
            "passed".to_owned()
        )],
        "the Swift validator disagrees with the Rust verdict or a payload does not round-trip \
         (vectors under {}): {}",
        dir.display(),
        failures(&out.text)
    );
    assert!(out.ok, "{}", out.text);
    eprintln!(
        "Swift: {} arbitrary payloads get the Rust verdict and round-trip",
        expected.len()
    );
}

#[test]
fn the_swift_check_catches_a_type_error_that_parses() {
    // The minimal case's sources type-check; with a line that parses but does not type-check,
    // or that only warns, they do not.
    let Some(toolchain) = antom_tests::swift::find() else {
        return;
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("swift-probe");
    let spec = load_spec(&repo_root().join("tests/cases/minimal"));
    let module = antom_codegen::settings::swift_module(&spec.package).to_owned();
    let mut sources = Vec::new();
    for (_, files) in
        antom_codegen::generate(&spec, &[Target::Swift]).unwrap_or_else(|e| panic!("{e}"))
    {
        for f in files {
            if f.path.starts_with("Sources/") {
                let path = scratch.join(&f.path);
                write(&path, &f.contents).unwrap_or_else(|e| panic!("{e}"));
                sources.push(path);
            }
        }
    }
    let probe = scratch.join("Probe.swift");
    let typecheck_file = |contents: &str| {
        write(&probe, contents).unwrap_or_else(|e| panic!("{e}"));
        let mut argv = args(&["swiftc", "-typecheck"]);
        argv.extend(args(SWIFTC_FLAGS));
        argv.push("-module-name".into());
        argv.push(module.clone().into());
        argv.extend(
            sources
                .iter()
                .chain([&probe])
                .map(|p| toolchain.sees(&scratch, p).into_os_string()),
        );
        run(&toolchain, &scratch, &argv, &[])
    };
    let typecheck = |line: &str| typecheck_file(&format!("func probe() {{\n    {line}\n}}\n"));
    let clean = typecheck("_ = EventCode.allKnown.count");
    assert!(
        clean.ok,
        "the minimal case must type-check:\n{}",
        clean.text
    );
    let wrong = typecheck("let x: Int = \"a\"; _ = x");
    assert!(!wrong.ok, "a type error went unnoticed:\n{}", wrong.text);
    assert!(
        wrong.text.contains("Probe.swift:2:") && wrong.text.contains("error:"),
        "the error names the line:\n{}",
        wrong.text
    );
    let warning = typecheck("var unused = 1");
    assert!(!warning.ok, "a warning went unnoticed:\n{}", warning.text);
    // Code for the Objective-C runtime only (`ObjC.swift`) is not compiled on Linux, but it is
    // parsed: a syntax error there is caught too.
    let inactive = typecheck_file("#if canImport(ObjectiveC)\nlet broken = (1,\n#endif\n");
    assert!(
        !inactive.ok,
        "a syntax error in an inactive branch went unnoticed:\n{}",
        inactive.text
    );

    // The Objective-C surface type-checks against the module once its `@objc` attributes (which
    // need the Objective-C runtime) are taken away and its branch made active.
    let objc = sources
        .iter()
        .find(|p| p.ends_with("ObjC.swift"))
        .expect("the Swift target writes ObjC.swift");
    let objc = std::fs::read_to_string(objc).unwrap_or_else(|e| panic!("{e}"));
    let active = without_objc_attributes(&objc);
    let checked = typecheck_file(&active);
    assert!(
        checked.ok,
        "ObjC.swift does not type-check without its @objc attributes:\n{}\n{active}",
        checked.text
    );
    assert!(active.contains(".canonical?.rawValue"), "{active}");
    let broken = typecheck_file(&active.replace(".canonical?.rawValue", ".canonical?.rawValu"));
    assert!(!broken.ok, "a type error in ObjC.swift went unnoticed");
}

/// `ObjC.swift` as Swift on Linux can type-check: the `#if canImport(ObjectiveC)` branch made
/// active and every `@objc` / `@objc(selector)` attribute removed.
fn without_objc_attributes(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed == "#if canImport(ObjectiveC)" || trimmed == "#endif" {
            continue;
        }
        let mut line = line.to_owned();
        while let Some(at) = line.find("@objc") {
            let rest = &line[at + "@objc".len()..];
            let end = if rest.starts_with('(') {
                rest.find(')').map_or(rest.len(), |i| i + 1)
            } else {
                0
            };
            let after = rest[end..].trim_start().to_owned();
            line = format!("{}{after}", &line[..at]);
        }
        if !line.trim().is_empty() || trimmed.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_package_manifest_declares_the_targets_that_are_built() {
    let Some(build) = build() else { return };
    // One run for every manifest: `swift package dump-package` compiles each `Package.swift`.
    let mut script = String::from("set -e\n");
    for c in &build.specs {
        let dir = build.sees(&build.pkg().join(&c.dir));
        script.push_str(&format!(
            "echo '=== {}'\nswift package dump-package --package-path '{}'\n",
            antom_codegen::settings::swift_module(&c.spec.package),
            dir.to_string_lossy()
        ));
    }
    let out = run(
        &build.toolchain,
        &build.scratch,
        &[
            OsString::from("sh"),
            OsString::from("-c"),
            OsString::from(script),
        ],
        &[],
    );
    assert!(out.ok, "{}", out.text);
    let mut dumps = out.stdout.split("=== ").skip(1);
    for c in &build.specs {
        let module = antom_codegen::settings::swift_module(&c.spec.package);
        let text = dumps.next().unwrap_or_default();
        let json_start = text.find('{').unwrap_or(text.len());
        let dump: Value = serde_json::from_str(&text[json_start..]).unwrap_or_else(|e| {
            panic!("{}: dump-package output is not JSON ({e}):\n{text}", c.name)
        });
        let targets: Vec<(String, String, String)> = dump["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| {
                let s = |k: &str| t[k].as_str().unwrap_or_default().to_owned();
                (s("name"), s("type"), s("path"))
            })
            .collect();
        assert_eq!(
            targets,
            [
                (
                    module.to_owned(),
                    "regular".to_owned(),
                    format!("Sources/{module}")
                ),
                (
                    format!("{module}Tests"),
                    "test".to_owned(),
                    format!("Tests/{module}Tests")
                ),
            ],
            "{}: the generated Package.swift declares other targets than are built",
            c.name
        );
        assert_eq!(dump["name"], json!(module), "{}", c.name);
    }
}

/// A Swift type or member name.
fn ty(name: &str) -> String {
    Lang::Swift.ident(Role::Type, name)
}

/// The read-back of one spec's generated module: `ReadBack<Module>.dump()` returns every constant
/// and metadata value in the shape [`expected_dump`] builds from the spec.
fn readback_source(name: &str, spec: &Spec) -> String {
    let module = antom_codegen::settings::swift_module(&spec.package);
    let enums: Vec<String> = spec
        .enums
        .iter()
        .map(|e| {
            format!(
                "        {:?}: {}.allKnown.map {{ v -> Any in\n            \
                 [\"value\": v.rawValue, \"known\": v.isKnown, \"description\": opt(v.info?.description), \
                 \"outcome\": opt(v.info?.outcome?.rawValue), \"deprecated\": deprecation(v.info?.deprecated)]\n        }},\n",
                e.name,
                ty(&e.name)
            )
        })
        .collect();
    let enum_schemas: Vec<String> = spec
        .enums
        .iter()
        .map(|e| {
            format!(
                "        enumSchema(.{}),\n",
                Lang::Swift.ident(Role::Field, &e.name)
            )
        })
        .collect();
    let objects: Vec<String> = spec
        .objects
        .iter()
        .map(|o| {
            format!(
                "        objectSchema(.{}),\n",
                Lang::Swift.ident(Role::Field, &o.name)
            )
        })
        .collect();
    format!(
        r#"// Written by tests/tests/swift.rs from the spec of `{name}`: every string constant and
// metadata value of the generated module, as JSON-ready values.
import Foundation
import {module}

private func opt(_ value: String?) -> Any {{
    return value.map {{ $0 as Any }} ?? NSNull()
}}

private func deprecation(_ d: Deprecation?) -> Any {{
    guard let d = d else {{
        return NSNull()
    }}
    return ["replaced_by": opt(d.replacedBy), "note": d.note]
}}

private func objectSchema(_ s: ObjectSchema) -> Any {{
    return [
        "name": s.name,
        "fields": s.fields.map {{ f -> Any in
            [
                "name": f.name,
                "required": f.required,
                "max_length": f.maxLength.map {{ $0 as Any }} ?? NSNull(),
                "pattern": opt(f.pattern?.source),
                "format": opt(f.pattern?.format),
                "sensitive": f.sensitive,
            ]
        }},
        "checks": s.checks.map {{ c -> Any in
            let kind: String
            switch c.kind {{
            case .digitsSuffix:
                kind = "digits_suffix"
            case .sameOutcome:
                kind = "same_outcome"
            }}
            return ["rule": c.rule, "kind": kind, "fields": c.fields, "message": c.message]
        }},
    ]
}}

private func enumSchema(_ s: EnumSchema) -> Any {{
    return [
        "name": s.name,
        "values": Array(s.values),
        "outcomes": s.outcomes.mapValues {{ $0.rawValue }},
    ]
}}

public func dump() -> Any {{
    return [
        "event_codes": EventCode.allKnown.map {{ c -> Any in
            guard let i = c.info else {{
                return NSNull()
            }}
            return [
                "code": c.rawValue, "known": c.isKnown, "kind": i.kind.rawValue,
                "callbacks": i.callbacks.map {{ $0.rawValue }}, "description": i.description,
                "description_truncated": i.descriptionTruncated,
                "action": i.action.rawValue, "outcome": opt(i.outcome?.rawValue),
                "carries": i.carries, "messages": i.messages, "deprecated": deprecation(i.deprecated),
            ]
        }},
        "result_codes": PaymentResultCode.allKnown.map {{ c -> Any in
            guard let i = c.info else {{
                return NSNull()
            }}
            return [
                "code": c.rawValue, "known": c.isKnown, "message": i.message,
                "suggestion": i.suggestion, "action": i.action.rawValue,
                "message_truncated": i.messageTruncated, "suggestion_truncated": i.suggestionTruncated,
                "outcome": opt(i.outcome?.rawValue), "deprecated": deprecation(i.deprecated),
            ]
        }},
        "actions": Action.allCases.map {{ ["name": $0.rawValue, "description": $0.description] }},
        "callbacks": CallbackName.allCases.map {{ ["name": $0.rawValue, "description": $0.description] }},
        "enums": [
{enums}        ] as [String: Any],
        "enum_schemas": [
{enum_schemas}        ] as [Any],
        "objects": [
{objects}        ] as [Any],
    ]
}}
"#,
        // An empty dictionary literal is `[:]`.
        enums = if enums.is_empty() {
            ":\n".to_owned()
        } else {
            enums.concat()
        },
        enum_schemas = enum_schemas.concat(),
        objects = objects.concat(),
    )
}

/// What the Swift read-back prints of each record (see `antom_tests::readback`).
const KEYS: readback::Keys = readback::Keys {
    event_code: "code known kind callbacks description action outcome description_truncated \
        carries messages deprecated",
    result_code: "code known message suggestion action outcome message_truncated \
        suggestion_truncated deprecated",
    enum_value: "value known description outcome deprecated",
    // The words of a pattern, as every target's tables carry them.
    field: "name required max_length pattern format=pattern_words sensitive",
};

/// What the read-back program must print for a spec: the shared layout without the version,
/// and each enumeration's schema (its values sorted, the outcomes by value).
fn expected_dump(spec: &Spec) -> Value {
    let enum_schemas: Vec<Value> = spec
        .enums
        .iter()
        .map(|e| {
            let mut values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
            values.sort_unstable();
            let outcomes: serde_json::Map<String, Value> = e
                .values
                .iter()
                .filter_map(|v| Some((v.value.clone(), json!(v.outcome?))))
                .collect();
            json!({ "name": e.name, "values": values, "outcomes": outcomes })
        })
        .collect();
    let mut expected = readback::layout(spec, &KEYS);
    expected.remove("spec_version");
    expected.insert("enum_schemas".to_owned(), Value::Array(enum_schemas));
    Value::Object(expected)
}

#[test]
fn every_generated_constant_reads_back_as_the_spec_string() {
    let Some(build) = build() else { return };
    let program = build.pkg().join(".build/debug/ReadBack");
    let out = build
        .toolchain
        .command(&build.scratch, &[build.sees(&program)], &[])
        .output()
        .unwrap_or_else(|e| panic!("cannot start the read-back: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the read-back failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let dumps: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("read-back output is not JSON ({e}):\n{text}"));
    assert_eq!(
        build
            .specs
            .iter()
            .filter(|c| c.name.starts_with("random-"))
            .count(),
        random_spec::COUNT,
        "the random specs are read back too"
    );
    for c in &build.specs {
        let module = antom_codegen::settings::swift_module(&c.spec.package);
        let mut got = dumps[module].clone();
        // A Swift `Set` has no order: its values are compared sorted.
        for schema in got["enum_schemas"].as_array_mut().into_iter().flatten() {
            if let Some(values) = schema["values"].as_array_mut() {
                values.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
        let want = expected_dump(&c.spec);
        for key in [
            "event_codes",
            "result_codes",
            "actions",
            "callbacks",
            "enums",
            "enum_schemas",
            "objects",
        ] {
            if let Some(difference) = antom_tests::first_difference(key, &got[key], &want[key]) {
                panic!("{} ({module}): read back from Swift, {difference}", c.name);
            }
        }
    }
    for name in ["real", "escaping", "obstacle"] {
        assert!(
            build.specs.iter().any(|c| c.name == name),
            "{name} is read back"
        );
    }
    // The truncated flags, read through compiled Swift: FRAUD_REJECT's suggestion is cut off in
    // its source, the first code whose texts are whole is not.
    let real = &dumps["AntomCallback"]["result_codes"];
    let flag = |code: &str, text: &str| {
        real.as_array()
            .into_iter()
            .flatten()
            .find(|c| c["code"] == code)
            .map(|c| c[format!("{text}_truncated")].clone())
    };
    let spec = repo_spec();
    let fraud = spec.result_codes.iter().find(|c| c.code == "FRAUD_REJECT");
    assert!(
        fraud.is_some_and(|c| c.provenance.is_truncated("suggestion")),
        "the spec flags FRAUD_REJECT's suggestion"
    );
    assert_eq!(flag("FRAUD_REJECT", "suggestion"), Some(json!(true)));
    let whole = spec
        .result_codes
        .iter()
        .find(|c| c.provenance.truncated.is_empty())
        .expect("a result code with whole texts");
    assert_eq!(flag(&whole.code, "suggestion"), Some(json!(false)));
    assert_eq!(flag(&whole.code, "message"), Some(json!(false)));
}

/// A spec's module sources, written under `CARGO_TARGET_TMPDIR/<dir>`, type-checked with a probe
/// file (`swiftc -typecheck` and the flags of every Swift compilation here).
struct Probe {
    toolchain: Toolchain,
    scratch: PathBuf,
    module: String,
    sources: Vec<PathBuf>,
}

impl Probe {
    fn new(spec: &Spec, dir: &str) -> Option<Probe> {
        let toolchain = antom_tests::swift::find()?;
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
        let mut sources = Vec::new();
        for (_, files) in
            antom_codegen::generate(spec, &[Target::Swift]).unwrap_or_else(|e| panic!("{e}"))
        {
            for f in files {
                let path = scratch.join(&f.path);
                write(&path, &f.contents).unwrap_or_else(|e| panic!("{e}"));
                if f.path.starts_with("Sources/") {
                    sources.push(path);
                }
            }
        }
        Some(Probe {
            toolchain,
            scratch,
            module: antom_codegen::settings::swift_module(&spec.package).to_owned(),
            sources,
        })
    }

    /// Type-checks the module with `contents` as one more file of it.
    fn typecheck(&self, contents: &str) -> Output {
        let probe = self.scratch.join("Probe.swift");
        write(&probe, contents).unwrap_or_else(|e| panic!("{e}"));
        let mut argv = args(&["swiftc", "-typecheck"]);
        argv.extend(args(SWIFTC_FLAGS));
        argv.push("-module-name".into());
        argv.push(self.module.clone().into());
        argv.extend(
            self.sources
                .iter()
                .chain([&probe])
                .map(|p| self.toolchain.sees(&self.scratch, p).into_os_string()),
        );
        run(&self.toolchain, &self.scratch, &argv, &[])
    }
}

/// A `switch` over `<ty>.Known` with one case per code, as a function.
fn known_switch(function: &str, ty: &str, codes: &[&str]) -> String {
    let mut out = format!("func {function}(_ code: {ty}.Known) -> Int {{\n    switch code {{\n");
    for (i, code) in codes.iter().enumerate() {
        let case = Lang::Swift.ident(Role::Variant, code);
        out.push_str(&format!("    case .{case}:\n        return {i}\n"));
    }
    out.push_str("    }\n}\n");
    out
}

#[test]
fn a_switch_over_known_codes_must_name_each_and_canonical_avoids_the_deprecated_name() {
    let spec = repo_spec();
    let Some(probe) = Probe::new(&spec, "swift-known") else {
        return;
    };
    let events: Vec<&str> = spec.event_codes.iter().map(|c| c.code.as_str()).collect();
    let results: Vec<&str> = spec.result_codes.iter().map(|c| c.code.as_str()).collect();
    let (deprecated, replacement) = spec
        .event_codes
        .iter()
        .find_map(|c| Some((&c.code, c.deprecated.as_ref()?.replaced_by.as_ref()?)))
        .expect("a deprecated event code with a replacement");
    let case = |code: &str| {
        Lang::Swift
            .ident(Role::Variant, code)
            .trim_matches('`')
            .to_owned()
    };
    // Every code named, deprecated ones included (a pattern does not warn), and the deprecated
    // code handled through `canonical`: no warning.
    let through_canonical = format!(
        "func handled(_ code: EventCode) -> Bool {{\n    \
         return code.canonical == .{new} || code.canonical?.rawValue == EventCode.Current.{new}.rawValue\n}}\n",
        new = case(replacement)
    );
    let clean = probe.typecheck(&format!(
        "{}{}{through_canonical}",
        known_switch("events", "EventCode", &events),
        known_switch("results", "PaymentResultCode", &results),
    ));
    assert!(
        clean.ok,
        "a switch naming every code, and canonical, must compile with warnings denied:\n{}",
        clean.text
    );
    // One code left out: the compiler names it.
    let missing = events
        .iter()
        .rev()
        .find(|c| **c != deprecated.as_str())
        .expect("an event code");
    let rest: Vec<&str> = events.iter().copied().filter(|c| c != missing).collect();
    let partial = probe.typecheck(&known_switch("events", "EventCode", &rest));
    assert!(!partial.ok, "a switch missing {missing} compiled");
    let named = format!("add missing case: '.{}'", case(missing));
    assert!(
        partial.text.contains("switch must be exhaustive") && partial.text.contains(&named),
        "the error names {missing} ({named}):\n{}",
        partial.text
    );
    // Naming the deprecated code itself still warns.
    let direct = probe.typecheck(&format!(
        "func handled(_ code: EventCode) -> Bool {{\n    return code == .{}\n}}\n",
        case(deprecated)
    ));
    let warned = format!("'{}' is deprecated", case(deprecated));
    assert!(
        !direct.ok && direct.text.contains(&warned),
        "naming {deprecated} must warn ({warned}):\n{}",
        direct.text
    );
}

#[test]
fn the_readme_snippets_compile() {
    // Every `swift` block of each generated README, in one file of the module it documents.
    for name in ["real", "obstacle"] {
        let (spec, dir) = if name == "real" {
            (repo_spec(), "swift-readme-real".to_owned())
        } else {
            (
                load_spec(&repo_root().join("tests/cases").join(name)),
                format!("swift-readme-{name}"),
            )
        };
        let Some(probe) = Probe::new(&spec, &dir) else {
            return;
        };
        let readme = std::fs::read_to_string(probe.scratch.join("README.md"))
            .unwrap_or_else(|e| panic!("{name}: the generated README: {e}"));
        let own = format!("import {}", probe.module);
        let mut imports = BTreeSet::new();
        let mut code = String::new();
        let mut blocks = 0;
        // The manifest lines (`.package(...)`, `.product(...)`) are not module code: the Swift
        // consumer builds them (`the_readme_manifest_lines_are_the_consumers`).
        for block in swift_blocks(&readme)
            .into_iter()
            .filter(|b| !is_manifest(b))
        {
            blocks += 1;
            for line in block.lines() {
                if line.starts_with("import ") {
                    if line != own {
                        imports.insert(line.to_owned());
                    }
                } else {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
        assert!(blocks >= 3, "{name}: the README has {blocks} Swift blocks");
        let file = format!(
            "{}\n{code}",
            imports.into_iter().collect::<Vec<_>>().join("\n")
        );
        let out = probe.typecheck(&file);
        assert!(
            out.ok,
            "{name}: the README's snippets do not compile:\n{file}\n{}",
            out.text
        );
        if name == "real" {
            // The README's `switch` on `canonical` without the case of a current code.
            let missing = spec
                .event_codes
                .iter()
                .rev()
                .find(|c| c.deprecated.is_none())
                .expect("a current event code");
            let ident = Lang::Swift.ident(Role::Variant, &missing.code);
            let case = format!("    case .{ident}?: ");
            assert_eq!(
                file.lines().filter(|l| l.starts_with(&case)).count(),
                1,
                "the README's switch has one `{case}`:\n{file}"
            );
            let without: String = file
                .lines()
                .filter(|l| !l.starts_with(&case))
                .map(|l| format!("{l}\n"))
                .collect();
            let out = probe.typecheck(&without);
            let named = format!("add missing case: '.some(.{ident})'");
            assert!(
                !out.ok
                    && out.text.contains("switch must be exhaustive")
                    && out.text.contains(&named),
                "the README's switch without {} must fail naming it ({named}):\n{}",
                missing.code,
                out.text
            );
        }
    }
}

/// The ```swift blocks of a Markdown text.
fn swift_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            Some(block) if line == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None if line == "```swift" => current = Some(String::new()),
            None => {}
        }
    }
    blocks
}

/// Whether a README block is lines of a consumer's `Package.swift`.
fn is_manifest(block: &str) -> bool {
    block.contains(".package(") || block.contains(".product(")
}

#[test]
fn the_readme_manifest_lines_are_the_consumers() {
    // The real README's manifest lines are those of `tests/consumers/swift/Package.swift`, which
    // `cargo xtask consumers` builds by URL on the staged tag, and the path dependency it builds
    // the same project with instead: `.package(path: "../<identity>")`.
    let spec = repo_spec();
    let identity = antom_codegen::swift_package_identity(&spec).expect("the spec has a repository");
    let readme = antom_codegen::generate(&spec, &[Target::Swift])
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .flat_map(|(_, files)| files)
        .find(|f| f.path == "README.md")
        .expect("the Swift README")
        .contents;
    let consumer = std::fs::read_to_string(repo_root().join("tests/consumers/swift/Package.swift"))
        .expect("tests/consumers/swift/Package.swift");
    let consumer: BTreeSet<&str> = consumer.lines().map(str::trim).collect();
    let by_path = format!(".package(path: \"../{identity}\"),");
    let manifest: Vec<String> = swift_blocks(&readme)
        .into_iter()
        .filter(|b| is_manifest(b))
        .collect();
    let lines: Vec<&str> = manifest
        .iter()
        .flat_map(|b| b.lines())
        .map(str::trim)
        .collect();
    let url = spec.package.repository.as_deref().expect("a repository");
    for wanted in [
        format!(
            ".package(url: \"{url}\", from: \"{}\"),",
            spec.package.version
        ),
        format!(
            ".product(name: \"{}\", package: \"{identity}\"),",
            antom_codegen::settings::swift_module(&spec.package)
        ),
        by_path.clone(),
    ] {
        assert!(
            lines.contains(&wanted.as_str()),
            "the README shows `{wanted}`:\n{readme}"
        );
    }
    for line in lines {
        assert!(
            consumer.contains(line) || line == by_path,
            "the README's manifest line `{line}` is not in tests/consumers/swift/Package.swift"
        );
    }
}

#[test]
fn the_root_manifest_declares_the_generated_library() {
    // The root `Package.swift` (read by SwiftPM for a dependency by URL) is written by hand: its
    // `dump-package` must declare the library of `generated/swift/Package.swift` (the spec's
    // module as product and target, the platforms, the tools version) from
    // `generated/swift/Sources/<module>`, and nothing else (no tests, no dependencies).
    let Some(toolchain) = antom_tests::swift::find() else {
        return;
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("swift-root-manifest");
    let spec = repo_spec();
    let generated = antom_codegen::generate(&spec, &[Target::Swift])
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .flat_map(|(_, files)| files)
        .find(|f| f.path == "Package.swift")
        .expect("the generated Package.swift")
        .contents;
    let root = std::fs::read_to_string(repo_root().join("Package.swift"))
        .expect("Package.swift at the repository root");
    write(&scratch.join("root/Package.swift"), &root).unwrap_or_else(|e| panic!("{e}"));
    write(&scratch.join("generated/Package.swift"), generated).unwrap_or_else(|e| panic!("{e}"));
    let dump = |dir: &str| -> Value {
        let path = toolchain.sees(&scratch, &scratch.join(dir));
        let mut argv = args(&["swift", "package", "dump-package", "--package-path"]);
        argv.push(path.into_os_string());
        let out = run(&toolchain, &scratch, &argv, &[]);
        assert!(out.ok, "{}", out.text);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("dump-package of {dir} is not JSON ({e}):\n{}", out.text))
    };
    let (root, generated) = (dump("root"), dump("generated"));
    let module = antom_codegen::settings::swift_module(&spec.package);
    for key in ["name", "platforms", "products", "toolsVersion"] {
        assert_eq!(root[key], generated[key], "the root Package.swift's {key}");
    }
    assert_eq!(root["products"][0]["name"], json!(module));
    assert_eq!(
        root["dependencies"],
        json!([]),
        "the root Package.swift has dependencies"
    );
    // The generated library target, with its path under `generated/swift/`.
    let library: Vec<Value> = generated["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["type"] == "regular")
        .map(|t| {
            let mut t = t.clone();
            let path = format!("generated/swift/{}", t["path"].as_str().unwrap_or_default());
            t["path"] = json!(path);
            t
        })
        .collect();
    assert_eq!(
        root["targets"],
        json!(library),
        "the root Package.swift's targets are the generated library's, from generated/swift"
    );
    assert_eq!(
        root["targets"][0]["path"],
        json!(format!("generated/swift/Sources/{module}"))
    );
}

/// The cross-language API test in Swift: `tests/api/api.swift` uses every Swift name of
/// ARCHITECTURE.md's vocabulary table in its row's section, builds with the others under
/// `-warnings-as-errors` (a failed build names the row of each error) and runs.
#[test]
fn the_vocabulary_compiles_in_swift() {
    let program = api_program().unwrap_or_else(|e| panic!("{e}"));
    let unused = antom_tests::api::unused_names("Swift", &program, &antom_tests::api::table());
    assert!(unused.is_empty(), "{}", unused.join("\n"));
    let Some(build) = build() else { return };
    let api = build.pkg().join(".build/debug/AntomAPI");
    let out = build
        .toolchain
        .command(&build.scratch, &[build.sees(&api)], &[])
        .output()
        .unwrap_or_else(|e| panic!("cannot start the vocabulary program: {e}"));
    assert!(
        out.status.success(),
        "the vocabulary program failed ({}):\n{}",
        out.status,
        antom_tests::api::rows_of_errors(
            "Swift",
            API_FILE,
            &program,
            &String::from_utf8_lossy(&out.stderr)
        ) + &String::from_utf8_lossy(&out.stderr)
    );
}
