//! A loaded spec's types as `antom-callback`'s schema tables, so that lint's sample check and
//! `antom validate --spec` run the one payload validator (`antom_callback::validate_as`,
//! `antom_callback::validate::duplicate_key`): types, lengths, patterns, repeated keys, card
//! masking and the Luhn check have a single implementation.
//!
//! The generated tables are statics; these are built once per spec in a [`TableArena`] that
//! the caller owns and drops (nothing is leaked, however many specs a process loads), borrowing
//! the spec's strings. Built for a linted spec: its objects do not nest recursively and every
//! type a field names exists (a field naming a missing or cyclic object is read as `any`, an
//! unknown enumeration has no known value), and its fields are sorted by wire name, the order
//! the validator walks.

use std::collections::HashMap;
use std::fmt;

use antom_callback::validate::{
    CheckKind as TableCheckKind, CheckSchemaOf, EnumSchemaOf, FieldKindOf, FieldSchemaOf,
    ObjectSchemaOf, PatternOf,
};
use typed_arena::Arena;

use crate::model::{CheckKind, FieldType, Object, Outcome, Spec};

/// The phrase for a pattern whose field has no `format`, as the generators word it.
const NO_FORMAT: &str = "in the expected format";

/// Storage for the tables of one spec: everything [`Tables::new`] builds lives here and is
/// dropped with it.
#[derive(Default)]
pub struct TableArena<'s> {
    objects: Arena<ObjectSchemaOf<'s>>,
    fields: Arena<FieldSchemaOf<'s>>,
    checks: Arena<CheckSchemaOf<'s>>,
    enums: Arena<EnumSchemaOf<'s>>,
    values: Arena<(&'s str, Option<antom_callback::Outcome>)>,
    patterns: Arena<PatternOf<'s>>,
    segments: Arena<&'s str>,
    paths: Arena<&'s [&'s str]>,
    indices: Arena<usize>,
    index_paths: Arena<&'s [usize]>,
}

impl fmt::Debug for TableArena<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableArena")
            .field("objects", &self.objects.len())
            .finish_non_exhaustive()
    }
}

/// The schema tables of a loaded spec's object types, by name.
#[derive(Debug)]
pub struct Tables<'s> {
    objects: HashMap<&'s str, &'s ObjectSchemaOf<'s>>,
}

impl<'s> Tables<'s> {
    /// Builds the tables of every object type of `spec` in `arena`.
    pub fn new(spec: &'s Spec, arena: &'s TableArena<'s>) -> Tables<'s> {
        let mut builder = Builder {
            spec,
            arena,
            objects: HashMap::new(),
            enums: HashMap::new(),
        };
        for object in &spec.objects {
            builder.object_and_its_parts(object);
        }
        Tables {
            objects: builder.objects,
        }
    }

    /// The table of the object type `name`.
    pub fn object(&self, name: &str) -> Option<&'s ObjectSchemaOf<'s>> {
        self.objects.get(name).copied()
    }
}

struct Builder<'s> {
    spec: &'s Spec,
    arena: &'s TableArena<'s>,
    objects: HashMap<&'s str, &'s ObjectSchemaOf<'s>>,
    enums: HashMap<&'s str, &'s EnumSchemaOf<'s>>,
}

impl<'s> Builder<'s> {
    /// Builds `object` after every object it reaches (an explicit stack: no recursion, whatever
    /// the depth). An object met again while its own fields are being built is a cycle.
    fn object_and_its_parts(&mut self, object: &'s Object) {
        let mut started: Vec<&str> = Vec::new();
        let mut todo: Vec<(&'s Object, bool)> = vec![(object, false)];
        while let Some((object, expanded)) = todo.pop() {
            if self.objects.contains_key(object.name.as_str()) {
                continue;
            }
            if expanded {
                let table = self.object(object);
                self.objects.insert(&object.name, table);
                continue;
            }
            if started.contains(&object.name.as_str()) {
                continue;
            }
            started.push(&object.name);
            todo.push((object, true));
            for field in &object.fields {
                if let FieldType::Object(inner) = &field.ty
                    && let Some(inner) = self.spec.object(inner)
                    && !started.contains(&inner.name.as_str())
                {
                    todo.push((inner, false));
                }
            }
        }
    }

    /// The table of `object`, whose object fields' tables are built (or never will be).
    fn object(&mut self, object: &'s Object) -> &'s ObjectSchemaOf<'s> {
        let fields: Vec<FieldSchemaOf<'s>> = object
            .fields
            .iter()
            .map(|field| FieldSchemaOf {
                name: &field.name,
                required: field.required,
                kind: self.kind(&field.ty),
                max_length: field
                    .max_length
                    .map(|max| usize::try_from(max).unwrap_or(usize::MAX)),
                pattern: field.pattern.as_deref().map(|source| {
                    let format = field.format.as_deref().unwrap_or(NO_FORMAT);
                    &*self.arena.patterns.alloc(PatternOf::new(source, format))
                }),
                sensitive: field.sensitive,
            })
            .collect();
        let checks: Vec<CheckSchemaOf<'s>> = object
            .checks
            .iter()
            .map(|check| {
                let fields: Vec<&'s [&'s str]> = check
                    .fields
                    .iter()
                    .map(|path| {
                        &*self
                            .arena
                            .segments
                            .alloc_extend(path.iter().map(String::as_str))
                    })
                    .collect();
                let indices: Vec<&'s [usize]> = check
                    .paths
                    .iter()
                    .map(|path| {
                        &*self
                            .arena
                            .indices
                            .alloc_extend(path.steps.iter().map(|s| s.index))
                    })
                    .collect();
                CheckSchemaOf {
                    rule: &check.rule,
                    kind: match check.kind {
                        CheckKind::DigitsSuffix => TableCheckKind::DigitsSuffix,
                        CheckKind::SameOutcome => TableCheckKind::SameOutcome,
                    },
                    fields: self.arena.paths.alloc_extend(fields),
                    indices: self.arena.index_paths.alloc_extend(indices),
                    message: &check.message,
                }
            })
            .collect();
        self.arena.objects.alloc(ObjectSchemaOf {
            name: &object.name,
            fields: self.arena.fields.alloc_extend(fields),
            checks: self.arena.checks.alloc_extend(checks),
        })
    }

    fn kind(&mut self, ty: &'s FieldType) -> FieldKindOf<'s> {
        let spec = self.spec;
        match ty {
            FieldType::String => FieldKindOf::String,
            FieldType::Any => FieldKindOf::Any,
            FieldType::Object(name) => match self.objects.get(name.as_str()) {
                Some(table) => FieldKindOf::Object(table),
                None => FieldKindOf::Any,
            },
            FieldType::EventCode => FieldKindOf::Enum(
                self.enumeration(
                    "EventCode",
                    spec.event_codes
                        .iter()
                        .map(|c| (c.code.as_str(), c.outcome)),
                ),
            ),
            FieldType::PaymentResultCode => FieldKindOf::Enum(
                self.enumeration(
                    "PaymentResultCode",
                    spec.result_codes
                        .iter()
                        .map(|c| (c.code.as_str(), c.outcome)),
                ),
            ),
            FieldType::Enum(name) => {
                let values = spec.enum_def(name).map(|e| e.values.as_slice());
                let values = values.unwrap_or_default();
                FieldKindOf::Enum(
                    self.enumeration(name, values.iter().map(|v| (v.value.as_str(), v.outcome))),
                )
            }
        }
    }

    /// The table of the enumeration `name` (built once) with its known values and outcomes,
    /// sorted by wire value as the validator looks them up.
    fn enumeration(
        &mut self,
        name: &'s str,
        values: impl Iterator<Item = (&'s str, Option<Outcome>)>,
    ) -> &'s EnumSchemaOf<'s> {
        if let Some(table) = self.enums.get(name) {
            return table;
        }
        let mut values: Vec<(&'s str, Option<antom_callback::Outcome>)> = values
            .map(|(value, outcome)| (value, outcome.map(outcome_of)))
            .collect();
        values.sort_by(|a, b| a.0.cmp(b.0));
        let table = &*self.arena.enums.alloc(EnumSchemaOf {
            name,
            values: self.arena.values.alloc_extend(values),
        });
        self.enums.insert(name, table);
        table
    }
}

fn outcome_of(outcome: Outcome) -> antom_callback::Outcome {
    match outcome {
        Outcome::Success => antom_callback::Outcome::Success,
        Outcome::Failure => antom_callback::Outcome::Failure,
        Outcome::Processing => antom_callback::Outcome::Processing,
    }
}
