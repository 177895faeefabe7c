//! Random but valid specs, written as YAML and read through the real loader, for the property
//! tests that compile every target's output.
//!
//! Every free-text value (package description, source titles, locations and versions, action,
//! callback, event code, enum, value, object and field descriptions, known messages, result code
//! messages and suggestions, formats, check messages, provenance and deprecation notes, sample
//! descriptions and JSON) is drawn from the whole range of Unicode scalar values, with the
//! characters and fragments that generated code must escape mixed in (quotes, backslashes,
//! `$`, `${`, `\(`, backticks, `*/`, control characters, line and paragraph separators,
//! bidirectional overrides, the byte order mark, non-BMP characters). Names (codes, actions,
//! callbacks, types, fields, values, rules) are random within the forms the linter allows, and
//! never collide after conversion in any target.
//!
//! Each text is written in a YAML style chosen at random where the style can hold it: double
//! quoted (with YAML escapes, some of them chosen at random), single quoted or literal block.
//! Sections are spread over one to three files, keys are shuffled and the indentation step
//! varies, so the loader's YAML handling is exercised too: [`RandomSpec::load`] checks that every
//! text comes back unchanged.
//!
//! The only text the generator avoids is text that is blank after trimming (the linter requires
//! text where a field is present; optional texts are left out instead). Source locations and
//! versions, which the linter does not check, may be empty or blank.
//!
//! Generation is deterministic: spec `i` comes from a ChaCha generator seeded with `i`, so a
//! failure names the seed and the same spec comes back on every run.

use std::collections::BTreeSet;

use antom_codegen::TARGETS;
use antom_codegen::names::{self, Role};
use antom_spec::NameRules;
use antom_spec::{SourceFile, Spec};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How many random specs the cross-language tests compile.
pub const COUNT: usize = 24;

/// One generated spec: its files and every free text it holds.
#[derive(Debug, Clone)]
pub struct RandomSpec {
    /// `random-<seed>`, also the folder name the tests write it to.
    pub name: String,
    pub seed: u64,
    pub files: Vec<SourceFile>,
    /// Every free text written into the files, in any order.
    pub texts: Vec<String>,
}

impl RandomSpec {
    /// The files as one text, for failure messages.
    pub fn dump(&self) -> String {
        self.files
            .iter()
            .map(|f| format!("--- {} ---\n{}", f.path, String::from_utf8_lossy(&f.bytes)))
            .collect()
    }

    /// Loads the spec through the real loader and checks that every text survived YAML.
    pub fn load(&self) -> Result<Spec, String> {
        let spec = antom_codegen::load(&self.files).map_err(|p| {
            format!(
                "{} (seed {}): lint rejects a generated spec:\n{p}\n{}",
                self.name,
                self.seed,
                self.dump()
            )
        })?;
        let mut want = self.texts.clone();
        let mut got = spec_texts(&spec);
        want.sort();
        got.sort();
        if want != got {
            let missing: Vec<String> = want
                .iter()
                .filter(|t| !got.contains(t))
                .map(|t| format!("  written {t:?}"))
                .collect();
            let extra: Vec<String> = got
                .iter()
                .filter(|t| !want.contains(t))
                .map(|t| format!("  read    {t:?}"))
                .collect();
            return Err(format!(
                "{} (seed {}): texts do not survive YAML ({} written, {} read):\n{}\n{}\n{}",
                self.name,
                self.seed,
                want.len(),
                got.len(),
                missing.join("\n"),
                extra.join("\n"),
                self.dump()
            ));
        }
        Ok(spec)
    }
}

/// The random spec of one seed.
pub fn generate(seed: u64) -> RandomSpec {
    Builder::new(seed).build()
}

/// The [`COUNT`] random specs, loaded, by name; panics with the spec and the reason when one
/// does not load or loses a text.
pub fn load_all() -> Vec<(String, Spec)> {
    (0..COUNT as u64)
        .map(|seed| {
            let random = generate(seed);
            let spec = random.load().unwrap_or_else(|e| panic!("{e}"));
            (random.name, spec)
        })
        .collect()
}

/// Every free text of a loaded spec, in no particular order.
pub fn spec_texts(spec: &Spec) -> Vec<String> {
    let mut out = vec![spec.package.description.clone()];
    let provenance = |p: &antom_spec::Provenance, out: &mut Vec<String>| {
        out.extend(p.note.clone());
    };
    let deprecation = |d: &Option<antom_spec::Deprecation>, out: &mut Vec<String>| {
        if let Some(d) = d {
            out.push(d.note.clone());
        }
    };
    for s in &spec.sources {
        out.push(s.title.clone());
        out.extend(s.location.clone());
        out.extend(s.version.clone());
    }
    for a in &spec.actions {
        out.push(a.description.clone());
    }
    for c in &spec.callbacks {
        out.push(c.description.clone());
        provenance(&c.provenance, &mut out);
    }
    for c in &spec.event_codes {
        out.push(c.description.clone());
        out.extend(c.messages.iter().cloned());
        deprecation(&c.deprecated, &mut out);
        provenance(&c.provenance, &mut out);
    }
    for c in &spec.result_codes {
        out.extend([c.message.clone(), c.suggestion.clone()]);
        deprecation(&c.deprecated, &mut out);
        provenance(&c.provenance, &mut out);
    }
    for e in &spec.enums {
        out.push(e.description.clone());
        if let Some(p) = &e.provenance {
            provenance(p, &mut out);
        }
        for v in &e.values {
            out.extend(v.description.clone());
            deprecation(&v.deprecated, &mut out);
        }
    }
    for o in &spec.objects {
        out.push(o.description.clone());
        if let Some(p) = &o.provenance {
            provenance(p, &mut out);
        }
        for f in &o.fields {
            out.push(f.description.clone());
            out.extend(f.format.clone());
            deprecation(&f.deprecated, &mut out);
            if let Some(p) = &f.provenance {
                provenance(p, &mut out);
            }
        }
        for c in &o.checks {
            out.push(c.message.clone());
        }
    }
    for s in &spec.samples {
        out.extend([s.description.clone(), s.json.clone()]);
        provenance(&s.provenance, &mut out);
    }
    out
}

/// Fragments that some target reads specially, mixed into the random text.
const HOSTILE: &[&str] = &[
    "*/",
    "/*",
    "/**",
    "//",
    "${x}",
    "${",
    "$x",
    "$",
    "$$",
    "\\(x)",
    "\\(",
    "`",
    "```",
    "`${a}`",
    "\"",
    "\"\"\"",
    "'",
    "'''",
    "\\",
    "\\\\",
    "\\n",
    "\\u0041",
    "\\u{41}",
    "\\x41",
    "\\0",
    "{{x}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "#",
    "<!--",
    "-->",
    "</script>",
    "&amp;",
    "&#47;",
    "|",
    "\u{0}",
    "\u{0}1",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fffd}",
    "\u{e000}",
    "\u{d7ff}",
    "\u{10ffff}",
    "\u{1d11e}",
    "\u{1f600}",
    "👍🏽",
    "e\u{301}",
    "שלום",
    "مرحبا",
    "日本語",
    "%s",
    "%d",
    "%n",
    "{0}",
    " ",
    "  ",
    "- ",
    ": ",
    " #",
    "&a",
    "*a",
    "!!str",
    "---",
    "...",
    "? ",
    "@",
    "null",
    "true",
    "~",
    "NaN",
    "-0",
    "0x1F",
    "\\r\\n",
];

/// Ranges of characters that are easy to get wrong, drawn besides `any::<char>()`.
const AWKWARD: &[(char, char)] = &[
    ('\u{0}', '\u{1f}'),
    ('\u{7f}', '\u{9f}'),
    ('\u{200b}', '\u{200f}'),
    ('\u{2028}', '\u{202e}'),
    ('\u{2060}', '\u{2069}'),
    ('\u{d7f0}', '\u{d7ff}'),
    ('\u{e000}', '\u{e0ff}'),
    ('\u{fdd0}', '\u{fdef}'),
    ('\u{fff0}', '\u{ffff}'),
    ('\u{10000}', '\u{10ffff}'),
    ('\u{1f300}', '\u{1faff}'),
    ('\u{e0000}', '\u{e007f}'),
];

/// A YAML value as the generator builds it; styles are chosen when it is written.
#[derive(Debug, Clone)]
enum Node {
    /// Free text: written double quoted, single quoted or as a literal block.
    Text(String),
    /// A name: plain unless YAML would read it as something else.
    Word(String),
    /// A boolean or number, written as is.
    Scalar(String),
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
}

fn word(s: impl Into<String>) -> Node {
    Node::Word(s.into())
}

/// What a field of a generated object holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    Any,
    EventCode,
    ResultCode,
    Enum(usize),
    Object(usize),
}

#[derive(Debug, Clone)]
struct FieldPlan {
    name: String,
    ty: Ty,
}

/// Names already taken in one namespace, as every target's identifier.
#[derive(Default)]
struct Taken {
    idents: BTreeSet<(usize, String)>,
    names: BTreeSet<String>,
}

impl Taken {
    /// Takes `name` when every target can use it and it collides with nothing taken in any
    /// target.
    fn take(&mut self, name: &str, role: Role) -> bool {
        if self.names.contains(name) {
            return false;
        }
        let languages = TARGETS.languages();
        let idents: Vec<(usize, String)> = languages
            .iter()
            .enumerate()
            .map(|(i, l)| (i, l.ident(role, name)))
            .collect();
        if idents.iter().any(|i| self.idents.contains(i)) {
            return false;
        }
        if TARGETS.reserved(role, name).is_some() {
            return false;
        }
        if languages.iter().any(|l| l.unusable(role, name).is_some()) {
            return false;
        }
        self.names.insert(name.to_owned());
        self.idents.extend(idents);
        true
    }
}

const SCREAMING: &str = "[A-Z][A-Z0-9]{0,7}(_[A-Z0-9]{1,6}){0,3}";
const SNAKE: &str = "[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,5}){0,2}";
const CAMEL: &str = "[a-z][a-zA-Z0-9]{0,10}";
const PASCAL: &str = "[A-Z][a-zA-Z0-9]{0,10}";
const FIELD: &str = "[a-zA-Z][a-zA-Z0-9_]{0,10}";
const VALUE: &str = "[A-Za-z0-9][A-Za-z0-9_.-]{0,8}";
const OUTCOMES: &[&str] = &["success", "failure", "processing"];
const KINDS: &[&str] = &["status", "error", "payment_result"];
const PHASES: &[&str] = &["loading", "form", "submission", "challenge", "result"];

struct Builder {
    seed: u64,
    runner: TestRunner,
    texts: Vec<String>,
    sources: Vec<String>,
}

/// A test runner whose generator is ChaCha seeded with `label` and `seed`: the same values on
/// every run and every machine.
pub(crate) fn seeded_runner(label: &[u8; 16], seed: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..24].copy_from_slice(label);
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

/// Drawing values from proptest strategies with a seeded runner, one at a time.
pub(crate) trait Draw {
    fn runner(&mut self) -> &mut TestRunner;

    fn draw<S: Strategy>(&mut self, strategy: S) -> S::Value {
        strategy
            .new_tree(self.runner())
            .unwrap_or_else(|e| panic!("a strategy rejected: {e}"))
            .current()
    }

    /// `0..n`, or 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 { 0 } else { self.draw(0..n) }
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.draw(0u32..100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

impl Draw for Builder {
    fn runner(&mut self) -> &mut TestRunner {
        &mut self.runner
    }
}

impl Builder {
    fn new(seed: u64) -> Builder {
        Builder {
            seed,
            runner: seeded_runner(b"antom-random-spe", seed),
            texts: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn regex(&mut self, regex: &str) -> String {
        let strategy = proptest::string::string_regex(regex)
            .unwrap_or_else(|e| panic!("bad name regex {regex}: {e}"));
        self.draw(strategy)
    }

    /// Some of the items, in random order.
    fn subset<T: Clone>(&mut self, items: &[T], min: usize, max: usize) -> Vec<T> {
        let mut pool = items.to_vec();
        let n = self.between(min.min(pool.len()), max.min(pool.len()));
        (0..n)
            .map(|_| {
                let i = self.below(pool.len());
                pool.remove(i)
            })
            .collect()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// Random text over the whole range of Unicode scalar values, not blank, recorded.
    fn text(&mut self) -> Node {
        let s = self.text_string();
        self.texts.push(s.clone());
        Node::Text(s)
    }

    /// Random text over the whole range of Unicode scalar values, not blank, not recorded.
    fn text_string(&mut self) -> String {
        let mut s = self.raw_text();
        if s.trim().is_empty() {
            let visible = self.draw(proptest::char::range('!', '~'));
            s.insert(self.below(2) * s.len(), visible);
        }
        s
    }

    /// Random text that may be empty or blank (where the linter checks nothing), recorded.
    fn loose_text(&mut self) -> Node {
        let s = if self.chance(20) {
            " ".repeat(self.below(3))
        } else {
            self.raw_text()
        };
        self.texts.push(s.clone());
        Node::Text(s)
    }

    fn raw_text(&mut self) -> String {
        hostile_text(self)
    }

    fn fresh(&mut self, regex: &str, role: Role, taken: &mut Taken) -> String {
        for _ in 0..1000 {
            let name = self.regex(regex);
            if taken.take(&name, role) {
                return name;
            }
        }
        panic!("seed {}: no fresh name for {regex}", self.seed)
    }

    /// A PascalCase type name that no target reserves and no other type takes.
    fn type_name(&mut self, taken: &mut BTreeSet<String>) -> String {
        loop {
            let name = self.regex(PASCAL);
            if TARGETS.reserved(Role::Type, &name).is_some() {
                continue;
            }
            if taken.insert(names::pascal(&name)) {
                return name;
            }
        }
    }

    fn provenance(&mut self) -> Node {
        let sources = self.sources.clone();
        let picked = self.subset(&sources, 1, 2);
        let mut entries = vec![(
            "sources".to_owned(),
            Node::List(picked.into_iter().map(word).collect()),
        )];
        if self.chance(40) {
            entries.push(("note".to_owned(), self.text()));
        }
        if self.chance(30) {
            entries.push(("unverified".to_owned(), Node::Scalar("true".to_owned())));
        }
        self.shuffle(&mut entries);
        Node::Map(entries)
    }

    fn deprecation(&mut self, own: &str, others: &[String]) -> Node {
        let mut entries = vec![("note".to_owned(), self.text())];
        let candidates: Vec<String> = others.iter().filter(|o| *o != own).cloned().collect();
        if !candidates.is_empty() && self.chance(60) {
            let replacement = self.pick(&candidates).clone();
            entries.push(("replaced_by".to_owned(), word(replacement)));
        }
        self.shuffle(&mut entries);
        Node::Map(entries)
    }

    /// A pattern in the portable subset, with the ASCII punctuation that literals must escape.
    fn pattern(&mut self) -> String {
        const FIXED: &[&str] = &[
            "^[0-9]{4}$",
            "^[A-Z]{2}$",
            "^(0[1-9]|1[0-2])$",
            "^[0-9]{0,6}[*]+[0-9]{0,4}$",
            "^\\$\\{x\\}$",
            "^[^a-z\\-]+$",
            "^(?:a|b)c?$",
        ];
        if self.chance(30) {
            return (*self.pick(FIXED)).to_owned();
        }
        for _ in 0..100 {
            let mut p = String::from("^");
            for _ in 0..self.between(1, 4) {
                let atom = match self.below(4) {
                    0 => {
                        let c = self.draw(proptest::char::range(' ', '~'));
                        if "\\^$.|?*+()[]{}-/".contains(c) {
                            format!("\\{c}")
                        } else {
                            c.to_string()
                        }
                    }
                    1 => {
                        let negate = if self.chance(20) { "^" } else { "" };
                        let items: String = (0..self.between(1, 4))
                            .map(|_| {
                                let c = self.draw(proptest::char::range(' ', '~'));
                                if c == '&' {
                                    "x".to_owned()
                                } else if "\\^-[]".contains(c) {
                                    format!("\\{c}")
                                } else {
                                    c.to_string()
                                }
                            })
                            .collect();
                        format!("[{negate}{items}]")
                    }
                    2 => (*self.pick(&["[0-9]", "[A-Za-z]", "[ -~]", "[*]", "[\"'`$]"])).to_owned(),
                    _ => (*self.pick(&["(?:ab|cd)", "(x|\\$y)", "(?:\\*/|/\\*)", "(?:\\\\\\()"]))
                        .to_owned(),
                };
                let quantifier = *self.pick(&["", "", "*", "+", "?", "{2}", "{1,3}", "{0,}"]);
                p.push_str(&atom);
                p.push_str(quantifier);
            }
            p.push('$');
            if antom_spec::pattern::check(&p).is_ok() {
                return p;
            }
        }
        (*self.pick(FIXED)).to_owned()
    }

    fn build(mut self) -> RandomSpec {
        let seed = self.seed;
        let real_names = seed.is_multiple_of(3);

        // Names first: every reference below points at a defined name.
        let mut taken = Taken::default();
        self.sources = (0..self.between(1, 3))
            .map(|_| self.fresh(SNAKE, Role::Variant, &mut taken))
            .collect();
        let mut taken = Taken::default();
        let actions: Vec<String> = (0..self.between(1, 4))
            .map(|_| self.fresh(SNAKE, Role::Variant, &mut taken))
            .collect();
        let mut taken = Taken::default();
        let mut callbacks: Vec<String> = Vec::new();
        if real_names {
            taken.take("onEventCallback", Role::Variant);
            callbacks.push("onEventCallback".to_owned());
        }
        while callbacks.len() < 1 + self.below(2) {
            callbacks.push(self.fresh(CAMEL, Role::Variant, &mut taken));
        }
        let mut taken = Taken::default();
        let event_codes: Vec<String> = (0..self.between(1, 6))
            .map(|_| self.fresh(SCREAMING, Role::Variant, &mut taken))
            .collect();
        let mut taken = Taken::default();
        let result_codes: Vec<String> = (0..self.between(0, 5))
            .map(|_| self.fresh(SCREAMING, Role::Variant, &mut taken))
            .collect();
        let mut types = BTreeSet::new();
        let mut object_names: Vec<String> = Vec::new();
        if real_names {
            for name in ["OnEventCallbackState", "PaymentResult"] {
                types.insert(names::pascal(name));
                object_names.push(name.to_owned());
            }
        }
        let object_count = self.between(1, 4).max(object_names.len());
        while object_names.len() < object_count {
            let name = self.type_name(&mut types);
            object_names.push(name);
        }
        let enum_names: Vec<String> = (0..self.between(0, 3))
            .map(|_| self.type_name(&mut types))
            .collect();
        let enum_values: Vec<Vec<String>> = enum_names
            .iter()
            .map(|_| {
                let mut taken = Taken::default();
                (0..self.between(1, 5))
                    .map(|_| self.fresh(VALUE, Role::Variant, &mut taken))
                    .collect()
            })
            .collect();

        // Which values carry an outcome (same_outcome needs one).
        let event_outcomes: Vec<Option<&str>> = event_codes
            .iter()
            .map(|_| self.chance(50).then(|| *self.pick(OUTCOMES)))
            .collect();
        let result_outcomes: Vec<Option<&str>> = result_codes
            .iter()
            .map(|_| self.chance(70).then(|| *self.pick(OUTCOMES)))
            .collect();
        let value_outcomes: Vec<Vec<Option<&str>>> = enum_values
            .iter()
            .map(|values| {
                values
                    .iter()
                    .map(|_| self.chance(40).then(|| *self.pick(OUTCOMES)))
                    .collect()
            })
            .collect();
        let longest = |names: &[String]| names.iter().map(|n| n.chars().count()).max();

        // Fields: objects may hold only objects after them, so nothing nests recursively.
        let mut fields: Vec<Vec<FieldPlan>> = vec![Vec::new(); object_names.len()];
        for i in (0..object_names.len()).rev() {
            let mut taken = Taken::default();
            let mut plan = Vec::new();
            if real_names && i == 0 {
                taken.take("code", Role::Field);
                plan.push(FieldPlan {
                    name: "code".to_owned(),
                    ty: Ty::EventCode,
                });
                taken.take("result", Role::Field);
                plan.push(FieldPlan {
                    name: "result".to_owned(),
                    ty: Ty::Object(1),
                });
            }
            for _ in 0..self.between(1, 5) {
                let name = self.fresh(FIELD, Role::Field, &mut taken);
                let ty = match self.below(20) {
                    0..=6 => Ty::Str,
                    7..=8 => Ty::Any,
                    9..=11 => Ty::EventCode,
                    12..=13 => Ty::ResultCode,
                    14..=16 if !enum_names.is_empty() => Ty::Enum(self.below(enum_names.len())),
                    17..=19 if i + 1 < object_names.len() => {
                        Ty::Object(i + 1 + self.below(object_names.len() - i - 1))
                    }
                    _ => Ty::Str,
                };
                plan.push(FieldPlan { name, ty });
            }
            fields[i] = plan;
        }

        let has_outcomes = |ty: Ty| match ty {
            Ty::EventCode => event_outcomes.iter().any(Option::is_some),
            Ty::ResultCode => result_outcomes.iter().any(Option::is_some),
            Ty::Enum(e) => value_outcomes[e].iter().any(Option::is_some),
            _ => false,
        };

        // Sections.
        let mut package = vec![
            ("name".to_owned(), word(format!("random-{seed}"))),
            (
                "version".to_owned(),
                word(format!(
                    "{}.{}.{}{}",
                    self.below(3),
                    self.below(20),
                    self.below(10),
                    if self.chance(30) { "-rc.1" } else { "" }
                )),
            ),
            ("description".to_owned(), self.text()),
        ];
        // Each target setting is sometimes left to its default (the package name's), except the
        // Kotlin package: the default of `random-<seed>` has a word that starts with a digit.
        let mut targets = Vec::new();
        if self.chance(50) {
            let npm = if self.chance(50) {
                format!("@random/spec-{seed}")
            } else {
                format!("random-spec-{seed}")
            };
            targets.push((
                "typescript".to_owned(),
                Node::Map(vec![("package".to_owned(), word(npm))]),
            ));
        }
        let kotlin = if self.chance(20) {
            format!("com.example.random.fun.spec{seed}")
        } else {
            format!("com.example.random.spec{seed}")
        };
        targets.push((
            "kotlin".to_owned(),
            Node::Map(vec![("package".to_owned(), word(kotlin))]),
        ));
        let mut swift = Vec::new();
        if self.chance(50) {
            swift.push(("module".to_owned(), word(format!("Random{seed}"))));
        }
        if self.chance(50) {
            swift.push(("objc_prefix".to_owned(), word("AMS".to_owned())));
        }
        if !swift.is_empty() {
            self.shuffle(&mut swift);
            targets.push(("swift".to_owned(), Node::Map(swift)));
        }
        self.shuffle(&mut targets);
        package.push(("targets".to_owned(), Node::Map(targets)));
        self.shuffle(&mut package);

        let sources_section: Vec<(String, Node)> = self
            .sources
            .clone()
            .into_iter()
            .map(|id| {
                let mut entries = vec![("title".to_owned(), self.text())];
                if self.chance(50) {
                    entries.push(("location".to_owned(), self.loose_text()));
                }
                if self.chance(40) {
                    entries.push(("version".to_owned(), self.loose_text()));
                }
                self.shuffle(&mut entries);
                (id, Node::Map(entries))
            })
            .collect();

        let actions_section: Vec<(String, Node)> = actions
            .iter()
            .map(|a| {
                (
                    a.clone(),
                    Node::Map(vec![("description".to_owned(), self.text())]),
                )
            })
            .collect();

        let callbacks_section: Vec<(String, Node)> = callbacks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let argument = if real_names && i == 0 {
                    object_names[0].clone()
                } else {
                    self.pick(&object_names).clone()
                };
                let mut entries = vec![
                    ("description".to_owned(), self.text()),
                    ("argument".to_owned(), word(argument)),
                    ("provenance".to_owned(), self.provenance()),
                ];
                self.shuffle(&mut entries);
                (c.clone(), Node::Map(entries))
            })
            .collect();

        let event_section: Vec<(String, Node)> = event_codes
            .iter()
            .zip(&event_outcomes)
            .map(|(code, outcome)| {
                let on = self.subset(&callbacks, 1, 2);
                let mut entries = vec![
                    ("kind".to_owned(), word(*self.pick(KINDS))),
                    ("phase".to_owned(), word(*self.pick(PHASES))),
                    (
                        "callbacks".to_owned(),
                        Node::List(on.into_iter().map(word).collect()),
                    ),
                    ("description".to_owned(), self.text()),
                    ("action".to_owned(), word(self.pick(&actions).clone())),
                    ("provenance".to_owned(), self.provenance()),
                ];
                if let Some(o) = outcome {
                    entries.push(("outcome".to_owned(), word(*o)));
                }
                if self.chance(30) {
                    let carried = self.subset(&object_names, 1, 2);
                    entries.push((
                        "carries".to_owned(),
                        Node::List(carried.into_iter().map(word).collect()),
                    ));
                }
                if self.chance(40) {
                    let mut messages: Vec<String> = Vec::new();
                    for _ in 0..self.between(1, 2) {
                        let m = self.text_string();
                        // Lint merges equal messages; keep them distinct.
                        if !messages.contains(&m) {
                            messages.push(m);
                        }
                    }
                    self.texts.extend(messages.iter().cloned());
                    entries.push((
                        "messages".to_owned(),
                        Node::List(messages.into_iter().map(Node::Text).collect()),
                    ));
                }
                if self.chance(20) {
                    entries.push((
                        "deprecated".to_owned(),
                        self.deprecation(code, &event_codes),
                    ));
                }
                self.shuffle(&mut entries);
                (code.clone(), Node::Map(entries))
            })
            .collect();

        let result_section: Vec<(String, Node)> = result_codes
            .iter()
            .zip(&result_outcomes)
            .map(|(code, outcome)| {
                let mut entries = vec![
                    ("message".to_owned(), self.text()),
                    ("suggestion".to_owned(), self.text()),
                    ("action".to_owned(), word(self.pick(&actions).clone())),
                    ("provenance".to_owned(), self.provenance()),
                ];
                if let Some(o) = outcome {
                    entries.push(("outcome".to_owned(), word(*o)));
                }
                if self.chance(20) {
                    entries.push((
                        "deprecated".to_owned(),
                        self.deprecation(code, &result_codes),
                    ));
                }
                self.shuffle(&mut entries);
                (code.clone(), Node::Map(entries))
            })
            .collect();

        let enum_section: Vec<(String, Node)> = enum_names
            .iter()
            .enumerate()
            .map(|(e, name)| {
                let values: Vec<(String, Node)> = enum_values[e]
                    .iter()
                    .zip(&value_outcomes[e])
                    .map(|(value, outcome)| {
                        let mut entries = Vec::new();
                        if self.chance(60) {
                            entries.push(("description".to_owned(), self.text()));
                        }
                        if let Some(o) = outcome {
                            entries.push(("outcome".to_owned(), word(*o)));
                        }
                        if self.chance(20) {
                            entries.push((
                                "deprecated".to_owned(),
                                self.deprecation(value, &enum_values[e]),
                            ));
                        }
                        self.shuffle(&mut entries);
                        (value.clone(), Node::Map(entries))
                    })
                    .collect();
                let mut entries = vec![
                    ("description".to_owned(), self.text()),
                    ("values".to_owned(), Node::Map(values)),
                ];
                if self.chance(30) {
                    entries.push(("provenance".to_owned(), self.provenance()));
                }
                self.shuffle(&mut entries);
                (name.clone(), Node::Map(entries))
            })
            .collect();

        let known_len = |ty: Ty| match ty {
            Ty::EventCode => longest(&event_codes),
            Ty::ResultCode => longest(&result_codes),
            Ty::Enum(e) => longest(&enum_values[e]),
            _ => None,
        };
        let mut object_section: Vec<(String, Node)> = Vec::new();
        // Each object's fields as (name, type, required, has a pattern), for valid samples.
        let mut shapes: Vec<Vec<(String, Ty, bool, bool)>> = vec![Vec::new(); object_names.len()];
        for (i, name) in object_names.iter().enumerate() {
            let names: Vec<String> = fields[i].iter().map(|f| f.name.clone()).collect();
            let mut field_entries = Vec::new();
            for f in fields[i].clone() {
                let ty_name = match f.ty {
                    Ty::Str => "string".to_owned(),
                    Ty::Any => "any".to_owned(),
                    Ty::EventCode => "EventCode".to_owned(),
                    Ty::ResultCode => "PaymentResultCode".to_owned(),
                    Ty::Enum(e) => enum_names[e].clone(),
                    Ty::Object(o) => object_names[o].clone(),
                };
                let mut entries = vec![
                    ("type".to_owned(), word(ty_name)),
                    ("description".to_owned(), self.text()),
                ];
                let mut required = false;
                let mut patterned = false;
                if self.chance(30) || (real_names && i == 0 && f.name == "code") {
                    entries.push(("required".to_owned(), Node::Scalar("true".to_owned())));
                    required = true;
                } else if self.chance(10) {
                    entries.push(("required".to_owned(), Node::Scalar("false".to_owned())));
                }
                let string_like = !matches!(f.ty, Ty::Any | Ty::Object(_));
                if f.ty == Ty::Str {
                    if self.chance(40) {
                        let max = self.between(1, 64);
                        entries.push(("max_length".to_owned(), Node::Scalar(max.to_string())));
                    }
                    if self.chance(30) {
                        let pattern = self.pattern();
                        entries.push(("pattern".to_owned(), Node::Text(pattern)));
                        patterned = true;
                        if self.chance(50) {
                            entries.push(("format".to_owned(), self.text()));
                        }
                    }
                } else if string_like && self.chance(30) {
                    let max = known_len(f.ty).unwrap_or(1) + self.below(4);
                    entries.push(("max_length".to_owned(), Node::Scalar(max.to_string())));
                }
                if string_like && self.chance(15) {
                    entries.push(("sensitive".to_owned(), Node::Scalar("true".to_owned())));
                }
                // The envelope's `code` and `result` stay: generated Swift uses those names for
                // other members too.
                let envelope = real_names && i == 0 && (f.name == "code" || f.name == "result");
                if !envelope && self.chance(10) {
                    entries.push(("deprecated".to_owned(), self.deprecation(&f.name, &names)));
                }
                if self.chance(20) {
                    entries.push(("provenance".to_owned(), self.provenance()));
                }
                self.shuffle(&mut entries);
                shapes[i].push((f.name.clone(), f.ty, required, patterned));
                field_entries.push((f.name.clone(), Node::Map(entries)));
            }

            // Paths one or two fields deep, for the checks.
            let mut paths: Vec<(String, Ty)> = Vec::new();
            for f in &fields[i] {
                paths.push((f.name.clone(), f.ty));
                if let Ty::Object(o) = f.ty {
                    for g in &fields[o] {
                        paths.push((format!("{}/{}", f.name, g.name), g.ty));
                    }
                }
            }
            let strings: Vec<String> = paths
                .iter()
                .filter(|(_, t)| *t == Ty::Str)
                .map(|(p, _)| p.clone())
                .collect();
            let outcomes: Vec<String> = paths
                .iter()
                .filter(|(_, t)| has_outcomes(*t))
                .map(|(p, _)| p.clone())
                .collect();
            let mut checks = Vec::new();
            let mut rules = Taken::default();
            if strings.len() >= 2 && self.chance(50) {
                let pair = self.subset(&strings, 2, 2);
                checks.push(self.check(&mut rules, "digits_suffix", pair));
            }
            if outcomes.len() >= 2 && self.chance(60) {
                let some = self.subset(&outcomes, 2, 3);
                checks.push(self.check(&mut rules, "same_outcome", some));
            }

            let mut entries = vec![
                ("description".to_owned(), self.text()),
                ("fields".to_owned(), Node::Map(field_entries)),
            ];
            if !checks.is_empty() {
                entries.push(("checks".to_owned(), Node::List(checks)));
            }
            if self.chance(30) {
                entries.push(("provenance".to_owned(), self.provenance()));
            }
            self.shuffle(&mut entries);
            object_section.push((name.clone(), Node::Map(entries)));
        }

        let mut taken = Taken::default();
        let mut samples_section = Vec::new();
        for _ in 0..self.below(3) {
            let name = self.fresh(SNAKE, Role::Variant, &mut taken);
            // Lint validates samples as `antom validate` does: a sample holds a value for every
            // required field (none has a pattern) and the hostile text under a key that no field
            // can have (field names have no `-`).
            let o = self.below(object_names.len());
            let Some(mut payload) = valid_sample(&shapes, o, 0) else {
                continue;
            };
            let value = self.text_string();
            if let serde_json::Value::Object(map) = &mut payload {
                map.insert("note-".to_owned(), serde_json::Value::String(value));
            }
            let json = if self.chance(50) {
                serde_json::to_string_pretty(&payload)
            } else {
                serde_json::to_string(&payload)
            }
            .unwrap_or_default();
            self.texts.push(json.clone());
            let mut entries = vec![
                ("description".to_owned(), self.text()),
                ("type".to_owned(), word(object_names[o].clone())),
                ("json".to_owned(), Node::Text(json)),
                ("provenance".to_owned(), self.provenance()),
            ];
            self.shuffle(&mut entries);
            samples_section.push((name, Node::Map(entries)));
        }

        // Spread the sections over one to three files.
        let mut sections = vec![
            ("package", Node::Map(package)),
            ("sources", Node::Map(sources_section)),
            ("actions", Node::Map(actions_section)),
            ("callbacks", Node::Map(callbacks_section)),
            ("event_codes", Node::Map(event_section)),
            ("result_codes", Node::Map(result_section)),
            ("enums", Node::Map(enum_section)),
            ("objects", Node::Map(object_section)),
            ("samples", Node::Map(samples_section)),
        ];
        self.shuffle(&mut sections);
        let file_count = self.between(1, 3);
        let mut files: Vec<Vec<(String, Node)>> = vec![Vec::new(); file_count];
        for (i, (key, node)) in sections.into_iter().enumerate() {
            let empty = matches!(&node, Node::Map(m) if m.is_empty());
            // The first section of each file stays, so that no file is empty.
            if empty && i >= file_count && self.chance(50) {
                continue;
            }
            let f = if i < file_count {
                i
            } else {
                self.below(file_count)
            };
            files[f].push((key.to_owned(), node));
        }
        // The real names come with the real payload shape: the state's `code` discriminates, and
        // its `result` carries the bare payload.
        if real_names {
            files[0].push((
                "payload".to_owned(),
                Node::Map(vec![
                    ("callback".to_owned(), word("onEventCallback".to_owned())),
                    ("discriminant".to_owned(), word("code".to_owned())),
                    ("bare".to_owned(), word(object_names[1].clone())),
                ]),
            ));
        }
        let files = files
            .into_iter()
            .enumerate()
            .map(|(i, entries)| {
                let step = self.between(2, 4);
                let mut out = String::new();
                if self.chance(50) {
                    out.push_str("# A random spec: see tests/src/random_spec.rs.\n");
                }
                self.write_map(&entries, 0, step, &mut out);
                SourceFile::new(format!("part{i}.yaml"), out)
            })
            .collect();
        RandomSpec {
            name: format!("random-{seed}"),
            seed,
            files,
            texts: self.texts,
        }
    }

    fn check(&mut self, rules: &mut Taken, kind: &str, paths: Vec<String>) -> Node {
        let rule = self.fresh(SNAKE, Role::Variant, rules);
        let mut entries = vec![
            ("rule".to_owned(), word(rule)),
            ("kind".to_owned(), word(kind)),
            (
                "fields".to_owned(),
                Node::List(paths.into_iter().map(word).collect()),
            ),
            ("message".to_owned(), self.text()),
        ];
        self.shuffle(&mut entries);
        Node::Map(entries)
    }

    // ---- YAML writing ----

    /// Writes mapping entries with their keys at column `indent`.
    fn write_map(
        &mut self,
        entries: &[(String, Node)],
        indent: usize,
        step: usize,
        out: &mut String,
    ) {
        for (key, value) in entries {
            out.push_str(&" ".repeat(indent));
            out.push_str(&self.scalar_word(key));
            out.push(':');
            self.write_value(value, indent, step, out);
        }
    }

    /// Writes a value after `key:` (on the same line for scalars and flow collections).
    fn write_value(&mut self, value: &Node, indent: usize, step: usize, out: &mut String) {
        match value {
            Node::Text(s) => {
                out.push(' ');
                self.write_text(s, indent, step, true, out);
            }
            Node::Word(w) => {
                out.push(' ');
                out.push_str(&self.scalar_word(w));
                out.push('\n');
            }
            Node::Scalar(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(m) if m.is_empty() => out.push_str(" {}\n"),
            Node::Map(m) => {
                out.push('\n');
                self.write_map(m, indent + step, step, out);
            }
            Node::List(items) if items.is_empty() => out.push_str(" []\n"),
            Node::List(items)
                if items.iter().all(|i| matches!(i, Node::Word(_))) && self.chance(50) =>
            {
                let words: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        Node::Word(w) => self.scalar_word(w),
                        _ => String::new(),
                    })
                    .collect();
                out.push_str(&format!(" [{}]\n", words.join(", ")));
            }
            Node::List(items) => {
                out.push('\n');
                let item_indent = if self.chance(50) {
                    indent
                } else {
                    indent + step
                };
                for item in items {
                    match item {
                        Node::Map(m) if !m.is_empty() => {
                            // `- first: ...` then the other keys under `first`.
                            let mut inner = String::new();
                            self.write_map(m, item_indent + 2, step, &mut inner);
                            out.push_str(&" ".repeat(item_indent));
                            out.push_str("- ");
                            out.push_str(&inner[item_indent + 2..]);
                        }
                        Node::Text(s) => {
                            out.push_str(&" ".repeat(item_indent));
                            out.push('-');
                            out.push(' ');
                            self.write_text(s, item_indent, step, false, out);
                        }
                        other => {
                            out.push_str(&" ".repeat(item_indent));
                            out.push('-');
                            self.write_value(other, item_indent, step, out);
                        }
                    }
                }
            }
        }
    }

    /// A name or keyword, quoted when YAML would not read it as that string.
    fn scalar_word(&mut self, w: &str) -> String {
        // YAML 1.1 and 1.2 keywords, numbers and indicators.
        let special = [
            "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
        ]
        .contains(&w.to_ascii_lowercase().as_str())
            || !w.starts_with(|c: char| c.is_ascii_alphabetic());
        if special || self.chance(10) {
            if self.chance(50) {
                format!("'{w}'")
            } else {
                format!("\"{w}\"")
            }
        } else {
            w.to_owned()
        }
    }

    /// Writes free text in a style that can hold it, ending the line.
    fn write_text(
        &mut self,
        s: &str,
        indent: usize,
        step: usize,
        block_ok: bool,
        out: &mut String,
    ) {
        let printable = s.chars().all(|c| yaml_printable(c) && c != '\u{feff}');
        let breaks = s.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
        let single_ok = printable && !breaks;
        let literal_ok = block_ok
            && printable
            && !s.is_empty()
            && !s.ends_with('\n')
            && !s.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']);
        let style = self.below(3);
        if style == 1 && single_ok {
            out.push('\'');
            out.push_str(&s.replace('\'', "''"));
            out.push_str("'\n");
        } else if style == 2 && literal_ok {
            out.push_str(&format!("|{step}-\n"));
            for line in s.split('\n') {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + step));
                    out.push_str(line);
                }
                out.push('\n');
            }
        } else {
            out.push('"');
            for c in s.chars() {
                self.double_quoted_char(c, out);
            }
            out.push_str("\"\n");
        }
    }

    fn double_quoted_char(&mut self, c: char, out: &mut String) {
        let named = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\0' => Some("\\0"),
            '\u{7}' => Some("\\a"),
            '\u{8}' => Some("\\b"),
            '\n' => Some("\\n"),
            '\u{b}' => Some("\\v"),
            '\u{c}' => Some("\\f"),
            '\r' => Some("\\r"),
            '\u{1b}' => Some("\\e"),
            '\u{85}' => Some("\\N"),
            '\u{2028}' => Some("\\L"),
            '\u{2029}' => Some("\\P"),
            _ => None,
        };
        if let Some(named) = named {
            out.push_str(named);
            return;
        }
        let must_escape = !yaml_printable(c) || c == '\u{feff}';
        let escape = must_escape
            || (!c.is_ascii() && self.chance(10))
            || match c {
                '\t' => self.chance(50),
                '/' => self.chance(30),
                '\u{a0}' => self.chance(50),
                _ => false,
            };
        if !escape {
            out.push(c);
            return;
        }
        let code = c as u32;
        match c {
            '\t' => out.push_str("\\t"),
            '/' => out.push_str("\\/"),
            '\u{a0}' => out.push_str("\\_"),
            _ if code < 0x100 && self.chance(70) => out.push_str(&format!("\\x{code:02X}")),
            _ if code < 0x10000 => out.push_str(&format!("\\u{code:04x}")),
            _ => out.push_str(&format!("\\U{code:08X}")),
        }
    }
}

/// Random text over the whole range of Unicode scalar values (possibly blank), with the
/// fragments some target reads specially mixed in.
pub(crate) fn hostile_text(d: &mut impl Draw) -> String {
    let mut s = String::new();
    for _ in 0..d.between(1, 6) {
        match d.below(20) {
            0..=10 => {
                let n = d.between(1, 12);
                let chars = d.draw(proptest::collection::vec(any::<char>(), n));
                s.extend(chars);
            }
            11..=15 => {
                let fragment = *d.pick(HOSTILE);
                s.push_str(fragment);
            }
            _ => {
                let &(low, high) = d.pick(AWKWARD);
                for _ in 0..d.between(1, 3) {
                    s.push(d.draw(proptest::char::range(low, high)));
                }
            }
        }
    }
    if d.chance(3) {
        // A long text: lines of generated code must not care about length.
        s = s.repeat(40);
    }
    s
}

/// YAML 1.2's printable characters (what may appear unescaped in a scalar).
fn yaml_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}'
        | '\u{10000}'..='\u{10ffff}')
}

/// A JSON object with a value for every required field of object `o` that lint accepts as a
/// sample (warnings allowed: empty strings are unknown enumeration values), or `None` when a
/// required string has a pattern, which an arbitrary value would break.
fn valid_sample(
    shapes: &[Vec<(String, Ty, bool, bool)>],
    o: usize,
    depth: usize,
) -> Option<serde_json::Value> {
    let mut map = serde_json::Map::new();
    for (name, ty, required, patterned) in shapes.get(o)? {
        if !required {
            continue;
        }
        let value = match ty {
            Ty::Str if *patterned => return None,
            Ty::Str | Ty::EventCode | Ty::ResultCode | Ty::Enum(_) => {
                serde_json::Value::String(String::new())
            }
            Ty::Any => serde_json::Value::from(0),
            Ty::Object(inner) if depth < 8 => valid_sample(shapes, *inner, depth + 1)?,
            Ty::Object(_) => return None,
        };
        map.insert(name.clone(), value);
    }
    Some(serde_json::Value::Object(map))
}
