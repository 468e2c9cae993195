// Every reason and finding the model gives, as a code with typed arguments. Renderers hold a sentence
// for every code (src/render/messages.ts) and the compiler checks both ways: a code without words, or
// words reading an argument the code does not carry, does not build.
import type { WorkerClass, Workload } from './classes.js';

export type Severity = 'error' | 'warning' | 'info';

type Workers = { cpus: number; cores: number; target: number; workers: number; minimum: number; perCore: number };
type Penalty = { workers: number; addedMs: number; rateRatio: number };

/** Why each setting has its value (and `_model`: why the model sized things as it did). */
export interface ReasonArgs {
  TARGET_USERS: { users: number };
  TARGET_RPS: { rps: number; latencyMs: number; inFlight: number; target: number; users?: number };
  TARGET_CPU_BOUND: { stated: number; cpus: number; target: number };
  TARGET_WORKLOAD: { cpus: number; workload: Workload; cpuFraction: number; target: number };
  WORKERS_SLOTS: Workers;
  WORKERS_SLOTS_CAPPED: Workers;
  WORKERS_PER_CORE: Workers;
  WORKERS_FOR_THREADS: Workers;
  WORKERS_MEMORY_CAPPED: { wanted: number; workers: number };
  WORKERS_DB_CAPPED: { db: number; workers: number };
  DB_CAPPED: { db: number; before: number; after: number };
  THREADS_FOR_TARGET: { threads: number; workers: number; slots: number };
  WAITRESS_THREADS: { target: number; threads: number; floor: number };
  WC_GTHREAD_KEEPALIVE: { value: number; threads: number; keepaliveSlots: number };
  WC_GEVENT: { value: number; default: number; workers: number };
  CLASS_GIVEN: { workerClass: WorkerClass; legacy: boolean };
  CLASS_UVICORN_WORKER: { workerClass: WorkerClass; legacy: boolean; uvicornVersion?: string };
  CLASS_ASGI: { since: string; gunicornVersion?: string };
  TIMEOUT_SYNC: { value: number; latencyMs: number; factor: number };
  TIMEOUT_HEARTBEAT: { value: number };
  GRACEFUL_DEFAULT: { value: number };
  GRACEFUL_FROM_PLATFORM: { shutdownGrace: number; value: number };
  KEEPALIVE_DIRECT: { value: number };
  KEEPALIVE_ABOVE_LB: { lbIdleTimeout: number; value: number };
  MAX_REQUESTS: { perWorkerRps: number; maxRequests: number; jitter: number; intervalS: number; floor: number };
  MAX_REQUESTS_JITTER: { jitter: number; fraction: number };
  BACKLOG_FROM_RATE: { rps: number; value: number; serverDefault: number; seconds: number; min: number };
  PRELOAD_ON: { given: boolean };
  PRELOAD_OFF: { given: boolean };
  PRELOAD_OFF_GEVENT: { given: boolean };
  BIND_GIVEN: { bind: string };
  LIMIT_CONCURRENCY_DB: { value: number; perWorker: number; db: number };
  LIMIT_CONCURRENCY_NONE: Record<string, never>;
  UVICORN_LOOP_AUTO: Penalty;
  UVICORN_NO_MAX_REQUESTS: Record<string, never>;
  CONNECTION_LIMIT: { value: number; threads: number; clients: number; default: number };
  CHANNEL_TIMEOUT_DEFAULT: { value: number; lbIdleTimeout: number; default: number };
  CHANNEL_TIMEOUT_ABOVE_LB: { value: number; lbIdleTimeout: number; default: number };
  CLEANUP_INTERVAL: { value: number };
  RECV_BYTES: { value: number };
  USE_POLL: { value: boolean; fds: number; limit: number };
  FOLKLORE_2N_PLUS_1: { value: number; chosen: number; minimum: number };
  FOLKLORE_WAITRESS_THREADS: { value: number; chosen: number };
}

type Fit = { estimated: number; usable: number; budget: number; perWorker: number; workers: number; maxWorkers: number; recommendedWorkers?: number; recommendedThreads?: number };

/** What is wrong, risky or worth knowing about a configuration in its situation. */
export interface FindingArgs {
  NOT_EVEN_ONE_WORKER: Fit;
  DOES_NOT_FIT: Fit;
  DEFAULT_WORKER_MEM: { bytes: number; realMin: number; realMax: number };
  CAPACITY_SHORT: {
    limitedBy: 'slots' | 'cpu';
    offered: number;
    sustainable: number;
    utilization: number;
    target: number;
    /** -1 when nothing bounds the slots. */
    slots: number;
    latencyMs: number;
    cpuMs: number;
    cpuSource: 'profile' | 'assumed';
    cpuShare: number;
    workload: Workload;
    cores: number;
    replicas: number;
    users?: number;
    rps?: number;
    expectedLatencyMs?: number;
  };
  DB_OVER_BUDGET: { total: number; max: number; perProcess: number };
  DB_POOL_BY_APP: { perProcess: number; workers: number; max: number };
  DB_CAPPED: { db: number; before: number; after: number };
  CPU_ON_EVENT_LOOP: { workerClass: WorkerClass };
  SYNC_FOR_IO: { workers: number };
  WAITRESS_ONE_CORE: { cpus: number };
  FRACTIONAL_CPUS: { cpus: number; workers: number };
  UNBOUNDED_CONCURRENCY: { workerClass: WorkerClass };
  PRELOAD_FORK_SAFETY: Record<string, never>;
  WAITRESS_THREADS_CAPPED: { wanted: number; max: number };
  THREADS_CAPPED: { target: number; max: number; workers: number };
  MEMORY_CAPPED: { wanted: number; workers: number };
  WORKERS_ZERO: { workers: number };
  SYNC_THREADS: { threads: number };
  GEVENT_PRELOAD: Record<string, never>;
  SYNC_KEEPALIVE: { keepalive: number };
  GTHREAD_WC_LE_THREADS: { workerConnections: number; threads: number };
  UVICORN_LIMIT_UNDER_GUNICORN: { value: string };
  KEEPALIVE_BELOW_LB: { value: number; lbIdleTimeout: number };
  GRACEFUL_ABOVE_PLATFORM: { graceful: number; shutdownGrace: number };
  TIMEOUT_BELOW_LATENCY: { timeout: number; latencyMs: number };
  PER_WORKER_STATE: { workers: number };
  UVICORN_NODELAY: Penalty;
  UVICORN_NEEDS_UVLOOP: Penalty;
  CLASS_UNMEASURED: { workerClass: WorkerClass; standIn: WorkerClass };
  THREAD_CPU_GROWTH: { threads: number; low: number; high: number };
  PROFILE_THREADS_DIFFER: { measured: number; busy: number; threads: number };
  GEVENT_TOO_OLD_FOR_GUNICORN: { gunicornVersion: string; since: string; gevent: string };
  UVICORN_SKEW: { workers: number; skew: number; cores: number; backlog: number; backlogSkew: number; uvicornWorkerSkew: number };
  UVICORN_LIMIT_ONE: { value: number };
  WAITRESS_SEND_BYTES: { value: string };
  WAITRESS_THREADS_ZERO: { threads: number };
  CONNECTION_LIMIT_BELOW_THREADS: { connectionLimit: number; threads: number };
  CLEANUP_ABOVE_CHANNEL_TIMEOUT: { cleanup: number; channel: number };
}

export type ReasonCode = keyof ReasonArgs;
export type FindingCode = keyof FindingArgs;

export type Reason = { [C in ReasonCode]: { code: C; args: ReasonArgs[C] } }[ReasonCode];

/** One finding; `setting` names the setting it is about, when there is one. */
export type Finding = { [C in FindingCode]: { code: C; severity: Severity; args: FindingArgs[C]; setting?: string } }[FindingCode];

/** A finding built from its parts, typed by its code. */
export function finding<C extends FindingCode>(code: C, severity: Severity, args: FindingArgs[C], setting?: string): Finding {
  return (setting === undefined ? { code, severity, args } : { code, severity, args, setting }) as Finding;
}

/** A reason built from its parts, typed by its code. */
export function reason<C extends ReasonCode>(code: C, args: ReasonArgs[C]): Reason {
  return { code, args } as Reason;
}
