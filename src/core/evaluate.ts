// What a configuration shape costs and serves on a machine: memory (as the cgroup charges it, PSS summed
// over the process tree), capacity (Little's law, the GIL's one core per process, Erlang C) and database
// connections. `recommend` and `check` both judge configurations through these functions.
import {
  ASSUMED_CPU_SPREAD,
  CLASS_COEFFICIENTS,
  CPU_FRACTION,
  DEFAULT_PRELOAD_SHARE,
  REQUEST_SKEW,
  DEFAULT_WORKER_BYTES,
  TARGET_UTILIZATION,
} from './coefficients.js';
import type { Situation } from './input.js';
import { meanQueueWait } from './queueing.js';
import type { Capacity, Database, Evaluation, MemoryEstimate, Shape } from './types.js';

/** What a configuration is judged against: the machine and the app's load, not the server chosen. */
export type EvalContext = Situation;

export function evaluate(shape: Shape, ctx: EvalContext): Evaluation {
  const capacity = estimateCapacity(shape, ctx);
  const memory = memoryOf(shape, ctx);
  const database = estimateDatabase(shape, ctx);
  return database ? { memory, capacity, database } : { memory, capacity };
}

/** Memory alone: what sizing by the budget asks many times, without the queueing sums of capacity. */
export function memoryOf(shape: Shape, ctx: EvalContext): MemoryEstimate {
  return estimateMemory(shape, ctx, connectionsOf(shape, ctx));
}

/** Per-worker PSS of the app (without preload) and where the figure came from. */
export function workerBytesOf(ctx: Pick<EvalContext, 'profile' | 'workerMemBytes'>): { bytes: number; source: MemoryEstimate['perWorkerSource'] } {
  if (ctx.workerMemBytes !== undefined) return { bytes: ctx.workerMemBytes, source: 'worker-mem' };
  if (ctx.profile) return { bytes: ctx.profile.workerBytes, source: 'profile' };
  return { bytes: DEFAULT_WORKER_BYTES, source: 'default' };
}

/** CPU seconds and wall seconds of one request, and whether the CPU figure was measured or assumed. */
export function requestTimes(ctx: Pick<EvalContext, 'latencyMs' | 'workload' | 'profile'>): { serviceS: number; cpuS: number; cpuSource: Capacity['cpuSource'] } {
  const serviceS = ctx.latencyMs / 1000;
  const measured = ctx.profile?.cpuMsPerRequest;
  // Measured under load, the CPU of a request may exceed its time alone: threads taking turns on the GIL
  // spend CPU on the handing over (bench/results/real-apps.md), so it is not capped at the latency.
  if (measured !== undefined) return { serviceS, cpuS: measured / 1000, cpuSource: 'profile' };
  return { serviceS, cpuS: serviceS * CPU_FRACTION[ctx.workload], cpuSource: 'assumed' };
}

/** Cores the configuration can keep busy: the GIL lets each process run Python on one core at a time. */
/** Cores the workers keep busy: one each at most, fewer when requests crowd onto the busiest (REQUEST_SKEW). */
function usableCores(shape: Shape, cpus: number): number {
  return Math.min(cpus, shape.workers < 2 ? shape.workers : shape.workers / REQUEST_SKEW[shape.workerClass]);
}

/**
 * Requests that keep `cores` busy when a share `cpuFraction` of each is CPU (Goetz's pool sizing,
 * N = cores × (1 + wait/compute)): the load assumed when none is stated.
 */
export function saturatingConcurrency(cores: number, workload: EvalContext['workload']): number {
  return Math.max(1, Math.ceil(cores / CPU_FRACTION[workload] - 1e-9));
}

/**
 * The connections the server holds, counted the same way for every class: clients (--users) each hold
 * one; a rate alone holds rate × latency (Little's law); with no load stated, what keeps the cores busy.
 * Each worker holds its share, at most what it admits (worker_connections, limit_concurrency).
 */
function connectionsOf(shape: Shape, ctx: EvalContext): MemoryEstimate['connections'] {
  const { serviceS } = requestTimes(ctx);
  const source: MemoryEstimate['connections']['source'] = ctx.users !== undefined ? 'users' : ctx.rps !== undefined ? 'rps' : 'assumed';
  const total = source === 'users' ? (ctx.users as number) : source === 'rps' ? Math.ceil((ctx.rps as number) * serviceS) : saturatingConcurrency(usableCores(shape, ctx.cpus), ctx.workload);
  const share = Math.ceil(total / shape.workers);
  return { total, perWorker: shape.slotsPerWorker === null ? share : Math.min(shape.slotsPerWorker, share), source };
}

function estimateMemory(shape: Shape, ctx: EvalContext, connections: MemoryEstimate['connections']): MemoryEstimate {
  const coeff = CLASS_COEFFICIENTS[shape.workerClass];
  const profile = ctx.profile;
  const { bytes: w, source } = workerBytesOf(ctx);
  // A measured thread cost is a busy thread's (calibrate runs every thread with a request); only the
  // threads the connections keep busy cost that, the rest what an idle thread does.
  const busy = profile?.perThreadBytes !== undefined ? Math.min(shape.threads, Math.max(1, connections.perWorker)) : 0;
  const threadBytes = busy * (profile?.perThreadBytes ?? 0) + (shape.threads - busy) * coeff.perThreadBytes;
  const perConnection = profile?.perConnectionBytes ?? coeff.perConnectionBytes;
  // uvicorn's resource_tracker exists only when it spawns workers.
  const extra = shape.workerClass === 'uvicorn' && shape.workers < 2 ? 0 : (profile?.extraBytes ?? coeff.extraBytes);
  const base = baseCost(shape, ctx, w, coeff.masterBytes);
  const perWorker = Math.round(base.marginal + threadBytes + connections.perWorker * perConnection);
  const fixed = base.fixed + extra;
  const estimated = Math.round(fixed + shape.workers * perWorker);
  const headroomBytes = Math.round(ctx.memBytes * ctx.headroom);
  const usable = ctx.memBytes - headroomBytes;
  const maxWorkers = Math.max(0, Math.floor((usable - fixed) / perWorker));
  return {
    budgetBytes: ctx.memBytes,
    headroomBytes,
    usableBytes: usable,
    estimatedBytes: estimated,
    perWorkerBytes: perWorker,
    masterBytes: Math.round(base.fixed),
    extraBytes: Math.round(extra),
    perWorkerSource: source,
    connections,
    maxWorkers,
    fits: estimated <= usable,
  };
}

/**
 * What the master and shared pages cost once (fixed) and what each worker adds (marginal). A page's
 * PSS is its size split among the processes mapping it, so shared pages sum to their size once however
 * many workers fork; only a worker's private pages (USS) grow with the count. With measured private
 * figures that is exact; without them, preload's share s of a worker (total = m + s·W + N(1−s)·W) is
 * counted once and the rest of W per worker, which over-counts what forked workers share anyway.
 */
function baseCost(shape: Shape, ctx: EvalContext, w: number, defaultMaster: number): { fixed: number; marginal: number } {
  const p = ctx.profile;
  if (!shape.hasMaster) return { fixed: 0, marginal: w };
  const n = p?.measuredWorkers;
  if (p && n && ctx.workerMemBytes === undefined) {
    if (shape.preload && p.preloadWorkerBytes !== undefined && p.preloadWorkerPrivateBytes !== undefined)
      return { fixed: (p.preloadMasterBytes ?? p.masterBytes) + n * Math.max(0, p.preloadWorkerBytes - p.preloadWorkerPrivateBytes), marginal: p.preloadWorkerPrivateBytes };
    if (!shape.preload && p.workerPrivateBytes !== undefined)
      return { fixed: p.masterBytes + n * Math.max(0, p.workerBytes - p.workerPrivateBytes), marginal: p.workerPrivateBytes };
  }
  const master = p?.masterBytes ?? defaultMaster;
  const share = shape.preload ? (p?.preloadShare ?? DEFAULT_PRELOAD_SHARE) : 0;
  return { fixed: master + share * w, marginal: (1 - share) * w };
}

function estimateCapacity(shape: Shape, ctx: EvalContext): Capacity {
  const { serviceS, cpuS, cpuSource } = requestTimes(ctx);
  const slots = shape.slotsPerWorker === null ? null : shape.workers * shape.slotsPerWorker;
  const ioCeiling = slots === null ? null : slots / serviceS;
  const cores = usableCores(shape, ctx.cpus);
  const cpuCeiling = cores / cpuS;
  const sustainable = Math.min(ioCeiling ?? Infinity, cpuCeiling);
  const limitedBy: Capacity['limitedBy'] = ioCeiling !== null && ioCeiling <= cpuCeiling ? 'slots' : 'cpu';
  const capacity: Capacity = {
    latencyMs: ctx.latencyMs,
    cpuMsPerRequest: round(cpuS * 1000, 3),
    cpuSource,
    cores: round(cores, 3),
    slots,
    ioCeilingRps: ioCeiling === null ? null : round(ioCeiling, 1),
    cpuCeilingRps: round(cpuCeiling, 1),
    sustainableRps: round(sustainable, 1),
    limitedBy,
  };
  if (cpuSource === 'assumed') {
    // The CPU share is a guess: say what it implies if it is half or twice that.
    const at = (cpu: number) => round(Math.min(ioCeiling ?? Infinity, cores / Math.min(serviceS, cpu)), 1);
    capacity.sustainableRangeRps = [at(cpuS * ASSUMED_CPU_SPREAD), at(cpuS / ASSUMED_CPU_SPREAD)];
  }
  if (ctx.users === undefined && ctx.rps === undefined) return capacity;

  // The offered load: a stated rate; or, with users alone, every user with a request in flight
  // (a closed loop without think time: N/S requests a second at best).
  const offered = ctx.rps ?? (ctx.users as number) / serviceS;
  if (ctx.users !== undefined) capacity.users = ctx.users;
  if (ctx.rps !== undefined) capacity.rps = ctx.rps;
  capacity.offeredRps = round(offered, 1);
  capacity.utilization = round(offered / sustainable, 3);
  // Machines of this shape for the load: a closed loop of users queues only past full use; open
  // arrivals (a rate) queue steeply past the target utilization (Erlang C), so they get headroom.
  const perMachine = ctx.rps === undefined ? sustainable : sustainable * TARGET_UTILIZATION;
  capacity.replicas = Math.max(1, Math.ceil(offered / perMachine - 1e-9));
  if (ctx.rps === undefined) {
    // Closed loop: throughput X = min(sustainable, N/S), response time R = N/X (Little's law).
    capacity.expectedLatencyMs = round(((ctx.users as number) / Math.min(sustainable, offered)) * 1000, 1);
  } else if (offered < sustainable) {
    // Queue at the binding resource: the slots (each busy for the whole request) or the cores (each
    // busy for the CPU part).
    const c = Math.max(1, Math.floor(cores));
    const wait = limitedBy === 'slots' && slots !== null ? meanQueueWait(slots, offered, serviceS) : meanQueueWait(c, offered, (cpuS * c) / cores);
    capacity.expectedLatencyMs = round((serviceS + wait) * 1000, 1);
  }
  // At or over the sustainable rate an open queue grows without bound: no expected latency.
  return capacity;
}

function estimateDatabase(shape: Shape, ctx: EvalContext): Database | undefined {
  const max = ctx.dbMaxConnections;
  if (max === undefined) return undefined;
  const enforced = shape.slotsPerWorker !== null;
  // One connection per request in flight is the most a process can use at once; without a server-side
  // bound the app's own pool must be sized to its share.
  const perProcess = enforced ? (shape.slotsPerWorker as number) : Math.max(1, Math.floor(max / shape.workers));
  return { maxConnections: max, perProcess, total: perProcess * shape.workers, enforcedByServer: enforced };
}

function round(n: number, digits: number): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
