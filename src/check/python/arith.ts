// Python arithmetic: ints are exact (floor division and modulo follow the divisor's sign), / gives
// a float, sequences concatenate and repeat, `str % args` formats. Results are bounded in size;
// errors Python would raise come back as unknown values carrying the exception text.
import { EXHAUSTED, asFloat, num, truthy, type Num } from './compare.js';
import { percentFormat } from './format.js';
import { Budget, MAX_INT_BITS, MAX_SEQUENCE } from './limits.js';
import { bool, float, int, typeName, unknown, type PyValue } from './values.js';

export function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(16).length * 4;
}

function checkedInt(v: bigint): PyValue {
  return bitLength(v) > MAX_INT_BITS ? unknown(`integer result too large (over ${MAX_INT_BITS} bits)`) : int(v);
}

function checkedFloat(x: number): PyValue {
  return Number.isFinite(x) ? float(x) : unknown('OverflowError: result too large');
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

