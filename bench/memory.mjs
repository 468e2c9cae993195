#!/usr/bin/env node
// Memory calibration for worker-tune's model (src/core/coefficients.ts).
//
// For each server configuration of a minimal Flask / FastAPI app (bench/apps/), boot it on a free
// loopback port, warm it up, and read PSS / USS / RSS of every process of its tree from
// /proc/PID/smaps_rollup:
//   idle: after boot + >= 100 warm-up requests (on fresh connections, until every worker answered
//         /pid) + 1 s rest;
//   load: ~3 s into a 6 s `wrk -t2 -c64` run on /io (plus a -c512 run for gevent and single-process
//         uvicorn, to get the per-connection cost).
// Then derive per-class coefficients (master, per-worker, per-thread, per-connection, preload share,
// resource_tracker) and write bench/results/memory.json and memory.md.
//
// Usage: node bench/memory.mjs [--quick] [--only id[,id...]] [--out file.json] [--list]
//   --quick  fewer configs and shorter runs (development); writes bench/.work/ unless --out
//   --only   run only these config ids (see --list); writes bench/.work/ unless --out
// `npm run bench:memory` runs it (after a build it does not need). Needs Linux, wrk and Debian's
// /usr/bin/python3 with gunicorn, uvicorn, waitress, gevent, flask, fastapi (see bench/apps/).
// Servers bind 127.0.0.1 only; every process started is stopped at the end, on error and on SIGINT.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startServer,
  processTree,
  smapsRollup,
  runWrk,
  httpGet,
  installCleanupHandlers,
  stoppingSignal,
  stopAll,
  sleep,
  machineInfo,
  writeAtomic,
  mib,
  mean,
  sum,
} from './lib/index.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const APPS_DIR = path.join(BENCH_DIR, 'apps');
const PY = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';
const WAITRESS = '/usr/bin/waitress-serve';
const COMMAND = 'npm run bench:memory   (= node bench/memory.mjs)';

// ---------------------------------------------------------------------------------------------
// Configurations

const FLASK = 'flask_app:app';
const FASTAPI = 'fastapi_app:app';
const UVW = 'uvicorn.workers.UvicornWorker';

/**
 * server: gunicorn | uvicorn | waitress; workerClass: model class; c512: also run a c=512 load;
 * quick: part of --quick. `workers` counts worker processes (1 for single-process servers).
 */
const CONFIGS = [
  { id: 'sync-w3', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, quick: true },
  { id: 'sync-w3-preload', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, preload: true },
  { id: 'sync-w3-preload-gcfreeze', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, preload: true, gcFreeze: true, quick: true },
  { id: 'gthread-w2-t1', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 1, quick: true },
  { id: 'gthread-w2-t8', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 8 },
  { id: 'gthread-w2-t32', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 32, quick: true },
  { id: 'gevent-w2-wc1000', server: 'gunicorn', workerClass: 'gevent', app: 'flask', workers: 2, workerConnections: 1000, c512: true, quick: true },
  { id: 'uvicornworker-w3', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, quick: true },
  { id: 'uvicornworker-w3-preload', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, preload: true },
  { id: 'uvicornworker-w3-preload-gcfreeze', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, preload: true, gcFreeze: true, quick: true },
  { id: 'uvicorn-w3', server: 'uvicorn', workerClass: 'uvicorn', app: 'fastapi', workers: 3, quick: true },
  { id: 'uvicorn-single', server: 'uvicorn', workerClass: 'uvicorn', app: 'fastapi', workers: 1, singleProcess: true, c512: true, quick: true },
  { id: 'waitress-t4', server: 'waitress', workerClass: 'waitress', app: 'flask', workers: 1, threads: 4, singleProcess: true, quick: true },
  { id: 'waitress-t16', server: 'waitress', workerClass: 'waitress', app: 'flask', workers: 1, threads: 16, singleProcess: true },
].map((c) => ({ threads: null, workerConnections: null, preload: false, gcFreeze: false, singleProcess: false, c512: false, quick: false, ...c }));

/** argv for a config, given the port. Access logs are off everywhere (see README notes in memory.md). */
function commandFor(cfg, port) {
  const bind = `127.0.0.1:${port}`;
  const appRef = cfg.app === 'flask' ? FLASK : FASTAPI;
  if (cfg.server === 'gunicorn') {
    // gunicorn writes no access log unless --access-logfile is given (accesslog defaults to None).
    const k = { sync: 'sync', gthread: 'gthread', gevent: 'gevent', 'uvicorn-worker': UVW }[cfg.workerClass];
    const args = ['--bind', bind, '--workers', String(cfg.workers), '--worker-class', k, '--log-level', 'warning'];
    if (cfg.threads != null) args.push('--threads', String(cfg.threads));
    if (cfg.workerConnections != null) args.push('--worker-connections', String(cfg.workerConnections));
    if (cfg.preload) args.push('--preload');
    if (cfg.gcFreeze) args.push('--config', 'gcfreeze.conf.py');
    args.push(appRef);
    return { cmd: GUNICORN, args };
  }
  if (cfg.server === 'uvicorn') {
    const args = ['-m', 'uvicorn', appRef, '--host', '127.0.0.1', '--port', String(port), '--no-access-log', '--log-level', 'warning'];
    if (!cfg.singleProcess) args.push('--workers', String(cfg.workers));
    return { cmd: PY, args };
  }
  if (cfg.server === 'waitress') {
    // waitress has no access log.
    return { cmd: WAITRESS, args: [`--listen=${bind}`, `--threads=${cfg.threads}`, appRef] };
  }
  throw new Error(`unknown server ${cfg.server}`);
}

/** Environment for the servers: ours, minus variables that would change their configuration. */
function serverEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GUNICORN_CMD_ARGS|WEB_CONCURRENCY|PORT|UVICORN_.*|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|PYTHONMALLOC.*)$/.test(k)) continue;
    env[k] = v;
  }
  env.PYTHONDONTWRITEBYTECODE = '1'; // keep bench/apps free of __pycache__
  return env;
}

// ---------------------------------------------------------------------------------------------
// Measurement

/** Role of each process in a server tree: master / worker / extra (helper processes). */
function classify(cfg, tree) {
  const [root, ...rest] = tree.filter((p) => p.state !== 'Z');
  if (!root) throw new Error('server process tree is gone');
  if (cfg.singleProcess) return { master: null, workers: [root], extras: rest };
  const workers = [];
  const extras = [];
  for (const p of rest) {
    const isTracker = p.cmdline.join(' ').includes('resource_tracker');
    if (p.depth === 1 && !isTracker) workers.push(p);
    else extras.push(p);
  }
  return { master: root, workers, extras };
}

/** Read smaps_rollup of every process of the server's tree, as close together as possible. */
function sampleMemory(cfg, serverPid) {
  const tree = processTree(serverPid);
  const { master, workers, extras } = classify(cfg, tree);
  const read = (p) => {
    const r = smapsRollup(p.pid);
    if (!r) throw new Error(`process ${p.pid} vanished while sampling`);
    return r;
  };
  const m = master ? read(master) : null;
  const ws = workers.map(read);
  const xs = extras.map(read);
  const all = [m, ...ws, ...xs].filter(Boolean);
  const warnings = [];
  if (workers.length !== cfg.workers) warnings.push(`expected ${cfg.workers} workers, found ${workers.length}`);
  return {
    masterPssBytes: m ? m.Pss : 0,
    masterUssBytes: m ? m.Uss : 0,
    masterRssBytes: m ? m.Rss : 0,
    workerPssBytes: ws.map((r) => r.Pss),
    workerUssBytes: ws.map((r) => r.Uss),
    workerRssBytes: ws.map((r) => r.Rss),
    extraPssBytes: sum(xs.map((r) => r.Pss)),
    extraProcesses: extras.map((p, i) => ({
      pid: p.pid,
      role: p.cmdline.join(' ').includes('resource_tracker') ? 'resource_tracker' : 'other',
      cmdline: p.cmdline.join(' ').slice(0, 200),
      pssBytes: xs[i].Pss,
      ussBytes: xs[i].Uss,
      rssBytes: xs[i].Rss,
    })),
    totalPssBytes: sum(all.map((r) => r.Pss)),
    totalRssBytes: sum(all.map((r) => r.Rss)),
    pids: { master: master?.pid ?? null, workers: workers.map((p) => p.pid), extras: extras.map((p) => p.pid) },
    warnings,
  };
}

/**
 * Warm-up: GET /, /io, /cpu, /pid in turn, `concurrency` at a time, each on a new connection so
 * that the kernel spreads them over the workers; go on until >= minRequests were served and every
 * expected worker PID answered /pid (bounded by maxRequests and timeoutMs).
 */
async function warmUp(baseUrl, expectedWorkers, { minRequests = 100, concurrency = 8, maxRequests = 3000, timeoutMs = 20000 } = {}) {
  const paths = ['/', '/io', '/cpu', '/pid'];
  const pidsSeen = new Set();
  let sent = 0;
  let failed = 0;
  const deadline = Date.now() + timeoutMs;
  const done = () => (sent >= minRequests && pidsSeen.size >= expectedWorkers) || sent >= maxRequests || Date.now() > deadline;
  const lane = async () => {
    while (!done()) {
      const p = paths[sent++ % paths.length];
      try {
        const r = await httpGet(baseUrl + p, { timeoutMs: 5000 });
        if (r.status !== 200) failed++;
        else if (p === '/pid') pidsSeen.add(r.body.trim());
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { requests: sent, failed, workersAnswered: pidsSeen.size };
}

function wrkSummary(r) {
  return { rps: r.rps, requests: r.requests, p50Ms: r.p50Ms, p99Ms: r.p99Ms, errors: r.errors, timeouts: r.timeouts };
}

/** Run wrk on /io and sample memory `sampleAtS` seconds into it. */
async function loadSample(cfg, server, { connections, durationS, sampleAtS }) {
  const run = runWrk({ url: `${server.url}/io`, connections, threads: 2, durationS, timeoutS: 2 });
  run.catch(() => {}); // handled by the `await run` below; avoid an unhandled rejection meanwhile
  let sample;
  let sampleError;
  try {
    await sleep(sampleAtS * 1000);
    sample = sampleMemory(cfg, server.pid);
  } catch (e) {
    sampleError = e;
  }
  const wrk = await run; // always wait for wrk (bounded by -d and runWrk's own kill timer)
  if (sampleError) throw sampleError;
  return { sample, wrk };
}

function rowBase(cfg) {
  return {
    id: cfg.id,
    server: cfg.server,
    workerClass: cfg.workerClass,
    app: cfg.app,
    workers: cfg.workers,
    threads: cfg.threads,
    workerConnections: cfg.workerConnections,
    preload: cfg.preload,
    gcFreeze: cfg.gcFreeze,
    singleProcess: cfg.singleProcess,
  };
}

function toRow(cfg, phase, concurrency, sample, extra = {}) {
  const { pids, warnings, ...mem } = sample;
  return { ...rowBase(cfg), phase, concurrency, ...mem, ...extra, warnings };
}

async function startWithRetry(cfg, env) {
  let lastErr;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startServer({
        cmd: commandFor(cfg, 0).cmd, // the executable does not depend on the port
        args: (port) => commandFor(cfg, port).args,
        env,
        cwd: APPS_DIR,
        readyPath: '/',
        readyTimeoutMs: 30000,
        label: cfg.id,
      });
    } catch (e) {
      lastErr = e;
      if (!/address already in use|Errno 98/i.test(e.message)) throw e;
    }
  }
  throw lastErr;
}

async function measureConfig(cfg, opts, env) {
  const t0 = Date.now();
  const server = await startWithRetry(cfg, env);
  const rows = [];
  try {
    const warm = await warmUp(server.url, cfg.workers);
    await sleep(1000);
    const idle = sampleMemory(cfg, server.pid);
    if (warm.workersAnswered < cfg.workers) idle.warnings.push(`only ${warm.workersAnswered}/${cfg.workers} workers answered during warm-up`);
    rows.push(toRow(cfg, 'idle', 0, idle, { warmup: warm }));

    const l64 = await loadSample(cfg, server, { connections: 64, durationS: opts.loadS, sampleAtS: opts.sampleAtS });
    rows.push(toRow(cfg, 'load', 64, l64.sample, { wrk: wrkSummary(l64.wrk) }));

    if (cfg.c512) {
      await sleep(opts.drainMs); // let queued requests from closed connections finish
      const l512 = await loadSample(cfg, server, { connections: 512, durationS: opts.loadS, sampleAtS: opts.sampleAtS });
      rows.push(toRow(cfg, 'load', 512, l512.sample, { wrk: wrkSummary(l512.wrk) }));
    }
  } finally {
    const st = await server.stop({ graceMs: 5000 });
    if (!st.gone) process.stderr.write(`  warning: ${cfg.id}: process group ${server.pgid} still alive after SIGKILL\n`);
  }
  return { rows, seconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Coefficients

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

// ---------------------------------------------------------------------------------------------
// Machine description

// ---------------------------------------------------------------------------------------------
// Report

const M = (b) => (b == null ? '–' : mib(b, 1).toFixed(1));
const Mlist = (xs) => (xs?.length ? xs.map((b) => mib(b, 1).toFixed(1)).join(' / ') : '–');
const K = (b) => (b == null ? '–' : b === 0 ? '0' : `${(b / 1024).toFixed(1)} KiB`);

function markdown(result) {
  const { machine: mc, rows, coefficients: co } = result;
  const L = [];
  L.push('# Memory of Python web-server worker configurations (minimal apps)', '');
  L.push(`Produced by \`${result.command}\` on ${result.measuredAt} (run took ${result.durationS.toFixed(0)} s${result.mode !== 'full' ? `, mode: ${result.mode}` : ''}).`);
  L.push(`Raw data: \`${result.outJson}\`. Rerun to check; the model's coefficients (src/core/coefficients.ts) come from here.`, '');
  L.push(`Machine: ${mc.cpus} CPUs (${mc.cpuModel}), ${(mc.memTotalBytes / 2 ** 30).toFixed(1)} GiB, ${mc.os}, kernel ${mc.kernel}, Python ${mc.python}, wrk ${mc.wrk}, Node ${mc.node}.`);
  L.push(`Versions: ${Object.entries(mc.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  L.push('## Method', '');
  L.push('* Apps: `bench/apps/flask_app.py` (WSGI) and `bench/apps/fastapi_app.py` (ASGI), endpoints `/`, `/io` (50 ms sleep), `/cpu` (fixed loop), `/pid`.');
  L.push('* Each config is booted on a free 127.0.0.1 port. Access logs are off (uvicorn `--no-access-log`; gunicorn has none by default; waitress has none).');
  L.push('* **idle**: after boot, >= 100 warm-up requests on fresh connections (until every worker answered `/pid`), then 1 s rest.');
  L.push(`* **load**: sampled ${result.options.sampleAtS} s into a ${result.options.loadS} s \`wrk -t2 -c64\` run on \`/io\`; gevent and single-process uvicorn also at -c512 (after a ${result.options.drainMs / 1000} s drain).`);
  L.push('* Memory from `/proc/PID/smaps_rollup`: PSS (shared pages split among sharers; sums to the real total), USS = Private_Clean + Private_Dirty, RSS (over-counts shared pages in every process).');
  L.push('* Master = gunicorn arbiter / uvicorn supervisor; extra = helper processes (uvicorn `--workers` starts multiprocessing\'s resource_tracker). Single-process servers: the process is the worker, master 0.');
  L.push('');
  L.push('## Coefficients (MiB unless noted)', '');
  L.push('| class | source config | master PSS (load) | worker PSS idle | worker PSS load | worker USS load | per thread | per connection | extra (load) |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const [name, c] of Object.entries(co.classes)) {
    L.push(
      `| ${name} | ${c.source} | ${M(c.masterPssBytes.load)} | ${M(c.workerPssBytes.idle)} | ${M(c.workerPssBytes.load)} | ${M(c.workerUssBytes.load)} | ${K(c.perThreadBytes)} | ${K(c.perConnectionBytes)} | ${c.extraPssBytes ? M(c.extraPssBytes.load) : '0'} |`,
    );
  }
  L.push('');
  const g = co.classes.gthread;
  L.push(`* gthread per thread: ${K(g.perThreadBytes)} = Δ total PSS (t=32 vs t=1, load) / (workers · 31); the workers' own PSS alone gives ${K(g.perThreadBytesWorkerOnly)} (copy-on-write also raises the master's share); t=8 vs t=32: ${K(g.perThreadBytesT8toT32)}. gthread starts threads on demand, so at idle t=32 ≈ t=1. The gthread worker PSS above is at threads=1. (t=1 at c=64 has wrk timeouts by design: 2 slots for 64 connections.)`);
  L.push(`* waitress per thread: ${K(co.classes.waitress.perThreadBytes)} from threads=4 vs 16. Single-process uvicorn: ${M(co.classes.uvicorn.singleProcessPssBytes.idle)} idle, ${M(co.classes.uvicorn.singleProcessPssBytes.load)} load.`);
  L.push(`* Per connection: gevent ${K(co.perConnectionBytes.gevent)}, asyncio (uvicorn single process) ${K(co.perConnectionBytes.asyncio)}, from Δ total PSS c=512 vs c=64 / 448.`);
  L.push(`* uvicorn --workers resource_tracker PSS: ${M(co.resourceTrackerPssBytes.idle)} idle, ${M(co.resourceTrackerPssBytes.load)} load.`);
  L.push('');
  L.push('**Preload share s** (totalPreload = master + s·W + N·(1−s)·W, W = worker PSS without preload):', '');
  L.push('| app / server | base → preload config | s idle | s load |');
  L.push('|---|---|---|---|');
  for (const [name, s] of Object.entries(co.preloadShare)) L.push(`| ${name} | ${s.base} → ${s.preload} | ${s.idle ?? '–'} | ${s.load ?? '–'} |`);
  L.push('');
  L.push('## Rows (MiB)', '');
  L.push('| id | phase | c | master PSS | worker PSS | worker USS | extra PSS | total PSS | total RSS | wrk req/s | p99 ms | errors/timeouts |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    L.push(
      `| ${r.id} | ${r.phase} | ${r.concurrency || '–'} | ${M(r.masterPssBytes)} | ${Mlist(r.workerPssBytes)} | ${Mlist(r.workerUssBytes)} | ${M(r.extraPssBytes)} | ${M(r.totalPssBytes)} | ${M(r.totalRssBytes)} | ${r.wrk ? r.wrk.rps.toFixed(0) : '–'} | ${r.wrk?.p99Ms != null ? r.wrk.p99Ms.toFixed(0) : '–'} | ${r.wrk ? `${r.wrk.errors}/${r.wrk.timeouts}` : '–'} |`,
    );
  }
  const warn = rows.filter((r) => r.warnings?.length);
  if (warn.length) {
    L.push('', '**Warnings:**', '');
    for (const r of warn) L.push(`* ${r.id} ${r.phase} c=${r.concurrency}: ${r.warnings.join('; ')}`);
  }
  if (result.failures?.length) {
    L.push('', '**Failed configs:**', '');
    for (const f of result.failures) L.push(`* ${f.id}: ${f.error.split('\n')[0]}`);
  }
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

function parseArgs(argv) {
  const o = { quick: false, only: null, out: null, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--list') o.list = true;
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) o.only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--out') o.out = argv[++i];
    else if (a.startsWith('--out=')) o.out = a.slice(6);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/memory.mjs [--quick] [--only id[,id...]] [--out file.json] [--list]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const c of CONFIGS) console.log(`${c.id}${c.quick ? '  (quick)' : ''}`);
    return;
  }
  let configs = CONFIGS;
  if (args.quick) configs = configs.filter((c) => c.quick);
  if (args.only) {
    const unknown = args.only.filter((id) => !CONFIGS.some((c) => c.id === id));
    if (unknown.length) throw new Error(`unknown config id(s): ${unknown.join(', ')} (see --list)`);
    configs = CONFIGS.filter((c) => args.only.includes(c.id));
  }
  const mode = args.only ? 'only' : args.quick ? 'quick' : 'full';
  const opts = args.quick ? { loadS: 4, sampleAtS: 2, drainMs: 2000 } : { loadS: 6, sampleAtS: 3, drainMs: 3000 };
  const outJson = args.out ?? (mode === 'full' ? path.join(BENCH_DIR, 'results', 'memory.json') : path.join(BENCH_DIR, '.work', `memory-${mode}.json`));
  const outMd = outJson.replace(/\.json$/, '') + '.md';

  installCleanupHandlers();
  // Backstop: the whole run must end by itself (a full run takes a few minutes).
  const watchdogMs = (configs.length * 60 + 60) * 1000;
  const watchdog = setTimeout(async () => {
    process.stderr.write(`\nwatchdog: run exceeded ${watchdogMs / 1000} s, stopping everything\n`);
    await stopAll();
    process.exit(124);
  }, watchdogMs);
  watchdog.unref();

  const started = Date.now();
  const measuredAt = new Date().toISOString();
  const mc = machineInfo(PY, { env: serverEnv() });
  console.log(`memory bench (${mode}): ${configs.length} configs, ${mc.cpus} CPUs, Python ${mc.python}; output ${path.relative(process.cwd(), outJson)}`);
  const env = serverEnv();
  const rows = [];
  const failures = [];
  for (const cfg of configs) {
    process.stdout.write(`- ${cfg.id.padEnd(34)} `);
    try {
      const { rows: rs, seconds } = await measureConfig(cfg, opts, env);
      rows.push(...rs);
      const parts = rs.map((r) => `${r.phase}${r.concurrency ? `@${r.concurrency}` : ''} ${M(r.totalPssBytes)}`);
      const warns = rs.flatMap((r) => r.warnings);
      console.log(`total PSS MiB: ${parts.join(', ')}  (${seconds.toFixed(1)} s)${warns.length ? `  WARN: ${warns.join('; ')}` : ''}`);
    } catch (e) {
      if (stoppingSignal()) return new Promise(() => {}); // the signal handler stops and exits
      failures.push({ id: cfg.id, error: e.message });
      console.log(`FAILED: ${e.message}`);
    }
  }
  const durationS = (Date.now() - started) / 1000;
  const result = {
    measuredAt,
    command: mode === 'full' ? COMMAND : `node bench/memory.mjs ${process.argv.slice(2).join(' ')}`,
    mode,
    durationS: Math.round(durationS * 10) / 10,
    options: opts,
    outJson: path.relative(path.dirname(BENCH_DIR), outJson),
    machine: mc,
    rows,
    failures,
    coefficients: deriveCoefficients(rows),
  };
  writeAtomic(outJson, JSON.stringify(result, null, 2) + '\n');
  writeAtomic(outMd, markdown(result));
  console.log(`done in ${durationS.toFixed(0)} s: ${path.relative(process.cwd(), outJson)}, ${path.relative(process.cwd(), outMd)}`);
  if (failures.length) process.exitCode = 1;
}

main().catch(async (e) => {
  if (stoppingSignal()) return; // the signal handler stops and exits
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
