// Settings → each server's own command-line flags and environment variables. One table per server, so
// the env, compose, k8s and command renderers never translate a name twice.
import type { Recommendation, SettingValue } from '../core/types.js';

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

/** GUNICORN_CMD_ARGS: every setting but workers, which WEB_CONCURRENCY carries. */
export function gunicornCmdArgs(rec: Recommendation): string[] {
  return flags(rec.settings, GUNICORN_FLAGS, ['workers']);
}

export function uvicornArgs(rec: Recommendation): string[] {
  return flags(rec.settings, UVICORN_FLAGS);
}

/** waitress-serve flags: every adjustment as --kebab-case (waitress/runner.py). */
export function waitressArgs(rec: Recommendation): string[] {
  const table = Object.fromEntries(Object.keys(rec.settings).map((k) => [k, `--${k.replace(/_/g, '-')}`]));
  return flags(rec.settings, table);
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
    return Object.entries(s)
      .filter(([k, v]) => UVICORN_FLAGS[k] && v !== null)
      .map(([k, v]) => [`UVICORN_${k.toUpperCase()}`, String(v)]);
  }
  // waitress has no environment of its own: the emitted serve() snippet reads these.
  return Object.entries(s)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => [`WAITRESS_${k.toUpperCase()}`, String(v)]);
}

/** The app reference the way each launcher wants it: a trailing () is a factory. */
export function appRef(app: string): { target: string; factory: boolean } {
  return app.endsWith('()') ? { target: app.slice(0, -2), factory: true } : { target: app, factory: false };
}

/** The server's command line as argv, reading its settings from the environment where it can. */
export function serverCommand(rec: Recommendation, withFlags: boolean): string[] {
  const { target, factory } = appRef(rec.input.app);
  if (rec.server === 'gunicorn') return ['gunicorn', rec.input.app];
  if (rec.server === 'uvicorn') return ['uvicorn', ...(factory ? ['--factory'] : []), target, ...(withFlags ? uvicornArgs(rec) : [])];
  return ['waitress-serve', ...waitressArgs(rec), ...(factory ? ['--call'] : []), target];
}
