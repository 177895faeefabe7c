//! The invalid-spec corpus: every case under `tests/invalid/` fails to load with exactly the
//! problems its `# expect:` lines name, and the text of every problem is snapshot-tested.
//!
//! A case is a file `tests/invalid/<name>.yaml` or a folder `tests/invalid/<name>/` of `.yaml`
//! files (for mistakes that span files). Most case files are edits of one base spec,
//! `tests/invalid/base.yaml` (which loads without problems and is not a case itself), in the
//! format of `tests/diff/`, so a case states only what it breaks:
//!
//! ```yaml
//! # An event code names an action that does not exist.
//! # expect: unknown_action.yaml:27:13: unknown action `retry`
//! edits:
//!   - replace: "    action: no_action\n"
//!     with: "    action: retry\n"
//! ```
//!
//! Each `replace` must occur exactly once in the text its edit applies to. A file whose first
//! line that is neither a comment nor blank is not `edits:` is a whole spec file, for what edits
//! cannot express (an empty file, bytes that are not UTF-8, the second file of a folder case).
//! Adding a case is adding a file or a folder; no Rust changes. Files are handed to the loader
//! as `<name>.yaml` or `<name>/<file>.yaml` (an edit file as the edited base), and each case
//! states what the loader must report in comment lines of any of its files:
//!
//! ```yaml
//! # expect: <file>:<line>:<col>: <substring of the message>
//! ```
//!
//! Positions are those of the file the loader reads. Every expectation must match a reported
//! problem (same place, message containing the substring), and every reported problem must be
//! matched by an expectation, so a case shows one mistake and nothing else.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use antom_spec::{Problem, SourceFile};

/// One corpus case, read from disk.
struct Case {
    name: String,
    files: Vec<SourceFile>,
    expects: Vec<Expect>,
}

/// One `# expect:` line.
struct Expect {
    file: String,
    line: u32,
    column: u32,
    substring: String,
    /// The line as written, for messages.
    text: String,
}

impl Expect {
    fn matches(&self, p: &Problem) -> bool {
        p.file == self.file
            && p.line == self.line
            && p.column == self.column
            && p.message.contains(&self.substring)
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("invalid")
}

const EXPECT: &str = "# expect:";

/// The spec that edit cases start from; not a case.
const BASE: &str = "base.yaml";

fn base_spec() -> String {
    let path = corpus_dir().join(BASE);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The edits of one case file, as in `tests/diff/`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EditFile {
    edits: Vec<Edit>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    replace: String,
    with: String,
}

/// Whether `text` is a list of edits: its first line that is neither a comment nor blank is
/// `edits:`.
fn is_edit_file(text: &str) -> bool {
    text.lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l == "edits:" || l.starts_with("edits: "))
}

/// The text the loader reads for the case file `bytes`: the base with its edits applied when it
/// is an edit file, else the bytes themselves.
fn spec_bytes(bytes: Vec<u8>, base: &str) -> Result<Vec<u8>, String> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(bytes);
    };
    if !is_edit_file(text) {
        return Ok(bytes);
    }
    let file: EditFile =
        serde_saphyr::from_str(text).map_err(|e| format!("the edits do not parse: {e}"))?;
    let mut spec = base.to_owned();
    for (i, edit) in file.edits.iter().enumerate() {
        let found = spec.matches(edit.replace.as_str()).count();
        if edit.replace.is_empty() || found != 1 {
            return Err(format!(
                "edit {} replaces text found {found} times in what it applies to; it must occur exactly once: {:?}",
                i + 1,
                edit.replace
            ));
        }
        spec = spec.replacen(edit.replace.as_str(), &edit.with, 1);
    }
    Ok(spec.into_bytes())
}

/// Parses `<file>:<line>:<col>: <substring>` after the `# expect:` marker.
fn parse_expect(line: &str) -> Result<Expect, String> {
    let rest = line
        .trim_start()
        .strip_prefix(EXPECT)
        .ok_or("not an expectation")?
        .trim();
    let mut parts = rest.splitn(4, ':');
    let (Some(file), Some(l), Some(c), Some(substring)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!(
            "`{line}` is not `{EXPECT} <file>:<line>:<col>: <substring>`"
        ));
    };
    if substring.trim().is_empty() {
        return Err(format!(
            "`{line}` has no message substring: quote the part of the message that says what is wrong"
        ));
    }
    let number = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{line}`: `{s}` is not a line or column number"))
    };
    Ok(Expect {
        file: file.trim().to_owned(),
        line: number(l)?,
        column: number(c)?,
        substring: substring.trim().to_owned(),
        text: line.trim().to_owned(),
    })
}

/// Reads one case; `Err` says what is wrong with the case itself (not with the spec).
fn read_case(path: &Path, base: &str) -> Result<Case, String> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("the name is not UTF-8")?;
    let (name, files) = if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| format!("cannot read the folder: {e}"))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("cannot read the folder: {e}"))?;
        entries.sort();
        let mut files = Vec::new();
        for entry in entries {
            let entry_name = entry
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if !entry.is_file() || !entry_name.ends_with(".yaml") {
                return Err(format!(
                    "`{entry_name}` is not a `.yaml` file; a case folder holds only spec files"
                ));
            }
            let bytes = fs::read(&entry).map_err(|e| format!("cannot read {entry_name}: {e}"))?;
            files.push((format!("{file_name}/{entry_name}"), bytes));
        }
        if files.is_empty() {
            return Err("the folder holds no `.yaml` file".to_owned());
        }
        (file_name.to_owned(), files)
    } else if let Some(name) = file_name.strip_suffix(".yaml") {
        let bytes = fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
        (name.to_owned(), vec![(file_name.to_owned(), bytes)])
    } else {
        return Err("not a case: a case is a `<name>.yaml` file or a `<name>/` folder".to_owned());
    };
    let mut expects = Vec::new();
    for (_, bytes) in &files {
        // Lossy: the non-UTF-8 case keeps its expectation in the ASCII part before the bad byte.
        for line in String::from_utf8_lossy(bytes).lines() {
            if line.trim_start().starts_with(EXPECT) {
                let expect = parse_expect(line)?;
                if !files.iter().any(|(path, _)| *path == expect.file) {
                    return Err(format!(
                        "`{}` names `{}`, which is not a file of this case",
                        expect.text, expect.file
                    ));
                }
                expects.push(expect);
            }
        }
    }
    if expects.is_empty() {
        return Err(format!(
            "no `{EXPECT} <file>:<line>:<col>: <substring>` line: say what the loader must report"
        ));
    }
    let files = files
        .into_iter()
        .map(|(path, bytes)| {
            spec_bytes(bytes, base)
                .map(|bytes| SourceFile::new(path.clone(), bytes))
                .map_err(|e| format!("{path}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    Ok(Case {
        name,
        files,
        expects,
    })
}

/// Every case of the corpus, sorted by name. Panics naming each malformed case.
fn corpus() -> Vec<Case> {
    let dir = corpus_dir();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    paths.retain(|p| !p.ends_with(BASE));
    paths.sort();
    let base = base_spec();
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_case(&path, &base) {
            Ok(case) => cases.push(case),
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        errors.is_empty(),
        "malformed invalid-spec cases:\n{}",
        errors.join("\n")
    );
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// What is wrong with a case's result, if anything.
fn check_case(case: &Case) -> Option<String> {
    let problems = match antom_codegen::load(&case.files) {
        Ok(_) => return Some("loaded without any problem, but it is an invalid spec".to_owned()),
        Err(problems) => problems.0,
    };
    let mut out = String::new();
    for expect in &case.expects {
        if !problems.iter().any(|p| expect.matches(p)) {
            let _ = writeln!(out, "  missing:    {}", expect.text);
        }
    }
    for problem in &problems {
        if !case.expects.iter().any(|e| e.matches(problem)) {
            let _ = writeln!(out, "  unexpected: {problem}");
        }
    }
    if out.is_empty() {
        return None;
    }
    let _ = writeln!(out, "  reported:");
    for problem in &problems {
        let _ = writeln!(out, "    {problem}");
    }
    Some(out)
}

#[test]
fn corpus_has_cases() {
    let cases = corpus();
    assert!(
        cases.len() >= 32,
        "the invalid-spec corpus has {} cases; it should cover every kind of mistake",
        cases.len()
    );
}

#[test]
fn every_invalid_spec_reports_what_it_expects() {
    let failures: Vec<String> = corpus()
        .iter()
        .filter_map(|case| check_case(case).map(|why| format!("case `{}`:\n{why}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} invalid-spec case(s) in tests/invalid/ did not report what their `# expect:` lines say \
         (every expectation must match a problem, and every problem an expectation):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every message is one line, without control characters, and speaks of the spec: no Rust type
/// or parser internals.
#[test]
fn every_message_is_one_line_for_people() {
    const INTERNALS: [&str; 8] = [
        "Option<",
        "budget breached",
        "u64",
        "i64",
        "struct ",
        "Spanned",
        "Sp<",
        "mapping start",
    ];
    let mut bad = Vec::new();
    for case in corpus() {
        let Err(problems) = antom_codegen::load(&case.files) else {
            continue;
        };
        for problem in &problems.0 {
            let m = &problem.message;
            if m.contains(|c: char| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
                || INTERNALS.iter().any(|i| m.contains(i))
            {
                bad.push(format!("{}: {problem:?}", case.name));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "messages not fit for people:\n{}",
        bad.join("\n")
    );
}

#[test]
fn problem_texts() {
    let mut text = String::new();
    for case in corpus() {
        let _ = writeln!(text, "## {}", case.name);
        match antom_codegen::load(&case.files) {
            Ok(_) => {
                let _ = writeln!(text, "(no problem)");
            }
            Err(problems) => {
                for problem in &problems.0 {
                    let _ = writeln!(text, "{problem}");
                }
            }
        }
        text.push('\n');
    }
    insta::assert_snapshot!("problem_texts", text);
}

#[test]
fn expectation_lines_parse() {
    let e = parse_expect("# expect: a/b.yaml:3:14: unknown source `x`: define it").expect("parses");
    assert_eq!(
        (e.file.as_str(), e.line, e.column, e.substring.as_str()),
        ("a/b.yaml", 3, 14, "unknown source `x`: define it")
    );
    assert!(parse_expect("# expect: a.yaml:3: no column").is_err());
    assert!(parse_expect("# expect: a.yaml:x:1: bad line").is_err());
    assert!(
        parse_expect("# expect: a.yaml:1:1:").is_err(),
        "an empty substring would match any message"
    );
}

#[test]
fn malformed_cases_are_rejected() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("invalid_specs_malformed");
    let _ = fs::remove_dir_all(&dir);
    let empty = dir.join("empty_case");
    fs::create_dir_all(&empty).expect("create temp folder");
    let err = read_case(&empty, "")
        .err()
        .expect("an empty folder is not a case");
    assert!(err.contains("no `.yaml` file"), "{err}");

    let silent = dir.join("silent.yaml");
    fs::write(&silent, "package:\n  name: x\n").expect("write temp file");
    let err = read_case(&silent, "")
        .err()
        .expect("a case without expectation is rejected");
    assert!(err.contains("no `# expect:"), "{err}");

    let elsewhere = dir.join("elsewhere.yaml");
    fs::write(&elsewhere, "# expect: other.yaml:1:1: x\n").expect("write temp file");
    let err = read_case(&elsewhere, "")
        .err()
        .expect("an expectation for another file is rejected");
    assert!(err.contains("not a file of this case"), "{err}");

    let base = "a: 1\nb: 1\n";
    for (name, edits, why) in [
        (
            "absent",
            "  - replace: \"c: 1\"\n    with: \"c: 2\"",
            "found 0 times",
        ),
        (
            "twice",
            "  - replace: \": 1\"\n    with: \": 2\"",
            "found 2 times",
        ),
        ("empty", "  - replace: \"\"\n    with: \"c: 2\"", "found"),
        (
            "misspelt",
            "  - replace: \"a: 1\"\n    width: \"a: 2\"",
            "do not parse",
        ),
    ] {
        let path = dir.join(format!("{name}.yaml"));
        let text = format!("# expect: {name}.yaml:1:1: x\nedits:\n{edits}\n");
        fs::write(&path, text).expect("write temp file");
        let err = read_case(&path, base)
            .err()
            .unwrap_or_else(|| panic!("the edit case `{name}` is rejected"));
        assert!(err.contains(why), "{name}: {err}");
    }
    let applied = dir.join("applied.yaml");
    fs::write(
        &applied,
        "# expect: applied.yaml:1:1: x\nedits:\n  - replace: \"b: 1\"\n    with: \"b: 2\"\n",
    )
    .expect("write temp file");
    let case = read_case(&applied, base).expect("an edit case");
    assert_eq!(case.files[0].bytes, b"a: 1\nb: 2\n");
    let _ = fs::remove_dir_all(&dir);
}

/// Edit cases fail only by their edits.
#[test]
fn base_spec_loads_without_problems() {
    let files = [SourceFile::new(BASE, base_spec().into_bytes())];
    if let Err(problems) = antom_codegen::load(&files) {
        panic!("tests/invalid/{BASE} has problems:\n{problems}");
    }
}

#[test]
fn real_spec_loads_without_problems() {
    let dir = workspace_root().join("spec");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "{} holds no .yaml file", dir.display());
    let files: Vec<SourceFile> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            SourceFile::new(
                format!("spec/{name}"),
                fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())),
            )
        })
        .collect();
    if let Err(problems) = antom_codegen::load(&files) {
        panic!("the real spec has problems:\n{problems}");
    }
}
