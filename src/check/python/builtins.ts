// Python's builtin functions that configuration files call and we evaluate (the modules they
// import: modules.ts; str/list/dict methods: methods.ts).
import { arity, dictImpl, iterate, typeError, type Args, type Builtin, type CallCtx, type Impl, type Kw } from './call-context.js';
import { toBool, toFloat, toInt, toStr } from './convert.js';
import { fixed } from './decimal.js';
import { MAX_SEQUENCE } from './limits.js';
import { compare, pyEquals, truthy } from './compare.js';
import { pyRepr } from './repr.js';
import { NONE, float, int, list, str, typeName, unknown, type PyValue } from './values.js';

function extreme(name: 'max' | 'min'): Impl {
  return (args, kw, ctx) => {
    if (kw.has('key')) return unknown(`${name}() with key= is not evaluated`);
    const items = args.length === 1 ? iterate(args[0]!) : args;
    if (items === undefined) return typeError(`'${typeName(args[0]!)}' object is not iterable`);
    if (items.length === 0) return kw.get('default') ?? unknown(`ValueError: ${name}() arg is an empty sequence`);
    let best = items[0]!;
    for (const item of items.slice(1)) {
      const r = compare(name === 'max' ? '>' : '<', item, best, ctx.budget);
      if (r.kind !== 'bool') return r;
      if (r.value) best = item;
    }
    return best;
  };
}

/** round(x[, n]): half to even, exactly as CPython (2.5 → 2, 2.675 → 2.67). */
function roundImpl(args: Args): PyValue {
  const err = arity('round', args, 1, 2);
  if (err) return err;
  const [x, nd] = args as [PyValue, PyValue | undefined];
  const digits = nd === undefined || nd.kind === 'none' ? undefined : nd.kind === 'int' ? Number(nd.value) : NaN;
  if (Number.isNaN(digits)) return typeError("'ndigits' must be an integer");
  if (x.kind === 'int' || x.kind === 'bool') {
    const v = x.kind === 'bool' ? BigInt(x.value) : x.value;
    if (digits === undefined || digits >= 0) return int(v);
    const p = 10n ** BigInt(Math.min(-digits, 10_000));
    let q = v / p;
    const r = v - q * p;
    const twice = 2n * (r < 0n ? -r : r);
    if (twice > p || (twice === p && q % 2n !== 0n)) q += v < 0n ? -1n : 1n;
    return int(q * p);
  }
  if (x.kind !== 'float') return typeError(`type ${typeName(x)} doesn't define __round__ method`);
  if (!Number.isFinite(x.value)) return digits === undefined ? unknown('ValueError: cannot convert float NaN or infinity to integer') : x;
  if (digits === undefined) {
    const f = Math.floor(x.value);
    const diff = x.value - f;
    return int(BigInt(diff > 0.5 || (diff === 0.5 && f % 2 !== 0) ? f + 1 : f));
  }
  if (digits > 308) return x;
  if (digits >= 0) return float(Number(fixed(x.value, digits)));
  return float(Number(fixed(x.value / 10 ** -digits, 0)) * 10 ** -digits);
}

function sequenceOf(kind: 'list' | 'tuple' | 'set'): Impl {
  return (args, _kw, ctx) => {
    if (args.length === 0) return { kind, items: [] };
    const arg = args[0]!;
    if (arg.kind === 'unknown') return arg;
    const items = iterate(arg);
    if (items === undefined) return typeError(`'${typeName(arg)}' object is not iterable`);
    if (!ctx.budget.spend(items.length)) return unknown('evaluation budget exhausted');
    if (kind !== 'set') return { kind, items: [...items] };
    const out: PyValue[] = [];
    for (const item of items) if (!out.some((o) => pyEquals(o, item, ctx.budget))) out.push(item);
    return { kind, items: out };
  };
}

function sortedImpl(args: Args, kw: Kw, ctx: CallCtx): PyValue {
  if (kw.has('key')) return unknown('sorted() with key= is not evaluated');
  const items = iterate(args[0] ?? NONE);
  if (items === undefined) return typeError('sorted() needs an iterable');
  let failure: PyValue | undefined;
  const less = (a: PyValue, b: PyValue): boolean => {
    const r = compare('<', a, b, ctx.budget);
    if (r.kind === 'bool') return r.value;
    failure ??= r;
    return false;
  };
  const out = [...items].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  if (failure) return failure;
  const reverse = kw.get('reverse');
  return list(reverse && truthy(reverse) ? out.reverse() : out);
}

const toBig = (v: PyValue): bigint => (v.kind === 'int' ? v.value : v.kind === 'bool' ? BigInt(v.value) : 0n);

function sumImpl(args: Args): PyValue {
  const items = iterate(args[0] ?? NONE);
  if (items === undefined) return typeError('sum() needs an iterable');
  let total: PyValue = args[1] ?? int(0);
  for (const item of items) {
    if (item.kind === 'unknown') return item;
    const nums = [total, item].every((v) => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool');
    if (!nums) return typeError(`unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(item)}'`);
    const asNum = (v: PyValue): number => Number((v as { value: number | bigint | boolean }).value);
    total = total.kind === 'float' || item.kind === 'float' ? float(asNum(total) + asNum(item)) : int(toBig(total) + toBig(item));
  }
  return total;
}

/** range() as the list it iterates over (bounded like any sequence). */
function rangeImpl(args: Args, _kw: Kw, ctx: CallCtx): PyValue {
  const err = arity('range', args, 1, 3);
  if (err) return err;
  if (!args.every((a) => a.kind === 'int' || a.kind === 'bool')) return typeError(`'${typeName(args.find((a) => a.kind !== 'int')!)}' object cannot be interpreted as an integer`);
  const [a, b, c] = args.map(toBig);
  const [start, stop, step] = args.length === 1 ? [0n, a!, 1n] : [a!, b!, c ?? 1n];
  if (step === 0n) return unknown('ValueError: range() arg 3 must not be zero');
  const count = step > 0n ? (stop > start ? (stop - start + step - 1n) / step : 0n) : start > stop ? (start - stop - step - 1n) / -step : 0n;
  if (count > BigInt(MAX_SEQUENCE) || !ctx.budget.spend(Number(count))) return unknown('range too large to evaluate');
  return list(Array.from({ length: Number(count) }, (_, i) => int(start + BigInt(i) * step)));
}

function lenImpl(a: Args): PyValue {
  const x = a[0];
  if (x === undefined || a.length !== 1) return typeError('len() takes exactly one argument');
  if (x.kind === 'unknown') return x;
  if (x.kind === 'str') return int([...x.value].length);
  if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') return int(x.items.length);
  if (x.kind === 'dict') return int(x.entries.length);
  return typeError(`object of type '${typeName(x)}' has no len()`);
}

function absImpl(a: Args): PyValue {
  const x = a[0];
  if (arity('abs', a, 1, 1) || x === undefined) return typeError('abs() takes exactly one argument');
  if (x.kind === 'int') return int(x.value < 0n ? -x.value : x.value);
  if (x.kind === 'bool') return int(x.value ? 1 : 0);
  if (x.kind === 'float') return float(Math.abs(x.value));
  return typeError(`bad operand type for abs(): '${typeName(x)}'`);
}

export const PY_BUILTINS: Record<string, Builtin> = {
  int: { impl: (a) => arity('int', a, 0, 2) ?? toInt(a[0], a[1]) },
  float: { impl: (a) => arity('float', a, 0, 1) ?? toFloat(a[0]) },
  str: { impl: (a) => arity('str', a, 0, 1) ?? toStr(a[0]) },
  bool: { impl: (a) => arity('bool', a, 0, 1) ?? toBool(a[0]) },
  repr: { impl: (a) => arity('repr', a, 1, 1) ?? (pyRepr(a[0]!) === null ? unknown('repr() not evaluated') : str(pyRepr(a[0]!)!)) },
  max: { impl: extreme('max') },
  min: { impl: extreme('min') },
  abs: { impl: absImpl },
  round: { impl: roundImpl },
  len: { lenient: true, impl: lenImpl },
  print: { lenient: true, impl: () => NONE },
  list: { lenient: true, impl: sequenceOf('list') },
  tuple: { lenient: true, impl: sequenceOf('tuple') },
  set: { impl: sequenceOf('set') },
  dict: { lenient: true, impl: dictImpl },
  sorted: { impl: sortedImpl },
  sum: { impl: sumImpl },
  range: { impl: rangeImpl },
};
