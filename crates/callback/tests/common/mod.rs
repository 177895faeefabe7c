//! What several of the crate's test files read: the shared conformance vectors.

use serde_json::Value;

/// Every conformance vector of `tests/vectors/`, by file name (without `.json`), in name order.
pub(crate) fn vectors() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("tests/vectors")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("a vector");
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, serde_json::from_str(&text).expect("a vector is JSON"))
        })
        .collect()
}
