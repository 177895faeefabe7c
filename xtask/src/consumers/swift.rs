//! The Swift consumer (`tests/consumers/swift/`): a SwiftPM executable whose manifest is the one
//! the Swift README shows, `.package(url: "<package.repository>", from: "X.Y.Z")` with
//! `.product(name: "AntomCallback", package: "<identity>")`, built twice from the repository the
//! release staged (`swift/<identity>.git`, tagged `v<version>`):
//! - by URL: the URL rewritten to `file://` of a copy of the staged repository, so SwiftPM
//!   resolves the version from the tag through git, as it does from the real URL;
//! - by path: `.package(path:)` to a checkout of the tag in a folder named after the identity,
//!   as the README says for a path dependency.
//!
//! Each build is `swift build -Xswiftc -warnings-as-errors`, in the Swift root (or with `swift` on
//! `PATH`), with SwiftPM's cache, configuration and security folders in the scratch folder and
//! the dependency cache off: every run resolves afresh, never from a checkout of an older tag or
//! a fingerprint recorded for a tag that moved. The program runs with two result codes of the
//! loaded spec as arguments; its output must show their message and suggestion as the spec has
//! them, the validator's error on the full card number, and the redacted log with `cardNo`
//! redacted, the number in a message masked, and never the full number.
//!
//! The root `Package.swift` that the URL form reads is written by hand, not generated: it belongs
//! to this repository's layout (it points at `generated/swift`), while the generators write only
//! into the folders `cargo xtask codegen` and `antom generate --out` own. `tests/tests/swift.rs`
//! keeps it in step with the spec: its `swift package dump-package` must declare the product,
//! module, platforms and sources that `generated/swift/Package.swift` declares.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{Consumer, Ctx, run_in};
use crate::release::swift::{git, identity, tag};
use crate::swift::Toolchain;

pub(crate) struct Swift;

/// The executable target of the consumer project.
const PROGRAM: &str = "CheckoutCallbacks";
/// A full card number the program's failed payment carries: no output line may show it.
const FULL_CARD: &str = "4111111111111111";
const MASKED_CARD: &str = "************1111";

/// The staged repository, with the spec's URL and the identity SwiftPM gives it.
struct Staged {
    repo: PathBuf,
    url: String,
    identity: String,
    tag: String,
}

impl Staged {
    fn of(ctx: &Ctx, spec: &antom_spec::Spec) -> anyhow::Result<Staged> {
        let url = spec
            .package
            .repository
            .clone()
            .context("the spec's package has no `repository`: the Swift package has no URL")?;
        let identity = identity(spec)?;
        let repo = ctx.artifacts.join("swift").join(format!("{identity}.git"));
        if !repo.is_dir() {
            bail!(
                "{} is missing: run `cargo xtask release --dry-run`, which stages it",
                repo.display()
            );
        }
        Ok(Staged {
            repo,
            url,
            identity,
            tag: tag(&ctx.version),
        })
    }
}

/// The consumer's `.package(url: "<url>", ...)` call, found in its manifest.
fn package_call<'m>(manifest: &'m str, url: &str) -> anyhow::Result<&'m str> {
    let start = manifest
        .find(&format!(".package(url: \"{url}\""))
        .with_context(|| {
            format!("the consumer's Package.swift has no `.package(url: \"{url}\"`")
        })?;
    let len = manifest[start..]
        .find(')')
        .context("the consumer's `.package(url:` call has no `)`")?;
    Ok(&manifest[start..=start + len])
}

/// Copies the consumer project into `dir` with its `.package(url:)` call replaced by what
/// `dependency` makes of it.
fn project_copy(
    ctx: &Ctx,
    dir: &Path,
    url: &str,
    dependency: impl FnOnce(&str) -> String,
) -> anyhow::Result<()> {
    let project = ctx.project("swift");
    crate::release::copy_dir(&project, dir)?;
    // Resolved afresh: no pin or build left in the project folder by working on it.
    let _ = std::fs::remove_file(dir.join("Package.resolved"));
    let _ = std::fs::remove_dir_all(dir.join(".build"));
    let manifest_path = dir.join("Package.swift");
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("read {}", manifest_path.display()))?;
    let call = package_call(&manifest, url)?;
    let rewritten = manifest.replacen(call, &dependency(call), 1);
    std::fs::write(&manifest_path, rewritten)
        .with_context(|| format!("write {}", manifest_path.display()))
}

/// Builds the consumer in `dir` and runs it with `args`; returns what it printed.
fn build_and_run(
    toolchain: &Toolchain,
    work: &Path,
    dir: &Path,
    how: &str,
    args: &[&str],
) -> anyhow::Result<String> {
    let state = |name: &str| toolchain.sees(work, &work.join("swiftpm").join(name));
    let (cache, config, security) = (state("cache"), state("config"), state("security"));
    let started = std::time::Instant::now();
    let built = run_in(
        &format!("swift build of the Swift consumer ({how})"),
        dir,
        &mut toolchain.command(
            work,
            dir,
            "swift",
            &[
                "build",
                "-Xswiftc",
                "-warnings-as-errors",
                "--disable-dependency-cache",
                "--cache-path",
                &cache.to_string_lossy(),
                "--config-path",
                &config.to_string_lossy(),
                "--security-path",
                &security.to_string_lossy(),
            ],
        ),
    );
    if let Err(e) = built {
        // SwiftPM's first error first, then everything it printed.
        let text = format!("{e:#}");
        let first = text
            .lines()
            .find(|l| l.contains("error: "))
            .unwrap_or("no `error:` line");
        bail!(
            "swift build of the Swift consumer ({how}): {}\n{text}",
            first.trim()
        );
    }
    eprintln!("    swift build ({how}): {:.1?}", started.elapsed());
    let program = toolchain.sees(work, &dir.join(".build/debug").join(PROGRAM));
    run_in(
        &format!("the Swift consumer ({how})"),
        dir,
        &mut toolchain.command(work, dir, &program.to_string_lossy(), args),
    )
}

/// What the program must print, read from the spec: each explained result code's message and
/// suggestion, the failed payment's result code, the validator's error on the card number, the
/// redacted `cardNo` and the masked number in the log, and never the full number.
fn check_output(
    spec: &antom_spec::Spec,
    codes: &[&str],
    out: &str,
    how: &str,
) -> anyhow::Result<()> {
    let mut wanted = Vec::new();
    for code in codes.iter().copied().chain(["ISSUER_REJECTS_TRANSACTION"]) {
        let info = spec
            .result_codes
            .iter()
            .find(|c| c.code == code)
            .with_context(|| format!("the spec has no result code {code}"))?;
        let cut = |text: &str| {
            if info.provenance.is_truncated(text) {
                " …"
            } else {
                ""
            }
        };
        wanted.push(format!("  message: {}{}", info.message, cut("message")));
        wanted.push(format!(
            "  suggestion: {}{}",
            info.suggestion,
            cut("suggestion")
        ));
    }
    wanted.push("[SDK_PAYMENT_FAIL] payment failed: ISSUER_REJECTS_TRANSACTION".to_owned());
    wanted.push("[SDK_SOMETHING_NEW] an event code this version does not know: ignored".to_owned());
    for line in &wanted {
        if !out.lines().any(|l| l == line) {
            bail!("the Swift consumer ({how}) did not print the line `{line}`:\n{out}");
        }
    }
    let issue = "  issue: error: /cardPaymentResultInfo/cardNo: ";
    if !out.lines().any(|l| l.starts_with(issue)) {
        bail!(
            "the Swift consumer ({how}) shows no error on the full card number (`{issue}`):\n{out}"
        );
    }
    // `cardNo` is sensitive: redacted; a card number in any other string is masked.
    let logged = |text: &str| {
        out.lines()
            .any(|l| l.starts_with("  log: ") && l.contains(text))
    };
    for text in ["\"cardNo\":\"<redacted>\"", MASKED_CARD] {
        if !logged(text) {
            bail!("the Swift consumer ({how}) logged no {text}:\n{out}");
        }
    }
    if out.contains(FULL_CARD) {
        bail!("the Swift consumer ({how}) printed the full card number {FULL_CARD}:\n{out}");
    }
    Ok(())
}

impl Consumer for Swift {
    fn name(&self) -> &'static str {
        "swift"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        let spec = super::load_spec(&ctx.root)?;
        let staged = Staged::of(ctx, &spec)?;
        crate::swift::ensure()?;
        let toolchain = Toolchain::find()?;
        let work = ctx.work(self.name())?;
        // The toolchain sees only `work`: the staged repository is copied in, under its name.
        let repo = work.join(format!("{}.git", staged.identity));
        crate::release::copy_dir(&staged.repo, &repo)?;
        // A result code whose suggestion the source cuts off, and the last one.
        let truncated = spec
            .result_codes
            .iter()
            .find(|c| c.provenance.is_truncated("suggestion"))
            .or(spec.result_codes.first())
            .context("the spec has no result codes")?;
        let last = spec
            .result_codes
            .last()
            .context("the spec has no result codes")?;
        let codes = [truncated.code.as_str(), last.code.as_str()];

        let by_url = work.join("by-url");
        let file_url = format!("file://{}", toolchain.sees(&work, &repo).display());
        project_copy(ctx, &by_url, &staged.url, |call| {
            call.replacen(&staged.url, &file_url, 1)
        })?;
        let out = build_and_run(&toolchain, &work, &by_url, "by URL on the tag", &codes)?;
        check_output(&spec, &codes, &out, "by URL")?;
        // SwiftPM took the version from the tag, at the tag's commit.
        let resolved = std::fs::read_to_string(by_url.join("Package.resolved"))
            .context("the URL build wrote no Package.resolved")?;
        let commit = run_in(
            "git rev-parse",
            &work,
            git(&repo).args(["rev-parse", &format!("{}^{{commit}}", staged.tag)]),
        )?;
        let pinned = [
            format!("\"identity\" : \"{}\"", staged.identity),
            format!("\"version\" : \"{}\"", ctx.version),
            format!("\"revision\" : \"{}\"", commit.trim()),
        ];
        if let Some(missing) = pinned.iter().find(|p| !resolved.contains(p.as_str())) {
            bail!("Package.resolved of the URL build has no {missing}:\n{resolved}");
        }

        // By path: a checkout of the tag in a folder named after the identity.
        let checkout = work.join(&staged.identity);
        run_in(
            "git clone (the tag, for the path dependency)",
            &work,
            git(&work)
                .args(["clone", "-q", "--branch", &staged.tag])
                .arg(&repo)
                .arg(&checkout),
        )?;
        let by_path = work.join("by-path");
        let path_line = format!(".package(path: \"../{}\")", staged.identity);
        project_copy(ctx, &by_path, &staged.url, |_| path_line)?;
        let out = build_and_run(&toolchain, &work, &by_path, "by path", &codes)?;
        check_output(&spec, &codes, &out, "by path")
    }

    fn break_artifact(&self, ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str> {
        let spec = super::load_spec(&ctx.root)?;
        let staged = Staged::of(
            &Ctx {
                artifacts: broken.to_path_buf(),
                ..ctx.clone()
            },
            &spec,
        )?;
        let edit = broken.with_file_name("swift-edit");
        let _ = std::fs::remove_dir_all(&edit);
        let here = broken.parent().unwrap_or(broken);
        run_in(
            "git clone (the staged Swift repository)",
            here,
            git(here).args(["clone", "-q"]).arg(&staged.repo).arg(&edit),
        )?;
        run_in(
            "git rm Package.swift",
            here,
            git(&edit).args(["rm", "-q", "Package.swift"]),
        )?;
        run_in(
            "git commit",
            here,
            git(&edit).args([
                "commit",
                "-q",
                "--no-gpg-sign",
                "-m",
                "Remove Package.swift",
            ]),
        )?;
        run_in(
            "git tag -f",
            here,
            git(&edit).args(["tag", "-f", "-a", "--no-sign", &staged.tag, "-m", "moved"]),
        )?;
        run_in(
            "git push --force",
            here,
            git(&edit)
                .args(["push", "-q", "--force", "origin", "main"])
                .arg(format!("refs/tags/{}", staged.tag)),
        )?;
        let _ = std::fs::remove_dir_all(&edit);
        Ok("the release tag moved to a commit without the root Package.swift")
    }
}
