//! `antom diff OLD NEW`: which changes break SDK users, and the semver bump they need.
//!
//! `--format markdown` (release notes) groups changes by the bump they need: "Breaking changes",
//! "Compatible additions" (additions and deprecations), "Text-only edits". Spec text in it is
//! escaped so that it shows literally; names a change's message quotes with backticks stay code
//! spans. `REV:PATH` goes to git as written (`PATH` relative to the repository root, as in `git
//! show REV:PATH`); a revision starting with `-` is never passed to git.

use antom_spec::compat::{self, Bump, Report};

use super::{Style, print_problems, shown};
use crate::cli::{Format, FormatArg};
use crate::output::{Failure, out, outln};
use crate::spec_input;

pub(crate) fn run(old: &str, new: &str, format: FormatArg) -> anyhow::Result<u8> {
    let plain = match format {
        FormatArg::Json => Format::Json,
        FormatArg::Text | FormatArg::Markdown => Format::Text,
    };
    let mut specs = Vec::new();
    for arg in [old, new] {
        let files = match spec_input::read_arg(arg) {
            Ok(files) => files,
            Err(e) => {
                return Failure {
                    kind: "io",
                    message: shown(&format!("{e:#}")),
                    path: Some(arg.to_owned()),
                    details: None,
                    exit: 2,
                }
                .report(plain);
            }
        };
        match antom_codegen::load(&files) {
            Ok(spec) => specs.push(spec),
            Err(problems) => {
                if plain == Format::Text {
                    print_problems(&problems);
                }
                return Failure {
                    kind: "spec",
                    message: format!(
                        "the spec {} has {} problem(s): both specs must lint clean before they can be compared",
                        shown(arg),
                        problems.0.len()
                    ),
                    path: Some(arg.to_owned()),
                    details: Some(serde_json::json!({ "problems": problems.0 })),
                    exit: 2,
                }
                .report(plain);
            }
        }
    }
    let [old_spec, new_spec] = <[antom_spec::Spec; 2]>::try_from(specs)
        .map_err(|_| anyhow::anyhow!("two specs are read"))?;
    let report = compat::compare(&old_spec, &new_spec);
    match format {
        FormatArg::Json => outln!("{}", serde_json::to_string_pretty(&report)?)?,
        FormatArg::Markdown => out!("{}", changelog(&new_spec, &report))?,
        FormatArg::Text => {
            let style = Style::stdout();
            for c in &report.changes {
                let label = if c.breaking {
                    style.red("breaking  ")
                } else {
                    style.green("compatible")
                };
                outln!("{label} {}: {}", shown(&c.path), shown(&c.message))?;
            }
            if report.changes.is_empty() {
                outln!("no changes")?;
            }
            let v = &report.version;
            let verdict = if v.lowered {
                style.red(&format!(
                    "is lowered, and a version never goes down: raise `version` in the spec to {} or later",
                    shown(&v.enough)
                ))
            } else if v.sufficient || report.bump == Bump::None {
                format!("is a {} bump", v.bumped.as_str())
            } else {
                format!(
                    "is a {} bump{}",
                    v.bumped.as_str(),
                    style.yellow(&format!(
                        ": not enough, raise `version` in the spec to {} or later",
                        shown(&v.enough)
                    ))
                )
            };
            outln!(
                "\n{} needs a {} version bump; version {} → {} {verdict}",
                if report.breaking {
                    style.red("breaking:")
                } else {
                    style.green("compatible:")
                },
                report.bump.as_str(),
                shown(&v.old),
                shown(&v.new),
            )?;
        }
    }
    Ok(if report.breaking || report.version.lowered {
        1
    } else {
        0
    })
}

/// A changelog section: the new version and the bump it needs, then the changes by weight, each
/// once with the code or field it concerns.
pub(crate) fn changelog(new: &antom_spec::Spec, report: &Report) -> String {
    let v = &report.version;
    let mut out = format!("## {} {}\n\n", md_text(&new.package.name), md_text(&v.new));
    let verdict = if v.lowered {
        format!(
            "The version {} is lower than {}: **raise the version** to {} or later.",
            md_text(&v.new),
            md_text(&v.old),
            md_text(&v.enough)
        )
    } else if report.bump == Bump::None {
        "No change needs a version bump.".to_owned()
    } else if v.sufficient {
        format!(
            "Needs a {} version bump: {} to {} is a {} bump.",
            report.bump.as_str(),
            md_text(&v.old),
            md_text(&v.new),
            v.bumped.as_str()
        )
    } else if v.bumped == Bump::None {
        format!(
            "Needs a {} version bump, but the version is still {}: **raise the version** to {} or later.",
            report.bump.as_str(),
            md_text(&v.new),
            md_text(&v.enough)
        )
    } else {
        format!(
            "Needs a {} version bump, but {} to {} is only a {} bump: **raise the version** to {} or later.",
            report.bump.as_str(),
            md_text(&v.old),
            md_text(&v.new),
            v.bumped.as_str(),
            md_text(&v.enough)
        )
    };
    out.push_str(&verdict);
    out.push('\n');
    if report.changes.is_empty() {
        out.push_str("\nNo changes.\n");
    }
    for (title, bump) in [
        ("Breaking changes", Bump::Major),
        ("Compatible additions", Bump::Minor),
        ("Text-only edits", Bump::Patch),
    ] {
        let items: Vec<_> = report.changes.iter().filter(|c| c.bump == bump).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title}\n\n"));
        for c in items {
            out.push_str(&format!(
                "- {}: {}\n",
                md_code(&c.path),
                md_message(&c.message)
            ));
        }
    }
    out
}

/// Text as Markdown that shows it literally on one line: punctuation Markdown reads is
/// backslash-escaped, line breaks and other control characters become `\u{..}`.
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if antom_codegen::writer::is_unsafe_char(c) => {
                out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A change's message: its `quoted` names stay code spans, the rest is text.
fn md_message(message: &str) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: nothing is code.
        return md_text(message);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                md_code(part)
            } else {
                md_text(part)
            }
        })
        .collect()
}

/// Inline code whose fence is longer than any run of backticks inside it.
fn md_code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| {
            if antom_codegen::writer::is_unsafe_char(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::{md_code, md_message, md_text};

    #[test]
    fn markdown_shows_spec_text_literally() {
        assert_eq!(md_text("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
        assert_eq!(md_text("line\nforged"), "line\\u{000a}forged");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`a"), "`` `a ``");
        assert_eq!(
            md_message("message of `FAILED` changed"),
            "message of `FAILED` changed"
        );
        assert_eq!(md_message("odd ` one"), "odd \\` one");
    }
}
