// waitress's converters (waitress/adjustments.py: asbool, asoctal, aslist, asset, slash_fixed_str,
// str_iftruthy, as_socket_list; and the builtins int and str), as Adjustments(**kw) applies them,
// with the fingerprints of the code versions they implement (see WAITRESS.validators).
import { NONE, PyError, pyBool, pyInt, pyList, pyStr, splitlines, splitWhitespace, str, strip, toInt, truthy, typeName, type Py } from './py.js';
import { unchecked, type ValidatorImpl } from './validator-kit.js';
import { iterate } from './validators-gunicorn.js';

const noAttr = (v: Py, attr: string): never => {
  throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${attr}'`);
};

// adjustments.py `truthy` (part of asbool's fingerprint).
const TRUTHY = new Set(['t', 'true', 'y', 'yes', 'on', '1']);

function asbool(v: Py): Py {
  if (v.kind === 'none') return pyBool(false);
  if (v.kind === 'bool') return v;
  if (v.kind === 'unknown') return unchecked(v.reason);
  return pyBool(TRUTHY.has(strip(str(v)).toLowerCase()));
}

function aslist(v: Py): Py {
  const lines = v.kind === 'str' ? splitlines(v.value).map(strip).filter((x) => x !== '').map(pyStr) : iterate(v);
  return pyList(lines.flatMap((x) => (x.kind === 'str' ? splitWhitespace(x.value).map(pyStr) : noAttr(x, 'split'))));
}

function asset(v: Py): Py {
  const seen = new Set<string>();
  const items = (aslist(v) as { items: Py[] }).items.filter((x) => !seen.has(str(x)) && seen.add(str(x)));
  return pyList(items, 'set');
}

function slashFixedStr(v: Py): Py {
  if (v.kind !== 'str') return noAttr(v, 'strip');
  const s = strip(v.value);
  return pyStr(s ? `/${s.replace(/^\/+/, '').replace(/\/+$/, '')}` : s);
}

function asSocketList(v: Py): Py {
  const items = iterate(v);
  // Only socket.socket objects are kept; no value written in a file or on a command line is one.
  if (items.some((x) => x.kind === 'unknown')) return unchecked('whether the items are sockets');
  return pyList([]);
}

export const WAITRESS_CONVERTERS: Readonly<Record<string, readonly ValidatorImpl[]>> = {
  as_socket_list: [{ fingerprints: ['869f68b6d7'], run: asSocketList }],
  asbool: [{ fingerprints: ['0c04ed4273'], run: asbool }],
  aslist: [{ fingerprints: ['a75e290f8a'], run: aslist }],
  asoctal: [{ fingerprints: ['d745a263f9'], run: (v) => pyInt(toInt(v, 8)) }],
  asset: [{ fingerprints: ['25a5f6dbce'], run: asset }],
  slash_fixed_str: [{ fingerprints: ['5b6b62da88'], run: slashFixedStr }],
  str_iftruthy: [{ fingerprints: ['78185008b5'], run: (v) => (v.kind === 'unknown' ? unchecked(v.reason) : truthy(v) ? pyStr(str(v)) : NONE) }],
  // Python builtins: no fingerprint.
  int: [{ fingerprints: [], run: (v) => (v.kind === 'unknown' ? unchecked(v.reason) : pyInt(toInt(v))) }],
  str: [{ fingerprints: [], run: (v) => (v.kind === 'unknown' ? unchecked(v.reason) : pyStr(str(v))) }],
};
