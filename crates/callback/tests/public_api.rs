//! What the crate promises beyond its types: the README installs this version, and every public
//! enumeration prints with `Display`.

use std::path::Path;

/// The README's install snippet names this crate's major version (its examples are the crate
/// documentation's, run as doc tests).
#[test]
fn the_readme_installs_this_version() {
    let readme = include_str!("../README.md");
    let line = format!("antom-callback = \"{}\"", env!("CARGO_PKG_VERSION_MAJOR"));
    assert!(
        readme.contains(&line),
        "the README's install snippet has `{line}`"
    );
    assert!(
        include_str!("../src/lib.rs").contains("\n#![doc = include_str!(\"../README.md\")]\n"),
        "the README is the crate documentation, so its examples are doc tests"
    );
}

fn rust_sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).expect("source file"));
        }
    }
}

/// Every `pub enum` of the crate (hand-written and generated) has a `Display` implementation.
#[test]
fn every_public_enum_displays() {
    let mut sources = Vec::new();
    rust_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    let mut enums = Vec::new();
    let mut displayed = Vec::new();
    for source in &sources {
        for line in source.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("pub enum ") {
                enums.push(
                    rest.split([' ', '{', '<'])
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                );
            }
            if let Some(at) = line.find("Display for ") {
                let rest = &line[at + "Display for ".len()..];
                displayed.push(
                    rest.split([' ', '{', '<'])
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                );
            }
        }
    }
    for expected in [
        "EventCode",
        "KnownEventCode",
        "Payload",
        "Severity",
        "EventKind",
        "Action",
    ] {
        assert!(
            enums.iter().any(|e| e == expected),
            "found `pub enum {expected}`: {enums:?}"
        );
    }
    let missing: Vec<&String> = enums.iter().filter(|e| !displayed.contains(e)).collect();
    assert!(
        missing.is_empty(),
        "public enums without Display: {missing:?}"
    );
}
