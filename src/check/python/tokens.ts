// Python tokenizer for the config-file subset: logical lines (joined inside brackets and after a
// backslash), INDENT/DEDENT, names, numbers, strings (raw text kept for the parser), operators.
// Problems become `error` tokens so the parser can report a syntax error for that line and go on.
// Tokens are produced on demand, so a large file never holds all its tokens at once.
import { MAX_INDENT_LEVELS, MAX_PAREN_DEPTH } from './limits.js';

export type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof' | 'error';

export interface Token {
  type: TokenType;
  /** name/number/op text; for strings the raw body (between the quotes); for errors the message. */
  value: string;
  line: number;
  /** String tokens: lower-cased prefix letters (r, b, f, u combinations). */
  prefix: string | undefined;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=',
  '==', '>=', '>>', '@=', '^=', '|=', '!', '%', '&', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>',
  '@', '[', ']', '^', '{', '|', '}', '~',
];
// Longest first, so the sticky regex prefers '**=' over '**' over '*'.
const OP_RE = new RegExp(
  [...OPERATORS].sort((a, b) => b.length - a.length).map((o) => o.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'),
  'y',
);
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

const ASCII_NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER_RE =
  /0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?/y;
const STRING_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

/** After an unclosed bracket: does this line look like the start of a new statement? */
const STATEMENT_START =
  /^(?:(?:def|class|if|elif|else|for|while|try|except|finally|with|import|from|return|raise|assert|del|pass|break|continue|global|nonlocal|async)\b|@|[A-Za-z_][\w.]*[ \t]*(?:[-+*/%&|^@]|\/\/|\*\*|<<|>>)?=(?!=))/;

export interface TokenizeOptions {
  /** Tokenize an expression embedded in an f-string: newlines never end a statement. */
  expression?: boolean;
  /** Line number of the first line. */
  firstLine?: number;
  /** Guess where unclosed brackets end (only for files known to have one; see ModuleParser). */
  recoverBrackets?: boolean;
}

const SPACE = 32;
const TAB = 9;
const FF = 12;
const LF = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;

export class Tokenizer {
  private pos = 0;
  private line: number;
  private atLineStart: boolean;
  private readonly indents = [0];
  private readonly brackets: { ch: string; line: number; indent: number }[] = [];
  /** Indentation of the current logical line (to spot an unclosed bracket). */
  private lineIndent = 0;
  private last: TokenType | undefined;
  private readonly pending: Token[] = [];
  private done = false;
  /** Brackets left open at a line that starts a new statement are reported and closed here. */
  private readonly recover: boolean;

  constructor(
    private readonly src: string,
    private readonly opts: TokenizeOptions = {},
  ) {
    this.line = opts.firstLine ?? 1;
    this.atLineStart = !opts.expression;
    this.recover = Boolean(opts.recoverBrackets) && !opts.expression;
  }

  private tok(type: TokenType, value: string, prefix?: string): Token {
    return { type, value, line: this.line, prefix };
  }

  next(): Token {
    if (this.pending.length === 0) this.scan();
    const t = this.pending.shift()!;
    this.last = t.type;
    return t;
  }

  /** Scans until at least one token is pending. */
  private scan(): void {
    const { src, pending } = this;
    const n = src.length;
    while (pending.length === 0) {
      if (this.pos >= n) return this.finish();
      if (this.atLineStart) {
        this.lineStart();
        continue;
      }
      const pos = this.pos;
      const code = src.charCodeAt(pos);
      if (code === SPACE || code === TAB || code === FF) {
        this.pos++;
        continue;
      }
      if (code === HASH) {
        while (this.pos < n && src.charCodeAt(this.pos) !== LF && src.charCodeAt(this.pos) !== CR) this.pos++;
        continue;
      }
      if (code === BACKSLASH) {
        const next = src.charCodeAt(pos + 1);
        if (next === LF || next === CR) {
          this.pos = skipNewline(src, pos + 1);
          this.line++;
        } else {
          pending.push(this.tok('error', 'unexpected character after line continuation character'));
          this.pos++;
        }
        continue;
      }
      if (code === LF || code === CR) {
        this.newline();
        continue;
      }
      this.token(code);
    }
  }

  private lineStart(): void {
    const { src } = this;
    const n = src.length;
    let col = 0;
    while (this.pos < n) {
      const c = src.charCodeAt(this.pos);
      if (c === SPACE) col++;
      else if (c === TAB) col = (Math.floor(col / 8) + 1) * 8;
      else if (c === FF) col = 0;
      else break;
      this.pos++;
    }
    const c = src.charCodeAt(this.pos);
    if (c === HASH || c === LF || c === CR || this.pos >= n) {
      // Blank and comment-only lines produce no tokens.
      while (this.pos < n && src.charCodeAt(this.pos) !== LF && src.charCodeAt(this.pos) !== CR) this.pos++;
      if (this.pos < n) {
        this.pos = skipNewline(src, this.pos);
        this.line++;
      }
      return;
    }
    if (c === BACKSLASH && (src.charCodeAt(this.pos + 1) === LF || src.charCodeAt(this.pos + 1) === CR)) {
      this.pos = skipNewline(src, this.pos + 1);
      this.line++;
      return;
    }
    this.atLineStart = false;
    this.lineIndent = col;
    const top = this.indents[this.indents.length - 1]!;
    if (col > top) {
      if (this.indents.length > MAX_INDENT_LEVELS) this.pending.push(this.tok('error', 'too many levels of indentation'));
      this.indents.push(col);
      this.pending.push(this.tok('indent', ''));
    } else if (col < top) {
      while (col < this.indents[this.indents.length - 1]!) {
        this.indents.pop();
        this.pending.push(this.tok('dedent', ''));
      }
      if (col !== this.indents[this.indents.length - 1]) {
        this.pending.push(this.tok('error', 'unindent does not match any outer indentation level'));
      }
    }
  }

  private newline(): void {
    const { src } = this;
    this.pos = skipNewline(src, this.pos);
    if (this.brackets.length > 0 && this.recover && this.unclosedBefore()) {
      const open = this.brackets[0]!;
      this.pending.push({ type: 'error', value: `'${open.ch}' was never closed`, line: open.line, prefix: undefined });
      this.brackets.length = 0;
    }
    if (this.brackets.length === 0 && !this.opts.expression) {
      if (this.last !== undefined && this.last !== 'newline' && this.last !== 'indent' && this.last !== 'dedent') {
        this.pending.push(this.tok('newline', ''));
      }
      this.atLineStart = true;
    }
    this.line++;
  }

  /**
   * Inside brackets, a next line indented no deeper than the bracket's own line and reading like a
   * new statement means the bracket was never closed (CPython: "'(' was never closed").
   */
  private unclosedBefore(): boolean {
    const { src } = this;
    let p = this.pos;
    let col = 0;
    while (p < src.length && (src.charCodeAt(p) === SPACE || src.charCodeAt(p) === TAB)) {
      col = src.charCodeAt(p) === TAB ? (Math.floor(col / 8) + 1) * 8 : col + 1;
      p++;
    }
    if (col > this.brackets[0]!.indent) return false;
    const end = src.indexOf('\n', p);
    const text = src.slice(p, end < 0 ? undefined : Math.min(end, p + 200));
    if (!STATEMENT_START.test(text)) return false;
    // `name=value,` inside a call reads like an assignment too; a trailing comma keeps it inside.
    return !/,\s*(?:#.*)?$/.test(text);
  }

  private token(code: number): void {
    const { src, pending } = this;
    const pos = this.pos;
    const ascii = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    // Names: an ASCII fast path; the Unicode-aware pattern only for non-ASCII starts (and to
    // continue an ASCII name with non-ASCII letters).
    let name: RegExpExecArray | null = null;
    if (ascii || code > 127) {
      const re = ascii && !(src.charCodeAt(pos + 1) > 127) ? ASCII_NAME_RE : NAME_RE;
      re.lastIndex = pos;
      name = re.exec(src);
      if (name && re === ASCII_NAME_RE && src.charCodeAt(pos + name[0].length) > 127) {
        NAME_RE.lastIndex = pos;
        name = NAME_RE.exec(src);
      }
    }
    if (name) {
      const word = name[0];
      const quote = src[pos + word.length];
      if ((quote === '"' || quote === "'") && STRING_PREFIX.test(word)) return this.string(pos + word.length, word.toLowerCase());
      pending.push(this.tok('name', word));
      this.pos += word.length;
      return;
    }
    if (code === 34 || code === 39) return this.string(pos, '');
    if ((code >= 48 && code <= 57) || (code === 46 && src.charCodeAt(pos + 1) >= 48 && src.charCodeAt(pos + 1) <= 57)) {
      NUMBER_RE.lastIndex = pos;
      const text = NUMBER_RE.exec(src)![0];
      if (text.length > 1 && code === 48 && /^0[\d_]+$/.test(text) && /[1-9]/.test(text)) {
        pending.push(this.tok('error', 'leading zeros in decimal integer literals are not permitted'));
      } else {
        pending.push(this.tok('number', text));
      }
      this.pos += text.length;
      return;
    }
    OP_RE.lastIndex = pos;
    const op = OP_RE.exec(src)?.[0];
    if (op === undefined || op === '!') {
      pending.push(this.tok('error', `invalid character '${String.fromCodePoint(src.codePointAt(pos)!)}'`));
      this.pos += src.codePointAt(pos)! > 0xffff ? 2 : 1;
      return;
    }
    this.pos += op.length;
    if (OPEN[op] !== undefined) {
      if (this.brackets.length >= MAX_PAREN_DEPTH) pending.push(this.tok('error', 'too many nested parentheses'));
      this.brackets.push({ ch: op, line: this.line, indent: this.lineIndent });
    } else if (CLOSE.has(op)) {
      const open = this.brackets.pop();
      if (open === undefined) pending.push(this.tok('error', `unmatched '${op}'`));
      else if (OPEN[open.ch] !== op) {
        pending.push(this.tok('error', `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'`));
      }
    }
    pending.push(this.tok('op', op));
  }

  private string(start: number, prefix: string): void {
    const r = readString(this.src, start);
    this.pending.push(r.error ? this.tok('error', r.error) : this.tok('string', r.body, prefix));
    this.pos = r.end;
    this.line += r.lines;
  }

  private finish(): void {
    if (this.done) {
      this.pending.push(this.tok('eof', ''));
      return;
    }
    this.done = true;
    if (this.brackets.length > 0) {
      const open = this.brackets[0]!;
      this.pending.push({ type: 'error', value: `'${open.ch}' was never closed`, line: open.line, prefix: undefined });
    }
    if (!this.opts.expression) {
      const t = this.last;
      if (t !== undefined && t !== 'newline' && t !== 'indent' && t !== 'dedent') this.pending.push(this.tok('newline', ''));
      for (let i = 1; i < this.indents.length; i++) this.pending.push(this.tok('dedent', ''));
    }
    this.pending.push(this.tok('eof', ''));
  }
}

/** All tokens at once (f-string fields, tests). */
export function tokenize(src: string, opts: TokenizeOptions = {}): Token[] {
  const t = new Tokenizer(src, opts);
  const out: Token[] = [];
  for (let tok = t.next(); ; tok = t.next()) {
    out.push(tok);
    if (tok.type === 'eof') return out;
  }
}

function skipNewline(src: string, pos: number): number {
  if (src.charCodeAt(pos) === CR && src.charCodeAt(pos + 1) === LF) return pos + 2;
  return pos < src.length ? pos + 1 : pos;
}

/** Reads a quoted string starting at the opening quote; the body is returned undecoded. */
function readString(src: string, start: number): { body: string; end: number; lines: number; error?: string } {
  const q = src[start]!;
  const triple = src.startsWith(q + q + q, start);
  const quote = triple ? q + q + q : q;
  const qc = q.charCodeAt(0);
  let pos = start + quote.length;
  let lines = 0;
  const bodyStart = pos;
  while (pos < src.length) {
    const c = src.charCodeAt(pos);
    if (c === BACKSLASH) {
      const next = src.charCodeAt(pos + 1);
      if (next === LF || next === CR) {
        pos = skipNewline(src, pos + 1);
        lines++;
      } else {
        pos += 2;
      }
      continue;
    }
    if (c === LF || c === CR) {
      if (!triple) return { body: '', end: pos, lines, error: 'unterminated string literal' };
      pos = skipNewline(src, pos);
      lines++;
      continue;
    }
    if (c === qc && (!triple || src.startsWith(quote, pos))) {
      return { body: src.slice(bodyStart, pos), end: pos + quote.length, lines };
    }
    pos++;
  }
  return { body: '', end: pos, lines, error: triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal' };
}

/**
 * Whether every bracket outside strings and comments is closed. Only when one is not does the
 * tokenizer guess where it should have been closed (that guess could misread valid code).
 */
export function bracketsBalanced(src: string): boolean {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === HASH) {
      while (i < src.length && src.charCodeAt(i) !== LF) i++;
    } else if (c === 34 || c === 39) {
      const q = src[i]!;
      const triple = src.startsWith(q + q + q, i);
      i += triple ? 3 : 1;
      while (i < src.length && !(src[i] === q && (!triple || src.startsWith(q + q + q, i)))) {
        if (src.charCodeAt(i) === BACKSLASH) i++;
        else if (!triple && src.charCodeAt(i) === LF) break;
        i++;
      }
      if (triple) i += 2;
    } else if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
    else if (c === 41 || c === 93 || c === 125) depth--; // ) ] }
  }
  return depth === 0;
}
