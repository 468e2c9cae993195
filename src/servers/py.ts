// Python values as the servers' validators see them, and the CPython 3.11 behaviour they rely on:
// int() and float() of text (Unicode whitespace and digits, underscores, base prefixes, the
// 4300-digit limit), truthiness, str()/repr() for error messages, str.strip/split/splitlines.
// The shape matches src/check/python's evaluated values, so those can be passed as they are.
// Long: CPython's conversions, each small, kept together in the order the validators call them.

export type Py =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: Py[] }
  | { kind: 'dict'; entries: [Py, Py][] }
  /** A function (def/lambda); `arity` when known. */
  | { kind: 'function'; name: string; arity?: number }
  | { kind: 'class'; name: string }
  | { kind: 'module'; name: string }
  /** A value that could not be known statically. */
  | { kind: 'unknown'; reason: string };

/** What callers hand over: a Py value, or plain JS (integral numbers are ints; use pyFloat(3) for 3.0). */
export type PyInput = Py | string | number | bigint | boolean | null | readonly PyInput[];

export const NONE: Py = { kind: 'none' };
export const pyInt = (v: bigint | number): Py => ({ kind: 'int', value: BigInt(v) });
export const pyFloat = (v: number): Py => ({ kind: 'float', value: v });
export const pyStr = (v: string): Py => ({ kind: 'str', value: v });
export const pyBool = (v: boolean): Py => ({ kind: 'bool', value: v });
export const pyList = (items: Py[], kind: 'list' | 'tuple' | 'set' = 'list'): Py => ({ kind, items });

const KINDS = new Set(['int', 'float', 'bool', 'str', 'none', 'list', 'tuple', 'set', 'dict', 'function', 'class', 'module', 'unknown']);

export function py(x: PyInput | { readonly [key: string]: PyInput }): Py {
  if (x === null) return NONE;
  if (Array.isArray(x)) return pyList(x.map(py));
  // A plain object that is not already a Py value is a dict (JSON from the catalogue).
  if (typeof x === 'object' && !KINDS.has((x as { kind?: string }).kind ?? ''))
    return { kind: 'dict', entries: Object.entries(x).map(([k, v]) => [pyStr(k), py(v as PyInput)]) };
  switch (typeof x) {
    case 'string':
      return pyStr(x);
    case 'bigint':
      return pyInt(x);
    case 'boolean':
      return pyBool(x);
    case 'number':
      return Number.isInteger(x) ? pyInt(x) : pyFloat(x);
    default:
      return x as Py;
  }
}

/** A Python exception, as the server would raise it. */
export class PyError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function typeName(v: Py): string {
  return { none: 'NoneType', function: 'function', class: 'type', module: 'module', unknown: 'object' }[v.kind as string] ?? v.kind;
}

// str.isspace() / str.strip() / str.split(): Py_UNICODE_ISSPACE.
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP_RE = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');
const SPLIT_RE = new RegExp(`[${SPACE}]+`);
export const strip = (s: string): string => s.replace(STRIP_RE, '');
// int() and float() strip ASCII whitespace and the non-ASCII Unicode spaces, but not \x1c-\x1f.
const NUMBER_STRIP_RE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const numberStrip = (s: string): string => s.replace(NUMBER_STRIP_RE, '');
export const splitWhitespace = (s: string): string[] => strip(s).split(SPLIT_RE).filter((x) => x !== '');
/** str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029. */
export function splitlines(s: string): string[] {
  const parts = s.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** Unicode decimal digits (category Nd) as ASCII, the way int() and float() read them. */
function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (ch) => {
    let cp = ch.codePointAt(0)!;
    let start = cp;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    cp = (cp - start) % 10; // digit blocks are runs of 0-9 (several blocks may be adjacent)
    return String(cp);
  });
}

const MAX_STR_DIGITS = 4300; // sys.int_info.default_max_str_digits (CPython 3.11)

/** int(text, base). */
function intFromStr(text: string, base: number): bigint {
  const bad = () => new PyError('ValueError', `invalid literal for int() with base ${base}: ${repr(pyStr(text)).slice(0, 200)}`);
  let s = asciiDigits(numberStrip(text));
  let sign = 1n;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1n : 1n;
    s = s.slice(1);
  }
  let b = base;
  const prefix = /^0([xob])/i.exec(s)?.[1]?.toLowerCase();
  if (prefix !== undefined && (b === 0 || b === { x: 16, o: 8, b: 2 }[prefix])) {
    b = { x: 16, o: 8, b: 2 }[prefix as 'x' | 'o' | 'b'];
    s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1); // 0x_1f
    if (s === '') throw bad();
  } else if (b === 0) {
    if (/^0(_?0)*$/.test(s)) return 0n;
    if (s.startsWith('0')) throw bad(); // "010" is not a base-0 literal
    b = 10;
  }
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(s)) throw bad();
  const digits = s.replace(/_/g, '').toLowerCase();
  for (const ch of digits) if (parseInt(ch, 36) >= b) throw bad();
  if ((b & (b - 1)) !== 0 && digits.length > MAX_STR_DIGITS)
    throw new PyError('ValueError', `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  let v = 0n;
  for (const ch of digits) v = v * BigInt(b) + BigInt(parseInt(ch, 36));
  return sign * v;
}

/** int(x) (base given: int(x, base), which only takes text). */
export function toInt(x: Py, base?: number): bigint {
  if (base !== undefined) {
    if (x.kind !== 'str') throw new PyError('TypeError', "int() can't convert non-string with explicit base");
    return intFromStr(x.value, base);
  }
  switch (x.kind) {
    case 'int':
      return x.value;
    case 'bool':
      return x.value ? 1n : 0n;
    case 'str':
      return intFromStr(x.value, 10);
    case 'float':
      if (Number.isNaN(x.value)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
      if (!Number.isFinite(x.value)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
      return BigInt(Math.trunc(x.value));
    default:
      throw new PyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
  }
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:e[+-]?\d(?:_?\d)*)?$/i;

/** float(x). */
export function toFloat(x: Py): number {
  switch (x.kind) {
    case 'float':
      return x.value;
    case 'int': {
      const v = Number(x.value);
      if (!Number.isFinite(v)) throw new PyError('OverflowError', 'int too large to convert to float');
      return v;
    }
    case 'bool':
      return x.value ? 1 : 0;
    case 'str': {
      const s = asciiDigits(numberStrip(x.value));
      const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
      if (special) {
        const v = special[2]!.toLowerCase() === 'nan' ? NaN : Infinity;
        return special[1] === '-' ? -v : v;
      }
      if (!FLOAT_RE.test(s)) throw new PyError('ValueError', `could not convert string to float: ${repr(x)}`);
      return Number(s.replace(/_/g, ''));
    }
    default:
      throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(x)}'`);
  }
}

export function truthy(x: Py): boolean {
  switch (x.kind) {
    case 'none':
      return false;
    case 'bool':
      return x.value;
    case 'int':
      return x.value !== 0n;
    case 'float':
      return x.value !== 0;
    case 'str':
      return x.value !== '';
    case 'list':
    case 'tuple':
    case 'set':
      return x.items.length > 0;
    case 'dict':
      return x.entries.length > 0;
    default:
      return true;
  }
}

/** Python's repr(float): shortest digits, exponent form below 1e-4 and from 1e16. */
function floatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mant, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(v);
  return s.includes('.') ? s : `${s}.0`;
}

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch) && ch !== ' ')
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

export function repr(x: Py): string {
  switch (x.kind) {
    case 'str':
      return strRepr(x.value);
    case 'list':
      return `[${x.items.map(repr).join(', ')}]`;
    case 'tuple':
      return x.items.length === 1 ? `(${repr(x.items[0]!)},)` : `(${x.items.map(repr).join(', ')})`;
    case 'set':
      return x.items.length === 0 ? 'set()' : `{${x.items.map(repr).join(', ')}}`;
    case 'dict':
      return `{${x.entries.map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}}`;
    default:
      return str(x);
  }
}

export function str(x: Py): string {
  switch (x.kind) {
    case 'str':
      return x.value;
    case 'int':
      return x.value.toString();
    case 'float':
      return floatRepr(x.value);
    case 'bool':
      return x.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'function':
      return `<function ${x.name}>`;
    case 'class':
      return `<class '${x.name}'>`;
    case 'module':
      return `<module '${x.name}'>`;
    case 'unknown':
      return `<${x.reason}>`;
    default:
      return repr(x);
  }
}

/**
 * The argument text of `"... %s ..." % v` (or %r): a tuple supplies the arguments itself, so (x,)
 * formats x and any other length is a TypeError.
 */
export function pct(v: Py, conv: 'str' | 'repr' = 'str'): string {
  let arg = v;
  if (v.kind === 'tuple') {
    if (v.items.length === 0) throw new PyError('TypeError', 'not enough arguments for format string');
    if (v.items.length > 1) throw new PyError('TypeError', 'not all arguments converted during string formatting');
    arg = v.items[0]!;
  }
  return conv === 'str' ? str(arg) : repr(arg);
}

/** Plain JS form of a converted value (ints as numbers, tuples and sets as arrays, dicts as objects). */
export function toPlain(x: Py): unknown {
  switch (x.kind) {
    case 'int':
      return Number(x.value);
    case 'float':
    case 'bool':
    case 'str':
      return x.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return x.items.map(toPlain);
    case 'dict':
      return Object.fromEntries(x.entries.map(([k, v]) => [str(k), toPlain(v)]));
    default:
      return undefined;
  }
}
