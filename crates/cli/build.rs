//! Embeds the repository's `spec/*.yaml` into the binary, the default when no `spec/` is found.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // `embedded-spec` is a link to the repository's `spec/` folder; `cargo package` copies its files in.
    let spec_dir = manifest.join("embedded-spec");
    println!("cargo:rerun-if-changed={}", spec_dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&spec_dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
    files.sort();
    let mut out = String::from(
        "/// The spec files compiled into the binary: (display path, contents).\npub(crate) const EMBEDDED_SPEC: &[(&str, &[u8])] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("spec file names are UTF-8");
        let abs = fs::canonicalize(file).expect("spec file exists");
        out.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            format!("spec/{name}"),
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_spec.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
