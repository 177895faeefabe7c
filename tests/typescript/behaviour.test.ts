// Behaviour of the generated package beyond the vectors: lenient decoding, guards, the event
// union, redaction, metadata lookups, and validators that never throw on exotic input.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as main from 'antom-under-test';
import * as validation from 'antom-under-test/validate';

import {
  EventCode,
  MISTYPED,
  canonicalEventCode,
  canonicalFunding,
  canonicalPaymentResultCode,
  decodeOnEventCallbackState as decodeState,
  handleEventCallback,
  redactOnEventCallbackState,
  type EventCallbackState,
  decodeCardPaymentResultInfo,
  decodeOnEventCallbackState,
  encodeOnEventCallbackState,
  isKnownEventCode,
  isKnownFunding,
  isKnownEventCallbackState,
  isKnownPaymentResultCode,
  redactCardPaymentResultInfo,
  toEventCallbackState,
} from 'antom-under-test';
import {
  CARD_PAYMENT_RESULT_INFO_SCHEMA,
  type ValidationReport,
  validate,
  validateAs,
  validateCallback,
  validateText,
} from 'antom-under-test/validate';
import {
  EVENT_CODE_INFO,
  FUNDING_INFO,
  PAYMENT_RESULT_CODE_INFO,
  eventCodeInfo,
  fundingInfo,
  paymentResultCodeInfo,
} from 'antom-under-test/metadata';

test('guards tell known values, and only own values', () => {
  assert.equal(isKnownEventCode('SDK_PAYMENT_FAIL'), true);
  assert.equal(isKnownEventCode(EventCode.SDK_PAYMENT_SUCCESSFUL), true);
  assert.equal(isKnownEventCode('SDK_PAYMENT_FAILED'), false);
  assert.equal(isKnownEventCode(42), false);
  assert.equal(isKnownEventCode(undefined), false);
  assert.equal(isKnownEventCode('constructor'), false);
  assert.equal(isKnownPaymentResultCode('RISK_REJECT'), true);
  assert.equal(isKnownFunding('CREDIT'), true);
  assert.equal(isKnownFunding('credit'), false);
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

test('an event handler gets the validation report of the state when asked', () => {
  const seen: [EventCallbackState, ValidationReport | undefined][] = [];
  const raw = { code: 'SDK_PAYMENT_FAIL', result: { paymentResultCode: 7, resultStatus: 'F' } };
  handleEventCallback((state, report) => seen.push([state, report]), { validate })(raw as unknown as { code: string });
  handleEventCallback((state) => seen.push([state, undefined]))(raw as unknown as { code: string });
  const [withReport, without] = seen;
  assert.ok(withReport && without);
  assert.deepEqual(withReport[1], validate(raw));
  assert.equal(withReport[1]?.isValid, false);
  assert.deepEqual(validate(withReport[0]), validate(raw), 'the decoded state has the same report');
  assert.equal(without[1], undefined);
  assert.deepEqual(withReport[0], without[0]);
});

/** The end of a value's chain of `replacedBy`, as the metadata tells it. */
function replacedEnd(info: (v: string) => { readonly deprecated: { readonly replacedBy: string | null } | null } | undefined, value: string): string {
  let current = value;
  const seen = new Set([current]);
  for (;;) {
    const next = info(current)?.deprecated?.replacedBy;
    if (next === undefined || next === null || seen.has(next)) return current;
    seen.add(next);
    current = next;
  }
}

test('canonical maps a deprecated value to its replacement, any other known value to itself, an unknown one to undefined', () => {
  let replaced = 0;
  for (const code of Object.keys(EVENT_CODE_INFO)) {
    assert.equal(canonicalEventCode(code), replacedEnd(eventCodeInfo, code), code);
    if (canonicalEventCode(code) !== code) replaced++;
  }
  assert.ok(replaced > 0, 'the spec has a deprecated event code with a replacement');
  for (const code of Object.keys(PAYMENT_RESULT_CODE_INFO)) {
    assert.equal(canonicalPaymentResultCode(code), replacedEnd(paymentResultCodeInfo, code), code);
  }
  for (const value of Object.keys(FUNDING_INFO.values)) {
    assert.equal(canonicalFunding(value), replacedEnd(fundingInfo, value), value);
  }
  for (const other of ['SDK_NOT_A_CODE', 'constructor', '__proto__', '']) {
    assert.equal(canonicalEventCode(other), undefined);
    assert.equal(canonicalPaymentResultCode(other), undefined);
    assert.equal(canonicalFunding(other), undefined);
  }
});

test('every enumeration has the same vocabulary: constants, guard, canonical, metadata lookup', () => {
  assert.equal(fundingInfo('constructor'), undefined);
  for (const value of Object.values(FUNDING_INFO.values)) {
    assert.equal(fundingInfo(value.value), value);
    assert.equal(isKnownFunding(value.value), true);
  }
});

test('truncated texts are flagged in the metadata', () => {
  assert.equal(PAYMENT_RESULT_CODE_INFO.FRAUD_REJECT.suggestionTruncated, true);
  assert.equal(PAYMENT_RESULT_CODE_INFO.FRAUD_REJECT.messageTruncated, false);
  assert.equal(PAYMENT_RESULT_CODE_INFO.RISK_REJECT.suggestionTruncated, false);
  assert.equal(EVENT_CODE_INFO.SDK_PAYMENT_FAIL.descriptionTruncated, false);
});

test('the mobile entry point validates the state made of the code and the result text', () => {
  const code = 'SDK_PAYMENT_FAIL';
  const bare = validate({ code });
  for (const absent of [undefined, null, '', '  \n\t ']) {
    assert.deepEqual(validateCallback(code, absent), bare, JSON.stringify(absent));
  }
  assert.deepEqual(validateCallback(code), bare);
  const notJson = validateCallback(code, '{"resultStatus": ');
  assert.deepEqual(
    notJson.issues.map((i) => [i.path, i.rule, i.severity]),
    [...bare.issues.map((i) => [i.path, i.rule, i.severity]), ['/result', 'invalid_json', 'error']],
  );
  const parseError = validateText('{"resultStatus": ');
  assert.equal(parseError.value, undefined);
  const words = 'invalid JSON at line 1, column 18: unexpected end of input';
  assert.deepEqual(
    parseError.report.issues.map((i) => [i.path, i.rule, i.severity, i.message]),
    [['', 'invalid_json', 'error', words]],
  );
  assert.equal(parseError.report.isValid, false);
  assert.equal(notJson.issues[notJson.issues.length - 1]?.message, words);
  const repeated = '{"resultStatus":"F","resultStatus":"S","cardPaymentResultInfo":{"cardNo":"1","cardNo":"2"}}';
  const viaText = validateText(`{"code":"${code}","result":${repeated}}`);
  assert.notEqual(viaText.value, undefined);
  const split = validateCallback(code, repeated);
  assert.deepEqual(split, viaText.report);
  assert.deepEqual(
    split.issues.filter((i) => i.rule === 'duplicate_key').map((i) => [i.path, i.severity]),
    [
      ['/result/resultStatus', 'warning'],
      ['/result/cardPaymentResultInfo/cardNo', 'error'],
    ],
  );
});

test('redacted JSON hides sensitive fields and masks card numbers everywhere else', () => {
  const raw = {
    code: 'SDK_PAYMENT_FAIL',
    message: 'card 4111 1111 1111 1111 declined',
    note4111111111111111: ['4111-1111-1111-1111', { deep: '4111111111111111' }, 42],
    result: { cardPaymentResultInfo: { cardNo: '4111111111111111', lastFour: 1111 }, resultMessage: 'ok 1234' },
  };
  const state = decodeState(raw);
  assert.ok(state);
  assert.deepEqual(redactOnEventCallbackState(state), {
    code: 'SDK_PAYMENT_FAIL',
    message: 'card **** **** **** 1111 declined',
    'note************1111': ['****-****-****-1111', { deep: '************1111' }, 42],
    result: { cardPaymentResultInfo: { cardNo: '<redacted>', lastFour: 1111 }, resultMessage: 'ok 1234' },
  });
});

test('every callback object has its redact function', () => {
  const objects: { readonly name: string }[] = [];
  for (const v of Object.values(validation) as unknown[]) {
    if (typeof v === 'object' && v !== null && 'fields' in v && 'name' in v && typeof v.name === 'string') {
      objects.push({ name: v.name });
    }
  }
  assert.ok(objects.length >= 5, `${objects.length} object schemas`);
  const exported: { readonly [key: string]: unknown } = main;
  for (const o of objects) {
    assert.equal(typeof exported[`redact${o.name}`], 'function', `redact${o.name}`);
  }
});
