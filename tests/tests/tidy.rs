//! Tidy rules that keep the codebase consistent: module docs, no ignored tests, LF endings.

use std::path::{Path, PathBuf};

use antom_tests::repo_root;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | ".git" | ".tools") {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_has_a_module_doc_and_no_ignored_test() {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in ["crates", "xtask", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} Rust files", files.len());
    let ignore_attr = concat!("#[", "ignore");
    let mut bad = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let first_code = text
            .lines()
            .find(|l| !l.starts_with("// @generated") && !l.trim().is_empty())
            .unwrap_or("");
        if !first_code.starts_with("//!") {
            bad.push(format!(
                "{}: does not start with a `//!` module doc",
                file.display()
            ));
        }
        if text.contains(ignore_attr) {
            bad.push(format!("{}: has an ignored test", file.display()));
        }
        if text.contains('\r') {
            bad.push(format!("{}: has CR line endings", file.display()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
