// String, f-string and implicitly concatenated string nodes. f-strings follow Python 3.11 (the
// grammar reads them the 3.12 way): the body is split by fstrings.ts and each field's expression
// is parsed on its own, as CPython 3.11 does.
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Expr, ExprCtx, FPart } from './ast.js';
import { splitFString, type RawField } from './fstrings.js';
import { LiteralError, splitString, stringValue, type StringToken } from './literals.js';

import { Source, SyntaxIssue, children } from './source.js';
import { str, type PyValue } from './values.js';

type LowerFn = (n: SyntaxNode, c: ExprCtx) => Expr;

export function lowerString(n: SyntaxNode, c: ExprCtx, lowerExpr: LowerFn): Expr {
  const line = c.src.line(n.from);
  const pieces = n.name === 'ContinuedString' ? children(n) : [n];
  const toks = pieces.map((p) => token(p, c));
  const bytes = toks.filter((t) => t.prefix.includes('b')).length;
  if (bytes > 0 && bytes < toks.length) throw c.src.issue('cannot mix bytes and nonbytes literals', n);
  const parts: FPart[] = [];
  let plain: PyValue | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const tok = toks[i]!;
    if (!tok.prefix.includes('f')) {
      const v = wrap(c, pieces[i]!, () => stringValue(tok));
      if (v.kind !== 'str') plain = v;
      else parts.push(v.value);
      continue;
    }
    const bodyStart = pieces[i]!.from + tok.prefix.length + tok.quote.length;
    const raw = wrap(c, pieces[i]!, () => splitFString(tok.body, tok.prefix.includes('r')));
    parts.push(...raw.map((p) => fieldPart(p, bodyStart, c, lowerExpr)));
  }
  if (plain) return { type: 'Const', value: plain, line };
  if (parts.every((p) => typeof p === 'string')) return { type: 'Const', value: str(parts.join('')), line };
  return { type: 'JoinedStr', parts, line };
}

function token(p: SyntaxNode, c: ExprCtx): StringToken {
  const tok = wrap(c, p, () => splitString(c.src.of(p), c.src.line(p.from)));
  // Python 3.11 ends an f-string at its first unescaped closing quote, even inside a field.
  if (tok.prefix.includes('f')) {
    const re = new RegExp(`(^|[^\\\\])(\\\\\\\\)*${tok.quote.replace(/"/g, '"')}`);
    if (re.test(tok.body)) throw c.src.issue("f-string: expecting '}'", p);
  }
  return tok;
}

function wrap<T>(c: ExprCtx, n: SyntaxNode, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LiteralError) throw c.src.issue(e.message, n);
    throw e;
  }
}

function fieldPart(p: string | RawField, bodyStart: number, c: ExprCtx, lowerExpr: LowerFn): FPart {
  if (typeof p === 'string') return p;
  const at = bodyStart + p.offset;
  const expr = fieldExpr(p.expr, new Source(`(${p.expr})`, c.src.line(at)), c, lowerExpr);
  const out: FPart = { expr };
  if (p.conversion) out.conversion = p.conversion;
  if (p.selfDoc !== undefined) out.selfDoc = p.selfDoc;
  if (p.spec) out.spec = p.spec.map((s) => fieldPart(s, bodyStart, c, lowerExpr));
  return out;
}

/** Parses one field's expression text as `(expr)`, the way CPython 3.11 compiles it. */
function fieldExpr(text: string, src: Source, c: ExprCtx, lowerExpr: LowerFn): Expr {
  const tree = parser.parse(src.text);
  let bad = false;
  tree.iterate({
    enter: (x) => {
      if (x.type.isError) bad = true;
      return !bad;
    },
  });
  const stmts = children(tree.topNode);
  const expr = stmts.length === 1 && stmts[0]!.name === 'ExpressionStatement' ? stmts[0]!.firstChild : null;
  if (bad || !expr || expr.nextSibling || !/^(Parenthesized|Tuple)Expression$/.test(expr.name)) {
    throw new SyntaxIssue('f-string: invalid syntax', src.firstLine);
  }
  if (expr.name === 'ParenthesizedExpression' && expr.firstChild?.nextSibling?.name === '*') {
    throw new SyntaxIssue('f-string: cannot use starred expression here', src.firstLine);
  }
  if (text.trim() === '') throw new SyntaxIssue('f-string: empty expression not allowed', src.firstLine);
  return lowerExpr(expr, { ...c, src });
}
