// Shell start scripts (entrypoint.sh, bin/docker-server, compose/production/django/start) read as
// text, never run: each simple command in order, with the variables the script has assigned by then
// (`WORKERS=${WORKERS:-2}`, `export X=…`) on top of the environment it starts with, and its arguments
// for $1 / "$@". `if` branches whose test can be decided from known values are skipped when false
// (`DEBUG=${DEBUG:-false}` … `if [ "$DEBUG" = "true" ]`); anything else is read as if it may run.
import { shellCommands } from './shell-words.js';

export interface ScriptCommand {
  words: string[];
  /** 1-based line of the script where the command starts. */
  line: number;
  /** Expansions left as written ($(…), variables set nowhere we can see). */
  unresolved: string[];
  error?: string;
  /** The script's variables when the command runs. */
  env: Record<string, string>;
  /** Those of them in its environment (those it started with, `export`ed ones): what the command inherits. */
  exported: Record<string, string>;
}

/** Words that only open or close a compound command; the command proper follows them. */
const PREFIX_WORDS = new Set(['then', 'do', '{', '!', 'time']);
const CLOSING_WORDS = new Set(['fi', 'done', 'esac', '}']);
const DECLARE = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

interface Branch {
  /** 'skip': known not to run; 'maybe': cannot tell; 'run': known to run. */
  mode: 'run' | 'skip' | 'maybe';
  /** A branch of this if is known to run (later ones do not). */
  taken: boolean;
  /** Every branch so far is known not to run (so `else` runs). */
  allFalse: boolean;
  /** Inside a branch that does not run: the whole if is skipped. */
  inert: boolean;
}

export function scriptCommands(text: string, opts: { env: Record<string, string>; args: readonly string[] }): ScriptCommand[] {
  const env: Record<string, string> = { ...opts.env };
  const exported = new Set(Object.keys(opts.env));
  let allExported = false;
  let args = [...opts.args];
  const out: ScriptCommand[] = [];
  const stack: Branch[] = [];
  const skipping = () => stack.some((b) => b.mode === 'skip' || b.inert);

  for (const { text: line, line: lineNo } of logicalLines(text)) {
    const r = shellCommands(stripCasePattern(line), { env, positional: args, comments: true });
    for (let words of r.commands) {
      // `else gunicorn …`, `then exec …`: the keyword, then the command.
      while (words.length > 0 && (PREFIX_WORDS.has(words[0]!) || words[0] === 'else')) {
        if (words[0] === 'else') branchElse(stack);
        words = words.slice(1);
      }
      const first = words[0];
      if (first === undefined || CLOSING_WORDS.has(first)) {
        if (first === 'fi') stack.pop();
        continue;
      }
      if (first === 'if' || first === 'elif') {
        const decided = skipping() && first === 'if' ? undefined : condition(words.slice(1), r.unresolved);
        if (first === 'if') stack.push(openIf(decided, skipping()));
        else branchElif(stack, decided);
        continue;
      }
      if (skipping()) continue;
      if (words.every((w) => ASSIGNMENT.test(w))) {
        for (const w of words) {
          assign(env, w, r.unresolved);
          if (allExported) exported.add(w.split('=')[0]!);
        }
        continue;
      }
      if (DECLARE.has(first)) {
        const exporting = first === 'export' || words.includes('-x');
        for (const w of words.slice(1)) {
          if (ASSIGNMENT.test(w)) assign(env, w, r.unresolved);
          if (exporting && !w.startsWith('-')) exported.add(w.split('=')[0]!);
        }
        continue;
      }
      if (first === 'unset') {
        for (const w of words.slice(1)) delete env[w];
        continue;
      }
      if (first === 'set' && words[1] === '--') {
        args = words.slice(2);
        continue;
      }
      if (first === 'set' && words.slice(1).some((w) => /^-[a-z]*a/.test(w))) allExported = true;
      const inherited = Object.fromEntries(Object.entries(env).filter(([k]) => allExported || exported.has(k)));
      out.push({ words, line: lineNo, unresolved: r.unresolved, ...(r.error ? { error: r.error } : {}), env: { ...env }, exported: inherited });
    }
  }
  return out;
}

function openIf(decided: boolean | undefined, inert: boolean): Branch {
  if (inert) return { mode: 'skip', taken: false, allFalse: false, inert: true };
  if (decided === true) return { mode: 'run', taken: true, allFalse: false, inert: false };
  if (decided === false) return { mode: 'skip', taken: false, allFalse: true, inert: false };
  return { mode: 'maybe', taken: false, allFalse: false, inert: false };
}

function branchElif(stack: Branch[], decided: boolean | undefined): void {
  const b = stack.at(-1);
  if (!b || b.inert) return;
  if (b.taken) b.mode = 'skip';
  else if (decided === true) Object.assign(b, { mode: 'run', taken: true });
  else if (decided === false) b.mode = 'skip';
  else Object.assign(b, { mode: 'maybe', allFalse: false });
}

function branchElse(stack: Branch[]): void {
  const b = stack.at(-1);
  if (!b || b.inert) return;
  b.mode = b.taken ? 'skip' : b.allFalse ? 'run' : 'maybe';
}

/** An assignment; a value built from something we cannot know leaves the variable unknown. */
function assign(env: Record<string, string>, word: string, unresolved: readonly string[]): void {
  const [, name, value] = ASSIGNMENT.exec(word)!;
  if (mentions(value!, unresolved)) delete env[name!];
  else env[name!] = value!;
}

/** Whether a text still holds one of the expansions left as written. */
function mentions(text: string, unresolved: readonly string[]): boolean {
  return unresolved.some((u) => (/^[A-Za-z_]/.test(u) ? text.includes(`$${u}`) || text.includes(`\${${u}`) : text.includes(u)));
}

/**
 * The value of an `if` test when every word is known: `[ a = b ]`, `[[ a == b ]]`, `test a != b`,
 * `-z`, `-n`, integer comparisons and `!`. Undefined when it cannot be told (`[ -f /app/x ]`, $(…)).
 */
export function condition(words: string[], unresolved: readonly string[]): boolean | undefined {
  let negate = false;
  let w = words;
  while (w[0] === '!') {
    negate = !negate;
    w = w.slice(1);
  }
  if (w[0] === '[' && w.at(-1) === ']') w = w.slice(1, -1);
  else if (w[0] === '[[' && w.at(-1) === ']]') w = w.slice(1, -1);
  else if (w[0] === 'test') w = w.slice(1);
  else return undefined;
  if (w.some((x) => x.includes('$') || x.includes('`') || mentions(x, unresolved))) return undefined;
  let value: boolean | undefined;
  if (w.length === 1) value = w[0] !== '';
  else if (w.length === 2 && (w[0] === '-z' || w[0] === '-n')) value = w[0] === '-z' ? w[1] === '' : w[1] !== '';
  else if (w.length === 3) value = compare(w[0]!, w[1]!, w[2]!);
  return value === undefined ? undefined : value !== negate;
}

function compare(a: string, op: string, b: string): boolean | undefined {
  if (op === '=' || op === '==') return a === b;
  if (op === '!=') return a !== b;
  const ints = /^-?\d+$/.test(a) && /^-?\d+$/.test(b);
  if (!ints) return undefined;
  const [x, y] = [Number(a), Number(b)];
  const table: Record<string, boolean> = { '-eq': x === y, '-ne': x !== y, '-gt': x > y, '-ge': x >= y, '-lt': x < y, '-le': x <= y };
  return table[op];
}

/** `server)` / `*)` / `a|b)` at the start of a case branch: the pattern is not a command. */
function stripCasePattern(line: string): string {
  return line.replace(/^\s*\(?\s*(?:[^\s()|;]+\s*\|\s*)*[^\s()|;]+\s*\)(?!\s*\{)/, '');
}

/**
 * The script's lines as the shell reads them: a line continued by a backslash, or inside quotes or
 * $( ), goes on; here-document bodies are left out.
 */
export function logicalLines(text: string): { text: string; line: number }[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: { text: string; line: number }[] = [];
  let buf = '';
  let start = 0;
  let state: State = { quote: undefined, depth: 0 };
  let heredoc: { end: string; strip: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (heredoc) {
      if ((heredoc.strip ? raw.replace(/^\t+/, '') : raw) === heredoc.end) heredoc = undefined;
      continue;
    }
    if (buf === '') start = i + 1;
    buf += (buf === '' ? '' : '\n') + raw;
    state = scan(raw, state);
    if (state.quote || state.depth > 0 || state.continued) continue;
    const doc = /<<(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(buf);
    if (doc) heredoc = { end: doc[2]!, strip: doc[1] === '-' };
    out.push({ text: buf, line: start });
    buf = '';
    state = { quote: undefined, depth: 0 };
  }
  if (buf !== '') out.push({ text: buf, line: start });
  return out;
}

interface State {
  quote: "'" | '"' | '`' | undefined;
  /** Open $( … ) groups. */
  depth: number;
  /** The line ends in a backslash. */
  continued?: boolean;
}

/** Carries quoting and $( ) nesting across one physical line. */
function scan(line: string, from: State): State {
  let { quote, depth } = from;
  let continued = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      if (i === line.length - 1) continued = true;
      i++;
      continue;
    }
    if (quote === '"' || quote === '`') {
      if (c === quote) quote = undefined;
      else if (c === '$' && line[i + 1] === '(') {
        depth++;
        i++;
      } else if (c === ')' && depth > 0) depth--;
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|(]/.test(line[i - 1]!))) break;
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '$' && line[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) depth--;
  }
  return { quote, depth, continued };
}
