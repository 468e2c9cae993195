// Evaluates a parsed module top to bottom, and calls of the file's own functions (def and
// lambda) with their arguments, defaults and local variables, bounded in depth and work.
// Nothing is ever really executed.
import type { Expr, Stmt } from './ast.js';
import { Runner, type Flow } from './control.js';
import type { FunctionValue } from './eval-expr.js';
import { bindArguments, localNames, type FunctionInfo } from './functions.js';
import { MAX_CALL_DEPTH } from './limits.js';
import { NONE, unknown, type PyValue } from './values.js';

export type { Unevaluated } from './scope.js';

export class Evaluator extends Runner {
  private readonly defs = new WeakMap<PyValue, FunctionInfo>();
  private callDepth = 0;

  /** Runs the module's statements; what stops one (an uncaught exception in a try) is recorded. */
  run(body: Stmt[]): void {
    for (const s of body) {
      let flow: Flow;
      try {
        flow = this.exec(s);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        this.note('expression too deeply nested to evaluate', undefined, s.line);
        continue;
      }
      if (flow?.kind === 'raise') this.note(flow.value.kind === 'unknown' ? flow.value.reason : 'exception raised', undefined, s.line);
      else if (flow?.kind === 'stop') this.note(flow.reason, undefined, s.line);
    }
  }

  protected defineFunction(s: Extract<Stmt, { type: 'FunctionDef' }>): PyValue {
    const fn: PyValue = { kind: 'function', name: s.name };
    const opaque = s.opaque ? 'decorated or async functions are not evaluated' : this.frame ? 'functions defined inside functions are not evaluated' : undefined;
    this.defs.set(fn, { name: s.name, params: s.params, defaults: this.defaults(s.params), body: s.body, localNames: localNames(s.params, s.body), ...(opaque ? { opaque } : {}) });
    return fn;
  }

  protected lambda(e: Extract<Expr, { type: 'Lambda' }>): PyValue {
    const fn: PyValue = { kind: 'function', name: '<lambda>' };
    const opaque = this.frame ? 'lambdas inside functions are not evaluated' : undefined;
    this.defs.set(fn, { name: '<lambda>', params: e.params, defaults: this.defaults(e.params), body: e.body, localNames: localNames(e.params, e.body), ...(opaque ? { opaque } : {}) });
    return fn;
  }

  private defaults(params: FunctionInfo['params']): Map<string, PyValue> {
    const out = new Map<string, PyValue>();
    for (const p of params) if (p.default) out.set(p.name, this.eval(p.default));
    return out;
  }

  protected callFunction(fn: FunctionValue, args: PyValue[], kw: Map<string, PyValue>): PyValue {
    const info = this.defs.get(fn);
    if (!info) return unknown(`call to ${fn.name}() is not evaluated`);
    if (info.opaque) return unknown(`call to ${fn.name}() is not evaluated: ${info.opaque}`);
    if (this.callDepth >= MAX_CALL_DEPTH) return unknown(`call to ${fn.name}() is not evaluated: calls nest deeper than ${MAX_CALL_DEPTH}`);
    if (!this.call.budget.spend(1)) return unknown('evaluation budget exhausted');
    const locals = bindArguments(info, args, kw);
    if (!(locals instanceof Map)) return locals;
    const saved = { frame: this.frame, tryDepth: this.tryDepth, uncertain: this.uncertain, line: this.line };
    this.frame = { locals, localNames: new Set(info.localNames) };
    this.tryDepth = 0;
    this.uncertain = undefined;
    this.callDepth++;
    try {
      if (!Array.isArray(info.body)) return this.eval(info.body);
      const flow = this.runBlock(info.body);
      if (flow?.kind === 'return' || flow?.kind === 'raise') return flow.value;
      if (flow?.kind === 'stop') return unknown(`${fn.name}() cannot be evaluated: ${flow.reason}`);
      return NONE;
    } finally {
      this.callDepth--;
      Object.assign(this, saved);
    }
  }
}
