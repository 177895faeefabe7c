//! The loader on random input: every random spec of `antom_tests::random_spec` loads and keeps
//! its texts byte for byte through YAML; arbitrary text, arbitrary bytes and near-valid specs
//! (random specs with lines deleted, duplicated, swapped, re-indented or replaced by YAML
//! oddities) never panic the loader, which returns either a spec or problems that each point
//! at a line and column of the file they name.
//!
//! The fuzz target `fuzz/fuzz_targets/loader.rs` checks the same property on bytes, with
//! coverage guidance, when run by `cargo xtask fuzz loader`; these properties run with every
//! test run.

use antom_spec::SourceFile;
use antom_tests::random_spec;
use proptest::prelude::*;

#[test]
fn every_random_spec_loads_and_keeps_its_texts() {
    let mut failures = Vec::new();
    let mut texts = 0;
    for seed in 0..random_spec::COUNT as u64 {
        let random = random_spec::generate(seed);
        texts += random.texts.len();
        if let Err(e) = random.load() {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        texts >= 20 * random_spec::COUNT,
        "only {texts} texts in {} specs",
        random_spec::COUNT
    );
}

#[test]
fn the_yaml_round_trip_check_catches_a_changed_text() {
    let mut random = random_spec::generate(1);
    random.texts[0].push('!');
    let error = random
        .load()
        .expect_err("a text that was not written is missed");
    assert!(
        error.contains("texts do not survive YAML") && error.contains("seed 1"),
        "{error}"
    );
}

/// Loads `files` and checks the loader's contract: a spec, or problems that each name one of
/// the files and a line and column inside it.
fn check_load(files: &[SourceFile]) -> Result<(), TestCaseError> {
    let Err(problems) = antom_codegen::load(files) else {
        return Ok(());
    };
    prop_assert!(!problems.0.is_empty(), "an error without problems");
    for p in &problems.0 {
        let file = files.iter().find(|f| f.path == p.file);
        prop_assert!(file.is_some(), "`{p}` names no file that was loaded");
        // YAML breaks lines at LF, CRLF and a lone CR.
        let lines = file.map_or(0, |f| {
            let text = String::from_utf8_lossy(&f.bytes).replace("\r\n", "\n");
            text.split(['\n', '\r']).count()
        });
        prop_assert!(
            p.line >= 1 && p.column >= 1 && p.line as usize <= lines.max(1),
            "`{p}` points outside its file of {lines} lines"
        );
        prop_assert!(!p.message.trim().is_empty(), "`{p}` says nothing");
        let shown = p.to_string();
        prop_assert!(
            shown.starts_with(&format!("{}:{}:{}: ", p.file, p.line, p.column)),
            "`{shown}` is not `file:line:col: message`"
        );
    }
    Ok(())
}

/// Things YAML reads specially, put where a value or a line was.
const ODDITIES: &[&str] = &[
    "",
    "~",
    "null",
    "[",
    "]",
    "{",
    "}",
    "{a: [",
    "[a, {b: c}]",
    "&a x",
    "*a",
    "*undefined",
    "&a [*a]",
    "!!binary aGVsbG8=",
    "!custom x",
    "!!int x",
    "<<: *a",
    "? complex",
    "- item",
    "|",
    "|0",
    ">-",
    "|9-",
    "'unclosed",
    "\"unclosed",
    "\"\\x\"",
    "\"\\uD800\"",
    "\"\\U00110000\"",
    "\"\\q\"",
    "0x1F",
    "0o17",
    "1e999",
    "-.inf",
    ".nan",
    "99999999999999999999999",
    "-1",
    "4294967296",
    "18446744073709551616",
    "yes",
    "---",
    "...",
    "%YAML 1.2",
    "%TAG ! tag:x,2000:",
    "#",
    "\t",
    "\u{feff}",
    "\u{0}",
    "\r",
    "key: value: other",
    "a: &a [x, x, x, x, x, x, x, x, x]",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    /// Adds (or removes, when negative) leading spaces, or puts a tab first.
    Indent(usize, i8),
    /// Replaces what follows the line's first `: ` (or the whole line) with an oddity or text.
    Value(usize, String),
    Insert(usize, String),
    /// Inserts a character at a byte offset (rounded down to a character boundary).
    Char(usize, char),
    Truncate(usize),
}

fn oddity() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(ODDITIES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(Mutation::Delete),
        at.prop_map(Mutation::Duplicate),
        (at, at).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (at, -4i8..=4).prop_map(|(a, d)| Mutation::Indent(a, d)),
        (at, oddity()).prop_map(|(a, v)| Mutation::Value(a, v)),
        (at, oddity()).prop_map(|(a, v)| Mutation::Insert(a, v)),
        (at, any::<char>()).prop_map(|(a, c)| Mutation::Char(a, c)),
        at.prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let n = lines.len();
    match m {
        Mutation::Delete(i) => {
            lines.remove(i % n);
        }
        Mutation::Duplicate(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::Swap(a, b) => lines.swap(a % n, b % n),
        Mutation::Indent(i, d) => {
            let line = &mut lines[i % n];
            if *d > 0 {
                line.insert_str(0, &" ".repeat(*d as usize));
            } else if *d == 0 {
                line.insert(0, '\t');
            } else {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                line.drain(..spaces.min(d.unsigned_abs() as usize));
            }
        }
        Mutation::Value(i, v) => {
            let line = &mut lines[i % n];
            *line = match line.split_once(": ") {
                Some((key, _)) => format!("{key}: {v}"),
                None => v.clone(),
            };
        }
        Mutation::Insert(i, v) => {
            let indent = " ".repeat(i % 7);
            lines.insert(i % (n + 1), format!("{indent}{v}"));
        }
        Mutation::Char(at, c) => {
            let mut joined = lines.join("\n");
            let mut at = at % (joined.len() + 1);
            while !joined.is_char_boundary(at) {
                at -= 1;
            }
            joined.insert(at, *c);
            return joined;
        }
        Mutation::Truncate(at) => {
            let joined = lines.join("\n");
            let mut at = at % (joined.len() + 1);
            while !joined.is_char_boundary(at) {
                at -= 1;
            }
            return joined[..at].to_owned();
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in any::<String>()) {
        check_load(&[SourceFile::new("spec/any.yaml", text)])?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_load(&[SourceFile::new("spec/bytes.yaml", bytes)])?;
    }

    #[test]
    fn near_valid_specs_never_panic_the_loader(
        seed in 0..random_spec::COUNT as u64,
        file in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut files = random_spec::generate(seed).files;
        let i = file % files.len();
        let mut text = String::from_utf8_lossy(&files[i].bytes).into_owned();
        for m in &mutations {
            text = apply(&text, m);
        }
        files[i] = SourceFile::new(files[i].path.clone(), text);
        check_load(&files)?;
    }
}
