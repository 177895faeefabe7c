//! Adding a target: a target of event codes only, defined here and registered in one line,
//! generates its file, lint rejects a spec that uses one of its keywords, and its package setting
//! (`targets.tally.table`) is defaulted, checked and described in `spec.schema.json`, with no
//! change to the loader crate.

use antom_codegen::ir::Ir;
use antom_codegen::names::{Naming, Role, screaming};
use antom_codegen::{
    Comment, GeneratedFile, Generator, RenderError, Syntax, Target, Targets, header,
};
use antom_spec::settings::reserves_nothing;
use antom_spec::{Setting, SourceFile, TargetSettings};

/// "Tally", a language of constants: `NAME = "wire"`, `#` comments.
struct Tally;

/// Tally's keywords: no spec name may become one.
const KEYWORDS: &[&str] = &["BEGIN", "END", "GOTO"];

impl Naming for Tally {
    fn language(&self) -> &str {
        "Tally"
    }
    fn ident(&self, _role: Role, name: &str) -> String {
        screaming(name)
    }
    fn unusable(&self, role: Role, name: &str) -> Option<String> {
        let ident = self.ident(role, name);
        KEYWORDS
            .contains(&ident.as_str())
            .then(|| format!("`{ident}` is a keyword of Tally"))
    }
    fn reserved_types(&self) -> &[(&str, &str)] {
        &[("Tally", "the table every Tally file declares")]
    }
}

impl Syntax for Tally {
    const NAMING: &'static dyn Naming = &Tally;
    const COMMENT: Comment = Comment::line("# ");
    const NONE: &'static str = "nil";

    fn str_lit(s: &str) -> String {
        format!("{s:?}")
    }
    fn list(items: Vec<String>) -> String {
        format!("({})", items.join(" "))
    }
    fn member(enumeration: &str, case: &str) -> String {
        format!("{enumeration}.{case}")
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("(deprecated {replaced_by} {note})")
    }
}

/// Tally's one package setting: the name of the table its file declares.
static SETTINGS: TargetSettings = TargetSettings {
    target: "tally",
    schema_name: "TallyTarget",
    description: "The Tally table.",
    title: "Settings of the Tally target.",
    settings: &[Setting {
        key: "table",
        what: "Tally table",
        description: "Table name, uppercase words joined by `_`. Default: `package.name` so written.",
        default: screaming,
        valid: |s| !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
        style: "uppercase words joined by `_`",
        reserves: reserves_nothing,
    }],
};

impl Generator for Tally {
    fn name(&self) -> &'static str {
        "tally"
    }
    fn settings(&self) -> Option<&'static TargetSettings> {
        Some(&SETTINGS)
    }
    fn repo_dir(&self) -> &'static str {
        "generated/tally"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&Tally)
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let mut contents = header(Tally::COMMENT, &ir.files());
        for code in &ir.event_codes().values {
            contents.push_str(&format!(
                "{} = {} {}\n",
                Tally::variant(code.wire),
                Tally::str_lit(code.wire),
                Tally::outcome(code.outcome),
            ));
        }
        Ok(vec![GeneratedFile {
            path: "codes.tally".to_owned(),
            contents,
        }])
    }
}

/// The one line that registers the target: the standard list and Tally.
fn with_tally() -> Vec<Target> {
    Target::ALL
        .iter()
        .copied()
        .chain([Target::new(&Tally)])
        .collect()
}

fn spec_with_event_code(code: &str) -> Vec<SourceFile> {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/invalid/base.yaml");
    let text = std::fs::read_to_string(base).expect("the base spec");
    let text = text.replacen("  SDK_PAYMENT_FAIL:", &format!("  {code}:"), 1);
    vec![SourceFile::new("spec.yaml", text)]
}

#[test]
fn lint_rejects_a_keyword_of_a_registered_target() {
    let files = spec_with_event_code("GOTO");
    // The standard targets take `GOTO`; with Tally registered, lint rejects it.
    assert!(antom_codegen::load(&files).is_ok());
    let targets = with_tally();
    let problems = antom_spec::load(&files, &Targets(&targets)).expect_err("a Tally keyword");
    let shown: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "spec.yaml:22:3: event code `GOTO` cannot be generated in Tally: `GOTO` is a keyword of Tally; rename it"
        ]
    );
}

#[test]
fn lint_rejects_a_type_name_a_registered_target_reserves() {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/invalid/base.yaml");
    let mut text = std::fs::read_to_string(base).expect("the base spec");
    text.push_str("\nenums:\n  Tally:\n    description: A tally.\n    values:\n      ONE:\n        description: One.\n");
    let files = [SourceFile::new("spec.yaml", text)];
    assert!(antom_codegen::load(&files).is_ok());
    let targets = with_tally();
    let problems = antom_spec::load(&files, &Targets(&targets)).expect_err("a reserved name");
    let shown: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|p| p.ends_with(
            "enum name `Tally` is reserved: it is the table every Tally file declares; choose another"
        )),
        "{shown:?}"
    );
}

#[test]
fn a_registered_target_generates_from_the_intermediate_layer() {
    let spec = antom_codegen::load(&spec_with_event_code("SDK_PAYMENT_FAIL")).expect("valid");
    let targets = with_tally();
    let generated = antom_codegen::generate(&spec, &targets).expect("renders");
    let (target, files) = generated.last().expect("Tally comes last");
    assert_eq!(target.name(), "tally");
    assert_eq!(
        files[0].contents,
        "# @generated by antom-codegen from spec/spec.yaml. Do not edit: change the spec and run `cargo xtask codegen`.\nSDK_PAYMENT_FAIL = \"SDK_PAYMENT_FAIL\" nil\n"
    );
}

/// The base spec with `targets:` under its package.
fn spec_with_targets(targets: &str) -> Vec<SourceFile> {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/invalid/base.yaml");
    let text = std::fs::read_to_string(base).expect("the base spec");
    let package = "  description: A minimal spec for one lint case.\n";
    let text = text.replacen(package, &format!("{package}  targets:\n{targets}"), 1);
    vec![SourceFile::new("spec.yaml", text)]
}

fn problems(files: &[SourceFile], targets: &[Target]) -> Vec<String> {
    match antom_spec::load(files, &Targets(targets)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_registered_target_declares_its_package_setting() {
    let targets = with_tally();
    // Defaulted from `package.name`.
    let spec = antom_spec::load(&spec_with_targets(""), &Targets(&targets)).expect("valid");
    assert_eq!(spec.package.targets.get("tally", "table"), "ANTOM_CALLBACK");
    // Written.
    let written = spec_with_targets("    tally:\n      table: TOTALS\n");
    let spec = antom_spec::load(&written, &Targets(&targets)).expect("valid");
    assert_eq!(spec.package.targets.get("tally", "table"), "TOTALS");
    // Unknown until the target is registered.
    assert_eq!(
        problems(&written, Target::ALL),
        [
            "spec.yaml:6:5: unknown field `tally`, expected one of typescript, kotlin, swift (see spec.schema.json)"
        ]
    );
    // Rejected when its rule rejects it, and an unknown key of it.
    let bad = spec_with_targets("    tally:\n      table: totals\n      tables: X\n");
    assert_eq!(
        problems(&bad, &targets),
        [
            "spec.yaml:7:14: Tally table `totals` must be uppercase words joined by `_`",
            "spec.yaml:8:7: unknown field `tables`, expected one of table (see spec.schema.json)",
        ]
    );
    // Described in the spec file's schema.
    let schema = antom_spec::spec_file_schema(&Targets(&targets));
    assert_eq!(
        schema["$defs"]["TallyTarget"]["properties"]["table"]["description"],
        "Table name, uppercase words joined by `_`. Default: `package.name` so written."
    );
    assert_eq!(
        schema["$defs"]["Targets"]["properties"]["tally"]["anyOf"][0]["$ref"],
        "#/$defs/TallyTarget"
    );
}
