// Python's format-spec mini-language (f-strings, format(), str.format) and printf-style `%`
// formatting, for the common cases: fill/align/sign/0/width/grouping/precision and the
// s d b o x X e E f F g G % types. Anything else is reported as unsupported, never guessed.
import { exponential, fixed } from './decimal.js';
import { floatRepr, intStr, pyRepr, pyStr } from './repr.js';
import type { PyValue } from './values.js';

export type Formatted = string | { error: string };
const MAX_WIDTH = 10_000;

const SPEC_RE = /^(?:([\s\S])?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

export function formatValue(v: PyValue, spec: string): Formatted {
  if (spec === '') {
    const s = pyStr(v);
    return s ?? { error: `cannot format ${v.kind}` };
  }
  const m = SPEC_RE.exec(spec);
  if (!m) return { error: `unsupported format spec '${spec}'` };
  const [, fillCh, alignCh, sign, alt, zero, widthText, grouping, precText, type] = m;
  const width = widthText ? Number(widthText) : 0;
  const precision = precText !== undefined ? Number(precText) : undefined;
  if (width > MAX_WIDTH || (precision ?? 0) > MAX_WIDTH) return { error: 'format width too large' };
  let fill = fillCh ?? ' ';
  let align = alignCh;
  if (zero && !alignCh) {
    fill = '0';
    align = '=';
  }
  let body: string;
  let numeric = true;
  if (v.kind === 'str') {
    if (type && type !== 's') return { error: `Unknown format code '${type}' for object of type 'str'` };
    if (sign || alt || grouping) return { error: 'sign, # or grouping not allowed in string format specifier' };
    body = precision !== undefined ? [...v.value].slice(0, precision).join('') : v.value;
    numeric = false;
  } else if (v.kind === 'int' || v.kind === 'bool') {
    const n = v.kind === 'bool' ? (v.value ? 1n : 0n) : v.value;
    // A non-empty spec formats bool as an int (format(True, '5') is '    1').
    if (type === undefined || 'dbxXon'.includes(type)) {
      if (precision !== undefined) return { error: 'Precision not allowed in integer format specifier' };
      const r = formatInt(n, type ?? 'd', Boolean(alt), grouping);
      if (typeof r !== 'string') return r;
      body = r;
    } else if (type === 'c' || type === 's') {
      return { error: `unsupported format code '${type}' for int` };
    } else {
      body = formatFloat(Number(n), type, precision, Boolean(alt), grouping);
    }
  } else if (v.kind === 'float') {
    if (type !== undefined && 'bdoxXcs'.includes(type)) return { error: `Unknown format code '${type}' for object of type 'float'` };
    body = formatFloat(v.value, type, precision, Boolean(alt), grouping);
  } else {
    return { error: `unsupported format string passed to ${v.kind}.__format__` };
  }
  if (numeric) {
    const negative = body.startsWith('-');
    const digits = negative ? body.slice(1) : body;
    const signText = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    return pad(signText, digits, width, fill, align ?? '>');
  }
  return pad('', body, width, fill, align ?? '<');
}

function pad(signText: string, body: string, width: number, fill: string, align: string): string {
  const len = [...signText].length + [...body].length;
  const n = Math.max(0, width - len);
  if (align === '=') return signText + fill.repeat(n) + body;
  if (align === '<') return signText + body + fill.repeat(n);
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + signText + body + fill.repeat(n - Math.floor(n / 2));
  return fill.repeat(n) + signText + body;
}

function group(intDigits: string, sep: string, every: number): string {
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % every === 0) out += sep;
    out += intDigits[i];
  }
  return out;
}

function formatInt(n: bigint, type: string, alt: boolean, grouping: string | undefined): Formatted {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const base = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  let digits = base === 10 ? intStr(abs) : abs.toString(base);
  if (digits === null) return { error: 'Exceeds the limit (4300 digits) for integer string conversion' };
  if (type === 'X') digits = digits.toUpperCase();
  if (grouping) digits = group(digits, grouping, base === 10 ? 3 : 4);
  const prefix = alt && base !== 10 ? `0${type === 'X' ? 'X' : type}` : '';
  return (neg ? '-' : '') + prefix + digits;
}

function formatFloat(x: number, type: string | undefined, precision: number | undefined, alt: boolean, grouping?: string): string {
  if (!Number.isFinite(x)) {
    const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
    return type !== undefined && type === type.toUpperCase() && type !== '%' ? s.toUpperCase() : s;
  }
  let out: string;
  switch (type) {
    case 'f':
    case 'F':
      out = fixed(x, precision ?? 6);
      break;
    case '%':
      out = `${fixed(x * 100, precision ?? 6)}%`;
      break;
    case 'e':
    case 'E':
      out = expForm(x, precision ?? 6);
      break;
    case 'g':
    case 'G':
    case 'n':
      out = general(x, precision ?? 6, alt);
      break;
    default:
      if (precision === undefined) {
        out = floatRepr(x);
      } else {
        out = general(x, precision, alt);
        if (!/[.e]|inf|nan/.test(out)) out += '.0';
      }
  }
  if (type === 'E' || type === 'G' || type === 'F') out = out.toUpperCase();
  if (grouping) {
    const [intPart, rest] = splitNumber(out);
    const neg = intPart.startsWith('-');
    out = (neg ? '-' : '') + group(neg ? intPart.slice(1) : intPart, grouping, 3) + rest;
  }
  return out;
}

function splitNumber(s: string): [string, string] {
  const i = s.search(/[.e%]/);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i)];
}

/** "1.500000e+03": JS gives e+3, Python pads the exponent to two digits. */
function expForm(x: number, precision: number): string {
  const { mantissa, exp } = exponential(x, precision);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function general(x: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? `0.${'0'.repeat(p - 1)}` : '0';
  const { exp } = exponential(x, p - 1);
  let out: string;
  if (exp >= -4 && exp < p) {
    out = fixed(x, p - 1 - exp);
    if (!alt && out.includes('.')) out = out.replace(/\.?0+$/, '');
  } else {
    out = expForm(x, p - 1);
    if (!alt) out = out.replace(/\.?0+e/, 'e');
  }
  return out;
}

/** printf-style `fmt % args`. */
export function percentFormat(fmt: string, args: PyValue): Formatted {
  const positional = args.kind === 'tuple' ? args.items : [args];
  const mapping = args.kind === 'dict' ? args : undefined;
  let next = 0;
  let out = '';
  const re = /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?[hlL]?([diouxXeEfFgGcrsa%])?/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags = '', width, prec, conv] = m;
    if (conv === undefined) return { error: 'incomplete format' };
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (width === '*' || prec === '*') return { error: "'*' width is not supported" };
    let arg: PyValue | undefined;
    if (key !== undefined) {
      if (!mapping) return { error: 'format requires a mapping' };
      arg = mapping.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1];
      if (!arg) return { error: `KeyError: '${key}'` };
    } else {
      arg = positional[next++];
      if (!arg) return { error: 'not enough arguments for format string' };
    }
    let value: PyValue = arg;
    let type: string = conv;
    if (conv === 's' || conv === 'r' || conv === 'a') {
      const s = conv === 's' ? pyStr(arg) : pyRepr(arg);
      if (s === null) return { error: `cannot convert ${arg.kind} with %${conv}` };
      value = { kind: 'str', value: s };
      type = 's';
    } else if ('diu'.includes(conv)) {
      if (arg.kind === 'float') value = { kind: 'int', value: BigInt(Math.trunc(arg.value)) };
      else if (arg.kind !== 'int' && arg.kind !== 'bool') return { error: `%${conv} format: a real number is required, not ${arg.kind}` };
      type = 'd';
    } else if (conv === 'c') {
      return { error: '%c is not supported' };
    } else if (arg.kind !== 'int' && arg.kind !== 'bool' && arg.kind !== 'float') {
      return { error: `%${conv} format: a real number is required, not ${arg.kind}` };
    }
    if (value.kind === 'bool') value = { kind: 'int', value: value.value ? 1n : 0n };
    const align = flags.includes('-') ? '<' : flags.includes('0') && type !== 's' ? '=' : '>';
    const fill = align === '=' ? '0' : ' ';
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const spec = `${fill}${align}${type === 's' ? '' : sign}${flags.includes('#') ? '#' : ''}${width ?? ''}${prec !== undefined ? `.${prec}` : ''}${type === 'u' ? 'd' : type}`;
    const r = formatValue(value, spec);
    if (typeof r !== 'string') return r;
    out += r;
  }
  out += fmt.slice(last);
  if (args.kind === 'tuple' && next < positional.length && !mapping) {
    return { error: 'not all arguments converted during string formatting' };
  }
  return out;
}

/** `template.format(*args, **kwargs)` with plain, numbered and named fields, `[key]` lookups and !r/!s. */
export function strFormat(template: string, args: PyValue[], kwargs: Map<string, PyValue>): Formatted {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '}') {
      return { error: "Single '}' encountered in format string" };
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) return { error: "Single '{' encountered in format string" };
      const field = template.slice(i + 1, end);
      if (field.includes('{')) return { error: 'nested format fields are not supported' };
      i = end + 1;
      const m = /^([^.[!:]*)((?:\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
      if (!m) return { error: `unsupported format field '{${field}}'` };
      const [, name = '', lookups = '', conv, spec = ''] = m;
      let value: PyValue | undefined;
      if (name === '') value = args[auto++];
      else if (/^\d+$/.test(name)) value = args[Number(name)];
      else value = kwargs.get(name);
      if (value === undefined) return { error: name === '' || /^\d/.test(name) ? 'IndexError: Replacement index out of range' : `KeyError: '${name}'` };
      for (const lk of lookups.match(/\[[^\]]*\]/g) ?? []) {
        const key = lk.slice(1, -1);
        value = lookup(value, key);
        if (value === undefined) return { error: `lookup [${key}] failed` };
      }
      if (conv) {
        const s = conv === 's' ? pyStr(value) : pyRepr(value);
        if (s === null) return { error: `cannot convert ${value.kind}` };
        value = { kind: 'str', value: s };
      }
      const r = formatValue(value, spec);
      if (typeof r !== 'string') return r;
      out += r;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function lookup(v: PyValue, key: string): PyValue | undefined {
  if ((v.kind === 'list' || v.kind === 'tuple') && /^\d+$/.test(key)) return v.items[Number(key)];
  if (v.kind === 'dict') {
    return v.entries.find(([k]) => (k.kind === 'str' && k.value === key) || (k.kind === 'int' && /^\d+$/.test(key) && k.value === BigInt(key)))?.[1];
  }
  return undefined;
}
