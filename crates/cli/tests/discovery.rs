//! Which spec a command uses when `--spec` is not given: the nearest `spec/` folder that holds an
//! antom spec (`.yaml` and `.yml` alike), never a foreign one; and `antom explain` on odd input.

mod common;

use common::{antom_in, repo, scratch, text};

#[test]
fn a_foreign_spec_folder_is_skipped_with_a_note() {
    let root = scratch("discovery-foreign");
    std::fs::create_dir_all(root.join("spec")).expect("spec");
    std::fs::write(root.join("spec/openapi.yaml"), "openapi: 3.0.0\ninfo: {}\n").expect("file");
    std::fs::create_dir_all(root.join("src")).expect("src");
    let out = antom_in(&root.join("src"), &["explain", "FRAUD_REJECT"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("FRAUD_REJECT"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("skipping") && stderr.contains("not an antom spec"),
        "{stderr}"
    );
}

#[test]
fn yml_files_are_a_spec_and_their_problems_are_reported() {
    let root = scratch("discovery-yml");
    std::fs::create_dir_all(root.join("spec")).expect("spec");
    let minimal =
        std::fs::read_to_string(repo().join("tests/cases/minimal/spec.yaml")).expect("fixture");
    std::fs::write(root.join("spec/main.yml"), minimal).expect("main");
    std::fs::write(root.join("spec/broken.yml"), "event_codes: [\n").expect("broken");
    let out = antom_in(&root, &["lint"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("broken.yml:"),
        "{}",
        text(&out.stderr)
    );

    std::fs::remove_file(root.join("spec/broken.yml")).expect("remove");
    let out = antom_in(&root, &["lint"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("spec"), "{}", text(&out.stdout));
    assert!(
        !text(&out.stdout).contains("built-in"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn explain_needs_a_code_and_never_echoes_control_characters() {
    let dir = repo();
    for args in [&["explain", ""][..], &["explain", "  "][..]] {
        let out = antom_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
        assert!(
            text(&out.stderr).contains("error:"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = antom_in(&dir, &["explain", "", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["error"]["kind"], "usage");

    let out = antom_in(&dir, &["explain", "X\u{1b}]0;pwned\u{7}\nerror: forged"]);
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        !all.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters: {all:?}"
    );
    assert!(
        !all.lines().any(|l| l.starts_with("error: forged")),
        "a forged line: {all}"
    );
    assert!(all.contains("\\u{1b}"), "{all}");
}
