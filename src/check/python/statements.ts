// Statement parser. Each statement that fails to parse is recorded as a syntax error and skipped
// (to the end of its logical line, plus any indented block after it), so one bad line does not
// hide the rest of the file.
import type { Expr, ImportName, Stmt } from './ast.js';
import { ParseError } from './cursor.js';
import { ExprParser } from './expressions.js';
import { Tokenizer, bracketsBalanced } from './tokens.js';

export interface SyntaxErrorInfo {
  line: number;
  message: string;
}

const AUG_OPS = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=', '@=']);

export class ModuleParser extends ExprParser {
  readonly errors: SyntaxErrorInfo[] = [];
  private inFunction = 0;
  private inLoop = 0;

  constructor(source: string) {
    super(new Tokenizer(source, { recoverBrackets: !bracketsBalanced(source) }));
  }

  /** Top-level statements, one at a time (each is parsed when the previous one has been used). */
  *statements(): Generator<Stmt> {
    for (;;) {
      const r = this.parseOne(true);
      if (r === 'end') return;
      yield* r;
      this.release();
    }
  }

  /** Statements until the DEDENT closing this block. */
  private parseBlock(): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      const r = this.parseOne(false);
      if (r === 'end') return out;
      out.push(...r);
    }
  }

  /** The next statement(s) of a block; 'end' at its DEDENT (or at EOF). */
  private parseOne(top: boolean): Stmt[] | 'end' {
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') return 'end';
      if (t.type === 'dedent') {
        this.next();
        if (!top) return 'end';
        continue;
      }
      if (t.type === 'newline') {
        this.next();
        continue;
      }
      if (t.type === 'indent') {
        this.record(new ParseError('unexpected indent', t.line));
        this.skipBlock();
        continue;
      }
      const start = this.pos;
      try {
        this.depth = 0;
        return this.parseStatement();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.record(e);
        this.recover(start);
        return [];
      }
    }
  }

  private record(e: ParseError): void {
    if (!this.errors.some((x) => x.line === e.line)) this.errors.push({ line: e.line, message: e.message });
  }

  /** Skip the rest of the logical line, and the indented block that follows a broken header. */
  private recover(start: number): void {
    if (this.pos === start) this.next();
    while (this.peek().type !== 'newline' && this.peek().type !== 'eof') {
      if (this.peek().type === 'dedent' || this.peek().type === 'indent') break;
      this.next();
    }
    if (this.peek().type === 'newline') this.next();
    if (this.peek().type === 'indent') this.skipBlock();
  }

  private skipBlock(): void {
    let level = 0;
    do {
      const t = this.next();
      if (t.type === 'indent') level++;
      else if (t.type === 'dedent') level--;
      else if (t.type === 'eof') return;
    } while (level > 0);
  }

  private parseStatement(): Stmt[] {
    const t = this.peek();
    if (t.type === 'op' && t.value === '@') return [this.parseDecorated()];
    if (t.type === 'name') {
      switch (t.value) {
        case 'if':
          return [this.parseIf()];
        case 'while':
        case 'for':
          return [this.parseLoop()];
        case 'try':
          return [this.parseTry()];
        case 'with':
          return [this.parseWith()];
        case 'def':
          return [this.parseDef()];
        case 'class':
          return [this.parseClass()];
        case 'async': {
          this.next();
          if (this.isKw('def')) return [this.parseDef()];
          if (this.isKw('for')) return [this.parseLoop()];
          if (this.isKw('with')) return [this.parseWith()];
          return this.fail('invalid syntax');
        }
        case 'match':
          if (this.looksLikeMatch()) return [this.parseMatch()];
          break;
        default:
          break;
      }
    }
    return this.parseSimpleLine();
  }

  /** An indented block or a simple statement list after `:`. */
  private parseSuite(): Stmt[] {
    this.expectOp(':');
    if (this.peek().type !== 'newline') return this.parseSimpleLine();
    this.next();
    if (this.peek().type !== 'indent') this.fail('expected an indented block');
    this.next();
    return this.parseBlock();
  }

  private parseIf(): Stmt {
    const line = this.next().line;
    const test = this.parseNamed();
    const body = this.parseSuite();
    let orelse: Stmt[] = [];
    if (this.isKw('elif')) orelse = [this.parseIf()];
    else if (this.acceptKw('else')) orelse = this.parseSuite();
    return { type: 'If', test, body, orelse, line };
  }

  private parseLoop(): Stmt {
    const kw = this.next();
    const targets: Expr[] = [];
    if (kw.value === 'for') {
      const target = this.parseTargetList();
      this.checkTarget(target);
      targets.push(target);
      this.expectKw('in');
      this.parseExprList();
    } else {
      this.parseNamed();
    }
    this.inLoop++;
    const body = this.parseSuite();
    this.inLoop--;
    if (this.acceptKw('else')) body.push(...this.parseSuite());
    return { type: 'Block', kind: kw.value, targets, body, line: kw.line };
  }

  private parseTry(): Stmt {
    const line = this.next().line;
    const body = this.parseSuite();
    const targets: Expr[] = [];
    let handlers = 0;
    while (this.isKw('except')) {
      const t = this.next();
      handlers++;
      this.acceptOp('*');
      if (!this.isOp(':')) {
        this.parseTest();
        if (this.isOp(',')) {
          while (this.acceptOp(',')) this.parseTest();
        }
        if (this.acceptKw('as')) targets.push({ type: 'Name', id: this.expectName(), line: t.line });
      }
      body.push(...this.parseSuite());
    }
    if (handlers > 0 && this.acceptKw('else')) body.push(...this.parseSuite());
    if (this.acceptKw('finally')) {
      handlers++;
      body.push(...this.parseSuite());
    }
    if (handlers === 0) this.fail("expected 'except' or 'finally' block");
    return { type: 'Block', kind: 'try', targets, body, line };
  }

  private parseWith(): Stmt {
    const line = this.next().line;
    const targets: Expr[] = [];
    const item = (): void => {
      this.parseTest();
      if (this.acceptKw('as')) {
        const target = this.parseTargetList();
        this.checkTarget(target);
        targets.push(target);
      }
    };
    const save = this.pos;
    let parenthesized = false;
    if (this.acceptOp('(')) {
      // `with (a as b, c as d):` — fall back to a plain expression when that reading fails.
      try {
        do {
          if (this.isOp(')')) break;
          item();
        } while (this.acceptOp(','));
        this.expectOp(')');
        parenthesized = this.isOp(':');
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      if (!parenthesized) {
        this.pos = save;
        targets.length = 0;
      }
    }
    if (!parenthesized) {
      do item();
      while (this.acceptOp(','));
    }
    return { type: 'Block', kind: 'with', targets, body: this.parseSuite(), line };
  }

  private parseDecorated(): Stmt {
    while (this.acceptOp('@')) {
      this.parseNamed();
      if (this.peek().type !== 'newline') this.fail('invalid syntax');
      this.next();
    }
    this.acceptKw('async');
    if (this.isKw('def')) return this.parseDef();
    if (this.isKw('class')) return this.parseClass();
    return this.fail('invalid syntax');
  }

  private parseDef(): Stmt {
    const line = this.next().line;
    const name = this.expectName();
    this.expectOp('(');
    this.skipBalanced(')');
    if (this.acceptOp('->')) this.parseTest();
    const outerLoop = this.inLoop;
    this.inFunction++;
    this.inLoop = 0;
    try {
      return { type: 'FunctionDef', name, body: this.parseSuite(), line };
    } finally {
      this.inFunction--;
      this.inLoop = outerLoop;
    }
  }

  private parseClass(): Stmt {
    const line = this.next().line;
    const name = this.expectName();
    if (this.acceptOp('(')) this.skipBalanced(')');
    return { type: 'ClassDef', name, body: this.parseSuite(), line };
  }

  /** Skips to the matching close bracket (parameter lists are not needed). */
  private skipBalanced(close: string): void {
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t.type === 'eof' || t.type === 'error') throw new ParseError(t.type === 'error' ? t.value : `expected '${close}'`, t.line);
      if (t.type !== 'op') continue;
      if ('([{'.includes(t.value)) depth++;
      else if (')]}'.includes(t.value) && --depth === 0) return;
    }
  }

  /** `match x:` followed by an indented `case` is a match statement; otherwise `match` is a name. */
  private looksLikeMatch(): boolean {
    let i = 1;
    while (this.peek(i).type !== 'newline' && this.peek(i).type !== 'eof') i++;
    const prev = this.peek(i - 1);
    return i > 2 && prev.type === 'op' && prev.value === ':' && this.peek(i + 1).type === 'indent' && this.isKw('case', i + 2);
  }

  private parseMatch(): Stmt {
    const line = this.peek().line;
    while (this.peek().type !== 'newline') this.next();
    this.next();
    this.next(); // indent
    const body: Stmt[] = [];
    while (this.isKw('case')) {
      // Patterns are skipped: names they capture are not tracked.
      let depth = 0;
      this.next();
      while (!(depth === 0 && this.isOp(':'))) {
        const t = this.next();
        if (t.type === 'newline' || t.type === 'eof') this.fail("expected ':'");
        if (t.type === 'op' && '([{'.includes(t.value)) depth++;
        if (t.type === 'op' && ')]}'.includes(t.value)) depth--;
      }
      body.push(...this.parseSuite());
    }
    if (this.peek().type === 'dedent') this.next();
    return { type: 'Block', kind: 'match', targets: [], body, line };
  }

  /** Simple statements separated by `;`, ending the logical line. */
  private parseSimpleLine(): Stmt[] {
    const out: Stmt[] = [this.parseSmall()];
    while (this.acceptOp(';')) {
      if (this.peek().type === 'newline') break;
      out.push(this.parseSmall());
    }
    if (this.peek().type !== 'newline' && this.peek().type !== 'eof') this.fail('invalid syntax');
    this.next();
    return out;
  }

  private parseSmall(): Stmt {
    const t = this.peek();
    const line = t.line;
    if (t.type === 'name') {
      switch (t.value) {
        case 'pass':
        case 'break':
        case 'continue':
          this.next();
          if (t.value !== 'pass' && this.inLoop === 0) throw new ParseError(`'${t.value}' outside loop`, line);
          return { type: 'Pass', line };
        case 'global':
        case 'nonlocal':
          this.next();
          do this.expectName();
          while (this.acceptOp(','));
          return { type: 'Pass', line };
        case 'return':
          this.next();
          if (this.inFunction === 0) throw new ParseError("'return' outside function", line);
          if (this.startsExpr()) this.parseExprList();
          return { type: 'Pass', line };
        case 'raise':
          this.next();
          if (this.startsExpr()) {
            this.parseTest();
            if (this.acceptKw('from')) this.parseTest();
          }
          return { type: 'Raise', line };
        case 'del': {
          this.next();
          const target = this.parseExprList();
          const targets = target.type === 'Tuple' ? target.elts : [target];
          targets.forEach((x) => this.checkTarget(x));
          return { type: 'Delete', targets, line };
        }
        case 'assert': {
          this.next();
          const test = this.parseTest();
          if (this.acceptOp(',')) this.parseTest();
          return { type: 'Assert', test, line };
        }
        case 'import':
          return this.parseImport();
        case 'from':
          return this.parseFromImport();
        default:
          break;
      }
    }
    return this.parseExprStatement();
  }

  private parseImport(): Stmt {
    const line = this.next().line;
    const names: ImportName[] = [];
    do {
      const name = this.dottedName();
      names.push(this.acceptKw('as') ? { name, asname: this.expectName() } : { name });
    } while (this.acceptOp(','));
    return { type: 'Import', names, line };
  }

  private parseFromImport(): Stmt {
    const line = this.next().line;
    let level = 0;
    for (;;) {
      if (this.acceptOp('.')) level++;
      else if (this.acceptOp('...')) level += 3;
      else break;
    }
    const module = this.isKw('import') ? '' : this.dottedName();
    this.expectKw('import');
    if (this.acceptOp('*')) return { type: 'ImportFrom', module, level, names: '*', line };
    const paren = this.acceptOp('(');
    const names: ImportName[] = [];
    do {
      if (paren && this.isOp(')')) break;
      const name = this.expectName();
      names.push(this.acceptKw('as') ? { name, asname: this.expectName() } : { name });
    } while (this.acceptOp(','));
    if (paren) this.expectOp(')');
    return { type: 'ImportFrom', module, level, names, line };
  }

  private dottedName(): string {
    let name = this.expectName();
    while (this.acceptOp('.')) name += `.${this.expectName()}`;
    return name;
  }

  private parseExprStatement(): Stmt {
    const line = this.peek().line;
    const first = this.parseExprList();
    const t = this.peek();
    if (t.type === 'op' && t.value === ':') {
      this.next();
      this.checkTarget(first, true);
      this.parseTest();
      if (!this.acceptOp('=')) return { type: 'AnnAssign', target: first, line };
      return { type: 'AnnAssign', target: first, value: this.parseExprList(), line };
    }
    if (t.type === 'op' && AUG_OPS.has(t.value)) {
      this.next();
      this.checkTarget(first, true);
      return { type: 'AugAssign', target: first, op: t.value.slice(0, -1), value: this.parseExprList(), line };
    }
    if (!this.isOp('=')) return { type: 'Expr', value: first, line };
    const targets = [first];
    let value = first;
    while (this.acceptOp('=')) {
      value = this.parseExprList();
      targets.push(value);
    }
    targets.pop();
    targets.forEach((x) => this.checkTarget(x));
    return { type: 'Assign', targets, value, line };
  }

  /** Rejects what Python cannot assign to (`f() = 1`, `1 = x`), as CPython's compiler does. */
  private checkTarget(e: Expr, single = false): void {
    switch (e.type) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Tuple':
      case 'List':
        if (single) break;
        e.elts.forEach((x) => this.checkTarget(x));
        return;
      case 'Starred':
        if (single) break;
        this.checkTarget(e.value);
        return;
      default:
        break;
    }
    throw new ParseError(`cannot assign to ${describe(e)}`, e.line);
  }
}

function describe(e: Expr): string {
  switch (e.type) {
    case 'Call':
      return 'function call';
    case 'Const':
      return 'literal';
    case 'Tuple':
    case 'List':
      return `${e.type.toLowerCase()} here (use a plain name)`;
    default:
      return 'expression';
  }
}
