// From measurements to the profile tune reads (src/core/profile.ts). Pure: unit-tested.
import type { WorkerClass } from '../core/classes.js';
import { profileSchema, type Profile } from '../core/profile.js';
import type { MemorySample } from './measure.js';

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The preload share s solved from total = m + s·W + N·(1−s)·W, where m and W are the master and mean
 * worker PSS without preload and total is the master plus workers with preload (helpers left out):
 * s = (m + N·W − total) / ((N − 1)·W). Clamped to [0, 1]: preload can cost more than it shares (FastAPI
 * without gc.freeze), and noise can push a near-total share over 1. Null when N < 2 (nothing to solve).
 */
export function preloadShare(base: MemorySample, preload: MemorySample): number | null {
  const n = preload.workerBytes.length;
  const w = mean(base.workerBytes);
  if (n < 2 || w <= 0) return null;
  const total = preload.masterBytes + preload.workerBytes.reduce((a, b) => a + b, 0);
  const s = (base.masterBytes + n * w - total) / ((n - 1) * w);
  return round3(Math.min(1, Math.max(0, s)));
}

/** Private memory of the workers, or their PSS where USS could not be read. */
const privateOf = (m: MemorySample) => (m.workerPrivateBytes.every((b) => b > 0) ? m.workerPrivateBytes : m.workerBytes);

/**
 * What one more busy thread costs a worker: its anonymous memory (heap, stacks, malloc arenas) with
 * `threads` busy threads against one. Not USS: the threads boot runs one worker, which maps pandas' or
 * numpy's shared libraries alone, so its USS counts tens of MiB of library pages that two workers share
 * (measured: 11.9 MiB "per thread" for a Flask + pandas app at 3 threads, against 2.7 from its anonymous
 * memory; bench/results/real-apps.md). USS where anonymous memory was not read. Never below 0: noise.
 */
export function perThreadBytes(oneThread: MemorySample, many: MemorySample, threads: number): number {
  const anon = (m: MemorySample) => (m.workerAnonBytes?.length && m.workerAnonBytes.every((b) => b > 0) ? m.workerAnonBytes : undefined);
  const [a, b] = [anon(oneThread), anon(many)];
  const [one, more] = a && b ? [a, b] : [privateOf(oneThread), privateOf(many)];
  return Math.round(Math.max(0, (mean(more) - mean(one)) / (threads - 1)));
}

/** What one more connection with a request in flight costs: the workers' private memory under load with `connections` against idle. */
export function perConnectionBytes(idle: MemorySample, load: MemorySample, connections: number): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return Math.round(Math.max(0, (sum(privateOf(load)) - sum(privateOf(idle))) / connections));
}

export interface ProfileParts {
  workerClass: WorkerClass;
  app: string;
  measuredAt: Date;
  /** Memory under load without preload. */
  load: MemorySample;
  /** Memory under load with preload, when a second boot measured it. */
  preloadLoad?: MemorySample;
  preloadShare: number | null;
  cpuMsPerRequest: number | null;
  /** Mean time of a request alone (one connection, no queueing). */
  latencyMs: number | null;
  /** The URL path the load requested. */
  path: string;
  /** Measured cost of a busy thread, at how many threads (gthread, waitress). */
  perThread?: { bytes: number; threads: number };
  /** Measured cost of a connection in flight, at how many connections (gevent, the uvicorn classes). */
  perConnection?: { bytes: number; connections: number };
}

export function buildProfile(p: ProfileParts): Profile {
  // The load figures hold one busy thread (gthread and waitress ran one) and each worker's share of the
  // connections; with their costs measured, the worker figure leaves them out and the model adds back
  // what the recommended shape has.
  const workers = p.load.workerBytes.length;
  const inFlight = (p.perThread?.bytes ?? 0) + (p.perConnection ? (p.perConnection.bytes * p.perConnection.connections) / workers : 0);
  const less = (b: number) => Math.max(1, Math.round(b - inFlight));
  const profile: Profile = {
    version: 1,
    workerClass: p.workerClass,
    app: p.app,
    measuredAt: p.measuredAt.toISOString(),
    // The model charges no master for waitress and one-worker uvicorn, and the one process is the worker.
    masterBytes: p.load.masterBytes,
    workerBytes: less(mean(p.load.workerBytes)),
  };
  if (p.preloadShare !== null) profile.preloadShare = p.preloadShare;
  if (p.perThread) Object.assign(profile, { perThreadBytes: p.perThread.bytes, measuredThreads: p.perThread.threads });
  if (p.perConnection) Object.assign(profile, { perConnectionBytes: p.perConnection.bytes, measuredConnections: p.perConnection.connections });
  // Private memory lets the model count shared pages once, however many workers it recommends.
  if (p.load.masterBytes > 0 && p.load.workerPrivateBytes.every((b) => b > 0)) {
    profile.measuredWorkers = workers;
    profile.workerPrivateBytes = less(mean(p.load.workerPrivateBytes));
    const pre = p.preloadLoad;
    if (pre && pre.workerBytes.length === workers && pre.workerPrivateBytes.every((b) => b > 0)) {
      profile.preloadMasterBytes = pre.masterBytes;
      profile.preloadWorkerBytes = less(mean(pre.workerBytes));
      profile.preloadWorkerPrivateBytes = less(mean(pre.workerPrivateBytes));
    }
  }
  if (p.load.extraBytes > 0) profile.extraBytes = p.load.extraBytes;
  if (p.cpuMsPerRequest !== null && p.cpuMsPerRequest > 0) profile.cpuMsPerRequest = round3(p.cpuMsPerRequest);
  if (p.latencyMs !== null && p.latencyMs > 0) {
    profile.latencyMs = round3(p.latencyMs);
    profile.path = p.path;
  }
  // The schema is the contract with `tune --profile`: never write what it would refuse.
  return profileSchema.parse(profile);
}
