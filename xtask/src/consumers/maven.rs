//! The maven consumer (`tests/consumers/maven/`): the staged bundle deployed with
//! `mvn deploy:deploy-file` (jar, sources, javadoc, POM) into a `file://` repository, then
//! - the Java project (`pom.xml`, `src/`) built and run with Maven, resolving
//!   `com.antom.callback:antom-callback` and its `kotlin-stdlib` from that repository;
//! - the Kotlin source (`kotlin/Callback.kt`) compiled by kotlinc 1.9.25, the oldest Kotlin the
//!   README promises, and by the current kotlinc, against the classpath Maven resolved (the jar
//!   and the `kotlin-stdlib` the POM names, not the compiler's own), and run on it.
//!
//! Each program prints what it shows; the output must hold the spec's texts (FRAUD_REJECT's
//! message and suggestion), the validation issue of an unmasked card number, and never that
//! number. Maven runs with a local repository of its own under `target/` from which the
//! artifact under test is removed first, so no copy cached by an earlier run is used.
//!
//! The broken artifact: the jar compiled without `-language-version`/`-api-version` (metadata
//! 2.4), which kotlinc 1.9.25 refuses.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use antom_codegen::maven::{OLDEST_CONSUMER_KOTLIN, Publication};

use super::{Consumer, Ctx, run_in};

pub(crate) struct Maven;

/// The versions of the Maven plugins the consumer runs, pinned.
const DEPLOY_PLUGIN: &str = "org.apache.maven.plugins:maven-deploy-plugin:3.1.2";
const DEPENDENCY_PLUGIN: &str = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

/// The card number the consumers' callback receives unmasked: it must never be printed.
const CARD_NUMBER: &str = "4111111111111111";

impl Consumer for Maven {
    fn name(&self) -> &'static str {
        "maven"
    }

    fn run(&self, ctx: &Ctx) -> anyhow::Result<()> {
        crate::tools::install_maven()?;
        let work = ctx.work(self.name())?;
        let spec = super::load_spec(&ctx.root)?;
        let publication = Publication::of(&spec);
        if publication.version != ctx.version {
            bail!(
                "the spec's version {} is not the staged version {}",
                publication.version,
                ctx.version
            );
        }
        let local = ctx.root.join("target/consumers-maven-m2");
        let _ = std::fs::remove_dir_all(crate::release::bundle_dir(&local, &publication));
        let maven = |what: &str, dir: &Path, args: &[&str]| {
            run_in(
                what,
                dir,
                Command::new("mvn")
                    .args(["-B", "-ntp", "-q"])
                    .arg(format!("-Dmaven.repo.local={}", local.display()))
                    .args(args),
            )
        };

        // The release's bundle into a `file://` repository, as a Maven repository serves it.
        let bundle = crate::release::bundle_dir(&ctx.artifacts.join("maven"), &publication);
        let base = bundle.join(format!("{}-{}", publication.artifact, publication.version));
        let staged = |suffix: &str| {
            let path = PathBuf::from(format!("{}{suffix}", base.display()));
            if path.is_file() {
                Ok(path)
            } else {
                Err(anyhow::anyhow!("the bundle has no {}", path.display()))
            }
        };
        let repository = work.join("repository");
        let url = format!("file://{}", repository.display());
        maven(
            "mvn deploy:deploy-file",
            &work,
            &[
                &format!("{DEPLOY_PLUGIN}:deploy-file"),
                &format!("-Durl={url}"),
                "-DrepositoryId=antom-release",
                &format!("-Dfile={}", staged(".jar")?.display()),
                &format!("-DpomFile={}", staged(".pom")?.display()),
                &format!("-Dsources={}", staged("-sources.jar")?.display()),
                &format!("-Djavadoc={}", staged("-javadoc.jar")?.display()),
            ],
        )?;

        // The Java project, built by Maven from that repository; its resolved classpath.
        let project = work.join("project");
        crate::release::copy_dir(&ctx.project(self.name()), &project)?;
        let classpath_file = project.join("classpath.txt");
        maven(
            "mvn compile (the Java consumer)",
            &project,
            &[
                &format!("-Dantom.repository={url}"),
                &format!("-Dantom.version={}", ctx.version),
                "compile",
                &format!("{DEPENDENCY_PLUGIN}:build-classpath"),
                &format!("-Dmdep.outputFile={}", classpath_file.display()),
            ],
        )?;
        let resolved = std::fs::read_to_string(&classpath_file)
            .with_context(|| format!("read {}", classpath_file.display()))?;
        let resolved = resolved.trim();
        let expected_jar = format!("{}-{}.jar", publication.artifact, publication.version);
        let stdlib = format!("kotlin-stdlib-{}.jar", antom_codegen::maven::STDLIB_VERSION);
        for wanted in [&expected_jar, &stdlib] {
            if !resolved.split(':').any(|p| p.ends_with(wanted.as_str())) {
                bail!("Maven did not resolve {wanted}: the classpath is {resolved}");
            }
        }
        let java_cp = format!("{}:{resolved}", project.join("target/classes").display());
        let out = run_in(
            "java (the Java consumer)",
            &project,
            Command::new("java")
                .args(["-cp", &java_cp])
                .arg("com.example.checkout.CheckoutCallback"),
        )?;
        check(&spec, "the Java consumer", &out)?;

        // The Kotlin source, by the oldest promised kotlinc and by the current one.
        for (version, kotlinc) in [
            (
                OLDEST_CONSUMER_KOTLIN,
                "tools/node_modules/kotlin-compiler-1.9/bin/kotlinc",
            ),
            (
                antom_codegen::maven::KOTLIN_VERSION,
                "tools/node_modules/kotlin-compiler/bin/kotlinc",
            ),
        ] {
            let what = format!("kotlinc {version} (the Kotlin consumer)");
            let jar = work.join(format!("kotlin-{version}.jar"));
            run_in(
                &what,
                &project,
                Command::new(ctx.root.join(kotlinc))
                    .args([
                        "-Werror",
                        "-no-stdlib",
                        "-no-reflect",
                        "-cp",
                        resolved,
                        "-d",
                    ])
                    .arg(&jar)
                    .arg(project.join("kotlin/Callback.kt")),
            )
            .map_err(|e| {
                // The compiler's first error on the first line, where the reports show it.
                let text = format!("{e:#}");
                let first = text
                    .lines()
                    .find(|l| l.contains("error:"))
                    .unwrap_or_default();
                anyhow::anyhow!("{what}: {first}\n{text}")
            })?;
            let out = run_in(
                &format!("java (the Kotlin consumer of kotlinc {version})"),
                &project,
                Command::new("java")
                    .arg("-cp")
                    .arg(format!("{}:{resolved}", jar.display()))
                    .arg("com.example.checkout.CallbackKt"),
            )?;
            check(
                &spec,
                &format!("the Kotlin consumer of kotlinc {version}"),
                &out,
            )?;
        }
        Ok(())
    }

    fn break_artifact(&self, ctx: &Ctx, broken: &Path) -> anyhow::Result<&'static str> {
        let spec = super::load_spec(&ctx.root)?;
        let publication = Publication::of(&spec);
        let dir = crate::release::bundle_dir(&broken.join("maven"), &publication);
        let jar = dir.join(format!(
            "{}-{}.jar",
            publication.artifact, publication.version
        ));
        crate::release::compile_jar(&publication, &["-Werror"], &jar)?;
        // The checksums match the new jar; its signature no longer does (nothing checks it here).
        crate::release::write_checksums(&jar)?;
        Ok("the jar compiled without -language-version/-api-version (Kotlin metadata 2.4)")
    }
}

/// The lines a consumer must print, in this order, from the spec's texts.
fn expected(spec: &antom_spec::Spec) -> anyhow::Result<Vec<String>> {
    let fraud = spec
        .result_codes
        .iter()
        .find(|c| c.code == "FRAUD_REJECT")
        .context("the spec has no result code FRAUD_REJECT")?;
    Ok(vec![
        "issue error /result/cardPaymentResultInfo/cardNo pattern".to_owned(),
        "event SDK_PAYMENT_FAIL: payment failed".to_owned(),
        format!("message FRAUD_REJECT: {}", fraud.message),
        format!("suggestion FRAUD_REJECT: {}", fraud.suggestion),
        "event SDK_PAYMENT_SUCCESSFUL: redirect to the payment result page".to_owned(),
        "event SDK_PAYMENT_PROCESSING: ask the server for the payment status".to_owned(),
        "issue warning /code unknown_value".to_owned(),
        "event SDK_FROM_THE_FUTURE: known=false".to_owned(),
    ])
}

/// `out` holds every expected line in order, logs the result redacted, and never the card number.
fn check(spec: &antom_spec::Spec, who: &str, out: &str) -> anyhow::Result<()> {
    let mut lines = out.lines();
    for want in expected(spec)? {
        if !lines.any(|l| l == want) {
            bail!("{who} did not print `{want}` where expected; it printed:\n{out}");
        }
    }
    if out.contains(CARD_NUMBER) {
        bail!("{who} printed the unmasked card number:\n{out}");
    }
    if !out
        .lines()
        .any(|l| l.starts_with("log ") && l.contains(r#""cardNo":"<redacted>""#))
    {
        bail!("{who} did not log the result with cardNo redacted:\n{out}");
    }
    eprintln!("    {who}: as the spec says");
    Ok(())
}
