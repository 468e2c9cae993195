// One boot of the server: warm it up until every worker served, read PSS at idle, time single requests,
// then load it and read PSS and the CPU time it spent.
import { getOnce, runLoad, type LoadResult } from './load.js';
import { clockTicks, cpuNs, processTree, pss, smapsRollup, type TreeProcess } from '../proc/index.js';
import { isHelper } from './command.js';
import type { Server } from './server.js';
import type { CalibrateWarning } from './warnings.js';

export interface MemorySample {
  /** 0 for a server without a master (waitress, uvicorn with one worker). */
  masterBytes: number;
  /** PSS of each worker; the one process for single-process servers. */
  workerBytes: number[];
  /** USS (private memory) of each worker. */
  workerPrivateBytes: number[];
  /** Anonymous memory (heap, stacks, malloc arenas) of each worker: what threads add, whoever maps the libraries. */
  workerAnonBytes?: number[];
  /** Every other process of the tree (resource_tracker, anything the app spawned). */
  extraBytes: number;
  extraCount: number;
}

export interface BootMeasurement {
  idle: MemorySample;
  load: MemorySample;
  /** Keep-alive requests one at a time: the app's own time per request, without queueing. */
  single: LoadResult;
  loadRun: LoadResult;
  cpuMsPerRequest: number | null;
  warmup: { requests: number; failed: number; workersReached: number; workers: number };
  warnings: CalibrateWarning[];
}

export interface BootPlan {
  /** The paths requested in turn (calibrate's --path, repeatable); `path` says them in one string. */
  path: string;
  paths: string[];
  multiProcess: boolean;
  workers: number;
  concurrency: number;
  durationS: number;
  /** Go on past durationS until this many responses came (at most MAX_LOAD_S): enough requests for
   *  every busy thread to reach its steady memory. */
  minRequests?: number;
}

// Reference method (measurements.md §3): at least 100 requests before the idle figure, so lazy
// imports, caches and the first garbage collections have happened.
const WARMUP_MIN = 100;
const WARMUP_MAX = 2000; // enough for the kernel to have handed a connection to every worker many times over
const WARMUP_TIMEOUT_MS = 20_000; // a slow endpoint: stop warming and say which workers were not reached
const WARMUP_LANES = 8; // fresh connections at once: keeps every worker of a small box busy without queueing
const WARMUP_REQUEST_TIMEOUT_MS = 10_000; // a warm-up request slower than this is a failure to report, not a wait
const IDLE_REST_MS = 1000; // let the last warm-up requests finish before the idle figure
const SINGLE_MS = 1000; // one keep-alive connection for a second: hundreds of requests to a fast endpoint
// Memory under load is the largest of samples taken this often while the load runs (a cgroup's limit
// meets the peak; with many threads memory still grows seconds into the load).
const SAMPLE_EVERY_MS = 1000;
const FIRST_SAMPLE_AT = 0.6; // of a load shorter than SAMPLE_EVERY_MS / 0.6
// A load that goes on for minRequests stops here whatever it reached.
export const MAX_LOAD_S = 60;
// In-flight requests get this long after the load's duration before they are cut off.
const LOAD_GRACE_MS = 5000;

/** Which processes of the tree are the master, the workers and the rest. (Pure.) */
export function classify(tree: TreeProcess[], multiProcess: boolean): { master: TreeProcess | null; workers: TreeProcess[]; extras: TreeProcess[] } {
  const [root, ...rest] = tree;
  if (!root) return { master: null, workers: [], extras: [] };
  if (!multiProcess) return { master: null, workers: [root], extras: rest };
  const isWorker = (p: TreeProcess) => p.depth === 1 && !isHelper(p);
  return { master: root, workers: rest.filter(isWorker), extras: rest.filter((p) => !isWorker(p)) };
}

function sampleMemory(rootPid: number, multiProcess: boolean): MemorySample {
  const { master, workers, extras } = classify(processTree(rootPid), multiProcess);
  if (workers.length === 0) throw new Error('the server has no live worker process');
  const of = (p: TreeProcess) => pss(p.pid) ?? 0; // a process that vanished mid-sample counts 0
  const rollups = workers.map((p) => smapsRollup(p.pid)); // one reading per worker: its figures agree
  return {
    masterBytes: master ? of(master) : 0,
    workerBytes: rollups.map((r) => r?.Pss ?? 0),
    workerPrivateBytes: rollups.map((r) => r?.Uss ?? 0),
    workerAnonBytes: rollups.map((r) => r?.Anonymous ?? 0),
    extraBytes: extras.reduce((s, p) => s + of(p), 0),
    extraCount: extras.length,
  };
}

const totalOf = (m: MemorySample) => m.masterBytes + m.extraBytes + m.workerBytes.reduce((a, b) => a + b, 0);

/** CPU ticks of the whole tree, including children it reaped (a worker that died and was replaced). */
function treeTicks(rootPid: number): number {
  return processTree(rootPid).reduce((s, p) => s + p.ticks, 0);
}

/**
 * A worker counts as reached when it gained at least this share of the busiest worker's CPU time over
 * the warm-up (heartbeats and event-loop ticks of an idle worker cost a few ms a second; a request
 * about a millisecond), and at least REACHED_MIN_NS.
 */
const REACHED_SHARE = 0.2;
const REACHED_MIN_NS = 2e6;

/** Which workers served, from their CPU time since `base` (pid → ns). (Pure.) */
export function reachedWorkers(base: Map<number, number>, now: Map<number, number>): number[] {
  const gained = [...now].map(([pid, ns]) => [pid, ns - (base.get(pid) ?? ns)] as const);
  const most = Math.max(0, ...gained.map(([, g]) => g));
  return gained.filter(([, g]) => g >= REACHED_MIN_NS && g >= REACHED_SHARE * most).map(([pid]) => pid);
}

/** Requests on fresh connections until every worker served some and at least WARMUP_MIN were sent. */
async function warmUp(server: Server, plan: BootPlan): Promise<BootMeasurement['warmup']> {
  const base = new Map<number, number>();
  let reached: number[] = [];
  const check = () => {
    const now = new Map<number, number>();
    for (const w of classify(processTree(server.pid), plan.multiProcess).workers) {
      const ns = cpuNs(w.pid);
      if (ns === null) continue;
      if (!base.has(w.pid)) base.set(w.pid, ns); // a worker first seen now (a replacement, a late spawn)
      now.set(w.pid, ns);
    }
    reached = reachedWorkers(base, now);
  };
  check();
  const t0 = Date.now();
  let sent = 0;
  let failed = 0;
  const urls = plan.paths.map((p) => server.url + p);
  const done = () => (sent >= WARMUP_MIN && reached.length >= plan.workers) || sent >= WARMUP_MAX || Date.now() - t0 > WARMUP_TIMEOUT_MS || server.exited();
  const lane = async () => {
    while (!done()) {
      sent++;
      try {
        await getOnce(urls[sent % urls.length]!, WARMUP_REQUEST_TIMEOUT_MS);
      } catch {
        failed++;
      }
      if (sent % 10 === 0) check();
    }
  };
  await Promise.all(Array.from({ length: WARMUP_LANES }, lane));
  check();
  return { requests: sent, failed, workersReached: reached.length, workers: plan.workers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureBoot(server: Server, plan: BootPlan): Promise<BootMeasurement> {
  const warnings: CalibrateWarning[] = [];
  const warmup = await warmUp(server, plan);
  if (server.exited()) throw new Error('the server exited during the warm-up');
  if (warmup.workersReached < plan.workers) warnings.push({ code: 'WARMUP_WORKERS', reached: warmup.workersReached, workers: plan.workers });
  await sleep(IDLE_REST_MS);
  const idle = sampleMemory(server.pid, plan.multiProcess);
  if (idle.workerBytes.length !== plan.workers) warnings.push({ code: 'WORKER_COUNT', expected: plan.workers, found: idle.workerBytes.length });

  const urls = plan.paths.map((p) => server.url + p);
  const single = await runLoad({ urls, concurrency: 1, durationMs: SINGLE_MS, graceMs: LOAD_GRACE_MS });

  const ticks0 = treeTicks(server.pid);
  let load: MemorySample | undefined;
  let sampleError: unknown;
  const sample = () => {
    try {
      const s = sampleMemory(server.pid, plan.multiProcess);
      if (!load || totalOf(s) > totalOf(load)) load = s;
    } catch (e) {
      sampleError = e;
    }
  };
  // The first sample comes within a short load too (--duration 1).
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    sample();
    timer = setInterval(sample, SAMPLE_EVERY_MS);
  }, Math.min(SAMPLE_EVERY_MS, plan.durationS * 1000 * FIRST_SAMPLE_AT));
  const loadRun = await runLoad({
    urls,
    concurrency: plan.concurrency,
    durationMs: plan.durationS * 1000,
    graceMs: LOAD_GRACE_MS,
    ...(plan.minRequests !== undefined ? { minRequests: plan.minRequests, maxDurationMs: MAX_LOAD_S * 1000 } : {}),
  });
  clearTimeout(first);
  clearInterval(timer);
  const ticks = treeTicks(server.pid) - ticks0;
  if (!load) throw new Error(`could not read memory under load: ${sampleError instanceof Error ? sampleError.message : 'no sample'}`);

  if (loadRun.requests === 0) throw new Error(`no response to GET ${plan.paths.join(', ')} under load (${loadRun.errors} connection errors)`);
  if (loadRun.errors + loadRun.abandoned > 0) warnings.push({ code: 'LOAD_ERRORS', errors: loadRun.errors, abandoned: loadRun.abandoned });
  if (loadRun.ok < loadRun.requests / 2)
    warnings.push({ code: 'BAD_STATUS', path: plan.paths.length > 1 ? `${plan.paths[0]} and ${plan.paths.length - 1} more paths` : plan.path, status: loadRun.badStatus ?? 0 });
  const cpuMs = (ticks / clockTicks()) * 1000;
  return { idle, load, single, loadRun, cpuMsPerRequest: ticks > 0 ? cpuMs / loadRun.requests : null, warmup, warnings };
}
