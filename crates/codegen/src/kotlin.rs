//! Kotlin target: `generated/kotlin/`, a Kotlin/JVM library that Java can call.
//!
//! Everything is in the spec's `kotlin_package`, with no dependency beyond the Kotlin standard
//! library: `Json.kt` (a small JSON reader and writer over plain `Map`/`List` trees),
//! `Validate.kt` (the validation interpreter and its schema-table types), `Info.kt` (outcomes,
//! kinds, deprecations and the metadata records): runtime files, copied as they are; then
//! `Meta.kt` (the spec's version, handling actions and callback names), `Payload.kt`
//! (`validate`, `validateText` and `validateCallback` for the spec's payload shape), the open
//! enumerations (`EventCode.kt`, `PaymentResultCode.kt`, `Enums.kt`: each with its `info`, its
//! closed `Known` and `Current` enum classes, its `Codes` constants and `canonical`) and the
//! lenient object types (`Objects.kt`), plus `build.gradle.kts`, `settings.gradle.kts` and
//! `README.md`.
//!
//! Decisions:
//! - Open enumerations are final classes with interned instances, not sealed classes or `enum
//!   class`: each known value is a `@JvmField` constant in the companion, `of` returns that
//!   instance or a new one keeping the raw string (`isKnown` false), equality goes by wire value.
//!   Java compares with `==` as the seed's Android sample compares strings, without `.INSTANCE`;
//!   a `when` keeps an `else`, right for an open set (a code added in a minor version breaks no
//!   exhaustive `when`). A value's metadata is one record, `info`, as in every language:
//!   `EventCodeInfo`, `ResultCodeInfo` or `ValueInfo` (runtime classes in `Info.kt` with the
//!   fields of Rust's and Swift's records in lower camel case, value equality and `toString`),
//!   `null` for a value this version does not know. Java reads `code.getInfo().getMessage()`;
//!   the truncated flags are `messageTruncated`/`suggestionTruncated` and `descriptionTruncated`.
//! - One vocabulary for every open enumeration: `of(value)`, `value`, `isKnown`, `info`, `known` (the
//!   nested closed `enum class Known`, `null` when unknown), `canonical` (the nested closed `enum
//!   class Current` of the values no deprecation replaces: the end of a deprecated value's
//!   replacements, from a private wire string so constants may refer forward; `null` when
//!   unknown). `Known` and `Current` are for an exhaustive `when` (kotlinc names the missing
//!   entry; their KDoc says they grow in minor versions); a `when` on `canonical` has a branch
//!   per current value and `null`, none for a deprecated one. `object Codes` holds `const val` wire strings for Java's `switch`. A deprecated
//!   value is `@Deprecated(note, ReplaceWith(..))` as the open constant and in `Codes`, so naming it
//!   warns and branching on `canonical` does not; its `Known` entry says so in KDoc only, since an
//!   exhaustive `when` must name it and compile under `-Werror`. `of(String)` is `@JvmSynthetic`
//!   (`ofNonNull` on the JVM) and `of(String?)` is the one Java sees, so Java's `of(null)` is
//!   `null`, not a `NullPointerException`.
//! - The package's top-level constants and functions (`Meta.kt`, `Payload.kt`) share one Java
//!   class, `Antom` (`@file:JvmName` with `@file:JvmMultifileClass`), so Java writes
//!   `Antom.SPEC_VERSION` and `Antom.validateCallback(..)`, not `MetaKt`; lint reserves the name.
//! - A decoded object validates as the JSON it came from: `validate()` validates `toJson()`, and
//!   decoding keeps mistyped values in `extra()` (checked by `tests/kotlin/Decoded.kt`).
//!   `toRedactedJson()` shows sensitive fields as `"<redacted>"` at any depth and masks card
//!   numbers. `validateCallback(eventCode, resultJson)` is the mobile entry point: no `result`
//!   for `null`, empty or whitespace text; text that is not JSON is one `invalid_json` error at
//!   the carrier's pointer with the reader's message; repeated keys as `validateText` reports
//!   them; a `null` code counts as missing. `validateText` never throws either: text that is not
//!   JSON is a report of one `invalid_json` error at the root, worded as in every runtime.
//! - JSON is plain `Map`/`List` trees (what Gson, Moshi or org.json conversions give), read and
//!   written by `Json`, with no library. Numbers are `Long`, `BigInteger` or `BigDecimal`, never
//!   `Double`, so decode then encode returns the same value; the reader throws only
//!   `IllegalArgumentException`, whose message is the `invalid_json` message of every runtime
//!   (`invalid JSON at line L, column C: WHAT`, columns in code points), and stops at 128 levels;
//!   the writer never throws.
//! - Unknown keys are kept in `extra()`, a function, because a spec field may be named `extra`;
//!   the map is the private `_extra` (the name rules never produce a leading `_` before a letter).
//!   `withExtra(map)` copies with kept keys; every field is nullable (`required` is the
//!   validator's business); `toString()` shows `<redacted>` for sensitive fields, in `extra()` too.
//! - Generated Kotlin does not depend on which names the spec takes: the runtime files import the
//!   standard names they use explicitly (an explicit import wins over a spec type in the package),
//!   files declaring spec types write `@kotlin.Deprecated`, `kotlin.ReplaceWith`,
//!   `@kotlin.Suppress`, `@kotlin.jvm.JvmName`, `@kotlin.jvm.JvmSynthetic` in full, and
//!   `Payload.kt` names spec types with the package (`tests/kotlin/specs/shadowing/`).
//!   Companion members are lower camel case, value constants upper snake case, so they never meet.

use crate::ir::{self, FieldValue, Info, Ir, Note, Payload, Table};
use crate::syntax::{CheckView, FieldEntry, Syntax, Validator};
use crate::{Render, RenderError};
use antom_spec::Naming;
use antom_spec::names::screaming;
use antom_spec::{Deprecation, Package};
use names::KEYWORDS as KOTLIN_KEYWORDS;

use askama::Template;

use crate::lit::comment_lines;
use crate::runtime;
use crate::version::Site;
use crate::{Comment, GeneratedFile, Generator, header, with_head};

pub(crate) mod names;
pub mod publication;
pub(crate) mod settings;

use publication::{
    DOKKA_VERSION, KOTLIN_VERSION, LANGUAGE_VERSION, OLDEST_CONSUMER_KOTLIN, Publication,
    STDLIB_VERSION,
};

pub(crate) struct Kotlin;

impl Generator for Kotlin {
    fn settings(&self) -> Option<&'static antom_spec::TargetSettings> {
        Some(&settings::SETTINGS)
    }
    fn name(&self) -> &'static str {
        "kotlin"
    }
    fn naming(&self) -> Option<&'static dyn Naming> {
        Some(&Kotlin)
    }
    fn repo_dir(&self) -> &'static str {
        "generated/kotlin"
    }
    fn version_sites(&self, package: &Package) -> Vec<Site> {
        vec![
            Site::new("build.gradle.kts", "version = "),
            Site::new(
                format!("{}/Meta.kt", source_dir(package)),
                "const val SPEC_VERSION: String = ",
            ),
        ]
    }
    fn generate(&self, ir: &Ir<'_>) -> Result<Vec<GeneratedFile>, RenderError> {
        let package = ir.package;
        let mut files = vec![
            build_gradle(package)?,
            settings_gradle(package)?,
            runtime_kt(package, "Json.kt", runtime::kotlin::JSON),
            runtime_kt(package, "Info.kt", runtime::kotlin::INFO),
            runtime_kt(package, "Validate.kt", runtime::kotlin::VALIDATE),
            meta_kt(ir)?,
            readme(ir)?,
            event_code_kt(ir)?,
            result_code_kt(ir)?,
        ];
        files.extend(payload_kt(package, ir.payload.as_ref())?);
        files.extend(enums_kt(ir)?);
        files.extend(objects_kt(ir)?);
        Ok(files)
    }
}

impl Syntax for Kotlin {
    const NAMING: &'static dyn Naming = &Kotlin;
    const COMMENT: Comment = Comment::line("// ");
    const NONE: &'static str = "null";

    fn str_lit(s: &str) -> String {
        kotlin_str(s)
    }
    fn list(items: Vec<String>) -> String {
        if items.is_empty() {
            return "emptyList()".to_owned();
        }
        format!("listOf({})", items.join(", "))
    }
    fn member(enumeration: &str, case: &str) -> String {
        format!("{enumeration}.{}", screaming(case))
    }
    fn deprecation_record(replaced_by: String, note: String) -> String {
        format!("Deprecation(replacedBy = {replaced_by}, note = {note})")
    }
}

impl Validator for Kotlin {
    /// A constructor call with named arguments, a comma after every one.
    fn record(ty: &str, fields: &[(&str, String)], indent: usize) -> String {
        let mut out = format!("{ty}(\n");
        for (name, value) in fields {
            out.push_str(&format!("{:pad$}{name} = {value},\n", "", pad = indent + 4));
        }
        out.push_str(&format!("{:indent$})", ""));
        out
    }
    /// Only the source: the schema table keeps the spec's `format` apart, `null` when absent.
    fn pattern_record(source: String, _format: String) -> String {
        source
    }
    fn note(note: &Note<'_>) -> Option<String> {
        Some(match note {
            Note::Required => {
                "Required: validation reports it when missing; decoding leaves it `null`."
                    .to_owned()
            }
            Note::MaxLength(max) => format!("At most {max} characters."),
            Note::Pattern(pattern) => match pattern.format {
                Some(format) => format!("Matches `{}`: {format}.", pattern.source),
                None => format!("Matches `{}`.", pattern.source),
            },
            Note::Sensitive => "Sensitive: `toString()` shows `<redacted>`.".to_owned(),
        })
    }
}

/// A Kotlin string literal: `"..."` with `"`, `\`, `$` escaped and everything outside printable
/// ASCII written as `\uXXXX` (UTF-16 units, so non-BMP characters become surrogate pairs).
pub(crate) fn kotlin_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// One line of KDoc text: a `/` next to a `*` becomes `&#47;`, so the text can neither close the
/// comment (`*/`) nor open a nested one (`/*`: Kotlin block comments nest).
fn kdoc_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let star_before = i > 0 && chars[i - 1] == '*';
        let star_after = chars.get(i + 1) == Some(&'*');
        if c == '/' && (star_before || star_after) {
            out.push_str("&#47;");
        } else {
            out.push(c);
        }
    }
    out
}

/// How wide a KDoc line may be, indentation included, before it is wrapped at a space.
const KDOC_WIDTH: usize = 100;

/// Wraps one line of text at spaces to `width` characters; a Markdown list item's continuation
/// lines are indented under its text. A word longer than `width` stays whole.
fn wrap(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width {
        return vec![line.to_owned()];
    }
    let trimmed = line.trim_start();
    let lead = &line[..line.len() - trimmed.len()];
    let marker = ["- ", "* ", "+ "]
        .iter()
        .find(|m| trimmed.starts_with(**m))
        .map_or(0, |m| m.len());
    let hang = format!("{lead}{}", " ".repeat(marker));
    let mut lines = Vec::new();
    let mut current = lead.to_owned();
    let mut empty = true;
    for word in trimmed.split(' ').filter(|w| !w.is_empty()) {
        if !empty && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
            current.clone_from(&hang);
            empty = true;
        }
        if !empty {
            current.push(' ');
        }
        current.push_str(word);
        empty = false;
    }
    lines.push(current);
    lines
}

/// A KDoc block for `text` at `indent`; empty when there is no text.
fn kdoc(text: &str, indent: &str) -> String {
    let width = KDOC_WIDTH.saturating_sub(indent.len() + 3).max(40);
    let mut lines: Vec<String> = comment_lines(text)
        .iter()
        .flat_map(|l| wrap(l, width))
        .map(|l| kdoc_line(&l))
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    match lines.as_slice() {
        [] => String::new(),
        [line] if line.chars().count() + indent.len() + 7 <= KDOC_WIDTH => {
            format!("{indent}/** {line} */")
        }
        _ => {
            let mut out = format!("{indent}/**\n");
            for line in &lines {
                if line.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {line}\n"));
                }
            }
            out.push_str(&format!("{indent} */"));
            out
        }
    }
}

/// The package as declared: segments that are Kotlin keywords get backticks.
fn package_decl(package: &Package) -> String {
    settings::kotlin_package(package)
        .split('.')
        .map(|s| {
            if KOTLIN_KEYWORDS.contains(&s) || s.starts_with(|c: char| c.is_ascii_digit()) {
                format!("`{s}`")
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Where the package's sources go.
fn source_dir(package: &Package) -> String {
    format!(
        "src/main/kotlin/{}",
        settings::kotlin_package(package).replace('.', "/")
    )
}

/// The header and the package line that every Kotlin file starts with, then a blank line.
fn preamble(package: &Package, sources: &[&str]) -> String {
    format!(
        "{}\npackage {}\n",
        header(Kotlin::COMMENT, sources),
        package_decl(package)
    )
}

fn kotlin_file(package: &Package, name: &str, contents: String) -> GeneratedFile {
    GeneratedFile {
        path: format!("{}/{name}", source_dir(package)),
        contents: with_head("", contents),
    }
}

/// The `@Deprecated` annotation; `replace_with` turns the replacement's name into a Kotlin
/// expression for `ReplaceWith`. Annotations in files of spec types are fully qualified, since a
/// spec type may be named `Deprecated`, `ReplaceWith` or `Suppress`.
fn deprecated_annotation(
    d: Option<&Deprecation>,
    replace_with: impl Fn(&str) -> String,
) -> Option<String> {
    d.map(|d| match &d.replaced_by {
        Some(r) => format!(
            "@kotlin.Deprecated({}, kotlin.ReplaceWith({}))",
            kotlin_str(&d.message()),
            kotlin_str(&replace_with(r))
        ),
        None => format!("@kotlin.Deprecated({})", kotlin_str(&d.note)),
    })
}

#[derive(Template)]
#[template(path = "kotlin/build.gradle.kts.jinja", escape = "none")]
struct BuildGradle {
    header: String,
    description: String,
    kotlin_version: String,
    kotlin_version_text: &'static str,
    language_version_text: &'static str,
    oldest_text: &'static str,
    /// `KotlinVersion`'s constant for the language and API version: `KOTLIN_2_0`.
    kotlin_enum: String,
    dokka_version: String,
    stdlib_version: String,
    group: String,
    version: String,
    artifact: String,
    pom_description: String,
    url: Option<String>,
    scm: String,
    /// Each license's SPDX identifier and address, as literals.
    licenses: Vec<(String, String)>,
    developer: Option<String>,
}

fn build_gradle(package: &Package) -> Result<GeneratedFile, RenderError> {
    let publication = Publication::of_package(package);
    let view = BuildGradle {
        header: header(Kotlin::COMMENT, &[&package.file]),
        description: comment_lines(&package.description)
            .iter()
            .map(|l| l.trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n// "),
        kotlin_version: kotlin_str(KOTLIN_VERSION),
        kotlin_version_text: KOTLIN_VERSION,
        language_version_text: LANGUAGE_VERSION,
        oldest_text: OLDEST_CONSUMER_KOTLIN,
        kotlin_enum: format!("KOTLIN_{}", LANGUAGE_VERSION.replace('.', "_")),
        dokka_version: kotlin_str(DOKKA_VERSION),
        stdlib_version: kotlin_str(STDLIB_VERSION),
        group: kotlin_str(&publication.group),
        version: kotlin_str(&publication.version),
        artifact: kotlin_str(&publication.artifact),
        pom_description: kotlin_str(&publication.description),
        url: publication.url.as_deref().map(kotlin_str),
        scm: publication
            .scm_connection()
            .as_deref()
            .map_or_else(String::new, kotlin_str),
        licenses: publication
            .licenses
            .iter()
            .map(|l| (kotlin_str(&l.id), kotlin_str(&l.url)))
            .collect(),
        developer: publication.developer.as_deref().map(kotlin_str),
    };
    Ok(GeneratedFile {
        path: "build.gradle.kts".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

#[derive(Template)]
#[template(path = "kotlin/settings.gradle.kts.jinja", escape = "none")]
struct SettingsGradle {
    header: String,
    name: String,
}

fn settings_gradle(package: &Package) -> Result<GeneratedFile, RenderError> {
    let view = SettingsGradle {
        header: header(Kotlin::COMMENT, &[&package.file]),
        name: kotlin_str(&package.name),
    };
    Ok(GeneratedFile {
        path: "settings.gradle.kts".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

#[derive(Template)]
#[template(path = "kotlin/README.md.jinja", escape = "none")]
struct Readme {
    header: String,
    name: String,
    description: Vec<String>,
    package: String,
    group: String,
    version: String,
    kotlin_version: &'static str,
    language_version: &'static str,
    stdlib_version: &'static str,
    oldest: &'static str,
    /// The callback state's type and the callback as a Kotlin function name, when the spec
    /// declares the payload shape with a bare object.
    state: Option<String>,
    callback: String,
    /// An object type, for the example when there is no callback state.
    object: Option<String>,
    /// An event code that is not deprecated (preferably one that reports success), as a Kotlin
    /// identifier and as a literal.
    code: Option<String>,
    /// Each current event code ([`Table::current`]) as a Kotlin identifier, with the literal of
    /// its action.
    current_codes: Vec<(String, String)>,
}

/// `README.md`: how to install the package, then decoding and validation, branching on codes,
/// and showing a result code's texts with redaction.
fn readme(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let shape = ir.payload.as_ref().filter(|p| p.with_bare().is_some());
    let code = ir
        .event_codes()
        .values
        .iter()
        .filter(|c| c.deprecated.is_none())
        .max_by_key(|c| c.outcome == Some(antom_spec::Outcome::Success));
    let view = Readme {
        header: header(Comment::MARKDOWN, &[&package.file]),
        name: package.name.clone(),
        description: vec![crate::docs::markdown::cell(&package.description)],
        package: package_decl(package),
        group: settings::kotlin_package(package).to_owned(),
        version: package.version.clone(),
        kotlin_version: KOTLIN_VERSION,
        language_version: LANGUAGE_VERSION,
        stdlib_version: STDLIB_VERSION,
        oldest: OLDEST_CONSUMER_KOTLIN,
        state: shape.map(|p| Kotlin::ty(&p.state.name)),
        callback: shape.map_or_else(String::new, |p| Kotlin::field(&p.callback.name)),
        object: ir.objects.first().map(|o| Kotlin::ty(o.name)),
        code: code.map(|c| Kotlin::variant(c.wire)),
        current_codes: ir
            .event_codes()
            .current()
            .map(|c| {
                let action = match c.info {
                    Info::Event(info) => info.action,
                    _ => "",
                };
                (Kotlin::variant(c.wire), kotlin_str(action))
            })
            .collect(),
    };
    Ok(GeneratedFile {
        path: "README.md".to_owned(),
        contents: format!("{}\n", view.rendered()?.trim_end()),
    })
}

/// A runtime file, copied behind the header and the package line.
fn runtime_kt(package: &Package, name: &str, text: &str) -> GeneratedFile {
    kotlin_file(
        package,
        name,
        format!("{}\n{text}", preamble(package, &[&package.file])),
    )
}

/// `Payload.kt`'s functions: which object a callback payload is read as.
#[derive(Template)]
#[template(path = "kotlin/payload.kt.jinja", escape = "none")]
struct PayloadView {
    kdoc: String,
    key_lit: String,
    /// The package, spelled for a fully qualified name: a spec type may have a standard name.
    package: String,
    state: String,
    bare: String,
    /// The spec files it comes from.
    files: Vec<String>,
    /// The callback's name, for `validateCallback`.
    callback: String,
    /// The discriminant's and the result's keys, for KDoc (`/` next to `*` escaped).
    key_plain: String,
    result_plain: String,
    /// The key of the state's field that carries the bare object, as a literal, when there is one:
    /// `validateCallback` is generated then.
    result_key_lit: Option<String>,
}

/// The view of `Payload.kt` for the declared payload shape, when it has a bare object.
fn payload_view(package: &Package, shape: Option<&Payload<'_>>) -> Option<PayloadView> {
    let shape = shape?;
    let (state, bare) = shape.with_bare()?;
    let key = shape.discriminant;
    let doc = format!(
        "Validates a callback payload, as `antom validate` does: an object with a `{}` key is read as the argument of `{}` ([{}]), anything else as a bare [{}] (the shape of the source page's samples). Never throws.",
        key.name,
        shape.callback.name,
        Kotlin::ty(&state.name),
        Kotlin::ty(&bare.name)
    );
    Some(PayloadView {
        kdoc: kdoc(&doc, ""),
        key_lit: kotlin_str(&key.name),
        package: package_decl(package),
        state: Kotlin::ty(&state.name),
        bare: Kotlin::ty(&bare.name),
        files: shape.files().into_iter().map(str::to_owned).collect(),
        callback: kdoc_line(&shape.callback.name),
        key_plain: kdoc_line(&key.name),
        result_plain: shape
            .carrier()
            .map(|f| kdoc_line(&f.name))
            .unwrap_or_default(),
        result_key_lit: shape.carrier().map(|f| kotlin_str(&f.name)),
    })
}

/// `Payload.kt`, when the spec declares a payload shape with a bare object: `validate`,
/// `validateText` and `validateCallback`, top-level functions of the [`FACADE`] class.
fn payload_kt(
    package: &Package,
    shape: Option<&Payload<'_>>,
) -> Result<Option<GeneratedFile>, RenderError> {
    let Some(payload) = payload_view(package, shape) else {
        return Ok(None);
    };
    let mut sources = vec![package.file.as_str()];
    sources.extend(payload.files.iter().map(String::as_str));
    let body = payload.rendered()?;
    Ok(Some(kotlin_file(
        package,
        "Payload.kt",
        format!(
            "{}\n{PAYLOAD_IMPORTS}\n{body}",
            facade_preamble(package, &sources)
        ),
    )))
}

/// The standard names `Payload.kt` uses, imported explicitly: an explicit import wins over a spec
/// type of the same name in the package.
const PAYLOAD_IMPORTS: &str = "import kotlin.Any
import kotlin.IllegalArgumentException
import kotlin.String
import kotlin.collections.LinkedHashMap
import kotlin.collections.Map
";

/// The Java class of the package's top-level constants and functions (`Meta.kt`, `Payload.kt`),
/// so Java writes `Antom.SPEC_VERSION` and `Antom.validateCallback(..)`.
pub(crate) const FACADE: &str = "Antom";

/// [`preamble`] for a file whose top-level members belong to the [`FACADE`] class: the file
/// annotations go between the header and the package line.
fn facade_preamble(package: &Package, sources: &[&str]) -> String {
    format!(
        "{}\n@file:kotlin.jvm.JvmName({})\n@file:kotlin.jvm.JvmMultifileClass\n\npackage {}\n",
        header(Kotlin::COMMENT, sources),
        kotlin_str(FACADE),
        package_decl(package)
    )
}

/// `Meta.kt`: the spec's version and its closed enumerations, beside the runtime's `Info.kt`
/// (the metadata types).
#[derive(Template)]
#[template(path = "kotlin/Meta.kt.jinja", escape = "none")]
struct MetaKt {
    /// `package.version`, as a literal.
    version: String,
    closed: Vec<ClosedEnum>,
}

struct ClosedEnum {
    kdoc: String,
    name: &'static str,
    variants: Vec<ClosedVariant>,
}

struct ClosedVariant {
    kdoc: String,
    ident: String,
    wire: String,
    description: String,
}

fn closed_variant(name: &str, description: &str) -> ClosedVariant {
    ClosedVariant {
        kdoc: kdoc(description, "    "),
        ident: Kotlin::variant(name),
        wire: kotlin_str(name),
        description: kotlin_str(description),
    }
}

fn meta_kt(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let closed = vec![
        ClosedEnum {
            kdoc: kdoc(
                "What an integrator should do about a code: the spec's closed set of handling actions.",
                "",
            ),
            name: "Action",
            variants: ir
                .actions
                .iter()
                .map(|a| closed_variant(&a.name, &a.description))
                .collect(),
        },
        ClosedEnum {
            kdoc: kdoc("The SDK callbacks that deliver event codes.", ""),
            name: "CallbackName",
            variants: ir
                .callbacks
                .iter()
                .map(|c| closed_variant(&c.name, &c.description))
                .collect(),
        },
    ];
    let mut sources: Vec<&str> = ir.callbacks.iter().map(|c| c.file.as_str()).collect();
    sources.push(&package.file);
    let body = MetaKt {
        version: kotlin_str(&package.version),
        closed,
    }
    .rendered()?;
    Ok(kotlin_file(
        package,
        "Meta.kt",
        format!("{}\n{body}", facade_preamble(package, &sources)),
    ))
}

#[derive(Template)]
#[template(path = "kotlin/open_enum.kt.jinja", escape = "none")]
struct OpenEnum {
    kdoc: String,
    name: String,
    /// The name without backticks, for documentation.
    name_plain: String,
    name_lit: String,
    /// The metadata record's type: `EventCodeInfo`, `ResultCodeInfo` or `ValueInfo`.
    info_ty: &'static str,
    variants: Vec<OpenVariant>,
    /// Whether some value is deprecated, so that the lists referring to every value suppress
    /// the deprecation warning.
    suppress: bool,
}

struct OpenVariant {
    kdoc: String,
    /// The deprecation of the open constant and of the `Codes` constant. The `Known` entry of a
    /// deprecated value says so in its KDoc only (`known_kdoc`): an exhaustive `when` names
    /// every entry, and must compile without warnings.
    deprecated: Option<String>,
    known_kdoc: String,
    codes_deprecated: Option<String>,
    ident: String,
    wire: String,
    /// The literal of its canonical wire value ([`ir::TableValue::canonical`]).
    canonical: String,
    /// Whether it is an entry of `Current` ([`ir::TableValue::current`]).
    current: bool,
    /// The metadata record, a constructor call.
    info: String,
}

impl OpenVariant {
    /// A value of the open enumeration `name`, from its table entry.
    fn new(name: &str, value: &ir::TableValue<'_>, current: bool, info: String) -> Self {
        let annotation = |scope: &str| {
            deprecated_annotation(value.deprecated, |r| {
                format!("{name}{scope}.{}", Kotlin::variant(r))
            })
        };
        OpenVariant {
            kdoc: kdoc(value.text.unwrap_or_default(), "        "),
            deprecated: annotation(""),
            known_kdoc: value.deprecated.map_or_else(String::new, |d| {
                let mut text = format!("Deprecated: {}", d.message());
                if value.canonical != value.wire {
                    text.push_str(&format!(
                        " `canonical` maps it to `{}`; the entry is not `@Deprecated`, so that an exhaustive `when` compiles without warnings.",
                        value.canonical
                    ));
                }
                kdoc(&text, "        ")
            }),
            codes_deprecated: annotation(".Codes"),
            ident: Kotlin::variant(value.wire),
            wire: kotlin_str(value.wire),
            canonical: kotlin_str(value.canonical),
            current,
            info,
        }
    }
}

/// The class KDoc of an open enumeration.
fn open_doc(doc: &str) -> String {
    format!(
        "{doc}\n\nOpen: `of` never fails, and a value this version does not know is kept as an unknown value (`isKnown` is false, `known` and `info` are `null`) that encodes exactly as received (`value`). Known values are single instances, so `==` compares them, from Java too. New known values are added in minor versions: keep an `else` branch when you branch on `value` or on the constants of `Codes`, or match exhaustively on `known` (a `Known`) or on `canonical` (a `Current`, which maps a deprecated value to its replacement)."
    )
}

fn render_open_enum(view: &OpenEnum) -> Result<String, RenderError> {
    view.rendered()
}

/// The open enumeration `spec_name` of `values`, whose `info` is an `info_ty` record; each
/// value's KDoc is its text.
fn open_enum(
    spec_name: &str,
    values: &[ir::TableValue<'_>],
    kdoc_text: &str,
    info_ty: &'static str,
) -> OpenEnum {
    let name = Kotlin::ty(spec_name);
    let variants = values
        .iter()
        .map(|v| OpenVariant::new(&name, v, v.current, info_record(v)))
        .collect();
    OpenEnum {
        kdoc: kdoc(&open_doc(kdoc_text), ""),
        name_plain: name.trim_matches('`').to_owned(),
        name_lit: kotlin_str(spec_name),
        name,
        info_ty,
        variants,
        suppress: values.iter().any(|v| v.deprecated.is_some()),
    }
}

/// A value's metadata record, as a constructor call indented for the companion's constants:
/// `EventCodeInfo`, `ResultCodeInfo` or `ValueInfo`, with the fields of every language's record.
fn info_record(v: &ir::TableValue<'_>) -> String {
    const INDENT: usize = 12;
    match &v.info {
        Info::Event(info) => {
            let callbacks = info
                .callbacks
                .iter()
                .map(|cb| format!("CallbackName.{}", Kotlin::variant(cb)))
                .collect();
            let fields = [
                ("code", kotlin_str(v.wire)),
                ("kind", Kotlin::kind(info.kind)),
                ("callbacks", Kotlin::list(callbacks)),
                ("description", kotlin_str(v.text.unwrap_or_default())),
                (
                    "descriptionTruncated",
                    info.description_truncated.to_string(),
                ),
                ("action", format!("Action.{}", Kotlin::variant(info.action))),
                ("outcome", Kotlin::outcome(v.outcome)),
                ("carries", Kotlin::str_list(info.carries)),
                ("messages", Kotlin::str_list(info.messages)),
                ("deprecated", Kotlin::deprecation(v.deprecated)),
            ];
            Kotlin::record("EventCodeInfo", &fields, INDENT)
        }
        Info::Result(info) => {
            let fields = [
                ("code", kotlin_str(v.wire)),
                ("message", kotlin_str(v.text.unwrap_or_default())),
                ("messageTruncated", info.message_truncated.to_string()),
                ("suggestion", kotlin_str(info.suggestion)),
                ("suggestionTruncated", info.suggestion_truncated.to_string()),
                ("action", format!("Action.{}", Kotlin::variant(info.action))),
                ("outcome", Kotlin::outcome(v.outcome)),
                ("deprecated", Kotlin::deprecation(v.deprecated)),
            ];
            Kotlin::record("ResultCodeInfo", &fields, INDENT)
        }
        Info::Value => {
            let fields = [
                ("value", kotlin_str(v.wire)),
                ("description", Kotlin::opt_str(v.text)),
                ("outcome", Kotlin::outcome(v.outcome)),
                ("deprecated", Kotlin::deprecation(v.deprecated)),
            ];
            Kotlin::record("ValueInfo", &fields, INDENT)
        }
    }
}

fn event_code_kt(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let view = open_enum(
        "EventCode",
        &ir.event_codes().values,
        &format!(
            "{}, with what the spec says about it.",
            ir.event_code_doc.trim_end_matches('.')
        ),
        "EventCodeInfo",
    );
    let sources = ir.event_codes().files();
    let sources = if sources.is_empty() {
        vec![package.file.as_str()]
    } else {
        sources
    };
    Ok(kotlin_file(
        package,
        "EventCode.kt",
        format!(
            "{}\n{}",
            preamble(package, &sources),
            render_open_enum(&view)?
        ),
    ))
}

fn result_code_kt(ir: &Ir<'_>) -> Result<GeneratedFile, RenderError> {
    let package = ir.package;
    let view = open_enum(
        "PaymentResultCode",
        &ir.result_codes().values,
        "A `paymentResultCode`: why a payment failed or is in an abnormal state, with its message and handling suggestion.",
        "ResultCodeInfo",
    );
    let sources = ir.result_codes().files();
    let sources = if sources.is_empty() {
        vec![package.file.as_str()]
    } else {
        sources
    };
    Ok(kotlin_file(
        package,
        "PaymentResultCode.kt",
        format!(
            "{}\n{}",
            preamble(package, &sources),
            render_open_enum(&view)?
        ),
    ))
}

fn enums_kt(ir: &Ir<'_>) -> Result<Option<GeneratedFile>, RenderError> {
    let package = ir.package;
    let tables: Vec<&Table<'_>> = Table::enums(&ir.tables).collect();
    if tables.is_empty() {
        return Ok(None);
    }
    let mut body = String::new();
    for table in &tables {
        body.push('\n');
        body.push_str(render_open_enum(&enum_view(table))?.trim_end());
        body.push('\n');
    }
    let sources: Vec<&str> = tables.iter().filter_map(|t| t.file).collect();
    Ok(Some(kotlin_file(
        package,
        "Enums.kt",
        with_head(&preamble(package, &sources), body),
    )))
}

/// The open enumeration of one of the spec's enums.
fn enum_view(table: &Table<'_>) -> OpenEnum {
    open_enum(
        table.name,
        &table.values,
        table.description.unwrap_or_default(),
        "ValueInfo",
    )
}

#[derive(Template)]
#[template(path = "kotlin/object.kt.jinja", escape = "none")]
struct ObjectView {
    kdoc: String,
    name: String,
    /// `"Name("`, how `toString()` starts.
    name_lit: String,
    spec_name_lit: String,
    fields: Vec<FieldView>,
    checks: Vec<CheckView>,
    suppress: bool,
    has_sensitive: bool,
    /// The wire names of the sensitive fields, as literals separated by `, `.
    sensitive_keys: String,
    /// What separates the kept keys from the fields in `toString()`.
    extra_sep: &'static str,
}

struct FieldView {
    kdoc: String,
    deprecated: Option<String>,
    ident: String,
    ty: String,
    /// `toString()` label: `"name="` or `", name="`.
    label: String,
    encode: &'static str,
    decode: String,
    /// The spec's `format`, which the schema table keeps apart from the pattern.
    format: String,
    /// The schema table entry.
    entry: FieldEntry,
}

/// A field's Kotlin type, its encoding expression, its decoding expression (from the JSON
/// object `map`) and its schema table kind.
fn field_parts(wire: &str, value: FieldValue<'_>) -> (String, &'static str, String, String) {
    match value {
        FieldValue::Text => (
            "String".to_owned(),
            "it",
            format!("Json.takeString(map, {wire})"),
            "Validate.FieldKind.Text".to_owned(),
        ),
        FieldValue::Any => (
            "Any".to_owned(),
            "it",
            format!("Json.takeAny(map, {wire})"),
            "Validate.FieldKind.Anything".to_owned(),
        ),
        FieldValue::Object(name) => {
            let t = Kotlin::ty(name);
            (
                t.clone(),
                "it.toJson()",
                format!("Json.takeObject(map, {wire})?.let {{ {t}.fromJson(it) }}"),
                format!("Validate.FieldKind.Nested({t}.schema)"),
            )
        }
        FieldValue::Table(_, name) => {
            let t = Kotlin::ty(name);
            (
                t.clone(),
                "it.value",
                format!("Json.takeString(map, {wire})?.let {{ {t}.of(it) }}"),
                format!("Validate.FieldKind.OneOf({t}.schema)"),
            )
        }
    }
}

fn field_view(f: &ir::Field<'_>) -> FieldView {
    let ident = Kotlin::field(f.name);
    let wire = kotlin_str(f.name);
    let (ty, encode, decode, kind) = field_parts(&wire, f.value);
    let shown = ident.trim_matches('`');
    let notes = Kotlin::notes(f);
    let doc = if notes.is_empty() {
        f.description.to_owned()
    } else {
        format!("{}\n\n{notes}", f.description)
    };
    FieldView {
        kdoc: kdoc(&doc, "    "),
        deprecated: deprecated_annotation(f.deprecated, Kotlin::field),
        label: kotlin_str(&if f.index == 0 {
            format!("{shown}=")
        } else {
            format!(", {shown}=")
        }),
        ty,
        encode,
        decode,
        format: Kotlin::opt_str(f.pattern.and_then(|p| p.format)),
        entry: Kotlin::field_entry(f, kind),
        ident,
    }
}

fn object_view(o: &ir::Object<'_>) -> ObjectView {
    let fields: Vec<FieldView> = o.fields.iter().map(field_view).collect();
    let name = Kotlin::ty(o.name);
    let doc = format!(
        "{}\n\nDecoding is lenient: `fromJson` takes any JSON object, and keys this version does not know, or whose value has the wrong JSON type, are kept in `extra()` so that `toJson()` returns the same JSON value. Check a payload with `validate`.",
        o.description
    );
    let sensitive = o.sensitive_names();
    ObjectView {
        kdoc: kdoc(&doc, ""),
        name_lit: kotlin_str(&format!("{name}(")),
        spec_name_lit: kotlin_str(o.name),
        name,
        suppress: o.any_deprecated(),
        has_sensitive: !sensitive.is_empty(),
        sensitive_keys: sensitive
            .iter()
            .map(|name| kotlin_str(name))
            .collect::<Vec<_>>()
            .join(", "),
        extra_sep: if fields.is_empty() { "" } else { ", " },
        fields,
        checks: o.checks.iter().map(Kotlin::check_view).collect(),
    }
}

fn objects_kt(ir: &Ir<'_>) -> Result<Option<GeneratedFile>, RenderError> {
    let package = ir.package;
    if ir.objects.is_empty() {
        return Ok(None);
    }
    let mut body = String::new();
    for o in &ir.objects {
        body.push('\n');
        body.push_str(object_view(o).rendered()?.trim_end());
        body.push('\n');
    }
    let sources: Vec<&str> = ir.objects.iter().map(|o| o.file).collect();
    Ok(Some(kotlin_file(
        package,
        "Objects.kt",
        with_head(&preamble(package, &sources), body),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kotlin_str_escapes_templates_quotes_controls_and_non_ascii() {
        assert_eq!(kotlin_str("a\"b\\c$d${e}"), r#""a\"b\\c\$d\${e}""#);
        assert_eq!(kotlin_str("\n\r\t\u{7}"), r#""\n\r\t\u0007""#);
        assert_eq!(kotlin_str("é😀"), r#""\u00E9\uD83D\uDE00""#);
    }

    #[test]
    fn kdoc_cannot_close_or_open_a_comment() {
        assert_eq!(
            kdoc_line("a */ b /* c /*/ d"),
            "a *&#47; b &#47;* c &#47;*&#47; d"
        );
        assert_eq!(kdoc("one", ""), "/** one */");
        assert_eq!(
            kdoc("one\n\ntwo", "  "),
            "  /**\n   * one\n   *\n   * two\n   */"
        );
        let long = format!("- {}", "word ".repeat(30));
        assert_eq!(
            wrap(long.trim_end(), 40),
            [
                "- word word word word word word word",
                "  word word word word word word word",
                "  word word word word word word word",
                "  word word word word word word word",
                "  word word",
            ]
        );
    }
}
