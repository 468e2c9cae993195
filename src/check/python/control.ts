// Runs statements the way Python would, as far as the file lets us decide: if/elif/else, bounded
// for/while loops, try/except (ImportError and the exceptions our values carry), return, break,
// continue. Inside a call an undecidable step stops the call (its value is unknown); at module
// level the names it could bind become unknown, each recorded with its line.
// Long: Python's statements run by one interpreter; split, the control flow would not read in one place.
import { Assigner } from './assign.js';
import type { Expr, Handler, Stmt } from './ast.js';
import { MAX_LOOP_ITERATIONS, type Budget } from './limits.js';
import { catches, importCanFail, isException, iterate } from './modules.js';
import { pyEquals, truthy } from './compare.js';
import type { Binding, Unevaluated } from './scope.js';
import { raisedBy, typeName, unknown, type PyValue } from './values.js';

export type Flow =
  | undefined
  | { kind: 'return'; value: PyValue }
  | { kind: 'break' | 'continue' }
  | { kind: 'raise'; value: PyValue }
  /** An undecidable step inside a call: the call's value is unknown for `reason`. */
  | { kind: 'stop'; reason: string };

interface State {
  scope: Map<string, Binding>;
  locals?: Map<string, PyValue>;
  environ: Map<string, PyValue>;
  notes: Unevaluated[];
}

/** A statement of a try body whose outcome we cannot know: an import that may fail, an unknown value. */
interface Uncertain {
  module?: string;
  reason: string;
}

export abstract class Runner extends Assigner {
  protected tryDepth = 0;
  protected uncertain: Uncertain | undefined;

  protected abstract defineFunction(s: Extract<Stmt, { type: 'FunctionDef' }>): PyValue;

  runBlock(body: Stmt[]): Flow {
    for (const s of body) {
      const f = this.exec(s);
      if (f) return f;
    }
    return undefined;
  }

  /** Inside a call or a try body an exception stops the code; at module level it is recorded. */
  private raises(v: PyValue): Flow {
    if (raisedBy(v) && (this.frame || this.tryDepth > 0)) return { kind: 'raise', value: v };
    // A name defined nowhere raises whatever the machine: the file cannot load (unless names arrive dynamically).
    if (raisedBy(v) === 'NameError' && !this.frame && this.tryDepth === 0 && !this.dynamicNames && v.kind === 'unknown' && !v.reason.includes(' may come from ')) this.fails ??= { line: this.line, message: v.reason };
    if (v.kind === 'unknown' && this.tryDepth > 0 && !raisedBy(v)) this.uncertain ??= { reason: v.reason };
    return undefined;
  }

  /** Code we cannot decide: inside a call it stops the call; at module level its names become unknown. */
  private undecidable(stmts: Stmt[], reason: string): Flow {
    if (this.frame) return { kind: 'stop', reason };
    if (this.tryDepth > 0) this.uncertain ??= { reason };
    this.skip(stmts, reason);
    return undefined;
  }

  // Long: one case per statement kind, as lowerStatement makes them.
  protected exec(s: Stmt): Flow {
    this.line = s.line;
    switch (s.type) {
      case 'Assign':
      case 'AnnAssign': {
        if (s.type === 'AnnAssign' && !this.frame) {
          // A module-level annotation is evaluated (and stored in __annotations__) even without a value.
          const f = this.lazyAnnotations ? undefined : this.raises(this.eval(s.annotation));
          if (f) return f;
          if (!s.value && s.target.type === 'Name') this.annotations.push({ name: s.target.id, text: s.annotationText, line: s.line });
        }
        if (!s.value) return undefined;
        const v = this.eval(s.value);
        const f = this.raises(v);
        if (f) return f;
        for (const t of s.type === 'Assign' ? s.targets : [s.target]) this.assign(t, v);
        return undefined;
      }
      case 'AugAssign': {
        const v = this.augValue(s.target, s.op, s.value);
        const f = this.raises(v);
        if (f) return f;
        this.assign(s.target, v);
        return undefined;
      }
      case 'Expr':
        return this.execExpr(s.value);
      case 'Import':
      case 'ImportFrom': {
        if (s.type === 'Import') this.importModule(s);
        else this.importFrom(s);
        const mods = s.type === 'Import' ? s.names.map((n) => n.name) : ['.'.repeat(s.level) + s.module];
        const failing = mods.find(importCanFail);
        if (failing && this.tryDepth > 0) this.uncertain ??= { module: failing, reason: `'${failing}' may not be importable` };
        return undefined;
      }
      case 'If': {
        const test = this.eval(s.test);
        const t = truthy(test);
        if (t !== undefined) return this.runBlock(t ? s.body : s.orelse);
        const f = this.raises(test);
        if (f) return f;
        const why = test.kind === 'unknown' ? test.reason : 'truth value is unknown';
        return this.undecidable([...s.body, ...s.orelse], `assigned under a condition that cannot be evaluated (line ${s.line}): ${why}`);
      }
      case 'For':
      case 'While':
        return this.loop(s);
      case 'Try':
        return this.tryStatement(s);
      case 'FunctionDef':
        if (!this.frame) this.functions.push({ name: s.name, line: s.line });
        this.bind(s.name, this.defineFunction(s), s.line);
        return undefined;
      case 'ClassDef':
        this.bind(s.name, { kind: 'class', name: s.name }, s.line);
        return undefined;
      case 'Block':
        return this.undecidable([s], `assigned inside a '${s.kind}' statement (line ${s.line}), which is not evaluated`);
      case 'Return':
        return { kind: 'return', value: s.value ? this.eval(s.value) : { kind: 'none' } };
      case 'Break':
      case 'Continue':
        return { kind: s.type === 'Break' ? 'break' : 'continue' };
      case 'Assert': {
        const test = this.eval(s.test);
        if (truthy(test) !== false) return this.raises(test);
        if (this.frame || this.tryDepth > 0) return { kind: 'raise', value: unknown('AssertionError: assertion fails') };
        this.note('assertion fails');
        return undefined;
      }
      case 'Raise':
        if (this.frame || this.tryDepth > 0) return { kind: 'raise', value: this.exception(s.exc) };
        this.note('raise statement is reached: loading the config would fail here');
        return undefined;
      case 'Delete':
        for (const t of s.targets) this.delete(t);
        return undefined;
      case 'Global':
      case 'Pass':
        return undefined;
    }
  }

  /** Expression statements: print() is ignored; other unknown results are recorded. */
  private execExpr(e: Expr): Flow {
    if (e.type === 'Call' && e.func.type === 'Name' && e.func.id === 'print' && !this.scope.has('print')) return undefined;
    if (e.type === 'Const' || e.type === 'JoinedStr') return undefined;
    const v = this.eval(e);
    const f = this.raises(v);
    if (f) return f;
    if (v.kind === 'unknown' && !this.frame) this.note(v.reason);
    return undefined;
  }

  /** The exception a raise statement raises, as an unknown value named after its class. */
  private exception(exc: Expr | undefined): PyValue {
    const cls = exc?.type === 'Call' ? exc.func : exc;
    const name = cls?.type === 'Name' ? cls.id : undefined;
    const v = name ? this.lookup(name) : undefined;
    if (v?.kind === 'class') return unknown(`${v.name.endsWith('Error') || v.name.endsWith('Exception') ? v.name : 'Exception'}: raised at line ${this.line}`);
    return unknown(`Exception: raised at line ${this.line}`);
  }

  private loop(s: Extract<Stmt, { type: 'For' | 'While' }>): Flow {
    let items: PyValue[] | undefined;
    if (s.type === 'For') {
      const it = this.eval(s.iter);
      const f = this.raises(it);
      if (f) return f;
      items = it.kind === 'unknown' ? undefined : iterate(it);
      if (!items) {
        const why = it.kind === 'unknown' ? it.reason : `TypeError: '${typeName(it)}' object is not iterable`;
        return this.undecidable([s], `assigned in a loop over a value that cannot be evaluated (line ${s.line}): ${why}`);
      }
    }
    for (let i = 0; ; i++) {
      if (i >= MAX_LOOP_ITERATIONS || !this.call.budget.spend(1)) {
        return this.undecidable([s], `assigned in a loop (line ${s.line}) that did not finish within ${MAX_LOOP_ITERATIONS} iterations`);
      }
      if (items) {
        if (i >= items.length) break;
        this.line = s.line;
        this.assign((s as Extract<Stmt, { type: 'For' }>).target, items[i]!);
      } else {
        const test = this.eval((s as Extract<Stmt, { type: 'While' }>).test);
        const t = truthy(test);
        if (t === undefined) return this.raises(test) ?? this.undecidable([s], `assigned in a loop whose condition cannot be evaluated (line ${s.line}): ${test.kind === 'unknown' ? test.reason : 'truth value is unknown'}`);
        if (!t) break;
      }
      const f = this.runBlock(s.body);
      if (f?.kind === 'break') return undefined;
      if (f && f.kind !== 'continue') return f;
    }
    return this.runBlock(s.orelse);
  }

  private tryStatement(s: Extract<Stmt, { type: 'Try' }>): Flow {
    const before = this.snapshot();
    const outer = this.uncertain;
    this.uncertain = undefined;
    this.tryDepth++;
    let flow = this.runBlock(s.body);
    this.tryDepth--;
    const mine = this.uncertain as Uncertain | undefined;
    this.uncertain = outer;
    if (flow?.kind === 'raise') {
      const h = this.handlerFor(s.handlers, raisedBy(flow.value)!);
      if (h === 'unknown') flow = { kind: 'stop', reason: `cannot tell which except clause of the try at line ${s.line} catches ${raisedBy(flow.value)}` };
      else if (h) flow = this.runHandler(h);
    } else if (mine) {
      const h = mine.module ? this.handlerFor(s.handlers, 'ModuleNotFoundError') : s.handlers[0];
      const reason = mine.module
        ? `depends on whether '${mine.module}' can be imported (try at line ${s.line})`
        : `depends on whether the try block at line ${s.line} raises: ${mine.reason}`;
      if (h) flow = this.fork(before, flow ?? this.runBlock(s.orelse), h === 'unknown' ? s.handlers[0]! : h, reason);
      else {
        flow ??= this.runBlock(s.orelse);
        if (this.tryDepth > 0) this.uncertain ??= mine;
      }
    } else flow ??= this.runBlock(s.orelse);
    const fin = this.runBlock(s.finalbody);
    return fin ?? flow;
  }

  /** The except clause that catches `raised`; 'unknown' when a clause's classes cannot be evaluated. */
  private handlerFor(handlers: Handler[], raised: string): Handler | 'unknown' | undefined {
    for (const h of handlers) {
      if (!h.type) return h;
      const t = this.eval(h.type);
      const classes = t.kind === 'tuple' ? t.items : [t];
      if (classes.some((c) => c.kind === 'class' && catches(c.name, raised))) return h;
      if (!classes.every((c) => c.kind === 'class' && isException(c.name))) return 'unknown';
    }
    return undefined;
  }

  private runHandler(h: Handler): Flow {
    if (h.name) this.bind(h.name, unknown('the caught exception is not evaluated'), h.line, true);
    const flow = this.runBlock(h.body);
    // Python deletes the `as` name when the handler ends.
    if (h.name) {
      if (this.frame?.localNames.has(h.name)) this.frame.locals.delete(h.name);
      else this.scope.delete(h.name);
    }
    return flow;
  }

  /** Both outcomes of an uncertain try: names (and results) they disagree on become unknown. */
  private fork(before: State, bodyFlow: Flow, h: Handler, reason: string): Flow {
    const a = this.snapshot();
    this.restore(before);
    const handlerFlow = this.runHandler(h);
    const b = this.snapshot();
    this.restore(a);
    for (const name of new Set([...a.scope.keys(), ...b.scope.keys()])) {
      const [x, y] = [a.scope.get(name), b.scope.get(name)];
      // A module imported in one branch only is no setting: keep it.
      if ([x, y].every((v) => v === undefined || v.value.kind === 'module')) {
        if (!x) this.scope.set(name, y!);
        continue;
      }
      // Already unknown after the body: its own reason says more.
      if (x?.value.kind === 'unknown') continue;
      if (!same(x?.value, y?.value, this.call.budget)) {
        const both = x && y && y.value.kind !== 'unknown' ? [x.value, y.value] : undefined;
        this.bind(name, unknown(reason, both), (x ?? y)!.line);
      }
    }
    if (this.frame && a.locals && b.locals) {
      for (const name of new Set([...a.locals.keys(), ...b.locals.keys()])) {
        if (!same(a.locals.get(name), b.locals.get(name), this.call.budget)) this.frame.locals.set(name, unknown(reason));
      }
    }
    for (const key of new Set([...a.environ.keys(), ...b.environ.keys()])) {
      if (!same(a.environ.get(key), b.environ.get(key), this.call.budget)) this.environ.markUnknown(key, reason);
    }
    if (!bodyFlow && !handlerFlow) return undefined;
    if (bodyFlow?.kind === handlerFlow?.kind) {
      if (bodyFlow?.kind !== 'return' || same(bodyFlow.value, (handlerFlow as typeof bodyFlow).value, this.call.budget)) return bodyFlow;
    }
    return { kind: 'stop', reason };
  }

  private snapshot(): State {
    const st: State = { scope: new Map(this.scope), environ: this.environ.snapshot(), notes: [...this.unevaluated] };
    if (this.frame) st.locals = new Map(this.frame.locals);
    return st;
  }

  private restore(st: State): void {
    this.scope.clear();
    for (const [k, v] of st.scope) this.scope.set(k, v);
    if (this.frame && st.locals) this.frame.locals = new Map(st.locals);
    this.environ.restore(st.environ);
    this.unevaluated.splice(0, this.unevaluated.length, ...st.notes);
  }
}

/** The same value for the config: equal and of the same kind (2 and 2.0 are different settings). */
function same(x: PyValue | undefined, y: PyValue | undefined, budget: Budget): boolean {
  if (x === y) return true;
  if (!x || !y || x.kind !== y.kind) return false;
  if (x.kind === 'unknown') return true;
  return pyEquals(x, y, budget) === true;
}
