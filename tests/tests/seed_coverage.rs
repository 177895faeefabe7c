//! The spec covers the seed: every event code, result code, card and risk parameter and sample
//! of `spec/sources/seed-callback-data.txt` (the page the project started from) is in `spec/`
//! with the seed's words.
//!
//! The seed is a text capture of a web page, with its quirks: a description runs into the next
//! event code (`...at this time.SDK_END_OF_LOADING`), table rows span lines, and some texts are
//! cut where the page had a list or a code value (`... the value of this parameter is`). The
//! parsers below read exactly those shapes, and each test checks the number of items it found,
//! so a parser that silently finds nothing fails.

use std::fs;
use std::path::{Path, PathBuf};

use antom_spec::{EventKind, SourceFile, Spec};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The repo's spec, loaded; panics with every problem if it does not load.
fn spec() -> Spec {
    let dir = workspace_root().join("spec");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let files: Vec<SourceFile> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            SourceFile::new(
                format!("spec/{name}"),
                fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())),
            )
        })
        .collect();
    antom_codegen::load(&files)
        .unwrap_or_else(|problems| panic!("the spec does not load:\n{problems}"))
}

fn seed_text() -> String {
    let path = workspace_root().join("spec/sources/seed-callback-data.txt");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Whitespace and backticks removed: the seed lost the page's code formatting and line layout.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '`')
        .collect()
}

/// The lines strictly between the first line equal to `start` and the next line equal to `end`.
fn section<'a>(lines: &[&'a str], start: &str, end: &str) -> Vec<&'a str> {
    let from = lines
        .iter()
        .position(|l| l.trim() == start)
        .unwrap_or_else(|| panic!("the seed has no line `{start}`"));
    let len = lines[from + 1..]
        .iter()
        .position(|l| l.trim() == end)
        .unwrap_or_else(|| panic!("the seed has no line `{end}` after `{start}`"));
    lines[from + 1..from + 1 + len].to_vec()
}

fn fail_if_any(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} mismatch(es) between the seed and spec/ ({what}):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------
// Event codes

/// Where a code such as `SDK_END_OF_LOADING` starts at the end of `line`, if one ends it.
fn trailing_code(line: &str) -> Option<usize> {
    let line = line.trim_end();
    let start = line
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
        .last()
        .map(|(i, _)| i)?;
    let code = &line[start..];
    let ok = code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.contains('_')
        && code.split('_').all(|part| !part.is_empty());
    ok.then_some(start)
}

/// `(code, description)` of one section: a code is the last word of a line whose next line
/// starts with `:`; its description runs to where the next code begins.
fn event_codes(lines: &[&str]) -> Vec<(String, String)> {
    let mut codes: Vec<(String, String)> = Vec::new();
    let mut after_code = false;
    for (i, line) in lines.iter().enumerate() {
        let next_starts_description = lines.get(i + 1).is_some_and(|l| l.starts_with(':'));
        let (text, code) = match trailing_code(line).filter(|_| next_starts_description) {
            Some(at) => (&line[..at], Some(line[at..].trim())),
            None => (*line, None),
        };
        let text = if after_code {
            text.strip_prefix(':').unwrap_or(text)
        } else {
            text
        };
        if let Some((_, description)) = codes.last_mut() {
            description.push_str(text);
            description.push('\n');
        }
        after_code = code.is_some();
        if let Some(code) = code {
            codes.push((code.to_owned(), String::new()));
        }
    }
    codes
}

/// Event codes of the seed's three lists that the spec lacks or words differently.
fn event_code_problems(seed: &str, spec: &Spec) -> Vec<String> {
    let lines: Vec<&str> = seed.lines().collect();
    let groups = [
        ("Status codes", "Error codes", EventKind::Status, 8),
        ("Error codes", "Payment result codes", EventKind::Error, 5),
        (
            "Payment result codes",
            "Description of payment failure or abnormal payment status",
            EventKind::PaymentResult,
            4,
        ),
    ];
    let mut problems = Vec::new();
    for (start, end, kind, count) in groups {
        let codes = event_codes(&section(&lines, start, end));
        let names: Vec<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes.len(),
            count,
            "the seed's `{start}` section should list {count} codes, the parser found {names:?}"
        );
        for (code, seed_description) in &codes {
            let Some(def) = spec.event_code(code) else {
                problems.push(format!(
                    "{code} (seed: {start}) is not an event code of the spec"
                ));
                continue;
            };
            if def.kind != kind {
                problems.push(format!(
                    "{code}: kind is {:?} in the spec, the seed lists it under {start}",
                    def.kind
                ));
            }
            let (seed_n, spec_n) = (normalize(seed_description), normalize(&def.description));
            if seed_n.is_empty() {
                problems.push(format!(
                    "{code}: the parser found no description in the seed"
                ));
            } else if !spec_n.starts_with(&seed_n) {
                problems.push(format!(
                    "{code}: the description differs from the seed's (whitespace and backticks ignored)\n    seed: {}\n    spec: {}",
                    seed_description.trim(),
                    def.description
                ));
            }
        }
    }
    problems
}

#[test]
fn seed_event_codes_are_in_the_spec() {
    fail_if_any("event codes", &event_code_problems(&seed_text(), &spec()));
}

// ---------------------------------------------------------------------------------------------
// Tables

/// Table rows between two lines: a row starts at a line that `is_row_start` accepts and may
/// span lines; its cells are split at `|` with the closing `|` removed.
fn table(lines: &[&str], is_row_start: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut rows: Vec<String> = Vec::new();
    for line in lines {
        if is_row_start(line) {
            rows.push(String::new());
        }
        match rows.last_mut() {
            Some(row) => {
                row.push_str(line);
                row.push('\n');
            }
            None => panic!("a table line before the first row: `{line}`"),
        }
    }
    rows.iter()
        .map(|row| {
            let row = row.trim_end();
            let row = row
                .strip_suffix('|')
                .unwrap_or_else(|| panic!("a table row that does not end with `|`: `{row}`"));
            row.split('|').map(|cell| cell.trim().to_owned()).collect()
        })
        .collect()
}

fn starts_with_name_and_bar(line: &str, first: impl Fn(char) -> bool) -> bool {
    line.split_once(" | ").is_some_and(|(name, _)| {
        name.starts_with(&first) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Rows of the seed's paymentResultCode table that the spec lacks or words differently.
fn result_code_problems(seed: &str, spec: &Spec) -> Vec<String> {
    let lines: Vec<&str> = seed.lines().collect();
    let rows = table(
        &section(
            &lines,
            "paymentResultcode | paymentResultMessage | Suggestion |",
            "Card payment",
        ),
        |l| starts_with_name_and_bar(l, |c| c.is_ascii_uppercase()),
    );
    assert_eq!(
        rows.len(),
        27,
        "the seed's paymentResultCode table has 27 rows; the parser found {}",
        rows.len()
    );
    let mut problems = Vec::new();
    for row in &rows {
        let [code, message, suggestion] = row.as_slice() else {
            panic!("a result code row without exactly three cells: {row:?}");
        };
        let Some(def) = spec.result_code(code) else {
            problems.push(format!("{code} is not a result code of the spec"));
            continue;
        };
        if def.message.trim() != message {
            problems.push(format!(
                "{code}: message\n    seed: {message}\n    spec: {}",
                def.message
            ));
        }
        if def.suggestion.trim() != suggestion {
            problems.push(format!(
                "{code}: suggestion\n    seed: {suggestion}\n    spec: {}",
                def.suggestion
            ));
        }
    }
    problems
}

#[test]
fn seed_result_code_table_is_in_the_spec() {
    fail_if_any(
        "paymentResultCode table",
        &result_code_problems(&seed_text(), &spec()),
    );
}

/// A parameter cell `OPTIONAL String (N) text`: N and the text.
fn optional_string(cell: &str) -> Option<(u64, &str)> {
    let rest = cell.strip_prefix("OPTIONAL String (")?;
    let (n, text) = rest.split_once(')')?;
    Some((n.parse().ok()?, text.trim()))
}

/// The seed's description cut where the page had a list or a code value: a line ending in
/// `is` or `are:` closes a piece, and the spec completes what follows it.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for line in text.lines() {
        if let Some(last) = pieces.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
        let line = line.trim_end();
        if line.ends_with(" is") || line.ends_with(" are:") {
            pieces.push(String::new());
        }
    }
    pieces.retain(|p| !normalize(p).is_empty());
    pieces
}

/// Checks the parameter rows `name | [No |] OPTIONAL String (N) text |` against an object.
fn check_parameters(
    spec: &Spec,
    object: &str,
    rows: &[Vec<String>],
    with_required_column: bool,
) -> Vec<String> {
    let Some(object_def) = spec.object(object) else {
        return vec![format!("the spec has no object {object}")];
    };
    let mut problems = Vec::new();
    for row in rows {
        let (name, cell) = match (row.as_slice(), with_required_column) {
            ([name, required, cell], true) => {
                assert_eq!(
                    required, "No",
                    "{object}.{name}: the seed's Required column"
                );
                (name, cell)
            }
            ([name, cell], false) => (name, cell),
            _ => panic!("a parameter row of {object} with an unexpected number of cells: {row:?}"),
        };
        let (max_length, seed_description) = optional_string(cell)
            .unwrap_or_else(|| panic!("{object}.{name}: not `OPTIONAL String (N) text`: {cell}"));
        let Some(field) = object_def.fields.iter().find(|f| &f.name == name) else {
            problems.push(format!("{object}.{name} is not a field of the spec"));
            continue;
        };
        if field.required {
            problems.push(format!(
                "{object}.{name}: the seed says OPTIONAL, the spec says required"
            ));
        }
        if field.max_length != Some(max_length) {
            problems.push(format!("{object}.{name}: max_length is {:?} in the spec, the seed says String ({max_length})", field.max_length));
        }
        let spec_n = normalize(&field.description);
        let seed_pieces = pieces(seed_description);
        let mut at = 0;
        for (i, piece) in seed_pieces.iter().enumerate() {
            let piece_n = normalize(piece);
            let found = if i == 0 {
                spec_n.starts_with(&piece_n).then_some(0)
            } else {
                spec_n[at..].find(&piece_n).map(|p| p + at)
            };
            match found {
                Some(p) => at = p + piece_n.len(),
                None => {
                    problems.push(format!(
                        "{object}.{name}: the description does not {} the seed's text (whitespace and backticks ignored)\n    seed: {}\n    spec: {}",
                        if i == 0 { "start with" } else { "go on with" },
                        piece.trim(),
                        field.description
                    ));
                    break;
                }
            }
        }
    }
    problems
}

/// Rows of the seed's card parameter table that CardPaymentResultInfo lacks or differs from.
fn card_problems(seed: &str, spec: &Spec) -> Vec<String> {
    let lines: Vec<&str> = seed.lines().collect();
    let rows = table(
        &section(
            &lines,
            "Parameter name | Required | Description |",
            "The sample code of returned card information:",
        ),
        |l| starts_with_name_and_bar(l, |c| c.is_ascii_lowercase()),
    );
    assert_eq!(
        rows.len(),
        13,
        "the seed's card table has 13 parameters; the parser found {}",
        rows.len()
    );
    check_parameters(spec, "CardPaymentResultInfo", &rows, true)
}

#[test]
fn seed_card_parameters_are_fields_of_card_payment_result_info() {
    fail_if_any(
        "cardPaymentResultInfo table",
        &card_problems(&seed_text(), &spec()),
    );
}

/// Rows of the seed's risk parameter table that PopRiskDecisionResultInfo lacks or differs from.
fn risk_problems(seed: &str, spec: &Spec) -> Vec<String> {
    let lines: Vec<&str> = seed.lines().collect();
    let rows = table(
        &section(
            &lines,
            "Parameter | Description |",
            "The sample code of returned risk control information:",
        ),
        |l| starts_with_name_and_bar(l, |c| c.is_ascii_lowercase()),
    );
    assert_eq!(
        rows.len(),
        2,
        "the seed's risk table has 2 parameters; the parser found {}",
        rows.len()
    );
    check_parameters(spec, "PopRiskDecisionResultInfo", &rows, false)
}

#[test]
fn seed_risk_parameters_are_fields_of_pop_risk_decision_result_info() {
    fail_if_any(
        "popRiskDecisionResultInfo table",
        &risk_problems(&seed_text(), &spec()),
    );
}

// ---------------------------------------------------------------------------------------------
// Samples

/// The JSON text that follows the line `intro`: from `{` to the line that closes it.
fn sample_after(lines: &[&str], intro: &str) -> serde_json::Value {
    let from = lines
        .iter()
        .position(|l| l.trim() == intro)
        .unwrap_or_else(|| panic!("the seed has no line `{intro}`"));
    let mut depth = 0i32;
    let mut json = String::new();
    for line in &lines[from + 1..] {
        json.push_str(line);
        json.push('\n');
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        if depth <= 0 {
            break;
        }
    }
    serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("the seed's sample after `{intro}` is not JSON ({e}):\n{json}"))
}

/// Sample payloads of the seed that no spec sample equals (as JSON values).
fn sample_problems(seed: &str, spec: &Spec) -> Vec<String> {
    let lines: Vec<&str> = seed.lines().collect();
    let spec_samples: Vec<(String, serde_json::Value)> = spec
        .samples
        .iter()
        .map(|s| {
            let value = serde_json::from_str(&s.json)
                .unwrap_or_else(|e| panic!("spec sample {} is not JSON: {e}", s.name));
            (s.name.clone(), value)
        })
        .collect();
    let mut problems = Vec::new();
    for intro in [
        "The sample code of returned card information:",
        "The sample code of returned risk control information:",
    ] {
        let seed_sample = sample_after(&lines, intro);
        assert!(
            seed_sample.as_object().is_some_and(|o| !o.is_empty()),
            "the sample after `{intro}` is empty"
        );
        if !spec_samples.iter().any(|(_, v)| *v == seed_sample) {
            let names: Vec<&str> = spec_samples.iter().map(|(n, _)| n.as_str()).collect();
            problems.push(format!("no spec sample equals the seed's sample after `{intro}` (spec samples: {names:?}):\n{seed_sample:#}"));
        }
    }
    problems
}

#[test]
fn seed_samples_are_samples_of_the_spec() {
    fail_if_any("samples", &sample_problems(&seed_text(), &spec()));
}

/// Each check finds a mismatch planted in a copy of the spec: none of them passes vacuously.
#[test]
fn checks_catch_a_changed_spec() {
    type Check = fn(&str, &Spec) -> Vec<String>;
    type Change = fn(&mut Spec);
    fn field<'a>(spec: &'a mut Spec, object: &str, name: &str) -> &'a mut antom_spec::Field {
        let object = spec
            .objects
            .iter_mut()
            .find(|o| o.name == object)
            .expect("object in the spec");
        object
            .fields
            .iter_mut()
            .find(|f| f.name == name)
            .expect("field in the spec")
    }
    fn event<'a>(spec: &'a mut Spec, code: &str) -> &'a mut antom_spec::EventCode {
        spec.event_codes
            .iter_mut()
            .find(|c| c.code == code)
            .expect("event code in the spec")
    }
    fn result<'a>(spec: &'a mut Spec, code: &str) -> &'a mut antom_spec::ResultCode {
        spec.result_codes
            .iter_mut()
            .find(|c| c.code == code)
            .expect("result code in the spec")
    }
    let changes: &[(&str, Check, Change)] = &[
        ("event code missing", event_code_problems, |s| {
            s.event_codes.retain(|c| c.code != "SDK_PAYMENT_ERROR")
        }),
        ("event code kind", event_code_problems, |s| {
            event(s, "SDK_START_OF_LOADING").kind = EventKind::Error
        }),
        ("event code description", event_code_problems, |s| {
            event(s, "SDK_SUBMIT_NETWORK_ERROR").description = "Interface call failed.".to_owned();
        }),
        ("result code missing", result_code_problems, |s| {
            s.result_codes.retain(|c| c.code != "INVALID_CARD_NUMBER")
        }),
        ("result message", result_code_problems, |s| {
            result(s, "ACCESS_DENIED").message = "Access denied.".to_owned()
        }),
        ("result suggestion", result_code_problems, |s| {
            result(s, "FRAUD_REJECT").suggestion =
                "Fraud denied. Contact technical support.".to_owned();
        }),
        ("card max_length", card_problems, |s| {
            field(s, "CardPaymentResultInfo", "cardNo").max_length = Some(19)
        }),
        ("card required", card_problems, |s| {
            field(s, "CardPaymentResultInfo", "holdName").required = true
        }),
        ("card description", card_problems, |s| {
            field(s, "CardPaymentResultInfo", "expiryYear").description =
                "The year the card expires.".to_owned();
        }),
        ("card field missing", card_problems, |s| {
            let o = s
                .objects
                .iter_mut()
                .find(|o| o.name == "CardPaymentResultInfo")
                .expect("object");
            o.fields.retain(|f| f.name != "fingerprint");
        }),
        ("risk text after the cut", risk_problems, |s| {
            let f = field(s, "PopRiskDecisionResultInfo", "riskDecision");
            f.description =
                "Risk management decision from Antom. Valid values are: ACCEPT, REJECT.".to_owned();
        }),
        ("risk max_length", risk_problems, |s| {
            field(s, "PopRiskDecisionResultInfo", "riskAuthDecision").max_length = None
        }),
        ("sample value", sample_problems, |s| {
            for sample in &mut s.samples {
                sample.json = sample.json.replace("BANCO ITAUCARD", "BANCO ITAU");
            }
        }),
        ("sample missing", sample_problems, |s| {
            s.samples
                .retain(|x| !x.json.contains("popRiskDecisionResultInfo"))
        }),
    ];
    let seed = seed_text();
    let spec = spec();
    let mut silent = Vec::new();
    for (what, check, change) in changes {
        let mut changed = spec.clone();
        change(&mut changed);
        if check(&seed, &changed).is_empty() {
            silent.push(*what);
        }
    }
    assert!(
        silent.is_empty(),
        "the seed checks did not notice these changes to the spec: {silent:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The parsers on the seed's quirks

#[test]
fn parsers_read_the_seed_quirks() {
    let lines = [
        "Returned through the onEventCallback",
        "method during the lifecycle.",
        "SDK_A_B",
        ": First text.SDK_C",
        ":mountComponent",
        "method specified.",
        "- a list item",
        "SDK_D",
        ": Last.",
    ];
    let codes = event_codes(&lines);
    let normalized: Vec<(&str, String)> = codes
        .iter()
        .map(|(c, d)| (c.as_str(), normalize(d)))
        .collect();
    assert_eq!(
        normalized,
        [
            ("SDK_A_B", "Firsttext.".to_owned()),
            (
                "SDK_C",
                "mountComponentmethodspecified.-alistitem".to_owned()
            ),
            ("SDK_D", "Last.".to_owned())
        ]
    );
    assert_eq!(pieces("A is\n").len(), 1);
    assert_eq!(pieces("Values are:\nThis is returned.").len(), 2);
    assert_eq!(
        optional_string("OPTIONAL String (32) The text."),
        Some((32, "The text."))
    );
}
