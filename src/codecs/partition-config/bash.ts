/**
 * The SDK's one makefile function (tdautc19841202/IPC and industio/PurPle-Pi-R1,
 * project/image/makefile):
 *
 *   define multiplyhex
 *   $(shell printf "0x%x" $(shell echo $$[$(1)*$(2)]))
 *   endef
 *
 * bash multiplies the two arguments (64-bit signed arithmetic, constants in C notation: `0x` hex,
 * a leading `0` octal, else decimal) and printf writes the product in lower-case hex. Anything
 * but two non-negative constants (bash would print an error and then `0x0`), and any product
 * past bash's 64-bit range (it would wrap), is an error here rather than a guess.
 */

const MAX_BASH = 2n ** 63n - 1n;

/** `text` without the leading and trailing characters in `blanks` (a loop: no regex backtracking on long runs). */
export function trimmed(text: string, blanks: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && blanks.includes(text[start])) start++;
  while (end > start && blanks.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** A bash integer constant, or a reason it is not one. */
export function bashConstant(text: string): { ok: true; value: bigint } | { ok: false; reason: string } {
  const constant = trimmed(text, ' \t\n');
  let digits: string;
  let radix: 'x' | 'o' | '';
  if (/^0[xX][0-9a-fA-F]+$/.test(constant)) [digits, radix] = [constant.slice(2), 'x'];
  else if (/^0[0-7]*$/.test(constant)) [digits, radix] = [constant.slice(1) || '0', 'o'];
  else if (/^[1-9][0-9]*$/.test(constant)) [digits, radix] = [constant, ''];
  else return { ok: false, reason: /^0[0-9]+$/.test(constant) ? 'a number with a leading 0 is octal in bash, and 8 and 9 are not octal digits' : 'not a decimal, 0x hex or 0-octal constant' };
  const significant = digits.replace(/^0+(?=.)/, '');
  if (significant.length > 22) return { ok: false, reason: "beyond bash's 64-bit arithmetic" };
  const value = BigInt(radix === '' ? significant : `0${radix}${significant}`);
  if (value > MAX_BASH) return { ok: false, reason: "beyond bash's 64-bit arithmetic" };
  return { ok: true, value };
}

/** `printf "0x%x"` of the product, or a reason bash would not print it. */
export function multiplyhex(first: bigint, second: bigint): { ok: true; text: string } | { ok: false; reason: string } {
  const product = first * second;
  if (product > MAX_BASH) return { ok: false, reason: `the product 0x${product.toString(16)} is beyond bash's 64-bit arithmetic, which would wrap` };
  return { ok: true, text: `0x${product.toString(16)}` };
}
