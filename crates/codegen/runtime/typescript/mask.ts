/**
 * Card-number masking, shared by the validator's messages and pointers and by `redact*`: none of
 * them ever shows a full card number, whatever field or key it was in (the same for every spec).
 *
 * @module
 */

/** The fewest and the most digits of a card number. */
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/** A UTF-16 unit of a run that may hold a card number: an ASCII digit, a space or `-`. */
function inRun(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || unit === 32 || unit === 45;
}

/**
 * `text` with every card number masked, so that no message, key or pointer shows one: in each run
 * of ASCII digits, spaces and `-`, every window of 13 to 19 consecutive digits (separators
 * skipped) that passes the Luhn check has its digits hidden but its last four; a hidden digit
 * becomes `*`, separators and every other character stay (`4111 1111 1111 1111` becomes
 * `**** **** **** 1111`). Overlapping windows: a digit is hidden when any window hides it, so no
 * Luhn-valid window is left whole, even inside a longer run (`1 4111111111111111` becomes
 * `1 ************1111`). Every target's validator masks the same way
 * (`tests/masking/card_numbers.json`); `redact*` masks every string and key it keeps the same way.
 */
export function maskCardNumbers(text: string): string {
  let out: string[] | undefined;
  const digits: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (!inRun(text.charCodeAt(i))) {
      i++;
      continue;
    }
    digits.length = 0;
    while (i < text.length && inRun(text.charCodeAt(i))) {
      const unit = text.charCodeAt(i);
      if (unit >= 48 && unit <= 57) digits.push(i);
      i++;
    }
    for (let end = MIN_DIGITS; end <= digits.length; end++) {
      // The Luhn sum of the window ending at `end`, grown one digit to the left at a time.
      let sum = 0;
      for (let k = 0, start = end - 1; start >= 0 && k < MAX_DIGITS; k++, start--) {
        const d = text.charCodeAt(digits[start] ?? 0) - 48;
        sum += k % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        if (k + 1 >= MIN_DIGITS && sum % 10 === 0) {
          out ??= text.split('');
          for (let h = start; h < end - 4; h++) out[digits[h] ?? 0] = '*';
        }
      }
    }
  }
  return out === undefined ? text : out.join('');
}
