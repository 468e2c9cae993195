// POSIX-shell-like word splitting for command strings (like Python's shlex.split, which is what
// gunicorn applies to GUNICORN_CMD_ARGS): quotes, backslashes, optional `#` comments and
// `$VAR` / `${VAR:-default}` expansion. Problems are returned as `error`, never thrown.
// `shellCommands` additionally splits at ; && || | & and newlines and drops redirections.
// Long: the lexer is one state machine (quotes, escapes, expansions, operators) read top to bottom.
import { fieldSplit, matchBrace, matchParen, positional, type Piece } from './shell-expand.js';

export interface ShellWordsOptions {
  /**
   * Expand $VAR, ${VAR}, ${VAR:-default} (and -, =, :=, +, :+) from this environment, with field
   * splitting of unquoted results as a shell does. Variables it does not define are left as written
   * and listed in `unresolved`. Without `env`, every `$…` stays as written.
   */
  env?: Record<string, string | undefined>;
  /** An unquoted `#` starting a word begins a comment (shell behaviour; shlex.split's default is off). */
  comments?: boolean;
  /**
   * Split exactly as Python's shlex.split(s) does (gunicorn's GUNICORN_CMD_ARGS): `$` and backquotes
   * are ordinary characters and only `\"` and `\\` are escapes inside double quotes. `env` is ignored.
   */
  shlex?: boolean;
  /**
   * A script's arguments: with them $1…$9, ${1:-d}, $#, $@, "$@" and $* expand as the shell does (an
   * argument past the last is unset). Without them those stay as written and are listed in `unresolved`.
   */
  positional?: readonly string[];
}

export interface ShellWordsResult {
  words: string[];
  error?: string;
  /** Variables referenced, in order of first appearance. */
  variables: string[];
  /** `$NAME`s not in `env`, and `$(…)` / backquote substitutions, left as written. */
  unresolved: string[];
}

export interface ShellCommandsResult {
  /** Simple commands, each as its words. */
  commands: string[][];
  error?: string;
  variables: string[];
  unresolved: string[];
}

type Token = { word: string } | { op: string };


const SPECIAL_PARAM = /^[0-9@*#?$!-]/;
const MAX_NESTING = 32;
let nesting = 0;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function shellWords(input: string, options: ShellWordsOptions = {}): ShellWordsResult {
  const r = lex(input, options, false);
  return { words: r.tokens.map((t) => ('word' in t ? t.word : t.op)), ...rest(r) };
}

export function shellCommands(input: string, options: ShellWordsOptions = {}): ShellCommandsResult {
  const r = lex(input, options, true);
  const commands: string[][] = [];
  let cur: string[] = [];
  let skipTarget = false;
  for (const t of r.tokens) {
    if ('word' in t) {
      if (skipTarget) skipTarget = false;
      else cur.push(t.word);
    } else if (/[<>]/.test(t.op)) {
      // Redirection: its target word is not an argument. (>&1 keeps the fd as target too.)
      skipTarget = true;
    } else {
      if (cur.length > 0) commands.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) commands.push(cur);
  return { commands, ...rest(r) };
}

function rest(r: LexResult): { error?: string; variables: string[]; unresolved: string[] } {
  return { ...(r.error ? { error: r.error } : {}), variables: r.variables, unresolved: r.unresolved };
}

interface LexResult {
  tokens: Token[];
  error?: string;
  variables: string[];
  unresolved: string[];
}

// Long: one state machine; its states share the token being built.
function lex(input: string, opts: ShellWordsOptions, operators: boolean): LexResult {
  const tokens: Token[] = [];
  const variables: string[] = [];
  const unresolved: string[] = [];
  let pieces: Piece[] = [];
  let inWord = false;
  let i = 0;
  const addVar = (name: string): void => {
    if (!variables.includes(name)) variables.push(name);
  };
  const addUnresolved = (text: string): void => {
    if (!unresolved.includes(text)) unresolved.push(text);
  };
  const lit = (text: string): void => {
    pieces.push({ text, split: false });
    inWord = true;
  };
  const endWord = (): void => {
    if (!inWord) return;
    for (const w of fieldSplit(pieces)) tokens.push({ word: w });
    pieces = [];
    inWord = false;
  };

  /** Handles the `$…` at input[i]: expands it into `pieces`, or keeps it as written. */
  const dollar = (quoted: boolean): void => {
    const after = input.slice(i + 1);
    if (after.startsWith('(')) {
      const end = matchParen(input, i + 1);
      const text = input.slice(i, end);
      addUnresolved(text);
      lit(text);
      i = end;
      return;
    }
    if (after.startsWith('{')) {
      const close = matchBrace(input, i + 1);
      if (close < 0) {
        lit('$');
        i++;
        return;
      }
      const body = input.slice(i + 2, close);
      const raw = input.slice(i, close + 1);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[#@*])(?:(:?[-=+?])([\s\S]*))?$/.exec(body);
      const param = m && !NAME.test(m[1]!);
      if (!m || (param && !opts.positional)) {
        lit(raw);
        return;
      }
      const name = m[1]!;
      const op = m[2];
      const word = m[3] ?? '';
      if (!param) addVar(name);
      if (!opts.env && !param) return lit(raw);
      const env = opts.env ?? {};
      const value = param ? positional(name, opts.positional!) : env[name];
      const unsetOrEmpty = value === undefined || (op?.startsWith(':') && value === '');
      let out: string | undefined;
      if (op === undefined) out = value;
      else if (op.endsWith('-') || op.endsWith('=')) out = unsetOrEmpty ? expandWord(word) : value;
      else if (op.endsWith('+')) out = unsetOrEmpty ? '' : expandWord(word);
      else out = unsetOrEmpty ? undefined : value;
      // A script's own arguments are known: one past the last is unset, hence empty.
      if (out === undefined && param && op === undefined) out = '';
      if (out === undefined) {
        addUnresolved(name);
        return lit(raw);
      }
      pieces.push({ text: out, split: !quoted });
      inWord = true;
      return;
    }
    const m = NAME.exec(after);
    if (m) {
      const name = m[0];
      addVar(name);
      i += 1 + name.length;
      const value = opts.env?.[name];
      if (opts.env && value !== undefined) {
        pieces.push({ text: value, split: !quoted });
        inWord = true;
      } else {
        if (opts.env) addUnresolved(name);
        lit(`$${name}`);
      }
      return;
    }
    if (opts.positional && /^[0-9@*#]/.test(after)) {
      expandParam(after[0]!, quoted, opts.positional);
      i += 2;
      return;
    }
    if (SPECIAL_PARAM.test(after)) {
      addUnresolved(`$${after[0]}`);
      lit(`$${after[0]}`);
      i += 2;
      return;
    }
    lit('$');
    i++;
  };

  /** The word of ${VAR:-word}: expanded and unquoted as the shell does (it may hold ${…} itself). */
  const expandWord = (word: string): string => {
    // ${a:-${b:-…}} nests; past this depth the word stays as written rather than exhaust the stack.
    if (nesting >= MAX_NESTING) return word;
    nesting++;
    const r = lex(word, { ...opts, comments: false }, false);
    nesting--;
    if (r.error) return word;
    r.variables.forEach(addVar);
    r.unresolved.forEach(addUnresolved);
    return r.tokens.map((t) => ('word' in t ? t.word : t.op)).join(' ');
  };

  /** $1 … $9, $#, $@ and $* from the script's arguments ("$@": one word per argument). */
  const expandParam = (ch: string, quoted: boolean, args: readonly string[]): void => {
    inWord = true;
    if (ch === '@' && quoted) {
      if (args.length === 0) pieces.push({ text: '', split: true });
      args.forEach((a, n) => {
        if (n > 0) pieces.push({ text: '', split: false, brk: true });
        pieces.push({ text: a, split: false });
      });
    } else if (ch === '@' || ch === '*') pieces.push({ text: args.join(' '), split: !quoted });
    else pieces.push({ text: positional(ch, args) ?? '', split: !quoted });
  };

  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n') {
      endWord();
      if (operators) tokens.push({ op: '\n' });
      i++;
      continue;
    }
    if (c === '#' && opts.comments && !inWord) {
      while (i < input.length && input[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (input[i + 1] === '\n' && !opts.shlex) i += 2;
      else if (i + 1 < input.length) {
        lit(input[i + 1]!);
        i += 2;
      } else {
        return { tokens, error: 'nothing after the final backslash', variables, unresolved };
      }
      continue;
    }
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) return { tokens, error: 'unterminated single quote', variables, unresolved };
      lit(input.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (c === '"') {
      inWord = true;
      i++;
      let closed = false;
      while (i < input.length) {
        const d = input[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < input.length) {
          const e = input[i + 1]!;
          if (e === '\n' && !opts.shlex) i += 2;
          else if ((opts.shlex ? '"\\' : '$`"\\').includes(e)) {
            lit(e);
            i += 2;
          } else {
            lit('\\');
            i++;
          }
          continue;
        }
        if (d === '$' && !opts.shlex) {
          dollar(true);
          continue;
        }
        if (d === '`' && !opts.shlex) {
          const end = input.indexOf('`', i + 1);
          const text = end < 0 ? input.slice(i) : input.slice(i, end + 1);
          addUnresolved(text);
          lit(text);
          i = end < 0 ? input.length : end + 1;
          continue;
        }
        lit(d);
        i++;
      }
      if (!closed) return { tokens, error: 'unterminated double quote', variables, unresolved };
      continue;
    }
    if (c === '$' && !opts.shlex) {
      dollar(false);
      continue;
    }
    if (c === '`' && !opts.shlex) {
      const end = input.indexOf('`', i + 1);
      if (end < 0) return { tokens, error: 'unterminated backquote', variables, unresolved };
      const text = input.slice(i, end + 1);
      addUnresolved(text);
      lit(text);
      i = end + 1;
      continue;
    }
    if (operators) {
      const op = /^(?:&&|\|\||;;|>>|>&|&>|<<|[;&|()<>])/.exec(input.slice(i, i + 2))?.[0];
      if (op) {
        // `2>file`: the digits before a redirection are its fd, not a word.
        if (/[<>]/.test(op) && pieces.length > 0 && pieces.every((p) => !p.split && /^\d+$/.test(p.text))) {
          pieces = [];
          inWord = false;
        }
        endWord();
        tokens.push({ op });
        i += op.length;
        continue;
      }
    }
    lit(c);
    i++;
  }
  endWord();
  return { tokens, variables, unresolved };
}

