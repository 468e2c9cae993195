// str() and repr() of values, matching CPython's output (float repr, quote choice, containers).
// Return null when Python would print something we cannot reproduce (functions, unknowns) or
// when the text would exceed MAX_SEQUENCE characters.
import { MAX_INT_DIGITS, MAX_SEQUENCE, MAX_VALUE_DEPTH } from './limits.js';
import type { PyValue } from './values.js';

/** repr(float): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mant.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** str(int), refusing what CPython 3.11+ refuses (more than 4300 digits). */
function intStr(v: bigint): string | null {
  const s = v.toString();
  return s.replace('-', '').length > MAX_INT_DIGITS ? null : s;
}

function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === q) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + q;
}

export function pyStr(v: PyValue): string | null {
  return v.kind === 'str' ? v.value : pyRepr(v);
}

export function pyRepr(v: PyValue): string | null {
  const state = { length: 0 };
  return repr(v, 0, state);
}

function repr(v: PyValue, depth: number, state: { length: number }): string | null {
  if (depth > MAX_VALUE_DEPTH) return null;
  let out: string | null;
  switch (v.kind) {
    case 'int':
      out = intStr(v.value);
      break;
    case 'float':
      out = floatRepr(v.value);
      break;
    case 'bool':
      out = v.value ? 'True' : 'False';
      break;
    case 'none':
      out = 'None';
      break;
    case 'str':
      out = strRepr(v.value);
      break;
    case 'list':
    case 'tuple':
    case 'set': {
      if (v.kind === 'set' && v.items.length === 0) return 'set()';
      const parts: string[] = [];
      for (const item of v.items) {
        const r = repr(item, depth + 1, state);
        if (r === null) return null;
        parts.push(r);
      }
      const body = parts.join(', ');
      out =
        v.kind === 'list' ? `[${body}]` : v.kind === 'set' ? `{${body}}` : parts.length === 1 ? `(${body},)` : `(${body})`;
      break;
    }
    case 'dict': {
      const parts: string[] = [];
      for (const [k, val] of v.entries) {
        const kr = repr(k, depth + 1, state);
        const vr = repr(val, depth + 1, state);
        if (kr === null || vr === null) return null;
        parts.push(`${kr}: ${vr}`);
      }
      out = `{${parts.join(', ')}}`;
      break;
    }
    case 'class':
      out = `<class '${v.name}'>`;
      break;
    default:
      return null;
  }
  if (out === null) return null;
  state.length += out.length;
  return state.length > MAX_SEQUENCE ? null : out;
}
