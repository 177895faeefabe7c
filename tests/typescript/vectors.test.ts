// The shared conformance vectors (tests/vectors/*.json) against the generated TypeScript
// validator and codec, run with `node --test` on the compiled output.
//
// Every verdict (the sorted path/rule/severity list) must equal the vector's `expect`, decoding
// then encoding an object payload must give back the same JSON value, and validating the decoded
// value must give the payload's report, message for message; a state payload split into its code
// and the JSON text of its result must give `validateCallback` the report of the state made of
// them. The verdicts are
// also written to $ANTOM_VECTORS_OUT, for the Rust driver to compare once more.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import {
  decodeOnEventCallbackState,
  decodePaymentResult,
  encodeOnEventCallbackState,
  encodePaymentResult,
  isJsonObject,
} from 'antom-under-test';
import { validate, validateCallback, validateText } from 'antom-under-test/validate';

type Triple = [path: string, rule: string, severity: string];
type Quad = [path: string, rule: string, severity: string, message: string];

interface Vector {
  readonly name: string;
  readonly payload: unknown;
  /** JSON text that a parsed value cannot show (a repeated key), validated as text. */
  readonly payloadText: string | undefined;
  /** Strings that no message may contain (a card number). */
  readonly neverShown: readonly string[];
  readonly expect: readonly Triple[];
  /** The expected issues with their messages, when the vector gives a message for each. */
  readonly messages: readonly Quad[] | undefined;
}

const dir = process.env['ANTOM_VECTORS_DIR'];
assert.ok(dir, 'ANTOM_VECTORS_DIR names the folder of the conformance vectors');

function compare(a: readonly string[], b: readonly string[]): number {
  const x = a.join('\u0000');
  const y = b.join('\u0000');
  return x < y ? -1 : x > y ? 1 : 0;
}

function load(file: string): Vector {
  const json: unknown = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  assert.ok(isJsonObject(json), `${file} holds an object`);
  const expect = json['expect'];
  assert.ok(Array.isArray(expect), `${file} has an expect list`);
  const triples = expect.map((i: unknown): Triple => {
    assert.ok(isJsonObject(i));
    return [String(i['path']), String(i['rule']), String(i['severity'])];
  });
  const quads = expect.map((i: unknown): Quad | undefined => {
    assert.ok(isJsonObject(i));
    const message = i['message'];
    return typeof message === 'string' ? [String(i['path']), String(i['rule']), String(i['severity']), message] : undefined;
  });
  const messages = quads.filter((q): q is Quad => q !== undefined);
  assert.ok(messages.length === 0 || messages.length === quads.length, `${file}: a message on every expected issue or on none`);
  const text = json['payload_text'];
  const never = json['never_shown'];
  return {
    name: file.replace(/\.json$/, ''),
    payload: json['payload'],
    payloadText: typeof text === 'string' ? text : undefined,
    neverShown: Array.isArray(never) ? never.map(String) : [],
    expect: triples.sort(compare),
    messages: messages.length > 0 ? messages.sort(compare) : undefined,
  };
}

const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(load);

const results: { name: string; issues: { path: string; rule: string; severity: string; message: string }[]; roundtrip?: unknown }[] = [];

test('there are conformance vectors', () => {
  assert.ok(vectors.length >= 10, `found ${vectors.length} vectors in ${dir}`);
});

for (const v of vectors) {
  test(`vector ${v.name}`, () => {
    let report = validate(v.payload);
    if (v.payloadText !== undefined) {
      const read = validateText(v.payloadText);
      if (read.value === undefined) {
        assert.equal(v.payload, null, `${v.name}: only a text that is not JSON reads as nothing`);
      } else {
        assert.deepEqual(read.value, v.payload, `${v.name}: the text reads as the payload`);
      }
      report = read.report;
    }
    for (const issue of report.issues) {
      for (const secret of v.neverShown) {
        assert.ok(!issue.message.includes(secret), `${v.name}: a message shows ${secret}: ${issue.message}`);
        assert.ok(!issue.path.includes(secret), `${v.name}: a pointer shows ${secret}: ${issue.path}`);
      }
    }
    const got = report.issues.map((i): Triple => [i.path, i.rule, i.severity]).sort(compare);
    assert.deepEqual(got, [...v.expect], `${v.name}: verdict`);
    if (v.messages !== undefined) {
      const words = report.issues.map((i): Quad => [i.path, i.rule, i.severity, i.message]).sort(compare);
      assert.deepEqual(words, [...v.messages], `${v.name}: messages`);
    }
    assert.equal(report.isValid, !got.some((i) => i[2] === 'error'), `${v.name}: valid`);
    assert.equal(report.errors.length + report.warnings.length, report.issues.length);

    const payload = v.payload;
    let roundtrip: unknown;
    if (isJsonObject(payload)) {
      let decoded: object | undefined;
      if (Object.prototype.hasOwnProperty.call(payload, 'code')) {
        const state = decodeOnEventCallbackState(payload);
        assert.ok(state, `${v.name}: an object decodes`);
        roundtrip = encodeOnEventCallbackState(state);
        decoded = state;
      } else {
        const result = decodePaymentResult(payload);
        assert.ok(result, `${v.name}: an object decodes`);
        roundtrip = encodePaymentResult(result);
        decoded = result;
      }
      // What an event handler validates is the decoded state: it gets the JSON's report.
      assert.deepEqual(validate(decoded), validate(payload), `${v.name}: the decoded value's report`);
      assert.deepEqual(roundtrip, payload, `${v.name}: decode then encode returns the same JSON value`);
    } else {
      assert.equal(decodePaymentResult(payload), undefined, `${v.name}: a non-object does not decode`);
    }
    checkSplit(v);
    results.push({
      name: v.name,
      issues: report.issues.map(({ path, rule, severity, message }) => ({ path, rule, severity, message })),
      ...(roundtrip === undefined ? {} : { roundtrip }),
    });
  });
}

// How many payloads the mobile entry point was checked on, and how many of them had no key but
// the code and the result.
let split = 0;
let whole = 0;

/**
 * The mobile entry point: a state payload split into its event code and the JSON text of its
 * result gives the report of the state object made of them (the payload itself when it has no
 * other key).
 */
function checkSplit(v: Vector): void {
  const payload = v.payload;
  if (!isJsonObject(payload) || typeof payload['code'] !== 'string') return;
  split++;
  const code = payload['code'];
  const hasResult = Object.prototype.hasOwnProperty.call(payload, 'result');
  const state: { [key: string]: unknown } = hasResult ? { code, result: payload['result'] } : { code };
  if (Object.keys(payload).length === Object.keys(state).length) whole++;
  const resultJson = hasResult ? JSON.stringify(payload['result']) : undefined;
  assert.deepEqual(validateCallback(code, resultJson), validate(state), `${v.name}: validateCallback`);
  if (!hasResult) assert.deepEqual(validateCallback(code, null), validate(state), `${v.name}: validateCallback with null`);
}

const splitMin = Number(process.env['ANTOM_VECTORS_SPLIT_MIN'] ?? '0');
if (splitMin > 0) {
  test('the mobile entry point was checked on the state vectors', () => {
    assert.ok(split >= splitMin && whole >= splitMin, `${split} state vectors, ${whole} with only code and result`);
  });
}

// The text vectors (tests/vectors/text/*.json): JSON text, mostly not JSON, and its issues word
// for word. `validateText` gives them; `validateCallback` gives the same message at `/result`
// when the text is a result's (empty and blank text is no result there). The verdicts go to
// $ANTOM_TEXT_VECTORS_OUT for the Rust driver. A vectors folder without `text/` has none.
type Words = [path: string, rule: string, severity: string, message: string];
const textResults: { name: string; issues: { path: string; rule: string; severity: string; message: string }[] }[] = [];
const textDir = `${dir}/text`;
for (const file of existsSync(textDir) ? readdirSync(textDir).filter((f) => f.endsWith('.json')).sort() : []) {
  const name = file.replace(/\.json$/, '');
  test(`text vector ${name}`, () => {
    const json: unknown = JSON.parse(readFileSync(`${textDir}/${file}`, 'utf8'));
    assert.ok(isJsonObject(json), `${file} holds an object`);
    const text = json['payload_text'];
    const expect = json['expect'];
    assert.ok(typeof text === 'string' && Array.isArray(expect), `${file}: payload_text and expect`);
    const want = expect.map((i: unknown): Words => {
      assert.ok(isJsonObject(i));
      return [String(i['path']), String(i['rule']), String(i['severity']), String(i['message'])];
    });
    const read = validateText(text);
    const got = read.report.issues.map((i): Words => [i.path, i.rule, i.severity, i.message]);
    assert.deepEqual(got, want, `${name}: issues`);
    const notJson = want.some((w) => w[1] === 'invalid_json');
    assert.equal(read.value === undefined, notJson, `${name}: a value only for JSON`);
    if (notJson && !/^[ \t\n\r]*$/.test(text)) {
      const code = 'SDK_PAYMENT_FAIL';
      const base = validate({ code });
      assert.deepEqual(
        validateCallback(code, text).issues.map((i): Words => [i.path, i.rule, i.severity, i.message]),
        [...base.issues.map((i): Words => [i.path, i.rule, i.severity, i.message]), ...want.map((w): Words => ['/result', w[1], w[2], w[3]])],
        `${name}: as a result`,
      );
    }
    textResults.push({ name, issues: got.map(([path, rule, severity, message]) => ({ path, rule, severity, message })) });
  });
}

after(() => {
  const out = process.env['ANTOM_VECTORS_OUT'];
  if (out) writeFileSync(out, JSON.stringify(results));
  const textOut = process.env['ANTOM_TEXT_VECTORS_OUT'];
  if (textOut) writeFileSync(textOut, JSON.stringify(textResults));
});
