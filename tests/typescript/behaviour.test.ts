// Behaviour of the generated package beyond the vectors: lenient decoding, guards, the event
// union, redaction, metadata lookups, and validators that never throw on exotic input.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  EventCode,
  MISTYPED,
  decodeCardPaymentResultInfo,
  decodeOnEventCallbackState,
  encodeOnEventCallbackState,
  isEventCode,
  isFunding,
  isKnownEventCallbackState,
  isPaymentResultCode,
  redactCardPaymentResultInfo,
  toEventCallbackState,
} from 'antom-under-test';
import { CARD_PAYMENT_RESULT_INFO_SCHEMA, validate, validateAs } from 'antom-under-test/validate';
import { EVENT_CODE_INFO, eventCodeInfo, paymentResultCodeInfo } from 'antom-under-test/metadata';

test('guards tell known values, and only own values', () => {
  assert.equal(isEventCode('SDK_PAYMENT_FAIL'), true);
  assert.equal(isEventCode(EventCode.SDK_PAYMENT_SUCCESSFUL), true);
  assert.equal(isEventCode('SDK_PAYMENT_FAILED'), false);
  assert.equal(isEventCode(42), false);
  assert.equal(isEventCode(undefined), false);
  assert.equal(isEventCode('constructor'), false);
  assert.equal(isPaymentResultCode('RISK_REJECT'), true);
  assert.equal(isFunding('CREDIT'), true);
  assert.equal(isFunding('credit'), false);
});

test('decoding keeps a known key of the wrong type aside and encoding puts it back', () => {
  const raw = { code: 42, message: 'm', extra: [1, { a: null }] };
  const decoded = decodeOnEventCallbackState(raw);
  assert.ok(decoded);
  assert.equal(decoded.code, undefined);
  assert.deepEqual(decoded[MISTYPED], { code: 42 });
  assert.equal(decoded.message, 'm');
  assert.deepEqual(encodeOnEventCallbackState(decoded), raw);
  const proto = JSON.parse('{"code":"SDK_PAYMENT_FAIL","__proto__":{"x":1}}') as unknown;
  const back = encodeOnEventCallbackState(decodeOnEventCallbackState(proto) ?? {});
  assert.deepEqual(back, proto);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
});

test('the event union tells known from unknown codes', () => {
  const known = toEventCallbackState({ code: 'SDK_PAYMENT_FAIL', result: { paymentResultCode: 'RISK_REJECT' } });
  assert.equal(isKnownEventCallbackState(known), true);
  assert.equal(known.result?.paymentResultCode, 'RISK_REJECT');
  const unknown = toEventCallbackState({ code: 'SDK_SOMETHING_NEW', message: 'hi' });
  assert.equal(isKnownEventCallbackState(unknown), false);
  assert.equal(unknown.code, 'SDK_SOMETHING_NEW');
  const wrong = toEventCallbackState({ code: 7 } as unknown as { code: string });
  assert.equal(wrong.code, '');
  assert.deepEqual(wrong[MISTYPED], { code: 7 });
});

test('redaction hides the sensitive fields', () => {
  const card = decodeCardPaymentResultInfo({ cardNo: '424242******4242', holdName: 'A B', fingerprint: 7, lastFour: '4242' });
  assert.ok(card);
  assert.deepEqual(redactCardPaymentResultInfo(card), {
    cardNo: '<redacted>',
    holdName: '<redacted>',
    fingerprint: '<redacted>',
    lastFour: '4242',
  });
});

test('lengths count code points, not UTF-16 units', () => {
  const emoji = (n: number) => '\u{1F600}'.repeat(n);
  assert.equal(validateAs(CARD_PAYMENT_RESULT_INFO_SCHEMA, { holdName: emoji(32) }).issues.length, 0);
  const over = validateAs(CARD_PAYMENT_RESULT_INFO_SCHEMA, { holdName: emoji(33) });
  assert.deepEqual(over.issues.map((i) => [i.path, i.rule]), [['/holdName', 'max_length']]);
});

test('JSON pointers escape ~ and /', () => {
  const r = validate({ code: 'SDK_PAYMENT_FAIL', result: { 'a/b~c': 1, paymentStatus: 'SUCCESS' } });
  assert.deepEqual(r.warnings.map((i) => i.path), ['/result/paymentStatus']);
});

test('validators never throw, whatever the input', () => {
  const cyclic: { [key: string]: unknown } = { code: 'SDK_PAYMENT_FAIL' };
  cyclic['result'] = cyclic;
  cyclic['self'] = cyclic;
  const throwing = new Proxy({}, {
    get() {
      throw new Error('get');
    },
    has() {
      throw new Error('has');
    },
    ownKeys() {
      throw new Error('ownKeys');
    },
    getOwnPropertyDescriptor() {
      throw new Error('getOwnPropertyDescriptor');
    },
  });
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const getter = Object.defineProperty({}, 'code', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
  const inputs: unknown[] = [
    undefined, null, true, 0, NaN, 10n, '', 'x', Symbol('s'), () => 1, [], [1], {}, cyclic, throwing,
    revocable.proxy, getter, Object.create(null), new Date(0), new Map(), { result: throwing },
    { code: 'SDK_PAYMENT_FAIL', result: { cardPaymentResultInfo: throwing } }, { code: undefined },
  ];
  for (const input of inputs) {
    assert.doesNotThrow(() => validate(input));
    assert.doesNotThrow(() => decodeOnEventCallbackState(input));
    const decoded = decodeOnEventCallbackState(input);
    if (decoded !== undefined) assert.doesNotThrow(() => encodeOnEventCallbackState(decoded));
  }
  assert.deepEqual(validate(undefined).issues.map((i) => [i.path, i.rule]), [['', 'type']]);
  // Validation follows the schema, not the value, so a cycle ends where the schema does.
  assert.deepEqual(validate(cyclic).issues.map((i) => [i.path, i.rule]).sort(), [
    ['/result/result/resultCode', 'required'],
    ['/result/result/resultMessage', 'required'],
    ['/result/result/resultStatus', 'required'],
  ]);
});

test('metadata lookups take only own entries', () => {
  assert.equal(eventCodeInfo('constructor'), undefined);
  assert.equal(eventCodeInfo('SDK_PAYMENT_FAIL')?.kind, 'payment_result');
  assert.equal(EVENT_CODE_INFO.SDK_CALL_URL_ERROR.deprecated?.replacedBy, 'SDK_LAUNCH_PAYMENT_APP_ERROR');
  assert.equal(paymentResultCodeInfo('RISK_REJECT')?.action, 'contact_support');
  assert.equal(paymentResultCodeInfo('toString'), undefined);
});
