// Lowers @lezer/python statement nodes to our Stmt tree, with the checks CPython makes that the
// grammar does not: assignment targets, return/break/continue/yield placement, import forms,
// try clauses, Python 2 and 3.12-only syntax.
import type { SyntaxNode } from '@lezer/common';
import type { Expr, Handler, ImportName, Stmt } from './ast.js';
import { describe, elements, exprList, lowerExpr, lowerParams, type ExprCtx } from './lower-expr.js';
import { children, commaGroups } from './source.js';

export interface StmtCtx extends ExprCtx {
  inLoop: boolean;
}

const SUFFIX = " here. Maybe you meant '==' instead of '='?";
const SUFFIXED = new Set(['Call', 'Const', 'BinOp', 'NamedExpr', 'JoinedStr']);

function lowerBody(body: SyntaxNode | undefined, c: StmtCtx): Stmt[] {
  if (!body) return [];
  return children(body)
    .filter((n) => n.name !== ':')
    .flatMap((n) => lowerStatement(n, c));
}

// Long: one case per Python statement kind, in the grammar's order.
export function lowerStatement(n: SyntaxNode, c: StmtCtx): Stmt[] {
  const line = c.src.line(n.from);
  const kids = children(n);
  const after = (name: string): SyntaxNode[] => kids.slice(kids.findIndex((k) => k.name === name) + 1);
  switch (n.name) {
    case 'StatementGroup':
      kids.forEach((k, i) => {
        if (k.name === ';' && (i === 0 || kids[i - 1]!.name === ';')) throw c.src.issue('invalid syntax', k);
      });
      return kids.filter((k) => k.name !== ';').flatMap((k) => lowerStatement(k, c));
    case 'AssignStatement':
      return [assign(kids, c, line)];
    case 'UpdateStatement': {
      const opAt = kids.findIndex((k) => k.name === 'UpdateOp');
      const target = exprList(kids.slice(0, opAt), c);
      if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') {
        throw c.src.issue(`'${describe(target)}' is an illegal expression for augmented assignment`, kids[0]!);
      }
      const value = kids[opAt + 1]?.name === 'YieldExpression' ? lowerExpr(kids[opAt + 1]!, c) : exprList(kids.slice(opAt + 1), c);
      return [{ type: 'AugAssign', target, op: c.src.of(kids[opAt]!).slice(0, -1), value, line }];
    }
    case 'ExpressionStatement':
      return [{ type: 'Expr', value: exprList(kids, c), line }];
    case 'DeleteStatement': {
      const targets = elements(after('del'), c);
      targets.forEach((t) => checkDelete(t, c, n));
      return [{ type: 'Delete', targets, line }];
    }
    case 'PassStatement':
      return [{ type: 'Pass', line }];
    case 'BreakStatement':
    case 'ContinueStatement':
      if (!c.inLoop) throw c.src.issue(n.name === 'BreakStatement' ? "'break' outside loop" : "'continue' not properly in loop", n);
      return [{ type: n.name === 'BreakStatement' ? 'Break' : 'Continue', line }];
    case 'ReturnStatement': {
      if (!c.inFunction) throw c.src.issue("'return' outside function", n);
      const rest = after('return');
      return [rest.length ? { type: 'Return', value: exprList(rest, c), line } : { type: 'Return', line }];
    }
    case 'YieldStatement':
      if (!c.inFunction) throw c.src.issue("'yield' outside function", n);
      return [{ type: 'Expr', value: { type: 'Opaque', what: 'yield', line }, line }];
    case 'PrintStatement':
      throw c.src.issue("Missing parentheses in call to 'print'. Did you mean print(...)?", n);
    case 'RaiseStatement': {
      const rest = after('raise');
      if (rest.some((k) => k.name === ',')) throw c.src.issue('invalid syntax', rest.find((k) => k.name === ',')!);
      rest.filter((k) => k.name !== 'from').forEach((k) => lowerExpr(k, c));
      return [rest[0] ? { type: 'Raise', exc: lowerExpr(rest[0], c), line } : { type: 'Raise', line }];
    }
    case 'ImportStatement':
      return [importStatement(kids, c, line)];
    case 'ScopeStatement': {
      const names = kids.filter((k) => k.name === 'VariableName').map((k) => c.src.of(k));
      if (kids[0]!.name === 'nonlocal' && !c.inFunction) throw c.src.issue('nonlocal declaration not allowed at module level', n);
      return [{ type: 'Global', names, line }];
    }
    case 'AssertStatement': {
      const [test, msg] = commaGroups(after('assert'));
      if (msg) lowerExpr(msg[0]!, c);
      return [{ type: 'Assert', test: lowerExpr(test![0]!, c), line }];
    }
    case 'IfStatement':
      return [ifChain(kids, c)];
    case 'WhileStatement': {
      const bodies = kids.filter((k) => k.name === 'Body');
      const test = lowerExpr(kids[1]!, c);
      return [{ type: 'While', test, body: lowerBody(bodies[0], { ...c, inLoop: true }), orelse: lowerBody(bodies[1], c), line }];
    }
    case 'ForStatement': {
      if (kids[0]!.name === 'async' && !c.inAsync) throw c.src.issue("'async for' outside async function", n);
      const inAt = kids.findIndex((k) => k.name === 'in');
      const target = exprList(kids.slice(kids.findIndex((k) => k.name === 'for') + 1, inAt), c, 'starred assignment target must be in a list or tuple');
      checkTarget(target, c, n, false);
      const bodyAt = kids.findIndex((k) => k.name === 'Body');
      const bodies = kids.filter((k) => k.name === 'Body');
      const iter = exprList(kids.slice(inAt + 1, bodyAt), c);
      return [{ type: 'For', target, iter, body: lowerBody(bodies[0], { ...c, inLoop: true }), orelse: lowerBody(bodies[1], c), line }];
    }
    case 'TryStatement':
      return [tryStatement(n, kids, c, line)];
    case 'WithStatement': {
      if (kids[0]!.name === 'async' && !c.inAsync) throw c.src.issue("'async with' outside async function", n);
      const targets: Expr[] = [];
      for (const g of commaGroups(kids.slice(kids.findIndex((k) => k.name === 'with') + 1, -1))) {
        lowerExpr(g[0]!, c);
        if (g[1]?.name === 'as') targets.push(lowerExpr(g[2]!, c));
      }
      return [{ type: 'Block', kind: 'with', targets, body: lowerBody(kids[kids.length - 1], c), line }];
    }
    case 'FunctionDefinition':
      return [functionDef(n, kids, c, false)];
    case 'DecoratedStatement': {
      const def = kids[kids.length - 1]!;
      return def.name === 'FunctionDefinition' ? [functionDef(def, children(def), c, true)] : lowerStatement(def, c);
    }
    case 'ClassDefinition': {
      if (kids.some((k) => k.name === 'TypeParamList')) throw c.src.issue('invalid syntax', kids.find((k) => k.name === 'TypeParamList')!);
      const name = c.src.of(kids[1]!);
      const body = lowerBody(kids.find((k) => k.name === 'Body'), { ...c, inFunction: false, inAsync: false, inLoop: false });
      return [{ type: 'ClassDef', name, body, line }];
    }
    case 'MatchStatement': {
      const clauses = children(kids.find((k) => k.name === 'MatchBody')!).filter((k) => k.name === 'MatchClause');
      const body = clauses.flatMap((cl) => lowerBody(children(cl).find((k) => k.name === 'Body'), c));
      return [{ type: 'Block', kind: 'match', targets: [], body, line }];
    }
    default:
      // TypeDefinition (`type X = …`) is Python 3.12; anything else is not a statement.
      throw c.src.issue('invalid syntax', n);
  }
}

function assign(kids: SyntaxNode[], c: StmtCtx, line: number): Stmt {
  const groups: SyntaxNode[][] = [[]];
  let annotation: SyntaxNode | undefined;
  for (const k of kids) {
    if (k.name === 'AssignOp') groups.push([]);
    else if (k.name === 'TypeDef') annotation = k;
    else groups[groups.length - 1]!.push(k);
  }
  const valueNodes = groups.length > 1 ? groups.pop()! : undefined;
  const value = valueNodes && (valueNodes[0]!.name === 'YieldExpression' ? lowerExpr(valueNodes[0]!, c) : exprList(valueNodes, c));
  if (annotation) {
    const tnodes = groups[0]!;
    if (tnodes.some((k) => k.name === ',')) throw c.src.issue('only single target (not tuple) can be annotated', tnodes[0]!);
    const target = lowerExpr(tnodes[0]!, c);
    if (target.type === 'Tuple' || target.type === 'List') throw c.src.issue(`only single target (not ${target.type.toLowerCase()}) can be annotated`, tnodes[0]!);
    if (target.type !== 'Name' && target.type !== 'Attribute' && target.type !== 'Subscript') throw c.src.issue('illegal target for annotation', tnodes[0]!);
    const annNode = children(annotation).at(-1)!;
    const ann = { annotation: lowerExpr(annNode, c), annotationText: c.src.of(annNode) };
    return value ? { type: 'AnnAssign', target, value, ...ann, line } : { type: 'AnnAssign', target, ...ann, line };
  }
  const targets = groups.map((g) => exprList(g, c, 'starred assignment target must be in a list or tuple'));
  targets.forEach((t, i) => checkTarget(t, c, groups[i]![0]!, targets.length === 1));
  return { type: 'Assign', targets, value: value!, line };
}

/** Rejects what Python cannot assign to (`f() = 1`, `1 = x`), with CPython's messages. */
function checkTarget(e: Expr, c: StmtCtx, at: SyntaxNode, suffix: boolean, nested = false): void {
  switch (e.type) {
    case 'Name':
      if (e.id === '__debug__') throw c.src.issue('cannot assign to __debug__', at);
      return;
    case 'Attribute':
    case 'Subscript':
      return;
    case 'Tuple':
    case 'List':
      if (e.elts.filter((x) => x.type === 'Starred').length > 1) throw c.src.issue('multiple starred expressions in assignment', at);
      e.elts.forEach((x) => checkTarget(x, c, at, suffix && e.type === 'Tuple', true));
      return;
    case 'Starred':
      if (!nested) throw c.src.issue('starred assignment target must be in a list or tuple', at);
      return checkTarget(e.value, c, at, suffix, true);
    default: {
      const what = describe(e);
      const plain = e.type === 'Const' && (what === 'None' || what === 'True' || what === 'False');
      throw c.src.issue(`cannot assign to ${what}${suffix && !plain && SUFFIXED.has(e.type) ? SUFFIX : ''}`, at);
    }
  }
}

function checkDelete(e: Expr, c: StmtCtx, at: SyntaxNode): void {
  if (e.type === 'Name' || e.type === 'Attribute' || e.type === 'Subscript') return;
  if (e.type === 'Tuple' || e.type === 'List') return e.elts.forEach((x) => checkDelete(x, c, at));
  throw c.src.issue(`cannot delete ${describe(e)}`, at);
}

function ifChain(kids: SyntaxNode[], c: StmtCtx): Stmt {
  // if test Body (elif test Body)* (else Body)?
  const head = kids[0]!;
  const test = lowerExpr(kids[1]!, c);
  const body = lowerBody(kids[2], c);
  const rest = kids.slice(3);
  let orelse: Stmt[] = [];
  if (rest[0]?.name === 'elif') orelse = [ifChain(rest, c)];
  else if (rest[0]?.name === 'else') orelse = lowerBody(rest[1], c);
  return { type: 'If', test, body, orelse, line: c.src.line(head.from) };
}

function tryStatement(n: SyntaxNode, kids: SyntaxNode[], c: StmtCtx, line: number): Stmt {
  const handlers: Handler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  let bare: SyntaxNode | undefined;
  for (let i = 2; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name === 'except') {
      if (bare) throw c.src.issue("default 'except:' must be last", bare);
      const parts: SyntaxNode[] = [];
      while (kids[i + 1] && kids[i + 1]!.name !== 'Body') parts.push(kids[++i]!);
      const body = lowerBody(kids[++i], c);
      const typeNodes = parts.filter((p) => p.name !== '*');
      if (typeNodes.some((p) => p.name === ',')) throw c.src.issue('multiple exception types must be parenthesized', typeNodes[0]!);
      const asAt = typeNodes.findIndex((p) => p.name === 'as');
      const h: Handler = { body, line: c.src.line(k.from) };
      if (typeNodes[0]) h.type = lowerExpr(typeNodes[0], c);
      else bare = k;
      if (asAt >= 0) h.name = c.src.of(typeNodes[asAt + 1]!);
      handlers.push(h);
    } else if (k.name === 'else') {
      if (handlers.length === 0) throw c.src.issue("expected 'except' or 'finally' block", k);
      orelse = lowerBody(kids[++i], c);
    } else if (k.name === 'finally') finalbody = lowerBody(kids[++i], c);
  }
  if (handlers.length === 0 && !kids.some((k) => k.name === 'finally')) {
    const next = n.nextSibling;
    throw c.src.issue("expected 'except' or 'finally' block", next ?? n);
  }
  return { type: 'Try', body: lowerBody(kids[1], c), handlers, orelse, finalbody, line };
}

function functionDef(n: SyntaxNode, kids: SyntaxNode[], c: StmtCtx, decorated: boolean): Stmt {
  const isAsync = kids[0]!.name === 'async';
  if (kids.some((k) => k.name === 'TypeParamList')) throw c.src.issue('invalid syntax', kids.find((k) => k.name === 'TypeParamList')!);
  const name = c.src.of(kids.find((k) => k.name === 'VariableName')!);
  const params = lowerParams(children(kids.find((k) => k.name === 'ParamList')!), c);
  const ret = kids.find((k) => k.name === 'TypeDef');
  if (ret) lowerExpr(children(ret).at(-1)!, c);
  const body = lowerBody(kids.find((k) => k.name === 'Body'), { ...c, inFunction: true, inAsync: isAsync, inLoop: false });
  return { type: 'FunctionDef', name, params, body, opaque: decorated || isAsync, line: c.src.line(n.from) };
}

function importStatement(kids: SyntaxNode[], c: StmtCtx, line: number): Stmt {
  const importAt = kids.findIndex((k) => k.name === 'import');
  const list = kids.slice(importAt + 1);
  const paren = list[0]?.name === '(';
  const inner = paren ? list.slice(1, -1) : list;
  if (!paren && inner[inner.length - 1]?.name === ',') throw c.src.issue('trailing comma not allowed without surrounding parentheses', inner[inner.length - 1]!);
  const names: ImportName[] = commaGroups(inner).map((g) => {
    const asAt = g.findIndex((k) => k.name === 'as');
    const dotted = (asAt >= 0 ? g.slice(0, asAt) : g).map((k) => c.src.of(k)).join('');
    return asAt >= 0 ? { name: dotted, asname: c.src.of(g[asAt + 1]!) } : { name: dotted };
  });
  if (kids[0]!.name === 'import') return { type: 'Import', names, line };
  const from = kids.slice(1, importAt);
  const first = from.findIndex((k) => k.name === 'VariableName');
  const level = (first < 0 ? from : from.slice(0, first)).reduce((sum, k) => sum + c.src.of(k).length, 0);
  const module = first < 0 ? '' : from.slice(first).map((k) => c.src.of(k)).join('');
  if (list[0]?.name === '*') {
    if (c.inFunction) throw c.src.issue('import * only allowed at module level', list[0]);
    return { type: 'ImportFrom', module, level, names: '*', line };
  }
  return { type: 'ImportFrom', module, level, names, line };
}
