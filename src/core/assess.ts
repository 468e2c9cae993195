// Findings about a configuration in its situation: does it fit the memory, serve the load, suit the
// workload and the machine. Shared by `recommend` and `check`.
import { concurrencyModelOf } from './classes.js';
import { CPU_FRACTION, REAL_APP_WORKER_BYTES, REQUEST_SKEW, TARGET_UTILIZATION, THREAD_CPU_GROWTH, THREADS_MEASURED_AT, UVICORN_SPREAD } from './coefficients.js';
import { workerBytesOf, type EvalContext } from './evaluate.js';
import type { Evaluation, Finding, Shape } from './types.js';

/** The per-worker figure is the default: say so, beside what real apps measured. */
export function defaultWorkerMemFinding(bytes: number): Finding {
  return { code: 'DEFAULT_WORKER_MEM', severity: 'info', args: { bytes, realMin: REAL_APP_WORKER_BYTES.min, realMax: REAL_APP_WORKER_BYTES.max } };
}

export function assess(shape: Shape, ev: Evaluation, ctx: EvalContext): Finding[] {
  const out: Finding[] = [];
  const { memory, capacity, database } = ev;
  const cls = shape.workerClass;

  if (!memory.fits) {
    out.push({
      code: memory.maxWorkers < 1 ? 'NOT_EVEN_ONE_WORKER' : 'DOES_NOT_FIT',
      severity: 'error',
      setting: 'workers',
      args: { estimated: memory.estimatedBytes, usable: memory.usableBytes, budget: memory.budgetBytes, perWorker: memory.perWorkerBytes, workers: shape.workers, maxWorkers: memory.maxWorkers },
    });
  }
  if (memory.perWorkerSource === 'default') out.push(defaultWorkerMemFinding(workerBytesOf(ctx).bytes));

  // The stated load is more than this shape serves comfortably: say which resource binds and with
  // what figures, so the fix follows (more slots, more cores, a measured CPU time, replicas).
  const short = capacity.rps !== undefined ? (capacity.utilization ?? 0) > TARGET_UTILIZATION : (capacity.utilization ?? 0) >= 1;
  if (capacity.offeredRps !== undefined && short) {
    const args: Finding['args'] = {
      limitedBy: capacity.limitedBy,
      offered: capacity.offeredRps,
      sustainable: capacity.sustainableRps,
      utilization: capacity.utilization ?? 0,
      target: TARGET_UTILIZATION,
      slots: capacity.slots ?? -1,
      latencyMs: capacity.latencyMs,
      cpuMs: capacity.cpuMsPerRequest,
      cpuSource: capacity.cpuSource,
      cpuShare: CPU_FRACTION[ctx.workload],
      workload: ctx.workload,
      cores: capacity.cores,
      replicas: capacity.replicas ?? 1,
    };
    if (capacity.users !== undefined) args.users = capacity.users;
    if (capacity.rps !== undefined) args.rps = capacity.rps;
    if (capacity.expectedLatencyMs !== undefined) args.expectedLatencyMs = capacity.expectedLatencyMs;
    out.push({ code: 'CAPACITY_SHORT', severity: 'warning', args });
  }
  if (database && database.total > database.maxConnections) {
    out.push({ code: 'DB_OVER_BUDGET', severity: 'error', args: { total: database.total, max: database.maxConnections, perProcess: database.perProcess } });
  }
  if (database && !database.enforcedByServer) {
    out.push({ code: 'DB_POOL_BY_APP', severity: 'warning', args: { perProcess: database.perProcess, workers: shape.workers, max: database.maxConnections } });
  }

  // Cooperative workers run CPU work on the event loop: nothing preempts it, so every other request on
  // that worker waits. Measured p99 1.2–1.7 s with gevent on a 5 ms CPU handler (measurements.md §4).
  if (ctx.workload === 'cpu' && concurrencyModelOf(cls) === 'cooperative') out.push({ code: 'CPU_ON_EVENT_LOOP', severity: 'warning', args: { workerClass: cls } });
  // One request per sync worker: IO-bound concurrency costs a whole process (and its memory) per slot.
  if (ctx.workload === 'io' && cls === 'sync') out.push({ code: 'SYNC_FOR_IO', severity: 'warning', args: { workers: shape.workers } });
  // One process: the GIL holds waitress to one core (measured 0.45–0.55× of multi-process servers).
  if (cls === 'waitress' && ctx.cpus > 1) out.push({ code: 'WAITRESS_ONE_CORE', severity: 'warning', args: { cpus: ctx.cpus } });
  if (!Number.isInteger(ctx.cpus)) out.push({ code: 'FRACTIONAL_CPUS', severity: 'info', args: { cpus: ctx.cpus, workers: shape.workers } });
  if (shape.slotsPerWorker === null && !database) out.push({ code: 'UNBOUNDED_CONCURRENCY', severity: 'info', args: { workerClass: cls } });
  if (cls === 'gthread' || cls === 'waitress') out.push(...threadFindings(shape.threads, memory.connections.perWorker, ctx));
  // No measurement of gunicorn's asgi worker yet: its figures are UvicornWorker's, and the output says so.
  if (cls === 'asgi') out.push({ code: 'CLASS_UNMEASURED', severity: 'info', args: { workerClass: cls, standIn: 'uvicorn-worker' } });
  // uvicorn --workers hands keep-alive connections out unevenly (measured): say what it costs and what spread it.
  if (cls === 'uvicorn' && shape.workers >= 2)
    out.push({ code: 'UVICORN_SKEW', severity: 'info', args: { workers: shape.workers, skew: REQUEST_SKEW.uvicorn, cores: capacity.cores, ...UVICORN_SPREAD } });
  if (shape.preload) out.push({ code: 'PRELOAD_FORK_SAFETY', severity: 'info', setting: 'preload_app', args: {} });
  return out;
}

/**
 * Threads in one process: a busy thread's memory and the CPU per request depend on how many are busy
 * (malloc arenas shared, turns on the GIL). A profile measured at another count says so; with none
 * measured, the growth of CPU time from 16 threads is said.
 */
function threadFindings(threads: number, connectionsPerWorker: number, ctx: EvalContext): Finding[] {
  const busy = Math.min(threads, Math.max(1, connectionsPerWorker));
  const p = ctx.profile;
  // A profile read from a running server (tune inspect) holds its threads as they ran in its worker figure.
  if (p && (p.perThreadBytes !== undefined || (p.source !== 'inspect' && busy > 1))) {
    const measured = p.perThreadBytes !== undefined ? (p.measuredThreads ?? 1) : 1;
    const ratio = Math.max(busy, measured) / Math.min(busy, measured);
    return ratio >= THREADS_MEASURED_AT.ratio ? [{ code: 'PROFILE_THREADS_DIFFER', severity: 'info', args: { measured, busy, threads } }] : [];
  }
  if (threads < THREAD_CPU_GROWTH.threads) return [];
  return [{ code: 'THREAD_CPU_GROWTH', severity: 'info', args: { threads, low: THREAD_CPU_GROWTH.low, high: THREAD_CPU_GROWTH.high } }];
}
