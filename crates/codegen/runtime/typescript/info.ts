/**
 * The metadata types and the table lookup. The generated `metadata.ts` holds what the spec says
 * about every code and value, in these types, and re-exports this module.
 *
 * @module
 */
import type { Action, CallbackName, KnownPaymentResultCode } from './enums.js';

/** The group an event code belongs to. */
export type EventKind = 'status' | 'error' | 'payment_result';

/** Where a payment stands, as far as one value tells. */
export type Outcome = 'success' | 'failure' | 'processing';

/** A deprecation notice. */
export interface Deprecation {
  /** The value to use instead, if any. */
  readonly replacedBy: string | null;
  /** Why, and what to do instead. */
  readonly note: string;
}

/** Everything the spec says about one `paymentResultCode`. */
export interface ResultCodeInfo {
  readonly code: KnownPaymentResultCode;
  /** The `paymentResultMessage` that goes with it. */
  readonly message: string;
  /** What to do. */
  readonly suggestion: string;
  readonly action: Action;
  readonly outcome: Outcome | null;
  readonly deprecated: Deprecation | null;
  /** `true`: the source cuts this text (`message`) off; show it as incomplete. */
  readonly messageTruncated: boolean;
  /** `true`: the source cuts this text (`suggestion`) off; show it as incomplete. */
  readonly suggestionTruncated: boolean;
}

/** Everything the spec says about one known value of an enumeration. */
export interface ValueInfo<V extends string = string> {
  readonly value: V;
  readonly description: string | null;
  readonly outcome: Outcome | null;
  readonly deprecated: Deprecation | null;
}

/** An enumeration of the spec and each of its known values. */
export interface EnumInfo<V extends string> {
  readonly name: string;
  readonly description: string;
  readonly values: { readonly [K in V]: ValueInfo<K> };
}

/** A callback of the SDK. */
export interface CallbackInfo {
  readonly name: CallbackName;
  readonly description: string;
  /** The type of its argument. */
  readonly argument: string;
}

/** The entry of `table` for `key`, only when it is the table's own (never an inherited property). */
export function lookup<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
