//! The Objective-C consumer (`tests/consumers/objc/`): an iOS SDK without Swift vendors the two
//! generated files with a pinned `antom` and checks them in CI, since CocoaPods' central spec
//! repository takes no new pods (read-only since 2026-12-02) and the files are plain Foundation.
//!
//! The project's `scripts/antom.sh` is the recipe as an SDK repository keeps it: install
//! `antom-cli` at a pinned version with `cargo install --locked` when that `antom` is not on
//! `PATH`, then `antom generate --target objc --out Vendor/AntomCallback`, with `--check` in CI.
//! The run makes a git repository of the project outside this checkout (so `antom` finds no
//! `spec/` above it and uses the spec built into the pinned binary), runs the recipe with
//! `cargo install` taking the staged crates (`rust::staged_registry`), checks that `--check`
//! passes, compiles the project with clang and GNUstep's Foundation under `-Wall -Wextra
//! -Werror` and runs it. Then a spec change (a new message) makes `--check` fail naming the
//! vendored files, and regenerating makes it pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::{Consumer, Ctx, run_in};

pub(crate) struct Objc;

/// The `antom-cli` version the recipe pins: the one the release staged.
fn cli_version(artifacts: &Path) -> anyhow::Result<String> {
    for entry in std::fs::read_dir(artifacts.join("crates")).context("staged crates")? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(version) = name
            .strip_prefix("antom-cli-")
            .and_then(|v| v.strip_suffix(".crate"))
        {
            return Ok(version.to_owned());
        }
    }
    bail!("no antom-cli .crate is staged")
}

/// clang's flags for GNUstep's Foundation with GCC's Objective-C runtime, warnings as errors.
fn clang_args() -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let words = |cmd: &mut Command| -> anyhow::Result<Vec<String>> {
        let out = cmd.output().context("cannot run gnustep-config or gcc")?;
        Ok(String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_owned)
            .collect())
    };
    let mut flags = vec!["-fobjc-runtime=gcc".to_owned(), "-isystem".to_owned()];
    flags.extend(words(Command::new("gcc").arg("-print-file-name=include"))?);
    flags.extend(words(Command::new("gnustep-config").arg("--objc-flags"))?);
    flags.extend(["-Wall", "-Wextra", "-Werror"].map(str::to_owned));
    let libs = words(Command::new("gnustep-config").arg("--base-libs"))?;
    Ok((flags, libs))
}

/// A scratch folder outside the repository: `antom` looks for a `spec/` in every folder above.
struct Outside(PathBuf);

impl Drop for Outside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Consumer for Objc {
    fn name(&self) -> &'static str {
        "objc"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        let work = ctx.work(self.name())?;
        let config = super::rust::staged_registry(ctx, &work)?;
        // `cargo install` in the recipe reads crates.io, replaced by the staged crates.
        let cargo_home = work.join("cargo-home");
        std::fs::create_dir_all(&cargo_home)?;
        std::fs::write(
            cargo_home.join("config.toml"),
            config
                .iter()
                .map(|c| format!("{c}\n"))
                .collect::<String>()
                .replace(
                    "source.crates-io.replace-with",
                    "[source.crates-io]\nreplace-with",
                )
                .replace("source.staged.directory", "[source.staged]\ndirectory"),
        )?;
        let cargo = PathBuf::from(crate::release::cargo());
        let cargo_dir = which(&cargo)?;
        // Only the toolchain and the system: no `antom` installed elsewhere may stand in.
        let path = std::env::join_paths([
            cargo_home.join("bin"),
            cargo_dir,
            "/usr/bin".into(),
            "/bin".into(),
        ])?;

        let outside = Outside(
            std::env::temp_dir().join(format!("antom-objc-consumer-{}", std::process::id())),
        );
        let _ = std::fs::remove_dir_all(&outside.0);
        let repo = outside.0.join("checkout-sdk");
        crate::release::copy_dir(&ctx.project(self.name()), &repo)?;
        let git = |args: &[&str]| {
            run_in(
                &format!("git {}", args.join(" ")),
                &repo,
                Command::new("git")
                    .args([
                        "-c",
                        "user.name=sdk",
                        "-c",
                        "user.email=sdk@example.invalid",
                    ])
                    .args(args),
            )
        };
        git(&["init", "-q"])?;
        let recipe = |args: &[&str]| -> anyhow::Result<(bool, String)> {
            let out = Command::new("sh")
                .arg("scripts/antom.sh")
                .args(args)
                .current_dir(&repo)
                .env("PATH", &path)
                .env("CARGO_HOME", &cargo_home)
                .env("CARGO_TARGET_DIR", work.join("target"))
                .env("CARGO_NET_OFFLINE", "true")
                // What is checked is what the pinned antom writes, not its speed: an
                // unoptimised build takes a third of the time.
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
                .env_remove("RUSTFLAGS")
                .output()
                .context("cannot run scripts/antom.sh")?;
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            Ok((out.status.success(), text))
        };

        // The pinned version must be what the release staged.
        let pinned = cli_version(&ctx.artifacts)?;
        let script = std::fs::read_to_string(repo.join("scripts/antom.sh"))?;
        if !script.contains(&format!("--version ={pinned} --locked")) {
            bail!("scripts/antom.sh does not pin antom-cli {pinned}, the staged version");
        }
        let (ok, out) = recipe(&[])?;
        if !ok {
            bail!("scripts/antom.sh (install the pinned antom, vendor the files) failed:\n{out}");
        }
        if !out.contains("from the built-in spec") {
            bail!("the vendored files did not come from the spec built into antom:\n{out}");
        }
        git(&["add", "-A"])?;
        git(&["commit", "-q", "-m", "Vendor Antom's callback codes"])?;
        let (ok, out) = recipe(&["--check"])?;
        if !ok {
            bail!("scripts/antom.sh --check failed right after vendoring:\n{out}");
        }

        let (flags, libs) = clang_args()?;
        let program = outside.0.join("checkout");
        run_in(
            "clang (the Objective-C consumer)",
            &repo,
            Command::new("clang")
                .args(&flags)
                .args(["-IVendor/AntomCallback", "-ISources"])
                .args([
                    "Sources/main.m",
                    "Sources/CheckoutCallback.m",
                    "Vendor/AntomCallback/AMSCallback.m",
                    "-o",
                ])
                .arg(&program)
                .args(&libs),
        )?;
        let printed = run_in(
            "the Objective-C consumer",
            &repo,
            &mut Command::new(&program),
        )?;
        check_output(ctx, &printed)?;

        // A spec change: the vendored files are stale, and `--check` names them.
        let next = outside.0.join("spec-next");
        crate::release::copy_dir(&ctx.root.join("spec"), &next)?;
        let codes = next.join("result-codes.yaml");
        let text = std::fs::read_to_string(&codes)?;
        let fraud = load_fraud(ctx)?;
        let changed = text.replacen(&fraud.0, "A changed message.", 1);
        if changed == text {
            bail!("cannot find FRAUD_REJECT's message in spec/result-codes.yaml");
        }
        std::fs::write(&codes, changed)?;
        let spec_arg = next.display().to_string();
        let (ok, out) = recipe(&["--check", "--spec", &spec_arg])?;
        if ok || !out.contains("AMSCallback.m") {
            bail!("after a spec change, `--check` must fail naming AMSCallback.m:\n{out}");
        }
        let (ok, out) = recipe(&["--spec", &spec_arg])?;
        if !ok {
            bail!("regenerating after the spec change failed:\n{out}");
        }
        let (ok, out) = recipe(&["--check", "--spec", &spec_arg])?;
        if !ok {
            bail!("`--check` still fails after regenerating:\n{out}");
        }
        Ok(())
    }

    fn break_artifact(&self, ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str> {
        // The command's crate without the spec it builds in: the pinned antom installs, and
        // has nothing to vendor. (A dependency's crate cannot be tampered with: `--locked`
        // checks it against the checksum in the command's packaged `Cargo.lock`.)
        super::rust::repack_crate(ctx, broken, "antom-cli-", |unpacked| {
            std::fs::remove_dir_all(unpacked.join("embedded-spec"))
                .context("the staged antom-cli crate has no embedded-spec/")
        })?;
        Ok("the antom-cli .crate without its built-in spec")
    }
}

/// FRAUD_REJECT's message and suggestion in the spec.
fn load_fraud(ctx: &Ctx) -> anyhow::Result<(String, String)> {
    let spec = super::load_spec(&ctx.root)?;
    let fraud = spec
        .result_codes
        .iter()
        .find(|c| c.code == "FRAUD_REJECT")
        .context("the spec has FRAUD_REJECT")?;
    Ok((fraud.message.clone(), fraud.suggestion.clone()))
}

fn check_output(ctx: &Ctx, out: &str) -> anyhow::Result<()> {
    let (message, suggestion) = load_fraud(ctx)?;
    super::expect_lines(
        out,
        &[
            format!("spec version: {}", ctx.version),
            "on SDK_PAYMENT_SUCCESSFUL: redirect to the result page".to_owned(),
            "on SDK_PAYMENT_FAIL: show the result code's message".to_owned(),
            "on SDK_CALL_URL_ERROR: check the redirection".to_owned(),
            "on SDK_SOMETHING_NEW: log a code this version does not know".to_owned(),
            format!("message: {message}\nsuggestion: {suggestion} (cut off)"),
            "a result code this version does not know".to_owned(),
            "card number fits: yes".to_owned(),
        ],
    )
}

/// The folder of `program` (a path, or a name looked up on `PATH`).
fn which(program: &Path) -> anyhow::Result<PathBuf> {
    if program.components().count() > 1 {
        return program
            .parent()
            .map(Path::to_path_buf)
            .context("cargo's folder");
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .find(|d| d.join(program).is_file())
        .with_context(|| format!("{} is not on PATH", program.display()))
}
