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
/// Line breaks of any kind split lines; other control characters become spaces, so a comment
/// can never end early or hide a bare carriage return.
pub fn comment_lines(s: &str) -> Vec<String> {
    let normalized = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    normalized
        .split('\n')
        .map(|line| {
            line.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
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
    }

    #[test]
    fn rust_str_escapes_quotes_and_controls() {
        assert_eq!(rust_str("a\"b\\c\n\u{0}"), r#""a\"b\\c\n\0""#);
    }
}
