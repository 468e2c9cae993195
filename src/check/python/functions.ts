// The file's own functions (def and lambda) as callable values: which names are local to them
// (Python decides that from the body, before running it), and binding call arguments to
// parameters with CPython's TypeErrors.
import type { Expr, Param, Stmt } from './ast.js';
import type { Kw } from './call-context.js';
import { tuple, unknown, type PyValue } from './values.js';

export interface FunctionInfo {
  name: string;
  params: Param[];
  /** Default values, evaluated when the def ran. */
  defaults: Map<string, PyValue>;
  /** A def's statements, or a lambda's expression. */
  body: Stmt[] | Expr;
  /** Decorated/async defs, and functions defined inside functions (closures): not evaluated. */
  opaque?: string;
  localNames: Set<string>;
}

/** Names a function body binds (its locals), minus those declared `global`. */
export function localNames(params: Param[], body: Stmt[] | Expr): Set<string> {
  const names = new Set(params.map((p) => p.name));
  if (!Array.isArray(body)) return names;
  const globals = new Set<string>();
  const target = (e: Expr): void => {
    if (e.type === 'Name') names.add(e.id);
    else if (e.type === 'Tuple' || e.type === 'List') e.elts.forEach(target);
    else if (e.type === 'Starred') target(e.value);
  };
  const walk = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      switch (s.type) {
        case 'Assign':
          s.targets.forEach(target);
          break;
        case 'AugAssign':
        case 'AnnAssign':
          target(s.target);
          break;
        case 'Delete':
          s.targets.forEach(target);
          break;
        case 'For':
          target(s.target);
          walk(s.body);
          walk(s.orelse);
          break;
        case 'While':
          walk(s.body);
          walk(s.orelse);
          break;
        case 'If':
          walk(s.body);
          walk(s.orelse);
          break;
        case 'Try':
          walk(s.body);
          for (const h of s.handlers) {
            if (h.name) names.add(h.name);
            walk(h.body);
          }
          walk(s.orelse);
          walk(s.finalbody);
          break;
        case 'Block':
          s.targets.forEach(target);
          walk(s.body);
          break;
        case 'Import':
          for (const n of s.names) names.add(n.asname ?? n.name.split('.')[0]!);
          break;
        case 'ImportFrom':
          if (s.names !== '*') for (const n of s.names) names.add(n.asname ?? n.name);
          break;
        case 'FunctionDef':
        case 'ClassDef':
          names.add(s.name);
          break;
        case 'Global':
          s.names.forEach((n) => globals.add(n));
          break;
        default:
          break;
      }
    }
  };
  walk(body);
  for (const g of globals) names.delete(g);
  return names;
}

/** Parameters bound to arguments, or the TypeError Python raises. */
export function bindArguments(f: FunctionInfo, args: PyValue[], kw: Kw): Map<string, PyValue> | PyValue {
  const locals = new Map<string, PyValue>();
  const positional = f.params.filter((p) => p.kind === 'normal');
  const varargs = f.params.find((p) => p.kind === 'varargs');
  const kwargs = f.params.find((p) => p.kind === 'kwargs');
  const fail = (msg: string): PyValue => unknown(`TypeError: ${f.name}() ${msg}`);
  if (args.length > positional.length && !varargs) {
    return fail(`takes ${positional.length} positional argument${positional.length === 1 ? '' : 's'} but ${args.length} were given`);
  }
  positional.forEach((p, i) => {
    if (i < args.length) locals.set(p.name, args[i]!);
  });
  if (varargs) locals.set(varargs.name, tuple(args.slice(positional.length)));
  const extra: [PyValue, PyValue][] = [];
  for (const [name, v] of kw) {
    const p = f.params.find((q) => q.name === name && (q.kind === 'normal' || q.kind === 'kwonly'));
    if (!p) {
      if (!kwargs) return fail(`got an unexpected keyword argument '${name}'`);
      extra.push([{ kind: 'str', value: name }, v]);
      continue;
    }
    if (locals.has(name)) return fail(`got multiple values for argument '${name}'`);
    locals.set(name, v);
  }
  if (kwargs) locals.set(kwargs.name, { kind: 'dict', entries: extra });
  const missing = f.params.filter((p) => (p.kind === 'normal' || p.kind === 'kwonly') && !locals.has(p.name) && !f.defaults.has(p.name));
  if (missing.length > 0) {
    const kind = missing[0]!.kind === 'kwonly' ? 'keyword-only' : 'positional';
    return fail(`missing ${missing.length} required ${kind} argument${missing.length === 1 ? '' : 's'}: ${missing.map((p) => `'${p.name}'`).join(', ')}`);
  }
  for (const [name, v] of f.defaults) if (!locals.has(name)) locals.set(name, v);
  return locals;
}
