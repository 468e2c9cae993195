// Recursive-descent parser for Python expressions, following the grammar's precedence levels:
// lambda / conditional / or / and / not / comparisons / | ^ & / shifts / + - / * / // % @ /
// unary / ** / await+primary (calls, attributes, subscripts) / atoms.
import type { DictItem, Expr, FPart, Keyword } from './ast.js';
import { Cursor, KEYWORDS, ParseError } from './cursor.js';
import { MAX_EXPR_DEPTH } from './limits.js';
import { numberValue, stringValue } from './literals.js';
import { splitFString, type RawField } from './strings.js';
import { tokenize, type Token } from './tokens.js';
import { NONE, FALSE, TRUE, str, unknown } from './values.js';

/** Binary operator precedence levels, loosest first: | ^ & shifts additive multiplicative. */
const LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@']];
const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=']);
const EXPR_START_OPS = new Set(['(', '[', '{', '-', '+', '~', '*', '...', '**']);
const NAME_STARTS_EXPR = new Set(['True', 'False', 'None', 'not', 'lambda', 'await', 'yield']);

export class ExprParser extends Cursor {
  /** Whether the current token can begin an expression (used to allow trailing commas). */
  protected startsExpr(offset = 0): boolean {
    const t = this.peek(offset);
    if (t.type === 'number' || t.type === 'string') return true;
    if (t.type === 'name') return !KEYWORDS.has(t.value) || NAME_STARTS_EXPR.has(t.value);
    return t.type === 'op' && EXPR_START_OPS.has(t.value);
  }

  /** testlist_star_expr: `a`, or `a, *b, c` as a tuple. */
  parseExprList(): Expr {
    const line = this.peek().line;
    const first = this.parseStarOrNamed();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.acceptOp(',')) {
      if (!this.startsExpr()) break;
      elts.push(this.parseStarOrNamed());
    }
    return { type: 'Tuple', elts, line };
  }

  protected parseStarOrNamed(): Expr {
    if (this.isOp('*')) {
      const line = this.next().line;
      return { type: 'Starred', value: this.parseBitOr(), line };
    }
    return this.parseNamed();
  }

  /** namedexpr_test: `name := value` or a test. */
  protected parseNamed(): Expr {
    const t = this.peek();
    if (t.type === 'name' && this.isOp(':=', 1)) {
      this.next();
      this.next();
      return { type: 'NamedExpr', target: t.value, value: this.parseTest(), line: t.line };
    }
    return this.parseTest();
  }

  parseTest(): Expr {
    this.enter();
    try {
      const line = this.peek().line;
      if (this.isKw('lambda')) return this.parseLambda();
      const body = this.parseOr();
      if (!this.isKw('if')) return body;
      this.next();
      const test = this.parseOr();
      this.expectKw('else');
      const orelse = this.parseTest();
      return { type: 'IfExp', test, body, orelse, line };
    } finally {
      this.leave();
    }
  }

  private parseLambda(): Expr {
    const line = this.next().line;
    // Parameters are skipped (defaults may hold any expression); only the body's syntax matters.
    let depth = 0;
    while (!(depth === 0 && this.isOp(':'))) {
      const t = this.next();
      if (t.type === 'newline' || t.type === 'eof') this.fail("expected ':'");
      if (t.type === 'op' && '([{'.includes(t.value)) depth++;
      if (t.type === 'op' && ')]}'.includes(t.value)) depth--;
    }
    this.next();
    this.parseTest();
    return { type: 'Lambda', line };
  }

  protected parseOr(): Expr {
    return this.boolChain('or', () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.boolChain('and', () => this.parseNot());
  }

  private boolChain(op: 'and' | 'or', sub: () => Expr): Expr {
    const line = this.peek().line;
    const first = sub();
    if (!this.isKw(op)) return first;
    const values = [first];
    while (this.acceptKw(op)) values.push(sub());
    return { type: 'BoolOp', op, values, line };
  }

  private parseNot(): Expr {
    if (!this.isKw('not')) return this.parseComparison();
    const line = this.next().line;
    this.enter();
    try {
      return { type: 'Unary', op: 'not', operand: this.parseNot(), line };
    } finally {
      this.leave();
    }
  }

  private parseComparison(): Expr {
    const line = this.peek().line;
    const left = this.parseBitOr();
    const ops: string[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const t = this.peek();
      let op: string | undefined;
      if (t.type === 'op' && COMPARE_OPS.has(t.value)) op = t.value;
      else if (this.isKw('in')) op = 'in';
      else if (this.isKw('not') && this.isKw('in', 1)) op = 'not in';
      else if (this.isKw('is')) op = this.isKw('not', 1) ? 'is not' : 'is';
      if (op === undefined) break;
      this.next();
      if (op === 'not in' || op === 'is not') this.next();
      ops.push(op);
      comparators.push(this.parseBitOr());
    }
    return ops.length === 0 ? left : { type: 'Compare', left, ops, comparators, line };
  }

  protected parseBitOr(): Expr {
    return this.parseLevel(0);
  }

  /** Left-associative binary operators of one precedence level (LEVELS[k]), kept flat. */
  private parseLevel(k: number): Expr {
    if (k === LEVELS.length) return this.parseFactor();
    const line = this.peek().line;
    const first = this.parseLevel(k + 1);
    let rest: { op: string; right: Expr }[] | undefined;
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op' || !LEVELS[k]!.includes(t.value)) break;
      this.next();
      (rest ??= []).push({ op: t.value, right: this.parseLevel(k + 1) });
    }
    return rest === undefined ? first : { type: 'BinChain', first, rest, line };
  }

  private parseFactor(): Expr {
    const t = this.peek();
    if (t.type === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
      this.next();
      this.enter();
      try {
        return { type: 'Unary', op: t.value, operand: this.parseFactor(), line: t.line };
      } finally {
        this.leave();
      }
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const line = this.peek().line;
    let base: Expr;
    if (this.isKw('await')) {
      this.next();
      this.parsePrimary();
      base = { type: 'Opaque', what: 'await', line };
    } else {
      base = this.parsePrimary();
    }
    if (!this.isOp('**')) return base;
    this.next();
    this.enter();
    try {
      return { type: 'BinChain', first: base, rest: [{ op: '**', right: this.parseFactor() }], line };
    } finally {
      this.leave();
    }
  }

  private parsePrimary(): Expr {
    let e = this.parseAtom();
    let trailers = 0;
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op' || (t.value !== '.' && t.value !== '(' && t.value !== '[')) return e;
      if (++trailers + this.depth > MAX_EXPR_DEPTH) this.fail('expression too deeply nested');
      this.next();
      if (t.value === '.') {
        e = { type: 'Attribute', value: e, attr: this.expectName(), line: t.line };
      } else if (t.value === '(') {
        e = this.parseCall(e, t.line);
      } else {
        e = { type: 'Subscript', value: e, index: this.parseSubscript(), line: t.line };
        this.expectOp(']');
      }
    }
  }

  private parseCall(func: Expr, line: number): Expr {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (this.acceptOp('*')) {
        args.push({ type: 'Starred', value: this.parseTest(), line: t.line });
      } else if (this.acceptOp('**')) {
        keywords.push({ value: this.parseTest() });
      } else if (t.type === 'name' && this.isOp('=', 1)) {
        this.next();
        this.next();
        keywords.push({ name: t.value, value: this.parseTest() });
      } else {
        const e = this.parseNamed();
        if (this.isKw('for') || this.isKw('async')) {
          this.parseComprehension();
          args.push({ type: 'Opaque', what: 'generator expression', line: t.line });
        } else {
          args.push(e);
        }
      }
      if (!this.acceptOp(',')) break;
    }
    this.expectOp(')');
    return { type: 'Call', func, args, keywords, line };
  }

  private parseSubscript(): Expr {
    const line = this.peek().line;
    const items: Expr[] = [];
    do {
      if (this.isOp(']')) break;
      items.push(this.parseSliceItem());
    } while (this.acceptOp(','));
    if (items.length === 0) this.fail('invalid syntax');
    return items.length === 1 && !this.isOp(',', -1) ? items[0]! : { type: 'Tuple', elts: items, line };
  }

  private parseSliceItem(): Expr {
    const line = this.peek().line;
    const lower = this.isOp(':') ? undefined : this.parseStarOrNamed();
    if (!this.acceptOp(':')) return lower!;
    const part = (): Expr | undefined => (this.isOp(':') || this.isOp(']') || this.isOp(',') ? undefined : this.parseTest());
    const upper = part();
    const step = this.acceptOp(':') ? part() : undefined;
    return { type: 'Slice', lower, upper, step, line };
  }

  /** comp_for clauses after the element; the result is never evaluated. */
  private parseComprehension(): void {
    while (this.isKw('for') || this.isKw('async')) {
      this.acceptKw('async');
      this.expectKw('for');
      this.parseTargetList();
      this.expectKw('in');
      this.parseOr();
      while (this.acceptKw('if')) this.parseOr();
    }
  }

  /** Target list of a for clause/statement: stops before `in`. */
  protected parseTargetList(): Expr {
    const line = this.peek().line;
    const elts: Expr[] = [];
    do {
      if (this.isKw('in')) break;
      elts.push(this.isOp('*') ? { type: 'Starred', value: (this.next(), this.parseBitOr()), line } : this.parseBitOr());
    } while (this.acceptOp(','));
    if (elts.length === 0) this.fail('invalid syntax');
    return elts.length === 1 && !this.isOp(',', -1) ? elts[0]! : { type: 'Tuple', elts, line };
  }

  private parseAtom(): Expr {
    const t = this.peek();
    const line = t.line;
    switch (t.type) {
      case 'number': {
        this.next();
        const v = numberValue(t.value);
        if (typeof v === 'string') throw new ParseError(v, line);
        return { type: 'Const', value: v, line };
      }
      case 'string':
        return this.parseStrings();
      case 'name': {
        if (t.value === 'True' || t.value === 'False' || t.value === 'None') {
          this.next();
          return { type: 'Const', value: t.value === 'True' ? TRUE : t.value === 'False' ? FALSE : NONE, line };
        }
        if (t.value === 'yield') {
          this.next();
          if (this.startsExpr()) this.acceptKw('from') ? this.parseTest() : this.parseExprList();
          return { type: 'Opaque', what: 'yield', line };
        }
        if (KEYWORDS.has(t.value)) this.fail('invalid syntax');
        this.next();
        return { type: 'Name', id: t.value, line };
      }
      case 'op':
        if (t.value === '(' || t.value === '[' || t.value === '{') {
          this.next();
          this.enter();
          try {
            return t.value === '(' ? this.parseParen(line) : t.value === '[' ? this.parseList(line) : this.parseBrace(line);
          } finally {
            this.leave();
          }
        }
        if (t.value === '...') {
          this.next();
          return { type: 'Const', value: unknown('Ellipsis is not evaluated'), line };
        }
        return this.fail('invalid syntax');
      default:
        return this.fail('invalid syntax');
    }
  }

  private parseParen(line: number): Expr {
    if (this.acceptOp(')')) return { type: 'Tuple', elts: [], line };
    if (this.isKw('yield')) {
      const e = this.parseAtom();
      this.expectOp(')');
      return e;
    }
    const first = this.parseStarOrNamed();
    if (this.isKw('for') || this.isKw('async')) {
      this.parseComprehension();
      this.expectOp(')');
      return { type: 'Opaque', what: 'generator expression', line };
    }
    if (this.acceptOp(')')) return first;
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(')')) break;
      elts.push(this.parseStarOrNamed());
    }
    this.expectOp(')');
    return { type: 'Tuple', elts, line };
  }

  private parseList(line: number): Expr {
    const elts: Expr[] = [];
    while (!this.isOp(']')) {
      elts.push(this.parseStarOrNamed());
      if (elts.length === 1 && (this.isKw('for') || this.isKw('async'))) {
        this.parseComprehension();
        this.expectOp(']');
        return { type: 'Opaque', what: 'list comprehension', line };
      }
      if (!this.acceptOp(',')) break;
    }
    this.expectOp(']');
    return { type: 'List', elts, line };
  }

  private parseBrace(line: number): Expr {
    if (this.acceptOp('}')) return { type: 'Dict', items: [], line };
    const items: DictItem[] = [];
    const elts: Expr[] = [];
    let isDict: boolean | undefined;
    while (!this.isOp('}')) {
      if (isDict !== false && this.acceptOp('**')) {
        isDict = true;
        items.push({ unpack: this.parseBitOr() });
      } else {
        const e = this.parseStarOrNamed();
        if (isDict === undefined) isDict = this.isOp(':');
        if (isDict) {
          this.expectOp(':');
          items.push({ key: e, value: this.parseTest() });
        } else {
          elts.push(e);
        }
        if (items.length + elts.length === 1 && (this.isKw('for') || this.isKw('async'))) {
          this.parseComprehension();
          this.expectOp('}');
          return { type: 'Opaque', what: isDict ? 'dict comprehension' : 'set comprehension', line };
        }
      }
      if (!this.acceptOp(',')) break;
    }
    this.expectOp('}');
    return isDict ? { type: 'Dict', items, line } : { type: 'Set', elts, line };
  }

  /** Adjacent string literals, concatenated; f-strings become a JoinedStr. */
  private parseStrings(): Expr {
    const line = this.peek().line;
    const first = this.peek();
    // Fast path: one plain string without escapes.
    if (first.prefix === '' && !first.value.includes('\\') && this.peek(1).type !== 'string') {
      this.next();
      return { type: 'Const', value: str(first.value), line };
    }
    const toks: Token[] = [];
    while (this.peek().type === 'string') toks.push(this.next());
    const bytes = toks.filter((t) => t.prefix!.includes('b')).length;
    if (bytes > 0 && bytes < toks.length) throw new ParseError('cannot mix bytes and nonbytes literals', line);
    if (bytes > 0) return { type: 'Const', value: unknown('bytes literals are not evaluated'), line };
    const parts: FPart[] = [];
    let unsupported: string | undefined;
    for (const t of toks) {
      if (t.prefix!.includes('f')) {
        const split = splitFString(t.value, t.prefix!.includes('r'));
        if ('error' in split) throw new ParseError(split.error, t.line);
        parts.push(...this.fieldParts(split, t.line));
      } else {
        const s = stringValue(t.value, t.prefix!);
        if (typeof s !== 'string') {
          if ('error' in s) throw new ParseError(s.error, t.line);
          unsupported = s.unsupported;
          continue;
        }
        parts.push(s);
      }
    }
    if (unsupported !== undefined) return { type: 'Const', value: unknown(unsupported), line };
    if (parts.every((p) => typeof p === 'string')) return { type: 'Const', value: str(parts.join('')), line };
    return { type: 'JoinedStr', parts, line };
  }

  private fieldParts(raw: (string | RawField)[], line: number): FPart[] {
    return raw.map((p) => {
      if (typeof p === 'string') return p;
      const sub = new ExprParser(tokenize(p.expr, { expression: true, firstLine: line }));
      const expr = sub.parseFieldExpr();
      return {
        expr,
        ...(p.conversion ? { conversion: p.conversion } : {}),
        ...(p.spec ? { spec: this.fieldParts(p.spec, line) } : {}),
        ...(p.selfDoc !== undefined ? { selfDoc: p.selfDoc } : {}),
      };
    });
  }

  /** The whole token list must be one expression (f-string replacement field). */
  parseFieldExpr(): Expr {
    const e = this.parseExprList();
    if (this.peek().type !== 'eof') this.fail('f-string: invalid syntax');
    return e;
  }
}
