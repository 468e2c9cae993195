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
}

export function buildProfile(p: ProfileParts): Profile {
  const profile: Profile = {
    version: 1,
    workerClass: p.workerClass,
    app: p.app,
    measuredAt: p.measuredAt.toISOString(),
    // The model charges no master for waitress and one-worker uvicorn, and the one process is the worker.
    masterBytes: p.load.masterBytes,
    workerBytes: Math.round(mean(p.load.workerBytes)),
  };
  if (p.preloadShare !== null) profile.preloadShare = p.preloadShare;
  // Private memory lets the model count shared pages once, however many workers it recommends.
  if (p.load.masterBytes > 0 && p.load.workerPrivateBytes.every((b) => b > 0)) {
    profile.measuredWorkers = p.load.workerBytes.length;
    profile.workerPrivateBytes = Math.round(mean(p.load.workerPrivateBytes));
    const pre = p.preloadLoad;
    if (pre && pre.workerBytes.length === p.load.workerBytes.length && pre.workerPrivateBytes.every((b) => b > 0)) {
      profile.preloadMasterBytes = pre.masterBytes;
      profile.preloadWorkerBytes = Math.round(mean(pre.workerBytes));
      profile.preloadWorkerPrivateBytes = Math.round(mean(pre.workerPrivateBytes));
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
