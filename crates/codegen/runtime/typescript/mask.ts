/**
 * Card-number masking, shared by the validator's messages and `redact*`: neither ever shows a
 * full card number, whatever field it was in (the same for every spec).
 *
 * @module
 */

/**
 * `text` with every run that looks like a full card number masked, so that no message echoes
 * one, whatever field it was in: a run of ASCII digits, spaces and `-` that starts and ends with
 * a digit and holds 13 to 19 digits passing the Luhn check keeps its separators and its last four
 * digits; its other digits become `*` (`4111 1111 1111 1111` becomes `**** **** **** 1111`).
 * Every target's validator masks the same way; `redact*` masks every string it keeps the same way.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(/[0-9](?:[0-9 -]*[0-9])?/g, (run) => {
    const digits = run.replace(/[^0-9]/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return run;
    let hide = digits.length - 4;
    return run.replace(/[0-9]/g, (d) => (hide-- > 0 ? '*' : d));
  });
}

/** The Luhn checksum of a string of ASCII digits is valid. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  }
  return sum % 10 === 0;
}
