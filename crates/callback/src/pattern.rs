//! A matcher for the spec's portable pattern subset (anchored, ASCII classes and literals,
//! groups, alternation inside groups, greedy quantifiers), as the `u`-flag ECMAScript engines
//! read it: one character is one Unicode scalar value.
//!
//! The linter only lets such patterns into a spec, and they are short, so a direct backtracking
//! matcher over the parsed pattern is several times faster than a general engine. [`compile`]
//! returns `None` for anything outside the subset, and the caller falls back to `regress`.

/// A parsed pattern: the sequence between `^` and `$`.
#[derive(Debug)]
pub(crate) struct Program(Vec<Node>);

/// An atom and how often it repeats (`{1,1}` when it has no quantifier).
#[derive(Debug)]
struct Node {
    atom: Atom,
    min: u32,
    max: Option<u32>,
}

#[derive(Debug)]
enum Atom {
    /// One character: a literal is a class of one.
    Class {
        /// The class's characters, a bit each: a pattern of the subset is ASCII.
        set: u128,
        negated: bool,
    },
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
}

/// Parses `^...$` in the portable subset; `None` when the pattern is anything else.
pub(crate) fn compile(source: &str) -> Option<Program> {
    let inner = source.strip_prefix('^')?.strip_suffix('$')?;
    if inner.ends_with('\\') || !source.is_ascii() {
        return None;
    }
    let mut parser = Parser {
        chars: inner.chars().collect(),
        pos: 0,
    };
    let alternatives = parser.alternation()?;
    // Top-level alternation anchors each side separately: leave it to the general engine.
    if parser.pos != parser.chars.len() || alternatives.len() != 1 {
        return None;
    }
    alternatives.into_iter().next().map(Program)
}

impl Program {
    /// Whether the matcher's stack depth is independent of the input: no group repeats (a
    /// repeated class gives characters back in a loop, a repeated group takes a frame per
    /// repetition).
    pub(crate) fn is_flat(&self) -> bool {
        fn flat(nodes: &[Node]) -> bool {
            nodes.iter().all(|node| match &node.atom {
                Atom::Class { .. } => true,
                Atom::Group(alternatives) => {
                    node.max == Some(1) && alternatives.iter().all(|a| flat(a))
                }
            })
        }
        flat(&self.0)
    }

    /// Whether the whole of `s` matches.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        sequence(&self.0, s, 0, &mut |end| end == s.len())
    }
}

#[cfg(test)]
thread_local! {
    /// The matcher's steps on this thread, for tests that show matching is linear.
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one step of the matcher (in tests only).
#[inline(always)]
fn step() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

/// Matches `nodes` at byte offset `at` of `s`, then calls `next` with each end, longest first,
/// until it returns true.
fn sequence(nodes: &[Node], s: &str, at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
    step();
    let Some((Node { atom, min, max }, rest)) = nodes.split_first() else {
        return next(at);
    };
    match atom {
        // A class, repeated or not (the common case): take the longest run, then give
        // characters back one at a time, without a frame per character.
        Atom::Class { set, negated } => {
            let (mut end, mut count) = (at, 0u32);
            while max.is_none_or(|max| count < max) {
                step();
                match class_at(*set, *negated, s, end) {
                    Some(after) => (end, count) = (after, count + 1),
                    None => break,
                }
            }
            loop {
                step();
                if count < *min {
                    return false;
                }
                if sequence(rest, s, end, next) {
                    return true;
                }
                match s[..end].chars().next_back() {
                    Some(c) if count > 0 => (end, count) = (end - c.len_utf8(), count - 1),
                    _ => return false,
                }
            }
        }
        Atom::Group(alternatives) => group(alternatives, *min, *max, 0, s, at, &mut |end| {
            sequence(rest, s, end, next)
        }),
    }
}

/// The end of the character at `at` when the class takes it.
fn class_at(set: u128, negated: bool, s: &str, at: usize) -> Option<usize> {
    let &byte = s.as_bytes().get(at)?;
    if byte.is_ascii() {
        let inside = set >> byte & 1 == 1;
        return (inside != negated).then_some(at + 1);
    }
    // Any other character is outside every class of the subset.
    let c = s[at..].chars().next()?;
    negated.then(|| at + c.len_utf8())
}

/// A group repeated greedily: one more match first, then stopping here. An iteration that
/// matched nothing does not count once the minimum is reached (as in ECMAScript).
fn group(
    alternatives: &[Vec<Node>],
    min: u32,
    max: Option<u32>,
    count: u32,
    s: &str,
    at: usize,
    next: &mut dyn FnMut(usize) -> bool,
) -> bool {
    step();
    if max.is_none_or(|max| count < max)
        && alternatives.iter().any(|alternative| {
            sequence(alternative, s, at, &mut |end| {
                (end != at || count < min) && group(alternatives, min, max, count + 1, s, end, next)
            })
        })
    {
        return true;
    }
    count >= min && next(at)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

const META: &str = "\\^$.|?*+()[]{}";

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn alternation(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alternatives = vec![self.sequence()?];
        while self.eat('|') {
            alternatives.push(self.sequence()?);
        }
        Some(alternatives)
    }

    fn sequence(&mut self) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Some(nodes)
    }

    fn atom(&mut self) -> Option<Atom> {
        let c = self.peek()?;
        self.pos += 1;
        match c {
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    return None;
                }
                let alternatives = self.alternation()?;
                self.eat(')').then_some(Atom::Group(alternatives))
            }
            '[' => self.class(),
            '\\' => {
                let escaped = self.peek().filter(|c| META.contains(*c))?;
                self.pos += 1;
                literal(escaped)
            }
            c if META.contains(c) => None,
            c => literal(c),
        }
    }

    fn class(&mut self) -> Option<Atom> {
        let negated = self.eat('^');
        let (mut set, mut empty) = (0u128, true);
        loop {
            let lo = match self.peek()? {
                ']' if !empty => {
                    self.pos += 1;
                    return Some(Atom::Class { set, negated });
                }
                '[' | ']' => return None,
                _ => self.class_char()?,
            };
            let hi = if self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']') {
                self.pos += 1;
                self.class_char()?
            } else {
                lo
            };
            if hi < lo {
                return None;
            }
            for c in lo..=hi {
                set |= ascii_bit(c)?;
            }
            empty = false;
        }
    }

    fn class_char(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c != '\\' {
            return (c != '[').then_some(c);
        }
        let escaped = self.peek().filter(|c| META.contains(*c) || *c == '-')?;
        self.pos += 1;
        Some(escaped)
    }

    fn quantified(&mut self, atom: Atom) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => return self.braces(atom),
            _ => {
                return Some(Node {
                    atom,
                    min: 1,
                    max: Some(1),
                });
            }
        };
        self.pos += 1;
        self.repeat(atom, min, max)
    }

    fn braces(&mut self, atom: Atom) -> Option<Node> {
        self.pos += 1;
        let min = self.number()?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        if !self.eat('}') || max.is_some_and(|max| max < min) {
            return None;
        }
        self.repeat(atom, min, max)
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        digits.parse().ok()
    }

    /// Lazy and possessive quantifiers (`*?`, `++`) are outside the subset.
    fn repeat(&mut self, atom: Atom, min: u32, max: Option<u32>) -> Option<Node> {
        if matches!(self.peek(), Some('?' | '+' | '*' | '{')) {
            return None;
        }
        Some(Node { atom, min, max })
    }
}

fn literal(c: char) -> Option<Atom> {
    Some(Atom::Class {
        set: ascii_bit(c)?,
        negated: false,
    })
}

/// `c`'s bit in a class's set; `None` past ASCII.
fn ascii_bit(c: char) -> Option<u128> {
    c.is_ascii().then(|| 1u128 << u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::{STEPS, compile};
    use proptest::prelude::*;

    /// Whether `pattern` matches `value`, and the matcher's steps.
    fn run(pattern: &str, value: &str) -> (bool, u64) {
        let program = compile(pattern).unwrap_or_else(|| panic!("{pattern} is in the subset"));
        STEPS.with(|s| s.set(0));
        let matched = program.is_match(value);
        (matched, STEPS.with(std::cell::Cell::get))
    }

    /// Fixed examples beside the random comparison with `regress`: group repetition counts,
    /// bounded repeats, alternation and classes, each exact.
    #[test]
    fn fixed_examples() {
        let month = "^(0[1-9]|1[0-2])$";
        for m in 1..=12 {
            assert!(run(month, &format!("{m:02}")).0, "{month} accepts {m:02}");
        }
        for value in ["0112", "13", "00", "1", "", "0101", "1212", "012", "10a"] {
            assert!(!run(month, value).0, "{month} refuses {value:?}");
        }
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("^a{2}$", &["aa"], &["", "a", "aaa"]),
            ("^a{1,3}$", &["a", "aa", "aaa"], &["", "aaaa"]),
            ("^a{2,}$", &["aa", "aaaaa"], &["", "a"]),
            ("^(?:ab){2}$", &["abab"], &["ab", "ababab", ""]),
            (
                "^(?:ab){1,3}$",
                &["ab", "abab", "ababab"],
                &["", "abababab", "aba"],
            ),
            ("^(?:ab){2,}$", &["abab", "ababab"], &["ab", ""]),
            ("^(?:ab)?c$", &["c", "abc"], &["ababc", "ac"]),
            ("^(?:ab)*c$", &["c", "abc", "ababc"], &["abac", "ab"]),
            ("^(?:ab)+$", &["ab", "abab"], &["", "aba"]),
            (
                "^[0-9]{0,6}[*]+[0-9]{0,4}$",
                &["411111******1111", "*", "123456*"],
                &["1234567*", "*12345", "", "12"],
            ),
            ("^[^a-c]+$", &["xyz", "é"], &["a", "xb", ""]),
            ("^(x|\\$y)z$", &["xz", "$yz"], &["z", "xyz", "$z"]),
        ];
        for (pattern, yes, no) in cases {
            for value in *yes {
                assert!(run(pattern, value).0, "{pattern} accepts {value:?}");
            }
            for value in *no {
                assert!(!run(pattern, value).0, "{pattern} refuses {value:?}");
            }
        }
    }

    /// Steps on `unit` repeated to `len` characters, then a character that breaks the match.
    fn steps_on(pattern: &str, unit: &str, len: usize) -> u64 {
        let mut value: String = unit.chars().cycle().take(len).collect();
        value.push('!');
        run(pattern, &value).1
    }

    /// The measure itself can fail: a pattern lint refuses takes quadratic steps.
    #[test]
    fn a_refused_pattern_takes_superlinear_steps() {
        let pattern = "^[0-9]*[0-9]*$";
        assert!(antom_spec::pattern::check(pattern).is_err());
        let (small, large) = (steps_on(pattern, "0", 64), steps_on(pattern, "0", 512));
        assert!(large > 30 * small, "{small} then {large} steps");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, max_global_rejects: 50_000, ..ProptestConfig::default() })]

        /// For every lint-accepted pattern, the steps on an input 8 times longer are at most
        /// about 8 times as many (a quadratic pattern takes 64 times as many).
        #[test]
        fn accepted_patterns_take_linear_steps(
            bytes in prop::collection::vec(any::<u8>(), 0..40),
            unit in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        ) {
            let (pattern, alphabet) = antom_spec::pattern::from_bytes(&bytes);
            prop_assume!(antom_spec::pattern::check(&pattern).is_ok());
            let unit: String = unit.iter().map(|i| alphabet[i.index(alphabet.len())]).collect();
            let (small, large) = (steps_on(&pattern, &unit, 64), steps_on(&pattern, &unit, 512));
            prop_assert!(large <= 9 * small + 64, "{pattern} on {unit:?}: {small} then {large} steps");
        }
    }
}
