// The recommendation object: values under the servers' own setting names, with coded reasons.
// Prose lives in the renderers (src/render/messages.ts); the core only says which reason and its figures
// (src/core/findings.ts types each code's figures).
import type { Server, WorkerClass } from './classes.js';
import type { Input } from './input.js';

export type SettingValue = number | string | boolean | null;
export type { Finding, FindingArgs, FindingCode, Reason, ReasonArgs, ReasonCode, Severity } from './findings.js';
import type { Finding, Reason } from './findings.js';

/** What a configuration amounts to, whatever wrote it: tune itself or a project's existing files. */
export interface Shape {
  workerClass: WorkerClass;
  /** Worker processes (1 for waitress and single-process uvicorn). */
  workers: number;
  /** Threads per worker that run requests (1 for sync, gevent, asyncio). */
  threads: number;
  /** Requests one worker may run at once; null when nothing bounds it (asyncio without a limit). */
  slotsPerWorker: number | null;
  preload: boolean;
  /** Whether the server runs a master beside the workers. */
  hasMaster: boolean;
}

export interface MemoryEstimate {
  budgetBytes: number;
  headroomBytes: number;
  usableBytes: number;
  estimatedBytes: number;
  perWorkerBytes: number;
  masterBytes: number;
  extraBytes: number;
  perWorkerSource: 'default' | 'worker-mem' | 'profile';
  /** Connections counted for memory: stated (users, rps) or assumed (what keeps the cores busy). */
  connections: { total: number; perWorker: number; source: 'users' | 'rps' | 'assumed' };
  /** Most workers the usable budget holds with this shape; 0 when not even one fits. */
  maxWorkers: number;
  fits: boolean;
}

export interface Capacity {
  latencyMs: number;
  cpuMsPerRequest: number;
  /** 'profile': measured by tune calibrate; 'assumed': the workload's share of the latency (CPU_FRACTION). */
  cpuSource: 'profile' | 'assumed';
  /** Cores the configuration can keep busy (the GIL: at most one per process). */
  cores: number;
  /** Requests in flight at once; null when unbounded. */
  slots: number | null;
  ioCeilingRps: number | null;
  cpuCeilingRps: number;
  sustainableRps: number;
  /** With an assumed CPU share: the sustainable rate if it is half or twice that (ASSUMED_CPU_SPREAD). */
  sustainableRangeRps?: [number, number];
  limitedBy: 'slots' | 'cpu';
  users?: number;
  rps?: number;
  /** Requests a second the stated load asks for: --rps, else --users ÷ latency. */
  offeredRps?: number;
  utilization?: number;
  /** Expected mean response time at the stated load; absent when the queue grows without bound. */
  expectedLatencyMs?: number;
  /** Machines of this shape needed for the stated load at the target utilization (1 when one suffices). */
  replicas?: number;
}

export interface Database {
  maxConnections: number;
  /** Connections one process may hold: its concurrency, or the pool size the app must set. */
  perProcess: number;
  total: number;
  /** True when the server itself bounds it; false when only the app's pool can (asyncio workers). */
  enforcedByServer: boolean;
}

export interface Evaluation {
  memory: MemoryEstimate;
  capacity: Capacity;
  database?: Database;
}

export interface Recommendation extends Evaluation {
  input: Input;
  server: Server;
  workerClass: WorkerClass;
  settings: Record<string, SettingValue>;
  /** Reasons per setting name, plus `_model` for reasons about the model as a whole. */
  rationale: Record<string, Reason[]>;
  warnings: Finding[];
  /** Settings that apply only through a file (the gc.freeze hook), listed for renderers. */
  hooks: { gcFreezeOnReady: boolean };
}
