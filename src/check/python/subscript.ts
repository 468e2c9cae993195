// Indexing and slicing of the values configs hold: os.environ[key], dict[key], and str/list/tuple
// items and slices with a step of 1 (configs slice argv and strings, nothing fancier).
import type { Budget } from './limits.js';
import { dictGet } from './compare.js';
import { pyRepr } from './repr.js';
import type { EnvironView } from './scope.js';
import { str, typeName, unknown, type PyValue } from './values.js';

/** The position a (possibly negative) int/bool index designates, if in range. */
export function indexOf(len: number, key: PyValue): number | undefined {
  const k = key.kind === 'bool' ? (key.value ? 1 : 0) : Number((key as { value: bigint }).value);
  const i = k < 0 ? len + k : k;
  return i >= 0 && i < len ? i : undefined;
}

export function itemOf(base: PyValue, key: PyValue, environ: EnvironView, budget: Budget): PyValue {
  if (base.kind === 'unknown') return base;
  if (key.kind === 'unknown') return key;
  if (base.kind === 'module' && base.name === 'os.environ') {
    if (key.kind !== 'str') return unknown(`TypeError: str expected, not ${typeName(key)}`);
    return environ.get(key.value) ?? unknown(`KeyError: environment variable '${key.value}' is not set`);
  }
  if (base.kind === 'dict') {
    const v = dictGet(base.entries, key, budget);
    if (v === null) return unknown('dict lookup involves unknown keys');
    return v ?? unknown(`KeyError: ${pyRepr(key) ?? '?'}`);
  }
  if (base.kind === 'list' || base.kind === 'tuple' || base.kind === 'str') {
    if (key.kind !== 'int' && key.kind !== 'bool') return unknown(`TypeError: ${base.kind} indices must be integers, not ${typeName(key)}`);
    const items = base.kind === 'str' ? [...base.value] : base.items;
    const i = indexOf(items.length, key);
    if (i === undefined) return unknown(`IndexError: ${base.kind} index out of range`);
    const item = items[i]!;
    return typeof item === 'string' ? str(item) : item;
  }
  return unknown(`subscript of ${typeName(base)} is not evaluated`);
}

export function sliceOf(base: PyValue, lower: number | undefined, upper: number | undefined): PyValue {
  if (base.kind === 'unknown') return base;
  const seq = base.kind === 'str' ? [...base.value] : base.kind === 'list' || base.kind === 'tuple' ? base.items : undefined;
  if (!seq) return unknown(`slicing ${typeName(base)} is not evaluated`);
  const norm = (v: number | undefined, dflt: number): number => (v === undefined ? dflt : Math.min(Math.max(v < 0 ? v + seq.length : v, 0), seq.length));
  const out = seq.slice(norm(lower, 0), norm(upper, seq.length));
  if (base.kind === 'str') return str((out as string[]).join(''));
  return { kind: base.kind as 'list' | 'tuple', items: out as PyValue[] };
}
