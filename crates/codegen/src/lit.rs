//! Literal and comment escaping shared by the targets: Rust literals, line-comment text and
//! JSON output. The other languages' literal escapers sit in their target modules
//! (`kotlin_str`, `swift_str`, `ts_str`); every string of the spec reaches generated code through
//! one of them, and a test per language reads each literal back and compares it with the spec.

/// A Rust string literal: `"..."` with `\"`, `\\`, control and non-printable characters escaped.
pub fn rust_str(s: &str) -> String {
    // `Debug` for `str` produces exactly Rust literal syntax.
    format!("{s:?}")
}

/// Splits text into lines that are safe inside a line comment (`//`, `///`, `#`).
///
/// Line breaks of any kind split lines; other control characters and the invisible marks that
/// change the direction of text become spaces, so a comment can never end early, hide a bare
/// carriage return or show its text in another order than the compiler reads it (rustc denies
/// those marks in comments: `text_direction_codepoint_in_comment`).
pub fn comment_lines(s: &str) -> Vec<String> {
    let normalized = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    normalized
        .split('\n')
        .map(|line| {
            line.chars()
                .map(|c| {
                    if c.is_control() || is_direction_mark(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// Marks that change the direction of the text around them (Trojan Source, CVE-2021-42574).
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Pretty JSON with a final newline.
pub fn pretty_json(value: &serde_json::Value) -> String {
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_never_carry_line_breaks_or_controls() {
        let lines = comment_lines("a\r\nb\rc\u{2028}d\te\u{7}*/");
        assert_eq!(lines, ["a", "b", "c", "d e */"]);
        let lines = comment_lines("x\u{202e}y\u{2066}z\u{200f}");
        assert_eq!(lines, ["x y z"]);
    }

    #[test]
    fn rust_str_escapes_quotes_and_controls() {
        assert_eq!(rust_str("a\"b\\c\n\u{0}"), r#""a\"b\\c\n\0""#);
    }
}
