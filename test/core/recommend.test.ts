import { describe, expect, it } from 'vitest';
import { WORKER_CLASSES, WORKLOADS } from '../../src/core/classes.js';
import { codes, rec } from './helpers.js';

const MiB = 2 ** 20;

describe('the issue example: tune --cpus 4 --mem 2g --class gthread', () => {
  const r = rec({ cpus: 4, mem: '2g', workerClass: 'gthread' });
  it('one worker per core, threads for the mixed workload', () => {
    // mixed work is half CPU: 4 cores × (1 + 1) = 8 slots over 4 workers, × 1.4 for the keep-alive skew.
    expect(r.settings).toMatchObject({ workers: 4, worker_class: 'gthread', threads: 3, worker_connections: 1000, keepalive: 5, preload_app: true, timeout: 30, graceful_timeout: 30 });
    expect(codes(r.rationale.workers)).toContain('WORKERS_PER_CORE');
    expect(codes(r.rationale._model)).toEqual(['TARGET_WORKLOAD', 'FOLKLORE_2N_PLUS_1']);
    expect(r.rationale._model!.find((x) => x.code === 'FOLKLORE_2N_PLUS_1')!.args).toMatchObject({ value: 9, chosen: 4 });
  });
  it('fits the budget with the default 256 MiB worker and says it is a default', () => {
    expect(r.memory.fits).toBe(true);
    expect(r.memory.perWorkerSource).toBe('default');
    expect(r.memory.usableBytes).toBe(2 * 1024 * MiB - Math.round(2 * 1024 * MiB * 0.1));
    expect(r.memory.estimatedBytes).toBeLessThanOrEqual(r.memory.usableBytes);
    expect(codes(r.warnings)).toContain('DEFAULT_WORKER_MEM');
  });
  it('sustains slots / latency', () => {
    // 12 slots / 0.1 s = 120 req/s of slots, but 4 workers keep 4 / 1.06 (gthread's measured request
    // skew) = 3.774 cores busy, / 50 ms of CPU = 75.5.
    expect(r.capacity).toMatchObject({ slots: 12, latencyMs: 100, cores: 3.774, ioCeilingRps: 120, cpuCeilingRps: 75.5, sustainableRps: 75.5, limitedBy: 'cpu' });
  });
});

describe('every class × workload gives a complete, self-consistent answer', () => {
  for (const workerClass of WORKER_CLASSES)
    for (const workload of WORKLOADS)
      it(`${workerClass} / ${workload}`, () => {
        const r = rec({ cpus: 2, mem: '4g', workerClass, workload });
        expect(r.memory.fits).toBe(true);
        const workers = (r.settings.workers as number | undefined) ?? 1;
        expect(workers).toBeGreaterThanOrEqual(1);
        for (const key of Object.keys(r.settings)) if (r.settings[key] !== null && key !== 'workers' && key !== 'threads') expect(r.rationale[key], key).toBeDefined();
        // The recommendation never trips a configuration trap of its own making.
        expect(codes(r.warnings)).not.toContain('SYNC_THREADS');
        expect(codes(r.warnings)).not.toContain('GTHREAD_WC_LE_THREADS');
        expect(codes(r.warnings)).not.toContain('KEEPALIVE_BELOW_LB');
        if (r.server === 'waitress') expect(r.settings.connection_limit as number).toBeGreaterThanOrEqual(r.settings.threads as number);
      });
});

describe('CPU-bound work', () => {
  it('sync: about one worker per core, not 2n+1', () => {
    // 90 % CPU: 4 × 1/0.9 = 4.44 → 5 slots.
    const r = rec({ cpus: 4, mem: '8g', workerClass: 'sync', workload: 'cpu' });
    expect(r.settings.workers).toBe(5);
    expect(r.settings).not.toHaveProperty('keepalive');
    expect(r.settings).not.toHaveProperty('threads');
    expect(r.capacity.limitedBy).toBe('cpu');
  });
  it('warns against event loops and single-process waitress', () => {
    expect(codes(rec({ workerClass: 'gevent', workload: 'cpu' }).warnings)).toContain('CPU_ON_EVENT_LOOP');
    expect(codes(rec({ cpus: 4, workerClass: 'waitress', workload: 'cpu' }).warnings)).toContain('WAITRESS_ONE_CORE');
  });
});

describe('IO-bound work', () => {
  it('gthread spreads users over threads (seed 004: 30 users need 30 slots, not 9)', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'gthread', workload: 'io', users: 30 });
    // 15 per worker, × 1.4 because keep-alive connections do not split evenly.
    expect(r.settings).toMatchObject({ workers: 2, threads: 21 });
    expect(r.capacity.slots).toBe(42);
    expect(codes(r.rationale._model)).toContain('TARGET_USERS');
  });
  it('warns when the users exceed the slots: 30 users on seed 004’s 3 × 3', () => {
    const r = rec({ cpus: 3, mem: '4g', workerClass: 'gthread', workload: 'io', users: 30, latencyMs: 3000, dbMaxConnections: 9 });
    expect(r.capacity.slots).toBe(9);
    const w = r.warnings.find((x) => x.code === 'CAPACITY_SHORT')!;
    expect(w.args).toMatchObject({ users: 30, slots: 9, limitedBy: 'slots', offered: 10, sustainable: 3 });
    // Closed loop: R = N / X = 30 / (9 / 3 s) = 10 s.
    expect(r.capacity.expectedLatencyMs).toBe(10000);
    expect(r.capacity.replicas).toBe(4);
  });
  it('gevent keeps gunicorn’s 1000 connections unless the load needs more', () => {
    expect(rec({ workerClass: 'gevent', workload: 'io' }).settings.worker_connections).toBe(1000);
    expect(rec({ workerClass: 'gevent', workload: 'io', users: 5000 }).settings.worker_connections).toBe(5000);
    expect(rec({ workerClass: 'gevent', workload: 'io' }).settings.preload_app).toBe(false);
  });
  it('sizes slots for a rate with Erlang C', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'gthread', workload: 'io', rps: 100, latencyMs: 200 });
    // 100 req/s × 0.2 s = 20 in flight; a few more slots keep the wait under 20 ms.
    const target = r.rationale._model!.find((x) => x.code === 'TARGET_RPS')!.args.target as number;
    expect(target).toBeGreaterThan(20);
    expect(target).toBeLessThan(30);
    expect((r.settings.threads as number) * (r.settings.workers as number)).toBeGreaterThanOrEqual(target);
  });
  it('says how many replicas a rate needs when one machine cannot serve it', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn-worker', workload: 'io', rps: 500, latencyMs: 50 });
    // CPU: 2 workers / 1.09 skew = 1.835 cores / 5 ms = 367 req/s; at 80 % utilisation two machines.
    expect(r.capacity).toMatchObject({ cpuCeilingRps: 367, sustainableRps: 367, replicas: 2 });
    expect(r.warnings.find((x) => x.code === 'CAPACITY_SHORT')?.args).toMatchObject({ rps: 500, limitedBy: 'cpu', cpuSource: 'assumed', cpuMs: 5 });
  });
});

describe('memory', () => {
  it('caps workers by the budget and says so', () => {
    const r = rec({ cpus: 8, mem: '1g', workerClass: 'sync', workload: 'cpu' });
    expect(r.settings.workers).toBeLessThan(9);
    expect(r.memory.fits).toBe(true);
    expect(codes(r.warnings)).toContain('MEMORY_CAPPED');
  });
  it('gthread keeps its slots when memory takes workers away', () => {
    const r = rec({ cpus: 4, mem: '768m', workerClass: 'gthread', workload: 'io', users: 40, preload: false });
    expect(r.settings.workers).toBe(2);
    expect((r.settings.threads as number) * 2).toBeGreaterThanOrEqual(40);
  });
  it('fails plainly when not even one worker fits', () => {
    const r = rec({ cpus: 1, mem: '256m', workerClass: 'sync' });
    expect(r.memory.fits).toBe(false);
    expect(r.memory.maxWorkers).toBe(0);
    expect(r.warnings[0]).toMatchObject({ code: 'NOT_EVEN_ONE_WORKER', severity: 'error' });
  });
  it('uses a measured per-worker figure: seed 002’s 150 MB Django worker on a 2 GB t3.small', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'gthread', workerMem: '150m', workload: 'mixed' });
    expect(r.memory.perWorkerSource).toBe('worker-mem');
    expect(codes(r.warnings)).not.toContain('DEFAULT_WORKER_MEM');
    expect(r.settings).toMatchObject({ workers: 2, threads: 3 });
    // master 16.1 MiB + preload share 0.31 × 150 + 2 × (0.69 × 150 + 3 threads × 152 KiB)
    expect(r.memory.estimatedBytes / MiB).toBeCloseTo(16.1 + 0.31 * 150 + 2 * (0.69 * 150 + (3 * 152) / 1024), 0);
  });
  it('preload shares pages: the same workers cost less with it', () => {
    const on = rec({ cpus: 4, mem: '4g', workerClass: 'sync', preload: true });
    const off = rec({ cpus: 4, mem: '4g', workerClass: 'sync', preload: false });
    expect(on.memory.estimatedBytes).toBeLessThan(off.memory.estimatedBytes);
    expect(on.hooks.gcFreezeOnReady).toBe(true);
    expect(off.hooks.gcFreezeOnReady).toBe(false);
  });
  it('uvicorn --workers pays for a supervisor and a resource tracker; one process pays neither', () => {
    const many = rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn' });
    expect(many.memory.extraBytes).toBeGreaterThan(6 * MiB);
    const one = rec({ cpus: 1, mem: '400m', workerClass: 'uvicorn' });
    expect(one.settings.workers).toBe(1);
    expect(one.memory.masterBytes).toBe(0);
    expect(one.memory.extraBytes).toBe(0);
  });
});

describe('database budget', () => {
  it.each(['sync', 'gthread', 'gevent', 'uvicorn', 'waitress'] as const)('%s never needs more connections than allowed', (workerClass) => {
    const r = rec({ cpus: 4, mem: '8g', workerClass, workload: 'io', users: 100, dbMaxConnections: 10 });
    expect(r.database!.total).toBeLessThanOrEqual(10);
    expect(r.database!.enforcedByServer).toBe(true);
  });
  it('uvicorn bounds each worker with limit_concurrency = slots + 1', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn', dbMaxConnections: 20 });
    expect(r.settings).toMatchObject({ workers: 2, limit_concurrency: 11 });
  });
  it('uvicorn-worker cannot be bounded by gunicorn: the app pool must be', () => {
    const r = rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn-worker', dbMaxConnections: 20 });
    expect(r.database).toMatchObject({ perProcess: 10, total: 20, enforcedByServer: false });
    expect(codes(r.warnings)).toContain('DB_POOL_BY_APP');
  });
});

describe('timeouts follow the platform', () => {
  it('keep-alive outlasts the load balancer and graceful shutdown fits the grace period', () => {
    const r = rec({ workerClass: 'gthread', lbIdleTimeout: 60, shutdownGrace: 30 });
    expect(r.settings).toMatchObject({ keepalive: 65, graceful_timeout: 20 });
    expect(codes(r.rationale.keepalive)).toEqual(['KEEPALIVE_ABOVE_LB']);
  });
  it('Heroku: 95 over the router’s 90, as Heroku’s reference config', () => {
    expect(rec({ workerClass: 'gthread', lbIdleTimeout: 90 }).settings.keepalive).toBe(95);
  });
  it('waitress channel_timeout stays above the balancer', () => {
    expect(rec({ workerClass: 'waitress', lbIdleTimeout: 300 }).settings.channel_timeout).toBe(305);
    expect(rec({ workerClass: 'waitress' }).settings.channel_timeout).toBe(120);
  });
  it('a sync worker is given 10× a slow request', () => {
    expect(rec({ workerClass: 'sync', latencyMs: 8000 }).settings.timeout).toBe(80);
  });
});

describe('traps the user forces are named', () => {
  it('gevent with --preload', () => {
    const r = rec({ workerClass: 'gevent', preload: true });
    expect(r.settings.preload_app).toBe(true);
    expect(codes(r.warnings)).toContain('GEVENT_PRELOAD');
  });
  it('uvicorn leaves the loop to auto (runs without uvloop too) and says what uvicorn[standard] buys with --workers', () => {
    const many = rec({ workerClass: 'uvicorn', cpus: 2 });
    expect(many.settings.loop).toBeNull();
    expect(codes(many.warnings)).not.toContain('UVICORN_NODELAY');
    expect(many.warnings.find((w) => w.code === 'UVICORN_NEEDS_UVLOOP')).toMatchObject({ severity: 'info', args: { workers: 2, addedMs: 44, rateRatio: 0.54 } });
    const one = rec({ workerClass: 'uvicorn', cpus: 1, mem: '400m' });
    expect(one.settings.workers).toBe(1);
    expect(codes(one.warnings)).not.toContain('UVICORN_NEEDS_UVLOOP');
  });
  it('per-worker state once there are several workers', () => {
    expect(codes(rec({ workerClass: 'sync' }).warnings)).toContain('PER_WORKER_STATE');
    expect(codes(rec({ workerClass: 'waitress' }).warnings)).not.toContain('PER_WORKER_STATE');
  });
});

it('uvicorn-worker emits the maintained worker path, or the old one on request', () => {
  expect(rec({ workerClass: 'uvicorn-worker' }).settings.worker_class).toBe('uvicorn_worker.UvicornWorker');
  expect(rec({ workerClass: 'uvicorn-worker', legacyUvicornWorker: true }).settings.worker_class).toBe('uvicorn.workers.UvicornWorker');
});

it('waitress: one process, threads from the load, poll() past select()’s limit', () => {
  const r = rec({ cpus: 1, mem: '1g', workerClass: 'waitress', workload: 'io', users: 400 });
  expect(r.settings).toMatchObject({ threads: 64, connection_limit: 464, asyncore_use_poll: true, recv_bytes: 8192, cleanup_interval: 30 });
  expect(codes(r.warnings)).toContain('WAITRESS_THREADS_CAPPED');
  expect(r.settings).not.toHaveProperty('send_bytes');
});

describe('measured by bench:quality', () => {
  it('CPU-bound: 64 users need only the slots that keep the cores busy', () => {
    const sync = rec({ cpus: 2, mem: '4g', workerClass: 'sync', workload: 'cpu', users: 64, latencyMs: 5 });
    expect(sync.settings.workers).toBe(3);
    expect(codes(sync.rationale._model)).toContain('TARGET_CPU_BOUND');
    const gthread = rec({ cpus: 2, mem: '4g', workerClass: 'gthread', workload: 'cpu', users: 64, latencyMs: 5 });
    expect(gthread.settings).toMatchObject({ workers: 2, threads: 3 });
  });
  it('sync workers stop at 4 per core (gunicorn: "2-4 x $(NUM_CORES)"); the rest is named', () => {
    const r = rec({ cpus: 2, mem: '8g', workerClass: 'sync', workload: 'io', users: 64, latencyMs: 50 });
    expect(r.settings.workers).toBe(8);
    expect(codes(r.rationale.workers)).toContain('WORKERS_SLOTS_CAPPED');
    expect(codes(r.warnings)).toEqual(expect.arrayContaining(['CAPACITY_SHORT', 'SYNC_FOR_IO']));
  });
  it('with measured private memory, workers add their USS and shared pages count once', () => {
    const profile = { version: 1 as const, masterBytes: 15 * MiB, workerBytes: 20 * MiB, measuredWorkers: 3, workerPrivateBytes: 16 * MiB };
    const r = rec({ cpus: 4, mem: '4g', workerClass: 'sync', workload: 'cpu', preload: false, profile });
    // fixed = master + 3 × (PSS − USS) = 15 + 12; each of the 5 workers adds 16.
    expect(r.settings.workers).toBe(5);
    expect(r.memory.estimatedBytes).toBe((15 + 12 + 5 * 16) * MiB);
  });
  it('gevent counts the connections of the stated peak, not its 1000 limit', () => {
    const stated = rec({ cpus: 2, mem: '2g', workerClass: 'gevent', workload: 'io', users: 64, workerMem: '30m' });
    expect(stated.settings.workers).toBe(2);
    expect(stated.memory.connections).toEqual({ total: 64, perWorker: 32, source: 'users' });
    // No load stated: what keeps the cores busy at 10 % CPU (Goetz: 2 workers / 1.06 skew = 1.887 cores
    // / 0.1 → 19), counted as for every class.
    const unstated = rec({ cpus: 2, mem: '2g', workerClass: 'gevent', workload: 'io', workerMem: '30m' });
    expect(unstated.memory.connections).toEqual({ total: 19, perWorker: 10, source: 'assumed' });
    expect(stated.memory.perWorkerBytes - unstated.memory.perWorkerBytes).toBe(Math.round((32 - 10) * 19.4 * 1024));
  });
});

it('gthread adds a worker rather than lose the keep-alive headroom at the 32-thread cap', () => {
  // 64 users on 2 cores: 2 × 32 leaves no room for the skew; 3 workers × 30 threads do.
  const r = rec({ cpus: 2, mem: '2g', workerClass: 'gthread', workload: 'io', users: 64, latencyMs: 50 });
  expect(r.settings).toMatchObject({ workers: 3, threads: 30 });
  expect(codes(r.rationale.workers)).toContain('WORKERS_FOR_THREADS');
});

it('an assumed CPU share comes with the rate it implies at half and twice that; a measured one does not', () => {
  // 3.774 usable cores, 100 ms mixed: 50 ms of CPU assumed → 75.5 req/s; 100 ms → 37.7; 25 ms → 151,
  // capped by 12 slots / 0.1 s = 120.
  const assumed = rec({ cpus: 4, mem: '2g', workerClass: 'gthread' });
  expect(assumed.capacity.sustainableRps).toBe(75.5);
  expect(assumed.capacity.sustainableRangeRps).toEqual([37.7, 120]);
  const profile = { version: 1 as const, masterBytes: 15 * MiB, workerBytes: 40 * MiB, cpuMsPerRequest: 30, latencyMs: 100 };
  expect(rec({ cpus: 4, mem: '2g', workerClass: 'gthread', profile }).capacity.sustainableRangeRps).toBeUndefined();
});

it('a measured busy-thread cost is charged for the threads the connections keep busy, the idle rate for the rest', () => {
  const profile = { version: 1 as const, masterBytes: 15 * MiB, workerBytes: 40 * MiB, perThreadBytes: 2 * MiB, measuredThreads: 16 };
  const r = rec({ cpus: 2, mem: '2g', workerClass: 'gthread', workload: 'io', users: 16, preload: false, profile });
  const { workers, threads } = r.settings as { workers: number; threads: number };
  const perWorkerConns = Math.ceil(16 / workers);
  expect(threads).toBeGreaterThan(perWorkerConns);
  expect(r.memory.perWorkerBytes).toBe(Math.round(40 * MiB + perWorkerConns * 2 * MiB + (threads - perWorkerConns) * 152 * 1024));
});

it('uvicorn --workers: the measured request skew costs capacity, and the note says what spread it', () => {
  const r = rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn', workload: 'cpu' });
  expect(r.settings.workers).toBe(2);
  // 2 workers / 1.31 (bench/results/real-skew.md) = 1.527 cores.
  expect(r.capacity.cores).toBe(1.527);
  expect(r.warnings.find((w) => w.code === 'UVICORN_SKEW')?.args).toEqual({ workers: 2, skew: 1.31, cores: 1.527, backlog: 16, backlogSkew: 1.09, uvicornWorkerSkew: 1.09 });
  // Under gunicorn the same app spreads nearly evenly.
  expect(rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn-worker', workload: 'cpu' }).capacity.cores).toBe(1.835);
});

describe('many threads in one process', () => {
  const codes = (raw: Record<string, unknown>) => rec({ cpus: 2, mem: '1g', ...raw }).warnings.map((w) => w.code);
  it('say that the CPU per request changes with them (measured 0.9–3.4× from 16 threads), below 16 nothing', () => {
    const r = rec({ cpus: 2, mem: '1g', workerClass: 'waitress', workload: 'io', users: 64 });
    expect(r.settings.threads).toBe(64);
    expect(r.warnings.find((w) => w.code === 'THREAD_CPU_GROWTH')).toMatchObject({ severity: 'info', args: { threads: 64, low: 0.9, high: 3.4 } });
    expect(codes({ workerClass: 'gthread' })).not.toContain('THREAD_CPU_GROWTH');
    expect(codes({ workerClass: 'sync', workload: 'io', users: 64 })).not.toContain('THREAD_CPU_GROWTH');
  });
});
