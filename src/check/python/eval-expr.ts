// Expression evaluation: names, literals, operators, calls, attributes, subscripts, f-strings.
// A value that cannot be computed is an `unknown` carrying the reason; nothing here throws.
import type { Expr } from './ast.js';
import { formatValue } from './format.js';
import { Budget, MAX_SEQUENCE } from './limits.js';
import { callBuiltin, existsUnevaluated, globalBuiltin, iterate, methodOf, moduleAttr, type CallCtx } from './modules.js';
import { binaryOp, unaryOp } from './arith.js';
import { compare, pyEquals, truthy } from './compare.js';
import { pyRepr, pyStr } from './repr.js';
import { itemOf, sliceOf } from './subscript.js';
import { EnvironView, UNHASHABLE, dependsOn, exprText, unknownInside, type Binding, type Unevaluated } from './scope.js';
import { NONE, bool, str, typeName, unknown, type PyValue } from './values.js';

export type FunctionValue = Extract<PyValue, { kind: 'function' }>;

/** Local variables of a running call of one of the file's functions. */
export interface Frame {
  locals: Map<string, PyValue>;
  localNames: Set<string>;
}

export interface EvalContext {
  cpus: number;
  memBytes?: number;
  env: Record<string, string | undefined>;
}

export abstract class ExprEvaluator {
  readonly scope = new Map<string, Binding>();
  readonly unevaluated: Unevaluated[] = [];
  protected readonly environ: EnvironView;
  protected readonly call: CallCtx;
  protected readonly starImports: string[] = [];
  /** The innermost call of a function of the file; undefined at module level. */
  protected frame: Frame | undefined;
  /** Line of the statement being evaluated. */
  protected line = 0;
  /** The file can bind names we cannot see (globals()[…] = …, exec, setattr on the module): no NameError is certain. */
  dynamicNames = false;

  constructor(ctx: EvalContext) {
    this.environ = new EnvironView(ctx.env);
    this.call = { cpus: ctx.cpus, environ: this.environ, budget: new Budget(), assumptions: new Set(), ...(ctx.memBytes === undefined ? {} : { memBytes: ctx.memBytes }) };
  }

  /** Calls a def or lambda of the file. */
  protected abstract callFunction(fn: FunctionValue, args: PyValue[], kw: Map<string, PyValue>): PyValue;
  /** The function value for a lambda expression. */
  protected abstract lambda(e: Extract<Expr, { type: 'Lambda' }>): PyValue;

  assumptions(): Set<string> {
    return this.call.assumptions;
  }

  protected note(reason: string, name?: string, line = this.line): void {
    this.unevaluated.push(name === undefined ? { line, reason } : { name, line, reason });
  }

  /** `imported`: bound by an import, which is listed itself rather than recorded as unevaluated. */
  protected bind(name: string, value: PyValue, line: number, imported = false): void {
    if (this.frame?.localNames.has(name)) {
      this.frame.locals.set(name, value);
      return;
    }
    this.scope.set(name, { value, line });
    if (imported || this.frame) return;
    const reason = unknownInside(value);
    if (reason !== undefined) this.note(value.kind === 'unknown' ? reason : `contains an unknown value: ${reason}`, name, line);
  }

  protected lookup(name: string): PyValue {
    if (this.frame?.localNames.has(name)) {
      const v = this.frame.locals.get(name);
      if (v === undefined) return unknown(`UnboundLocalError: local variable '${name}' referenced before assignment`);
      return v.kind === 'unknown' ? unknown(dependsOn(name, v.reason)) : v;
    }
    const b = this.scope.get(name);
    if (b) return b.value.kind === 'unknown' ? unknown(dependsOn(name, b.value.reason)) : b.value;
    if (name === '__name__') return str('__config__');
    const builtin = globalBuiltin(name);
    if (builtin) return builtin;
    if (existsUnevaluated(name)) return unknown(`${name} is not evaluated`);
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
      case 'BinOp':
        return binaryOp(e.op, this.eval(e.left), this.eval(e.right), this.call.budget);
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
        if (t !== undefined) return this.eval(t ? e.body : e.orelse);
        // Which branch runs is unknown; when both are values, say which values it can be.
        const reason = test.kind === 'unknown' ? test.reason : 'condition is unknown';
        const [a, b] = [this.eval(e.body), this.eval(e.orelse)];
        return a.kind !== 'unknown' && b.kind !== 'unknown' ? unknown(reason, [a, b]) : unknown(reason);
      }
      case 'Lambda':
        return this.lambda(e);
      case 'Call':
        return this.callExpr(e);
      case 'Attribute':
        return this.attribute(this.eval(e.value), e.attr, e);
      case 'Subscript':
        return this.subscript(this.eval(e.value), e.index);
      case 'NamedExpr': {
        const v = this.eval(e.value);
        this.frame?.localNames.add(e.target);
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

  protected compare(op: string, left: PyValue, right: PyValue): PyValue {
    if ((op === 'in' || op === 'not in') && right.kind === 'module' && right.name === 'os.environ') {
      if (left.kind === 'unknown') return left;
      if (left.kind !== 'str') return unknown(`TypeError: str expected, not ${typeName(left)}`);
      const v = this.environ.get(left.value);
      if (v?.kind === 'unknown') return v;
      return bool((v !== undefined) === (op === 'in'));
    }
    return compare(op, left, right, this.call.budget);
  }

  protected joined(parts: Extract<Expr, { type: 'JoinedStr' }>['parts']): PyValue {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      let v = this.eval(p.expr);
      if (v.kind === 'unknown') return unknown(`f-string field {${exprText(p.expr)}}: ${v.reason}`);
      if (p.conversion) {
        const s = p.conversion === 'r' ? pyRepr(v) : p.conversion === 's' ? pyStr(v) : null;
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
  protected elements(elts: Expr[]): PyValue[] | PyValue {
    const items: PyValue[] = [];
    for (const el of elts) {
      if (el.type !== 'Starred') {
        items.push(this.eval(el));
        continue;
      }
      const v = this.eval(el.value);
      if (v.kind === 'unknown') return v;
      const spread = iterate(v);
      if (!spread) return unknown(`TypeError: '${typeName(v)}' object is not iterable`);
      if (items.length + spread.length > MAX_SEQUENCE || !this.call.budget.spend(spread.length)) return unknown('sequence too large');
      items.push(...spread);
    }
    return items;
  }

  protected sequence(type: 'Tuple' | 'List' | 'Set', elts: Expr[]): PyValue {
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

  protected dict(e: Extract<Expr, { type: 'Dict' }>): PyValue {
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

  protected attribute(base: PyValue, attr: string, e: Expr): PyValue {
    if (base.kind === 'unknown') return base;
    if (base.kind === 'module') return moduleAttr(base.name, attr, this.call);
    return methodOf(base, attr) ?? unknown(`${exprText(e)} (attribute '${attr}' of ${typeName(base)}) is not evaluated`);
  }

  protected callExpr(e: Extract<Expr, { type: 'Call' }>): PyValue {
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
      // open(…).write(…): the first call that could not be evaluated is the finding.
      if (fn.reason.startsWith('call to ')) return fn;
      const text = exprText(e.func);
      const plain = fn.reason === `${text} is not evaluated`;
      return unknown(`call to ${text}() is not evaluated${plain ? '' : ` (${fn.reason})`}`);
    }
    if (!Array.isArray(args)) return args;
    if (fn.kind === 'function' && fn.builtin) return callBuiltin(fn, args, kw, this.call);
    if (fn.kind === 'function') return this.callFunction(fn, args, kw);
    if (fn.kind === 'class') return unknown(`creating a ${fn.name} instance is not evaluated`);
    return unknown(`TypeError: '${typeName(fn)}' object is not callable`);
  }

  protected subscript(base: PyValue, indexExpr: Expr): PyValue {
    if (indexExpr.type !== 'Slice') return itemOf(base, this.eval(indexExpr), this.environ, this.call.budget);
    if (indexExpr.step) return unknown('slicing with a step is not evaluated');
    const bounds: (number | undefined)[] = [];
    for (const x of [indexExpr.lower, indexExpr.upper]) {
      const v = x ? this.eval(x) : undefined;
      if (v === undefined || v.kind === 'none') bounds.push(undefined);
      else if (v.kind === 'int' || v.kind === 'bool') bounds.push(Number(v.value));
      else return v.kind === 'unknown' ? v : unknown('TypeError: slice indices must be integers or None');
    }
    return sliceOf(base, bounds[0], bounds[1]);
  }
}
