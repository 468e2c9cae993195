// The model's coefficients from the measured rows: per class master, per-worker, per-thread and
// per-connection bytes, the preload share, and the resource_tracker of uvicorn --workers.
import { mean, sum } from '../lib/index.mjs';

function findRow(rows, id, phase, concurrency) {
  return rows.find((r) => r.id === id && r.phase === phase && (concurrency == null || r.concurrency === concurrency)) ?? null;
}
const meanWorker = (r) => (r ? mean(r.workerPssBytes) : null);
const meanWorkerUss = (r) => (r ? mean(r.workerUssBytes) : null);
const round = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x));
const round3 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);

/** idle / load(c=64) pair of a per-row statistic. */
function phases(rows, id, f) {
  return { idle: round(f(findRow(rows, id, 'idle'))), load: round(f(findRow(rows, id, 'load', 64))) };
}

/**
 * Preload share s from totalPreload = m + s·W + N·(1−s)·W, where m and W are the master PSS and
 * the mean worker PSS of the same server without preload and N the number of workers:
 * s = (m + N·W − totalPreload) / ((N − 1)·W). totalPreload excludes helper processes.
 */
function preloadShare(base, pre) {
  if (!base || !pre) return null;
  const m = base.masterPssBytes;
  const W = mean(base.workerPssBytes);
  const N = pre.workers;
  const total = pre.masterPssBytes + sum(pre.workerPssBytes);
  return round3((m + N * W - total) / ((N - 1) * W));
}

/** Per-connection bytes: Δ total PSS between the c=512 and c=64 load rows of `id`, / 448. */
function perConnection(rows, id) {
  const a = findRow(rows, id, 'load', 64);
  const b = findRow(rows, id, 'load', 512);
  if (!a || !b) return null;
  return round((b.totalPssBytes - b.extraPssBytes - (a.totalPssBytes - a.extraPssBytes)) / (512 - 64));
}

/**
 * Per-thread bytes between two load(c=64) rows of the same server: Δ total PSS (helpers excluded)
 * / (workers · Δ threads). The total, not the workers' own PSS, because pages a busy worker copies
 * on write stop being shared, which also raises the master's share (gthread t=32: master +2.4 MiB).
 * With `workerOnly`, Δ mean worker PSS / Δ threads instead.
 */
function perThread(rows, idLo, idHi, { workerOnly = false } = {}) {
  const a = findRow(rows, idLo, 'load', 64);
  const b = findRow(rows, idHi, 'load', 64);
  if (!a || !b) return null;
  if (workerOnly) return round((mean(b.workerPssBytes) - mean(a.workerPssBytes)) / (b.threads - a.threads));
  const own = (r) => r.totalPssBytes - r.extraPssBytes;
  return round((own(b) - own(a)) / (b.workers * (b.threads - a.threads)));
}

export function deriveCoefficients(rows) {
  const cls = (id, extra = {}) => ({
    source: id,
    masterPssBytes: phases(rows, id, (r) => r?.masterPssBytes ?? null),
    workerPssBytes: phases(rows, id, meanWorker),
    workerUssBytes: phases(rows, id, meanWorkerUss),
    ...extra,
  });
  const asyncioPerConn = perConnection(rows, 'uvicorn-single');
  const tracker = phases(rows, 'uvicorn-w3', (r) => r?.extraPssBytes ?? null);
  const share = (baseId, preId) => ({
    base: baseId,
    preload: preId,
    idle: preloadShare(findRow(rows, baseId, 'idle'), findRow(rows, preId, 'idle')),
    load: preloadShare(findRow(rows, baseId, 'load', 64), findRow(rows, preId, 'load', 64)),
  });
  return {
    units: 'bytes; share fractions are 0..1',
    notes: [
      'workerPssBytes: mean over workers of a minimal app; load = ~3 s into wrk -t2 -c64 on /io.',
      'gthread worker figures are for threads=1; add perThreadBytes per extra busy thread (from Δ total PSS t=32 vs t=1 / (workers·31); gthread starts threads on demand, so idle t=32 ≈ t=1).',
      'waitress perThreadBytes from threads=16 vs 4 (waitress starts all its threads at boot).',
      'gevent and asyncio workers at load hold 64/workers connections each; perConnectionBytes from c=512 vs c=64 (Δ total PSS / 448).',
      'waitress and single-process uvicorn: the one process is the worker, master = 0.',
      'preloadShare s solves totalPreload = m + s·W + N·(1−s)·W with m, W from the same server without preload.',
    ],
    classes: {
      sync: cls('sync-w3', { perThreadBytes: 0, perConnectionBytes: 0 }),
      gthread: cls('gthread-w2-t1', {
        perThreadBytes: perThread(rows, 'gthread-w2-t1', 'gthread-w2-t32'),
        perThreadBytesWorkerOnly: perThread(rows, 'gthread-w2-t1', 'gthread-w2-t32', { workerOnly: true }),
        perThreadBytesT8toT32: perThread(rows, 'gthread-w2-t8', 'gthread-w2-t32'),
        perConnectionBytes: 0,
      }),
      gevent: cls('gevent-w2-wc1000', { perThreadBytes: 0, perConnectionBytes: perConnection(rows, 'gevent-w2-wc1000') }),
      'uvicorn-worker': cls('uvicornworker-w3', { perThreadBytes: 0, perConnectionBytes: asyncioPerConn }),
      uvicorn: cls('uvicorn-w3', {
        perThreadBytes: 0,
        perConnectionBytes: asyncioPerConn,
        extraPssBytes: tracker,
        singleProcessPssBytes: phases(rows, 'uvicorn-single', meanWorker),
      }),
      waitress: cls('waitress-t4', { perThreadBytes: perThread(rows, 'waitress-t4', 'waitress-t16'), perConnectionBytes: 0 }),
    },
    perConnectionBytes: { gevent: perConnection(rows, 'gevent-w2-wc1000'), asyncio: asyncioPerConn },
    resourceTrackerPssBytes: tracker,
    preloadShare: {
      flaskSync: share('sync-w3', 'sync-w3-preload'),
      flaskSyncGcFreeze: share('sync-w3', 'sync-w3-preload-gcfreeze'),
      fastapiUvicornWorker: share('uvicornworker-w3', 'uvicornworker-w3-preload'),
      fastapiUvicornWorkerGcFreeze: share('uvicornworker-w3', 'uvicornworker-w3-preload-gcfreeze'),
    },
  };
}
