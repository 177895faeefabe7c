//! How the Kotlin library is compiled and published to Maven repositories: the compiler, the
//! Kotlin version the jar is compiled for, the `kotlin-stdlib` it depends on and the POM's
//! metadata. One source for `build.gradle.kts` (generated here) and the bundle that
//! `cargo xtask release` stages (`xtask/src/release/maven.rs`).
//!
//! The jar is compiled by Kotlin 2.4 for language and API version 2.0: a Kotlin compiler reads
//! class metadata at most one minor version newer than its own, so Kotlin 1.9 reads a jar of
//! metadata 2.0 and refuses the 2.4 one (`incompatible classes were found in dependencies`).
//! Kotlin 2.4 warns that language version 2.0 is deprecated; `-Xsuppress-version-warnings`
//! silences that warning only, so `-Werror` still fails on any other.

use antom_spec::{Package, Spec};

/// The Kotlin compiler (and Gradle plugin) the library is built with: the compiler the tests
/// use (`tools/package.json`, `kotlin-compiler`).
pub const KOTLIN_VERSION: &str = "2.4.20";

/// Dokka, which renders the KDoc into the `-javadoc` jar (the Gradle and the Maven plugin).
pub const DOKKA_VERSION: &str = "2.2.0";

/// The Kotlin language and API version the jar is compiled for.
pub const LANGUAGE_VERSION: &str = "2.0";

/// The `kotlin-stdlib` the POM and `build.gradle.kts` depend on: the last patch of the 2.0 line,
/// the standard library of the API version the jar is compiled for. Kotlin 1.9 reads its
/// metadata (2.0); a consumer on a newer Kotlin gets its own newer stdlib by version
/// resolution.
pub const STDLIB_VERSION: &str = "2.0.21";

/// The oldest Kotlin compiler the tests prove a consumer can use (the maven consumer compiles
/// with it: `tools/package.json`, `kotlin-compiler-1.9`).
pub const OLDEST_CONSUMER_KOTLIN: &str = "1.9.25";

/// The `kotlinc` flags the library is compiled with, by the release and by the tests.
pub const KOTLINC_FLAGS: [&str; 6] = [
    "-Werror",
    "-language-version",
    LANGUAGE_VERSION,
    "-api-version",
    LANGUAGE_VERSION,
    "-Xsuppress-version-warnings",
];

/// One license of the package: its SPDX identifier and the address of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    pub id: String,
    pub url: String,
}

/// The Maven coordinates and POM metadata of the Kotlin library.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The spec's Kotlin package (`targets.kotlin.package`).
    pub group: String,
    /// The spec's package name.
    pub artifact: String,
    pub version: String,
    pub description: String,
    /// The spec's `repository`: the POM's `url` and `scm`.
    pub url: Option<String>,
    /// The identifiers of the spec's SPDX `license` expression, in order.
    pub licenses: Vec<License>,
    /// The spec's `author`: the POM's one developer.
    pub developer: Option<String>,
}

impl Publication {
    pub fn of(spec: &Spec) -> Self {
        Publication::of_package(&spec.package)
    }

    /// The publication of `package`.
    pub fn of_package(package: &Package) -> Self {
        Publication {
            group: super::settings::kotlin_package(package).to_owned(),
            artifact: package.name.clone(),
            version: package.version.clone(),
            description: package
                .description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            url: package.repository.clone(),
            licenses: package.license.as_deref().map(licenses).unwrap_or_default(),
            developer: package.author.clone(),
        }
    }

    /// The POM's `scm` `connection`: git over the repository's address.
    pub fn scm_connection(&self) -> Option<String> {
        self.url
            .as_ref()
            .map(|url| format!("scm:git:{}.git", url.trim_end_matches('/')))
    }

    /// The spec's `package` fields that Maven Central requires and the spec leaves out.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.licenses.is_empty() {
            missing.push("license");
        }
        if self.url.is_none() {
            missing.push("repository");
        }
        if self.developer.is_none() {
            missing.push("author");
        }
        missing
    }
}

/// The licenses of an SPDX expression (`MIT OR Apache-2.0`), each with its text on spdx.org: a
/// POM lists licenses and cannot say `OR` or `AND`.
fn licenses(expression: &str) -> Vec<License> {
    let mut out: Vec<License> = Vec::new();
    for id in expression
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|t| !t.is_empty() && !matches!(*t, "OR" | "AND" | "WITH"))
    {
        if out.iter().all(|l| l.id != id) {
            out.push(License {
                id: id.to_owned(),
                url: format!("https://spdx.org/licenses/{id}.html"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::licenses;

    #[test]
    fn an_spdx_expression_lists_each_license_once() {
        let ids: Vec<String> = licenses("(MIT OR Apache-2.0) AND MIT")
            .into_iter()
            .map(|l| l.id)
            .collect();
        assert_eq!(ids, ["MIT", "Apache-2.0"]);
        assert_eq!(licenses("MIT")[0].url, "https://spdx.org/licenses/MIT.html");
    }
}
