/**
 * The validation interpreter: walks a JSON value against the generated schema tables and reports
 * every violation at once, each with its JSON pointer (the same for every spec).
 *
 * Semantics, the same in every target: wrong JSON types, missing required fields, strings longer
 * than `maxLength` (counted in Unicode code points) and pattern mismatches are errors; unknown
 * enumeration values and failed cross-field checks are warnings; unknown keys are accepted; `null`
 * in an optional field counts as absent. Nothing here throws, whatever the input.
 *
 * @module
 */

import { maskCardNumbers } from './mask.js';

export { maskCardNumbers } from './mask.js';

/** How bad an issue is. */
export type Severity = 'error' | 'warning';

/** One violation. */
export interface Issue {
  /** JSON pointer (RFC 6901) of the offending value; `''` is the whole payload. */
  readonly path: string;
  /**
   * Short stable rule name: `type`, `required`, `max_length`, `pattern`, `unknown_value`, or a
   * cross-field rule of the spec.
   */
  readonly rule: string;
  readonly severity: Severity;
  /** What is wrong, in words: the same in every runtime, values quoted and card numbers masked. */
  readonly message: string;
}

/** Every issue found in one payload. */
export interface ValidationReport {
  /** No errors (warnings allowed). */
  readonly isValid: boolean;
  /** Neither errors nor warnings. */
  readonly isClean: boolean;
  /** Every issue, errors and warnings, in document order. */
  readonly issues: readonly Issue[];
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
}

/** Where a payment stands, as far as one value tells. */
export type Outcome = 'success' | 'failure' | 'processing';

/** The known values of an open enumeration, with their outcome. */
export interface EnumSchema {
  readonly name: string;
  readonly values: ReadonlyMap<string, Outcome | null>;
}

/** A pattern of the spec's portable subset, compiled with the `u` flag. */
export interface Pattern {
  readonly source: string;
  /** What the pattern requires, in words. */
  readonly format: string;
  /** `null` when the engine rejects the source (then no value matches). */
  readonly regex: RegExp | null;
}

/** What a field holds. */
export type FieldKind =
  | { readonly type: 'string' }
  | { readonly type: 'any' }
  | { readonly type: 'enum'; readonly schema: EnumSchema }
  | { readonly type: 'object'; readonly schema: () => ObjectSchema };

/** A field of an object type. */
export interface FieldSchema {
  /** Wire name. */
  readonly name: string;
  readonly required: boolean;
  readonly kind: FieldKind;
  readonly maxLength: number | null;
  readonly pattern: Pattern | null;
  /** Values are left out of messages. */
  readonly sensitive: boolean;
}

/** A cross-field consistency check; a failure is a warning. */
export interface CheckSchema {
  readonly rule: string;
  /**
   * `digits_suffix`: the first field equals the end of the second where that end is all digits.
   * `same_outcome`: known values of the fields that carry an outcome agree on it.
   */
  readonly kind: 'digits_suffix' | 'same_outcome';
  /** Field paths, as wire-name segments from the object. */
  readonly fields: readonly (readonly string[])[];
  readonly message: string;
}

/** An object type's fields and checks, as generated from the spec. */
export interface ObjectSchema {
  readonly name: string;
  readonly fields: readonly FieldSchema[];
  readonly checks: readonly CheckSchema[];
}

/** Compiles a pattern once; an engine that rejects it makes every value a mismatch. */
export function pattern(source: string, format: string): Pattern {
  let regex: RegExp | null;
  try {
    regex = new RegExp(source, 'u');
  } catch {
    regex = null;
  }
  return { source, format, regex };
}

/** Stands for a value whose reading threw (a getter or a proxy): never part of JSON. */
const UNREADABLE: unique symbol = Symbol('unreadable');

function isObject(value: unknown): value is object {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The own property `key` of an object, `undefined` when absent. */
/**
 * Where a decoded object keeps its known keys whose value had the wrong JSON type (`MISTYPED` of
 * the codec, from the global symbol registry so this entry point does not load the codec).
 */
const MISTYPED_KEY: unique symbol = Symbol.for('antom-callback.mistyped');

/**
 * The value of `key`: an own property, else the value a decoded object kept for it in its
 * mistyped record, so a decoded value gets the report of the JSON it came from.
 */
function read(value: object, key: string): unknown {
  try {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      return (value as { readonly [key: string]: unknown })[key];
    }
    const kept: unknown = (value as { readonly [MISTYPED_KEY]?: unknown })[MISTYPED_KEY];
    return isObject(kept) && Object.prototype.hasOwnProperty.call(kept, key)
      ? (kept as { readonly [key: string]: unknown })[key]
      : undefined;
  } catch {
    return UNREADABLE;
  }
}

/**
 * Whether `value` is a JSON object (not an array) that has `key`: as an own property, or kept in
 * a decoded object's mistyped record. How a payload's shape is told, decoded or not. Never throws.
 */
export function hasKey(value: unknown, key: string): boolean {
  return isObject(value) && read(value, key) !== undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (value === UNREADABLE) return 'a value that cannot be read';
  switch (typeof value) {
    case 'boolean':
      return 'a boolean';
    case 'number':
    case 'bigint':
      return 'a number';
    case 'string':
      return 'a string';
    case 'undefined':
      return 'undefined';
    case 'object':
      return isObject(value) ? 'an object' : 'an array';
    default:
      return `a ${typeof value}`;
  }
}

/** Appends a JSON pointer segment, escaping `~` and `/`. */
function segment(path: string, name: string): string {
  return `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Length in Unicode code points (what `[...s].length` gives), not UTF-16 units. */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Quotes a value for a message: card numbers masked ({@link maskCardNumbers}), then shortened so
 * a huge payload does not make a huge report.
 */
function quote(value: string): string {
  const s = maskCardNumbers(value);
  const chars = [...s];
  return chars.length > 64 ? `\`${chars.slice(0, 64).join('')}…\`` : `\`${s}\``;
}

/** A key that an object of a JSON text repeats. */
export interface RepeatedKey {
  /** Object keys and array indices from the root, the repeated key last. */
  readonly path: readonly string[];
  /** Every value of the key, in text order (`JSON.parse` keeps only the last). */
  readonly values: readonly unknown[];
}

/**
 * Every key that an object of the JSON `text` repeats, once per key, in text order, with all its
 * values: `JSON.parse` keeps only the last. `text` must be valid JSON (check it with `JSON.parse`
 * first). Never throws: on text it cannot read it returns what it found so far.
 */
export function repeatedKeys(text: string): RepeatedKey[] {
  return walk(text).found;
}

/** The limit of nesting of every runtime: an array or object inside 128 others is not JSON. */
export const MAX_DEPTH = 128;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * One walk of text that `JSON.parse` read: its repeated keys, and whether it holds what
 * `JSON.parse` accepts but no runtime of this package does (a lone surrogate in a string, nesting
 * deeper than {@link MAX_DEPTH}), so that {@link jsonSyntaxError} must look at it.
 */
function walk(text: string): { found: RepeatedKey[]; suspect: boolean } {
  const found: { path: string[]; values: unknown[] }[] = [];
  let suspect = false;
  let i = 0;
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    const s = JSON.parse(text.slice(start, i)) as string;
    if (LONE_SURROGATE.test(s)) suspect = true;
    return s;
  };
  const value = (path: string[], depth: number): void => {
    space();
    const c = text[i];
    if ((c === '{' || c === '[') && depth >= MAX_DEPTH) {
      suspect = true;
      throw new RangeError('too deep');
    }
    if (c === '{') {
      i++;
      // Each key so far with where its first value is written, and each repeated one's entry.
      const seen = new Map<string, [number, number]>();
      const reported = new Map<string, { path: string[]; values: unknown[] }>();
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        const key = string();
        space();
        i++; // ':'
        const first = seen.get(key);
        let entry = reported.get(key);
        if (entry === undefined && first !== undefined) {
          entry = { path: [...path, key], values: [JSON.parse(text.slice(first[0], first[1]))] };
          reported.set(key, entry);
          found.push(entry);
        }
        space();
        const start = i;
        value([...path, key], depth + 1);
        if (entry !== undefined) {
          entry.values.push(JSON.parse(text.slice(start, i)));
        } else {
          seen.set(key, [start, i]);
        }
        space();
        if (text[i++] !== ',') return;
      }
    } else if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, String(n)], depth + 1);
        space();
        if (text[i++] !== ',') return;
      }
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !',]} \t\n\r'.includes(text[i] ?? '')) i++;
    }
  };
  try {
    value([], 0);
  } catch {
    // Too deep, or text that is not JSON: what was found stays.
  }
  return { found, suspect };
}

/** JSON text read as every runtime of this package reads it. */
export type ReadJson =
  | { readonly ok: true; readonly value: unknown; readonly repeatedKeys: readonly RepeatedKey[] }
  | { readonly ok: false; readonly message: string };

/**
 * Reads JSON text as every runtime of this package does: `JSON.parse`, which reads valid text in
 * one pass, then one walk for repeated keys that also catches what `JSON.parse` accepts and the
 * other runtimes do not (a lone surrogate, nesting deeper than {@link MAX_DEPTH}). Text that is
 * not JSON gives the message of {@link jsonSyntaxError}. Never throws.
 */
export function readJson(text: string): ReadJson {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, message: jsonSyntaxError(text) ?? 'invalid JSON at line 1, column 1: expected a value' };
  }
  const read = walk(text);
  if (read.suspect) {
    const message = jsonSyntaxError(text);
    if (message !== undefined) return { ok: false, message };
  }
  return { ok: true, value, repeatedKeys: read.found };
}

/**
 * Where `text` stops being exactly one JSON value, as every runtime of this package words it:
 * `invalid JSON at line L, column C: WHAT`, line and column from 1, the column in Unicode code
 * points (a surrogate pair is one), lines ending at `\n` only, at the first offending character
 * (the end of the text when it ends too soon); `undefined` when it is JSON. Beyond RFC 8259, a
 * text that starts with a byte-order mark (`byte-order mark`), half a surrogate pair, escaped or raw, in a
 * string (`lone surrogate`, at the escape's backslash) and nesting deeper than
 * {@link MAX_DEPTH} are not JSON. `WHAT` is one of: `unexpected end of input`, `expected a value`,
 * `invalid literal`, `expected a string key`, `expected ':'`, `expected ',' or '}'`,
 * `expected ',' or ']'`, `invalid escape`, `invalid \u escape`, `lone surrogate`,
 * `control character in a string`, `invalid number`, `trailing characters after the value`,
 * `nested deeper than 128 levels`, `byte-order mark`. Never throws.
 */
export function jsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  // The first error, set before it is thrown.
  let stop: { readonly at: number; readonly what: string } | undefined;
  const fail = (what: string, at: number = i): never => {
    stop = { at, what };
    throw stop;
  };
  const failOrEnd = (what: string): never => fail(i >= n ? 'unexpected end of input' : what);
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-f]$/i.test(c);
  const space = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const hex4 = (): number => {
    for (let k = 0; k < 4; k++) {
      if (i >= n) fail('unexpected end of input');
      if (!isHex(text[i])) fail('invalid \\u escape');
      i++;
    }
    return parseInt(text.slice(i - 4, i), 16);
  };
  const escape = (): void => {
    const backslash = i;
    i++;
    if (i >= n) fail('unexpected end of input');
    const c = text[i];
    if (c !== undefined && '"\\/bfnrt'.includes(c)) {
      i++;
      return;
    }
    if (c !== 'u') fail('invalid escape');
    i++;
    const unit = hex4();
    if (unit >= 0xdc00 && unit <= 0xdfff) fail('lone surrogate', backslash);
    if (unit < 0xd800 || unit > 0xdbff) return;
    if (i >= n) fail('unexpected end of input');
    if (text[i] !== '\\') fail('lone surrogate', backslash);
    i++;
    if (i >= n) fail('unexpected end of input');
    if (text[i] !== 'u') fail('lone surrogate', backslash);
    i++;
    const low = hex4();
    if (low < 0xdc00 || low > 0xdfff) fail('lone surrogate', backslash);
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= n) fail('unexpected end of input');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        escape();
      } else if (c < 0x20) {
        fail('control character in a string');
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (!(next >= 0xdc00 && next <= 0xdfff)) fail('lone surrogate');
        i += 2;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        fail('lone surrogate');
      } else {
        i++;
      }
    }
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (i >= n) fail('unexpected end of input');
    if (text[i] === '0') {
      i++;
      if (isDigit(text[i])) fail('invalid number');
    } else if (isDigit(text[i])) {
      while (isDigit(text[i])) i++;
    } else {
      fail('invalid number');
    }
    if (text[i] === '.') {
      i++;
      if (!isDigit(text[i])) failOrEnd('invalid number');
      while (isDigit(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!isDigit(text[i])) failOrEnd('invalid number');
      while (isDigit(text[i])) i++;
    }
  };
  const literal = (word: string): void => {
    for (const c of word) {
      if (text[i] !== c) failOrEnd('invalid literal');
      i++;
    }
  };
  const value = (depth: number): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) fail('nested deeper than 128 levels');
      i++;
      space();
      const close = c === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') failOrEnd('expected a string key');
          string();
          space();
          if (text[i] !== ':') failOrEnd("expected ':'");
          i++;
        }
        value(depth + 1);
        space();
        if (i >= n) fail('unexpected end of input');
        if (text[i] === ',') {
          i++;
        } else if (text[i] === close) {
          i++;
          return;
        } else {
          fail(c === '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        }
      }
    } else if (c === '"') {
      string();
    } else if (c === '-' || isDigit(c)) {
      number();
    } else if (c === 't') {
      literal('true');
    } else if (c === 'f') {
      literal('false');
    } else if (c === 'n') {
      literal('null');
    } else {
      failOrEnd('expected a value');
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) fail('byte-order mark');
    value(0);
    space();
    if (i < n) fail('trailing characters after the value');
    return undefined;
  } catch {
    // Only `fail` throws; `stop` is set.
    const e = stop ?? { at: 0, what: 'expected a value' };
    const lineStart = e.at === 0 ? 0 : text.lastIndexOf('\n', e.at - 1) + 1;
    let line = 1;
    for (let k = 0; k < lineStart; k++) if (text.charCodeAt(k) === 0x0a) line++;
    let column = 1;
    for (let k = lineStart; k < e.at; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < e.at) {
        const next = text.charCodeAt(k + 1);
        if (next >= 0xdc00 && next <= 0xdfff) k++;
      }
      column++;
    }
    return `invalid JSON at line ${line}, column ${column}: ${e.what}`;
  }
}

/**
 * The path (object keys and array indices, the repeated key last) of every key that an object of
 * the JSON `text` repeats, once per key, in text order (see {@link repeatedKeys}). Never throws.
 */
export function duplicateKeys(text: string): string[][] {
  return repeatedKeys(text).map((r) => [...r.path]);
}

/**
 * The issue for a key that an object repeats, at `path` (object keys and array indices, the
 * repeated key last) under `schema`, with every value it has in the text (`values`): an error when
 * one of the values may carry a secret that a reader keeping another value never sees, a warning
 * otherwise. A secret, by the schema: the key is a sensitive field or an object field that holds
 * one at any depth; by the values: the key, or a key at any depth inside a value, is the wire name
 * of a sensitive field of `schema` or of an object it reaches, or a string or key inside a value
 * holds a card number ({@link maskCardNumbers} would hide it). Card numbers are masked in the
 * pointer as in the message.
 */
export function duplicateKeyIssue(schema: ObjectSchema, path: readonly string[], values: readonly unknown[] = []): Issue {
  let current: ObjectSchema | undefined = schema;
  let secret = false;
  let pointer = '';
  path.forEach((name, i) => {
    const field: FieldSchema | undefined = current?.fields.find((f) => f.name === name);
    if (i === path.length - 1) secret = field !== undefined && holdsSensitive(field, 0);
    current = field !== undefined && field.kind.type === 'object' ? field.kind.schema() : undefined;
    pointer = segment(pointer, maskCardNumbers(name));
  });
  const key = path[path.length - 1] ?? '';
  if (!secret) {
    const names = sensitiveNames(schema);
    secret = names.has(key) || values.some((v) => holdsSecret(v, names));
  }
  return {
    path: pointer,
    rule: 'duplicate_key',
    severity: secret ? 'error' : 'warning',
    message: `${quote(key)} appears more than once in this object: readers disagree on which value counts`,
  };
}

/**
 * Whether `field` is sensitive or an object whose fields hold a sensitive one at any depth
 * (`depth` stops a cycle that lint would have refused).
 */
function holdsSensitive(field: FieldSchema, depth: number): boolean {
  if (field.sensitive) return true;
  if (field.kind.type !== 'object' || depth > 64) return false;
  return field.kind.schema().fields.some((f) => holdsSensitive(f, depth + 1));
}

/** The wire names of the sensitive fields of `schema` and of every object type it reaches. */
function sensitiveNames(schema: ObjectSchema): Set<string> {
  const names = new Set<string>();
  const seen = new Set<ObjectSchema>();
  const todo: ObjectSchema[] = [schema];
  for (let object = todo.pop(); object !== undefined; object = todo.pop()) {
    if (seen.has(object)) continue;
    seen.add(object);
    for (const field of object.fields) {
      if (field.sensitive) names.add(field.name);
      if (field.kind.type === 'object') todo.push(field.kind.schema());
    }
  }
  return names;
}

/**
 * Whether `value` holds, at any depth, a key in `names` or a string or key with a card number.
 * An explicit stack: no recursion, whatever the depth. Never throws.
 */
function holdsSecret(value: unknown, names: ReadonlySet<string>): boolean {
  const card = (s: string): boolean => maskCardNumbers(s) !== s;
  const todo: unknown[] = [value];
  try {
    while (todo.length > 0) {
      const v = todo.pop();
      if (typeof v === 'string') {
        if (card(v)) return true;
      } else if (Array.isArray(v)) {
        for (const item of v as unknown[]) todo.push(item);
      } else if (typeof v === 'object' && v !== null) {
        for (const [key, item] of Object.entries(v)) {
          if (names.has(key) || card(key)) return true;
          todo.push(item);
        }
      }
    }
  } catch {
    // Only exotic, non-JSON values get here.
  }
  return false;
}

/**
 * A report with one `duplicate_key` issue added for each key that an object of `text` repeats
 * (see {@link duplicateKeyIssue}). `text` is the JSON text `report` was made from, read as
 * `schema`.
 */
export function withDuplicateKeys(schema: ObjectSchema, text: string, base: ValidationReport): ValidationReport {
  return reportOf([...base.issues, ...repeatedKeys(text).map((r) => duplicateKeyIssue(schema, r.path, r.values))]);
}

/** A report with `issues` added after those of `base`. */
export function withIssues(base: ValidationReport, issues: readonly Issue[]): ValidationReport {
  return reportOf([...base.issues, ...issues]);
}

function isAsciiDigit(c: string): boolean {
  return c.length === 1 && c >= '0' && c <= '9';
}

class Validator {
  readonly issues: Issue[] = [];

  issue(path: string, rule: string, severity: Severity, message: string): void {
    this.issues.push({ path, rule, severity, message });
  }

  /**
   * A value that is not an object where `schema` belongs: its JSON type, and a string's value
   * quoted (text encoded twice shows itself) unless the field is `sensitive`.
   */
  object(schema: ObjectSchema, value: unknown, path: string, sensitive = false): void {
    if (!isObject(value)) {
      const shown = typeof value === 'string' && !sensitive ? ` ${quote(value)}` : '';
      this.issue(path, 'type', 'error', `expected an object (${schema.name}), found ${jsonType(value)}${shown}`);
      return;
    }
    for (const field of schema.fields) {
      const at = segment(path, field.name);
      const v = read(value, field.name);
      if (v === undefined || v === null) {
        if (field.required) this.issue(at, 'required', 'error', `\`${field.name}\` is required`);
        continue;
      }
      this.field(field, v, at);
    }
    for (const check of schema.checks) this.check(schema, check, value, path);
  }

  field(field: FieldSchema, value: unknown, path: string): void {
    const kind = field.kind;
    if (kind.type === 'any') return;
    if (kind.type === 'object') {
      this.object(kind.schema(), value, path, field.sensitive);
      return;
    }
    if (typeof value !== 'string') {
      this.issue(path, 'type', 'error', `expected a string, found ${jsonType(value)}`);
      return;
    }
    // `maxLength` first: a longer value gets the length error alone and is never matched
    // against the pattern.
    let tooLong = false;
    if (field.maxLength !== null) {
      const len = codePoints(value);
      tooLong = len > field.maxLength;
      if (tooLong) {
        this.issue(path, 'max_length', 'error', `${shown(field, value)} is ${len} characters long, more than the maximum of ${field.maxLength}`);
      }
    }
    const p = field.pattern;
    if (p !== null && !tooLong && (p.regex === null || !p.regex.test(value))) {
      this.issue(path, 'pattern', 'error', `${shown(field, value)} does not have the expected format (${p.format})`);
    }
    if (kind.type === 'enum' && !kind.schema.values.has(value)) {
      this.issue(path, 'unknown_value', 'warning', `${shown(field, value)} is not a known ${kind.schema.name} value`);
    }
  }

  check(schema: ObjectSchema, check: CheckSchema, value: object, path: string): void {
    const resolved: Resolved[] = [];
    for (const fieldPath of check.fields) {
      const r = resolve(schema, value, fieldPath);
      if (r !== undefined) resolved.push(r);
    }
    if (check.kind === 'digits_suffix') {
      const [first, second] = resolved;
      if (resolved.length !== 2 || first === undefined || second === undefined) return;
      const short = [...first[2]];
      const long = [...second[2]];
      const n = short.length;
      if (n === 0 || long.length < n) return;
      const tail = long.slice(long.length - n);
      if (!tail.every(isAsciiDigit)) return;
      if (tail.join('') !== short.join('')) {
        const evidence = `${evidenceOf(first)}, ${evidenceOf(second)}`;
        this.issue(path + first[0], check.rule, 'warning', `${check.message}: ${evidence}`);
      }
      return;
    }
    let known: [Resolved, Outcome] | null = null;
    for (const r of resolved) {
      const field = r[1];
      const outcome = field.kind.type === 'enum' ? (field.kind.schema.values.get(r[2]) ?? null) : null;
      if (outcome === null) continue;
      if (known === null) {
        known = [r, outcome];
      } else if (outcome !== known[1]) {
        const evidence = `${evidenceOf(known[0])} is ${known[1]}, ${evidenceOf(r)} is ${outcome}`;
        this.issue(path + r[0], check.rule, 'warning', `${check.message}: ${evidence}`);
        return;
      }
    }
  }
}

/**
 * A field's value as the subject of a message: `the value` for a sensitive field, else the value
 * quoted ({@link quote}).
 */
function shown(field: FieldSchema, value: string): string {
  return field.sensitive ? 'the value' : quote(value);
}

/** A check's field path resolved to a string value: its relative pointer, field, value and path. */
type Resolved = [rel: string, field: FieldSchema, value: string, fieldPath: readonly string[]];

/**
 * A check's field as evidence: its path as the spec writes it, with `.` between the wire names, a
 * space, then `<redacted>` for a sensitive field, else the value quoted ({@link quote}).
 */
function evidenceOf([, field, value, fieldPath]: Resolved): string {
  return `${fieldPath.join('.')} ${field.sensitive ? '<redacted>' : quote(value)}`;
}

/** Follows a field path through nested objects to a string value. */
function resolve(schema: ObjectSchema, value: object, fieldPath: readonly string[]): Resolved | undefined {
  let current = schema;
  let map = value;
  let rel = '';
  for (let i = 0; i < fieldPath.length; i++) {
    const name = fieldPath[i];
    if (name === undefined) return undefined;
    const field = current.fields.find((f) => f.name === name);
    if (field === undefined) return undefined;
    const v = read(map, name);
    rel = segment(rel, name);
    if (i === fieldPath.length - 1) {
      return typeof v === 'string' ? [rel, field, v, fieldPath] : undefined;
    }
    if (field.kind.type !== 'object' || !isObject(v)) return undefined;
    current = field.kind.schema();
    map = v;
  }
  return undefined;
}

/** A report of `issues`, in order: `isValid` when none is an error. */
export function reportOf(issues: readonly Issue[]): ValidationReport {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return { isValid: errors.length === 0, isClean: issues.length === 0, issues, errors, warnings };
}

/** Validates `value` as an instance of `schema`. Never throws. */
export function validateAs(schema: ObjectSchema, value: unknown): ValidationReport {
  const v = new Validator();
  try {
    v.object(schema, value, '');
  } catch {
    // Only exotic, non-JSON values get here (for example a revoked proxy).
    v.issue('', 'type', 'error', 'the value cannot be read as JSON');
  }
  return reportOf(v.issues);
}
