//! The npm package as its consumers get it: `npm pack` of the generated package after its own
//! build script, unpacked into `node_modules`, then imported by TypeScript projects under
//! `moduleResolution` `node10` (CommonJS output), `node16` and `bundler`, by an ES module and by
//! a CommonJS script that `require`s it with Node's `require(esm)` turned off. Each program that
//! runs prints what it read, compared with the spec.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_tests::{repo_root, repo_spec, tools};
use serde_json::Value;

fn run(what: &str, cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs the package's own `npm run build` in `package`, with the pinned `tsc` first on `PATH`.
fn npm_build(package: &Path, tsc: &Path) {
    let bin = tsc.parent().expect("tools/node_modules/.bin");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    run(
        "npm run build",
        Command::new("npm")
            .args(["run", "build", "--silent"])
            .current_dir(package)
            .env("PATH", path),
    );
}

/// Builds the generated package with its own `npm run build` (the pinned `tsc` on `PATH`),
/// packs it and unpacks the tarball as `node_modules/<name>` of `consumers`.
fn install(work: &Path, tsc: &Path, name: &str) -> PathBuf {
    let package = work.join("package");
    copy_dir(&repo_root().join("generated/typescript"), &package);
    npm_build(&package, tsc);
    let listing = run(
        "npm pack",
        Command::new("npm")
            .args(["pack", "--json", "--ignore-scripts", "--pack-destination"])
            .arg(work)
            .current_dir(&package),
    );
    let listing: Value = serde_json::from_str(&listing).expect("npm pack --json");
    let tarball = work.join(listing[0]["filename"].as_str().expect("filename"));
    let consumers = work.join("consumers");
    let installed = consumers.join("node_modules").join(name);
    std::fs::create_dir_all(&installed).expect("node_modules");
    run(
        "tar",
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .args(["--strip-components=1", "-C"])
            .arg(&installed),
    );
    consumers
}

/// The consumer program: what it prints is compared with the spec.
fn program(name: &str, first_code: &str, first_result: &str, import: bool) -> String {
    let (root, validate, metadata) = (
        name.to_owned(),
        format!("{name}/validate"),
        format!("{name}/metadata"),
    );
    let head = if import {
        format!(
            "import {{ isKnownEventCode }} from '{root}';\nimport {{ validate }} from '{validate}';\nimport {{ SPEC_VERSION, paymentResultCodeInfo }} from '{metadata}';\ndeclare const console: {{ log(text: string): void }};\n"
        )
    } else {
        format!(
            "const {{ isKnownEventCode }} = require('{root}');\nconst {{ validate }} = require('{validate}');\nconst {{ SPEC_VERSION, paymentResultCodeInfo }} = require('{metadata}');\n"
        )
    };
    format!(
        "{head}console.log(JSON.stringify({{\n  known: isKnownEventCode('{first_code}'),\n  unknown: isKnownEventCode('NOT_A_CODE_OF_ANY_SPEC'),\n  valid: validate({{ code: '{first_code}', result: {{ paymentStatus: 7 }} }}).isValid,\n  message: paymentResultCodeInfo('{first_result}')?.message ?? null,\n  version: SPEC_VERSION,\n}}));\n"
    )
}

fn tsconfig(module: &str, resolution: &str, no_emit: bool) -> String {
    format!(
        "{{\n  \"compilerOptions\": {{\n    \"target\": \"ES2020\",\n    \"lib\": [\"ES2020\"],\n    \"module\": \"{module}\",\n    \"moduleResolution\": \"{resolution}\",\n    \"strict\": true,\n    \"types\": [],\n    \"outDir\": \"out\",\n    \"noEmit\": {no_emit}\n  }},\n  \"include\": [\"*.ts\"]\n}}\n"
    )
}

#[test]
fn the_packed_package_works_for_every_kind_of_consumer() {
    let Some(found) = tools::require("npm package consumers", &["node", "tsc", "npm"]) else {
        return;
    };
    let [node, tsc, _npm] = <[PathBuf; 3]>::try_from(found).expect("three tools");
    let spec = repo_spec();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-consumers");
    let _ = std::fs::remove_dir_all(&work);
    let name = antom_codegen::settings::npm_name(&spec.package).to_owned();
    let consumers = install(&work, &tsc, &name);
    let installed = consumers.join("node_modules").join(&name);

    let first_code = &spec.event_codes[0].code;
    let first_result = &spec.result_codes[0];
    let expected = serde_json::json!({
        "known": true,
        "unknown": false,
        "valid": false,
        "message": first_result.message,
        "version": spec.package.version,
    });

    // The manifest: an engines field, a CommonJS build beside the ES one, maps into shipped src/.
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(installed.join("package.json")).expect("package.json"),
    )
    .expect("JSON");
    assert!(manifest["engines"]["node"].is_string(), "{manifest}");
    for map in [
        "dist/index.js.map",
        "dist/cjs/validate.js.map",
        "dist/index.d.ts.map",
    ] {
        let text =
            std::fs::read_to_string(installed.join(map)).unwrap_or_else(|e| panic!("{map}: {e}"));
        let map_json: Value = serde_json::from_str(&text).expect("a source map");
        for source in map_json["sources"].as_array().expect("sources") {
            let source = Path::new(map)
                .parent()
                .expect("folder")
                .join(source.as_str().expect("path"));
            assert!(
                installed.join(&source).is_file(),
                "{map} points at {} which is not shipped",
                source.display()
            );
        }
    }

    let mut outputs = Vec::new();
    // TypeScript under each resolution; node10 and node16 emit and run, bundler type-checks.
    for (folder, module, resolution, package_type, runs) in [
        ("node10", "CommonJS", "Node10", "commonjs", true),
        ("node16-esm", "Node16", "Node16", "module", true),
        ("node16-cjs", "Node16", "Node16", "commonjs", true),
        ("bundler", "ESNext", "Bundler", "module", false),
    ] {
        let dir = consumers.join(folder);
        write(
            &dir.join("tsconfig.json"),
            &tsconfig(module, resolution, !runs),
        );
        write(
            &dir.join("package.json"),
            &format!("{{ \"type\": \"{package_type}\" }}\n"),
        );
        write(
            &dir.join("main.ts"),
            &program(&name, first_code, &first_result.code, true),
        );
        run(
            &format!("tsc ({folder})"),
            Command::new(&tsc).arg("-p").arg(dir.join("tsconfig.json")),
        );
        if runs {
            let printed = run(
                &format!("node ({folder})"),
                Command::new(&node).arg(dir.join("out/main.js")),
            );
            outputs.push((folder.to_owned(), printed));
        }
    }
    // An ES module and a CommonJS script in plain JavaScript, `require(esm)` off.
    let esm = consumers.join("plain.mjs");
    write(
        &esm,
        &program(&name, first_code, &first_result.code, true)
            .replace("declare const console: { log(text: string): void };\n", ""),
    );
    outputs.push((
        "plain ESM".to_owned(),
        run("node (ESM)", Command::new(&node).arg(&esm)),
    ));
    let cjs = consumers.join("plain.cjs");
    write(&cjs, &program(&name, first_code, &first_result.code, false));
    outputs.push((
        "plain CommonJS".to_owned(),
        run(
            "node (CommonJS)",
            Command::new(&node)
                .arg("--no-experimental-require-module")
                .arg(&cjs),
        ),
    ));
    assert_eq!(outputs.len(), 5);
    for (consumer, printed) in outputs {
        let got: Value = serde_json::from_str(printed.trim())
            .unwrap_or_else(|e| panic!("{consumer}: {e}: {printed}"));
        assert_eq!(got, expected, "{consumer}");
    }
}

/// The generated package's README, followed in a checkout of the folder, leaves it clean: after
/// `npm run build` and `npm pack` (real runs) and what `npm install` writes (`node_modules`,
/// `package-lock.json`: made here, the tests run offline), `git status --porcelain` is empty, and
/// each of those paths is one that git ignores (so each step did leave something behind).
#[test]
fn following_the_readme_leaves_the_package_folder_clean() {
    // `git` is the repository's own tool: on `PATH` wherever the tests run.
    let Some(found) = tools::require("npm package folder", &["node", "tsc", "npm"]) else {
        return;
    };
    let tsc = &found[1];
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-clean");
    let _ = std::fs::remove_dir_all(&work);
    let package = work.join("typescript");
    copy_dir(&repo_root().join("generated/typescript"), &package);
    let git = |args: &[&str]| {
        run(
            &format!("git {}", args.join(" ")),
            Command::new("git")
                .args([
                    "-c",
                    "user.name=antom-tests",
                    "-c",
                    "user.email=antom-tests@example.invalid",
                    "-c",
                    "commit.gpgsign=false",
                    "-c",
                    "core.excludesFile=/dev/null",
                ])
                .args(args)
                .current_dir(&package),
        )
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "the generated package"]);

    npm_build(&package, tsc);
    run(
        "npm pack",
        Command::new("npm")
            .args(["pack", "--ignore-scripts", "--silent"])
            .current_dir(&package),
    );
    write(
        &package.join("node_modules/typescript/package.json"),
        "{ \"name\": \"typescript\", \"version\": \"5.9.3\" }\n",
    );
    write(
        &package.join("package-lock.json"),
        "{ \"lockfileVersion\": 3, \"packages\": {} }\n",
    );

    let status = git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        status.is_empty(),
        "following the README leaves files git does not ignore:\n{status}"
    );
    let ignored = git(&["status", "--porcelain", "--ignored"]);
    let tarball = ignored
        .lines()
        .any(|l| l.starts_with("!! ") && l.ends_with(".tgz"));
    for left in ["!! dist/", "!! node_modules/", "!! package-lock.json"] {
        assert!(
            ignored.lines().any(|l| l == left),
            "`{left}` is not among what git ignores:\n{ignored}"
        );
    }
    assert!(tarball, "no ignored tarball:\n{ignored}");
}
