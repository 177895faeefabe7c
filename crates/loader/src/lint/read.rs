//! Reading the spec: each file's YAML parsed into the raw structs, and one section of every
//! file merged into one list of definitions.
//!
//! One file format for all spec files: every file is a `SpecFile` with optional sections, merged
//! here; sections are mappings keyed by name, so a name is defined once, a duplicate is reported
//! with both positions, and the model sorts by name (output does not depend on file or key order).
//! Files are parsed in parallel (`par_map`): they are independent until the merge.
//!
//! Spec files are plain YAML: a tag (`!!binary`, `!!str`, `!foo`) is an error at the tag, since
//! `!!binary` would decode base64 into text and unknown tags would be dropped unseen. Only files
//! with a `!` are scanned for tags, so large specs pay nothing. The parser's errors are put in the
//! spec's words: no Rust type (`Option<String>`, `u64`), no `Debug` output of its limits.

use std::collections::BTreeMap;

use super::{Def, Linter};
use crate::raw::SpecFile;
use crate::span::{Pos, Sp};
use crate::{Problem, SourceFile};

pub(super) fn parse_file(file: &SourceFile) -> Result<SpecFile, Problem> {
    let text = std::str::from_utf8(&file.bytes).map_err(|e| {
        let valid = &file.bytes[..e.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() as u32 + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        Problem::new(
            &file.path,
            Pos { line, column },
            format!(
                "the file is not valid UTF-8 (byte {}): save it as UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    let has_content = text
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---");
    if !has_content {
        return Err(Problem::new(
            &file.path,
            Pos::START,
            "the file is empty: add a section such as `event_codes:` or delete the file",
        ));
    }
    if let Some(problem) = find_tag(&file.path, text) {
        return Err(problem);
    }
    serde_saphyr::from_str_with_options::<SpecFile>(text, parse_options()).map_err(|e| {
        let pos = e.location().map_or(Pos::START, Pos::from_location);
        Problem::new(&file.path, pos, yaml_message(e.without_snippet()))
    })
}

/// The first YAML tag (`!!binary`, `!!str`, `!foo`, ...) in a file. The spec is plain YAML text:
/// a tag would change what a value means (`!!binary` decodes base64) or be dropped unseen.
/// Only a file with a `!` in it is scanned; a file that does not parse stops the scan, and the
/// parser then reports why.
fn find_tag(path: &str, text: &str) -> Option<Problem> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !text.contains('!') {
        return None;
    }
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return None;
        };
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_deref(),
            _ => None,
        };
        if let Some(tag) = tag {
            let written = format!("{}{}", tag.original_handle(), tag.suffix());
            // The event starts at its node, after the tag: point at the tag itself.
            let at = span
                .start
                .byte_offset()
                .and_then(|end| text.get(..end))
                .and_then(|before| before.rfind(&written));
            let pos = match at {
                Some(at) => {
                    let before = &text[..at];
                    Pos {
                        line: u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX),
                        column: u32::try_from(
                            before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                        )
                        .unwrap_or(u32::MAX),
                    }
                }
                None => Pos {
                    line: u32::try_from(span.start.line()).unwrap_or(u32::MAX).max(1),
                    column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
                },
            };
            return Some(Problem::new(
                path,
                pos,
                format!(
                    "YAML tag `{written}` is not used by the spec: remove it and write the value as plain text (quote it if it must stay a string)"
                ),
            ));
        }
    }
    None
}

/// The parser's error in the words of the spec: no Rust types, no parser internals.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    match e {
        E::NullIntoString { .. } => {
            "the value is empty (null): write the text, or remove the key if it is optional"
                .to_owned()
        }
        E::Budget { breach, .. } => {
            let what = match breach {
                B::Depth { .. } => "nests lists and mappings too deeply",
                B::Aliases { .. } | B::AliasAnchorRatio { .. } => {
                    "repeats too many aliases (`*name`)"
                }
                B::Anchors { .. } => "defines too many anchors (`&name`)",
                B::ScalarBytes { .. } | B::InputBytes { .. } => "holds too much text",
                B::Documents { .. } => "holds too many YAML documents",
                _ => "is too large",
            };
            format!("the file {what} for a spec file: split it or simplify it")
        }
        E::BinaryNotUtf8 { .. }
        | E::InvalidBinaryBase64 { .. }
        | E::TaggedScalarCannotDeserializeIntoString { .. }
        | E::UnsupportedTag { .. } => {
            "a YAML tag is not used by the spec: remove it and write the value as plain text"
                .to_owned()
        }
        other => {
            let message = other.to_string();
            let message = match message.rsplit_once(" at line ") {
                Some((head, _)) => head.to_owned(),
                None => message,
            };
            yaml_hint(message)
        }
    }
}

/// Parser limits: the defaults (250,000 nodes) are too small for large generated specs; the depth
/// limit that protects the stack stays.
fn parse_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    budget.max_total_scalar_bytes = 512 * 1024 * 1024;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Adds what to do to the parser's own words where they do not say it.
fn yaml_hint(message: String) -> String {
    if message.contains("tabs disallowed") {
        format!("{message}: indent with spaces")
    } else if message.starts_with("unknown field") {
        format!("{message} (see spec.schema.json)")
    } else if message.contains("found a tab") {
        format!("{message}: indent with spaces, not tabs")
    } else if message.starts_with("invalid u") || message.starts_with("invalid i") {
        // `invalid u64`: the Rust type says nothing to a spec writer.
        "expected a whole number such as `32`".to_owned()
    } else if message.starts_with("invalid f") {
        "expected a number such as `1.5`".to_owned()
    } else if message == "expected string scalar" {
        "expected text here, not a list or a mapping".to_owned()
    } else if message.starts_with("invalid bool") {
        format!("{message}: expected `true` or `false`")
    } else if message.contains("expected mapping start") {
        "expected `key: value` entries here, not a list or a single value".to_owned()
    } else if message.contains("mapping values are not allowed") {
        format!(
            "{message}: check the indentation of this line, or quote a value that contains `: `"
        )
    } else if message.contains("unclosed quote") {
        format!("{message}: close the string with the same quote it opens with")
    } else if message.contains("duplicate mapping key") {
        let key = message
            .split(':')
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap_or("")
            .trim();
        format!("duplicate key `{key}`: each name may appear once in a mapping")
    } else {
        message
    }
}

impl Linter<'_> {
    /// Collects one section of every file, reporting names defined twice.
    pub(super) fn merge<'a, T>(
        &mut self,
        files: &'a [(&'a str, SpecFile)],
        what: &str,
        section: impl Fn(&'a SpecFile) -> &'a crate::named_map::NamedMap<Sp<T>>,
    ) -> Vec<Def<'a, T>> {
        let mut seen: BTreeMap<&str, (&str, Pos)> = BTreeMap::new();
        let mut defs = Vec::new();
        for (file, spec_file) in files {
            for (name, def) in section(spec_file).iter() {
                if let Some((first_file, first_pos)) = seen.get(name.value.as_str()) {
                    self.report(
                        file,
                        name.pos,
                        format!(
                            "duplicate {what} `{}`: already defined at {first_file}:{}:{}",
                            name.value, first_pos.line, first_pos.column
                        ),
                    );
                    continue;
                }
                seen.insert(&name.value, (file, name.pos));
                defs.push(Def { file, name, def });
            }
        }
        defs.sort_by(|a, b| a.name.value.cmp(&b.name.value));
        defs
    }
}

#[cfg(test)]
mod tests {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::{Error, Location};

    use super::yaml_message;

    /// Limits that a spec file can only reach by being huge: named in the spec's words, never as
    /// the parser's `Debug` output.
    #[test]
    fn budget_breaches_speak_of_the_file() {
        let breaches = [
            (
                BudgetBreach::ScalarBytes {
                    total_scalar_bytes: 1,
                },
                "holds too much text",
            ),
            (
                BudgetBreach::Depth { depth: 65 },
                "nests lists and mappings too deeply",
            ),
            (BudgetBreach::Nodes { nodes: 1 }, "is too large"),
            (
                BudgetBreach::Aliases { aliases: 1 },
                "repeats too many aliases",
            ),
        ];
        for (breach, words) in breaches {
            let message = yaml_message(&Error::Budget {
                breach,
                location: Location::UNKNOWN,
            });
            assert!(message.contains(words), "{message}");
            assert!(
                !message.contains('{') && !message.contains("budget"),
                "{message}"
            );
        }
        let null = yaml_message(&Error::NullIntoString {
            location: Location::UNKNOWN,
        });
        assert!(!null.contains("Option<"), "{null}");
    }
}
