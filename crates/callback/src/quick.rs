//! A reader of JSON text for the built-in validator that builds no `serde_json::Value`: one
//! pass over the bytes, strings borrowed from the text (copied only when they hold an escape),
//! the fields of each object of the schema kept by index for the validator's walk.
//!
//! It gives a report only for text that it is sure of, and then the very report
//! [`crate::validate_text`] gives: the same walk of the schema runs on what it read, so the
//! issues, their order, messages, pointers and masking are those of the full path. It is
//! sure of RFC 8259 text that `serde_json` reads as it is (no lone surrogate escape, no number
//! near the range of a float) whose root is an object, with no key repeated in any object, no
//! escape in any key, at most [`MAX_KEYS`] keys an object that are not fields of its schema,
//! and at most [`MAX_DEPTH`] arrays and objects deep, under 4 GiB. For anything else it returns `None`, and
//! the caller reads the text with the full reader. Time is linear in the text: each byte is
//! read once, and a key is compared with at most [`MAX_KEYS`] others.

use std::borrow::Cow;

use crate::validate::Obj;
use crate::validate::{
    self, FieldKindOf, FieldSchema, Found, ObjectSchema, ObjectSchemaOf, Report, Seen, same_bytes,
};

/// The deepest nesting of arrays and objects this reader follows (the full reader's limit,
/// [`crate::MAX_DEPTH`], is twice that).
pub(crate) const MAX_DEPTH: usize = 64;

/// The most keys an object may have that are not fields of its schema (every key of an object
/// that no schema describes): each is compared with the others for repeats.
pub(crate) const MAX_KEYS: usize = 64;

/// How much room for unescaped strings a reader keeps from one text to the next.
const KEPT_SCRATCH: usize = 64 << 10;

/// A reader's buffers, kept from one text to the next (one per thread).
#[derive(Debug, Default)]
pub struct QuickReader {
    slots: Vec<Slot>,
    keys: Vec<(usize, usize)>,
    scratch: String,
}

/// The payload shape a reader reads: an object with the discriminant key is a `state`, any
/// other object a `bare` one (the crate root names the spec's, so this module names none).
#[derive(Debug)]
pub(crate) struct Shape {
    pub(crate) discriminant: &'static str,
    pub(crate) state: &'static ObjectSchema,
    pub(crate) bare: &'static ObjectSchema,
}

/// What a reader found in a text it is sure of.
#[derive(Debug)]
pub(crate) struct Read<'t> {
    /// The report [`crate::validate_text`] gives for the same text.
    pub(crate) report: Report,
    /// Whether it was read as the state (it has the discriminant key).
    pub(crate) is_state: bool,
    /// The string value of the root's discriminant key, if it has one.
    pub(crate) code: Option<Cow<'t, str>>,
}

/// A field's value as read: where its string is, or which slots hold its object's fields.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    /// Absent or `null`.
    Absent,
    /// A string: `text[start..end]`, or `scratch[start..end]` when it held an escape; for a
    /// field of an enumeration, the index of its value among the known ones (`Some(None)`:
    /// not a known value), looked up once for the walk and the checks.
    Str {
        start: u32,
        end: u32,
        scratch: bool,
        known: Option<Option<u32>>,
    },
    /// An object of the field's schema, its fields from this slot on.
    Object(usize),
    /// Any other value, by its type's name in messages.
    Other(&'static str),
}

/// Why the reader stops.
enum Stop {
    /// Not a text this reader is sure of: the full reader reads it.
    Unsure,
    /// The root, read as a bare result, has the discriminant key: read it again as a state.
    Restart,
}

type Step<T> = Result<T, Stop>;

/// What a text was read into, for the validator.
#[derive(Debug)]
pub(crate) struct Tree<'a> {
    text: &'a str,
    scratch: &'a str,
    slots: &'a [Slot],
}

/// An object of a [`Tree`]: its fields are the slots from `base` on, in schema order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextObject<'a> {
    tree: &'a Tree<'a>,
    base: usize,
}

impl Slot {
    /// Absent or `null`.
    #[inline]
    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, Slot::Absent)
    }
}

impl<'a> TextObject<'a> {
    fn slot(&self, index: usize) -> Slot {
        self.tree
            .slots
            .get(self.base + index)
            .copied()
            .unwrap_or(Slot::Absent)
    }

    fn str(&self, start: u32, end: u32, scratch: bool) -> &'a str {
        let from = if scratch {
            self.tree.scratch
        } else {
            self.tree.text
        };
        from.get(start as usize..end as usize).unwrap_or_default()
    }

    /// The slots of the object's first `count` fields (its schema's), in schema order.
    #[inline]
    pub(crate) fn slots(&self, count: usize) -> &'a [Slot] {
        self.tree
            .slots
            .get(self.base..self.base + count)
            .unwrap_or_default()
    }

    /// A field's slot, as the validator's walk sees it.
    #[inline]
    pub(crate) fn seen(&self, slot: Slot) -> Seen<'a> {
        match slot {
            Slot::Absent => Seen::Absent,
            Slot::Str {
                start,
                end,
                scratch,
                known,
            } => Seen::Str(self.str(start, end, scratch), known.map(|k| k.is_some())),
            Slot::Object(base) => Seen::Object(Obj::Text(TextObject {
                tree: self.tree,
                base,
            })),
            Slot::Other(found) => Seen::Other(found),
        }
    }

    /// The string at a path of field indices from this object of `schema`, through objects
    /// of the schema, with its field: what a check reads.
    pub(crate) fn resolve<'s>(
        &self,
        schema: &'s ObjectSchemaOf<'s>,
        path: &[usize],
    ) -> Found<'a, 's> {
        let (last, parents) = path.split_last()?;
        let (mut schema, mut object) = (schema, *self);
        for &index in parents {
            let field = schema.fields.get(index)?;
            let (FieldKindOf::Object(inner), Slot::Object(base)) =
                (&field.kind, object.slot(index))
            else {
                return None;
            };
            schema = inner;
            object = TextObject {
                tree: object.tree,
                base,
            };
        }
        let field = schema.fields.get(*last)?;
        match object.slot(*last) {
            Slot::Str {
                start,
                end,
                scratch,
                known,
            } => Some((
                field,
                object.str(start, end, scratch),
                known.map(|k| k.map(|i| i as usize)),
            )),
            _ => None,
        }
    }
}

impl QuickReader {
    pub fn new() -> QuickReader {
        QuickReader::default()
    }

    /// The report [`crate::validate_text`] gives for `text` read as `shape`, with whether it is
    /// the state and its code, when the text is one this reader is sure of (see the module's
    /// description); `None` otherwise. Without `texts`, each issue has only its rule and
    /// severity (its pointer and message are never written out).
    pub(crate) fn read_payload<'t>(
        &mut self,
        text: &'t str,
        shape: &Shape,
        texts: bool,
    ) -> Option<Read<'t>> {
        // A state has the discriminant key; a bare object is read as one until that key shows.
        let bytes = text.as_bytes();
        let key = shape.discriminant.as_bytes();
        let first_key = skip_ws(bytes, skip_ws(bytes, 0) + 1);
        let mut is_state = bytes
            .get(first_key + 1..)
            .is_some_and(|rest| rest.starts_with(key))
            && bytes.get(first_key) == Some(&b'"')
            && bytes.get(first_key + 1 + key.len()) == Some(&b'"');
        loop {
            let schema = if is_state { shape.state } else { shape.bare };
            let restart = (!is_state).then_some(shape.discriminant);
            match self.read(text, schema, restart) {
                Ok(()) => return Some(self.report(text, schema, shape, is_state, texts)),
                Err(Stop::Restart) if !is_state => is_state = true,
                Err(_) => return None,
            }
        }
    }

    /// Reads the whole of `text`, an object of `schema`, into the slots; `restart`, for a bare
    /// object, is the key whose presence makes it the state after all.
    fn read(
        &mut self,
        text: &str,
        schema: &'static ObjectSchema,
        restart: Option<&'static str>,
    ) -> Step<()> {
        // Slots hold positions in 32 bits.
        if u32::try_from(text.len()).is_err() {
            return Err(Stop::Unsure);
        }
        self.slots.clear();
        self.keys.clear();
        self.scratch.clear();
        // A long string with escapes made room that the next texts do not need.
        if self.scratch.capacity() > KEPT_SCRATCH {
            self.scratch.shrink_to(KEPT_SCRATCH);
        }
        let mut reader = Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            slots: &mut self.slots,
            keys: &mut self.keys,
            scratch: &mut self.scratch,
        };
        reader.ws();
        if reader.peek() != Some(b'{') {
            return Err(Stop::Unsure);
        }
        reader.object(schema, 1, restart)?;
        reader.ws();
        if reader.at != reader.bytes.len() {
            return Err(Stop::Unsure);
        }
        Ok(())
    }

    fn report<'t>(
        &self,
        text: &'t str,
        schema: &'static ObjectSchema,
        shape: &Shape,
        is_state: bool,
        texts: bool,
    ) -> Read<'t> {
        let tree = Tree {
            text,
            scratch: &self.scratch,
            slots: &self.slots,
        };
        let root = TextObject {
            tree: &tree,
            base: 0,
        };
        let report = validate::validate_text(schema, root, texts);
        let code = match is_state {
            false => None,
            true => schema
                .fields
                .iter()
                .position(|f| f.name == shape.discriminant)
                .and_then(|index| match root.slot(index) {
                    Slot::Str {
                        start,
                        end,
                        scratch: false,
                        ..
                    } => text.get(start as usize..end as usize).map(Cow::Borrowed),
                    Slot::Str {
                        start,
                        end,
                        scratch: true,
                        ..
                    } => self
                        .scratch
                        .get(start as usize..end as usize)
                        .map(|s| Cow::Owned(s.to_owned())),
                    _ => None,
                }),
        };
        Read {
            report,
            is_state,
            code,
        }
    }
}

/// The index of the field of `schema` named `name`, looked for at `hint` first.
#[inline]
fn find_field(schema: &ObjectSchema, name: &[u8], hint: usize) -> Option<usize> {
    if let Some(field) = schema.fields.get(hint)
        && same_bytes(field.name.as_bytes(), name)
    {
        return Some(hint);
    }
    schema
        .fields
        .iter()
        .position(|f| same_bytes(f.name.as_bytes(), name))
}

/// The position of the first byte at or after `at` that is not JSON whitespace.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The high bit of each byte of `word` (read little-endian) that ends a run of plain string
/// text: `"`, `\` or a control character. Bytes above the first such byte may be marked
/// wrongly (a borrow runs on), the first one never is: only the lowest marked byte counts.
#[inline]
fn stops(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let quote = zero(word ^ (ONES * u64::from(b'"')));
    let backslash = zero(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    quote | backslash | control
}

/// One pass over a text.
struct Reader<'r, 't> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    slots: &'r mut Vec<Slot>,
    /// The keys of the objects being read that are not fields of their schema, innermost
    /// object's last, as spans of the text.
    keys: &'r mut Vec<(usize, usize)>,
    scratch: &'r mut String,
}

impl Reader<'_, '_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline]
    fn ws(&mut self) {
        self.at = skip_ws(self.bytes, self.at);
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Step<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Stop::Unsure)
        }
    }

    /// After a member or an element: `,` (then whitespace) or the `close` byte. Returns
    /// whether another one follows.
    #[inline]
    fn more(&mut self, close: u8) -> Step<bool> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.ws();
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            _ => Err(Stop::Unsure),
        }
    }

    /// The object at `{`, of `schema`, `depth` arrays and objects deep: its fields go to
    /// slots from the returned one on. `restart`: for the root read as a bare object, the
    /// discriminant key, at which it stops.
    fn object(
        &mut self,
        schema: &'static ObjectSchema,
        depth: usize,
        restart: Option<&'static str>,
    ) -> Step<usize> {
        if depth > MAX_DEPTH || schema.fields.len() > 64 {
            return Err(Stop::Unsure);
        }
        let base = self.slots.len();
        self.slots.resize(base + schema.fields.len(), Slot::Absent);
        let keys = self.keys.len();
        let mut seen: u64 = 0;
        // Where the next key is looked for first: keys often come in the schema's order.
        let mut next = 0;
        self.at += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(base);
        }
        loop {
            // The field after the last one found, if that is the key (no scan, no search).
            let expected = match schema.fields.get(next) {
                Some(field) => self.expected_key(field.name.as_bytes())?,
                None => None,
            };
            let (start, end, index) = match expected {
                Some((start, end)) => (start, end, Some(next)),
                None => {
                    let (start, end) = self.key()?;
                    (
                        start,
                        end,
                        find_field(schema, &self.bytes[start..end], next),
                    )
                }
            };
            if restart.is_some_and(|key| &self.bytes[start..end] == key.as_bytes()) {
                return Err(Stop::Restart);
            }
            match index {
                Some(index) => {
                    next = index + 1;
                    let bit = 1u64 << index;
                    if seen & bit != 0 {
                        return Err(Stop::Unsure);
                    }
                    seen |= bit;
                    let slot = self.field(&schema.fields[index], depth)?;
                    self.slots[base + index] = slot;
                }
                None => {
                    self.new_key(keys, start, end)?;
                    self.value(depth)?;
                }
            }
            if !self.more(b'}')? {
                break;
            }
        }
        self.keys.truncate(keys);
        Ok(base)
    }

    /// The value of a field of a schema, in an object `depth` deep.
    fn field(&mut self, field: &'static FieldSchema, depth: usize) -> Step<Slot> {
        Ok(match (self.peek(), &field.kind) {
            (Some(b'"'), FieldKindOf::Enum(e)) => match self.string_value()? {
                Slot::Str {
                    start,
                    end,
                    scratch,
                    ..
                } => {
                    let from: &str = if scratch { self.scratch } else { self.text };
                    let value = from.get(start as usize..end as usize).unwrap_or_default();
                    Slot::Str {
                        start,
                        end,
                        scratch,
                        known: Some(e.find(value).map(|i| i as u32)),
                    }
                }
                other => other,
            },
            (Some(b'"'), _) => self.string_value()?,
            (Some(b'{'), FieldKindOf::Object(inner)) => {
                Slot::Object(self.object(inner, depth + 1, None)?)
            }
            (Some(b'n'), _) => {
                self.literal(b"null")?;
                Slot::Absent
            }
            _ => Slot::Other(self.value(depth)?),
        })
    }

    /// A key and the `:` after it; the span of its text. A key with an escape is not read
    /// here (two spellings of one key would compare unequal).
    #[inline]
    fn key(&mut self) -> Step<(usize, usize)> {
        self.eat(b'"')?;
        let start = self.at;
        self.plain()?;
        if self.peek() != Some(b'"') {
            return Err(Stop::Unsure);
        }
        let end = self.at;
        self.at += 1;
        self.ws();
        self.eat(b':')?;
        self.ws();
        Ok((start, end))
    }

    /// The key and the `:` after it when the key is `name` (which holds no escape), its span;
    /// `None` (nothing read) when it is another key.
    #[inline]
    fn expected_key(&mut self, name: &[u8]) -> Step<Option<(usize, usize)>> {
        let start = self.at + 1;
        let end = start + name.len();
        let found = self.peek() == Some(b'"')
            && self
                .bytes
                .get(start..end)
                .is_some_and(|key| same_bytes(key, name))
            && self.bytes.get(end) == Some(&b'"');
        if !found {
            return Ok(None);
        }
        self.at = end + 1;
        self.ws();
        self.eat(b':')?;
        self.ws();
        Ok(Some((start, end)))
    }

    /// Notes a key that is not a field of its object's schema, the object's first such key
    /// being `keys` in [`Reader::keys`]; stops at a repeat or past [`MAX_KEYS`].
    fn new_key(&mut self, keys: usize, start: usize, end: usize) -> Step<()> {
        let others = &self.keys[keys..];
        if others.len() >= MAX_KEYS {
            return Err(Stop::Unsure);
        }
        let key = &self.bytes[start..end];
        if others
            .iter()
            .any(|&(s, e)| same_bytes(&self.bytes[s..e], key))
        {
            return Err(Stop::Unsure);
        }
        self.keys.push((start, end));
        Ok(())
    }

    /// Any value, in a container `depth` deep, checked and passed over; its type's name.
    fn value(&mut self, depth: usize) -> Step<&'static str> {
        match self.peek() {
            Some(b'"') => {
                self.string_skip()?;
                Ok("a string")
            }
            Some(b'{') => {
                if depth + 1 > MAX_DEPTH {
                    return Err(Stop::Unsure);
                }
                let keys = self.keys.len();
                self.at += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        let (start, end) = self.key()?;
                        self.new_key(keys, start, end)?;
                        self.value(depth + 1)?;
                        if !self.more(b'}')? {
                            break;
                        }
                    }
                }
                self.keys.truncate(keys);
                Ok("an object")
            }
            Some(b'[') => {
                if depth + 1 > MAX_DEPTH {
                    return Err(Stop::Unsure);
                }
                self.at += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        self.value(depth + 1)?;
                        if !self.more(b']')? {
                            break;
                        }
                    }
                }
                Ok("an array")
            }
            Some(b't') => {
                self.literal(b"true")?;
                Ok("a boolean")
            }
            Some(b'f') => {
                self.literal(b"false")?;
                Ok("a boolean")
            }
            Some(b'n') => {
                self.literal(b"null")?;
                Ok("null")
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                Ok("a number")
            }
            _ => Err(Stop::Unsure),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Step<()> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Stop::Unsure)
        }
    }

    /// A number of RFC 8259's grammar, short enough (at most 64 bytes, an exponent of at
    /// most two digits) that `serde_json` reads it as a finite number.
    fn number(&mut self) -> Step<()> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Stop::Unsure),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(Stop::Unsure);
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            let digits = self.at;
            self.digits();
            if !(1..=2).contains(&(self.at - digits)) {
                return Err(Stop::Unsure);
            }
        }
        if self.at - start > 64 {
            return Err(Stop::Unsure);
        }
        Ok(())
    }

    #[inline]
    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// A string's text up to its closing quote or first backslash; stops at a control
    /// character or the end of the text.
    #[inline]
    fn plain(&mut self) -> Step<()> {
        // Eight bytes at a time while none of them ends the run.
        while let Some(word) = self
            .bytes
            .get(self.at..)
            .and_then(|rest| rest.first_chunk::<8>())
        {
            let stops = stops(u64::from_le_bytes(*word));
            if stops != 0 {
                self.at += (stops.trailing_zeros() / 8) as usize;
                break;
            }
            self.at += 8;
        }
        loop {
            match self.peek() {
                Some(b'"' | b'\\') => return Ok(()),
                Some(0..=0x1f) | None => return Err(Stop::Unsure),
                Some(_) => self.at += 1,
            }
        }
    }

    /// A string value, where its text is: borrowed from the text, or unescaped into the
    /// scratch buffer.
    fn string_value(&mut self) -> Step<Slot> {
        self.at += 1;
        let start = self.at;
        self.plain()?;
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Slot::Str {
                start: start as u32,
                end: (self.at - 1) as u32,
                scratch: false,
                known: None,
            });
        }
        let from = self.scratch.len();
        self.scratch.push_str(&self.text[start..self.at]);
        loop {
            // At a backslash.
            self.at += 1;
            let c = self.escape()?;
            self.scratch.push(c);
            let run = self.at;
            self.plain()?;
            self.scratch.push_str(&self.text[run..self.at]);
            if self.peek() == Some(b'"') {
                self.at += 1;
                return Ok(Slot::Str {
                    start: from as u32,
                    end: self.scratch.len() as u32,
                    scratch: true,
                    known: None,
                });
            }
        }
    }

    /// A string value, checked and passed over.
    fn string_skip(&mut self) -> Step<()> {
        self.at += 1;
        loop {
            self.plain()?;
            if self.peek() == Some(b'"') {
                self.at += 1;
                return Ok(());
            }
            self.at += 1;
            self.escape()?;
        }
    }

    /// The character of the escape after a backslash. A lone surrogate is not read here.
    fn escape(&mut self) -> Step<char> {
        let byte = self.peek().ok_or(Stop::Unsure)?;
        self.at += 1;
        Ok(match byte {
            b'u' => {
                let high = self.hex4()?;
                let code = match high {
                    0xd800..=0xdbff => {
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(Stop::Unsure);
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(Stop::Unsure);
                        }
                        0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(Stop::Unsure),
                    _ => high,
                };
                char::from_u32(code).ok_or(Stop::Unsure)?
            }
            _ => crate::lenient::simple_escape(byte).ok_or(Stop::Unsure)?,
        })
    }

    fn hex4(&mut self) -> Step<u32> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(Stop::Unsure)?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(Stop::Unsure)?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }
}
