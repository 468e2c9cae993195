// Finds the gunicorn/uvicorn/waitress invocation in a command (a shell string or an exec-form
// argv) — through `exec`, `env`, `FOO=1` prefixes, `sh -c "…"`, `python -m …`, process
// wrappers (tini, gosu, poetry run …) and `a && b` chains — and parses its arguments the way
// that server does.
import type { Server } from '../core/classes.js';
import { parseGunicornArgs } from './server-args/gunicorn.js';
import { parseFastapiArgs, parseUvicornArgs } from './server-args/uvicorn.js';
import { parseWaitressArgs } from './server-args/waitress.js';
import type { ServerArgs } from './server-args/common.js';
import { shellCommands, shellWords } from './shell-words.js';

export type { ArgError, ServerArgs } from './server-args/common.js';
import type { ArgError } from './server-args/common.js';

export interface ParsedCommand extends ServerArgs {
  server: Server;
  /** How the server was started: "gunicorn", "python -m uvicorn", "fastapi run", "waitress-serve" … */
  program: string;
  /** `NAME=value` assignments in front of the command (`WEB_CONCURRENCY=4 gunicorn …`, `env K=V …`). */
  env: Record<string, string>;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;
/** Python options that take a separate value (`-X dev`, `-W ignore`). */
const PYTHON_VALUE_OPTS = new Set(['-X', '-W', '-Q']);

interface Wrapper {
  /** Required second word (`poetry run`). */
  sub?: string;
  /** Words after the wrapper (and its options) before the command (gosu USER cmd). */
  operands?: number;
  /** Options that take a separate value. */
  valueOpts?: readonly string[];
}

// Programs that run the rest of their arguments as a command.
const WRAPPERS: Record<string, Wrapper> = {
  exec: { valueOpts: ['-a'] },
  sudo: { valueOpts: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U'] },
  command: {},
  nohup: {},
  time: {},
  nice: { valueOpts: ['-n'] },
  setsid: {},
  stdbuf: { valueOpts: ['-i', '-o', '-e'] },
  timeout: { operands: 1, valueOpts: ['-s', '-k', '--signal', '--kill-after'] },
  tini: { valueOpts: ['-p', '-e'] },
  'dumb-init': { valueOpts: ['-r', '--rewrite'] },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  chpst: { valueOpts: ['-u', '-U', '-e', '-n', '-l', '-L'] },
  's6-setuidgid': { operands: 1 },
  'with-contenv': {},
  poetry: { sub: 'run' },
  pipenv: { sub: 'run' },
  pdm: { sub: 'run' },
  hatch: { sub: 'run' },
  rye: { sub: 'run' },
  uv: { sub: 'run', valueOpts: ['--with', '--python', '-p', '--env-file', '--project', '--directory', '--group', '--extra', '--package'] },
  doppler: { sub: 'run', valueOpts: ['--config', '-c', '--project', '-p'] },
  'ddtrace-run': {},
  'opentelemetry-instrument': {},
  'newrelic-admin': { sub: 'run-program' },
  'sentry-cli': {},
};

const basename = (w: string): string => w.slice(w.lastIndexOf('/') + 1);

/**
 * The server invocation in `command`, or null when it starts none. A string is read as a shell
 * command line; with `env`, `$VAR` / `${VAR:-d}` expand from it (unset ones stay as written and the
 * settings using them are marked `unresolved`). An argv array is used as is (exec form).
 */
export function parseCommand(command: string | readonly string[], env?: Record<string, string | undefined>): ParsedCommand | null {
  if (typeof command === 'string') return fromShell(command, env, 0);
  return fromWords([...command], env, [], [], 0);
}

/** GUNICORN_CMD_ARGS: gunicorn splits it with shlex.split (no expansion, no comments); positionals are ignored. */
export function parseGunicornCmdArgs(value: string): ServerArgs {
  const split = shellWords(value, { shlex: true });
  const r = parseGunicornArgs(split.words);
  if (split.error) r.errors.unshift({ code: 'SHELL_SYNTAX', message: split.error });
  delete r.app;
  return r;
}

function fromShell(script: string, env: Record<string, string | undefined> | undefined, depth: number): ParsedCommand | null {
  const r = shellCommands(script, { ...(env ? { env } : {}), comments: true });
  const errors = r.error ? [r.error] : [];
  for (const words of r.commands) {
    const found = fromWords(words, env, r.unresolved, errors, depth);
    if (found) return found;
  }
  return null;
}

function fromWords(
  input: string[],
  env: Record<string, string | undefined> | undefined,
  unresolved: readonly string[],
  lexErrors: string[],
  depth: number,
): ParsedCommand | null {
  let words = input;
  const assigned: Record<string, string> = {};
  for (let guard = 0; guard < 20 && words.length > 0; guard++) {
    while (words.length > 0 && ASSIGNMENT.test(words[0]!)) {
      const [, k, v] = ASSIGNMENT.exec(words[0]!)!;
      assigned[k!] = v!;
      words = words.slice(1);
    }
    if (words.length === 0) return null;
    const prog = basename(words[0]!);
    if (prog === 'env') {
      words = skipOptions(words.slice(1), ['-u', '--unset', '-C', '--chdir', '-S']);
      continue;
    }
    if (SHELLS.has(prog)) {
      const script = shellScript(words.slice(1));
      if (script === undefined || depth >= 4) return null;
      const inner = fromShell(script, env, depth + 1);
      return inner && { ...inner, env: { ...assigned, ...inner.env } };
    }
    const wrapper = WRAPPERS[prog];
    if (wrapper) {
      let rest = words.slice(1);
      if (wrapper.sub !== undefined) {
        if (rest[0] !== wrapper.sub) return null;
        rest = rest.slice(1);
      }
      rest = skipOptions(rest, wrapper.valueOpts ?? []).slice(wrapper.operands ?? 0);
      words = rest;
      continue;
    }
    const found = server(words);
    if (!found) return null;
    const parsed = found.parse(found.args, unresolved);
    return { server: found.server, program: found.program, env: assigned, ...parsed, errors: [...lexErrors.map((message): ArgError => ({ code: 'SHELL_SYNTAX', message })), ...parsed.errors] };
  }
  return null;
}

/** Drops leading options (and their values) up to the command; `--` ends them. */
function skipOptions(words: string[], valueOpts: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-') && words[i] !== '-') {
    if (words[i] === '--') return words.slice(i + 1);
    if (valueOpts.includes(words[i]!)) i++;
    i++;
  }
  return words.slice(i);
}

/** The script of `sh -c 'script'` / `bash -lc 'script'`. */
function shellScript(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '--') return undefined;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) return args[i + 1];
    if (a === '-o' || a === '+o') i++;
  }
  return undefined;
}

interface ServerCall {
  server: Server;
  program: string;
  args: string[];
  parse: (argv: readonly string[], unresolved: readonly string[]) => ServerArgs;
}

function server(words: string[]): ServerCall | undefined {
  const prog = basename(words[0]!);
  const args = words.slice(1);
  if (prog === 'gunicorn' || prog === 'gunicorn3') return { server: 'gunicorn', program: 'gunicorn', args, parse: parseGunicornArgs };
  if (prog === 'uvicorn') return { server: 'uvicorn', program: 'uvicorn', args, parse: parseUvicornArgs };
  if (prog === 'waitress-serve') return { server: 'waitress', program: 'waitress-serve', args, parse: parseWaitressArgs };
  if (prog === 'fastapi' && (args[0] === 'run' || args[0] === 'dev')) {
    return { server: 'uvicorn', program: `fastapi ${args[0]}`, args: args.slice(1), parse: parseFastapiArgs };
  }
  if (!PYTHON.test(prog)) return undefined;
  // python [options] -m module args…
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m' || /^-[a-zA-Z]*m$/.test(a) || (a.startsWith('-m') && a.length > 2)) {
      const attached = a.startsWith('-m') && a.length > 2 ? a.slice(2) : undefined;
      const module = attached ?? args[i + 1];
      const rest = args.slice(attached !== undefined ? i + 1 : i + 2);
      if (module === undefined) return undefined;
      const top = module.split('.')[0];
      const program = `python -m ${module}`;
      if (top === 'gunicorn') return { server: 'gunicorn', program, args: rest, parse: parseGunicornArgs };
      if (top === 'uvicorn') return { server: 'uvicorn', program, args: rest, parse: parseUvicornArgs };
      if (top === 'waitress') return { server: 'waitress', program, args: rest, parse: parseWaitressArgs };
      if (top === 'fastapi' && (rest[0] === 'run' || rest[0] === 'dev')) {
        return { server: 'uvicorn', program: `${program} ${rest[0]}`, args: rest.slice(1), parse: parseFastapiArgs };
      }
      return undefined;
    }
    if (!a.startsWith('-')) return undefined;
    if (PYTHON_VALUE_OPTS.has(a)) i++;
  }
  return undefined;
}
