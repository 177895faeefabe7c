//! The portable, linear-time regex subset: patterns that ECMAScript (`u` flag), Java
//! (`java.util.regex`), ICU (`NSRegularExpression`) and the `regress` engine read the same way,
//! and that every one of those backtracking engines matches in time linear in the input.
//!
//! # Grammar
//!
//! ```text
//! pattern     = "^" sequence "$"
//! sequence    = { item }
//! item        = atom [ quantifier ]
//! atom        = literal | "\" meta | class | group
//! group       = "(" [ "?:" ] alternation ")"
//! alternation = sequence { "|" sequence }        (only inside a group)
//! class       = "[" [ "^" ] range { range } "]"
//! range       = char [ "-" char ]                (in order, `char` a literal or "\" meta)
//! quantifier  = "*" | "+" | "?" | "{" n "}" | "{" n ",}" | "{" n "," m "}"   (n <= m, 4 digits)
//! literal     = printable ASCII other than a metacharacter
//! meta        = one of \ ^ $ . | ? * + ( ) [ ] { } - /
//! ```
//!
//! Refused because engines read them differently: `.`, `\d \w \s \b` and every other escape
//! (Unicode-aware in some engines), non-ASCII and control characters, named groups, lazy and
//! possessive quantifiers, `[` or `&&` inside a class (Java's class union and intersection), and
//! top-level alternation (whose anchoring is easy to misread). Refused because they backtrack
//! without bound in some engine: back-references (`\1`, `\k<name>`) and look-around
//! (`(?=` `(?!` `(?<=` `(?<!`).
//!
//! # The rule that makes matching linear
//!
//! A backtracking engine is slow only when it can consume the same input in more than one way
//! and has to try them all. Three rules take every such choice away:
//!
//! 1. **No nested quantifiers**: a quantified group holds no quantifier, at any depth (`(a+)+`,
//!    `(a*)*`, `(a|b+)*`, `(ab?){2}` are refused).
//! 2. **No empty repetition**: a quantified group cannot match the empty string (`(|a)*`).
//! 3. **Every choice is decided by the next character**: where the pattern offers a choice, the
//!    ways to go on start with disjoint sets of characters. The choices are the alternatives of
//!    a group (`(a|ab)*`, `(\$|[$a])` are refused), and, after an item whose count can vary
//!    (`?`, `*`, `+`, `{n,}`, `{n,m}` with `n < m`), taking the item once more or going on with
//!    what follows it (`[0-9]*[0-9]*`, `[a-z]+a`, `(ab)*a` are refused; `[0-9]*[*][0-9]*` is
//!    accepted). What follows is the first characters of the next items up to and including
//!    the first one that cannot match empty, out of the enclosing groups, and for the last
//!    item of a repeated group its own first characters (the next repetition). An alternative
//!    or a following part that can match empty also offers whatever follows it.
//!
//! Under these rules the pattern is deterministic (1-unambiguous): each input character can
//! be consumed by at most one place in the pattern, so every branch that an engine tries and
//! abandons fails on the character it starts at. Matching costs at most a constant (the
//! pattern's size) per input character, in every engine, whatever the input.
//!
//! The subset is also described in `spec.schema.json`. Every validator checks `max_length` first
//! and never matches a longer value; the Rust runtime matches without backtracking at all
//! (`antom_callback`'s `pattern.rs`).

const META: &str = "\\^$.|?*+()[]{}";

/// Which rule a pattern breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Outside the syntax that every engine reads the same way.
    NotPortable,
    /// A back-reference or a look-around.
    Backtracking,
    /// A quantified group that holds a quantifier.
    NestedQuantifier,
    /// A quantified group that can match the empty string.
    EmptyRepetition,
    /// Alternatives of a group that can start with the same character.
    OverlappingAlternatives,
    /// An item whose count can vary, followed by something that can start with one of its
    /// characters.
    OverlappingRepetition,
}

/// Why a pattern is outside the subset, with the character offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub reason: Reason,
    pub message: String,
}

/// Checks that `pattern` is in the portable, linear-time subset.
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
    };
    let top = parser.alternation(true)?;
    if parser.pos < parser.chars.len() {
        return Err(err(parser.pos, "unbalanced `)`"));
    }
    let sequence = top
        .into_iter()
        .next()
        .map(|(_, items)| items)
        .unwrap_or_default();
    let linear = Linear { chars: &chars };
    linear.sequence(&sequence, Set::EMPTY, None)
}

fn err(offset: usize, message: &str) -> PatternError {
    failure(offset, Reason::NotPortable, message.to_owned())
}

fn failure(offset: usize, reason: Reason, message: String) -> PatternError {
    PatternError {
        offset,
        reason,
        message,
    }
}

/// A set of characters: a bit per ASCII character, and whether it holds every character past
/// ASCII (a negated class does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Set {
    ascii: u128,
    beyond: bool,
}

impl Set {
    const EMPTY: Set = Set {
        ascii: 0,
        beyond: false,
    };

    fn union(self, other: Set) -> Set {
        Set {
            ascii: self.ascii | other.ascii,
            beyond: self.beyond || other.beyond,
        }
    }

    fn intersection(self, other: Set) -> Set {
        Set {
            ascii: self.ascii & other.ascii,
            beyond: self.beyond && other.beyond,
        }
    }

    fn is_empty(self) -> bool {
        self.ascii == 0 && !self.beyond
    }

    /// A character of the set, for messages.
    fn example(self) -> String {
        // The first printable character, else a control character, else one past ASCII.
        let printable = self.ascii & (((1u128 << 127) - 1) & !((1u128 << 32) - 1));
        match printable.trailing_zeros() {
            32 => "a space".to_owned(),
            n @ 33..=126 => format!("`{}`", char::from(n as u8)),
            _ if self.ascii != 0 => "a control character".to_owned(),
            _ => "a character past ASCII".to_owned(),
        }
    }
}

/// An atom with its count (`{1,1}` without a quantifier), and where they are in the pattern.
#[derive(Debug)]
struct Item {
    atom: Atom,
    start: usize,
    /// The quantifier as written (empty without one) and its offset.
    quantifier: String,
    quantifier_at: usize,
    min: u32,
    max: Option<u32>,
}

#[derive(Debug)]
enum Atom {
    Chars(Set),
    /// Alternatives, each a sequence, and the offset where each starts.
    Group(Vec<(usize, Vec<Item>)>),
}

impl Item {
    fn varies(&self) -> bool {
        self.max != Some(self.min)
    }

    fn nullable(&self) -> bool {
        self.min == 0 || self.atom.nullable()
    }

    fn repeats(&self) -> bool {
        self.max.is_none_or(|max| max > 1)
    }

    fn text(&self, chars: &[char]) -> String {
        let end = self.quantifier_at + self.quantifier.chars().count();
        chars[self.start..end].iter().collect()
    }
}

impl Atom {
    fn nullable(&self) -> bool {
        match self {
            Atom::Chars(_) => false,
            Atom::Group(alternatives) => alternatives
                .iter()
                .any(|(_, items)| items.iter().all(Item::nullable)),
        }
    }

    /// The characters the atom can start with.
    fn first(&self) -> Set {
        match self {
            Atom::Chars(set) => *set,
            Atom::Group(alternatives) => alternatives.iter().fold(Set::EMPTY, |acc, (_, items)| {
                acc.union(first(items, Set::EMPTY))
            }),
        }
    }

    /// The first quantifier inside, at any depth.
    fn quantifier(&self) -> Option<&Item> {
        let Atom::Group(alternatives) = self else {
            return None;
        };
        alternatives
            .iter()
            .flat_map(|(_, items)| items)
            .find_map(|item| {
                if item.quantifier.is_empty() {
                    item.atom.quantifier()
                } else {
                    Some(item)
                }
            })
    }
}

/// The characters `items` can start with, then `follow` if they can all match empty.
fn first(items: &[Item], follow: Set) -> Set {
    let mut set = Set::EMPTY;
    for item in items {
        set = set.union(item.atom.first());
        if !item.nullable() {
            return set;
        }
    }
    set.union(follow)
}

/// The linearity rules, over the parsed pattern.
struct Linear<'a> {
    chars: &'a [char],
}

impl Linear<'_> {
    /// Checks `items`, which `follow` follows; `repeated` is the quantified group that holds
    /// them, if any.
    fn sequence(
        &self,
        items: &[Item],
        follow: Set,
        repeated: Option<&Item>,
    ) -> Result<(), PatternError> {
        for (i, item) in items.iter().enumerate() {
            let next = first(&items[i + 1..], follow);
            if let Some(group) = repeated
                && !item.quantifier.is_empty()
            {
                return Err(self.nested(group, item));
            }
            if !item.quantifier.is_empty()
                && let Some(inner) = item.atom.quantifier()
            {
                return Err(self.nested(item, inner));
            }
            if !item.quantifier.is_empty() && item.atom.nullable() {
                return Err(failure(
                    item.start,
                    Reason::EmptyRepetition,
                    format!(
                        "the quantified group `{}` can match the empty string: engines disagree on empty repetitions and backtrack over them; make every alternative match at least one character",
                        item.text(self.chars)
                    ),
                ));
            }
            let own = item.atom.first();
            if item.varies() {
                let shared = own.intersection(next);
                if !shared.is_empty() {
                    return Err(failure(
                        item.quantifier_at,
                        Reason::OverlappingRepetition,
                        format!(
                            "`{}` can match a varying number of times and what follows it can also start with {}: a backtracking engine tries every way to split such characters between them (polynomial or exponential time); make what follows start with a character `{}` cannot match",
                            item.text(self.chars),
                            shared.example(),
                            item.text(self.chars),
                        ),
                    ));
                }
            }
            if let Atom::Group(alternatives) = &item.atom {
                // After an alternative: the next repetition, if any, and what follows.
                let after = if item.repeats() {
                    own.union(next)
                } else {
                    next
                };
                let inner = (!item.quantifier.is_empty()).then_some(item);
                self.alternatives(item, alternatives, after)?;
                for (_, alternative) in alternatives {
                    self.sequence(alternative, after, inner.or(repeated))?;
                }
            }
        }
        Ok(())
    }

    fn alternatives(
        &self,
        group: &Item,
        alternatives: &[(usize, Vec<Item>)],
        after: Set,
    ) -> Result<(), PatternError> {
        let firsts: Vec<Set> = alternatives
            .iter()
            .map(|(_, items)| first(items, after))
            .collect();
        for (j, (at, items)) in alternatives.iter().enumerate() {
            for (k, earlier) in firsts[..j].iter().enumerate() {
                let shared = earlier.intersection(firsts[j]);
                if shared.is_empty() {
                    continue;
                }
                let text = |at: usize, items: &[Item]| -> String {
                    let end = items
                        .last()
                        .map_or(at, |i| i.quantifier_at + i.quantifier.chars().count());
                    self.chars[at..end].iter().collect()
                };
                let (earlier_at, earlier_items) = &alternatives[k];
                return Err(failure(
                    *at,
                    Reason::OverlappingAlternatives,
                    format!(
                        "the alternatives `{}` and `{}` of `{}` can both start with {}: a backtracking engine tries both (exponential time when the group repeats); make the alternatives start with different characters",
                        text(*earlier_at, earlier_items),
                        text(*at, items),
                        group.text(self.chars),
                        shared.example(),
                    ),
                ));
            }
        }
        Ok(())
    }

    fn nested(&self, group: &Item, inner: &Item) -> PatternError {
        failure(
            group.start,
            Reason::NestedQuantifier,
            format!(
                "nested quantifier: the group `{}` is quantified and holds the quantifier `{}` at character {}: a backtracking engine tries every way to share the characters between the repetitions (exponential time); quantify the group or what it holds, not both",
                group.text(self.chars),
                inner.quantifier,
                inner.quantifier_at + 1,
            ),
        )
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternation(&mut self, top: bool) -> Result<Vec<(usize, Vec<Item>)>, PatternError> {
        let mut alternatives = vec![(self.pos, self.sequence()?)];
        while self.peek() == Some('|') {
            if top {
                return Err(err(
                    self.pos,
                    "top-level `|` is ambiguous with the anchors: wrap the alternatives in `(?:...)`",
                ));
            }
            self.pos += 1;
            alternatives.push((self.pos, self.sequence()?));
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Item>, PatternError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '|' | ')' => break,
                _ => {
                    let start = self.pos;
                    let atom = self.atom()?;
                    items.push(self.quantifier(atom, start)?);
                }
            }
        }
        Ok(items)
    }

    fn atom(&mut self) -> Result<Atom, PatternError> {
        let start = self.pos;
        let c = self.chars[self.pos];
        self.pos += 1;
        match c {
            '\\' => self.escape(start).map(|c| Atom::Chars(single(c))),
            '[' => self.class(start),
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) == Some(&':') {
                        self.pos += 2;
                    } else {
                        return Err(self.group_kind(start));
                    }
                }
                let alternatives = self.alternation(false)?;
                if self.peek() != Some(')') {
                    return Err(err(start, "unclosed `(`"));
                }
                self.pos += 1;
                Ok(Atom::Group(alternatives))
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
            other => Ok(Atom::Chars(single(other))),
        }
    }

    /// The error for `(?` not followed by `:`.
    fn group_kind(&self, start: usize) -> PatternError {
        let rest: String = self.chars[self.pos..].iter().take(3).collect();
        if rest.starts_with("?=")
            || rest.starts_with("?!")
            || rest.starts_with("?<=")
            || rest.starts_with("?<!")
        {
            failure(
                start,
                Reason::Backtracking,
                "look-around is refused: it is not portable and can make matching superlinear; use `(?:...)`".to_owned(),
            )
        } else {
            err(start, "named groups are not portable; use `(?:...)`")
        }
    }

    /// Reads the character after `\`; only metacharacters and `-` `/` may be escaped.
    fn escape(&mut self, start: usize) -> Result<char, PatternError> {
        match self.peek() {
            Some(c) if META.contains(c) || c == '-' || c == '/' => {
                self.pos += 1;
                Ok(c)
            }
            Some(c @ ('1'..='9' | 'k')) => Err(failure(
                start,
                Reason::Backtracking,
                format!(
                    "`\\{c}` is a back-reference: matching one is exponential in every backtracking engine, and it is refused"
                ),
            )),
            Some(c) => Err(err(
                start,
                &format!(
                    "`\\{c}` is not portable (escapes other than metacharacters differ between engines): write the characters out, for example `[0-9]`"
                ),
            )),
            None => Err(err(start, "a trailing `\\` escapes nothing")),
        }
    }

    fn class(&mut self, start: usize) -> Result<Atom, PatternError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut set = 0u128;
        let mut items = 0;
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return Err(err(start, "unclosed `[`"));
            };
            self.pos += 1;
            let low = match c {
                ']' if items > 0 => {
                    return Ok(Atom::Chars(if negated {
                        Set {
                            ascii: !set,
                            beyond: true,
                        }
                    } else {
                        Set {
                            ascii: set,
                            beyond: false,
                        }
                    }));
                }
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
            let mut high = low;
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                self.pos += 1;
                let hi_at = self.pos;
                high = match self.chars[self.pos] {
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
            for c in low..=high {
                set |= single(c).ascii;
            }
        }
    }

    fn quantifier(&mut self, atom: Atom, start: usize) -> Result<Item, PatternError> {
        let at = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => {
                self.pos += 1;
                let min = self.number().ok_or_else(|| err(at, "`{` must start a repetition `{n}`, `{n,}` or `{n,m}`; escape a literal `{`"))?;
                let mut max = Some(min);
                if self.peek() == Some(',') {
                    self.pos += 1;
                    if self.peek() != Some('}') {
                        max = Some(self.number().ok_or_else(|| {
                            err(
                                at,
                                "the upper bound of a repetition is a number of at most 4 digits",
                            )
                        })?);
                    } else {
                        max = None;
                    }
                    if let Some(max) = max
                        && max < min
                    {
                        return Err(err(
                            at,
                            &format!("repetition `{{{min},{max}}}` has its bounds out of order"),
                        ));
                    }
                }
                if self.peek() != Some('}') {
                    return Err(err(at, "unclosed repetition `{`"));
                }
                self.pos += 1;
                (min, max)
            }
            _ => (1, Some(1)),
        };
        match self.peek() {
            Some('?') if self.pos > at => {
                return Err(err(self.pos, "lazy quantifiers are not portable"));
            }
            Some('+') if self.pos > at => {
                return Err(err(self.pos, "possessive quantifiers are not portable"));
            }
            Some('*' | '{') if self.pos > at => {
                return Err(err(self.pos, "a quantifier cannot follow a quantifier"));
            }
            _ => {}
        }
        Ok(Item {
            atom,
            start,
            quantifier: self.chars[at..self.pos].iter().collect(),
            quantifier_at: at,
            min,
            max,
        })
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

/// A pattern of the grammar above built from `bytes` (each byte picks the next choice, zero
/// once they run out), for property tests and fuzzing. It may break the linearity rules:
/// [`check`] tells. Also returns the characters the pattern's atoms match, a few of each, to
/// build inputs from.
#[doc(hidden)]
pub fn from_bytes(bytes: &[u8]) -> (String, Vec<char>) {
    let mut source = Source { bytes, pos: 0 };
    let mut alphabet = Vec::new();
    let mut pattern = String::from("^");
    for _ in 0..1 + source.below(4) {
        pattern.push_str(&source.item(2, &mut alphabet));
    }
    pattern.push('$');
    alphabet.sort_unstable();
    alphabet.dedup();
    (pattern, alphabet)
}

/// The choices of [`from_bytes`].
struct Source<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Source<'_> {
    fn below(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        usize::from(b) % n
    }

    fn item(&mut self, depth: u32, alphabet: &mut Vec<char>) -> String {
        const ATOMS: &[(&str, &str)] = &[
            ("a", "a"),
            ("b", "b"),
            ("0", "0"),
            ("-", "-"),
            ("\\*", "*"),
            ("\\$", "$"),
            ("[0-9]", "09"),
            ("[a-z]", "az"),
            ("[ab]", "ab"),
            ("[^a]", "b0 é"),
            ("[*]", "*"),
            ("[ -~]", " ~a"),
        ];
        const QUANTIFIERS: &[&str] = &["", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,4}"];
        let atom = if depth > 0 && self.below(4) == 0 {
            let open = if self.below(2) == 0 { "(" } else { "(?:" };
            let alternatives: Vec<String> = (0..1 + self.below(3))
                .map(|_| {
                    (0..1 + self.below(3))
                        .map(|_| self.item(depth - 1, alphabet))
                        .collect()
                })
                .collect();
            format!("{open}{})", alternatives.join("|"))
        } else {
            let (text, chars) = ATOMS[self.below(ATOMS.len())];
            alphabet.extend(chars.chars());
            text.to_owned()
        };
        atom + QUANTIFIERS[self.below(QUANTIFIERS.len())]
    }
}

/// The set of one ASCII character (the parser has checked that every character is ASCII).
fn single(c: char) -> Set {
    Set {
        ascii: if c.is_ascii() { 1 << u32::from(c) } else { 0 },
        beyond: !c.is_ascii(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Reason, check, from_bytes};

    /// The generator reaches both sides of the rules.
    #[test]
    fn generated_patterns_are_parsed_and_some_are_linear() {
        let (mut accepted, mut refused) = (0, 0);
        for seed in 0u32..2000 {
            let bytes: Vec<u8> = (0..32u32)
                .map(|i| (seed.wrapping_mul(2_654_435_761).rotate_left(i) ^ i) as u8)
                .collect();
            let (pattern, _) = from_bytes(&bytes);
            match check(&pattern) {
                Ok(()) => accepted += 1,
                Err(e) => {
                    assert_ne!(e.reason, Reason::NotPortable, "{pattern}: {}", e.message);
                    refused += 1;
                }
            }
        }
        assert!(
            accepted > 100 && refused > 100,
            "{accepted} accepted, {refused} refused"
        );
    }

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
            "^$",
            "^[0-9]*[*][0-9]*$",
            "^(?:ab|cd)*e$",
            "^(?:a(?:b|c)|d)+$",
            "^(?:ab){2,}$",
            "^[0-9]+(?:,[0-9])?$",
            "^(?:[0-9]|)x$",
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
            ("^(?<n>a)$", 1),
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
            ("^a{2}{3}$", 5),
            ("^a*+$", 3),
            ("^a{1,12345}$", 2),
        ] {
            let e = check(p).expect_err(p);
            assert_eq!(e.offset, offset, "{p}: {}", e.message);
        }
    }

    /// Patterns that some backtracking engine matches in superlinear time, with the rule that
    /// refuses each and the offset it points at.
    #[test]
    fn refuses_catastrophic_patterns() {
        use Reason::*;
        for (p, reason, offset) in [
            ("^(a+)+$", NestedQuantifier, 1),
            ("^(a*)*$", NestedQuantifier, 1),
            ("^(a|b+)*$", NestedQuantifier, 1),
            ("^(?:[0-9]{2})+$", NestedQuantifier, 1),
            ("^((a)+)?$", NestedQuantifier, 1),
            ("^(a|a)*$", OverlappingAlternatives, 4),
            ("^(a|ab)*$", OverlappingAlternatives, 4),
            ("^(?:[0-9]|1)+$", OverlappingAlternatives, 10),
            ("^(?:[^a]|[^b])*$", OverlappingAlternatives, 9),
            ("^(|a)*$", EmptyRepetition, 1),
            ("^[0-9]*[0-9]*$", OverlappingRepetition, 6),
            ("^a*a$", OverlappingRepetition, 2),
            ("^[a-z]+[0-9]?[a-z]$", OverlappingRepetition, 6),
            ("^(?:ab)*a$", OverlappingRepetition, 7),
            ("^(?:[0-9]*|x)[0-9]$", OverlappingRepetition, 9),
            ("^[0-9]{0,6}[0-9]{0,4}$", OverlappingRepetition, 6),
            ("^\\1(a)$", Backtracking, 1),
            ("^(a)\\k<x>$", Backtracking, 4),
            ("^(?!a)b$", Backtracking, 1),
            ("^(?<=a)b$", Backtracking, 1),
        ] {
            let e = check(p).expect_err(p);
            assert_eq!((e.reason, e.offset), (reason, offset), "{p}: {}", e.message);
        }
    }
}
