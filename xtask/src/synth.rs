//! `cargo xtask synth`: a synthetic but valid spec of a given size, for benchmarks.
//!
//! `--codes N` enumerations of `--values V` values each, and `--tables M` objects of
//! `--fields K` fields (string fields with `max_length` and a pattern, enum fields, nested
//! objects), plus event and result codes so that every target has every kind of input.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

/// The size of a synthetic spec.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Size {
    pub codes: usize,
    pub values: usize,
    pub tables: usize,
    pub fields: usize,
}

/// The spec files (name, text) of a synthetic spec.
pub(crate) fn spec_files(size: Size) -> Vec<(String, String)> {
    let header = "# yaml-language-server: $schema=../generated/schema/spec.schema.json\n";
    let mut package = String::from(header);
    package.push_str(
        "package:\n  name: synthetic\n  version: 1.0.0\n  description: A synthetic spec for benchmarks.\n  \
         targets: { kotlin: { package: com.example.synthetic } }\n\
         sources:\n  synth:\n    title: cargo xtask synth\n\
         actions:\n  no_action:\n    description: Nothing to do.\n  retry:\n    description: Try again.\n\
         callbacks:\n  onEventCallback:\n    description: Receives events.\n    argument: State\n    provenance: { sources: [synth] }\n\
         objects:\n  State:\n    description: The callback argument.\n    fields:\n      \
         code: { type: EventCode, required: true, description: The event code. }\n      \
         reason: { type: PaymentResultCode, max_length: 64, description: The reason. }\n\
         payload:\n  callback: onEventCallback\n  discriminant: code\n",
    );
    let codes = size.codes.max(1);
    let mut events = format!("{header}event_codes:\n");
    let mut results = format!("{header}result_codes:\n");
    for i in 0..codes.min(200) {
        let _ = write!(
            events,
            "  SDK_EVENT_{i:05}:\n    kind: {}\n    phase: {}\n    callbacks: [onEventCallback]\n    description: Event number {i}.\n    action: no_action\n    provenance: {{ sources: [synth] }}\n",
            ["status", "error", "payment_result"][i % 3],
            ["loading", "form", "submission", "challenge", "result"][i % 5]
        );
        let _ = write!(
            results,
            "  RESULT_{i:05}:\n    message: Result number {i} happened.\n    suggestion: Handle result number {i}.\n    action: retry\n    outcome: failure\n    provenance: {{ sources: [synth] }}\n"
        );
    }
    let mut enums = format!("{header}enums:\n");
    for e in 0..size.codes {
        let _ = write!(
            enums,
            "  Enum{e:06}:\n    description: Enumeration number {e}.\n    values:\n"
        );
        for v in 0..size.values {
            let _ = writeln!(
                enums,
                "      VALUE_{e:06}_{v:04}: {{ description: Value {v} of enumeration {e}. }}"
            );
        }
    }
    let mut tables = format!("{header}objects:\n");
    for t in 0..size.tables {
        let _ = write!(
            tables,
            "  Table{t:06}:\n    description: Table number {t}.\n    fields:\n"
        );
        for f in 0..size.fields {
            let line = match f % 4 {
                0 if size.codes > 0 => format!(
                    "      field{f:03}: {{ type: Enum{:06}, max_length: 32, description: Enumerated field {f}. }}",
                    (t + f) % size.codes
                ),
                1 => format!(
                    "      field{f:03}: {{ type: string, max_length: 2, pattern: \"^(0[1-9]|1[0-2])$\", format: two-digit month, description: Month field {f}. }}"
                ),
                2 => format!(
                    "      field{f:03}: {{ type: string, max_length: 32, pattern: \"^[0-9]{{0,6}}[*]+[0-9]{{0,4}}$\", format: a masked number, sensitive: true, description: Masked field {f}. }}"
                ),
                _ => format!(
                    "      field{f:03}: {{ type: string, max_length: 256, description: Free text field {f}. }}"
                ),
            };
            tables.push_str(&line);
            tables.push('\n');
        }
    }
    let mut files = vec![
        ("package.yaml".to_owned(), package),
        ("event-codes.yaml".to_owned(), events),
        ("result-codes.yaml".to_owned(), results),
    ];
    if size.codes > 0 {
        files.push(("enums.yaml".to_owned(), enums));
    }
    if size.tables > 0 {
        files.push(("tables.yaml".to_owned(), tables));
    }
    files
}

/// Writes a synthetic spec into `out` (created, emptied of `.yaml` files first).
pub(crate) fn write(size: Size, out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::remove_file(path)?;
        }
    }
    for (name, text) in spec_files(size) {
        std::fs::write(out.join(name), text)?;
    }
    Ok(())
}
