// The programs a command line can start: the servers (gunicorn, uvicorn, waitress-serve, `python -m …`,
// `fastapi run`), the shells that run a script string, and the wrappers that run the rest of their
// arguments as a command (tini, gosu, poetry run …).
import type { Server } from '../core/classes.js';
import { parseGunicornArgs } from './server-args/gunicorn.js';
import { parseFastapiArgs, parseUvicornArgs } from './server-args/uvicorn.js';
import { parseWaitressArgs } from './server-args/waitress.js';
import type { ServerArgs } from './server-args/common.js';

export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;
/** Python options that take a separate value (`-X dev`, `-W ignore`). */
const PYTHON_VALUE_OPTS = new Set(['-X', '-W', '-Q']);

export interface Wrapper {
  /** Required second word (`poetry run`). */
  sub?: string;
  /** Words after the wrapper (and its options) before the command (gosu USER cmd). */
  operands?: number;
  /** Options that take a separate value. */
  valueOpts?: readonly string[];
}

// Programs that run the rest of their arguments as a command.
export const WRAPPERS: Record<string, Wrapper> = {
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

/** Programs that print, install or look for a server rather than run it: `echo gunicorn …` starts nothing. */
export const NOT_WRAPPERS = new Set([
  'echo', 'printf', 'pip', 'pip3', 'pipx', 'apt-get', 'apt', 'apk', 'yum', 'dnf', 'which', 'type', 'whereis', 'grep', 'kill',
  'pkill', 'pgrep', 'killall', 'ps', 'cat', 'test', '[', '[[', 'man', 'info', 'help', 'log', 'logger', 'tee', 'wait',
]);

export const basename = (w: string): string => w.slice(w.lastIndexOf('/') + 1);

/** The versions whose options and validators apply (undefined: the newest the catalogue knows). */
export interface ServerVersions {
  gunicorn?: string;
  uvicorn?: string;
  waitress?: string;
}

export interface ServerCall {
  server: Server;
  program: string;
  args: string[];
  parse: (argv: readonly string[], unresolved: readonly string[]) => ServerArgs;
}

/** The server `words` start, with its arguments, or undefined. */
export function serverCall(words: string[], versions: ServerVersions = {}): ServerCall | undefined {
  const prog = basename(words[0]!);
  const args = words.slice(1);
  const gunicorn = (a: readonly string[], u: readonly string[]) => parseGunicornArgs(a, u, versions.gunicorn);
  const uvicorn = (a: readonly string[], u: readonly string[]) => parseUvicornArgs(a, u, versions.uvicorn);
  const waitress = (a: readonly string[], u: readonly string[]) => parseWaitressArgs(a, u, versions.waitress);
  if (prog === 'gunicorn' || prog === 'gunicorn3') return { server: 'gunicorn', program: 'gunicorn', args, parse: gunicorn };
  if (prog === 'uvicorn') return { server: 'uvicorn', program: 'uvicorn', args, parse: uvicorn };
  if (prog === 'waitress-serve') return { server: 'waitress', program: 'waitress-serve', args, parse: waitress };
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
      if (top === 'gunicorn') return { server: 'gunicorn', program, args: rest, parse: gunicorn };
      if (top === 'uvicorn') return { server: 'uvicorn', program, args: rest, parse: uvicorn };
      if (top === 'waitress') return { server: 'waitress', program, args: rest, parse: waitress };
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

/**
 * `airflow webserver [flags]` as the gunicorn command Airflow 2 runs (airflow/cli/commands/
 * webserver_command.py): `python -m gunicorn --workers N --worker-class K --timeout T --bind H:P …
 * airflow.www.app:cached_app() --preload`, from its flags, else AIRFLOW__WEBSERVER__* variables, else
 * the [webserver] defaults of airflow/config_templates/config.yml (workers 4, worker_class sync,
 * web_server_worker_timeout 120, web_server_host 0.0.0.0, web_server_port 8080). Its
 * `--config python:airflow.www.gunicorn_config` only sets hooks, so it is left out.
 */
export function airflowWebserver(args: string[], env: Record<string, string | undefined>): string[] {
  const conf = (key: string, fallback: string) => env[`AIRFLOW__WEBSERVER__${key}`] ?? fallback;
  const flags: Record<string, string> = {};
  const names: Record<string, string> = { '-w': 'workers', '--workers': 'workers', '-k': 'workerclass', '--workerclass': 'workerclass', '-t': 'timeout', '--worker-timeout': 'timeout', '-p': 'port', '--port': 'port', '-H': 'hostname', '--hostname': 'hostname' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.includes('=') ? [args[i]!.slice(0, args[i]!.indexOf('=')), args[i]!.slice(args[i]!.indexOf('=') + 1)] : [args[i]!, undefined];
    const name = names[flag];
    if (!name) continue;
    flags[name] = inline ?? args[++i] ?? '';
  }
  const preload = (env.AIRFLOW__WEBSERVER__RELOAD_ON_PLUGIN_CHANGE ?? 'false').toLowerCase() === 'true' ? [] : ['--preload'];
  return [
    'gunicorn',
    '--workers', flags.workers ?? conf('WORKERS', '4'),
    '--worker-class', flags.workerclass ?? conf('WORKER_CLASS', 'sync'),
    '--timeout', flags.timeout ?? conf('WEB_SERVER_WORKER_TIMEOUT', '120'),
    '--bind', `${flags.hostname ?? conf('WEB_SERVER_HOST', '0.0.0.0')}:${flags.port ?? conf('WEB_SERVER_PORT', '8080')}`,
    '--name', 'airflow-webserver',
    'airflow.www.app:cached_app()',
    ...preload,
  ];
}
