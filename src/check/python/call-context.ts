// The calling convention of evaluated builtins and methods, and helpers they share.
import type { Budget } from './limits.js';
import { str, typeName, unknown, type PyValue } from './values.js';

/** os.environ as the config sees it; `unknown` for keys changed by code that was not evaluated. */
export interface Environ {
  get(key: string): PyValue | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface CallCtx {
  /** What os.cpu_count() and friends return. */
  cpus: number;
  /** What psutil.virtual_memory().total returns; unknown when absent. */
  memBytes?: number;
  environ: Environ;
  budget: Budget;
  /** What the evaluation took for granted (the interpreter is CPython), said once each. */
  assumptions: Set<string>;
}

export type Args = PyValue[];
export type Kw = Map<string, PyValue>;
export type Impl = (args: Args, kw: Kw, ctx: CallCtx, self: PyValue) => PyValue;
/** `lenient`: receives unknown arguments itself instead of propagating the first one. */
export interface Builtin {
  impl: Impl;
  lenient?: boolean;
}

export const typeError = (msg: string): PyValue => unknown(`TypeError: ${msg}`);

export function arity(name: string, args: Args, min: number, max: number): PyValue | undefined {
  if (args.length < min || args.length > max) {
    return typeError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s) (${args.length} given)`);
  }
  return undefined;
}

/** The items a for-loop would see: characters of a str, elements, keys of a dict. */
export function iterate(v: PyValue): PyValue[] | undefined {
  switch (v.kind) {
    case 'str':
      return [...v.value].map(str);
    case 'list':
    case 'tuple':
    case 'set':
      return v.items;
    case 'dict':
      return v.entries.map(([k]) => k);
    default:
      return undefined;
  }
}

/** dict(mapping | pairs, **kwargs). */
export function dictImpl(args: Args, kw: Kw): PyValue {
  const entries: [PyValue, PyValue][] = [];
  if (args[0]?.kind === 'dict') entries.push(...args[0].entries);
  else if (args[0] !== undefined) {
    const pairs = iterate(args[0]);
    if (pairs === undefined) return typeError(`'${typeName(args[0])}' object is not iterable`);
    for (const p of pairs) {
      const kv = iterate(p);
      if (kv?.length !== 2) return unknown('ValueError: dictionary update sequence element has wrong length');
      entries.push([kv[0]!, kv[1]!]);
    }
  }
  for (const [k, v] of kw) entries.push([str(k), v]);
  return { kind: 'dict', entries };
}

