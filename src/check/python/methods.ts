// str, list and dict methods we evaluate on known values; list methods change the list in place
// (as Python does, so every name bound to it sees the change).
import { dictImpl, iterate, typeError, type Args, type Builtin, type Impl } from './call-context.js';
import { strFormat } from './format.js';
import { MAX_SEQUENCE } from './limits.js';
import { dictGet, pyEquals } from './compare.js';
import { NONE, bool, list, str, typeName, unknown, type PyValue } from './values.js';

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

export const METHODS: Record<string, Builtin> = {
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
      if (typeof r !== 'string') return unknown(/^\w+Error: /.test(r.error) ? r.error : `str.format(): ${r.error}`);
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

