// The server command lines calibrate runs, and the environment they run with. Pure: unit-tested.
import type { WorkerClass } from '../core/classes.js';

export interface ServerSpec {
  workerClass: WorkerClass;
  app: string;
  workers: number;
  port: number;
  preload: boolean;
  /** gunicorn's worker class for uvicorn-worker (uvicorn_worker.UvicornWorker or Debian's uvicorn.workers one). */
  uvicornWorkerPath?: string;
  /** gunicorn config file: always given, so a ./gunicorn.conf.py in the app folder is not loaded behind our back. */
  gunicornConfig?: string;
}

/** Listen on loopback only: the measurement must never expose the app. */
export const HOST = '127.0.0.1';

/** Arguments after `python`. */
export function serverArgs(s: ServerSpec): string[] {
  const factory = s.app.endsWith('()');
  const bare = factory ? s.app.slice(0, -2) : s.app;
  switch (s.workerClass) {
    case 'uvicorn':
      // --workers 1 runs in one process (no supervisor), as the model assumes for one worker.
      return ['-m', 'uvicorn', '--workers', String(s.workers), '--host', HOST, '--port', String(s.port), bare, '--no-access-log', ...(factory ? ['--factory'] : [])];
    case 'waitress':
      // One process with waitress's default 4 threads; waitress writes no access log.
      return ['-m', 'waitress', `--listen=${HOST}:${s.port}`, ...(factory ? ['--call'] : []), bare];
    default: {
      const k = s.workerClass === 'uvicorn-worker' ? (s.uvicornWorkerPath ?? 'uvicorn.workers.UvicornWorker') : s.workerClass;
      const args = ['-m', 'gunicorn', '-w', String(s.workers), '-k', k];
      // One thread: the model adds its per-thread cost on top of the worker figure measured here.
      if (s.workerClass === 'gthread') args.push('--threads', '1');
      args.push('-b', `${HOST}:${s.port}`);
      if (s.gunicornConfig) args.push('-c', s.gunicornConfig);
      if (s.preload) args.push('--preload');
      // gunicorn takes `module:factory()` as it is (20.1+).
      args.push(s.app);
      return args;
    }
  }
}

/**
 * The gunicorn config calibrate passes: under preload, gc.freeze() once the app is imported, as the
 * gunicorn.conf.py tune writes does — without it the workers' first collections un-share the pages.
 */
export const GUNICORN_CONFIG = `# written by tune calibrate; deleted when it ends
import gc


def when_ready(server):
    if server.cfg.preload_app:
        gc.freeze()
`;

// Variables that would change the server's configuration behind the flags calibrate passes.
const CONFIG_VARS = /^(GUNICORN_CMD_ARGS|WEB_CONCURRENCY|PORT|UVICORN_.*)$/;

/** The caller's environment minus the servers' configuration variables. */
export function serverEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !CONFIG_VARS.test(k)) out[k] = v;
  return out;
}

/** Whether the server runs workers beside a master (and so whether there is a master figure). */
export function isMultiProcess(cls: WorkerClass, workers: number): boolean {
  if (cls === 'waitress') return false;
  if (cls === 'uvicorn') return workers > 1;
  return true;
}

/** Whether a second boot with preload applies: gunicorn forks, except gevent (patched after fork). */
export function canMeasurePreload(cls: WorkerClass, workers: number): boolean {
  return cls !== 'gevent' && cls !== 'uvicorn' && cls !== 'waitress' && workers >= 2;
}
