// Number and string literals: the checks CPython's tokenizer makes that the grammar leaves out
// (digits, underscores, leading zeros, escapes, bytes), and their values.
import { MAX_INT_BITS, MAX_INT_DIGITS } from './limits.js';
import { bitLength } from './arith.js';
import { float, int, str, unknown, type PyValue } from './values.js';

export class LiteralError extends Error {}

const DIGITS = '(?:\\d(?:_?\\d)*)';
const DECIMAL = new RegExp(`^(?:[1-9](?:_?\\d)*|0(?:_?0)*)$`);
const FLOAT = new RegExp(`^(?:(?:${DIGITS}?\\.${DIGITS}|${DIGITS}\\.?)(?:[eE][+-]?${DIGITS})?|${DIGITS}\\.?(?:[eE][+-]?${DIGITS})?)$`);
const PREFIXED: Record<string, [RegExp, string, RegExp]> = {
  x: [/^0[xX](?:_?[0-9a-fA-F])+$/, 'hexadecimal', /[0-9a-fA-F]/],
  o: [/^0[oO](?:_?[0-7])+$/, 'octal', /[0-7]/],
  b: [/^0[bB](?:_?[01])+$/, 'binary', /[01]/],
};
/** Keywords CPython 3.11 accepts right after a number (`1if x else 2`). */
const AFTER_NUMBER = /^(?:and|else|for|if|in|is|not|or)(?![\p{L}\p{N}_])/u;

/**
 * The value of a number token; `next` is the source text that follows it, for the tokenizer's
 * end-of-number check. Throws LiteralError with CPython's message.
 */
export function numberValue(text: string, next: string): PyValue {
  const kind = /^0[xXoObB]/.test(text) ? text[1]!.toLowerCase() : '';
  const [re, name, digit] = PREFIXED[kind] ?? [];
  if (re && name && digit) {
    if (!re.test(text)) {
      const bad = /[^_0-9a-fA-F]|[2-9a-fA-F]/.exec(text.slice(2));
      if (name !== 'hexadecimal' && bad && /[0-9]/.test(bad[0]) && !digit.test(bad[0])) throw new LiteralError(`invalid digit '${bad[0]}' in ${name} literal`);
      throw new LiteralError(`invalid ${name} literal`);
    }
  } else {
    const body = text.replace(/[jJ]$/, '');
    const isInt = !/[.eEjJ]/.test(text);
    if (isInt ? !DECIMAL.test(body) : !FLOAT.test(body)) {
      if (isInt && /^0[_\d]*$/.test(body) && /^\d(?:_?\d)*$/.test(body)) {
        throw new LiteralError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
      }
      throw new LiteralError('invalid decimal literal');
    }
  }
  if (/^[\p{L}\p{N}_]/u.test(next) && !AFTER_NUMBER.test(next)) {
    if (digit && /^\d/.test(next) && name !== 'hexadecimal') throw new LiteralError(`invalid digit '${next[0]}' in ${name} literal`);
    throw new LiteralError(`invalid ${name ?? 'decimal'} literal`);
  }
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return unknown('complex numbers are not evaluated');
  if (kind) {
    const v = BigInt(t);
    return bitLength(v) > MAX_INT_BITS ? unknown(`integer literal too large (over ${MAX_INT_BITS} bits)`) : int(v);
  }
  if (/[.eE]/.test(t)) return float(Number(t));
  if (t.length > MAX_INT_DIGITS) throw new LiteralError(`Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`);
  return int(BigInt(t));
}

export interface StringToken {
  prefix: string;
  /** The quote: ', ", ''' or """. */
  quote: string;
  body: string;
}

/** Splits a string token's text; throws for an unterminated literal (`line` is where it starts). */
export function splitString(text: string, line: number): StringToken {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text);
  if (!m) throw new LiteralError('invalid syntax');
  const [, prefix = '', quote = ''] = m;
  const body = text.slice(prefix.length + quote.length);
  const closed = body.length >= quote.length && body.endsWith(quote) && !endsEscaped(body.slice(0, -quote.length), prefix);
  if (!closed) {
    const end = line + (text.match(/\n/g)?.length ?? 0);
    throw new LiteralError(`unterminated ${quote.length === 3 ? 'triple-quoted ' : ''}string literal (detected at line ${end})`);
  }
  return { prefix: prefix.toLowerCase(), quote, body: body.slice(0, -quote.length) };
}

/** An odd run of backslashes before the closing quote escapes it (even in raw strings). */
function endsEscaped(body: string, _prefix: string): boolean {
  const run = /\\*$/.exec(body)![0].length;
  return run % 2 === 1;
}

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Decodes backslash escapes; throws LiteralError where CPython refuses the literal. */
export function decodeEscapes(body: string, raw: boolean, bytes: boolean): string | { unsupported: string } {
  if (bytes && /[^\x00-\x7f]/.test(body)) throw new LiteralError('bytes can only contain ASCII literal characters');
  if (raw || !body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return out + '\\';
    if (e === '\n') continue;
    if (SIMPLE[e] !== undefined) out += SIMPLE[e];
    else if (e >= '0' && e <= '7') {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      out += String.fromCodePoint(parseInt(digits, 8));
    } else if (e === 'x' || (!bytes && (e === 'u' || e === 'U'))) {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
        const got = /^[0-9a-fA-F]*/.exec(hex)![0].length;
        throw escapeError(body, i - 1, i + got, `truncated \\${e}${'X'.repeat(len)} escape`);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw escapeError(body, i - 1, i + len, 'illegal Unicode character');
      out += String.fromCodePoint(code);
      i += len;
    } else if (e === 'N' && !bytes) {
      if (!/^\{[^}]+\}/.test(body.slice(i + 1))) throw escapeError(body, i - 1, i, 'malformed \\N character escape');
      // Character names need Unicode's name table, which we do not carry.
      return { unsupported: '\\N{...} escapes are not evaluated' };
    } else out += `\\${e}`;
  }
  return out;
}

/** CPython's message for a bad escape spanning body[from..to] (positions count UTF-8 bytes). */
function escapeError(body: string, from: number, to: number, what: string): LiteralError {
  const start = Buffer.byteLength(body.slice(0, from));
  const end = start + Buffer.byteLength(body.slice(from, to + 1)) - 1;
  return new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${end}: ${what}`);
}

/** The value of one plain (non-f) string token. */
export function stringValue(tok: StringToken): PyValue {
  const bytes = tok.prefix.includes('b');
  const d = decodeEscapes(tok.body, tok.prefix.includes('r'), bytes);
  if (typeof d !== 'string') return unknown(d.unsupported);
  return bytes ? unknown('bytes values are not evaluated') : str(d);
}
