// Every coefficient of the model, with where it comes from. "bench/memory" figures are PSS measured by
// `npm run bench:memory` (bench/results/memory.json) on Debian 12's gunicorn 20.1, uvicorn 0.17,
// waitress 2.1 with minimal Flask/FastAPI apps; rerun it to check them.
import type { WorkerClass, Workload } from './classes.js';
import { defaultsOf } from './server-defaults.js';
import { KiB, MiB } from './units.js';

/** Per-class figures of a minimal app: the floor under any real app. */
export interface ClassCoefficients {
  /** PSS of gunicorn's arbiter / uvicorn's supervisor without the app imported; 0 for one-process servers. */
  masterBytes: number;
  /** PSS of one worker of a minimal app under load. */
  minimalWorkerBytes: number;
  perThreadBytes: number;
  perConnectionBytes: number;
  /** Helper processes beside the workers (uvicorn --workers starts multiprocessing's resource_tracker). */
  extraBytes: number;
}

// bench/memory, load rows (sampled under wrk -c64; bench/results/memory.md). Masters: gunicorn's arbiter
// 14.4 (sync) to 21.6 MiB (gevent: the monkey-patched stdlib); uvicorn's spawn supervisor 17.1 MiB plus
// a 6.5 MiB resource_tracker. Threads: 152 KiB of total PSS per busy gthread thread (t=32 vs t=1),
// 37 KiB per pre-started waitress thread (t=16 vs t=4; within noise). Connections: 19.4 KiB (gevent),
// 16.3 KiB (asyncio), from c=512 vs c=64.
export const CLASS_COEFFICIENTS: Record<WorkerClass, ClassCoefficients> = {
  sync: { masterBytes: 14.4 * MiB, minimalWorkerBytes: 20.4 * MiB, perThreadBytes: 0, perConnectionBytes: 0, extraBytes: 0 },
  gthread: { masterBytes: 16.1 * MiB, minimalWorkerBytes: 22.3 * MiB, perThreadBytes: 152 * KiB, perConnectionBytes: 0, extraBytes: 0 },
  gevent: { masterBytes: 21.6 * MiB, minimalWorkerBytes: 28.9 * MiB, perThreadBytes: 0, perConnectionBytes: 19.4 * KiB, extraBytes: 0 },
  'uvicorn-worker': { masterBytes: 20.5 * MiB, minimalWorkerBytes: 27.4 * MiB, perThreadBytes: 0, perConnectionBytes: 16.3 * KiB, extraBytes: 0 },
  // gunicorn's own asyncio worker: not measured yet, so UvicornWorker's figures stand in (said in the output).
  asgi: { masterBytes: 20.5 * MiB, minimalWorkerBytes: 27.4 * MiB, perThreadBytes: 0, perConnectionBytes: 16.3 * KiB, extraBytes: 0 },
  uvicorn: { masterBytes: 17.1 * MiB, minimalWorkerBytes: 26.0 * MiB, perThreadBytes: 0, perConnectionBytes: 16.3 * KiB, extraBytes: 6.5 * MiB },
  waitress: { masterBytes: 0, minimalWorkerBytes: 27.9 * MiB, perThreadBytes: 37 * KiB, perConnectionBytes: 0, extraBytes: 0 },
};

// Per-worker PSS assumed for a real app when neither --worker-mem nor --profile says otherwise.
// Heroku sizes WEB_CONCURRENCY at 256 MB per process "to ensure each process has at least 256 MB"
// (heroku-buildpack-python vendor/WEB_CONCURRENCY.sh); seed 002 measured ~150 MB for a Django worker.
// The larger figure is the conservative one: an estimate that is too high costs a worker, one that is
// too low costs an OOM kill.
export const DEFAULT_WORKER_BYTES = 256 * MiB;
// What real apps' workers measured (PSS without preload under load): a Django site 39.3–43.3 MiB, a
// FastAPI + pydantic API 33.1–35.3, a Flask + pandas service 91.4–102.8 (npm run bench:real-apps,
// bench/results/real-apps.md): the default over-counts them 2.5× to 7.7×.
export const REAL_APP_WORKER_BYTES = { min: 33.1 * MiB, max: 102.8 * MiB } as const;

// Fraction of a real app's worker memory that preload_app shares with the master. frappe#21474
// measured total PSS falling 31% for 24 workers with preload + gc.freeze(); solving
// total = m + s·W + N(1−s)·W for N = 24 gives s ≈ 0.32. Minimal apps share more (bench/memory:
// Flask sync s = 0.65, FastAPI + gc.freeze 0.60, FastAPI without gc.freeze only 0.04: its first
// collections un-share the pages, hence the when_ready hook) since they are mostly import-time pages.
export const DEFAULT_PRELOAD_SHARE = 0.31;

// Wall time that is CPU work, per workload. Goetz's pool sizing N = cores·(1 + wait/compute) uses the
// same ratio; 9:1 is his IO-bound example (→ 10 threads per core), 1:1 an even mix, 1:9 CPU-bound.
export const CPU_FRACTION: Record<Workload, number> = { cpu: 0.9, io: 0.1, mixed: 0.5 };
// An assumed share is shown with the range a factor of two either way implies: real apps' mixes measured
// 0.17 to 0.45 of their request time as CPU (bench/results/real-apps.md), where the labels say 0.1–0.5.
export const ASSUMED_CPU_SPREAD = 2;

// gthread threads per worker beyond which GIL contention costs more than the threads add:
// measured 2×16 threads at 0.75–0.8× the throughput of 2–5 processes on CPU work, while still at
// 0.95 of Little's-law for IO (reference measurements.md §4). Past this, gevent or asyncio scale better.
export const MAX_THREADS_PER_WORKER = 32;
// gunicorn's help for `workers`: "generally in the 2-4 x $(NUM_CORES) range". Past it a sync worker per
// request only adds processes contending for the cores: bench:quality measured 64 sync workers on 2
// cores at p99 2.3× gthread 3×3's. Load beyond it queues in the backlog, or wants gthread or gevent.
export const MAX_WORKERS_PER_CORE = 4;
// Keep-alive connections do not spread evenly over workers: bench:quality measured the busiest of two
// gthread workers doing 65–69 % of the work (0.69 of Little's law at c=16 with threads = users/workers).
// Threads per worker carry that skew: 0.69 / 0.5 ≈ 1.4.
export const WORKER_IMBALANCE = 1.4;
// Requests do not spread evenly either. The busiest of two workers' mean share of requests over 12 runs
// of 64 keep-alive connections on real apps' mixes, × 2 (npm run bench:real-skew, bench/results/real-skew.md):
// sync 1.05, gthread 1.06, gevent 1.06, uvicorn-worker 1.09; uvicorn --workers 1.31, where in 2 of 12
// runs one worker took every connection. The busiest worker fills its core first: W workers serve as W / skew.
export const REQUEST_SKEW: Record<WorkerClass, number> = { sync: 1.05, gthread: 1.06, gevent: 1.06, 'uvicorn-worker': 1.09, asgi: 1.09, uvicorn: 1.31, waitress: 1 };
// asgi: not measured; gunicorn hands it connections as it does UvicornWorker, whose figure stands in.
// What spread uvicorn's in the same runs: --backlog 16 (busiest mean share 0.545, no run over 0.64), or the
// same app under gunicorn's uvicorn-worker (0.543, none over 0.65).
export const UVICORN_SPREAD = { backlog: 16, backlogSkew: 1.09, uvicornWorkerSkew: 1.09 } as const;
// waitress runs every thread in one process; its measured 16 threads trailed 4 on CPU work and still
// reached 0.92 of Little's law on IO (measurements.md §4). Beyond 64 a multi-process server is the answer.
export const MAX_WAITRESS_THREADS = 64;

// Keep a machine at or below 80 % of the rate it can sustain: past that, M/M/c queueing delay
// (Erlang C) climbs steeply. A policy used for replica counts.
export const TARGET_UTILIZATION = 0.8;
// Slots for a given rate: the fewest with a mean queueing wait under 10 % of the request's own time.
export const MAX_QUEUE_WAIT_FRACTION = 0.1;

// Server defaults, from the settings catalogue (src/servers: gunicorn config.py, uvicorn main.py,
// waitress adjustments.py).
export const GUNICORN_DEFAULTS = defaultsOf('gunicorn', ['worker_connections', 'backlog', 'timeout', 'graceful_timeout', 'keepalive', 'max_requests']);
export const UVICORN_DEFAULTS = defaultsOf('uvicorn', ['backlog', 'timeout_keep_alive']);
// `uvicorn --workers 2` on asyncio + h11 against uvloop + httptools (uvicorn[standard]): 44 ms against
// 0.18 ms per request on one keep-alive connection, 0.54× the rate at 64 connections on a 50 ms endpoint
// (npm run bench:uvicorn-loop, bench/results/uvicorn-loop.md).
export const UVICORN_ASYNCIO_PENALTY = { addedMs: 44, rateRatio: 0.54 } as const;
export const WAITRESS_DEFAULTS = defaultsOf('waitress', ['threads', 'connection_limit', 'channel_timeout', 'cleanup_interval', 'backlog', 'recv_bytes']);

// Keep-alive when clients connect directly: gunicorn's help says "1-5 seconds"; uvicorn's default and
// tiangolo's image use 5. Behind a load balancer it must outlast the balancer's idle timeout, or the
// balancer reuses a connection the server is closing and answers 502 (AWS ALB docs; Heroku's reference
// config sets 95 over the router's 90).
export const DIRECT_KEEPALIVE_S = 5;
export const KEEPALIVE_MARGIN_S = 5;

// gunicorn's Docker guide suggests --max-requests 1000 --max-requests-jitter 100 against slow leaks.
// A recycle costs a fork and the app's import, so keep it to at most one per worker per 10 minutes at
// the sustainable rate (a policy), with the guide's 10 % jitter so workers don't restart together.
export const MAX_REQUESTS_FLOOR = 1000;
export const RECYCLE_INTERVAL_S = 600;
export const MAX_REQUESTS_JITTER_FRACTION = 0.1;

// A kernel accept queue longer than about a second of served traffic only makes clients wait behind
// it; gunicorn's help: "Generally set in the 64-2048 range". Linux caps it at net.core.somaxconn
// (4096 since 5.4).
export const BACKLOG_SECONDS = 1;
export const BACKLOG_MIN = 64;

// A sync worker must not be killed for a slow but legitimate request: allow 10× the typical request
// time, never below gunicorn's default 30 s. For other classes timeout is only a heartbeat.
export const TIMEOUT_LATENCY_FACTOR = 10;

// Leave a third of the platform's SIGTERM→SIGKILL window for the master's own exit, as Heroku's
// reference config does (graceful_timeout 20 under the 30 s dyno shutdown).
export const GRACEFUL_SHARE = 2 / 3;

// CPU per request changes with the threads one process runs (the GIL is handed between them): in the
// real-app runs under the apps' CPU-heavy mixes, measured under load against calibrate's one-thread
// figure, 0.87–1.69× for gthread at 30–32 threads per worker and 1.31–3.37× for waitress at 16–64
// threads (npm run bench:real-apps, bench/results/real-apps.md, "CPU ms/req (load)"). Said, not
// modelled: it depends on the app; calibrate measures it at the threads that will run.
export const THREAD_CPU_GROWTH = { threads: 16, low: 0.9, high: 3.4 } as const;

// A profile's thread figures hold near the count they were measured at. Per busy thread, calibrate
// measured 1.71 → 1.16 MiB (Django) and 2.94 → 1.59 MiB (Flask + pandas) from 8 to 32 busy threads per
// gthread worker, 1.66 → 1.29 and 2.69 → 1.43 MiB from 16 to 64 waitress threads (npm run
// bench:real-apps, bench/results/real-apps.md, its calibrations): from 1.5× away, tune says to measure
// at the new count.
export const THREADS_MEASURED_AT = { ratio: 1.5 } as const;

