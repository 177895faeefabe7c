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
    /// Whether the whole of `s` matches.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        sequence(&self.0, s, 0, &mut |end| end == s.len())
    }
}

/// Matches `nodes` at byte offset `at` of `s`, then calls `next` with each end, longest first,
/// until it returns true.
fn sequence(nodes: &[Node], s: &str, at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((Node { atom, min, max }, rest)) = nodes.split_first() else {
        return next(at);
    };
    match atom {
        // A class, repeated or not (the common case): take the longest run, then give
        // characters back one at a time, without a frame per character.
        Atom::Class { set, negated } => {
            let (mut end, mut count) = (at, 0u32);
            while max.is_none_or(|max| count < max) {
                match class_at(*set, *negated, s, end) {
                    Some(after) => (end, count) = (after, count + 1),
                    None => break,
                }
            }
            loop {
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
