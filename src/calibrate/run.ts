// The calibration: boot the app under the server, measure, stop; again with preload where it applies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkerClass } from '../core/classes.js';
import type { Profile } from '../core/profile.js';
import { gunicornConfig, hasThreadPool, holdsConnections, isMultiProcess, serverArgs, serverEnv, type ServerSpec } from './command.js';
import { MAX_LOAD_S, measureBoot, type BootMeasurement } from './measure.js';
import { serverName } from './command.js';
import { buildProfile, perConnectionBytes, perThreadBytes, preloadShare, type ProfileParts } from './profile.js';
import type { PythonInfo } from './python.js';
import { ServerError, startServer } from './server.js';
import type { CalibrateWarning } from './warnings.js';

// Requests each busy thread serves in the thread-pool boot: a thread's memory grows over its first
// requests (the real apps' threads held more after the 10 s benchmark runs than after calibrate's 3 s,
// when 256 threads had served about 2 requests each: bench/results/real-apps.md).
const REQUESTS_PER_BUSY_THREAD = 10;

/** What a calibration run is asked to do (the CLI parses and checks these: src/cli/calibrate-options.ts). */
export interface CalibrateOptions {
  appDir: string;
  python?: string;
  workers: number;
  /** True when --workers was given (waitress ignores it, and says so). */
  workersGiven: boolean;
  durationS: number;
  concurrency: number;
  path: string;
  /** Each path requested in turn (repeatable --path); `path` joins them with spaces. */
  paths: string[];
  startupTimeoutS: number;
  /** gthread, waitress: threads of the boot that measures a busy thread's cost (1: no such boot). Not
   *  given: the plan's `threadsFor` picks it once the first boot has measured the app. */
  threads?: number;
  save?: string;
  force: boolean;
  format: 'table' | 'json';
}

export interface CalibratePlan {
  python: PythonInfo;
  workerClass: WorkerClass;
  app: string;
  opts: CalibrateOptions;
  env: Record<string, string | undefined>;
  /** Measure a second boot with preload. */
  preload: boolean;
  /** The configuration of the busy-thread boot when `opts.threads` is not given, from what the first
   *  boots measured: the one that will run, as a busy thread's cost and the CPU per request depend on
   *  the threads per process and the connections that keep them busy. */
  threadsFor?: (provisional: Profile) => ThreadsShape;
}

/** Workers × threads under a number of keep-alive connections. */
export interface ThreadsShape {
  workers: number;
  threads: number;
  connections: number;
}

export interface Calibration {
  python: PythonInfo;
  workerClass: WorkerClass;
  app: string;
  workers: number;
  /** The command line of the first boot, with the port it had. */
  command: string[];
  base: BootMeasurement;
  preload?: BootMeasurement;
  /** The thread pool under load: `threads` busy per worker (the threads of `shape`, or fewer when its
   *  connections keep fewer busy); what a busy thread costs and the CPU per request at that count. */
  threads?: { threads: number; shape: ThreadsShape; boot: BootMeasurement };
  profile: Profile;
  warnings: CalibrateWarning[];
}

export async function calibrate(plan: CalibratePlan, say: (line: string) => void): Promise<Calibration> {
  const { opts, workerClass: cls } = plan;
  const workers = cls === 'waitress' ? 1 : opts.workers;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tune-calibrate-'));
  const configFor = (preload: boolean) => {
    const file = path.join(tmp, preload ? 'calibrate-preload.conf.py' : 'calibrate.conf.py');
    writeFileSync(file, gunicornConfig(preload));
    return file;
  };
  const env = serverEnv(plan.env);
  const warnings: CalibrateWarning[] = [];
  let command: string[] = [];

  const boot = async (preload: boolean, shape: { workers: number; threads: number; concurrency: number; minRequests?: number } = { workers, threads: 1, concurrency: opts.concurrency }): Promise<BootMeasurement> => {
    const spec = (port: number): ServerSpec => {
      const s: ServerSpec = { workerClass: cls, app: plan.app, workers: shape.workers, port, preload, gunicornConfig: configFor(preload), threads: shape.threads };
      if (plan.python.uvicornWorkerPath) s.uvicornWorkerPath = plan.python.uvicornWorkerPath;
      return s;
    };
    const t0 = Date.now();
    const server = await startServer({
      python: plan.python.python,
      args: (port) => serverArgs(spec(port)),
      env,
      cwd: opts.appDir,
      path: opts.paths[0]!,
      timeoutMs: opts.startupTimeoutS * 1000,
      multiProcess: isMultiProcess(cls, shape.workers),
    });
    try {
      if (!command.length) command = [plan.python.python, ...serverArgs(spec(server.port))];
      say(`answering on ${server.url} after ${((Date.now() - t0) / 1000).toFixed(1)} s; warming up, then ${shape.concurrency} connections for ${opts.durationS} s${shape.minRequests !== undefined ? ` or until ${shape.minRequests} requests` : ''}`);
      const m = await measureBoot(server, {
        path: opts.path,
        paths: opts.paths,
        multiProcess: isMultiProcess(cls, shape.workers),
        workers: shape.workers,
        concurrency: shape.concurrency,
        durationS: opts.durationS,
        ...(shape.minRequests !== undefined ? { minRequests: shape.minRequests } : {}),
      });
      warnings.push(...m.warnings.map((w) => (preload ? { ...w, preload } : w)));
      return m;
    } catch (e) {
      // A server that dies under measurement is the app's failure too: report what it printed.
      throw e instanceof ServerError ? e : new ServerError(e instanceof Error ? e.message : String(e), server.output());
    } finally {
      if (!(await server.stop())) warnings.push({ code: 'GROUP_SURVIVED', pgid: server.pid });
    }
  };

  try {
    say(`${plan.python.python} (Python ${plan.python.version}): ${serverName({ workerClass: cls, workers })}, app ${plan.app} in ${opts.appDir}`);
    const base = await boot(false);
    let pre: BootMeasurement | undefined;
    if (plan.preload) {
      say('second boot with --preload, to measure the part of a worker shared with the master');
      pre = await boot(true);
    }
    let threads: Calibration['threads'];
    const shape = hasThreadPool(cls) ? threadsShape(plan, () => buildProfile(profileParts(plan, base, pre, undefined))) : undefined;
    const busy = shape ? Math.min(shape.threads, Math.ceil(shape.connections / shape.workers)) : 1;
    if (shape && busy > 1) {
      const what = opts.threads === undefined ? 'the configuration tune recommends with the figures above' : `--threads ${shape.threads}`;
      // Every busy thread serves REQUESTS_PER_BUSY_THREAD requests, so each has reached its steady memory.
      const minRequests = REQUESTS_PER_BUSY_THREAD * busy * shape.workers;
      say(`another boot, ${what}: ${shape.workers} × ${shape.threads} threads under ${shape.connections} connections, to measure busy threads and the CPU per request at that count (${minRequests} requests at least, at most ${MAX_LOAD_S} s)`);
      threads = { threads: busy, shape, boot: await boot(false, { workers: shape.workers, threads: shape.threads, concurrency: shape.connections, minRequests }) };
    }
    const profile = buildProfile(profileParts(plan, base, pre, threads));
    const out: Calibration = { python: plan.python, workerClass: cls, app: plan.app, workers, command, base, profile, warnings };
    if (pre) out.preload = pre;
    if (threads) out.threads = threads;
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The thread-pool boot: --threads N is one worker of N threads with every thread busy (every connection
 * reaches it); otherwise what tune recommends once the first boot has measured the app.
 */
function threadsShape(plan: CalibratePlan, provisional: () => Profile): ThreadsShape | undefined {
  const n = plan.opts.threads;
  if (n !== undefined) return { workers: 1, threads: n, connections: Math.max(plan.opts.concurrency, n) };
  return plan.threadsFor?.(provisional());
}

/** What the profile is built from: the boots measured so far. */
function profileParts(plan: CalibratePlan, base: BootMeasurement, pre: BootMeasurement | undefined, threads: Calibration['threads']): ProfileParts {
  const { opts, workerClass: cls } = plan;
  return {
    workerClass: cls,
    app: plan.app,
    measuredAt: new Date(),
    load: base.load,
    ...(pre ? { preloadLoad: pre.load } : {}),
    preloadShare: pre ? preloadShare(base.load, pre.load) : null,
    cpuMsPerRequest: cpuOf(base, threads?.boot),
    latencyMs: base.single.meanLatencyMs,
    path: opts.path,
    ...(threads ? { perThread: { bytes: perThreadBytes(base.load, threads.boot.load, threads.threads), threads: threads.threads } } : {}),
    ...(holdsConnections(cls) ? { perConnection: { bytes: perConnectionBytes(base.idle, base.load, opts.concurrency), connections: opts.concurrency } } : {}),
  };
}

/** CPU per request: the threads boot runs the thread count that will serve, where turns on the GIL cost CPU, so the higher figure. */
function cpuOf(base: BootMeasurement, threadsBoot: BootMeasurement | undefined): number | null {
  if (threadsBoot?.cpuMsPerRequest == null || base.cpuMsPerRequest == null) return base.cpuMsPerRequest;
  return Math.max(base.cpuMsPerRequest, threadsBoot.cpuMsPerRequest);
}
