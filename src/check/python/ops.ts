// Python operator semantics: truthiness, ==, ordering, arithmetic (int floors, / gives float,
// % and // follow the divisor's sign), sequence concatenation/repetition and `str % args`.
// Errors Python would raise come back as unknown values carrying the exception text.
import { percentFormat } from './format.js';
import { Budget, MAX_INT_BITS, MAX_SEQUENCE, MAX_VALUE_DEPTH } from './limits.js';
import { FALSE, bool, float, int, typeName, unknown, type PyValue } from './values.js';

const EXHAUSTED = 'evaluation budget exhausted';

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

type Num = { int: bigint } | { float: number };

function num(v: PyValue): Num | undefined {
  if (v.kind === 'int') return { int: v.value };
  if (v.kind === 'bool') return { int: v.value ? 1n : 0n };
  if (v.kind === 'float') return { float: v.value };
  return undefined;
}

const asFloat = (n: Num): number => ('int' in n ? Number(n.int) : n.float);

export function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

function checkedInt(v: bigint): PyValue {
  return bitLength(v) > MAX_INT_BITS ? unknown(`integer result too large (over ${MAX_INT_BITS} bits)`) : int(v);
}

function checkedFloat(x: number): PyValue {
  return Number.isFinite(x) ? float(x) : unknown('OverflowError: result too large');
}

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
export function contains(container: PyValue, needle: PyValue, budget: Budget): PyValue {
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

export function unaryOp(op: string, v: PyValue): PyValue {
  if (v.kind === 'unknown') return v;
  if (op === 'not') {
    const t = truthy(v);
    return t === undefined ? unknown('truth value is unknown') : bool(!t);
  }
  const n = num(v);
  if (!n) return unknown(`TypeError: bad operand type for unary ${op}: '${typeName(v)}'`);
  if (op === '~') return unknown('bitwise operators are not evaluated');
  if ('int' in n) return int(op === '-' ? -n.int : n.int);
  return float(op === '-' ? -n.float : n.float);
}

export function binaryOp(op: string, a: PyValue, b: PyValue, budget: Budget): PyValue {
  if (a.kind === 'unknown') return a;
  if (b.kind === 'unknown') return b;
  const na = num(a);
  const nb = num(b);
  if (na && nb) {
    return arith(op, na, nb);
  }
  const fail = (): PyValue =>
    unknown(`TypeError: unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  if (op === '+') {
    if (a.kind === 'str' && b.kind === 'str') {
      if (a.value.length + b.value.length > MAX_SEQUENCE) return unknown('string result too large');
      if (!budget.spend(a.value.length + b.value.length)) return unknown(EXHAUSTED);
      return { kind: 'str', value: a.value + b.value };
    }
    if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) {
      const items = (b as typeof a).items;
      if (a.items.length + items.length > MAX_SEQUENCE) return unknown(`${a.kind} result too large`);
      if (!budget.spend(a.items.length + items.length)) return unknown(EXHAUSTED);
      return { kind: a.kind, items: [...a.items, ...items] };
    }
    return fail();
  }
  if (op === '*') {
    if (nb && 'int' in nb) return repeat(a, nb.int, budget) ?? fail();
    if (na && 'int' in na) return repeat(b, na.int, budget) ?? fail();
    return fail();
  }
  if (op === '%' && a.kind === 'str') {
    const r = percentFormat(a.value, b);
    if (typeof r !== 'string') return unknown(r.error);
    return budget.spend(r.length) ? { kind: 'str', value: r } : unknown(EXHAUSTED);
  }
  return fail();
}

function repeat(seq: PyValue, times: bigint, budget: Budget): PyValue | undefined {
  const n = times < 0n ? 0 : times > BigInt(MAX_SEQUENCE) ? MAX_SEQUENCE + 1 : Number(times);
  if (seq.kind === 'str') {
    if (seq.value.length * n > MAX_SEQUENCE) return unknown('string result too large');
    if (!budget.spend(seq.value.length * n)) return unknown(EXHAUSTED);
    return { kind: 'str', value: seq.value.repeat(n) };
  }
  if (seq.kind === 'list' || seq.kind === 'tuple') {
    if (seq.items.length * n > MAX_SEQUENCE) return unknown(`${seq.kind} result too large`);
    if (!budget.spend(seq.items.length * n)) return unknown(EXHAUSTED);
    const items: PyValue[] = [];
    for (let i = 0; i < n; i++) items.push(...seq.items);
    return { kind: seq.kind, items };
  }
  return undefined;
}

function arith(op: string, a: Num, b: Num): PyValue {
  if ('int' in a && 'int' in b) return intArith(op, a.int, b.int);
  const x = asFloat(a);
  const y = asFloat(b);
  if (!Number.isFinite(x) && 'int' in a) return unknown('OverflowError: int too large to convert to float');
  if (!Number.isFinite(y) && 'int' in b) return unknown('OverflowError: int too large to convert to float');
  switch (op) {
    // Float + - * / overflow to inf silently in Python; only ** raises OverflowError.
    case '+':
      return float(x + y);
    case '-':
      return float(x - y);
    case '*':
      return float(x * y);
    case '/':
      return y === 0 ? unknown('ZeroDivisionError: float division by zero') : float(x / y);
    case '//':
      return y === 0 ? unknown('ZeroDivisionError: float floor division by zero') : float(Math.floor(x / y));
    case '%': {
      if (y === 0) return unknown('ZeroDivisionError: float modulo');
      let r = x % y;
      if (r !== 0 && r < 0 !== y < 0) r += y;
      return float(r);
    }
    case '**': {
      if (x === 0 && y < 0) return unknown('ZeroDivisionError: 0.0 cannot be raised to a negative power');
      if (x < 0 && !Number.isInteger(y)) return unknown('complex result of ** is not supported');
      return checkedFloat(x ** y);
    }
    default:
      return unknown(`operator ${op} is not evaluated`);
  }
}

function intArith(op: string, x: bigint, y: bigint): PyValue {
  switch (op) {
    case '+':
      return checkedInt(x + y);
    case '-':
      return checkedInt(x - y);
    case '*':
      return checkedInt(x * y);
    case '/': {
      if (y === 0n) return unknown('ZeroDivisionError: division by zero');
      const r = Number(x) / Number(y);
      return Number.isFinite(r) ? float(r) : unknown('OverflowError: integer division result too large for a float');
    }
    case '//':
    case '%': {
      if (y === 0n) return unknown('ZeroDivisionError: integer division or modulo by zero');
      let q = x / y;
      let r = x % y;
      if (r !== 0n && r < 0n !== y < 0n) {
        q -= 1n;
        r += y;
      }
      return int(op === '//' ? q : r);
    }
    case '**': {
      if (y < 0n) {
        if (x === 0n) return unknown('ZeroDivisionError: 0.0 cannot be raised to a negative power');
        return checkedFloat(Number(x) ** Number(y));
      }
      if (x === 0n || x === 1n) return int(y === 0n ? 1n : x);
      if (x === -1n) return int(y % 2n === 0n ? 1n : -1n);
      if (BigInt(bitLength(x)) * y > BigInt(MAX_INT_BITS) * 4n) {
        return unknown(`integer result too large (over ${MAX_INT_BITS} bits)`);
      }
      return checkedInt(x ** y);
    }
    default:
      return unknown(`operator ${op} is not evaluated`);
  }
}

