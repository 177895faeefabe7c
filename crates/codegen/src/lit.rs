//! Literal and comment escaping shared by the targets: Rust literals, line-comment text and
//! JSON output. The other languages' literal escapers sit in their target modules
//! (`kotlin_str`, `swift_str`, `ts_str`); every string of the spec reaches generated code through
//! one of them, and a test per language reads each literal back and compares it with the spec.
//!
//! The read-backs, for every fixture case: Rust by a program compiled with each fixture crate
//! (`tests/tests/compile_rust.rs`), TypeScript by `tests/typescript/readback.ts`, Kotlin, Swift
//! and Objective-C by read-back programs their tests write or keep beside the output; the expected
//! values are built from the loaded `Spec`. `tests/cases/obstacle` holds the keyword names and the
//! hostile text (`*/`, `"""`, `${x}`, `\(x)`, controls, CRLF, non-BMP emoji, right-to-left text
//! and bidirectional controls). Comments show direction-changing characters as `U+XXXX`; string
//! constants keep them, escaped per language.

/// A Rust string literal: `"..."` with `\"`, `\\`, control and non-printable characters escaped.
pub fn rust_str(s: &str) -> String {
    // `Debug` for `str` produces exactly Rust literal syntax.
    format!("{s:?}")
}

/// Splits text into lines that are safe inside a line comment (`//`, `///`, `#`).
///
/// Line breaks of any kind split lines; other control characters become spaces, so a comment
/// can never end early or hide a bare carriage return. Characters that change the direction of
/// the text around them (bidirectional embeddings, overrides, isolates and marks) are written
/// as `U+XXXX`: raw, they make a comment read differently from what the compiler sees (Rust
/// denies them in comments), and a comment only has to say what the text is.
pub fn comment_lines(s: &str) -> Vec<String> {
    let normalized = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    normalized
        .split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for c in line.chars() {
                if is_bidi_control(c) {
                    out.push_str(&format!("U+{:04X}", c as u32));
                } else if c.is_control() {
                    out.push(' ');
                } else {
                    out.push(c);
                }
            }
            out.trim_end().to_owned()
        })
        .collect()
}

/// Invisible characters that reorder the text around them: the arabic letter, left-to-right
/// and right-to-left marks, embeddings, overrides and isolates.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
        let lines = comment_lines("\u{202E}evil\u{202C} \u{2067}x\u{2069} \u{200F}שלום 😀");
        assert_eq!(lines, ["U+202EevilU+202C U+2067xU+2069 U+200Fשלום 😀"]);
    }

    #[test]
    fn rust_str_escapes_quotes_and_controls() {
        assert_eq!(rust_str("a\"b\\c\n\u{0}"), r#""a\"b\\c\n\0""#);
    }
}
