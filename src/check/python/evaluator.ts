// Executes the parsed module top to bottom the way Python would, for the statements it can
// decide: assignments, imports, if/elif/else, assert, del. Loops, try, with, match and
// conditions it cannot decide are not run; every name they may bind becomes unknown and is
// recorded with its line. Nothing is ever really executed.
import type { Expr, Stmt } from './ast.js';
import { iterate, moduleAttr, moduleExports } from './builtins.js';
import { ExprEvaluator } from './eval-expr.js';
import { MAX_SEQUENCE } from './limits.js';
import { binaryOp, pyEquals, truthy } from './ops.js';
import { pyRepr } from './repr.js';
import { MUTATING, UNHASHABLE, exprText } from './scope.js';
import { typeName, unknown, type PyValue } from './values.js';

export type { Unevaluated } from './scope.js';

export class Evaluator extends ExprEvaluator {
  readonly imports: { module: string; line: number }[] = [];
  readonly functions: { name: string; line: number }[] = [];

  run(body: Stmt[]): void {
    for (const s of body) this.exec(s);
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
          s.targets.forEach((t) => targets(t, t.line));
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
}
