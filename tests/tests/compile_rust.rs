//! The Rust output of every fixture case and of the random specs of
//! `antom_tests::random_spec` compiles, with warnings denied, next to the hand-written runtime
//! of `antom-callback` (the real spec's output is compiled as that crate). One `cargo check`
//! builds them all, as members of one scratch workspace.

use std::path::Path;
use std::process::Command;

use antom_codegen::Target;
use antom_tests::{load_spec, random_spec, repo_root};

const RUNTIME: &[&str] = &["json.rs", "meta.rs", "validate.rs"];

#[test]
fn fixture_rust_output_compiles() {
    let root = repo_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rust-fixtures");
    let _ = std::fs::remove_dir_all(scratch.join("cases"));
    let mut cases: Vec<_> = std::fs::read_dir(root.join("tests/cases"))
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut specs: Vec<(String, antom_spec::Spec)> = cases
        .iter()
        .map(|case| {
            let name = case.file_name().unwrap_or_default().to_string_lossy();
            (format!("case_{name}"), load_spec(case))
        })
        .collect();
    specs.extend(random_spec::load_all());
    let mut members = Vec::new();
    for (name, spec) in &specs {
        let name = name.replace('-', "_");
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
            "//! Fixture build.\n#![allow(dead_code)]\nmod generated;\nmod json;\npub mod meta;\npub mod validate;\npub use generated::*;\n",
        )
        .expect("lib.rs");
        for (_, files) in antom_codegen::generate(spec, &[Target::Rust]) {
            for f in files {
                std::fs::write(src.join("generated").join(&f.path), f.contents)
                    .expect("generated file");
            }
        }
        members.push(format!("\"cases/{name}\""));
    }
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
    let output = Command::new(cargo)
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
}
