// Compile-time checks against the official web SDK's callback types and of the enumeration
// types. The SDK (`@alipay/ams-checkout` 1.47.2, esm/types/index.d.ts) is not installed: the two
// declarations below reproduce what it says.

import {
  EventCode,
  Funding,
  handleEventCallback,
  isKnownEventCode,
  isKnownFunding,
  toEventCallbackState,
  type EventCallbackHandler,
  type EventCallbackState,
  type KnownEventCode,
  type KnownFunding,
  type PaymentResult,
} from 'antom-under-test';

/** As declared by `@alipay/ams-checkout`. */
type EventCallbackResult = {
  result?: {
    resultCode: string;
    resultStatus: string;
    resultMessage: string;
  };
  redirectUrls?: {
    applinkUrl?: string;
    schemeUrl?: string;
    normalUrl?: string;
  };
  paymentResultCode?: string;
  paymentResultMessage?: string;
  paymentStatus?: string;
} & Record<string, any>;

/** The part of the SDK's options that takes the handler, as declared by `@alipay/ams-checkout`. */
interface IoptionsParams {
  onEventCallback?: (state: { code: string; message?: string; result?: EventCallbackResult }) => void;
}

type SdkHandler = NonNullable<IoptionsParams['onEventCallback']>;
type SdkState = Parameters<SdkHandler>[0];

type Assert<T extends true> = T;

/** The handler type fits where the SDK expects `onEventCallback`. */
export type HandlerFitsTheSdk = Assert<EventCallbackHandler extends SdkHandler ? true : false>;

/** So does a value made by `handleEventCallback`. */
export const options: IoptionsParams = {
  onEventCallback: handleEventCallback((state: EventCallbackState) => {
    if (state.code === 'SDK_PAYMENT_FAIL') {
      const result: PaymentResult | undefined = state.result;
      void result?.paymentResultCode;
    }
  }),
};

/** The SDK's state converts without a cast. */
export function fromSdk(state: SdkState): EventCallbackState {
  return toEventCallbackState(state);
}

/** Enumerations are open: any string is an EventCode, the `as const` object gives the known ones. */
export const anyCode: EventCode = 'A_CODE_FROM_A_NEWER_SERVER';
export const knownCode: KnownEventCode = EventCode.SDK_PAYMENT_FAIL;

// @ts-expect-error a misspelt code is not a known code
export const misspelt: KnownEventCode = 'SDK_PAYMENT_FAILED';

// @ts-expect-error the `as const` object has no misspelt key
export const missingKey = EventCode.SDK_PAYMENT_FAILED;

/** The guards narrow to the known values. */
export function narrow(value: unknown): KnownEventCode | KnownFunding | undefined {
  if (isKnownEventCode(value)) return value;
  if (isKnownFunding(value)) return value;
  return undefined;
}

export const credit: KnownFunding = Funding.CREDIT;
