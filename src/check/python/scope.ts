// What evaluation keeps between statements: bindings, the environment the config sees, and
// helpers for describing unknown values.
import type { Expr } from './ast.js';
import type { Environ } from './call-context.js';
import { MAX_VALUE_DEPTH } from './limits.js';
import { str, unknown, type PyValue } from './values.js';

export interface Unevaluated {
  name?: string;
  line: number;
  reason: string;
}

export interface Binding {
  value: PyValue;
  line: number;
}

export const UNHASHABLE = new Set(['list', 'dict', 'set']);
/** Methods that change the object they are called on (list.append …). */
export const MUTATING = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'pop', 'remove', 'clear', 'add', 'discard', 'sort', 'reverse']);

/** Reason for a value that depends on an unknown name, without nesting "depends on" chains. */
export function dependsOn(name: string, reason: string): string {
  return `depends on '${name}': ${reason.replace(/^(depends on '[^']*': )+/, '')}`;
}

/** A dotted rendering of simple expressions, for messages ("os.system", "json.dumps"). */
export function exprText(e: Expr): string {
  if (e.type === 'Name') return e.id;
  if (e.type === 'Attribute') return `${exprText(e.value)}.${e.attr}`;
  if (e.type === 'Call') return `${exprText(e.func)}(…)`;
  if (e.type === 'Subscript') return `${exprText(e.value)}[…]`;
  return '…';
}

/** The first unknown inside a value (containers included), for reporting. */
export function unknownInside(v: PyValue, depth = 0): string | undefined {
  if (v.kind === 'unknown') return v.reason;
  if (depth > MAX_VALUE_DEPTH) return undefined;
  if (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') {
    for (const item of v.items) {
      const r = unknownInside(item, depth + 1);
      if (r !== undefined) return r;
    }
  } else if (v.kind === 'dict') {
    for (const [k, val] of v.entries) {
      const r = unknownInside(k, depth + 1) ?? unknownInside(val, depth + 1);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/** os.environ: the given env, plus what the file sets; keys changed by code not run are unknown. */
export class EnvironView implements Environ {
  private values = new Map<string, PyValue>();
  constructor(env: Record<string, string | undefined>) {
    for (const [k, v] of Object.entries(env)) if (v !== undefined) this.values.set(k, str(v));
  }
  snapshot(): Map<string, PyValue> {
    return new Map(this.values);
  }
  restore(values: Map<string, PyValue>): void {
    this.values = new Map(values);
  }
  get(key: string): PyValue | undefined {
    return this.values.get(key);
  }
  set(key: string, value: string): void {
    this.values.set(key, str(value));
  }
  delete(key: string): void {
    this.values.delete(key);
  }
  markUnknown(key: string, reason: string): void {
    this.values.set(key, unknown(reason));
  }
}
