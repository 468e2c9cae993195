// The memory profile given to tune for each class: bench/results/memory.json's load figures in the
// shape src/core/profile.ts reads, plus the CPU per request measured at c=1.
import fs from 'node:fs';
import path from 'node:path';
import { mean } from '../lib/index.mjs';
import { APP, FRAMEWORK, MEMORY_JSON, ROOT } from './settings.mjs';

export function loadMemoryCoefficients() {
  if (!fs.existsSync(MEMORY_JSON)) throw new Error(`${path.relative(ROOT, MEMORY_JSON)} is missing: run npm run bench:memory first`);
  const m = JSON.parse(fs.readFileSync(MEMORY_JSON, 'utf8'));
  return { measuredAt: m.measuredAt, coefficients: m.coefficients, rows: m.rows };
}

/**
 * The profile shape src/core/profile.ts reads, from the memory bench's per-class load figures.
 * Preload share: Flask classes use the Flask sync + gc.freeze share, uvicorn-worker the FastAPI +
 * gc.freeze share (tune's gunicorn.conf.py adds gc.freeze() in when_ready whenever it preloads, and
 * so do the runs here, through bench/apps/gcfreeze.conf.py).
 */
export function profileFor(cls, mem, cpuMsPerRequest) {
  const c = mem.coefficients.classes[cls];
  const ps = mem.coefficients.preloadShare;
  const p = { version: 1, workerClass: cls, app: APP[FRAMEWORK[cls]], measuredAt: mem.measuredAt, masterBytes: c.masterPssBytes.load, workerBytes: c.workerPssBytes.load };
  if (c.perThreadBytes != null) p.perThreadBytes = c.perThreadBytes;
  if (c.perConnectionBytes != null) p.perConnectionBytes = c.perConnectionBytes;
  if (c.extraPssBytes) p.extraBytes = c.extraPssBytes.load;
  if (cls === 'sync' || cls === 'gthread') p.preloadShare = ps.flaskSyncGcFreeze.load;
  if (cls === 'uvicorn-worker') p.preloadShare = ps.fastapiUvicornWorkerGcFreeze.load;
  Object.assign(p, privateMemory(cls, c, mem.rows));
  // The server CPU one request of this app costs, measured at c=1 (calibrate()): what a calibrated
  // profile tells the model instead of the workload's default CPU share.
  if (cpuMsPerRequest) p.cpuMsPerRequest = cpuMsPerRequest;
  return p;
}

/**
 * Private memory (USS) of the measured rows: the model then counts shared pages once and adds a
 * worker's USS per worker, as `tune calibrate` profiles do.
 */
function privateMemory(cls, c, rows) {
  const p = {};
  const row = (id) => rows.find((r) => r.id === id && r.phase === 'load');
  const base = row(c.source);
  if (base && base.masterPssBytes > 0) {
    p.measuredWorkers = base.workerPssBytes.length;
    p.workerPrivateBytes = Math.round(mean(base.workerUssBytes));
    const preloadId = { sync: 'sync-w3-preload-gcfreeze', 'uvicorn-worker': 'uvicornworker-w3-preload-gcfreeze' }[cls];
    const pre = preloadId && row(preloadId);
    if (pre && pre.workerPssBytes.length === base.workerPssBytes.length) {
      p.preloadMasterBytes = pre.masterPssBytes;
      p.preloadWorkerBytes = Math.round(mean(pre.workerPssBytes));
      p.preloadWorkerPrivateBytes = Math.round(mean(pre.workerUssBytes));
    }
  }
  return p;
}
