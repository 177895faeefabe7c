/**
 * Lenient decoding and lossless encoding of the spec's objects: the runtime behind the generated
 * `decode*`, `encode*` and `redact*` functions (the same for every spec).
 *
 * Decoding never throws and accepts any JSON object: a known key whose value has the wrong JSON
 * type is moved, as received, into the object's {@link MISTYPED} record; keys this version does
 * not know stay where they are. Encoding puts everything back, so `encode(decode(json))` equals
 * `json`.
 *
 * @module
 */

import { maskCardNumbers } from './mask.js';

/**
 * The key under which a decoded object keeps its known keys whose value had the wrong JSON type,
 * as received. A symbol, so it never clashes with a wire key and `JSON.stringify` skips it.
 */
export const MISTYPED: unique symbol = Symbol.for('antom-callback.mistyped');

/** Known keys whose value had the wrong JSON type, as received. */
export type Mistyped = { readonly [key: string]: unknown };

/** A JSON object, as encoding produces it. */
export type JsonObject = { [key: string]: unknown };

/**
 * How one field decodes: `0` a string, `1` a sensitive string (hidden by `redact*`), `2` any
 * JSON value, or a function that returns the codec of the object type the field holds.
 */
export type FieldCodec = 0 | 1 | 2 | (() => ObjectCodec);

/** The fields of an object type, by wire name. */
export type ObjectCodec = ReadonlyMap<string, FieldCodec>;

/** Shown in place of a sensitive value by `redact*`. */
export const REDACTED = '<redacted>';

/** Whether `value` is a JSON object: not `null`, not an array. Never throws. */
export function isJsonObject(value: unknown): value is { readonly [key: string]: unknown } {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Sets an own enumerable property, also for keys such as `__proto__`. */
function put(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own enumerable string-keyed entries, or `undefined` when they cannot be read. */
function entries(value: object): [string, unknown][] | undefined {
  try {
    return Object.entries(value);
  } catch {
    return undefined;
  }
}

/** The {@link MISTYPED} record of a decoded object, if any. */
function mistyped(value: object): [string, unknown][] {
  try {
    const kept: unknown = (value as { readonly [MISTYPED]?: unknown })[MISTYPED];
    return isJsonObject(kept) ? (entries(kept) ?? []) : [];
  } catch {
    return [];
  }
}

/** Decodes a JSON object against `codec`; `undefined` when `value` is not a JSON object. */
export function decodeObject(codec: ObjectCodec, value: unknown): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const all = entries(value);
  if (all === undefined) return undefined;
  const out: JsonObject = {};
  let wrong: JsonObject | undefined;
  for (const [key, raw] of all) {
    const field = codec.get(key);
    let decoded: unknown = raw;
    let ok = true;
    if (field === 0 || field === 1) {
      ok = typeof raw === 'string';
    } else if (typeof field === 'function') {
      decoded = decodeObject(field(), raw);
      ok = decoded !== undefined;
    }
    if (ok) {
      put(out, key, decoded);
    } else {
      wrong ??= {};
      put(wrong, key, raw);
    }
  }
  if (wrong !== undefined) {
    Object.defineProperty(out, MISTYPED, { value: wrong, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A JSON value with every string in it (object keys included) passed through
 * {@link maskCardNumbers}: what `redact*` keeps of a value that is not a sensitive field.
 */
function masked(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  if (depth > 512 || typeof value !== 'object' || value === null) return value;
  try {
    if (Array.isArray(value)) return value.map((v: unknown) => masked(v, depth + 1));
  } catch {
    return value;
  }
  const out: JsonObject = {};
  for (const [key, raw] of entries(value) ?? []) put(out, maskCardNumbers(key), masked(raw, depth + 1));
  return out;
}

/**
 * Encodes a decoded object back to the JSON object it came from. With `redact`, every sensitive
 * field is {@link REDACTED} and every other string (unknown keys and kept mistyped values
 * included) has its card numbers masked.
 */
export function encodeObject(codec: ObjectCodec, value: object, redact = false): JsonObject {
  const out: JsonObject = {};
  const write = (key: string, raw: unknown): void => {
    const field = codec.get(key);
    if (redact && field === 1) {
      put(out, key, REDACTED);
    } else if (typeof field === 'function' && isJsonObject(raw)) {
      put(out, key, encodeObject(field(), raw, redact));
    } else if (redact) {
      put(out, maskCardNumbers(key), masked(raw));
    } else {
      put(out, key, raw);
    }
  };
  for (const [key, raw] of entries(value) ?? []) write(key, raw);
  for (const [key, raw] of mistyped(value)) write(key, raw);
  return out;
}
