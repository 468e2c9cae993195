// Chooses the shape — workers, threads, slots per worker — from the concurrency the workload needs,
// then caps it by the memory budget and the database connection budget.
import { concurrencyModelOf, type WorkerClass } from './classes.js';
import {
  CPU_FRACTION,
  GUNICORN_DEFAULTS,
  MAX_QUEUE_WAIT_FRACTION,
  MAX_THREADS_PER_WORKER,
  MAX_WAITRESS_THREADS,
  MAX_WORKERS_PER_CORE,
  WORKER_IMBALANCE,
  WAITRESS_DEFAULTS,
} from './coefficients.js';
import { memoryOf, requestTimes, saturatingConcurrency } from './evaluate.js';
import type { Input } from './input.js';
import { serversForRate } from './queueing.js';
import { reason as reasonOf, type ReasonArgs, type ReasonCode } from './findings.js';
import type { Finding, Reason, Shape } from './types.js';

// At least two workers, so a crash or a max_requests recycle never leaves the server with none;
// tiangolo's image applies the same floor (max(cores × workers_per_core, 2)).
export const MIN_WORKERS = 2;

export interface Plan {
  shape: Shape;
  target: number;
  reasons: Record<string, Reason[]>;
  findings: Finding[];
}

/** Requests that should be able to run at once, and why. */
function concurrencyTarget(input: Input): { target: number; reason: Reason } {
  const { serviceS } = requestTimes(input);
  // Goetz: N = cores × (1 + wait/compute). A single-process server has one core's worth of Python.
  const cores = input.workerClass === 'waitress' ? Math.min(1, input.cpus) : input.cpus;
  const fraction = CPU_FRACTION[input.workload];
  const saturating = saturatingConcurrency(cores, input.workload);
  // A rate sizes the slots by queueing (Little's law and Erlang C); --users then only counts the
  // connections its clients hold. Users alone are requests in flight at once.
  let stated: { target: number; reason: Reason } | undefined;
  if (input.rps !== undefined) {
    const target = serversForRate(input.rps, serviceS, serviceS * MAX_QUEUE_WAIT_FRACTION);
    stated = { target, reason: { code: 'TARGET_RPS', args: { rps: input.rps, latencyMs: input.latencyMs, inFlight: round1(input.rps * serviceS), target, ...(input.users !== undefined ? { users: input.users } : {}) } } };
  } else if (input.users !== undefined) stated = { target: input.users, reason: { code: 'TARGET_USERS', args: { users: input.users } } };
  // CPU-bound work: the cores are the bottleneck, so slots beyond what keeps them busy only add
  // contention (bench:quality: 2×32 threads at 0.78× of gthread 3×3, 64 sync workers at 0.52×); the
  // rest of the load waits its turn in the accept queue.
  if (stated && input.workload === 'cpu' && stated.target > saturating)
    return { target: saturating, reason: { code: 'TARGET_CPU_BOUND', args: { stated: stated.target, cpus: cores, target: saturating } } };
  if (stated) return stated;
  return { target: saturating, reason: { code: 'TARGET_WORKLOAD', args: { cpus: cores, workload: input.workload, cpuFraction: fraction, target: saturating } } };
}

export function plan(input: Input): Plan {
  const { target, reason } = concurrencyTarget(input);
  const reasons: Record<string, Reason[]> = { _model: [reason] };
  const findings: Finding[] = [];
  const add = <C extends ReasonCode>(key: string, code: C, args: ReasonArgs[C]) => (reasons[key] ??= []).push(reasonOf(code, args));
  const cls = input.workerClass;
  const preload = input.preload ?? defaultPreload(cls);
  const cores = Math.max(1, Math.ceil(input.cpus - 1e-9));

  let shape: Shape;
  if (cls === 'waitress') {
    let threads = Math.max(WAITRESS_DEFAULTS.threads, target);
    if (threads > MAX_WAITRESS_THREADS) {
      findings.push({ code: 'WAITRESS_THREADS_CAPPED', severity: 'warning', args: { wanted: threads, max: MAX_WAITRESS_THREADS }, setting: 'threads' });
      threads = MAX_WAITRESS_THREADS;
    }
    add('threads', 'WAITRESS_THREADS', { target, threads, floor: WAITRESS_DEFAULTS.threads });
    shape = { workerClass: cls, workers: 1, threads, slotsPerWorker: threads, preload: false, hasMaster: false };
  } else {
    const wanted = wantedWorkers(cls, cores, target);
    add('workers', wanted.code, { cpus: input.cpus, cores, target, workers: wanted.workers, minimum: MIN_WORKERS, perCore: MAX_WORKERS_PER_CORE });
    shape = shapeFor(cls, wanted.workers, target, preload);
    if (cls === 'gthread' && (shape.threads as number) * shape.workers < target) {
      findings.push({ code: 'THREADS_CAPPED', severity: 'warning', args: { target, max: MAX_THREADS_PER_WORKER, workers: shape.workers }, setting: 'threads' });
    }
    shape = capByMemory(shape, input, target, reasons, findings);
  }
  shape = capByDatabase(shape, input, reasons, findings);
  return { shape, target, reasons, findings };
}

function defaultPreload(cls: WorkerClass): boolean {
  // gevent patches the stdlib in each worker after the master has imported the app, so preloaded
  // imports stay unpatched (gunicorn workers/ggevent.py init_process; gunicorn#2177, #2693).
  return cls === 'sync' || cls === 'gthread' || cls === 'uvicorn-worker' || cls === 'asgi';
}

function wantedWorkers(cls: WorkerClass, cores: number, target: number): { workers: number; code: 'WORKERS_SLOTS' | 'WORKERS_SLOTS_CAPPED' | 'WORKERS_FOR_THREADS' | 'WORKERS_PER_CORE' } {
  const most = Math.max(MIN_WORKERS, MAX_WORKERS_PER_CORE * cores);
  if (concurrencyModelOf(cls) === 'process') {
    const workers = Math.max(MIN_WORKERS, cores, Math.min(target, most));
    return { workers, code: target > most ? 'WORKERS_SLOTS_CAPPED' : 'WORKERS_SLOTS' };
  }
  // Threads and event loops multiply slots inside a process; processes are for cores (the GIL).
  const workers = Math.max(MIN_WORKERS, cores);
  // A worker's threads must also absorb the keep-alive skew; when that passes the per-worker cap,
  // add workers rather than lose the headroom.
  const needed = Math.ceil((target * WORKER_IMBALANCE) / MAX_THREADS_PER_WORKER - 1e-9);
  if (cls === 'gthread' && needed > workers) return { workers: Math.min(most, needed), code: 'WORKERS_FOR_THREADS' };
  return { workers, code: 'WORKERS_PER_CORE' };
}

/** The shape for a worker count: gthread spreads the target over the workers' threads. */
function shapeFor(cls: WorkerClass, workers: number, target: number, preload: boolean): Shape {
  // uvicorn runs in-process with one worker; its supervisor exists only with --workers > 1.
  const base = { workerClass: cls, workers, preload, hasMaster: cls !== 'uvicorn' || workers > 1 };
  switch (cls) {
    case 'sync':
      return { ...base, threads: 1, slotsPerWorker: 1 };
    case 'gthread': {
      // One worker's share of the slots, plus the skew keep-alive connections give it.
      const share = workers > 1 ? (target / workers) * WORKER_IMBALANCE : target;
      const threads = clamp(Math.ceil(Math.min(target, share) - 1e-9), 1, MAX_THREADS_PER_WORKER);
      return { ...base, threads, slotsPerWorker: threads };
    }
    case 'gevent':
      // gunicorn's default 1000 unless the target needs more; connections are cheap (18 KiB each)
      // and keep-alive pinning can put most of them on one worker (measurements.md §5).
      return { ...base, threads: 1, slotsPerWorker: Math.max(GUNICORN_DEFAULTS.worker_connections, target) };
    default:
      return { ...base, preload: cls === 'uvicorn' ? false : preload, threads: 1, slotsPerWorker: null };
  }
}

function capByMemory(shape: Shape, input: Input, target: number, reasons: Plan['reasons'], findings: Finding[]): Shape {
  const fits = (x: Shape) => memoryOf(x, input).fits;
  if (fits(shape)) return shape;
  const wanted = shape.workers;
  // Workers are capped at their leanest (one slot each), so the cap never depends on the slots the
  // load asks for: more memory never gives fewer workers, more CPUs never fewer for CPU-bound work.
  const lean: Shape = { ...shape, threads: 1, slotsPerWorker: shape.slotsPerWorker === null ? null : 1 };
  const most = memoryOf(lean, input).maxWorkers;
  // Not even one fits: keep one to show what it would cost; assess reports NOT_EVEN_ONE_WORKER.
  if (most < 1) {
    (reasons.workers ??= []).push({ code: 'WORKERS_MEMORY_CAPPED', args: { wanted, workers: 0 } });
    return shapeFor(shape.workerClass, 1, target, shape.preload);
  }
  let workers = Math.min(wanted, most);
  let current = shapeFor(shape.workerClass, workers, target, shape.preload);
  // Then the slots (threads, worker_connections) shrink to what the rest of the budget holds.
  if (!fits(current) && current.slotsPerWorker !== null && current.slotsPerWorker > 1) {
    let lo = 1;
    let hi = current.slotsPerWorker;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(withSlots(current, mid))) lo = mid;
      else hi = mid - 1;
    }
    current = withSlots(current, lo);
  }
  // Unbounded event loops carry their connections' memory wherever they go: drop workers if needed.
  while (!fits(current) && workers > 1) current = shapeFor(shape.workerClass, --workers, target, shape.preload);
  if (current.workers < wanted) {
    (reasons.workers ??= []).push({ code: 'WORKERS_MEMORY_CAPPED', args: { wanted, workers: current.workers } });
    findings.push({ code: 'MEMORY_CAPPED', severity: 'warning', args: { wanted, workers: current.workers }, setting: 'workers' });
  }
  return current;
}

function withSlots(shape: Shape, slots: number): Shape {
  return shape.workerClass === 'gthread' ? { ...shape, threads: slots, slotsPerWorker: slots } : { ...shape, slotsPerWorker: slots };
}

function capByDatabase(shape: Shape, input: Input, reasons: Plan['reasons'], findings: Finding[]): Shape {
  const db = input.dbMaxConnections;
  if (db === undefined) return shape;
  const cls = shape.workerClass;
  const before = shape.slotsPerWorker === null ? null : shape.workers * shape.slotsPerWorker;
  let next = shape;
  if (cls === 'uvicorn') {
    // Bound the event loop with limit_concurrency; a limit of N admits N−1 other requests (uvicorn
    // docs/server-behavior.md), hence per-worker slots = limit − 1.
    const workers = Math.min(shape.workers, db);
    next = { ...shape, workers, hasMaster: workers > 1, slotsPerWorker: Math.floor(db / workers) };
  } else if (shape.slotsPerWorker === null) {
    // UvicornWorker: gunicorn cannot bound its requests, but each worker's pool needs one connection.
    if (shape.workers > db) next = { ...shape, workers: db };
  } else if (before !== null && before > db) {
    if (cls === 'sync' || cls === 'waitress') {
      next = cls === 'sync' ? { ...shape, workers: db } : { ...shape, threads: db, slotsPerWorker: db };
    } else {
      const workers = Math.min(shape.workers, db);
      const per = Math.max(1, Math.floor(db / workers));
      next = cls === 'gthread' ? { ...shape, workers, threads: per, slotsPerWorker: per } : { ...shape, workers, slotsPerWorker: per };
    }
  }
  const after = next.slotsPerWorker === null ? null : next.workers * next.slotsPerWorker;
  if (before !== null && after !== null && after < before) {
    const key = cls === 'sync' ? 'workers' : cls === 'gevent' ? 'worker_connections' : 'threads';
    (reasons[key] ??= []).push({ code: 'DB_CAPPED', args: { db, before, after } });
    findings.push({ code: 'DB_CAPPED', severity: 'warning', args: { db, before, after }, setting: key });
  }
  if (next.workers !== shape.workers) (reasons.workers ??= []).push({ code: 'WORKERS_DB_CAPPED', args: { db, workers: next.workers } });
  return next;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
