// The expansion helpers of shell-words.ts: field splitting, positional parameters, $( ) matching and
// the plain expansion inside a ${VAR:-default}.

/** One word being built: pieces from unquoted expansions may be split on whitespace; `brk` ends a word ("$@"). */
export type Piece = { text: string; split: boolean; brk?: true };

/** Splits a word at whitespace coming from unquoted expansions; drops it if it expanded to nothing. */
export function fieldSplit(pieces: Piece[]): string[] {
  if (!pieces.some((p) => p.split || p.brk)) return [pieces.map((p) => p.text).join('')];
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (const p of pieces) {
    if (p.brk) {
      words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    if (!p.split) {
      cur += p.text;
      has = true;
      continue;
    }
    for (const ch of p.text) {
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        if (has) words.push(cur);
        cur = '';
        has = false;
      } else {
        cur += ch;
        has = true;
      }
    }
  }
  if (has) words.push(cur);
  return words;
}

/** A positional or special parameter's value: $0 is the script, $N the Nth argument (undefined past the last). */
export function positional(name: string, args: readonly string[]): string | undefined {
  if (name === '#') return String(args.length);
  if (name === '@' || name === '*') return args.join(' ');
  const n = Number(name);
  return n === 0 ? 'sh' : args[n - 1];
}

/** Index just past the `)` matching the `(` at `start` (quotes respected). */
export function matchParen(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return s.length;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Index of the `}` closing the `{` at `start` (nested ${…} and quotes respected), or -1. */
export function matchBrace(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}
