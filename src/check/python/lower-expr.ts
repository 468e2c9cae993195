// Lowers @lezer/python expression nodes to our Expr tree, with the checks CPython's parser and
// compiler make that the grammar accepts (starred and keyword arguments, `not` as a comparison
// operand, yield/await outside functions). Strings and f-strings: lower-strings.ts.
import type { SyntaxNode } from '@lezer/common';
import type { DictItem, Expr, ExprCtx, Keyword, Param } from './ast.js';
export type { ExprCtx } from './ast.js';
import { MAX_AST_DEPTH } from './limits.js';
import { LiteralError, numberValue } from './literals.js';
import { lowerString } from './lower-strings.js';
import { children, commaGroups } from './source.js';
import { FALSE, NONE, TRUE } from './values.js';


const COMPARE_WORDS = new Set(['in', 'not', 'is']);

export function lowerExpr(n: SyntaxNode, c: ExprCtx): Expr {
  if (++c.depth > MAX_AST_DEPTH) throw c.src.issue('maximum recursion depth exceeded during compilation', n);
  try {
    return lower(n, c);
  } finally {
    c.depth--;
  }
}

function lower(n: SyntaxNode, c: ExprCtx): Expr {
  const line = c.src.line(n.from);
  const kids = children(n);
  switch (n.name) {
    case 'VariableName':
      return { type: 'Name', id: c.src.of(n), line };
    case 'Number':
      try {
        return { type: 'Const', value: numberValue(c.src.of(n), c.src.text.slice(n.to, n.to + 8)), line };
      } catch (e) {
        throw e instanceof LiteralError ? c.src.issue(e.message, n) : e;
      }
    case 'String':
    case 'FormatString':
    case 'ContinuedString':
      return lowerString(n, c, lowerExpr);
    case 'None':
      return { type: 'Const', value: NONE, line };
    case 'Boolean':
      return { type: 'Const', value: c.src.of(n) === 'True' ? TRUE : FALSE, line };
    case 'Ellipsis':
      return { type: 'Opaque', what: 'Ellipsis', line };
    case 'ParenthesizedExpression': {
      const inner = kids[1]!;
      if (inner.name === '*') throw c.src.issue("cannot use starred expression here", inner);
      return lowerExpr(inner, c);
    }
    case 'TupleExpression':
      return { type: 'Tuple', elts: elements(kids.slice(1, -1), c), line };
    case 'ArrayExpression':
      return { type: 'List', elts: elements(kids.slice(1, -1), c), line };
    case 'SetExpression':
      return { type: 'Set', elts: elements(kids.slice(1, -1), c), line };
    case 'DictionaryExpression':
      return { type: 'Dict', items: dictItems(kids.slice(1, -1), c), line };
    case 'ComprehensionExpression':
    case 'ArrayComprehensionExpression':
    case 'DictionaryComprehensionExpression':
    case 'SetComprehensionExpression':
      if (!c.inAsync && kids.some((k) => k.name === 'async')) throw c.src.issue('asynchronous comprehension outside of an asynchronous function', n);
      return { type: 'Opaque', what: 'a comprehension', line };
    case 'CallExpression':
      return call(kids[0]!, kids[1]!, c, line);
    case 'MemberExpression': {
      const value = lowerExpr(kids[0]!, c);
      if (kids[1]?.name === '.') {
        return { type: 'Attribute', value, attr: c.src.of(kids[2]!), line };
      }
      return { type: 'Subscript', value, index: subscript(kids.slice(2, -1), c, line), line };
    }
    case 'UnaryExpression': {
      const op = c.src.of(kids[0]!) as '-' | '+' | '~' | 'not';
      return { type: 'Unary', op, operand: lowerExpr(kids[1]!, c), line };
    }
    case 'BinaryExpression':
      return binary(n, kids, c, line);
    case 'ConditionalExpression':
      return { type: 'IfExp', body: lowerExpr(kids[0]!, c), test: lowerExpr(kids[2]!, c), orelse: lowerExpr(kids[4]!, c), line };
    case 'LambdaExpression': {
      const params = kids[1]?.name === 'ParamList' ? lowerParams(children(kids[1]), c) : [];
      const inner = { ...c, inFunction: true, inAsync: false };
      return { type: 'Lambda', params, body: lowerExpr(kids[kids.length - 1]!, inner), line };
    }
    case 'NamedExpression': {
      const target = kids[0]!;
      if (target.name !== 'VariableName') throw c.src.issue(`cannot use assignment expressions with ${describe(lowerExpr(target, c))}`, target);
      return { type: 'NamedExpr', target: c.src.of(target), value: lowerExpr(kids[2]!, c), line };
    }
    case 'YieldExpression':
      if (!c.inFunction) throw c.src.issue("'yield' outside function", n);
      return { type: 'Opaque', what: 'yield', line };
    case 'AwaitExpression':
      if (!c.inFunction) throw c.src.issue("'await' outside function", n);
      if (!c.inAsync) throw c.src.issue("'await' outside async function", n);
      return { type: 'Opaque', what: 'await', line };
    default:
      throw c.src.issue('invalid syntax', n);
  }
}

/** Comma-separated elements, `*x` becoming Starred. */
export function elements(nodes: SyntaxNode[], c: ExprCtx): Expr[] {
  return commaGroups(nodes).map((g) => {
    if (g[0]!.name === '*') return { type: 'Starred', value: lowerExpr(g[1]!, c), line: c.src.line(g[0]!.from) };
    return lowerExpr(g[0]!, c);
  });
}

/** A statement's comma list: one expression, or a tuple when there is a comma. */
export function exprList(nodes: SyntaxNode[], c: ExprCtx, loneStar = "can't use starred expression here"): Expr {
  const elts = elements(nodes, c);
  if (elts.length === 1 && !nodes.some((x) => x.name === ',')) {
    if (elts[0]!.type === 'Starred') throw c.src.issue(loneStar, nodes[0]!);
    return elts[0]!;
  }
  return { type: 'Tuple', elts, line: c.src.line(nodes[0]!.from) };
}

function dictItems(nodes: SyntaxNode[], c: ExprCtx): DictItem[] {
  return commaGroups(nodes).map((g) => {
    if (g[0]!.name === '**') return { unpack: lowerExpr(g[1]!, c) };
    if (g[1]?.name !== ':') throw c.src.issue("':' expected after dictionary key", g[0]!);
    return { key: lowerExpr(g[0]!, c), value: lowerExpr(g[2]!, c) };
  });
}

function binary(n: SyntaxNode, kids: SyntaxNode[], c: ExprCtx, line: number): Expr {
  const opNodes = kids.slice(1, -1);
  const op = opNodes.map((o) => c.src.of(o)).join(' ');
  const [leftNode, rightNode] = [kids[0]!, kids[kids.length - 1]!];
  if (op === 'and' || op === 'or') {
    // a or b or c: lezer nests to the left; Python evaluates one flat chain.
    const values: Expr[] = [];
    let cur: SyntaxNode = n;
    const rights: SyntaxNode[] = [];
    while (cur.name === 'BinaryExpression' && c.src.of(children(cur)[1]!) === op && children(cur).length === 3) {
      rights.push(children(cur)[2]!);
      cur = cur.firstChild!;
    }
    values.push(lowerExpr(cur, c), ...rights.reverse().map((r) => lowerExpr(r, c)));
    return { type: 'BoolOp', op, values, line };
  }
  if (opNodes[0]!.name === 'CompareOp' || COMPARE_WORDS.has(opNodes[0]!.name)) {
    if (op === '<>') throw c.src.issue('invalid syntax', opNodes[0]!);
    for (const side of [leftNode, rightNode]) {
      if (side.name === 'UnaryExpression' && side.firstChild?.name === 'not') throw c.src.issue('invalid syntax', side);
    }
    // a < b < c is one chain (not (a < b) < c); parentheses end it.
    const left = lowerExpr(leftNode, c);
    const right = lowerExpr(rightNode, c);
    if (left.type === 'Compare' && leftNode.name === 'BinaryExpression') {
      return { ...left, ops: [...left.ops, op], comparators: [...left.comparators, right] };
    }
    return { type: 'Compare', left, ops: [op], comparators: [right], line };
  }
  return { type: 'BinOp', op, left: lowerExpr(leftNode, c), right: lowerExpr(rightNode, c), line };
}

function call(funcNode: SyntaxNode, argList: SyntaxNode, c: ExprCtx, line: number): Expr {
  const func = lowerExpr(funcNode, c);
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  const groups = commaGroups(children(argList).slice(1, -1));
  const seen = new Set<string>();
  let sawKeyword = false;
  let sawKwargs = false;
  for (const g of groups) {
    const at = g[0]!;
    if (g.some((x) => x.name === 'for')) {
      if (groups.length > 1) throw c.src.issue('Generator expression must be parenthesized', at);
      args.push({ type: 'Opaque', what: 'a generator expression', line });
    } else if (at.name === '**') {
      sawKwargs = true;
      keywords.push({ value: lowerExpr(g[1]!, c) });
    } else if (at.name === '*') {
      if (sawKwargs) throw c.src.issue('iterable argument unpacking follows keyword argument unpacking', at);
      args.push({ type: 'Starred', value: lowerExpr(g[1]!, c), line: c.src.line(at.from) });
    } else if (g[1]?.name === 'AssignOp' && c.src.of(g[1]) === '=') {
      const name = c.src.of(at);
      if (seen.has(name)) throw c.src.issue(`keyword argument repeated: ${name}`, at);
      seen.add(name);
      sawKeyword = true;
      keywords.push({ name, value: lowerExpr(g[2]!, c) });
    } else {
      if (sawKwargs) throw c.src.issue('positional argument follows keyword argument unpacking', at);
      if (sawKeyword) throw c.src.issue('positional argument follows keyword argument', at);
      if (g[1]?.name === 'AssignOp') args.push({ type: 'NamedExpr', target: c.src.of(at), value: lowerExpr(g[2]!, c), line });
      else args.push(lowerExpr(at, c));
    }
  }
  return { type: 'Call', func, args, keywords, line };
}

function subscript(nodes: SyntaxNode[], c: ExprCtx, line: number): Expr {
  const items = commaGroups(nodes).map((g): Expr => {
    if (!g.some((x) => x.name === ':')) return g[0]!.name === '*' ? { type: 'Starred', value: lowerExpr(g[1]!, c), line } : lowerExpr(g[0]!, c);
    const parts: (Expr | undefined)[] = [undefined];
    for (const x of g) {
      if (x.name === ':') parts.push(undefined);
      else parts[parts.length - 1] = lowerExpr(x, c);
    }
    const [lower, upper, step] = parts;
    return { type: 'Slice', lower, upper, step, line };
  });
  if (items.length === 1 && !nodes.some((x) => x.name === ',')) return items[0]!;
  return { type: 'Tuple', elts: items, line };
}

/** def/lambda parameters, with CPython's checks on their order and names. */
export function lowerParams(nodes: SyntaxNode[], c: ExprCtx): Param[] {
  const params: Param[] = [];
  const names = new Set<string>();
  let kind: Param['kind'] = 'normal';
  let sawDefault = false;
  let bareStar: SyntaxNode | undefined;
  for (const g of commaGroups(nodes.filter((x) => x.name !== '(' && x.name !== ')'))) {
    const head = g[0]!;
    if (kind === 'kwargs') throw c.src.issue('arguments cannot follow var-keyword argument', head);
    if (head.name === '/') continue;
    if (head.name === '*' && g[1]?.name !== 'VariableName') {
      bareStar = head;
      kind = 'kwonly';
      continue;
    }
    if (head.name === '**' && bareStar) throw c.src.issue('named arguments must follow bare *', bareStar);
    const nameNode = head.name === '*' || head.name === '**' ? g[1]! : head;
    const name = c.src.of(nameNode);
    if (names.has(name)) throw c.src.issue(`duplicate argument '${name}' in function definition`, nameNode);
    names.add(name);
    const eq = g.findIndex((x) => x.name === 'AssignOp');
    const dflt = eq >= 0 ? lowerExpr(g[eq + 1]!, c) : undefined;
    const k: Param['kind'] = head.name === '*' ? 'varargs' : head.name === '**' ? 'kwargs' : kind;
    if (k === 'normal') {
      if (dflt) sawDefault = true;
      else if (sawDefault) throw c.src.issue('non-default argument follows default argument', head);
    }
    params.push(dflt ? { name, kind: k, default: dflt } : { name, kind: k });
    if (k === 'kwonly') bareStar = undefined;
    kind = k === 'varargs' ? 'kwonly' : k;
  }
  if (bareStar) throw c.src.issue('named arguments must follow bare *', bareStar);
  return params;
}

/** How CPython names an expression in "cannot assign to …" messages. */
export function describe(e: Expr): string {
  switch (e.type) {
    case 'Call':
      return 'function call';
    case 'Const':
      if (e.value.kind === 'none') return 'None';
      if (e.value.kind === 'bool') return e.value.value ? 'True' : 'False';
      return 'literal';
    case 'JoinedStr':
      return 'f-string expression';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Lambda':
      return 'lambda';
    case 'NamedExpr':
      return 'named expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Tuple':
      return 'tuple';
    case 'List':
      return 'list';
    case 'Starred':
      return 'starred';
    case 'Opaque':
      return e.what === 'Ellipsis' ? 'ellipsis' : e.what === 'yield' ? 'yield expression' : e.what === 'await' ? 'await expression' : 'comprehension';
    default:
      return 'expression';
  }
}
