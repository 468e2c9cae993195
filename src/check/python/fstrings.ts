// f-string bodies split the way CPython 3.11 does (before PEP 701): literal text, and replacement
// fields whose expression text is parsed on its own. 3.11 refuses backslashes, '#' and the
// enclosing quote inside a field, and fields nested more than two deep.
import { LiteralError, decodeEscapes } from './literals.js';

export interface RawField {
  /** Expression source between the braces (without `=`, `!c` and `:spec`). */
  expr: string;
  /** Offset of `expr` in the body, for its line. */
  offset: number;
  conversion?: 's' | 'r' | 'a';
  spec?: (string | RawField)[];
  /** Text shown by a self-documenting `{expr=}` field, including the `=`. */
  selfDoc?: string;
}

const fail = (msg: string): never => {
  throw new LiteralError(msg);
};

/** Splits an f-string body (after the prefix and opening quote); throws LiteralError. */
export function splitFString(body: string, raw: boolean): (string | RawField)[] {
  const r = splitParts(body, 0, raw, 0);
  return r.parts;
}

function splitParts(body: string, start: number, raw: boolean, nesting: number): { parts: (string | RawField)[]; end: number } {
  const parts: (string | RawField)[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit === '') return;
    const d = decodeEscapes(lit, raw, false);
    if (typeof d !== 'string') throw new LiteralError(d.unsupported);
    parts.push(d);
    lit = '';
  };
  let i = start;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '{') {
      if (nesting === 0 && body[i + 1] === '{') {
        lit += '{';
        i += 2;
        continue;
      }
      flush();
      if (nesting >= 2) fail('f-string: expressions nested too deeply');
      const f = readField(body, i + 1, raw, nesting);
      parts.push(f.field);
      i = f.end;
      continue;
    }
    if (c === '}') {
      if (nesting > 0) break;
      if (body[i + 1] === '}') {
        lit += '}';
        i += 2;
        continue;
      }
      fail("f-string: single '}' is not allowed");
    }
    if (c === '\\' && !raw && body[i + 1] !== undefined) {
      lit += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    lit += c;
    i++;
  }
  flush();
  return { parts, end: i };
}

const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Reads `expr[=][!c][:spec]}` starting just after the `{`. */
function readField(body: string, start: number, raw: boolean, nesting: number): { field: RawField; end: number } {
  const stack: string[] = [];
  let quote: string | undefined;
  let i = start;
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') fail('f-string expression part cannot include a backslash');
    if (quote) {
      if (body.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (c === "'" || c === '"') quote = body.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    else if (c === '#') fail("f-string expression part cannot include '#'");
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || (c === '}' && stack.length > 0)) {
      const open = stack.pop();
      if (open === undefined) fail(`f-string: unmatched '${c}'`);
      if (open !== CLOSE[c]) fail(`f-string: closing parenthesis '${c}' does not match opening parenthesis '${open}'`);
    } else if (stack.length === 0) {
      if (c === '}' || c === ':') break;
      if (c === '!' && body[i + 1] !== '=') break;
      // `{expr=}`: a lone '=' (not ==, !=, <=, >=, :=) ends the expression.
      if (c === '=' && body[i + 1] !== '=' && !'=!<>:'.includes(body[i - 1] ?? '')) break;
    }
  }
  if (quote) fail('f-string: unterminated string');
  if (i >= body.length) fail("f-string: expecting '}'");
  const expr = body.slice(start, i);
  if (expr.trim() === '') fail('f-string: empty expression not allowed');
  const field: RawField = { expr, offset: start };
  if (body[i] === '=') {
    i++;
    while (/\s/.test(body[i] ?? '')) i++;
    field.selfDoc = body.slice(start, i);
  }
  if (body[i] === '!') {
    const conv = body[i + 1];
    if (conv !== 's' && conv !== 'r' && conv !== 'a') fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
    field.conversion = conv as 's' | 'r' | 'a';
    i += 2;
  }
  if (body[i] === ':') {
    const spec = splitParts(body, i + 1, raw, nesting + 1);
    field.spec = spec.parts;
    i = spec.end;
  }
  if (body[i] !== '}') fail("f-string: expecting '}'");
  if (field.selfDoc !== undefined && field.conversion === undefined && field.spec === undefined) field.conversion = 'r';
  return { field, end: i + 1 };
}
