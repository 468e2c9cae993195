// Settings → each server's own command-line flags and environment variables. One table per server, so
// the env, compose, k8s and command renderers never translate a name twice.
import { portFromEnv, splitBind } from '../core/settings/common.js';
import type { Recommendation, SettingValue } from '../core/types.js';
import { RenderError } from './types.js';

// gunicorn/config.py `cli` of each setting.
const GUNICORN_FLAGS: Record<string, string> = {
  bind: '--bind',
  worker_class: '--worker-class',
  threads: '--threads',
  worker_connections: '--worker-connections',
  timeout: '--timeout',
  graceful_timeout: '--graceful-timeout',
  keepalive: '--keep-alive',
  max_requests: '--max-requests',
  max_requests_jitter: '--max-requests-jitter',
  backlog: '--backlog',
  preload_app: '--preload',
};

// uvicorn/main.py click options; click reads UVICORN_<NAME> for each (auto_envvar_prefix="UVICORN").
const UVICORN_FLAGS: Record<string, string> = {
  host: '--host',
  port: '--port',
  uds: '--uds',
  workers: '--workers',
  loop: '--loop',
  limit_concurrency: '--limit-concurrency',
  backlog: '--backlog',
  timeout_keep_alive: '--timeout-keep-alive',
};

/** A word of a command line: literal text, or text a shell must expand when the server starts ($PORT). */
export type Word = string | { shell: string };

/** The platform's port at start-up, with the server's usual port when it is not set (a local run). */
const PORT_WORD = '${PORT:-8000}';

/** `--flag=value` pairs; booleans become a bare flag when true; null means "not set". */
function flags(settings: Record<string, SettingValue>, table: Record<string, string>, skip: string[] = []): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const flag = table[key];
    if (!flag || skip.includes(key) || value === null || value === false) continue;
    out.push(value === true ? flag : `${flag}=${value}`);
  }
  return out;
}

/**
 * GUNICORN_CMD_ARGS: every setting but workers, which WEB_CONCURRENCY carries. gunicorn splits it
 * without expanding variables (shlex), so a $PORT bind is left to gunicorn itself: with PORT set and
 * no bind given it listens on 0.0.0.0:$PORT (config.py, Bind's default).
 */
export function gunicornCmdArgs(rec: Recommendation): string[] {
  if (!portFromEnv(rec.input.bind)) return flags(rec.settings, GUNICORN_FLAGS, ['workers']);
  const bind = splitBind(rec.input.bind);
  if ('host' in bind && bind.host !== '0.0.0.0')
    throw new RenderError(`--bind ${rec.input.bind}: gunicorn binds $PORT by itself only on 0.0.0.0, and GUNICORN_CMD_ARGS cannot expand $PORT; use --format gunicorn`);
  return flags(rec.settings, GUNICORN_FLAGS, ['workers', 'bind']);
}

/** uvicorn's flags; a $PORT port is expanded by the shell that starts it (uvicorn does not read PORT). */
export function uvicornArgs(rec: Recommendation): Word[] {
  const env = portFromEnv(rec.input.bind);
  const out: Word[] = flags(rec.settings, UVICORN_FLAGS, env ? ['port'] : []);
  if (env) out.push({ shell: `--port=${PORT_WORD}` });
  return out;
}

/** waitress-serve flags: every adjustment as --kebab-case (waitress/runner.py). */
export function waitressArgs(rec: Recommendation): Word[] {
  const table = Object.fromEntries(Object.keys(rec.settings).map((k) => [k, `--${k.replace(/_/g, '-')}`]));
  const env = portFromEnv(rec.input.bind);
  const out: Word[] = flags(rec.settings, table, env ? ['listen'] : []);
  if (env) out.unshift({ shell: `--listen=${String(rec.settings.listen).replace('$PORT', PORT_WORD)}` });
  return out;
}

/** The environment a stock server reads, as name → value (strings, as environments are). */
export function serverEnv(rec: Recommendation): [string, string][] {
  const s = rec.settings;
  if (rec.server === 'gunicorn') {
    // gunicorn reads WEB_CONCURRENCY as the default of workers, and GUNICORN_CMD_ARGS as extra flags.
    return [
      ['WEB_CONCURRENCY', String(s.workers)],
      ['GUNICORN_CMD_ARGS', gunicornCmdArgs(rec).join(' ')],
    ];
  }
  if (rec.server === 'uvicorn') {
    const env = portFromEnv(rec.input.bind);
    return Object.entries(s)
      .filter(([k, v]) => UVICORN_FLAGS[k] && v !== null && !(env && k === 'port'))
      .map(([k, v]) => [`UVICORN_${k.toUpperCase()}`, String(v)]);
  }
  // waitress has no environment of its own: the emitted serve() snippet reads these (and $PORT itself).
  const env = portFromEnv(rec.input.bind);
  return Object.entries(s)
    .filter(([k, v]) => v !== null && !(env && k === 'listen'))
    .map(([k, v]) => [`WAITRESS_${k.toUpperCase()}`, String(v)]);
}

/** The app reference the way each launcher wants it: a trailing () is a factory. */
export function appRef(app: string): { target: string; factory: boolean } {
  return app.endsWith('()') ? { target: app.slice(0, -2), factory: true } : { target: app, factory: false };
}

/**
 * The server's command line. Without flags, the settings come from the environment (serverEnv), except
 * what a shell must expand at start-up ($PORT for uvicorn), which stays on the command line.
 */
export function serverCommand(rec: Recommendation, withFlags: boolean): Word[] {
  const { target, factory } = appRef(rec.input.app);
  if (rec.server === 'gunicorn') return ['gunicorn', rec.input.app];
  if (rec.server === 'uvicorn') {
    const args = withFlags ? uvicornArgs(rec) : uvicornArgs(rec).filter((w) => typeof w !== 'string');
    return ['uvicorn', ...(factory ? ['--factory'] : []), target, ...args];
  }
  return ['waitress-serve', ...waitressArgs(rec), ...(factory ? ['--call'] : []), target];
}

/** Quotes a word for POSIX sh only when it needs it; a shell word stays open to expansion, in double quotes. */
export function shellWord(word: Word): string {
  if (typeof word !== 'string') return word.shell.replace(/^(--[a-z-]+=)?(.*)$/, (_, flag: string | undefined, rest: string) => `${flag ?? ''}"${rest}"`);
  return /^[A-Za-z0-9_.:\/=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(words: Word[]): string {
  return words.map(shellWord).join(' ');
}

/** Exec form (compose, Kubernetes): plain argv, or `sh -c` when a word needs the shell's expansion. */
export function execForm(words: Word[]): string[] {
  if (words.every((w) => typeof w === 'string')) return words as string[];
  return ['sh', '-c', `exec ${shellLine(words)}`];
}
