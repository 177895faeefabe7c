//! The reference docs: every code, message and suggestion of the spec is on the page with its
//! anchor, and the page renders as Markdown tables whose rows and cells match the spec.
//!
//! The page is parsed with `pulldown-cmark` (tables enabled). The rendered text of each cell is
//! compared with the spec's text as a reader should see it, so an unescaped `|` (which would cut
//! a cell) or a stray Markdown character (which would vanish into formatting) fails the test.

use antom_codegen::Target;
use antom_spec::{EventKind, Phase, Provenance, Spec};
use antom_tests::{fixture_cases, load_spec, repo_spec};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The escaping the generator applies, so the raw page can be searched for each text.
#[allow(dead_code, unreachable_pub, reason = "shared with the generator")]
#[path = "../../crates/codegen/src/docs/markdown.rs"]
mod markdown;

/// A code's text as its rendered cell starts: the text, then a mark when the source cuts it off
/// (`provenance.truncated`).
fn shown(text: &str, provenance: &Provenance, name: &str) -> String {
    let text = rendered(text);
    if provenance.is_truncated(name) {
        format!("{text} (cut off in the source)")
    } else {
        text
    }
}

fn reference(spec: &Spec) -> String {
    let generated =
        antom_codegen::generate(spec, &[Target::Docs]).unwrap_or_else(|e| panic!("{e}"));
    let files = &generated[0].1;
    files
        .iter()
        .find(|f| f.path == "reference.md")
        .map(|f| f.contents.clone())
        .expect("the docs target writes reference.md")
}

/// A table as rendered: the header row, then the body rows; each cell's text (`<br>` as `\n`).
type Table = Vec<Vec<String>>;

fn tables(page: &str) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(page, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(text), Some(row)) =
                    (cell.take(), tables.last_mut().and_then(|t| t.last_mut()))
                {
                    row.push(text);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::InlineHtml(h) | Event::Html(h) if h.trim() == "<br>" => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n');
                }
            }
            _ => {}
        }
    }
    tables
}

/// What a reader sees of spec text: code spans without their backticks, line breaks as `\n`,
/// other control characters as spaces, surrounding whitespace trimmed.
fn rendered(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            // The closing run: the next run of exactly the same length.
            let mut j = i + run;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let r = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if r == run {
                        close = Some(j);
                        break;
                    }
                    j += r;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(close) => {
                    let mut content: String = chars[i + run..close]
                        .iter()
                        .map(|&c| if c == '\n' || c.is_control() { ' ' } else { c })
                        .collect();
                    if content.len() >= 2
                        && content.starts_with(' ')
                        && content.ends_with(' ')
                        && !content.trim().is_empty()
                    {
                        content = content[1..content.len() - 1].to_owned();
                    }
                    out.push_str(&content);
                    i = close + run;
                }
                None => {
                    out.extend(&chars[i..i + run]);
                    i += run;
                }
            }
            continue;
        }
        let c = chars[i];
        out.push(if c != '\n' && c.is_control() { ' ' } else { c });
        i += 1;
    }
    out.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// The number of cell separators in a table line: `|` not escaped by a backslash.
fn separators(line: &str) -> usize {
    let mut count = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => count += 1,
            _ => {}
        }
    }
    count
}

/// Checks the lifecycle diagram against the spec: a state per phase, the transitions in
/// lifecycle order (the challenge may be skipped), and every event code exactly once, listed in
/// its phase's state or, for an error code, on the transition from its phase to the error state.
fn check_diagram(spec: &Spec, page: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(diagram) = page
        .split_once("```mermaid\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(diagram, _)| diagram)
    else {
        return vec!["no Mermaid diagram".to_owned()];
    };
    let lines: Vec<&str> = diagram.lines().map(str::trim).collect();
    if lines.first() != Some(&"stateDiagram-v2") {
        problems.push(format!("not a stateDiagram-v2: {:?}", lines.first()));
    }
    // Where each listed code is: (code, state it is listed in or leaves, on an error transition).
    let mut listed: Vec<(String, String, bool)> = Vec::new();
    let mut transitions: Vec<(String, String)> = Vec::new();
    let mut states: Vec<String> = Vec::new();
    for line in &lines[1..] {
        if let Some(rest) = line.strip_prefix("state \"") {
            match rest.split_once("\" as ") {
                Some((_, id)) => states.push(id.to_owned()),
                None => problems.push(format!("a state without an id: {line}")),
            }
        } else if let Some((from, rest)) = line.split_once(" --> ") {
            let (to, label) = rest.split_once(": ").unwrap_or((rest, ""));
            transitions.push((from.to_owned(), to.to_owned()));
            if to == "error" {
                for item in label.split("<br>") {
                    let code = item.split(' ').next().unwrap_or_default();
                    listed.push((code.to_owned(), from.to_owned(), true));
                }
            }
        } else if let Some((id, text)) = line.split_once(" : ") {
            let code = text.split(' ').next().unwrap_or_default();
            listed.push((code.to_owned(), id.to_owned(), false));
        } else {
            problems.push(format!("a diagram line the test does not know: {line}"));
        }
    }
    for p in Phase::ALL {
        if !states.iter().any(|s| s == p.as_str()) {
            problems.push(format!("no state for the phase {}", p.as_str()));
        }
    }
    let mut path = vec![("[*]", Phase::Loading.as_str())];
    path.extend(
        Phase::ALL
            .windows(2)
            .map(|w| (w[0].as_str(), w[1].as_str())),
    );
    path.push((Phase::Submission.as_str(), Phase::Result.as_str()));
    path.push((Phase::Result.as_str(), "[*]"));
    for (from, to) in path {
        if !transitions.iter().any(|(f, t)| f == from && t == to) {
            problems.push(format!("no transition {from} --> {to}"));
        }
    }
    for c in &spec.event_codes {
        let name = markdown::mermaid_text(&c.code);
        let found: Vec<&(String, String, bool)> =
            listed.iter().filter(|(code, _, _)| *code == name).collect();
        match found.as_slice() {
            [(_, state, on_error)] => {
                if state != c.phase.as_str() {
                    problems.push(format!(
                        "{} is drawn in {state}, its phase is {}",
                        c.code,
                        c.phase.as_str()
                    ));
                }
                if *on_error != (c.kind == EventKind::Error) {
                    problems.push(format!(
                        "{} is {} the error transition",
                        c.code,
                        if *on_error { "on" } else { "not on" }
                    ));
                }
            }
            other => problems.push(format!(
                "{} is in the diagram {} times, expected once",
                c.code,
                other.len()
            )),
        }
    }
    for (code, state, _) in &listed {
        if !spec
            .event_codes
            .iter()
            .any(|c| markdown::mermaid_text(&c.code) == *code)
        {
            problems.push(format!(
                "{state} lists {code:?}, which is not a code of the spec"
            ));
        }
    }
    problems
}

/// Checks the page of a spec; returns the problems found.
fn check_page(spec: &Spec, page: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };

    // Every table line has as many separators as its table's header line.
    let mut columns: Option<usize> = None;
    for line in page.lines() {
        if line.starts_with('|') {
            let n = separators(line);
            match columns {
                None => columns = Some(n),
                Some(c) => expect(c == n, format!("a row was split or merged: {line}")),
            }
        } else {
            columns = None;
        }
    }

    // The raw page holds every code's anchor and its texts, escaped as the generator does.
    for c in &spec.event_codes {
        let anchor = format!("<a id=\"{}\"></a>", markdown::code_anchor(&c.code));
        expect(page.contains(&anchor), format!("no anchor {anchor}"));
        let description = markdown::cell(&c.description);
        expect(
            page.contains(&description),
            format!("{}: description missing: {description}", c.code),
        );
    }
    for c in &spec.result_codes {
        let anchor = markdown::code_anchor(&c.code);
        expect(
            page.contains(&format!("<a id=\"{anchor}\"></a>"))
                || page.contains(&format!("<a id=\"result-{anchor}\"></a>")),
            format!("{}: no anchor", c.code),
        );
        for text in [&c.message, &c.suggestion] {
            let escaped = markdown::cell(text);
            expect(
                page.contains(&escaped),
                format!("{}: missing text: {escaped}", c.code),
            );
        }
    }

    // The rendered tables: which table is which comes from its header.
    let tables = tables(page);
    let with_header = |header: &[&str]| -> Vec<&Table> {
        tables
            .iter()
            .filter(|t| t.first().is_some_and(|h| h == header))
            .collect()
    };
    for t in &tables {
        let width = t.first().map_or(0, Vec::len);
        for row in t {
            expect(
                row.len() == width,
                format!("a row has {} cells, its header {width}: {row:?}", row.len()),
            );
        }
    }

    let event_tables = with_header(&[
        "Code",
        "Phase",
        "Callbacks",
        "Description",
        "Action",
        "Outcome",
    ]);
    // One table per group that has codes (an empty group says "None.").
    let kinds: Vec<EventKind> = [
        EventKind::Status,
        EventKind::Error,
        EventKind::PaymentResult,
    ]
    .into_iter()
    .filter(|k| spec.event_codes.iter().any(|c| c.kind == *k))
    .collect();
    expect(
        event_tables.len() == kinds.len(),
        format!(
            "{} event code tables, expected {}",
            event_tables.len(),
            kinds.len()
        ),
    );
    for (table, kind) in event_tables.iter().zip(kinds) {
        let codes: Vec<_> = spec.event_codes.iter().filter(|c| c.kind == kind).collect();
        expect(
            table.len() == codes.len() + 1,
            format!(
                "{kind:?}: {} rows for {} codes",
                table.len() - 1,
                codes.len()
            ),
        );
        for (row, code) in table.iter().skip(1).zip(codes) {
            expect(
                row[0].lines().next() == Some(code.code.as_str()),
                format!("{kind:?}: row {:?} is not {}", row[0], code.code),
            );
            expect(
                row[1] == code.phase.as_str(),
                format!("{}: phase cell reads {:?}", code.code, row[1]),
            );
            let description = shown(&code.description, &code.provenance, "description");
            expect(
                row[3] == description || row[3].starts_with(&format!("{description}\n")),
                format!("{}: description cell reads {:?}", code.code, row[3]),
            );
        }
    }

    let result_tables = with_header(&["Code", "Message", "Suggestion", "Action", "Outcome"]);
    expect(result_tables.len() == 1, "one result code table".to_owned());
    if let Some(table) = result_tables.first() {
        expect(
            table.len() == spec.result_codes.len() + 1,
            format!(
                "{} result code rows for {} codes",
                table.len() - 1,
                spec.result_codes.len()
            ),
        );
        for (row, code) in table.iter().skip(1).zip(&spec.result_codes) {
            expect(
                row[0].lines().next() == Some(code.code.as_str()),
                format!("result code row {:?} is not {}", row[0], code.code),
            );
            expect(
                row[1] == shown(&code.message, &code.provenance, "message"),
                format!("{}: message cell reads {:?}", code.code, row[1]),
            );
            let suggestion = shown(&code.suggestion, &code.provenance, "suggestion");
            expect(
                row[2] == suggestion || row[2].starts_with(&format!("{suggestion}\n")),
                format!("{}: suggestion cell reads {:?}", code.code, row[2]),
            );
            expect(
                row[3] == code.action,
                format!("{}: action cell reads {:?}", code.code, row[3]),
            );
        }
    }

    let parameter_tables = with_header(&[
        "Name",
        "Type",
        "Required",
        "Max length",
        "Format / pattern",
        "Sensitive",
        "Description",
    ]);
    expect(
        parameter_tables.len() == spec.objects.len(),
        format!(
            "{} parameter tables for {} objects",
            parameter_tables.len(),
            spec.objects.len()
        ),
    );
    for (table, object) in parameter_tables.iter().zip(&spec.objects) {
        expect(
            table.len() == object.fields.len() + 1,
            format!("{}: {} rows", object.name, table.len() - 1),
        );
        for (row, field) in table.iter().skip(1).zip(&object.fields) {
            let name = row[0].lines().next().unwrap_or_default();
            expect(
                name == field.name,
                format!("{}: row {name:?} is not {}", object.name, field.name),
            );
            expect(
                row[2] == if field.required { "yes" } else { "no" },
                format!("{}.{}: required cell {:?}", object.name, field.name, row[2]),
            );
            expect(
                row[3] == field.max_length.map(|m| m.to_string()).unwrap_or_default(),
                format!(
                    "{}.{}: max length cell {:?}",
                    object.name, field.name, row[3]
                ),
            );
            if let Some(p) = &field.pattern {
                expect(
                    row[4].lines().any(|l| l == p),
                    format!("{}.{}: pattern cell {:?}", object.name, field.name, row[4]),
                );
            }
            expect(
                row[5] == if field.sensitive { "yes" } else { "no" },
                format!(
                    "{}.{}: sensitive cell {:?}",
                    object.name, field.name, row[5]
                ),
            );
            expect(
                row[6].starts_with(&rendered(&field.description)),
                format!(
                    "{}.{}: description cell {:?}",
                    object.name, field.name, row[6]
                ),
            );
        }
    }

    let enum_tables = with_header(&["Value", "Description", "Outcome"]);
    expect(
        enum_tables.len() == spec.enums.len(),
        format!(
            "{} enum tables for {} enums",
            enum_tables.len(),
            spec.enums.len()
        ),
    );
    for (table, e) in enum_tables.iter().zip(&spec.enums) {
        expect(
            table.len() == e.values.len() + 1,
            format!("{}: {} rows", e.name, table.len() - 1),
        );
        for (row, v) in table.iter().skip(1).zip(&e.values) {
            expect(row[0] == v.value, format!("{}: row {:?}", e.name, row[0]));
        }
    }

    for problem in check_diagram(spec, page) {
        expect(false, problem);
    }

    // Samples are fenced JSON that parses to the spec's sample.
    for s in &spec.samples {
        let parsed: serde_json::Value = serde_json::from_str(&s.json).expect("samples are JSON");
        let found = Parser::new(page).any(|e| {
            matches!(e, Event::Text(ref t) if serde_json::from_str::<serde_json::Value>(t).ok().as_ref() == Some(&parsed))
        });
        expect(
            found,
            format!("sample {} is not on the page as JSON", s.name),
        );
    }
    problems
}

#[test]
fn the_reference_has_every_code_and_renders_as_tables() {
    let spec = repo_spec();
    let page = reference(&spec);
    assert!(
        page.starts_with("<!-- @generated"),
        "the header comes first"
    );
    assert!(page.contains("```mermaid\nstateDiagram-v2\n"));
    let problems = check_page(&spec, &page);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixture_references_render_their_hostile_text_faithfully() {
    for (_, dir) in fixture_cases() {
        let spec = load_spec(&dir);
        let problems = check_page(&spec, &reference(&spec));
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            dir.display(),
            problems.join("\n")
        );
    }
}

#[test]
fn a_code_missing_from_the_diagram_would_be_caught() {
    let spec = repo_spec();
    let page = reference(&spec);
    let drawn = "    challenge : SDK_PAYMENT_CHALLENGE\n";
    assert!(
        page.contains(drawn),
        "the diagram lists SDK_PAYMENT_CHALLENGE"
    );
    let problems = check_page(&spec, &page.replacen(drawn, "", 1));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("SDK_PAYMENT_CHALLENGE is in the diagram 0 times")),
        "a code missing from the diagram must be reported: {problems:?}"
    );
    let moved = page.replacen(drawn, "    result : SDK_PAYMENT_CHALLENGE\n", 1);
    let problems = check_page(&spec, &moved);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("SDK_PAYMENT_CHALLENGE is drawn in result")),
        "a code drawn in the wrong phase must be reported: {problems:?}"
    );
}

#[test]
fn a_bare_pipe_would_be_caught() {
    let spec = repo_spec();
    let page = reference(&spec).replacen("Access is denied.", "Access | is denied.", 1);
    let problems = check_page(&spec, &page);
    assert!(
        problems.iter().any(|p| p.contains("split")),
        "an unescaped | must be reported: {problems:?}"
    );
}
