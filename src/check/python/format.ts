// String formatting as far as configuration files use it (measured on real gunicorn configs: see
// src/check/python/README.md): f-string and str.format fields without a format spec ({}, {0},
// {name}, !r/!s), and printf-style `%` with %s %r %d %i %% (optionally %(name)s, width and '-').
// A format spec or another conversion is reported as not evaluated, never guessed.
import { pyRepr, pyStr } from './repr.js';
import { toInt } from './convert.js';
import type { PyValue } from './values.js';

export type Formatted = string | { error: string };
const MAX_WIDTH = 10_000;

/** format(v, spec) for the empty spec, which is str(v). */
export function formatValue(v: PyValue, spec: string): Formatted {
  if (spec !== '') return { error: `format spec '${spec}' is not evaluated` };
  return pyStr(v) ?? { error: `str() of ${v.kind} is not evaluated` };
}

function convert(v: PyValue, conversion: string | undefined): Formatted {
  if (conversion === undefined || conversion === 's') return pyStr(v) ?? { error: `str() of ${v.kind} is not evaluated` };
  if (conversion === 'r') return pyRepr(v) ?? { error: `repr() of ${v.kind} is not evaluated` };
  return { error: `conversion !${conversion} is not evaluated` };
}

/** str.format: {} / {0} / {name} fields, optional !r/!s, {{ and }}. */
export function strFormat(fmt: string, args: PyValue[], kw: Map<string, PyValue>): Formatted {
  let out = '';
  let auto = 0;
  const re = /\{\{|\}\}|\{([^{}!:]*)(?:!([^{}:]))?(?::([^{}]*))?\}|[{}]/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    if (m[0] === '{{' || m[0] === '}}') {
      out += m[0][0];
      continue;
    }
    if (m[0] === '{' || m[0] === '}') return { error: `ValueError: Single '${m[0]}' encountered in format string` };
    const [, field = '', conv, spec] = m;
    let v: PyValue | undefined;
    const index = field === '' ? auto++ : /^\d+$/.test(field) ? Number(field) : -1;
    if (index >= 0) v = args[index];
    else if (/^[A-Za-z_]\w*$/.test(field)) v = kw.get(field);
    else return { error: `field {${field}} is not evaluated` };
    if (v === undefined) return { error: index >= 0 ? `IndexError: Replacement index ${index} out of range for positional args tuple` : `KeyError: '${field}'` };
    if (spec) return { error: `format spec '${spec}' is not evaluated` };
    const s = convert(v, conv);
    if (typeof s !== 'string') return s;
    out += s;
  }
  return out + fmt.slice(last);
}

/** `fmt % args` for %s %r %d %i %%, with %(name)s, '-' and a width. */
export function percentFormat(fmt: string, args: PyValue): Formatted {
  const items = args.kind === 'tuple' ? args.items : [args];
  let next = 0;
  let usedMapping = false;
  const re = /%(?:\(([^)]*)\))?([-0]*)(\d*)(.)?/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags = '', widthText, type] = m;
    if (type === '%' && key === undefined) {
      out += '%';
      continue;
    }
    if (type === undefined || !'srdi'.includes(type)) return { error: `ValueError: conversion '%${type ?? ''}' is not evaluated` };
    let v: PyValue | undefined;
    if (key !== undefined) {
      if (args.kind !== 'dict') return { error: 'TypeError: format requires a mapping' };
      usedMapping = true;
      v = args.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1];
      if (v === undefined) return { error: `KeyError: '${key}'` };
    } else {
      v = items[next++];
      if (v === undefined) return { error: 'TypeError: not enough arguments for format string' };
    }
    let s: Formatted;
    if (type === 'd' || type === 'i') {
      if (v.kind !== 'int' && v.kind !== 'bool' && v.kind !== 'float') return { error: `TypeError: %${type} format: a real number is required, not ${v.kind}` };
      s = convert(toInt(v), 's');
    } else s = convert(v, type);
    if (typeof s !== 'string') return s;
    const width = Math.min(Number(widthText || 0), MAX_WIDTH);
    const pad = (flags.includes('0') && !flags.includes('-') && type !== 's' && type !== 'r' ? '0' : ' ').repeat(Math.max(0, width - [...s].length));
    out += flags.includes('-') ? s + pad : pad === '' || pad[0] === ' ' ? pad + s : s.startsWith('-') ? `-${pad}${s.slice(1)}` : pad + s;
  }
  out += fmt.slice(last);
  if (!usedMapping && args.kind !== 'dict' && next < items.length) return { error: 'TypeError: not all arguments converted during string formatting' };
  return out;
}
