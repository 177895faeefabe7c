//! The pattern corpus: known catastrophic patterns are refused, each for its reason, and every
//! pattern of the real spec (`spec/`), of the fixtures (`tests/cases/*/spec.yaml`) and of the
//! invalid-spec base (`tests/invalid/base.yaml`) is accepted.

use std::path::{Path, PathBuf};

use antom_spec::pattern::check;

/// Patterns that make some backtracking engine (V8, `java.util.regex`, ICU, `regress`) take
/// superlinear time, and a part of the reason lint gives.
const CATASTROPHIC: &[(&str, &str)] = &[
    // Nested quantifiers: exponential.
    ("^(a+)+$", "nested quantifier"),
    ("^(a*)*$", "nested quantifier"),
    ("^(a|b+)*$", "nested quantifier"),
    ("^([a-z]+)*$", "nested quantifier"),
    ("^(?:[0-9]+,?)+$", "nested quantifier"),
    ("^(?:a{1,2})+$", "nested quantifier"),
    ("^((ab)*c)*$", "nested quantifier"),
    ("^(?:(?:a|b)+)?$", "nested quantifier"),
    // Quantified groups whose alternatives overlap: exponential.
    ("^(a|a)*$", "can both start with `a`"),
    ("^(a|ab)*$", "can both start with `a`"),
    ("^(?:[0-9]|1)+$", "can both start with `1`"),
    ("^(?:a|[a-z])*$", "can both start with `a`"),
    ("^(?:[^,]|[^;])*$", "can both start with"),
    ("^(?:ab|ac)*$", "can both start with `a`"),
    ("^(?:x|xy|y)+$", "can both start with `x`"),
    // A repetition that can match empty.
    ("^(|a)*$", "empty string"),
    ("^(?:a|)+$", "empty string"),
    // Adjacent repetitions that overlap: polynomial, or exponential under an outer repetition.
    ("^[0-9]*[0-9]*$", "what follows it can also start with `0`"),
    (
        "^[0-9]+[0-9]+[0-9]+$",
        "what follows it can also start with `0`",
    ),
    ("^a*a*b$", "what follows it can also start with `a`"),
    (
        "^[a-z]*[a-z0-9]*$",
        "what follows it can also start with `a`",
    ),
    ("^[ -~]*x$", "what follows it can also start with `x`"),
    ("^[^x]*[0-9]$", "what follows it can also start with `0`"),
    ("^(?:ab)*a$", "what follows it can also start with `a`"),
    (
        "^[0-9]*(?:[a-z]?[0-9])*$",
        "what follows it can also start with `0`",
    ),
    ("^(?:[a-z]?[0-9])*$", "nested quantifier"),
    (
        "^[0-9]*[a-z]?[0-9]+$",
        "what follows it can also start with `0`",
    ),
    (
        "^(?:[0-9]*|a)[0-9]+$",
        "what follows it can also start with `0`",
    ),
    // Back-references and look-around.
    ("^(a)\\1$", "back-reference"),
    ("^(a*)b\\1$", "back-reference"),
    ("^(?=a)a$", "look-around"),
    ("^(?!b)a$", "look-around"),
    ("^a(?<=a)$", "look-around"),
    ("^a(?<!b)$", "look-around"),
];

#[test]
fn catastrophic_patterns_are_refused_with_their_reason() {
    let mut wrong = Vec::new();
    for (pattern, reason) in CATASTROPHIC {
        match check(pattern) {
            Ok(()) => wrong.push(format!("{pattern}: accepted")),
            Err(e) if !e.message.contains(reason) => {
                wrong.push(format!(
                    "{pattern}: refused for another reason: {}",
                    e.message
                ));
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every string under a `pattern` key, at any depth.
fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("pattern", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn patterns_of(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value: serde_json::Value = serde_saphyr::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
    let mut out = Vec::new();
    collect(&value, &mut out);
    out
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_pattern_of_the_spec_and_the_fixtures_is_accepted() {
    let root = root();
    let mut sources: Vec<PathBuf> = yaml_files(&root.join("spec"));
    let spec_files = sources.len();
    for case in std::fs::read_dir(root.join("tests/cases"))
        .expect("tests/cases")
        .flatten()
    {
        let spec = case.path().join("spec.yaml");
        if spec.is_file() {
            sources.push(spec);
        }
    }
    sources.push(root.join("tests/invalid/base.yaml"));
    let mut count = 0;
    let mut from_spec = 0;
    let mut refused = Vec::new();
    for (i, path) in sources.iter().enumerate() {
        for pattern in patterns_of(path) {
            count += 1;
            if i < spec_files {
                from_spec += 1;
            }
            if let Err(e) = check(&pattern) {
                refused.push(format!("{}: {pattern}: {}", path.display(), e.message));
            }
        }
    }
    assert!(
        from_spec >= 6,
        "the real spec has its patterns ({from_spec} found)"
    );
    assert!(count > from_spec, "the fixtures have patterns");
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}
