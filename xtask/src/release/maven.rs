//! The Kotlin library for Maven repositories: the jar and its POM.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use super::run;
use crate::repo_root;

/// The Kotlin sources compiled into a jar by the pinned `kotlinc`, with a POM beside it.
pub(super) fn package_kotlin(spec: &antom_spec::Spec, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let root = repo_root();
    let kotlinc = root.join("tools/node_modules/kotlin-compiler/bin/kotlinc");
    let gradle = std::fs::read_to_string(root.join("generated/kotlin/build.gradle.kts"))
        .context("generated/kotlin/build.gradle.kts")?;
    let field = |name: &str| {
        antom_codegen::version::version_at(&gradle, &format!("{name} = ")).map(str::to_owned)
    };
    let group = field("group").context("build.gradle.kts has no group")?;
    let kotlin_version = gradle
        .lines()
        .find_map(|l| l.trim().strip_prefix("kotlin(\"jvm\") version \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .context("build.gradle.kts names no Kotlin version")?
        .to_owned();
    let out = out.join("maven");
    std::fs::create_dir_all(&out).with_context(|| format!("create {}", out.display()))?;
    let artifact = &spec.package.name;
    let version = &spec.package.version;
    let jar = out.join(format!("{artifact}-{version}.jar"));
    run(
        "kotlinc (Kotlin jar)",
        Command::new(&kotlinc)
            .arg(root.join("generated/kotlin/src/main/kotlin"))
            .args(["-Werror", "-d"])
            .arg(&jar),
    )?;
    let pom = out.join(format!("{artifact}-{version}.pom"));
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <description>{description}</description>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>{kotlin_version}</version>
    </dependency>
  </dependencies>
</project>
"#,
        group = xml(&group),
        artifact = xml(artifact),
        version = xml(version),
        description = xml(&spec.package.description),
    );
    std::fs::write(&pom, text).with_context(|| format!("write {}", pom.display()))?;
    Ok(vec![jar, pom])
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
