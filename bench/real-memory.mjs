#!/usr/bin/env node
// Two memory figures the model needs, measured on the real apps of bench/apps/real:
//   threads: the pandas app under gunicorn gthread, 2 workers × threads 1, 4, 8, 16 with enough
//     keep-alive connections (4 per thread) to keep every thread busy — the private memory (USS) a
//     busy thread adds to a worker, with and without preload (+ gc.freeze, as tune emits it), and with
//     MALLOC_ARENA_MAX=2 (glibc's per-thread malloc arenas are the suspect);
//   connections: the async classes (gevent with the Django and pandas apps; uvicorn --workers 2,
//     gunicorn + UvicornWorker and one-process uvicorn with the FastAPI app) at 16 and 512
//     connections: Δ total PSS / 496 per connection.
// Memory is the peak of 1 s samples of smaps_rollup over the whole process tree during the load.
//
// Usage: node bench/real-memory.mjs [--reps 3] [--only threads|connections] [--duration 10] [--out file.json]
//        node bench/real-memory.mjs --report bench/results/real-memory.json   (re-analyse, no servers)
// `npm run bench:real-memory` runs everything (about 25 minutes) into bench/results/real-memory.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServerEnv, installCleanupHandlers, machineInfo, mib, spread, stopAll, stoppingSignal, writeAtomic } from './lib/index.mjs';
import { APPS, PY, appEnv, mixLua, prepareData } from './real/apps.mjs';
import { measuredRun, loadAvg } from './real/run.mjs';
import { portableSpec, userCommand } from './real/commands.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const GCFREEZE = path.join(BENCH_DIR, 'apps', 'gcfreeze.conf.py');
const THREADS = [1, 4, 8, 16];
const CONNS = [16, 512];
const UVW = 'uvicorn.workers.UvicornWorker';

function threadCases() {
  const out = [];
  for (const variant of ['plain', 'preload', 'arena2']) {
    for (const t of THREADS) {
      const args = ['--workers', '2', '--worker-class', 'gthread', '--threads', String(t)];
      if (variant === 'preload') args.push('--preload', '--config', GCFREEZE);
      out.push({ group: 'threads', variant, threads: t, connections: Math.max(8, 4 * t), appKey: 'flask', server: 'gunicorn', app: APPS.flask.module, args, env: variant === 'arena2' ? { MALLOC_ARENA_MAX: '2' } : {} });
    }
  }
  return out;
}

function connectionCases() {
  const cases = [
    { variant: 'gevent django', appKey: 'django', server: 'gunicorn', args: ['--workers', '2', '--worker-class', 'gevent'] },
    { variant: 'gevent flask+pandas', appKey: 'flask', server: 'gunicorn', args: ['--workers', '2', '--worker-class', 'gevent'] },
    { variant: 'uvicorn --workers 2', appKey: 'fastapi', server: 'uvicorn', args: ['--workers', '2'] },
    { variant: 'gunicorn + UvicornWorker', appKey: 'fastapi', server: 'gunicorn', args: ['--workers', '2', '--worker-class', UVW] },
    { variant: 'uvicorn one process', appKey: 'fastapi', server: 'uvicorn', args: [] },
  ];
  return cases.flatMap((c) => CONNS.map((n) => ({ group: 'connections', ...c, app: APPS[c.appKey].module, connections: n, env: {} })));
}

const caseId = (c) => (c.group === 'threads' ? `threads ${c.variant} t=${c.threads}` : `conns ${c.variant} c=${c.connections}`);

function parseArgs(argv) {
  const o = { reps: 3, only: null, durationS: 10, out: null, report: null };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => inline ?? argv[++i];
    if (k === '--reps') o.reps = Number(val());
    else if (k === '--only') o.only = val();
    else if (k === '--duration') o.durationS = Number(val());
    else if (k === '--out') o.out = val();
    else if (k === '--report') o.report = val();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den ? num / den : null;
}

export function summarize(cases, runs) {
  const rows = cases.map((c) => {
    const ok = runs[caseId(c)].filter((r) => r.ok);
    return {
      id: caseId(c),
      ...portableSpec(c),
      env: undefined,
      command: `${Object.entries(c.env).map(([k, v]) => `${k}=${v} `).join('')}${userCommand(c)}`,
      ok: ok.length,
      totalPss: spread(ok.map((r) => r.totalPss)),
      workerPss: spread(ok.map((r) => r.meanWorkerPss)),
      workerUss: spread(ok.map((r) => r.meanWorkerUss)),
      threadsSeen: spread(ok.map((r) => Math.max(...r.threadsPerWorker))),
      rps: spread(ok.map((r) => r.wrk.rps)),
      errors: ok.reduce((a, r) => a + r.wrk.errors + r.wrk.timeouts, 0),
    };
  });
  const perThread = {};
  for (const variant of ['plain', 'preload', 'arena2']) {
    const xs = rows.filter((r) => r.group === 'threads' && r.variant === variant && r.workerUss.median != null);
    if (xs.length < 2) continue;
    perThread[variant] = {
      workerUssBytesPerThread: Math.round(slope(xs.map((r) => r.threads), xs.map((r) => r.workerUss.median))),
      totalPssBytesPerThread: Math.round(slope(xs.map((r) => r.threads), xs.map((r) => r.totalPss.median)) / 2),
      // Between the two largest thread counts: the cost once every thread has its arena.
      upperUssBytesPerThread: Math.round((xs.at(-1).workerUss.median - xs.at(-2).workerUss.median) / (xs.at(-1).threads - xs.at(-2).threads)),
    };
  }
  const perConnection = {};
  for (const v of [...new Set(rows.filter((r) => r.group === 'connections').map((r) => r.variant))]) {
    const lo = rows.find((r) => r.variant === v && r.connections === CONNS[0]);
    const hi = rows.find((r) => r.variant === v && r.connections === CONNS[1]);
    if (lo?.totalPss.median && hi?.totalPss.median) perConnection[v] = { bytes: Math.round((hi.totalPss.median - lo.totalPss.median) / (CONNS[1] - CONNS[0])), threadsAt512: hi.threadsSeen.median };
  }
  return { rows, perThread, perConnection };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.report) {
    // Re-analyse a finished run (no servers) from its raw runs.
    const res = JSON.parse(fs.readFileSync(o.report, 'utf8'));
    const done = [...threadCases(), ...connectionCases()].filter((c) => res.runs[caseId(c)]);
    Object.assign(res, summarize(done, res.runs));
    writeAtomic(o.report, JSON.stringify(res, null, 2) + '\n');
    return writeAtomic(o.report.replace(/\.json$/, '.md'), memoryMarkdown(res));
  }
  const cases = [...(o.only !== 'connections' ? threadCases() : []), ...(o.only !== 'threads' ? connectionCases() : [])];
  const full = !o.only && o.reps >= 3;
  const outFile = o.out ?? (full ? path.join(BENCH_DIR, 'results', 'real-memory.json') : path.join(BENCH_DIR, '.work', 'real-memory.json'));
  installCleanupHandlers();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-real-memory-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = appEnv(benchServerEnv(), tmp);
  prepareData(env);
  const lua = {};
  for (const k of Object.keys(APPS)) fs.writeFileSync((lua[k] = path.join(tmp, `mix-${k}.lua`)), mixLua(APPS[k].paths));
  const started = Date.now();
  const runs = Object.fromEntries(cases.map((c) => [caseId(c), []]));
  const result = {
    measuredAt: new Date().toISOString(),
    command: full ? 'npm run bench:real-memory' : `node bench/real-memory.mjs ${process.argv.slice(2).join(' ')}`,
    options: { reps: o.reps, durationS: o.durationS, wrk: `wrk -t2 -c<connections> -d${o.durationS}s -s <mix>.lua after a 2 s warm-up and a 3 s drain` },
    machine: { ...machineInfo(PY, { env }), loadAvgAtStart: loadAvg() },
  };
  const save = () => {
    result.durationS = Math.round((Date.now() - started) / 1000);
    Object.assign(result, summarize(cases, runs));
    result.runs = runs;
    writeAtomic(outFile, JSON.stringify(result, null, 2) + '\n');
    writeAtomic(outFile.replace(/\.json$/, '.md'), memoryMarkdown(result));
  };
  console.log(`real-memory bench: ${cases.length} cases × ${o.reps} reps, load ${loadAvg().join(' ')}`);
  for (let rep = 0; rep < o.reps; rep++) {
    for (const c of cases) {
      if (stoppingSignal()) return;
      const app = APPS[c.appKey];
      const r = await measuredRun({ spec: c, cwd: app.dir, env: { ...env, ...c.env }, luaPath: lua[c.appKey], connections: c.connections, durationS: o.durationS, quietWaitMs: 3000 });
      const { peak, samples, ...keep } = r;
      runs[caseId(c)].push({ rep, ...keep, samples });
      console.log(`rep ${rep + 1}/${o.reps} ${caseId(c).padEnd(36)} ${r.ok ? `total ${mib(r.totalPss)} MiB, worker USS ${mib(r.meanWorkerUss)} MiB, threads ${r.threadsPerWorker.join('/')}, ${r.wrk.rps.toFixed(0)} req/s` : `FAILED ${r.error}`}`);
      save();
    }
  }
  save();
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s: ${path.relative(process.cwd(), outFile)}`);
}

const M = (b) => (b == null ? '–' : mib(b, 1).toFixed(1));
const rngM = (s) => (s?.median == null ? '–' : s.n > 1 ? `${M(s.median)} [${M(s.min)}–${M(s.max)}]` : M(s.median));
const K = (b) => (b == null ? '–' : `${(b / 1024).toFixed(0)} KiB`);

function memoryMarkdown(res) {
  const L = [];
  L.push('# Memory per busy thread and per connection, real apps', '');
  L.push(`Produced by \`${res.command}\` on ${res.measuredAt} (${res.durationS} s). Machine: ${res.machine.cpus} CPUs, Python ${res.machine.python}; load average at start ${res.machine.loadAvgAtStart.join(' ')}.`);
  L.push(`Each run: \`${res.options.wrk}\` with the app's mix (bench/apps/real); memory is the peak of 1 s samples of smaps_rollup over the process tree. ${res.options.reps} reps; MiB, median [min–max].`, '');
  L.push('## Per busy thread (pandas app, gunicorn gthread, 2 workers)', '');
  L.push('| case | connections | total PSS | worker PSS | worker USS | threads / worker | req/s | errors |');
  L.push('|---|---|---|---|---|---|---|---|');
  for (const r of res.rows.filter((x) => x.group === 'threads')) L.push(`| ${r.id} | ${r.connections} | ${rngM(r.totalPss)} | ${rngM(r.workerPss)} | ${rngM(r.workerUss)} | ${r.threadsSeen.median ?? '–'} | ${Math.round(r.rps.median ?? 0)} | ${r.errors} |`);
  L.push('');
  for (const [v, p] of Object.entries(res.perThread)) L.push(`* ${v}: worker USS slope ${K(p.workerUssBytesPerThread)} per busy thread (t=1…16); total PSS / workers slope ${K(p.totalPssBytesPerThread)}; between the two largest counts ${K(p.upperUssBytesPerThread)}. The model uses 152 KiB.`);
  L.push('', '## Per connection (async classes)', '');
  L.push('| case | total PSS | worker PSS | worker USS | threads / worker | req/s | errors+timeouts |');
  L.push('|---|---|---|---|---|---|---|');
  for (const r of res.rows.filter((x) => x.group === 'connections')) L.push(`| ${r.id} | ${rngM(r.totalPss)} | ${rngM(r.workerPss)} | ${rngM(r.workerUss)} | ${r.threadsSeen.median ?? '–'} | ${Math.round(r.rps.median ?? 0)} | ${r.errors} |`);
  L.push('');
  for (const [v, p] of Object.entries(res.perConnection)) L.push(`* ${v}: ${K(p.bytes)} per connection (Δ total PSS c=512 vs c=16 / 496; ${p.threadsAt512} threads per worker at c=512). The model uses 19.4 KiB (gevent) and 16.3 KiB (asyncio).`);
  L.push('', '## Commands', '');
  for (const r of res.rows) L.push(`* ${r.id}: \`${r.command}\` (c=${r.connections})`);
  L.push('');
  return L.join('\n');
}

main().catch(async (e) => {
  if (stoppingSignal()) return;
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
