// Values of the evaluated config. ints are bigint so Python's exact integer arithmetic (and its
// int/float distinction) survives; `unknown` carries the reason the value could not be computed.
import { MAX_VALUE_DEPTH } from './limits.js';

export type PyValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: PyValue[] }
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  /** A def/lambda of the file, or a builtin we can evaluate (`builtin` = its qualified name). */
  | { kind: 'function'; name: string; builtin?: string; self?: PyValue }
  | { kind: 'class'; name: string }
  /** An imported module or a known object inside one (os.environ). Never reported in `values`. */
  | { kind: 'module'; name: string }
  /** `candidates`: the values it may take when the unknown is which branch runs (an import that may fail). */
  | { kind: 'unknown'; reason: string; candidates?: PyValue[] };


export const NONE: PyValue = { kind: 'none' };
export const TRUE: PyValue = { kind: 'bool', value: true };
export const FALSE: PyValue = { kind: 'bool', value: false };

export const int = (v: bigint | number): PyValue => ({ kind: 'int', value: BigInt(v) });
export const float = (v: number): PyValue => ({ kind: 'float', value: v });
export const str = (v: string): PyValue => ({ kind: 'str', value: v });
export const bool = (v: boolean): PyValue => (v ? TRUE : FALSE);
export const unknown = (reason: string, candidates?: PyValue[]): PyValue => (candidates ? { kind: 'unknown', reason, candidates } : { kind: 'unknown', reason });
export const list = (items: PyValue[]): PyValue => ({ kind: 'list', items });
export const tuple = (items: PyValue[]): PyValue => ({ kind: 'tuple', items });


/**
 * The exception Python raises where this unknown value came from ("ValueError: …" → ValueError);
 * undefined for values that are merely not evaluated.
 */
export function raisedBy(v: PyValue): string | undefined {
  return v.kind === 'unknown' ? /^([A-Z]\w*(?:Error|Exception|Exit)):/.exec(v.reason)?.[1] : undefined;
}

/** Python's type() name, as used in error messages. */
export function typeName(v: PyValue): string {
  switch (v.kind) {
    case 'none':
      return 'NoneType';
    case 'function':
      return v.builtin ? 'builtin_function_or_method' : 'function';
    case 'class':
      return 'type';
    default:
      return v.kind;
  }
}

export type JsValue = number | string | boolean | null | JsValue[] | { [key: string]: JsValue };

/**
 * Plain JS form of a value: int/float → number (ints beyond 2^53 lose precision), str → string,
 * None → null, list/tuple/set → array, dict → object (keys as Python str()). Functions, classes,
 * modules and unknowns → undefined, as do containers holding any of them.
 */
export function toJs(v: PyValue, depth = 0): JsValue | undefined {
  if (depth > MAX_VALUE_DEPTH) return undefined;
  switch (v.kind) {
    case 'int':
      return Number(v.value);
    case 'float':
    case 'bool':
    case 'str':
      return v.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set': {
      const out: JsValue[] = [];
      for (const item of v.items) {
        const j = toJs(item, depth + 1);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'dict': {
      const out: { [key: string]: JsValue } = {};
      for (const [k, val] of v.entries) {
        const key = toJs(k, depth + 1);
        const j = toJs(val, depth + 1);
        if (key === undefined || j === undefined || typeof key === 'object') return undefined;
        out[String(key)] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

