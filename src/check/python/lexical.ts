// Tokenizer-level checks over the grammar's tokens: brackets (unmatched, mismatched, never closed,
// nested over 200 deep), identifiers and characters CPython refuses, number literals and
// unterminated strings. These are the errors CPython reports before (or instead of) a parse error.
import type { Tree } from '@lezer/common';
import type { Issue } from './indent.js';
import { MAX_PAREN_DEPTH } from './limits.js';
import { LiteralError, numberValue } from './literals.js';
import type { Source } from './source.js';

const OPEN: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const IDENT = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;
/** Most names are ASCII: checked without the (costly to compile) Unicode classes. */
const ASCII_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function wordChar(c: string): boolean {
  const k = c.charCodeAt(0);
  if (k < 0x80) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;
  return /[\p{L}\p{N}_]/u.test(c);
}

export interface Scan {
  issues: Issue[];
  /** The outermost bracket still open at the end of the file. */
  unclosed?: { char: string; pos: number };
}

const hex = (ch: string): string => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** CPython's message for a character that starts no token. */
function badCharacter(ch: string): string {
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch) && ch !== '\f') return `invalid non-printable character U+${hex(ch)}`;
  return `invalid character '${ch}' (U+${hex(ch)})`;
}

/** Tokenizer-level issues; brackets and strings are scanned on the text itself (see scanText). */
export function scanTokens(tree: Tree, src: Source): Scan {
  const scan = scanText(src);
  const cur = tree.cursor();
  for (;;) {
    const { name, from, to } = cur;
    let descend = !(name === 'String' || name === 'FormatString' || name === 'Comment');
    if (name === 'Number') {
      // `1.real`: CPython reads the float `1.` and then a letter.
      if (src.text[to] === '.' && /^\d[\d_]*$/.test(src.text.slice(from, to)) && /[\p{L}_]/u.test(src.text[to + 1] ?? '')) scan.issues.push({ pos: from, message: 'invalid decimal literal' });
      try {
        numberValue(src.text.slice(from, to), src.text.slice(to, to + 8));
      } catch (e) {
        if (!(e instanceof LiteralError)) throw e;
        scan.issues.push({ pos: from, message: e.message });
      }
    } else if (name === 'VariableName' || name === 'PropertyName') {
      const word = src.text.slice(from, to);
      if (!ASCII_IDENT.test(word) && !IDENT.test(word)) {
        const bad = [...word].find((ch, i) => !(i === 0 ? /[\p{XID_Start}_]/u : /\p{XID_Continue}/u).test(ch)) ?? word[0]!;
        scan.issues.push({ pos: from, message: badCharacter(bad) });
      }
    } else if (cur.type.isError && to > from && !cur.node.firstChild) {
      descend = false;
      const ch = [...src.text.slice(from, to).trimStart()][0];
      if (ch && !/[\x20-\x7e\s]/.test(ch) && !/[\p{XID_Start}_]/u.test(ch)) scan.issues.push({ pos: from, message: badCharacter(ch) });
    }
    if (descend && cur.firstChild()) continue;
    while (!cur.nextSibling()) {
      if (!cur.parent()) {
        scan.issues.sort((a, b) => a.pos - b.pos);
        return scan;
      }
    }
  }
}

const PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * Brackets, strings (read the Python 3.11 way: an f-string is a string), comments and line
 * continuations, straight from the text: the grammar's error recovery may drop tokens.
 */
function scanText(src: Source): Scan {
  const t = src.text;
  const issues: Issue[] = [];
  const stack: { char: string; pos: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '#') {
      const nl = t.indexOf('\n', i);
      i = nl < 0 ? t.length : nl;
    } else if (c === '\\') {
      if (t[i + 1] === '\n') i++;
      else if (i + 1 < t.length) issues.push({ pos: i, message: 'unexpected character after line continuation character' });
    } else if (wordChar(c)) {
      let j = i;
      while (j < t.length && wordChar(t[j]!)) j++;
      if ((t[j] === '"' || t[j] === "'") && PREFIX.test(t.slice(i, j))) i = string(t, j, issues, src) - 1;
      else i = j - 1;
    } else if (c === '"' || c === "'") {
      i = string(t, i, issues, src) - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, pos: i });
      if (stack.length > MAX_PAREN_DEPTH) issues.push({ pos: i, message: 'too many nested parentheses' });
    } else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open) issues.push({ pos: i, message: `unmatched '${c}'` });
      else if (open.char !== OPEN[c]) {
        const where = src.line(open.pos) === src.line(i) ? '' : ` on line ${src.line(open.pos)}`;
        issues.push({ pos: i, message: `closing parenthesis '${c}' does not match opening parenthesis '${open.char}'${where}` });
      }
    }
  }
  const unclosed = stack[stack.length - 1];
  return unclosed ? { issues, unclosed } : { issues };
}

/** Skips the string whose quote is at `q`; returns the index after it (an unterminated one is an issue). */
function string(t: string, q: number, issues: Issue[], src: Source): number {
  const quote = t.startsWith(t[q]!.repeat(3), q) ? t[q]!.repeat(3) : t[q]!;
  for (let i = q + quote.length; i < t.length; i++) {
    // A backslash escapes the next character, the quote and the newline included (raw strings too).
    if (t[i] === '\\') i++;
    else if (t.startsWith(quote, i)) return i + quote.length;
    else if (t[i] === '\n' && quote.length === 1) break;
  }
  const eol = t.indexOf('\n', q);
  const end = quote.length === 3 || eol < 0 ? t.length : eol;
  issues.push({ pos: q, message: `unterminated ${quote.length === 3 ? 'triple-quoted ' : ''}string literal (detected at line ${src.line(Math.max(q, end - 1))})` });
  return end;
}
