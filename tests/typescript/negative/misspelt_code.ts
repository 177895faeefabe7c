// Must NOT compile: `SDK_PAYMENT_FAILED` is not an event code (the code is `SDK_PAYMENT_FAIL`).
// Once the state is narrowed to the known codes, as the `never` check needs anyway, a `case`
// that is not one of them is rejected.
import { isKnownEventCallbackState, type EventCallbackState } from 'antom-under-test';

export function describe(state: EventCallbackState): string {
  if (!isKnownEventCallbackState(state)) return 'unknown';
  switch (state.code) {
    case 'SDK_PAYMENT_FAILED':
      return 'failed';
    default:
      return 'something else';
  }
}
