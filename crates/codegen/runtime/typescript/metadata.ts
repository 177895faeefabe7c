/**
 * What the spec says about every code and value: messages, suggestions, descriptions, handling
 * actions, kinds, callbacks and deprecations. A separate entry point, so the types and guards
 * ship without the text.
 *
 * @module
 */
// antom-codegen:insert imports

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

/** Everything the spec says about one event code. */
export interface EventCodeInfo {
  readonly code: KnownEventCode;
  readonly kind: EventKind;
  /** The callbacks that deliver it. */
  readonly callbacks: readonly CallbackName[];
  readonly description: string;
  readonly action: Action;
  readonly outcome: Outcome | null;
  // antom-codegen:insert carries_doc
  readonly carries: readonly string[];
  /** `message` texts the SDK is known to send with it. */
  readonly messages: readonly string[];
  readonly deprecated: Deprecation | null;
  /** `true`: the source cuts this text (`description`) off; show it as incomplete. */
  readonly descriptionTruncated: boolean;
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

// antom-codegen:insert tables

/** The entry of `table` for `key`, only when it is the table's own (never an inherited property). */
export function lookup<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** What the spec says about an event code; `undefined` for a code this version does not know. */
export function eventCodeInfo(code: string): EventCodeInfo | undefined {
  return lookup<EventCodeInfo>(EVENT_CODE_INFO, code);
}

/** What the spec says about a `paymentResultCode`; `undefined` for a code this version does not know. */
export function paymentResultCodeInfo(code: string): ResultCodeInfo | undefined {
  return lookup<ResultCodeInfo>(PAYMENT_RESULT_CODE_INFO, code);
}
