//! The generated Swift package, syntax-checked: no Swift compiler can be installed on these
//! machines, so every generated `.swift` file (sources, `Package.swift`, the XCTest target) of
//! the real spec and of every fixture case is parsed with the tree-sitter-swift grammar and must
//! have no ERROR or MISSING node; every string literal is decoded the way Swift reads it and
//! compared with the spec's strings; deprecated declarations are named only where Swift does not
//! warn about it.

use std::collections::BTreeSet;

use antom_codegen::{GeneratedFile, Target};
use antom_spec::Spec;
use antom_spec::names::{Lang, Role};
use antom_tests::{fixture_cases, load_spec, random_spec, repo_root, repo_spec};
use tree_sitter::{Node, Parser, Tree};

fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_swift::LANGUAGE.into())
        .expect("the Swift grammar loads");
    parser
        .parse(source, None)
        .expect("the parser returns a tree")
}

/// Calls `f` on every node of the tree, parents before children.
fn walk<'t>(node: Node<'t>, f: &mut impl FnMut(Node<'t>)) {
    f(node);
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        walk(child, f);
    }
}

/// Every ERROR or MISSING node of `source`, as `line:column: what: text`.
fn syntax_problems(source: &str) -> Vec<String> {
    let tree = parse(source);
    let mut problems = Vec::new();
    walk(tree.root_node(), &mut |node| {
        if node.is_error() || node.is_missing() {
            let at = node.start_position();
            let what = if node.is_missing() {
                format!("MISSING {}", node.kind())
            } else {
                "ERROR".to_owned()
            };
            let text: String = node
                .utf8_text(source.as_bytes())
                .unwrap_or_default()
                .chars()
                .take(120)
                .collect();
            problems.push(format!(
                "{}:{}: {what}: `{text}`",
                at.row + 1,
                at.column + 1
            ));
        }
    });
    problems
}

fn swift_files(spec: &Spec) -> Vec<GeneratedFile> {
    antom_codegen::generate(spec, &[Target::Swift])
        .into_iter()
        .flat_map(|(_, files)| files)
        .filter(|f| f.path.ends_with(".swift"))
        .collect()
}

/// The real spec, every fixture case and the random specs of `antom_tests::random_spec`, by name.
fn all_specs() -> Vec<(String, Spec)> {
    let mut specs = vec![("spec".to_owned(), repo_spec())];
    for (name, case) in fixture_cases() {
        specs.push((format!("tests/cases/{name}"), load_spec(&case)));
    }
    specs.extend(random_spec::load_all());
    specs
}

#[test]
fn generated_swift_parses_without_errors() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, spec) in all_specs() {
        let files = swift_files(&spec);
        let module = &spec.package.swift_module;
        let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for expected in [
            "Package.swift".to_owned(),
            format!("Sources/{module}/EventCode.swift"),
            format!("Sources/{module}/Metadata.swift"),
            format!("Sources/{module}/Validation.swift"),
            format!("Sources/{module}/ObjC.swift"),
            format!("Tests/{module}Tests/{module}Tests.swift"),
        ] {
            assert!(
                paths.contains(expected.as_str()),
                "{name}: no {expected} in {paths:?}"
            );
        }
        for f in &files {
            if f.path == "Package.swift" {
                assert_eq!(
                    f.contents.lines().next(),
                    Some("// swift-tools-version:5.9"),
                    "{name}: Package.swift must start with the tools version"
                );
            }
            checked += 1;
            for p in syntax_problems(&f.contents) {
                problems.push(format!("{name}: {}:{p}", f.path));
            }
        }
    }
    assert!(checked >= 30, "checked only {checked} Swift files");
    assert!(
        problems.is_empty(),
        "generated Swift does not parse:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_syntax_check_catches_broken_swift() {
    let broken = [
        "public enum EventCode {\n    case a(\n}\n",
        "let message = \"unterminated\n",
        "public struct S {\n    public var a: String?\n",
        "extension X { static let y = [1, 2 }\n",
        "func f() -> Int { return 1 + }\n",
    ];
    for source in broken {
        assert!(
            !syntax_problems(source).is_empty(),
            "the check accepts broken Swift:\n{source}"
        );
    }
    // A real generated file, with one closing brace removed, is caught too.
    let file = swift_files(&repo_spec())
        .into_iter()
        .find(|f| f.path.ends_with("/Objects.swift"))
        .expect("Objects.swift is generated");
    assert!(syntax_problems(&file.contents).is_empty());
    let cut = file.contents.replacen("        }\n", "", 1);
    assert!(
        !syntax_problems(&cut).is_empty(),
        "a missing brace goes unnoticed"
    );
    let problems = syntax_problems("let x = (1, 2\nlet y = 3\n");
    assert!(
        problems.iter().any(|p| p.starts_with("1:")),
        "problems name the line: {problems:?}"
    );
}

/// A decoded string literal, or why it is not a plain literal.
enum Literal {
    Plain(String),
    Interpolated,
}

/// Decodes a `line_string_literal` node as Swift reads it.
fn decode_literal(node: Node<'_>, source: &str) -> Result<Literal, String> {
    let mut out = String::new();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        let text = child.utf8_text(source.as_bytes()).unwrap_or_default();
        match child.kind() {
            "\"" => {}
            "line_str_text" => {
                if text.contains(['\n', '\r']) {
                    return Err(format!("a line break inside a one-line literal: {text:?}"));
                }
                out.push_str(text);
            }
            "str_escaped_char" => out.push(decode_escape(text)?),
            "interpolated_expression" | "\\(" | ")" => return Ok(Literal::Interpolated),
            other => return Err(format!("unexpected `{other}` in a literal: {text:?}")),
        }
    }
    Ok(Literal::Plain(out))
}

fn decode_escape(text: &str) -> Result<char, String> {
    let c = match text {
        "\\\\" => '\\',
        "\\\"" => '"',
        "\\'" => '\'',
        "\\n" => '\n',
        "\\t" => '\t',
        "\\r" => '\r',
        "\\0" => '\0',
        _ => {
            let hex = text
                .strip_prefix("\\u{")
                .and_then(|t| t.strip_suffix('}'))
                .ok_or_else(|| format!("unknown escape {text:?}"))?;
            if hex.is_empty() || hex.len() > 8 {
                return Err(format!("bad unicode escape {text:?}"));
            }
            let code = u32::from_str_radix(hex, 16).map_err(|e| format!("{text:?}: {e}"))?;
            char::from_u32(code).ok_or_else(|| format!("{text:?} is not a Unicode scalar"))?
        }
    };
    Ok(c)
}

/// Every string literal of the generated files, decoded; fails on a literal Swift would not
/// read as intended or on any multi-line literal.
fn literals(files: &[GeneratedFile]) -> (Vec<(String, String)>, Vec<String>) {
    let mut decoded = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let tree = parse(&f.contents);
        walk(tree.root_node(), &mut |node| {
            let at = node.start_position();
            let place = format!("{}:{}:{}", f.path, at.row + 1, at.column + 1);
            match node.kind() {
                "line_string_literal" => match decode_literal(node, &f.contents) {
                    Ok(Literal::Plain(s)) => decoded.push((place, s)),
                    Ok(Literal::Interpolated) => {
                        if f.path.ends_with("/Metadata.swift") {
                            problems.push(format!("{place}: interpolation in the metadata"));
                        }
                    }
                    Err(e) => problems.push(format!("{place}: {e}")),
                },
                "multi_line_string_literal" | "raw_string_literal" => {
                    problems.push(format!("{place}: only one-line literals are generated"));
                }
                _ => {}
            }
        });
    }
    (decoded, problems)
}

/// Every string of the spec that reaches the Swift code as a constant.
fn spec_strings(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let deprecation = |d: &Option<antom_spec::Deprecation>, out: &mut Vec<String>| {
        if let Some(d) = d {
            out.push(d.note.clone());
            out.extend(d.replaced_by.clone());
        }
    };
    for a in &spec.actions {
        out.extend([a.name.clone(), a.description.clone()]);
    }
    for c in &spec.callbacks {
        out.extend([c.name.clone(), c.description.clone()]);
    }
    for c in &spec.event_codes {
        out.extend([c.code.clone(), c.description.clone()]);
        out.extend(c.messages.iter().cloned());
        out.extend(c.carries.iter().cloned());
        deprecation(&c.deprecated, &mut out);
    }
    for c in &spec.result_codes {
        out.extend([c.code.clone(), c.message.clone(), c.suggestion.clone()]);
        deprecation(&c.deprecated, &mut out);
    }
    for e in &spec.enums {
        out.push(e.name.clone());
        for v in &e.values {
            out.push(v.value.clone());
            out.extend(v.description.clone());
            deprecation(&v.deprecated, &mut out);
        }
    }
    for o in &spec.objects {
        out.push(o.name.clone());
        for f in &o.fields {
            out.push(f.name.clone());
            out.extend(f.pattern.clone());
            out.extend(f.format.clone());
        }
        for c in &o.checks {
            out.extend([c.rule.clone(), c.message.clone()]);
            out.extend(c.fields.iter().flatten().cloned());
        }
    }
    for s in &spec.samples {
        out.extend([s.name.clone(), s.json.clone()]);
    }
    out
}

#[test]
fn string_literals_read_back_as_the_spec_strings() {
    for (name, spec) in all_specs() {
        let files = swift_files(&spec);
        let (decoded, problems) = literals(&files);
        assert!(
            problems.is_empty(),
            "{name}: literals Swift would not read as the spec's strings:\n{}",
            problems.join("\n")
        );
        let found: BTreeSet<&str> = decoded.iter().map(|(_, s)| s.as_str()).collect();
        let missing: Vec<String> = spec_strings(&spec)
            .into_iter()
            .filter(|s| !found.contains(s.as_str()))
            .map(|s| format!("{s:?}"))
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: spec strings that no Swift literal reads back as:\n{}",
            missing.join("\n")
        );
        // The metadata file holds every description, message and suggestion itself.
        let metadata: BTreeSet<&str> = decoded
            .iter()
            .filter(|(place, _)| place.contains("/Metadata.swift:"))
            .map(|(_, s)| s.as_str())
            .collect();
        for c in &spec.result_codes {
            assert!(metadata.contains(c.message.as_str()), "{name}: {}", c.code);
            assert!(
                metadata.contains(c.suggestion.as_str()),
                "{name}: {}",
                c.code
            );
        }
        for c in &spec.event_codes {
            assert!(
                metadata.contains(c.description.as_str()),
                "{name}: {}",
                c.code
            );
        }
    }
}

#[test]
fn the_hostile_strings_really_are_hostile() {
    // The escaping case must exercise what Swift reads specially, or the read-back proves little.
    let spec = load_spec(&repo_root().join("tests/cases/escaping"));
    let strings = spec_strings(&spec).join("\n");
    for needle in ["\\(", "\"", "\\", "\t", "\r", "\u{7}", "😀", "\"\"\""] {
        assert!(
            strings.contains(needle),
            "the escaping case lacks {needle:?}"
        );
    }
    // And the decoder is exact: a literal that lost an escape reads back differently.
    let source = "let a = \"x\\\\(y) \\u{1F600} \\\"q\\\" \\t\"\n";
    let tree = parse(source);
    let mut got = Vec::new();
    walk(tree.root_node(), &mut |node| {
        if node.kind() == "line_string_literal"
            && let Ok(Literal::Plain(s)) = decode_literal(node, source)
        {
            got.push(s);
        }
    });
    assert_eq!(got, ["x\\(y) 😀 \"q\" \t"]);
    let interpolating = "let a = \"x\\(y)\"\n";
    let tree = parse(interpolating);
    let mut interpolated = false;
    walk(tree.root_node(), &mut |node| {
        if node.kind() == "line_string_literal" {
            interpolated |= matches!(
                decode_literal(node, interpolating),
                Ok(Literal::Interpolated)
            );
        }
    });
    assert!(interpolated, "an unescaped `\\(` is seen as interpolation");
}

/// The innermost declaration around `node`, and whether it (or one around it) is deprecated.
fn inside_deprecated(node: Node<'_>, source: &str) -> bool {
    let mut current = Some(node);
    while let Some(n) = current {
        if matches!(
            n.kind(),
            "function_declaration" | "property_declaration" | "enum_entry"
        ) {
            let text = n.utf8_text(source.as_bytes()).unwrap_or_default();
            if text.trim_start().starts_with("@available(*, deprecated") {
                return true;
            }
        }
        current = n.parent();
    }
    false
}

/// The type a name belongs to: `T` in `T.name`, else the outermost type declaration (or
/// extension) around it, where an unqualified or `self.`-qualified name is looked up.
fn owner<'t>(node: Node<'t>, source: &'t str) -> Option<&'t str> {
    if let Some(suffix) = node.parent().filter(|p| p.kind() == "navigation_suffix")
        && let Some(target) = suffix
            .parent()
            .and_then(|n| n.child_by_field_name("target"))
            .filter(|t| t.kind() == "simple_identifier")
    {
        return target.utf8_text(source.as_bytes()).ok();
    }
    let mut outermost = None;
    let mut current = node.parent();
    while let Some(n) = current {
        if n.kind() == "class_declaration" {
            outermost = n.child_by_field_name("name");
        }
        current = n.parent();
    }
    outermost.and_then(|n| n.utf8_text(source.as_bytes()).ok())
}

#[test]
fn deprecated_declarations_are_named_only_inside_deprecated_ones() {
    // Swift warns about every use of a deprecated declaration, except inside a deprecated one.
    // A deprecated member is known by its type and its name, since specs reuse names (`new`
    // may be a deprecated field of one object and a plain field or code elsewhere).
    for (name, spec) in all_specs() {
        let mut deprecated: BTreeSet<(String, String)> = BTreeSet::new();
        let variant = |v: &str| Lang::Swift.ident(Role::Variant, v);
        for c in spec.event_codes.iter().filter(|c| c.deprecated.is_some()) {
            deprecated.insert(("EventCode".to_owned(), variant(&c.code)));
        }
        for c in spec.result_codes.iter().filter(|c| c.deprecated.is_some()) {
            deprecated.insert(("PaymentResultCode".to_owned(), variant(&c.code)));
        }
        for e in &spec.enums {
            for v in e.values.iter().filter(|v| v.deprecated.is_some()) {
                deprecated.insert((Lang::Swift.ident(Role::Type, &e.name), variant(&v.value)));
            }
        }
        for o in &spec.objects {
            for f in o.fields.iter().filter(|f| f.deprecated.is_some()) {
                deprecated.insert((
                    Lang::Swift.ident(Role::Type, &o.name),
                    Lang::Swift.ident(Role::Field, &f.name),
                ));
            }
        }
        let mut uses = 0;
        let mut bad = Vec::new();
        for f in swift_files(&spec) {
            let tree = parse(&f.contents);
            walk(tree.root_node(), &mut |node| {
                // Argument labels and parameter names are not references.
                if node.kind() != "simple_identifier"
                    || node.parent().is_some_and(|p| p.kind() == "parameter")
                {
                    return;
                }
                let text = node.utf8_text(f.contents.as_bytes()).unwrap_or_default();
                let Some(owner) = owner(node, &f.contents) else {
                    return;
                };
                if deprecated.contains(&(owner.to_owned(), text.to_owned())) {
                    uses += 1;
                    if !inside_deprecated(node, &f.contents) {
                        let at = node.start_position();
                        bad.push(format!(
                            "{name}: {}:{}:{}: `{owner}.{text}`",
                            f.path,
                            at.row + 1,
                            at.column + 1
                        ));
                    }
                }
            });
        }
        if !deprecated.is_empty() {
            assert!(uses > 0, "{name}: no deprecated declaration found");
        }
        assert!(
            bad.is_empty(),
            "deprecated declarations named outside a deprecated one (Swift would warn):\n{}",
            bad.join("\n")
        );
    }
}

/// A Swift expression of the schema tables in a canonical form: string literals decoded and
/// JSON-quoted, calls and arrays with their labelled arguments, anything else as written.
fn canonical(node: Node<'_>, source: &str) -> String {
    let text = node.utf8_text(source.as_bytes()).unwrap_or_default();
    match node.kind() {
        "line_string_literal" => match decode_literal(node, source) {
            Ok(Literal::Plain(s)) => serde_json::Value::String(s).to_string(),
            _ => format!("<bad literal {text}>"),
        },
        "array_literal" | "dictionary_literal" => {
            let mut cursor = node.walk();
            let items: Vec<String> = node
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .map(|c| canonical(c, source))
                .collect();
            if node.kind() == "array_literal" {
                format!("[{}]", items.join(","))
            } else {
                let pairs: Vec<String> = items.chunks(2).map(|p| p.join(":")).collect();
                format!("{{{}}}", pairs.join(","))
            }
        }
        "call_expression" => {
            let mut cursor = node.walk();
            let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
            let (Some(callee), Some(suffix)) = (children.first(), children.get(1)) else {
                return text.to_owned();
            };
            let mut args = Vec::new();
            walk(*suffix, &mut |n| {
                if n.kind() == "value_argument"
                    && n.parent().is_some_and(|p| p.parent() == Some(*suffix))
                {
                    let value = n
                        .child_by_field_name("value")
                        .map(|v| canonical(v, source))
                        .unwrap_or_default();
                    match n.child_by_field_name("name") {
                        Some(label) => args.push(format!(
                            "{}={value}",
                            label.utf8_text(source.as_bytes()).unwrap_or_default()
                        )),
                        None => args.push(value),
                    }
                }
            });
            format!(
                "{}({})",
                callee.utf8_text(source.as_bytes()).unwrap_or_default(),
                args.join(",")
            )
        }
        _ => text.to_owned(),
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn swift_outcome(o: Option<antom_callback::Outcome>) -> &'static str {
    match o {
        None => "nil",
        Some(antom_callback::Outcome::Success) => ".success",
        Some(antom_callback::Outcome::Failure) => ".failure",
        Some(antom_callback::Outcome::Processing) => ".processing",
    }
}

fn expected_enum(e: &antom_callback::validate::EnumSchema) -> String {
    let values: Vec<String> = e.values.iter().map(|(v, _)| json_str(v)).collect();
    let outcomes: Vec<String> = e
        .values
        .iter()
        .filter(|(_, o)| o.is_some())
        .map(|(v, o)| format!("{}:{}", json_str(v), swift_outcome(*o)))
        .collect();
    format!(
        "EnumSchema(name={},values=[{}],outcomes={{{}}})",
        json_str(e.name),
        values.join(","),
        outcomes.join(",")
    )
}

/// The Rust validator's table in the canonical form of the Swift one, with every table it
/// reaches.
fn expected_object(
    o: &'static antom_callback::validate::ObjectSchema,
    objects: &mut Vec<String>,
    enums: &mut BTreeSet<String>,
) -> String {
    use antom_callback::validate::{CheckKind, FieldKind};
    let member = |name: &str| Lang::Swift.ident(Role::Field, name);
    let fields: Vec<String> = o
        .fields
        .iter()
        .map(|f| {
            let kind = match &f.kind {
                FieldKind::String => ".string".to_owned(),
                FieldKind::Any => ".anyValue".to_owned(),
                FieldKind::Enum(e) => {
                    enums.insert(expected_enum(e));
                    format!(".enumeration(.{})", member(e.name))
                }
                FieldKind::Object(inner) => {
                    let text = expected_object(inner, objects, enums);
                    if !objects.contains(&text) {
                        objects.push(text);
                    }
                    format!(".object(.{})", member(inner.name))
                }
            };
            let pattern = f.pattern.map_or_else(
                || "nil".to_owned(),
                |p| format!("Pattern(source={},format={})", json_str(p.source), json_str(p.format)),
            );
            format!(
                "FieldSchema(name={},required={},kind={kind},maxLength={},pattern={pattern},sensitive={})",
                json_str(f.name),
                f.required,
                f.max_length.map_or_else(|| "nil".to_owned(), |m| m.to_string()),
                f.sensitive
            )
        })
        .collect();
    let checks: Vec<String> = o
        .checks
        .iter()
        .map(|c| {
            let paths: Vec<String> = c
                .fields
                .iter()
                .map(|p| {
                    format!(
                        "[{}]",
                        p.iter().map(|s| json_str(s)).collect::<Vec<_>>().join(",")
                    )
                })
                .collect();
            format!(
                "CheckSchema(rule={},kind={},fields=[{}],message={})",
                json_str(c.rule),
                match c.kind {
                    CheckKind::DigitsSuffix => ".digitsSuffix",
                    CheckKind::SameOutcome => ".sameOutcome",
                },
                paths.join(","),
                json_str(c.message)
            )
        })
        .collect();
    format!(
        "ObjectSchema(name={},fields=[{}],checks=[{}])",
        json_str(o.name),
        fields.join(","),
        checks.join(",")
    )
}

#[test]
fn swift_validation_tables_match_the_rust_validator() {
    // The Rust validator is the reference; its tables come from the same spec by another
    // generator, so agreement here means the Swift validator walks the same fields, lengths,
    // patterns, enumerations and checks, under the same rule names.
    let mut objects = Vec::new();
    let mut enums = BTreeSet::new();
    for root in [
        &antom_callback::ON_EVENT_CALLBACK_STATE_SCHEMA,
        &antom_callback::ON_ERROR_STATE_SCHEMA,
        &antom_callback::PAYMENT_RESULT_SCHEMA,
    ] {
        let text = expected_object(root, &mut objects, &mut enums);
        if !objects.contains(&text) {
            objects.push(text);
        }
    }
    let mut swift_objects = BTreeSet::new();
    let mut swift_enums = BTreeSet::new();
    for f in swift_files(&repo_spec()) {
        let tree = parse(&f.contents);
        walk(tree.root_node(), &mut |node| {
            if node.kind() != "call_expression" {
                return;
            }
            let text = canonical(node, &f.contents);
            if text.starts_with("ObjectSchema(") {
                swift_objects.insert(text);
            } else if text.starts_with("EnumSchema(") {
                swift_enums.insert(text);
            }
        });
    }
    assert_eq!(
        swift_objects.len(),
        repo_spec().objects.len(),
        "one Swift ObjectSchema per object: {swift_objects:#?}"
    );
    for expected in &objects {
        assert!(
            swift_objects.contains(expected),
            "the Swift tables differ from the Rust validator's:\nexpected {expected}\nSwift has:\n{}",
            swift_objects.iter().cloned().collect::<Vec<_>>().join("\n")
        );
    }
    assert!(!enums.is_empty());
    for expected in &enums {
        assert!(
            swift_enums.contains(expected),
            "the Swift enumeration tables differ from the Rust validator's:\nexpected {expected}\nSwift has:\n{}",
            swift_enums.iter().cloned().collect::<Vec<_>>().join("\n")
        );
    }
}
