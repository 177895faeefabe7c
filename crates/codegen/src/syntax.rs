//! What each programming language contributes to the code targets: only its syntax.
//!
//! A code target (`rust.rs`, `typescript.rs`, `kotlin.rs`, `swift.rs`) implements [`Syntax`] on
//! its generator type: its [`Lang`] (the identifier rules of `antom_spec::names`, so the target
//! and the lint checks of its names are one), its string literal, its absent and present
//! optional values, its list literal, and how it names a member of the runtime's `Outcome` and
//! `EventKind`. Everything a generator writes about values (identifiers, optional texts,
//! outcomes, event kinds, deprecation records, lists of texts) is built from those hooks here,
//! once, instead of once per language. A field's schema table entry ([`FieldEntry`]) and its
//! documentation notes come from the intermediate layer's [`ir::Field`]; the language supplies
//! its pattern record and the words of each [`Note`] its doc comments give.

use crate::ir::{self, Note};
use antom_spec::names::{Lang, Role};
use antom_spec::{Check, Deprecation, EventKind, Outcome};

/// One language's syntax; every provided method is built from the required ones.
pub(crate) trait Syntax {
    /// The identifier rules of the language.
    const LANG: Lang;
    /// The absent value of an optional (`None`, `null`, `nil`).
    const NONE: &'static str;

    /// A string literal of the language, escaped.
    fn str_lit(s: &str) -> String;
    /// A present optional value (`Some(v)` in Rust; the value itself elsewhere).
    fn some(value: String) -> String {
        value
    }
    /// A list literal of already written items.
    fn list(items: Vec<String>) -> String;
    /// A case of one of the runtime's closed enumerations (`Outcome`, `EventKind`), from its
    /// name as the spec writes it (`payment_result`).
    fn member(enumeration: &str, case: &str) -> String;
    /// A `Deprecation` record from its two fields, already written.
    fn deprecation_record(replaced_by: String, note: String) -> String;
    /// The schema table's pattern record from the pattern's source and format text, already
    /// written as literals.
    fn pattern_record(source: String, format: String) -> String;
    /// A field note as the language's doc comments word it; `None` where they do not give it
    /// (the default: the schema table alone carries the rule).
    fn note(_note: &Note<'_>) -> Option<String> {
        None
    }

    /// A type name of the spec as an identifier.
    fn ty(name: &str) -> String {
        Self::LANG.ident(Role::Type, name)
    }
    /// An enumeration value as an identifier.
    fn variant(value: &str) -> String {
        Self::LANG.ident(Role::Variant, value)
    }
    /// A field's wire name as an identifier (or property key).
    fn field(name: &str) -> String {
        Self::LANG.ident(Role::Field, name)
    }
    /// An optional text.
    fn opt_str(s: Option<&str>) -> String {
        s.map_or_else(|| Self::NONE.to_owned(), |s| Self::some(Self::str_lit(s)))
    }
    /// An optional outcome.
    fn outcome(o: Option<Outcome>) -> String {
        o.map_or_else(
            || Self::NONE.to_owned(),
            |o| Self::some(Self::member("Outcome", o.as_str())),
        )
    }
    /// An event kind.
    fn kind(k: EventKind) -> String {
        Self::member("EventKind", k.as_str())
    }
    /// An optional deprecation record.
    fn deprecation(d: Option<&Deprecation>) -> String {
        d.map_or_else(
            || Self::NONE.to_owned(),
            |d| {
                Self::some(Self::deprecation_record(
                    Self::opt_str(d.replaced_by.as_deref()),
                    Self::str_lit(&d.note),
                ))
            },
        )
    }
    /// A list of texts.
    fn str_list(items: &[String]) -> String {
        Self::list(items.iter().map(|s| Self::str_lit(s)).collect())
    }
    /// A field's notes in the language's words, one sentence after another; empty when it has
    /// none.
    fn notes(field: &ir::Field<'_>) -> String {
        let notes: Vec<String> = field.notes.iter().filter_map(Self::note).collect();
        notes.join(" ")
    }
    /// A field's entry in its object's schema table, with `kind`, the language's spelling of its
    /// value's kind.
    fn field_entry(field: &ir::Field<'_>, kind: String) -> FieldEntry {
        FieldEntry {
            wire: Self::str_lit(field.name),
            required: field.required,
            kind,
            max_length: field
                .max_length
                .map_or_else(|| Self::NONE.to_owned(), |max| Self::some(max.to_string())),
            pattern: field.pattern.map_or_else(
                || Self::NONE.to_owned(),
                |p| {
                    Self::some(Self::pattern_record(
                        Self::str_lit(p.source),
                        Self::str_lit(p.text),
                    ))
                },
            ),
            sensitive: field.sensitive,
        }
    }
    /// A cross-field check's entry in an object's schema table.
    fn check_view(check: &Check) -> CheckView {
        CheckView {
            rule: Self::str_lit(&check.rule),
            kind: Self::member("CheckKind", check.kind.as_str()),
            fields: Self::list(check.fields.iter().map(|p| Self::str_list(p)).collect()),
            message: Self::str_lit(&check.message),
        }
    }
}

/// A cross-field check as every language's schema table holds it, each part written in the
/// language: the rule and message as literals, the kind as a runtime enum member, the field
/// paths as a list of lists of wire names.
pub(crate) struct CheckView {
    pub(crate) rule: String,
    pub(crate) kind: String,
    pub(crate) fields: String,
    pub(crate) message: String,
}

/// A field as every language's schema table holds it: the wire name as a literal, the kind as
/// the language spells it, the length limit and the pattern as optionals of the language.
pub(crate) struct FieldEntry {
    pub(crate) wire: String,
    pub(crate) required: bool,
    pub(crate) kind: String,
    pub(crate) max_length: String,
    pub(crate) pattern: String,
    pub(crate) sensitive: bool,
}
