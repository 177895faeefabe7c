//! The portable regex subset: patterns that ECMAScript (`u` flag), Java, ICU (Swift) and the
//! `regress` engine read the same way.
//!
//! Allowed: `^` first and `$` last (both required), ASCII literals, escaped metacharacters,
//! character classes of ASCII literals and ranges (optionally negated), groups `( )` and
//! `(?: )`, alternation inside a group, and the greedy quantifiers `* + ? {n} {n,} {n,m}`.
//! Rejected because engines differ: `.`, `\d \w \s \b` and other escapes (Unicode-aware in
//! some engines), non-ASCII characters, lookaround, backreferences, named groups, lazy and
//! possessive quantifiers, `[` or `&&` inside a class (Java's class union and intersection),
//! and top-level alternation (whose anchoring is easy to misread).

const META: &str = "\\^$.|?*+()[]{}";

/// Why a pattern is outside the subset, with the character offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: String,
}

/// Checks that `pattern` is in the portable subset.
pub fn check(pattern: &str) -> Result<(), PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    if let Some(offset) = chars
        .iter()
        .position(|c| !c.is_ascii() || c.is_ascii_control())
    {
        return Err(err(offset, "only printable ASCII characters are portable"));
    }
    if chars.first() != Some(&'^') {
        return Err(err(0, "the pattern must start with `^`"));
    }
    if chars.len() < 2
        || chars.last() != Some(&'$')
        || chars.get(chars.len().wrapping_sub(2)) == Some(&'\\')
    {
        return Err(err(chars.len(), "the pattern must end with `$`"));
    }
    let mut parser = Parser {
        chars: &chars[..chars.len() - 1],
        pos: 1,
        depth: 0,
    };
    parser.alternation(true)?;
    if parser.pos < parser.chars.len() {
        return Err(err(parser.pos, "unbalanced `)`"));
    }
    Ok(())
}

fn err(offset: usize, message: &str) -> PatternError {
    PatternError {
        offset,
        message: message.to_owned(),
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternation(&mut self, top: bool) -> Result<(), PatternError> {
        self.sequence()?;
        while self.peek() == Some('|') {
            if top {
                return Err(err(
                    self.pos,
                    "top-level `|` is ambiguous with the anchors: wrap the alternatives in `(?:...)`",
                ));
            }
            self.pos += 1;
            self.sequence()?;
        }
        Ok(())
    }

    fn sequence(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.peek() {
            match c {
                '|' | ')' => return Ok(()),
                _ => {
                    self.atom()?;
                    self.quantifier()?;
                }
            }
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), PatternError> {
        let start = self.pos;
        let c = self.chars[self.pos];
        self.pos += 1;
        match c {
            '\\' => self.escape(start).map(|_| ()),
            '[' => self.class(start),
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) == Some(&':') {
                        self.pos += 2;
                    } else {
                        return Err(err(
                            start,
                            "lookaround and named groups are not portable; use `(?:...)`",
                        ));
                    }
                }
                self.depth += 1;
                self.alternation(false)?;
                if self.peek() != Some(')') {
                    return Err(err(start, "unclosed `(`"));
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(())
            }
            ')' => Err(err(start, "unbalanced `)`")),
            '.' => Err(err(
                start,
                "`.` differs between engines (line terminators): use an explicit class such as `[ -~]` (printable ASCII)",
            )),
            '^' | '$' => Err(err(
                start,
                "`^` and `$` are allowed only at the start and the end",
            )),
            '*' | '+' | '?' | '{' => Err(err(start, "a quantifier needs something to repeat")),
            ']' | '}' => Err(err(start, "escape a literal `]` or `}` with a backslash")),
            _ => Ok(()),
        }
    }

    /// Reads the character after `\`; only metacharacters and `-` `/` may be escaped.
    fn escape(&mut self, start: usize) -> Result<char, PatternError> {
        match self.peek() {
            Some(c) if META.contains(c) || c == '-' || c == '/' => {
                self.pos += 1;
                Ok(c)
            }
            Some(c) => Err(err(
                start,
                &format!(
                    "`\\{c}` is not portable (escapes other than metacharacters differ between engines): write the characters out, for example `[0-9]`"
                ),
            )),
            None => Err(err(start, "a trailing `\\` escapes nothing")),
        }
    }

    fn class(&mut self, start: usize) -> Result<(), PatternError> {
        if self.peek() == Some('^') {
            self.pos += 1;
        }
        let mut items = 0;
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return Err(err(start, "unclosed `[`"));
            };
            self.pos += 1;
            let low = match c {
                ']' if items > 0 => return Ok(()),
                ']' => {
                    return Err(err(
                        at,
                        "an empty class matches nothing: escape a literal `]`",
                    ));
                }
                '[' => return Err(err(at, "`[` inside a class is a union in Java: escape it")),
                '&' if self.peek() == Some('&') => {
                    return Err(err(
                        at,
                        "`&&` inside a class is an intersection in Java: escape it",
                    ));
                }
                '\\' => self.escape(at)?,
                other => other,
            };
            items += 1;
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                self.pos += 1;
                let hi_at = self.pos;
                let high = match self.chars[self.pos] {
                    '\\' => {
                        self.pos += 1;
                        self.escape(hi_at)?
                    }
                    '[' => {
                        return Err(err(
                            hi_at,
                            "`[` inside a class is a union in Java: escape it",
                        ));
                    }
                    other => {
                        self.pos += 1;
                        other
                    }
                };
                if high < low {
                    return Err(err(at, &format!("range `{low}-{high}` is out of order")));
                }
            }
        }
    }

    fn quantifier(&mut self) -> Result<(), PatternError> {
        let start = self.pos;
        match self.peek() {
            Some('*' | '+' | '?') => self.pos += 1,
            Some('{') => {
                self.pos += 1;
                let min = self.number().ok_or_else(|| err(start, "`{` must start a repetition `{n}`, `{n,}` or `{n,m}`; escape a literal `{`"))?;
                if self.peek() == Some(',') {
                    self.pos += 1;
                    if let Some(max) = self.number()
                        && max < min
                    {
                        return Err(err(
                            start,
                            &format!("repetition `{{{min},{max}}}` has its bounds out of order"),
                        ));
                    }
                }
                if self.peek() != Some('}') {
                    return Err(err(start, "unclosed repetition `{`"));
                }
                self.pos += 1;
            }
            _ => return Ok(()),
        }
        match self.peek() {
            Some('?') => Err(err(self.pos, "lazy quantifiers are not portable")),
            Some('+') => Err(err(self.pos, "possessive quantifiers are not portable")),
            Some('*') | Some('{') => Err(err(self.pos, "a quantifier cannot follow a quantifier")),
            _ => Ok(()),
        }
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start || self.pos - start > 4 {
            return None;
        }
        self.chars[start..self.pos]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_portable_patterns() {
        for p in [
            "^[0-9]{4}$",
            "^(0[1-9]|1[0-2])$",
            "^[0-9]{0,6}[*]+[0-9]{0,4}$",
            "^[A-Z]{2}$",
            "^(?:a|b)c?$",
            "^[^a-z\\-]+$",
            "^\\$\\{x\\}$",
        ] {
            assert_eq!(check(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn rejects_engine_specific_patterns() {
        for (p, offset) in [
            ("[0-9]$", 0),
            ("^[0-9]", 6),
            ("^\\d{4}$", 1),
            ("^a.b$", 2),
            ("^(?=a)$", 1),
            ("^a+?$", 3),
            ("^a|b$", 2),
            ("^[a[b]]$", 3),
            ("^[a&&b]$", 3),
            ("^é$", 1),
            ("^a{3,1}$", 2),
            ("^(a$", 1),
            ("^a)$", 2),
            ("^[z-a]$", 2),
            ("^\\1$", 1),
        ] {
            let e = check(p).expect_err(p);
            assert_eq!(e.offset, offset, "{p}: {}", e.message);
        }
    }
}
