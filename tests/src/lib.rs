//! Helpers shared by the cross-crate tests: where the repository is, and how to read a spec.

use std::path::{Path, PathBuf};

use antom_spec::{SourceFile, Spec};

pub mod api;
pub mod arbitrary_json;
pub mod batch;
pub mod random_spec;
pub mod readback;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Reads every `.yaml` file of a folder, named `<folder name>/<file>` in messages.
pub fn read_spec_files(dir: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = format!(
                "{}/{}",
                dir.file_name().unwrap_or_default().to_string_lossy(),
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            SourceFile::new(
                name,
                std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())),
            )
        })
        .collect()
}

/// The folders directly under `parent` (relative to the repository root), sorted, each with
/// its name.
pub fn subfolders(parent: &str) -> Vec<(String, PathBuf)> {
    let dir = repo_root().join(parent);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let name = d
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, d)
        })
        .collect()
}

/// The fixture cases: every folder under `tests/cases/`, sorted, with its name.
pub fn fixture_cases() -> Vec<(String, PathBuf)> {
    let cases = subfolders("tests/cases");
    assert!(cases.len() >= 2, "expected fixture cases under tests/cases");
    cases
}

/// Loads a spec folder that must be valid.
pub fn load_spec(dir: &Path) -> Spec {
    antom_codegen::load(&read_spec_files(dir))
        .unwrap_or_else(|p| panic!("{} has problems:\n{p}", dir.display()))
}

/// The repository's own spec.
pub fn repo_spec() -> Spec {
    load_spec(&repo_root().join("spec"))
}

/// External toolchains (Node.js, `tsc`, `kotlinc`, ajv) that some tests drive.
///
/// `cargo xtask test` installs them into `tools/node_modules` and sets `ANTOM_REQUIRE_TOOLS=1`, so
/// a missing tool fails the run. Under plain `cargo test` a missing tool skips its check with a
/// loud message on stderr.
pub mod tools {
    use std::path::PathBuf;

    use super::repo_root;

    fn on_path(name: &str) -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    }

    /// Where a tool lives: `node`, `java`, `npm`, `clang`, `gnustep-config` on PATH; `tsc`, `kotlinc` and `ajv` under `tools/`.
    pub fn locate(name: &str) -> Option<PathBuf> {
        let modules = repo_root().join("tools/node_modules");
        let path = match name {
            "node" | "java" | "npm" | "clang" | "gnustep-config" => return on_path(name),
            "tsc" => modules.join(".bin/tsc"),
            "kotlinc" => modules.join("kotlin-compiler/bin/kotlinc"),
            "ajv" => modules.join("ajv/package.json"),
            other => modules.join(".bin").join(other),
        };
        path.exists().then_some(path)
    }

    /// The tools a check needs, or `None` after saying loudly that the check is skipped.
    /// Panics instead when `ANTOM_REQUIRE_TOOLS` is set.
    pub fn require(check: &str, names: &[&str]) -> Option<Vec<PathBuf>> {
        let found: Vec<Option<PathBuf>> = names.iter().map(|n| locate(n)).collect();
        let missing: Vec<&str> = names
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(n, _)| *n)
            .collect();
        if missing.is_empty() {
            return Some(found.into_iter().flatten().collect());
        }
        let message = format!(
            "SKIPPED: {check}: {} not installed (run `cargo xtask test`, which installs it)",
            missing.join(", ")
        );
        if std::env::var_os("ANTOM_REQUIRE_TOOLS").is_some() {
            panic!("{message}");
        }
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        None
    }
}

/// The Swift toolchain: `swift` 5.9 or later on `PATH`, else the Debian root that `cargo xtask
/// test` (`xtask/src/swift.rs`) makes in a cache folder, where every command runs through
/// `chroot` with `/proc` and the caller's scratch folder mounted in a private mount namespace.
pub mod swift {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// The marker that `xtask/src/swift.rs` writes last into a finished root.
    const MARKER: &str = ".antom-swift-ready";
    /// Where the Swift tools are inside the root.
    const SWIFT_BIN: &str = "/usr/libexec/swift/bin";
    /// Where the scratch folder is seen inside the root.
    const WORK: &str = "/work";

    /// Where `swift` runs.
    #[derive(Debug, Clone)]
    pub enum Toolchain {
        /// `swift` on `PATH`.
        OnPath,
        /// A Debian root with `swiftlang` installed.
        Root(PathBuf),
    }

    /// The version of the `swift` on `PATH`, when it is 5.9 or later.
    fn on_path() -> Option<String> {
        let out = Command::new("swift").arg("--version").output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let version = text.split("Swift version ").nth(1)?;
        let mut numbers = version
            .split(|c: char| !c.is_ascii_digit())
            .map(|n| n.parse::<u32>().ok());
        let (major, minor) = (numbers.next()??, numbers.next()??);
        ((major, minor) >= (5, 9)).then_some(text)
    }

    /// `ANTOM_SWIFT_ROOT`, else `antom/swift-6.0.3` in the user's cache folder (the place
    /// `xtask/src/swift.rs` makes it).
    pub fn root_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("ANTOM_SWIFT_ROOT") {
            return Some(PathBuf::from(dir));
        }
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(cache.join("antom/swift-6.0.3"))
    }

    /// The toolchain, or `None` after saying loudly that the Swift checks are skipped. Panics
    /// instead when `ANTOM_REQUIRE_TOOLS` is set.
    pub fn find() -> Option<Toolchain> {
        if on_path().is_some() {
            return Some(Toolchain::OnPath);
        }
        let root = root_dir();
        let ready =
            |root: &Option<PathBuf>| root.as_ref().filter(|r| r.join(MARKER).is_file()).cloned();
        if let Some(root) = ready(&root) {
            return Some(Toolchain::Root(root));
        }
        // Where it can be made (as root on Debian or Ubuntu), make it as `cargo xtask test` does.
        if can_provision() {
            eprintln!(
                "Swift: no toolchain yet; making one with `cargo xtask swift` (about a minute)"
            );
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
            let made = Command::new(cargo)
                .args(["xtask", "swift"])
                .current_dir(super::repo_root())
                .status()
                .is_ok_and(|s| s.success());
            if let Some(root) = ready(&root).filter(|_| made) {
                return Some(Toolchain::Root(root));
            }
        }
        let message = format!(
            "SKIPPED: Swift target: no `swift` 5.9 or later on PATH and no Swift root at {} \
             (run `cargo xtask test` or `cargo xtask swift` as root on Debian, which install it)",
            root.map_or_else(
                || "$HOME/.cache/antom".to_owned(),
                |r| r.display().to_string()
            )
        );
        if std::env::var_os("ANTOM_REQUIRE_TOOLS").is_some() {
            panic!("{message}");
        }
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        None
    }

    /// Whether `cargo xtask swift` can make a root here: running as root where `apt-get` is.
    fn can_provision() -> bool {
        let root_user = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        root_user && Path::new("/etc/debian_version").is_file()
    }

    impl Toolchain {
        /// How a command of this toolchain sees `path`, a path inside `scratch`.
        pub fn sees(&self, scratch: &Path, path: &Path) -> PathBuf {
            match self {
                Toolchain::OnPath => path.to_path_buf(),
                Toolchain::Root(_) => {
                    Path::new(WORK).join(path.strip_prefix(scratch).unwrap_or(path))
                }
            }
        }

        /// A command that runs `argv` (`swift ...`, or a program built under `scratch`, named as
        /// [`Toolchain::sees`] it) with only `env` and what Swift needs in its environment.
        /// `scratch` is the folder every path of the command is in.
        pub fn command(
            &self,
            scratch: &Path,
            argv: &[OsString],
            env: &[(&str, OsString)],
        ) -> Command {
            match self {
                Toolchain::OnPath => {
                    let mut cmd = Command::new(&argv[0]);
                    cmd.args(&argv[1..]).current_dir(scratch);
                    for (k, v) in env {
                        cmd.env(k, v);
                    }
                    cmd
                }
                Toolchain::Root(root) => {
                    // The mounts live in a mount namespace of their own and end with it: nothing
                    // is left mounted under the root, whatever happens to the command.
                    let mut cmd = Command::new("unshare");
                    cmd.args(["--mount", "--fork", "--", "sh", "-c"])
                        .arg(
                            "set -e; root=$1; mount -t proc proc \"$root/proc\"; \
                             mount --bind \"$2\" \"$root/work\"; shift 2; \
                             exec chroot \"$root\" /usr/bin/env -i \"$@\"",
                        )
                        .arg("sh")
                        .arg(root)
                        .arg(scratch)
                        .arg(format!("PATH={SWIFT_BIN}:/usr/bin:/bin"))
                        .args(["HOME=/root", "LANG=C.UTF-8"]);
                    for (k, v) in env {
                        let mut pair = OsString::from(format!("{k}="));
                        pair.push(v);
                        cmd.arg(pair);
                    }
                    cmd.args(argv);
                    cmd
                }
            }
        }
    }
}

/// Conformance vectors: `tests/vectors/<name>.json`, each a payload and its expected verdict.
pub mod vectors {
    use serde_json::Value;

    use super::repo_root;

    /// One expected issue: JSON pointer, rule and severity (`error` or `warning`).
    pub type Expected = (String, String, String);

    /// One issue with its message: JSON pointer, rule, severity and message.
    pub type Words = (String, String, String, String);

    /// A payload with the verdict every validator must give.
    #[derive(Debug, Clone)]
    pub struct Vector {
        pub name: String,
        /// The payload as a parsed value (for a repeated key, the last value).
        pub payload: Value,
        /// `payload_text`: JSON text that a parsed value cannot show (a repeated key); the
        /// validators that read text validate it, and must read it as `payload`.
        pub payload_text: Option<String>,
        /// `never_shown`: strings that no message or pointer of any validator may contain.
        pub never_shown: Vec<String>,
        /// Sorted.
        pub expect: Vec<Expected>,
        /// The expected issues with their messages, sorted, when the vector gives a `message`
        /// for each (every runtime's messages must be these, word for word).
        pub messages: Option<Vec<Words>>,
    }

    /// The Rust report on a vector: from its text when it has one (one `invalid_json` issue when
    /// it is not JSON), else from its value.
    pub fn report(v: &Vector) -> antom_callback::Report {
        match &v.payload_text {
            Some(text) => antom_callback::validate_text(text).map_or_else(|e| e.report(), |r| r.1),
            None => antom_callback::validate(&v.payload),
        }
    }

    /// The Rust verdict on a vector, sorted, in the vectors' form.
    pub fn verdict_of(v: &Vector) -> Vec<Expected> {
        sorted(&report(v))
    }

    /// A report's issues with their messages, sorted.
    pub fn words_of(report: &antom_callback::Report) -> Vec<Words> {
        let mut issues = words(report);
        issues.sort();
        issues
    }

    /// Each vector on which a runner's issues (`issues[]` of its output, with their messages)
    /// are not the Rust validator's, message for message: the runtimes' messages are one text.
    pub fn message_disagreements(runner_output: &str, vectors: &[Vector]) -> Vec<String> {
        let rows = parse_runner_words(runner_output);
        if rows.len() != vectors.len() {
            return vec![format!(
                "the runner reported {} verdicts for {} vectors",
                rows.len(),
                vectors.len()
            )];
        }
        let mut found = Vec::new();
        for ((_, got), vector) in rows.iter().zip(vectors) {
            let mut got = got.clone();
            got.sort();
            let want = words_of(&report(vector));
            if got != want {
                let differ: Vec<String> = want
                    .iter()
                    .filter(|w| !got.contains(w))
                    .map(|w| format!("\n  Rust:   {}: {} [{}]", w.0, w.3, w.1))
                    .chain(
                        got.iter()
                            .filter(|g| !want.contains(g))
                            .map(|g| format!("\n  runner: {}: {} [{}]", g.0, g.3, g.1)),
                    )
                    .collect();
                found.push(format!("{}:{}", vector.name, differ.concat()));
            }
        }
        found
    }

    pub(crate) fn sorted(report: &antom_callback::Report) -> Vec<Expected> {
        let mut issues: Vec<Expected> = report
            .issues
            .iter()
            .map(|i| {
                (
                    i.path().to_owned(),
                    i.rule().to_owned(),
                    i.severity().as_str().to_owned(),
                )
            })
            .collect();
        issues.sort();
        issues
    }

    /// Each message or pointer of a runner's output (`issues[].message`, `issues[].path`) that
    /// shows a vector's `never_shown` string, as `name: message` or `name: pointer`.
    pub fn leaks(runner_output: &str, vectors: &[Vector]) -> Vec<String> {
        let v: Value = serde_json::from_str(runner_output).unwrap_or(Value::Null);
        let mut found = Vec::new();
        for r in v.as_array().into_iter().flatten() {
            let name = r.get("name").and_then(Value::as_str).unwrap_or_default();
            let Some(vector) = vectors.iter().find(|v| v.name == name) else {
                continue;
            };
            for issue in r
                .get("issues")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let message = issue.get("message").and_then(Value::as_str);
                let Some(message) = message else {
                    found.push(format!(
                        "{name}: the runner printed an issue without its message"
                    ));
                    continue;
                };
                if vector
                    .never_shown
                    .iter()
                    .any(|s| message.contains(s.as_str()))
                {
                    found.push(format!("{name}: {message}"));
                }
                let path = issue
                    .get("path")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if vector.never_shown.iter().any(|s| path.contains(s.as_str())) {
                    found.push(format!("{name}: {path}"));
                }
            }
        }
        found
    }

    /// The Rust validator's verdict on `payload`, sorted, in the vectors' form.
    pub fn verdict(payload: &Value) -> Vec<Expected> {
        sorted(&antom_callback::validate(payload))
    }

    /// A text vector (`tests/vectors/text/<name>.json`): JSON text, mostly not JSON at all, and
    /// the issues, message for message, that every validator of text must give for it.
    #[derive(Debug, Clone)]
    pub struct TextVector {
        pub name: String,
        /// `payload_text`.
        pub text: String,
        /// `expect`, in order, each with its `message`.
        pub expect: Vec<Words>,
    }

    /// Each `.json` file of the repository folder `rel` (not its subfolders), sorted by name:
    /// its name without the extension, and its contents.
    fn json_files(rel: &str) -> Vec<(String, Value)> {
        let dir = repo_root().join(rel);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let name = p
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{name}: {e}"));
                let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
                (name, v)
            })
            .collect()
    }

    /// Every text vector, sorted by name.
    pub fn load_texts() -> Vec<TextVector> {
        json_files("tests/vectors/text")
            .into_iter()
            .map(|(name, v)| {
                let payload_text = v
                    .get("payload_text")
                    .and_then(Value::as_str)
                    .unwrap_or_else(|| panic!("{name}: no payload_text string"))
                    .to_owned();
                let expect = v
                    .get("expect")
                    .and_then(Value::as_array)
                    .unwrap_or_else(|| panic!("{name}: no expect list"))
                    .iter()
                    .map(|i| {
                        let field = |k: &str| {
                            i.get(k)
                                .and_then(Value::as_str)
                                .unwrap_or_else(|| panic!("{name}: issue without {k}"))
                                .to_owned()
                        };
                        (
                            field("path"),
                            field("rule"),
                            field("severity"),
                            field("message"),
                        )
                    })
                    .collect();
                TextVector {
                    name,
                    text: payload_text,
                    expect,
                }
            })
            .collect()
    }

    /// A report's issues with their words, in order.
    pub fn words(report: &antom_callback::Report) -> Vec<Words> {
        report
            .issues
            .iter()
            .map(|i| {
                (
                    i.path().to_owned(),
                    i.rule().to_owned(),
                    i.severity().as_str().to_owned(),
                    i.message().to_owned(),
                )
            })
            .collect()
    }

    /// A runner's output (`[{"name", "issues": [{"path", "rule", "severity", "message"}]}]`) as
    /// each name with its issues' words, in the runner's order.
    pub fn parse_runner_words(text: &str) -> Vec<(String, Vec<Words>)> {
        let v: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("runner output is not JSON ({e}):\n{text}"));
        v.as_array()
            .unwrap_or_else(|| panic!("runner output is not an array:\n{text}"))
            .iter()
            .map(|r| {
                let s = |v: &Value, k: &str| {
                    v.get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                let issues = r
                    .get("issues")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|i| {
                        (
                            s(i, "path"),
                            s(i, "rule"),
                            s(i, "severity"),
                            s(i, "message"),
                        )
                    })
                    .collect();
                (s(r, "name"), issues)
            })
            .collect()
    }

    /// Each text vector whose words in a runner's output (`parse_runner_words`) differ from the
    /// vector's, and each vector the output lacks, as lines naming `who`.
    pub fn text_disagreements(who: &str, output: &str, vectors: &[TextVector]) -> Vec<String> {
        let got = parse_runner_words(output);
        let mut out = Vec::new();
        for v in vectors {
            match got.iter().find(|(name, _)| *name == v.name) {
                Some((_, issues)) if *issues == v.expect => {}
                Some((_, issues)) => out.push(format!(
                    "{who} on {}: expected {:?}, got {issues:?}",
                    v.name, v.expect
                )),
                None => out.push(format!("{who}: no verdict on {}", v.name)),
            }
        }
        out
    }

    /// Every vector, sorted by name.
    pub fn load() -> Vec<Vector> {
        json_files("tests/vectors")
            .into_iter()
            .map(|(name, v)| {
                let payload = v
                    .get("payload")
                    .cloned()
                    .unwrap_or_else(|| panic!("{name}: no payload"));
                let issues = v
                    .get("expect")
                    .and_then(Value::as_array)
                    .unwrap_or_else(|| panic!("{name}: no expect list"));
                let field = |i: &Value, k: &str| {
                    i.get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_else(|| panic!("{name}: issue without {k}"))
                        .to_owned()
                };
                let mut expect: Vec<Expected> = issues
                    .iter()
                    .map(|i| (field(i, "path"), field(i, "rule"), field(i, "severity")))
                    .collect();
                expect.sort();
                let with_messages = issues.iter().filter(|i| i.get("message").is_some()).count();
                assert!(
                    with_messages == 0 || with_messages == issues.len(),
                    "{name}: a message on every expected issue or on none"
                );
                let messages = (with_messages > 0).then(|| {
                    let mut words: Vec<Words> = issues
                        .iter()
                        .map(|i| {
                            let (p, r, s) =
                                (field(i, "path"), field(i, "rule"), field(i, "severity"));
                            (p, r, s, field(i, "message"))
                        })
                        .collect();
                    words.sort();
                    words
                });
                let payload_text = v.get("payload_text").map(|t| {
                    t.as_str()
                        .unwrap_or_else(|| panic!("{name}: payload_text is not a string"))
                        .to_owned()
                });
                let never_shown = v
                    .get("never_shown")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                Vector {
                    name,
                    payload,
                    payload_text,
                    never_shown,
                    expect,
                    messages,
                }
            })
            .collect()
    }

    /// Reads a runner's verdicts: a JSON array of `{name, issues: [{path, rule, severity}], roundtrip}`.
    pub fn parse_runner_output(text: &str) -> Vec<(String, Vec<Expected>, Option<Value>)> {
        let v: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("runner output is not JSON ({e}):\n{text}"));
        v.as_array()
            .unwrap_or_else(|| panic!("runner output is not an array:\n{text}"))
            .iter()
            .map(|r| {
                let name = r
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let mut issues: Vec<Expected> = r
                    .get("issues")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|i| {
                                let f = |k: &str| {
                                    i.get(k)
                                        .and_then(Value::as_str)
                                        .unwrap_or_default()
                                        .to_owned()
                                };
                                (f("path"), f("rule"), f("severity"))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                issues.sort();
                (name, issues, r.get("roundtrip").cloned())
            })
            .collect()
    }
}

/// The first place where two JSON values differ, as a JSON pointer and both values (`None` when
/// they are equal).
pub fn first_difference(
    path: &str,
    got: &serde_json::Value,
    want: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let keys: std::collections::BTreeSet<&String> = g.keys().chain(w.keys()).collect();
            keys.into_iter().find_map(|k| match (g.get(k), w.get(k)) {
                (Some(a), Some(b)) => first_difference(&format!("{path}/{k}"), a, b),
                (a, b) => Some(format!(
                    "{path}/{k}: got {}, want {}",
                    a.unwrap_or(&Value::Null),
                    b.unwrap_or(&Value::Null)
                )),
            })
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => g
            .iter()
            .zip(w)
            .enumerate()
            .find_map(|(i, (a, b))| first_difference(&format!("{path}/{i}"), a, b)),
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, want {want}")),
    }
}
