// The functions a config may call that we evaluate: Python builtins, CPU-count and environment
// lookups in os/multiprocessing/psutil, a little of math and os.path (methods: methods.ts).
// Everything else is an unknown value naming what was not evaluated.
import { arity, dictImpl, iterate, typeError, type Args, type Builtin, type CallCtx, type Impl, type Kw } from './call-context.js';
import { toBool, toFloat, toInt, toStr } from './convert.js';
import { fixed } from './decimal.js';
import { METHODS } from './methods.js';
import { compare, pyEquals, truthy } from './ops.js';
import { pyRepr } from './repr.js';
import { NONE, float, int, list, str, typeName, unknown, type PyValue } from './values.js';

export { iterate, type CallCtx, type Environ } from './call-context.js';

function cpuCount(_args: Args, kw: Kw, ctx: CallCtx): PyValue {
  const logical = kw.get('logical');
  if (logical !== undefined && truthy(logical) === false) return unknown('physical core count (logical=False) is not known');
  return int(ctx.cpus);
}

function envLookup(name: string): Impl {
  return (args, _kw, ctx) => {
    const err = arity(name, args, 1, 2);
    if (err) return err;
    const key = args[0]!;
    if (key.kind === 'unknown') return key;
    if (key.kind !== 'str') return typeError(`str expected, not ${typeName(key)}`);
    return ctx.environ.get(key.value) ?? args[1] ?? NONE;
  };
}

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

function roundImpl(args: Args): PyValue {
  const err = arity('round', args, 1, 2);
  if (err) return err;
  const [x, nd] = args as [PyValue, PyValue | undefined];
  const digits = nd === undefined || nd.kind === 'none' ? undefined : nd.kind === 'int' ? Number(nd.value) : NaN;
  if (Number.isNaN(digits)) return typeError("'ndigits' must be an integer");
  if (x.kind === 'int' || x.kind === 'bool') {
    const v = x.kind === 'bool' ? BigInt(x.value) : x.value;
    if (digits === undefined || digits >= 0) return int(v);
    const p = 10n ** BigInt(-digits);
    let q = v / p;
    const r = v - q * p;
    const twice = 2n * (r < 0n ? -r : r);
    if (twice > p || (twice === p && q % 2n !== 0n)) q += v < 0n ? -1n : 1n;
    return int(q * p);
  }
  if (x.kind !== 'float') return typeError(`type ${typeName(x)} doesn't define __round__ method`);
  if (!Number.isFinite(x.value)) {
    return digits === undefined ? unknown('cannot round an infinite or NaN float to an integer') : x;
  }
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
    for (const item of items) if (pyEquals(item, item, ctx.budget) !== undefined && !out.some((o) => pyEquals(o, item, ctx.budget))) out.push(item);
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

function sumImpl(args: Args): PyValue {
  const items = iterate(args[0] ?? NONE);
  if (items === undefined) return typeError('sum() needs an iterable');
  let total: PyValue = args[1] ?? int(0);
  for (const item of items) {
    if (item.kind === 'unknown') return item;
    const nums = [total, item].every((v) => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool');
    if (!nums) return typeError(`unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(item)}'`);
    total =
      total.kind === 'float' || item.kind === 'float'
        ? float(Number((total as { value: number | bigint | boolean }).value) + Number((item as { value: number | bigint | boolean }).value))
        : int(toBig(total) + toBig(item));
  }
  return total;
}

const toBig = (v: PyValue): bigint => (v.kind === 'int' ? v.value : v.kind === 'bool' ? BigInt(v.value) : 0n);

function mathRound(name: string, fn: (x: number) => number): Impl {
  return (args) => {
    const x = args[0];
    if (x === undefined) return typeError(`${name}() takes exactly one argument (0 given)`);
    if (x.kind === 'int' || x.kind === 'bool') return int(toBig(x));
    if (x.kind !== 'float') return typeError('must be real number');
    if (!Number.isFinite(x.value)) return unknown(`cannot convert float ${x.value} to integer`);
    return int(BigInt(fn(x.value)));
  };
}

function pathJoin(args: Args): PyValue {
  let out = '';
  for (const a of args) {
    if (a.kind !== 'str') return typeError(`expected str, not ${typeName(a)}`);
    if (a.value.startsWith('/')) out = a.value;
    else if (out === '' || out.endsWith('/')) out += a.value;
    else out += `/${a.value}`;
  }
  return str(out);
}

const FUNCTIONS: Record<string, Builtin> = {
  int: { impl: (a) => arity('int', a, 0, 2) ?? toInt(a[0], a[1]) },
  float: { impl: (a) => arity('float', a, 0, 1) ?? toFloat(a[0]) },
  str: { impl: (a) => arity('str', a, 0, 1) ?? toStr(a[0]) },
  bool: { impl: (a) => arity('bool', a, 0, 1) ?? toBool(a[0]) },
  repr: { impl: (a) => arity('repr', a, 1, 1) ?? (pyRepr(a[0]!) === null ? unknown('repr() not evaluated') : str(pyRepr(a[0]!)!)) },
  max: { impl: extreme('max') },
  min: { impl: extreme('min') },
  abs: {
    impl: (a) => {
      const x = a[0];
      if (arity('abs', a, 1, 1) || x === undefined) return typeError('abs() takes exactly one argument');
      if (x.kind === 'int') return int(x.value < 0n ? -x.value : x.value);
      if (x.kind === 'bool') return int(x.value ? 1 : 0);
      if (x.kind === 'float') return float(Math.abs(x.value));
      return typeError(`bad operand type for abs(): '${typeName(x)}'`);
    },
  },
  round: { impl: roundImpl },
  len: {
    lenient: true,
    impl: (a) => {
      const x = a[0];
      if (x === undefined || a.length !== 1) return typeError('len() takes exactly one argument');
      if (x.kind === 'unknown') return x;
      if (x.kind === 'str') return int([...x.value].length);
      if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') return int(x.items.length);
      if (x.kind === 'dict') return int(x.entries.length);
      return typeError(`object of type '${typeName(x)}' has no len()`);
    },
  },
  print: { lenient: true, impl: () => NONE },
  list: { lenient: true, impl: sequenceOf('list') },
  tuple: { lenient: true, impl: sequenceOf('tuple') },
  set: { impl: sequenceOf('set') },
  dict: { lenient: true, impl: dictImpl },
  sorted: { impl: sortedImpl },
  sum: { impl: sumImpl },
  'os.cpu_count': { impl: cpuCount },
  'os.process_cpu_count': { impl: cpuCount },
  'multiprocessing.cpu_count': { impl: cpuCount },
  'psutil.cpu_count': { impl: cpuCount },
  'os.sched_getaffinity': {
    impl: (_a, _k, ctx) => ({ kind: 'set', items: Array.from({ length: Math.min(ctx.cpus, 4096) }, (_, i) => int(i)) }),
  },
  'os.getenv': { impl: envLookup('getenv') },
  'os.environ.get': { impl: envLookup('get') },
  'os.environ.setdefault': {
    impl: (args, _kw, ctx) => {
      const [k, d] = args;
      if (k?.kind !== 'str' || args.length !== 2) return typeError('setdefault() takes a str key and a default');
      const cur = ctx.environ.get(k.value);
      if (cur !== undefined) return cur;
      if (d?.kind !== 'str') return typeError(`str expected, not ${typeName(d ?? NONE)}`);
      ctx.environ.set(k.value, d.value);
      return d;
    },
  },
  'os.path.join': { impl: pathJoin },
  'math.ceil': { impl: mathRound('ceil', Math.ceil) },
  'math.floor': { impl: mathRound('floor', Math.floor) },
  'math.trunc': { impl: mathRound('trunc', Math.trunc) },
  'math.sqrt': {
    impl: (a) => {
      const x = toFloat(a[0] ?? NONE);
      if (x.kind !== 'float') return x;
      return x.value < 0 ? unknown('ValueError: math domain error') : float(Math.sqrt(x.value));
    },
  },
};

/** Objects inside modules that are namespaces themselves. */
const SUBMODULES = new Set(['os.path', 'os.environ']);

/** Python builtins we know exist but never evaluate (calling one gives an unknown, not a NameError). */
const OPAQUE_BUILTINS = [
  'open', '__import__', 'exec', 'eval', 'compile', 'input', 'getattr', 'setattr', 'hasattr', 'delattr', 'globals',
  'locals', 'vars', 'dir', 'range', 'enumerate', 'zip', 'map', 'filter', 'reversed', 'iter', 'next', 'isinstance',
  'issubclass', 'type', 'object', 'hash', 'id', 'callable', 'any', 'all', 'format', 'chr', 'ord', 'hex', 'oct', 'bin',
  'divmod', 'pow', 'frozenset', 'bytes', 'bytearray', 'super', 'property', 'staticmethod', 'classmethod', 'breakpoint',
  'help', 'Exception', 'ValueError', 'KeyError', 'TypeError', 'RuntimeError', 'ImportError', 'OSError', 'SystemExit',
];

/** Names available without import. */
export const GLOBAL_NAMES = new Set([...Object.keys(FUNCTIONS).filter((k) => !k.includes('.')), ...OPAQUE_BUILTINS]);

export function globalBuiltin(name: string): PyValue | undefined {
  return GLOBAL_NAMES.has(name) ? { kind: 'function', name, builtin: name } : undefined;
}

/** `module.attr` for an imported module (`os.getenv`, `os.environ`, `json.dumps` → unknown). */
export function moduleAttr(module: string, attr: string): PyValue {
  const q = `${module}.${attr}`;
  if (FUNCTIONS[q]) return { kind: 'function', name: q, builtin: q };
  if (SUBMODULES.has(q)) return { kind: 'module', name: q };
  return unknown(`${q} is not evaluated`);
}

/** Names a `from module import *` brings in, when we know the module. */
export function moduleExports(module: string): string[] | undefined {
  const names = [...Object.keys(FUNCTIONS), ...SUBMODULES]
    .filter((k) => k.startsWith(`${module}.`) && !k.slice(module.length + 1).includes('.'))
    .map((k) => k.slice(module.length + 1));
  return names.length > 0 ? names : undefined;
}

/** A bound method of a str/list/dict value, if we evaluate it. */
export function methodOf(self: PyValue, attr: string): PyValue | undefined {
  const q = `${self.kind}.${attr}`;
  return METHODS[q] ? { kind: 'function', name: q, builtin: q, self } : undefined;
}

export function callBuiltin(fn: Extract<PyValue, { kind: 'function' }>, args: Args, kw: Kw, ctx: CallCtx): PyValue {
  const b = METHODS[fn.builtin!] ?? FUNCTIONS[fn.builtin!];
  if (!b) return unknown(`call to ${fn.name}() is not evaluated`);
  if (!b.lenient) {
    const u = [...args, ...kw.values()].find((a) => a.kind === 'unknown');
    if (u) return u;
  }
  return b.impl(args, kw, ctx, fn.self ?? NONE);
}
