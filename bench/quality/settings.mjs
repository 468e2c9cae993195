// What the quality bench measures and the bars it holds tune to: paths, the shape given to tune,
// the worker classes and their apps, the targets' thresholds, and the run's time limits.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const ROOT = path.dirname(BENCH_DIR);
export const APPS_DIR = path.join(BENCH_DIR, 'apps');
export const MEMORY_JSON = path.join(BENCH_DIR, 'results', 'memory.json');
export const PY = '/usr/bin/python3';
export const GUNICORN = '/usr/bin/gunicorn';
export const WAITRESS = '/usr/bin/waitress-serve';
export const UVW = 'uvicorn.workers.UvicornWorker';
export const COMMAND = 'npm run bench:quality   (= npm run build && node bench/quality.mjs)';

export const GiB = 1024 ** 3;
export const BUDGET = '2g';
export const BUDGET_BYTES = 2 * GiB;
export const IO_LATENCY_MS = 50; // bench/apps: /io sleeps 50 ms
export const CLASSES = ['sync', 'gthread', 'gevent', 'waitress', 'uvicorn', 'uvicorn-worker'];
export const FRAMEWORK = { sync: 'wsgi', gthread: 'wsgi', gevent: 'wsgi', waitress: 'wsgi', uvicorn: 'asgi', 'uvicorn-worker': 'asgi' };
export const APP = { wsgi: 'flask_app:app', asgi: 'fastapi_app:app' };
export const FRAMEWORK_NAME = { wsgi: 'Flask (WSGI)', asgi: 'FastAPI (ASGI)' };
// Target (a): the classes whose IO recommendation must reach 0.85 of Little's law.
export const IO_TARGET_CLASSES = ['gthread', 'gevent', 'uvicorn', 'uvicorn-worker'];
export const LITTLE_TARGET = 0.85;
export const NOISE_RATIO = 0.9; // (b): a per-rep ratio range that includes 1, or lies at or above 0.9, is noise
export const P99_NOISE = 1.1; // (b): p99 ratio range that includes 1, or lies at or below 1.1
export const PREDICTION_TOLERANCE = 0.15; // (d)
export const IMBALANCE_SHARE = 0.75; // one worker doing > 75 % of the workers' CPU
export const STALL_MS = 10; // c=1 p50 on / above this is a per-request stall (e.g. uvicorn's TCP_NODELAY bug)
// Other processes on the machine (builds, tests of other sessions) steal the 2 cores from CPU-bound
// runs. Before a run: wait (up to QUIET_WAIT_MS) for a QUIET_WINDOW_MS window in which everything but
// the server and this driver used < QUIET_SHARE of one core. During a run: CPU used by anything but
// the server, wrk and this driver above OTHER_SHARE × run seconds marks the run contaminated, and it
// is run again once.
export const QUIET_WINDOW_MS = 500;
export const QUIET_SHARE = 0.15;
export const QUIET_WAIT_MS = 10000;
// io runs need a fraction of the CPU, so they tolerate more before their figures move.
export const OTHER_SHARE = { cpu: 0.1, io: 0.25 };

export const LIMIT_S = 25 * 60; // plan to stay under this
export const SOFT_DEADLINE_S = 27.5 * 60; // start no run after this
export const HARD_DEADLINE_S = 29.5 * 60; // stop everything
