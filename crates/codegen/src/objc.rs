//! Objective-C: one header and its implementation, plain Foundation, for SDKs that ship no Swift.
//!
//! `<prefix>Callback.h` declares `<prefix>EventCodes` and `<prefix>PaymentResultCodes` (the same
//! class properties and lookups as the Swift package's `@objc` classes, from the same
//! [`crate::ir::ObjcCodes`]), an `NS_TYPED_EXTENSIBLE_ENUM` string type and a `<prefix><Enum>Values`
//! class per enumeration, `<prefix>EventKinds` and `<prefix>Actions` (typed constants of the
//! `<prefix>EventKind` and `<prefix>Action` string types that `kindForCode:` and `actionForCode:`
//! return), and a `<prefix><Object>Fields` class per object with its field names and maximum
//! lengths. `<prefix>Callback.m` holds the tables as static C arrays of constant strings
//! and looks codes up in them: no object literals, no subscripting, valid under ARC and manual
//! reference counting alike.
//!
//! Decisions:
//! - Code and value constants are `NSString` class properties of `NSObject` subclasses, named by
//!   the Swift case name (`AMSEventCodes.sdkPaymentSuccessful`); the prefix is
//!   `targets.swift.objc_prefix`. Objective-C has no `switch` on strings, so they serve
//!   `isEqualToString:` chains and need not be compile-time constants (no `extern NSString *const`).
//! - `+canonical:` on every code and values class returns the end of a deprecated code's chain of
//!   replacements, any other string itself; the deprecated property keeps its `deprecated`
//!   attribute, so naming it warns. The code classes answer `descriptionTruncatedForCode:` (event
//!   codes) and `messageTruncatedForCode:`/`suggestionTruncatedForCode:` (result codes), `NO` for
//!   an unknown code; lookups are named `...Code:` on code classes and `...Value:` on values
//!   classes.
//! - No object with a JSON form and no validator: Objective-C code gets an `NSDictionary` from the
//!   SDK, and validation is the Swift package's (its `@objc` `<prefix>Validation`). So no redacted
//!   JSON and no mobile entry point here; the field classes name keys and maximum lengths.
//! - Static C arrays rather than object literals or subscripting, because GNUstep's runtime lacks
//!   them; nothing differs under ARC. `objc_str` writes printable ASCII as it is (`\"`, `\\`,
//!   `\?`) and every other character as octal escapes of its UTF-8 bytes.

pub(crate) mod names;

use antom_spec::Naming;
use antom_spec::{Deprecation, Package};
use askama::Template;

use crate::ir::{Ir, ObjcCodes, Table};
use crate::lit::comment_lines;
use crate::syntax::Syntax;
use crate::version::Site;
use crate::{Comment, GeneratedFile, Generator, Render, RenderError, header};

pub(crate) struct ObjC;

impl Syntax for ObjC {
    const NAMING: &'static dyn Naming = &ObjC;
    const COMMENT: Comment = Comment::line("// ");
    const NONE: &'static str = "nil";

    fn str_lit(s: &str) -> String {
        objc_str(s)
    }
    fn list(items: Vec<String>) -> String {
        let mut items = items;
        items.push("nil".to_owned());
        format!("[NSArray arrayWithObjects:{}]", items.join(", "))
    }
    fn member(_enumeration: &str, case: &str) -> String {
        objc_str(case)
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("[NSArray arrayWithObjects:{note}, {replaced_by}, nil]")
    }
}

/// The marker of the line that carries the spec's version in the implementation file.
const VERSION_MARKER: &str = "#define SPEC_VERSION ";

impl Generator for ObjC {
    fn name(&self) -> &'static str {
        "objc"
    }
    fn repo_dir(&self) -> &'static str {
        "generated/objc"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&ObjC)
    }
    fn version_sites(&self, package: &Package) -> Vec<Site> {
        vec![Site::new(
            format!("{}.m", base_name(package)),
            VERSION_MARKER,
        )]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let view = view(ir);
        Ok(vec![
            GeneratedFile {
                path: format!("{}.h", view.base),
                contents: HeaderFile { v: &view }.rendered()? + "\n",
            },
            GeneratedFile {
                path: format!("{}.m", view.base),
                contents: ImplementationFile { v: &view }.rendered()? + "\n",
            },
            GeneratedFile {
                path: "README.md".to_owned(),
                contents: format!(
                    "{}\n",
                    ReadmeFile {
                        v: &view,
                        cli_version: env!("CARGO_PKG_VERSION"),
                    }
                    .rendered()?
                    .trim_end()
                ),
            },
        ])
    }
}

/// `<prefix>Callback`: the file names and the prefix of the file's own symbols.
fn base_name(package: &Package) -> String {
    format!("{}Callback", crate::settings::objc_prefix(package))
}

/// An Objective-C string literal: printable ASCII as it is (with `\"`, `\\` and `\?`, so no
/// trigraph forms), every other character as the octal escapes of its UTF-8 bytes, which
/// Foundation reads back as the same text.
pub(crate) fn objc_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    out.push_str("@\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '?' => out.push_str("\\?"),
            ' '..='~' => out.push(c),
            _ => {
                let mut bytes = [0u8; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// A documentation comment's lines (`/** ... */`), safe inside it: no `*/` or `/*` that would
/// end or nest the comment, no `??` that could read as a trigraph.
fn doc_lines(text: &str) -> Vec<String> {
    comment_lines(text)
        .into_iter()
        .map(|line| {
            line.replace("*/", "*\\/")
                .replace("/*", "/\\*")
                .replace("??", "?\\?")
        })
        .collect()
}

/// The text of a `deprecated(...)` attribute: the one deprecation message.
fn deprecation_text(d: &Deprecation, replacement: Option<&str>) -> String {
    let message = d.message_with(|r| replacement.unwrap_or(r).to_owned());
    objc_c_str(&message)
}

/// A C string literal (for attributes): the escaping of [`objc_str`] without the `@`.
fn objc_c_str(s: &str) -> String {
    objc_str(s)[1..].to_owned()
}

struct View {
    base: String,
    readme_header: String,
    /// The event code constant the README branches on: the replacement of a deprecated code
    /// (so `canonical:` shows), else [`View::example`].
    readme_example: String,
    /// The bare result object's `Fields` class and its `paymentResultCode` field's property.
    result_code_field: Option<(String, String)>,
    /// An event code constant for the header's example: the first one not deprecated.
    example: String,
    header: String,
    package: String,
    version: String,
    codes: [CodeClass; 2],
    /// The event kinds' and the handling actions' constants.
    kinds: NameClass,
    actions: NameClass,
    enums: Vec<EnumClass>,
    objects: Vec<ObjectClass>,
}

/// One code class: constants and the lookup tables behind them.
struct CodeClass {
    class: String,
    /// The `NS_TYPED_EXTENSIBLE_ENUM` type of its constants.
    ty: String,
    doc: Vec<String>,
    constants: Vec<Constant>,
    /// The static arrays of the implementation: name, element literals (a `nil` after the last).
    tables: Vec<(String, Vec<String>)>,
    /// For event codes: the messages, flattened, and where each code's start.
    messages: Option<(Vec<String>, Vec<usize>)>,
    /// The `BOOL` arrays of the implementation, one per text that can be cut off:
    /// `(text, method, array, values)`, as
    /// `("suggestion", "suggestionTruncatedForCode", "SuggestionTruncated", [...])`.
    truncated: Vec<(String, String, String, Vec<&'static str>)>,
    is_event: bool,
}

/// A closed set of names as typed string constants: the event kinds or the handling actions,
/// which `kindForCode:` and `actionForCode:` return.
struct NameClass {
    class: String,
    /// The `NS_TYPED_EXTENSIBLE_ENUM` type of its constants.
    ty: String,
    doc: Vec<String>,
    /// What the `all...` property is called, what it lists, and one of them with its article.
    all: &'static str,
    what: &'static str,
    one: &'static str,
    constants: Vec<Constant>,
}

impl View {
    /// The classes of typed name constants: event kinds, then handling actions.
    fn name_classes(&self) -> [&NameClass; 2] {
        [&self.kinds, &self.actions]
    }
}

/// The names of a [`NameClass`], with their descriptions, as constants in the given order.
fn name_class(
    class: String,
    ty: String,
    doc: &str,
    (all, what, one): (&'static str, &'static str, &'static str),
    names: &[(&str, &str)],
) -> NameClass {
    NameClass {
        class,
        ty,
        doc: doc_lines(doc),
        all,
        what,
        one,
        constants: names
            .iter()
            .enumerate()
            .map(|(index, (name, description))| Constant {
                name: ObjC::variant(name),
                wire: objc_str(name),
                index,
                doc: doc_lines(description),
                deprecated: None,
            })
            .collect(),
    }
}

/// The event kinds as the spec names them, with what each means.
const KINDS: [(&str, &str); 3] = [
    (
        "status",
        "A status code, sent during the component's runtime lifecycle.",
    ),
    (
        "error",
        "An error code, mostly sent during the component's initialization.",
    ),
    (
        "payment_result",
        "A payment result code, sent at the end of the payment process.",
    ),
];

struct Constant {
    name: String,
    wire: String,
    index: usize,
    doc: Vec<String>,
    deprecated: Option<String>,
}

struct EnumClass {
    class: String,
    ty: String,
    doc: Vec<String>,
    constants: Vec<Constant>,
    descriptions: Vec<String>,
    /// What `canonical:` returns for each value (`TableValue::canonical`).
    canonical: Vec<String>,
}

struct ObjectClass {
    class: String,
    doc: Vec<String>,
    fields: Vec<FieldConstant>,
}

struct FieldConstant {
    name: String,
    wire: String,
    doc: Vec<String>,
    max_length: Option<u64>,
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "nil".to_owned(), objc_str)
}

/// One column of a code table: each row's text as a literal.
fn column<T>(rows: &[T], text: impl Fn(&T) -> &str) -> Vec<String> {
    rows.iter().map(|row| objc_str(text(row))).collect()
}

fn code_class(
    ir: &Ir<'_>,
    codes: &ObjcCodes<'_>,
    ty: String,
    doc: &str,
    is_event: bool,
) -> CodeClass {
    let constants = codes
        .constants
        .iter()
        .enumerate()
        .map(|(index, c)| Constant {
            name: c.name.clone(),
            wire: objc_str(c.wire),
            index,
            doc: doc_lines(c.doc),
            deprecated: c
                .deprecated
                .map(|d| deprecation_text(d, c.replacement.as_deref())),
        })
        .collect();
    let wires = codes.constants.iter().map(|c| objc_str(c.wire)).collect();
    let replacements = codes
        .constants
        .iter()
        .map(|c| opt(c.deprecated.and_then(|d| d.replaced_by.as_deref())))
        .collect();
    let canonical = codes
        .constants
        .iter()
        .map(|c| objc_str(c.canonical))
        .collect();
    let texts: &[&str] = if is_event {
        &["description"]
    } else {
        &["message", "suggestion"]
    };
    let truncated = texts
        .iter()
        .map(|text| {
            (
                (*text).to_owned(),
                format!("{text}TruncatedForCode"),
                format!("{}Truncated", ObjC::ty(text)),
                codes
                    .constants
                    .iter()
                    .map(|c| {
                        if c.truncated.iter().any(|t| t == text) {
                            "YES"
                        } else {
                            "NO"
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    let (tables, messages) = if is_event {
        let codes: Vec<_> = ir.event_infos().collect();
        let mut flat = Vec::new();
        let mut starts = vec![0];
        for (_, c) in &codes {
            flat.extend(c.messages.iter().map(|m| objc_str(m)));
            starts.push(flat.len());
        }
        let tables = vec![
            ("Wire".to_owned(), wires),
            (
                "Description".to_owned(),
                column(&codes, |(v, _)| v.text.unwrap_or_default()),
            ),
            ("Action".to_owned(), column(&codes, |(_, c)| c.action)),
            ("Kind".to_owned(), column(&codes, |(_, c)| c.kind.as_str())),
            ("Replacement".to_owned(), replacements),
            ("Canonical".to_owned(), canonical),
        ];
        (tables, Some((flat, starts)))
    } else {
        let codes: Vec<_> = ir.result_infos().collect();
        let tables = vec![
            ("Wire".to_owned(), wires),
            (
                "Message".to_owned(),
                column(&codes, |(v, _)| v.text.unwrap_or_default()),
            ),
            (
                "Suggestion".to_owned(),
                column(&codes, |(_, c)| c.suggestion),
            ),
            ("Action".to_owned(), column(&codes, |(_, c)| c.action)),
            ("Replacement".to_owned(), replacements),
            ("Canonical".to_owned(), canonical),
        ];
        (tables, None)
    };
    CodeClass {
        class: codes.class.clone(),
        ty,
        doc: doc_lines(doc),
        constants,
        tables,
        messages,
        truncated,
        is_event,
    }
}

/// The values class of one of the spec's enums.
fn enum_class(prefix: &str, table: &Table<'_>) -> EnumClass {
    EnumClass {
        class: format!("{prefix}{}Values", ObjC::ty(table.name)),
        ty: format!("{prefix}{}", ObjC::ty(table.name)),
        doc: doc_lines(table.description.unwrap_or_default()),
        constants: table
            .values
            .iter()
            .enumerate()
            .map(|(index, v)| Constant {
                name: ObjC::variant(v.wire),
                wire: objc_str(v.wire),
                index,
                doc: doc_lines(v.text.unwrap_or(v.wire)),
                deprecated: v.deprecated.map(|d| {
                    deprecation_text(d, d.replaced_by.as_deref().map(ObjC::variant).as_deref())
                }),
            })
            .collect(),
        descriptions: table.values.iter().map(|v| opt(v.text)).collect(),
        canonical: table.values.iter().map(|v| objc_str(v.canonical)).collect(),
    }
}

fn view(ir: &Ir<'_>) -> View {
    let prefix = crate::settings::objc_prefix(ir.package);
    let files = ir.files();
    let enums = Table::enums(&ir.tables)
        .map(|t| enum_class(prefix, t))
        .collect();
    let objects = ir
        .objects
        .iter()
        .map(|o| ObjectClass {
            class: format!("{prefix}{}Fields", ObjC::ty(o.name)),
            doc: doc_lines(o.description),
            fields: o
                .fields
                .iter()
                .map(|f| FieldConstant {
                    name: ObjC::field(f.name),
                    wire: objc_str(f.name),
                    doc: doc_lines(f.description),
                    max_length: f.max_length,
                })
                .collect(),
        })
        .collect();
    let result_code_field = ir.payload.as_ref().and_then(|p| {
        let bare = p.bare?;
        let field = bare
            .fields
            .iter()
            .find(|f| f.ty == antom_spec::FieldType::PaymentResultCode)?;
        Some((
            format!("{prefix}{}Fields", ObjC::ty(&bare.name)),
            ObjC::field(&field.name),
        ))
    });
    View {
        base: base_name(ir.package),
        readme_header: header(Comment::MARKDOWN, &files),
        readme_example: ir
            .objc_event_codes
            .constants
            .iter()
            .find(|c| c.canonical != c.wire)
            .and_then(|c| {
                let end = ir
                    .objc_event_codes
                    .constants
                    .iter()
                    .find(|k| k.wire == c.canonical)?;
                end.deprecated.is_none().then(|| end.name.clone())
            })
            .or_else(|| {
                ir.objc_event_codes
                    .constants
                    .iter()
                    .find(|c| c.deprecated.is_none())
                    .map(|c| c.name.clone())
            })
            .unwrap_or_else(|| "allCodes".to_owned()),
        result_code_field,
        example: ir
            .objc_event_codes
            .constants
            .iter()
            .find(|c| c.deprecated.is_none())
            .map_or_else(|| "allCodes".to_owned(), |c| c.name.clone()),
        header: header(ObjC::COMMENT, &files),
        package: ir.package.name.clone(),
        version: objc_str(&ir.package.version),
        codes: [
            code_class(
                ir,
                &ir.objc_event_codes,
                format!("{prefix}EventCode"),
                "Event codes: one `NSString` class property per known code, and lookups.",
                true,
            ),
            code_class(
                ir,
                &ir.objc_result_codes,
                format!("{prefix}PaymentResultCode"),
                "Payment result codes (`paymentResultCode`): one `NSString` class property per known code, and lookups of the message and handling suggestion.",
                false,
            ),
        ],
        kinds: name_class(
            format!("{prefix}EventKinds"),
            format!("{prefix}EventKind"),
            "The kinds of event code: one `NSString` class property per kind, as `kindForCode:` returns them.",
            ("allKinds", "event kind", "An event kind"),
            &KINDS,
        ),
        actions: name_class(
            format!("{prefix}Actions"),
            format!("{prefix}Action"),
            "What an integrator should do about a code: one `NSString` class property per handling action of the spec, as `actionForCode:` returns them.",
            ("allActions", "handling action", "A handling action"),
            &ir.actions
                .iter()
                .map(|a| (a.name.as_str(), a.description.as_str()))
                .collect::<Vec<_>>(),
        ),
        enums,
        objects,
    }
}

#[derive(Template)]
#[template(path = "objc/Callback.h.jinja", escape = "none")]
struct HeaderFile<'v> {
    v: &'v View,
}

#[derive(Template)]
#[template(path = "objc/Callback.m.jinja", escape = "none")]
struct ImplementationFile<'v> {
    v: &'v View,
}

#[derive(Template)]
#[template(path = "objc/README.md.jinja", escape = "none")]
struct ReadmeFile<'v> {
    v: &'v View,
    /// The `antom` version an Objective-C repository pins to vendor these files: this
    /// generator's, which the command shares (one workspace version).
    cli_version: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objc_str_escapes_quotes_trigraphs_controls_and_non_ascii() {
        assert_eq!(objc_str(r#"a"b\c"#), r#"@"a\"b\\c""#);
        assert_eq!(objc_str("??="), r#"@"\?\?=""#);
        assert_eq!(objc_str("\n\t\u{0}"), r#"@"\012\011\000""#);
        assert_eq!(objc_str("é😀"), r#"@"\303\251\360\237\230\200""#);
        assert_eq!(objc_str("\u{85}\u{2028}"), r#"@"\302\205\342\200\250""#);
    }

    #[test]
    fn doc_lines_cannot_end_or_nest_the_comment() {
        assert_eq!(doc_lines("a */ b /* c ?? d"), ["a *\\/ b /\\* c ?\\? d"]);
    }
}
