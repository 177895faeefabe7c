// The shared table of card-number placements (tests/masking/card_numbers.json) against the
// generated TypeScript: `maskCardNumbers`, and card numbers in values, object keys, JSON pointers,
// messages and redacted JSON, exactly as every other language shows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { decodePaymentResult, isJsonObject, redactPaymentResult } from 'antom-under-test';
import { maskCardNumbers, validate, validateCallback, validateText } from 'antom-under-test/validate';

interface Row {
  readonly name: string;
  readonly input: string;
  readonly masked: string;
}

const file = process.env['ANTOM_MASKING_TABLE'];
assert.ok(file, 'ANTOM_MASKING_TABLE names tests/masking/card_numbers.json');
const table: unknown = JSON.parse(readFileSync(file, 'utf8'));
assert.ok(isJsonObject(table) && Array.isArray(table['rows']), `${file} has rows`);
const rows: Row[] = (table['rows'] as unknown[]).map((r) => {
  assert.ok(isJsonObject(r));
  return { name: String(r['name']), input: String(r['input']), masked: String(r['masked']) };
});

/** A JSON pointer segment (RFC 6901). */
function segment(key: string): string {
  return '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
}

test('the table has rows', () => {
  assert.ok(rows.length >= 20, `${rows.length} rows`);
});

for (const row of rows) {
  test(`masking: ${row.name}`, () => {
    assert.equal(maskCardNumbers(row.input), row.masked);

    const value = validate({ paymentStatus: row.input });
    if (row.input !== '') {
      assert.deepEqual(
        value.issues.map((i) => i.message),
        [`\`${row.masked}\` is not a known PaymentStatus value`],
      );

      const key = JSON.stringify(row.input);
      const text = `{"cardPaymentResultInfo": {${key}: 1, ${key}: 2}}`;
      const read = validateText(text);
      assert.notEqual(read.value, undefined, 'the text is JSON');
      const pointer = '/cardPaymentResultInfo' + segment(row.masked);
      const issue = read.report.issues.find((i) => i.rule === 'duplicate_key');
      assert.ok(issue, 'a duplicate_key issue');
      assert.equal(issue.path, pointer);
      assert.ok(issue.message.startsWith(`\`${row.masked}\``), issue.message);
      if (row.input !== row.masked) {
        for (const i of read.report.issues) {
          assert.ok(!i.path.includes(row.input) && !i.message.includes(row.input), `${i.path}: ${i.message}`);
        }
      }
      const mobile = validateCallback('SDK_PAYMENT_FAIL', text);
      assert.equal(mobile.issues.find((i) => i.rule === 'duplicate_key')?.path, '/result' + pointer);
    }

    const payload = {
      paymentResultMessage: row.input,
      kept: { [row.input]: [row.input] },
      [row.input]: row.input,
    };
    const decoded = decodePaymentResult(payload);
    assert.ok(decoded, 'an object decodes');
    assert.deepEqual(redactPaymentResult(decoded), {
      paymentResultMessage: row.masked,
      kept: { [row.masked]: [row.masked] },
      [row.masked]: row.masked,
    });
  });
}
