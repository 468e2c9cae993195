// Executes the parsed module top to bottom the way Python would, for the statements it can
// decide: assignments, imports, if/elif/else, assert, del. Loops, try, with, match and
// conditions it cannot decide are not run; every name they may bind becomes unknown and is
// recorded with its line. Nothing is ever really executed.
import type { Expr, Stmt } from './ast.js';
import { callBuiltin, globalBuiltin, iterate, methodOf, moduleAttr, moduleExports, type CallCtx, type Environ } from './builtins.js';
import { formatValue } from './format.js';
import { Budget, MAX_SEQUENCE, MAX_VALUE_DEPTH } from './limits.js';
import { binaryOp, compare, dictGet, pyEquals, truthy, unaryOp } from './ops.js';
import { pyRepr, pyStr } from './repr.js';
import { NONE, bool, str, typeName, unknown, type PyValue } from './values.js';

export interface Unevaluated {
  name?: string;
  line: number;
  reason: string;
}

interface Binding {
  value: PyValue;
  line: number;
  /** Bound by an import: a module or something from one, not a setting of this file. */
  imported?: boolean;
}

const UNHASHABLE = new Set(['list', 'dict', 'set']);
const MUTATING = new Set(['append', 'extend', 'insert', 'update', 'setdefault', 'pop', 'remove', 'clear', 'add', 'discard', 'sort', 'reverse']);

/** Reason for a value that depends on an unknown name, without nesting "depends on" chains. */
function dependsOn(name: string, reason: string): string {
  return `depends on '${name}': ${reason.replace(/^(depends on '[^']*': )+/, '')}`;
}

/** A dotted rendering of simple expressions, for messages ("os.system", "json.dumps"). */
function exprText(e: Expr): string {
  if (e.type === 'Name') return e.id;
  if (e.type === 'Attribute') return `${exprText(e.value)}.${e.attr}`;
  if (e.type === 'Call') return `${exprText(e.func)}(…)`;
  if (e.type === 'Subscript') return `${exprText(e.value)}[…]`;
  return '…';
}

/** The first unknown inside a value (containers included), for reporting. */
function unknownInside(v: PyValue, depth = 0): string | undefined {
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

class EnvironView implements Environ {
  private readonly values = new Map<string, PyValue>();
  constructor(env: Record<string, string | undefined>) {
    for (const [k, v] of Object.entries(env)) if (v !== undefined) this.values.set(k, str(v));
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

export class Evaluator {
  readonly scope = new Map<string, Binding>();
  readonly unevaluated: Unevaluated[] = [];
  readonly imports: { module: string; line: number }[] = [];
  readonly functions: { name: string; line: number }[] = [];
  private readonly environ: EnvironView;
  private readonly call: CallCtx;
  private readonly starImports: string[] = [];
  private line = 0;

  constructor(ctx: { cpus: number; env: Record<string, string | undefined> }) {
    this.environ = new EnvironView(ctx.env);
    this.call = { cpus: ctx.cpus, environ: this.environ, budget: new Budget() };
  }

  run(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private note(reason: string, name?: string, line = this.line): void {
    this.unevaluated.push(name === undefined ? { line, reason } : { name, line, reason });
  }

  private bind(name: string, value: PyValue, line: number, imported = false): void {
    this.scope.set(name, imported ? { value, line, imported } : { value, line });
    if (imported) return;
    const reason = unknownInside(value);
    if (reason !== undefined) this.note(value.kind === 'unknown' ? reason : `contains an unknown value: ${reason}`, name, line);
  }

  private exec(s: Stmt): void {
    this.line = s.line;
    switch (s.type) {
      case 'Assign': {
        const v = this.eval(s.value);
        for (const t of s.targets) this.assign(t, v);
        return;
      }
      case 'AnnAssign':
        if (s.value) this.assign(s.target, this.eval(s.value));
        return;
      case 'AugAssign':
        return this.augAssign(s.target, s.op, s.value);
      case 'Expr':
        return this.execExpr(s.value);
      case 'Import':
        for (const n of s.names) {
          this.imports.push({ module: n.name, line: s.line });
          const bound = n.asname ?? n.name.split('.')[0]!;
          this.bind(bound, { kind: 'module', name: n.asname ? n.name : bound }, s.line, true);
        }
        return;
      case 'ImportFrom':
        return this.importFrom(s);
      case 'If': {
        const test = this.eval(s.test);
        const t = truthy(test);
        if (t === undefined) {
          const why = test.kind === 'unknown' ? test.reason : 'truth value is unknown';
          this.skip([...s.body, ...s.orelse], `assigned under a condition that cannot be evaluated (line ${s.line}): ${why}`);
        } else {
          this.run(t ? s.body : s.orelse);
        }
        return;
      }
      case 'FunctionDef':
        this.functions.push({ name: s.name, line: s.line });
        this.bind(s.name, { kind: 'function', name: s.name }, s.line);
        return;
      case 'ClassDef':
        this.bind(s.name, { kind: 'class', name: s.name }, s.line);
        return;
      case 'Block':
        return this.skip([s], `assigned inside a '${s.kind}' statement (line ${s.line}), which is not evaluated`);
      case 'Assert': {
        const t = truthy(this.eval(s.test));
        if (t === false) this.note('assertion fails');
        return;
      }
      case 'Raise':
        this.note('raise statement is reached: loading the config would fail here');
        return;
      case 'Delete':
        for (const t of s.targets) this.delete(t);
        return;
      case 'Pass':
        return;
    }
  }

  /** Expression statements: print() is ignored; other unknown results are recorded. */
  private execExpr(e: Expr): void {
    if (e.type === 'Call' && e.func.type === 'Name' && e.func.id === 'print' && !this.scope.has('print')) return;
    if (e.type === 'Const' || e.type === 'JoinedStr') return;
    const v = this.eval(e);
    if (v.kind === 'unknown') this.note(v.reason);
  }

  private importFrom(s: Extract<Stmt, { type: 'ImportFrom' }>): void {
    const module = '.'.repeat(s.level) + s.module;
    this.imports.push({ module, line: s.line });
    if (s.names === '*') {
      const names = moduleExports(module);
      if (names) for (const n of names) this.bind(n, moduleAttr(module, n), s.line, true);
      else {
        this.starImports.push(module);
        this.note(`names brought in by 'from ${module} import *' are unknown`);
      }
      return;
    }
    for (const n of s.names) {
      let v = moduleAttr(module, n.name);
      if (v.kind === 'unknown') v = unknown(`imported from ${module}, which is not evaluated`);
      this.bind(n.asname ?? n.name, v, s.line, true);
    }
  }

  /**
   * Code that is not run (undecidable branches, loops, try, with, class bodies are excluded):
   * every name it could bind becomes unknown; imports and defs in it are still listed.
   */
  private skip(body: Stmt[], reason: string): void {
    const mark = (e: Expr, line: number): void => {
      const root = this.rootName(e);
      if (root === undefined) return;
      if (root === 'os.environ' && e.type === 'Subscript' && e.index.type === 'Const' && e.index.value.kind === 'str') {
        this.environ.markUnknown(e.index.value.value, reason);
      } else if (!root.includes('.')) {
        this.bind(root, unknown(reason), line);
      }
    };
    const targets = (e: Expr, line: number): void => {
      if (e.type === 'Tuple' || e.type === 'List') e.elts.forEach((x) => targets(x, line));
      else if (e.type === 'Starred') targets(e.value, line);
      else mark(e, line);
    };
    for (const s of body) {
      switch (s.type) {
        case 'Assign':
          s.targets.forEach((t) => targets(t, s.line));
          break;
        case 'AugAssign':
        case 'AnnAssign':
          if (s.type === 'AugAssign' || s.value) targets(s.target, s.line);
          break;
        case 'Delete':
          s.targets.forEach((t) => targets(t, s.line));
          break;
        case 'Expr':
          // list.append(...) and friends change the list they are called on.
          if (s.value.type === 'Call' && s.value.func.type === 'Attribute' && MUTATING.has(s.value.func.attr)) {
            mark(s.value.func.value, s.line);
          }
          break;
        case 'Import':
        case 'ImportFrom':
          this.exec(s);
          break;
        case 'FunctionDef':
          this.functions.push({ name: s.name, line: s.line });
          this.bind(s.name, unknown(reason), s.line);
          break;
        case 'ClassDef':
          this.bind(s.name, unknown(reason), s.line);
          break;
        case 'If':
          this.skip([...s.body, ...s.orelse], reason);
          break;
        case 'Block':
          s.targets.forEach((t) => targets(t, s.line));
          this.skip(s.body, reason);
          break;
        default:
          break;
      }
    }
  }

  /** The variable a target/receiver expression is rooted at (`a` for a.b[c]; "os.environ" kept whole). */
  private rootName(e: Expr): string | undefined {
    if (e.type === 'Name') return e.id;
    if (e.type === 'Subscript' || e.type === 'Attribute') {
      if (e.value.type === 'Attribute' && e.value.attr === 'environ' && e.value.value.type === 'Name') {
        const mod = this.scope.get(e.value.value.id)?.value;
        if (mod?.kind === 'module' && mod.name === 'os') return 'os.environ';
      }
      return this.rootName(e.value);
    }
    return undefined;
  }

  private assign(target: Expr, v: PyValue): void {
    switch (target.type) {
      case 'Name':
        return this.bind(target.id, v, this.line);
      case 'Tuple':
      case 'List':
        return this.unpack(target.elts, v);
      case 'Subscript':
        return this.setItem(target, v);
      case 'Attribute':
        this.note('attribute assignment is not evaluated', exprText(target));
        return;
      default:
        return;
    }
  }

  private unpack(elts: Expr[], v: PyValue): void {
    const star = elts.findIndex((e) => e.type === 'Starred');
    const items = v.kind === 'unknown' ? undefined : iterate(v);
    let error: PyValue | undefined;
    if (v.kind === 'unknown') error = v;
    else if (items === undefined) error = unknown(`TypeError: cannot unpack non-iterable ${typeName(v)} object`);
    else if (star < 0 && items.length !== elts.length) {
      error = unknown(`ValueError: ${items.length > elts.length ? 'too many' : 'not enough'} values to unpack (expected ${elts.length}, got ${items.length})`);
    } else if (star >= 0 && items.length < elts.length - 1) {
      error = unknown(`ValueError: not enough values to unpack (expected at least ${elts.length - 1}, got ${items.length})`);
    }
    if (error || !items) {
      for (const e of elts) this.assign(e.type === 'Starred' ? e.value : e, error ?? unknown('cannot unpack'));
      return;
    }
    if (star < 0) {
      elts.forEach((e, i) => this.assign(e, items[i]!));
      return;
    }
    const after = elts.length - star - 1;
    elts.slice(0, star).forEach((e, i) => this.assign(e, items[i]!));
    this.assign((elts[star] as Extract<Expr, { type: 'Starred' }>).value, { kind: 'list', items: items.slice(star, items.length - after) });
    elts.slice(star + 1).forEach((e, i) => this.assign(e, items[items.length - after + i]!));
  }

  private setItem(target: Extract<Expr, { type: 'Subscript' }>, v: PyValue): void {
    const base = this.eval(target.value);
    const key = this.eval(target.index);
    if (base.kind === 'unknown') return;
    if (key.kind === 'unknown') {
      if (base.kind === 'list' || base.kind === 'dict') this.markRoot(target, key.reason);
      else this.note(key.reason);
      return;
    }
    if (base.kind === 'module' && base.name === 'os.environ') {
      if (key.kind !== 'str') return this.note(`TypeError: str expected, not ${typeName(key)}`);
      if (v.kind === 'unknown') this.environ.markUnknown(key.value, v.reason);
      else if (v.kind !== 'str') this.note(`TypeError: str expected, not ${typeName(v)}`, `os.environ[${pyRepr(key)}]`);
      else this.environ.set(key.value, v.value);
      return;
    }
    if (base.kind === 'dict') {
      if (UNHASHABLE.has(key.kind)) return this.note(`TypeError: unhashable type: '${key.kind}'`);
      const i = base.entries.findIndex(([k]) => pyEquals(k, key, this.call.budget) === true);
      if (i >= 0) base.entries[i] = [base.entries[i]![0], v];
      else base.entries.push([key, v]);
      return;
    }
    if (base.kind === 'list' && (key.kind === 'int' || key.kind === 'bool')) {
      const i = this.index(base.items.length, key);
      if (i === undefined) return this.note('IndexError: list assignment index out of range');
      base.items[i] = v;
      return;
    }
    this.note(`item assignment on ${typeName(base)} is not evaluated`, exprText(target));
  }

  private markRoot(target: Expr, reason: string): void {
    const root = this.rootName(target);
    if (root && !root.includes('.')) this.bind(root, unknown(reason), this.line);
  }

  private delete(target: Expr): void {
    if (target.type === 'Name') {
      if (!this.scope.delete(target.id)) this.note(`NameError: name '${target.id}' is not defined`);
    } else if (target.type === 'Tuple' || target.type === 'List') {
      target.elts.forEach((t) => this.delete(t));
    } else if (target.type === 'Subscript') {
      const base = this.eval(target.value);
      const key = this.eval(target.index);
      if (base.kind === 'module' && base.name === 'os.environ' && key.kind === 'str') this.environ.delete(key.value);
      else if (base.kind === 'dict' && key.kind !== 'unknown') {
        const i = base.entries.findIndex(([k]) => pyEquals(k, key, this.call.budget) === true);
        if (i >= 0) base.entries.splice(i, 1);
      } else if (base.kind !== 'unknown') this.markRoot(target, 'item deletion is not evaluated');
    }
  }

  private augAssign(target: Expr, op: string, valueExpr: Expr): void {
    const current = target.type === 'Name' ? this.lookup(target.id) : target.type === 'Attribute' ? unknown('attribute is not evaluated') : this.eval(target);
    const rhs = this.eval(valueExpr);
    // `lst += iterable` extends the list in place (other references see it).
    if (op === '+' && current.kind === 'list' && rhs.kind !== 'unknown') {
      const items = iterate(rhs);
      if (items && current.items.length + items.length <= MAX_SEQUENCE && this.call.budget.spend(items.length)) {
        current.items.push(...items);
        return this.assign(target, current);
      }
    }
    this.assign(target, binaryOp(op, current, rhs, this.call.budget));
  }

  private lookup(name: string): PyValue {
    const b = this.scope.get(name);
    if (b) return b.value.kind === 'unknown' ? unknown(dependsOn(name, b.value.reason)) : b.value;
    if (name === '__name__') return str('__config__');
    const builtin = globalBuiltin(name);
    if (builtin) return builtin;
    const star = this.starImports.length > 0 ? ` (it may come from 'from ${this.starImports.join("', '")} import *')` : '';
    return unknown(`NameError: name '${name}' is not defined${star}`);
  }

  eval(e: Expr): PyValue {
    switch (e.type) {
      case 'Name':
        return this.lookup(e.id);
      case 'Const':
        return e.value;
      case 'JoinedStr':
        return this.joined(e.parts);
      case 'Tuple':
      case 'List':
      case 'Set':
        return this.sequence(e.type, e.elts);
      case 'Dict':
        return this.dict(e);
      case 'BinChain': {
        let v = this.eval(e.first);
        for (const { op, right } of e.rest) v = binaryOp(op, v, this.eval(right), this.call.budget);
        return v;
      }
      case 'Unary':
        return unaryOp(e.op, this.eval(e.operand));
      case 'BoolOp': {
        let v: PyValue = NONE;
        for (const part of e.values) {
          v = this.eval(part);
          const t = truthy(v);
          if (t === undefined) return v.kind === 'unknown' ? v : unknown('truth value is unknown');
          if (t === (e.op === 'or')) return v;
        }
        return v;
      }
      case 'Compare': {
        let left = this.eval(e.left);
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.eval(e.comparators[i]!);
          const r = this.compare(e.ops[i]!, left, right);
          if (r.kind !== 'bool' || !r.value) return r;
          left = right;
        }
        return bool(true);
      }
      case 'IfExp': {
        const test = this.eval(e.test);
        const t = truthy(test);
        if (t === undefined) return test.kind === 'unknown' ? test : unknown('condition is unknown');
        return this.eval(t ? e.body : e.orelse);
      }
      case 'Lambda':
        return { kind: 'function', name: '<lambda>' };
      case 'Call':
        return this.callExpr(e);
      case 'Attribute':
        return this.attribute(this.eval(e.value), e.attr, e);
      case 'Subscript':
        return this.subscript(this.eval(e.value), e.index);
      case 'NamedExpr': {
        const v = this.eval(e.value);
        this.bind(e.target, v, this.line);
        return v;
      }
      case 'Slice':
      case 'Starred':
        return unknown(`${e.type.toLowerCase()} outside a subscript/call is not evaluated`);
      case 'Opaque':
        return unknown(`${e.what} is not evaluated`);
    }
  }

  private compare(op: string, left: PyValue, right: PyValue): PyValue {
    if ((op === 'in' || op === 'not in') && right.kind === 'module' && right.name === 'os.environ') {
      if (left.kind === 'unknown') return left;
      if (left.kind !== 'str') return unknown(`TypeError: str expected, not ${typeName(left)}`);
      const v = this.environ.get(left.value);
      if (v?.kind === 'unknown') return v;
      return bool((v !== undefined) === (op === 'in'));
    }
    return compare(op, left, right, this.call.budget);
  }

  private joined(parts: Extract<Expr, { type: 'JoinedStr' }>['parts']): PyValue {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      let v = this.eval(p.expr);
      if (v.kind === 'unknown') return unknown(`f-string field {${exprText(p.expr)}}: ${v.reason}`);
      if (p.conversion) {
        const s = p.conversion === 's' ? pyStr(v) : pyRepr(v);
        if (s === null) return unknown(`f-string field {${exprText(p.expr)}} cannot be converted`);
        v = str(s);
      }
      let spec = '';
      if (p.spec) {
        const s = this.joined(p.spec);
        if (s.kind !== 'str') return s;
        spec = s.value;
      }
      const r = formatValue(v, spec);
      if (typeof r !== 'string') return unknown(`f-string field {${exprText(p.expr)}}: ${r.error}`);
      out += (p.selfDoc ?? '') + r;
      if (out.length > MAX_SEQUENCE || !this.call.budget.spend(r.length)) return unknown('string result too large');
    }
    return str(out);
  }

  /** Evaluates elements, spreading `*iterable`. */
  private elements(elts: Expr[]): PyValue[] | PyValue {
    const items: PyValue[] = [];
    for (const el of elts) {
      if (el.type === 'Starred') {
        const v = this.eval(el.value);
        if (v.kind === 'unknown') return v;
        const spread = iterate(v);
        if (!spread) return unknown(`TypeError: '${typeName(v)}' object is not iterable`);
        if (items.length + spread.length > MAX_SEQUENCE || !this.call.budget.spend(spread.length)) return unknown('sequence too large');
        items.push(...spread);
      } else {
        items.push(this.eval(el));
      }
    }
    return items;
  }

  private sequence(type: 'Tuple' | 'List' | 'Set', elts: Expr[]): PyValue {
    const items = this.elements(elts);
    if (!Array.isArray(items)) return items;
    if (type === 'Tuple') return { kind: 'tuple', items };
    if (type === 'List') return { kind: 'list', items };
    const out: PyValue[] = [];
    for (const item of items) {
      if (UNHASHABLE.has(item.kind)) return unknown(`TypeError: unhashable type: '${item.kind}'`);
      if (item.kind === 'unknown' || !out.some((o) => pyEquals(o, item, this.call.budget) === true)) out.push(item);
    }
    return { kind: 'set', items: out };
  }

  private dict(e: Extract<Expr, { type: 'Dict' }>): PyValue {
    const entries: [PyValue, PyValue][] = [];
    const put = (k: PyValue, v: PyValue): PyValue | undefined => {
      if (UNHASHABLE.has(k.kind)) return unknown(`TypeError: unhashable type: '${k.kind}'`);
      const i = k.kind === 'unknown' ? -1 : entries.findIndex(([ek]) => pyEquals(ek, k, this.call.budget) === true);
      if (i >= 0) entries[i] = [entries[i]![0], v];
      else entries.push([k, v]);
      return undefined;
    };
    for (const item of e.items) {
      if ('unpack' in item) {
        const d = this.eval(item.unpack);
        if (d.kind === 'unknown') return d;
        if (d.kind !== 'dict') return unknown(`TypeError: '${typeName(d)}' object is not a mapping`);
        for (const [k, v] of d.entries) put(k, v);
      } else {
        const err = put(this.eval(item.key), this.eval(item.value));
        if (err) return err;
      }
    }
    return { kind: 'dict', entries };
  }

  private attribute(base: PyValue, attr: string, e: Expr): PyValue {
    switch (base.kind) {
      case 'unknown':
        return base;
      case 'module':
        return moduleAttr(base.name, attr);
      default:
        return methodOf(base, attr) ?? unknown(`${exprText(e)} (attribute '${attr}' of ${typeName(base)}) is not evaluated`);
    }
  }

  private callExpr(e: Extract<Expr, { type: 'Call' }>): PyValue {
    const fn = this.eval(e.func);
    const args = this.elements(e.args);
    const kw = new Map<string, PyValue>();
    for (const k of e.keywords) {
      const v = this.eval(k.value);
      if (k.name !== undefined) kw.set(k.name, v);
      else if (v.kind === 'dict' && v.entries.every(([key]) => key.kind === 'str')) {
        for (const [key, val] of v.entries) kw.set((key as { value: string }).value, val);
      } else return v.kind === 'unknown' ? v : unknown('**kwargs of a non-mapping is not evaluated');
    }
    if (fn.kind === 'unknown') {
      const text = exprText(e.func);
      const plain = fn.reason === `${text} is not evaluated`;
      return unknown(`call to ${text}() is not evaluated${plain ? '' : ` (${fn.reason})`}`);
    }
    if (!Array.isArray(args)) return args;
    if (fn.kind === 'function' && fn.builtin) return callBuiltin(fn, args, kw, this.call);
    if (fn.kind === 'function') return unknown(`call to the file's own function ${fn.name}() is not evaluated`);
    if (fn.kind === 'class') return unknown(`creating a ${fn.name} instance is not evaluated`);
    return unknown(`TypeError: '${typeName(fn)}' object is not callable`);
  }

  private subscript(base: PyValue, indexExpr: Expr): PyValue {
    if (indexExpr.type === 'Slice') return this.slice(base, indexExpr);
    const key = this.eval(indexExpr);
    if (base.kind === 'unknown') return base;
    if (key.kind === 'unknown') return key;
    if (base.kind === 'module' && base.name === 'os.environ') {
      if (key.kind !== 'str') return unknown(`TypeError: str expected, not ${typeName(key)}`);
      return this.environ.get(key.value) ?? unknown(`KeyError: environment variable '${key.value}' is not set`);
    }
    if (base.kind === 'dict') {
      const v = dictGet(base.entries, key, this.call.budget);
      if (v === null) return unknown('dict lookup involves unknown keys');
      return v ?? unknown(`KeyError: ${pyRepr(key) ?? '?'}`);
    }
    if (base.kind === 'list' || base.kind === 'tuple' || base.kind === 'str') {
      if (key.kind !== 'int' && key.kind !== 'bool') return unknown(`TypeError: ${base.kind} indices must be integers, not ${typeName(key)}`);
      const chars = base.kind === 'str' ? [...base.value] : undefined;
      const len = chars ? chars.length : (base as { items: PyValue[] }).items.length;
      const i = this.index(len, key);
      if (i === undefined) return unknown(`IndexError: ${base.kind} index out of range`);
      return chars ? str(chars[i]!) : (base as { items: PyValue[] }).items[i]!;
    }
    return unknown(`subscript of ${typeName(base)} is not evaluated`);
  }

  private index(len: number, key: PyValue): number | undefined {
    const k = key.kind === 'bool' ? (key.value ? 1 : 0) : Number((key as { value: bigint }).value);
    const i = k < 0 ? len + k : k;
    return i >= 0 && i < len ? i : undefined;
  }

  private slice(base: PyValue, s: Extract<Expr, { type: 'Slice' }>): PyValue {
    const bound = (x: Expr | undefined): number | undefined | PyValue => {
      if (!x) return undefined;
      const v = this.eval(x);
      if (v.kind === 'none') return undefined;
      if (v.kind === 'int') return Number(v.value);
      if (v.kind === 'bool') return v.value ? 1 : 0;
      return v.kind === 'unknown' ? v : unknown('TypeError: slice indices must be integers or None');
    };
    const lower = bound(s.lower);
    const upper = bound(s.upper);
    const step = bound(s.step);
    for (const b of [lower, upper, step]) if (typeof b === 'object') return b;
    if (base.kind === 'unknown') return base;
    if (step === 0) return unknown('ValueError: slice step cannot be zero');
    const seq = base.kind === 'str' ? [...base.value].map(str) : base.kind === 'list' || base.kind === 'tuple' ? base.items : undefined;
    if (!seq) return unknown(`slicing ${typeName(base)} is not evaluated`);
    const out = sliceItems(seq, lower as number | undefined, upper as number | undefined, (step as number | undefined) ?? 1);
    if (base.kind === 'str') return str(out.map((c) => (c as { value: string }).value).join(''));
    return { kind: base.kind as 'list' | 'tuple', items: out };
  }
}

function sliceItems<T>(seq: T[], lower: number | undefined, upper: number | undefined, step: number): T[] {
  const len = seq.length;
  const norm = (v: number | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === undefined) return dflt;
    const x = v < 0 ? v + len : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: T[] = [];
  if (step > 0) {
    const start = norm(lower, 0, 0, len);
    const stop = norm(upper, len, 0, len);
    for (let i = start; i < stop; i += step) out.push(seq[i]!);
  } else {
    const start = norm(lower, len - 1, -1, len - 1);
    const stop = norm(upper, -1, -1, len - 1);
    for (let i = start; i > stop; i += step) out.push(seq[i]!);
  }
  return out;
}

