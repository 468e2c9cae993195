// Finds the gunicorn/uvicorn/waitress invocation in a command (a shell string or an exec-form
// argv) — through `exec`, `env`, `FOO=1` prefixes, `sh -c "…"`, `python -m …`, process
// wrappers (tini, gosu, poetry run …), `a && b` chains and the start scripts a command runs
// (read as text: script.ts) — and parses its arguments the way that server does.
import type { Server } from '../core/classes.js';
import { parseGunicornArgs } from './server-args/gunicorn.js';
import type { ArgError, ServerArgs } from './server-args/common.js';
import { airflowWebserver, basename, NOT_WRAPPERS, serverCall, SHELLS, WRAPPERS, type ServerVersions } from './programs.js';
import { scriptCommands } from './script.js';
import { shellCommands, shellWords } from './shell-words.js';

export type { ArgError, ServerArgs } from './server-args/common.js';

export interface ParsedCommand extends ServerArgs {
  server: Server;
  /** How the server was started: "gunicorn", "python -m uvicorn", "fastapi run", "waitress-serve" … */
  program: string;
  /** `NAME=value` assignments in front of the command (`WEB_CONCURRENCY=4 gunicorn …`, `env K=V …`) and a script's exported variables. */
  env: Record<string, string>;
  /** The start script the server line is in (innermost), and its line. */
  script?: { file: string; line: number };
  /** An unknown program in front of the server (`bin/start-twemproxy gunicorn …`), taken to run it. */
  wrapper?: string;
}

export interface CommandContext {
  /** A script the command runs (entrypoint.sh, bin/start), read on request; undefined when it cannot be read. */
  script?: (path: string) => { path: string; text: string } | undefined;
  versions?: ServerVersions;
  /** Texts in an exec-form argv left unexpanded by the platform (Kubernetes `$(VAR)` whose variable may be set elsewhere). */
  unresolved?: readonly string[];
  /** Called with each script path a command runs that cannot be read. */
  missing?: (path: string) => void;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const MAX_DEPTH = 4;

/**
 * Every server invocation `command` starts, in order. A string is read as a shell command line; with
 * `env`, `$VAR` / `${VAR:-d}` expand from it (unset ones stay as written and the settings using them
 * are marked `unresolved`). An argv array is used as is (exec form). A script it runs is read when
 * `ctx.script` can find it; a script may start several (one per branch that cannot be decided).
 */
export function parseCommands(command: string | readonly string[], env?: Record<string, string | undefined>, ctx: CommandContext = {}): ParsedCommand[] {
  const walk = new Walk(ctx);
  return typeof command === 'string' ? walk.shell(command, env, 0) : walk.words([...command], env, ctx.unresolved ?? [], [], 0);
}

/** The first server invocation in `command`, or null when it starts none. */
export function parseCommand(command: string | readonly string[], env?: Record<string, string | undefined>, ctx: CommandContext = {}): ParsedCommand | null {
  return parseCommands(command, env, ctx)[0] ?? null;
}

/** GUNICORN_CMD_ARGS: gunicorn splits it with shlex.split (no expansion, no comments); positionals are ignored. */
export function parseGunicornCmdArgs(value: string, version?: string): ServerArgs {
  const split = shellWords(value, { shlex: true });
  const r = parseGunicornArgs(split.words, [], version);
  if (split.error) r.errors.unshift({ code: 'SHELL_SYNTAX', message: split.error });
  delete r.app;
  return r;
}

class Walk {
  constructor(private readonly ctx: CommandContext) {}

  shell(script: string, env: Record<string, string | undefined> | undefined, depth: number): ParsedCommand[] {
    const r = shellCommands(script, { ...(env ? { env } : {}), comments: true });
    const errors = r.error ? [r.error] : [];
    for (const words of r.commands) {
      const found = this.words(words, env, r.unresolved, errors, depth);
      if (found.length > 0) return found;
    }
    return [];
  }

  words(input: string[], env: Record<string, string | undefined> | undefined, unresolved: readonly string[], lexErrors: string[], depth: number): ParsedCommand[] {
    let words = input;
    const assigned: Record<string, string> = {};
    const withEnv = (found: ParsedCommand[]) => found.map((p) => ({ ...p, env: { ...assigned, ...p.env } }));
    for (let guard = 0; guard < 20 && words.length > 0; guard++) {
      while (words.length > 0 && ASSIGNMENT.test(words[0]!)) {
        const [, k, v] = ASSIGNMENT.exec(words[0]!)!;
        assigned[k!] = v!;
        words = words.slice(1);
      }
      if (words.length === 0) return [];
      const prog = basename(words[0]!);
      if (prog === 'env') {
        words = skipOptions(words.slice(1), ['-u', '--unset', '-C', '--chdir', '-S']);
        continue;
      }
      if (SHELLS.has(prog)) {
        const script = shellScript(words.slice(1));
        if (depth >= MAX_DEPTH) return [];
        if (script !== undefined) return withEnv(this.shell(script, { ...env, ...assigned }, depth + 1));
        // `sh /start.sh args`: the shell runs a script file.
        const file = words.slice(1).findIndex((w) => !w.startsWith('-'));
        return file < 0 ? [] : withEnv(this.script(words.slice(file + 1), { ...env, ...assigned }, depth));
      }
      const wrapper = WRAPPERS[prog];
      if (wrapper) {
        let rest = words.slice(1);
        if (wrapper.sub !== undefined) {
          if (rest[0] !== wrapper.sub) return [];
          rest = rest.slice(1);
        }
        words = skipOptions(rest, wrapper.valueOpts ?? []).slice(wrapper.operands ?? 0);
        continue;
      }
      if (prog === 'airflow' && words[1] === 'webserver') {
        const found = this.words(airflowWebserver(words.slice(2), { ...env, ...assigned }), env, unresolved, lexErrors, depth);
        return withEnv(found.map((p) => ({ ...p, program: 'airflow webserver' })));
      }
      const found = serverCall(words, this.ctx.versions);
      if (found) {
        const parsed = found.parse(found.args, unresolved);
        const errors = [...lexErrors.map((message): ArgError => ({ code: 'SHELL_SYNTAX', message })), ...parsed.errors];
        return [{ server: found.server, program: found.program, env: assigned, ...parsed, errors }];
      }
      if (depth < MAX_DEPTH) {
        const viaScript = this.script(words, { ...env, ...assigned }, depth);
        if (viaScript.length > 0) return withEnv(viaScript);
      }
      // `bin/start-twemproxy gunicorn …`: a program we do not know in front of a server runs it.
      if (words.length > 1 && !NOT_WRAPPERS.has(prog) && !this.readable(words[0]!) && serverCall(words.slice(1), this.ctx.versions)) {
        return this.words(words.slice(1), env, unresolved, lexErrors, depth).map((p) => ({ ...p, wrapper: words[0]!, env: { ...assigned, ...p.env } }));
      }
      return [];
    }
    return [];
  }

  private readable(path: string): boolean {
    return this.ctx.script?.(path) !== undefined;
  }

  /** `words[0]` is a script we can read: the servers it starts, with the rest of the words as its arguments. */
  private script(words: string[], env: Record<string, string | undefined>, depth: number): ParsedCommand[] {
    const file = words[0] === undefined ? undefined : this.ctx.script?.(words[0]);
    if (!file) {
      // A start script (`/start.sh`, `bin/docker-entrypoint`), not a program with an extension of its own.
      const w = words[0];
      if (w !== undefined && (w.endsWith('.sh') || (w.includes('/') && !/\.\w+$/.test(w) && !/^\/(usr|bin|sbin|opt)\//.test(w))) && !w.includes('$')) this.ctx.missing?.(w);
      return [];
    }
    const known = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const out: ParsedCommand[] = [];
    for (const c of scriptCommands(file.text, { env: known, args: words.slice(1) })) {
      const found = this.words(c.words, c.env, c.unresolved, c.error ? [c.error] : [], depth + 1);
      // What the script exported reaches the server (unexported variables do not).
      const exported = Object.fromEntries(Object.entries(c.exported).filter(([k]) => known[k] !== c.exported[k]));
      for (const p of found) out.push({ ...p, env: { ...exported, ...p.env }, script: p.script ?? { file: file.path, line: c.line } });
    }
    return out;
  }
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
