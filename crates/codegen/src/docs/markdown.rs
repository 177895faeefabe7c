//! Markdown escaping for the reference page: spec text in table cells and paragraphs.
//!
//! Spec text is shown as written: code spans (backticks) stay code, everything else is literal.
//! Outside code spans, HTML characters become entities and Markdown punctuation is
//! backslash-escaped; everywhere, `|` is escaped (GFM splits cells on it, even inside code
//! spans) and line breaks become `<br>`, so a cell stays on its row.
//!
//! Mermaid labels in the lifecycle diagram get entity codes instead ([`mermaid_text`]).
//!
//! The docs test includes this file too, so that it checks the page with the same escaping.

/// Spec text for one table cell (or one paragraph): a single line.
pub(crate) fn cell(text: &str) -> String {
    let text = normalize_breaks(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = run_length(&chars, i);
            if let Some(close) = closing_run(&chars, i + run, run) {
                let fence: String = "`".repeat(run);
                out.push_str(&fence);
                for &c in &chars[i + run..close] {
                    match c {
                        '|' => out.push_str("\\|"),
                        c if c.is_control() => out.push(' '),
                        c => out.push(c),
                    }
                }
                out.push_str(&fence);
                i = close + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '*' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        i += 1;
    }
    guard_block_start(out)
}

/// Text inside a code span of its own (a pattern, a wire name): a fence longer than any run of
/// backticks inside, `|` escaped.
pub(crate) fn code(text: &str) -> String {
    let text = normalize_breaks(text).replace('\n', " ");
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    let body: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    // A span that starts or ends with a backtick needs a space inside its fence.
    if body.starts_with('`') || body.ends_with('`') {
        format!("{fence} {body} {fence}")
    } else {
        format!("{fence}{body}{fence}")
    }
}

/// A value for an HTML attribute in double quotes.
pub(crate) fn attr(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() || c.is_whitespace() => out.push('_'),
            c => out.push(c),
        }
    }
    out
}

/// The anchor `id` of a code: the code in lower case (`FRAUD_REJECT` → `fraud_reject`).
pub(crate) fn code_anchor(code: &str) -> String {
    attr(&code.to_lowercase())
}

/// Text for a Mermaid label: anything but letters, digits and a few safe characters becomes an
/// entity code (`#35;`), so no text can end a label or a statement.
pub(crate) fn mermaid_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | ',') {
                c.to_string()
            } else {
                format!("#{};", u32::from(c))
            }
        })
        .collect()
}

/// Every kind of line break becomes `\n`.
fn normalize_breaks(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n")
}

fn run_length(chars: &[char], start: usize) -> usize {
    chars[start..].iter().take_while(|&&c| c == '`').count()
}

/// Where the next run of exactly `len` backticks starts, at or after `from`.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = run_length(chars, i);
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// A paragraph must not start a block: a heading, a list item, a thematic break.
fn guard_block_start(text: String) -> String {
    let trimmed = text.trim_start();
    let first = trimmed.chars().next();
    let starts_block = matches!(first, Some('#' | '-' | '+' | '='))
        || (first.is_some_and(|c| c.is_ascii_digit()) && {
            let after = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
            after.starts_with('.') || after.starts_with(')')
        });
    if !starts_block {
        return text;
    }
    let offset = text.len() - trimmed.len();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        format!(
            "{}{}\\{}",
            &text[..offset],
            &trimmed[..digits],
            &trimmed[digits..]
        )
    } else {
        format!("{}\\{}", &text[..offset], trimmed)
    }
}
