// int(), float(), str() and bool() conversions with CPython's parsing rules (whitespace, sign,
// underscores between digits, base prefixes, the 4300-digit limit, inf/nan).
import { MAX_INT_BITS, MAX_INT_DIGITS } from './limits.js';
import { truthy } from './compare.js';
import { pyStr } from './repr.js';
import { bool, float, int, str, typeName, unknown, type PyValue } from './values.js';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Parses a str as int() does; a string result is the ValueError message. */
function parseIntText(text: string, base: number): bigint | string {
  const bad = `ValueError: invalid literal for int() with base ${base}: ${quote(text)}`;
  let s = text.trim();
  let sign = 1n;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  let b = base;
  const prefix = /^0([xob])/i.exec(s)?.[1]?.toLowerCase();
  if (prefix !== undefined) {
    const pb = prefix === 'x' ? 16 : prefix === 'o' ? 8 : 2;
    if (b === 0 || b === pb) {
      b = pb;
      s = s.slice(2);
      if (s.startsWith('_')) s = s.slice(1);
    }
  }
  if (b === 0) {
    if (/^0+[_0]*$/.test(s)) return 0n;
    if (/^0/.test(s)) return bad;
    b = 10;
  }
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) return bad;
  const digits = s.replace(/_/g, '').toLowerCase();
  const allowed = DIGITS.slice(0, b);
  for (const ch of digits) if (!allowed.includes(ch)) return bad;
  if (b === 10 && digits.length > MAX_INT_DIGITS) {
    return `ValueError: Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`;
  }
  if (digits.length * Math.log2(b) > MAX_INT_BITS) return `integer too large (over ${MAX_INT_BITS} bits)`;
  let v = 0n;
  const bb = BigInt(b);
  if (b === 10) v = BigInt(digits);
  else for (const ch of digits) v = v * bb + BigInt(allowed.indexOf(ch));
  return sign * v;
}

export function toInt(x: PyValue | undefined, base?: PyValue): PyValue {
  if (x === undefined) return int(0);
  if (base !== undefined) {
    if (base.kind !== 'int' && base.kind !== 'bool') return unknown(`TypeError: '${typeName(base)}' object cannot be interpreted as an integer`);
    const b = Number(base.kind === 'bool' ? (base.value ? 1 : 0) : base.value);
    if (b !== 0 && (b < 2 || b > 36)) return unknown('ValueError: int() base must be >= 2 and <= 36, or 0');
    if (x.kind !== 'str') return unknown("TypeError: int() can't convert non-string with explicit base");
    const r = parseIntText(x.value, b);
    return typeof r === 'string' ? unknown(r) : int(r);
  }
  switch (x.kind) {
    case 'int':
      return x;
    case 'bool':
      return int(x.value ? 1 : 0);
    case 'float':
      if (Number.isNaN(x.value)) return unknown('ValueError: cannot convert float NaN to integer');
      if (!Number.isFinite(x.value)) return unknown('OverflowError: cannot convert float infinity to integer');
      return int(BigInt(Math.trunc(x.value)));
    case 'str': {
      const r = parseIntText(x.value, 10);
      return typeof r === 'string' ? unknown(r) : int(r);
    }
    default:
      return unknown(`TypeError: int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
  }
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;

export function toFloat(x: PyValue | undefined): PyValue {
  if (x === undefined) return float(0);
  switch (x.kind) {
    case 'float':
      return x;
    case 'int': {
      const v = Number(x.value);
      return Number.isFinite(v) ? float(v) : unknown('OverflowError: int too large to convert to float');
    }
    case 'bool':
      return float(x.value ? 1 : 0);
    case 'str': {
      const s = x.value.trim();
      const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
      if (special) {
        const v = special[2]!.toLowerCase() === 'nan' ? NaN : Infinity;
        return float(special[1] === '-' ? -v : v);
      }
      if (!FLOAT_RE.test(s)) return unknown(`ValueError: could not convert string to float: ${quote(x.value)}`);
      return float(Number(s.replace(/_/g, '')));
    }
    default:
      return unknown(`TypeError: float() argument must be a string or a real number, not '${typeName(x)}'`);
  }
}

export function toStr(x: PyValue | undefined): PyValue {
  if (x === undefined) return str('');
  const s = pyStr(x);
  return s === null ? unknown(`str() of ${typeName(x)} is not evaluated`) : str(s);
}

export function toBool(x: PyValue | undefined): PyValue {
  if (x === undefined) return bool(false);
  const t = truthy(x);
  return t === undefined ? unknown('truth value is unknown') : bool(t);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
