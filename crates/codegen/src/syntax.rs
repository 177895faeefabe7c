//! What each programming language contributes to the code targets: only its syntax.
//!
//! Every code target implements [`Syntax`] on its generator type: its naming rules (its
//! `names` module, which lint checks spec names against, so the two are one), its comment, its
//! string literal, its absent and present optional values, its list literal, and how it names a
//! member of the runtime's `Outcome` and `EventKind`. Everything a generator writes about values
//! (identifiers, optional texts, outcomes, event kinds, deprecation records, lists of texts) is
//! built from those hooks here, once, instead of once per language.
//!
//! A target that ships a validator (Rust, TypeScript, Kotlin, Swift) implements [`Validator`]
//! too: a field's schema table entry ([`FieldEntry`]) and its documentation notes come from the
//! intermediate layer's [`ir::Field`]; the language supplies its pattern record and the words of
//! each [`Note`] its doc comments give. A target of constants only (Objective-C) needs none of it.

use crate::Comment;
use crate::ir::{self, Note};
use antom_spec::names::{Naming, Role};
use antom_spec::{Check, Deprecation, EventKind, Outcome};

/// One language's literal syntax; every provided method is built from the required ones.
pub trait Syntax {
    /// The identifier rules of the language (the target's `names` module).
    const NAMING: &'static dyn Naming;
    /// How the language writes the generated-file header's comment.
    const COMMENT: Comment;
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
    /// A type name of the spec as an identifier.
    fn ty(name: &str) -> String {
        Self::NAMING.ident(Role::Type, name)
    }
    /// An enumeration value as an identifier.
    fn variant(value: &str) -> String {
        Self::NAMING.ident(Role::Variant, value)
    }
    /// A field's wire name as an identifier (or property key).
    fn field(name: &str) -> String {
        Self::NAMING.ident(Role::Field, name)
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
}

/// What a language with a validator adds to its syntax: the schema table's records and the
/// field notes of its doc comments.
pub(crate) trait Validator: Syntax {
    /// The schema table's pattern record from the pattern's source and format text, already
    /// written as literals.
    fn pattern_record(source: String, format: String) -> String;
    /// A record of the runtime's metadata type `ty` (`EventCodeInfo`), one field a line, from
    /// its fields already written; its closing delimiter indented by `indent` spaces.
    fn record(ty: &str, fields: &[(&str, String)], indent: usize) -> String;
    /// A field note as the language's doc comments word it; `None` where they do not give it
    /// (the default: the schema table alone carries the rule).
    fn note(_note: &Note<'_>) -> Option<String> {
        None
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Ir;
    use crate::kotlin::Kotlin;
    use crate::rust::Rust;
    use crate::swift::Swift;
    use crate::typescript::TypeScript;

    fn with_field(object: &str, name: &str, test: impl FnOnce(&ir::Field<'_>)) {
        let spec = crate::ir::tests::spec();
        let ir = Ir::new(&spec);
        let object = ir.objects.iter().find(|o| o.name == object);
        let field = object.and_then(|o| o.fields.iter().find(|f| f.name == name));
        test(field.expect("the test spec has the field"));
    }

    #[test]
    fn each_language_words_the_notes_its_doc_comments_give() {
        with_field("Details", "number", |f| {
            assert_eq!(
                Kotlin::notes(f),
                "At most 8 characters. Matches `^[0-9*]+$`: a masked number. Sensitive: `toString()` shows `<redacted>`."
            );
            assert_eq!(
                TypeScript::notes(f),
                "At most 8 characters (Unicode code points). Format: a masked number. Sensitive: `redact*` hides it."
            );
            assert_eq!(Rust::notes(f), "");
            assert_eq!(Swift::notes(f), "");
        });
        // TypeScript notes a pattern only through its format.
        with_field("Details", "last", |f| {
            assert_eq!(Kotlin::notes(f), "Matches `^[0-9]{2}$`.");
            assert_eq!(TypeScript::notes(f), "");
        });
        with_field("State", "code", |f| {
            assert_eq!(
                TypeScript::notes(f),
                "Required by the spec (decoding does not enforce it; `./validate` does)."
            );
        });
    }

    #[test]
    fn field_entries_are_written_in_the_language() {
        with_field("Details", "number", |f| {
            let entry = TypeScript::field_entry(f, "KIND".to_owned());
            assert_eq!(entry.wire, "'number'");
            assert_eq!(entry.kind, "KIND");
            assert_eq!(entry.max_length, "8");
            assert_eq!(entry.pattern, "pattern('^[0-9*]+$', 'a masked number')");
            assert!(entry.sensitive && !entry.required);
            let entry = Rust::field_entry(f, String::new());
            assert_eq!(entry.max_length, "Some(8)");
            assert!(entry.pattern.starts_with("Some({"), "{}", entry.pattern);
            assert!(
                entry
                    .pattern
                    .contains(r#"Pattern::new("^[0-9*]+$", "a masked number")"#),
                "{}",
                entry.pattern
            );
            let entry = Swift::field_entry(f, String::new());
            assert_eq!(
                entry.pattern,
                r#"Pattern(source: "^[0-9*]+$", format: "a masked number")"#
            );
            // Kotlin's table keeps the spec's format apart from the pattern (`$` is escaped in
            // a Kotlin string).
            assert_eq!(
                Kotlin::field_entry(f, String::new()).pattern,
                r#""^[0-9*]+\$""#
            );
        });
        with_field("State", "code", |f| {
            let entry = Swift::field_entry(f, String::new());
            assert_eq!(
                (entry.max_length.as_str(), entry.pattern.as_str()),
                ("nil", "nil")
            );
            assert!(entry.required);
        });
        // A pattern without a format shows the shared phrase in its mismatch message.
        with_field("Details", "last", |f| {
            assert_eq!(
                TypeScript::field_entry(f, String::new()).pattern,
                "pattern('^[0-9]{2}$', 'in the expected format')"
            );
        });
    }
}
