//! `cargo xtask mutants`: mutation testing of the safety code with cargo-mutants, installed when
//! missing (`cargo install cargo-mutants --locked`, pinned to 27.1.0).
//!
//! Three groups, each one cargo-mutants run: the masking, redaction and text modules of
//! `antom-callback` (`validate.rs`, `json.rs`, `text.rs`, and `quick.rs`, the stream's reader
//! that validates without a JSON value), tested by the tests of
//! `antom-callback` and `antom-cli`; its pattern matcher (`pattern.rs`), tested by
//! `antom-callback`'s (the CLI's tests add nothing there but time); and `antom validate`'s
//! stream reader (`crates/cli/src/cmd/validate.rs` and `validate/stream.rs`), tested by
//! `antom-cli`'s. Mutants known to be equivalent
//! (no test can tell them from the original) are listed in `xtask/mutants-equivalent.txt`, one
//! regex per line as `--exclude-re` reads it, each below a `#` line that says why; they are not
//! run. The report gives, per file, (caught + timeouts) / viable, and lists the missed mutants.
//!
//! Not run in CI: a full run takes hours on two cores. Run it by hand after changing one of these
//! files, e.g. `cargo xtask mutants --file crates/callback/src/text.rs --jobs 1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::repo_root;

/// The cargo-mutants release the scores are measured with.
const VERSION: &str = "27.1.0";

/// The file of equivalent mutants, from the repository root.
const EQUIVALENT: &str = "xtask/mutants-equivalent.txt";

/// A cargo-mutants run: the package whose files are mutated, those files, and the packages
/// whose tests judge each mutant.
struct Group {
    name: &'static str,
    package: &'static str,
    files: &'static [&'static str],
    test_packages: &'static [&'static str],
}

const GROUPS: &[Group] = &[
    Group {
        name: "callback",
        package: "antom-callback",
        files: &[
            "crates/callback/src/validate.rs",
            "crates/callback/src/json.rs",
            "crates/callback/src/text.rs",
            "crates/callback/src/quick.rs",
        ],
        test_packages: &["antom-callback", "antom-cli"],
    },
    Group {
        name: "pattern",
        package: "antom-callback",
        files: &["crates/callback/src/pattern.rs"],
        test_packages: &["antom-callback"],
    },
    Group {
        name: "stream",
        package: "antom-cli",
        files: &[
            "crates/cli/src/cmd/validate.rs",
            "crates/cli/src/cmd/validate/stream.rs",
        ],
        test_packages: &["antom-cli"],
    },
];

/// What `cargo xtask mutants` takes.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Only these files (of the ones above), e.g. `crates/callback/src/text.rs`; repeatable.
    #[arg(long)]
    file: Vec<String>,
    /// Only the mutants whose name matches one of these regexes (as `--list` shows names, e.g.
    /// `mask_card_numbers|hide_card_windows|luhn`); repeatable.
    #[arg(long)]
    re: Vec<String>,
    /// Mutants built and tested at once (each needs its own copy of the tree and build).
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Seconds a mutant's tests may run before it counts as a timeout (cargo-mutants' own
    /// default, from the baseline run, when absent).
    #[arg(long)]
    timeout: Option<u64>,
    /// List the mutants that would run, and run none.
    #[arg(long)]
    list: bool,
}

/// The regexes of the equivalent-mutants file: every line that is neither blank nor a `#` line,
/// each of which must have a `#` reason right above it (or above the regexes grouped with it).
fn equivalent(text: &str) -> anyhow::Result<Vec<String>> {
    let mut regexes = Vec::new();
    let mut reason = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            reason = false;
        } else if line.starts_with('#') {
            reason = true;
        } else if reason {
            regexes.push(line.to_owned());
        } else {
            bail!(
                "{EQUIVALENT}:{}: a mutant without a `#` reason above it",
                n + 1
            );
        }
    }
    Ok(regexes)
}

/// Installs cargo-mutants when `cargo mutants --version` does not answer with [`VERSION`].
fn ensure_installed() -> anyhow::Result<()> {
    let found = Command::new("cargo")
        .args(["mutants", "--version"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if found.as_deref().is_some_and(|v| v.ends_with(VERSION)) {
        return Ok(());
    }
    eprintln!(
        "installing cargo-mutants {VERSION} (found: {})",
        found.as_deref().unwrap_or("none")
    );
    let status = Command::new("cargo")
        .args(["install", "cargo-mutants", "--locked", "--version", VERSION])
        .status()
        .context("running cargo install")?;
    if !status.success() {
        bail!("cannot install cargo-mutants {VERSION}");
    }
    Ok(())
}

pub(crate) fn run(args: &Args) -> anyhow::Result<bool> {
    let root = repo_root();
    for file in &args.file {
        if !GROUPS.iter().any(|g| g.files.contains(&file.as_str())) {
            bail!("`{file}` is not one of the files cargo xtask mutants tests");
        }
    }
    let text = std::fs::read_to_string(root.join(EQUIVALENT))
        .with_context(|| format!("reading {EQUIVALENT}"))?;
    let excluded = equivalent(&text)?;
    ensure_installed()?;
    let mut clean = true;
    for group in GROUPS {
        let files: Vec<&str> = group
            .files
            .iter()
            .copied()
            .filter(|f| args.file.is_empty() || args.file.iter().any(|a| a == f))
            .collect();
        if files.is_empty() {
            continue;
        }
        let out = root.join("target/mutants").join(group.name);
        std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&root)
            .args(["mutants", "--package", group.package])
            .args(["--jobs", &args.jobs.to_string()])
            .arg("--output")
            .arg(&out);
        for package in group.test_packages {
            cmd.args(["--test-package", package]);
        }
        for file in &files {
            cmd.args(["--file", file]);
        }
        for regex in &args.re {
            cmd.args(["--re", regex]);
        }
        for regex in &excluded {
            cmd.args(["--exclude-re", regex]);
        }
        if let Some(timeout) = args.timeout {
            cmd.args(["--timeout", &timeout.to_string()]);
        }
        if args.list {
            cmd.arg("--list");
        }
        eprintln!("cargo xtask mutants: {} ({})", group.name, files.join(", "));
        let status = cmd.status().context("running cargo mutants")?;
        if args.list {
            continue;
        }
        // cargo-mutants exits 2 when a mutant is missed, 3 on a timeout: read its outcome files.
        let scores = scores(&out.join("mutants.out"))?;
        clean &= report(&scores) && matches!(status.code(), Some(0 | 2 | 3));
    }
    Ok(clean)
}

/// Outcomes of one file's mutants.
#[derive(Default)]
struct Score {
    caught: usize,
    timeout: usize,
    missed: Vec<String>,
    unviable: usize,
}

/// Each mutated file's outcomes, from the `caught.txt`, `timeout.txt`, `missed.txt` and
/// `unviable.txt` of a cargo-mutants output folder (one `file:line:col: mutant` a line).
fn scores(dir: &Path) -> anyhow::Result<BTreeMap<String, Score>> {
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for name in ["caught", "timeout", "missed", "unviable"] {
        let path: PathBuf = dir.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let file = line.split(':').next().unwrap_or_default().to_owned();
            let score = scores.entry(file).or_default();
            match name {
                "caught" => score.caught += 1,
                "timeout" => score.timeout += 1,
                "missed" => score.missed.push(line.to_owned()),
                _ => score.unviable += 1,
            }
        }
    }
    Ok(scores)
}

/// Prints each file's score and its missed mutants; whether none was missed.
fn report(scores: &BTreeMap<String, Score>) -> bool {
    let mut clean = true;
    for (file, s) in scores {
        let viable = s.caught + s.timeout + s.missed.len();
        let percent = if viable == 0 {
            100.0
        } else {
            (s.caught + s.timeout) as f64 * 100.0 / viable as f64
        };
        println!(
            "{file}: {percent:.1}% ((caught {} + timeouts {}) / viable {viable}; unviable {})",
            s.caught, s.timeout, s.unviable
        );
        for missed in &s.missed {
            println!("  missed: {missed}");
        }
        clean &= s.missed.is_empty();
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::equivalent;

    #[test]
    fn every_equivalent_mutant_has_a_reason() {
        let text = "# why\nregex one\nregex two\n\n# another\nthree\n";
        assert_eq!(
            equivalent(text).expect("reasons"),
            ["regex one", "regex two", "three"]
        );
        assert!(equivalent("# why\na\n\nb\n").is_err());
        let real = std::fs::read_to_string(crate::repo_root().join(super::EQUIVALENT))
            .expect("the equivalent-mutants file");
        assert!(equivalent(&real).is_ok());
    }
}
