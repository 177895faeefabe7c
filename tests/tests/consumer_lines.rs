//! The README's "Consuming the outputs" table: each row's dependency line (its first code span)
//! is what that ecosystem's consumer project under `tests/consumers/` declares or runs, word for
//! word, so the line a reader copies is the line `cargo xtask test` builds from the release
//! artifacts. Maven coordinates are matched against the consumer POM's `<dependency>`.

use std::path::Path;

use antom_tests::{repo_root, repo_spec};

/// The rows of the table: (ecosystem, dependency line, consumer folder).
fn rows(readme: &str) -> Vec<(String, String, String)> {
    let start = readme
        .find("| ecosystem | the dependency line |")
        .expect("README.md has the table of dependency lines");
    readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            assert!(cells.len() >= 3, "a row of four cells: {row}");
            let code = |cell: &str| {
                cell.split('`')
                    .nth(1)
                    .unwrap_or_else(|| panic!("no code span in `{cell}`"))
                    .to_owned()
            };
            let folder = cells[2]
                .split("](")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .unwrap_or_else(|| panic!("no link to the consumer in `{}`", cells[2]))
                .to_owned();
            (
                cells[0].trim_start_matches("| ").to_owned(),
                code(cells[1]),
                folder,
            )
        })
        .collect()
}

/// Every file under `dir`, as text.
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(texts(&path));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// `text` without whitespace, for matching XML written on several lines.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether a POM declares the dependency `group:artifact:version`, its version written out or as
/// the `antom.version` property (which lets a release build an older release's consumer against
/// its new version).
fn declares_dependency(pom: &str, group: &str, artifact: &str, version: &str) -> bool {
    let pom = squeezed(pom);
    let head = format!("<groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>");
    pom.contains(&format!("{head}{version}</version>"))
        || (pom.contains(&format!("{head}${{antom.version}}</version>"))
            && pom.contains(&format!("<antom.version>{version}</antom.version>")))
}

#[test]
fn declares_dependency_reads_the_version_or_its_property() {
    let written = "<dependency>\n <groupId>g</groupId>\n <artifactId>a</artifactId>\n <version>1.0.0</version>";
    assert!(declares_dependency(written, "g", "a", "1.0.0"));
    assert!(!declares_dependency(written, "g", "a", "1.0.1"));
    let property = "<antom.version>2.0.0</antom.version> <groupId>g</groupId><artifactId>a</artifactId><version>${antom.version}</version>";
    assert!(declares_dependency(property, "g", "a", "2.0.0"));
    assert!(!declares_dependency(property, "g", "a", "1.0.0"));
    assert!(!declares_dependency(property, "g", "b", "2.0.0"));
}

/// The Kotlin README's Maven and Gradle lines name the coordinates the Maven consumer resolves.
#[test]
fn the_kotlin_readme_names_the_coordinates_the_consumer_resolves() {
    let spec = repo_spec();
    let readme = std::fs::read_to_string(repo_root().join("generated/kotlin/README.md"))
        .expect("generated/kotlin/README.md");
    let pom = std::fs::read_to_string(repo_root().join("tests/consumers/maven/pom.xml"))
        .expect("tests/consumers/maven/pom.xml");
    let (group, artifact, version) = (
        antom_codegen::settings::kotlin_package(&spec.package),
        spec.package.name.as_str(),
        spec.package.version.as_str(),
    );
    assert!(
        declares_dependency(&readme, group, artifact, version),
        "the README's <dependency>"
    );
    assert!(
        declares_dependency(&pom, group, artifact, version),
        "the consumer's <dependency>"
    );
    assert!(
        readme.contains(&format!("implementation(\"{group}:{artifact}:{version}\")")),
        "the README's Gradle line"
    );
}

#[test]
fn every_dependency_line_is_what_a_consumer_project_builds() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let rows = rows(&readme);
    let folders: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(
        folders,
        [
            "tests/consumers/rust",
            "tests/consumers/npm",
            "tests/consumers/maven",
            "tests/consumers/swift",
            "tests/consumers/objc"
        ],
        "one row per consumer project"
    );
    for (ecosystem, line, folder) in &rows {
        let files = texts(&repo_root().join(folder));
        let found = if let [group, artifact, version] =
            line.split(':').collect::<Vec<_>>().as_slice()
            && !line.contains(' ')
        {
            files
                .iter()
                .any(|(_, text)| declares_dependency(text, group, artifact, version))
        } else {
            files.iter().any(|(_, text)| text.contains(line.as_str()))
        };
        assert!(
            found,
            "{ecosystem}: the README's dependency line `{line}` is in no file of {folder}"
        );
    }
}

#[test]
fn the_dependency_lines_name_the_spec_packages() {
    let spec = repo_spec();
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let lines: Vec<String> = rows(&readme).into_iter().map(|r| r.1).collect();
    let major = spec.package.version.split('.').next().expect("a version");
    let expected = [
        format!("{} = \"{major}\"", spec.package.name),
        format!(
            "\"{}\": \"^{}\"",
            antom_codegen::settings::npm_name(&spec.package),
            spec.package.version
        ),
        format!(
            "{}:{}:{}",
            antom_codegen::settings::kotlin_package(&spec.package),
            spec.package.name,
            spec.package.version
        ),
        format!(
            ".package(url: \"{}\", from: \"{}\")",
            spec.package
                .repository
                .as_deref()
                .expect("the spec names its repository"),
            spec.package.version
        ),
        format!(
            "cargo install antom-cli --version ={} --locked",
            env!("CARGO_PKG_VERSION")
        ),
    ];
    assert_eq!(lines, expected);
}

/// The Objective-C README's recipe is the one the consumer's script runs: each `sh` line, its
/// `--check` aside (the script passes its arguments on), is a line of `scripts/antom.sh`.
#[test]
fn the_objc_readme_recipe_is_the_consumer_script() {
    let readme = std::fs::read_to_string(repo_root().join("generated/objc/README.md"))
        .expect("generated/objc/README.md");
    let script = std::fs::read_to_string(repo_root().join("tests/consumers/objc/scripts/antom.sh"))
        .expect("tests/consumers/objc/scripts/antom.sh");
    let lines: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .flat_map(|block| block.split("```").next().unwrap_or_default().lines())
        .collect();
    assert!(lines.len() >= 3, "the README's recipe: {lines:?}");
    for line in lines {
        let command = line.strip_suffix(" --check").unwrap_or(line);
        assert!(
            script.lines().any(|l| l.trim_start().starts_with(command)),
            "`{line}` of the Objective-C README is not run by tests/consumers/objc/scripts/antom.sh"
        );
    }
}
