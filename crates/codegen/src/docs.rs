//! Docs target: `reference.md`, a Markdown reference a docs site can publish as is.
//!
//! The page has the component lifecycle (a Mermaid diagram of the phases, each with the event
//! codes sent in it), the event codes by group (with their phase), the payment result codes,
//! the handling actions and callbacks, one parameter table per object, one value table per
//! enumeration, the deprecations and the sample payloads. Every code has a stable anchor, its
//! code in lower case (`#fraud_reject`); objects and enumerations have `#type-<name>`, actions
//! `#action-<name>`, samples `#sample-<name>`. Spec text goes through [`markdown::cell`].
//!
//! A result code whose anchor an event code already has gets `result-` (a guard: lint already
//! keeps event and result codes apart). A text the source cuts off (`provenance.truncated`) is
//! shown as written and its cell marked "*(cut off in the source)*".
//!
//! The lifecycle is a `stateDiagram-v2` drawn from each event code's required `phase` (a closed
//! set in lifecycle order, `Phase::ALL`, so no code is left out): one state per phase (`loading
//! --> form --> submission --> challenge --> result`, and `submission --> result` without a 3D
//! Secure challenge), each listing its status and payment result codes (outcome, deprecation) as
//! state descriptions, and one transition to a single error state per phase that has error codes.
//! Only the docs and the catalog carry the phase, so `antom diff` counts its change as a patch.

pub(crate) mod markdown;

use crate::ir::{EventInfo, Field, FieldValue, Ir, Object, TableKind, TableValue};
use crate::{Render, RenderError};
use antom_spec::{Deprecation, EventKind, Outcome, Phase};
use askama::Template;

use crate::{Comment, GeneratedFile, Generator, header};

pub(crate) struct Docs;

impl Generator for Docs {
    fn name(&self) -> &'static str {
        "docs"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/docs"
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        Ok(vec![reference(
            ir,
            ir.payload
                .as_ref()
                .and_then(|p| p.carrier())
                .map(|f| f.name.as_str()),
        )?])
    }
}

#[derive(Template)]
#[template(path = "docs/reference.md.jinja", escape = "none")]
struct Page {
    header: String,
    /// The key an event code arrives as: the declared payload's discriminant.
    code_key: Option<String>,
    title: String,
    description: String,
    version: String,
    lifecycle: Vec<String>,
    groups: Vec<Group>,
    result_codes: Table,
    actions: Table,
    callbacks: Table,
    objects: Vec<Section>,
    enums: Vec<Section>,
    deprecations: Vec<String>,
    samples: Vec<SampleView>,
}

/// A group of event codes.
struct Group {
    title: &'static str,
    id: &'static str,
    intro: String,
    table: Table,
}

/// A Markdown table: header cells and rows of escaped cells.
struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// The table's lines: header, delimiter row, one line per row.
    fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("| {} |", self.header.join(" | ")),
            format!(
                "|{}|",
                self.header
                    .iter()
                    .map(|_| "---")
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        ];
        for row in &self.rows {
            lines.push(format!("| {} |", row.join(" | ")));
        }
        lines
    }
}

/// An object or an enumeration: heading, anchor, text, table and notes.
struct Section {
    name: String,
    anchor: String,
    description: String,
    table: Table,
    notes: Vec<String>,
}

struct SampleView {
    name: String,
    anchor: String,
    description: String,
    of_type: String,
    fence: String,
    json: String,
}

/// Where a name links to.
struct Anchors<'i, 's> {
    ir: &'i Ir<'s>,
}

impl Anchors<'_, '_> {
    fn event_code(&self, code: &str) -> String {
        markdown::code_anchor(code)
    }

    /// A result code's anchor: its lower-case code, or `result-<code>` when an event code
    /// already has that anchor.
    fn result_code(&self, code: &str) -> String {
        let plain = markdown::code_anchor(code);
        if self
            .ir
            .event_codes()
            .values
            .iter()
            .any(|c| markdown::code_anchor(c.wire) == plain)
        {
            format!("result-{plain}")
        } else {
            plain
        }
    }

    fn type_anchor(name: &str) -> String {
        format!("type-{}", markdown::attr(&name.to_lowercase()))
    }

    fn action(name: &str) -> String {
        format!("action-{}", markdown::attr(&name.to_lowercase()))
    }

    /// A link to what a deprecation names as its replacement, when that is a code.
    fn replacement(&self, name: &str) -> String {
        if self.ir.event_codes().value(name).is_some() {
            link(&markdown::code(name), &self.event_code(name))
        } else if self.ir.result_codes().value(name).is_some() {
            link(&markdown::code(name), &self.result_code(name))
        } else {
            markdown::code(name)
        }
    }
}

fn link(text: &str, anchor: &str) -> String {
    format!("[{text}](#{anchor})")
}

fn anchor_tag(id: &str) -> String {
    format!("<a id=\"{id}\"></a>")
}

fn outcome(o: Option<Outcome>) -> String {
    o.map(Outcome::as_str).unwrap_or_default().to_owned()
}

fn action_link(name: &str) -> String {
    link(&markdown::code(name), &Anchors::action(name))
}

/// "**Deprecated**: note Replaced by X." for a cell.
fn deprecation_cell(anchors: &Anchors<'_, '_>, d: &Deprecation) -> String {
    format!("**Deprecated**: {}", deprecation_text(anchors, d))
}

/// "note Replaced by X.": the note, then a link to the replacement.
fn deprecation_text(anchors: &Anchors<'_, '_>, d: &Deprecation) -> String {
    let mut text = markdown::cell(&d.note);
    if let Some(r) = &d.replaced_by {
        text.push_str(&format!(" Replaced by {}.", anchors.replacement(r)));
    }
    text
}

fn reference(ir: &Ir<'_>, carrier: Option<&str>) -> Result<GeneratedFile, RenderError> {
    let anchors = Anchors { ir };
    let page = Page {
        code_key: ir.payload.as_ref().map(|p| p.discriminant.name.clone()),
        header: header(Comment::MARKDOWN, &ir.files()).trim_end().to_owned(),
        title: markdown::cell(&format!("{} reference", ir.package.name)),
        description: markdown::cell(&ir.package.description),
        version: markdown::code(&ir.package.version),
        lifecycle: lifecycle(ir),
        groups: event_groups(ir, carrier, &anchors),
        result_codes: result_codes(ir, &anchors),
        actions: Table {
            header: vec!["Action", "What to do"],
            rows: ir
                .actions
                .iter()
                .map(|a| {
                    vec![
                        format!(
                            "{}{}",
                            anchor_tag(&Anchors::action(&a.name)),
                            markdown::code(&a.name)
                        ),
                        markdown::cell(&a.description),
                    ]
                })
                .collect(),
        },
        callbacks: Table {
            header: vec!["Callback", "Argument", "When"],
            rows: ir
                .callbacks
                .iter()
                .map(|c| {
                    vec![
                        markdown::code(&c.name),
                        type_link(ir, &c.argument),
                        markdown::cell(&c.description),
                    ]
                })
                .collect(),
        },
        objects: ir
            .objects
            .iter()
            .map(|o| object_section(ir, &anchors, o))
            .collect(),
        enums: ir
            .enums()
            .map(|e| Section {
                name: markdown::cell(e.name),
                anchor: Anchors::type_anchor(e.name),
                description: markdown::cell(e.description.unwrap_or_default()),
                table: Table {
                    header: vec!["Value", "Description", "Outcome"],
                    rows: e
                        .values
                        .iter()
                        .map(|v| {
                            let mut description = markdown::cell(v.text.unwrap_or_default());
                            if let Some(d) = v.deprecated {
                                if !description.is_empty() {
                                    description.push_str("<br>");
                                }
                                description.push_str(&deprecation_cell(&anchors, d));
                            }
                            vec![markdown::code(v.wire), description, outcome(v.outcome)]
                        })
                        .collect(),
                },
                notes: Vec::new(),
            })
            .collect(),
        deprecations: deprecations(ir, &anchors),
        samples: ir
            .samples
            .iter()
            .map(|s| {
                let json = reindent_json(&s.json);
                let longest = json
                    .split(|c| c != '`')
                    .map(str::len)
                    .max()
                    .unwrap_or_default();
                SampleView {
                    name: markdown::cell(&s.name),
                    anchor: format!("sample-{}", markdown::attr(&s.name.to_lowercase())),
                    description: markdown::cell(&s.description),
                    of_type: type_link(ir, &s.ty),
                    fence: "`".repeat(longest.max(2) + 1),
                    json,
                }
            })
            .collect(),
    };
    let mut contents = page.rendered()?;
    // One final newline, no trailing blank lines.
    let trimmed_len = contents.trim_end().len();
    contents.truncate(trimmed_len);
    contents.push('\n');
    Ok(GeneratedFile {
        path: "reference.md".to_owned(),
        contents,
    })
}

/// The event codes by kind, each group introduced by the callbacks that deliver its codes and,
/// for payment results, the state's field that carries the details (`carrier`).
fn event_groups(ir: &Ir<'_>, carrier: Option<&str>, anchors: &Anchors<'_, '_>) -> Vec<Group> {
    let details = carrier.map_or_else(String::new, |f| format!("; `{f}` carries the details"));
    let groups = [
        (
            EventKind::Status,
            "Status codes",
            "status-codes",
            " during the component's runtime lifecycle.".to_owned(),
        ),
        (
            EventKind::Error,
            "Error codes",
            "error-codes",
            ", mostly during the component's initialization.".to_owned(),
        ),
        (
            EventKind::PaymentResult,
            "Payment result codes",
            "payment-result-event-codes",
            format!(" at the end of the payment process{details}."),
        ),
    ];
    groups
        .into_iter()
        .map(|(kind, title, id, when)| Group {
            title,
            id,
            intro: match ir.event_callbacks(Some(kind)).as_slice() {
                [] => format!("Returned{when}"),
                names => format!("Returned through {}{when}", crate::ir::or_list(names)),
            },
            table: Table {
                header: vec![
                    "Code",
                    "Phase",
                    "Callbacks",
                    "Description",
                    "Action",
                    "Outcome",
                ],
                rows: ir
                    .event_infos()
                    .filter(|(_, info)| info.kind == kind)
                    .map(|(c, info)| {
                        let mut code = format!(
                            "{}{}",
                            anchor_tag(&anchors.event_code(c.wire)),
                            markdown::code(c.wire)
                        );
                        if c.deprecated.is_some() {
                            code.push_str("<br>**Deprecated**");
                        }
                        let mut description =
                            text_cell(c.text.unwrap_or_default(), info.description_truncated);
                        if !info.messages.is_empty() {
                            let messages: Vec<String> =
                                info.messages.iter().map(|m| markdown::code(m)).collect();
                            description
                                .push_str(&format!("<br><br>Messages: {}", messages.join(", ")));
                        }
                        if !info.carries.is_empty() {
                            let carries: Vec<String> =
                                info.carries.iter().map(|t| type_link(ir, t)).collect();
                            description
                                .push_str(&format!("<br><br>Carries: {}", carries.join(", ")));
                        }
                        if let Some(d) = c.deprecated {
                            description.push_str("<br><br>");
                            description.push_str(&deprecation_cell(anchors, d));
                        }
                        let callbacks: Vec<String> =
                            info.callbacks.iter().map(|cb| markdown::code(cb)).collect();
                        vec![
                            code,
                            info.phase.as_str().to_owned(),
                            callbacks.join(", "),
                            description,
                            action_link(info.action),
                            outcome(c.outcome),
                        ]
                    })
                    .collect(),
            },
        })
        .collect()
}

fn result_codes(ir: &Ir<'_>, anchors: &Anchors<'_, '_>) -> Table {
    Table {
        header: vec!["Code", "Message", "Suggestion", "Action", "Outcome"],
        rows: ir
            .result_infos()
            .map(|(c, info)| {
                let mut code = format!(
                    "{}{}",
                    anchor_tag(&anchors.result_code(c.wire)),
                    markdown::code(c.wire)
                );
                let mut suggestion = text_cell(info.suggestion, info.suggestion_truncated);
                if let Some(d) = c.deprecated {
                    code.push_str("<br>**Deprecated**");
                    suggestion.push_str("<br><br>");
                    suggestion.push_str(&deprecation_cell(anchors, d));
                }
                vec![
                    code,
                    text_cell(c.text.unwrap_or_default(), info.message_truncated),
                    suggestion,
                    action_link(info.action),
                    outcome(c.outcome),
                ]
            })
            .collect(),
    }
}

/// A code's text as a cell, marked when the source cuts it off (the layer's truncated flags).
fn text_cell(text: &str, truncated: bool) -> String {
    let mut cell = markdown::cell(text);
    if truncated {
        cell.push_str(" *(cut off in the source)*");
    }
    cell
}

/// A field type as a cell: a link to its definition where it has one.
fn field_type(ir: &Ir<'_>, value: FieldValue<'_>) -> String {
    match value {
        FieldValue::Text => "string".to_owned(),
        FieldValue::Any => "any".to_owned(),
        FieldValue::Table(TableKind::EventCode, _) => link("`EventCode`", "event-codes"),
        FieldValue::Table(TableKind::PaymentResultCode, _) => {
            link("`PaymentResultCode`", "payment-result-codes")
        }
        FieldValue::Table(TableKind::Enum, name) | FieldValue::Object(name) => type_link(ir, name),
    }
}

/// A link to an object or enumeration section, or the bare name.
fn type_link(ir: &Ir<'_>, name: &str) -> String {
    if ir.declares_type(name) {
        link(&markdown::code(name), &Anchors::type_anchor(name))
    } else {
        markdown::code(name)
    }
}

fn field_row(ir: &Ir<'_>, anchors: &Anchors<'_, '_>, f: &Field<'_>) -> Vec<String> {
    let mut format = f.format.map(markdown::cell).unwrap_or_default();
    if let Some(p) = f.pattern {
        if !format.is_empty() {
            format.push_str("<br>");
        }
        format.push_str(&markdown::code(p.source));
    }
    let mut description = markdown::cell(f.description);
    let mut name = markdown::code(f.name);
    if let Some(d) = f.deprecated {
        name.push_str("<br>**Deprecated**");
        description.push_str("<br><br>");
        description.push_str(&deprecation_cell(anchors, d));
    }
    vec![
        name,
        field_type(ir, f.value),
        if f.required { "yes" } else { "no" }.to_owned(),
        f.max_length.map(|m| m.to_string()).unwrap_or_default(),
        format,
        if f.sensitive { "yes" } else { "no" }.to_owned(),
        description,
    ]
}

fn object_section(ir: &Ir<'_>, anchors: &Anchors<'_, '_>, o: &Object<'_>) -> Section {
    let notes = o
        .checks
        .iter()
        .map(|c| {
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|p| markdown::code(&p.join(".")))
                .collect();
            let kind = match c.kind {
                antom_spec::CheckKind::DigitsSuffix => "the first ends the second's digits",
                antom_spec::CheckKind::SameOutcome => "the outcomes agree",
            };
            format!(
                "{} ({kind}: {}): {}",
                markdown::code(&c.rule),
                fields.join(", "),
                markdown::cell(&c.message)
            )
        })
        .collect();
    Section {
        name: markdown::cell(o.name),
        anchor: Anchors::type_anchor(o.name),
        description: markdown::cell(o.description),
        table: Table {
            header: vec![
                "Name",
                "Type",
                "Required",
                "Max length",
                "Format / pattern",
                "Sensitive",
                "Description",
            ],
            rows: o.fields.iter().map(|f| field_row(ir, anchors, f)).collect(),
        },
        notes,
    }
}

fn deprecations(ir: &Ir<'_>, anchors: &Anchors<'_, '_>) -> Vec<String> {
    let mut items = Vec::new();
    for c in &ir.event_codes().values {
        if let Some(d) = c.deprecated {
            items.push(format!(
                "Event code {}: {}",
                link(&markdown::code(c.wire), &anchors.event_code(c.wire)),
                deprecation_text(anchors, d)
            ));
        }
    }
    for c in &ir.result_codes().values {
        if let Some(d) = c.deprecated {
            items.push(format!(
                "Payment result code {}: {}",
                link(&markdown::code(c.wire), &anchors.result_code(c.wire)),
                deprecation_text(anchors, d)
            ));
        }
    }
    for e in ir.enums() {
        for v in &e.values {
            if let Some(d) = v.deprecated {
                items.push(format!(
                    "Value {} of {}: {}",
                    markdown::code(v.wire),
                    type_link(ir, e.name),
                    deprecation_text(anchors, d)
                ));
            }
        }
    }
    for o in &ir.objects {
        for f in &o.fields {
            if let Some(d) = f.deprecated {
                items.push(format!(
                    "Field {} of {}: {}",
                    markdown::code(f.name),
                    type_link(ir, o.name),
                    deprecation_text(anchors, d)
                ));
            }
        }
    }
    items
}

// ---------------------------------------------------------------------------------------------
// The lifecycle diagram.

/// A phase's title in the diagram.
fn phase_title(p: Phase) -> &'static str {
    match p {
        Phase::Loading => "Loading",
        Phase::Form => "Form",
        Phase::Submission => "Submission",
        Phase::Challenge => "3DS challenge",
        Phase::Result => "Result",
    }
}

/// A code as the diagram lists it: the code, then its outcome and whether it is deprecated.
fn diagram_label(c: &TableValue<'_>) -> String {
    let mut notes = Vec::new();
    if c.outcome.is_some() {
        notes.push(outcome(c.outcome));
    }
    if c.deprecated.is_some() {
        notes.push("deprecated".to_owned());
    }
    if notes.is_empty() {
        markdown::mermaid_text(c.wire)
    } else {
        markdown::mermaid_text(&format!("{} ({})", c.wire, notes.join(", ")))
    }
}

/// An event code with the rest of its record.
type Code<'i, 's> = (&'i TableValue<'s>, &'i EventInfo<'s>);

/// A `stateDiagram-v2` of the component, drawn from the event codes' phases: one state per
/// phase in lifecycle order (the challenge is skipped without 3D Secure), each listing the codes
/// sent in it (status codes, then payment result codes), and the error codes on a transition
/// from the phase in which they occur to the error state. Every code appears once.
fn lifecycle(ir: &Ir<'_>) -> Vec<String> {
    let mut lines = vec!["stateDiagram-v2".to_owned()];
    for p in Phase::ALL {
        lines.push(format!(
            "    state \"{}\" as {}",
            phase_title(p),
            p.as_str()
        ));
    }
    lines.push(format!("    [*] --> {}", Phase::Loading.as_str()));
    for pair in Phase::ALL.windows(2) {
        lines.push(format!("    {} --> {}", pair[0].as_str(), pair[1].as_str()));
    }
    lines.push(format!(
        "    {} --> {}: no challenge",
        Phase::Submission.as_str(),
        Phase::Result.as_str()
    ));
    lines.push(format!("    {} --> [*]", Phase::Result.as_str()));
    let in_phase = |p: Phase, errors: bool| -> Vec<Code<'_, '_>> {
        let mut codes: Vec<Code<'_, '_>> = ir
            .event_infos()
            .filter(|(_, i)| i.phase == p && (i.kind == EventKind::Error) == errors)
            .collect();
        codes.sort_by_key(|(_, i)| i.kind);
        codes
    };
    for p in Phase::ALL {
        for (c, _) in in_phase(p, false) {
            lines.push(format!("    {} : {}", p.as_str(), diagram_label(c)));
        }
    }
    let errors: Vec<(Phase, Vec<Code<'_, '_>>)> = Phase::ALL
        .into_iter()
        .map(|p| (p, in_phase(p, true)))
        .filter(|(_, codes)| !codes.is_empty())
        .collect();
    if !errors.is_empty() {
        lines.push("    state \"Error\" as error".to_owned());
        for (p, codes) in errors {
            let labels: Vec<String> = codes.into_iter().map(|(c, _)| diagram_label(c)).collect();
            lines.push(format!(
                "    {} --> error: {}",
                p.as_str(),
                labels.join("<br>")
            ));
        }
        lines.push("    error --> [*]".to_owned());
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Samples.

/// Re-indents JSON text (two spaces) without reordering keys or touching strings. Samples are
/// valid JSON (the lint parses them); anything else comes out with its characters kept.
fn reindent_json(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                let next = chars[i..].iter().find(|c| !c.is_whitespace());
                if next == Some(&close) {
                    out.push(c);
                    out.push(close);
                    i += chars[i..]
                        .iter()
                        .position(|&x| x == close)
                        .map_or(0, |p| p + 1);
                } else {
                    out.push(c);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindent_keeps_order_and_strings() {
        let text = "{\n\"b\": [1, {}],\n\"a\":{ \"x\" : \"{ , : }\\\"\" }, \"e\": [ ] }";
        assert_eq!(
            reindent_json(text),
            "{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": {\n    \"x\": \"{ , : }\\\"\"\n  },\n  \"e\": []\n}"
        );
    }

    #[test]
    fn cells_escape_structure_and_html_but_keep_code_spans() {
        assert_eq!(
            markdown::cell("a | b\nc <x> & `p|q` *s* snake_case _u_ `"),
            "a \\| b<br>c &lt;x&gt; &amp; `p\\|q` \\*s\\* snake_case \\_u\\_ \\`"
        );
        assert_eq!(markdown::cell("- item"), "\\- item");
        assert_eq!(markdown::cell("1. item"), "1\\. item");
        assert_eq!(markdown::code("a`b|c"), "``a`b\\|c``");
        assert_eq!(markdown::mermaid_text("A_B: c;"), "A_B#58; c#59;");
    }
}
