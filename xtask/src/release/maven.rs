//! The Kotlin library as a bundle Maven Central accepts, staged in the layout of a Maven
//! repository: `maven/<group as path>/<artifact>/<version>/` holds the jar, the `-sources` and
//! `-javadoc` jars, the POM, and for each of those four its `.md5`, `.sha1`, `.sha256`, `.sha512`
//! and `.asc` signature; `maven/<artifact>-<version>-bundle.zip` holds them all in that layout.
//!
//! - The jar: the pinned `kotlinc` with the flags of `antom_codegen::maven::KOTLINC_FLAGS`
//!   (language and API version 2.0, `-Werror`), the same compiler the tests use.
//! - The javadoc jar: the KDoc rendered to HTML by Dokka's Maven plugin, run on a POM written
//!   for it in a scratch folder (offline: the pages do not depend on the network).
//! - The POM: coordinates and metadata from `antom_codegen::maven::Publication` (the spec's
//!   `package`), the one source `build.gradle.kts` is generated from too.
//! - Signatures: with `--dry-run`, a throwaway key made in a temporary `GNUPGHOME` and deleted
//!   afterwards; otherwise gpg's default key, or the one `ANTOM_SIGNING_KEY` names. Each signature
//!   is checked with `gpg --verify`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use antom_codegen::maven::{DOKKA_VERSION, KOTLINC_FLAGS, Publication, STDLIB_VERSION};

use super::run;
use crate::repo_root;

/// The checksum files Maven Central takes: extension and the coreutils program that makes it.
const CHECKSUMS: [(&str, &str); 4] = [
    ("md5", "md5sum"),
    ("sha1", "sha1sum"),
    ("sha256", "sha256sum"),
    ("sha512", "sha512sum"),
];

/// The folder of the bundle inside a staging (or repository) folder:
/// `<group as path>/<artifact>/<version>`.
pub(crate) fn bundle_dir(maven: &Path, publication: &Publication) -> PathBuf {
    let mut dir = maven.to_path_buf();
    dir.extend(publication.group.split('.'));
    dir.join(&publication.artifact).join(&publication.version)
}

/// `generated/kotlin`'s sources compiled into `jar` by the pinned `kotlinc` with `flags`.
pub(crate) fn compile_jar(
    publication: &Publication,
    flags: &[&str],
    jar: &Path,
) -> anyhow::Result<()> {
    let root = repo_root();
    run(
        "kotlinc (the Kotlin jar)",
        Command::new(root.join("tools/node_modules/kotlin-compiler/bin/kotlinc"))
            .arg(root.join("generated/kotlin/src/main/kotlin"))
            .args(flags)
            .args(["-module-name", &publication.artifact, "-d"])
            .arg(jar),
    )?;
    Ok(())
}

/// Writes `<file>.md5`, `.sha1`, `.sha256` and `.sha512`: the hex digest alone, as Maven
/// repositories keep them.
pub(crate) fn write_checksums(file: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (ext, program) in CHECKSUMS {
        let out = Command::new(program)
            .arg(file)
            .output()
            .with_context(|| format!("cannot start {program}"))?;
        if !out.status.success() {
            bail!("{program} {} failed ({})", file.display(), out.status);
        }
        let out = String::from_utf8_lossy(&out.stdout);
        let digest = out
            .split_whitespace()
            .next()
            .with_context(|| format!("{program} printed nothing for {}", file.display()))?;
        let path = with_suffix(file, ext);
        std::fs::write(&path, digest).with_context(|| format!("write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `file` with `.ext` appended to its name.
fn with_suffix(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Stages the bundle under `out/maven/` and returns its files.
pub(super) fn package_kotlin(
    spec: &antom_spec::Spec,
    out: &Path,
    dry_run: bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let publication = Publication::of(spec);
    let missing = publication.missing();
    if !missing.is_empty() {
        bail!(
            "Maven Central requires a license, a project URL and developers: add `{}` to `package` in {}",
            missing.join("`, `"),
            spec.package.file
        );
    }
    let root = repo_root();
    let scratch = root.join("target/release-maven");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).with_context(|| format!("create {}", scratch.display()))?;
    let dir = bundle_dir(&out.join("maven"), &publication);
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    let base = format!("{}-{}", publication.artifact, publication.version);

    let jar = dir.join(format!("{base}.jar"));
    compile_jar(&publication, &KOTLINC_FLAGS, &jar)?;

    let sources = dir.join(format!("{base}-sources.jar"));
    run(
        "jar (the sources jar)",
        Command::new("jar")
            .args(["--create", "--file"])
            .arg(&sources)
            .arg("-C")
            .arg(root.join("generated/kotlin/src/main/kotlin"))
            .arg("."),
    )?;

    let javadoc = dir.join(format!("{base}-javadoc.jar"));
    let html = dokka(&publication, &scratch.join("dokka"))?;
    run(
        "jar (the javadoc jar)",
        Command::new("jar")
            .args(["--create", "--file"])
            .arg(&javadoc)
            .arg("-C")
            .arg(&html)
            .arg("."),
    )?;

    let pom = dir.join(format!("{base}.pom"));
    std::fs::write(&pom, pom_xml(&publication))
        .with_context(|| format!("write {}", pom.display()))?;

    let main = [jar, sources, javadoc, pom];
    let mut files = main.to_vec();
    eprintln!("==> checksums (md5, sha1, sha256, sha512)");
    for file in &main {
        files.extend(write_checksums(file)?);
    }
    files.extend(sign(&main, dry_run, &scratch)?);
    files.sort();
    // The same files as one zip in the repository layout: what Central's portal takes as an
    // upload.
    let maven = out.join("maven");
    let zip = maven.join(format!("{base}-bundle.zip"));
    let top = publication.group.split('.').next().unwrap_or_default();
    run(
        "jar (the upload bundle zip)",
        Command::new("jar")
            .args(["--create", "--no-manifest", "--file"])
            .arg(&zip)
            .arg("-C")
            .arg(&maven)
            .arg(top),
    )?;
    files.push(zip);
    Ok(files)
}

/// The KDoc of `generated/kotlin` rendered to HTML by `dokka-maven-plugin`; returns the folder.
fn dokka(publication: &Publication, work: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(work).with_context(|| format!("create {}", work.display()))?;
    let sources = repo_root().join("generated/kotlin/src/main/kotlin");
    let output = work.join("html");
    // The library's POM (for the classpath: kotlin-stdlib) with the plugin's configuration.
    let pom = pom_xml(publication).replace(
        "</project>\n",
        &format!(
            r#"  <build>
    <plugins>
      <plugin>
        <groupId>org.jetbrains.dokka</groupId>
        <artifactId>dokka-maven-plugin</artifactId>
        <version>{DOKKA_VERSION}</version>
        <configuration>
          <offlineMode>true</offlineMode>
          <sourceDirectories>
            <dir>{sources}</dir>
          </sourceDirectories>
          <outputDir>{output}</outputDir>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"#,
            sources = xml(&sources.to_string_lossy()),
            output = xml(&output.to_string_lossy()),
        ),
    );
    let path = work.join("pom.xml");
    std::fs::write(&path, pom).with_context(|| format!("write {}", path.display()))?;
    run(
        &format!("Dokka {DOKKA_VERSION} (the javadoc jar's pages)"),
        Command::new("mvn")
            .args(["-B", "-ntp", "-q", "-f"])
            .arg(&path)
            .arg(format!(
                "org.jetbrains.dokka:dokka-maven-plugin:{DOKKA_VERSION}:dokka"
            )),
    )?;
    if !output.join("index.html").is_file() {
        bail!("Dokka wrote no index.html into {}", output.display());
    }
    Ok(output)
}

/// The POM Maven Central requires: coordinates, name, description, url, licenses, developers,
/// scm, and the one dependency, `kotlin-stdlib`.
fn pom_xml(p: &Publication) -> String {
    let url = p.url.as_deref().unwrap_or_default();
    let licenses: String = p
        .licenses
        .iter()
        .map(|l| {
            format!(
                "    <license>\n      <name>{}</name>\n      <url>{}</url>\n    </license>\n",
                xml(&l.id),
                xml(&l.url)
            )
        })
        .collect();
    let scm = p.scm_connection().unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <name>{artifact}</name>
  <description>{description}</description>
  <url>{url}</url>
  <licenses>
{licenses}  </licenses>
  <developers>
    <developer>
      <name>{developer}</name>
    </developer>
  </developers>
  <scm>
    <url>{url}</url>
    <connection>{scm}</connection>
    <developerConnection>{scm}</developerConnection>
  </scm>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{STDLIB_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"#,
        group = xml(&p.group),
        artifact = xml(&p.artifact),
        version = xml(&p.version),
        description = xml(&p.description),
        url = xml(url),
        developer = xml(p.developer.as_deref().unwrap_or_default()),
        scm = xml(&scm),
    )
}

/// `<file>.asc` for each file, each checked with `gpg --verify`. With `dry_run`, the key is a
/// throwaway one in a temporary `GNUPGHOME` under `scratch`, removed afterwards.
fn sign(files: &[PathBuf], dry_run: bool, scratch: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let home = scratch.join("gnupg");
    let gpg = |args: &[&str]| {
        let mut cmd = Command::new("gpg");
        cmd.args(["--batch", "--no-tty", "--pinentry-mode", "loopback"]);
        if dry_run {
            cmd.env("GNUPGHOME", &home);
        }
        cmd.args(args);
        cmd
    };
    if dry_run {
        std::fs::create_dir_all(&home).with_context(|| format!("create {}", home.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("chmod 700 {}", home.display()))?;
        }
        run(
            "gpg --quick-gen-key (a throwaway key for the dry run)",
            &mut gpg(&[
                "--passphrase",
                "",
                "--quick-gen-key",
                "antom-callback release dry run <dry-run@example.invalid>",
                "ed25519",
                "sign",
                "1d",
            ]),
        )?;
    }
    let key = std::env::var("ANTOM_SIGNING_KEY").ok().filter(|_| !dry_run);
    let result = (|| {
        let mut signatures = Vec::new();
        for file in files {
            let asc = with_suffix(file, "asc");
            let _ = std::fs::remove_file(&asc);
            let mut cmd = gpg(&["--armor", "--detach-sign", "--output"]);
            cmd.arg(&asc);
            if let Some(key) = &key {
                cmd.args(["--local-user", key]);
            }
            if dry_run {
                cmd.args(["--passphrase", ""]);
            }
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            run(&format!("gpg --detach-sign {name}"), cmd.arg(file))?;
            run(
                &format!("gpg --verify {name}.asc"),
                gpg(&["--verify"]).arg(&asc).arg(file),
            )?;
            signatures.push(asc);
        }
        Ok(signatures)
    })();
    if dry_run {
        // The agent that key generation started for this GNUPGHOME, then the key itself.
        let _ = Command::new("gpgconf")
            .args(["--kill", "gpg-agent"])
            .env("GNUPGHOME", &home)
            .status();
        let _ = std::fs::remove_dir_all(&home);
    }
    result
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
