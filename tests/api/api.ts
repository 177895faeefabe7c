// The vocabulary in TypeScript: one `// api:` section per row of ARCHITECTURE.md's table, each
// using the row's TypeScript names. Compiled under the strict flags by `tests/tests/typescript.rs`
// with the other test consumers, and run with Node.js.

import assert from 'node:assert/strict';

import {
  canonicalEventCode,
  decodePaymentResult,
  isKnownEventCode,
  redactPaymentResult,
  type CurrentEventCode,
  type KnownEventCode,
} from '@antom/callback';
import { SPEC_VERSION, eventCodeInfo, paymentResultCodeInfo } from '@antom/callback/metadata';
import { validate, validateCallback, validateText } from '@antom/callback/validate';

const code: string = 'SDK_PAYMENT_FAIL';
const result: string = 'INVALID_CARD';

// api: known?
assert(isKnownEventCode(code) && !isKnownEventCode('NOT_A_CODE'));

// api: closed type
const known: KnownEventCode | undefined = isKnownEventCode(code) ? code : undefined;
assert.equal(known, 'SDK_PAYMENT_FAIL');

// api: current type
const current: CurrentEventCode | undefined = canonicalEventCode('SDK_CALL_URL_ERROR');
assert(current !== undefined);

// api: canonical
assert.equal(canonicalEventCode('SDK_CALL_URL_ERROR'), 'SDK_LAUNCH_PAYMENT_APP_ERROR');

// api: info
const event = eventCodeInfo(code);
const info = paymentResultCodeInfo(result);
assert(event !== undefined && info !== undefined, 'a known code has its record');

// api: message
assert(info.message.length > 0);

// api: suggestion
assert(info.suggestion.length > 0);

// api: action
console.log(info.action, event.action);

// api: kind
assert.equal(event.kind, 'payment_result');

// api: truncated flags
console.log(info.messageTruncated, info.suggestionTruncated, event.descriptionTruncated);

// api: validate a value
const report = validate({ code: 'SDK_PAYMENT_FAIL' });

// api: validate text
const text = validateText('{"code":');
assert(text.value === undefined && text.report.issues[0]?.rule === 'invalid_json');

// api: validate the mobile callback
const mobile = validateCallback('SDK_PAYMENT_FAIL', '{"paymentStatus":"FAIL"}');

// api: valid?
assert(report.isValid && !text.report.isValid);

// api: errors
assert.equal(text.report.errors.length, 1);

// api: warnings
console.log(mobile.warnings.length);

// api: redacted JSON
const payment = decodePaymentResult({ cardPaymentResultInfo: { cardNo: '4111111111111111' } });
assert(payment !== undefined);
assert(!JSON.stringify(redactPaymentResult(payment)).includes('4111111111111111'));

// api: spec version
assert(SPEC_VERSION.length > 0);
