//! Consumer projects: `tests/consumers/<ecosystem>/`, one small project per ecosystem, written as
//! an SDK engineer would write it (the source page's callback flow: switch on the event code, show
//! the result code's message and suggestion, validate, log redacted), each built and run only from
//! what the release staged in `target/release-artifacts/`, the way that ecosystem takes any
//! dependency.
//!
//! `cargo xtask release` runs them twice: the current tree's consumers against the new artifacts
//! (the downstream gate), and the consumers of the previous release tag against the same
//! artifacts (the breaking-change gate, `gate.rs`): a failure there refuses a release whose
//! version bump is below major. `cargo xtask consumers --self-test` shows that each consumer fails
//! when its artifact is broken, and the gate on a temporary repository with a planted break.
//!
//! One module per ecosystem, each behind [`Consumer`], all listed once in [`ALL`].
//!
//! Each ecosystem's own way, proven from the artifacts only: Rust through a directory source
//! replacing crates.io (no `path =`), npm through a local verdaccio, Maven through a `file://`
//! repository, SwiftPM through a bare git repository holding the tag's tree, Objective-C through
//! `antom` installed from the staged crates (each module says how). A consumer's output is compared
//! with the spec and must show no full card number. The breaking-change gate compares nothing by
//! hand: the previous tag's consumers build and run against the new artifacts, or the bump must
//! be major.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

pub(crate) mod gate;
mod maven;
mod npm;
mod objc;
mod rust;
mod swift;

/// Where a consumer run reads and writes.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// The repository root: for the pinned tools under `tools/` and the Swift root.
    pub(crate) root: PathBuf,
    /// The staged release artifacts (`target/release-artifacts/`), the only thing a consumer
    /// builds against.
    pub(crate) artifacts: PathBuf,
    /// The folder that holds the `<ecosystem>/` projects (`tests/consumers/`, or those of an
    /// earlier release read through git).
    pub(crate) projects: PathBuf,
    /// A scratch folder of this run's own, emptied first; each consumer works in
    /// `scratch/<name>/`.
    pub(crate) scratch: PathBuf,
    /// The version being released: the spec's `package.version`.
    pub(crate) version: String,
}

impl Ctx {
    /// The project folder of one consumer.
    pub(crate) fn project(&self, name: &str) -> PathBuf {
        self.projects.join(name)
    }

    /// A fresh scratch folder for one consumer.
    pub(crate) fn work(&self, name: &str) -> anyhow::Result<PathBuf> {
        let dir = self.scratch.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
        Ok(dir)
    }
}

/// One ecosystem's consumer project and how its artifact is broken on purpose.
pub(crate) trait Consumer: Sync {
    /// The folder name under `tests/consumers/` and the name in messages.
    fn name(&self) -> &'static str;

    /// Builds and runs the consumer project against the staged artifacts. A failure carries
    /// what the build tool or the program printed.
    fn run(&self, ctx: &Ctx) -> anyhow::Result<()>;

    /// Stages a broken copy of this ecosystem's artifact into `broken` (a copy of
    /// `ctx.artifacts` the caller made) and says what was broken; [`Consumer::run`] against it
    /// must then fail.
    fn break_artifact(&self, ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str>;
}

/// Every consumer, in the order they run.
pub(crate) const ALL: &[&dyn Consumer] = &[
    &rust::Rust,
    &npm::Npm,
    &maven::Maven,
    &swift::Swift,
    &objc::Objc,
];

/// The consumers named in `only` (all when empty); an unknown name is an error.
pub(crate) fn select(only: &[String]) -> anyhow::Result<Vec<&'static dyn Consumer>> {
    if only.is_empty() {
        return Ok(ALL.to_vec());
    }
    only.iter()
        .map(|name| {
            ALL.iter()
                .copied()
                .find(|c| c.name() == name)
                .with_context(|| {
                    let names: Vec<&str> = ALL.iter().map(|c| c.name()).collect();
                    format!(
                        "no consumer `{name}`: the consumers are {}",
                        names.join(", ")
                    )
                })
        })
        .collect()
}

/// One consumer's failure: its name and what its tools printed.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) consumer: &'static str,
    pub(crate) error: String,
}

/// Runs `consumers` against `ctx`; returns the failures (an empty list when all passed).
pub(crate) fn run_all(ctx: &Ctx, consumers: &[&'static dyn Consumer]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for consumer in consumers {
        let started = std::time::Instant::now();
        eprintln!("==> consumer {}", consumer.name());
        match consumer.run(ctx) {
            Ok(()) => eprintln!(
                "    consumer {} passed ({:.1?})",
                consumer.name(),
                started.elapsed()
            ),
            Err(e) => {
                eprintln!("    consumer {} FAILED: {e:#}", consumer.name());
                failures.push(Failure {
                    consumer: consumer.name(),
                    error: format!("{e:#}"),
                });
            }
        }
    }
    failures
}

/// Runs a command in `dir`; fails with everything it printed.
pub(crate) fn run_in(what: &str, dir: &Path, cmd: &mut Command) -> anyhow::Result<String> {
    let out = cmd
        .current_dir(dir)
        .output()
        .with_context(|| format!("cannot start {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The context of the current tree's consumers against `target/release-artifacts/`.
pub(crate) fn current(version: &str) -> Ctx {
    let root = crate::repo_root();
    Ctx {
        artifacts: root.join("target/release-artifacts"),
        projects: root.join("tests/consumers"),
        scratch: root.join("target/consumers"),
        version: version.to_owned(),
        root,
    }
}

/// `cargo xtask consumers [--only NAME,...] [--self-test]`: the consumers of the current tree
/// against the artifacts the last `cargo xtask release` staged; with `--self-test`, instead each
/// consumer against a broken artifact (it must fail) and the breaking-change gate on a temporary
/// repository (`cargo xtask release` has run the consumers themselves).
pub(crate) fn run(only: &[String], self_test: bool) -> anyhow::Result<bool> {
    let version = staged_version()?;
    let ctx = current(&version);
    let consumers = select(only)?;
    let (mut passed, mut failed) = (0, 0);
    if !self_test {
        let failures = run_all(&ctx, &consumers);
        for f in &failures {
            eprintln!("consumer {} failed:\n{}", f.consumer, f.error);
        }
        failed = failures.len();
        passed = consumers.len() - failed;
    } else {
        for consumer in &consumers {
            let broken_ctx = Ctx {
                artifacts: ctx
                    .scratch
                    .join(format!("broken-{}/artifacts", consumer.name())),
                scratch: ctx.scratch.join(format!("broken-{}/work", consumer.name())),
                ..ctx.clone()
            };
            let _ =
                std::fs::remove_dir_all(ctx.scratch.join(format!("broken-{}", consumer.name())));
            crate::release::copy_dir(&ctx.artifacts, &broken_ctx.artifacts)?;
            let what = consumer.break_artifact(&ctx, &broken_ctx.artifacts)?;
            eprintln!("==> consumer {} with {what} (must fail)", consumer.name());
            match consumer.run(&broken_ctx) {
                Ok(()) => {
                    eprintln!(
                        "consumer {} passed with {what}: it does not test its artifact",
                        consumer.name()
                    );
                    failed += 1;
                }
                Err(e) => {
                    let text = format!("{e:#}");
                    let first = text.lines().next().unwrap_or_default();
                    // The compiler's own first error says why, below the step that failed.
                    let why = text
                        .lines()
                        .skip(1)
                        .find(|l| {
                            let l = l.trim_start().to_ascii_lowercase();
                            l.starts_with("error") || l.contains(" error") || l.contains("error:")
                        })
                        .unwrap_or_default();
                    eprintln!("    failed as it must: {first}\n      {why}");
                    passed += 1;
                }
            }
        }
        match gate::self_test(&ctx) {
            Ok(()) => passed += 1,
            Err(e) => {
                eprintln!("the breaking-change gate's self-test failed: {e:#}");
                failed += 1;
            }
        }
    }
    println!("consumers: {passed} passed, {failed} failed");
    Ok(failed == 0)
}

/// The version of the staged artifacts: the spec's, after `cargo xtask release` staged them.
fn staged_version() -> anyhow::Result<String> {
    let root = crate::repo_root();
    let marker = root.join("target/release-artifacts/VERSION");
    let version = std::fs::read_to_string(&marker).with_context(|| {
        format!(
            "{} is missing: run `cargo xtask release --dry-run` first, which stages the artifacts",
            marker.display()
        )
    })?;
    Ok(version.trim().to_owned())
}

/// The spec of the repository at `root`, for comparing a consumer's output with it.
pub(crate) fn load_spec(root: &Path) -> anyhow::Result<antom_spec::Spec> {
    let files = antom_codegen::writer::read_dir(&root.join("spec")).context("cannot read spec/")?;
    antom_codegen::load(&files)
        .map_err(|problems| anyhow::anyhow!("spec/ has problems:\n{problems}"))
}

/// The card number every consumer puts in its payloads; no output may show it.
pub(crate) const CARD_NUMBERS: [&str; 2] = ["4111111111111111", "4111 1111 1111 1111"];

/// Fails unless `out` contains each of `expected` and shows no full card number.
pub(crate) fn expect_lines(out: &str, expected: &[String]) -> anyhow::Result<()> {
    let missing: Vec<&String> = expected
        .iter()
        .filter(|e| !out.contains(e.as_str()))
        .collect();
    if !missing.is_empty() {
        bail!("the consumer's output lacks {missing:?}; it printed:\n{out}");
    }
    if let Some(card) = CARD_NUMBERS.iter().find(|c| out.contains(*c)) {
        bail!("the consumer's output shows the full card number {card}:\n{out}");
    }
    Ok(())
}
