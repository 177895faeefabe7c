//! A matcher for the spec's portable pattern subset (anchored, ASCII classes and literals,
//! groups, alternation inside groups, greedy quantifiers), as the `u`-flag ECMAScript engines
//! read it: one character is one Unicode scalar value.
//!
//! Matching never backtracks: the parsed pattern becomes a position automaton (Glushkov: one
//! state per character position, counted repeats written out, no empty moves), which is turned
//! into a DFA over the pattern's character classes when it has at most [`MAX_DFA_STATES`]
//! states, and simulated as a set of states otherwise. Either way a value is read once, byte
//! by byte, so time is linear in its length for every pattern of the subset, accepted by lint
//! or not. An anchored whole-value match of a pattern without back-references or look-around
//! accepts exactly the regular language of the pattern, so the automaton agrees with the
//! backtracking engines (ECMAScript's rule against empty iterations changes which way a
//! match is found, not whether there is one). [`compile`] returns `None` for anything outside
//! the subset, and the caller falls back to `regress`.
//!
//! A proptest and the `validator` and `pattern` fuzz targets check that the automaton and `regress`
//! agree.

/// Nodes of a pattern with its counted repeats written out (each character position is one)
/// past which it is left to `regress`: lint's patterns have a few dozen.
pub(crate) const MAX_NODES: usize = 4096;

/// DFA states past which the automaton is simulated as a set of states instead.
pub(crate) const MAX_DFA_STATES: usize = 1024;

/// What a character is to a pattern: an ASCII byte, or any other scalar value (every class of
/// the subset holds all of them or none of them).
const SYMBOLS: usize = 129;
const OTHER: usize = 128;

/// The class of a UTF-8 continuation byte: it is part of the character before it.
const CONTINUATION: u8 = u8::MAX;

/// A parsed pattern, ready to match.
#[derive(Debug)]
pub(crate) struct Program {
    /// The class of each byte of a value: characters no position tells apart share one.
    classes: [u8; 256],
    engine: Engine,
}

#[derive(Debug)]
enum Engine {
    Dfa(Dfa),
    Nfa(Nfa),
}

/// A DFA over the classes: state 0 is the dead state, state 1 the start.
#[derive(Debug)]
struct Dfa {
    /// `next[state * stride + class]`.
    next: Vec<u32>,
    stride: usize,
    accepting: Vec<bool>,
}

const DEAD: u32 = 0;
const START: u32 = 1;

/// The position automaton: state `start` is before the first character.
#[derive(Debug)]
struct Nfa {
    /// The states each state may go to next, by position.
    follow: Vec<Set>,
    /// The states whose character is in each class.
    takes: Vec<Set>,
    /// The states a match may end in.
    last: Set,
    start: usize,
}

/// Parses `^...$` in the portable subset; `None` when the pattern is anything else.
pub(crate) fn compile(source: &str) -> Option<Program> {
    // A character past ASCII, or a trailing `\\`, is refused by the parser.
    let inner = source.strip_prefix('^')?.strip_suffix('$')?;
    let mut parser = Parser {
        chars: inner.chars().collect(),
        pos: 0,
    };
    let alternatives = parser.alternation()?;
    // Top-level alternation anchors each side separately: leave it to the general engine.
    if parser.pos != parser.chars.len() || alternatives.len() != 1 {
        return None;
    }
    let nodes = alternatives.into_iter().next()?;
    let (mut positions, mut budget) = (Vec::new(), MAX_NODES);
    let expr = expand(&nodes, &mut positions, &mut budget)?;
    Some(Program::new(&expr, &positions))
}

impl Program {
    fn new(expr: &Expr, positions: &[(u128, bool)]) -> Program {
        let n = positions.len();
        let mut follow = vec![Set::new(n + 1); n + 1];
        let shape = glushkov(expr, n + 1, &mut follow);
        follow[n] = shape.first.clone();
        let mut last = shape.last;
        if shape.nullable {
            last.insert(n);
        }
        // Symbols that every position treats alike share a class.
        let mut class_of_symbol = [0u8; SYMBOLS];
        let mut takes: Vec<Set> = Vec::new();
        for (symbol, class_of) in class_of_symbol.iter_mut().enumerate() {
            let mut set = Set::new(n + 1);
            for (p, &(bits, negated)) in positions.iter().enumerate() {
                let inside = symbol < OTHER && bits >> symbol & 1 == 1;
                if inside != negated {
                    set.insert(p);
                }
            }
            let class = takes.iter().position(|t| *t == set).unwrap_or_else(|| {
                takes.push(set.clone());
                takes.len() - 1
            });
            // At most 129 classes, so the index fits below `CONTINUATION`.
            *class_of = class as u8;
        }
        let mut classes = [0u8; 256];
        for (byte, class) in classes.iter_mut().enumerate() {
            *class = match byte {
                0..=0x7f => class_of_symbol[byte],
                0x80..=0xbf => CONTINUATION,
                _ => class_of_symbol[OTHER],
            };
        }
        let nfa = Nfa {
            follow,
            takes,
            last,
            start: n,
        };
        let engine = match nfa.determinize() {
            Some(dfa) => Engine::Dfa(dfa),
            None => Engine::Nfa(nfa),
        };
        Program { classes, engine }
    }

    /// Whether the whole of `s` matches.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        match &self.engine {
            Engine::Dfa(dfa) => {
                let mut state = START;
                for &byte in s.as_bytes() {
                    step();
                    let class = self.classes[usize::from(byte)];
                    if class == CONTINUATION {
                        continue;
                    }
                    state = dfa.next[state as usize * dfa.stride + usize::from(class)];
                    if state == DEAD {
                        return false;
                    }
                }
                dfa.accepting[state as usize]
            }
            Engine::Nfa(nfa) => {
                let mut current = nfa.empty();
                current.insert(nfa.start);
                for &byte in s.as_bytes() {
                    step();
                    let class = self.classes[usize::from(byte)];
                    if class == CONTINUATION {
                        continue;
                    }
                    current = nfa.next(&current, usize::from(class));
                    if current.is_empty() {
                        return false;
                    }
                }
                current.intersects(&nfa.last)
            }
        }
    }

    /// Whether the pattern is matched as a DFA (rather than as a set of states).
    #[cfg(test)]
    fn is_dfa(&self) -> bool {
        matches!(self.engine, Engine::Dfa(_))
    }
}

impl Nfa {
    /// A set that can hold every state.
    fn empty(&self) -> Set {
        Set::new(self.start + 1)
    }

    /// The states after reading a character of `class` in `current`.
    fn next(&self, current: &Set, class: usize) -> Set {
        let mut next = self.empty();
        for state in current.iter() {
            step();
            next.union_with(&self.follow[state]);
        }
        next.intersect_with(&self.takes[class]);
        next
    }

    /// The subset construction, or `None` past [`MAX_DFA_STATES`].
    fn determinize(&self) -> Option<Dfa> {
        let stride = self.takes.len();
        let mut start = self.empty();
        start.insert(self.start);
        let mut sets = vec![self.empty(), start];
        let mut index: std::collections::HashMap<Set, u32> = sets
            .iter()
            .enumerate()
            .map(|(i, set)| (set.clone(), i as u32))
            .collect();
        let mut next = Vec::new();
        let mut state = 0;
        while state < sets.len() {
            for class in 0..stride {
                let target = self.next(&sets[state], class);
                let id = match index.get(&target) {
                    Some(&id) => id,
                    None => {
                        if sets.len() == MAX_DFA_STATES {
                            return None;
                        }
                        let id = sets.len() as u32;
                        index.insert(target.clone(), id);
                        sets.push(target);
                        id
                    }
                };
                next.push(id);
            }
            state += 1;
        }
        let accepting = sets.iter().map(|set| set.intersects(&self.last)).collect();
        Some(Dfa {
            next,
            stride,
            accepting,
        })
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

/// A pattern with its counted repeats written out; each `Char` is one position.
#[derive(Debug)]
enum Expr {
    Char(usize),
    Seq(Vec<Expr>),
    Alt(Vec<Expr>),
    /// Zero or more times.
    Star(Box<Expr>),
    /// Zero times or once.
    Opt(Box<Expr>),
}

/// `nodes` as an [`Expr`], its classes appended to `positions`; `None` when it would take more
/// than `budget` nodes (so an empty group repeated a billion times costs nothing).
fn expand(nodes: &[Node], positions: &mut Vec<(u128, bool)>, budget: &mut usize) -> Option<Expr> {
    let mut seq = Vec::new();
    for Node { atom, min, max } in nodes {
        for _ in 0..*min {
            seq.push(expand_atom(atom, positions, budget)?);
        }
        match max {
            None => {
                let inner = expand_atom(atom, positions, budget)?;
                seq.push(Expr::Star(Box::new(inner)));
            }
            Some(max) => {
                for _ in *min..*max {
                    let inner = expand_atom(atom, positions, budget)?;
                    seq.push(Expr::Opt(Box::new(inner)));
                }
            }
        }
    }
    Some(Expr::Seq(seq))
}

fn expand_atom(atom: &Atom, positions: &mut Vec<(u128, bool)>, budget: &mut usize) -> Option<Expr> {
    *budget = budget.checked_sub(1)?;
    match atom {
        Atom::Class { set, negated } => {
            positions.push((*set, *negated));
            Some(Expr::Char(positions.len() - 1))
        }
        Atom::Group(alternatives) => Some(Expr::Alt(
            alternatives
                .iter()
                .map(|a| expand(a, positions, budget))
                .collect::<Option<_>>()?,
        )),
    }
}

/// What the automaton needs of an expression: whether it matches the empty string, the
/// positions it can start and end with.
struct Shape {
    nullable: bool,
    first: Set,
    last: Set,
}

/// The [`Shape`] of `expr`, adding the follow pairs inside it to `follow`.
fn glushkov(expr: &Expr, size: usize, follow: &mut [Set]) -> Shape {
    match expr {
        Expr::Char(p) => {
            let mut one = Set::new(size);
            one.insert(*p);
            Shape {
                nullable: false,
                first: one.clone(),
                last: one,
            }
        }
        Expr::Seq(items) => {
            let mut shape = Shape {
                nullable: true,
                first: Set::new(size),
                last: Set::new(size),
            };
            for item in items {
                let next = glushkov(item, size, follow);
                for p in shape.last.iter() {
                    follow[p].union_with(&next.first);
                }
                if shape.nullable {
                    shape.first.union_with(&next.first);
                }
                if next.nullable {
                    shape.last.union_with(&next.last);
                } else {
                    shape.last = next.last;
                }
                shape.nullable &= next.nullable;
            }
            shape
        }
        Expr::Alt(alternatives) => {
            let mut shape = Shape {
                nullable: false,
                first: Set::new(size),
                last: Set::new(size),
            };
            for alternative in alternatives {
                let next = glushkov(alternative, size, follow);
                shape.nullable |= next.nullable;
                shape.first.union_with(&next.first);
                shape.last.union_with(&next.last);
            }
            shape
        }
        Expr::Star(inner) => {
            let shape = glushkov(inner, size, follow);
            for p in shape.last.iter() {
                follow[p].union_with(&shape.first);
            }
            Shape {
                nullable: true,
                ..shape
            }
        }
        Expr::Opt(inner) => Shape {
            nullable: true,
            ..glushkov(inner, size, follow)
        },
    }
}

/// A set of states, a bit each.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Set(Vec<u64>);

impl Set {
    fn new(size: usize) -> Set {
        Set(vec![0; size.div_ceil(64)])
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn union_with(&mut self, other: &Set) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn intersect_with(&mut self, other: &Set) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn intersects(&self, other: &Set) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

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
            ("^(?:a?|b)c$", &["c", "ac", "bc"], &["abc", "", "bb"]),
            ("^[\\-a]$", &["-", "a"], &["b", "\\", ""]),
            ("^[a\\]]$", &["a", "]"], &["\\", "a]"]),
            ("^[a-]$", &["a", "-"], &["b"]),
            ("^(?:a|)(?:|b)$", &["", "a", "b", "ab"], &["ba", "aa"]),
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

    /// Steps on `unit` repeated to `len` characters, then a character that breaks the match (at
    /// least one: the measure counts).
    fn steps_on(pattern: &str, unit: &str, len: usize) -> u64 {
        let mut value: String = unit.chars().cycle().take(len).collect();
        value.push('!');
        let steps = run(pattern, &value).1;
        assert!(steps > 0, "{pattern}: no step counted");
        steps
    }

    /// Classes that ECMAScript reads otherwise or not at all are outside the subset (left to
    /// `regress`): an empty class, `[` inside a class, `]` first.
    #[test]
    fn odd_classes_are_outside_the_subset() {
        for pattern in [
            "^[]$", "^[^]$", "^[]a]$", "^[[]$", "^[a[]$", "^[\\d]$", "^[b-a]$", "^[a",
        ] {
            assert!(
                compile(pattern).is_none(),
                "{pattern} is outside the subset"
            );
        }
    }

    /// The size limit: counted repeats are written out up to [`super::MAX_NODES`] nodes, and
    /// past it (an empty group repeated four billion times included) the pattern is left to
    /// `regress` at once.
    #[test]
    fn patterns_past_the_size_limit_are_declined() {
        let limit = super::MAX_NODES;
        assert!(compile(&format!("^a{{{limit}}}$")).is_some());
        for pattern in [
            format!("^a{{{}}}$", limit + 1),
            "^(?:){4000000000}$".to_owned(),
            "^(?:(?:){65535}){65535}$".to_owned(),
            "^(?:a{64}){64}$".to_owned(),
        ] {
            assert!(compile(&pattern).is_none(), "{pattern} is past the limit");
        }
    }

    /// State sets one word long and longer: 63, 64 and 65 positions, as a DFA and as a set of
    /// states, each matching exactly its own length.
    #[test]
    fn state_sets_across_a_word_boundary() {
        for positions in [63, 64, 65] {
            let dfa = format!("^a{{{positions}}}$");
            // Fourteen positions with 2^13 DFA states, then `c`s up to the count.
            let nfa = format!("^[ab]*a[ab]{{12}}c{{{}}}$", positions - 14);
            assert!(compile(&dfa).is_some_and(|p| p.is_dfa()));
            assert!(!compile(&nfa).is_some_and(|p| p.is_dfa()));
            let exact = "a".repeat(positions);
            assert!(run(&dfa, &exact).0, "{dfa}");
            assert!(!run(&dfa, &exact[1..]).0, "{dfa} on one fewer");
            let tail = format!("a{}{}", "b".repeat(12), "c".repeat(positions - 14));
            assert!(run(&nfa, &tail).0, "{nfa}");
            assert!(!run(&nfa, &tail[1..]).0, "{nfa} on one fewer");
        }
    }

    /// Patterns lint refuses because backtracking engines take them quadratic or exponential
    /// time are read once here as well: the steps grow with the input, no faster.
    #[test]
    fn refused_patterns_take_linear_steps_too() {
        for (pattern, unit) in [
            ("^[0-9]*[0-9]*$", "0"),
            ("^(a+)+$", "a"),
            ("^(a|a)*$", "a"),
            ("^(?:a|ab)*c$", "ab"),
        ] {
            assert!(
                antom_spec::pattern::check(pattern).is_err(),
                "lint refuses {pattern}"
            );
            let (small, large) = (steps_on(pattern, unit, 64), steps_on(pattern, unit, 4096));
            assert!(large <= 65 * small, "{pattern}: {small} then {large} steps");
        }
    }

    /// A pattern whose DFA would pass the limit is simulated as a set of states, and matches
    /// the same.
    #[test]
    fn a_pattern_with_a_large_dfa_is_simulated() {
        // The 13th character from the end is an `a`: 2^13 DFA states.
        let pattern = "^[ab]*a[ab]{12}$";
        assert!(!compile(pattern).is_some_and(|p| p.is_dfa()));
        assert!(compile("^[ab]*a[ab]{3}$").is_some_and(|p| p.is_dfa()));
        let tail = "b".repeat(12);
        for (value, expected) in [
            (format!("a{tail}"), true),
            (format!("bbba{tail}"), true),
            (format!("b{tail}"), false),
            (format!("a{tail}b"), false),
            (format!("a{tail}c"), false),
            (tail.clone(), false),
        ] {
            assert_eq!(run(pattern, &value).0, expected, "{pattern} on {value:?}");
        }
        let (small, large) = (steps_on(pattern, "ab", 64), steps_on(pattern, "ab", 512));
        assert!(large <= 9 * small + 64, "{small} then {large} steps");
    }

    /// A value that cannot match is read no further than its first impossible character, by
    /// the DFA and by the set of states.
    #[test]
    fn matching_stops_at_the_first_impossible_character() {
        let value = format!("c{}", "a".repeat(10_000));
        for pattern in ["^[ab]*a[ab]{3}$", "^[ab]*a[ab]{12}$"] {
            let (matched, steps) = run(pattern, &value);
            assert!(!matched && steps < 100, "{pattern}: {steps} steps");
        }
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
