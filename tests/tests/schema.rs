//! The generated JSON Schemas, judged by ajv (draft 2020-12, strict mode) against our validator.
//!
//! One node run (`tests/schema/check.mjs`) compiles the payload schemas of the repository spec
//! and of every fixture case, and the catalog schemas, and gives ajv's verdict on every
//! conformance vector plus a grid of payloads that exercise the cross-field checks. The verdicts
//! must match `antom_callback::validate`: lenient valid ⇔ no errors; strict valid ⇔ no errors
//! and no warnings; each catalog is valid against its schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use antom_codegen::{GeneratedFile, Target};
use antom_spec::Spec;
use antom_tests::{fixture_cases, load_spec, repo_root, repo_spec, tools, vectors};
use serde_json::{Value, json};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Generates one target of a spec into a folder.
fn write_target(spec: &Spec, target: Target, dir: &Path) {
    std::fs::create_dir_all(dir).expect("target folder");
    let generated = antom_codegen::generate(spec, &[target]).unwrap_or_else(|e| panic!("{e}"));
    let files: &[GeneratedFile] = &generated[0].1;
    for f in files {
        std::fs::write(dir.join(&f.path), &f.contents).expect("write generated file");
    }
}

/// Payloads that walk the cross-field checks: `lastFour` against `cardNo`, and the outcomes of
/// the event code, `paymentStatus` and `paymentResultCode` in every combination.
fn check_grid(spec: &Spec) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let last_fours = [
        "", "1", "8", "88", "888", "8888", "0000", "12a4", "😀", "123", "8 88", "12345", "9999",
        "5678", "6789",
    ];
    let card_nos = [
        "",
        "8",
        "88",
        "8888",
        "****8888",
        "****0000",
        "123456******8888",
        "8888****",
        "***",
        "a8888",
        "8\u{ff18}88",
        "😀8888",
        "****888",
        "**88",
        "1234",
        "****9999",
        "123456****5678",
        "***6789",
        "9",
    ];
    for (i, a) in last_fours.iter().enumerate() {
        for (j, b) in card_nos.iter().enumerate() {
            out.push((
                format!("grid/last_four_{i}_card_no_{j}"),
                json!({ "cardPaymentResultInfo": { "lastFour": a, "cardNo": b } }),
            ));
        }
    }

    let statuses: Vec<Option<String>> = spec
        .enum_def("PaymentStatus")
        .map(|e| {
            e.values
                .iter()
                .map(|v| Some(v.value.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .chain([None, Some("NOT_A_STATUS".to_owned())])
        .collect();
    // One result code per outcome (and one without), an unknown one, and none.
    let mut result_codes: Vec<Option<String>> = Vec::new();
    let mut seen = Vec::new();
    for c in &spec.result_codes {
        if !seen.contains(&c.outcome) {
            seen.push(c.outcome);
            result_codes.push(Some(c.code.clone()));
        }
    }
    result_codes.extend([None, Some("NOT_A_RESULT_CODE".to_owned())]);
    let codes: Vec<Option<String>> = spec
        .event_codes
        .iter()
        .map(|c| Some(c.code.clone()))
        .chain([None, Some("NOT_AN_EVENT_CODE".to_owned())])
        .collect();
    for (i, code) in codes.iter().enumerate() {
        for (j, status) in statuses.iter().enumerate() {
            for (k, result_code) in result_codes.iter().enumerate() {
                let mut result = serde_json::Map::new();
                if let Some(s) = status {
                    result.insert("paymentStatus".to_owned(), json!(s));
                }
                if let Some(r) = result_code {
                    result.insert("paymentResultCode".to_owned(), json!(r));
                }
                let payload = match code {
                    Some(c) => json!({ "code": c, "result": result }),
                    None => Value::Object(result),
                };
                out.push((format!("grid/outcome_{i}_{j}_{k}"), payload));
            }
        }
    }
    out
}

#[test]
fn ajv_agrees_with_our_validator_and_accepts_every_generated_schema() {
    let Some(found) = tools::require("JSON Schema (ajv)", &["node", "ajv"]) else {
        return;
    };
    let (node, ajv) = (&found[0], &found[1]);
    let root = scratch("schema");
    let spec = repo_spec();

    let mut schema_dirs = Vec::new();
    let mut catalog_dirs = Vec::new();
    let repo_dir = root.join("repo");
    write_target(&spec, Target::Schema, &repo_dir.join("schema"));
    write_target(&spec, Target::Catalog, &repo_dir.join("catalog"));
    schema_dirs.push(json!({ "name": "repo", "dir": repo_dir.join("schema") }));
    catalog_dirs.push(json!({ "name": "repo", "dir": repo_dir.join("catalog") }));
    let cases = fixture_cases();
    for (name, case) in &cases {
        let case_spec = load_spec(case);
        let dir = root.join("cases").join(name);
        write_target(&case_spec, Target::Schema, &dir.join("schema"));
        write_target(&case_spec, Target::Catalog, &dir.join("catalog"));
        schema_dirs.push(json!({ "name": name, "dir": dir.join("schema") }));
        catalog_dirs.push(json!({ "name": name, "dir": dir.join("catalog") }));
    }

    let vectors = vectors::load();
    assert!(
        vectors.len() >= 10,
        "expected conformance vectors under tests/vectors"
    );
    let grid = check_grid(&spec);
    let payloads: Vec<(String, Value)> = vectors
        .iter()
        .map(|v| (v.name.clone(), v.payload.clone()))
        .chain(grid.iter().cloned())
        .collect();
    let job = json!({
        "schemaDirs": schema_dirs,
        "payloads": payloads.iter().map(|(n, p)| json!({ "name": n, "payload": p })).collect::<Vec<_>>(),
        "catalogDirs": catalog_dirs,
    });
    let job_file = root.join("job.json");
    std::fs::write(&job_file, job.to_string()).expect("write job");

    let script = repo_root().join("tests/schema/check.mjs");
    let output = Command::new(node)
        .arg(&script)
        .arg(ajv)
        .arg(&job_file)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{} failed:\n{}\n{stdout}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let result: Value = serde_json::from_str(&stdout).expect("the script prints JSON");

    let mut problems = Vec::new();
    let compiled = result["compiled"].as_object().expect("compiled map");
    assert_eq!(
        compiled.len(),
        4 * (1 + cases.len()),
        "every payload, spec and catalog schema was compiled: {compiled:?}"
    );
    for (name, status) in compiled {
        if status != "ok" {
            problems.push(format!("{name}: ajv (strict) rejects the schema: {status}"));
        }
    }
    for (name, verdict) in result["catalogs"].as_object().expect("catalogs map") {
        if verdict["valid"] != json!(true) {
            problems.push(format!(
                "{name}: catalog.json does not validate against catalog.schema.json: {}",
                verdict["errors"]
            ));
        }
    }

    let verdicts = result["verdicts"].as_array().expect("verdicts");
    assert_eq!(verdicts.len(), payloads.len(), "one verdict per payload");
    let (mut clean, mut warned, mut failed) = (0, 0, 0);
    for ((name, payload), verdict) in payloads.iter().zip(verdicts) {
        assert_eq!(verdict["name"].as_str(), Some(name.as_str()));
        let report = antom_callback::validate(payload);
        match (report.is_valid(), report.is_clean()) {
            (_, true) => clean += 1,
            (true, false) => warned += 1,
            (false, _) => failed += 1,
        }
        let issues: Vec<String> = report.issues.iter().map(ToString::to_string).collect();
        let first = |errors: &Value| -> Vec<Value> {
            errors
                .as_array()
                .map(|a| a.iter().take(6).cloned().collect())
                .unwrap_or_default()
        };
        if verdict["lenient"] != json!(report.is_valid()) {
            problems.push(format!(
                "{name}: lenient schema says valid={}, the validator reports {issues:?}; ajv: {:?}",
                verdict["lenient"],
                first(&verdict["lenientErrors"])
            ));
        }
        if verdict["strict"] != json!(report.is_clean()) {
            problems.push(format!(
                "{name}: strict schema says valid={}, the validator reports {issues:?}; ajv: {:?}",
                verdict["strict"],
                first(&verdict["strictErrors"])
            ));
        }
    }
    assert!(
        clean > 0 && warned > 0 && failed > 0,
        "the payloads cover clean, warned and failing cases ({clean}, {warned}, {failed})"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
