// Python's truthiness, ==, ordering of numbers and strings, `in` and `is`. Errors Python would
// raise come back as unknown values carrying the exception text (arithmetic: arith.ts).
import { Budget, MAX_VALUE_DEPTH } from './limits.js';
import { FALSE, bool, typeName, unknown, type PyValue } from './values.js';

export const EXHAUSTED = 'evaluation budget exhausted';

/** Python truthiness; undefined for unknown values. */
export function truthy(v: PyValue): boolean | undefined {
  switch (v.kind) {
    case 'int':
      return v.value !== 0n;
    case 'float':
      return v.value !== 0;
    case 'bool':
      return v.value;
    case 'str':
      return v.value.length > 0;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

export type Num = { int: bigint } | { float: number };

export function num(v: PyValue): Num | undefined {
  if (v.kind === 'int') return { int: v.value };
  if (v.kind === 'bool') return { int: v.value ? 1n : 0n };
  if (v.kind === 'float') return { float: v.value };
  return undefined;
}

export const asFloat = (n: Num): number => ('int' in n ? Number(n.int) : n.float);

/** ==; undefined when either side (or a part of it) is unknown. */
export function pyEquals(a: PyValue, b: PyValue, budget: Budget, depth = 0): boolean | undefined {
  if (a === b && a.kind !== 'unknown' && !(a.kind === 'float' && Number.isNaN(a.value))) return true;
  if (a.kind === 'unknown' || b.kind === 'unknown' || depth > MAX_VALUE_DEPTH || !budget.spend(1)) return undefined;
  const na = num(a);
  const nb = num(b);
  if (na && nb) return 'int' in na && 'int' in nb ? na.int === nb.int : asFloat(na) === asFloat(nb);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'str':
      return a.value === (b as typeof a).value;
    case 'none':
      return true;
    case 'list':
    case 'tuple': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      for (let i = 0; i < bi.length; i++) {
        const eq = pyEquals(a.items[i]!, bi[i]!, budget, depth + 1);
        if (eq !== true) return eq;
      }
      return true;
    }
    case 'set': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      return allTrue(a.items.map((x) => containsItem(bi, x, budget, depth + 1)));
    }
    case 'dict': {
      const be = (b as typeof a).entries;
      if (a.entries.length !== be.length) return false;
      return allTrue(
        a.entries.map(([k, v]) => {
          const other = dictGet(be, k, budget, depth + 1);
          return other === undefined ? false : other === null ? undefined : pyEquals(v, other, budget, depth + 1);
        }),
      );
    }
    case 'function':
    case 'module':
    case 'class':
      return a.name === (b as typeof a).name && a.kind !== 'function';
    default:
      return undefined;
  }
}

function allTrue(results: (boolean | undefined)[]): boolean | undefined {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function containsItem(items: PyValue[], x: PyValue, budget: Budget, depth = 0): boolean | undefined {
  let sawUnknown = false;
  for (const item of items) {
    const eq = pyEquals(item, x, budget, depth);
    if (eq === true) return true;
    if (eq === undefined) sawUnknown = true;
  }
  return sawUnknown ? undefined : false;
}

/** Dict lookup by Python equality: the value, undefined if absent, null if it cannot be decided. */
export function dictGet(entries: [PyValue, PyValue][], key: PyValue, budget: Budget, depth = 0): PyValue | undefined | null {
  let sawUnknown = false;
  for (let i = entries.length - 1; i >= 0; i--) {
    const eq = pyEquals(entries[i]![0], key, budget, depth);
    if (eq === true) return entries[i]![1];
    if (eq === undefined) sawUnknown = true;
  }
  return sawUnknown ? null : undefined;
}

/** `<`, `<=`, `>`, `>=`: a boolean, or unknown (TypeError or unknown operand). */
function order(op: string, a: PyValue, b: PyValue): PyValue {
  const na = num(a);
  const nb = num(b);
  let c: number | undefined;
  if (na && nb) {
    if ('int' in na && 'int' in nb) c = na.int < nb.int ? -1 : na.int > nb.int ? 1 : 0;
    else {
      const x = asFloat(na);
      const y = asFloat(nb);
      if (Number.isNaN(x) || Number.isNaN(y)) return FALSE;
      c = x < y ? -1 : x > y ? 1 : 0;
    }
  } else if (a.kind === 'str' && b.kind === 'str') {
    c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  } else if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) {
    return unknown(`ordering ${a.kind}s ('${op}') is not evaluated`);
  } else {
    return unknown(`TypeError: '${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  }
  return bool(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
}

/** One comparison of a chain (`==`, `<`, `in`, `is not`, …). */
export function compare(op: string, a: PyValue, b: PyValue, budget: Budget): PyValue {
  if (a.kind === 'unknown') return a;
  if (b.kind === 'unknown') return b;
  switch (op) {
    case '==':
    case '!=': {
      const eq = pyEquals(a, b, budget);
      if (eq === undefined) return unknown(budget.exhausted ? EXHAUSTED : 'comparison involves unknown values');
      return bool(op === '==' ? eq : !eq);
    }
    case 'in':
    case 'not in': {
      const r = contains(b, a, budget);
      if (r.kind !== 'bool') return r;
      return op === 'in' ? r : bool(!r.value);
    }
    case 'is':
    case 'is not': {
      const same = identical(a, b);
      if (same === undefined) return unknown("identity ('is') of values other than None/True/False is not evaluated");
      return bool(op === 'is' ? same : !same);
    }
    default:
      return order(op, a, b);
  }
}

function identical(a: PyValue, b: PyValue): boolean | undefined {
  if (a === b) return true;
  const single = (v: PyValue): boolean => v.kind === 'none' || v.kind === 'bool';
  if (single(a) || single(b)) return a.kind === b.kind && (a.kind === 'none' || (a as { value: boolean }).value === (b as { value: boolean }).value);
  const mutable = (v: PyValue): boolean => v.kind === 'list' || v.kind === 'dict' || v.kind === 'set';
  if (mutable(a) || mutable(b) || a.kind !== b.kind) return false;
  return undefined;
}

/** `needle in container`. */
function contains(container: PyValue, needle: PyValue, budget: Budget): PyValue {
  switch (container.kind) {
    case 'str':
      if (needle.kind !== 'str') return unknown(`TypeError: 'in <string>' requires string as left operand, not ${typeName(needle)}`);
      if (!budget.spend(container.value.length)) return unknown(EXHAUSTED);
      return bool(container.value.includes(needle.value));
    case 'list':
    case 'tuple':
    case 'set': {
      const r = containsItem(container.items, needle, budget);
      return r === undefined ? unknown('membership test involves unknown values') : bool(r);
    }
    case 'dict': {
      const r = dictGet(container.entries, needle, budget);
      return r === null ? unknown('membership test involves unknown values') : bool(r !== undefined);
    }
    default:
      return unknown(`TypeError: argument of type '${typeName(container)}' is not iterable`);
  }
}
