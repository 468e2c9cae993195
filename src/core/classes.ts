// The servers and worker classes worker-tune knows, and what each one is made of.

export const WORKER_CLASSES = ['sync', 'gthread', 'gevent', 'uvicorn', 'uvicorn-worker', 'asgi', 'waitress'] as const;
export type WorkerClass = (typeof WORKER_CLASSES)[number];

export const WORKLOADS = ['cpu', 'io', 'mixed'] as const;
export type Workload = (typeof WORKLOADS)[number];

export type Server = 'gunicorn' | 'uvicorn' | 'waitress';

export function serverOf(cls: WorkerClass): Server {
  if (cls === 'uvicorn') return 'uvicorn';
  if (cls === 'waitress') return 'waitress';
  return 'gunicorn';
}

/** How requests share a process: one at a time, OS threads, or cooperative (greenlets / asyncio). */
export type ConcurrencyModel = 'process' | 'threads' | 'cooperative';

export function concurrencyModelOf(cls: WorkerClass): ConcurrencyModel {
  switch (cls) {
    case 'sync':
      return 'process';
    case 'gthread':
    case 'waitress':
      return 'threads';
    default:
      return 'cooperative';
  }
}

// gunicorn's worker_class value for each class. UvicornWorker moved out of uvicorn into the
// `uvicorn-worker` package (uvicorn 0.30.0, encode/uvicorn#2302); Debian's uvicorn 0.17 still ships
// the old path, hence the option to emit it.
export const UVICORN_WORKER_PATH = 'uvicorn_worker.UvicornWorker';
export const LEGACY_UVICORN_WORKER_PATH = 'uvicorn.workers.UvicornWorker';

// gunicorn's own ASGI worker (`-k asgi`, gunicorn/workers/gasgi.py) is in SUPPORTED_WORKERS from 24.0.0.
export const ASGI_WORKER_SINCE = '24.0.0';
// From gunicorn 24.0.0 its gevent worker refuses to load under gevent older than 24.10.1 (gunicorn/workers/ggevent.py).
export const GEVENT_MIN_FOR_GUNICORN = { since: '24.0.0', gevent: '24.10.1' } as const;
// uvicorn's gunicorn worker lives in the uvicorn-worker package from uvicorn 0.30.0 (encode/uvicorn#2302).
export const UVICORN_WORKER_MOVED = '0.30.0';

export function gunicornWorkerClass(cls: WorkerClass, legacyUvicornWorker = false): string {
  if (cls === 'uvicorn-worker') return legacyUvicornWorker ? LEGACY_UVICORN_WORKER_PATH : UVICORN_WORKER_PATH;
  return cls;
}
