// Binding names: assignment targets (unpacking, items, os.environ), del, augmented assignment,
// imports, and marking every name a block could bind as unknown when the block is not run.
import type { Expr, Stmt } from './ast.js';
import { ExprEvaluator } from './eval-expr.js';
import { MAX_SEQUENCE } from './limits.js';
import { iterate, moduleAttr, moduleExports } from './modules.js';
import { binaryOp } from './arith.js';
import { pyEquals } from './compare.js';
import { pyRepr } from './repr.js';
import { MUTATING, UNHASHABLE, exprText } from './scope.js';
import { indexOf } from './subscript.js';
import { typeName, unknown, type PyValue } from './values.js';

export abstract class Assigner extends ExprEvaluator {
  readonly imports: { module: string; line: number }[] = [];
  readonly functions: { name: string; line: number }[] = [];
  /** Module-level `name: annotation` without a value (a setting written as an annotation binds nothing). */
  readonly annotations: { name: string; text: string; line: number }[] = [];
  /** The first module-level statement that certainly raises: the file cannot be loaded. */
  fails: { line: number; message: string } | undefined;
  /** `from __future__ import annotations`: annotations are not evaluated. */
  protected lazyAnnotations = false;

  protected importModule(s: Extract<Stmt, { type: 'Import' }>): void {
    for (const n of s.names) {
      if (!this.frame) this.imports.push({ module: n.name, line: s.line });
      const bound = n.asname ?? n.name.split('.')[0]!;
      this.bind(bound, { kind: 'module', name: n.asname ? n.name : bound }, s.line, true);
    }
  }

  protected importFrom(s: Extract<Stmt, { type: 'ImportFrom' }>): void {
    const module = '.'.repeat(s.level) + s.module;
    if (!this.frame) this.imports.push({ module, line: s.line });
    if (module === '__future__' && s.names !== '*' && s.names.some((n) => n.name === 'annotations')) this.lazyAnnotations = true;
    if (s.names === '*') {
      const names = moduleExports(module);
      if (names) for (const n of names) this.bind(n, moduleAttr(module, n, this.call), s.line, true);
      else {
        this.starImports.push(module);
        this.note(`names brought in by 'from ${module} import *' are unknown`);
      }
      return;
    }
    for (const n of s.names) {
      let v = moduleAttr(module, n.name, this.call);
      if (v.kind === 'unknown') v = unknown(`imported from ${module}, which is not evaluated`);
      this.bind(n.asname ?? n.name, v, s.line, true);
    }
  }

  /**
   * Code that is not run (undecidable branches, loops, with, match): every name it could bind
   * becomes unknown; imports and defs in it are still listed.
   */
  protected skip(body: Stmt[], reason: string): void {
    const mark = (e: Expr, line: number): void => {
      const root = this.rootName(e);
      if (root === undefined) return;
      if (root === 'os.environ' && e.type === 'Subscript' && e.index.type === 'Const' && e.index.value.kind === 'str') {
        this.environ.markUnknown(e.index.value.value, reason);
      } else if (!root.includes('.')) this.bind(root, unknown(reason), line);
    };
    const targets = (e: Expr, line: number): void => {
      if (e.type === 'Tuple' || e.type === 'List') e.elts.forEach((x) => targets(x, line));
      else if (e.type === 'Starred') targets(e.value, line);
      else mark(e, line);
    };
    for (const s of body) {
      switch (s.type) {
        case 'Assign':
        case 'Delete':
          s.targets.forEach((t) => targets(t, s.line));
          break;
        case 'AugAssign':
        case 'AnnAssign':
          if (s.type === 'AugAssign' || s.value) targets(s.target, s.line);
          break;
        case 'Expr':
          // list.append(...) and friends change the list they are called on.
          if (s.value.type === 'Call' && s.value.func.type === 'Attribute' && MUTATING.has(s.value.func.attr)) mark(s.value.func.value, s.line);
          break;
        case 'Import':
          this.importModule(s);
          break;
        case 'ImportFrom':
          this.importFrom(s);
          break;
        case 'FunctionDef':
          if (!this.frame) this.functions.push({ name: s.name, line: s.line });
          this.bind(s.name, unknown(reason), s.line);
          break;
        case 'ClassDef':
          this.bind(s.name, unknown(reason), s.line);
          break;
        case 'If':
        case 'While':
          this.skip([...s.body, ...s.orelse], reason);
          break;
        case 'For':
          targets(s.target, s.line);
          this.skip([...s.body, ...s.orelse], reason);
          break;
        case 'Try':
          this.skip(s.body, reason);
          for (const h of s.handlers) this.skip(h.body, reason);
          this.skip([...s.orelse, ...s.finalbody], reason);
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
        const mod = this.lookup(e.value.value.id);
        if (mod.kind === 'module' && mod.name === 'os') return 'os.environ';
      }
      return this.rootName(e.value);
    }
    return undefined;
  }

  protected assign(target: Expr, v: PyValue): void {
    switch (target.type) {
      case 'Name':
        return this.bind(target.id, v, this.line);
      case 'Tuple':
      case 'List':
        return this.unpack(target.elts, v);
      case 'Subscript':
        return this.setItem(target, v);
      case 'Attribute':
        if (!this.frame) this.note('attribute assignment is not evaluated', exprText(target));
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
    if (star < 0) return elts.forEach((e, i) => this.assign(e, items[i]!));
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
      const i = indexOf(base.items.length, key);
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

  protected delete(target: Expr): void {
    if (target.type === 'Name') {
      const local = this.frame?.localNames.has(target.id);
      const gone = local ? this.frame!.locals.delete(target.id) : this.scope.delete(target.id);
      if (!gone) this.note(`NameError: name '${target.id}' is not defined`);
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

  /** The new value of `target op= value` (a list is extended in place); the caller assigns it. */
  protected augValue(target: Expr, op: string, valueExpr: Expr): PyValue {
    const current = target.type === 'Name' ? this.lookup(target.id) : target.type === 'Attribute' ? unknown('attribute is not evaluated') : this.eval(target);
    const rhs = this.eval(valueExpr);
    // `lst += iterable` extends the list in place (other references see it).
    if (op === '+' && current.kind === 'list' && rhs.kind !== 'unknown') {
      const items = iterate(rhs);
      if (items && current.items.length + items.length <= MAX_SEQUENCE && this.call.budget.spend(items.length)) {
        current.items.push(...items);
        return current;
      }
    }
    return binaryOp(op, current, rhs, this.call.budget);
  }
}
