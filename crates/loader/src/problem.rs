//! Lint problems: `file:line:col: message`, sorted, all reported at once.
//!
//! Every message is one line: control characters, line and paragraph separators in any spec text
//! a message quotes are written as escapes (`\n`, `\u{7f}`).

use std::fmt;

use crate::span::Pos;

/// One thing wrong with a spec, at a place in one of its files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Problem {
    /// A problem at `pos`. Control characters and line separators in `message` (it may quote
    /// spec text) are written as escapes, so a message is always one line and prints nothing
    /// that a terminal would act on.
    pub fn new(file: &str, pos: Pos, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
            message: one_line(message.into()),
        }
    }
}

/// `text` with every control character, line or paragraph separator written as an escape
/// (`\n`, `\r`, `\t`, `\u{7f}`, ...).
fn one_line(text: String) -> String {
    let special = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.contains(special) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if special(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem found in a spec, sorted by file, line and column. Never empty.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}
