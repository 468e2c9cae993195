// The server command lines calibrate runs, and the environment they run with. Pure: unit-tested.
import { LEGACY_UVICORN_WORKER_PATH, type WorkerClass } from '../core/classes.js';
import { GC_FREEZE_HOOK } from '../core/gc-freeze.js';
import { flagWords } from '../servers/command-line.js';

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
  /** Threads per worker for gthread and waitress: 1 unless the boot measures what busy threads cost. */
  threads?: number;
}

/** Listen on loopback only: the measurement must never expose the app. */
export const HOST = '127.0.0.1';

/** Arguments after `python`: the server's own flags (src/servers/command-line.ts), then the app. */
export function serverArgs(s: ServerSpec): string[] {
  const factory = s.app.endsWith('()');
  const bare = factory ? s.app.slice(0, -2) : s.app;
  switch (s.workerClass) {
    case 'uvicorn':
      // --workers 1 runs in one process (no supervisor), as the model assumes for one worker.
      return ['-m', 'uvicorn', ...flagWords('uvicorn', { workers: s.workers, host: HOST, port: s.port, access_log: false, factory }, { falseFlags: true }), bare];
    case 'waitress':
      // One process; one thread unless the boot measures threads (the model adds each thread's cost to
      // the figure measured here). waitress writes no access log.
      return ['-m', 'waitress', ...flagWords('waitress', { listen: `${HOST}:${s.port}`, threads: s.threads ?? 1 }), ...(factory ? ['--call'] : []), bare];
    default: {
      const k = s.workerClass === 'uvicorn-worker' ? (s.uvicornWorkerPath ?? LEGACY_UVICORN_WORKER_PATH) : s.workerClass;
      // One thread unless the boot measures threads: the model adds each thread's cost to the figure measured here.
      const threads = s.workerClass === 'gthread' ? (s.threads ?? 1) : null;
      const settings = { workers: s.workers, worker_class: k, threads, bind: `${HOST}:${s.port}`, config: s.gunicornConfig ?? null, preload_app: s.preload };
      // gunicorn takes `module:factory()` as it is (20.1+).
      return ['-m', 'gunicorn', ...flagWords('gunicorn', settings), s.app];
    }
  }
}

/**
 * The gunicorn config calibrate passes, always, so a ./gunicorn.conf.py in the app folder is not loaded
 * behind its back. Under preload it has the gc.freeze() hook of the gunicorn.conf.py tune writes:
 * without it the workers' first collections un-share the pages.
 */
export function gunicornConfig(preload: boolean): string {
  return ['# written by tune calibrate; deleted when it ends', ...(preload ? ['import gc', '', '', ...GC_FREEZE_HOOK] : []), ''].join('\n');
}

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

/** Whether the class runs a pool of threads per worker, whose busy cost a boot with more threads measures. */
export const hasThreadPool = (cls: WorkerClass): boolean => cls === 'gthread' || cls === 'waitress';

/** Whether each connection is a coroutine or greenlet of its own, whose cost idle against load measures. */
export const holdsConnections = (cls: WorkerClass): boolean => cls === 'gevent' || cls === 'uvicorn' || cls === 'uvicorn-worker' || cls === 'asgi';

/** Whether a second boot with preload applies: gunicorn forks, except gevent (patched after fork). */
export function canMeasurePreload(cls: WorkerClass, workers: number): boolean {
  return cls !== 'gevent' && cls !== 'uvicorn' && cls !== 'waitress' && workers >= 2;
}

/** How a calibration run names the server it started. */
export function serverName(c: { workerClass: WorkerClass; workers: number }): string {
  if (c.workerClass === 'waitress') return 'waitress (one process)';
  if (c.workerClass === 'uvicorn') return c.workers > 1 ? `uvicorn --workers ${c.workers}` : 'uvicorn (one process)';
  return `gunicorn ${c.workerClass}, ${c.workers} worker${c.workers > 1 ? 's' : ''}`;
}

/** multiprocessing's resource_tracker, which uvicorn --workers starts beside its workers: not a worker. */
export const isHelper = (p: { cmdline: string[] }): boolean => p.cmdline.join(' ').includes('resource_tracker');
