//! One version everywhere: the spec's `package.version` is the version of every artifact that
//! carries its data. Each target names the files where it writes that version ([`Site`]);
//! [`check`] reads them back from a folder, with the hand-kept files a repository adds (the Rust
//! crate's `Cargo.toml` here), and names every file whose version differs.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use antom_spec::Spec;

use crate::Target;

/// A file that carries the spec's version: the first line starting with `marker` holds it as
/// the first quoted string (in `"` or `'`) after the marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// `/`-separated, relative to the folder given to [`check`].
    pub path: String,
    /// The text the version's line starts with, indentation included.
    pub marker: &'static str,
}

impl Site {
    pub fn new(path: impl Into<String>, marker: &'static str) -> Site {
        Site {
            path: path.into(),
            marker,
        }
    }
}

/// A file whose version is not the spec's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub path: PathBuf,
    /// What the file says, `None` when the file or its version line is missing.
    pub found: Option<String>,
    pub expected: String,
    /// The spec file that declares the version.
    pub declared_in: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.found {
            Some(found) => write!(
                f,
                "{}: version {found}, but the spec's package.version is {} ({})",
                self.path.display(),
                self.expected,
                self.declared_in
            ),
            None => write!(
                f,
                "{}: no version found, but the spec's package.version is {} ({})",
                self.path.display(),
                self.expected,
                self.declared_in
            ),
        }
    }
}

/// The version at `marker` in `contents`.
pub fn version_at<'c>(contents: &'c str, marker: &str) -> Option<&'c str> {
    let line = contents.lines().find(|l| l.starts_with(marker))?;
    let rest = &line[marker.len()..];
    let open = rest.find(['"', '\''])?;
    let quote = rest[open..].chars().next()?;
    let start = open + 1;
    let len = rest[start..].find(quote)?;
    Some(&rest[start..start + len])
}

/// Every version site of the given targets, with paths relative to `Target::repo_dir` of each
/// (`per_target_dir`) or to one shared folder.
pub fn sites(spec: &Spec, targets: &[Target], per_target_dir: bool) -> Vec<Site> {
    targets
        .iter()
        .flat_map(|&t| {
            t.version_sites(spec).into_iter().map(move |s| {
                if per_target_dir {
                    Site::new(format!("{}/{}", t.repo_dir(), s.path), s.marker)
                } else {
                    s
                }
            })
        })
        .collect()
}

/// Reads every site under `root` and returns the files whose version is not `spec`'s.
pub fn check(spec: &Spec, root: &Path, sites: &[Site]) -> Vec<Mismatch> {
    let expected = &spec.package.version;
    sites
        .iter()
        .filter_map(|site| {
            let path = root.join(&site.path);
            let contents = fs::read_to_string(&path).ok();
            let found = contents
                .as_deref()
                .and_then(|c| version_at(c, site.marker))
                .map(str::to_owned);
            (found.as_deref() != Some(expected.as_str())).then(|| Mismatch {
                path,
                found,
                expected: expected.clone(),
                declared_in: spec.package.file.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::version_at;

    #[test]
    fn reads_the_first_quoted_string_after_the_marker() {
        let text = "kotlin(\"jvm\") version \"2.4.20\"\nversion = \"1.2.3\"\nversion = \"9\"\n";
        assert_eq!(version_at(text, "version = "), Some("1.2.3"));
        assert_eq!(version_at(text, "    version = "), None);
        assert_eq!(version_at("version = 1.2.3\n", "version = "), None);
        assert_eq!(version_at("V = '1.0.0';\n", "V = "), Some("1.0.0"));
    }
}
