// The functions a config may call that we evaluate: Python builtins, CPU-count and environment
// lookups in os/multiprocessing/psutil, a little of math and os.path, and common str/list/dict
// methods. Everything else is an unknown value naming what was not evaluated.
import { toBool, toFloat, toInt, toStr } from './convert.js';
import { fixed } from './decimal.js';
import { strFormat } from './format.js';
import { Budget, MAX_SEQUENCE } from './limits.js';
import { compare, dictGet, pyEquals, truthy } from './ops.js';
import { pyRepr } from './repr.js';
import { NONE, bool, float, int, list, str, typeName, unknown, type PyValue } from './values.js';

/** os.environ as the config sees it; `unknown` for keys changed by code that was not evaluated. */
export interface Environ {
  get(key: string): PyValue | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface CallCtx {
  cpus: number;
  environ: Environ;
  budget: Budget;
}

type Args = PyValue[];
type Kw = Map<string, PyValue>;
type Impl = (args: Args, kw: Kw, ctx: CallCtx, self: PyValue) => PyValue;
/** `lenient`: receives unknown arguments itself instead of propagating the first one. */
interface Builtin {
  impl: Impl;
  lenient?: boolean;
}

const typeError = (msg: string): PyValue => unknown(`TypeError: ${msg}`);

function arity(name: string, args: Args, min: number, max: number): PyValue | undefined {
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

function dictImpl(args: Args, kw: Kw): PyValue {
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

// ---- str / list / dict methods (self is the receiver)

const strMethod = (f: (s: string, args: Args) => PyValue): Impl => (args, _kw, _ctx, self) => {
  if (self.kind !== 'str') return typeError('descriptor requires a str');
  for (const a of args) if (a.kind !== 'str' && a.kind !== 'int' && a.kind !== 'none') return typeError(`unexpected argument of type ${typeName(a)}`);
  return f(self.value, args);
};

const stripChars = (args: Args): string | undefined => (args[0]?.kind === 'str' ? args[0].value : undefined);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function strip(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? '\\s' : escapeRe(chars).replace(/-/g, '\\-');
  if (set === '') return s;
  let out = s;
  if (left) out = out.replace(new RegExp(`^[${set}]+`, 'u'), '');
  if (right) out = out.replace(new RegExp(`[${set}]+$`, 'u'), '');
  return out;
}

function split(s: string, args: Args): PyValue {
  const sep = args[0]?.kind === 'str' ? args[0].value : undefined;
  const max = args[1]?.kind === 'int' ? Number(args[1].value) : -1;
  if (sep === '') return unknown('ValueError: empty separator');
  let parts: string[];
  if (sep === undefined) {
    parts = s.trim().split(/\s+/).filter((p) => p !== '');
    if (max >= 0 && parts.length > max + 1) {
      const head = parts.slice(0, max);
      const rest = s.trim().replace(new RegExp(`^(?:\\S+\\s+){${max}}`), '');
      parts = [...head, rest];
    }
  } else {
    parts = s.split(sep);
    if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sep)];
  }
  return list(parts.map(str));
}

const METHODS: Record<string, Builtin> = {
  'str.lower': { impl: strMethod((s) => str(s.toLowerCase())) },
  'str.upper': { impl: strMethod((s) => str(s.toUpperCase())) },
  'str.strip': { impl: strMethod((s, a) => str(strip(s, stripChars(a), true, true))) },
  'str.lstrip': { impl: strMethod((s, a) => str(strip(s, stripChars(a), true, false))) },
  'str.rstrip': { impl: strMethod((s, a) => str(strip(s, stripChars(a), false, true))) },
  'str.split': { impl: strMethod(split) },
  'str.replace': {
    impl: strMethod((s, a) =>
      a[0]?.kind === 'str' && a[1]?.kind === 'str' && a[2] === undefined
        ? s.length < MAX_SEQUENCE / Math.max(1, a[1].value.length)
          ? str(s.split(a[0].value).join(a[1].value))
          : unknown('string result too large')
        : unknown('str.replace() with these arguments is not evaluated'),
    ),
  },
  'str.startswith': { impl: strMethod((s, a) => (a[0]?.kind === 'str' && a.length === 1 ? bool(s.startsWith(a[0].value)) : unknown('str.startswith() with these arguments is not evaluated'))) },
  'str.endswith': { impl: strMethod((s, a) => (a[0]?.kind === 'str' && a.length === 1 ? bool(s.endsWith(a[0].value)) : unknown('str.endswith() with these arguments is not evaluated'))) },
  'str.isdigit': { impl: strMethod((s) => bool(/^\p{Nd}+$/u.test(s))) },
  'str.join': {
    impl: (args, _kw, ctx, self) => {
      const items = iterate(args[0] ?? NONE);
      if (self.kind !== 'str' || items === undefined) return typeError('can only join an iterable');
      if (items.some((i) => i.kind === 'unknown')) return items.find((i) => i.kind === 'unknown')!;
      if (items.some((i) => i.kind !== 'str')) return typeError('sequence item: expected str instance');
      const out = items.map((i) => (i as { value: string }).value).join(self.value);
      return out.length > MAX_SEQUENCE || !ctx.budget.spend(out.length) ? unknown('string result too large') : str(out);
    },
  },
  'str.format': {
    impl: (args, kw, ctx, self) => {
      if (self.kind !== 'str') return typeError('descriptor requires a str');
      const r = strFormat(self.value, args, kw);
      if (typeof r !== 'string') return unknown(`str.format(): ${r.error}`);
      return ctx.budget.spend(r.length) ? str(r) : unknown('evaluation budget exhausted');
    },
  },
  'list.append': {
    lenient: true,
    impl: (args, _kw, ctx, self) => {
      if (self.kind !== 'list' || args.length !== 1) return typeError('list.append() takes exactly one argument');
      if (self.items.length >= MAX_SEQUENCE || !ctx.budget.spend(1)) return unknown('list too large');
      self.items.push(args[0]!);
      return NONE;
    },
  },
  'list.extend': {
    impl: (args, _kw, ctx, self) => {
      const items = iterate(args[0] ?? NONE);
      if (self.kind !== 'list' || items === undefined) return typeError('list.extend() needs an iterable');
      if (self.items.length + items.length > MAX_SEQUENCE || !ctx.budget.spend(items.length)) return unknown('list too large');
      self.items.push(...items);
      return NONE;
    },
  },
  'dict.get': {
    lenient: true,
    impl: (args, _kw, ctx, self) => {
      if (self.kind !== 'dict' || args.length < 1 || args.length > 2) return typeError('dict.get() takes 1 or 2 arguments');
      const v = dictGet(self.entries, args[0]!, ctx.budget);
      return v === null ? unknown('dict lookup with an unknown key') : (v ?? args[1] ?? NONE);
    },
  },
  'dict.update': {
    impl: (args, kw, ctx, self) => {
      if (self.kind !== 'dict') return typeError('descriptor requires a dict');
      const add = dictImpl(args, kw);
      if (add.kind !== 'dict') return add;
      for (const [k, v] of add.entries) {
        const i = self.entries.findIndex(([ek]) => pyEquals(ek, k, ctx.budget) === true);
        if (i >= 0) self.entries[i] = [self.entries[i]![0], v];
        else self.entries.push([k, v]);
      }
      return NONE;
    },
  },
  'dict.keys': { impl: (_a, _k, _c, self) => (self.kind === 'dict' ? list(self.entries.map(([k]) => k)) : typeError('dict expected')) },
  'dict.values': { impl: (_a, _k, _c, self) => (self.kind === 'dict' ? list(self.entries.map(([, v]) => v)) : typeError('dict expected')) },
  'dict.items': {
    impl: (_a, _k, _c, self) => (self.kind === 'dict' ? list(self.entries.map(([k, v]) => ({ kind: 'tuple', items: [k, v] }))) : typeError('dict expected')),
  },
};

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

/** Names available without import. */
export const GLOBAL_NAMES = new Set(Object.keys(FUNCTIONS).filter((k) => !k.includes('.')));

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
