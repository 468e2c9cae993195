// Number and string literal tokens to values.
import { MAX_INT_BITS, MAX_INT_DIGITS } from './limits.js';
import { bitLength } from './ops.js';
import { decodeEscapes, type Decoded } from './strings.js';
import { float, int, unknown, type PyValue } from './values.js';

/** A number token's value; a string result is a syntax error message. */
export function numberValue(text: string): PyValue | string {
  if (text.length < 16 && /^\d+$/.test(text) && (text === '0' || text[0] !== '0')) return int(BigInt(text));
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return unknown('complex numbers are not supported');
  if (/^0[xXoObB]/.test(t)) {
    const v = BigInt(t);
    return bitLength(v) > MAX_INT_BITS ? unknown(`integer literal too large (over ${MAX_INT_BITS} bits)`) : int(v);
  }
  if (/[.eE]/.test(t)) return float(Number(t));
  if (t.length > MAX_INT_DIGITS) return `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`;
  return int(BigInt(t));
}

/** Decoded text of one plain (non-f) string token. */
export function stringValue(body: string, prefix: string): Decoded {
  return decodeEscapes(body, prefix.includes('r'));
}
