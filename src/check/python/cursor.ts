// Token cursor shared by the expression and statement parsers, and the error they throw.
import { MAX_EXPR_DEPTH } from './limits.js';
import type { Token, Tokenizer } from './tokens.js';

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

export class Cursor {
  /** Tokens read but not yet released; `pos` indexes into it. */
  private buf: Token[];
  protected pos = 0;
  /** Current recursion depth of the expression parser (bounded by MAX_EXPR_DEPTH). */
  protected depth = 0;
  private readonly source: Tokenizer | undefined;

  constructor(source: Tokenizer | Token[]) {
    if (Array.isArray(source)) {
      this.buf = source;
      this.source = undefined;
    } else {
      this.buf = [];
      this.source = source;
    }
  }

  protected peek(offset = 0): Token {
    const i = this.pos + offset;
    while (i >= this.buf.length && this.source && this.buf[this.buf.length - 1]?.type !== 'eof') {
      this.buf.push(this.source.next());
    }
    return this.buf[Math.min(i, this.buf.length - 1)]!;
  }

  protected next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  /** Forgets consumed tokens (between top-level statements), so memory stays flat. */
  protected release(): void {
    if (this.source && this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
  }

  protected isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.value === value;
  }

  /** A keyword (or soft keyword) in name position. */
  protected isKw(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'name' && t.value === value;
  }

  protected acceptOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.next();
    return true;
  }

  protected acceptKw(value: string): boolean {
    if (!this.isKw(value)) return false;
    this.next();
    return true;
  }

  protected expectOp(value: string): Token {
    if (!this.isOp(value)) this.fail(`expected '${value}'`);
    return this.next();
  }

  protected expectKw(value: string): Token {
    if (!this.isKw(value)) this.fail(`expected '${value}'`);
    return this.next();
  }

  protected expectName(): string {
    const t = this.peek();
    if (t.type !== 'name' || KEYWORDS.has(t.value)) this.fail('expected a name');
    return this.next().value;
  }

  /** Throws a syntax error at the current token (an error token reports its own message). */
  protected fail(message: string): never {
    const t = this.peek();
    if (t.type === 'error') throw new ParseError(t.value, t.line);
    if (t.type === 'indent') throw new ParseError('unexpected indent', t.line);
    throw new ParseError(message, t.line);
  }

  protected enter(): void {
    if (++this.depth > MAX_EXPR_DEPTH) this.fail('expression too deeply nested');
  }

  protected leave(): void {
    this.depth--;
  }
}
