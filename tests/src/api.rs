//! The cross-language API test's shared half: ARCHITECTURE.md's vocabulary table, and the
//! programs under `tests/api/` that use it.
//!
//! Each program has one section per row, opened by a comment line `// api: <concept>` (the
//! table's first column). [`unused_names`] checks that every cell of the program's language is
//! used in its row's section; [`rows_of_errors`] turns a compiler's `file:line` errors into the
//! rows they fall in, so a renamed or missing member fails naming the language and the row.

use std::collections::BTreeMap;

use crate::repo_root;

/// The languages of the table's columns, in order.
pub const LANGUAGES: &[&str] = &[
    "Rust",
    "TypeScript",
    "Kotlin",
    "Java",
    "Swift",
    "Objective-C",
];

/// One row of the vocabulary table: the concept and each language's names (empty for `—`).
#[derive(Debug, Clone)]
pub struct Row {
    pub concept: String,
    pub names: BTreeMap<String, Vec<String>>,
}

/// The vocabulary table of ARCHITECTURE.md (the table under `## One vocabulary`).
pub fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md"))
        .unwrap_or_else(|e| panic!("cannot read ARCHITECTURE.md: {e}"));
    parse_table(&text)
}

/// The table under the heading `## One vocabulary` of `markdown`.
pub fn parse_table(markdown: &str) -> Vec<Row> {
    let section = markdown
        .split("\n## ")
        .find(|s| s.starts_with("One vocabulary"))
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no `## One vocabulary` section"));
    let mut lines = section.lines().filter(|l| l.starts_with('|')).map(cells);
    let header = lines.next().expect("the vocabulary table has a header");
    assert_eq!(
        header[1..],
        *LANGUAGES,
        "the vocabulary table's columns are the languages, in order"
    );
    lines
        .filter(|c| !c.iter().all(|c| c.chars().all(|ch| ch == '-')))
        .map(|c| {
            assert_eq!(
                c.len(),
                LANGUAGES.len() + 1,
                "row `{}`: one cell each",
                c[0]
            );
            Row {
                concept: c[0].clone(),
                names: LANGUAGES
                    .iter()
                    .zip(&c[1..])
                    .map(|(lang, cell)| (lang.to_string(), names(cell)))
                    .collect(),
            }
        })
        .collect()
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// The backticked names of a cell (none for `—`).
fn names(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// What a program's text must hold for `name` to count as used: a call's name with its opening
/// parenthesis and each argument label (`validate(text:)` → `validate(`, `text:`; `isKnown()`
/// → `isKnown(`), anything else as written.
fn needles(name: &str) -> Vec<String> {
    match name.split_once('(') {
        Some((head, args)) => {
            let mut out = vec![format!("{head}(")];
            out.extend(
                args.trim_end_matches(')')
                    .split(':')
                    .filter(|l| !l.is_empty() && *l != "_")
                    .map(|l| format!("{l}:")),
            );
            out
        }
        None => vec![name.to_owned()],
    }
}

/// Each section of `program`: its concept, and its lines (1-based, inclusive) and text.
pub fn sections(program: &str) -> Vec<(String, usize, usize, String)> {
    let mut out: Vec<(String, usize, usize, String)> = Vec::new();
    for (i, line) in program.lines().enumerate() {
        if let Some(concept) = line.trim().strip_prefix("// api: ") {
            out.push((concept.trim().to_owned(), i + 1, i + 1, String::new()));
        } else if let Some(last) = out.last_mut() {
            last.2 = i + 1;
            last.3.push_str(line);
            last.3.push('\n');
        }
    }
    out
}

/// Every cell of `language` that `program` does not use in its row's section, and every row
/// without a section, as `language: row `concept`: ...` lines. A section for a row the table
/// does not have is reported too.
pub fn unused_names(language: &str, program: &str, rows: &[Row]) -> Vec<String> {
    let sections = sections(program);
    let mut out = Vec::new();
    for row in rows {
        let names = &row.names[language];
        if names.is_empty() {
            continue;
        }
        let Some((_, _, _, text)) = sections.iter().find(|s| s.0 == row.concept) else {
            out.push(format!(
                "{language}: row `{}`: no `// api:` section",
                row.concept
            ));
            continue;
        };
        for name in names {
            if !needles(name).iter().all(|n| text.contains(n.as_str())) {
                out.push(format!(
                    "{language}: row `{}`: `{name}` is not used",
                    row.concept
                ));
            }
        }
    }
    for (concept, line, _, _) in &sections {
        if !rows.iter().any(|r| &r.concept == concept) {
            out.push(format!(
                "{language}: line {line}: `{concept}` is no row of the table"
            ));
        }
    }
    out
}

/// The lines of compiler `output` that name `file_name` at a line, each prefixed with the
/// language and the row whose section holds that line: `Kotlin: row `canonical`: <line>`.
pub fn rows_of_errors(language: &str, file_name: &str, program: &str, output: &str) -> String {
    let sections = sections(program);
    let mut out = String::new();
    for line in output.lines() {
        let Some(at) = line.find(file_name) else {
            continue;
        };
        let rest = &line[at + file_name.len()..];
        let number: String = rest
            .trim_start_matches([':', '('])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        let row = sections
            .iter()
            .find(|s| s.1 <= number && number <= s.2)
            .map_or("(outside every section)", |s| s.0.as_str());
        out.push_str(&format!("{language}: row `{row}`: {}\n", line.trim()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# A\n\n## One vocabulary\n\n| Concept | Rust | TypeScript | Kotlin | Java | Swift | Objective-C |\n|---|---|---|---|---|---|---|\n| known? | `is_known` | `isKnownEventCode` | `isKnown` | `isKnown()` | `isKnown` | `isKnownCode:` |\n| validate text | `validate_text` | `validateText` | `validateText` | `Antom.validateText` | `validate(text:)` | — |\n\n## Next\n";

    #[test]
    fn the_table_is_read_by_column() {
        let rows = parse_table(DOC);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].concept, "validate text");
        assert_eq!(rows[1].names["Swift"], ["validate(text:)"]);
        assert!(rows[1].names["Objective-C"].is_empty());
    }

    #[test]
    fn a_name_missing_from_its_section_is_reported_with_its_row() {
        let rows = parse_table(DOC);
        let good = "// api: known?\nlet a = code.isKnown\n// api: validate text\nlet r = validate(text: t)\n";
        assert!(unused_names("Swift", good, &rows).is_empty());
        let moved = "// api: known?\nlet r = validate(text: t)\n// api: validate text\nlet a = code.isKnown\n";
        assert_eq!(
            unused_names("Swift", moved, &rows),
            [
                "Swift: row `known?`: `isKnown` is not used",
                "Swift: row `validate text`: `validate(text:)` is not used"
            ]
        );
        let unlabelled =
            "// api: known?\nlet a = code.isKnown\n// api: validate text\nlet r = validate(t)\n";
        assert_eq!(unused_names("Swift", unlabelled, &rows).len(), 1);
        assert_eq!(
            unused_names(
                "Rust",
                "// api: known?\ncode.is_known();\n// api: other\n",
                &rows
            ),
            [
                "Rust: row `validate text`: no `// api:` section",
                "Rust: line 3: `other` is no row of the table"
            ]
        );
    }

    #[test]
    fn compiler_errors_are_named_by_row() {
        let program = "import x\n// api: known?\nlet a = code.isKnown\n// api: validate text\nlet r = validate(text: t)\n";
        let output =
            "api.swift:5:9: error: no such member\nnote: elsewhere\nApi.kt:3:1 unrelated\n";
        assert_eq!(
            rows_of_errors("Swift", "api.swift", program, output),
            "Swift: row `validate text`: api.swift:5:9: error: no such member\n"
        );
        assert_eq!(
            rows_of_errors(
                "TypeScript",
                "api.ts",
                "// api: known?\nx\n",
                "api.ts(2,3): error TS2339"
            ),
            "TypeScript: row `known?`: api.ts(2,3): error TS2339\n"
        );
    }
}
