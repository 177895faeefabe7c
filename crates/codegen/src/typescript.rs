//! TypeScript target: an ESM npm package for the web SDK (`generated/typescript/`).
//!
//! The package ships TypeScript sources under `src/` with a `tsconfig.json`; `npm run build` (run
//! by `prepack`) compiles them to `dist/`, which `exports` points at. Entry points: `.` (types,
//! `as const` objects, guards, lenient decoding, the event-callback union), `./validate` (schema
//! tables and the validation interpreter) and `./metadata` (messages, suggestions, descriptions,
//! actions, kinds, callbacks and deprecations), so the types-and-guards entry ships no text.
//!
//! Packaging: no runtime dependency, `typescript` the only dev dependency; `tsconfig.json` (strict,
//! `erasableSyntaxOnly`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`, ES2020,
//! NodeNext) builds the ES modules into `dist/`, `tsconfig.cjs.json` the CommonJS build into
//! `dist/cjs/`; `exports` gives every entry point an `import` and a `require` condition, `types`
//! first. `./metadata` and `./validate` import only types from `.`. JSON files carry the header in
//! a first `"//"` key. Spec-derived files: `enums.ts`, `objects.ts`, `events.ts`, `validate.ts`,
//! `index.ts`, `metadata.ts` (the spec's tables and lookups, re-exporting `info.ts`), and
//! `.gitignore` (what the README's `npm` steps leave in the folder); copied as
//! they are from `runtime/typescript/`: `codec.ts` (lenient decode, encode, redact), `mask.ts`
//! (`maskCardNumbers`), `validator.ts` (the interpreter) and `info.ts` (the metadata types and
//! `lookup`).
//!
//! Decisions:
//! - Enumerations are `as const` objects plus unions, never `enum`: the value is its wire string
//!   (no wrapper), `<Name>.<KEY>` the constants, `Known<Name>` the closed union, `<Name> =
//!   Known<Name> | (string & {})` stays open, `is<Name>(value)` narrows, `canonical<Name>(value)`
//!   gives the closed union `Current<Name>` (a deprecated value as the end of its replacements)
//!   or `undefined` for an unknown value, so an exhaustive `switch` on it has a `case` per current
//!   value, `case undefined` and a `never` check, and none for a deprecated value; `<NAME>_SCHEMA` in
//!   `./validate`, `<name>Info(value)` over `<NAME>_INFO` in `./metadata`. `Action` and
//!   `CallbackName` are closed unions. `tsc` does not report uses of `@deprecated` declarations,
//!   so `tests/typescript/deprecated_uses.cjs` asks the language service (code 6385).
//! - Interfaces describe the JSON shape: wire names as keys (quoted when reserved), every field
//!   `readonly` and optional (`required` is the validator's business), unknown keys allowed by an
//!   index signature. `decode<Type>` keeps a mistyped known key in a `MISTYPED` symbol-keyed record
//!   (never clashes with a wire key, skipped by `JSON.stringify`), so declared types stay true and
//!   `encode<Type>` restores the exact JSON.
//! - The event union is narrowed with a guard, then switched on: `EventCallbackState` is one
//!   `EventCallbackStateOf<'CODE'>` per known code plus `EventCallbackStateOf<string>`. A literal is
//!   always comparable to `string`, so handlers call `isKnownEventCallbackState` first; then a
//!   misspelt `case` is TS2678 and a `never` check catches a missing code. The union is keyed by
//!   the payload's discriminant (`ir::Payload`). `handleEventCallback(handler, { validate })`
//!   takes the validator as an option, so the main entry point ships no schema tables.
//! - `validateCallback(eventCode, resultJson?)` (when the payload has a carrier field) is the
//!   report of `{ code, result: JSON.parse(resultJson) }`: no `result` for `undefined`, `null`,
//!   empty or JSON-whitespace text; text that is not JSON adds one `invalid_json` error at the
//!   carrier's pointer, after the issues of `{ code }`; repeated keys are reported as
//!   `validateText` reports them, under the carrier. `validateText(text)` returns
//!   `{ value, report }` always: text that is not JSON is `value: undefined` and one
//!   `invalid_json` error at the root. Both read text with `readJson` (runtime `validator.ts`):
//!   `JSON.parse` reads valid text, the walk for repeated keys also notes what `JSON.parse`
//!   accepts and no other runtime does (lone surrogates, nesting past 128), and only then, or
//!   when `JSON.parse` throws, `jsonSyntaxError` scans the text for the first error, worded as
//!   in every runtime (`invalid JSON at line L, column C: WHAT`, columns in code points).
//! - Metadata flag cut texts: `ResultCodeInfo.messageTruncated`/`suggestionTruncated`,
//!   `EventCodeInfo.descriptionTruncated`.
//! - `redact<Type>` replaces each sensitive field by `'<redacted>'` and masks card numbers in
//!   every other string it keeps (unknown keys, nested values, kept mistyped values, keys).
//! - Validators never throw: own properties are read with `hasOwnProperty` inside `try` (a
//!   throwing getter or proxy counts as a wrong type), recursion follows the schema, not the value
//!   (cyclic values end where the schema does), and `validateAs` has a last-resort `catch` that
//!   reports a `type` error at `""`. Lengths are code points; patterns compile with the `u` flag.

pub(crate) mod names;
pub(crate) mod settings;

use crate::ir::{self, FieldValue, Ir, Note, Payload, Table, TableKind};
use crate::syntax::{CheckView, FieldEntry, Syntax, Validator};
use crate::{Render, RenderError};
use antom_spec::Naming;
use antom_spec::names::screaming;
use antom_spec::{Deprecation, Package};
use askama::Template;
use names::ts_key;

use crate::lit::comment_lines;
use crate::runtime;
use crate::version::Site;
use crate::{Comment, GeneratedFile, Generator, header, json_header, with_head};

pub(crate) struct TypeScript;

impl Generator for TypeScript {
    fn settings(&self) -> Option<&'static antom_spec::TargetSettings> {
        Some(&settings::SETTINGS)
    }
    fn name(&self) -> &'static str {
        "typescript"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&TypeScript)
    }
    fn repo_dir(&self) -> &'static str {
        "generated/typescript"
    }
    fn version_sites(&self, _package: &Package) -> Vec<Site> {
        vec![
            Site::new("package.json", "  \"version\": "),
            Site::new("src/metadata.ts", "export const SPEC_VERSION = "),
        ]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let package = ir.package;
        let events = ir.payload.as_ref();
        let mut files = vec![
            package_json(package)?,
            tsconfig_json(package)?,
            tsconfig_cjs_json(package)?,
            readme(ir)?,
            gitignore(package),
            index_ts(package, events.is_some()),
            runtime_file(package, "src/codec.ts", runtime::typescript::CODEC),
            runtime_file(package, "src/info.ts", runtime::typescript::INFO),
            runtime_file(package, "src/mask.ts", runtime::typescript::MASK),
            runtime_file(package, "src/validator.ts", runtime::typescript::VALIDATOR),
            enums_ts(ir)?,
            objects_ts(ir)?,
            validate_ts(ir, events)?,
            metadata_ts(ir)?,
        ];
        if let Some(events) = &events {
            files.push(events_ts(ir, events)?);
        }
        Ok(files)
    }
}

impl Syntax for TypeScript {
    const NAMING: &'static dyn Naming = &TypeScript;
    const COMMENT: Comment = Comment::line("// ");
    const NONE: &'static str = "null";

    fn str_lit(s: &str) -> String {
        ts_str(s)
    }
    fn list(items: Vec<String>) -> String {
        format!("[{}]", items.join(", "))
    }
    fn member(_enumeration: &str, case: &str) -> String {
        ts_str(case)
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("{{ replacedBy: {replaced_by}, note: {note} }}")
    }
}

impl Validator for TypeScript {
    /// An object literal (`ty` is TypeScript's type, not written), a comma after every property.
    fn record(_ty: &str, fields: &[(&str, String)], indent: usize) -> String {
        let mut out = "{\n".to_owned();
        for (name, value) in fields {
            out.push_str(&format!("{:pad$}{name}: {value},\n", "", pad = indent + 2));
        }
        out.push_str(&format!("{:indent$}}}", ""));
        out
    }
    fn pattern_record(source: String, format: String) -> String {
        format!("pattern({source}, {format})")
    }
    fn note(note: &Note<'_>) -> Option<String> {
        Some(match note {
            Note::Required => {
                "Required by the spec (decoding does not enforce it; `./validate` does).".to_owned()
            }
            Note::MaxLength(max) => format!("At most {max} characters (Unicode code points)."),
            Note::Pattern(pattern) => format!("Format: {}.", pattern.format?),
            Note::Sensitive => "Sensitive: `redact*` hides it.".to_owned(),
        })
    }
}

/// The TypeScript version the package is built and tested with.
const TYPESCRIPT_VERSION: &str = "5.9.3";

/// A TypeScript string literal in single quotes. Backslashes, quotes, control characters, line
/// separators and the BOM are escaped; everything else (non-BMP characters included) is written
/// as is, which is valid in a UTF-8 source. `${` and backticks need no escape outside templates.
pub(crate) fn ts_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// One line of a block comment: `*/` cannot end it early and a leading `@` is not a tag.
fn doc_line(line: &str) -> String {
    let line = line.replace("*/", "*\\/");
    if line.trim_start().starts_with('@') {
        format!("\\{}", line.trim_start())
    } else {
        line
    }
}

/// A TSDoc block at `indent` with a final newline, or nothing when there is no text.
fn tsdoc(indent: &str, paragraphs: &[&str], deprecated: Option<&Deprecation>) -> String {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(comment_lines(p).iter().map(|l| doc_line(l)));
    }
    if let Some(d) = deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let text = comment_lines(&d.message());
        for (i, l) in text.iter().enumerate() {
            let l = doc_line(l);
            lines.push(if i == 0 {
                format!("@deprecated {l}").trim_end().to_owned()
            } else {
                l
            });
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {l}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

fn file(path: &str, sources: &[&str], mut body: String) -> GeneratedFile {
    body.drain(..body.len() - body.trim_start_matches('\n').len());
    GeneratedFile {
        path: path.to_owned(),
        contents: with_head(&header(TypeScript::COMMENT, sources), body),
    }
}

#[derive(Template)]
#[template(path = "typescript/package.json.jinja", escape = "none")]
struct PackageJson {
    header: String,
    name: String,
    version: String,
    description: String,
    /// `license`, `author`: JSON strings, when the spec has them.
    license: Option<String>,
    author: Option<String>,
    /// `repository.url` (`git+<https address>.git`, as npm writes it), when the spec has one;
    /// `publishConfig.provenance` needs it, and `directory` names the package's folder.
    repository: Option<String>,
    directory: String,
    typescript: String,
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn package_json(package: &Package) -> Result<GeneratedFile, RenderError> {
    let view = PackageJson {
        header: json_str(&json_header(&[&package.file])),
        name: json_str(settings::npm_name(package)),
        version: json_str(&package.version),
        description: json_str(&package.description),
        license: package.license.as_deref().map(json_str),
        author: package.author.as_deref().map(json_str),
        repository: package
            .repository
            .as_deref()
            .map(|url| json_str(&format!("git+{}.git", url.trim_end_matches(".git")))),
        directory: json_str(TypeScript.repo_dir()),
        typescript: json_str(TYPESCRIPT_VERSION),
    };
    Ok(GeneratedFile {
        path: "package.json".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

#[derive(Template)]
#[template(path = "typescript/tsconfig.json.jinja", escape = "none")]
struct TsConfig {
    header: String,
}

fn tsconfig_json(package: &Package) -> Result<GeneratedFile, RenderError> {
    let view = TsConfig {
        header: json_str(&json_header(&[&package.file])),
    };
    Ok(GeneratedFile {
        path: "tsconfig.json".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

#[derive(Template)]
#[template(path = "typescript/tsconfig.cjs.json.jinja", escape = "none")]
struct TsConfigCjs {
    header: String,
}

/// The CommonJS build into `dist/cjs/`, for `require` and `moduleResolution: node10`.
fn tsconfig_cjs_json(package: &Package) -> Result<GeneratedFile, RenderError> {
    let view = TsConfigCjs {
        header: json_str(&json_header(&[&package.file])),
    };
    Ok(GeneratedFile {
        path: "tsconfig.cjs.json".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

#[derive(Template)]
#[template(path = "typescript/README.md.jinja", escape = "none")]
struct Readme {
    header: String,
    npm_name: String,
    description: Vec<String>,
    state: Option<String>,
    decode_state: Option<String>,
    discriminant: Option<String>,
    snippets: Option<Snippets>,
}

/// The names the README's snippets use, when the spec has them all.
struct Snippets {
    state: String,
    callback: String,
    code: String,
    result: String,
    result_code: String,
    /// A `case` label per current event code, as a constant, with the literal of its action.
    cases: Vec<(String, String)>,
}

fn snippets(ir: &Ir<'_>) -> Option<Snippets> {
    let events = ir.payload.as_ref()?;
    let carrier = events.carrier()?;
    let bare = events.bare?;
    let result_code = bare
        .fields
        .iter()
        .find(|f| f.ty == antom_spec::FieldType::PaymentResultCode)?;
    let cases = ir
        .event_codes()
        .current()
        .map(|c| {
            let key = ts_key(&TypeScript::variant(c.wire));
            let label = if key.starts_with(['\'', '[']) {
                format!("EventCode[{}]", ts_str(c.wire))
            } else {
                format!("EventCode.{key}")
            };
            let action = match c.info {
                ir::Info::Event(info) => info.action,
                _ => "",
            };
            (label, ts_str(action))
        })
        .collect();
    let ident = |name: &str| {
        let field = TypeScript::field(name);
        (ts_key(&field) == field).then_some(field)
    };
    Some(Snippets {
        state: TypeScript::ty(&events.state.name),
        callback: ident(&events.callback.name)?,
        code: ident(&events.discriminant.name)?,
        result: ident(&carrier.name)?,
        result_code: ident(&result_code.name)?,
        cases,
    })
}

fn readme(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let events = ir.payload.as_ref();
    let view = Readme {
        snippets: snippets(ir),
        header: header(Comment::MARKDOWN, &[&package.file]),
        npm_name: settings::npm_name(package).to_owned(),
        description: vec![crate::docs::markdown::cell(&package.description)],
        state: events.map(|e| TypeScript::ty(&e.state.name)),
        decode_state: events.map(|e| format!("decode{}", TypeScript::ty(&e.state.name))),
        discriminant: events.map(|e| e.discriminant.name.clone()),
    };
    Ok(GeneratedFile {
        path: "README.md".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

fn index_ts(package: &Package, events: bool) -> GeneratedFile {
    let mut body = String::from(
        "/**\n * Types, `as const` objects and guards for every enumeration, the callback objects with lenient\n * decoding, and the typed event-callback union. Validation is in `./validate`, the spec's texts\n * in `./metadata`.\n *\n * @module\n */\nexport * from './codec.js';\nexport * from './enums.js';\n",
    );
    if events {
        body.push_str("export * from './events.js';\n");
    }
    body.push_str("export * from './objects.js';\n");
    file("src/index.ts", &[&package.file], body)
}

/// What the README's steps leave in the package's folder, for git to ignore: `npm install`'s
/// `node_modules` and `package-lock.json` (the package pins its one dev dependency and ships no
/// lock file), `npm run build`'s `dist/` and `npm pack`'s tarball. npm packs the `files` of
/// `package.json` whatever this file says.
const GITIGNORED: &[&str] = &["/dist/", "/node_modules", "/package-lock.json", "*.tgz"];

/// `.gitignore`: [`GITIGNORED`], so following the README leaves a checkout clean.
fn gitignore(package: &Package) -> GeneratedFile {
    let mut body =
        String::from("# What `npm install`, `npm run build` and `npm pack` leave here.\n");
    for pattern in GITIGNORED {
        body.push_str(pattern);
        body.push('\n');
    }
    GeneratedFile {
        path: ".gitignore".to_owned(),
        contents: with_head(&header(Comment::line("# "), &[&package.file]), body),
    }
}

/// A runtime file that takes nothing from the spec but its header.
fn runtime_file(package: &Package, path: &str, text: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.to_owned(),
        contents: with_head(
            &header(TypeScript::COMMENT, &[&package.file]),
            text.to_owned(),
        ),
    }
}

#[derive(Template)]
#[template(path = "typescript/enums.ts.jinja", escape = "none")]
struct EnumsTs {
    enums: Vec<EnumView>,
}

struct EnumView {
    doc: String,
    known_doc: String,
    name: String,
    /// The union of the known values: `Known<Name>` for open enumerations, `<Name>` for closed.
    known: String,
    open: bool,
    values_const: String,
    values: Vec<ValueView>,
    /// `canonical<Name>` of an open enumeration.
    canonical: Option<CanonicalView>,
}

struct CanonicalView {
    function: String,
    map_const: String,
    /// The private guard of the known values `canonical<Name>` keeps as they are.
    kept: String,
    /// `Current<Name>`: the union of the values `canonical<Name>` gives.
    current: String,
    /// Its literals ([`Table::current`]).
    current_values: Vec<String>,
    /// `(deprecated, replacement)` literals.
    replaced: Vec<(String, String)>,
}

/// `canonical<Name>` and `Current<Name>` of an open enumeration's table
/// (`TableValue::canonical`, [`Table::current`]).
fn canonical_view(table: &Table<'_>) -> CanonicalView {
    let name = TypeScript::ty(table.name);
    CanonicalView {
        function: format!("canonical{name}"),
        map_const: format!("{}_CANONICAL", screaming(&name)),
        kept: format!("kept{name}"),
        current: format!("Current{name}"),
        current_values: table.current().map(|v| ts_str(v.wire)).collect(),
        replaced: table
            .replaced()
            .map(|(from, to)| (ts_str(from), ts_str(to)))
            .collect(),
    }
}

struct ValueView {
    doc: String,
    key: String,
    wire: String,
}

fn enum_view(
    name: &str,
    description: &str,
    open: bool,
    values: Vec<(&str, Option<&str>, Option<&Deprecation>)>,
) -> EnumView {
    let name = TypeScript::ty(name);
    let known = if open {
        format!("Known{name}")
    } else {
        name.clone()
    };
    let what = if open {
        format!(
            "Open: any other string is a value this version does not know; `isKnown{name}` tells known values, `canonical{name}` the value to handle a deprecated one as."
        )
    } else {
        "Closed: the spec lists every value.".to_owned()
    };
    EnumView {
        doc: tsdoc("", &[description, &what], None),
        known_doc: tsdoc("", &[&format!("A known value of {{@link {name}}}.")], None),
        values_const: format!("{}_VALUES", screaming(&name)),
        values: values
            .into_iter()
            .map(|(wire, doc, dep)| ValueView {
                doc: tsdoc("  ", &[doc.unwrap_or_default()], dep),
                key: ts_key(&TypeScript::variant(wire)),
                wire: ts_str(wire),
            })
            .collect(),
        name,
        known,
        open,
        canonical: None,
    }
}

fn enums_ts(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let mut enums: Vec<EnumView> = ir
        .tables
        .iter()
        .map(|t| {
            let doc = match t.kind {
                TableKind::EventCode => ir.event_code_doc.clone(),
                TableKind::PaymentResultCode => "A `paymentResultCode`: why a payment failed or is in an abnormal state. Its message and handling suggestion are in `./metadata`.".to_owned(),
                TableKind::Enum => t.description.unwrap_or_default().to_owned(),
            };
            let values = t.values.iter().map(|v| (v.wire, v.text, v.deprecated));
            EnumView {
                canonical: Some(canonical_view(t)),
                ..enum_view(t.name, &doc, true, values.collect())
            }
        })
        .collect();
    enums.push(enum_view(
        "Action",
        "What an integrator should do about a code: the spec's closed set of handling actions.",
        false,
        ir.actions
            .iter()
            .map(|a| (a.name.as_str(), Some(a.description.as_str()), None))
            .collect(),
    ));
    enums.push(enum_view(
        "CallbackName",
        "The SDK callbacks that deliver event codes.",
        false,
        ir.callbacks
            .iter()
            .map(|c| (c.name.as_str(), Some(c.description.as_str()), None))
            .collect(),
    ));
    let mut sources: Vec<&str> = ir.tables.iter().flat_map(Table::files).collect();
    sources.extend(ir.callbacks.iter().map(|c| c.file.as_str()));
    sources.push(&package.file);
    Ok(file(
        "src/enums.ts",
        &sources,
        EnumsTs { enums }.rendered()?,
    ))
}

#[derive(Template)]
#[template(path = "typescript/objects.ts.jinja", escape = "none")]
struct ObjectsTs {
    imports: Vec<String>,
    objects: Vec<ObjectView>,
}

struct ObjectView {
    doc: String,
    name: String,
    codec: String,
    fields: Vec<FieldView>,
}

struct FieldView {
    doc: String,
    key: String,
    wire: String,
    ts_type: String,
    codec: String,
}

/// The TypeScript type of a field's value, and the names it needs from `enums.ts`.
fn field_type(value: FieldValue<'_>) -> (String, Option<String>) {
    match value {
        FieldValue::Text => ("string".to_owned(), None),
        FieldValue::Any => ("unknown".to_owned(), None),
        FieldValue::Table(_, name) => (TypeScript::ty(name), Some(TypeScript::ty(name))),
        FieldValue::Object(name) => (TypeScript::ty(name), None),
    }
}

fn codec_const(object: &str) -> String {
    format!("{}_CODEC", screaming(object))
}

fn field_view(f: &ir::Field<'_>) -> FieldView {
    FieldView {
        doc: tsdoc("  ", &[f.description, &TypeScript::notes(f)], f.deprecated),
        key: TypeScript::field(f.name),
        wire: ts_str(f.name),
        ts_type: field_type(f.value).0,
        codec: match f.value {
            FieldValue::Any => "2".to_owned(),
            FieldValue::Object(name) => format!("() => {}", codec_const(name)),
            _ if f.sensitive => "1".to_owned(),
            _ => "0".to_owned(),
        },
    }
}

fn objects_ts(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let mut imports: Vec<String> = ir
        .objects
        .iter()
        .flat_map(|o| &o.fields)
        .filter_map(|f| field_type(f.value).1)
        .collect();
    let objects = ir
        .objects
        .iter()
        .map(|o| ObjectView {
            doc: tsdoc(
                "",
                &[
                    o.description,
                    &format!(
                        "Decode a JSON value with `decode{0}`, encode it back with `encode{0}`; keys this version does not know are kept.",
                        TypeScript::ty(o.name)
                    ),
                ],
                None,
            ),
            name: TypeScript::ty(o.name),
            codec: codec_const(o.name),
            fields: o.fields.iter().map(field_view).collect(),
        })
        .collect();
    imports.sort();
    imports.dedup();
    let sources: Vec<&str> = ir.objects.iter().map(|o| o.file).collect();
    let sources = if sources.is_empty() {
        vec![ir.package.file.as_str()]
    } else {
        sources
    };
    Ok(file(
        "src/objects.ts",
        &sources,
        ObjectsTs { imports, objects }.rendered()?,
    ))
}

#[derive(Template)]
#[template(path = "typescript/events.ts.jinja", escape = "none")]
struct EventsTs {
    /// The callback whose argument the state is.
    callback: String,
    state: String,
    decode_state: String,
    key: String,
    plain: String,
    wire: String,
    raw_fields: Vec<(String, String)>,
    codes: Vec<String>,
}

fn events_ts(ir: &Ir<'_>, events: &Payload<'_>) -> Result<GeneratedFile, RenderError> {
    let state = TypeScript::ty(&events.state.name);
    let raw_fields = events
        .state
        .fields
        .iter()
        .filter(|f| f.name != events.discriminant.name)
        .map(|f| (TypeScript::field(&f.name), "unknown".to_owned()))
        .collect();
    let codes = ir
        .event_codes()
        .values
        .iter()
        .map(|c| ts_str(c.wire))
        .collect();
    let view = EventsTs {
        callback: events.callback.name.clone(),
        decode_state: format!("decode{state}"),
        state,
        key: TypeScript::field(&events.discriminant.name),
        plain: events.discriminant.name.clone(),
        wire: ts_str(&events.discriminant.name),
        raw_fields,
        codes,
    };
    let mut sources = ir.event_codes().files();
    sources.push(&events.state.file);
    Ok(file("src/events.ts", &sources, view.rendered()?))
}

#[derive(Template)]
#[template(path = "typescript/validate.ts.jinja", escape = "none")]
struct ValidateTs {
    imports: Vec<String>,
    enums: Vec<EnumSchemaView>,
    objects: Vec<ObjectSchemaView>,
    root: Option<RootView>,
}

struct EnumSchemaView {
    ident: String,
    plain: String,
    name_lit: String,
    values: Vec<(String, String)>,
}

struct ObjectSchemaView {
    doc: String,
    ident: String,
    name_lit: String,
    fields: Vec<FieldEntry>,
    checks: Vec<CheckView>,
}

struct RootView {
    callback: String,
    state_schema: String,
    state_name: String,
    key: String,
    key_lit: String,
    result_schema: Option<String>,
    result_name: Option<String>,
    /// The state's field that carries the result, for `validateCallback`.
    carrier: Option<CarrierView>,
}

struct CarrierView {
    plain: String,
    lit: String,
    pointer: String,
}

fn schema_const(name: &str) -> String {
    format!("{}_SCHEMA", screaming(name))
}

/// A field's kind in its schema table entry.
fn field_kind(value: FieldValue<'_>) -> String {
    match value {
        FieldValue::Text => "{ type: 'string' }".to_owned(),
        FieldValue::Any => "{ type: 'any' }".to_owned(),
        FieldValue::Table(_, name) => {
            format!("{{ type: 'enum', schema: {} }}", schema_const(name))
        }
        FieldValue::Object(name) => {
            format!("{{ type: 'object', schema: () => {} }}", schema_const(name))
        }
    }
}

fn validate_ts(ir: &Ir<'_>, events: Option<&Payload<'_>>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let enums = ir
        .tables
        .iter()
        .map(|t| EnumSchemaView {
            ident: schema_const(t.name),
            plain: t.name.to_owned(),
            name_lit: ts_str(t.name),
            values: t
                .values
                .iter()
                .map(|v| (ts_str(v.wire), TypeScript::outcome(v.outcome)))
                .collect(),
        })
        .collect();
    let objects = ir
        .objects
        .iter()
        .map(|o| ObjectSchemaView {
            doc: tsdoc(
                "",
                &[&format!(
                    "The fields and checks of `{}`, for `validateAs`.",
                    TypeScript::ty(o.name)
                )],
                None,
            ),
            ident: schema_const(o.name),
            name_lit: ts_str(o.name),
            fields: o
                .fields
                .iter()
                .map(|f| TypeScript::field_entry(f, field_kind(f.value)))
                .collect(),
            checks: o.checks.iter().map(TypeScript::check_view).collect(),
        })
        .collect();
    let root = events.map(|e| RootView {
        callback: e.callback.name.clone(),
        state_schema: schema_const(&e.state.name),
        state_name: TypeScript::ty(&e.state.name),
        key: e.discriminant.name.clone(),
        key_lit: ts_str(&e.discriminant.name),
        result_schema: e.bare.map(|r| schema_const(&r.name)),
        result_name: e.bare.map(|r| TypeScript::ty(&r.name)),
        carrier: e
            .carrier()
            .zip(e.carrier_pointer())
            .map(|(f, pointer)| CarrierView {
                plain: f.name.clone(),
                lit: ts_str(&f.name),
                pointer: ts_str(&pointer),
            }),
    });
    let mut imports = vec!["type EnumSchema".to_owned(), "type Outcome".to_owned()];
    if !ir.objects.is_empty() {
        imports.push("type ObjectSchema".to_owned());
    }
    if ir
        .objects
        .iter()
        .any(|o| o.fields.iter().any(|f| f.pattern.is_some()))
    {
        imports.push("pattern".to_owned());
    }
    if root.is_some() {
        imports.push("type ValidationReport".to_owned());
        imports.push("duplicateKeyIssue".to_owned());
        imports.push("readJson".to_owned());
        imports.push("reportOf".to_owned());
        imports.push("validateAs".to_owned());
        imports.push("withIssues".to_owned());
    }
    if root.as_ref().is_some_and(|r| r.result_schema.is_some()) {
        imports.push("hasKey".to_owned());
    }
    imports.sort_by_key(|i| i.trim_start_matches("type ").to_owned());
    let mut sources: Vec<&str> = ir.objects.iter().map(|o| o.file).collect();
    sources.extend(ir.enums().filter_map(|t| t.file));
    sources.extend(ir.event_codes().files());
    sources.extend(ir.result_codes().files());
    if sources.is_empty() {
        sources.push(&package.file);
    }
    Ok(file(
        "src/validate.ts",
        &sources,
        ValidateTs {
            imports,
            enums,
            objects,
            root,
        }
        .rendered()?,
    ))
}

/// `metadata.ts`: the spec's tables and their lookups, in the types of the runtime's `info.ts`,
/// which it re-exports.
#[derive(Template)]
#[template(path = "typescript/metadata.ts.jinja", escape = "none")]
struct MetadataTs {
    /// The types it takes from `enums.ts`, and from `info.ts`, sorted.
    enum_imports: Vec<String>,
    info_imports: Vec<&'static str>,
    /// Where an event code's `carries` objects arrive ([`Ir::carries_place`]).
    carries_place: String,
    /// `package.version`, as a literal.
    version: String,
    event_codes: Vec<String>,
    result_codes: Vec<String>,
    enums: Vec<EnumInfoView>,
    actions: Vec<(String, String)>,
    callbacks: Vec<(String, String, String, String)>,
}

struct EnumInfoView {
    doc: String,
    ident: String,
    /// The type's name, and its lookup function (`fundingInfo`).
    ty: String,
    lookup: String,
    name: String,
    known: String,
    description: String,
    values: Vec<String>,
}

/// The metadata lookup of an enumeration: `eventCodeInfo`, `fundingInfo`.
fn info_function(name: &str) -> String {
    let ty = TypeScript::ty(name);
    let mut chars = ty.chars();
    let first = chars.next().map(|c| c.to_ascii_lowercase());
    format!(
        "{}{}Info",
        first.map(String::from).unwrap_or_default(),
        chars.as_str()
    )
}

/// The types `metadata.ts` takes from the runtime's `info.ts`, sorted: the enum records only
/// when the spec has enums (an unused import fails `noUnusedLocals`).
fn info_imports(has_enums: bool) -> Vec<&'static str> {
    let mut names = vec![
        "CallbackInfo",
        "Deprecation",
        "EventKind",
        "Outcome",
        "ResultCodeInfo",
    ];
    if has_enums {
        names.extend(["EnumInfo", "ValueInfo"]);
        names.sort_unstable();
    }
    names
}

fn metadata_ts(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let event_codes = ir
        .event_infos()
        .map(|(c, info)| {
            let fields = [
                ("code", ts_str(c.wire)),
                ("kind", TypeScript::kind(info.kind)),
                ("callbacks", TypeScript::str_list(info.callbacks)),
                ("description", ts_str(c.text.unwrap_or_default())),
                ("action", ts_str(info.action)),
                ("outcome", TypeScript::outcome(c.outcome)),
                ("carries", TypeScript::str_list(info.carries)),
                ("messages", TypeScript::str_list(info.messages)),
                ("deprecated", TypeScript::deprecation(c.deprecated)),
                (
                    "descriptionTruncated",
                    info.description_truncated.to_string(),
                ),
            ];
            let record = TypeScript::record("EventCodeInfo", &fields, 2);
            format!("{}: {record}", ts_key(c.wire))
        })
        .collect();
    let result_codes = ir
        .result_infos()
        .map(|(c, info)| {
            let fields = [
                ("code", ts_str(c.wire)),
                ("message", ts_str(c.text.unwrap_or_default())),
                ("suggestion", ts_str(info.suggestion)),
                ("action", ts_str(info.action)),
                ("outcome", TypeScript::outcome(c.outcome)),
                ("deprecated", TypeScript::deprecation(c.deprecated)),
                ("messageTruncated", info.message_truncated.to_string()),
                ("suggestionTruncated", info.suggestion_truncated.to_string()),
            ];
            let record = TypeScript::record("ResultCodeInfo", &fields, 2);
            format!("{}: {record}", ts_key(c.wire))
        })
        .collect();
    let enums: Vec<EnumInfoView> = Table::enums(&ir.tables)
        .map(|t| EnumInfoView {
            doc: tsdoc(
                "",
                &[&format!(
                    "What the spec says about `{}` and each of its known values.",
                    TypeScript::ty(t.name)
                )],
                None,
            ),
            ident: format!("{}_INFO", screaming(t.name)),
            ty: TypeScript::ty(t.name),
            lookup: info_function(t.name),
            name: ts_str(t.name),
            known: format!("Known{}", TypeScript::ty(t.name)),
            description: ts_str(t.description.unwrap_or_default()),
            values: t
                .values
                .iter()
                .map(|v| {
                    let fields = [
                        ("value", ts_str(v.wire)),
                        ("description", TypeScript::opt_str(v.text)),
                        ("outcome", TypeScript::outcome(v.outcome)),
                        ("deprecated", TypeScript::deprecation(v.deprecated)),
                    ];
                    format!(
                        "{}: {}",
                        ts_key(v.wire),
                        TypeScript::record("EnumInfo", &fields, 4)
                    )
                })
                .collect(),
        })
        .collect();
    let mut imports = vec![
        "Action".to_owned(),
        "CallbackName".to_owned(),
        "KnownEventCode".to_owned(),
        "KnownPaymentResultCode".to_owned(),
    ];
    imports.extend(enums.iter().map(|e| e.known.clone()));
    imports.sort();
    let actions = ir
        .actions
        .iter()
        .map(|a| (ts_key(&a.name), ts_str(&a.description)))
        .collect();
    let callbacks = ir
        .callbacks
        .iter()
        .map(|c| {
            (
                ts_key(&c.name),
                ts_str(&c.name),
                ts_str(&c.description),
                ts_str(&c.argument),
            )
        })
        .collect();
    let mut sources = ir.event_codes().files();
    sources.extend(ir.result_codes().files());
    sources.extend(Table::enums(&ir.tables).filter_map(|t| t.file));
    sources.extend(ir.callbacks.iter().map(|c| c.file.as_str()));
    sources.push(&package.file);
    let body = MetadataTs {
        enum_imports: imports,
        info_imports: info_imports(!enums.is_empty()),
        carries_place: ir.carries_place.clone(),
        version: ts_str(&package.version),
        event_codes,
        result_codes,
        enums,
        actions,
        callbacks,
    }
    .rendered()?;
    Ok(file("src/metadata.ts", &sources, body + "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_str_escapes_quotes_backslashes_and_controls() {
        assert_eq!(ts_str("it's \\ ${x} `t`"), r"'it\'s \\ ${x} `t`'");
        assert_eq!(ts_str("a\nb\r\u{7}\u{2028}😀"), r"'a\nb\r\u0007\u2028😀'");
    }

    #[test]
    fn doc_blocks_cannot_be_closed_early() {
        let doc = tsdoc("", &["ends */ here", "@tag at start"], None);
        assert_eq!(doc, "/**\n * ends *\\/ here\n *\n * \\@tag at start\n */\n");
    }

    #[test]
    fn keys_are_quoted_when_needed() {
        assert_eq!(ts_key("SDK_X"), "SDK_X");
        assert_eq!(ts_key("3D"), "'3D'");
        assert_eq!(ts_key("type"), "'type'");
        assert_eq!(ts_key("__proto__"), "['__proto__']");
    }
}
