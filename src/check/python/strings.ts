// String literal bodies: backslash escapes, and splitting an f-string body into literal text and
// replacement fields ({expr!r:spec}, {{ and }} escapes, {expr=} self-documenting fields).

/** `unsupported`: valid Python we do not decode (\N{name}); the literal's value is then unknown. */
export type Decoded = string | { error: string } | { unsupported: string };

const SIMPLE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

export function decodeEscapes(body: string, raw: boolean): Decoded {
  if (raw || !body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) {
      out += '\\';
      break;
    }
    i++;
    if (e === '\n') continue;
    if (e === '\r') {
      if (body[i + 1] === '\n') i++;
      continue;
    }
    if (SIMPLE[e] !== undefined) {
      out += SIMPLE[e];
    } else if (e >= '0' && e <= '7') {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      out += String.fromCodePoint(parseInt(digits, 8));
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return { error: `truncated \\${e}${'X'.repeat(len)} escape` };
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return { error: 'illegal Unicode character' };
      out += String.fromCodePoint(code);
      i += len;
    } else if (e === 'N') {
      if (body[i + 1] !== '{' || !body.includes('}', i)) return { error: 'malformed \\N character escape' };
      return { unsupported: '\\N{...} escapes are not evaluated' };
    } else {
      out += `\\${e}`;
    }
  }
  return out;
}

export interface RawField {
  /** Expression source between the braces. */
  expr: string;
  conversion?: 's' | 'r' | 'a';
  spec?: (string | RawField)[];
  /** Text shown by a self-documenting `{expr=}` field, including the `=`. */
  selfDoc?: string;
}

/** Splits an f-string body; literal pieces are already escape-decoded. */
export function splitFString(body: string, raw: boolean): (string | RawField)[] | { error: string } {
  const r = splitParts(body, 0, raw, false);
  if ('error' in r) return r;
  return r.parts;
}

function splitParts(
  body: string,
  start: number,
  raw: boolean,
  inSpec: boolean,
): { parts: (string | RawField)[]; end: number } | { error: string } {
  const parts: (string | RawField)[] = [];
  let lit = '';
  const flush = (): string | undefined => {
    if (lit === '') return undefined;
    const d = decodeEscapes(lit, raw);
    if (typeof d !== 'string') return 'error' in d ? d.error : d.unsupported;
    parts.push(d);
    lit = '';
    return undefined;
  };
  let i = start;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '{') {
      if (!inSpec && body[i + 1] === '{') {
        lit += '{';
        i += 2;
        continue;
      }
      const err = flush();
      if (err) return { error: err };
      const f = readField(body, i + 1, raw);
      if ('error' in f) return f;
      parts.push(f.field);
      i = f.end;
      continue;
    }
    if (c === '}') {
      if (inSpec) break;
      if (body[i + 1] === '}') {
        lit += '}';
        i += 2;
        continue;
      }
      return { error: "f-string: single '}' is not allowed" };
    }
    if (c === '\\' && !raw && body[i + 1] !== undefined) {
      lit += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    lit += c;
    i++;
  }
  const err = flush();
  if (err) return { error: err };
  return { parts, end: i };
}

/** Reads `expr[=][!c][:spec]}` starting just after the `{`. */
function readField(body: string, start: number, raw: boolean): { field: RawField; end: number } | { error: string } {
  let depth = 0;
  let quote: string | undefined;
  let i = start;
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || (c === '}' && depth > 0)) depth--;
    else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && body[i + 1] !== '='))) break;
  }
  if (i >= body.length) return { error: "f-string: expecting '}'" };
  let expr = body.slice(start, i);
  const field: RawField = { expr };
  // {expr=}: prints the source text and then repr(value), or format(value, spec) with a spec.
  const selfDoc = /^([\s\S]*[^=!<>])=(\s*)$/.exec(expr);
  if (selfDoc && !/[=!<>]$/.test(selfDoc[1]!.trimEnd())) {
    field.selfDoc = expr;
    expr = selfDoc[1]!;
    field.expr = expr;
  }
  if (expr.trim() === '') return { error: 'f-string: empty expression not allowed' };
  if (body[i] === '!') {
    const conv = body[i + 1];
    if (conv !== 's' && conv !== 'r' && conv !== 'a') return { error: 'f-string: invalid conversion character' };
    field.conversion = conv;
    i += 2;
  }
  if (body[i] === ':') {
    const spec = splitParts(body, i + 1, raw, true);
    if ('error' in spec) return spec;
    field.spec = spec.parts;
    i = spec.end;
  }
  if (body[i] !== '}') return { error: "f-string: expecting '}'" };
  if (field.selfDoc !== undefined && field.conversion === undefined && field.spec === undefined) field.conversion = 'r';
  return { field, end: i + 1 };
}
